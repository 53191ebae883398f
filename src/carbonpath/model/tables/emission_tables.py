"""The emissions, costs, emissions-total and marginal-cost tables.

Every builder here takes one argument, ``c``: the
:class:`~carbonpath.model.tables.base._Context` of the solve (the model data, the solution
arrays, the years and the raw tables built so far). Its docstring names the columns of the
table it returns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonpath.model.extract import _running_sum
from carbonpath.model.tables.base import _Context, _frame, _obj


def emissions(c: _Context) -> pd.DataFrame:
    """The emissions table: direct and scope-2 emissions by technology (and final demand).

    Returns
    -------
    pandas.DataFrame
        Columns year, sector, technology, gas, scope, in_total, value and unit
        (kt of the gas per year); zero rows are left out.
    """
    d = c.d
    cols = ("year", "sector", "technology", "gas", "scope", "in_total", "value", "unit")
    parts: dict[str, list] = {k: [] for k in cols}

    def add(year, sector, tech, gas, scope, in_total, value, unit):
        """Append one block of values to each column of the table; returns nothing."""
        for name, v in zip(cols, (year, sector, tech, gas, scope, in_total, value, unit),
                           strict=True):
            parts[name].append(v)

    basis = d.emissions["gas"]  # P140: a CH4 row under a CO2 basis counts in no total
    for k in c.plain:
        t = c.techs[k]
        entries = ([(gas, t.emission_scope, t.direct_in_target and (basis != "CO2"
                                                                     or gas == "CO2"),
                     f"kt {gas}/yr", coeff)
                    for gas, coeff in t.emissions.items()]
                   + [("CO2", f"{kind}_consumption", True, "kt CO2/yr", coeff)
                      for kind, coeff in t.scope2.items()])
        if not entries:
            continue
        coeff = np.array([np.broadcast_to(np.asarray(e[4], dtype=float), (c.ny,))
                          for e in entries]).T  # (years, entries)
        act = c.s.activity[k][:, None]
        keep = ((coeff != 0) & (act != 0)).ravel()
        n = len(entries)
        count = int(keep.sum())
        add(np.repeat(c.years, n)[keep], np.full(count, t.sector, dtype=object),
            np.full(count, t.code, dtype=object),
            np.tile(_obj([e[0] for e in entries]), c.ny)[keep],
            np.tile(_obj([e[1] for e in entries]), c.ny)[keep],
            np.tile(np.array([e[2] for e in entries], dtype=bool), c.ny)[keep],
            (coeff * act).ravel()[keep], np.tile(_obj([e[3] for e in entries]), c.ny)[keep])
    for com, values in d.demand_emissions.items():
        kind = d.commodities.loc[com, "kind"]
        values = np.asarray(values, dtype=float)
        keep = values != 0
        count = int(keep.sum())
        add(c.years[keep], np.full(count, "final_demand", dtype=object),
            np.full(count, "", dtype=object), np.full(count, "CO2", dtype=object),
            np.full(count, f"{kind}_consumption", dtype=object), np.ones(count, dtype=bool),
            values[keep], np.full(count, "kt CO2/yr", dtype=object))
    return _frame({k: (np.concatenate(v) if v else []) for k, v in parts.items()})


def costs(c: _Context) -> pd.DataFrame:
    """The costs table: variable, investment and fixed O&M costs by technology.

    Returns
    -------
    pandas.DataFrame
        Columns year, technology, component and value.
    """
    d, s = c.d, c.s
    k_cost = s.costs
    ny = c.ny
    lay = s.layout
    parts: dict[str, list] = {"year": [], "technology": [], "component": [], "value": []}

    def add(years, code, component, values):
        """Append one block of cost values of technology ``code``; returns nothing."""
        parts["year"].append(years)
        parts["technology"].append(np.full(len(years), code, dtype=object))
        parts["component"].append(component)
        parts["value"].append(values)

    for k, t in enumerate(c.techs):
        if t.storage is None:
            vc = k_cost["variable_cost"][k]
            keep = vc != 0
            add(c.years[keep], t.code, np.full(int(keep.sum()), "variable", dtype=object),
                (vc * s.activity[k])[keep])
        crf = k_cost["crf"][k]
        # investment: running sum over vintages of (power, energy) annuity terms
        terms = np.stack([k_cost["capex"][k] * crf * s.new_capacity[k],
                          k_cost["capex_energy"][k] * crf * s.new_energy[k]], axis=-1)
        mask = np.repeat(lay.annuity[k], 2, axis=1)  # (years, vintages x 2)
        invest = _running_sum(mask * terms.reshape(1, -1))
        if not t.investable:
            invest = np.zeros(ny)
        if t.capacitated:
            cap = s.active[k] if t.early_retirement else s.total[k]
            fixed = k_cost["fixed_om"][k] * cap
            if t.storage is not None:
                fixed = fixed + k_cost["fixed_om_energy"][k] * s.energy_total[k]
        else:
            fixed = np.zeros(ny)
        both = np.stack([invest, fixed], axis=-1).ravel()
        keep = both != 0
        add(np.repeat(c.years, 2)[keep], t.code,
            np.tile(_obj(["investment", "fixed_om"]), ny)[keep], both[keep])
    frame = _frame({k: (np.concatenate(v) if v else []) for k, v in parts.items()})
    df = dict(zip(d.years, d.discount_factor, strict=True))
    frame["discounted"] = frame["value"] * frame["year"].map(df)
    frame["unit"] = "MCNY"
    return frame


def emissions_total(c: _Context) -> pd.DataFrame:
    """The total emissions of each year.

    Returns
    -------
    pandas.DataFrame
        Columns year, value, unit (kt of the target gas per year) and method.
    """
    d = c.d
    return pd.DataFrame({"year": list(d.years), "value": c.s.emissions.tolist(),
                         "unit": f"kt {d.emissions['gas']}/yr", "method": d.emissions["method"]})


def marginal_cost(c: _Context) -> pd.DataFrame:
    """The marginal abatement cost of each year, from the emission constraint duals.

    Returns
    -------
    pandas.DataFrame
        Columns year, value (undiscounted, in CNY/t) and unit.
    """
    d = c.d
    return pd.DataFrame({"year": list(d.years),
                         "value": (c.s.emission_duals / np.asarray(d.discount_factor)
                                   * 1000.0).tolist(),
                         "unit": "CNY/t"})
