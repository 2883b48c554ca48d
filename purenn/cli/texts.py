"""Every text of the command line in German and English, and which of the two to use.

German is the default, as the course is German. English comes with
``--lang en`` (anywhere on the command line, also before ``--help``) or, when
no ``--lang`` is given, with an English locale (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them). ``main`` builds the help from
``COMMANDS`` and ``OPTIONS``; the commands print ``say(lang, key, ...)``.

Option help is looked up by the option's ``dest`` — first the command's own
entry, then ``OPTIONS["*"]`` for the options several commands share — and
``%(default)s`` shows the default the command defines, so a changed default
needs no change here. Every option's help ends with an example.

The placeholders of the help (FILE → DATEI) are ``METAVARS``; argparse's
own error messages, which ``purenn.cli.parser`` recognises, are
``PARSER_ERRORS``.
"""

from __future__ import annotations

import argparse
import locale
import os
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Dict, Iterable, Mapping, Optional, Sequence

from purenn import activations, losses

__all__ = [
    "LANGS",
    "DEFAULT_LANG",
    "choose_lang",
    "CommandTexts",
    "COMMANDS",
    "OPTIONS",
    "GROUPS",
    "HELP_WORDS",
    "OVERVIEW",
    "MESSAGES",
    "command_texts",
    "option_help",
    "localize",
    "formatter_for",
    "say",
    "HelpFormatter",
    "METAVARS",
    "PARSER_ERRORS",
]

LANGS = ("de", "en")
DEFAULT_LANG = "de"

#: The locale variables in the order gettext consults them.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def choose_lang(argv: Sequence[str], environ: Optional[Mapping[str, str]] = None) -> str:
    """The language of help and output: ``--lang`` if given, else English for an English locale, else German.

    >>> choose_lang(["mnist", "--lang", "en"]), choose_lang(["--lang=en"]), choose_lang([], {"LANG": "C.UTF-8"})
    ('en', 'en', 'de')
    >>> choose_lang(["params", "5", "8"], {"LANG": "en_GB.UTF-8"}), choose_lang(["--lang", "de"], {"LANG": "en_US"})
    ('en', 'de')
    """
    args = list(argv)
    for k, arg in enumerate(args):
        if arg == "--lang" and k + 1 < len(args) and args[k + 1] in LANGS:
            return args[k + 1]
        if arg.startswith("--lang=") and arg[len("--lang="):] in LANGS:
            return arg[len("--lang="):]
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else DEFAULT_LANG
    if environ is None:  # Windows sets no variable: ask the system ("English_United States")
        try:
            system = locale.getlocale()[0] or ""
        except ValueError:  # a locale name Python does not know
            system = ""
        if system.lower().startswith("en"):
            return "en"
    return DEFAULT_LANG


# -- the help ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandTexts:
    """What ``purenn NAME --help`` says around the options."""

    help: str          #: one line in the list of ``purenn --help``
    description: str   #: the paragraph under the usage line
    examples: str      #: the examples at the end, one command per line


_B = "    "  # indentation of an example command

