"""Loss functions C(a, y) and their derivatives ∂C/∂a.

Three losses appear in the course documents:

* ``squared_error``      C = Σ_j (a_j − y_j)²,     ∂C/∂a_j = 2(a_j − y_j)
  ('Künstliche Intelligenz selbst gemacht', Kostenfunktion, equation 4);
* ``half_squared_error`` E = ½ Σ_j (y_j − a_j)²,   ∂E/∂a_j = a_j − y_j
  ('Matrizen in Neuronalen Netzen' §3.2);
* ``cross_entropy``      C = −Σ_j y_j ln a_j,      ∂C/∂a_j = −y_j / a_j
  ('Künstliche Intelligenz selbst gemacht', Cross-Entropy Loss).

A loss is called like an activation::

    squared_error(a, y)                   # a float: the cost
    squared_error(a, y, derivative=True)  # a Matrix: ∂C/∂a, entry by entry

``a`` and ``y`` are columns (one example) or batches with one example per
column. The float is the mean over the examples of each example's sum over
the output neurons; the derivative is per example (not divided by N), because
the gradients of 'Matrizen in Neuronalen Netzen' §3.8 are sums over the batch
and ``Network.step`` divides by N.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict

from purenn.activations import Activation, Softmax
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = [
    "Loss",
    "CrossEntropy",
    "squared_error",
    "half_squared_error",
    "cross_entropy",
    "per_neuron",
    "get",
    "NAMES",
]

#: Where cross-entropy meets a = 0 it uses this instead, so that a softmax
#: output that underflowed to 0 gives a large finite cost (−ln 1e−300 ≈ 690.8)
#: rather than infinity.
TINY = 1e-300


@dataclass(frozen=True)
class Loss:
    """A loss C(a, y): ``term`` is one output neuron's share, ``dterm`` its derivative."""

    name: str
    term: Callable[[Scalar, Scalar], Scalar] = field(repr=False)
    dterm: Callable[[Scalar, Scalar], Scalar] = field(repr=False)
    formula: str = ""

    def __call__(self, a: Matrix, y: Matrix, derivative: bool = False) -> "Scalar | Matrix":
        _check_same_shape(a, y)
        if derivative:
            return Matrix._trusted(
                [list(map(self.dterm, ra, ry)) for ra, ry in zip(a.rows, y.rows)]
            )
        return self.cost(a, y)

    def cost(self, a: Matrix, y: Matrix) -> Scalar:
        """The mean over the columns (examples) of Σ_j term(a_j, y_j).

        A float, or a Fraction when a and y are exact and the loss is polynomial.
        """
        _check_same_shape(a, y)
        total: Scalar = sum(sum(map(self.term, ra, ry)) for ra, ry in zip(a.rows, y.rows))
        return total / a.n_cols

    def gradient(self, a: Matrix, y: Matrix) -> Matrix:
        """∂C/∂a as a Matrix (the same as ``loss(a, y, derivative=True)``)."""
        result = self(a, y, derivative=True)
        assert isinstance(result, Matrix)
        return result

    def output_delta(self, sigma: Activation, z: Matrix, a: Matrix, y: Matrix) -> Matrix:
        """δ^L = ∂C/∂a^L ⊙ σ'(z^L) ('Matrizen in Neuronalen Netzen' §3.6.1), through σ^L's own backward step.

        Slides: 'Matrizen', 'KI selbst gemacht' — ``purenn formulas`` [delta_output, batch_delta_output]
        """
        return sigma.backward(z, self.gradient(a, y))


@dataclass(frozen=True)
class CrossEntropy(Loss):
    """Cross-entropy, whose δ^L after a softmax output is s − y (equation IV)."""

    def output_delta(self, sigma: Activation, z: Matrix, a: Matrix, y: Matrix) -> Matrix:
        """After softmax: δ^L_j = s_j · Σ_i y_i − y_j, which is s_j − y_j for a one-hot y.

        Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung IV — ``purenn formulas`` [softmax_ce_delta]
        """
        if not isinstance(sigma, Softmax):
            return super().output_delta(sigma, z, a, y)
        ones = Matrix([[1] * y.n_rows] * y.n_rows)
        return a.hadamard(ones @ y) - y  # Gleichung IV: s ⊙ (Σ_i y_i) − y


