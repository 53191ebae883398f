"""Plan-target levels compared with the dataset's own base year (unit slips in plan.yaml).

A cap typed in Gt where Mt was meant, or a coal cap in 亿 tce where 万 tce was meant, is far
above anything the city emits or burns: the target binds nothing and the plan silently
becomes the baseline. A limit typed in kt for Mt is far below and ends in an infeasibility.
Once the model data are built the base year's emissions (on the targets' own basis) and its
coal consumption are known, so each level is compared with them:

* ``cap`` and each yearly value of ``emission_limits``: above :data:`ABOVE` (x10) times the
  base year's emissions, or above zero but below 1/:data:`BELOW` (1 %) of them;
* ``budget``: its yearly average, the same way;
* ``coal_cap``: the same against the base year's coal consumption (ktce);
* ``energy_cap``: the same against the base year's energy consumption (ktce, as the target
  counts it: :func:`carbonpath.model.targets.energy_total`), so that 1800 万吨标准煤 typed
  for 1800 ktce (10.5 times tiny's base year) or 1800 tce (0.1 % of it) is named as the
  slip it is (round 18, R113/R114).

The other target types hold shares or years (checked with their keys), or a technology's
bound (checked against its stock when the model is built).

A real plan does not allow ten times today's emissions, and a level that is not zero but
under 1 % of today's is a slip far more often than a plan. Each finding is an
:class:`~carbonpath.errors.ImplausibleValueError` naming ``plan.yaml`` and the key. A user
who means it writes ``plausibility: "override: <reason>"`` in the target; the level is then
accepted with a :class:`~carbonpath.errors.CarbonpathWarning`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from carbonpath.dataset.scenarios import TARGET_PLACES
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError, Problem, UnitError
from carbonpath.plausibility import OVERRIDE, is_override
from carbonpath.units import unit_factor

__all__ = ["ABOVE", "BELOW", "check_target_levels", "level_problems"]

ABOVE = 10.0
"""A level more than this many times the base year's value is a slip."""

BELOW = 100.0
"""A non-zero level under base-year value / BELOW is a slip."""


def _base_values(d: Any) -> tuple[float, float, float]:
    """(base-year emissions on the targets' basis in kt, coal use and energy use in ktce)."""
    from carbonpath.model.indicators import SOLID_COAL, _fuel_coefficients

    y0, k0 = d.base_year, d.year_index[d.base_year]
    emissions = sum(float(t.target_factor[k0]) * t.observed.get(y0, 0.0)
                    for t in d.techs.values() if t.target_factor is not None)
    coeff = _fuel_coefficients(d, k0)
    coal = sum(ratio * coeff[com] * t.observed.get(y0, 0.0)
               for t in d.techs.values() if t.kind in ("import", "supply")
               for com, ratio in t.outputs.items()
               if d.commodities.loc[com, "fuel"] in SOLID_COAL and com in coeff)
    energy = sum(float(t.energy_tce[k0]) * t.observed.get(y0, 0.0) for t in d.techs.values()
                 if t.kind != "storage" and getattr(t, "energy_tce", None) is not None)
    return float(emissions), float(coal), float(energy)


#: The usual slips of a level's unit, by what it counts.
_SLIPS = {"emissions": "(Gt for Mt, 亿 for 万, kt for Mt)",
          "ce": "(万吨标准煤 for ktce: x10; tce for ktce: x1/1000; 亿 for 万)"}


def _place(changed: dict[str, str], name: str, key: str) -> dict[str, str]:
    """Where a target's ``key`` was written: a scenario's ``target_values`` or plan.yaml."""
    scen = changed.get(key.split(".")[0])
    if scen is not None:  # D38: the scenario's value, not plan.yaml's
        return {"file": "dataset.yaml", "key": f"scenarios.{scen}.target_values.{name}.{key}"}
    return {"file": "plan.yaml", "key": f"targets.{name}.{key}"}


