"""Read a dataset folder into validated tables (``carbonpath.load_dataset``).

A dataset is a folder of YAML and CSV files (see ``docs/data-format.md``). Loading checks
every column against the data dictionary, every unit against the dimension its column needs,
every cross reference, and year coverage, and reports every problem at once in one
:class:`carbonpath.DataError` naming file, row and column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from carbonpath._checks import checked
from carbonpath._io import decode
from carbonpath._resources import data_path
from carbonpath.dataset import regions as _regions
from carbonpath.dataset.edits import override_checksums, remember
from carbonpath.dataset.files import unknown_file_problems
from carbonpath.dataset.operations import (
    check_conventions,
    check_operations,
    first_decision_year,
)
from carbonpath.dataset.scenarios import SCENARIO_KEYS, check_scenarios
from carbonpath.dataset.slips import check_slips, fossil_input_problems
from carbonpath.dataset.tables import COLUMNS, PARAMETERS, closest, is_blank, read_table
from carbonpath.dataset.target_domains import check_domains
from carbonpath.errors import (
    DataError,
    EncodingError,
    ImplausibleValueError,
    InputNotFoundError,
    Problem,
    UnitError,
    unknown_name,
)
from carbonpath.numbers import YEAR_RANGE, nonfinite_problems
from carbonpath.plausibility import CEILINGS, ceiling_problems
from carbonpath.units import parse_unit, unit_factor, ureg

__all__ = ["Dataset", "expand_years", "list_datasets", "load_dataset"]

TABLES = ("commodities", "technologies", "flows", "parameters", "demands", "profiles", "drivers")
OPTIONAL_TABLES = ("emissions", "reserves", "links", "reference")
CONFIG_KEYS = {
    "": ("name", "title", "region", "base_year", "horizon", "currency", "price_year",
         "discount_rate", "base_year_tolerance", "timeslices", "emissions", "energy",
         "scenarios", "sources", "first_decision_year", "discount_year", "annuity_timing",
         "regions", "region_groups", "roles", "measures"),
    "timeslices": ("hours", "model_hours", "days", "coarse_balance_hours"),
    "day": ("name", "weight"),
    "emissions": ("method", "gas", "gwp"),
    "energy": ("primary_electricity", "coal_rate_basis"),
    "scenario": SCENARIO_KEYS,  # scenario overrides: carbonpath.dataset.scenarios
    "source": ("id", "title"),
}
"""The keys of ``dataset.yaml`` the code reads, by mapping (anything else is an error)."""

TARGET_KEYS = ("name", "type", "status", "source", "region", "plausibility")
"""Keys every plan target may have."""

TARGET_TYPES = {  # target type -> (required keys, optional keys)
    "peak_year": (("year",), ("gas", "method")),
    "cap": (("value", "unit"), ("years", "gas", "method")),
    "reduction": (("year", "relative_to", "value"), ("gas", "method")),
    "budget": (("start", "end", "value", "unit"), ("gas", "method")),
    "emission_intensity": (("year", "relative_to", "value"), ("reference", "gas", "method")),
    "energy_intensity": (("year", "relative_to", "value"), ("reference",)),
    "nonfossil_share": (("year", "value"), ()),
    "energy_cap": (("value", "unit"), ("years",)),
    "min_share": (("group", "members", "value"), ("years", "measure")),
    "bound": (("technology", "quantity"), ("min", "max", "years")),
}
"""Plan target types with the keys the model reads for each."""

# -- 15th FYP indicators and scenario targets (issue 13; built in model/indicators.py) --
TARGET_TYPES.update({
    "emission_limits": (("values", "unit"), ("gas", "method")),
    "coal_cap": (("value", "unit"), ("years",)),
    "energy_intensity_adjusted": (("year", "relative_to", "value"), ("exclude",)),
    "nonfossil_share_convention": (("year", "value", "convention"), ("coal_rate_basis",)),
    "sector_peak": (("sector", "year"), ("gas", "method")),
    "frozen_mix": ((), ()),
})
DRIVER_DIMENSIONS = {
    "gdp": "CNY",
    "population": "person",
    "grid_emission_factor": "t CO2 / MWh",
    "grid_nonfossil_share": "",
    "thermal_power_coal_rate": "gce / kWh",
}


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: configuration, plan and tables, with units still attached.

    Numbers stay in the units the dataset gives (a ``unit`` column beside each ``value``);
    the pathway model converts them once, at its boundary. Tables are pandas DataFrames
    indexed by the line number of the file they came from, so later errors can still name
    the row.

    Attributes
    ----------
    name : str
        Dataset name (its folder name).
    path : pathlib.Path
        The folder.
    config : dict
        ``dataset.yaml``: region, base_year, horizon, currency, price_year, discount_rate,
        timeslices, emissions, energy, scenarios, sources.
    targets : dict
        ``plan.yaml`` targets by name.
    tables : dict of str to pandas.DataFrame
        commodities, technologies, flows, parameters, demands, profiles, drivers and
        (optional) emissions and links (see :mod:`carbonpath.dataset.regions`).
    checksums : dict of str to str
        SHA-256 of every file read, for the reproducibility record.
    """

    name: str
    path: Path
    config: dict[str, Any]
    targets: dict[str, dict[str, Any]]
    tables: dict[str, pd.DataFrame]
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def base_year(self) -> int:
        """The observed year whose activity is fixed to the data."""
        return int(self.config["base_year"])

    @property
    def first_decision_year(self) -> int:
        """The first year of decisions (``first_decision_year``, default base year + 1).

        Years before it are observed: their activities are fixed to the data.
        """
        return first_decision_year(self.config)

    @property
    def horizon(self) -> int:
        """The last model year."""
        return int(self.config["horizon"])

    @property
    def years(self) -> list[int]:
        """Model years, base year to horizon, annual."""
        return list(range(self.base_year, self.horizon + 1))

    @property
    def region(self) -> str:
        """Region code used for factor lookup."""
        return str(self.config["region"])

    @property
    def regions(self) -> list[str]:
        """Model regions: ``dataset.yaml`` ``regions``, else one named after the dataset.

        The first is the default region of rows whose region is blank.
        """
        return _regions.regions(self.config, self.name)

    @property
    def region_groups(self) -> dict[str, list[str]]:
        """Named groups of regions (``dataset.yaml`` ``region_groups``)."""
        return _regions.region_groups(self.config)

    @property
    def days(self) -> list[dict[str, Any]]:
        """Representative days: ``[{"name": ..., "weight": days per year}, ...]``."""
        return list(self.config["timeslices"]["days"])

    @property
    def hours(self) -> int:
        """Timeslices per representative day."""
        return int(self.config["timeslices"].get("hours", 24))

    @property
    def scenarios(self) -> list[str]:
        """Names of the dataset's scenarios."""
        return list(self.config.get("scenarios", {}))

    def scenario(self, name: str | None) -> dict[str, Any]:
        """Return a scenario's settings (targets and parameter overrides).

        A scenario that extends another (or is frozen) is resolved first, so ``targets`` is
        the list that applies to it.

        Raises
        ------
        UnknownNameError
            If the scenario is unknown (a ``KeyError``; the message names the closest).
        """
        scenarios = self.config.get("scenarios", {})
        if name is None:
            return {"targets": [], "parameters": []}
        if name not in scenarios:
            raise unknown_name("scenario", name, scenarios)
        settings = scenarios[name] or {}
        if settings.get("extends") or settings.get("frozen"):  # see dataset/scenarios.py
            from carbonpath.dataset.scenarios import resolve_scenario

            settings = resolve_scenario(self, name).config["scenarios"][name]
        return {"targets": list(settings.get("targets", [])),
                "parameters": list(settings.get("parameters", []))}

    def file(self, name: str) -> Path:
        """Return the path of a file of the dataset (it may not exist)."""
        return self.path / name


