"""The exceptions every function raises, each carrying ``kind``: the core's name for
the kind of problem (``"too_few_points"``, ``"invalid_value"``, ``"invalid_option"``,
``"missing_column"``, ...), the same name the C status message and the CLI give."""

from __future__ import annotations

from ._native import InvalidInput, MeasuresError, TooFewPoints

# Class defaults, for an error raised without a kind of its own.
MeasuresError.kind = "measures_error"
InvalidInput.kind = "invalid_input"
TooFewPoints.kind = "too_few_points"


def invalid(message: str, kind: str = "invalid_option") -> InvalidInput:
    """An InvalidInput found in Python (an option or an item checked here, so that
    the message names it), with its kind."""
    error = InvalidInput(message)
    error.kind = kind
    return error


__all__ = ["InvalidInput", "MeasuresError", "TooFewPoints", "invalid"]
