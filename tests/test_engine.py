"""The engine gives the numbers of the readable core: forward, backpropagation and the SGD step.

``purenn.network`` is the reference (``W @ a + b``, ``W - eta / N * dW``);
``purenn._engine`` computes the same for training on float data. Where both
do the same float operations in the same order the results are identical;
``math.sumprod`` (CPython 3.12+) rounds a dot product more accurately than a
running sum, so the comparison allows 1e-12 relative.
"""

import math
import random
from fractions import Fraction

import pytest

from purenn import Matrix, Network, _engine, activations, losses
from purenn.io.mnist import load_embedded
from purenn.training import train

ACTIVATIONS = ["sigmoid", "relu", "leaky_relu", "tanh", "identity", "softmax"]
LOSSES = ["squared_error", "half_squared_error", "cross_entropy"]
# cross-entropy takes ln a, so only outputs in (0, 1) go with it
CASES = [(h, o, C) for h in ACTIVATIONS for o in ACTIVATIONS for C in LOSSES
         if C != "cross_entropy" or o in ("sigmoid", "softmax")]


def _data(n_in, n_out, N, sparse, seed):
    rng = random.Random(seed)
    xs, ys = [], []
    for _ in range(N):
        if sparse:  # like a digit: most inputs exactly 0
            x = [rng.random() if rng.random() < 0.2 else 0.0 for _ in range(n_in)]
        else:
            x = [rng.uniform(-1, 1) for _ in range(n_in)]
        y = [0.0] * n_out
        y[rng.randrange(n_out)] = 1.0
        xs.append(x)
        ys.append(y)
    return xs, ys


def _close(P, Q):
    for p_row, q_row in zip(P.rows, Q.rows):
        for p, q in zip(p_row, q_row):
            assert math.isclose(p, q, rel_tol=1e-12, abs_tol=1e-15), (p, q)


@pytest.mark.parametrize("hidden, output, loss", CASES)
def test_one_step_of_the_engine_equals_backward_then_step(hidden, output, loss):
    for N, sparse in ((1, False), (3, True), (10, False), (10, True)):
        n_in = 80 if sparse else 6  # long mostly-zero columns take the engine's sparse path
        xs, ys = _data(n_in, 4, N, sparse, seed=N)
        readable = Network.create([n_in, 5, 4], hidden=hidden, output=output, seed=3)
        state = _engine.load(readable.layers)
        C = losses.get(loss)

        grads = readable.backward(Matrix.from_columns(xs), Matrix.from_columns(ys), C)
        readable.step(grads, 0.1)
        stepped, engine_loss, engine_output = _engine.train_step(state, xs, ys, C, 0.1)

        assert math.isclose(engine_loss, grads.loss, rel_tol=1e-12)
        _close(engine_output, grads.forward.output)
        for l, layer in enumerate(_engine.layers(stepped), start=1):
            _close(layer.W, readable.W(l))
            _close(layer.b, readable.b(l))


def test_engine_prediction_equals_the_readable_forward_pass():
    xs, _ = _data(100, 3, 7, True, seed=5)
    net = Network.create([100, 8, 6, 3], hidden="relu", output="softmax", seed=2)
    _close(_engine.predict(_engine.load(net.layers), xs), net.predict(Matrix.from_columns(xs)))


def test_training_takes_the_engine_for_floats_and_gives_the_readable_result():
    xs, ys = _data(70, 3, 12, True, seed=9)
    data = list(zip(xs, ys))
    by_engine = Network.create([70, 6, 3], output="softmax", seed=4)
    by_hand = Network.create([70, 6, 3], output="softmax", seed=4)
    history = train(by_engine, data, epochs=2, batch_size=5, eta=0.5, seed=1)
    # the same run written with the readable core: shuffle, backward, step
    rng, order, losses_by_hand = random.Random(1), list(range(len(data))), []
    for _ in range(2):
        rng.shuffle(order)
        total = 0.0
        for first in range(0, len(order), 5):
            batch = order[first : first + 5]
            g = by_hand.backward(Matrix.from_columns([xs[i] for i in batch]), Matrix.from_columns([ys[i] for i in batch]))
            by_hand.step(g, 0.5)
            total += g.loss * len(batch)
        losses_by_hand.append(total / len(order))
    assert history.losses == pytest.approx(losses_by_hand, rel=1e-12)
    for l in (1, 2):
        _close(by_engine.W(l), by_hand.W(l))


