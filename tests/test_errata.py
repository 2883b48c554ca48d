"""The errata list (purenn/course/errata.py, purenn/course/errata.json): each entry backed by a computation that shows which version is right.

The computations ask purenn: its forward pass and backpropagation
(``Network.forward``, ``Network.backward``, ``Network.step``), its
activations and losses, compared with finite differences of purenn's own
loss and with the version a document prints. The entries about the printed
course code of 'Künstliche Intelligenz selbst gemacht' (a syntax error, a
name error, a wrong indentation) run that code as printed.

The example network is the one from 'Parameter in neuronalen Netzen'
(Forward Pass an einem Beispiel): W^1 = [[2, 1], [1, 2], [0.5, 3]],
b^1 = [−1, 0, −0.25], W^2 = [[0, 1, 0], [1, −1, 1]], b^2 = [−1, 0]; with a
sigmoid output where the 'Matrizen' formulas need one. Inputs: (1.3, 0.8)
from 'Training von neuronalen Netzen' and two more.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import random
import re
from pathlib import Path
from typing import Callable, List, Sequence, Tuple

import pytest

from purenn import Layer, Matrix, Network, activations, init, losses
from purenn.course import errata
from purenn.course.errata import ERRATA, KINDS, SOURCES, Erratum
from purenn.io import idx

ROOT = Path(__file__).resolve().parent.parent
Vector = List[float]
Rows = List[List[float]]

# -- the example network and plain-list helpers ------------------------------------------

W1: Rows = [[2.0, 1.0], [1.0, 2.0], [0.5, 3.0]]
B1: Vector = [-1.0, 0.0, -0.25]
W2: Rows = [[0.0, 1.0, 0.0], [1.0, -1.0, 1.0]]
B2: Vector = [-1.0, 0.0]
XS: List[Vector] = [[1.3, 0.8], [-0.5, 0.2], [0.1, -1.0]]  # one example per entry (batch columns)
YS: List[Vector] = [[0.0, 1.0], [1.0, 0.0], [0.3, 0.7]]
H = 1e-6


def sigmoid(x: float) -> float:
    """purenn's σ for one number."""
    return float(activations.sigmoid.f(x))


def dsigmoid(x: float) -> float:
    """purenn's σ' for one number."""
    return float(activations.sigmoid.df(x))


def matvec(W: Rows, v: Sequence[float]) -> Vector:
    assert all(len(row) == len(v) for row in W), "shapes do not fit"
    return [sum(w * x for w, x in zip(row, v)) for row in W]


def add(u: Sequence[float], v: Sequence[float]) -> Vector:
    assert len(u) == len(v)
    return [a + b for a, b in zip(u, v)]


def transpose(M: Rows) -> Rows:
    return [list(col) for col in zip(*M)]


def hadamard(u: Sequence[float], v: Sequence[float]) -> Vector:
    assert len(u) == len(v)
    return [a * b for a, b in zip(u, v)]


def col(v: Sequence[float]) -> Matrix:
    return Matrix.column(v)


def flat(M: Matrix) -> Vector:
    return [float(v) for v in M.flat()]


def half_se(a: Sequence[float], y: Sequence[float]) -> float:
    """purenn's E = ½ Σ_j (y_j − a_j)² for one example."""
    return float(losses.half_squared_error(col(a), col(y)))


def network(W1: Rows = W1, b1: Vector = B1, W2: Rows = W2, b2: Vector = B2, output: str = "sigmoid") -> Network:
    return Network([Layer(Matrix(W1), col(b1), "sigmoid"), Layer(Matrix(W2), col(b2), output)])


def forward(x: Sequence[float], W1: Rows = W1, b1: Vector = B1, W2: Rows = W2, b2: Vector = B2):
    """z^1, a^1, z^2, a^2 of purenn's forward pass, sigmoid in both layers."""
    fp = network(W1, b1, W2, b2).forward(col(x))
    return flat(fp.z(1)), flat(fp.a(1)), flat(fp.z(2)), flat(fp.a(2))


def backprop(x: Vector, y: Vector, loss: str = "half_squared_error") -> Tuple[Vector, Vector]:
    """δ^2 and δ^1 from purenn's backpropagation."""
    g = network().backward(col(x), col(y), loss=loss)
    return flat(g.delta(2)), flat(g.delta(1))


def diff(f: Callable[[Vector], float], v: Sequence[float], i: int) -> float:
    """∂f/∂v_i by central differences."""
    up, down = list(v), list(v)
    up[i] += H
    down[i] -= H
    return (f(up) - f(down)) / (2 * H)


def diff_matrix(f: Callable[[Rows], float], M: Rows, i: int, j: int) -> float:
    """∂f/∂M[i][j] by central differences."""
    up, down = copy.deepcopy(M), copy.deepcopy(M)
    up[i][j] += H
    down[i][j] -= H
    return (f(up) - f(down)) / (2 * H)


def loss_from_z2(z2: Vector, y: Vector) -> float:
    return half_se([sigmoid(v) for v in z2], y)


def loss_from_z1(z1: Vector, y: Vector) -> float:
    a1 = [sigmoid(v) for v in z1]
    return loss_from_z2(add(matvec(W2, a1), B2), y)


def columns_to_rows(columns: List[Vector]) -> Rows:
    return [list(r) for r in zip(*columns)]


def far(u: Sequence[float], v: Sequence[float], tol: float = 1e-3) -> bool:
    """True if the two vectors differ by more than tol somewhere."""
    return any(abs(a - b) > tol for a, b in zip(u, v))


# -- the list itself -------------------------------------------------------------------------


def test_ids_are_unique_and_well_formed():
    ids = [e.id for e in ERRATA]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"(train|w10|mat|ki)-[A-Za-z0-9-]+", i), i


def test_every_check_names_a_test_in_tests():
    tests_in: dict = {}

    def tests(path: str) -> set:
        if path not in tests_in:  # each file parsed once
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            tests_in[path] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
        return tests_in[path]

    for e in ERRATA:
        if e.check.startswith(errata.NO_TEST):  # no number to compute: it says why, in words
            assert len(e.check) > len(errata.NO_TEST) + 10, e.id
            refs = re.findall(r"tests/test_\w+\.py::test_\w+", e.check)  # a test it points to exists
        else:
            refs = [e.check]
        for ref in refs:
            path, _, name = ref.partition("::")
            assert path.startswith("tests/test_") and path.endswith(".py"), e.id
            assert (ROOT / path).is_file(), f"{e.id}: {path} does not exist"
            assert name in tests(path), f"{e.id}: {name} is not a test in {path}"


