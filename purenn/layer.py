"""Layer: the parameters of one layer l — weight matrix W^l, bias b^l, activation σ^l.

'Parameter in neuronalen Netzen' (Gewichtematrix, Höhere Schichten): W^l has
one row per neuron of layer l and one column per neuron of layer l−1; entry
w_ij is the weight from neuron j of layer l−1 to neuron i of layer l. With n
neurons and m inputs the layer has n·m + n = (m + 1)·n parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from purenn import validation
from purenn.activations import Activation, get
from purenn.matrix import Matrix
from purenn.scalars import describe

__all__ = ["Layer", "param_count", "check_chain"]


def param_count(m: int, n: int) -> int:
    """The parameters of a layer with n neurons and m inputs: n·m weights and n biases.

    Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [param_count]

    >>> param_count(5, 8), param_count(300, 1000)
    (48, 301000)
    """
    return (m + 1) * n


@dataclass(frozen=True)
class Layer:
    """One layer l: z^l = W^l a^(l−1) + b^l and a^l = σ^l(z^l).

    >>> layer = Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), "sigmoid")
    >>> layer.n_neurons, layer.n_inputs, layer.n_params
    (3, 2, 9)
    """

    W: Matrix
    b: Matrix
    activation: Activation

    def __post_init__(self) -> None:
        if isinstance(self.activation, str):
            object.__setattr__(self, "activation", get(self.activation))
        if not isinstance(self.W, Matrix):
            object.__setattr__(self, "W", Matrix(self.W))
        if not isinstance(self.b, Matrix):
            object.__setattr__(self, "b", Matrix(self.b))
        if not isinstance(self.activation, Activation):
            raise TypeError(
                f"a layer's activation must be an Activation or its name, got {self.activation!r}"
            )
        validation.finite_matrix(self.W, "W")
        validation.finite_matrix(self.b, "b")
        n, _ = self.W.shape
        if self.b.shape != (n, 1):
            raise ValueError(
                f"the bias b must be a column with one entry per neuron: W is "
                f"{n}×{self.W.n_cols}, so b must be {n}×1, but it is {self.b.n_rows}×{self.b.n_cols}"
            )

    def __iter__(self) -> Iterator[Any]:
        """``W, b, sigma = layer``: the three parts in the order the slides write them."""
        return iter((self.W, self.b, self.activation))

    @classmethod
    def _trusted(cls, W: Matrix, b: Matrix, activation: Activation) -> "Layer":
        """A layer from parts purenn computed itself, skipping the checks."""
        layer = object.__new__(cls)
        object.__setattr__(layer, "W", W)
        object.__setattr__(layer, "b", b)
        object.__setattr__(layer, "activation", activation)
        return layer

    @property
    def n_neurons(self) -> int:
        """n: the neurons of this layer (rows of W)."""
        return self.W.n_rows

    @property
    def n_inputs(self) -> int:
        """m: the neurons of the layer before (columns of W)."""
        return self.W.n_cols

    @property
    def n_params(self) -> int:
        """n·m + n = (m + 1)·n ('Parameter in neuronalen Netzen', Parameter der 1. Schicht)."""
        return param_count(self.n_inputs, self.n_neurons)

    def logits(self, a_prev: Matrix) -> Matrix:
        """z^l = W^l a^(l−1) + b^l ('Parameter in neuronalen Netzen', Ausgänge von Schicht k).

        For a batch A^(l−1) (one example per column) b^l is added to every
        column: Z^l = W^l A^(l−1) + B^l ('Matrizen in Neuronalen Netzen' §3.7).

        Slides: Parameter, Matrizen, KI — ``purenn formulas`` [logits, bias_neuron, batch_forward]
        """
        return self.W @ a_prev + self.b


def check_chain(layers: Sequence[object]) -> None:
    """Layers 1..L fit together: W^l has one column per neuron of layer l−1.

    A TypeError for anything that is not a Layer, a ValueError naming the
    first layer that does not fit.
    """
    if not layers:
        raise ValueError("a network needs at least one layer (W^1, b^1), got none")
    for k, layer in enumerate(layers):
        if not isinstance(layer, Layer):
            raise TypeError(f"layer {k + 1} must be a Layer, got {describe(layer)}")
    for l in range(2, len(layers) + 1):
        prev, this = layers[l - 2], layers[l - 1]
        assert isinstance(prev, Layer) and isinstance(this, Layer)
        if this.n_inputs != prev.n_neurons:
            raise ValueError(
                f"W^{l} has {this.n_inputs} columns, but layer {l - 1} has "
                f"{prev.n_neurons} neurons: W^l needs one column per neuron of layer l−1"
            )
