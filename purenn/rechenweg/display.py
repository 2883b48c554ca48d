"""How a number is shown in a Rechenweg: in full when exact, rounded and marked ≈ when not.

The same rules show a Matrix, a forward pass and its gradients in a Jupyter
notebook (``Matrix._repr_latex_`` and friends delegate to the functions at
the end of this module): as LaTeX, as Markdown with LaTeX formulas, and as
HTML that needs no MathJax (JupyterLite, a notebook viewer).

* an exact value (int or Fraction) whose decimal expansion terminates is
  written out in full: 16/5 → ``3.2``, 1/8 → ``0.125``;
* any other exact value is written as a fraction: 1/3 → ``1/3``;
* a float is rounded to ``decimals`` places, trailing zeros dropped; it
  counts as exact ("=") only if the rounded text is the float itself up to
  the last bits of binary rounding (2.4000000000000004 → ``2.4``, "="),
  otherwise it is marked "≈" (0.91682… → ``0.9168``).

>>> show(Fraction(16, 5)).plain(), show(Fraction(1, 3)).plain(), show(0.916827).plain()
('3.2', '1/3', '0.9168')
>>> relation(Fraction(16, 5)), relation(0.916827)
('=', '≈')
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from purenn.scalars import Scalar, is_number

if TYPE_CHECKING:  # only for the annotations: records and matrix import this module
    from purenn.matrix import Matrix
    from purenn.records import ForwardPass, Gradients

__all__ = [
    "DEFAULT_DECIMALS", "MAX_DECIMALS", "THIN_SPACE", "terminates", "decimal_text", "grouped", "Shown", "show",
    "relation", "check_decimals",
    "matrix_latex", "matrix_markdown", "matrix_html", "forward_latex", "forward_markdown", "forward_html",
    "gradients_latex", "gradients_markdown", "gradients_html",
]

#: Decimals shown for a rounded (≈) value unless the user asks for others.
DEFAULT_DECIMALS = 4
#: More decimals than a float holds would only show binary noise.
MAX_DECIMALS = 15

#: Relative difference below which a float counts as the decimal it is shown as:
#: binary rounding of a few additions, not a rounded-off digit.
_FLOAT_NOISE = 1e-12


#: Between groups of three digits (31 810): a thin space, never a dot, which reads as the decimal point.
THIN_SPACE = "\u2009"


def grouped(n: int, sep: str = THIN_SPACE) -> str:
    r"""A whole number as the documents write it: 1 430 128 in groups of three, from 10 000 on; 4500 as it is.

    ``sep`` goes between the groups: a thin space, or ``\,`` in LaTeX.

    >>> grouped(1430128, " "), grouped(4500, " "), grouped(31810, r"\,"), grouped(-12345, " ")
    ('1 430 128', '4500', '31\\,810', '-12 345')
    """
    digits = str(abs(n))
    if len(digits) > 4:
        digits = f"{abs(n):,}".replace(",", sep)
    return ("-" if n < 0 else "") + digits


def terminates(q: Fraction) -> bool:
    """True if q has a finite decimal expansion: its denominator is 2^a·5^b.

    >>> terminates(Fraction(16, 5)), terminates(Fraction(1, 3))
    (True, False)
    """
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_text(q: Fraction) -> str:
    """The full decimal expansion of a terminating fraction, without a sign.

    >>> decimal_text(Fraction(-16, 5)), decimal_text(Fraction(1, 8)), decimal_text(Fraction(25))
    ('3.2', '0.125', '25')
    """
    if not terminates(q):
        raise ValueError(f"{q} has no finite decimal expansion")
    q = abs(q)
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    digits = str((q * 10**places).numerator).rjust(places + 1, "0")
    if places == 0:
        return digits
    return f"{digits[:-places]}.{digits[-places:]}"


@dataclass(frozen=True)
class Shown:
    """A number as it appears in a Rechenweg.

    ``digits`` is the magnitude as a decimal ("3.2"), or ``fraction`` the
    magnitude as (numerator, denominator) when the value is an exact fraction
    without a finite decimal expansion. ``exact`` says whether the shown
    number is the value itself ("=") or rounded ("≈").
    """

    negative: bool
    digits: str
    fraction: Optional[Tuple[int, int]]
    exact: bool

    def plain(self) -> str:
        """ASCII text: "-3.2", "1/3"."""
        sign = "-" if self.negative else ""
        if self.fraction is not None:
            return f"{sign}{self.fraction[0]}/{self.fraction[1]}"
        return sign + self.digits


def show(value: Scalar, decimals: int = DEFAULT_DECIMALS) -> Shown:
    """How ``value`` is written: exact in full, a float rounded to ``decimals``.

    >>> show(Fraction(-1, 3))
    Shown(negative=True, digits='', fraction=(1, 3), exact=True)
    >>> show(2.4000000000000004), show(-0.00001)
    (Shown(negative=False, digits='2.4', fraction=None, exact=True), Shown(negative=False, digits='0', fraction=None, exact=False))
    """
    if isinstance(value, bool) or not is_number(value):
        raise TypeError(f"cannot show {value!r} as a number")
    if isinstance(value, float):
        return _show_float(value, decimals)
    q = Fraction(value)
    if terminates(q):
        return Shown(q < 0, decimal_text(q), None, True)
    return Shown(q < 0, "", (abs(q.numerator), q.denominator), True)


def _show_float(v: float, decimals: int) -> Shown:
    if not math.isfinite(v):
        return Shown(v < 0, "∞" if math.isinf(v) else "NaN", None, False)
    text = f"{abs(v):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    negative = v < 0 and text != "0"
    shown_value = float(text) * (-1 if negative else 1)
    exact = math.isclose(shown_value, v, rel_tol=_FLOAT_NOISE, abs_tol=_FLOAT_NOISE * 1e-3)
    return Shown(negative, text, None, exact)


def relation(value: Scalar, decimals: int = DEFAULT_DECIMALS) -> str:
    """"=" if ``value`` is shown exactly, "≈" if it is shown rounded."""
    return "=" if show(value, decimals).exact else "≈"


def check_decimals(decimals: object) -> int:
    """``decimals`` if it is a whole number 0..MAX_DECIMALS, else a ValueError saying so."""
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(
            f"--decimals must be a whole number from 0 to {MAX_DECIMALS}, got {decimals!r}"
        )
    return decimals


# -- in a notebook ---------------------------------------------------------------------

#: One quantity of a record: (symbol as LaTeX, symbol as HTML, its matrix).
_Item = Tuple[str, str, "Matrix"]


def _latex_number(v: Scalar) -> str:
    s = show(v)
    magnitude = rf"\frac{{{s.fraction[0]}}}{{{s.fraction[1]}}}" if s.fraction is not None else s.digits
    return ("-" if s.negative else "") + magnitude


def _pmatrix(M: "Matrix") -> str:
    body = r" \\ ".join(" & ".join(_latex_number(v) for v in row) for row in M.rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


def _relation(M: "Matrix") -> str:
    """"=" if every entry is shown exactly, "≈" if one is rounded."""
    return "=" if all(show(v).exact for row in M.rows for v in row) else "≈"


def _html_matrix(M: "Matrix") -> str:
    cells = "".join(f"<span>{escape(show(v).plain().replace('-', '−'))}</span>" for row in M.rows for v in row)
    style = (f"display:inline-grid;grid-template-columns:repeat({M.n_cols},auto);gap:0.1em 0.9em;"
             "border-left:1.5px solid;border-right:1.5px solid;border-radius:0.55em;padding:0.15em 0.5em;"
             "vertical-align:middle;text-align:right;font-variant-numeric:tabular-nums")
    return f'<span style="{style}">{cells}</span>'


def matrix_latex(M: "Matrix") -> str:
    r"""``M`` as a LaTeX formula: ``$\begin{pmatrix} 2 & 1 \\ 0.5 & 3 \end{pmatrix}$``, entries as in the Rechenweg."""
    return f"${_pmatrix(M)}$"


def matrix_markdown(M: "Matrix") -> str:
    """``M`` as Markdown: its shape and the LaTeX formula."""
    return f"{M.n_rows}×{M.n_cols} ${_pmatrix(M)}$"


def matrix_html(M: "Matrix") -> str:
    """``M`` as HTML in round brackets, without MathJax."""
    return f'<div style="margin:0.3em 0">{_html_matrix(M)} <small>{M.n_rows}×{M.n_cols}</small></div>'


def _latex_lines(items: Sequence[_Item], first: Optional[str] = None) -> str:
    lines = [first] if first else []
    lines += [rf"{sym} &{_relation_tex(M)} {_pmatrix(M)}" for sym, _, M in items]
    return "$$\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}$$"


def _relation_tex(M: "Matrix") -> str:
    return "=" if _relation(M) == "=" else r"\approx"


def _markdown_lines(items: Sequence[_Item], first: Optional[str] = None) -> str:
    lines = [f"- ${first}$"] if first else []
    lines += [f"- ${sym} {_relation_tex(M)} {_pmatrix(M)}$" for sym, _, M in items]
    return "\n".join(lines)


def _html_lines(title: str, items: Sequence[_Item], first: Optional[str] = None) -> str:
    rows = [f"<div>{first}</div>"] if first else []
    rows += [f'<div style="margin:0.35em 0">{sym} {_relation(M)} {_html_matrix(M)}</div>' for _, sym, M in items]
    return f'<div style="font-family:serif;font-size:1.05em"><b>{escape(title)}</b>{"".join(rows)}</div>'


def _forward_items(fp: "ForwardPass") -> List[_Item]:
    # one example: a^l, z^l ('Parameter'); a batch: the matrices A^l, Z^l ('Matrizen' §3.7)
    a, z = ("A", "Z") if fp.N > 1 else ("a", "z")
    items: List[_Item] = [(f"{a}^{{0}}", f"<i>{a}</i><sup>0</sup>", fp.a(0))]
    for l in range(1, fp.L + 1):
        items.append((f"{z}^{{{l}}}", f"<i>{z}</i><sup>{l}</sup>", fp.z(l)))
        items.append((f"{a}^{{{l}}}", f"<i>{a}</i><sup>{l}</sup>", fp.a(l)))
    return items


def forward_latex(fp: "ForwardPass") -> str:
    """A forward pass as LaTeX: a^0, then z^l and a^l for l = 1..L."""
    return _latex_lines(_forward_items(fp))


def forward_markdown(fp: "ForwardPass") -> str:
    """A forward pass as a Markdown list of formulas."""
    return f"**Forward Pass** (N = {fp.N})\n\n" + _markdown_lines(_forward_items(fp))


def forward_html(fp: "ForwardPass") -> str:
    """A forward pass as HTML, without MathJax."""
    return _html_lines(f"Forward Pass (N = {fp.N})", _forward_items(fp))


def _gradient_items(g: "Gradients") -> List[_Item]:
    items: List[_Item] = []
    for l in range(g.L, 0, -1):  # backpropagation visits the layers from L down to 1
        items.append((rf"\delta^{{{l}}}", f"δ<sup>{l}</sup>", g.delta(l)))
        items.append((rf"\frac{{\partial C}}{{\partial W^{{{l}}}}}", f"∂<i>C</i>/∂<i>W</i><sup>{l}</sup>", g.dW(l)))
        items.append((rf"\frac{{\partial C}}{{\partial b^{{{l}}}}}", f"∂<i>C</i>/∂<i>b</i><sup>{l}</sup>", g.db(l)))
    return items


def _loss_tex(g: "Gradients") -> str:
    return f"C {'=' if show(g.loss).exact else chr(92) + 'approx'} {_latex_number(g.loss)}"


def gradients_latex(g: "Gradients") -> str:
    """The cost C and, from layer L down to 1, δ^l, ∂C/∂W^l and ∂C/∂b^l as LaTeX."""
    return _latex_lines(_gradient_items(g), _loss_tex(g).replace(" ", " &", 1))


def gradients_markdown(g: "Gradients") -> str:
    """The gradients as a Markdown list of formulas."""
    return f"**Backpropagation** (N = {g.N})\n\n" + _markdown_lines(_gradient_items(g), _loss_tex(g))


def gradients_html(g: "Gradients") -> str:
    """The gradients as HTML, without MathJax."""
    loss = f"<i>C</i> {relation(g.loss)} {escape(show(g.loss).plain().replace('-', '−'))}"
    return _html_lines(f"Backpropagation (N = {g.N})", _gradient_items(g), loss)
