"""New exercises from a seed: numbers pleasant by hand, the same seed always the same exercise.

``generate(structure=[2, 3, 2], acts=["sigmoid", "softmax"], ask="backprop", seed=17)``
draws W^l, b^l and x as short decimals and keeps the first draw whose
Rechenweg is pleasant: no |z| above ``MAX_Z`` (σ(z) would be 0 or 1 to four
decimals), no ReLU logit exactly 0 or a layer of dead ReLUs, and — for
backpropagation — no |δ| below ``MIN_DELTA`` (a vanishing gradient teaches
nothing). The draw uses ``random.Random(seed)``, whose sequence is the same
on every Python version and on PyPy, so a teacher can give each student
their own seed.

``ask="minibatch"`` draws ``batch`` examples (input and target each) for
the same network ('Matrizen in Neuronalen Netzen' §3.7–3.8), and every one
of them must be pleasant on its own.

>>> ex = generate([2, 2, 1], ["relu", "sigmoid"], "backprop", seed=3)
>>> ex == generate([2, 2, 1], ["relu", "sigmoid"], "backprop", seed=3), ex.ask, ex.target in ("0", "1")
(True, 'backprop', True)
>>> generate([2, 2, 1], ["relu", "sigmoid"], "minibatch", seed=3, batch=3).N
3
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Dict, List, Optional, Sequence, Tuple

from purenn.exercises.exercise_file import ASKS, Exercise
from purenn.exercises.setup import Setup
from purenn.rechenweg.display import decimal_text

__all__ = ["DIFFICULTIES", "MAX_Z", "MIN_DELTA", "generate"]

#: difficulty → (step of the numbers, largest weight, largest input)
DIFFICULTIES: Dict[str, Tuple[Fraction, int, int]] = {
    "easy": (Fraction(1, 2), 2, 2),
    "medium": (Fraction(1, 10), 2, 2),
    "hard": (Fraction(1, 100), 2, 2),
}
#: No logit larger than this in magnitude.
MAX_Z = 3
#: No error δ smaller than this in magnitude.
MIN_DELTA = 0.001
_TRIES = 2000


def _number(rng: random.Random, step: Fraction, limit: int) -> Fraction:
    n = int(limit / step)
    return rng.randint(-n, n) * step


def _text(q: Fraction) -> str:
    return ("-" if q < 0 else "") + decimal_text(q)


def _row(values: Sequence[Fraction]) -> str:
    return ", ".join(_text(v) for v in values)


def _draw(rng: random.Random, sizes: Sequence[int], step: Fraction, w_max: int, x_max: int) -> Exercise:
    weights: Dict[int, str] = {}
    biases: Dict[int, str] = {}
    for l in range(1, len(sizes)):
        weights[l] = "; ".join(_row([_number(rng, step, w_max) for _ in range(sizes[l - 1])]) for _ in range(sizes[l]))
        biases[l] = _row([_number(rng, step, 1) for _ in range(sizes[l])])
    x = _row([_number(rng, step, x_max) for _ in range(sizes[0])])
    return Exercise(weights=weights, biases=biases, input=x)


def _target(rng: random.Random, output: str, n: int, step: Fraction) -> str:
    if output == "softmax":
        k = rng.randrange(n)
        return ", ".join("1" if j == k else "0" for j in range(n))
    if output in ("sigmoid", "tanh"):
        return ", ".join(rng.choice(["0", "1"]) for _ in range(n))
    return _row([abs(_number(rng, step, 2)) for _ in range(n)])


def _examples(ex: Exercise) -> List[Exercise]:
    """A mini-batch as one single-example exercise per example (a single exercise as itself)."""
    if not ex.inputs:
        return [ex]
    return [ex.with_changes(ask="backprop", input=x, target=y, inputs=(), targets=())
            for x, y in zip(ex.inputs, ex.targets)]


def _pleasant(ex: Exercise) -> bool:
    return all(_pleasant_example(one) for one in _examples(ex))


def _pleasant_example(ex: Exercise) -> bool:
    t = Setup.from_exercise(ex).trace()
    for layer in t.layers:
        z = [float(v) for v in layer.z.flat()]
        if any(abs(v) > MAX_Z for v in z):
            return False
        if layer.activation == "relu" and (any(v == 0 for v in z) or all(v < 0 for v in z)):
            return False
    if t.loss is not None:
        for back in t.backward:
            if any(abs(float(d)) < MIN_DELTA for d in back.delta.flat()):
                return False
    return True


def generate(structure: Sequence[int], acts: Sequence[str], ask: str = "backprop", seed: int = 1,
             loss: Optional[str] = None, notation: Optional[str] = None, difficulty: str = "easy",
             eta: Optional[str] = None, batch: int = 2) -> Exercise:
    """A new exercise of this shape; the same arguments always give the same exercise.

    ``batch`` is the number of examples of a mini-batch exercise (``ask="minibatch"``).
    """
    sizes = list(structure)
    if len(sizes) < 2 or any(n < 1 for n in sizes):
        raise ValueError(f"--structure needs at least two layer sizes of at least 1, e.g. 2-3-2; got {sizes}")
    names: List[str] = list(acts) if len(acts) != 1 else list(acts) * (len(sizes) - 1)
    if len(names) != len(sizes) - 1:
        raise ValueError(f"--act names {len(acts)} activations for {len(sizes) - 1} layers: one per layer, or one")
    if ask not in ASKS:
        raise ValueError(f"--ask must be one of: {', '.join(ASKS)}; got {ask!r}")
    if ask == "minibatch" and not 2 <= batch <= 10:
        raise ValueError(f"batch is the number of examples of the mini-batch, 2 to 10; got {batch}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"--difficulty must be one of: {', '.join(DIFFICULTIES)}; got {difficulty!r}")
    step, w_max, x_max = DIFFICULTIES[difficulty]
    rng = random.Random(seed)
    for _ in range(_TRIES):
        ex = _draw(rng, sizes, step, w_max, x_max).with_changes(
            act=", ".join(names), ask=ask, notation=notation, loss=loss,
            title=f"Aufgabe {seed}", source=f"purenn aufgabe --seed {seed}",
        )
        if ask == "backprop":
            ex = ex.with_changes(target=_target(rng, names[-1], sizes[-1], step),
                                 eta=eta or ("0.5" if difficulty == "easy" else "0.1"))
        elif ask == "minibatch":
            assert ex.input is not None
            inputs = [ex.input] + [_row([_number(rng, step, x_max) for _ in range(sizes[0])])
                                   for _ in range(batch - 1)]
            targets = [_target(rng, names[-1], sizes[-1], step) for _ in range(batch)]
            ex = ex.with_changes(input=inputs[0], target=targets[0], inputs=tuple(inputs), targets=tuple(targets),
                                 eta=eta or ("0.5" if difficulty == "easy" else "0.1"))
        if _pleasant(ex):
            return ex
    raise ValueError(
        f"no pleasant exercise found for {'-'.join(map(str, sizes))} with {', '.join(names)} in {_TRIES} draws; "
        "try another seed, fewer neurons or --difficulty medium"
    )
