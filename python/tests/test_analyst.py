"""The analyst-facing API: chart objects, numpy in place, pandas and polars in and
out, plotting, grouped charts and the summary table."""

import json
import subprocess
from pathlib import Path

import math

import numpy as np
import pytest

import measures

ROOT = Path(__file__).resolve().parents[2]
DAYS = [10.0, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10, 30]
MONTHS = [f"2024-{m:02d}-01" for m in range(1, 13)] + ["2025-01-01"]


def test_chart_object_has_numpy_columns_and_icons():
    chart = measures.xmr(DAYS, MONTHS, direction="lower", target=15)
    assert isinstance(chart, measures.Chart)
    assert isinstance(chart.values, np.ndarray) and chart.values.dtype == np.float64
    assert chart.values.tolist() == DAYS
    assert chart.centre.shape == chart.upper.shape == chart.lower.shape == (13,)
    assert chart.variation == "special_cause_concerning_high"
    assert chart.assurance == "hit_and_miss"
    assert chart.signals[-1] == ["outside_limits"]
    assert chart.point_type[-1] == "special_cause_concerning_high"
    assert chart.companion.chart_type == "moving_range"
    assert np.isnan(chart.companion.values[0])
    # Dict-style access reads the documented JSON shape.
    assert chart["points"][0]["label"] == "2024-01-01"
    assert json.loads(chart.to_json()) == chart.to_dict()
    # In a notebook the chart shows as the chart, with one line under it.
    shown = chart._repr_html_()
    assert shown.startswith("<div><svg") and "special cause concerning high" in shown
    assert "13 points" in repr(chart)


def test_numpy_input_is_read_in_place():
    values = np.array(DAYS)
    assert measures._native.buffer_address(values) == values.ctypes.data
    # The converter hands contiguous float64 arrays over as they are.
    from measures._convert import as_array

    assert as_array(values) is values
    # A pandas float64 Series is read through its own buffer too.
    pd = pytest.importorskip("pandas")
    series = pd.Series(values)
    assert np.shares_memory(as_array(series), series.to_numpy())
    # Strided or integer input is converted (a copy is needed), with the same result.
    assert measures.xmr(np.array(DAYS)[::1]) == measures.xmr(np.array(DAYS, dtype=np.int64))


def test_python_results_equal_the_rust_core_to_the_last_bit():
    csv = ROOT / "tests" / "data" / "shift.csv"
    rows = [line.split(",") for line in csv.read_text().splitlines()[1:]]
    values = np.array([float(r[1]) for r in rows])
    chart = measures.xmr(values, [r[0] for r in rows], direction="higher")
    out = subprocess.run(
        [str(ROOT / "target" / "debug" / "measures"), "xmr", str(csv), "--value", "value", "--label", "week",
         "--direction", "higher"],
        check=True, capture_output=True, text=True,
    )
    cli = json.loads(out.stdout)
    assert chart.to_dict() == cli
    assert chart.upper.tolist() == [p["upper"] for p in cli["points"]]


def test_pandas_in_and_out():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"month": pd.to_datetime(MONTHS), "days": DAYS})
    chart = measures.xmr(frame["days"], frame["month"], direction="lower")
    assert chart.labels[0] == "2024-01-01"
    table = chart.to_pandas()
    assert isinstance(table.index, pd.DatetimeIndex)
    assert table["value"].tolist() == DAYS
    assert table["upper"].tolist() == chart.upper.tolist()
    assert table["special_cause"].iloc[-1] and table["signals"].iloc[-1] == "outside_limits"
    # Round trip: charting the frame's column again gives the same chart.
    assert measures.xmr(table["value"], table.index, direction="lower") == chart
    # Missing values — pandas NA in nullable integers, None, NaN, a masked item — are
    # gaps, each the same chart (issue 17).
    with_na = measures.xmr(pd.Series([1, None, 3, 4, 2, 3], dtype="Int64"))
    assert math.isnan(with_na.values[1]) and "1 missing value is kept as a gap" in with_na["notes"][0]
    for same in ([1, None, 3, 4, 2, 3], [1.0, math.nan, 3.0, 4.0, 2.0, 3.0],
                 np.ma.array([1.0, 9.0, 3.0, 4.0, 2.0, 3.0], mask=[0, 1, 0, 0, 0, 0]),
                 pd.Series([1.0, pd.NA, 3.0, 4.0, 2.0, 3.0], dtype="object")):
        assert measures.xmr(same) == with_na


def test_polars_in_and_out():
    pl = pytest.importorskip("polars")
    series = pl.Series("days", DAYS)
    chart = measures.xmr(series, pl.Series("month", MONTHS))
    frame = chart.to_polars()
    assert frame.columns[0] == "label"
    assert frame["value"].to_list() == DAYS


