"""Issue 22: the SHMI and CQC methods reproduce FunnelPlotR (nhs-r-community/FunnelPlotR,
R/funnel_plot.R, R/od_adjustment.R, R/calculate_limits.R, R/outliers_func.R).

R is not installable on the machines this runs on, so `funnelplotr` below re-states
FunnelPlotR's computation step by step in numpy/scipy (its transformations, R's type-7
quantiles, its average-rank truncation, phi_func, tau_func, calculate_limits with its
z constants 1.959964 and 3.090232, and outliers_func's `limit = 99` test), and the
package's own published Poisson limits (tests/testthat/test-poisson_limits.R) pin it.
Our numbers must agree with it to 1e-6, except where we depart on purpose: the CQC
method's adjusted limits, which FunnelPlotR leaves on the square-root scale (its
issue #33) and we square back onto the ratio scale."""

import numpy as np
import pytest

import measures

stats = pytest.importorskip("scipy.stats")

Z95, Z998 = 1.959964, 3.090232  # FunnelPlotR's constants


def r_round2(x):
    """R's round(x, 2) since R 4.0: the nearer of the two neighbouring hundredths
    to x as stored, a tie to the even one."""
    scaled = np.asarray(x, float) * 100
    down, up = np.floor(scaled), np.ceil(scaled)
    low, high = down / 100, up / 100
    below, above = x - low, high - x
    return np.where((below < above) | ((below == above) & (down % 2 == 0)), low, high)


def funnelplotr(num, den, data_type="SR", sr_method="SHMI", trim_by=0.1):
    """FunnelPlotR 0.5's numbers for aggregated units (draw_adjusted = TRUE,
    SHMI_rounding = TRUE, multiplier = 1)."""
    num, den = np.asarray(num, float), np.asarray(den, float)
    rr = num / den  # aggregate_func, before SHMI's rounding
    if data_type == "SR" and sr_method == "SHMI":
        den = r_round2(den)
    target = 1.0 if data_type == "SR" else num.sum() / den.sum()
    # transformed_zscore
    if data_type == "SR" and sr_method == "SHMI":
        y, t, s = np.log(num / den), 0.0, 1 / np.sqrt(den)
        uz = np.sqrt(den) * np.log(num / den)
    elif data_type == "SR":
        y, t, s = np.sqrt(num / den), 1.0, 1 / (2 * np.sqrt(den))
        uz = (y - t) / s
    else:  # PR
        t = np.arcsin(np.sqrt(num.sum() / den.sum()))
        y, s = np.arcsin(np.sqrt(num / den)), 1 / (2 * np.sqrt(den))
        uz = (y - t) / s
    # winsorisation / truncation
    if data_type == "SR" and sr_method == "SHMI":
        k = 1 / trim_by
        rk = stats.rankdata(uz, method="average")
        sp = np.floor(rk * k / (len(rk) + 1))
        keep = (sp > 0) & (sp < k - 1)
        w = uz[keep]
        s_kept = s[keep]
    else:
        lz, hz = np.quantile(uz, [trim_by, 1 - trim_by])  # R's type 7
        w = np.clip(uz, lz, hz)
        s_kept = s
    n = len(w)
    phi = np.sum(w**2) / n
    if n * phi < n - 1:
        tau2 = 0.0
    else:
        ws = 1 / s_kept**2
        tau2 = max(0.0, (n * phi - (n - 1)) / (ws.sum() - (ws**2).sum() / ws.sum()))
    adjusted = phi > 1
    # calculate_limits at each unit's (rounded) denominator
    e = den
    if not adjusted and data_type == "SR":
        limits = {
            0.95: (target * stats.chi2.ppf(0.025, 2 * e) / 2 / e, target * stats.chi2.ppf(0.975, 2 * (e + 1)) / 2 / e),
            0.998: (target * stats.chi2.ppf(0.001, 2 * e) / 2 / e, target * stats.chi2.ppf(0.999, 2 * (e + 1)) / 2 / e),
        }
    else:
        t2 = tau2 if adjusted else 0.0
        limits = {}
        for level, z in ((0.95, Z95), (0.998, Z998)):
            if data_type == "SR" and sr_method == "SHMI":
                spread = z * np.sqrt(1 / e + t2)
                limits[level] = (np.exp(-spread), np.exp(spread))
            elif data_type == "SR":
                spread = z * np.sqrt((1 / (2 * np.sqrt(e))) ** 2 + t2)
                limits[level] = (1 - spread, 1 + spread)  # left unsquared: issue #33
            else:
                spread = z * np.sqrt((1 / (2 * np.sqrt(e))) ** 2 + t2)
                a = np.arcsin(np.sqrt(target))
                lo = np.where(a - spread < 0, 0.0, np.sin(a - spread) ** 2)
                hi = np.where(a + spread > np.pi / 2, 1.0, np.sin(a + spread) ** 2)
                limits[level] = (lo, hi)
    lo99, hi99 = limits[0.998]
    outlier = (rr > hi99) | (rr < lo99)  # strictly beyond, as outliers_func
    return dict(target=target, uz=uz, phi=phi, tau2=tau2, adjusted=adjusted, limits=limits, outlier=outlier)


