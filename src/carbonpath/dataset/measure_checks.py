"""Checks of the ``changes`` of a measure in ``dataset.yaml`` that need the plan's targets.

Kept beside :mod:`carbonpath.dataset.scenarios` (which reads the measures) so that module
stays one job and under its size.
"""

from __future__ import annotations

from typing import Any

from carbonpath.dataset.tables import closest
from carbonpath.errors import DataError, Problem

__all__ = ["target_change_problems"]

FILE = "dataset.yaml"


def target_change_problems(dataset: Any, base: str | None, name: str, changes: dict[str, Any],
                    at: str) -> list[Problem]:
    """Problems of a measure's ``targets`` and ``target_values`` changes.

    Parameters
    ----------
    dataset : carbonpath.Dataset
        The dataset whose ``dataset.yaml`` holds the measures.
    base : str or None
        The scenario the measures are measured from (None if it is unknown: reported
        elsewhere).
    name : str
        The measure's name.
    changes : dict
        The measure's ``changes``.
    at : str
        The key of ``changes`` in ``dataset.yaml``, for messages.

    Returns
    -------
    list of Problem
        Naming ``dataset.yaml`` and the key.

    A target it adds must be a target of ``plan.yaml`` (M06 had been a bare KeyError); a
    target whose values it changes must apply in the measure's scenario, that is be in the
    base scenario's list or added by the measure itself: otherwise the change can never act
    and the measure would show zero abatement without a word (M07).
    """
    from carbonpath.dataset.scenarios import resolve_scenario

    problems: list[Problem] = []
    added = changes.get("targets") or []
    if not isinstance(added, list):
        return [Problem("targets must be a list of plan.yaml target names", file=FILE,
                        key=f"{at}.targets", value=added)]
    plan = set(dataset.targets)
    for t in added:
        if t not in plan:
            problems.append(Problem(f"measure '{name}' adds unknown target '{t}'", file=FILE,
                                    key=f"{at}.targets", value=t,
                                    valid=closest(str(t), plan) if plan else
                                    "a target of plan.yaml (it has none)"))
    values = changes.get("target_values") or {}
    if not isinstance(values, dict) or base is None or problems:
        return problems
    try:
        active = set(resolve_scenario(dataset, base).config["scenarios"][base]["targets"])
    except DataError:  # the base scenario's own problems are reported where it is checked
        return problems
    for t in values:
        if t in plan and t not in active and t not in added:
            problems.append(Problem(
                f"measure '{name}' changes target '{t}', which its base scenario '{base}' does "
                "not apply and the measure does not add, so the change can never act",
                file=FILE, key=f"{at}.target_values.{t}",
                valid=f"targets: [{t}] in the measure's changes, or a base that applies it "
                      f"(measures.base); '{base}' applies "
                      f"{', '.join(sorted(active - {'_frozen_mix'})) or 'no target'}"))
    return problems
