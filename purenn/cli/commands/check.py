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
HELP = "grade answers against an exercise: ✓/✗, Folgefehler, the first wrong step, typical slips"
DESCRIPTION = (
    "Grade a student's answers (name = value lines, e.g. z1_2 = 2.9 or δ²₁ = 0,2761) against an\n"
    "exercise file, or against the exercise given by the options of purenn backprop.\n"
    "Exit code 0: everything right; 1: something wrong; 2: a file could not be read."
)
EPILOG = """examples:
  purenn check examples/aufgaben/parameter-backprop.txt antwort.txt
  purenn check antwort.txt --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --W2 "0,1,0;1,-1,1" --b2 "-1,0" \\
      --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5 --format markdown --lang en

answer names (docs/exercises.md): z1_2, a1_2, delta2_1, dW1_12 (∂E/∂w¹₁₂), db1_2, W1_12 and b1_2
(after the step), E — or as the Rechenweg prints them; indices in the exercise's notation."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.__class__ = netspec.InlineNetParser  # takes --W<k>/--b<k> out into args.inline
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="AUFGABE ANTWORT, or only ANTWORT with the exercise as options")
    group = parser.add_argument_group("exercise (instead of an exercise file, or overriding it)",
                                      netspec.INLINE_HELP)
    group.add_argument("--act", metavar="NAMES", help="activation of each layer, e.g. sigmoid,softmax")
    group.add_argument("--input", metavar="VALUES", help="the input x, e.g. 1.3,0.8")
    group.add_argument("--target", metavar="VALUES", help="the target y, e.g. 0,1")
    group.add_argument("--eta", metavar="NUMBER", help="learning rate η")
    group.add_argument("--loss", metavar="NAME", help="loss function")
    parser.add_argument("--min-digits", type=int, default=DEFAULT_MIN_DIGITS,
                        help=f"significant digits an inexact answer needs at least (default {DEFAULT_MIN_DIGITS})")
    parser.add_argument("--details", action="store_true",
                        help="show the Rechenweg line of every answer, also of the right ones")
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
