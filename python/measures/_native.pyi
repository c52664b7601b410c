from typing import Any, Dict, List, Optional, Sequence

import numpy

__version__: str

class MeasuresError(ValueError):
    """Base class of every error raised by measures."""

class InvalidInput(MeasuresError):
    """The input cannot be used: a non-finite value, mismatched lengths, an unknown label, a bad option."""

class TooFewPoints(MeasuresError):
    """The series (or a phase of it) has fewer points than the method needs."""

def chart_json(
    kind: str,
    values: numpy.ndarray,
    denominators: Optional[numpy.ndarray] = None,
    labels: Optional[Sequence[Any]] = None,
    options: Optional[str] = None,
    settings: Optional[str] = None,
    sizes: Optional[List[int]] = None,
) -> str: ...

def capability_json(
    values: numpy.ndarray,
    labels: Optional[Sequence[Any]] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
    report: Optional[str] = ...,
) -> str: ...

def demand_json(columns: Dict[str, List[str]], options: Optional[str] = ..., as_of: Optional[str] = ...) -> str: ...

def buffer_address(values: numpy.ndarray) -> int: ...
def xmr_groups(
    values: numpy.ndarray,
    offsets: List[int],
    labels: Optional[Sequence[str]] = ...,
    options: Optional[str] = ...,
    settings: Optional[str] = ...,
) -> Dict[str, Any]: ...

def chart_svg(
    chart_json: str, title: Optional[str] = ..., y_label: Optional[str] = ..., width: float = ..., height: float = ...
) -> str: ...
