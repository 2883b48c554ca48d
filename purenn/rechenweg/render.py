"""Writing a Rechenweg down: plain text for the terminal, Markdown, or LaTeX.

``render(trace)`` turns a ``purenn.rechenweg.trace.Trace`` into text, formula for
formula, in one of the course documents' index conventions
(``purenn.rechenweg.notation``), with German labels (Logits, Aktivierung, Gewichte,
Bias, Verlust, Fehler δ, Gradient, Lernrate) or English ones (``lang="en"``).

Every line of a calculation has the same shape — the symbol, the formula in
symbols, the formula with the numbers put in, the result::

    z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + b¹₁ = 2·1.3 + 1·0.8 + (−1) = 3.4 + (−1) = 2.4
    a¹₁ = σ(z¹₁) = σ(2.4) = 1 / (1 + e^(−2.4)) ≈ 0.9168

The result is joined with "=" if it is shown exactly and with "≈" if it is
rounded to ``decimals`` places (see ``purenn.rechenweg.exact``).

The formulas, the document blocks and the three output formats are
``purenn.rechenweg.mathtext``; this module decides what the Rechenweg says: which
formula for which step, the labels in German or English, and the symbols of
the chosen notation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from purenn.rechenweg import display
from purenn.rechenweg.exact import is_exact
from purenn.rechenweg.display import DEFAULT_DECIMALS
from purenn.rechenweg.mathtext import (
    Block,
    Boxed,
    Call,
    Diff,
    Eq,
    Equations,
    Exp,
    Expr,
    Frac,
    Hadamard,
    Heading,
    Math,
    MatrixLine,
    Name,
    Neg,
    Num,
    Para,
    Part,
    Partial,
    Prod,
    Square,
    Sum,
    SumOver,
    Transpose,
    Vec,
    Word,
    chain,
    render_blocks,
)
from purenn.matrix import Matrix
from purenn.rechenweg.notation import Notation, Sym
from purenn.rechenweg.notation import get as get_notation
from purenn.scalars import Scalar
from purenn.rechenweg.trace import (
    ActivationEntry,
    DeltaEntry,
    LayerBackward,
    LayerForward,
    LayerUpdate,
    LogitEntry,
    LossEntry,
    Trace,
    UpdateEntry,
)

__all__ = ["LANGS", "labels", "render", "trace_blocks"]

#: The label languages.
LANGS = ("de", "en")

# -- labels ------------------------------------------------------------------------------

_LABELS: Dict[str, Dict[str, str]] = {
    "de": {
        "title": "Rechenweg: Forward Pass",
        "lang": "de",
        "relu0": "ReLU'(0) = 0 wie die Folie ('KI selbst gemacht', Aktivierungsfunktionen: 1 wenn x > 0, 0 sonst); "
        "der Kurs-Code rechnet numpy.heaviside(z, 1) = 1 (--relu-derivative-at-0 1).",
        "relu0_code": "ReLU'(0) = 1 wie der Kurs-Code (numpy.heaviside(z, 1)); die Folie schreibt 0 "
        "(--relu-derivative-at-0 0).",
        "shift_again": "Index-Verschiebung wie oben: z⁽ˡ⁾ⱼ gehört zu a⁽ˡ⁾ⱼ₊₁, also σ'(z⁽ˡ⁾ⱼ) = a⁽ˡ⁾ⱼ₊₁·(1 − a⁽ˡ⁾ⱼ₊₁).",
        "equation": "Gleichung",
        "title_back": "Rechenweg: Forward Pass und Backpropagation",
        "network": "Netz",
        "layer": "Schicht",
        "notation": "Notation",
        "arith_exact": "Rechnung: lineare Schritte exakt (Brüche), nicht-lineare Schritte (σ, exp, ln, Softmax) "
        "in Gleitkomma; ≈ heißt gerundet auf {d} Nachkommastellen.",
        "arith_float": "Rechnung: Gleitkommazahlen; ≈ heißt gerundet auf {d} Nachkommastellen.",
        "input": "Eingabe",
        "bias_neuron": " ist das Bias-Neuron.",
        "weights": "Gewichte",
        "weights_bias": "Gewichte (Spalte 0: Bias)",
        "bias": "Bias",
        "logits": "Logits",
        "activation": "Aktivierung",
        "output": "Ausgabe",
        "target": "Zielwerte",
        "loss": "Verlust",
        "delta": "Fehler δ",
        "delta_note": "Backpropagation: von Schicht {L} zurück bis Schicht 1.",
        "delta_note_1": "Backpropagation: nur eine Schicht, die Ausgabeschicht 1.",
        "gradient": "Gradient",
        "eta": "Lernrate",
        "update": "neue Parameter nach einem Gradientenschritt",
        "new": "neu:",
        "squared_error": "quadratischer Fehler",
        "half_squared_error": "halber quadratischer Fehler",
        "cross_entropy": "Kreuzentropie",
        "batch": "Mini-Batch: N = {N} Beispiele, eines je Spalte (k = {k0} … {k1}), wie 'Matrizen in Neuronalen "
        "Netzen' §3.7–3.8 rechnet.",
        "batch_bias": " in jeder Spalte (§3.7)",
        "batch_sum": "Summe über die N = {N} Beispiele (§3.8.2); der Schritt teilt durch N (§3.3).",
        "batch_loss": "E ist die Summe, nach der §3.8.2 ableitet; purenn meldet als Verlust den Mittelwert E / N.",
    },
    "en": {
        "title": "Calculation: forward pass",
        "lang": "en",
        "relu0": "ReLU'(0) = 0 as on the slide ('KI selbst gemacht', Aktivierungsfunktionen: 1 if x > 0, else 0); "
        "the course code computes numpy.heaviside(z, 1) = 1 (--relu-derivative-at-0 1).",
        "relu0_code": "ReLU'(0) = 1 as in the course code (numpy.heaviside(z, 1)); the slide writes 0 "
        "(--relu-derivative-at-0 0).",
        "shift_again": "Index shift as above: z⁽ˡ⁾ⱼ belongs to a⁽ˡ⁾ⱼ₊₁, so σ'(z⁽ˡ⁾ⱼ) = a⁽ˡ⁾ⱼ₊₁·(1 − a⁽ˡ⁾ⱼ₊₁).",
        "equation": "equation",
        "title_back": "Calculation: forward pass and backpropagation",
        "network": "Network",
        "layer": "Layer",
        "notation": "Notation",
        "arith_exact": "Arithmetic: linear steps exact (fractions), non-linear steps (σ, exp, ln, softmax) "
        "in floating point; ≈ means rounded to {d} decimals.",
        "arith_float": "Arithmetic: floating point; ≈ means rounded to {d} decimals.",
        "input": "Input",
        "bias_neuron": " is the bias neuron.",
        "weights": "Weights",
        "weights_bias": "Weights (column 0: bias)",
        "bias": "Bias",
        "logits": "Logits",
        "activation": "Activation",
        "output": "Output",
        "target": "Targets",
        "loss": "Loss",
        "delta": "Error δ",
        "delta_note": "Backpropagation: from layer {L} back to layer 1.",
        "delta_note_1": "Backpropagation: a single layer, the output layer 1.",
        "gradient": "Gradient",
        "eta": "Learning rate",
        "update": "new parameters after one gradient step",
        "new": "new:",
        "squared_error": "squared error",
        "half_squared_error": "half squared error",
        "cross_entropy": "cross-entropy",
        "batch": "Mini-batch: N = {N} examples, one per column (k = {k0} … {k1}), as 'Matrizen in Neuronalen "
        "Netzen' §3.7–3.8 computes it.",
        "batch_bias": " in every column (§3.7)",
        "batch_sum": "Sum over the N = {N} examples (§3.8.2); the step divides by N (§3.3).",
        "batch_loss": "E is the sum that §3.8.2 differentiates; purenn reports the mean E / N as the loss.",
    },
}


def labels(lang: str) -> Dict[str, str]:
    """The label texts for ``lang`` ("de" or "en")."""
    if lang not in _LABELS:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    return _LABELS[lang]


# -- symbols of one network in one notation -------------------------------------------------

_ONE = Num(1)
_ETA = Word("η", r"\eta")
_MAX = Word("max", r"\max")
_LN = Word("ln", r"\ln")
_FUNCTIONS = {
    "sigmoid": Word("σ", r"\sigma"),
    "relu": Word("ReLU", r"\mathrm{ReLU}"),
    "relu_heaviside": Word("ReLU", r"\mathrm{ReLU}"),
    "tanh": Word("tanh", r"\tanh"),
    "identity": Word("id", r"\mathrm{id}"),
    "softmax": Word("softmax", r"\mathrm{softmax}"),
}


def _fn(name: str, prime: bool = False) -> Word:
    """The function's symbol: σ, ReLU, tanh, id, softmax, LReLU — with a ' for its derivative."""
    w = Word("LReLU", r"\mathrm{LReLU}") if name.startswith("leaky_relu") else _FUNCTIONS.get(
        name, Word(name, rf"\mathrm{{{name}}}")
    )
    return Word(w.text + "'", w.tex() + "'") if prime else w


_RELUS = ("relu", "relu_heaviside")


def _relu_zero_note(back: LayerBackward, T: Dict[str, str]) -> List[Block]:
    """Where a ReLU layer meets z = 0 exactly, which value of ReLU'(0) was used and why."""
    if back.activation not in _RELUS or not any(d.z == 0 for d in back.deltas):
        return []
    return [Para((T["relu0_code" if back.activation == "relu_heaviside" else "relu0"],), indent=4)]


