"""Training: mini-batch stochastic gradient descent over a list of (input, target) pairs.

'Künstliche Intelligenz selbst gemacht' (Backpropagation-Algorithmus, Mit
Mini-Batches trainieren) and 'Matrizen in Neuronalen Netzen' §3.3: for every
mini-batch, a forward pass, backpropagation, and one step
W^l ← W^l − η/N · Σ_k ∂E^k/∂W^l. An epoch is one pass over the shuffled data.

The data are checked once, before the first step — not once per step — and a
mini-batch is processed as one matrix with one example per column. With float
data each step runs in ``purenn._engine``, which gives the numbers of
``Network.backward`` and ``Network.step`` (``tests/test_engine.py``) faster;
exact Fractions go through those two methods themselves.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Optional, Sequence, Tuple

from purenn import _engine, validation
from purenn.divergence import TrainingDiverged, Watch
from purenn.losses import Loss, get as get_loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar, argmax

if TYPE_CHECKING:  # training only calls the network's methods; network.py imports this module
    from purenn.network import Network

__all__ = ["train", "evaluate", "EpochResult", "Progress", "History", "TrainingDiverged"]

Example = Tuple[List[Scalar], List[Scalar]]


@dataclass(frozen=True)
class EpochResult:
    """The figures of one epoch; ``accuracy`` only where the targets are one-hot."""

    epoch: int
    loss: float
    accuracy: Optional[float]
    test_loss: Optional[float]
    test_accuracy: Optional[float]
    seconds: float
    examples_per_second: float


@dataclass(frozen=True)
class Progress:
    """Handed to the callback after every mini-batch; ``result`` is set after an epoch's last one.

    ``loss`` and ``accuracy`` are the epoch's running figures over its first ``seen``
    examples, counted as ``EpochResult`` counts them (each mini-batch before its step);
    ``accuracy`` only where the targets are one-hot.
    """

    epoch: int
    epochs: int
    seen: int
    total: int
    seconds: float
    result: Optional[EpochResult] = None
    loss: Optional[float] = None
    accuracy: Optional[float] = None


class History(List[EpochResult]):
    """The per-epoch results of ``train``, oldest first."""

    @property
    def losses(self) -> List[float]:
        return [r.loss for r in self]

    @property
    def accuracies(self) -> List[Optional[float]]:
        return [r.accuracy for r in self]


def train(
    net: Network,
    data: Sequence[Any],
    *,
    epochs: int,
    batch_size: int,
    eta: Scalar,
    loss: "str | Loss | None" = None,
    seed: Optional[int] = None,
    test_data: Optional[Sequence[Any]] = None,
    callback: Optional[Callable[[Progress], None]] = None,
) -> History:
    """Train ``net`` with mini-batch SGD and return one ``EpochResult`` per epoch.

    ``data`` is a list of (x, y) pairs, x and y lists of numbers (or n×1
    columns). ``batch_size`` N = 0 means the whole data set in every step, as
    in the course code. The order is reshuffled every epoch with
    ``random.Random(seed)``, so the same seed gives the same run. ``loss``
    defaults to cross-entropy after a softmax output, squared error otherwise.

    Everything is checked before the first step; a bad argument raises and
    leaves the network unchanged. Training that diverges (a NaN or infinite
    loss, a loss far above the one at the start, exploding weights; see
    ``purenn.divergence``) raises ``TrainingDiverged``, and the network keeps
    the weights it had at the start of that epoch.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [sgd_update]
    """
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
        raise ValueError(f"epochs must be a whole number ≥ 1, got {epochs!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 0:
        raise ValueError(
            f"batch_size must be a whole number ≥ 0 (0 = all data per step), got {batch_size!r}"
        )
    validation.eta(eta)
    C = get_loss(loss) if loss is not None else net.default_loss()
    xs, ys = checked_data(net, data, C, "data")
    test = checked_data(net, test_data, C, "test_data") if test_data is not None else None
    one_hot = all(_is_one_hot(y) for y in ys)
    fast = _engine.runs(net.layers, eta, xs)  # float data: the engine; exact Fractions: the readable path
    N = batch_size or len(xs)
    rng = random.Random(seed)
    order = list(range(len(xs)))
    history = History()
    # Where the weights live while training: the engine's own copy (float data),
    # or the network's layers (exact Fractions); net.layers is brought up to date
    # after every epoch and whenever training stops, even by Ctrl-C.
    weights: Any = _engine.load(net.layers) if fast else net.layers
    watch = Watch(C, ys, eta, net.layers)  # stops training that diverges (purenn.divergence)
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        start = time.perf_counter()
        total_loss, correct = 0.0, 0
        at_start = net.layers  # what the network keeps if this epoch diverges
        try:
            for first in range(0, len(order), N):
                batch = order[first : first + N]
                X, Y = [xs[i] for i in batch], [ys[i] for i in batch]
                if fast:
                    weights, batch_loss_exact, output = _engine.train_step(weights, X, Y, C, eta)
                else:
                    grads = net.backward(Matrix.from_columns(X), Matrix.from_columns(Y), C)
                    batch_loss_exact, output = grads.loss, grads.forward.output
                    net.step(grads, eta)
                    weights = net.layers
                    validation.exact_size(weights, f"in epoch {epoch} after {first + len(batch)} examples")
                batch_loss = float(batch_loss_exact)
                seen = first + len(batch)
                watch.batch(batch_loss, epoch, seen, len(order))
                total_loss += batch_loss * len(batch)
                if one_hot:
                    correct += _count_correct(output, Y)
                if callback is not None:
                    callback(Progress(epoch, epochs, seen, len(order), time.perf_counter() - start,
                                      loss=total_loss / seen, accuracy=correct / seen if one_hot else None))
            watch.epoch_end(_engine.layers(weights) if fast else weights, epoch)
        except TrainingDiverged:
            weights = _engine.load(at_start) if fast else at_start
            raise
        finally:
            net.layers = _engine.layers(weights) if fast else weights
        seconds = time.perf_counter() - start
        test_loss = test_accuracy = None
        if test is not None:
            test_loss, test_accuracy = _evaluate(net, test[0], test[1], C)
        result = EpochResult(
            epoch,
            total_loss / len(order),
            correct / len(order) if one_hot else None,
            test_loss,
            test_accuracy,
            seconds,
            len(order) / seconds if seconds > 0 else float("inf"),
        )
        history.append(result)
        if callback is not None:
            callback(Progress(epoch, epochs, len(order), len(order), seconds, result,
                              loss=result.loss, accuracy=result.accuracy))
    return history


def evaluate(
    net: Network, data: Sequence[Any], loss: "str | Loss | None" = None, batch_size: int = 100
) -> Tuple[float, Optional[float]]:
    """The mean loss on ``data`` and, for one-hot targets, the share classified right."""
    C = get_loss(loss) if loss is not None else net.default_loss()
    xs, ys = checked_data(net, data, C, "data")
    return _evaluate(net, xs, ys, C, batch_size)


def _evaluate(
    net: Network, xs: List[Sequence[Scalar]], ys: List[Sequence[Scalar]], C: Loss, batch_size: int = 100
) -> Tuple[float, Optional[float]]:
    total, correct = 0.0, 0
    for first, A in predict_batches(net, xs, batch_size):
        Y = ys[first : first + batch_size]
        total += float(C.cost(A, Matrix.from_columns(Y))) * len(Y)
        correct += _count_correct(A, Y)
    one_hot = all(_is_one_hot(y) for y in ys)
    return total / len(xs), (correct / len(xs) if one_hot else None)


def predict_batches(
    net: Network, xs: Sequence[Sequence[Scalar]], batch_size: int = 100
) -> Iterator[Tuple[int, Matrix]]:
    """(first, A^L) for the inputs xs, taken batch_size examples at a time (one per column of A^L)."""
    fast = _engine.runs(net.layers, 1.0, xs)
    state = _engine.load(net.layers) if fast else []
    for first in range(0, len(xs), batch_size):
        X = xs[first : first + batch_size]
        yield first, (_engine.predict(state, X) if fast else net.predict(Matrix.from_columns(X)))


def check_data(net: Network, data: Any, name: str) -> Tuple[List[Sequence[Scalar]], List[Sequence[Scalar]]]:
    """The inputs and targets of ``data`` as lists, after checking every number once (``purenn.validation``)."""
    return validation.data(data, net.structure[0], net.structure[-1], net.L, name)


def checked_data(net: Network, data: Any, C: Loss, name: str) -> Tuple[List[Sequence[Scalar]], List[Sequence[Scalar]]]:
    """``check_data``, and for cross-entropy targets that are probabilities."""
    xs, ys = check_data(net, data, name)
    validation.loss_targets(C, ys, name)
    return xs, ys


def _is_one_hot(y: Sequence[Scalar]) -> bool:
    return sum(1 for v in y if v == 1) == 1 and all(v == 0 or v == 1 for v in y)


def _count_correct(A: Matrix, Y: Sequence[Sequence[Scalar]]) -> int:
    """How many columns of A have their largest output where the target has its 1."""
    correct = 0
    for a_col, y_col in zip(zip(*A.rows), Y):
        if argmax(a_col) == argmax(y_col):
            correct += 1
    return correct
