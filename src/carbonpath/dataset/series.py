"""Year series of a dataset's tables: expansion to model years, unit conversion, lookups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.errors import (
    DataError,
    Problem,
)
from carbonpath.numbers import nonfinite_problems
from carbonpath.units import parse_unit, unit_factor, ureg

__all__ = ["expand_years"]


@checked
def expand_years(rows: pd.DataFrame, years: list[int], file: str, what: str,
                 problems: list[Problem] | None = None, factors: np.ndarray | None = None
                 ) -> np.ndarray:
    """Expand year-indexed rows to one value per model year.

    A single row with a blank year holds for every year. Rows with years are interpolated
    linearly between given years; the first must be at or before ``years[0]`` and the last
    at or after ``years[-1]`` (no silent extension). Mixing blank and given years is an error.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows with ``year`` (int or None) and ``value`` columns, index = file line.
    years : list of int
        Model years.
    file, what : str
        For error messages.
    problems : list of Problem, optional
        If given, problems are appended and NaNs returned; otherwise a DataError is raised.
    factors : numpy.ndarray, optional
        Per-row multipliers (unit conversion) applied before interpolation; a product that
        is not finite is a problem naming its row.

    Returns
    -------
    numpy.ndarray
        One float per model year.
    """
    local: list[Problem] = []
    values = rows["value"].astype(float).to_numpy()
    if factors is not None:
        given = values
        with np.errstate(over="ignore", invalid="ignore"):
            values = values * factors
        local.extend(nonfinite_problems(values, rows.index, file=file, what=what, given=given))
    given = rows["year"].tolist()
    blank = [y is None or (isinstance(y, float) and np.isnan(y)) for y in given]
    out = np.full(len(years), np.nan)
    if all(blank):
        if len(rows) > 1:
            local.append(Problem(f"{what}: several rows without a year", file=file,
                                 row=rows.index[1], column="year"))
        else:
            out[:] = values[0]
    elif any(blank):
        local.append(Problem(f"{what}: mixes rows with and without a year", file=file,
                             row=rows.index[blank.index(True)], column="year",
                             valid="give every row a year, or one row without"))
    else:
        order = np.argsort(given)
        ys = np.asarray(given, dtype=float)[order]
        vs = values[order]
        if ys[0] > years[0] or ys[-1] < years[-1]:
            local.append(Problem(
                f"{what}: given for {int(ys[0])}..{int(ys[-1])} but the model runs "
                f"{years[0]}..{years[-1]}; add values for the missing end (carbonpath "
                "interpolates between given years and never holds a last value)", file=file,
                row=rows.index[order[0] if ys[0] > years[0] else order[-1]], column="year"))
        else:
            out = np.interp(years, ys, vs)
    if local:
        if problems is None:
            raise DataError(local)
        problems.extend(local)
    return out


def converted(rows: pd.DataFrame, target: str) -> np.ndarray:
    """Return per-row factors converting each row's ``unit`` to ``target``."""
    return np.array([unit_factor(u, target) for u in rows["unit"]])


def quantity(value: float, unit: str) -> Any:
    """Return ``value`` in ``unit`` as a pint quantity of carbonpath's registry."""
    return ureg.Quantity(value, parse_unit(unit))


def as_mapping(frame: pd.DataFrame, key: str) -> Mapping[str, pd.Series]:
    """Return {key value: row} of a table with unique keys."""
    return {row[key]: row for _, row in frame.iterrows()}