def _leaky_slope(name: str) -> float:
    return 0.01 if name == "leaky_relu" else float(name[len("leaky_relu("):-1])


@dataclass(frozen=True)
class _Names:
    """The symbols of one network (output layer L) in one notation.

    ``k`` is the example of a mini-batch whose symbols these are (a^(l,k)_j,
    δ^(l,k)_i, y^(k)_j; weights and biases belong to no example); ``batch``
    writes whole layers as the matrices A^l, Z^l, [δ^l], Y of 'Matrizen' §3.7–3.8.
    """

    n: Notation
    L: int
    loss: str = ""
    k: Optional[int] = None
    batch: bool = False

    def of_example(self, k: int) -> "_Names":
        return replace(self, k=k)

    def _k(self, sym: Sym) -> Expr:
        return Name(sym if self.k is None else self.n.example(sym, self.k))

    def w(self, l: int, i: int, j: int) -> Expr:
        return Name(self.n.weight(l, i, j))

    def b(self, l: int, i: int) -> Expr:
        return Name(self.n.bias(l, i))

    def z(self, l: int, i: int) -> Expr:
        return self._k(self.n.z(l, i))

    def a(self, l: int, j: int) -> Expr:
        return self._k(self.n.a(l, j, self.L))

    def one(self, l: int) -> Expr:
        return Name(self.n.one(l))

    def delta(self, l: int, i: int) -> Expr:
        return self._k(self.n.delta(l, i))

    def y(self, j: int) -> Expr:
        return self._k(self.n.y(j))

    def vec(self, name: str, l: int) -> Expr:
        if not self.batch or name in ("W", "b"):
            return Name(self.n.vector(name, l))
        sym = self.n.vector(name, l)
        if name == "δ":  # [δ^l], 'Matrizen' §3.8.1
            return Boxed(Name(sym))
        return Name(Sym(sym.base.upper(), sym.sup))  # A^l, Z^l, Y, X

    def generic(self, name: str, l: int, index: str) -> Expr:
        """A symbol with a letter as index: a^L_j, z^L_i (y^L_j and t_j in 'woche10')."""
        base = {"a": "y" if self.n.output_y else "a", "y": self.n.target}.get(name, name)
        return Name(Sym(base, self.n.layer(l) if l >= 0 else "", (index,)))

    def summed(self, sym: Sym) -> Expr:
        """sym of the generic example k, for a sum Σ_k over the batch."""
        return Name(self.n.example(sym, "k"))

    @property
    def C(self) -> Expr:
        if self.k is not None:
            return Name(self.n.example(Sym(self.n.loss_symbol), self.k))
        return Word(self.n.loss_symbol)


