"""``purenn demo``: the course's first training task, binary to decimal.

'Künstliche Intelligenz selbst gemacht', Binärumwandlung trainieren: a 3-4-1
network with ReLU in both layers learns to turn three binary digits into a
number, η = 0.01, 3000 iterations over all seven examples — 101 is left out
on purpose, and the network still answers about 5 for it.
"""

from __future__ import annotations

import argparse

from purenn import activations
from purenn.cli.commands.forward import add_relu_argument
from purenn.cli.texts import say
from purenn.course import worked_examples
from purenn.course.worked_examples import TRAINING_DATA, dead_at_start
from purenn.network import Network

NAME = "demo"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3000)
    parser.add_argument("--eta", type=float, default=0.01)
    add_relu_argument(parser)


def run(args: argparse.Namespace) -> int:
    relu = activations.relu_with(args.relu_derivative_at_0)
    net = Network.create([3, 4, 1], hidden=relu, output=relu, seed=args.seed)
    dead = dead_at_start(net)
    history = net.train(TRAINING_DATA, epochs=args.epochs, batch_size=0, eta=args.eta, seed=args.seed)
    print(say(args.lang, "demo.network", eta=args.eta, epochs=args.epochs, seed=args.seed))
    print(say(args.lang, "demo.loss", loss=f"{history[-1].loss:.6f}"))
    guess = float(net.predict([1, 0, 1]).flat()[0])
    print(say(args.lang, "demo.unknown", out=f"{guess:.4f}"))
    for x, y in TRAINING_DATA:
        out = float(net.predict(x).flat()[0])
        print(say(args.lang, "demo.known", x="".join(map(str, x)), out=f"{out:.4f}", y=y[0]))
    if dead:
        seeds = worked_examples.get("ki-binary-dead-seeds").result()
        assert isinstance(seeds, tuple)
        print(say(args.lang, "demo.dead_at_start", seed=args.seed, count=len(seeds),
                  seeds=", ".join(map(str, seeds))))
    elif abs(guess - 5) > 0.5:
        print(say(args.lang, "demo.not_learned"))
    return 0
