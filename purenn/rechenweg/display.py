"""How a number is shown in a Rechenweg: in full when exact, rounded and marked ≈ when not.

* an exact value (int or Fraction) whose decimal expansion terminates is
  written out in full: 16/5 → ``3.2``, 1/8 → ``0.125``;
* any other exact value is written as a fraction: 1/3 → ``1/3``;
* a float is rounded to ``decimals`` places, trailing zeros dropped; it
  counts as exact ("=") only if the rounded text is the float itself up to
  the last bits of binary rounding (2.4000000000000004 → ``2.4``, "="),
  otherwise it is marked "≈" (0.91682… → ``0.9168``).

>>> show(Fraction(16, 5)).plain(), show(Fraction(1, 3)).plain(), show(0.916827).plain()
('3.2', '1/3', '0.9168')
>>> relation(Fraction(16, 5)), relation(0.916827)
('=', '≈')
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Tuple

from purenn.scalars import Scalar, is_number

__all__ = [
    "DEFAULT_DECIMALS", "MAX_DECIMALS", "THIN_SPACE", "terminates", "decimal_text", "grouped", "Shown", "show",
    "relation", "check_decimals",
]

#: Decimals shown for a rounded (≈) value unless the user asks for others.
DEFAULT_DECIMALS = 4
#: More decimals than a float holds would only show binary noise.
MAX_DECIMALS = 15

#: Relative difference below which a float counts as the decimal it is shown as:
#: binary rounding of a few additions, not a rounded-off digit.
_FLOAT_NOISE = 1e-12


#: Between groups of three digits (31 810): a thin space, never a dot, which reads as the decimal point.
THIN_SPACE = "\u2009"


def grouped(n: int, sep: str = THIN_SPACE) -> str:
    r"""A whole number as the documents write it: 1 430 128 in groups of three, from 10 000 on; 4500 as it is.

    ``sep`` goes between the groups: a thin space, or ``\,`` in LaTeX.

    >>> grouped(1430128, " "), grouped(4500, " "), grouped(31810, r"\,"), grouped(-12345, " ")
    ('1 430 128', '4500', '31\\,810', '-12 345')
    """
    digits = str(abs(n))
    if len(digits) > 4:
        digits = f"{abs(n):,}".replace(",", sep)
    return ("-" if n < 0 else "") + digits


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
