"""Rechenweg: the whole calculation of a forward pass and one backpropagation step, entry by entry.

``trace(net, x)`` records the forward pass; with a target ``y`` also the
loss, the error δ of every layer and the gradients; with a learning rate
``eta`` also the parameters after one gradient-descent step. Every number
comes from the core — ``net.forward``, ``net.backward`` and ``step`` on a
copy of the network — and the record adds what a hand calculation writes
down in between: the products w·a of each logit, the factors of each δ,
the terms of the loss.

The record is plain data (frozen dataclasses) with the slides' layer numbers
(layer 0 = input, layer L = output) and purenn's 0-based storage indices
for the neurons; how the indices are *written* is a matter of notation
(``purenn.rechenweg.notation``) and of ``purenn.rechenweg.render``.

>>> from purenn import Layer, Matrix, Network
>>> net = Network([Layer(Matrix([[2, 1]]), Matrix.column([-1]), "identity")])
>>> t = trace(net, [1.3, 0.8], y=[2], loss="half_squared_error", eta=0.5)
>>> e = t.layer(1).logits[0]
>>> e.weights, e.inputs, e.bias, round(e.z, 10)
((2, 1), (1.3, 0.8), -1, 2.4)
>>> round(t.delta(1)[0, 0], 10), round(t.W_new(1)[0, 0], 10)
(0.4, 1.74)

The input may also be a mini-batch, one example per column ('Matrizen in
Neuronalen Netzen' §3.7–3.8): every entry then carries the number k of its
example, the gradients are the sums over the batch and the step divides by N:

>>> X = Matrix.from_columns([[1.3, 0.8], [0.5, 1.0]])
>>> t = trace(net, X, y=Matrix.row([2, 0]), loss="half_squared_error", eta=0.5)
>>> t.N, [round(v, 10) for v in t.delta(1).flat()], [round(v, 10) for v in t.dW(1).flat()]
(2, [0.4, 1.0], [1.02, 1.32])
>>> round(t.W_new(1)[0, 0], 10)  # 2 − 0.5/2 · 1.02
1.745
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from purenn import losses
from purenn.activations import Softmax, softmax_jacobian
from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.network import Input, Network
from purenn.records import ForwardPass, Gradients
from purenn.scalars import Scalar

__all__ = [
    "LogitEntry",
    "ActivationEntry",
    "LayerForward",
    "LossTerm",
    "LossEntry",
    "DeltaEntry",
    "GradientEntry",
    "UpdateEntry",
    "LayerBackward",
    "LayerUpdate",
    "Trace",
    "trace",
]

# -- the record ------------------------------------------------------------------


@dataclass(frozen=True)
class LogitEntry:
    """z^l_i = Σ_j w^l_ij · a^(l−1)_j + b^l_i, with the numbers of every product.

    ``weights`` is row i of W^l, ``inputs`` the column a^(l−1);
    ``weighted_sum`` is Σ_j w_ij · a_j before the bias (the "Zwischenergebnis"
    2.2 of 'Woche 10 Theorie'), ``z`` the logit after it.
    """

    l: int
    i: int
    weights: Tuple[Scalar, ...]
    inputs: Tuple[Scalar, ...]
    bias: Scalar
    weighted_sum: Scalar
    z: Scalar
    k: int = 0


@dataclass(frozen=True)
class ActivationEntry:
    """a^l_i = σ^l(z^l_i); ``z_all`` is the whole column z^l, which softmax needs; k is the example."""

    l: int
    i: int
    function: str
    z: Scalar
    a: Scalar
    z_all: Tuple[Scalar, ...]
    k: int = 0


@dataclass(frozen=True)
class LayerForward:
    """Layer l of the forward pass: its parameters, its input a^(l−1), z^l and a^l."""

    l: int
    activation: str
    W: Matrix
    b: Matrix
    a_prev: Matrix
    z: Matrix
    a: Matrix
    logits: Tuple[LogitEntry, ...]
    activations: Tuple[ActivationEntry, ...]


@dataclass(frozen=True)
class LossTerm:
    """Output neuron j's share of the loss of example k: its a_j, y_j and term value."""

    j: int
    a: Scalar
    y: Scalar
    value: Scalar
    k: int = 0


