"""The argument parser of ``purenn``: argparse's own error messages in the language of the output.

argparse writes its messages in English ("the following arguments are
required: --input", "invalid choice: 'fr' (choose from 'de', 'en')") and
prints the whole usage before them. ``Parser.error`` turns each message it
knows into one line in ``lang`` (the texts are ``texts.PARSER_ERRORS``)::

    purenn forward: Fehler: --input fehlt, z. B. --input 1.3,0.8 --input 0.5,-1

and keeps argparse's exit code 2. The patterns below read argparse's English
wording, which differs a little between Python versions (3.9–3.13, PyPy):
the choices are quoted or not, the required options are a message of their
own or an ArgumentError. A message no pattern knows keeps its original text.
"""

from __future__ import annotations

import argparse
import re
from typing import Dict, List, NoReturn, Optional, Sequence, Tuple

from purenn.cli import texts

__all__ = ["Parser", "translate"]

#: argparse's messages, as its source writes them, with the parts we keep named.
_PATTERNS: List[Tuple[str, "re.Pattern[str]"]] = [
    (kind, re.compile(pattern + r"$", re.DOTALL))
    for kind, pattern in [
        ("required", r"the following arguments are required: (?P<names>.+)"),
        ("one_of", r"one of the arguments (?P<names>.+) is required"),
        ("unrecognized", r"unrecognized arguments: (?P<args>.*)"),
        ("ambiguous", r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
        ("choice", r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
        ("type", r"invalid (?P<type>\w+) value: (?P<value>.+)"),
        ("one_value", r"expected one argument"),
        ("at_most_one", r"expected at most one argument"),
        ("at_least_one", r"expected at least one argument"),
        ("n_values", r"expected (?P<n>\d+) arguments?"),
        ("no_value", r"ignored explicit argument (?P<value>.+)"),
        ("not_with", r"not allowed with argument (?P<other>.+)"),
    ]
]

#: "argument --epochs: invalid int value: 'x'" — an ArgumentError names its option first.
_ARGUMENT = re.compile(r"argument (?P<name>[^:]+?): (?P<message>.*)$", re.DOTALL)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line in ``lang`` (set by ``texts.localize``)."""

    lang: str = texts.DEFAULT_LANG
    _last: Optional[Tuple[argparse.Namespace, List[str]]] = None

    def parse_known_args(  # type: ignore[override]
        self, args: Optional[Sequence[str]] = None, namespace: Optional[argparse.Namespace] = None
    ) -> Tuple[argparse.Namespace, List[str]]:
        ns, extras = super().parse_known_args(args, namespace)
        self._last = (ns, extras)  # for "unrecognized arguments", which parse_args reports with only a string
        return ns, extras

    def error(self, message: str) -> NoReturn:
        parser = self._reporting_parser(message)
        line = texts.PARSER_ERRORS[self.lang]["line"].format(prog=parser.prog, message=translate(message, parser))
        self.exit(2, line + "\n")

    def _reporting_parser(self, message: str) -> argparse.ArgumentParser:
        """The parser of the command the error is about: ``purenn forward``, not ``purenn``, for unknown arguments."""
        if self._last is None or not message.startswith("unrecognized arguments"):
            return self
        command = getattr(self._last[0], "command", None)
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                sub: argparse.ArgumentParser = action.choices[command]
                return sub
        return self


def translate(message: str, parser: argparse.ArgumentParser) -> str:
    """argparse's ``message`` in the language of ``parser`` (German unless ``parser.lang`` says otherwise).

    >>> p = Parser(prog="purenn demo"); _ = p.add_argument("--epochs", type=int, help="… z. B. --epochs 500")
    >>> translate("argument --epochs: invalid int value: 'x'", p)
    "--epochs: 'x' ist keine ganze Zahl, z. B. --epochs 500"
    >>> p.lang = "en"; p._actions[-1].help = "… e.g. --epochs 500"
    >>> translate("argument --epochs: expected one argument", p)
    '--epochs needs a value, e.g. --epochs 500'
    """
    lang = getattr(parser, "lang", texts.DEFAULT_LANG)
    words = texts.PARSER_ERRORS[lang]
    name: Optional[str] = None
    argument = _ARGUMENT.match(message)
    if argument is not None:
        name, message = argument.group("name"), argument.group("message")
    action = _action_named(parser, name) if name is not None else None
    for kind, pattern in _PATTERNS:
        match = pattern.match(message)
        if match is None:
            continue
        values: Dict[str, str] = dict(match.groupdict(), prog=parser.prog)
        if kind == "required" or kind == "one_of":
            names = values["names"].split(", ")
            values["names"] = _joined(names, words["and"] if kind == "required" else words["or"])
            if len(names) > 1:
                kind += "_many"
            action = _action_named(parser, names[0]) if len(names) == 1 else None
        if kind == "choice":
            values["choices"] = ", ".join(c.strip("'\"") for c in values["choices"].split(", "))
            if isinstance(action, argparse._SubParsersAction):
                kind = "command"
        if kind == "unrecognized":
            kind = "unrecognized_one" if len(values["args"].split()) == 1 else "unrecognized"
        if kind == "ambiguous":
            values["matches"] = _joined(values["matches"].split(", "), words["or"])
        if kind == "type":
            kind = "type_" + values["type"] if "type_" + values["type"] in words else "type"
        text = words[kind].format(name=name or "", **values)
        example = _example(action, lang)
        if example and kind not in ("choice", "command", "unrecognized", "unrecognized_one", "ambiguous"):
            text += words["example"].format(example=example)
        named = name is not None and "{name}" not in words[kind] and kind != "command"
        return (f"{name}: " if named else "") + text
    return f"{name}: {message}" if name is not None else message


def _action_named(parser: argparse.ArgumentParser, name: str) -> Optional[argparse.Action]:
    """The action argparse calls ``name`` in its messages: "--loesung/--solution", "DATEI", "BEFEHL"."""
    for action in parser._actions:
        if name in ("/".join(action.option_strings), action.metavar, action.dest):
            return action
    return None


def _example(action: Optional[argparse.Action], lang: str) -> Optional[str]:
    """The example at the end of the option's help ("z. B. --epochs 3"), to show with its error."""
    if action is None or not action.help:
        return None
    marker = texts.PARSER_ERRORS[lang]["example_marker"]
    if marker not in action.help:
        return None
    example = action.help.rsplit(marker, 1)[1].strip()
    return None if "%(" in example else example


def _joined(items: Sequence[str], last: str) -> str:
    """a, b und c — with the language's "und"/"oder" before the last."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]