#: Where the documents give each step a number, a section or a slide title: (document key, "eq",
#: "sec" or "title", label).
#: 'Künstliche Intelligenz selbst gemacht' numbers its equations 1–8 and, for softmax, I–V;
#: 'Matrizen in Neuronalen Netzen' has numbered sections.
_SOURCES: Dict[str, Tuple[Tuple[str, str, str], ...]] = {
    "logits": (("parameter", "title", "Ausgänge von Schicht k"), ("matrizen", "sec", "2.4"),
               ("ki", "title", "Neuronen und Gewichte"), ("woche10", "title", "Wie berechnet sich ein Neuron …?")),
    "logits_batch": (("matrizen", "sec", "3.7"),),
    "activation": (("parameter", "title", "Ausgänge von Schicht k"), ("matrizen", "sec", "2.3"),
                   ("ki", "title", "Neuronen und Gewichte")),
    "activation_relu": (("woche10", "title", "Einblendung ReLU"), ("parameter", "title", "Ausgänge von Schicht k"),
                        ("matrizen", "sec", "2.3"), ("ki", "title", "Aktivierungsfunktionen")),
    "squared_error": (("ki", "title", "Kostenfunktion"),),
    "half_squared_error": (("matrizen", "sec", "3.2"),),
    "cross_entropy": (("ki", "title", "Cross-Entropy Loss"),),
    "output": (("ki", "eq", "7"), ("matrizen", "sec", "3.6.1")),
    "softmax_ce": (("ki", "eq", "IV"),),
    "softmax_jacobian": (("ki", "eq", "III"),),
    "hidden": (("ki", "eq", "7"), ("matrizen", "sec", "3.6.3")),
    "hidden_softmax": (("ki", "eq", "5"), ("ki", "eq", "III")),
    "output_batch": (("matrizen", "sec", "3.8.1"),),
    "hidden_batch": (("matrizen", "sec", "3.8.1"),),
    "gradient": (("ki", "eq", "6"), ("matrizen", "sec", "3.5")),
    "gradient_ce": (("ki", "eq", "V"), ("matrizen", "sec", "3.5")),
    "gradient_batch": (("matrizen", "sec", "3.8.1–3.8.2"),),
    "update": (("ki", "eq", "8"), ("matrizen", "sec", "3.3")),
    "update_batch": (("matrizen", "sec", "3.3"),),
}

_SHORT_TITLES = {"parameter": "Parameter", "woche10": "Woche 10", "matrizen": "Matrizen", "ki": "KI selbst gemacht"}


def _source(step: str, names: "_Names", T: Dict[str, str]) -> str:
    """"  (Gleichung 7 'KI selbst gemacht'; §3.6.1 'Matrizen')" for a heading: the notation's own document first."""
    own = names.n.key
    # the notation's own document first; of the others only numbered equations and sections
    refs = sorted((r for r in _SOURCES.get(step, ()) if r[0] == own or r[1] != "title"), key=lambda r: r[0] != own)
    if not refs:
        return ""
    parts = [f"'{_SHORT_TITLES[doc]}', {label}" if kind == "title" else
             f"{T['equation'] + ' ' if kind == 'eq' else '§'}{label} '{_SHORT_TITLES[doc]}'" for doc, kind, label in refs]
    return "  (" + "; ".join(parts) + ")"


def _nums(values: Sequence[Scalar]) -> Tuple[Expr, ...]:
    return tuple(Num(v) for v in values)


def _eq(*items: Expr) -> Eq:
    """items joined by "=" — a formula in symbols, nothing rounded."""
    return Eq(tuple(items), ("=",) * (len(items) - 1))


# -- the Rechenweg as blocks --------------------------------------------------------------


def render(trace: Trace, fmt: str = "text", notation: "str | Notation" = "parameter",
           lang: str = "de", decimals: int = DEFAULT_DECIMALS) -> str:
    """The Rechenweg of ``trace`` as "text", "markdown" or "latex".

    'Woche 10 Theorie': 5·0.2 + 2·0.1 + 4·0.25 = 2.2, 2.2 + 1 = 3.2, ReLU(3.2) = 3.2 —
    exact, with the inputs typed as fractions:

    >>> from fractions import Fraction as F
    >>> from purenn import Layer, Matrix, Network
    >>> from purenn.rechenweg.trace import trace
    >>> net = Network([Layer(Matrix([[5, 2, 4]]), Matrix.column([1]), "relu")])
    >>> text = render(trace(net, [F("0.2"), F("0.1"), F("0.25")]))
    >>> print("\\n".join(line for line in text.splitlines() if line.startswith("    ")))
        x₁ = 0.2
        x₂ = 0.1
        x₃ = 0.25
        z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + w¹₁₃·x₃ + b¹₁ = 5·0.2 + 2·0.1 + 4·0.25 + 1 = 2.2 + 1 = 3.2
        a¹₁ = ReLU(z¹₁) = max(0, 3.2) = 3.2
        a¹ = (3.2)ᵀ
    """
    return render_blocks(trace_blocks(trace, notation, lang, decimals), fmt, decimals)


def trace_blocks(trace: Trace, notation: "str | Notation" = "parameter", lang: str = "de",
                 decimals: int = DEFAULT_DECIMALS) -> List[Block]:
    """The Rechenweg of ``trace`` as blocks, ready for ``render_blocks``."""
    T = labels(lang)
    names = _Names(get_notation(notation).for_network(trace.L), trace.L, trace.loss.name if trace.loss else "")
    if trace.N > 1:
        return _batch_blocks(trace, replace(names, batch=True), T, lang, decimals)
    blocks = _preamble(trace, names, T, lang, decimals) + _input_blocks(trace, names, T)
    for layer in trace.layers:
        blocks += _forward_blocks(layer, names, T)
    blocks += _output_blocks(trace, names, T)
    if trace.loss is not None:
        blocks += _loss_blocks(trace.loss, names, T)
        note = T["delta_note" if trace.L > 1 else "delta_note_1"]
        blocks += [Heading(2, (T["delta"],)), Para((note.format(L=trace.L),), indent=2)]
        for back in trace.backward:
            blocks += _delta_blocks(back, names, T)
        blocks.append(Heading(2, (T["gradient"],)))
        for back in trace.backward:
            blocks += _gradient_blocks(back, names, T)
    if trace.eta is not None:
        blocks.append(Heading(2, (f"{T['eta']} ", Math(chain(_ETA, value=trace.eta)), f": {T['update']}")))
        for update in trace.updates:
            blocks += _update_blocks(update, trace.eta, names, T)
    return blocks


def _preamble(trace: Trace, names: _Names, T: Dict[str, str], lang: str, decimals: int) -> List[Block]:
    net = trace.network
    sizes = "-".join(str(n) for n in net.structure)
    acts = ", ".join(f"{T['layer']} {l}: {net.activation(l).name}" for l in range(1, net.L + 1))
    numbers = trace.x.flat() + [v for layer in net.layers for v in layer.W.flat() + layer.b.flat()]
    exact_mode = all(is_exact(v) for v in numbers)
    return [
        Heading(1, (T["title_back" if trace.loss is not None else "title"],)),
        Para((f"{T['network']}: {sizes} ({acts})",)),
        Para((f"{T['notation']}: ", *(p if isinstance(p, str) else Math(Name(p)) for p in names.n.describe_parts(lang)))),
        Para((T["arith_exact" if exact_mode else "arith_float"].format(d=decimals),)),
    ]