@dataclass(frozen=True)
class LossEntry:
    """The loss C (or E) of the output a^L against the target y, term by term.

    For a batch ``value`` is the mean over the examples and ``per_example``
    holds the loss E^k of each example k.
    """

    name: str
    terms: Tuple[LossTerm, ...]
    value: Scalar
    per_example: Tuple[Scalar, ...] = ()


@dataclass(frozen=True)
class DeltaEntry:
    """δ^l_i = ∂C/∂z^l_i and the factors it is made of.

    ``rule`` says which formula gives it:

    * ``"output"``: δ^L_i = ∂C/∂a^L_i · σ'(z^L_i) — uses ``dC_da`` and ``sigma_prime``;
    * ``"softmax_ce"``: δ^L_i = s_i · Σ_k y_k − y_i, i.e. s_i − y_i for one-hot y —
      uses ``y_sum``;
    * ``"softmax_jacobian"``: δ^L_i = Σ_k ∂s_k/∂z_i · ∂C/∂a_k — ``terms`` holds
      the pairs (∂s_k/∂z_i, ∂C/∂a_k);
    * ``"hidden"``: δ^l_i = (Σ_k w^(l+1)_ki · δ^(l+1)_k) · σ'(z^l_i) — ``terms``
      holds the pairs (w^(l+1)_ki, δ^(l+1)_k), ``total`` their sum;
    * ``"hidden_softmax"``: a softmax hidden layer, δ^l_i = Σ_k ∂a_k/∂z_i · ∂C/∂a_k
      as for ``"softmax_jacobian"`` (``terms``), where ∂C/∂a^l_i = ``dC_da`` is
      Σ_k w^(l+1)_ki · δ^(l+1)_k, from the pairs in ``back_terms``.
    """

    l: int
    i: int
    rule: str
    z: Scalar
    a: Scalar
    delta: Scalar
    sigma_prime: Optional[Scalar] = None
    dC_da: Optional[Scalar] = None
    y: Optional[Scalar] = None
    y_sum: Optional[Scalar] = None
    terms: Tuple[Tuple[Scalar, Scalar], ...] = ()
    total: Optional[Scalar] = None
    back_terms: Tuple[Tuple[Scalar, Scalar], ...] = ()
    k: int = 0


@dataclass(frozen=True)
class GradientEntry:
    """∂C/∂w^l_ij = δ^l_i · a^(l−1)_j, or for the bias (j is None) ∂C/∂b^l_i = δ^l_i · 1.

    For a batch ``value`` is the sum Σ_k δ^(l,k)_i · a^(l−1,k)_j and ``terms``
    holds its pairs (δ^(l,k)_i, a^(l−1,k)_j), one per example k; ``delta`` and
    ``a_prev`` are those of example 0.
    """

    l: int
    i: int
    j: Optional[int]
    delta: Scalar
    a_prev: Scalar
    value: Scalar
    terms: Tuple[Tuple[Scalar, Scalar], ...] = ()


@dataclass(frozen=True)
class UpdateEntry:
    """One parameter after the step: new = old − η/N · grad (j is None for a bias; N = 1 for one example)."""

    l: int
    i: int
    j: Optional[int]
    old: Scalar
    grad: Scalar
    new: Scalar


@dataclass(frozen=True)
class LayerBackward:
    """Layer l of backpropagation: δ^l, ∂C/∂W^l and ∂C/∂b^l, entry by entry."""

    l: int
    activation: str
    deltas: Tuple[DeltaEntry, ...]
    delta: Matrix
    weight_gradients: Tuple[GradientEntry, ...]
    bias_gradients: Tuple[GradientEntry, ...]
    dW: Matrix
    db: Matrix


@dataclass(frozen=True)
class LayerUpdate:
    """Layer l after one gradient step: the new W^l and b^l, entry by entry."""

    l: int
    W: Matrix
    b: Matrix
    weights: Tuple[UpdateEntry, ...]
    biases: Tuple[UpdateEntry, ...]


