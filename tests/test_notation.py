"""The four index conventions: the same numbers under four names, as each document writes them."""

import re

import pytest

from purenn import Layer, Matrix, Network
from purenn.rechenweg import notation as nt
from purenn.rechenweg.render import render
from purenn.rechenweg.trace import trace

from course_networks import parameter_exercise

P, M, K, W10 = nt.get("parameter"), nt.get("matrizen"), nt.get("ki"), nt.get("woche10")


# -- symbols -------------------------------------------------------------------------


def test_default_and_aliases():
    assert nt.get() is P and nt.DEFAULT == "parameter"
    assert nt.get("course") is K and nt.get(" KI ") is K
    assert nt.get("w10") is W10
    with pytest.raises(ValueError, match="unknown notation 'numpy'; choose one of: parameter, matrizen, ki, course, woche10"):
        nt.get("numpy")


def test_parameter_counts_from_1_and_writes_to_from():
    # 'Parameter in neuronalen Netzen': w^1_ij for the connection from x_j to neuron i.
    assert P.weight(1, 0, 0).text() == "w¹₁₁"
    assert P.weight(1, 7, 4).text() == "w¹₈₅"  # "Zu Neuron 8, von x_5"
    assert P.weight(2, 0, 11).text() == "w²₁,₁₂"  # two-digit index: a comma keeps it readable
    assert P.bias(1, 2).text() == "b¹₃"
    assert P.a(0, 1, L=2).text() == "x₂" and P.a(1, 1, L=2).text() == "a¹₂"
    assert P.weight(1, 0, 1).latex() == "w^{1}_{12}"


def test_matrizen_counts_from_0_and_writes_from_to():
    # 'Matrizen in Neuronalen Netzen': w^l_{j,i} from neuron j (layer l−1) to neuron i (layer l).
    assert M.weight(1, 0, 1).text() == "w¹₁,₀"
    assert M.weight(1, 2, 0).text() == "w¹₀,₂"
    assert M.bias(1, 0).text() == "b¹₀"
    assert M.a(0, 0, L=2).text() == "a⁰₀"  # the input is a^0
    assert M.weight(2, 1, 0).latex() == "w^{2}_{0,1}"
    assert M.delta(1, 0).latex() == r"\delta^{1}_{0}"


def test_ki_has_a_bias_neuron_0_in_every_layer_but_the_output_layer():
    # 'Künstliche Intelligenz selbst gemacht': w^(l)_jk from neuron k to neuron j, bias = w^(l)_j0.
    assert K.weight(1, 0, 0).text() == "w⁽¹⁾₀,₁"  # neuron 0 of layer 0 is the bias neuron
    assert K.bias(1, 2).text() == "w⁽¹⁾₂,₀"
    assert K.one(1).text() == "a⁽¹⁾₀"
    assert K.a(1, 0, L=2).text() == "a⁽¹⁾₁"  # hidden layer: shifted by the bias neuron
    assert K.a(2, 0, L=2).text() == "a⁽²⁾₀"  # output layer: no bias neuron
    assert K.z(1, 0).text() == "z⁽¹⁾₀"  # z has no bias entry
    assert K.weight(1, 0, 1).latex() == "w^{(1)}_{0,2}"


def test_woche10_writes_from_input_i_to_neuron_j_and_y_for_the_neuron():
    # 'Woche 10 Theorie': y_2 = ReLU(w_12·x_1 + w_22·x_2 + w_32·x_3 + b), w_12 "zwischen x_1 und y_2"
    one = W10.for_network(1)
    assert one.weight(1, 1, 0).text() == "w₁₂"  # storage W[1, 0]: to neuron 2 from input 1
    assert one.weight(1, 1, 2).text() == "w₃₂"
    assert one.a(0, 2, L=1).text() == "x₃" and one.a(1, 1, L=1).text() == "y₂"
    assert one.bias(1, 1).text() == "b₂" and one.y(0).text() == "t₁"  # the script has no targets: t
    # with more than one layer the layer numbers come back, so w¹₁₂ and w²₁₂ stay apart
    assert W10.for_network(2).weight(2, 1, 0).text() == "w²₁₂"
    assert P.for_network(1) is P and K.for_network(1) is K


