"""What comes in is checked once, in purenn.validation, at every boundary: NaN/∞ with their position,
cross-entropy targets, typed numbers that would hang, layer sizes with a minus sign."""

import json
import math
import time

import pytest

from purenn import Layer, Matrix, Network, validation
from purenn.io.course_form import course_predict, to_course_weights
from purenn.io.npy import NpyArray, write_npz
from purenn.training import check_data

from cli_run import run_main

NAN, INF = float("nan"), float("inf")


def _net(output="sigmoid"):
    return Network.create([2, 3, 2], output=output, seed=0)


# -- NaN and infinity, at every boundary -----------------------------------------------------


@pytest.mark.parametrize("x, where", [
    ([0.5, NAN], r"the input entry \[1, 0\] is nan"),
    ([[0.5], [INF]], r"the input entry \[1, 0\] is inf"),
    (Matrix([[0.5, 1.0], [-INF, 2.0]]), r"the input entry \[1, 0\] is -inf"),
])
def test_forward_refuses_nan_and_inf_with_the_position(x, where):
    with pytest.raises(ValueError, match=where):
        _net().forward(x)


def test_backward_refuses_a_nan_target_and_step_a_nan_eta():
    net = _net()
    with pytest.raises(ValueError, match=r"the target entry \[0, 0\] is nan"):
        net.backward([1, 0], [NAN, 1])
    grads = net.backward([1, 0], [0, 1])
    before = list(net.layers)
    with pytest.raises(ValueError, match="eta"):
        net.step(grads, NAN)
    assert net.layers == before


def test_a_layer_refuses_nan_and_inf_weights():
    with pytest.raises(ValueError, match=r"b entry \[1, 0\] is inf"):
        Layer(Matrix([[1.0], [2.0]]), Matrix.column([0.0, INF]), "identity")


def _model_file(tmp_path, W, b):
    doc = {"format": "purenn-network", "version": 1,
           "layers": [{"l": 1, "activation": "identity", "W": W, "b": b}]}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc))  # json writes NaN and Infinity as the literals Python reads back
    return path


def test_a_model_file_with_nan_in_b_is_refused_with_the_position(tmp_path):
    with pytest.raises(ValueError, match=r"layer 1: b entry \[1, 0\] is nan"):
        Network.load(_model_file(tmp_path, [[1.0], [2.0]], [0.0, NAN]))
    with pytest.raises(ValueError, match=r"layer 1: W entry \[0, 0\] is inf"):
        Network.load(_model_file(tmp_path, [[INF], [2.0]], [0.0, 0.0]))


def test_course_npz_weights_with_nan_are_refused_with_the_position(tmp_path):
    path = write_npz(tmp_path / "w.npz", [NpyArray((0,), "<f8", []), [[0.0, 1.0, NAN]]])
    with pytest.raises(ValueError, match=r"arr_1 entry \[0, 2\] is nan"):
        Network.load_npz(path)


def test_course_predict_refuses_a_nan_input():
    weights = to_course_weights(Network.create([2, 1], seed=0))
    with pytest.raises(ValueError, match="input value 0 is nan"):
        course_predict(weights, [NAN, 1.0])


def test_check_data_keeps_plain_lists_as_they_are():
    net = _net()
    data = [([0.0, 1], [1, 0]), ([0.5, 0.25], [0, 1])]
    xs, ys = check_data(net, data, "data")
    assert all(x is pair[0] for x, pair in zip(xs, data))
    assert all(y is pair[1] for y, pair in zip(ys, data))


def test_an_int_too_large_for_a_float_is_refused_before_it_overflows():
    assert validation.vector([10 ** 300, 1], 2, "x", "2 values") == [10 ** 300, 1]
    with pytest.raises(ValueError, match=r"x value 0 is 1000000000+\.\.\.: only finite numbers that fit into a float"):
        validation.vector([10 ** 400, 1], 2, "x", "2 values")
    with pytest.raises(ValueError, match=r"the input entry \[0, 0\] is 1000"):
        _net().forward([10 ** 400, 1])


# -- cross-entropy targets --------------------------------------------------------------------


def test_cross_entropy_targets_must_be_probabilities():
    net = _net("softmax")
    with pytest.raises(ValueError, match="target value 0 is -1.*between 0 and 1"):
        net.backward([1, 0], [-1, 2], loss="cross_entropy")
    before = list(net.layers)
    with pytest.raises(ValueError, match=r"data\[1\] target value 1 is 1.5"):
        net.train([([1, 0], [0, 1]), ([0, 1], [0, 1.5])], epochs=1, batch_size=1, eta=0.1)
    assert net.layers == before
    # squared error takes any target
    assert math.isfinite(net.backward([1, 0], [-1, 2], loss="squared_error").loss)


# -- typed numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed, message", [
    ("1e99999999", "'1e99999999' is too large or too small: the exponent may be at most ±400"),
    ("1e-99999999", "the exponent may be at most ±400"),
    ("0." + "3" * 60, "has 61 digits; at most 50 are accepted"),
    ("1e400", "'1e400' is too large for a float"),
])
def test_typed_numbers_that_would_hang_or_overflow_are_refused_at_once(typed, message):
    start = time.perf_counter()
    done = run_main("forward", "--W1", "1", "--b1", "0", "--act", "relu", "--input", typed)
    assert time.perf_counter() - start < 5
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("purenn forward: error: --input: entry 1: ") and message in done.stderr
    assert done.stderr.count("\n") == 1


def test_exact_mode_takes_a_long_but_bounded_number():
    done = run_main("forward", "--W1", "1", "--b1", "0", "--act", "identity", "--exact", "--input", "0." + "3" * 49)
    assert done.returncode == 0, done.stderr


# -- layer sizes ---------------------------------------------------------------------------------


def test_params_reads_a_minus_sign_as_a_minus_sign():
    done = run_main("params", "5", "-3", "1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "purenn params: error: layer size 2 is '-3': it must be a whole number of neurons, at least 1\n"
    assert run_main("params", "5-8-1").returncode == 0  # "-" between sizes still separates them


def test_every_test_named_in_docs_guarantees_exists():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "guarantees.md").read_text(encoding="utf-8")
    defined = {m for f in (root / "tests").glob("test_*.py") for m in re.findall(r"^def (test_\w+)", f.read_text(encoding="utf-8"), re.M)}
    named = set(re.findall(r"\b(test_\w+)\b", text)) - {"test_fuzz"}
    files = set(re.findall(r"tests/(test_\w+)\.py", text))
    assert named - files <= defined, sorted(named - files - defined)
    assert all((root / "tests" / f"{f}.py").exists() for f in files)
