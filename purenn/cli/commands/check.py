"""``purenn check``: grade a student's answers against an exercise, with Folgefehler and typical slips.

``purenn check aufgabe.txt antwort.txt`` — or ``purenn check antwort.txt``
with the exercise given by the options of ``purenn backprop``. The grading
itself is ``purenn.exercises.grading``; exit code 0 when every answer is
right, 1 when something is wrong, 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
from typing import Optional

from purenn.cli import exercise_args, netspec
from purenn.cli.commands.forward import add_output_arguments
from purenn.exercises import answer_file, exercise_file, report
from purenn.exercises.exercise_file import Exercise
from purenn.exercises.grading import DEFAULT_MIN_DIGITS, check
from purenn.exercises.setup import Setup

NAME = "check"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.__class__ = netspec.InlineNetParser  # takes --W<k>/--b<k> out into args.inline
    parser.add_argument("files", nargs="+", metavar="FILE")
    group = parser.add_argument_group("exercise")
    group.add_argument("--act", metavar="NAMES")
    group.add_argument("--input", metavar="VALUES", action="append")  # several times: a mini-batch
    group.add_argument("--target", metavar="VALUES", action="append")
    group.add_argument("--eta", metavar="NUMBER")
    group.add_argument("--loss", metavar="NAME")
    parser.add_argument("--min-digits", type=int, default=DEFAULT_MIN_DIGITS, metavar="N")
    parser.add_argument("--details", action="store_true")
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if len(args.files) > 2:
        raise ValueError(f"give one or two files (AUFGABE ANTWORT), got {len(args.files)}")
    base: Optional[Exercise] = exercise_file.read(args.files[0]) if len(args.files) == 2 else None
    ex = exercise_args.exercise_from_args(args, base)
    if base is None and not ex.weights:
        raise ValueError("no exercise: give an exercise file first (purenn check aufgabe.txt antwort.txt) "
                         "or the network as options (--W1 … --b1 … --act …)")
    answers = answer_file.read(args.files[-1])
    grading = check(Setup.from_exercise(ex), answers, args.min_digits)
    decimals = ex.decimals if ex.decimals is not None else args.decimals
    print(report.render(grading, args.format, args.lang, decimals, args.details), end="")
    return grading.exit_code
