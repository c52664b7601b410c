"""Turning what analysts hold (lists, numpy arrays, pandas and polars Series) into
what the Rust core reads: contiguous float64 arrays, read in place when they already
are, and labels as text. Bad items are named here, by position."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterator, List, Optional, Sequence

import numpy as _np

from ._errors import invalid
from ._native import InvalidInput
from ._native import cell_number as _cell_number


_BOOLEANS = (
    "{name} holds True/False, not numbers: count them per period first "
    "(or pass them with .astype(float) if 0 and 1 are meant)"
)


def as_array(values: Any, name: str = "values") -> "_np.ndarray":
    """A one-dimensional contiguous float64 array of ``values``; no copy when it
    already is one (numpy input, a float64 pandas Series)."""
    if values is None:
        raise invalid(f"{name} is None; give a sequence of numbers", "invalid_value")
    if isinstance(values, (str, bytes)):
        raise invalid(f"{name} must be a sequence of numbers, not a string", "invalid_value")
    if isinstance(values, _np.ma.MaskedArray):
        # Masked items are missing: NaN, never the data hidden under the mask.
        if values.dtype.kind == "b":
            raise invalid(_BOOLEANS.format(name=name), "invalid_value")
        values = _np.ma.filled(values.astype(_np.float64), _np.nan)
    elif isinstance(values, _np.ndarray):
        pass
    elif type(values).__module__.startswith("pyarrow") or (
        not hasattr(values, "to_numpy")
        and (hasattr(values, "__arrow_c_array__") or hasattr(values, "__arrow_c_stream__"))
    ):
        values = from_arrow(values, name)
    if hasattr(values, "to_numpy") and not isinstance(values, _np.ndarray):
        try:
            values = values.to_numpy()  # pandas and polars Series
        except Exception:  # pragma: no cover - exotic Series types
            pass
    try:
        array = _np.asarray(values)
    except Exception as e:  # ragged nested lists and the like
        raise invalid(f"{name} cannot be read as numbers: {e}", "invalid_value") from None
    if array.ndim == 0:
        raise invalid(f"{name} must be a sequence of numbers, not {type(values).__name__}", "invalid_value")
    if array.ndim != 1:
        raise invalid(f"{name} must be one-dimensional, not an array of shape {array.shape}", "invalid_value")
    if array.dtype.kind == "b":
        # As a list's True and False are refused, so is a boolean array.
        raise invalid(_BOOLEANS.format(name=name), "invalid_value")
    if array.dtype.kind in "fiu":
        return _np.ascontiguousarray(array, dtype=_np.float64)
    # Objects (None, pandas NA, mixed types) or text: missing items (None, NaN,
    # pandas NA and NaT) become NaN, which the core keeps as gaps; name the first item
    # that is not a number, looking at the items as given (numpy would turn 1.0 into "1.0").
    items = _np.asarray(values, dtype=object)
    out = _np.empty(len(items), dtype=_np.float64)
    for i, item in enumerate(items.tolist()):
        if is_missing(item):
            out[i] = _np.nan
            continue
        if isinstance(item, str):
            # Text cells read as the CSV reader reads them: "1,948", "NA", "-".
            try:
                number = _cell_number(item)
            except InvalidInput:
                raise invalid(f"{name}[{i}] is not a number: {item!r}", "invalid_value") from None
            out[i] = _np.nan if number is None else number
            continue
        if isinstance(item, (bytes, bool)):
            raise invalid(f"{name}[{i}] is not a number: {item!r}", "invalid_value")
        try:
            out[i] = float(item)
        except (TypeError, ValueError):
            raise invalid(f"{name}[{i}] is not a number: {item!r}", "invalid_value") from None
    return out


def is_missing(item: Any) -> bool:
    """None, a float NaN, pandas NA or NaT: a missing value."""
    if item is None:
        return True
    if isinstance(item, float):
        return item != item
    if type(item).__name__ in ("NAType", "NaTType"):
        return True
    return False


def from_arrow(values: Any, name: str) -> "_np.ndarray":
    """An Arrow array or stream (anything with the Arrow PyCapsule interface:
    pyarrow, polars, nanoarrow, arro3, ...) as numpy, without copying a single
    float64 chunk that has no nulls."""
    try:
        import pyarrow as pa
    except ImportError:
        raise invalid(f"{name} is an Arrow array: reading it needs pyarrow (pip install pyarrow)", "invalid_value") from None
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        array = values
    elif hasattr(values, "__arrow_c_array__"):
        array = pa.array(values)
    else:
        array = pa.chunked_array(values)
    if isinstance(array, pa.ChunkedArray) and array.num_chunks == 1:
        array = array.chunk(0)
    if not (pa.types.is_floating(array.type) or pa.types.is_integer(array.type)):
        raise invalid(f"{name} must hold numbers, not Arrow {array.type}", "invalid_value")
    if array.null_count:
        # Nulls are missing values: NaN, which the core keeps as gaps.
        return _np.asarray(array.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=_np.float64)
    return array.to_numpy(zero_copy_only=False)


def _label(item: Any) -> str:
    if isinstance(item, _np.datetime64):
        return str(_np.datetime_as_string(item, unit="D" if item == item.astype("datetime64[D]") else "s"))
    if isinstance(item, _dt.datetime):
        if (item.hour, item.minute, item.second, item.microsecond) == (0, 0, 0, 0) and item.tzinfo is None:
            return item.date().isoformat()
        return item.isoformat()
    if isinstance(item, _dt.date):
        return item.isoformat()
    return str(item)


class LabelColumn(Sequence[str]):
    """Point labels on their way to the core: text, or dates held as numbers
    (``native`` is then ``(unit, int64 array)`` with numpy's unit of the
    ``datetime64`` stamps, which the core reads as dates or times) until text is asked for. ``dates`` keeps the dates as numpy
    ``datetime64`` for ``to_pandas`` to index by, without reading text back."""

    def __init__(self, native: Any, dates: Optional["_np.ndarray"] = None):
        self.native = native
        self.dates = dates
        self._text: Optional[List[str]] = None if isinstance(native, tuple) else native

    def text(self) -> List[str]:
        if self._text is None:
            unit, stamps = self.native
            stamps = stamps.view(f"datetime64[{unit}]")
            whole_days = bool((stamps == stamps.astype("datetime64[D]")).all())
            text = _np.datetime_as_string(stamps, unit="D" if whole_days else "s")
            self._text = text.tolist()
        return self._text

    def __len__(self) -> int:
        return len(self.native[1]) if self._text is None else len(self._text)

    def __getitem__(self, i: Any) -> Any:
        return self.text()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self.text())

    def __contains__(self, item: object) -> bool:
        return item in self.text()


def _dates_in_bulk(values: Any) -> Optional["_np.ndarray"]:
    """``values`` as numpy ``datetime64`` when they are a column of dates with no
    time zone and none missing (numpy, pandas, polars or Arrow), else None."""
    dtype = getattr(values, "dtype", None)
    if dtype is None:
        return None
    if type(values).__module__.startswith(("pyarrow", "polars")):
        try:
            values = values.to_numpy()
        except Exception:  # pragma: no cover - exotic columns
            return None
    elif hasattr(values, "to_numpy") and not isinstance(values, _np.ndarray):
        if getattr(dtype, "tz", None) is not None:
            return None  # time-zoned: each label keeps its offset (item by item)
        try:
            values = values.to_numpy()
        except Exception:  # pragma: no cover
            return None
    if not isinstance(values, _np.ndarray) or values.dtype.kind != "M" or values.ndim != 1:
        return None
    missing = _np.flatnonzero(_np.isnat(values))
    if missing.size:
        raise invalid(f"labels: item {int(missing[0])} is missing (NaT); every point needs its date", "invalid_value")
    return values


def labels(values: Any) -> Optional[LabelColumn]:
    """Labels as text; dates (datetime, pandas Timestamp, numpy datetime64) as
    YYYY-MM-DD when they fall at midnight, so date order can be checked. A column
    of dates (numpy datetime64, a pandas DatetimeIndex or Series, a polars or Arrow
    column of dates) and a list of text pass to the core in bulk."""
    if values is None:
        return None
    if isinstance(values, LabelColumn):
        return values
    if isinstance(values, (str, bytes)):
        raise invalid("labels must be a sequence, not a string", "invalid_value")
    dates = _dates_in_bulk(values)
    if dates is not None:
        # The stamps as integers in their own unit: the core reads them once, as
        # dates when all are whole days, else as times to the second.
        unit = _np.datetime_data(dates.dtype)[0]
        if unit not in ("D", "s", "ms", "us", "ns"):
            dates, unit = dates.astype("datetime64[s]"), "s"
        return LabelColumn((unit, _np.ascontiguousarray(dates).view(_np.int64)), dates)
    if hasattr(values, "to_list"):
        values = values.to_list()
    elif isinstance(values, _np.ndarray):
        if values.ndim != 1:
            raise invalid(f"labels must be one-dimensional, not an array of shape {values.shape}", "invalid_value")
        values = values.tolist() if values.dtype.kind in "OUS" else list(values)
    if isinstance(values, list) and all(type(v) is str for v in values):
        return LabelColumn(values)
    try:
        return LabelColumn([_label(v) for v in values])
    except TypeError:
        raise invalid(f"labels must be a sequence, not {type(values).__name__}", "invalid_value") from None
