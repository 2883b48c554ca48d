"""``purenn formulas``: which formula of the course documents purenn implements where, and its tests.

The table is read from ``purenn/course/formulas.json``, shipped with the
package (built from the docstrings' references and the tests'
``@pytest.mark.formula`` markers by ``scripts/formula_index.py``); see
``purenn.course.formulas``. ``--update-readme docs/formulas.md`` writes the Markdown table
between the markers ``<!-- formulas:start -->`` and
``<!-- formulas:end -->`` and leaves the rest of the file as it is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from purenn.course import formulas

NAME = "formulas"
HELP = "list every formula of the course documents with the function that implements it and its tests"
DESCRIPTION = (
    "Every formula of the course documents that purenn implements: its key, the formula,\n"
    "document and section, the function that computes it, and the tests that check it.\n"
    "Read from purenn/course/formulas.json, which ships with the package, so an installed\n"
    "package lists the same functions and tests as the source checkout."
)
EPILOG = """examples:
  the list for the terminal:
    purenn formulas

  the Markdown table, and the same table written into README.md between its markers:
    purenn formulas --format markdown
    python -m purenn formulas --format markdown --update-readme docs/formulas.md"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "markdown"), default=None,
        help="text (default) or a Markdown table",
    )
    parser.add_argument(
        "--update-readme", metavar="README", type=Path, default=None,
        help="write the Markdown table into this file between <!-- formulas:start --> and "
        "<!-- formulas:end --> instead of printing it",
    )


def run(args: argparse.Namespace) -> int:
    if args.update_readme is not None:
        if args.format == "text":
            raise ValueError("--update-readme writes the Markdown table; leave out --format text")
        path: Path = args.update_readme
        changed = formulas.update_readme(path)
        print(f"{path}: formula table {'updated' if changed else 'already up to date'}")
        return 0
    print(formulas.render_table(args.format or "text"), end="")
    return 0
