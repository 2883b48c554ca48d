"""The four index conventions of the course documents, for writing a Rechenweg.

purenn stores W^l with row i = neuron i of layer l and column j = neuron j of
layer l−1, both counted from 0 (``W[i, j]``). The documents write that one
number in four different ways:

``"parameter"`` — 'Parameter in neuronalen Netzen', 'Training von neuronalen Netzen'
    w^k_ij is the weight from input j to neuron i of layer k, counted from 1:
    storage W[i, j] is w^k_{i+1, j+1}; the inputs of layer 1 are x_1 … x_m.

``"matrizen"`` — 'Matrizen in Neuronalen Netzen'
    w^l_{j,i} is the weight from neuron j of layer l−1 to neuron i of layer l,
    counted from 0: storage W[i, j] is w^l_{j,i} (the indices swap places).

``"ki"`` (also ``"course"``) — 'Künstliche Intelligenz selbst gemacht'
    w^(l)_jk is the weight from neuron k of layer l−1 to neuron j of layer l,
    counted from 0 — with the bias as an extra neuron 0 of activation 1 in
    every layer but the output layer. So the bias b_j is the weight
    w^(l)_{j,0}, and a neuron of layer l−1 with storage index j is neuron j+1:
    storage W[i, j] is w^(l)_{i, j+1}. The course code keeps z without the
    bias neuron (``weighted_sums[l][j]``) and a with it (``activations[l][j+1]``),
    so its hidden layers compute a^(l)_{j+1} = σ(z^(l)_j): ``index_shift`` says so.

``"woche10"`` — 'Woche 10 Theorie: Neuronale Netzwerke & die Mathe'
    one neuron at a time: w_ij is the weight from input i to neuron j, counted
    from 1, the inputs are x_i and the neuron's value is y_j:
    y_2 = ReLU(w_12·x_1 + w_22·x_2 + w_32·x_3 + b). Storage W[i, j] is
    w_{j+1, i+1}; a network of one layer is written without layer numbers
    (``for_network``), and the targets, which the script does not have, are t_j.

The same number, four names:

>>> [get(k).weight(1, 0, 1).text() for k in ("parameter", "matrizen", "ki")]
['w¹₁₂', 'w¹₁,₀', 'w⁽¹⁾₀,₂']
>>> get("woche10").for_network(1).weight(1, 0, 1).text()
'w₂₁'
>>> [get(k).bias(1, 0).text() for k in ("parameter", "matrizen", "ki")]
['b¹₁', 'b¹₀', 'w⁽¹⁾₀,₀']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Dict, List, Tuple

from purenn.course.documents import KI, MATRIZEN, PARAMETER, WOCHE10

__all__ = ["Sym", "Notation", "NOTATIONS", "NAMES", "DEFAULT", "get"]

_SUPERSCRIPT = str.maketrans("0123456789+-−()=lLTijk", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁽⁾⁼ˡᴸᵀⁱʲᵏ")
_SUBSCRIPT = str.maketrans("0123456789+-−()=ijkm", "₀₁₂₃₄₅₆₇₈₉₊₋₋₍₎₌ᵢⱼₖₘ")
_LATEX_BASE = {"δ": r"\delta", "σ": r"\sigma", "η": r"\eta", "Σ": r"\Sigma", "∂": r"\partial"}


def _script(text: str, table: Dict[int, int], marker: str) -> str:
    """text in Unicode super- or subscript letters, or ``^(text)`` / ``_(text)`` if one is missing."""
    mapped = text.translate(table)
    if all(ord(c) in table.values() or c == "," for c in mapped):
        return mapped
    return f"{marker}({text})" if len(text) > 1 else f"{marker}{text}"


@dataclass(frozen=True)
class Sym:
    """A symbol with a superscript (the layer) and subscripts (the neuron indices).

    >>> s = Sym("w", "1", ("1", "12"))
    >>> s.text(), s.latex()
    ('w¹₁,₁₂', 'w^{1}_{1,12}')
    >>> Sym("w", "1", ("1", "2"), comma=False).latex()
    'w^{1}_{12}'
    """

    base: str
    sup: str = ""
    sub: Tuple[str, ...] = ()
    comma: bool = True

    def _joined_sub(self) -> str:
        # "w_11" reads fine; "w_112" would not say whether it is 1,12 or 11,2.
        if self.comma or any(len(s) > 1 for s in self.sub):
            return ",".join(self.sub)
        return "".join(self.sub)

    def text(self) -> str:
        """Plain text with Unicode super- and subscripts: w¹₁₂."""
        out = self.base
        if self.sup:
            out += _script(self.sup, _SUPERSCRIPT, "^")
        if self.sub:
            out += _script(self._joined_sub(), _SUBSCRIPT, "_")
        return out

    def latex(self) -> str:
        """LaTeX: w^{1}_{12}."""
        out = _LATEX_BASE.get(self.base, self.base)
        if self.sup:
            out += "^{" + self.sup + "}"
        if self.sub:
            out += "_{" + self._joined_sub() + "}"
        return out


@dataclass(frozen=True)
class Notation:
    """One document's way of writing layers, neurons and weights.

    All methods take purenn's storage indices: layer l = 1..L (0 = input),
    neuron i of layer l and neuron j of layer l−1 counted from 0.
    ``L`` (the output layer) matters only for ``"ki"``, where every layer but
    the output layer has a bias neuron 0.
    """

    key: str
    document: str
    first: int
    layer_parens: bool
    weight_to_from: bool
    bias_neuron: bool
    loss_symbol: str
    input_x: bool
    comma: bool
    output_y: bool = False
    layer_numbers: bool = True
    target: str = "y"

    def for_network(self, L: int) -> "Notation":
        """This notation for a network of L layers: 'woche10' drops the layer numbers of a single layer.

        >>> get("woche10").for_network(1).a(1, 1, 1).text(), get("woche10").for_network(2).a(1, 1, 2).text()
        ('y₂', 'y¹₂')
        """
        return replace(self, layer_numbers=False) if self.key == "woche10" and L == 1 else self

    # -- indices ------------------------------------------------------------

    def layer(self, l: "int | str") -> str:
        """The layer superscript: 1, or (1) in the 'ki' convention, or none (one layer in 'woche10')."""
        if not self.layer_numbers:
            return ""
        return f"({l})" if self.layer_parens else str(l)

    def index(self, k: int) -> str:
        """A neuron index as the document counts it (from 0 or from 1)."""
        return str(k + self.first)

    def neuron(self, l: int, j: int, L: int) -> str:
        """The index of activation j of layer l: shifted by the bias neuron in 'ki' (l < L)."""
        shift = 1 if self.bias_neuron and l < L else 0
        return self.index(j + shift)

    # -- symbols ------------------------------------------------------------

    def weight(self, l: int, i: int, j: int) -> Sym:
        """The weight W^l[i, j] from neuron j of layer l−1 to neuron i of layer l."""
        if self.bias_neuron:
            pair = (self.index(i), self.index(j + 1))
        elif self.weight_to_from:
            pair = (self.index(i), self.index(j))
        else:
            pair = (self.index(j), self.index(i))
        return Sym("w", self.layer(l), pair, self.comma)

    def bias(self, l: int, i: int) -> Sym:
        """b^l_i — or, with a bias neuron, the weight w^(l)_{i,0} from it."""
        if self.bias_neuron:
            return Sym("w", self.layer(l), (self.index(i), self.index(0)), self.comma)
        return Sym("b", self.layer(l), (self.index(i),), self.comma)

    def one(self, l: int) -> Sym:
        """The bias neuron's activation a^(l)_0 = 1 ('ki' only)."""
        return Sym("a", self.layer(l), (self.index(0),), self.comma)

    def z(self, l: int, i: int) -> Sym:
        """The logit (weighted sum) z^l_i."""
        return Sym("z", self.layer(l), (self.index(i),), self.comma)

    def a(self, l: int, j: int, L: int) -> Sym:
        """Activation j of layer l; layer 0 is x_j where the document writes x."""
        if l == 0 and self.input_x:
            return Sym("x", "", (self.index(j),), self.comma)
        return Sym("y" if self.output_y else "a", self.layer(l), (self.neuron(l, j, L),), self.comma)

    def delta(self, l: int, i: int) -> Sym:
        """The error δ^l_i = ∂E/∂z^l_i."""
        return Sym("δ", self.layer(l), (self.index(i),), self.comma)

    def y(self, j: int) -> Sym:
        """The target y_j of output neuron j (t_j in 'woche10', where y is the neuron's value)."""
        return Sym(self.target, "", (self.index(j),), self.comma)

    def example(self, sym: Sym, k: "int | str") -> Sym:
        """``sym`` for example k of a mini-batch: a^(l,k)_j as 'Matrizen' §3.7 writes it, x^(k)_j, y^(k)_j.

        >>> get("matrizen").example(get("matrizen").a(1, 0, 2), 2).text()
        'a¹,²₀'
        >>> get("parameter").example(get("parameter").y(0), 0).text()
        'y⁽¹⁾₁'
        """
        kk = self.index(k) if isinstance(k, int) else k
        sup = f"{sym.sup},{kk}" if sym.sup else f"({kk})"
        return Sym(sym.base, sup, sym.sub, sym.comma)

    def vector(self, name: str, l: int) -> Sym:
        """A whole layer's vector or matrix: W^l, b^l, z^l, a^l, δ^l (a^0 is x where written so)."""
        if name == "y":
            return Sym(self.target, self.layer(l))
        if name == "a" and l == 0 and self.input_x:
            return Sym("x")
        if name == "a" and self.output_y:
            return Sym("y", self.layer(l))
        return Sym(name, self.layer(l))

    def describe(self, lang: str = "de") -> str:
        """One sentence: what w, i, j mean here, and which document writes it so.

        >>> get("ki").describe("en")[:59]
        'w⁽ˡ⁾ⱼₖ is the weight from neuron k of layer l−1 to neuron j'
        """
        return "".join(p if isinstance(p, str) else p.text() for p in self.describe_parts(lang))

    def describe_parts(self, lang: str = "de") -> List["str | Sym"]:
        """``describe`` as prose and symbols, for a renderer to typeset the symbols."""
        symbols = {
            "w": self.generic_weight(),
            "w0": Sym("w", self.layer("l"), ("j", "0"), comma=False),
            "bj": Sym("b", "", ("j",)),
        }
        text = _DESCRIPTIONS[self.key]["en" if lang == "en" else "de"]
        parts: List["str | Sym"] = []
        for k, piece in enumerate(re.split(r"\{(\w+)\}", text)):
            if k % 2:
                parts.append(symbols[piece])
            elif piece:
                parts.append(piece)
        return parts

    def generic_weight(self) -> Sym:
        """The weight with letters for indices, as the document introduces it: w^k_ij, w^l_j,i, w^(l)_jk."""
        if self.key == "parameter":
            return Sym("w", "k", ("i", "j"), comma=False)
        if self.key == "matrizen":
            return Sym("w", "l", ("j", "i"), comma=True)
        if self.key == "woche10":
            return Sym("w", "", ("i", "j"), comma=False)
        return Sym("w", self.layer("l"), ("j", "k"), comma=False)

    def index_shift(self, lang: str = "de") -> str:
        """'ki' only: the course code's index shift between z and a, in one sentence (else "")."""
        if not self.bias_neuron:
            return ""
        return _SHIFT["en" if lang == "en" else "de"]


