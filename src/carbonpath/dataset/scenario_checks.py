"""Checks of a dataset's scenarios that judge the resolved scenarios together.

Moved out of :mod:`carbonpath.dataset.scenarios` (which calls them from
``check_scenarios``) to keep that module readable in one sitting: override rows no model part
reads (round 23 G), ``target_values`` changes no scenario applies (round 20 N51), where
each changed target key was written (round 30 MF116), roles that make a scenario without
targets the plan of one with targets (round 30 MF92) and an extending scenario's target list
that drops every target of its parent (round 30 MF104).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from carbonpath.dataset import notices
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["DroppedTargetsWarning", "SwappedRolesWarning", "check_values_act",
           "placed_at_scenario", "swapped_roles_text", "target_place", "unread_overrides",
           "warn_dropped_targets", "warn_swapped_roles"]


class SwappedRolesWarning(CarbonpathWarning):
    """The plan role names a scenario without targets, a reference role one with (MF92)."""


class DroppedTargetsWarning(CarbonpathWarning):
    """An extending scenario's ``targets`` list keeps none of its parent's targets (MF104)."""

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


def swapped_roles_text(role: dict[str, str | None], targets: dict[str, list[str]],
                       written: tuple[str, ...] = ()) -> str | None:
    """Why the roles look swapped: the plan applies no target, a reference role does (MF92).

    The cost of the target is the plan's cost less the cost reference's, and the abatement
    the BAU's emissions less the plan's: with a plan without carbon targets measured against
    a reference with them, both come out with the wrong sign, and the report calls the plan
    a scenario without targets. Comparing the two that way may be meant (what dropping the
    targets saves), so this is a warning, not an error.

    Parameters
    ----------
    role : dict
        :func:`carbonpath.dataset.scenarios.roles` of the dataset.
    targets : dict of str to list of str
        Scenario -> the targets it applies (resolved; a frozen BAU's own mix left out).
        Scenarios missing from it are not judged.
    written : tuple of str
        The role keys ``dataset.yaml`` writes (the others are defaults); the roles to write
        that the text suggests keep them.

    Returns
    -------
    str or None
        The warning's text, naming the ``roles`` keys, the targets and the swapped roles
        to write; None when the roles are not in doubt.
    """
    plan = role.get("plan")
    if plan is None or plan not in targets or targets[plan]:
        return None
    refs = [key for key in ("cost_reference", "bau")
            if role.get(key) not in (None, plan) and targets.get(str(role.get(key)))]
    if not refs:
        return None
    ref = str(role[refs[0]])
    by_scenario: dict[str, list[str]] = {}
    for key in refs:
        by_scenario.setdefault(str(role[key]), []).append(f"roles.{key}")
    named = " and ".join(f"{' and '.join(keys)} name '{scen}', which applies "
                         f"{', '.join(targets[scen])}" for scen, keys in by_scenario.items())
    wrong = " and ".join({"cost_reference": "the cost of the target",
                          "bau": "the abatement against the BAU"}[k] for k in refs)
    fixed = {k: plan for k in refs if k in written or k == "cost_reference"}
    fixed["plan"] = ref
    return (f"dataset.yaml, key roles.plan: the plan '{plan}' applies no carbon target while "
            f"{named}: {wrong} come{'s' if len(refs) == 1 else ''} out with the wrong sign, "
            "and the report calls the plan a scenario without targets. Roles swapped? The plan "
            "is the scenario with the targets and the cost reference the least-cost one "
            "without: if so, write roles: {"
            + ", ".join(f"{k}: {v}" for k, v in fixed.items()) + "}")


def warn_swapped_roles(dataset: Any, role: dict[str, str | None],
                       applied: dict[str, set[str]]) -> None:
    """Warn (:class:`SwappedRolesWarning`) of roles :func:`swapped_roles_text` doubts.

    ``role`` is :func:`~carbonpath.dataset.scenarios.roles` of ``dataset``; ``applied``
    maps each resolved scenario to the plan targets it applies (as ``check_scenarios``
    collects them).
    """
    given = dataset.config.get("roles")
    written = tuple(given) if isinstance(given, dict) else ()
    text = swapped_roles_text(role, {n: _ordered(dataset, t) for n, t in applied.items()},
                              written)
    if text is not None:
        notices.warn(text, SwappedRolesWarning, stacklevel=3)


def _ordered(dataset: Any, names: set[str]) -> list[str]:
    """``names`` in plan.yaml's order (then any others, sorted)."""
    return ([t for t in dataset.targets if t in names]
            + sorted(t for t in names if t not in dataset.targets))


def warn_dropped_targets(dataset: Any, applied: dict[str, set[str]]) -> None:
    """Warn where an extending scenario's ``targets`` list keeps none of its parent's (MF104).

    A scenario's ``targets`` list replaces the one it inherits (its ``disallow`` and
    override rows add to the parent's): ``plan_nf: {extends: plan, targets: [nf]}`` applies
    ``nf`` alone, without ``plan``'s peak and cap. Warned of when the list is not empty,
    keeps none of the parent's targets and leaves at least one of them without a target of
    the same type in its place (``[peak_2028, cap_low]`` for ``[peak, cap]`` replaces them,
    and stays quiet).

    Parameters
    ----------
    dataset : Dataset
        The dataset as read (``config['scenarios']`` and ``targets``).
    applied : dict of str to set of str
        Scenario -> the plan targets it applies, for the scenarios that resolved.

    Warns
    -----
    DroppedTargetsWarning
        Naming ``scenarios.<name>.targets``, the parent, the targets dropped and the list
        that keeps them.
    """
    scenarios = dataset.config.get("scenarios") or {}
    for name, settings in scenarios.items():
        settings = settings or {}
        parent, given = settings.get("extends"), settings.get("targets")
        if (name not in applied or not isinstance(parent, str) or parent not in applied
                or not isinstance(given, list) or not given):
            continue
        before = _ordered(dataset, applied[parent])
        if not before or set(given) & set(before):
            continue
        kinds = {str((dataset.targets.get(t) or {}).get("type")) for t in given}
        lost = [t for t in before if str((dataset.targets.get(t) or {}).get("type")) not in kinds]
        if not lost:
            continue
        keep = ", ".join(before + [t for t in given if t not in before])
        notices.warn(
            f"dataset.yaml, key scenarios.{name}.targets: [{', '.join(map(str, given))}] "
            f"replaces the targets of '{parent}', which '{name}' extends, so "
            f"{', '.join(before)} no longer apply in '{name}' (a scenario's target list "
            "replaces its parent's; disallow and override rows add to them); to add to "
            f"{parent}'s targets, write targets: [{keep}]; if dropping "
            f"{', '.join(lost)} is meant, nothing needs changing", DroppedTargetsWarning,
            stacklevel=3)
