"""Matrix: the one data type of purenn, its numbers stored row by row as tuples.

Everything the course documents compute is a matrix: a weight matrix W^l, a
bias column b^l, an activation column a^l, and — for a mini-batch — a matrix
A^l whose columns are the examples ('Matrizen in Neuronalen Netzen' §3.7).
The operations here are the ones the documents use: the matrix product
``W @ a`` (W·a), the transpose ``W.T`` (Wᵀ), the Hadamard product
``d.hadamard(s)`` (d ⊙ s), sums, differences and multiples.

Indices are 0-based like Python's lists: ``m[i, j]`` is row i, column j.
Which document counts from 1 and which from 0 is a question of notation, not
of storage; see ``purenn.rechenweg.notation``.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterable, Iterator, List, Sequence, Tuple

from purenn.rechenweg import display
from purenn.scalars import Scalar, describe, is_number

__all__ = ["Matrix", "bracketed"]

#: The entries, row by row; tuples, so that a Matrix cannot change after it is made.
Rows = Tuple[Tuple[Scalar, ...], ...]


@dataclass(frozen=True, eq=False, init=False)
class Matrix:
    """An r×c matrix stored as ``rows``, a tuple of r rows of c numbers each.

    >>> W = Matrix([[-0.5, 4], [3, -5], [1, -2]])
    >>> W.shape
    (3, 2)
    >>> W @ Matrix.column([2, -6])
    Matrix([[-25.0], [36], [14]])

    A Matrix never changes after it is made: its rows are tuples, and every
    operation returns a new Matrix.
    """

    __slots__ = ("rows",)
    rows: Rows

    def __init__(self, rows: "Iterable[Iterable[Scalar]] | Matrix") -> None:
        object.__setattr__(self, "rows", _checked_rows(rows))

    # -- construction -----------------------------------------------------

    @classmethod
    def _trusted(cls, rows: Iterable[Iterable[Scalar]]) -> "Matrix":
        """Wrap rows that purenn itself computed, skipping the checks."""
        m = object.__new__(cls)
        object.__setattr__(m, "rows", tuple(map(tuple, rows)))
        return m

    @classmethod
    def column(cls, values: Iterable[Scalar]) -> "Matrix":
        """An n×1 column vector, the form of x, z^l, a^l and b^l on the slides.

        >>> Matrix.column([1.3, 0.8]).shape
        (2, 1)
        """
        return cls([[v] for v in values])

    @classmethod
    def row(cls, values: Iterable[Scalar]) -> "Matrix":
        """A 1×n row vector."""
        return cls([list(values)])

    @classmethod
    def zeros(cls, r: int, c: int) -> "Matrix":
        """The r×c matrix of zeros (``numpy.zeros((r, c))`` in the course code)."""
        _check_shape(r, c)
        return cls._trusted([[0.0] * c for _ in range(r)])

    @classmethod
    def ones(cls, r: int, c: int) -> "Matrix":
        """The r×c matrix of ones; ``ones(N, 1)`` is the 1-vector of §3.8.1."""
        _check_shape(r, c)
        return cls._trusted([[1.0] * c for _ in range(r)])

    @classmethod
    def from_columns(cls, columns: Sequence[Sequence[Scalar]]) -> "Matrix":
        """The matrix whose columns are the given examples ('Matrizen' §3.7).

        Slides: 'Matrizen in Neuronalen Netzen' §3.7 — ``purenn formulas`` [batch_bias]

        >>> Matrix.from_columns([[1, 2], [3, 4], [5, 6]])
        Matrix([[1, 3, 5], [2, 4, 6]])
        """
        return cls([list(c) for c in columns]).T

    # -- reading ----------------------------------------------------------

    @property
    def shape(self) -> Tuple[int, int]:
        """(rows, columns)."""
        return len(self.rows), len(self.rows[0])

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return len(self.rows[0])

    def __getitem__(self, index: Tuple[int, int]) -> Scalar:
        """``m[i, j]``: row i, column j, both counted from 0."""
        if not (isinstance(index, tuple) and len(index) == 2):
            raise TypeError(f"index a Matrix as m[i, j] with two integers, got m[{index!r}]")
        i, j = index
        r, c = self.shape
        if not (isinstance(i, int) and isinstance(j, int) and 0 <= i < r and 0 <= j < c):
            raise IndexError(
                f"m[{i!r}, {j!r}] is outside this {r}×{c} matrix "
                f"(rows 0..{r - 1}, columns 0..{c - 1})"
            )
        return self.rows[i][j]

    def tolist(self) -> List[List[Scalar]]:
        """A copy of the entries as a list of rows."""
        return [list(r) for r in self.rows]

    def columns(self) -> List[List[Scalar]]:
        """The columns as lists (for a batch: one list per example)."""
        return [list(c) for c in zip(*self.rows)]

    def flat(self) -> List[Scalar]:
        """All entries row by row; for a column vector, its values."""
        return [v for r in self.rows for v in r]

    def __iter__(self) -> Iterator[Tuple[Scalar, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Matrix({self.tolist()!r})"

    def __str__(self) -> str:
        """Aligned columns in round brackets, as the slides print a matrix.

        >>> print(Matrix([[1, 2.5], [-3, 4]]))
        ⎛ 1  2.5⎞
        ⎝-3    4⎠
        """
        return "\n".join(bracketed([[_format(v) for v in r] for r in self.rows]))

    # In a Jupyter notebook a Matrix shows itself as the slides write it (purenn.rechenweg.display).

    def _repr_latex_(self) -> str:
        return display.matrix_latex(self)

    def _repr_markdown_(self) -> str:
        return display.matrix_markdown(self)

    def _repr_html_(self) -> str:
        return display.matrix_html(self)

    # -- the operations of the documents ------------------------------------

    def __matmul__(self, other: "Matrix") -> "Matrix":
        """The matrix product A·B: entry (i, j) = Σ_k a_ik · b_kj.

        'Künstliche Intelligenz selbst gemacht', Matrixmultiplikation: the left
        matrix must have as many columns as the right one has rows; the result
        has the rows of the left and the columns of the right.

        Slides: 'KI selbst gemacht', 'Parameter' — ``purenn formulas`` [matmul]

        >>> Matrix([[1, 2, 3], [4, 5, 6]]) @ Matrix.column([1, 0, -1])
        Matrix([[-2], [-2]])
        """
        if not isinstance(other, Matrix):
            return NotImplemented
        (r, k), (k2, c) = self.shape, other.shape
        if k != k2:
            raise ValueError(
                f"cannot multiply a {r}×{k} matrix by a {k2}×{c} matrix: "
                f"the columns of the left ({k}) must equal the rows of the right ({k2})"
            )
        columns = list(zip(*other.rows))
        return Matrix._trusted(
            [[sum(a_ik * b_kj for a_ik, b_kj in zip(row, column)) for column in columns] for row in self.rows]
        )

    @property
    def T(self) -> "Matrix":
        """The transpose Wᵀ: rows become columns.

        'Künstliche Intelligenz selbst gemacht', Matrixtransposition – Beispiel:

        >>> Matrix([[1, 2, 3], [4, 5, 6]]).T
        Matrix([[1, 4], [2, 5], [3, 6]])

        Slides: 'KI selbst gemacht', 'Matrizen' §3.6.3 — ``purenn formulas`` [transpose]
        """
        return Matrix._trusted(zip(*self.rows))

    def hadamard(self, other: "Matrix") -> "Matrix":
        """The Hadamard product A ⊙ B, entry by entry, of two equally shaped matrices.

        'Matrizen in Neuronalen Netzen' §3.6.2.

        Slides: 'Matrizen in Neuronalen Netzen' §3.6.2 — ``purenn formulas`` [hadamard]

        >>> Matrix.column([1, 2, 3]).hadamard(Matrix.column([4, 5, 6]))
        Matrix([[4], [10], [18]])
        """
        return self._zip_with(other, operator.mul, "⊙ (Hadamard product)")

    def __add__(self, other: "Matrix") -> "Matrix":
        """A + B entry by entry; a column n×1 is added to every column of an n×N batch.

        The broadcast is the bias matrix B^l of 'Matrizen in Neuronalen Netzen'
        §3.7: b^l repeated once per example.

        Slides: 'Matrizen in Neuronalen Netzen' §3.7 — ``purenn formulas`` [batch_bias]
        """
        if not isinstance(other, Matrix):
            return NotImplemented
        if other.n_cols == 1 and self.n_cols != 1 and other.n_rows == self.n_rows:
            return Matrix._trusted(
                [[v + b for v in r] for r, (b,) in zip(self.rows, other.rows)]
            )
        return self._zip_with(other, operator.add, "+")

    def __sub__(self, other: "Matrix") -> "Matrix":
        """A − B entry by entry."""
        if not isinstance(other, Matrix):
            return NotImplemented
        return self._zip_with(other, operator.sub, "−")

    def __neg__(self) -> "Matrix":
        return Matrix._trusted([[-v for v in r] for r in self.rows])

    def __mul__(self, c: object) -> "Matrix":
        """A · c for a number c. For two matrices use ``@`` or ``.hadamard()``."""
        if isinstance(c, Matrix):
            raise TypeError(
                "Matrix * Matrix is ambiguous — the slides write '*' for two different "
                "products. Use A @ B for the matrix product (W·x, 'Zeile mal Spalte') "
                "or A.hadamard(B) for the element-wise product A ⊙ B."
            )
        if not is_number(c):
            return NotImplemented
        return self.map(lambda v: v * c)

    def __rmul__(self, c: object) -> "Matrix":
        """c · A for a number c, e.g. the learning rate: η · ∂E/∂W."""
        return self.__mul__(c)

    def __truediv__(self, c: object) -> "Matrix":
        """A / c for a number c ≠ 0; use a Fraction c to stay exact."""
        if not is_number(c):
            return NotImplemented
        if c == 0:
            raise ZeroDivisionError("cannot divide a Matrix by zero")
        return self.map(lambda v: v / c)

    def map(self, f: Callable[[Any], Scalar]) -> "Matrix":
        """Apply f to every entry, e.g. an activation function σ.

        >>> Matrix([[1, -2]]).map(abs)
        Matrix([[1, 2]])
        """
        return Matrix._trusted([[f(v) for v in r] for r in self.rows])

    def sum_columns(self) -> "Matrix":
        """[δ]·1: the n×1 column of row sums ('Matrizen' §3.8.1, bias gradient).

        Slides: 'Matrizen in Neuronalen Netzen' §3.8.1 — ``purenn formulas`` [batch_grad_b]
        """
        return Matrix._trusted([[sum(r)] for r in self.rows])

    def _zip_with(self, other: "Matrix", op: Callable[[Any, Any], Scalar], symbol: str) -> "Matrix":
        if not isinstance(other, Matrix):
            raise TypeError(f"{symbol} needs two matrices, got {describe(other)}")
        if self.shape != other.shape:
            (r1, c1), (r2, c2) = self.shape, other.shape
            raise ValueError(
                f"{symbol} needs two matrices of the same shape, got {r1}×{c1} and {r2}×{c2}"
            )
        return Matrix._trusted(
            [list(map(op, a, b)) for a, b in zip(self.rows, other.rows)]
        )


def bracketed(cells: Sequence[Sequence[str]]) -> List[str]:
    """The lines of a matrix of printed numbers: columns aligned, in round brackets ⎛ ⎞.

    >>> bracketed([["1", "2.5"], ["-3", "4"]])
    ['⎛ 1  2.5⎞', '⎝-3    4⎠']
    """
    widths = [max(len(r[j]) for r in cells) for j in range(len(cells[0]))]
    lines = ["  ".join(s.rjust(w) for s, w in zip(r, widths)) for r in cells]
    if len(lines) == 1:
        return [f"({lines[0]})"]
    out = []
    for k, line in enumerate(lines):
        left, right = ("⎛", "⎞") if k == 0 else ("⎝", "⎠") if k == len(lines) - 1 else ("⎜", "⎟")
        out.append(f"{left}{line}{right}")
    return out


def _check_shape(r: int, c: int) -> None:
    if not (isinstance(r, int) and isinstance(c, int) and r > 0 and c > 0):
        raise ValueError(f"a matrix needs at least 1 row and 1 column, got {r!r}×{c!r}")


def _checked_rows(rows: object) -> Rows:
    """Copy rows into a tuple of tuples, checking that they form a rectangle of numbers."""
    if isinstance(rows, Matrix):
        return rows.rows
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise TypeError(f"Matrix() takes a list of rows, got {describe(rows)}")
    out: List[Tuple[Scalar, ...]] = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
            raise TypeError(
                f"row {i} of the matrix must be a list of numbers, got {describe(row)}"
            )
        values = tuple(row)
        for j, v in enumerate(values):
            if not is_number(v):
                raise TypeError(
                    f"entry [{i}, {j}] of the matrix must be a number, got {describe(v)}"
                )
        if out and len(values) != len(out[0]):
            raise ValueError(
                f"row {i} of the matrix has {len(values)} entries, but row 0 has "
                f"{len(out[0])}: all rows must be equally long"
            )
        out.append(values)
    if not out or not out[0]:
        raise ValueError("a matrix needs at least 1 row and 1 column, got an empty list")
    return tuple(out)


def _format(v: Scalar) -> str:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.6g}"
    return str(v)
