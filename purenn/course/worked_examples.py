"""The worked examples of the course documents, recomputed with purenn.

Each ``WorkedExample`` holds the calculation as a document writes it, the
number(s) the document prints (``printed``; None where the document gives
no number) and a function that computes the same thing with purenn's API —
``Matrix``, ``Layer``, ``Network``, ``activations``, ``losses``. Where a
document's input allows it the arithmetic is exact (``Fraction("0.2")`` is
exactly 1/5), so 5·0.2 + 2·0.1 + 4·0.25 is 2.2 and not 2.2000000000000002.

``check()`` compares the two: ✓ they agree (within the document's rounding),
✗ they do not — then ``erratum`` names the entry of ``purenn errata`` that
explains why the document is wrong — and · the document prints no number and
purenn's value is shown for reference.

>>> ex = get("w10-weighted-sum")
>>> ex.printed, ex.result()
(Fraction(11, 5), Fraction(11, 5))
>>> ex.check().symbol, get("ki-cost-sum").check().symbol, get("ki-cost-sum").erratum
('✓', '✗', 'ki-cost-vector')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Dict, List, Optional, Tuple, Union

from purenn import activations, losses
from purenn.course.documents import KI, PARAMETER, SOURCES, TRAINING, WOCHE10
from purenn.rechenweg.display import show
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.scalars import Scalar

__all__ = ["Value", "WorkedExample", "Outcome", "EXAMPLES", "TRAINING_DATA", "get", "format_value", "render"]

#: A number, a vector (tuple of numbers) or a matrix (tuple of rows).
Value = Union[Scalar, Tuple[Scalar, ...], Tuple[Tuple[Scalar, ...], ...]]

F = Fraction


@dataclass(frozen=True)
class WorkedExample:
    """One calculation of a document: what it prints and how purenn computes the same.

    ``tolerance`` is how far purenn's value may be from the printed one —
    0 means exactly equal, otherwise the document's rounding (0.3567 stands
    for anything within 0.00005). ``keys`` are the formulas used
    (``purenn formulas``), ``erratum`` the ``purenn errata`` entry that
    concerns this example, ``note`` anything the reader needs besides.

    ``source`` says where the compared value comes from: ``"document"`` — the
    document prints this number for this calculation; ``"table"`` — the
    document gives the right answer (the binary table 101 → 5), not the
    network's output; ``"own"`` — a check purenn adds, the value is not in
    any document.
    """

    id: str
    document: str
    section: str
    what: str
    printed: Optional[Value]
    compute: Callable[[], Value] = field(repr=False, compare=False)
    tolerance: float = 0.0
    keys: Tuple[str, ...] = ()
    erratum: Optional[str] = None
    note: str = ""
    source: str = "document"

    def result(self) -> Value:
        """purenn's value, computed once."""
        if self.id not in _RESULTS:
            _RESULTS[self.id] = self.compute()
        return _RESULTS[self.id]

    def check(self) -> "Outcome":
        """Compare the printed value with purenn's."""
        value = self.result()
        if self.printed is None:
            status = "computed"
        elif _agree(self.printed, value, self.tolerance):
            status = "ok"
        else:
            status = "wrong"
        return Outcome(self, value, status)


_RESULTS: Dict[str, Value] = {}


@dataclass(frozen=True)
class Outcome:
    """The result of ``WorkedExample.check``: "ok", "wrong" or "computed" (nothing printed)."""

    example: WorkedExample
    value: Value
    status: str

    @property
    def symbol(self) -> str:
        return {"ok": "✓", "wrong": "✗", "computed": "·"}[self.status]

    @property
    def explained(self) -> bool:
        """False only for a disagreement that no erratum explains — a bug in purenn or a missing erratum."""
        return self.status != "wrong" or self.example.erratum is not None


def _agree(printed: Value, value: Value, tolerance: float) -> bool:
    if isinstance(printed, tuple) or isinstance(value, tuple):
        if not (isinstance(printed, tuple) and isinstance(value, tuple) and len(printed) == len(value)):
            return False
        return all(_agree(p, v, tolerance) for p, v in zip(printed, value))
    if tolerance == 0:
        return bool(printed == value)
    return abs(float(printed) - float(value)) <= tolerance


