"""The Rechenweg: the documents' worked examples as golden traces, checked number by number.

Golden files live in tests/golden/; after a deliberate change of the output,
rewrite them with ``PURENN_UPDATE_GOLDEN=1 python -m pytest tests/test_trace.py``
and read the diff.
"""

import math
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest

from purenn import Layer, Matrix, Network, losses
from purenn.rechenweg.render import render
from purenn.rechenweg.trace import trace

from course_networks import parameter_exercise

F = Fraction
GOLDEN = Path(__file__).resolve().parent / "golden"
NOTATIONS = ("parameter", "matrizen", "ki")


def check_golden(name, text):
    path = GOLDEN / name
    if os.environ.get("PURENN_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with PURENN_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; PURENN_UPDATE_GOLDEN=1 rewrites it"


# -- the documents' examples ------------------------------------------------------------


def woche10():
    """'Woche 10 Theorie': y_2 = ReLU(w_12·x_1 + w_22·x_2 + w_32·x_3 + b) = ReLU(5·0.2 + 2·0.1 + 4·0.25 + 1)."""
    net = Network([Layer(Matrix([[F(5), F(2), F(4)]]), Matrix.column([F(1)]), "relu")])
    return trace(net, [F("0.2"), F("0.1"), F("0.25")])


def ki_relu():
    """'Künstliche Intelligenz selbst gemacht', Matrixmultiplikation – Beispiel and Feedforward-Schritt."""
    W = Matrix([[F("-0.5"), F(4)], [F(3), F(-5)], [F(1), F(-2)]])
    net = Network([Layer(W, Matrix.column([F(0), F(0), F(0)]), "relu")])
    return trace(net, [F(2), F(-6)])


def small_net():
    """A 2-2-1 network with sigmoid in both layers, for one backpropagation step by hand."""
    return Network([
        Layer(Matrix([[0.5, -1], [1, 0.25]]), Matrix.column([0.1, -0.3]), "sigmoid"),
        Layer(Matrix([[1.5, -2]]), Matrix.column([0.2]), "sigmoid"),
    ])


@pytest.mark.parametrize("notation", NOTATIONS)
def test_woche10_golden(notation):
    t = woche10()
    e = t.layer(1).logits[0]
    assert (e.weights, e.inputs, e.bias) == ((5, 2, 4), (F(1, 5), F(1, 10), F(1, 4)), 1)
    assert e.weighted_sum == F("2.2") and e.z == F("3.2") and t.a(1)[0, 0] == F("3.2")
    check_golden(f"woche10_{notation}.txt", render(t, notation=notation))


@pytest.mark.parametrize("notation", NOTATIONS)
def test_ki_relu_matrix_example_golden(notation):
    t = ki_relu()
    assert t.z(1).flat() == [-25, 36, 14]
    assert t.a(1).flat() == [0, 36, 14]
    products = [[w * a for w, a in zip(e.weights, e.inputs)] for e in t.layer(1).logits]
    assert products == [[-1, -24], [6, 30], [2, 12]]  # −0.5·2 + 4·(−6), 3·2 + (−5)·(−6), 1·2 + (−2)·(−6)
    text = render(t, notation=notation)
    assert "(−0.5)·2 + 4·(−6)" in text or "−0.5·2 + 4·(−6)" in text
    check_golden(f"ki_relu_{notation}.txt", text)


@pytest.mark.parametrize("notation", NOTATIONS)
def test_parameter_forward_exercise_golden(notation):
    t = trace(parameter_exercise(), [1.3, 0.8])
    s = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    a1 = [s(2.4), s(2.9), s(2.8)]
    z2 = [a1[1] - 1, a1[0] - a1[1] + a1[2]]
    softmax = [math.exp(v) / sum(math.exp(u) for u in z2) for v in z2]
    assert t.z(1).flat() == pytest.approx([2.4, 2.9, 2.8])
    assert t.a(1).flat() == pytest.approx(a1) and a1 == pytest.approx([0.9168, 0.9478, 0.9427], abs=5e-5)
    assert t.z(2).flat() == pytest.approx(z2) and z2 == pytest.approx([-0.0522, 0.9117], abs=5e-5)
    assert t.output.flat() == pytest.approx(softmax) and softmax == pytest.approx([0.2761, 0.7239], abs=5e-5)
    text = render(t, notation=notation)
    assert "≈ (0.2761, 0.7239)ᵀ" in text
    check_golden(f"forward_exercise_{notation}.txt", text)


@pytest.mark.parametrize("fmt, ext", [("markdown", "md"), ("latex", "tex")])
def test_parameter_forward_exercise_markdown_and_latex_golden(fmt, ext):
    text = render(trace(parameter_exercise(), [1.3, 0.8]), fmt)
    check_golden(f"forward_exercise_parameter.{ext}", text)


@pytest.mark.parametrize("notation, lang", [("parameter", "de"), ("matrizen", "de"), ("ki", "de"), ("parameter", "en")])
def test_backprop_small_net_golden(notation, lang):
    t = trace(small_net(), [1.3, 0.8], y=[0.45], loss="squared_error", eta=0.5)
    check_golden(f"backprop_small_{notation}_{lang}.txt", render(t, notation=notation, lang=lang))


# -- backpropagation against finite differences -------------------------------------------------


def _with(net, l, kind, i, j, value):
    layers = list(net.layers)
    W, b = layers[l - 1].W.tolist(), layers[l - 1].b.tolist()
    (W if kind == "W" else b)[i][j] = value
    layers[l - 1] = Layer(Matrix(W), Matrix(b), layers[l - 1].activation)
    return Network(layers)


def _cost(net, x, y, loss):
    return losses.get(loss).cost(net.predict(x), Matrix.column(y))


@pytest.mark.parametrize("net, x, y, loss", [
    (small_net(), [1.3, 0.8], [0.45], "squared_error"),
    (parameter_exercise(), [1.3, 0.8], [0, 1], "cross_entropy"),
    (parameter_exercise(), [1.3, 0.8], [0.2, 0.6], "cross_entropy"),  # not one-hot: s·Σy − y
    (parameter_exercise(), [1.3, 0.8], [0, 1], "squared_error"),  # softmax Jacobian
    (Network.create([3, 4, 2], hidden="tanh", output="identity", seed=3), [0.5, -1, 2], [1, -1], "half_squared_error"),
])
def test_gradients_match_finite_differences(net, x, y, loss):
    h = 1e-6
    t = trace(net, x, y, loss=loss)
    for l in range(1, net.L + 1):
        for kind, G, P in (("W", t.dW(l), net.W(l)), ("b", t.db(l), net.b(l))):
            for i in range(P.n_rows):
                for j in range(P.n_cols):
                    up = _cost(_with(net, l, kind, i, j, P[i, j] + h), x, y, loss)
                    down = _cost(_with(net, l, kind, i, j, P[i, j] - h), x, y, loss)
                    assert G[i, j] == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-8), (l, kind, i, j)