def test_errata_json_is_canonical():
    path = Path(errata.__file__).with_name(errata.DATA_FILE)
    text = path.read_text(encoding="utf-8")
    assert errata.canonical_json(errata._parse(text)) == text, "run: python scripts/errata_data.py"
    assert [e.source for e in ERRATA[:1]] == [errata.TRAINING]  # the key "training" became the title
    assert '"source": "training"' in text


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(kind="Feler"), r"entry 0 \('train-delta-symbol'\): field 'kind' is 'Feler'"),
    (lambda d: d.update(source="woche11"), r"entry 0 \('train-delta-symbol'\): field 'source' is 'woche11'"),
    (lambda d: d.pop("why_en"), r"entry 0 \('train-delta-symbol'\): missing field\(s\) why_en"),
    (lambda d: d.update(printed=3), r"entry 0 \('train-delta-symbol'\): field 'printed' must be a non-empty string"),
    (lambda d: d.update(extra="x"), r"entry 0 \('train-delta-symbol'\): unknown field\(s\) extra"),
])
def test_malformed_entry_is_named(change, message):
    data = json.loads(errata.canonical_json(ERRATA))
    change(data[0])
    with pytest.raises(ValueError, match=message):
        errata._parse(json.dumps(data, ensure_ascii=False))
    data = json.loads(errata.canonical_json(ERRATA))
    data.append(dict(data[0]))
    with pytest.raises(ValueError, match=r"field 'id' repeats entry 0"):
        errata._parse(json.dumps(data))


def test_entries_are_complete():
    assert len(ERRATA) >= 30
    for e in ERRATA:
        assert isinstance(e, Erratum)
        assert e.kind in KINDS, e.id
        assert e.source in SOURCES, e.id
        for field in ("section", "printed", "correct", "why", "why_en", "check"):
            assert getattr(e, field).strip(), (e.id, field)
        assert e.printed != e.correct, e.id
    # every kind occurs
    assert {e.kind for e in ERRATA} == set(KINDS)


def test_erratum_is_frozen():
    e = ERRATA[0]
    with pytest.raises(AttributeError):
        e.kind = "Konvention"  # type: ignore[misc]


def test_get_finds_and_rejects():
    assert errata.get("mat-delta-batch-output").printed == "[δ^L] = (Z^L − Y^L) ⊙ σ'(A^L)"
    with pytest.raises(KeyError, match="no erratum"):
        errata.get("no-such-id")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_render_lists_every_entry(fmt, lang):
    out = errata.render(format=fmt, lang=lang)
    words = " ".join(out.split())  # long lines are wrapped in text
    for e in ERRATA:
        assert e.id in out
        assert " ".join(e.check.split()) in words
    for source in SOURCES:
        assert source in out
    # German text in German, English text in English
    probe = errata.get("ki-delta-w-name")
    if lang == "de":
        assert "NameError" in out and "Die Liste heißt delta_W" in out
        assert "The list is called delta_W" not in out
    else:
        assert "The list is called delta_W" in out
        assert "Die Liste heißt delta_W" not in out
    n = {k: sum(1 for e in ERRATA if e.kind == k) for k in KINDS}
    word = {"de": "Fehler", "en": "errors"}[lang]
    assert f"{n['Fehler']} {word}" in out
    assert probe.section in out


def test_render_markdown_structure():
    out = errata.render(format="markdown")
    lines = out.splitlines()
    assert lines[0] == "# Errata zu den Kursunterlagen"
    assert [l[3:] for l in lines if l.startswith("## ")] == list(SOURCES)
    assert sum(1 for l in lines if l.startswith("### ")) == len(ERRATA)
    # multi-line code is fenced, and the fences are balanced
    assert out.count("```text") == sum(("\n" in e.printed) + ("\n" in e.correct) for e in ERRATA)
    assert out.count("```") % 2 == 0
    # a document without entries is said to have none
    assert "*(keine Einträge)*" in out
    assert not any(l != l.rstrip() for l in lines)


def test_render_text_keeps_code_lines():
    out = errata.render()
    assert "            self.weights.append(layer_weights)" in out
    assert all(len(l) <= 100 for l in out.splitlines() if not l.startswith("["))  # wrapped
    assert not any(l != l.rstrip() for l in out.splitlines())


def test_render_rejects_unknown_options():
    with pytest.raises(ValueError, match="format"):
        errata.render(format="html")
    with pytest.raises(ValueError, match="language"):
        errata.render(lang="fr")


# -- Parameter in neuronalen Netzen / Training von neuronalen Netzen ------------------------


def softmax(z: Sequence[float]) -> Vector:
    """purenn's softmax of one column."""
    return flat(activations.softmax(col(z)))


def test_forward_example_of_parameter_document():
    # y = σ_Softmax(W^2 σ(W^1 x + b^1) + b^2) for the 'Training' input (1.3, 0.8), by purenn's forward pass
    fp = network(output="softmax").forward(col([1.3, 0.8]))
    z1, a1, z2, a2 = flat(fp.z(1)), flat(fp.a(1)), flat(fp.z(2)), flat(fp.a(2))
    assert z1 == pytest.approx([2.4, 2.9, 2.8])
    assert a1 == pytest.approx([1 / (1 + math.exp(-v)) for v in (2.4, 2.9, 2.8)])
    assert z2 == pytest.approx([a1[1] - 1, a1[0] - a1[1] + a1[2]])
    assert a2 == pytest.approx([0.2761, 0.7239], abs=1e-4)
    assert sum(a2) == pytest.approx(1.0)
    # the second layer's activation is a^2 (2 values); a^1 belongs to the first layer (3 values)
    assert (fp.a(1).shape, fp.a(2).shape) == ((3, 1), (2, 1))


def test_gradient_of_weight_is_not_delta():
    x, y = XS[0], YS[0]  # x_1 = 1.3
    d2, d1 = backprop(x, y)

    def loss(W: Rows) -> float:
        return half_se(forward(x, W1=W)[3], y)

    g11 = diff_matrix(loss, W1, 0, 0)  # ∂E/∂w_11^1, 1-based as in the document
    assert g11 == pytest.approx(d1[0] * x[0], rel=1e-6)
    assert abs(g11 - d1[0]) > 1e-3  # the gradient is not δ_1^1 itself
    assert g11 / d1[0] == pytest.approx(1.3, rel=1e-6)


