"""Exercises: exercise files, checking answers, typical slips, new exercises and sheets.

A teacher's tools, one idea per module:

* ``exercise_file`` — the exercise as a text file (``W1 = 2,1; 1,2``), read and written;
* ``setup``         — the exercise as a network, input, target, loss and η, and its Rechenweg;
* ``answer_names``  — the names of the answers (``z¹₂`` or ``z1_2``), one table per notation;
* ``answer_file``   — the student's answers, ``name = value`` lines, and how precise each is;
* ``steps``         — the Rechenweg as a chain of steps, recomputed from the student's own values;
* ``slips``         — the typical slips, each a wrong formula whose value can be recognised;
* ``grading``       — ✓/✗, Folgefehler, the first wrong step: ``check``;
* ``report``        — the grading written down as text, Markdown or LaTeX, German or English;
* ``texts``         — the whole check as one plain function of two texts;
* ``generator``     — a new exercise with pleasant numbers from a seed;
* ``sheets``        — problem and solution sheets, Markdown and standalone LaTeX.

The plain function for other programs (a browser page in Pyodide):
``purenn.exercises.grading.check_texts(exercise_text, answer_text, lang, fmt)``.
"""
