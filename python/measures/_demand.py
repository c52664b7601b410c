"""Demand analysis of a case log (one row per case: received, closed, demand type,
value or failure class, channel, handoffs), and the demand report as HTML."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, cast

import numpy as _np

from ._errors import invalid
from ._frames import cell
from ._native import cell_date as _cell_date
from ._native import demand_html as _demand_html
from ._native import demand as _demand
from ._native import demand_file as _demand_file
from ._native import match_columns as _match_columns
from ._native import read_csv as _read_csv
from ._options import FailureChart, Nation, Period, TimeUnit, choice, finite, flag, optional_finite
from ._types import DemandReport

_FIELDS = ("id", "received", "closed", "type", "class", "channel", "handoffs", "linked_to", "unit")
_TIME_UNITS = ("calendar_days", "working_days", "hours")


def _case_columns(source: Any, names: Dict[str, Optional[str]], read_file: bool = True) -> "tuple[Optional[Dict[str, Any]], Optional[tuple[str, Any]]]":
    """Text columns from a CSV path (read by the core's one CSV reader, as the
    command reads it), a pandas or polars DataFrame, or a dict of lists; column names
    matched as the reader matches headers (case, spaces, underscores ignored). With a
    path, also the path and each row's CSV line, so errors name them."""
    fields = [f for f in _FIELDS if names.get(f) is not None]
    required = {f: f in ("id", "received", "closed") or bool(names.get(f + "!")) for f in fields}
    if isinstance(source, (str, os.PathLike)) and not read_file:
        # The core reads the file itself: no column of text passes through Python.
        return None, (os.fspath(source), [(f, str(names[f]), required[f]) for f in fields])
    if isinstance(source, (str, os.PathLike)):
        wanted = [(str(names[f]), required[f]) for f in fields]
        pairs, _, _, lines = _read_csv(os.fspath(source), wanted, None)
        columns = dict(pairs)
        found = {f: columns[str(names[f])] for f in fields if str(names[f]) in columns}
        return found, (os.fspath(source), lines)
    if isinstance(source, dict):
        table: Dict[str, Any] = {str(k): v for k, v in source.items()}
    elif hasattr(source, "columns"):
        table = {str(k): source[k] for k in source.columns}
    else:
        raise invalid(
            f"a case log must be a CSV path, a pandas or polars DataFrame, or a dict of columns, not {type(source).__name__}"
        )
    headers = list(table)
    positions = _match_columns(headers, [str(names[f]) for f in fields])
    out: Dict[str, Any] = {}
    for field, at in zip(fields, positions):
        if at is None:
            if required[field]:
                hint = (" (unit names the column of each case's team or area; the unit of time is time_unit)"
                        if field == "unit" else "")
                raise invalid(
                    f"{'unit: ' if hint else ''}the case log has no column {names[field]!r}{hint}; "
                    f"its columns are: {', '.join(headers)}",
                    "missing_column",
                )
            continue
        out[field] = _text_column(table[headers[at]])
    return out, None


def _text_column(column: Any) -> Any:
    """A column of a case log as the core's text cells (see ``cell``), handed over in
    bulk where it can be: text held by Arrow (pandas' string columns, polars,
    pyarrow) as its offsets and bytes, times without a zone and whole numbers as
    numpy's fixed-width bytes; other columns cell by cell, as a list."""
    arrow = _arrow_text(column)
    if arrow is not None:
        return arrow
    values = column.to_numpy() if hasattr(column, "to_numpy") and not isinstance(column, _np.ndarray) else column
    if isinstance(values, _np.ndarray) and values.dtype.kind == "M" and getattr(column.dtype, "tz", None) is None:
        text = _np.datetime_as_string(values.astype("datetime64[s]"), unit="s").astype("S19")
        text[_np.isnat(values)] = b""
        return ("fixed", _np.ascontiguousarray(text).view(_np.uint8), 19)
    if isinstance(values, _np.ndarray) and values.dtype.kind in "iu":
        text = _np.ascontiguousarray(values.astype("S"))
        return ("fixed", text.view(_np.uint8), text.dtype.itemsize)
    items = values.tolist() if isinstance(values, _np.ndarray) else list(column)
    return [v if v.__class__ is str else cell(v) for v in items]


def _arrow_text(column: Any) -> Optional["tuple[str, _np.ndarray, _np.ndarray]"]:
    """A column of text held by Arrow as ``("offsets", int64 offsets, uint8 bytes)``
    (missing cells empty), or None when it is not one (or pyarrow is absent)."""
    module = type(column).__module__
    if not module.startswith(("pandas", "polars", "pyarrow")):
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pandas' Arrow strings need pyarrow
        return None
    try:
        if module.startswith("polars"):
            array = column.to_arrow()
        elif module.startswith("pandas"):
            if "pyarrow" not in str(getattr(column.dtype, "storage", "")) and not str(column.dtype).endswith("[pyarrow]"):
                return None
            array = pa.array(column.array)
        else:
            array = column
    except Exception:  # pragma: no cover - exotic columns take the slow road
        return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not isinstance(array, pa.Array) or not (
        pa.types.is_string(array.type) or pa.types.is_large_string(array.type)
        or getattr(pa.types, "is_string_view", lambda t: False)(array.type)
    ):
        return None
    if array.null_count:
        array = pc.fill_null(array, "")
    array = array.cast(pa.large_string())
    _, offsets, data = array.buffers()
    n = len(array)
    offsets_np = _np.frombuffer(offsets, dtype=_np.int64)[array.offset : array.offset + n + 1]
    data_np = _np.frombuffer(data, dtype=_np.uint8) if data is not None else _np.zeros(0, _np.uint8)
    return ("offsets", offsets_np, data_np)


