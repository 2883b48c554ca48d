"""Training: the course's binary-to-decimal task, mini-batches, history, and bad input."""

import math
from fractions import Fraction

import pytest

from purenn import Matrix, Network, TrainingDiverged
from purenn.course.worked_examples import TRAINING_DATA


def test_binary_to_decimal_predicts_five_for_the_left_out_101():
    # 'Künstliche Intelligenz selbst gemacht', Binärumwandlung trainieren: 3-4-1, ReLU, η = 0.01,
    # 3000 iterations over the seven examples without 101. With seed 1 the network answers 5 ± 0.05;
    # other seeds can lose their ReLU neurons (the slides' "Dying-Neuron-Problem") and answer 0.
    net = Network.create([3, 4, 1], hidden="relu", output="relu", seed=1)
    history = net.train(TRAINING_DATA, epochs=3000, batch_size=0, eta=0.01, seed=1)
    assert net.predict([1, 0, 1])[0, 0] == pytest.approx(5, abs=0.05)
    for x, y in TRAINING_DATA:
        assert net.predict(x)[0, 0] == pytest.approx(y[0], abs=0.05)
    assert len(history) == 3000 and history[-1].loss < 1e-3 < history[0].loss
    assert history[-1].accuracy is None  # targets are not one-hot


def _xor_data():
    return [([0, 0], [1, 0]), ([0, 1], [0, 1]), ([1, 0], [0, 1]), ([1, 1], [1, 0])]


def test_classification_history_has_accuracy_and_test_figures():
    net = Network.create([2, 8, 2], hidden="tanh", output="softmax", seed=3)
    seen = []
    history = net.train(_xor_data() * 10, epochs=60, batch_size=4, eta=0.5, seed=3,
                        test_data=_xor_data(), callback=seen.append)
    assert history[-1].accuracy == 1.0 and history[-1].test_accuracy == 1.0
    assert history[-1].loss < history[0].loss and history[-1].test_loss < 0.1
    assert [p.result.epoch for p in seen if p.result] == list(range(1, 61))
    assert seen[0].seen == 4 and seen[0].total == 40 and seen[0].result is None


def test_same_seed_same_run():
    runs = []
    for _ in range(2):
        net = Network.create([2, 3, 2], output="softmax", seed=9)
        net.train(_xor_data(), epochs=5, batch_size=3, eta=0.1, seed=4)
        runs.append(net.W(1))
    assert runs[0] == runs[1]


def test_batch_size_zero_is_one_step_over_all_data():
    data = _xor_data()
    a = Network.create([2, 3, 2], output="softmax", seed=9)
    b = Network.create([2, 3, 2], output="softmax", seed=9)
    a.train(data, epochs=1, batch_size=0, eta=0.5)
    b.step(b.backward(Matrix.from_columns([x for x, _ in data]), Matrix.from_columns([y for _, y in data])), 0.5)
    assert a.W(1).flat() == pytest.approx(b.W(1).flat(), abs=1e-15)


@pytest.mark.parametrize("data, options, error, text", [
    ([([0, 0], [1, 0])], dict(eta=0), ValueError, "eta"),
    ([([0, 0], [1, 0])], dict(eta=-1), ValueError, "eta"),
    ([([0, 0], [1, 0])], dict(batch_size=-1), ValueError, "batch_size"),
    ([([0, 0], [1, 0])], dict(epochs=0), ValueError, "epochs"),
    ([], {}, ValueError, "data is empty"),
    ([([0, 0, 1], [1, 0])], {}, ValueError, r"Falsche Anzahl an Input-Werten.*data\[0\] input has 3 values, but layer 0 has 2"),
    ([([0, 0], [1, 0]), ([0, 1], [1])], {}, ValueError, r"data\[1\] target has 1 value, but layer 2 has 2 neurons"),
    ([([0, 0], [1, 0]), ([0, "x"], [1, 0])], {}, TypeError, r"data\[1\] input value 1 must be a number"),
    ([([0, float("nan")], [1, 0])], {}, ValueError, "finite"),
    ([([0, 0], [float("inf"), 0])], {}, ValueError, "finite"),
    ([([0, 0], [1, 0], 3)], {}, TypeError, r"data\[0\] must be an \(input, target\) pair"),
    ("abc", {}, TypeError, "list of"),
])
def test_bad_input_raises_before_any_weight_changes(data, options, error, text):
    net = Network.create([2, 3, 2], output="softmax", seed=0)
    before = list(net.layers)
    kwargs = dict(epochs=1, batch_size=1, eta=0.1)
    kwargs.update(options)
    with pytest.raises(error, match=text):
        net.train(data, **kwargs)
    assert net.layers == before


