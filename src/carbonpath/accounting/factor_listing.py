"""Which listed factors an inventory applies in a region (``carbonpath factors --region``).

``carbonpath factors --item natural_gas --gas CO2 --region CN-SD`` listed only the IPCC
default emission factor (56,100 kg CO2/TJ): the factor an inventory of CN-SD applies is the
Chinese bundle, a carbon content (15.3 kg C/GJ) times an oxidation factor (0.99) times 44/12,
55.5 t CO2/TJ, whose rows carry no gas and so fell out of the ``--gas CO2`` filter (round 19,
T117). A user read the world factor as the one applied.

:func:`mark_applied` resolves, for each fuel of the listing, the combustion CO2 bundle that
:func:`carbonpath.accounting.fuel_factors` (the inventory's code path,
:mod:`carbonpath.accounting.resolution`) picks in the region for a year-independent row, adds
the bundle's rows that the filters dropped, and marks each row of the CO2 route (calorific
value, carbon content, oxidation factor, CO2 emission factor) as applied or not.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathError

__all__ = ["ROUTE_QUANTITIES", "mark_applied", "regional_routes"]

ROUTE_QUANTITIES = ("calorific_value", "carbon_content", "oxidation_factor", "emission_factor")
"""Quantities of a fuel's combustion CO2 route (``emission_factor`` of gas CO2 only)."""


def mark_applied(table: Any, rows: pd.DataFrame, region: str, gas: str | None = None,
                 quantity: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Mark the listed rows of each fuel's CO2 route as applied in ``region`` or not.

    Parameters
    ----------
    table : FactorTable
        The factor tables listed.
    rows : pandas.DataFrame
        The listing (:meth:`carbonpath.FactorTable.select`; index = the table's row ids).
    region : str
        The region of the listing (``--region``).
    gas, quantity : str, optional
        The listing's filters: the bundle's rows they dropped (a carbon content under
        ``gas='CO2'``) are added back when ``gas`` is CO2 or not given and ``quantity`` is
        not given or is the row's.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The rows with a column ``applied_in_region``: ``yes`` for the rows of the bundle the
        inventory applies in ``region`` (for rows valid in any year), ``no`` for the other
        rows of a fuel's CO2 route, blank for the rest (CH4, N2O, products, carriers); and
        one line per fuel naming the CO2 factor applied (t CO2/TJ), how it is made and at
        which level (rows marked ``no`` are of levels that one takes precedence over).
    """
    from carbonpath.accounting.scalar import fuel_factors
    from carbonpath.codes import fuels

    out = rows.assign(applied_in_region="")
    lines: list[str] = []
    added: dict[str, list[Any]] = {}
    codes = fuels().codes
    for item in dict.fromkeys(rows["item"].astype(str)):
        if item not in codes:
            continue
        try:
            found = fuel_factors(item, "industry", region, None, factors=table)
        except (CarbonpathError, KeyError, ValueError):
            continue  # no complete bundle (a carrier, a fuel without CO2): nothing to mark
        used = {f.row_id for f in (*found["CO2"].derived_from, *found["ncv"].derived_from)
                if f.row_id is not None}
        if gas is None or str(gas).casefold() == "co2":
            extra = [i for i in sorted(used) if i not in out.index
                     and (quantity is None or table.rows.at[i, "quantity"] == quantity)]
            if extra:
                add = table.rows.loc[extra, [c for c in rows.columns if c in table.rows]]
                add = add.assign(year=add["year"].where(add["year"] >= 0, pd.NA)
                                 .astype("Int64"), applied_in_region="")
                out = pd.concat([out, add])
                added[item] = extra
        route = ((out["item"] == item) & out["quantity"].isin(ROUTE_QUANTITIES)
                 & ((out["quantity"] != "emission_factor") | (out["gas"] == "CO2")))
        out.loc[route, "applied_in_region"] = ["yes" if i in used else "no"
                                               for i in out.index[route]]
        co2 = found["CO2"].value / found["ncv"].value
        how = ("carbon content x oxidation factor x 44/12" if found["method"] ==
               "carbon_content" else "emission factor")
        lines.append(f"{item} burned in {region}: an inventory applies "
                     f"{co2.to('t CO2/TJ').magnitude:.4g} t CO2/TJ ({how}; "
                     f"{found['CO2'].rule})")
    order: list[Any] = []  # an added row after the last listed row of its item
    last = {item: i for i, item in zip(rows.index, rows["item"].astype(str), strict=True)}
    for i, item in zip(rows.index, rows["item"].astype(str), strict=True):
        order.append(i)
        if last[item] == i:
            order += added.get(item, [])
    return out.loc[order], lines


def regional_routes(table: Any, rows: pd.DataFrame) -> list[str]:
    """Lines naming, per fuel listed, the CO2 factor an inventory applies at each level.

    A listing without ``--region`` holds every region's rows; under ``--gas CO2`` (or
    ``--quantity emission_factor``) it held only the IPCC world emission factor of raw coal,
    94,600 kg CO2/TJ, while an inventory anywhere in China applies the Chinese bundle, a
    carbon content times an oxidation factor (89.27 t CO2/TJ), whose rows carry no gas
    (round 25 Z89; ``--region`` said so since T117). For each fuel of the listing whose
    bundled regions' CO2 factors differ, one line gives each level's factor and how it is
    made; the rows that make it may be outside the listing's filters.

    Parameters
    ----------
    table : FactorTable
        The factor tables listed.
    rows : pandas.DataFrame
        The listing (:meth:`carbonpath.FactorTable.select`).

    Returns
    -------
    list of str
        Empty when no listed fuel's factor differs between the regions of the tables.
    """
    from carbonpath.accounting.scalar import fuel_factors
    from carbonpath.codes import fuels

    codes = fuels().codes
    listed = [i for i in dict.fromkeys(rows["item"].astype(str)) if i in codes]
    lines: list[str] = []
    route = table.rows[table.rows["quantity"].isin(ROUTE_QUANTITIES)
                       & table.rows["gas"].isin(["", "CO2"])]
    for item in listed:
        made: dict[str, tuple[float, str]] = {}
        for region in dict.fromkeys(route.loc[route["item"] == item, "region"].astype(str)):
            try:
                found = fuel_factors(item, "industry", region, None, factors=table)
            except (CarbonpathError, KeyError, ValueError):
                continue  # no complete bundle at that level
            co2 = (found["CO2"].value / found["ncv"].value).to("t CO2/TJ").magnitude
            how = ("carbon content x oxidation factor x 44/12" if found["method"] ==
                   "carbon_content" else "emission factor")
            made[region] = (co2, how)
        if len({round(v, 2) for v, _ in made.values()}) < 2:
            continue
        said = "; ".join(f"{v:.4g} t CO2/TJ in "
                         f"{'any other region (world rows)' if r == 'world' else r + ' and below'}"
                         f" ({how})" for r, (v, how) in made.items())
        lines.append(f"{item}: an inventory applies {said}")
    return lines
