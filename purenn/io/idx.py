"""Read and write IDX files, the file format of the MNIST digits.

The format as described on the MNIST page (Y. LeCun, C. Cortes, C. J. C.
Burges, "The MNIST database of handwritten digits", section "THE IDX FILE
FORMAT"):

* a magic number of 4 bytes: two zero bytes, a type byte (0x08 unsigned byte,
  0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double) and the
  number of dimensions;
* the size of each dimension as a 32-bit big-endian integer;
* the data, stored like a C array: the last index changes fastest.

MNIST images are unsigned bytes in 3 dimensions (magic number 0x00000803 =
2051: count × 28 × 28), labels unsigned bytes in 1 dimension (0x00000801 =
2049). purenn reads and writes the unsigned-byte type only, which is all that
MNIST uses. The files are usually gzip'd; ``read_idx`` recognises that by the
gzip magic bytes 1f 8b, not by the file name.

    >>> data = encode_idx((2, 3), bytes([0, 1, 2, 253, 254, 255]))
    >>> data.hex(" ")
    '00 00 08 02 00 00 00 02 00 00 00 03 00 01 02 fd fe ff'
    >>> array = parse_idx(data)
    >>> array.shape, array.magic, list(array.item(1))
    ((2, 3), 2050, [253, 254, 255])
"""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Tuple, Union

from purenn.io.atomic import atomic_write_bytes

__all__ = [
    "IdxArray",
    "IMAGES_MAGIC",
    "LABELS_MAGIC",
    "UNSIGNED_BYTE",
    "describe_magic",
    "decompress_if_gzip",
    "parse_idx",
    "read_idx",
    "encode_idx",
    "write_idx",
]

PathLike = Union[str, "os.PathLike[str]"]

UNSIGNED_BYTE = 0x08
IMAGES_MAGIC = 0x0803  # 2051: unsigned bytes, 3 dimensions (count, rows, columns)
LABELS_MAGIC = 0x0801  # 2049: unsigned bytes, 1 dimension (count)

GZIP_MAGIC = b"\x1f\x8b"

#: The type bytes of the format, named in error messages.
TYPE_NAMES = {
    0x08: "unsigned byte",
    0x09: "signed byte",
    0x0B: "short (2 bytes)",
    0x0C: "int (4 bytes)",
    0x0D: "float (4 bytes)",
    0x0E: "double (8 bytes)",
}


@dataclass(frozen=True)
class IdxArray:
    """An IDX array of unsigned bytes: its ``shape`` and its values in C order.

    ``data`` stays a ``bytes`` object so that slicing out one image is cheap.
    """

    shape: Tuple[int, ...]
    data: bytes

    @property
    def magic(self) -> int:
        """The magic number a file with this array starts with (2051 for 3 dimensions)."""
        return (UNSIGNED_BYTE << 8) | len(self.shape)

    @property
    def item_size(self) -> int:
        """The number of values in one item (one entry of the first dimension): 784 for MNIST images."""
        return _product(self.shape[1:])

    def __len__(self) -> int:
        return self.shape[0]

    def item(self, i: int) -> bytes:
        """The values of item ``i`` (e.g. the 784 pixels of image i, row by row)."""
        if not 0 <= i < len(self):
            raise IndexError(f"item {i} of an IDX array with {len(self)} items")
        size = self.item_size
        return self.data[i * size : (i + 1) * size]


def _product(sizes: Sequence[int]) -> int:
    n = 1
    for s in sizes:
        n *= s
    return n


def _shape_text(shape: Sequence[int]) -> str:
    return "×".join(str(s) for s in shape)


def describe_magic(magic: int) -> str:
    """The magic number in words, for error messages.

    >>> describe_magic(2051)
    '2051 = 0x00000803: unsigned byte, 3 dimensions'
    >>> describe_magic(0x1F8B0800)
    '529205248 = 0x1F8B0800: not an IDX magic number (the first two bytes are not 0)'
    """
    head = f"{magic} = 0x{magic:08X}"
    if magic >> 16:
        return f"{head}: not an IDX magic number (the first two bytes are not 0)"
    type_byte, ndim = magic >> 8, magic & 0xFF
    kind = TYPE_NAMES.get(type_byte, f"unknown type 0x{type_byte:02X}")
    return f"{head}: {kind}, {ndim} dimension{'' if ndim == 1 else 's'}"


