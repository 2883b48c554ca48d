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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("--format", choices=("text", "markdown"), default="text")


def run(args: argparse.Namespace) -> int:
    outcomes = [example.check() for example in worked_examples.EXAMPLES]
    print(worked_examples.render(args.format, outcomes), end="")
    return 0 if all(o.explained for o in outcomes) else 1
