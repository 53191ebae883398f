"""Checks of a value given to :meth:`PathwayModel.update` before it reaches the solver.

The dataset refuses a NaN, an infinite or a negative technology parameter when it is read
(``parameters.csv``: every parameter but ``variable_cost`` is >= 0) and a value ten times
larger or smaller than its neighbours (:mod:`carbonpath.dataset.slips`). A value given to
``update`` skips the dataset, so the same rules are applied here:

* the **domain** of :mod:`carbonpath.dataset.domains`: a finite number; >= 0 for every
  parameter but ``variable_cost`` (:class:`~carbonpath.errors.ArgumentValueError` naming
  the argument and the domain);
* the **absolute range** of :mod:`carbonpath.dataset.absolute` (a variable cost above
  2,000 CNY/GJ or 100,000 CNY/t), as an implausible value (below);
* a **sign flip**: a value whose sign differs from the dataset's non-zero value (a price
  of -400 CNY/t for 400) is implausible (below);
* a **slip**: a value :data:`STEP` times (or more) larger or smaller than the dataset's
  value of that parameter in that year (a price in CNY/kWh where CNY/MWh was meant, MW for
  GW) raises :class:`~carbonpath.errors.ImplausibleValueError`, unless the call says
  ``plausibility="override: <reason>"`` (then it warns,
  :class:`~carbonpath.errors.CarbonpathWarning`), as a dataset row does. Only a non-zero
  dataset value is compared (a new zero, or a bound the dataset does not have, is a
  choice, not a slip).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any

from carbonpath.dataset.absolute import DRIVER_RANGES, emission_bound, parameter_ranges
from carbonpath.dataset.absolute import _check as check_absolute
from carbonpath.dataset.absolute import _factor as unit_converts
from carbonpath.dataset.domains import DEFAULT, PARAMETER_DOMAINS, outside
from carbonpath.dataset.slips import STEP, within_step
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathWarning,
    ImplausibleValueError,
    Problem,
    UnknownNameError,
    line_label,
    unknown_name,
)
from carbonpath.plausibility import is_override

__all__ = [
    "SAMPLED",
    "absolute_problem",
    "change_key",
    "check_domain",
    "check_override",
    "check_overrides_type",
    "check_slip",
    "override_slips",
    "report_slips",
    "row_label",
    "unknown_target",
]

SAMPLED = "override: sampled within the ranges uncertainty.csv allows"
"""The ``plausibility`` a Monte Carlo sample passes to :meth:`PathwayModel.apply`: its
values were checked against the physical ranges when ``uncertainty.csv`` was read."""


def check_domain(parameter: str, number: float, value: Any) -> None:
    """Refuse a value outside the parameter's domain (NaN and infinity included).

    The domain is the loader's (:data:`carbonpath.dataset.domains.PARAMETER_DOMAINS`):
    finite; >= 0 for every parameter but ``variable_cost``; shares in [0, 1]...

    Parameters
    ----------
    parameter : str
        The technology parameter being changed.
    number : float
        The value in the model's unit.
    value : Any
        The value as given (for the message).

    Raises
    ------
    ArgumentValueError
        Naming ``value``, what it was given and the valid domain.
    """
    domain = PARAMETER_DOMAINS.get(parameter, DEFAULT)
    if not domain.holds(number):
        msg = (f"update(parameter='{parameter}', value={value}): value must be {domain.text} "
               f"(the domain of '{parameter}' in parameters.csv)")
        raise ArgumentValueError(msg)


def absolute_problem(code: str, parameter: str, value: Any, kind: str = "") -> Problem | None:
    """A value outside the absolute range no real city leaves (:mod:`.dataset.absolute`).

    Parameters
    ----------
    code, parameter : str
        What is changed.
    value : pint.Quantity
        The value as given; its unit picks the range (per GJ or per t of a variable cost).
    kind : str
        The technology's kind: an ``import``'s price has a floor as in ``parameters.csv``
        (:func:`carbonpath.dataset.absolute.parameter_ranges`, one check for both paths).

    Returns
    -------
    Problem or None
    """
    unit = getattr(value, "units", None)
    magnitude = getattr(value, "magnitude", None)
    if unit is None or magnitude is None:
        return None
    row = {"value": float(magnitude), "unit": f"{unit:~}" if str(unit) else "1"}
    for bound in parameter_ranges(parameter, kind):
        if unit_converts(row["unit"], bound.unit) is None:
            continue  # the range of another dimension (per GJ, per t)
        hit = check_absolute(row, {}, bound, f"{parameter} of '{code}'")
        if hit is None:
            return None
        problem = hit[0]
        return Problem(problem.message, column=parameter, value=f"{value}",
                       valid=(problem.valid or "").replace(
                           "write 'override: <reason>' in a 'plausibility' column of the row",
                           "pass plausibility='override: <reason>' to update()"))
    return None


def check_override(plausibility: str | None) -> bool:
    """Return True for ``"override: <reason>"``, False for None; refuse anything else.

    Raises
    ------
    ArgumentValueError
        ``plausibility`` that is neither None nor ``"override: <reason>"``.
    """
    if plausibility is None:
        return False
    if isinstance(plausibility, str) and is_override(plausibility):
        return True
    msg = (f"update(plausibility={plausibility!r}): valid: None or 'override: <reason>' "
           "(e.g. 'override: price shock scenario')")
    raise ArgumentValueError(msg)


def check_slip(code: str, parameter: str, year: int, number: float, reference: float | None,
               unit: str) -> Problem | None:
    """Return a problem if ``number`` is :data:`STEP` x or more away from the dataset's value.

    Parameters
    ----------
    code, parameter, year
        What is changed (for the message).
    number : float
        The new value in ``unit``.
    reference : float or None
        The dataset's value in ``unit`` (None: the dataset has none; nothing to compare).
    unit : str
        The model's unit of the parameter.

    Returns
    -------
    Problem or None
        None when the ratio lies strictly within 1 / :data:`STEP` .. :data:`STEP`
        (:func:`carbonpath.dataset.slips.within_step`: exactly x10, 4000 for 400, is a
        slip: Y37).
    """
    if reference is None or not math.isfinite(reference) or reference == 0 or number == 0:
        return None
    if (number > 0) != (reference > 0):  # a cost or bound does not change sign by design
        return Problem(
            f"{parameter} of '{code}' in {year} = {number:g} {unit} has the opposite sign "
            f"of the dataset's {reference:g} {unit}; probably a slipped minus sign (a "
            "negative price makes every unit used earn money)", column=parameter,
            value=f"{number:g} {unit}",
            valid=(f"a value of the sign of {reference:g} {unit}, or pass "
                   "plausibility='override: <reason>' to update() (a subsidy, a by-product "
                   "revenue)"))
    ratio = number / reference
    if within_step(ratio):
        return None
    return Problem(
        f"{parameter} of '{code}' in {year} = {number:g} {unit} is {ratio:.3g} x the "
        f"dataset's {reference:g} {unit}; probably a unit slip (e.g. CNY/kWh for CNY/MWh, "
        "MW for GW)", column=parameter, value=f"{number:g} {unit}",
        valid=(f"less than x{STEP:g} from {reference:g} {unit}, or pass "
               "plausibility='override: <reason>' to update()"))


def report_slips(problems: list[Problem], override: bool,
                 what: str = "PathwayModel.update") -> None:
    """Raise the slips found, or warn once when the call overrides them.

    Raises
    ------
    ImplausibleValueError
        ``problems`` not empty and ``override`` False.
    """
    if not problems:
        return
    if override:
        text = "; ".join(p.message for p in problems)
        warnings.warn(f"{what}: {text}; accepted (plausibility override)",
                      CarbonpathWarning, stacklevel=5)
        return
    raise ImplausibleValueError(problems, what)


def check_overrides_type(overrides: Any) -> None:
    """Refuse ``overrides`` that are not a mapping of ``(table, line)`` keys.

    Raises
    ------
    ArgumentTypeError
        ``overrides`` not a mapping (a list of pairs, a DataFrame...), a key that is not a
        tuple ``(table, line)`` or ``(table, line, "year")``, or a value that is a bool.
    """
    if not isinstance(overrides, Mapping):
        msg = (f"PathwayModel.apply(overrides={type(overrides).__name__}): expected a mapping "
               "(table, file line) -> value in the row's unit, e.g. {('parameters', 12): "
               "2600.0}; a list of pairs becomes one with dict(pairs)")
        raise ArgumentTypeError(msg)
    for key, value in overrides.items():
        if not isinstance(key, tuple) or len(key) not in (2, 3):
            msg = (f"PathwayModel.apply: key {key!r} is not (table, file line) or (table, "
                   "file line, 'year'), e.g. ('parameters', 12)")
            raise ArgumentTypeError(msg)
        if isinstance(value, bool) or type(value).__name__ == "bool_":  # B22: True was 1.0
            msg = (f"PathwayModel.apply: the value of {key!r} is a bool ({value!r}), not a "
                   "number; give a number in the row's unit")
            raise ArgumentTypeError(msg)


def _ratio_problem(new: float, old: float, what: str, unit: str,
                   where: dict[str, Any]) -> Problem | None:
    """A new value :data:`STEP` x or more away from the row's own value (None if not)."""
    if not math.isfinite(old) or old == 0 or new == 0 or (new > 0) != (old > 0):
        return None
    ratio = new / old
    if within_step(ratio):
        return None
    return Problem(
        f"new value {new:g} {unit} of {what} is {ratio:.3g} x the dataset's {old:g} {unit}; "
        "probably a unit slip (TWh for GWh, kg for t, MW for GW)", column="value", value=new,
        valid=f"less than x{STEP:g} from {old:g} {unit}, or apply(..., plausibility='override: "
              "<reason>')", **where)


