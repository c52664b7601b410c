"""Issue 22: funnel plots, checked against an independent computation of
Spiegelhalter's formulas (Statistics in Medicine 24, 2005, and its appendix's exact
limits; Quality and Safety in Health Care 14, 2005, for over-dispersion) in numpy
and scipy, written here from the papers."""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

import measures

stats = pytest.importorskip("scipy.stats")
pd = pytest.importorskip("pandas")
ROOT = Path(__file__).resolve().parents[2]
TEAMS = pd.read_csv(ROOT / "tests" / "data" / "funnel-teams.csv")


def exact(dist, n, p):
    """Spiegelhalter 2005, appendix: r_p the smallest r with F(r) >= p, less the
    interpolation alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), over n."""
    r = 0
    while dist.cdf(r) < p:
        r += 1
    below = dist.cdf(r - 1) if r > 0 else 0.0
    return (r - (dist.cdf(r) - p) / (dist.cdf(r) - below)) / n


def reference(y, n, kind, target=None, dispersion="auto", limits="exact", levels=(0.95, 0.998), sd=None):
    y, n = np.asarray(y, float), np.asarray(n, float)
    value = y if kind == "mean" else y / n
    if target is None:
        target = (y * n).sum() / n.sum() if kind == "mean" else y.sum() / n.sum()
    if kind == "proportion":
        se = np.sqrt(target * (1 - target) / n)
    elif kind == "mean":
        sigma = np.sqrt(((n - 1) * np.asarray(sd) ** 2).sum() / (n - 1).sum())
        se = sigma / np.sqrt(n)
    else:
        se = np.sqrt(target / n)
    z = (value - target) / se
    k = len(z)
    lo, hi = np.quantile(z, [0.1, 0.9])  # R's type 7, numpy's default
    phi = np.mean(np.clip(z, lo, hi) ** 2)
    p_value = stats.chi2.sf(k * phi, k - 1)
    applied = {"auto": "additive" if p_value < 0.05 else "none"}.get(dispersion, dispersion)
    tau2 = 0.0
    if applied == "additive":
        w = 1 / se**2
        tau2 = max(0.0, (k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum()))
        z = (value - target) / np.sqrt(se**2 + tau2)
    elif applied == "multiplicative":
        z = z / np.sqrt(phi)
    bands = []
    for level in levels:
        zp = stats.norm.ppf(0.5 + level / 2)
        rows = []
        for i in range(k):
            if applied == "additive":
                s = np.sqrt(se[i] ** 2 + tau2)
                lower, upper = target - zp * s, target + zp * s
            elif limits == "normal":
                scale = np.sqrt(phi) if applied == "multiplicative" else 1.0
                lower, upper = target - zp * scale * se[i], target + zp * scale * se[i]
            else:
                dist = stats.binom(int(round(n[i])), target) if kind == "proportion" else stats.poisson(target * n[i])
                lower, upper = exact(dist, n[i], (1 - level) / 2), exact(dist, n[i], 1 - (1 - level) / 2)
                if applied == "multiplicative":
                    lower, upper = target - np.sqrt(phi) * (target - lower), target + np.sqrt(phi) * (upper - target)
            if kind == "proportion":
                lower, upper = max(lower, 0.0), min(upper, 1.0)
            elif kind != "mean":
                lower = max(lower, 0.0)
            rows.append((lower, upper))
        bands.append(rows)
    return dict(target=target, z=z, phi=phi, p_value=p_value, applied=applied, tau2=tau2, bands=bands, value=value)


def check(f, ref, names):
    assert f["target"] == pytest.approx(ref["target"], rel=1e-12)
    d = f["dispersion"]
    assert d["phi"] == pytest.approx(ref["phi"], rel=1e-9)
    assert d["p_value"] == pytest.approx(ref["p_value"], rel=1e-7, abs=1e-12)
    assert d["applied"] == ref["applied"]
    assert d["tau2"] == pytest.approx(ref["tau2"], rel=1e-9, abs=1e-15)
    by_name = {u["unit"]: u for u in f["units"]}
    for i, name in enumerate(names):
        u = by_name[name]
        assert u["z"] == pytest.approx(ref["z"][i], rel=1e-9, abs=1e-12), name
        for level, band in enumerate(ref["bands"]):
            assert u["limits"][level][0] == pytest.approx(band[i][0], rel=1e-9, abs=1e-12), (name, level)
            assert u["limits"][level][1] == pytest.approx(band[i][1], rel=1e-9, abs=1e-12), (name, level)
            lower, upper = band[i]
            expected = 1 if ref["value"][i] > upper else -1 if ref["value"][i] < lower else 0
            assert u["outside"][level] == expected
    zs = [u["z"] for u in f["units"]]
    assert zs == sorted(zs), "ranked by z"