def test_update_without_learning_rate_can_overshoot():
    # one neuron with identity activation, w = 1, b = 0, input 2, target 0: E = ½ (w·2 + b)² = 2
    def net() -> Network:
        return Network([Layer(Matrix([[1.0]]), col([0.0]), "identity")])

    x, y = col([2.0]), col([0.0])
    printed = net()
    g = printed.backward(x, y, loss="half_squared_error")
    assert (g.loss, flat(g.dW(1)), flat(g.db(1))) == (2.0, [4.0], [2.0])
    printed.step(g, 1.0)  # w = w − ∂, i.e. η = 1
    assert printed.backward(x, y, loss="half_squared_error").loss == pytest.approx(32.0)  # the error grows
    small = net()
    small.step(g, 0.1)
    assert small.backward(x, y, loss="half_squared_error").loss == pytest.approx(0.5)
    with pytest.raises(ValueError, match="positive"):
        net().step(g, 0.0)


def test_training_example_loss_is_absolute_difference():
    result, correct = col([0.65]), col([0.45])
    assert losses.squared_error(result, correct) == pytest.approx(0.04)
    assert losses.half_squared_error(result, correct) == pytest.approx(0.02)
    for loss in (losses.squared_error, losses.half_squared_error):  # neither is the slide's 0.2
        assert abs(float(loss(result, correct)) - 0.2) > 0.1


def test_backprop_uses_weights_before_update():
    x, y = XS[0], YS[0]
    net = network()
    g = net.backward(col(x), col(y), loss="half_squared_error")
    # purenn's first-layer gradient against finite differences, at the parameters of the forward pass
    numeric = [diff_matrix(lambda W: half_se(forward(x, W1=W)[3], y), W1, i, j) for i in range(3) for j in range(2)]
    assert flat(g.dW(1)) == pytest.approx(numeric, rel=1e-5)
    # as printed: adjust W^2 first (purenn's step with η = 1), then propagate δ back through the new W^2
    net.step(g, 1.0)
    assert net.W(2) != Matrix(W2)
    d1_late = (net.W(2).T @ g.delta(2)).hadamard(activations.sigmoid(g.forward.z(1), derivative=True))
    late = flat(d1_late @ Matrix.row(x))
    assert far(late, numeric, tol=1e-3)


# -- Woche 10 ---------------------------------------------------------------------------------


def relu(x: float) -> float:
    """purenn's ReLU for one number."""
    return float(activations.relu.f(x))


def test_woche10_neuron_example_and_index_order():
    x = [5.0, 2.0, 4.0]
    w_into_y2 = {1: 0.2, 2: 0.1, 3: 0.25}  # Woche 10: w_12, w_22, w_32 (source index first)
    b = 1.0
    # the same neuron as row 2 of W^1 in the 'Parameter' convention (w_ij: from x_j to neuron i)
    W = [[0.0, 0.0, 0.0], [w_into_y2[1], w_into_y2[2], w_into_y2[3]]]
    net = Network([Layer(Matrix(W), col([0.0, b]), "relu")])
    fp = net.forward(col(x))
    assert flat(fp.z(1))[1] == pytest.approx(sum(w_into_y2[k] * x[k - 1] for k in (1, 2, 3)) + b)
    assert flat(fp.z(1))[1] == pytest.approx(3.2)
    assert flat(fp.output)[1] == pytest.approx(3.2)
    # "größer oder gleich null: bleibt gleich; negativ: 0" is purenn's ReLU
    for v in (-2.0, -1e-9, 0.0, 1e-9, 3.2):
        assert relu(v) == (v if v >= 0 else 0.0)


# -- Matrizen in Neuronalen Netzen -------------------------------------------------------------


def test_matrizen_layout_w_ji_is_row_i_column_j():
    # 'Matrizen' names the weight from neuron j (layer l−1) to neuron i (layer l) w_(j,i)
    w = {(0, 0): 0.5, (1, 0): -1.0, (0, 1): 2.0, (1, 1): 0.25, (0, 2): -0.75, (1, 2): 1.5}
    a_prev, b = [0.3, -0.8], [0.1, -0.2, 0.4]
    n_prev, n = 2, 3
    W = [[w[(j, i)] for j in range(n_prev)] for i in range(n)]  # row i: w_(0,i), w_(1,i), …
    z = add(matvec(W, a_prev), b)
    assert len(z) == len(W) == n  # z^l and b^l have one entry per row of W^l (index i)
    for i in range(n):
        assert z[i] == pytest.approx(b[i] + sum(a_prev[j] * w[(j, i)] for j in range(n_prev)))
    # z_0^1 = a_0^0 · w_(0,0)^1 + a_1^0 · w_(1,0)^1 + b_0^1 — with b_0, not the vector b
    assert z[0] == pytest.approx(a_prev[0] * w[(0, 0)] + a_prev[1] * w[(1, 0)] + b[0])
    # in 'Parameter' notation the same entry is w_ij = W[i][j]: same matrix, indices swapped
    assert all(W[i][j] == w[(j, i)] for i in range(n) for j in range(n_prev))
    # laying the weights out the other way round does not even fit a^(l−1)
    with pytest.raises(AssertionError, match="shapes"):
        matvec(transpose(W), a_prev)


def test_forward_sum_runs_over_previous_layer():
    x = XS[0]
    n_prev, n = len(x), len(W1)  # n^0 = 2, n^1 = 3

    def z_printed(i: int) -> float:  # Σ_{j=0}^{n^l}: j over layer l, up to and including n^l
        return B1[i] + sum(x[j] * W1[i][j] for j in range(0, n + 1))

    with pytest.raises(IndexError):
        z_printed(0)
    z = [B1[i] + sum(x[j] * W1[i][j] for j in range(0, n_prev)) for i in range(n)]
    assert z == pytest.approx(add(matvec(W1, x), B1))
    assert z == pytest.approx([2.4, 2.9, 2.8])


def test_loss_sum_counts_from_zero():
    a, y = [0.9, 0.3, 0.6], [1.0, 0.0, 1.0]
    n = len(a)
    E = 0.5 * sum((y[j] - a[j]) ** 2 for j in range(0, n))
    assert E == pytest.approx(0.13)
    with pytest.raises(IndexError):
        0.5 * sum((y[j] - a[j]) ** 2 for j in range(1, n + 1))
    # what exists of the printed range leaves out neuron 0
    partial = 0.5 * sum((y[j] - a[j]) ** 2 for j in range(1, n))
    assert partial == pytest.approx(0.125)
    assert partial != pytest.approx(E)
    # read 1-based, as 'Parameter' counts, the printed limits are right
    a1, y1 = [None] + a, [None] + y
    assert 0.5 * sum((y1[j] - a1[j]) ** 2 for j in range(1, n + 1)) == pytest.approx(E)


