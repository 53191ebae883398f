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
import weakref
from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.dataset.scenario_checks import target_place
from carbonpath.dataset.scenarios import TARGET_PLACES
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError, Problem, UnitError
from carbonpath.plausibility import OVERRIDE, is_override
from carbonpath.units import unit_factor

__all__ = ["ABOVE", "BELOW", "HUNDRED_BAND", "REFERENCE_BAND", "HundredSlipWarning",
           "check_target_levels", "level_problems", "reference_problems", "remaining_hint",
           "value_place"]

ABOVE = 10.0
"""A level more than this many times the base year's value is a slip."""

BELOW = 100.0
"""A non-zero level under base-year value / BELOW is a slip."""


REFERENCE_BAND = 3.0
"""An intensity target's given ``reference`` (its intensity in a year before the base year)
may lie within 1/REFERENCE_BAND .. REFERENCE_BAND times the base year's own intensity, the
upper bound widened to 1.1 ** (years between them) for an older reference (an intensity
falling 10 % a year, twice China's fastest national pace); a x10 slip leaves it (V74:
4.38 t CO2/万元 typed for tiny's 0.438)."""


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


_place = target_place  # where a target key was written (dataset.scenarios, MF116)


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
    _warn_intensity(d, emissions)  # round 26 KB104: a province's GDP beside a city's CO2
    places = d.dataset.config.get(TARGET_PLACES) or {}
    problems = level_problems(
        d.targets, emissions, coal, gas, d.base_year,
        lambda i, target, key: _place(places.get(target["name"]) or {}, target["name"], key),
        energy)
    problems += reference_problems(
        d, emissions, energy,
        lambda i, target, key: _place(places.get(target["name"]) or {}, target["name"], key))
    if problems:
        where = f", scenario '{d.scenario}'" if d.scenario else ""
        raise ImplausibleValueError(problems,
                                    f"dataset '{d.dataset.name}' (plan targets{where})")


def _warn_intensity(d: Any, emissions: float) -> None:
    """Warn once per dataset of a base-year CO2 per GDP outside the usual band (KB104)."""
    from carbonpath.dataset.intensity_band import intensity_note, per_person_note
    from carbonpath.dataset.slips import _where

    gdp = d.drivers.get("gdp")
    if gdp is None or d.emissions["gas"] != "CO2":
        return
    rows = d.dataset.tables.get("drivers")
    if rows is None:
        return
    years = pd.to_numeric(rows["year"], errors="coerce")
    hit = rows[(rows["driver"] == "gdp") & (years == d.base_year)]
    where = _where("drivers", hit.index[0]) if len(hit) == 1 else "drivers.csv, gdp"
    text = intensity_note(emissions * 1e3, float(gdp[d.year_index[d.base_year]]) * 1e6,
                          d.base_year, where)
    if text:  # once per drivers table: the scenarios' datasets share it
        _warn_once(rows, text, stacklevel=4)
    pop = d.drivers.get("population")  # kperson; KE14: GDP and population both x10
    if pop is not None:
        hit = rows[(rows["driver"] == "population")
                   & ((years == d.base_year) | years.isna())]  # a blank year: every year
        text = per_person_note(
            emissions * 1e3, float(pop[d.year_index[d.base_year]]) * 1e3, d.base_year,
            _where("drivers", hit.index[0]) if len(hit) == 1 else "drivers.csv, population",
            gdp=(float(gdp[d.year_index[d.base_year]]) * 1e6, where))
        if text:
            _warn_once(rows, text, stacklevel=4)


def level_problems(targets: list[dict[str, Any]], emissions: float, coal: float, gas: str,
                   base_year: int,
                   place: Callable[[int, dict[str, Any], str], dict[str, str]],
                   energy: float = 0.0,
                   where: Callable[[int, str], str] | None = None) -> list[Problem]:
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
    where : callable, optional
        ``(index, key) -> text``: where a :class:`HundredSlipWarning` says the level was
        written (default: the file and key of ``place``).

    Returns
    -------
    list of Problem
        One per level outside; a level with a plausibility override gets a
        :class:`~carbonpath.errors.CarbonpathWarning` instead. A level in a 万 unit just
        above the floor, whose figure read as millions lies near the base year's value,
        is warned of (:data:`HUNDRED_BAND`, :class:`HundredSlipWarning`).
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
                _warn_hundred(target, key, value, level, base, unit, what, base_year,
                              where(i, key) if where else _at(place(i, target, key)))
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


