"""The texts of the command line: German by default, English on request, every option with an example."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

import purenn
import importlib
cli_main = importlib.import_module("purenn.cli.main")
from purenn.cli import texts

from cli_run import run_main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [module.NAME for module in cli_main._commands()]

#: reST or Markdown markup that has no place in a terminal's help.
MARKUP = re.compile(r"``|:func:|:class:|:meth:|\*\*|^\.\. ", re.M)


def test_version_is_written_once_and_shown():
    result = run_main("--version")
    assert result.returncode == 0 and result.stdout == f"purenn {purenn.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", purenn.__version__)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'attr = "purenn.__version__"' in pyproject
    assert not re.search(r'(?m)^version\s*=\s*"', pyproject)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {purenn.__version__} " in changelog


def test_no_arguments_shows_what_to_try_first_in_german():
    result = run_main()
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert out.startswith(f"purenn {purenn.__version__} — neuronale Netze in reinem Python")
    assert "Zum Anfangen" in out and "purenn mnist " in out and "purenn params 5 8 1" in out
    assert len(out.splitlines()) <= 15
    english = run_main("--lang", "en").stdout
    assert "To start" in english and "Zum Anfangen" not in english


def test_every_command_in_the_overview_runs():
    for line in texts.OVERVIEW["de"].splitlines():
        match = re.match(r"  purenn (params 5 8 1|forward .*?--input 1\.3,0\.8)", line)
        if match:
            words = re.findall(r'"[^"]*"|\S+', match.group(1))
            result = run_main(*[w.strip('"') for w in words])
            assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", texts.LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_in_one_language_without_markup_and_every_option_has_an_example(command, lang):
    parser = cli_main.build_parser(lang)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = sub.choices[command]
    example = "z. B." if lang == "de" else "e.g."
    for action in p._actions:
        assert action.help and example in action.help, f"{command} {action.option_strings or action.dest}"
    out = run_main(command, "--help", "--lang", lang).stdout
    assert not MARKUP.search(out), out
    assert "%(" not in out
    if lang == "de":
        assert out.startswith("Aufruf: purenn ") and "\nOptionen:\n" in out and "\nBeispiel" in out
        assert "show this help" not in out and "default" not in out
    else:
        assert out.startswith("usage: purenn ") and "\noptions:\n" in out and "\nexample" in out
        assert "Voreinstellung" not in out


def test_help_follows_the_locale_when_no_lang_is_given(monkeypatch):
    monkeypatch.delenv("LANGUAGE")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run_main("params", "--help").stdout.startswith("usage: purenn params")
    assert run_main("params", "--help", "--lang", "de").stdout.startswith("Aufruf: purenn params")
    assert "Number of parameters" in run_main("params", "5", "8", "1").stdout
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert run_main("params", "--help").stdout.startswith("Aufruf: purenn params")


def test_lang_before_the_command_reaches_the_command():
    assert "Number of parameters" in run_main("--lang", "en", "params", "5", "8", "1").stdout


def test_both_languages_have_the_same_texts():
    assert set(texts.COMMANDS["de"]) == set(texts.COMMANDS["en"]) == set(COMMANDS)
    assert {k: set(v) for k, v in texts.OPTIONS["de"].items()} == {k: set(v) for k, v in texts.OPTIONS["en"].items()}
    assert set(texts.MESSAGES["de"]) == set(texts.MESSAGES["en"])
    for lang in texts.LANGS:
        for key, template in texts.MESSAGES[lang].items():
            assert set(re.findall(r"\{(\w+)\}", template)) == set(re.findall(r"\{(\w+)\}", texts.MESSAGES["de"][key])), key


def test_german_help_in_a_real_process():
    result = subprocess.run([sys.executable, "-m", "purenn", "mnist", "--help"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("Aufruf: purenn mnist")
    assert "--no-save" in result.stdout and "z. B. --show-wrong 0" in result.stdout
