"""Side-by-side timings, in one run on the same data: measures (from Python) against
a plain numpy implementation, a pandas implementation, and the PyPI package an NHS
analyst would otherwise pick (abspc, Making Data Count XmR), for an XmR chart with
the NHS rules; and one chart per group for many short series.

    .venv/bin/python -m pip install abspc
    .venv/bin/python benches/compare/compare.py [--max 1000000] [--write benches/RESULTS.md]
    .venv/bin/python benches/compare/compare.py --floor [--write benches/RESULTS.md]

``--floor`` runs only issue 20's comparisons: measures' XmR chart with the NHS rules,
its centre and limits read back, against numpy computing the limits alone (mean, mean
moving range, three filled arrays); and ``measures.xmr(values, dates).to_pandas()``
against pandas building the limits-only DataFrame with the same index. Rounds
alternate between the two, and each figure is the best of all rounds.

Each figure is the best of several repeats (seconds). Ratios are the other tool's
time over measures' time: above 1 means measures is faster.
"""

import argparse
import platform
import sys
import time

import numpy as np
import pandas as pd

import measures

try:
    from abspc import spc as abspc
except ImportError:  # pragma: no cover - optional peer
    abspc = None


def best(fn, repeat=5, budget=20.0):
    times = []
    start = time.perf_counter()
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    return min(times)


def runs_of(mask, length):
    """Points in runs of at least `length` True values."""
    out = np.zeros(len(mask), dtype=bool)
    if len(mask) == 0:
        return out
    change = np.flatnonzero(np.diff(mask.astype(np.int8))) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(mask)]))
    for s, e in zip(starts, ends):
        if mask[s] and e - s >= length:
            out[s:e] = True
    return out


def numpy_xmr(v):
    """XmR limits and the NHS rules (outside, shift 7, trend 7, two of three) in numpy."""
    mr = np.abs(np.diff(v))
    mr_bar = mr.mean()
    mr_bar = mr[mr < 3.267 * mr_bar].mean()  # screening, as Making Data Count
    centre = v.mean()
    ucl, lcl = centre + 2.66 * mr_bar, centre - 2.66 * mr_bar
    outside = (v > ucl) | (v < lcl)
    shift = runs_of(v > centre, 7) | runs_of(v < centre, 7)
    up = np.concatenate(([False], np.diff(v) > 0))
    down = np.concatenate(([False], np.diff(v) < 0))
    trend = runs_of(up, 6) | runs_of(down, 6)
    two_sigma = 2 / 3 * 2.66 * mr_bar
    high = (v > centre + two_sigma).astype(np.int8)
    low = (v < centre - two_sigma).astype(np.int8)
    window = np.ones(3, dtype=np.int8)
    two_of_three = (np.convolve(high, window, "same") >= 2) | (np.convolve(low, window, "same") >= 2)
    return ucl, lcl, outside | shift | trend | two_of_three


def pandas_xmr(s):
    mr = s.diff().abs()
    mr_bar = mr.mean()
    mr_bar = mr[mr < 3.267 * mr_bar].mean()
    centre = s.mean()
    ucl, lcl = centre + 2.66 * mr_bar, centre - 2.66 * mr_bar
    above = (s > centre).astype(int)
    below = (s < centre).astype(int)
    shift = (above.rolling(7).sum() == 7) | (below.rolling(7).sum() == 7)
    rising = (s.diff() > 0).astype(int).rolling(6).sum() == 6
    falling = (s.diff() < 0).astype(int).rolling(6).sum() == 6
    return ucl, lcl, (s > ucl) | (s < lcl) | shift | rising | falling


def abspc_xmr(frame):
    limits = abspc.calculate_control_limits(frame, "XmR")
    return abspc.detect_special_causes(limits)


def single_series(sizes):
    rows = []
    rng = np.random.default_rng(20261123)
    for n in sizes:
        v = rng.normal(50.0, 3.0, n)
        s = pd.Series(v)
        frame = pd.DataFrame({"value": v})
        t_measures = best(lambda: measures.xmr(v).upper)
        t_numpy = best(lambda: numpy_xmr(v))
        t_pandas = best(lambda: pandas_xmr(s))
        t_abspc = best(lambda: abspc_xmr(frame), repeat=3) if abspc and n <= 100_000 else None
        rows.append((n, t_measures, t_numpy, t_pandas, t_abspc))
        print(f"n={n}: measures {t_measures:.6f}s numpy {t_numpy:.6f}s pandas {t_pandas:.6f}s abspc {t_abspc}", file=sys.stderr)
    return rows


def grouped(groups, size):
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({
        "org": np.repeat(np.arange(groups), size),
        "month": np.tile(np.arange(size), groups),
        "value": rng.normal(50.0, 3.0, groups * size),
    })
    t_measures = best(lambda: measures.summary(frame, value="value", by="org", label="month"), repeat=3)
    few = frame[frame.org < min(groups, 2000)]
    t_pandas = best(lambda: few.groupby("org")["value"].apply(lambda g: pandas_xmr(g.reset_index(drop=True))), repeat=2)
    t_pandas *= groups / min(groups, 2000)
    t_abspc = None
    if abspc:
        tiny = frame[frame.org < min(groups, 200)]
        t_abspc = best(lambda: [abspc_xmr(g[["value"]].reset_index(drop=True)) for _, g in tiny.groupby("org")], repeat=1)
        t_abspc *= groups / min(groups, 200)
    return t_measures, t_pandas, t_abspc


def ratio(other, ours):
    return "–" if other is None else f"{other / ours:,.1f}×"


def seconds(t):
    return "–" if t is None else (f"{t * 1e6:,.0f} µs" if t < 1e-3 else f"{t * 1e3:,.1f} ms" if t < 1 else f"{t:,.2f} s")


