"""Noticing that training has gone wrong: a learning rate η so large that gradient descent diverges.

A step W ← W − η·∂E/∂W with too large an η overshoots the minimum, and each
step overshoots further ('Training von neuronalen Netzen', Lernrate). Three
signs are watched, for every activation and loss alike:

* the loss becomes NaN or infinite;
* the mean loss of the last ``WINDOW`` mini-batches is more than ``FACTOR``
  times the loss at the start — at least the loss of guessing (always
  answering the mean target ȳ). Cross-entropy after a softmax never becomes
  infinite (``losses.TINY``), so a diverged network shows up here: about 690
  per example against ln 10 ≈ 2.3 for guessing one of ten digits;
* at the end of an epoch, a weight is NaN or infinite, or the largest weight
  has grown more than ``GROWTH`` times (counted from at least 1): saturated
  sigmoid or softmax outputs keep the loss bounded while the weights explode.

Training then stops with ``TrainingDiverged`` and the network keeps the
weights it had at the start of that epoch.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Deque, List, Sequence

from purenn.layer import Layer
from purenn.losses import Loss
from purenn.scalars import Scalar

__all__ = ["TrainingDiverged", "Watch", "guessing_loss", "WINDOW", "FACTOR", "GROWTH"]

WINDOW = 10
FACTOR = 10.0
GROWTH = 1000.0


class TrainingDiverged(ValueError):
    """Training diverged; the network keeps the weights from the start of the epoch in which it did."""


def guessing_loss(C: Loss, ys: Sequence[Sequence[Scalar]]) -> float:
    """The mean loss of always answering ȳ, the mean target: what a network that learnt nothing reaches."""
    n = len(ys)
    y_bar = [sum(float(v) for v in column) / n for column in zip(*ys)]
    return sum(float(C.term(a, float(y))) for y_k in ys for a, y in zip(y_bar, y_k)) / n


def largest_weight(layers: Sequence[Layer]) -> float:
    """max |w| over all weights and biases; ∞ if one of them is NaN, infinite or too large for a float."""
    largest = 0.0
    for layer in layers:
        for M in (layer.W, layer.b):
            for row in M.rows:
                try:
                    values = [abs(float(v)) for v in row]
                except OverflowError:  # an exact Fraction beyond any float
                    return math.inf
                if not math.isfinite(sum(values)):  # NaN and ∞ make the sum so
                    return math.inf
                largest = max(largest, max(values))
    return largest


def _where(epoch: int, seen: int, total: int) -> str:
    return f"in epoch {epoch} after {seen} of {total} examples"


class Watch:
    """Looks at every mini-batch loss and at the weights after every epoch; raises ``TrainingDiverged``."""

    def __init__(self, C: Loss, ys: Sequence[Sequence[Scalar]], eta: Scalar, start: Sequence[Layer]) -> None:
        self.eta = eta
        self.reference = guessing_loss(C, ys)
        self.recent: Deque[float] = deque(maxlen=WINDOW)
        self.first = True
        self.start_weight = largest_weight(start)

    def batch(self, loss: float, epoch: int, seen: int, total: int) -> None:
        """After each mini-batch: its mean loss, before the step it leads to."""
        if not math.isfinite(loss):
            self._stop(f"the loss became {loss} {_where(epoch, seen, total)}", epoch)
        if self.first:  # the loss of the start weights sets the scale too
            self.reference = max(self.reference, loss)
            self.first = False
        self.recent.append(loss)
        mean = sum(self.recent) / len(self.recent)
        if len(self.recent) == WINDOW and self.reference > 0 and mean > FACTOR * self.reference:
            self._stop(
                f"the mean loss of the last {WINDOW} mini-batches is {mean:.4g} "
                f"{_where(epoch, seen, total)}, more than "
                f"{FACTOR:g} times the loss at the start ({self.reference:.4g})",
                epoch,
            )

    def epoch_end(self, layers: List[Layer], epoch: int) -> None:
        """After each epoch: no weight NaN or infinite, none grown beyond GROWTH times the start."""
        largest = largest_weight(layers)
        if not math.isfinite(largest):
            self._stop(f"the weights became infinite or NaN in epoch {epoch}", epoch)
        limit = GROWTH * max(self.start_weight, 1.0)
        if largest > limit:
            self._stop(
                f"the largest weight grew from {self.start_weight:.3g} to {largest:.3g} in epoch {epoch}", epoch
            )

    def _stop(self, what: str, epoch: int) -> None:
        smaller = f"{float(self.eta) / 10:g}"
        raise TrainingDiverged(
            f"training diverged: {what}. The learning rate eta={self.eta!r} is probably too large — "
            f"try a smaller one (e.g. {smaller}). The network keeps the weights from the start of epoch {epoch}."
        )
