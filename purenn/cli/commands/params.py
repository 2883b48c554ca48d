"""``purenn params``: the number of learnable parameters, layer by layer, as the slides count them.

'Parameter in neuronalen Netzen', Parameter der 1. Schicht: a layer with n
neurons and m inputs has n·m weights and n biases, n·m + n = (m + 1)·n
parameters. ``purenn params 5 8 1`` counts the slides' example (48 + 9 = 57),
``purenn params 300 1000 1000 128`` the "realistischere Netzwerk"
(1 430 128).
"""

from __future__ import annotations

import argparse
from typing import List, Sequence

from purenn.cli.texts import LANGS, say
from purenn.rechenweg import mathtext
from purenn.rechenweg.display import grouped
from purenn.rechenweg.mathtext import Block, Eq, Heading, Math, Num, Para, Prod, Sum, Word
from purenn.cli.netspec import parse_sizes
from purenn.layer import param_count

NAME = "params"

def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("sizes", nargs="+", metavar="N")
    parser.add_argument("--format", default="text", choices=mathtext.FORMATS)
    parser.add_argument("--lang", default="de", choices=LANGS)


def count_blocks(sizes: Sequence[int], lang: str = "de") -> List[Block]:
    """The count, layer by layer, as the slides write it: (5 + 1)·8 = 6·8 = 48.

    Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [param_count]
    """
    def T(key: str, **values: object) -> str:
        return say(lang, f"params.{key}", **values)

    def number(v: int) -> Word:
        return Word(grouped(v), grouped(v, r"\,"))

    blocks: List[Block] = [
        Heading(1, (T("title"),)),
        Para((T("network", sizes="-".join(map(str, sizes))),)),
        Para((T("rule"),)),
        Para(("",)),
    ]
    counts = []
    for l in range(1, len(sizes)):
        m, n = sizes[l - 1], sizes[l]
        counts.append(param_count(m, n))
        singular = ("_1" if m == 1 else "") + ("_n1" if n == 1 else "")  # one input, one neuron
        label = T("layer" + singular, l=l, m=m, n=n)
        steps = (Prod((Sum((Num(m), Num(1))), Num(n))), Prod((Num(m + 1), Num(n))), number(counts[-1]))
        blocks += [Heading(3, (label,)), Para((Math(Eq(steps, ("=", "="))), f" {T('params')}"), indent=4)]
    total = Eq((Sum(tuple(number(c) for c in counts)), number(sum(counts))), ("=",))
    blocks += [Para(("",)), Heading(3, (f"{T('total')}: ", Math(total), f" {T('params')}"))]
    return blocks


def run(args: argparse.Namespace) -> int:
    sizes = parse_sizes(args.sizes)
    print(mathtext.render_blocks(count_blocks(sizes, args.lang), args.format), end="")
    return 0