def format_value(value: Optional[Value], decimals: int = 4) -> str:
    """A value as the documents write it: exact in full, floats rounded and marked ≈, a vector in (…).

    >>> format_value((F(-25), 36, 14)), format_value(0.356674943), format_value(((1, 4), (2, 5)))
    ('(-25, 36, 14)', '≈ 0.3567', '((1, 4), (2, 5))')
    >>> format_value((0.5, 0.0900306)), format_value(None)
    ('≈ (0.5, 0.09)', '—')
    """
    if value is None:
        return "—"
    text = _plain(value, decimals)
    return text if _exact(value, decimals) else "≈ " + text


def _plain(value: Value, decimals: int) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_plain(v, decimals) for v in value) + ")"
    return show(value, decimals).plain()


def _exact(value: Value, decimals: int) -> bool:
    if isinstance(value, tuple):
        return all(_exact(v, decimals) for v in value)
    return show(value, decimals).exact


# -- the calculations ----------------------------------------------------------------------------


def _column(m: Matrix) -> Tuple[Scalar, ...]:
    return tuple(m.flat())


# 'Woche 10 Theorie': the neuron y_2 with inputs x = (5, 2, 4), weights (0.2, 0.1, 0.25), bias 1.
_W10_INPUT = Matrix.column([5, 2, 4])
_W10_LAYER = Layer(Matrix([[F("0.2"), F("0.1"), F("0.25")]]), Matrix.column([1]), activations.relu)


def _w10_weighted_sum() -> Value:
    return (_W10_LAYER.W @ _W10_INPUT)[0, 0]


def _w10_plus_bias() -> Value:
    return _W10_LAYER.logits(_W10_INPUT)[0, 0]


def _w10_relu() -> Value:
    return Network([_W10_LAYER]).predict(_W10_INPUT)[0, 0]


# 'Parameter in neuronalen Netzen': parameter counts.
def _zero_network(structure: List[int]) -> Network:
    """A network of the given shape with all parameters 0 — only its size matters here."""
    return Network([
        Layer(Matrix.zeros(n, m), Matrix.zeros(n, 1), activations.identity)
        for m, n in zip(structure, structure[1:])
    ])


def _layer_params(structure: List[int]) -> Callable[[], Value]:
    return lambda: tuple(layer.n_params for layer in _zero_network(structure).layers)


def _total_params(structure: List[int]) -> Callable[[], Value]:
    return lambda: _zero_network(structure).n_params


# 'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel, with the input of 'Training'.
def _parameter_network() -> Network:
    return Network([
        Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), activations.sigmoid),
        Layer(Matrix([[0, 1, 0], [1, -1, 1]]), Matrix.column([-1, 0]), activations.softmax),
    ])


_TRAINING_INPUT = [1.3, 0.8]


def _forward_step(which: str) -> Callable[[], Value]:
    def compute() -> Value:
        fp = _parameter_network().forward(_TRAINING_INPUT)
        m = {"z1": fp.z(1), "a1": fp.a(1), "z2": fp.z(2), "y": fp.output}[which]
        return _column(m)
    return compute


# 'Training von neuronalen Netzen', Evaluation: output 0.65, correct 0.45.
_T_OUT, _T_TARGET = Matrix.column([F("0.65")]), Matrix.column([F("0.45")])


def _training_absolute() -> Value:
    return (_T_OUT - _T_TARGET).map(abs)[0, 0]


def _training_loss(loss: losses.Loss) -> Callable[[], Value]:
    return lambda: loss.cost(_T_OUT, _T_TARGET)


# 'Künstliche Intelligenz selbst gemacht'.
_KI_W = Matrix([[F("-0.5"), 4], [3, -5], [1, -2]])
_KI_A0 = Matrix.column([2, -6])


def _ki_matmul() -> Value:
    return _column(_KI_W @ _KI_A0)


def _ki_relu() -> Value:
    return _column(activations.relu(_KI_W @ _KI_A0))


def _ki_transpose() -> Value:
    return tuple(tuple(row) for row in Matrix([[1, 2, 3], [4, 5, 6]]).T.rows)


_KI_A = Matrix.column([F("0.9"), F("0.3"), F("0.6")])
_KI_Y = Matrix.column([1, 0, 1])


def _ki_cost_per_neuron() -> Value:
    return _column(losses.per_neuron(losses.squared_error, _KI_A, _KI_Y))