COMMANDS: Dict[str, Dict[str, CommandTexts]] = {
    "de": {
        "mnist": CommandTexts(
            "ein Netz auf echten MNIST-Ziffern trainieren (mitgelieferte Daten, ohne Internet) und prüfen",
            "Trainiert ein Netz auf echten MNIST-Ziffern, wie am Ende von 'Künstliche Intelligenz\n"
            "selbst gemacht' (Ein Klassifikationsproblem trainieren: MNIST): 784 Eingabeneuronen,\n"
            "eins pro Pixel, 10 Ausgabeneuronen, Mini-Batches, und das trainierte Modell wird\n"
            "gespeichert. Ohne --data die 5000 mitgelieferten Ziffern (4500 zum Training, 500\n"
            "zurückgehalten zum Testen); mit --data oder --download der volle Datensatz.",
            f"Beispiele:\n"
            f"  die Voreinstellungen:\n{_B}purenn mnist\n"
            f"  kurz ausprobieren, Modell nach m.json:\n{_B}purenn mnist --epochs 1 --train 500 --save m.json\n"
            f"  ein gespeichertes Modell nur prüfen:\n{_B}purenn mnist --model m.json --epochs 0\n"
            f"  sigmoid wie im Kurscode, mit Lernkurven:\n"
            f"{_B}purenn mnist --hidden 100 --activation sigmoid --eta 0.5 --plot kurven.svg\n"
            f"  der volle Datensatz (60000 + 10000 Ziffern):\n{_B}purenn mnist --download mnist-daten",
        ),
        "demo": CommandTexts(
            "die erste Trainingsaufgabe des Kurses: Binärzahlen in Dezimalzahlen (3-4-1, ReLU)",
            "'Künstliche Intelligenz selbst gemacht', Binärumwandlung trainieren: ein 3-4-1-Netz mit\n"
            "ReLU in beiden Schichten lernt, drei Binärziffern in eine Zahl zu verwandeln, η = 0.01,\n"
            "3000 Durchläufe über alle sieben Beispiele. 101 fehlt absichtlich im Training, und das\n"
            "Netz antwortet trotzdem ungefähr 5.",
            f"Beispiel:\n{_B}purenn demo --seed 1 --epochs 3000",
        ),
        "params": CommandTexts(
            "die Parameter pro Schicht zählen: (m + 1)·n bei m Inputs und n Neuronen",
            "Die Anzahl der lernbaren Parameter eines voll verbundenen Netzes, Schicht für Schicht:\n"
            "n·m Gewichte und n Bias, (m + 1)·n, für eine Schicht mit n Neuronen und m Inputs\n"
            "('Parameter in neuronalen Netzen').",
            f"Beispiele:\n"
            f"  das Beispiel der Folien, 5 Inputs, 8 Neuronen, 1 Ausgabeneuron (48 + 9 = 57):\n"
            f"{_B}purenn params 5 8 1\n"
            f"  das „realistischere Netzwerk“ (1 430 128 Parameter), als LaTeX:\n"
            f"{_B}purenn params 300 1000 1000 128 --format latex",
        ),
        "forward": CommandTexts(
            "der Forward Pass als Rechenweg: jedes Logit und jede Aktivierung mit eingesetzten Zahlen",
            "Der Rechenweg eines Forward Pass, Formel für Formel wie in den Unterlagen:\n"
            "z^l = W^l a^(l-1) + b^l und a^l = σ(z^l), Eintrag für Eintrag, mit eingesetzten Zahlen.",
            f"Beispiele:\n"
            f"  die Forward-Pass-Aufgabe aus 'Parameter in neuronalen Netzen' (sigmoid, dann softmax):\n"
            f"{_B}purenn forward --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8\n"
            f"  das Neuron aus 'Woche 10 Theorie', exakt 2.2 + 1 = 3.2:\n"
            f"{_B}purenn forward --W1 \"5 2 4\" --b1 1 --act relu --input \"0.2 0.1 0.25\" --exact\n"
            f"  ein Mini-Batch aus zwei Beispielen, eins je Spalte ('Matrizen in Neuronalen Netzen' §3.7):\n"
            f"{_B}purenn forward --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --act sigmoid --input 1.3,0.8 --input 0.5,-1\n"
            f"  ein gespeichertes Netz in der Schreibweise von 'Matrizen in Neuronalen Netzen', als LaTeX:\n"
            f"{_B}purenn forward netz.json --input 1.3,0.8 --notation matrizen --format latex",
        ),
        "backprop": CommandTexts(
            "ein Backpropagation-Schritt als Rechenweg: Verlust, δ jeder Schicht, Gradienten, neue Parameter",
            "Der Rechenweg eines Backpropagation-Schritts: Forward Pass, Verlust,\n"
            "δ^L = ∂E/∂a^L ⊙ σ'(z^L), δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), ∂E/∂W^l = δ^l (a^(l-1))ᵀ,\n"
            "∂E/∂b^l = δ^l und, mit --eta, die neuen Parameter W^l − η·∂E/∂W^l.\n"
            "Mehrmals --input und --target: ein Mini-Batch wie in 'Matrizen in Neuronalen Netzen' §3.7–3.8,\n"
            "mit A^(l-1), Z^l, [δ^l], ∂E/∂W^l = [δ^l](A^(l-1))ᵀ als Summe über die Beispiele und W^l − η/N·∂E/∂W^l.",
            f"Beispiele:\n"
            f"  das Netz aus 'Parameter in neuronalen Netzen', Zielklasse 2, η = 0.5:\n"
            f"{_B}purenn backprop --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5\n"
            f"  ein Mini-Batch aus drei Beispielen wie in 'Matrizen in Neuronalen Netzen' §3.7–3.8 (η/N, N = 3):\n"
            f"{_B}purenn backprop --W1 \"0.5,-1;1,0.25\" --b1 \"0.1,-0.3\" --W2 \"1.5,-2\" --b2 0.2 --act sigmoid,sigmoid \\\n"
            f"{_B}    --input 1.3,0.8 --target 0.45 --input 0.5,-1 --target 1 --input 0,1 --target 0 \\\n"
            f"{_B}    --loss half_squared_error --eta 0.5 --notation matrizen\n"
            f"  ein ReLU-Neuron, exakt, mit dem halben quadratischen Fehler aus 'Matrizen in Neuronalen Netzen':\n"
            f"{_B}purenn backprop --W1 \"5 2 4\" --b1 1 --act relu --input \"0.2 0.1 0.25\" --target 3 \\\n"
            f"{_B}    --loss half_squared_error --eta 0.1 --exact --notation matrizen",
        ),
        "check": CommandTexts(
            "die Antworten zu einer Aufgabe bewerten: ✓/✗, Folgefehler, der erste falsche Schritt, typische Fehler",
            "Bewertet die Antworten eines Schülers (Zeilen name = wert, z. B. z1_2 = 2.9 oder δ²₁ = 0,2761)\n"
            "gegen eine Aufgabendatei oder gegen die Aufgabe, als Optionen wie bei purenn backprop gegeben.\n"
            "Die Namen (docs/exercises.md): z1_2, a1_2, delta2_1, dW1_12 (∂E/∂w¹₁₂), db1_2, W1_12 und b1_2\n"
            "(nach dem Schritt), E — oder so, wie der Rechenweg sie schreibt; Indizes in der Schreibweise der Aufgabe.\n"
            "Exit-Code 0: alles richtig; 1: etwas falsch; 2: eine Datei ließ sich nicht lesen.",
            f"Beispiele:\n"
            f"  eine Aufgabendatei und die Antworten eines Schülers:\n"
            f"{_B}purenn check examples/aufgaben/training-backprop.txt antwort.txt\n"
            f"  die Aufgabe als Optionen, die Bewertung als Markdown:\n"
            f"{_B}purenn check antwort.txt --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5 --format markdown\n"
            f"  zu jeder Antwort ihre Zeile aus dem Rechenweg, auch zu den richtigen:\n"
            f"{_B}purenn check aufgabe.txt antwort.txt --details",
        ),
        "aufgabe": CommandTexts(
            "eine neue Aufgabe aus einem Seed (angenehme Zahlen), oder eine pro Seed mit Blättern für eine Klasse",
            "Schreibt eine Aufgabendatei: derselbe Seed gibt immer dieselbe Aufgabe, so kann jeder Schüler\n"
            "seinen eigenen Seed bekommen. Die Zahlen sind kurze Dezimalzahlen; kein Logit ist riesig und\n"
            "kein δ verschwindet. Mit --seeds eine Aufgabe pro Seed in einen Ordner, mit --sheets dazu\n"
            "Aufgaben- und Lösungsblatt (purenn blatt).",
            f"Beispiele:\n"
            f"  eine Backpropagation-Aufgabe, Seed 17:\n"
            f"{_B}purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --ask backprop --seed 17\n"
            f"  ein ReLU-Netz, in eine Datei geschrieben:\n"
            f"{_B}purenn aufgabe --structure 2-2-1 --act relu,sigmoid --seed 3 --out aufgabe.txt\n"
            f"  für eine Klasse: 30 Aufgaben mit Aufgaben- und Lösungsblatt in LaTeX:\n"
            f"{_B}purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --seeds 1-30 --sheets latex --out klasse/",
        ),
        "blatt": CommandTexts(
            "Aufgaben- oder Lösungsblatt einer Aufgabendatei (Markdown, eigenständiges LaTeX)",
            "Das Aufgabenblatt einer Aufgabendatei; mit --loesung das Lösungsblatt (der ganze Rechenweg\n"
            "und die Lösungen), mit --key nur die Lösungen als Antwortdatei für purenn check. LaTeX ist\n"
            "ein vollständiges Dokument für pdflatex.",
            f"Beispiele:\n"
            f"  Aufgaben- und Lösungsblatt als LaTeX:\n"
            f"{_B}purenn blatt examples/aufgaben/training-backprop.txt --format latex --out aufgabe.tex\n"
            f"{_B}purenn blatt examples/aufgaben/training-backprop.txt --loesung --format latex --out loesung.tex\n"
            f"  die richtigen Werte als Antwortdatei, für purenn check:\n"
            f"{_B}purenn blatt aufgabe.txt --key --out loesung.txt",
        ),
        "formulas": CommandTexts(
            "jede Formel der Unterlagen mit der Funktion, die sie umsetzt, und den Tests, die sie prüfen",
            "Jede Formel der Unterlagen, die purenn umsetzt: Schlüssel, Formel, Dokument und\n"
            "Abschnitt, die Funktion, die sie rechnet, und die Tests, die sie prüfen. Gelesen aus\n"
            "purenn/course/formulas.json, das mit dem Paket ausgeliefert wird: ein installiertes\n"
            "Paket zeigt dieselbe Liste wie der Checkout.",
            f"Beispiele:\n"
            f"  die Liste fürs Terminal:\n{_B}purenn formulas\n"
            f"  die Tabelle in Markdown, und dieselbe Tabelle in docs/formulas.md geschrieben:\n"
            f"{_B}purenn formulas --format markdown\n"
            f"{_B}purenn formulas --update-readme docs/formulas.md",
        ),
        "examples": CommandTexts(
            "jedes Zahlenbeispiel der Unterlagen nachrechnen und neben den gedruckten Wert stellen",
            "Jedes Zahlenbeispiel der fünf Kursunterlagen: die Zahl, die das Dokument druckt, neben\n"
            "der Zahl, die purenn rechnet; ✓ wo sie übereinstimmen, ✗ mit dem Erratum, wo das\n"
            "Dokument irrt, · wo das Dokument keine Zahl nennt. Exit-Code 1, wenn purenn einem\n"
            "Dokument widerspricht und kein Erratum es erklärt.",
            f"Beispiele:\n"
            f"  alle Beispiele fürs Terminal:\n{_B}purenn examples\n"
            f"  als Markdown-Tabellen, eine pro Dokument:\n{_B}purenn examples --format markdown > beispiele.md",
        ),
        "errata": CommandTexts(
            "Fehler, Tippfehler und abweichende Konventionen in den Unterlagen auflisten",
            "Die Errata der fünf Kursunterlagen: was ein Dokument druckt, was richtig ist (und was\n"
            "purenn rechnet), warum, und der Test, der es zeigt. Nach Dokumenten geordnet; jeder\n"
            "Eintrag ist ein Fehler, ein Tippfehler, eine Konvention (oder purenns Lesart) oder\n"
            "möglicherweise Textumwandlung (wohl beim Umwandeln der Folien in Text entstanden).",
            f"Beispiele:\n"
            f"  auf Deutsch fürs Terminal:\n{_B}purenn errata\n"
            f"  auf Englisch als Markdown:\n{_B}purenn errata --format markdown --lang en > errata.md",
        ),
    },
    "en": {
        "mnist": CommandTexts(
            "train a network on real MNIST digits (offline, shipped data) and show how well it does",
            "Trains a network on real MNIST digits, as at the end of 'Künstliche Intelligenz selbst\n"
            "gemacht' (Ein Klassifikationsproblem trainieren: MNIST): 784 input neurons, one per\n"
            "pixel, 10 output neurons, mini-batches, and the trained model is saved. Without --data\n"
            "the 5000 shipped digits (4500 to train, 500 held out for testing); with --data or\n"
            "--download the full data set.",
            f"examples:\n"
            f"  the defaults:\n{_B}purenn mnist\n"
            f"  a quick try, model saved to m.json:\n{_B}purenn mnist --epochs 1 --train 500 --save m.json\n"
            f"  only evaluate a saved model:\n{_B}purenn mnist --model m.json --epochs 0\n"
            f"  sigmoid as in the course code, with learning curves:\n"
            f"{_B}purenn mnist --hidden 100 --activation sigmoid --eta 0.5 --plot curves.svg\n"
            f"  the full data set (60000 + 10000 digits):\n{_B}purenn mnist --download mnist-data",
        ),
        "demo": CommandTexts(
            "train the course's binary-to-decimal network (3-4-1, ReLU) and show its predictions",
            "'Künstliche Intelligenz selbst gemacht', Binärumwandlung trainieren: a 3-4-1 network with\n"
            "ReLU in both layers learns to turn three binary digits into a number, η = 0.01, 3000\n"
            "iterations over all seven examples. 101 is left out on purpose, and the network still\n"
            "answers about 5 for it.",
            f"example:\n{_B}purenn demo --seed 1 --epochs 3000",
        ),
        "params": CommandTexts(
            "count the learnable parameters per layer: (m + 1)·n for m inputs and n neurons",
            "The number of learnable parameters of a fully connected network, layer by layer:\n"
            "n·m weights and n biases, (m + 1)·n, for a layer of n neurons with m inputs\n"
            "('Parameter in neuronalen Netzen').",
            f"examples:\n"
            f"  the slides' example, 5 inputs, 8 neurons, 1 output neuron (48 + 9 = 57):\n"
            f"{_B}purenn params 5 8 1\n"
            f"  the \"realistischere Netzwerk\" (1 430 128 parameters), in English:\n"
            f"{_B}purenn params 300 1000 1000 128 --lang en",
        ),
        "forward": CommandTexts(
            "the forward pass written out: every logit and activation with the numbers put in",
            "The Rechenweg of a forward pass, formula for formula as in the course documents:\n"
            "z^l = W^l a^(l-1) + b^l and a^l = σ(z^l), entry by entry, with the numbers put in.",
            f"examples:\n"
            f"  the forward-pass exercise of 'Parameter in neuronalen Netzen' (sigmoid, then softmax):\n"
            f"{_B}purenn forward --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8\n"
            f"  the neuron of 'Woche 10 Theorie', exactly 2.2 + 1 = 3.2:\n"
            f"{_B}purenn forward --W1 \"5 2 4\" --b1 1 --act relu --input \"0.2 0.1 0.25\" --exact\n"
            f"  a mini-batch of two examples, one per column ('Matrizen in Neuronalen Netzen' §3.7):\n"
            f"{_B}purenn forward --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --act sigmoid --input 1.3,0.8 --input 0.5,-1\n"
            f"  a saved network in the notation of 'Matrizen in Neuronalen Netzen', as LaTeX:\n"
            f"{_B}purenn forward netz.json --input 1.3,0.8 --notation matrizen --format latex",
        ),
        "backprop": CommandTexts(
            "one backpropagation step written out: loss, δ of every layer, gradients, new parameters",
            "The Rechenweg of one backpropagation step: forward pass, loss, δ^L = ∂E/∂a^L ⊙ σ'(z^L),\n"
            "δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l), ∂E/∂W^l = δ^l (a^(l-1))ᵀ, ∂E/∂b^l = δ^l and,\n"
            "with --eta, the new parameters W^l − η·∂E/∂W^l.\n"
            "--input and --target several times: a mini-batch as in 'Matrizen in Neuronalen Netzen' §3.7–3.8,\n"
            "with A^(l-1), Z^l, [δ^l], ∂E/∂W^l = [δ^l](A^(l-1))ᵀ as a sum over the examples and W^l − η/N·∂E/∂W^l.",
            f"examples:\n"
            f"  the network of 'Parameter in neuronalen Netzen', target class 2, η = 0.5:\n"
            f"{_B}purenn backprop --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5\n"
            f"  a mini-batch of three examples as in 'Matrizen in Neuronalen Netzen' §3.7–3.8 (η/N, N = 3):\n"
            f"{_B}purenn backprop --W1 \"0.5,-1;1,0.25\" --b1 \"0.1,-0.3\" --W2 \"1.5,-2\" --b2 0.2 --act sigmoid,sigmoid \\\n"
            f"{_B}    --input 1.3,0.8 --target 0.45 --input 0.5,-1 --target 1 --input 0,1 --target 0 \\\n"
            f"{_B}    --loss half_squared_error --eta 0.5 --notation matrizen\n"
            f"  one ReLU neuron, exact, with the half squared error of 'Matrizen in Neuronalen Netzen':\n"
            f"{_B}purenn backprop --W1 \"5 2 4\" --b1 1 --act relu --input \"0.2 0.1 0.25\" --target 3 \\\n"
            f"{_B}    --loss half_squared_error --eta 0.1 --exact --notation matrizen",
        ),
        "check": CommandTexts(
            "grade the answers to an exercise: ✓/✗, Folgefehler, the first wrong step, typical slips",
            "Grades a student's answers (name = value lines, e.g. z1_2 = 2.9 or δ²₁ = 0,2761) against an\n"
            "exercise file, or against the exercise given as options as for purenn backprop.\n"
            "The names (docs/exercises.md): z1_2, a1_2, delta2_1, dW1_12 (∂E/∂w¹₁₂), db1_2, W1_12 and b1_2\n"
            "(after the step), E — or as the Rechenweg writes them; indices in the exercise's notation.\n"
            "Exit code 0: everything right; 1: something wrong; 2: a file could not be read.",
            f"examples:\n"
            f"  an exercise file and a student's answers:\n"
            f"{_B}purenn check examples/aufgaben/training-backprop.txt answers.txt\n"
            f"  the exercise as options, the grading as Markdown, in English:\n"
            f"{_B}purenn check answers.txt --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\" --W2 \"0,1,0;1,-1,1\" --b2 \"-1,0\" \\\n"
            f"{_B}    --act sigmoid,softmax --input 1.3,0.8 --target 0,1 --eta 0.5 --format markdown --lang en\n"
            f"  with every answer its line of the Rechenweg, also with the right ones:\n"
            f"{_B}purenn check exercise.txt answers.txt --details",
        ),
        "aufgabe": CommandTexts(
            "a new exercise from a seed (pleasant numbers), or one per seed with sheets for a class",
            "Writes an exercise file: the same seed always gives the same exercise, so each student can\n"
            "get their own seed. The numbers are short decimals; no logit is huge and no δ vanishes.\n"
            "With --seeds one exercise per seed into a folder, with --sheets also its problem and\n"
            "solution sheet (purenn blatt).",
            f"examples:\n"
            f"  a backpropagation exercise, seed 17:\n"
            f"{_B}purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --ask backprop --seed 17\n"
            f"  a ReLU network, written to a file:\n"
            f"{_B}purenn aufgabe --structure 2-2-1 --act relu,sigmoid --seed 3 --out exercise.txt\n"
            f"  for a class: 30 exercises with problem and solution sheets in LaTeX, in English:\n"
            f"{_B}purenn aufgabe --structure 2-3-2 --act sigmoid,softmax --seeds 1-30 --sheets latex --out class/ --lang en",
        ),
        "blatt": CommandTexts(
            "problem or solution sheet of an exercise file (Markdown, standalone LaTeX)",
            "The problem sheet of an exercise file; with --loesung (or --solution) the solution sheet\n"
            "(the whole Rechenweg and the answers), with --key only the answers as an answer file for\n"
            "purenn check. LaTeX is a complete document for pdflatex.",
            f"examples:\n"
            f"  problem and solution sheet as LaTeX, in English:\n"
            f"{_B}purenn blatt examples/aufgaben/training-backprop.txt --format latex --lang en --out problem.tex\n"
            f"{_B}purenn blatt examples/aufgaben/training-backprop.txt --solution --format latex --lang en --out solution.tex\n"
            f"  the right values as an answer file, for purenn check:\n"
            f"{_B}purenn blatt exercise.txt --key --out key.txt",
        ),
        "formulas": CommandTexts(
            "list every formula of the course documents with the function that implements it and its tests",
            "Every formula of the course documents that purenn implements: its key, the formula,\n"
            "document and section, the function that computes it, and the tests that check it.\n"
            "Read from purenn/course/formulas.json, which ships with the package, so an installed\n"
            "package lists the same functions and tests as the source checkout.",
            f"examples:\n"
            f"  the list for the terminal:\n{_B}purenn formulas\n"
            f"  the Markdown table, and the same table written into docs/formulas.md:\n"
            f"{_B}purenn formulas --format markdown\n"
            f"{_B}purenn formulas --update-readme docs/formulas.md",
        ),
        "examples": CommandTexts(
            "recompute every worked example of the course documents and compare with the printed numbers",
            "Every worked example of the five course documents: the number the document prints\n"
            "beside the number purenn computes, ✓ where they agree, ✗ with the erratum where the\n"
            "document is wrong, and · where the document prints no number. Exit code 1 if purenn\n"
            "disagrees with a document and no erratum explains why.",
            f"examples:\n"
            f"  all examples, for the terminal:\n{_B}purenn examples\n"
            f"  as Markdown tables, one per document:\n{_B}purenn examples --format markdown > examples.md",
        ),
        "errata": CommandTexts(
            "list the errors, typos and differing conventions in the course documents",
            "The errata of the five course documents: what a document prints, what is correct\n"
            "(and what purenn computes), why, and the test that shows it. Grouped by document;\n"
            "each entry is a Fehler (error), Tippfehler (typo), Konvention (convention or purenn's\n"
            "interpretation) or möglicherweise Textumwandlung (probably an artefact of turning the\n"
            "slides into text).",
            f"examples:\n"
            f"  in German, for the terminal:\n{_B}purenn errata\n"
            f"  in English, as Markdown:\n{_B}purenn errata --format markdown --lang en > errata.md",
        ),
    },
}