def _input_blocks(trace: Trace, names: _Names, T: Dict[str, str]) -> List[Block]:
    lines = tuple(chain(names.a(0, j), value=v) for j, v in enumerate(trace.x.flat()))
    blocks: List[Block] = [Heading(2, (T["input"],)), Equations(lines)]
    if names.n.bias_neuron:
        blocks.append(Para((Math(chain(names.one(0), value=1)), T["bias_neuron"]), indent=4))
    return blocks


def _parameter_lines(l: int, W: Matrix, b: Matrix, names: _Names, lhs: Callable[[Expr], Expr],
                     label_W: str, label_b: str) -> List[Block]:
    """W^l and b^l as matrices — in 'ki' one matrix whose column 0 is the bias."""
    if names.n.bias_neuron:
        rows = tuple((bv, *w) for bv, w in zip(b.flat(), W.rows))
        return [MatrixLine(label_W, lhs(names.vec("W", l)), rows)]
    return [
        MatrixLine(label_W, lhs(names.vec("W", l)), tuple(tuple(r) for r in W.rows)),
        Para(((label_b + " ") if label_b else "", Math(_eq(lhs(names.vec("b", l)), Vec(_nums(b.flat()))))),
             indent=2),
    ]


def _forward_blocks(layer: LayerForward, names: _Names, T: Dict[str, str]) -> List[Block]:
    l = layer.l
    label_W = T["weights_bias" if names.n.bias_neuron else "weights"]
    blocks: List[Block] = [Heading(2, (f"{T['layer']} {l} ({layer.activation})",))]
    blocks += _parameter_lines(l, layer.W, layer.b, names, lambda s: s, label_W, T["bias"])
    blocks.append(Heading(3, (f"{T['logits']}: ", Math(_logits_formula(l, names)), _source("logits", names, T))))
    blocks.append(Equations(tuple(_logit_line(e, names) for e in layer.logits)))
    formula = _eq(names.vec("a", l), Call(_fn(layer.activation), (names.vec("z", l),)))
    step = "activation_relu" if layer.activation in _RELUS else "activation"
    blocks.append(Heading(3, (f"{T['activation']}: ", Math(formula), _source(step, names, T))))
    blocks.append(Equations(tuple(_activation_line(e, names) for e in layer.activations)))
    return blocks + _bias_neuron_notes(l, names, T)


def _bias_neuron_notes(l: int, names: _Names, T: Dict[str, str]) -> List[Block]:
    """'ki', hidden layers: a⁽ˡ⁾₀ = 1 is the bias neuron, and the course code's index shift it causes."""
    if not (names.n.bias_neuron and l < names.L):
        return []
    return [Para((Math(chain(names.one(l), value=1)), T["bias_neuron"]), indent=4),
            Para((names.n.index_shift(T["lang"]),), indent=4)]


def _logits_formula(l: int, names: _Names) -> Eq:
    """z^l = W^l a^(l−1) + b^l for the whole layer, as the notation writes it.

    Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [logits]
    """
    Wa = Prod((names.vec("W", l), names.vec("a", l - 1)))
    if names.n.bias_neuron:  # the bias is column 0 of W, and a^(l−1)_0 = 1
        return _eq(names.vec("z", l), Wa)
    return _eq(names.vec("z", l), Sum((Wa, names.vec("b", l))))


def _logit_line(e: LogitEntry, names: _Names) -> Eq:
    """One logit with its products written out: z_i = Σ_j w_ij·a_j + b_i, then the numbers.

    Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [logits]
    """
    l, i, n = e.l, e.i, range(len(e.weights))
    symbols = [Prod((names.w(l, i, j), names.a(l - 1, j))) for j in n]
    numbers = [Prod((Num(e.weights[j]), Num(e.inputs[j]))) for j in n]
    if names.n.bias_neuron:  # 'ki': the bias is the weight from neuron 0, whose activation is 1
        symbolic = Sum((Prod((names.b(l, i), names.one(l - 1))), *symbols))
        return chain(names.z(l, i), symbolic, Sum((Prod((Num(e.bias), _ONE)), *numbers)), value=e.z)
    symbolic = Sum((*symbols, names.b(l, i)))
    numeric = Sum((*numbers, Num(e.bias)))
    if len(e.weights) > 1:  # the sum before the bias, as 'Woche 10 Theorie' writes 2.2 + 1 = 3.2
        return chain(names.z(l, i), symbolic, numeric, Sum((Num(e.weighted_sum), Num(e.bias))), value=e.z)
    return chain(names.z(l, i), symbolic, numeric, value=e.z)


def _activation_line(e: ActivationEntry, names: _Names) -> Eq:
    """a_i = σ(z_i) with σ written out for the layer's activation function.

    Slides: 'Matrizen' §2.3, 'Woche 10', 'KI selbst gemacht' — ``purenn formulas`` [sigmoid, relu, softmax]
    """
    l, name = e.l, e.function
    lhs, z_sym, z = names.a(l, e.i), names.z(l, e.i), Num(e.z)
    if name == "softmax":
        n = range(len(e.z_all))
        symbolic = Frac(Exp(z_sym), Sum(tuple(Exp(names.z(l, k)) for k in n)))
        return chain(lhs, symbolic, Frac(Exp(z), Sum(tuple(Exp(Num(v)) for v in e.z_all))), value=e.a)
    if name == "identity":
        return chain(lhs, z_sym, value=e.a)
    call = Call(_fn(name), (z_sym,))
    if name == "sigmoid":
        minus_z = Num(-e.z)  # e^(−z) with the sign worked out: e^(0.05) for z = −0.05
        return chain(lhs, call, Call(_fn(name), (z,)), Frac(_ONE, Sum((_ONE, Exp(minus_z)))), value=e.a)
    if name in _RELUS:
        return chain(lhs, call, Call(_MAX, (Num(0), z)), value=e.a)
    if name.startswith("leaky_relu"):
        return chain(lhs, call, Call(_MAX, (Prod((Num(_leaky_slope(name)), z)), z)), value=e.a)
    return chain(lhs, call, Call(_fn(name), (z,)), value=e.a)


