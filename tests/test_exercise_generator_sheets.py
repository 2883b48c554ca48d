"""``purenn aufgabe`` (the generator), the sheets, and the batch for a class."""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from cli_run import run_main
from purenn.exercises import answer_file, exercise_file, generator, sheets
from purenn.exercises.grading import check
from purenn.exercises.setup import Setup
from purenn.rechenweg.exact import parse_scalar

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "aufgaben"


@pytest.mark.parametrize("structure, acts, difficulty, step", [
    ([2, 3, 2], ["sigmoid", "softmax"], "easy", Fraction(1, 2)),
    ([2, 2, 1], ["relu", "sigmoid"], "medium", Fraction(1, 10)),
    ([3, 2, 2], ["tanh", "identity"], "hard", Fraction(1, 100)),
])
def test_generated_numbers_are_pleasant_and_the_seed_repeats(structure, acts, difficulty, step) -> None:
    for seed in range(1, 6):
        ex = generator.generate(structure, acts, "backprop", seed, difficulty=difficulty)
        assert ex == generator.generate(structure, acts, "backprop", seed, difficulty=difficulty)
        numbers = [e for k in ex.weights for e in ex.weights[k].replace(";", ",").split(",")]
        numbers += ex.input.split(",") if ex.input else []
        assert all((parse_scalar(n, exact=True) / step).denominator == 1 for n in numbers)  # short decimals
        t = Setup.from_exercise(ex).trace()
        assert all(abs(float(v)) <= generator.MAX_Z for layer in t.layers for v in layer.z.flat())
        assert all(abs(float(d)) >= generator.MIN_DELTA for back in t.backward for d in back.delta.flat())
    assert generator.generate(structure, acts, "backprop", 1, difficulty=difficulty) != \
        generator.generate(structure, acts, "backprop", 2, difficulty=difficulty)


def test_the_answer_key_of_a_solution_sheet_is_graded_all_right() -> None:
    setup = Setup.from_exercise(generator.generate([2, 3, 2], ["sigmoid", "softmax"], "backprop", 17))
    g = check(setup, answer_file.parse(sheets.answer_key(setup)))
    assert g.exit_code == 0 and len(g.verdicts) == 50 and not g.missing


def test_sheets_say_what_is_given_and_show_the_rechenweg() -> None:
    setup = Setup.from_exercise(exercise_file.read(EXAMPLES / "training-backprop.txt"))
    problem = sheets.problem_sheet(setup, "markdown")
    assert "## Gegeben" in problem and "0.25" in problem and "## Gesucht" in problem and "0.9168" not in problem
    solution = sheets.solution_sheet(setup, "markdown")
    assert "0.9168" in solution and "Lösungsschlüssel" in solution
    latex = sheets.solution_sheet(setup, "latex")
    assert latex.startswith("\\documentclass") and latex.rstrip().endswith("\\end{document}")


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex is not installed here (Debian: texlive-latex-base, texlive-latex-recommended)")
def test_the_latex_sheets_compile_with_pdflatex(tmp_path: Path) -> None:
    """Four course exercises (one a mini-batch) and a generated softmax one (.ci/run installs pdflatex)."""
    exercises = [(name, exercise_file.read(EXAMPLES / name))
                 for name in ("training-backprop.txt", "matrizen-backprop.txt", "ki-feedforward.txt",
                              "matrizen-minibatch.txt")]
    exercises.append(("generated-softmax", generator.generate([2, 3, 2], ["sigmoid", "softmax"], "backprop", 17)))
    for name, ex in exercises:
        setup = Setup.from_exercise(ex)
        for kind, text in (("blatt", sheets.problem_sheet(setup, "latex")),
                           ("loesung", sheets.solution_sheet(setup, "latex"))):
            tex = tmp_path / f"{kind}-{name}.tex"
            tex.write_text(text, encoding="utf-8")
            # TeX writes its log in the input's bytes, not always UTF-8: read it leniently
            r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                               cwd=tmp_path, capture_output=True, timeout=120)
            assert r.returncode == 0, r.stdout.decode("utf-8", "replace")[-2000:]
            assert tex.with_suffix(".pdf").stat().st_size > 1000, tex.name


def test_aufgabe_command_and_the_batch_for_a_class(tmp_path: Path) -> None:
    r = run_main("aufgabe", "--structure", "2-3-2", "--act", "sigmoid,softmax", "--ask", "backprop", "--seed", "17")
    assert r.returncode == 0
    assert exercise_file.parse(r.stdout) == generator.generate([2, 3, 2], ["sigmoid", "softmax"], "backprop", 17)
    r = run_main("aufgabe", "--seeds", "3-5", "--sheets", "markdown", "--out", str(tmp_path / "klasse"))
    assert r.returncode == 0
    names = sorted(p.name for p in (tmp_path / "klasse").iterdir())
    assert names == sorted(f"{k}-{s}.{e}" for s in (3, 4, 5) for k, e in
                           (("aufgabe", "txt"), ("blatt", "md"), ("loesung", "md")))
    key = tmp_path / "key.txt"
    r = run_main("blatt", str(tmp_path / "klasse" / "aufgabe-4.txt"), "--key", "--out", str(key))
    assert r.returncode == 0
    assert run_main("check", str(tmp_path / "klasse" / "aufgabe-4.txt"), str(key)).returncode == 0
    assert run_main("aufgabe", "--seeds", "1-3").returncode == 2


def test_a_seed_gives_the_same_exercise_on_every_interpreter() -> None:
    """Pinned on purpose: CI runs this on CPython 3.9–3.13 and PyPy, and a student's seed must mean one
    exercise everywhere (checked by hand on CPython 3.9, 3.11 and PyPy when the generator was written)."""
    ex = generator.generate([2, 3, 2], ["sigmoid", "softmax"], "backprop", 17)
    assert (ex.weights[1], ex.biases[1], ex.input, ex.target) == ("2, 1; 0, 0.5; 0, -1", "1, 0, -1", "-1, 2", "1, 0")
    ex = generator.generate([2, 2, 1], ["relu", "sigmoid"], "backprop", 3, difficulty="medium")
    assert ex.weights[1] == "-0.6, 2; -1.1, 1.3"
