"""The result tables of a solve, built from :class:`~carbonpath.model.extract.SolutionArrays`.

One function per table; each reads numpy arrays (no Pyomo indexing, no single-value pandas
look-ups) and returns the raw table (before round-off is cleaned). :class:`LazyTables` builds
a table on its first access, so that a sweep that reads three numbers of a
:class:`~carbonpath.model.results.Pathway` pays for no table it does not read.

The sums are taken in the order of the straightforward per-value loops (running sums from
zero, technologies then vintages), so that the tables agree with them to the last bit where
the loop summed in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.model.extract import SolutionArrays, _running_sum

__all__ = ["BUILDERS", "LazyTables"]


def _frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A table from columns; an empty one has the untyped columns of an empty row list."""
    first = next(iter(columns.values()))
    if len(first) == 0:
        return pd.DataFrame([], columns=list(columns))
    return pd.DataFrame(columns)


def _obj(values: list) -> np.ndarray:
    return np.array(values, dtype=object)


class _Context:
    """What the table builders share: the data, the arrays, the years and the raw tables."""

    def __init__(self, d: Any, s: SolutionArrays, lazy: LazyTables) -> None:
        self.d = d
        self.s = s
        self.lazy = lazy
        self.years = np.array(d.years, dtype=np.int64)
        self.ny = len(d.years)
        self.techs = s.layout.techs
        self.units = {c: str(u) for c, u in d.commodities["unit"].items()}
        self.plain = [k for k, t in enumerate(self.techs) if t.storage is None]


