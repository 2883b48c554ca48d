"""How fast does purenn train? Its training step against three hand-written ones, in the same run.

The network is the MNIST size of 'Künstliche Intelligenz selbst gemacht':
784-30-10, sigmoid hidden layer, softmax output with cross-entropy, mini-batches
of 10, η = 0.5. Every contestant does exactly the same training step —
forward pass, backpropagation, W ← W − η/N · ∂C/∂W — in pure Python:

* purenn:  ``Network.train`` (the data checked once, then ``purenn._engine``);
* naive:   the mini-batch as one matrix, every matrix operation written as
           index loops, c_ij = Σ_k a_ik · b_kj, as the formulas read;
* dense:   a hand-tuned dense step: W¹ neuron by neuron, every product one C
           call on CPython (``math.sumprod`` or ``sum(map(mul))``), index loops
           that change the weights in place on PyPy;
* sparse:  a hand-tuned sparse step, the pure-Python limit for digits: W¹
           stored pixel-major (the 30 weights leaving one input pixel
           together), and each example's forward pass and ∂E/∂W¹ touch only its
           non-zero pixels (about 150 of 784). Its data are prepared once,
           outside the clock.

The dense and sparse steps come in two versions each — ``map`` (C calls) or
``unrolled`` (generated code with the loop over a row's 30 entries written
out), for CPython, and ``loop`` (index loops in place), for PyPy; all run
everywhere, and the faster is "the best" on this interpreter, round by round.

Two data sets: the first 500 real digits shipped with purenn, and 500 dense
random inputs (every pixel non-zero). The contestants take turns, epoch by
epoch, so that a slow moment of the machine hits all alike; every figure is
the median over the rounds with the range (min–max) beside it, and the ratios
are taken round by round.

Run:  python examples/benchmark.py [--rounds 7] [--examples 500] [--no-naive]
      python examples/benchmark.py --scale [--rounds 3] [--examples 500]   (the table of docs/speed.md)
Nothing here is a test: the figures depend on the machine; the ratios are what
to compare across interpreters.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import sys
import time
from itertools import repeat
from operator import add, itemgetter, mul, sub
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from purenn import Network  # noqa: E402
from purenn.io.mnist import load_embedded  # noqa: E402
from purenn._engine.kernels import KERNEL  # noqa: E402

STRUCTURE = [784, 30, 10]
BATCH = 10
ETA = 0.5

Vector = List[float]
Batch = List[Tuple[Sequence[float], Vector]]
Rows = List[List[float]]


def real_digits(n: int) -> Batch:
    """The first ``n`` of the MNIST digits shipped with purenn (pixels in [0, 1], one-hot targets)."""
    train, _ = load_embedded()
    return train[:n]


def dense_inputs(n: int) -> Batch:
    """``n`` random inputs with every pixel non-zero, in (0, 1], and random one-hot targets."""
    rng = random.Random(7)
    data = []
    for _ in range(n):
        y = [0.0] * 10
        y[rng.randrange(10)] = 1.0
        data.append(([1.0 - rng.random() for _ in range(784)], y))
    return data


def weights() -> Tuple[Rows, Vector, Rows, Vector]:
    """W¹ (30 rows of 784), b¹, W², b² as plain lists: the same start for every contestant."""
    net = Network.create(STRUCTURE, output="softmax", seed=1)
    W1, W2 = net.W(1).tolist(), net.W(2).tolist()
    b1, b2 = net.b(1).flat(), net.b(2).flat()
    return [list(map(float, r)) for r in W1], list(map(float, b1)), [list(map(float, r)) for r in W2], list(map(float, b2))


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def softmax_minus_target(z: Vector, label: int) -> Vector:
    """δ² = s − y for one example (softmax with cross-entropy, one-hot y)."""
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    d = [v / total for v in e]
    d[label] -= 1.0
    return d


def _dot_map(u: Sequence[float], v: Sequence[float]) -> float:
    return sum(map(mul, u, v))


dot: Callable[[Sequence[float], Sequence[float]], float] = getattr(math, "sumprod", _dot_map)


def dots(rows: Sequence[Sequence[float]], v: Sequence[float]) -> List[float]:
    """[row · v for each row], with no Python-level call per row."""
    if hasattr(math, "sumprod"):
        return list(map(math.sumprod, rows, repeat(v)))  # type: ignore[attr-defined]
    return list(map(sum, map(map, repeat(mul), rows, repeat(v))))


# -- purenn ---------------------------------------------------------------------


def purenn_epoch(net: Network) -> Callable[[Batch], None]:
    """One epoch of ``Network.train``: data checked once, then mini-batches of 10."""

    def epoch(data: Batch) -> None:
        net.train(data, epochs=1, batch_size=BATCH, eta=ETA, seed=0)

    return epoch


# -- naive index loops ------------------------------------------------------------
# The same step — one mini-batch as one matrix, the same formulas in the same
# order — but every matrix operation written as index loops, the way the
# formulas read entry by entry: c_ij = Σ_k a_ik · b_kj.


def naive_matmul(A: Rows, B: Rows) -> Rows:
    n, m, p = len(A), len(B), len(B[0])
    C = [[0.0] * p for _ in range(n)]
    for i in range(n):
        for j in range(p):
            s = 0.0
            for k in range(m):
                s += A[i][k] * B[k][j]
            C[i][j] = s
    return C


def naive_transpose(A: Rows) -> Rows:
    return [[A[i][j] for i in range(len(A))] for j in range(len(A[0]))]


def naive_elementwise(A: Rows, B: Rows, f: Callable[[float, float], float]) -> Rows:
    return [[f(A[i][j], B[i][j]) for j in range(len(A[0]))] for i in range(len(A))]


class Naive:
    """The network as lists of lists, trained with index loops."""

    def __init__(self) -> None:
        W1, b1, W2, b2 = weights()
        self.W, self.b = [W1, W2], [[[v] for v in b1], [[v] for v in b2]]
        self.rng = random.Random(0)

    def prepare(self, data: Batch) -> Batch:
        return [(list(x), y) for x, y in data]

    def epoch(self, data: Batch) -> None:
        order = list(range(len(data)))
        self.rng.shuffle(order)
        for k in range(0, len(order), BATCH):
            self.step([data[i] for i in order[k : k + BATCH]])

    def step(self, batch: Batch) -> None:
        W, b, N = self.W, self.b, len(batch)
        X = naive_transpose([list(x) for x, _ in batch])
        Y = naive_transpose([y for _, y in batch])
        # forward: Z^l = W^l A^(l−1) + B^l, A^l = σ(Z^l)
        Z1 = naive_matmul(W[0], X)
        Z1 = [[Z1[i][k] + b[0][i][0] for k in range(N)] for i in range(len(Z1))]
        A1 = [[sigmoid(Z1[i][k]) for k in range(N)] for i in range(len(Z1))]
        Z2 = naive_matmul(W[1], A1)
        Z2 = [[Z2[i][k] + b[1][i][0] for k in range(N)] for i in range(len(Z2))]
        A2 = [[0.0] * N for _ in Z2]
        for k in range(N):
            m = max(Z2[i][k] for i in range(len(Z2)))
            e = [math.exp(Z2[i][k] - m) for i in range(len(Z2))]
            for i in range(len(Z2)):
                A2[i][k] = e[i] / sum(e)
        # backward: δ^2 = A^2 − Y, δ^1 = (W^2)ᵀ δ^2 ⊙ σ'(Z^1)
        D2 = naive_elementwise(A2, Y, lambda a, y: a - y)
        S1 = [[A1[i][k] * (1.0 - A1[i][k]) for k in range(N)] for i in range(len(A1))]
        D1 = naive_elementwise(naive_matmul(naive_transpose(W[1]), D2), S1, lambda u, v: u * v)
        # gradients ∂E/∂W^l = δ^l (A^(l−1))ᵀ, ∂E/∂b^l = δ^l · 1, and the step
        f = ETA / N
        for l, (D, A) in enumerate(((D1, X), (D2, A1))):
            dW = naive_matmul(D, naive_transpose(A))
            for i in range(len(W[l])):
                b[l][i][0] -= f * sum(D[i][k] for k in range(N))
                for j in range(len(W[l][0])):
                    W[l][i][j] -= f * dW[i][j]

    def W1_rows(self) -> Rows:
        return self.W[0]


# -- the hand-tuned steps ------------------------------------------------------------
# Layer 2 (30 → 10) is the same small dense step in all of them; they differ in
# how they treat W¹, which holds 98 % of the weights.


class _Tuned:
    """What the tuned steps share: the shuffling, layer 2 and the per-example backward step."""

    def __init__(self, loops: bool) -> None:
        self.loops = loops
        W1, self.b1, self.W2, self.b2 = weights()
        self.W1 = W1
        self.rng = random.Random(0)

    def epoch(self, data: List[object]) -> None:
        order = list(range(len(data)))
        self.rng.shuffle(order)
        for k in range(0, len(order), BATCH):
            self.step([data[i] for i in order[k : k + BATCH]])

    def step(self, batch: List[object]) -> None:
        raise NotImplementedError

    def layer2(self, z1s: List[Vector], labels: List[int]) -> Tuple[List[Vector], List[Vector]]:
        """a¹ and δ¹ of each example from its z¹, and the step of W², b²."""
        W2, b2 = self.W2, self.b2
        W2T = list(zip(*W2))  # before W² changes
        a1s, d1s, d2s = [], [], []
        for z1, label in zip(z1s, labels):
            a1 = list(map(sigmoid, z1))
            d2 = softmax_minus_target(list(map(add, dots(W2, a1), b2)), label)
            d1 = list(map(mul, dots(W2T, d2), [a * (1.0 - a) for a in a1]))
            a1s.append(a1)
            d1s.append(d1)
            d2s.append(d2)
        f = ETA / len(z1s)
        A1T = list(zip(*a1s))  # row i: a¹_i of every example
        for m, D2m in enumerate(zip(*d2s)):
            self.W2[m] = list(map(sub, W2[m], map(mul, dots(A1T, D2m), repeat(f))))
            b2[m] -= f * sum(D2m)
        for i, D1i in enumerate(zip(*d1s)):
            self.b1[i] -= f * sum(D1i)
        return a1s, d1s


class Dense(_Tuned):
    """W¹ neuron by neuron (30 rows of 784), every pixel multiplied."""

    def prepare(self, data: Batch) -> List[object]:
        return [(list(x), y.index(1.0)) for x, y in data]

    def step(self, batch: List[object]) -> None:
        xs = [x for x, _ in batch]  # type: ignore[misc]
        W1, b1 = self.W1, self.b1
        z1s = [list(map(add, dots(W1, x), b1)) for x in xs]
        _, d1s = self.layer2(z1s, [label for _, label in batch])  # type: ignore[misc]
        f = ETA / len(xs)
        if self.loops:
            for i in range(len(W1)):
                row = W1[i]
                for x, d1 in zip(xs, d1s):
                    c = f * d1[i]
                    for j in range(len(row)):
                        row[j] -= c * x[j]
        else:
            for i in range(len(W1)):
                row = W1[i]  # the ten examples' updates chained, the row built once
                for x, d1 in zip(xs, d1s):
                    row = map(sub, row, map(mul, x, repeat(f * d1[i])))
                W1[i] = list(row)

    def W1_rows(self) -> Rows:
        return self.W1


def unrolled_kernels(n: int) -> Tuple[Callable[..., List[float]], Callable[..., None]]:
    """forward(W, at, v, b) and update(W, at, v, f, d) for rows of n weights, with the loop over
    the n entries written out (generated once): r_i, z_i and d_i are local variables, so a row
    costs one unpacking and n multiply-adds, and a changed row is built as a new list."""
    r = ", ".join(f"r{i}" for i in range(n)) + ","
    z = ", ".join(f"z{i}" for i in range(n)) + ","
    d = ", ".join(f"d{i}" for i in range(n)) + ","
    source = (
        f"def forward(W, at, v, b):\n    {z} = b\n    for j, x in zip(at, v):\n        {r} = W[j]\n"
        + "".join(f"        z{i} += x * r{i}\n" for i in range(n))
        + f"    return [{z}]\n"
        f"def update(W, at, v, f, d):\n    {d} = d\n    for j, x in zip(at, v):\n        c = f * x\n"
        f"        {r} = W[j]\n        W[j] = [{', '.join(f'r{i} - c * d{i}' for i in range(n))}]\n"
    )
    namespace: Dict[str, Callable[..., object]] = {}
    exec(source, namespace)
    return namespace["forward"], namespace["update"]  # type: ignore[return-value]


class Sparse(_Tuned):
    """W¹ pixel-major (784 lists of 30), each example through its non-zero pixels only.

    ``loops``: index loops in place (PyPy); otherwise the unrolled kernels, and on
    CPython 3.12+ the forward pass as 30 ``math.sumprod`` calls over the picked rows.
    """

    def __init__(self, loops: bool) -> None:
        super().__init__(loops)
        self.W1 = [list(c) for c in zip(*self.W1)]  # row j: the 30 weights leaving pixel j
        self.forward, self.update = unrolled_kernels(len(self.b1))

    def prepare(self, data: Batch) -> List[object]:
        prepared = []
        for x, y in data:
            at = [j for j, v in enumerate(x) if v]
            prepared.append((at, [x[j] for j in at], y.index(1.0)))
        return prepared

    def step(self, batch: List[object]) -> None:
        W1, b1, loops = self.W1, self.b1, self.loops
        z1s = []
        for at, v, _ in batch:  # type: ignore[misc]
            if loops:
                z1 = list(b1)
                for t in range(len(at)):
                    row, x = W1[at[t]], v[t]
                    for i in range(len(z1)):
                        z1[i] += x * row[i]
            elif hasattr(math, "sumprod"):  # the picked rows turned into 30 columns by zip, in C
                z1 = list(map(add, dots(list(zip(*itemgetter(*at)(W1))), v), b1))
            else:
                z1 = self.forward(W1, at, v, b1)
            z1s.append(z1)
        _, d1s = self.layer2(z1s, [label for _, _, label in batch])  # type: ignore[misc]
        f = ETA / len(batch)
        for (at, v, _), d1 in zip(batch, d1s):  # type: ignore[misc]
            # W¹[j] ← W¹[j] − (η/N · x_j) · δ¹ for every non-zero pixel j
            if loops:
                for t in range(len(at)):
                    row, c = W1[at[t]], f * v[t]
                    for i in range(len(row)):
                        row[i] -= c * d1[i]
            else:
                self.update(W1, at, v, f, d1)

    def W1_rows(self) -> Rows:
        return [list(r) for r in zip(*self.W1)]


# -- measuring --------------------------------------------------------------------------


def agreement(data: Batch, naive: bool) -> Dict[str, float]:
    """The largest difference in W¹ after one epoch, each contestant against purenn."""
    net = Network.create(STRUCTURE, output="softmax", seed=1)
    purenn_epoch(net)(data)
    W = net.W(1).tolist()
    others: Dict[str, Rows] = {}
    for name, contestant in contestants(naive).items():
        contestant.epoch(contestant.prepare(data))  # type: ignore[attr-defined]
        others[name] = contestant.W1_rows()  # type: ignore[attr-defined]
    return {name: max(abs(u - v) for p, q in zip(W, rows) for u, v in zip(p, q)) for name, rows in others.items()}


def contestants(naive: bool) -> Dict[str, object]:
    found: Dict[str, object] = {
        "dense map": Dense(loops=False), "dense loop": Dense(loops=True),
        "sparse unrolled": Sparse(loops=False), "sparse loop": Sparse(loops=True),
    }
    if naive:
        found["naive"] = Naive()
    return found


def measure(data: Batch, rounds: int, naive: bool) -> Dict[str, List[float]]:
    """Seconds per epoch of every contestant, round by round (taking turns)."""
    net = Network.create(STRUCTURE, output="softmax", seed=1)
    runs: Dict[str, Tuple[Callable[[object], None], object]] = {"purenn": (purenn_epoch(net), data)}  # type: ignore[dict-item]
    for name, c in contestants(naive).items():
        runs[name] = (c.epoch, c.prepare(data))  # type: ignore[attr-defined]
    for epoch, prepared in runs.values():
        epoch(prepared)  # warm-up: one epoch each (PyPy's JIT compiles the loops meanwhile)
    seconds: Dict[str, List[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, (epoch, prepared) in runs.items():
            start = time.perf_counter()
            epoch(prepared)
            seconds[name].append(time.perf_counter() - start)
    return seconds


def spread(values: List[float], fmt: str) -> str:
    return f"{format(statistics.median(values), fmt)} ({format(min(values), fmt)}–{format(max(values), fmt)})"


def report(title: str, n: int, seconds: Dict[str, List[float]]) -> None:
    print(f"\n{title}: examples/s, median (min–max) over {len(seconds['purenn'])} rounds")
    for name, s in seconds.items():
        print(f"  {name:16s} {spread([n / t for t in s], '6.0f')}")
    rounds = range(len(seconds["purenn"]))
    for kind in ("sparse", "dense", "hand-tuned"):
        # the fastest version, round by round
        versions = [name for name in seconds if name.startswith(kind) or kind == "hand-tuned" and " " in name]
        best = [min(seconds[name][r] for name in versions) for r in rounds]
        ratios = [seconds["purenn"][r] / best[r] for r in rounds]
        print(f"  time purenn / best {kind} step: {spread(ratios, '.2f')}")
    if "naive" in seconds:
        ratios = [seconds["naive"][r] / seconds["purenn"][r] for r in rounds]
        print(f"  purenn is {spread(ratios, '.1f')} times as fast as the naive loops")


def scale(n: int, rounds: int) -> None:
    """Time per example of ``Network.train`` on real digits for hidden sizes 30, 100, 300 and
    batch sizes 1, 10, 100 (sigmoid/softmax), and an epoch of 60,000 digits extrapolated from it."""
    data = real_digits(n)
    print(f"\nscale: one epoch of {n} shipped digits, median (min–max) over {rounds} rounds;"
          " 60,000 = the official training set, extrapolated")
    print("  hidden  batch    µs per example          epoch of 60,000")
    for hidden in (30, 100, 300):
        for batch in (1, 10, 100):
            net = Network.create([784, hidden, 10], output="softmax", seed=1)
            net.train(data, epochs=1, batch_size=batch, eta=ETA, seed=0)  # warm-up
            per_example = []
            for r in range(rounds):
                start = time.perf_counter()
                net.train(data, epochs=1, batch_size=batch, eta=ETA, seed=r)
                per_example.append((time.perf_counter() - start) / n)
            epoch = statistics.median(per_example) * 60000
            print(f"  {hidden:6d} {batch:6d}   {spread([1e6 * t for t in per_example], '5.0f')}"
                  f"   {epoch:6.0f} s ({epoch / 60:.1f} min)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="epochs per contestant (default 7)")
    parser.add_argument("--examples", type=int, default=500, help="examples per epoch (default 500)")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive loops (the slowest)")
    parser.add_argument("--scale", action="store_true",
                        help="instead: time per example for hidden sizes 30/100/300 × batch sizes 1/10/100")
    args = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, purenn's kernel: {KERNEL}")
    if args.scale:
        scale(args.examples, args.rounds)
        return
    print(f"network {'-'.join(map(str, STRUCTURE))}, sigmoid/softmax, cross-entropy, batch {BATCH}, η = {ETA}")
    for title, data in (("real digits", real_digits(args.examples)), ("dense inputs", dense_inputs(args.examples))):
        differences = agreement(data[:100], naive=not args.no_naive)
        print(f"\n{title}: W¹ after one epoch of 100 examples differs from purenn's by at most "
              + ", ".join(f"{d:.0e} ({name})" for name, d in differences.items()))
        report(title, len(data), measure(data, args.rounds, naive=not args.no_naive))


if __name__ == "__main__":
    main()
