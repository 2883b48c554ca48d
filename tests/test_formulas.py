"""Every formula of the course documents, checked against purenn — and the list of formulas itself.

The first part has one test per formula key (``@pytest.mark.formula``):
each computes the formula by hand, entry by entry as the document writes it,
and compares purenn's result. The second part checks ``purenn.course.formulas``:
``purenn/course/formulas.json`` is canonical and current (``scripts/formula_index.py
--check``), every key has a test, the keys agree with ``docs/formulas-in-documents.md``,
the table needs no ``tests`` folder, and the table in docs/formulas.md is current.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import itertools
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Callable, List, Sequence

import pytest

from purenn import Layer, Matrix, Network, activations, init, losses
from purenn.course import formulas
from purenn.course.errata import SOURCES
from purenn.training import train

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "python -m purenn formulas --format markdown --update-readme docs/formulas.md"
H = 1e-6


def numeric_derivative(f: Callable[[float], float], x: float) -> float:
    return (f(x + H) - f(x - H)) / (2 * H)


def sigma(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# A 2-3-2 network with sigmoid in both layers and one with softmax on top; fixed weights.
W1 = [[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]]
B1 = [0.1, -0.2, 0.3]
W2 = [[0.7, -0.4, 0.2], [-0.1, 0.6, 0.5]]
B2 = [0.05, -0.15]
X = [0.9, -0.4]
Y = [1.0, 0.0]


def small_net(output: str = "sigmoid", hidden: str = "sigmoid") -> Network:
    return Network([
        Layer(Matrix(W1), Matrix.column(B1), hidden),
        Layer(Matrix(W2), Matrix.column(B2), output),
    ])


def total_cost(net: Network, X: Matrix, Y: Matrix, loss: str) -> float:
    """Σ over the examples of C, the quantity whose gradient backward() returns."""
    return float(losses.get(loss).cost(net.predict(X), Y)) * X.n_cols


def with_param(net: Network, l: int, kind: str, i: int, j: int, value: float) -> Network:
    layers = list(net.layers)
    W, b = layers[l - 1].W.tolist(), layers[l - 1].b.tolist()
    (W if kind == "W" else b)[i][j] = value
    layers[l - 1] = Layer(Matrix(W), Matrix(b), layers[l - 1].activation)
    return Network(layers)


def numeric_gradient(net: Network, X: Matrix, Y: Matrix, loss: str, l: int, kind: str, i: int, j: int) -> float:
    p = (net.W(l) if kind == "W" else net.b(l))[i, j]
    up = total_cost(with_param(net, l, kind, i, j, p + H), X, Y, loss)
    down = total_cost(with_param(net, l, kind, i, j, p - H), X, Y, loss)
    return (up - down) / (2 * H)


def column(m: Matrix) -> List[float]:
    return [float(v) for v in m.flat()]


# -- matrices -----------------------------------------------------------------------------


@pytest.mark.formula("matmul")
def test_matmul_is_row_times_column():
    A = Matrix([[1, 2, 3], [4, 5, 6]])
    B = Matrix([[7, 8], [9, 10], [11, 12]])
    product = A @ B
    assert product.shape == (2, 2)  # rows of A, columns of B
    for i, j in itertools.product(range(2), range(2)):
        assert product[i, j] == sum(A[i, k] * B[k, j] for k in range(3))
    assert product.tolist() == [[58, 64], [139, 154]]
    with pytest.raises(ValueError, match="columns of the left"):
        B @ Matrix([[1, 2]])
    assert (A @ B).tolist() != (B @ A).rows  # not commutative


@pytest.mark.formula("transpose")
def test_transpose_swaps_rows_and_columns():
    W = Matrix([[1, 2, 3], [4, 5, 6]])
    assert W.T.tolist() == [[1, 4], [2, 5], [3, 6]]
    assert W.T.shape == (3, 2)
    assert all(W.T[j, i] == W[i, j] for i in range(2) for j in range(3))
    assert W.T.T == W


@pytest.mark.formula("hadamard")
def test_hadamard_multiplies_entry_by_entry():
    a, b = Matrix.column([1, 2, 3, 4]), Matrix.column([5, -6, 7, 0.5])
    assert a.hadamard(b).flat() == [5, -12, 21, 2.0]
    with pytest.raises(ValueError, match="same shape"):
        a.hadamard(Matrix.column([1, 2]))


@pytest.mark.formula("batch_bias")
def test_bias_column_is_added_to_every_example():
    Z = Matrix([[1, 2, 3], [4, 5, 6]])
    b = Matrix.column([10, 20])
    B = Matrix([[10, 10, 10], [20, 20, 20]])  # B^l = (b^l, b^l, b^l)
    assert Z + b == Z + B
    assert (Z + b).tolist() == [[11, 12, 13], [24, 25, 26]]
    assert Matrix.from_columns([[1, 4], [2, 5], [3, 6]]) == Z  # A^l: one example per column


# -- a layer ------------------------------------------------------------------------------


@pytest.mark.formula("logits", "matmul")
def test_logits_are_weighted_sums_plus_bias():
    layer = Layer(Matrix(W1), Matrix.column(B1), "sigmoid")
    z = layer.logits(Matrix.column(X))
    by_hand = [sum(W1[i][j] * X[j] for j in range(2)) + B1[i] for i in range(3)]
    assert column(z) == pytest.approx(by_hand, abs=1e-15)


@pytest.mark.formula("bias_neuron")
def test_bias_neuron_gives_the_same_logits():
    # 'Künstliche Intelligenz selbst gemacht': a_0 = 1 and w_j0 = b_j, then z_j = Σ_{k=0}^{n} w_jk a_k.
    layer = Layer(Matrix(W1), Matrix.column(B1), "sigmoid")
    with_bias_neuron = Matrix([[b] + row for b, row in zip(B1, W1)])
    a_with_one = Matrix.column([1.0] + X)
    assert column(layer.logits(Matrix.column(X))) == pytest.approx(column(with_bias_neuron @ a_with_one), abs=1e-15)


@pytest.mark.formula("batch_forward")
def test_batch_logits_and_activations_are_the_examples_side_by_side():
    net = small_net()
    examples = [[0.9, -0.4], [0.1, 0.3], [-1.0, 2.0]]
    A0 = Matrix.from_columns(examples)
    Z1 = net.layer(1).logits(A0)
    fp = net.forward(A0)
    for k, x in enumerate(examples):
        one = net.forward(x)
        assert [row[k] for row in Z1.rows] == pytest.approx(column(one.z(1)), abs=1e-15)
        assert [row[k] for row in fp.output.rows] == pytest.approx(column(one.output), abs=1e-15)


@pytest.mark.formula("param_count")
def test_parameters_of_a_layer():
    for n, m in [(8, 5), (1, 8), (1000, 300), (128, 1000)]:
        layer = Layer(Matrix.zeros(n, m), Matrix.zeros(n, 1), "identity")
        assert layer.n_params == n * m + n == (m + 1) * n


@pytest.mark.formula("param_count_total")
def test_parameters_of_the_documents_networks():
    assert Network.create([5, 8, 1], seed=0).n_params == 48 + 9 == 57
    big = Network([
        Layer(Matrix.zeros(n, m), Matrix.zeros(n, 1), "relu")
        for m, n in [(300, 1000), (1000, 1000), (1000, 128)]
    ])
    assert [layer.n_params for layer in big.layers] == [301000, 1001000, 128128]
    assert big.n_params == 1430128


@pytest.mark.formula("structure_from_weights")
def test_structure_is_read_from_the_weight_shapes():
    net = Network([
        Layer(Matrix.zeros(4, 3), Matrix.zeros(4, 1), "relu"),
        Layer(Matrix.zeros(2, 4), Matrix.zeros(2, 1), "softmax"),
    ])
    assert net.structure == [3, 4, 2]  # columns of W^1, then the rows of each W^l


@pytest.mark.formula("weight_matrix")
def test_weight_w_ij_connects_neuron_j_below_to_neuron_i():
    net = small_net(output="identity", hidden="identity")
    assert net.W(1).shape == (3, 2) and net.W(2).shape == (2, 3)
    assert net.b(1).shape == (3, 1) and net.b(2).shape == (2, 1)  # one bias per neuron, as many rows as W^l
    # Raising w_21^1 (row 2, column 1, counted from 1) changes only z_2^1, by the change times x_1.
    changed = with_param(net, 1, "W", 1, 0, W1[1][0] + 1.0)
    before, after = column(net.forward(X).z(1)), column(changed.forward(X).z(1))
    assert [a - b for a, b in zip(after, before)] == pytest.approx([0.0, X[0], 0.0], abs=1e-15)


# -- activations --------------------------------------------------------------------------


@pytest.mark.formula("activation", "activation_derivative")
def test_activation_is_applied_to_every_entry():
    z = Matrix([[-1.0, 0.0], [2.0, 0.5]])
    for a in (activations.sigmoid, activations.relu, activations.identity):
        assert a(z).tolist() == [[a.f(v) for v in row] for row in z.rows]
        assert a(z, derivative=True).tolist() == [[a.df(v) for v in row] for row in z.rows]


@pytest.mark.formula("sigmoid")
def test_sigmoid():
    for x in [-30.0, -2.5, -1.0, 0.0, 0.3, 1.0, 4.0, 30.0]:
        assert activations.sigmoid.f(x) == pytest.approx(1 / (1 + math.exp(-x)), rel=1e-15)
        assert 0 < activations.sigmoid.f(x) < 1
    assert activations.sigmoid.f(0.0) == 0.5
    assert activations.sigmoid.f(-1000.0) == 0.0 and activations.sigmoid.f(1000.0) == 1.0  # no overflow


@pytest.mark.formula("sigmoid_derivative")
def test_sigmoid_derivative():
    for x in [-3.0, -0.5, 0.0, 0.7, 2.0]:
        s = sigma(x)
        assert activations.sigmoid.df(x) == pytest.approx(s * (1 - s), rel=1e-14)
        assert activations.sigmoid.df(x) == pytest.approx(math.exp(-x) / (1 + math.exp(-x)) ** 2, rel=1e-14)
        assert activations.sigmoid.df(x) == pytest.approx(numeric_derivative(sigma, x), rel=1e-8)
    assert activations.sigmoid.df(0.0) == 0.25


@pytest.mark.formula("relu")
def test_relu():
    assert [activations.relu.f(x) for x in [-2.5, -0.0, 0.0, 0.1, 3.2]] == [0.0, 0.0, 0.0, 0.1, 3.2]
    assert activations.relu.f(Fraction(16, 5)) == Fraction(16, 5)  # 3,2 stays 3,2, exactly
    assert activations.relu.f(-7) == 0


@pytest.mark.formula("relu_derivative")
def test_relu_derivative():
    assert [activations.relu.df(x) for x in [-2.0, -1e-9, 0.0, 1e-9, 5.0]] == [0, 0, 0, 1, 1]


@pytest.mark.formula("identity", "identity_derivative")
def test_identity():
    assert [activations.identity.f(x) for x in [-2, 0.5, Fraction(1, 3)]] == [-2, 0.5, Fraction(1, 3)]
    assert [activations.identity.df(x) for x in [-2, 0.5, 100.0]] == [1, 1, 1]


def naive_softmax(z: Sequence[float]) -> List[float]:
    e = [math.exp(v) for v in z]
    return [v / sum(e) for v in e]


@pytest.mark.formula("softmax")
def test_softmax():
    z = Matrix([[1.0, -25.0], [2.0, 36.0], [0.5, 14.0]])  # two examples, one per column
    s = activations.softmax(z)
    for k in range(2):
        col = [row[k] for row in z.rows]
        got = [row[k] for row in s.rows]
        assert got == pytest.approx(naive_softmax(col), rel=1e-12)
        assert sum(got) == pytest.approx(1.0, abs=1e-15)
        # order preserving: z_k > z_m ⇔ softmax(z_k) > softmax(z_m)
        assert sorted(range(3), key=col.__getitem__) == sorted(range(3), key=got.__getitem__)


@pytest.mark.formula("softmax_stable")
def test_stable_softmax_never_overflows_and_equals_softmax():
    z = [1000.0, 1001.0, 1002.0]
    with pytest.raises(OverflowError):
        naive_softmax(z)
    s = column(activations.softmax(Matrix.column(z)))
    assert s == pytest.approx(naive_softmax([0.0, 1.0, 2.0]), rel=1e-12)  # e^(z_i − max z) / Σ e^(z_j − max z)
    assert s == pytest.approx([0.09003057, 0.24472847, 0.66524096], abs=1e-8)


@pytest.mark.formula("softmax_jacobian")
def test_softmax_jacobian():
    z = [0.3, -1.2, 2.0]
    J = activations.softmax_jacobian(Matrix.column(z))
    s = naive_softmax(z)
    for i, j in itertools.product(range(3), range(3)):
        assert J[i, j] == pytest.approx(s[i] * ((1 if i == j else 0) - s[j]), abs=1e-15)

        def s_i(v: float, i: int = i, j: int = j) -> float:
            return naive_softmax([v if k == j else z[k] for k in range(3)])[i]

        assert J[i, j] == pytest.approx(numeric_derivative(s_i, z[j]), abs=1e-8)


# -- losses ----------------------------------------------------------------------------------


@pytest.mark.formula("squared_error")
def test_squared_error():
    a = Matrix.column([Fraction("0.9"), Fraction("0.3"), Fraction("0.6")])
    y = Matrix.column([1, 0, 1])
    assert losses.per_neuron(losses.squared_error, a, y).flat() == [Fraction(1, 100), Fraction(9, 100), Fraction(16, 100)]
    assert losses.squared_error.cost(a, y) == Fraction(26, 100)  # C = Σ_j (a_j − y_j)²


@pytest.mark.formula("squared_error_derivative")
def test_squared_error_derivative():
    a, y = [0.9, 0.3, 0.6], [1.0, 0.0, 1.0]
    got = column(losses.squared_error(Matrix.column(a), Matrix.column(y), derivative=True))
    assert got == pytest.approx([2 * (aj - yj) for aj, yj in zip(a, y)], abs=1e-15)
    for j in range(3):
        def C(v: float, j: int = j) -> float:
            return float(losses.squared_error.cost(Matrix.column([v if k == j else a[k] for k in range(3)]), Matrix.column(y)))
        assert got[j] == pytest.approx(numeric_derivative(C, a[j]), abs=1e-8)


@pytest.mark.formula("half_squared_error", "half_squared_error_derivative")
def test_half_squared_error():
    a = Matrix.column([Fraction("0.9"), Fraction("0.3"), Fraction("0.6")])
    y = Matrix.column([1, 0, 1])
    assert losses.per_neuron(losses.half_squared_error, a, y).flat() == [Fraction(1, 200), Fraction(9, 200), Fraction(16, 200)]
    assert losses.half_squared_error.cost(a, y) == Fraction(13, 100)  # E = ½ Σ_j (y_j − a_j)²
    assert losses.half_squared_error(a, y, derivative=True).flat() == [Fraction(-1, 10), Fraction(3, 10), Fraction(-4, 10)]


@pytest.mark.formula("cross_entropy")
def test_cross_entropy():
    a, y = Matrix.column([0.1, 0.7, 0.2]), Matrix.column([0, 1, 0])
    assert losses.cross_entropy.cost(a, y) == pytest.approx(-(0 * math.log(0.1) + 1 * math.log(0.7) + 0 * math.log(0.2)), abs=1e-15)
    assert round(float(losses.cross_entropy.cost(a, y)), 4) == 0.3567
    assert losses.cross_entropy.cost(Matrix.column([0.0, 1.0]), Matrix.column([0, 1])) == 0.0  # 0 · ln 0 = 0
    # ∂C/∂a_i = −y_i / a_i
    a_list, y_list = [0.1, 0.7, 0.2], [0.2, 0.5, 0.3]
    got = column(losses.cross_entropy(Matrix.column(a_list), Matrix.column(y_list), derivative=True))
    assert got == pytest.approx([-yi / ai for ai, yi in zip(a_list, y_list)], rel=1e-15)
    for i in range(3):
        def C(v: float, i: int = i) -> float:
            return float(losses.cross_entropy.cost(Matrix.column([v if k == i else a_list[k] for k in range(3)]), Matrix.column(y_list)))
        assert got[i] == pytest.approx(numeric_derivative(C, a_list[i]), rel=1e-7)


# -- backpropagation --------------------------------------------------------------------------


@pytest.mark.formula("delta_output", "batch_delta_output")
def test_output_delta():
    net = small_net()
    x, y = Matrix.from_columns([X, [0.2, 0.5]]), Matrix.from_columns([Y, [0.0, 1.0]])
    fp = net.forward(x)
    for loss, factor in (("half_squared_error", 1), ("squared_error", 2)):
        delta = net.backward(x, y, loss=loss).delta(2)
        for j, k in itertools.product(range(2), range(2)):
            a, z, target = fp.a(2)[j, k], fp.z(2)[j, k], y[j, k]
            # Matrizen: (a_j − y_j) · σ(z_j)(1 − σ(z_j)); KI: 2 (a_j − y_j) · σ'(z_j)
            assert delta[j, k] == pytest.approx(factor * (a - target) * sigma(z) * (1 - sigma(z)), rel=1e-12)


@pytest.mark.formula("softmax_ce_delta")
def test_softmax_cross_entropy_delta_is_s_minus_y():
    net = small_net(output="softmax")
    fp = net.forward(X)
    delta = column(net.backward(X, Y, loss="cross_entropy").delta(2))
    assert delta == pytest.approx([s - y for s, y in zip(column(fp.output), Y)], abs=1e-15)
    # For a target that does not sum to 1 the rule is s_j · Σ_i y_i − y_j.
    y = [0.5, 1.0]
    delta = column(net.backward(X, y, loss="cross_entropy").delta(2))
    assert delta == pytest.approx([s * 1.5 - t for s, t in zip(column(fp.output), y)], abs=1e-15)


@pytest.mark.formula("delta", "delta_hidden", "batch_delta_hidden", "grad_a", "dz_da", "activation_derivative")
def test_hidden_delta_sums_over_the_layer_above():
    net = small_net()
    x, y = Matrix.from_columns([X, [0.2, 0.5]]), Matrix.from_columns([Y, [0.0, 1.0]])
    grads = net.backward(x, y, loss="half_squared_error")
    fp = grads.forward
    for j, k in itertools.product(range(3), range(2)):
        dE_da = sum(grads.delta(2)[i, k] * W2[i][j] for i in range(2))  # Σ_i δ_i^(l+1) · w_ij^(l+1)
        assert grads.delta(1)[j, k] == pytest.approx(dE_da * activations.sigmoid.df(fp.z(1)[j, k]), rel=1e-12)
    # δ_j = ∂E/∂z_j: z_j^1 moves exactly as b_j^1 does, so the bias gradient measures δ.
    for j in range(3):
        numeric = numeric_gradient(net, x, y, "half_squared_error", 1, "b", j, 0)
        assert sum(grads.delta(1).rows[j]) == pytest.approx(numeric, rel=1e-6)


@pytest.mark.formula("grad_W", "grad_b", "dz_dw", "batch_grad_W", "batch_grad_b", "delta")
def test_gradients_of_weights_and_biases():
    for output, loss in (("sigmoid", "squared_error"), ("sigmoid", "half_squared_error"), ("softmax", "cross_entropy")):
        net = small_net(output=output)
        x, y = Matrix.from_columns([X, [0.2, 0.5], [-0.3, 1.1]]), Matrix.from_columns([Y, [0.0, 1.0], [1.0, 0.0]])
        grads = net.backward(x, y, loss=loss)
        for l in (1, 2):
            A_prev, delta = grads.forward.a(l - 1), grads.delta(l)
            for i, j in itertools.product(range(delta.n_rows), range(A_prev.n_rows)):
                by_hand = sum(delta[i, k] * A_prev[j, k] for k in range(3))  # Σ_k δ_i^(l,k) · a_j^(l−1,k)
                assert grads.dW(l)[i, j] == pytest.approx(by_hand, abs=1e-15)
                assert grads.dW(l)[i, j] == pytest.approx(numeric_gradient(net, x, y, loss, l, "W", i, j), rel=1e-5, abs=1e-9)
            for i in range(delta.n_rows):
                assert grads.db(l)[i, 0] == pytest.approx(sum(delta.rows[i]), abs=1e-15)
                assert grads.db(l)[i, 0] == pytest.approx(numeric_gradient(net, x, y, loss, l, "b", i, 0), rel=1e-5, abs=1e-9)


@pytest.mark.formula("backprop")
def test_all_gradients_come_from_the_weights_of_the_forward_pass():
    net = small_net()
    before = [(layer.W.tolist(), layer.b.tolist()) for layer in net.layers]
    grads = net.backward(X, Y, loss="half_squared_error")
    assert [(layer.W.tolist(), layer.b.tolist()) for layer in net.layers] == before  # backward changes nothing
    # δ^1 uses W^2 as it was, not W^2 after its own update:
    x, y = Matrix.column(X), Matrix.column(Y)
    assert grads.db(1)[0, 0] == pytest.approx(numeric_gradient(net, x, y, "half_squared_error", 1, "b", 0, 0), rel=1e-6)


@pytest.mark.formula("sgd_update")
def test_step_subtracts_eta_over_n_times_the_summed_gradient():
    net = Network([Layer(Matrix([[Fraction(1, 2), Fraction(-1, 4)]]), Matrix.column([Fraction(1, 10)]), "identity")])
    x = Matrix.from_columns([[1, 2], [3, -1]])
    y = Matrix.from_columns([[1], [0]])
    grads = net.backward(x, y, loss="half_squared_error")
    eta = Fraction(1, 10)
    W_before, b_before = net.W(1), net.b(1)
    net.step(grads, eta)
    assert net.W(1) == W_before - grads.dW(1) * (eta / 2)  # w ← w − η/N · Σ_k ∂E^k/∂w
    assert net.b(1) == b_before - grads.db(1) * (eta / 2)


@pytest.mark.formula("sgd_update")
def test_training_with_batch_size_zero_is_one_step_over_all_data():
    data = [([0.0, 1.0], [1.0]), ([1.0, 0.0], [0.0]), ([1.0, 1.0], [1.0])]

    def net() -> Network:
        return Network([
            Layer(Matrix(W1), Matrix.column(B1), "sigmoid"),
            Layer(Matrix([[0.3, -0.2, 0.4]]), Matrix.column([0.1]), "sigmoid"),
        ])

    trained, by_hand = net(), net()
    train(trained, data, epochs=1, batch_size=0, eta=0.5, loss="squared_error", seed=1)
    X_all = Matrix.from_columns([x for x, _ in data])
    Y_all = Matrix.from_columns([y for _, y in data])
    by_hand.step(by_hand.backward(X_all, Y_all, loss="squared_error"), 0.5)
    for l in (1, 2):
        assert column(trained.W(l)) == pytest.approx(column(by_hand.W(l)), abs=1e-12)
        assert column(trained.b(l)) == pytest.approx(column(by_hand.b(l)), abs=1e-12)


@pytest.mark.formula("he_init")
def test_he_initialisation_has_standard_deviation_sqrt_2_over_n():
    rng = random.Random(4)
    m = 50
    draws = [init.he(rng, m, 10) for _ in range(20000)]
    assert statistics.fmean(draws) == pytest.approx(0.0, abs=0.01)
    assert statistics.pstdev(draws) == pytest.approx(math.sqrt(2 / m), rel=0.02)


# -- the forward pass -------------------------------------------------------------------------


@pytest.mark.formula("forward", "neuron", "activation")
def test_forward_pass_of_the_parameter_example():
    net = Network([
        Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), "sigmoid"),
        Layer(Matrix([[0, 1, 0], [1, -1, 1]]), Matrix.column([-1, 0]), "softmax"),
    ])
    fp = net.forward([1.3, 0.8])
    z1 = [2 * 1.3 + 1 * 0.8 - 1, 1 * 1.3 + 2 * 0.8 + 0, 0.5 * 1.3 + 3 * 0.8 - 0.25]
    a1 = [sigma(v) for v in z1]
    z2 = [a1[1] - 1, a1[0] - a1[1] + a1[2]]
    assert column(fp.z(1)) == pytest.approx(z1, abs=1e-15)
    assert column(fp.a(1)) == pytest.approx(a1, abs=1e-15)
    assert column(fp.z(2)) == pytest.approx(z2, abs=1e-15)
    assert column(net.predict([1.3, 0.8])) == pytest.approx(naive_softmax(z2), abs=1e-15)
    assert column(net.predict([1.3, 0.8])) == pytest.approx([0.2761, 0.7239], abs=5e-5)


@pytest.mark.formula("neuron", "relu")
def test_one_neuron_of_woche_10_exactly():
    net = Network([Layer(Matrix([[Fraction("0.2"), Fraction("0.1"), Fraction("0.25")]]), Matrix.column([1]), "relu")])
    fp = net.forward([5, 2, 4])
    assert fp.z(1).flat() == [Fraction("3.2")]
    assert fp.output.flat() == [Fraction("3.2")]


# == purenn.course.formulas ==================================================================================


def load_index_script():
    spec = importlib.util.spec_from_file_location("formula_index", ROOT / "scripts" / "formula_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


INDEX = load_index_script()
RECORDS = formulas.collect()
KEYS = {r.key for r in RECORDS}


def test_index_is_canonical_and_current():
    problems = INDEX.check()
    assert not problems, "purenn/course/formulas.json is out of date (python scripts/formula_index.py):\n" + "\n".join(problems)


def test_index_file_is_canonical_json():
    text = (ROOT / "purenn" / "course" / "formulas.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert "σ" in text  # ensure_ascii=False: the formulas stay readable
    assert list(data["tests"]) == sorted(data["tests"])


def resolve(dotted: str) -> object:
    """The object a dotted implementation name stands for: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def test_every_implementation_exists_and_names_its_key():
    for r in RECORDS:
        obj = resolve(r.implementation)
        if isinstance(obj, property):
            obj = obj.fget
        keys = INDEX.reference_keys(inspect.getdoc(obj))
        assert r.key in keys, f"{r.implementation} has no docstring reference ``purenn formulas`` [... {r.key} ...]"


