"""Shared pytest setup: the ``formula`` marker, also when pytest runs without pyproject.toml."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "formula(*keys): the test checks the formulas with these keys (see purenn/course/formulas.py)",
    )


import pytest


@pytest.fixture(autouse=True)
def _cli_language_is_the_default(monkeypatch):
    """The command line follows an English locale; the tests expect its default, German, on any machine."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de")
