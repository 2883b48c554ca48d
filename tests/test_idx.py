"""The IDX reader and writer: round trips, and a clear error for every kind of broken file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from purenn.io.idx import (
    IMAGES_MAGIC,
    LABELS_MAGIC,
    IdxArray,
    encode_idx,
    parse_idx,
    read_idx,
    write_idx,
)

PIXELS = bytes(range(2 * 3 * 4))  # 24 distinct values: any mix-up of the order shows


@pytest.mark.parametrize("compress", [False, True])
def test_round_trip_images(tmp_path: Path, compress: bool) -> None:
    path = write_idx(tmp_path / "images", (2, 3, 4), PIXELS, compress=compress)
    raw = path.read_bytes()
    assert raw[:2] == (b"\x1f\x8b" if compress else b"\x00\x00")
    array = read_idx(path, expect_magic=IMAGES_MAGIC)
    assert array.shape == (2, 3, 4)
    assert array.data == PIXELS
    assert array.magic == 2051
    assert array.item_size == 12
    assert array.item(1) == bytes(range(12, 24))


@pytest.mark.parametrize("compress", [False, True])
def test_round_trip_labels(tmp_path: Path, compress: bool) -> None:
    path = write_idx(tmp_path / "labels.idx", (5,), bytes([7, 2, 1, 0, 9]), compress=compress)
    array = read_idx(path, expect_magic=LABELS_MAGIC)
    assert array == IdxArray((5,), bytes([7, 2, 1, 0, 9]))
    assert array.magic == 2049
    assert len(array) == 5


def test_header_bytes_follow_the_format() -> None:
    # magic 00 00 08 03, then 3 sizes as big-endian 32-bit integers, then the data
    raw = encode_idx((1, 2, 258), bytes(516))
    assert raw[:16] == bytes.fromhex("00000803" "00000001" "00000002" "00000102")
    assert len(raw) == 16 + 516


def test_gzip_is_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    raw = encode_idx((3,), bytes([4, 5, 6]))
    gz_named_raw = tmp_path / "labels.gz"
    gz_named_raw.write_bytes(raw)
    raw_named_gz = tmp_path / "labels-idx1-ubyte"
    raw_named_gz.write_bytes(gzip.compress(raw))
    assert read_idx(gz_named_raw).data == bytes([4, 5, 6])
    assert read_idx(raw_named_gz).data == bytes([4, 5, 6])


def test_writing_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_idx(tmp_path / "a", (2,), b"\x01\x02")
    with pytest.raises(ValueError, match="size mismatch: shape 3 needs 3 bytes of data, got 2"):
        write_idx(tmp_path / "a", (3,), b"\x01\x02")
    assert [p.name for p in tmp_path.iterdir()] == ["a"]
    assert read_idx(tmp_path / "a").data == b"\x01\x02"  # the old file is untouched


def test_compressed_file_is_the_same_every_time(tmp_path: Path) -> None:
    a = write_idx(tmp_path / "a.gz", (2, 3, 4), PIXELS, compress=True).read_bytes()
    b = write_idx(tmp_path / "b.gz", (2, 3, 4), PIXELS, compress=True).read_bytes()
    assert a == b


def test_empty_array(tmp_path: Path) -> None:
    path = write_idx(tmp_path / "none", (0, 28, 28), b"")
    array = read_idx(path)
    assert array.shape == (0, 28, 28) and len(array) == 0 and array.data == b""


# --- malformed files -------------------------------------------------------


def _file(tmp_path: Path, raw: bytes, name: str = "bad-idx") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_wrong_magic_number_names_file_expected_and_got(tmp_path: Path) -> None:
    labels = write_idx(tmp_path / "labels-idx1-ubyte", (3,), b"\x00\x01\x02")
    with pytest.raises(ValueError) as e:
        read_idx(labels, expect_magic=IMAGES_MAGIC)
    message = str(e.value)
    assert message.startswith(str(labels) + ": wrong magic number")
    assert "expected 2051 = 0x00000803: unsigned byte, 3 dimensions" in message
    assert "got 2049 = 0x00000801: unsigned byte, 1 dimension" in message


def test_images_where_labels_are_expected(tmp_path: Path) -> None:
    images = write_idx(tmp_path / "images", (1, 2, 2), b"\x00" * 4)
    with pytest.raises(ValueError, match="wrong magic number: expected 2049 .* got 2051"):
        read_idx(images, expect_magic=LABELS_MAGIC)


def test_not_an_idx_file(tmp_path: Path) -> None:
    path = _file(tmp_path, b"P5\n28 28\n255\n" + bytes(784))
    with pytest.raises(ValueError, match=r"bad-idx: not an IDX file: .*the first two bytes are not 0"):
        read_idx(path)


@pytest.mark.parametrize(
    "type_byte, name",
    [(0x09, "signed byte"), (0x0B, "short"), (0x0C, "int"), (0x0D, "float"), (0x0E, "double"), (0x07, "not a type")],
)
def test_unsupported_type_byte(tmp_path: Path, type_byte: int, name: str) -> None:
    path = _file(tmp_path, bytes([0, 0, type_byte, 1, 0, 0, 0, 1, 0, 0, 0, 0]))
    with pytest.raises(ValueError) as e:
        read_idx(path)
    assert f"bad-idx: unsupported type byte 0x{type_byte:02X} ({name}" in str(e.value)
    assert "reads 0x08 (unsigned byte) only" in str(e.value)


def test_zero_dimensions(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="0 dimensions; an IDX array needs at least 1"):
        read_idx(_file(tmp_path, bytes([0, 0, 8, 0])))


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "truncated header: expected 4 bytes of magic number, got 0"),
        (b"\x00\x00\x08", "truncated header: expected 4 bytes of magic number, got 3"),
        (bytes([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), "truncated header: expected 16 bytes for 3 dimensions, got 10"),
    ],
)
def test_truncated_header(tmp_path: Path, raw: bytes, message: str) -> None:
    with pytest.raises(ValueError) as e:
        read_idx(_file(tmp_path, raw))
    assert str(e.value) == f"{tmp_path / 'bad-idx'}: {message}"


def test_truncated_data(tmp_path: Path) -> None:
    raw = encode_idx((10, 28, 28), bytes(7840))[:-840]
    with pytest.raises(ValueError) as e:
        read_idx(_file(tmp_path, raw))
    assert str(e.value).endswith("bad-idx: truncated data: expected 7840 bytes for shape 10×28×28, got 7000")


def test_trailing_garbage(tmp_path: Path) -> None:
    raw = encode_idx((2,), b"\x01\x02") + b"\xff\xff\xff"
    with pytest.raises(ValueError) as e:
        read_idx(_file(tmp_path, raw))
    assert str(e.value).endswith("bad-idx: trailing garbage: expected 2 bytes of data for shape 2, got 5 (3 bytes too many)")


def test_truncated_gzip_stream(tmp_path: Path) -> None:
    packed = gzip.compress(encode_idx((100,), bytes(range(100))))
    path = _file(tmp_path, packed[: len(packed) // 2], "cut.gz")
    with pytest.raises(ValueError, match=r"cut\.gz: truncated gzip data \(\d+ bytes\)"):
        read_idx(path)


def test_corrupt_gzip_stream(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(encode_idx((100,), bytes(range(100)))))
    packed[-8] ^= 0xFF  # the CRC-32 of the data no longer fits
    with pytest.raises(ValueError, match=r"bad\.gz: corrupt gzip data: CRC check failed"):
        read_idx(_file(tmp_path, bytes(packed), "bad.gz"))


def test_item_out_of_range() -> None:
    array = parse_idx(encode_idx((2, 2), b"\x01\x02\x03\x04"))
    assert array.item(0) == b"\x01\x02"
    with pytest.raises(IndexError, match="item 2 of an IDX array with 2 items"):
        array.item(2)


@pytest.mark.parametrize(
    "shape, message",
    [((), "1 to 255 dimensions, got 0"), ((2, -1), "integer from 0 to 2\\*\\*32 - 1"), ((2.0,), "integer")],
)
def test_encode_rejects_bad_shapes(shape: tuple, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=message):
        encode_idx(shape, b"")
