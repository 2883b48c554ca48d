"""The Rechenweg as a chain of steps, each computed from the values before it — also from a student's.

Exams grade a *Folgefehler* (consequential error): after a wrong value,
the later values are judged by what they should be *given the student's
own earlier values*. ``follow(setup, given)`` walks the Rechenweg in its
order — z^1, a^1, …, a^L, E, δ^L … δ^1, ∂E/∂W^l and ∂E/∂b^l, the new W^l,
b^l — and computes every value from the values before it, where each value
the student gave replaces the computed one before the next step uses it.

A mini-batch ('Matrizen in Neuronalen Netzen' §3.7–3.8) is walked the same
way with one column per example: z, a, δ column by column, each from the
same example's values, then the gradients as sums over the batch and the
step with η/N — all from the student's own values where given.

Every step is one call of the core, the same call ``Network.forward``,
``Network.backward`` and ``Gradients`` make, so with nothing given the
chain gives exactly the values of ``purenn.rechenweg.trace`` (a test holds
it to that). The slips (``purenn.exercises.slips``) call the same steps
with one argument changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from purenn.activations import Activation, Softmax
from purenn.exercises.answer_names import Quantity
from purenn.exercises.setup import Setup
from purenn.layer import Layer
from purenn.losses import Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = [
    "logits", "activate", "loss_value", "output_delta", "hidden_delta", "weight_gradient",
    "bias_gradient", "updated", "Chain", "follow", "depends_on",
]

# -- the steps, one core call each ---------------------------------------------------------


def logits(layer: Layer, a_prev: Matrix) -> Matrix:
    """z^l = W^l a^(l−1) + b^l (``Layer.logits``)."""
    return layer.logits(a_prev)


def activate(sigma: Activation, z: Matrix) -> Matrix:
    """a^l = σ^l(z^l)."""
    return sigma(z)


def loss_value(C: Loss, a: Matrix, Y: Matrix) -> Scalar:
    """E = C(a^L, y)."""
    return C.cost(a, Y)


def output_delta(C: Loss, sigma: Activation, z: Matrix, a: Matrix, Y: Matrix) -> Matrix:
    """δ^L = ∂E/∂a^L ⊙ σ'(z^L), or s − y after softmax with cross-entropy (``Loss.output_delta``)."""
    return C.output_delta(sigma, z, a, Y)


def hidden_delta(sigma: Activation, z: Matrix, W_next: Matrix, delta_next: Matrix) -> Matrix:
    """δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), as ``Network.backward`` computes it."""
    return sigma.backward(z, W_next.T @ delta_next)


def weight_gradient(delta: Matrix, a_prev: Matrix) -> Matrix:
    """∂E/∂W^l = δ^l (a^(l−1))ᵀ, the product ``Gradients.dW`` forms."""
    return delta @ a_prev.T


def bias_gradient(delta: Matrix) -> Matrix:
    """∂E/∂b^l = δ^l · 1, the sum ``Gradients.db`` forms (one example: δ^l itself)."""
    return delta.sum_columns()


def updated(P: Matrix, eta: Scalar, grad: Matrix, N: int = 1) -> Matrix:
    """One gradient-descent step P ← P − η/N · ∂E/∂P, the expression of ``Network.step``.

    ('Matrizen in Neuronalen Netzen' §3.3; the formula's own entry is ``Network.step``.)
    """
    return P - eta / N * grad


# -- the chain -------------------------------------------------------------------------------


@dataclass
class Chain:
    """The values of one walk through the Rechenweg.

    ``computed[q]`` is the value step q gives from the values before it;
    ``used[q]`` is the value the later steps used: the student's where given,
    else ``computed[q]``. The vectors the steps used are kept per layer for
    the slips: ``a[l]``, ``z[l]``, ``delta[l]``, ``dW[l]``, ``db[l]``.
    """

    setup: Setup
    computed: Dict[Quantity, Scalar] = field(default_factory=dict)
    used: Dict[Quantity, Scalar] = field(default_factory=dict)
    a: Dict[int, Matrix] = field(default_factory=dict)
    z: Dict[int, Matrix] = field(default_factory=dict)
    delta: Dict[int, Matrix] = field(default_factory=dict)
    dW: Dict[int, Matrix] = field(default_factory=dict)
    db: Dict[int, Matrix] = field(default_factory=dict)
    Y: Optional[Matrix] = None

    def _column(self, kind: str, l: int, values: Matrix, given: Dict[Quantity, Scalar]) -> Matrix:
        """A vector per example: one column, or one column per example of a batch (entries z^(l,k)_i)."""
        batch = values.n_cols > 1
        rows: List[List[Scalar]] = []
        for i, row in enumerate(values.rows):
            rows.append([])
            for k, v in enumerate(row):
                q = Quantity(kind, l, i, k=k if batch else None)
                self.computed[q] = v
                self.used[q] = given.get(q, v)
                rows[-1].append(self.used[q])
        return Matrix(rows)

    def _matrix(self, kind: str, l: int, values: Matrix, given: Dict[Quantity, Scalar]) -> Matrix:
        rows: List[List[Scalar]] = []
        for i, row in enumerate(values.rows):
            rows.append([])
            for j, v in enumerate(row):
                q = Quantity(kind, l, i, j)
                self.computed[q] = v
                self.used[q] = given.get(q, v)
                rows[-1].append(self.used[q])
        return Matrix(rows)