#: Option help by command and ``dest``; "*" holds the options several commands share.
OPTIONS: Dict[str, Dict[str, Dict[str, str]]] = {
    "de": {
        "*": {
            "help": "diese Hilfe zeigen und beenden, z. B. %(prog)s --help",
            "version": "die Version von purenn zeigen, z. B. purenn --version",
            "lang": "Sprache der Hilfe und der Ausgabe: de (Voreinstellung) oder en, z. B. --lang en",
            "net_path": "Netzdatei (JSON, wie Network.save sie schreibt), z. B. netz.json",
            "net": "Netzdatei (JSON), dasselbe wie NET, z. B. --net netz.json",
            "act": "Aktivierung jeder Schicht, durch Kommas getrennt, eine für alle oder eine pro Schicht "
            "(bekannt: %(known)s), z. B. --act sigmoid,softmax",
            "input": "die Eingabe x = a^0, durch Kommas getrennt, z. B. --input 1.3,0.8; mehrmals angegeben "
            "ein Mini-Batch, ein Beispiel je Spalte ('Matrizen' §3.7), z. B. --input 1.3,0.8 --input 0.5,-1",
            "relu_derivative_at_0": "ReLU'(0): 0 wie die Folie ('KI selbst gemacht': 1 wenn x > 0, 0 sonst; "
            "Voreinstellung) oder 1 wie der Kurs-Code (numpy.heaviside(z, 1)), z. B. --relu-derivative-at-0 1",
            "exact": "lineare Schritte exakt mit Brüchen (0.2 ist 1/5; 5·0.2 + 2·0.1 + 4·0.25 = 2.2 genau), "
            "z. B. --exact",
            "notation": "Indexschreibweise des Dokuments: parameter ('Parameter in neuronalen Netzen', "
            "'Training von neuronalen Netzen': w^k_ij von Eingang j zu Neuron i, ab 1; Voreinstellung), "
            "matrizen ('Matrizen in Neuronalen Netzen': w^l_j,i von j nach i, ab 0), "
            "ki oder course ('Künstliche Intelligenz selbst gemacht': w^(l)_jk, Bias als Neuron 0), "
            "woche10 oder w10 ('Woche 10 Theorie': w_ij von Eingang i zu Neuron j, ab 1, y für den Wert "
            "des Neurons), z. B. --notation matrizen",
            "format": "Ausgabeformat: %(choices_text)s (Voreinstellung %(default)s), z. B. --format markdown",
            "decimals": "Nachkommastellen gerundeter (≈) Werte (Voreinstellung %(default)s), z. B. --decimals 6",
        },
        "backprop": {
            "target": "das Ziel y, ein Wert pro Ausgabeneuron, z. B. --target 0,1; bei einem Mini-Batch "
            "einmal je --input, in derselben Reihenfolge",
            "eta": "Lernrate η; mit ihr werden die neuen Parameter nach einem Schritt gezeigt, z. B. --eta 0.5",
            "loss": "Verlustfunktion: %(known)s (auch sel, ce); ohne Angabe cross_entropy nach softmax, "
            "sonst squared_error, z. B. --loss half_squared_error",
        },
        "params": {
            "sizes": "Neuronen pro Schicht, die Eingabeschicht zuerst: n^0 n^1 … n^L (auch 5,8,1 oder 5-8-1), "
            "z. B. 5 8 1",
        },
        "mnist": {
            "hidden": "Neuronen pro verdeckter Schicht (Voreinstellung %(default)s), z. B. --hidden 30 "
            "oder --hidden 64,32",
            "activation": "Aktivierung der verdeckten Schichten: %(choices_text)s (Voreinstellung %(default)s); "
            "die Ausgabe ist softmax, z. B. --activation sigmoid",
            "epochs": "Durchläufe über die Trainingsziffern (Voreinstellung %(default)s; 0 = nur prüfen), "
            "z. B. --epochs 3",
            "batch_size": "Größe N eines Mini-Batches (Voreinstellung %(default)s), z. B. --batch-size 32",
            "eta": "Lernrate η (Voreinstellung je nach --activation: %(DEFAULT_ETA)s), z. B. --eta 0.1",
            "seed": "Startwert des Zufalls für Startgewichte und Mischen (Voreinstellung %(default)s), "
            "z. B. --seed 2",
            "train": "nur die ersten N Trainingsziffern nehmen, z. B. --train 1000",
            "test": "nur die ersten N zurückgehaltenen Ziffern zum Testen nehmen, z. B. --test 200",
            "save": "wohin das Modell gespeichert wird (Voreinstellung %(default)s im aktuellen Ordner; "
            "die Ausgabe nennt den vollen Pfad), z. B. --save modelle/m.json",
            "no_save": "das Modell nicht speichern, z. B. purenn mnist --epochs 1 --no-save",
            "model": "mit einem gespeicherten Modell beginnen (es prüfen oder weitertrainieren), "
            "z. B. --model mnist-model.json",
            "plot": "Verlust und Genauigkeit pro Epoche als SVG-Bild schreiben, z. B. --plot kurven.svg",
            "data": "die vier offiziellen MNIST-Dateien aus diesem Ordner lesen, z. B. --data mnist-daten",
            "download": "die offiziellen MNIST-Dateien zuerst in diesen Ordner herunterladen, "
            "z. B. --download mnist-daten",
            "show_wrong": "K falsch erkannte Ziffern als Textbild zeigen (Voreinstellung %(default)s), "
            "z. B. --show-wrong 0",
        },
        "demo": {
            "seed": "Startwert des Zufalls für die Startgewichte (Voreinstellung %(default)s), z. B. --seed 2",
            "epochs": "Durchläufe über alle Beispiele (Voreinstellung %(default)s), z. B. --epochs 500",
            "eta": "Lernrate η (Voreinstellung %(default)s), z. B. --eta 0.02",
        },
        "check": {
            "files": "AUFGABE ANTWORT, oder nur ANTWORT, wenn die Aufgabe als Optionen gegeben ist, "
            "z. B. aufgabe.txt antwort.txt",
            "input": "die Eingabe x = a^0, durch Kommas getrennt, statt der Zeile input der Aufgabendatei, "
            "z. B. --input 1.3,0.8",
            "target": "das Ziel y, ein Wert pro Ausgabeneuron, z. B. --target 0,1",
            "eta": "Lernrate η, für die Parameter nach dem Schritt (W1_12, b1_2), z. B. --eta 0.5",
            "loss": "Verlustfunktion: %(known)s (auch sel, ce); ohne Angabe cross_entropy nach softmax, "
            "sonst squared_error, z. B. --loss half_squared_error",
            "min_digits": "so viele signifikante Stellen braucht eine gerundete Antwort mindestens "
            "(Voreinstellung %(default)s; ein exakter Wert zählt immer), z. B. --min-digits 3",
            "details": "zu jeder Antwort ihre Zeile aus dem Rechenweg zeigen, auch zu den richtigen, z. B. --details",
        },
        "aufgabe": {
            "structure": "Neuronen pro Schicht, die Eingabeschicht zuerst (Voreinstellung %(default)s), "
            "z. B. --structure 2-2-1",
            "act": "Aktivierung jeder Schicht, durch Kommas getrennt, eine für alle oder eine pro Schicht "
            "(Voreinstellung %(default)s; bekannt: %(known)s), z. B. --act relu,sigmoid",
            "ask": "was gefragt ist: forward (der Forward Pass), backprop (dazu Verlust, δ, Gradienten und "
            "neue Parameter; Voreinstellung %(default)s) oder minibatch (ein Schritt über zwei Beispiele, "
            "'Matrizen' §3.7–3.8), z. B. --ask forward",
            "loss": "Verlustfunktion: %(known)s; ohne Angabe cross_entropy nach softmax, sonst squared_error, "
            "z. B. --loss half_squared_error",
            "difficulty": "wie glatt die Zahlen sind: easy in Schritten von 0.5, medium von 0.1, hard von 0.01 "
            "(Voreinstellung %(default)s), z. B. --difficulty medium",
            "eta": "Lernrate η der Aufgabe (Voreinstellung 0.5 bei easy, sonst 0.1), z. B. --eta 0.25",
            "seed": "die Nummer der Aufgabe: derselbe Seed gibt dieselbe Aufgabe (Voreinstellung %(default)s), "
            "z. B. --seed 17",
            "seeds": "für eine Klasse: ein Bereich von Seeds, eine Aufgabe je Seed als aufgabe-SEED.txt "
            "(braucht --out ORDNER), z. B. --seeds 1-30",
            "sheets": "mit --seeds: zu jeder Aufgabe auch Aufgaben- und Lösungsblatt (blatt-SEED, loesung-SEED) "
            "in diesem Format: %(choices_text)s, z. B. --sheets latex",
            "lang": "Sprache der Hilfe, der Ausgabe und der Blätter: de (Voreinstellung) oder en, z. B. --lang en",
            "out": "die Aufgabe in diese Datei schreiben, statt sie auszugeben; mit --seeds ein Ordner, "
            "z. B. --out aufgabe.txt oder --out klasse/",
        },
        "blatt": {
            "exercise": "die Aufgabendatei, z. B. examples/aufgaben/training-backprop.txt",
            "solution": "das Lösungsblatt (der ganze Rechenweg und die Lösungen) statt des Aufgabenblatts, "
            "z. B. --loesung",
            "key": "nur die Lösungen, Zeilen name = wert: eine Antwortdatei für purenn check, z. B. --key",
            "format": "Format des Blatts: %(choices_text)s (Voreinstellung %(default)s); latex ist ein "
            "vollständiges Dokument für pdflatex, z. B. --format latex",
            "lang": "Sprache der Hilfe und des Blatts: de (Voreinstellung) oder en, z. B. --lang en",
            "decimals": "Nachkommastellen gerundeter (≈) Werte: die der Aufgabendatei, sonst %(default)s, "
            "z. B. --decimals 3",
            "out": "das Blatt in diese Datei schreiben, statt es auszugeben, z. B. --out aufgabe.tex",
        },
        "formulas": {
            "format": "text (Voreinstellung) oder eine Markdown-Tabelle, z. B. --format markdown",
            "update_readme": "die Markdown-Tabelle in diese Datei zwischen <!-- formulas:start --> und "
            "<!-- formulas:end --> schreiben, statt sie auszugeben, z. B. --update-readme docs/formulas.md",
        },
    },
    "en": {
        "*": {
            "help": "show this help and exit, e.g. %(prog)s --help",
            "version": "show purenn's version, e.g. purenn --version",
            "lang": "language of the help and the output: de (default) or en, e.g. --lang en",
            "net_path": "network file (JSON, as written by Network.save), e.g. netz.json",
            "net": "network file (JSON), the same as NET, e.g. --net netz.json",
            "act": "activation of each layer, comma-separated, one for all or one per layer "
            "(known: %(known)s), e.g. --act sigmoid,softmax",
            "input": "the input x = a^0, comma-separated, e.g. --input 1.3,0.8; given several times a "
            "mini-batch, one example per column ('Matrizen' §3.7), e.g. --input 1.3,0.8 --input 0.5,-1",
            "relu_derivative_at_0": "ReLU'(0): 0 as on the slide ('KI selbst gemacht': 1 if x > 0, else 0; "
            "default) or 1 as the course code (numpy.heaviside(z, 1)), e.g. --relu-derivative-at-0 1",
            "exact": "exact fractions for the linear steps (0.2 is 1/5; 5·0.2 + 2·0.1 + 4·0.25 = 2.2 exactly), "
            "e.g. --exact",
            "notation": "the document's index notation: parameter ('Parameter in neuronalen Netzen', "
            "'Training von neuronalen Netzen': w^k_ij from input j to neuron i, from 1; default), "
            "matrizen ('Matrizen in Neuronalen Netzen': w^l_j,i from j to i, from 0), "
            "ki or course ('Künstliche Intelligenz selbst gemacht': w^(l)_jk, bias as neuron 0), "
            "woche10 or w10 ('Woche 10 Theorie': w_ij from input i to neuron j, from 1, y for the "
            "neuron's value), e.g. --notation matrizen",
            "format": "output format: %(choices_text)s (default %(default)s), e.g. --format markdown",
            "decimals": "decimals of rounded (≈) values (default %(default)s), e.g. --decimals 6",
        },
        "backprop": {
            "target": "the target y, one value per output neuron, e.g. --target 0,1; for a mini-batch "
            "once per --input, in the same order",
            "eta": "learning rate η; with it the new parameters after one step are shown, e.g. --eta 0.5",
            "loss": "loss function: %(known)s (also sel, ce); default cross_entropy after softmax, "
            "else squared_error, e.g. --loss half_squared_error",
        },
        "params": {
            "sizes": "neurons per layer, input layer first: n^0 n^1 … n^L (also 5,8,1 or 5-8-1), e.g. 5 8 1",
        },
        "mnist": {
            "hidden": "neurons per hidden layer (default %(default)s), e.g. --hidden 30 or --hidden 64,32",
            "activation": "activation of the hidden layers: %(choices_text)s (default %(default)s); "
            "the output is softmax, e.g. --activation sigmoid",
            "epochs": "passes over the training digits (default %(default)s; 0 = only evaluate), e.g. --epochs 3",
            "batch_size": "mini-batch size N (default %(default)s), e.g. --batch-size 32",
            "eta": "learning rate η (default by --activation: %(DEFAULT_ETA)s), e.g. --eta 0.1",
            "seed": "seed for the initial weights and the shuffling (default %(default)s), e.g. --seed 2",
            "train": "use only the first N training digits, e.g. --train 1000",
            "test": "use only the first N held-out digits for testing, e.g. --test 200",
            "save": "where to save the model (default %(default)s in the current folder; the output names "
            "the full path), e.g. --save models/m.json",
            "no_save": "do not save the model, e.g. purenn mnist --epochs 1 --no-save",
            "model": "start from a saved model (evaluate it, or continue training), e.g. --model mnist-model.json",
            "plot": "write the loss and accuracy per epoch as an SVG picture, e.g. --plot curves.svg",
            "data": "read the four official MNIST files from this folder, e.g. --data mnist-data",
            "download": "download the official MNIST files into this folder first, e.g. --download mnist-data",
            "show_wrong": "draw K misclassified digits as text pictures (default %(default)s), e.g. --show-wrong 0",
        },
        "demo": {
            "seed": "random seed for the initial weights (default %(default)s), e.g. --seed 2",
            "epochs": "iterations over all examples (default %(default)s), e.g. --epochs 500",
            "eta": "learning rate η (default %(default)s), e.g. --eta 0.02",
        },
        "check": {
            "files": "EXERCISE ANSWERS, or only ANSWERS when the exercise is given as options, "
            "e.g. exercise.txt answers.txt",
            "input": "the input x = a^0, comma-separated, instead of the exercise file's input line, "
            "e.g. --input 1.3,0.8",
            "target": "the target y, one value per output neuron, e.g. --target 0,1",
            "eta": "learning rate η, for the parameters after the step (W1_12, b1_2), e.g. --eta 0.5",
            "loss": "loss function: %(known)s (also sel, ce); default cross_entropy after softmax, "
            "else squared_error, e.g. --loss half_squared_error",
            "min_digits": "significant digits a rounded answer needs at least (default %(default)s; an exact "
            "value always counts), e.g. --min-digits 3",
            "details": "show with every answer its line of the Rechenweg, also with the right ones, e.g. --details",
        },
        "aufgabe": {
            "structure": "neurons per layer, input layer first (default %(default)s), e.g. --structure 2-2-1",
            "act": "activation of each layer, comma-separated, one for all or one per layer "
            "(default %(default)s; known: %(known)s), e.g. --act relu,sigmoid",
            "ask": "what is asked: forward (the forward pass), backprop (also loss, δ, gradients and new "
            "parameters; default %(default)s) or minibatch (one step over two examples, 'Matrizen' §3.7–3.8), "
            "e.g. --ask forward",
            "loss": "loss function: %(known)s; default cross_entropy after softmax, else squared_error, "
            "e.g. --loss half_squared_error",
            "difficulty": "how round the numbers are: easy in steps of 0.5, medium of 0.1, hard of 0.01 "
            "(default %(default)s), e.g. --difficulty medium",
            "eta": "the exercise's learning rate η (default 0.5 for easy, else 0.1), e.g. --eta 0.25",
            "seed": "the exercise's number: the same seed gives the same exercise (default %(default)s), "
            "e.g. --seed 17",
            "seeds": "for a class: a range of seeds, one exercise per seed as aufgabe-SEED.txt "
            "(needs --out FOLDER), e.g. --seeds 1-30",
            "sheets": "with --seeds: also a problem and a solution sheet per exercise (blatt-SEED, loesung-SEED) "
            "in this format: %(choices_text)s, e.g. --sheets latex",
            "lang": "language of the help, the output and the sheets: de (default) or en, e.g. --lang en",
            "out": "write the exercise to this file instead of printing it; a folder with --seeds, "
            "e.g. --out exercise.txt or --out class/",
        },
        "blatt": {
            "exercise": "the exercise file, e.g. examples/aufgaben/training-backprop.txt",
            "solution": "the solution sheet (the whole Rechenweg and the answers) instead of the problem sheet, "
            "e.g. --solution",
            "key": "only the answers, name = value lines: an answer file for purenn check, e.g. --key",
            "format": "format of the sheet: %(choices_text)s (default %(default)s); latex is a complete "
            "document for pdflatex, e.g. --format latex",
            "lang": "language of the help and the sheet: de (default) or en, e.g. --lang en",
            "decimals": "decimals of rounded (≈) values: those of the exercise file, else %(default)s, "
            "e.g. --decimals 3",
            "out": "write the sheet to this file instead of printing it, e.g. --out problem.tex",
        },
        "formulas": {
            "format": "text (default) or a Markdown table, e.g. --format markdown",
            "update_readme": "write the Markdown table into this file between <!-- formulas:start --> and "
            "<!-- formulas:end --> instead of printing it, e.g. --update-readme docs/formulas.md",
        },
    },
}

