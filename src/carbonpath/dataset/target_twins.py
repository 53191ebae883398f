"""Two plan targets of one kind on the same quantity and years in one scenario (round 28 KD98).

A draft cap left beside the adopted one (``cap30`` 3500 万吨 CO2 and ``cap30_draft`` 3000
万吨 CO2, both for 2030) is accepted: the model holds both rows, the tighter one binds and
the other never acts, so the draft silently set the plan's 2030 level while the report
listed both. Two peak years are refused (:func:`carbonpath.dataset.plan.refuse_two_peaks`);
two limits of one kind may be meant (two documents stating one year's level), so they are a
:class:`TwinTargetWarning` naming both targets, their levels and which one binds.

Targets are twins when they limit the same quantity from the same side on the same region:
emissions (``cap`` and ``emission_limits`` alike), coal (``coal_cap``), energy
(``energy_cap``), a budget's window, a share or cut (``nonfossil_share``,
``nonfossil_share_convention`` by convention, ``reduction`` and the intensity targets by
``relative_to``, ``min_share`` by group, members and measure) and a technology's bound (by
quantity, ``min`` and ``max`` apart), and the years of one lie within the other's (a target
without ``years`` holds every model year). A target that holds fewer years and is the
tighter one is quiet: a general ceiling with a stricter level for one year is a plan.
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import CarbonpathWarning, UnitError
from carbonpath.units import unit_factor

__all__ = ["TwinTargetWarning", "twin_notes"]


class TwinTargetWarning(CarbonpathWarning):
    """Two targets of one kind on one quantity and year: only the tighter binds (KD98)."""


#: target type -> (quantity, side): "upper" where the lower level binds, "lower" the higher.
_KINDS = {"cap": ("emissions", "upper"), "emission_limits": ("emissions", "upper"),
          "coal_cap": ("coal use", "upper"), "energy_cap": ("energy use", "upper"),
          "budget": ("emission budget", "upper"), "nonfossil_share": ("non-fossil share", "lower"),
          "nonfossil_share_convention": ("non-fossil share", "lower"),
          "reduction": ("emission cut", "lower"), "emission_intensity": ("intensity cut", "lower"),
          "energy_intensity": ("intensity cut", "lower"),
          "energy_intensity_adjusted": ("intensity cut", "lower"),
          "min_share": ("share", "lower")}

#: Keys that tell two targets of one type apart (other quantities).
_SCOPE = {"nonfossil_share_convention": ("convention",), "reduction": ("relative_to",),
          "emission_intensity": ("relative_to", "reference"),
          "energy_intensity": ("relative_to", "reference"),
          "energy_intensity_adjusted": ("relative_to", "exclude"),
          "min_share": ("group", "members", "measure"), "budget": ("start", "end")}


def _limits(target: dict[str, Any]) -> list[tuple[tuple, frozenset | None, dict[Any, tuple]]]:
    """(scope, years or None for every year, year -> (level, unit)) of each side it limits.

    A scope is (quantity, side, region, ...): ``side`` (``upper`` or ``lower``) second.
    """
    kind = target.get("type")
    region = str(target.get("region") or "")
    if kind == "bound":
        years = target.get("years")
        return [((f"bound {target.get('quantity')} {target.get('technology')}", side, region),
                 frozenset(years) if years else None,
                 {None: (target[key].get("value"), target[key].get("unit"))})
                for key, side in (("max", "upper"), ("min", "lower"))
                if isinstance(target.get(key), dict)]
    if kind not in _KINDS:
        return []
    quantity, side = _KINDS[kind]
    scope = (quantity, side, region, kind if kind in _SCOPE else "",
             *(repr(target.get(k)) for k in _SCOPE.get(kind, ())))
    unit = target.get("unit")
    if kind == "emission_limits":
        values = target.get("values") or {}
        return [(scope, frozenset(values), {y: (v, unit) for y, v in values.items()})]
    if "year" in target and kind != "budget":
        years: frozenset | None = frozenset([target["year"]])
    else:
        years = frozenset(target["years"]) if target.get("years") else None
    return [(scope, years, {None: (target.get("value"), unit)})]


def _level(levels: dict[Any, tuple], year: Any, base: str | None) -> float | None:
    """The level in ``year`` in the unit ``base`` (None: not comparable)."""
    value, unit = levels.get(year, levels.get(None, (None, None)))
    try:
        return float(value) * (unit_factor(str(unit), str(base)) if base else 1.0)
    except (TypeError, ValueError, UnitError, KeyError):
        return None


def twin_notes(targets: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """The pairs of targets that limit one quantity in the same years (module docstring).

    Parameters
    ----------
    targets : list of dict
        The targets applied together (one scenario's, or all a workbook gives); entries
        that are not well-formed targets are skipped (the target checks report them).

    Returns
    -------
    list of (int, int, str, str)
        (index of the first, index of the second, what was found, what is valid): one per
        pair, the message naming both targets, their levels and the one that binds.
    """
    found: list[tuple[int, int, str, str]] = []
    entries = []
    for i, target in enumerate(targets):
        if isinstance(target, dict) and not str(target.get("name", "")).startswith("_"):
            try:
                entries += [(i, *limit) for limit in _limits(target)]
            except (TypeError, ValueError, AttributeError):
                continue  # a malformed target: the target checks name it
    for a, (i, scope, years_i, levels_i) in enumerate(entries):
        for j, scope_j, years_j, levels_j in entries[a + 1:]:
            if j == i or scope_j != scope:
                continue
            try:
                note = _pair(targets, (i, years_i, levels_i), (j, years_j, levels_j),
                             scope[1])
            except (TypeError, ValueError, AttributeError):
                continue
            if note:
                found.append((i, j, *note))
    return found


def _pair(targets: list[dict[str, Any]], first: tuple, second: tuple,
          side: str) -> tuple[str, str] | None:
    """The note on two targets of one scope, or None when neither makes the other idle."""
    (i, years_i, levels_i), (j, years_j, levels_j) = first, second
    if years_i is None or years_j is None:  # None: every model year
        common = years_j if years_i is None else years_i
    else:
        common = years_i & years_j
        if not common:
            return None
    shown = sorted(common) if common is not None else []
    base = next((u for _, u in levels_i.values() if u), None)
    tighter = {i: 0, j: 0}
    for year in shown or [None]:
        a, b = _level(levels_i, year, base), _level(levels_j, year, base)
        if a is None or b is None:
            tighter = {}
            break
        if a != b:
            tighter[i if (a < b) == (side == "upper") else j] += 1
    if years_i != years_j:  # one holds more years: quiet unless the shorter one never acts
        short = i if common == years_i else j
        if not tighter or tighter[short] or (years_i is not None and years_j is not None
                                             and common not in (years_i, years_j)):
            return None
    names = [targets[k].get("name") for k in (i, j)]
    when = (f"in {', '.join(map(str, shown[:6]))}" + (" ..." if len(shown) > 6 else "")
            if shown else "in every model year")
    kind = targets[i].get("type")
    what = _KINDS.get(kind, ("bound",))[0] if kind != "bound" else (
        f"{targets[i].get('quantity')} of {targets[i].get('technology')} "
        f"({'max' if side == 'upper' else 'min'})")
    text = (f"targets '{names[0]}' ({_shown(levels_i, shown)}) and '{names[1]}' "
            f"({_shown(levels_j, shown)}) both limit the {what} {when}")
    if tighter and (not tighter[i] or not tighter[j]):
        if tighter[i] or tighter[j]:
            bind, idle = (0, 1) if tighter[i] else (1, 0)
            text += (f": only '{names[bind]}' binds and '{names[idle]}' never acts there")
        else:
            text += ": they ask the same level (a copy?)"
    else:
        text += ": only the tighter of them binds in each year, the other never acts there"
    valid = (f"one target per quantity and year: keep '{names[0]}' or '{names[1]}' (a draft "
             "or superseded level left beside the adopted one?); a scenario of its own may "
             "hold the other")
    return text, valid


def _shown(levels: dict[Any, tuple], years: list) -> str:
    """A target's level as written (its first common year's for yearly values)."""
    value, unit = levels.get(years[0] if years else None) or next(iter(levels.values()))
    return f"{value:g} {unit}" if isinstance(value, int | float) and unit else f"{value}"
