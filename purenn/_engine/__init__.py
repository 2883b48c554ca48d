"""The engine: the readable core's forward pass, backpropagation and SGD step, made fast.

``purenn.network`` writes every formula as the slides do (``W @ a + b``,
``W - eta / N * (delta @ A.T)``) and is the reference. This private package
computes the same numbers for training and evaluation on float data, with
the speed tricks kept out of the readable code:

* every W^l is kept input-major (``Wt``: row j holds the weights leaving
  neuron j of layer l−1, i.e. column j of W^l), so that the weights one
  input touches lie together;
* each example goes through its non-zero inputs only: most pixels of a digit
  are 0, and so are many outputs of a ReLU layer. The forward pass
  z = W a + b adds x_j · Wt[j] for those inputs, and the step
  W^l − η/N · [δ^l](A^(l−1))ᵀ changes only their rows (a weight whose input
  was 0 has gradient 0), example by example, so the gradient is never stored;
* the loops over a row are generated once per row length (``kernels.for_rows``).

The activations, the losses and δ^L are the readable core's own, applied to
the whole mini-batch as a Matrix. ``tests/test_engine.py`` holds the engine
to the readable path for every activation × loss pair, batch sizes 1, 3 and
10, sparse and dense inputs. Exact ``Fraction`` entries always take the
readable path (``runs``). The readable core never sees ``Wt``: ``layers``
turns the engine's state back into W^l.

The pattern is CPython's ``_pydecimal``/``_decimal``: the reference is the
readable module; this one must agree with it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import List, Optional, Sequence, Tuple

from purenn._engine import kernels
from purenn._engine.kernels import KERNEL, nonzero
from purenn.activations import Activation, Softmax
from purenn.io.mnist import Pixels
from purenn.layer import Layer
from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = ["runs", "State", "load", "layers", "forward", "predict", "train_step", "KERNEL"]

Vectors = Sequence[Sequence[Scalar]]

#: The network as the engine keeps it while it trains: (Wt, b, σ) per layer, with Wt = (W^l)ᵀ as
#: lists (row j: the weights leaving input j) and b^l as a flat list.
State = List[Tuple[List[List[Scalar]], List[Scalar], Activation]]

#: An example's non-zero inputs: (positions, values).
Sparse = Tuple[Sequence[int], Sequence[Scalar]]


def load(net_layers: Sequence[Layer]) -> State:
    """The engine's copy of the layers: W^l turned input-major."""
    return [
        ([list(column) for column in zip(*layer.W.rows)], [row[0] for row in layer.b.rows], layer.activation)
        for layer in net_layers
    ]


def layers(state: State) -> List[Layer]:
    """The layers back as the readable core has them: W^l row by row, b^l a column."""
    return [Layer._trusted(Matrix._trusted(zip(*Wt)), Matrix._trusted([(v,) for v in b]), sigma) for Wt, b, sigma in state]


def runs(net_layers: Sequence[Layer], eta: object, xs: Sequence[Sequence[Scalar]]) -> bool:
    """Whether the engine takes this work: no exact Fraction in the weights, η or the inputs."""
    if isinstance(eta, Fraction):
        return False
    plain = {float, int}
    for layer in net_layers:
        for M in (layer.W, layer.b):
            if not all(set(map(type, row)) <= plain for row in M.rows):
                return False
    return all(isinstance(x, Pixels) or set(map(type, x)) <= plain for x in xs)


def _inputs(x: Sequence[Scalar]) -> Sparse:
    """The non-zero inputs of one example; a compact digit knows its own."""
    return x.nonzero() if isinstance(x, Pixels) else nonzero(x)


def forward(state: State, X: Vectors) -> Tuple[List[List[Sparse]], List[Matrix], Matrix]:
    """The forward pass of a batch given by its examples: z^l = W^l a^(l−1) + b^l, a^l = σ^l(z^l).

    Returns the non-zero inputs of every layer (a^0 … a^(L−1), example by
    example), z^1 … z^L and a^L as matrices with one example per column.
    """
    inputs = [[_inputs(x) for x in X]]
    z: List[Matrix] = []
    a = Matrix._trusted([])
    for l, (Wt, b, sigma) in enumerate(state, start=1):
        k = kernels.for_rows(len(b))
        z_l = Matrix._trusted(zip(*[k.forward(Wt, at, x, b) for at, x in inputs[-1]]))
        a = sigma(z_l)
        z.append(z_l)
        if l < len(state):
            inputs.append([nonzero(column) for column in zip(*a.rows)])
    return inputs, z, a


def predict(state: State, X: Vectors) -> Matrix:
    """a^L for a batch given by its examples."""
    return forward(state, X)[2]


def train_step(
    state: State, X: Vectors, Y: Vectors, C: Loss, eta: Scalar
) -> Tuple[State, Scalar, Matrix]:
    """One mini-batch: forward pass, δ^L … δ^1, and the step; returns (new state, loss, a^L).

    The same numbers as ``Network.backward`` followed by ``Network.step``. The
    given state is left as it was (changed rows are new lists), so training
    can go back to it if the step diverges.
    """
    inputs, z, aL = forward(state, X)
    L = len(state)
    Y_rows = Matrix._trusted(zip(*Y))
    loss = C.cost(aL, Y_rows)
    delta: List[Optional[Matrix]] = [None] * (L + 1)
    delta[L] = _output_delta(state[-1][2], C, z[L - 1], aL, Y_rows)
    for l in range(L - 1, 0, -1):
        # δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), the product example by example
        below = delta[l + 1]
        assert below is not None
        Wt, b, _ = state[l]
        back = kernels.for_rows(len(b)).back
        dC_da = Matrix._trusted(zip(*[back(Wt, d) for d in zip(*below.rows)]))
        delta[l] = state[l - 1][2].backward(z[l - 1], dC_da)
    factor = eta / len(X)
    stepped: State = []
    for l in range(1, L + 1):
        (Wt, b, sigma), d = state[l - 1], delta[l]
        assert d is not None
        # W^l − η/N · [δ^l](A^(l−1))ᵀ: example k changes the rows of its non-zero inputs
        update = kernels.for_rows(len(b)).update
        Wt_new = list(Wt)
        for (at, x), d_k in zip(inputs[l - 1], zip(*d.rows)):
            update(Wt_new, at, x, factor, d_k)
        # b^l − η/N · [δ^l]·1
        b_new = [b_i - factor * sum(row) for b_i, row in zip(b, d.rows)]
        stepped.append((Wt_new, b_new, sigma))
    return stepped, loss, aL


def _output_delta(sigma: Activation, C: Loss, z: Matrix, a: Matrix, Y: Matrix) -> Matrix:
    """δ^L as the readable ``Loss.output_delta`` computes it, the softmax shortcut in one pass."""
    if isinstance(sigma, Softmax) and isinstance(C, CrossEntropy):
        # Gleichung IV: s_j · Σ_i y_i − y_j for each example (column)
        columns = [
            [s_j * sum(y_col) - y_j for s_j, y_j in zip(s_col, y_col)]
            for s_col, y_col in zip(zip(*a.rows), zip(*Y.rows))
        ]
        return Matrix._trusted(zip(*columns))
    return C.output_delta(sigma, z, a, Y)

