"""Tables of one scenario's pathway: emissions by sector, energy mix, power, hydrogen, fleet, costs.

Each function takes one scenario's saved tables (and the technology classes where it says so)
and returns a wide DataFrame in the model's canonical units. Moved out of
:mod:`carbonpath.report.tables`, which re-exports every name.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import UnitError
from carbonpath.report.table_basics import (
    _TRADE_SCOPES,
    IMPORT_CATEGORY,
    _nonzero_columns,
    snap,
)
from carbonpath.units import gwp_value, unit_factor


def emissions_by_sector(tables: dict[str, pd.DataFrame], gas: str = "CO2",
                        gwp: str | None = None) -> pd.DataFrame:
    """Emissions on the targets' basis by year and sector.

    Rows of the electricity-trade scopes (imports, and exports under the provincial method)
    form the category :data:`IMPORT_CATEGORY`; other rows fall under their sector. With a
    CO2e basis each gas is weighted by its GWP (``gwp``; CH4 of unstated origin as
    non-fossil, as the model does).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        One scenario's tables (``emissions``: year, sector, technology, gas, scope, value kt).
    gas : str
        The targets' gas basis, ``CO2`` or ``CO2e``.
    gwp : str, optional
        GWP set for a ``CO2e`` basis.

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per category (kt/yr), largest total first; empty if the
        scenario has no emissions table.
    """
    em = tables.get("emissions")
    if em is None or em.empty:
        return pd.DataFrame()
    em = em.copy()
    if "in_total" in em.columns:  # e.g. power plants under the GPC method: reported, not counted
        em = em[em["in_total"].astype(str).str.lower().isin(("true", "1"))]
    if gas == "CO2e":
        weights = {g: gwp_value(g, gwp, "non_fossil" if g == "CH4" else None)
                   for g in em["gas"].unique()}
        em["value"] = em["value"] * em["gas"].map(weights)
    else:
        em = em[em["gas"] == gas]
    em["category"] = np.where(em["scope"].isin(_TRADE_SCOPES), IMPORT_CATEGORY, em["sector"])
    wide = em.pivot_table(index="year", columns="category", values="value", aggfunc="sum",
                          fill_value=0.0)
    wide = _nonzero_columns(wide)
    order = wide.abs().sum().sort_values(ascending=False).index
    return wide[order]


def energy_mix(tables: dict[str, pd.DataFrame], classes: pd.DataFrame,
               commodities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Energy consumption by source (ktce/yr) from the ``energy_supply`` table.

    Each supplying technology is labelled by the commodity it supplies (its first output, e.g.
    ``raw_coal``); local non-fossil generation by the technology itself; electricity trade by
    ``electricity_net_import``. If the results predate ``energy_supply``, the mix is split
    into ``fossil`` and ``nonfossil`` from the ``energy`` table.

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per source (ktce/yr), largest first; ``attrs["nonfossil"]``
        lists the non-fossil columns. Empty without energy results.
    """
    supply = tables.get("energy_supply")
    if supply is None or supply.empty:
        energy = tables.get("energy")
        if energy is None or energy.empty:
            return pd.DataFrame()
        out = pd.DataFrame({"fossil": energy["total"] - energy["nonfossil"],
                            "nonfossil": energy["nonfossil"]})
        out.index = energy["year"].to_numpy()
        out.index.name = "year"
        out.attrs["nonfossil"] = ["nonfossil"]
        return out

    def source(code: str) -> str:
        """The source text of a row, whichever column holds it."""
        if code not in classes.index:
            return code
        row = classes.loc[code]
        if row["kind"] in ("import", "export") and "electricity" in (
                row["output_kinds"] + row["input_kinds"]):
            return IMPORT_CATEGORY
        if row["nonfossil"] and row["power"]:
            return code
        outputs = row["outputs"]
        return outputs[0] if len(outputs) else code

    frame = supply.assign(source=supply["technology"].map(source))
    wide = frame.pivot_table(index="year", columns="source", values="total", aggfunc="sum",
                             fill_value=0.0)
    nonfossil = frame.groupby("source")["nonfossil"].sum()
    totals = frame.groupby("source")["total"].sum()
    wide = _nonzero_columns(wide)
    wide = wide[wide.abs().sum().sort_values(ascending=False).index]
    wide.attrs["nonfossil"] = [c for c in wide.columns
                               if c != IMPORT_CATEGORY and totals.get(c, 0)
                               and nonfossil.get(c, 0) >= 0.999 * totals.get(c, 0)]
    return wide


