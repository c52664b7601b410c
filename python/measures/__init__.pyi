import os
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy

from ._native import InvalidInput as InvalidInput
from ._native import MeasuresError as MeasuresError
from ._native import TooFewPoints as TooFewPoints
from ._native import __version__ as __version__

Point = Union[int, str]

class Chart:
    """A chart computed by the Rust core: numpy columns, icons, conversions."""

    chart_type: str
    labels: Optional[List[Optional[str]]]
    values: numpy.ndarray
    centre: numpy.ndarray
    upper: numpy.ndarray
    lower: numpy.ndarray
    sigma: numpy.ndarray
    phase: numpy.ndarray
    excluded: numpy.ndarray
    point_type: numpy.ndarray
    signals: List[List[str]]
    variation: str
    assurance: Optional[str]
    phases: List[Dict[str, Any]]
    notes: List[str]
    companion: Optional["Chart"]
    def __init__(self, data: Dict[str, Any]) -> None: ...
    def __getitem__(self, key: str) -> Any: ...
    def __len__(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The chart in the JSON shape of docs/json.md."""
        ...
    def to_json(self, **kwargs: Any) -> str:
        """The chart as JSON text, as the measures command prints it."""
        ...
    def to_pandas(self) -> Any:
        """One row per point, indexed by the labels (dates when they are dates)."""
        ...
    def to_polars(self) -> Any:
        """One row per point, with a label column."""
        ...
    def plot(self, ax: Any = ..., *, title: Optional[str] = ...) -> Any:
        """Draw the chart Making-Data-Count style with matplotlib; returns the axes."""
        ...
    def to_svg(self, *, title: Optional[str] = ..., y_label: Optional[str] = ..., width: float = ..., height: float = ...) -> str:
        """The chart as an SVG document, drawn by the Rust renderer."""
        ...
    def _repr_svg_(self) -> str: ...
    def _repr_html_(self) -> str: ...

class CaseLog:
    """A case log (CSV path, pandas or polars DataFrame, or dict of columns)."""

    def __init__(self, source: Any, **columns: Optional[str]) -> None: ...
    def report(self, **options: Any) -> Dict[str, Any]:
        """Every demand measure; options as for demand()."""
        ...

def xmr_by(frame: Any, value: str, by: Union[str, Sequence[str]], label: Optional[str] = ..., **options: Any) -> Any:
    """One XmR chart per group, in one call to the core, as a tidy DataFrame."""
    ...

def summary(frame: Any, value: str, by: Union[str, Sequence[str]], label: Optional[str] = ..., **options: Any) -> Any:
    """One row per measure with its latest point, limits and icons."""
    ...

def xmr(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: str = "mean",
    moving_range: str = "mean",
    constant: str = "nhs",
    screen: bool = True,
) -> Chart: ...
def run(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def xbar_r(
    subgroups: Sequence[Sequence[float]],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def xbar_s(
    subgroups: Sequence[Sequence[float]],
    labels: Optional[Sequence[Any]] = None,
    *,
    estimator: str = "auto",
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def p(
    numerators: Sequence[float],
    denominators: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def np(
    numerators: Sequence[float],
    denominators: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def u(
    numerators: Sequence[float],
    denominators: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def p_prime(
    numerators: Sequence[float],
    denominators: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    screen: bool = False,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def u_prime(
    numerators: Sequence[float],
    denominators: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    screen: bool = False,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def c(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
) -> Chart: ...
def g(
    counts: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: str = ...,
) -> Chart: ...
def t(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    direction: Optional[str] = None,
    target: Optional[float] = None,
    rules: Optional[str] = None,
    shift: Optional[int] = None,
    trend: Optional[int] = None,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    centre: str = "mean",
    moving_range: str = "mean",
    constant: str = "nhs",
    screen: bool = True,
) -> Chart: ...
def cusum(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    sizes: Optional[Sequence[float]] = None,
    mean: Optional[float] = None,
    sigma: Optional[float] = None,
    k: float = 0.5,
    h: float = 5.0,
    head_start: float = 0.0,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    direction: Optional[str] = None,
) -> Chart: ...
def ewma(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    *,
    sizes: Optional[Sequence[float]] = None,
    mean: Optional[float] = None,
    sigma: Optional[float] = None,
    lam: float = 0.2,
    l: float = 3.0,
    phases: Optional[Sequence[Point]] = None,
    baseline: Optional[Union[int, str]] = None,
    exclude: Optional[Sequence[Point]] = None,
    direction: Optional[str] = None,
) -> Chart: ...

def capability(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = ...,
    *,
    lsl: Optional[float] = ...,
    usl: Optional[float] = ...,
    target: Optional[float] = ...,
    level: float = ...,
    method: str = ...,
    lam: Optional[float] = ...,
    threshold: Optional[float] = ...,
    direction: Optional[str] = ...,
    floor: Optional[float] = ...,
    unit: str = ...,
    phase: Optional[int] = ...,
    rules: Optional[str] = ...,
    shift: Optional[int] = ...,
    trend: Optional[int] = ...,
    phases: Optional[Sequence[Point]] = ...,
    baseline: Optional[Union[int, str]] = ...,
    exclude: Optional[Sequence[Point]] = ...,
) -> Dict[str, Any]:
    """What a process predictably delivers (statement), normality, indices and share within a threshold."""
    ...

def demand(
    source: Any,
    *,
    id: str = ...,
    received: str = ...,
    closed: str = ...,
    type: Optional[str] = ...,
    class_: Optional[str] = ...,
    channel: Optional[str] = ...,
    handoffs: Optional[str] = ...,
    linked_to: Optional[str] = ...,
    period: str = ...,
    working_days: Optional[str] = ...,
    unit: Optional[str] = ...,
    closures: Optional[Sequence[str]] = ...,
    changes: Optional[Sequence[str]] = ...,
    as_of: Optional[str] = ...,
    failure_chart: str = ...,
    threshold: Optional[float] = ...,
    level: float = ...,
) -> Dict[str, Any]:
    """Every demand measure of a case log (CSV path, pandas/polars DataFrame or dict of columns)."""
    ...

def report(
    source: Any,
    output: Optional[Union[str, "os.PathLike[str]"]] = ...,
    *,
    title: Optional[str] = ...,
    id: str = ...,
    received: str = ...,
    closed: str = ...,
    type: Optional[str] = ...,
    class_: Optional[str] = ...,
    channel: Optional[str] = ...,
    handoffs: Optional[str] = ...,
    linked_to: Optional[str] = ...,
    period: str = ...,
    working_days: Optional[str] = ...,
    unit: Optional[str] = ...,
    closures: Optional[Sequence[str]] = ...,
    changes: Optional[Sequence[str]] = ...,
    as_of: Optional[str] = ...,
    failure_chart: str = ...,
    threshold: Optional[float] = ...,
    level: float = ...,
) -> str:
    """The demand report as HTML (the document `measures report` writes); written to `output` when given."""
    ...
