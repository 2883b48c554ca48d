"""Mini-batch exercises: several input/target lines, read by ``purenn backprop aufgabe.txt``.

The example file is the batch computation of 'Matrizen in Neuronalen Netzen'
§3.7–3.8 (the document computes no numbers; the values are chosen). Its
Rechenweg is held to the core's ``Network.backward`` and ``Network.step`` and
to a gradient written out here by hand.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Dict

import pytest

from cli_run import run_main
from purenn.exercises import exercise_file, generator
from purenn.exercises.exercise_file import ExerciseError
from purenn.exercises.setup import Setup
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aufgaben" / "matrizen-minibatch.txt"
X = [[1.3, 0.8], [0.5, -1.0], [0.0, 1.0]]  # the three examples of the file, as written there
Y = [[0.45], [1.0], [0.0]]


def the_network() -> Network:
    return Network([Layer(Matrix([[0.5, -1], [1, 0.25]]), Matrix.column([0.1, -0.3]), "sigmoid"),
                    Layer(Matrix([[1.5, -2]]), Matrix.column([0.2]), "sigmoid")])


def test_the_file_holds_every_example_in_order_and_writes_back_the_same() -> None:
    ex = exercise_file.read(EXAMPLE)
    assert ex.ask == "minibatch" and ex.N == 3
    assert ex.inputs == ("1.3 0.8", "0.5 -1", "0 1") and ex.targets == ("0.45", "1", "0")
    assert (ex.input, ex.target, ex.eta) == ("1.3 0.8", "0.45", "0.5")
    assert exercise_file.parse(exercise_file.write(ex)) == ex


def test_several_inputs_without_ask_are_a_minibatch_and_one_input_stays_one_example() -> None:
    ex = exercise_file.parse("W1 = 1 2\nb1 = 0\ninput = 1 0\ntarget = 1\ninput = 0 1\ntarget = 0\n")
    assert ex.ask == "minibatch" and ex.inputs == ("1 0", "0 1") and ex.targets == ("1", "0")
    one = exercise_file.parse("W1 = 1 2\nb1 = 0\ninput = 1 0\ntarget = 1\n")
    assert one.ask == "backprop" and one.N == 1 and one.inputs == ()


@pytest.mark.parametrize("text, message", [
    ("W1 = 1 2\nb1 = 0\ninput = 1 0\ntarget = 1\ninput = 0 1\n", "2 input lines but 1 target lines"),
    ("W1 = 1 2\nb1 = 0\ninput = 1 0\ntarget = 1\ninput = 0 1\ntarget = 0\nask = backprop\n", "ask = minibatch"),
    ("W1 = 1 2\nb1 = 0\ninput = 1 0\ntarget = 1\nask = minibatch\n", "two or more examples"),
])
def test_a_mismatched_batch_is_one_sentence(text: str, message: str) -> None:
    with pytest.raises(ExerciseError, match=re.escape(message)):
        exercise_file.parse(text)


def printed_new_parameters(out: str) -> Dict[str, float]:
    """``w¹₀,₀ ← … ≈ 0.5037`` lines of the Rechenweg: name → the rounded new value."""
    found: Dict[str, float] = {}
    for m in re.finditer(r"^\s+([wb]\S+) ← .* [=≈] (−?[\d.]+)$", out, re.M):
        found[m.group(1)] = float(m.group(2).replace("−", "-"))
    return found


def test_backprop_of_the_file_is_the_cores_batch_step() -> None:
    r = run_main("backprop", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    assert "N = 3" in r.stdout and "(η / N)" in r.stdout
    net = the_network()
    grads = net.backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error")
    net.step(grads, 0.5)
    new = printed_new_parameters(r.stdout)
    # matrizen notation: w^l_(j,i) from neuron j of layer l−1 to neuron i of layer l, counted from 0
    expected = {"w¹₀,₀": net.W(1)[0, 0], "w¹₁,₀": net.W(1)[0, 1], "w¹₀,₁": net.W(1)[1, 0],
                "w¹₁,₁": net.W(1)[1, 1], "b¹₀": net.b(1)[0, 0], "b¹₁": net.b(1)[1, 0],
                "w²₀,₀": net.W(2)[0, 0], "w²₁,₀": net.W(2)[0, 1], "b²₀": net.b(2)[0, 0]}
    assert set(new) == set(expected)
    for name, value in expected.items():
        assert abs(new[name] - float(value)) < 1e-4 * max(1.0, abs(float(value))), name


def test_the_batch_step_divides_the_summed_gradient_by_n() -> None:
    """b² by hand: ∂E/∂b² = Σ_k (a^(2,k) − y^k)·a^(2,k)(1 − a^(2,k)), then b² − (η/3)·that."""
    def s(t: float) -> float:
        return 1 / (1 + math.exp(-t))

    total = 0.0
    for (x1, x2), (y,) in zip(X, Y):
        h1, h2 = s(0.5 * x1 - 1 * x2 + 0.1), s(1 * x1 + 0.25 * x2 - 0.3)
        a = s(1.5 * h1 - 2 * h2 + 0.2)
        total += (a - y) * a * (1 - a)
    new = printed_new_parameters(run_main("backprop", str(EXAMPLE)).stdout)
    assert abs(new["b²₀"] - (0.2 - 0.5 / 3 * total)) < 1e-4
    assert abs(new["b²₀"] - (0.2 - 0.5 * total)) > 1e-3  # and the 1/N is really there


def test_the_command_line_overrides_the_batch_with_one_example() -> None:
    r = run_main("backprop", str(EXAMPLE), "--input", "1.3,0.8", "--target", "0.45")
    assert r.returncode == 0, r.stderr
    assert "N = 3" not in r.stdout and "Mini-Batch" not in r.stdout


def test_the_generator_makes_a_pleasant_minibatch_that_backprop_reads(tmp_path: Path) -> None:
    r = run_main("aufgabe", "--structure", "2-2-1", "--act", "sigmoid", "--ask", "minibatch", "--seed", "4")
    assert r.returncode == 0, r.stderr
    assert exercise_file.parse(r.stdout).N == 2  # the command's batch (generate's default)
    ex = generator.generate([2, 2, 1], ["sigmoid"], "minibatch", seed=4, batch=3)
    assert ex.ask == "minibatch" and len(ex.inputs) == len(ex.targets) == 3 and len(set(ex.inputs)) == 3
    # each example of the batch is pleasant by the generator's own rule: no |z| above MAX_Z, no tiny δ
    for x, y in zip(ex.inputs, ex.targets):
        one = Setup.from_exercise(ex.with_changes(ask="backprop", input=x, target=y, inputs=(), targets=()))
        t = one.trace()
        assert all(abs(float(v)) <= 3 for layer in t.layers for v in layer.z.flat())
        assert all(abs(float(d)) >= 0.001 for back in t.backward for d in back.delta.flat())
    path = tmp_path / "aufgabe.txt"
    path.write_text(exercise_file.write(ex), encoding="utf-8")
    out = run_main("backprop", str(path)).stdout
    assert "N = 3" in out and len(printed_new_parameters(out)) == 2 * 2 + 2 + 2 + 1


def test_the_generator_refuses_a_batch_of_one_and_writes_sheets_for_a_batch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 to 10; got 1"):
        generator.generate([2, 2, 1], ["sigmoid"], "minibatch", seed=4, batch=1)
    r = run_main("aufgabe", "--ask", "minibatch", "--seeds", "1-2", "--sheets", "markdown", "--out", str(tmp_path / "k"))
    assert r.returncode == 0, r.stderr
    solution = next((tmp_path / "k").glob("loesung-1*")).read_text(encoding="utf-8")
    assert "N = 2" in solution  # the solution sheet holds the batch Rechenweg


def test_forward_reads_a_batch_of_inputs_without_targets(tmp_path: Path) -> None:
    path = tmp_path / "aufgabe.txt"
    path.write_text("W1 = 1 2\nb1 = 0.5\nact = relu\ninput = 1 0\ninput = 0 -1\n", encoding="utf-8")
    assert exercise_file.read(path).ask == "forward"
    r = run_main("forward", str(path))
    assert r.returncode == 0, r.stderr
    # ReLU(1·1 + 2·0 + 0.5) = 1.5 for the first example, ReLU(0 − 2 + 0.5) = 0 for the second
    assert "N = 2" in r.stdout and r.stdout.rstrip().endswith("A¹ = (1.5  0)")
