"""Issue 23, item 2: a pilot against the rest, checked against the same quantities
computed here with pandas: each group's per-period points, its levels before and
after the change, and the difference in differences with its standard error."""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

import measures

pd = pytest.importorskip("pandas")
stats = pytest.importorskip("scipy.stats")
ROOT = Path(__file__).resolve().parents[2]
TEAMS = pd.read_csv(ROOT / "examples" / "pilot-teams.csv")


def levels(frame, measure):
    """Per group: the period points, and the levels before and after 2024-07-01."""
    frame = frame.assign(group=np.where(frame["team"] == "North", "pilot", "rest"),
                         after=pd.to_datetime(frame["month"]) >= "2024-07-01")
    out = {}
    for group, rows in frame.groupby("group"):
        if measure == "ratio":
            per = rows.groupby("month")[["failures", "cases"]].sum()
            points = per["failures"] / per["cases"]
            after = pd.to_datetime(per.index) >= "2024-07-01"
            level = [per["failures"][~after].sum() / per["cases"][~after].sum(),
                     per["failures"][after].sum() / per["cases"][after].sum()]
        else:
            points = rows.groupby("month")["mean_days"].mean()
            after = pd.to_datetime(points.index) >= "2024-07-01"
            level = [points[~after].mean(), points[after].mean()]
        var = [points[~after].var(ddof=1) / (~after).sum(), points[after].var(ddof=1) / after.sum()]
        out[group] = (points.to_numpy(), level, var)
    return out


@pytest.mark.parametrize("measure", ["ratio", "value"])
def test_the_pilot_against_pandas(measure):
    kwargs = (dict(numerator="failures", denominator="cases") if measure == "ratio" else dict(value="mean_days"))
    c = measures.compare(TEAMS, unit="team", pilot="North", change="2024-07-01", date="month",
                         direction="lower", **kwargs)
    ref = levels(TEAMS, measure)
    for group in ("pilot", "rest"):
        points, level, _ = ref[group]
        chart = c.pilot_chart if group == "pilot" else c.rest_chart
        assert chart.values == pytest.approx(points, rel=1e-12)
        assert [c[group]["before"], c[group]["after"]] == pytest.approx(level, rel=1e-12)
        # Limits frozen on the 18 months before the change.
        assert c[group]["chart"]["phases"][0]["points_used"] == 18
    did = (ref["pilot"][1][1] - ref["pilot"][1][0]) - (ref["rest"][1][1] - ref["rest"][1][0])
    se = np.sqrt(sum(ref["pilot"][2]) + sum(ref["rest"][2]))
    d = c["difference"]
    assert d["estimate"] == pytest.approx(did, rel=1e-12)
    assert d["standard_error"] == pytest.approx(se, rel=1e-9)
    assert d["lower"] == pytest.approx(did - stats.norm.ppf(0.975) * se, rel=1e-9)
    assert c.verdict == "pilot_changed"
    assert c["pilot"]["units"] == ["North"] and len(c["rest"]["units"]) == 4
    assert c["pilot"]["holding"] == "holding"
    assert c.text.startswith("The pilot changed and the rest did not")


def test_a_system_wide_change_is_not_credited_to_the_pilot():
    rows = TEAMS.copy()
    after = pd.to_datetime(rows["month"]) >= "2024-07-01"
    rows.loc[after & (rows["team"] != "North"), "mean_days"] -= 4.0  # everyone else too
    c = measures.compare(rows, unit="team", pilot="North", change="2024-07-01", date="month", value="mean_days",
                         direction="lower")
    assert c.verdict == "both_changed"
    assert abs(c["difference"]["estimate"]) < 1.0
    assert "Something else moved the whole system" in c.text


def test_no_change_yet_says_how_long_to_wait():
    rows = TEAMS[pd.to_datetime(TEAMS["month"]) < "2024-10-01"].copy()
    rows.loc[rows["team"] == "North", "mean_days"] = TEAMS.loc[TEAMS["team"] == "Central", "mean_days"].to_numpy()[:21]
    c = measures.compare(rows, unit="team", pilot="North", change="2024-07-01", date="month", value="mean_days")
    assert c.verdict == "no_change_yet"
    assert c["periods_needed"] is None or c["periods_needed"] >= 0
    assert "No sustained change yet" in c.text


