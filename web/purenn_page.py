"""What the offline purenn page asks Python for, inside Pyodide (and testable with plain CPython).

The page's Web Worker (worker.js) imports this module and calls its functions
with JSON-able arguments; everything returned is JSON-able too. The
Rechenweg is purenn's own command line run in-process, so the page shows
exactly what ``purenn forward`` / ``purenn backprop`` print. MNIST is
``Network.train`` on the shipped digits with the same network and seed as
``purenn mnist``, so the same settings give the same accuracy on the page and
on the command line.

Not part of the library: purenn never imports this module.
"""

from __future__ import annotations

import contextlib
import io
import importlib.util
import json
import platform
import shlex
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import purenn
from purenn.cli.commands.mnist import DEFAULT_ETA, DEFAULT_HIDDEN
from purenn.cli.main import main as purenn_main
from purenn.evaluation import evaluate_classifier
from purenn.exercises import exercise_file
from purenn.io import mnist
from purenn.network import Network
from purenn.scalars import argmax
from purenn.training import Progress

__all__ = [
    "run_command",
    "rechenweg_argv",
    "form_from_text",
    "form_from_command",
    "form_from_exercise",
    "answer_check_available",
    "check_answers",
    "train_mnist",
    "test_digit",
    "digit_from_drawing",
    "predict",
]

# -- the Rechenweg -----------------------------------------------------------------------

#: The form's fields that become options of ``purenn forward``/``backprop`` as they are.
_VALUE_OPTIONS = ("act", "input", "target", "eta", "loss", "notation", "format", "lang", "decimals")


