"""The student's answers: ``name = value`` lines, and how precisely each value is given.

::

    # Antworten zu aufgabe.txt
    z1_1 = 2.4
    a¹₁ = 0,9168          # German decimal comma
    delta2_2 = -2.761e-1
    E = 1/3

A value may be a decimal with point or comma, an integer, a fraction
``p/q`` or in ``e``-notation; a leading ``≈`` or ``=`` and the typographic
minus ``−`` are accepted. Each value remembers its *precision*: the unit of
its last digit (``0.9168`` → 0.0001, ``2.761e-1`` → 0.0001, ``3`` → 1) and
its number of significant digits; a fraction is exact.

>>> a = parse("a¹₁ = 0,9168\\nE = 1/3")
>>> [(x.name, x.value, x.unit, x.significant) for x in a]
[('a¹₁', Fraction(573, 625), Fraction(1, 10000), 4), ('E', Fraction(1, 3), None, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import List, Optional

from purenn import validation

__all__ = ["Answer", "AnswerError", "parse", "read", "parse_value"]

_DECIMAL = re.compile(r"^([+-]?)(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d+))?$")
_FRACTION = re.compile(r"^([+-]?\d+)/(\d+)$")
_LINE = re.compile(r"^\s*([^=:]+?)\s*[=:]\s*(.*?)\s*$")


class AnswerError(ValueError):
    """An answer file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Answer:
    """One answer: the name and value as typed, the value exactly, and its precision.

    ``unit`` is the unit of the last digit given (None for a fraction, which
    is exact); ``significant`` the number of significant digits (None for a
    fraction). ``line`` is the line number in the answer file.
    """

    name: str
    text: str
    value: Fraction
    unit: Optional[Fraction]
    significant: Optional[int]
    line: int = 0


def parse_value(text: str, where: str = "") -> "tuple[Fraction, Optional[Fraction], Optional[int]]":
    """(value, unit of the last digit, significant digits) of a typed number.

    >>> parse_value("-0,0211"), parse_value("2.5e-3")
    ((Fraction(-211, 10000), Fraction(1, 10000), 3), (Fraction(1, 400), Fraction(1, 10000), 2))
    """
    cleaned = text.strip().lstrip("≈=~").strip().replace("\u2212", "-").replace(" ", "")
    prefix = f"{where}: " if where else ""
    try:
        validation.typed_number(cleaned, where or "answer")  # "1e99999999" would take minutes
    except ValueError as error:
        raise AnswerError(str(error)) from None
    fraction = _FRACTION.match(cleaned)
    if fraction:
        if int(fraction.group(2)) == 0:
            raise AnswerError(f"{prefix}{text.strip()!r} divides by zero")
        return Fraction(int(fraction.group(1)), int(fraction.group(2))), None, None
    match = _DECIMAL.match(cleaned)
    if match is None or not (match.group(2) or match.group(3)):
        raise AnswerError(
            f"{prefix}{text.strip()!r} is not a number (write e.g. 0.25, 0,25, 1/4 or 2.5e-1)"
        )
    sign, whole, frac, exponent = match.group(1), match.group(2) or "", match.group(3) or "", match.group(4)
    e = int(exponent) if exponent else 0
    value = Fraction(int(whole + frac or "0"), 10 ** len(frac)) * Fraction(10) ** e
    if sign == "-":
        value = -value
    digits = (whole + frac).lstrip("0")
    return value, Fraction(10) ** (e - len(frac)), len(digits)


def parse(text: str, name: str = "answers") -> List[Answer]:
    """The answers in ``text``, in the order written; ``name`` (the file name) starts every error."""
    answers: List[Answer] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{name}, line {number}"
        match = _LINE.match(line)
        if match is None or not match.group(2):
            raise AnswerError(f"{where}: expected 'name = value', e.g. 'z1_2 = 2.9', got {line!r}")
        value, unit, significant = parse_value(match.group(2), where)
        answers.append(Answer(match.group(1).strip(), match.group(2).strip(), value, unit, significant, number))
    return answers


def read(path: "str | Path") -> List[Answer]:
    """The answers in the file at ``path``."""
    p = Path(path)
    if not p.is_file():
        raise AnswerError(f"answer file not found: {path}")
    return parse(p.read_text(encoding="utf-8"), p.name)