def _output_blocks(trace: Trace, names: _Names, T: Dict[str, str]) -> List[Block]:
    out = chain(names.vec("a", trace.L), value=Vec(_nums(trace.output.flat())))
    return [Heading(2, (T["output"],)), Equations((out,))]


# -- loss, δ, gradients, update ---------------------------------------------------------------


def _loss_blocks(loss: LossEntry, names: _Names, T: Dict[str, str]) -> List[Block]:
    targets: List[Part] = [f"{T['target']}: "]
    for t in loss.terms:
        targets += ([", "] if t.j else []) + [Math(chain(names.y(t.j), value=t.y))]
    general, symbolic, numeric = _loss_formulas(loss, names)
    return [
        Heading(2, (f"{T['loss']} ({T.get(loss.name, loss.name)})",)),
        Para(tuple(targets), indent=2),
        Heading(3, (Math(general), _source(loss.name, names, T))),
        Equations((chain(names.C, symbolic, numeric, value=loss.value),)),
    ]


def _loss_formulas(loss: LossEntry, names: _Names) -> Tuple[Eq, Expr, Expr]:
    """The loss in general, with the symbols of every output neuron, and with the numbers.

    Slides: KI, Matrizen — ``purenn formulas`` [squared_error, half_squared_error, cross_entropy]
    """
    L, terms = names.L, loss.terms
    a_j, y_j = names.generic("a", L, "j"), names.generic("y", -1, "j")
    if loss.name == "cross_entropy":
        general: Expr = Neg(SumOver("j", Prod((y_j, Call(_LN, (a_j,))))))
        symbolic: Expr = Neg(Sum(tuple(Prod((names.y(t.j), Call(_LN, (names.a(L, t.j),)))) for t in terms)))
        numeric: Expr = Neg(Sum(tuple(Prod((Num(t.y), Call(_LN, (Num(t.a),)))) for t in terms)))
    elif loss.name == "half_squared_error":
        half = Word("½", r"\tfrac{1}{2}")
        general = Prod((half, SumOver("j", Square(Diff(y_j, a_j)))))
        symbolic = Prod((half, Sum(tuple(Square(Diff(names.y(t.j), names.a(L, t.j))) for t in terms))))
        numeric = Prod((half, Sum(tuple(Square(Diff(Num(t.y), Num(t.a))) for t in terms))))
    else:
        general = SumOver("j", Square(Diff(a_j, y_j)))
        symbolic = Sum(tuple(Square(Diff(names.a(L, t.j), names.y(t.j))) for t in terms))
        numeric = Sum(tuple(Square(Diff(Num(t.a), Num(t.y))) for t in terms))
    return _eq(names.C, general), symbolic, numeric


def _delta_blocks(back: LayerBackward, names: _Names, T: Dict[str, str]) -> List[Block]:
    """δ^l of one layer: the vector formula, then each entry with its factors."""
    rule = back.deltas[0].rule
    heading = (f"{T['layer']} {back.l}: ", Math(_delta_formula(back.l, rule, back.activation, names)),
               _source(rule, names, T))
    blocks: List[Block] = [Heading(3, heading)]
    lines: List[Eq] = []
    if rule in ("softmax_jacobian", "hidden_softmax"):  # every δ_i needs every ∂C/∂a_k: those first
        blocks.append(Para((Math(_softmax_jacobian_formula(back.l, names)),), indent=4))
        dC_da = _dC_da_line if rule == "softmax_jacobian" else _dC_da_hidden_line
        lines += [dC_da(d, names) for d in back.deltas]
    if rule == "hidden" and names.n.bias_neuron:  # σ'(z⁽ˡ⁾ⱼ) is read from a⁽ˡ⁾ⱼ₊₁
        blocks.append(Para((T["shift_again"],), indent=4))
    for d in back.deltas:
        if rule == "output":
            lines.append(_dC_da_line(d, names))
        if rule in ("output", "hidden"):
            lines.append(_sigma_prime_line(back.activation, d, names))
        lines.append(_delta_line(d, back.activation, names))
    return blocks + [Equations(tuple(lines))] + _relu_zero_note(back, T)


def _softmax_jacobian_formula(l: int, names: _Names) -> Eq:
    """∂a_k/∂z_i = a_k · (1{k=i} − a_i), the derivative of softmax.

    Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung III — ``purenn formulas`` [softmax_jacobian]
    """
    a_k, a_i, z_i = names.generic("a", l, "k"), names.generic("a", l, "i"), names.generic("z", l, "i")
    indicator = Name(Sym("1", "", ("k=i",)))
    return _eq(Partial(a_k, z_i), Prod((a_k, Diff(indicator, a_i))))


def _delta_formula(l: int, rule: str, name: str, names: _Names) -> Eq:
    """The vector formula that gives δ^l in this case.

    Slides: Matrizen, KI [delta_output, delta_hidden, softmax_ce_delta, softmax_jacobian]
    """
    delta, z, a = names.vec("δ", l), names.vec("z", l), names.vec("a", l)
    sigma_prime = Call(_fn(name, prime=True), (z,))
    if rule == "hidden":
        back = Prod((Transpose(names.vec("W", l + 1)), names.vec("δ", l + 1)))
        return _eq(delta, Hadamard(back, sigma_prime))
    if rule == "softmax_ce":
        return _eq(delta, Diff(a, Name(Sym("y"))))
    if rule in ("softmax_jacobian", "hidden_softmax"):
        a_k, z_i = names.generic("a", l, "k"), names.generic("z", l, "i")
        body = Prod((Partial(a_k, z_i), Partial(names.C, a_k)))
        return _eq(names.generic("δ", l, "i"), SumOver("k", body))
    return _eq(delta, Hadamard(Partial(names.C, a), sigma_prime))


def _dC_da_line(d: DeltaEntry, names: _Names) -> Eq:
    """∂C/∂a^L_i for the chosen loss, with the numbers.

    Slides: KI, Matrizen — ``purenn formulas`` [squared_error, half_squared_error, cross_entropy]
    """
    assert d.y is not None and d.dC_da is not None
    a_sym, y_sym, a, y = names.a(d.l, d.i), names.y(d.i), Num(d.a), Num(d.y)
    lhs = Partial(names.C, a_sym)
    if names.loss == "cross_entropy":
        return chain(lhs, Neg(Frac(y_sym, a_sym)), Neg(Frac(y, a)), value=d.dC_da)
    if names.loss == "half_squared_error":
        return chain(lhs, Diff(a_sym, y_sym), Diff(a, y), value=d.dC_da)
    return chain(lhs, Prod((Num(2), Diff(a_sym, y_sym))), Prod((Num(2), Diff(a, y))), value=d.dC_da)