def test_woche10_rechenweg_of_the_scripts_neuron():
    """y₂ with x = (5, 2, 4), w_12, w_22, w_32 = 0.2, 0.1, 0.25 and b = 1: 2.2 + 1 = 3.2, ReLU(3.2) = 3.2."""
    from fractions import Fraction as F
    net = Network([Layer(Matrix([[F(1), F(1), F(1)], [F("0.2"), F("0.1"), F("0.25")]]),
                         Matrix.column([F(0), F(1)]), "relu")])
    text = render(trace(net, [F(5), F(2), F(4)]), notation="woche10")
    assert "    z₂ = w₁₂·x₁ + w₂₂·x₂ + w₃₂·x₃ + b₂ = 0.2·5 + 0.1·2 + 0.25·4 + 1 = 2.2 + 1 = 3.2\n" in text
    assert "    y₂ = ReLU(z₂) = max(0, 3.2) = 3.2\n" in text
    assert "('Woche 10', Einblendung ReLU" in text and "('Woche 10', Wie berechnet sich ein Neuron" in text
    assert "wᵢⱼ ist das Gewicht von Eingang i zu Neuron j, gezählt ab 1" in text


def test_ki_explains_the_course_codes_index_shift(three):
    text = three["ki"]
    assert "a⁽¹⁾₁ = σ(z⁽¹⁾₀)" in text  # the shift itself
    assert text.count("Index-Verschiebung des Kurs-Codes: weighted_sums[l][j] gehört zu activations[l][j+1]") == 1
    assert "Index-Verschiebung wie oben: z⁽ˡ⁾ⱼ gehört zu a⁽ˡ⁾ⱼ₊₁" in text  # again where δ¹ reads σ' from a
    for other in ("parameter", "matrizen"):
        assert "Index-Verschiebung" not in three[other]
    one_layer = render(trace(Network([Layer(Matrix([[1, 2]]), Matrix.column([0]), "relu")]), [1, 1]), notation="ki")
    assert "Index-Verschiebung" not in one_layer  # the output layer has no bias neuron: nothing shifts
    assert "activations[l][j+1]" in render(trace(parameter_exercise(), [1.3, 0.8]), notation="ki", lang="en")


def test_generic_weight_and_description():
    assert [n.generic_weight().text() for n in (P, M, K)] == ["wᵏᵢⱼ", "wˡⱼ,ᵢ", "w⁽ˡ⁾ⱼₖ"]
    assert "von Eingang j zu Neuron i" in P.describe("de")
    assert "from neuron j of layer l−1 to neuron i" in M.describe("en")
    assert "bⱼ = w⁽ˡ⁾ⱼ₀" in K.describe("de")


# -- the same network, three ways ------------------------------------------------------


def _exercise():
    """'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel, with a target and η."""
    return trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], eta=0.5)


_RESULT = re.compile(r" [=≈←] ([^=≈←]+)$")


def _results(text):
    """Symbol → shown result of every calculation line (lines indented by 4)."""
    out = {}
    for line in text.splitlines():
        match = _RESULT.search(line)
        if line.startswith("    ") and match and line.strip()[0] not in "⎜⎝" and "Bias-Neuron" not in line and "Index-Verschiebung" not in line:
            out[line.strip().split(" ")[0]] = match.group(1)
    return out


@pytest.fixture(scope="module")
def three():
    t = _exercise()
    return {key: render(t, notation=key) for key in ("parameter", "matrizen", "ki")}


def test_the_numbers_agree_in_all_three_notations(three):
    shown = {key: sorted(_results(text).values()) for key, text in three.items()}
    assert shown["parameter"] == shown["matrizen"] == shown["ki"]
    assert len(shown["parameter"]) == 56  # 2 inputs, 10 forward lines, output, loss, 8 δ lines, 17 gradients, 17 updates


def test_one_weight_under_three_names(three):
    # W^1[2, 1] = 3: from input 2 to neuron 3 ('parameter'), w_{1,2} ('matrizen'), w_{2,2} ('ki').
    names = {"parameter": "∂E/∂w¹₃₂", "matrizen": "∂E/∂w¹₁,₂", "ki": "∂C/∂w⁽¹⁾₂,₂"}
    gradients = {key: _results(three[key])[names[key]] for key in names}
    assert set(gradients.values()) == {"−0.0119"}
    new = {"parameter": "w¹₃₂", "matrizen": "w¹₁,₂", "ki": "w⁽¹⁾₂,₂"}
    assert {_results(three[key])[new[key]] for key in new} == {"3.006"}
    # and the bias b^1_1 = −1 is the weight w^(1)_{0,0} of the bias neuron in 'ki'
    biases = {"parameter": "b¹₁", "matrizen": "b¹₀", "ki": "w⁽¹⁾₀,₀"}
    assert {_results(three[key])[biases[key]] for key in biases} == {"−0.9895"}


