"""The domain of every plan-target key, in one table, checked before a model is built.

:data:`TARGET_DOMAINS` lists, per target type, the domain of each key the model reads
(``share``: a number in 0..1; ``model_year``: a year of the model ...). :data:`DOMAINS`
holds one check per domain. A new target type slots in with one row of
:data:`TARGET_DOMAINS` (and a new domain, if its keys need one, in :data:`DOMAINS`); nothing
else here changes. Each value outside its domain is a :class:`~carbonpath.errors.Problem`
naming ``plan.yaml``, the key path (``targets.<name>.<key>``) and the valid range.

The checks here come after the type checks of :func:`carbonpath.dataset._check_target`
(keys present, integers where years are expected, numbers where numbers are): they run only
on a target that passed those, so one slip is reported once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from carbonpath.errors import Problem, UnitError
from carbonpath.units import unit_factor

__all__ = ["DOMAINS", "TARGET_DOMAINS", "TargetContext", "bound_power_notes", "check_domains",
           "year_text"]


@dataclass(frozen=True)
class TargetContext:
    """What a domain check may look at: the dataset's configuration and tables."""

    config: dict
    tables: dict[str, pd.DataFrame]

    @property
    def years(self) -> range:
        """The model years, base year .. horizon."""
        return range(self.config["base_year"], self.config["horizon"] + 1)

    @property
    def technologies(self) -> set[str]:
        """Technology codes of technologies.csv."""
        t = self.tables.get("technologies")
        return set(t["technology"]) if t is not None else set()

    def groups(self) -> dict[str, set[str]]:
        """Share-target group name -> its technologies (technologies.csv ``group``)."""
        t = self.tables.get("technologies")
        if t is None or "group" not in t:
            return {}
        out: dict[str, set[str]] = {}
        for code, group in zip(t["technology"], t["group"], strict=True):
            if isinstance(group, str) and group:
                out.setdefault(group, set()).add(code)
        return out

    def drivers(self) -> set[str]:
        """Drivers given in drivers.csv."""
        t = self.tables.get("drivers")
        return set(t["driver"]) if t is not None else set()

    @property
    def gas(self) -> str:
        """The dataset's emissions gas (``CO2`` or ``CO2e``)."""
        return self.config["emissions"]["gas"]


#: A domain check: (value, target, context) -> (message, valid) if the value is outside
#: the domain, else None.
Check = Callable[[Any, dict, TargetContext], "tuple[str, str] | None"]


