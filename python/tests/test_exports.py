"""What councils export (tests/data/exports/), read from Python as the command reads
it (measures-cli/tests/exports.rs holds the same cases): the core's one CSV reader,
missing values as gaps, dates in every form, events turned into periods."""

import math
from pathlib import Path

import pytest

import measures

EXPORTS = Path(__file__).resolve().parents[2] / "tests" / "data" / "exports"


def test_semicolons_thousands_separators_and_dd_mm_yyyy_are_read():
    data = measures.read_csv(EXPORTS / "semicolon-thousands.csv")
    assert list(data)[:2] == ["Month", "Repairs completed"]
    chart = measures.xmr(data, value="repairs_completed", date="MONTH")
    assert chart.values[0] == 1948.0
    assert chart.labels[:2] == ["2024-01-01", "2024-02-01"]


def test_missing_tokens_are_gaps_from_a_file_and_from_pandas():
    data = measures.read_csv(EXPORTS / "missing-tokens.csv")
    chart = measures.xmr(data, value="calls answered %", date="week commencing")
    assert sum(math.isnan(v) for v in chart.values) == 6
    assert "6 missing values are kept as gaps" in chart["notes"][0]
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(EXPORTS / "missing-tokens.csv")  # pandas reads "-" as text
    same = measures.xmr(frame, value="Calls answered %", date="Week commencing")
    for column in ("values", "centre", "upper", "lower"):
        assert getattr(same, column).tolist() == pytest.approx(getattr(chart, column).tolist(), nan_ok=True)
    assert same.labels == chart.labels
    assert any("2 rows had every field empty" in n for n in same["notes"])


def test_tabs_are_found():
    data = measures.read_csv(EXPORTS / "tab-delimited.tsv")
    assert measures.c(data, value="complaints", date="period").values[2] == 17.0


def test_newest_first_exports_are_read_oldest_first_and_phases_take_any_date_form():
    data = measures.read_csv(EXPORTS / "newest-first-ddmmyyyy.csv")
    chart = measures.xmr(data, value="falls", date="report date")
    assert chart.labels[0] == "2023-11-30" and chart.values[0] == 5.0
    assert any("newest first" in n for n in chart["notes"])
    import datetime as dt

    for when in ("31/03/2024", "2024-03-31", dt.date(2024, 3, 31)):
        phased = measures.xmr(data, value="falls", date="report date", phases=[when])
        assert phased["phases"][1]["first"] == 4, when
    pd = pytest.importorskip("pandas")
    assert measures.xmr(data, value="falls", date="report date", phases=[pd.Timestamp("2024-03-31")]) == phased


def test_case_logs_read_the_same_from_a_path_and_from_pandas():
    # Spreadsheet serial dates, loose header names.
    serial = measures.demand(EXPORTS / "excel-serial-cases.csv", id="case id", received="date received",
                             closed="date closed", type="demand type", class_="value/failure")
    assert serial["from"]["local_date"] == "2024-01-01" and serial["open"]["count"] == 1
    # NA, N/A and - closed dates are open cases, from a path or a DataFrame alike.
    kwargs = dict(id="Case ID", received="Date Received", closed="Date Closed", type="Demand Type",
                  class_="Value/Failure")
    from_path = measures.demand(EXPORTS / "na-closed-cases.csv", **kwargs)
    assert from_path["open"]["count"] == 3
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(EXPORTS / "na-closed-cases.csv", dtype=str, keep_default_na=True)
    from_frame = measures.demand(frame, **kwargs)
    assert from_frame["open"]["count"] == 3
    assert from_frame["end_to_end"]["closed"] == from_path["end_to_end"]["closed"]


def test_bad_rows_are_errors_naming_the_row():
    with pytest.raises(measures.InvalidInput, match=r"line 3.*0024-02-29"):
        measures.demand(EXPORTS / "mistyped-year-cases.csv")
    with pytest.raises(measures.InvalidInput, match=r"line 3.*received is missing"):
        measures.demand(EXPORTS / "missing-received-cases.csv")
    with pytest.raises(measures.InvalidInput, match=r"\(column 2\).*\(column 3\)"):
        measures.demand(EXPORTS / "duplicate-headers.csv", received="value", closed="value")
    with pytest.raises(measures.InvalidInput, match="outside the log"):
        measures.demand(EXPORTS / "na-closed-cases.csv", id="case id", received="date received",
                        closed="date closed", changes=["2030-01-01"])


def test_events_become_points_per_period():
    data = measures.read_csv(EXPORTS / "events.csv")
    monthly = measures.xmr(data, value="days to resolve", date="logged", period="month")
    assert len(monthly.values) == 6
    assert list(monthly.excluded) == [True, False, False, False, False, True]
    assert any("left out of the mean" in n for n in monthly["notes"])
    weekly = measures.c(data, date="logged", period="week")
    assert weekly.labels[0] == "2024-01-01"
    shares = measures.p(data, date="logged", period="week", class_="class", failure="failure")
    assert all(0 <= v <= 1 for v in shares.values)
    # The command gives the same points.
    import json
    import subprocess

    binary = Path(__file__).resolve().parents[2] / "target" / "debug" / "measures"
    if binary.exists():
        out = subprocess.run([str(binary), "c", str(EXPORTS / "events.csv"), "--date", "logged"],
                             capture_output=True, text=True, check=True)
        assert [p["value"] for p in json.loads(out.stdout)["points"]] == list(weekly.values)
    with pytest.raises(measures.InvalidInput, match="name a DataFrame's columns"):
        measures.xmr([1.0, 2.0, 3.0], value="x")
