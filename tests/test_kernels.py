"""The matrix-product kernels give the textbook result, whichever path a column takes."""

import random
from fractions import Fraction

import pytest

from purenn import Matrix
from purenn._engine.kernels import _matmul_combine, _matmul_loops, _matmul_map


def reference(A, B):
    """c_ij = Σ_k a_ik · b_kj, written out with index loops."""
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def _columns(B):
    return [list(c) for c in zip(*B)]


def _combine(A, columns):
    return _matmul_combine(A, [list(r) for r in zip(*columns)])


@pytest.mark.parametrize("kernel", [_matmul_map, _matmul_loops, _combine])
def test_dense_sparse_and_zero_columns_agree_with_the_reference(kernel):
    rng = random.Random(5)
    n = 100  # long enough for the kernel to pick out the non-zero entries of a sparse column
    A = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(4)]
    # column 0 dense, column 1 all zeros, column 2 mostly zeros (like MNIST pixels), column 3 one entry
    B = [[rng.uniform(-1, 1), 0.0, rng.uniform(-1, 1) if k % 7 == 2 else 0.0, 1.5 if k == 4 else 0.0]
         for k in range(n)]
    got = kernel(A, _columns(B))
    want = reference(A, B)
    for g, w in zip(got, want):
        assert g == pytest.approx(w, rel=1e-14, abs=1e-15)
    assert [row[1] for row in got] == [0.0] * 4


@pytest.mark.parametrize("kernel", [_matmul_map, _matmul_loops, _combine])
def test_exact_entries_stay_exact_on_every_path(kernel):
    A = [[Fraction(1, 3), Fraction(2, 7), 0, 5]]
    B = [[Fraction(1, 5), 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, Fraction(1, 2)]]
    got = kernel(A, _columns(B))
    assert got == [[Fraction(1, 15), 0, Fraction(5, 2)]]
    assert all(isinstance(v, (int, Fraction)) for v in got[0])


def test_sparse_columns_really_take_the_picking_path():
    from purenn._engine.kernels import _Plan

    long_sparse = [0.0] * 90 + [1.0] * 10
    short_sparse = [0.0] * 8 + [1.0, 2.0]
    plan = _Plan([long_sparse, short_sparse, [0.0] * 100])
    assert plan.dense == [short_sparse]
    assert [values for _, values in plan.sparse] == [(1.0,) * 10]
    # products come as [dense, sparse, 0] and go back to column order
    assert plan.gather is not None and plan.gather(["short", "long", "zero"]) == ("long", "short", "zero")


def test_a_single_column_is_gathered_as_a_row_too():
    assert _matmul_map([[1.0, 2.0]], [[0.0, 0.0]]) == [[0.0]]
    assert _matmul_map([[1.0] * 70], [[0.0] * 69 + [3.0]]) == [[3.0]]


def test_matrix_product_of_a_sparse_batch():
    # three "images" with mostly zero pixels, as a batch with one example per column
    X = Matrix.from_columns([[0, 0, 0.5, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1.0, 0, 0, 0, 0, 0.25]])
    W = Matrix([[1, 2, 3, 4, 5, 6], [-1, 0, 1, 0, -1, 0]])
    assert (W @ X).tolist() == [[1.5, 0.0, 2.5], [0.5, 0.0, -1.0]]


def test_sparse_rows_of_a_wide_product_agree_with_the_reference():
    # [δ](A)ᵀ for a mini-batch of mostly-zero digits: B's rows are long and sparse
    rng = random.Random(8)
    A = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(4)]
    B = [[rng.uniform(0, 1) if (j * (k + 2)) % 9 == 0 else 0.0 for j in range(120)] for k in range(3)]
    B[1] = [0.0] * 120  # an example with no ink at all
    want = reference(A, B)
    for got in (_matmul_combine(A, B), _matmul_map(A, _columns(B)), _matmul_loops(A, _columns(B))):
        for g, w in zip(got, want):
            assert g == pytest.approx(w, rel=1e-14, abs=1e-15)


@pytest.mark.parametrize(
    "B",
    [
        [[0.0, 0.5, 0.0], [0.0, 0.0, 0.0], [0.0, 0.25, 1.0], [0.0, 0.0, 0.0]],  # zero pixels: merged path
        [[1.0, 0.5, -2.0], [3.0, 0.1, 0.2], [0.5, 0.25, 1.0], [1.0, 1.0, 1.0]],  # nothing to skip
        [[0.0] * 3] * 4,  # an empty mini-batch of blank images: W stays as it is
        [[Fraction(1, 3), 0, 0], [0, 0, 0], [0, Fraction(-2, 5), 0], [1, 0, 7]],  # exact
    ],
)
def test_the_fused_step_is_w_minus_factor_times_the_product(B):
    from purenn._engine.kernels import matmul_transposed, subtract_scaled, subtract_scaled_product

    # W 2×4, δ 2×3 (three examples), A 4×3: W − f · δ·Aᵀ
    exact = isinstance(B[0][0], Fraction)
    number = (lambda v: Fraction(v).limit_denominator(1000)) if exact else float
    W = [[number(v) for v in row] for row in ([0.5, -1.0, 2.0, 0.25], [1.5, 0.0, -0.75, 3.0])]
    D = [[number(v) for v in row] for row in ([0.1, -0.2, 0.3], [0.5, 2.0, -1.0])]
    factor = number(0.05)
    columns = lambda: [list(c) for c in zip(*B)]  # noqa: E731
    got = subtract_scaled_product(W, D, B, columns, factor)
    assert got == subtract_scaled(W, matmul_transposed(D, B, columns), factor)
    want = [[W[i][j] - factor * sum(D[i][k] * B[j][k] for k in range(3)) for j in range(4)] for i in range(2)]
    for g, w in zip(got, want):
        assert g == pytest.approx(w, rel=1e-15, abs=1e-15)
    if exact:
        assert got == want and all(isinstance(v, (int, Fraction)) for row in got for v in row)
