"""Initial weights: random numbers from a seeded ``random.Random``.

Each scheme draws W^l and b^l from the same distribution — the course treats
the bias as the weight of a bias neuron and initialises it like every other
weight ('Künstliche Intelligenz selbst gemacht', Bias and Gewichte
initialisieren). m is the number of neurons in layer l−1 (fan-in), n the
number in layer l.
"""

from __future__ import annotations

import math
import random
from typing import Callable, Dict, List

from purenn.matrix import Matrix

__all__ = ["he", "xavier", "uniform", "get", "NAMES"]

Sampler = Callable[[random.Random, int, int], float]


def he(rng: random.Random, m: int, n: int) -> float:
    """W ~ N(0, √(2/m)) after He et al. ('Künstliche Intelligenz selbst gemacht',
    Gewichte initialisieren), best for ReLU. The course code uses m + 1 (it
    counts the bias neuron); purenn uses the fan-in m, as the slide's formula says.

    Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [he_init]
    """
    return rng.gauss(0.0, math.sqrt(2.0 / m))


def xavier(rng: random.Random, m: int, n: int) -> float:
    """W ~ U(−√(6/(m+n)), √(6/(m+n))) after Glorot and Bengio, suited to sigmoid and tanh."""
    limit = math.sqrt(6.0 / (m + n))
    return rng.uniform(-limit, limit)


def uniform(rng: random.Random, m: int, n: int) -> float:
    """W ~ U(−1, 1), the simplest choice."""
    return rng.uniform(-1.0, 1.0)


_BY_NAME: Dict[str, Sampler] = {"he": he, "xavier": xavier, "uniform": uniform}
NAMES = tuple(_BY_NAME)


def get(name: str) -> Sampler:
    if name not in _BY_NAME:
        raise ValueError(f"unknown initialisation {name!r}; known: {', '.join(NAMES)}")
    return _BY_NAME[name]


def draw(sampler: Sampler, rng: random.Random, m: int, n: int) -> "tuple[Matrix, Matrix]":
    """W^l (n×m) and b^l (n×1), row by row, in a fixed order so a seed reproduces them."""
    W: List[List[float]] = [[sampler(rng, m, n) for _ in range(m)] for _ in range(n)]
    b: List[List[float]] = [[sampler(rng, m, n)] for _ in range(n)]
    return Matrix._trusted(W), Matrix._trusted(b)