def _tech_year(c: _Context, which: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes = _obj([c.techs[k].code for k in which])
    sectors = _obj([c.techs[k].sector for k in which])
    return (np.repeat(codes, c.ny), np.repeat(sectors, c.ny), np.tile(c.years, len(which)))


def capacity(c: _Context) -> pd.DataFrame:
    """The capacity table: new, total and active capacity of each capacitated technology.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        One row per (technology, year): technology, sector, year, new, total, active
        and unit (the technology's capacity unit).
    """
    s = c.s
    which = [k for k, t in enumerate(c.techs) if t.capacitated]
    tech, sector, year = _tech_year(c, which)
    early = np.array([c.techs[k].early_retirement for k in which], dtype=bool)[:, None]
    total = s.total[which]
    active = np.where(early, s.active[which], total)
    return _frame({"technology": tech, "sector": sector, "year": year,
                   "new": s.new_capacity[which].ravel(), "total": total.ravel(),
                   "active": active.ravel(),
                   "unit": np.repeat(_obj([c.techs[k].capacity_unit for k in which]), c.ny)})


def energy_capacity(c: _Context) -> pd.DataFrame:
    """The energy-capacity table of the storage technologies.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        One row per (storage technology, year): technology, sector, year, new, total,
        active (equal to total) and unit (the storage energy unit).
    """
    s = c.s
    which = s.layout.stores
    tech, sector, year = _tech_year(c, which)
    total = s.energy_total[which].ravel()
    return _frame({"technology": tech, "sector": sector, "year": year,
                   "new": s.new_energy[which].ravel(), "total": total, "active": total,
                   "unit": np.repeat(_obj([c.techs[k].storage.energy_unit for k in which]),
                                     c.ny)})


def activity(c: _Context) -> pd.DataFrame:
    """The activity table of the technologies other than storage.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        One row per (technology, year): technology, sector, year, value and unit
        (activity unit per year).
    """
    which = c.plain
    tech, sector, year = _tech_year(c, which)
    return _frame({"technology": tech, "sector": sector, "year": year,
                   "value": c.s.activity[which].ravel(),
                   "unit": np.repeat(_obj([f"{c.techs[k].activity_unit}/yr" for k in which]),
                                     c.ny)})


def flows(c: _Context) -> pd.DataFrame:
    """The commodity flows table: inputs and outputs of each non-storage technology.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        One row per (technology, commodity, direction, year): value is the flow ratio
        times the activity, unit is the commodity unit per year.
    """
    parts: dict[str, list] = {k: [] for k in ("technology", "commodity", "direction", "year",
                                              "value", "unit")}
    for k in c.plain:
        t = c.techs[k]
        entries = ([(com, "input", r) for com, r in t.inputs.items()]
                   + [(com, "output", r) for com, r in t.outputs.items()])
        if not entries:
            continue
        n = len(entries)
        ratios = np.array([r for _, _, r in entries], dtype=float)
        parts["technology"].append(np.full(n * c.ny, t.code, dtype=object))
        parts["commodity"].append(np.tile(_obj([e[0] for e in entries]), c.ny))
        parts["direction"].append(np.tile(_obj([e[1] for e in entries]), c.ny))
        parts["year"].append(np.repeat(c.years, n))
        parts["value"].append((ratios[None, :] * c.s.activity[k][:, None]).ravel())
        parts["unit"].append(np.tile(_obj([f"{c.units[e[0]]}/yr" for e in entries]), c.ny))
    return _frame({k: (np.concatenate(v) if v else []) for k, v in parts.items()})


def emissions(c: _Context) -> pd.DataFrame:
    """The emissions table: direct and scope-2 emissions by technology (and final demand).

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    for k in c.plain:
        t = c.techs[k]
        entries = ([(gas, t.emission_scope, t.direct_in_target, f"kt {gas}/yr", coeff)
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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

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


def _slices(c: _Context, which: list[int]) -> tuple[np.ndarray, ...]:
    ns = len(c.d.timeslices)
    days = _obj([day for day, _ in c.d.timeslices])
    hours = np.array([hour for _, hour in c.d.timeslices], dtype=np.int64)
    codes = _obj([c.techs[k].code for k in which])
    n = len(which)
    return (np.repeat(codes, c.ny * ns), np.tile(np.repeat(c.years, ns), n),
            np.tile(days, n * c.ny), np.tile(hours, n * c.ny))


def dispatch(c: _Context) -> pd.DataFrame:
    """The dispatch table: output of each dispatched technology in each time slice.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        Columns technology, year, day, hour, value and unit (GW).
    """
    lay = c.s.layout
    tech, year, day, hour = _slices(c, lay.dispatchers)
    return _frame({"technology": tech, "year": year, "day": day, "hour": hour,
                   "value": c.s.dispatch.ravel(),
                   "unit": np.full(len(tech), "GW", dtype=object)})


def storage(c: _Context) -> pd.DataFrame:
    """The storage table: charge, discharge and level of each store in each time slice.

    Parameters
    ----------
    c : _Context
        The data and solution arrays of the solve.

    Returns
    -------
    pandas.DataFrame
        Columns technology, year, day, hour, charge, discharge, level, power_unit
        (GW) and energy_unit.
    """
    lay = c.s.layout
    tech, year, day, hour = _slices(c, lay.stores)
    ns = len(c.d.timeslices)
    return _frame({"technology": tech, "year": year, "day": day, "hour": hour,
                   "charge": c.s.charge.ravel(),
                   "discharge": c.s.discharge.ravel(),
                   "level": c.s.level.ravel(),
                   "power_unit": np.full(len(tech), "GW", dtype=object),
                   "energy_unit": np.repeat(_obj([c.techs[k].storage.energy_unit
                                                  for k in lay.stores]), c.ny * ns)})


#: The tables every Pathway has, in their order, and the functions that build them.
BUILDERS: dict[str, Callable[[_Context], pd.DataFrame]] = {
    "capacity": capacity, "energy_capacity": energy_capacity, "activity": activity,
    "flows": flows, "dispatch": dispatch, "storage": storage, "balances": balances,
    "emissions": emissions, "emissions_total": emissions_total, "energy": energy,
    "energy_supply": energy_supply, "costs": costs, "marginal_cost": marginal_cost,
    "prices": prices,
}


class LazyTables(MutableMapping):
    """A mapping of table name to table whose tables are built on first access.

    Iterating, ``len`` and ``in`` build nothing; reading a table builds it (and the raw tables
    it derives from) once and cleans its round-off with ``clean``. Tables can be set and
    deleted like a dict's. Pickling and copying give a plain ``dict`` of every table.

    Parameters
    ----------
    builders : dict of str to callable
        Name -> function of a context returning the raw table, in table order.
    context : callable
        Makes the builders' context from this mapping (called once, on the first build).
    clean : callable
        Applied to a raw table before it is handed out.
    """

    def __init__(self, builders: dict[str, Callable[[Any], pd.DataFrame]],
                 context: Callable[[LazyTables], Any],
                 clean: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
        self._builders = dict(builders)
        self._names = list(builders)
        self._context_of = context
        self._context: Any = None
        self._clean = clean
        self._raw: dict[str, pd.DataFrame] = {}
        self._done: dict[str, pd.DataFrame] = {}

    def raw(self, name: str) -> pd.DataFrame:
        """The table before its round-off is cleaned (built if needed)."""
        if name not in self._raw:
            if self._context is None:
                self._context = self._context_of(self)
            self._raw[name] = self._builders[name](self._context)
        return self._raw[name]

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._done:
            return self._done[name]
        if name not in self._builders:
            raise KeyError(name)
        table = self._clean(self.raw(name))
        self._done[name] = table
        self._raw.pop(name, None)  # (a table another one derives from is rebuilt if needed)
        return table

    def __setitem__(self, name: str, table: pd.DataFrame) -> None:
        if name not in self._names:
            self._names.append(name)
        self._builders.pop(name, None)
        self._done[name] = table

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._builders.pop(name, None)
        self._done.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def built(self) -> list[str]:
        """Names of the tables built so far."""
        return [n for n in self._names if n in self._done]

    def __reduce__(self) -> tuple:
        return (dict, (dict(self.items()),))

    def __repr__(self) -> str:
        return f"LazyTables({self._names}, built={self.built()})"


def context(d: Any, s: SolutionArrays) -> Callable[[LazyTables], _Context]:
    """The context factory of :class:`LazyTables` for one solution."""
    return lambda lazy: _Context(d, s, lazy)