def ours(num, den, names, kind, method, trim_by=0.1):
    return measures.funnel({"unit": names, "o": num, "e": den}, unit="unit", numerator="o", denominator="e",
                           kind=kind, method=method, winsorise=trim_by)


def compare(num, den, kind, method, trim_by=0.1):
    names = [f"u{i:03d}" for i in range(len(num))]
    data_type = "PR" if kind == "proportion" else "SR"
    ref = funnelplotr(num, den, data_type, method.upper(), trim_by)
    f = ours(num, den, names, kind, method, trim_by)
    by = {u["unit"]: u for u in f["units"]}
    assert f["target"] == pytest.approx(ref["target"], rel=1e-12)
    assert f["dispersion"]["phi"] == pytest.approx(ref["phi"], rel=1e-9)
    assert f["dispersion"]["applied"] == ("additive" if ref["adjusted"] else "none")
    if ref["adjusted"]:
        assert f["dispersion"]["tau2"] == pytest.approx(ref["tau2"], rel=1e-9, abs=1e-15)
    square = method == "cqc" and kind == "ratio" and ref["adjusted"]
    for i, name in enumerate(names):
        u = by[name]
        if not ref["adjusted"]:
            assert u["z"] == pytest.approx(ref["uz"][i], rel=1e-9, abs=1e-12)
        for k, level in enumerate((0.95, 0.998)):
            lo, hi = (np.asarray(x, float)[i] for x in ref["limits"][level])
            if square:  # our departure: (1 ± z·s)² where FunnelPlotR draws 1 ± z·s
                lo, hi = max(lo, 0.0) ** 2, hi**2
            # abs: FunnelPlotR rounds its z to 7 digits, which near a limit of 0 is 1e-8
            assert u["limits"][k][0] == pytest.approx(max(lo, 0.0), rel=1e-6, abs=1e-7), (name, level)
            assert u["limits"][k][1] == pytest.approx(hi, rel=1e-6), (name, level)
        if not square:
            assert (u["outside"][1] != 0) == bool(ref["outlier"][i]), name
    return f, ref


def test_funnelplotr_poisson_limits():
    """FunnelPlotR's tests/testthat/test-poisson_limits.R: unadjusted limits of a
    standardised ratio at E = 15, 20, 30 (7 and 6 decimals as published)."""
    f = measures.funnel({"u": ["a", "b", "c"], "o": [15, 20, 30], "e": [15, 20, 30]}, unit="u", numerator="o",
                        denominator="e", kind="ratio", method="shmi", dispersion="none")
    by = {u["unit"]: u["limits"] for u in f["units"]}
    published = {
        "a": ((0.5596924, 1.649348), (0.3862650, 2.082907)),
        "b": ((0.6108260, 1.544419), (0.4479107, 1.902094)),
        "c": ((0.6746958, 1.427562), (0.5289724, 1.702771)),
    }
    for unit, bands in published.items():
        for k, (lo, hi) in enumerate(bands):
            assert by[unit][k][0] == pytest.approx(lo, abs=5e-8)
            assert by[unit][k][1] == pytest.approx(hi, abs=5e-7)


