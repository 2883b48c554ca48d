"""The inner loops, chosen once for the interpreter that runs them.

Training spends its time in matrix products, the SGD update and transposes;
this module holds those loops, and ``KERNEL`` names the choice made:

* CPython 3.12 and newer (``"math.sumprod"``): every entry of a product is one
  C call to ``math.sumprod`` (which also rounds more accurately than a
  running float sum);
* older CPythons (``"sum(map(mul))"``): the same with
  ``sum(map(operator.mul, u, v))``, which keeps the loop inside C as well;
* PyPy (``"loop"``): plain index loops, which its JIT compiles best.

Every path skips zeros, which pays because inputs such as MNIST digits are
mostly zeros: a column (or, in a weight gradient, a row) that is all zeros
costs no multiplication, and a long mostly-zero one is multiplied at its
non-zero entries only (see ``_Plan`` and ``_entries``). All paths give the
same numbers up to floating-point rounding and keep ``fractions.Fraction``
entries exact. ``examples/benchmark.py`` measures the
choice against a naive index loop.
"""

from __future__ import annotations

import math
import operator
import platform
from itertools import compress, repeat
from operator import itemgetter
from typing import Callable, List, Optional, Sequence, Tuple

from purenn.scalars import Scalar

__all__ = ["dot", "matmul", "matmul_transposed", "transpose", "subtract_scaled", "subtract_scaled_product", "KERNEL"]


def _dot_map(u: Sequence[Scalar], v: Sequence[Scalar]) -> Scalar:
    """Σ_k u_k · v_k with the loop inside C (CPython before 3.12)."""
    total: Scalar = sum(map(operator.mul, u, v))
    return total


def _choose() -> Tuple[str, Callable[[Sequence[Scalar], Sequence[Scalar]], Scalar]]:
    sumprod = getattr(math, "sumprod", None)
    dot_product = sumprod if sumprod is not None else _dot_map
    if platform.python_implementation() == "PyPy":
        return "loop", dot_product  # the products themselves use index loops there
    return ("math.sumprod" if sumprod is not None else "sum(map(mul))"), dot_product


#: Name of the kernels in use on this interpreter; ``dot`` is Σ_k u_k · v_k.
KERNEL: str
dot: Callable[[Sequence[Scalar], Sequence[Scalar]], Scalar]
KERNEL, dot = _choose()


def _matmul_map(
    left: Sequence[Sequence[Scalar]], right_columns: Sequence[Sequence[Scalar]]
) -> List[List[Scalar]]:
    """Row by column with ``map``, so that CPython runs no Python-level loop per entry.

    Zeros contribute nothing to a dot product, and MNIST pixels are mostly
    zeros (81 % of the pixels of a digit; half of the pixels are 0 in all ten
    digits of a mini-batch). So a column that is all zeros costs no
    multiplication, and a long column that is mostly zeros is multiplied only
    at its non-zero entries, which ``itemgetter`` picks out of each row in C.
    The products of a row come in the order of ``_Plan`` and go back into
    column order through one more ``itemgetter``.
    """
    plan = _Plan(right_columns)
    gather = plan.gather
    out = []
    for row in left:
        values = plan.products(row)
        if gather is not None:
            values.append(row[0] - row[0])  # the zero: 0.0, or Fraction(0) in exact mode
            values = list(gather(values))
        out.append(values)
    return out


