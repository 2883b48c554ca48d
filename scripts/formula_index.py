"""Build and check purenn/course/formulas.json, the formula index that ``purenn formulas`` prints.

    python scripts/formula_index.py           # rewrite purenn/course/formulas.json and docs/formula-coverage.md
    python scripts/formula_index.py --check   # exit 1 and say what differs

Where the index comes from:

* Which function implements which formula: every function, class, method or
  property that implements formulas of the course documents names their keys
  in ONE reference line of its docstring, e.g.::

      Slides: 'Matrizen in Neuronalen Netzen' §3.6.3 — ``purenn formulas`` [delta_hidden, batch_delta_hidden]

  (the documents briefly, then the keys in square brackets at the end). The script imports every purenn module and reads these lines, also from the
  functions inside module-level objects such as ``activations.sigmoid``
  (``.f``, ``.df``) or ``losses.squared_error`` (``.term``, ``.dterm``).
  Moving a function therefore moves its entries in the index.
* The formula texts (formula, document, section) are taken from the existing
  formulas.json. A new formula is added by writing a docstring line of the old form
  (shown indented here)::

      Formula [key]: <formula> — '<document title>', <section>

  and running this script once with ``--shrink-docstrings``: the entry goes into
  formulas.json and the line becomes the short reference.
* The tests of a key: the ``@pytest.mark.formula("key", ...)`` markers of
  ``tests/*.py``, read with ``ast``.

The JSON is canonical: UTF-8, ``ensure_ascii=False``, ``indent=1``, keys sorted,
the formulas in source order (modules in the order of the course, then by line),
the test links sorted by key.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import importlib
import inspect
import json
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

JSON_PATH = ROOT / "purenn" / "course" / "formulas.json"
TESTS_DIR = ROOT / "tests"
MAX_LINE = 110

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
REFERENCE = re.compile(r"^Slides: .*\[(?P<keys>[A-Za-z0-9_, ]*)\]$")
_FIELDS = ("key", "formula", "document", "section")

#: Short titles of the five documents, for reference lines that would be too long otherwise.
SHORT = {
    "Parameter in neuronalen Netzen": "Parameter",
    "Training von neuronalen Netzen": "Training",
    "Woche 10 Theorie: Neuronale Netzwerke & die Mathe": "Woche 10",
    "Matrizen in Neuronalen Netzen": "Matrizen",
    "Künstliche Intelligenz selbst gemacht": "KI selbst gemacht",
}

#: Shorter still, for the longest lines.
TINY = {**SHORT, "Künstliche Intelligenz selbst gemacht": "KI"}

Entry = Dict[str, str]


# -- docstring lines ----------------------------------------------------------------------


def parse_line(line: str) -> Optional[Entry]:
    """The old ``Formula [key]: formula — 'document', section`` line as an entry, or None."""
    if not line.startswith("Formula ["):
        return None
    m = _TAG.match(line)
    cut = m.group("rest").rfind(_SOURCE) if m else -1
    form = "a Formula line needs \"Formula [key]: formula — 'document', section\""
    if m is None or cut <= 0:
        raise ValueError(f"{form}, got {line!r}")
    key, rest = m.group("key"), m.group("rest")
    formula, source = rest[:cut].strip(), rest[cut + len(_SOURCE) :]
    document, sep, section = source.partition("', ")
    if not _KEY.match(key):
        raise ValueError(f"a formula key is letters, digits and _, got [{key}] in {line!r}")
    if not (formula and sep and document and section.strip()):
        raise ValueError(f"{form}, got {line!r}")
    return {"key": key, "formula": formula, "document": document, "section": section.strip()}


def formula_lines(doc: Optional[str]) -> List[Entry]:
    """All old Formula lines of a docstring (with their deeper-indented continuations), in order."""
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


def reference_keys(doc: Optional[str]) -> List[str]:
    """The keys of the docstring's ``Slides: … ``purenn formulas`` [a, b]`` lines, in order."""
    keys: List[str] = []
    for line in inspect.cleandoc(doc or "").splitlines():
        m = REFERENCE.match(line)
        if m:
            for key in (k.strip() for k in m.group("keys").split(",")):
                if not _KEY.match(key):
                    raise ValueError(f"a formula key is letters, digits and _, got {key!r} in {line!r}")
                if key not in keys:
                    keys.append(key)
    return keys