def follow(setup: Setup, given: Optional[Dict[Quantity, Scalar]] = None) -> Chain:
    """Walk the Rechenweg of ``setup``; every value in ``given`` replaces the computed one.

    With nothing given, ``computed`` holds the Rechenweg's own values.
    """
    given = {} if given is None else given
    net, chain = setup.net, Chain(setup)
    chain.a[0] = setup.X
    for l in range(1, net.L + 1):
        chain.z[l] = chain._column("z", l, logits(net.layer(l), chain.a[l - 1]), given)
        chain.a[l] = chain._column("a", l, activate(net.activation(l), chain.z[l]), given)
    Y = setup.Y
    if Y is None or setup.loss is None:
        return chain
    L, C = net.L, setup.loss
    chain.Y = Y
    E = Quantity("E")
    chain.computed[E] = loss_value(C, chain.a[L], Y)
    chain.used[E] = given.get(E, chain.computed[E])
    chain.delta[L] = chain._column("delta", L, output_delta(C, net.activation(L), chain.z[L], chain.a[L], Y), given)
    for l in range(L - 1, 0, -1):
        delta = hidden_delta(net.activation(l), chain.z[l], net.W(l + 1), chain.delta[l + 1])
        chain.delta[l] = chain._column("delta", l, delta, given)
    for l in range(L, 0, -1):
        chain.dW[l] = chain._matrix("dW", l, weight_gradient(chain.delta[l], chain.a[l - 1]), given)
        chain.db[l] = chain._column("db", l, bias_gradient(chain.delta[l]), given)
    if setup.eta is not None:
        for l in range(1, L + 1):
            chain._matrix("W", l, updated(net.W(l), setup.eta, chain.dW[l], setup.N), given)
            chain._column("b", l, updated(net.b(l), setup.eta, chain.db[l], setup.N), given)
    return chain


def depends_on(q: Quantity, setup: Setup) -> List[Quantity]:
    """The values that step ``q`` is computed from (the ones a student may have given).

    In a mini-batch every entry of z, a, δ depends on the same example's
    entries; E, ∂E/∂W and ∂E/∂b (sums over the batch) on every example's.

    z^l_i: all of a^(l−1); a^l_i: z^l_i (all of z^l after softmax); E: a^L;
    δ^L_i: z^L_i and a^L_i (all of them after softmax); δ^l_i: δ^(l+1) and z^l_i;
    ∂E/∂w_ij: δ_i and a^(l−1)_j; ∂E/∂b_i: δ_i; new w_ij: ∂E/∂w_ij; new b_i: ∂E/∂b_i.
    """
    net, l, i, e = setup.net, q.l, q.i, q.k  # e: the example of a batch entry (None for one example)
    sizes = net.structure
    softmax = l >= 1 and isinstance(net.activation(l), Softmax)
    examples: List[Optional[int]] = [None] if setup.N == 1 else list(range(setup.N))
    if q.kind == "z":
        return [] if l == 1 else [Quantity("a", l - 1, k, k=e) for k in range(sizes[l - 1])]
    if q.kind == "a":
        return [Quantity("z", l, k, k=e) for k in range(sizes[l])] if softmax else [Quantity("z", l, i, k=e)]
    if q.kind == "E":
        return [Quantity("a", net.L, k, k=x) for x in examples for k in range(sizes[-1])]
    if q.kind == "delta":
        own = range(sizes[l]) if softmax else [i]
        if l == net.L:
            return [Quantity(kind, l, k, k=e) for k in own for kind in ("z", "a")]
        return ([Quantity("delta", l + 1, k, k=e) for k in range(sizes[l + 1])]
                + [Quantity("z", l, k, k=e) for k in own])
    if q.kind == "dW":  # the sum over the batch: every example's δ_i and a_j
        return [d for x in examples
                for d in [Quantity("delta", l, i, k=x)] + ([Quantity("a", l - 1, q.j, k=x)] if l > 1 else [])]
    if q.kind == "db":
        return [Quantity("delta", l, i, k=x) for x in examples]
    if q.kind == "W":
        return [Quantity("dW", l, i, q.j)]
    return [Quantity("db", l, i)]
