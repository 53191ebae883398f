"""Result tables whose item access by a year says what to write instead of a bare KeyError.

A pathway's tables are tidy (long) DataFrames: ``emissions_total`` has the columns
``year``, ``value`` and ``unit``, one row per year. ``pathway.emissions_total['2030']``
or ``[2030]`` therefore asks pandas for a *column* named 2030 and ends in pandas' own
``KeyError: '2030'``. :class:`ResultTable` (what the attribute access
``pathway.<table>`` returns) raises instead an
:class:`~carbonpath.errors.UnknownNameError` (still a ``KeyError``) that says the table
is indexed by row, that years are ints in its ``year`` column, and how to get the value
of that year. :func:`model_year` reads a year given to a pathway method: an int (numpy
integers too) or an int-like string (``'2030'``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd

from carbonpath.accounting.filters import as_year
from carbonpath.errors import UnknownNameError, unknown_name

__all__ = ["ResultTable", "as_year", "model_year", "table_view"]


class ResultTable(pd.DataFrame):
    """A tidy result table (a plain DataFrame otherwise) whose ``[key]`` explains years.

    Operations on it return plain DataFrames.
    """

    _metadata: ClassVar[list[str]] = ["table_name"]
    table_name = "table"

    @property
    def _constructor(self) -> type:
        return pd.DataFrame

    def __getitem__(self, key: Any) -> Any:
        try:
            return super().__getitem__(key)
        except KeyError:
            if isinstance(key, (list, tuple, np.ndarray, pd.Index, pd.Series, slice)):
                raise
            raise _key_error(self, key) from None

    @property
    def loc(self) -> Any:  # type: ignore[override]
        """Pandas' ``loc``, whose KeyError for a year says the index is not the years."""
        return _Loc(super().loc, self)


class _Loc:
    """Delegates to a frame's ``loc``; a missing row label that is a year is explained."""

    def __init__(self, inner: Any, frame: pd.DataFrame) -> None:
        self._inner = inner
        self._frame = frame

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._inner[key]
        except KeyError:
            label = key[0] if isinstance(key, tuple) and key else key
            if as_year(label) is None or "year" not in self._frame.columns:
                raise
            raise _key_error(self._frame, label, by_row=True) from None

    def __setitem__(self, key: Any, value: Any) -> None:
        self._inner[key] = value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _key_error(frame: pd.DataFrame, key: Any, by_row: bool = False) -> UnknownNameError:
    name = getattr(frame, "table_name", "table")
    year = as_year(key)
    if year is None or "year" not in frame.columns:
        return unknown_name(f"column of {name}", key, [str(c) for c in frame.columns])
    years = sorted({int(y) for y in frame["year"].dropna()})
    span = f"{years[0]} .. {years[-1]}" if years else "none"
    value = "value" if "value" in frame.columns else "<column>"
    typed = (f" ({key!r} is a string; years are ints)" if isinstance(key, str) else "")
    return UnknownNameError(
        f"{name}{'.loc' if by_row else ''}[{key!r}]: {name} is a tidy table with columns "
        f"{', '.join(str(c) for c in frame.columns)} (rows by year, years {span})"
        + ("; .loc[] takes a row number (0, 1, ...), not a year" if by_row else
           f"; [] takes a column name, not a year{typed}")
        + (f"; for the value of {year} write {name}.set_index('year').loc[{year}, '{value}']"
           if frame["year"].is_unique else
           f"; for the rows of {year} write {name}[{name}['year'] == {year}]")
        + (f" or pathway.emissions_in({year})" if name == "emissions_total" else ""))


def table_view(frame: pd.DataFrame, name: str) -> ResultTable:
    """``frame`` as a :class:`ResultTable` named ``name`` (no copy of its data)."""
    out = ResultTable(frame)
    out.table_name = name
    return out


def model_year(year: Any, years: list[int] | np.ndarray, what: str = "year") -> int:
    """A year given to a pathway method, as an int among ``years``.

    Parameters
    ----------
    year : int, numpy integer or int-like str
        The year (``2030`` or ``'2030'``).
    years : sequence of int
        The years the results have.
    what : str
        The argument's name, for messages.

    Returns
    -------
    int

    Raises
    ------
    UnknownNameError
        ``year`` is not a whole number or not one of ``years`` (names their range); a
        ``KeyError``.
    """
    value = as_year(year)
    known = sorted(int(y) for y in years)
    span = f"{known[0]} .. {known[-1]}" if known else "none"
    if value is None:
        msg = f"{what} must be a year as an int (e.g. 2030), not {year!r}; years: {span}"
        raise UnknownNameError(msg)
    if value not in known:
        msg = f"{what} {value} is not a year of the results; years: {span}"
        raise UnknownNameError(msg)
    return value
