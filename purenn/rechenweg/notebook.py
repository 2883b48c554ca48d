"""A Rechenweg as an object that shows itself: in a Jupyter notebook, in JupyterLite, or printed.

    >>> from purenn import Layer, Matrix, Network
    >>> net = Network([Layer(Matrix([[5, 2, 4]]), Matrix.column([1]), "relu")])
    >>> r = rechenweg(net, ["0.2", "0.1", "0.25"], exact=True)   # 'Woche 10 Theorie'
    >>> [line.strip() for line in str(r).splitlines() if line.strip().startswith("z¹₁")]
    ['z¹₁ = w¹₁₁·x₁ + w¹₁₂·x₂ + w¹₁₃·x₃ + b¹₁ = 5·0.2 + 2·0.1 + 4·0.25 + 1 = 2.2 + 1 = 3.2']

A notebook shows the Markdown (formulas set by MathJax, as in JupyterLab and
JupyterLite); ``nbconvert`` to LaTeX/PDF takes the LaTeX. ``Trace`` itself
has no display methods because ``render`` is built on it; this small wrapper
carries the trace together with how it is to be written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Union

from purenn.network import Network
from purenn.rechenweg.display import DEFAULT_DECIMALS, check_decimals
from purenn.rechenweg.exact import exact_network, parse_scalar, to_fraction
from purenn.rechenweg.render import LANGS, render
from purenn.rechenweg.trace import Trace, trace
from purenn.scalars import Scalar

__all__ = ["Rechenweg", "rechenweg"]

#: A number as the user gives it: a number, or text such as "0.2" or "1/3".
Number = Union[Scalar, str]


@dataclass(frozen=True)
class Rechenweg:
    """A trace and how it is written: notation, language, decimals."""

    trace: Trace
    notation: str = "parameter"
    lang: str = "de"
    decimals: int = DEFAULT_DECIMALS

    def text(self, fmt: str = "text") -> str:
        """The Rechenweg as "text", "markdown" or "latex"."""
        return render(self.trace, fmt, self.notation, self.lang, self.decimals)

    def __str__(self) -> str:
        return self.text("text")

    def _repr_markdown_(self) -> str:
        return self.text("markdown")

    def _repr_latex_(self) -> str:
        return self.text("latex")


def rechenweg(
    net: Network,
    x: Sequence[Number],
    y: Optional[Sequence[Number]] = None,
    eta: Optional[Number] = None,
    loss: Optional[str] = None,
    *,
    exact: bool = False,
    notation: str = "parameter",
    lang: str = "de",
    decimals: int = DEFAULT_DECIMALS,
) -> Rechenweg:
    """The Rechenweg of ``net`` for input ``x`` (and target ``y``, learning rate ``eta``), as ``purenn forward``/``backprop`` write it.

    With ``exact`` the network and the numbers become fractions ("0.2" is
    exactly 1/5); numbers may be given as text either way.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    check_decimals(decimals)
    net = exact_network(net) if exact else net
    xs = [_number(v, exact) for v in x]
    ys = None if y is None else [_number(v, exact) for v in y]
    t = trace(net, xs, ys, loss, None if eta is None else _number(eta, exact))
    return Rechenweg(t, notation, lang, decimals)


def _number(v: Number, exact: bool) -> Scalar:
    """A typed-in number; exact: a Fraction (a float as the decimal it prints as)."""
    if isinstance(v, str):
        return parse_scalar(v, exact)
    return to_fraction(v) if exact else v
