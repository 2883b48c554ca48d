"""``purenn forward``: the Rechenweg of a forward pass, to check an exercise answer.

'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel: the network
is typed in as the exercise gives it (or read from a file), and every logit
z^l_i and activation a^l_i is written out with the numbers put in — in the
index convention of the chosen document, as text, Markdown or LaTeX.
"""

from __future__ import annotations

import argparse

from purenn.cli import exercise_args, netspec
from purenn.rechenweg import mathtext, notation, render
from purenn.rechenweg.display import DEFAULT_DECIMALS, check_decimals
from purenn.network import Network
from purenn.scalars import Scalar
from purenn.rechenweg.trace import Trace, trace

NAME = "forward"
HELP = "the forward pass written out: every logit and activation with the numbers put in"
DESCRIPTION = (
    "The Rechenweg of a forward pass, formula for formula as in the course documents:\n"
    "z^l = W^l a^(l-1) + b^l and a^l = σ(z^l), entry by entry, with the numbers put in."
)
EPILOG = """examples:
  the forward-pass exercise of 'Parameter in neuronalen Netzen' (sigmoid, then softmax):
    purenn forward --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --W2 "0,1,0;1,-1,1" --b2 "-1,0" \\
        --act sigmoid,softmax --input 1.3,0.8

  the neuron of 'Woche 10 Theorie', exactly 2.2 + 1 = 3.2:
    purenn forward --W1 "5 2 4" --b1 1 --act relu --input "0.2 0.1 0.25" --exact

  a saved network in the notation of 'Matrizen in Neuronalen Netzen', as LaTeX:
    purenn forward netz.json --input 1.3,0.8 --notation matrizen --format latex"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    netspec.install(parser, "--input VALUES [options]")
    parser.add_argument("--input", metavar="VALUES",
                        help="the input x = a^0, comma-separated, e.g. 1.3,0.8")
    add_output_arguments(parser)


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every Rechenweg command: --exact, --notation, --format, --lang, --decimals."""
    out = parser.add_argument_group("Rechenweg")
    out.add_argument("--exact", action="store_true",
                     help="exact fractions for the linear steps (0.2 is 1/5; 5·0.2 + 2·0.1 + 4·0.25 = 2.2 exactly)")
    out.add_argument("--notation", default=notation.DEFAULT, choices=notation.NAMES,
                     help="index convention: parameter (w^k_ij, from 1; default), "
                     "matrizen (w^l_j,i, from 0), ki or course (w^(l)_jk, bias as neuron 0)")
    out.add_argument("--format", default="text", choices=mathtext.FORMATS, help="output format (default text)")
    out.add_argument("--lang", default="de", choices=render.LANGS, help="labels in German (de, default) or English (en)")
    out.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS,
                     help=f"decimals of rounded (≈) values (default {DEFAULT_DECIMALS})")


def read_input(args: argparse.Namespace, net: Network) -> "list[Scalar]":
    """``--input``, checked against the network's input layer."""
    if args.input is None:
        raise ValueError("--input is missing: give the input x, e.g. --input 1.3,0.8 (or 'input = …' in an exercise file)")
    n = net.structure[0]
    expected = f"the network has {n} input{'' if n == 1 else 's'} (W^1 has {n} column{'' if n == 1 else 's'})"
    return netspec.read_vector(args.input, "--input", n, args.exact, expected)


def print_trace(t: Trace, args: argparse.Namespace) -> int:
    """Write the Rechenweg in the chosen notation, format and language."""
    decimals = check_decimals(args.decimals)
    print(render.render(t, args.format, args.notation, args.lang, decimals), end="")
    return 0


def run(args: argparse.Namespace) -> int:
    exercise_args.apply_exercise_file(args)  # NET may be an exercise file (aufgabe.txt)
    net = netspec.network_from_args(args)
    return print_trace(trace(net, read_input(args, net)), args)