_DESCRIPTIONS = {
    "parameter": {
        "de": "{w} ist das Gewicht von Eingang j zu Neuron i in Schicht k, gezählt ab 1 "
        "('Parameter in neuronalen Netzen', 'Training von neuronalen Netzen').",
        "en": "{w} is the weight from input j to neuron i of layer k, counted from 1 "
        "('Parameter in neuronalen Netzen', 'Training von neuronalen Netzen').",
    },
    "matrizen": {
        "de": "{w} ist das Gewicht von Neuron j der Schicht l−1 zu Neuron i der Schicht l, "
        "gezählt ab 0 ('Matrizen in Neuronalen Netzen').",
        "en": "{w} is the weight from neuron j of layer l−1 to neuron i of layer l, "
        "counted from 0 ('Matrizen in Neuronalen Netzen').",
    },
    "ki": {
        "de": "{w} ist das Gewicht von Neuron k der Schicht l−1 zu Neuron j der Schicht l, "
        "gezählt ab 0; der Bias ist Neuron 0 mit Aktivierung 1, also {bj} = {w0} "
        "('Künstliche Intelligenz selbst gemacht').",
        "en": "{w} is the weight from neuron k of layer l−1 to neuron j of layer l, "
        "counted from 0; the bias is neuron 0 with activation 1, so {bj} = {w0} "
        "('Künstliche Intelligenz selbst gemacht').",
    },
    "woche10": {
        "de": "{w} ist das Gewicht von Eingang i zu Neuron j, gezählt ab 1; die Eingänge heißen x, der Wert "
        "eines Neurons y, die Zielwerte t ('Woche 10 Theorie: Neuronale Netzwerke & die Mathe').",
        "en": "{w} is the weight from input i to neuron j, counted from 1; the inputs are x, a neuron's value "
        "is y, the targets are t ('Woche 10 Theorie: Neuronale Netzwerke & die Mathe').",
    },
}

