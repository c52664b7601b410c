"""Turning what analysts hold (lists, numpy arrays, pandas and polars Series) into
what the Rust core reads: contiguous float64 arrays, read in place when they already
are, and labels as text. Bad items are named here, by position."""

from __future__ import annotations

import datetime as _dt
from typing import Any, List, Optional

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


def labels(values: Any) -> Optional[List[str]]:
    """Labels as text; dates (datetime, pandas Timestamp, numpy datetime64) as
    YYYY-MM-DD when they fall at midnight, so date order can be checked."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise invalid("labels must be a sequence, not a string", "invalid_value")
    if hasattr(values, "to_list"):
        values = values.to_list()
    elif isinstance(values, _np.ndarray):
        if values.ndim != 1:
            raise invalid(f"labels must be one-dimensional, not an array of shape {values.shape}", "invalid_value")
        values = list(values)
    try:
        return [_label(v) for v in values]
    except TypeError:
        raise invalid(f"labels must be a sequence, not {type(values).__name__}", "invalid_value") from None
