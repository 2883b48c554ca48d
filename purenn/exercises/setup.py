"""An exercise made concrete: the network, x, y, the loss, η, the notation — and its Rechenweg.

``Setup.from_exercise`` reads the texts of an ``Exercise`` (the command
line's syntax: ``"2,1;1,2;0.5,3"``) into numbers, checks that the shapes
fit, and ``trace()`` gives the Rechenweg with the right values, computed by
the core (``Network.forward``, ``backward``, ``step`` through
``purenn.rechenweg.trace``).

>>> from purenn.exercises.exercise_file import parse
>>> s = Setup.from_exercise(parse("W1 = 5 2 4\\nb1 = 1\\nact = relu\\ninput = 0.2 0.1 0.25\\nexact = yes"))
>>> s.trace().z(1)[0, 0]
Fraction(16, 5)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from purenn import activations, losses
from purenn.exercises.exercise_file import Exercise, ExerciseError
from purenn.layer import Layer
from purenn.losses import Loss
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.rechenweg import notation as notations
from purenn.rechenweg.exact import parse_matrix, parse_scalar, parse_vector
from purenn.rechenweg.notation import Notation
from purenn.rechenweg.trace import Trace, trace
from purenn.scalars import Scalar

__all__ = ["Setup"]


@dataclass(frozen=True)
class Setup:
    """What the Rechenweg needs: ``net``, ``x``, and for backpropagation ``y``, ``loss``, ``eta``.

    ``xs``/``ys`` hold every example of a mini-batch (``x``, ``y`` are the first).
    """

    exercise: Exercise
    net: Network
    x: List[Scalar]
    y: Optional[List[Scalar]]
    loss: Optional[Loss]
    eta: Optional[Scalar]
    notation: Notation
    xs: Tuple[List[Scalar], ...] = ()
    ys: Tuple[List[Scalar], ...] = ()

    @classmethod
    def from_exercise(cls, ex: Exercise) -> "Setup":
        """Read and check every number of ``ex``; a missing or ill-fitting one is one clear sentence."""
        net = _network(ex)
        if ex.input is None:
            raise ExerciseError("the input is missing: give it as 'input = 1.3, 0.8' (or --input 1.3,0.8)")
        batch = len(ex.inputs) > 1  # a mini-batch (from the file, or --input given several times)
        targets = ex.targets or ((ex.target,) if ex.target is not None else ())
        if ex.ask != "forward" and len(targets) not in (0, ex.N):
            raise ExerciseError(f"{ex.N} input{'s' if ex.N > 1 else ''} but {len(targets)} "
                                f"target{'s' if len(targets) > 1 else ''}: a mini-batch needs one target per input")
        xs = tuple(_example(t, "input", k, batch, ex.exact, net.structure[0], "W1 has {m} columns (one per input)")
                   for k, t in enumerate(ex.inputs if batch else (ex.input,)))
        ys: Tuple[List[Scalar], ...] = ()
        loss: Optional[Loss] = None
        eta: Optional[Scalar] = None
        if ex.ask in ("backprop", "minibatch"):
            if ex.target is None:
                raise ExerciseError("a backpropagation exercise needs the target: 'target = 0, 1' (or --target 0,1)")
            ys = tuple(_example(t, "target", k, batch, ex.exact, net.structure[-1],
                                "the output layer has {m} neurons")
                       for k, t in enumerate(targets))
            try:
                loss = losses.get(ex.loss) if ex.loss else net.default_loss()
            except ValueError as e:
                raise ExerciseError(f"loss: {e}") from None
            if ex.eta is not None:
                eta = parse_scalar(ex.eta, ex.exact, "eta")
                if not eta > 0:
                    raise ExerciseError(f"eta: the learning rate must be positive, got {ex.eta}")
        try:
            notation = notations.get(ex.notation or notations.DEFAULT)
        except ValueError as e:
            raise ExerciseError(f"notation: {e}") from None
        return cls(ex, net, xs[0], ys[0] if ys else None, loss, eta, notation, xs, ys)

    @property
    def N(self) -> int:
        """The number of examples: 1, or the size of the mini-batch."""
        return max(1, len(self.xs))

    @property
    def X(self) -> Matrix:
        """The inputs as A^0, one example per column ('Matrizen in Neuronalen Netzen' §3.7)."""
        return Matrix.from_columns([list(x) for x in self.xs or (self.x,)])

    @property
    def Y(self) -> Optional[Matrix]:
        """The targets, one example per column (None for a forward pass)."""
        return Matrix.from_columns([list(y) for y in self.ys or (self.y,) if y is not None]) if self.y is not None else None

    def trace(self) -> Trace:
        """The Rechenweg of the exercise: every value computed by the core."""
        return trace(self.net, self.X, self.Y, self.loss, self.eta)


def _example(text: str, what: str, k: int, batch: bool, exact: bool, m: int, expected: str) -> List[Scalar]:
    """One input or target line, checked against the m neurons it must fill."""
    name = f"{what} {k + 1}" if batch else what
    values = parse_vector(text, name, exact)
    if len(values) != m:
        raise ExerciseError(f"{name} has {len(values)} values, but " + expected.format(m=m))
    return values


def _network(ex: Exercise) -> Network:
    L = ex.L
    if L == 0:
        raise ExerciseError("no network: give W1 and b1 (and W2, b2, … for more layers)")
    for k in range(1, L + 1):
        for kind, table in (("W", ex.weights), ("b", ex.biases)):
            if k not in table:
                raise ExerciseError(f"{kind}{k} is missing: every layer 1..{L} needs W and b")
    if not ex.act:
        raise ExerciseError("act is missing: name the activation of each layer, e.g. 'act = sigmoid, softmax'")
    names = [n.strip() for n in ex.act.split(",") if n.strip()]
    if len(names) == 1:
        names = names * L
    if len(names) != L:
        raise ExerciseError(f"act names {len(names)} activations for {L} layers: one per layer, or one for all")
    layers: List[Layer] = []
    for k in range(1, L + 1):
        W = Matrix(parse_matrix(ex.weights[k], f"W{k}", ex.exact))
        b = parse_vector(ex.biases[k], f"b{k}", ex.exact)
        if len(b) != W.n_rows:
            raise ExerciseError(f"b{k} has {len(b)} entries, but W{k} has {W.n_rows} rows: one bias per neuron")
        if layers and W.n_cols != layers[-1].n_neurons:
            raise ExerciseError(
                f"W{k} has {W.n_cols} columns, but W{k - 1} has {layers[-1].n_neurons} rows: "
                f"W{k} needs one column per neuron of layer {k - 1}"
            )
        try:
            sigma = activations.get(names[k - 1])
        except ValueError as e:
            raise ExerciseError(f"act, layer {k}: {e}") from None
        layers.append(Layer(W, Matrix.column(b), sigma))
    return Network(layers)
