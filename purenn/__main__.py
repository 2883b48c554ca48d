"""``python -m purenn``: the command line, also where nothing is installed."""

from purenn.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
