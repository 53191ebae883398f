"""Scenarios as overrides of a dataset, resolved into a plain :class:`Dataset`.

A scenario in ``dataset.yaml`` may change drivers, demands, parameters, flows, technologies,
profiles, what may be built and which targets apply; it may extend another. Resolved, it is
a :class:`~carbonpath.dataset.Dataset` of its values; the model knows no scenarios.

Keys of a scenario (all optional)::

    extends: policy               # start from another scenario's resolved values
    targets: [peak, cap]          # the plan targets that apply (replaces the parent's list)
    target_values:                # change keys of named plan targets in this scenario
      cap: {value: 4.5, unit: Mt CO2, source: "assumption: enhanced"}
    parameters: [{technology, parameter, year, value, unit, source}, ...]
    drivers:    [{driver, year, value, unit, source}, ...]
    demands:    [{commodity, year, value, unit, profile, source}, ...]
    disallow: [coal_power]        # no new capacity (no activity after the base year for
    allow: [coal_power]           #   technologies without capacity); allow undoes a parent's
    frozen: true                  # frozen-technology BAU (see frozen_mix in model/targets.py)
    description: "..."

and override tables ``scenarios/<name>/<table>.csv`` with the dataset table's columns.
Override rows replace every row of the dataset with the same key: (technology, parameter)
in parameters, commodity in demands, driver in drivers, (technology, commodity, direction)
in flows, technology in technologies, profile in profiles. Each row needs a source.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pandas as pd

from carbonpath.dataset import measure_checks as checks
from carbonpath.dataset import notices
from carbonpath.dataset.files import override_file_problems
from carbonpath.dataset.operations import observed_build_problems, warn_slow_ramps
from carbonpath.dataset.regions import region_problem
from carbonpath.dataset.role_checks import PowerUnitWarning, warn_percent_fractions
from carbonpath.dataset.scenario_checks import (
    check_values_act,
    placed_at_scenario,
    unread_overrides,
    warn_dropped_targets,
    warn_swapped_roles,
)
from carbonpath.dataset.tables import COLUMNS, PARAMETERS, _check_column, closest, read_table
from carbonpath.dataset.target_domains import bound_power_notes
from carbonpath.errors import (
    ArgumentTypeError,
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    Problem,
)

__all__ = ["OVERRIDE_KEYS", "OVERRIDE_TABLES", "SCENARIO_KEYS", "IdleAllowWarning",
           "check_scenarios", "measures", "resolve_scenario", "resolved_name", "roles",
           "with_measures"]

class IdleAllowWarning(CarbonpathWarning):
    """A scenario's ``allow`` of a technology no scenario it extends disallows (G109)."""


OVERRIDE_TABLES: dict[str, tuple[str, ...]] = {
    "parameters": ("technology", "parameter"),
    "demands": ("commodity",),
    "drivers": ("driver",),
    "flows": ("technology", "commodity", "direction"),
    "technologies": ("technology",),
    "profiles": ("profile",),
}
"""Tables a scenario may override, with the key whose rows an override replaces."""

OVERRIDE_KEYS = ("parameters", "drivers", "demands")
"""Override tables that may also be given as rows in ``dataset.yaml``."""

SCENARIO_KEYS = ("targets", "parameters", "extends", "target_values", "drivers", "demands",
                 "disallow", "allow", "frozen", "description")
"""The keys of one scenario in ``dataset.yaml``."""

ROLES = ("bau", "cost_reference", "plan")
RESOLVED = "_resolved_scenario"
#: Key of a resolved dataset's config: disallowed technology -> the dataset.yaml key of it.
DISALLOWED_BY = "_disallowed_by"
#: Config key of a resolved scenario: target name -> key -> the scenario whose
#: ``target_values`` set it (so a later check names ``dataset.yaml``, not ``plan.yaml``).
TARGET_PLACES = "_target_values_by"
FILE = "dataset.yaml"


def roles(dataset: Any) -> dict[str, str | None]:
    """Return the scenario playing each role: ``bau``, ``cost_reference`` and ``plan``.

    ``dataset.yaml`` may name them (``roles: {bau: frozen, cost_reference: baseline, plan:
    plan}``). Defaults keep existing datasets working: the cost reference is ``baseline``
    (least cost without carbon targets), the BAU is the cost reference, and the plan is
    ``plan`` (else the last scenario).

    Returns
    -------
    dict of str to str or None
        Role -> scenario name (None when the dataset has no scenario for it).
    """
    _require_dataset(dataset, "roles")
    names = list(dataset.config.get("scenarios") or {})
    given = dict(dataset.config.get("roles") or {})
    ref = given.get("cost_reference", "baseline" if "baseline" in names else None)
    plan = given.get("plan", "plan" if "plan" in names else (names[-1] if names else None))
    return {"bau": given.get("bau", ref), "cost_reference": ref, "plan": plan}


