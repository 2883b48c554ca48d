"""The grading written down: every answer ✓ or ✗ with its Rechenweg line, as text, Markdown or LaTeX.

The report is built from the same blocks as the Rechenweg
(``purenn.rechenweg.mathtext``), so a formula looks the same in both and
each of the three formats comes for free. The Rechenweg line of a value is
taken from the Rechenweg itself (``purenn.rechenweg.render.trace_blocks``):
the line whose left-hand side is the value's name.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from purenn.exercises.answer_names import Quantity, symbol
from purenn.exercises.grading import Grading, Verdict
from purenn.rechenweg.display import DEFAULT_DECIMALS
from purenn.rechenweg.mathtext import (
    Block, Eq, Equations, Expr, Heading, Math, Name, Para, Part, Partial, Word, chain, render_blocks,
)
from purenn.rechenweg.render import labels, trace_blocks
from purenn.rechenweg.trace import Trace
from purenn.rechenweg.notation import Notation

__all__ = ["render", "report_blocks", "rechenweg_lines", "name_expr"]

_MARKS = {
    "right": Word("✓", r"\checkmark"),
    "follow": Word("↳", r"\hookrightarrow"),
    "wrong": Word("✗", r"\times"),
    "coarse": Word("✗", r"\times"),
}

_TEXT = {
    "de": {
        "title": "Korrektur",
        "tolerance": "Toleranz: Ein Wert mit d Nachkommastellen ist richtig, wenn er höchstens eine halbe Einheit "
        "der letzten Stelle vom richtigen Wert abweicht (also richtig gerundet ist); aus den eigenen gerundeten "
        "Zwischenwerten gerechnet, höchstens eine Einheit. Mindestens {m} gültige Ziffern, außer der Wert ist "
        "exakt. Ein Bruch muss exakt stimmen.",
        "answers": "Antworten",
        "line": "Zeile",
        "right_is": "richtig ist ",
        "own_values": " (aus den eigenen gerundeten Zwischenwerten)",
        "follow": "Folgefehler: folgt richtig aus den eigenen früheren Werten, ",
        "follow_would": "richtig wäre ",
        "coarse": "zu grob gerundet (mindestens {m} gültige Ziffern), ",
        "rechenweg": "Rechenweg: ",
        "slip": "Typischer Fehler: ",
        "first": "Erster Fehler",
        "first_text": "Der erste falsche Schritt ist ",
        "formula": "; die Formel dafür: ",
        "unknown": "Unbekannte Namen",
        "did_you_mean": "meintest du ",
        "no_idea": "kein ähnlicher Name",
        "missing": "Nicht beantwortet",
        "summary": "Ergebnis",
        "values": "Werte",
    },
    "en": {
        "title": "Grading",
        "tolerance": "Tolerance: a value with d decimals is right if it is within half a unit of its last digit "
        "of the right value (that is, correctly rounded); computed from one's own rounded earlier values, "
        "within one unit. At least {m} significant digits unless the value is exact. A fraction must be exact.",
        "answers": "Answers",
        "line": "line",
        "right_is": "right is ",
        "own_values": " (from one's own rounded earlier values)",
        "follow": "consequential error: follows correctly from one's own earlier values, ",
        "follow_would": "right would be ",
        "coarse": "rounded too coarsely (at least {m} significant digits), ",
        "rechenweg": "Calculation: ",
        "slip": "Typical slip: ",
        "first": "First mistake",
        "first_text": "The first wrong step is ",
        "formula": "; its formula: ",
        "unknown": "Unknown names",
        "did_you_mean": "did you mean ",
        "no_idea": "no similar name",
        "missing": "Not answered",
        "summary": "Result",
        "values": "values",
    },
}


def name_expr(q: Quantity, n: Notation, L: int) -> Expr:
    """The value's name as a formula: z¹₂, or ∂E/∂w¹₁₂ for a gradient."""
    if q.kind == "E":
        return Word(n.loss_symbol)
    name = Name(symbol(q, n, L))
    return Partial(Word(n.loss_symbol), name) if q.kind in ("dW", "db") else name


def rechenweg_lines(t: Trace, n: Notation, lang: str, decimals: int) -> Dict[str, Tuple[Eq, Optional[Heading]]]:
    """The Rechenweg's calculation lines by the text of their left-hand side, each with its heading.

    The heading is the one above the line (it holds the formula of the step,
    e.g. δ¹ = (W²)ᵀ·δ² ⊙ σ'(z¹)).
    """
    lines: Dict[str, Tuple[Eq, Optional[Heading]]] = {}
    heading: Optional[Heading] = None
    for block in trace_blocks(t, n, lang, decimals):
        if isinstance(block, Heading) and block.level == 3:
            heading = block
        elif isinstance(block, Equations):
            for eq in block.lines:
                key = render_blocks([Para((Math(eq.items[0]),))], "text").strip()
                lines.setdefault(key, (eq, heading))
    return lines


def _value_line(q: Quantity, value: object, g: Grading) -> Math:
    lhs = name_expr(q, g.setup.notation, g.trace.L)
    return Math(chain(lhs, value=value))  # type: ignore[arg-type]


