"""``purenn backprop``: one step of backpropagation written out, to check an exercise answer.

The forward pass as in ``purenn forward``, then — for a target y, a loss
and a learning rate η — the loss, the error δ^l of every layer from the
output layer back to layer 1, the gradients ∂E/∂W^l and ∂E/∂b^l, and the
parameters after one step of gradient descent W^l − η·∂E/∂W^l
('Training von neuronalen Netzen'; 'Matrizen in Neuronalen Netzen' §3;
'Künstliche Intelligenz selbst gemacht', Backpropagation).
"""

from __future__ import annotations

import argparse
from typing import Optional

from purenn import losses
from purenn.cli import exercise_args, netspec
from purenn.cli.commands.forward import (
    add_input_argument, add_output_arguments, print_trace, read_input, with_relu_choice,
)
from purenn.losses import Loss
from purenn.matrix import Matrix
from purenn.network import Input, Network
from purenn.scalars import Scalar
from purenn.rechenweg.trace import trace

NAME = "backprop"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    netspec.install(parser, "--input VALUES --target VALUES [--eta NUMBER] [--loss NAME] [options]")
    add_input_argument(parser)
    parser.add_argument("--target", metavar="VALUES", action="append")
    parser.add_argument("--eta", metavar="NUMBER")
    parser.add_argument("--loss", metavar="NAME")
    add_output_arguments(parser)


def read_loss(args: argparse.Namespace) -> Optional[Loss]:
    """``--loss``, or None for the network's default."""
    if args.loss is None:
        return None
    try:
        return losses.get(args.loss)
    except ValueError as e:
        raise ValueError(f"--loss: {e}") from None


def read_target(args: argparse.Namespace, net: Network, N: int) -> Input:
    """``--target``: one per ``--input``, each with one value per output neuron."""
    if args.target is None:
        raise ValueError("--target is missing: give the target y, e.g. --target 0,1 (or 'target = …' in an exercise file)")
    n_out = net.structure[-1]
    texts = args.target if isinstance(args.target, list) else [args.target]
    if len(texts) != N:
        raise ValueError(f"--target is given {len(texts)} time{'' if len(texts) == 1 else 's'}, "
                         f"but --input {N} time{'' if N == 1 else 's'}: one target per example")
    expected = f"the output layer has {n_out} neuron{'' if n_out == 1 else 's'}"
    targets = [netspec.read_vector(text, "--target", n_out, args.exact, expected) for text in texts]
    return targets[0] if N == 1 else Matrix.from_columns(targets)


def run(args: argparse.Namespace) -> int:
    exercise_args.apply_exercise_file(args)  # NET may be an exercise file (aufgabe.txt)
    net = with_relu_choice(netspec.network_from_args(args), args)
    x = read_input(args, net)
    N = x.n_cols if isinstance(x, Matrix) else 1
    y = read_target(args, net, N)
    eta: Optional[Scalar] = None
    if args.eta is not None:
        eta = netspec.read_scalar(args.eta, "--eta", args.exact)
        if not eta > 0:
            raise ValueError(f"--eta: the learning rate must be positive, got {args.eta}")
    return print_trace(trace(net, x, y, read_loss(args), eta), args)