def test_small_net_by_hand():
    """The numbers of one step, recomputed from the formulas without the core."""
    t = trace(small_net(), [1.3, 0.8], y=[0.45], loss="squared_error", eta=0.5)
    s = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    z1 = [0.5 * 1.3 - 0.8 + 0.1, 1.3 + 0.2 - 0.3]
    a1 = [s(v) for v in z1]
    z2 = 1.5 * a1[0] - 2 * a1[1] + 0.2
    a2 = s(z2)
    d2 = 2 * (a2 - 0.45) * a2 * (1 - a2)
    d1 = [1.5 * d2 * a1[0] * (1 - a1[0]), -2 * d2 * a1[1] * (1 - a1[1])]
    assert t.z(1).flat() == pytest.approx(z1) and t.a(2)[0, 0] == pytest.approx(a2)
    assert t.loss.value == pytest.approx((a2 - 0.45) ** 2)
    assert t.delta(2)[0, 0] == pytest.approx(d2) and t.delta(1).flat() == pytest.approx(d1)
    assert t.dW(2).flat() == pytest.approx([d2 * a1[0], d2 * a1[1]])
    assert t.dW(1).rows[0] == pytest.approx([d1[0] * 1.3, d1[0] * 0.8])
    assert t.W_new(2).flat() == pytest.approx([1.5 - 0.5 * d2 * a1[0], -2 - 0.5 * d2 * a1[1]])
    assert t.b_new(1).flat() == pytest.approx([0.1 - 0.5 * d1[0], -0.3 - 0.5 * d1[1]])


