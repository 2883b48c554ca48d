"""Network: layer numbering, forward pass, backpropagation checked by finite differences, step."""

import itertools
import math
from fractions import Fraction

import pytest

from purenn import Layer, Matrix, Network, activations, losses

from course_networks import parameter_exercise

H = 1e-6
HIDDEN = ["sigmoid", "relu", "leaky_relu", "tanh", "identity", "softmax"]
OUTPUT = ["sigmoid", "relu", "leaky_relu", "tanh", "identity", "softmax"]


def _with_param(net, l, kind, i, j, value):
    """A copy of net in which W^l[i, j] (kind 'W') or b^l[i] (kind 'b') is value."""
    layers = list(net.layers)
    layer = layers[l - 1]
    W, b = layer.W.tolist(), layer.b.tolist()
    (W if kind == "W" else b)[i][j] = value
    layers[l - 1] = Layer(Matrix(W), Matrix(b), layer.activation)
    return Network(layers)


def _total_cost(net, X, Y, loss):
    """Σ over the examples of C — the quantity whose gradient backward() returns."""
    return losses.get(loss).cost(net.predict(X), Y) * X.n_cols


def _check_gradients(net, X, Y, loss):
    grads = net.backward(X, Y, loss=loss)
    for l in range(1, net.L + 1):
        for kind, G, P in (("W", grads.dW(l), net.W(l)), ("b", grads.db(l), net.b(l))):
            for i, j in itertools.product(range(P.n_rows), range(P.n_cols)):
                p = P[i, j]
                up = _total_cost(_with_param(net, l, kind, i, j, p + H), X, Y, loss)
                down = _total_cost(_with_param(net, l, kind, i, j, p - H), X, Y, loss)
                numeric = (up - down) / (2 * H)
                assert G[i, j] == pytest.approx(numeric, rel=1e-5, abs=1e-7), (l, kind, i, j)


def _targets(output, N):
    if output == "softmax":
        cols = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    else:
        cols = [[0.3, 0.9, 0.1], [0.7, 0.2, 0.5], [0.0, 1.0, 0.4]]
    return Matrix.from_columns(cols[:N])


@pytest.mark.parametrize("hidden, output, loss", [
    (h, o, c) for h in HIDDEN for o in OUTPUT for c in losses.NAMES
    if not (c == "cross_entropy" and o in ("relu", "leaky_relu", "tanh", "identity"))
])
@pytest.mark.parametrize("N", [1, 3])
def test_backward_matches_finite_differences(hidden, output, loss, N):
    net = Network.create([4, 5, 3, 3], hidden=hidden, output=output, init="xavier", seed=7)
    X = Matrix.from_columns([[0.5, -0.2, 0.1, 0.9], [-0.7, 0.3, 0.8, -0.1], [0.2, 0.2, -0.6, 0.4]][:N])
    Y = _targets(output, N)
    if output == "sigmoid" and loss == "cross_entropy":
        Y = Matrix.from_columns([[0.2, 0.5, 0.3], [0.0, 1.0, 0.0], [0.6, 0.1, 0.3]][:N])
    _check_gradients(net, X, Y, loss)


def test_softmax_cross_entropy_shortcut_agrees_with_the_jacobian_route():
    # Equation IV (δ^L = s − y) against equation III (δ^L = Jᵀ ∂C/∂s) for the same numbers.
    net = Network.create([3, 4, 3], hidden="tanh", output="softmax", seed=3)
    x, y = [0.2, -0.5, 0.9], [0.0, 1.0, 0.0]
    shortcut = net.backward(x, y, loss="cross_entropy").delta(2)
    fp = net.forward(x)
    J = activations.softmax_jacobian(fp.z(2))
    dC_da = losses.cross_entropy(fp.a(2), Matrix.column(y), derivative=True)
    via_jacobian = J.T @ dC_da
    assert shortcut.flat() == pytest.approx(via_jacobian.flat(), abs=1e-12)
    assert shortcut.flat() == pytest.approx((fp.a(2) - Matrix.column(y)).flat(), abs=1e-15)