def _check_magic(raw: bytes, name: str, expect_magic: Optional[int]) -> int:
    """The number of dimensions, after checking the 4 bytes of the magic number."""
    if len(raw) < 4:
        raise ValueError(f"{name}: truncated header: expected 4 bytes of magic number, got {len(raw)}")
    magic = int.from_bytes(raw[:4], "big")
    if expect_magic is not None and magic != expect_magic:
        raise ValueError(
            f"{name}: wrong magic number: expected {describe_magic(expect_magic)}, got {describe_magic(magic)}"
        )
    if magic >> 16:
        raise ValueError(f"{name}: not an IDX file: the magic number {describe_magic(magic)}")
    type_byte, ndim = raw[2], raw[3]
    if type_byte != UNSIGNED_BYTE:
        kind = TYPE_NAMES.get(type_byte, "not a type of the IDX format")
        raise ValueError(
            f"{name}: unsupported type byte 0x{type_byte:02X} ({kind}); purenn reads 0x08 (unsigned byte) only"
        )
    if ndim == 0:
        raise ValueError(f"{name}: the magic number says 0 dimensions; an IDX array needs at least 1")
    return ndim


def parse_idx(raw: bytes, *, name: str = "IDX data", expect_magic: Optional[int] = None) -> IdxArray:
    """The array in the uncompressed IDX bytes ``raw``; every defect is a ``ValueError``.

    ``name`` (usually the file name) starts every error message;
    ``expect_magic`` (e.g. ``IMAGES_MAGIC``) rejects any other magic number.

    >>> parse_idx(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8]), name="labels")
    Traceback (most recent call last):
    ...
    ValueError: labels: truncated data: expected 3 bytes for shape 3, got 2
    """
    ndim = _check_magic(raw, name, expect_magic)
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise ValueError(
            f"{name}: truncated header: expected {header_size} bytes for {ndim} dimensions, got {len(raw)}"
        )
    shape = tuple(int.from_bytes(raw[4 + 4 * k : 8 + 4 * k], "big") for k in range(ndim))
    expected = _product(shape)
    got = len(raw) - header_size
    if got < expected:
        raise ValueError(f"{name}: truncated data: expected {expected} bytes for shape {_shape_text(shape)}, got {got}")
    if got > expected:
        raise ValueError(
            f"{name}: trailing garbage: expected {expected} bytes of data for shape {_shape_text(shape)}, "
            f"got {got} ({got - expected} bytes too many)"
        )
    return IdxArray(shape, raw[header_size:])


def decompress_if_gzip(raw: bytes, name: str) -> bytes:
    """``raw`` unpacked if it starts with the gzip magic bytes 1f 8b, else ``raw`` itself."""
    if not raw.startswith(GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except EOFError as e:  # the stream ends before its end marker: a partial download
        raise ValueError(f"{name}: truncated gzip data ({len(raw)} bytes): {e}") from None
    except (OSError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
        raise ValueError(f"{name}: corrupt gzip data: {e}") from None


def read_idx(path: PathLike, *, expect_magic: Optional[int] = None) -> IdxArray:
    """The array in the IDX file ``path``, gzip'd or not.

    ``expect_magic``: ``IMAGES_MAGIC`` (2051) or ``LABELS_MAGIC`` (2049) to
    reject a file of the other kind.
    """
    name = str(path)
    raw = decompress_if_gzip(Path(path).read_bytes(), name)
    return parse_idx(raw, name=name, expect_magic=expect_magic)


def encode_idx(shape: Sequence[int], data: bytes) -> bytes:
    """The IDX bytes of an unsigned-byte array of the given shape.

    >>> encode_idx((3,), bytes([7, 2, 1])).hex(" ")
    '00 00 08 01 00 00 00 03 07 02 01'
    """
    shape = tuple(shape)
    if not 1 <= len(shape) <= 255:
        raise ValueError(f"an IDX array has 1 to 255 dimensions, got {len(shape)}")
    for s in shape:
        if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s < 2**32:
            raise ValueError(f"every size must be an integer from 0 to 2**32 - 1, got shape {shape!r}")
    data = bytes(data)
    if len(data) != _product(shape):
        raise ValueError(
            f"size mismatch: shape {_shape_text(shape)} needs {_product(shape)} bytes of data, got {len(data)}"
        )
    header = bytes([0, 0, UNSIGNED_BYTE, len(shape)]) + b"".join(s.to_bytes(4, "big") for s in shape)
    return header + data


def write_idx(path: PathLike, shape: Sequence[int], data: bytes, *, compress: bool = False) -> Path:
    """Write an unsigned-byte IDX file atomically; gzip'd if ``compress``.

    The gzip header carries no time stamp, so the same array always gives the
    same file.
    """
    raw = encode_idx(shape, data)
    if compress:
        raw = gzip.compress(raw, mtime=0)
    return atomic_write_bytes(path, raw)
