"""purenn.io.course_form: the course code's bias-neuron weights and its save_to_file files.

course_net.npz was written by NumPy with the course code's own class
(scripts/make_npy_fixtures.py); expected.json has its arrays and the
predictions of the course code's NumPy forward pass.
"""

from __future__ import annotations

import json
import random
import struct
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, List, Sequence

import pytest

from purenn import Layer, Matrix, Network, activations
from purenn.io.course_form import (
    course_predict,
    course_structure,
    save_npz,
    to_course_weights,
)
from purenn.io.npy import NpyArray, read_npz, write_npz

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "npy"
COURSE_NPZ = FIXTURES / "course_net.npz"
EXPECTED: Dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))[
    "course_net.npz"
]


def small_net() -> Network:
    """[2, 3, 1] with hand-picked numbers, so every entry's place can be checked."""
    return Network(
        [
            Layer(Matrix([[2.0, 1.0], [1.0, 2.0], [0.5, 3.0]]), Matrix.column([-1.0, 0.0, -0.25]), activations.get("sigmoid")),
            Layer(Matrix([[0.5, -1.0, 1.5]]), Matrix.column([0.125]), activations.get("identity")),
        ]
    )


def exact_net() -> Network:
    F = Fraction
    return Network(
        [
            Layer(Matrix([[F(1, 2), F(-3, 4)], [F(2), F(1, 3)]]), Matrix.column([F(1, 5), F(-1)]), activations.get("relu")),
            Layer(Matrix([[F(3), F(-1, 2)], [F(1, 7), F(4)]]), Matrix.column([F(0), F(2, 3)]), activations.get("identity")),
        ]
    )


def bits(values: Sequence[Any]) -> bytes:
    return struct.pack(f"<{len(values)}d", *values)


def assert_same_network(a: Network, b: Network) -> None:
    assert a.structure == b.structure
    for l in range(1, a.L + 1):
        assert a.W(l).tolist() == b.W(l).tolist()
        assert a.b(l).tolist() == b.b(l).tolist()
        assert a.activation(l).name == b.activation(l).name


# -- purenn ↔ course weights ------------------------------------------------------


def test_course_weights_put_the_bias_in_column_0() -> None:
    weights = to_course_weights(small_net())
    assert weights[0] == []
    assert isinstance(weights[1], Matrix) and isinstance(weights[2], Matrix)
    assert weights[1].tolist() == [[-1.0, 2.0, 1.0], [0.0, 1.0, 2.0], [-0.25, 0.5, 3.0]]
    assert weights[2].tolist() == [[0.125, 0.5, -1.0, 1.5]]


def test_index_mapping_entry_for_entry() -> None:
    # w^(l)_(j,0) = b(l)[j];  w^(l)_(j,k) = W(l)[j, k−1] for k ≥ 1
    net = Network.create([3, 4, 2], seed=7)
    weights = to_course_weights(net)
    for l in (1, 2):
        w = weights[l]
        assert isinstance(w, Matrix)
        n, m = net.W(l).shape
        assert w.shape == (n, m + 1)
        for j in range(n):
            assert w[j, 0] == net.b(l)[j, 0]
            for k in range(1, m + 1):
                assert w[j, k] == net.W(l)[j, k - 1]


@pytest.mark.parametrize("structure", [[2, 1], [3, 4, 2], [5, 3, 4, 2]])
def test_round_trip_network_course_network(structure: List[int]) -> None:
    net = Network.create(structure, hidden="tanh", output="softmax", seed=sum(structure))
    back = Network.from_course_weights(to_course_weights(net), hidden="tanh", output="softmax")
    assert_same_network(net, back)


def test_round_trip_keeps_exact_entries() -> None:
    net = exact_net()
    back = Network.from_course_weights(to_course_weights(net), hidden="relu", output="identity")
    assert_same_network(net, back)
    assert isinstance(back.W(1)[0, 0], Fraction)


def test_activations_default_to_the_course_constructor() -> None:
    net = Network.from_course_weights(to_course_weights(Network.create([2, 3, 3, 1], seed=1)))
    assert [net.activation(l).name for l in (1, 2, 3)] == ["sigmoid", "sigmoid", "relu"]


def test_course_structure_as_load_from_file_reads_it() -> None:
    assert course_structure(to_course_weights(Network.create([4, 6, 3, 2], seed=2))) == [4, 6, 3, 2]


# -- the two forward passes ------------------------------------------------------------


@pytest.mark.parametrize(
    "hidden, output", [("sigmoid", "relu"), ("relu", "identity"), ("tanh", "softmax"), ("sigmoid", "sigmoid")]
)
def test_both_forward_passes_agree(hidden: str, output: str) -> None:
    rng = random.Random(11)
    net = Network.create([3, 5, 4, 2], hidden=hidden, output=output, seed=4)
    weights = to_course_weights(net)
    for _ in range(20):
        x = [rng.uniform(-2, 2) for _ in range(3)]
        mine = net.predict(x).flat()
        course = course_predict(weights, x, hidden, output).flat()
        assert len(course) == 2
        assert course == pytest.approx(mine, rel=1e-12, abs=1e-12)


