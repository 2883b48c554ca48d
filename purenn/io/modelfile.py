"""The JSON file format of a saved network.

A file written by ``net.save(path)`` looks like this (numbers as Python's
``repr`` writes them, so floats come back bit for bit)::

    {
      "format": "purenn-network",
      "version": 1,
      "structure": [2, 3, 2],
      "layers": [
        {"l": 1, "activation": "sigmoid", "W": [[2, 1], [1, 2], [0.5, 3]], "b": [-1, 0, -0.25]},
        {"l": 2, "activation": "softmax", "W": [[0, 1, 0], [1, -1, 1]], "b": [-1, 0]}
      ]
    }

``layers[k]`` is layer l = k + 1; ``W`` lists the rows of W^l (row i = neuron
i of layer l), ``b`` the entries of b^l. Fractions are written as floats.
The course code saves only its weight matrices (``numpy.savez``); that form is
read and written by ``purenn.io.course_form``.

Saving is atomic (temporary file, then rename); loading checks everything
and says what is wrong in a ``ValueError``.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List

from purenn import activations, validation
from purenn.io.atomic import atomic_write_text
from purenn.layer import Layer, check_chain
from purenn.matrix import Matrix
from purenn.scalars import Scalar, is_number

if TYPE_CHECKING:  # only for annotations: Network.save and Network.load call this module
    from purenn.network import Network

__all__ = ["save", "read_layers", "to_dict", "layers_from_dict", "FORMAT", "VERSION", "MAX_FILE_BYTES"]

FORMAT = "purenn-network"
VERSION = 1
#: The largest network file read (a 784-1000-1000-10 network is about 40 MB of JSON).
MAX_FILE_BYTES = 256 * 2**20


def _plain(v: Scalar) -> "int | float":
    return float(v) if isinstance(v, Fraction) else v


def to_dict(net: Network) -> Dict[str, Any]:
    """The network as the JSON object described above."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "structure": net.structure,
        "layers": [
            {
                "l": l,
                "activation": net.activation(l).name,
                "W": [[_plain(v) for v in row] for row in net.W(l).rows],
                "b": [_plain(row[0]) for row in net.b(l).rows],
            }
            for l in range(1, net.L + 1)
        ],
    }


def save(net: Network, path: "str | Path") -> Path:
    """Write ``net`` to ``path`` as JSON; a crash never leaves half a file."""
    for l in range(1, net.L + 1):
        for M, name in ((net.W(l), f"W^{l}"), (net.b(l), f"b^{l}")):
            try:
                validation.finite_matrix(M, name)
            except ValueError as e:
                raise ValueError(f"cannot save: layer {l} has NaN or infinite parameters ({e})") from None
    text = json.dumps(to_dict(net), indent=1)
    return atomic_write_text(path, text + "\n")


def read_layers(path: "str | Path") -> List[Layer]:
    """The layers of a network written by ``save`` (``Network.load`` builds the network)."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{p} is {size} bytes; a purenn network file may be at most {MAX_FILE_BYTES} bytes")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{p} is not a purenn network file: it is not UTF-8 text ({e})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(
            f"{p} is not a valid purenn network file: JSON error at line {e.lineno}, "
            f"column {e.colno}: {e.msg} (is the file truncated?)"
        ) from None
    except RecursionError:
        raise ValueError(f"{p} is not a purenn network file: its JSON is nested far too deeply") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts (3.11+)
        raise ValueError(f"{p} is not a valid purenn network file: {e}") from None
    try:
        return layers_from_dict(document)
    except (ValueError, TypeError) as e:
        raise ValueError(f"{p}: {e}") from None


def layers_from_dict(document: Any) -> List[Layer]:
    """The layers described by a JSON object as written by ``to_dict``, checked to fit together."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a purenn network: expected "format": "{FORMAT}"')
    if document.get("version") != VERSION:
        raise ValueError(
            f"unsupported format version {document.get('version')!r}; this purenn reads version {VERSION}"
        )
    layers_data = document.get("layers")
    if not isinstance(layers_data, list) or not layers_data:
        raise ValueError('"layers" must be a non-empty list')
    layers: List[Layer] = []
    for k, entry in enumerate(layers_data):
        l = k + 1
        if not isinstance(entry, dict):
            raise ValueError(f"layer {l}: expected an object with W, b and activation")
        for key in ("W", "b", "activation"):
            if key not in entry:
                raise ValueError(f"layer {l}: \"{key}\" is missing")
        W = _matrix(entry["W"], f"layer {l}: W")
        b_values = entry["b"]
        if not isinstance(b_values, list) or not all(is_number(v) for v in b_values):
            raise ValueError(f"layer {l}: b must be a list of numbers")
        if len(b_values) != W.n_rows:
            raise ValueError(
                f"layer {l}: W has {W.n_rows} rows but b has {len(b_values)} entries (one per neuron)"
            )
        validation.finite_matrix(Matrix.column(b_values), f"layer {l}: b")
        layers.append(Layer(W, Matrix.column(b_values), activations.get(entry["activation"])))
    check_chain(layers)
    structure = document.get("structure")
    from_weights = [layers[0].n_inputs] + [layer.n_neurons for layer in layers]
    if structure is not None and structure != from_weights:
        raise ValueError(
            f"\"structure\" says {structure}, but the weight matrices give {from_weights}"
        )
    return layers


def _matrix(rows: Any, what: str) -> Matrix:
    if not isinstance(rows, list):
        raise ValueError(f"{what} must be a list of rows")
    try:
        M = Matrix(rows)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{what}: {e}") from None
    validation.finite_matrix(M, what)
    return M