def test_exact_fractions_never_take_the_engine():
    net = Network.create([2, 2], output="identity", seed=0)
    assert _engine.runs(net.layers, 0.5, [[1.0, 2.0]])
    assert not _engine.runs(net.layers, Fraction(1, 2), [[1.0, 2.0]])
    assert not _engine.runs(net.layers, 0.5, [[Fraction(1), 2.0]])


def test_training_with_fractions_stays_exact():
    W = Matrix([[Fraction(1, 2), Fraction(-1, 4)]])
    net = Network.create([2, 1], output="identity", seed=0)
    net.layers = [type(net.layers[0])(W, Matrix([[Fraction(0)]]), activations.identity)]
    train(net, [([Fraction(1), Fraction(2)], [Fraction(1)])], epochs=1, batch_size=1, eta=Fraction(1, 10),
          loss="half_squared_error")
    # z = 1/2 − 1/2 = 0, δ = z − y = −1, W ← W − 1/10 · δ · x = (1/2 + 1/10, −1/4 + 2/10)
    assert net.W(1).tolist() == [[Fraction(3, 5), Fraction(-1, 20)]]
    assert net.b(1).tolist() == [[Fraction(1, 10)]]


def test_rows_cannot_be_changed_so_no_product_can_be_stale():
    B = Matrix([[1, 2], [3, 4]])
    B.columns()
    with pytest.raises(TypeError):
        B.rows[0][0] = 5  # type: ignore[index]
    assert (Matrix([[1, 0]]) @ B).tolist() == [[1, 2]]


def _one_step_agrees(structure, hidden, xs, ys, loss="cross_entropy", output="softmax"):
    readable = Network.create(structure, hidden=hidden, output=output, seed=6)
    state = _engine.load(readable.layers)
    before = [([list(r) for r in Wt], list(b)) for Wt, b, _ in state]
    C = losses.get(loss)
    grads = readable.backward(Matrix.from_columns([list(x) for x in xs]), Matrix.from_columns(ys), C)
    readable.step(grads, 0.1)
    stepped, engine_loss, engine_output = _engine.train_step(state, xs, ys, C, 0.1)
    assert math.isclose(engine_loss, grads.loss, rel_tol=1e-12)
    _close(engine_output, grads.forward.output)
    for l, layer in enumerate(_engine.layers(stepped), start=1):
        _close(layer.W, readable.W(l))
        _close(layer.b, readable.b(l))
    # the state given to the step is unchanged, so that training can go back to it
    assert [([list(r) for r in Wt], list(b)) for Wt, b, _ in state] == before
    return stepped


@pytest.mark.parametrize("hidden", ["relu", activations.leaky_relu_with(0.2), "softmax", "tanh"])
def test_a_deeper_network_with_every_kind_of_hidden_layer(hidden):
    # ReLU zeros skipped in the next layer, an activation the engine knows only by f and df,
    # and softmax, which acts on whole columns
    xs, ys = _data(80, 3, 10, True, seed=11)
    _one_step_agrees([80, 7, 6, 5, 3], hidden, xs, ys)


def test_rows_longer_than_the_written_out_kernels():
    xs, ys = _data(5, 2, 3, False, seed=12)
    n = _engine.kernels.UNROLL_UP_TO + 6  # W¹ᵀ rows of this length take the index loops
    _one_step_agrees([5, n, 2], "sigmoid", xs, ys)


def test_compact_digits_give_the_numbers_of_the_same_pixels_as_floats():
    train, _ = load_embedded()
    xs, ys = [x for x, _ in train[:10]], [y for _, y in train[:10]]
    by_pixels = _one_step_agrees([784, 12, 10], "sigmoid", xs, ys)
    state = _engine.load(Network.create([784, 12, 10], hidden="sigmoid", output="softmax", seed=6).layers)
    by_floats = _engine.train_step(state, [list(x) for x in xs], ys, losses.cross_entropy, 0.1)[0]
    assert [(Wt, b) for Wt, b, _ in by_pixels] == [(Wt, b) for Wt, b, _ in by_floats]  # bit for bit