def _share(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if 0 <= value <= 1:
        return None
    hint = f" (for {value:g} % write {value / 100:g})" if 1 < value <= 100 else ""
    return f"a share must be within 0..1{hint}", "0 .. 1 (0.2 = 20 %)"


def _cut(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if 0 <= value < 1:
        return None
    hint = f" (for {value:g} % write {value / 100:g})" if 1 <= value <= 100 else ""
    return (f"a cut must be within 0..1; a cut of 100 % or more leaves nothing{hint}",
            "0 <= cut < 1 (0.18 = 18 % below the reference)")


def _reduction(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if 0 <= value <= 1:
        return None
    hint = f" (for {value:g} % write {value / 100:g})" if 1 < value <= 100 else ""
    return (f"a reduction must be within 0..1; above 1 needs negative emissions{hint}",
            "0 .. 1 (0.07 = 7 % below the reference year)")


def _emission_quantity(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    unit = str(target.get("unit", ""))
    problem = _per_year(unit, f"t {ctx.gas}", target, value) or _convertible(unit, f"t {ctx.gas}")
    if problem:
        return problem
    if not math.isfinite(value):
        return "an emission level must be a finite number", f"a mass of {ctx.gas} >= 0"
    if not value >= 0:
        return "an emission level cannot be negative", f"a mass of {ctx.gas} >= 0, e.g. 50 Mt"
    return _finite(value, unit, f"kt {ctx.gas}")


def _coal_quantity(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    unit = str(target.get("unit", ""))
    problem = _per_year(unit, "tce", target, value) or _convertible(unit, "tce")
    if problem:
        return problem
    if not math.isfinite(value):
        return "a coal cap must be a finite number", "a standard-coal mass >= 0"
    if not value >= 0:
        return "a coal cap cannot be negative", "a standard-coal mass >= 0, e.g. 20 Mtce"
    return _finite(value, unit, "ktce")


def _yearly_limits(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if not isinstance(value, dict) or not value:
        return "values must map model years to limits", "e.g. {2030: 50, 2035: 46}"
    for year, limit in value.items():
        if year not in ctx.years:
            return (year_text(year) or f"{year} is not a model year",
                    f"years {ctx.years[0]} .. {ctx.years[-1]}")
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            return f"the limit of {year} ({limit!r}) is not a number", "a number, unit in 'unit'"
        found = _emission_quantity(limit, target, ctx)
        if found:
            return f"the limit of {year}: {found[0]}", found[1]
    return None


def _per_year(unit: str, expected: str, target: dict, value: Any) -> tuple[str, str] | None:
    """A rate per year (``Mt CO2/yr``, as the emission tables print) where an amount is read.

    A cap, a yearly limit or a coal cap is the amount in each of its years, and a budget the
    amount over all of them; the model reads the unit as an amount, so a rate is refused
    with the unit to write (round 12's F06; :meth:`PathwayModel.update` says the same, UP14).
    """
    try:
        unit_factor(unit, expected)
        return None  # an amount: fine
    except UnitError:
        pass
    try:
        unit_factor(f"({unit}) * yr", expected)
    except UnitError:
        return None  # neither: the dimension message says what is wrong
    amount = unit.rsplit("/", 1)[0].strip() if "/" in unit else expected
    if target.get("type") == "budget":
        return (f"unit '{unit}' is a rate per year, but a budget is the total amount over "
                f"{target.get('start')}..{target.get('end')}: write the total in "
                f"'{amount}' (the yearly rate times the years)",
                f"a unit like {expected}, e.g. Mt {expected.split()[-1]}")
    kind = {"coal_cap": ("coal cap", "burnt")}.get(target.get("type"), (
        "yearly limit" if target.get("type") == "emission_limits" else "cap", "emitted"))
    number = f" with the same number ({value:g})" if isinstance(value, int | float) else ""
    return (f"unit '{unit}' is a rate per year, but a {kind[0]} is the amount {kind[1]} in "
            f"each of its years, which the result tables print per year: write unit "
            f"'{amount}'{number}",
            f"a unit like {expected}, e.g. {amount}")


def _convertible(unit: str, expected: str) -> tuple[str, str] | None:
    try:
        unit_factor(unit, expected)
    except UnitError:
        return (f"unit '{unit}' is not of the dimension of {expected}",
                f"a unit like {expected}, e.g. Mt {expected.split()[-1]}")
    return None


def _finite(value: Any, unit: str, to: str) -> tuple[str, str] | None:
    try:
        converted = float(value) * unit_factor(unit, to)
    except (UnitError, OverflowError):
        return None
    if not math.isfinite(converted):
        return (f"{value} {unit} is not finite in {to}",
                "a value whose converted size stays within about 1e308")
    return None


def year_text(year: Any) -> str | None:
    """Why ``year`` is no model year when it is a year written as text (round 22 P91).

    Parameters
    ----------
    year : Any
        A year as YAML read it (a key of ``values``, or a ``year`` entry).

    Returns
    -------
    str or None
        The message for a quoted year such as ``'2028'`` (YAML reads it as text, never
        the number 2028), or None for anything else.
    """
    if isinstance(year, str) and year.strip().lstrip("+-").isdigit():
        return (f"'{year}' is a year written as text (in quotes), which YAML never reads "
                f"as the number {year.strip()}: write {year.strip()} without quotes")
    return None


def _model_year(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if value in ctx.years:
        return None
    return (year_text(value) or f"{value} is not a model year",
            f"{ctx.years[0]} .. {ctx.years[-1]}")


def _model_years(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    """Each of a target's ``years`` a model year, none written twice.

    MG111: ``[2030, 2030]`` for ``[2026, 2030]`` bound 2030 alone, quietly.
    """
    found = next((p for y in value if (p := _model_year(y, target, ctx))), None)
    if found:
        return found
    twice = sorted({y for y in value if list(value).count(y) > 1})
    if twice:
        return (f"{', '.join(str(y) for y in twice)} written twice in {list(value)} (a year "
                f"typed twice binds once; another year meant?)",
                f"distinct model years ({ctx.years[0]} .. {ctx.years[-1]})")
    return None


def _after_start(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    start = target.get("start")
    if isinstance(start, int) and value < start:
        return f"the end {value} is before the start {start}", f"a year >= {start}"
    return None


def _reference_year(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    year = target.get("year")
    if isinstance(year, int) and value >= year:
        return (f"the reference year {value} is not before the target year {year}",
                f"a year before {year}")
    if target["type"] == "reduction" and value not in ctx.years:
        return (f"{value} is not a model year (a reduction compares modelled emissions)",
                f"{ctx.years[0]} .. {ctx.years[-1]}")
    if value not in ctx.years and "reference" not in target:
        return (f"{value} precedes the base year, so the model has no value for it: give "
                "the reference intensity", "reference: {value: <number>, unit: <unit>} or "
                f"a year within {ctx.years[0]} .. {ctx.years[-1]}")
    if value in ctx.years and "reference" in target:
        return (f"{value} is a model year, so the reference is computed; remove 'reference'",
                "no 'reference' key, or a reference year before the base year")
    if value < ctx.years[0] - 50:
        return f"{value} is far before the data", f"{ctx.years[0] - 50} .. {ctx.years[0]}"
    return None


def _intensity_reference(kind: str) -> Check:
    def check(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
        """``None`` if the reference intensity is valid, else a (problem, valid values) pair."""
        numerator = f"t {ctx.gas}" if kind == "emission" else "tce"
        expected = f"{numerator} / CNY"
        problem = _convertible(str(value["unit"]), expected)
        if problem:
            return problem
        if not value["value"] > 0:
            return "a reference intensity must be above 0", f"> 0 {numerator}/万元"
        return _finite(value["value"], str(value["unit"]), expected)
    return check


def _needs_gdp(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if "gdp" in ctx.drivers():
        return None
    return ("an intensity target needs the gdp driver (drivers.csv)",
            "rows gdp,<year>,<value>,亿元,<source> covering the model years")


def _group(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    groups = ctx.groups()
    if value in groups:
        return None
    names = ", ".join(sorted(groups)) or "none: technologies.csv has no group column values"
    return (f"no technology has group '{value}' (technologies.csv, column group), so the "
            "share would count the members only", names)


def _members(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    group = ctx.groups().get(target.get("group"), set())
    outside = [m for m in value if m in ctx.technologies and group and m not in group]
    if outside:
        return (f"member(s) {', '.join(map(str, outside))} are not in group "
                f"'{target.get('group')}'", ", ".join(sorted(group)))
    if not value:
        return "members is empty: the share would be 0", "one or more technologies of the group"
    return None


def _bound_pair(value: Any, target: dict, ctx: TargetContext) -> tuple[str, str] | None:
    if not value["value"] >= 0:
        return "a bound must be >= 0", ">= 0"
    lo, hi = target.get("min"), target.get("max")
    if isinstance(lo, dict) and isinstance(hi, dict) and value is hi:
        try:
            low = float(lo["value"]) * unit_factor(str(lo["unit"]), str(hi["unit"]))
        except UnitError:
            return None
        if low > float(hi["value"]):
            return (f"max {hi['value']} {hi['unit']} is below min {lo['value']} {lo['unit']}",
                    "max >= min")
    if target.get("quantity") in ("capacity", "new_capacity") and "technologies" in ctx.tables:
        from carbonpath.dataset.generation import capacity_demand_problem
        from carbonpath.plausibility import is_override

        side = "min" if value is lo else "max"
        found = capacity_demand_problem(ctx.tables, str(target.get("technology")),
                                        float(value["value"]), str(value["unit"]), side)
        if found is not None and is_override(target.get("plausibility")):
            from carbonpath.dataset import notices
            from carbonpath.errors import CarbonpathWarning

            notices.warn(f"target '{target.get('name')}': accepted by an explicit plausibility "
                         f"override: {found[0]}", CarbonpathWarning, stacklevel=5)
        elif found is not None:
            return found[0], found[1] + ("; if right, add plausibility: \"override: <reason>\" "
                                         "to the target")
    return None


DOMAINS: dict[str, Check] = {
    "share": _share,
    "cut": _cut,
    "reduction": _reduction,
    "emission_quantity": _emission_quantity,
    "coal_quantity": _coal_quantity,
    "yearly_limits": _yearly_limits,
    "model_year": _model_year,
    "model_years": _model_years,
    "end_year": lambda v, t, c: _model_year(v, t, c) or _after_start(v, t, c),
    "reference_year": _reference_year,
    "emission_intensity_reference": _intensity_reference("emission"),
    "energy_intensity_reference": _intensity_reference("energy"),
    "gdp": _needs_gdp,
    "group": _group,
    "members": _members,
    "bound": _bound_pair,
}
"""Domain name -> its check."""

#: Target type -> {key: domain}. The key ``*`` checks the target as a whole (its value
#: is the target itself).
TARGET_DOMAINS: dict[str, dict[str, str]] = {
    "peak_year": {"year": "model_year"},
    "cap": {"value": "emission_quantity", "years": "model_years"},
    "reduction": {"year": "model_year", "relative_to": "reference_year", "value": "reduction"},
    "budget": {"start": "model_year", "end": "end_year", "value": "emission_quantity"},
    "emission_intensity": {"year": "model_year", "relative_to": "reference_year",
                           "value": "cut", "reference": "emission_intensity_reference",
                           "*": "gdp"},
    "energy_intensity": {"year": "model_year", "relative_to": "reference_year", "value": "cut",
                         "reference": "energy_intensity_reference", "*": "gdp"},
    "nonfossil_share": {"year": "model_year", "value": "share"},
    "energy_cap": {"years": "model_years"},
    "min_share": {"group": "group", "members": "members", "value": "share",
                  "years": "model_years"},
    "bound": {"min": "bound", "max": "bound", "years": "model_years"},
    # the 15th FYP indicators (carbonpath.model.indicators)
    "emission_limits": {"values": "yearly_limits"},
    "coal_cap": {"value": "coal_quantity", "years": "model_years"},
    "energy_intensity_adjusted": {"year": "model_year", "relative_to": "reference_year",
                                  "value": "cut", "*": "gdp"},
    "nonfossil_share_convention": {"year": "model_year", "value": "share"},
    "sector_peak": {"year": "model_year"},
    "frozen_mix": {},
}


def check_domains(target: dict[str, Any], where: str, config: dict,
                  tables: dict[str, pd.DataFrame], problems: list[Problem],
                  file: str = "plan.yaml") -> None:
    """Check each key of one target against its domain (:data:`TARGET_DOMAINS`).

    Parameters
    ----------
    target : dict
        The target as read (it passed the type checks).
    where : str
        Its key path (``targets.<name>``).
    config, tables
        The dataset's configuration and tables.
    problems : list of Problem
        Collector; one problem per key outside its domain (file, key path, valid range).
    """
    ctx = TargetContext(config, tables)
    name = target.get("name")
    for key, domain in TARGET_DOMAINS.get(target["type"], {}).items():
        value = target if key == "*" else target.get(key)
        if key != "*" and key not in target:
            continue
        try:
            found = DOMAINS[domain](value, target, ctx)
        except (TypeError, KeyError, ValueError):  # a type the type checks reported
            continue
        if found:
            message, valid = found
            problems.append(Problem(f"target '{name}'" + ("" if key == "*" else f" {key}")
                                    + f": {message}", file=file,
                                    key=where if key == "*" else f"{where}.{key}",
                                    value=None if key == "*" else _shown(value), valid=valid))


def _shown(value: Any) -> Any:
    if isinstance(value, dict) and "value" in value:
        return f"{value['value']} {value.get('unit', '')}".strip()
    return value



def bound_power_notes(target: dict[str, Any], place: str, tables: dict[str, pd.DataFrame],
                      sides: tuple[str, ...] = ("min", "max")) -> list[str]:
    """A plan bound on ``activity`` given in a power unit (``MW``, ``万千瓦``; round 30 MF27).

    The same reading as a ``min_activity`` row in MW
    (:func:`carbonpath.dataset.role_checks.power_message`): the bound is an energy per year,
    so 300 MW is read as the year's average, 300 x 8,760 = 2,628,000 MWh/yr; a rating meant
    belongs in ``quantity: capacity``. Correct data (``MWh/yr``, ``GWh``) give none.

    Parameters
    ----------
    target : dict
        One plan target (any type: only a ``bound`` on ``activity`` is read).
    place : str
        Where a side was written, with ``{side}`` for ``min`` or ``max`` (``plan.yaml, key
        targets.bnd.{side}``; ``dataset.yaml, key scenarios.s.target_values.bnd.{side}``).
    tables : dict of str to pandas.DataFrame
        The dataset's tables (``technologies``: the activity unit).
    sides : tuple of str
        The keys to read (a scenario's change names only the keys it gives).

    Returns
    -------
    list of str
        One warning text per side in a power unit, naming the file, key, the reading and
        what to write instead.
    """
    from carbonpath.dataset.role_checks import power_message

    techs = tables.get("technologies")
    if (target.get("type") != "bound" or target.get("quantity") != "activity"
            or techs is None or "activity_unit" not in techs):
        return []
    code = target.get("technology")
    hit = techs[techs["technology"] == code]
    if hit.empty:
        return []  # a link, or unknown (refused by the target checks)
    energy = str(hit["activity_unit"].iloc[0])
    out = []
    for side in sides:
        spec = target.get(side)
        if not isinstance(spec, dict) or not isinstance(spec.get("value"), (int, float)) \
                or isinstance(spec.get("value"), bool):
            continue
        text = power_message(place.format(side=side), f"the {code} activity bound "
                             f"({side})", float(spec["value"]), str(spec.get("unit")), energy,
                             rating="a bound with quantity: capacity")
        out += [text] if text else []
    return out
