"""Build purenn's offline page: one folder that any static web server can serve.

    cd scripts/web && npm ci --omit=dev && cd ../..     # the pinned Pyodide runtime (once)
    python scripts/web/build.py SITE                      # writes the folder SITE
    python3 -m http.server 8000 --bind 127.0.0.1 --directory SITE

The folder holds index.html, the page's own JavaScript and CSS (web/), the
Pyodide runtime copied from scripts/web/node_modules/pyodide (the version
pinned in scripts/web/package.json), and purenn.zip: the purenn package of
this checkout and web/purenn_page.py. Nothing is fetched from the internet
when the page runs, so the folder can be copied as it is to a school server,
Moodle, a Pages site or a USB stick. It does not work from file:// (the
browser forbids Pyodide's fetch there); any web server does.

The build is reproducible: the same checkout gives the same purenn.zip byte
for byte. An existing SITE is replaced only if it is an earlier build
(it has build.json) or empty.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import zipfile
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WEB = ROOT / "web"
PYODIDE = HERE / "node_modules" / "pyodide"

#: What a page needs from the pyodide npm package (loadPyodide from pyodide.js).
PYODIDE_FILES = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
#: The page's own files.
PAGE_FILES = ["index.html", "app.js", "latex.js", "worker.js", "style.css"]
#: A fixed time stamp for every file in purenn.zip, so that the zip depends on the contents only.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def pinned_pyodide() -> str:
    """The Pyodide version in scripts/web/package.json."""
    return str(json.loads((HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"])


def check_runtime() -> str:
    """The installed Pyodide's version, or SystemExit saying how to install the pinned one."""
    pinned = pinned_pyodide()
    package = PYODIDE / "package.json"
    if not package.is_file():
        raise SystemExit(f"build: {PYODIDE} is missing: run 'npm ci --omit=dev' in {HERE} first")
    version = str(json.loads(package.read_text(encoding="utf-8"))["version"])
    if version != pinned:
        raise SystemExit(f"build: node_modules has Pyodide {version}, package.json pins {pinned}: run 'npm ci' in {HERE}")
    missing = [name for name in PYODIDE_FILES if not (PYODIDE / name).is_file()]
    if missing:
        raise SystemExit(f"build: the pyodide package lacks {', '.join(missing)}")
    return version


def package_files() -> List[Path]:
    """Every file of the purenn package, sorted, without caches."""
    return sorted(
        p for p in (ROOT / "purenn").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def write_zip(target: Path) -> int:
    """purenn/ and purenn_page.py as a zip with fixed time stamps; returns the number of files."""
    entries = [(p, p.relative_to(ROOT).as_posix()) for p in package_files()]
    entries.append((WEB / "purenn_page.py", "purenn_page.py"))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path, name in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    return len(entries)


def purenn_version() -> str:
    for line in (ROOT / "purenn" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "?"


def build(site: Path) -> None:
    version = check_runtime()
    if site.exists() and (not site.is_dir() or (any(site.iterdir()) and not (site / "build.json").is_file())):
        raise SystemExit(f"build: {site} exists and is not an earlier build of the page (no build.json): not replacing it")
    work = site.with_name(site.name + ".building")
    if work.exists():
        shutil.rmtree(work)
    (work / "pyodide").mkdir(parents=True)
    for name in PAGE_FILES:
        shutil.copyfile(WEB / name, work / name)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE / name, work / "pyodide" / name)
    files = write_zip(work / "purenn.zip")
    info = {"purenn": purenn_version(), "pyodide": version, "files in purenn.zip": files}
    (work / "build.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    # the finished folder takes the old one's place only now
    if site.exists():
        shutil.rmtree(site)
    work.rename(site)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"built {site}: purenn {info['purenn']} ({files} files), Pyodide {version}, {size / 1e6:.1f} MB")
    print(f"serve it: python3 -m http.server 8000 --bind 127.0.0.1 --directory {site}")


def main(argv: "List[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the folder to write (replaced if it is an earlier build)")
    args = parser.parse_args(argv)
    build(args.site.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
