"""purenn runs on the standard library alone, and its tests never use numpy.

purenn has to work where numpy cannot be installed (Pyodide in a browser,
a bare PyPy, a school computer). Two checks:

* every ``import`` in every module under ``purenn/`` names a module of the
  standard library or purenn itself — read with ``ast``, without running
  anything, so an import hidden in a function or a rarely taken branch
  counts too;
* no module under ``purenn/`` or ``tests/`` imports numpy, also not through
  ``importlib.import_module("numpy")`` or ``pytest.importorskip("numpy")``.

A third test imports every purenn module in a fresh interpreter and checks
that nothing outside the standard library was loaded on the way.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "purenn"
TESTS = ROOT / "tests"
FORBIDDEN_EVERYWHERE = {"numpy"}

needs_stdlib_names = pytest.mark.skipif(
    not hasattr(sys, "stdlib_module_names"),
    reason="sys.stdlib_module_names is new in Python 3.10; the newer interpreters run this check",
)


def _modules(folder: Path) -> List[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> Iterator[Tuple[int, str]]:
    """(line, module name) for every absolute import in ``path``.

    Also the string given to ``importlib.import_module``, ``__import__`` and
    ``pytest.importorskip``. Relative imports (``from . import x``) stay
    inside the package and are left out.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.lineno, node.module
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if (
                name in ("import_module", "__import__", "importorskip")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and not first.value.startswith(".")
            ):
                yield node.lineno, first.value


def _top(module: str) -> str:
    return module.split(".")[0]


def test_the_package_has_modules() -> None:
    # Guards the checks below against passing on an empty or moved folder.
    assert (PACKAGE / "__init__.py").is_file()
    assert len(_modules(PACKAGE)) >= 5


@needs_stdlib_names
def test_purenn_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"purenn"}
    bad = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in _modules(PACKAGE)
        for line, module in _imports(path)
        if _top(module) not in allowed
    ]
    assert not bad, "purenn must run on the standard library alone:\n" + "\n".join(bad)


@pytest.mark.parametrize("folder", [PACKAGE, TESTS], ids=["purenn", "tests"])
def test_nothing_imports_numpy(folder: Path) -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in _modules(folder)
        for line, module in _imports(path)
        if _top(module) in FORBIDDEN_EVERYWHERE
    ]
    assert not bad, (
        "purenn and its tests must run where numpy cannot be installed (Pyodide, PyPy):\n"
        + "\n".join(bad)
    )


@needs_stdlib_names
def test_importing_all_of_purenn_loads_nothing_else() -> None:
    """Every module, imported in a fresh interpreter: the modules that appear are purenn's or the standard library's."""
    script = textwrap.dedent(
        """
        import pkgutil, sys
        before = set(sys.modules)
        import purenn
        for info in pkgutil.walk_packages(purenn.__path__, "purenn."):
            __import__(info.name)
        from purenn.cli.main import build_parser
        build_parser()
        std = set(sys.stdlib_module_names) | {"purenn"}
        new = {m.split(".")[0] for m in set(sys.modules) - before}
        print("\\n".join(sorted(new - std)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    foreign = done.stdout.split()
    assert not foreign, f"importing purenn loaded packages outside the standard library: {foreign}"


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    # The AST walk itself: each form of import is found, relative ones are not.
    path = tmp_path / "sample.py"
    path.write_text(
        textwrap.dedent(
            """
            import numpy as np
            from scipy.linalg import inv
            from . import sibling
            import importlib
            def f():
                import pandas
                importlib.import_module("torch.nn")
                return __import__("jax")
            pytest.importorskip("numpy")
            """
        ),
        encoding="utf-8",
    )
    found = sorted(module for _, module in _imports(path))
    assert found == ["importlib", "jax", "numpy", "numpy", "pandas", "scipy.linalg", "torch.nn"]


def test_the_library_never_imports_the_cli() -> None:
    # purenn/cli/ builds on the library, never the other way round; only ``python -m purenn`` starts it.
    cli = PACKAGE / "cli"
    bad = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in _modules(PACKAGE)
        if cli not in path.parents and path.name != "__main__.py"
        for line, module in _imports(path)
        if module == "purenn.cli" or module.startswith("purenn.cli.")
    ]
    assert not bad, "the library must not import the command line:\n" + "\n".join(bad)


def _imports_inside_functions(tree: ast.AST) -> List[int]:
    """Line numbers of import statements inside a function or method."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [n.lineno for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return lines


def test_the_library_has_no_hidden_imports_inside_functions() -> None:
    # an import inside a method hides a cycle (Network.save used to import io.modelfile that way);
    # only the command line defers imports, so that `purenn --help` starts quickly
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in path.relative_to(PACKAGE).parts
        for line in _imports_inside_functions(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == []


def test_the_hidden_import_check_sees_one() -> None:
    source = "def f():\n    from purenn.io import modelfile\n    return modelfile\n"
    assert _imports_inside_functions(ast.parse(source)) == [2]
