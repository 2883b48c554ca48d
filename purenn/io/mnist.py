"""MNIST digits as training data: (x, y) pairs of plain lists.

'Künstliche Intelligenz selbst gemacht' (Ein Klassifikationsproblem
trainieren: MNIST): every image has 28 · 28 = 784 pixels, one input neuron per
pixel, and the network classifies it into the classes 0 to 9. Here an example
is a pair (x, y):

* x — the 784 pixels row by row, each the grey value / 255, so in [0, 1]
  (0 = background, 1 = full ink), as ``Pixels``: it reads like a list of
  784 floats but keeps only the pixels with ink, as bytes (about 0.5 KB
  instead of 6.3 KB per digit), and hands them to the training engine;
* y — the class as a one-hot vector of 10 floats: y_k = 1 for the digit k.

Two sources:

* ``load_embedded()`` — the 5,000 real digits shipped inside purenn (see
  ``purenn/data/README.md``), split into 4,500 for training and 500 for
  testing. Works offline, needs nothing installed.
* ``load_directory(dir)`` — the four official files (60,000 training and
  10,000 test digits), e.g. as fetched by ``purenn.io.download.download_mnist``.

    >>> one_hot(3)
    [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> label_of(one_hot(3))
    3
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
from array import array
from bisect import bisect_left
from itertools import compress
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple, Union, overload

from purenn.io.idx import IMAGES_MAGIC, LABELS_MAGIC, IdxArray, decompress_if_gzip, parse_idx, read_idx
from purenn.scalars import argmax
from purenn.validation import CheckedVector

__all__ = [
    "Example",
    "Pixels",
    "ROWS",
    "COLUMNS",
    "PIXELS",
    "CLASSES",
    "EMBEDDED_FILES",
    "OFFICIAL_FILES",
    "one_hot",
    "label_of",
    "examples",
    "load_embedded",
    "load_directory",
    "render_digit",
]

PathLike = Union[str, "os.PathLike[str]"]

ROWS = COLUMNS = 28
PIXELS = ROWS * COLUMNS  # 784 input neurons
CLASSES = 10  # the digits 0 to 9

#: The shipped files and their SHA-256 checksums (also in purenn/data/README.md).
EMBEDDED_FILES = {
    "images": (
        "mnist-5k-images-idx3-ubyte.gz",
        "f3379c9d7f57485ed9d63fcaaeae081fcfa9760c47f22aa119240d5b90f9f072",
    ),
    "labels": (
        "mnist-5k-labels-idx1-ubyte.gz",
        "efc12ccca0f4e8a0fa344640ee1ebef3253ee7172778313487c8644fb1f75a97",
    ),
}
EMBEDDED_COUNT = 5000

#: The official file names, without ``.gz``: (images, labels) of the training and the test set.
OFFICIAL_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}

# The 256 possible pixel values divided by 255, computed once: decoding an
# image is then one table look-up per pixel, and all images share these 256
# float objects instead of holding 784 new ones each.
_PIXEL_VALUES = [v / 255 for v in range(256)]
_pixel_value = _PIXEL_VALUES.__getitem__


class Pixels(CheckedVector):
    """One image as the input x of a network: its grey values v (bytes 0–255) read as v / 255.

    ``x[i]``, ``len(x)``, ``list(x)`` and ``x == [...]`` work as for a list of
    floats; slices are lists. It cannot be changed (``x.tolist()`` gives a
    list to change). It keeps only the pixels with ink, as positions (2 bytes
    each) and grey values (1 byte each) — about 0.5 KB for a digit, where a
    list of 784 floats takes 6.3 KB — and ``nonzero()`` hands them to the
    training engine, which touches only those pixels.

    >>> x = Pixels(bytes([0, 51, 255]))
    >>> list(x), x[1], x.nonzero(), x == [0.0, 0.2, 1.0]
    ([0.0, 0.2, 1.0], 0.2, ([1, 2], [0.2, 1.0]), True)
    """

    __slots__ = ("size", "at", "grey")

    def __init__(self, data: bytes) -> None:
        if len(data) > 65536:
            raise ValueError(f"Pixels holds images of up to 65,536 pixels, got {len(data)}")
        self.size = len(data)
        self.at = array("H", compress(range(len(data)), data))  # positions of the non-zero pixels
        self.grey = bytes(compress(data, data))  # their grey values

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, i: int) -> float: ...

    @overload
    def __getitem__(self, i: slice) -> List[float]: ...

    def __getitem__(self, i: "int | slice") -> "float | List[float]":
        if isinstance(i, slice):
            return self.tolist()[i]
        if not -self.size <= i < self.size:
            raise IndexError(f"pixel {i} of an image of {self.size} pixels")
        i %= self.size
        k = bisect_left(self.at, i)
        return _PIXEL_VALUES[self.grey[k]] if k < len(self.at) and self.at[k] == i else 0.0

    def __iter__(self) -> Iterator[float]:
        return iter(self.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Pixels):
            return (self.size, self.at, self.grey) == (other.size, other.at, other.grey)
        if isinstance(other, (list, tuple)):
            return self.tolist() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which have no hash

    def __repr__(self) -> str:
        return f"Pixels({self.size} values, {len(self.at)} of them non-zero)"

    def tolist(self) -> List[float]:
        """The values as a new list of floats."""
        values = [0.0] * self.size
        for j, v in zip(self.at, self.grey):
            values[j] = _PIXEL_VALUES[v]
        return values

    def nonzero(self) -> Tuple[List[int], List[float]]:
        """(positions, values) of the pixels that are not 0."""
        return self.at.tolist(), list(map(_pixel_value, self.grey))


#: One example: the pixels x and the one-hot target y.
Example = Tuple[Pixels, List[float]]


def one_hot(label: int, classes: int = CLASSES) -> List[float]:
    """The target vector y for a class: 1.0 at position ``label``, 0.0 elsewhere.

    >>> one_hot(1, 4)
    [0.0, 1.0, 0.0, 0.0]
    """
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < classes:
        raise ValueError(f"a label must be an integer from 0 to {classes - 1}, got {label!r}")
    y = [0.0] * classes
    y[label] = 1.0
    return y


def label_of(y: Sequence[float]) -> int:
    """The class of a target or output vector: the position of its largest entry (the first on a tie).

    >>> label_of([0.1, 0.05, 0.7, 0.15])
    2
    """
    if not y:
        raise ValueError("label_of: the vector is empty")
    return argmax(y)


def _check_pair(images: IdxArray, labels: IdxArray, images_name: str, labels_name: str) -> None:
    """Images are count × 28 × 28, labels count values from 0 to 9, and the counts agree."""
    if images.shape[1:] != (ROWS, COLUMNS):
        raise ValueError(
            f"{images_name}: size mismatch: expected images of {ROWS}×{COLUMNS} pixels, "
            f"got {'×'.join(map(str, images.shape[1:]))}"
        )
    if len(images) != len(labels):
        raise ValueError(
            f"the image and label counts disagree: {images_name} holds {len(images)} images, "
            f"{labels_name} {len(labels)} labels"
        )
    if labels.data and max(labels.data) >= CLASSES:
        i = next(k for k, v in enumerate(labels.data) if v >= CLASSES)
        raise ValueError(f"{labels_name}: label {i} is {labels.data[i]}; expected a digit from 0 to 9")


def examples(images: IdxArray, labels: IdxArray, start: int = 0, stop: Optional[int] = None) -> List[Example]:
    """The (x, y) pairs of images ``start`` to ``stop`` − 1 (default: to the end).

    The arrays must have been checked (28×28 images, as many labels as images).
    """
    stop = len(images) if stop is None else stop
    data = images.data
    return [(Pixels(data[i * PIXELS : (i + 1) * PIXELS]), one_hot(labels.data[i])) for i in range(start, stop)]


def _embedded_bytes(file_name: str, sha256: str) -> bytes:
    """A shipped data file, after checking its SHA-256 (10 ms for both files — cheap enough to do every time)."""
    # importlib.resources finds the file also when purenn runs from a zip
    # archive; for an installed or copied package folder it is a plain path.
    resource = importlib.resources.files("purenn").joinpath("data").joinpath(file_name)
    try:
        raw = resource.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"purenn/data/{file_name} is missing: the shipped MNIST digits were not installed with purenn"
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise ValueError(
            f"purenn/data/{file_name} is damaged: expected SHA-256 {sha256}, got {digest}; reinstall purenn"
        )
    return raw


@functools.lru_cache(maxsize=1)
def _embedded_arrays() -> Tuple[IdxArray, IdxArray]:
    """The shipped images and labels, checked; cached because they are immutable bytes."""
    arrays = []
    for kind, magic in (("images", IMAGES_MAGIC), ("labels", LABELS_MAGIC)):
        file_name, sha256 = EMBEDDED_FILES[kind]
        name = f"purenn/data/{file_name}"
        raw = decompress_if_gzip(_embedded_bytes(file_name, sha256), name)
        arrays.append(parse_idx(raw, name=name, expect_magic=magic))
    images, labels = arrays
    _check_pair(images, labels, EMBEDDED_FILES["images"][0], EMBEDDED_FILES["labels"][0])
    return images, labels


def load_embedded(n_test: int = 500) -> Tuple[List[Example], List[Example]]:
    """(train, test) from the 5,000 digits shipped with purenn: the first 5,000 − n_test and the last n_test.

    The same split every time. The files hold the digits in a fixed shuffled
    order, so any prefix is a fair sample of all ten classes (500 each in the
    whole set); no random split is needed. The first call checks the SHA-256
    of both files (about 10 ms, so always worth it) and keeps their decoded
    bytes; every call returns new lists of examples.

    >>> train, test = load_embedded()
    >>> len(train), len(test), len(train[0][0]), label_of(train[0][1])
    (4500, 500, 784, 7)
    """
    if isinstance(n_test, bool) or not isinstance(n_test, int) or not 0 <= n_test < EMBEDDED_COUNT:
        raise ValueError(f"n_test must be an integer from 0 to {EMBEDDED_COUNT - 1}, got {n_test!r}")
    images, labels = _embedded_arrays()
    split = len(images) - n_test
    return examples(images, labels, 0, split), examples(images, labels, split)


def _find_file(directory: Path, base: str) -> Optional[Path]:
    """``base`` or ``base.gz`` in ``directory`` (the uncompressed one if both are there)."""
    for candidate in (directory / base, directory / (base + ".gz")):
        if candidate.is_file():
            return candidate
    return None


def _load_pair(images_path: Path, labels_path: Path, limit: Optional[int]) -> List[Example]:
    images = read_idx(images_path, expect_magic=IMAGES_MAGIC)
    labels = read_idx(labels_path, expect_magic=LABELS_MAGIC)
    _check_pair(images, labels, str(images_path), str(labels_path))
    stop = len(images) if limit is None else min(limit, len(images))
    return examples(images, labels, 0, stop)


def load_directory(
    directory: PathLike, *, n_train: Optional[int] = None, n_test: Optional[int] = None
) -> Tuple[List[Example], List[Example]]:
    """(train, test) from the four official MNIST files in ``directory``, gzip'd or not.

    ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``, each with or
    without ``.gz``. ``n_train`` / ``n_test`` keep only the first so many
    examples (all 60,000 take about 50 MB, ``Pixels`` and targets).
    """
    for name, value in (("n_train", n_train), ("n_test", n_test)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValueError(f"{name} must be None or an integer ≥ 0, got {value!r}")
    folder = Path(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a directory (expected one holding the four MNIST files)")
    found = {base: _find_file(folder, base) for pair in OFFICIAL_FILES.values() for base in pair}
    missing = [base for base, path in found.items() if path is None]
    if missing:
        raise FileNotFoundError(
            f"{folder}: missing MNIST file{'s' if len(missing) > 1 else ''} "
            + ", ".join(f"{base}[.gz]" for base in missing)
        )
    sets = []
    for part, limit in (("train", n_train), ("test", n_test)):
        images_base, labels_base = OFFICIAL_FILES[part]
        images_path, labels_path = found[images_base], found[labels_base]
        assert images_path is not None and labels_path is not None  # checked above
        sets.append(_load_pair(images_path, labels_path, limit))
    return sets[0], sets[1]


_SHADES = " ░▒▓█"
_ASCII_SHADES = " .:o@"


def render_digit(x: Sequence[float], *, ascii: bool = False) -> str:
    """The 28×28 image x as 28 lines of text, 2 characters per pixel (pixels are about twice as high as wide).

    Five shades from blank (0) to full block (1); ``ascii=True`` uses
    `` .:o@`` for terminals without the block characters.

    >>> art = render_digit([0.0] * 783 + [1.0], ascii=True)
    >>> len(art.splitlines()), art.splitlines()[-1][-4:]
    (28, '  @@')
    """
    if len(x) != PIXELS:
        raise ValueError(f"render_digit: expected {PIXELS} pixel values (28×28), got {len(x)}")
    shades = _ASCII_SHADES if ascii else _SHADES
    top = len(shades) - 1
    cells = [shades[min(top, max(0, round(v * top)))] * 2 for v in x]
    return "\n".join("".join(cells[r * COLUMNS : (r + 1) * COLUMNS]) for r in range(ROWS))