def _ki_cost_sum() -> Value:
    return losses.squared_error.cost(_KI_A, _KI_Y)


def _ki_cross_entropy() -> Value:
    return losses.cross_entropy.cost(Matrix.column([0.1, 0.7, 0.2]), Matrix.column([0, 1, 0]))


def _ki_softmax_sum() -> Value:
    return math.fsum(float(v) for v in activations.softmax(Matrix.column([-25.0, 36.0, 14.0])).flat())


_ORDER_Z = [0.3, -1.2, 2.0]


def _ranking(values: List[float]) -> Tuple[Scalar, ...]:
    """The positions from largest to smallest (counted from 0)."""
    return tuple(sorted(range(len(values)), key=lambda i: -values[i]))


def _ki_softmax_order() -> Value:
    return _ranking([float(v) for v in activations.softmax(Matrix.column(_ORDER_Z)).flat()])


def _ki_softmax_stable() -> Value:
    return _column(activations.softmax(Matrix.column([1000.0, 1001.0, 1002.0])))


#: The seven examples of the slide 'Binärumwandlung trainieren'; 101 → 5 is left
#: out on purpose, for the network to guess (also the data of ``purenn demo``).
TRAINING_DATA = [
    ([0, 0, 0], [0]),
    ([0, 0, 1], [1]),
    ([0, 1, 0], [2]),
    ([0, 1, 1], [3]),
    ([1, 0, 0], [4]),
    ([1, 1, 0], [6]),
    ([1, 1, 1], [7]),
]
BINARY_DATA = TRAINING_DATA
BINARY_SEED = 1


def _binary_network() -> Network:
    """The course's 3-4-1 ReLU network trained as on the slide: η = 0.01, 3000 iterations over all data."""
    cached = _NETWORKS.get("binary")
    if cached is None:
        cached = Network.create([3, 4, 1], hidden="relu", output="relu", seed=BINARY_SEED)
        cached.train(BINARY_DATA, epochs=3000, batch_size=0, eta=0.01, seed=BINARY_SEED)
        _NETWORKS["binary"] = cached
    return cached


_NETWORKS: Dict[str, Network] = {}


def dead_at_start(net: Network, data: List[Tuple[List[int], List[int]]] = BINARY_DATA) -> bool:
    """True if the output neuron's z^L ≤ 0 for every example before training: a dead ReLU.

    Then ReLU'(z^L) = 0 for every example, so δ^L = 0, every gradient is 0 and
    no weight ever changes: the network answers 0 for everything, however long
    it trains ('Künstliche Intelligenz selbst gemacht', Fragen: "Dying-Neuron-Problem").
    """
    X = Matrix.from_columns([x for x, _ in data])
    return all(v <= 0 for v in net.forward(X).z(net.L).flat())


def _binary_dead_seeds() -> Value:
    return tuple(s for s in range(1, 21)
                 if dead_at_start(Network.create([3, 4, 1], hidden="relu", output="relu", seed=s)))


def _binary_unknown() -> Value:
    return _binary_network().predict([1, 0, 1])[0, 0]


def _binary_known() -> Value:
    net = _binary_network()
    return tuple(net.predict(x)[0, 0] for x, _ in BINARY_DATA)


# -- the list -----------------------------------------------------------------------------------

_NEURON = "Wie berechnet sich ein Neuron im künstlichen neuronalen Netzwerk?"
_FORWARD_NOTE = (
    "Die Eingabe x steht nur im Bild; hier x = (1.3, 0.8), die Eingabe aus 'Training von neuronalen Netzen'."
)

