"""The ``purenn`` command line (also ``python -m purenn``).

Each subcommand lives in its own module under ``purenn/cli/commands/`` and
provides ``NAME``, ``add_arguments(parser)`` and ``run(args) -> int``; its help
texts, German and English, are in ``purenn/cli/texts.py`` (a command without an
entry there shows its own ``HELP``, ``DESCRIPTION`` and ``EPILOG``). The
language is chosen once, from ``--lang`` or the locale, and reaches every
command as ``args.lang``. An error in what the user typed is one line on stderr
and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType
from typing import List, Optional, Sequence

import purenn
from purenn.cli import texts

__all__ = ["main", "UsageError"]

#: The subcommand modules, in the order ``purenn --help`` lists them.
COMMAND_MODULES = [
    "purenn.cli.commands.mnist",
    "purenn.cli.commands.demo",
    "purenn.cli.commands.params",
    "purenn.cli.commands.forward",
    "purenn.cli.commands.backprop",
    "purenn.cli.commands.formulas",
    "purenn.cli.commands.examples",
    "purenn.cli.commands.errata",
]


class UsageError(Exception):
    """Something the user typed is wrong; the message says what and where."""


def _commands() -> List[ModuleType]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def build_parser(lang: str = texts.DEFAULT_LANG) -> argparse.ArgumentParser:
    """The parser of ``purenn`` and its subcommands, with all help in ``lang``."""
    words = texts.HELP_WORDS[lang]
    parser = argparse.ArgumentParser(
        prog="purenn", description=words["description"], epilog=words["epilog"],
        formatter_class=texts.formatter_for(lang),
    )
    parser.add_argument("--version", action="version", version=f"purenn {purenn.__version__}")
    parser.add_argument("--lang", choices=texts.LANGS, default=lang)
    texts.localize(parser, "*", lang)
    sub = parser.add_subparsers(dest="command", metavar=words["command"],
                                title=words["commands"])
    for module in _commands():
        own = texts.command_texts(module.NAME, lang)
        help_line = own.help if own else getattr(module, "HELP", "")
        p = sub.add_parser(
            module.NAME,
            help=help_line,
            description=own.description if own else getattr(module, "DESCRIPTION", help_line),
            epilog=own.examples if own else getattr(module, "EPILOG", None),
        )
        module.add_arguments(p)
        if not any(action.dest == "lang" for action in p._actions):
            p.add_argument("--lang", choices=texts.LANGS)
        p.set_defaults(lang=lang)
        texts.localize(p, module.NAME, lang, module)
        p.set_defaults(_run=module.run)
    return parser


def overview(lang: str) -> str:
    """What ``purenn`` without arguments shows: what to try first."""
    return texts.OVERVIEW[lang].format(version=purenn.__version__)


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    lang = texts.choose_lang(arguments)
    parser = build_parser(lang)
    args = parser.parse_args(arguments)
    if getattr(args, "_run", None) is None:
        print(overview(args.lang), end="")
        return 0
    try:
        return int(args._run(args))
    except (UsageError, ValueError, TypeError, FileNotFoundError) as e:
        print(f"purenn {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        sys.stderr.close()
        return 0
