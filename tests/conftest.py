"""Shared pytest setup: the ``formula`` marker, also when pytest runs without pyproject.toml."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "formula(*keys): the test checks the formulas with these keys (see purenn/course/formulas.py)",
    )
