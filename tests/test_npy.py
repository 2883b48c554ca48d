"""purenn.io.npy: NumPy's .npy/.npz files without NumPy.

The fixtures in tests/fixtures/npy/ were written by real NumPy
(scripts/make_npy_fixtures.py); expected.json holds what each contains.
Malformed files are made here by cutting or changing bytes of good ones.
"""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import random
import struct
import zipfile
from pathlib import Path
from typing import Any, Dict, List

import pytest

from purenn.matrix import Matrix
from purenn.io.npy import (
    NpyArray,
    decode_npy,
    encode_npy,
    read_npy,
    read_npz,
    write_npy,
    write_npz,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "npy"
EXPECTED: Dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
READABLE = sorted(name for name, e in EXPECTED.items() if name.endswith(".npy") and "values" in e)


def bits(values: List[float]) -> bytes:
    return struct.pack(f"<{len(values)}d", *values)


def npy_bytes(header: str, body: bytes = b"", version: bytes = b"\x01\x00") -> bytes:
    """An .npy file with the given header text, padded like NumPy pads it."""
    field = 2 if version == b"\x01\x00" else 4
    pad = -(6 + 2 + field + len(header) + 1) % 64
    text = (header + " " * pad + "\n").encode("latin1")
    length = struct.pack("<H" if field == 2 else "<I", len(text))
    return b"\x93NUMPY" + version + length + text + body


GOOD = npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", bits([1.0, 2.0]))


# -- the fixtures NumPy wrote --------------------------------------------------


def test_the_fixtures_are_there() -> None:
    # Guards the parametrized tests below against an empty or moved folder.
    assert len(READABLE) >= 10
    assert {"f8_c_2d.npy", "f8_fortran_2d.npy", "i8_2d.npy", "f8_1d.npy", "f8_0d.npy"} <= set(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_reads_what_numpy_wrote(name: str) -> None:
    expected = EXPECTED[name]
    a = read_npy(FIXTURES / name)
    assert a.dtype == expected["dtype"]
    assert list(a.shape) == expected["shape"]
    assert a.tolist() == expected["values"]


def test_floats_come_back_bit_for_bit() -> None:
    # -0.0, a subnormal and the largest double compare equal only if every bit is right.
    a = read_npy(FIXTURES / "f8_c_2d.npy")
    expected = [v for row in EXPECTED["f8_c_2d.npy"]["values"] for v in row]
    assert bits(a.data) == bits(expected)
    assert math.copysign(1.0, a.tolist()[1][1]) == -1.0
    assert a.tolist()[2][1] == 5e-324


def test_int64_extremes() -> None:
    a = read_npy(FIXTURES / "i8_2d.npy")
    assert a.tolist() == [[1, -2, 3], [2**62, -(2**63), 0]]
    assert all(type(v) is int for v in a.data)


@pytest.mark.parametrize("name", ["f8_fortran_2d.npy", "i4_fortran_3d.npy"])
def test_fortran_order_is_read_into_c_order(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    assert b"'fortran_order': True" in raw[:128]
    assert EXPECTED[name]["fortran_order"] is True
    a = read_npy(raw)
    assert a.tolist() == EXPECTED[name]["values"]


def test_fortran_order_2d_by_hand() -> None:
    # Column-major bytes 1, 4, 2, 5, 3, 6 are the matrix [[1, 2, 3], [4, 5, 6]].
    blob = npy_bytes("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
                     struct.pack("<6q", 1, 4, 2, 5, 3, 6))
    assert read_npy(blob).tolist() == [[1, 2, 3], [4, 5, 6]]
    assert read_npy(blob).data == [1, 2, 3, 4, 5, 6]


def test_zero_d_and_empty() -> None:
    zero_d = read_npy(FIXTURES / "f8_0d.npy")
    assert zero_d.shape == () and zero_d.tolist() == 2.718281828459045
    empty = read_npy(FIXTURES / "f8_empty.npy")
    assert empty.shape == (0,) and empty.dtype == "<f8" and empty.tolist() == []


def test_versions_2_and_3() -> None:
    assert (FIXTURES / "f8_v2.npy").read_bytes()[6:8] == b"\x02\x00"
    assert (FIXTURES / "f8_v3.npy").read_bytes()[6:8] == b"\x03\x00"
    assert read_npy(FIXTURES / "f8_v2.npy").tolist() == [[1.0, 2.0]]
    assert read_npy(FIXTURES / "f8_v3.npy").tolist() == [[3.0], [4.0]]


def test_reads_the_course_npz_in_archive_order() -> None:
    arrays = read_npz(FIXTURES / "course_net.npz")
    assert list(arrays) == ["arr_0", "arr_1", "arr_2"]
    # numpy.savez turns the placeholder weights[0] = [] into a float64 array of shape (0,).
    assert arrays["arr_0"].shape == (0,) and arrays["arr_0"].dtype == "<f8"
    for key, expected in EXPECTED["course_net.npz"]["arrays"].items():
        assert list(arrays[key].shape) == expected["shape"]
        assert arrays[key].tolist() == expected["values"]
    assert arrays["arr_1"].shape == (3, 3) and arrays["arr_2"].shape == (1, 4)


def test_reads_a_compressed_npz() -> None:
    arrays = read_npz(FIXTURES / "compressed.npz")
    assert {k: a.tolist() for k, a in arrays.items()} == EXPECTED["compressed.npz"]


def test_object_arrays_are_refused_without_unpickling(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("pickle was called")

    monkeypatch.setattr(pickle, "loads", forbidden)
    monkeypatch.setattr(pickle, "load", forbidden)
    monkeypatch.setattr(pickle, "Unpickler", forbidden)
    with pytest.raises(ValueError, match=r"'\|O'.*object array.*never unpickles"):
        read_npy(FIXTURES / "object.npy")


def test_big_endian_is_refused() -> None:
    with pytest.raises(ValueError, match=r"big-endian dtype '>f8'.*<f8"):
        read_npy(FIXTURES / "f8_big_endian.npy")


# -- round trips ---------------------------------------------------------------


def test_float_round_trip_is_bit_exact(tmp_path: Path) -> None:
    rng = random.Random(3)
    values = [rng.uniform(-1e6, 1e6) for _ in range(30)] + [
        0.1, -0.0, 5e-324, 1.7976931348623157e308, math.inf, -math.inf, math.nan, 1 / 3,
    ]
    rows = [values[i : i + 2] for i in range(0, len(values), 2)]
    write_npy(tmp_path / "f.npy", rows)
    back = read_npy(tmp_path / "f.npy")
    assert back.shape == (len(rows), 2) and back.dtype == "<f8"
    assert bits(back.data) == bits(values)


def test_int_round_trip(tmp_path: Path) -> None:
    rows = [[0, 1, -1], [2**63 - 1, -(2**63), 12345678901234]]
    write_npy(tmp_path / "i.npy", rows)
    back = read_npy(tmp_path / "i.npy")
    assert back.dtype == "<i8" and back.tolist() == rows


@pytest.mark.parametrize(
    "value, shape, dtype",
    [
        (2.5, (), "<f8"),
        (7, (), "<i8"),
        ([], (0,), "<f8"),
        ([1.0, 2.0, 3.0], (3,), "<f8"),
        ([[True, False]], (1, 2), "|b1"),
        ([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], (2, 2, 2), "<i8"),
        ([[1, 2.5]], (1, 2), "<f8"),
        ([[], []], (2, 0), "<f8"),
    ],
)
def test_round_trip_shapes_and_dtypes(value: Any, shape: Any, dtype: str) -> None:
    back = decode_npy(encode_npy(value))
    assert back.shape == shape and back.dtype == dtype
    assert back.tolist() == value


def test_a_matrix_is_written_as_float64() -> None:
    back = decode_npy(encode_npy(Matrix([[1.5, -2.0], [0.25, 4.0]])))
    assert back.shape == (2, 2) and back.dtype == "<f8"
    assert back.tolist() == [[1.5, -2.0], [0.25, 4.0]]


def test_other_dtypes_are_written_as_they_are() -> None:
    back = decode_npy(encode_npy(NpyArray((3,), "<f4", [0.5, -1.5, 2.0])))
    assert back.dtype == "<f4" and back.tolist() == [0.5, -1.5, 2.0]


def test_written_header_is_version_1_aligned_to_64() -> None:
    blob = encode_npy([[1.0, 2.0, 3.0]])
    assert blob[:8] == b"\x93NUMPY\x01\x00"
    (length,) = struct.unpack("<H", blob[8:10])
    assert (10 + length) % 64 == 0
    header = blob[10 : 10 + length].decode("latin1")
    assert header.endswith(" \n")
    assert header.rstrip() == "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }"
    assert len(blob) == 10 + length + 3 * 8


def test_npz_round_trip_from_a_list_and_a_dict(tmp_path: Path) -> None:
    write_npz(tmp_path / "l.npz", [[], [[1.0, 2.0]], 3])
    arrays = read_npz(tmp_path / "l.npz")
    assert list(arrays) == ["arr_0", "arr_1", "arr_2"]
    assert [a.tolist() for a in arrays.values()] == [[], [[1.0, 2.0]], 3]
    with zipfile.ZipFile(tmp_path / "l.npz") as z:
        assert z.namelist() == ["arr_0.npy", "arr_1.npy", "arr_2.npy"]
    write_npz(tmp_path / "d.npz", {"W": [[0.5]], "b": [1.0, 2.0]})
    arrays = read_npz(tmp_path / "d.npz")
    assert list(arrays) == ["W", "b"]
    assert arrays["W"].tolist() == [[0.5]] and arrays["b"].tolist() == [1.0, 2.0]


def test_npz_is_the_same_bytes_for_the_same_arrays(tmp_path: Path) -> None:
    write_npz(tmp_path / "a.npz", [[1.0], [2.0, 3.0]])
    write_npz(tmp_path / "b.npz", [[1.0], [2.0, 3.0]])
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


# -- malformed files -------------------------------------------------------------


def test_good_bytes_are_good() -> None:
    # The malformed cases below alter this one; it must read on its own.
    assert read_npy(GOOD).tolist() == [1.0, 2.0]


def test_bad_magic() -> None:
    with pytest.raises(ValueError, match=r"not a \.npy file.*magic string.*found b'PK"):
        read_npy(b"PK\x03\x04" + GOOD[4:])
    with pytest.raises(ValueError, match="not a .npy file"):
        read_npy(b"")


def test_unsupported_version() -> None:
    with pytest.raises(ValueError, match=r"version 4\.0; supported versions: 1\.0, 2\.0, 3\.0"):
        read_npy(GOOD[:6] + b"\x04\x00" + GOOD[8:])
    with pytest.raises(ValueError, match=r"version 1\.1"):
        read_npy(GOOD[:6] + b"\x01\x01" + GOOD[8:])


@pytest.mark.parametrize("cut", [7, 9, 20, 70])
def test_truncated_header(cut: int) -> None:
    with pytest.raises(ValueError, match="truncated"):
        read_npy(GOOD[:cut])


def test_truncated_header_names_the_lengths() -> None:
    with pytest.raises(ValueError, match=r"header-length field says 118 bytes, but only 10 follow"):
        read_npy(GOOD[:20])


def test_header_not_a_dict() -> None:
    with pytest.raises(ValueError, match=r"header must be a dict.*found a list"):
        read_npy(npy_bytes("['descr', '<f8']", bits([1.0])))


def test_header_missing_and_extra_keys() -> None:
    with pytest.raises(ValueError, match=r"missing: shape; unexpected: none"):
        read_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False}"))
    with pytest.raises(ValueError, match=r"missing: none; unexpected: 'x'"):
        read_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (), 'x': 1}", bits([1.0])))


def test_header_is_never_run_as_code() -> None:
    with pytest.raises(ValueError, match="not a Python literal"):
        read_npy(npy_bytes("__import__('os').getcwd()"))


def test_header_with_wrong_field_types() -> None:
    with pytest.raises(ValueError, match="fortran_order must be True or False, found 0"):
        read_npy(npy_bytes("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", bits([1.0])))
    with pytest.raises(ValueError, match=r"shape must be a tuple.*found \[1\]"):
        read_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': [1]}", bits([1.0])))
    with pytest.raises(ValueError, match=r"shape must be a tuple.*found \(-1,\)"):
        read_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}"))


def test_truncated_data() -> None:
    with pytest.raises(ValueError, match=r"is truncated: 2 entries of <f8 need 16 bytes, found 12"):
        read_npy(GOOD[:-4])


def test_extra_data() -> None:
    with pytest.raises(ValueError, match=r"extra bytes after the data: 2 entries of <f8 need 16 bytes, found 17"):
        read_npy(GOOD + b"\x00")


@pytest.mark.parametrize(
    "descr, message",
    [
        ("[('x', '<f8'), ('y', '<i4')]", "structured dtype"),
        ("'<c16'", "dtype '<c16', which is not supported"),
        ("'<U3'", "dtype '<U3', which is not supported"),
        ("'>i8'", "big-endian dtype '>i8'"),
        ("'|O'", "object array"),
    ],
)
def test_unsupported_dtypes(descr: str, message: str) -> None:
    blob = npy_bytes(f"{{'descr': {descr}, 'fortran_order': False, 'shape': (1,), }}", b"\x00" * 16)
    with pytest.raises(ValueError, match=message) as info:
        read_npy(blob)
    assert "supported" in str(info.value) and "<f8" in str(info.value)


def test_one_byte_types_ignore_the_byte_order_mark() -> None:
    blob = npy_bytes("{'descr': '<u1', 'fortran_order': False, 'shape': (2,), }", b"\x05\xff")
    a = read_npy(blob)
    assert a.dtype == "|u1" and a.tolist() == [5, 255]


def test_npz_that_is_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "x.npz").write_bytes(b"this is text, not a zip archive")
    with pytest.raises(ValueError, match=r"not an \.npz file.*not a zip archive"):
        read_npz(tmp_path / "x.npz")
    with pytest.raises(ValueError, match=r"single \.npy file.*read_npy"):
        read_npz(GOOD)


