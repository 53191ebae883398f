"""The capacity, energy-capacity, activity, flows, dispatch and storage tables.

Every builder here takes one argument, ``c``: the
:class:`~carbonpath.model.tables.base._Context` of the solve (the model data, the solution
arrays, the years and the raw tables built so far). Its docstring names the columns of the
table it returns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonpath.model.tables.base import _Context, _frame, _obj, _slices, _tech_year


def capacity(c: _Context) -> pd.DataFrame:
    """The capacity table: new, total and active capacity of each capacitated technology.

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


def dispatch(c: _Context) -> pd.DataFrame:
    """The dispatch table: output of each dispatched technology in each time slice.

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