def test_dE_j_depends_only_on_a_j():
    a, y = [0.9, 0.3, 0.6], [1.0, 0.0, 1.0]

    def E_j(j: int) -> Callable[[Vector], float]:
        return lambda v: 0.5 * (y[j] - v[j]) ** 2

    # ∂E_0/∂a_1 is 0, not a_0 − y_0 = −0.1
    assert diff(E_j(0), a, 1) == pytest.approx(0.0, abs=1e-9)
    assert a[0] - y[0] == pytest.approx(-0.1)
    for j in range(3):
        assert diff(E_j(j), a, j) == pytest.approx(a[j] - y[j], abs=1e-7)
        assert diff(lambda v: half_se(v, y), a, j) == pytest.approx(a[j] - y[j], abs=1e-7)


def test_sum_over_examples_has_N_terms():
    N = len(XS)
    grads = []  # ∂E^k/∂w_(0,0)^2 and ∂E^k/∂b_0^2 for each example k
    for x, y in zip(XS, YS):
        z1, a1, z2, a2 = forward(x)
        d2, _ = backprop(x, y)
        grads.append((d2[0] * a1[0], d2[0]))
    with pytest.raises(IndexError):
        sum(grads[k][0] for k in range(0, N + 1))  # Σ_{k=0}^{N}
    eta = 0.5
    w, b = W2[0][0], B2[0]
    w_new = w - eta / N * sum(grads[k][0] for k in range(0, N))
    b_new = b - eta / N * sum(grads[k][1] for k in range(0, N))
    mean_w = sum(g[0] for g in grads) / N
    mean_b = sum(g[1] for g in grads) / N
    assert (w_new, b_new) == pytest.approx((w - eta * mean_w, b - eta * mean_b))
    # the sum of N terms is the gradient of the total loss Σ_k E^k
    def total(W: Rows) -> float:
        return sum(half_se(forward(x, W2=W)[3], y) for x, y in zip(XS, YS))

    assert sum(g[0] for g in grads) == pytest.approx(diff_matrix(total, W2, 0, 0), rel=1e-5)
    # and the step with the mean lowers the mean loss for a small η
    def mean_loss(W: Rows, b2: Vector) -> float:
        return sum(half_se(forward(x, W2=W, b2=b2)[3], y) for x, y in zip(XS, YS)) / N

    W_step = copy.deepcopy(W2)
    W_step[0][0] = w - 0.1 * mean_w
    assert mean_loss(W_step, [b - 0.1 * mean_b, B2[1]]) < mean_loss(W2, B2)


def test_sigmoid_derivative_quotient_rule():
    for x in (-3.0, -0.5, 0.0, 0.7, 2.5):
        e = math.exp(-x)
        quotient_rule = (0 * (1 + e) - 1 * (e * (-1))) / (1 + e) ** 2
        assert quotient_rule == pytest.approx(e / (1 + e) ** 2)
        assert quotient_rule == pytest.approx(sigmoid(x) * (1 - sigmoid(x)))
        assert quotient_rule == pytest.approx((sigmoid(x + H) - sigmoid(x - H)) / (2 * H), rel=1e-6)
        # the intermediate steps of §3.4
        assert quotient_rule == pytest.approx(1 / (1 + e) - 1 / (1 + e) ** 2)


def test_delta_hidden_sum_limits():
    x, y = XS[0], YS[0]
    z1, a1, z2, a2 = forward(x)
    d2 = hadamard([o - t for o, t in zip(a2, y)], [dsigmoid(v) for v in z2])
    n_next = len(d2)  # n^2 = 2
    numeric = [diff(lambda v: loss_from_z1(v, y), z1, j) for j in range(3)]

    def delta(j: int, indices: range) -> float:  # w_(j,i)^2 is W2[i][j]
        return sum(d2[i] * W2[i][j] for i in indices) * dsigmoid(z1[j])

    correct = [delta(j, range(0, n_next)) for j in range(3)]
    assert correct == pytest.approx(numeric, rel=1e-5)
    with pytest.raises(IndexError):
        delta(0, range(0, n_next + 1))  # §3.5: Σ_{i=0}^{n^(l+1)}
    with pytest.raises(IndexError):
        delta(0, range(1, n_next + 1))  # §3.6.3: Σ_{i=1}^{n^(l+1)}
    from_one = [delta(j, range(1, n_next)) for j in range(3)]  # what exists of it: neuron 0 is lost
    assert far(from_one, numeric)


def test_dz_da_sum_runs_over_layer_l_with_one_bias():
    x = XS[0]
    _, a1, z2, _ = forward(x)
    n_l, n_next = len(a1), len(B2)  # 3 and 2

    def z_printed(i: int, a: Vector) -> float:  # Σ_{p=0}^{n^(l+1)} (a_p w_(p,i) + b_p)
        return sum(a[p] * W2[i][p] + B2[p] for p in range(0, n_next + 1))

    with pytest.raises(IndexError):
        z_printed(0, a1)

    def z_correct(i: int, a: Vector) -> float:
        return sum(a[p] * W2[i][p] for p in range(0, n_l)) + B2[i]

    assert [z_correct(i, a1) for i in range(n_next)] == pytest.approx(z2)
    # with the bias inside the sum every bias of the layer is added: Σ_p b_p = −1 instead of b_1 = 0
    bias_inside = sum(a1[p] * W2[1][p] for p in range(n_l)) + sum(B2)
    assert abs(bias_inside - z2[1]) == pytest.approx(1.0)
    # the derivative itself is w_(j,i)^(l+1) = W2[i][j], whatever the bias
    for i in range(n_next):
        for j in range(n_l):
            assert diff(lambda a: z_correct(i, a), a1, j) == pytest.approx(W2[i][j], abs=1e-7)


def test_delta_hidden_matrix_form():
    x, y = XS[1], YS[1]
    z1, a1, z2, a2 = forward(x)
    d2, d1 = backprop(x, y)
    assert len(d2) == len(W2)  # δ^(l+1) has one entry per row of W^(l+1) (index i)
    assert len(d1) == len(W2[0])  # δ^l one per column (index j)
    assert d1 == pytest.approx([diff(lambda v: loss_from_z1(v, y), z1, j) for j in range(3)], rel=1e-5)
    assert d2 == pytest.approx([diff(lambda v: loss_from_z2(v, y), z2, i) for i in range(2)], rel=1e-5)