def model_resolution(meta: dict[str, Any], scenario: str | None = None) -> dict[str, Any]:
    """The time resolution a scenario was solved at.

    ``meta["scenarios"][scenario]["resolution"]`` as :func:`carbonpath.run.run` records it
    (the first scenario's when ``scenario`` is None or unknown); for results written before
    that was recorded, the dataset's ``timeslices``: ``model_hours`` blocks per day (else
    ``hours``), each 24/blocks hours long.

    Returns
    -------
    dict
        ``days`` (representative days), ``hours`` (blocks per day), ``block_hours`` (clock
        hours per block).
    """
    scenarios = meta.get("scenarios", {}) or {}
    info = scenarios.get(scenario) if scenario in scenarios else next(
        iter(scenarios.values()), {})
    found = (info or {}).get("resolution") or {}
    if found.get("hours"):
        hours = int(found["hours"])
        return {"days": int(found.get("days", 0) or 0), "hours": hours,
                "block_hours": float(found.get("block_hours") or 24.0 / hours)}
    ts = meta.get("dataset", {}).get("timeslices", {}) or {}
    hours = int(ts.get("model_hours") or ts.get("hours") or 24)
    return {"days": len(ts.get("days", []) or []), "hours": hours, "block_hours": 24.0 / hours}


def timeslice_hours(meta: dict[str, Any], scenario: str | None = None) -> dict[str, float]:
    """Hours per year that one time block of each representative day stands for.

    A day of weight w (days per year) solved in blocks of b clock hours
    (:func:`model_resolution` of ``scenario``): w x b.
    """
    ts = meta.get("dataset", {}).get("timeslices", {}) or {}
    block = model_resolution(meta, scenario)["block_hours"]
    return {str(d["name"]): float(d["weight"]) * block for d in ts.get("days", [])}


def _to_unit(values: pd.Series, units: pd.Series, target: str) -> pd.Series | None:
    try:
        factors = {u: unit_factor(str(u), target) for u in units.unique()}
    except (UnitError, ValueError):
        return None
    return values * units.map(factors)


def power_capacity(tables: dict[str, pd.DataFrame], classes: pd.DataFrame) -> pd.DataFrame:
    """Installed capacity of generators, electricity storage and electrolysers.

    Grid links (technologies of kind ``import`` or ``export``) are not capacity the region
    builds: they are left out here and shown as flows (:func:`power_generation`).

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per technology (GW), generators first (fossil, then
        non-fossil), then storage, then electrolysers; empty if there are none.
    """
    cap = tables.get("capacity")
    if cap is None or cap.empty or classes.empty:
        return pd.DataFrame()
    chosen = classes[(classes["power"] | classes["power_storage"] | classes["electrolysis"])
                     & ~classes["kind"].isin(["import", "export"])]
    cap = cap[cap["technology"].isin(chosen.index)]
    if cap.empty:
        return pd.DataFrame()
    gw = _to_unit(cap["total"], cap["unit"], "GW")
    if gw is None:
        return pd.DataFrame()
    wide = cap.assign(gw=gw).pivot_table(index="year", columns="technology", values="gw",
                                         aggfunc="sum", fill_value=0.0)
    wide = _nonzero_columns(wide)
    return wide[_power_order(wide.columns, classes)]


