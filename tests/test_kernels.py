"""The engine's inner loops give the textbook results, written out or as loops, for any row length."""

import math
import random

import pytest

from purenn._engine import kernels as k


def _rows(rng, m, n):
    return [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(m)]


def _sparse_input(rng, m):
    x = [rng.uniform(0, 1) if rng.random() < 0.3 else 0.0 for _ in range(m)]
    x[0] = 0.0
    return x


# every variant: written out, index loops, and (CPython 3.12+) the forward pass by math.sumprod
VARIANTS = [("unrolled", k._unrolled), ("loops", k._loops)]


@pytest.mark.parametrize("n", [1, 2, 7, 30])
@pytest.mark.parametrize("name, make", VARIANTS)
def test_forward_is_b_plus_w_times_x_over_the_nonzero_inputs(name, make, n):
    rng = random.Random(n)
    Wt, b = _rows(rng, 50, n), [rng.uniform(-1, 1) for _ in range(n)]
    x = _sparse_input(rng, 50)
    at, values = k.nonzero(x)
    assert at == [j for j in range(50) if x[j]] and values == [x[j] for j in at]
    # z_i = Σ_j W_ij x_j + b_i with W_ij = Wt[j][i], over every input, zeros included
    want = [sum(Wt[j][i] * x[j] for j in range(50)) + b[i] for i in range(n)]
    forward, _, _ = make(n)
    for got in (forward(Wt, at, values, b), k._forward_by_sumprod(Wt, at, values, b) if hasattr(math, "sumprod") else None):
        if got is not None:
            assert got == pytest.approx(want, rel=1e-13, abs=1e-14)
    assert forward(Wt, [], [], b) == b  # no input at all: z = b


@pytest.mark.parametrize("n", [1, 3, 30])
@pytest.mark.parametrize("name, make", VARIANTS)
def test_update_is_w_minus_f_delta_x_and_leaves_the_old_rows_alone(name, make, n):
    rng = random.Random(10 + n)
    Wt = _rows(rng, 20, n)
    old = [list(row) for row in Wt]
    x, d, f = _sparse_input(rng, 20), [rng.uniform(-1, 1) for _ in range(n)], 0.05
    at, values = k.nonzero(x)
    _, update, _ = make(n)
    new = list(Wt)
    rows_before = [id(row) for row in Wt]
    update(new, at, values, f, d)
    # W_ij − f · δ_i · x_j, element by element; a weight whose input is 0 stays as it was
    for j in range(20):
        assert new[j] == pytest.approx([old[j][i] - f * d[i] * x[j] for i in range(n)], rel=1e-14, abs=1e-15)
        if not x[j]:
            assert new[j] is Wt[j]
    assert Wt == old and [id(row) for row in Wt] == rows_before  # the state before the step is kept


@pytest.mark.parametrize("n", [1, 4, 10])
@pytest.mark.parametrize("name, make", VARIANTS)
def test_back_is_w_transposed_times_delta(name, make, n):
    rng = random.Random(20 + n)
    Wt, d = _rows(rng, 6, n), [rng.uniform(-1, 1) for _ in range(n)]
    _, _, back = make(n)
    # (Wᵀ δ)_j = Σ_i W_ij δ_i
    assert back(Wt, d) == pytest.approx([sum(Wt[j][i] * d[i] for i in range(n)) for j in range(6)], rel=1e-14)


def test_long_rows_take_the_loops_and_short_ones_the_written_out_code():
    assert k.for_rows(3).update.__code__.co_filename == "<purenn kernels for rows of 3>"
    assert k.for_rows(k.UNROLL_UP_TO + 1).update.__code__.co_filename == k.__file__
    assert k.for_rows(3) is k.for_rows(3)  # generated once


def test_a_single_nonzero_input_is_picked_as_a_row():
    Wt, b = [[1.0, 2.0], [3.0, 4.0]], [0.5, 0.5]
    for forward in (k._unrolled(2)[0], k._loops(2)[0], k._forward_by_sumprod if hasattr(math, "sumprod") else None):
        if forward is not None:
            assert forward(Wt, [1], [2.0], b) == [6.5, 8.5]
