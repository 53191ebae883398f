"""Factor years against the inventory's years (round 13 G10, G79).

**User factor rows that no year of the inventory reaches (G10).**

A factor row applies to its year and, by the nearest-earlier-year rule, to later years
(:meth:`carbonpath.factors.FactorTable.lookup`). A user's raw-coal rows of 2023 given to an
inventory of 2021 were never used, and the bundled factor applied without a word; a user
row of a region the inventory does not reach is already named
(:func:`carbonpath.accounting.factor_reach.warn_unused_user_rows`).
:func:`refuse_later_user_rows` refuses a user factor (its item, quantity, gas, sector,
technology, basis and region) whose every row is later than every year of the activity it
could apply to. A file holding a series (2018-2025) for a 2021 inventory is not refused:
its rows up to 2021 are used.

**Factors carried many years forward (G79).** An inventory of 2030 (a planner's projected
year) got Shandong's 2022 grid factor and the 2022 coal rate, and one of 2099 the same,
without a word. :func:`warn_old_factors` warns when a factor of a given year is used for an
activity year more than :data:`MAX_CARRY` years later, naming the factor, its row and both
years. Two years is the usual publication lag of China's grid factors (the MEE published
the 2022 factor in 2024), so an inventory of the latest year or two is not warned.
"""

from __future__ import annotations

import contextlib
import contextvars
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathWarning, DataError, Problem, line_label

__all__ = ["MAX_CARRY", "OldFactorWarning", "one_factor_file_for_all", "refuse_later_user_rows",
           "warn_old_factors"]

#: While :func:`one_factor_file_for_all` runs: each inventory's (table, frames), checked at its end.
_POOL: contextvars.ContextVar[list[tuple[Any, Sequence[pd.DataFrame]]] | None] = (
    contextvars.ContextVar("carbonpath_factor_year_pool", default=None))


@contextlib.contextmanager
def one_factor_file_for_all() -> Iterator[None]:
    """Check user factor years once over every inventory computed inside (round 24 H29).

    ``carbonpath decompose --factors f.csv`` gives one factor file to two inventories. A
    row of the END year only (a grid factor published for that year) is used by the END
    inventory; checked inventory by inventory, the START one refused it as "never used",
    advising a START year that would have applied the END year's value to START too.
    Inside this context :func:`refuse_later_user_rows` records each inventory's factor
    table and activity; at the end (when nothing inside raised), a row is refused only if
    no inventory's year reaches it.

    Raises
    ------
    DataError
        As :func:`refuse_later_user_rows`, over the years of every inventory.
    """
    pool: list[tuple[Any, Sequence[pd.DataFrame]]] = []
    token = _POOL.set(pool)
    try:
        yield
    finally:
        _POOL.reset(token)
    if pool:  # (not reached when the body raised)
        refuse_later_user_rows(pool[0][0], [f for _, frames in pool for f in frames])

MAX_CARRY = 2
"""Years a dated factor may be carried forward without a warning (publication lag)."""


class OldFactorWarning(CarbonpathWarning):
    """A dated factor is used for an activity year well after its own (round 13 G79)."""

_KEY = ["item", "quantity", "gas", "sector", "technology", "basis", "region"]


def refuse_later_user_rows(table, frames: Sequence[pd.DataFrame]) -> None:
    """Refuse user factor rows later than every inventory year they could apply to.

    Parameters
    ----------
    table : FactorTable
        The factor table; user rows have ``layer`` 0 and their ``file`` and ``line``.
    frames : sequence of pandas.DataFrame
        Activity and production rows with ``year`` and ``region`` columns.

    Inside :func:`one_factor_file_for_all`, records the table and frames instead, to be
    checked together at the context's end.

    Raises
    ------
    DataError
        One problem per such row: its file, line, column ``year`` and year, the inventory's
        years in its region, and what would be valid (a year up to the inventory's, if the
        value is right for it too, or a blank year for every year; a later year's factor
        left out of this inventory).
    """
    rows = table.rows
    if "layer" not in rows or not (rows["layer"] == 0).any():
        return
    pool = _POOL.get()
    if pool is not None:  # one factor file for several inventories: checked at the end
        pool.append((table, list(frames)))
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
                file=str(r.file), row=line_label(r.line), column="year", value=int(r.year),
                valid=f"a year up to {last} (only if the value is right for {shown} too: "
                      "a row applies to its year and later ones), or a blank year (every "
                      "year); a factor of a later year only belongs to the inventory of that "
                      "year: leave this file out of this inventory (decompose checks its "
                      "--factors over START and END together)"))
    DataError.collect(problems, "user factors")


def warn_old_factors(provenance: pd.DataFrame) -> None:
    """Warn of dated factors used for activity years more than :data:`MAX_CARRY` later.

    Parameters
    ----------
    provenance : pandas.DataFrame
        The inventory's provenance (:attr:`carbonpath.accounting.Inventory.provenance`):
        ``item``, ``quantity``, ``gas``, ``year`` (of the activity), ``factor_year``,
        ``factor_region``, ``file``, ``line``.

    Warns
    -----
    OldFactorWarning
        One per factor row: its item, quantity, region, file and line, its year, the
        activity years it is used for and the gap, and the remedy (a factor of the year
        with ``--factors``).
    """
    if not len(provenance) or "factor_year" not in provenance.columns:
        return
    dated = provenance[provenance["factor_year"].notna()]
    if not len(dated):
        return
    gap = dated["year"].astype(int) - dated["factor_year"].astype(int)
    old = dated[gap > MAX_CARRY]
    if not len(old):
        return
    cols = ["item", "quantity", "factor_region", "factor_year", "file", "line"]
    for key, rows in old.groupby(cols, sort=True, dropna=False):
        item, quantity, region, fyear, file, line = key
        years = sorted({int(y) for y in rows["year"]})
        shown = ", ".join(str(y) for y in years)
        warnings.warn(OldFactorWarning(
            f"the {item} {quantity} of {int(fyear)} ({region}, {file} line {line}) is used "
            f"for {shown}, {years[-1] - int(fyear)} year(s) later, by the nearest-earlier-year "
            "rule: a factor of the activity's year, if known, belongs in a factor file "
            "(--factors)"), stacklevel=3)
