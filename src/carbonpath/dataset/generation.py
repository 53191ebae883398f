"""Electricity generation and power capacity against what the dataset's plants can do.

A TWh-for-GWh slip in a generation row, or a GW-for-MW slip in a capacity, moves no
emission (primary electricity emits nothing) and often no balance the model checks, yet
it changes the energy consumption counted (a 1000x solar row turns 1.7 Mtce into 41 Mtce)
or the potentials the model may use. These checks compare such numbers with the dataset's
own power capacity and demand:

* **generation rows of activity data** (``activity.csv``, ``use = generation``, fuel
  electricity): the electricity of a sector (``solar_power``, ``wind_power``,
  ``hydro_power``, ``nuclear_power``, ``thermal_power``...) divided by the base-year
  capacity of the dataset's technologies of that sector (``residual_capacity``, power
  units) gives full-load hours. They must lie within :data:`FULL_LOAD_HOURS` of the
  sector's class: a year has 8,760 hours; solar plants run at most about 2,000 full-load
  hours (China's best sites about 1,800, recalled from NEA utilisation statistics), so
  3,000 is out of reach; wind about 3,500 onshore and 4,500 offshore, so 6,000 is; and
  under :data:`MIN_HOURS` (a plant fleet standing all year and running less than ten hours)
  the value is almost surely in a unit 1000 times too small;
* **observed activity against capacity** (``parameters.csv``): a technology with power
  capacity and an observed base-year activity that runs less than :data:`MIN_HOURS`
  full-load hours has its ``residual_capacity`` in GW for MW (or its activity in MWh for
  GWh). More than 8,760 hours is refused by :mod:`carbonpath.dataset.operations`;
* **capacity bounds against demand** (``parameters.csv`` ``max_capacity``,
  ``min_capacity``, ``max_new_capacity``, ``min_new_capacity``,
  ``max_cumulative_new_capacity``, ``committed_capacity``, ``committed_new_capacity``):
  a technology with power capacity running all year would make its capacity x 8,760 h.
  More than :data:`CAPACITY_RATIO` (1000) times the largest annual demand of the
  electricity it makes is beyond any exporting region (a region with a large hydro plant
  sends out a few times what it uses) and beyond any potential worth a bound: a GW for MW
  slip. Only where the dataset has a demand of that commodity.
* **full-load hours bounds against the base year** (round 26, MB97): a
  ``max_full_load_hours`` of the first decision years at most a tenth of the hours the
  technology ran in the base year (a digit lost), or a ``min_full_load_hours`` ten times
  them, is warned of (:func:`warn_full_load_bounds`, :class:`FullLoadHoursWarning`).

Each finding is a :class:`~carbonpath.errors.Problem` with file, row, column ``value``,
the implied full-load hours or ratio and the likely slip; ``plausibility: override:
<reason>`` on the row accepts it with a warning, as for the other slip checks.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.codes import sectors
from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError, Problem, UnitError
from carbonpath.plausibility import OVERRIDE, is_override
from carbonpath.units import unit_factor

__all__ = ["CAPACITY_PARAMETERS", "CAPACITY_RATIO", "FULL_LOAD_HOURS", "MIN_FULL_LOAD_HOURS",
           "MIN_HOURS", "MIN_RENEWABLE_SHARE",
           "FullLoadHoursWarning", "base_capacity", "capacity_demand_problem",
           "capacity_problems", "check_generation", "generation_problems",
           "warn_full_load_bounds"]

MIN_HOURS = 10.0
"""Fewest full-load hours a fleet standing all year plausibly runs (a 1000x slip below)."""

FULL_LOAD_HOURS: dict[str, tuple[float, float, tuple[float, float]]] = {
    "solar_power": (MIN_HOURS, 3000.0, (700.0, 2000.0)),
    "wind_power": (MIN_HOURS, 6000.0, (1200.0, 4500.0)),
    "hydro_power": (MIN_HOURS, 8760.0, (1500.0, 6000.0)),
    "nuclear_power": (MIN_HOURS, 8760.0, (5000.0, 8500.0)),
}
"""Sector -> (low, high, typical range) of full-load hours a year; other sectors
(thermal power, biomass...) have :data:`DEFAULT_HOURS`."""

DEFAULT_HOURS = (MIN_HOURS, 8760.0, (1000.0, 7500.0))

MIN_FULL_LOAD_HOURS = {"coal": 1500.0, "gas": 250.0, "oil": 100.0, "biomass": 1000.0,
                       "waste": 1500.0}
"""Lowest plausible full-load hours a year (generation / capacity) of a thermal capacity type
(a fuel group of ``codes/fuels.csv``). China's coal fleet ran 4,000-5,000 h in 2015-2023 (CEC
annual statistics), its lowest provinces about 2,500 h; gas units, many of them peakers,
500-3,000 h. A stated capacity ten times too large (万千瓦 typed for 千瓦 x 10, MW for 万千瓦)
lands below these bounds; the upper bound is 8760 h x the catalogue availability (an error of
its own). Used by ``init`` (:mod:`carbonpath.init.supply`) and by a dataset's base-year stock
against its observed activity (:func:`capacity_problems`, Y133)."""

MIN_RENEWABLE_SHARE = 0.4
"""Lowest plausible ratio of non-fossil generation to capacity x the full-load hours it could
run: curtailment (a few % in China since 2019) and capacity added late in the year (the
capacity input is the year-end stock) rarely take more than half of it away. A dataset's
stock of a :data:`FULL_LOAD_HOURS` sector is held to this share of the low end of the
sector's typical hours (solar 280 h, wind 480 h: Y134)."""

