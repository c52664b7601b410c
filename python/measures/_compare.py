"""Did the pilot make a difference? The pilot's units against the rest, each on a
chart with limits frozen on its baseline before the change (docs/compare.md)."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, Optional, Sequence, Union

import numpy as _np

from ._chart import Chart
from ._convert import as_array
from ._demand import _date_option
from ._errors import invalid
from ._groups import _column
from ._native import compare as _compare
from ._options import choice, direction_option, finite

PERIODS = ("day", "week", "month", "quarter")


class Comparison:
    """A pilot compared with the rest: ``verdict`` (``pilot_changed``,
    ``both_changed``, ``rest_changed``, ``no_change_yet``) and ``text`` (the verdict
    in words), ``pilot`` and ``rest`` (each with ``units``, ``before``, ``after``,
    ``periods``, ``changed``, ``side``, ``variation``, ``shift_sigma``, ``holding``
    and its ``chart``), ``difference`` (the difference in differences with its
    interval), ``periods_needed`` and ``notes``. ``comparison["field"]`` reads the
    JSON shape of docs/json.md ("Comparison"); ``pilot_chart`` and ``rest_chart``
    are the groups' charts as :class:`Chart` objects."""

    def __init__(self, native: Any):
        self._native = native
        self._result: Dict[str, Any] = json.loads(native.to_json())

    def __getitem__(self, key: str) -> Any:
        return self._result[key]

    def to_dict(self) -> Dict[str, Any]:
        """The comparison in the JSON shape of docs/json.md ("Comparison")."""
        return self._result

    @property
    def verdict(self) -> str:
        return str(self._result["verdict"])

    @property
    def text(self) -> str:
        return str(self._result["text"])

    @property
    def pilot_chart(self) -> Chart:
        return Chart(self._native.chart("pilot"))

    @property
    def rest_chart(self) -> Chart:
        return Chart(self._native.chart("rest"))

    def to_pandas(self) -> Any:
        """One row per group and period: group, period, value, centre, upper, lower,
        and whether the period is after the change. Needs pandas."""
        import pandas as pd

        frames = []
        for name, chart in (("pilot", self.pilot_chart), ("rest", self.rest_chart)):
            labels = chart._native.labels or [str(i) for i in range(len(chart))]
            frame = pd.DataFrame({
                "group": name,
                "period": pd.to_datetime(labels),
                "value": chart.values,
                "centre": chart.centre,
                "upper": chart.upper,
                "lower": chart.lower,
            })
            frame["after"] = frame["period"] >= pd.Timestamp(self._result["change"])
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def to_svg(self, *, title: Optional[str] = None, y_label: Optional[str] = None,
               width: float = 800, height: float = 380) -> str:
        """Both groups' charts drawn by the Rust renderer (as ``measures compare
        --svg``), the verdict as the drawing's description."""
        return str(self._native.svg(title, y_label, float(width), float(height)))

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def _repr_html_(self) -> str:
        return f"<div>{self.to_svg()}<p style='margin:2px 0 0 0'>{html.escape(self.text)}</p></div>"

    def __repr__(self) -> str:
        return f"<measures.Comparison {self.verdict}: {self.text}>"


def compare(
    data: Any,
    *,
    unit: str,
    pilot: Union[str, Sequence[str]],
    change: Any,
    date: str = "date",
    value: Optional[str] = None,
    numerator: Optional[str] = None,
    denominator: Optional[str] = None,
    period: str = "month",
    aggregate: str = "mean",
    direction: Optional[str] = None,
    level: float = 0.95,
) -> Comparison:
    """Did the pilot make a difference? ``data`` (a pandas, polars or pyarrow frame,
    or a dict of columns) holds one row per case, or per unit and period: ``unit``
    names each row's unit, ``date`` its date, and ``value`` (a time, a score; each
    group's point is the ``aggregate`` of its rows per ``period``) or ``numerator``
    with ``denominator`` (summed per group and period) its measure. ``pilot`` is the
    unit or units that piloted the change begun on ``change``.

    Each group's chart has limits frozen on its periods before the change; a group
    changed when a sustained signal follows the change and its level moved beyond
    chance. The verdict says whether the pilot changed and the rest did not, both
    changed, only the rest did, or no sustained change yet (with how many more
    periods a shift of the size seen takes to show). Method and error rates:
    docs/compare.md.

    >>> rows = {"team": ["A", "B"] * 24, "month": [f"{2023 + m // 12}-{m % 12 + 1:02d}-01" for m in range(24) for _ in (0, 1)],
    ...         "days": [(7.0 if t == 0 and m >= 12 else 10.0) + (0.3, -0.2, 0.1, -0.1)[m % 4] for m in range(24) for t in (0, 1)]}
    >>> measures.compare(rows, unit="team", pilot="A", change="2024-01-01", date="month", value="days").verdict
    'pilot_changed'
    """
    if (value is None) == (numerator is None or denominator is None) or (numerator is None) != (denominator is None):
        raise invalid("give value=, or numerator= with denominator=", "invalid_option")
    choice("period", period, PERIODS)
    choice("aggregate", aggregate, ("mean", "median"))
    direction_name = direction_option(direction)
    pilots = [pilot] if isinstance(pilot, str) else [str(p) for p in pilot]
    names = _column(data, unit)
    units = [str(u) for u in (names.tolist() if hasattr(names, "tolist") else names)]
    dates = _dates(_column(data, date))
    options: Dict[str, Any] = {
        "pilot": pilots,
        "change": _date_option("change", change),
        "period": period,
        "aggregate": aggregate,
        "direction": direction_name,
        "level": finite("level", level),
    }
    if value is not None:
        native = _compare(units, dates, as_array(_column(data, value), value), None, None, json.dumps(options))
    else:
        assert numerator is not None and denominator is not None
        native = _compare(units, dates, None, as_array(_column(data, numerator), numerator),
                          as_array(_column(data, denominator), denominator), json.dumps(options))
    return Comparison(native)


def _dates(column: "_np.ndarray") -> "list[str]":
    """A column of dates as ISO text: numpy datetimes in bulk, anything else as text."""
    if isinstance(column, _np.ndarray) and column.dtype.kind == "M":
        return [str(d) for d in _np.datetime_as_string(column.astype("datetime64[D]"), unit="D")]
    return [str(getattr(d, "isoformat", lambda d=d: d)()) for d in column]