def test_both_forward_passes_agree_exactly_on_fractions() -> None:
    net = exact_net()
    x = [Fraction(3, 2), Fraction(-2, 5)]
    mine = net.predict(x)
    course = course_predict(to_course_weights(net), x, "relu", "identity")
    assert course.tolist() == mine.tolist()
    # By hand: z^1 = (3/4 + 3/10 + 1/5, 3 − 2/15 − 1) = (5/4, 28/15), both kept by relu;
    # z^2 = (3·5/4 − 1/2·28/15, 1/7·5/4 + 4·28/15 + 2/3) = (169/60, 3491/420).
    assert mine.tolist() == [[Fraction(169, 60)], [Fraction(3491, 420)]]


def test_course_predict_on_the_slides_example() -> None:
    # 'Matrixmultiplikation – Beispiel' with a zero bias column: z = (−25, 36, 14), ReLU → (0, 36, 14).
    weights = [[], [[0, -0.5, 4], [0, 3, -5], [0, 1, -2]]]
    assert course_predict(weights, [2, -6], output="relu").tolist() == [[0], [36.0], [14.0]]


@pytest.mark.parametrize("X", [[0.7, 0.1], [[0.7], [0.1]], Matrix.column([0.7, 0.1])])
def test_course_predict_takes_the_example_in_any_one_column_form(X: Any) -> None:
    weights = to_course_weights(small_net())
    assert course_predict(weights, X, "sigmoid", "identity").tolist() == course_predict(
        weights, [0.7, 0.1], "sigmoid", "identity"
    ).tolist()


def test_course_predict_checks_the_input() -> None:
    weights = to_course_weights(small_net())
    with pytest.raises(ValueError, match="Falsche Anzahl an Input-Werten übergeben: input has 3 values, but the network has 2 inputs"):
        course_predict(weights, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"input must be one column, got a 2×2 matrix"):
        course_predict(weights, Matrix([[1.0, 2.0], [3.0, 4.0]]))
    with pytest.raises(TypeError, match="input value 1 must be a number"):
        course_predict(weights, [1.0, "x"])


# -- the file NumPy wrote with the course code ----------------------------------------------


def test_load_npz_reads_the_course_file() -> None:
    net = Network.load_npz(COURSE_NPZ)
    assert net.structure == EXPECTED["structure"] == [2, 3, 1]
    arrays = EXPECTED["arrays"]
    for l in (1, 2):
        values = arrays[f"arr_{l}"]["values"]
        assert bits(net.b(l).flat()) == bits([row[0] for row in values])
        assert bits(net.W(l).flat()) == bits([v for row in values for v in row[1:]])
    assert [net.activation(l).name for l in (1, 2)] == ["sigmoid", "relu"]


def test_the_fixture_has_nonzero_predictions() -> None:
    # Guards the next test against comparing zeros with zeros only.
    predictions = [p["prediction"][0] for p in EXPECTED["predictions"]]
    assert len(predictions) == 12
    assert sum(1 for p in predictions if p != 0) >= 10


@pytest.mark.parametrize("case", EXPECTED["predictions"], ids=lambda c: f"{c['hidden']}-{c['output']}-{c['x']}")
def test_predictions_match_numpy(case: Dict[str, Any]) -> None:
    net = Network.load_npz(COURSE_NPZ, hidden=case["hidden"], output=case["output"])
    assert net.predict(case["x"]).flat() == pytest.approx(case["prediction"], rel=1e-12, abs=1e-12)
    weights = [a.tolist() for a in read_npz(COURSE_NPZ).values()]
    course = course_predict(weights, case["x"], case["hidden"], case["output"]).flat()
    assert course == pytest.approx(case["prediction"], rel=1e-12, abs=1e-12)


def test_saving_the_loaded_course_file_gives_the_same_arrays(tmp_path: Path) -> None:
    save_npz(Network.load_npz(COURSE_NPZ), tmp_path / "again.npz")
    mine, theirs = read_npz(tmp_path / "again.npz"), read_npz(COURSE_NPZ)
    assert list(mine) == list(theirs)
    for key in theirs:
        assert (mine[key].shape, mine[key].dtype) == (theirs[key].shape, theirs[key].dtype)
        assert bits(mine[key].data) == bits(theirs[key].data)


# -- save_npz ---------------------------------------------------------------------------------


def test_save_npz_writes_what_save_to_file_writes(tmp_path: Path) -> None:
    net = Network.create([3, 4, 2], seed=3)
    save_npz(net, tmp_path / "net.npz")
    arrays = read_npz(tmp_path / "net.npz")
    assert list(arrays) == ["arr_0", "arr_1", "arr_2"]
    assert (arrays["arr_0"].shape, arrays["arr_0"].dtype) == ((0,), "<f8")
    assert (arrays["arr_1"].shape, arrays["arr_1"].dtype) == ((4, 4), "<f8")
    assert (arrays["arr_2"].shape, arrays["arr_2"].dtype) == ((2, 5), "<f8")
    assert arrays["arr_2"].tolist() == to_course_weights(net)[2].tolist()  # type: ignore[union-attr]


