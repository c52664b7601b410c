"""The chart result: numpy columns, the icons, and conversions to pandas, polars,
JSON, a matplotlib figure and notebook HTML."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, List, Optional

import numpy as _np


class Chart:
    """A control or run chart, as the Rust core computed it.

    Per point (numpy arrays): ``values``, ``centre``, ``upper``, ``lower``, ``sigma``,
    ``phase``, ``excluded``, ``point_type``; ``signals`` lists each point's rules.
    Per chart: ``chart_type``, ``variation`` and ``assurance`` (Making Data Count's
    icons, as strings), ``phases``, ``notes``, ``companion`` (the moving-range, R or
    S chart, or None).

    The chart stays in Rust: columns are copied out once, on first use, and the JSON
    shape of docs/json.md is made only when asked for. ``chart["field"]`` reads that
    JSON shape, as ``to_dict()`` returns it, so results compare equal to the
    ``measures`` command's output.
    """

    def __init__(self, native: Any):
        self._native = native
        self._cache: Dict[str, Any] = {}

    def _cached(self, key: str, make: Any) -> Any:
        value = self._cache.get(key)
        if value is None:
            value = make()
            if isinstance(value, _np.ndarray):
                # Read-only: writing to it could not change the chart, its JSON or
                # its drawing, so it is not allowed to look as if it did.
                value.flags.writeable = False
            self._cache[key] = value
        return value

    @property
    def chart_type(self) -> str:
        return self._native.chart_type

    @property
    def labels(self) -> Optional[List[str]]:
        return self._cached("labels", lambda: self._native.labels or False) or None

    @property
    def values(self) -> "_np.ndarray":
        return self._cached("values", lambda: self._native.column("values"))

    @property
    def centre(self) -> "_np.ndarray":
        return self._cached("centre", lambda: self._native.column("centre"))

    @property
    def upper(self) -> "_np.ndarray":
        return self._cached("upper", lambda: self._native.column("upper"))

    @property
    def lower(self) -> "_np.ndarray":
        return self._cached("lower", lambda: self._native.column("lower"))

    @property
    def sigma(self) -> "_np.ndarray":
        return self._cached("sigma", lambda: self._native.column("sigma"))

    @property
    def phase(self) -> "_np.ndarray":
        return self._cached("phase", self._native.phase)

    @property
    def excluded(self) -> "_np.ndarray":
        return self._cached("excluded", self._native.excluded)

    @property
    def point_type(self) -> "_np.ndarray":
        return self._cached("point_type", lambda: _np.array(self._native.point_type(), dtype=object))

    @property
    def signals(self) -> List[List[str]]:
        return self._cached("signals", self._native.point_signals)

    @property
    def variation(self) -> str:
        return self._native.variation

    @property
    def assurance(self) -> Optional[str]:
        return self._native.assurance

    @property
    def phases(self) -> List[Dict[str, Any]]:
        return self.to_dict()["phases"]

    @property
    def notes(self) -> List[str]:
        return self.to_dict()["notes"]

    @property
    def companion(self) -> Optional["Chart"]:
        def make() -> Any:
            native = self._native.companion()
            return False if native is None else Chart(native)

        return self._cached("companion", make) or None

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __len__(self) -> int:
        return len(self.values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Chart):
            return self.to_dict() == other.to_dict()
        return self.to_dict() == other

    def __repr__(self) -> str:
        return (
            f"<measures.Chart {self.chart_type}: {len(self)} points, {len(self.phases)} phase(s), "
            f"variation={self.variation}, assurance={self.assurance}>"
        )

    def to_dict(self) -> Dict[str, Any]:
        """The chart in the JSON shape of docs/json.md (made on first use, then the
        same object each call)."""
        return self._cached("dict", lambda: json.loads(self._native.to_json()))

    def to_json(self, **kwargs: Any) -> str:
        """The chart as JSON text, as ``measures <chart> --format json`` prints it."""
        return self._native.to_json() if not kwargs else json.dumps(self.to_dict(), **kwargs)

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

    def to_pandas(self) -> Any:
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

    def to_polars(self) -> Any:
        """One row per point, with a ``label`` column; needs polars."""
        import polars as pl

        columns = self._columns()
        if self.labels is not None:
            columns = {"label": self.labels, **columns}
        return pl.DataFrame(columns)

    def plot(self, ax: Any = None, *, title: Optional[str] = None) -> Any:
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
        return self._native.svg(title, y_label, float(width), float(height))

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
            ("signals", str(len(self.to_dict()["signals"]))),
            ("variation", self.variation.replace("_", " ")),
            ("assurance", (self.assurance or "none").replace("_", " ")),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return f"<table>{body}</table>" + (f"<ul>{notes}</ul>" if notes else "")
