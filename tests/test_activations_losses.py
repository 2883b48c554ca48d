"""Activations and losses: the documents' values, derivatives by finite differences, names."""

import math
from fractions import Fraction

import pytest

from purenn import Matrix, activations, losses
from purenn.activations import leaky_relu_with, softmax, softmax_jacobian

H = 1e-6
ELEMENTWISE = ["sigmoid", "relu", "leaky_relu", "leaky_relu(0.2)", "tanh", "identity"]


def test_relu_of_the_worked_examples():
    # 'Woche 10 Theorie': ReLU(3.2) = 3.2; 'Künstliche Intelligenz selbst gemacht': ReLU(−25, 36, 14)
    assert activations.relu(Matrix([[Fraction("3.2")]]))[0, 0] == Fraction("3.2")
    assert activations.relu(Matrix.column([-25, 36, 14])).flat() == [0, 36, 14]


def test_relu_derivative_at_zero_follows_the_slide_formula():
    # Slide: ReLU'(x) = 1 if x > 0 else 0 — so 0 at x = 0 (the course code's heaviside(z, 1) says 1).
    assert activations.relu(Matrix([[-1.0, 0.0, 2.0]]), derivative=True).flat() == [0, 0, 1]


def test_sigmoid_values_and_no_overflow():
    s = activations.sigmoid(Matrix([[0.0, 2.4, -1000.0, 1000.0]])).flat()
    assert s[0] == 0.5
    assert s[1] == pytest.approx(0.9168273035)
    assert s[2] == 0.0 and s[3] == 1.0


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_finite_difference(name):
    f = activations.get(name)
    for x in [-2.3, -0.4, 0.3, 1.7]:
        up = f(Matrix([[x + H]]))[0, 0]
        down = f(Matrix([[x - H]]))[0, 0]
        numeric = (up - down) / (2 * H)
        assert f(Matrix([[x]]), derivative=True)[0, 0] == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_leaky_relu_slope():
    assert activations.leaky_relu(Matrix([[-2.0, 3.0]])).flat() == [-0.02, 3.0]
    assert leaky_relu_with(0.1)(Matrix([[-2.0]]), derivative=True).flat() == [0.1]
    with pytest.raises(ValueError, match="slope"):
        leaky_relu_with(1.5)


def test_softmax_is_stable_and_per_column():
    z = Matrix([[1.0, 1000.0], [2.0, 0.0], [3.0, -1000.0]])
    s = softmax(z)
    first = [math.exp(v) / sum(math.exp(u) for u in (1, 2, 3)) for v in (1, 2, 3)]
    assert [r[0] for r in s.rows] == pytest.approx(first)
    assert [r[1] for r in s.rows] == [1.0, 0.0, 0.0]
    for column in s.columns():
        assert sum(column) == pytest.approx(1.0)


def test_softmax_keeps_the_order():
    # 'Softmax für Klassifikationsnetzwerke': z_k > z_m ⇔ softmax(z_k) > softmax(z_m)
    s = softmax(Matrix.column([0.5, -1.0, 2.0])).flat()
    assert s[2] > s[0] > s[1]


def test_softmax_jacobian_equation_iii_against_finite_differences():
    z = [0.3, -1.2, 2.0, 0.1]
    J = softmax_jacobian(Matrix.column(z))
    for j in range(4):
        zp, zm = list(z), list(z)
        zp[j] += H
        zm[j] -= H
        sp, sm = softmax(Matrix.column(zp)).flat(), softmax(Matrix.column(zm)).flat()
        for i in range(4):
            assert J[i, j] == pytest.approx((sp[i] - sm[i]) / (2 * H), abs=1e-8)


def test_softmax_refuses_an_entrywise_derivative_and_backward_uses_the_jacobian():
    z = Matrix.column([0.3, -1.2, 2.0])
    with pytest.raises(ValueError, match="Jacobian"):
        softmax(z, derivative=True)
    J = softmax_jacobian(z)
    g = Matrix.column([0.5, -1.0, 2.0])
    delta = softmax.backward(z, g).flat()
    assert delta == pytest.approx([sum(J[i, j] * g[i, 0] for i in range(3)) for j in range(3)], rel=1e-15)