def _require_dataset(dataset: Any, where: str) -> None:
    """Raise ArgumentTypeError unless ``dataset`` is a loaded :class:`~carbonpath.dataset.Dataset`.

    Raises
    ------
    ArgumentTypeError
        Naming the function ``where`` and the type given.
    """
    from carbonpath.dataset import Dataset

    if not isinstance(dataset, Dataset):
        msg = (f"{where}(): argument 'dataset' must be a Dataset (carbonpath.load_dataset), "
               f"not {type(dataset).__name__} {dataset!r:.60}")
        raise ArgumentTypeError(msg)


def check_scenarios(dataset: Any, problems: list[Problem]) -> None:
    """Check roles and every scenario's overrides; append the problems found.

    Called by :func:`carbonpath.load_dataset`, so a bad scenario is reported when the
    dataset loads, with the other problems.
    """
    names = list(dataset.config.get("scenarios") or {})
    given = dataset.config.get("roles")
    if given is not None:
        if not isinstance(given, dict):
            problems.append(Problem("roles must map a role to a scenario", file=FILE,
                                    key="roles", valid=", ".join(ROLES)))
        else:
            for role, scen in given.items():
                if role not in ROLES:
                    problems.append(Problem(f"unknown role '{role}'", file=FILE,
                                            key=f"roles.{role}", valid=", ".join(ROLES)))
                elif scen not in names:
                    problems.append(Problem(f"role '{role}' names unknown scenario '{scen}'",
                                            file=FILE, key=f"roles.{role}", value=scen,
                                            valid=closest(str(scen), set(names))))
    problems += override_file_problems(dataset.path / "scenarios", names,  # files.py
                                       [f"{t}.csv" for t in OVERRIDE_TABLES])
    applied: dict[str, set[str]] = {}
    observed: dict[str, dict[str, Any]] = {}  # scenario -> its rows of observed data (L79)
    prices: dict[str, dict[str, Any]] = {}  # scenario -> its base-year price rows (MD48)
    for name in names:
        try:
            resolved = resolve_scenario(dataset, name)
        except DataError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
        else:
            applied[name] = set(resolved.config["scenarios"][name]["targets"]) - {"_frozen_mix"}
            problems += [p for p in unread_overrides(resolved.tables)  # G: read by nothing
                         if p not in problems]
            observed[name] = checks.observed_rows(resolved.tables, dataset.base_year)
            prices[name] = checks.observed_prices(resolved.tables, dataset.base_year)
    check_values_act(dataset, applied, problems)
    if not problems and len(applied) == len(names):  # MF92 MF104: the targets as resolved
        warn_swapped_roles(dataset, roles(dataset), applied)
        warn_dropped_targets(dataset, applied)
    if dataset.config.get("measures") is not None:
        try:
            base, items = measures(dataset)
            if base in names:  # D40: the measures' changes resolve now, not after the solves
                moved = resolve_scenario(with_measures(dataset, base, items, items),
                                         "_measures").tables
                observed["_measures"] = checks.observed_rows(moved, dataset.base_year)
                prices["_measures"] = checks.observed_prices(moved, dataset.base_year)
                problems += [p for p in unread_overrides(moved) if p not in problems]
        except DataError as exc:
            problems.extend(exc.problems)
    if not problems and len(observed) == len(applied) + ("_measures" in observed):
        checks.warn_observed_changes(dataset, observed)
        checks.warn_observed_prices(dataset, prices)


def resolved_name(dataset: Any, name: str | None) -> str | None:
    """The scenario to build: ``name``, else the one ``dataset`` was resolved to, else None.

    A dataset returned by :func:`resolve_scenario` holds one scenario; given without a
    scenario name it is that scenario, targets included, in every entry point (round 10,
    B178: ``PathwayModel(resolve_scenario(ds, "plan"))`` had solved without the plan's
    targets while ``optimise`` kept them).
    """
    if name is not None:
        return name
    config = getattr(dataset, "config", None)
    return config.get(RESOLVED) if isinstance(config, dict) else None


