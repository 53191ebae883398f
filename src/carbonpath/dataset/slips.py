"""Unit and digit slips inside a dataset, found by comparing it with its own numbers.

Absolute ceilings (:mod:`carbonpath.plausibility`) catch only absurd magnitudes; a demand
typed in MWh where the file says GWh, or a GDP in 万元 where the series is in 亿元, stays far
below them. These checks compare each quantity with the dataset's own base year and
neighbouring values, with thresholds no real city reaches:

* **steps**: between two consecutive declared years of one series (``demands.csv`` per
  commodity and region, ``drivers.csv`` ``gdp`` and ``population``), the value may not grow
  or shrink by :data:`STEP` or more (x10 or /10 itself included). A city's demand or GDP
  does not change tenfold between two data points (China's fastest-growing cities roughly
  doubled GDP in a decade);
* **base-year balance**: every commodity whose producers and users all have an observed
  base-year ``activity`` (plus its demand) must roughly balance: production and use may not
  differ by more than :data:`BALANCE` (x10). The model would otherwise be infeasible with a
  message naming model rows, not the input (a t/kt slip in a fixed activity, a MWh/GWh slip
  in a demand override; an observed ``activity`` above its capacity running all year is
  refused by :mod:`carbonpath.dataset.operations`);
* **conversion rates**: a fossil fuel input per unit of a technology's energy output
  (``flows.csv``) implies an efficiency; it must lie within :data:`EFFICIENCY` (5 % .. 100 %);
  electricity and hydrogen made from carriers may not exceed the energy taken in, and heat
  made above a heat pump's coefficient of performance is warned of
  (:mod:`carbonpath.dataset.carrier_rates`).
  For a fuel counted in mass the fuel's energy is bounded by :data:`NCV_GJ_PER_T`
  (lignite about 5.5 GJ/t to natural gas about 50 GJ/t, IPCC 2006 Vol.2 Table 1.2 lower and
  upper values rounded outwards), so e.g. coal at 400 t/MWh (a kg slip) is refused;
* **declarations**: a technology declared ``nonfossil`` may not take a fossil fuel input.

Each finding is a :class:`~carbonpath.errors.Problem` (file, row, column, the value and the
dataset value it was compared with), raised together as an ``ImplausibleValueError``. A
user who knows better overrides a row explicitly, as for factor tables
(:func:`carbonpath.plausibility.is_override`): a ``plausibility`` cell reading ``override:
<reason>`` on the row named (for a balance or a step, on any row involved). The override
always warns (a ``CarbonpathWarning``). The nonfossil declaration has no override.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import pandas as pd

from carbonpath.codes import fuels
from carbonpath.dataset import notices
from carbonpath.dataset.absolute import (
    UnusualDriverWarning,
    absolute_problems,
    usual_per_person,
)
from carbonpath.dataset.carrier_rates import (
    carrier_rate_problems,
    fuel_rate_reading,
    percent,
    warn_carrier_rates,
)
from carbonpath.dataset.cost_checks import warn_fuel_in_variable_cost
from carbonpath.dataset.fuel_checks import warn_carrier_kinds, warn_unburned_flows
from carbonpath.dataset.generation import capacity_problems, warn_full_load_bounds
from carbonpath.dataset.role_checks import (
    role_problems,
    warn_discount_rate,
    warn_empty_stores,
    warn_percent_fractions,
    warn_roles,
)
from carbonpath.dataset.series_slips import warn_table_series, warn_unused_rows
from carbonpath.dataset.storage_power import warn_storage_power
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem, UnitError, line_label
from carbonpath.plausibility import OVERRIDE, is_override
from carbonpath.units import unit_factor

__all__ = ["BALANCE", "EFFICIENCY", "NCV_GJ_PER_T", "STEP",
           "check_slips", "fossil_input_problems", "within_step"]

STEP = 10.0
"""Largest ratio between the values of two consecutive declared years of one series."""

BALANCE = 10.0
"""Largest ratio between base-year production and use of one commodity."""



def within_step(ratio: float, step: float = STEP) -> bool:
    """Whether ``ratio`` lies strictly inside ``1 / step .. step`` (a plausible change).

    The ends themselves are outside: one zero added or lost (4000 for 400, 60000 for 6000)
    makes a ratio of exactly x10 or /10, the commonest slip of all (Y37, Y47). A relative
    tolerance of 1e-9 counts a ratio that unit conversion left a rounding error away from
    an end as on it.

    Parameters
    ----------
    ratio : float
        New over old value (dimensionless, positive).
    step : float
        The bound (default :data:`STEP`, 10).

    Returns
    -------
    bool
        True when ``1 / step < ratio < step`` beyond the tolerance.
    """
    return (1 + 1e-9) / step < ratio < step / (1 + 1e-9)


EFFICIENCY = (0.05, 1.0)
"""Plausible energy efficiency (output energy / fossil input energy) of a technology."""

NCV_GJ_PER_T = (5.0, 55.0)
"""Bounds of any fossil fuel's net calorific value per tonne (GJ/t), IPCC 2006 Vol.2
Ch.1 Table 1.2 lower/upper values rounded outwards (lignite 5.5, natural gas 48-50)."""

OVERRIDE_HINT = (f"if the value is right, write '{OVERRIDE} <reason>' in a 'plausibility' "
                 "column of the row")


def _overridden(row: Any) -> bool:
    return bool(is_override(row.get("plausibility") if hasattr(row, "get") else None))


def _file_row(table: str, line: Any) -> dict[str, Any]:
    """Where a row came from: its file and line, or the dataset.yaml key of a scenario row."""
    text = str(line)
    if ".csv:" in text:
        file, _, where = text.rpartition(":")
        return {"file": file, "row": int(where)}
    if text.startswith(("scenarios.", "measures.")):  # a measure's row: its key (D15)
        return {"file": "dataset.yaml", "key": text}
    return {"file": f"{table}.csv", "row": line_label(line)}


def _where(table: str, line: Any) -> str:
    """``file, row N`` (or ``dataset.yaml, key K``) of a row of ``table``, for a warning."""
    at = _file_row(table, line)
    return f"{at['file']}, " + (f"row {at['row']}" if "row" in at else f"key {at['key']}")


@functools.lru_cache(maxsize=4096)
def _factor(unit: str, target: str) -> float | None:
    try:
        f = unit_factor(unit, target)
    except (UnitError, KeyError, TypeError, ValueError):
        return None  # the unit is reported by its own check
    return f if math.isfinite(f) else None


def warn_dataset_roles(tables: dict[str, pd.DataFrame], fuel_costs: bool = True) -> None:
    """The dataset's own role warnings, given once per load (not again per scenario).

    Captured CO2 counted as emitted and profiles of annual demands
    (:func:`carbonpath.dataset.role_checks.warn_roles`), technology discount rates above
    20 % (:func:`carbonpath.dataset.role_checks.warn_discount_rate`), shares typed as
    fractions under unit ``%`` (:func:`carbonpath.dataset.role_checks.warn_percent_fractions`),
    a conversion's variable cost that holds its priced fuel
    (:func:`carbonpath.dataset.cost_checks.warn_fuel_in_variable_cost`; not with
    ``fuel_costs=False``, given when a value is refused as implausible: a price off by x1000
    would make every plant's cost look like its fuel's or not).
    """
    warn_roles(tables, _where)
    warn_percent_fractions(tables, _where)  # D24 D34 D35c D36 D37: 0.4 % for 40 %
    warn_empty_stores(tables, _where)  # D137: a store's MW without its MWh
    warn_carrier_kinds(tables["commodities"], _where)  # MA120: electricity of kind heat
    warn_unburned_flows(tables, _where)  # round 29 ZE74: a kiln's coal as non_energy
    if fuel_costs:
        warn_fuel_in_variable_cost(tables, _where)  # MB46: a plant's cost holding its fuel's
    for line, row in records(tables["parameters"]):  # technology discount rates (V13)
        if row["parameter"] == "discount_rate" and not is_blank(row["value"]):
            # G68: the rate the model reads is value x unit (0.08 % is 0.0008), as dataset.yaml's
            unit = "1" if is_blank(row.get("unit")) else str(row["unit"]).strip()
            factor = _factor(unit, "1")
            if factor is None:
                continue  # the unit is reported by its own check
            warn_discount_rate(float(row["value"]) * factor,
                               f"{_where('parameters', line)}, columns value and unit",
                               typed=(float(row["value"]), unit))


def check_slips(tables: dict[str, pd.DataFrame], config: dict) -> list[Problem]:
    """Compare a dataset's quantities with its own base year and neighbouring values.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (index = file line, or the key of a scenario override row).
    config : dict
        ``dataset.yaml`` (``base_year`` is read).

    Returns
    -------
    list of Problem
        One per implausible value (file, row, column, value, the value compared with and
        how to override); rows overridden with ``plausibility: override: <reason>`` are left
        out and warned about (:class:`~carbonpath.errors.CarbonpathWarning`).
    """
    found: list[tuple[Problem, list[Any]]] = []
    found += _steps(tables)
    found += absolute_problems(tables, _file_row)  # absolute ranges: dataset/absolute.py
    warn_table_series(tables, _where)  # one year far off: series_slips.py
    base = int(config["base_year"])  # year_slips.py: a dated row no model year reads (2072
    warn_unused_rows(tables, base, int(config["horizon"]), _where,  # for 2027), a bound
                     int(config.get("first_decision_year", base + 1)))  # of one year (D15)
    warn_full_load_bounds(tables, base, int(config.get("first_decision_year", base + 1)),
                          _where)  # MB97: a bound x10 from the base year's hours
    warn_storage_power(tables, base, _where)  # KE41 KE42: storage far above the load
    for text in usual_per_person(tables["drivers"], int(config["base_year"]), _file_row):
        notices.warn(text, UnusualDriverWarning, stacklevel=2)  # GDP per person: absolute.py
    rates = _rates(tables)
    if not rates:  # MB58 MB96: heat from electricity far above a heat pump's COP
        warn_carrier_rates(tables, _where)
    bad = {r["commodity"] for _, rows in rates for r in rows}  # named once, as the rate
    found += _balance(tables, int(config["base_year"]), skip=bad)
    found += rates
    if not found:  # capacities against demand: only once the demands themselves hold
        found += capacity_problems(tables, int(config["base_year"]), _file_row)  # generation.py
    out = []
    seen: set[tuple] = set()  # one finding per cell (a step and a GDP per person, say)
    for problem, rows in found:
        cell = (problem.file, problem.row, problem.key, problem.column)
        if cell in seen:
            continue
        seen.add(cell)
        if any(_overridden(r) for r in rows):
            notices.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=3)
        else:
            out.append(problem)
    return out


def _steps(tables: dict[str, pd.DataFrame]) -> list[tuple[Problem, list[Any]]]:
    out = []
    series = [("demands", "commodity", tables["demands"], None)]
    drivers = tables["drivers"]
    series.append(("drivers", "driver", drivers[drivers["driver"].isin(["gdp", "population"])],
                   {"gdp": "CNY", "population": "person"}))
    commodities = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    for table, key, frame, units in series:
        frame = frame[frame["value"].notna() & frame["year"].notna()]
        region = frame["region"].fillna("") if "region" in frame else pd.Series("", frame.index)
        for (code, _), group in frame.groupby([frame[key], region], sort=False):
            if units is not None:
                target = units[code]
            elif code in commodities.index:
                target = f"({commodities.loc[code, 'unit']}) / yr"
            else:
                continue
            rows = sorted(group.iterrows(), key=lambda lr: int(lr[1]["year"]))
            values = []
            for _, row in rows:
                f = _factor(row["unit"], target)
                values.append(None if f is None else float(row["value"]) * f)
            for (_, r0), v0, (l1, r1), v1 in zip(rows, values, rows[1:], values[1:],
                                                  strict=False):
                if v0 is None or v1 is None or v0 <= 0 or v1 <= 0:
                    continue
                ratio = v1 / v0
                if within_step(ratio):
                    continue
                what = f"demand of {code}" if table == "demands" else f"driver {code}"
                out.append((Problem(
                    f"implausible {what}: {r1['value']:g} {r1['unit']} in {int(r1['year'])} is "
                    f"{ratio:.3g} times the {r0['value']:g} {r0['unit']} of {int(r0['year'])} "
                    f"(x{STEP:g} or /{STEP:g} or more between two declared years); probably "
                    "a unit or digit slip (MWh for GWh, 万元 for 亿元)",
                    column="value", value=r1["value"],
                    valid=f"less than x{STEP:g} from {r0['value']:g} {r0['unit']}; {OVERRIDE_HINT}",
                    **_file_row(table, l1)), [r0, r1]))
    return out


def _base_activity(tables: dict[str, pd.DataFrame], base: int) -> dict[str, tuple[float, Any,
                                                                                 Any]]:
    """Technology -> (observed base-year activity in its activity unit per year, line, row)."""
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    params = tables["parameters"]
    rows = params[(params["parameter"] == "activity") & params["value"].notna()]
    out = {}
    for line, row in rows.iterrows():
        if row["technology"] not in tech.index or not is_blank(row.get("day")):
            continue
        if not (is_blank(row["year"]) or int(row["year"]) == base):
            continue
        f = _factor(row["unit"], f"({tech.loc[row['technology'], 'activity_unit']}) / yr")
        if f is not None:
            out[row["technology"]] = (float(row["value"]) * f, line, row)
    return out


def _indexed(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Technologies and commodities indexed by their codes (built once per check)."""
    return (tables["technologies"].drop_duplicates("technology").set_index("technology"),
            tables["commodities"].drop_duplicates("commodity").set_index("commodity"))


