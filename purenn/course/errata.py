"""Errata: where the five course documents print a formula, an index or a line of code wrongly.

purenn follows the course documents formula for formula ('Parameter in
neuronalen Netzen', 'Training von neuronalen Netzen', 'Woche 10 Theorie:
Neuronale Netzwerke & die Mathe', 'Matrizen in Neuronalen Netzen',
'Künstliche Intelligenz selbst gemacht'). Teaching material has slips: a
swapped symbol, a sum that runs one index too far, code that does not run.
This module lists them. **Where a document is wrong, purenn follows the
correct formula**, and each entry says which formula that is and why.

The entries are data: ``purenn/course/errata.json``, one object per entry with the
fields of ``Erratum`` and the document as a short key (``"parameter"``,
``"training"``, ``"woche10"``, ``"matrizen"``, ``"ki"``). This module reads
and checks them on import; ``scripts/errata_data.py`` writes the file back in
its canonical form (``canonical_json``).

Every entry is an ``Erratum`` of one of four kinds:

* ``Fehler``     — the printed formula, number or code gives a wrong result;
* ``Tippfehler`` — a slip in notation (a missing ∂, a wrong sub- or
  superscript) where the intended formula is clear from the context;
* ``Konvention`` — not an error: the documents use different but consistent
  conventions (index order, factor ½, ReLU'(0)), or purenn had to choose an
  interpretation (He initialisation with a bias neuron), and a reader
  switching between them should know;
* ``Textumwandlung`` — probably an artefact of turning the slides into text
  (a LaTeX ``\to`` read as a tab, ``&`` splitting a product into columns,
  lost indentation in a code slide that another version prints correctly):
  the reader's copy may be wrong where the slide is not.

Each entry names in ``check`` the test in ``tests/test_errata.py`` that
computes purenn's value against the document's (a finite-difference gradient
check, a recomputation); an entry with no number to compute says so, starting
with ``"kein Test: "``.

``render`` produces the list for the command line (``purenn errata``) as text
or Markdown, in German (the default) or English:

>>> get("mat-delta-batch-output").kind
'Fehler'
>>> len({e.id for e in ERRATA}) == len(ERRATA)
True
>>> render(format="markdown", lang="en").splitlines()[0]
'# Errata in the course documents'
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any, Dict, List, Literal, Sequence, Tuple

from purenn.course.documents import KI, MATRIZEN, PARAMETER, SOURCES, TRAINING, WOCHE10

__all__ = ["Erratum", "Kind", "KINDS", "SOURCES", "ERRATA", "get", "render"]

Kind = Literal["Fehler", "Konvention", "Tippfehler", "Textumwandlung"]

#: The four kinds of entries, most serious first.
KINDS: Tuple[Kind, ...] = ("Fehler", "Tippfehler", "Konvention", "Textumwandlung")

#: What ``check`` says for an entry with no number to compute (a statement about Python, a name).
NO_TEST = "kein Test: "

#: The key of each document in errata.json, and its title, in course order.
_TITLES: Dict[str, str] = {
    "parameter": PARAMETER,
    "training": TRAINING,
    "woche10": WOCHE10,
    "matrizen": MATRIZEN,
    "ki": KI,
}
_KEYS: Dict[str, str] = {title: key for key, title in _TITLES.items()}


#: The data file, next to this module.
DATA_FILE = "errata.json"


@dataclass(frozen=True)
class Erratum:
    """One entry: where (``source``, ``section``), what is printed, what is correct, and why.

    ``why`` is German, ``why_en`` English; ``check`` names the test that
    backs the entry (``tests/test_errata.py::test_…``).
    """

    id: str
    kind: Kind
    source: str
    section: str
    printed: str
    correct: str
    why: str
    why_en: str
    check: str


_FIELDS: Tuple[str, ...] = tuple(f.name for f in fields(Erratum))


def _erratum(n: int, item: Any) -> Erratum:
    """Entry number n (0-based) of errata.json as an Erratum; ValueError naming the entry and field if malformed."""
    if not isinstance(item, dict):
        raise ValueError(f"{DATA_FILE}: entry {n} is {type(item).__name__}, not an object")
    name = f"entry {n} ({item['id']!r})" if isinstance(item.get("id"), str) else f"entry {n}"
    missing = [f for f in _FIELDS if f not in item]
    unknown = [f for f in item if f not in _FIELDS]
    if missing or unknown:
        raise ValueError(
            f"{DATA_FILE}, {name}: "
            + "; ".join(
                ([f"missing field(s) {', '.join(missing)}"] if missing else [])
                + ([f"unknown field(s) {', '.join(map(str, unknown))}"] if unknown else [])
            )
        )
    for f in _FIELDS:
        if not isinstance(item[f], str) or not item[f].strip():
            raise ValueError(f"{DATA_FILE}, {name}: field {f!r} must be a non-empty string, got {item[f]!r}")
    if item["kind"] not in KINDS:
        raise ValueError(f"{DATA_FILE}, {name}: field 'kind' is {item['kind']!r}; use one of: {', '.join(KINDS)}")
    if item["source"] not in _TITLES:
        raise ValueError(
            f"{DATA_FILE}, {name}: field 'source' is {item['source']!r}; use one of: {', '.join(_TITLES)}"
        )
    values: Dict[str, Any] = dict(item, source=_TITLES[item["source"]])
    return Erratum(**values)


def _parse(text: str) -> Tuple[Erratum, ...]:
    """The entries of errata.json's text, checked: see ``_erratum``; ids must be unique."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError(f"{DATA_FILE}: expected a list of entries, got {type(data).__name__}")
    entries = tuple(_erratum(n, item) for n, item in enumerate(data))
    seen: Dict[str, int] = {}
    for n, e in enumerate(entries):
        if e.id in seen:
            raise ValueError(f"{DATA_FILE}, entry {n} ({e.id!r}): field 'id' repeats entry {seen[e.id]}")
        seen[e.id] = n
    return entries


