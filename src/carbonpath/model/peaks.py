"""The peak of an emissions path: the first year at its maximum, round-off aside.

A path that is flat at its top (a peak rule "no later than P" holding the years after P at
P's level) has several years at the maximum, equal but for the solver's round-off
(1e-12 kt, or up to its feasibility tolerance of 1e-7). ``argmax`` then picks whichever
came out a hair higher, so the same pathway reported its peak in 2029 when solved cold and
in 2030 after warm re-solves (round 12's F15). Every peak year carbonpath reports is the
first year within :func:`tolerance` of the maximum.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["ABSOLUTE", "RELATIVE", "peak_index", "peak_label", "peak_labels", "tolerance"]

ABSOLUTE = 1e-6
"""Absolute part of the tolerance, in the path's unit (1e-6 kt = 1 kg)."""

RELATIVE = 1e-9
"""Relative part of the tolerance, of the maximum's size."""


def tolerance(top: float) -> float:
    """The tolerance for a maximum ``top``: ABSOLUTE + RELATIVE x abs(top)."""
    return ABSOLUTE + RELATIVE * abs(float(top))


def peak_index(values: Any) -> int:
    """Position of the first value within :func:`tolerance` of the maximum.

    Parameters
    ----------
    values : array-like of float, shape (n,), n >= 1
        Emissions by year, in year order (any one unit).

    Returns
    -------
    int
        0 .. n-1.
    """
    arr = np.asarray(values, dtype=float)
    top = float(np.nanmax(arr))
    return int(np.flatnonzero(arr >= top - tolerance(top))[0])


def peak_label(series: pd.Series) -> Any:
    """The index label (year) of :func:`peak_index` of a Series in year order."""
    return series.index[peak_index(series.to_numpy())]


def peak_labels(frame: pd.DataFrame) -> pd.Series:
    """:func:`peak_label` of every row of a frame whose columns are years in order."""
    arr = frame.to_numpy(dtype=float)
    top = np.nanmax(arr, axis=1)
    near = arr >= (top - (ABSOLUTE + RELATIVE * np.abs(top)))[:, None]
    return pd.Series(frame.columns[near.argmax(axis=1)], index=frame.index)