@dataclass(frozen=True)
class Trace:
    """The Rechenweg: forward pass, and — with a target — loss, δ, gradients, update.

    ``layers`` holds layers 1..L of the forward pass, ``backward`` the layers
    in the order backpropagation visits them (L down to 1), ``updates``
    layers 1..L after the step. The accessors take the slides' layer numbers.
    """

    network: Network
    x: Matrix
    layers: Tuple[LayerForward, ...]
    target: Optional[Matrix] = None
    loss: Optional[LossEntry] = None
    backward: Tuple[LayerBackward, ...] = ()
    eta: Optional[Scalar] = None
    updates: Tuple[LayerUpdate, ...] = ()
    updated: Optional[Network] = None

    @property
    def L(self) -> int:
        """The number of the output layer."""
        return len(self.layers)

    @property
    def output(self) -> Matrix:
        """a^L, the network's prediction."""
        return self.layers[-1].a

    @property
    def N(self) -> int:
        """The number of examples: 1, or the columns of a mini-batch."""
        return self.x.n_cols

    def layer(self, l: int) -> LayerForward:
        """Layer l (1..L) of the forward pass."""
        return self.layers[_check_layer(l, self.L) - 1]

    def a(self, l: int) -> Matrix:
        """a^l for l = 0..L (a^0 = x)."""
        return self.x if l == 0 else self.layer(l).a

    def z(self, l: int) -> Matrix:
        """z^l for l = 1..L."""
        return self.layer(l).z

    def back(self, l: int) -> LayerBackward:
        """Layer l (1..L) of backpropagation; needs a target."""
        if not self.backward:
            raise ValueError("this Rechenweg has no backpropagation: give a target y")
        return self.backward[self.L - _check_layer(l, self.L)]

    def delta(self, l: int) -> Matrix:
        """δ^l for l = 1..L."""
        return self.back(l).delta

    def dW(self, l: int) -> Matrix:
        """∂C/∂W^l."""
        return self.back(l).dW

    def db(self, l: int) -> Matrix:
        """∂C/∂b^l."""
        return self.back(l).db

    def update(self, l: int) -> LayerUpdate:
        """Layer l after the gradient step; needs a learning rate."""
        if not self.updates:
            raise ValueError("this Rechenweg has no gradient step: give a learning rate eta")
        return self.updates[_check_layer(l, self.L) - 1]

    def W_new(self, l: int) -> Matrix:
        """W^l after one step W^l − η/N · ∂C/∂W^l."""
        return self.update(l).W

    def b_new(self, l: int) -> Matrix:
        """b^l after one step b^l − η/N · ∂C/∂b^l."""
        return self.update(l).b


def _check_layer(l: int, L: int) -> int:
    if not isinstance(l, int) or isinstance(l, bool) or not 1 <= l <= L:
        raise IndexError(f"layer {l!r} does not exist here: the layers are 1..{L}")
    return l


# -- building it -------------------------------------------------------------------


def trace(
    net: Network,
    x: Input,
    y: Optional[Input] = None,
    loss: "str | Loss | None" = None,
    eta: Optional[Scalar] = None,
) -> Trace:
    """The Rechenweg of ``net`` for the input ``x`` (and target ``y``, learning rate ``eta``).

    ``loss`` defaults to the network's default (cross-entropy after softmax,
    squared error otherwise). Exact inputs and parameters (Fractions) keep
    every linear step exact; see ``purenn.rechenweg.exact``. ``x`` and ``y`` may
    hold several examples, one per column: a mini-batch ('Matrizen' §3.7–3.8).
    """
    X = net.as_input(x)
    if y is None:
        if eta is not None:
            raise ValueError("a gradient step with η needs a target y (and a loss)")
        return Trace(net, X, _forward_layers(net, net.forward(X)))
    C = losses.get(loss) if loss is not None else net.default_loss()
    grads = net.backward(X, y, loss=C)
    fp = grads.forward
    Y = net.as_target(y, X.n_cols)
    backward = tuple(_layer_backward(net, grads, C, Y, l) for l in range(net.L, 0, -1))
    updates: Tuple[LayerUpdate, ...] = ()
    updated: Optional[Network] = None
    if eta is not None:
        updated = Network(list(net.layers))  # layers never change; step() swaps in new ones
        updated.step(grads, eta)
        updates = tuple(_layer_update(net, updated, grads, l) for l in range(1, net.L + 1))
    return Trace(
        net, X, _forward_layers(net, fp), Y, _loss_entry(C, fp.output, Y, grads.loss, X.n_cols),
        backward, eta, updates, updated,
    )


def _forward_layers(net: Network, fp: ForwardPass) -> Tuple[LayerForward, ...]:
    return tuple(_layer_forward(net, fp, l) for l in range(1, net.L + 1))


