"""``purenn mnist``: train a network on real MNIST digits, in pure Python, offline.

'Künstliche Intelligenz selbst gemacht' ends with MNIST (Ein
Klassifikationsproblem trainieren: MNIST): 784 input neurons, one per pixel,
10 output neurons, mini-batches, and the trained weights saved to a file so
the training need not be repeated. This command does exactly that on the
5,000 digits shipped with purenn (4,500 to train, 500 held out), or on the
full data set with ``--data DIR`` / ``--download DIR``.
"""

from __future__ import annotations

import argparse
import time
from typing import List, Sequence, Tuple

from purenn.cli.main import UsageError
from purenn.cli.netspec import parse_sizes
from purenn.evaluation import evaluate_classifier
from purenn.io.mnist import Example
from purenn.network import Network
from purenn.cli.progress import ProgressBar, format_seconds
from purenn.training import History, Progress

NAME = "mnist"
HELP = "train a network on MNIST digits (offline, shipped data) and show how well it does"
DESCRIPTION = __doc__
EPILOG = """examples:
  purenn mnist                                   # defaults: 784-100-10, ReLU, 12 epochs
  purenn mnist --epochs 1 --train 500 --save m.json
  purenn mnist --model m.json --epochs 0         # only evaluate a saved model
  purenn mnist --hidden 100 --activation sigmoid --eta 0.5 --plot curves.svg
  purenn mnist --download ~/mnist                # the full 60,000 + 10,000 digits
"""


DEFAULT_HIDDEN = 100
DEFAULT_EPOCHS = 12
DEFAULT_ETA = {"relu": 0.1, "leaky_relu": 0.1, "sigmoid": 0.5, "tanh": 0.05}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--hidden", type=_sizes, default=[DEFAULT_HIDDEN], metavar="N[,N…]",
                   help=f"neurons per hidden layer, e.g. 30 or 64,32 (default {DEFAULT_HIDDEN})")
    p.add_argument("--activation", choices=sorted(DEFAULT_ETA), default="relu",
                   help="activation of the hidden layers (default relu); the output is softmax")
    p.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS,
                   help=f"passes over the training digits (default {DEFAULT_EPOCHS}; 0 = only evaluate)")
    p.add_argument("--batch-size", type=int, default=10, help="mini-batch size N (default 10)")
    p.add_argument("--eta", type=float, default=None, help=f"learning rate η (default {DEFAULT_ETA['relu']} for relu, {DEFAULT_ETA['sigmoid']} for sigmoid)")
    p.add_argument("--seed", type=int, default=1, help="seed for the initial weights and the shuffling (default 1)")
    p.add_argument("--train", type=int, default=None, metavar="N", help="use only the first N training digits")
    p.add_argument("--test", type=int, default=None, metavar="N", help="use only the first N held-out digits")
    p.add_argument("--save", default="mnist-model.json", metavar="FILE", help="where to save the model (default mnist-model.json)")
    p.add_argument("--no-save", action="store_true", help="do not save the model")
    p.add_argument("--model", default=None, metavar="FILE", help="start from a saved model (evaluate it, or continue training)")
    p.add_argument("--plot", default=None, metavar="FILE.svg", help="write the loss and accuracy curves as SVG")
    p.add_argument("--data", default=None, metavar="DIR", help="read the four official MNIST files from DIR")
    p.add_argument("--download", default=None, metavar="DIR", help="download the official MNIST files into DIR first")
    p.add_argument("--show-wrong", type=int, default=3, metavar="K", help="draw K misclassified digits (default 3)")
    p.add_argument("--lang", choices=["de", "en"], default="de", help="language of the output (default de)")


def _sizes(text: str) -> List[int]:
    """The hidden layer sizes, ``30`` or ``64,32``."""
    try:
        return parse_sizes([text], at_least=1)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected whole numbers like 30 or 64,32, got {text!r}: {e}") from None


def _load(args: argparse.Namespace) -> Tuple[List[Example], List[Example], str]:
    from purenn.io import mnist

    if args.download:
        from purenn.io.download import download_mnist

        download_mnist(args.download)
        args.data = args.data or args.download
    for option in ("train", "test"):
        value = getattr(args, option)
        if value is not None and value < 1:
            raise UsageError(f"--{option} must be at least 1, got {value}")
    if args.data:
        train, test = mnist.load_directory(args.data, n_train=args.train, n_test=args.test)
        source = f"MNIST aus {args.data}" if args.lang == "de" else f"MNIST from {args.data}"
    else:
        train, test = mnist.load_embedded()
        source = "mitgelieferte MNIST-Ziffern" if args.lang == "de" else "shipped MNIST digits"
    if args.train is not None:
        train = train[: args.train]
    if args.test is not None:
        test = test[: args.test]
    return train, test, source


def _network(args: argparse.Namespace) -> Network:
    if args.model:
        net = Network.load(args.model)
        if net.structure[0] != 784 or net.structure[-1] != 10:
            raise UsageError(f"{args.model} is a {'-'.join(map(str, net.structure))} network; MNIST needs 784 inputs and 10 outputs")
        return net
    return Network.create([784, *args.hidden, 10], hidden=args.activation, output="softmax", init="he", seed=args.seed)


