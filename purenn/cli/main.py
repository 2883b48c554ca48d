"""The ``purenn`` command line (also ``python -m purenn``).

Each subcommand lives in its own module under ``purenn/cli/commands/`` and
provides ``NAME``, ``add_arguments(parser)`` and ``run(args) -> int``; its help
texts, German and English, are in ``purenn/cli/texts.py`` (a command without an
entry there shows its own ``HELP``, ``DESCRIPTION`` and ``EPILOG``). The
language is chosen once, from ``--lang`` or the locale, and reaches every
command as ``args.lang``.

Every error a user can cause is one line on stderr, ``purenn CMD: error: …``.
A command line argparse cannot read (a missing value, an unknown option, a
wrong choice) is one line in the language of the output, ``purenn CMD:
Fehler: …`` by default, exit code 2 (``purenn/cli/parser.py``). The others:

* exit code 2 for wrong input — a ``UsageError``, or a ValueError/TypeError
  that purenn raised with a ``raise`` statement of its own (a check that
  says what was expected);
* exit code 1 for other failures — a file that cannot be read or written
  (OSError: missing, a folder, no permission, a read-only disk, no network),
  training that diverged, not enough memory, a number too large for a float,
  input nested too deeply;
* exit code 130 for Ctrl-C.

A ValueError or TypeError that Python itself raised inside an operation is a
bug in purenn, not a mistake of the user: it keeps its traceback.
"""

from __future__ import annotations

import argparse
import dis
import errno
import importlib
import sys
from types import ModuleType
from typing import List, Optional, Sequence, Tuple

import purenn
from purenn.cli import texts
from purenn.cli.parser import Parser
from purenn.training import TrainingDiverged

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


def build_parser(lang: str = texts.DEFAULT_LANG) -> argparse.ArgumentParser:
    """The parser of ``purenn`` and its subcommands, with all help in ``lang``."""
    words = texts.HELP_WORDS[lang]
    parser = Parser(
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
    except BrokenPipeError:  # output piped into `head` and cut off: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"purenn {args.command}: abgebrochen (Strg-C) / interrupted (Ctrl-C)", file=sys.stderr)
        return 130
    except Exception as e:
        reported = user_error(e)
        if reported is None:
            raise  # a bug in purenn: the traceback is what it takes to fix it
        message, code = reported
        print(f"purenn {args.command}: error: {message}", file=sys.stderr)
        return code


def user_error(e: BaseException) -> Optional[Tuple[str, int]]:
    """(the one line to show, the exit code) for an error the user caused; None for a bug."""
    if isinstance(e, UsageError):
        return str(e), 2
    if isinstance(e, TrainingDiverged):
        return str(e), 1
    if isinstance(e, OSError):
        return _os_error(e), 2 if isinstance(e, FileNotFoundError) else 1
    if isinstance(e, MemoryError):
        return "not enough memory for this: try a smaller network or fewer examples", 1
    if isinstance(e, RecursionError):
        return "the input is nested too deeply to be read", 1
    if isinstance(e, OverflowError):
        return f"a number became too large for a float (at most about 1.8e308): {e}", 1
    if isinstance(e, (ValueError, TypeError, ZeroDivisionError)) and raised_by_purenn(e):
        return str(e), 2
    return None


def raised_by_purenn(e: BaseException) -> bool:
    """Whether ``e`` came from a ``raise`` statement in purenn's own code (a check), not from an operation.

    The innermost frame of the traceback says where the error was raised; its
    instruction is RAISE_VARARGS for ``raise X`` (on CPython 3.9–3.13 and PyPy).
    """
    tb = e.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    if not str(frame.f_globals.get("__name__", "")).startswith("purenn"):
        return False
    code = frame.f_code.co_code
    return 0 <= tb.tb_lasti < len(code) and dis.opname[code[tb.tb_lasti]] in ("RAISE_VARARGS", "RERAISE")


def _os_error(e: OSError) -> str:
    """One line for a file that could not be read or written."""
    name = e.filename
    if name is None:  # purenn's own message, or a DownloadError
        return str(e) if str(e) else type(e).__name__
    if isinstance(e, IsADirectoryError):
        return f"{name} is a folder, not a file"
    if isinstance(e, NotADirectoryError):
        return f"{name}: a part of this path is a file, not a folder"
    if isinstance(e, PermissionError):
        return f"{name}: permission denied (purenn may not read or write it)"
    if e.errno == errno.EROFS:
        return f"{name}: the file system is read-only"
    if e.errno == errno.ENOSPC:
        return f"{name}: no space left on the disk"
    if isinstance(e, FileNotFoundError):
        return f"{name}: no such file or folder"
    return f"{name}: {e.strerror or e}"
