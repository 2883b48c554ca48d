"""How good is a classifier: accuracy, the confusion matrix, the examples it gets wrong.

For one-hot targets the predicted class is the output neuron with the largest
activation a^L_j, the true class the position of the 1 in y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Sequence, Tuple

from purenn.matrix import Matrix
from purenn.network import Network
from purenn.scalars import Scalar, argmax
from purenn.training import check_data, predict_batches

__all__ = ["Evaluation", "evaluate_classifier", "argmax"]


@dataclass(frozen=True)
class Evaluation:
    """``confusion[t][p]`` counts the examples of true class t predicted as p."""

    confusion: List[List[int]]
    wrong: List[Tuple[int, int, int]]  # (index in the data, true class, predicted class)

    @property
    def total(self) -> int:
        return sum(map(sum, self.confusion))

    @property
    def accuracy(self) -> float:
        """The share of examples on the diagonal of the confusion matrix."""
        return sum(self.confusion[k][k] for k in range(len(self.confusion))) / self.total

    def class_accuracy(self, k: int) -> float:
        """The share of class k's examples classified as k (recall)."""
        n = sum(self.confusion[k])
        return self.confusion[k][k] / n if n else float("nan")

    def render_confusion(self, lang: str = "de") -> str:
        """The confusion matrix as a text table: rows true, columns predicted."""
        k = len(self.confusion)
        head = "wahr\\vorh." if lang == "de" else "true\\pred."
        lines = [f"{head:>10} " + " ".join(f"{p:>5}" for p in range(k)) + f"  {'Anteil richtig' if lang == 'de' else 'recall':>14}"]
        for t in range(k):
            row = " ".join(f"{c:>5}" for c in self.confusion[t])
            lines.append(f"{t:>10} {row}  {100 * self.class_accuracy(t):13.1f}%")
        return "\n".join(lines)


def evaluate_classifier(net: Network, data: Sequence[Any], batch_size: int = 100) -> Evaluation:
    """Run ``net`` over (x, y) pairs with one-hot y and count right and wrong answers."""
    xs, ys = check_data(net, data, "data")
    n_classes = net.structure[-1]
    confusion = [[0] * n_classes for _ in range(n_classes)]
    wrong: List[Tuple[int, int, int]] = []
    for first, A in predict_batches(net, xs, batch_size):
        for k, (column, y) in enumerate(zip(zip(*A.rows), ys[first : first + batch_size])):
            t, p = argmax(y), argmax(column)
            confusion[t][p] += 1
            if t != p:
                wrong.append((first + k, t, p))
    return Evaluation(confusion, wrong)
