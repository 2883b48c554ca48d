"""``purenn check`` and ``purenn blatt`` for a mini-batch ('Matrizen in Neuronalen Netzen' §3.7–3.8).

The right values come from the core (``Network.backward`` and ``step``) or
are written out here by hand with ``math``; the grading must agree with
them entry by entry, column by column, and name the batch slips
"1/N forgotten" and "η forgotten".
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Dict, List

import pytest

from cli_run import run_main
from purenn.exercises import answer_file, exercise_file, generator, sheets
from purenn.exercises.answer_names import Quantity, quantities
from purenn.exercises.grading import Grading, check
from purenn.exercises.setup import Setup
from purenn.exercises.steps import follow
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aufgaben" / "matrizen-minibatch.txt"
X = [[1.3, 0.8], [0.5, -1.0], [0.0, 1.0]]  # the file's three examples
Y = [[0.45], [1.0], [0.0]]
ETA, N = 0.5, 3


def the_network() -> Network:
    return Network([Layer(Matrix([[0.5, -1], [1, 0.25]]), Matrix.column([0.1, -0.3]), "sigmoid"),
                    Layer(Matrix([[1.5, -2]]), Matrix.column([0.2]), "sigmoid")])


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def setup() -> Setup:
    return Setup.from_exercise(exercise_file.read(EXAMPLE))


def grade(text: str) -> Grading:
    return check(setup(), answer_file.parse(text))


def statuses(g: Grading) -> Dict[str, str]:
    return {v.answer.name: v.status for v in g.verdicts}


def slips(g: Grading, name: str) -> List[str]:
    return [s.key for v in g.verdicts if v.answer.name == name for s in v.slips]


def core_answers() -> str:
    """Every value of the batch, from Network.backward and Network.step, to 5 significant digits."""
    net = the_network()
    grads = net.backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error")
    fp = grads.forward
    lines: List[str] = []
    for l in (1, 2):
        for k in range(N):
            lines += [f"z{l},{k}_{i} = {fp.z(l)[i, k]:.5g}" for i in range(fp.z(l).n_rows)]
            lines += [f"a{l},{k}_{i} = {fp.a(l)[i, k]:.5g}" for i in range(fp.a(l).n_rows)]
    lines.append(f"E = {grads.loss:.5g}")
    for l in (2, 1):
        for k in range(N):
            lines += [f"delta{l},{k}_{i} = {grads.delta(l)[i, k]:.5g}" for i in range(grads.delta(l).n_rows)]
    for l in (2, 1):
        n, m = grads.dW(l).shape
        lines += [f"dW{l}_{j},{i} = {grads.dW(l)[i, j]:.5g}" for i in range(n) for j in range(m)]  # w_j,i
        lines += [f"db{l}_{i} = {grads.db(l)[i, 0]:.5g}" for i in range(n)]
    net.step(grads, ETA)
    for l in (1, 2):
        n, m = net.W(l).shape
        lines += [f"W{l}_{j},{i} = {net.W(l)[i, j]:.5g}" for i in range(n) for j in range(m)]
        lines += [f"b{l}_{i} = {net.b(l)[i, 0]:.5g}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_every_value_of_the_batch_from_the_core_is_right_and_nothing_is_missing() -> None:
    g = grade(core_answers())
    # (2+2+1+1)·3 forward entries + E + (1+2)·3 deltas + (2+1+4+2) gradients + (4+2+2+1) new parameters
    assert len(g.verdicts) == 18 + 1 + 9 + 9 + 9 and not g.missing and not g.unknown
    assert g.exit_code == 0 and g.summary("de") == "46 von 46 richtig"


def test_the_names_carry_the_example_index_as_the_rechenweg_prints_it() -> None:
    # z^(1,1)_0 = w_0,0·x_0 + w_1,0·x_1 + b_0 = 0.5·0.5 + (−1)·(−1) + 0.1 = 1.35 (example k = 1)
    # a^(1,2)_1 = σ(1·0 + 0.25·1 − 0.3) = σ(−0.05)
    for name in ("z¹,¹₀", "z1,1_0", "Z^{1,1}_{0}"):
        g = grade(f"{name} = 1,35\na^{{1,2}}_1 = {sigmoid(-0.05):.3f}\nz1,1_1 = 1.35\n")
        assert [v.status for v in g.verdicts] == ["right", "wrong", "right"]
        assert [(v.quantity.kind, v.quantity.l, v.quantity.i, v.quantity.k) for v in g.verdicts] == [
            ("z", 1, 0, 1), ("z", 1, 1, 1), ("a", 1, 1, 2)]
    assert g.names.printed(Quantity("delta", 2, 0, k=2)) == "δ²,²₀" and g.names.ascii(Quantity("z", 1, 1, k=0)) == "z1,0_1"


def test_a_wrong_activation_of_one_example_makes_the_batch_sums_folgefehler() -> None:
    a = 0.65  # the student's a^(1,0)_0 (right: σ(−0.05) ≈ 0.4875)
    # example 0 recomputed by hand from the student's a: z², a², δ² = (a² − y)·a²(1 − a²) (½ squared error)
    a1 = [[sigmoid(0.5 * x0 - x1 + 0.1), sigmoid(x0 + 0.25 * x1 - 0.3)] for x0, x1 in X]
    a1[0][0] = a
    a2 = [sigmoid(1.5 * p - 2 * q + 0.2) for p, q in a1]
    d2 = [(a2[k] - Y[k][0]) * a2[k] * (1 - a2[k]) for k in range(N)]
    dW = sum(d2[k] * a1[k][0] for k in range(N))  # ∂E/∂w²_0,0 = Σ_k δ^(2,k)_0 · a^(1,k)_0
    W = 1.5 - ETA / N * dW
    g = grade(f"a1,0_0 = {a}\ndW2_0,0 = {dW:.4f}\nW2_0,0 = {W:.4f}\n")
    assert statuses(g) == {"a1,0_0": "wrong", "dW2_0,0": "follow", "W2_0,0": "follow"}
    assert g.summary("de") == "0 von 3 richtig, 2 Folgefehler, 1 falsch, 43 nicht beantwortet"
    right = the_network().backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error").dW(2)[0, 0]
    assert abs(float(g.verdicts[1].right) - right) < 1e-12 and abs(dW - right) > 1e-3
    assert abs(float(g.verdicts[2].right) - W) > 5e-4  # the own W differs visibly from the right one


def test_the_chain_with_nothing_given_is_the_rechenweg_of_the_batch() -> None:
    s = setup()
    t, chain = s.trace(), follow(s)
    for q in quantities(t):
        assert q in chain.computed
    net = the_network()
    grads = net.backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error")
    net.step(grads, ETA)
    assert chain.computed[Quantity("delta", 1, 1, k=2)] == pytest.approx(grads.delta(1)[1, 2], abs=1e-15)
    assert chain.computed[Quantity("W", 1, 1, 0)] == pytest.approx(net.W(1)[1, 0], abs=1e-15)
    assert chain.computed[Quantity("E")] == pytest.approx(grads.loss, abs=1e-15)


def gradients() -> Matrix:
    return the_network().backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error").dW(1)


def test_eta_instead_of_eta_over_n_is_named_1_over_n_forgotten() -> None:
    dW = gradients()[0, 0]  # ∂E/∂w¹_0,0, the sum over the batch
    g = grade(f"W1_0,0 = {0.5 - ETA * dW:.4f}\n")
    assert statuses(g) == {"W1_0,0": "wrong"} and slips(g, "W1_0,0") == ["one_over_N_forgotten"]


def test_the_batch_step_without_eta_is_named_eta_forgotten() -> None:
    dW = gradients()[1, 0]  # ∂E/∂w¹_0,1 (row 1 = neuron 1, column 0 = input 0)
    g = grade(f"W1_0,1 = {1 - dW / N:.4f}\n")
    assert statuses(g) == {"W1_0,1": "wrong"} and slips(g, "W1_0,1") == ["eta_forgotten"]


def test_one_example_has_no_1_over_n_slip() -> None:
    one = exercise_file.parse("W1 = 2 1\nb1 = -1\nact = identity\ninput = 1.3 0.8\ntarget = 2\n"
                              "loss = half_squared_error\neta = 0.5\nexact = yes\n")
    # z = 2·1.3 + 0.8 − 1 = 2.4, δ = 0.4, ∂E/∂w_1 = 0.52; η forgotten: 2 − 0.52 = 1.48
    g = check(Setup.from_exercise(one), answer_file.parse("W1_11 = 1.48\n"))
    assert slips(g, "W1_11") == ["eta_forgotten"]


def test_the_batch_check_on_the_command_line_names_the_slip(tmp_path: Path) -> None:
    answers = tmp_path / "antwort.txt"
    answers.write_text(f"z1,0_0 = -0,05\nW1_0,0 = {0.5 - ETA * gradients()[0, 0]:.4f}\n", encoding="utf-8")
    r = run_main("check", str(EXAMPLE), str(answers))
    assert r.returncode == 1, r.stderr
    assert "✓ z¹,⁰₀ = -0,05" in r.stdout and "1/N vergessen" in r.stdout
    r = run_main("check", str(EXAMPLE), str(answers), "--lang", "en")
    assert "1/N forgotten" in r.stdout


def test_the_sheets_of_a_batch_show_a0_and_y_and_the_key_checks_as_right(tmp_path: Path) -> None:
    s = setup()
    problem = sheets.problem_sheet(s)
    assert r"A^{0} = \begin{pmatrix} 1.3 & 0.5 & 0 \\ 0.8 & -1 & 1 \end{pmatrix}" in problem
    assert r"Y = \begin{pmatrix} 0.45 & 1 & 0 \end{pmatrix}" in problem and "N = 3" in problem
    solution = sheets.solution_sheet(s)
    assert "Lösungsschlüssel" in solution and "z^{1,1}_{0} = 1.35" in solution.split("Lösungsschlüssel")[1]
    key = tmp_path / "key.txt"
    r = run_main("blatt", "--key", str(EXAMPLE), "--out", str(key))
    assert r.returncode == 0, r.stderr
    assert "z1,1_0 = 1.35\n" in key.read_text(encoding="utf-8")
    r = run_main("check", str(EXAMPLE), str(key))
    assert r.returncode == 0 and "46 von 46 richtig" in r.stdout


def test_a_generated_batch_in_the_parameter_notation_counts_examples_from_1() -> None:
    ex = generator.generate([2, 2, 1], ["relu", "sigmoid"], "minibatch", seed=3, batch=2, notation="parameter")
    s = Setup.from_exercise(ex)
    key = sheets.answer_key(s)
    assert "z1,1_1 = " in key and "z1,2_2 = " in key and "z1,0_" not in key
    g = check(s, answer_file.parse(key))
    assert g.exit_code == 0 and not g.missing


def test_sigma_prime_of_a_is_named_in_the_column_of_its_example() -> None:
    # example 2: z^(1,2) = (−0.9, −0.05), a² = σ(1.5·σ(−0.9) − 2·σ(−0.05) + 0.2), y = 0;
    # the slip takes σ'(a²) = σ(a²)(1 − σ(a²)) instead of σ'(z²) = a²(1 − a²)
    a2 = sigmoid(1.5 * sigmoid(-0.9) - 2 * sigmoid(-0.05) + 0.2)
    slip = (a2 - 0) * sigmoid(a2) * (1 - sigmoid(a2))
    g = grade(f"delta2,2_0 = {slip:.4f}\ndelta2,1_0 = {slip:.4f}\n")
    assert statuses(g) == {"delta2,2_0": "wrong", "delta2,1_0": "wrong"}
    assert slips(g, "delta2,2_0") == ["sigma_prime_of_a"] and slips(g, "delta2,1_0") == []
    assert abs(float(g.verdicts[1].right) - a2 * a2 * (1 - a2)) < 1e-12  # verdicts in Rechenweg order: k = 1, 2


def test_the_batch_given_as_options_is_graded_and_a_missing_target_is_one_sentence(tmp_path: Path) -> None:
    answers = tmp_path / "antwort.txt"
    # ReLU(1·1 + 2·0 + 0.5) = 1.5 for example 1, ReLU(0 − 2 + 0.5) = 0 for example 2 (parameter: k from 1)
    answers.write_text("z1,1_1 = 1.5\na1,1_1 = 1.5\nz1,2_1 = -1.5\na1,2_1 = 0\n", encoding="utf-8")
    net = ["--W1", "1 2", "--b1", "0.5", "--act", "relu", "--input", "1 0", "--input", "0 -1"]
    r = run_main("check", str(answers), *net)
    assert r.returncode == 0 and "4 von 4 richtig" in r.stdout, r.stderr
    r = run_main("check", str(answers), *net, "--target", "1")
    assert r.returncode == 2 and "2 inputs but 1 target: a mini-batch needs one target per input" in r.stderr


def test_the_swapped_gradient_in_the_batch_step_is_named_with_eta_over_n() -> None:
    # new w¹ of row 0, column 1 taken with the gradient of row 1, column 0: W[0,1] − η/N · ∂E/∂W[1,0]
    dW = gradients()
    wrong = -1 - ETA / N * dW[1, 0]
    assert abs(wrong - (-1 - ETA / N * dW[0, 1])) > 1e-3  # the two gradients differ visibly
    g = grade(f"W1_1,0 = {wrong:.4f}\n")  # 'matrizen': w¹_1,0 is row 0 (neuron 0), column 1 (input 1)
    assert statuses(g) == {"W1_1,0": "wrong"} and slips(g, "W1_1,0") == ["transposed_index"]


def test_the_shipped_batch_answers_show_a_folgefehler_through_the_sums_and_1_over_n_forgotten() -> None:
    path = EXAMPLE.parent.parent / "antworten" / "matrizen-minibatch.txt"
    g = check(setup(), answer_file.read(path))
    assert statuses(g)["delta1,1_1"] == "wrong" and g.first_wrong is not None
    assert g.first_wrong.answer.name == "delta1,1_1"
    assert [statuses(g)[n] for n in ("dW1_1,1", "db1_1", "W1_1,1", "b1_1")] == ["follow"] * 4
    assert all(slips(g, n) == ["one_over_N_forgotten"] for n in ("W2_0,0", "W2_1,0", "b2_0"))
    # the planted values are η·∂E/∂W of the core, the step without 1/N
    grads = the_network().backward(Matrix.from_columns(X), Matrix.from_columns(Y), "half_squared_error")
    given = {v.answer.name: float(v.answer.value) for v in g.verdicts}
    assert round(1.5 - ETA * grads.dW(2)[0, 0], 4) == given["W2_0,0"]
    assert round(0.2 - ETA * grads.db(2)[0, 0], 4) == given["b2_0"]
    assert g.summary("de") == "38 von 46 richtig, 4 Folgefehler, 4 falsch" and g.exit_code == 1


@pytest.mark.parametrize("notation", ["parameter", "course", "woche10", "matrizen", "ki"])
def test_the_answer_key_of_a_generated_softmax_batch_is_all_right_in_every_notation(notation: str) -> None:
    ex = generator.generate([2, 2, 2], ["sigmoid", "softmax"], "minibatch", seed=5, batch=3, notation=notation)
    s = Setup.from_exercise(ex)
    g = check(s, answer_file.parse(sheets.answer_key(s)))
    # 3 examples · (z, a of 2 + 2 neurons, δ of 2 + 2) + E + gradients and new parameters (2·(4 + 2 + 4 + 2))
    assert len(g.verdicts) == 3 * 12 + 1 + 24 and g.exit_code == 0 and not g.missing