def _check_same_shape(a: Matrix, y: Matrix) -> None:
    if not isinstance(a, Matrix) or not isinstance(y, Matrix):
        raise TypeError("a loss compares two matrices: the output a and the target y")
    if a.shape != y.shape:
        raise ValueError(
            f"the target y has shape {y.n_rows}×{y.n_cols}, but the output a has "
            f"{a.n_rows}×{a.n_cols}: one target value per output neuron and example"
        )


# -- squared error, as in 'Künstliche Intelligenz selbst gemacht' --------------


def _se(a: Scalar, y: Scalar) -> Scalar:
    """C_j = (a_j − y_j)² ('Künstliche Intelligenz selbst gemacht', Kostenfunktion).

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [squared_error]
    """
    d = a - y
    return d * d


def _dse(a: Scalar, y: Scalar) -> Scalar:
    """∂C/∂a_j = 2(a_j − y_j) (equation 4 of 'Künstliche Intelligenz selbst gemacht').

    Slides: 'KI selbst gemacht' Gleichung 4 — ``purenn formulas`` [squared_error_derivative]
    """
    return 2 * (a - y)


squared_error = Loss("squared_error", _se, _dse, "C = Σ (a − y)²")


# -- half squared error, as in 'Matrizen in Neuronalen Netzen' ------------------


def _hse(a: Scalar, y: Scalar) -> Scalar:
    """E_j = ½ (y_j − a_j)² ('Matrizen in Neuronalen Netzen' §3.2).

    Slides: 'Matrizen in Neuronalen Netzen' §3.2 — ``purenn formulas`` [half_squared_error]
    """
    d = y - a
    return d * d / 2


def _dhse(a: Scalar, y: Scalar) -> Scalar:
    """∂E/∂a_j = a_j − y_j ('Matrizen in Neuronalen Netzen' §3.2).

    Slides: 'Matrizen in Neuronalen Netzen' §3.2 — ``purenn formulas`` [half_squared_error_derivative]
    """
    return a - y


half_squared_error = Loss("half_squared_error", _hse, _dhse, "E = ½ Σ (y − a)²")


# -- cross-entropy --------------------------------------------------------------


def _ce(a: Scalar, y: Scalar) -> Scalar:
    """C_j = −y_j · ln a_j ('Künstliche Intelligenz selbst gemacht', Cross-Entropy Loss).

    A term with y_j = 0 is 0 whatever a_j is (0 · ln 0 is taken as 0).

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [cross_entropy]
    """
    if y == 0:
        return 0.0
    return -y * math.log(max(a, TINY))


def _dce(a: Scalar, y: Scalar) -> Scalar:
    """∂C/∂a_j = −y_j / a_j.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [cross_entropy]
    """
    if y == 0:
        return 0.0
    return -y / max(a, TINY)


cross_entropy = CrossEntropy("cross_entropy", _ce, _dce, "C = −Σ y ln a")


def per_neuron(loss: Loss, a: Matrix, y: Matrix) -> Matrix:
    """Each output neuron's share of the cost, before summing.

    'Künstliche Intelligenz selbst gemacht', Kostenfunktion – Beispiel:

    >>> a, y = Matrix.column([0.9, 0.3, 0.6]), Matrix.column([1, 0, 1])
    >>> [round(c, 10) for c in per_neuron(squared_error, a, y).flat()]
    [0.01, 0.09, 0.16]

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [squared_error]
    """
    _check_same_shape(a, y)
    return Matrix._trusted([list(map(loss.term, ra, ry)) for ra, ry in zip(a.rows, y.rows)])


_BY_NAME: Dict[str, Loss] = {
    l.name: l for l in (squared_error, half_squared_error, cross_entropy)
}
_ALIASES = {"sel": "squared_error", "mse": "squared_error", "se": "squared_error",
            "ce": "cross_entropy", "half_se": "half_squared_error"}

#: The names ``get`` understands.
NAMES = tuple(_BY_NAME)


def get(name: "str | Loss") -> Loss:
    """The loss called ``name`` (one of NAMES; 'sel' and 'ce' are short forms).

    >>> get("ce") is cross_entropy
    True
    """
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"a loss is given by its name, got {name!r}")
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in _BY_NAME:
        raise ValueError(f"unknown loss {name!r}; known: {', '.join(NAMES)}")
    return _BY_NAME[key]
