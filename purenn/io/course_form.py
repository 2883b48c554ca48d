"""The course code's form of a network: a bias neuron per layer and the bias as column 0 of W.

'Künstliche Intelligenz selbst gemacht' builds its ``NeuralNetwork`` class
with a trick (slide "Neuronen und Gewichte", Trick; slide "Bias"): every layer
except the output layer gets an extra *bias neuron* with the fixed activation
1 and no incoming weights. Its outgoing weights are the biases, so the
weighted sum needs no separate ``+ b`` term::

    z_j^(l) = Σ_k w_jk^(l) a_k^(l−1)      with a_0^(l−1) = 1 (the bias neuron)

In the code ("Neuronenlayer initialisieren", "Gewichte initialisieren") the
bias neuron is entry 0 of each activation vector, so each weight matrix
``weights[l]`` has n^l rows and n^(l−1) + 1 columns, the bias in column 0;
``weights[0]`` is an empty placeholder ``[]`` so that ``weights[l]`` leads
into layer l. purenn keeps W^l and b^l apart (``net.W(l)``, ``net.b(l)``).
The two forms map entry for entry:

==========================  ===========================
course code                 purenn
==========================  ===========================
w^(l)_(j,0)  (bias neuron)  ``net.b(l)[j, 0]``  = b^l_j
w^(l)_(j,k), k ≥ 1          ``net.W(l)[j, k − 1]``
``weights[l]`` (n × m+1)    ``[b(l) | W(l)]``
``weights[0] == []``        — (layer 0 has no weights)
==========================  ===========================

    >>> from purenn import Layer, Matrix, Network
    >>> net = Network([Layer(Matrix([[0.5, -1.0]]), Matrix.column([2.0]), "identity")])
    >>> to_course_weights(net)
    [[], Matrix([[2.0, 0.5, -1.0]])]
    >>> course_layers(to_course_weights(net), output="identity")[0].b
    Matrix([[2.0]])

The course saves these matrices with ``numpy.savez(filename, *self.weights)``
and rebuilds the structure from their shapes ("Speichern und Laden
trainierter Gewichte"); ``save_npz`` and ``read_npz_layers`` (behind
``Network.save_npz`` and ``Network.load_npz``) write and read exactly
those files, through ``purenn.io.npy``. The files hold no activation functions:
the course code takes them from its constructor, whose defaults are sigmoid
for the hidden layers and ReLU for the output layer ("Erweiterung des
Konstruktors um Aktivierungsfunktionen"); they are the defaults here too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, List, Sequence, Union

from purenn.activations import Activation
from purenn.activations import get as get_activation
from purenn import validation
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.io.npy import NpyArray, read_npz, write_npz
from purenn.scalars import Scalar, describe, is_number

if TYPE_CHECKING:  # only for annotations: the Network methods call this module
    from purenn.network import Network

__all__ = [
    "CourseWeights",
    "HIDDEN_DEFAULT",
    "OUTPUT_DEFAULT",
    "to_course_weights",
    "course_layers",
    "course_structure",
    "course_predict",
    "read_npz_layers",
    "save_npz",
]

#: ``[[], weights[1], …, weights[L]]``: the placeholder, then one bias-column matrix per layer.
CourseWeights = List[Union[Matrix, List[Any]]]
#: The course constructor's defaults: ``hidden_activation_func=sigmoid``, ``output_activation_func=relu``.
HIDDEN_DEFAULT = "sigmoid"
OUTPUT_DEFAULT = "relu"

ActivationLike = Union[str, Activation]
Namer = Callable[[int], str]


# -- purenn ↔ course weights -----------------------------------------------------


def to_course_weights(net: Network) -> CourseWeights:
    """The course's ``self.weights`` for ``net``: ``[[], [b(1) | W(1)], …, [b(L) | W(L)]]``.

    'Künstliche Intelligenz selbst gemacht', Gewichte initialisieren: index 0
    is the empty placeholder, ``weights[l]`` has one row per neuron of layer l
    and one column per neuron of layer l−1 plus the bias neuron in column 0.
    """
    weights: CourseWeights = [[]]  # weights[0]: "Er wird später ignoriert."
    for l in range(1, net.L + 1):
        weights.append(_with_bias_column(net.W(l), net.b(l)))
    return weights


def course_layers(
    weights: Sequence[Any],
    *,
    hidden: ActivationLike = HIDDEN_DEFAULT,
    output: ActivationLike = OUTPUT_DEFAULT,
) -> List[Layer]:
    """The layers whose ``to_course_weights`` is ``weights`` (``Network.from_course_weights``).

    ``weights[l]`` may be a Matrix, nested lists or an NpyArray; ``hidden`` is
    σ for layers 1..L−1 and ``output`` σ for layer L (the course code has one
    of each). Column 0 of ``weights[l]`` becomes b^l, the rest W^l.
    """
    matrices = _course_matrices(weights, lambda l: f"weights[{l}]")
    return _layers(matrices, get_activation(hidden), get_activation(output))


def course_structure(weights: Sequence[Any]) -> List[int]:
    """[n^0, …, n^L] from the shapes, as the course's ``load_from_file`` reads it.

    Per layer the columns minus the bias neuron, then the rows of the last
    matrix for the output layer ('Künstliche Intelligenz selbst gemacht',
    Speichern und Laden trainierter Gewichte).

    >>> course_structure([[], [[0.1, 1, 2], [0.2, 3, 4], [0.3, 5, 6]], [[0.0, 1, 1, 1]]])
    [2, 3, 1]
    """
    weights_: List[Any] = [[]] + _course_matrices(weights, lambda l: f"weights[{l}]")
    structure: List[int] = []
    for l in range(1, len(weights_)):
        structure.append(weights_[l].shape[1] - 1)  # minus the bias neuron
    structure.append(weights_[-1].shape[0])
    return structure


def _with_bias_column(W: Matrix, b: Matrix) -> Matrix:
    """[b | W]: w_(j,0) = b_j, w_(j,k) = W[j, k−1] for k ≥ 1."""
    return Matrix([[b_row[0]] + list(W_row) for W_row, b_row in zip(W.rows, b.rows)])


def _layers(matrices: List[Matrix], hidden: Activation, output: Activation) -> List[Layer]:
    L = len(matrices)
    layers = []
    for l in range(1, L + 1):
        rows = matrices[l - 1].rows
        W = Matrix([row[1:] for row in rows])  # w_(j,k) for k ≥ 1 → W[j, k−1]
        b = Matrix.column([row[0] for row in rows])  # w_(j,0) → b_j
        layers.append(Layer(W, b, output if l == L else hidden))
    return layers


# -- checking the course's weight list ----------------------------------------------


def _course_matrices(weights: Sequence[Any], name: Namer) -> List[Matrix]:
    """weights[1..L] as matrices, after checking the placeholder and that the shapes chain."""
    if isinstance(weights, (str, bytes, Matrix)) or not isinstance(weights, Sequence):
        raise TypeError(
            f"the course weights are a list [[], weights[1], …], got {describe(weights)}"
        )
    if len(weights) < 2:
        raise ValueError(
            f"the course weights need the placeholder {name(0)} and at least one weight matrix "
            f"{name(1)}; got {len(weights)} entries"
        )
    _check_placeholder(weights[0], name(0))
    matrices = [_as_matrix(weights[l], name(l)) for l in range(1, len(weights))]
    for l in range(2, len(weights)):
        _check_chain(matrices[l - 2], matrices[l - 1], l, name)
    return matrices


def _check_placeholder(value: Any, where: str) -> None:
    empty = (isinstance(value, (list, tuple)) and not value) or (
        isinstance(value, NpyArray) and value.size == 0
    )
    if not empty:
        found = f"an array of shape {value.shape}" if isinstance(value, (NpyArray, Matrix)) else describe(value)
        raise ValueError(
            f"{where} must be the empty placeholder [] of the course code (no weights lead into "
            f"the input layer), found {found}"
        )


def _as_matrix(value: Any, where: str) -> Matrix:
    """A 2-d matrix with at least the bias column and one weight column."""
    matrix = value if isinstance(value, Matrix) else _matrix_from_array(value, where)
    if matrix.n_cols < 2:
        raise ValueError(
            f"{where} has {matrix.n_cols} column; it needs the bias column and at least one "
            f"column per neuron of the layer before, so at least 2"
        )
    return matrix


def _matrix_from_array(value: Any, where: str) -> Matrix:
    array = value if isinstance(value, NpyArray) else NpyArray.from_nested(value, dtype="<f8")
    if array.ndim != 2 or 0 in array.shape:
        raise ValueError(
            f"{where} must be a 2-d weight matrix (one row per neuron, one column per neuron "
            f"of the layer before plus the bias), found shape {array.shape}"
        )
    matrix = Matrix(_floats(array.tolist()))
    validation.finite_matrix(matrix, where)
    return matrix


def _floats(rows: List[List[Any]]) -> List[List[Scalar]]:
    return [[float(v) for v in row] for row in rows]


def _check_chain(before: Matrix, this: Matrix, l: int, name: Namer) -> None:
    if this.n_cols != before.n_rows + 1:
        raise ValueError(
            f"{name(l)} has {this.n_cols} columns, but {name(l - 1)} has {before.n_rows} rows: "
            f"{name(l)} needs one column per neuron of layer {l - 1} plus one for the bias neuron "
            f"({before.n_rows} + 1 = {before.n_rows + 1})"
        )


# -- the course code's forward pass ------------------------------------------------


def course_predict(
    weights: Sequence[Any],
    X: Any,
    hidden: ActivationLike = HIDDEN_DEFAULT,
    output: ActivationLike = OUTPUT_DEFAULT,
) -> Matrix:
    """The course's ``predict(X)``, line by line, on its weights with bias columns.

    'Künstliche Intelligenz selbst gemacht', Neuronenlayer initialisieren and
    Prediction mit Feedforward-Algorithmus erzeugen: the activations start as
    ones (entry 0 is the bias neuron and stays 1), the inputs go into entries
    1.., and each layer computes ``z = weights[l] · a^(l−1)`` — the bias
    neuron's 1 times column 0 adds the bias. Hidden layers write σ(z) into
    entries 1.. of their activations, the output layer has no bias neuron.
    ``X`` is one example: a list of numbers, or a column (n×1 Matrix or
    ``[[x0], [x1], …]``). Returns a^L as a column.

    >>> course_predict([[], [[1.0, 2.0, -1.0]]], [3.0, 0.5], output="identity")
    Matrix([[6.5]])
    """
    W: List[Any] = [[]] + _course_matrices(weights, lambda l: f"weights[{l}]")
    structure = course_structure(weights)
    hidden_activation_func, output_activation_func = get_activation(hidden), get_activation(output)
    # the course's X is a numpy column; here any one-example form
    X = validation.vector(X, structure[0], "input", f"the network has {structure[0]} inputs", "Input-Werten")

    # __init_layers: numpy.ones((n_activations, 1)), one more entry in every layer but the output
    activations: List[List[Scalar]] = []
    for l in range(len(structure)):
        is_output_layer = l == len(structure) - 1
        n_activations = structure[l] if is_output_layer else structure[l] + 1
        activations.append([1] * n_activations)  # int 1: exact entries stay exact

    # predict(X)
    activations[0][1:] = X
    for l in range(1, len(activations)):
        weighted_sums_l = W[l] @ Matrix.column(activations[l - 1])
        if l == len(activations) - 1:
            activations[l] = output_activation_func(weighted_sums_l).flat()
        else:
            activations[l][1:] = hidden_activation_func(weighted_sums_l).flat()
    return Matrix.column(activations[-1])


# -- the course's save_to_file / load_from_file ------------------------------------------


def read_npz_layers(
    path: Union[str, "os.PathLike[str]"],
    *,
    hidden: ActivationLike = HIDDEN_DEFAULT,
    output: ActivationLike = OUTPUT_DEFAULT,
) -> List[Layer]:
    """The layers of a file written by the course's ``save_to_file`` (``Network.load_npz``).

    The file is ``numpy.savez(filename, *self.weights)``: ``arr_0`` the empty
    placeholder, ``arr_l`` the bias-column matrix of layer l ('Künstliche
    Intelligenz selbst gemacht', Speichern und Laden trainierter Gewichte).
    The activations are not in the file; give the ones the net was trained with.
    """
    arrays = read_npz(path)
    keys = [f"arr_{k}" for k in range(len(arrays))]
    if "arr_0" not in arrays or set(arrays) != set(keys):
        raise ValueError(
            f"{path}: expected the arrays arr_0 (the placeholder), arr_1, … as "
            f"numpy.savez(filename, *self.weights) names them; found {', '.join(arrays) or 'none'}"
        )
    matrices = _course_matrices([arrays[k] for k in keys], lambda l: f"{path}: arr_{l}")
    return _layers(matrices, get_activation(hidden), get_activation(output))


def save_npz(net: Network, path: Union[str, "os.PathLike[str]"]) -> Path:
    """Write ``net`` as the course's ``save_to_file`` does: arr_0 = [] (float64, shape (0,)), arr_l = [b(l) | W(l)].

    Entries are written as float64, as the course's NumPy weights are; the
    write is atomic.
    """
    placeholder = NpyArray((0,), "<f8", [])  # what numpy.savez makes of weights[0] == []
    matrices = to_course_weights(net)[1:]
    return write_npz(path, [placeholder] + [NpyArray.from_nested(m, dtype="<f8") for m in matrices])
