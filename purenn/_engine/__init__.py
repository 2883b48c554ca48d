"""The engine: the readable core's forward pass, backpropagation and SGD step, made fast.

``purenn.network`` writes every formula as the slides do (``W @ a + b``,
``W - eta / N * (delta @ A.T)``) and is the reference. This private package
computes the same numbers for training and evaluation on float data, with
the speed tricks kept out of the readable code: per-interpreter loops that
skip the zeros of MNIST digits (``kernels``), a matrix's columns computed
once, and the SGD step fused with ∂E/∂W^l = [δ^l](A^(l−1))ᵀ so that the
gradient is never stored. ``tests/test_engine.py`` holds it to the readable
path for every activation × loss pair, batch sizes 1, 3 and 10, sparse and
dense inputs. Exact ``Fraction`` entries always take the readable path
(``runs``).

The pattern is CPython's ``_pydecimal``/``_decimal``: the reference is the
readable module; this one must agree with it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import List, Optional, Sequence, Tuple

from purenn._engine import kernels
from purenn.activations import Activation, Softmax
from purenn.layer import Layer
from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = ["runs", "State", "load", "layers", "forward", "predict", "train_step", "KERNEL"]

KERNEL = kernels.KERNEL

Vectors = Sequence[Sequence[Scalar]]

#: The network as the engine keeps it while it trains: (W^l rows, b^l rows, σ^l) per layer,
#: rows as lists, which PyPy stores unboxed (a Matrix's rows are tuples, which it does not).
State = List[Tuple[List[List[Scalar]], List[List[Scalar]], Activation]]


def load(net_layers: Sequence[Layer]) -> State:
    """The engine's copy of the layers."""
    return [(kernels.rows_of(layer.W.rows), kernels.rows_of(layer.b.rows), layer.activation) for layer in net_layers]


def layers(state: State) -> List[Layer]:
    """The layers back as the readable core has them."""
    return [Layer._trusted(Matrix._trusted(W), Matrix._trusted(b), sigma) for W, b, sigma in state]


class _Batch:
    """A matrix given by its rows, with its columns computed once when a kernel needs them."""

    __slots__ = ("rows", "_columns")

    def __init__(self, rows: Vectors, columns: Optional[Vectors] = None) -> None:
        self.rows = rows
        self._columns = columns

    def columns(self) -> Vectors:
        if self._columns is None:
            self._columns = list(zip(*self.rows))
        return self._columns


def runs(net_layers: Sequence[Layer], eta: object, xs: Sequence[Sequence[Scalar]]) -> bool:
    """Whether the engine takes this work: no exact Fraction in the weights, η or the inputs."""
    if isinstance(eta, Fraction):
        return False
    plain = {float, int}
    for layer in net_layers:
        for M in (layer.W, layer.b):
            if not all(set(map(type, row)) <= plain for row in M.rows):
                return False
    return all(set(map(type, x)) <= plain for x in xs)


def forward(state: State, X_columns: Vectors) -> Tuple[List[_Batch], List[Matrix]]:
    """a^l and z^l for a batch given by its examples: z^l = W^l a^(l−1) + b^l, a^l = σ^l(z^l)."""
    a = [_Batch(kernels.transpose(X_columns), X_columns)]
    z: List[Matrix] = []
    for W, b, sigma in state:
        Wa = kernels.matmul(W, a[-1].rows, a[-1].columns)
        z_l = Matrix._trusted([[v + b_i for v in row] for row, (b_i,) in zip(Wa, b)])
        z.append(z_l)
        a.append(_Batch(kernels.rows_of(sigma(z_l).rows)))
    return a, z


def predict(state: State, X_columns: Vectors) -> Matrix:
    """a^L for a batch given by its examples."""
    a, _ = forward(state, X_columns)
    return Matrix._trusted(a[-1].rows)


def train_step(
    state: State, X_columns: Vectors, Y_columns: Vectors, C: Loss, eta: Scalar
) -> Tuple[State, Scalar, Matrix]:
    """One mini-batch: forward pass, δ^L … δ^1, and the step; returns (new state, loss, a^L).

    The same numbers as ``Network.backward`` followed by ``Network.step``.
    """
    a, z = forward(state, X_columns)
    L = len(state)
    aL, Y = Matrix._trusted(a[L].rows), Matrix._trusted(kernels.transpose(Y_columns))
    loss = C.cost(aL, Y)
    delta: List[Optional[_Batch]] = [None] * (L + 1)
    delta[L] = _Batch(kernels.rows_of(_output_delta(state[-1][2], C, z[L - 1], aL, Y).rows))
    for l in range(L - 1, 0, -1):
        # δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l)
        below = delta[l + 1]
        assert below is not None
        W_T = kernels.transpose(state[l][0])
        dC_da = Matrix._trusted(kernels.matmul(W_T, below.rows, below.columns))
        delta[l] = _Batch(kernels.rows_of(state[l - 1][2].backward(z[l - 1], dC_da).rows))
    factor = eta / len(X_columns)
    stepped: State = []
    for l in range(1, L + 1):
        (W, b, sigma), d, A = state[l - 1], delta[l], a[l - 1]
        assert d is not None
        # W^l − η/N · [δ^l](A^(l−1))ᵀ in one pass, b^l − η/N · [δ^l]·1
        W_new = kernels.subtract_scaled_product(W, d.rows, A.rows, A.columns, factor)
        b_new = kernels.subtract_scaled(b, [[sum(row)] for row in d.rows], factor)
        stepped.append((W_new, b_new, sigma))
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