def test_bad_data_late_in_the_list_changes_nothing():
    net = Network.create([2, 3, 2], output="softmax", seed=0)
    before = list(net.layers)
    data = _xor_data() * 5 + [([0, 0], [1, 0, 0])]
    with pytest.raises(ValueError):
        net.train(data, epochs=1, batch_size=1, eta=0.1)
    assert net.layers == before


def test_divergence_stops_with_advice_and_keeps_the_weights_of_the_last_good_epoch():
    net = Network.create([1, 1], output="identity", seed=0)
    data = [([1000.0], [1.0]), ([-1000.0], [-1.0])]
    after_epoch = [list(net.layers)]
    with pytest.raises(TrainingDiverged, match="smaller") as e:
        net.train(data, epochs=1000, batch_size=1, eta=10.0, seed=0,
                  callback=lambda p: p.result is not None and after_epoch.append(list(net.layers)))
    assert "eta=10.0" in str(e.value)
    assert all(math.isfinite(v) for v in net.W(1).flat() + net.b(1).flat())
    assert net.layers == after_epoch[-1]


def test_train_accepts_column_matrices_and_nested_lists():
    net = Network.create([2, 2, 1], seed=0)
    data = [(Matrix.column([0, 1]), Matrix.column([1])), ([[1], [0]], [[0]])]
    assert len(net.train(data, epochs=2, batch_size=2, eta=0.1)) == 2


def test_divergence_in_the_very_last_step_is_caught_too():
    net = Network.create([1, 1], output="identity", seed=0)
    before = list(net.layers)
    with pytest.raises(TrainingDiverged, match="weights became infinite or NaN in epoch 1"):
        net.train([([1.0], [10.0])], epochs=1, batch_size=1, eta=1e308)
    assert net.layers == before


PAIRS = [(o, c) for o in ("sigmoid", "relu", "leaky_relu", "tanh", "identity", "softmax")
         for c in ("squared_error", "half_squared_error", "cross_entropy")
         if c != "cross_entropy" or o in ("sigmoid", "softmax")]


@pytest.mark.parametrize("output, loss", PAIRS)
@pytest.mark.parametrize("exact", [False, True])
def test_a_huge_eta_is_detected_for_every_activation_and_loss(output, loss, exact):
    # four one-hot examples; a sensible eta learns them, eta = 1e6 throws the weights far away
    data = [([1, 0, 0], [1, 0]), ([0, 1, 0], [0, 1]), ([0, 0, 1], [1, 0]), ([1, 1, 0], [0, 1])] * 5
    net = Network.create([3, 4, 2], hidden="sigmoid", output=output, seed=1)
    if exact:
        from purenn.rechenweg.exact import exact_network
        net = exact_network(net)
    start = list(net.layers)
    eta = Fraction(10 ** 6) if exact else 1e6
    with pytest.raises(TrainingDiverged, match="smaller") as e:
        net.train(data, epochs=3, batch_size=2, eta=eta, loss=loss, seed=0)
    assert "start of epoch 1" in str(e.value)
    assert net.layers == start


@pytest.mark.parametrize("output, loss", PAIRS)
def test_a_sensible_eta_is_not_taken_for_divergence(output, loss):
    data = [([1, 0, 0], [1, 0]), ([0, 1, 0], [0, 1]), ([0, 0, 1], [1, 0]), ([1, 1, 0], [0, 1])] * 5
    net = Network.create([3, 4, 2], hidden="sigmoid", output=output, seed=1)
    history = net.train(data, epochs=30, batch_size=2, eta=0.05, loss=loss, seed=0)
    assert history[-1].loss < history[0].loss


def test_exact_training_stops_before_its_fractions_make_it_unusable():
    import time

    from purenn.rechenweg.exact import exact_network

    net = exact_network(Network.create([2, 2, 1], hidden="identity", output="identity", seed=0))
    data = [([Fraction(1, 3), Fraction(2, 7)], [Fraction(1)]), ([Fraction(1, 5), Fraction(1, 9)], [Fraction(0)])]
    start = time.perf_counter()
    with pytest.raises(ValueError, match="exact training stopped in epoch 3 .* train with floats"):
        net.train(data, epochs=20, batch_size=1, eta=Fraction(1, 10))
    assert time.perf_counter() - start < 10  # without the stop, epoch 4 alone takes seconds, epoch 5 minutes
