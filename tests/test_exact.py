"""Exact arithmetic: typed decimals become Fractions, linear steps stay exact, rounded values say ≈."""

from fractions import Fraction

import pytest

from purenn import Layer, Matrix, Network
from purenn.rechenweg.display import check_decimals, decimal_text, relation, show, terminates
from purenn.rechenweg.exact import exact_network, parse_scalar, to_fraction
from purenn.rechenweg.render import render
from purenn.rechenweg.trace import trace

F = Fraction


# -- parsing -----------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("0.2", F(1, 5)), ("-0.25", F(-1, 4)), ("3", F(3)), (".5", F(1, 2)), ("1e-3", F(1, 1000)),
    ("1/3", F(1, 3)), ("-2/7", F(-2, 7)), ("\u22121", F(-1)), (" 2.5 ", F(5, 2)),
])
def test_parse_scalar_exact(text, value):
    q = parse_scalar(text, exact=True)
    assert type(q) is Fraction and q == value


def test_parse_scalar_float_mode_gives_floats():
    assert parse_scalar("0.2") == 0.2 and type(parse_scalar("0.2")) is float
    assert parse_scalar("1/4") == 0.25


@pytest.mark.parametrize("text", ["zwei", "", "1,5", "nan", "inf", "1e3/2", "--1", "0x10"])
def test_parse_scalar_rejects_what_is_not_a_number(text):
    with pytest.raises(ValueError, match=r"^--input: .* is not a number$"):
        parse_scalar(text, where="--input")


def test_parse_scalar_rejects_division_by_zero():
    with pytest.raises(ValueError, match="divides by zero"):
        parse_scalar("1/0", exact=True)


def test_to_fraction_reads_a_float_as_the_decimal_it_prints_as():
    assert to_fraction(0.1) == F(1, 10)  # not the binary value of the float 0.1
    assert Fraction(0.1) != F(1, 10)
    assert to_fraction(-0.25) == F(-1, 4) and to_fraction(7) == F(7)
    with pytest.raises(ValueError):
        to_fraction(float("inf"))


def test_exact_network_turns_every_parameter_into_a_fraction():
    net = Network([Layer(Matrix([[2, 1], [0.5, 3]]), Matrix.column([-1, -0.25]), "sigmoid")])
    ex = exact_network(net)
    assert ex.W(1).tolist() == [[F(2), F(1)], [F(1, 2), F(3)]]
    assert ex.b(1).flat() == [F(-1), F(-1, 4)]
    assert all(type(v) is Fraction for v in ex.W(1).flat() + ex.b(1).flat())
    assert ex.activation(1).name == "sigmoid"


# -- showing --------------------------------------------------------------------------


def test_terminating_fractions_are_written_out_in_full():
    assert terminates(F(16, 5)) and terminates(F(1, 1024)) and not terminates(F(1, 3))
    assert decimal_text(F(16, 5)) == "3.2"
    assert decimal_text(F(1, 1024)) == "0.0009765625"
    assert decimal_text(F(-25)) == "25"
    with pytest.raises(ValueError):
        decimal_text(F(2, 3))


@pytest.mark.parametrize("value, plain, exact", [
    (F(16, 5), "3.2", True),
    (F(-1, 3), "-1/3", True),
    (F(1, 1024), "0.0009765625", True),  # exact values ignore the decimals
    (-25, "-25", True),
    (0.9168273035060777, "0.9168", False),
    (2.4000000000000004, "2.4", True),  # binary noise of 2·1.3 + 0.8 − 1, not a rounded digit
    (-0.00001, "0", False),
    (0.5, "0.5", True),
    (-1.0, "-1", True),
])
def test_show(value, plain, exact):
    s = show(value, 4)
    assert s.plain() == plain and s.exact is exact


def test_relation_depends_on_the_decimals_shown():
    assert relation(0.125, 2) == "≈" and relation(0.125, 3) == "="
    assert relation(F(1, 3)) == "=" and relation(1 / 3) == "≈"


