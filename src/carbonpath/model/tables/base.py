"""What the table builders share: the context of a solve and small array helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.model.extract import SolutionArrays
from carbonpath.model.tables.lazy import LazyTables


def _frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A table from columns; an empty one has the untyped columns of an empty row list."""
    first = next(iter(columns.values()))
    if len(first) == 0:
        return pd.DataFrame([], columns=list(columns))
    return pd.DataFrame(columns)


def _obj(values: list) -> np.ndarray:
    return np.array(values, dtype=object)


class _Context:
    """What the table builders share: the data, the arrays, the years and the raw tables."""

    def __init__(self, d: Any, s: SolutionArrays, lazy: LazyTables) -> None:
        self.d = d
        self.s = s
        self.lazy = lazy
        self.years = np.array(d.years, dtype=np.int64)
        self.ny = len(d.years)
        self.techs = s.layout.techs
        self.units = {c: str(u) for c, u in d.commodities["unit"].items()}
        self.plain = [k for k, t in enumerate(self.techs) if t.storage is None]


def _tech_year(c: _Context, which: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes = _obj([c.techs[k].code for k in which])
    sectors = _obj([c.techs[k].sector for k in which])
    return (np.repeat(codes, c.ny), np.repeat(sectors, c.ny), np.tile(c.years, len(which)))


def _slices(c: _Context, which: list[int]) -> tuple[np.ndarray, ...]:
    ns = len(c.d.timeslices)
    days = _obj([day for day, _ in c.d.timeslices])
    hours = np.array([hour for _, hour in c.d.timeslices], dtype=np.int64)
    codes = _obj([c.techs[k].code for k in which])
    n = len(which)
    return (np.repeat(codes, c.ny * ns), np.tile(np.repeat(c.years, ns), n),
            np.tile(days, n * c.ny), np.tile(hours, n * c.ny))


def context(d: Any, s: SolutionArrays) -> Callable[[LazyTables], _Context]:
    """The context factory of :class:`LazyTables` for one solution."""
    return lambda lazy: _Context(d, s, lazy)