def test_funnelplotr_own_example():
    """The data of FunnelPlotR's tests/testthat/test-funnel_plot.R, by both methods."""
    num, den = [100, 150, 180, 80, 120, 225], [108, 112, 165, 95, 100, 220]
    compare(num, den, "ratio", "shmi")
    compare(num, den, "ratio", "cqc")
    compare(num, den, "ratio", "cqc", trim_by=0.05)


@pytest.mark.parametrize("seed", range(6))
def test_shmi_and_cqc_ratios_agree_with_funnelplotr(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(12, 140))
    expected = rng.gamma(2.0, 40.0, k) + 3.0
    expected = np.round(expected, 3)  # a third decimal for SHMI's rounding to matter
    spread = rng.choice([0.0, 0.15, 0.35])
    observed = rng.poisson(expected * np.exp(rng.normal(0, spread, k))) + 1
    for method in ("shmi", "cqc"):
        compare(observed, expected, "ratio", method)


@pytest.mark.parametrize("seed", range(6))
def test_cqc_proportions_agree_with_funnelplotr(seed):
    rng = np.random.default_rng(100 + seed)
    k = int(rng.integers(10, 120))
    cases = rng.integers(20, 2000, k)
    p = np.clip(rng.normal(0.2, rng.choice([0.0, 0.03, 0.08]), k), 0.01, 0.9)
    failed = rng.binomial(cases, p)
    compare(failed, cases, "proportion", "cqc")


def test_shmi_truncation_drops_the_extremes():
    """With 20 units and 10% in each tail, SHMI keeps ranks whose ⌊10r/21⌋ lies in
    1..8: ranks 3 to 18, sixteen units."""
    rng = np.random.default_rng(7)
    e = rng.uniform(20, 200, 20)
    o = rng.poisson(e) + 1
    f = ours(o, e, [f"u{i}" for i in range(20)], "ratio", "shmi")
    assert f["dispersion"]["units_used"] == 16


def test_methods_refuse_what_they_cannot_judge():
    data = {"u": ["a", "b", "c"], "o": [0, 4, 5], "e": [3.0, 4.0, 5.0]}
    with pytest.raises(measures.InvalidInput, match="logarithm"):
        measures.funnel(data, unit="u", numerator="o", denominator="e", kind="ratio", method="shmi")
    with pytest.raises(measures.InvalidInput, match="SHMI method is for ratios"):
        measures.funnel(data, unit="u", numerator="o", denominator="e", kind="proportion", method="shmi")
    with pytest.raises(measures.InvalidInput, match="method"):
        measures.funnel(data, unit="u", numerator="o", denominator="e", method="funnelplotr")


def test_multiplicative_adjustment_by_the_cqc_method():
    """What FunnelPlotR lacks: limits widened by √φ on the method's own scale."""
    rng = np.random.default_rng(3)
    e = rng.uniform(20, 400, 40)
    o = rng.poisson(e * np.exp(rng.normal(0, 0.3, 40)))
    f = measures.funnel({"u": [f"u{i}" for i in range(40)], "o": o, "e": e}, unit="u", numerator="o",
                        denominator="e", kind="ratio", method="cqc", dispersion="multiplicative", limits="normal")
    phi = f["dispersion"]["phi"]
    for u in f["units"]:
        spread = Z998 * np.sqrt(phi) / (2 * np.sqrt(u["denominator"]))
        assert u["limits"][1][1] == pytest.approx((1 + spread) ** 2, rel=1e-6)
        z = 2 * (np.sqrt(u["value"] * u["denominator"]) - np.sqrt(u["denominator"]))
        assert u["z"] == pytest.approx(z / np.sqrt(phi), rel=1e-9)
