"""The chart result: numpy columns, the icons, and conversions to pandas, polars,
JSON, a matplotlib figure and notebook HTML."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, List, Optional

import numpy as _np

from ._errors import invalid


class Chart:
    """A control or run chart, as the Rust core computed it.

    Per point (numpy arrays): ``values``, ``centre``, ``upper``, ``lower``, ``sigma``,
    ``phase``, ``excluded``, ``point_type``; ``signals`` lists each point's rules.
    Per signal: ``spans`` (rule, side, phase, first and last point, as columns).
    Per chart: ``chart_type``, ``variation`` and ``assurance`` (Making Data Count's
    icons, as strings), ``phases``, ``notes``, ``companion`` (the moving-range, R or
    S chart, or None).

    The chart stays in Rust: columns are copied out once, on first use, and the JSON
    shape of docs/json.md is made only when asked for. ``chart["field"]`` reads that
    JSON shape, as ``to_dict()`` returns it, so results compare equal to the
    ``measures`` command's output.
    """

    def __init__(self, native: Any, dates: Optional["_np.ndarray"] = None, name: Optional[str] = None):
        self._native = native
        #: The measure charted (the column or Series name), for titles and axes.
        self.name = name
        # The labels as numpy datetime64 when they came in as a column of dates:
        # to_pandas and to_polars index by them without reading text back.
        self._dates = dates
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

    def _broadcast(self, column: Any, dtype: Any) -> "_np.ndarray":
        # A column constant over a long chart (every XmR line without phases, the
        # phase of a one-phase chart) reaches numpy as a read-only broadcast of its
        # one value: no column of n copies. (Made as an array of stride 0 over the
        # value, what np.broadcast_to makes, in a third of its time.)
        if isinstance(column, _np.ndarray):
            return column
        line = _np.ndarray((len(self._native),), dtype, _np.array([column], dtype), 0, (0,))
        line.flags.writeable = False
        return line

    def _line(self, name: str) -> "_np.ndarray":
        return self._broadcast(self._native.line(name), _np.float64)

    @property
    def centre(self) -> "_np.ndarray":
        return self._cached("centre", lambda: self._line("centre"))

    @property
    def upper(self) -> "_np.ndarray":
        return self._cached("upper", lambda: self._line("upper"))

    @property
    def lower(self) -> "_np.ndarray":
        return self._cached("lower", lambda: self._line("lower"))

    @property
    def sigma(self) -> "_np.ndarray":
        return self._cached("sigma", lambda: self._line("sigma"))

    @property
    def phase(self) -> "_np.ndarray":
        return self._cached("phase", lambda: self._broadcast(self._native.phase(), _np.int64))

    @property
    def excluded(self) -> "_np.ndarray":
        return self._cached("excluded", lambda: self._broadcast(self._native.excluded(), _np.bool_))

    @property
    def point_type(self) -> "_np.ndarray":
        def make() -> "_np.ndarray":
            names, codes = self._codes()[0]
            return _np.asarray(names, dtype=object)[codes]

        return self._cached("point_type", make)

    @property
    def signals(self) -> List[List[str]]:
        return self._cached("signals", self._native.point_signals)

    @property
    def spans(self) -> Dict[str, "_np.ndarray"]:
        """The special-cause signals as spans, in columns (one row per signal,
        ordered by first point): ``rule`` (its name), ``side`` (``"high"``,
        ``"low"`` or ``""`` for rules without one), ``phase``, ``first`` and ``last``
        (zero-based points, inclusive). ``pandas.DataFrame(chart.spans)`` is a table
        of them; ``signals`` gives, per point, the rules it takes part in.

        >>> chart = measures.xmr([5, 6] * 6 + [7] * 8 + [20])
        >>> [(str(r), int(a), int(b)) for r, a, b in zip(chart.spans["rule"], chart.spans["first"],
        ...  chart.spans["last"]) if r == "shift"]
        [('shift', 0, 11), ('shift', 12, 20)]
        """

        def make() -> Dict[str, "_np.ndarray"]:
            names, rule, side, phase, first, last = self._native.signal_spans()
            sides = _np.array(["low", "", "high"])
            columns = {
                "rule": _np.array(names, dtype=str)[rule] if names else _np.array([], dtype=str),
                "side": sides[side.astype(_np.int64) + 1],
                "phase": phase,
                "first": first,
                "last": last,
            }
            for column in columns.values():
                column.flags.writeable = False
            return columns

        return self._cached("spans", make)

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

    def suggested_phases(self, *, min_points: int = 12, z: Optional[float] = None) -> List[Dict[str, Any]]:
        """Where the system changed: phase starts suggested from the chart's
        sustained signals (a shift, run or trend, also read against limits from each
        phase's first ``min_points`` points), each confirmed by a fresh phase of at
        least ``min_points`` points that is itself stable and a change of level of at
        least ``z`` standard errors (by default a 5% false-alarm rate shared among
        the places the chart could be split). Never applied: pass a suggestion's
        ``label`` (or ``start``) in ``phases=`` to recalculate the limits from it.

        Each suggestion: ``start`` (0-based point), ``label``, ``rule`` and ``side``
        of the signal, ``signal`` (its first and last points), ``from_baseline``,
        ``centre_before``, ``centre_after``, ``z``, ``points`` (before, after) and
        ``text``. Method and error rates: docs/phase-suggestions.md.

        >>> days = [18, 17, 19, 18, 16, 18, 17, 19, 18, 17, 18, 19, 17, 18,
        ...         11, 10, 12, 11, 10, 11, 12, 10, 11, 11, 10, 12, 11, 10]
        >>> [s["start"] for s in measures.xmr(days).suggested_phases()]
        [14]
        """
        if isinstance(min_points, bool) or not isinstance(min_points, int) or min_points < 2:
            raise invalid(f"min_points must be a whole number of 2 or more, not {min_points!r}", "invalid_option")
        if z is not None and (isinstance(z, bool) or not isinstance(z, (int, float)) or not _np.isfinite(z) or z <= 0):
            raise invalid(f"z must be a positive number or None, not {z!r}", "invalid_option")
        options = {"min_points": min_points, "z": None if z is None else float(z)}
        found = json.loads(self._native.suggested_phases(json.dumps(options)))
        return list(found["suggestions"])

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

    def _codes(self) -> Any:
        """Point types and each point's rules as codes with their categories."""

        def make() -> Any:
            return self._native.point_type_codes(), self._native.point_rule_codes()

        return self._cached("codes", make)

    def _columns(self) -> Dict[str, Any]:
        (types, type_codes), (rules, rule_codes) = self._codes()
        return {
            "value": self.values,
            "centre": self.centre,
            "upper": self.upper,
            "lower": self.lower,
            "sigma": self.sigma,
            "phase": self.phase,
            "excluded": self.excluded,
            "point_type": (types, type_codes),
            "special_cause": rule_codes != 0,
            "signals": (rules, rule_codes),
        }

    def _label_dates(self) -> Optional["_np.ndarray"]:
        """The labels as datetime64: as given in bulk, or read from text when every
        label is an ISO date (None otherwise)."""
        if self._dates is not None:
            return self._dates
        labels = self.labels
        if labels is None:
            return None
        try:
            dates = _np.array(labels, dtype="datetime64")
        except ValueError:
            return None
        return None if _np.isnat(dates).any() else dates

    def to_pandas(self) -> Any:
        """One row per point (tidy), indexed by the labels (a DatetimeIndex when they
        are dates); ``point_type`` and ``signals`` (each point's rules, joined by
        commas) are categoricals. Needs pandas."""
        import pandas as pd

        columns = {
            name: pd.Categorical.from_codes(col[1], col[0]) if isinstance(col, tuple) else col
            for name, col in self._columns().items()
        }
        frame = pd.DataFrame(columns, copy=False)
        if self._dates is not None or self.labels is not None:
            dates = self._label_dates()
            if dates is not None:
                frame.index = pd.DatetimeIndex(dates, name="label")
            else:
                frame.index = pd.Index(self.labels, name="label")
        return frame

    def to_polars(self) -> Any:
        """One row per point, with a ``label`` column (dates when the labels are
        dates); ``point_type`` and ``signals`` are categoricals. Needs polars."""
        import polars as pl

        columns: Dict[str, Any] = {}
        if self._dates is not None or self.labels is not None:
            dates = self._label_dates()
            columns["label"] = pl.Series("label", dates if dates is not None else self.labels)
        for name, col in self._columns().items():
            if isinstance(col, tuple):
                categories, codes = col
                columns[name] = pl.Series(name, _np.asarray(categories, dtype=object)[codes], dtype=pl.Categorical)
            else:
                columns[name] = pl.Series(name, _np.ascontiguousarray(col))
        return pl.DataFrame(columns)

    def plot(self, ax: Any = None, *, title: Optional[str] = None, y_label: Optional[str] = None) -> Any:
        """Draw the chart Making-Data-Count style with matplotlib (imported only
        now): the data with its points, mean and process limits per phase, special
        causes coloured by improving (blue), concerning (orange) or neither (purple),
        and the target, with a legend of what is drawn. The title names the measure
        (``title``, else the column or Series charted, with the chart type); the
        y axis is labelled ``y_label`` (else the measure's name). Returns the axes."""
        from ._plot import draw

        return draw(self, ax=ax, title=title, y_label=y_label)

    def to_svg(self, *, title: Optional[str] = None, y_label: Optional[str] = None,
               width: float = 800, height: float = 380) -> str:
        """The chart drawn by the Rust renderer (the same picture as
        ``measures <chart> --svg`` and the C ABI), as an SVG document."""
        return self._native.svg(title, y_label, float(width), float(height))

    def _title(self) -> str:
        kind = _KIND_NAMES.get(self.chart_type, self.chart_type.replace("_", " "))
        return f"{self.name} ({kind} chart)" if self.name else f"{kind} chart"

    def summary(self) -> str:
        """One line: the chart, its size, the latest phase's centre and limits, and
        the icons in words.

        >>> measures.xmr([49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]).summary()
        'XmR chart: 10 points, 1 phase; centre 50.81, limits 45.82 to 55.8; common cause'
        """

        def fmt(x: Any) -> str:
            return "–" if x is None else f"{x:.4g}"

        phases = self.phases
        latest = phases[-1] if phases else {}
        parts = [f"{len(self)} points, {len(phases)} phase{'s' if len(phases) != 1 else ''}"]
        if latest.get("centre") is not None:
            centre = f"centre {fmt(latest['centre'])}"
            if latest.get("upper") is not None or latest.get("lower") is not None:
                centre += f", limits {fmt(latest.get('lower'))} to {fmt(latest.get('upper'))}"
            parts.append(centre)
        icons = self.variation.replace("_", " ")
        if self.assurance:
            icons += "; " + self.assurance.replace("_", " ")
        parts.append(icons)
        return f"{self._title()}: " + "; ".join(parts)

    def _repr_svg_(self) -> str:
        return self.to_svg(title=self._title(), y_label=self.name)

    def _repr_html_(self) -> str:
        # The chart itself, with a line saying what it shows under it (and the notes).
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<div>{self._repr_svg_()}<p style='margin:2px 0 0 0'>{html.escape(self.summary())}</p>"
            + (f"<ul style='margin:2px 0'>{notes}</ul>" if notes else "")
            + "</div>"
        )


#: Chart types as people write them.
_KIND_NAMES = {
    "xmr": "XmR",
    "run": "run",
    "p": "p",
    "np": "np",
    "c": "c",
    "u": "u",
    "p_prime": "Laney p′",
    "u_prime": "Laney u′",
    "t": "t",
    "g": "g",
    "cusum": "CUSUM",
    "ewma": "EWMA",
    "xbar_r": "X-bar and R",
    "xbar_s": "X-bar and S",
    "moving_range": "moving range",
    "range": "R",
    "std_dev": "S",
    "transformed_xmr": "transformed XmR",
}