def test_batch_forward_adds_B_columnwise():
    A0 = columns_to_rows(XS)  # 2×3: one example per column
    N = len(XS)
    WA = [[sum(W1[i][m] * A0[m][k] for m in range(2)) for k in range(N)] for i in range(3)]
    B = [[B1[i]] * N for i in range(3)]  # B^1: b^1 in every column
    Z = [[WA[i][k] + B[i][k] for k in range(N)] for i in range(3)]
    for k, x in enumerate(XS):
        assert [Z[i][k] for i in range(3)] == pytest.approx(add(matvec(W1, x), B1))
    # W^1 A^0 is 3×N; b^1 is 3×1 — only B^1 has the shape to be added
    assert (len(WA), len(WA[0])) == (len(B), len(B[0])) == (3, N)
    assert (len(B1), 1) != (3, N)


def _batch() -> Tuple[Rows, Rows, Rows, Rows, Rows]:
    """Z^1, A^1, Z^2, A^2, Y for the three examples (one column each)."""
    passes = [forward(x) for x in XS]
    Z1 = columns_to_rows([p[0] for p in passes])
    A1 = columns_to_rows([p[1] for p in passes])
    Z2 = columns_to_rows([p[2] for p in passes])
    A2 = columns_to_rows([p[3] for p in passes])
    return Z1, A1, Z2, A2, columns_to_rows(YS)


def _numeric_delta(layer: int) -> Rows:
    """[δ^layer] = ∂E^k/∂z^(layer,k) by finite differences, one column per example."""
    cols = []
    for x, y in zip(XS, YS):
        z1, _, z2, _ = forward(x)
        if layer == 2:
            cols.append([diff(lambda v: loss_from_z2(v, y), z2, i) for i in range(2)])
        else:
            cols.append([diff(lambda v: loss_from_z1(v, y), z1, j) for j in range(3)])
    return columns_to_rows(cols)


def test_delta_batch_uses_a_minus_y():
    Z1, A1, Z2, A2, Y = _batch()
    numeric = sum(_numeric_delta(2), [])
    correct = [(A2[i][k] - Y[i][k]) * dsigmoid(Z2[i][k]) for i in range(2) for k in range(3)]
    printed = [(Z2[i][k] - Y[i][k]) * dsigmoid(A2[i][k]) for i in range(2) for k in range(3)]
    assert correct == pytest.approx(numeric, rel=1e-5)
    assert far(printed, numeric)
    # column by column it is §3.6.1's δ^L = (a^L − y) ⊙ σ'(z^L)
    for k, (x, y) in enumerate(zip(XS, YS)):
        assert backprop(x, y)[0] == pytest.approx([correct[i * 3 + k] for i in range(2)])


def test_delta_batch_hidden_uses_sigma_prime_of_z():
    Z1, A1, Z2, A2, Y = _batch()
    D2 = [[(A2[i][k] - Y[i][k]) * dsigmoid(Z2[i][k]) for k in range(3)] for i in range(2)]
    WtD = [[sum(W2[i][j] * D2[i][k] for i in range(2)) for k in range(3)] for j in range(3)]
    numeric = sum(_numeric_delta(1), [])
    correct = [WtD[j][k] * dsigmoid(Z1[j][k]) for j in range(3) for k in range(3)]
    printed = [WtD[j][k] * dsigmoid(A1[j][k]) for j in range(3) for k in range(3)]
    via_a = [WtD[j][k] * A1[j][k] * (1 - A1[j][k]) for j in range(3) for k in range(3)]
    assert correct == pytest.approx(numeric, rel=1e-5)
    assert via_a == pytest.approx(correct)  # σ'(Z) = A ⊙ (1 − A), the reuse §3.4 speaks of
    assert far(printed, numeric)


def test_bias_gradient_is_row_sum_of_delta():
    D2 = _numeric_delta(2)  # [δ^2], 2×3
    N = 3
    row_sums = [sum(row) for row in D2]  # [δ^2] · (1, 1, 1)^T

    def total(b2: Vector) -> float:
        return sum(half_se(forward(x, b2=b2)[3], y) for x, y in zip(XS, YS))

    def mean(b2: Vector) -> float:
        return total(b2) / N

    for j in range(2):
        assert row_sums[j] == pytest.approx(diff(total, B2, j), rel=1e-5)
        assert row_sums[j] / N == pytest.approx(diff(mean, B2, j), rel=1e-5)
        assert abs(row_sums[j] - diff(mean, B2, j)) > 1e-3  # the sum is not the average
    # column k of [δ^2] is ∂E^k/∂b^2 for example k alone
    for k, (x, y) in enumerate(zip(XS, YS)):
        for j in range(2):
            g = diff(lambda b2: half_se(forward(x, b2=b2)[3], y), B2, j)
            assert D2[j][k] == pytest.approx(g, rel=1e-5)


def test_weight_gradient_uses_a_not_z():
    for x, y in zip(XS, YS):
        z1, a1, z2, a2 = forward(x)
        d2, d1 = backprop(x, y)
        for i in range(2):
            for j in range(3):  # w_(j,i)^2 = W2[i][j]
                g = diff_matrix(lambda W: half_se(forward(x, W2=W)[3], y), W2, i, j)
                assert g == pytest.approx(d2[i] * a1[j], rel=1e-5, abs=1e-9)
        printed = [d2[i] * z1[j] for i in range(2) for j in range(3)]
        correct = [d2[i] * a1[j] for i in range(2) for j in range(3)]
        assert far(printed, correct)


def test_batch_weight_gradient_is_delta_times_A_transposed():
    Z1, A1, Z2, A2, Y = _batch()
    D2 = [[(A2[i][k] - Y[i][k]) * dsigmoid(Z2[i][k]) for k in range(3)] for i in range(2)]
    G = [[sum(D2[i][k] * A1[j][k] for k in range(3)) for j in range(3)] for i in range(2)]
    assert (len(G), len(G[0])) == (len(W2), len(W2[0]))  # the shape of W^2: a whole matrix

    def total(W: Rows) -> float:
        return sum(half_se(forward(x, W2=W)[3], y) for x, y in zip(XS, YS))

    for i in range(2):
        for j in range(3):
            assert G[i][j] == pytest.approx(diff_matrix(total, W2, i, j), rel=1e-5, abs=1e-9)
    # ∂E/∂w_(1,0)^2 (from neuron 1 to neuron 0) is one entry: row 0, column 1
    assert G[0][1] == pytest.approx(diff_matrix(total, W2, 0, 1), rel=1e-5)