#: What a row of each table compared with its own value is, in a message.
_ROW_NAMES: dict[str, Any] = {
    "demands": lambda r: f"the {r['commodity']} demand of {r['year']}",
    "flows": lambda r: f"the {r['commodity']} {r['direction']} of {r['technology']}",
    "profiles": lambda r: f"profile {r['profile']} ({r['day']}, hour {r['hour']})",
    "emissions": lambda r: f"the {r['gas']} factor of {r['technology']}",
}
#: The tables whose new values :func:`override_slips` compares with the dataset's.
_SLIP_TABLES = ("parameters", "drivers", *_ROW_NAMES)


def _availability_profiles(tables: dict[str, Any]) -> set[str]:
    """Profiles that technologies or links use as availability (shares, checked by domain)."""
    out: set[str] = set()
    for name in ("technologies", "links"):
        frame = tables.get(name)
        if frame is not None and "availability_profile" in frame:
            out |= {str(p) for p in frame["availability_profile"].dropna() if str(p)}
    return out


def override_slips(tables: dict[str, Any], overrides: Any) -> list[Problem]:
    """Slips among new values of dataset rows given to ``PathwayModel.apply``.

    The checks :meth:`PathwayModel.update` makes, against each row's own dataset value:

    * ``parameters.csv``: a value whose sign differs from the row's non-zero value, one
      outside the absolute range of the row's parameter (:mod:`carbonpath.dataset.absolute`),
      or one :data:`STEP` x or more larger or smaller than the row's value;
    * ``demands.csv``: :data:`STEP` x or more the row's value (a TWh-for-GWh slip);
    * ``drivers.csv``: outside the driver's absolute range
      (:data:`carbonpath.dataset.absolute.DRIVER_RANGES`, e.g. a grid factor above 1.5 t
      CO2/MWh), or :data:`STEP` x or more the row's value;
    * ``emissions.csv``: a value whose sign differs from the row's non-zero value, outside
      the gas's absolute range (:data:`carbonpath.dataset.absolute.EMISSION_RANGES`, e.g.
      CO2 above 2 t/MWh), or :data:`STEP` x or more the row's value;
    * ``flows.csv``: :data:`STEP` x or more the row's value (0.4 t of coal per MWh given
      as 400: kg for t);
    * ``profiles.csv``: a demand or price shape :data:`STEP` x or more the row's value (a
      load of 80 for 0.8: a percentage); availability profiles are shares, held to 0..1 by
      their domain.

    A row whose dataset value is 0 (a profile's night hour) has no scale to compare with;
    only its domain is checked (by :func:`carbonpath.model.override_checks.check_overrides`).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables (index = file line).
    overrides : mapping
        ``(table, line) -> value`` in the row's unit (other keys are skipped).

    Returns
    -------
    list of Problem
        One per implausible value, naming the file and the row.
    """
    out = []
    for key, value in overrides.items():
        if len(key) != 2 or key[0] not in _SLIP_TABLES:
            continue
        frame = tables.get(key[0])
        if frame is None or key[1] not in frame.index:
            continue
        row = frame.loc[key[1]]
        try:
            new, old = float(value), float(row["value"])
        except (TypeError, ValueError):
            continue  # not a number: check_overrides names it
        if not math.isfinite(new):
            continue  # check_overrides names it
        where = {"file": f"{key[0]}.csv", "row": key[1]}
        unit = str(row["unit"])
        if key[0] == "profiles" and row["profile"] in _availability_profiles(tables):
            continue  # a share in 0..1: its domain is the check (check_overrides)
        if key[0] == "emissions" and old != 0 and new != 0 and (new > 0) != (old > 0):
            out.append(Problem(
                f"new value {new:g} {unit} of {_ROW_NAMES['emissions'](row)} has the "
                f"opposite sign of the dataset's {old:g}; probably a slipped minus sign",
                column="value", value=new, valid="a value of the dataset's sign, or "
                "apply(..., plausibility='override: <reason>')", **where))
            continue
        if key[0] in ("demands", "flows", "profiles"):
            hit = _ratio_problem(new, old, _ROW_NAMES[key[0]](row), unit, where)
            out += [hit] if hit is not None else []
            continue
        if key[0] in ("drivers", "emissions"):
            if key[0] == "drivers":
                name = f"driver {row['driver']}"
                bound = DRIVER_RANGES.get(row["driver"])
            else:
                name = f"{row['gas']} factor of {row['technology']}"
                bound = emission_bound(str(row["gas"]), unit)
            absolute = None if bound is None else check_absolute(
                {"value": new, "unit": unit}, where, bound, name)
            if absolute is not None:
                out.append(Problem(absolute[0].message, column="value", value=new,
                                   valid=f"{(absolute[0].valid or '').split(';')[0]}; or "
                                         "apply(..., plausibility='override: <reason>')",
                                   **where))
                continue
            hit = _ratio_problem(new, old, name, unit, where)
            out += [hit] if hit is not None else []
            continue
        if outside(PARAMETER_DOMAINS.get(row["parameter"], DEFAULT), new):
            continue  # outside the domain: a DataError of check_overrides
        if math.isfinite(old) and old != 0 and new != 0 and (new > 0) != (old > 0):
            out.append(Problem(
                f"new value {new:g} {row['unit']} of {row['technology']} {row['parameter']} "
                f"has the opposite sign of the dataset's {old:g}; probably a slipped minus "
                "sign", column="value", value=new,
                valid="a value of the dataset's sign, or apply(..., plausibility='override: "
                      "<reason>')", **where))
            continue
        absolute = None
        techs = tables["technologies"]
        kind = techs.loc[techs["technology"] == row["technology"], "kind"]
        for bound in parameter_ranges(str(row["parameter"]),
                                      str(kind.iloc[0]) if len(kind) else ""):
            if unit_converts(str(row["unit"]), bound.unit) is None:
                continue
            hit = check_absolute({"value": new, "unit": row["unit"]}, where, bound,
                                 f"{row['parameter']} of {row['technology']}")
            if hit is not None:
                absolute = Problem(hit[0].message, column="value", value=new,
                                   valid=f"{(hit[0].valid or '').split(';')[0]}; or apply(..., "
                                         "plausibility='override: <reason>')", **where)
            break
        if absolute is None:
            absolute = _ratio_problem(new, old, f"{row['technology']} {row['parameter']}",
                                      unit, where)
        out += [absolute] if absolute is not None else []
    return out


