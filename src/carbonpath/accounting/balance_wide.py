"""Tidy energy balance flows -> the wide layout (part of :mod:`.balance_sheet`).

Moved unchanged out of ``balance_sheet.py``, which re-exports :func:`to_wide`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from carbonpath.accounting.balance_grid import _same_unit
from carbonpath.accounting.balance_mapping import BalanceMapping, balance_mapping
from carbonpath.codes import fuels
from carbonpath.errors import ArgumentValueError, DataError, Problem, UnitError

__all__ = ["to_wide"]


# ---------------------------------------------------------------------------------------
# tidy -> wide


def to_wide(flows: pd.DataFrame, units: Mapping[str, str], language: str = "zh",
            totals: bool = False, mapping: BalanceMapping | None = None) -> pd.DataFrame:
    """Write tidy balance flows in the wide layout (rows x fuel columns).

    Parameters
    ----------
    flows : pandas.DataFrame
        Columns ``item``, ``fuel``, ``value`` (as :attr:`BalanceSheet.flows`).
    units : dict
        Fuel code -> unit; every fuel of ``flows`` needs one.
    language : {"zh", "en"}
        Labels and headers in Chinese or English.
    totals : bool
        Add missing total rows, computed from their parts.
    mapping : BalanceMapping, optional
        Default: the bundled mapping.

    Returns
    -------
    pandas.DataFrame
        Label column (``项目`` or ``item``) and one column per fuel, headed
        ``name(unit)``; rows in the order of ``balance_rows.csv``; blank cells NaN.

    Raises
    ------
    UnitError
        A fuel without a unit, or two units for one fuel (mixed units in a column).
    DataError
        An unknown item or fuel, or two values for one cell.
    """
    cmap = mapping or balance_mapping()
    if language not in ("zh", "en"):
        raise ArgumentValueError(f"language must be 'zh' or 'en', not '{language}'")
    problems = []
    if "unit" in flows.columns:
        per_fuel = flows.groupby("fuel")["unit"].agg(lambda s: sorted(set(map(str, s))))
        for fuel, us in per_fuel.items():
            if any(not _same_unit(us[0], u) for u in us[1:]):
                problems.append(Problem(f"mixed units in one column: {fuel} in {', '.join(us)}",
                                        column=str(fuel), valid="one unit per fuel"))
    for fuel in dict.fromkeys(flows["fuel"]):
        if fuel not in units:
            problems.append(Problem(f"no unit for {fuel}", column=str(fuel),
                                    valid="units={fuel: unit}"))
    if problems:
        raise UnitError(problems, "balance flows")
    bad = [i for i in dict.fromkeys(flows["item"]) if i not in cmap.rows.index]
    if bad:
        raise DataError(Problem(f"unknown row item(s) {bad}", column="item",
                                valid=", ".join(cmap.rows.index)), "balance flows")
    dup = flows.duplicated(["item", "fuel"], keep=False)
    if dup.any():
        r = flows[dup].iloc[0]
        raise DataError(Problem(f"two values for row {r['item']}, column {r['fuel']}",
                                valid="one value per cell"), "balance flows")
    table = flows.pivot(index="item", columns="fuel", values="value")
    if totals:
        table = _add_totals(table, cmap)
    order = [i for i in cmap.rows.index if i in table.index]
    present = set(flows["fuel"])
    fuel_order = [f for f in units if f in present]
    table = table.loc[order, fuel_order]
    name_col = "name_zh" if language == "zh" else "name_en"
    labels = [cmap.rows.at[i, name_col] for i in order]
    headers = []
    for fuel in fuel_order:
        if language == "zh":
            base = cmap.columns.at[fuel, "name_zh"] if fuel in cmap.columns.index else \
                fuels().attr(fuel, "name_zh")
        else:
            base = fuels().attr(fuel, "name_en") if fuel in fuels().codes else fuel
        headers.append(f"{base}({units[fuel]})")
    out = pd.DataFrame(table.to_numpy(), columns=headers)
    out.insert(0, "项目" if language == "zh" else "item", labels)
    return out


def _add_totals(table: pd.DataFrame, cmap: BalanceMapping) -> pd.DataFrame:
    """Add every ancestor total row the table lacks, as the sum of its present parts."""
    table = table.copy()
    for _ in range(6):  # the tree is at most a few levels deep
        present = set(table.index)
        added = False
        for item in list(cmap.rows.index):
            if item in present or cmap.rows.at[item, "role"] in ("memo",):
                continue
            kids = [i for i in present if cmap.rows.at[i, "parent"] == item
                    and cmap.rows.at[i, "role"] != "memo"]
            if kids:
                table.loc[item] = table.loc[kids].sum(axis=0, min_count=1)
                added = True
        if not added:
            break
    return table
