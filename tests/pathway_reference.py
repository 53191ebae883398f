"""The straightforward, per-value extraction of a Pathway's tables (the code before the
vectorised one), kept as the reference the vectorised tables are compared against.

Every value is read from its own Pyomo variable or row, one at a time.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath.model.adequacy import capacity_price_table, reserve_check_table
from carbonpath.model.components import alive, annuity_years
from carbonpath.model.fleet import retirement_table
from carbonpath.model.network import region_tables
from carbonpath.model.results import _clean
from carbonpath.model.targets import row_is_active


def reference_tables(pm: Any, result: Any) -> dict[str, pd.DataFrame]:
    """Every table of the Pathway of ``result``, read value by value."""
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
                    counted = t.direct_in_target and (d.emissions["gas"] != "CO2"
                                                      or gas == "CO2")  # P140
                    rows_em.append((y, t.sector, t.code, gas, t.emission_scope,
                                    counted, coeff[k] * act, f"kt {gas}/yr"))
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
    tables = {"capacity": capacity, "energy_capacity": energy_capacity,
              "activity": activity_frame, "flows": flows, "dispatch": dispatch,
              "storage": storage, "balances": balances, "emissions": emissions,
              "emissions_total": emissions_total, "energy": energy,
              "energy_supply": energy_supply, "costs": costs, "marginal_cost": marginal,
              "duals": duals, "prices": prices}
    if d.reserves:
        tables["capacity_prices"] = capacity_price_table(d, m, lambda c: h.dual(result, c))
        tables["reserve_margins"] = reserve_check_table(d, m, value)  # computed per value
    if any(t.early_retirement for t in d.techs.values()):
        tables["retirement"] = retirement_table(d, m, value)
    tables = region_tables(d, tables, value, m, lambda con: h.dual(result, con))
    return {name: _clean(frame) for name, frame in tables.items()}
