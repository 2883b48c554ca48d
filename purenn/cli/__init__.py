"""The ``purenn`` command line: ``main`` parses the arguments, one module per subcommand in ``commands/``.

``netspec`` reads networks typed on the command line, ``progress`` draws the
progress bar. The library never imports this package.
"""

from purenn.cli.main import UsageError, main

__all__ = ["main", "UsageError"]