def test_record_entries_add_up():
    """Each entry's parts give its value: the record can be checked line by line."""
    t = trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], eta=0.5)
    for layer in t.layers:
        for e in layer.logits:
            assert sum(w * a for w, a in zip(e.weights, e.inputs)) + e.bias == pytest.approx(e.z)
            assert e.weighted_sum + e.bias == pytest.approx(e.z)
    out = t.back(2)
    assert [d.rule for d in out.deltas] == ["softmax_ce", "softmax_ce"]
    assert [d.delta for d in out.deltas] == pytest.approx([d.a - d.y for d in out.deltas])
    hidden = t.back(1)
    for d in hidden.deltas:
        assert d.rule == "hidden"
        assert d.total == pytest.approx(sum(w * dk for w, dk in d.terms))
        assert d.delta == pytest.approx(d.total * d.sigma_prime)
        assert d.sigma_prime == pytest.approx(d.a * (1 - d.a))
    for g in hidden.weight_gradients:
        assert g.value == pytest.approx(g.delta * g.a_prev)
    for u in t.update(1).weights + t.update(1).biases:
        assert u.new == pytest.approx(u.old - 0.5 * u.grad)
    assert [e.l for e in t.backward] == [2, 1] and [u.l for u in t.updates] == [1, 2]
    assert t.updated is not None and t.updated.W(1) == t.W_new(1)
    assert t.network.W(1)[0, 0] == 2  # the network itself is not changed by the step


def test_output_rule_factors():
    t = trace(small_net(), [1.3, 0.8], y=[0.45], loss="squared_error")
    (d,) = t.back(2).deltas
    assert d.rule == "output"
    assert d.dC_da == pytest.approx(2 * (d.a - 0.45))
    assert d.delta == pytest.approx(d.dC_da * d.sigma_prime)
    assert t.updates == () and t.eta is None


def test_softmax_jacobian_rule_terms():
    t = trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], loss="squared_error")
    for d in t.back(2).deltas:
        assert d.rule == "softmax_jacobian"
        assert d.delta == pytest.approx(sum(J * g for J, g in d.terms))
    s = t.output.flat()
    assert t.back(2).deltas[0].terms[1][0] == pytest.approx(-s[1] * s[0])  # ∂s_1/∂z_0 = −s_1·s_0
    assert "Σₖ ∂a²ₖ/∂z²ᵢ·∂E/∂a²ₖ" in render(t)


# -- what a trace refuses ---------------------------------------------------------------------


def test_eta_without_target_is_refused():
    with pytest.raises(ValueError, match="needs a target"):
        trace(small_net(), [1.3, 0.8], eta=0.5)


# -- a mini-batch: 'Matrizen in Neuronalen Netzen' §3.7–3.8 ------------------------------------

BATCH_X = [[1.3, 0.8], [0.5, -1.0], [0.0, 1.0]]  # three examples, one per column of A^0
BATCH_Y = [[0.45], [1.0], [0.0]]


def batch_trace(eta=0.5, loss="half_squared_error"):
    return trace(small_net(), Matrix.from_columns(BATCH_X), Matrix.from_columns(BATCH_Y), loss=loss, eta=eta)


def test_batch_is_the_core_backward_and_step():
    t = batch_trace()
    X, Y = Matrix.from_columns(BATCH_X), Matrix.from_columns(BATCH_Y)
    g = small_net().backward(X, Y, loss="half_squared_error")
    assert t.N == 3 and t.x == X and t.target == Y
    for l in (1, 2):
        assert t.z(l) == g.forward.z(l) and t.a(l) == g.forward.a(l)
        assert t.delta(l) == g.delta(l) and t.dW(l) == g.dW(l) and t.db(l) == g.db(l)
    stepped = small_net()
    stepped.step(g, 0.5)  # W − η/N · [δ](A)ᵀ with N = 3
    assert all(t.W_new(l) == stepped.W(l) and t.b_new(l) == stepped.b(l) for l in (1, 2))
    assert t.loss.value == g.loss


