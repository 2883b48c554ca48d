"""The typical slips of a hand calculation, each a wrong formula whose value can be recognised.

A wrong answer that equals what a slip gives is named: "σ'(a) statt σ'(z)".
Every slip is one step of ``purenn.exercises.steps`` called with one thing
changed, on the values the student's later steps used (their own where
they gave them):

=====================  ===============================================  ============
key                    the slip                                         values
=====================  ===============================================  ============
sigma_prime_of_a       σ'(a) instead of σ'(z) in δ                       δ
W_not_transposed       W^(l+1) δ^(l+1) instead of (W^(l+1))ᵀ δ^(l+1)      δ (square W)
transposed_index       w_ji instead of w_ij: z from Wᵀ, ∂E/∂w_ij = δ_j·a_i z, ∂E/∂w, w
eta_forgotten          w − ∂E/∂w instead of w − η·∂E/∂w (batch: 1/N·)    w, b
one_over_N_forgotten   w − η·∂E/∂w instead of w − η/N·∂E/∂w (batch)      w, b
wrong_sign             w + η·∂E/∂w instead of w − η·∂E/∂w                w, b
relu_prime_zero        ReLU'(0) = 1 instead of 0                         δ
half_squared           ½ added to or left out of the squared error      E, δ^L
=====================  ===============================================  ============

In a mini-batch ('Matrizen in Neuronalen Netzen' §3.8) the step is
w − η/N·∂E/∂w with ∂E/∂w the sum over the batch; "η forgotten" then gives
w − 1/N·∂E/∂w, and "1/N forgotten" (needs N > 1) w − η·∂E/∂w. Softmax computed without subtracting max(z) is not a slip: the
value is the same ('Künstliche Intelligenz selbst gemacht', Numerisch
stabiler Softmax), so such an answer is simply right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from purenn import losses
from purenn.activations import Activation, Softmax, relu
from purenn.exercises.answer_names import Quantity
from purenn.exercises.steps import Chain, hidden_delta, logits, loss_value, output_delta, updated, weight_gradient
from purenn.layer import Layer
from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = ["Slip", "SLIPS", "slip_values"]


@dataclass(frozen=True)
class Slip:
    """A typical slip: its key, its name in German and English, and the value it gives (or None)."""

    key: str
    de: str
    en: str
    value: Callable[[Chain, Quantity], Optional[Scalar]]

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


def _entry(M: Matrix, i: int, j: int = 0) -> Optional[Scalar]:
    return M[i, j] if i < M.n_rows and j < M.n_cols else None


def _col(q: Quantity) -> int:
    """The column of ``q``'s example in a batch matrix (0 for one example)."""
    return 0 if q.k is None else q.k


def _delta_with(chain: Chain, q: Quantity, sigma: Activation, z: Matrix) -> Optional[Scalar]:
    """δ^l_i computed with another σ or another z in σ'(·)."""
    net, l = chain.setup.net, q.l
    if l == net.L:
        C, Y = chain.setup.loss, chain.Y
        assert C is not None and Y is not None
        if isinstance(net.activation(l), Softmax) and isinstance(C, CrossEntropy):
            return None  # δ = s − y has no σ'
        return _entry(output_delta(C, sigma, z, chain.a[l], Y), q.i, _col(q))
    return _entry(hidden_delta(sigma, z, net.W(l + 1), chain.delta[l + 1]), q.i, _col(q))


def _sigma_prime_of_a(chain: Chain, q: Quantity) -> Optional[Scalar]:
    sigma = chain.setup.net.activation(q.l) if q.kind == "delta" else None
    if sigma is None or isinstance(sigma, Softmax) or sigma.name == "identity":
        return None
    return _delta_with(chain, q, sigma, chain.a[q.l])


def _relu_prime_zero(chain: Chain, q: Quantity) -> Optional[Scalar]:
    if q.kind != "delta" or chain.setup.net.activation(q.l).name != "relu":
        return None
    heaviside_1 = Activation("relu", relu.f, lambda x: 1 if x >= 0 else 0)  # numpy.heaviside(z, 1)
    return _delta_with(chain, q, heaviside_1, chain.z[q.l])


def _W_not_transposed(chain: Chain, q: Quantity) -> Optional[Scalar]:
    net = chain.setup.net
    if q.kind != "delta" or q.l == net.L:
        return None
    W_next = net.W(q.l + 1)
    if W_next.n_rows != W_next.n_cols:
        return None  # W δ would not fit: a non-square W cannot be used untransposed
    return _entry(hidden_delta(net.activation(q.l), chain.z[q.l], W_next.T, chain.delta[q.l + 1]), q.i, _col(q))