def run_command(argv: Sequence[str]) -> Dict[str, Any]:
    """``purenn ARGV`` in-process: {"code": exit code, "stdout": …, "stderr": …}."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = purenn_main(list(argv))
        except SystemExit as e:  # argparse: a missing or unknown option
            code = e.code if isinstance(e.code, int) else 2
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def rechenweg_argv(form: Dict[str, Any]) -> List[str]:
    """The command line for the page's form: ``forward`` without a target, else ``backprop``.

    ``form`` holds "W1", "b1", "W2", … (the matrices as typed, ``2,1;1,2``),
    "act", "input", "target", "eta", "loss", "notation", "format", "lang",
    "decimals" (text, empty = not given) and "exact" (true/false).

    >>> rechenweg_argv({"W1": "2,1", "b1": "-1", "act": "relu", "input": "1,2", "exact": True})
    ['forward', '--W1=2,1', '--b1=-1', '--act=relu', '--input=1,2', '--exact']
    """
    has_target = bool(str(form.get("target") or "").strip())
    argv = ["backprop" if has_target else "forward"]
    layers = sorted(int(key[1:]) for key in form if key[:1] == "W" and key[1:].isdigit())
    for l in layers:
        for kind in ("W", "b"):
            argv.append(f"--{kind}{l}={str(form.get(f'{kind}{l}') or '').strip()}")
    for name in _VALUE_OPTIONS:
        value = str(form.get(name) or "").strip()
        if value and (has_target or name not in ("eta", "loss", "target")):
            # "1.3,0.8 | 0.5,-1" in the input (and target) field: a mini-batch, one --input per example
            parts = [p.strip() for p in value.split("|")] if name in ("input", "target") else [value]
            argv += [f"--{name}={part}" for part in parts]
    if form.get("exact"):
        argv.append("--exact")
    return argv


def form_from_text(text: str) -> Dict[str, Any]:
    """The form for pasted text: a command line (one line, after joining ``\\`` continuations) or an exercise file.

    >>> form_from_text("W1 = 5 2 4\\nb1 = 1\\nact = relu\\ninput = 0,2 0,1 0,25  # Woche 10")
    {'W1': '5 2 4', 'b1': '1', 'act': 'relu', 'input': '0.2 0.1 0.25'}
    """
    joined = text.replace("\\\n", " ").strip()
    first = joined.split(None, 1)[0] if joined else ""
    if "\n" not in joined and (first in ("purenn", "python", "python3", "forward", "backprop") or first.startswith("--")):
        return form_from_command(joined)
    return form_from_exercise(text)


def form_from_exercise(text: str) -> Dict[str, Any]:
    """The form for the text of an exercise file (``purenn.exercises.exercise_file``, e.g. examples/aufgaben/).

    An exercise that asks for the forward pass only leaves the target out, as the page
    shows backpropagation exactly when a target is given.
    """
    ex = exercise_file.parse(text, "exercise")
    form: Dict[str, Any] = {}
    for l in range(1, ex.L + 1):
        form[f"W{l}"] = ex.weights.get(l, "")
        form[f"b{l}"] = ex.biases.get(l, "")
    steps = ex.ask in ("backprop", "minibatch")
    # a mini-batch: its examples in one field, separated by " | " (rechenweg_argv gives one --input each)
    inputs = " | ".join(ex.inputs) if ex.inputs else ex.input
    targets = " | ".join(ex.targets) if ex.targets else ex.target
    fields = {"act": ex.act, "input": inputs, "target": targets if steps else None,
              "eta": ex.eta if steps else None, "loss": ex.loss, "notation": ex.notation,
              "decimals": None if ex.decimals is None else str(ex.decimals)}
    form.update({name: value for name, value in fields.items() if value is not None})
    if ex.exact:
        form["exact"] = True
    return form


def form_from_command(text: str) -> Dict[str, Any]:
    """The form for a pasted command line, e.g. ``purenn backprop --W1 "2,1;1,2" …`` as in the docs.

    >>> form_from_command('purenn forward --W1 "2 1; 1 2" --b1 -1,0 --act relu --input 1.3,0.8 --exact')
    {'W1': '2 1; 1 2', 'b1': '-1,0', 'act': 'relu', 'input': '1.3,0.8', 'exact': True}
    """
    words = shlex.split(text.replace("\\\n", " "))
    while words and words[0] in ("purenn", "python", "python3", "-m", "forward", "backprop"):
        words = words[1:]
    form: Dict[str, Any] = {}
    k = 0
    while k < len(words):
        word = words[k]
        if not word.startswith("--"):
            raise ValueError(f"expected an option such as --W1 or --input, got {word!r}")
        name, _, value = word[2:].partition("=")
        if name == "exact":
            form["exact"] = True
            k += 1
            continue
        if not value:
            if k + 1 >= len(words):
                raise ValueError(f"--{name} needs a value")
            value = words[k + 1]
            k += 1
        if name[:1] in "Ww" and name[1:].isdigit():
            name = "W" + name[1:]
        elif name[:1] in "Bb" and name[1:].isdigit():
            name = "b" + name[1:]
        elif name not in _VALUE_OPTIONS:
            raise ValueError(f"--{name} is not an option of purenn forward or backprop")
        form[name] = value
        k += 1
    return form


def answer_check_available() -> bool:
    """True when this purenn has the answer check (the package ``purenn.exercises``)."""
    return importlib.util.find_spec("purenn.exercises") is not None


def check_answers(form: Dict[str, Any], answers: str) -> Dict[str, Any]:
    """``purenn check ANSWERS`` for the form's exercise, given by the options of ``purenn backprop``.

    Only offered by the page when ``answer_check_available()``; the answers
    are ``name = value`` lines as the Rechenweg names its quantities.
    """
    if not answer_check_available():
        raise ValueError("this purenn has no answer check (purenn check)")
    path = Path(tempfile.gettempdir()) / "purenn-antworten.txt"
    path.write_text(answers, encoding="utf-8")
    options = rechenweg_argv({**form, "format": "text"})[1:]
    return run_command(["check", *options, str(path)])


# -- MNIST -----------------------------------------------------------------------------

#: The trained network, kept for ``predict`` (the worker has one page).
_state: Dict[str, Network] = {}


def train_mnist(settings: Dict[str, Any], report: Callable[[str], None], every: float = 0.2) -> Dict[str, Any]:
    """Train 784-hidden-10 on the shipped digits as ``purenn mnist`` does, reporting progress.

    ``settings``: "hidden", "activation", "epochs", "batch", "eta" (empty =
    the command's default), "seed", "train" and "test" (how many digits).
    ``report`` gets a JSON text at most every ``every`` seconds and after each
    epoch: {"epoch", "epochs", "seen", "total", "seconds", "per_second", "loss",
    "accuracy"} (loss and accuracy: the epoch's running mean so far) and,
    after an epoch, "result" with the loss and accuracies. Returns the
    history, the accuracy on the held-out digits and the confusion matrix.
    """
    hidden = int(settings.get("hidden") or DEFAULT_HIDDEN)
    activation = str(settings.get("activation") or "relu")
    epochs = int(settings.get("epochs") or 1)
    batch = int(settings.get("batch") or 10)
    eta_text = str(settings.get("eta") or "").strip()
    eta = float(eta_text) if eta_text else DEFAULT_ETA[activation]
    seed = int(settings.get("seed") or 0)
    n_train = int(settings.get("train") or 4500)
    n_test = int(settings.get("test") or 500)
    if not 1 <= n_test <= 500 or not 1 <= n_train <= 4500:
        raise ValueError(f"train must be 1..4500 and test 1..500 digits, got {n_train} and {n_test}")
    train, test = mnist.load_embedded()
    train, test = train[:n_train], test[:n_test]
    # The network and the call of `purenn mnist`, so both give the same run for the same seed.
    net = Network.create([784, hidden, 10], hidden=activation, output="softmax", init="he", seed=seed)
    last = [0.0]

    def callback(p: Progress) -> None:
        now = time.perf_counter()
        if p.result is None and now - last[0] < every:
            return
        last[0] = now
        message: Dict[str, Any] = {
            "epoch": p.epoch, "epochs": p.epochs, "seen": p.seen, "total": p.total,
            "seconds": p.seconds, "per_second": p.seen / p.seconds if p.seconds > 0 else 0.0,
            # the epoch's running mean loss and accuracy so far, for the live curve
            "loss": p.loss, "accuracy": p.accuracy,
        }
        if p.result is not None:
            r = p.result
            message["result"] = {"epoch": r.epoch, "loss": r.loss, "accuracy": r.accuracy,
                                 "test_loss": r.test_loss, "test_accuracy": r.test_accuracy,
                                 "per_second": r.examples_per_second}
        report(json.dumps(message))

    started = time.perf_counter()
    history = net.train(train, epochs=epochs, batch_size=batch, eta=eta, seed=seed,
                        test_data=test, callback=callback)
    seconds = time.perf_counter() - started
    _state["net"] = net
    ev = evaluate_classifier(net, test)
    return {
        "structure": net.structure, "eta": eta, "seed": seed,
        "accuracy": ev.accuracy, "confusion": ev.confusion, "test": ev.total,
        # examples/s as `purenn mnist` counts them: the training steps, without the evaluation
        "seconds": seconds, "per_second": epochs * len(train) / max(sum(r.seconds for r in history), 1e-9),
        "history": [{"epoch": r.epoch, "loss": r.loss, "accuracy": r.accuracy,
                     "test_loss": r.test_loss, "test_accuracy": r.test_accuracy} for r in history],
    }


def test_digit(index: int) -> Dict[str, Any]:
    """Held-out digit ``index`` of the shipped data: its 784 pixels (0..1, row by row) and its label."""
    _, test = mnist.load_embedded()
    x, y = test[index]
    # the shipped digits are compact Pixels vectors; the page gets plain floats (JSON)
    return {"pixels": [float(v) for v in x], "label": mnist.label_of(y)}


def predict(pixels: Sequence[float]) -> Dict[str, Any]:
    """The trained network's answer for 784 pixels: the digit and the ten probabilities a^L."""
    net = _state.get("net")
    if net is None:
        raise ValueError("train the network first")
    if len(pixels) != mnist.PIXELS:
        raise ValueError(f"expected {mnist.PIXELS} pixels, got {len(pixels)}")
    p = [float(v) for v in net.predict(list(pixels)).flat()]
    return {"digit": argmax(p), "probabilities": p}


# -- a drawn digit, made to look like an MNIST digit --------------------------------------

#: MNIST's preparation (LeCun et al.): the digit scaled to fit a 20×20 box, keeping its
#: aspect ratio, then placed in the 28×28 field with its centre of mass in the middle.
BOX = 20
FIELD = 28


def digit_from_drawing(ink: Sequence[float], width: int, height: int) -> List[float]:
    """784 pixels (0..1) from a drawing of ``width``×``height`` ink values (0 = paper, 1 = ink).

    The ink's bounding box is scaled to BOX pixels on its longer side (each
    new pixel the mean of the drawn pixels it covers), scaled so that the
    darkest pixel is 1, and shifted so that its centre of mass sits in the
    middle of the FIELD×FIELD image, as MNIST's digits are.
    """
    if len(ink) != width * height:
        raise ValueError(f"expected {width}×{height} = {width * height} values, got {len(ink)}")
    rows = [r for r in range(height) if any(ink[r * width + c] > 0 for c in range(width))]
    cols = [c for c in range(width) if any(ink[r * width + c] > 0 for r in rows)]
    if not rows:
        raise ValueError("nothing is drawn")
    top, left = rows[0], cols[0]
    h, w = rows[-1] - top + 1, cols[-1] - left + 1
    scale = BOX / max(h, w)
    H, W = max(1, round(h * scale)), max(1, round(w * scale))
    sums = [[0.0] * W for _ in range(H)]
    counts = [[0] * W for _ in range(H)]
    for r in range(h):
        R = min(H - 1, int(r * scale))
        line = ink[(top + r) * width + left : (top + r) * width + left + w]
        for c, v in enumerate(line):
            C = min(W - 1, int(c * scale))
            sums[R][C] += v
            counts[R][C] += 1
    box = [[s / n if n else 0.0 for s, n in zip(srow, nrow)] for srow, nrow in zip(sums, counts)]
    darkest = max(max(row) for row in box)
    box = [[v / darkest for v in row] for row in box]
    mass = sum(map(sum, box))
    com_r = sum(r * v for r, row in enumerate(box) for v in row) / mass
    com_c = sum(c * v for row in box for c, v in enumerate(row)) / mass
    # the centre of mass of MNIST's digits is at pixel (14, 14), counted from 0
    shift_r, shift_c = round(FIELD / 2 - com_r), round(FIELD / 2 - com_c)
    field = [0.0] * (FIELD * FIELD)
    for r, row in enumerate(box):
        for c, v in enumerate(row):
            R, C = r + shift_r, c + shift_c
            if 0 <= R < FIELD and 0 <= C < FIELD:
                field[R * FIELD + C] = v
    return field


def describe_runtime() -> Dict[str, Optional[str]]:
    """Which Python runs the page (shown in its footer)."""
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "purenn": purenn.__version__}
