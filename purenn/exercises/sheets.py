"""Problem and solution sheets of an exercise: Markdown, or a standalone LaTeX document.

The problem sheet gives the network, x, y, the loss, η, the notation and
what is asked; the solution sheet the whole Rechenweg
(``purenn.rechenweg.render``) and the answer key — the right values as
``name = value`` lines, which ``purenn check`` reads as an answer file.
LaTeX comes as a full document (``\\documentclass`` … ``\\end{document}``)
for a plain ``pdflatex``.
"""

from __future__ import annotations

import math
from typing import Dict, List

from purenn.exercises.answer_names import NameTable, quantities
from purenn.exercises.grading import right_value
from purenn.exercises.report import name_expr
from purenn.exercises.setup import Setup
from purenn.rechenweg.display import DEFAULT_DECIMALS, show
from purenn.rechenweg.mathtext import (
    Block, Equations, Heading, Math, MatrixLine, Name, Para, Vec, Num, chain, render_blocks,
)
from purenn.rechenweg.notation import Sym
from purenn.scalars import Scalar
from purenn.rechenweg.render import labels, trace_blocks

__all__ = ["SHEET_FORMATS", "problem_sheet", "solution_sheet", "answer_key", "standalone_latex"]

#: The formats of a sheet.
SHEET_FORMATS = ("markdown", "latex", "text")

_TEXT: Dict[str, Dict[str, str]] = {
    "de": {"problem": "Aufgabe", "solution": "Lösung", "source": "Quelle", "given": "Gegeben",
           "asked": "Gesucht", "loss": "Verlustfunktion", "eta": "Lernrate", "key": "Lösungsschlüssel",
           "key_note": "Die Werte als Antwortdatei für purenn check:",
           "forward": "der Forward Pass: alle Logits und Aktivierungen, Schicht für Schicht.",
           "backprop": "der Forward Pass, der Verlust, die Fehler δ aller Schichten, die Gradienten "
           "∂E/∂W und ∂E/∂b",
           "step": " und die Parameter nach einem Gradientenschritt.",
           "name_line": "Name: ____________________",
           "batch": "Ein Mini-Batch aus N = {N} Beispielen, eines je Spalte (k = {first} … {last}):",
           "batch_asked": " Die Werte z, a und δ für jedes Beispiel k; die Gradienten sind die Summen über "
           "den Mini-Batch, der Schritt ist W ← W − (η/N)·∂E/∂W ('Matrizen in Neuronalen Netzen' §3.8)."},
    "en": {"problem": "Exercise", "solution": "Solution", "source": "Source", "given": "Given",
           "asked": "Asked", "loss": "Loss", "eta": "Learning rate", "key": "Answer key",
           "key_note": "The values as an answer file for purenn check:",
           "forward": "the forward pass: every logit and activation, layer by layer.",
           "backprop": "the forward pass, the loss, the errors δ of every layer, the gradients ∂E/∂W and ∂E/∂b",
           "step": " and the parameters after one gradient step.",
           "name_line": "Name: ____________________",
           "batch": "A mini-batch of N = {N} examples, one per column (k = {first} … {last}):",
           "batch_asked": " The values z, a and δ for every example k; the gradients are the sums over the "
           "mini-batch, the step is W ← W − (η/N)·∂E/∂W ('Matrizen in Neuronalen Netzen' §3.8)."},
}


def _title(setup: Setup, word: str) -> str:
    return f"{word}: {setup.exercise.title}" if setup.exercise.title else word


def _problem_blocks(setup: Setup, lang: str) -> List[Block]:
    T, n, net = _TEXT[lang], setup.notation, setup.net
    blocks: List[Block] = [Heading(1, (_title(setup, T["problem"]),)), Para((T["name_line"],))]
    if setup.exercise.source:
        blocks.append(Para((f"{T['source']}: {setup.exercise.source}",)))
    blocks.append(Para((f"{labels(lang)['notation']}: ",
                        *(p if isinstance(p, str) else Math(Name(p)) for p in n.describe_parts(lang)))))
    blocks.append(Heading(2, (T["given"],)))
    for l in range(1, net.L + 1):
        blocks.append(Para((f"{labels(lang)['layer']} {l}: {net.activation(l).name}",)))
        blocks.append(MatrixLine("", Name(n.vector("W", l)), tuple(tuple(r) for r in net.W(l).rows)))
        blocks.append(Para((Math(chain(Name(n.vector("b", l)), value=Vec(tuple(Num(v) for v in net.b(l).flat())))),),
                           indent=2))
    if setup.N > 1:  # a mini-batch: A^0 and Y, one example per column ('Matrizen' §3.7)
        a0, Y = n.vector("a", 0), setup.Y
        blocks.append(Para((T["batch"].format(N=setup.N, first=n.index(0), last=n.index(setup.N - 1)),)))
        blocks.append(MatrixLine("", Name(Sym(a0.base.upper(), a0.sup)), tuple(tuple(r) for r in setup.X.rows)))
        if Y is not None and setup.loss is not None:
            blocks.append(MatrixLine("", Name(Sym(n.target.upper())), tuple(tuple(r) for r in Y.rows)))
    else:
        blocks.append(Para((Math(chain(Name(n.vector("a", 0)), value=Vec(tuple(Num(v) for v in setup.x)))),),
                           indent=2))
        if setup.y is not None and setup.loss is not None:
            blocks.append(Para((Math(chain(Name(Sym("y")), value=Vec(tuple(Num(v) for v in setup.y)))),), indent=2))
    if setup.y is not None and setup.loss is not None:
        blocks.append(Para((f"{T['loss']}: {labels(lang).get(setup.loss.name, setup.loss.name)}",), indent=2))
    if setup.eta is not None:
        blocks.append(Para((f"{T['eta']} η = {show(setup.eta).plain()}",), indent=2))
    asked = T["forward"] if setup.y is None else T["backprop"] + (T["step"] if setup.eta is not None else ".")
    if setup.N > 1 and setup.y is not None:
        asked += T["batch_asked"]
    blocks += [Heading(2, (T["asked"],)), Para((asked,))]
    return blocks