def _dC_da_hidden_line(d: DeltaEntry, names: _Names) -> Eq:
    """∂C/∂a^l_i of a hidden layer: what the layer above sends back, Σ_k w^(l+1)_ki · δ^(l+1)_k.

    Slides: 'Matrizen in Neuronalen Netzen' §3.5 — ``purenn formulas`` [grad_a]
    """
    assert d.dC_da is not None
    symbolic, numeric = _sent_back(d.l, d.i, d.back_terms, names)
    return chain(Partial(names.C, names.a(d.l, d.i)), symbolic, numeric, value=d.dC_da)


def _sent_back(l: int, i: int, pairs: Sequence[Tuple[Scalar, Scalar]], names: _Names) -> Tuple[Expr, Expr]:
    """Σ_k w^(l+1)_ki · δ^(l+1)_k in symbols and in numbers, from the pairs (w^(l+1)_ki, δ^(l+1)_k)."""
    symbolic = Sum(tuple(Prod((names.w(l + 1, k, i), names.delta(l + 1, k))) for k in range(len(pairs))))
    numeric = Sum(tuple(Prod((Num(w), Num(dk))) for w, dk in pairs))
    return symbolic, numeric


def _sigma_prime_line(name: str, d: DeltaEntry, names: _Names) -> Eq:
    """σ'(z^l_i) for the layer's activation function, from a = σ(z) where the formula allows.

    Slides: 'Matrizen' §3.4, 'KI selbst gemacht' — ``purenn formulas`` [sigmoid_derivative, relu_derivative]
    """
    assert d.sigma_prime is not None
    a_sym, a = names.a(d.l, d.i), Num(d.a)
    lhs = Call(_fn(name, prime=True), (names.z(d.l, d.i),))
    if name == "sigmoid":
        return chain(lhs, Prod((a_sym, Diff(_ONE, a_sym))), Prod((a, Diff(_ONE, a))), value=d.sigma_prime)
    if name == "tanh":
        return chain(lhs, Diff(_ONE, Square(a_sym)), Diff(_ONE, Square(a)), value=d.sigma_prime)
    return chain(lhs, Call(_fn(name, prime=True), (Num(d.z),)), value=d.sigma_prime)


def _delta_line(d: DeltaEntry, name: str, names: _Names) -> Eq:
    """δ^l_i with the factors of its rule put in.

    Slides: Matrizen, KI [delta_output, softmax_ce_delta, softmax_jacobian, delta_hidden]
    """
    l, i = d.l, d.i
    lhs, sigma_prime = names.delta(l, i), Call(_fn(name, prime=True), (names.z(l, i),))
    if d.rule == "output":
        assert d.dC_da is not None and d.sigma_prime is not None
        symbolic: Expr = Prod((Partial(names.C, names.a(l, i)), sigma_prime))
        return chain(lhs, symbolic, Prod((Num(d.dC_da), Num(d.sigma_prime))), value=d.delta)
    if d.rule == "softmax_ce":
        assert d.y is not None and d.y_sum is not None
        if d.y_sum == 1:  # one-hot target: equation IV, δ = s − y
            return chain(lhs, Diff(names.a(l, i), names.y(i)), Diff(Num(d.a), Num(d.y)), value=d.delta)
        y_all = SumOver("k", names.generic("y", -1, "k"))
        return chain(lhs, Diff(Prod((names.a(l, i), y_all)), names.y(i)),
                     Diff(Prod((Num(d.a), Num(d.y_sum))), Num(d.y)), value=d.delta)
    if d.rule in ("softmax_jacobian", "hidden_softmax"):
        ks = range(len(d.terms))
        symbolic = Sum(tuple(Prod((Partial(names.a(l, k), names.z(l, i)), Partial(names.C, names.a(l, k))))
                             for k in ks))
        numeric = Sum(tuple(Prod((Num(J), Num(g))) for J, g in d.terms))
        return chain(lhs, symbolic, numeric, value=d.delta)
    assert d.sigma_prime is not None and d.total is not None
    back_sym, back_num = _sent_back(l, i, d.terms, names)
    return chain(lhs, Prod((back_sym, sigma_prime)), Prod((back_num, Num(d.sigma_prime))),
                 Prod((Num(d.total), Num(d.sigma_prime))), value=d.delta)


def _by_row(weights: Sequence[Eq], biases: Sequence[Eq], names: _Names, n_cols: int) -> List[Eq]:
    """Lines in the order of the matrix: row by row, the bias first in 'ki' (column 0), else last."""
    if not names.n.bias_neuron:
        return list(weights) + list(biases)
    out: List[Eq] = []
    for i, bias in enumerate(biases):
        out += [bias, *weights[i * n_cols:(i + 1) * n_cols]]
    return out


def _gradient_blocks(back: LayerBackward, names: _Names, T: Dict[str, str]) -> List[Block]:
    """∂C/∂W^l and ∂C/∂b^l, entry by entry, then as matrices.

    Slides: 'KI selbst gemacht' Gleichung 6, 'Matrizen' §3.5 — ``purenn formulas`` [grad_W, grad_b]
    """
    l, C = back.l, names.C
    weights = [
        chain(Partial(C, names.w(l, g.i, g.j)), Prod((names.delta(l, g.i), names.a(l - 1, g.j))),
              Prod((Num(g.delta), Num(g.a_prev))), value=g.value)
        for g in back.weight_gradients if g.j is not None
    ]
    if names.n.bias_neuron:  # ∂C/∂w_j0 = δ_j · a_0 with a_0 = 1
        biases = [chain(Partial(C, names.b(l, g.i)), Prod((names.delta(l, g.i), names.one(l - 1))),
                        Prod((Num(g.delta), _ONE)), value=g.value) for g in back.bias_gradients]
    else:
        biases = [chain(Partial(C, names.b(l, g.i)), names.delta(l, g.i), value=g.value)
                  for g in back.bias_gradients]
    formula: List[Part] = [f"{T['layer']} {l}: ", Math(_eq(
        Partial(C, names.vec("W", l)), Prod((names.vec("δ", l), Transpose(names.vec("a", l - 1))))))]
    if not names.n.bias_neuron:
        formula += [", ", Math(_eq(Partial(C, names.vec("b", l)), names.vec("δ", l)))]
    formula.append(_source("gradient_ce" if back.deltas[0].rule == "softmax_ce" else "gradient", names, T))
    blocks: List[Block] = [Heading(3, tuple(formula)), Equations(tuple(_by_row(weights, biases, names, back.dW.n_cols)))]
    return blocks + _parameter_lines(l, back.dW, back.db, names, lambda s: Partial(C, s), "", "")