def test_save_npz_load_npz_round_trip(tmp_path: Path) -> None:
    net = Network.create([4, 3, 3, 2], hidden="relu", output="softmax", seed=9)
    save_npz(net, tmp_path / "net.npz")
    assert_same_network(net, Network.load_npz(tmp_path / "net.npz", hidden="relu", output="softmax"))


def test_save_npz_writes_fractions_as_floats(tmp_path: Path) -> None:
    save_npz(exact_net(), tmp_path / "exact.npz")
    back = Network.load_npz(tmp_path / "exact.npz", hidden="relu", output="identity")
    assert back.W(1).tolist() == [[0.5, -0.75], [2.0, 1 / 3]]
    assert all(type(v) is float for v in back.W(1).flat())


# -- malformed course files and weight lists -----------------------------------------------------


def good_arrays() -> List[Any]:
    return [[], [[0.1, 1.0, 2.0], [0.2, 3.0, 4.0], [0.3, 5.0, 6.0]], [[0.0, 1.0, 1.0, 1.0]]]


def test_good_arrays_load(tmp_path: Path) -> None:
    # The malformed cases below alter this one; it must load on its own.
    write_npz(tmp_path / "ok.npz", good_arrays())
    assert Network.load_npz(tmp_path / "ok.npz").structure == [2, 3, 1]


def test_columns_must_chain(tmp_path: Path) -> None:
    arrays = good_arrays()
    arrays[2] = [[0.0, 1.0, 1.0]]
    write_npz(tmp_path / "bad.npz", arrays)
    with pytest.raises(ValueError, match=r"arr_2 has 3 columns, but .*arr_1 has 3 rows.*\(3 \+ 1 = 4\)"):
        Network.load_npz(tmp_path / "bad.npz")
    with pytest.raises(ValueError, match=r"weights\[2\] has 3 columns, but weights\[1\] has 3 rows"):
        Network.from_course_weights(arrays)


def test_missing_placeholder(tmp_path: Path) -> None:
    arrays = good_arrays()
    write_npz(tmp_path / "bad.npz", {"arr_1": arrays[1], "arr_2": arrays[2]})
    with pytest.raises(ValueError, match=r"expected the arrays arr_0 \(the placeholder\).*found arr_1, arr_2"):
        Network.load_npz(tmp_path / "bad.npz")


def test_placeholder_that_is_not_empty(tmp_path: Path) -> None:
    write_npz(tmp_path / "bad.npz", good_arrays()[1:])  # arr_0 is now a weight matrix
    with pytest.raises(ValueError, match=r"arr_0 must be the empty placeholder.*found an array of shape \(3, 3\)"):
        Network.load_npz(tmp_path / "bad.npz")
    with pytest.raises(ValueError, match=r"weights\[0\] must be the empty placeholder"):
        Network.from_course_weights(good_arrays()[1:])


def test_weights_that_are_not_2d(tmp_path: Path) -> None:
    arrays = good_arrays()
    arrays[1] = [0.1, 1.0, 2.0]
    write_npz(tmp_path / "bad.npz", arrays)
    with pytest.raises(ValueError, match=r"arr_1 must be a 2-d weight matrix.*found shape \(3,\)"):
        Network.load_npz(tmp_path / "bad.npz")
    arrays[1] = NpyArray((1, 1, 3), "<f8", [0.1, 1.0, 2.0])
    with pytest.raises(ValueError, match=r"weights\[1\] must be a 2-d weight matrix.*found shape \(1, 1, 3\)"):
        Network.from_course_weights(arrays)


def test_a_single_column_has_no_room_for_weights() -> None:
    with pytest.raises(ValueError, match=r"weights\[1\] has 1 column.*at least 2"):
        Network.from_course_weights([[], [[0.5], [0.25]]])


def test_unexpected_and_missing_keys(tmp_path: Path) -> None:
    arrays = good_arrays()
    write_npz(tmp_path / "gap.npz", {"arr_0": arrays[0], "arr_2": arrays[2]})
    with pytest.raises(ValueError, match="found arr_0, arr_2"):
        Network.load_npz(tmp_path / "gap.npz")
    write_npz(tmp_path / "only.npz", [[]])
    with pytest.raises(ValueError, match="at least one weight matrix"):
        Network.load_npz(tmp_path / "only.npz")


def test_weights_must_be_a_list() -> None:
    with pytest.raises(TypeError, match=r"a list \[\[\], weights\[1\], …\]"):
        Network.from_course_weights(Matrix([[1.0, 2.0]]))  # type: ignore[arg-type]


def test_network_methods_delegate_to_the_course_form(tmp_path):
    from purenn import Network

    net = Network.create([2, 3, 1], hidden="sigmoid", output="relu", seed=4)
    path = net.save_npz(tmp_path / "weights.npz")
    back = Network.load_npz(path)  # the course constructor's defaults: sigmoid, ReLU
    assert back.structure == [2, 3, 1]
    assert back.W(1) == net.W(1) and back.b(2) == net.b(2)
    assert back.predict([0.3, 0.7]) == net.predict([0.3, 0.7])