def resolve_scenario(dataset: Any, name: str | None) -> Any:
    """Return the dataset with one scenario's overrides applied: a plain Dataset.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.
    name : str or None
        The scenario. None returns ``dataset`` unchanged.

    Returns
    -------
    Dataset
        Tables with the override rows in place of the rows they replace (override rows are
        indexed ``"scenarios/<name>/<table>.csv:<line>"`` or ``"scenarios.<name>.<key>[i]"``
        so that errors still name them), targets with the scenario's values, and
        ``config["scenarios"]`` holding just this scenario with its resolved target list.
        Resolving a resolved dataset again returns it unchanged.

    Raises
    ------
    UnknownNameError
        If the scenario is unknown (a ``KeyError`` naming the closest).
    DataError
        A scenario extending itself, an unknown one or a cycle; an override naming a
        technology, parameter, commodity, driver, flow or profile the dataset does not have;
        a target value for a target the dataset does not have; every problem names file,
        row or key, and column.
    """
    return _resolve(dataset, name, check=True)


def _resolve(dataset: Any, name: str | None, check: bool) -> Any:
    """Resolve as :func:`resolve_scenario` does; ``check=False`` skips the table-wide checks.

    The reference and coverage checks are skipped for rows that were all checked in other
    resolutions (measure coalitions, :mod:`carbonpath.scenarios.warm`).
    """
    from carbonpath.dataset import Dataset
    from carbonpath.errors import unknown_name

    _require_dataset(dataset, "resolve_scenario")
    if name is not None and not isinstance(name, str):
        msg = (f"resolve_scenario(): argument 'name' must be a scenario name (str) or None, "
               f"not {type(name).__name__} {name!r:.60}")
        raise ArgumentTypeError(msg)
    if name is None:
        return dataset
    if dataset.config.get(RESOLVED) == name:
        return dataset
    scenarios = dataset.config.get("scenarios") or {}
    if name not in scenarios:
        raise unknown_name("scenario", name, scenarios)
    problems: list[Problem] = []
    chain = _chain(name, scenarios, problems)
    DataError.collect(problems, checks.scenario_label(name))
    tables = dict(dataset.tables)
    targets = {k: dict(v) for k, v in dataset.targets.items()}
    active: list[str] = []
    disallowed: list[str] = []
    disallowed_by: dict[str, str] = {}  # code -> the key that disallowed it (V31)
    frozen = False
    places: dict[str, dict[str, str]] = {}  # target -> key -> the scenario that set it (D38)
    for scen in chain:  # root first
        settings = scenarios[scen] or {}
        if "targets" in settings:
            active = list(settings.get("targets") or [])
        for tname, values in (settings.get("target_values") or {}).items():
            where = f"scenarios.{scen}.target_values.{tname}"
            if tname not in targets:
                problems.append(Problem(f"scenario '{scen}' changes unknown target '{tname}'",
                                        file=FILE, key=where,
                                        valid=closest(str(tname), set(targets))))
            elif not isinstance(values, dict):
                problems.append(Problem("target values must be a mapping of keys to values",
                                        file=FILE, key=where, value=values))
            else:
                problems += [Problem(f"a scenario cannot change a target's {key}", file=FILE,
                                     key=f"{where}.{key}")
                             for key in values if key in ("name", "type")]
                targets[tname].update({k: v for k, v in values.items()
                                       if k not in ("name", "type")})
                targets[tname]["_changed_by"] = scen
                sides = tuple(k for k in ("min", "max") if k in values)  # round 30 MF27
                for text in bound_power_notes(targets[tname], f"{FILE}, key {where}.{{side}}",
                                              dataset.tables, sides):
                    notices.warn(text, PowerUnitWarning, stacklevel=2)
                places.setdefault(tname, {}).update(dict.fromkeys(values, scen))
        for table in OVERRIDE_TABLES:
            rows = _override_rows(dataset, scen, table, settings, problems)
            if rows is not None and not rows.empty:
                if table == "parameters":  # P04: a bound's override holding in fewer years
                    problems += checks.narrowed_bounds(tables[table], rows, scen, dataset.years)
                    problems += observed_build_problems(rows, dataset.first_decision_year,
                                                        dataset.horizon)  # MD100
                    warn_percent_fractions({"parameters": rows}, _override_where)  # D34 ...
                    warn_slow_ramps(rows, lambda line: _override_where("parameters", line))  # MB25
                tables[table] = _replace(tables[table], rows, table, scen, problems)
        for key in ("disallow", "allow"):
            given = settings.get(key) or []
            if not isinstance(given, list):
                problems.append(Problem(f"{key} must be a list of technologies", file=FILE,
                                        key=f"scenarios.{scen}.{key}", value=given))
                continue
            known = set(dataset.tables["technologies"]["technology"])
            for code in given:
                if code not in known:
                    problems.append(Problem(f"scenario '{scen}' {key}s unknown technology "
                                            f"'{code}'", file=FILE,
                                            key=f"scenarios.{scen}.{key}", value=code,
                                            valid=closest(str(code), known)))
            if key == "disallow":
                disallowed += [c for c in given if c not in disallowed]
                placed = (settings.get("_keys") or {}).get("disallow") or {}  # measures: L90
                disallowed_by.update({c: placed.get(c, f"scenarios.{scen}.disallow")
                                      for c in given})
                continue
            own = settings.get("disallow") if isinstance(settings.get("disallow"), list) else []
            both = [c for c in given if c in own]
            if both:  # L85: the allow would drop the same scenario's disallow without a word
                problems.append(Problem(
                    f"scenario '{scen}' both disallows and allows '{both[0]}'; allow undoes "
                    "a disallow of a scenario it extends, so here it would silently cancel "
                    "the disallow", file=FILE, key=f"scenarios.{scen}.allow", value=both[0],
                    valid=f"keep '{both[0]}' in disallow (not built) or remove it from both "
                          "(built as the parent allows)"))
            idle = [c for c in given if c not in disallowed and c not in own]
            if idle and not scen.startswith("_"):  # G109 (measures' own scenario: by design)
                notices.warn(f"dataset.yaml, key scenarios.{scen}.allow: '{idle[0]}' is "
                             "disallowed by no scenario this one extends, so the allow "
                             "changes nothing (allow undoes a parent's disallow; it does "
                             "not make a technology buildable: that is technologies.csv "
                             "column investable)", IdleAllowWarning, stacklevel=2)
            disallowed = [c for c in disallowed if c not in given]
        if "frozen" in settings:
            if isinstance(settings["frozen"], bool):
                frozen = settings["frozen"]
            else:  # 'maybe' or 'yes ' would otherwise read as true
                problems.append(Problem("frozen must be true or false", file=FILE,
                                        key=f"scenarios.{scen}.frozen",
                                        value=settings["frozen"], valid="true or false"))
    DataError.collect(problems, checks.scenario_label(name))
    if disallowed:
        tables = _disallow(tables, disallowed, dataset, name)
    if frozen:
        targets["_frozen_mix"] = {"name": "_frozen_mix", "type": "frozen_mix",
                                  "status": "assumption",
                                  "source": f"assumption: frozen-technology BAU ({name})"}
        active.append("_frozen_mix")
    for tname in active:  # re-check targets a scenario changed, as the loader does
        if targets.get(tname, {}).get("_changed_by"):
            from carbonpath.dataset import _check_target

            target = {k: v for k, v in targets[tname].items() if k != "_changed_by"}
            where = f"scenarios.{targets[tname]['_changed_by']}.target_values.{tname}"
            found: list[Problem] = []
            _check_target(target, where, dataset.config, tables, found, file=FILE)
            problems += [placed_at_scenario(p, where, places.get(tname) or {}, tname)
                         for p in found]
            targets[tname] = target
    config = copy.deepcopy({k: v for k, v in dataset.config.items() if k != "scenarios"})
    config["scenarios"] = {name: {"targets": active, "parameters": []}}
    config[RESOLVED] = name
    if disallowed:  # the infeasibility diagnosis names the key (V31)
        config[DISALLOWED_BY] = {c: disallowed_by[c] for c in disallowed}
        # MD41: a floor on new capacity of a disallowed technology cannot act
        problems += checks.disallowed_builds(tables["parameters"], config[DISALLOWED_BY])
    if places:  # later checks of a target's value name the scenario's key, not plan.yaml
        config[TARGET_PLACES] = places
    resolved = Dataset(dataset.name, dataset.path, config, targets, tables,
                       dict(dataset.checksums))
    if check and any(tables[t] is not dataset.tables[t] for t in tables):
        from carbonpath.dataset import _check_coverage, _check_references

        _check_references(tables, config, problems)
        _check_coverage(resolved, problems)
        if not problems:  # compare the overridden values with the dataset's own
            from carbonpath.dataset.slips import check_slips, fossil_input_problems

            problems += fossil_input_problems(tables)
            slips = check_slips(tables, config)
            if slips and not problems:
                raise ImplausibleValueError(checks.yaml_places(slips), checks.scenario_label(name))
            problems += slips
    DataError.collect(checks.yaml_places(problems), checks.scenario_label(name))
    return resolved