def test_plot_draws_limits_and_special_causes():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    chart = measures.xmr(DAYS, MONTHS, direction="lower", target=15)
    ax = chart.plot()
    lines = ax.get_lines()
    # data, then centre, upper and lower per phase, then the target
    assert len(lines) == 1 + 3 * len(chart.phases) + 1
    assert lines[2].get_ydata().tolist() == chart.upper.tolist()
    special = ax.collections[0].get_offsets()
    assert special.tolist() == [[12.0, 30.0]]
    # a legend of what is drawn, the measure on the y axis, a title naming it
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["data", "mean", "process limits", "special cause: concerning", "target"]
    assert ax.get_title() == "XmR chart" and ax.get_ylabel() == "value"
    pd = pytest.importorskip("pandas")
    named = measures.xmr(pd.Series(DAYS, name="days to repair"), MONTHS).plot()
    assert named.get_title() == "days to repair (XmR chart)" and named.get_ylabel() == "days to repair"


def test_mismatched_and_two_dimensional_input():
    with pytest.raises(measures.InvalidInput, match="labels: 2 given for a series of 13"):
        measures.xmr(DAYS, ["a", "b"])
    with pytest.raises(measures.InvalidInput, match="denominators"):
        measures.p([1, 2, 3], [10, 10])
    with pytest.raises(measures.InvalidInput, match=r"shape \(2, 3\)"):
        measures.p(np.ones((2, 3)), np.ones((2, 3)))


def _groups_frame(pd):
    rows = []
    for org in ["A", "B"]:
        for metric, base in [("waits", 10.0), ("falls", 3.0)]:
            for k, month in enumerate(MONTHS):
                rows.append({"org": org, "metric": metric, "month": month, "value": base + (k * 7 % 5) + (org == "B")})
    # Shuffle the rows: grouping sorts by the keys and the label.
    return pd.DataFrame(rows).sample(frac=1.0, random_state=1)


def test_xmr_by_equals_one_chart_per_group():
    pd = pytest.importorskip("pandas")
    frame = _groups_frame(pd)
    tidy = measures.xmr_by(frame, value="value", by=["org", "metric"], label="month", direction="lower")
    assert len(tidy) == len(frame)
    for (org, metric), part in tidy.groupby(["org", "metric"], sort=False):
        source = frame[(frame.org == org) & (frame.metric == metric)].sort_values("month")
        alone = measures.xmr(source["value"], source["month"], direction="lower")
        assert part["month"].tolist() == source["month"].tolist()
        assert part["upper"].tolist() == alone.upper.tolist()
        assert part["centre"].tolist() == alone.centre.tolist()
        assert part["point_type"].tolist() == alone.point_type.tolist()
        assert set(part["variation"]) == {alone.variation}


def test_summary_is_one_row_per_measure():
    pd = pytest.importorskip("pandas")
    frame = _groups_frame(pd)
    frame = pd.concat([frame, pd.DataFrame([{"org": "C", "metric": "waits", "month": "2024-01-01", "value": 1.0}])])
    table = measures.summary(frame, value="value", by=["org", "metric"], label="month", direction="lower", target=12)
    assert len(table) == 5
    row = table[(table.org == "A") & (table.metric == "waits")].iloc[0]
    alone = measures.xmr(
        frame[(frame.org == "A") & (frame.metric == "waits")].sort_values("month")["value"], direction="lower", target=12
    )
    assert row["points"] == 13 and row["month"] == "2025-01-01"
    assert row["variation"] == alone.variation and row["assurance"] == alone.assurance
    assert row["upper"] == alone.upper[-1]
    lonely = table[table.org == "C"].iloc[0]
    assert pd.isna(lonely["variation"]) and "too few points" in lonely["error"]


def test_grouped_polars_and_bad_columns():
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    frame = pl.from_dicts(_groups_frame(pd).to_dict("records"))
    tidy = measures.xmr_by(frame, value="value", by="org", label="month")
    assert isinstance(tidy, pl.DataFrame) and tidy.height == frame.height
    with pytest.raises(measures.InvalidInput, match="no column 'nope'"):
        measures.summary(frame, value="nope", by="org")


def test_case_log_object():
    log = measures.CaseLog(ROOT / "tests" / "data" / "cases-small.csv")
    report = log.report(working_days="england-and-wales")
    assert report["open"]["count"] == 1
    with pytest.raises(measures.InvalidInput, match="unknown column"):
        measures.CaseLog("x.csv", reference="id")


def test_svg_is_the_rust_renderers_picture():
    import xml.dom.minidom

    chart = measures.xmr(DAYS, MONTHS, direction="lower", target=15)
    svg = chart.to_svg(title="Days")
    doc = xml.dom.minidom.parseString(svg)
    assert doc.documentElement.tagName == "svg"
    assert chart._repr_svg_() == chart.to_svg(title="XmR chart")
    assert "special concerning" in svg
    with pytest.raises(measures.InvalidInput, match="width"):
        chart.to_svg(width=10)


