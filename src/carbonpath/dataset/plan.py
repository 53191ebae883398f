"""Checks of the plan in ``dataset.yaml``: its targets, their keys and value types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset import regions as _regions
from carbonpath.dataset.config import _check_keys, _is_int, _is_number, _valid_and_closest
from carbonpath.dataset.role_checks import PowerUnitWarning
from carbonpath.dataset.schema import TARGET_KEYS, TARGET_TYPES
from carbonpath.dataset.tables import closest
from carbonpath.dataset.target_domains import bound_power_notes, check_domains
from carbonpath.dataset.target_twins import TwinTargetWarning, twin_notes
from carbonpath.dataset.target_years import TargetYearWarning, target_year_notes
from carbonpath.errors import (
    Problem,
    UnitError,
)
from carbonpath.units import parse_unit


def _check_plan(plan: dict, config: dict, tables: dict[str, pd.DataFrame],
                problems: list[Problem], missing: Path | None = None,
                name: str = "") -> dict[str, dict[str, Any]]:
    """Check plan.yaml's targets and the scenarios' references to them.

    ``missing`` is the path of a plan.yaml that does not exist: scenarios naming targets
    are then reported once, as the missing file.
    """
    file = "plan.yaml"
    dataset_name = name
    targets: dict[str, dict[str, Any]] = {}
    broken: set[str] = set()  # named targets already reported as unusable
    _check_keys(plan, ("targets",), file, "", problems)
    raw = plan.get("targets", []) if isinstance(plan, dict) else []
    if not isinstance(raw, list):
        problems.append(Problem("targets must be a list", file=file, key="targets"))
        raw = []
    for i, target in enumerate(raw):
        name = target.get("name") if isinstance(target, dict) else None
        where = f"targets.{name}" if isinstance(name, str) else f"targets[{i}]"
        if isinstance(target, dict) and "type" in target and name in targets:
            problems.append(Problem(f"duplicate target name '{name}'", file=file, key=where))
        known = check_one_target(target, where, config, tables, problems, dataset_name)
        for key, text, valid in target_year_notes(target):  # round 26 KB84
            notices.warn(f"{file}, {where}.{key}: {text}; valid: {valid}", TargetYearWarning,
                         stacklevel=2)
        if known is False:
            broken.add(name)
        if known:
            targets[name] = dict(target)
            for text in bound_power_notes(target, f"{file}, key {where}.{{side}}",
                                           tables):  # round 30 MF27
                notices.warn(text, PowerUnitWarning, stacklevel=2)
    named = {t: scen for scen, settings in (config.get("scenarios") or {}).items()
             for t in ((settings or {}).get("targets") or [])}
    if missing is not None and named:
        problems.append(Problem(f"the file is missing (expected at {missing}), but scenarios "
                                f"name targets: {', '.join(map(str, named))}", file=file))
        return targets
    for tname, scen in named.items():
        if tname not in targets and tname not in broken:
            problems.append(Problem(f"scenario '{scen}' names unknown target '{tname}'",
                                    file="dataset.yaml", key=f"scenarios.{scen}.targets",
                                    valid=closest(str(tname), set(targets))))
    for scen, settings in (config.get("scenarios") or {}).items():
        given = (settings or {}).get("targets") or []
        for i, tname in enumerate(given if isinstance(given, list) else []):
            if tname in given[:i]:  # [peak, peak] where [peak, post_peak] was meant
                problems.append(Problem(f"scenario '{scen}' names target '{tname}' twice",
                                        file="dataset.yaml", key=f"scenarios.{scen}.targets[{i}]",
                                        value=tname, valid="each target once"))
        refuse_two_peaks(f"scenario '{scen}'", given, targets, problems,
                         f"scenarios.{scen}.targets")
        _warn_twins(scen, given, targets, (settings or {}).get("target_values"))
    return targets


def _warn_twins(scen: str, given: Any, targets: dict[str, dict[str, Any]],
                values: Any) -> None:
    """Warn of two targets of one kind on one quantity and year in a scenario (KD98).

    Each target as plan.yaml gives it, with the scenario's own ``target_values`` (a parent's
    changes are not applied: the warning names the levels it compared).
    """
    values = values if isinstance(values, dict) else {}
    applied = [{**targets[t], **(values[t] if isinstance(values.get(t), dict) else {})}
               for t in (given if isinstance(given, list) else []) if t in targets]
    for _, _, text, valid in twin_notes(applied):
        notices.warn(f"dataset.yaml, key scenarios.{scen}.targets (plan.yaml): scenario "
                     f"'{scen}' applies {text}; valid: {valid}", TwinTargetWarning, stacklevel=3)


def refuse_two_peaks(label: str, given: Any, targets: dict[str, dict[str, Any]],
                     problems: list[Problem], key: str) -> None:
    """Refuse two ``peak_year`` targets on one gas and region in one scenario (G20).

    The earlier year binds and the later one never acts, while the outputs print one of them
    as the scenario's peak target: a revised peak year added beside the old one.

    Parameters
    ----------
    label : str
        ``scenario 'plan'`` or ``measure 'm' on 'plan'``, for the message.
    given : list of str
        The target names applied together.
    targets : dict
        plan.yaml's targets by name.
    problems : list of Problem
        Appended to (``dataset.yaml``, ``key``).
    key : str
        The dataset.yaml key of the list (``scenarios.plan.targets``).
    """
    seen: dict[tuple[str, str], str] = {}
    for tname in given if isinstance(given, list) else []:
        target = targets.get(tname)
        if not target or target.get("type") != "peak_year":
            continue
        basis = (str(target.get("gas") or ""), str(target.get("region") or ""))
        if basis in seen and seen[basis] != tname:
            first = targets[seen[basis]]
            problems.append(Problem(
                f"{label} has two peak_year targets on the same emissions: "
                f"'{seen[basis]}' (year {first.get('year')}) and '{tname}' (year "
                f"{target.get('year')}); the earlier year binds and the other never acts",
                file="dataset.yaml", key=key, value=tname,
                valid=f"one peak_year target per gas and region: keep '{seen[basis]}' or "
                      f"'{tname}' (a scenario of its own may hold the other)"))
        seen.setdefault(basis, tname)


def check_one_target(target: Any, where: str, config: dict, tables: dict[str, pd.DataFrame],
                     problems: list[Problem], dataset_name: str = "") -> bool | None:
    """Check one plan target as :func:`carbonpath.load_dataset` does (but for duplicates).

    Its name and type, its keys, the type of each value, its region and the domain of each
    value (:mod:`carbonpath.dataset.target_domains`). ``carbonpath init`` runs it on the
    targets it writes (a workbook's sheet, ``init_dataset(targets=...)``), so that a target
    the loader would refuse is refused before the dataset is written (round 18 W07, W09).

    Parameters
    ----------
    target : dict
        One entry of plan.yaml's ``targets``.
    where : str
        Its key path in messages (``targets.<name>``, ``targets[2]``).
    config, tables
        The dataset's configuration and tables (``technologies``, ``drivers``, ``links``).
    problems : list of Problem
        Collector; each problem names plan.yaml and a key path under ``where``.
    dataset_name : str
        The dataset's name (for region messages).

    Returns
    -------
    bool or None
        None if it is no target (no name or type), False for an unknown type, else True.
    """
    file = "plan.yaml"
    if not isinstance(target, dict) or "name" not in target or "type" not in target:
        problems.append(Problem("each target needs a name and a type", file=file,
                                key=where, valid=", ".join(TARGET_TYPES)))
        return None
    kind = target["type"]
    if kind not in TARGET_TYPES:
        problems.append(Problem(f"unknown target type '{kind}'", file=file, key=where,
                                valid=_valid_and_closest(kind, tuple(TARGET_TYPES))))
        return False
    _check_target(target, where, config, tables, problems)
    _regions.check_target(target, where, config, dataset_name, problems)
    return True


def _check_target(target: dict[str, Any], where: str, config: dict,
                  tables: dict[str, pd.DataFrame], problems: list[Problem],
                  file: str = "plan.yaml") -> None:
    """Check one plan target's keys and the type of each value the model reads.

    ``file`` is where ``where`` is: plan.yaml, or dataset.yaml for a scenario's
    ``target_values`` (round-9 S05).
    """
    name, kind = target["name"], target["type"]
    required, optional = TARGET_TYPES[kind]
    before = len(problems)
    _check_keys(target, TARGET_KEYS + required + optional, file, where, problems)

    def bad(key: str, expected: str, value: Any = None) -> None:
        """Record that ``key`` of this target is not what it must be."""
        problems.append(Problem(f"target '{name}': {key} must be {expected}", file=file,
                                key=f"{where}.{key}", value=value))

    years = range(config["base_year"], config["horizon"] + 1)
    for key in required:
        if key not in target:
            problems.append(Problem(f"target '{name}' ({kind}) needs '{key}'", file=file,
                                    key=where))
    for key in ("year", "start", "end", "relative_to"):
        value = target.get(key)
        if key not in target:
            continue
        if not _is_int(value):
            bad(key, "an integer year such as 2030, without quotes" if isinstance(value, str)
                else "a whole year such as 2030", value)
        elif value not in years and (key != "relative_to" or kind == "reduction"):
            problems.append(Problem(f"target '{name}': {key} {value} is not a model year",
                                    file=file, key=f"{where}.{key}",
                                    valid=f"{years[0]} .. {years[-1]}"))
    if "years" in target:
        given = target["years"]
        if not isinstance(given, list) or not given or not all(
                _is_int(y) and y in years for y in given):
            bad("years", f"a list of model years ({years[0]} .. {years[-1]})", given)
    if "value" in target and not _is_number(target["value"]):
        bad("value", "a number" + (" (with the unit in 'unit')" if "unit" in target else "")
            + _quoted_number(target["value"]), target["value"])
    if "unit" in target:
        try:
            parse_unit(str(target["unit"]))
        except UnitError as exc:
            problems.append(Problem(exc.problems[0].message, file=file,
                                    key=f"{where}.unit", valid=exc.problems[0].valid))
    for key in ("min", "max", "reference"):
        spec = target.get(key)
        if key not in target:
            continue
        if (not isinstance(spec, dict) or set(spec) != {"value", "unit"}
                or not _is_number(spec["value"])):
            bad(key, "a number with its unit, {value: <number>, unit: <unit>}", spec)
            continue
        try:
            parse_unit(str(spec["unit"]))
        except UnitError as exc:
            problems.append(Problem(exc.problems[0].message, file=file,
                                    key=f"{where}.{key}.unit", valid=exc.problems[0].valid))
    emissions = config["emissions"]
    for key in ("gas", "method"):
        if key in target and target[key] != emissions[key]:
            problems.append(Problem(
                f"target '{name}': {key} '{target[key]}' differs from the dataset's emissions "
                f"{key} (dataset.yaml emissions.{key}); targets apply on that basis", file=file,
                key=f"{where}.{key}", valid=str(emissions[key])))
    techs = set(tables["technologies"]["technology"]) if "technologies" in tables else set()
    if "links" in tables:
        techs |= set(tables["links"]["link"])
    if kind == "bound":
        if target.get("technology") not in techs:
            problems.append(Problem(f"target '{name}': unknown technology", file=file,
                                    key=f"{where}.technology",
                                    value=target.get("technology"),
                                    valid=closest(str(target.get("technology")), techs)))
        if target.get("quantity") not in ("capacity", "new_capacity", "activity"):
            problems.append(Problem(f"target '{name}': unknown quantity", file=file,
                                    key=f"{where}.quantity", value=target.get("quantity"),
                                    valid="capacity, new_capacity, activity"))
        if "min" not in target and "max" not in target:
            problems.append(Problem(f"target '{name}': a bound needs min or max", file=file,
                                    key=where))
    if kind == "min_share":
        members = target.get("members")
        if not isinstance(members, list):
            bad("members", "a list of technologies", members)
            members = []
        for member in members:
            if member not in techs:
                problems.append(Problem(f"target '{name}': unknown member '{member}'",
                                        file=file, key=f"{where}.members",
                                        valid=closest(str(member), techs)))
        if target.get("measure", "new_capacity") not in ("new_capacity", "activity"):
            bad("measure", "new_capacity or activity", target["measure"])
    status = target.get("status", "assumption")
    if status not in ("commitment", "assumption"):
        problems.append(Problem(f"target '{name}': status must be commitment or assumption",
                                file=file, key=f"{where}.status", value=status))
    if not target.get("source"):
        problems.append(Problem(f"target '{name}' needs a source (a document, or "
                                "'assumption: why')", file=file, key=f"{where}.source"))
    if len(problems) == before:  # the types are right: check each value's domain
        check_domains(target, where, config, tables, problems, file=file)


def _quoted_number(value: Any) -> str:
    """A hint for text that reads as a number (``'4800'`` in quotes, F08), else ''."""
    if not isinstance(value, str):
        return ""
    try:
        number = float(value.replace("_", ""))
    except ValueError:
        return ""
    return (f", written without quotes: YAML reads '{value}' as text; write {number:g}"
            if number == number and abs(number) != float("inf") else "")