#: The network typed in as matrices, in the help of every command that takes --W<k> and --b<k>.
_INLINE: Dict[str, str] = {
    "de": "--W<k> ZEILEN  Gewichtsmatrix W^k: Zeilen durch ';' getrennt, Einträge durch ',' oder Leerzeichen\n"
    "--b<k> WERTE   Bias b^k: ein Eintrag pro Neuron (Zeile von W^k)\n"
    "               Schichten k = 1..L; Zahlen als Dezimalzahlen (mit Punkt) oder Brüche (1/3)\n"
    "               z. B. --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\"",
    "en": "--W<k> ROWS    weight matrix W^k: rows separated by ';', entries by ',' or spaces\n"
    "--b<k> VALUES  bias b^k: one entry per neuron (row of W^k)\n"
    "               layers k = 1..L; numbers as decimals (with a point) or fractions (1/3)\n"
    "               e.g. --W1 \"2,1;1,2;0.5,3\" --b1 \"-1,0,-0.25\"",
}

#: Titles (and descriptions) of argument groups, by the title the command gives the group.
GROUPS: Dict[str, Dict[str, "tuple[str, Optional[str]]"]] = {
    "de": {
        "network": ("Netz", "eine Netzdatei (NET oder --net DATEI) oder die Matrizen eingetippt:\n" + _INLINE["de"]),
        "exercise": (
            "Aufgabe (statt einer Aufgabendatei, oder über ihre Zeilen gelegt)",
            "das Netz eingetippt, dazu --act, --input, --target, --eta, --loss:\n" + _INLINE["de"],
        ),
        "Rechenweg": ("Rechenweg", None),
    },
    "en": {
        "network": ("network", "a network file (NET or --net FILE), or the matrices typed in:\n" + _INLINE["en"]),
        "exercise": (
            "exercise (instead of an exercise file, or over its lines)",
            "the network typed in, with --act, --input, --target, --eta, --loss:\n" + _INLINE["en"],
        ),
        "Rechenweg": ("Rechenweg", None),
    },
}