def test_core_backward_follows_the_corrected_formulas():
    from purenn import Layer, Matrix, Network

    net = Network([
        Layer(Matrix(W1), Matrix.column(B1), "sigmoid"),
        Layer(Matrix(W2), Matrix.column(B2), "sigmoid"),
    ])
    X, Y = Matrix.from_columns(XS), Matrix.from_columns(YS)
    g = net.backward(X, Y, loss="half_squared_error")
    Z1, A1, Z2, A2, Yr = _batch()
    D2 = [[(A2[i][k] - Yr[i][k]) * dsigmoid(Z2[i][k]) for k in range(3)] for i in range(2)]
    D1 = [[sum(W2[i][j] * D2[i][k] for i in range(2)) * dsigmoid(Z1[j][k]) for k in range(3)]
          for j in range(3)]
    assert sum(g.delta(2).tolist(), []) == pytest.approx(sum(D2, []))
    assert sum(g.delta(1).tolist(), []) == pytest.approx(sum(D1, []))
    A0 = columns_to_rows(XS)
    for l, D, A in ((2, D2, A1), (1, D1, A0)):
        G = [[sum(D[i][k] * A[j][k] for k in range(3)) for j in range(len(A))] for i in range(len(D))]
        assert sum(g.dW(l).tolist(), []) == pytest.approx(sum(G, []))
        assert sum(g.db(l).tolist(), []) == pytest.approx([sum(row) for row in D])


# -- Künstliche Intelligenz selbst gemacht ----------------------------------------------------


def test_bias_neuron_needs_one_more_term():
    # layer l−1 with n = 2 neurons plus the bias neuron at index 0, as in the course code
    a_real, b = [0.6, -0.4], 0.3
    w_real = [1.5, 2.0]
    z = flat(Layer(Matrix([w_real]), col([b]), "identity").logits(col(a_real)))[0]  # purenn: w·a + b
    assert z == pytest.approx(0.3 + 0.9 - 0.8)
    a = [1.0] + a_real  # a_0 = 1: the bias neuron
    w = [b] + w_real  # w_j0 = b_j
    n = len(a_real)
    assert sum(w[k] * a[k] for k in range(0, n + 1)) == pytest.approx(z)
    printed = sum(w[k] * a[k] for k in range(0, n))  # Σ_{k=0}^{n−1}: one term short
    assert abs(printed - z) == pytest.approx(abs(w_real[-1] * a_real[-1]))
    assert abs(printed - z) > 0.5


def test_adding_a_constant_shifts_sigmoid_left():
    def f(z: float) -> float:
        return 1 / (1 + math.exp(-z - 4))

    assert sigmoid(0.0) == 0.5
    assert f(-4.0) == pytest.approx(0.5)  # the midpoint moved from 0 to −4: to the left
    for z in (-6.0, -4.0, -1.0, 0.0, 2.0):
        assert f(z) == pytest.approx(sigmoid(z + 4))
        assert f(z) > sigmoid(z)  # at every z the shifted curve is already higher
    assert f(0.0) != pytest.approx(sigmoid(0.0))  # so it is not σ(z)
    assert sigmoid(4.0 - 4) == 0.5  # subtracting 4 puts the midpoint at +4: to the right


def test_standard_normal_is_not_between_0_and_1():
    inside = 0.5 * math.erf(1 / math.sqrt(2))  # P(0 ≤ Z ≤ 1) for Z ~ N(0, 1)
    assert 1 - inside == pytest.approx(0.6587, abs=1e-4)
    # purenn's He sampler with fan-in 2 draws from N(0, √(2/2)) = N(0, 1), as randn does
    rng = random.Random(2024)
    draws = [init.he(rng, 2, 1) for _ in range(20000)]
    mean = sum(draws) / len(draws)
    sd = math.sqrt(sum((d - mean) ** 2 for d in draws) / len(draws))
    assert mean == pytest.approx(0.0, abs=0.03)
    assert sd == pytest.approx(1.0, abs=0.03)
    assert min(draws) < -3 and max(draws) > 3
    outside = sum(1 for d in draws if not 0 <= d <= 1) / len(draws)
    assert outside == pytest.approx(0.6587, abs=0.02)


def test_he_std_in_code_counts_bias_neuron():
    # structure=[3, 4, 2]: the code divides by len(self.activations[l-1]) = n^(l−1) + 1 (with the bias neuron)
    structure = [3, 4, 2]
    code_std = [math.sqrt(2.0 / (structure[l - 1] + 1)) for l in (1, 2)]
    slide_std = [math.sqrt(2.0 / structure[l - 1]) for l in (1, 2)]  # n = incoming neurons of layer l − 1
    assert code_std == pytest.approx([math.sqrt(2 / 4), math.sqrt(2 / 5)])
    assert far(code_std, slide_std, tol=0.05)
    # purenn follows the slide: W^1 of a 3-4-2 network has variance 2/3, the shape n^1 × n^0 = 4 × 3
    rng = random.Random(7)
    drawn = [init.draw(init.he, rng, 3, 4)[0] for _ in range(1000)]
    assert {W.shape for W in drawn} == {(4, 3)}
    draws = [v for W in drawn for v in W.flat()]
    var = sum(d * d for d in draws) / len(draws)
    assert var == pytest.approx(2 / 3, rel=0.05)
    assert abs(var - 2 / 4) > 0.1  # not the code's 2/(n + 1)


def heaviside(x: float, h0: float) -> float:
    """numpy.heaviside(x, h0) for one number: 0 below 0, h0 at 0, 1 above."""
    return 0.0 if x < 0 else (h0 if x == 0 else 1.0)


def test_relu_derivative_at_zero_slide_vs_code():
    def slide(x: float) -> float:
        return 1.0 if x > 0 else 0.0

    for x in (-2.0, -1e-9, 1e-9, 3.0):
        assert slide(x) == heaviside(x, 1)
    assert (slide(0.0), heaviside(0.0, 1)) == (0.0, 1.0)  # they differ only at 0
    left = (relu(0.0) - relu(-H)) / H
    right = (relu(H) - relu(0.0)) / H
    assert (left, right) == (0.0, pytest.approx(1.0))  # no derivative at 0; [0, 1] are subgradients
    from purenn import Matrix, activations

    assert activations.relu(Matrix([[0.0, 2.0, -1.0]]), derivative=True).tolist() == [[0, 1, 0]]


def test_squared_error_cost_is_scalar_sum():
    a, y = [0.9, 0.3, 0.6], [1.0, 0.0, 1.0]
    per_neuron = flat(losses.per_neuron(losses.squared_error, col(a), col(y)))
    assert per_neuron == pytest.approx([0.01, 0.09, 0.16])  # the slide's numbers

    def C(v: Vector) -> float:
        return float(losses.squared_error(col(v), col(y)))

    assert C(a) == pytest.approx(0.26)  # one number
    gradient = flat(losses.squared_error.gradient(col(a), col(y)))
    for j in range(3):  # equation 4 is the derivative of the sum
        assert diff(C, a, j) == pytest.approx(gradient[j], abs=1e-7)
        assert gradient[j] == pytest.approx(2 * (a[j] - y[j]))
    # a step against ∇C lowers the one number C
    step = [o - 0.1 * d for o, d in zip(a, gradient)]
    assert C(step) < C(a)