def test_each_notation_writes_the_logit_as_its_document_does(three):
    assert ("z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + b¹₁ = 2·1.3 + 1·0.8 + (−1) = 3.4 + (−1) = 2.4\n"
            in three["parameter"])
    # 'Matrizen' §2.3: z_0^1 = a_0^0·w_{0,0} + a_1^0·w_{1,0} + b^1
    assert ("z¹₀ = w¹₀,₀·a⁰₀ + w¹₁,₀·a⁰₁ + b¹₀ = 2·1.3 + 1·0.8 + (−1) = 3.4 + (−1) = 2.4\n"
            in three["matrizen"])
    # 'KI selbst gemacht': z_j = Σ_k w_jk a_k with a_0 = 1, so the bias is the first term
    assert ("z⁽¹⁾₀ = w⁽¹⁾₀,₀·a⁽⁰⁾₀ + w⁽¹⁾₀,₁·a⁽⁰⁾₁ + w⁽¹⁾₀,₂·a⁽⁰⁾₂ = −1·1 + 2·1.3 + 1·0.8 = 2.4\n"
            in three["ki"])
    assert "a⁽⁰⁾₀ = 1 ist das Bias-Neuron." in three["ki"]


def test_each_notation_writes_the_hidden_delta_as_its_document_does(three):
    # 'Matrizen' §3.6.3: δ_0^l = (δ_0^{l+1} w_{0,0}^{l+1} + δ_1^{l+1} w_{0,1}^{l+1} + …) σ'(z_0^l)
    assert "δ¹₀ = (w²₀,₀·δ²₀ + w²₀,₁·δ²₁)·σ'(z¹₀)" in three["matrizen"]
    # 'KI selbst gemacht': the weights of layer l+1 without the bias column, w_{i,j+1}
    assert "δ⁽¹⁾₀ = (w⁽²⁾₀,₁·δ⁽²⁾₀ + w⁽²⁾₁,₁·δ⁽²⁾₁)·σ'(z⁽¹⁾₀)" in three["ki"]
    assert "δ¹₁ = (w²₁₁·δ²₁ + w²₂₁·δ²₂)·σ'(z¹₁)" in three["parameter"]
    # σ'(z) from a = σ(z): in 'ki' activation j of a hidden layer is neuron j+1
    assert "σ'(z⁽¹⁾₀) = a⁽¹⁾₁·(1 − a⁽¹⁾₁) = 0.9168·(1 − 0.9168) ≈ 0.0763" in three["ki"]


def test_ki_shows_the_bias_as_column_0_of_W(three):
    assert "Gewichte (Spalte 0: Bias) W⁽¹⁾ = ⎛   −1    2  1⎞" in three["ki"]
    assert "Bias b¹ = (−1, 0, −0.25)ᵀ" in three["parameter"]
    assert "∂C/∂w⁽¹⁾₀,₀ = δ⁽¹⁾₀·a⁽⁰⁾₀ = −0.0211·1 ≈ −0.0211" in three["ki"]
    assert "∂E/∂b¹₁ = δ¹₁ ≈ −0.0211" in three["parameter"]


def test_loss_symbol_follows_the_document(three):
    assert "    E = −(y₁·ln(a²₁) + y₂·ln(a²₂))" in three["parameter"]
    assert "    E = −(y₀·ln(a²₀) + y₁·ln(a²₁))" in three["matrizen"]
    assert "    C = −(y₀·ln(a⁽²⁾₀) + y₁·ln(a⁽²⁾₁))" in three["ki"]


def test_the_docs_table_names_what_purenn_prints():
    """docs/rechenweg.md: the weight W¹[2, 1] under its four names."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "rechenweg.md").read_text(encoding="utf-8")
    names = {key: nt.get(key).weight(1, 2, 1).text() for key in ("parameter", "matrizen", "ki")}
    names["woche10"] = W10.for_network(1).weight(1, 2, 1).text()
    assert names == {"parameter": "w¹₃₂", "matrizen": "w¹₁,₂", "ki": "w⁽¹⁾₂,₂", "woche10": "w₂₃"}
    for key, name in names.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{key}`"))
        assert f"| {name}" in row, (key, row)