class _Plan:
    """How ``_matmul_map`` multiplies a row by these columns.

    * ``dense``: the columns multiplied whole;
    * ``sparse``: (pick, values) for long mostly-zero columns — ``pick(row)``
      takes the entries of a row at the column's non-zero positions, whose
      values are ``values``;
    * ``at``: the columns in the order ``products`` multiplies them: the dense
      ones, then the sparse ones; the all-zero columns are not among them;
    * ``gather``: takes a row's products [dense…, sparse…, 0] back into column
      order, with the 0 where a column is all zeros; ``None`` when every column
      is dense and the products are in order already.
    """

    __slots__ = ("dense", "sparse", "at", "gather")

    def __init__(self, columns: Sequence[Sequence[Scalar]]) -> None:
        self.sparse: List[Tuple[Callable[[Sequence[Scalar]], Sequence[Scalar]], Sequence[Scalar]]] = []
        dense_at: List[int] = []
        sparse_at: List[int] = []
        zero_at: List[int] = []
        if len(columns[0]) < LONG:
            # Short columns (a pixel across a mini-batch) are all zeros or multiplied whole;
            # both lists come out of C, as there may be hundreds of such columns.
            nonzero = list(map(any, columns))
            dense_at = list(compress(range(len(columns)), nonzero))
            zero_at = list(compress(range(len(columns)), map(operator.not_, nonzero)))
        else:
            for j, column in enumerate(columns):
                at = _sparse_positions(column)
                if at is None:
                    dense_at.append(j)
                elif not at:
                    zero_at.append(j)
                else:
                    pick = _getter(at)
                    self.sparse.append((pick, pick(column)))
                    sparse_at.append(j)
        self.dense: List[Sequence[Scalar]] = [columns[j] for j in dense_at]
        self.at = dense_at + sparse_at
        self.gather: Optional[Callable[[List[Scalar]], Sequence[Scalar]]] = None
        if sparse_at or zero_at:
            # all-zero columns take the zero appended after the products
            self.gather = self.into_columns([len(self.at)] * len(columns))

    def into_columns(self, elsewhere: List[int]) -> Callable[[List[Scalar]], Sequence[Scalar]]:
        """A getter that puts the products (positions 0, 1, … in the order of ``at``)
        back into column order; column j not in ``at`` takes position ``elsewhere[j]``."""
        position = list(elsewhere)
        for p, j in enumerate(self.at):
            position[j] = p
        return _getter(position)

    def products(self, row: Sequence[Scalar]) -> List[Scalar]:
        """The row times each column of ``at``, in that order."""
        values = list(map(dot, repeat(row), self.dense))
        for pick, column_values in self.sparse:
            values.append(dot(pick(row), column_values))
        return values


#: From this length on, a mostly-zero column is multiplied at its non-zero entries only.
LONG = 64


def _sparse_positions(column: Sequence[Scalar]) -> Optional[List[int]]:
    """Where a long, mostly-zero column is non-zero; ``None`` for a short or a dense one.

    Picking entries pays only in long columns (a digit's 784 pixels, of which
    at most a third are non-zero); a short one (a pixel across the ten
    examples of a mini-batch) is cheaper to multiply whole.
    """
    n = len(column)
    if n < LONG:
        return None
    if KERNEL == "loop":
        at = [k for k in range(n) if column[k]]  # PyPy: a loop its JIT compiles
    else:
        at = list(compress(range(n), column))  # CPython: the loop runs in C
    return at if 3 * len(at) <= n else None


def _getter(indices: List[int]) -> Callable[[Sequence[Scalar]], Sequence[Scalar]]:
    """``itemgetter(*indices)``, which returns a tuple even for a single index."""
    if len(indices) == 1:
        i = indices[0]
        return lambda values: (values[i],)
    return itemgetter(*indices)


def _matmul_loops(
    left: Sequence[Sequence[Scalar]], right_columns: Sequence[Sequence[Scalar]]
) -> List[List[Scalar]]:
    """Row by column with index loops, which PyPy's JIT compiles best.

    A long mostly-zero column is multiplied at its non-zero entries only. A
    dense sum starts with the first product rather than with 0, so that it has
    one type throughout (float, or Fraction in exact mode) — a loop whose
    variable changes type from int to float is slow on PyPy.
    """
    n = len(left[0])
    columns = [_entries(c) for c in right_columns]
    out = []
    for row in left:
        zero = row[0] - row[0]
        out_row = []
        for column, at in columns:
            if at is None:
                s = row[0] * column[0]
                for k in range(1, n):
                    s += row[k] * column[k]
            else:
                s = zero
                for t in range(len(at)):
                    s += row[at[t]] * column[t]
            out_row.append(s)
        out.append(out_row)
    return out


def _matmul_combine(
    left: Sequence[Sequence[Scalar]], right_rows: Sequence[Sequence[Scalar]]
) -> List[List[Scalar]]:
    """Row i of A·B as the combination Σ_k a_ik · (row k of B), with index loops (PyPy).

    When the inner dimension is short and the product wide — the weight
    gradient [δ^l](A^(l−1))ᵀ sums over the 10 examples of a mini-batch but has
    784 columns — PyPy runs these long inner loops several times faster than
    784 dot products of length 10. Zero coefficients are skipped, and a long
    mostly-zero row of B (a digit) is added at its non-zero entries only.
    """
    m = len(right_rows[0])
    rows = [_entries(r) for r in right_rows]
    out = []
    for row in left:
        out_row = [row[0] - row[0]] * m  # zeros of the entries' type
        for k in range(len(row)):
            c = row[k]
            if not c:
                continue
            b_k, at = rows[k]
            if at is None:
                for j in range(m):
                    out_row[j] += c * b_k[j]
            else:
                for t in range(len(at)):
                    out_row[at[t]] += c * b_k[t]
        out.append(out_row)
    return out


