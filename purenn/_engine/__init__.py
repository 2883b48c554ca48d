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

The activations, their derivatives, the losses and δ^L are the readable
core's own functions (applied entry by entry, or to the mini-batch as a
Matrix where they need one: softmax, the loss). ``tests/test_engine.py`` holds the engine
to the readable path for every activation × loss pair, batch sizes 1, 3 and
10, sparse and dense inputs. Exact ``Fraction`` entries always take the
readable path (``runs``). The readable core never sees ``Wt``: ``layers``
turns the engine's state back into W^l.

The pattern is CPython's ``_pydecimal``/``_decimal``: the reference is the
readable module; this one must agree with it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, List, Sequence, Tuple

from purenn._engine import kernels
from purenn._engine.kernels import KERNEL, nonzero
from operator import mul

from purenn.activations import Activation, Softmax, relu, sigmoid, tanh
from purenn.io.mnist import Pixels
from purenn.layer import Layer
from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = ["runs", "State", "Pass", "load", "layers", "forward", "predict", "train_step", "KERNEL"]

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


class Pass:
    """The forward pass of a mini-batch, example by example (one list per example and layer).

    ``inputs[l]``: the non-zero entries of a^l (l = 0 … L−1); ``z[l]``,
    ``a[l]``: z^(l+1) and a^(l+1); ``output``: a^L as a Matrix, one example per column.
    """

    __slots__ = ("inputs", "z", "a", "output")

    def __init__(self, state: State, X: Vectors) -> None:
        self.inputs: List[List[Sparse]] = [[_inputs(x) for x in X]]
        self.z: List[Columns] = []
        self.a: List[Columns] = []
        for l, (Wt, b, sigma) in enumerate(state, start=1):
            forward = kernels.for_rows(len(b)).forward
            z = [forward(Wt, at, x, b) for at, x in self.inputs[-1]]  # z^l = W^l a^(l−1) + b^l
            a = _activate(sigma, z)  # a^l = σ^l(z^l)
            self.z.append(z)
            self.a.append(a)
            if l < len(state):
                self.inputs.append([nonzero(a_k) for a_k in a])
        self.output = Matrix._trusted(zip(*self.a[-1]))


def forward(state: State, X: Vectors) -> Pass:
    """The forward pass of a batch given by its examples: z^l = W^l a^(l−1) + b^l, a^l = σ^l(z^l)."""
    return Pass(state, X)


def predict(state: State, X: Vectors) -> Matrix:
    """a^L for a batch given by its examples."""
    return Pass(state, X).output


def train_step(
    state: State, X: Vectors, Y: Vectors, C: Loss, eta: Scalar
) -> Tuple[State, Scalar, Matrix]:
    """One mini-batch: forward pass, δ^L … δ^1, and the step; returns (new state, loss, a^L).

    The same numbers as ``Network.backward`` followed by ``Network.step``. The
    given state is left as it was (changed rows are new lists), so training
    can go back to it if the step diverges.
    """
    fp = Pass(state, X)
    L = len(state)
    Y_rows = Matrix._trusted(zip(*Y))
    loss = C.cost(fp.output, Y_rows)
    delta: List[Columns] = [[] for _ in range(L + 1)]
    delta[L] = _output_delta(state[-1][2], C, fp, Y, Y_rows)
    for l in range(L - 1, 0, -1):
        # δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), example by example
        Wt, b, _ = state[l]
        back = kernels.for_rows(len(b)).back
        dC_da = [back(Wt, d_k) for d_k in delta[l + 1]]
        delta[l] = _backward(state[l - 1][2], fp.z[l - 1], fp.a[l - 1], dC_da)
    factor = eta / len(X)
    stepped: State = []
    for l in range(1, L + 1):
        Wt, b, sigma = state[l - 1]
        # W^l − η/N · [δ^l](A^(l−1))ᵀ: example k changes the rows of its non-zero inputs
        update = kernels.for_rows(len(b)).update
        Wt_new = list(Wt)
        for (at, x), d_k in zip(fp.inputs[l - 1], delta[l]):
            update(Wt_new, at, x, factor, d_k)
        # b^l − η/N · [δ^l]·1
        b_new = [b_i - factor * sum(row) for b_i, row in zip(b, zip(*delta[l]))]
        stepped.append((Wt_new, b_new, sigma))
    return stepped, loss, fp.output


Columns = List[List[Scalar]]


def _activate(sigma: Activation, z: Columns) -> Columns:
    """σ(z) for each example; an activation that acts on each entry alone is applied without a Matrix."""
    if type(sigma) is Activation:
        f: Callable[[Any], Scalar] = sigma.f
        return [list(map(f, z_k)) for z_k in z]
    return _columns(sigma(Matrix._trusted(zip(*z))))


def _backward(sigma: Activation, z: Columns, a: Columns, dC_da: Columns) -> Columns:
    """δ = ∂C/∂a ⊙ σ'(z) for each example, as ``Activation.backward`` computes it.

    σ' of sigmoid, tanh and ReLU is taken from a = σ(z) of the forward pass —
    σ(1 − σ), 1 − tanh², [a > 0] — the very numbers the readable σ'(z)
    computes again from z.
    """
    if type(sigma) is not Activation:
        return _columns(sigma.backward(Matrix._trusted(zip(*z)), Matrix._trusted(zip(*dC_da))))
    derivative: Columns
    if sigma is sigmoid:
        derivative = [[s * (1.0 - s) for s in a_k] for a_k in a]
    elif sigma is tanh:
        derivative = [[1.0 - t * t for t in a_k] for a_k in a]
    elif sigma is relu:
        derivative = [[1 if v > 0 else 0 for v in a_k] for a_k in a]
    else:
        df: Callable[[Any], Scalar] = sigma.df
        derivative = [list(map(df, z_k)) for z_k in z]
    return [list(map(mul, g_k, d_k)) for g_k, d_k in zip(dC_da, derivative)]


def _output_delta(sigma: Activation, C: Loss, fp: Pass, Y: Vectors, Y_rows: Matrix) -> Columns:
    """δ^L as the readable ``Loss.output_delta`` computes it, the softmax shortcut example by example."""
    if isinstance(sigma, Softmax) and isinstance(C, CrossEntropy):
        # Gleichung IV: s_j · Σ_i y_i − y_j for each example
        return [[s_j * sum(y_k) - y_j for s_j, y_j in zip(s_k, y_k)] for s_k, y_k in zip(fp.a[-1], Y)]
    z = Matrix._trusted(zip(*fp.z[-1]))
    return _columns(C.output_delta(sigma, z, fp.output, Y_rows))


def _columns(M: Matrix) -> Columns:
    """The columns of M (one per example) as lists."""
    return list(map(list, zip(*M.rows)))
