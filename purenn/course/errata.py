"""Errata: where the five course documents print a formula, an index or a line of code wrongly.

purenn follows the course documents formula for formula ('Parameter in
neuronalen Netzen', 'Training von neuronalen Netzen', 'Woche 10 Theorie:
Neuronale Netzwerke & die Mathe', 'Matrizen in Neuronalen Netzen',
'Künstliche Intelligenz selbst gemacht'). Teaching material has slips: a
swapped symbol, a sum that runs one index too far, code that does not run.
This module lists them. **Where a document is wrong, purenn follows the
correct formula**, and each entry says which formula that is and why.

Every entry is an ``Erratum`` of one of three kinds:

* ``Fehler``     — the printed formula, number or code gives a wrong result;
* ``Tippfehler`` — a slip in notation (a missing ∂, a wrong sub- or
  superscript) where the intended formula is clear from the context;
* ``Konvention`` — not an error: the documents use different but consistent
  conventions (index order, factor ½, ReLU'(0)), and a reader switching
  between them should know.

Each entry names in ``check`` the test in ``tests/test_errata.py`` that shows
numerically which version is right (a finite-difference gradient check, a
recomputation, or running the printed code).

``render`` produces the list for the command line (``purenn errata``) as text
or Markdown, in German (the default) or English:

>>> get("mat-delta-batch-output").kind
'Fehler'
>>> len({e.id for e in ERRATA}) == len(ERRATA)
True
>>> render(format="markdown", lang="en").splitlines()[0]
'# Errata in the course documents'
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Dict, List, Literal, Tuple

__all__ = ["Erratum", "Kind", "KINDS", "SOURCES", "ERRATA", "get", "render"]

Kind = Literal["Fehler", "Konvention", "Tippfehler"]

#: The three kinds of entries, most serious first.
KINDS: Tuple[Kind, ...] = ("Fehler", "Tippfehler", "Konvention")

PARAMETER = "Parameter in neuronalen Netzen"
TRAINING = "Training von neuronalen Netzen"
WOCHE10 = "Woche 10 Theorie: Neuronale Netzwerke & die Mathe"
MATRIZEN = "Matrizen in Neuronalen Netzen"
KI = "Künstliche Intelligenz selbst gemacht"

#: The five course documents, in course order.
SOURCES: Tuple[str, ...] = (PARAMETER, TRAINING, WOCHE10, MATRIZEN, KI)

_TESTS = "tests/test_errata.py::"


@dataclass(frozen=True)
class Erratum:
    """One entry: where (``source``, ``section``), what is printed, what is correct, and why.

    ``why`` is German, ``why_en`` English; ``check`` names the test that
    backs the entry (``tests/test_errata.py::test_…``).
    """

    id: str
    kind: Kind
    source: str
    section: str
    printed: str
    correct: str
    why: str
    why_en: str
    check: str


ERRATA: Tuple[Erratum, ...] = (
    # -- Training von neuronalen Netzen ---------------------------------------
    Erratum(
        id="train-delta-symbol",
        kind="Fehler",
        source=TRAINING,
        section="Anpassung der Parameter beim Gradientenabstiegsverfahren",
        printed="∂_11^1 Gradient der Verlustfunktion … „∂ spricht man ‚Delta‘“",
        correct="∂E/∂w_11^1; ∂ ist das Zeichen der partiellen Ableitung (gelesen „d“ oder „partiell“). "
        "Delta (δ) heißt in den anderen Dokumenten δ_1^1 = ∂E/∂z_1^1, und ∂E/∂w_11^1 = δ_1^1 · x_1",
        why="∂ ist kein Delta. Das Wort Delta ist in 'Matrizen' und 'Künstliche Intelligenz selbst gemacht' "
        "für δ = ∂E/∂z vergeben; der Gradient eines Gewichts ist δ mal die Eingabe, im Beispiel mit "
        "x_1 = 1,3 also ein anderer Wert als δ selbst.",
        why_en="∂ is not a delta. The other documents use delta for δ = ∂E/∂z; the gradient of a weight is "
        "δ times its input, which for the example input x_1 = 1.3 is a different number from δ.",
        check=_TESTS + "test_gradient_of_weight_is_not_delta",
    ),
    Erratum(
        id="train-update-without-eta",
        kind="Konvention",
        source=TRAINING,
        section="Anpassung der Parameter beim Gradientenabstiegsverfahren",
        printed="w_11^1 = w_11^1 − ∂_11^1",
        correct="w_11^1 ← w_11^1 − η · ∂E/∂w_11^1 (die Folie setzt stillschweigend η = 1)",
        why="Die Lernrate η fehlt in der Formel; sie wird erst unter „Bemerkungen zum Training“ erwähnt. "
        "Mit η = 1 kann ein Schritt über das Minimum hinausschießen und den Fehler vergrößern; purenn "
        "verlangt immer ein η > 0.",
        why_en="The learning rate η is missing (it is only mentioned later, under 'Bemerkungen zum Training'). "
        "With η = 1 a step can overshoot the minimum and increase the loss; purenn always takes an η > 0.",
        check=_TESTS + "test_update_without_learning_rate_can_overshoot",
    ),
    Erratum(
        id="train-loss-absolute",
        kind="Konvention",
        source=TRAINING,
        section="Evaluation",
        printed="Ergebnis 0.65, korrektes Ergebnis 0.45, „Verlust“ (Fehler): 0.2",
        correct="0.2 = |0.65 − 0.45| ist der absolute Fehler; mit dem quadratischen Fehler der anderen "
        "Dokumente wären es (0.65 − 0.45)² = 0.04 bzw. ½ (0.65 − 0.45)² = 0.02",
        why="Als Verlust wird hier die einfache Differenz genommen, in 'Matrizen' und 'Künstliche Intelligenz "
        "selbst gemacht' dagegen das Quadrat der Differenz. Beides ist eine zulässige Verlustfunktion, die "
        "Zahlen sind aber nicht vergleichbar; purenn rechnet mit den quadratischen Verlusten und Cross-Entropy.",
        why_en="The loss here is the plain difference; the other documents use its square. Both are valid "
        "losses but the numbers differ; purenn uses the squared losses and cross-entropy.",
        check=_TESTS + "test_training_example_loss_is_absolute_difference",
    ),
    Erratum(
        id="train-output-a1",
        kind="Tippfehler",
        source=TRAINING,
        section="Forward Pass",
        printed="Sigmoid-Aktivierung der zweiten Schicht (a_i^1)",
        correct="Sigmoid-Aktivierung der zweiten Schicht (a_i^2)",
        why="Die Aktivierungen der zweiten Schicht heißen a^2 = σ(z^2); a^1 ist die erste Schicht, die in "
        "derselben Aufzählung schon vorkommt.",
        why_en="The activations of the second layer are a^2 = σ(z^2); a^1 is the first layer, listed just above.",
        check=_TESTS + "test_forward_example_of_parameter_document",
    ),
    Erratum(
        id="train-backprop-order",
        kind="Fehler",
        source=TRAINING,
        section="Beispiel: Backpropagation",
        printed="„Dabei beginnt man in der letzten Schicht, berechnet für die Parameter dort die Gradienten und "
        "passt die Parameter dann an. Anschließend … berechnet mithilfe der bereits bekannten Gradienten die "
        "der vorhergehenden Schicht“",
        correct="Erst alle Gradienten mit den Parametern berechnen, mit denen der Forward Pass gerechnet hat "
        "(δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l) braucht W^(l+1) vor der Anpassung), dann alle Parameter anpassen",
        why="Wer die letzte Schicht schon anpasst und dann mit den neuen Gewichten zurückrechnet, bekommt für "
        "die vorderen Schichten nicht mehr den Gradienten der Verlustfunktion. purenn berechnet erst alle "
        "Gradienten (backward) und passt danach alle Schichten auf einmal an (step).",
        why_en="Updating the last layer first and then propagating back through the new weights no longer "
        "gives the gradient of the loss for the earlier layers. purenn computes all gradients first "
        "(backward), then updates all layers at once (step).",
        check=_TESTS + "test_backprop_uses_weights_before_update",
    ),
    # -- Woche 10 Theorie --------------------------------------------------------
    Erratum(
        id="w10-weight-index-order",
        kind="Konvention",
        source=WOCHE10,
        section="Wie berechnet sich ein Neuron im künstlichen neuronalen Netzwerk?",
        printed="w_12 „der Linie zwischen x_1 und y_2“, w_22, w_32 von x_3 zu y_2; Neuron y_2 im ersten Hidden Layer",
        correct="In der Schreibweise von 'Parameter in neuronalen Netzen' (w_ij von x_j zu Neuron i) sind das "
        "w_21, w_22, w_23 — Zeile 2 von W^1; das Neuron heißt dort a_2^1",
        why="Das Skript schreibt den Index der Quelle zuerst, 'Parameter' und 'Künstliche Intelligenz selbst "
        "gemacht' den des Ziels. Innerhalb des Skripts ist das einheitlich, die Rechnung "
        "5 · 0,2 + 2 · 0,1 + 4 · 0,25 + 1 = 3,2 und ReLU(3,2) = 3,2 stimmt. purenn speichert W^l wie "
        "'Parameter': Zeile = Zielneuron, Spalte = Quellneuron.",
        why_en="The script puts the source index first, 'Parameter' and the course code put the target first. "
        "It is consistent within the script and its numbers are right (3.2). purenn stores W^l as "
        "'Parameter' does: row = target neuron, column = source neuron.",
        check=_TESTS + "test_woche10_neuron_example_and_index_order",
    ),
    # -- Matrizen in Neuronalen Netzen ---------------------------------------------
    Erratum(
        id="mat-weight-index-order",
        kind="Konvention",
        source=MATRIZEN,
        section="2.3 Berechnung / 2.4 Berechnung als Vektor",
        printed="z_i^l = b_i^l + Σ_j a_j^(l−1) · w_(j,i)^l; W^l hat in Zeile i die Einträge w_(0,i)^l, w_(1,i)^l, …, w_(j,i)^l",
        correct="Dieselbe Matrix wie in 'Parameter in neuronalen Netzen': Eintrag (Zeile i, Spalte j) ist das "
        "Gewicht von Neuron j der Schicht l−1 zu Neuron i der Schicht l; 'Matrizen' nennt es w_(j,i)^l, "
        "'Parameter' w_ij^l. 'Matrizen' zählt außerdem ab 0, 'Parameter' ab 1",
        why="'Matrizen' schreibt die Quelle zuerst, die anderen Dokumente das Ziel; die Matrix W^l und "
        "z^l = W^l a^(l−1) + b^l sind trotzdem gleich. Wer Formeln zwischen den Dokumenten überträgt, muss "
        "die Indizes tauschen.",
        why_en="'Matrizen' writes the source index first, the other documents the target; the matrix W^l and "
        "z^l = W^l a^(l−1) + b^l are the same. Swap the indices when moving formulas between documents.",
        check=_TESTS + "test_matrizen_layout_w_ji_is_row_i_column_j",
    ),
    Erratum(
        id="mat-z01-example",
        kind="Tippfehler",
        source=MATRIZEN,
        section="2.3 Berechnung",
        printed="z_0^1 = a_0^0 · w_(0,0) + a_1^0 · w_(1,0) + b^1",
        correct="z_0^1 = a_0^0 · w_(0,0)^1 + a_1^0 · w_(1,0)^1 + b_0^1",
        why="Es fehlen der Schichtindex an den Gewichten und der Neuronenindex am Bias: b^1 ist der ganze "
        "Bias-Vektor, zu z_0^1 gehört nur b_0^1.",
        why_en="The layer index of the weights and the neuron index of the bias are missing: b^1 is the whole "
        "bias vector, z_0^1 needs only b_0^1.",
        check=_TESTS + "test_matrizen_layout_w_ji_is_row_i_column_j",
    ),
    Erratum(
        id="mat-forward-sum-limit",
        kind="Fehler",
        source=MATRIZEN,
        section="2.3 Berechnung",
        printed="z_i^l = b_i^l + Σ_{j=0}^{n^l} a_j^(l−1) · w_(j,i)^l",
        correct="z_i^l = b_i^l + Σ_{j=0}^{n^(l−1) − 1} a_j^(l−1) · w_(j,i)^l",
        why="j zählt die Neuronen der vorherigen Schicht l−1, nicht die der Schicht l; und wer ab 0 zählt, "
        "endet bei n − 1. Die gedruckte Summe greift auf Aktivierungen zu, die es nicht gibt.",
        why_en="j runs over the neurons of the previous layer l−1, not of layer l, and counting from 0 it ends "
        "at n − 1. The printed sum reads activations that do not exist.",
        check=_TESTS + "test_forward_sum_runs_over_previous_layer",
    ),
    Erratum(
        id="mat-vector-indices",
        kind="Tippfehler",
        source=MATRIZEN,
        section="2.4 Berechnung als Vektor",
        printed="z^l = (z_0^l, z_1^l, …, z_j^l), b^l = (b_0^l, b_1^l, …, b_j^l); im ausmultiplizierten Bias-Vektor "
        "als letzter Eintrag b_l^l",
        correct="z^l = (z_0^l, …, z_i^l), b^l = (b_0^l, …, b_i^l) — so viele Einträge wie W^l Zeilen hat (Index i)",
        why="z^l und b^l haben einen Eintrag je Neuron der Schicht l, also je Zeile von W^l; die Zeilen von W^l "
        "laufen bis i, j zählt die Spalten (Schicht l−1). b_l^l hat den Schichtindex statt des Neuronenindex.",
        why_en="z^l and b^l have one entry per neuron of layer l, i.e. per row of W^l, indexed by i; j counts the "
        "columns (layer l−1). b_l^l has the layer index where the neuron index belongs.",
        check=_TESTS + "test_matrizen_layout_w_ji_is_row_i_column_j",
    ),
    Erratum(
        id="mat-loss-sum-limits",
        kind="Fehler",
        source=MATRIZEN,
        section="3.2 Verlustfunktion",
        printed="E = ½ Σ_{j=1}^{n^L} (y_j − a_j^L)²",
        correct="E = ½ Σ_{j=0}^{n^L − 1} (y_j − a_j^L)²",
        why="Das Dokument zählt die Neuronen sonst ab 0 (a_0^0, z_0^1, δ_0^L). Mit diesen Indizes lässt die "
        "gedruckte Summe das Neuron 0 aus und greift auf ein Neuron n^L zu, das es nicht gibt.",
        why_en="The document otherwise counts neurons from 0. With those indices the printed sum skips neuron 0 "
        "and reads a neuron n^L that does not exist.",
        check=_TESTS + "test_loss_sum_counts_from_zero",
    ),
    Erratum(
        id="mat-dEj-dai",
        kind="Fehler",
        source=MATRIZEN,
        section="3.2 Verlustfunktion",
        printed="dE_j/da_i^L = (a_j^L − y_j)",
        correct="∂E_j/∂a_j^L = a_j^L − y_j (und ∂E_j/∂a_i^L = 0 für i ≠ j); für die Summe E: ∂E/∂a_j^L = a_j^L − y_j",
        why="E_j = ½ (y_j − a_j^L)² hängt nur von a_j^L ab. Nach einem anderen a_i^L abgeleitet ergibt sich 0, "
        "nicht a_j^L − y_j.",
        why_en="E_j = ½ (y_j − a_j^L)² depends on a_j^L only; its derivative with respect to another a_i^L is 0.",
        check=_TESTS + "test_dE_j_depends_only_on_a_j",
    ),
    Erratum(
        id="mat-update-sum-limit",
        kind="Fehler",
        source=MATRIZEN,
        section="3.3 Lernvorgang",
        printed="w_(j,i)^l → w_(j,i)^l − η/N · Σ_{k=0}^{N} ∂E^k/∂w_(j,i)^l (ebenso für b_j^l)",
        correct="w_(j,i)^l → w_(j,i)^l − η/N · Σ_{k=0}^{N−1} ∂E^k/∂w_(j,i)^l (oder Σ_{k=1}^{N})",
        why="Von k = 0 bis N sind es N + 1 Summanden, es gibt aber nur N Trainingsbeispiele; η/N mal die Summe "
        "soll η mal der Mittelwert sein.",
        why_en="k = 0 … N are N + 1 terms but there are N examples; η/N times the sum is meant to be η times the mean.",
        check=_TESTS + "test_sum_over_examples_has_N_terms",
    ),
    Erratum(
        id="mat-bias-update-arrow",
        kind="Tippfehler",
        source=MATRIZEN,
        section="3.3 Lernvorgang",
        printed="b_j^l o b_j^l − η/N · Σ …",
        correct="b_j^l → b_j^l − η/N · Σ_{k=0}^{N−1} ∂E^k/∂b_j^l",
        why="Statt des Pfeils (LaTeX \\to) steht ein „o“; gemeint ist dieselbe Aktualisierung wie für die Gewichte.",
        why_en="An 'o' stands where the arrow (LaTeX \\to) belongs; the update is the same as for the weights.",
        check=_TESTS + "test_sum_over_examples_has_N_terms",
    ),
    Erratum(
        id="mat-sigmoid-derivative-parens",
        kind="Tippfehler",
        source=MATRIZEN,
        section="3.4 Ableitung der sigmoid Funktion",
        printed="d/dx σ(x) = (0(· 1 + e^(−x)) − 1 · e^(−x) · −1) / (1 + e^(−x))²",
        correct="d/dx σ(x) = (0 · (1 + e^(−x)) − 1 · (e^(−x) · (−1))) / (1 + e^(−x))² = e^(−x) / (1 + e^(−x))²",
        why="Quotientenregel (u'v − uv')/v² mit u = 1, v = 1 + e^(−x): der Malpunkt gehört vor die Klammer, "
        "v' = −e^(−x) in eine eigene Klammer. Das Ergebnis σ(x)(1 − σ(x)) stimmt.",
        why_en="Quotient rule with u = 1, v = 1 + e^(−x): the dot belongs before the parenthesis and "
        "v' = −e^(−x) in parentheses of its own. The result σ(x)(1 − σ(x)) is right.",
        check=_TESTS + "test_sigmoid_derivative_quotient_rule",
    ),
    Erratum(
        id="mat-backprop-sum-limit",
        kind="Fehler",
        source=MATRIZEN,
        section="3.5 Fehler (δ)",
        printed="∂E/∂a_j^l = Σ_{i=0}^{n^(l+1)} δ_i^(l+1) · w_(j,i)^(l+1), ebenso in δ_j^l = [Σ_{i=0}^{n^(l+1)} …] · σ'(z_j^l)",
        correct="∂E/∂a_j^l = Σ_{i=0}^{n^(l+1) − 1} δ_i^(l+1) · w_(j,i)^(l+1)",
        why="Schicht l+1 hat n^(l+1) Neuronen mit den Indizes 0 … n^(l+1) − 1; die gedruckte Summe hat einen "
        "Summanden zu viel.",
        why_en="Layer l+1 has n^(l+1) neurons, indexed 0 … n^(l+1) − 1; the printed sum has one term too many.",
        check=_TESTS + "test_delta_hidden_sum_limits",
    ),
    Erratum(
        id="mat-dz-da-sum",
        kind="Fehler",
        source=MATRIZEN,
        section="3.5 Fehler (δ)",
        printed="∂z_i^(l+1)/∂a_j^l = ∂/∂a_j^l (Σ_{p=0}^{n^(l+1)} a_p^l · w_(p,i)^(l+1) + b_p^(l+1)) = w_(j,i)^(l+1)",
        correct="∂z_i^(l+1)/∂a_j^l = ∂/∂a_j^l (Σ_{p=0}^{n^l − 1} a_p^l · w_(p,i)^(l+1) + b_i^(l+1)) = w_(j,i)^(l+1)",
        why="p zählt die Neuronen der Schicht l (bis n^l − 1), nicht die der Schicht l+1; und z_i^(l+1) hat genau "
        "einen Bias b_i^(l+1), der außerhalb der Summe steht. Mit b_p in der Summe würden alle Biases der "
        "Schicht addiert. Das Ergebnis w_(j,i)^(l+1) stimmt, weil der Bias nicht von a_j^l abhängt.",
        why_en="p runs over the neurons of layer l (to n^l − 1), not layer l+1, and z_i^(l+1) has exactly one bias "
        "b_i^(l+1), outside the sum; with b_p inside, all the layer's biases would be added. The result "
        "w_(j,i)^(l+1) is right because the bias does not depend on a_j^l.",
        check=_TESTS + "test_dz_da_sum_runs_over_layer_l_with_one_bias",
    ),
    Erratum(
        id="mat-delta-sum-from-one",
        kind="Fehler",
        source=MATRIZEN,
        section="3.6.3 Fehler eines beliebigen Layers",
        printed="δ_j^l = [Σ_{i=1}^{n^(l+1)} w_(j,i)^(l+1) · δ_i^(l+1)] · σ'(z_j^l)",
        correct="δ_j^l = [Σ_{i=0}^{n^(l+1) − 1} w_(j,i)^(l+1) · δ_i^(l+1)] · σ'(z_j^l)",
        why="Die Ausschreibung direkt darunter beginnt mit δ_0^(l+1) · w_(0,0)^(l+1), und §3.5 lässt dieselbe "
        "Summe bei 0 beginnen. Ab 1 gezählt fehlt der Beitrag von Neuron 0.",
        why_en="The expansion right below starts with δ_0^(l+1) · w_(0,0)^(l+1) and §3.5 starts the same sum at 0; "
        "starting at 1 drops neuron 0's contribution.",
        check=_TESTS + "test_delta_hidden_sum_limits",
    ),
    Erratum(
        id="mat-delta-vector-label",
        kind="Tippfehler",
        source=MATRIZEN,
        section="3.6.3 Fehler eines beliebigen Layers",
        printed="δ_(i+1)^(l+1) = (δ_0^(l+1), δ_1^(l+1), …, δ_j^(l+1))",
        correct="δ^(l+1) = (δ_0^(l+1), δ_1^(l+1), …, δ_i^(l+1))",
        why="Gemeint ist der ganze Vektor δ^(l+1), kein Eintrag mit Index i+1; er hat so viele Einträge wie "
        "W^(l+1) Zeilen hat (Index i), nicht wie Schicht l Neuronen (Index j).",
        why_en="This is the whole vector δ^(l+1), not an entry i+1; it has one entry per row of W^(l+1) (index i), "
        "not per neuron of layer l (index j).",
        check=_TESTS + "test_delta_hidden_matrix_form",
    ),
    Erratum(
        id="mat-batch-bias-matrix",
        kind="Tippfehler",
        source=MATRIZEN,
        section="3.7 Feed-Forward Berechnung als Matriz",
        printed="A^l = σ(W^l · A^[l−1] + b^l)",
        correct="A^l = σ(W^l · A^(l−1) + B^l), B^l = (b^l, b^l, …, b^l) mit einer Spalte je Beispiel",
        why="W^l · A^(l−1) hat eine Spalte je Trainingsbeispiel; ein Spaltenvektor b^l lässt sich dazu nicht "
        "addieren. Genau dafür definiert der Abschnitt direkt davor die Matrix B^l.",
        why_en="W^l · A^(l−1) has one column per example; a column vector b^l cannot be added to it. The section "
        "defines B^l right before for exactly this.",
        check=_TESTS + "test_batch_forward_adds_B_columnwise",
    ),
    Erratum(
        id="mat-delta-batch-output",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.1 Fehlerberechnung",
        printed="[δ^L] = (Z^L − Y^L) ⊙ σ'(A^L)",
        correct="[δ^L] = (A^L − Y) ⊙ σ'(Z^L)",
        why="Z und A sind vertauscht. Spaltenweise muss dasselbe herauskommen wie in §3.6.1: "
        "δ^L = (a^L − y) ⊙ σ'(z^L) — die Ableitung des Verlusts nach der Aktivierung ist a − y, und σ' wird "
        "an der Roheingabe z ausgewertet. Der Gradiententest bestätigt (A^L − Y) ⊙ σ'(Z^L).",
        why_en="Z and A are swapped. Column by column it must equal §3.6.1, δ^L = (a^L − y) ⊙ σ'(z^L): the loss "
        "derivative is a − y and σ' is evaluated at z. A finite-difference check confirms (A^L − Y) ⊙ σ'(Z^L).",
        check=_TESTS + "test_delta_batch_uses_a_minus_y",
    ),
    Erratum(
        id="mat-delta-batch-hidden",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.1 Fehlerberechnung",
        printed="[δ^l] = (W^(l+1))^T · [δ^(l+1)] ⊙ σ'(A^l)",
        correct="[δ^l] = (W^(l+1))^T · [δ^(l+1)] ⊙ σ'(Z^l)  (für Sigmoid gleich … ⊙ A^l ⊙ (1 − A^l))",
        why="Wie in §3.5 und §3.6.3 gehört die Ableitung der Aktivierungsfunktion an der Roheingabe z dazu. "
        "σ'(A^l) = σ(A^l)(1 − σ(A^l)) ist ein anderer Wert; gemeint sein kann nur A^l ⊙ (1 − A^l), was für "
        "Sigmoid gleich σ'(Z^l) ist (§3.4).",
        why_en="As in §3.5 and §3.6.3, the activation's derivative is taken at z. σ'(A^l) = σ(A^l)(1 − σ(A^l)) is a "
        "different number; what can be meant is A^l ⊙ (1 − A^l), which equals σ'(Z^l) for the sigmoid.",
        check=_TESTS + "test_delta_batch_hidden_uses_sigma_prime_of_z",
    ),
    Erratum(
        id="mat-dE-dB-notation",
        kind="Tippfehler",
        source=MATRIZEN,
        section="3.8.1 Fehlerberechnung",
        printed="∂E/B^l = [δ^l]   ⇒   ∂E/b_j^l, k = δ_j^l, k",
        correct="∂E/∂B^l = [δ^l]   ⇒   ∂E^k/∂b_j^l = δ_j^(l,k)",
        why="Im Nenner fehlt das ∂, und k ist der Index des Trainingsbeispiels (hochgestellt wie in A^l), "
        "kein zweites Argument: Spalte k von [δ^l] ist der Bias-Gradient für Beispiel k.",
        why_en="The ∂ in the denominator is missing, and k is the example index (a superscript as in A^l): "
        "column k of [δ^l] is the bias gradient for example k.",
        check=_TESTS + "test_bias_gradient_is_row_sum_of_delta",
    ),
    Erratum(
        id="mat-bias-average",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.1 Fehlerberechnung",
        printed="„Um die durchschnittliche Steigung eines Biases zu berechnen, kann man die Bias-Matrix mit einem "
        "Einsvektor multiplizieren“: ⌀ E/b^l = [δ^l] · (1, 1, …, 1)^T",
        correct="[δ^l] · (1, …, 1)^T = Σ_k ∂E^k/∂b^l ist die Summe; der Durchschnitt ist (1/N) · [δ^l] · (1, …, 1)^T. "
        "Mit dem Einsvektor multipliziert wird [δ^l], nicht die Bias-Matrix B^l",
        why="Multiplikation mit dem Einsvektor addiert die Spalten, sie mittelt nicht. Das Update in §3.3 "
        "braucht genau diese Summe und teilt selbst durch N; wer [δ^l] · 1 für den Durchschnitt hält und "
        "nicht mehr durch N teilt, macht einen N-mal zu großen Schritt.",
        why_en="Multiplying by the ones vector sums the columns, it does not average them. The update in §3.3 "
        "needs exactly this sum (it divides by N itself).",
        check=_TESTS + "test_bias_gradient_is_row_sum_of_delta",
    ),
    Erratum(
        id="mat-grad-w-uses-z",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.2 Berechnung der Gradienten der Gewichte",
        printed="∂E^k/∂w_(0,0)^l = δ_i^(l,k) · z_j^(l−1,k)",
        correct="∂E^k/∂w_(j,i)^l = δ_i^(l,k) · a_j^(l−1,k)",
        why="Das Gewicht w_(j,i)^l multipliziert die Aktivierung a_j^(l−1), nicht die Roheingabe z_j^(l−1) "
        "(so auch §3.5: ∂E/∂w_(j,i)^l = δ_i^l · a_j^(l−1)); für l = 1 gibt es gar kein z^0. Links stehen "
        "außerdem feste Indizes (0,0), rechts allgemeine (i, j).",
        why_en="The weight w_(j,i)^l multiplies the activation a_j^(l−1), not z_j^(l−1) (as in §3.5); for l = 1 "
        "there is no z^0 at all. The left side also has fixed indices (0,0), the right side i, j.",
        check=_TESTS + "test_weight_gradient_uses_a_not_z",
    ),
    Erratum(
        id="mat-grad-w-sum-limit",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.2 Berechnung der Gradienten der Gewichte",
        printed="∂E/∂w_(0,0)^l = Σ_{k=0}^{N} δ_0^(l,k) · a_0^(l−1,k)",
        correct="∂E/∂w_(0,0)^l = Σ_{k=0}^{N−1} δ_0^(l,k) · a_0^(l−1,k)",
        why="Wie in §3.3: N Beispiele sind die Spalten 0 … N − 1 von [δ^l] und A^(l−1); k = 0 … N sind eins zu viel.",
        why_en="As in §3.3: N examples are the columns 0 … N − 1; k = 0 … N is one too many.",
        check=_TESTS + "test_sum_over_examples_has_N_terms",
    ),
    Erratum(
        id="mat-grad-W-lhs",
        kind="Fehler",
        source=MATRIZEN,
        section="3.8.2 Berechnung der Gradienten der Gewichte",
        printed="∂E/∂w_(1,0)^l = [δ^l] · (A^(l−1))^T",
        correct="∂E/∂W^l = [δ^l] · (A^(l−1))^T; der Eintrag in Zeile i, Spalte j ist ∂E/∂w_(j,i)^l "
        "(∂E/∂w_(1,0)^l steht in Zeile 0, Spalte 1)",
        why="Rechts steht eine Matrix von der Form von W^l, links die Ableitung nach einem einzelnen Gewicht. "
        "Die Gleichung gilt für die ganze Matrix.",
        why_en="The right side is a matrix shaped like W^l, the left side the derivative for a single weight; "
        "the equation holds for the whole matrix.",
        check=_TESTS + "test_batch_weight_gradient_is_delta_times_A_transposed",
    ),
    # -- Künstliche Intelligenz selbst gemacht ----------------------------------------
    Erratum(
        id="ki-private-method",
        kind="Fehler",
        source=KI,
        section="Klasse für neuronales Netz anlegen",
        printed="„Die beiden Unterstriche am Beginn des Namens zeigen eine private Methode an. Sie kann nicht von "
        "außerhalb der Klasse aufgerufen werden.“",
        correct="Zwei führende Unterstriche bewirken nur Name Mangling: außerhalb der Klasse heißt die Methode "
        "_NeuralNetwork__init_layers und lässt sich unter diesem Namen aufrufen",
        why="Python kennt kein erzwungenes „private“. nn.__init_layers() schlägt von außen fehl, "
        "nn._NeuralNetwork__init_layers() funktioniert.",
        why_en="Python has no enforced private. nn.__init_layers() fails from outside, "
        "nn._NeuralNetwork__init_layers() works.",
        check=_TESTS + "test_double_underscore_method_is_name_mangled_not_private",
    ),
    Erratum(
        id="ki-bias-neuron-sum",
        kind="Fehler",
        source=KI,
        section="Neuronen und Gewichte (Bias-Neuron)",
        printed="mit Bias-Neuron: z_j^(l) = w_(j,0)^(l) a_0^(l−1) + … + w_(j,n−1)^(l) a_(n−1)^(l−1) = Σ_{k=0}^{n−1} w_jk^(l) a_k^(l−1) "
        "(n = Anzahl der Neuronen im Layer l − 1)",
        correct="z_j^(l) = Σ_{k=0}^{n} w_jk^(l) a_k^(l−1) mit dem Bias-Neuron a_0^(l−1) = 1 und w_j0^(l) = b_j^(l) "
        "(so der Code: Bias an Index 0, W^(l) hat n + 1 Spalten)",
        why="Die Formel ist die vom Bias-freien Fall ohne + b_j. Mit dem zusätzlichen Bias-Neuron hat Schicht "
        "l − 1 aber n + 1 Aktivierungen; bei gleichbleibenden Grenzen fällt ein Summand — und damit der Bias "
        "oder ein echtes Neuron — weg.",
        why_en="This is the formula without a bias minus its + b_j. With the extra bias neuron layer l − 1 has "
        "n + 1 activations; keeping the limits drops one term, i.e. the bias or a real neuron.",
        check=_TESTS + "test_bias_neuron_needs_one_more_term",
    ),
    Erratum(
        id="ki-bias-shift-direction",
        kind="Fehler",
        source=KI,
        section="Bias",
        printed="σ(z) = 1 / (1 + e^(−z−4)); „Nur Addition (oder Subtraktion) der gewichteten Summe mit einer "
        "Konstante kann die Kurve nach rechts (oder links) verschieben“",
        correct="1 / (1 + e^(−z−4)) = σ(z + 4): die Kurve ist um 4 nach links verschoben (Mitte bei z = −4). "
        "Addition einer positiven Konstante verschiebt nach links, Subtraktion nach rechts",
        why="σ(z + c) erreicht ½ bei z = −c. Die parallelen Klammern ordnen Addition „rechts“ zu — umgekehrt "
        "richtig. Außerdem ist die verschobene Funktion nicht σ(z), sondern σ(z + 4).",
        why_en="σ(z + c) reaches ½ at z = −c, so adding shifts left; the parallel parentheses pair addition with "
        "'right'. The shifted function is σ(z + 4), not σ(z).",
        check=_TESTS + "test_adding_a_constant_shifts_sigmoid_left",
    ),
    Erratum(
        id="ki-init-weights-parenthesis",
        kind="Fehler",
        source=KI,
        section="Gewichte initialisieren",
        printed="layer_weights = numpy.random.randn(\n    len(self.weighted_sums[l]),\n    len(self.activations[l-1]))\n"
        ") * numpy.sqrt(2.0 / len(self.activations[l-1]))",
        correct="layer_weights = numpy.random.randn(\n    len(self.weighted_sums[l]),\n    len(self.activations[l-1])\n"
        ") * numpy.sqrt(2.0 / len(self.activations[l-1]))",
        why="In einigen Fassungen der Folie steht eine schließende Klammer zu viel; Python bricht mit "
        "SyntaxError ab.",
        why_en="Some versions of the slide have one closing parenthesis too many: a SyntaxError.",
        check=_TESTS + "test_init_weights_extra_parenthesis_is_syntax_error",
    ),
    Erratum(
        id="ki-init-weights-append",
        kind="Fehler",
        source=KI,
        section="Gewichte initialisieren",
        printed="        if l == 0:\n            self.weights.append([])\n        else:\n            layer_weights = …\n\n"
        "        self.weights.append(layer_weights)",
        correct="        if l == 0:\n            self.weights.append([])\n        else:\n            layer_weights = …\n"
        "            self.weights.append(layer_weights)",
        why="Steht das append auf Höhe des if, läuft es auch für l = 0: dort wurde gerade [] angehängt, und "
        "layer_weights existiert noch nicht — UnboundLocalError. Eine andere Fassung derselben Folie rückt "
        "es richtig in den else-Zweig ein.",
        why_en="At the level of the if, the append also runs for l = 0, where layer_weights does not exist yet: "
        "UnboundLocalError. Another version of the same slide indents it into the else branch, correctly.",
        check=_TESTS + "test_init_weights_append_outside_else_fails",
    ),
    Erratum(
        id="ki-randn-range",
        kind="Fehler",
        source=KI,
        section="Gewichte initialisieren",
        printed="numpy.random.randn, „die eine Matrix mit normalverteilten Zufallszahlen zwischen 0 und 1 erzeugt“",
        correct="numpy.random.randn liefert standardnormalverteilte Zahlen: Mittelwert 0, Standardabweichung 1, "
        "unbeschränkt (etwa 66 % liegen außerhalb von [0, 1], die Hälfte ist negativ)",
        why="„Zwischen 0 und 1“ beschreibt eine Gleichverteilung (numpy.random.rand). Für die He-"
        "Initialisierung wird gerade N(0, 1) gebraucht, das dann mit √(2/n) skaliert wird.",
        why_en="'Between 0 and 1' describes a uniform distribution (numpy.random.rand). He initialisation needs "
        "exactly N(0, 1), scaled by √(2/n).",
        check=_TESTS + "test_standard_normal_is_not_between_0_and_1",
    ),
    Erratum(
        id="ki-he-fan-in",
        kind="Konvention",
        source=KI,
        section="Gewichte initialisieren",
        printed="W ∼ N(0, √(2/n)) mit n = Anzahl der eingehenden Neuronen; Code: numpy.sqrt(2.0 / len(self.activations[l-1]))",
        correct="Der Code teilt durch n + 1, weil len(self.activations[l-1]) das Bias-Neuron mitzählt, und zieht "
        "auch die Bias-Gewichte zufällig; He et al. nehmen n = Anzahl der Eingänge ohne Bias und setzen die "
        "Biases auf 0. Das zweite Argument von N ist hier die Standardabweichung (in Varianz-Schreibweise N(0, 2/n))",
        why="Keine falsche Rechnung, aber Folie und Code meinen verschiedene n: bei structure=[3, 4, 2] ist "
        "die Standardabweichung im Code √(2/4) statt √(2/3). purenn nimmt die Zahl der Neuronen der Schicht "
        "l − 1 ohne Bias, wie die Formel, und zieht die Biases aus derselben Verteilung wie der Kurs.",
        why_en="Not a wrong computation, but slide and code use different n: for structure=[3, 4, 2] the code's "
        "standard deviation is √(2/4), not √(2/3). purenn uses the fan-in without the bias, as the formula says.",
        check=_TESTS + "test_he_std_in_code_counts_bias_neuron",
    ),
    Erratum(
        id="ki-relu-derivative-zero",
        kind="Konvention",
        source=KI,
        section="Ableitungen der Aktivierungsfunktionen",
        printed="ReLU'(x) = 1 wenn x > 0, 0 sonst; Code: numpy.heaviside(z, 1) („Werte gleich 0 … den Wert 1“)",
        correct="Bei z = 0 gibt die Formel 0, der Code 1. ReLU ist bei 0 nicht differenzierbar; jeder Wert in "
        "[0, 1] ist ein zulässiger Subgradient. purenn folgt der Formel: ReLU'(0) = 0",
        why="Folie und Code widersprechen sich nur an der Stelle z = 0, obwohl der Text sagt, heaviside "
        "entspreche „genau der Ableitung von ReLU“. Einen Unterschied macht das nur, wenn z exakt 0 wird.",
        why_en="Slide and code disagree only at z = 0 (formula 0, code 1); both are valid subgradients. purenn "
        "follows the formula: ReLU'(0) = 0.",
        check=_TESTS + "test_relu_derivative_at_zero_slide_vs_code",
    ),
    Erratum(
        id="ki-cost-vector",
        kind="Fehler",
        source=KI,
        section="Kostenfunktion / Kostenfunktion – Beispiel",
        printed="C_i = (A^(l) − Y)²;  C = [(0.9, 0.3, 0.6)^T − (1, 0, 1)^T]² = (0.01, 0.09, 0.16)^T",
        correct="C = Σ_j (a_j^(l) − y_j)² = 0.01 + 0.09 + 0.16 = 0.26; der Vektor enthält die Anteile C_j der "
        "einzelnen Neuronen",
        why="Die Kosten müssen eine Zahl sein: Gradient Descent sucht ein Minimum von C, und ∇C ist nur für "
        "eine skalare Funktion definiert. Gleichung 4, ∂C/∂a_j = 2(a_j − y_j), ist die Ableitung genau dieser "
        "Summe. Die Einträge des Beispiels stimmen.",
        why_en="The cost must be a number: gradient descent minimises C and ∇C is defined for a scalar function. "
        "Equation 4, ∂C/∂a_j = 2(a_j − y_j), is the derivative of this sum. The example's entries are right.",
        check=_TESTS + "test_squared_error_cost_is_scalar_sum",
    ),
    Erratum(
        id="ki-squared-error-factor",
        kind="Konvention",
        source=KI,
        section="Ableitung der Kostenfunktion (Gleichung 4)",
        printed="C = (A^(l) − Y)², ∂C/∂a_j = 2(a_j − y_j), δ_j = 2(a_j − y_j) · σ'(z_j)",
        correct="'Matrizen in Neuronalen Netzen' nimmt E = ½ Σ (y_j − a_j)² mit ∂E/∂a_j = a_j − y_j. Beide "
        "haben dasselbe Minimum; alle Gradienten unterscheiden sich um den Faktor 2, ein Schritt mit η auf C "
        "ist ein Schritt mit 2η auf E",
        why="Beide Schreibweisen sind in sich richtig. purenn bietet beide an (squared_error und "
        "half_squared_error); wer Zahlen zwischen den Dokumenten vergleicht, muss den Faktor 2 beachten.",
        why_en="Both are right in themselves. purenn offers both (squared_error and half_squared_error); "
        "comparing numbers between the documents needs the factor 2.",
        check=_TESTS + "test_squared_error_conventions_differ_by_factor_two",
    ),
    Erratum(
        id="ki-delta-recursion-index",
        kind="Fehler",
        source=KI,
        section="Ableitung der Kostenfunktion (Gleichung 7)",
        printed="δ_j^(l) = (Σ_{i=0}^{n^(l+1)−1} δ_j^(l+1) w_ij^(l+1)) · σ^(l)'(z_j^(l))  für innere Layer",
        correct="δ_j^(l) = (Σ_{i=0}^{n^(l+1)−1} δ_i^(l+1) w_ij^(l+1)) · σ^(l)'(z_j^(l))",
        why="Die Summe läuft über die Neuronen i der Schicht l + 1; dort steht δ_i^(l+1), wie der Text direkt "
        "davor („Dieser Ausdruck entspricht δ_i^(l+1)“) und die späteren Folien schreiben. Mit δ_j hinge jeder "
        "Summand vom falschen Neuron ab.",
        why_en="The sum runs over the neurons i of layer l + 1, so it is δ_i^(l+1), as the text just before and "
        "the later slides write. With δ_j every term uses the wrong neuron.",
        check=_TESTS + "test_delta_recursion_uses_delta_i",
    ),
    Erratum(
        id="ki-backprop-range-header",
        kind="Fehler",
        source=KI,
        section="Backpropagation-Algorithmus",
        printed="for l in range(len(self.activations))-1, 0, -1):   (andere Fassung: … -1, 0, -1:)",
        correct="for l in range(len(self.activations)-1, 0, -1):",
        why="Die schließende Klammer steht nach len(…) statt nach -1. Die eine Fassung ist ein SyntaxError, "
        "die andere rechnet range(…) − 1 und bricht mit TypeError ab. Die richtige Zeile steht auf einer "
        "anderen Folie.",
        why_en="The closing parenthesis comes after len(…) instead of after -1: one version is a SyntaxError, "
        "the other computes range(…) − 1 and fails with TypeError.",
        check=_TESTS + "test_backprop_loop_header_as_printed_fails",
    ),
    Erratum(
        id="ki-delta-w-name",
        kind="Fehler",
        source=KI,
        section="Backpropagation-Algorithmus",
        printed="delta_w[l] += -self.eta * numpy.matmul(partial_deltas[l], self.activations[l-1].T)",
        correct="delta_W[l] += -self.eta * numpy.matmul(partial_deltas[l], self.activations[l-1].T)",
        why="Die Liste heißt delta_W (großes W); Python unterscheidet Groß- und Kleinschreibung, delta_w ist "
        "nicht definiert — NameError.",
        why_en="The list is called delta_W; Python is case-sensitive, delta_w is undefined: NameError.",
        check=_TESTS + "test_delta_w_lowercase_is_name_error",
    ),
    Erratum(
        id="ki-delta-w-indent",
        kind="Fehler",
        source=KI,
        section="Backpropagation-Algorithmus",
        printed="for l in range(len(self.activations)-1, 0, -1):\n    …\ndelta_W[l] += -self.eta * numpy.matmul(…)",
        correct="for l in range(len(self.activations)-1, 0, -1):\n    …\n    delta_W[l] += -self.eta * numpy.matmul(…)",
        why="In einigen Fassungen steht die Zeile nach der Schleife statt in ihr. Dann läuft sie nur einmal, "
        "mit dem letzten Wert l = 1: nur die Gewichte zur ersten Hidden-Schicht würden je angepasst.",
        why_en="Some versions put the line after the loop instead of inside it; it then runs once, with l = 1, "
        "and only the first layer's weights would ever change.",
        check=_TESTS + "test_delta_w_update_after_loop_updates_only_layer_1",
    ),
    Erratum(
        id="ki-outer-product",
        kind="Tippfehler",
        source=KI,
        section="Anpassung der Gewichte als Matrixmultiplikation",
        printed="ΔW^(1) = −η · (δ^(1) A^(l−1)^T) = −η · [(δ_0^(1) & a_0^(0) \\\\ δ_1^(1) & a_0^(0) \\\\ δ_2^(1) & a_0^(0)) "
        "(δ_0^(1) & a_1^(0) \\\\ …)]",
        correct="ΔW^(1) = −η · δ^(1) (A^(0))^T = −η · ((δ_0 a_0, δ_0 a_1), (δ_1 a_0, δ_1 a_1), (δ_2 a_0, δ_2 a_1)) — "
        "eine 3×2-Matrix wie W^(1)",
        why="Für Schicht 1 ist A^(l−1) = A^(0). Im Ergebnis stehen Produkte δ_j a_k, keine Paare in getrennten "
        "Spalten; gedruckt sind zwei 3×2-Matrizen nebeneinander.",
        why_en="For layer 1, A^(l−1) is A^(0). The entries are products δ_j a_k, not pairs in separate columns.",
        check=_TESTS + "test_outer_product_delta_a_transposed",
    ),
    Erratum(
        id="ki-update-indent",
        kind="Fehler",
        source=KI,
        section="Backpropagation-Algorithmus (Lernschritt)",
        printed="for X, Y in training_data:\n    # ...\n\n    for l in range(1, len(delta_W)):\n"
        "        self.weights[l] += delta_W[l] / len(training_data)\n        delta_W[l][:] = 0",
        correct="for X, Y in training_data:\n    # ...\n\nfor l in range(1, len(delta_W)):\n"
        "    self.weights[l] += delta_W[l] / len(training_data)\n    delta_W[l][:] = 0",
        why="In einigen Fassungen steht die Anpassung in der Schleife über die Beispiele. Der Text sagt selbst: "
        "„Beide Schleifen müssen also auf derselben Einrückungsebene liegen.“ Eingerückt wird nach jedem "
        "Beispiel angepasst und jedes Mal durch N geteilt — das ist nicht der Mittelwert der Gradienten.",
        why_en="Some versions put the update inside the loop over the examples, which the text itself rules out. "
        "It then updates after every example, each time divided by N: not the mean of the gradients.",
        check=_TESTS + "test_weight_update_inside_example_loop_is_not_the_mean",
    ),
    Erratum(
        id="ki-zeilenvektoren",
        kind="Fehler",
        source=KI,
        section="Binärumwandlung trainieren",
        printed="„Unser Netzwerk erwartet die Input- und Output-Vektoren als Zeilenvektoren.“",
        correct="… als Spaltenvektoren (n × 1), z. B. numpy.array([[0], [0], [1]])",
        why="numpy.array([[0], [0], [1]]) hat drei Zeilen und eine Spalte. Der Text zu train sagt selbst "
        "„als numpy-Spaltenvektoren“, und predict prüft len(X) gegen die Zahl der Input-Neuronen; ein "
        "Zeilenvektor hätte die Länge 1.",
        why_en="numpy.array([[0], [0], [1]]) has three rows and one column; the text on train says 'column "
        "vectors', and predict checks len(X), which is 1 for a row vector.",
        check=_TESTS + "test_training_vectors_are_columns",
    ),
    Erratum(
        id="ki-fit-train",
        kind="Tippfehler",
        source=KI,
        section="Binärumwandlung trainieren",
        printed="„… können wir unsere soeben implementierte fit-Methode aufrufen“",
        correct="… unsere train-Methode aufrufen (nn.train(training_data))",
        why="Die Methode heißt im ganzen Code train; fit ist der Name aus anderen Bibliotheken.",
        why_en="The method is called train throughout the code; fit is the name other libraries use.",
        check=_TESTS + "test_course_code_calls_train_not_fit",
    ),
    Erratum(
        id="ki-ce-growth",
        kind="Fehler",
        source=KI,
        section="Cross-Entropy Loss – Beispiel",
        printed="„Für x gegen 0 steigen die Kosten exponentiell, daher sehr guter Gradient“",
        correct="−ln(x) wächst für x → 0 unbeschränkt, aber logarithmisch: jede Verzehntelung von x erhöht die "
        "Kosten nur um ln 10 ≈ 2,303. Die Ableitung −1/x wächst wie 1/x",
        why="Exponentielles Wachstum hieße: gleiche Schritte vervielfachen den Wert. Bei −ln(x) addiert jede "
        "Verzehntelung denselben Betrag. Der „gute Gradient“ stimmt (|−1/x| wird groß).",
        why_en="Exponential growth would multiply the value at equal steps; −ln(x) adds the same ln 10 per tenfold "
        "decrease. The point about the large gradient (|−1/x|) holds.",
        check=_TESTS + "test_cross_entropy_grows_logarithmically",
    ),
    Erratum(
        id="ki-softmax-sum-expansion",
        kind="Tippfehler",
        source=KI,
        section="Ableitung von Softmax",
        printed="∂/∂z_j Σ_{k=0}^{n^(l)−1} e^(z_k) = ∂/∂z_j (e^(z_0) + e^(z_1) + … + e^(z_j) + … + e^(z_n))",
        correct="… = ∂/∂z_j (e^(z_0) + … + e^(z_j) + … + e^(z_(n^(l)−1))) = e^(z_j)",
        why="Die Summe endet bei k = n^(l) − 1; der letzte ausgeschriebene Summand muss e^(z_(n^(l)−1)) sein. "
        "Das Ergebnis e^(z_j) und damit ∂ ln Σ/∂z_j = s_j stimmt.",
        why_en="The sum ends at k = n^(l) − 1, so the last written term is e^(z_(n^(l)−1)). The result is right.",
        check=_TESTS + "test_log_sum_exp_derivative_is_softmax",
    ),
    Erratum(
        id="ki-mnist-test-labels",
        kind="Fehler",
        source=KI,
        section="Ein Klassifikationsproblem trainieren: MNIST",
        printed="Testdaten: 10.000 Bilder, ohne Labels",
        correct="Testdaten: 10.000 Bilder, mit Labels (Datei t10k-labels-idx1-ubyte, 10.000 Labels)",
        why="MNIST liefert zu den Testbildern die Labels mit; nur deshalb kann man die Genauigkeit eines "
        "trainierten Netzes auf den Testdaten messen.",
        why_en="MNIST ships labels for the test images (t10k-labels-idx1-ubyte); that is what makes measuring "
        "test accuracy possible.",
        check=_TESTS + "test_mnist_test_set_has_labels",
    ),
)

_BY_ID: Dict[str, Erratum] = {e.id: e for e in ERRATA}


def get(erratum_id: str) -> Erratum:
    """The entry with this id.

    >>> get("ki-delta-w-name").source
    'Künstliche Intelligenz selbst gemacht'
    """
    try:
        return _BY_ID[erratum_id]
    except KeyError:
        raise KeyError(f"no erratum with id {erratum_id!r}; known: {', '.join(_BY_ID)}") from None


# -- rendering -------------------------------------------------------------------------

_LABELS: Dict[str, Dict[str, str]] = {
    "de": {
        "title": "Errata zu den Kursunterlagen",
        "intro": "Wo ein Dokument falsch ist, folgt purenn der richtigen Formel.",
        "entries": "Einträge",
        "none": "keine Einträge",
        "section": "Abschnitt",
        "printed": "gedruckt",
        "correct": "richtig",
        "why": "warum",
        "check": "Test",
        "Fehler": "Fehler",
        "Fehler+": "Fehler",
        "Tippfehler": "Tippfehler",
        "Tippfehler+": "Tippfehler",
        "Konvention": "Konvention",
        "Konvention+": "Konventionen",
    },
    "en": {
        "title": "Errata in the course documents",
        "intro": "Where a document is wrong, purenn follows the correct formula.",
        "entries": "entries",
        "none": "no entries",
        "section": "section",
        "printed": "printed",
        "correct": "correct",
        "why": "why",
        "check": "test",
        "Fehler": "error",
        "Fehler+": "errors",
        "Tippfehler": "typo",
        "Tippfehler+": "typos",
        "Konvention": "convention",
        "Konvention+": "conventions",
    },
}

_FORMATS = ("text", "markdown")
_TEXT_WIDTH = 100


def _summary(entries: Tuple[Erratum, ...], labels: Dict[str, str]) -> str:
    counts = [(k, sum(1 for e in entries if e.kind == k)) for k in KINDS]
    parts = [f"{n} {labels[k + '+'] if n != 1 else labels[k]}" for k, n in counts]
    return f"{len(entries)} {labels['entries']}: " + ", ".join(parts)


def _why(e: Erratum, lang: str) -> str:
    return e.why if lang == "de" else e.why_en


def _render_text(labels: Dict[str, str], lang: str) -> str:
    width = max(len(labels[k]) for k in ("printed", "correct", "why", "check")) + 2
    lines: List[str] = [labels["title"], _summary(ERRATA, labels) + ".", labels["intro"]]
    for source in SOURCES:
        lines += ["", f"== {source} =="]
        entries = [e for e in ERRATA if e.source == source]
        if not entries:
            lines.append(f"  ({labels['none']})")
        for e in entries:
            lines += ["", f"[{e.id}] {labels[e.kind]} · {e.section}"]
            for key, value in (
                ("printed", e.printed),
                ("correct", e.correct),
                ("why", _why(e, lang)),
                ("check", e.check),
            ):
                head = f"  {(labels[key] + ':').ljust(width)}"
                indent = " " * len(head)
                if "\n" in value:  # code: keep its lines and indentation
                    body = value.split("\n")
                    lines.append(head + body[0])
                    lines += [indent + more if more else "" for more in body[1:]]
                else:
                    lines += textwrap.wrap(
                        value, _TEXT_WIDTH, initial_indent=head, subsequent_indent=indent,
                        break_long_words=False, break_on_hyphens=False,
                    )
    return "\n".join(lines) + "\n"


def _md_value(value: str) -> str:
    """A value as inline code after a space, or as an indented fenced block when it has several lines."""
    if "\n" in value:
        fence = "````" if "```" in value else "```"
        body = "\n".join("  " + line if line else "" for line in value.split("\n"))
        return f"\n\n  {fence}text\n{body}\n  {fence}"
    tick = "``" if "`" in value else "`"
    pad = " " if "`" in value else ""
    return f" {tick}{pad}{value}{pad}{tick}"


def _render_markdown(labels: Dict[str, str], lang: str) -> str:
    lines: List[str] = [f"# {labels['title']}", "", _summary(ERRATA, labels) + ". " + labels["intro"]]
    for source in SOURCES:
        lines += ["", f"## {source}"]
        entries = [e for e in ERRATA if e.source == source]
        if not entries:
            lines += ["", f"*({labels['none']})*"]
        for e in entries:
            lines += [
                "",
                f"### `{e.id}` — {labels[e.kind]}",
                "",
                f"- **{labels['section'].capitalize()}:** {e.section}",
                f"- **{labels['printed'].capitalize()}:**{_md_value(e.printed)}",
                f"- **{labels['correct'].capitalize()}:**{_md_value(e.correct)}",
                f"- **{labels['why'].capitalize()}:** {_why(e, lang)}",
                f"- **{labels['check'].capitalize()}:** `{e.check}`",
            ]
    return "\n".join(lines) + "\n"


def render(format: str = "text", lang: str = "de") -> str:
    """The errata list as text (for a terminal) or Markdown, in German ("de") or English ("en").

    Entries are grouped by document in course order; a document without
    entries is listed as such.

    >>> print(render().splitlines()[0])
    Errata zu den Kursunterlagen
    """
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(_FORMATS)}")
    if lang not in _LABELS:
        raise ValueError(f"unknown language {lang!r}; use one of: {', '.join(_LABELS)}")
    labels = _LABELS[lang]
    if format == "markdown":
        return _render_markdown(labels, lang)
    return _render_text(labels, lang)
