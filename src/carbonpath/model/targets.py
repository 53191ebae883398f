r"""Plan targets as constraints on the emissions :math:`E_y` and energy of the pathway.

Every target of the scenario becomes rows of one indexed Pyomo constraint
``m.target[name, year]``; :func:`target_rows` records, for each row, the target, the year,
the quantity and unit it constrains, so that duals and the infeasibility diagnosis can name
them. Rows whose bounds a re-solve may change (peak year, cap level, shares) are created
for every year they could apply to; inactive ones have an infinite bound.

Energy consumption :math:`\mathrm{TE}_y = \sum_p e_{p,y} \bar A_{p,y}` (ktce) counts primary
energy where it enters the region: fuel purchases and local fuel production at their
standard-coal coefficients (GB/T 2589-2020), local non-fossil electricity and net
electricity imports by the dataset's primary-electricity convention (the coal-consumption
method at the year's thermal-power coal rate, or the calorific equivalent). Its non-fossil
part :math:`\mathrm{NF}_y` counts local non-fossil generation and non-fossil fuels, and
imported electricity at the grid's non-fossil share; exported electricity is subtracted from
the total and counted as fossil.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pyomo.core as pyo

from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.model.components import capacity
from carbonpath.model.data import ModelData
from carbonpath.model.network import driver_of, emissions_of, target_scope
from carbonpath.units import unit_factor

__all__ = ["TargetRow", "add_targets", "energy_total", "nonfossil_total", "row_is_active",
           "target_expressions", "target_regions"]

INF = math.inf

# 15th FYP indicator and scenario target types (issue 13): built in model/indicators.py
FYP_TYPES = ("emission_limits", "coal_cap", "energy_intensity_adjusted",
             "nonfossil_share_convention", "sector_peak", "frozen_mix")


@dataclass
class TargetRow:
    """What one target row constrains (for duals, updates and diagnosis)."""

    target: str
    type: str
    year: int
    sense: str  # "<=" or ">="
    measure: str  # what the row's slack measures, in words
    unit: str  # unit of the row (of its dual's denominator)


def row_is_active(con: Any) -> bool:
    """False for a target row whose bounds are both infinite (kept only for updates)."""
    lo = None if con.lower is None else pyo.value(con.lower)
    up = None if con.upper is None else pyo.value(con.upper)
    return not ((lo is None or math.isinf(lo)) and (up is None or math.isinf(up)))


def target_regions(d: ModelData, target: dict[str, Any]) -> set[str] | None:
    """The regions whose energy a target counts: its ``region`` scope, None for all.

    See :func:`carbonpath.model.network.target_scope` (a region, a group of regions or a
    list; a scope covering every region is the whole model).
    """
    scope = target_scope(d, target)
    return None if scope is None else set(scope[1])


def _counts(t: Any, k: int, attr: str, regions: set[str] | None) -> bool:
    """Whether technology ``t`` enters an energy sum of the regions ``regions`` in year k."""
    if t.kind == "storage" or getattr(t, attr)[k] == 0:
        return False
    return regions is None or (t.region in regions and t.link is None)


def energy_total(m: pyo.ConcreteModel, d: ModelData, year: int,
                 regions: set[str] | None = None):
    r"""Energy consumption :math:`\mathrm{TE}_y` in ktce (linear expression).

    Parameters
    ----------
    regions : set of str, optional
        Count only the technologies of these regions (:math:`\mathrm{TE}_{S,y}`; a link
        counts nothing anywhere). None: the whole model.
    """
    k = d.year_index[year]
    return sum(float(t.energy_tce[k]) * m.activity[t.code, year] for t in d.techs.values()
               if _counts(t, k, "energy_tce", regions))


def nonfossil_total(m: pyo.ConcreteModel, d: ModelData, year: int,
                    regions: set[str] | None = None):
    r"""Non-fossil energy consumption :math:`\mathrm{NF}_y` in ktce (linear expression).

    ``regions`` as in :func:`energy_total`.
    """
    k = d.year_index[year]
    return sum(float(t.nonfossil_tce[k]) * m.activity[t.code, year] for t in d.techs.values()
               if _counts(t, k, "nonfossil_tce", regions))


def _quantity(target: dict[str, Any], key: str, unit: str, name: str) -> float:
    """A target's number in the model's unit; a unit of the wrong dimension names the target."""
    spec = target[key]
    if isinstance(spec, dict):
        number, given = spec["value"], str(spec["unit"])
    elif key == "value" and "unit" in target:
        number, given = spec, str(target["unit"])
    else:
        msg = f"target '{name}': {key} needs a unit"
        raise DataError(Problem(msg, file="plan.yaml", key=f"targets.{name}.{key}",
                                valid="e.g. {value: 50, unit: Mt CO2}"))
    try:
        return float(number) * unit_factor(given, unit)
    except UnitError:
        raise DataError(Problem(f"target '{name}': {given!r} cannot be converted to {unit!r}",
                                file="plan.yaml", key=f"targets.{name}.{key}", value=given,
                                valid=f"a unit like {unit}")) from None


def add_targets(m: pyo.ConcreteModel, d: ModelData,
                peak_year: int | None = None) -> dict[tuple[str, int], TargetRow]:
    r"""Add the scenario's targets as rows of ``m.target``.

    Target types (``E`` = emissions on the dataset's basis, kt):

    * ``peak_year`` P: :math:`E_{y+1} - E_y \le 0` for every :math:`y \ge P` (linear; the
      maximum then falls at or before P). Rows exist for every year; those before P have an
      infinite bound, so a re-solve can move P.
    * ``cap``: :math:`E_y \le \bar E` in the listed years (default: every decision year).
    * ``reduction``: :math:`E_Y \le (1 - x) E_{Y_0}`.
    * ``budget``: :math:`\sum_{y=a}^{b} E_y \le B`.
    * ``emission_intensity``: :math:`E_Y - (1-x)\,(\mathrm{GDP}_Y / \mathrm{GDP}_{Y_0})\,
      E_{Y_0} \le 0`, or :math:`E_Y \le (1-x)\, I_{ref}\, \mathrm{GDP}_Y` with a given
      reference intensity (when :math:`Y_0` precedes the base year).
    * ``energy_intensity``: the same with :math:`\mathrm{TE}`.
    * ``nonfossil_share``: :math:`\mathrm{NF}_Y - s\, \mathrm{TE}_Y \ge 0`.
    * ``energy_cap``: :math:`\mathrm{TE}_y \le \bar{\mathrm{TE}}` (ktce) in the listed years
      (default: every decision year).
    * ``min_share``: :math:`\sum_{p \in M} N_{p,y} - s \sum_{p \in G} N_{p,y} \ge 0` (members M of
      group G; new capacity, or annual activity with ``measure: activity``).
    * ``bound``: a bound on one technology's capacity, new capacity or annual activity.

    ``peak_year``, ``cap``, ``reduction``, ``budget`` and ``emission_intensity`` targets
    with a ``region`` (a region, a group of regions, or a list) apply to the emissions
    :math:`E_{S,y}` of those regions (:func:`carbonpath.model.network.add_regional_emissions`)
    instead of :math:`E_y`; an intensity target then divides by the sum of those regions'
    GDP (``drivers.csv`` rows of ``gdp`` with their ``region``).
    ``energy_cap``, ``energy_intensity``, ``nonfossil_share``, ``coal_cap``,
    ``energy_intensity_adjusted`` and ``nonfossil_share_convention`` targets with a
    ``region`` count the energy :math:`\mathrm{TE}_{S,y}`, :math:`\mathrm{NF}_{S,y}` (and
    coal) of the technologies of those regions only (:func:`energy_total`); a link counts
    nothing, so the regions add up to the total, as the ``emissions_region`` table shows.

    Parameters
    ----------
    peak_year : int, optional
        Overrides the year of the scenario's ``peak_year`` target (or adds one).

    Returns
    -------
    dict
        (target name, year) -> :class:`TargetRow`.
    """
    targets = list(d.targets)
    if peak_year is not None and not any(t["type"] == "peak_year" for t in targets):
        targets.append({"name": "peak", "type": "peak_year", "year": peak_year,
                        "status": "assumption", "source": "set by the caller"})
    exprs, rows = target_expressions(m, d, targets, peak_year)
    _refuse_empty_rows(exprs, rows, targets, d.decision_years)
    m.target = pyo.Constraint(list(exprs), rule=lambda _m, n, y: exprs[(n, y)])
    return rows


def _refuse_empty_rows(exprs: dict[tuple[str, int], Any], rows: dict[tuple[str, int], TargetRow],
                       targets: list[dict[str, Any]], decision: list[int]) -> None:
    """Refuse a target whose row counts nothing, before Pyomo fails on a constant row.

    H29: a regional energy cap on a region without energy (a captive region's fuels are
    bought in the city). A row in a year before the decision years (the observed base
    year, fixed to the data) is refused as such, naming the valid years (round 28 MD87,
    MD104), not with the advice about regions.

    Raises
    ------
    DataError
        Naming the target (plan.yaml key), the year, its region and what it measures.
    """
    from pyomo.core.expr.visitor import identify_variables

    by_name = {t["name"]: t for t in targets}
    problems = []
    for (name, year), expr in exprs.items():
        body = expr[1] if isinstance(expr, tuple) and len(expr) == 3 else expr
        if (not isinstance(body, int | float)
                and next(identify_variables(body), None) is not None):
            continue
        target = by_name.get(name, {})
        where = f" (region {target['region']})" if target.get("region") else ""
        if decision and year not in decision:
            problems.append(Problem(
                f"target '{name}' counts nothing in {year}: {year} is the observed base year, "
                "fixed to the data (nothing is chosen or built in it), so the target "
                "constrains nothing there", file="plan.yaml", key=f"targets.{name}.years",
                value=year, valid=f"years from the decision years {decision[0]}..{decision[-1]}"))
            break
        problems.append(Problem(
            f"target '{name}' counts nothing in {year}{where}: "
            f"{rows[(name, year)].measure} has no technology that enters it, so the target "
            "constrains nothing", file="plan.yaml", key=f"targets.{name}",
            valid="a region or group whose technologies count in this measure (a captive "
            "region's energy is bought in the city and counts there), or remove the target"))
        break  # one per dataset is enough to say what is wrong
    DataError.collect(problems, "plan.yaml")


def target_expressions(m: pyo.ConcreteModel, d: ModelData, targets: list[dict[str, Any]],
                       peak_year: int | None = None
                       ) -> tuple[dict[tuple[str, int], Any], dict[tuple[str, int], TargetRow]]:
    """The rows of ``targets`` as (lower, body, upper) expressions, without adding them.

    :func:`add_targets` turns them into ``m.target``; the infeasibility diagnosis
    regenerates one target's rows at another value (a share, a cut) to find the best
    value reachable.

    Returns
    -------
    (dict, dict)
        (target name, year) -> (lower or None, linear expression, upper or None), and
        (target name, year) -> :class:`TargetRow`.
    """
    rows: dict[tuple[str, int], TargetRow] = {}
    exprs: dict[tuple[str, int], Any] = {}
    decision = d.decision_years
    gdp = d.drivers.get("gdp")
    for target in targets:
        name, kind = target["name"], target["type"]
        E = emissions_of(m, d, target)  # of the target's regions (default: all)
        if kind == "peak_year":
            P = peak_year if peak_year is not None else int(target["year"])
            for y in d.years[:-1]:
                exprs[(name, y)] = (None, E[y + 1] - E[y], 0.0 if y >= P else INF)
                rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                            f"rise of emissions from {y} to {y + 1}", "kt")
        elif kind == "cap":
            level = _quantity(target, "value", "kt CO2" if d.emissions["gas"] == "CO2"
                              else "kt CO2e", name)
            for y in target.get("years") or decision:
                exprs[(name, y)] = (None, E[y], level)
                rows[(name, y)] = TargetRow(name, kind, y, "<=", f"emissions in {y}", "kt")
        elif kind == "reduction":
            y, ref = int(target["year"]), int(target["relative_to"])
            x = float(target["value"])
            exprs[(name, y)] = (None, E[y] - (1 - x) * E[ref], 0.0)
            rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                        f"emissions in {y} above {1 - x:.0%} of {ref}", "kt")
        elif kind == "budget":
            a, b = int(target["start"]), int(target["end"])
            level = _quantity(target, "value", "kt CO2" if d.emissions["gas"] == "CO2"
                              else "kt CO2e", name)
            exprs[(name, b)] = (None, sum(E[y] for y in range(a, b + 1)), level)
            rows[(name, b)] = TargetRow(name, kind, b, "<=", f"emissions {a}-{b}", "kt")
        elif kind in ("emission_intensity", "energy_intensity"):
            _intensity(m, d, target, gdp, exprs, rows)
        elif kind == "nonfossil_share":
            y = int(target["year"])
            s = float(target["value"])
            regions = target_regions(d, target)
            exprs[(name, y)] = (0.0, nonfossil_total(m, d, y, regions)
                                - s * energy_total(m, d, y, regions), None)
            rows[(name, y)] = TargetRow(name, kind, y, ">=",
                                        f"non-fossil energy in {y} above {s:.0%} of the "
                                        f"total{_in(d, target)}", "ktce")
        elif kind == "energy_cap":
            level = _quantity(target, "value", "ktce", name)
            regions = target_regions(d, target)
            for y in target.get("years") or decision:
                exprs[(name, y)] = (None, energy_total(m, d, y, regions), level)
                rows[(name, y)] = TargetRow(name, kind, y, "<=", f"energy consumption in "
                                            f"{y}{_in(d, target)}", "ktce")
        elif kind == "min_share":
            members = set(target["members"])
            group = [t for t in d.techs.values()
                     if t.group == target["group"] or t.code in members]
            s = float(target["value"])
            measure = target.get("measure", "new_capacity")
            for y in target.get("years") or decision:
                if measure == "activity":
                    def var(p, y=y):
                        """The share target's measure of one technology in the year."""
                        return m.activity[p, y]
                else:
                    def var(p, y=y):
                        """The share target's measure of one technology in the year."""
                        return m.new_capacity[p, y] if (p, y) in m.new_capacity else 0.0  # noqa: SIM401
                body = (sum(var(t.code) for t in group if t.code in members)
                        - s * sum(var(t.code) for t in group))
                exprs[(name, y)] = (0.0, body, None)
                rows[(name, y)] = TargetRow(name, kind, y, ">=",
                                            f"{target['group']} share in {y}", "")
        elif kind == "bound":
            tech = d.techs[target["technology"]]
            quantity = target["quantity"]
            _uncapacitated_bound(tech, target)
            unit = tech.activity_unit + "/yr" if quantity == "activity" else tech.capacity_unit
            if quantity == "new_capacity":
                unit += "/yr"
            lo = _quantity(target, "min", unit, name) if "min" in target else None
            hi = _quantity(target, "max", unit, name) if "max" in target else None
            if quantity == "capacity" and hi is not None:
                _stock_above_bound(d, tech, target, hi)
            if quantity != "capacity":  # round 28 MD84, MD86, MD91: had been a raw KeyError
                _observed_year_bound(m, tech.code, quantity, target, decision)
            for y in target.get("years") or decision:
                if quantity == "capacity":
                    body = capacity(m, d, tech, y)
                elif quantity == "new_capacity":
                    body = m.new_capacity[tech.code, y]
                else:
                    body = m.activity[tech.code, y]
                exprs[(name, y)] = (lo, body, hi)
                rows[(name, y)] = TargetRow(name, kind, y, "<=" if hi is not None else ">=",
                                            f"{quantity} of {tech.code} in {y}", unit)
        elif kind in FYP_TYPES:
            from carbonpath.model.indicators import add_indicator_target

            add_indicator_target(m, d, target, exprs, rows)
    return exprs, rows


def _observed_year_bound(m: pyo.ConcreteModel, code: str, quantity: str,
                         target: dict[str, Any], decision: list[int]) -> None:
    """Refuse a plan bound on new capacity or activity in a year the model does not choose.

    In the observed base year(s) activity is fixed to ``activity.csv`` and nothing is built,
    so the model has no such variable there to bound (a ``years: [2024]`` bound had ended in
    Pyomo's raw ``KeyError``, round 28 MD84, MD86, MD91).

    Raises
    ------
    DataError
        Naming plan.yaml's ``targets.<name>.years``, the years without the variable and the
        decision years that are valid.
    """
    var = m.new_capacity if quantity == "new_capacity" else m.activity
    years = target.get("years") or decision
    fixed = [int(y) for y in years if (code, y) not in var]
    if fixed:
        raise DataError(Problem(
            f"a bound on the {quantity} of {code} in {', '.join(map(str, fixed))}: the "
            f"model does not choose it there (the observed base year's activity is fixed to "
            "the data and nothing is built in it), so the bound could not bind",
            file="plan.yaml", key=f"targets.{target['name']}.years", value=fixed,
            valid=f"years from the decision years {decision[0]}..{decision[-1]}"))


def _uncapacitated_bound(tech: Any, target: dict[str, Any]) -> None:
    """Refuse a plan bound on the capacity of a technology that has none (L81).

    An import or export without ``residual_capacity``, ``max_capacity`` or ``capex`` rows
    has no capacity: a bound on it counts nothing (it had been refused as a target that
    "counts nothing", with advice about regions). The limit of a purchase is its activity.

    Raises
    ------
    DataError
        Naming plan.yaml ``targets.<name>.quantity`` and the bound that works instead.
    """
    quantity = target["quantity"]
    if quantity == "activity" or tech.capacitated:
        return
    name, code = target["name"], tech.code
    unit = f"{tech.activity_unit}/yr"
    example = "a line of 100 MW running all year carries at most 876 GWh/yr"
    spec = target.get("max") or target.get("min") or {}
    try:  # the target's own figure at full load all year, if it is a power
        full = unit_factor(f"({spec['unit']}) * 8760 h/yr", unit) * float(spec["value"])
        example = (f"{spec['value']:g} {spec['unit']} running all year carries at most "
                   f"{full:.4g} {unit}")
    except (KeyError, TypeError, ValueError, UnitError):
        pass
    raise DataError(Problem(
        f"target '{name}' bounds the {quantity.replace('_', ' ')} of '{code}', which has "
        f"none: it is an {tech.kind} without residual_capacity, max_capacity or capex rows, "
        "so its capacity is no model variable; what it buys or sells is its activity",
        file="plan.yaml", key=f"targets.{name}.quantity", value=quantity,
        valid=f"quantity: activity with min/max in {unit} ({example}), or a parameters.csv "
              f"row {code},max_activity,<year>,<value>,{unit}; or, to model the line's "
              f"capacity, a {code},residual_capacity row (its limit, times its "
              "availability_profile)"), "plan.yaml")


def _stock_above_bound(d: ModelData, tech: Any, target: dict[str, Any], hi: float) -> None:
    """Refuse a plan bound on capacity below the technology's residual stock (R115).

    The same rule as a ``max_capacity`` row (:func:`~carbonpath.model.terms.stock_above_max`):
    installed capacity includes the stock, so such a bound can never hold; refused before
    the solve, naming the target's key (plan.yaml, or a scenario's ``target_values``) and
    the stock, where the infeasibility diagnosis named only the capacity reachable.
    """
    from carbonpath.dataset.scenarios import TARGET_PLACES
    from carbonpath.model.target_levels import _place
    from carbonpath.model.terms import stock_above_max

    name = target["name"]
    place = _place(d.dataset.config.get(TARGET_PLACES) or {}, name, "max")
    years = target.get("years") or d.decision_years
    DataError.collect(stock_above_max(d, tech, {int(y): hi for y in years}, place["file"],
                                      f"target '{name}' (bound)", place["key"],
                                      f"{target['max']['value']:g} {target['max']['unit']}"))


def _intensity(m: pyo.ConcreteModel, d: ModelData, target: dict[str, Any], gdp: Any,
               exprs: dict, rows: dict) -> None:
    name, kind = target["name"], target["type"]
    gdp = driver_of(d, target, "gdp")  # of the target's regions (default: the dataset's)
    if gdp is None:
        raise DataError(Problem(f"target '{name}' needs the gdp driver", file="drivers.csv",
                                column="driver", valid="rows: gdp,<year>,<value>,亿元,<source>"))
    y, ref = int(target["year"]), int(target["relative_to"])
    x = float(target["value"])
    k = d.year_index[y]
    E = emissions_of(m, d, target)
    if kind == "emission_intensity":
        quantity = E[y]
        unit = "kt CO2 / MCNY" if d.emissions["gas"] == "CO2" else "kt CO2e / MCNY"
    else:
        quantity = energy_total(m, d, y, target_regions(d, target))
        unit = "ktce / MCNY"
    if ref in d.year_index:
        if "reference" in target:
            raise DataError(Problem(f"target '{name}': relative_to {ref} is a model year, so "
                                    "the reference is computed; remove 'reference'",
                                    file="plan.yaml", key=f"targets.{name}.reference"))
        kr = d.year_index[ref]
        ref_quantity = E[ref] if kind == "emission_intensity" else energy_total(
            m, d, ref, target_regions(d, target))
        body = quantity - (1 - x) * float(gdp[k] / gdp[kr]) * ref_quantity
        exprs[(name, y)] = (None, body, 0.0)
    else:
        if "reference" not in target:
            raise DataError(Problem(
                f"target '{name}': relative_to {ref} precedes the base year, so the reference "
                "intensity must be given", file="plan.yaml", key=f"targets.{name}.reference",
                valid="reference: {value: 1.9, unit: t CO2/万元}"))
        ref_value = _quantity(target, "reference", unit, name)
        exprs[(name, y)] = (None, quantity, (1 - x) * ref_value * float(gdp[k]))
    rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                f"{kind.replace('_', ' ')} in {y}{_in(d, target)}",
                                "kt" if kind == "emission_intensity" else "ktce")


def _in(d: ModelData, target: dict[str, Any]) -> str:
    """`` in <scope>`` for a target on some regions (empty for the whole model)."""
    scope = target_scope(d, target)
    return "" if scope is None else f" in {scope[0]}"
