"""argparse's own errors in the language of the output: one line, German by default, English with --lang en, exit 2."""

from __future__ import annotations

import argparse
import importlib
import re

import pytest

from purenn.cli import texts

from cli_run import run_main

cli_main = importlib.import_module("purenn.cli.main")
COMMANDS = [module.NAME for module in cli_main._commands()]

#: Wrong command lines of every command: a missing value, an unknown option, a wrong choice, a wrong number.
WRONG = {
    "mnist": [["--epochs", "x"], ["--batch-size"], ["--activation", "step"], ["--e", "3"], ["--no-save=1"], ["extra"]],
    "demo": [["--eta", "x"], ["--seed", "1.5"], ["--epochs"], ["--bogus"]],
    "params": [[], ["5", "--format"], ["5", "8", "--format", "pdf"], ["5", "--lang", "fr"]],
    "forward": [["--input"], ["--bogus", "1"], ["--format", "pdf"], ["--decimals", "x"], ["--notation", "x"],
                ["--relu-derivative-at-0", "2"], ["--exact=1"]],
    "backprop": [["--target"], ["--eta"], ["--lang", "fr"], ["--decimals", "1.5"]],
    "check": [[], ["a.txt", "--min-digits", "x"], ["a.txt", "--format", "pdf"], ["a.txt", "--details=1"]],
    "aufgabe": [["--ask", "x"], ["--seed", "x"], ["--difficulty", "extreme"], ["--out"]],
    "blatt": [[], ["a.txt", "--format", "pdf"], ["a.txt", "--decimals", "x"], ["a.txt", "b.txt"]],
    "formulas": [["--x"], ["--format", "pdf"], ["--update-readme"]],
    "examples": [["a", "b"], ["--format", "latex"]],
    "errata": [["--lang", "fr"], ["--format"], ["--x"]],
}

#: What argparse writes in English; none of it may reach a German line.
ENGLISH = re.compile(r"error:|usage|argument|invalid|expected|required|unrecognized|choose from|ambiguous|"
                     r"could match|not allowed|explicit|missing|needs")


def test_every_command_has_wrong_lines():
    assert set(WRONG) == set(COMMANDS)