def _transposed_index(chain: Chain, q: Quantity) -> Optional[Scalar]:
    net, l = chain.setup.net, q.l
    if q.kind == "z":
        layer = net.layer(l)
        if layer.W.n_rows != layer.W.n_cols:
            return None
        return _entry(logits(Layer(layer.W.T, layer.b, layer.activation), chain.a[l - 1]), q.i, _col(q))
    if q.kind == "dW":
        return _entry(weight_gradient(chain.delta[l], chain.a[l - 1]), q.j, q.i)
    if q.kind == "W" and chain.setup.eta is not None:
        swapped = _entry(chain.dW[l], q.j, q.i)
        if swapped is None:
            return None
        return updated(Matrix([[net.W(l)[q.i, q.j]]]), chain.setup.eta, Matrix([[swapped]]), chain.setup.N)[0, 0]
    return None


def _update_with(eta_of: Callable[[Scalar], Scalar], N_of: Callable[[int], int] = lambda N: N,
                 batch_only: bool = False) -> Callable[[Chain, Quantity], Optional[Scalar]]:
    """The step P − η/N · ∂E/∂P with η replaced by ``eta_of(η)`` and N by ``N_of(N)``."""
    def value(chain: Chain, q: Quantity) -> Optional[Scalar]:
        eta, net, N = chain.setup.eta, chain.setup.net, chain.setup.N
        if eta is None or q.kind not in ("W", "b") or (batch_only and N == 1):
            return None
        if q.kind == "W":
            return updated(net.W(q.l), eta_of(eta), chain.dW[q.l], N_of(N))[q.i, q.j]
        return updated(net.b(q.l), eta_of(eta), chain.db[q.l], N_of(N))[q.i, 0]
    return value


def _other_squared_error(C: Optional[Loss]) -> Optional[Loss]:
    if C is not None and C.name == "squared_error":
        return losses.half_squared_error
    if C is not None and C.name == "half_squared_error":
        return losses.squared_error
    return None


def _half_squared(chain: Chain, q: Quantity) -> Optional[Scalar]:
    other, net, Y = _other_squared_error(chain.setup.loss), chain.setup.net, chain.Y
    if other is None or Y is None:
        return None
    if q.kind == "E":
        return loss_value(other, chain.a[net.L], Y)
    if q.kind == "delta" and q.l == net.L:
        return _entry(output_delta(other, net.activation(net.L), chain.z[net.L], chain.a[net.L], Y), q.i, _col(q))
    return None


#: The slips, in the order they are tried.
SLIPS: Tuple[Slip, ...] = (
    Slip("sigma_prime_of_a", "σ'(a) statt σ'(z) gerechnet", "σ'(a) used instead of σ'(z)", _sigma_prime_of_a),
    Slip("W_not_transposed", "W statt Wᵀ beim Zurückrechnen", "W used instead of Wᵀ going back", _W_not_transposed),
    Slip("transposed_index", "Indizes vertauscht (w_ji statt w_ij)", "indices swapped (w_ji instead of w_ij)",
         _transposed_index),
    Slip("eta_forgotten", "Lernrate η vergessen", "learning rate η forgotten", _update_with(lambda eta: 1)),
    Slip("one_over_N_forgotten", "1/N vergessen (η statt η/N beim Mini-Batch)",
         "1/N forgotten (η instead of η/N for the mini-batch)", _update_with(lambda eta: eta, lambda N: 1, True)),
    Slip("wrong_sign", "falsches Vorzeichen im Gradientenschritt (+ statt −)",
         "wrong sign in the update (+ instead of −)", _update_with(lambda eta: -eta)),
    Slip("relu_prime_zero", "ReLU'(0) = 1 statt 0 genommen", "ReLU'(0) = 1 used instead of 0", _relu_prime_zero),
    Slip("half_squared", "Faktor 1/2 beim quadratischen Fehler vergessen oder zu viel (Faktor 2)",
         "factor 1/2 of the squared error left out or added (factor 2)", _half_squared),
)

_BY_KEY: Dict[str, Slip] = {s.key: s for s in SLIPS}


def slip_values(chain: Chain, q: Quantity) -> List[Tuple[Slip, Scalar]]:
    """Every slip that gives a value for ``q`` here, with that value."""
    out: List[Tuple[Slip, Scalar]] = []
    for slip in SLIPS:
        v = slip.value(chain, q)
        if v is not None:
            out.append((slip, v))
    return out
