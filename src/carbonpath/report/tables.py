"""Summary tables of a saved run, derived as pure functions of a :class:`~carbonpath.run.RunResult`.

Every function here takes saved results (or one scenario's tables) and returns a tidy or
wide DataFrame in the model's canonical units (kt, ktce, MCNY, GW, GWh, CNY/t); nothing is
drawn, formatted or written. The figures (:mod:`carbonpath.report.figures`) and the report
(:mod:`carbonpath.report.render`) draw and format these tables.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.errors import GWPError, UnitError
from carbonpath.units import gwp_value, unit_factor

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = [
    "IMPORT_CATEGORY",
    "MILESTONES",
    "SHADOW_ZERO",
    "ZERO",
    "assumption_tables",
    "baseline_name",
    "cost_of_target",
    "costs_by_component",
    "emission_milestones",
    "emissions_by_sector",
    "emissions_totals",
    "energy_indicators",
    "energy_mix",
    "fleet_by_powertrain",
    "hydrogen_balance",
    "inventory_summaries",
    "marginal_costs",
    "milestone_years",
    "model_resolution",
    "plan_name",
    "power_capacity",
    "power_generation",
    "scenario_summary",
    "snap",
    "source_status",
    "target_shadow_prices",
    "target_table",
    "timeslice_hours",
]

#: The milestone years of China's peaking plans, reported when inside the horizon.
MILESTONES = (2025, 2030, 2035)

#: Category of electricity-trade emissions (grid factor x imports, minus exports under the
#: provincial method) in :func:`emissions_by_sector`.
IMPORT_CATEGORY = "electricity_net_import"

_TRADE_SCOPES = ("electricity_import", "electricity_export")

#: Values whose magnitude is below this (in the model's canonical units: kt, ktce, GW, GWh,
#: MCNY, CNY/t, vehicles) are solver noise and count as zero in every table and figure.
ZERO = 1e-6


def snap(values: pd.DataFrame | pd.Series, tol: float = ZERO) -> Any:
    """``values`` with every number whose magnitude is below ``tol`` set to 0.0 (no -0.0)."""
    numeric = values.astype(float)
    return numeric.where(numeric.abs() >= tol, 0.0) + 0.0


def _nonzero_columns(wide: pd.DataFrame, tol: float = ZERO) -> pd.DataFrame:
    """``wide`` snapped to zero below ``tol``, without the columns that are zero throughout."""
    if wide.empty:
        return wide
    wide = snap(wide, tol)
    return wide.loc[:, (wide != 0).any()]


# -- scenarios ------------------------------------------------------------------------------

def plan_name(result: RunResult) -> str | None:
    """Return the plan scenario's name.

    ``meta['plan_scenario']``, else ``plan``, else the last scenario that is not the
    baseline; None if the run holds no scenario.
    """
    names = list(result.pathways)
    name = result.meta.get("plan_scenario")
    if name in result.pathways:
        return name
    if "plan" in result.pathways:
        return "plan"
    others = [n for n in names if n != "baseline"]
    return others[-1] if others else (names[-1] if names else None)


def baseline_name(result: RunResult) -> str | None:
    """Return ``"baseline"`` if the run holds that scenario, else None."""
    return "baseline" if "baseline" in result.pathways else None


def _scenario_order(result: RunResult) -> list[str]:
    names = list(result.pathways)
    base, plan = baseline_name(result), plan_name(result)
    first = [n for n in (base, plan) if n is not None]
    return first + [n for n in names if n not in first]


def emissions_totals(result: RunResult) -> pd.DataFrame:
    """Emissions on the targets' basis by year and scenario.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; one column per scenario (baseline first, then the plan), kt of the
        targets' gas per year.
    """
    series = {}
    for name in _scenario_order(result):
        frame = result.pathways[name].get("emissions_total")
        if frame is not None and not frame.empty:
            series[name] = snap(frame.set_index("year")["value"])
    out = pd.DataFrame(series)
    out.index.name = "year"
    return out.sort_index()


def milestone_years(result: RunResult) -> list[int]:
    """Milestone years to report: 2025, 2030, 2035 and the horizon, after the base year."""
    meta = result.meta.get("dataset", {})
    base, horizon = meta.get("base_year"), meta.get("horizon")
    years = emissions_totals(result).index
    if base is None and len(years):
        base = int(years.min())
    if horizon is None and len(years):
        horizon = int(years.max())
    if base is None or horizon is None:
        return []
    found = [y for y in MILESTONES if base < y <= horizon]
    if horizon not in found and horizon > base:
        found.append(int(horizon))
    return found


def scenario_summary(result: RunResult) -> pd.DataFrame:
    """One row per scenario: its targets, peak and total cost.

    The peak is recomputed from ``emissions_total`` (the highest year; the earliest of ties).

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``targets`` (comma-separated names), ``status``, ``peak_year``,
        ``peak_level`` (kt), ``peaked`` (False where the highest year is the last model year:
        emissions still rise at the horizon, so no peak is found within it), ``target_peak_year``,
        ``objective`` (MCNY, discounted to the base year), ``cost_vs_baseline`` (MCNY; NaN
        without a baseline).
    """
    totals = emissions_totals(result)
    scenarios = result.meta.get("scenarios", {})
    base = baseline_name(result)
    base_obj = float(scenarios.get(base, {}).get("objective", np.nan)) if base else np.nan
    rows = []
    for name in totals.columns:
        series = totals[name].dropna()
        info = scenarios.get(name, {})
        objective = float(info.get("objective", np.nan))
        peak_year = int(series.idxmax()) if len(series) else None
        rows.append({
            "scenario": name, "targets": ", ".join(info.get("targets", []) or []),
            "status": info.get("status", ""), "peak_year": peak_year,
            "peak_level": float(series.max()) if len(series) else np.nan,
            "peaked": bool(len(series) > 1 and peak_year < int(series.index.max())),
            "target_peak_year": info.get("target_peak_year"), "objective": objective,
            "cost_vs_baseline": objective - base_obj if base else np.nan,
        })
    return pd.DataFrame(rows, columns=["scenario", "targets", "status", "peak_year",
                                       "peak_level", "peaked", "target_peak_year", "objective",
                                       "cost_vs_baseline"])


def emission_milestones(result: RunResult) -> pd.DataFrame:
    """Emissions of each scenario in the base year and the milestone years.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``scenario``, ``value`` (kt), ``change`` (fraction relative to the
        base year of the same scenario; -0.1 = 10 % below).
    """
    totals = emissions_totals(result)
    if totals.empty:
        return pd.DataFrame(columns=["year", "scenario", "value", "change"])
    base_year = result.meta.get("dataset", {}).get("base_year", int(totals.index.min()))
    years = [base_year, *milestone_years(result)]
    rows = []
    for year in years:
        if year not in totals.index:
            continue
        for name in totals.columns:
            value = float(totals.loc[year, name])
            ref = float(totals.loc[base_year, name]) if base_year in totals.index else np.nan
            rows.append((year, name, value, value / ref - 1 if ref else np.nan))
    return pd.DataFrame(rows, columns=["year", "scenario", "value", "change"])


def cost_of_target(result: RunResult) -> tuple[float, pd.DataFrame]:
    """The cost of the plan's targets: plan minus baseline.

    Returns
    -------
    total : float
        Plan objective minus baseline objective, MCNY (real, price year) discounted to the
        base year; NaN without a baseline or a plan.
    by_year : pandas.DataFrame
        Columns ``year``, ``baseline``, ``plan``, ``difference`` (undiscounted annual system
        cost, MCNY/yr) and ``difference_discounted`` (MCNY, discounted to the base year).
        Empty without both scenarios.
    """
    base, plan = baseline_name(result), plan_name(result)
    columns = ["year", "baseline", "plan", "difference", "difference_discounted"]
    if base is None or plan is None or base == plan:
        return float("nan"), pd.DataFrame(columns=columns)
    scenarios = result.meta.get("scenarios", {})
    total = (float(scenarios.get(plan, {}).get("objective", np.nan))
             - float(scenarios.get(base, {}).get("objective", np.nan)))
    parts = []
    for name in (base, plan):
        costs = result.pathways[name].get("costs", pd.DataFrame())
        if costs.empty:
            return total, pd.DataFrame(columns=columns)
        parts.append(costs.groupby("year")[["value", "discounted"]].sum())
    b, p = parts
    years = sorted(set(b.index) | set(p.index))
    b, p = b.reindex(years, fill_value=0.0), p.reindex(years, fill_value=0.0)
    frame = pd.DataFrame({"year": years, "baseline": b["value"].to_numpy(),
                          "plan": p["value"].to_numpy(),
                          "difference": (p["value"] - b["value"]).to_numpy(),
                          "difference_discounted": (p["discounted"] - b["discounted"]).to_numpy()})
    return total, frame


def energy_indicators(result: RunResult) -> pd.DataFrame:
    """Energy use, non-fossil share and intensities of each scenario by year.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``scenario``, ``total`` (ktce/yr), ``nonfossil`` (ktce/yr), ``share``
        (fraction), ``energy_intensity`` (ktce/MCNY of GDP), ``carbon_intensity`` (kt per
        MCNY of GDP; 1 kt/MCNY = 10 t/万元).
    """
    frames = []
    for name in _scenario_order(result):
        energy = result.pathways[name].get("energy")
        if energy is None or energy.empty:
            continue
        cols = [c for c in ("year", "total", "nonfossil", "share", "energy_intensity",
                            "carbon_intensity") if c in energy.columns]
        frames.append(energy[cols].assign(scenario=name))
    if not frames:
        return pd.DataFrame(columns=["year", "scenario", "total", "nonfossil", "share",
                                     "energy_intensity", "carbon_intensity"])
    return pd.concat(frames, ignore_index=True)


def marginal_costs(result: RunResult) -> pd.DataFrame:
    """Marginal cost of emissions by year and scenario, CNY per t (signed, undiscounted).

    Returns
    -------
    pandas.DataFrame
        Index ``year``; one column per scenario.
    """
    series = {}
    for name in _scenario_order(result):
        frame = result.pathways[name].get("marginal_cost")
        if frame is not None and not frame.empty:
            values = frame.set_index("year")["value"].astype(float)
            series[name] = snap(values)
    out = pd.DataFrame(series)
    out.index.name = "year"
    return out


def target_table(result: RunResult) -> pd.DataFrame:
    """The plan's targets as stated in the dataset, with source and status.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``type``, ``what`` (year(s), value and unit as given), ``status``,
        ``source``, ``scenarios`` (the scenarios that impose it).
    """
    targets = result.meta.get("targets", {}) or {}
    scenarios = result.meta.get("scenarios", {}) or {}
    rows = []
    for name, spec in targets.items():
        spec = dict(spec)
        what = []
        for key in ("year", "years", "start", "end", "relative_to", "group", "members",
                    "technology", "quantity", "value", "unit", "min", "max", "reference"):
            if key in spec and spec[key] not in (None, "", []):
                value = spec[key]
                if isinstance(value, dict):
                    value = " ".join(str(v) for v in value.values())
                elif isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                what.append(f"{key}: {value}")
        users = [s for s, info in scenarios.items() if name in (info.get("targets") or [])]
        rows.append({"name": name, "type": spec.get("type", ""), "what": "; ".join(what),
                     "status": spec.get("status", "") or source_status(spec.get("source", "")),
                     "source": spec.get("source", ""), "scenarios": ", ".join(users)})
    return pd.DataFrame(rows, columns=["name", "type", "what", "status", "source", "scenarios"])


#: Shadow prices whose magnitude is below this (CNY/t, CNY/tce, MCNY per unit ...) are zero:
#: the target does not bind in that year.
SHADOW_ZERO = 1e-3


def target_shadow_prices(result: RunResult, scenario: str | None = None,
                         tol: float = SHADOW_ZERO) -> pd.DataFrame:
    """Which targets of a scenario bind, from the shadow prices of its ``duals`` table.

    A target's shadow price in a year is the value of relaxing the target by one unit in
    that year (undiscounted; ``duals["shadow_price"]``, positive when the target binds). A
    target binds in the years where its shadow price's magnitude exceeds ``tol``; whether
    a row is ``active`` (exists with a finite bound) does not say whether it binds.

    Parameters
    ----------
    result : RunResult
        The saved run.
    scenario : str, optional
        Default: the plan (:func:`plan_name`).
    tol : float
        Shadow prices below this in magnitude count as zero.

    Returns
    -------
    pandas.DataFrame
        One row per target, in the order the scenario lists them, with columns ``target``,
        ``type``, ``rows`` (active rows: years with a finite bound), ``binding_years`` (list
        of int), ``shadow_price`` (the largest in magnitude, signed; 0 when it never binds),
        ``unit`` (``shadow_price_unit``), ``year`` (of that price; None when it never
        binds), ``binding`` (bool). Empty if the scenario has no ``duals`` table.
    """
    columns = ["target", "type", "rows", "binding_years", "shadow_price", "unit", "year",
               "binding"]
    scenario = scenario or plan_name(result)
    duals = result.pathways.get(scenario, {}).get("duals") if scenario else None
    if duals is None or duals.empty:
        return pd.DataFrame(columns=columns)
    duals = duals.copy()
    duals["active"] = duals["active"].astype(str).str.strip().str.lower().isin(("true", "1"))
    duals["shadow_price"] = snap(duals["shadow_price"].fillna(0.0), tol)
    listed = result.meta.get("scenarios", {}).get(scenario, {}).get("targets") or []
    names = [n for n in listed if n in set(duals["target"])]
    names += [n for n in dict.fromkeys(duals["target"]) if n not in names]
    rows = []
    for name in names:
        sub = duals[duals["target"] == name].sort_values("year")
        binding = sub[sub["shadow_price"] != 0]
        if binding.empty:
            price, unit, year = 0.0, str(sub["shadow_price_unit"].iloc[0]), None
        else:
            top = binding.loc[binding["shadow_price"].abs().idxmax()]
            price, unit, year = (float(top["shadow_price"]), str(top["shadow_price_unit"]),
                                 int(top["year"]))
        rows.append({"target": name, "type": str(sub["type"].iloc[0]),
                     "rows": int(sub["active"].sum()),
                     "binding_years": [int(y) for y in binding["year"]],
                     "shadow_price": price, "unit": unit, "year": year,
                     "binding": not binding.empty})
    return pd.DataFrame(rows, columns=columns)


def cap_levels(result: RunResult) -> list[tuple[float, list[int] | None]]:
    """Emission caps of the plan: (level in kt, the years it applies to or None for all).

    Caps whose unit is not a mass of the targets' gas are skipped.
    """
    plan = plan_name(result)
    info = result.meta.get("scenarios", {}).get(plan, {})
    active = set(info.get("targets") or [])
    gas = result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")
    out = []
    for name, spec in (result.meta.get("targets", {}) or {}).items():
        if name not in active or spec.get("type") != "cap":
            continue
        try:
            factor = unit_factor(str(spec.get("unit", f"kt {gas}")), f"kt {gas}")
        except (UnitError, ValueError):
            continue
        years = spec.get("years") or ([spec["year"]] if spec.get("year") else None)
        out.append((float(spec["value"]) * factor, [int(y) for y in years] if years else None))
    return out


# -- figure data ----------------------------------------------------------------------------

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


# -- provenance -----------------------------------------------------------------------------

def source_status(source: object) -> str:
    """Classify a ``source`` text as assumption, estimate, unverified, sourced or missing.

    A source that starts with "assumption" (or "estimate") is an assumption (an estimate);
    one that says "unverified" could not be checked against its document.
    """
    if source is None or (isinstance(source, float) and math.isnan(source)):
        return "missing"
    text = str(source).strip().lower()
    if not text:
        return "missing"
    if text.startswith("assumption"):
        return "assumption"
    if text.startswith("estimate"):
        return "estimate"
    if "unverified" in text:
        return "unverified"
    return "sourced"


def assumption_tables(dataset_tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The dataset's tables with a ``status`` column derived from each row's ``source``.

    The loader's ``line`` column (the row's line in its file) is kept first so a reader can
    find the row; tables without a ``source`` column are returned unchanged.

    Returns
    -------
    dict of str to pandas.DataFrame
        Same keys as ``dataset_tables``.
    """
    out = {}
    for name, frame in dataset_tables.items():
        frame = frame.copy()
        if "source" in frame.columns:
            status = frame.get("status")
            derived = frame["source"].map(source_status)
            if status is None:
                frame["status"] = derived
            else:
                given = status.astype(object)
                blank = given.isna() | (given.astype(str).str.strip() == "")
                frame["status"] = given.where(~blank, derived)
            cols = [c for c in frame.columns if c not in ("source", "status")]
            frame = frame[[*cols, "status", "source"]]
        out[name] = frame
    return out