def _brief_section(section: str) -> str:
    m = re.match(r"^(\d+(?:\.\d+)*)\b", section)
    if m:
        return "§" + m.group(1)
    m = re.search(r"\((Gleichung [^)]*)\)", section)
    return m.group(1) if m else ""


def reference_line(entries: Sequence[Entry], indent: int = 0) -> str:
    """The one reference line for a docstring that implements ``entries``; at most MAX_LINE wide."""
    keys = list(dict.fromkeys(e["key"] for e in entries))
    tail = f"``purenn formulas`` [{', '.join(keys)}]"
    sections: Dict[str, List[str]] = {}
    for e in entries:
        brief = _brief_section(e["section"])
        sections.setdefault(e["document"], [])
        if brief and brief not in sections[e["document"]]:
            sections[e["document"]].append(brief)

    def docs(short: int, with_sections: bool) -> str:
        parts = []
        for document, briefs in sections.items():
            if short == 2:
                title = TINY.get(document, document)
            else:
                title = f"'{SHORT.get(document, document) if short else document}'"
            parts.append(" ".join([title] + briefs) if with_sections and briefs else title)
        return ", ".join(parts)

    candidates = [f"Slides: {docs(short, with_sections)} — {tail}"
                  for short, with_sections in ((0, True), (1, True), (1, False), (2, False))]
    candidates += [f"Slides: {docs(2, False)} [{', '.join(keys)}]", f"Slides: [{', '.join(keys)}]"]
    for line in candidates:
        if indent + len(line) <= MAX_LINE:
            return line
    raise ValueError(f"no reference line for {keys} fits in {MAX_LINE} characters: split the function")


# -- walking purenn -------------------------------------------------------------------------


def _modules(package: str) -> List[ModuleType]:
    root = importlib.import_module(package)
    names = [name for _, name, _ in pkgutil.walk_packages(root.__path__, package + ".")]
    names = [n for n in names if not n.endswith(".__main__")]
    first = [n for n in _FIRST if n in names]
    rest = sorted(n for n in names if n not in first)
    return [root] + [importlib.import_module(n) for n in first + rest]


def _unwrap(value: object) -> object:
    """The function behind a staticmethod, classmethod or property."""
    if isinstance(value, (staticmethod, classmethod)):
        return value.__func__
    if isinstance(value, property):
        return value.fget
    return value


def _line_of(obj: object) -> int:
    """Where ``obj`` starts in its file, for sorting."""
    code = getattr(obj, "__code__", None)
    if code is not None:
        return int(code.co_firstlineno)
    if inspect.isclass(obj):
        filename = getattr(sys.modules.get(obj.__module__), "__file__", None)
        lines = [
            f.__code__.co_firstlineno
            for f in map(_unwrap, vars(obj).values())
            if inspect.isfunction(f) and f.__code__.co_filename == filename
        ]
        if lines:
            return min(lines) - 1
        try:
            return inspect.getsourcelines(obj)[1]
        except (OSError, TypeError):
            pass
    return 0


def _documented(module: ModuleType) -> Iterator[Tuple[int, str, object, Optional[str]]]:
    """(source line, qualified name, object, docstring) for everything in ``module`` that can name formulas."""
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


def docstrings(package: str = "purenn") -> List[Tuple[str, str]]:
    """(qualified name, docstring) of everything that can name formulas, in source order.

    A function reachable under two names (``activations._sigmoid`` is also
    ``activations.sigmoid.f``) is listed once, under the name of the object it belongs to.
    """
    found: List[Tuple[str, str]] = []
    for module in _modules(package):
        named: Dict[int, Tuple[int, str, Optional[str]]] = {}
        for line, name, obj, doc in _documented(module):
            if id(obj) not in named or (_is_private(named[id(obj)][1]) and not _is_private(name)):
                named[id(obj)] = (line, name, doc)
        for line, name, doc in sorted(named.values(), key=lambda v: (v[0], v[1])):
            if doc:
                found.append((name, doc))
    return found


# -- tests ------------------------------------------------------------------------------------


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


def _decorator_keys(node: Any) -> List[str]:
    keys: List[str] = []
    for d in node.decorator_list:
        keys += _marker_keys(d) or []
    return keys