def test_batch_gradient_is_the_sum_of_the_single_examples():
    """§3.8.2: ∂E/∂w = Σ_k δ^(l,k)·a^(l−1,k), and §3.3: the step divides that sum by N."""
    t = batch_trace()
    singles = [trace(small_net(), x, y, loss="half_squared_error", eta=0.5) for x, y in zip(BATCH_X, BATCH_Y)]
    for l in (1, 2):
        summed = [sum(s.dW(l).flat()[m] for s in singles) for m in range(len(t.dW(l).flat()))]
        assert t.dW(l).flat() == pytest.approx(summed, rel=1e-12)
        assert t.db(l).flat() == pytest.approx([sum(s.db(l).flat()[m] for s in singles) for m in range(2 if l == 1 else 1)])
        W = small_net().W(l).flat()
        assert t.W_new(l).flat() == pytest.approx([w - 0.5 / 3 * d for w, d in zip(W, summed)], rel=1e-12)
        for k, s in enumerate(singles):  # column k of [δ^l] is δ^l of example k alone
            assert [row[k] for row in t.delta(l).rows] == pytest.approx(s.delta(l).flat(), rel=1e-12)
    # the record: each gradient entry is the sum of its pairs, one pair per example
    for back in t.backward:
        for e in back.weight_gradients + back.bias_gradients:
            assert len(e.terms) == 3
            assert e.value == pytest.approx(sum(d * a for d, a in e.terms), rel=1e-12)
    assert t.loss.per_example == pytest.approx([s.loss.value for s in singles])
    assert t.loss.value == pytest.approx(sum(t.loss.per_example) / 3)


def test_batch_exact_by_hand():
    """One identity neuron, exact: δ^(1,k) = z^(1,k) − y^(k); the numbers worked out with fractions."""
    net = Network([Layer(Matrix([[F(2), F(1)]]), Matrix.column([F(-1)]), "identity")])
    X = Matrix.from_columns([[F("1.3"), F("0.8")], [F("0.5"), F(1)]])
    t = trace(net, X, Matrix.row([F(2), F(0)]), loss="half_squared_error", eta=F(1, 2))
    assert t.z(1).flat() == [F("2.4"), F(1)] and t.delta(1).flat() == [F("0.4"), F(1)]
    assert t.dW(1).flat() == [F("1.02"), F("1.32")]  # 0.4·1.3 + 1·0.5, 0.4·0.8 + 1·1
    assert t.db(1).flat() == [F("1.4")]
    assert t.W_new(1).flat() == [F("1.745"), F("0.67")]  # 2 − ¼·1.02, 1 − ¼·1.32
    assert t.b_new(1).flat() == [F("-1.35")]
    assert t.loss.per_example == (F("0.08"), F("0.5")) and t.loss.value == F("0.29")
    text = render(t, notation="matrizen")
    assert "∂E/∂w¹₀,₀ = Σₖ δ¹,ᵏ₀·a⁰,ᵏ₀ = 0.4·1.3 + 1·0.5 = 1.02" in text
    assert "w¹₀,₀ ← w¹₀,₀ − (η / N)·∂E/∂w¹₀,₀ = 2 − (0.5 / 2)·1.02 = 1.745" in text
    assert "E = Σₖ E⁽ᵏ⁾ = 0.08 + 0.5 = 0.58" in text


def test_batch_golden():
    check_golden("backprop_batch_matrizen_de.txt", render(batch_trace(), notation="matrizen"))


@pytest.mark.parametrize("notation", NOTATIONS)
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_batch_in_every_notation_and_format(notation, fmt):
    t = batch_trace()
    text = render(t, fmt, notation)
    # every δ entry of every example, and every new weight, is printed
    for v in t.delta(1).flat() + t.W_new(1).flat():
        assert f"{abs(v):.4f}".rstrip("0") in text
    assert text.count("0.5 / 3") + text.count(r"\frac{0.5}{3}") >= 6  # η/N in every update line
    batch_words = {"text": "[δ", "markdown": "[\\delta", "latex": "[\\delta"}
    assert batch_words[fmt] in text


def test_batch_ki_shows_the_bias_row_of_ones():
    text = render(batch_trace(), notation="ki")
    assert "A⁽⁰⁾ = ⎛  1    1  1⎞" in text  # a⁽⁰⁾₀ = 1 in every column: Z⁽¹⁾ = W⁽¹⁾·A⁽⁰⁾ fits
    assert "Z⁽¹⁾ = W⁽¹⁾·A⁽⁰⁾" in text and "∂C/∂W⁽¹⁾ = [δ⁽¹⁾]·(A⁽⁰⁾)ᵀ" in text


