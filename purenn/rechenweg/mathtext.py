"""Formulas written down: plain text for the terminal, Markdown, or LaTeX.

Three layers, each small:

* expressions (``Num``, ``Name``, ``Sum``, ``Prod`` …) that know nothing of
  formats, and an ``Eq`` chain of them — ``chain(lhs, formula, numbers,
  value=result)`` is one calculation line;
* blocks (``Heading``, ``Para``, ``Equations``, ``MatrixLine``), the
  structure of a document;
* back ends that write blocks as text, Markdown (formulas as ``$…$``) or
  LaTeX (``align*``; needs ``amsmath``): ``render_blocks(blocks, fmt)``.

A number is shown exactly or rounded as ``purenn.rechenweg.display.show`` decides, and a
calculation joins its result with "=" if it is exact and with "≈" if it is
rounded. ``purenn.rechenweg.render`` builds the Rechenweg of a network from these
pieces; ``purenn params`` builds the parameter count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, List, Sequence, Tuple, Union

from purenn.matrix import bracketed
from purenn.rechenweg import display
from purenn.rechenweg.display import DEFAULT_DECIMALS
from purenn.rechenweg.notation import Sym
from purenn.scalars import Scalar

__all__ = [
    "FORMATS",
    "render_blocks",
    "Expr",
    "Num",
    "Name",
    "Word",
    "Sum",
    "Diff",
    "Prod",
    "Neg",
    "Call",
    "Frac",
    "Exp",
    "Square",
    "Partial",
    "SumOver",
    "Vec",
    "Hadamard",
    "Transpose",
    "Boxed",
    "Eq",
    "chain",
    "Math",
    "Part",
    "Heading",
    "Para",
    "Equations",
    "MatrixLine",
    "Block",
]

#: The output formats.
FORMATS = ("text", "markdown", "latex")

# -- expressions ------------------------------------------------------------------


class Expr:
    """A piece of a formula; the back ends decide how it looks."""


@dataclass(frozen=True)
class Num(Expr):
    """A number, shown exactly or rounded (``purenn.rechenweg.display.show``)."""

    value: Scalar


@dataclass(frozen=True)
class Name(Expr):
    """A symbol such as w¹₁₂ (``purenn.rechenweg.notation.Sym``)."""

    sym: Sym


@dataclass(frozen=True)
class Word(Expr):
    """A fixed token, written ``text`` in text and Markdown prose and ``latex`` in LaTeX."""

    text: str
    latex: str = ""

    def tex(self) -> str:
        return self.latex or self.text


@dataclass(frozen=True)
class Sum(Expr):
    """t₁ + t₂ + …; a negative term after the first is put in brackets: 3.4 + (−1)."""

    terms: Tuple[Expr, ...]


@dataclass(frozen=True)
class Diff(Expr):
    """left − right."""

    left: Expr
    right: Expr


@dataclass(frozen=True)
class Prod(Expr):
    """f₁·f₂·…"""

    factors: Tuple[Expr, ...]


@dataclass(frozen=True)
class Neg(Expr):
    """−x."""

    x: Expr


@dataclass(frozen=True)
class Call(Expr):
    """f(x, …), e.g. σ(2.4), max(0, 3.2), ln(0.7)."""

    fn: Word
    args: Tuple[Expr, ...]


@dataclass(frozen=True)
class Frac(Expr):
    """top / bottom."""

    top: Expr
    bottom: Expr


@dataclass(frozen=True)
class Exp(Expr):
    """e^x."""

    x: Expr


@dataclass(frozen=True)
class Square(Expr):
    """x²."""

    x: Expr


@dataclass(frozen=True)
class Partial(Expr):
    """∂top/∂bottom."""

    top: Expr
    bottom: Expr


@dataclass(frozen=True)
class SumOver(Expr):
    """Σ_index body."""

    index: str
    body: Expr


@dataclass(frozen=True)
class Vec(Expr):
    """A column vector, written (v₁, v₂, …)ᵀ in text."""

    entries: Tuple[Expr, ...]


@dataclass(frozen=True)
class Hadamard(Expr):
    """left ⊙ right, the entry-by-entry product ('Matrizen in Neuronalen Netzen', 3.6.2)."""

    left: Expr
    right: Expr


@dataclass(frozen=True)
class Transpose(Expr):
    """(x)ᵀ."""

    x: Expr


@dataclass(frozen=True)
class Boxed(Expr):
    """[x]: a whole batch, one column per example, as 'Matrizen in Neuronalen Netzen' §3.8 writes [δ^l]."""

    x: Expr


@dataclass(frozen=True)
class Eq:
    """A chain item₀ rel₁ item₁ rel₂ item₂ …, each rel one of "=", "≈", "←"."""

    items: Tuple[Expr, ...]
    rels: Tuple[str, ...]


def chain(lhs: Expr, *steps: Expr, value: "Scalar | Expr | None" = None, first: str = "=") -> Eq:
    """lhs = step₁ = step₂ … = value, with "≈" before the value if it is rounded.

    ``first`` is the relation after lhs ("←" for an update). The relation
    before ``value`` ("=" or "≈") is decided when the chain is written,
    because it depends on the number of decimals shown.

    >>> chain(Word("z"), Sum((Num(2), Num(-1))), value=1).rels
    ('=', 'value')
    """
    items: List[Expr] = [lhs, *steps]
    rels = ([first] + ["="] * (len(steps) - 1)) if steps else []
    if value is not None:
        items.append(value if isinstance(value, Expr) else Num(value))
        rels.append("value" if steps or first == "=" else first)
    return Eq(tuple(items), tuple(rels))


# -- blocks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Math:
    """A formula inside prose."""

    content: Union[Expr, Eq]


Part = Union[str, Math]


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 (title), 2 (section) or 3 (paragraph)."""

    level: int
    parts: Tuple[Part, ...]