def test_batch_gradients_are_the_sum_of_the_example_gradients():
    net = Network.create([3, 4, 2], hidden="sigmoid", output="softmax", seed=5)
    xs = [[0.1, 0.2, 0.3], [0.9, -0.4, 0.0], [-0.3, 0.5, 0.7]]
    ys = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    batch = net.backward(Matrix.from_columns(xs), Matrix.from_columns(ys))
    singles = [net.backward(x, y) for x, y in zip(xs, ys)]
    for l in (1, 2):
        total_W = singles[0].dW(l) + singles[1].dW(l) + singles[2].dW(l)
        total_b = singles[0].db(l) + singles[1].db(l) + singles[2].db(l)
        assert batch.dW(l).flat() == pytest.approx(total_W.flat(), abs=1e-14)
        assert batch.db(l).flat() == pytest.approx(total_b.flat(), abs=1e-14)
        assert batch.delta(l).columns()[1] == pytest.approx(singles[1].delta(l).flat())
    assert batch.loss == pytest.approx(sum(s.loss for s in singles) / 3)


def test_forward_pass_of_the_parameter_exercise():
    # 'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel; input as in 'Training'.
    net = parameter_exercise()
    fp = net.forward([1.3, 0.8])
    assert fp.z(1).flat() == pytest.approx([2.4, 2.9, 2.8])
    a1 = [1 / (1 + math.exp(-v)) for v in (2.4, 2.9, 2.8)]
    assert fp.a(1).flat() == pytest.approx(a1)
    z2 = [a1[1] - 1, a1[0] - a1[1] + a1[2]]
    assert fp.z(2).flat() == pytest.approx(z2)
    e = [math.exp(v) for v in z2]
    assert fp.a(2).flat() == pytest.approx([v / sum(e) for v in e])
    assert net.predict([1.3, 0.8]) == fp.a(2)
    assert fp.a(0).flat() == [1.3, 0.8]


def test_exact_forward_pass_with_identity():
    net = Network([Layer(Matrix([[Fraction("0.2"), Fraction("0.1"), Fraction("0.25")]]), Matrix.column([1]), "relu")])
    assert net.predict([5, 2, 4])[0, 0] == Fraction("3.2")


def test_layer_numbering_is_the_slides():
    net = Network.create([3, 4, 2], seed=0)
    assert net.L == 2 and net.W(1).shape == (4, 3) and net.W(2).shape == (2, 4)
    assert net.b(1).shape == (4, 1) and net.b(2).shape == (2, 1)
    fp = net.forward([1, 2, 3])
    assert fp.a(0).shape == (3, 1) and fp.a(2).shape == (2, 1) and fp.z(1).shape == (4, 1)
    grads = net.backward([1, 2, 3], [1, 0])
    assert grads.delta(1).shape == (4, 1) and grads.dW(2).shape == (2, 4)


@pytest.mark.parametrize("call, text", [
    (lambda net: net.W(0), "l = 1..2 .*layer 0 is the input"),
    (lambda net: net.b(3), "l = 1..2"),
    (lambda net: net.forward([1, 2, 3]).z(0), r"z\(0\) does not exist.*l = 1..2"),
    (lambda net: net.forward([1, 2, 3]).a(3), r"a\(3\) does not exist.*l = 0..2"),
    (lambda net: net.backward([1, 2, 3], [1, 0]).delta(0), r"delta\(0\) does not exist"),
    (lambda net: net.backward([1, 2, 3], [1, 0]).dW(-1), r"dW\(-1\) does not exist"),
])
def test_asking_for_a_layer_that_has_no_such_quantity(call, text):
    with pytest.raises(IndexError, match=text):
        call(Network.create([3, 4, 2], seed=0))


def test_wrong_input_and_target_lengths_say_expected_and_got():
    net = Network.create([3, 4, 2], seed=0)
    with pytest.raises(ValueError, match="Falsche Anzahl an Input-Werten.*the input has 2 values, but layer 0 has 3 neurons"):
        net.forward([1, 2])
    with pytest.raises(ValueError, match="Falsche Anzahl an erwarteten Output-Werten.*the target has 3 values, but layer 2 has 2 neurons"):
        net.backward([1, 2, 3], [1, 0, 0])
    with pytest.raises(TypeError, match="input value 1 must be a number"):
        net.forward([1, "2", 3])


