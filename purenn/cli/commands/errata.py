"""``purenn errata``: where the course documents print a formula, an index or a line of code wrongly.

Prints ``purenn.course.errata.render``: every entry with what is printed, what is
correct, why, and the test that shows it, grouped by document.
"""

from __future__ import annotations

import argparse

from purenn.course import errata

NAME = "errata"
HELP = "list the errors, typos and differing conventions in the course documents"
DESCRIPTION = (
    "The errata of the five course documents: what a document prints, what is correct\n"
    "(and what purenn computes), why, and the test that shows it. Grouped by document;\n"
    "each entry is a Fehler (error), Tippfehler (typo), Konvention (convention or purenn's\n"
    "interpretation) or möglicherweise Textumwandlung (probably an artefact of turning the\n"
    "slides into text)."
)
EPILOG = """examples:
  in German, for the terminal:
    purenn errata

  in English, as Markdown:
    purenn errata --format markdown --lang en > errata.md"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default) or Markdown")
    parser.add_argument("--lang", choices=("de", "en"), default="de", help="German (default) or English")


def run(args: argparse.Namespace) -> int:
    print(errata.render(format=args.format, lang=args.lang), end="")
    return 0
