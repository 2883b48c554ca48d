"""The worked examples of the course documents: each value as the document prints it, and purenn's."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from purenn.course import errata, formulas, worked_examples
from purenn.course.worked_examples import EXAMPLES, format_value, get

F = Fraction


def result(example_id):
    return get(example_id).result()


# -- Woche 10 Theorie ------------------------------------------------------------------------


@pytest.mark.formula("neuron", "matmul", "logits", "relu")
def test_woche10_neuron_is_exact():
    assert result("w10-weighted-sum") == F(11, 5)  # 5·0.2 + 2·0.1 + 4·0.25 = 2.2, not 2.2000000000000002
    assert result("w10-plus-bias") == F(16, 5)  # 2.2 + 1 = 3.2
    assert result("w10-relu") == F(16, 5)  # ReLU(3.2) = 3.2
    assert isinstance(result("w10-relu"), Fraction)
    for example_id in ("w10-weighted-sum", "w10-plus-bias", "w10-relu"):
        assert get(example_id).check().symbol == "✓"


# -- Parameter in neuronalen Netzen -------------------------------------------------------------


@pytest.mark.formula("param_count", "param_count_total")
def test_parameter_counts():
    assert result("param-example-layers") == (48, 9)
    assert result("param-example-total") == 57
    assert result("param-real-layers") == (301000, 1001000, 128128)
    assert result("param-real-total") == 1430128
    assert result("train-param-total") == 57


@pytest.mark.formula("forward", "logits", "sigmoid", "softmax")
def test_forward_exercise_with_the_input_of_training():
    z1, a1 = result("param-forward-z1"), result("param-forward-a1")
    z2, y = result("param-forward-z2"), result("param-forward-y")
    assert z1 == pytest.approx((2.4, 2.9, 2.8), abs=1e-15)
    assert a1 == pytest.approx((0.916827, 0.947846, 0.942676), abs=1e-6)
    assert z2 == pytest.approx((a1[1] - 1, a1[0] - a1[1] + a1[2]), abs=1e-15)
    assert z2 == pytest.approx((-0.052154, 0.911657), abs=1e-6)
    assert y == pytest.approx((0.276116, 0.723884), abs=1e-6)
    assert sum(y) == pytest.approx(1.0, abs=1e-15)
    for name in ("z1", "a1", "z2", "y"):
        example = get(f"param-forward-{name}")
        assert example.printed is None and example.check().symbol == "·"  # the input is not in the text


# -- Training von neuronalen Netzen --------------------------------------------------------------


@pytest.mark.formula("squared_error", "half_squared_error")
def test_training_loss_arithmetic():
    assert result("train-loss") == F(1, 5)  # |0.65 − 0.45| = 0.2, what the slide calls the loss
    assert get("train-loss").check().symbol == "✓"
    assert result("train-loss-squared") == F(1, 25)  # (0.65 − 0.45)² = 0.04
    assert result("train-loss-half") == F(1, 50)  # ½ (0.45 − 0.65)² = 0.02
    assert get("train-loss").erratum == "train-loss-absolute"


# -- Künstliche Intelligenz selbst gemacht ----------------------------------------------------------


@pytest.mark.formula("matmul", "relu", "activation")
def test_matrix_multiplication_and_relu():
    assert result("ki-matmul") == (-25, 36, 14)
    assert result("ki-relu") == (0, 36, 14)


@pytest.mark.formula("transpose")
def test_transpose_example():
    assert result("ki-transpose") == ((1, 4), (2, 5), (3, 6))


@pytest.mark.formula("squared_error")
def test_squared_error_example_and_its_erratum():
    assert result("ki-cost-per-neuron") == (F(1, 100), F(9, 100), F(16, 100))
    assert get("ki-cost-per-neuron").check().symbol == "✓"
    # The slide calls the vector the cost C; the cost is the sum.
    outcome = get("ki-cost-sum").check()
    assert outcome.value == F(26, 100)
    assert outcome.symbol == "✗" and outcome.explained
    assert get("ki-cost-sum").erratum == "ki-cost-vector"


@pytest.mark.formula("cross_entropy")
def test_cross_entropy_example():
    assert result("ki-cross-entropy") == pytest.approx(-math.log(0.7), abs=1e-15)
    assert round(result("ki-cross-entropy"), 4) == 0.3567
    assert get("ki-cross-entropy").check().symbol == "✓"


@pytest.mark.formula("softmax", "softmax_stable")
def test_softmax_examples():
    assert result("ki-softmax-sum") == pytest.approx(1.0, abs=1e-15)
    assert result("ki-softmax-order") == (2, 0, 1)  # the order of z = (0.3, −1.2, 2.0)
    s = result("ki-softmax-stable")
    assert s == pytest.approx((math.exp(-2) / (math.exp(-2) + math.exp(-1) + 1),
                               math.exp(-1) / (math.exp(-2) + math.exp(-1) + 1),
                               1 / (math.exp(-2) + math.exp(-1) + 1)), rel=1e-12)


@pytest.mark.formula("forward", "sgd_update", "relu")
def test_binary_to_decimal_network_guesses_101():
    assert result("ki-binary-101") == pytest.approx(5, abs=0.25)
    known = result("ki-binary-known")
    assert known == pytest.approx((0, 1, 2, 3, 4, 6, 7), abs=0.25)
    assert get("ki-binary-101").check().symbol == "✓"


# -- the list as a whole ------------------------------------------------------------------------------


def test_ids_are_unique():
    ids = [e.id for e in EXAMPLES]
    assert len(ids) == len(set(ids))
    with pytest.raises(KeyError, match="no worked example"):
        get("nope")


def test_every_example_names_a_document_and_known_formulas():
    keys = {r.key for r in formulas.collect()}
    for e in EXAMPLES:
        assert e.document in errata.SOURCES, e.id
        assert e.section and e.what, e.id
        assert set(e.keys) <= keys, (e.id, set(e.keys) - keys)


def test_every_document_with_numbers_has_examples():
    documents = {e.document for e in EXAMPLES}
    # 'Matrizen in Neuronalen Netzen' prints formulas only, no numbers.
    assert documents == set(errata.SOURCES) - {errata.MATRIZEN}


def test_errata_pointers_exist():
    for e in EXAMPLES:
        if e.erratum is not None:
            assert errata.get(e.erratum).id == e.erratum


def test_every_disagreement_is_explained_by_an_erratum():
    outcomes = [e.check() for e in EXAMPLES]
    assert all(o.explained for o in outcomes), [o.example.id for o in outcomes if not o.explained]
    assert [o.example.id for o in outcomes if o.status == "wrong"] == ["ki-cost-sum"]


def test_comparison_respects_tolerance_and_shape():
    example = worked_examples.WorkedExample("t", errata.KI, "S", "x", 0.3567, lambda: 0.35667, tolerance=0.00005)
    assert example.check().status == "ok"
    example = worked_examples.WorkedExample("t2", errata.KI, "S", "x", 0.3567, lambda: 0.3569, tolerance=0.00005)
    assert example.check().status == "wrong" and not example.check().explained
    example = worked_examples.WorkedExample("t3", errata.KI, "S", "x", (1, 2), lambda: (1, 2, 3))
    assert example.check().status == "wrong"
    example = worked_examples.WorkedExample("t4", errata.KI, "S", "x", F(11, 5), lambda: 2.2)
    assert example.check().status == "wrong"  # tolerance 0 means exactly: the float 2.2 is not 11/5


def test_format_value():
    assert format_value(F(11, 5)) == "2.2"
    assert format_value(F(1, 3)) == "1/3"
    assert format_value(0.3566749) == "≈ 0.3567"
    assert format_value((0, 36, 14)) == "(0, 36, 14)"
    assert format_value(((1, 4), (2, 5))) == "((1, 4), (2, 5))"
    assert format_value(None) == "—"


def test_render_shows_document_beside_purenn():
    text = worked_examples.render("text")
    assert "    ✓ 5 · 0.2 + 2 · 0.1 + 4 · 0.25\n        Dokument: 2.2 " in text
    assert "purenn: (-25, 36, 14)" in text
    assert "→ Erratum ki-cost-vector" in text
    assert text.rstrip().endswith("27 Rechnungen: 18 ✓, 1 ✗ (mit Erratum), 8 · (ohne Zahl im Dokument)")
    markdown = worked_examples.render("markdown")
    assert markdown.count("\n## ") == 4
    assert "| ✗ | Kostenfunktion – Beispiel | die Kosten C | (0.01, 0.09, 0.16) | 0.26 |" in markdown
    with pytest.raises(ValueError, match="unknown format"):
        worked_examples.render("html")


def test_only_printed_numbers_are_called_dokument():
    """The two softmax checks are purenn's own, 101 → 5 is the binary table's answer, not a printed output."""
    text = worked_examples.render()
    assert "        Probe:    1 " in text and "        Probe:    (2, 0, 1) " in text
    assert "        Soll:     5 " in text and "Dokument: 5 " not in text
    sources = {e.id: e.source for e in worked_examples.EXAMPLES}
    assert {i for i, s in sources.items() if s == "own"} == {"ki-softmax-sum", "ki-softmax-order", "ki-binary-dead-seeds"}
    assert {i for i, s in sources.items() if s == "table"} == {"ki-binary-101", "ki-binary-known"}
    assert "| ✓ | Softmax für Klassifikationsnetzwerke |" in worked_examples.render("markdown")
    assert "| Probe: 1 |" in worked_examples.render("markdown")


def test_dead_relu_seeds_never_learn():
    """5 of 20 seeds start with z² ≤ 0 for all seven inputs: δ² = 0, so training changes nothing, ever."""
    from purenn import Network
    seeds = worked_examples.get("ki-binary-dead-seeds").result()
    assert seeds == (3, 4, 7, 9, 10)
    assert "5 von 20 seeds" in worked_examples.get("ki-binary-dead-seeds").note
    for seed in (3, 1):
        net = Network.create([3, 4, 1], hidden="relu", output="relu", seed=seed)
        before = [layer.W for layer in net.layers]
        net.train(worked_examples.TRAINING_DATA, epochs=1, batch_size=0, eta=0.01, seed=seed)
        unchanged = [layer.W for layer in net.layers] == before
        assert unchanged == (seed in seeds)  # one epoch without change: the next one starts from the same state
        assert worked_examples.dead_at_start(Network.create([3, 4, 1], hidden="relu", output="relu", seed=seed)) == unchanged
