"""The Rust extension: the core's chart, capability and demand entry points, the
CSV reader and the cell readers, as the Python package calls them. Checked against
the built module by mypy.stubtest (python/tests/test_types.py)."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, final

import numpy

__all__ = [
    "MeasuresError",
    "InvalidInput",
    "TooFewPoints",
    "chart",
    "NativeChart",
    "capability",
    "demand",
    "demand_file",
    "demand_html",
    "funnel_json",
    "funnel_svg",
    "compare",
    "NativeComparison",
    "xmr_groups",
    "buffer_address",
    "parallel_enabled",
    "read_csv",
    "match_columns",
    "cell_date",
    "cell_number",
    "cell_missing",
    "per_period",
    "__version__",
]

__version__: str

class MeasuresError(ValueError):
    """Base class of every error raised by measures."""

    #: The core's name for the kind of problem ("too_few_points", "invalid_option", ...).
    kind: str

class InvalidInput(MeasuresError):
    """The input cannot be used: a non-finite value, mismatched lengths, an unknown label, a bad option."""

class TooFewPoints(MeasuresError):
    """The series (or a phase of it) has fewer points than the method needs."""

@final
class NativeChart:
    """A chart held by the Rust core."""

    chart_type: str
    labels: Optional[List[str]]
    variation: str
    assurance: Optional[str]
    def to_json(self) -> str: ...
    def column(self, name: str) -> numpy.ndarray: ...
    def line(self, name: str) -> "float | numpy.ndarray": ...
    def phase(self) -> Union[int, numpy.ndarray]: ...
    def excluded(self) -> Union[bool, numpy.ndarray]: ...
    def point_signals(self) -> List[List[str]]: ...
    def point_type_codes(self) -> Tuple[List[str], numpy.ndarray]: ...
    def point_rule_codes(self) -> Tuple[List[str], numpy.ndarray]: ...
    def signal_spans(
        self,
    ) -> Tuple[List[str], numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]: ...
    def companion(self) -> Optional["NativeChart"]: ...
    def suggested_phases(self, options: Optional[str] = ...) -> str: ...
    def svg(self, title: Optional[str] = ..., y_label: Optional[str] = ..., width: float = ..., height: float = ...) -> str: ...
    def __len__(self) -> int: ...

def chart(
    kind: str,
    values: numpy.ndarray,
    denominators: Optional[numpy.ndarray] = None,
    labels: Optional[Sequence[Any]] = None,
    options: Optional[str] = None,
    settings: Optional[str] = None,
    sizes: Optional[List[int]] = None,
    notes: Optional[List[str]] = None,
) -> NativeChart: ...

def capability(
    values: numpy.ndarray,
    labels: Optional[Any] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
    report: Optional[str] = ...,
) -> Tuple[Dict[str, Any], NativeChart]: ...

def demand(
    columns: Dict[str, Any], options: Optional[str] = ..., as_of: Optional[str] = ..., detail: bool = ...,
) -> Dict[str, Any]: ...
def demand_file(
    path: str, wanted: List[Tuple[str, str, bool]], options: Optional[str] = ...,
    as_of: Optional[str] = ..., detail: bool = ...,
) -> Dict[str, Any]: ...
def demand_html(
    columns: Dict[str, Any], title: str, source: str, options: Optional[str] = ..., as_of: Optional[str] = ...,
    lines: Optional[List[int]] = ...,
) -> str: ...

@final
class NativeComparison:
    """A pilot compared with the rest, held by the Rust core."""

    def to_json(self) -> str: ...
    def chart(self, group: str) -> NativeChart: ...
    def svg(self, title: Optional[str] = ..., y_label: Optional[str] = ..., width: float = ..., height: float = ...) -> str: ...

def compare(
    units: List[str], dates: List[str], values: Optional[numpy.ndarray] = ...,
    numerators: Optional[numpy.ndarray] = ..., denominators: Optional[numpy.ndarray] = ...,
    options: Optional[str] = ...,
) -> NativeComparison: ...
def funnel_json(
    units: List[str], numerators: numpy.ndarray, denominators: numpy.ndarray,
    sd: Optional[numpy.ndarray] = ..., options: Optional[str] = ...,
) -> str: ...

def funnel_svg(
    funnel: str, title: Optional[str] = ..., y_label: Optional[str] = ..., width: float = ..., height: float = ...
) -> str: ...

def buffer_address(values: numpy.ndarray) -> int: ...
def parallel_enabled() -> bool: ...
def read_csv(
    path: str, wanted: Optional[List[Tuple[str, bool]]] = ..., delimiter: Optional[str] = ...
) -> Tuple[List[Tuple[str, List[str]]], Dict[str, str], List[str], List[int]]: ...
def match_columns(headers: List[str], names: List[str]) -> List[Optional[int]]: ...
def cell_date(text: str) -> Optional[str]: ...
def cell_number(text: str) -> Optional[float]: ...
def cell_missing(text: str) -> bool: ...
def per_period(
    dates: List[str], period: str, how: str, values: Optional[List[float]] = ..., flags: Optional[List[Optional[bool]]] = ...
) -> Tuple[List[str], List[float], List[float], List[bool], List[str]]: ...
def xmr_groups(
    values: numpy.ndarray,
    offsets: List[int],
    labels: Optional[Sequence[str]] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
    per_group: Optional[Dict[str, Any]] = ...,
) -> Dict[str, Any]: ...
