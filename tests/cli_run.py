"""Run the command line inside the test process: ``main(argv)`` with its output captured.

Most CLI tests call this; a few still start a real ``python -m purenn`` to
check that the module runs as a user runs it.
"""

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from purenn.cli import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_main(*args: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse: --help, usage errors
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return Result(code, out.getvalue(), err.getvalue())
