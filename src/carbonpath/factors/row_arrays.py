"""Row access by column arrays for :class:`~carbonpath.factors.table.FactorTable` lookups.

Two small helpers of the table's vectorised lookup, kept apart so the table's module stays
readable in one sitting: a row read from per-column numpy arrays, and the factorisation of a
frame's rows into integer codes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__: list[str] = []


class _Row:
    """One row of a factor table read from its column arrays: ``r[column]`` is a scalar."""

    __slots__ = ("_columns", "_i")

    def __init__(self, columns: dict[str, np.ndarray], i: int) -> None:
        self._columns, self._i = columns, i

    def __getitem__(self, column: str) -> Any:
        return self._columns[column][self._i]


def _factorize_rows(df: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Factorize rows of a small-cardinality frame: (codes per row, unique rows)."""
    if len(df) == 0:
        return np.zeros(0, dtype=np.int64), df.iloc[:0].copy()
    codes = np.zeros(len(df), dtype=np.int64)
    for col in df.columns:
        c, u = pd.factorize(df[col], use_na_sentinel=False)
        codes = codes * (len(u) + 1) + c
    k, first = np.unique(codes, return_index=True)
    inverse = np.searchsorted(k, codes)
    return inverse, df.iloc[first].copy()