def _sides(tables: dict[str, pd.DataFrame], base: int, code: str,
           activity: dict[str, tuple[float, Any, Any]], indexed: tuple[pd.DataFrame, ...]
           ) -> dict[str, list[tuple[float, str, Any, Any]]] | None:
    """Base-year production ("output") and use ("input", with the demand) of a commodity.

    Each entry is (amount in the commodity's unit per year, what, line, rows involved).
    None when a technology with a flow of it has no observed base-year activity (unknown).
    ``indexed`` is (technologies by code, commodities by code), see :func:`_indexed`.
    """
    tech, com = indexed
    flows = tables["flows"]
    unit = com.loc[code, "unit"]
    sides: dict[str, list[tuple[float, str, Any, Any]]] = {"output": [], "input": []}
    for _, flow in flows[flows["commodity"] == code].iterrows():
        t = flow["technology"]
        if t not in tech.index or tech.loc[t, "kind"] == "storage":
            continue
        if t not in activity or flow["direction"] not in sides or is_blank(flow["value"]):
            return None
        f = _factor(flow["unit"], f"({unit}) / ({tech.loc[t, 'activity_unit']})")
        if f is None:
            return None
        a, a_line, a_row = activity[t]
        sides[flow["direction"]].append((a * float(flow["value"]) * f,
                                         f"{t} activity", a_line, [a_row, flow]))
    demands = tables["demands"]
    for line, row in demands[(demands["commodity"] == code) & demands["value"].notna()
                             ].iterrows():
        if not (is_blank(row["year"]) or int(row["year"]) == base):
            continue
        f = _factor(row["unit"], f"({unit}) / yr")
        if f is None:
            return None
        sides["input"].append((float(row["value"]) * f, "demand", line, [row]))
    return sides


