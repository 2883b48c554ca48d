"""Exact arithmetic for hand calculations, and how a number is shown in a Rechenweg.

'Woche 10 Theorie: Neuronale Netzwerke & die Mathe' computes a neuron by hand:
5·0.2 + 2·0.1 + 4·0.25 = 2.2, then 2.2 + 1 = 3.2. With binary floats such
sums can come out as 2.2000000000000002. Typed into purenn as fractions —
``Fraction("0.2")`` is exactly 1/5 — every linear step (products, sums, the
matrix product W·a + b, the gradients δ·a and the update w − η·∂E/∂w) stays
exact, because ``Matrix`` keeps int and Fraction entries exact.

The non-linear steps (σ, e^x, ln, softmax) cannot be exact: they are computed
in float and shown rounded to a chosen number of decimals, marked with ≈.

How a value is shown (``show``):

* an exact value (int or Fraction) whose decimal expansion terminates is
  written out in full: 16/5 → ``3.2``, 1/8 → ``0.125``;
* any other exact value is written as a fraction: 1/3 → ``1/3``;
* a float is rounded to ``decimals`` places, trailing zeros dropped; it
  counts as exact ("=") only if the rounded text is the float itself up to
  the last bits of binary rounding (2.4000000000000004 → ``2.4``, "="),
  otherwise it is marked "≈" (0.91682… → ``0.9168``).

>>> parse_scalar("0.2", exact=True)
Fraction(1, 5)
>>> show(Fraction(16, 5)).plain(), show(Fraction(1, 3)).plain(), show(0.916827).plain()
('3.2', '1/3', '0.9168')
>>> relation(Fraction(16, 5)), relation(0.916827)
('=', '≈')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Tuple

from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.scalars import Scalar, is_number

__all__ = [
    "DEFAULT_DECIMALS",
    "MAX_DECIMALS",
    "parse_scalar",
    "to_fraction",
    "exact_matrix",
    "exact_network",
    "is_exact",
    "terminates",
    "decimal_text",
    "Shown",
    "show",
    "relation",
    "check_decimals",
]

#: Decimals shown for a rounded (≈) value unless the user asks for others.
DEFAULT_DECIMALS = 4
#: More decimals than a float holds would only show binary noise.
MAX_DECIMALS = 15

#: Relative difference below which a float counts as the decimal it is shown as:
#: binary rounding of a few additions, not a rounded-off digit.
_FLOAT_NOISE = 1e-12

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
    try:
        q = Fraction(cleaned)
    except ZeroDivisionError:
        raise ValueError(f"{prefix}{text.strip()!r} divides by zero") from None
    return q if exact else float(q)


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


def terminates(q: Fraction) -> bool:
    """True if q has a finite decimal expansion: its denominator is 2^a·5^b.

    >>> terminates(Fraction(16, 5)), terminates(Fraction(1, 3))
    (True, False)
    """
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_text(q: Fraction) -> str:
    """The full decimal expansion of a terminating fraction, without a sign.

    >>> decimal_text(Fraction(-16, 5)), decimal_text(Fraction(1, 8)), decimal_text(Fraction(25))
    ('3.2', '0.125', '25')
    """
    if not terminates(q):
        raise ValueError(f"{q} has no finite decimal expansion")
    q = abs(q)
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    digits = str((q * 10**places).numerator).rjust(places + 1, "0")
    if places == 0:
        return digits
    return f"{digits[:-places]}.{digits[-places:]}"


@dataclass(frozen=True)
class Shown:
    """A number as it appears in a Rechenweg.

    ``digits`` is the magnitude as a decimal ("3.2"), or ``fraction`` the
    magnitude as (numerator, denominator) when the value is an exact fraction
    without a finite decimal expansion. ``exact`` says whether the shown
    number is the value itself ("=") or rounded ("≈").
    """

    negative: bool
    digits: str
    fraction: Optional[Tuple[int, int]]
    exact: bool

    def plain(self) -> str:
        """ASCII text: "-3.2", "1/3"."""
        sign = "-" if self.negative else ""
        if self.fraction is not None:
            return f"{sign}{self.fraction[0]}/{self.fraction[1]}"
        return sign + self.digits


def show(value: Scalar, decimals: int = DEFAULT_DECIMALS) -> Shown:
    """How ``value`` is written: exact in full, a float rounded to ``decimals``.

    >>> show(Fraction(-1, 3))
    Shown(negative=True, digits='', fraction=(1, 3), exact=True)
    >>> show(2.4000000000000004), show(-0.00001)
    (Shown(negative=False, digits='2.4', fraction=None, exact=True), Shown(negative=False, digits='0', fraction=None, exact=False))
    """
    if isinstance(value, bool) or not is_number(value):
        raise TypeError(f"cannot show {value!r} as a number")
    if isinstance(value, float):
        return _show_float(value, decimals)
    q = Fraction(value)
    if terminates(q):
        return Shown(q < 0, decimal_text(q), None, True)
    return Shown(q < 0, "", (abs(q.numerator), q.denominator), True)


def _show_float(v: float, decimals: int) -> Shown:
    if not math.isfinite(v):
        return Shown(v < 0, "∞" if math.isinf(v) else "NaN", None, False)
    text = f"{abs(v):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    negative = v < 0 and text != "0"
    shown_value = float(text) * (-1 if negative else 1)
    exact = math.isclose(shown_value, v, rel_tol=_FLOAT_NOISE, abs_tol=_FLOAT_NOISE * 1e-3)
    return Shown(negative, text, None, exact)


def relation(value: Scalar, decimals: int = DEFAULT_DECIMALS) -> str:
    """"=" if ``value`` is shown exactly, "≈" if it is shown rounded."""
    return "=" if show(value, decimals).exact else "≈"


def check_decimals(decimals: object) -> int:
    """``decimals`` if it is a whole number 0..MAX_DECIMALS, else a ValueError saying so."""
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(
            f"--decimals must be a whole number from 0 to {MAX_DECIMALS}, got {decimals!r}"
        )
    return decimals
