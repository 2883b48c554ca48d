"""``purenn blatt``: the problem or solution sheet of an exercise file, Markdown or standalone LaTeX.

``purenn blatt aufgabe.txt`` prints the problem sheet, ``--loesung`` the
solution sheet (the whole Rechenweg and the answer key), ``--key`` only the
answer key as an answer file for ``purenn check``. LaTeX is a full document
for ``pdflatex``.
"""

from __future__ import annotations

import argparse

from purenn.exercises import exercise_file, sheets
from purenn.exercises.setup import Setup
from purenn.io.atomic import atomic_write_text
from purenn.rechenweg.display import DEFAULT_DECIMALS, check_decimals

NAME = "blatt"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("exercise", metavar="AUFGABE")
    parser.add_argument("--loesung", "--solution", action="store_true", dest="solution")
    parser.add_argument("--key", action="store_true")
    parser.add_argument("--format", default="markdown", choices=sheets.SHEET_FORMATS)
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    parser.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS)
    parser.add_argument("--out", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    ex = exercise_file.read(args.exercise)
    setup = Setup.from_exercise(ex)
    d = check_decimals(ex.decimals if ex.decimals is not None and args.decimals == DEFAULT_DECIMALS else args.decimals)
    if args.key:
        text = sheets.answer_key(setup, d)
    elif args.solution:
        text = sheets.solution_sheet(setup, args.format, args.lang, d)
    else:
        text = sheets.problem_sheet(setup, args.format, args.lang, d)
    if args.out:
        atomic_write_text(args.out, text)
    else:
        print(text, end="")
    return 0
