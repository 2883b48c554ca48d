"""The whole check as one plain function: exercise and answers as texts in, a report out.

For programs that have no files and no command line — a browser page running
purenn in Pyodide, a notebook, a learning platform::

    from purenn.exercises.texts import check_texts
    result = check_texts(exercise_text, answer_text, lang="de", fmt="markdown")
    result.report      # the rendered report
    result.exit_code   # 0 all right, 1 something wrong, 2 a text could not be read
    result.grading     # the verdicts one by one (None if exit code 2)

>>> r = check_texts("W1 = 5 2 4\\nb1 = 1\\nact = relu\\ninput = 0.2 0.1 0.25", "z1_1 = 3.2\\na1_1 = 3,2")
>>> r.exit_code, r.report.splitlines()[-1].strip()
(0, '2 von 2 richtig')
>>> check_texts("W1 = 5 2 4", "z1_1 = 3.2").error
'b1 is missing: every layer 1..1 needs W and b'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from purenn.exercises import answer_file, exercise_file, report
from purenn.exercises.grading import DEFAULT_MIN_DIGITS, Grading, check
from purenn.exercises.setup import Setup

__all__ = ["CheckResult", "check_texts"]


@dataclass(frozen=True)
class CheckResult:
    """The rendered ``report``, the ``exit_code`` (0, 1, 2) and the ``grading``.

    ``grading`` is None and ``error`` says why when a text could not be read
    (exit code 2).
    """

    report: str
    exit_code: int
    grading: Optional[Grading] = None
    error: Optional[str] = None


def check_texts(exercise_text: str, answer_text: str, lang: str = "de", fmt: str = "text",
                min_digits: int = DEFAULT_MIN_DIGITS, decimals: Optional[int] = None,
                details: bool = False) -> CheckResult:
    """Check the answers in ``answer_text`` against the exercise in ``exercise_text``.

    ``lang`` is "de" or "en", ``fmt`` "text", "markdown" or "latex";
    ``decimals`` the decimals of rounded values in the report (default: the
    exercise's, else 4); ``details`` shows the Rechenweg line of right answers, too.
    """
    try:
        ex = exercise_file.parse(exercise_text, "exercise")
        grading = check(Setup.from_exercise(ex), answer_file.parse(answer_text, "answers"), min_digits)
    except ValueError as e:
        return CheckResult(f"{e}\n", 2, None, str(e))
    d = decimals if decimals is not None else ex.decimals
    return CheckResult(report.render(grading, fmt, lang, d, details), grading.exit_code, grading)
