"""The offline page's Python (web/purenn_page.py) and its build (scripts/web/build.py), with plain CPython.

The page runs the same functions inside Pyodide; the real-browser test in
.ci/run (scripts/web/browser-test.mjs) drives them through the page.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import List

import pytest

from cli_run import run_main
from purenn.cli.commands.mnist import DEFAULT_ETA, DEFAULT_HIDDEN

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page = _load("purenn_page", ROOT / "web" / "purenn_page.py")
build = _load("purenn_web_build", ROOT / "scripts" / "web" / "build.py")

# 'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel
EXERCISE = {"W1": "2,1;1,2;0.5,3", "b1": "-1,0,-0.25", "W2": "0,1,0;1,-1,1", "b2": "-1,0",
            "act": "sigmoid,softmax", "input": "1.3,0.8"}
EXERCISE_ARGS = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
                 "--act", "sigmoid,softmax", "--input", "1.3,0.8"]


@pytest.mark.parametrize("extra, options", [
    ({}, []),
    ({"format": "latex", "notation": "matrizen", "lang": "en"}, ["--notation", "matrizen", "--format", "latex", "--lang", "en"]),
    ({"target": "0,1", "eta": "0.5", "exact": True}, ["--target", "0,1", "--eta", "0.5", "--exact"]),
])
def test_the_page_shows_what_the_command_line_prints(extra: dict, options: List[str]) -> None:
    command = "backprop" if "target" in extra else "forward"
    page_result = page.run_command(page.rechenweg_argv({**EXERCISE, **extra}))
    cli = run_main(command, *EXERCISE_ARGS, *options)
    assert cli.returncode == 0 and page_result["code"] == 0
    assert page_result["stdout"] == cli.stdout


def test_a_target_makes_it_backprop_and_eta_without_target_is_left_out() -> None:
    assert page.rechenweg_argv({**EXERCISE, "eta": "0.5"})[0] == "forward"
    assert "--eta=0.5" not in page.rechenweg_argv({**EXERCISE, "eta": "0.5"})
    assert page.rechenweg_argv({**EXERCISE, "target": "0,1", "eta": "0.5"})[0] == "backprop"


def test_a_mistake_in_the_form_is_the_command_lines_sentence() -> None:
    result = page.run_command(page.rechenweg_argv({**EXERCISE, "b1": "-1,0"}))
    assert result["code"] == 2
    assert "--b1 has 2 entries, but --W1 has 3 rows" in result["stderr"]


def test_a_pasted_command_line_fills_the_form_that_gives_it_back() -> None:
    text = ('purenn backprop --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --W2 "0,1,0;1,-1,1" --b2 "-1,0" \\\n'
            '    --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5')
    form = page.form_from_command(text)
    assert form == {**EXERCISE, "target": "0,1", "eta": "0.5"}
    assert page.rechenweg_argv(form)[1:5] == ["--W1=2,1;1,2;0.5,3", "--b1=-1,0,-0.25", "--W2=0,1,0;1,-1,1", "--b2=-1,0"]
    with pytest.raises(ValueError, match="--frobnicate is not an option"):
        page.form_from_command("purenn forward --frobnicate 3")


def _drawn(pixels: List[float], zoom: int, top: int, left: int, size: int) -> List[float]:
    """A 28×28 digit drawn ``zoom`` times as large at (top, left) on a size×size canvas."""
    canvas = [0.0] * (size * size)
    for r in range(28 * zoom):
        for c in range(28 * zoom):
            canvas[(top + r) * size + left + c] = pixels[(r // zoom) * 28 + c // zoom]
    return canvas


@pytest.mark.parametrize("zoom, top, left", [(10, 0, 0), (5, 3, 131)])
def test_a_shipped_digit_drawn_large_comes_back_as_itself(zoom: int, top: int, left: int) -> None:
    # MNIST's digits are scaled to fit 20×20 and centred by their centre of mass in 28×28;
    # one drawn larger and anywhere on the canvas must therefore come back unchanged.
    for index in (0, 1, 7):
        digit = page.test_digit(index)["pixels"]
        again = page.digit_from_drawing(_drawn(digit, zoom, top, left, 280), 280, 280)
        assert max(abs(a - b) for a, b in zip(again, digit)) < 1e-9


def test_an_empty_drawing_says_so() -> None:
    with pytest.raises(ValueError, match="nothing is drawn"):
        page.digit_from_drawing([0.0] * 100, 10, 10)


def test_predict_needs_a_trained_network_and_784_pixels() -> None:
    page._state.clear()
    with pytest.raises(ValueError, match="train the network first"):
        page.predict([0.0] * 784)


def test_the_zip_is_reproducible_and_runs_without_the_checkout(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    count = build.write_zip(first)
    build.write_zip(second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert count == len(names)
    assert {"purenn/__init__.py", "purenn/data/mnist-5k-images-idx3-ubyte.gz", "purenn_page.py"} <= set(names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    # the page's Python, unpacked elsewhere, imports purenn from the zip's copy
    site = tmp_path / "site"
    zipfile.ZipFile(first).extractall(site)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import purenn_page, purenn; "
            "print(purenn.__file__); print(purenn_page.run_command(['forward', '--W1=2', '--b1=1', "
            "'--act=relu', '--input=0.5'])['stdout'].splitlines()[-1])")
    out = subprocess.run([sys.executable, "-c", code, str(site)], capture_output=True, text=True,
                         cwd=tmp_path, check=True).stdout.splitlines()
    assert out[0].startswith(str(site))
    assert out[-1].strip() == "a¹ = (2)ᵀ"


def test_a_test_digit_crosses_to_javascript_as_json() -> None:
    # the page draws held-out digits; their compact pixels must arrive as a plain list of 784 numbers
    d = page.test_digit(0)
    pixels = json.loads(json.dumps(d))["pixels"]
    assert len(pixels) == 784 and all(0 <= v <= 1 for v in pixels) and max(pixels) == 1.0


def test_the_answer_field_waits_for_purenn_check() -> None:
    # the page shows its answer field only when this purenn has `purenn check` (purenn.exercises)
    available = importlib.util.find_spec("purenn.exercises") is not None
    assert page.answer_check_available() is available
    if not available:
        with pytest.raises(ValueError, match="no answer check"):
            page.check_answers(EXERCISE, "z1_1 = 2.4")


def test_the_answer_field_grades_with_purenn_check() -> None:
    # the page's answers go to the real `purenn check`: z¹₁ = 2·1.3 + 1·0.8 − 1 = 2.4 is right, E = 5 is not
    form = {**EXERCISE, "target": "0,1", "eta": "0.5"}
    result = page.check_answers(form, "z1_1 = 2.4\nE = 5")
    assert result["code"] == 1, result
    assert "✓ z¹₁ = 2.4" in result["stdout"] and "✗ E = 5" in result["stdout"]


def test_what_the_page_gets_back_is_json() -> None:
    # the worker sends every answer as JSON: a shipped digit must come as 784 plain floats in 0..1
    digit = json.loads(json.dumps(page.test_digit(3)))
    assert len(digit["pixels"]) == 784 and 0 <= min(digit["pixels"]) and max(digit["pixels"]) == 1.0
    assert 0 <= digit["label"] <= 9


def test_the_mnist_settings_default_to_the_command_lines() -> None:
    # an empty field means what `purenn mnist` means without the option: the same network, the same η
    result = page.train_mnist({"epochs": 1, "train": 20, "test": 10}, lambda text: None)
    assert result["structure"] == [784, DEFAULT_HIDDEN, 10] and result["eta"] == DEFAULT_ETA["relu"]


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "aufgaben").glob("*.txt")), ids=lambda p: p.stem)
def test_a_pasted_exercise_file_gives_the_rechenweg_of_the_file(path: Path) -> None:
    # the paste box takes an exercise file as well: the form it fills shows what `purenn forward/backprop FILE` prints
    form = page.form_from_text(path.read_text(encoding="utf-8"))
    argv = page.rechenweg_argv({**form, "format": "text"})
    cli = run_main(argv[0], str(path))
    assert cli.returncode == 0, cli.stderr
    assert page.run_command(argv)["stdout"] == cli.stdout


def test_a_pasted_exercise_file_grades_answers_as_purenn_check_does() -> None:
    exercise = ROOT / "examples" / "aufgaben" / "training-backprop.txt"
    answers = ROOT / "examples" / "antworten" / "training-backprop.txt"
    form = page.form_from_text(exercise.read_text(encoding="utf-8"))
    assert form["eta"] == "0.5" and form["target"] == "0, 1"  # 'eta = 0,5' in the file: a German decimal comma
    result = page.check_answers(form, answers.read_text(encoding="utf-8"))
    cli = run_main("check", str(exercise), str(answers))
    assert result["code"] == cli.returncode == 1
    # the marks and the summary are the same; only the heading names the file's title
    assert result["stdout"].split("Antworten\n")[1] == cli.stdout.split("Antworten\n")[1]


def test_a_pasted_text_is_a_command_line_only_when_it_reads_as_one() -> None:
    assert page.form_from_text("purenn forward --W1 2 --b1 1 \\\n  --act relu --input 0.5") == {
        "W1": "2", "b1": "1", "act": "relu", "input": "0.5"}
    # an exercise that asks for the forward pass only: the page leaves the target out
    assert "target" not in page.form_from_text("W1 = 2\nb1 = 1\nact = relu\ninput = 0.5\ntarget = 1\nask = forward")
    with pytest.raises(ValueError, match="unknown key 'frobnicate'"):
        page.form_from_text("W1 = 2\nfrobnicate = 3")


def test_the_training_reports_the_running_loss_for_the_live_curve() -> None:
    messages: List[dict] = []
    result = page.train_mnist({"hidden": 8, "epochs": 1, "train": 200, "test": 10}, lambda t: messages.append(json.loads(t)),
                              every=0.0)
    assert len(messages) == 200 // 10 + 1  # every mini-batch of 10, and once more with the epoch's result
    assert all(0 < m["loss"] and 0 <= m["accuracy"] <= 1 for m in messages)
    # the last running figures are the epoch's
    assert messages[-1]["loss"] == messages[-2]["loss"] == result["history"][0]["loss"]
    assert messages[-2]["accuracy"] == result["history"][0]["accuracy"]


def test_the_form_takes_a_mini_batch_separated_by_bars() -> None:
    # 'Matrizen' §3.7: two examples in the input and target fields give the batch Rechenweg of purenn backprop
    form = {**EXERCISE, "input": "1.3,0.8 | 0.5,-1", "target": "0,1 | 1,0", "eta": "0.5", "format": "text"}
    argv = page.rechenweg_argv(form)
    assert argv.count("--input=1.3,0.8") == 1 and "--input=0.5,-1" in argv and "--target=1,0" in argv
    cli = run_main("backprop", *EXERCISE_ARGS, "--input", "0.5,-1", "--target", "0,1", "--target", "1,0",
                   "--eta", "0.5")
    assert cli.returncode == 0 and "N = 2" in cli.stdout
    assert page.run_command(argv)["stdout"] == cli.stdout
