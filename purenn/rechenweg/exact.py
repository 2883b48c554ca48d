"""Exact arithmetic for hand calculations: numbers as typed, and Fractions throughout.

'Woche 10 Theorie: Neuronale Netzwerke & die Mathe' computes a neuron by hand:
5·0.2 + 2·0.1 + 4·0.25 = 2.2, then 2.2 + 1 = 3.2. With binary floats such
sums can come out as 2.2000000000000002. Typed into purenn as fractions —
``Fraction("0.2")`` is exactly 1/5 — every linear step (products, sums, the
matrix product W·a + b, the gradients δ·a and the update w − η·∂E/∂w) stays
exact, because ``Matrix`` keeps int and Fraction entries exact.

The non-linear steps (σ, e^x, ln, softmax) cannot be exact: they are computed
in float; ``purenn.rechenweg.display`` shows them rounded, marked with ≈.

>>> parse_scalar("0.2", exact=True)
Fraction(1, 5)
>>> exact_matrix(Matrix([[0.1, 2]])).tolist()
[[Fraction(1, 10), Fraction(2, 1)]]
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from typing import List

from purenn import validation
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.scalars import Scalar, is_number

__all__ = ["parse_scalar", "parse_matrix", "parse_vector", "to_fraction", "exact_matrix", "exact_network",
           "is_exact"]

# A number as typed: "3", "-0.25", ".5", "1e-3", or a fraction "1/3", "-2/7".
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?\d+/\d+$")


def parse_scalar(text: str, exact: bool = False, where: str = "") -> Scalar:
    """The number typed as ``text``: a Fraction when ``exact``, else a float.

    Accepts decimals ("0.25", "-1", "1e-3") and fractions ("1/3"); the
    typographic minus "−" of the slides counts as "-". ``where`` names the
    place for the error message (e.g. "--W1, row 2").

    >>> parse_scalar("-0.25"), parse_scalar("1/3", exact=True), parse_scalar("−1", exact=True)
    (-0.25, Fraction(1, 3), Fraction(-1, 1))
    >>> parse_scalar("zwei", where="--input")
    Traceback (most recent call last):
    ...
    ValueError: --input: 'zwei' is not a number
    """
    cleaned = text.strip().replace("\u2212", "-")
    prefix = f"{where}: " if where else ""
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{prefix}{text.strip()!r} is not a number")
    validation.typed_number(cleaned, where or "number")  # "1e99999999" would take minutes to read
    try:
        q = Fraction(cleaned)
    except ZeroDivisionError:
        raise ValueError(f"{prefix}{text.strip()!r} divides by zero") from None
    if exact:
        return q
    try:
        return float(q)
    except OverflowError:
        raise ValueError(
            f"{prefix}{text.strip()!r} is too large for a float (at most about 1.8e308); "
            f"exact mode (--exact) computes with it exactly"
        ) from None


# -- matrices and vectors as typed: "2,1;1,2;0.5,3" ---------------------------------------


def _entries(row: str) -> List[str]:
    return [e for e in re.split(r"[,\s]+", row.strip()) if e]


def _rows(text: str, what: str) -> List[List[str]]:
    rows = text.strip().split(";")
    if len(rows) > 1 and not rows[-1].strip():
        rows.pop()  # "2,1;1,2;" — a trailing ';' ends the last row
    if not text.strip():
        raise ValueError(f"{what} is empty")
    out = []
    for k, row in enumerate(rows, start=1):
        entries = _entries(row)
        if not entries:
            raise ValueError(f"{what}: row {k} is empty")
        out.append(entries)
    return out


def parse_matrix(text: str, what: str = "matrix", exact: bool = False) -> List[List[Scalar]]:
    """The rows of a matrix typed as ``"2,1;1,2;0.5,3"`` (``;`` between rows, ``,``/spaces in a row).

    ``what`` names it in an error message (``--W1``, ``W1`` in an exercise file).

    >>> parse_matrix("2 1; 1 2; 0.5 3")
    [[2.0, 1.0], [1.0, 2.0], [0.5, 3.0]]
    >>> parse_matrix("0.2, 1/3", exact=True)
    [[Fraction(1, 5), Fraction(1, 3)]]
    """
    rows = _rows(text, what)
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            n = len(row)
            raise ValueError(
                f"{what}: row {k} has {n} entr{'y' if n == 1 else 'ies'}, row 1 has {len(rows[0])}"
            )
    return [
        [parse_scalar(v, exact, f"{what}: row {i}, entry {j}" if len(rows) > 1 else f"{what}: entry {j}")
         for j, v in enumerate(row, start=1)]
        for i, row in enumerate(rows, start=1)
    ]


def parse_vector(text: str, what: str = "vector", exact: bool = False) -> List[Scalar]:
    """The entries of a vector typed as ``"-1,0,-0.25"`` (or as a column ``"-1;0;-0.25"``).

    >>> parse_vector("-1, 0, -0.25"), parse_vector("1;2")
    ([-1.0, 0.0, -0.25], [1.0, 2.0])
    """
    rows = _rows(text, what)
    if len(rows) == 1:
        entries = rows[0]
    elif all(len(r) == 1 for r in rows):
        entries = [r[0] for r in rows]
    else:
        raise ValueError(
            f"{what} is one list of numbers, separated by ',' — got {len(rows)} rows "
            f"separated by ';'"
        )
    return [parse_scalar(v, exact, f"{what}: entry {j}") for j, v in enumerate(entries, start=1)]


def to_fraction(value: Scalar) -> Fraction:
    """The exact value of a number; a float becomes the decimal it prints as.

    ``Fraction(0.1)`` would be 3602879701896397/36028797018963968, the binary
    value of the float; a network file that says 0.1 means 1/10, so a float is
    read through its shortest repr.

    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(1, 3))
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no exact value")
        return Fraction(repr(value))
    return Fraction(value)


def exact_matrix(M: Matrix) -> Matrix:
    """M with every entry as a Fraction (see ``to_fraction``)."""
    return M.map(to_fraction)


def exact_network(net: Network) -> Network:
    """A copy of ``net`` whose weights and biases are Fractions, for exact linear steps."""
    return Network(
        [Layer(exact_matrix(layer.W), exact_matrix(layer.b), layer.activation) for layer in net.layers]
    )


def is_exact(value: Scalar) -> bool:
    """True for int and Fraction: a value that is not a rounded float."""
    return is_number(value) and not isinstance(value, float)
