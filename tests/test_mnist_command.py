"""`purenn mnist`: a short real training run, the command as a subprocess, Ctrl-C, bad options."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from purenn import Network
from purenn.evaluation import evaluate_classifier
from purenn.io.mnist import load_embedded

ROOT = Path(__file__).resolve().parent.parent


def run_purenn(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "purenn", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_a_short_training_run_on_shipped_digits_clearly_beats_chance():
    train, test = load_embedded()
    net = Network.create([784, 30, 10], hidden="relu", output="softmax", seed=1)
    history = net.train(train[:600], epochs=3, batch_size=10, eta=0.05, seed=1)
    accuracy = evaluate_classifier(net, test).accuracy
    # chance is 10 %; 600 digits and three epochs reach about 80 %
    assert accuracy > 0.7
    assert history[-1].loss < history[0].loss


def test_the_command_trains_reports_and_saves(tmp_path):
    model, plot = tmp_path / "m.json", tmp_path / "c.svg"
    r = run_purenn("mnist", "--epochs", "1", "--train", "500", "--save", str(model), "--plot", str(plot))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "500 zum Training, 500 zurückgehalten" in out
    assert "Epoche 1/1:" in out and "\r" not in out  # not a terminal: one plain line per epoch
    assert re.search(r"\nTrainingszeit: \d+:\d\d für 1 Epoche, \d+\.\d s pro Epoche\n", out)
    assert "Genauigkeit auf 500 zurückgehaltenen Ziffern" in out
    assert "Konfusionsmatrix" in out and "Anteil richtig pro Ziffer" in out
    assert "Falsch erkannt" in out and "Gespeichert: " + str(model) in out
    net = Network.load(model)
    assert net.structure == [784, 100, 10]  # the default hidden layer
    accuracy = float(out.split("zurückgehaltenen Ziffern: ")[1].split(" %")[0])
    assert 40 < accuracy <= 100
    assert plot.read_text().startswith("<svg")
    # evaluating the saved model gives the same figure
    again = run_purenn("mnist", "--model", str(model), "--epochs", "0")
    assert again.returncode == 0, again.stderr
    assert f"zurückgehaltenen Ziffern: {accuracy:.1f} %" in again.stdout
    assert "Gespeichert" not in again.stdout


def test_english_output(tmp_path):
    r = run_purenn("mnist", "--epochs", "1", "--train", "100", "--test", "50", "--no-save", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "Accuracy on 50 held-out digits" in r.stdout and "Saved" not in r.stdout


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_saves_the_last_finished_epoch_beside_the_model(tmp_path):
    model = tmp_path / "m.json"
    good = Network.create([784, 40, 10], output="softmax", seed=5).save(model).read_bytes()
    p = subprocess.Popen(
        [sys.executable, "-m", "purenn", "mnist", "--epochs", "200", "--train", "300", "--test", "100",
         "--save", str(model)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = p.stdout.readline()
        lines.append(line)
        if line.startswith("Epoche 1/200"):
            break
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    out = "".join(lines) + out
    assert p.returncode == 130, err
    assert "Abgebrochen (Strg-C) nach " in out and "unvollständig: der Stand nach Epoche" in out
    assert f"{model} bleibt unverändert" in out
    assert model.read_bytes() == good  # the finished model is not replaced by an unfinished one
    assert Network.load(tmp_path / "m.partial.json").structure == [784, 100, 10]
    assert sorted(os.listdir(tmp_path)) == ["m.json", "m.partial.json"]  # no temporary file left


@pytest.mark.parametrize("args, text", [
    (["--train", "0"], "--train must be at least 1"),
    (["--epochs", "-1"], "--epochs must be 0 or more"),
    (["--eta", "-0.1"], "--eta must be positive"),
    (["--model", "does-not-exist.json"], "does-not-exist.json"),
    (["--hidden", "30,x"], "expected whole numbers"),
])
def test_bad_options_give_one_line_and_exit_2(args, text):
    r = run_purenn("mnist", "--no-save", *args)
    assert r.returncode == 2
    assert text in r.stderr


def test_a_model_of_the_wrong_shape_is_refused(tmp_path):
    path = Network.create([3, 2], seed=0).save(tmp_path / "small.json")
    r = run_purenn("mnist", "--model", str(path), "--epochs", "0")
    assert r.returncode == 2 and "784 inputs and 10 outputs" in r.stderr
