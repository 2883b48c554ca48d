r"""NumPy's ``.npy`` and ``.npz`` files, read and written without NumPy.

Why this exists: the course code of 'Künstliche Intelligenz selbst gemacht'
(Speichern und Laden trainierter Gewichte) saves a trained network with
``numpy.savez(filename, *self.weights)`` and reads it back with
``numpy.load``. purenn runs on the standard library alone, so it reads and
writes those files itself; ``purenn.io.course_form`` turns them into networks.

The format, in brief (NumPy's "NPY format" specification):

* An ``.npy`` file starts with the magic string ``b"\x93NUMPY"`` and two
  bytes for the format version, major and minor: 1.0, 2.0 or 3.0.
* Then the length of the header: 2 bytes (unsigned, little-endian) in
  version 1.0, 4 bytes in 2.0 and 3.0.
* The header is a Python literal dict with exactly the keys ``descr`` (the
  dtype, e.g. ``'<f8'``: ``<`` little-endian, ``f`` float, 8 bytes),
  ``fortran_order`` and ``shape``, padded with spaces and ended by ``"\n"``
  so that the data starts at a multiple of 64 bytes (16 in old files). It is
  latin-1 text in 1.0 and 2.0, UTF-8 in 3.0.
* Then the raw numbers, ``prod(shape)`` of them, in C order (last index
  fastest) or, with ``fortran_order``, in Fortran order (first index fastest).
* An ``.npz`` file is a zip archive of ``.npy`` files; ``numpy.savez(f, a, b)``
  names them ``arr_0.npy``, ``arr_1.npy``.

What purenn reads: little-endian floats (``<f8``, ``<f4``, ``<f2``), integers
(``<i8`` … ``|i1``, ``<u8`` … ``|u1``) and booleans (``|b1``), any number of
dimensions, in C or Fortran order. Everything else — big-endian data, object
arrays (``|O``, which hold pickles), structured dtypes, complex numbers,
strings, dates — is refused with a ``ValueError`` that says what was found.
The header is parsed with ``ast.literal_eval`` only; nothing is ever
unpickled or executed.

Sizes are limited before anything is allocated: an array of at most
``MAX_ARRAY_BYTES`` (64 MiB, 8 million float64 entries — in Python lists
about four times that in memory), and an .npz member that inflates more than
``MAX_INFLATION`` times its compressed size (beyond 1 MiB) is refused as a zip bomb.

What purenn writes: float64 (``<f8``) for floats, int64 (``<i8``) for whole
numbers, ``|b1`` for booleans, C order, format version 1.0 — through
``purenn.io.atomic``, so a failed write never leaves half a file.

    >>> blob = encode_npy([[1.5, 2.0], [3.0, 4.0]])
    >>> blob[:10], len(blob)
    (b'\x93NUMPY\x01\x00v\x00', 160)
    >>> decode_npy(blob)
    NpyArray(shape=(2, 2), dtype='<f8', data=[1.5, 2.0, 3.0, 4.0])
    >>> decode_npy(blob).tolist()
    [[1.5, 2.0], [3.0, 4.0]]
"""

from __future__ import annotations

import ast
import io
import itertools
import math
import numbers
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from purenn.io.atomic import atomic_write, atomic_write_bytes

__all__ = [
    "NpyArray",
    "read_npy",
    "write_npy",
    "read_npz",
    "write_npz",
    "encode_npy",
    "decode_npy",
    "SUPPORTED_DTYPES",
    "MAX_ARRAY_BYTES",
    "MAX_INFLATION",
]

#: One array entry as Python gives it back.
Number = Union[bool, int, float]
#: What the writers take: an NpyArray, anything with ``.tolist()`` (a Matrix),
#: nested lists/tuples of numbers, or a single number (a 0-d array).
ArrayLike = Any
PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]

#: The largest array read, in bytes of data (a 784×1000 float64 weight matrix is 6.3 MB).
MAX_ARRAY_BYTES = 64 * 2**20
#: Room for the .npy header on top of the data.
_SLACK = 2**16
#: An .npz member may inflate at most this many times its compressed size (if larger than 1 MiB).
MAX_INFLATION = 100