def _layer_forward(net: Network, fp: ForwardPass, l: int) -> LayerForward:
    """Layer l of the forward pass, every logit and activation of every example written out.

    Slides: 'Parameter', 'Matrizen' §3.7 — ``purenn formulas`` [logits, activation, batch_forward]
    """
    layer = net.layer(l)
    a_prev, z, a = fp.a(l - 1), fp.z(l), fp.a(l)
    Wa = layer.W @ a_prev  # Σ_j w_ij a_j: the sum before the bias is added
    logits, activations = [], []
    for k in range(a_prev.n_cols):
        inputs, z_all = tuple(a_prev.rows[j][k] for j in range(a_prev.n_rows)), tuple(z.columns()[k])
        for i in range(layer.n_neurons):
            logits.append(LogitEntry(l, i, tuple(layer.W.rows[i]), inputs, layer.b[i, 0], Wa[i, k], z[i, k], k))
            activations.append(ActivationEntry(l, i, layer.activation.name, z[i, k], a[i, k], z_all, k))
    return LayerForward(
        l, layer.activation.name, layer.W, layer.b, a_prev, z, a, tuple(logits), tuple(activations),
    )


def _loss_entry(C: Loss, a: Matrix, Y: Matrix, value: Scalar, N: int) -> LossEntry:
    """The loss, one term per output neuron and example, the loss E^k of each example and their mean.

    Slides: KI, Matrizen — ``purenn formulas`` [squared_error, half_squared_error, cross_entropy]
    """
    shares = losses.per_neuron(C, a, Y)
    terms = tuple(
        LossTerm(j, a[j, k], Y[j, k], shares[j, k], k) for k in range(N) for j in range(a.n_rows)
    )
    per_example = tuple(C.cost(Matrix.column(a.columns()[k]), Matrix.column(Y.columns()[k])) for k in range(N))
    return LossEntry(C.name, terms, value, per_example if N > 1 else ())


def _layer_backward(net: Network, grads: Gradients, C: Loss, Y: Matrix, l: int) -> LayerBackward:
    N = grads.N
    if l == net.L:
        deltas = tuple(d for k in range(N) for d in _output_deltas(net, grads, C, Y, k))
    else:
        deltas = tuple(d for k in range(N) for d in _hidden_deltas(net, grads, l, k))
    weight_grads, bias_grads = _gradients(grads, l)
    return LayerBackward(
        l, net.activation(l).name, deltas, grads.delta(l), weight_grads, bias_grads,
        grads.dW(l), grads.db(l),
    )


def _column(m: Matrix, k: int) -> Matrix:
    return Matrix.column(m.columns()[k])


def _output_deltas(net: Network, grads: Gradients, C: Loss, Y: Matrix, k: int) -> Tuple[DeltaEntry, ...]:
    """δ^L of example k entry by entry, with the rule the core used for this activation and loss.

    Slides: Matrizen, KI — ``purenn formulas`` [delta_output, softmax_ce_delta, softmax_jacobian]
    """
    L, fp = net.L, grads.forward
    sigma = net.activation(L)
    z, a, delta, y = (_column(m, k) for m in (fp.z(L), fp.output, grads.delta(L), Y))
    n = a.n_rows
    if not isinstance(sigma, Softmax):  # σ' entry by entry
        g, sp = C.gradient(a, y), sigma(z, derivative=True)
        return tuple(
            DeltaEntry(L, i, "output", z[i, 0], a[i, 0], delta[i, 0],
                       sigma_prime=sp[i, 0], dC_da=g[i, 0], y=y[i, 0], k=k)
            for i in range(n)
        )
    if isinstance(C, CrossEntropy):  # Gleichung IV: δ = s · Σy − y
        y_sum = sum(y.flat())
        return tuple(
            DeltaEntry(L, i, "softmax_ce", z[i, 0], a[i, 0], delta[i, 0], y=y[i, 0], y_sum=y_sum, k=k)
            for i in range(n)
        )
    g, J = C.gradient(a, y), softmax_jacobian(z)
    return tuple(
        DeltaEntry(L, i, "softmax_jacobian", z[i, 0], a[i, 0], delta[i, 0], dC_da=g[i, 0], y=y[i, 0],
                   terms=tuple((J[m, i], g[m, 0]) for m in range(n)), k=k)
        for i in range(n)
    )