@dataclass(frozen=True)
class Para:
    """A line of prose with formulas in it; ``indent`` spaces in plain text."""

    parts: Tuple[Part, ...]
    indent: int = 0


@dataclass(frozen=True)
class Equations:
    """Calculation lines, one per entry."""

    lines: Tuple[Eq, ...]


@dataclass(frozen=True)
class MatrixLine:
    """label lhs = (matrix), the matrix written over several lines in text."""

    label: str
    lhs: Expr
    rows: Tuple[Tuple[Scalar, ...], ...]


Block = Union[Heading, Para, Equations, MatrixLine]


# -- back ends ------------------------------------------------------------------------

# How tightly an expression binds: a sum least, a symbol or number most. In
# text a fraction "a / b" binds less than a product, so 2·(1/3) needs brackets.
_SUM, _FRAC, _PROD, _ATOM = 1, 2, 3, 4


class _Backend:
    """Writes expressions as plain text with Unicode symbols; ``_LatexBackend`` overrides the tokens."""

    minus, times, approx, arrow, hadamard = "−", "·", "≈", "←", " ⊙ "

    def __init__(self, decimals: int = DEFAULT_DECIMALS) -> None:
        self.decimals = decimals

    # numbers

    def shown(self, v: Scalar) -> display.Shown:
        return display.show(v, self.decimals)

    def magnitude(self, s: display.Shown) -> str:
        if s.fraction is not None:
            return f"{s.fraction[0]}/{s.fraction[1]}"
        return s.digits

    def num(self, v: Scalar) -> str:
        s = self.shown(v)
        return (self.minus if s.negative else "") + self.magnitude(s)

    # brackets

    def level(self, e: Expr) -> int:
        if isinstance(e, Sum) and len(e.terms) == 1:
            return self.level(e.terms[0])
        if isinstance(e, (Sum, Diff)):
            return _SUM
        if isinstance(e, Frac) or (isinstance(e, Num) and self.shown(e.value).fraction is not None):
            return _FRAC
        if isinstance(e, (Prod, Neg, SumOver, Hadamard)):
            return _PROD
        return _ATOM

    def negative(self, e: Expr) -> bool:
        if isinstance(e, Sum):
            return self.negative(e.terms[0])
        if isinstance(e, Num):
            return self.shown(e.value).negative
        return isinstance(e, Neg)

    def wrap(self, e: Expr, below: int, lead: bool = False) -> str:
        """e, in brackets if it binds less tightly than ``below`` or starts with a minus mid-formula."""
        inner = self.expr(e, lead)
        if self.level(e) < below or (self.negative(e) and not lead):
            return self.paren(inner)
        return inner

    def paren(self, inner: str) -> str:
        return f"({inner})"

    # expressions

    def expr(self, e: Expr, lead: bool = True) -> str:
        """e as text; ``lead`` is True where e starts the formula, so a minus needs no brackets."""
        method = getattr(self, "_" + type(e).__name__.lower())
        text: str = method(e, lead)
        return text

    def _num(self, e: Num, lead: bool) -> str:
        return self.num(e.value)

    def _name(self, e: Name, lead: bool) -> str:
        return e.sym.text()

    def _word(self, e: Word, lead: bool) -> str:
        return e.text

    def _sum(self, e: Sum, lead: bool) -> str:
        first = self.expr(e.terms[0], lead)
        return " + ".join([first] + [self.wrap(t, 0) for t in e.terms[1:]])

    def _diff(self, e: Diff, lead: bool) -> str:
        return f"{self.expr(e.left, lead)} {self.minus} {self.wrap(e.right, _FRAC)}"

    def _prod(self, e: Prod, lead: bool) -> str:
        factors = [self.wrap(e.factors[0], _PROD, lead)] + [self.wrap(f, _PROD) for f in e.factors[1:]]
        return self.times.join(factors)

    def _neg(self, e: Neg, lead: bool) -> str:
        return self.minus + self.wrap(e.x, _PROD)

    def _hadamard(self, e: Hadamard, lead: bool) -> str:
        return self.wrap(e.left, _PROD, lead) + self.hadamard + self.wrap(e.right, _PROD)

    def _call(self, e: Call, lead: bool) -> str:
        return self.word(e.fn) + self.paren(", ".join(self.expr(a) for a in e.args))

    def word(self, w: Word) -> str:
        return w.text

    def _frac(self, e: Frac, lead: bool) -> str:
        return f"{self.wrap(e.top, _PROD, lead)} / {self.wrap(e.bottom, _ATOM)}"

    def _exp(self, e: Exp, lead: bool) -> str:
        return f"e^({self.expr(e.x)})"

    def _square(self, e: Square, lead: bool) -> str:
        return self.squared_base(e.x) + "²"

    def squared_base(self, x: Expr) -> str:
        # a¹₁² would read as a power of the index: bracket anything but a plain number or letter
        plain = (isinstance(x, Num) and not self.negative(x) and self.level(x) == _ATOM) or (
            isinstance(x, Name) and not x.sym.sup and not x.sym.sub
        )
        return self.expr(x) if plain else self.paren(self.expr(x))

    def _partial(self, e: Partial, lead: bool) -> str:
        return f"∂{self.expr(e.top)}/∂{self.expr(e.bottom)}"

    def _sumover(self, e: SumOver, lead: bool) -> str:
        return f"Σ{Sym('', '', (e.index,)).text()} {self.wrap(e.body, _PROD)}"

    def _vec(self, e: Vec, lead: bool) -> str:
        return "(" + ", ".join(self.expr(v) for v in e.entries) + ")ᵀ"

    def _transpose(self, e: Transpose, lead: bool) -> str:
        return self.transposed_base(e.x) + "ᵀ"

    def _boxed(self, e: Boxed, lead: bool) -> str:
        return "[" + self.expr(e.x) + "]"

    def transposed_base(self, x: Expr) -> str:
        # xᵀ, but (W²)ᵀ: the superscript of a layer number must not touch the T
        plain = (isinstance(x, Name) and not x.sym.sup and not x.sym.sub) or isinstance(x, Boxed)
        return self.expr(x) if plain else self.paren(self.expr(x))

    # chains

    def rel(self, rel: str, item: Expr) -> str:
        if rel == "value":
            rel = "≈" if any(not self.shown(v).exact for v in _numbers(item)) else "="
        return {"=": "=", "≈": self.approx, "←": self.arrow}[rel]

    def eq_parts(self, eq: Eq) -> Tuple[List[str], List[str]]:
        """The items and relations of a chain; an item equal to the one before is left out."""
        items = [self.expr(eq.items[0])]
        rels: List[str] = []
        for item, rel in zip(eq.items[1:], eq.rels):
            text, r = self.expr(item), self.rel(rel, item)
            if text == items[-1]:  # "… = 3.2 = 3.2": nothing was left to compute
                if rels and r == self.approx:
                    rels[-1] = r
                continue
            items.append(text)
            rels.append(r)
        return items, rels

    def eq(self, eq: Eq) -> str:
        items, rels = self.eq_parts(eq)
        return items[0] + "".join(f" {r} {item}" for r, item in zip(rels, items[1:]))


