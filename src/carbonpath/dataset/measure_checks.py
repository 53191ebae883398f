"""Checks of the ``changes`` of a measure or a scenario in ``dataset.yaml``.

Kept beside :mod:`carbonpath.dataset.scenarios` (which reads the measures and applies the
overrides) so that module stays one job and under its size. Besides the measures' shapes and
target changes: a scenario's or a measure's row that changes **observed** data (a technology's
``activity`` in the base year, L79) is warned of (:class:`ObservedChangeWarning`), since the
scenarios then start from different statistics.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from carbonpath.dataset import notices
from carbonpath.dataset.tables import PARAMETERS, closest, is_blank
from carbonpath.errors import CarbonpathError, CarbonpathWarning, DataError, Problem

__all__ = ["AppliedTargetWarning", "ObservedChangeWarning", "ObservedPriceWarning",
           "bound_below_residual", "disallowed_builds", "narrowed_bounds", "observed_prices",
           "observed_rows", "row_place",
           "scenario_label", "shape_problems", "target_change_problems",
           "warn_observed_changes", "warn_observed_prices", "yaml_places"]

#: The changes of a measure given as lists of rows (mappings) and as lists of codes.
_ROWS = ("parameters", "drivers", "demands")
_LISTS = ("targets", "disallow", "allow")

FILE = "dataset.yaml"


class AppliedTargetWarning(CarbonpathWarning):
    """A measure adds a target its base scenario applies already (a no-op, round 22 P68)."""


class ObservedChangeWarning(CarbonpathWarning):
    """A scenario or measure changes observed base-year data (the scenarios' shared start)."""


class ObservedPriceWarning(ObservedChangeWarning):
    """A scenario's or measure's price row re-prices the base year's fixed activity (MD48)."""


def bound_below_residual(dataset: Any, name: str, changes: dict[str, Any],
                         at: str) -> list[str]:
    """Texts for each technology whose ``min_capacity`` rows in a measure cannot bind.

    Such a bound cannot bind: the residual capacity (``parameters.csv`` ``residual_capacity``,
    interpolated between its years as the model does, constant if it has no year) already
    meets it, so the measure abates nothing through it; often a unit slip (kW for MW,
    round-9 C09). Such a measure is legal data, so the caller warns rather than refuses.

    Parameters
    ----------
    dataset : carbonpath.Dataset
    name : str
        The measure's name.
    changes : dict
        The measure's ``changes`` (its ``parameters`` rows are read).
    at : str
        The measure's key in dataset.yaml (``measures.list[0]``).

    Returns
    -------
    list of str
        One text per technology all of whose ``min_capacity`` rows in the measure lie at or
        below its residual capacity (a row equal to it may anchor a rising trajectory, so
        one row above it clears the technology); rows that cannot be compared (an
        unreadable unit or year, which other checks report) are skipped.
    """
    from pint.errors import PintError

    from carbonpath.units import Q_  # the package's registry

    params = dataset.tables.get("parameters")
    if params is None:
        return []
    residual = params[params["parameter"] == "residual_capacity"]
    found: dict[str, list[str]] = {}  # technology -> texts of its rows that cannot bind
    binding: set[str] = set()
    for i, row in enumerate(changes.get("parameters") or []):
        if not isinstance(row, dict) or row.get("parameter") != "min_capacity":
            continue
        code = row.get("technology")
        rows = residual[residual["technology"] == code]
        if rows.empty or "region" in row:
            binding.add(str(code))  # nothing to compare with: not reported
            continue
        try:
            year = int(row["year"])
            units = {str(u) for u in rows["unit"]}
            unit = units.pop()
            bound = Q_(float(row["value"]), str(row["unit"])).to(unit).magnitude
            dated = rows[rows["year"].notna()].sort_values("year")
            if 0 < len(dated) < len(rows):
                continue  # dated and yearless rows together: the table check's error
            have = (float(np.interp(year, dated["year"].astype(float), dated["value"]))
                    if len(dated) == len(rows) else float(rows["value"].iloc[0]))
        except (AttributeError, KeyError, TypeError, ValueError, CarbonpathError, PintError):
            continue  # an unreadable row: another check's error
        if units or len(rows) != len(rows.drop_duplicates("year")) or bound > have:
            binding.add(str(code))
            continue
        found.setdefault(str(code), []).append(
            f"{at}.changes.parameters[{i}]: {row['value']} {row['unit']} in {year} "
            f"({bound:g} {unit}, residual {have:g} {unit})")
    return [f"measure '{name}' ({FILE}): every min_capacity it sets for {code} is at or below "
            f"the residual capacity {code} already has in that year ({'; '.join(texts)}), so "
            f"it cannot bind and the measure abates nothing through {code}; is the unit right "
            "(kW for MW)?" for code, texts in found.items() if code not in binding]


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

    A target it adds must be a target of ``plan.yaml`` (M06 had been a bare KeyError); one
    its base scenario applies already is warned of (:class:`AppliedTargetWarning`, P68: a
    no-op that had shown only as "no abatement"); a target whose values it changes must
    apply in the measure's scenario, that is be in the base scenario's list or added by the
    measure itself: otherwise the change can never act and the measure would show zero
    abatement without a word (M07).
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
    if base is None or problems:
        return problems
    try:
        active = set(resolve_scenario(dataset, base).config["scenarios"][base]["targets"])
    except DataError:  # the base scenario's own problems are reported where it is checked
        return problems
    for t in added:  # round 22 P68: adding what the base applies already changes nothing
        if t in active:
            others = ", ".join(sorted(plan - active)) or "none: it applies every target"
            notices.warn(
                f"{FILE}, key {at}.targets: measure '{name}' adds target '{t}', which its "
                f"base scenario '{base}' already applies, so adding it changes nothing (any "
                f"abatement of the measure comes from its other changes, none from '{t}'); "
                f"to tighten '{t}', give target_values: {{{t}: {{...}}}} in the measure's "
                f"changes (targets '{base}' does not apply: {others})",
                AppliedTargetWarning, stacklevel=3)
    if not isinstance(values, dict):
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


def yaml_places(problems: list[Problem]) -> list[Problem]:
    """Problems of rows written in ``dataset.yaml`` placed there, not in a CSV file.

    A table-wide check of a resolved scenario (duplicates, plausibility) names a row by its
    index, which for a row from ``dataset.yaml`` is its key (``measures.a.changes.
    parameters[0]``, ``scenarios.plan.parameters[1]``): such a problem is moved to
    ``dataset.yaml`` and that key (M08 had read "parameters.csv, row scenarios._measures.
    parameters[0]").
    """
    out = []
    for p in problems:
        row = p.row
        if isinstance(row, str) and row.startswith(("measures.", "scenarios.")) and (
                p.key is None):
            p = dataclasses.replace(p, file=FILE, row=None, key=row)
        if _MISSING_END in p.message and (
                str(p.key or "").startswith(("measures.", "scenarios."))
                or "scenarios/" in str(p.file or "").replace("\\", "/")):
            p = dataclasses.replace(p, message=p.message + _WHOLE_SERIES)  # S03
        out.append(p)
    return out


#: The text of :func:`carbonpath.dataset.series.expand_years`'s coverage problem.
_MISSING_END = "add values for the missing end"
_WHOLE_SERIES = ("; an override replaces the dataset's whole series of its key (every year "
                 "of that row in the CSV file, not only the year given), so give the override "
                 "every year the series needs, e.g. the CSV rows with the changed year edited")


def shape_problems(item: dict[str, Any], at: str) -> list[Problem]:
    """Problems of the shape of one measure: what must be a list, a mapping or a text.

    A text where a list belongs (``technologies: battery``) had been read letter by letter,
    a mapping where a list of rows belongs had ended in a traceback (M22, M23, M27, M28,
    M29); a measure whose ``changes`` are empty changes nothing (M25).

    Parameters
    ----------
    item : dict
        One entry of ``measures.list``.
    at : str
        Its key in ``dataset.yaml`` (``measures.NAME``).

    Returns
    -------
    list of Problem
        Naming ``dataset.yaml`` and the key; empty when the shape is right.
    """
    problems: list[Problem] = []

    def codes(value: Any, key: str) -> None:
        """Append a problem unless ``value`` is a list of texts."""
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(Problem(f"{key.rsplit('.', 1)[-1]} must be a list of codes",
                                    file=FILE, key=key, value=value,
                                    valid=f"[a, b] (one code: [{value}])"
                                    if isinstance(value, str) else "[a, b]"))

    if "technologies" in item:
        codes(item["technologies"], f"{at}.technologies")
    changes = item.get("changes")
    if "changes" in item and not isinstance(changes, dict):
        problems.append(Problem("changes must be a mapping of changes", file=FILE,
                                key=f"{at}.changes", value=changes,
                                valid="{parameters: [...], targets: [...], ...}"))
        return problems
    if "changes" in item and not any(changes.values()):
        problems.append(Problem("the measure changes nothing (its changes are empty)",
                                file=FILE, key=f"{at}.changes",
                                valid="at least one change (parameters, drivers, demands, "
                                      "targets, target_values, disallow, allow)"))
    for key in _LISTS:
        if key in (changes or {}):
            codes(changes[key], f"{at}.changes.{key}")
    for key in _ROWS:
        rows = (changes or {}).get(key)
        if rows is not None and (not isinstance(rows, list)
                                 or not all(isinstance(r, dict) for r in rows)):
            problems.append(Problem(
                f"{key} must be a list of rows, each a mapping of columns", file=FILE,
                key=f"{at}.changes.{key}", value=rows,
                valid="[{technology: pv, parameter: capex, year: 2030, value: 3000, unit: "
                      "CNY/kW, source: ...}]" if key == "parameters" else "a list of rows"))
    values = (changes or {}).get("target_values")
    if values is not None and (not isinstance(values, dict)
                               or not all(isinstance(v, dict) for v in values.values())):
        problems.append(Problem("target_values must map a target to its changed keys",
                                file=FILE, key=f"{at}.changes.target_values", value=values,
                                valid="{cap: {value: 4.0}}"))
    return problems


def scenario_label(name: str) -> str:
    """How an error names a resolved scenario (``scenario 'plan'``).

    The internal scenario of the measures (``_measures``) is named as what the user wrote:
    the measures of ``dataset.yaml``.
    """
    return "the measures of dataset.yaml" if name == "_measures" else f"scenario '{name}'"


def observed_rows(tables: dict[str, Any], base_year: int) -> dict[str, dict[str, Any]]:
    """The override rows of a resolved scenario that set observed data (L79).

    Rows of ``parameters`` whose parameter is observed (``activity``, ``dataset/
    parameters.csv`` ``by_year`` observed) for the base year or before (or a blank year),
    and whose index label is an override's (``scenarios/<s>/parameters.csv:<line>``, or a
    ``scenarios.`` or ``measures.`` key of dataset.yaml): label -> the row.
    """
    params = tables["parameters"]
    observed = {n for n, p in PARAMETERS.items() if p.by_year == "observed"}
    out = {}
    for label, row in zip(params.index, params.to_dict("records"), strict=True):
        text = str(label)
        if row["parameter"] not in observed or not (
                "scenarios/" in text or text.startswith(("scenarios.", "measures."))):
            continue
        if is_blank(row["year"]) or int(row["year"]) <= base_year:
            out[text] = row
    return out


def warn_observed_changes(dataset: Any, found: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Warn of each override row setting observed data that not every scenario applies (L79).

    Observed statistics (a technology's base-year ``activity``) are the start every scenario
    shares: a scenario (or a measure) that changes them starts from another base year than
    the others, and the difference of their results mixes a revision of the statistics
    with the policy. Such a row may be meant (a data variant), so this warns, naming the
    override row, the dataset's row it replaces and the scenarios without it.

    Parameters
    ----------
    dataset : Dataset
        The dataset as read (its ``parameters`` table holds the observed rows replaced).
    found : dict
        Scenario name (``_measures`` for the measures) -> :func:`observed_rows` of it.

    Warns
    -----
    ObservedChangeWarning
        One per override row.
    """
    params = dataset.tables["parameters"]
    names = [n for n in found if n != "_measures"]
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}  # (file, users) -> texts
    for label in dict.fromkeys(k for rows in found.values() for k in rows):
        users = tuple(n for n in names if label in found[n])
        measure = label.startswith("measures.")
        if not measure and (not names or len(users) == len(names)):
            continue  # every scenario starts from the same (revised) statistics
        row = next(rows[label] for rows in found.values() if label in rows)
        code, name, year = row["technology"], row["parameter"], row["year"]
        same = params[(params["technology"] == code) & (params["parameter"] == name)
                      & (params["year"].map(str) == str(year))]
        was = (f"parameters.csv row {same.index[0]}: {same.iloc[0]['value']:g} "
               f"{same.iloc[0]['unit']}" if len(same) else "no row in parameters.csv")
        file, at = ((label.rpartition(":")[0], f"row {label.rpartition(':')[2]}")
                    if ".csv:" in label else ("dataset.yaml", f"key {label}"))
        when = "every year" if is_blank(year) else f"{int(year)}"
        groups.setdefault((file, () if measure else users), []).append(
            f"{at}: {name} of '{code}' in {when} = {row['value']:g} {row['unit']} ({was})")
    for (file, users), texts in groups.items():
        who = ("a measure changes observed data, so the MACC would count a revision of the "
               "statistics as abatement" if not users else
               f"scenario {', '.join(users)} changes observed data (the base year "
               f"{dataset.base_year} or before), so it starts from other statistics than "
               f"{', '.join(n for n in names if n not in users)}, and the difference of their "
               "results mixes a revision of the statistics with the policy")
        notices.warn(
            f"{file}, column value: {who}: {'; '.join(texts)}; if the statistics are revised, "
            "change parameters.csv (every scenario starts from it); keep the override only "
            "for a scenario meant as a data variant", ObservedChangeWarning, stacklevel=3)


def observed_prices(tables: dict[str, Any], base_year: int) -> dict[str, dict[str, Any]]:
    """The override rows of ``variable_cost`` that set the base year (round 28 MD48).

    Rows of ``parameters`` with a blank year (every model year, the base year too) or a
    year up to the base year, whose index label is an override's (as :func:`observed_rows`):
    label -> the row.
    """
    params = tables["parameters"]
    out = {}
    for label, row in zip(params.index, params.to_dict("records"), strict=True):
        text = str(label)
        if row["parameter"] != "variable_cost" or not (
                "scenarios/" in text or text.startswith(("scenarios.", "measures."))):
            continue
        if is_blank(row["year"]) or int(row["year"]) <= base_year:
            out[text] = row
    return out


def _base_row(params: Any, code: str, name: str, year: int) -> tuple[Any, dict] | None:
    """(label, row) of the dataset's ``name`` row of ``code`` for ``year`` (or blank year)."""
    own = params[(params["technology"] == code) & (params["parameter"] == name)]
    for match in (lambda y: not is_blank(y) and int(y) == year, is_blank):
        pick = own[own["year"].map(match)]
        if len(pick):
            return pick.index[0], pick.iloc[0].to_dict()
    return None


def warn_observed_prices(dataset: Any, found: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Warn of an override price that re-prices the base year's fixed activity (MD48).

    The base year's activity is fixed to the observed data, but the objective costs it at the
    year's price. A scenario's or measure's ``variable_cost`` row with a blank year (or one
    dated up to the base year) changes that price, so a cost nothing can avoid enters the
    measure's cost (the MACC) or the difference of the scenarios; ``update()`` keeps the
    base year's price and warns of the same amount (MD24). The row may be meant (a price
    revision of the statistics), so this warns, naming the row, the dataset's base-year
    price and activity rows, the amount and the dated rows that leave the base year as
    observed. Only a technology with a non-zero base-year ``activity`` row and a price
    there different from the dataset's warns; a scenario row every scenario applies is not
    warned of (every result carries the same amount).

    Parameters
    ----------
    dataset : Dataset
        The dataset as read (its ``parameters`` table holds the base-year rows).
    found : dict
        Scenario name (``_measures`` for the measures) -> :func:`observed_prices` of it.

    Warns
    -----
    ObservedPriceWarning
        One per override row.
    """
    from carbonpath.units import Q_

    params, base = dataset.tables["parameters"], dataset.base_year
    names = [n for n in found if n != "_measures"]
    for label in dict.fromkeys(k for rows in found.values() for k in rows):
        users = tuple(n for n in names if label in found[n])
        measure = label.startswith("measures.")
        if not measure and (not names or len(users) == len(names)):
            continue
        row = next(rows[label] for rows in found.values() if label in rows)
        code = row["technology"]
        act, old = (_base_row(params, code, "activity", base),
                    _base_row(params, code, "variable_cost", base))
        if act is None or is_blank(act[1]["value"]) or float(act[1]["value"]) == 0:
            continue  # no fixed base-year activity to re-price
        try:
            new = Q_(float(row["value"]), str(row["unit"]))
            was = (Q_(float(old[1]["value"]), str(old[1]["unit"])) if old is not None
                   else new * 0)
            worth = ((new - was.to(new.units)) * Q_(float(act[1]["value"]),
                                                     str(act[1]["unit"]))).to("MCNY/yr")
        except Exception:  # an unreadable unit is reported by the unit checks
            continue
        if abs(worth.magnitude) < 1e-9:
            continue  # the base year keeps its price
        file, at = ((label.rpartition(":")[0], f"row {label.rpartition(':')[2]}")
                    if ".csv:" in label else ("dataset.yaml", f"key {label}"))
        when = ("with a blank year sets every model year, the base year "
                f"{base} too" if is_blank(row["year"]) else f"sets the base year {base}")
        had = (f"the dataset's price there: parameters.csv row {old[0]}, {old[1]['value']:g} "
               f"{old[1]['unit']}"
               if old is not None else "no price there in parameters.csv")
        who = ("a measure's cost (the MACC) counts it as the measure's" if measure else
               f"the difference of scenario {', '.join(users)} and "
               f"{', '.join(n for n in names if n not in users)} counts it")
        keep = (f"{old[1]['value']:g} {old[1]['unit']}" if old is not None
                else "the dataset's price")
        notices.warn(
            f"{file}, {at}, column year: variable_cost of '{code}' = {row['value']:g} "
            f"{row['unit']} {when} ({had}), whose activity is fixed to the observed data "
            f"(parameters.csv row {act[0]}: activity {act[1]['value']:g} "
            f"{act[1]['unit']}), so it adds {worth.magnitude:+.6g} MCNY a year in {base} "
            f"that no choice can avoid, and {who}; if the price is meant from the first "
            f"decision year on, give dated rows ({base} at {keep}, then the new price from "
            f"{dataset.first_decision_year}), as update() keeps the base year; keep the row "
            "only if the base year's price itself is revised", ObservedPriceWarning, stacklevel=3)


def row_place(label: Any) -> dict[str, Any]:
    """Problem keywords of a ``parameters`` row by its index label (file and row, or key).

    ``scenarios/<s>/parameters.csv:3`` -> that file and row 3; a ``scenarios.`` or
    ``measures.`` label -> ``dataset.yaml`` and the key; else ``parameters.csv`` and the label
    (the file's line).
    """
    text = str(label)
    if text.startswith(("scenarios.", "measures.")):
        return {"file": FILE, "key": text}
    if ".csv:" in text:
        file, _, row = text.partition(":")
        return {"file": file, "row": row}
    return {"file": "parameters.csv", "row": label}


def disallowed_builds(params: Any, disallowed_by: dict[str, str]) -> list[Problem]:
    """``min_new_capacity`` rows above zero of a technology a scenario disallows (MD41).

    A disallowed technology builds nothing in the scenario, so a floor on its new capacity
    could never act; it was dropped without a word (the same row on a technology that
    technologies.csv makes not investable is refused by
    :func:`carbonpath.dataset.operations.check_operations`).

    Parameters
    ----------
    params : pandas.DataFrame
        The scenario's resolved ``parameters`` rows.
    disallowed_by : dict of str to str
        Disallowed technology -> the dataset.yaml key that disallowed it.

    Returns
    -------
    list of Problem
        One per such row, naming its place and the disallow key.
    """
    rows = params[(params["parameter"] == "min_new_capacity")
                  & params["technology"].isin(list(disallowed_by))]
    problems = []
    for label, row in zip(rows.index, rows.to_dict("records"), strict=True):
        try:
            if is_blank(row["value"]) or float(row["value"]) <= 0:
                continue
        except (TypeError, ValueError):
            continue  # reported by the value checks
        code, key = row["technology"], disallowed_by[row["technology"]]
        problems.append(Problem(
            f"min_new_capacity of '{code}' ({row['value']:g} {row['unit']}) asks for new "
            f"capacity, but '{code}' is disallowed by dataset.yaml key {key} (no new capacity "
            "in this scenario), so the row cannot act", column="parameter",
            value="min_new_capacity", **row_place(label),
            valid=f"'{code}' taken out of {key}, or no min_new_capacity row for it in this "
                  "scenario"))
    return problems


def _span(years: Any, model: list[int]) -> tuple[float, float, bool]:
    """The model years a range bound's rows hold (first, last, whether a blank year)."""
    if any(is_blank(y) for y in years):
        return model[0], model[-1], True
    given = [float(y) for y in years]
    return max(min(given), model[0]), min(max(given), model[-1]), False


def _span_text(span: tuple[float, float, bool]) -> str:
    if span[2]:
        return "every year (a blank year)"
    return f"{int(span[0])}" if span[0] == span[1] else f"{int(span[0])}..{int(span[1])}"


def narrowed_bounds(base: Any, rows: Any, scen: str, years: list[int]) -> list[Problem]:
    """Override rows of a bound that hold in fewer years than the rows they replace (P04).

    An override replaces the dataset's whole series of its (technology, parameter); a bound
    (``PARAMETERS`` ``by_year`` ``range``: ``max_activity``, ``max_capacity``...) holds
    between its first and last given year. A one-year override (``max_activity`` 1200 in
    2030) of a blank-year bound (1000 every year) would leave every other year unbounded,
    silently (imports rose to 6,000 GWh where 1,000 was the limit); the demand override of
    one year is refused for the same reason (a series must cover its years). Refused, naming
    the override rows and the replaced rows with their years.

    Parameters
    ----------
    base, rows : pandas.DataFrame
        The parameters table before the override, and the override rows (index: their
        labels, ``scenarios/<s>/parameters.csv:<line>`` or a dataset.yaml key).
    scen : str
        The scenario (or ``_measures``) the rows belong to.
    years : list of int
        The model years (a blank year holds in all of them).

    Returns
    -------
    list of Problem
    """
    problems: list[Problem] = []
    bounds = rows[rows["parameter"].map(lambda p: p in PARAMETERS
                                        and PARAMETERS[p].by_year == "range")]
    for (code, name), group in bounds.groupby(["technology", "parameter"], sort=False):
        old = base[(base["technology"] == code) & (base["parameter"] == name)]
        if old.empty:
            continue
        was, now = _span(old["year"], years), _span(group["year"], years)
        if now[0] <= was[0] and now[1] >= was[1]:
            continue
        label = str(group.index[0])
        file, place = ((label.rpartition(":")[0], {"row": int(label.rpartition(":")[2])})
                       if ".csv:" in label else (FILE, {"key": label}))
        lines = ", ".join(str(x) for x in old.index)
        old_values = "; ".join(f"{v:g} {u}" for v, u in zip(old["value"], old["unit"],
                                                               strict=True))
        problems.append(Problem(
            f"{scenario_label(scen)}: the override of {code} {name} holds in "
            f"{_span_text(now)}, but it replaces the dataset's whole series of {code} {name} "
            f"(parameters.csv row{'s' if len(old) > 1 else ''} {lines}: {old_values}, "
            f"{_span_text(was)}), so the bound would vanish in the other years", file=file,
            column="year", value=group["year"].iloc[0], **place,
            valid=f"override rows for every year the bound should hold: dated rows from the "
                  f"first to the last model year, the dataset's value in the years it keeps "
                  f"(e.g. {old['value'].iloc[0]:g} {old['unit'].iloc[0]} in the first year "
                  "and the year before the change; values between given years are "
                  "interpolated)"))
    return problems
