"""``purenn forward``: the Rechenweg of a forward pass, to check an exercise answer.

'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel: the network
is typed in as the exercise gives it (or read from a file), and every logit
z^l_i and activation a^l_i is written out with the numbers put in — in the
index convention of the chosen document, as text, Markdown or LaTeX.
"""

from __future__ import annotations

import argparse

from purenn.cli import netspec
from purenn.rechenweg import mathtext, notation, render
from purenn.rechenweg.display import DEFAULT_DECIMALS, check_decimals
from purenn.network import Network
from purenn.scalars import Scalar
from purenn.rechenweg.trace import Trace, trace

NAME = "forward"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    netspec.install(parser, "--input VALUES [options]")
    parser.add_argument("--input", required=True, metavar="VALUES")
    add_output_arguments(parser)


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every Rechenweg command: --exact, --notation, --format, --lang, --decimals."""
    out = parser.add_argument_group("Rechenweg")
    out.add_argument("--exact", action="store_true")
    out.add_argument("--notation", default=notation.DEFAULT, choices=notation.NAMES)
    out.add_argument("--format", default="text", choices=mathtext.FORMATS)
    out.add_argument("--lang", default="de", choices=render.LANGS)
    out.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS)


def read_input(args: argparse.Namespace, net: Network) -> "list[Scalar]":
    """``--input``, checked against the network's input layer."""
    n = net.structure[0]
    expected = f"the network has {n} input{'' if n == 1 else 's'} (W^1 has {n} column{'' if n == 1 else 's'})"
    return netspec.read_vector(args.input, "--input", n, args.exact, expected)


def print_trace(t: Trace, args: argparse.Namespace) -> int:
    """Write the Rechenweg in the chosen notation, format and language."""
    decimals = check_decimals(args.decimals)
    print(render.render(t, args.format, args.notation, args.lang, decimals), end="")
    return 0


def run(args: argparse.Namespace) -> int:
    net = netspec.network_from_args(args)
    return print_trace(trace(net, read_input(args, net)), args)
