"""Exercise files, the answer names, and grading with Folgefehler, rounding and the typical slips.

The expected values are the course documents' numbers or computed here by
hand with ``math`` — not copied from purenn's output.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction as F
from pathlib import Path
from typing import Dict, List

import pytest

from purenn.exercises import answer_file, exercise_file
from purenn.exercises.answer_file import AnswerError
from purenn.exercises.answer_names import NameTable, quantities
from purenn.exercises.exercise_file import ExerciseError
from purenn.exercises.grading import Grading, check, right_value
from purenn.exercises.report import rechenweg_lines
from purenn.exercises.setup import Setup
from purenn.exercises.steps import follow
from purenn.exercises.texts import check_texts
from purenn.rechenweg import notation as notations

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "aufgaben"

PARAMETER_BACKPROP = """
W1 = 2,1; 1,2; 0.5,3
b1 = -1, 0, -0.25
W2 = 0,1,0; 1,-1,1
b2 = -1, 0
act = sigmoid, softmax
input = 1.3, 0.8
target = 0, 1
eta = 0.5
"""


def setup_of(text: str) -> Setup:
    return Setup.from_exercise(exercise_file.parse(text))


def values(setup: Setup) -> Dict[str, float]:
    """Every value of the exercise by its ASCII name."""
    t = setup.trace()
    names = NameTable(quantities(t), setup.notation, t.L)
    return {names.ascii(q): float(right_value(t, q)) for q in quantities(t)}


def grade(exercise: str, answers: str) -> Grading:
    return check(setup_of(exercise), answer_file.parse(answers))


def statuses(g: Grading) -> Dict[str, str]:
    return {v.answer.name: v.status for v in g.verdicts}


def slips(g: Grading, name: str) -> List[str]:
    return [s.key for v in g.verdicts if v.answer.name == name for s in v.slips]


# -- the exercise files of the course documents -----------------------------------------------------

#: (file, ASCII name, the document's number or one computed by hand, tolerance)
DOCUMENT_NUMBERS = [
    ("parameter-forward.txt", "z1_1", 2 * 1.3 + 1 * 0.8 - 1, 1e-12),
    ("parameter-forward.txt", "z1_3", 0.5 * 1.3 + 3 * 0.8 - 0.25, 1e-12),
    ("parameter-forward.txt", "a1_2", 1 / (1 + math.exp(-2.9)), 1e-12),
    ("training-backprop.txt", "z1_2", 2.9, 1e-12),
    ("training-backprop.txt", "delta2_2", -math.exp(0.0522) / (math.exp(-0.0522) + math.exp(0.0522)) * 0 - 0.2761, 1e-4),
    ("training-evaluation.txt", "E", 0.04, 0),
    ("woche10-neuron.txt", "z1_1", 3.2, 0),
    ("woche10-neuron.txt", "a1_1", 3.2, 0),
    ("matrizen-backprop.txt", "E", 0.02, 0),
    ("matrizen-backprop.txt", "delta1_0", 0.2, 0),
    ("matrizen-backprop.txt", "dW1_2,0", 0.2 * 4, 0),
    ("matrizen-backprop.txt", "W1_0,0", 0.1, 1e-15),
    ("matrizen-backprop.txt", "b1_0", 1 - 0.1 * 0.2, 0),
    ("ki-feedforward.txt", "z1_0", -25, 0),
    ("ki-feedforward.txt", "z1_1", 36, 0),
    ("ki-feedforward.txt", "z1_2", 14, 0),
    ("ki-feedforward.txt", "a1_0", 0, 0),  # the output layer has no bias neuron
    ("ki-feedforward.txt", "a1_2", 14, 0),
    ("ki-kosten.txt", "C", 0.01 + 0.09 + 0.16, 1e-15),
    ("ki-cross-entropy.txt", "C", 0.3567, 0.00005),
    ("ki-softmax.txt", "a1_0", math.exp(0.3) / (math.exp(0.3) + math.exp(-1.2) + math.exp(2.0)), 1e-12),
]


@pytest.mark.parametrize("name, quantity, expected, tolerance", DOCUMENT_NUMBERS)
def test_each_example_file_gives_the_documents_numbers(name: str, quantity: str, expected: float, tolerance: float) -> None:
    got = values(Setup.from_exercise(exercise_file.read(EXAMPLES / name)))
    assert abs(got[quantity] - expected) <= tolerance


def test_every_example_file_reads_and_writes_back_the_same() -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    assert len(files) >= 9
    for path in files:
        ex = exercise_file.read(path)
        assert exercise_file.parse(exercise_file.write(ex)) == ex, path.name
        if ex.ask != "minibatch":  # a batch is shown by purenn backprop (tests/test_exercises_minibatch.py)
            Setup.from_exercise(ex).trace()


def test_woche10_is_exact_in_fractions() -> None:
    t = Setup.from_exercise(exercise_file.read(EXAMPLES / "woche10-neuron.txt")).trace()
    assert t.layer(1).logits[0].weighted_sum == F(11, 5) and t.z(1)[0, 0] == F(16, 5)


# -- the file format ------------------------------------------------------------------------------------


def test_the_command_line_form_and_german_commas_give_the_same_exercise() -> None:
    a = exercise_file.parse('--W1 "2,1;1,2;0.5,3"\n--b1 "-1,0,-0.25"\n--act sigmoid\n--input 1.3,0.8\n--eta 0.5')
    b = exercise_file.parse("W1: 2 1; 1 2; 0,5 3\nb1 = -1 0 -0,25   # Bias\nact = sigmoid\ninput = 1,3 0,8\neta = 0,5")
    assert values(Setup.from_exercise(a)) == values(Setup.from_exercise(b))
    assert a.eta == "0.5" and b.eta == "0.5"


@pytest.mark.parametrize("text, message", [
    ("W1 = 1 2\nfoo = 3", "line 2: unknown key 'foo'"),
    ("W1 = 1 2\nW1 = 3 4", "line 2: W1 is given twice (first in line 1)"),
    ("W1 = 1 2\nb1 =", "line 2: b1 has no value"),
    ("W1 = 1 2\nb1 = 0\nact = relu\ninput = 1 2 3", "input has 3 values, but W1 has 2 columns"),
    ("W1 = 1 2\nb1 = 0\nact = relu", "the input is missing"),
    ("W1 = 1 2\nb1 = 0\nact = relu\ninput = 1 2\nask = backprop", "needs the target"),
    ("W1 = 1 2\nb1 = 0 1\nact = relu\ninput = 1 2", "b1 has 2 entries, but W1 has 1 rows"),
])
def test_a_bad_exercise_file_is_one_sentence_that_says_where(text: str, message: str) -> None:
    with pytest.raises(ValueError) as e:
        Setup.from_exercise(exercise_file.parse(text))
    assert message in str(e.value)


# -- names and the Rechenweg -------------------------------------------------------------------------


@pytest.mark.parametrize("notation", ["parameter", "matrizen", "ki"])
def test_every_quantity_has_its_rechenweg_line_and_its_names(notation: str) -> None:
    s = setup_of(PARAMETER_BACKPROP + f"notation = {notation}\n")
    t = s.trace()
    names = NameTable(quantities(t), s.notation, t.L)
    lines = rechenweg_lines(t, s.notation, "de", 4)
    for q in quantities(t):
        assert names.printed(q) in lines, names.printed(q)
        assert names.lookup(names.printed(q)) == q
        assert names.lookup(names.ascii(q)) == q


def test_the_ascii_names_of_the_issue() -> None:
    s = setup_of(PARAMETER_BACKPROP)
    t = s.trace()
    names = NameTable(quantities(t), s.notation, t.L)
    W1, b1 = s.net.W(1), s.net.b(1)
    v = values(s)
    assert v["z1_2"] == 1 * 1.3 + 2 * 0.8 + 0
    assert names.lookup("dW1_12") == names.lookup("∂E/∂w¹₁₂") == names.lookup("dw1_1,2")
    assert v["W1_12"] == pytest.approx(W1[0, 1] - 0.5 * v["dW1_12"])
    assert v["b1_2"] == pytest.approx(b1[1, 0] - 0.5 * v["db1_2"])
    assert names.lookup("δ²₁") == names.lookup("delta2_1") == names.lookup("Delta^{2}_{1}")
    assert names.lookup("E") == names.lookup("loss")


def test_the_chain_without_student_values_is_the_rechenweg_bit_for_bit() -> None:
    for path in [p for p in sorted(EXAMPLES.glob("*.txt")) if "minibatch" not in p.name] + [None]:
        s = setup_of(PARAMETER_BACKPROP) if path is None else Setup.from_exercise(exercise_file.read(path))
        t, chain = s.trace(), follow(s)
        for q in quantities(t):
            assert chain.computed[q] == right_value(t, q)


# -- grading -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("decimals", [3, 4, 6, 10])
def test_right_answers_at_every_reasonable_rounding_are_right(decimals: int) -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    answers = "\n".join(f"{k} = {round(x, decimals)}".replace(".", ",") for k, x in v.items())
    g = grade(PARAMETER_BACKPROP, answers)
    assert set(statuses(g).values()) == {"right"}, [x for x in g.verdicts if x.status != "right"]
    assert g.exit_code == 0 and not g.missing
    assert g.summary("de") == f"{len(v)} von {len(v)} richtig"


def test_values_computed_from_ones_own_rounded_values_are_right() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    a, d = round(v["a1_1"], 4), round(v["delta2_1"], 4)
    g = grade(PARAMETER_BACKPROP, f"a1_1 = {a}\ndelta2_1 = {d}\ndW2_11 = {round(a * d, 4)}")
    assert set(statuses(g).values()) == {"right"}


def test_a_value_off_by_more_than_its_rounding_is_wrong() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))  # a¹₁ = 0.91682…
    g = grade(PARAMETER_BACKPROP, f"a1_1 = {round(v['a1_1'], 4) + 0.0002:.4f}\nz1_1 = 2.4")
    assert statuses(g) == {"a1_1": "wrong", "z1_1": "right"}
    assert g.first_wrong is not None and g.first_wrong.answer.name == "a1_1"


def test_too_few_significant_digits_are_too_coarse_but_an_exact_value_is_fine() -> None:
    g = grade(PARAMETER_BACKPROP, "a1_1 = 0.9\nz1_1 = 2,4")
    assert statuses(g) == {"a1_1": "coarse", "z1_1": "right"}
    g2 = grade("W1 = 1\nb1 = 0\nact = identity\ninput = 0.5\nexact = yes", "z1_1 = 0.5\na1_1 = 1/2")
    assert set(statuses(g2).values()) == {"right"}


def test_folgefehler_after_a_wrong_delta() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    wrong_delta = -0.0233  # right is −0.0211
    g = grade(PARAMETER_BACKPROP, "\n".join([
        f"delta1_1 = {wrong_delta}",
        f"dW1_11 = {round(wrong_delta * 1.3, 4)}",      # δ¹₁·x₁ with the student's δ¹₁
        f"db1_1 = {wrong_delta}",
        f"W1_11 = {round(2 - 0.5 * wrong_delta * 1.3, 4)}",  # w − η·∂E/∂w with the student's gradient
        f"dW1_12 = {round(wrong_delta * 0.8 + 0.01, 4)}",   # a new error
        f"z1_1 = {v['z1_1']}",
    ]))
    assert statuses(g) == {"delta1_1": "wrong", "dW1_11": "follow", "db1_1": "follow", "W1_11": "follow",
                           "dW1_12": "wrong", "z1_1": "right"}
    assert g.first_wrong is not None and g.first_wrong.answer.name == "delta1_1"
    assert g.summary("de").startswith("1 von 6 richtig, 3 Folgefehler, 2 falsch")
    assert g.exit_code == 1


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_slip_sigma_prime_of_a() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    back = 0 * v["delta2_1"] + 1 * v["delta2_2"]  # (W²)ᵀδ² for neuron 1: w²₁₁ = 0, w²₂₁ = 1
    slipped = back * _sigmoid(v["a1_1"]) * (1 - _sigmoid(v["a1_1"]))
    g = grade(PARAMETER_BACKPROP, f"delta1_1 = {slipped:.4f}")
    assert statuses(g) == {"delta1_1": "wrong"} and slips(g, "delta1_1") == ["sigma_prime_of_a"]


SQUARE = """
W1 = 1 2; 0 1
b1 = 0 0
W2 = 1 -1; 2 1
b2 = 0 0
act = sigmoid, identity
input = 1 1
target = 0 1
loss = half_squared_error
eta = 0.5
"""


def test_slip_W_instead_of_W_transposed() -> None:
    # z¹ = (3, 1), a¹ = σ(z¹); δ² = a² − y with a² = W²a¹
    a1 = [_sigmoid(3), _sigmoid(1)]
    a2 = [a1[0] - a1[1], 2 * a1[0] + a1[1]]
    d2 = [a2[0] - 0, a2[1] - 1]
    slipped = (1 * d2[0] + -1 * d2[1]) * a1[0] * (1 - a1[0])  # row 1 of W² instead of column 1
    right = (1 * d2[0] + 2 * d2[1]) * a1[0] * (1 - a1[0])
    assert values(setup_of(SQUARE))["delta1_1"] == pytest.approx(right)
    g = grade(SQUARE, f"delta1_1 = {slipped:.5f}")
    assert "W_not_transposed" in slips(g, "delta1_1")


def test_slip_transposed_index_of_a_weight_gradient() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    g = grade(PARAMETER_BACKPROP, f"dW1_12 = {v['delta1_2'] * 1.3:.4f}")  # δ¹₂·x₁ instead of δ¹₁·x₂
    assert slips(g, "dW1_12") == ["transposed_index"]


def test_slip_transposed_index_in_a_logit() -> None:
    g = grade(SQUARE, "z1_2 = 3")  # right is 0·1 + 1·1 = 1; the column (2, 1) gives 3
    assert slips(g, "z1_2") == ["transposed_index"]


def test_slip_eta_forgotten_and_wrong_sign() -> None:
    v = values(setup_of(PARAMETER_BACKPROP))
    g = grade(PARAMETER_BACKPROP, f"W1_11 = {2 - v['dW1_11']:.4f}\nb2_1 = {-1 + 0.5 * v['db2_1']:.4f}")
    assert slips(g, "W1_11") == ["eta_forgotten"] and slips(g, "b2_1") == ["wrong_sign"]


RELU_AT_ZERO = """
W1 = 1 -1
b1 = 0
W2 = 2
b2 = 1
act = relu, identity
input = 1 1
target = 0
loss = squared_error
exact = yes
"""


def test_slip_relu_prime_of_zero() -> None:
    # z¹ = 0, a¹ = 0, a² = 1, δ² = 2·(1 − 0) = 2, δ¹ = 2·2·ReLU'(0) = 0 — with ReLU'(0) = 1 it is 4
    v = values(setup_of(RELU_AT_ZERO))
    assert (v["z1_1"], v["delta2_1"], v["delta1_1"]) == (0, 2, 0)
    g = grade(RELU_AT_ZERO, "delta1_1 = 4")
    assert slips(g, "delta1_1") == ["relu_prime_zero"]


def test_slip_half_of_the_squared_error() -> None:
    ex = exercise_file.read(EXAMPLES / "matrizen-backprop.txt")  # E = ½(3 − 3.2)² = 0.02, δ = 0.2
    g = check(Setup.from_exercise(ex), answer_file.parse("E = 0.04\ndelta1_0 = 0.4"))
    assert slips(g, "E") == ["half_squared"] and slips(g, "delta1_0") == ["half_squared"]


def test_softmax_without_the_max_shift_is_simply_right() -> None:
    z = [0.3, -1.2, 2.0]
    naive = [math.exp(v) / sum(math.exp(u) for u in z) for v in z]  # no max(z) subtracted
    g = check(Setup.from_exercise(exercise_file.read(EXAMPLES / "ki-softmax.txt")),
              answer_file.parse("\n".join(f"a1_{i} = {x:.4f}" for i, x in enumerate(naive))))
    assert set(statuses(g).values()) == {"right"}


def test_unknown_names_get_a_suggestion_and_duplicates_are_refused() -> None:
    g = grade(PARAMETER_BACKPROP, "z1_4 = 1\ndelta_2_1 = 0.2761\na1_1 = 0.9168")
    assert [u.answer.name for u in g.unknown] == ["z1_4", "delta_2_1"]
    assert "z1_3" in g.unknown[0].suggestions and "delta2_1" in g.unknown[1].suggestions
    assert statuses(g) == {"a1_1": "right"} and g.exit_code == 1
    with pytest.raises(AnswerError, match="answered twice"):
        grade(PARAMETER_BACKPROP, "z1_1 = 2.4\nz¹₁ = 2.4")


@pytest.mark.parametrize("text", ["0.25", "0,25", "1/4", "2.5e-1", "≈ 0,250", "2,5E-1"])
def test_values_as_decimals_fractions_and_e_notation(text: str) -> None:
    assert answer_file.parse_value(text)[0] == F(1, 4)


def test_check_texts_for_a_browser_page() -> None:
    r = check_texts(PARAMETER_BACKPROP, "z1_1 = 2.4\nz1_2 = 3.1", lang="en", fmt="markdown")
    assert r.exit_code == 1 and r.grading is not None
    assert "$\\checkmark$" in r.report and "1 of 2 right, 1 wrong" in r.report
    assert check_texts(PARAMETER_BACKPROP, "z1_1 = zwei").exit_code == 2
    latex = check_texts(PARAMETER_BACKPROP, "z1_1 = 2.4", fmt="latex").report
    assert "\\begin{align*}" in latex or "\\checkmark" in latex


def test_the_spelling_table_of_the_docs_is_what_the_names_are() -> None:
    """docs/exercises.md: every row's names mean the weight from input 2 to neuron 1 / the bias of neuron 2."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "exercises.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:-1] for line in doc.splitlines() if line.startswith("| ") and "`" in line]
    table = {r[0].strip(): [c.strip().split("`")[1] for c in r[1:5]] for r in rows if len(r) == 5 and "`" in r[1]}
    s = setup_of(PARAMETER_BACKPROP)
    t = s.trace()
    for column, key in enumerate(["parameter", "parameter", "matrizen", "ki"]):
        names = NameTable(quantities(t), notations.get(key), t.L)
        for label, q_kind in (("∂E/∂w^l_ij", "dW"), ("w^l_ij nach dem Schritt", "W")):
            q = names.lookup(table[label][column])
            assert q is not None and (q.kind, q.l, q.i, q.j) == (q_kind, 1, 0, 1), (label, column)
        for label, q_kind in (("∂E/∂b^l_i", "db"), ("b^l_i nach dem Schritt", "b")):
            q = names.lookup(table[label][column])
            assert q is not None and (q.kind, q.l, q.i) == (q_kind, 1, 1), (label, column)
        q = names.lookup(table["Fehler δ^l_i"][column])
        assert q is not None and (q.kind, q.l, q.i) == ("delta", 2, 0)


def test_the_latex_report_keeps_unicode_indices_inside_math() -> None:
    answers = "z1_1 = 2.4\ndelta1_1 = -0.0233\ndW1_11 = -0.0303\nW1_11 = 2.0137"
    latex = check_texts(PARAMETER_BACKPROP, answers, fmt="latex").report
    prose = re.sub(r"\$[^$]*\$", "", latex)
    assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉δσ∂½]", prose), prose
    assert "\\times" in latex and "\\hookrightarrow" in latex and "\\checkmark" in latex
