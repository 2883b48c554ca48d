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
from pathlib import Path
from typing import List, Sequence, Tuple

from purenn.cli.main import UsageError
from purenn.cli.netspec import parse_sizes
from purenn.evaluation import evaluate_classifier
from purenn.io.mnist import Example
from purenn.network import Network
from purenn.cli.progress import ProgressBar, format_seconds
from purenn.cli.texts import LANGS, say
from purenn.rechenweg.display import grouped
from purenn.training import History, Progress

NAME = "mnist"


DEFAULT_HIDDEN = 100
DEFAULT_EPOCHS = 12
DEFAULT_ETA = {"relu": 0.1, "leaky_relu": 0.1, "sigmoid": 0.5, "tanh": 0.05}


def add_arguments(p: argparse.ArgumentParser) -> None:
    # The help of each option, in German and English: purenn/cli/texts.py.
    p.add_argument("--hidden", type=_sizes, default=[DEFAULT_HIDDEN], metavar="N[,N…]")
    p.add_argument("--activation", choices=sorted(DEFAULT_ETA), default="relu")
    p.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--eta", type=float, default=None)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--train", type=int, default=None, metavar="N")
    p.add_argument("--test", type=int, default=None, metavar="N")
    p.add_argument("--save", default="mnist-model.json", metavar="FILE")
    p.add_argument("--no-save", action="store_true")
    p.add_argument("--model", default=None, metavar="FILE")
    p.add_argument("--plot", default=None, metavar="FILE.svg")
    p.add_argument("--data", default=None, metavar="DIR")
    p.add_argument("--download", default=None, metavar="DIR")
    p.add_argument("--show-wrong", type=int, default=3, metavar="K")
    p.add_argument("--lang", choices=LANGS, default="de")


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
        source = say(args.lang, "mnist.source_dir", dir=args.data)
    else:
        train, test = mnist.load_embedded()
        source = say(args.lang, "mnist.source_shipped")
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
    if args.epochs < 0:
        raise UsageError(f"--epochs must be 0 or more, got {args.epochs}")
    if args.batch_size < 0:
        raise UsageError(f"--batch-size must be 0 or more, got {args.batch_size}")
    eta = args.eta if args.eta is not None else DEFAULT_ETA[args.activation]
    if eta <= 0:
        raise UsageError(f"--eta must be positive, got {eta}")
    _check_outputs(args)
    start = time.perf_counter()
    train, test, source = _load(args)
    net = _network(args)
    shape = "-".join(map(str, net.structure))
    print(say(args.lang, "mnist.sizes", source=source, n_train=len(train), n_test=len(test)))
    print(say(args.lang, "mnist.network", shape=shape, n_params=grouped(net.n_params), activation=net.activation(1).name,
              eta=eta, batch_size=args.batch_size, seed=args.seed))
    history = History()
    interrupted = False
    if args.epochs > 0:
        interrupted = _train(net, train, test, eta, history, args)
    if history:
        _print_training_time(history, args.lang)
    _save(net, history, interrupted, args)
    if not (interrupted and not history):
        _report(net, test, args)
    if args.plot and history:
        from purenn.io.svgplot import write_learning_curves

        write_learning_curves(args.plot, history, f"MNIST {shape}")
        print(say(args.lang, "mnist.curves", path=args.plot))
    print(say(args.lang, "mnist.total_time", time=format_seconds(time.perf_counter() - start)))
    return 130 if interrupted else 0


def _check_outputs(args: argparse.Namespace) -> None:
    """--save and --plot must be writable before the training starts, not after it."""
    from purenn.io.atomic import check_writable

    if _will_save(args):
        check_writable(args.save)
        check_writable(_partial_path(args.save))  # where an interrupted run goes
    if args.plot:
        check_writable(args.plot)


def _will_save(args: argparse.Namespace) -> bool:
    """Only a trained network is saved: --epochs 0 evaluates and writes nothing."""
    return not args.no_save and args.epochs > 0


def _partial_path(save: str) -> Path:
    """Where an interrupted run saves: beside the target, mnist-model.json → mnist-model.partial.json."""
    target = Path(save)
    return target.with_name(f"{target.stem}.partial{target.suffix or '.json'}")


def _train(net: Network, train: Sequence[Example], test: Sequence[Example], eta: float,
           history: History, args: argparse.Namespace) -> bool:
    """Train, and on Ctrl-C go back to the last finished epoch; True if interrupted.

    ``history`` gets one result per finished epoch; after Ctrl-C the network
    holds the weights of the last finished epoch (or the start weights), so
    that what is saved and reported is a whole epoch's work.
    """
    bar = ProgressBar(lang=args.lang)
    finished = (0, list(net.layers))  # (epoch, its weights): the last finished epoch, in one assignment

    def callback(p: Progress) -> None:
        nonlocal finished
        if p.result is not None:  # first take the finished epoch, then show it
            finished = (p.result.epoch, list(net.layers))
            history.append(p.result)
        bar(p)

    try:
        net.train(train, epochs=args.epochs, batch_size=args.batch_size, eta=eta, seed=args.seed,
                  test_data=test, callback=callback)
        return False
    except KeyboardInterrupt:
        done, net.layers = finished
        del history[done:]
        print()
        print(say(args.lang, "mnist.interrupted", done=done, epochs=args.epochs))
        return True


def _save(net: Network, history: History, interrupted: bool, args: argparse.Namespace) -> None:
    """Save the model — an interrupted run beside --save, so that a finished model there stays as it is."""
    if not _will_save(args):
        if not args.no_save and args.epochs == 0 and not args.model:
            print(say(args.lang, "mnist.evaluated_only"))
        return
    target = Path(args.save).resolve()
    kept = say(args.lang, "mnist.kept" if target.exists() else "mnist.not_written", path=target)
    if not interrupted:
        print(say(args.lang, "mnist.saved", path=Path(net.save(target)).resolve(),
                  what=say(args.lang, "mnist.saved_model")))
    elif not history:
        print(say(args.lang, "mnist.nothing_saved", kept=kept))
    else:
        partial = Path(net.save(_partial_path(args.save))).resolve()
        print(say(args.lang, "mnist.saved_partial", path=partial, n=len(history), epochs=args.epochs, kept=kept))


def _print_training_time(history: History, lang: str) -> None:
    """The training time in all and per epoch (the time of the steps, without loading and testing)."""
    seconds = sum(r.seconds for r in history)
    n = len(history)
    epochs = say(lang, "mnist.epochs_one" if n == 1 else "mnist.epochs_many", n=n)
    print(say(lang, "mnist.training_time", time=format_seconds(seconds), epochs=epochs, per_epoch=f"{seconds / n:.1f}"))


def _report(net: Network, test: Sequence[Example], args: argparse.Namespace) -> None:
    from purenn.io.mnist import render_digit

    ev = evaluate_classifier(net, test)
    print()
    print(say(args.lang, "mnist.accuracy", n=ev.total, percent=f"{100 * ev.accuracy:.1f}"))
    print()
    print(say(args.lang, "mnist.confusion"))
    print(ev.render_confusion(args.lang))
    shown = ev.wrong[: max(args.show_wrong, 0)]
    if shown:
        print()
        print(say(args.lang, "mnist.wrong"))
        captions = [say(args.lang, "mnist.wrong_caption", i=i, true=t, predicted=p) for i, t, p in shown]
        print(side_by_side([render_digit(test[i][0]) for i, _, _ in shown], captions))
    print()
    print(say(args.lang, "mnist.per_digit") + ", ".join(
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
