"""A progress bar for training, with the standard library only.

On a terminal the bar is redrawn in place with a carriage return; when the
output goes to a file or a pipe (a log, CI) it writes one plain line per
epoch instead, so logs stay readable.
"""

from __future__ import annotations

import sys
from typing import Optional, TextIO

from purenn.cli.texts import say
from purenn.training import EpochResult, Progress

__all__ = ["ProgressBar", "format_seconds"]


def format_seconds(seconds: float) -> str:
    """0:07, 1:05, 1:02:03.

    >>> format_seconds(65.4), format_seconds(3723)
    ('1:05', '1:02:03')
    """
    s = int(round(max(seconds, 0.0)))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProgressBar:
    """A ``callback`` for ``Network.train`` that shows how far an epoch has come.

    ``describe`` turns a finished epoch into the line shown after it.
    """

    def __init__(self, stream: Optional[TextIO] = None, width: int = 30, lang: str = "de") -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.width = width
        self.lang = lang
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, p: Progress) -> None:
        if p.result is not None:
            self._clear()
            self.stream.write(self.describe(p.result, p.epochs) + "\n")
            self.stream.flush()
        elif self.interactive:
            self.stream.write("\r" + self.bar(p))
            self.stream.flush()

    def bar(self, p: Progress) -> str:
        """One line: epoch, bar, examples done, examples/s and time left in the epoch."""
        done = int(self.width * p.seen / p.total) if p.total else self.width
        rate = p.seen / p.seconds if p.seconds > 0 else 0.0
        left = (p.total - p.seen) / rate if rate > 0 else 0.0
        epoch, per_s, eta = (say(self.lang, f"progress.{key}") for key in ("epoch", "per_second", "left"))
        return (
            f"{epoch} {p.epoch}/{p.epochs} [{'█' * done}{'░' * (self.width - done)}] "
            f"{p.seen}/{p.total}  {rate:6.0f} {per_s}  {eta} {format_seconds(left)}"
        )

    def describe(self, r: EpochResult, epochs: int) -> str:
        def T(key: str) -> str:
            return say(self.lang, f"progress.{key}")

        parts = [f"{T('epoch')} {r.epoch}/{epochs}:", f"{T('loss')} {r.loss:.4f}"]
        if r.accuracy is not None:
            parts.append(f"{T('training')} {100 * r.accuracy:.1f} %")
        if r.test_accuracy is not None:
            parts.append(f"{T('test')} {100 * r.test_accuracy:.1f} %")
        parts.append(f"{r.examples_per_second:.0f} {T('per_second')}")
        parts.append(format_seconds(r.seconds))
        return "  ".join(parts)

    def _clear(self) -> None:
        if self.interactive:
            self.stream.write("\r" + " " * (self.width + 70) + "\r")
