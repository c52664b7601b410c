"""Issue 20: labels and DataFrames pass in bulk, and give the same charts as the
same labels given one by one."""

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import measures

RNG = np.random.default_rng(11)
Y = RNG.normal(20, 2, 60)
DAYS = pd.date_range("2024-01-01", periods=60, freq="D")


def test_date_columns_in_every_form_give_the_chart_of_their_text():
    text = [d.strftime("%Y-%m-%d") for d in DAYS]
    expected = measures.xmr(Y, text).to_dict()
    for labels in (DAYS, pd.Series(DAYS), DAYS.values, DAYS.values.astype("datetime64[D]"),
                   pl.Series(DAYS.values).cast(pl.Date), pa.array(DAYS.values.astype("datetime64[D]")),
                   list(DAYS.to_pydatetime())):
        assert measures.xmr(Y, labels).to_dict() == expected, type(labels)


def test_times_of_day_keep_their_time_and_zones_their_offset():
    stamps = pd.date_range("2024-01-01 09:30", periods=60, freq="h")
    chart = measures.xmr(Y, stamps)
    assert chart.labels[:2] == ["2024-01-01T09:30:00", "2024-01-01T10:30:00"]
    zoned = measures.xmr(Y, stamps.tz_localize("Europe/London"))
    assert zoned.labels[0] == "2024-01-01T09:30:00+00:00"


def test_every_numpy_unit_gives_the_chart_of_its_text():
    # The core reads the stamps in their own unit: whole days as dates, else
    # times to the second (finer parts dropped, as numpy writes them to the second).
    text = [d.strftime("%Y-%m-%d") for d in DAYS]
    expected = measures.xmr(Y, text).to_dict()
    for unit in ("D", "h", "s", "ms", "us", "ns"):
        assert measures.xmr(Y, DAYS.values.astype(f"datetime64[{unit}]")).to_dict() == expected, unit
    months = np.arange("2020-01", "2025-01", dtype="datetime64[M]")
    chart = measures.xmr(Y, months, phases=["2021-01-01"])
    assert chart.labels[:2] == ["2020-01-01", "2020-02-01"]
    assert list(chart.phase[11:13]) == [0, 1]
    stamps = (DAYS.values + np.timedelta64(9, "h") + np.timedelta64(250, "ms")).astype("datetime64[ns]")
    fine = measures.xmr(Y, stamps)
    assert fine.labels[:1] == ["2024-01-01T09:00:00"]
    assert fine.to_dict() == measures.xmr(Y, [np.datetime_as_string(s, unit="s") for s in stamps]).to_dict()
    # Two stamps in one second are one label twice: refused, naming it.
    same_second = stamps.copy()
    same_second[1] = same_second[0] + np.timedelta64(1, "ms")
    with pytest.raises(measures.InvalidInput, match="2024-01-01T09:00:00"):
        measures.xmr(Y, same_second)


def test_bad_dates_in_bulk_are_refused_as_one_by_one():
    unsorted = DAYS.values.copy()
    unsorted[[3, 4]] = unsorted[[4, 3]]
    with pytest.raises(measures.InvalidInput, match="2024-01-04"):
        measures.xmr(Y, unsorted)
    with pytest.raises(measures.InvalidInput):
        measures.xmr(Y, np.array([np.datetime64("NaT")] + list(DAYS.values[1:])))
    with pytest.raises(measures.InvalidInput, match="years 1 to 9999"):
        measures.xmr(Y[:2], np.array(["9999-12-31", "10000-01-01"], dtype="datetime64[D]"))


def test_phases_and_exclusions_by_date_with_bulk_labels():
    a = measures.xmr(Y, DAYS, phases=["2024-01-31"], exclude=[dt.date(2024, 1, 5)])
    b = measures.xmr(Y, [d.strftime("%Y-%m-%d") for d in DAYS], phases=[30], exclude=[4])
    assert a.to_dict() == b.to_dict()


