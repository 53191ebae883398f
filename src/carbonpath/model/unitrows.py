"""Unit helpers of the model-data builder: parameter rows -> floats in a target unit.

A mixin of :class:`carbonpath.model.data._Builder` (split from :mod:`carbonpath.model.data`,
code unchanged): one value, a year series or a bound of ``parameters.csv`` rows, converted
to the canonical unit the model needs; every value that is not finite after its conversion
is a :class:`~carbonpath.errors.Problem` in ``self.problems`` naming its row.
"""

from __future__ import annotations

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
                default: float | None) -> np.ndarray:
        if rows.empty:
            if default is None:
                return np.full(len(self.years), np.nan)
            return np.full(len(self.years), float(default))
        factors = np.array([unit_factor(u, target) for u in rows["unit"]])
        return expand_years(rows, self.years, "parameters.csv", what, self.problems, factors)

    def _converted(self, row: pd.Series, target: str, file: str, line: Any, what: str) -> float:
        """One value of a table row in unit ``target``; not finite after it is a problem."""
        value = float(row["value"])
        with np.errstate(over="ignore", invalid="ignore"):
            out = value * unit_factor(row["unit"], target)
        self.problems.extend(nonfinite_problems([out], [line], file=file, what=what,
                                                unit=target, given=[value]))
        return out

    def _scalar(self, rows: pd.DataFrame, target: str, default: float | None) -> float | None:
        if rows.empty:
            return default
        row = rows.iloc[0]
        return self._converted(row, target, "parameters.csv", rows.index[0],
                               f"{row['technology']} {row['parameter']}")

    def _given(self, rows: pd.DataFrame, target: str) -> dict[int, float]:
        """Expand a bound parameter to {year: value}.

        A blank year holds every year; given years are interpolated linearly between the
        first and the last given year, and there is no bound outside them.
        """
        out: dict[int, float] = {}
        dated = []
        for line, row in rows.iterrows():
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
