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
from purenn.cli.commands.forward import add_output_arguments, print_trace, read_input
from purenn.losses import Loss
from purenn.scalars import Scalar
from purenn.rechenweg.trace import trace

NAME = "backprop"
HELP = "one backpropagation step written out: loss, δ of every layer, gradients, new parameters"
DESCRIPTION = (
    "The Rechenweg of one backpropagation step: forward pass, loss, δ^L = ∂E/∂a^L ⊙ σ'(z^L),\n"
    "δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), ∂E/∂W^l = δ^l (a^(l-1))ᵀ, ∂E/∂b^l = δ^l and,\n"
    "with --eta, the new parameters W^l − η·∂E/∂W^l."
)
EPILOG = """examples:
  the network of 'Parameter in neuronalen Netzen', target class 2, η = 0.5:
    purenn backprop --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --W2 "0,1,0;1,-1,1" --b2 "-1,0" \\
        --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5

  one ReLU neuron, exact, with the half squared error of 'Matrizen in Neuronalen Netzen':
    purenn backprop --W1 "5 2 4" --b1 1 --act relu --input "0.2 0.1 0.25" --target 3 \\
        --loss half_squared_error --eta 0.1 --exact --notation matrizen"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    netspec.install(parser, "--input VALUES --target VALUES [--eta NUMBER] [--loss NAME] [options]")
    parser.add_argument("--input", metavar="VALUES",
                        help="the input x = a^0, comma-separated, e.g. 1.3,0.8")
    parser.add_argument("--target", metavar="VALUES",
                        help="the target y, one value per output neuron, e.g. 0,1")
    parser.add_argument("--eta", metavar="NUMBER",
                        help="learning rate η; with it the new parameters after one step are shown")
    parser.add_argument("--loss", metavar="NAME",
                        help=f"loss function: {', '.join(losses.NAMES)} (also sel, ce); "
                        "default cross_entropy after softmax, else squared_error")
    add_output_arguments(parser)


def read_loss(args: argparse.Namespace) -> Optional[Loss]:
    """``--loss``, or None for the network's default."""
    if args.loss is None:
        return None
    try:
        return losses.get(args.loss)
    except ValueError as e:
        raise ValueError(f"--loss: {e}") from None


def run(args: argparse.Namespace) -> int:
    exercise_args.apply_exercise_file(args)  # NET may be an exercise file (aufgabe.txt)
    net = netspec.network_from_args(args)
    x = read_input(args, net)
    n_out = net.structure[-1]
    expected = f"the output layer has {n_out} neuron{'' if n_out == 1 else 's'}"
    if args.target is None:
        raise ValueError("--target is missing: give the target y, e.g. --target 0,1 (or 'target = …' in an exercise file)")
    y = netspec.read_vector(args.target, "--target", n_out, args.exact, expected)
    eta: Optional[Scalar] = None
    if args.eta is not None:
        eta = netspec.read_scalar(args.eta, "--eta", args.exact)
        if not eta > 0:
            raise ValueError(f"--eta: the learning rate must be positive, got {args.eta}")
    return print_trace(trace(net, x, y, read_loss(args), eta), args)
