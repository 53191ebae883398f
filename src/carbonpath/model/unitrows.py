"""Unit helpers of the model-data builder: parameter rows -> floats in a target unit.

A mixin of :class:`carbonpath.model.data._Builder` (split from :mod:`carbonpath.model.data`,
code unchanged): one value, a year series or a bound of ``parameters.csv`` rows, converted
to the canonical unit the model needs; every value that is not finite after its conversion
is a :class:`~carbonpath.errors.Problem` in ``self.problems`` naming its row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import expand_years
from carbonpath.dataset.tables import is_blank
from carbonpath.numbers import nonfinite_problems
from carbonpath.units import unit_factor

__all__ = ["UnitRows"]


class UnitRows:
    """Builder mixin: parameter rows to floats in a target unit (uses ``self.years``)."""

    def _series(self, rows: pd.DataFrame, target: str, what: str,
                default: float | None, recs: Sequence[tuple[Any, dict]] | None = None
                ) -> np.ndarray:
        """A parameter's year series in unit ``target`` (``default`` where it has no rows).

        ``recs``, the same rows as ``(line, dict)`` pairs (:func:`records`), lets the
        common cases skip the frame, with the numbers :func:`expand_years` gives (the same
        operations on the same floats): one row without a year (its value times its unit
        factor in every year), or rows that all have a year and reach both ends of the
        horizon (interpolated between them). Anything else (blank and given years mixed,
        years that do not cover the horizon, a value not finite after conversion: the
        cases with a problem to name) goes through :func:`expand_years`.
        """
        if rows.empty:
            if default is None:
                return np.full(len(self.years), np.nan)
            return np.full(len(self.years), float(default))
        if recs is not None:
            fast = self._series_of_records(recs, target)
            if fast is not None:
                return fast
        factors = np.array([unit_factor(u, target) for u in rows["unit"]])
        return expand_years(rows, self.years, "parameters.csv", what, self.problems, factors)

    def _series_of_records(self, recs: Sequence[tuple[Any, dict]],
                           target: str) -> np.ndarray | None:
        """:meth:`_series` of rows without a problem, from dicts; None if it may have one."""
        given = [row["year"] for _, row in recs]
        blank = [is_blank(y) for y in given]
        if len(recs) == 1 and blank[0]:
            row = recs[0][1]
            with np.errstate(over="ignore", invalid="ignore"):
                value = np.float64(float(row["value"])) * np.float64(
                    unit_factor(row["unit"], target))
            return np.full(len(self.years), value) if np.isfinite(value) else None
        if any(blank):
            return None
        with np.errstate(over="ignore", invalid="ignore"):
            values = (np.array([float(row["value"]) for _, row in recs])
                      * np.array([unit_factor(row["unit"], target) for _, row in recs]))
        if not np.isfinite(values).all():
            return None
        order = np.argsort(given)
        ys = np.asarray(given, dtype=float)[order]
        if ys[0] > self.years[0] or ys[-1] < self.years[-1]:
            return None
        return np.interp(self.years, ys, values[order])

    def _converted(self, row: pd.Series, target: str, file: str, line: Any, what: str) -> float:
        """One value of a table row in unit ``target``; not finite after it is a problem."""
        value = float(row["value"])
        with np.errstate(over="ignore", invalid="ignore"):
            out = value * unit_factor(row["unit"], target)
        if not math.isfinite(out):  # (the check finds nothing in a finite number)
            self.problems.extend(nonfinite_problems([out], [line], file=file, what=what,
                                                    unit=target, given=[value]))
        return out

    def _scalar(self, rows: pd.DataFrame | Sequence[tuple[Any, dict]], target: str,
                default: float | None) -> float | None:
        """The first row's value in unit ``target`` (``default`` without rows).

        ``rows``: a frame of parameter rows, or the same rows as ``(line, dict)`` pairs.
        """
        if isinstance(rows, pd.DataFrame):
            if rows.empty:
                return default
            line, row = rows.index[0], rows.iloc[0]
        elif not rows:
            return default
        else:
            line, row = rows[0]
        return self._converted(row, target, "parameters.csv", line,
                               f"{row['technology']} {row['parameter']}")

    def _given(self, rows: pd.DataFrame | Sequence[tuple[Any, dict]],
               target: str) -> dict[int, float]:
        """Expand a bound parameter to {year: value}.

        A blank year holds every year; given years are interpolated linearly between the
        first and the last given year, and there is no bound outside them. ``rows``: a
        frame of parameter rows, or the same rows as ``(line, dict)`` pairs.
        """
        out: dict[int, float] = {}
        dated = []
        for line, row in (rows.iterrows() if isinstance(rows, pd.DataFrame) else rows):
            value = self._converted(row, target, "parameters.csv", line,
                                    f"{row['technology']} {row['parameter']}")
            if is_blank(row["year"]):
                for y in self.years:
                    out[y] = value
            else:
                dated.append((int(row["year"]), value))
        if dated:
            dated.sort()
            ys = [y for y, _ in dated]
            vs = [v for _, v in dated]
            for y in self.years:
                if ys[0] <= y <= ys[-1]:
                    out[y] = float(np.interp(y, ys, vs))
        return out