def _read() -> str:
    return resources.files(__name__.rpartition(".")[0]).joinpath(DATA_FILE).read_text(encoding="utf-8")


def canonical_json(entries: Sequence[Erratum]) -> str:
    """errata.json in its canonical form: the fields in dataclass order, the document as its key.

    >>> canonical_json(ERRATA) == _read()
    True
    """
    data = [{f: (_KEYS[e.source] if f == "source" else getattr(e, f)) for f in _FIELDS} for e in entries]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ERRATA: Tuple[Erratum, ...] = _parse(_read())

_BY_ID: Dict[str, Erratum] = {e.id: e for e in ERRATA}


def get(erratum_id: str) -> Erratum:
    """The entry with this id.

    >>> get("ki-delta-w-name").source
    'Künstliche Intelligenz selbst gemacht'
    """
    try:
        return _BY_ID[erratum_id]
    except KeyError:
        raise KeyError(f"no erratum with id {erratum_id!r}; known: {', '.join(_BY_ID)}") from None


# -- rendering -------------------------------------------------------------------------

_LABELS: Dict[str, Dict[str, str]] = {
    "de": {
        "title": "Errata zu den Kursunterlagen",
        "intro": "Wo ein Dokument falsch ist, folgt purenn der richtigen Formel.",
        "entries": "Einträge",
        "none": "keine Einträge",
        "section": "Abschnitt",
        "printed": "gedruckt",
        "correct": "richtig",
        "why": "warum",
        "check": "Test",
        "Fehler": "Fehler",
        "Fehler+": "Fehler",
        "Tippfehler": "Tippfehler",
        "Tippfehler+": "Tippfehler",
        "Konvention": "Konvention",
        "Konvention+": "Konventionen",
        "Textumwandlung": "möglicherweise Textumwandlung",
        "Textumwandlung+": "möglicherweise Textumwandlung",
    },
    "en": {
        "title": "Errata in the course documents",
        "intro": "Where a document is wrong, purenn follows the correct formula.",
        "entries": "entries",
        "none": "no entries",
        "section": "section",
        "printed": "printed",
        "correct": "correct",
        "why": "why",
        "check": "test",
        "Fehler": "error",
        "Fehler+": "errors",
        "Tippfehler": "typo",
        "Tippfehler+": "typos",
        "Konvention": "convention",
        "Konvention+": "conventions",
        "Textumwandlung": "possibly a text-conversion artefact",
        "Textumwandlung+": "possibly text-conversion artefacts",
    },
}