EXAMPLES: Tuple[WorkedExample, ...] = (
    # -- Parameter in neuronalen Netzen --------------------------------------------------------
    WorkedExample(
        "param-example-layers", PARAMETER, "Anzahl der Parameter im Beispiel",
        "Schicht 1: 6 · 8, Schicht 2: 9 · 1 (5 Inputs, 8 Neuronen, 1 Neuron)",
        (48, 9), _layer_params([5, 8, 1]), keys=("param_count",),
    ),
    WorkedExample(
        "param-example-total", PARAMETER, "Anzahl der Parameter im Beispiel",
        "Insgesamt 48 + 9", 57, _total_params([5, 8, 1]), keys=("param_count_total",),
    ),
    WorkedExample(
        "param-real-layers", PARAMETER, "Anzahl der Parameter in realistischerem Netzwerk",
        "301 · 1000, 1001 · 1000, 1001 · 128 (300 Inputs; 1000, 1000, 128 Neuronen)",
        (301000, 1001000, 128128), _layer_params([300, 1000, 1000, 128]), keys=("param_count",),
    ),
    WorkedExample(
        "param-real-total", PARAMETER, "Anzahl der Parameter in realistischerem Netzwerk",
        "Insgesamt", 1430128, _total_params([300, 1000, 1000, 128]), keys=("param_count_total",),
    ),
    WorkedExample(
        "param-forward-z1", PARAMETER, "Forward Pass an einem Beispiel",
        "z^1 = W^1 x + b^1, W^1 = (2 1; 1 2; 0.5 3), b^1 = (-1, 0, -0.25)",
        None, _forward_step("z1"), keys=("logits",), note=_FORWARD_NOTE,
    ),
    WorkedExample(
        "param-forward-a1", PARAMETER, "Forward Pass an einem Beispiel",
        "a^1 = σ(z^1)", None, _forward_step("a1"), keys=("sigmoid", "activation"),
    ),
    WorkedExample(
        "param-forward-z2", PARAMETER, "Forward Pass an einem Beispiel",
        "z^2 = W^2 a^1 + b^2, W^2 = (0 1 0; 1 -1 1), b^2 = (-1, 0)",
        None, _forward_step("z2"), keys=("logits",),
    ),
    WorkedExample(
        "param-forward-y", PARAMETER, "Forward Pass an einem Beispiel",
        "y = softmax(z^2)", None, _forward_step("y"), keys=("softmax", "forward"),
    ),
    # -- Training von neuronalen Netzen ---------------------------------------------------------
    WorkedExample(
        "train-param-total", TRAINING, "Das Beispiel vom letzten Mal",
        "1 · 9 + 8 · 6 = 9 + 48", 57, _total_params([5, 8, 1]), keys=("param_count_total",),
    ),
    WorkedExample(
        "train-loss", TRAINING, "Evaluation",
        "Verlust: Ergebnis 0.65, korrekt 0.45 → |0.65 - 0.45|", F("0.2"), _training_absolute,
        erratum="train-loss-absolute",
        note="Der Verlust der Folie ist der absolute Fehler; purenn hat ihn nicht als Verlustfunktion.",
    ),
    WorkedExample(
        "train-loss-squared", TRAINING, "Evaluation",
        "dasselbe mit squared_error: (0.65 - 0.45)²", None, _training_loss(losses.squared_error),
        keys=("squared_error",), erratum="train-loss-absolute",
    ),
    WorkedExample(
        "train-loss-half", TRAINING, "Evaluation",
        "dasselbe mit half_squared_error: ½ (0.45 - 0.65)²", None, _training_loss(losses.half_squared_error),
        keys=("half_squared_error",), erratum="train-loss-absolute",
    ),
    # -- Woche 10 Theorie ------------------------------------------------------------------------
    WorkedExample(
        "w10-weighted-sum", WOCHE10, _NEURON, "5 · 0.2 + 2 · 0.1 + 4 · 0.25", F("2.2"), _w10_weighted_sum,
        keys=("neuron", "matmul"),
    ),
    WorkedExample(
        "w10-plus-bias", WOCHE10, _NEURON, "2.2 + 1 (Bias b = 1)", F("3.2"), _w10_plus_bias,
        keys=("neuron", "logits"),
    ),
    WorkedExample(
        "w10-relu", WOCHE10, "Einblendung ReLU", "ReLU(3.2)", F("3.2"), _w10_relu,
        keys=("neuron", "relu"),
    ),
    # -- Künstliche Intelligenz selbst gemacht -----------------------------------------------------
    WorkedExample(
        "ki-matmul", KI, "Matrixmultiplikation – Beispiel", "(-0.5 4; 3 -5; 1 -2) · (2, -6)",
        (-25, 36, 14), _ki_matmul, keys=("matmul",),
    ),
    WorkedExample(
        "ki-relu", KI, "Feedforward-Schritt", "ReLU((-25, 36, 14))", (0, 36, 14), _ki_relu,
        keys=("relu", "activation"),
    ),
    WorkedExample(
        "ki-transpose", KI, "Matrixtransposition – Beispiel", "(1 2 3; 4 5 6)^T",
        ((1, 4), (2, 5), (3, 6)), _ki_transpose, keys=("transpose",),
    ),
    WorkedExample(
        "ki-cost-per-neuron", KI, "Kostenfunktion – Beispiel", "((0.9, 0.3, 0.6) - (1, 0, 1))², je Neuron",
        (F("0.01"), F("0.09"), F("0.16")), _ki_cost_per_neuron, keys=("squared_error",),
    ),
    WorkedExample(
        "ki-cost-sum", KI, "Kostenfunktion – Beispiel", "die Kosten C",
        (F("0.01"), F("0.09"), F("0.16")), _ki_cost_sum, keys=("squared_error",), erratum="ki-cost-vector",
        note="Die Kosten sind eine Zahl: C = 0.01 + 0.09 + 0.16.",
    ),
    WorkedExample(
        "ki-cross-entropy", KI, "Cross-Entropy Loss – Beispiel",
        "-(0 · ln 0.1 + 1 · ln 0.7 + 0 · ln 0.2) = -ln 0.7", 0.3567, _ki_cross_entropy,
        tolerance=0.00005, keys=("cross_entropy",),
    ),
    WorkedExample(
        "ki-softmax-sum", KI, "Softmax für Klassifikationsnetzwerke",
        "Summe der Softmax-Aktivierungen, z = (-25, 36, 14)", 1, _ki_softmax_sum,
        tolerance=1e-12, keys=("softmax",), source="own",
        note="Die Folie sagt „ergeben in Summe 1“; das z der Matrixmultiplikation ist purenns eigene Probe.",
    ),
    WorkedExample(
        "ki-softmax-order", KI, "Softmax für Klassifikationsnetzwerke",
        "Rangfolge (größter zuerst) von softmax(z) für z = (0.3, -1.2, 2.0); die von z ist (2, 0, 1)",
        (2, 0, 1), _ki_softmax_order, keys=("softmax",), source="own",
        note="Die Folie sagt „ordnungserhaltend“; das Beispiel-z ist purenns eigene Probe.",
    ),
    WorkedExample(
        "ki-softmax-stable", KI, "Numerisch stabiler Softmax",
        "softmax*(z) für z = (1000, 1001, 1002): e^(z_i - 1002) / Σ_j e^(z_j - 1002)",
        None, _ki_softmax_stable, keys=("softmax_stable",),
        note="e^1000 ist für float zu groß; ohne Verschiebung ginge es nicht.",
    ),
    WorkedExample(
        "ki-binary-101", KI, "Binärumwandlung trainieren",
        "Vorhersage für den nicht trainierten Input 101 (Netz 3-4-1, ReLU, η = 0.01, 3000 Iterationen, seed 1)",
        5, _binary_unknown, tolerance=0.25, keys=("forward", "sgd_update"), source="table",
        note="Die Folien zeigen keine Ausgabe des Netzes; 5 ist der Sollwert der Binärtabelle (101 → 5).",
    ),
    WorkedExample(
        "ki-binary-known", KI, "Binärumwandlung trainieren",
        "Vorhersagen für die trainierten Inputs 000, 001, 010, 011, 100, 110, 111",
        (0, 1, 2, 3, 4, 6, 7), _binary_known, tolerance=0.25, keys=("forward", "sgd_update"), source="table",
    ),
    WorkedExample(
        "ki-binary-dead-seeds", KI, "Binärumwandlung trainieren / Fragen (Dying-Neuron-Problem)",
        "seeds 1–20, deren Ausgabe-ReLU schon vor dem Training tot ist (z² ≤ 0 für alle sieben Eingaben)",
        None, _binary_dead_seeds, keys=("relu_derivative",), source="own",
        note="Für diese 5 von 20 seeds ist ReLU'(z²) = 0 bei jedem Beispiel, also δ² = 0 und jeder Gradient 0: "
        "kein Gewicht ändert sich, das Netz antwortet immer 0 (purenn demo --seed 3). Die übrigen 15 beginnen "
        "mit einer lebenden Ausgabe und können lernen, wie seed 1 oben.",
    ),
)

