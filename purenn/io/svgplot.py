"""Learning curves as an SVG file, drawn with the standard library.

Two panels side by side: the mean loss per epoch, and the accuracy per epoch
(training and held-out). SVG is plain text, so no plotting library is needed
and any browser shows the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape

from purenn.io.atomic import atomic_write_text
from purenn.training import EpochResult

__all__ = ["learning_curves_svg", "write_learning_curves"]

Series = Tuple[str, str, Sequence[Optional[float]]]  # label, colour, values per epoch

WIDTH, HEIGHT, MARGIN = 360, 240, 44


def _panel(x0: int, title: str, series: List[Series], y_max: Optional[float], percent: bool) -> List[str]:
    values = [v for _, _, vs in series for v in vs if v is not None]
    n = max((len(vs) for _, _, vs in series), default=0)
    top = y_max if y_max is not None else (max(values) * 1.05 if values else 1.0)
    bottom = 0.0 if not percent else max(0.0, min(values, default=0.0) - 0.05)
    if top <= bottom:
        top = bottom + 1.0
    w, h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN

    def px(i: int) -> float:
        return x0 + MARGIN + (w * (i / (n - 1)) if n > 1 else w / 2)

    def py(v: float) -> float:
        return MARGIN + h * (1 - (v - bottom) / (top - bottom))

    out = [
        f'<text x="{x0 + WIDTH / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>',
        f'<rect x="{x0 + MARGIN}" y="{MARGIN}" width="{w}" height="{h}" fill="none" stroke="#888"/>',
    ]
    for k in range(5):
        v = bottom + (top - bottom) * k / 4
        label = f"{100 * v:.0f} %" if percent else f"{v:.2f}"
        out.append(f'<text x="{x0 + MARGIN - 4}" y="{py(v) + 4:.1f}" text-anchor="end" font-size="10">{label}</text>')
    for i in range(n):
        if n <= 12 or i % max(1, n // 10) == 0:
            out.append(f'<text x="{px(i):.1f}" y="{MARGIN + h + 14}" text-anchor="middle" font-size="10">{i + 1}</text>')
    out.append(f'<text x="{x0 + WIDTH / 2}" y="{HEIGHT - 6}" text-anchor="middle" font-size="11">Epoche</text>')
    for k, (label, colour, vs) in enumerate(series):
        points = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(vs) if v is not None)
        if points:
            out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out.append(
            f'<text x="{x0 + MARGIN + 6}" y="{MARGIN + 14 + 13 * k}" font-size="11" fill="{colour}">{escape(label)}</text>'
        )
    return out


def learning_curves_svg(history: Sequence[EpochResult], title: str = "") -> str:
    """The SVG text of the two panels for ``history`` (one EpochResult per epoch)."""
    loss: List[Series] = [("Verlust (Training)", "#c0392b", [r.loss for r in history])]
    if any(r.test_loss is not None for r in history):
        loss.append(("Verlust (Test)", "#2471a3", [r.test_loss for r in history]))
    accuracy: List[Series] = [
        ("Genauigkeit (Training)", "#c0392b", [r.accuracy for r in history]),
        ("Genauigkeit (Test)", "#2471a3", [r.test_accuracy for r in history]),
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{HEIGHT + 20}" '
        f'font-family="sans-serif">',
        f"<title>{escape(title or 'Lernkurven')}</title>",
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    parts += _panel(0, "Verlust pro Epoche", loss, None, False)
    parts += _panel(WIDTH, "Genauigkeit pro Epoche", accuracy, 1.0, True)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_learning_curves(path: "str | Path", history: Sequence[EpochResult], title: str = "") -> Path:
    """Write the learning curves to ``path`` atomically."""
    return atomic_write_text(path, learning_curves_svg(history, title))
