"""Checking what comes in: numbers, vectors, (input, target) data, η — written once.

Every boundary of purenn — ``Network.forward``/``backward``/``step``,
``train``, a model file, the course's .npz weights, a number typed on the
command line — checks what it is given here, before anything changes. A bad
value gets one sentence that says where it is and what was expected:
a ``TypeError`` for something that is not a number, a ``ValueError`` for a
number that cannot be used (NaN, ±∞, a wrong count, a negative η).

NaN and infinity are refused everywhere: a single NaN makes every number
computed from it NaN, so it is reported where it came in, with its position.

The common case stays cheap: a flat list of ints and floats is checked with
C-level loops (``set(map(type, v))`` and one ``sum``) and handed back as it is.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from purenn.losses import CrossEntropy, Loss
from purenn.matrix import Matrix
from purenn.scalars import Scalar, describe, is_number

__all__ = [
    "CheckedVector",
    "number",
    "finite_matrix",
    "vector",
    "columns",
    "data",
    "eta",
    "loss_targets",
    "typed_number",
    "exact_size",
    "MAX_EXACT_BITS",
    "MAX_TYPED_DIGITS",
    "MAX_TYPED_EXPONENT",
]

_PLAIN = {float, int}


class CheckedVector(Sequence[float]):
    """A vector whose numbers were checked when it was made; ``vector`` takes it as it is, uncopied.

    ``purenn.io.mnist.Pixels`` (a digit's grey values, read from its file) is one.
    """

    __slots__ = ()

#: A typed number may have at most this many digits (a longer one takes minutes to show exactly).
MAX_TYPED_DIGITS = 50
#: … and an exponent of at most this size: 1e308 is about the largest float.
MAX_TYPED_EXPONENT = 400


def number(value: object, where: str) -> Scalar:
    """``value`` if it is a finite real number; else a TypeError or ValueError naming ``where``."""
    if not is_number(value):
        raise TypeError(f"{where} must be a number, got {describe(value)}")
    if not _finite(value):
        raise ValueError(f"{where} is {_shown(value)}: {_FINITE}")
    return value  # type: ignore[return-value]


def finite_matrix(M: Matrix, what: str) -> None:
    """Every entry of M is finite; else a ValueError with the first bad entry's position [i, j]."""
    for i, row in enumerate(M.rows):
        if not _plain_and_finite(row):
            for j, v in enumerate(row):
                if not _finite(v):
                    raise ValueError(f"{what} entry [{i}, {j}] is {_shown(v)}: {_FINITE}")


_FINITE = "only finite numbers that fit into a float can be used"
_FLOAT_MAX = 1.7976931348623157e308


def _finite(v: Any) -> bool:
    """NaN and ±∞ are not; nor is an int beyond the largest float (it would overflow in W·a)."""
    if isinstance(v, float):
        return math.isfinite(v)
    return not isinstance(v, int) or -_FLOAT_MAX <= v <= _FLOAT_MAX


def _plain_and_finite(values: Sequence[Any]) -> bool:
    """True if all values are ints and floats with a finite sum — then every one is finite.

    Two C-level loops; anything else (a Fraction, NaN, a sum that overflows) goes to the slow check.
    """
    if not set(map(type, values)) <= _PLAIN:
        return False
    try:
        return math.isfinite(sum(values))
    except OverflowError:  # an int too large for a float
        return False


def _finite_values(values: Sequence[Any], what: str) -> None:
    for i, e in enumerate(values):
        if not is_number(e):
            raise TypeError(f"{what} value {i} must be a number, got {describe(e)}")
        if not _finite(e):
            raise ValueError(f"{what} value {i} is {_shown(e)}: {_FINITE}")


def vector(v: Any, n: int, what: str, expected: str, german: Optional[str] = None) -> Sequence[Scalar]:
    """One example of ``n`` numbers as a list: a list, a tuple, an n×1 Matrix or ``[[1], [0]]``.

    A list of ints and floats comes back as it is, not copied. A wrong count
    says "{what} has 3 values, but {expected}"; ``german`` names the values
    for the course code's own message in front ("Falsche Anzahl an Input-Werten übergeben").
    """
    values: Sequence[Scalar]
    if isinstance(v, CheckedVector) or (type(v) is list and _plain_and_finite(v)):
        values = v  # the common cases, a digit's pixels or a flat list of finite numbers: kept as they are
    elif isinstance(v, Matrix):
        if v.n_cols != 1:
            raise ValueError(f"{what} must be one column, got a {v.n_rows}×{v.n_cols} matrix")
        values = v.flat()
    elif isinstance(v, (str, bytes)):
        raise TypeError(f"{what} must be a list of numbers, got {describe(v)}")
    else:
        try:
            # also accept a tuple, and a column written as nested lists, [[1], [0]]
            values = [e[0] if isinstance(e, (list, tuple)) and len(e) == 1 else e for e in v]
        except TypeError:
            raise TypeError(f"{what} must be a list of numbers, got {describe(v)}") from None
    if len(values) != n:
        raise ValueError(_count_message(len(values), what, expected, german))
    if values is not v:
        _finite_values(values, what)
    return values


def _count_message(found: int, what: str, expected: str, german: Optional[str]) -> str:
    prefix = f"Falsche Anzahl an {german} übergeben: " if german else ""
    return f"{prefix}{what} has {found} value{'' if found == 1 else 's'}, but {expected}"


def columns(x: Any, n: int, what: str, expected: str, german: Optional[str] = None) -> Matrix:
    """x as a matrix with one example per column and ``n`` rows: a Matrix, nested rows, or one list of numbers."""
    if isinstance(x, Matrix):
        X = x
    elif isinstance(x, (str, bytes)):
        raise TypeError(f"the {what} must be numbers, got {describe(x)}")
    else:
        try:
            values = list(x)
        except TypeError:
            raise TypeError(f"the {what} must be numbers, got {describe(x)}") from None
        if values and all(isinstance(v, (list, tuple)) for v in values):
            X = Matrix(values)  # nested rows, e.g. [[1], [0]]
        else:
            for i, v in enumerate(values):
                if not is_number(v):
                    raise TypeError(f"{what} value {i} must be a number, got {describe(v)}")
            if not values:
                raise ValueError(f"the {what} is empty, but {expected}")
            X = Matrix._trusted([[v] for v in values])
    if X.n_rows != n:
        raise ValueError(_count_message(X.n_rows, f"the {what}", expected, german))
    finite_matrix(X, f"the {what}")
    return X


def data(pairs_in: Any, n_in: int, n_out: int, L: int, name: str) -> Tuple[List[Sequence[Scalar]], List[Sequence[Scalar]]]:
    """The inputs and targets of a list of (input, target) pairs, every number checked once.

    Flat lists of ints and floats are handed back as they are (no copy).
    """
    if pairs_in is None or isinstance(pairs_in, (str, bytes)):
        raise TypeError(f"{name} must be a list of (input, target) pairs, got {describe(pairs_in)}")
    try:
        pairs = pairs_in if type(pairs_in) is list else list(pairs_in)
    except TypeError:
        raise TypeError(f"{name} must be a list of (input, target) pairs, got {describe(pairs_in)}") from None
    if not pairs:
        raise ValueError(f"{name} is empty: training needs at least one (input, target) pair")
    xs: List[Sequence[Scalar]] = []
    ys: List[Sequence[Scalar]] = []
    for k, pair in enumerate(pairs):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise TypeError(f"{name}[{k}] must be an (input, target) pair, got {describe(pair)}")
        xs.append(vector(pair[0], n_in, f"{name}[{k}] input", f"layer 0 has {n_in} neurons", "Input-Werten"))
        ys.append(vector(pair[1], n_out, f"{name}[{k}] target", f"layer {L} has {n_out} neurons",
                         "erwarteten Output-Werten"))
    return xs, ys


def eta(value: object) -> None:
    """The learning rate η must be a positive finite number."""
    if not is_number(value):
        raise TypeError(f"the learning rate eta must be a number, got {describe(value)}")
    if not (value > 0 and math.isfinite(value)):  # type: ignore[operator, arg-type]
        raise ValueError(f"the learning rate eta must be a positive finite number, got {value!r}")


def loss_targets(C: Loss, ys: Sequence[Sequence[Scalar]], name: str) -> None:
    """The targets loss C can take: cross-entropy's are probabilities, 0 ≤ y_j ≤ 1.

    A negative y_j would make C = −Σ y_j ln a_j negative; the squared errors take any finite target.
    """
    if not isinstance(C, CrossEntropy):
        return
    for k, y in enumerate(ys):
        if min(y) >= 0 and max(y) <= 1:
            continue
        j = next(j for j, v in enumerate(y) if not 0 <= v <= 1)
        where = f"{name}[{k}] target" if len(ys) > 1 or name != "target" else "target"
        raise ValueError(
            f"{where} value {j} is {y[j]!r}: cross-entropy needs targets between 0 and 1 "
            f"(probabilities, e.g. one-hot [0, 1, 0]); use squared_error for other targets"
        )


#: Exact training stops when a Fraction's denominator has more bits than this (about 6,000 digits).
MAX_EXACT_BITS = 20_000


def exact_size(layers: Sequence[Any], where: str) -> None:
    """Exact weights whose fractions have grown too long to compute with in reasonable time.

    Each exact SGD step multiplies the denominators: a 2-2-1 network's grow
    about ninefold in bits per epoch, and step 10 would take minutes.
    """
    bits = max(
        (v.denominator.bit_length() for layer in layers for M in (layer.W, layer.b) for row in M.rows
         for v in row if isinstance(v, Fraction)),
        default=0,
    )
    if bits > MAX_EXACT_BITS:
        raise ValueError(
            f"exact training stopped {where}: the fractions of the weights have denominators of "
            f"{bits} bits (about {int(bits * 0.30103)} digits) and each step multiplies them; "
            f"exact arithmetic is for a few steps by hand — train with floats for more"
        )


# The exponent of a typed number: "1e-3" → "-3".
_EXPONENT = re.compile(r"[eE]([+-]?\d+)$")


def typed_number(text: str, where: str) -> None:
    """A typed number must not be so long or so large that reading or showing it takes minutes.

    ``Fraction("1e99999999")`` would compute a number with 100 million digits;
    at most MAX_TYPED_DIGITS digits and an exponent of at most MAX_TYPED_EXPONENT are accepted.
    """
    cleaned = text.strip()
    if len(cleaned) > MAX_TYPED_DIGITS + 20:
        raise ValueError(f"{where}: {_shown(cleaned)} is {len(cleaned)} characters long; a number may have "
                         f"at most {MAX_TYPED_DIGITS} digits")
    match = _EXPONENT.search(cleaned)
    exponent = match.group(1).lstrip("+-").lstrip("0") if match else ""
    if len(exponent) > 4 or int(exponent or "0") > MAX_TYPED_EXPONENT:
        raise ValueError(
            f"{where}: {_shown(cleaned)} is too large or too small: the exponent may be at most "
            f"±{MAX_TYPED_EXPONENT} (floats reach about 1.8e308)"
        )
    digits = sum(ch.isdigit() for ch in (cleaned[: match.start()] if match else cleaned))
    if digits > MAX_TYPED_DIGITS:
        raise ValueError(
            f"{where}: {_shown(cleaned)} has {digits} digits; at most {MAX_TYPED_DIGITS} are accepted"
        )


def _shown(value: object) -> str:
    """The repr of a value (a typed text, a number) for a message, cut to 30 characters."""
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."
