"""Matrix: the operations of the documents, their worked examples, and their errors."""

from fractions import Fraction

import pytest

from purenn import Matrix


def test_matmul_worked_example_ki():
    # 'Künstliche Intelligenz selbst gemacht', Matrixmultiplikation – Beispiel
    W = Matrix([[-0.5, 4], [3, -5], [1, -2]])
    assert (W @ Matrix.column([2, -6])).flat() == [-25, 36, 14]


def test_matmul_general_rows_times_columns():
    A = Matrix([[1, 2], [3, 4], [5, 6]])
    B = Matrix([[7, 8, 9], [10, 11, 12]])
    assert (A @ B).tolist() == [[27, 30, 33], [61, 68, 75], [95, 106, 117]]


def test_matmul_shape_mismatch_names_both_shapes_and_rule():
    with pytest.raises(ValueError) as e:
        Matrix([[1, 2, 3]]) @ Matrix([[1, 2]])
    msg = str(e.value)
    assert "1×3" in msg and "1×2" in msg and "columns of the left" in msg


def test_transpose_worked_example_ki():
    # 'Künstliche Intelligenz selbst gemacht', Matrixtransposition – Beispiel
    assert Matrix([[1, 2, 3], [4, 5, 6]]).T.tolist() == [[1, 4], [2, 5], [3, 6]]
    assert Matrix([[1, 2, 3], [4, 5, 6]]).T.T == Matrix([[1, 2, 3], [4, 5, 6]])


def test_hadamard_add_sub_scalar():
    a, b = Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]])
    assert a.hadamard(b).tolist() == [[5, 12], [21, 32]]
    assert (a + b).tolist() == [[6, 8], [10, 12]]
    assert (b - a).tolist() == [[4, 4], [4, 4]]
    assert (2 * a).tolist() == (a * 2).tolist() == [[2, 4], [6, 8]]
    assert (a / 2).tolist() == [[0.5, 1.0], [1.5, 2.0]]
    assert (-a).tolist() == [[-1, -2], [-3, -4]]
    assert a.map(lambda v: v * v).tolist() == [[1, 4], [9, 16]]


def test_bias_column_is_added_to_every_example_column():
    # 'Matrizen in Neuronalen Netzen' §3.7: B^l repeats b^l once per example.
    Z = Matrix([[1, 2, 3], [4, 5, 6]]) + Matrix.column([10, 20])
    assert Z.tolist() == [[11, 12, 13], [24, 25, 26]]


def test_hadamard_and_sum_shape_errors():
    with pytest.raises(ValueError, match="same shape.*2×1 and 3×1"):
        Matrix.column([1, 2]).hadamard(Matrix.column([1, 2, 3]))
    with pytest.raises(ValueError, match="same shape"):
        Matrix([[1, 2]]) - Matrix([[1, 2, 3]])


def test_matrix_times_matrix_explains_the_two_products():
    with pytest.raises(TypeError) as e:
        Matrix([[1]]) * Matrix([[1]])
    assert "@" in str(e.value) and "hadamard" in str(e.value)


def test_fraction_entries_stay_exact():
    # 'Woche 10 Theorie': 5·0.2 + 2·0.1 + 4·0.25 + 1 = 3.2 exactly.
    w = Matrix([[Fraction("0.2"), Fraction("0.1"), Fraction("0.25")]])
    x = Matrix.column([5, 2, 4])
    z = w @ x + Matrix.column([1])
    assert z[0, 0] == Fraction("3.2") and isinstance(z[0, 0], Fraction)
    assert (w @ x)[0, 0] == Fraction("2.2")


def test_constructors_and_reading():
    assert Matrix.zeros(2, 3).tolist() == [[0.0] * 3] * 2
    assert Matrix.ones(3, 1).flat() == [1.0, 1.0, 1.0]
    assert Matrix.column([1, 2]).shape == (2, 1)
    assert Matrix.row([1, 2]).shape == (1, 2)
    m = Matrix([[1, 2], [3, 4]])
    assert m[1, 0] == 3 and m.tolist() == [[1, 2], [3, 4]] and m.columns() == [[1, 3], [2, 4]]
    assert Matrix.from_columns([[1, 2], [3, 4], [5, 6]]).tolist() == [[1, 3, 5], [2, 4, 6]]
    assert m == Matrix([[1, 2], [3, 4]]) and m != Matrix([[1, 2], [3, 5]])


def test_matrix_does_not_share_the_callers_lists():
    rows = [[1, 2], [3, 4]]
    m = Matrix(rows)
    rows[0][0] = 99
    assert m[0, 0] == 1


@pytest.mark.parametrize(
    "rows, error, text",
    [
        ([[1, 2], [3]], ValueError, "row 1 of the matrix has 1 entries, but row 0 has 2"),
        ([[1, "x"]], TypeError, r"entry \[0, 1\].*'x'"),
        ([[1, True]], TypeError, r"entry \[0, 1\]"),
        ([], ValueError, "at least 1 row"),
        ([[]], ValueError, "at least 1 row"),
        ([1, 2], TypeError, "row 0 of the matrix must be a list"),
        ("12", TypeError, "list of rows"),
    ],
)
def test_bad_rows_give_clear_errors(rows, error, text):
    with pytest.raises(error, match=text):
        Matrix(rows)


def test_index_errors_say_the_valid_range():
    m = Matrix([[1, 2], [3, 4]])
    with pytest.raises(IndexError, match="rows 0..1, columns 0..1"):
        m[2, 0]
    with pytest.raises(TypeError, match=r"m\[i, j\]"):
        m[0]  # type: ignore[index]


def test_str_prints_aligned_columns():
    text = str(Matrix([[1, 22.5], [-3, 4]]))
    lines = text.splitlines()
    assert len(lines) == 2 and len(set(map(len, lines))) == 1
    assert "22.5" in lines[0] and "-3" in lines[1]
