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

from purenn.cli.texts import say
from purenn.course import formulas

NAME = "formulas"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("--format", choices=("text", "markdown"), default=None)
    parser.add_argument("--update-readme", metavar="README", type=Path, default=None)


def run(args: argparse.Namespace) -> int:
    if args.update_readme is not None:
        if args.format == "text":
            raise ValueError("--update-readme writes the Markdown table; leave out --format text")
        path: Path = args.update_readme
        changed = formulas.update_readme(path)
        print(say(args.lang, "formulas.updated" if changed else "formulas.up_to_date", path=path))
        return 0
    print(formulas.render_table(args.format or "text"), end="")
    return 0
