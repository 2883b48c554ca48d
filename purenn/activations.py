"""Activation functions σ and their derivatives σ', applied to a whole Matrix.

Each activation is called like the course code calls its functions
('Künstliche Intelligenz selbst gemacht', Ableitungen der Aktivierungsfunktionen)::

    sigmoid(z)                   # a = σ(z)
    sigmoid(z, derivative=True)  # σ'(z)

and can be given to a layer directly (``Layer(W, b, activation=relu)``) or by
its name (``activations.get("relu")``), which is how files and the command
line refer to it.

All activations but softmax act on each entry alone. Softmax acts on each
column (one example) as a whole: every s_i depends on every z_j.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from purenn.matrix import Matrix
from purenn.scalars import Scalar

__all__ = [
    "Activation",
    "Softmax",
    "sigmoid",
    "relu",
    "relu_with",
    "relu_heaviside",
    "leaky_relu",
    "tanh",
    "identity",
    "softmax",
    "softmax_jacobian",
    "get",
    "NAMES",
]

Elementwise = Callable[[float], float]


@dataclass(frozen=True)
class Activation:
    """An activation function σ with its derivative σ', both entry by entry.

    ``name`` is how files and the command line refer to it.
    """

    name: str
    f: Elementwise = field(repr=False)
    df: Elementwise = field(repr=False)

    def __call__(self, z: Matrix, derivative: bool = False) -> Matrix:
        """σ(z), or σ'(z) with ``derivative=True``, for every entry of z.

        Slides: Parameter, Matrizen, KI — ``purenn formulas`` [activation, activation_derivative]
        """
        return z.map(self.df if derivative else self.f)

    def backward(self, z: Matrix, dC_da: Matrix) -> Matrix:
        """δ = ∂C/∂a ⊙ σ'(z): the step from ∂C/∂a^l to δ^l ('Matrizen in Neuronalen Netzen' §3.6).

        Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung 6 — ``purenn formulas`` [delta]
        """
        return dC_da.hadamard(self(z, derivative=True))


# -- sigmoid ----------------------------------------------------------------


def _sigmoid(x: float) -> float:
    """σ(x) = 1 / (1 + e^(−x)) ('Matrizen in Neuronalen Netzen' §2.3).

    Written in two branches so that e^(−x) never overflows for large |x|.

    Slides: 'Matrizen' §2.3, 'KI selbst gemacht' — ``purenn formulas`` [sigmoid]
    """
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _sigmoid_derivative(x: float) -> float:
    """σ'(x) = σ(x) · (1 − σ(x)) ('Matrizen in Neuronalen Netzen' §3.4).

    Slides: 'Matrizen' §3.4, 'KI selbst gemacht' Gleichung 3 — ``purenn formulas`` [sigmoid_derivative]
    """
    s = _sigmoid(x)
    return s * (1.0 - s)


#: σ(z) = 1 / (1 + e^(−z)) — 'Künstliche Intelligenz selbst gemacht', Aktivierungsfunktionen.
sigmoid = Activation("sigmoid", _sigmoid, _sigmoid_derivative)


# -- ReLU -------------------------------------------------------------------


def _relu(x: Scalar) -> Scalar:
    """ReLU(x) = max(0, x) ('Woche 10 Theorie'; 'Künstliche Intelligenz selbst gemacht').

    Exact inputs stay exact: ReLU(Fraction(16, 5)) is Fraction(16, 5).

    Slides: 'Woche 10', 'KI selbst gemacht' — ``purenn formulas`` [relu]
    """
    return x if x > 0 else type(x)(0)


def _relu_derivative(x: Scalar) -> Scalar:
    """ReLU'(x) = 1 if x > 0, else 0 — including at x = 0, as the slide formula writes it.

    'Künstliche Intelligenz selbst gemacht', Aktivierungsfunktionen: "1 wenn x > 0, 0 sonst".

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [relu_derivative]
    """
    return 1 if x > 0 else 0


def _heaviside_1(x: Scalar) -> Scalar:
    """ReLU'(x) as the course code computes it: ``numpy.heaviside(z, 1)``, so 1 at x = 0.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [relu_derivative]
    """
    return 1 if x >= 0 else 0


#: ReLU(z) = max(0, z), ReLU'(z) = 1 for z > 0 else 0 (0 at z = 0, as on the slide).
relu = Activation("relu", _relu, _relu_derivative)  # type: ignore[arg-type]

#: ReLU with ReLU'(0) = 1, as the course code differentiates it with ``numpy.heaviside(z, 1)``.
relu_heaviside = Activation("relu_heaviside", _relu, _heaviside_1)  # type: ignore[arg-type]


def relu_with(derivative_at_0: int = 0) -> Activation:
    """ReLU with the chosen value of ReLU'(0): 0 as on the slide (``relu``), 1 as in the course code.

    ReLU has no derivative at 0 (any value in [0, 1] is a subgradient), so
    both are valid; elsewhere they agree. A z of exactly 0 is rare with floats
    but common in exact exercises and with whole-number inputs.

    >>> relu_with(0) is relu, relu_with(1) is relu_heaviside, relu_heaviside.df(0), relu.df(0)
    (True, True, 1, 0)
    """
    if derivative_at_0 not in (0, 1) or isinstance(derivative_at_0, bool):
        raise ValueError(f"ReLU'(0) is 0 (slide) or 1 (course code), got {derivative_at_0!r}")
    return relu if derivative_at_0 == 0 else relu_heaviside


def leaky_relu_with(slope: float) -> Activation:
    """Leaky ReLU with the given slope α for z ≤ 0: max(αz, z), derivative 1 or α.

    The answer to the slides' question about the "Dying-Neuron-Problem"
    ('Künstliche Intelligenz selbst gemacht', Fragen): a small slope keeps a
    gradient flowing through neurons whose z is negative.

    >>> leaky_relu_with(0.1).name
    'leaky_relu(0.1)'
    """
    if not (isinstance(slope, (int, float)) and 0 <= slope < 1):
        raise ValueError(f"the leaky ReLU slope must be a number in [0, 1), got {slope!r}")
    name = "leaky_relu" if slope == 0.01 else f"leaky_relu({slope!r})"
    return Activation(
        name,
        lambda x: x if x > 0 else slope * x,
        lambda x: 1.0 if x > 0 else slope,
    )


#: Leaky ReLU with slope 0.01 for z ≤ 0; ``leaky_relu_with(α)`` for another slope.
leaky_relu = leaky_relu_with(0.01)


# -- tanh and identity ---------------------------------------------------------


def _tanh_derivative(x: float) -> float:
    """tanh'(x) = 1 − tanh²(x)."""
    t = math.tanh(x)
    return 1.0 - t * t