def test_arrow_arrays_and_tables_through_the_pycapsule_interface():
    pa = pytest.importorskip("pyarrow")
    from measures._convert import as_array

    arrow = pa.array(DAYS, type=pa.float64())
    # Read in place: the numpy view shares the Arrow buffer.
    assert measures._native.buffer_address(as_array(arrow)) == arrow.buffers()[1].address
    assert measures.xmr(arrow) == measures.xmr(DAYS)

    class OnlyCapsule:  # a producer that offers nothing but the PyCapsule interface
        def __init__(self, array):
            self.array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self.array.__arrow_c_array__(requested_schema)

    assert measures.xmr(OnlyCapsule(arrow)).upper.tolist() == measures.xmr(DAYS).upper.tolist()
    # An Arrow null is a missing value: a gap, as NaN is.
    nulls = [1.0, None, 2.0, 3.0, 2.5, 1.5]
    assert measures.xmr(pa.array(nulls)) == measures.xmr([v if v is not None else math.nan for v in nulls])
    with pytest.raises(measures.InvalidInput, match="must hold numbers"):
        measures.xmr(pa.array(["a", "b", "c"]))

    pd = pytest.importorskip("pandas")
    table = pa.Table.from_pandas(_groups_frame(pd), preserve_index=False)
    tidy = measures.xmr_by(table, value="value", by=["org", "metric"], label="month")
    assert isinstance(tidy, pa.Table) and tidy.num_rows == table.num_rows
    batch = table.to_batches()[0]
    board = measures.summary(batch, value="value", by=["org", "metric"], label="month")
    assert board.num_rows == 4


def test_report_writes_the_same_html_from_a_path_or_a_dataframe(tmp_path):
    pd = pytest.importorskip("pandas")
    path = ROOT / "examples" / "repairs-cases.csv"
    options = dict(working_days="england-and-wales", changes=["2025-01-06"], title="Repairs")
    written = measures.report(path, tmp_path / "report.html", **options)
    from_file = open(written, encoding="utf-8").read()
    assert from_file.startswith("<!DOCTYPE html>") and "<title>Repairs</title>" in from_file
    assert 'id="brief"' in from_file and "Since the change on 6 January 2025" in from_file
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    from_frame = measures.report(frame, **options)
    # The same report apart from where it says the log came from.
    assert from_frame.replace("a pandas DataFrame", "X") == from_file.replace(str(path), "X")
    # Changes given as timestamps are read as dates.
    assert measures.report(frame, **{**options, "changes": [pd.Timestamp("2025-01-06")]}) == from_frame


def test_a_chart_is_its_own_while_another_thread_writes_the_input():
    """Issue 18: the core read numpy input in place with the interpreter released, so
    a thread writing to the array meanwhile gave charts whose centre was not the mean
    of their own values (and undefined behaviour). The input is now copied while the
    interpreter is held."""
    import threading

    y = np.random.default_rng(1).normal(size=300_000)
    stop = threading.Event()

    def writer():
        k = 0.0
        while not stop.is_set():
            y[:] = k  # a large fill: numpy releases the interpreter while it runs
            k += 1.0

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(25):
            chart = measures.xmr(y)
            assert np.isclose(chart.centre[0], chart.values.mean(), rtol=1e-12, atol=1e-12)
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_a_forked_child_charts_after_a_parallel_call():
    """Issue 18: after a parallel (rayon) call, a forked child's next parallel call
    waited for ever. The extension turns parallelism off in the child."""
    import os

    y = np.random.default_rng(2).normal(size=300_000)  # long enough to use every core
    parent = measures.xmr(y)
    assert measures._native.parallel_enabled()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: chart again, report, and leave without cleanup
        try:
            child = measures.xmr(y)
            ok = (not measures._native.parallel_enabled()) and child.centre[0] == parent.centre[0]
            os.write(write, b"ok" if ok else b"bad")
        finally:
            os._exit(0)
    os.close(write)
    import select

    ready, _, _ = select.select([read], [], [], 60)
    if not ready:
        import signal

        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert ready, "the forked child hung"
    assert os.read(read, 16) == b"ok"
    os.waitpid(pid, 0)
    assert measures._native.parallel_enabled()


def test_python_inputs_are_read_as_they_are_meant():
    """Issue 18: masks were ignored, booleans were 0/1 in arrays but refused in lists,
    cached columns were writable, and a NaN target came back as serde's text."""
    masked = np.ma.array([1.0, 2.0, 99.0, 3.0, 2.0], mask=[False, False, True, False, False])
    chart = measures.xmr(masked)  # the masked 99 is never read as data: a gap
    assert math.isnan(chart.values[2]) and chart.centre[0] == 2.0
    for booleans in (np.array([True, False, True]), [True, False, True]):
        with pytest.raises(measures.InvalidInput, match="True/False|not a number"):
            measures.xmr(booleans)
    chart = measures.xmr([1.0, 2.0, 3.0, 2.0])
    for column in (chart.values, chart.centre, chart.upper):
        with pytest.raises(ValueError, match="read-only"):
            column[0] = 5.0
    with pytest.raises(measures.InvalidInput, match="^target: nan is not a finite number"):
        measures.xmr([1.0, 2.0, 3.0], target=float("nan"))
    with pytest.raises(measures.InvalidInput, match="^rules: 'nhss' is not one of"):
        measures.xmr([1.0, 2.0, 3.0], rules="nhss")
    with pytest.raises(measures.InvalidInput, match="^centre:"):
        measures.xmr([1.0, 2.0, 3.0], centre="average")
