"""The energy, energy-supply, balances and prices tables.

Every builder here takes one argument, ``c``: the
:class:`~carbonpath.model.tables.base._Context` of the solve (the model data, the solution
arrays, the years and the raw tables built so far). Its docstring names the columns of the
table it returns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonpath.model.extract import _running_sum
from carbonpath.model.tables.base import _Context, _frame, _tech_year


def _energy_arrays(c: _Context) -> tuple[np.ndarray, np.ndarray]:
    plain = c.plain
    zero = np.zeros(c.ny)
    e = np.array([c.techs[k].energy_tce if c.techs[k].energy_tce is not None else zero
                  for k in plain], dtype=float).reshape(len(plain), c.ny)
    n = np.array([c.techs[k].nonfossil_tce if c.techs[k].nonfossil_tce is not None else zero
                  for k in plain], dtype=float).reshape(len(plain), c.ny)
    return e, n


def energy(c: _Context) -> pd.DataFrame:
    """The energy table: total and non-fossil energy use, share and intensities by year.

    Returns
    -------
    pandas.DataFrame
        Columns year, total, nonfossil (ktce/yr), share, energy_intensity,
        carbon_intensity (NaN without the gdp driver), unit and intensity_unit.
    """
    e, n = _energy_arrays(c)
    act = c.s.activity[c.plain]
    total = _running_sum((e * act).T)
    nonfossil = _running_sum((n * act).T)
    gdp = c.d.drivers.get("gdp")
    e_total = c.s.emissions
    rows = []
    for k, y in enumerate(c.d.years):
        tot, nf = float(total[k]), float(nonfossil[k])
        rows.append((y, tot, nf, nf / tot if tot else np.nan,
                     tot / gdp[k] if gdp is not None else np.nan,
                     float(e_total[k]) / gdp[k] if gdp is not None else np.nan))
    frame = pd.DataFrame(rows, columns=["year", "total", "nonfossil", "share",
                                        "energy_intensity", "carbon_intensity"])
    frame["unit"] = "ktce/yr"
    frame["intensity_unit"] = "ktce/MCNY; kt/MCNY"
    return frame


def energy_supply(c: _Context) -> pd.DataFrame:
    """The energy supply table: total and non-fossil energy by technology and year.

    Returns
    -------
    pandas.DataFrame
        Columns year, technology, sector, total, nonfossil and unit (ktce/yr);
        zero rows are left out.
    """
    e, n = _energy_arrays(c)
    act = c.s.activity[c.plain]
    keep = ((act != 0) & ((e != 0) | (n != 0))).ravel()
    tech, sector, year = _tech_year(c, c.plain)
    frame = _frame({"year": year[keep], "technology": tech[keep], "sector": sector[keep],
                    "total": (e * act).ravel()[keep], "nonfossil": (n * act).ravel()[keep]})
    frame["unit"] = "ktce/yr"
    return frame


def balances(c: _Context) -> pd.DataFrame:
    """The commodity balances table: production, use, storage losses and demand by year.

    Returns
    -------
    pandas.DataFrame
        One row per (commodity, year): production, use, storage_losses, demand,
        statistical_difference (base year only), surplus and unit (per year).
    """
    d, s = c.d, c.s
    lay = s.layout
    flow = c.lazy.raw("flows")
    produced = flow[flow["direction"] == "output"].groupby(["commodity", "year"])["value"].sum()
    used = flow[flow["direction"] == "input"].groupby(["commodity", "year"])["value"].sum()
    produced, used = produced.to_dict(), used.to_dict()
    w = np.asarray(d.weights, dtype=float)
    charge = _running_sum(w * s.charge)  # (stores, years)
    discharge = _running_sum(w * s.discharge)
    stat = s.statistical.tolist()
    base = d.years.index(d.base_year) if d.base_year in d.years else None
    rows = []
    for ci, com in enumerate(lay.commodities):
        unit = c.units[com]
        demand = d.demand.get(com)
        stores = [j for j, k in enumerate(lay.stores) if c.techs[k].storage.commodity == com]
        statistical = 0.0
        for owner, value in zip(lay.stat_owner.tolist(), stat, strict=True):
            if owner == ci:
                statistical += value
        for k, y in enumerate(d.years):
            loss = 0.0
            for j in stores:
                loss += float(charge[j, k]) - float(discharge[j, k])
            dem = float(demand[k]) if demand is not None else 0.0
            prod = float(produced.get((com, y), 0.0))
            use = float(used.get((com, y), 0.0))
            st = statistical if k == base else 0.0
            rows.append((com, y, prod, use, loss, dem, st, prod - use - loss - dem + st,
                         f"{unit}/yr"))
    return pd.DataFrame(rows, columns=["commodity", "year", "production", "use",
                                       "storage_losses", "demand", "statistical_difference",
                                       "surplus", "unit"])


def prices(c: _Context) -> pd.DataFrame:
    """The commodity prices table, from the balance-constraint duals.

    Returns
    -------
    pandas.DataFrame
        One row per (commodity, year): value (undiscounted) and unit (MCNY per
        commodity unit).
    """
    d, s = c.d, c.s
    lay = s.layout
    df = np.asarray(d.discount_factor, dtype=float)
    rows = []
    for com, annual in zip(lay.commodities, lay.annual, strict=True):
        rows_of = lay.balance_rows[com]
        duals = np.where(rows_of >= 0, s.row_dual[np.maximum(rows_of, 0)], 0.0)
        share = None if annual else d.demand_share.get(com, d.weights / d.weights.sum())
        for k, y in enumerate(d.years):
            value = (float(duals[k]) if annual else float(np.dot(duals[k], share)))
            rows.append((com, y, value / df[k], f"MCNY/{c.units[com]}"))
    return pd.DataFrame(rows, columns=["commodity", "year", "value", "unit"])