def test_squared_error_conventions_differ_by_factor_two():
    for x, y in zip(XS, YS):
        _, _, z2, _ = forward(x)
        d_half = backprop(x, y, loss="half_squared_error")[0]
        d_full = backprop(x, y, loss="squared_error")[0]
        assert d_full == pytest.approx([2 * d for d in d_half])
        full = diff(lambda v: sum((sigmoid(u) - t) ** 2 for u, t in zip(v, y)), z2, 0)
        assert full == pytest.approx(d_full[0], rel=1e-5)
    # every weight gradient doubles, so a step with η on C is a step with 2η on E
    x, y = XS[0], YS[0]
    g_half = network().backward(col(x), col(y), loss="half_squared_error")
    g_full = network().backward(col(x), col(y), loss="squared_error")
    assert flat(g_full.dW(2)) == pytest.approx([2 * v for v in flat(g_half.dW(2))])
    for i, j in ((0, 1), (1, 0), (1, 2)):
        dE = diff_matrix(lambda W: half_se(forward(x, W2=W)[3], y), W2, i, j)
        assert g_half.dW(2)[i, j] == pytest.approx(dE, rel=1e-6)
        assert abs(dE) > 1e-3


def test_delta_recursion_uses_delta_i():
    # the course's notation: w_ij^(l+1) from neuron j (layer l) to neuron i (layer l+1) = W2[i][j]
    x, y = XS[2], YS[2]
    z1, a1, z2, a2 = forward(x)
    d2 = [2 * (o - t) * dsigmoid(v) for o, t, v in zip(a2, y, z2)]

    def C_from_z1(v: Vector) -> float:
        out = [sigmoid(u) for u in add(matvec(W2, [sigmoid(s) for s in v]), B2)]
        return sum((o - t) ** 2 for o, t in zip(out, y))

    numeric = [diff(C_from_z1, z1, j) for j in range(3)]
    n_next = len(d2)
    correct = [sum(d2[i] * W2[i][j] for i in range(n_next)) * dsigmoid(z1[j]) for j in range(3)]
    assert correct == pytest.approx(numeric, rel=1e-5)
    with pytest.raises(IndexError):  # δ_j^(l+1) for j = 2: layer l+1 has only 2 neurons
        [sum(d2[j] * W2[i][j] for i in range(n_next)) * dsigmoid(z1[j]) for j in range(3)]
    printed = [sum(d2[j] * W2[i][j] for i in range(n_next)) * dsigmoid(z1[j]) for j in range(2)]
    assert far(printed, numeric[:2])


def test_outer_product_delta_a_transposed():
    eta = 0.1
    delta, a = [0.5, -1.0, 2.0], [0.3, 0.7]  # δ^(1) (3 rows), a^(0) (2 entries)
    # an identity layer with W = 0, b = 0 and target −δ has exactly this δ^(1) = a^(1) − y
    net = Network([Layer(Matrix.zeros(3, 2), Matrix.zeros(3, 1), "identity")])
    g = net.backward(col(a), col([-d for d in delta]), loss="half_squared_error")
    assert flat(g.delta(1)) == pytest.approx(delta)
    dW = [[-eta * v for v in row] for row in g.dW(1).tolist()]
    assert g.dW(1).shape == (3, 2)  # the shape of W^(1)
    # the six single formulas: Δw_jk^(1) = −η δ_j^(1) a_k^(0)
    for j in range(3):
        for k in range(2):
            assert dW[j][k] == pytest.approx(-eta * delta[j] * a[k])
    net.step(g, eta)
    assert net.W(1).tolist() == [[pytest.approx(-0.015), pytest.approx(-0.035)],
                                 [pytest.approx(0.03), pytest.approx(0.07)],
                                 [pytest.approx(-0.06), pytest.approx(-0.14)]]


def test_weight_update_inside_example_loop_is_not_the_mean():
    # one weight, z = w·x, C = (z − y)², two examples
    data = [(1.0, 2.0), (3.0, 0.0)]
    eta, w0 = 0.1, 0.5

    def grad(w: float, x: float, y: float) -> float:
        return 2 * (w * x - y) * x

    # purenn: one step on the batch of both examples, with the mean of the gradients
    net = Network([Layer(Matrix([[w0]]), col([0.0]), "identity")])
    X, Y = Matrix.row([x for x, _ in data]), Matrix.row([y for _, y in data])
    net.step(net.backward(X, Y, loss="squared_error"), eta)
    correct = float(net.W(1)[0, 0])
    mean_grad = sum(grad(w0, x, y) for x, y in data) / len(data)
    assert correct == pytest.approx(w0 - eta * mean_grad)
    # as printed in some versions: the update loop inside the example loop
    w, delta, updates = w0, 0.0, 0
    for x, y in data:
        delta += -eta * grad(w, x, y)
        w += delta / len(data)
        delta = 0.0
        updates += 1
    assert updates == len(data)
    assert abs(w - correct) > 1e-3




def test_cross_entropy_grows_logarithmically():
    def C(p: float) -> float:  # purenn's cross-entropy when the right class gets probability p
        return float(losses.cross_entropy(col([p, 1 - p]), col([1.0, 0.0])))

    assert C(0.7) == pytest.approx(0.3567, abs=1e-4)  # the slide's example
    costs = [C(10.0 ** -k) for k in range(1, 8)]
    steps = [b - a for a, b in zip(costs, costs[1:])]
    assert steps == pytest.approx([math.log(10)] * len(steps))  # equal steps: logarithmic
    ratios = [b / a for a, b in zip(costs, costs[1:])]
    assert ratios[0] == pytest.approx(2.0) and ratios[-1] == pytest.approx(7 / 6)  # not a constant factor
    for p in (0.5, 0.1, 0.01):  # the gradient −1/p does grow like 1/p
        dC = losses.cross_entropy.gradient(col([p, 1 - p]), col([1.0, 0.0]))
        assert dC[0, 0] == pytest.approx(-1 / p)
        assert (C(p + H) - C(p - H)) / (2 * H) == pytest.approx(-1 / p, rel=1e-5)