def list_datasets() -> list[str]:
    """Return the names of the bundled datasets."""
    root = data_path("datasets")
    return sorted(p.name for p in root.iterdir() if (p / "dataset.yaml").exists())


@checked
def load_dataset(name_or_path: str | Path) -> Dataset:
    """Read and validate a dataset folder.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        A bundled dataset's name (``"tiny"``, ``"liaocheng"``) or a folder path. Every file
        in it and under ``scenarios/`` must be one the dataset reads, except files and
        folders whose names start with a dot (``.ipynb_checkpoints/``, ``.DS_Store``):
        editor and system debris, skipped with all they hold (docs/scenarios.md).

    Returns
    -------
    Dataset
        The validated dataset, units still attached.

    Raises
    ------
    InputNotFoundError
        If no such folder or bundled dataset exists.
    DataError
        Listing every problem found (file, row, column, value, what would be valid).
    """
    folder = _locate(name_or_path)
    problems: list[Problem] = []
    checksums = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(folder.iterdir()) if p.is_file() and p.suffix in
                 (".yaml", ".yml", ".csv")}
    checksums.update(override_checksums(folder))  # scenarios/ too: dataset/edits.py
    problems += unknown_file_problems(folder)  # Parameters.csv, a typo: dataset/files.py
    config = _read_yaml(folder / "dataset.yaml", problems) or {}
    plan = _read_yaml(folder / "plan.yaml", problems, optional=True) or {}
    if problems:
        raise DataError(problems, f"dataset '{folder.name}'")
    _check_config(config, problems)
    if problems:
        raise DataError(problems, f"dataset '{folder.name}'")
    context = {"days": [d["name"] for d in config["timeslices"]["days"]],
               "hours": int(config["timeslices"].get("hours", 24))}
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES + OPTIONAL_TABLES:
        frame = read_table(folder, table, context, problems, optional=table in OPTIONAL_TABLES)
        if frame is not None:
            tables[table] = frame
    implausible: list[Problem] = []
    if all(t in tables for t in TABLES):
        before = len(problems)
        _check_references(tables, config, problems)
        implausible = _check_magnitudes(tables)
        if len(problems) == before:  # the references hold: compare the dataset with itself
            problems += fossil_input_problems(tables)
            implausible += check_slips(tables, config)
        problems += implausible
        check_operations(config, tables, problems)
        _regions.check_tables(tables, config, folder.name, problems, _same_dimension)
    plan_path = folder / "plan.yaml"
    targets = _check_plan(plan, config, tables, problems,
                          missing=None if plan_path.exists() else plan_path, name=folder.name)
    dataset = Dataset(folder.name, folder, config, targets, tables, checksums)
    if all(t in tables for t in TABLES):
        _check_coverage(dataset, problems)  # with the other problems, so all come at once
    if not problems and all(t in tables for t in TABLES):
        check_scenarios(dataset, problems)  # scenario overrides: dataset/scenarios.py
    if problems and all(p.message.startswith("implausible") for p in problems):
        raise ImplausibleValueError(problems, f"dataset '{folder.name}'")
    DataError.collect(problems, f"dataset '{folder.name}'")
    remember(dataset)  # tables edited in Python later are refused: dataset/edits.py
    return dataset