def unknown_target(name: str, rows: Any) -> UnknownNameError:
    """An unknown ``update(target=...)`` name: the targets that can be changed, or why none."""
    changeable = {r.target for r in rows if r.type in ("cap", "budget", "bound")}
    if changeable:
        return unknown_name("target", name, changeable)
    others = sorted({f"{r.target} ({r.type})" for r in rows})
    why = (f"its targets {', '.join(others)} are of types that need a rebuild" if others
           else "its scenario has no targets in plan.yaml")
    return UnknownNameError(
        f"unknown target '{name}': this model has no target that update() can change (cap, "
        f"budget and bound targets can; {why}); add a cap, budget or bound target to the "
        "scenario's plan.yaml and build the model again")


def row_label(key: tuple) -> str:
    """``("parameters", 12)`` -> ``"parameters.csv line 12"``; a third item (a column) follows."""
    table, line, *column = key
    return f"{table}.csv line {line_label(line)}" + "".join(f" {c}" for c in column)


def change_key(change: dict[str, Any]) -> dict[str, Any]:
    """What a recorded ``update()`` change is about, its value left out.

    A later update of the same thing (the peak year, a target, a parameter in the same years)
    replaces the earlier one in :attr:`PathwayModel.changes`, so a sweep of many updates keeps
    one entry each.
    """
    return {k: None if k == "peak_year" else v for k, v in change.items()
            if k in ("call", "peak_year", "target", "technology", "parameter", "years")}