def _numbers(item: Expr) -> Iterator[Scalar]:
    """The numbers of a result: a Num, or the entries of a Vec."""
    if isinstance(item, Num):
        yield item.value
    elif isinstance(item, Vec):
        for v in item.entries:
            yield from _numbers(v)


class _LatexBackend(_Backend):
    """Writes expressions as LaTeX math (amsmath)."""

    minus, times, approx, arrow, hadamard = "-", r" \cdot ", r"\approx", r"\leftarrow", r" \odot "

    def magnitude(self, s: display.Shown) -> str:
        if s.fraction is not None:
            return rf"\frac{{{s.fraction[0]}}}{{{s.fraction[1]}}}"
        return s.digits

    def level(self, e: Expr) -> int:
        # \frac{a}{b} is set apart on its own: it needs no brackets
        if isinstance(e, Frac) or (isinstance(e, Num) and self.shown(e.value).fraction is not None):
            return _PROD if self.negative(e) else _ATOM
        return super().level(e)

    def paren(self, inner: str) -> str:
        return rf"\left({inner}\right)" if r"\frac" in inner else f"({inner})"

    def _name(self, e: Name, lead: bool) -> str:
        return e.sym.latex()

    def word(self, w: Word) -> str:
        return w.tex()

    def _word(self, e: Word, lead: bool) -> str:
        return e.tex()

    def _frac(self, e: Frac, lead: bool) -> str:
        return rf"\frac{{{self.expr(e.top)}}}{{{self.expr(e.bottom)}}}"

    def _exp(self, e: Exp, lead: bool) -> str:
        return f"e^{{{self.expr(e.x)}}}"

    def _square(self, e: Square, lead: bool) -> str:
        return self.squared_base(e.x) + "^{2}"

    def _partial(self, e: Partial, lead: bool) -> str:
        return rf"\frac{{\partial {self.expr(e.top)}}}{{\partial {self.expr(e.bottom)}}}"

    def _sumover(self, e: SumOver, lead: bool) -> str:
        return rf"\sum_{{{e.index}}} " + self.wrap(e.body, _PROD)

    def _vec(self, e: Vec, lead: bool) -> str:
        return self.pmatrix([[v] for v in e.entries])

    def _transpose(self, e: Transpose, lead: bool) -> str:
        return self.transposed_base(e.x) + "^{T}"

    def pmatrix(self, rows: Sequence[Sequence[Expr]]) -> str:
        body = r" \\ ".join(" & ".join(self.expr(v) for v in row) for row in rows)
        return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


