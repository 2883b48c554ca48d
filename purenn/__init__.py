"""purenn — neural networks in pure Python, formula for formula as in the course.

    >>> from purenn import Network
    >>> net = Network.create([3, 4, 2], hidden="relu", output="softmax", seed=1)
    >>> net.structure, net.n_params
    ([3, 4, 2], 26)

The pieces, one idea per module:

* ``matrix``      — Matrix: @, .T, ⊙ (hadamard), +, −, scalar ·
* ``activations`` — σ and σ': sigmoid, relu, leaky_relu, tanh, identity, softmax
* ``losses``      — squared_error, half_squared_error, cross_entropy
* ``layer``       — Layer: W^l, b^l, σ^l
* ``network``     — Network: forward, backward (δ), step (η)
* ``training``    — mini-batch SGD over (input, target) pairs
* ``modelfile``   — save and load as JSON
"""

from purenn import activations, losses
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.records import ForwardPass, Gradients
from purenn.training import EpochResult, History, TrainingDiverged

__all__ = [
    "Matrix",
    "Layer",
    "Network",
    "ForwardPass",
    "Gradients",
    "History",
    "EpochResult",
    "TrainingDiverged",
    "activations",
    "losses",
]

__version__ = "0.1.0"
