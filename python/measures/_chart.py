"""The chart result: numpy columns, the icons, and conversions to pandas, polars,
JSON, a matplotlib figure and notebook HTML."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, List, Optional

import numpy as _np


def _column(points: List[Dict[str, Any]], key: str) -> "_np.ndarray":
    return _np.array([_np.nan if p[key] is None else p[key] for p in points], dtype=_np.float64)


class Chart:
    """A control or run chart, as the Rust core computed it.

    Per point (numpy arrays): ``values``, ``centre``, ``upper``, ``lower``, ``sigma``,
    ``phase``, ``excluded``, ``point_type``; ``signals`` lists each point's rules.
    Per chart: ``chart_type``, ``variation`` and ``assurance`` (Making Data Count's
    icons, as strings), ``phases``, ``notes``, ``companion`` (the moving-range, R or
    S chart, or None).

    ``chart["field"]`` reads the JSON shape of docs/json.md, as ``to_dict()`` returns
    it, so results compare equal to the ``measures`` command's output.
    """

    def __init__(self, data: Dict[str, Any]):
        self._data = data
        points = data["points"]
        self.chart_type: str = data["chart_type"]
        self.labels: Optional[List[Optional[str]]] = (
            [p["label"] for p in points] if points and points[0]["label"] is not None else None
        )
        self.values = _column(points, "value")
        self.centre = _column(points, "centre")
        self.upper = _column(points, "upper")
        self.lower = _column(points, "lower")
        self.sigma = _column(points, "sigma")
        self.phase = _np.array([p["phase"] for p in points], dtype=_np.int64)
        self.excluded = _np.array([p["excluded"] for p in points], dtype=bool)
        self.point_type = _np.array([p["point_type"] for p in points], dtype=object)
        rules = [s["rule"] for s in data["signals"]]
        self.signals: List[List[str]] = [[rules[k] for k in p["signals"]] for p in points]
        self.variation: str = data["variation"]
        self.assurance: Optional[str] = data["assurance"]
        self.phases: List[Dict[str, Any]] = data["phases"]
        self.notes: List[str] = data["notes"]
        self.companion: Optional[Chart] = Chart(data["companion"]) if data.get("companion") else None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __len__(self) -> int:
        return len(self.values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Chart):
            return self._data == other._data
        return self._data == other

    def __repr__(self) -> str:
        return (
            f"<measures.Chart {self.chart_type}: {len(self)} points, {len(self.phases)} phase(s), "
            f"variation={self.variation}, assurance={self.assurance}>"
        )

    def to_dict(self) -> Dict[str, Any]:
        """The chart in the JSON shape of docs/json.md (the same object each call)."""
        return self._data

    def to_json(self, **kwargs: Any) -> str:
        """The chart as JSON text, as ``measures <chart> --format json`` prints it."""
        return json.dumps(self._data, **kwargs)

    def _columns(self) -> Dict[str, Any]:
        return {
            "value": self.values,
            "centre": self.centre,
            "upper": self.upper,
            "lower": self.lower,
            "sigma": self.sigma,
            "phase": self.phase,
            "excluded": self.excluded,
            "point_type": self.point_type.astype(str),
            "special_cause": _np.array([bool(s) for s in self.signals]),
            "signals": [",".join(s) for s in self.signals],
        }

    def to_pandas(self):
        """One row per point (tidy), indexed by the labels (as dates when they are
        dates); needs pandas."""
        import pandas as pd

        frame = pd.DataFrame(self._columns())
        if self.labels is not None:
            index = pd.Index(self.labels, name="label")
            try:
                index = pd.DatetimeIndex(pd.to_datetime(self.labels, format="ISO8601"), name="label")
            except (ValueError, TypeError):
                pass
            frame.index = index
        return frame

    def to_polars(self):
        """One row per point, with a ``label`` column; needs polars."""
        import polars as pl

        columns = self._columns()
        if self.labels is not None:
            columns = {"label": self.labels, **columns}
        return pl.DataFrame(columns)

    def plot(self, ax=None, *, title: Optional[str] = None):
        """Draw the chart Making-Data-Count style with matplotlib (imported only
        now): the data with its points, mean and process limits per phase, special
        causes coloured by improving (blue), concerning (orange) or neither (purple),
        and the target. Returns the axes."""
        from ._plot import draw

        return draw(self, ax=ax, title=title)

    def to_svg(self, *, title: Optional[str] = None, y_label: Optional[str] = None,
               width: float = 800, height: float = 380) -> str:
        """The chart drawn by the Rust renderer (the same picture as
        ``measures <chart> --svg`` and the C ABI), as an SVG document."""
        from ._native import chart_svg

        return chart_svg(json.dumps(self._data), title, y_label, float(width), float(height))

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def _repr_html_(self) -> str:
        latest = self.phases[-1] if self.phases else {}

        def fmt(x: Any) -> str:
            return "–" if x is None else f"{x:.4g}"

        rows = [
            ("chart", self.chart_type),
            ("points", str(len(self))),
            ("phases", str(len(self.phases))),
            ("centre (latest phase)", fmt(latest.get("centre"))),
            ("limits (latest phase)", f"{fmt(latest.get('lower'))} to {fmt(latest.get('upper'))}"),
            ("signals", str(len(self._data["signals"]))),
            ("variation", self.variation.replace("_", " ")),
            ("assurance", (self.assurance or "none").replace("_", " ")),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return f"<table>{body}</table>" + (f"<ul>{notes}</ul>" if notes else "")
