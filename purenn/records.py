"""What a forward and a backward pass computed, layer by layer, with the slides' numbering.

Layer 0 is the input layer, layer L the output layer ('Matrizen in Neuronalen
Netzen' §2.1). ``a(0)`` is the input, ``z(l)`` and ``a(l)`` exist for l = 1..L;
``delta(l)``, ``dW(l)`` and ``db(l)`` exist for l = 1..L. Asking for a layer
that has no such quantity raises an IndexError that says which layers have it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from purenn.matrix import Matrix
from purenn.rechenweg import display
from purenn.scalars import Scalar

__all__ = ["ForwardPass", "Gradients"]


def _pick(values: Sequence[Optional[Matrix]], l: int, symbol: str, first: int) -> Matrix:
    L = len(values) - 1
    if not isinstance(l, int) or isinstance(l, bool) or not first <= l <= L:
        raise IndexError(
            f"{symbol}({l!r}) does not exist: this network has {symbol}(l) for "
            f"l = {first}..{L} (layer 0 is the input, layer {L} the output)"
        )
    value = values[l]
    assert value is not None
    return value


@dataclass(frozen=True)
class ForwardPass:
    """The activations a^l (l = 0..L) and logits z^l (l = 1..L) of one forward pass.

    For a batch each is a matrix with one column per example (A^l, Z^l in
    'Matrizen in Neuronalen Netzen' §3.7).
    """

    activations: List[Matrix]
    logits: List[Optional[Matrix]]

    @property
    def L(self) -> int:
        """The number of the output layer."""
        return len(self.activations) - 1

    @property
    def N(self) -> int:
        """The number of examples (columns)."""
        return self.activations[0].n_cols

    def a(self, l: int) -> Matrix:
        """a^l, the activations of layer l (a^0 = x, a^L = the prediction)."""
        return _pick(self.activations, l, "a", 0)

    def z(self, l: int) -> Matrix:
        """z^l = W^l a^(l−1) + b^l, the logits of layer l ≥ 1."""
        return _pick(self.logits, l, "z", 1)

    @property
    def output(self) -> Matrix:
        """a^L."""
        return self.activations[-1]

    # In a notebook `net.forward(x)` shows a^0, z^l, a^l as matrices (purenn.rechenweg.display).

    def _repr_latex_(self) -> str:
        return display.forward_latex(self)

    def _repr_markdown_(self) -> str:
        return display.forward_markdown(self)

    def _repr_html_(self) -> str:
        return display.forward_html(self)


@dataclass(frozen=True)
class Gradients:
    """δ^l = ∂C/∂z^l for l = 1..L, the forward pass they came from, and the cost C.

    The gradients follow from δ and the activations ('Matrizen in Neuronalen
    Netzen' §3.8): ``dW(l)`` = [δ^l](A^(l−1))ᵀ and ``db(l)`` = [δ^l]·1, sums
    over the N examples of a batch; ``Network.step`` divides by N. Each is
    computed the first time it is asked for. ``loss`` is the mean cost per example.
    """

    forward: ForwardPass
    deltas: List[Optional[Matrix]]
    loss: Scalar
    _computed: Dict[Tuple[str, int], Matrix] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def L(self) -> int:
        return len(self.deltas) - 1

    @property
    def N(self) -> int:
        """The batch size N."""
        return self.forward.N

    def delta(self, l: int) -> Matrix:
        """δ^l = ∂C/∂z^l (one column per example)."""
        return _pick(self.deltas, l, "delta", 1)

    def dW(self, l: int) -> Matrix:
        """∂C/∂W^l = [δ^l](A^(l−1))ᵀ, summed over the batch; the same shape as W^l.

        Slides: 'Matrizen' §3.8.2, 'KI selbst gemacht' — ``purenn formulas`` [batch_grad_W, grad_W]
        """
        key = ("dW", l)
        if key not in self._computed:
            self._computed[key] = _pick(self.deltas, l, "dW", 1) @ self.forward.a(l - 1).T
        return self._computed[key]

    def db(self, l: int) -> Matrix:
        """∂C/∂b^l = [δ^l]·1, summed over the batch; the same shape as b^l.

        Slides: 'Matrizen in Neuronalen Netzen' §3.8.1 — ``purenn formulas`` [batch_grad_b]
        """
        key = ("db", l)
        if key not in self._computed:
            self._computed[key] = _pick(self.deltas, l, "db", 1).sum_columns()
        return self._computed[key]

    # In a notebook `net.backward(x, y)` shows C, δ^l, ∂C/∂W^l, ∂C/∂b^l (purenn.rechenweg.display).

    def _repr_latex_(self) -> str:
        return display.gradients_latex(self)

    def _repr_markdown_(self) -> str:
        return display.gradients_markdown(self)

    def _repr_html_(self) -> str:
        return display.gradients_html(self)