MAGIC = b"\x93NUMPY"
#: (major, minor) → (struct format of the header-length field, header encoding)
_VERSIONS: Dict[Tuple[int, int], Tuple[str, str]] = {
    (1, 0): ("<H", "latin1"),
    (2, 0): ("<I", "latin1"),
    (3, 0): ("<I", "utf8"),
}
#: The data starts at a multiple of this many bytes (NumPy ≥ 1.14; 16 before).
ALIGNMENT = 64
_HEADER_KEYS = ("descr", "fortran_order", "shape")

#: dtype → struct letter. Multi-byte types only little-endian ('<'); one-byte
#: types have no byte order, which NumPy writes as '|'.
_STRUCT_LETTER: Dict[str, str] = {
    "<f8": "d",
    "<f4": "f",
    "<f2": "e",
    "<i8": "q",
    "<i4": "i",
    "<i2": "h",
    "|i1": "b",
    "<u8": "Q",
    "<u4": "I",
    "<u2": "H",
    "|u1": "B",
    "|b1": "?",
}
SUPPORTED_DTYPES = tuple(_STRUCT_LETTER)
_SUPPORTED_TEXT = ", ".join(SUPPORTED_DTYPES)


# -- the array ---------------------------------------------------------------


@dataclass(frozen=True)
class NpyArray:
    """An n-d array as an ``.npy`` file holds it: shape, dtype, and the entries flat in C order.

    >>> a = NpyArray((2, 3), "<i8", [1, 2, 3, 4, 5, 6])
    >>> a.tolist()
    [[1, 2, 3], [4, 5, 6]]
    >>> NpyArray((), "<f8", [2.5]).tolist()
    2.5
    """

    shape: Tuple[int, ...]
    dtype: str
    data: List[Number]

    def __post_init__(self) -> None:
        shape = tuple(self.shape)
        for n in shape:
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ValueError(f"shape must be whole numbers ≥ 0, got {self.shape!r}")
        object.__setattr__(self, "shape", shape)
        object.__setattr__(self, "data", list(self.data))
        if self.dtype not in _STRUCT_LETTER:
            raise ValueError(f"dtype {self.dtype!r} is not supported; supported: {_SUPPORTED_TEXT}")
        if len(self.data) != self.size:
            raise ValueError(
                f"shape {shape} needs {self.size} entries, but data has {len(self.data)}"
            )

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        """The number of entries, prod(shape) (1 for a 0-d array)."""
        return math.prod(self.shape)

    def tolist(self) -> Any:
        """Nested lists like ``numpy.ndarray.tolist()``: a number for 0-d, lists of lists for 2-d."""
        return _nest(self.data, self.shape)

    @classmethod
    def from_nested(cls, values: ArrayLike, dtype: Optional[str] = None) -> "NpyArray":
        """An array from nested lists (or a Matrix, or a number), as ``numpy.array(values)`` makes it.

        Without ``dtype``: booleans only → ``|b1``, whole numbers → ``<i8``,
        otherwise ``<f8``. ``[]`` becomes a float64 array of shape (0,), as in
        NumPy — the course code's placeholder ``weights[0]``.

        >>> NpyArray.from_nested([[1, 2], [3, 4.5]])
        NpyArray(shape=(2, 2), dtype='<f8', data=[1.0, 2.0, 3.0, 4.5])
        >>> NpyArray.from_nested([])
        NpyArray(shape=(0,), dtype='<f8', data=[])
        """
        if isinstance(values, NpyArray):
            return values if dtype is None else cls(values.shape, dtype, _cast(values.data, dtype))
        tolist = getattr(values, "tolist", None)
        if callable(tolist):
            values = tolist()
        shape = _shape_of(values)
        flat = list(_flatten(values, shape, ()))
        chosen = dtype if dtype is not None else _infer_dtype(flat)
        return cls(shape, chosen, _cast(flat, chosen))


