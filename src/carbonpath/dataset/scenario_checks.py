"""Checks of a dataset's scenarios that judge the resolved scenarios together.

Moved out of :mod:`carbonpath.dataset.scenarios` (which calls them from
``check_scenarios``) to keep that module readable in one sitting: override rows no model part
reads (round 23 G), ``target_values`` changes no scenario applies (round 20 N51) and where
each changed target key was written (round 30 MF116).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from carbonpath.errors import Problem

__all__ = ["check_values_act", "placed_at_scenario", "target_place", "unread_overrides"]

FILE = "dataset.yaml"


def target_place(changed: dict[str, str], name: str, key: str) -> dict[str, str]:
    """Where a target's ``key`` was written: a scenario's ``target_values`` or plan.yaml.

    ``changed`` maps the target's keys to the scenario that set them (:data:`TARGET_PLACES`).
    A level is its value times its unit: a scenario that changed only the ``unit`` of a
    ``value`` (or ``values``) written in plan.yaml is named at that unit (round 30 MF116).
    Returns ``{"file": ..., "key": ...}`` for a :class:`~carbonpath.errors.Problem`.
    """
    scen = changed.get(key.split(".")[0])
    if scen is None and key.split(".")[0] in ("value", "values") and "unit" in changed:
        scen, key = changed["unit"], "unit"
    if scen is not None:  # D38: the scenario's value, not plan.yaml's
        return {"file": FILE, "key": f"scenarios.{scen}.target_values.{name}.{key}"}
    return {"file": "plan.yaml", "key": f"targets.{name}.{key}"}


def placed_at_scenario(problem: Problem, where: str, changed: dict[str, str],
                       name: str) -> Problem:
    """A re-checked target's problem named at the scenario key that set it (MF116).

    The re-check names the last scenario changing the target; a key a parent scenario set,
    or a level whose unit alone was changed, is named where it was written
    (:func:`target_place`). A key only plan.yaml holds keeps the scenario's place: plan.yaml
    alone passed.
    """
    if problem.file != FILE or not (problem.key or "").startswith(where + "."):
        return problem
    place = target_place(changed, name, str(problem.key)[len(where) + 1:])
    return dataclasses.replace(problem, **place) if place["file"] == FILE else problem


def unread_overrides(tables: dict[str, Any]) -> list[Problem]:
    """Override rows (scenario CSV or YAML rows, measures) no model part reads (round 23 G).

    The same table as the dataset's own rows (:func:`~carbonpath.dataset.operations.
    unread_problems`), on the rows a scenario added (their labels are text).
    """
    from carbonpath.dataset.operations import unread_problems

    return unread_problems(tables, only=lambda line: isinstance(line, str))


def check_values_act(dataset: Any, applied: dict[str, set[str]],
                      problems: list[Problem]) -> None:
    """A scenario's ``target_values`` change must reach a scenario that applies the target.

    The change acts in the scenario itself and in every scenario that extends it; if none of
    them applies the target (N51: ``{extends: baseline, target_values: {cap: ...}}``) the
    change could never act, the same rule as for a measure's change
    (:func:`carbonpath.dataset.measure_checks`). Only scenarios that resolved (``applied``,
    scenario -> the plan targets it applies) are judged; the others have their own problems.
    """
    scenarios = dataset.config.get("scenarios") or {}
    users: dict[str, set[str]] = {n: {n} for n in applied}  # scenario -> itself + extenders
    for name in applied:
        seen, parent = {name}, (scenarios.get(name) or {}).get("extends")
        while isinstance(parent, str) and parent in users and parent not in seen:
            users[parent].add(name)
            seen.add(parent)
            parent = (scenarios.get(parent) or {}).get("extends")
    for name in applied:
        values = (scenarios.get(name) or {}).get("target_values") or {}
        if not isinstance(values, dict):
            continue
        for tname in values:
            if tname not in dataset.targets or any(tname in applied[u] for u in users[name]):
                continue
            extenders = sorted(users[name] - {name})
            who = (f"neither it nor a scenario extending it ({', '.join(extenders)}) applies"
                   if extenders else "it does not apply")
            problems.append(Problem(
                f"scenario '{name}' changes target '{tname}', which {who}, so the change can "
                "never act", file=FILE,
                key=f"scenarios.{name}.target_values.{tname}",
                valid=f"add '{tname}' to scenarios.{name}.targets, or remove the change; "
                      f"'{name}' applies "
                      f"{', '.join(sorted(applied[name])) or 'no target'}"))