_BY_ID: Dict[str, WorkedExample] = {e.id: e for e in EXAMPLES}


def get(example_id: str) -> WorkedExample:
    """The example with this id."""
    try:
        return _BY_ID[example_id]
    except KeyError:
        raise KeyError(f"no worked example {example_id!r}; known: {', '.join(_BY_ID)}") from None


# -- rendering ---------------------------------------------------------------------------------------

_LEGEND = (
    "✓ purenn rechnet dasselbe; ✗ das Dokument irrt (siehe Erratum); "
    "· das Dokument nennt keine Zahl, purenn rechnet sie aus. „Dokument“ steht nur vor Zahlen, die ein "
    "Dokument für diese Rechnung druckt; „Soll“ ist die richtige Antwort aus einer Tabelle des Dokuments, "
    "„Probe“ ein Wert, den purenn selbst prüft"
)

#: How the compared value is labelled, by ``WorkedExample.source``.
_SOURCE_LABELS = {"document": "Dokument", "table": "Soll", "own": "Probe"}


def _label(example: WorkedExample) -> str:
    """"Dokument", "Soll" or "Probe" before the compared value; "Dokument" (—) where nothing is compared."""
    return "Dokument" if example.printed is None else _SOURCE_LABELS[example.source]


def _in_course_order(outcomes: List[Outcome]) -> List[Tuple[str, List[Outcome]]]:
    return [(doc, [o for o in outcomes if o.example.document == doc]) for doc in SOURCES
            if any(o.example.document == doc for o in outcomes)]