def demand(
    source: Any,
    *,
    id: str = "id",
    received: str = "received",
    closed: str = "closed",
    type: Optional[str] = None,
    class_: Optional[str] = None,
    channel: Optional[str] = None,
    handoffs: Optional[str] = None,
    linked_to: Optional[str] = None,
    period: Period = "week",
    working_days: Optional[Nation] = None,
    unit: Optional[str] = None,
    time_unit: Optional[TimeUnit] = None,
    closures: Optional[Sequence[str]] = None,
    changes: Optional[Sequence[str]] = None,
    as_of: Optional[str] = None,
    failure_chart: FailureChart = "auto",
    threshold: Optional[float] = None,
    level: float = 0.95,
    pilot: Optional[Union[str, Sequence[str]]] = None,
    pilot_change: Optional[str] = None,
    detail: bool = False,
) -> DemandReport:
    """Every demand measure of a case log: open cases, demand volume, failure demand,
    Pareto of demand types, flow, and end-to-end capability overall and per type.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns, one
    row per case. Column names default to ``id``, ``received``, ``closed`` (empty or
    missing while open) and, when present, ``type``, ``class`` (value/failure),
    ``channel``, ``handoffs``, ``linked_to``; name others with the keyword of the same
    name (``class_`` for the class). Times are dates, UK local times or ISO 8601 with
    an offset; pandas timestamps are passed as ISO text.

    ``working_days`` is ``"england-and-wales"``, ``"scotland"`` or
    ``"northern-ireland"`` (and implies ``time_unit="working_days"``); ``time_unit``
    is ``"calendar_days"``, ``"hours"`` or ``"working_days"``; ``unit`` names the
    column of the team, area or office that handled each case, and the report then
    compares the units on funnel plots (``"units"``: failure demand, and the share
    completed within ``threshold``, the service's median when none is given);
    ``pilot`` names the unit or units that piloted a change begun on
    ``pilot_change`` (the first of ``changes`` by default), and the report compares
    them with the rest on failure demand and end-to-end time (``"pilot"``: each a
    comparison as :func:`measures.compare` gives, and whether the change is
    holding); ``period`` ``"day"``,
    ``"week"`` or ``"month"``; ``closures`` and ``changes`` are dates (YYYY-MM-DD);
    ``as_of`` is the time open cases are aged to (the latest in the log by default).

    Returns a dict in the shape of docs/json.md ("Demand report"): every measure,
    with the end-to-end charts summarised (phases, limits, counts of points and
    signals), so its size does not grow with the log. ``detail=True`` adds every
    chart point by point, the case references and every open case (as
    ``measures demand --detail``).
    """
    columns, options, as_of_text, file = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, time_unit, closures, changes, as_of, failure_chart, threshold, level,
        pilot, pilot_change, read_file=False,
    )
    detail = flag("detail", detail)
    if columns is None and file is not None:
        return cast(DemandReport, _demand_file(file[0], file[1], options, as_of_text, detail))
    return cast(DemandReport, _demand(cast(Dict[str, Any], columns), options, as_of_text, detail))


