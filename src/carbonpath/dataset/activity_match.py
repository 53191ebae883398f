"""The activity data's base-year use of each fuel against the model's (a x10 unit slip).

Split from :mod:`carbonpath.dataset.slips`, whose base-year balance it shares; used by
``carbonpath run`` (:mod:`carbonpath.run_checks`) where both the dataset and its activity
data are read.
"""

from __future__ import annotations

import math

import pandas as pd

from carbonpath.dataset.slips import (
    BALANCE,
    _base_activity,
    _factor,
    _indexed,
    _sides,
    within_step,
)

__all__ = ["PRODUCING_USES", "activity_mismatch"]

PRODUCING_USES = ("generation", "import", "export", "production", "supply", "output")
"""``use`` values of activity rows that make or move a carrier rather than consume it."""


def activity_mismatch(tables: dict[str, pd.DataFrame], base: int,
                      activity: pd.DataFrame, file: str = "activity.csv") -> list[str]:
    """Where the activity data's base-year use of a fuel is x10 away from the model's.

    The inventory reconciles with the model on emissions, but a consumption row that carries
    no emissions (electricity consumed, under the provincial method) can be off by a unit
    slip (MWh for GWh) without moving them. So the use of each fuel commodity is compared
    too: the model's base-year use (inputs of technologies with observed activity, plus the
    demand) against the activity rows of that fuel whose ``use`` consumes it.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables (commodities with a ``fuel`` code are compared).
    base : int
        The base year.
    activity : pandas.DataFrame
        The activity rows (columns fuel, use, value, unit), as read by
        :func:`carbonpath.read_activity` (its ``data``).
    file : str
        Named in the messages.

    Returns
    -------
    list of str
        One message per fuel whose two uses differ more than :data:`BALANCE` times (empty if
        none, or if either side is unknown or zero).
    """
    indexed = _indexed(tables)
    com = indexed[1]
    observed = _base_activity(tables, base)
    out = []
    for code in com.index:
        fuel = com.loc[code, "fuel"]
        if not isinstance(fuel, str) or not fuel:
            continue
        sides = _sides(tables, base, code, observed, indexed)
        if sides is None:
            continue
        unit = com.loc[code, "unit"]
        modelled = sum(s[0] for s in sides["input"])
        rows = activity[(activity["fuel"] == fuel)
                        & ~activity["use"].fillna("").isin(PRODUCING_USES)]
        given = 0.0
        for value, row_unit in zip(rows["value"], rows["unit"], strict=True):
            f = _factor(str(row_unit), f"({unit})")
            if f is None:
                given = math.nan
                break
            given += float(value) * f
        if not (modelled > 0 and given > 0) or within_step(given / modelled, BALANCE):
            continue
        out.append(f"base year {base}: {file} counts {given:.4g} {unit} of {fuel} consumed "
                   f"but the model uses {modelled:.4g} {unit} of {code} "
                   f"({given / modelled:.3g} times; x{BALANCE:g} or more apart); a unit slip "
                   f"(MWh for GWh) in {file} or in the model's demands and activities; "
                   f"check {file} {_rows_named(rows)}, columns 'value' and 'unit'")
    return out


def _rows_named(rows: pd.DataFrame) -> str:
    """Name the file lines of activity rows: ``row 2`` or ``rows 2, 5``.

    The ``row`` column if read by :func:`carbonpath.read_activity`, else the index.
    """
    lines = rows["row"].tolist() if "row" in rows else rows.index.tolist()
    return ("row " if len(lines) == 1 else "rows ") + ", ".join(str(x) for x in lines)
