"""The Python package's charts: the JSON shape, labels, phases and options, every
chart type, bad input. The published known answers are in test_known.py."""

import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

import measures

ROOT = Path(__file__).resolve().parents[2]


def _known(name: str, field: str = "values"):
    return json.loads((ROOT / "tests" / "known" / f"{name}.json").read_text(encoding="utf-8"))[field]


def test_the_moving_range_chart_is_the_companion():
    chart = measures.xmr(_known("nist-individuals"), constant="textbook", screen=False)
    assert chart["companion"]["chart_type"] == "moving_range"
    assert chart["companion"]["points"][0]["value"] is None


def test_python_equals_the_cli_to_the_last_bit():
    """The same input through Python and through the command gives identical JSON numbers."""
    csv = ROOT / "tests" / "data" / "shift.csv"
    rows = [line.split(",") for line in csv.read_text().splitlines()[1:]]
    labels = [r[0] for r in rows]
    values = [float(r[1]) for r in rows]
    from_python = measures.xmr(values, labels, direction="higher")
    binary = ROOT / "target" / "debug" / "measures"
    if not binary.exists():
        pytest.fail("build the command first: cargo build -p measures-cli")
    out = subprocess.run(
        [str(binary), "xmr", str(csv), "--value", "value", "--label", "week", "--direction", "higher"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout) == from_python


def test_labels_phases_and_icons():
    values = [10.0, 12, 11, 13, 9, 11, 12, 10, 11, 12, 10, 11, 13, 9, 12, 11, 10, 12, 11, 10]
    values += [14.0, 15, 14, 13, 15, 14, 16, 15]
    labels = [f"2024-{m:02d}-01" for m in range(1, 13)] + [f"2025-{m:02d}-01" for m in range(1, 13)]
    labels += [f"2026-{m:02d}-01" for m in range(1, 5)]
    chart = measures.xmr(values, labels, direction="higher", target=12)
    assert chart["variation"] == "special_cause_improving_high"
    assert any(s["rule"] == "shift" for s in chart["signals"])
    rebased = measures.xmr(values, labels, direction="higher", target=10, phases=["2025-09-01"])
    assert len(rebased["phases"]) == 2
    assert rebased["signals"] == []
    # latest phase: mean 14.5, MR̄ 9/7, lower limit 14.5 − 2.66·9/7 ≈ 11.08 > target 10
    assert rebased["assurance"] == "consistently_pass"
    assert chart["assurance"] == "hit_and_miss"


def test_baseline_exclude_and_rules():
    values = [1.0, 2, 1, 2, 9, 9]
    chart = measures.xmr(values, baseline=4, exclude=[1])
    assert chart["phases"][0]["points_used"] == 3
    assert chart["points"][1]["excluded"] is True
    we = measures.xmr(values, rules="western-electric", shift=6)
    assert we["options"]["rules"] == {"set": "western_electric", "shift": 6, "trend": None}


def test_run_chart():
    values = [float(i) for i in range(10)] + [100.0 + i for i in range(10)]
    chart = measures.run(values)
    assert chart["options"]["rules"]["set"] == "anhoej"
    assert {s["rule"] for s in chart["signals"]} == {"longest_run", "too_few_crossings"}
    assert chart["points"][0]["upper"] is None


@pytest.mark.parametrize(
    "values, error, words",
    [
        ([], measures.TooFewPoints, "empty"),
        ([1.0], measures.TooFewPoints, "too few points"),
        # A missing value is a gap; with no two neighbours left there is no moving range.
        ([1.0, math.nan, 2.0], measures.TooFewPoints, "moving range"),
        ([1.0, math.inf], measures.InvalidInput, "not a finite number"),
        ([1.0, None, 2.0], measures.TooFewPoints, "moving range"),
        ([1.0, "two", 3.0], measures.InvalidInput, "values[1] is not a number: 'two'"),
        ("123", measures.InvalidInput, "not a string"),
        ([[1.0, 2.0], [3.0, 4.0]], measures.InvalidInput, "one-dimensional, not an array of shape (2, 2)"),
        ([1.0, [2.0, 3.0]], measures.InvalidInput, "cannot be read as numbers"),
        (5, measures.InvalidInput, "must be a sequence"),
    ],
)
def test_bad_values_raise_typed_errors(values, error, words):
    with pytest.raises(error) as info:
        measures.xmr(values)
    assert words in str(info.value)
    assert isinstance(info.value, measures.MeasuresError)
    assert isinstance(info.value, ValueError)


def test_bad_options_raise_typed_errors():
    with pytest.raises(measures.InvalidInput, match="labels: 1 given for a series of 2"):
        measures.xmr([1.0, 2.0], ["a"])
    with pytest.raises(measures.InvalidInput, match="phase break at index 5"):
        measures.xmr([1.0, 2.0, 3.0], phases=[5])
    with pytest.raises(measures.InvalidInput, match="no point is labelled 'x'"):
        measures.xmr([1.0, 2.0, 3.0], ["a", "b", "c"], phases=["x"])
    with pytest.raises(measures.InvalidInput, match="direction"):
        measures.xmr([1.0, 2.0, 3.0], direction="up-ish")
    with pytest.raises(measures.InvalidInput, match="^rules: .bogus. is not one of"):
        measures.xmr([1.0, 2.0, 3.0], rules="bogus")
    with pytest.raises(measures.InvalidInput, match="needs control limits"):
        measures.run([1.0, 2.0, 3.0], rules="nhs")
    with pytest.raises(measures.InvalidInput, match="repeats"):
        measures.xmr([1.0, 2.0], ["a", "a"])


def test_every_chart_type_from_python():
    JUICE = [int(x) for x in _known("montgomery-7-1-orange-juice")[:30]]
    n = [50] * len(JUICE)
    assert measures.p(JUICE, n)["chart_type"] == "p"
    for f, kind in [(measures.np, "np"), (measures.u, "u"), (measures.p_prime, "p_prime"), (measures.u_prime, "u_prime")]:
        assert f(JUICE, n)["chart_type"] == kind
    assert measures.c(JUICE)["chart_type"] == "c"
    assert measures.t([float(x) for x in JUICE])["chart_type"] == "t"
    assert measures.g(JUICE)["chart_type"] == "g"
    cus = measures.cusum(JUICE, mean=11, sigma=4)
    assert cus["companion"]["chart_type"] == "cusum_lower"
    assert measures.ewma(JUICE, lam=0.1, l=2.7)["method"]["ewma"]["lambda"] == 0.1
    groups = [JUICE[i : i + 3] for i in range(0, 30, 3)]
    assert measures.xbar_r(groups)["companion"]["chart_type"] == "range"
    s = measures.xbar_s(groups, [f"s{i}" for i in range(10)], estimator="pooled_std_dev")
    assert s["method"]["subgroup"]["estimator"] == "pooled_std_dev"
    assert s["points"][0]["label"] == "s0"


def test_chart_family_bad_input():
    with pytest.raises(measures.InvalidInput, match="larger than its denominator"):
        measures.p([3, 7], [5, 5])
    with pytest.raises(measures.InvalidInput, match="denominators: 1 given for a series of 2"):
        measures.p([3, 7], [5])
    with pytest.raises(measures.InvalidInput, match="is negative"):
        measures.c([3, -1])
    with pytest.raises(measures.InvalidInput, match="one observation"):
        measures.xbar_r([[1.0, 2.0], [3.0]])
    with pytest.raises(measures.InvalidInput, match="subgroups\\[1\\] is not a sequence"):
        measures.xbar_r([[1.0, 2.0], 3.0])
    with pytest.raises(measures.InvalidInput, match="give sigma"):
        measures.cusum([1.0, 2.0, 3.0], sizes=[4, 4, 4])
    with pytest.raises(measures.InvalidInput, match="lambda"):
        measures.ewma([1.0, 2.0, 3.0], lam=0.0)
    with pytest.raises(measures.InvalidInput, match="shift and trend lengths need a rule set"):
        measures.xmr([1.0, 2.0, 3.0], shift=6)


# --- capability ---------------------------------------------------------------

DAYS = [10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 13.0, 11.0, 12.0, 10.0]


def test_capability_statement_and_indices_match_the_formulas():
    r = measures.capability(DAYS, usl=20, unit="days", threshold=12)
    statement = r["statement"]
    assert statement["predictable"] is True
    assert statement["text"].startswith("Predictable: this process will deliver between")
    assert statement["upper"] == r["chart"]["phases"][0]["upper"]
    # Cpu = (USL − mean) / (3 · MR̄ / 1.128), by hand (Minitab's individuals sigma).
    mean = sum(DAYS) / len(DAYS)
    mr = sum(abs(b - a) for a, b in zip(DAYS, DAYS[1:])) / (len(DAYS) - 1)
    cpu = (20 - mean) / (3 * mr / 1.128)
    assert r["indices"]["cpu"]["value"] == pytest.approx(cpu, rel=1e-12)
    assert r["indices"]["cp"] is None  # one-sided
    assert r["within_threshold"]["met"] == 10
    assert r["normality"]["n"] == 12


def test_capability_names_signals_when_not_predictable():
    values = DAYS[:-1] + [40.0]
    labels = [f"2024-{m:02d}" for m in range(1, 13)]
    r = measures.capability(values, labels, usl=50)
    assert r["statement"]["predictable"] is False
    assert "2024-12" in r["statement"]["text"]
    assert "not predictable" in r["indices"]["notes"][0]


def test_capability_methods_and_bad_specifications():
    r = measures.capability(DAYS, usl=30, method="box_cox", lam=0.0)
    assert r["box_cox"]["transform"]["lambda"] == 0.0
    r = measures.capability(DAYS, lsl=1, usl=30, method="percentile")
    assert r["percentile"]["pp"] > 0
    with pytest.raises(measures.InvalidInput, match="reversed"):
        measures.capability(DAYS, lsl=30, usl=20)
    with pytest.raises(measures.InvalidInput, match="equal"):
        measures.capability(DAYS, lsl=20, usl=20)
    with pytest.raises(measures.InvalidInput, match="no variation"):
        measures.capability([5.0] * 10, usl=20)
    with pytest.raises(measures.InvalidInput, match="method"):
        measures.capability(DAYS, usl=20, method="weibull")
    with pytest.raises(measures.TooFewPoints):
        measures.capability([5.0], usl=20)


def test_capability_equals_the_cli_to_the_last_bit():
    csv = ROOT / "examples" / "repairs-days.csv"
    rows = [line.split(",") for line in csv.read_text().splitlines()[1:]]
    labels = [r[0] for r in rows]
    values = [float(r[1]) for r in rows]
    from_python = measures.capability(
        values, labels, usl=20, direction="lower", threshold=14, phases=["2024-01-01"], unit="days"
    )
    binary = ROOT / "target" / "debug" / "measures"
    out = subprocess.run(
        [str(binary), "capability", str(csv), "--value", "mean_days", "--label", "month", "--usl", "20",
         "--direction", "lower", "--threshold", "14", "--phase-at", "2024-01-01", "--unit", "days"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout) == {**from_python, "chart": from_python["chart"].to_dict()}


# --- demand -------------------------------------------------------------------


def test_demand_from_a_csv_path_equals_the_cli():
    csv = ROOT / "tests" / "data" / "cases-small.csv"
    from_python = measures.demand(csv, working_days="england-and-wales")
    binary = ROOT / "target" / "debug" / "measures"
    out = subprocess.run(
        [str(binary), "demand", str(csv), "--working-days", "england-and-wales"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout) == from_python
    assert from_python["open"]["count"] == 1
    assert from_python["failure_demand"]["rate"] == 0.4
    # the full report, point by point, the same way
    detail = subprocess.run(
        [str(binary), "demand", str(csv), "--working-days", "england-and-wales", "--detail"],
        check=True, capture_output=True, text=True,
    )
    full = measures.demand(csv, working_days="england-and-wales", detail=True)
    assert json.loads(detail.stdout) == full
    assert full["end_to_end"]["ids"] and full["end_to_end"]["chart"]["points"]
    assert from_python["end_to_end"]["chart"]["points"] == len(full["end_to_end"]["ids"])


def test_demand_from_a_dict_of_columns_and_bad_cells():
    log = {
        "id": ["a", "b", "c"],
        "received": ["2024-02-05", "2024-02-06", "2024-02-07"],
        "closed": ["2024-02-06", None, "2024-02-09"],
        "class": ["value", "failure", "value"],
    }
    r = measures.demand(log, period="day", as_of="2024-02-10")
    assert r["open"]["count"] == 1 and "cases" not in r["open"]
    r = measures.demand(log, period="day", as_of="2024-02-10", detail=True)
    assert r["open"]["cases"][0]["age"] == 4.0
    bad = dict(log, closed=["2024-02-01", None, None])
    with pytest.raises(measures.InvalidInput, match="before it was received"):
        measures.demand(bad)
    bad = dict(log, received=["2024-02-05", "soon", "2024-02-07"])
    with pytest.raises(measures.InvalidInput, match="row 1, received"):
        measures.demand(bad)
    with pytest.raises(measures.InvalidInput, match="no column 'received'"):
        measures.demand({"id": ["a"]})
    with pytest.raises(measures.InvalidInput, match="must be a CSV path"):
        measures.demand(42)


def test_demand_from_pandas_when_available():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "ref": ["a", "b"],
            "received": pd.to_datetime(["2024-02-05 09:00", "2024-02-06 10:00"]),
            "closed": pd.to_datetime(["2024-02-07 09:00", None]),
        }
    )
    r = measures.demand(df, id="ref")
    assert r["cases"] == 2 and r["open"]["count"] == 1


def test_spans_are_the_json_signals_in_columns():
    # Issue 20: a signal is a span (rule, side, phase, first, last), in every layer.
    rng = np.random.default_rng(5)
    y = np.concatenate([rng.normal(10, 1, 40), rng.normal(14, 1, 30), [30.0]])
    chart = measures.xmr(y, phases=[40], rules="nelson")
    spans = chart.spans
    signals = chart["signals"]
    assert len(signals) > 0 and len(spans["rule"]) == len(signals)
    for i, s in enumerate(signals):
        assert spans["rule"][i] == s["rule"]
        assert spans["side"][i] == (s["side"] or "")
        assert (spans["phase"][i], spans["first"][i], spans["last"][i]) == (s["phase"], s["first"], s["last"])
    # the per-point view is derived from the spans: every point listed is inside one
    for p in chart["points"]:
        for k in p["signals"]:
            assert signals[k]["first"] <= p["index"] <= signals[k]["last"]
    assert not spans["first"].flags.writeable