def _locate(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if (path / "dataset.yaml").exists():
        return path.resolve()
    if isinstance(name_or_path, str) and "/" not in name_or_path:
        bundled = data_path("datasets") / name_or_path
        if (bundled / "dataset.yaml").exists():
            return bundled
        msg = (f"no dataset '{name_or_path}': not a folder with a dataset.yaml, and not a "
               f"bundled dataset ({', '.join(list_datasets())})")
        raise InputNotFoundError(msg, name_or_path)
    msg = f"no dataset.yaml in {path}"
    raise InputNotFoundError(msg, path)


class _DuplicateKey(Exception):
    """A key given twice in one YAML mapping (``key`` and its 1-based ``line``)."""

    def __init__(self, key: Any, line: int) -> None:
        super().__init__(key, line)
        self.key, self.line = key, line


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML keeps the last)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        """Build a mapping; raise :class:`_DuplicateKey` for a repeated key."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path, problems: list[Problem], optional: bool = False) -> dict | None:
    if not path.exists():
        if not optional:
            problems.append(Problem("the file is missing", file=path.name))
        return None
    try:
        text, _ = decode(path.read_bytes(), path.name)
        content = yaml.load(text, Loader=_UniqueKeyLoader)
    except EncodingError as exc:
        problems.extend(exc.problems)
        return None
    except _DuplicateKey as exc:
        problems.append(Problem(f"the key '{exc.key}' is given twice in one mapping (line "
                                f"{exc.line}); YAML keeps only the last, silently",
                                file=path.name, key=str(exc.key),
                                valid="each key once in its mapping"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(f"not valid YAML: {exc}", file=path.name,
                                valid="a YAML mapping, e.g. as in datasets/tiny"))
        return None
    if content is None:
        return {}
    if not isinstance(content, dict):
        problems.append(Problem("the file must hold a mapping of keys to values",
                                file=path.name))
        return None
    return content


def _check_keys(mapping: Any, valid: tuple[str, ...], file: str, path: str,
                problems: list[Problem], strict: bool = False) -> bool:
    """Record every key of ``mapping`` that is not among ``valid``.

    Returns True if ``mapping`` is a mapping, False if it is not (reported). With
    ``strict=True`` it also returns False if a key was unknown, so that the caller can
    skip the checks a misspelt key would only repeat ('wieght' is not also a missing weight).
    """
    if not isinstance(mapping, dict):
        problems.append(Problem("must be a mapping of keys to values", file=file,
                                key=path or None, value=mapping,
                                valid="keys: " + ", ".join(valid)))
        return False
    unknown = [key for key in mapping if key not in valid]
    for key in unknown:
        problems.append(Problem(f"unknown key '{key}'", file=file, key=path or None,
                                valid=_valid_and_closest(key, valid)))
    return not (strict and unknown)


def _valid_and_closest(given: Any, valid: tuple[str, ...]) -> str:
    """Every valid choice, then the closest one to ``given`` if there is a close one."""
    hint = closest(str(given), set(valid), n=1)
    return ", ".join(valid) + (f"; {hint}?" if hint.startswith("did you mean") else "")


def _check_config(config: dict, problems: list[Problem]) -> None:
    file = "dataset.yaml"
    _check_keys(config, CONFIG_KEYS[""], file, "", problems)
    _regions.check_config(config, problems)
    for key in ("emissions", "energy"):
        if not _check_keys(config.setdefault(key, {}), CONFIG_KEYS[key], file, key, problems):
            config[key] = {}  # reported above; the defaults let the other checks run
    required = {"region": str, "base_year": int, "horizon": int, "currency": str,
                "price_year": int, "discount_rate": (int, float), "timeslices": dict}
    found = len(problems)
    for key, kind in required.items():
        if key not in config:
            problems.append(Problem("required key is missing", file=file, key=key))
        elif not isinstance(config[key], kind) or isinstance(config[key], bool):
            problems.append(Problem(f"'{key}' has the wrong type", file=file, key=key,
                                    value=config[key]))
    if len(problems) > found:
        return
    for key in ("base_year", "horizon", "price_year"):  # the years carbonpath accepts anywhere
        if not YEAR_RANGE[0] <= config[key] <= YEAR_RANGE[1]:
            problems.append(Problem(f"'{key}' {config[key]} is out of range", file=file,
                                    key=key, value=config[key],
                                    valid=f"a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"))
    if len(problems) > found:
        return
    if config["horizon"] <= config["base_year"]:
        problems.append(Problem("the horizon must come after the base year", file=file,
                                key="horizon", value=config["horizon"]))
    if not config["base_year"] - 30 <= config["price_year"] <= config["horizon"]:
        problems.append(Problem(
            "the price year is the year whose prices the costs are given in; it must lie "
            "within 30 years before the base year and the horizon", file=file, key="price_year",
            value=config["price_year"],
            valid=f"{config['base_year'] - 30} .. {config['horizon']}"))
    check_conventions(config, problems)
    if not 0 <= config["discount_rate"] < 1:
        problems.append(Problem("discount_rate is a fraction per year", file=file,
                                key="discount_rate", value=config["discount_rate"],
                                valid="0 <= r < 1, e.g. 0.06"))
    if config["currency"] != "CNY":
        problems.append(Problem("only CNY datasets are supported", file=file, key="currency",
                                value=config["currency"], valid="CNY"))
    ts = config["timeslices"]
    _check_keys(ts, CONFIG_KEYS["timeslices"], file, "timeslices", problems)
    hours = ts.get("hours", 24)
    if not isinstance(hours, int) or hours <= 0 or 24 % hours:
        problems.append(Problem("hours per representative day must divide 24", file=file,
                                key="timeslices.hours", value=hours, valid="24, 12, 8, 6 ..."))
    days = ts.get("days")
    if not isinstance(days, list) or not days:
        problems.append(Problem("at least one representative day is needed", file=file,
                                key="timeslices.days"))
    else:
        names = []
        found = len(problems)
        for i, day in enumerate(days):
            where = f"timeslices.days[{i}]"
            if isinstance(day, dict) and not _check_keys(day, CONFIG_KEYS["day"], file, where,
                                                         problems, strict=True):
                continue  # a misspelt key ('wieght') is the problem, not the missing weight
            if not isinstance(day, dict) or "name" not in day or "weight" not in day:
                problems.append(Problem("each day needs a name and a weight (days per year)",
                                        file=file, key=where, value=day))
                continue
            names.append(day["name"])
            if not _is_number(day["weight"]) or day["weight"] <= 0:
                problems.append(Problem("a day's weight must be a positive number of days",
                                        file=file, key=f"{where}.weight",
                                        value=day["weight"]))
        total = sum(d["weight"] for d in days) if len(problems) == found else 365
        if len(set(names)) != len(names):
            problems.append(Problem("day names must be unique", file=file,
                                    key="timeslices.days", value=names))
        if abs(total - 365) > 1e-6:  # checked once every day is readable
            problems.append(Problem(f"day weights sum to {total}, not 365", file=file,
                                    key="timeslices.days", valid="weights summing to 365"))
    emissions = config["emissions"]
    emissions.setdefault("method", "provincial")
    emissions.setdefault("gas", "CO2")
    if emissions["method"] not in ("provincial", "gpc"):
        problems.append(Problem("unknown emissions method", file=file, key="emissions.method",
                                value=emissions["method"], valid="provincial, gpc"))
    if emissions["gas"] not in ("CO2", "CO2e"):
        problems.append(Problem("unknown gas basis", file=file, key="emissions.gas",
                                value=emissions["gas"], valid="CO2, CO2e"))
    if emissions["gas"] == "CO2e" and emissions.get("gwp") not in ("AR4", "AR5", "AR6"):
        problems.append(Problem("a CO2e basis needs a GWP set", file=file, key="emissions.gwp",
                                value=emissions.get("gwp"), valid="AR4, AR5, AR6"))
    energy = config["energy"]
    energy.setdefault("primary_electricity", "coal_consumption")
    if energy["primary_electricity"] not in ("coal_consumption", "calorific"):
        problems.append(Problem("unknown primary-electricity convention", file=file,
                                key="energy.primary_electricity",
                                value=energy["primary_electricity"],
                                valid="coal_consumption, calorific"))
    if energy.get("coal_rate_basis", "supply") not in ("supply", "generation"):
        problems.append(Problem("unknown coal-rate basis", file=file,
                                key="energy.coal_rate_basis", value=energy["coal_rate_basis"],
                                valid="supply, generation"))
    scenarios = config.setdefault("scenarios", {})
    if not isinstance(scenarios, dict):
        problems.append(Problem("scenarios must map names to settings", file=file,
                                key="scenarios"))
        scenarios = {}
    for name, settings in scenarios.items():
        where = f"scenarios.{name}"
        if settings is None or not _check_keys(settings, CONFIG_KEYS["scenario"], file, where,
                                               problems):
            continue
        for key in ("targets", "parameters"):
            if not isinstance(settings.get(key, []), list):
                problems.append(Problem(f"{key} must be a list", file=file,
                                        key=f"{where}.{key}", value=settings[key]))
        for i, row in enumerate(settings.get("parameters") or []):
            _check_keys(row, tuple(COLUMNS["parameters"]), file, f"{where}.parameters[{i}]",
                        problems)
    sources = config.get("sources", [])
    if not isinstance(sources, list):
        problems.append(Problem("sources must be a list of {id, title}", file=file,
                                key="sources", value=sources))
        sources = []
    for i, source in enumerate(sources):
        _check_keys(source, CONFIG_KEYS["source"], file, f"sources[{i}]", problems)


def _template_unit(template: str, tech: pd.Series, commodities: pd.DataFrame) -> str:
    out = template.replace("{capacity}", f"({tech['capacity_unit']})")
    out = out.replace("{activity}", f"({tech['activity_unit']})")
    if "{energy}" in out:
        stored = tech.get("storage_commodity")
        unit = commodities.loc[stored, "unit"] if stored in commodities.index else "MWh"
        out = out.replace("{energy}", f"({unit})")
    return out


def _same_dimension(unit: str, expected: str) -> bool:
    """True if ``unit`` has the dimension of ``expected``.

    A unit that does not parse counts as matching here: reading the column already
    reported it, and one bad unit is one problem.
    """
    expected = expected or "1"
    try:
        given = parse_unit(unit)
    except UnitError:
        return True
    try:
        return given.dimensionality == parse_unit(expected).dimensionality
    except (UnitError, KeyError):  # KeyError: pint on a bare number (reported by the column)
        return False


#: What :func:`_check_magnitudes` bounds: (table, parameter or None, unit the value must
#: convert to, ceiling of :data:`carbonpath.plausibility.CEILINGS`, what in words).
_MAGNITUDES = (
    ("parameters", "capex", "CNY/kW", "power_capex", "capex per unit of power capacity"),
    ("parameters", "activity", "EJ/yr", "activity_energy", "observed activity (energy)"),
    ("demands", None, "EJ/yr", "activity_energy", "demand (energy)"),
)


def _check_magnitudes(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Values above a sound bound (:data:`carbonpath.plausibility.CEILINGS`).

    Bounded only where one exists: a capex per kW of power capacity above ten times the
    costliest power plants built, an energy activity or demand of one row above the world's
    primary energy consumption of a year. Rows of other units are not bounded.
    """
    problems: list[Problem] = []
    for table, parameter, unit, key, what in _MAGNITUDES:
        frame = tables[table]
        if parameter is not None:
            frame = frame[frame["parameter"] == parameter]
        ceiling = replace(CEILINGS[key], unit=unit)  # EJ (of a year) as EJ/yr
        for line, row in frame.iterrows():
            if is_blank(row["value"]) or not _same_dimension(row["unit"], unit):
                continue
            try:
                value = float(row["value"]) * unit_factor(row["unit"], unit)
            except (UnitError, TypeError, ValueError):
                continue  # the unit or the number is reported by its own check
            if not np.isfinite(value):
                continue  # overflowed in the conversion: the model data's finite check names it
            problems += ceiling_problems([value], [line], ceiling, file=f"{table}.csv",
                                         column="value", what=what, given=[row["value"]])
    return problems


