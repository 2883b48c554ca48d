"""Seeded fuzzing of the public API and the command line (standard library only).

Malformed matrices, numbers, data sets, files and command lines are thrown at
purenn. Each case must end in a correct result or in an error of the kinds a
user is meant to see — ValueError, TypeError, OSError (and ZeroDivisionError,
IndexError where asked for) — never another exception, never a hang (each
case has a time limit), and never a changed input file. The seeds are fixed,
so a failure repeats.
"""

import json
import math
import random
import time
from fractions import Fraction

import pytest

from purenn import Layer, Matrix, Network
from purenn.io.npy import read_npz

from cli_run import run_main

EXPECTED = (ValueError, TypeError, OSError)
SECONDS = 2.0  # per case: far above what any of them needs

ODD_VALUES = [0, 1, -2, 0.5, 1e308, -1e308, 5e-324, float("nan"), float("inf"), -float("inf"), 10 ** 400,
              Fraction(1, 3), True, None, "1", "", b"1", [], [1], [[1]], {}, object(), 1j]


def _random_value(rng, depth=0):
    if depth < 2 and rng.random() < 0.3:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return rng.choice(ODD_VALUES)


def _check(call, *, allowed=EXPECTED):
    start = time.perf_counter()
    try:
        result = call()
    except allowed:
        result = None
    assert time.perf_counter() - start < SECONDS, "a case took too long (a hang?)"
    return result


def _finite_matrix(M):
    return all(math.isfinite(v) for row in M.rows for v in row if isinstance(v, float))


@pytest.mark.parametrize("seed", range(3))
def test_matrices_layers_and_networks_from_odd_values(seed):
    rng = random.Random(seed)
    for _ in range(300):
        rows = [[_random_value(rng) for _ in range(rng.randint(0, 3))] for _ in range(rng.randint(0, 3))]
        M = _check(lambda: Matrix(rows))
        if M is None:
            continue
        assert M.tolist() == [list(r) for r in rows]  # a Matrix holds exactly what it was given
        layer = _check(lambda: Layer(M, Matrix.column([0.0] * M.n_rows), "sigmoid"))
        if layer is not None:
            assert _finite_matrix(layer.W)  # NaN and ∞ never get into a layer


@pytest.mark.parametrize("seed", range(3))
def test_forward_backward_step_and_train_with_odd_inputs(seed):
    rng = random.Random(100 + seed)
    net = Network.create([2, 3, 2], output=rng.choice(["sigmoid", "softmax", "identity"]), seed=seed)
    for _ in range(200):
        x = _random_value(rng) if rng.random() < 0.3 else [_random_value(rng) for _ in range(rng.randint(1, 3))]
        y = [_random_value(rng) for _ in range(rng.randint(1, 3))]
        before = list(net.layers)
        out = _check(lambda: net.predict(x))
        if out is not None:
            assert out.shape[0] == 2 and _finite_matrix(out)
        loss = rng.choice(["squared_error", "cross_entropy", "half_squared_error"])
        grads = _check(lambda: net.backward(x, y, loss=loss))
        if grads is not None:
            assert math.isfinite(float(grads.loss))
            eta = rng.choice([0.1, 0, -1, float("nan"), "0.1", None, Fraction(1, 10), 1e308])
            _check(lambda: net.step(grads, eta))
            net.layers = before
        data = [(x, y)] * rng.randint(0, 2)
        options = dict(epochs=rng.choice([1, 0, -1, 1.5, "1"]), batch_size=rng.choice([1, 0, -1, 2]),
                       eta=rng.choice([0.1, 0, float("inf"), 1e6]))
        _check(lambda: net.train(data, **options))
        assert all(_finite_matrix(layer.W) and _finite_matrix(layer.b) for layer in net.layers)
        net.layers = before


def _mutations(rng, blob, n):
    for _ in range(n):
        data = bytearray(blob)
        for _ in range(rng.randint(1, 8)):
            kind = rng.random()
            k = rng.randrange(len(data)) if data else 0
            if kind < 0.4 and data:
                data[k] = rng.randrange(256)
            elif kind < 0.7:
                data[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
            else:
                del data[k : k + rng.randint(1, 16)]
        yield bytes(data)


def _text_mutations(rng, text, n):
    pieces = ["NaN", "Infinity", "-Infinity", "1e999", "[", "]", "{", "}", '"', ",", "null", "true", "-", "1" * 30,
              '"W"', '"b"', '"activation"', '"softmax"', "[[]]", "[[1,2],[3]]"]
    for _ in range(n):
        t = text
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(t))
            t = t[:k] + rng.choice(pieces) + t[k + rng.randint(0, 6):]
        yield t


def test_model_files_mutated_byte_by_byte(tmp_path):
    rng = random.Random(7)
    good = Network.create([2, 3, 2], output="softmax", seed=0).save(tmp_path / "good.json").read_text()
    path = tmp_path / "m.json"
    for text in _text_mutations(rng, good, 300):
        path.write_text(text)
        net = _check(lambda: Network.load(path))
        assert path.read_text() == text  # reading never changes the file
        if net is not None:
            assert json.loads(text)["format"] == "purenn-network"
            assert all(_finite_matrix(layer.W) and _finite_matrix(layer.b) for layer in net.layers)


def test_npz_files_mutated_byte_by_byte(tmp_path):
    rng = random.Random(8)
    blob = Network.create([2, 3, 1], seed=0).save_npz(tmp_path / "good.npz").read_bytes()
    path = tmp_path / "w.npz"
    for data in _mutations(rng, blob, 200):
        path.write_bytes(data)
        _check(lambda: read_npz(path))
        _check(lambda: Network.load_npz(path))
        assert path.read_bytes() == data


WORDS = ["--W1", "--b1", "--W2", "--b2", "--act", "--input", "--target", "--eta", "--loss", "--exact",
         "--notation", "--format", "--decimals", "--lang", "--net", "-h"]
VALUES = ["1", "2,1;1,2", "2,1;1,2;0.5,3", "-1,0,-0.25", "-1,0", "0,1,0;1,-1,1", "sigmoid", "sigmoid,softmax",
          "relu", "nan", "inf", "1e400", "1e99999999", "0." + "1" * 60, "1/0", "1/3", "", ";", ",,", "−1", "1.3,0.8",
          "0,1", "x", "2 1; 1 2", "latex", "markdown", "matrizen", "ki", "20", "-3", "de", "en", "cross_entropy",
          "missing.json", ".", "/"]


@pytest.mark.parametrize("seed", range(2))
def test_the_command_line_with_random_arguments(seed):
    rng = random.Random(1000 + seed)
    for _ in range(150):
        command = rng.choice(["forward", "backprop", "params"])
        argv = [command]
        for _ in range(rng.randint(0, 10)):
            argv.append(rng.choice(WORDS) if rng.random() < 0.5 else rng.choice(VALUES))
        start = time.perf_counter()
        result = run_main(*argv)  # an exception other than SystemExit fails the test here
        assert time.perf_counter() - start < SECONDS, argv
        assert result.returncode in (0, 1, 2), (argv, result.returncode)
        assert "Traceback" not in result.stderr, argv
        if result.returncode != 0:  # also argparse's errors: one line, without the usage
            assert result.stderr.count("\n") == 1, (argv, result.stderr)
