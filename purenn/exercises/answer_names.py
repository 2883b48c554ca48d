"""The names of the answers: ``z¹₂`` as the Rechenweg prints it, or ``z1_2`` typed in ASCII.

Every value of a Rechenweg that a student can be asked for is a
``Quantity``: its kind, the layer l and purenn's 0-based storage indices
i (neuron of layer l) and j (neuron of layer l−1). How it is *named*
depends on the exercise's notation (``purenn.rechenweg.notation``): the
same weight is ``w¹₁₂`` in 'parameter', ``w¹₁,₀`` in 'matrizen'.

The spelling table (docs/exercises.md), here in the 'parameter' notation:

=========  ==============  =================================  ====================
kind       printed         ASCII                              meaning
=========  ==============  =================================  ====================
z          z¹₂             z1_2                               logit z^l_i
a          a¹₂             a1_2                               activation a^l_i
E          E (C in 'ki')   E, C, loss                         the loss
delta      δ²₁             delta2_1                           δ^l_i = ∂E/∂z^l_i
dW         ∂E/∂w¹₁₂        dW1_12                             ∂E/∂w^l_ij
db         ∂E/∂b¹₂         db1_2                              ∂E/∂b^l_i
W          w¹₁₂            W1_12                              w^l_ij after the step
b          b¹₂             b1_2                               b^l_i after the step
z, a, δ    z¹,¹₂           z1,1_2                             example k of a batch
=========  ==============  =================================  ====================

In a mini-batch z, a and δ carry the example k after the layer, as the
Rechenweg prints them ('Matrizen in Neuronalen Netzen' §3.7: a^(l,k)_j):
``z1,1_2`` is layer 1, example 1, neuron 2 (k counted like the neurons).
The gradients are the sums over the batch and keep their names, as do the
parameters after the step.

ASCII names ignore case, spaces, ``^``, braces and brackets (``z^{1}_{2}``
is ``z1_2``); two indices of one digit each may be written with or without
a comma (``dW1_12``, ``dW1_1,2``).

>>> from purenn.rechenweg.notation import get
>>> q = Quantity("dW", 1, 0, 1)
>>> printed_name(q, get("parameter"), 2), ascii_name(q, get("parameter"), 2), ascii_name(q, get("matrizen"), 2)
('∂E/∂w¹₁₂', 'dW1_12', 'dW1_1,0')
>>> normalize("∂E/∂w¹₁₂") == normalize("dw1_12") == normalize(" dW^{1}_{12} ")
True
>>> printed_name(Quantity("z", 1, 0, k=2), get("matrizen"), 2), ascii_name(Quantity("z", 1, 0, k=2), get("matrizen"), 2)
('z¹,²₀', 'z1,2_0')
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from purenn.rechenweg.notation import Notation, Sym
from purenn.rechenweg.trace import Trace

__all__ = ["Quantity", "KINDS", "quantities", "printed_name", "ascii_name", "normalize", "NameTable"]

#: The kinds of answer, in the order of a Rechenweg.
KINDS = ("z", "a", "E", "delta", "dW", "db", "W", "b")

_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
                 "⁸": "8", "⁹": "9", "⁽": "(", "⁾": ")"}
_SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
               "₈": "8", "₉": "9"}
_DROPPED = set(" \t^{}()[]\\*")
_GRADIENT_PREFIXES = ("∂e/∂", "∂c/∂", "de/d", "dc/d", "partiale/partial", "partialc/partial")
_LOSS_NAMES = ("e", "c", "loss", "verlust", "kosten", "cost")
_NEW_SUFFIXES = ("_neu", "neu", "_new", "new", "'")


@dataclass(frozen=True, order=True)
class Quantity:
    """One value of the Rechenweg: ``kind`` (see KINDS), layer ``l``, storage indices ``i``, ``j``.

    ``j`` is used by weights (dW, W) only, ``i`` by everything but E. ``k``
    is the example of a mini-batch for z, a and δ (None for one example);
    the batch gradients (sums over k) and the new parameters have none.
    """

    kind: str
    l: int = 0
    i: int = 0
    j: int = 0
    k: Optional[int] = None


def quantities(t: Trace) -> List[Quantity]:
    """Every value of ``t`` that can be asked for, in the order the Rechenweg computes them.

    Forward z^l, a^l layer by layer; with a target E, δ^L … δ^1, then ∂E/∂W^l
    and ∂E/∂b^l; with η the parameters after the step.
    """
    out: List[Quantity] = []
    ks: List[Optional[int]] = [None] if t.N == 1 else list(range(t.N))  # a batch: column by column
    for layer in t.layers:
        for k in ks:
            out += [Quantity("z", layer.l, i, k=k) for i in range(layer.z.n_rows)]
            out += [Quantity("a", layer.l, i, k=k) for i in range(layer.a.n_rows)]
    if t.loss is None:
        return out
    out.append(Quantity("E"))
    for back in t.backward:
        for k in ks:
            out += [Quantity("delta", back.l, i, k=k) for i in range(back.delta.n_rows)]
    for back in t.backward:
        n, m = back.dW.shape
        out += [Quantity("dW", back.l, i, j) for i in range(n) for j in range(m)]
        out += [Quantity("db", back.l, i) for i in range(n)]
    for update in t.updates:
        n, m = update.W.shape
        out += [Quantity("W", update.l, i, j) for i in range(n) for j in range(m)]
        out += [Quantity("b", update.l, i) for i in range(n)]
    return out


def symbol(q: Quantity, n: Notation, L: int) -> Sym:
    """The symbol of ``q`` in notation ``n`` (for dW and db: the parameter's symbol)."""
    if q.k is not None:  # example k of a mini-batch: z¹,⁰₀ as the Rechenweg prints it
        return n.example(symbol(Quantity(q.kind, q.l, q.i, q.j), n, L), q.k)
    if q.kind == "z":
        return n.z(q.l, q.i)
    if q.kind == "a":
        return n.a(q.l, q.i, L)
    if q.kind == "delta":
        return n.delta(q.l, q.i)
    if q.kind in ("dW", "W"):
        return n.weight(q.l, q.i, q.j)
    if q.kind in ("db", "b"):
        return n.bias(q.l, q.i)
    return Sym(n.loss_symbol)


def printed_name(q: Quantity, n: Notation, L: int) -> str:
    """The name as the Rechenweg prints it: ``z¹₂``, ``δ²₁``, ``∂E/∂w¹₁₂``, ``E``."""
    text = symbol(q, n, L).text()
    return f"∂{n.loss_symbol}/∂{text}" if q.kind in ("dW", "db") else text


def _ascii_sym(s: Sym, comma: bool) -> str:
    base = {"δ": "delta"}.get(s.base, s.base)
    layer = s.sup.replace("(", "").replace(")", "")  # w⁽¹⁾ is w1; a batch entry z¹,⁰ is z1,0
    joined = ",".join(s.sub) if comma or any(len(p) > 1 for p in s.sub) else "".join(s.sub)
    return f"{base}{layer}_{joined}" if s.sub else base + layer


def ascii_name(q: Quantity, n: Notation, L: int) -> str:
    """The ASCII spelling: ``z1_2``, ``delta2_1``, ``dW1_12``, ``db1_2``, ``W1_12``, ``b1_2``, ``E``."""
    if q.kind == "E":
        return n.loss_symbol
    s = symbol(q, n, L)
    text = _ascii_sym(s, s.comma)
    if q.kind in ("W", "b", "dW", "db"):
        text = text[0].upper() + text[1:] if q.kind in ("W", "dW") or s.base == "w" else text
        return ("d" if q.kind in ("dW", "db") else "") + text
    return text


def _spellings(q: Quantity, n: Notation, L: int) -> List[str]:
    """Every accepted spelling of ``q``, before ``normalize``."""
    out = [printed_name(q, n, L), ascii_name(q, n, L)]
    if q.kind == "E":
        return out + list(_LOSS_NAMES)
    s = symbol(q, n, L)
    prefix = "d" if q.kind in ("dW", "db") else ""
    out += [prefix + _ascii_sym(s, True), prefix + _ascii_sym(s, False)]
    if q.kind in ("b", "db") and n.bias_neuron:  # 'ki': the bias w_(j,0) may also be called b_j
        out.append(f"{prefix}b{q.l}_{n.index(q.i)}")
    return out


def normalize(name: str) -> str:
    """The key under which a name is looked up: ASCII, lower case, no spaces, ^, braces, brackets.

    >>> normalize("δ²₁"), normalize("w⁽¹⁾₀,₂"), normalize("Delta^2_1")
    ('delta2_1', 'w1_0,2', 'delta2_1')
    """
    text = unicodedata.normalize("NFC", name).strip().replace("δ", "delta").replace("Δ", "delta")
    out: List[str] = []
    for c in text:
        if c in _SUPERSCRIPTS:
            if _SUPERSCRIPTS[c] not in _DROPPED:
                out.append(_SUPERSCRIPTS[c])
        elif c in _SUBSCRIPTS:
            if "_" not in out:
                out.append("_")
            out.append(_SUBSCRIPTS[c])
        elif c not in _DROPPED:
            out.append(c)
    key = "".join(out).lower().replace("\\delta", "delta")
    for prefix in _GRADIENT_PREFIXES:
        if key.startswith(prefix):
            key = "d" + key[len(prefix):]
    for suffix in _NEW_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
    return key


class NameTable:
    """Every accepted name of the quantities of one Rechenweg, in one notation.

    ``W``/``b`` (after the step) and ``dW``/``db`` are told apart by the
    ``d``; for the loss every spelling of ``_LOSS_NAMES`` is accepted.
    """

    def __init__(self, qs: Iterable[Quantity], n: Notation, L: int) -> None:
        self.notation, self.L = n, L
        self.order: List[Quantity] = list(qs)
        self._by_key: Dict[str, Quantity] = {}
        for q in self.order:
            for spelling in _spellings(q, n, L):
                self._by_key.setdefault(normalize(spelling), q)

    def lookup(self, name: str) -> Optional[Quantity]:
        """The quantity called ``name``, or None."""
        return self._by_key.get(normalize(name))

    def suggest(self, name: str, how_many: int = 3) -> List[str]:
        """The ASCII names closest to ``name`` ("did you mean …")."""
        close = difflib.get_close_matches(normalize(name), list(self._by_key), n=how_many * 3, cutoff=0.6)
        names: List[str] = []
        for key in close:
            text = self.ascii(self._by_key[key])
            if text not in names:
                names.append(text)
        return names[:how_many]

    def printed(self, q: Quantity) -> str:
        return printed_name(q, self.notation, self.L)

    def ascii(self, q: Quantity) -> str:
        return ascii_name(q, self.notation, self.L)

    def rows(self) -> List[Tuple[Quantity, str, str]]:
        """(quantity, printed, ASCII) for every quantity, in order — the spelling table of this exercise."""
        return [(q, self.printed(q), self.ascii(q)) for q in self.order]
