"""``purenn params``, ``purenn forward`` and ``purenn backprop``: in this process through ``main(argv)``, and once as a real process."""

import subprocess
import sys
from pathlib import Path

import pytest

from purenn import Layer, Matrix, Network

from cli_run import run_main

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
            "--act", "sigmoid,softmax"]


def purenn(*args):
    """The command in this process (``main(argv)``), as (exit code, stdout, stderr)."""
    done = run_main(*args)
    return done.returncode, done.stdout, done.stderr


def purenn_subprocess(*args):
    """The command as a user starts it, ``python -m purenn``, for the few tests that need a real process."""
    done = subprocess.run([sys.executable, "-m", "purenn", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    return done.returncode, done.stdout, done.stderr


# -- params -------------------------------------------------------------------------------


def test_params_the_slides_example():
    code, out, err = purenn("params", "5", "8", "1")
    assert code == 0 and err == ""
    assert "n·m + n = (m + 1)·n" in out
    assert "Schicht 1: 5 Inputs, Bias, 8 Neuronen\n    (5 + 1)·8 = 6·8 = 48 Parameter" in out
    assert "Schicht 2: 8 Inputs, Bias, 1 Neuron\n    (8 + 1)·1 = 9·1 = 9 Parameter" in out
    assert "Insgesamt: 48 + 9 = 57 Parameter" in out


def test_params_the_realistic_network_in_both_languages():
    _, de, _ = purenn("params", "300", "1000", "1000", "128")
    # groups of three digits with a thin space, as the document writes 1 430 128
    assert "(300 + 1)·1000 = 301·1000 = 301\u2009000 Parameter" in de
    assert "Insgesamt: 301\u2009000 + 1\u2009001\u2009000 + 128\u2009128 = 1\u2009430\u2009128 Parameter" in de
    code, en, _ = purenn("params", "300-1000-1000-128", "--lang", "en", "--format", "markdown")
    assert code == 0
    assert r"**Total: $301\,000 + 1\,001\,000 + 128\,128 = 1\,430\,128$ parameters**" in en


# -- forward ------------------------------------------------------------------------------


def test_forward_the_parameter_exercise():
    code, out, err = purenn("forward", *EXERCISE, "--input", "1.3,0.8")
    assert code == 0 and err == ""
    assert "z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + b¹₁ = 2·1.3 + 1·0.8 + (−1) = 3.4 + (−1) = 2.4\n" in out
    assert "a¹₁ = σ(z¹₁) = σ(2.4) = 1 / (1 + e^(−2.4)) ≈ 0.9168\n" in out
    assert "a² ≈ (0.2761, 0.7239)ᵀ" in out


def test_forward_woche10_exact():
    code, out, _ = purenn("forward", "--W1", "5 2 4", "--b1", "1", "--act", "relu",
                          "--input", "0.2 0.1 0.25", "--exact")
    assert code == 0
    assert "= 5·0.2 + 2·0.1 + 4·0.25 + 1 = 2.2 + 1 = 3.2\n" in out
    assert "a¹₁ = ReLU(z¹₁) = max(0, 3.2) = 3.2\n" in out


def test_forward_from_a_file_as_latex_in_the_matrizen_notation(tmp_path):
    net = Network([Layer(Matrix([[-0.5, 4], [3, -5], [1, -2]]), Matrix.column([0, 0, 0]), "relu")])
    path = net.save(tmp_path / "netz.json")
    code, out, _ = purenn("forward", str(path), "--input", "2,-6", "--exact", "--notation", "matrizen",
                          "--format", "latex", "--lang", "en")
    assert code == 0
    assert r"\begin{align*}" in out
    assert r"z^{1}_{0} &= w^{1}_{0,0} \cdot a^{0}_{0} + w^{1}_{1,0} \cdot a^{0}_{1} + b^{1}_{0}" in out
    assert r"= -0.5 \cdot 2 + 4 \cdot (-6) + 0 = -25 + 0 = -25" in out
    assert r"a^{1} &= \begin{pmatrix} 0 \\ 36 \\ 14 \end{pmatrix}" in out


# -- backprop ------------------------------------------------------------------------------


def test_backprop_the_exercise_with_a_step():
    code, out, err = purenn("backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "0,1", "--eta", "0.5")
    assert code == 0 and err == ""
    assert "Verlust (Kreuzentropie)" in out
    assert "δ²₂ = a²₂ − y₂ = 0.7239 − 1 ≈ −0.2761" in out
    assert "∂E/∂w¹₃₂ = δ¹₃·x₂ = −0.0149·0.8 ≈ −0.0119" in out
    assert "Lernrate η = 0.5: neue Parameter nach einem Gradientenschritt" in out
    assert "w¹₃₂ ← w¹₃₂ − η·∂E/∂w¹₃₂ = 3 − 0.5·(−0.0119) ≈ 3.006" in out


def test_backprop_exact_in_the_ki_notation_with_a_chosen_loss():
    code, out, _ = purenn("backprop", "--W1", "5,2,4", "--b1", "1", "--act", "relu", "--input", "0.2,0.1,0.25",
                          "--target", "3", "--loss", "half_squared_error", "--eta", "0.1", "--exact",
                          "--notation", "ki", "--decimals", "2")
    assert code == 0
    assert "C = ½·(y₀ − a⁽¹⁾₀)² = ½·(3 − 3.2)² = 0.02" in out
    assert "w⁽¹⁾₀,₁ ← w⁽¹⁾₀,₁ − η·∂C/∂w⁽¹⁾₀,₁ = 5 − 0.1·0.04 = 4.996" in out
    assert "w⁽¹⁾₀,₀ ← w⁽¹⁾₀,₀ − η·∂C/∂w⁽¹⁾₀,₀ = 1 − 0.1·0.2 = 0.98" in out


BATCH = ["--W1", "0.5,-1;1,0.25", "--b1", "0.1,-0.3", "--W2", "1.5,-2", "--b2", "0.2", "--act", "sigmoid,sigmoid",
         "--input", "1.3,0.8", "--target", "0.45", "--input", "0.5,-1", "--target", "1",
         "--input", "0,1", "--target", "0", "--loss", "half_squared_error", "--eta", "0.5"]


def test_backprop_a_mini_batch_as_matrizen_writes_it():
    code, out, err = purenn("backprop", *BATCH, "--notation", "matrizen")
    assert code == 0 and err == ""
    net = Network([Layer(Matrix([[0.5, -1], [1, 0.25]]), Matrix.column([0.1, -0.3]), "sigmoid"),
                   Layer(Matrix([[1.5, -2]]), Matrix.column([0.2]), "sigmoid")])
    X, Y = Matrix.from_columns([[1.3, 0.8], [0.5, -1], [0, 1]]), Matrix.row([0.45, 1, 0])
    g = net.backward(X, Y, loss="half_squared_error")
    assert "Mini-Batch: N = 3 Beispiele" in out
    assert "Logits: Z¹ = W¹·A⁰ + B¹" in out and "Schicht 1: [δ¹] = (W²)ᵀ·[δ²] ⊙ σ'(Z¹)" in out
    assert "Schicht 2: ∂E/∂W² = [δ²]·(A¹)ᵀ, ∂E/∂b² = [δ²]·(1, …, 1)ᵀ" in out
    assert f"∂E/∂b²₀ = Σₖ δ²,ᵏ₀ = " in out and f"≈ {g.db(2)[0, 0]:.4f}".replace("-", "−") in out
    net.step(g, 0.5)
    assert f"w²₀,₀ ← w²₀,₀ − (η / N)·∂E/∂w²₀,₀ = 1.5 − (0.5 / 3)·" in out
    assert f"≈ {net.W(2)[0, 0]:.4f}" in out


def test_backprop_batch_needs_one_target_per_input():
    code, _, err = purenn("backprop", *EXERCISE, "--input", "1.3,0.8", "--input", "1,1", "--target", "0,1")
    assert code == 2
    assert "--target is given 1 time, but --input 2 times: one target per example" in err


def test_forward_a_mini_batch():
    code, out, _ = purenn("forward", *EXERCISE, "--input", "1.3,0.8", "--input", "0,0")
    assert code == 0
    assert "z¹,⁽²⁾₁" not in out and "z¹,²₁ = w¹₁₁·x⁽²⁾₁ + w¹₁₂·x⁽²⁾₂ + b¹₁ = 2·0 + 1·0 + (−1) = 0 + (−1) = −1" in out


@pytest.mark.parametrize("choice, delta", [("0", "δ¹₁ = ∂E/∂a¹₁·ReLU'(z¹₁) = −2·0 = 0"),
                                           ("1", "δ¹₁ = ∂E/∂a¹₁·ReLU'(z¹₁) = −2·1 = −2")])
def test_backprop_relu_derivative_at_0(choice, delta):
    code, out, _ = purenn("backprop", "--W1", "1,-1", "--b1", "0", "--act", "relu", "--input", "2,2",
                          "--target", "1", "--relu-derivative-at-0", choice)
    assert code == 0 and delta in out
    code, _, err = purenn("backprop", "--W1", "1,-1", "--b1", "0", "--act", "relu", "--input", "2,2",
                          "--target", "1", "--relu-derivative-at-0", "2")
    assert code == 2 and "--relu-derivative-at-0: 2 gibt es nicht, möglich sind: 0, 1" in err


# -- bad input: one line on stderr, exit code 2 ----------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["forward", "--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1", "--b2", "-1,0",
      "--act", "sigmoid,softmax", "--input", "1.3,0.8"], "--W2: row 2 has 2 entries, row 1 has 3"),
    (["forward", "--W1", "2,1;1,2", "--act", "relu", "--input", "1,2"],
     "--W1 is given but --b1 is missing: every layer needs its bias"),
    (["forward", "--W1", "2,1", "--b1", "0", "--act", "sigmund", "--input", "1,2"],
     "--act, layer 1: unknown activation 'sigmund'"),
    (["forward", "--W1", "2,1", "--b1", "0", "--W2", "1,2", "--b2", "0", "--act", "relu", "--input", "1,2"],
     "--W2 has 2 columns, but --W1 has 1 row: W^2 needs one column per neuron of layer 1"),
    (["forward", *EXERCISE, "--input", "1.3,0.8,2"],
     "--input has 3 values, but the network has 2 inputs (W^1 has 2 columns)"),
    (["forward", "--W1", "--b1", "0", "--act", "relu", "--input", "1"], '--W1 needs a value, e.g. --W1 "2,1;1,2;0.5,3"'),
    (["forward", "missing.json", "--input", "1"], "network file not found: missing.json"),
    (["forward", "--input", "1"], "no network given"),
    (["forward", *EXERCISE, "--input", "1.3,0.8", "--decimals", "20"], "--decimals must be a whole number from 0 to 15"),
    (["backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "1"],
     "--target has 1 value, but the output layer has 2 neurons"),
    (["backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "0,1", "--eta", "0"],
     "--eta: the learning rate must be positive, got 0"),
    (["backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "0,1", "--loss", "mae"], "--loss: unknown loss 'mae'"),
    (["params", "5"], "give at least two layer sizes"),
    (["params", "5", "acht", "1"], "layer size 2 is 'acht'"),
])
def test_bad_input_is_one_line_and_exit_code_2(args, message):
    code, out, err = purenn(*args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"purenn {args[0]}: error: {message}"), err


def test_a_missing_required_option_is_an_error():
    # --target may also come from an exercise file (purenn backprop aufgabe.txt), so argparse does not require it
    code, _, err = purenn("backprop", *EXERCISE, "--input", "1.3,0.8")
    assert code == 2 and "--target is missing" in err


# -- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command, example", [
    ("params", "purenn params 5 8 1"),
    ("forward", '--W2 "0,1,0;1,-1,1" --b2 "-1,0"'),
    ("backprop", "--target 0,1 --eta 0.5"),
])
def test_help_shows_an_example(command, example):
    code, out, _ = purenn(command, "--help")
    assert code == 0 and "Beispiel" in out and example in out


def test_the_notation_help_names_each_document():
    code, out, _ = purenn("backprop", "--help")
    flat = " ".join(out.split())
    for name, document in (("parameter", "'Parameter in neuronalen Netzen'"), ("matrizen", "'Matrizen in Neuronalen"),
                           ("ki oder course", "'Künstliche Intelligenz selbst gemacht'"), ("woche10 oder w10", "'Woche 10 Theorie'")):
        assert f"{name} ({document}" in flat, name


def test_the_commands_are_listed():
    code, out, _ = purenn("--help")
    assert code == 0
    for command in ("params", "forward", "backprop"):
        assert command in out


def test_a_real_process_prints_what_main_prints():
    # the same Rechenweg from `python -m purenn` as from main(argv): the module runs as a user runs it
    args = ("backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "0,1", "--eta", "0.5")
    in_process = purenn(*args)
    assert purenn_subprocess(*args) == in_process
    assert in_process[0] == 0 and "δ²" in in_process[1]