def _balance(tables: dict[str, pd.DataFrame], base: int,
             skip: set[str]) -> list[tuple[Problem, list[Any]]]:
    indexed = _indexed(tables)
    com = indexed[1]
    activity = _base_activity(tables, base)
    linked = set(tables["links"]["commodity"]) if tables.get("links") is not None else set()
    out = []
    for code in com.index:
        if code in linked or code in skip:
            continue
        unit = com.loc[code, "unit"]
        sides = _sides(tables, base, code, activity, indexed)
        if sides is None:
            continue
        if not sides["output"] or not sides["input"]:
            continue
        made = sum(s[0] for s in sides["output"])
        used = sum(s[0] for s in sides["input"])
        if made <= 0 or used <= 0 or within_step(made / used, BALANCE):
            continue
        # name the row on the side with fewer contributors (a single supply, a demand)
        nonzero = {k: [s for s in v if s[0] > 0] for k, v in sides.items()}
        side = min(nonzero, key=lambda k: (len(nonzero[k]), k == "input"))
        culprit = max(nonzero[side], key=lambda s: s[0])
        table = "demands" if culprit[1] == "demand" else "parameters"
        slip = _closing_slip(sides, made, used)  # B74: the row whose slip closes it
        closes = ""
        if slip is not None:
            culprit, factor, table = slip
            where = [_place("demands" if culprit[1] == "demand" else "parameters", culprit[2])]
            if len(culprit[3]) > 1:  # a technology: its activity row and its flow row
                flow = culprit[3][1]
                where.append(f"{_place('flows', flow.name)} ({flow['value']:g} "
                             f"{flow['unit']})")
            closes = (f"; {culprit[1]} {culprit[0]:.4g} off by x{factor:g} would close it "
                      f"(check {' and '.join(where)})")

        def listed(items: list) -> str:
            """The contributors above zero as 'code value, code value'."""
            return ", ".join(f"{s[1]} {s[0]:.4g}" for s in items if s[0] > 0)

        rows = [r for s in sides["output"] + sides["input"] for r in s[3]]
        out.append((Problem(
            f"implausible base year {base}: {code} produced {made:.4g} {unit} "
            f"({listed(sides['output'])}) but used {used:.4g} {unit} "
            f"({listed(sides['input'])}), {max(made, used) / min(made, used):.3g} times apart "
            f"(more than x{BALANCE:g}); probably a unit slip in one of them (t for kt, MWh "
            f"for GWh){closes}", column="unit" if table == "flows" else "value",
            value=culprit[3][-1 if table == "flows" else 0]["value"],
            valid=f"production and use of {code} less than x{BALANCE:g} apart; "
                  f"{OVERRIDE_HINT}",
            **_file_row(table, culprit[3][1].name if table == "flows" else culprit[2])), rows))
    return out


