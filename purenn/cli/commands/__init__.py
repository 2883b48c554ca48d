"""The subcommands of ``purenn``, one module each, listed in ``purenn.cli.main.COMMAND_MODULES``."""
