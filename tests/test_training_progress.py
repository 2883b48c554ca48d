"""The running loss and accuracy that ``train`` hands its progress callback during an epoch."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import List

import pytest

from purenn import Layer, Matrix, Network
from purenn.training import Progress, evaluate

# three classes, one-hot targets: class = the largest of three inputs
DATA = [([0.9, 0.1, 0.2], [1, 0, 0]), ([0.1, 0.8, 0.3], [0, 1, 0]), ([0.2, 0.3, 0.7], [0, 0, 1]),
        ([0.6, 0.5, 0.1], [1, 0, 0]), ([0.3, 0.9, 0.2], [0, 1, 0]), ([0.1, 0.4, 0.5], [0, 0, 1]),
        ([0.2, 0.7, 0.1], [0, 1, 0])]


def _net(exact: bool = False) -> Network:
    W = [[1, -1, 0], [0, 1, -1], [-1, 0, 1]]
    b = [0, 0, 0]
    if exact:
        W = [[Fraction(v) for v in row] for row in W]
    return Network([Layer(Matrix(W), Matrix.column(b), "softmax")])


def _run(net: Network, data: list, batch_size: int) -> List[Progress]:
    seen: List[Progress] = []
    net.train(data, epochs=2, batch_size=batch_size, eta=0.5, seed=3, callback=seen.append)
    return seen


def test_the_first_batchs_running_figures_are_its_own_loss_and_accuracy() -> None:
    # independent of train: the first mini-batch of the shuffled order, before any step
    order = list(range(len(DATA)))
    random.Random(3).shuffle(order)
    first = [DATA[i] for i in order[:2]]
    loss, accuracy = evaluate(_net(), first)
    progress = _run(_net(), DATA, batch_size=2)[0]
    assert progress.seen == 2 and progress.result is None
    assert progress.loss == pytest.approx(loss, rel=1e-12) and progress.accuracy == accuracy


def test_the_last_running_figures_are_the_epochs_result() -> None:
    for p in _run(_net(), DATA, batch_size=3):
        assert p.loss is not None and p.accuracy is not None
        assert 0 <= p.accuracy <= 1 and (p.accuracy * p.seen) == pytest.approx(round(p.accuracy * p.seen))
        if p.result is not None:
            assert (p.loss, p.accuracy) == (p.result.loss, p.result.accuracy)
    # the batch before the epoch's end (7 = 3 + 3 + 1): its running mean, weighted by examples, gives the result
    ps = _run(_net(), DATA, batch_size=3)
    before, last_batch, end = ps[1], ps[2], ps[3]
    assert (before.seen, last_batch.seen, end.seen) == (6, 7, 7)
    assert last_batch.loss == pytest.approx(end.result.loss, rel=1e-12)  # type: ignore[union-attr]


def test_exact_fractions_give_the_same_running_figures_as_floats() -> None:
    # the readable path (exact) and the engine (floats) count the running figures alike
    exact = _run(_net(exact=True), [([Fraction(str(v)) for v in x], y) for x, y in DATA], batch_size=2)
    floats = _run(_net(), DATA, batch_size=2)
    assert [p.seen for p in exact] == [p.seen for p in floats]
    for a, b in zip(exact, floats):
        assert a.loss == pytest.approx(b.loss, rel=1e-9) and a.accuracy == b.accuracy


def test_no_accuracy_where_the_targets_are_not_one_hot() -> None:
    data = [(x, [0.5, 0.25, 0.25]) for x, _ in DATA]
    assert all(p.accuracy is None and p.loss is not None for p in _run(_net(), data, batch_size=4))
