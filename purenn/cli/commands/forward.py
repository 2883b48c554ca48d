"""``purenn forward``: the Rechenweg of a forward pass, to check an exercise answer.

'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel: the network
is typed in as the exercise gives it (or read from a file), and every logit
z^l_i and activation a^l_i is written out with the numbers put in — in the
index convention of the chosen document, as text, Markdown or LaTeX.
"""

from __future__ import annotations

import argparse

from purenn import activations
from purenn.cli import exercise_args, netspec
from purenn.layer import Layer
from purenn.rechenweg import mathtext, notation, render
from purenn.rechenweg.display import DEFAULT_DECIMALS, check_decimals
from purenn.matrix import Matrix
from purenn.network import Input, Network
from purenn.rechenweg.trace import Trace, trace

NAME = "forward"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    netspec.install(parser, "--input VALUES [--input VALUES ...] [options]")
    add_input_argument(parser)
    add_output_arguments(parser)


def add_input_argument(parser: argparse.ArgumentParser) -> None:
    """``--input``, once for one example, several times for a mini-batch."""
    parser.add_argument("--input", metavar="VALUES", action="append")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every Rechenweg command: --exact, --notation, --format, --lang, --decimals."""
    out = parser.add_argument_group("Rechenweg")
    out.add_argument("--exact", action="store_true")
    out.add_argument("--notation", default=notation.DEFAULT, choices=notation.NAMES)
    add_relu_argument(out)
    out.add_argument("--format", default="text", choices=mathtext.FORMATS)
    out.add_argument("--lang", default="de", choices=render.LANGS)
    out.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS)


def add_relu_argument(parser: "argparse.ArgumentParser | argparse._ArgumentGroup") -> None:
    """``--relu-derivative-at-0``: the value of ReLU'(0), which the slide and the course code choose differently."""
    parser.add_argument("--relu-derivative-at-0", type=int, choices=(0, 1), default=0, metavar="0|1")


def with_relu_choice(net: Network, args: argparse.Namespace) -> Network:
    """The network with every ReLU layer using the chosen ReLU'(0) (``activations.relu_with``)."""
    choice = activations.relu_with(args.relu_derivative_at_0)
    return Network([
        Layer(layer.W, layer.b, choice) if layer.activation.name in ("relu", "relu_heaviside") else layer
        for layer in net.layers
    ])


def read_input(args: argparse.Namespace, net: Network) -> Input:
    """``--input``, checked against the network's input layer: one example, or a batch with one per column."""
    if args.input is None:
        raise ValueError("--input is missing: give the input x, e.g. --input 1.3,0.8 (or 'input = …' in an exercise file)")
    n = net.structure[0]
    expected = f"the network has {n} input{'' if n == 1 else 's'} (W^1 has {n} column{'' if n == 1 else 's'})"
    texts = args.input if isinstance(args.input, list) else [args.input]
    examples = [netspec.read_vector(text, "--input", n, args.exact, expected) for text in texts]
    return examples[0] if len(examples) == 1 else Matrix.from_columns(examples)


def print_trace(t: Trace, args: argparse.Namespace) -> int:
    """Write the Rechenweg in the chosen notation, format and language."""
    decimals = check_decimals(args.decimals)
    print(render.render(t, args.format, args.notation, args.lang, decimals), end="")
    return 0


def run(args: argparse.Namespace) -> int:
    exercise_args.apply_exercise_file(args)  # NET may be an exercise file (aufgabe.txt)
    net = with_relu_choice(netspec.network_from_args(args), args)
    return print_trace(trace(net, read_input(args, net)), args)