def test_parameter_counts_of_the_document():
    # 'Parameter in neuronalen Netzen': 5-8-1 → 48 + 9 = 57; 300-1000-1000-128 → 1 430 128.
    assert Network.create([5, 8, 1], seed=0).n_params == 57
    big = Network([
        Layer(Matrix.zeros(n, m), Matrix.zeros(n, 1), "relu")
        for m, n in [(300, 1000), (1000, 1000), (1000, 128)]
    ])
    assert [layer.n_params for layer in big.layers] == [301000, 1001000, 128128]
    assert big.n_params == 1_430_128 and big.structure == [300, 1000, 1000, 128]


def test_create_is_reproducible_and_seeded():
    a = Network.create([3, 4, 2], seed=42)
    b = Network.create([3, 4, 2], seed=42)
    c = Network.create([3, 4, 2], seed=43)
    assert a.W(1) == b.W(1) and a.b(2) == b.b(2) and a.W(1) != c.W(1)


def test_he_initialisation_has_the_slide_spread():
    # W ~ N(0, √(2/n)) with n = 400 inputs: standard deviation √(2/400) ≈ 0.0707
    net = Network.create([400, 200, 1], init="he", seed=1)
    values = net.W(1).flat()
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    assert abs(mean) < 0.002 and sd == pytest.approx(math.sqrt(2 / 400), rel=0.02)


def test_uniform_and_xavier_ranges():
    u = Network.create([50, 40, 1], init="uniform", seed=1).W(1).flat()
    assert -1 <= min(u) < -0.95 and 0.95 < max(u) <= 1
    limit = math.sqrt(6 / (50 + 40))
    x = Network.create([50, 40, 1], init="xavier", seed=1).W(1).flat()
    assert -limit <= min(x) and max(x) <= limit


def test_step_is_w_minus_eta_over_n_times_gradient():
    net = Network.create([2, 2, 1], output="identity", seed=0)
    X = Matrix.from_columns([[1.0, 2.0], [0.5, -1.0]])
    Y = Matrix.from_columns([[1.0], [0.0]])
    grads = net.backward(X, Y)
    before = [net.W(l) for l in (1, 2)], [net.b(l) for l in (1, 2)]
    net.step(grads, 0.3)
    for l in (1, 2):
        expected = before[0][l - 1] - (0.3 / 2) * grads.dW(l)
        assert net.W(l).flat() == pytest.approx(expected.flat(), abs=1e-15)
        assert net.b(l).flat() == pytest.approx((before[1][l - 1] - 0.15 * grads.db(l)).flat())


def test_step_lowers_the_loss():
    net = Network.create([3, 4, 2], output="softmax", seed=2)
    x, y = [0.3, 0.1, -0.4], [0.0, 1.0]
    g = net.backward(x, y)
    net.step(g, 0.1)
    assert net.backward(x, y).loss < g.loss


def test_exact_step_with_fractions():
    net = Network([Layer(Matrix([[Fraction(1, 2)]]), Matrix.column([Fraction(0)]), "identity")])
    g = net.backward([2], [3], loss="half_squared_error")
    # a = 1, E = ½(3 − 1)² = 2, δ = a − y = −2, dW = δ·x = −4, db = −2
    assert g.loss == 2 and g.dW(1)[0, 0] == -4 and g.db(1)[0, 0] == -2
    net.step(g, Fraction(1, 10))
    assert net.W(1)[0, 0] == Fraction(9, 10) and net.b(1)[0, 0] == Fraction(1, 5)


@pytest.mark.parametrize("eta, error", [(0, ValueError), (-0.1, ValueError), (float("nan"), ValueError), ("0.1", TypeError)])
def test_step_rejects_bad_eta_and_changes_nothing(eta, error):
    net = Network.create([2, 2, 1], seed=0)
    before = list(net.layers)
    with pytest.raises(error, match="learning rate eta"):
        net.step(net.backward([1, 1], [0]), eta)
    assert net.layers == before


def test_network_checks_consecutive_shapes():
    with pytest.raises(ValueError, match="W\\^2 has 3 columns, but layer 1 has 4 neurons"):
        Network([Layer(Matrix.zeros(4, 2), Matrix.zeros(4, 1), "relu"), Layer(Matrix.zeros(1, 3), Matrix.zeros(1, 1), "relu")])
    with pytest.raises(ValueError, match="b must be 4×1"):
        Layer(Matrix.zeros(4, 2), Matrix.zeros(3, 1), "relu")
    with pytest.raises(ValueError, match="structure"):
        Network.create([3])
    with pytest.raises(ValueError, match=r"structure\[1\]"):
        Network.create([3, 0, 2])
