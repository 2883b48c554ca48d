"""How fast does purenn train? Examples per second, against a naive loop in the same run.

The network is the MNIST size of 'Künstliche Intelligenz selbst gemacht':
784-30-10, sigmoid hidden layer, softmax output with cross-entropy, mini-batches
of 10. Both contestants do exactly the same training step on the same MNIST
digits (the ones shipped with purenn) — forward pass, backpropagation,
W ← W − η/N · ∂C/∂W — and both are pure Python:

* purenn:  one mini-batch as one matrix, the kernels of ``purenn._engine.kernels``
           (which skip the zeros of a column: most MNIST pixels are 0);
* naive:   the same step, the mini-batch also as one matrix, but each matrix
           operation written as index loops, c_ij = Σ_k a_ik · b_kj, as the
           formulas read entry by entry.

Run:  python examples/benchmark.py [--rounds 7]
It prints examples/s for each and their ratio. Nothing here is a test: the
figures depend on the machine; the ratio is what to compare across interpreters.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from purenn import Network  # noqa: E402
from purenn.io.mnist import load_embedded  # noqa: E402
from purenn._engine.kernels import KERNEL  # noqa: E402

STRUCTURE = [784, 30, 10]
BATCH = 10
ETA = 0.5

Vector = List[float]
Batch = List[Tuple[Vector, Vector]]


def make_data(n: int) -> Batch:
    """The first ``n`` of the MNIST digits shipped with purenn (pixels in [0, 1], one-hot targets)."""
    train, _ = load_embedded()
    return train[:n]


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

Rows = List[List[float]]


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


class NaiveNetwork:
    """The same network as lists of lists, trained by ``epoch`` with index loops."""

    def __init__(self, net: Network) -> None:
        self.W = [net.W(l).tolist() for l in (1, 2)]
        self.b = [net.b(l).tolist() for l in (1, 2)]
        self.rng = random.Random(0)

    def epoch(self, data: Batch) -> None:
        order = list(range(len(data)))
        self.rng.shuffle(order)
        for k in range(0, len(order), BATCH):
            self.step([data[i] for i in order[k : k + BATCH]])

    def step(self, batch: Batch) -> None:
        W, b, N = self.W, self.b, len(batch)
        X = naive_transpose([x for x, _ in batch])
        Y = naive_transpose([y for _, y in batch])
        # forward: Z^l = W^l A^(l−1) + B^l, A^l = σ(Z^l)
        Z1 = naive_matmul(W[0], X)
        Z1 = [[Z1[i][k] + b[0][i][0] for k in range(N)] for i in range(len(Z1))]
        A1 = [[1.0 / (1.0 + math.exp(-Z1[i][k])) for k in range(N)] for i in range(len(Z1))]
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


def same_step(data: Batch) -> float:
    """The largest difference between the weights after one epoch of each contestant."""
    net = Network.create(STRUCTURE, output="softmax", seed=1)
    naive = NaiveNetwork(net)
    purenn_epoch(net)(data)
    naive.epoch(data)
    return max(
        abs(u - v)
        for l in (1, 2)
        for P, Q in ((net.W(l).rows, naive.W[l - 1]), (net.b(l).rows, naive.b[l - 1]))
        for p, q in zip(P, Q)
        for u, v in zip(p, q)
    )


def measure(contestants: List[Callable[[Batch], None]], data: Batch, rounds: int) -> List[float]:
    """Examples per second of each contestant: the median over ``rounds`` epochs.

    The contestants take turns, epoch by epoch, so that a slow moment of the
    machine hits both alike; the median ignores the odd outlier.
    """
    for epoch in contestants:
        epoch(data[: 5 * BATCH])  # warm-up (and the JIT on PyPy)
    rates: List[List[float]] = [[] for _ in contestants]
    for _ in range(rounds):
        for epoch, r in zip(contestants, rates):
            start = time.perf_counter()
            epoch(data)
            r.append(len(data) / (time.perf_counter() - start))
    return [statistics.median(r) for r in rates]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="epochs per contestant (default 7)")
    parser.add_argument("--examples", type=int, default=500, help="MNIST digits per epoch (default 500)")
    args = parser.parse_args()
    data = make_data(args.examples)
    print(f"{platform.python_implementation()} {platform.python_version()}, kernel: {KERNEL}")
    print(f"network {'-'.join(map(str, STRUCTURE))}, sigmoid/softmax, cross-entropy, batch {BATCH}")
    fast_net = Network.create(STRUCTURE, output="softmax", seed=1)
    naive = NaiveNetwork(Network.create(STRUCTURE, output="softmax", seed=1))
    print(f"same step: weights after one epoch differ by at most {same_step(data):.1e}")
    fast, slow = measure([purenn_epoch(fast_net), naive.epoch], data, args.rounds)
    print(f"purenn: {fast:8.1f} examples/s")
    print(f"naive:  {slow:8.1f} examples/s")
    print(f"ratio:  {fast / slow:8.2f}x")


if __name__ == "__main__":
    main()
