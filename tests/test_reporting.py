"""Progress bar, confusion matrix and learning curves of a training run."""

import io
import xml.etree.ElementTree as ET

from purenn import Layer, Matrix, Network
from purenn.evaluation import argmax, evaluate_classifier
from purenn.cli.progress import ProgressBar, format_seconds
from purenn.io.svgplot import learning_curves_svg, write_learning_curves
from purenn.training import EpochResult, Progress


def _fixed_classifier():
    # a^L = softmax(I·x): the class is the largest input
    return Network([Layer(Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Matrix.column([0, 0, 0]), "softmax")])


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    data = [
        ([1, 0, 0], [1, 0, 0]),  # right
        ([0, 1, 0], [1, 0, 0]),  # true 0, predicted 1
        ([0, 0, 1], [0, 0, 1]),  # right
        ([0, 0, 1], [0, 1, 0]),  # true 1, predicted 2
    ]
    ev = evaluate_classifier(_fixed_classifier(), data, batch_size=3)
    assert ev.confusion == [[1, 1, 0], [0, 0, 1], [0, 0, 1]]
    assert ev.accuracy == 0.5 and ev.total == 4
    assert ev.wrong == [(1, 0, 1), (3, 1, 2)]
    assert ev.class_accuracy(0) == 0.5 and ev.class_accuracy(2) == 1.0
    table = ev.render_confusion("de").splitlines()
    assert len(table) == 4 and table[1].split()[:4] == ["0", "1", "1", "0"]


def test_argmax_takes_the_first_of_equals():
    assert argmax([0.2, 0.5, 0.5]) == 1


def _result(epoch, test_acc=0.9):
    return EpochResult(epoch, 1.0 / epoch, 0.5 + epoch / 10, 1.2 / epoch, test_acc, 2.0, 450.0)


def test_progress_bar_on_a_terminal_redraws_in_place():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    bar = ProgressBar(out, width=10)
    bar(Progress(1, 2, 50, 100, 0.5))
    bar(Progress(1, 2, 100, 100, 1.0, _result(1)))
    text = out.getvalue()
    assert text.startswith("\rEpoche 1/2 [█████░░░░░] 50/100")
    assert "100 Beispiele/s  noch 0:00" in text
    assert text.endswith("Epoche 1/2:  Verlust 1.0000  Training 60.0 %  Test 90.0 %  450 Beispiele/s  0:02\n")


def test_progress_bar_in_a_log_writes_one_line_per_epoch():
    out = io.StringIO()
    bar = ProgressBar(out, lang="en")
    bar(Progress(1, 2, 50, 100, 0.5))
    bar(Progress(1, 2, 100, 100, 1.0, _result(1)))
    assert out.getvalue() == "epoch 1/2:  loss 1.0000  training 60.0 %  test 90.0 %  450 examples/s  0:02\n"


def test_format_seconds():
    assert [format_seconds(s) for s in (0, 59.6, 61, 3600)] == ["0:00", "1:00", "1:01", "1:00:00"]


def test_learning_curves_are_valid_svg_with_both_panels(tmp_path):
    history = [_result(e, 0.8 + e / 100) for e in range(1, 6)]
    svg = learning_curves_svg(history, "MNIST 784-30-10")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    polylines = [el for el in root.iter() if el.tag.endswith("polyline")]
    assert len(polylines) == 4  # loss train/test, accuracy train/test
    first = polylines[0].get("points").split()
    assert len(first) == 5
    ys = [float(p.split(",")[1]) for p in first]
    assert ys == sorted(ys)  # the loss falls, so its y coordinate grows downwards
    path = write_learning_curves(tmp_path / "c.svg", history)
    assert path.read_text() == learning_curves_svg(history)
