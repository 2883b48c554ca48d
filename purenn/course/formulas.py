"""Which formula of the course documents purenn implements where, and which test checks it.

The index is data shipped with the package, ``purenn/course/formulas.json``:
one entry per formula and document (key, formula, document, section and the
function that implements it, e.g. ``purenn.network.Network.backward``), and
per key the tests that check it (``tests/file.py::test``). ``collect()``
reads it with ``importlib.resources``, so ``purenn formulas`` gives the same
table from a source checkout and from an installed wheel.

The keys are those of ``docs/formulas-in-documents.md``. A function that
implements formulas names their keys in one line of its docstring, e.g.
``Slides: 'Matrizen in Neuronalen Netzen' §3.6.3 — ``purenn formulas`` [delta_hidden]``;
a test names the keys it checks with ``@pytest.mark.formula("key", ...)``.
The development script ``scripts/formula_index.py`` builds formulas.json from
these references and markers, and ``--check`` says where it is out of date.

``render_table()`` prints it all as text or Markdown (``purenn formulas``);
the README holds the Markdown table between the markers ``START`` and
``END`` (``purenn formulas --update-readme docs/formulas.md``).

>>> [r.implementation for r in collect() if r.key == "relu"][0]
'purenn.activations.relu.f'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from purenn.course import worked_examples
from purenn.io.atomic import atomic_write_text

__all__ = [
    "FormulaRecord",
    "ChecklistRow",
    "NOT_IMPLEMENTED",
    "START",
    "END",
    "INDEX",
    "read_index",
    "collect",
    "render_table",
    "read_checklist",
    "readme_section",
    "replace_readme_section",
    "update_readme",
    "repo_root",
    "CoverageRow",
    "coverage",
    "render_coverage",
    "COVERAGE_FILE",
]

#: The markers in README.md between which the Markdown table stands.
START = "<!-- formulas:start -->"
END = "<!-- formulas:end -->"

#: The file in the package ``purenn.course`` that holds the index.
INDEX = "formulas.json"

#: Keys of ``docs/formulas-in-documents.md`` that purenn deliberately does not
#: implement, each with the reason. A key here must not also be in formulas.json.
NOT_IMPLEMENTED: Dict[str, str] = {
    "absolute_error": "Der „Verlust“ 0.2 = |0.65 − 0.45| in 'Training von neuronalen Netzen' ist der "
    "absolute Fehler; purenn rechnet mit quadratischem Fehler und Cross-Entropy (Erratum "
    "train-loss-absolute). `purenn examples` rechnet das Beispiel nach.",
    "input_size": "Eine Zahl, keine Formel: 28 · 28 = 784 Eingangsneuronen für MNIST "
    "('Künstliche Intelligenz selbst gemacht'); purenn.io.mnist liest die Bilder so ein.",
    "ratio_normalisation": "Nur das Gegenbeispiel zu Softmax, S(z_i) = z_i / Σ_j z_j, in einer Frage "
    "der Folien; keine Implementierung nötig.",
}


@dataclass(frozen=True)
class FormulaRecord:
    """One entry of the index: a formula, the function that implements it and the tests of its key."""

    key: str
    formula: str
    document: str
    section: str
    implementation: str
    tests: Tuple[str, ...]


@dataclass(frozen=True)
class ChecklistRow:
    """One row of the table in ``docs/formulas-in-documents.md``."""

    key: str
    document: str
    section: str
    formula: str
    remark: str


# -- the index ----------------------------------------------------------------------------


def read_index() -> Dict[str, Any]:
    """The parsed ``formulas.json`` of the installed package: ``{"formulas": [...], "tests": {...}}``."""
    text = (files("purenn.course") / INDEX).read_text(encoding="utf-8")
    data: Dict[str, Any] = json.loads(text)
    return data


def collect() -> List[FormulaRecord]:
    """Every formula of the index, in source order, with the tests linked to its key."""
    index = read_index()
    links: Dict[str, List[str]] = index["tests"]
    return [
        FormulaRecord(
            e["key"], e["formula"], e["document"], e["section"], e["implementation"],
            tuple(links.get(e["key"], ())),
        )
        for e in index["formulas"]
    ]


def repo_root() -> Optional[Path]:
    """The source checkout purenn runs from (with ``pyproject.toml`` and ``docs/``), if any."""
    root = Path(__file__).resolve().parent.parent.parent  # purenn/course/formulas.py → the checkout
    if (root / "pyproject.toml").is_file() and (root / "docs").is_dir():
        return root
    return None


# -- the table ------------------------------------------------------------------------------

_FORMATS = ("text", "markdown")


def _summary(records: Sequence[FormulaRecord]) -> str:
    keys = {r.key for r in records}
    functions = {r.implementation for r in records}
    untested = sorted({r.key for r in records if not r.tests})
    text = (
        f"{len(records)} Formelzeilen, {len(keys)} Formeln (keys), "
        f"implementiert in {len(functions)} Funktionen"
    )
    if untested:
        text += f"; ohne Test: {', '.join(untested)}"
    return text


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _render_markdown(records: Sequence[FormulaRecord]) -> str:
    lines = [
        f"{_summary(records)}. Erzeugt aus `purenn/course/formulas.json` "
        "(`scripts/formula_index.py`: die Verweise der Docstrings und die `@pytest.mark.formula`-Marker der Tests).",
        "",
        "| key | Formel | Dokument | Abschnitt | implementiert in | Tests |",
        "|---|---|---|---|---|---|",
    ]
    for r in records:
        tests = ", ".join(f"`{t}`" for t in r.tests) or "—"
        lines.append(
            f"| `{r.key}` | `{_md_cell(r.formula)}` | {_md_cell(r.document)} | {_md_cell(r.section)} "
            f"| `{r.implementation}` | {_md_cell(tests)} |"
        )
    lines += ["", "Ohne Implementierung:", ""]
    lines += [f"- `{key}` — {why}" for key, why in sorted(NOT_IMPLEMENTED.items())]
    return "\n".join(lines) + "\n"


def _render_text(records: Sequence[FormulaRecord]) -> str:
    lines = ["Formeln der Kursunterlagen in purenn", _summary(records) + "."]
    for r in records:
        tests = list(r.tests) or ["—"]
        lines += [
            "",
            f"[{r.key}] {r.formula}",
            f"    '{r.document}', {r.section}",
            f"    → {r.implementation}",
            f"    Tests: {tests[0]}",
        ]
        lines += [f"           {t}" for t in tests[1:]]
    lines += ["", "Ohne Implementierung:"]
    lines += [f"[{key}] {why}" for key, why in sorted(NOT_IMPLEMENTED.items())]
    return "\n".join(lines) + "\n"


def render_table(format: str = "text", records: Optional[Sequence[FormulaRecord]] = None) -> str:
    """The formulas as a text listing (for a terminal) or a Markdown table (for the README).

    >>> render_table("markdown").splitlines()[2]
    '| key | Formel | Dokument | Abschnitt | implementiert in | Tests |'
    """
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(_FORMATS)}")
    rows = collect() if records is None else list(records)
    return _render_markdown(rows) if format == "markdown" else _render_text(rows)


# -- docs/formulas-in-documents.md -------------------------------------------------------------


def _cells(line: str) -> List[str]:
    """The cells of a Markdown table row; ``\\|`` is a | inside a cell."""
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def read_checklist(path: Optional[Path] = None) -> List[ChecklistRow]:
    """The rows of the table in ``docs/formulas-in-documents.md`` (key, document, section, formula, remark).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "f.md")
    ...     _ = p.write_text("| key | Dokument | Abschnitt | Formel | Bemerkung |\\n|---|---|---|---|---|\\n"
    ...                      "| `relu` | Woche 10 | Einblendung ReLU | `max(0, x)` |  |\\n", encoding="utf-8")
    ...     [(r.key, r.document, r.formula) for r in read_checklist(p)]
    [('relu', 'Woche 10', 'max(0, x)')]
    """
    if path is None:
        root = repo_root()
        if root is None:
            raise FileNotFoundError("docs/formulas-in-documents.md belongs to the source checkout, not found")
        path = root / "docs" / "formulas-in-documents.md"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = _cells(line)
        if len(cells) < 4:
            raise ValueError(f"{path}: a table row needs key, document, section and formula: {line!r}")
        cells += [""] * (5 - len(cells))
        key, document, section, formula, remark = cells[:5]
        rows.append(ChecklistRow(key.strip("`"), document, section, formula.strip("`"), remark))
    return rows


# -- coverage: every formula of the documents → implemented, cited, tested, or why not ----------

#: The generated coverage table in the source checkout (``scripts/formula_index.py`` writes it).
COVERAGE_FILE = "docs/formula-coverage.md"


@dataclass(frozen=True)
class CoverageRow:
    """One row of the checklist with what purenn has for it.

    ``functions`` implement the key; ``cited`` is True if one of them names
    this row's document in the index (its docstring reference); ``tests``
    check the key; ``examples`` are the ``purenn examples`` entries for the
    row's document and section; ``status`` says it in one word.
    """

    row: ChecklistRow
    functions: Tuple[str, ...]
    cited: bool
    tests: Tuple[str, ...]
    examples: Tuple[str, ...]
    status: str


def coverage(rows: Optional[Sequence[ChecklistRow]] = None) -> List[CoverageRow]:
    """Every row of ``docs/formulas-in-documents.md`` matched with the index, the tests and the worked examples."""
    from_checklist = read_checklist() if rows is None else list(rows)
    records = collect()
    out = []
    for r in from_checklist:
        mine = [x for x in records if x.key == r.key]
        functions = tuple(dict.fromkeys(x.implementation for x in mine))
        cited = any(x.document == r.document for x in mine)
        tests = tuple(dict.fromkeys(t for x in mine for t in x.tests))
        examples = tuple(e.id for e in worked_examples.EXAMPLES if e.document == r.document and (
            e.section == r.section or r.key in e.keys and e.section in r.section))
        if r.key in NOT_IMPLEMENTED:
            status = "nicht implementiert"
        elif functions and cited and tests:
            status = "implementiert, zitiert, getestet"
        elif functions and tests:
            status = "implementiert, getestet (zitiert für ein anderes Dokument)"
        else:
            status = "FEHLT"
        out.append(CoverageRow(r, functions, cited, tests, examples, status))
    return out


def render_coverage(rows: Optional[Sequence[CoverageRow]] = None) -> str:
    """The coverage table as Markdown, for ``docs/formula-coverage.md``."""
    table = coverage() if rows is None else list(rows)
    counts: Dict[str, int] = {}
    for c in table:
        counts[c.status] = counts.get(c.status, 0) + 1
    lines = [
        "# Abdeckung der Formeln",
        "",
        "Jede Formel, Definition und Beispielrechnung der fünf Kursdokumente (die Zeilen von",
        "[formulas-in-documents.md](formulas-in-documents.md)) mit dem, was purenn dafür hat: die Funktionen,",
        "die sie implementieren, ob eine davon das Dokument zitiert (Verweiszeile im Docstring), die Tests",
        "ihres keys und die Beispielrechnungen von `purenn examples` — oder der Grund, warum nicht.",
        "Erzeugt von `python scripts/formula_index.py` aus `purenn/course/formulas.json`; ein Test",
        "schlägt fehl, wenn die Datei veraltet ist.",
        "",
        f"{len(table)} Zeilen: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + ".",
        "",
        "| Dokument | Abschnitt | key | Formel | Stand | implementiert in | Tests | Beispiele |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in table:
        r = c.row
        why = NOT_IMPLEMENTED.get(r.key, "")
        status = f"{c.status}: {why}" if why else c.status
        functions = ", ".join(f"`{f}`" for f in c.functions) or "—"
        examples = ", ".join(f"`{e}`" for e in c.examples) or "—"
        formula = r.formula if r.formula.count("`") % 2 == 0 else "`" + r.formula  # the checklist's own backticks
        formula = formula if formula.startswith("`") else f"`{formula}`"
        lines.append(
            f"| {_md_cell(r.document)} | {_md_cell(r.section)} | `{r.key}` | {_md_cell(formula)} "
            f"| {_md_cell(status)} | {functions} | {len(c.tests)} | {examples} |"
        )
    return "\n".join(lines) + "\n"


# -- README ------------------------------------------------------------------------------------


def _marker_span(text: str) -> Optional[Tuple[int, int]]:
    start, end = text.find(START), text.find(END)
    if start < 0 or end < 0 or end < start or text.count(START) != 1 or text.count(END) != 1:
        return None
    return start + len(START), end


def readme_section(text: str) -> Optional[str]:
    """What stands between the markers, stripped; None if the markers are missing or out of order.

    >>> readme_section("a\\n<!-- formulas:start -->\\n| x |\\n<!-- formulas:end -->\\nb")
    '| x |'
    """
    span = _marker_span(text)
    return None if span is None else text[span[0] : span[1]].strip()


def replace_readme_section(text: str, table: str) -> str:
    """``text`` with ``table`` between the markers and everything else unchanged.

    >>> replace_readme_section("a\\n<!-- formulas:start -->\\nold\\n<!-- formulas:end -->\\nb", "new\\n")
    'a\\n<!-- formulas:start -->\\nnew\\n<!-- formulas:end -->\\nb'
    """
    span = _marker_span(text)
    if span is None:
        raise ValueError(
            f"no table markers: put the lines {START} and {END} (once each, in this order) "
            f"where the formula table belongs, then run "
            f"`python -m purenn formulas --format markdown --update-readme docs/formulas.md`"
        )
    return text[: span[0]] + "\n" + table.strip("\n") + "\n" + text[span[1] :]


def update_readme(path: Path, table: Optional[str] = None) -> bool:
    """Rewrite the table between the markers of ``path`` atomically; True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = replace_readme_section(text, render_table("markdown") if table is None else table)
    if new == text:
        return False
    atomic_write_text(path, new)
    return True
