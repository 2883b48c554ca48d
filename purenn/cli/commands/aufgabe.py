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

from purenn.cli.netspec import parse_sizes
from purenn.cli.texts import say
from purenn.exercises import exercise_file, generator, sheets
from purenn.exercises.setup import Setup
from purenn.io.atomic import atomic_write_text
from purenn.rechenweg import notation

NAME = "aufgabe"

_EXTENSIONS = {"markdown": "md", "latex": "tex", "text": "txt"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("--structure", default="2-3-2", metavar="SIZES")
    parser.add_argument("--act", default="sigmoid,softmax", metavar="NAMES")
    parser.add_argument("--ask", default="backprop", choices=exercise_file.ASKS)
    parser.add_argument("--loss", metavar="NAME")
    parser.add_argument("--notation", choices=notation.NAMES)
    parser.add_argument("--difficulty", default="easy", choices=tuple(generator.DIFFICULTIES))
    parser.add_argument("--eta", metavar="NUMBER")
    parser.add_argument("--seed", type=int, default=1, metavar="N")
    parser.add_argument("--seeds", metavar="FIRST-LAST")
    parser.add_argument("--sheets", choices=sheets.SHEET_FORMATS)
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    parser.add_argument("--out", metavar="FILE")


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
    key = "aufgabe.written_1" if len(seeds) == 1 else "aufgabe.written"
    print(say(args.lang, key, n=len(seeds), folder=folder, first=seeds[0], last=seeds[-1]))
    return 0
