"""The plan targets ``carbonpath init`` writes, checked as the dataset loader checks them.

A target from the workbook's ``targets`` sheet or from ``init_dataset(targets=...)`` goes
into ``plan.yaml``; one the loader would refuse (a share of 25 for 25 %, a peak year after
the horizon) was written and refused only later, naming ``plan.yaml`` (round 18 W07, W09);
so was a cap of 3500 Mt CO2 (万吨 written as Mt) for a city of 35 Mt, by the model (W08).
:func:`check_targets` runs the loader's own check of each target
(:func:`carbonpath.dataset.plan.check_one_target`: keys, value types, the domains of
:mod:`carbonpath.dataset.target_domains`) and the model's level check before anything
is written, and
:func:`on_sheet` names the workbook's sheet, Excel row and column of each problem. A
relative target stated against another year than its ``relative_to``, or asking a faster
cut than any plan (:mod:`carbonpath.dataset.target_years`, round 26 KB84), is warned of
where it was given: the sheet's row (:class:`SheetTargets`) or ``targets[i]``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, ImplausibleValueError, Problem, UnitError
from carbonpath.plausibility import OVERRIDE

__all__ = ["ARGUMENT", "SheetTargets", "check_targets", "on_sheet"]

#: How the targets are named when they came as an argument of init_dataset.
ARGUMENT = "init_dataset(targets=...)"

class SheetTargets(list):
    """The targets of a workbook's sheet: a list of plan targets with their Excel rows.

    Attributes
    ----------
    rows : list of int
        The Excel row of each target, in order.
    sheet : str
        The sheet as named in messages (``city.xlsx, sheet 'targets'``).
    """

    def __init__(self, targets: list[dict[str, Any]], rows: list[int], sheet: str) -> None:
        super().__init__(targets)
        self.rows, self.sheet = list(rows), sheet


#: Target types whose level is compared with the base year's emissions.
LEVELS = ("cap", "budget", "emission_limits")

#: plan.yaml key of a target -> the targets sheet's column that fills it.
SHEET_COLUMNS = {"years": "year"}

#: How the loader's advice for a reference intensity begins (plan.yaml only: no sheet column).
REFERENCE = "reference: {value: "

_KEY = re.compile(r"targets\[(\d+)\](?:\.(\w+))?(?:\.\d+)?")


def check_targets(targets: list[dict[str, Any]], config: dict,
                  tables: dict[str, pd.DataFrame],
                  emissions: Callable[[], float] | None = None) -> None:
    """Refuse targets that :func:`carbonpath.load_dataset` would refuse in plan.yaml.

    Then, if every target passed, their levels as the model compares them with its base
    year (:func:`carbonpath.model.target_levels.level_problems`: a cap of 3500 Mt for a
    city of 35, round 18 W08), against ``emissions()``, the base-year emissions of the
    balance's inventory, which init's base year reproduces (called only when a cap,
    budget or emission_limits target is given). A coal cap is compared later, by the
    model (init has no coal total at hand).

    Parameters
    ----------
    targets : list of dict
        The plan.yaml entries init is about to write.
    config : dict
        The dataset.yaml mapping init is about to write (years, emissions basis).
    tables : dict of DataFrame
        Its tables (``technologies``, ``drivers``; ``links`` of a captive dataset).

    Raises
    ------
    DataError
        Every problem, named ``init_dataset(targets=...)`` with the key ``targets[i].<key>``
        (``i`` the target's place in the list); :func:`on_sheet` renames them for a workbook.
    ImplausibleValueError
        A level outside the model's bounds, named the same way.
    """
    from carbonpath.dataset.plan import check_one_target

    problems: list[Problem] = []
    seen: set[Any] = set()
    for i, target in enumerate(targets):
        where = f"targets[{i}]"
        found: list[Problem] = []
        check_one_target(target, where, config, tables, found, str(config.get("name", "")))
        name = target.get("name") if isinstance(target, dict) else None
        if isinstance(name, str) and name in seen:
            found.append(Problem(f"duplicate target name '{name}'", key=where,
                                 valid="a name used by no other target"))
        seen.add(name)
        problems += [dataclasses.replace(p, file=ARGUMENT) for p in found]
    DataError.collect(problems, "plan targets")
    _warn_years(targets)
    _warn_twins(targets)
    _warn_years(targets, lambda t: _observed_notes(t, config))  # KF32: a share, an intensity
    if emissions is None or not any(t["type"] in LEVELS for t in targets):
        return
    DataError.collect(_below_observed(targets, emissions(), config), "plan targets")  # KF32
    _warn_open_caps(targets, emissions(), config)
    from carbonpath.model.target_levels import level_problems

    gas = "CO2" if config["emissions"]["gas"] == "CO2" else "CO2e"
    rows = getattr(targets, "rows", None)

    def where(i: int, key: str) -> str:  # a warning's place: the sheet's row (KD89)
        """The place of target ``i``'s ``key``: the workbook sheet's row, else the list index."""
        if rows is not None and i < len(rows):
            return (f"{targets.sheet}, row {rows[i]}, "  # type: ignore[attr-defined]
                    f"column '{SHEET_COLUMNS.get(key, key)}'")
        return f"{ARGUMENT}, targets[{i}].{key}"

    ImplausibleValueError.collect(level_problems(
        targets, emissions(), 0.0, gas, config["base_year"],
        lambda i, target, key: {"file": ARGUMENT, "key": f"targets[{i}].{key}"}, where=where),
        "plan targets")


def _observed_years(target: Any, config: dict) -> list[tuple[str, int, Any]]:
    """``(key, year, level)`` of each year of ``target`` at or before the base year.

    Those years are observed in the dataset init writes: their activity is fixed to the
    balance, so no plan changes them (round 30 KF32). ``level`` is the value asked in that
    year (None where the target's value is not a level per year). A peak year is left out
    (a peak already past is a real reading), as are values of the wrong type (reported by
    the target checks).
    """
    base = int(config["base_year"])
    if not isinstance(target, dict) or target.get("type") == "peak_year":
        return []
    out: list[tuple[str, int, Any]] = []
    try:
        if target.get("type") == "emission_limits":
            out = [(f"values.{y}", int(y), v) for y, v in (target.get("values") or {}).items()]
        elif target.get("type") == "budget":
            return []  # a sum over years: the model's level check compares it
        elif target.get("year") is not None:
            out = [("year", int(target["year"]), target.get("value"))]
        elif target.get("years"):
            out = [("years", int(y), target.get("value")) for y in target["years"]]
    except (TypeError, ValueError):
        return []
    return [item for item in out if item[1] <= base]


def _decision_years(config: dict) -> str:
    """The years a plan target can change, as the valid part of a message."""
    first = int(config.get("first_decision_year", int(config["base_year"]) + 1))
    return f"a year of the decision years {first} .. {config['horizon']}"


def _below_observed(targets: list[dict[str, Any]], emissions: float, config: dict
                    ) -> list[Problem]:
    """A cap or emission limit in the base year below the emissions observed there (KF32).

    The base year's emissions are those of the balance (``emissions``, kt on the targets'
    basis); a limit below them cannot be met by any plan, and ``carbonpath run`` found it
    only as an infeasible pathway. One problem per target, at its year's key.
    """
    from carbonpath.units import unit_factor

    gas = "CO2" if config["emissions"]["gas"] == "CO2" else "CO2e"
    tolerance = float(config.get("base_year_tolerance", 0.0) or 0.0)
    problems = []
    for i, target in enumerate(targets):
        if target.get("type") not in ("cap", "emission_limits") or emissions <= 0:
            continue
        try:
            factor = unit_factor(str(target["unit"]), f"kt {gas}")
        except (UnitError, KeyError):  # reported by the target checks
            continue
        for key, year, level in _observed_years(target, config):
            if not isinstance(level, int | float) or level * factor >= emissions * (1 - tolerance):
                continue
            problems.append(Problem(
                f"{target['type']} '{target.get('name')}' asks {level:g} {target['unit']} in "
                f"{year}, an observed year: its emissions are the balance's "
                f"{emissions / 1000:.2f} Mt {gas}, fixed, so no plan can bring them below",
                file=ARGUMENT, key=f"targets[{i}].{key.split('.')[0]}", value=year,
                valid=f"{_decision_years(config)} (first_decision_year), or a level no lower "
                      f"than the observed {emissions / factor:g} {target['unit']}"))
            break
    return problems


def _observed_notes(target: Any, config: dict) -> list[tuple[str, str, str]]:
    """A note for a share or intensity target set only in observed years (round 30 KF32).

    Its value in the base year is what the balance shows, which init does not compute for
    every target type; the target can only restate it, so it is warned of, not refused
    (levels are compared by :func:`_below_observed`).
    """
    if not isinstance(target, dict) or target.get("type") in ("cap", "emission_limits"):
        return []
    found = _observed_years(target, config)
    if not found:
        return []
    key, year = found[0][0], found[0][1]
    return [(key, f"target '{target.get('name')}' ({target.get('type')}) is set in {year}, "
                  "an observed year: its activity is fixed to the balance, so no plan can "
                  "change it and the target can only restate what was observed (if the "
                  "balance falls short of it, carbonpath run finds the pathway infeasible)",
             _decision_years(config))]


def _warn_years(targets: list[dict[str, Any]], notes: Callable[[Any], list] | None = None
                ) -> None:
    """Warn of targets read for other years than meant (round 26 KB84, round 29 KE40).

    ``notes(target)`` gives ``(key, message, valid)`` notes (default:
    :func:`carbonpath.dataset.target_years.target_year_notes`), each warned naming the
    sheet's row and column, or ``targets[i].<key>``.
    """
    import warnings

    from carbonpath.dataset.target_years import TargetYearWarning, target_year_notes

    rows = getattr(targets, "rows", None)
    for i, target in enumerate(targets):
        for key, text, valid in (notes or target_year_notes)(target):
            column = SHEET_COLUMNS.get(key, key) if rows is not None else key
            where = (f"{targets.sheet}, row {rows[i]}, column '{column}'"  # type: ignore[attr-defined]
                     if rows is not None and i < len(rows) else f"{ARGUMENT}, targets[{i}].{key}")
            warnings.warn(f"{where}: {text}; valid: {valid}", TargetYearWarning, stacklevel=5)


def _warn_open_caps(targets: list[dict[str, Any]], emissions: float, config: dict) -> None:
    """Warn of a cap without years below the base year's emissions (round 29 KE40)."""
    from carbonpath.dataset.target_years import open_cap_note

    gas = "CO2" if config["emissions"]["gas"] == "CO2" else "CO2e"
    base = int(config["base_year"])
    first = int(config.get("first_decision_year", base + 1))

    def notes(target: Any) -> list:
        """The open-cap note of ``target`` (a cap with no years below the base year), if any."""
        note = open_cap_note(target, emissions, f"kt {gas}", first, int(config["horizon"]))
        return [note] if note else []

    _warn_years(targets, notes)


def _warn_twins(targets: list[dict[str, Any]]) -> None:
    """Warn of two targets of one kind on one quantity and year (round 28 KD98).

    init applies every target it is given in the scenario ``plan``, so a draft row left
    beside the adopted one would bind silently (:mod:`carbonpath.dataset.target_twins`).
    """
    import warnings

    from carbonpath.dataset.target_twins import TwinTargetWarning, twin_notes

    rows = getattr(targets, "rows", None)
    for i, j, text, valid in twin_notes(targets):
        where = (f"{targets.sheet}, rows {rows[i]} and {rows[j]}"  # type: ignore[attr-defined]
                 if rows is not None and j < len(rows)
                 else f"{ARGUMENT}, targets[{i}] and targets[{j}]")
        warnings.warn(f"{where}: {text} (init applies them together in scenario 'plan'); "
                      f"valid: {valid}", TwinTargetWarning, stacklevel=4)


def on_sheet(exc: DataError, rows: list[int], sheet: str) -> DataError:
    """``exc`` with each target problem named by the workbook's sheet, row and column.

    Parameters
    ----------
    exc : DataError
        As :func:`check_targets` raises it (other problems are kept as they are).
    rows : list of int
        The Excel row of each target, in the order of the targets.
    sheet : str
        The sheet's name in messages (``city.xlsx, sheet 'targets'``).
    """
    out = []
    for p in exc.problems:
        hit = _KEY.fullmatch(p.key or "") if p.file == ARGUMENT else None
        if hit is None or int(hit[1]) >= len(rows):
            out.append(p)
            continue
        key, valid = hit[2], p.valid
        if valid and "; if right, add plausibility" in valid:  # the sheet has no such column
            valid = (valid.split("; if right")[0] + "; if right, leave the row out and add "
                     f"the target to plan.yaml after init with plausibility: \"{OVERRIDE} "
                     "<reason>\"")
        message = p.message
        if valid and valid.startswith(REFERENCE):  # U94: no column for a reference either
            message = message.replace("give the reference intensity", "the sheet has no "
                                      "column for a reference intensity")
            valid = ("a year within" + valid.split("a year within", 1)[1] + "; or leave the "
                     "row out and add the target to plan.yaml after init with " + REFERENCE
                     + "<number>, unit: <unit>}")
        out.append(dataclasses.replace(p, message=message, file=sheet, row=rows[int(hit[1])],
                                       key=None, column=SHEET_COLUMNS.get(key, key),
                                       valid=valid))
    try:
        return type(exc)(out, exc.what)
    except TypeError:  # a subclass with another signature: keep it as it is
        return exc