def _place(table: str, line: Any) -> str:
    """A row's place as text: ``flows.csv row 5`` or ``dataset.yaml key scenarios...``."""
    at = _file_row(table, line)
    return f"{at['file']} " + (f"row {at['row']}" if "row" in at else f"key {at['key']}")


#: The unit slips a single row can carry (t for kt, MWh for GWh, 万 for 1) and how close the
#: balance must come when that row is corrected (a rounding band, far inside x BALANCE).
SLIPS, CLOSE = (10.0, 100.0, 1e3, 1e4, 1e6), 1.02


def _closing_slip(sides: dict[str, list], made: float, used: float
                  ) -> tuple[tuple, float, str] | None:
    """The one contributor whose unit slip closes a balance, its factor and its table.

    Each contributor above zero is divided or multiplied by each factor of :data:`SLIPS`;
    the change that brings production and use within :data:`CLOSE` of each other is the
    slip, if exactly one contributor has one (none or several: None, the caller keeps its
    guess). The table is ``flows`` when the technology's flow (value x unit factor) carries
    the factor, else ``parameters`` (its activity) or ``demands``.
    """
    found = []
    for key, items in sides.items():
        for item in items:
            if item[0] <= 0:
                continue
            for factor in SLIPS:
                for fixed in (item[0] / factor, item[0] * factor):
                    m = made - item[0] + fixed if key == "output" else made
                    u = used - item[0] + fixed if key == "input" else used
                    if m > 0 and u > 0 and max(m, u) / min(m, u) <= CLOSE:
                        found.append((item, factor))
    if len({id(f[0]) for f in found}) != 1:
        return None
    item, factor = found[0]
    table = "demands" if item[1] == "demand" else "parameters"
    if len(item[3]) > 1:  # an energy-for-energy flow whose pure ratio is the factor itself
        flow = item[3][1]
        pure = _factor(str(flow["unit"]), "1")
        ratio = None if pure is None else float(flow["value"]) * pure
        if ratio and any(abs(ratio / f - 1) < 1e-6 for f in (factor, 1 / factor)):
            table = "flows"
    return item, factor, table