def electricity_commodities(classes: pd.DataFrame,
                            commodities: pd.DataFrame | None = None) -> set[str]:
    """Codes of the commodities of kind ``electricity``.

    From the dataset's commodity table when given; else the outputs of technologies whose
    every output is of kind electricity (a CHP plant's steam or heat is never counted).
    """
    if commodities is not None and not commodities.empty and "kind" in commodities.columns:
        return {str(c) for c in commodities.loc[commodities["kind"] == "electricity",
                                                "commodity"]}
    if classes.empty:
        return set()
    only = classes[classes["output_kinds"].map(lambda k: bool(k) and set(k) == {"electricity"})]
    return {c for codes in only["outputs"] for c in codes}


def _power_order(columns: pd.Index, classes: pd.DataFrame) -> list[str]:
    def key(code: str) -> tuple[int, str]:
        """Sort key of a row."""
        row = classes.loc[code]
        if row["electrolysis"]:
            rank = 5
        elif row["power_storage"]:
            rank = 4
        elif row["kind"] in ("import", "export"):
            rank = 3
        elif "hydrogen" in row["input_kinds"]:
            rank = 2
        else:
            rank = 1 if row["nonfossil"] else 0
        return rank, code

    return sorted(columns, key=key)


def power_generation(tables: dict[str, pd.DataFrame], classes: pd.DataFrame,
                     hours: dict[str, float],
                     commodities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Electricity supplied by technology: generation, grid flows and storage discharge.

    Only outputs of kind electricity count: a CHP plant's steam and district heat are not
    electricity. Electricity sent out over a grid link (a technology of kind ``export``
    taking electricity in) is a negative column, so the stack nets to local use.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        One scenario's tables (``flows``, ``storage``).
    classes : pandas.DataFrame
        :func:`~carbonpath.report.classify.classify_technologies`.
    hours : dict of str to float
        Hours per year of one timeslice of each representative day (:func:`timeslice_hours`).
    commodities : pandas.DataFrame, optional
        The dataset's commodity table (``commodity``, ``kind``), to know which commodities
        are electricity (:func:`electricity_commodities`).

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per technology (GWh/yr; exports negative); empty if
        nothing supplies electricity. ``attrs["generation"]``: the technologies that
        generate (neither grid links nor storage).
    """
    flows = tables.get("flows")
    parts = []
    electricity = electricity_commodities(classes, commodities)
    if flows is not None and not flows.empty and not classes.empty:
        power = classes[classes["power"]]
        sel = flows[(flows["direction"] == "output") & flows["technology"].isin(power.index)
                    & flows["commodity"].isin(electricity)]
        gwh = _to_unit(sel["value"], sel["unit"], "GWh/yr") if not sel.empty else None
        if gwh is not None:
            parts.append(sel.assign(gwh=gwh)[["year", "technology", "gwh"]])
        exports = classes.index[classes["kind"] == "export"]
        sel = flows[(flows["direction"] == "input") & flows["technology"].isin(exports)
                    & flows["commodity"].isin(electricity)]
        gwh = _to_unit(sel["value"], sel["unit"], "GWh/yr") if not sel.empty else None
        if gwh is not None:
            parts.append(sel.assign(gwh=-gwh)[["year", "technology", "gwh"]])
    storage = tables.get("storage")
    if storage is not None and not storage.empty and not classes.empty:
        sel = storage[storage["technology"].isin(classes.index[classes["power_storage"]])]
        if not sel.empty:
            weight = sel["day"].astype(str).map(hours).fillna(0.0)
            power_factor = _to_unit(sel["discharge"], sel["power_unit"], "GW")
            if power_factor is not None:
                parts.append(sel.assign(gwh=power_factor * weight)[["year", "technology",
                                                                    "gwh"]])
    if not parts:
        return pd.DataFrame()
    frame = pd.concat(parts, ignore_index=True)
    wide = frame.pivot_table(index="year", columns="technology", values="gwh", aggfunc="sum",
                             fill_value=0.0)
    wide = _nonzero_columns(wide)
    if wide.empty:
        return wide
    wide = wide[_power_order(wide.columns, classes)]
    wide.attrs["generation"] = [
        c for c in wide.columns if c in classes.index and classes.loc[c, "power"]
        and classes.loc[c, "kind"] not in ("import", "export")
        and not classes.loc[c, "power_storage"]]
    return wide


def hydrogen_balance(tables: dict[str, pd.DataFrame], classes: pd.DataFrame,
                     commodities: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Production (positive) and use (negative) of hydrogen by technology.

    Hydrogen is every commodity of kind ``hydrogen`` (commodities.csv). Storage losses
    (charge minus discharge) appear as ``storage_losses``.

    Returns
    -------
    balance : pandas.DataFrame
        Index ``year``; one column per technology (and ``storage_losses``), in ``unit``.
    unit : str
        ``"GWh/yr"`` when hydrogen is counted in energy, else the commodity's unit per year.
    """
    if commodities is None or commodities.empty:
        return pd.DataFrame(), ""
    h2 = set(commodities.loc[commodities["kind"] == "hydrogen", "commodity"].astype(str))
    flows = tables.get("flows")
    if not h2 or flows is None or flows.empty:
        return pd.DataFrame(), ""
    sel = flows[flows["commodity"].isin(h2)].copy()
    if sel.empty:
        return pd.DataFrame(), ""
    sel["signed"] = np.where(sel["direction"] == "output", sel["value"], -sel["value"])
    unit = "GWh/yr"
    converted = _to_unit(sel["signed"], sel["unit"], unit)
    if converted is None:
        unit = str(sel["unit"].iloc[0])
        converted = sel["signed"]
    sel["amount"] = converted
    wide = sel.pivot_table(index="year", columns="technology", values="amount", aggfunc="sum",
                           fill_value=0.0)
    balances = tables.get("balances")
    if balances is not None and not balances.empty and "storage_losses" in balances.columns:
        losses = balances[balances["commodity"].isin(h2)]
        conv = _to_unit(losses["storage_losses"], losses["unit"], unit)
        if conv is not None:
            wide["storage_losses"] = -losses.assign(v=conv).groupby("year")["v"].sum().reindex(
                wide.index, fill_value=0.0)
    wide = _nonzero_columns(wide)
    if wide.empty:
        return wide, unit
    producers = [c for c in wide.columns if wide[c].sum() > 0]
    users = [c for c in wide.columns if c not in producers]
    return wide[producers + users], unit


def fleet_by_powertrain(tables: dict[str, pd.DataFrame],
                        classes: pd.DataFrame) -> pd.DataFrame:
    """Stock of transport technologies by group and powertrain.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``group`` (the technology's group, else its sector), ``powertrain``
        (:data:`~carbonpath.report.classify.POWERTRAINS`), ``value``, ``unit`` (the capacity
        unit, e.g. vehicle); empty if the dataset has no transport technologies with capacity.
    """
    columns = ["year", "group", "powertrain", "value", "unit"]
    cap = tables.get("capacity")
    if cap is None or cap.empty or classes.empty:
        return pd.DataFrame(columns=columns)
    transport = classes[classes["transport"]]
    cap = cap[cap["technology"].isin(transport.index)]
    if cap.empty:
        return pd.DataFrame(columns=columns)
    groups = transport["group"].where(transport["group"] != "", transport["sector"])
    frame = cap.assign(group=cap["technology"].map(groups),
                       powertrain=cap["technology"].map(transport["powertrain"]))
    out = frame.groupby(["year", "group", "powertrain", "unit"], as_index=False)["total"].sum()
    out["total"] = snap(out["total"])
    return out.rename(columns={"total": "value"})[columns]


def costs_by_component(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Annual system cost by component (investment annuities, fixed O&M, variable ...).

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per component, MCNY/yr undiscounted (real, price year).
    """
    costs = tables.get("costs")
    if costs is None or costs.empty:
        return pd.DataFrame()
    wide = snap(costs.pivot_table(index="year", columns="component", values="value",
                                  aggfunc="sum", fill_value=0.0))
    order = [c for c in ("investment", "fixed_om", "variable") if c in wide.columns]
    return wide[order + [c for c in wide.columns if c not in order]]