_SHIFT = {
    "de": "Index-Verschiebung des Kurs-Codes: weighted_sums[l][j] gehört zu activations[l][j+1], denn "
    "activations[l][0] = 1 ist das Bias-Neuron; darum steht hier a⁽ˡ⁾ⱼ₊₁ = σ(z⁽ˡ⁾ⱼ). Die Folien schreiben "
    "a_j = σ(z_j) und Gleichung 7 Index für Index; im Code gelten sie nur mit dieser Verschiebung.",
    "en": "Index shift of the course code: weighted_sums[l][j] belongs to activations[l][j+1], because "
    "activations[l][0] = 1 is the bias neuron; hence a⁽ˡ⁾ⱼ₊₁ = σ(z⁽ˡ⁾ⱼ) here. The slides write "
    "a_j = σ(z_j) and equation 7 index by index; in the code they hold only with this shift.",
}

NOTATIONS: Dict[str, Notation] = {
    "parameter": Notation(
        key="parameter",
        document=PARAMETER,
        first=1,
        layer_parens=False,
        weight_to_from=True,
        bias_neuron=False,
        loss_symbol="E",
        input_x=True,
        comma=False,
    ),
    "matrizen": Notation(
        key="matrizen",
        document=MATRIZEN,
        first=0,
        layer_parens=False,
        weight_to_from=False,
        bias_neuron=False,
        loss_symbol="E",
        input_x=False,
        comma=True,
    ),
    "ki": Notation(
        key="ki",
        document=KI,
        first=0,
        layer_parens=True,
        weight_to_from=True,
        bias_neuron=True,
        loss_symbol="C",
        input_x=False,
        comma=True,
    ),
    "woche10": Notation(
        key="woche10",
        document=WOCHE10,
        first=1,
        layer_parens=False,
        weight_to_from=False,
        bias_neuron=False,
        loss_symbol="E",
        input_x=True,
        comma=False,
        output_y=True,
        target="t",
    ),
}

_ALIASES = {"course": "ki", "w10": "woche10"}

#: The names ``get`` understands.
NAMES = ("parameter", "matrizen", "ki", "course", "woche10", "w10")

#: The notation used unless another is chosen.
DEFAULT = "parameter"


def get(name: "str | Notation" = DEFAULT) -> Notation:
    """The notation called ``name``: "parameter", "matrizen", "ki" or "course" (= "ki"), "woche10" or "w10".

    >>> get("course").document
    'Künstliche Intelligenz selbst gemacht'
    """
    if isinstance(name, Notation):
        return name
    key = str(name).strip().lower()
    key = _ALIASES.get(key, key)
    if key not in NOTATIONS:
        raise ValueError(f"unknown notation {name!r}; choose one of: {', '.join(NAMES)}")
    return NOTATIONS[key]