def _fossil(commodity: Any) -> bool:
    code = commodity.get("fuel")
    if not isinstance(code, str) or not code:
        return False
    resolved = fuels().resolve(code)
    return resolved is not None and fuels().attr(resolved, "fossil") == "yes"


def _rates(tables: dict[str, pd.DataFrame]) -> list[tuple[Problem, list[Any]]]:
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    flows = tables["flows"]
    out = []
    for line, flow in flows[flows["direction"] == "input"].iterrows():
        t, c = flow["technology"], flow["commodity"]
        if t not in tech.index or c not in com.index or is_blank(flow["value"]):
            continue
        if not _fossil(com.loc[c]) or float(flow["value"]) <= 0:
            continue
        hit = fuel_rate_problem(c, t, flow["value"], str(flow["unit"]),
                                str(tech.loc[t, "activity_unit"]), str(com.loc[c, "unit"]),
                                _file_row("flows", line), OVERRIDE_HINT,
                                ncv=_ncv(com.loc[c].get("fuel")))
        if hit is not None:
            out.append((hit, [flow]))
    if not out:  # MB57 MB96: electricity or hydrogen made from less energy: carrier_rates.py
        out += carrier_rate_problems(tables, _file_row, OVERRIDE_HINT)
    return out


def _ncv(code: Any) -> float | None:
    """The bundled net calorific value (GJ/t, region CN) of a fuel code, None if unknown."""
    from carbonpath.factors import bundled_factors

    try:
        return float(bundled_factors().lookup(str(code), "calorific_value", region="CN")
                     .value.to("GJ/t").magnitude)
    except Exception:  # no bundled NCV, or one per volume: the generic range judges it
        return None