# -- prose ---------------------------------------------------------------------------

_LATEX_PROSE = {
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
    "δ": r"$\delta$", "σ": r"$\sigma$", "η": r"$\eta$", "≈": r"$\approx$", "−": "-",
    "·": r"$\cdot$", "ᵀ": r"$^T$", "⊙": r"$\odot$", "→": r"$\to$",
}


def _latex_prose(text: str) -> str:
    return "".join(_LATEX_PROSE.get(c, c) for c in text)


def _markdown_prose(text: str) -> str:
    return re.sub(r"([\\*_`\[\]<>|])", r"\\\1", text)


# -- writing blocks ----------------------------------------------------------------------


def render_blocks(blocks: Sequence[Block], fmt: str = "text", decimals: int = DEFAULT_DECIMALS) -> str:
    """The blocks written as "text", "markdown" or "latex"; the result ends with a newline."""
    display.check_decimals(decimals)
    writers = {"text": _TextWriter, "markdown": _MarkdownWriter, "latex": _LatexWriter}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return writers[fmt](decimals).write(blocks)


class _TextWriter:
    """Plain text: underlined headings, calculation lines indented, matrices over several lines."""

    backend_class = _Backend

    def __init__(self, decimals: int) -> None:
        self.backend = self.backend_class(decimals)
        self.lines: List[str] = []

    def write(self, blocks: Sequence[Block]) -> str:
        for block in blocks:
            getattr(self, "_" + type(block).__name__.lower())(block)
        text = "\n".join(self.lines).strip("\n") + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)  # at most one empty line between blocks

    def math(self, m: Math) -> str:
        c = m.content
        return self.backend.eq(c) if isinstance(c, Eq) else self.backend.expr(c)

    def prose(self, text: str) -> str:
        return text

    def parts(self, parts: Sequence[Part]) -> str:
        return "".join(self.math(p) if isinstance(p, Math) else self.prose(p) for p in parts)

    def _heading(self, h: Heading) -> None:
        text = self.parts(h.parts)
        if h.level == 1:
            self.lines += [text, "=" * len(text)]
        elif h.level == 2:
            self.lines += ["", text, "-" * len(text)]
        else:
            self.lines.append("  " + text)

    def _para(self, p: Para) -> None:
        self.lines.append(" " * p.indent + self.parts(p.parts))

    def _equations(self, e: Equations) -> None:
        self.lines += ["    " + self.backend.eq(line) for line in e.lines]

    def _matrixline(self, m: MatrixLine) -> None:
        rows = bracketed([[self.backend.num(v) for v in row] for row in m.rows])
        prefix = "  " + (m.label + " " if m.label else "") + self.backend.expr(m.lhs) + " = "
        for k, row in enumerate(rows):
            self.lines.append((prefix if k == 0 else " " * len(prefix)) + row)