def test_frames_are_built_in_bulk_with_dates_and_categoricals():
    step = np.concatenate([Y[:40], Y[40:] + 8])
    chart = measures.xmr(step, DAYS)
    frame = chart.to_pandas()
    assert isinstance(frame.index, pd.DatetimeIndex) and (frame.index == DAYS).all()
    assert isinstance(frame["point_type"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["signals"].dtype, pd.CategoricalDtype)
    assert list(frame["point_type"].astype(str)) == [p["point_type"] for p in chart["points"]]
    rules = [s["rule"] for s in chart["signals"]]
    for row, p in zip(frame["signals"].astype(str), chart["points"]):
        assert set(filter(None, row.split(","))) == {rules[k] for k in p["signals"]}
    assert list(frame["special_cause"]) == [bool(p["signals"]) for p in chart["points"]]
    polars = chart.to_polars()
    assert polars["label"].dtype in (pl.Datetime("ns"), pl.Datetime("us"))
    assert polars["point_type"].dtype == pl.Categorical
    assert polars["value"].to_list() == list(step)
    # text labels that are dates index by date too
    text = measures.xmr(step, [d.strftime("%Y-%m-%d") for d in DAYS]).to_pandas()
    assert isinstance(text.index, pd.DatetimeIndex)


def _orgs():
    rng = np.random.default_rng(3)
    months = pd.date_range("2023-01-01", periods=24, freq="MS")
    rows = []
    for org in ["A", "B", "C"]:
        for d in months if org != "C" else months[3:]:  # C starts later
            rows.append((org, d, rng.normal(10 if d < pd.Timestamp("2024-01-01") else 14, 1)))
    return pd.DataFrame(rows, columns=["org", "month", "value"])


def test_grouped_charts_take_every_option_xmr_takes():
    # Issue 19: phases, exclusions and a baseline named by date, a target per group;
    # each group's chart equals measures.xmr on that group with the same options.
    frame = _orgs()
    targets = {"A": 12.0, "B": 9.0}
    for options in (
        dict(phases=["2024-01-01"], exclude=["2023-06-01"], direction="higher"),
        dict(phases=[dt.date(2024, 1, 1)], baseline="2024-06-01"),
        dict(baseline=6, rules="western_electric"),
    ):
        table = measures.xmr_by(frame, value="value", by="org", label="month", target=targets, **options)
        for org, rows in frame.groupby("org"):
            single = measures.xmr(rows["value"].to_numpy(), rows["month"], target=targets.get(org), **options)
            got = table[table.org == org]
            assert np.allclose(got["centre"], single.centre) and np.allclose(got["upper"], single.upper), (org, options)
            assert list(got["phase"]) == list(single.phase)
            assert list(got["point_type"]) == list(single.point_type)
            assert got["variation"].iloc[0] == single.variation
            assurance = got["assurance"].iloc[0]
            assert (None if pd.isna(assurance) else assurance) == single.assurance
    summary = measures.summary(frame, value="value", by="org", label="month", phases=["2024-01-01"], target=targets,
                               direction="higher")
    assert list(summary["assurance"].fillna("none")) == ["hit_and_miss", "consistently_pass", "none"]


def test_grouped_options_by_label_need_labels_and_name_what_is_wrong():
    frame = _orgs()
    with pytest.raises(measures.InvalidInput, match="label="):
        measures.xmr_by(frame, value="value", by="org", phases=["2024-01-01"])
    with pytest.raises(measures.InvalidInput, match="no group has a point labelled"):
        measures.xmr_by(frame, value="value", by="org", label="month", exclude=["2031-01-01"])
    # a change between two months starts each group's phase at its next point
    mid = measures.xmr_by(frame, value="value", by="org", label="month", phases=["2023-12-15"])
    first = measures.xmr_by(frame, value="value", by="org", label="month", phases=["2024-01-01"])
    assert list(mid["phase"]) == list(first["phase"])
    with pytest.raises(measures.InvalidInput, match="unknown option"):
        measures.xmr_by(frame, value="value", by="org", label="month", phase=["2024-01-01"])


def test_case_logs_in_frames_are_read_in_bulk_as_from_the_file():
    # Issue 19: a DataFrame case log (times parsed, open cases as NaT, counts as
    # numbers) gives the report of the same file, without a cell-by-cell conversion.
    from pathlib import Path

    csv = Path(__file__).resolve().parents[2] / "tests" / "data" / "cases-small.csv"
    expected = measures.demand(csv, working_days="england-and-wales")
    frame = pd.read_csv(csv, parse_dates=["received", "closed"])
    assert frame["closed"].isna().any() and frame["received"].dtype.kind == "M"
    for log in (frame, pl.from_pandas(frame)):
        got = measures.demand(log, working_days="england-and-wales")
        assert {k: v for k, v in got.items() if k != "notes"} == {k: v for k, v in expected.items() if k != "notes"}


def test_case_logs_in_every_frame_give_the_report_of_the_file():
    # Arrow-held text (pandas' string columns, polars, pyarrow) passes as offsets and
    # bytes, pandas times and whole numbers as fixed-width bytes: the report is the
    # file's, whichever way the columns come.
    from pathlib import Path

    csv = Path(__file__).resolve().parents[2] / "examples" / "repairs-cases.csv"
    expected = measures.demand(csv, working_days="england-and-wales")
    frames = [
        pd.read_csv(csv, dtype=str, keep_default_na=False),
        pd.read_csv(csv, dtype=str),  # missing cells as NA
        pd.read_csv(csv, parse_dates=["received", "closed"]),
        pl.read_csv(csv, infer_schema=False),
        {k: list(v) for k, v in pd.read_csv(csv, dtype=str, keep_default_na=False).items()},
    ]
    for frame in frames:
        assert measures.demand(frame, working_days="england-and-wales") == expected, type(frame)
    table = pa.Table.from_pandas(pd.read_csv(csv, dtype=str))
    assert measures.demand({k: table[k] for k in table.column_names}, working_days="england-and-wales") == expected
