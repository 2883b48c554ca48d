"""Download the four official MNIST files, checked, or not at all.

The files and their MD5 checksums are those published with torchvision's
MNIST data set, fetched from the same mirrors. A file only ever appears under
its final name complete and with the right checksum: it is streamed into a
temporary file in the target directory, checked, and then renamed
(``os.replace``). A dropped connection, a short read or a wrong checksum
deletes the temporary file and moves on to the next mirror; if no mirror
delivers, ``DownloadError`` says which file failed and why on each mirror.

The tests run all of this against a local HTTP server (tests/test_download.py).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, List, Mapping, Optional, Sequence, Union

from purenn.io.atomic import atomic_write

__all__ = ["download_mnist", "DownloadError", "FileStatus", "MIRRORS", "MNIST_MD5", "md5_of_file"]

PathLike = Union[str, "os.PathLike[str]"]

#: Where the files are fetched from, in this order (torchvision's mirrors).
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

#: The four files and their published MD5 checksums.
MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}

CHUNK_SIZE = 64 * 1024

#: ``progress(file name, bytes received so far, total bytes or None if the server did not say)``
ProgressCallback = Callable[[str, int, Optional[int]], None]


class DownloadError(OSError):
    """No mirror delivered a complete file with the right checksum."""


class _MirrorFailed(Exception):
    """One attempt failed for a reason found here (short read, checksum); the next mirror is tried."""


@dataclass(frozen=True)
class FileStatus:
    """One file after ``download_mnist``: ``url`` is where it came from, ``None`` if it was already there."""

    path: Path
    url: Optional[str]


def md5_of_file(path: PathLike) -> str:
    """The MD5 checksum of a file as 32 hex digits, read in chunks.

    MD5 serves as a checksum here, not for security (``usedforsecurity=False``
    keeps it available on FIPS-restricted systems).
    """
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK_SIZE), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _content_length(response: http.client.HTTPResponse) -> Optional[int]:
    value = response.getheader("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _stream(url: str, out: BinaryIO, name: str, timeout: float, progress: Optional[ProgressCallback]) -> str:
    """Copy the body of ``url`` into ``out``; return its MD5. Raises on any short or broken transfer."""
    digest = hashlib.md5(usedforsecurity=False)
    received = 0
    with urllib.request.urlopen(url, timeout=timeout) as response:
        total = _content_length(response)
        while True:
            chunk = response.read(CHUNK_SIZE)
            if not chunk:
                break
            out.write(chunk)
            digest.update(chunk)
            received += len(chunk)
            if progress is not None:
                progress(name, received, total)
    # http.client returns b"" rather than raising when the peer closes early
    # and a size was asked for, so the length is compared here.
    if total is not None and received != total:
        raise _MirrorFailed(f"connection closed after {received} of {total} bytes")
    return digest.hexdigest()


def _fetch(url: str, target: Path, md5: str, timeout: float, progress: Optional[ProgressCallback]) -> None:
    """Download ``url`` to ``target`` via a temporary file next to it; nothing is left behind on failure."""

    def write_checked(out: BinaryIO) -> None:
        got = _stream(url, out, target.name, timeout, progress)
        if got != md5:  # raising here makes atomic_write delete the temporary file
            raise _MirrorFailed(f"MD5 checksum mismatch: expected {md5}, got {got}")

    atomic_write(target, write_checked)


def _join(mirror: str, name: str) -> str:
    """The URL of ``name`` on ``mirror``, with or without a slash at the end of the mirror."""
    return mirror.rstrip("/") + "/" + name


def download_mnist(
    directory: PathLike,
    *,
    mirrors: Sequence[str] = MIRRORS,
    checksums: Mapping[str, str] = MNIST_MD5,
    timeout: float = 30.0,
    progress: Optional[ProgressCallback] = None,
) -> List[FileStatus]:
    """Fetch the MNIST files into ``directory`` (created if needed); return where each came from.

    ``checksums`` maps each file name to its MD5; a file that is already there
    with the right checksum is not fetched again (one with a wrong checksum
    is replaced). For each file the ``mirrors`` (base URLs) are tried in
    order. ``timeout`` is in seconds, per connection attempt and per read.
    """
    if isinstance(mirrors, str):  # one mirror, not a sequence of one-letter URLs
        mirrors = (mirrors,)
    if not mirrors:
        raise ValueError("download_mnist: no mirrors given")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for name, md5 in checksums.items():
        if not name or Path(name).name != name or name in (".", ".."):
            raise ValueError(f"download_mnist: {name!r} is not a plain file name")
        target = folder / name
        if target.is_file() and md5_of_file(target) == md5.lower():
            result.append(FileStatus(target, None))
            continue
        result.append(FileStatus(target, _download_one(name, md5.lower(), target, mirrors, timeout, progress)))
    return result


def _download_one(name: str, md5: str, target: Path, mirrors: Sequence[str], timeout: float,
                  progress: Optional[ProgressCallback]) -> str:
    """The URL ``target`` was fetched from; ``DownloadError`` listing every mirror's failure otherwise."""
    failures = []
    for mirror in mirrors:
        url = _join(mirror, name)
        try:
            _fetch(url, target, md5, timeout, progress)
            return url
        except (_MirrorFailed, OSError, http.client.HTTPException) as e:
            # OSError covers urllib's URLError and HTTPError, timeouts and
            # reset connections; HTTPException covers IncompleteRead.
            failures.append(f"{url}: {_reason(e)}")
    raise DownloadError(f"could not download {name}: " + "; ".join(failures))


def _reason(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    if isinstance(e, http.client.IncompleteRead):
        text = f"connection closed early ({text})"
    return text
