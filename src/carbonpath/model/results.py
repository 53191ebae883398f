"""``Pathway``: the solved model as tidy tables with units, duals and provenance.

This module and :mod:`carbonpath.model.data` are the unit boundary: the solution's floats are
in canonical units (GW, GWh, kt, MCNY ...) and every table here carries a ``unit`` column.
Duals are read from the rows they belong to and reported undiscounted and signed.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyomo.environ as pyo

from carbonpath.model.adequacy import capacity_price_table
from carbonpath.model.components import alive, annuity_years
from carbonpath.model.fleet import retirement_table
from carbonpath.model.network import region_tables, target_scope
from carbonpath.model.solve import SolveResult, solver_version
from carbonpath.model.targets import row_is_active

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["Pathway", "make_pathway"]


@dataclass
class Pathway:
    """A least-cost pathway: tidy results with units, duals, status and provenance.

    Solver round-off below :data:`ROUND_OFF` (1e-9 in the tables' units) is shown as zero.

    Attributes
    ----------
    dataset : str
        Dataset name.
    scenario : str or None
        Scenario name.
    status : str
        Solver status (always ``"Optimal"`` for a Pathway; other outcomes raise).
    objective : float
        Total discounted system cost (MCNY of the price year, discounted to the base year).
    tables : dict of str to pandas.DataFrame
        ``capacity`` (technology, year, new, total, unit), ``activity`` (technology, sector,
        year, value, unit), ``flows`` (technology, commodity, direction, year, value, unit),
        ``dispatch`` (technology, year, day, hour, value GW), ``storage`` (technology, year,
        day, hour, charge, discharge, level, units), ``balances`` (commodity, year,
        production, use, demand, surplus, unit), ``emissions`` (year, sector, technology,
        gas, scope, in_total, value, unit kt: scope is ``direct``, ``electricity_import``,
        ``electricity_export``, or under the GPC method ``electricity_consumption`` /
        ``heat_consumption``; ``in_total`` says whether the row counts in the method's total),
        ``emissions_total`` (year, value, unit: the targets' basis), ``energy`` (year, total,
        nonfossil, share, unit ktce), ``energy_supply`` (year, technology, sector, total,
        nonfossil, unit ktce: the terms of ``energy`` by supplying technology, i.e. the
        energy mix), ``costs`` (year, technology, component, value, discounted, unit MCNY),
        ``marginal_cost`` (year, value, unit CNY/t), ``duals`` (target, type, year, sense,
        active (the row has a finite bound; binding shows in shadow_price), dual,
        undiscounted, unit, shadow_price, shadow_price_unit), ``prices`` (commodity, year,
        value, unit: undiscounted marginal cost); where the dataset has them,
        ``capacity_prices`` (commodity, year, value CNY/kW/yr, binding: the reserve
        margin's dual, undiscounted) and ``retirement`` (technology, year, retired,
        stranded MCNY/yr: capacity retired early and the annuities it strands). In a dataset
        of several regions the technology tables carry a ``region`` column, ``flows``,
        ``balances`` and ``prices`` a ``region`` beside the ``commodity``, and two tables are
        added: ``emissions_region`` and ``links`` (see
        :func:`carbonpath.model.network.region_tables`).
    peak_year : int
        Year of the highest emissions (the targets' basis) in the model years.
    peak_level : float
        Those emissions, kt.
    solver : dict
        Name and version, options, threads, status, seconds, iterations.
    timings : dict
        Seconds of data preparation, build, hand-off and solve.
    coefficient_range : dict
        Min and max absolute coefficients of the LP (matrix, costs, bounds, rhs).
    provenance : pandas.DataFrame
        Per technology and gas, the emission factor used and its source and rule.
    warnings : list of str
        Things to look at (set by comparisons, e.g. :meth:`compare_baseline`).
    """

    dataset: str
    scenario: str | None
    status: str
    objective: float
    tables: dict[str, pd.DataFrame]
    peak_year: int
    peak_level: float
    target_peak_year: int | None
    solver: dict[str, Any]
    timings: dict[str, float]
    coefficient_range: dict[str, Any]
    provenance: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        msg = f"'Pathway' has no attribute or table '{name}'"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        """One line: dataset, scenario, status, cost, peak and the names of the tables."""
        unit = self.tables.get("emissions_total", pd.DataFrame({"unit": []}))["unit"]
        unit = str(unit.iloc[0]).removesuffix("/yr") if len(unit) else ""
        return (f"Pathway(dataset={self.dataset!r}, scenario={self.scenario!r}, "
                f"status={self.status!r}, objective={self.objective:,.1f} MCNY, "
                f"peak {self.peak_level:,.1f} {unit} in {self.peak_year}, "
                f"tables: {', '.join(self.tables)})")

    def emissions_in(self, year: int) -> float:
        """Emissions on the targets' basis in ``year``, kt."""
        frame = self.tables["emissions_total"]
        return float(frame.loc[frame["year"] == year, "value"].iloc[0])

    def total_cost(self) -> float:
        """Total discounted system cost, MCNY (the objective)."""
        return self.objective

    def compare_baseline(self, baseline: Pathway) -> list[str]:
        """Warn where meeting the targets raised emissions above the baseline's.

        A bare peak-year target rewards a higher peak: emitting more up to the peak year
        loosens every row after it. Returns the warnings added to :attr:`warnings`.
        """
        found = []
        limit = self.target_peak_year
        mine = self.tables["emissions_total"].set_index("year")["value"]
        base = baseline.tables["emissions_total"].set_index("year")["value"]
        if limit is not None:
            higher = [y for y in mine.index if y <= limit and y in base.index
                      and mine[y] > base[y] * (1 + 1e-6) + 1e-6]
            if higher:
                worst = max(higher, key=lambda y: mine[y] - base[y])
                found.append(
                    f"meeting the targets raised emissions above the baseline before the peak "
                    f"year {limit} in {len(higher)} year(s) (most in {worst}: "
                    f"{mine[worst] / 1e3:.2f} vs {base[worst] / 1e3:.2f} Mt): a peak-year target "
                    "alone rewards a higher peak; pair it with a peak-level cap")
        if self.peak_level > baseline.peak_level * (1 + 1e-6):
            found.append(f"the peak level ({self.peak_level / 1e3:.2f} Mt, {self.peak_year}) is "
                         f"above the baseline's ({baseline.peak_level / 1e3:.2f} Mt, "
                         f"{baseline.peak_year})")
        self.warnings.extend(found)
        return found

    def to_csv(self, folder: str | Path) -> list[Path]:
        """Write every table to ``folder/<table>.csv`` (UTF-8); return the paths.

        The folder is an output folder (:mod:`carbonpath.outputs`): its other files are left
        alone, and a ``<table>.csv`` that carbonpath did not write there (or that was edited
        since) is never replaced.

        Raises
        ------
        OutputFolderError
            If ``folder`` is a file, cannot be written, or holds a ``<table>.csv`` of the
            user's.
        """
        from carbonpath._checks import check_types
        from carbonpath.outputs import prepare

        check_types("Pathway.to_csv", folder=(folder, (str, os.PathLike)))
        with prepare(folder, will_write=[f"{name}.csv" for name in self.tables]) as out:
            for name, frame in self.tables.items():
                frame.to_csv(out.path(f"{name}.csv"), index=False)
        return [out.dest / f"{name}.csv" for name in self.tables]


#: The tables of every :class:`Pathway`, as written by :meth:`Pathway.to_csv`.
TABLE_NAMES = ("capacity", "energy_capacity", "activity", "flows", "dispatch", "storage",
               "balances", "emissions", "emissions_total", "energy", "energy_supply", "costs",
               "marginal_cost", "duals", "prices")


#: Solver round-off below this (in the tables' canonical units: GW, GWh, kt, MCNY ...) is
#: reported as zero, so that tables show 0 rather than -0.0 or 1e-13.
ROUND_OFF = 1e-9


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Zero the solver's round-off (and negative zeros) in the float columns of a table."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            values = out[col].to_numpy(copy=True)
            values[np.abs(values) < ROUND_OFF] = 0.0
            out[col] = values + 0.0
    return out


def make_pathway(pm: PathwayModel, result: SolveResult) -> Pathway:
    """Turn a solver result into a :class:`Pathway` (canonical floats + unit columns)."""
    d = pm.data
    m = pm.model
    h = pm.highs
    col = result.col_value

    def value(var: Any) -> float:
        """The solution value of a variable (its fixed value if it was compiled away)."""
        j = h.col_of.get(id(var))
        if j is None:
            return float(var.lb) if var.lb is not None else 0.0
        return float(col[j])

    years = d.years
    rows_cap, rows_act, rows_flow, rows_em, rows_cost = [], [], [], [], []
    activity: dict[tuple[str, int], float] = {}
    for t in d.techs.values():
        for y in years:
            k = d.year_index[y]
            new = value(m.new_capacity[t.code, y]) if (t.code, y) in m.new_capacity else 0.0
            total = t.residual[k] + sum(value(m.new_capacity[t.code, v]) for v in alive(d, t, y))
            active = value(m.active_capacity[t.code, y]) if t.early_retirement else total
            if t.capacitated:
                rows_cap.append((t.code, t.sector, y, new, total, active, t.capacity_unit))
            if t.storage is not None:
                continue
            act = value(m.activity[t.code, y])
            activity[(t.code, y)] = act
            rows_act.append((t.code, t.sector, y, act, f"{t.activity_unit}/yr"))
            for c, r in t.inputs.items():
                rows_flow.append((t.code, c, "input", y, r * act,
                                  f"{d.commodities.loc[c, 'unit']}/yr"))
            for c, r in t.outputs.items():
                rows_flow.append((t.code, c, "output", y, r * act,
                                  f"{d.commodities.loc[c, 'unit']}/yr"))
            for gas, coeff in t.emissions.items():
                if coeff[k] != 0 and act != 0:
                    rows_em.append((y, t.sector, t.code, gas, t.emission_scope,
                                    t.direct_in_target, coeff[k] * act, f"kt {gas}/yr"))
            for kind, coeff in t.scope2.items():
                if coeff[k] != 0 and act != 0:
                    rows_em.append((y, t.sector, t.code, "CO2", f"{kind}_consumption", True,
                                    coeff[k] * act, "kt CO2/yr"))
            if t.variable_cost[k]:
                rows_cost.append((y, t.code, "variable", t.variable_cost[k] * act))
        # investment annuities and fixed O&M by year (undiscounted)
        crf = t.crf()
        for y in years:
            k = d.year_index[y]
            invest = 0.0
            for v in d.decision_years:
                if t.investable and y in annuity_years(d, t, v):
                    kv = d.year_index[v]
                    invest += t.capex[kv] * crf * value(m.new_capacity[t.code, v])
                    if t.storage is not None:
                        invest += (t.storage.capex_energy[kv] * crf
                                   * value(m.new_energy_capacity[t.code, v]))
            if invest:
                rows_cost.append((y, t.code, "investment", invest))
            if t.capacitated:
                cap = (value(m.active_capacity[t.code, y]) if t.early_retirement else
                       t.residual[k] + sum(value(m.new_capacity[t.code, v])
                                           for v in alive(d, t, y)))
                fixed = t.fixed_om[k] * cap
                if t.storage is not None:
                    ecap = t.storage.residual_energy[k] + sum(
                        value(m.new_energy_capacity[t.code, v]) for v in alive(d, t, y))
                    fixed += t.storage.fixed_om_energy[k] * ecap
                if fixed:
                    rows_cost.append((y, t.code, "fixed_om", fixed))
    capacity = pd.DataFrame(rows_cap, columns=["technology", "sector", "year", "new", "total",
                                               "active", "unit"])
    activity_frame = pd.DataFrame(rows_act, columns=["technology", "sector", "year", "value",
                                                     "unit"])
    flows = pd.DataFrame(rows_flow, columns=["technology", "commodity", "direction", "year",
                                             "value", "unit"])
    for com, values in d.demand_emissions.items():
        kind = d.commodities.loc[com, "kind"]
        for y in years:
            if values[d.year_index[y]]:
                rows_em.append((y, "final_demand", "", "CO2", f"{kind}_consumption", True,
                                float(values[d.year_index[y]]), "kt CO2/yr"))
    emissions = pd.DataFrame(rows_em, columns=["year", "sector", "technology", "gas", "scope",
                                               "in_total", "value", "unit"])
    costs = pd.DataFrame(rows_cost, columns=["year", "technology", "component", "value"])
    df = dict(zip(years, d.discount_factor, strict=True))
    costs["discounted"] = costs["value"] * costs["year"].map(df)
    costs["unit"] = "MCNY"
    storage_caps = []
    for t in d.techs.values():
        if t.storage is not None:
            for y in years:
                k = d.year_index[y]
                new = (value(m.new_energy_capacity[t.code, y])
                       if (t.code, y) in m.new_energy_capacity else 0.0)
                total = t.storage.residual_energy[k] + sum(
                    value(m.new_energy_capacity[t.code, v]) for v in alive(d, t, y))
                storage_caps.append((t.code, t.sector, y, new, total, total,
                                     t.storage.energy_unit))
    energy_capacity = pd.DataFrame(storage_caps, columns=capacity.columns)

    # emissions on the targets' basis, with the marginal cost of emissions
    e_total = [value(m.emissions[y]) for y in years]
    duals_e = [h.dual(result, m.emission_definition[y]) for y in years]
    emissions_total = pd.DataFrame({"year": years, "value": e_total,
                                    "unit": f"kt {d.emissions['gas']}/yr",
                                    "method": d.emissions["method"]})
    marginal = pd.DataFrame({
        "year": years,
        "value": [dual / df[y] * 1000.0 for dual, y in zip(duals_e, years, strict=True)],
        "unit": "CNY/t",
    })
    # duals of every target row (undiscounted; signed)
    dual_rows = []
    for key, row in pm.target_rows.items():
        con = m.target[key]
        dual = h.dual(result, con)
        active = row_is_active(con)
        dual_rows.append((row.target, row.type, row.year, row.sense, active, dual,
                          dual / df[row.year] if row.year in df else dual,
                          f"MCNY per {row.unit}" if row.unit else "MCNY"))
    duals = pd.DataFrame(dual_rows, columns=["target", "type", "year", "sense", "active",
                                             "dual", "undiscounted", "unit"])
    # shadow price: the value of relaxing the target by one unit, positive when it binds
    sign = duals["sense"].map({"<=": -1.0, ">=": 1.0})
    per_unit = duals["unit"].map(lambda u: {"MCNY per kt": ("CNY/t", 1000.0),
                                            "MCNY per ktce": ("CNY/tce", 1000.0)}.get(
                                                u, (u, 1.0)))
    duals["shadow_price"] = sign * duals["undiscounted"] * per_unit.map(lambda x: x[1])
    duals["shadow_price_unit"] = per_unit.map(lambda x: x[0])
    # energy and non-fossil share
    energy_rows = []
    for y in years:
        k = d.year_index[y]
        total = sum(t.energy_tce[k] * activity.get((t.code, y), 0.0) for t in d.techs.values()
                    if t.storage is None)
        nonfossil = sum(t.nonfossil_tce[k] * activity.get((t.code, y), 0.0)
                        for t in d.techs.values() if t.storage is None)
        gdp = d.drivers.get("gdp")
        energy_rows.append((y, total, nonfossil, nonfossil / total if total else np.nan,
                            total / gdp[k] if gdp is not None else np.nan,
                            e_total[k] / gdp[k] if gdp is not None else np.nan))
    energy = pd.DataFrame(energy_rows, columns=["year", "total", "nonfossil", "share",
                                                "energy_intensity", "carbon_intensity"])
    energy["unit"] = "ktce/yr"
    energy["intensity_unit"] = "ktce/MCNY; kt/MCNY"
    # energy consumption by supplying technology (the energy mix): the terms of ``energy``
    supply_rows = [(y, t.code, t.sector, float(t.energy_tce[d.year_index[y]] * act),
                    float(t.nonfossil_tce[d.year_index[y]] * act))
                   for (code, y), act in activity.items() for t in (d.techs[code],)
                   if act and (t.energy_tce[d.year_index[y]] or t.nonfossil_tce[d.year_index[y]])]
    energy_supply = pd.DataFrame(supply_rows, columns=["year", "technology", "sector", "total",
                                                       "nonfossil"])
    energy_supply["unit"] = "ktce/yr"
    # balances and commodity prices
    bal_rows, price_rows = [], []
    produced = flows[flows["direction"] == "output"].groupby(["commodity", "year"])["value"].sum()
    used = flows[flows["direction"] == "input"].groupby(["commodity", "year"])["value"].sum()
    for c in d.commodities.index:
        unit = d.commodities.loc[c, "unit"]
        for y in years:
            k = d.year_index[y]
            demand = float(d.demand[c][k]) if c in d.demand else 0.0
            prod = float(produced.get((c, y), 0.0))
            use = float(used.get((c, y), 0.0))
            store_loss = 0.0
            for t in d.techs.values():
                if t.storage is not None and t.storage.commodity == c:
                    ch = sum(d.weights[i] * value(m.charge[t.code, y, i])
                             for i in range(len(d.timeslices)))
                    dis = sum(d.weights[i] * value(m.discharge[t.code, y, i])
                              for i in range(len(d.timeslices)))
                    store_loss += ch - dis
            stat = 0.0
            if y == d.base_year:
                keys = [(c, -1)] if d.commodities.loc[c, "balance"] == "annual" else [
                    (c, i) for i in range(len(d.timeslices))]
                stat = sum(value(m.statistical_difference[key]) for key in keys
                           if key in m.statistical_difference)
            bal_rows.append((c, y, prod, use, store_loss, demand, stat,
                             prod - use - store_loss - demand + stat, f"{unit}/yr"))
            if d.commodities.loc[c, "balance"] == "annual":
                dual = h.dual(result, m.balance_annual[c, y]) if (c, y) in m.balance_annual \
                    else 0.0
                price_rows.append((c, y, dual / df[y], f"MCNY/{unit}"))
            else:
                duals_t = np.array([h.dual(result, m.balance[c, y, i]) if (c, y, i) in m.balance
                                    else 0.0 for i in range(len(d.timeslices))])
                share = d.demand_share.get(c, d.weights / d.weights.sum())
                price_rows.append((c, y, float(np.dot(duals_t, share)) / df[y], f"MCNY/{unit}"))
    balances = pd.DataFrame(bal_rows, columns=["commodity", "year", "production", "use",
                                               "storage_losses", "demand",
                                               "statistical_difference", "surplus", "unit"])
    prices = pd.DataFrame(price_rows, columns=["commodity", "year", "value", "unit"])
    # hourly dispatch and storage
    disp_rows, store_rows = [], []
    for t in d.techs.values():
        for y in years:
            for i, (day, hour) in enumerate(d.timeslices):
                if t.storage is not None:
                    store_rows.append((t.code, y, day, hour, value(m.charge[t.code, y, i]),
                                       value(m.discharge[t.code, y, i]),
                                       value(m.level[t.code, y, i]), "GW", t.storage.energy_unit))
                elif t.timeslice:
                    disp_rows.append((t.code, y, day, hour, value(m.dispatch[t.code, y, i]),
                                      "GW"))
    dispatch = pd.DataFrame(disp_rows, columns=["technology", "year", "day", "hour", "value",
                                                "unit"])
    storage = pd.DataFrame(store_rows, columns=["technology", "year", "day", "hour", "charge",
                                                "discharge", "level", "power_unit",
                                                "energy_unit"])
    peak_index = int(np.argmax(e_total))
    warnings = []
    for target in d.targets:
        if target["type"] != "cap" or target_scope(d, target) is not None:
            continue  # (a cap on some regions: its base year is in emissions_region)
        years_capped = target.get("years") or d.decision_years
        level = next((r for r in pm.target_rows.values() if r.target == target["name"]), None)
        con_years = [y for y in years_capped if (target["name"], y) in m.target]
        if level is None or not con_years or years[0] in years_capped:
            continue
        bound = pyo.value(m.target[target["name"], con_years[0]].upper)
        if e_total[0] > bound * (1 + 1e-9):
            warnings.append(
                f"the base year's observed emissions ({e_total[0] / 1e3:.2f} Mt) are above the "
                f"cap '{target['name']}' ({bound / 1e3:.2f} Mt), which applies from "
                f"{con_years[0]}: the pathway's peak is history, not a breach")
    provenance = pd.DataFrame(
        [dict(p, technology=t.code) for t in d.techs.values() for p in t.provenance],
        columns=["technology", "gas", "commodity", "value", "unit", "source", "rule"])
    gas = d.emissions["gas"]
    solver = {
        "name": solver_version(),
        "options": dict(result.options),
        "threads": result.options.get("threads"),
        "status": result.status,
        "seconds": result.seconds,
        "iterations": result.iterations,
        "python": platform.python_version(),
    }
    tables = {"capacity": capacity, "energy_capacity": energy_capacity,
              "activity": activity_frame, "flows": flows, "dispatch": dispatch,
              "storage": storage, "balances": balances, "emissions": emissions,
              "emissions_total": emissions_total, "energy": energy,
              "energy_supply": energy_supply, "costs": costs, "marginal_cost": marginal,
              "duals": duals, "prices": prices}
    if d.reserves:
        tables["capacity_prices"] = capacity_price_table(d, m, lambda c: h.dual(result, c))
    if any(t.early_retirement for t in d.techs.values()):
        tables["retirement"] = retirement_table(d, m, value)
    tables = region_tables(d, tables, value, m, lambda con: h.dual(result, con))
    return Pathway(
        dataset=d.dataset.name, scenario=d.scenario, status=result.status,
        objective=result.objective,
        tables={name: _clean(frame) for name, frame in tables.items()},
        peak_year=years[peak_index], peak_level=e_total[peak_index],
        target_peak_year=pm.peak_year, solver=solver, timings=dict(pm.timings),
        coefficient_range=pm.highs.coefficient_range, provenance=provenance,
        warnings=warnings,
        settings={"gas": gas, "method": d.emissions["method"],
                  "primary_electricity": d.primary_electricity,
                  "discount_rate": d.discount_rate, "price_year": d.dataset.config["price_year"],
                  "targets": [dict(t) for t in d.targets], "size": pm.size,
                  "days": len(d.day_names), "hours": d.hours, "block_hours": d.block_hours},
    )
