"""The kinds of number a matrix entry may be.

Entries are ``int``, ``float`` or ``fractions.Fraction``. Sums and products of
ints and Fractions stay exact, which is how purenn reproduces the documents'
worked examples digit for digit (5·0.2 + 2·0.1 + 4·0.25 + 1 = 3.2 exactly,
'Woche 10 Theorie: Neuronale Netzwerke & die Mathe'); a single float turns a
result into a float, as ``statistics`` and ``fractions`` in the standard
library do.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Real
from typing import Sequence, Union

__all__ = ["Scalar", "is_number", "is_finite", "describe", "argmax"]

#: One matrix entry.
Scalar = Union[int, float, Fraction]


def is_number(value: object) -> bool:
    """True for int, float, Fraction and other real numbers, False for bool and str.

    >>> is_number(0.5), is_number(Fraction(1, 5)), is_number(True), is_number("1")
    (True, True, False, False)
    """
    return isinstance(value, Real) and not isinstance(value, bool)


def is_finite(value: Scalar) -> bool:
    """False for NaN and ±inf; exact numbers are always finite."""
    return not isinstance(value, float) or math.isfinite(value)


def describe(value: object) -> str:
    """A short description of a value for error messages: its repr and type."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def argmax(values: Sequence[Scalar]) -> int:
    """The position of the largest value, the first on a tie: the class a network picks.

    >>> argmax([0.1, 0.7, 0.2])
    1
    """
    if not values:
        raise ValueError("argmax of an empty vector: there is no largest entry")
    return max(range(len(values)), key=values.__getitem__)