#: tanh(z), with derivative 1 − tanh²(z).
tanh = Activation("tanh", math.tanh, _tanh_derivative)


def _identity(x: Scalar) -> Scalar:
    """f(x) = x ('Künstliche Intelligenz selbst gemacht', Aktivierungsfunktionen anlegen).

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [identity]
    """
    return x


def _one(x: Scalar) -> Scalar:
    """f'(x) = 1 for every x ('Ableitungen der Aktivierungsfunktionen').

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [identity_derivative]
    """
    return 1


#: The identity f(z) = z with f'(z) = 1; for regression outputs and for exact hand calculations.
identity = Activation("identity", _identity, _one)  # type: ignore[arg-type]


# -- softmax ----------------------------------------------------------------


def _softmax_column(z: Sequence[float]) -> List[float]:
    """softmax*(z)_i = e^(z_i − max z) / Σ_j e^(z_j − max z).

    'Künstliche Intelligenz selbst gemacht', Numerisch stabiler Softmax:
    subtracting the largest z makes every exponent ≤ 0, so e^x ≤ 1 never
    overflows, and the result equals the plain softmax (the slide 'Beweis').

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [softmax_stable]
    """
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    return [v / total for v in e]


class Softmax(Activation):
    """Softmax over each column: s_i = e^(z_i) / Σ_j e^(z_j).

    Every s_i depends on every z_j, so σ' is not one number per entry but the
    Jacobian ∂s_i/∂z_j of each column (``jacobian``); ``backward`` goes
    through it. ``softmax(z, derivative=True)`` therefore refuses and says so.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [softmax]
    """

    def __init__(self) -> None:
        super().__init__("softmax", _softmax_scalar_error, _softmax_scalar_error)

    def __call__(self, z: Matrix, derivative: bool = False) -> Matrix:
        if derivative:
            raise ValueError(
                "softmax has no derivative entry by entry: ∂s_i/∂z_j is a Jacobian per column "
                "(equation III). Use softmax.jacobian(z) for one column, or "
                "softmax.backward(z, dC_da) for δ = Jᵀ · ∂C/∂a"
            )
        columns = [_softmax_column(c) for c in zip(*z.rows)]
        return Matrix._trusted(zip(*columns))

    def jacobian(self, z: Matrix) -> Matrix:
        """∂s_i/∂z_j = s_i · (1{i=j} − s_j) for one column z (equation III)."""
        return softmax_jacobian(z)

    def backward(self, z: Matrix, dC_da: Matrix) -> Matrix:
        """δ = Jᵀ · ∂C/∂a for each column, J the softmax Jacobian at that column's z.

        Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung III — ``purenn formulas`` [softmax_jacobian]
        """
        columns = []
        for z_col, g_col in zip(zip(*z.rows), zip(*dC_da.rows)):
            J = softmax_jacobian(Matrix.column(z_col))
            columns.append((J.T @ Matrix.column(g_col)).flat())
        return Matrix._trusted(zip(*columns))


