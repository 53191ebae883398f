"""User factor rows that no year of the inventory reaches (round 13 G10).

A factor row applies to its year and, by the nearest-earlier-year rule, to later years
(:meth:`carbonpath.factors.FactorTable.lookup`). A user's raw-coal rows of 2023 given to an
inventory of 2021 were never used, and the bundled factor applied without a word; a user
row of a region the inventory does not reach is already named
(``_warn_unreached_user_rows`` in :mod:`carbonpath.accounting.inventory`).
:func:`refuse_later_user_rows` refuses a user factor (its item, quantity, gas, sector,
technology, basis and region) whose every row is later than every year of the activity it
could apply to. A file holding a series (2018-2025) for a 2021 inventory is not refused:
its rows up to 2021 are used.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["refuse_later_user_rows"]

_KEY = ["item", "quantity", "gas", "sector", "technology", "basis", "region"]


def refuse_later_user_rows(table, frames: Sequence[pd.DataFrame]) -> None:
    """Refuse user factor rows later than every inventory year they could apply to.

    Parameters
    ----------
    table : FactorTable
        The factor table; user rows have ``layer`` 0 and their ``file`` and ``line``.
    frames : sequence of pandas.DataFrame
        Activity and production rows with ``year`` and ``region`` columns.

    Raises
    ------
    DataError
        One problem per such row: its file, line, column ``year`` and year, the inventory's
        years in its region, and what would be valid (a year up to the inventory's, or a
        blank year for every year).
    """
    rows = table.rows
    if "layer" not in rows or not (rows["layer"] == 0).any():
        return
    years_of: dict[str, set[int]] = {}  # factor region -> inventory years it reaches
    for frame in frames:
        if frame is None or not len(frame) or not {"year", "region"} <= set(frame.columns):
            continue
        for region, year in frame[["region", "year"]].drop_duplicates().itertuples(index=False):
            code = table.regions.resolve(region) if region == region and region else None
            if code is None or year != year:
                continue
            for r in table.regions.chain(code):
                years_of.setdefault(r, set()).add(int(year))
    user = rows[rows["layer"] == 0]
    keys = user[_KEY].astype(object).where(user[_KEY].notna(), "").astype(str)
    problems = []
    for _, group in user.groupby([keys[c] for c in _KEY], sort=False):
        reached = years_of.get(str(group["region"].iloc[0]), set())
        if not reached or group["year"].isna().any():
            continue  # a region not reached (warned elsewhere); a row for every year
        last = max(reached)
        if group["year"].min() <= last:
            continue
        shown = ", ".join(str(y) for y in sorted(reached))
        for r in group.itertuples(index=False):
            gas = f" {r.gas}" if r.gas == r.gas and r.gas else ""
            problems.append(Problem(
                f"user factor ({r.item} {r.quantity}{gas}, {r.region}) of year {int(r.year)} "
                f"is never used: the inventory's years in its region are {shown}, and a factor "
                "applies to its year and later ones, so the bundled factor would apply instead",
                file=str(r.file), row=int(r.line), column="year", value=int(r.year),
                valid=f"a year up to {last}, or a blank year (every year)"))
    DataError.collect(problems, "user factors")