def check_target_levels(d: Any) -> None:
    """Refuse target levels far from the base year's emissions or coal use.

    Parameters
    ----------
    d : ModelData
        Built model data (targets, technologies with observed base-year activity).

    Raises
    ------
    ImplausibleValueError
        Naming plan.yaml, ``targets.<name>.value`` (or ``.values``), the level, the base-year
        value compared with, and how to override.
    """
    if d.base_year not in d.year_index:
        return
    emissions, coal, energy = _base_values(d)
    gas = "CO2" if d.emissions["gas"] == "CO2" else "CO2e"
    places = d.dataset.config.get(TARGET_PLACES) or {}
    problems = level_problems(
        d.targets, emissions, coal, gas, d.base_year,
        lambda i, target, key: _place(places.get(target["name"]) or {}, target["name"], key),
        energy)
    if problems:
        where = f", scenario '{d.scenario}'" if d.scenario else ""
        raise ImplausibleValueError(problems,
                                    f"dataset '{d.dataset.name}' (plan targets{where})")


def level_problems(targets: list[dict[str, Any]], emissions: float, coal: float, gas: str,
                   base_year: int,
                   place: Callable[[int, dict[str, Any], str], dict[str, str]],
                   energy: float = 0.0) -> list[Problem]:
    """The target levels outside :data:`BELOW` .. :data:`ABOVE` times the base year's value.

    The rule of :func:`check_target_levels`, shared with ``carbonpath init``, which compares
    the targets it writes with the base-year inventory of its balance (the base year it
    calibrates; round 18 W08).

    Parameters
    ----------
    targets : list of dict
        Plan targets (plan.yaml entries); types other than cap, emission_limits, budget,
        coal_cap and energy_cap, and targets named ``_...`` (carbonpath's own), are not compared.
    emissions, coal : float
        Base-year emissions on the targets' basis (kt of ``gas``) and coal use (ktce);
        a base of 0 or less compares nothing.
    gas : str
        ``CO2`` or ``CO2e``.
    base_year : int
        For messages.
    place : callable
        ``(index, target, key) -> {"file": ..., "key": ...}``: where the level was written.
    energy : float, default 0
        Base-year energy use (ktce) for ``energy_cap``; 0 compares nothing.

    Returns
    -------
    list of Problem
        One per level outside; a level with a plausibility override gets a
        :class:`~carbonpath.errors.CarbonpathWarning` instead.
    """
    problems = []
    for i, target in enumerate(targets):
        kind, name = target["type"], target["name"]
        if str(name).startswith("_"):
            continue  # made by carbonpath itself (a MACC's sweep cap, the frozen mix)
        if kind in ("cap", "emission_limits", "budget"):
            base, unit, what = emissions, f"kt {gas}", "the base year's emissions"
        elif kind == "coal_cap":
            base, unit, what = coal, "ktce", "the base year's coal consumption"
        elif kind == "energy_cap":
            base, unit, what = energy, "ktce", "the base year's energy consumption"
        else:
            continue
        if base <= 0:
            continue
        try:
            factor = unit_factor(str(target["unit"]), unit)
        except (UnitError, KeyError):
            continue  # reported by the target checks
        if kind == "emission_limits":
            levels = [(f"values.{y}", v) for y, v in (target.get("values") or {}).items()]
        elif kind == "budget":
            years = int(target["end"]) - int(target["start"]) + 1
            levels = [("value", float(target["value"]) / max(years, 1))]
        else:
            levels = [("value", target["value"])]
        for key, value in levels:
            level = float(value) * factor
            if level <= ABOVE * base and not 0 < level < base / BELOW:
                continue
            ratio = level / base
            shown = f"{value:g} {target['unit']}" + (" a year" if kind == "budget" else "")
            problem = Problem(
                f"implausible target '{name}' ({kind}): {shown} = {level:.4g} {unit} is "
                f"{ratio:.3g} times {what} ({base:.4g} {unit} in {base_year}); the target "
                + ("would bind nothing" if level > base else "is below 1 % of today's")
                + "; probably a unit slip " + _SLIPS["emissions" if unit != "ktce" else "ce"],
                **place(i, target, key), value=value,
                valid=f"{base / BELOW:.4g} .. {ABOVE * base:.4g} {unit} (or 0); if right, "
                      f"add plausibility: \"{OVERRIDE} <reason>\" to the target")
            if is_override(target.get("plausibility")):
                warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                              CarbonpathWarning, stacklevel=5)
                continue
            problems.append(problem)
    return problems