def _update_blocks(update: LayerUpdate, eta: Scalar, names: _Names, T: Dict[str, str]) -> List[Block]:
    """Each parameter after one gradient-descent step, w ← w − η·∂C/∂w, then the new matrices.

    Slides: 'Künstliche Intelligenz selbst gemacht' Gleichung 8 — ``purenn formulas`` [sgd_update]
    """
    l, C = update.l, names.C

    def line(sym: Expr, u: UpdateEntry) -> Eq:
        step = Diff(sym, Prod((_ETA, Partial(C, sym))))
        numbers = Diff(Num(u.old), Prod((Num(eta), Num(u.grad))))
        return chain(sym, step, numbers, value=u.new, first="←")

    weights = [line(names.w(l, u.i, u.j), u) for u in update.weights if u.j is not None]
    biases = [line(names.b(l, u.i), u) for u in update.biases]
    lines = _by_row(weights, biases, names, update.W.n_cols)
    blocks: List[Block] = [Heading(3, (f"{T['layer']} {l}", _source("update", names, T))), Equations(tuple(lines))]
    return blocks + _parameter_lines(l, update.W, update.b, names, lambda s: s, T["new"], T["new"])


# -- a mini-batch: 'Matrizen in Neuronalen Netzen' §3.7–3.8 ----------------------------------


def _batch_blocks(trace: Trace, names: _Names, T: Dict[str, str], lang: str, decimals: int) -> List[Block]:
    """The Rechenweg of a mini-batch: every step as a matrix with one column per example.

    Each entry is written for its example k (a^(l,k)_j), then the whole
    matrix; the gradients are the sums over the batch and the step divides by N
    ('Matrizen in Neuronalen Netzen' §3.7–3.8).
    """
    N, first = trace.N, names.n.first
    blocks = _preamble(trace, names, T, lang, decimals)
    blocks.append(Para((T["batch"].format(N=N, k0=first, k1=first + N - 1),)))
    blocks += [Heading(2, (T["input"],)), _activations_line(names, 0, trace.x)]
    if names.n.bias_neuron:
        blocks.append(Para((Math(chain(names.one(0), value=1)), T["bias_neuron"]), indent=4))
    for layer in trace.layers:
        blocks += _batch_forward_blocks(layer, names, T)
    blocks += [Heading(2, (T["output"],)), _matrix_line("", names.vec("a", trace.L), trace.output)]
    if trace.loss is not None:
        assert trace.target is not None
        blocks += _batch_loss_blocks(trace.loss, trace.target, names, T)
        note = T["delta_note" if trace.L > 1 else "delta_note_1"]
        blocks += [Heading(2, (T["delta"],)), Para((note.format(L=trace.L),), indent=2)]
        for back in trace.backward:
            blocks += _batch_delta_blocks(back, names, T)
        blocks += [Heading(2, (T["gradient"],)), Para((T["batch_sum"].format(N=N),), indent=2)]
        for back in trace.backward:
            blocks += _batch_gradient_blocks(back, names, T)
    if trace.eta is not None:
        rate = _eq(Frac(_ETA, _N), Frac(Num(trace.eta), Num(N)))
        blocks.append(Heading(2, (f"{T['eta']} ", Math(chain(_ETA, value=trace.eta)), ", ",
                                  Math(chain(_N, value=N)), f": {T['update']}")))
        blocks.append(Para((Math(rate),), indent=2))
        for update in trace.updates:
            blocks += _batch_update_blocks(update, trace.eta, N, names, T)
    return blocks


_N = Word("N")


def _matrix_line(label: str, lhs: Expr, m: Matrix) -> MatrixLine:
    return MatrixLine(label, lhs, tuple(tuple(r) for r in m.rows))


def _activations_line(names: _Names, l: int, A: Matrix) -> MatrixLine:
    """A^l; in 'ki' with the bias neuron's row of ones on top in every layer but the output layer."""
    rows = [tuple(r) for r in A.rows]
    if names.n.bias_neuron and l < names.L:
        rows.insert(0, (1,) * A.n_cols)
    return MatrixLine("", names.vec("a", l), tuple(rows))


def _per_example(lines: Callable[[_Names, int], List[Eq]], names: _Names, N: int) -> Equations:
    """The lines of every example k = 0..N−1, each with its own symbols a^(l,k)_j."""
    return Equations(tuple(line for k in range(N) for line in lines(names.of_example(k), k)))


def _batch_forward_blocks(layer: LayerForward, names: _Names, T: Dict[str, str]) -> List[Block]:
    """Z^l = W^l·A^(l−1) + B^l and A^l = σ(Z^l), entry by entry for every example.

    Slides: 'Matrizen in Neuronalen Netzen' §3.7 — ``purenn formulas`` [batch_forward]
    """
    l, N = layer.l, layer.a_prev.n_cols
    label_W = T["weights_bias" if names.n.bias_neuron else "weights"]
    blocks: List[Block] = [Heading(2, (f"{T['layer']} {l} ({layer.activation})",))]
    blocks += _parameter_lines(l, layer.W, layer.b, names, lambda s: s, label_W, T["bias"])
    if names.n.bias_neuron:
        formula = _eq(names.vec("z", l), Prod((names.vec("W", l), names.vec("a", l - 1))))
    else:
        B = Name(Sym("B", names.n.layer(l)))
        formula = _eq(names.vec("z", l), Sum((Prod((names.vec("W", l), names.vec("a", l - 1))), B)))
        blocks.append(Para((Math(_eq(B, names.vec("b", l))), T["batch_bias"]), indent=2))
    blocks.append(Heading(3, (f"{T['logits']}: ", Math(formula), _source("logits_batch", names, T))))
    n = layer.W.n_rows
    blocks.append(_per_example(lambda nk, k: [_logit_line(e, nk) for e in layer.logits[k * n:(k + 1) * n]],
                               names, N))
    blocks.append(_matrix_line("", names.vec("z", l), layer.z))
    act = _eq(names.vec("a", l), Call(_fn(layer.activation), (names.vec("z", l),)))
    blocks.append(Heading(3, (f"{T['activation']}: ", Math(act), _source("logits_batch", names, T))))
    blocks.append(_per_example(
        lambda nk, k: [_activation_line(e, nk) for e in layer.activations[k * n:(k + 1) * n]], names, N))
    blocks.append(_activations_line(names, l, layer.a))
    return blocks + _bias_neuron_notes(l, names, T)