def _chain(name: str, scenarios: dict, problems: list[Problem]) -> list[str]:
    """The scenarios ``name`` extends, root first, ``name`` last (cycles reported)."""
    chain = [name]
    while True:
        settings = scenarios.get(chain[-1]) or {}
        parent = settings.get("extends") if isinstance(settings, dict) else None
        if parent is None:
            return chain[::-1]
        where = f"scenarios.{chain[-1]}.extends"
        if parent == chain[-1]:
            problems.append(Problem(f"scenario '{parent}' extends itself", file=FILE, key=where,
                                    value=parent, valid="another scenario"))
            return chain[::-1]
        if parent not in scenarios:
            problems.append(Problem(f"scenario '{chain[-1]}' extends unknown scenario "
                                    f"'{parent}'", file=FILE, key=where, value=parent,
                                    valid=closest(str(parent), set(scenarios))))
            return chain[::-1]
        if parent in chain:
            problems.append(Problem("scenarios extend each other in a cycle: "
                                    + " -> ".join([*chain, parent]), file=FILE, key=where,
                                    value=parent))
            return chain[::-1]
        chain.append(parent)


def _override_where(table: str, line: Any) -> str:
    """An override row's place: ``scenarios/x/parameters.csv, row 3`` or a dataset.yaml key."""
    file, _, row = str(line).partition(".csv:")
    return f"{file}.csv, row {row}" if row else f"{FILE}, key {line}"