def test_softmax_jacobian_needs_one_column():
    with pytest.raises(ValueError, match="one column"):
        softmax_jacobian(Matrix([[1.0, 2.0]]))


def test_activation_lookup_by_name():
    for name in activations.NAMES:
        assert activations.get(name).name == name
    with pytest.raises(ValueError, match="unknown activation 'sigmiod'"):
        activations.get("sigmiod")


# -- losses ---------------------------------------------------------------------


def test_squared_error_worked_example():
    # 'Künstliche Intelligenz selbst gemacht', Kostenfunktion – Beispiel: (0.01, 0.09, 0.16)
    a, y = Matrix.column([0.9, 0.3, 0.6]), Matrix.column([1, 0, 1])
    assert losses.per_neuron(losses.squared_error, a, y).flat() == pytest.approx([0.01, 0.09, 0.16])
    assert losses.squared_error(a, y) == pytest.approx(0.26)
    assert losses.squared_error(a, y, derivative=True).flat() == pytest.approx([-0.2, 0.6, -0.8])


def test_half_squared_error():
    # 'Matrizen in Neuronalen Netzen' §3.2: E = ½ Σ (y − a)², dE/da = a − y
    a, y = Matrix.column([0.9, 0.3, 0.6]), Matrix.column([1, 0, 1])
    assert losses.half_squared_error(a, y) == pytest.approx(0.13)
    assert losses.half_squared_error(a, y, derivative=True).flat() == pytest.approx([-0.1, 0.3, -0.4])


def test_cross_entropy_worked_example():
    # 'Künstliche Intelligenz selbst gemacht', Cross-Entropy Loss - Beispiel: −ln 0.7 ≈ 0.3567
    a, y = Matrix.column([0.1, 0.7, 0.2]), Matrix.column([0, 1, 0])
    assert losses.cross_entropy(a, y) == pytest.approx(0.3567, abs=5e-5)
    assert losses.cross_entropy(a, y) == -math.log(0.7)
    assert losses.cross_entropy(a, y, derivative=True).flat() == pytest.approx([0, -1 / 0.7, 0])


def test_cross_entropy_of_an_underflowed_softmax_is_large_but_finite():
    c = losses.cross_entropy(Matrix.column([0.0, 1.0]), Matrix.column([1, 0]))
    assert math.isfinite(c) and c > 600


def test_loss_is_the_mean_over_the_batch_of_the_sum_over_neurons():
    A = Matrix([[0.9, 0.5], [0.3, 0.5]])
    Y = Matrix([[1, 0], [0, 1]])
    first = (0.9 - 1) ** 2 + 0.3**2
    second = 0.5**2 + 0.5**2
    assert losses.squared_error(A, Y) == pytest.approx((first + second) / 2)


@pytest.mark.parametrize("name", losses.NAMES)
def test_loss_derivative_matches_finite_difference(name):
    C = losses.get(name)
    a, y = [0.2, 0.5, 0.3], [0.0, 1.0, 0.0]
    grad = C(Matrix.column(a), Matrix.column(y), derivative=True).flat()
    for j in range(3):
        up, down = list(a), list(a)
        up[j] += H
        down[j] -= H
        numeric = (C(Matrix.column(up), Matrix.column(y)) - C(Matrix.column(down), Matrix.column(y))) / (2 * H)
        assert grad[j] == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_exact_squared_error():
    a, y = Matrix.column([Fraction("0.9")]), Matrix.column([1])
    assert losses.squared_error(a, y) == Fraction(1, 100)


def test_loss_shape_mismatch():
    with pytest.raises(ValueError, match="one target value per output neuron"):
        losses.squared_error(Matrix.column([1, 2]), Matrix.column([1, 2, 3]))


def test_loss_lookup():
    assert losses.get("sel") is losses.squared_error
    with pytest.raises(ValueError, match="unknown loss"):
        losses.get("hinge")
