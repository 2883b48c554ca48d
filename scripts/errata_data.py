"""Write purenn/course/errata.json in its canonical form, or check that it is.

purenn.course.errata reads and checks the entries; this script writes them back
with ``purenn.course.errata.canonical_json``: the fields in the order of the
``Erratum`` dataclass, the document as its short key, UTF-8 without escapes,
indented by two spaces. Run it after editing the file by hand::

    python scripts/errata_data.py          # rewrite purenn/course/errata.json
    python scripts/errata_data.py --check  # exit 1 and show a diff if it is not canonical

tests/test_errata.py runs the same comparison.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from purenn.course import errata  # noqa: E402  (after the path above)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if the file is not canonical")
    args = parser.parse_args(argv)
    path = Path(errata.__file__).with_name(errata.DATA_FILE)
    current = path.read_text(encoding="utf-8")
    canonical = errata.canonical_json(errata.ERRATA)
    if current == canonical:
        print(f"{path.relative_to(ROOT)}: canonical ({len(errata.ERRATA)} entries)")
        return 0
    if args.check:
        diff = difflib.unified_diff(
            current.splitlines(keepends=True), canonical.splitlines(keepends=True),
            fromfile=f"{path.relative_to(ROOT)} (as is)", tofile=f"{path.relative_to(ROOT)} (canonical)",
        )
        sys.stdout.writelines(diff)
        print(f"{path.relative_to(ROOT)} is not in canonical form; run: python scripts/errata_data.py")
        return 1
    path.write_text(canonical, encoding="utf-8", newline="\n")
    print(f"{path.relative_to(ROOT)}: rewritten ({len(errata.ERRATA)} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
