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

import math
import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Optional, Sequence, Tuple

from purenn import _engine
from purenn.io.mnist import Pixels
from purenn.layer import Layer
from purenn.losses import Loss, get as get_loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar, argmax, describe, is_number

if TYPE_CHECKING:  # training only calls the network's methods; network.py imports this module
    from purenn.network import Network

__all__ = ["train", "evaluate", "EpochResult", "Progress", "History", "TrainingDiverged"]

Example = Tuple[List[Scalar], List[Scalar]]


class TrainingDiverged(ValueError):
    """The loss became NaN or infinite; the weights are those from before the step that caused it."""


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
    """Handed to the callback after every mini-batch; ``result`` is set after an epoch's last one."""

    epoch: int
    epochs: int
    seen: int
    total: int
    seconds: float
    result: Optional[EpochResult] = None


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
    leaves the network unchanged. If the loss becomes NaN or infinite,
    ``TrainingDiverged`` is raised and the network keeps the weights it had
    before the step that diverged.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [sgd_update]
    """
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
        raise ValueError(f"epochs must be a whole number ≥ 1, got {epochs!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 0:
        raise ValueError(
            f"batch_size must be a whole number ≥ 0 (0 = all data per step), got {batch_size!r}"
        )
    check_eta(eta)
    C = get_loss(loss) if loss is not None else net.default_loss()
    xs, ys = check_data(net, data, "data")
    test = check_data(net, test_data, "test_data") if test_data is not None else None
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
    previous = weights  # the weights before the most recent step
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        start = time.perf_counter()
        total_loss, correct = 0.0, 0
        try:
            for first in range(0, len(order), N):
                batch = order[first : first + N]
                X, Y = [xs[i] for i in batch], [ys[i] for i in batch]
                current = weights
                if fast:
                    stepped, batch_loss_exact, output = _engine.train_step(weights, X, Y, C, eta)
                else:
                    grads = net.backward(Matrix.from_columns(X), Matrix.from_columns(Y), C)
                    batch_loss_exact, output = grads.loss, grads.forward.output
                batch_loss = float(batch_loss_exact)
                if not math.isfinite(batch_loss):
                    # The step that led here diverged: go back to the weights before it.
                    weights = previous
                    raise TrainingDiverged(
                        f"the loss became {batch_loss} in epoch {epoch} after "
                        f"{first} of {len(order)} examples: the learning rate eta={eta!r} is "
                        f"probably too large — try a smaller one (e.g. {float(eta) / 10:g}). "
                        f"The weights are those from before the step that diverged."
                    )
                if fast:
                    weights = stepped
                else:
                    net.step(grads, eta)
                    weights = net.layers
                # Weights that became NaN or infinite show up in the next batch's loss;
                # only after the very last step must they be checked directly.
                last = first + N >= len(order) and epoch == epochs
                if last and not _finite_layers(_engine.layers(weights) if fast else weights):
                    weights = current
                    raise TrainingDiverged(
                        f"the weights became infinite or NaN in the last step: the learning rate "
                        f"eta={eta!r} is probably too large — try a smaller one. The weights are "
                        f"those from before the step that diverged."
                    )
                previous = current
                total_loss += batch_loss * len(batch)
                if one_hot:
                    correct += _count_correct(output, Y)
                if callback is not None:
                    seen = first + len(batch)
                    callback(Progress(epoch, epochs, seen, len(order), time.perf_counter() - start))
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
            callback(Progress(epoch, epochs, len(order), len(order), seconds, result))
    return history


def evaluate(
    net: Network, data: Sequence[Any], loss: "str | Loss | None" = None, batch_size: int = 100
) -> Tuple[float, Optional[float]]:
    """The mean loss on ``data`` and, for one-hot targets, the share classified right."""
    C = get_loss(loss) if loss is not None else net.default_loss()
    xs, ys = check_data(net, data, "data")
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


def check_eta(eta: object) -> None:
    """η must be a positive finite number."""
    if not is_number(eta):
        raise TypeError(f"the learning rate eta must be a number, got {describe(eta)}")
    if not (eta > 0 and math.isfinite(eta)):  # type: ignore[operator, arg-type]
        raise ValueError(f"the learning rate eta must be a positive number, got {eta!r}")


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
    """The inputs and targets of ``data`` as lists, after checking every number once."""
    if data is None or isinstance(data, (str, bytes)):
        raise TypeError(f"{name} must be a list of (input, target) pairs, got {describe(data)}")
    pairs = list(data)
    if not pairs:
        raise ValueError(f"{name} is empty: training needs at least one (input, target) pair")
    n_in, n_out = net.structure[0], net.structure[-1]
    xs: List[Sequence[Scalar]] = []
    ys: List[Sequence[Scalar]] = []
    for k, pair in enumerate(pairs):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise TypeError(f"{name}[{k}] must be an (input, target) pair, got {describe(pair)}")
        xs.append(_vector(pair[0], n_in, f"{name}[{k}] input", "Input-Werten", "layer 0"))
        ys.append(_vector(pair[1], n_out, f"{name}[{k}] target", "erwarteten Output-Werten", f"layer {net.L}"))
    return xs, ys


def _vector(v: Any, n: int, what: str, german: str, layer: str) -> Sequence[Scalar]:
    if isinstance(v, Pixels) and len(v) == n:
        return v  # a digit's pixels: checked when read, kept compact, not copied
    if isinstance(v, Matrix):
        if v.n_cols != 1:
            raise ValueError(f"{what} must be one column, got a {v.n_rows}×{v.n_cols} matrix")
        values = v.flat()
    elif isinstance(v, (str, bytes)):
        raise TypeError(f"{what} must be a list of numbers, got {describe(v)}")
    elif isinstance(v, (list, tuple)) and set(map(type, v)) <= _PLAIN:
        values = list(v)  # the common case, a flat list of numbers: copied in C
    else:
        try:
            # also accept a column written as nested lists, [[1], [0]]
            values = [e[0] if isinstance(e, (list, tuple)) and len(e) == 1 else e for e in v]
        except TypeError:
            raise TypeError(f"{what} must be a list of numbers, got {describe(v)}") from None
    if len(values) != n:
        raise ValueError(
            f"Falsche Anzahl an {german} übergeben: {what} has {len(values)} values, "
            f"but {layer} has {n} neurons"
        )
    # Fast path for the common case (all floats/ints, finite sum): C-level loops only.
    if set(map(type, values)) <= _PLAIN and math.isfinite(sum(values)):
        return values
    for i, e in enumerate(values):
        if not is_number(e):
            raise TypeError(f"{what} value {i} must be a number, got {describe(e)}")
        if isinstance(e, float) and not math.isfinite(e):
            raise ValueError(f"{what} value {i} is {e}: data must be finite numbers")
    return values


_PLAIN = {float, int}


def _is_one_hot(y: Sequence[Scalar]) -> bool:
    return sum(1 for v in y if v == 1) == 1 and all(v == 0 or v == 1 for v in y)


def _count_correct(A: Matrix, Y: Sequence[Sequence[Scalar]]) -> int:
    """How many columns of A have their largest output where the target has its 1."""
    correct = 0
    for a_col, y_col in zip(zip(*A.rows), Y):
        if argmax(a_col) == argmax(y_col):
            correct += 1
    return correct


def _finite_layers(layers: List[Layer]) -> bool:
    # One sum per matrix: it is finite exactly when every entry is (or overflows, which is divergence too).
    return all(
        math.isfinite(sum(map(sum, layer.W.rows))) and math.isfinite(sum(r[0] for r in layer.b.rows))
        for layer in layers
    )
