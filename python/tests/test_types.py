"""The package's types and surface: annotations checked by mypy, the native module's
stub checked against the built extension by mypy.stubtest, a clean public API, and
errors that name the option and carry the core's kind."""

import subprocess
import sys
from pathlib import Path

import numpy
import pytest

import measures

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def test_the_package_type_checks():
    pytest.importorskip("mypy")
    done = _run("mypy", cwd=ROOT)  # configured in pyproject.toml: python/measures
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_native_stub_matches_the_built_extension():
    pytest.importorskip("mypy")
    done = _run("mypy.stubtest", "measures._native", cwd=ROOT / "python")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_public_api_is_all_that_shows():
    public = [name for name in dir(measures) if not name.startswith("_")]
    # Everything public is in __all__, except np (left out so that a star import
    # does not hide numpy's np) and the spark submodule once imported, and nothing
    # else shows: no typing helpers, no private modules under public names.
    assert sorted(set(public) - {"np", "spark"}) == sorted(set(measures.__all__) - {"__version__"})
    for name in measures.__all__:
        assert hasattr(measures, name), name
    for leaked in ("Any", "Dict", "List", "Optional", "json", "math", "Union"):
        assert leaked not in public


def test_a_star_import_keeps_numpys_np():
    namespace: dict = {}
    exec("import numpy as np\nfrom measures import *", namespace)
    assert namespace["np"] is numpy
    assert namespace["xmr"] is measures.xmr
    assert callable(measures.np)


def test_errors_carry_the_cores_kind():
    with pytest.raises(measures.TooFewPoints) as too_few:
        measures.xmr([1.0])
    assert too_few.value.kind == "too_few_points"
    with pytest.raises(measures.InvalidInput) as negative:
        measures.c([1.0, -2.0, 3.0])
    assert negative.value.kind == "invalid_value"
    assert "index 1" in str(negative.value)
    with pytest.raises(measures.InvalidInput) as option:
        measures.xmr([1.0, 2.0, 3.0], rules="strict")
    assert option.value.kind == "invalid_option"
    with pytest.raises(measures.InvalidInput) as missing:
        measures.demand({"id": ["1"], "received": ["2024-01-01"]})
    assert missing.value.kind == "missing_column" and "closed" in str(missing.value)


@pytest.mark.parametrize(
    "call, option",
    [
        (lambda: measures.xbar_s([[1, 2], [3, 4]], estimator="median"), "estimator"),
        (lambda: measures.ewma([1.0, 2.0, 3.0], lam="fast"), "lam"),
        (lambda: measures.cusum([1.0, 2.0, 3.0], k=float("inf")), "k"),
        (lambda: measures.cusum([1.0, 2.0, 3.0], sigma=-1), "sigma"),
        (lambda: measures.g([1.0, 2.0, 3.0], centre="mean"), "centre"),
        (lambda: measures.p_prime([1, 2], [5, 5], screen="yes"), "screen"),
        (lambda: measures.transformed_xmr([1.0, 2.0, 3.0], lam="auto"), "lam"),
        (lambda: measures.capability([1.0, 2.0, 3.0], method="weibull"), "method"),
        (lambda: measures.capability([1.0, 2.0, 3.0], usl=float("nan")), "usl"),
        (lambda: measures.demand("examples/repairs-cases.csv", period="fortnight"), "period"),
        (lambda: measures.demand("examples/repairs-cases.csv", time_unit="days"), "time_unit"),
        (lambda: measures.demand("examples/repairs-cases.csv", working_days="wales"), "working_days"),
        (lambda: measures.demand("examples/repairs-cases.csv", failure_chart="np"), "failure_chart"),
    ],
)
def test_option_errors_name_the_option(call, option):
    with pytest.raises(measures.InvalidInput) as error:
        call()
    message = str(error.value)
    assert message.startswith(option), message
    assert "line 1 column" not in message  # never serde's words
    assert error.value.kind == "invalid_option"