def test_the_command_and_the_drawing(tmp_path):
    svg = tmp_path / "c.svg"
    out = subprocess.run(
        [str(ROOT / "target" / "debug" / "measures"), "compare", str(ROOT / "examples" / "pilot-teams.csv"),
         "--unit", "team", "--date", "month", "--pilot", "North", "--change", "2024-07-01",
         "--numerator", "failures", "--denominator", "cases", "--direction", "lower", "--svg", str(svg)],
        check=True, capture_output=True, text=True,
    ).stdout
    cli = json.loads(out)
    py = measures.compare(TEAMS, unit="team", pilot="North", change="2024-07-01", date="month",
                          numerator="failures", denominator="cases", direction="lower")
    assert cli == py.to_dict()
    import xml.dom.minidom

    drawing = xml.dom.minidom.parseString(svg.read_text())
    assert drawing.documentElement.getAttribute("class") == "measures-compare"
    assert py.to_svg().count('class="measures-chart') == 2


def test_bad_comparisons_name_the_problem():
    with pytest.raises(measures.InvalidInput, match="Nowhere not among the units"):
        measures.compare(TEAMS, unit="team", pilot="Nowhere", change="2024-07-01", date="month", value="mean_days")
    with pytest.raises(measures.InvalidInput, match="outside the data"):
        measures.compare(TEAMS, unit="team", pilot="North", change="2031-01-01", date="month", value="mean_days")
    with pytest.raises(measures.InvalidInput, match="value="):
        measures.compare(TEAMS, unit="team", pilot="North", change="2024-07-01", date="month")
    with pytest.raises(measures.InvalidInput, match="no column 'days'"):
        measures.compare(TEAMS, unit="team", pilot="North", change="2024-07-01", date="month", value="days")


def case_log(seed=1, pilot_effect=True):
    """Cases over two years for four teams; from 2025-01-06 team A's failure
    demand falls from 40% to 15% and its cases take 3 instead of 8 days."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01")
    rows = []
    for day in range(730):
        date = start + np.timedelta64(day, "D")
        after = date >= np.datetime64("2025-01-06")
        for _ in range(rng.poisson(12)):
            team = rng.choice(["A", "B", "C", "D"])
            piloting = pilot_effect and after and team == "A"
            failure = rng.random() < (0.15 if piloting else 0.4)
            days = int(rng.poisson(3 if piloting else 8))
            rows.append((f"C{len(rows):06d}", str(date), str(date + np.timedelta64(days, "D")),
                         "failure" if failure else "value", team))
    return pd.DataFrame(rows, columns=["id", "received", "closed", "class", "team"])


def test_the_demand_report_keeps_measuring_a_pilot():
    """Issue 23, item 3: the report compares the pilot with the rest on failure
    demand and end-to-end time, and says the change is holding."""
    log = case_log()
    r = measures.demand(log, unit="team", pilot="A", changes=["2025-01-06"], period="month")
    p = r["pilot"]
    assert p["failure_demand"]["verdict"] == "pilot_changed"
    assert p["end_to_end"]["verdict"] == "pilot_changed"
    assert p["failure_demand"]["pilot"]["holding"] == "holding"
    assert p["holding"][0].startswith("Failure demand: holding")
    # The same as measures.compare on the same rows.
    classified = log.assign(failure=(log["class"] == "failure").astype(float), one=1.0)
    same = measures.compare(classified, unit="team", pilot="A", change="2025-01-06", date="received",
                            numerator="failure", denominator="one", direction="lower")
    assert same["difference"]["estimate"] == pytest.approx(p["failure_demand"]["difference"]["estimate"], rel=1e-12)
    quiet = measures.demand(case_log(pilot_effect=False), unit="team", pilot="A", changes=["2025-01-06"],
                            period="month")
    assert quiet["pilot"]["failure_demand"]["verdict"] == "no_change_yet"
