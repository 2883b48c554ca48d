"""The ``purenn`` command line (also ``python -m purenn``).

Each subcommand lives in its own module under ``purenn/cli/commands/`` and
provides ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
An error in what the user typed is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType
from typing import List, Optional, Sequence

__all__ = ["main", "UsageError"]

#: The subcommand modules, in the order ``purenn --help`` lists them.
COMMAND_MODULES = [
    "purenn.cli.commands.mnist",
    "purenn.cli.commands.demo",
    "purenn.cli.commands.params",
    "purenn.cli.commands.forward",
    "purenn.cli.commands.backprop",
    "purenn.cli.commands.check",
    "purenn.cli.commands.aufgabe",
    "purenn.cli.commands.sheets",
    "purenn.cli.commands.formulas",
    "purenn.cli.commands.examples",
    "purenn.cli.commands.errata",
]


class UsageError(Exception):
    """Something the user typed is wrong; the message says what and where."""


def _commands() -> List[ModuleType]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="purenn",
        description="Neural networks in pure Python, formula for formula as in the course.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _commands():
        p = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help()
        return 0
    try:
        return int(args._run(args))
    except (UsageError, ValueError, TypeError, FileNotFoundError) as e:
        print(f"purenn {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        sys.stderr.close()
        return 0