def _notes(o: Outcome) -> List[str]:
    notes = []
    if o.example.note:
        notes.append(o.example.note)
    if o.example.erratum:
        notes.append(f"Erratum {o.example.erratum} (purenn errata)")
    return notes


def _render_text(outcomes: List[Outcome]) -> str:
    lines = ["Rechenbeispiele der Kursunterlagen, nachgerechnet mit purenn", _LEGEND]
    width = max(len(format_value(o.example.printed)) for o in outcomes)
    for doc, group in _in_course_order(outcomes):
        lines += ["", f"== {doc} =="]
        section = None
        for o in group:
            if o.example.section != section:
                section = o.example.section
                lines += ["", f"  {section}"]
            lines += [
                f"    {o.symbol} {o.example.what}",
                f"        {(_label(o.example) + ':').ljust(9)} "
                f"{format_value(o.example.printed).ljust(width)}   purenn: {format_value(o.value)}",
            ]
            lines += [f"        → {n}" for n in _notes(o)]
    lines += ["", _summary(outcomes)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _render_markdown(outcomes: List[Outcome]) -> str:
    lines = ["# Rechenbeispiele der Kursunterlagen", "", _LEGEND]
    for doc, group in _in_course_order(outcomes):
        lines += ["", f"## {doc}", "", "| | Abschnitt | Rechnung | Dokument | purenn | Hinweis |",
                  "|---|---|---|---|---|---|"]
        for o in group:
            compared = format_value(o.example.printed)
            if o.example.printed is not None and o.example.source != "document":
                compared = f"{_label(o.example)}: {compared}"  # not printed by the document: say what it is
            lines.append(
                f"| {o.symbol} | {_md(o.example.section)} | {_md(o.example.what)} "
                f"| {_md(compared)} | {_md(format_value(o.value))} "
                f"| {_md(' '.join(_notes(o)))} |"
            )
    lines += ["", _summary(outcomes)]
    return "\n".join(lines) + "\n"


def _summary(outcomes: List[Outcome]) -> str:
    count = {s: sum(1 for o in outcomes if o.status == s) for s in ("ok", "wrong", "computed")}
    text = (
        f"{len(outcomes)} Rechnungen: {count['ok']} ✓, {count['wrong']} ✗ (mit Erratum), "
        f"{count['computed']} · (ohne Zahl im Dokument)"
    )
    unexplained = [o.example.id for o in outcomes if not o.explained]
    if unexplained:
        text += f"; ABWEICHUNG OHNE ERRATUM: {', '.join(unexplained)}"
    return text


def render(format: str = "text", outcomes: Optional[List[Outcome]] = None) -> str:
    """All examples, document beside purenn, as text or Markdown, grouped by document in course order."""
    if format not in ("text", "markdown"):
        raise ValueError(f"unknown format {format!r}; use one of: text, markdown")
    checked = [e.check() for e in EXAMPLES] if outcomes is None else outcomes
    return _render_markdown(checked) if format == "markdown" else _render_text(checked)