#: The words argparse itself writes, and the list of commands in ``purenn --help``.
HELP_WORDS: Dict[str, Dict[str, str]] = {
    "de": {
        "usage": "Aufruf: ",
        "positionals": "Argumente",
        "optionals": "Optionen",
        "commands": "Befehle",
        "command": "BEFEHL",
        "description": "Neuronale Netze in reinem Python, Formel für Formel wie im Kurs.",
        "epilog": "Hilfe zu einem Befehl: purenn BEFEHL --help, z. B. purenn mnist --help.\n"
        "English: purenn --lang en --help",
    },
    "en": {
        "usage": "usage: ",
        "positionals": "positional arguments",
        "optionals": "options",
        "commands": "commands",
        "command": "COMMAND",
        "description": "Neural networks in pure Python, formula for formula as in the course.",
        "epilog": "Help on one command: purenn COMMAND --help, e.g. purenn mnist --help.\n"
        "Deutsch: purenn --lang de --help",
    },
}

#: What ``purenn`` without arguments shows: what to try first.
OVERVIEW: Dict[str, str] = {
    "de": """\
purenn {version} — neuronale Netze in reinem Python, Formel für Formel wie im Kurs.

Zum Anfangen (aus dem Checkout: python -m purenn statt purenn):
  purenn mnist             ein Netz auf 5000 echten MNIST-Ziffern trainieren, ohne Internet
  purenn demo              die erste Trainingsaufgabe des Kurses: Binärzahlen in Dezimalzahlen
  purenn params 5 8 1      Parameter zählen wie auf den Folien: 48 + 9 = 57
  purenn forward --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --act sigmoid --input 1.3,0.8
                           ein Forward Pass als Rechenweg, jede Zahl eingesetzt
  purenn examples          jedes Zahlenbeispiel der Unterlagen nachgerechnet

Alle Befehle: purenn --help   Hilfe zu einem Befehl: purenn mnist --help
English: purenn --lang en
""",
    "en": """\
purenn {version} — neural networks in pure Python, formula for formula as in the course.

To start (from the checkout: python -m purenn instead of purenn):
  purenn mnist             train a network on 5000 real MNIST digits, offline
  purenn demo              the course's first training task: binary to decimal numbers
  purenn params 5 8 1      count parameters as the slides do: 48 + 9 = 57
  purenn forward --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --act sigmoid --input 1.3,0.8
                           a forward pass written out, every number put in
  purenn examples          every worked example of the documents recomputed

All commands: purenn --help   Help on one command: purenn mnist --help
Deutsch: purenn --lang de
""",
}