_FORMATS = ("text", "markdown")
_TEXT_WIDTH = 100


def _summary(entries: Tuple[Erratum, ...], labels: Dict[str, str]) -> str:
    counts = [(k, sum(1 for e in entries if e.kind == k)) for k in KINDS]
    parts = [f"{n} {labels[k + '+'] if n != 1 else labels[k]}" for k, n in counts]
    return f"{len(entries)} {labels['entries']}: " + ", ".join(parts)


def _why(e: Erratum, lang: str) -> str:
    return e.why if lang == "de" else e.why_en


def _render_text(labels: Dict[str, str], lang: str) -> str:
    width = max(len(labels[k]) for k in ("printed", "correct", "why", "check")) + 2
    lines: List[str] = [labels["title"], _summary(ERRATA, labels) + ".", labels["intro"]]
    for source in SOURCES:
        lines += ["", f"== {source} =="]
        entries = [e for e in ERRATA if e.source == source]
        if not entries:
            lines.append(f"  ({labels['none']})")
        for e in entries:
            lines += ["", f"[{e.id}] {labels[e.kind]} · {e.section}"]
            for key, value in (
                ("printed", e.printed),
                ("correct", e.correct),
                ("why", _why(e, lang)),
                ("check", e.check),
            ):
                head = f"  {(labels[key] + ':').ljust(width)}"
                indent = " " * len(head)
                if "\n" in value:  # code: keep its lines and indentation
                    body = value.split("\n")
                    lines.append(head + body[0])
                    lines += [indent + more if more else "" for more in body[1:]]
                else:
                    lines += textwrap.wrap(
                        value, _TEXT_WIDTH, initial_indent=head, subsequent_indent=indent,
                        break_long_words=False, break_on_hyphens=False,
                    )
    return "\n".join(lines) + "\n"


def _md_value(value: str) -> str:
    """A value as inline code after a space, or as an indented fenced block when it has several lines."""
    if "\n" in value:
        fence = "````" if "```" in value else "```"
        body = "\n".join("  " + line if line else "" for line in value.split("\n"))
        return f"\n\n  {fence}text\n{body}\n  {fence}"
    tick = "``" if "`" in value else "`"
    pad = " " if "`" in value else ""
    return f" {tick}{pad}{value}{pad}{tick}"


def _render_markdown(labels: Dict[str, str], lang: str) -> str:
    lines: List[str] = [f"# {labels['title']}", "", _summary(ERRATA, labels) + ". " + labels["intro"]]
    for source in SOURCES:
        lines += ["", f"## {source}"]
        entries = [e for e in ERRATA if e.source == source]
        if not entries:
            lines += ["", f"*({labels['none']})*"]
        for e in entries:
            lines += [
                "",
                f"### `{e.id}` — {labels[e.kind]}",
                "",
                f"- **{labels['section'].capitalize()}:** {e.section}",
                f"- **{labels['printed'].capitalize()}:**{_md_value(e.printed)}",
                f"- **{labels['correct'].capitalize()}:**{_md_value(e.correct)}",
                f"- **{labels['why'].capitalize()}:** {_why(e, lang)}",
                f"- **{labels['check'].capitalize()}:** `{e.check}`",
            ]
    return "\n".join(lines) + "\n"


def render(format: str = "text", lang: str = "de") -> str:
    """The errata list as text (for a terminal) or Markdown, in German ("de") or English ("en").

    Entries are grouped by document in course order; a document without
    entries is listed as such.

    >>> print(render().splitlines()[0])
    Errata zu den Kursunterlagen
    """
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(_FORMATS)}")
    if lang not in _LABELS:
        raise ValueError(f"unknown language {lang!r}; use one of: {', '.join(_LABELS)}")
    labels = _LABELS[lang]
    if format == "markdown":
        return _render_markdown(labels, lang)
    return _render_text(labels, lang)
