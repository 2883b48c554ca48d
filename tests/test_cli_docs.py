"""`purenn examples`, `purenn formulas` and `purenn errata` run as a user runs them: in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from purenn.course import errata, formulas

from cli_run import run_main

ROOT = Path(__file__).resolve().parent.parent


def purenn(*args: str, cwd: Path = ROOT):
    """The command in this process (``main(argv)``); ``cwd`` other than the checkout needs a real process."""
    if cwd == ROOT:
        return run_main(*args)
    return purenn_subprocess(*args, cwd=cwd)


def purenn_subprocess(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "purenn", *args],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


@pytest.mark.formula("neuron", "matmul", "cross_entropy", "param_count_total")
def test_examples_command():
    result = purenn("examples")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Rechenbeispiele der Kursunterlagen, nachgerechnet mit purenn\n")
    assert "    ✓ 5 · 0.2 + 2 · 0.1 + 4 · 0.25\n        Dokument: 2.2 " in out
    assert "purenn: 3.2" in out
    assert "Dokument: (-25, 36, 14)" in out and "purenn: (0, 36, 14)" in out
    assert "Dokument: 1430128" in out
    assert "Dokument: 0.3567" in out and "purenn: ≈ 0.3567" in out
    assert "    ✗ die Kosten C\n" in out and "→ Erratum ki-cost-vector (purenn errata)" in out
    assert "purenn: ≈ (0.2761, 0.7239)" in out
    assert "ABWEICHUNG" not in out
    assert result.stderr == ""


def test_examples_command_markdown():
    result = purenn("examples", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Rechenbeispiele der Kursunterlagen\n")
    assert "| ✓ | Matrixmultiplikation – Beispiel | (-0.5 4; 3 -5; 1 -2) · (2, -6) | (-25, 36, 14) | (-25, 36, 14) |  |" in result.stdout


def test_formulas_command_prints_the_generated_table():
    result = purenn("formulas")
    assert result.returncode == 0, result.stderr
    assert result.stdout == formulas.render_table("text")
    assert "[logits] z^k = W^k · a^(k−1) + b^k\n    'Parameter in neuronalen Netzen', Ausgänge von Schicht k\n" \
        "    → purenn.layer.Layer.logits\n    Tests: tests/test_formulas.py::test_logits_are_weighted_sums_plus_bias\n" in result.stdout
    markdown = purenn("formulas", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout == formulas.render_table("markdown")


def test_formulas_update_readme_rewrites_only_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    before, after = "# purenn\n\nText before.\n\n", "\n\nText after.\n"
    readme.write_text(f"{before}{formulas.START}\nold\n{formulas.END}{after}", encoding="utf-8")
    result = purenn("formulas", "--format", "markdown", "--update-readme", str(readme))
    assert result.returncode == 0, result.stderr
    assert "Formeltabelle aktualisiert" in result.stdout
    text = readme.read_text(encoding="utf-8")
    assert text == f"{before}{formulas.START}\n{formulas.render_table('markdown')}{formulas.END}{after}"
    again = purenn("formulas", "--update-readme", str(readme))
    assert again.returncode == 0 and "schon aktuell" in again.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left behind


def test_formulas_update_readme_without_markers_fails_and_says_how(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# purenn\n", encoding="utf-8")
    result = purenn("formulas", "--update-readme", str(readme))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "purenn formulas: error: no table markers" in result.stderr
    assert "--update-readme docs/formulas.md" in result.stderr
    assert readme.read_text(encoding="utf-8") == "# purenn\n"
    wrong_format = purenn("formulas", "--format", "text", "--update-readme", str(readme))
    assert wrong_format.returncode == 2 and "Markdown" in wrong_format.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_errata_command(fmt, lang):
    result = purenn("errata", "--format", fmt, "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == errata.render(format=fmt, lang=lang)
    first = result.stdout.splitlines()[0]
    title = "Errata zu den Kursunterlagen" if lang == "de" else "Errata in the course documents"
    assert first == (f"# {title}" if fmt == "markdown" else title)
    assert "ki-cost-vector" in result.stdout


def test_errata_default_is_german_text():
    result = purenn("errata")
    assert result.returncode == 0
    assert result.stdout == errata.render()


def test_bad_option_is_a_usage_error():
    result = purenn("errata", "--lang", "fr")
    assert result.returncode == 2
    assert result.stderr == "purenn errata: Fehler: --lang: 'fr' gibt es nicht, möglich sind: de, en\n"


@pytest.mark.parametrize("command", ["examples", "formulas", "errata"])
def test_help_has_an_example(command):
    result = purenn(command, "--help")
    assert result.returncode == 0
    assert "Beispiele:" in result.stdout
    assert f"purenn {command}" in result.stdout
    assert command in purenn("--help").stdout


def test_a_real_process_prints_what_main_prints():
    result = purenn_subprocess("errata", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_main("errata", "--format", "markdown").stdout