@pytest.mark.parametrize("lang", texts.LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_wrong_command_line_is_one_line_in_the_language_and_exit_code_2(command, lang):
    for args in WRONG[command]:
        argv = [command, *args] + (["--lang", "en"] if lang == "en" else [])
        result = run_main(*argv)
        assert result.returncode == 2, (argv, result.stderr)
        assert result.stdout == "" and result.stderr.count("\n") == 1, (argv, result.stderr)
        word = "Fehler" if lang == "de" else "error"
        assert result.stderr.startswith(f"purenn {command}: {word}: "), (argv, result.stderr)
        if lang == "de":
            assert not ENGLISH.search(result.stderr), (argv, result.stderr)
        else:
            assert not re.search(r"Fehler|fehlt|gibt es nicht|unbekannt|braucht", result.stderr), (argv, result.stderr)


@pytest.mark.parametrize("argv, line", [
    (["forward", "--input"], "purenn forward: Fehler: --input braucht einen Wert, z. B. --input 1.3,0.8 --input 0.5,-1"),
    (["mnist", "--epochs", "x"], "purenn mnist: Fehler: --epochs: 'x' ist keine ganze Zahl, z. B. --epochs 3"),
    (["demo", "--eta", "x"], "purenn demo: Fehler: --eta: 'x' ist keine Zahl, z. B. --eta 0.02"),
    (["errata", "--lang", "fr"], "purenn errata: Fehler: --lang: 'fr' gibt es nicht, möglich sind: de, en"),
    (["check"], "purenn check: Fehler: DATEI fehlt, z. B. aufgabe.txt antwort.txt"),
    (["mnist", "--e", "3"], "purenn mnist: Fehler: --e ist nicht eindeutig: --epochs oder --eta?"),
    # an unknown option of a command is reported by that command, not by purenn itself
    (["forward", "--bogus", "1"],
     "purenn forward: Fehler: unbekanntes Argument: --bogus (die Optionen zeigt purenn forward --help)"),
    (["--lang", "en", "mnist", "--batch-size"], "purenn mnist: error: --batch-size needs a value, e.g. --batch-size 32"),
    (["--lang", "en", "check"], "purenn check: error: FILE is missing, e.g. exercise.txt answers.txt"),
    (["--lang", "en", "examples", "a", "b"],
     "purenn examples: error: unknown arguments: a b (the options: purenn examples --help)"),
])
def test_the_lines_say_what_was_expected(argv, line):
    result = run_main(*argv)
    assert result.returncode == 2 and result.stderr == line + "\n"


def test_an_unknown_command_lists_the_commands_in_both_languages():
    de, en = run_main("bogus"), run_main("--lang", "en", "bogus")
    assert de.returncode == en.returncode == 2
    listed = ", ".join(COMMANDS)
    assert de.stderr == f"purenn: Fehler: 'bogus' ist kein Befehl von purenn; die Befehle: {listed}\n"
    assert en.stderr == f"purenn: error: 'bogus' is not a purenn command; the commands: {listed}\n"


def test_argparse_wording_of_every_version_is_translated():
    # 3.9–3.12.7 quote the choices ('de', 'en'), later versions do not; the required options are
    # reported through self.error (3.9) or an ArgumentError without a name (3.12+): the same text.
    from purenn.cli.parser import Parser, translate

    p = Parser(prog="purenn x")
    p.add_argument("--lang", choices=("de", "en"))
    for message in ("argument --lang: invalid choice: 'fr' (choose from 'de', 'en')",
                    "argument --lang: invalid choice: 'fr' (choose from de, en)"):
        assert translate(message, p) == "--lang: 'fr' gibt es nicht, möglich sind: de, en"
    assert translate("the following arguments are required: --a, B", p) == "--a und B fehlen"
    assert translate("something argparse may say one day", p) == "something argparse may say one day"
    assert translate("argument --lang: something new", p) == "--lang: something new"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_placeholders_of_the_help_are_in_its_language(command):
    de = run_main(command, "--help").stdout
    en = run_main(command, "--help", "--lang", "en").stdout
    english_words = r"\b(FILE|VALUES|ROWS|NAMES|NUMBER|EPOCHS|BATCH_SIZE|DECIMALS|DIR|SIZES|ETA)\b|\[options\]"
    assert not re.search(english_words, de), re.search(english_words, de)
    assert not re.search(r"\b(DATEI|WERTE|ZEILEN|NAMEN|ZAHL|ORDNER)\b|\[Optionen\]", en)


def test_the_network_usage_lines_are_translated_and_aligned():
    de = run_main("forward", "--help").stdout.splitlines()
    assert de[0] == ("Aufruf: purenn forward (NET | --net DATEI | --W1 ZEILEN --b1 WERTE "
                     "[--W2 ZEILEN --b2 WERTE …] --act NAMEN)")
    assert de[1] == " " * len("Aufruf: purenn forward ") + "--input WERTE [--input WERTE ...] [Optionen]"
    en = run_main("backprop", "--help", "--lang", "en").stdout.splitlines()
    assert en[0].startswith("usage: purenn backprop (NET | --net FILE | --W1 ROWS --b1 VALUES")
    assert en[1] == " " * len("usage: purenn backprop ") + "--input VALUES --target VALUES [--eta NUMBER] [--loss NAME] [options]"
    mnist = run_main("mnist", "--help").stdout
    assert "[--epochs N] [--batch-size N] [--eta ZAHL] [--seed N]" in mnist and "[--data ORDNER]" in mnist


def test_the_metavars_change_no_option():
    de, en = cli_main.build_parser("de"), cli_main.build_parser("en")
    argv = ["mnist", "--epochs", "2", "--batch-size", "5", "--save", "m.json", "--data", "d"]
    assert vars(de.parse_args(argv)) == dict(vars(en.parse_args(argv)), lang="de")
    sub = next(a for a in de._actions if isinstance(a, argparse._SubParsersAction))
    assert [a.dest for a in sub.choices["mnist"]._actions] == [
        a.dest for a in next(a for a in en._actions if isinstance(a, argparse._SubParsersAction)).choices["mnist"]._actions]
