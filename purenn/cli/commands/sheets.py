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
HELP = "problem or solution sheet of an exercise file (Markdown, standalone LaTeX)"
EPILOG = """examples:
  purenn blatt examples/aufgaben/training-backprop.txt --format latex --out aufgabe.tex
  purenn blatt examples/aufgaben/training-backprop.txt --loesung --format latex --out loesung.tex
  purenn blatt aufgabe.txt --key > loesung.txt    # the right values, for purenn check"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise", metavar="AUFGABE", help="the exercise file")
    parser.add_argument("--loesung", "--solution", action="store_true", dest="solution",
                        help="the solution sheet (the whole Rechenweg) instead of the problem sheet")
    parser.add_argument("--key", action="store_true", help="only the answer key (name = value lines)")
    parser.add_argument("--format", default="markdown", choices=sheets.SHEET_FORMATS, help="default markdown")
    parser.add_argument("--lang", default="de", choices=("de", "en"), help="default de")
    parser.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS,
                        help=f"decimals of rounded values (default {DEFAULT_DECIMALS})")
    parser.add_argument("--out", help="file to write instead of printing")


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