def answer_key(setup: Setup, decimals: int = DEFAULT_DECIMALS) -> str:
    """The right values as an answer file (ASCII names, rounded to ``decimals``), read by ``purenn check``."""
    t = setup.trace()
    names = NameTable(quantities(t), setup.notation, t.L)
    return "".join(f"{names.ascii(q)} = {show(v, _key_decimals(v, decimals)).plain()}\n"
                   for q, v in ((q, right_value(t, q)) for q in quantities(t)))


def _key_decimals(value: Scalar, decimals: int) -> int:
    """Enough decimals for the two significant digits ``purenn check`` asks for (−0.000540, not −0.0005).

    A small value gets three, so that a dropped trailing zero still leaves two.
    """
    v = abs(float(value))
    if v == 0 or v >= 10 ** (2 - decimals):
        return decimals
    return 2 - math.floor(math.log10(v))


def _solution_blocks(setup: Setup, lang: str, decimals: int) -> List[Block]:
    T, t = _TEXT[lang], setup.trace()
    blocks: List[Block] = [Heading(1, (_title(setup, T["solution"]),))]
    blocks += trace_blocks(t, setup.notation, lang, decimals)[1:]  # the Rechenweg without its title
    key = tuple(chain(name_expr(q, setup.notation, t.L), value=right_value(t, q)) for q in quantities(t))
    blocks += [Heading(2, (T["key"],)), Equations(key)]
    return blocks


def standalone_latex(fragment: str, title: str) -> str:
    """A LaTeX fragment of ``render_blocks`` as a full document for a plain ``pdflatex``."""
    unicode = {"03B4": r"\ensuremath{\delta}", "03C3": r"\ensuremath{\sigma}", "03B7": r"\ensuremath{\eta}",
               "2248": r"\ensuremath{\approx}", "2212": "-", "00B7": r"\ensuremath{\cdot}",
               "2299": r"\ensuremath{\odot}", "2202": r"\ensuremath{\partial}", "00BD": r"\ensuremath{\tfrac12}",
               "03A3": r"\ensuremath{\Sigma}", "2192": r"\ensuremath{\to}", "2190": r"\ensuremath{\leftarrow}",
               "2026": r"\ensuremath{\ldots}"}  # k = 0 … 2 of a mini-batch
    declarations = "".join(f"\\DeclareUnicodeCharacter{{{code}}}{{{tex}}}\n" for code, tex in unicode.items())
    return (
        "\\documentclass[a4paper,11pt]{article}\n"
        "\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath,amssymb}\n"
        "\\usepackage[margin=2cm]{geometry}\n"
        + declarations
        + f"\\title{{{title}}}\n\\date{{}}\n\\begin{{document}}\n"
        + fragment
        + "\\end{document}\n"
    )


def _render(blocks: List[Block], fmt: str, decimals: int, title: str) -> str:
    if fmt not in SHEET_FORMATS:
        raise ValueError(f"unknown sheet format {fmt!r}; choose one of: {', '.join(SHEET_FORMATS)}")
    text = render_blocks(blocks, fmt, decimals)
    return standalone_latex(text, title) if fmt == "latex" else text


def problem_sheet(setup: Setup, fmt: str = "markdown", lang: str = "de", decimals: int = DEFAULT_DECIMALS) -> str:
    """The problem sheet of ``setup``: what is given and what is asked."""
    lang = "en" if lang == "en" else "de"
    return _render(_problem_blocks(setup, lang), fmt, decimals, _title(setup, _TEXT[lang]["problem"]))


def solution_sheet(setup: Setup, fmt: str = "markdown", lang: str = "de", decimals: int = DEFAULT_DECIMALS) -> str:
    """The solution sheet of ``setup``: the whole Rechenweg and the answer key."""
    lang = "en" if lang == "en" else "de"
    return _render(_solution_blocks(setup, lang, decimals), fmt, decimals, _title(setup, _TEXT[lang]["solution"]))
