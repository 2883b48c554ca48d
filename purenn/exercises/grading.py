"""Grading a student's answers: ✓ or ✗, Folgefehler, the first wrong step, the typical slips.

The rules, as an exam is graded:

* **Rounding.** A value given with d decimals is right if it lies within half
  a unit of its last digit of the right value — that is, if it is the right
  value correctly rounded (0.9168 for 0.916827…). A fraction must be exact.
  A value with fewer than ``min_digits`` significant digits (default 2) is
  "too coarse" unless it is exactly right (0.9 for 0.9168 is not accepted,
  0.5 for 0.5 is).
* **Own rounded values.** A student who rounds a¹ and goes on with the
  rounded numbers may end a little off the exact chain; a value within one
  unit of its last digit of what the student's *own* earlier values give is
  right, too.
* **Folgefehler.** After a wrong value, later values are recomputed from the
  student's own values (``purenn.exercises.steps.follow``); one that is right
  *given the earlier mistake* is a Folgefehler, not a new error.
* **Slips.** A wrong value that equals what a typical slip gives
  (``purenn.exercises.slips``) is named.

``check(setup, answers)`` grades; ``purenn.exercises.texts.check_texts``
does the whole thing on texts.

>>> from purenn.exercises import answer_file, exercise_file
>>> ex = exercise_file.parse("W1 = 5 2 4\\nb1 = 1\\nact = relu\\ninput = 0.2 0.1 0.25\\nexact = yes\\n")
>>> g = check(Setup.from_exercise(ex), answer_file.parse("z1_1 = 3,2\\na1_1 = 3"))
>>> [v.status for v in g.verdicts], g.exit_code, g.summary("de")
(['right', 'coarse'], 1, '1 von 2 richtig, 1 zu grob gerundet')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Dict, List, Optional, Tuple

from purenn.exercises.answer_file import Answer, AnswerError
from purenn.exercises.answer_names import NameTable, Quantity, quantities
from purenn.exercises.setup import Setup
from purenn.exercises.slips import Slip, slip_values
from purenn.exercises.steps import Chain, depends_on, follow
from purenn.rechenweg.exact import to_fraction
from purenn.rechenweg.trace import Trace
from purenn.scalars import Scalar

__all__ = ["Verdict", "Unknown", "Grading", "right_value", "close", "check", "STATUSES", "DEFAULT_MIN_DIGITS"]

#: What a verdict can say.
STATUSES = ("right", "follow", "wrong", "coarse")

#: Fewer significant digits than this are too coarse, unless the value is exact.
DEFAULT_MIN_DIGITS = 2

#: Relative slack for a float's last bits (a fraction compared with a float).
_FLOAT_NOISE = Fraction(1, 10**9)


def right_value(t: Trace, q: Quantity) -> Scalar:
    """The value of ``q`` in the Rechenweg ``t`` — computed by the core."""
    k = 0 if q.k is None else q.k  # the column of example k in a mini-batch
    if q.kind == "z":
        return t.z(q.l)[q.i, k]
    if q.kind == "a":
        return t.a(q.l)[q.i, k]
    if q.kind == "E":
        assert t.loss is not None
        return t.loss.value
    if q.kind == "delta":
        return t.delta(q.l)[q.i, k]
    if q.kind == "dW":
        return t.dW(q.l)[q.i, q.j]
    if q.kind == "db":
        return t.db(q.l)[q.i, 0]
    if q.kind == "W":
        return t.W_new(q.l)[q.i, q.j]
    return t.b_new(q.l)[q.i, 0]


def close(answer: Answer, value: Scalar, units: Fraction = Fraction(1, 2)) -> bool:
    """True if ``answer`` is within ``units`` units of its last digit of ``value`` (exact for a fraction)."""
    target = to_fraction(value) if not isinstance(value, float) else Fraction(value)
    noise = _FLOAT_NOISE * max(Fraction(1), abs(target)) if isinstance(value, float) else Fraction(0)
    if answer.unit is None:
        return abs(answer.value - target) <= noise
    return abs(answer.value - target) <= units * answer.unit + noise


def _same(a: Scalar, b: Scalar) -> bool:
    return abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(a)))


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer.

    ``status``: "right", "follow" (Folgefehler: right from the student's own
    wrong earlier values), "wrong" or "coarse" (too few significant digits).
    ``right`` is the Rechenweg's value, ``own`` what the student's own earlier
    values give, ``slips`` the typical slips the value matches, ``own_values``
    True when a right value was judged from the student's own rounded values.
    """

    answer: Answer
    quantity: Quantity
    status: str
    right: Scalar
    own: Scalar
    slips: Tuple[Slip, ...] = ()
    own_values: bool = False