def _entries(
    vector: Sequence[Scalar],
) -> Tuple[Sequence[Scalar], Optional[List[int]]]:
    """(values, None) for a vector used whole; (non-zero values, their positions) for a sparse one.

    A whole vector becomes a tuple, which PyPy indexes faster than a list.
    """
    at = _sparse_positions(vector)
    if at is None:
        return tuple(vector), None
    return [vector[k] for k in at], at


def rows_of(rows: Sequence[Sequence[Scalar]]) -> List[List[Scalar]]:
    """The rows as lists, the form the kernels update fastest (PyPy stores a list of floats unboxed)."""
    return list(map(list, rows))


def transpose(rows: Sequence[Sequence[Scalar]]) -> List[List[Scalar]]:
    """The rows of the transpose: column j becomes row j (``zip`` on CPython, indexing on PyPy)."""
    if KERNEL == "loop":
        return [[row[j] for row in rows] for j in range(len(rows[0]))]
    return list(map(list, zip(*rows)))


def subtract_scaled(
    P: Sequence[Sequence[Scalar]], dP: Sequence[Sequence[Scalar]], factor: Scalar
) -> List[List[Scalar]]:
    """P − factor · dP entry by entry, as rows: the update W − η/N · ∂E/∂W.

    Zipping the two rows is faster on CPython, indexing them on PyPy (both measured).
    """
    if KERNEL == "loop":
        return [[p[j] - factor * d[j] for j in range(len(p))] for p, d in zip(P, dP)]
    return [[p - factor * d for p, d in zip(p_row, d_row)] for p_row, d_row in zip(P, dP)]


def subtract_scaled_product(
    P: Sequence[Sequence[Scalar]],
    left: Sequence[Sequence[Scalar]],
    right_rows: Sequence[Sequence[Scalar]],
    right_columns: "Columns",
    factor: Scalar,
) -> List[List[Scalar]]:
    """P − factor · A·Bᵀ as rows: the step W − η/N · [δ](A)ᵀ without storing [δ](A)ᵀ.

    Entry (i, j) is p_ij − factor · (row i of A · row j of B), the same
    numbers as ``subtract_scaled(P, matmul_transposed(...), factor)``. On
    CPython the entries whose product is zero — a pixel that is 0 in every
    example of the mini-batch — are not touched at all: each row of P is
    copied whole in C and only the other entries are computed and merged in
    by one ``itemgetter``. PyPy's loops are fast enough without this.
    """
    if KERNEL == "loop":
        return subtract_scaled(P, matmul_transposed(left, right_rows, right_columns), factor)
    plan = _Plan(right_rows)
    if plan.gather is None:
        return subtract_scaled(P, [plan.products(row) for row in left], factor)
    if not plan.at:
        return [list(p_row) for p_row in P]  # every product is zero
    take = _getter(plan.at)
    merge = plan.into_columns(list(range(len(plan.at), len(plan.at) + len(right_rows))))  # p_ij after the new values
    out = []
    for p_row, row in zip(P, left):
        values = list(map(operator.sub, take(p_row), map(operator.mul, repeat(factor), plan.products(row))))
        values.extend(p_row)
        out.append(list(merge(values)))
    return out


Columns = Callable[[], Sequence[Sequence[Scalar]]]


def matmul(
    left: Sequence[Sequence[Scalar]], right_rows: Sequence[Sequence[Scalar]], right_columns: Columns
) -> List[List[Scalar]]:
    """A·B for A given by its rows and B by its rows and (on demand) its columns.

    Entry (i, j) is row i of A times column j of B — the rule 'Zeile mal
    Spalte' ('Künstliche Intelligenz selbst gemacht', Matrixmultiplikation).
    """
    if KERNEL == "loop" and len(right_rows) < len(right_rows[0]):
        return _matmul_combine(left, right_rows)
    if KERNEL == "loop":
        return _matmul_loops(left, right_columns())
    return _matmul_map(left, right_columns())


def matmul_transposed(
    left: Sequence[Sequence[Scalar]], right_rows: Sequence[Sequence[Scalar]], right_columns: Columns
) -> List[List[Scalar]]:
    """A·Bᵀ: entry (i, j) is row i of A times row j of B."""
    if KERNEL == "loop" and len(right_rows[0]) < len(right_rows):
        return _matmul_combine(left, right_columns())
    return _matmul_loops(left, right_rows) if KERNEL == "loop" else _matmul_map(left, right_rows)
