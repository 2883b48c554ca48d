"""``purenn forward/backprop aufgabe.txt`` and ``purenn check``, in-process."""

from __future__ import annotations

from pathlib import Path

from cli_run import run_main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "aufgaben"
NET = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
       "--act", "sigmoid,softmax", "--input", "1.3,0.8"]


def test_forward_of_an_exercise_file_is_forward_of_its_options() -> None:
    from_file = run_main("forward", str(EXAMPLES / "parameter-forward.txt"))
    from_options = run_main("forward", *NET)
    assert from_file.returncode == 0 and from_file.stdout == from_options.stdout


def test_options_override_the_exercise_file() -> None:
    out = run_main("backprop", str(EXAMPLES / "training-backprop.txt"), "--eta", "0.1", "--input", "0,0").stdout
    assert "w¹₁₁ ← w¹₁₁ − η·∂E/∂w¹₁₁ = 2 − 0.1·" in out
    assert "z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + b¹₁ = 2·0 + 1·0 + (−1) = 0 + (−1) = −1" in out


def test_forward_without_input_says_so() -> None:
    r = run_main("forward", "--W1", "1 2", "--b1", "0", "--act", "relu")
    assert r.returncode == 2 and "--input is missing" in r.stderr


def test_check_exit_codes(tmp_path: Path) -> None:
    exercise = str(EXAMPLES / "training-backprop.txt")
    right, wrong, bad = tmp_path / "right.txt", tmp_path / "wrong.txt", tmp_path / "bad.txt"
    right.write_text("z1_1 = 2,4\nδ²₁ = 0.2761\nE = 0.3231\n", encoding="utf-8")
    wrong.write_text("z1_1 = 2.4\ndelta1_1 = -0.0233\ndW1_11 = -0.0303\n", encoding="utf-8")
    bad.write_text("z1_1 2.4\n", encoding="utf-8")
    r = run_main("check", exercise, str(right))
    assert r.returncode == 0 and "3 von 3 richtig" in r.stdout
    r = run_main("check", exercise, str(wrong), "--lang", "en")
    assert r.returncode == 1 and "1 of 3 right, 1 consequential error, 1 wrong" in r.stdout
    assert "The first wrong step is δ¹₁" in r.stdout
    r = run_main("check", exercise, str(bad))
    assert r.returncode == 2 and "bad.txt, line 1: expected 'name = value'" in r.stderr


def test_check_with_the_exercise_as_options(tmp_path: Path) -> None:
    answers = tmp_path / "antwort.txt"
    answers.write_text("dW1_12 = -0.0168\nW1_12 = 1.0084\n", encoding="utf-8")
    r = run_main("check", str(answers), *NET, "--target", "0,1", "--eta", "0.5", "--format", "markdown")
    assert r.returncode == 0 and "2 von 2 richtig" in r.stdout and "$\\checkmark$" in r.stdout


def test_check_details_and_a_bad_exercise_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text("z1_1 = 2.4\n", encoding="utf-8")
    r = run_main("check", str(EXAMPLES / "training-backprop.txt"), str(answers), "--details")
    assert r.returncode == 0 and "Rechenweg: z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + b¹₁ = 2·1.3 + 1·0.8 + (−1)" in r.stdout
    bad = tmp_path / "aufgabe.txt"
    bad.write_text("W1 = 1 2\nW2 = 3\n", encoding="utf-8")
    r = run_main("check", str(bad), str(answers))
    assert r.returncode == 2 and "b1 is missing" in r.stderr


def test_a_huge_typed_number_in_an_exercise_or_an_answer_is_one_line_not_a_hang(tmp_path: Path) -> None:
    # Fraction("1e99999999") would compute a number of 100 million digits; every typed number is bounded
    exercise = tmp_path / "aufgabe.txt"
    exercise.write_text("W1 = 5 2 4\nb1 = 1\nact = relu\ninput = 0.2 0.1 1e99999999\nexact = yes\n", encoding="utf-8")
    answers = tmp_path / "antwort.txt"
    answers.write_text("z1_1 = 3.2\n", encoding="utf-8")
    written = exercise.read_bytes(), answers.read_bytes()
    for argv in (["check", str(exercise), str(answers)], ["backprop", str(exercise), "--target", "1"]):
        r = run_main(*argv)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, (argv, r.stderr)
        assert "input: entry 3" in r.stderr and "exponent may be at most ±400" in r.stderr
    assert (exercise.read_bytes(), answers.read_bytes()) == written  # the files are left as they were
    exercise.write_text("W1 = 5 2 4\nb1 = 1\nact = relu\ninput = 0.2 0.1 0.25\nexact = yes\n", encoding="utf-8")
    answers.write_text("z1_1 = 3.2\na1_1 = 1e99999999\n", encoding="utf-8")
    r = run_main("check", str(exercise), str(answers))
    assert r.returncode == 2 and "line 2" in r.stderr and "exponent may be at most ±400" in r.stderr
