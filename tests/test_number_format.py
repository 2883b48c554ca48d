"""One number format in everything purenn prints and in the README: a decimal point as in the course
documents (5·0.2 + 2·0.1), and never a dot between groups of three digits ("31.810 Parameter" reads as
31.81); large whole numbers are grouped with a thin space, 31 810, as 'Parameter in neuronalen Netzen'
writes 1 430 128.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import List

import pytest

from purenn.cli import texts
from purenn.rechenweg.display import THIN_SPACE, grouped

from cli_run import run_main

ROOT = Path(__file__).resolve().parent.parent
cli_main = importlib.import_module("purenn.cli.main")

#: 31.810, 1.430.128, 10.000: a dot between groups of three digits.
THOUSANDS_DOT = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.])")

#: Lines where such a shape is something else: a value rounded to four places and marked ≈ (3.006),
#: and the errata's quotes of a document's own wording ("gedruckt: Testdaten: 10.000 Bilder").
_NOT_A_GROUPING = re.compile(r"≈|\\approx|^\s*(gedruckt|richtig|printed|correct):|\*\*(Gedruckt|Richtig|Printed|Correct):\*\*")

EXERCISE = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
            "--act", "sigmoid,softmax", "--input", "1.3,0.8"]


#: 0,2 or 2,303: a decimal comma (not an index pair (0,0), a list 5,8,1, or values typed after an option).
DECIMAL_COMMA = re.compile(r"(?<![\w.,(\[;{/^-])\d+,\d+(?![\d,;)\]}])")


def decimal_commas(text: str) -> List[str]:
    """Every number in ``text`` written with a decimal comma, with its line; lines with an option (--) are commands."""
    return [f"{m.group()} in {line.strip()!r}" for line in text.splitlines() if "--" not in line
            for m in DECIMAL_COMMA.finditer(line)]


def thousands_dots(text: str) -> List[str]:
    """Every number in ``text`` written with a thousands dot, with its line."""
    return [f"{m.group()} in {line.strip()!r}" for line in text.splitlines() if not _NOT_A_GROUPING.search(line)
            for m in THOUSANDS_DOT.finditer(line)]


def test_the_scan_finds_a_thousands_dot_and_lets_decimals_pass():
    assert thousands_dots("Netz 784-40-10 (31.810 Parameter)") == ["31.810 in 'Netz 784-40-10 (31.810 Parameter)'"]
    assert thousands_dots("1.430.128 Parameter, 10.000 Ziffern")[1].startswith("10.000")
    assert thousands_dots("η = 0.05, 92.4 %, 2·1.3 + 1·0.8 = 3.4, 0.125, 1.0084, z ≈ 3.006") == []
    assert [d.split()[0] for d in decimal_commas("5 · 0,2 + 2 · 0,1 = 0.4; ln 10 ≈ 2,303")] == ["0,2", "0,1", "2,303"]
    assert decimal_commas("w_(1,0), (0,0), Netz 5,8,1 und x = (1.3, 0.8)\npurenn backprop --target 0,1") == []


def _runs() -> List[List[str]]:
    runs: List[List[str]] = []
    for lang in texts.LANGS:
        for fmt in ("text", "markdown", "latex"):
            # two decimals, so that no rounded value has three places and looks like a grouping
            for exact in ([], ["--exact"]):
                runs.append(["forward", *EXERCISE, "--format", fmt, "--lang", lang, "--decimals", "2", *exact])
                runs.append(["backprop", *EXERCISE, "--target", "0,1", "--eta", "0.5",
                             "--format", fmt, "--lang", lang, "--decimals", "2", *exact])
            runs.append(["params", "300", "1000", "1000", "128", "--format", fmt, "--lang", lang])
        for fmt in ("text", "markdown"):
            runs.append(["errata", "--format", fmt, "--lang", lang])
        runs.append(["mnist", "--hidden", "40", "--train", "300", "--test", "50", "--epochs", "1", "--no-save",
                     "--lang", lang])
        runs.append(["demo", "--epochs", "200", "--lang", lang])
        runs.append(["--lang", lang])
        runs.append(["--help", "--lang", lang])
        runs += [[module.NAME, "--help", "--lang", lang] for module in cli_main._commands()]
    for fmt in ("text", "markdown"):
        runs += [["examples", "--format", fmt], ["formulas", "--format", fmt]]
    return runs


def test_no_command_prints_a_thousands_dot_or_a_decimal_comma():
    found = []
    for argv in _runs():
        result = run_main(*argv)
        assert result.returncode == 0, (argv, result.stderr)
        out = result.stdout + result.stderr
        commas = [] if "--help" in argv else decimal_commas(out)
        found += [f"purenn {' '.join(argv[:1])}: {number}" for number in thousands_dots(out) + commas]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", texts.LANGS)
def test_large_counts_are_grouped_with_a_thin_space(lang):
    # (784 + 1)·40 + (40 + 1)·10 = 31 400 + 410 = 31 810 parameters
    out = run_main("mnist", "--hidden", "40", "--train", "20", "--test", "10", "--epochs", "0", "--no-save",
                   "--lang", lang).stdout
    assert f"(31{THIN_SPACE}810 {'Parameter' if lang == 'de' else 'parameters'})" in out
    assert grouped(31810) == f"31{THIN_SPACE}810" and grouped(4500) == "4500"


@pytest.mark.parametrize("name", ["README.md"] + sorted(
    f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md") if p.name != "formulas-in-documents.md"))
def test_the_readme_and_the_docs_write_numbers_in_the_same_format(name):
    # docs/formulas-in-documents.md quotes the documents as they print, so it is left out
    readme = (ROOT / name).read_text(encoding="utf-8")
    assert not thousands_dots(readme), thousands_dots(readme)
    decimal_commas = re.findall(r"(?<![\d.,])\d+,\d+ ?%", readme)  # "92,4 %": the documents write 92.4
    assert not decimal_commas, decimal_commas
