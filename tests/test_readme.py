"""The README's commands and its API example do what it says, as a newcomer types them."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shlex
from pathlib import Path
from typing import List

import pytest

from cli_run import run_main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
cli_main = importlib.import_module("purenn.cli.main")


def blocks(language: str) -> List[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def windows_argv(line: str) -> List[str]:
    """How a Windows program (Python's C runtime) splits a command line typed into cmd.exe or PowerShell:
    at spaces outside double quotes; double quotes removed, single quotes kept as characters."""
    words, word, quoted = [], "", False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            if word:
                words.append(word)
            word = ""
        else:
            word += ch
    return words + ([word] if word else [])


def test_the_api_example_runs(tmp_path, capsys):
    (example,) = [b for b in blocks("python") if "Network.create" in b]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(example, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert (tmp_path / "netz.json").is_file()
    shown = capsys.readouterr().out
    assert re.findall(r"-?\d+", shown) == ["-25", "36", "14"]  # (−0.5·2 + 4·(−6), 3·2 − 5·(−6), 1·2 − 2·(−6))


def test_install_commands_are_quoted_for_every_shell():
    lines = [line for b in blocks("bash") + blocks("bat") for line in b.splitlines() if "pip install" in line]
    assert any(line.startswith("py -m pip") for line in lines) and any(line.startswith("python -m pip") for line in lines)
    for line in lines:
        assert shlex.split(line)[-1] == ".[dev]", line          # bash, sh, zsh
        assert windows_argv(line)[-1] == ".[dev]", line         # cmd.exe, PowerShell
    assert windows_argv("pip install -e '.[dev]'")[-1] == "'.[dev]'"  # what single quotes did on Windows


def test_the_command_table_names_every_option():
    table = README[README.index("## Alle Befehle"):README.index("### Rechenweg einer Übungsaufgabe")]
    parser = cli_main.build_parser("de")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, p in sub.choices.items():
        row = next((line for line in table.splitlines() if line.startswith(f"| `purenn {name}")), None)
        if row is None:
            missing.append(name)
            continue
        for action in p._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help" and flag not in row:
                    missing.append(f"{name} {flag}")
    assert not missing, missing


@pytest.mark.parametrize("line", [
    line for b in blocks("bash") for line in b.splitlines()
    if line.startswith("python -m purenn ") and " mnist" not in line
])
def test_the_readme_commands_run(line):
    result = run_main(*shlex.split(line)[3:])
    if " check " in line:
        # the example answers have planted slips and Folgefehler: exit code 1, both named
        assert result.returncode == 1, result.stderr
        assert "Typischer Fehler" in result.stdout and "Folgefehler" in result.stdout
    else:
        assert result.returncode == 0, result.stderr


def test_the_readme_points_to_files_that_exist():
    for path in ("LICENSE", "CHANGELOG.md", "docs/formulas.md", "docs/restricted-environments.md",
                 "purenn/data/README.md", "docs/formulas-in-documents.md"):
        assert f"`{path}`" in README and (ROOT / path).is_file(), path
    for folder in re.findall(r"^\| `(purenn/[\w/]+?)/?`", README, re.M):
        assert (ROOT / folder).exists() or (ROOT / f"{folder}.py").exists(), folder
    assert README.count("<!-- figures:start") == 1 and README.count("<!-- figures:end -->") == 1


def test_the_model_file_is_ignored_by_git_and_its_path_is_named(tmp_path, monkeypatch):
    assert "mnist-model.json" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    monkeypatch.chdir(tmp_path)
    result = run_main("mnist", "--train", "20", "--test", "10", "--epochs", "1", "--show-wrong", "0")
    assert result.returncode == 0, result.stderr
    assert f"Gespeichert: {tmp_path.resolve() / 'mnist-model.json'} (das Modell)" in result.stdout
    assert (tmp_path / "mnist-model.json").is_file()