def linked_tests(tests_dir: Path = TESTS_DIR) -> Dict[str, List[str]]:
    """Formula key → the tests marked with it, as ``tests/file.py::test`` (or ``::Class::test``)."""
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
    return links


# -- the index ---------------------------------------------------------------------------------


def read_index(path: Path = JSON_PATH) -> Dict[str, Any]:
    if not path.is_file():
        return {"formulas": [], "tests": {}}
    data: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def dumps(index: Dict[str, Any]) -> str:
    """The canonical text of the index."""
    return json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _position(entry: Entry, old_entries: Sequence[Entry]) -> int:
    """Where ``entry`` stood in the old index: same implementation first, else the same text."""
    for k, e in enumerate(old_entries):
        if e == entry:
            return k
    texts = [tuple(e[f] for f in _FIELDS) for e in old_entries]
    text = tuple(entry[f] for f in _FIELDS)
    return texts.index(text) if text in texts else len(old_entries)


def build(old: Dict[str, Any], package: str = "purenn", tests_dir: Path = TESTS_DIR) -> Dict[str, Any]:
    """The index from the docstrings' references (texts from ``old``) and the test markers.

    Raises ValueError for a referenced key that has no formula text anywhere.
    """
    old_entries: List[Entry] = [dict(e) for e in old.get("formulas", [])]
    docs = docstrings(package)
    referenced = {(name, key) for name, doc in docs for key in reference_keys(doc)}
    formulas: List[Entry] = []
    problems: List[str] = []
    for name, doc in docs:
        mine: List[Entry] = []
        try:
            mine += [dict(e, implementation=name) for e in formula_lines(doc)]
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
        for key in reference_keys(doc):
            same = [e for e in old_entries if e["implementation"] == name and e["key"] == key]
            if not same:
                # Moved or renamed: the entries of the key whose old implementation no longer names it.
                same = [e for e in old_entries
                        if e["key"] == key and (e["implementation"], key) not in referenced]
                if not same:
                    problems.append(f"{name} names [{key}], but formulas.json has no formula text for it")
                    continue
            mine += [dict(e, implementation=name) for e in same]
        # Within one implementation: the order the entries had in the old index.
        mine.sort(key=lambda entry: _position(entry, old_entries))
        formulas += mine
    if problems:
        raise ValueError("; ".join(problems))
    links = linked_tests(tests_dir)
    keys = {e["key"] for e in formulas}
    return {
        "formulas": formulas,
        "tests": {key: links[key] for key in sorted(links) if key in keys},
    }


def check(path: Path = JSON_PATH, package: str = "purenn", tests_dir: Path = TESTS_DIR) -> List[str]:
    """What differs between ``path`` and the index built from the code and tests; empty if current."""
    from purenn.course.formulas import NOT_IMPLEMENTED

    problems: List[str] = []
    if not path.is_file():
        return [f"{path} is missing"]
    text = path.read_text(encoding="utf-8")
    old = json.loads(text)
    if dumps(old) != text:
        problems.append(f"{path.name} is not canonical (UTF-8, ensure_ascii=False, indent=1, sort_keys)")
    try:
        new = build(old, package, tests_dir)
    except ValueError as error:
        return problems + [str(error)]
    for name, doc in docstrings(package):
        if formula_lines(doc):
            problems.append(f"{name}: a 'Formula [key]:' line in the docstring; run --shrink-docstrings")
    old_rows = [dumps(e) for e in old.get("formulas", [])]
    new_rows = [dumps(e) for e in new["formulas"]]
    for e in old.get("formulas", []):
        if dumps(e) not in new_rows:
            problems.append(f"in {path.name} but not named by {e['implementation']}'s docstring: [{e['key']}]")
    for e in new["formulas"]:
        if dumps(e) not in old_rows:
            problems.append(f"named by {e['implementation']}'s docstring but not in {path.name}: [{e['key']}]")
    if not problems and old_rows != new_rows:
        problems.append(f"the formulas of {path.name} are not in source order")
    old_tests: Dict[str, List[str]] = old.get("tests", {})
    for key in sorted(set(old_tests) | set(new["tests"])):
        if old_tests.get(key, []) != new["tests"].get(key, []):
            problems.append(f"tests of [{key}]: {path.name} has {old_tests.get(key, [])}, "
                            f"the markers in tests/ give {new['tests'].get(key, [])}")
    keys = {e["key"] for e in new["formulas"]}
    for key in sorted(set(linked_tests(tests_dir)) - keys - set(NOT_IMPLEMENTED)):
        problems.append(f"tests are marked @pytest.mark.formula({key!r}), a key neither in {path.name} "
                        f"nor in NOT_IMPLEMENTED")
    return problems