def numpy_limits(v):
    """The floor: what any XmR chart must at least compute, in numpy."""
    centre = v.mean()
    mr_bar = np.abs(np.diff(v)).mean()
    n = len(v)
    return np.full(n, centre), np.full(n, centre + 2.66 * mr_bar), np.full(n, centre - 2.66 * mr_bar)


def pandas_limits(v, index):
    s = pd.Series(v, index=index)
    centre = s.mean()
    mr_bar = s.diff().abs().mean()
    return pd.DataFrame({"value": s, "centre": centre, "upper": centre + 2.66 * mr_bar,
                         "lower": centre - 2.66 * mr_bar}, index=index)


def measures_lines(v):
    chart = measures.xmr(v)
    return chart.centre, chart.upper, chart.lower


def alternating(a, b, repeat, rounds=3):
    """Best times of a and of b, run in alternating rounds of `repeat` calls."""
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(best(a, repeat=repeat, budget=60))
        tb.append(best(b, repeat=repeat, budget=60))
    return min(ta), min(tb)


def floor(write):
    rng = np.random.default_rng(20261130)
    # numpy at its best: glibc serves an 800 kB array by mmap (a page fault per
    # page, ~1.2 ms for the floor at 10⁵) until a large block has been freed, after
    # which it serves it from the heap (~0.13 ms). Free one first, so the floor is
    # the faster of the two.
    block = np.ones(2_000_000)
    del block
    lines = [
        "<!-- floor:start -->",
        f"Run on {platform.processor() or platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, measures {measures.__version__} (`benches/compare/compare.py --floor`; numpy "
        "warmed so that glibc serves its arrays from the heap, its fastest).",
        "",
        "| what | points | measures | floor | measures / floor |",
        "|---|---|---|---|---|",
    ]
    for n, repeat in ((100_000, 30), (10_000_000, 5)):
        v = rng.normal(50.0, 3.0, n)
        tm, tn = alternating(lambda: measures_lines(v), lambda: numpy_limits(v), repeat)
        lines.append(f"| XmR + NHS rules, centre/upper/lower read back, vs numpy limits alone | {n:,} | "
                     f"{seconds(tm)} | {seconds(tn)} | {tm / tn:.2f} |")
        print(lines[-1], file=sys.stderr)
    for n in (1_000, 10_000, 100_000):
        v = rng.normal(50.0, 3.0, n)
        dates = pd.date_range("2000-01-01", periods=n, freq="D")
        tm, tp = alternating(lambda: measures.xmr(v, dates).to_pandas(), lambda: pandas_limits(v, dates), 10)
        lines.append(f"| `xmr(values, dates).to_pandas()` vs pandas limits-only DataFrame | {n:,} | "
                     f"{seconds(tm)} | {seconds(tp)} | {tm / tp:.2f} |")
        print(lines[-1], file=sys.stderr)
    lines.append("<!-- floor:end -->")
    text = "\n".join(lines)
    print(text)
    if write:
        with open(write, encoding="utf-8") as f:
            doc = f.read()
        if "<!-- floor:start -->" in doc:
            head, rest = doc.split("<!-- floor:start -->", 1)
            doc = head + text + rest.split("<!-- floor:end -->", 1)[1]
        else:
            doc += "\n## From Python at the numpy floor (issue 20)\n\n" + text + "\n"
        with open(write, "w", encoding="utf-8") as f:
            f.write(doc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--write")
    parser.add_argument("--floor", action="store_true", help="only issue 20's comparisons with numpy and pandas")
    args = parser.parse_args()
    if args.floor:
        floor(args.write)
        return
    sizes = [n for n in (24, 1_000, 100_000, 1_000_000, 10_000_000) if n <= args.max]
    rows = single_series(sizes)
    g = grouped(args.groups, 24)
    lines = [
        "<!-- compare:start -->",
        f"Run on {platform.processor() or platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, abspc {getattr(sys.modules.get('abspc'), '__version__', 'not installed')}, measures {measures.__version__}.",
        "",
        "XmR chart with the NHS rules (outside the limits, shift, trend, two of three), one series:",
        "",
        "| points | measures | numpy | pandas | abspc | numpy / measures | pandas / measures | abspc / measures |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, tm, tn, tp, ta in rows:
        lines.append(f"| {n:,} | {seconds(tm)} | {seconds(tn)} | {seconds(tp)} | {seconds(ta)} | {ratio(tn, tm)} | {ratio(tp, tm)} | {ratio(ta, tm)} |")
    tm, tp, ta = g
    lines += [
        "",
        f"One chart per group, {args.groups:,} series of 24 points (`measures.summary` vs a pandas groupby-apply "
        "of the pandas implementation, timed on 2,000 groups and scaled, and abspc in a loop, timed on 200 and scaled):",
        "",
        "| measures | pandas groupby | abspc loop | pandas / measures | abspc / measures |",
        "|---|---|---|---|---|",
        f"| {seconds(tm)} | {seconds(tp)} | {seconds(ta)} | {ratio(tp, tm)} | {ratio(ta, tm)} |",
        "<!-- compare:end -->",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        with open(args.write, encoding="utf-8") as f:
            doc = f.read()
        if "<!-- compare:start -->" in doc:
            head, rest = doc.split("<!-- compare:start -->", 1)
            tail = rest.split("<!-- compare:end -->", 1)[1]
            doc = head + text + tail
        else:
            doc += "\n## Side by side from Python (issue 9)\n\n```sh\n.venv/bin/python benches/compare/compare.py --write benches/RESULTS.md\n```\n\n" + text + "\n"
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(doc)


if __name__ == "__main__":
    main()
