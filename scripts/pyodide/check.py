"""The numbers purenn computes, as JSON — once under CPython, once inside Pyodide.

    python3 scripts/pyodide/check.py     # prints the JSON

``run.mjs`` runs this file with the host's CPython, then imports it inside
Pyodide as the module ``check`` and calls ``results()``, and compares the two.
Everything here is fixed or seeded, so both must give the same numbers up to
floating-point rounding (the dot-product kernel differs between Python
versions, see ``purenn._engine.kernels``). Fractions are exact and must agree exactly.

The file uses nothing but the standard library and purenn's public API.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from fractions import Fraction
from typing import Any, Dict, List


#: XOR with one-hot targets, for mini-batches, shuffling, softmax and cross-entropy.
XOR = [
    ([0, 0], [1, 0]),
    ([0, 1], [0, 1]),
    ([1, 0], [0, 1]),
    ([1, 1], [1, 0]),
]


def _weights(net: Any) -> List[Dict[str, Any]]:
    return [{"W": net.W(l).tolist(), "b": net.b(l).flat()} for l in range(1, net.L + 1)]


def results() -> Dict[str, Any]:
    """Everything the two interpreters must agree on; ``env`` alone may differ."""
    import purenn
    from purenn import Layer, Matrix, Network
    from purenn._engine.kernels import KERNEL
    from purenn.course.worked_examples import TRAINING_DATA as BINARY

    out: Dict[str, Any] = {}

    # Exact arithmetic: 5·0.2 + 2·0.1 + 4·0.25 + 1 = 3.2 ('Woche 10 Theorie').
    neuron = Layer(
        Matrix([[Fraction(1, 5), Fraction(1, 10), Fraction(1, 4)]]), Matrix.column([1]), "identity"
    )
    out["exact z"] = str(neuron.logits(Matrix.column([5, 2, 4])).flat()[0])

    # A fixed 2-3-2 network (sigmoid, softmax): forward pass of one example.
    fixed = Network(
        [
            Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), "sigmoid"),
            Layer(Matrix([[0, 1, 0], [1, -1, 1]]), Matrix.column([-1, 0]), "softmax"),
        ]
    )
    fp = fixed.forward([0.5, -1.0])
    out["forward"] = {
        "z": [fp.z(l).flat() for l in range(1, fixed.L + 1)],
        "a": [fp.a(l).flat() for l in range(0, fixed.L + 1)],
    }

    # Backward pass on a batch of two (one example per column), cross-entropy.
    X = Matrix.from_columns([[0.5, -1.0], [1.0, 0.25]])
    Y = Matrix.from_columns([[1, 0], [0, 1]])
    g = fixed.backward(X, Y)
    out["backward"] = {
        "loss": float(g.loss),
        "delta": [g.delta(l).tolist() for l in range(1, fixed.L + 1)],
        "dW": [g.dW(l).tolist() for l in range(1, fixed.L + 1)],
        "db": [g.db(l).flat() for l in range(1, fixed.L + 1)],
    }
    # The same with squared error: the softmax Jacobian path.
    out["backward squared_error"] = {
        "dW": [m.tolist() for m in (fixed.backward(X, Y, loss="squared_error").dW(l) for l in (1, 2))],
    }

    # The demo's 3-4-1 ReLU network, seeded, full batch, fewer epochs than the demo.
    net = Network.create([3, 4, 1], hidden="relu", output="relu", seed=1)
    initial = _weights(net)
    history = net.train(BINARY, epochs=300, batch_size=0, eta=0.01, seed=1)
    out["binary"] = {
        "initial": initial,
        "losses": history.losses,
        "final": _weights(net),
        "prediction 101": net.predict([1, 0, 1]).flat(),
    }

    # XOR: 2-4-2 tanh/softmax, mini-batches of 2 reshuffled every epoch.
    xor = Network.create([2, 4, 2], hidden="tanh", output="softmax", init="xavier", seed=7)
    history = xor.train(XOR, epochs=150, batch_size=2, eta=0.5, seed=3)
    out["xor"] = {
        "losses": history.losses,
        "accuracies": history.accuracies,
        "outputs": xor.predict(Matrix.from_columns([x for x, _ in XOR])).tolist(),
    }

    # A model file written and read back inside the interpreter's own file system.
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "xor.json")
        xor.save(path)
        out["model file round trip"] = _weights(Network.load(path)) == _weights(xor)

    out["numpy imported"] = "numpy" in sys.modules
    out["env"] = {
        "implementation": platform.python_implementation(),
        "python": platform.python_version(),
        "platform": sys.platform,
        "purenn": purenn.__version__,
        "purenn file": purenn.__file__,
        "kernel": KERNEL,
    }
    return out


def main() -> int:
    # Run as a script from a checkout: import purenn from the checkout, installed or not.
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    print(json.dumps(results(), indent=1, allow_nan=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
