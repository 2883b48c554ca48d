"""An exercise file on the command line: ``purenn forward aufgabe.txt``, ``purenn check aufgabe.txt antwort.txt``.

The file gives the exercise (``purenn.exercises.exercise_file``); every option
typed on the command line overrides the file's line of the same name
(``--W1``, ``--b1``, ``--act``, ``--input``, ``--target``, ``--eta``,
``--loss``; ``--notation`` and ``--decimals`` when they are not left at
their defaults; ``--exact`` switches exact arithmetic on).
"""

from __future__ import annotations

import argparse
from typing import Dict, List, Optional

from purenn.cli.netspec import Inline
from purenn.exercises import exercise_file
from purenn.exercises.exercise_file import Exercise
from purenn.rechenweg import notation as notations
from purenn.rechenweg.display import DEFAULT_DECIMALS

__all__ = ["exercise_from_args", "apply_exercise_file"]


def exercise_from_args(args: argparse.Namespace, base: Optional[Exercise] = None, ask: str = "backprop") -> Exercise:
    """The exercise of ``base`` (or an empty one) with every option given in ``args`` put over it."""
    ex = base if base is not None else Exercise(ask=ask)
    weights, biases = dict(ex.weights), dict(ex.biases)
    inline: List[Inline] = getattr(args, "inline", [])
    for kind, l, value in inline:
        if value is None:
            raise ValueError(f"--{kind}{l} needs a value")
        (weights if kind == "W" else biases)[l] = value
    changes: Dict[str, object] = {"weights": weights, "biases": biases}
    for key in ("act", "input", "target", "eta", "loss"):
        value = getattr(args, key, None)
        if isinstance(value, list):  # --input/--target given several times: a mini-batch
            changes[key + "s"] = tuple(value) if len(value) > 1 else ()
            value = value[0] if value else None
        if value is not None:
            changes[key] = value
    if getattr(args, "notation", notations.DEFAULT) != notations.DEFAULT or ex.notation is None:
        changes["notation"] = getattr(args, "notation", None)
    if getattr(args, "exact", False):
        changes["exact"] = True
    if getattr(args, "decimals", DEFAULT_DECIMALS) != DEFAULT_DECIMALS:
        changes["decimals"] = args.decimals
    if base is None and getattr(args, "target", None) is None:
        changes["ask"] = "forward"
    return ex.with_changes(**changes)


def apply_exercise_file(args: argparse.Namespace) -> None:
    """If the NET argument of ``forward``/``backprop`` is an exercise file, fill ``args`` from it.

    The options typed on the command line win over the file. A JSON network
    file is left alone.
    """
    path: Optional[str] = getattr(args, "net_path", None)
    if path is None or path.lower().endswith(".json") or not exercise_file.looks_like_exercise(path):
        return
    ex = exercise_from_args(args, exercise_file.read(path))
    args.net_path = None
    args.inline = [("W", l, ex.weights[l]) for l in sorted(ex.weights)] + [
        ("b", l, ex.biases[l]) for l in sorted(ex.biases)
    ]
    for key in ("act", "input", "target", "eta", "loss"):
        if getattr(args, key, None) is None and hasattr(args, key):
            setattr(args, key, getattr(ex, key))
    if ex.inputs and hasattr(args, "input"):  # a mini-batch: one --input (and --target) per example
        args.input = list(ex.inputs)
        if ex.targets and hasattr(args, "target"):
            args.target = list(ex.targets)
    if ex.notation is not None:
        args.notation = notations.get(ex.notation).key
    args.exact = ex.exact
    if ex.decimals is not None:
        args.decimals = ex.decimals
