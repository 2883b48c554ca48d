"""``purenn examples``: every worked example of the course documents, recomputed with purenn.

For each calculation a document prints — 5·0.2 + 2·0.1 + 4·0.25 = 2.2, the
matrix product (−25, 36, 14), the parameter counts 57 and 1 430 128, the
cross-entropy 0.3567, … — the document's number beside purenn's, with ✓
where they agree and ✗ with the erratum where the document is wrong. See
``purenn.course.worked_examples``.
"""

from __future__ import annotations

import argparse

from purenn.course import worked_examples

NAME = "examples"
HELP = "recompute every worked example of the course documents and compare with the printed numbers"
DESCRIPTION = (
    "Every worked example of the five course documents: the number the document prints\n"
    "beside the number purenn computes, ✓ where they agree, ✗ with the erratum where the\n"
    "document is wrong, and · where the document prints no number. Exit code 1 if purenn\n"
    "disagrees with a document and no erratum explains why."
)
EPILOG = """examples:
  all examples, for the terminal:
    purenn examples

  as Markdown tables, one per document:
    purenn examples --format markdown > examples.md"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default) or Markdown")


def run(args: argparse.Namespace) -> int:
    outcomes = [example.check() for example in worked_examples.EXAMPLES]
    print(worked_examples.render(args.format, outcomes), end="")
    return 0 if all(o.explained for o in outcomes) else 1