def _nest(flat: Sequence[Number], shape: Tuple[int, ...]) -> Any:
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = math.prod(shape[1:])
    return [_nest(flat[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def _is_sequence(value: object) -> bool:
    return isinstance(value, (list, tuple))


def _shape_of(values: object) -> Tuple[int, ...]:
    """The shape read along the first entries; ``_flatten`` checks the rest."""
    shape: List[int] = []
    while _is_sequence(values):
        seq: Sequence[Any] = values  # type: ignore[assignment]
        shape.append(len(seq))
        if not seq:
            break
        values = seq[0]
    return tuple(shape)


def _flatten(values: Any, shape: Tuple[int, ...], where: Tuple[int, ...]) -> Iterator[Number]:
    if not shape:
        if _is_sequence(values):
            raise ValueError(f"entry {list(where)} is a list, but its siblings are numbers: ragged nesting")
        if not isinstance(values, numbers.Real):
            raise TypeError(f"entry {list(where)} must be a real number, got {values!r}")
        yield values  # type: ignore[misc]
        return
    if not _is_sequence(values) or len(values) != shape[0]:
        found = f"{len(values)} entries" if _is_sequence(values) else repr(values)
        raise ValueError(
            f"entry {list(where)} must be a list of {shape[0]} entries (shape {shape}), "
            f"found {found}: the nesting is ragged"
        )
    for i, value in enumerate(values):
        yield from _flatten(value, shape[1:], where + (i,))


def _infer_dtype(flat: Sequence[Number]) -> str:
    if flat and all(isinstance(v, bool) for v in flat):
        return "|b1"
    if flat and all(isinstance(v, int) for v in flat):
        return "<i8"
    return "<f8"


def _cast(flat: Sequence[Any], dtype: str) -> List[Number]:
    """The entries as Python numbers of the dtype's kind (Fractions become floats)."""
    if dtype not in _STRUCT_LETTER:
        raise ValueError(f"dtype {dtype!r} is not supported; supported: {_SUPPORTED_TEXT}")
    kind = dtype[1]
    if kind == "f":
        return [float(v) for v in flat]
    if kind == "b":
        return [bool(v) for v in flat]
    out: List[Number] = []
    for v in flat:
        if isinstance(v, float) and not v.is_integer():
            raise ValueError(f"dtype {dtype} holds whole numbers, got {v!r}")
        out.append(int(v))
    return out


# -- reading .npy ------------------------------------------------------------


def decode_npy(blob: Union[bytes, bytearray, memoryview], name: str = "the .npy data") -> NpyArray:
    """The array in the bytes of an ``.npy`` file; ``name`` says which file in error messages."""
    data = bytes(blob)
    header_text, data_start = _split_header(data, name)
    descr, fortran_order, shape = _parse_header(header_text, name)
    dtype = _checked_dtype(descr, name)
    flat = _unpack(data, data_start, dtype, math.prod(shape), name)
    if fortran_order and len(shape) > 1:
        flat = _fortran_to_c(flat, shape)
    return NpyArray(shape, dtype, flat)


def read_npy(source: PathOrBytes) -> NpyArray:
    """Read an ``.npy`` file, given as a path or as its bytes.

    >>> read_npy(encode_npy(7)).tolist()
    7
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode_npy(source)
    _check_file_size(Path(source), MAX_ARRAY_BYTES + _SLACK)
    return decode_npy(Path(source).read_bytes(), name=str(source))


def _check_file_size(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise ValueError(f"{path} is {size} bytes; purenn reads arrays of at most {MAX_ARRAY_BYTES} bytes")


def _split_header(data: bytes, name: str) -> Tuple[str, int]:
    """The header text and the offset where the numbers start."""
    if data[:6] != MAGIC:
        raise ValueError(
            f"{name} is not a .npy file: expected the magic string {MAGIC!r} at the start, "
            f"found {data[:6]!r}"
        )
    if len(data) < 8:
        raise ValueError(f"{name} is truncated: it ends inside the version bytes after the magic string")
    version = (data[6], data[7])
    if version not in _VERSIONS:
        raise ValueError(
            f"{name} has .npy format version {version[0]}.{version[1]}; "
            "supported versions: 1.0, 2.0, 3.0"
        )
    length_format, encoding = _VERSIONS[version]
    field_end = 8 + struct.calcsize(length_format)
    if len(data) < field_end:
        raise ValueError(f"{name} is truncated: it ends inside the header-length field")
    (header_length,) = struct.unpack(length_format, data[8:field_end])
    data_start = field_end + header_length
    if len(data) < data_start:
        raise ValueError(
            f"{name} has a truncated header: the header-length field says {header_length} bytes, "
            f"but only {len(data) - field_end} follow"
        )
    try:
        return data[field_end:data_start].decode(encoding), data_start
    except UnicodeDecodeError as e:
        raise ValueError(f"{name}: the header is not valid {encoding} text ({e})") from None


def _parse_header(text: str, name: str) -> Tuple[object, bool, Tuple[int, ...]]:
    """descr, fortran_order and shape from the header — a literal, never code."""
    try:
        header = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ValueError(f"{name}: the header is not a Python literal: {text.strip()[:80]!r}") from None
    if not isinstance(header, dict):
        raise ValueError(
            f"{name}: the header must be a dict with the keys {', '.join(_HEADER_KEYS)}; "
            f"found a {type(header).__name__}"
        )
    missing = [k for k in _HEADER_KEYS if k not in header]
    extra = sorted(repr(k) for k in header if k not in _HEADER_KEYS)
    if missing or extra:
        raise ValueError(
            f"{name}: the header must have exactly the keys {', '.join(_HEADER_KEYS)}; "
            f"missing: {', '.join(missing) or 'none'}; unexpected: {', '.join(extra) or 'none'}"
        )
    fortran_order, shape = header["fortran_order"], header["shape"]
    if not isinstance(fortran_order, bool):
        raise ValueError(f"{name}: fortran_order must be True or False, found {fortran_order!r}")
    if not isinstance(shape, tuple) or not all(_is_count(n) for n in shape):
        raise ValueError(f"{name}: shape must be a tuple of whole numbers ≥ 0, found {shape!r}")
    return header["descr"], fortran_order, shape


def _is_count(n: object) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def _checked_dtype(descr: object, name: str) -> str:
    """descr in its canonical form, or a ValueError that says why it is refused."""
    if not isinstance(descr, str):
        raise ValueError(
            f"{name} has a structured dtype {descr!r} (a list of named fields); "
            f"supported are plain numbers: {_SUPPORTED_TEXT}"
        )
    if descr in _STRUCT_LETTER:
        return descr
    order, code = descr[:1], descr[1:]
    if code in ("O", "O8", "O4"):
        raise ValueError(
            f"{name} has dtype {descr!r}, an object array: its entries are pickled Python objects, "
            f"and purenn never unpickles; supported: {_SUPPORTED_TEXT}"
        )
    if code in ("i1", "u1", "b1") and order in ("<", ">", "="):
        return "|" + code  # one byte has no byte order
    if order == ">" and "<" + code in _STRUCT_LETTER:
        raise ValueError(
            f"{name} has the big-endian dtype {descr!r}; only little-endian data is supported: "
            f"{_SUPPORTED_TEXT}"
        )
    raise ValueError(f"{name} has dtype {descr!r}, which is not supported; supported: {_SUPPORTED_TEXT}")


def _unpack(data: bytes, start: int, dtype: str, count: int, name: str) -> List[Number]:
    letter = _STRUCT_LETTER[dtype]
    expected = count * struct.calcsize(letter)
    if expected > MAX_ARRAY_BYTES:
        raise ValueError(f"{name} holds {count} entries of {dtype}, {expected} bytes; purenn reads arrays of at most "
                         f"{MAX_ARRAY_BYTES} bytes")
    found = len(data) - start
    if found != expected:
        problem = "is truncated" if found < expected else "has extra bytes after the data"
        raise ValueError(
            f"{name} {problem}: {count} entries of {dtype} need {expected} bytes, found {found}"
        )
    return list(struct.unpack_from(f"<{count}{letter}", data, start))


def _fortran_to_c(flat: Sequence[Number], shape: Tuple[int, ...]) -> List[Number]:
    """Reorder entries stored first-index-fastest into last-index-fastest order."""
    strides = [math.prod(shape[:k]) for k in range(len(shape))]  # Fortran strides
    return [
        flat[sum(i * s for i, s in zip(index, strides))]
        for index in itertools.product(*(range(n) for n in shape))
    ]


# -- writing .npy ------------------------------------------------------------


def encode_npy(array: ArrayLike) -> bytes:
    """The bytes of an ``.npy`` file (version 1.0, C order) holding ``array``."""
    a = NpyArray.from_nested(array)
    header = f"{{'descr': {a.dtype!r}, 'fortran_order': False, 'shape': {a.shape!r}, }}"
    return _preamble(header) + _pack(a)


def _preamble(header: str) -> bytes:
    """Magic, version, header length and the header padded to ALIGNMENT; 2.0 if 1.0's field is too small."""
    for version, length_format in (((1, 0), "<H"), ((2, 0), "<I")):
        before = len(MAGIC) + 2 + struct.calcsize(length_format)
        padding = -(before + len(header) + 1) % ALIGNMENT
        text = (header + " " * padding + "\n").encode("latin1")
        if len(text) < 2 ** (8 * struct.calcsize(length_format)):
            return MAGIC + bytes(version) + struct.pack(length_format, len(text)) + text
    raise ValueError(f"the .npy header is too long ({len(header)} characters)")


def _pack(a: NpyArray) -> bytes:
    try:
        return struct.pack(f"<{a.size}{_STRUCT_LETTER[a.dtype]}", *a.data)
    except (struct.error, OverflowError) as e:
        raise ValueError(f"a value does not fit into dtype {a.dtype}: {e}") from None


def write_npy(path: Union[str, "os.PathLike[str]"], array: ArrayLike) -> Path:
    """Write ``array`` to ``path`` as an ``.npy`` file, atomically."""
    return atomic_write_bytes(path, encode_npy(array))


# -- .npz: a zip archive of .npy files ----------------------------------------


def read_npz(source: PathOrBytes) -> Dict[str, NpyArray]:
    """The arrays of an ``.npz`` file by name (``arr_0``, …, without ``.npy``), in archive order."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), "the .npz data"
    else:
        _check_file_size(Path(source), 4 * MAX_ARRAY_BYTES)
        data, name = Path(source).read_bytes(), str(source)
    if data[:6] == MAGIC:
        raise ValueError(f"{name} is a single .npy file, not an .npz archive: read it with read_npy")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError(
            f"{name} is not an .npz file: an .npz is a zip archive of .npy files, "
            f"but this is not a zip archive (it starts with {data[:4]!r})"
        ) from None
    with archive:
        return {
            _member_key(info): decode_npy(_member_bytes(archive, info, name), f"{name}[{info.filename}]")
            for info in _checked_members(archive, name)
        }


def _checked_members(archive: zipfile.ZipFile, name: str) -> List[zipfile.ZipInfo]:
    members = archive.infolist()
    keys = set()
    for info in members:
        if info.is_dir() or not info.filename.endswith(".npy"):
            raise ValueError(
                f"{name}: every member of an .npz must be an .npy file, found {info.filename!r}"
            )
        if info.file_size > MAX_ARRAY_BYTES + _SLACK:
            raise ValueError(
                f"{name}: member {info.filename!r} is {info.file_size} bytes; purenn reads arrays of at most "
                f"{MAX_ARRAY_BYTES} bytes"
            )
        if info.file_size > 2**20 and info.file_size > MAX_INFLATION * max(info.compress_size, 1):
            raise ValueError(
                f"{name}: member {info.filename!r} inflates from {info.compress_size} to {info.file_size} bytes, "
                f"more than {MAX_INFLATION} times: refused as a zip bomb"
            )
        key = _member_key(info)
        if key in keys:
            raise ValueError(f"{name}: the array {key!r} is in the archive twice")
        keys.add(key)
    return members


def _member_key(info: zipfile.ZipInfo) -> str:
    return info.filename[: -len(".npy")]


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as e:
        raise ValueError(f"{name}: cannot read member {info.filename!r} of the zip archive: {e}") from None


def write_npz(
    path: Union[str, "os.PathLike[str]"],
    arrays: Union[Mapping[str, ArrayLike], Sequence[ArrayLike]],
) -> Path:
    """Write arrays as an ``.npz`` file (uncompressed, like ``numpy.savez``), atomically.

    A dict names the arrays; a list names them ``arr_0``, ``arr_1``, … as
    ``numpy.savez(filename, *arrays)`` does. All arrays are encoded before the
    file is touched.
    """
    members = [(key + ".npy", encode_npy(a)) for key, a in _named(arrays)]

    def write(f: BinaryIO) -> None:
        with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as archive:
            for filename, blob in members:
                archive.writestr(_zip_entry(filename), blob)

    return atomic_write(path, write)


def _named(arrays: Union[Mapping[str, ArrayLike], Sequence[ArrayLike]]) -> List[Tuple[str, ArrayLike]]:
    if isinstance(arrays, Mapping):
        for key in arrays:
            if not isinstance(key, str) or not key:
                raise ValueError(f"array names must be non-empty strings, got {key!r}")
        return list(arrays.items())
    if isinstance(arrays, (str, bytes)) or not isinstance(arrays, Sequence):
        raise TypeError(f"write_npz takes a dict or a list of arrays, got {type(arrays).__name__}")
    return [(f"arr_{k}", a) for k, a in enumerate(arrays)]


def _zip_entry(filename: str) -> zipfile.ZipInfo:
    # A fixed timestamp: the same arrays give the same file, byte for byte.
    info = zipfile.ZipInfo(filename, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    return info