def _check_references(tables: dict[str, pd.DataFrame], config: dict,
                      problems: list[Problem]) -> None:
    com = tables["commodities"]
    tech = tables["technologies"]
    for name, frame, key in (("commodities.csv", com, "commodity"),
                             ("technologies.csv", tech, "technology")):
        dup = frame[key][frame[key].duplicated(keep=False)]
        for line, code in dup.items():
            problems.append(Problem(f"duplicate {key} '{code}'", file=name, row=line, column=key))
    com_idx = com.drop_duplicates("commodity").set_index("commodity", drop=False)
    links = tables.get("links")
    known = tech if links is None else pd.concat([tech, _regions.link_rows(links)])
    tech_idx = known.drop_duplicates("technology").set_index("technology", drop=False)
    profiles = tables["profiles"]
    profile_names = set(profiles["profile"])
    days = [d["name"] for d in config["timeslices"]["days"]]
    hours = int(config["timeslices"].get("hours", 24))

    def ref(value: Any, valid: Any, file: str, line: int, column: str, what: str) -> bool:
        """Record a problem if ``value`` is not among ``valid``; return whether it is."""
        if value not in valid:
            problems.append(Problem(f"unknown {what} '{value}'", file=file, row=line,
                                    column=column, valid=closest(str(value), set(valid))))
            return False
        return True

    for line, row in tech.iterrows():
        cap, act = row["capacity_unit"], row["activity_unit"]
        if row["level"] == "timeslice":
            if not _same_dimension(cap, "MW"):
                problems.append(Problem("a timeslice technology's capacity must be a power",
                                        file="technologies.csv", row=line,
                                        column="capacity_unit", value=cap, valid="MW, GW, 万千瓦"))
            if not _same_dimension(act, "MWh"):
                problems.append(Problem("a timeslice technology's activity must be an energy",
                                        file="technologies.csv", row=line,
                                        column="activity_unit", value=act, valid="MWh, GWh"))
        if row["price_profile"] and row["level"] != "timeslice":
            problems.append(Problem("a price_profile needs a timeslice technology",
                                    file="technologies.csv", row=line, column="price_profile"))
        for column in ("availability_profile", "load_profile", "price_profile"):
            if row[column]:
                ref(row[column], profile_names, "technologies.csv", line, column, "profile")
        if row["kind"] == "storage":
            if row["level"] != "timeslice":
                problems.append(Problem("storage must be a timeslice technology",
                                        file="technologies.csv", row=line, column="level"))
            if not row["storage_commodity"]:
                problems.append(Problem("storage needs the commodity it stores",
                                        file="technologies.csv", row=line,
                                        column="storage_commodity"))
            elif ref(row["storage_commodity"], com_idx.index, "technologies.csv", line,
                     "storage_commodity", "commodity"):
                stored = com_idx.loc[row["storage_commodity"]]
                if stored["balance"] != "timeslice":
                    problems.append(Problem("storage must store a timeslice commodity",
                                            file="technologies.csv", row=line,
                                            column="storage_commodity"))
                if not _same_dimension(stored["unit"], act):
                    problems.append(Problem("storage activity must be in the stored "
                                            "commodity's dimension", file="technologies.csv",
                                            row=line, column="activity_unit", value=act))

    flows = tables["flows"]
    seen: set[tuple] = set()
    for line, row in flows.iterrows():
        ok = ref(row["technology"], tech_idx.index, "flows.csv", line, "technology", "technology")
        ok &= ref(row["commodity"], com_idx.index, "flows.csv", line, "commodity", "commodity")
        key = (row["technology"], row["commodity"], row["direction"])
        if key in seen:
            problems.append(Problem("duplicate flow", file="flows.csv", row=line,
                                    column="commodity", value=row["commodity"]))
        seen.add(key)
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a flow ratio cannot be negative", file="flows.csv",
                                    row=line, column="value", value=row["value"],
                                    valid=">= 0 (use direction to say input or output)"))
        if ok:
            t = tech_idx.loc[row["technology"]]
            expected = f"({com_idx.loc[row['commodity'], 'unit']}) / ({t['activity_unit']})"
            if not _same_dimension(row["unit"], expected):
                problems.append(Problem("flow unit must be commodity unit per activity unit",
                                        file="flows.csv", row=line, column="unit",
                                        value=row["unit"], valid=expected))
            if t["kind"] == "storage":
                problems.append(Problem("storage takes no flows (it charges from and "
                                        "discharges to its storage_commodity)",
                                        file="flows.csv", row=line, column="technology"))
    no_output = set(tech_idx.index[~tech_idx["kind"].isin(["storage", "export", "link"])]) - set(
        flows.loc[flows["direction"] == "output", "technology"])
    for code in sorted(no_output):
        problems.append(Problem(f"technology '{code}' has no output flow", file="flows.csv",
                                valid="one row with direction output"))

    params = tables["parameters"]
    dup = params.duplicated(["technology", "parameter", "year", "day"], keep=False)
    for line in params.index[dup]:
        problems.append(Problem("duplicate parameter row (same technology, parameter, year, "
                                "day)",
                                file="parameters.csv", row=line, column="parameter"))
    for line, row in params.iterrows():
        if not ref(row["technology"], tech_idx.index, "parameters.csv", line, "technology",
                   "technology"):
            continue
        spec = PARAMETERS.get(row["parameter"])
        if spec is None:
            problems.append(Problem(f"unknown parameter '{row['parameter']}'",
                                    file="parameters.csv", row=line, column="parameter",
                                    valid=closest(row["parameter"], set(PARAMETERS))))
            continue
        if not is_blank(row["year"]) and not spec.per_year:
            problems.append(Problem(f"'{row['parameter']}' does not vary by year; leave year "
                                    "blank", file="parameters.csv", row=line, column="year"))
        expected = _template_unit(spec.dimension, tech_idx.loc[row["technology"]], com_idx)
        if not _same_dimension(row["unit"], expected):
            problems.append(Problem(f"unit of '{row['parameter']}' has the wrong dimension",
                                    file="parameters.csv", row=line, column="unit",
                                    value=row["unit"], valid=f"a unit like {expected}"))
        if not is_blank(row["value"]) and row["value"] < 0 and row["parameter"] != "variable_cost":
            problems.append(Problem(f"'{row['parameter']}' cannot be negative",
                                    file="parameters.csv", row=line, column="value",
                                    value=row["value"]))
    demands = tables["demands"]
    for line, row in demands.iterrows():
        if not ref(row["commodity"], com_idx.index, "demands.csv", line, "commodity",
                   "commodity"):
            continue
        expected = f"({com_idx.loc[row['commodity'], 'unit']}) / yr"
        if not _same_dimension(row["unit"], expected):
            problems.append(Problem("demand unit must be commodity unit per year",
                                    file="demands.csv", row=line, column="unit",
                                    value=row["unit"], valid=expected))
        if row["profile"]:
            ref(row["profile"], profile_names, "demands.csv", line, "profile", "profile")
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a demand cannot be negative", file="demands.csv", row=line,
                                    column="value", value=row["value"]))
    dup = demands.duplicated(["commodity", "region", "year"], keep=False)
    for line in demands.index[dup]:
        problems.append(Problem("duplicate demand row (same commodity, region and year)",
                                file="demands.csv", row=line, column="year"))
    given = sorted({int(h) for h in profiles["hour"] if not is_blank(h)})
    per_day = len(given)
    if given and given == list(range(per_day)) and per_day != hours:  # one cause, told once
        problems.append(Problem(
            f"timeslices.hours is {hours} but profiles.csv gives {per_day} hours per day "
            f"(0 .. {per_day - 1})", file="dataset.yaml", key="timeslices.hours", value=hours,
            valid=f"{per_day} (the profiles' hours), or profiles with hours 0 .. {hours - 1}"))
        hours = per_day  # the profiles' other checks run on their own hours
    for line, row in profiles.iterrows():
        ref(row["day"], days, "profiles.csv", line, "day", "representative day")
        if not is_blank(row["hour"]) and not 0 <= row["hour"] < hours:
            problems.append(Problem(f"hour {row['hour']} is outside the day", file="profiles.csv",
                                    row=line, column="hour", valid=f"0 .. {hours - 1}"))
        if not _same_dimension(row["unit"], ""):
            problems.append(Problem("profile values are dimensionless", file="profiles.csv",
                                    row=line, column="unit", value=row["unit"], valid="1"))
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a profile value cannot be negative", file="profiles.csv",
                                    row=line, column="value", value=row["value"]))
    for name, group in profiles.groupby("profile"):
        keys = list(zip(group["day"], group["hour"], strict=True))
        if len(set(keys)) != len(keys):
            problems.append(Problem(f"profile '{name}' repeats a (day, hour)", file="profiles.csv",
                                    column="hour"))
        if len(set(keys)) != len(days) * hours:
            problems.append(Problem(f"profile '{name}' has {len(set(keys))} of the "
                                    f"{len(days) * hours} (day, hour) values it needs",
                                    file="profiles.csv", column="profile"))
    drivers = tables["drivers"]
    for line, row in drivers.iterrows():
        expected = DRIVER_DIMENSIONS.get(row["driver"], "")
        if row["driver"] in DRIVER_DIMENSIONS and not _same_dimension(row["unit"], expected):
            problems.append(Problem(f"unit of driver '{row['driver']}' has the wrong dimension",
                                    file="drivers.csv", row=line, column="unit",
                                    value=row["unit"], valid=f"a unit like {expected or '1'}"))
        if row["driver"] in ("gdp", "population") and not is_blank(row["value"]) and (
                row["value"] <= 0):  # intensities divide by them
            problems.append(Problem(f"'{row['driver']}' must be above zero (intensities per "
                                    "unit of it divide by it)", file="drivers.csv", row=line,
                                    column="value", value=row["value"], valid="a number > 0"))
    dup = drivers.duplicated(["driver", "region", "year"], keep=False)
    for line in drivers.index[dup]:
        problems.append(Problem("duplicate driver row (same driver, region and year)",
                                file="drivers.csv", row=line, column="year"))
    emissions = tables.get("emissions")
    if emissions is not None:
        for line, row in emissions.iterrows():
            if not ref(row["technology"], tech_idx.index, "emissions.csv", line, "technology",
                       "technology"):
                continue
            t = tech_idx.loc[row["technology"]]
            if row["basis"] == "input":
                if not row["commodity"]:
                    problems.append(Problem("basis 'input' needs the input commodity",
                                            file="emissions.csv", row=line, column="commodity"))
                    continue
                if not ref(row["commodity"], com_idx.index, "emissions.csv", line, "commodity",
                           "commodity"):
                    continue
                per = com_idx.loc[row["commodity"], "unit"]
            else:
                per = t["activity_unit"]
            expected = f"t {row['gas']} / ({per})"
            if not _same_dimension(row["unit"], expected):
                problems.append(Problem("emission factor unit has the wrong dimension",
                                        file="emissions.csv", row=line, column="unit",
                                        value=row["unit"], valid=f"a unit like {expected}"))


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
        if not isinstance(target, dict) or "name" not in target or "type" not in target:
            problems.append(Problem("each target needs a name and a type", file=file,
                                    key=where, valid=", ".join(TARGET_TYPES)))
            continue
        kind = target["type"]
        if name in targets:
            problems.append(Problem(f"duplicate target name '{name}'", file=file, key=where))
        if kind not in TARGET_TYPES:
            problems.append(Problem(f"unknown target type '{kind}'", file=file, key=where,
                                    valid=_valid_and_closest(kind, tuple(TARGET_TYPES))))
            broken.add(name)
            continue
        _check_target(target, where, config, tables, problems)
        _regions.check_target(target, where, config, dataset_name, problems)
        targets[name] = dict(target)
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
    return targets


