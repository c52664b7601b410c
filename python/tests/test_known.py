"""The published known answers of tests/known (their README gives the format and
each file its source), through the package's public functions: the data and the
expected numbers are the ones the Rust and C tests read."""

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import measures

KNOWN = Path(__file__).resolve().parents[2] / "tests" / "known"
FILES = sorted(KNOWN.glob("*.json"))


def _cases():
    for file in FILES:
        dataset = json.loads(file.read_text(encoding="utf-8"))
        for case in dataset["cases"]:
            yield pytest.param(dataset, case, id=f"{file.stem}: {case['name']}")


# The core's option and settings names, as the Python functions spell them.
_DIRECTIONS = {"higher_is_better": "higher", "lower_is_better": "lower", "neither": None}


def _keywords(case: Dict[str, Any]) -> Dict[str, Any]:
    kind, settings, options = case["kind"], case.get("settings", {}), case.get("options", {})
    kw: Dict[str, Any] = {}
    if "constant" in settings:
        kw["constant"] = {"three_over_d2": "textbook"}.get(settings["constant"], settings["constant"])
    if "centre" in settings:
        kw["centre"] = settings["centre"]
    if "spread" in settings:
        kw["moving_range"] = {"mean_moving_range": "mean", "median_moving_range": "median"}[settings["spread"]]
    if "screen_moving_ranges" in settings:
        kw["screen"] = settings["screen_moving_ranges"]
    if "estimator" in settings:
        kw["estimator"] = settings["estimator"]
    for core, python in (("target", "mean"), ("sigma", "sigma"), ("k", "k"), ("h", "h"), ("head_start", "head_start"),
                         ("lambda", "lam"), ("l", "l")):
        if core in settings:
            kw[python] = settings[core]
    if kind in ("p", "np", "u") and "screen" in kw:
        kw.pop("screen")
    if options.get("phase_starts"):
        kw["phases"] = options["phase_starts"]
    if options.get("exclude"):
        kw["exclude"] = options["exclude"]
    if "baseline" in options:
        kw["baseline"] = options["baseline"]["first_points"]
    if "direction" in options:
        kw["direction"] = _DIRECTIONS[options["direction"]]
    if options.get("target") is not None:
        kw["target"] = options["target"]
    return kw


def _draw(dataset: Dict[str, Any], case: Dict[str, Any]) -> measures.Chart:
    values: List[float] = case.get("values", dataset["values"])
    take = case.get("take", len(values))
    values = values[:take]
    kind = case["kind"]
    function = getattr(measures, kind)
    kw = _keywords(case)
    if "sizes" in dataset:
        groups, start = [], 0
        for size in dataset["sizes"]:
            groups.append(values[start : start + size])
            start += size
        return function(groups, **kw)
    if dataset.get("denominators") is not None:
        return function(values, dataset["denominators"][:take], **kw)
    return function(values, **kw)


def _check(name: str, chart: Dict[str, Any], check: Dict[str, Any]) -> None:
    on = chart["companion"] if check.get("chart") == "companion" else chart
    what, tolerance = check["what"], check["tolerance"]
    if "phase" in check:
        places = [("phases", check["phase"], check["expected"])]
    elif "points" in check:
        places = [("points", i, e) for i, e in zip(check["points"], check["expected"])]
    else:
        places = [("points", check["point"], check["expected"])]
    for where, i, expected in places:
        got = on[where][i][what]
        assert got == pytest.approx(expected, abs=tolerance), f"{name}: {what} at {where}[{i}]"


def test_the_known_answers_are_there():
    assert len(FILES) >= 13


@pytest.mark.parametrize("dataset, case", list(_cases()))
def test_known_answer(dataset, case):
    chart = _draw(dataset, case).to_dict()
    assert chart["chart_type"] == case["kind"]
    for check in case["checks"]:
        _check(case["name"], chart, check)
    if "outside_limits" in case:
        # the points that take part in an outside-the-limits signal (one signal spans
        # consecutive points beyond one limit)
        rules = [s["rule"] for s in chart["signals"]]
        outside = [p["index"] for p in chart["points"] if any(rules[k] == "outside_limits" for k in p["signals"])]
        assert outside == case["outside_limits"]
    if "signals" in case:
        assert len(chart["signals"]) == case["signals"]
