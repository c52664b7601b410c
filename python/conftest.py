"""Docstring examples (``pytest --doctest-modules python/measures``) run with
``measures`` imported, as a reader of the docs would have it, from the repository's
root (their file paths are relative to it)."""

from typing import Any, Dict

import pytest


@pytest.fixture(autouse=True)
def _measures_in_doctests(doctest_namespace: Dict[str, Any]) -> None:
    import measures

    doctest_namespace["measures"] = measures