def _hidden_deltas(net: Network, grads: Gradients, l: int, k: int) -> Tuple[DeltaEntry, ...]:
    """δ^l of a hidden layer for example k entry by entry: the weighted sum of δ^(l+1) times σ'(z^l).

    Slides: 'Matrizen in Neuronalen Netzen' §3.6.3 — ``purenn formulas`` [delta_hidden]
    """
    fp = grads.forward
    W_next, d_next = net.W(l + 1), _column(grads.delta(l + 1), k)
    backprop = W_next.T @ d_next
    z, a, delta = _column(fp.z(l), k), _column(fp.a(l), k), _column(grads.delta(l), k)
    if isinstance(net.activation(l), Softmax):
        return _hidden_softmax_deltas(W_next, d_next, backprop, z, a, delta, l, k)
    sp = net.activation(l)(z, derivative=True)
    return tuple(
        DeltaEntry(l, i, "hidden", z[i, 0], a[i, 0], delta[i, 0], sigma_prime=sp[i, 0],
                   terms=tuple((W_next[m, i], d_next[m, 0]) for m in range(W_next.n_rows)),
                   total=backprop[i, 0], k=k)
        for i in range(z.n_rows)
    )


def _hidden_softmax_deltas(W_next: Matrix, d_next: Matrix, backprop: Matrix, z: Matrix, a: Matrix,
                           delta: Matrix, l: int, k: int) -> Tuple[DeltaEntry, ...]:
    """δ^l of a softmax hidden layer: ∂C/∂a^l = (W^(l+1))ᵀ δ^(l+1), then through the Jacobian.

    Softmax ties every a^l_m to every z^l_i, so σ'(z^l) is not one number per
    neuron; the core's backward does the same (``purenn.network``).

    Slides: 'Matrizen', 'KI selbst gemacht' — ``purenn formulas`` [grad_a, softmax_jacobian]
    """
    J, n = softmax_jacobian(z), z.n_rows
    return tuple(
        DeltaEntry(l, i, "hidden_softmax", z[i, 0], a[i, 0], delta[i, 0], dC_da=backprop[i, 0],
                   terms=tuple((J[m, i], backprop[m, 0]) for m in range(n)),
                   back_terms=tuple((W_next[m, i], d_next[m, 0]) for m in range(W_next.n_rows)), k=k)
        for i in range(n)
    )


def _gradients(grads: Gradients, l: int) -> Tuple[Tuple[GradientEntry, ...], Tuple[GradientEntry, ...]]:
    """∂C/∂W^l and ∂C/∂b^l entry by entry, each a sum over the examples of the batch.

    Slides: 'Matrizen in Neuronalen Netzen' §3.5, §3.8.2 — ``purenn formulas`` [grad_W, grad_b, batch_grad_W]
    """
    dW, db, delta, a_prev = grads.dW(l), grads.db(l), grads.delta(l), grads.forward.a(l - 1)
    N = delta.n_cols
    weights = tuple(
        GradientEntry(l, i, j, delta[i, 0], a_prev[j, 0], dW[i, j],
                      tuple((delta[i, k], a_prev[j, k]) for k in range(N)))
        for i in range(dW.n_rows) for j in range(dW.n_cols)
    )
    biases = tuple(
        GradientEntry(l, i, None, delta[i, 0], 1, db[i, 0], tuple((delta[i, k], 1) for k in range(N)))
        for i in range(db.n_rows)
    )
    return weights, biases


def _layer_update(net: Network, updated: Network, grads: Gradients, l: int) -> LayerUpdate:
    """Layer l after one step of gradient descent, read from the stepped copy.

    Slides: 'Matrizen in Neuronalen Netzen' §3.3 — ``purenn formulas`` [sgd_update]
    """
    W, b, W_new, b_new = net.W(l), net.b(l), updated.W(l), updated.b(l)
    dW, db = grads.dW(l), grads.db(l)
    weights = tuple(
        UpdateEntry(l, i, j, W[i, j], dW[i, j], W_new[i, j])
        for i in range(W.n_rows) for j in range(W.n_cols)
    )
    biases = tuple(UpdateEntry(l, i, None, b[i, 0], db[i, 0], b_new[i, 0]) for i in range(b.n_rows))
    return LayerUpdate(l, W_new, b_new, weights, biases)