def command_texts(name: str, lang: str) -> Optional[CommandTexts]:
    """The help texts of command ``name``, or None if this module has none for it."""
    return COMMANDS[lang].get(name)


def option_help(command: str, dest: str, lang: str) -> Optional[str]:
    """The help of option ``dest`` of ``command``: the command's own, else the shared one, else None."""
    own = OPTIONS[lang].get(command, {})
    return own.get(dest, OPTIONS[lang]["*"].get(dest))


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter with the help words in the chosen language.

    In option help, ``%(default)s`` shows a list default as ``40`` or
    ``64,32``, ``%(choices_text)s`` the choices as ``text, markdown``; the
    values an option carries in ``help_values`` (``%(known)s``) are filled in too.
    """

    lang = DEFAULT_LANG

    def add_usage(self, usage: Optional[str], actions: Iterable[argparse.Action],
                  groups: Iterable["argparse._MutuallyExclusiveGroup"], prefix: Optional[str] = None) -> None:
        if prefix is None:  # argparse passes "" when it builds a subcommand's name
            prefix = HELP_WORDS[self.lang]["usage"]
        if usage is not None and "\n" in usage:  # a usage of several lines: align them under the first
            indent = " " * (len(prefix) + len(self._prog) + 1)
            first, *rest = usage.split("\n")
            usage = "\n".join([first] + [indent + line.strip() for line in rest])
        super().add_usage(usage, actions, groups, prefix)

    def _expand_help(self, action: argparse.Action) -> str:
        values = dict(vars(action), prog=self._prog)
        default = action.default
        if isinstance(default, (list, tuple)):
            values["default"] = ",".join(map(str, default))
        if action.choices is not None:
            values["choices_text"] = ", ".join(map(str, action.choices))
        values.update(getattr(action, "help_values", {}))
        return (action.help or "") % values


def localize(parser: argparse.ArgumentParser, command: str, lang: str, module: Optional[ModuleType] = None) -> None:
    """Give the options and groups of ``parser`` (made for ``command``) their help in ``lang``.

    An option this module has no text for keeps the help its command gave it.
    ``%(DEFAULT_…)s`` in a help text shows the command module's constant of that name.
    """
    values: Dict[str, str] = {"known": ""}
    if module is not None:
        values.update((name, _listed(value)) for name, value in vars(module).items() if name.startswith("DEFAULT_"))
    for action in parser._actions:
        _localize_metavar(action, lang)
        text = option_help(command, action.dest, lang)
        if text is None:
            continue
        action.help = text
        known = {"act": activations.NAMES, "loss": losses.NAMES}.get(action.dest, ())
        setattr(action, "help_values", dict(values, known=", ".join(known)))
    words = HELP_WORDS[lang]
    parser._positionals.title = words["positionals"]
    parser._optionals.title = words["optionals"]
    for group in parser._action_groups:
        if group.title in GROUPS[lang]:
            group.title, description = GROUPS[lang][group.title]
            group.description = description if description is not None else group.description
    parser.formatter_class = formatter_for(lang)
    if parser.usage is not None:
        parser.usage = _usage_in(parser.usage, lang)
    setattr(parser, "lang", lang)  # a purenn.cli.parser.Parser writes its errors in it


def _localize_metavar(action: argparse.Action, lang: str) -> None:
    """The action's placeholder in ``lang``; an option with choices keeps argparse's {a,b}."""
    if action.nargs == 0 or isinstance(action, argparse._SubParsersAction):
        return
    if action.metavar is None and action.choices is not None:
        return
    if isinstance(action.metavar, str):
        action.metavar = metavar(action.metavar, lang)
    elif action.metavar is None:
        english = action.dest.upper() if action.option_strings else action.dest
        if metavar(english, lang) != english:
            action.metavar = metavar(english, lang)


def _listed(value: object) -> str:
    """A default as help shows it: 40, 64,32, relu 0.05, sigmoid 0.5."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