def test_every_test_link_is_a_marker_in_tests():
    markers = INDEX.linked_tests(ROOT / "tests")
    for r in RECORDS:
        for test in r.tests:
            assert test in markers.get(r.key, []), f"{test} is not marked @pytest.mark.formula({r.key!r})"


def test_marker_keys_are_formula_keys():
    unknown = sorted(set(INDEX.linked_tests(ROOT / "tests")) - KEYS - set(formulas.NOT_IMPLEMENTED))
    assert not unknown, f"tests are marked with keys formulas.json does not have: {', '.join(unknown)}"


def test_formulas_need_no_tests_folder(monkeypatch):
    text, markdown = formulas.render_table("text"), formulas.render_table("markdown")
    monkeypatch.setattr(formulas, "repo_root", lambda: None)
    monkeypatch.chdir(ROOT / "docs")
    assert formulas.render_table("text") == text
    assert formulas.render_table("markdown") == markdown
    assert formulas.collect() == RECORDS


def test_formulas_command_works_from_a_copy_without_tests(tmp_path):
    # As from a wheel: only the package, no tests/, no pyproject.toml.
    shutil.copytree(ROOT / "purenn", tmp_path / "purenn", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "purenn", "formulas"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8", check=True)
    assert result.stdout == formulas.render_table("text")
    assert "ohne Test" not in result.stdout


def test_pyproject_ships_the_index():
    assert '"course/*.json"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_records_name_the_implementing_function():
    by_key = {}
    for r in RECORDS:
        by_key.setdefault(r.key, set()).add(r.implementation)
    assert "purenn.layer.Layer.logits" in by_key["logits"]
    assert "purenn.activations.sigmoid.f" in by_key["sigmoid"]  # the function inside the Activation object
    assert "purenn.activations.sigmoid.df" in by_key["sigmoid_derivative"]
    assert "purenn.losses.squared_error.term" in by_key["squared_error"]
    assert "purenn.activations.Softmax" in by_key["softmax"]
    assert "purenn.network.Network.structure" in by_key["structure_from_weights"]  # a property
    assert not any(".activations._sigmoid" in name for names in by_key.values() for name in names)


def test_every_formula_line_names_one_of_the_five_documents():
    assert RECORDS
    for r in RECORDS:
        assert r.document in SOURCES, (r.implementation, r.document)


def test_every_formula_is_linked_to_a_test():
    untested = sorted({r.key for r in RECORDS if not r.tests})
    assert not untested, f"no test is marked @pytest.mark.formula(...) for: {', '.join(untested)}"


def test_this_file_is_linked():
    links = {r.key: r.tests for r in RECORDS}
    assert "tests/test_formulas.py::test_sigmoid" in links["sigmoid"]
    assert "tests/test_formulas.py::test_hidden_delta_sums_over_the_layer_above" in links["grad_a"]


# -- the development script -----------------------------------------------------------------------


def test_reference_lines_are_short_and_name_their_keys():
    doc = """Summary.

    Slides: 'Matrizen in Neuronalen Netzen' §3.6.3 — ``purenn formulas`` [delta_hidden, batch_delta_hidden]
    """
    assert INDEX.reference_keys(doc) == ["delta_hidden", "batch_delta_hidden"]
    assert INDEX.reference_keys("No reference [here].") == []
    long_lines = []
    for path in sorted((ROOT / "purenn").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INDEX.REFERENCE.match(line.strip()) and len(line) > INDEX.MAX_LINE:
                long_lines.append(f"{path.relative_to(ROOT)}:{n}")
    assert not long_lines


def test_reference_line_is_written_briefly():
    entries = [
        {"key": "delta_hidden", "formula": "f", "document": "Matrizen in Neuronalen Netzen",
         "section": "3.6.3 Fehler eines beliebigen Layers"},
        {"key": "delta_hidden", "formula": "g", "document": "Künstliche Intelligenz selbst gemacht",
         "section": "Ableitung der Kostenfunktion (Gleichung 7)"},
        {"key": "batch_delta_hidden", "formula": "h", "document": "Matrizen in Neuronalen Netzen",
         "section": "3.8.1 Fehlerberechnung"},
    ]
    assert INDEX.reference_line(entries[:1], indent=4) == (
        "Slides: 'Matrizen in Neuronalen Netzen' §3.6.3 — ``purenn formulas`` [delta_hidden]")
    assert INDEX.reference_line(entries[1:2], indent=4) == (
        "Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung 7 — ``purenn formulas`` [delta_hidden]")
    # Too long with every title and section: short titles, then no sections.
    line = INDEX.reference_line(entries, indent=4)
    assert line == "Slides: 'Matrizen', 'KI selbst gemacht' — ``purenn formulas`` [delta_hidden, batch_delta_hidden]"
    assert INDEX.reference_keys(line) == ["delta_hidden", "batch_delta_hidden"]


def test_parse_line_reads_key_formula_document_and_section():
    line = INDEX.parse_line(
        "Formula [logits]: z^k = W^k a^(k−1) + b^k — 'Parameter in neuronalen Netzen', Ausgänge von Schicht k"
    )
    assert line == {"key": "logits", "formula": "z^k = W^k a^(k−1) + b^k",
                    "document": "Parameter in neuronalen Netzen", "section": "Ausgänge von Schicht k"}
    # A dash inside the formula and a comma in the section are kept.
    line = INDEX.parse_line("Formula [x]: a — b — 'Doc: Title', 3.5 Fehler, Teil 2")
    assert (line["formula"], line["document"], line["section"]) == ("a — b", "Doc: Title", "3.5 Fehler, Teil 2")
    assert INDEX.parse_line("  Formula [x]: indented, so an example — 'D', S") is None
    assert INDEX.parse_line("The formula is z = Wx + b.") is None


@pytest.mark.parametrize("bad", [
    "Formula [x]: no source",
    "Formula [x]: f — 'Doc', ",
    "Formula [x]: f — 'Doc'",
    "Formula [Two words]: f — 'Doc', S",
    "Formula [x] f — 'Doc', S",
])
def test_malformed_formula_lines_are_rejected(bad):
    with pytest.raises(ValueError, match="Formula|formula"):
        INDEX.parse_line(bad)


def test_formula_lines_take_continuations_and_skip_indented_examples():
    doc = """Summary.

    Formula [a]: x = 1 — 'D', S
    Formula [b]: y = 2
        + 3 — 'D', T

        Formula [c]: an example, indented — 'D', U
    """
    assert [(f["key"], f["formula"], f["section"]) for f in INDEX.formula_lines(doc)] == [
        ("a", "x = 1", "S"), ("b", "y = 2 + 3", "T"),
    ]


def test_shrinking_replaces_formula_lines_by_one_reference(tmp_path):
    (tmp_path / "m.py").write_text(
        'def f():\n'
        '    """Sum.\n\n'
        "    Formula [a]: x = 1 — 'Matrizen in Neuronalen Netzen', 3.5 Fehler (δ)\n"
        "    Formula [b]: y = 2\n"
        "        + 3 — 'Künstliche Intelligenz selbst gemacht', Kostenfunktion\n\n"
        "    >>> f()\n"
        '    """\n',
        encoding="utf-8",
    )
    assert INDEX.shrink_docstrings(tmp_path) == [tmp_path / "m.py"]
    assert (tmp_path / "m.py").read_text(encoding="utf-8") == (
        'def f():\n'
        '    """Sum.\n\n'
        "    Slides: 'Matrizen' §3.5, 'KI selbst gemacht' — ``purenn formulas`` [a, b]\n\n"
        "    >>> f()\n"
        '    """\n'
    )


def test_links_are_read_with_ast(tmp_path):
    (tmp_path / "test_a.py").write_text(
        "import pytest\n"
        "from pytest import mark\n"
        "pytestmark = [pytest.mark.slow, pytest.mark.formula('everywhere')]\n"
        "@pytest.mark.formula('x', 'y')\n"
        "def test_one(): pass\n"
        "@mark.formula('y')\n"
        "def test_two(): pass\n"
        "@pytest.mark.formula('z')\n"
        "class TestGroup:\n"
        "    @pytest.mark.formula('x')\n"
        "    def test_three(self): pass\n"
        "@pytest.mark.formula('ignored')\n"
        "def helper(): pass\n",
        encoding="utf-8",
    )
    links = INDEX.linked_tests(tmp_path)
    name = tmp_path.name
    assert links == {
        "everywhere": [f"{name}/test_a.py::test_one", f"{name}/test_a.py::test_two", f"{name}/test_a.py::TestGroup::test_three"],
        "x": [f"{name}/test_a.py::test_one", f"{name}/test_a.py::TestGroup::test_three"],
        "y": [f"{name}/test_a.py::test_one", f"{name}/test_a.py::test_two"],
        "z": [f"{name}/test_a.py::TestGroup::test_three"],
    }


# -- agreement with docs/formulas-in-documents.md -----------------------------------------------------


CHECKLIST = formulas.read_checklist(ROOT / "docs" / "formulas-in-documents.md")
CHECKLIST_KEYS = {row.key for row in CHECKLIST}


def test_checklist_is_read():
    assert len(CHECKLIST) > 100
    assert {"logits", "sigmoid", "softmax_ce_delta", "he_init"} <= CHECKLIST_KEYS
    relu = [row for row in CHECKLIST if row.key == "relu"]
    assert relu[0].document == "Woche 10 Theorie: Neuronale Netzwerke & die Mathe"
    assert any("|0.65 − 0.45|" in row.formula for row in CHECKLIST if row.key == "absolute_error")


def test_every_formula_of_the_documents_has_an_implementation():
    missing = sorted(CHECKLIST_KEYS - KEYS - set(formulas.NOT_IMPLEMENTED))
    assert not missing, (
        f"docs/formulas-in-documents.md lists formulas without a 'Formula [key]' line in purenn: {', '.join(missing)}"
    )


def test_every_formula_key_is_in_the_documents_list():
    unknown = sorted(KEYS - CHECKLIST_KEYS)
    assert not unknown, f"Formula lines with keys that docs/formulas-in-documents.md does not list: {', '.join(unknown)}"


def test_not_implemented_list_is_current():
    assert set(formulas.NOT_IMPLEMENTED) <= CHECKLIST_KEYS
    implemented_after_all = sorted(set(formulas.NOT_IMPLEMENTED) & KEYS)
    assert not implemented_after_all, f"remove from formulas.NOT_IMPLEMENTED: {', '.join(implemented_after_all)}"


def test_formula_lines_cite_a_document_that_states_the_formula():
    stated = {(row.key, row.document) for row in CHECKLIST}
    wrong = sorted({(r.key, r.document, r.implementation) for r in RECORDS if (r.key, r.document) not in stated})
    assert not wrong, f"docs/formulas-in-documents.md has no row for (key, document): {wrong}"


# -- the table and the README -------------------------------------------------------------------------


def test_markdown_table_has_one_row_per_formula_line():
    table = formulas.render_table("markdown", RECORDS)
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(RECORDS)
    assert "| `sigmoid` | `σ(x) = 1 / (1 + e^(−x))` | Künstliche Intelligenz selbst gemacht | Aktivierungsfunktionen " \
        "| `purenn.activations.sigmoid.f` | " in table
    for key in formulas.NOT_IMPLEMENTED:
        assert f"- `{key}` — " in table


def test_markdown_escapes_pipes():
    record = formulas.FormulaRecord("k", "|a − y|", "D", "S", "m.f", ())
    assert "| `\\|a − y\\|` |" in formulas.render_table("markdown", [record])


def test_text_table_lists_every_line():
    text = formulas.render_table("text", RECORDS)
    assert text.startswith("Formeln der Kursunterlagen in purenn\n")
    assert text.count("→ purenn.") == len(RECORDS)
    with pytest.raises(ValueError, match="unknown format"):
        formulas.render_table("html", RECORDS)


def test_readme_section_is_replaced_and_nothing_else(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\nintro\n\n{formulas.START}\nold table\n{formulas.END}\n\nrest\n", encoding="utf-8")
    assert formulas.update_readme(readme, "| new |\n") is True
    assert readme.read_text(encoding="utf-8") == f"# T\n\nintro\n\n{formulas.START}\n| new |\n{formulas.END}\n\nrest\n"
    assert formulas.update_readme(readme, "| new |\n") is False
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="formulas:start"):
        formulas.update_readme(readme, "| new |\n")
    assert readme.read_text(encoding="utf-8") == "# no markers\n"
    assert formulas.readme_section(f"{formulas.END}\n{formulas.START}") is None


def test_docs_table_is_current():
    text = (ROOT / "docs" / "formulas.md").read_text(encoding="utf-8")
    section = formulas.readme_section(text)
    assert section is not None, (
        f"docs/formulas.md has no formula table: add the lines {formulas.START} and {formulas.END} "
        f"where it belongs, then run `{REGENERATE}`"
    )
    expected = formulas.render_table("markdown", RECORDS).strip()
    assert section == expected, f"the formula table in docs/formulas.md is out of date: run `{REGENERATE}`"


def test_coverage_table_is_current_and_complete():
    """docs/formula-coverage.md: every checklist row is implemented, cited and tested — or says why not."""
    from purenn.course import formulas as fm

    rows = fm.coverage()
    assert len(rows) == len(fm.read_checklist()) >= 120
    assert not [r.row.key for r in rows if r.status == "FEHLT"]
    assert {r.row.key for r in rows if r.status == "nicht implementiert"} == set(fm.NOT_IMPLEMENTED)
    for r in rows:
        if r.status == "implementiert, zitiert, getestet":
            assert r.functions and r.cited and r.tests, r.row
    by_section = {(r.row.document, r.row.section): r.examples for r in rows}
    assert by_section[("Woche 10 Theorie: Neuronale Netzwerke & die Mathe", "Einblendung ReLU")] == ("w10-relu",)
    text = (fm.repo_root() / fm.COVERAGE_FILE).read_text(encoding="utf-8")
    assert text == fm.render_coverage(rows), "run: python scripts/formula_index.py"
    assert all(line.count("`") % 2 == 0 for line in text.splitlines()), "a formula cell lost a backtick"
