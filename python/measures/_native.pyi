from typing import Any, Dict, List, Optional, Sequence

import numpy

__version__: str

class MeasuresError(ValueError):
    """Base class of every error raised by measures."""

class InvalidInput(MeasuresError):
    """The input cannot be used: a non-finite value, mismatched lengths, an unknown label, a bad option."""

class TooFewPoints(MeasuresError):
    """The series (or a phase of it) has fewer points than the method needs."""

class NativeChart:
    """A chart held by the Rust core."""

    chart_type: str
    labels: Optional[List[str]]
    variation: str
    assurance: Optional[str]
    def to_json(self) -> str: ...
    def column(self, name: str) -> numpy.ndarray: ...
    def phase(self) -> numpy.ndarray: ...
    def excluded(self) -> numpy.ndarray: ...
    def point_type(self) -> List[str]: ...
    def point_signals(self) -> List[List[str]]: ...
    def companion(self) -> Optional["NativeChart"]: ...
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
) -> NativeChart: ...

def capability_json(
    values: numpy.ndarray,
    labels: Optional[Sequence[Any]] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
    report: Optional[str] = ...,
) -> str: ...

def demand_json(columns: Dict[str, List[str]], options: Optional[str] = ..., as_of: Optional[str] = ...) -> str: ...
def demand_html(
    columns: Dict[str, List[str]], title: str, source: str, options: Optional[str] = ..., as_of: Optional[str] = ...
) -> str: ...

def buffer_address(values: numpy.ndarray) -> int: ...
def parallel_enabled() -> bool: ...
def xmr_groups(
    values: numpy.ndarray,
    offsets: List[int],
    labels: Optional[Sequence[str]] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
) -> Dict[str, Any]: ...