def formatter_for(lang: str) -> "type[HelpFormatter]":
    """A HelpFormatter class whose help words are in ``lang``."""
    return type(f"HelpFormatter_{lang}", (HelpFormatter,), {"lang": lang})


# -- the placeholders and argparse's own messages ---------------------------------------------

#: The placeholders of the help and usage lines, by the English one the command code writes
#: (``metavar=`` or, without it, argparse's ``DEST``); a placeholder not listed stays as it is.
METAVARS: Dict[str, Dict[str, str]] = {
    "de": {
        "FILE": "DATEI", "FILE.svg": "DATEI.svg", "README": "DATEI", "DIR": "ORDNER", "VALUES": "WERTE",
        "ROWS": "ZEILEN", "NAMES": "NAMEN", "NUMBER": "ZAHL", "ETA": "ZAHL", "EPOCHS": "N", "BATCH_SIZE": "N",
        "SEED": "N", "DECIMALS": "N", "SIZES": "N-N-N", "FIRST-LAST": "ERSTER-LETZTER", "[options]": "[Optionen]",
    },
    "en": {
        "README": "FILE", "ETA": "NUMBER", "EPOCHS": "N", "BATCH_SIZE": "N", "SEED": "N", "DECIMALS": "N",
        "AUFGABE": "EXERCISE",
    },
}

#: argparse's error messages (``purenn.cli.parser`` recognises them), one line each.
PARSER_ERRORS: Dict[str, Dict[str, str]] = {
    "de": {
        "line": "{prog}: Fehler: {message}",
        "and": "und",
        "or": "oder",
        "example_marker": "z. B.",
        "example": ", z. B. {example}",
        "required": "{names} fehlt",
        "required_many": "{names} fehlen",
        "one_of": "{names} fehlt",
        "one_of_many": "eins von {names} ist nötig",
        "unrecognized_one": "unbekanntes Argument: {args} (die Optionen zeigt {prog} --help)",
        "unrecognized": "unbekannte Argumente: {args} (die Optionen zeigt {prog} --help)",
        "ambiguous": "{option} ist nicht eindeutig: {matches}?",
        "choice": "{value} gibt es nicht, möglich sind: {choices}",
        "command": "{value} ist kein Befehl von purenn; die Befehle: {choices}",
        "type": "{value} ist kein gültiger Wert",
        "type_int": "{value} ist keine ganze Zahl",
        "type_float": "{value} ist keine Zahl",
        "one_value": "{name} braucht einen Wert",
        "at_most_one": "{name} nimmt höchstens einen Wert",
        "at_least_one": "{name} braucht mindestens einen Wert",
        "n_values": "{name} braucht {n} Werte",
        "no_value": "{name} nimmt keinen Wert, bekam {value}",
        "not_with": "{name} geht nicht zusammen mit {other}",
    },
    "en": {
        "line": "{prog}: error: {message}",
        "and": "and",
        "or": "or",
        "example_marker": "e.g.",
        "example": ", e.g. {example}",
        "required": "{names} is missing",
        "required_many": "{names} are missing",
        "one_of": "{names} is missing",
        "one_of_many": "one of {names} is needed",
        "unrecognized_one": "unknown argument: {args} (the options: {prog} --help)",
        "unrecognized": "unknown arguments: {args} (the options: {prog} --help)",
        "ambiguous": "{option} is ambiguous: {matches}?",
        "choice": "{value} is not one of: {choices}",
        "command": "{value} is not a purenn command; the commands: {choices}",
        "type": "{value} is not a valid value",
        "type_int": "{value} is not a whole number",
        "type_float": "{value} is not a number",
        "one_value": "{name} needs a value",
        "at_most_one": "{name} takes at most one value",
        "at_least_one": "{name} needs at least one value",
        "n_values": "{name} needs {n} values",
        "no_value": "{name} takes no value, got {value}",
        "not_with": "{name} cannot be used with {other}",
    },
}


def metavar(text: str, lang: str) -> str:
    """A placeholder of the help in ``lang``: FILE → DATEI.

    >>> metavar("FILE", "de"), metavar("FILE", "en"), metavar("BATCH_SIZE", "en"), metavar("K", "de")
    ('DATEI', 'FILE', 'N', 'K')
    """
    return METAVARS[lang].get(text, text)


def _usage_in(usage: str, lang: str) -> str:
    """A usage line a command wrote itself, its placeholders in ``lang``: "--net FILE … [options]"."""
    return re.sub(r"\[options\]|[A-Z][A-Z_]*(?:\.svg)?(?![\w.])", lambda m: metavar(m.group(0), lang), usage)


# -- what the commands print -----------------------------------------------------------------