CAPACITY_RATIO = 1000.0
"""Largest ratio of a power capacity's full-year output to the largest annual demand of
what it makes."""

CAPACITY_PARAMETERS = ("max_capacity", "min_capacity", "max_new_capacity", "min_new_capacity",
                       "max_cumulative_new_capacity", "committed_capacity",
                       "committed_new_capacity")
"""Bounds and projects compared with demand. ``residual_capacity`` is compared with its
observed activity instead (a fleet built for exports or reserve can be large)."""

FULL_LOAD_STEP = 10.0
"""Ratio between a full-load hours bound of the first decision year and the hours the
technology ran in the base year from which the bound is warned of (a digit lost or added)."""


class FullLoadHoursWarning(CarbonpathWarning):
    """A full-load hours bound of the first decision years x10 from the base year's hours.

    Round 26's MB97: ``max_full_load_hours`` 550 h/yr (5,500 with a digit lost) on a coal
    plant that ran 5,869 h in the base year cut its output tenfold from the next year on
    and doubled tiny's plan cost, with no word. A scenario may mean such a cut (a plant
    kept as a reserve), so this warns.
    """


HINT = (f"if the value is right, write '{OVERRIDE} <reason>' in a 'plausibility' column of "
        "the row")

_PREFIXES = "kMGTP"
_KINDS = {1e3: "TWh for GWh, GWh for MWh", 1e-3: "GWh for TWh, MWh for GWh"}