class _MarkdownWriter(_TextWriter):
    """Markdown with the formulas as $…$ (GitHub, Jupyter)."""

    backend_class = _LatexBackend

    def math(self, m: Math) -> str:
        return "$" + super().math(m) + "$"

    def prose(self, text: str) -> str:
        return _markdown_prose(text)

    def _heading(self, h: Heading) -> None:
        text = self.parts(h.parts)
        self.lines += ["", f"**{text}**" if h.level == 3 else "#" * h.level + " " + text, ""]

    def _para(self, p: Para) -> None:
        self.lines += [self.parts(p.parts), ""]

    def _equations(self, e: Equations) -> None:
        self.lines += [f"- ${self.backend.eq(line)}$" for line in e.lines] + [""]

    def _matrixline(self, m: MatrixLine) -> None:
        self.lines += [self.matrix_text(m), ""]

    def matrix_text(self, m: MatrixLine) -> str:
        assert isinstance(self.backend, _LatexBackend)
        matrix = self.backend.pmatrix([[Num(v) for v in row] for row in m.rows])
        label = self.prose(m.label) + " " if m.label else ""
        return f"{label}${self.backend.expr(m.lhs)} = {matrix}$"


class _LatexWriter(_MarkdownWriter):
    """A LaTeX fragment to paste into a solution: sections, align* environments."""

    def write(self, blocks: Sequence[Block]) -> str:
        self.lines.append(r"% written by purenn; needs \usepackage{amsmath}")
        return super().write(blocks)

    def prose(self, text: str) -> str:
        return _latex_prose(text)

    def _heading(self, h: Heading) -> None:
        command = {1: "section*", 2: "subsection*"}.get(h.level, "paragraph")
        self.lines += ["", f"\\{command}{{{self.parts(h.parts)}}}"]

    def _equations(self, e: Equations) -> None:
        lines = []
        for line in e.lines:
            items, rels = self.backend.eq_parts(line)
            lines.append(items[0] + "".join(
                (" &" if n == 0 else " ") + f"{r} {item}" for n, (r, item) in enumerate(zip(rels, items[1:]))
            ))
        self.lines += [r"\begin{align*}", " \\\\\n".join(lines), r"\end{align*}", ""]