@dataclass(frozen=True)
class Unknown:
    """An answer whose name is not a quantity of this exercise, with the closest names."""

    answer: Answer
    suggestions: Tuple[str, ...]


@dataclass(frozen=True)
class Grading:
    """All verdicts (in the order of the Rechenweg), unknown names and missing answers."""

    setup: Setup
    trace: Trace
    names: NameTable
    verdicts: Tuple[Verdict, ...]
    unknown: Tuple[Unknown, ...]
    missing: Tuple[Quantity, ...]
    min_digits: int = DEFAULT_MIN_DIGITS

    def count(self, status: str) -> int:
        return sum(1 for v in self.verdicts if v.status == status)

    @property
    def first_wrong(self) -> Optional[Verdict]:
        """The first wrong step, in the order of the Rechenweg."""
        return next((v for v in self.verdicts if v.status == "wrong"), None)

    @property
    def all_right(self) -> bool:
        return not self.unknown and all(v.status == "right" for v in self.verdicts)

    @property
    def exit_code(self) -> int:
        """0 when every answer is right and every name known, else 1 (missing answers do not count)."""
        return 0 if self.all_right else 1

    def summary(self, lang: str = "de") -> str:
        """One line: "7 von 9 richtig, 1 Folgefehler, 1 falsch"."""
        en = lang == "en"
        n = len(self.verdicts)
        parts = [f"{self.count('right')} {'of' if en else 'von'} {n} {'right' if en else 'richtig'}"]
        words = {"follow": ("Folgefehler", "consequential error" + ("s" if self.count("follow") > 1 else "")), "wrong": ("falsch", "wrong"),
                 "coarse": ("zu grob gerundet", "rounded too coarsely")}
        for status, (de, english) in words.items():
            if self.count(status):
                parts.append(f"{self.count(status)} {english if en else de}")
        if self.unknown:
            k = len(self.unknown)
            parts.append(f"{k} " + (("unknown name" + ("s" if k > 1 else "")) if en
                                    else ("unbekannter Name" if k == 1 else "unbekannte Namen")))
        if self.missing:
            parts.append(f"{len(self.missing)} {'not answered' if en else 'nicht beantwortet'}")
        return ", ".join(parts)


def _significant_enough(answer: Answer, right: Scalar, min_digits: int) -> bool:
    if answer.significant is None or answer.significant >= min_digits:
        return True
    return _same(answer.value, right)  # 0.5 for exactly 0.5 is fine


def _grade(answer: Answer, q: Quantity, t: Trace, chain: Chain, upstream_wrong: bool, min_digits: int) -> Verdict:
    right, own = right_value(t, q), chain.computed[q]
    if close(answer, right):
        status = "right" if _significant_enough(answer, right, min_digits) else "coarse"
        return Verdict(answer, q, status, right, own)
    if close(answer, own, Fraction(1)):
        if upstream_wrong:
            return Verdict(answer, q, "follow", right, own)
        if _significant_enough(answer, own, min_digits):
            return Verdict(answer, q, "right", right, own, own_values=True)
    slips = tuple(s for s, v in slip_values(chain, q) if not _same(v, right) and close(answer, v, Fraction(1)))
    return Verdict(answer, q, "wrong", right, own, slips)


def check(setup: Setup, answers: List[Answer], min_digits: int = DEFAULT_MIN_DIGITS) -> Grading:
    """Grade ``answers`` against the exercise ``setup``; see the module docstring for the rules."""
    t = setup.trace()
    qs = quantities(t)
    names = NameTable(qs, setup.notation, t.L)
    given: Dict[Quantity, Answer] = {}
    unknown: List[Unknown] = []
    for a in answers:
        q = names.lookup(a.name)
        if q is None:
            unknown.append(Unknown(a, tuple(names.suggest(a.name))))
            continue
        if q in given:
            raise AnswerError(
                f"{names.ascii(q)} is answered twice (line {given[q].line}: {given[q].name}, "
                f"line {a.line}: {a.name})"
            )
        given[q] = a
    chain = follow(setup, {q: a.value for q, a in given.items()})
    wrong: Dict[Quantity, bool] = {}  # does q differ from the Rechenweg because of the student?
    verdicts: List[Verdict] = []
    for q in qs:
        upstream = any(wrong.get(d, False) for d in depends_on(q, setup))
        if q in given:
            v = _grade(given[q], q, t, chain, upstream, min_digits)
            verdicts.append(v)
            wrong[q] = v.status != "right"
        else:
            wrong[q] = upstream
    missing = tuple(q for q in qs if q not in given)
    return Grading(setup, t, names, tuple(verdicts), tuple(unknown), missing, min_digits)