def _check_target(target: dict[str, Any], where: str, config: dict,
                  tables: dict[str, pd.DataFrame], problems: list[Problem]) -> None:
    """Check one plan target's keys and the type of each value the model reads."""
    file = "plan.yaml"
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
        bad("value", "a number" + (" (with the unit in 'unit')" if "unit" in target else ""),
            target["value"])
    if "unit" in target:
        try:
            parse_unit(str(target["unit"]))
        except UnitError as exc:
            problems.append(Problem(exc.problems[0].message, file=file,
                                    key=f"{where}.unit"))
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
                                    key=f"{where}.{key}.unit"))
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
        check_domains(target, where, config, tables, problems)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def _check_coverage(dataset: Dataset, problems: list[Problem]) -> None:
    """Every year-indexed series must cover base year .. horizon (no silent extension)."""
    years = dataset.years
    params = dataset.tables["parameters"]
    params = params[params["value"].notna() & params["parameter"].isin(PARAMETERS)]
    for (tech, name), group in params.groupby(["technology", "parameter"], sort=False):
        mode = PARAMETERS[name].by_year
        if mode == "interpolate":
            for _, by_day in group.groupby(group["day"].fillna(""), sort=False):
                expand_years(by_day, years, "parameters.csv", f"{tech} {name}", problems)
        elif mode == "observed":
            last = dataset.first_decision_year - 1
            for line, year in group["year"].items():
                if year is None or year > last:
                    problems.append(Problem(
                        f"{tech} {name}: observed activity is given for the observed years "
                        f"(the base year {dataset.base_year} up to the year before the first "
                        f"decision year {dataset.first_decision_year})", file="parameters.csv",
                        row=line, column="year", value=year,
                        valid="no row: the first model year is a decision year" if last <
                        dataset.base_year else f"{dataset.base_year} .. {last}"))
        elif mode == "range":  # a bound holds between its first and last given year
            dated = group["year"].dropna()
            if len(dated) and (dated.max() < years[0] or dated.min() > years[-1]):
                line = dated.idxmax() if dated.max() < years[0] else dated.idxmin()
                problems.append(Problem(
                    f"{tech} {name}: given for {int(dated.min())}..{int(dated.max())}, which "
                    f"covers no model year ({years[0]}..{years[-1]}), so the bound would "
                    "have no effect", file="parameters.csv", row=line, column="year",
                    value=group.loc[line, "year"],
                    valid=f"a year in {years[0]}..{years[-1]}, or blank for every year"))
    reserves = dataset.tables.get("reserves")
    if reserves is not None:
        chosen = reserves[reserves["value"].notna() & (reserves["parameter"] != "storage_hours")]
        for (com, name), group in chosen.groupby(["commodity", "parameter"], sort=False):
            expand_years(group, years, "reserves.csv", f"{name} of {com}", problems)
    demands = dataset.tables["demands"]
    for (com, region), group in demands[demands["value"].notna()].groupby(
            ["commodity", "region"], sort=False, dropna=False):
        where = f" in {region}" if isinstance(region, str) and region else ""
        expand_years(group, years, "demands.csv", f"demand of {com}{where}", problems)
    drivers = dataset.tables["drivers"]
    for (drv, region), group in drivers[drivers["value"].notna()].groupby(
            ["driver", "region"], sort=False, dropna=False):
        where = f" of {region}" if isinstance(region, str) and region else ""
        expand_years(group, years, "drivers.csv", f"driver {drv}{where}", problems)


