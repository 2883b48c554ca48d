"""The sdist and the wheel hold what a user needs: built here, offline, and opened.

The wheel: the package with its data (the MNIST digits, the JSON indexes,
py.typed), the licences, and the ``purenn`` command. The sdist: also the
tests, the docs and the examples, and a wheel builds from it alone. Built with
the setuptools of the running interpreter (no build isolation, no network);
where that setuptools is older than pyproject.toml asks for, the test is skipped
and says so (``pip install -e ".[dev]"`` brings a new enough one).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import purenn

ROOT = Path(__file__).resolve().parent.parent

#: What a clean checkout holds and a copy for building leaves out.
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "venv", "build", "dist", "*.egg-info",
                                     "__pycache__", "*.pyc", ".mypy_cache", ".pytest_cache", "node_modules",
                                     "mnist-model.json")

_BUILD = """\
import sys
from setuptools import build_meta
kind, out = sys.argv[1], sys.argv[2]
print((build_meta.build_sdist if kind == "sdist" else build_meta.build_wheel)(out))
"""


def _setuptools_version() -> "tuple[int, ...] | None":
    try:
        import setuptools
    except ImportError:
        return None
    return tuple(int(p) for p in re.findall(r"\d+", setuptools.__version__)[:2])


def _required_setuptools() -> "tuple[int, ...]":
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'requires = \["setuptools>=(\d+)(?:\.(\d+))?"\]', text)
    assert found, "pyproject.toml names its build backend setuptools>=N"
    return tuple(int(g) for g in found.groups() if g)


def _build(kind: str, source: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-c", _BUILD, kind, str(out)], cwd=source,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    have, need = _setuptools_version(), _required_setuptools()
    if have is None or have < need:
        pytest.skip(f"building needs setuptools >= {'.'.join(map(str, need))} in this interpreter, "
                    f"found {'none' if have is None else '.'.join(map(str, have))} (pip install -e \".[dev]\")")
    tmp = tmp_path_factory.mktemp("build")
    source = tmp / "checkout"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    sdist = _build("sdist", source, tmp / "dist")
    with tarfile.open(sdist) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.12+, and the security releases of 3.9-3.11
            tar.extractall(tmp / "unpacked", filter="data")
        else:
            tar.extractall(tmp / "unpacked")
    unpacked = tmp / "unpacked" / sdist.name[: -len(".tar.gz")]
    wheel = _build("wheel", unpacked, tmp / "dist")  # the wheel from the sdist alone, as pip builds it
    return sdist, wheel


def test_names_carry_the_one_version(built):
    sdist, wheel = built
    assert sdist.name == f"purenn-{purenn.__version__}.tar.gz"
    assert wheel.name == f"purenn-{purenn.__version__}-py3-none-any.whl"


def test_the_wheel_holds_the_package_and_its_data(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = f"purenn-{purenn.__version__}.dist-info"
        metadata = z.read(f"{info}/METADATA").decode("utf-8")
        entry_points = z.read(f"{info}/entry_points.txt").decode("utf-8")
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "purenn").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    missing = shipped - names
    assert not missing, f"not in the wheel: {sorted(missing)}"
    for needed in ("purenn/py.typed", "purenn/data/mnist-5k-images-idx3-ubyte.gz",
                   "purenn/data/mnist-5k-labels-idx1-ubyte.gz", "purenn/course/formulas.json",
                   "purenn/course/errata.json", "purenn/cli/texts.py"):
        assert needed in names
    assert not [n for n in names if n.startswith("tests/") or n.endswith(".pyc")]
    assert f"{info}/licenses/LICENSE" in names
    assert "License-Expression: MIT AND CC-BY-SA-3.0" in metadata
    assert f"Version: {purenn.__version__}" in metadata
    assert "Classifier: Intended Audience :: Education" in metadata
    assert "Classifier: Natural Language :: German" in metadata
    assert "Classifier: Environment :: WebAssembly :: Emscripten" in metadata
    assert "Requires-Python: >=3.9" in metadata and "Requires-Dist: pytest" in metadata  # only in [dev]
    assert "purenn = purenn.cli.main:main" in entry_points


def test_the_sdist_also_holds_tests_docs_and_examples(built):
    sdist, _ = built
    with tarfile.open(sdist) as tar:
        top = sdist.name[: -len(".tar.gz")]
        names = {n[len(top) + 1:] for n in tar.getnames() if n.startswith(top + "/")}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout:
        wanted = {n for n in tracked.stdout.splitlines()
                  if n.split("/")[0] in ("purenn", "tests", "docs", "examples", "scripts") and (ROOT / n).is_file()}
    else:  # not a git checkout (an unpacked sdist): what the folders hold
        wanted = {p.relative_to(ROOT).as_posix() for d in ("purenn", "tests", "docs", "examples")
                  for p in (ROOT / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    missing = wanted - names
    assert not missing, f"not in the sdist: {sorted(missing)}"
    for needed in ("LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "tests/conftest.py"):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
