"""The exercise file: a whole exercise in a text file that anyone can type in an editor.

One line per quantity, the values written as on the command line of
``purenn backprop`` (``;`` between the rows of a matrix, ``,`` or spaces
between entries), ``#`` starts a comment::

    # 'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel
    W1 = 2,1; 1,2; 0.5,3
    b1 = -1, 0, -0.25
    W2 = 0,1,0; 1,-1,1
    b2 = -1, 0
    act = sigmoid, softmax
    input = 1.3, 0.8
    target = 0, 1
    eta = 0.5
    ask = backprop

``key = value``, ``key: value`` and the command-line form ``--W1 "2,1;1,2"``
are all accepted. German decimal commas are read where they cannot be a list
separator: in a single number (``eta = 0,5``) and in a list whose entries are
separated by spaces or ``;`` (``input = 1,3 0,8`` or ``input = 1,3; 0,8``).

The keys (``KEYS`` lists them with their meaning): ``W<k>``, ``b<k>``,
``act``, ``input``, ``target``, ``loss``, ``eta``, ``notation``, ``ask``
(forward, backprop or minibatch), ``exact`` (yes/no), ``decimals``, ``title``, ``source``.

A mini-batch ('Matrizen in Neuronalen Netzen' §3.7–3.8) is several
``input = …`` lines, one per example in their order, each with its
``target = …`` line; ``inputs`` and ``targets`` keep them all, ``input`` and
``target`` are the first example's.

>>> ex = parse("W1 = 5 2 4\\nb1 = 1\\nact = relu\\ninput = 0,2 0,1 0,25  # Woche 10\\n")
>>> ex.weights[1], ex.input, ex.ask
('5 2 4', '0.2 0.1 0.25', 'forward')
>>> print(write(ex), end="")
W1 = 5 2 4
b1 = 1
act = relu
input = 0.2 0.1 0.25
ask = forward
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

__all__ = ["Exercise", "ExerciseError", "KEYS", "ASKS", "parse", "read", "write", "looks_like_exercise", "german_decimals"]

#: What an exercise can ask for.
ASKS = ("forward", "backprop", "minibatch")

#: The keys of an exercise file and what they mean (W<k>, b<k> for every layer k).
KEYS: Dict[str, str] = {
    "W<k>": "Gewichtsmatrix W^k: Zeilen durch ';' getrennt, Einträge durch ',' oder Leerzeichen",
    "b<k>": "Bias b^k, ein Eintrag je Neuron",
    "act": "Aktivierung je Schicht, durch ',' getrennt (ein Name = alle Schichten)",
    "input": "Eingabe x = a^0 (mehrere Zeilen: ein Mini-Batch, ein Beispiel je Zeile)",
    "target": "Zielwerte y (für Backpropagation; beim Mini-Batch eine Zeile je Beispiel)",
    "loss": "Verlustfunktion (squared_error, half_squared_error, cross_entropy)",
    "eta": "Lernrate η (für den Gradientenschritt)",
    "notation": "Indexschreibweise: parameter, matrizen, ki",
    "ask": "gefragt: forward, backprop oder minibatch",
    "exact": "yes: lineare Schritte exakt in Brüchen",
    "decimals": "Nachkommastellen gerundeter Werte im Rechenweg",
    "title": "Titel der Aufgabe",
    "source": "Quelle, z. B. das Dokument und der Abschnitt",
}

_SIMPLE_KEYS = ("act", "input", "target", "loss", "eta", "notation", "ask", "exact", "decimals", "title", "source")
_PROSE_KEYS = ("act", "loss", "notation", "ask", "exact", "title", "source")
_ALIASES = {"x": "input", "y": "target", "η": "eta", "lr": "eta", "activation": "act", "activations": "act"}
_REPEATABLE_KEYS = ("input", "target")  # one line per example of a mini-batch
_LAYER_KEY = re.compile(r"^([WwBb])(\d+)$")
_LINE = re.compile(r"^\s*(?:--)?([^\s=:\"]+)\s*(?:=|:|\s)\s*(.*?)\s*$")
_NUMBER_WITH_COMMA = re.compile(r"^[+\-−]?\d+,\d+$")


class ExerciseError(ValueError):
    """An exercise file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Exercise:
    """An exercise as written in the file: texts in the command line's syntax, decimal points.

    ``weights[k]`` and ``biases[k]`` are the texts of W^k and b^k; everything
    else is None where the file does not say it. ``ask`` is "backprop" when
    a target is given and nothing else is said, else "forward";
    "minibatch" when several inputs and targets are given.
    ``inputs``/``targets`` hold every example's text when there are several
    (``input``/``target`` are then the first example's), else they are empty.
    """

    weights: Dict[int, str] = field(default_factory=dict)
    biases: Dict[int, str] = field(default_factory=dict)
    act: Optional[str] = None
    input: Optional[str] = None
    target: Optional[str] = None
    loss: Optional[str] = None
    eta: Optional[str] = None
    notation: Optional[str] = None
    ask: str = "forward"
    exact: bool = False
    decimals: Optional[int] = None
    title: Optional[str] = None
    source: Optional[str] = None
    inputs: Tuple[str, ...] = ()
    targets: Tuple[str, ...] = ()

    @property
    def N(self) -> int:
        """The number of examples: the ``input`` lines of a mini-batch, else 1."""
        return max(1, len(self.inputs))

    @property
    def L(self) -> int:
        """The number of layers, from the highest W<k> or b<k>."""
        return max(list(self.weights) + list(self.biases) + [0])

    def with_changes(self, **changes: object) -> "Exercise":
        """A copy with some fields replaced (the command line overriding the file)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def german_decimals(text: str, kind: str = "vector") -> str:
    """``text`` with German decimal commas turned into points, where they cannot separate entries.

    ``kind`` is "number", "vector" or "matrix". A single number may always
    have a decimal comma. In a vector or a matrix a comma is read as a
    decimal comma only if the entries are separated otherwise — by spaces
    (and, in a vector, by ``;``) — and every comma stands between two digits.

    >>> german_decimals("0,5", "number"), german_decimals("1,3 0,8"), german_decimals("1,3; -0,8")
    ('0.5', '1.3 0.8', '1.3; -0.8')
    >>> german_decimals("2 1; 0,5 3", "matrix"), german_decimals("2,1;1,2", "matrix"), german_decimals("1,3")
    ('2 1; 0.5 3', '2,1;1,2', '1,3')
    """
    if "," not in text:
        return text
    if kind == "number":
        return text.replace(",", ".") if _NUMBER_WITH_COMMA.match(text.strip()) else text
    rows = [r.split() for r in text.split(";") if r.strip()]
    tokens = [t for row in rows for t in row]
    if not all("," not in t or _NUMBER_WITH_COMMA.match(t) for t in tokens):
        return text  # a comma that separates entries: the command line's syntax
    spaced = any(len(row) > 1 for row in rows)
    if spaced or (kind == "vector" and len(rows) > 1):
        return re.sub(r"(?<=\d),(?=\d)", ".", text)
    return text


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0]


def parse(text: str, name: str = "exercise") -> Exercise:
    """The exercise in ``text``; ``name`` (the file name) starts every error message."""
    weights: Dict[int, str] = {}
    biases: Dict[int, str] = {}
    simple: Dict[str, str] = {}
    batch: Dict[str, List[str]] = {"input": [], "target": []}
    seen: Dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        where = f"{name}, line {number}"
        match = _LINE.match(line)
        if match is None:
            raise ExerciseError(f"{where}: expected 'key = value', e.g. 'W1 = 2,1; 1,2', got {line!r}")
        key, value = match.group(1), _unquote(match.group(2))
        key = _ALIASES.get(key.lower(), key)
        layer = _LAYER_KEY.match(key)
        canonical = (("W" if layer.group(1) in "Ww" else "b") + layer.group(2)) if layer else key.lower()
        if layer is None and canonical not in _SIMPLE_KEYS:
            known = "W1, b1, …, " + ", ".join(_SIMPLE_KEYS)
            raise ExerciseError(f"{where}: unknown key {key!r}; known: {known}")
        if canonical in seen and canonical not in _REPEATABLE_KEYS:
            raise ExerciseError(f"{where}: {canonical} is given twice (first in line {seen[canonical]})")
        seen[canonical] = number
        if not value:
            raise ExerciseError(f"{where}: {canonical} has no value")
        if layer is not None:
            k = int(layer.group(2))
            if k < 1:
                raise ExerciseError(f"{where}: layers are numbered from 1 (layer 0 is the input)")
            if canonical[0] == "W":
                weights[k] = german_decimals(value, "matrix")
            else:
                biases[k] = german_decimals(value, "vector")
        else:
            kind = "number" if canonical in ("eta", "decimals") else "vector"
            simple[canonical] = value if canonical in _PROSE_KEYS else german_decimals(value, kind)
            if canonical in _REPEATABLE_KEYS:
                batch[canonical].append(simple[canonical])
                simple[canonical] = batch[canonical][0]
    return _build(weights, biases, simple, batch, name)


def _build(weights: Dict[int, str], biases: Dict[int, str], simple: Dict[str, str],
           batch: Dict[str, List[str]], name: str) -> Exercise:
    inputs, targets = batch["input"], batch["target"]
    several = len(inputs) > 1 or len(targets) > 1
    default = ("minibatch" if several else "backprop") if "target" in simple else "forward"
    ask = simple.get("ask", default).strip().lower()
    if ask not in ASKS:
        raise ExerciseError(f"{name}: ask is {ask!r}; it must be one of: {', '.join(ASKS)}")
    if several and targets and len(inputs) != len(targets):
        raise ExerciseError(f"{name}: {len(inputs)} input lines but {len(targets)} target lines; "
                            "a mini-batch needs one target line per input line")
    if several and ask != "minibatch" and not (ask == "forward" and not targets):
        raise ExerciseError(f"{name}: several input or target lines are a mini-batch; write 'ask = minibatch'")
    if ask == "minibatch" and (len(inputs) < 2 or len(targets) != len(inputs)):
        raise ExerciseError(f"{name}: ask = minibatch needs two or more examples, each an 'input = …' "
                            f"and a 'target = …' line; got {len(inputs)} input and {len(targets)} target lines")
    exact_text = simple.get("exact", "no").strip().lower()
    if exact_text not in ("yes", "no", "ja", "nein", "true", "false", "1", "0"):
        raise ExerciseError(f"{name}: exact is {exact_text!r}; write yes or no")
    decimals: Optional[int] = None
    if "decimals" in simple:
        if not simple["decimals"].strip().isdigit():
            raise ExerciseError(f"{name}: decimals is {simple['decimals']!r}; it must be a whole number")
        decimals = int(simple["decimals"])
    return Exercise(
        weights=weights, biases=biases, act=simple.get("act"), input=simple.get("input"),
        target=simple.get("target"), loss=simple.get("loss"), eta=simple.get("eta"),
        notation=simple.get("notation"), ask=ask, exact=exact_text in ("yes", "ja", "true", "1"),
        decimals=decimals, title=simple.get("title"), source=simple.get("source"),
        inputs=tuple(inputs) if several else (), targets=tuple(targets) if several else (),
    )


def read(path: "str | Path") -> Exercise:
    """The exercise in the file at ``path``."""
    p = Path(path)
    if not p.is_file():
        raise ExerciseError(f"exercise file not found: {path}")
    return parse(p.read_text(encoding="utf-8"), p.name)


def looks_like_exercise(path: "str | Path") -> bool:
    """True if ``path`` is a text file that is not a JSON network file (its first character is not '{')."""
    p = Path(path)
    if not p.is_file():
        return False
    head = p.read_text(encoding="utf-8", errors="replace").lstrip()[:1]
    return head != "{"


def write(ex: Exercise) -> str:
    """The exercise as the text of an exercise file (read back by ``parse`` to the same Exercise)."""
    lines: List[str] = []
    if ex.title:
        lines.append(f"title = {ex.title}")
    if ex.source:
        lines.append(f"source = {ex.source}")
    for k in range(1, ex.L + 1):
        if k in ex.weights:
            lines.append(f"W{k} = {ex.weights[k]}")
        if k in ex.biases:
            lines.append(f"b{k} = {ex.biases[k]}")
    if ex.act is not None:
        lines.append(f"act = {ex.act}")
    if ex.inputs:  # a mini-batch: each example's input beside its target
        for k, x in enumerate(ex.inputs):
            lines.append(f"input = {x}")
            if k < len(ex.targets):
                lines.append(f"target = {ex.targets[k]}")
    else:
        lines += [f"{k} = {v}" for k, v in (("input", ex.input), ("target", ex.target)) if v is not None]
    pairs: List[Tuple[str, Optional[str]]] = [("loss", ex.loss), ("eta", ex.eta), ("notation", ex.notation)]
    lines += [f"{k} = {v}" for k, v in pairs if v is not None]
    lines.append(f"ask = {ex.ask}")
    if ex.exact:
        lines.append("exact = yes")
    if ex.decimals is not None:
        lines.append(f"decimals = {ex.decimals}")
    return "\n".join(lines) + "\n"