def _override_rows(dataset: Any, scen: str, table: str, settings: dict,
                   problems: list[Problem]) -> pd.DataFrame | None:
    """The override rows of one table: the scenario's CSV, then its YAML rows."""
    frames, folder = [], dataset.path / "scenarios" / scen
    context = {"days": [d["name"] for d in dataset.days], "hours": dataset.hours,
               "regions": dataset.regions, "region_problem": region_problem(dataset)}
    if (folder / f"{table}.csv").exists():
        found: list[Problem] = []
        frame = read_table(folder, table, context, found)
        where = f"scenarios/{scen}/{table}.csv"
        problems.extend(dataclasses.replace(p, file=where) for p in found)
        if frame is not None and not found:
            frame.index = [f"{where}:{line}" for line in frame.index]
            frames.append(frame)
    rows = settings.get(table) if table in OVERRIDE_KEYS else None
    if rows:
        frame = _yaml_rows(rows, table, f"scenarios.{scen}.{table}", context, problems,
                           (settings.get("_keys") or {}).get(table))
        if frame is not None:
            frames.append(frame)
    return pd.concat(frames) if frames else None


def _yaml_rows(rows: Any, table: str, where: str, context: dict, problems: list[Problem],
               keys: list[str] | None = None) -> pd.DataFrame | None:
    """Check rows given in dataset.yaml as the CSV reader does (``keys``: rows' keys)."""
    specs = COLUMNS[table]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(Problem(f"{table} overrides must be a list of rows (mappings)",
                                file=FILE, key=where, valid=", ".join(specs)))
        return None
    found = len(problems)
    if keys is None or len(keys) != len(rows):
        keys = [f"{where}[{i}]" for i in range(len(rows))]
    for i, row in enumerate(rows):
        for key in row:
            if key not in specs:
                problems.append(Problem(f"unknown column '{key}'", file=FILE,
                                        key=keys[i], valid=", ".join(specs)))
    if len(problems) > found:
        return None
    text = pd.DataFrame([{c: ("" if r.get(c) is None else str(r.get(c))) for c in specs}
                         for r in rows], dtype=object)
    text.index = keys
    local: list[Problem] = []
    for col, spec in specs.items():
        text[col] = _check_column(text, FILE, spec, context, local)
    problems.extend(p if p.row is None else dataclasses.replace(p, key=str(p.row), row=None)
                    for p in local)  # (a Problem places a dataset.yaml row label itself)
    return None if local else text