def _batch_loss_blocks(loss: LossEntry, Y: Matrix, names: _Names, T: Dict[str, str]) -> List[Block]:
    """The loss E^k of every example, then their mean, which purenn reports as the loss of the batch."""
    N, n = Y.n_cols, Y.n_rows
    general, _, _ = _loss_formulas(LossEntry(loss.name, loss.terms[:n], loss.value), names)
    Ek = names.summed(Sym(names.n.loss_symbol))
    lines: List[Eq] = []
    for k in range(N):
        nk = names.of_example(k)
        _, symbolic, numeric = _loss_formulas(LossEntry(loss.name, loss.terms[k * n:(k + 1) * n], 0), nk)
        lines.append(chain(nk.C, symbolic, numeric, value=loss.per_example[k]))
    total = sum(loss.per_example[1:], loss.per_example[0])
    lines.append(chain(names.C, SumOver("k", Ek), Sum(_nums(loss.per_example)), value=total))
    lines.append(chain(Frac(names.C, _N), value=loss.value))
    return [
        Heading(2, (f"{T['loss']} ({T.get(loss.name, loss.name)})",)),
        _matrix_line(T["target"], names.vec("y", names.L), Y),
        Heading(3, (Math(Eq((Ek,) + general.items[1:], general.rels)), _source(loss.name, names, T))),
        Equations(tuple(lines)),
        Para((T["batch_loss"],), indent=2),
    ]


def _batch_delta_blocks(back: LayerBackward, names: _Names, T: Dict[str, str]) -> List[Block]:
    """[δ^l], column k = δ^(l,k) of example k.

    Slides: 'Matrizen' §3.8.1 — ``purenn formulas`` [batch_delta_output, batch_delta_hidden]
    """
    rule, n = back.deltas[0].rule, back.delta.n_rows
    N = back.delta.n_cols
    batch_rule = {"output": "output_batch", "hidden": "hidden_batch"}.get(rule, rule)
    heading = (f"{T['layer']} {back.l}: ", Math(_delta_formula(back.l, rule, back.activation, names)),
               _source(batch_rule, names, T))
    blocks: List[Block] = [Heading(3, heading)]
    if rule in ("softmax_jacobian", "hidden_softmax"):
        blocks.append(Para((Math(_softmax_jacobian_formula(back.l, names)),), indent=4))

    def lines(nk: _Names, k: int) -> List[Eq]:
        out: List[Eq] = []
        deltas = back.deltas[k * n:(k + 1) * n]
        if rule in ("softmax_jacobian", "hidden_softmax"):
            dC_da = _dC_da_line if rule == "softmax_jacobian" else _dC_da_hidden_line
            out += [dC_da(d, nk) for d in deltas]
        for d in deltas:
            if rule == "output":
                out.append(_dC_da_line(d, nk))
            if rule in ("output", "hidden"):
                out.append(_sigma_prime_line(back.activation, d, nk))
            out.append(_delta_line(d, back.activation, nk))
        return out

    blocks.append(_per_example(lines, names, N))
    return blocks + _relu_zero_note(back, T) + [_matrix_line("", names.vec("δ", back.l), back.delta)]


def _batch_gradient_blocks(back: LayerBackward, names: _Names, T: Dict[str, str]) -> List[Block]:
    """∂E/∂W^l = [δ^l]·(A^(l−1))ᵀ and ∂E/∂b^l = [δ^l]·1, each entry the sum over the examples.

    Slides: 'Matrizen in Neuronalen Netzen' §3.8.1–3.8.2 — ``purenn formulas`` [batch_grad_W, batch_grad_b]
    """
    l, C, n = back.l, names.C, names.n
    ones = Vec((_ONE, Word("…", r"\dots"), _ONE))
    weights = [
        chain(Partial(C, names.w(l, g.i, g.j)),
              SumOver("k", Prod((names.summed(n.delta(l, g.i)), names.summed(n.a(l - 1, g.j, names.L))))),
              Sum(tuple(Prod((Num(d), Num(a))) for d, a in g.terms)), value=g.value)
        for g in back.weight_gradients if g.j is not None
    ]
    biases = [
        chain(Partial(C, names.b(l, g.i)), SumOver("k", names.summed(n.delta(l, g.i))),
              Sum(tuple(Num(d) for d, _ in g.terms)), value=g.value)
        for g in back.bias_gradients
    ]
    formula: List[Part] = [f"{T['layer']} {l}: ", Math(_eq(
        Partial(C, names.vec("W", l)), Prod((names.vec("δ", l), Transpose(names.vec("a", l - 1))))))]
    if not n.bias_neuron:
        formula += [", ", Math(_eq(Partial(C, names.vec("b", l)), Prod((names.vec("δ", l), ones))))]
    formula.append(_source("gradient_batch", names, T))
    blocks: List[Block] = [Heading(3, tuple(formula)),
                           Equations(tuple(_by_row(weights, biases, names, back.dW.n_cols)))]
    return blocks + _parameter_lines(l, back.dW, back.db, names, lambda s: Partial(C, s), "", "")


def _batch_update_blocks(update: LayerUpdate, eta: Scalar, N: int, names: _Names,
                         T: Dict[str, str]) -> List[Block]:
    """w ← w − η/N · ∂E/∂w, the mean gradient of the batch.

    Slides: 'Matrizen in Neuronalen Netzen' §3.3 — ``purenn formulas`` [sgd_update]
    """
    l, C = update.l, names.C

    def line(sym: Expr, u: UpdateEntry) -> Eq:
        step = Diff(sym, Prod((Frac(_ETA, _N), Partial(C, sym))))
        numbers = Diff(Num(u.old), Prod((Frac(Num(eta), Num(N)), Num(u.grad))))
        return chain(sym, step, numbers, value=u.new, first="←")

    weights = [line(names.w(l, u.i, u.j), u) for u in update.weights if u.j is not None]
    biases = [line(names.b(l, u.i), u) for u in update.biases]
    lines = _by_row(weights, biases, names, update.W.n_cols)
    blocks: List[Block] = [Heading(3, (f"{T['layer']} {l}", _source("update_batch", names, T))),
                           Equations(tuple(lines))]
    return blocks + _parameter_lines(l, update.W, update.b, names, lambda s: s, T["new"], T["new"])