@functools.lru_cache(maxsize=1024)
def _factor(unit: str, target: str) -> float | None:
    try:
        f = unit_factor(unit, target)
    except (UnitError, KeyError, TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _num(x: float) -> str:
    """A number for a message: thousands separated above 1000, else four digits."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def _power(unit: str) -> float | None:
    """MW per unit of a power capacity (or power per year of a build limit), else None."""
    return _factor(str(unit), "MW") or _factor(str(unit), "MW/yr")


def _electric(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Commodities whose fuel is electricity."""
    com = tables["commodities"]
    if "fuel" not in com.columns:
        return {"electricity"} & set(com["commodity"])
    return set(com.loc[com["fuel"].astype(str) == "electricity", "commodity"]) | (
        {"electricity"} & set(com["commodity"]))


def _makers(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Technology -> the electricity commodity it outputs (power-capacity technologies)."""
    flows = tables["flows"]
    elec = _electric(tables)
    out = flows[(flows["direction"] == "output") & flows["commodity"].isin(elec)]
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    found = {}
    for t, c in zip(out["technology"], out["commodity"], strict=True):
        if t in tech.index and _power(tech.loc[t, "capacity_unit"]) is not None:
            found.setdefault(t, c)
    for t, row in tech.iterrows():  # storage of electricity: no output flow
        if row.get("kind") == "storage" and row.get("storage_commodity") in elec and _power(
                row["capacity_unit"]) is not None:
            found.setdefault(t, row["storage_commodity"])
    return found


def _at_base(rows: pd.DataFrame, base: int) -> tuple[float, Any, Any] | None:
    """A parameter's value in the base year (interpolated between its years), its line, row."""
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return None
    if "day" in rows:
        rows = rows[rows["day"].map(is_blank)]
    blank = rows[rows["year"].map(is_blank)]
    if len(blank):
        line = blank.index[0]
        return float(blank["value"].iloc[0]), line, blank.iloc[0]
    rows = rows.assign(_y=rows["year"].astype(float)).sort_values("_y")
    years, values = rows["_y"].to_numpy(), rows["value"].astype(float).to_numpy()
    nearest = int(np.argmin(np.abs(years - base)))
    return float(np.interp(base, years, values)), rows.index[nearest], rows.iloc[nearest]


def base_capacity(tables: dict[str, pd.DataFrame], base: int) -> dict[str, tuple[float, Any,
                                                                               Any]]:
    """Base-year power capacity of each electricity-making technology.

    Returns
    -------
    dict
        Technology -> (MW, parameters.csv line, row) of its ``residual_capacity`` in the
        base year (interpolated between its years); technologies without one are left out.
    """
    params = tables["parameters"]
    rc = params[params["parameter"] == "residual_capacity"]
    out = {}
    for tech in _makers(tables):
        hit = _at_base(rc[rc["technology"] == tech], base)
        if hit is None:
            continue
        f = _power(hit[2]["unit"])
        if f is not None:
            out[tech] = (hit[0] * f, hit[1], hit[2])
    return out


def _hours_range(sector: str) -> tuple[float, float, tuple[float, float]]:
    return FULL_LOAD_HOURS.get(sector, DEFAULT_HOURS)


def _slip(hours: float, typical: tuple[float, float], value: Any, unit: str) -> str:
    """The likely slip: the power of 1000 (or of 10) that brings ``hours`` into ``typical``."""
    for k in (1e3, 1e-3, 1e6, 1e-6, 1e4, 1e-4, 10.0, 0.1):
        if typical[0] <= hours / k <= typical[1]:
            m = re.fullmatch(r"([kMGTP])Wh(/yr)?", str(unit).strip())
            shifted = None
            if m and k in (1e3, 1e-3):
                i = _PREFIXES.index(m.group(1)) + (-1 if k == 1e3 else 1)
                if 0 <= i < len(_PREFIXES):
                    shifted = f"{_PREFIXES[i]}Wh{m.group(2) or ''}"
            said = (f"{value:g} {shifted}" if shifted and isinstance(value, (int, float))
                    else f"{k:g} times {'less' if k > 1 else 'more'}")
            kind = _KINDS.get(k, "a power of ten")
            return f"probably a unit slip: {said} would give {hours / k:,.0f} h ({kind})"
    return "probably a unit or digit slip"


def generation_problems(tables: dict[str, pd.DataFrame], base: int, activity: pd.DataFrame,
                        file: str = "activity.csv") -> list[tuple[Problem, list[Any]]]:
    """Generation rows of activity data whose full-load hours no plant fleet reaches.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's validated tables.
    base : int
        The base year (rows of other years are not compared).
    activity : pandas.DataFrame
        Validated activity rows (:attr:`carbonpath.accounting.Activity.data`: ``row``,
        ``year``, ``sector``, ``fuel``, ``use``, ``quantity`` in TJ, ``value``, ``unit``).
    file : str
        Named in the messages.

    Returns
    -------
    list of (Problem, list of row labels)
        One per sector whose generation / capacity is outside :data:`FULL_LOAD_HOURS`, with
        the activity rows involved (an override on any of them accepts it).
    """
    rows = activity[(activity["fuel"].astype(str) == "electricity")
                    & (activity["use"].astype(str) == "generation")
                    & (activity["year"] == base)]
    if rows.empty:
        return []
    capacity = base_capacity(tables, base)
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    parent = sectors().column("parent")
    out = []
    for sector, group in rows.groupby(rows["sector"].astype(str), sort=True):
        techs = [t for t in capacity if t in tech.index and sector in (
            str(tech.loc[t, "sector"]), parent.get(str(tech.loc[t, "sector"]), ""))]
        mw = sum(capacity[t][0] for t in techs)
        mwh = float(group["quantity"].sum()) / 0.0036  # TJ -> MWh
        if mw <= 0 or mwh <= 0:
            continue
        hours = mwh / mw
        low, high, typical = _hours_range(sector)
        if low <= hours <= high:
            continue
        culprit = group.loc[group["quantity"].idxmax()]
        value = culprit["value"]
        value = float(value) if isinstance(value, (int, float, np.floating)) else value
        out.append((Problem(
            f"implausible generation of {sector} in {base}: {value:g} {culprit['unit']} "
            f"(all rows of the sector: {_num(mwh / 1e3)} GWh) over the {_num(mw)} MW the "
            f"dataset's {', '.join(techs)} stand with in {base} (parameters.csv "
            f"residual_capacity) is {_num(hours)} full-load hours, outside {low:g} .. "
            f"{high:g} h (a year has 8760 h); "
            + _slip(hours, typical, value, str(culprit["unit"])),
            file=file, row=culprit["row"], column="value", value=value,
            valid=f"generation giving {low:g} .. {high:g} full-load hours; {HINT}"),
            group["row"].tolist()))
    return out


def _largest_demands(tables: dict[str, pd.DataFrame], commodities: set[str]
                     ) -> dict[str, float]:
    """Commodity -> its largest annual demand in demands.csv (MWh/yr; above 0 only)."""
    demands = tables["demands"]
    largest: dict[str, float] = {}
    for commodity in commodities:
        d = demands[(demands["commodity"] == commodity) & demands["value"].notna()]
        by_year: dict[Any, float] = {}
        for _, row in d.iterrows():
            f = _factor(str(row["unit"]), "MWh/yr")
            if f is not None:
                key = None if is_blank(row["year"]) else int(row["year"])
                by_year[key] = by_year.get(key, 0.0) + float(row["value"]) * f
        if by_year and max(by_year.values()) > 0:
            largest[commodity] = max(by_year.values())
    return largest


def capacity_demand_problem(tables: dict[str, pd.DataFrame], tech: str, value: float,
                            unit: str, what: str) -> tuple[str, str] | None:
    """A power capacity (or build rate) of ``tech`` beyond :data:`CAPACITY_RATIO` x demand.

    The rule of :func:`capacity_problems` for a capacity written elsewhere (a plan.yaml
    ``bound`` target, round 25 MA182: 3000 GW for 3000 MW bound nothing).

    Returns
    -------
    tuple of (str, str) or None
        ``(message, valid)``, or None: within the ratio, not a power, or no demand of the
        electricity ``tech`` makes.
    """
    makers = _makers(tables)
    f = _power(unit)
    if tech not in makers or f is None:
        return None
    demand = _largest_demands(tables, {makers[tech]}).get(makers[tech])
    if demand is None:
        return None
    mw = float(value) * f
    ratio = mw * 8760.0 / demand
    if ratio <= CAPACITY_RATIO:
        return None
    return (f"{what} {value:g} {unit} of {tech} running all year would make "
            f"{_num(mw * 8.76)} GWh, {ratio:,.0f} times the largest annual demand of "
            f"{makers[tech]} in demands.csv ({_num(demand / 1e3)} GWh/yr; more than "
            f"x{CAPACITY_RATIO:g}); probably a unit slip (GW for MW, kW for W)",
            f"at most {demand * CAPACITY_RATIO / 8760 / f:.4g} {unit}")


def capacity_problems(tables: dict[str, pd.DataFrame], base: int,
                      file_row: Any) -> list[tuple[Problem, list[Any]]]:
    """Capacities far beyond the dataset's demand, and observed activity far below capacity.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (index = file line, or the key of a scenario override row).
    base : int
        The base year.
    file_row : callable
        ``(table, line) -> {'file': ..., 'row' or 'key': ...}`` (the slips module's).

    Returns
    -------
    list of (Problem, list of rows)
        One per implausible row, with the rows whose ``plausibility`` may override it.
    """
    makers = _makers(tables)
    if not makers:
        return []
    params = tables["parameters"]
    out = []
    # capacity x 8760 h against the largest annual demand of the electricity it makes
    largest = _largest_demands(tables, set(makers.values()))
    for line, row in params[params["parameter"].isin(CAPACITY_PARAMETERS)
                            & params["technology"].isin(list(makers))].iterrows():
        demand = largest.get(makers[row["technology"]])
        f = _power(str(row["unit"]))
        if demand is None or f is None or is_blank(row["value"]):
            continue
        mw = float(row["value"]) * f
        ratio = mw * 8760.0 / demand
        if ratio <= CAPACITY_RATIO:
            continue
        out.append((Problem(
            f"implausible {row['parameter']} of {row['technology']}: {row['value']:g} "
            f"{row['unit']} running all year would make {_num(mw * 8.76)} GWh, {ratio:,.0f} "
            f"times the largest annual demand of {makers[row['technology']]} in demands.csv "
            f"({_num(demand / 1e3)} GWh/yr; more than x{CAPACITY_RATIO:g}); probably a unit "
            "slip (GW for MW, kW for W)", column="value", value=row["value"],
            valid=f"at most {CAPACITY_RATIO:g} x the demand in full-year output "
                  f"({demand * CAPACITY_RATIO / 8760 / f:.4g} {row['unit']}); {HINT}",
            **file_row("parameters", line)), [row]))
    # observed base-year activity against the capacity standing
    capacity = base_capacity(tables, base)
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    acts = params[params["parameter"] == "activity"]
    for t, (mw, line, cap_row) in capacity.items():
        hit = _at_base(acts[acts["technology"] == t], base)
        if hit is None or mw <= 0:
            continue
        f = _factor(str(hit[2]["unit"]), "MWh/yr")
        if f is None or hit[0] <= 0:
            continue
        hours = hit[0] * f / mw
        sector = str(tech.loc[t, "sector"]) if t in tech.index else ""
        low, high, _ = _hours_range(sector)
        if hours < low:
            out.append((Problem(
                f"implausible residual_capacity of {t}: {cap_row['value']:g} "
                f"{cap_row['unit']} with the observed activity of {hit[2]['value']:g} "
                f"{hit[2]['unit']} in {base} (parameters.csv) is {hours:.3g} full-load hours, "
                f"fewer than {low:g}; probably a unit slip (GW for MW in the capacity, MWh "
                "for GWh in the activity)", column="value", value=cap_row["value"],
                valid=f"a capacity and activity giving at least {low:g} full-load hours; "
                      f"{HINT}", **file_row("parameters", line)), [cap_row, hit[2]]))
            continue
        floor, why = _fleet_floor(tables, t, sector)
        if hours >= floor:
            continue
        fits = [k for k in (10.0, 1e4) if floor <= hours * k <= high]
        reading = (f"; {mw / fits[0]:,.4g} MW would run {hours * fits[0]:,.0f} h (a x"
                   f"{fits[0]:g} slip: 万千瓦 for MW, MW for 万千瓦)" if fits else "")
        out.append((Problem(
            f"implausible residual_capacity of {t}: {cap_row['value']:g} {cap_row['unit']} "
            f"({mw:,.4g} MW) with the observed activity of {hit[2]['value']:g} "
            f"{hit[2]['unit']} in {base} is {hours:,.0f} full-load hours, below the "
            f"{floor:,.0f} h {why}{reading}", column="value", value=cap_row["value"],
            valid=f"a capacity giving at least {floor:,.0f} full-load hours (at most "
                  f"{hit[0] * f / floor:,.4g} MW); {HINT}",
            **file_row("parameters", line)), [cap_row, hit[2]]))
    return out


def warn_full_load_bounds(tables: dict[str, pd.DataFrame], base: int, first: int,
                          where: Any) -> None:
    """Warn of a full-load hours bound x10 from the hours a technology ran in the base year.

    The base year's hours are its observed ``activity`` over its ``residual_capacity``
    (both in the base year, interpolated between their years, converted to the
    technology's capacity unit x hours). A ``max_full_load_hours`` row of a blank year or a
    year up to ``first`` (the first decision year) at most 1/:data:`FULL_LOAD_STEP` of them,
    or a ``min_full_load_hours`` row at least :data:`FULL_LOAD_STEP` times them, is named
    with the hours it would read with one digit more or less (round 26, MB97). A bound of
    a later year (a phase-out), a technology without an observed activity or stock, and a
    row whose ``plausibility`` cell reads ``override: <reason>`` are not judged.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (a dataset's, or a scenario's resolved ones).
    base, first : int
        The base year and the first decision year.
    where : callable
        ``where(table, line)`` -> ``"parameters.csv, row 28"``.

    Warns
    -----
    FullLoadHoursWarning
        Naming the bound's row, the base year's hours and the rows they come from.
    """
    params = tables["parameters"]
    bounds = params[params["parameter"].isin(["max_full_load_hours", "min_full_load_hours"])]
    if bounds.empty:
        return
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    for code, rows in bounds.groupby("technology", sort=False):
        if code not in tech.index:
            continue
        hours, act, cap = _base_hours(params, code, tech.loc[code, "capacity_unit"], base)
        if hours is None:
            continue
        for line, row in rows.iterrows():
            if is_blank(row["value"]) or not (is_blank(row["year"]) or int(row["year"]) <= first
                                              ) or is_override(row.get("plausibility")):
                continue
            bound = _factor(str(row["unit"]), "hour/yr")
            if bound is None:
                continue
            bound *= float(row["value"])
            high = row["parameter"] == "max_full_load_hours"
            ratio = hours / bound if high and bound > 0 else bound / hours if not high else 0
            if ratio < FULL_LOAD_STEP * (1 - 1e-9):
                continue
            step = 10.0 if high else 0.1
            notices.warn(
                f"{where('parameters', line)}, column value: {row['parameter']} of '{code}' "
                f"is {_num(bound)} h/yr, {'1/' if high else ''}{ratio:.3g} "
                f"{'of' if high else 'times'} the {_num(hours)} h it ran in {base} (activity "
                f"{act['value']:g} {act['unit']}, {where('parameters', act.name)}, over "
                f"residual_capacity {cap['value']:g} {cap['unit']}, "
                f"{where('parameters', cap.name)}); a digit {'lost' if high else 'added'}? "
                f"{_num(bound * step)} h/yr would be {bound * step / hours:.2g} times the "
                f"{base} hours; if the bound is meant (a plant kept in reserve), write "
                f"'{OVERRIDE} <reason>' in a 'plausibility' column of the row",
                FullLoadHoursWarning, stacklevel=3)


def _base_hours(params: pd.DataFrame, code: str, capacity_unit: str, base: int
                ) -> tuple[float | None, Any, Any]:
    """Full-load hours ``code`` ran in the base year, and its activity and stock rows."""
    mine = params[params["technology"] == code]
    act = _at_base(mine[mine["parameter"] == "activity"], base)
    cap = _at_base(mine[mine["parameter"] == "residual_capacity"], base)
    if act is None or cap is None or act[0] <= 0 or cap[0] <= 0:
        return None, None, None
    f_act = _factor(str(act[2]["unit"]), f"({capacity_unit}) * hour / yr")
    f_cap = _factor(str(cap[2]["unit"]), f"({capacity_unit})")
    if f_act is None or f_cap is None:
        return None, None, None
    return act[0] * f_act / (cap[0] * f_cap), act[2], cap[2]


def _fleet_floor(tables: dict[str, pd.DataFrame], tech: str, sector: str
                 ) -> tuple[float, str]:
    """Fewest full-load hours a real fleet of ``tech`` runs, and why (``init``'s floors).

    A technology burning fuels of a :data:`MIN_FULL_LOAD_HOURS` group has the lowest floor
    of its inputs' groups; one of a :data:`FULL_LOAD_HOURS` sector (solar, wind, hydro,
    nuclear) :data:`MIN_RENEWABLE_SHARE` of the low end of the sector's typical hours; any
    other 0 (not judged beyond :data:`MIN_HOURS`).
    """
    from carbonpath.codes import fuels

    flows, com = tables["flows"], tables["commodities"]
    inputs = flows.loc[(flows["technology"] == tech) & (flows["direction"] == "input"),
                       "commodity"]
    codes = com.loc[com["commodity"].isin(set(inputs)), "fuel"] if "fuel" in com else []
    groups = set()
    for code in codes:
        resolved = fuels().resolve(str(code)) if isinstance(code, str) and code else None
        if resolved is not None:
            groups.add(str(fuels().attr(resolved, "group")))
    floors = [MIN_FULL_LOAD_HOURS[g] for g in groups if g in MIN_FULL_LOAD_HOURS]
    if floors:
        return min(floors), (f"a real {'/'.join(sorted(groups & set(MIN_FULL_LOAD_HOURS)))}"
                             " fleet runs (CEC statistics; init's floor)")
    if sector in FULL_LOAD_HOURS:
        typical = FULL_LOAD_HOURS[sector][2][0]
        return MIN_RENEWABLE_SHARE * typical, (
            f"({MIN_RENEWABLE_SHARE:.0%} of the {typical:,.0f} h a {sector} fleet runs at "
            "least, allowing for curtailment and capacity added late in the year)")
    return 0.0, ""


def check_generation(tables: dict[str, pd.DataFrame], base: int, activity: Any,
                     file: str = "activity.csv") -> None:
    """Raise for generation rows of a dataset's activity data beyond its capacity.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's validated tables.
    base : int
        The base year.
    activity : carbonpath.accounting.Activity
        The dataset's activity data, read by :func:`carbonpath.read_activity`.
    file : str
        Named in the messages.

    Raises
    ------
    ImplausibleValueError
        The problems of :func:`generation_problems` whose rows carry no
        ``plausibility: override: <reason>`` (those warn,
        :class:`~carbonpath.errors.CarbonpathWarning`).
    """
    from carbonpath.accounting.plausible_activity import overridden_rows

    skip = overridden_rows(activity.data)
    problems = []
    for problem, rows in generation_problems(tables, base, activity.data, file):
        if skip & set(rows):
            notices.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=3)
        else:
            problems.append(problem)
    if problems:
        raise ImplausibleValueError(problems, file)