def fuel_rate_problem(fuel: str, tech: str, value: float, unit: str, activity_unit: str,
                      fuel_unit: str, where: dict[str, Any], hint: str,
                      ncv: float | None = None) -> Problem | None:
    """A fossil fuel input rate whose implied efficiency lies outside :data:`EFFICIENCY`.

    Parameters
    ----------
    fuel, tech : str
        The commodity (a fossil fuel) and the technology taking it, for the message.
    value : float
        The flow ratio, in ``unit`` (fuel per activity: ``t/MWh``, ``GJ/MWh``).
    activity_unit : str
        The technology's activity unit; an activity that is not an energy is not judged.
    fuel_unit : str
        The fuel's unit (an energy, judged at 5 .. 100 %; or a mass, judged with any fossil
        fuel's net calorific value of :data:`NCV_GJ_PER_T`).
    where : dict
        The Problem's ``file`` and ``row`` (a dataset's flows.csv, or the catalogue's: V152).
    hint : str
        How to keep a value that is right (a dataset row's override; the catalogue has none).
    ncv : float, optional
        The fuel code's own net calorific value (GJ/t) for a fuel counted in mass: the one
        its emissions are computed with (0.08 t/MWh of raw coal at 20.908 GJ/t is 215 %,
        inside the generic range: Y02). None: :data:`NCV_GJ_PER_T` bounds it.

    Returns
    -------
    Problem or None
        Column ``value``, with the valid range in the row's own unit.
    """
    per_output = _factor(f"({activity_unit})", "GJ")
    if per_output is None:  # the activity is not an energy (a material, a service)
        return None
    energy = _factor(f"({fuel_unit})", "GJ")
    mass = _factor(f"({fuel_unit})", "t")
    f = _factor(unit, f"({fuel_unit}) / ({activity_unit})")
    if f is None or (energy is None and mass is None):
        return None
    rate = float(value) * f / per_output  # fuel unit per GJ of output
    if energy is not None:
        low, high = 1 / EFFICIENCY[1], 1 / EFFICIENCY[0]  # GJ in per GJ out
        given, shown = rate * energy, "GJ of fuel per GJ of output"
    else:
        span = NCV_GJ_PER_T if ncv is None else (ncv, ncv)
        low, high = 1 / EFFICIENCY[1] / span[1], 1 / EFFICIENCY[0] / span[0]
        given, shown = rate * mass, "t of fuel per GJ of output"
    if low * (1 - 1e-9) <= given <= high:
        return None
    scale = float(value) / given  # the bounds in the row's own unit
    eff = (1 / given if energy is not None else None if ncv is None else 1 / (given * ncv))
    return Problem(
        f"implausible input rate of {fuel} into {tech}: {value:g} {unit} "
        f"implies an efficiency outside {EFFICIENCY[0]:.0%} .. {EFFICIENCY[1]:.0%}"
        + ("" if energy is not None else
           f" for any fossil fuel of {NCV_GJ_PER_T[0]:g} .. {NCV_GJ_PER_T[1]:g} GJ/t"
           if ncv is None else f" at the fuel code's net calorific value of {ncv:g} GJ/t")
        + f" ({given:.3g} {shown}" + ("" if eff is None else f": an efficiency of {percent(eff)}")
        + "); " + (fuel_rate_reading(float(value), unit, given, (low, high), per_output,
                                  activity_unit) if energy is not None else
                   "probably a unit slip" + (" (kg for t)" if given < low / 100
                                             else " or a lost digit")),
        column="value", value=value,
        valid=f"{low * scale:.3g} .. {high * scale:.3g} {unit}; {hint}", **where)


