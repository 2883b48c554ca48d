"""`purenn mnist` never loses a good model: --epochs 0, Ctrl-C (once or twice), output paths checked first."""

import os

import pytest

from purenn import Network
from purenn.cli.commands import mnist

from cli_run import run_main

SMALL = ["--train", "40", "--test", "20", "--hidden", "8", "--show-wrong", "0"]


@pytest.fixture
def good_model(tmp_path):
    path = Network.create([784, 8, 10], output="softmax", seed=7).save(tmp_path / "m.json")
    return path, path.read_bytes()


def _interrupt_in_epoch(monkeypatch, epoch):
    """Ctrl-C at the first mini-batch of ``epoch``, as the progress bar would receive it."""

    class Bar:
        def __init__(self, **kwargs):
            pass

        def __call__(self, p):
            if p.epoch == epoch and p.result is None:
                raise KeyboardInterrupt

    monkeypatch.setattr(mnist, "ProgressBar", Bar)


def test_epochs_0_without_a_model_only_evaluates_and_writes_nothing(good_model):
    path, before = good_model
    r = run_main("mnist", "--epochs", "0", "--save", str(path), *SMALL)
    assert r.returncode == 0, r.stderr
    assert "--epochs 0: nur ausgewertet, nichts gespeichert." in r.stdout
    assert path.read_bytes() == before


def test_ctrl_c_after_two_epochs_saves_epoch_2_beside_the_target(monkeypatch, good_model):
    path, before = good_model
    _interrupt_in_epoch(monkeypatch, 3)
    r = run_main("mnist", "--epochs", "5", "--save", str(path), "--lang", "en", *SMALL)
    assert r.returncode == 130, r.stderr
    assert "Interrupted (Ctrl-C) after 2 of 5 epochs." in r.stdout
    partial = path.with_name("m.partial.json")
    assert f"Saved: {partial} (unfinished: the network after epoch 2 of 5); {path} is left unchanged." in r.stdout
    assert path.read_bytes() == before
    # the partial file is epoch 2 exactly: the same run stopped after 2 epochs gives the same weights
    monkeypatch.undo()
    two = path.with_name("two.json")
    assert run_main("mnist", "--epochs", "2", "--save", str(two), *SMALL).returncode == 0
    assert Network.load(partial).layers == Network.load(two).layers


def test_ctrl_c_in_the_first_epoch_saves_nothing(monkeypatch, good_model):
    path, before = good_model
    _interrupt_in_epoch(monkeypatch, 1)
    r = run_main("mnist", "--epochs", "3", "--save", str(path), *SMALL)
    assert r.returncode == 130
    assert f"Keine Epoche fertig: nichts gespeichert; {path} bleibt unverändert." in r.stdout
    assert path.read_bytes() == before and sorted(os.listdir(path.parent)) == ["m.json"]


def test_a_second_ctrl_c_ends_cleanly_and_keeps_what_was_saved(monkeypatch, good_model):
    path, before = good_model
    _interrupt_in_epoch(monkeypatch, 2)

    def report(*args):
        raise KeyboardInterrupt  # the second Ctrl-C, while the accuracy is computed

    monkeypatch.setattr(mnist, "_report", report)
    r = run_main("mnist", "--epochs", "3", "--save", str(path), *SMALL)
    assert r.returncode == 130
    assert r.stderr == "purenn mnist: abgebrochen (Strg-C) / interrupted (Ctrl-C)\n"
    assert path.read_bytes() == before
    assert Network.load(path.with_name("m.partial.json")).structure == [784, 8, 10]


def test_ctrl_c_during_start_up_ends_cleanly(monkeypatch):
    def load(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(mnist, "_load", load)
    r = run_main("mnist", "--no-save", *SMALL)
    assert r.returncode == 130 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("option, make, code, text", [
    ("--save", lambda d: d / "missing" / "m.json", 2, "the folder"),
    ("--save", lambda d: d, 1, "is a folder, not a file"),
    ("--plot", lambda d: (d / "file").write_text("x") and d / "file" / "c.svg", 1, "is a file, not a folder"),
])
def test_output_paths_are_checked_before_training(monkeypatch, tmp_path, option, make, code, text):
    def no_training(*args):
        raise AssertionError("trained although the output path cannot be written")

    monkeypatch.setattr(mnist, "_train", no_training)
    args = ["--save", str(tmp_path / "ok.json")] if option == "--plot" else []
    r = run_main("mnist", option, str(make(tmp_path)), *args, *SMALL)
    assert r.returncode == code and r.stdout == "" and text in r.stderr, r.stderr


def test_the_model_is_written_before_the_plot(tmp_path):
    r = run_main("mnist", "--epochs", "1", "--save", str(tmp_path / "m.json"), "--plot", str(tmp_path / "c.svg"), *SMALL)
    assert r.returncode == 0, r.stderr
    assert r.stdout.index("Gespeichert:") < r.stdout.index("Lernkurven:")


def test_a_huge_eta_stops_with_advice_and_saves_nothing(good_model):
    path, before = good_model
    r = run_main("mnist", "--eta", "1e6", "--save", str(path), "--train", "300", "--test", "20", "--hidden", "8")
    assert r.returncode == 1
    assert r.stderr.startswith("purenn mnist: error: training diverged: ") and r.stderr.count("\n") == 1
    assert "try a smaller one (e.g. 100000)" in r.stderr
    assert path.read_bytes() == before