@pytest.mark.parametrize("bad", [-1, 16, 2.5, True, "4"])
def test_check_decimals(bad):
    assert check_decimals(0) == 0 and check_decimals(15) == 15
    with pytest.raises(ValueError, match="--decimals must be a whole number from 0 to 15"):
        check_decimals(bad)


# -- the documents' numbers, exactly --------------------------------------------------------


def _woche10():
    """'Woche 10 Theorie': y_2 = ReLU(5·0.2 + 2·0.1 + 4·0.25 + 1) with everything typed exactly."""
    net = Network([Layer(Matrix([[F(5), F(2), F(4)]]), Matrix.column([F(1)]), "relu")])
    return trace(net, [F("0.2"), F("0.1"), F("0.25")])


def test_woche10_is_exactly_2_2_and_3_2():
    e = _woche10().layer(1).logits[0]
    assert type(e.weighted_sum) is Fraction and e.weighted_sum == F("2.2")
    assert type(e.z) is Fraction and e.z == F("3.2")
    a = _woche10().layer(1).activations[0].a
    assert type(a) is Fraction and a == F("3.2")  # ReLU keeps an exact value exact


def test_woche10_text_has_no_rounding():
    text = render(_woche10())
    assert "5·0.2 + 2·0.1 + 4·0.25 + 1 = 2.2 + 1 = 3.2\n" in text
    assert "a¹₁ = ReLU(z¹₁) = max(0, 3.2) = 3.2\n" in text
    assert "≈ 0" not in text and "2.2000" not in text
    assert "lineare Schritte exakt" in text


def test_float_sums_are_not_exact_but_fractions_are():
    W, b = Matrix([[1, 1]]), Matrix.column([0])
    floats = trace(Network([Layer(W, b, "identity")]), [0.1, 0.2]).z(1)[0, 0]
    exact = trace(Network([Layer(W, b, "identity")]), [F("0.1"), F("0.2")]).z(1)[0, 0]
    assert floats != 0.3 and exact == F(3, 10)


def test_non_terminating_values_are_shown_as_fractions():
    net = Network([Layer(Matrix([[F(1), F(1)]]), Matrix.column([F(0)]), "identity")])
    t = trace(net, [F(1, 3), F(1, 3)])
    assert t.z(1)[0, 0] == F(2, 3)
    assert "= 1·(1/3) + 1·(1/3) + 0 = 2/3 + 0 = 2/3\n" in render(t)
    assert r"\frac{2}{3}" in render(t, "latex")


def test_sigmoid_in_exact_mode_is_float_and_marked_approximate():
    net = Network([Layer(Matrix([[F(2), F(1)]]), Matrix.column([F(-1)]), "sigmoid")])
    t = trace(net, [F("1.3"), F("0.8")])
    assert t.z(1)[0, 0] == F("2.4")
    assert isinstance(t.a(1)[0, 0], float)
    text = render(t, decimals=2)
    assert "= 2·1.3 + 1·0.8 + (−1) = 3.4 + (−1) = 2.4\n" in text
    assert "σ(2.4) = 1 / (1 + e^(−2.4)) ≈ 0.92\n" in text


def test_exact_backprop_step_stays_exact():
    # One ReLU neuron of 'Woche 10', E = ½(y − a)², η = 0.1: every number is exact.
    net = Network([Layer(Matrix([[F(5), F(2), F(4)]]), Matrix.column([F(1)]), "relu")])
    t = trace(net, [F("0.2"), F("0.1"), F("0.25")], y=[F(3)], loss="half_squared_error", eta=F("0.1"))
    assert t.loss is not None and t.loss.value == F("0.02")
    assert t.delta(1)[0, 0] == F("0.2")
    assert t.dW(1).tolist() == [[F("0.04"), F("0.02"), F("0.05")]]
    assert t.W_new(1).tolist() == [[F("4.996"), F("1.998"), F("3.995")]]
    assert t.b_new(1)[0, 0] == F("0.98")
    assert all(type(v) is Fraction for v in t.W_new(1).flat())
    text = render(t)
    assert "w¹₁₁ ← w¹₁₁ − η·∂E/∂w¹₁₁ = 5 − 0.1·0.04 = 4.996\n" in text
    assert "≈" not in text.split("Eingabe")[1]
