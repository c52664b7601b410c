from typing import Any, Optional, Sequence

__version__: str

class MeasuresError(ValueError):
    """Base class of every error raised by measures."""

class InvalidInput(MeasuresError):
    """The input cannot be used: a non-finite value, mismatched lengths, an unknown label, a bad option."""

class TooFewPoints(MeasuresError):
    """The series (or a phase of it) has fewer points than the method needs."""

def xmr_json(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    options: Optional[str] = None,
    xmr_options: Optional[str] = None,
) -> str: ...
def run_json(
    values: Sequence[float],
    labels: Optional[Sequence[Any]] = None,
    options: Optional[str] = None,
) -> str: ...
