"""Atomic file writes: a file is either complete or not there at all.

A crash, a full disk or Ctrl-C in the middle of a save must never leave half a
model behind. So purenn writes to a temporary file in the same directory,
flushes it to disk, and only then renames it over the target — a rename
within one file system is atomic on POSIX and on Windows (``os.replace``).

Replacing a file changes nothing else about it: the new file gets the old
one's permission bits (a new file those of ``open()``, i.e. 0666 minus the
umask), and a symbolic link stays a link — the file it points to is replaced.
``check_writable`` asks the same questions before any work is done, so that a
long training run does not end with a path that cannot be written.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, BinaryIO, Union

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_write", "check_writable"]

PathLike = Union[str, "os.PathLike[str]"]


def atomic_write(path: PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(f)`` on a temporary file next to ``path``, then rename it to ``path``.

    If ``write`` raises, the temporary file is removed and ``path`` is untouched.
    """
    target = _resolved(Path(path))
    directory = _checked_directory(target)
    mode = _mode_for(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp_name, mode)  # mkstemp makes 0600; the file gets the mode it had, or a new file's
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    return Path(path)


def check_writable(path: PathLike) -> Path:
    """Raise now if ``atomic_write(path, …)`` could not write ``path``: a missing or read-only folder, a folder as target.

    The folder is tried with a temporary file that is removed again, which
    answers for permissions, read-only file systems and full disks alike.
    """
    target = _resolved(Path(path))
    directory = _checked_directory(target)
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    os.close(fd)
    os.unlink(probe)
    return Path(path)


def _resolved(target: Path) -> Path:
    """The file a symbolic link points to (so that the link stays a link), else ``target``."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _checked_directory(target: Path) -> Path:
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    if not directory.exists():
        raise FileNotFoundError(f"cannot write {target}: the folder {directory} does not exist")
    if not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(directory))
    return directory


def _mode_for(target: Path) -> int:
    """The permission bits the written file gets: the old file's, or 0666 minus the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""

    def write(f: BinaryIO) -> None:
        f.write(data)

    return atomic_write(path, write)


def atomic_write_text(path: PathLike, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))