def _replace(base: pd.DataFrame, rows: pd.DataFrame, table: str, scen: str,
             problems: list[Problem]) -> pd.DataFrame:
    """Replace the base rows that share a key with an override row; check the keys exist."""
    key = list(OVERRIDE_TABLES[table])
    base_keys = set(map(tuple, base[key].itertuples(index=False)))
    for line, row in rows.iterrows():
        k = tuple(row[c] for c in key)
        file, where = (FILE, None) if ".csv:" not in str(line) else (
            str(line).split(":")[0], int(str(line).split(":")[1]))
        place = {"key": str(line)} if file == FILE else {"row": where}
        if table == "parameters":
            techs = set(base["technology"])
            if row["technology"] not in techs:
                problems.append(Problem(f"override of unknown technology '{row['technology']}'",
                                        file=file, column="technology", value=row["technology"],
                                        valid=closest(str(row["technology"]), techs), **place))
            elif row["parameter"] not in PARAMETERS:
                problems.append(Problem(f"override of unknown parameter '{row['parameter']}'",
                                        file=file, column="parameter", value=row["parameter"],
                                        valid=closest(str(row["parameter"]), set(PARAMETERS)),
                                        **place))
            continue  # a known parameter of a known technology may be added
        if k not in base_keys:
            shown = ", ".join(f"{c}={v}" for c, v in zip(key, k, strict=True))
            valid = closest(str(k[0]), {b[0] for b in base_keys})
            problems.append(Problem(f"override of a {table} row that does not exist ({shown})",
                                    file=file, column=key[-1], value=k[-1], valid=valid, **place))
    if table == "demands" and "profile" in rows:
        rows = _inherit_profiles(base, rows)
    replaced = set(map(tuple, rows[key].itertuples(index=False)))  # once, not per row
    keep = [tuple(r) not in replaced for r in base[key].itertuples(index=False)]
    return pd.concat([base[keep], rows[base.columns.intersection(rows.columns)]])


def _inherit_profiles(base: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Demand override rows without a profile keep the profile of the rows they replace.

    An override replaces every demand row of its commodity; a row that names no profile
    takes the one profile of the replaced rows of its commodity (of its region first, when
    the rows have regions). Where those rows name none or several, the profile stays blank
    and the dataset checks refuse it for a timeslice commodity (D128/D141: the load had
    become flat, silently). See ``docs/scenarios.md``.

    Returns
    -------
    pandas.DataFrame
        ``rows`` with the inherited profiles filled in (a copy; ``rows`` is not changed).
    """
    def text(value: Any) -> str:
        """A cell as stripped text; a blank or missing cell is ''."""
        return "" if value is None or pd.isna(value) else str(value).strip()

    blank = [i for i, p in rows["profile"].items() if not text(p)]
    if not blank:
        return rows
    rows = rows.copy()
    for i in blank:
        same = base[base["commodity"] == rows.at[i, "commodity"]]
        if "region" in base and "region" in rows:
            local = same[same["region"].map(text) == text(rows.at[i, "region"])]
            same = local if len(local) else same
        names = {text(p) for p in same["profile"]} - {""}
        if len(names) == 1:
            rows.at[i, "profile"] = names.pop()
    return rows


def _disallow(tables: dict[str, pd.DataFrame], codes: list[str], dataset: Any,
              name: str) -> dict[str, pd.DataFrame]:
    """No new capacity for ``codes`` (and no activity after the base year without capacity).

    Capacitated technologies become not investable; technologies without capacity (imports,
    exports) get ``max_activity`` 0 from the first decision year to the horizon.
    """
    tables = dict(tables)
    tech = tables["technologies"].copy()
    mask = tech["technology"].isin(codes)
    tech.loc[mask, "investable"] = False
    tables["technologies"] = tech
    params = tables["parameters"]
    capacitated = set(params.loc[params["parameter"].isin(
        ["residual_capacity", "max_capacity", "capex"]), "technology"])
    kinds = dict(zip(tech["technology"], tech["kind"], strict=True))
    rows = []
    for code in codes:
        if kinds[code] in ("import", "export") and code not in capacitated:
            unit = tech.loc[tech["technology"] == code, "activity_unit"].iloc[0] + "/yr"
            for year in (dataset.base_year + 1, dataset.horizon):
                rows.append({"technology": code, "parameter": "max_activity", "year": year,
                             "value": 0.0, "unit": unit,
                             "source": f"scenario {name}: disallowed"})
    if rows:
        extra = pd.DataFrame(rows, index=[f"scenarios.{name}.disallow[{i}]"
                                          for i in range(len(rows))])
        drop = params["technology"].isin({r["technology"] for r in rows}) & (
            params["parameter"] == "max_activity")
        tables["parameters"] = pd.concat([params[~drop],
                                          extra.reindex(columns=params.columns, fill_value="")])
    return tables


# the measures' reading lives in its own module; these names stay importable from here
from carbonpath.dataset.scenario_measures import (  # noqa: E402
    measures,
    with_measures,
)