def test_softmax_in_a_hidden_layer_goes_through_its_jacobian():
    net = Network([Layer(Matrix([[1, 0], [0, 1]]), Matrix.column([0, 0]), "softmax"),
                   Layer(Matrix([[1, 2]]), Matrix.column([0]), "sigmoid")])
    t = trace(net, [1, 2], y=[1], eta=0.5)
    (d1, d2) = t.backward[-1].deltas  # layer 1, the softmax layer
    s1, s2 = t.a(1).flat()
    # ∂E/∂a¹_k = w²_1k · δ²_1, then δ¹_i = Σ_k ∂a¹_k/∂z¹_i · ∂E/∂a¹_k with ∂a_k/∂z_i = a_k (1{k=i} − a_i)
    delta2 = t.delta(2)[0, 0]
    assert (d1.dC_da, d2.dC_da) == pytest.approx((1 * delta2, 2 * delta2), rel=1e-15)
    assert d1.delta == pytest.approx(s1 * (1 - s1) * d1.dC_da - s2 * s1 * d2.dC_da, rel=1e-12)
    assert d2.delta == pytest.approx(-s1 * s2 * d1.dC_da + s2 * (1 - s2) * d2.dC_da, rel=1e-12)
    assert [d1.delta, d2.delta] == t.delta(1).flat() == net.backward([1, 2], [1]).delta(1).flat()
    text = render(t, "text")
    assert "Schicht 1: δ¹ᵢ = Σₖ ∂a¹ₖ/∂z¹ᵢ·∂E/∂a¹ₖ" in text
    assert "∂E/∂a¹₂ = w²₁₂·δ²₁ = 2·(−0.0385) ≈ −0.0769" in text
    assert "∂C/∂a⁽¹⁾₂ = w⁽²⁾₀,₂·δ⁽²⁾₀ = 2·(−0.0385) ≈ −0.0769" in render(t, "text", "ki")
    for fmt in ("markdown", "latex"):
        for notation in ("parameter", "matrizen", "ki"):
            # ∂E/∂a¹₂ once on its own line and once in each of the two δ¹ lines
            assert render(t, fmt, notation).count("0.0769") == 3


def test_accessors_say_what_is_missing():
    t = trace(small_net(), [1.3, 0.8])
    with pytest.raises(ValueError, match="give a target"):
        t.delta(1)
    with pytest.raises(IndexError, match="layers are 1..2"):
        t.z(3)
    assert t.a(0).flat() == [1.3, 0.8]
    with pytest.raises(ValueError, match="give a learning rate"):
        trace(small_net(), [1.3, 0.8], y=[0.45]).W_new(1)


# -- ReLU'(0): 0 on the slide, 1 in the course code -------------------------------------------------


@pytest.mark.parametrize("at_0, delta, W_new", [(0, 0, [1, -1]), (1, -2, [1.4, -0.6])])
def test_relu_derivative_at_0_is_a_choice(at_0, delta, W_new):
    """z = 1·2 + (−1)·2 + 0 = 0 exactly: δ = 2(a − y)·ReLU'(0) is 0 with the slide's value and −2 with the code's."""
    from purenn import activations
    relu = activations.relu_with(at_0)
    net = Network([Layer(Matrix([[1, -1]]), Matrix.column([0]), relu)])
    t = trace(net, [2, 2], y=[1], loss="squared_error", eta=0.1)
    assert t.z(1)[0, 0] == 0 and t.delta(1)[0, 0] == delta
    assert t.W_new(1).flat() == pytest.approx(W_new)
    # training takes the engine for whole numbers: it must make the same choice
    trained = Network([Layer(Matrix([[1, -1]]), Matrix.column([0]), relu)])
    trained.train([([2, 2], [1])], epochs=1, batch_size=1, eta=0.1, loss="squared_error", seed=0)
    assert trained.W(1).flat() == pytest.approx(W_new, abs=1e-15)
    note = {0: "ReLU'(0) = 0 wie die Folie", 1: "ReLU'(0) = 1 wie der Kurs-Code (numpy.heaviside(z, 1))"}[at_0]
    assert note in render(t) and note in render(trace(net, Matrix([[2, 1], [2, 0]]), Matrix.row([1, 1])))
    assert "ReLU'(0)" not in render(trace(net, [3, 2], y=[1]))  # no z = 0: nothing to say


