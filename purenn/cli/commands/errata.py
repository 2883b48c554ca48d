"""``purenn errata``: where the course documents print a formula, an index or a line of code wrongly.

Prints ``purenn.course.errata.render``: every entry with what is printed, what is
correct, why, and the test that shows it, grouped by document.
"""

from __future__ import annotations

import argparse

from purenn.cli.texts import LANGS
from purenn.course import errata

NAME = "errata"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--lang", choices=LANGS, default="de")


def run(args: argparse.Namespace) -> int:
    print(errata.render(format=args.format, lang=args.lang), end="")
    return 0