def test_log_sum_exp_derivative_is_softmax():
    z = [0.5, -1.2, 2.0, 0.3]
    n = len(z)

    def lse(v: Vector) -> float:
        return math.log(sum(math.exp(v[k]) for k in range(0, n)))

    s = softmax(z)
    for j in range(n):
        assert diff(lse, z, j) == pytest.approx(s[j], rel=1e-6)
    with pytest.raises(IndexError):
        sum(math.exp(z[k]) for k in range(0, n + 1))  # a last term e^(z_n) does not exist
    # equation III: ∂s_i/∂z_j = s_i (1{i=j} − s_j), purenn's Jacobian against finite differences
    J = activations.softmax_jacobian(col(z))
    for i in range(n):
        for j in range(n):
            numeric = diff(lambda v: softmax(v)[i], z, j)
            assert J[i, j] == pytest.approx(numeric, abs=1e-7)
            assert J[i, j] == pytest.approx(s[i] * ((i == j) - s[j]))


def test_mnist_test_set_has_labels():
    # the first 8 bytes of t10k-labels-idx1-ubyte as published with MNIST: magic number 2049
    # (0x00000801: unsigned bytes, one dimension) and the number of labels
    header = bytes([0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x27, 0x10])
    labels = idx.parse_idx(header + bytes(range(10)) * 1000, name="t10k-labels-idx1-ubyte", expect_magic=2049)
    assert labels.shape == (10000,)  # a list of 10.000 labels
    assert idx.LABELS_MAGIC == 2049
    e = errata.get("ki-mnist-test-labels")
    assert "t10k-labels-idx1-ubyte" in e.correct and "10.000" in e.correct
    assert "ohne Labels" in e.printed


# -- the formula checklist in docs/ ------------------------------------------------------------


def _formula_rows() -> List[List[str]]:
    text = (ROOT / "docs" / "formulas-in-documents.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        rows.append(cells)
    return rows


def test_formula_checklist_table_is_well_formed():
    rows = _formula_rows()
    header, body = rows[0], rows[1:]
    assert header[:4] == ["key", "Dokument", "Abschnitt", "Formel"]
    assert len(body) >= 80
    ids = {e.id for e in ERRATA}
    for cells in body:
        assert len(cells) == len(header), cells
        key, document, section, formula = cells[:4]
        assert re.fullmatch(r"`[a-z][A-Za-z0-9_]*`", key), key
        assert document in SOURCES, document
        assert section and formula, cells
        for ref in re.findall(r"`((?:train|w10|mat|ki)-[A-Za-z0-9-]+)`", cells[-1]):
            assert ref in ids, ref
    # every document contributes formulas
    assert {cells[1] for cells in body} == set(SOURCES)


# -- tests that compute purenn's value against the document's (entries re-judged) ----------------


def test_step_updates_every_layer():
    """ki-delta-w-indent: inside the loop every layer gets W^l − η/N·∂C/∂W^l, not only layer 1."""
    x, y = XS[0], YS[0]
    net = network()
    g = net.backward(col(x), col(y), loss="half_squared_error")
    before = [net.W(l) for l in (1, 2)]
    net.step(g, 0.5)
    for l in (1, 2):
        expected = [w - 0.5 * d for w, d in zip(before[l - 1].flat(), g.dW(l).flat())]
        assert net.W(l).flat() == pytest.approx(expected, rel=1e-15)
        assert far(net.W(l).flat(), before[l - 1].flat(), tol=1e-4)  # layer 2 changes as much as layer 1


def test_training_vectors_are_columns():
    """ki-zeilenvektoren: purenn takes numpy.array([[0], [0], [1]]) — three rows, one column — and refuses a row."""
    net = Network.create([3, 4, 1], hidden="relu", output="relu", seed=1)
    column = net.predict([[0], [0], [1]])  # the course's input, row by row as numpy.array takes it
    assert column.shape == (1, 1) and column == net.predict([0, 0, 1])
    with pytest.raises(ValueError, match="the input has 1 value, but layer 0 has 3 neurons"):
        net.predict([[0, 0, 1]])  # a row vector: one row, three columns


def test_backprop_matrix_product_needs_sigma_prime():
    """ki-backprop-matrix-sigma-prime: (W^(l+1))ᵀ δ^(l+1) is ∂C/∂a^(l); δ^(l) needs ⊙ σ'(z^(l))."""
    x, y = XS[1], YS[1]
    g = network().backward(col(x), col(y), loss="half_squared_error")
    printed = flat(Matrix(W2).T @ g.delta(2))  # the slide: (W²)ᵀ × δ² = δ¹
    z1 = forward(x)[0]
    numeric = [diff(lambda v: loss_from_z1(v, y), z1, j) for j in range(3)]
    assert flat(g.delta(1)) == pytest.approx(numeric, rel=1e-5)
    assert far(printed, numeric)
    assert flat(g.delta(1)) == pytest.approx(hadamard(printed, [dsigmoid(v) for v in z1]))
    a1 = forward(x)[1]  # the product is ∂C/∂a¹ (Gleichung 5): the derivative by the activations
    assert printed == pytest.approx([diff(lambda a: half_se([sigmoid(u) for u in add(matvec(W2, a), B2)], y), a1, j)
                                     for j in range(3)], rel=1e-5)


def test_rows_are_weighted_sums_not_one_fewer_in_the_output_layer():
    """ki-rows-weighted-sums: W^(2) of structure [3, 4, 2] has 2 rows for the 2 output neurons."""
    net = Network.create([3, 4, 2], seed=0)
    rows = [net.W(l).n_rows for l in (1, 2)]
    activations_len = [4 + 1, 2]  # the course's activations[l]: a bias neuron in every layer but the output
    assert rows == [4, 2]
    assert [a - r for a, r in zip(activations_len, rows)] == [1, 0]  # "eine weniger" holds for layer 1 only


def test_ki_index_shift_is_written_out():
    """ki-index-shift: in the course code weighted_sums[l][j] belongs to activations[l][j+1]."""
    from purenn.rechenweg.render import render
    from purenn.rechenweg.trace import trace

    t = trace(network(), XS[0])
    text = render(t, notation="ki")
    z, a = t.z(1).flat(), t.a(1).flat()
    for j in range(3):  # a⁽¹⁾_(j+1) = σ(z⁽¹⁾_j), with the same number as purenn's a^1[j] = σ(z^1[j])
        assert a[j] == pytest.approx(sigmoid(z[j]))
        sub = "₀₁₂₃"
        assert f"a⁽¹⁾{sub[j + 1]} = σ(z⁽¹⁾{sub[j]})" in text
    assert "weighted_sums[l][j] gehört zu activations[l][j+1]" in text