@pytest.mark.parametrize("dispersion", ["auto", "none", "multiplicative", "additive"])
@pytest.mark.parametrize("limits", ["exact", "normal"])
def test_proportions_against_the_papers(dispersion, limits):
    f = measures.funnel(TEAMS, unit="team", numerator="failure", denominator="cases", dispersion=dispersion, limits=limits)
    check(f, reference(TEAMS.failure, TEAMS.cases, "proportion", dispersion=dispersion, limits=limits), list(TEAMS.team))


def test_rates_ratios_and_means_against_the_papers():
    rng = np.random.default_rng(4)
    exposure = rng.integers(200, 5000, 25).astype(float)
    events = rng.poisson(0.03 * exposure * rng.gamma(20, 1 / 20, 25)).astype(float)
    names = [f"u{i}" for i in range(25)]
    frame = {"unit": names, "events": events, "exposure": exposure}
    f = measures.funnel(frame, unit="unit", numerator="events", denominator="exposure", kind="rate")
    check(f, reference(events, exposure, "rate"), names)
    expected = exposure * 0.03
    frame = {"unit": names, "observed": events, "expected": expected}
    f = measures.funnel(frame, unit="unit", numerator="observed", denominator="expected", kind="ratio", target=1.0,
                        dispersion="multiplicative")
    check(f, reference(events, expected, "ratio", target=1.0, dispersion="multiplicative"), names)
    means = rng.normal(10, 1, 25)
    sds = rng.uniform(2, 4, 25)
    sizes = rng.integers(10, 80, 25).astype(float)
    frame = {"unit": names, "mean": means, "n": sizes, "sd": sds}
    f = measures.funnel(frame, unit="unit", numerator="mean", denominator="n", sd="sd", kind="mean", dispersion="none")
    check(f, reference(means, sizes, "mean", sd=sds, dispersion="none", limits="normal"), names)


def test_the_summary_names_units_beyond_chance_by_direction():
    f = measures.funnel(TEAMS, unit="team", numerator="failure", denominator="cases", dispersion="none",
                        direction="lower")
    assert f.summary == "1 of 12 units differs from the target beyond chance at the 99.8% limits: East (worse)."
    table = f.to_pandas()
    assert list(table["z"]) == sorted(table["z"]) and table["unit"].iloc[-1] == "East"


def test_bad_units_are_refused_by_name():
    base = dict(unit=["a", "b", "c"], y=[1.0, 2.0, 3.0], n=[10.0, 10.0, 10.0])
    call = dict(unit="unit", numerator="y", denominator="n")
    with pytest.raises(measures.InvalidInput, match="larger than its denominator"):
        measures.funnel(dict(base, y=[1.0, 12.0, 3.0]), **call)
    with pytest.raises(measures.InvalidInput, match="not positive"):
        measures.funnel(dict(base, n=[10.0, 0.0, 10.0]), **call)
    with pytest.raises(measures.InvalidInput, match="repeats"):
        measures.funnel(dict(base, unit=["a", "a", "c"]), **call)
    with pytest.raises(measures.TooFewPoints):
        measures.funnel(dict(unit=["a", "b"], y=[1.0, 2.0], n=[10.0, 10.0]), **call)
    with pytest.raises(measures.InvalidInput, match="'b' has no value"):
        measures.funnel(dict(base, y=[1.0, None, 3.0]), **call)
    with pytest.raises(measures.InvalidInput, match="levels"):
        measures.funnel(base, levels=(0.4,), **call)
    with pytest.raises(measures.InvalidInput, match="standard deviation"):
        measures.funnel(base, kind="mean", **call)