HUNDRED_BAND = 3.0
"""A level in a unit of 万 (万吨 CO2, 万吨标准煤) between 1/:data:`BELOW` of the base year's
value and this many hundredths of it is warned of (round 28 KD89): the plan's figure in
millions (35 Mt CO2) typed in 万吨 is a hundredth of it, and for a cap at or above the base
year's level (a peak-level cap) that lands just above the 1 % floor: 1 .. 3 % of the base year
is what a cap of 1 .. 3 times the base year's level becomes. A real cap that low (a cut of
97 % or more) is rare within a peaking plan's horizon; it stays accepted, with the reading
that would be right named."""


class HundredSlipWarning(CarbonpathWarning):
    """A level in 万 just above the 1 % floor whose x100 reading is near the base year (KD89)."""


def _at(place: dict[str, str]) -> str:
    """``plan.yaml, key targets.cap.value`` from a place mapping."""
    return f"{place.get('file')}, key {place.get('key')}"


def _warn_hundred(target: dict[str, Any], key: str, value: Any, level: float, base: float,
                  unit: str, what: str, base_year: int, where: str) -> None:
    """Warn of a 万 level whose figure read as millions lies near the base year (KD89)."""
    if ("万" not in str(target.get("unit")) or not 0 < level < base * HUNDRED_BAND / 100
            or is_override(target.get("plausibility"))):
        return
    millions = str(target["unit"]).replace("万", "M", 1).replace("M吨", "Mt ").replace(
        "Mt 标准煤", "Mtce").replace("  ", " ").strip()
    budget = " a year" if target["type"] == "budget" else ""
    warnings.warn(
        f"{where}: target '{target['name']}' ({target['type']}): {value:g} {target['unit']}"
        f"{budget} = {level:.6g} {unit} is {level / base:.2%} of {what} ({base:.6g} {unit} "
        f"in {base_year}), a cut of {1 - level / base:.1%}; if {value:g} is the figure in "
        f"millions (万 typed for M, x100: {value:g} {millions}), the target would be "
        f"{100 * level / base:.0%} of {what}; valid: {100 * float(value):g} "
        f"{target['unit']} for {value:g} {millions}; if the cut is meant, plausibility: "
        f"\"{OVERRIDE} <reason>\" in the target (plan.yaml) silences this",
        HundredSlipWarning, stacklevel=5)


