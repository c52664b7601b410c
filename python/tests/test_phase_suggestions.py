"""Issue 23, item 1: suggested phases from Python and the command, checked against a
direct statement of the confirmation: with the suggestion applied, the two phases'
centres differ by z standard errors (σ/√n each, σ the phase's), as the chart says."""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

import measures

ROOT = Path(__file__).resolve().parents[2]
MEASURES = ROOT / "target" / "debug" / "measures"


def stepped(n=80, at=45, step=2.0, seed=3):
    rng = np.random.default_rng(seed)
    return rng.normal(10, 1, n) + np.where(np.arange(n) >= at, step, 0.0)


def test_a_step_is_suggested_with_its_evidence():
    values = stepped()
    found = measures.xmr(values).suggested_phases()
    assert len(found) == 1
    s = found[0]
    assert abs(s["start"] - 45) <= 3
    assert s["rule"] in ("shift", "longest_run", "trend")
    applied = measures.xmr(values, phases=[s["start"]])
    before, after = applied.phases[0], applied.phases[1]
    assert s["centre_before"] == pytest.approx(before["centre"], rel=1e-12)
    assert s["centre_after"] == pytest.approx(after["centre"], rel=1e-12)
    se = np.hypot(before["sigma"] / np.sqrt(before["points_used"]), after["sigma"] / np.sqrt(after["points_used"]))
    assert s["z"] == pytest.approx(abs(after["centre"] - before["centre"]) / se, rel=1e-9)
    assert s["points"] == [s["start"], 80 - s["start"]]
    assert "sustained" in s["text"]


def test_stable_series_and_given_phases():
    rng = np.random.default_rng(11)
    assert measures.xmr(rng.normal(0, 1, 200)).suggested_phases() == []
    values = stepped()
    # With the change already given, nothing more to suggest.
    assert measures.xmr(values, phases=[45]).suggested_phases() == []


def test_suggestions_name_points_by_their_labels_and_reach_every_chart_kind():
    dates = np.arange("2022-01", "2028-09", dtype="datetime64[M]").astype("datetime64[D]")[:80]
    s = measures.xmr(stepped(), dates).suggested_phases()[0]
    assert s["label"] == str(dates[s["start"]])
    cases = np.full(60, 400)
    rng = np.random.default_rng(5)
    failed = rng.binomial(cases, np.where(np.arange(60) >= 30, 0.2, 0.3))
    p = measures.p(failed, cases).suggested_phases()
    assert len(p) == 1 and abs(p[0]["start"] - 30) <= 3
    with pytest.raises(measures.InvalidInput, match="cusum"):
        measures.cusum(stepped()).suggested_phases()
    with pytest.raises(measures.InvalidInput, match="min_points"):
        measures.xmr(stepped()).suggested_phases(min_points=1)


def test_the_command_prints_the_same_suggestions(tmp_path):
    values = stepped()
    path = tmp_path / "m.csv"
    path.write_text("v\n" + "\n".join(repr(float(v)) for v in values) + "\n")
    out = subprocess.run([str(MEASURES), "xmr", str(path), "--value", "v", "--suggest-phases"],
                         capture_output=True, text=True, check=True).stdout
    cli = json.loads(out)["suggested_phases"]["suggestions"]
    py = measures.xmr(values).suggested_phases()
    assert [s["start"] for s in cli] == [s["start"] for s in py]
    assert [s["z"] for s in cli] == pytest.approx([s["z"] for s in py], rel=1e-12)
    table = subprocess.run([str(MEASURES), "xmr", str(path), "--value", "v", "--suggest-phases", "--format", "table"],
                           capture_output=True, text=True, check=True).stdout
    assert f"to apply: --phase-at {cli[0]['start'] + 1}" in table


def test_the_demand_report_suggests_where_failure_demand_changed():
    r = measures.demand(ROOT / "examples" / "repairs-cases.csv", working_days="england-and-wales")
    found = r["failure_demand"]["suggested_phases"]["suggestions"]
    # The example's redesign: 6 January 2025; weekly points.
    assert len(found) == 1 and found[0]["label"] in ("2024-12-30", "2025-01-06", "2025-01-13")
    given = measures.demand(ROOT / "examples" / "repairs-cases.csv", working_days="england-and-wales",
                            changes=["2025-01-06"])
    assert given["failure_demand"]["suggested_phases"]["suggestions"] == []