def test_the_command_gives_the_same_funnel():
    out = subprocess.run(
        [str(ROOT / "target" / "debug" / "measures"), "funnel", str(ROOT / "tests" / "data" / "funnel-teams.csv"),
         "--unit", "team", "--numerator", "failure", "--denominator", "cases", "--direction", "lower"],
        check=True, capture_output=True, text=True,
    )
    f = measures.funnel(TEAMS, unit="team", numerator="failure", denominator="cases", direction="lower")
    assert json.loads(out.stdout) == f.to_dict()


def test_the_funnel_is_drawn_by_the_shared_renderer(tmp_path):
    import xml.dom.minidom

    f = measures.funnel(TEAMS, unit="team", numerator="failure", denominator="cases", dispersion="none",
                        direction="lower")
    svg = f.to_svg(title="Failure demand by team")
    doc = xml.dom.minidom.parseString(svg)
    points = {c.getAttribute("data-unit"): c for c in doc.getElementsByTagName("circle") if c.getAttribute("data-unit")}
    assert set(points) == set(TEAMS.team)
    assert points["East"].getAttribute("data-outside") == "1"
    assert points["East"].getAttribute("fill") == "#FAB428"  # above, and lower is better: concerning
    assert "failure / cases" in svg and f._repr_html_().startswith("<div><svg")
    out = tmp_path / "funnel.svg"
    subprocess.run(
        [str(ROOT / "target" / "debug" / "measures"), "funnel", str(ROOT / "tests" / "data" / "funnel-teams.csv"),
         "--unit", "team", "--numerator", "failure", "--denominator", "cases", "--dispersion", "none",
         "--direction", "lower", "--svg", str(out), "--title", "Failure demand by team"],
        check=True, capture_output=True,
    )
    # the same picture from the command (its default size is 800 x 380)
    assert out.read_text(encoding="utf-8") == f.to_svg(title="Failure demand by team", height=380)


def test_the_demand_report_compares_units_on_funnels():
    """Issue 22, item 4: with a unit column, the report's funnels count each unit's
    failure demand and its cases within the threshold as pandas counts them, and
    judge them as measures.funnel does."""
    log = pd.read_csv(ROOT / "examples" / "repairs-cases.csv")
    r = measures.demand(log, unit="patch", threshold=14)
    units = r["units"]
    assert units["units"] == sorted(log["patch"].unique())
    assert units["threshold"] == 14 and units["threshold_given"]
    classified = log[log["class"].isin(["value", "failure"])]
    expected = classified.groupby("patch")["class"].agg(lambda c: (c == "failure").sum())
    sizes = classified.groupby("patch").size()
    f = units["failure_demand"]
    for u in f["units"]:
        assert u["denominator"] == sizes[u["unit"]]
        assert u["value"] == pytest.approx(expected[u["unit"]] / sizes[u["unit"]], rel=1e-12)
    same = measures.funnel(pd.DataFrame({"patch": expected.index, "failed": expected.values, "cases": sizes.values}),
                           unit="patch", numerator="failed", denominator="cases", direction="lower", dispersion="none")
    assert [u["z"] for u in same["units"]] == pytest.approx([u["z"] for u in f["units"]], rel=1e-12)
    assert "Harbour (worse)" in f["summary"]  # the example's Harbour draws more failure demand

    # Within 14 calendar days: closed cases by their days, open ones already older
    # than 14 days as not within, younger open ones left out.
    received = pd.to_datetime(log["received"]).dt.normalize()
    closed = pd.to_datetime(log["closed"]).dt.normalize()
    as_of = pd.to_datetime(log[["received", "closed"]].stack()).max().normalize()
    days = (closed - received).dt.days
    age = (as_of - received).dt.days
    known = days.notna() | (age > 14)
    within = days.notna() & (days <= 14)
    w = units["within_threshold"]
    for u in w["units"]:
        mine = log["patch"] == u["unit"]
        assert u["denominator"] == (known & mine).sum()
        assert u["value"] == pytest.approx((within & mine).sum() / (known & mine).sum(), rel=1e-12)


def test_no_unit_column_means_no_comparison_and_time_units_still_read():
    log = pd.read_csv(ROOT / "examples" / "repairs-cases.csv")
    assert measures.demand(log)["units"] is None
    # ``unit`` once named the unit of time: those names still mean it.
    assert measures.demand(log, unit="hours")["options"]["unit"] == "hours"
    with pytest.raises(measures.InvalidInput, match="unit: the case log has no column .team."):
        measures.demand(log, unit="team")
