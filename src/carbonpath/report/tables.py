"""Summary tables of a saved run, derived as pure functions of a :class:`~carbonpath.run.RunResult`.

Every function here takes saved results (or one scenario's tables) and returns a tidy or
wide DataFrame in the model's canonical units (kt, ktce, MCNY, GW, GWh, CNY/t); nothing is
drawn, formatted or written. The figures (:mod:`carbonpath.report.figures`) and the report
(:mod:`carbonpath.report.render`) draw and format these tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from carbonpath.errors import UnitError
from carbonpath.model.peaks import peak_label
from carbonpath.report.table_basics import (
    IMPORT_CATEGORY,
    MILESTONES,
    ZERO,
    snap,
)
from carbonpath.report.tables_inputs import (
    DEFAULT_GWP,
    GAS_ORDER,
    assumption_tables,
    inventory_summaries,
    source_status,
)
from carbonpath.report.tables_pathway import (
    _to_unit,  # noqa: F401 (old path: T._to_unit)
    costs_by_component,
    electricity_commodities,
    emissions_by_sector,
    energy_mix,
    fleet_by_powertrain,
    hydrogen_balance,
    model_resolution,
    power_capacity,
    power_generation,
    timeslice_hours,
)
from carbonpath.units import unit_factor

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = [
    "DEFAULT_GWP",
    "GAS_ORDER",
    "IMPORT_CATEGORY",
    "MILESTONES",
    "SHADOW_ZERO",
    "ZERO",
    "assumption_tables",
    "baseline_name",
    "cost_of_target",
    "costs_by_component",
    "electricity_commodities",
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
    """Return the run's cost reference: the scenario the plan's cost is measured against.

    ``meta['cost_reference']`` (the ``cost_reference`` role of ``dataset.yaml``, recorded by
    :func:`carbonpath.run`; None when the run had none), else, for results written before
    the role was recorded, ``"baseline"`` if the run holds that scenario, else None.
    """
    if "cost_reference" in result.meta:
        name = result.meta["cost_reference"]
        return name if name in result.pathways else None
    return "baseline" if "baseline" in result.pathways else None


def _scenario_order(result: RunResult) -> list[str]:
    names = list(result.pathways)
    base, plan = baseline_name(result), plan_name(result)
    # dict.fromkeys: one entry when the plan is its own cost reference (roles, D152)
    first = list(dict.fromkeys(n for n in (base, plan) if n is not None))
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
        ``objective`` (MCNY, discounted to the discount year), ``cost_vs_baseline`` (MCNY; NaN
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
        peak_year = int(peak_label(series)) if len(series) else None
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
        discount year; NaN without a baseline or a plan.
    by_year : pandas.DataFrame
        Columns ``year``, ``baseline``, ``plan``, ``difference`` (undiscounted annual system
        cost, MCNY/yr) and ``difference_discounted`` (MCNY, discounted to the discount year).
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

# -- provenance -----------------------------------------------------------------------------

