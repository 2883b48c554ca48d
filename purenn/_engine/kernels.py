"""The inner loops of the engine, for rows of n weights, written out once per n.

The engine keeps every weight matrix input-major: row j of ``Wt`` holds the n
weights leaving input j (column j of W^l). One example then costs:

* ``forward``: z = b + Σ_j x_j · Wt[j] over the non-zero inputs j only — a
  digit has about 150 non-zero pixels of 784, a ReLU layer many zeros;
* ``update``: Wt[j] ← Wt[j] − (η/N · x_j) · δ for the same inputs: the
  step W − η/N · δ xᵀ, which leaves a weight whose input was 0 as it is;
* ``back``: (Wᵀ δ)_j = Wt[j] · δ, the first half of δ^(l−1).

In CPython a loop over the n entries of a row costs more than the
arithmetic, so ``for_rows(n)`` generates these three functions with that loop
written out: the row unpacked into local variables r0 … r(n−1), then n
multiply-adds (``update`` builds the new row as one list, so the old one is
never changed). PyPy's JIT compiles the same code well, for rows that are not
too long. On CPython 3.12 and
newer the forward pass instead takes one ``math.sumprod`` per neuron over the
picked rows (measured faster there). Above ``UNROLL_UP_TO`` entries the
functions are plain index loops. ``examples/benchmark.py`` measures all of
this against hand-written steps.
"""

from __future__ import annotations

import functools
import math
import platform
from itertools import compress, repeat
from operator import add, itemgetter
from typing import Any, Callable, Dict, List, NamedTuple, Sequence, Tuple

from purenn.scalars import Scalar

__all__ = ["Kernels", "for_rows", "nonzero", "KERNEL", "UNROLL_UP_TO"]

_PYPY = platform.python_implementation() == "PyPy"

#: Rows up to this length get written-out kernels; longer rows get index loops. PyPy's JIT
#: gives up on a loop body of several hundred statements (measured: 5× slower at 300 than
#: the loops), so there the written-out code stops at 100 entries.
UNROLL_UP_TO = 100 if _PYPY else 1024

_sumprod = getattr(math, "sumprod", None)
_FORWARD_BY_SUMPROD = _sumprod is not None and platform.python_implementation() == "CPython"

#: Name of the kernels in use on this interpreter.
KERNEL = "unrolled" + (", forward by math.sumprod" if _FORWARD_BY_SUMPROD else "")

Rows = List[List[Scalar]]


class Kernels(NamedTuple):
    """The three inner loops for rows of n weights (see the module docstring)."""

    forward: Callable[[Rows, Sequence[int], Sequence[Scalar], Sequence[Scalar]], List[Scalar]]
    update: Callable[[Rows, Sequence[int], Sequence[Scalar], Scalar, Sequence[Scalar]], None]
    back: Callable[[Rows, Sequence[Scalar]], List[Scalar]]


def nonzero(x: Sequence[Scalar]) -> Tuple[List[int], List[Scalar]]:
    """(positions, values) of the non-zero entries of x, both picked out in C."""
    return list(compress(range(len(x)), x)), list(compress(x, x))


@functools.lru_cache(maxsize=None)
def for_rows(n: int) -> Kernels:
    """The kernels for rows of n weights, generated on first use."""
    forward, update, back = _unrolled(n) if n <= UNROLL_UP_TO else _loops(n)
    if _FORWARD_BY_SUMPROD:
        forward = _forward_by_sumprod
    return Kernels(forward, update, back)


def _unrolled(n: int) -> Tuple[Any, Any, Any]:
    """forward, update and back with the loop over a row's n entries written out.

    For n = 2 the source is::

        def forward(Wt, at, x, b):
            z0, z1, = b
            for j, x_j in zip(at, x):
                r0, r1, = Wt[j]
                z0 += x_j * r0
                z1 += x_j * r1
            return [z0, z1]
        def update(Wt, at, x, f, d):
            d0, d1, = d
            for j, x_j in zip(at, x):
                c = f * x_j
                r0, r1, = Wt[j]
                Wt[j] = [r0 - c * d0, r1 - c * d1]
        def back(Wt, d):
            d0, d1, = d
            return [r0 * d0 + r1 * d1 for r0, r1, in Wt]
    """
    r = "".join(f"r{i}, " for i in range(n))
    z = "".join(f"z{i}, " for i in range(n))
    d = "".join(f"d{i}, " for i in range(n))
    source = "\n".join([
        "def forward(Wt, at, x, b):",
        f"    {z}= b",
        "    for j, x_j in zip(at, x):",
        f"        {r}= Wt[j]",
        *(f"        z{i} += x_j * r{i}" for i in range(n)),
        f"    return [{z}]",
        "def update(Wt, at, x, f, d):",
        f"    {d}= d",
        "    for j, x_j in zip(at, x):",
        "        c = f * x_j",
        f"        {r}= Wt[j]",
        f"        Wt[j] = [{', '.join(f'r{i} - c * d{i}' for i in range(n))}]",
        "def back(Wt, d):",
        f"    {d}= d",
        f"    return [{' + '.join(f'r{i} * d{i}' for i in range(n))} for {r}in Wt]",
        "",
    ])
    namespace: Dict[str, Any] = {}
    exec(compile(source, f"<purenn kernels for rows of {n}>", "exec"), namespace)
    return namespace["forward"], namespace["update"], namespace["back"]


def _loops(n: int) -> Tuple[Any, Any, Any]:
    """forward, update and back as index loops, for long rows."""

    def forward(Wt: Rows, at: Sequence[int], x: Sequence[Scalar], b: Sequence[Scalar]) -> List[Scalar]:
        z = list(b)
        for j, x_j in zip(at, x):
            row = Wt[j]
            for i in range(n):
                z[i] += x_j * row[i]
        return z

    def update(Wt: Rows, at: Sequence[int], x: Sequence[Scalar], f: Scalar, d: Sequence[Scalar]) -> None:
        for j, x_j in zip(at, x):
            c = f * x_j
            row = list(Wt[j])  # a new row: the old one may still be needed
            for i in range(n):
                row[i] -= c * d[i]
            Wt[j] = row

    def back(Wt: Rows, d: Sequence[Scalar]) -> List[Scalar]:
        out = []
        for row in Wt:
            s = row[0] * d[0]
            for i in range(1, n):
                s += row[i] * d[i]
            out.append(s)
        return out

    return forward, update, back


def _forward_by_sumprod(Wt: Rows, at: Sequence[int], x: Sequence[Scalar], b: Sequence[Scalar]) -> List[Scalar]:
    """z = b + Σ_j x_j · Wt[j]: the picked rows turned into one column per neuron by ``zip``, then
    one ``math.sumprod`` per neuron — every loop in C (CPython 3.12+)."""
    if not at:
        return list(b)
    picked = itemgetter(*at)(Wt) if len(at) > 1 else (Wt[at[0]],)
    assert _sumprod is not None
    return list(map(add, map(_sumprod, zip(*picked), repeat(x)), b))