#: Gases first in this order, as inventories list them; others follow alphabetically.
GAS_ORDER = ("CO2", "CH4", "N2O")

#: GWP set of the inventory summary's CO2e column when the dataset names none.
DEFAULT_GWP = "AR5"


def _gas_columns(summary: pd.DataFrame, units: dict[str, str], gwp: str | None
                 ) -> pd.DataFrame:
    """Gas columns in inventory order (CO2, CH4, N2O, others), then their CO2e total.

    The CO2e column weights each gas by its GWP100 (``gwp``; CH4 of unstated origin as
    non-fossil, as the model does); it is added only when every gas is in a mass unit
    (``t CH4``, ``kt N2O`` ...) and there is more than one gas. ``units`` gains its unit.
    """
    order = [g for g in GAS_ORDER if g in summary.columns]
    order += sorted(c for c in summary.columns if c not in order)
    summary = summary[order]
    if len(order) < 2:
        return summary
    try:
        to_t = {g: unit_factor(units[g].replace(f" {g}", ""), "t") for g in order}
        weights = {g: gwp_value(g, gwp, "non_fossil" if g == "CH4" else None) for g in order}
    except (UnitError, ValueError, KeyError, GWPError):
        return summary
    summary = summary.copy()
    summary["CO2e"] = sum(summary[g] * to_t[g] * weights[g] for g in order)
    units["CO2e"] = "t CO2e"
    summary.attrs["gwp"] = gwp
    return summary


