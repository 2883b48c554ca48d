"""The example notebooks (examples/notebooks/, one per course document) run cell by cell with plain Python,
and purenn's objects show themselves in a notebook as the slides and the Rechenweg write them.

A cell is run as Jupyter runs it: its statements, then its last expression,
whose value is "displayed" — here: its ``_repr_markdown_``, ``_repr_latex_``
and ``_repr_html_`` are called. No Jupyter is needed.
"""

from __future__ import annotations

import ast
import functools
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from cli_run import run_main
from purenn import Layer, Matrix, Network
from purenn.course.documents import SOURCES
from purenn.rechenweg.notebook import rechenweg

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "examples" / "notebooks").glob("*.ipynb"))
REPRS = ("_repr_markdown_", "_repr_latex_", "_repr_html_")


@functools.lru_cache(maxsize=None)
def run_notebook(path: Path) -> Tuple[Dict[str, Any], List[Dict[str, str]]]:
    """Every code cell in one namespace; returns it and what each cell displayed (run once per notebook)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    namespace: Dict[str, Any] = {"__name__": "__main__"}
    shown: List[Dict[str, str]] = []
    for k, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]), f"{path.name}, cell {k}")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"{path.name}, cell {k}", "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), f"{path.name}, cell {k}", "eval"), namespace)
            shown.append({name: getattr(value, name)() for name in REPRS if hasattr(value, name)} or {"repr": repr(value)})
    return namespace, shown


def test_one_notebook_per_course_document() -> None:
    firsts = [json.loads(p.read_text(encoding="utf-8"))["cells"][0] for p in NOTEBOOKS]
    titles = ["".join(c["source"]).splitlines()[0].lstrip("# ") for c in firsts]
    assert titles == list(SOURCES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_and_every_rich_display_says_something(path: Path) -> None:
    _, shown = run_notebook(path)
    assert shown
    for outputs in shown:
        assert all(text.strip() for text in outputs.values())
        if "_repr_latex_" in outputs:
            assert outputs["_repr_latex_"].count("{") == outputs["_repr_latex_"].count("}")


def _softmax(z: List[float]) -> List[float]:
    e = [math.exp(v) for v in z]
    return [v / sum(e) for v in e]


def test_parameter_notebook_shows_the_documents_numbers() -> None:
    ns, shown = run_notebook(NOTEBOOKS[0])
    assert shown[0] == {"repr": "([48, 9], 57)"}  # 6 · 8 and 9 · 1, as the slide counts
    # the forward pass worked out by hand with math: z¹ = W¹x + b¹, a¹ = σ(z¹), z² = W²a¹ + b², a² = softmax(z²)
    z1 = [2 * 1.3 + 0.8 - 1, 1.3 + 2 * 0.8, 0.5 * 1.3 + 3 * 0.8 - 0.25]
    a1 = [1 / (1 + math.exp(-v)) for v in z1]
    a2 = _softmax([a1[1] - 1, a1[0] - a1[1] + a1[2]])
    vector = rf"\begin{{pmatrix}} {a2[0]:.4f} \\ {a2[1]:.4f} \end{{pmatrix}}"
    fp_shown, rechenweg_shown = shown[2], shown[3]
    assert rf"a^{{2}} &\approx {vector}" in fp_shown["_repr_latex_"]
    assert rf"$a^{{2}} \approx {vector}$" in fp_shown["_repr_markdown_"]
    assert f"{a2[0]:.4f}" in fp_shown["_repr_html_"] and "<i>a</i><sup>2</sup> ≈" in fp_shown["_repr_html_"]
    assert rf"a^{{2}} \approx {vector}" in rechenweg_shown["_repr_markdown_"]  # the Rechenweg's Ausgabe
    assert ns["fp"].output.flat() == pytest.approx(a2, rel=1e-12)


def test_woche_10_notebook_is_exact() -> None:
    _, shown = run_notebook(NOTEBOOKS[2])
    assert shown[1] == {"repr": "(Fraction(11, 5), Fraction(16, 5))"}  # 2.2 and 3.2 exactly, as on the slide
    assert "= 2.2 + 1 = 3.2" in shown[3]["_repr_markdown_"]


def test_ki_notebook_shows_the_documents_products() -> None:
    _, shown = run_notebook(NOTEBOOKS[4])
    assert shown[0]["_repr_latex_"] == r"$\begin{pmatrix} -25 \\ 36 \\ 14 \end{pmatrix}$"
    assert shown[1]["_repr_latex_"] == r"$\begin{pmatrix} 0 \\ 36 \\ 14 \end{pmatrix}$"
    assert shown[2]["_repr_latex_"] == r"$\begin{pmatrix} 1 & 4 \\ 2 & 5 \\ 3 & 6 \end{pmatrix}$"
    assert shown[3] == {"repr": repr(-math.log(0.7))}  # -ln 0.7 ≈ 0.3567


# -- the display methods themselves ---------------------------------------------------------

EXERCISE = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
            "--act", "sigmoid,softmax", "--input", "1.3,0.8"]


def _exercise_network() -> Network:
    return Network([Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), "sigmoid"),
                    Layer(Matrix([[0, 1, 0], [1, -1, 1]]), Matrix.column([-1, 0]), "softmax")])


def test_a_matrix_in_a_notebook_is_written_as_in_the_rechenweg() -> None:
    latex = run_main("forward", *EXERCISE, "--format", "latex").stdout
    net = _exercise_network()
    for l in (1, 2):
        assert f"W^{{{l}}} = {net.layers[l - 1].W._repr_latex_()[1:-1]}$" in latex
    assert Matrix([[Fraction(1, 3), Fraction(-1, 2)]])._repr_latex_() == r"$\begin{pmatrix} \frac{1}{3} & -0.5 \end{pmatrix}$"
    assert Matrix([[1, -2]])._repr_markdown_() == r"1×2 $\begin{pmatrix} 1 & -2 \end{pmatrix}$"
    assert "<span>−2</span>" in Matrix([[1, -2]])._repr_html_()


def test_the_gradients_show_the_cost_and_every_layer_from_L_down() -> None:
    g = _exercise_network().backward([1.3, 0.8], [0, 1])
    latex = g._repr_latex_()
    backprop = run_main("backprop", *EXERCISE, "--target", "0,1", "--format", "latex").stdout
    loss_line = next(line for line in backprop.splitlines() if line.startswith("E &"))  # E in this notation
    assert f"C &\\approx {loss_line.rsplit(' ', 1)[1]}" in latex  # the Rechenweg's rounded cost
    assert latex.index(r"\delta^{2}") < latex.index(r"\delta^{1}")
    assert r"\frac{\partial C}{\partial W^{1}}" in latex and "δ<sup>1</sup>" in g._repr_html_()


def test_a_batch_is_shown_with_capital_letters() -> None:
    fp = _exercise_network().forward(Matrix.from_columns([[1.3, 0.8], [0.5, -1.0]]))
    assert r"A^{0} &= \begin{pmatrix} 1.3 & 0.5 \\ 0.8 & -1 \end{pmatrix}" in fp._repr_latex_()
    assert "(N = 2)" in fp._repr_markdown_()


def test_a_rechenweg_object_is_what_the_command_line_prints() -> None:
    r = rechenweg(_exercise_network(), ["1.3", "0.8"], [0, 1], eta=0.5, notation="matrizen")
    cli = run_main("backprop", *EXERCISE, "--target", "0,1", "--eta", "0.5", "--notation", "matrizen", "--format", "markdown")
    assert r._repr_markdown_() == cli.stdout
    assert str(r) == run_main("backprop", *EXERCISE, "--target", "0,1", "--eta", "0.5", "--notation", "matrizen").stdout
    with pytest.raises(ValueError, match="lang must be one of de, en"):
        rechenweg(_exercise_network(), [1.3, 0.8], lang="fr")