def _softmax_scalar_error(x: float) -> float:
    raise TypeError("softmax acts on a whole column, not on a single number")


#: Numerically stable softmax, column by column ('Softmax-Aktivierungsfunktion').
softmax = Softmax()


def softmax_jacobian(z: Matrix) -> Matrix:
    """The n×n Jacobian of softmax for one column z: ∂s_i/∂z_j = s_i · (1{i=j} − s_j).

    'Künstliche Intelligenz selbst gemacht', Ableitung von Softmax, equation III.

    Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung III — ``purenn formulas`` [softmax_jacobian]

    >>> J = softmax_jacobian(Matrix.column([0.0, 0.0]))
    >>> J.tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    if z.n_cols != 1:
        raise ValueError(
            f"softmax_jacobian() takes one column (n×1), got a {z.n_rows}×{z.n_cols} matrix"
        )
    s = _softmax_column([float(r[0]) for r in z.rows])
    return Matrix._trusted(
        [[s_i * ((1.0 if i == j else 0.0) - s_j) for j, s_j in enumerate(s)] for i, s_i in enumerate(s)]
    )


# -- lookup by name -----------------------------------------------------------

_BY_NAME: Dict[str, Activation] = {
    a.name: a for a in (sigmoid, relu, relu_heaviside, leaky_relu, tanh, identity, softmax)
}

#: The names ``get`` understands (plus ``leaky_relu(α)`` for another slope).
NAMES = tuple(_BY_NAME)


def get(name: "str | Activation") -> Activation:
    """The activation called ``name``: one of NAMES, or ``leaky_relu(α)``.

    >>> get("relu") is relu, get("leaky_relu(0.2)").name
    (True, 'leaky_relu(0.2)')
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"an activation is given by its name, got {name!r}")
    key = name.strip().lower()
    if key in _BY_NAME:
        return _BY_NAME[key]
    slope = _leaky_slope(key)
    if slope is not None:
        return leaky_relu_with(slope)
    raise ValueError(
        f"unknown activation {name!r}; known: {', '.join(NAMES)}, leaky_relu(<slope>)"
    )


def _leaky_slope(key: str) -> Optional[float]:
    if key.startswith("leaky_relu(") and key.endswith(")"):
        try:
            return float(key[len("leaky_relu(") : -1])
        except ValueError:
            return None
    return None