def reference_problems(d: Any, emissions: float, energy: float,
                       place: Callable[[int, dict[str, Any], str], dict[str, str]]
                       ) -> list[Problem]:
    """Intensity references far from the base year's own intensity (V74).

    An ``emission_intensity`` or ``energy_intensity`` target relative to a year before the
    base year gives that year's intensity as ``reference``; the base year's intensity is
    known (its emissions or energy use over its GDP). A reference outside
    :data:`REFERENCE_BAND` of it (a x10 slip) made the target bind nothing, silently.
    Targets on some regions are not compared (the base values are the whole model's).

    Parameters
    ----------
    d : ModelData
        Built model data (targets, drivers ``gdp`` in MCNY).
    emissions, energy : float
        Base-year emissions on the targets' basis (kt) and energy use (ktce).
    place : callable
        As for :func:`level_problems`.

    Returns
    -------
    list of Problem
        One per reference outside its band (``targets.<name>.reference``); a target with a
        plausibility override gets a :class:`~carbonpath.errors.CarbonpathWarning` instead.
    """
    gdp = d.drivers.get("gdp")
    if gdp is None:
        return []
    k0 = d.year_index[d.base_year]
    out = []
    for i, target in enumerate(d.targets):
        kind = target["type"]
        if (kind not in ("emission_intensity", "energy_intensity")
                or not isinstance(target.get("reference"), dict) or target.get("region")
                or float(gdp[k0]) <= 0):
            continue
        emission = kind == "emission_intensity"
        base = (emissions if emission else energy) / float(gdp[k0])
        unit = "kt CO2 / MCNY" if emission else "ktce / MCNY"
        ref = target["reference"]
        try:
            given = float(ref["value"]) * unit_factor(str(ref["unit"]), unit)
            gap = d.base_year - int(target["relative_to"])
        except (UnitError, KeyError, TypeError, ValueError):
            continue  # reported by the target checks
        if base <= 0 or given <= 0 or gap <= 0:
            continue
        high = max(REFERENCE_BAND, 1.1 ** gap)
        ratio = given / base
        if 1 / REFERENCE_BAND <= ratio <= high:
            continue
        shown = unit_factor(unit, str(ref["unit"]))
        problem = Problem(
            f"implausible target '{target['name']}' ({kind}): reference {ref['value']:g} "
            f"{ref['unit']} ({target['relative_to']}) is {ratio:.3g} times the base year's "
            f"own intensity ({base * shown:.4g} {ref['unit']} in {d.base_year}); "
            + ("the target would bind nothing" if ratio > 1 else "the target would cut far "
               "more than asked") + "; probably a unit or digit slip (x10, 万元 for 亿元)",
            **place(i, target, "reference.value"), value=ref["value"],
            valid=f"{base * shown / REFERENCE_BAND:.4g} .. {base * shown * high:.4g} "
                  f"{ref['unit']}; if right, add plausibility: \"{OVERRIDE} <reason>\" to "
                  "the target")
        if is_override(target.get("plausibility")):
            warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=4)
            continue
        out.append(problem)
    return out


#: The texts already warned, by id of their owner (:func:`_warn_once`).
_SAID: dict[int, set[str]] = {}


def _warn_once(owner: Any, text: str, stacklevel: int = 2) -> None:
    """Warn ``text`` once per ``owner`` (each scenario's model build checks again).

    ``owner`` is weak-referenceable: the drivers table, which the scenarios' datasets share.
    """
    import warnings

    from carbonpath.dataset.intensity_band import UnusualIntensityWarning

    key = id(owner)
    if key not in _SAID:
        _SAID[key] = set()
        weakref.finalize(owner, _SAID.pop, key, None)
    if text in _SAID[key]:
        return
    _SAID[key].add(text)
    warnings.warn(text, UnusualIntensityWarning, stacklevel=stacklevel + 1)


def remaining_hint(kind: str, asked: Any, reachable: Any, place: str) -> str:
    """`` (0.82 typed for the share that remains? ...)`` or '' (round 30 KF62).

    A cut target (reduction, emission or energy intensity) asking more than is reachable,
    whose complement ``1 - asked`` is reachable: a plan's "降至82%" (falls to 82 %) typed as
    the cut 0.82 where the cut is 0.18. ``asked`` and ``reachable`` are the diagnosis
    table's texts (``"82.0%"``); ``place`` names where the value is written.
    """
    from carbonpath.dataset.target_years import RELATIVE_TYPES

    if kind not in RELATIVE_TYPES:
        return ""
    try:
        cut, reach = (float(str(v).rstrip("%")) / 100 for v in (asked, reachable))
    except ValueError:
        return ""  # a joint conflict's text, or unknown
    if not 0.5 < cut < 1 or not reach < cut or 1 - cut > reach + 5e-4:
        return ""
    return (f" ({cut:g} may be the share that remains, not the cut (a plan's 降至{cut:.0%}): "
            f"a cut of {1 - cut:.1%}, value {1 - cut:.4g}, is in reach; check {place})")


def value_place(d: Any, name: str) -> str:
    """Where target ``name``'s value is written, for built model data ``d``.

    ``plan.yaml, targets.ci27.value``, or the scenario's ``target_values`` in dataset.yaml.
    """
    places = d.dataset.config.get(TARGET_PLACES) or {}
    at = _place(places.get(name) or {}, name, "value")
    return f"{at['file']}, {at['key']}"