def test_relu_heaviside_is_saved_and_loaded_by_name(tmp_path):
    from purenn import activations
    net = Network([Layer(Matrix([[1, -1]]), Matrix.column([0]), activations.relu_heaviside)])
    assert Network.load(net.save(tmp_path / "n.json")).activation(1) is activations.relu_heaviside
    with pytest.raises(ValueError, match="ReLU'\\(0\\) is 0 \\(slide\\) or 1 \\(course code\\), got 0.5"):
        activations.relu_with(0.5)


# -- formats and languages ------------------------------------------------------------------------


def test_labels_german_and_english():
    t = trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], eta=0.5)
    de, en = render(t), render(t, lang="en")
    for label in ("Logits", "Aktivierung", "Gewichte", "Bias", "Verlust", "Fehler δ", "Gradient", "Lernrate"):
        assert label in de
    for label in ("Logits", "Activation", "Weights", "Bias", "Loss", "Error δ", "Gradient", "Learning rate"):
        assert label in en
    # the slides' own titles stay German ('Parameter', Ausgänge von Schicht k); the labels do not
    assert not re.search(r"Schicht \d", en) and "Layer" not in de


def test_markdown_and_latex_formulas():
    t = trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], eta=0.5)
    md, tex = render(t, "markdown"), render(t, "latex")
    assert r"- $z^{1}_{1} = w^{1}_{11} \cdot x_{1} + w^{1}_{12} \cdot x_{2} + b^{1}_{1}" in md
    assert r"$W^{1} = \begin{pmatrix} 2 & 1 \\ 1 & 2 \\ 0.5 & 3 \end{pmatrix}$" in md
    assert r"\begin{align*}" in tex and r"\end{align*}" in tex
    assert r"a^{1}_{1} &= \sigma(z^{1}_{1}) = \sigma(2.4) = \frac{1}{1 + e^{-2.4}} \approx 0.9168" in tex
    assert r"\frac{\partial E}{\partial w^{2}_{11}}" in tex
    assert r"w^{1}_{11} &\leftarrow w^{1}_{11} - \eta \cdot" in tex
    assert tex.count(r"\begin{align*}") == tex.count(r"\end{align*}")
    assert tex.count("$") % 2 == 0  # every inline formula is closed


@pytest.mark.parametrize("notation", NOTATIONS)
def test_headings_name_the_equation_or_section(notation):
    """δ² = a² − y is Gleichung IV: the reader sees why σ' is gone; every step names where it stands."""
    t = trace(parameter_exercise(), [1.3, 0.8], y=[0, 1], eta=0.5)
    lines = render(t, notation=notation).splitlines()
    delta2 = next(line for line in lines if line.startswith("  Schicht 2: δ"))
    delta1 = next(line for line in lines if line.startswith("  Schicht 1: δ"))
    assert delta2.endswith("(Gleichung IV 'KI selbst gemacht')")
    assert "Gleichung 7 'KI selbst gemacht'" in delta1 and "§3.6.3 'Matrizen'" in delta1
    grads = [line for line in lines if line.startswith("  Schicht ") and "∂" in line and "/∂W" in line]
    assert "Gleichung V 'KI selbst gemacht'" in grads[0] and "Gleichung 6 'KI selbst gemacht'" in grads[1]
    updates = [line for line in lines if line.startswith("  Schicht ") and "Gleichung 8" in line]
    assert len(updates) == 2
    own = {"parameter": "'Parameter', Ausgänge", "matrizen": "§2.4 'Matrizen'", "ki": "'KI selbst gemacht', Neuronen"}
    logits = next(line for line in lines if line.startswith("  Logits"))
    assert logits.split("(", 1)[1].startswith(own[notation])  # the notation's own document first
    batch = render(batch_trace(), notation=notation, lang="en")
    assert "§3.8.1 'Matrizen'" in batch and "§3.7 'Matrizen'" in batch and "§3.3 'Matrizen'" in batch
    assert "equation IV" in render(t, lang="en")


def test_unknown_format_and_language_are_refused():
    t = trace(small_net(), [1.3, 0.8])
    with pytest.raises(ValueError, match="unknown format 'html'"):
        render(t, "html")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render(t, lang="fr")