# -- shrinking docstrings ------------------------------------------------------------------------


def shrink_docstrings(root: Path = ROOT / "purenn") -> List[Path]:
    """Replace the Formula lines of every docstring under ``root`` by one reference line; the changed files."""
    changed = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "Formula [" not in text:
            continue
        lines = text.split("\n")
        tree = ast.parse(text)
        spans: List[Tuple[int, int]] = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                        and isinstance(body[0].value.value, str):
                    expr = body[0]
                    assert expr.end_lineno is not None
                    spans.append((expr.lineno - 1, expr.end_lineno))
        edits: List[Tuple[int, int, Optional[str]]] = []  # (start, end, replacement) over line indexes
        for start, end in spans:
            inner = range(start + 1, end - 1)
            indents = [len(lines[i]) - len(lines[i].lstrip()) for i in range(start + 1, end) if lines[i].strip()]
            if not indents:
                continue
            indent = min(indents)
            blocks: List[Tuple[int, int]] = []
            i = start + 1
            while i < end - 1 or (i == end - 1 and lines[i].strip() not in ('"""', "'''")):
                line = lines[i]
                if line[:indent].strip() == "" and line[indent:].startswith("Formula ["):
                    j = i + 1
                    while j < end and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) > indent:
                        j += 1
                    blocks.append((i, j))
                    i = j
                else:
                    i += 1
            if not blocks:
                continue
            del inner
            doc_entries: List[Entry] = []
            for b0, b1 in blocks:
                joined = " ".join(lines[k].strip() for k in range(b0, b1))
                parsed = parse_line(joined)
                assert parsed is not None, joined
                doc_entries.append(parsed)
            ref = " " * indent + reference_line(doc_entries, indent)
            for n, (b0, b1) in enumerate(blocks):
                if n == 0:
                    edits.append((b0, b1, ref))
                else:
                    # Later blocks go; so does a blank line that would double up.
                    if b0 > 0 and not lines[b0 - 1].strip() and (b1 >= len(lines) or not lines[b1].strip()):
                        b0 -= 1
                    edits.append((b0, b1, None))
        if not edits:
            continue
        for b0, b1, new in sorted(edits, reverse=True):
            lines[b0:b1] = [] if new is None else [new]
        path.write_text("\n".join(lines), encoding="utf-8")
        changed.append(path)
    return changed


def coverage_problems() -> List[str]:
    """What is wrong with docs/formula-coverage.md: stale, or a checklist row with nothing in purenn."""
    from purenn.course import formulas  # after the index above is current: it reads formulas.json

    problems = [f"{r.row.document}, {r.row.section}: [{r.row.key}] has no implementation, no test and no reason"
                for r in formulas.coverage() if r.status == "FEHLT"]
    path = ROOT / formulas.COVERAGE_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != formulas.render_coverage():
        problems.append(f"{formulas.COVERAGE_FILE} is out of date")
    return problems


def write_coverage() -> None:
    """Write docs/formula-coverage.md if it changed."""
    from purenn.course import formulas

    path, text = ROOT / formulas.COVERAGE_FILE, formulas.render_coverage()
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {formulas.COVERAGE_FILE}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 and say what differs; write nothing")
    parser.add_argument("--shrink-docstrings", action="store_true",
                        help="after writing the index, replace the 'Formula [key]:' lines of the "
                        "docstrings by one reference line each")
    args = parser.parse_args(argv)
    if args.check:
        problems = check() + coverage_problems()
        for p in problems:
            print(p)
        if problems:
            print(f"{JSON_PATH.relative_to(ROOT)} is out of date: run python scripts/formula_index.py")
            return 1
        print(f"{JSON_PATH.relative_to(ROOT)} is current")
        return 0
    text = dumps(build(read_index()))
    if not JSON_PATH.is_file() or JSON_PATH.read_text(encoding="utf-8") != text:
        JSON_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {JSON_PATH.relative_to(ROOT)}")
    write_coverage()
    if args.shrink_docstrings:
        for path in shrink_docstrings():
            print(f"shrank the docstrings of {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
