"""Which formula of the course documents purenn implements where, and which test checks it.

The list is read from the code itself. A function that implements a formula
says so in its docstring, one line per formula and document, in this form
(shown indented here so that this docstring does not count as one)::

    Formula [logits]: z^k = W^k · a^(k−1) + b^k — 'Parameter in neuronalen Netzen', Ausgänge von Schicht k

``[logits]`` is the formula's key, the same key in every document that states
it; the keys are those of ``docs/formulas-in-documents.md``. ``collect()``
imports every purenn module, reads the docstrings of its functions, classes,
methods and properties, and of the functions inside module-level objects
such as ``activations.sigmoid`` (``.f``, ``.df``) or ``losses.squared_error``
(``.term``, ``.dterm``), and returns one ``FormulaRecord`` per line.

A test names the formulas it checks with a marker::

    @pytest.mark.formula("sigmoid", "sigmoid_derivative")
    def test_sigmoid(): ...

``linked_tests()`` finds these markers by parsing ``tests/*.py`` with ``ast``,
so pytest is not needed at run time; where there is no ``tests`` folder (an
installed package) the test column stays empty.

``render_table()`` prints it all as text or Markdown (``purenn formulas``);
the README holds the Markdown table between the markers ``START`` and
``END`` (``purenn formulas --update-readme README.md``).

>>> line = parse_line("Formula [relu]: ReLU(x) = max(0, x) — 'Woche 10 Theorie: "
...                   "Neuronale Netzwerke & die Mathe', Einblendung ReLU")
>>> line.key, line.formula, line.section
('relu', 'ReLU(x) = max(0, x)', 'Einblendung ReLU')
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

__all__ = [
    "FormulaLine",
    "FormulaRecord",
    "ChecklistRow",
    "NOT_IMPLEMENTED",
    "START",
    "END",
    "parse_line",
    "formula_lines",
    "implementations",
    "linked_tests",
    "collect",
    "render_table",
    "read_checklist",
    "readme_section",
    "replace_readme_section",
    "update_readme",
    "repo_root",
]

#: The markers in README.md between which the Markdown table stands.
START = "<!-- formulas:start -->"
END = "<!-- formulas:end -->"

#: Keys of ``docs/formulas-in-documents.md`` that purenn deliberately does not
#: implement, each with the reason. A key here must not also have a Formula line.
NOT_IMPLEMENTED: Dict[str, str] = {
    "absolute_error": "Der „Verlust“ 0.2 = |0.65 − 0.45| in 'Training von neuronalen Netzen' ist der "
    "absolute Fehler; purenn rechnet mit quadratischem Fehler und Cross-Entropy (Erratum "
    "train-loss-absolute). `purenn examples` rechnet das Beispiel nach.",
    "input_size": "Eine Zahl, keine Formel: 28 · 28 = 784 Eingangsneuronen für MNIST "
    "('Künstliche Intelligenz selbst gemacht'); purenn.io.mnist liest die Bilder so ein.",
    "ratio_normalisation": "Nur das Gegenbeispiel zu Softmax, S(z_i) = z_i / Σ_j z_j, in einer Frage "
    "der Folien; keine Implementierung nötig.",
}

#: The core modules first, in the order of the course; then all others alphabetically.
_FIRST = (
    "purenn.matrix",
    "purenn.activations",
    "purenn.losses",
    "purenn.layer",
    "purenn.network",
    "purenn.init",
    "purenn.training",
)

_TAG = re.compile(r"^Formula \[(?P<key>[^\]]*)\]: (?P<rest>.*)$")
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SOURCE = " — '"


@dataclass(frozen=True)
class FormulaLine:
    """One ``Formula [key]: formula — 'document', section`` line."""

    key: str
    formula: str
    document: str
    section: str


@dataclass(frozen=True)
class FormulaRecord:
    """A formula line with the function that carries it and the tests linked to its key."""

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


# -- reading Formula lines ------------------------------------------------------------


def parse_line(line: str) -> Optional[FormulaLine]:
    """The Formula line ``line``, or None if it does not start with ``Formula [``.

    A line that starts like one but breaks the form raises ValueError.

    >>> parse_line("Formula [x]: missing the source") is None
    Traceback (most recent call last):
    ...
    ValueError: a Formula line needs "Formula [key]: formula — 'document', section", got 'Formula [x]: missing the source'
    """
    if not line.startswith("Formula ["):
        return None
    m = _TAG.match(line)
    cut = m.group("rest").rfind(_SOURCE) if m else -1
    if m is None or cut <= 0:
        raise ValueError(
            f"a Formula line needs \"Formula [key]: formula — 'document', section\", got {line!r}"
        )
    key, rest = m.group("key"), m.group("rest")
    formula, source = rest[:cut].strip(), rest[cut + len(_SOURCE) :]
    document, sep, section = source.partition("', ")
    if not _KEY.match(key):
        raise ValueError(f"a formula key is letters, digits and _, got [{key}] in {line!r}")
    if not (formula and sep and document and section.strip()):
        raise ValueError(
            f"a Formula line needs \"Formula [key]: formula — 'document', section\", got {line!r}"
        )
    return FormulaLine(key, formula, document, section.strip())


def formula_lines(doc: Optional[str]) -> List[FormulaLine]:
    """All Formula lines of a docstring, in order.

    A line counts only where it starts the (dedented) line; lines indented
    deeper right after it continue it.

    >>> doc = '''Sum.
    ...
    ...     Formula [matmul]: (A·B)_ij = Σ_k a_ik · b_kj
    ...         — 'Künstliche Intelligenz selbst gemacht', Matrixmultiplikation
    ...     '''
    >>> [(f.key, f.document) for f in formula_lines(doc)]
    [('matmul', 'Künstliche Intelligenz selbst gemacht')]
    """
    if not doc:
        return []
    lines = inspect.cleandoc(doc).splitlines()
    found = []
    for k, line in enumerate(lines):
        if not line.startswith("Formula ["):
            continue
        parts = [line]
        for more in lines[k + 1 :]:
            if not more.startswith((" ", "\t")) or not more.strip():
                break
            parts.append(more.strip())
        parsed = parse_line(" ".join(parts))
        assert parsed is not None
        found.append(parsed)
    return found


# -- walking purenn ---------------------------------------------------------------------


def _modules(package: str) -> List[ModuleType]:
    root = importlib.import_module(package)
    names = [name for _, name, _ in pkgutil.walk_packages(root.__path__, package + ".")]
    names = [n for n in names if not n.endswith(".__main__")]
    first = [n for n in _FIRST if n in names]
    rest = sorted(n for n in names if n not in first)
    return [root] + [importlib.import_module(n) for n in first + rest]


def _line_of(obj: object) -> int:
    """Where ``obj`` starts in its file, for sorting; cheap for functions and classes alike."""
    code = getattr(obj, "__code__", None)
    if code is not None:
        return int(code.co_firstlineno)
    if inspect.isclass(obj):
        # Just before its first method: inspect.getsourcelines would parse the whole module per class.
        filename = getattr(sys.modules.get(obj.__module__), "__file__", None)
        lines = [
            f.__code__.co_firstlineno
            for f in map(_unwrap, vars(obj).values())
            if inspect.isfunction(f) and f.__code__.co_filename == filename
        ]
        if lines:
            return min(lines) - 1
        if "Formula [" in (obj.__doc__ or ""):
            try:
                return inspect.getsourcelines(obj)[1]
            except (OSError, TypeError):
                pass
    return 0


def _unwrap(value: object) -> object:
    """The function behind a staticmethod, classmethod or property."""
    if isinstance(value, (staticmethod, classmethod)):
        return value.__func__
    if isinstance(value, property):
        return value.fget
    return value


def _documented(module: ModuleType) -> Iterator[Tuple[int, str, object, Optional[str]]]:
    """(source line, qualified name, object, docstring) for everything in ``module`` that can carry Formula lines."""
    prefix = module.__name__
    members = list(vars(module).items())
    # A private class with one public instance (activations._Softmax → softmax) is named after the instance.
    instance_name: Dict[type, str] = {}
    for name, obj in members:
        cls = type(obj)
        if (not name.startswith("_") and cls.__module__ == prefix and cls.__name__.startswith("_")
                and not inspect.isclass(obj) and not inspect.isfunction(obj)):
            instance_name.setdefault(cls, name)
    for name, obj in members:
        if inspect.isfunction(obj) and obj.__module__ == prefix:
            yield _line_of(obj), f"{prefix}.{obj.__qualname__}", obj, obj.__doc__
        elif inspect.isclass(obj) and obj.__module__ == prefix and obj.__qualname__ == name:
            cls_name = f"{prefix}.{instance_name.get(obj, obj.__qualname__)}"
            yield _line_of(obj), cls_name, obj, vars(obj).get("__doc__")
            for attr, member in vars(obj).items():
                value = _unwrap(member)
                if inspect.isfunction(value):
                    yield _line_of(value), f"{cls_name}.{attr}", value, value.__doc__
        elif dataclasses.is_dataclass(obj) and not inspect.isclass(obj):
            # Functions inside a module-level object: activations.sigmoid.f, losses.squared_error.term …
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if inspect.isfunction(value) and value.__module__ == prefix:
                    yield _line_of(value), f"{prefix}.{name}.{f.name}", value, value.__doc__


def _is_private(name: str) -> bool:
    """True if a part of the dotted name starts with _ (dunder methods do not count)."""
    return any(p.startswith("_") and not p.endswith("__") for p in name.split("."))


def implementations(package: str = "purenn") -> List[Tuple[str, FormulaLine]]:
    """(qualified name, Formula line) for every Formula line in ``package``, in source order.

    A function reachable under two names (``activations._sigmoid`` is also
    ``activations.sigmoid.f``) is listed once, under the name of the object
    it belongs to.
    """
    found: List[Tuple[str, FormulaLine]] = []
    for module in _modules(package):
        named: Dict[int, Tuple[int, str, Optional[str]]] = {}
        for line, name, obj, doc in _documented(module):
            if id(obj) not in named or (_is_private(named[id(obj)][1]) and not _is_private(name)):
                named[id(obj)] = (line, name, doc)
        for line, name, doc in sorted(named.values(), key=lambda v: (v[0], v[1])):
            try:
                found += [(name, f) for f in formula_lines(doc)]
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None
    return found


# -- tests --------------------------------------------------------------------------------


def repo_root() -> Optional[Path]:
    """The source checkout purenn runs from (with ``pyproject.toml`` and ``tests/``), if any."""
    root = Path(__file__).resolve().parent.parent.parent  # purenn/course/formulas.py → the checkout
    if (root / "pyproject.toml").is_file() and (root / "tests").is_dir():
        return root
    return None


def _marker_keys(node: ast.expr) -> Optional[List[str]]:
    """The keys of ``pytest.mark.formula("a", "b")`` (or ``mark.formula(...)``), else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "formula"):
        return None
    owner = func.value
    if not ((isinstance(owner, ast.Attribute) and owner.attr == "mark")
            or (isinstance(owner, ast.Name) and owner.id == "mark")):
        return None
    return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def _module_marks(tree: ast.Module) -> List[str]:
    keys: List[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            for v in values:
                keys += _marker_keys(v) or []
    return keys


def _decorator_keys(node: "ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef") -> List[str]:
    keys: List[str] = []
    for d in node.decorator_list:
        keys += _marker_keys(d) or []
    return keys


def linked_tests(tests_dir: Optional[Path] = None) -> Dict[str, Tuple[str, ...]]:
    """Formula key → the tests marked with it, as ``tests/file.py::test`` (or ``::Class::test``).

    Reads ``tests/*.py`` of the source checkout with ``ast``; empty if there is none.
    """
    if tests_dir is None:
        root = repo_root()
        if root is None:
            return {}
        tests_dir = root / "tests"
    links: Dict[str, List[str]] = {}

    def link(keys: Sequence[str], test_id: str) -> None:
        for key in dict.fromkeys(keys):
            links.setdefault(key, []).append(test_id)

    for path in sorted(tests_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        rel = f"{tests_dir.name}/{path.name}"
        everywhere = _module_marks(tree)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                link(everywhere + _decorator_keys(node), f"{rel}::{node.name}")
            elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                on_class = everywhere + _decorator_keys(node)
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                        link(on_class + _decorator_keys(item), f"{rel}::{node.name}::{item.name}")
    return {key: tuple(tests) for key, tests in links.items()}


def collect(package: str = "purenn", tests_dir: Optional[Path] = None) -> List[FormulaRecord]:
    """Every Formula line of ``package`` with its function and the tests linked to its key."""
    links = linked_tests(tests_dir)
    return [
        FormulaRecord(f.key, f.formula, f.document, f.section, name, links.get(f.key, ()))
        for name, f in implementations(package)
    ]


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
        f"{_summary(records)}. Erzeugt aus den `Formula [key]`-Zeilen der Docstrings "
        "und den `@pytest.mark.formula`-Markern der Tests (`purenn formulas`).",
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
            f"`python -m purenn formulas --format markdown --update-readme README.md`"
        )
    return text[: span[0]] + "\n" + table.strip("\n") + "\n" + text[span[1] :]


def update_readme(path: Path, table: Optional[str] = None) -> bool:
    """Rewrite the table between the markers of ``path`` atomically; True if it changed."""
    from purenn.io.atomic import atomic_write_text

    text = path.read_text(encoding="utf-8")
    new = replace_readme_section(text, render_table("markdown") if table is None else table)
    if new == text:
        return False
    atomic_write_text(path, new)
    return True