def inventory_summaries(inventory: dict[str, pd.DataFrame],
                        gwp: str | None = None) -> dict[str, pd.DataFrame]:
    """By-sector (and by-gas) summaries of the base-year inventory's accounting tables.

    Only accounting tables are summed: those with a ``sector`` and an ``in_total`` column (the
    inventory's ``emissions`` and ``energy``). Rows with ``in_total`` false are left out and
    say so in ``attrs["note"]``. A table with a ``value`` column is summed by sector (and by
    gas, one column per gas, when it has a ``gas`` column) only if the values summed into
    one column share one unit; a table without ``value`` is summed over its other numeric
    columns (``energy_TJ``, ``standard_coal_tce`` ...). Factor and provenance tables (no
    ``in_total``; a factor per row, each in its own unit: kg CH4/TJ, t CO2/t ...) and tables
    whose units differ within a column have no summary: adding their values means nothing.

    Gas columns come in inventory order (CO2, CH4, N2O, then others), followed by a CO2e
    column (:func:`_gas_columns`) weighted with the GWP100 set ``gwp`` (default
    :data:`DEFAULT_GWP`; ``attrs["gwp"]`` names the set used).

    Returns
    -------
    dict of str to pandas.DataFrame
        Summary per table name (index ``sector``; a ``total`` row last);
        ``attrs["units"]`` maps each column to its unit ('' when the table has none).
    """
    gwp = gwp or DEFAULT_GWP
    out = {}
    for name, frame in inventory.items():
        if (frame is None or frame.empty or "sector" not in frame.columns
                or "in_total" not in frame.columns):
            continue
        frame = frame.copy()
        keep = frame["in_total"].astype(str).str.strip().str.lower().isin(("true", "1"))
        note = "in_total" if (~keep).any() else ""
        frame = frame[keep]
        if frame.empty:
            continue
        units: dict[str, str] = {}
        if "value" in frame.columns:
            unit = (frame["unit"].fillna("").astype(str).str.strip() if "unit" in frame.columns
                    else pd.Series("", index=frame.index))
            key = frame["gas"].astype(str) if "gas" in frame.columns else pd.Series(
                "value", index=frame.index)
            per_column = unit.groupby(key).unique()
            if any(len(u) > 1 for u in per_column):
                continue  # different units in one column: no sum
            units = {str(k): str(u[0]) for k, u in per_column.items()}
            if "gas" in frame.columns:
                summary = frame.pivot_table(index="sector", columns="gas", values="value",
                                            aggfunc="sum", fill_value=0.0)
                summary.columns = [str(c) for c in summary.columns]
                summary = _gas_columns(summary, units, gwp)
            else:
                summary = frame.groupby("sector")[["value"]].sum()
        else:
            numeric = [c for c in frame.select_dtypes("number").columns
                       if c not in ("year", "line", "row", "key")]
            if not numeric:
                continue
            summary = frame.groupby("sector")[numeric].sum()
            units = dict.fromkeys(numeric, "")
        gwp_used = summary.attrs.get("gwp")
        summary = summary.sort_values(summary.columns[0], ascending=False)
        summary.loc["total"] = summary.sum()
        summary.attrs["note"] = note
        if gwp_used:
            summary.attrs["gwp"] = gwp_used
        summary.attrs["units"] = units
        out[name] = summary
    return out
