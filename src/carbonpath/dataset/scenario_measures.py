"""Measures: the dataset's named bundles of scenario changes (``dataset.yaml`` ``measures``).

:func:`measures` reads and checks them; :func:`with_measures` makes the scenario of a base
scenario with some measures applied. Moved here from :mod:`carbonpath.dataset.scenarios`
(which re-exports both) to keep that module to one job: resolving scenarios.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from carbonpath.dataset import measure_checks as checks
from carbonpath.dataset import notices
from carbonpath.dataset import scenarios as _sc
from carbonpath.dataset.tables import closest
from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["CHANGE_KEYS", "MEASURE_KEYS", "measures", "with_measures"]

# carbonpath.dataset.scenarios imports this module at its end, so its constants exist here
FILE, OVERRIDE_KEYS, RESOLVED = _sc.FILE, _sc.OVERRIDE_KEYS, _sc.RESOLVED


MEASURE_KEYS = ("name", "technologies", "changes", "source", "description")
CHANGE_KEYS = ("parameters", "drivers", "demands", "targets", "target_values", "disallow",
               "allow")


def measures(dataset: Any) -> tuple[str, list[dict[str, Any]]]:
    """Return the measures of ``dataset.yaml`` and the scenario they are measured from.

    ``measures: {base: <scenario>, year: <year>, list: [{name, technologies | changes,
    source}, ...]}``; ``year`` (optional) is the year whose abatement the measure MACC of
    ``carbonpath run`` shows (:func:`carbonpath.scenarios.run_tables.macc_table`).
    A technology measure lets its technologies be built (without it they are disallowed);
    a change measure applies scenario overrides (keys parameters, drivers, demands,
    targets (added), target_values, disallow, allow). ``base`` defaults to the BAU role.

    Returns
    -------
    (str, list of dict)
        The base scenario and the measures in the order given.

    Raises
    ------
    DataError
        Unknown keys, an unknown base scenario, duplicate names, a measure naming unknown
        technologies, a measure without a source, a year that is not a decision year
        (names dataset.yaml and the key).
    """
    if not dataset.config.get("measures"):  # C05: no measures at all, not an empty list
        raise DataError(Problem(
            f"dataset '{dataset.name}' declares no measures (its {FILE} has no 'measures' "
            "section, or an empty one), so it has no measure MACC", file=FILE, key="measures",
            valid="a 'measures: {base, list: [{name, technologies | changes, source}]}' "
                  "section, see docs/scenarios.md 'Measures and their contributions'; the "
                  "system MACC (carbonpath macc without --measures) needs none"))
    spec = dataset.config.get("measures") or {}
    problems: list[Problem] = []
    where = "measures"
    if not isinstance(spec, dict):
        raise DataError(Problem("measures must be a mapping {base, list}", file=FILE, key=where))
    for key in spec:
        if key not in ("base", "list", "year"):
            problems.append(Problem(f"unknown key '{key}'", file=FILE, key=where,
                                    valid="base, list, year"))
    year = spec.get("year")
    decided = dataset.decision_years
    if year is not None and (isinstance(year, bool) or year not in decided):
        text = " (it is text: write it without quotes)" if isinstance(year, str) else ""  # M19
        problems.append(Problem(f"the year of the measure MACC must be a decision year{text}",
                                file=FILE, key=f"{where}.year", value=year,
                                valid=f"{decided[0]} .. {decided[-1]}"))
    names = list(dataset.config.get("scenarios") or {})
    base = spec.get("base", _sc.roles(dataset)["bau"])
    if base not in names:
        problems.append(Problem(f"measures are measured from unknown scenario '{base}'",
                                file=FILE, key=f"{where}.base", value=base,
                                valid=closest(str(base), set(names))))
    items = spec.get("list") or []
    known = set(dataset.tables["technologies"]["technology"])
    seen: set[str] = set()
    out = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        at = f"{where}.list[{i}]"
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():  # M09: ''
            problems.append(Problem("a measure needs a name", file=FILE, key=f"{at}.name"))
            continue
        at = f"{where}.{item['name']}"
        for key in item:
            if key not in MEASURE_KEYS:
                problems.append(Problem(f"unknown key '{key}'", file=FILE, key=at,
                                        valid=", ".join(MEASURE_KEYS)))
        if item["name"] in seen:
            problems.append(Problem(f"duplicate measure '{item['name']}'", file=FILE, key=at))
        seen.add(item["name"])
        if not item.get("source"):
            problems.append(Problem("a measure needs a source (or 'assumption: why')",
                                    file=FILE, key=f"{at}.source"))
        if ("technologies" in item) == ("changes" in item):
            problems.append(Problem("a measure has either technologies or changes",
                                    file=FILE, key=at))
        shapes = checks.shape_problems(item, at)  # lists given as text, rows as a mapping ...
        if shapes:
            problems += shapes
            continue
        for code in item.get("technologies") or []:
            if code not in known:
                problems.append(Problem(f"measure '{item['name']}' names unknown technology "
                                        f"'{code}'", file=FILE, key=f"{at}.technologies",
                                        value=code, valid=closest(str(code), known)))
        changes = item.get("changes") or {}  # a mapping: shape_problems
        for key in changes:
            if key not in CHANGE_KEYS:
                problems.append(Problem(f"unknown change '{key}'", file=FILE,
                                        key=f"{at}.changes", valid=", ".join(CHANGE_KEYS)))
        for code in (changes.get("disallow") or []) + (changes.get("allow") or []):
            if code not in known:
                problems.append(Problem(f"measure '{item['name']}' names unknown technology "
                                        f"'{code}'", file=FILE, key=f"{at}.changes",
                                        value=code, valid=closest(str(code), known)))
        for text in checks.bound_below_residual(dataset, item["name"], changes, at):
            notices.warn(text, CarbonpathWarning, stacklevel=2)  # C09
        problems += checks.target_change_problems(
            dataset, base if base in names else None, item["name"], changes, f"{at}.changes")
        out.append(dict(item))
    if not isinstance(items, list) or not items:
        problems.append(Problem("measures need a non-empty list", file=FILE, key=f"{where}.list"))
    DataError.collect(problems, f"dataset '{dataset.name}' measures")
    return base, out


def with_measures(dataset: Any, base: str, chosen: list[dict[str, Any]],
                  every: list[dict[str, Any]], name: str = "_measures",
                  base_targets: list[str] | None = None) -> Any:
    """Return ``dataset`` with one more scenario: ``base`` plus the ``chosen`` measures.

    Technologies of technology measures not chosen are disallowed; chosen change measures
    apply their overrides (rows appended, targets added to the base's list).
    ``base_targets``, the resolved target list of ``base``, saves resolving it again.
    """
    settings: dict[str, Any] = {"extends": base, "disallow": [], "allow": []}
    picked = {m["name"] for m in chosen}
    if base_targets is None:
        base_targets = list(
            _sc.resolve_scenario(dataset, base).config["scenarios"][base]["targets"])
    targets = [t for t in base_targets if t != "_frozen_mix"]
    places: dict[str, str] = {}  # disallowed code -> the measure's key (L90)
    for m in every:
        if "technologies" in m:
            key = "allow" if m["name"] in picked else "disallow"
            settings[key] += list(m["technologies"])
            if key == "disallow":
                places.update(dict.fromkeys(m["technologies"],
                                            f"measures.{m['name']}.technologies (not chosen)"))
    for m in chosen:
        for key, value in (m.get("changes") or {}).items():
            if key in OVERRIDE_KEYS and isinstance(value, list):  # errors name it (M05, M08)
                settings.setdefault("_keys", {}).setdefault(key, []).extend(
                    f"measures.{m['name']}.changes.{key}[{j}]" for j in range(len(value)))
            if key == "disallow" and isinstance(value, list):
                places.update(dict.fromkeys(value, f"measures.{m['name']}.changes.disallow"))
            if key == "targets":
                targets += [t for t in value if t not in targets]
            elif key == "target_values":
                settings.setdefault("target_values", {}).update(value)
            else:
                settings[key] = list(settings.get(key) or []) + list(value)
    if targets != [t for t in base_targets if t != "_frozen_mix"]:
        settings["targets"] = targets
    if places:  # the infeasibility diagnosis names the measure's key, not '_measures' (L90)
        settings.setdefault("_keys", {})["disallow"] = places
    config = dict(dataset.config)
    config["scenarios"] = dict(config.get("scenarios") or {}, **{name: settings})
    config.pop(RESOLVED, None)
    config.pop(_sc.DISALLOWED_BY, None)
    return dataclasses.replace(dataset, config=config)