def _demand_inputs(
    source: Any, id: str, received: str, closed: str, type: Optional[str], class_: Optional[str],
    channel: Optional[str], handoffs: Optional[str], linked_to: Optional[str], period: str,
    working_days: Optional[str], unit: Optional[str], time_unit: Optional[str], closures: Optional[Sequence[str]],
    changes: Optional[Sequence[str]], as_of: Optional[str], failure_chart: str,
    threshold: Optional[float], level: float, pilot: Any = None, pilot_change: Any = None,
    read_file: bool = True,
) -> "tuple[Optional[Dict[str, Any]], str, Optional[str], Optional[tuple[str, Any]]]":
    """The text columns, the core's options as JSON, the as-of time and (for a file)
    its path and lines, shared by :func:`demand` and :func:`report`."""
    # ``unit`` once named the unit of time; those names still mean it.
    if unit is not None and unit.replace("-", "_") in _TIME_UNITS and time_unit is None:
        time_unit, unit = unit.replace("-", "_"), None
    names = {
        "id": id,
        "received": received,
        "closed": closed,
        "type": type or "type",
        "type!": type,
        "class": class_ or "class",
        "class!": class_,
        "channel": channel or "channel",
        "channel!": channel,
        "handoffs": handoffs or "handoffs",
        "handoffs!": handoffs,
        "linked_to": linked_to or "linked_to",
        "linked_to!": linked_to,
        "unit": unit,
        "unit!": unit,
    }
    columns, file = _case_columns(source, names, read_file)
    choice("period", period, ("day", "week", "month", "quarter"))
    if working_days is not None:
        choice("working_days", working_days, ("england-and-wales", "scotland", "northern-ireland"))
    if time_unit is None:
        time_unit = "working_days" if working_days else "calendar_days"
    choice("time_unit", time_unit, _TIME_UNITS)
    choice("failure_chart", failure_chart, ("auto", "p", "p_prime", "p-prime"))
    options = {
        "period": period,
        "unit": time_unit,
        "nation": working_days,
        "closures": [_date_option("closures", c) for c in closures or []],
        "changes": [_date_option("changes", c) for c in changes or []],
        "as_of": None,
        "failure_chart": {"p-prime": "p_prime"}.get(failure_chart, failure_chart),
        "threshold": optional_finite("threshold", threshold),
        "level": finite("level", level),
        "pilot": [] if pilot is None else ([pilot] if isinstance(pilot, str) else [str(p) for p in pilot]),
        "pilot_change": None if pilot_change is None else _date_option("pilot_change", pilot_change),
    }
    return columns, json.dumps(options), None if as_of is None else cell(as_of), file


def _date_option(option: str, value: Any) -> str:
    """A date given as an option (a date, datetime, pandas Timestamp, or text in any
    form a case log's cells may use), as the core's ISO date."""
    day = _cell_date(cell(value))
    if day is None:
        raise invalid(f"{option}: {value!r} is not a date (e.g. 2025-01-06 or 06/01/2025)")
    return day


def report(
    source: Any,
    output: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    title: Optional[str] = None,
    id: str = "id",
    received: str = "received",
    closed: str = "closed",
    type: Optional[str] = None,
    class_: Optional[str] = None,
    channel: Optional[str] = None,
    handoffs: Optional[str] = None,
    linked_to: Optional[str] = None,
    period: Period = "week",
    working_days: Optional[Nation] = None,
    unit: Optional[str] = None,
    time_unit: Optional[TimeUnit] = None,
    closures: Optional[Sequence[str]] = None,
    changes: Optional[Sequence[str]] = None,
    as_of: Optional[str] = None,
    failure_chart: FailureChart = "auto",
    threshold: Optional[float] = None,
    level: float = 0.95,
    pilot: Optional[Union[str, Sequence[str]]] = None,
    pilot_change: Optional[str] = None,
) -> str:
    """The demand report as one self-contained HTML file: the same document
    ``measures report`` writes, from the same renderer.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns, as
    for :func:`demand` (which also describes every option). With ``output`` the HTML
    is written there and the path is returned; without it the HTML is returned.
    ``title`` defaults to the file's name (or "Demand report").

    >>> html = measures.report("examples/repairs-cases.csv", working_days="england-and-wales",
    ...                        changes=["2025-01-06"])
    >>> html.startswith("<!DOCTYPE html>"), "repairs-cases" in html
    (True, True)
    """
    columns, options, as_of_text, file = _demand_inputs(
        source, id, received, closed, type, class_, channel, handoffs, linked_to,
        period, working_days, unit, time_unit, closures, changes, as_of, failure_chart, threshold, level,
        pilot, pilot_change,
    )
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        default_title = os.path.splitext(os.path.basename(name))[0]
    else:
        name = f"a {_type_name(source)}"
        default_title = "Demand report"
    html = _demand_html(cast(Dict[str, Any], columns), title or f"{default_title}: demand and end-to-end time", name, options,
                        as_of_text, None if file is None else file[1])
    if output is None:
        return html
    with open(output, "w", encoding="utf-8") as f:
        f.write(html)
    return os.fspath(output)


def _type_name(obj: Any) -> str:
    return f"{type(obj).__module__.split('.')[0]} {type(obj).__name__}"


class CaseLog:
    """A case log, one row per case, ready for the demand measures.

    ``source`` is a CSV path, a pandas or polars DataFrame, or a dict of columns;
    column names are given as for :func:`demand`. The cells are read and checked
    when a report is made.

    >>> log = measures.CaseLog("examples/repairs-cases.csv")
    >>> log.report(working_days="england-and-wales")["open"]["count"]
    54
    """

    def __init__(self, source: Any, **columns: Optional[str]):
        unknown = set(columns) - {"id", "received", "closed", "type", "class_", "channel", "handoffs", "linked_to",
                                  "unit"}
        if unknown:
            raise invalid(f"unknown column argument(s): {', '.join(sorted(unknown))}")
        self._source = source
        self._columns: Dict[str, Any] = dict(columns)

    def report(self, **options: Any) -> DemandReport:
        """Every demand measure (see :func:`demand` for the options)."""
        return demand(self._source, **self._columns, **options)