def run(args: argparse.Namespace) -> int:
    de = args.lang == "de"
    if args.epochs < 0:
        raise UsageError(f"--epochs must be 0 or more, got {args.epochs}")
    if args.batch_size < 0:
        raise UsageError(f"--batch-size must be 0 or more, got {args.batch_size}")
    eta = args.eta if args.eta is not None else DEFAULT_ETA[args.activation]
    if eta <= 0:
        raise UsageError(f"--eta must be positive, got {eta}")
    start = time.perf_counter()
    train, test, source = _load(args)
    net = _network(args)
    shape = "-".join(map(str, net.structure))
    print(f"{source}: {len(train)} {'zum Training' if de else 'for training'}, "
          f"{len(test)} {'zurückgehalten zum Testen' if de else 'held out for testing'}")
    n_params = f"{net.n_params:,}".replace(",", "." if de else ",")
    if de:
        print(f"Netz {shape} ({n_params} Parameter), σ = {net.activation(1).name}, Softmax + Cross-Entropy, "
              f"η = {eta}, Mini-Batches zu {args.batch_size}, seed {args.seed}")
    else:
        print(f"network {shape} ({n_params} parameters), σ = {net.activation(1).name}, softmax + cross-entropy, "
              f"η = {eta}, mini-batches of {args.batch_size}, seed {args.seed}")
    history = History()
    interrupted = False
    if args.epochs > 0:
        bar = ProgressBar(lang=args.lang)

        def callback(p: Progress) -> None:
            bar(p)
            if p.result is not None:
                history.append(p.result)

        try:
            net.train(train, epochs=args.epochs, batch_size=args.batch_size, eta=eta, seed=args.seed,
                      test_data=test, callback=callback)
        except KeyboardInterrupt:
            interrupted = True
            print()
            print("Abgebrochen (Strg-C) — " if de else "Interrupted (Ctrl-C) — ", end="")
            print(f"{len(history)} {'Epochen fertig trainiert' if de else 'epochs completed'}.")
    if history:
        _print_training_time(history, de)
    _report(net, test, args)
    if args.plot and history:
        from purenn.io.svgplot import write_learning_curves

        write_learning_curves(args.plot, history, f"MNIST {shape}")
        print(f"{'Lernkurven' if de else 'Learning curves'}: {args.plot}")
    if not args.no_save and (args.epochs > 0 or not args.model):
        path = net.save(args.save)
        what = "das bisher Trainierte" if interrupted else "das Modell"
        print(f"{'Gespeichert' if de else 'Saved'}: {path}" + (f" ({what})" if de else ""))
    print(f"{'Gesamtzeit' if de else 'Total time'}: {format_seconds(time.perf_counter() - start)}")
    return 130 if interrupted else 0


def _print_training_time(history: History, de: bool) -> None:
    """The training time in all and per epoch (the time of the steps, without loading and testing)."""
    seconds = sum(r.seconds for r in history)
    per_epoch = seconds / len(history)
    if de:
        per_epoch_de = f"{per_epoch:.1f}".replace(".", ",")  # German decimal comma
        epochs = "1 Epoche" if len(history) == 1 else f"{len(history)} Epochen"
        print(f"Trainingszeit: {format_seconds(seconds)} für {epochs}, {per_epoch_de} s pro Epoche")
    else:
        epochs = "1 epoch" if len(history) == 1 else f"{len(history)} epochs"
        print(f"Training time: {format_seconds(seconds)} for {epochs}, {per_epoch:.1f} s per epoch")


def _report(net: Network, test: Sequence[Example], args: argparse.Namespace) -> None:
    from purenn.io.mnist import render_digit

    de = args.lang == "de"
    ev = evaluate_classifier(net, test)
    print()
    print(f"{'Genauigkeit auf' if de else 'Accuracy on'} {ev.total} "
          f"{'zurückgehaltenen Ziffern' if de else 'held-out digits'}: {100 * ev.accuracy:.1f} %")
    print()
    print("Konfusionsmatrix (Zeile: wahre Ziffer, Spalte: vorhergesagte):" if de
          else "Confusion matrix (row: true digit, column: predicted):")
    print(ev.render_confusion(args.lang))
    shown = ev.wrong[: max(args.show_wrong, 0)]
    if shown:
        print()
        print("Falsch erkannt, zum Beispiel:" if de else "Misclassified, for example:")
        captions = [
            f"#{i}: {'wahr' if de else 'true'} {t}, {'erkannt' if de else 'predicted'} {p}" for i, t, p in shown
        ]
        print(side_by_side([render_digit(test[i][0]) for i, _, _ in shown], captions))
    print()
    print(f"{'Anteil richtig pro Ziffer' if de else 'Accuracy per digit'}: " + ", ".join(
        f"{k}: {100 * ev.class_accuracy(k):.0f} %" for k in range(len(ev.confusion))))


def side_by_side(pictures: List[str], captions: List[str]) -> str:
    r"""Text pictures next to each other, cropped to the rows and columns that show something.

    ``render_digit`` draws a pixel as two equal characters; every second one is
    kept so that three digits fit into an 80-column terminal.

    >>> print(side_by_side(["    \n##..\n    ", "    \n..##\n    "], ["a", "b"]))
    a    b
    #.   .#
    """
    grids = [[line[::2] for line in p.splitlines()] for p in pictures]
    rows = [k for k in range(max(len(g) for g in grids)) if any(k < len(g) and g[k].strip() for g in grids)]
    cropped = []
    for g in grids:
        used = [j for line in g for j, ch in enumerate(line) if ch.strip()]
        left, right = (min(used), max(used) + 1) if used else (0, 1)
        cropped.append([(g[k] if k < len(g) else "")[left:right] for k in rows])
    widths = [max([len(c)] + [len(line) for line in g]) for g, c in zip(cropped, captions)]
    lines = ["   ".join(c.ljust(w) for c, w in zip(captions, widths)).rstrip()]
    for k in range(len(rows)):
        lines.append("   ".join(g[k].ljust(w) for g, w in zip(cropped, widths)).rstrip())
    return "\n".join(lines)
