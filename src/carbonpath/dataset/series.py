"""Year series of a dataset's tables: expansion to model years, unit conversion, lookups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    Problem,
)
from carbonpath.numbers import nonfinite_problems
from carbonpath.units import parse_unit, unit_factor, ureg

__all__ = ["HorizonInterpolationWarning", "expand_years", "warn_horizon_interpolated"]


class HorizonInterpolationWarning(CarbonpathWarning):
    """The horizon's demand interpolated towards a row beyond the horizon (Y06)."""


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


def warn_horizon_interpolated(rows: pd.DataFrame, years: list[int], file: str,
                              what: str) -> None:
    """Warn when the last model year's value comes from a row after the horizon (Y06).

    A demand given for 2024 and 2035 with a 2030 horizon is interpolated in 2030
    (6000 + 1200 x 6/11 = 6654.5 instead of the 7200 a 2030 row typed ``2035`` meant); the
    data might be a 2035 projection, so this warns rather than refuses. Nothing is said when
    a row gives the last model year, or when no row lies beyond it (too short a series is
    :func:`expand_years`'s error). Called for ``demands.csv`` only: drivers such as a grid
    emission factor are published for 2030 and 2035 and interpolated between by right (the
    bundled init samples do so).

    Parameters
    ----------
    rows : pandas.DataFrame
        The rows of one series (``year``, ``value``, optional ``unit``), index = file line.
    years : list of int
        Model years.
    file, what : str
        For the message (``demands.csv``, ``demand of electricity``).

    Warns
    -----
    HorizonInterpolationWarning
        Naming the row after the horizon, the value used in the last model year and the
        reading that would be right (a row for the horizon year); a year whose digits give
        a model year the series lacks names it (``2027 typed as 2072?``, round 21's L18:
        :func:`carbonpath.dataset.year_slips.swapped_years`).
    """
    from carbonpath.dataset import notices
    from carbonpath.dataset.year_slips import swapped_years

    given = [y for y in rows["year"].tolist()
             if not (y is None or (isinstance(y, float) and np.isnan(y)))]
    if len(given) != len(rows) or len(given) < 2:
        return
    last = years[-1]
    after = [y for y in given if int(y) > last]
    if int(last) in {int(y) for y in given} or not after or min(given) > last:
        return
    line = rows.index[[int(y) for y in rows["year"]].index(int(min(after)))]
    ys = np.asarray(given, dtype=float)
    order = np.argsort(ys)
    value = float(np.interp(last, ys[order], rows["value"].astype(float).to_numpy()[order]))
    units = set(rows["unit"]) if "unit" in rows else set()
    unit = f" {next(iter(units))}" if len(units) == 1 else ""
    meant = swapped_years(int(min(after)), int(years[0]), last, [int(y) for y in given])
    swap = (f"; {' or '.join(map(str, meant))} typed as {int(min(after))}? (its digits)"
            if meant else "")  # round 21's L18: 2072 for 2027
    notices.warn(
        f"{file}, row {line}, column year: {what} has no row for the horizon {last} and is "
        f"interpolated there towards this {int(min(after))} row ({value:.6g}{unit}); if it is "
        f"the {last} value with its year mistyped, write {last}; if it is a later projection, "
        f"add a {last} row to state the horizon's value{swap}", HorizonInterpolationWarning,
        stacklevel=2)


def converted(rows: pd.DataFrame, target: str) -> np.ndarray:
    """Return per-row factors converting each row's ``unit`` to ``target``."""
    return np.array([unit_factor(u, target) for u in rows["unit"]])


def quantity(value: float, unit: str) -> Any:
    """Return ``value`` in ``unit`` as a pint quantity of carbonpath's registry."""
    return ureg.Quantity(value, parse_unit(unit))


def as_mapping(frame: pd.DataFrame, key: str) -> Mapping[str, pd.Series]:
    """Return {key value: row} of a table with unique keys."""
    return {row[key]: row for _, row in frame.iterrows()}