#: The output texts of the commands, by key; ``say`` fills in the values.
MESSAGES: Dict[str, Dict[str, str]] = {
    "de": {
        "mnist.source_dir": "MNIST aus {dir}",
        "mnist.source_shipped": "mitgelieferte MNIST-Ziffern",
        "mnist.sizes": "{source}: {n_train} zum Training, {n_test} zurückgehalten zum Testen",
        "mnist.network": "Netz {shape} ({n_params} Parameter), σ = {activation}, Softmax + Cross-Entropy, "
        "η = {eta}, Mini-Batches zu {batch_size}, seed {seed}",
        "mnist.interrupted": "Abgebrochen (Strg-C) nach {done} von {epochs} Epochen.",
        "mnist.evaluated_only": "--epochs 0: nur ausgewertet, nichts gespeichert.",
        "mnist.kept": "{path} bleibt unverändert",
        "mnist.not_written": "{path} wird nicht geschrieben",
        "mnist.nothing_saved": "Keine Epoche fertig: nichts gespeichert; {kept}.",
        "mnist.curves": "Lernkurven: {path}",
        "mnist.saved": "Gespeichert: {path} ({what})",
        "mnist.saved_model": "das Modell",
        "mnist.saved_partial": "Gespeichert: {path} (unvollständig: der Stand nach Epoche {n} von {epochs}); "
        "{kept}.",
        "mnist.total_time": "Gesamtzeit: {time}",
        "mnist.training_time": "Trainingszeit: {time} für {epochs}, {per_epoch} s pro Epoche",
        "mnist.epochs_one": "1 Epoche",
        "mnist.epochs_many": "{n} Epochen",
        "mnist.accuracy": "Genauigkeit auf {n} zurückgehaltenen Ziffern: {percent} %",
        "mnist.confusion": "Konfusionsmatrix (Zeile: wahre Ziffer, Spalte: vorhergesagte):",
        "mnist.wrong": "Falsch erkannt, zum Beispiel:",
        "mnist.wrong_caption": "#{i}: wahr {true}, erkannt {predicted}",
        "mnist.per_digit": "Anteil richtig pro Ziffer: ",
        "progress.epoch": "Epoche",
        "progress.loss": "Verlust",
        "progress.training": "Training",
        "progress.test": "Test",
        "progress.per_second": "Beispiele/s",
        "progress.left": "noch",
        "demo.network": "Netz 3-4-1 (ReLU), η = {eta}, {epochs} Iterationen, seed {seed}",
        "demo.loss": "Verlust (squared error) am Ende: {loss}",
        "demo.unknown": "Vorhersage für unbekannten Input 101: {out}   (erwartet: 5)",
        "demo.known": "Vorhersage für bekannten Input {x}: {out}   (erwartet: {y})",
        "demo.dead_at_start": "Hinweis: mit seed {seed} ist die Ausgabe-ReLU schon vor dem Training tot "
        "(Dying ReLU): z² ≤ 0 für alle sieben Eingaben, also ReLU'(z²) = 0, δ² = 0 und jeder Gradient 0 — "
        "kein Gewicht ändert sich. Das trifft {count} von 20 seeds ({seeds}; purenn examples); "
        "versuche einen anderen --seed.",
        "demo.not_learned": "Hinweis: das Netz hat 101 nicht gelernt; versuche mehr --epochs oder einen "
        "anderen --seed.",
        "params.title": "Anzahl der Parameter",
        "params.network": "Netz: {sizes}",
        "params.rule": "Pro Schicht mit n Neuronen und m Inputs: n·m Gewichte und n Bias, "
        "n·m + n = (m + 1)·n Parameter ('Parameter in neuronalen Netzen').",
        "params.layer": "Schicht {l}: {m} Inputs, Bias, {n} Neuronen",
        "params.layer_1": "Schicht {l}: {m} Input, Bias, {n} Neuronen",
        "params.layer_n1": "Schicht {l}: {m} Inputs, Bias, {n} Neuron",
        "params.layer_1_n1": "Schicht {l}: {m} Input, Bias, {n} Neuron",
        "params.total": "Insgesamt",
        "params.params": "Parameter",
        "formulas.updated": "{path}: Formeltabelle aktualisiert",
        "formulas.up_to_date": "{path}: Formeltabelle schon aktuell",
        "aufgabe.written": "{n} Aufgaben in {folder}/ (Seeds {first}–{last})",
        "aufgabe.written_1": "1 Aufgabe in {folder}/ (Seed {first})",
    },
    "en": {
        "mnist.source_dir": "MNIST from {dir}",
        "mnist.source_shipped": "shipped MNIST digits",
        "mnist.sizes": "{source}: {n_train} for training, {n_test} held out for testing",
        "mnist.network": "network {shape} ({n_params} parameters), σ = {activation}, softmax + cross-entropy, "
        "η = {eta}, mini-batches of {batch_size}, seed {seed}",
        "mnist.interrupted": "Interrupted (Ctrl-C) after {done} of {epochs} epochs.",
        "mnist.evaluated_only": "--epochs 0: evaluated only, nothing saved.",
        "mnist.kept": "{path} is left unchanged",
        "mnist.not_written": "{path} is not written",
        "mnist.nothing_saved": "No epoch finished: nothing saved; {kept}.",
        "mnist.curves": "Learning curves: {path}",
        "mnist.saved": "Saved: {path} ({what})",
        "mnist.saved_model": "the model",
        "mnist.saved_partial": "Saved: {path} (unfinished: the network after epoch {n} of {epochs}); {kept}.",
        "mnist.total_time": "Total time: {time}",
        "mnist.training_time": "Training time: {time} for {epochs}, {per_epoch} s per epoch",
        "mnist.epochs_one": "1 epoch",
        "mnist.epochs_many": "{n} epochs",
        "mnist.accuracy": "Accuracy on {n} held-out digits: {percent} %",
        "mnist.confusion": "Confusion matrix (row: true digit, column: predicted):",
        "mnist.wrong": "Misclassified, for example:",
        "mnist.wrong_caption": "#{i}: true {true}, predicted {predicted}",
        "mnist.per_digit": "Accuracy per digit: ",
        "progress.epoch": "epoch",
        "progress.loss": "loss",
        "progress.training": "training",
        "progress.test": "test",
        "progress.per_second": "examples/s",
        "progress.left": "left",
        "demo.network": "network 3-4-1 (ReLU), η = {eta}, {epochs} iterations, seed {seed}",
        "demo.loss": "loss (squared error) at the end: {loss}",
        "demo.unknown": "prediction for the unseen input 101: {out}   (expected: 5)",
        "demo.known": "prediction for the known input {x}: {out}   (expected: {y})",
        "demo.dead_at_start": "Note: with seed {seed} the output ReLU is dead before training (dying ReLU): "
        "z² ≤ 0 for all seven inputs, so ReLU'(z²) = 0, δ² = 0 and every gradient is 0 — no weight changes. "
        "This happens for {count} of 20 seeds ({seeds}; purenn examples); try another --seed.",
        "demo.not_learned": "Note: the network has not learnt 101; try more --epochs or another --seed.",
        "params.title": "Number of parameters",
        "params.network": "Network: {sizes}",
        "params.rule": "Per layer with n neurons and m inputs: n·m weights and n biases, "
        "n·m + n = (m + 1)·n parameters ('Parameter in neuronalen Netzen').",
        "params.layer": "Layer {l}: {m} inputs, bias, {n} neurons",
        "params.layer_1": "Layer {l}: {m} input, bias, {n} neurons",
        "params.layer_n1": "Layer {l}: {m} inputs, bias, {n} neuron",
        "params.layer_1_n1": "Layer {l}: {m} input, bias, {n} neuron",
        "params.total": "Total",
        "params.params": "parameters",
        "formulas.updated": "{path}: formula table updated",
        "formulas.up_to_date": "{path}: formula table already up to date",
        "aufgabe.written": "{n} exercises in {folder}/ (seeds {first}–{last})",
        "aufgabe.written_1": "1 exercise in {folder}/ (seed {first})",
    },
}


def say(lang: str, key: str, **values: object) -> str:
    """The output text ``key`` in ``lang`` with ``values`` filled in.

    >>> say("de", "mnist.curves", path="kurven.svg"), say("en", "mnist.curves", path="curves.svg")
    ('Lernkurven: kurven.svg', 'Learning curves: curves.svg')
    """
    return MESSAGES[lang if lang in MESSAGES else DEFAULT_LANG][key].format(**values)