def _verdict_blocks(v: Verdict, g: Grading, lang: str, lines: Dict[str, Tuple[Eq, Optional[Heading]]],
                    details: bool = False) -> List[Block]:
    T, min_digits = _TEXT[lang], g.min_digits
    printed = g.names.printed(v.quantity)
    name = Math(name_expr(v.quantity, g.setup.notation, g.trace.L))
    given: List[Part] = [Math(_MARKS[v.status]), " ", name, f" = {v.answer.text}"]
    if v.answer.name != printed:
        given.append(f" ({v.answer.name}, {T['line']} {v.answer.line})")
    else:
        given.append(f" ({T['line']} {v.answer.line})")
    blocks: List[Block] = []
    if v.status == "right":
        if v.own_values:
            given.append(T["own_values"])
        right_line = lines.get(printed)
        if details and right_line is not None:
            return [Para(tuple(given), indent=2), Para((T["rechenweg"], Math(right_line[0])), indent=6)]
        return [Para(tuple(given), indent=2)]
    if v.status == "follow":
        detail: List[Part] = [T["follow"], T["follow_would"], _value_line(v.quantity, v.right, g)]
    elif v.status == "coarse":
        detail = [T["coarse"].format(m=min_digits), T["right_is"], _value_line(v.quantity, v.right, g)]
    else:
        detail = [T["right_is"], _value_line(v.quantity, v.right, g)]
    blocks.append(Para(tuple(given), indent=2))
    blocks.append(Para(tuple(detail), indent=6))
    line = lines.get(printed)
    if line is not None and v.status != "coarse":
        blocks.append(Para((T["rechenweg"], Math(line[0])), indent=6))
    for slip in v.slips:
        blocks.append(Para((T["slip"], slip.name(lang)), indent=6))
    return blocks


def report_blocks(g: Grading, lang: str = "de", decimals: int = DEFAULT_DECIMALS, details: bool = False) -> List[Block]:
    """The report as blocks: title, rule, every answer, first mistake, unknown and missing names, summary.

    A wrong answer always shows its Rechenweg line; with ``details`` a right one does, too.
    """
    lang = "en" if lang == "en" else "de"
    T = _TEXT[lang]
    n, t = g.setup.notation, g.trace
    lines = rechenweg_lines(t, n, lang, decimals)
    title = T["title"] + (f": {g.setup.exercise.title}" if g.setup.exercise.title else "")
    net = g.setup.net
    acts = ", ".join(f"{labels(lang)['layer']} {l}: {net.activation(l).name}" for l in range(1, net.L + 1))
    blocks: List[Block] = [
        Heading(1, (title,)),
        Para((f"{labels(lang)['network']}: {'-'.join(map(str, net.structure))} ({acts})",)),
        Para((f"{labels(lang)['notation']}: ",
              *(p if isinstance(p, str) else Math(Name(p)) for p in n.describe_parts(lang)))),
        Para((T["tolerance"].format(m=g.min_digits),)),
        Heading(2, (T["answers"],)),
    ]
    for v in g.verdicts:
        blocks += _verdict_blocks(v, g, lang, lines, details)
    first = g.first_wrong
    if first is not None:
        printed = g.names.printed(first.quantity)
        parts: List[Part] = [T["first_text"], Math(name_expr(first.quantity, g.setup.notation, g.trace.L))]
        line = lines.get(printed)
        if line is not None and line[1] is not None:
            formula = [p for p in line[1].parts if isinstance(p, Math)]
            if formula:
                parts += [T["formula"], formula[-1]]
        blocks += [Heading(2, (T["first"],)), Para(tuple(parts), indent=2)]
    if g.unknown:
        blocks.append(Heading(2, (T["unknown"],)))
        for u in g.unknown:
            hint = T["did_you_mean"] + " / ".join(u.suggestions) + "?" if u.suggestions else T["no_idea"]
            blocks.append(Para((f"{u.answer.name} ({T['line']} {u.answer.line}): {hint}",), indent=2))
    if g.missing:
        blocks += [Heading(2, (T["missing"],)), Para((_missing_text(g, T),), indent=2)]
    blocks += [Heading(2, (T["summary"],)), Para((g.summary(lang),), indent=2)]
    return blocks


def _missing_text(g: Grading, T: Dict[str, str]) -> str:
    """The missing answers by their ASCII names, grouped by kind and layer: "z2_1, z2_2; E; …"."""
    groups: List[List[str]] = []
    last: Optional[Tuple[str, int]] = None
    for q in g.missing:
        if (q.kind, q.l) != last:
            groups.append([])
            last = (q.kind, q.l)
        groups[-1].append(g.names.ascii(q))
    return "; ".join(", ".join(group) for group in groups)


def render(g: Grading, fmt: str = "text", lang: str = "de", decimals: Optional[int] = None,
           details: bool = False) -> str:
    """The report of ``g`` as "text", "markdown" or "latex" (a fragment; sheets make full documents)."""
    d = DEFAULT_DECIMALS if decimals is None else decimals
    return render_blocks(report_blocks(g, lang, d, details), fmt, d)
