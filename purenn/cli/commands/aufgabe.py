"""``purenn aufgabe``: a new exercise from a seed, with pleasant numbers — one per student.

``purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --ask backprop --seed 17``
prints an exercise file (``purenn.exercises.generator``); ``--out DATEI``
writes it. ``--seeds 1-30 --out klasse/`` writes one exercise per seed, and
with ``--sheets markdown|latex`` also its problem and solution sheet
(``purenn.exercises.sheets``): the batch for a class.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import List

from purenn import activations, losses
from purenn.cli.netspec import parse_sizes
from purenn.exercises import exercise_file, generator, sheets
from purenn.exercises.setup import Setup
from purenn.io.atomic import atomic_write_text
from purenn.rechenweg import notation

NAME = "aufgabe"
HELP = "a new exercise from a seed (pleasant numbers), or one per seed with sheets for a class"
DESCRIPTION = (
    "Generate an exercise file: the same seed always gives the same exercise, so each student\n"
    "can get their own seed. Numbers are short decimals; no logit is huge and no δ vanishes."
)
EPILOG = """examples:
  purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --ask backprop --seed 17
  purenn aufgabe --structure 2-2-1 --act relu,sigmoid --seed 3 --out aufgabe.txt
  purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --seeds 1-30 --sheets latex --out klasse/"""

_EXTENSIONS = {"markdown": "md", "latex": "tex", "text": "txt"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--structure", default="2-3-2", help="layer sizes, input first (default 2-3-2)")
    parser.add_argument("--act", default="sigmoid,softmax",
                        help=f"activation of each layer (default sigmoid,softmax; known: {', '.join(activations.NAMES)})")
    parser.add_argument("--ask", default="backprop", choices=exercise_file.ASKS, help="what is asked (default backprop)")
    parser.add_argument("--loss", help=f"loss function ({', '.join(losses.NAMES)}); default by the output layer")
    parser.add_argument("--notation", choices=notation.NAMES, help="index convention of the exercise")
    parser.add_argument("--difficulty", default="easy", choices=tuple(generator.DIFFICULTIES),
                        help="easy: steps of 0.5; medium: 0.1; hard: 0.01 (default easy)")
    parser.add_argument("--eta", help="learning rate (default 0.5 easy, else 0.1)")
    parser.add_argument("--seed", type=int, default=1, help="the exercise's number (default 1)")
    parser.add_argument("--seeds", help="batch: a range of seeds such as 1-30, one exercise each (needs --out DIR)")
    parser.add_argument("--sheets", choices=sheets.SHEET_FORMATS,
                        help="with --seeds: also a problem and a solution sheet per seed, in this format")
    parser.add_argument("--lang", default="de", choices=("de", "en"), help="language of the sheets (default de)")
    parser.add_argument("--out", help="file to write (a folder with --seeds)")


def _seeds(text: str) -> List[int]:
    first, _, last = text.partition("-")
    if not (first.strip().isdigit() and (not last or last.strip().isdigit())):
        raise ValueError(f"--seeds is a range such as 1-30 (or one number), got {text!r}")
    a, b = int(first), int(last or first)
    if b < a or b - a >= 1000:
        raise ValueError(f"--seeds {text}: the range must go upwards and hold at most 1000 seeds")
    return list(range(a, b + 1))


def run(args: argparse.Namespace) -> int:
    sizes = parse_sizes([args.structure])
    acts = [a.strip() for a in args.act.split(",") if a.strip()]

    def make(seed: int) -> exercise_file.Exercise:
        return generator.generate(sizes, acts, args.ask, seed, args.loss, args.notation, args.difficulty, args.eta)

    if args.seeds is None:
        text = exercise_file.write(make(args.seed))
        if args.out:
            atomic_write_text(args.out, text)
        else:
            print(text, end="")
        return 0
    if not args.out:
        raise ValueError("--seeds writes one file per seed: name a folder with --out, e.g. --out klasse/")
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = _seeds(args.seeds)
    for seed in seeds:
        ex = make(seed)
        atomic_write_text(folder / f"aufgabe-{seed}.txt", exercise_file.write(ex))
        if args.sheets:
            setup, ext = Setup.from_exercise(ex), _EXTENSIONS[args.sheets]
            atomic_write_text(folder / f"blatt-{seed}.{ext}", sheets.problem_sheet(setup, args.sheets, args.lang))
            atomic_write_text(folder / f"loesung-{seed}.{ext}", sheets.solution_sheet(setup, args.sheets, args.lang))
    print(f"{len(seeds)} Aufgaben in {folder}/ (Seeds {seeds[0]}–{seeds[-1]})")
    return 0