def test_npz_with_a_member_that_is_not_npy() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("arr_0.npy", GOOD)
        z.writestr("notes.txt", "hello")
    with pytest.raises(ValueError, match=r"every member of an \.npz must be an \.npy file, found 'notes.txt'"):
        read_npz(buffer.getvalue())


def test_npz_with_a_broken_member_names_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("arr_0.npy", GOOD)
        z.writestr("arr_1.npy", GOOD[:-8])
    with pytest.raises(ValueError, match=r"\[arr_1\.npy\] is truncated"):
        read_npz(buffer.getvalue())


# -- what cannot be written -----------------------------------------------------


def test_ragged_nesting_is_refused() -> None:
    with pytest.raises(ValueError, match=r"entry \[1\] must be a list of 2 entries.*found 3 entries"):
        encode_npy([[1.0, 2.0], [3.0, 4.0, 5.0]])


def test_non_numbers_are_refused() -> None:
    with pytest.raises(TypeError, match=r"entry \[0, 1\] must be a real number, got 'x'"):
        encode_npy([[1.0, "x"]])


def test_int_out_of_int64_range_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit into dtype <i8"):
        encode_npy([2**63])


def test_npyarray_checks_its_size() -> None:
    with pytest.raises(ValueError, match=r"shape \(2, 2\) needs 4 entries, but data has 3"):
        NpyArray((2, 2), "<f8", [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"dtype '>f8' is not supported"):
        NpyArray((1,), ">f8", [1.0])


# -- atomic writes -----------------------------------------------------------------


def test_failed_npz_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = zipfile.ZipFile.writestr

    def fail_on_second(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        calls.append(args[0])
        if len(calls) == 2:
            raise OSError("disk full")
        real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_on_second)
    with pytest.raises(OSError, match="disk full"):
        write_npz(tmp_path / "w.npz", [[1.0], [2.0], [3.0]])
    assert len(calls) == 2  # the failure came in the middle of the archive
    assert os.listdir(tmp_path) == []


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "w.npz"
    write_npz(target, [[1.0]])
    before = target.read_bytes()

    def fail(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)
    with pytest.raises(OSError):
        write_npz(target, [[2.0]])
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["w.npz"]


def test_unwritable_array_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_npy(tmp_path / "x.npy", [2**70])
    with pytest.raises(ValueError):
        write_npz(tmp_path / "x.npz", [[1.0], [[1.0], [2.0, 3.0]]])
    assert os.listdir(tmp_path) == []


def test_an_npz_member_that_inflates_like_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    import io as _io
    import time
    import zipfile as _zipfile

    from purenn.io import npy

    blob = npy.encode_npy([[0.0] * 1000] * 300)  # 2.4 MB of zeros: deflate makes about 2 KB of it
    buffer = _io.BytesIO()
    with _zipfile.ZipFile(buffer, "w", _zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("arr_0.npy", blob)
    start = time.perf_counter()
    with pytest.raises(ValueError, match="more than 100 times: refused as a zip bomb"):
        npy.read_npz(buffer.getvalue())
    assert time.perf_counter() - start < 1


def test_arrays_larger_than_the_limit_are_refused_before_allocating(monkeypatch, tmp_path):
    from purenn.io import npy

    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000,), }"
    with pytest.raises(ValueError, match="purenn reads arrays of at most 67108864 bytes"):
        npy.decode_npy(npy._preamble(header))
    path = npy.write_npy(tmp_path / "a.npy", [1.0] * 100)
    monkeypatch.setattr(npy, "MAX_ARRAY_BYTES", 100)
    monkeypatch.setattr(npy, "_SLACK", 0)
    with pytest.raises(ValueError, match="a.npy (is|holds) .* bytes; purenn reads arrays of at most 100 bytes"):
        npy.read_npy(path)
    npz = npy.write_npz(tmp_path / "a.npz", [[1.0] * 100])
    with pytest.raises(ValueError, match="a.npz is .* bytes; purenn reads arrays of at most 100 bytes"):
        npy.read_npz(npz)
    with pytest.raises(ValueError, match="'arr_0.npy' is 928 bytes; purenn reads arrays of at most 100 bytes"):
        npy.read_npz(npz.read_bytes())
