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
from purenn.course import worked_examples
from purenn.course.worked_examples import TRAINING_DATA, dead_at_start
from purenn.network import Network

NAME = "demo"
HELP = "train the course's binary-to-decimal network (3-4-1, ReLU) and show its predictions"
EPILOG = "example:\n  purenn demo --seed 1 --epochs 3000"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=1, help="random seed for the initial weights (default 1)")
    parser.add_argument("--epochs", type=int, default=3000, help="iterations over all examples (default 3000)")
    parser.add_argument("--eta", type=float, default=0.01, help="learning rate η (default 0.01)")
    add_relu_argument(parser)


def run(args: argparse.Namespace) -> int:
    relu = activations.relu_with(args.relu_derivative_at_0)
    net = Network.create([3, 4, 1], hidden=relu, output=relu, seed=args.seed)
    dead = dead_at_start(net)
    history = net.train(TRAINING_DATA, epochs=args.epochs, batch_size=0, eta=args.eta, seed=args.seed)
    print(f"Netz 3-4-1 (ReLU), η = {args.eta}, {args.epochs} Iterationen, seed {args.seed}")
    print(f"Verlust (squared error) am Ende: {history[-1].loss:.6f}")
    guess = float(net.predict([1, 0, 1]).flat()[0])
    print(f"Vorhersage für unbekannten Input 101: {guess:.4f}   (erwartet: 5)")
    for x, y in TRAINING_DATA:
        out = float(net.predict(x).flat()[0])
        print(f"Vorhersage für bekannten Input {''.join(map(str, x))}: {out:.4f}   (erwartet: {y[0]})")
    if dead:
        seeds = worked_examples.get("ki-binary-dead-seeds").result()
        assert isinstance(seeds, tuple)
        print(f"Hinweis: mit seed {args.seed} ist die Ausgabe-ReLU schon vor dem Training tot (Dying ReLU): "
              "z² ≤ 0 für alle sieben Eingaben, also ReLU'(z²) = 0, δ² = 0 und jeder Gradient 0 — kein Gewicht "
              f"ändert sich. Das trifft {len(seeds)} von 20 seeds ({', '.join(map(str, seeds))}; purenn examples); "
              "versuche einen anderen --seed.")
    elif abs(guess - 5) > 0.5:
        print("Hinweis: das Netz hat 101 nicht gelernt; versuche mehr --epochs oder einen anderen --seed.")
    return 0