@checked
def expand_years(rows: pd.DataFrame, years: list[int], file: str, what: str,
                 problems: list[Problem] | None = None, factors: np.ndarray | None = None
                 ) -> np.ndarray:
    """Expand year-indexed rows to one value per model year.

    A single row with a blank year holds for every year. Rows with years are interpolated
    linearly between given years; the first must be at or before ``years[0]`` and the last
    at or after ``years[-1]`` (no silent extension). Mixing blank and given years is an error.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows with ``year`` (int or None) and ``value`` columns, index = file line.
    years : list of int
        Model years.
    file, what : str
        For error messages.
    problems : list of Problem, optional
        If given, problems are appended and NaNs returned; otherwise a DataError is raised.
    factors : numpy.ndarray, optional
        Per-row multipliers (unit conversion) applied before interpolation; a product that
        is not finite is a problem naming its row.

    Returns
    -------
    numpy.ndarray
        One float per model year.
    """
    local: list[Problem] = []
    values = rows["value"].astype(float).to_numpy()
    if factors is not None:
        given = values
        with np.errstate(over="ignore", invalid="ignore"):
            values = values * factors
        local.extend(nonfinite_problems(values, rows.index, file=file, what=what, given=given))
    given = rows["year"].tolist()
    blank = [y is None or (isinstance(y, float) and np.isnan(y)) for y in given]
    out = np.full(len(years), np.nan)
    if all(blank):
        if len(rows) > 1:
            local.append(Problem(f"{what}: several rows without a year", file=file,
                                 row=rows.index[1], column="year"))
        else:
            out[:] = values[0]
    elif any(blank):
        local.append(Problem(f"{what}: mixes rows with and without a year", file=file,
                             row=rows.index[blank.index(True)], column="year",
                             valid="give every row a year, or one row without"))
    else:
        order = np.argsort(given)
        ys = np.asarray(given, dtype=float)[order]
        vs = values[order]
        if ys[0] > years[0] or ys[-1] < years[-1]:
            local.append(Problem(
                f"{what}: given for {int(ys[0])}..{int(ys[-1])} but the model runs "
                f"{years[0]}..{years[-1]}; add values for the missing end (carbonpath "
                "interpolates between given years and never holds a last value)", file=file,
                row=rows.index[order[0] if ys[0] > years[0] else order[-1]], column="year"))
        else:
            out = np.interp(years, ys, vs)
    if local:
        if problems is None:
            raise DataError(local)
        problems.extend(local)
    return out


def converted(rows: pd.DataFrame, target: str) -> np.ndarray:
    """Return per-row factors converting each row's ``unit`` to ``target``."""
    return np.array([unit_factor(u, target) for u in rows["unit"]])


def quantity(value: float, unit: str) -> Any:
    """Return ``value`` in ``unit`` as a pint quantity of carbonpath's registry."""
    return ureg.Quantity(value, parse_unit(unit))


def as_mapping(frame: pd.DataFrame, key: str) -> Mapping[str, pd.Series]:
    """Return {key value: row} of a table with unique keys."""
    return {row[key]: row for _, row in frame.iterrows()}