def fossil_input_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Fossil fuels declared or used so that they would not count as fossil.

    Technologies declared ``nonfossil`` that take a fossil fuel input (``flows.csv``):
    non-fossil generation is counted as primary electricity, so a coal plant declared
    ``nonfossil=true`` would count its coal-fired output as non-fossil energy. And fuels
    burned without emissions: a burned commodity without a fuel code, a fossil input with a
    ``use`` its sector cannot have (:func:`carbonpath.dataset.fuel_checks.fuel_use_problems`).

    Returns
    -------
    list of Problem
        One per such technology, naming technologies.csv's row and column ``nonfossil``;
        then the fuel-use problems (commodities.csv column ``fuel``, flows.csv column
        ``use``).
    """
    from carbonpath.dataset.fuel_checks import fuel_use_problems

    tech = tables["technologies"]
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    flows = tables["flows"]
    out = []
    for line, row in tech[tech["nonfossil"].fillna(False).astype(bool)].iterrows():
        inputs = flows[(flows["technology"] == row["technology"])
                       & (flows["direction"] == "input")]
        fossil = [c for c in inputs["commodity"] if c in com.index and _fossil(com.loc[c])]
        if fossil:
            out.append(Problem(
                f"technology '{row['technology']}' is declared nonfossil but takes fossil "
                f"input {', '.join(fossil)} (flows.csv); its output would count as non-fossil "
                "energy", column="nonfossil", value=row["nonfossil"],
                valid="false for a technology burning a fossil fuel",
                **_file_row("technologies", line)))
    return out + fuel_use_problems(tables) + role_problems(tables, _file_row)  # role_checks.py
