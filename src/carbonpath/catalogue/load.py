"""Read and validate the technology catalogue (``catalogue/*.csv``).

The catalogue is three tables and a version, shipped like the factor tables:

* ``technologies.csv``: one row per technology class (kind, level, units, main output,
  availability profile, process item ...);
* ``flows.csv``: inputs and outputs per unit of activity, with a range (``low``, ``high``);
* ``parameters.csv``: costs (capex, fixed and variable O&M) by year and region, lifetimes,
  availability, capacity credit ..., each with a range;
* ``VERSION``: recorded in every dataset written from the catalogue and in results.

Every row carries ``source`` (the original document, or ``assumption: why``) and ``status``
(``verified``, ``unverified`` or ``assumption``). Validation is as strict as the factor
tables': every problem of every table is reported at once with file, row (line as an
editor shows it, header = 1) and column.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath._headers import labelled_headers, labelled_text
from carbonpath.catalogue.row_checks import (
    domain_problems,
    range_problems,
    rate_problems,
    warn_trajectory_slips,
)
from carbonpath.errors import (
    DataError,
    InputNotFoundError,
    Problem,
    UnitError,
    unknown_name,
)
from carbonpath.units import parse_unit, unit_factor

__all__ = ["CATALOGUE_PARAMETERS", "Catalogue", "load_catalogue"]

TECH_COLUMNS = ("technology", "name", "name_zh", "category", "kind", "level", "capacity_unit",
                "activity_unit", "main_output", "availability_profile", "storage_commodity",
                "nonfossil", "process_item", "process_technology", "group", "source", "status")
FLOW_COLUMNS = ("technology", "commodity", "direction", "value", "low", "high", "unit", "use",
                "source", "status")
PARAM_COLUMNS = ("technology", "parameter", "region", "year", "value", "low", "high", "unit",
                 "source", "status")
CATEGORIES = ("power", "storage", "hydrogen", "heat", "industry", "ccus", "buildings",
              "agriculture", "transport", "supply")
KINDS = ("supply", "import", "export", "conversion", "storage", "demand")
STATUSES = ("verified", "unverified", "assumption")
USES = ("", "combustion", "feedstock", "non_energy")
#: Parameters the catalogue may hold beyond the dataset's (dimension templates as in
#: ``src/carbonpath/dataset/parameters.csv``).
CATALOGUE_PARAMETERS = {"capacity_credit": "1", "capture_rate": "1",
                        "emission_factor": "t / {activity}"}
#: Commodity placeholders of flows: ``service`` is the service a demand device serves
#: (init names it per sector); any other code is a fuel, carrier or material.
ENERGY_COMMODITIES = ("electricity", "heat", "hydrogen")


@functools.lru_cache(maxsize=1)
def _dataset_parameters() -> dict[str, str]:
    path = Path(__file__).resolve().parents[1] / "dataset" / "parameters.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = dict(zip(table["parameter"], table["dimension"], strict=True))
    out.update(CATALOGUE_PARAMETERS)
    return out


@dataclass(frozen=True)
class Catalogue:
    """The validated technology catalogue.

    Attributes
    ----------
    technologies : pandas.DataFrame
        Indexed by ``technology``; the columns of ``technologies.csv``.
    flows : pandas.DataFrame
        Columns of ``flows.csv``; ``value``, ``low``, ``high`` as floats (NaN = no range).
    parameters : pandas.DataFrame
        Columns of ``parameters.csv``; ``year`` as a nullable integer, ``region`` '' = any.
    version : str
        Content of ``VERSION``.
    path : pathlib.Path
        The folder read.
    """

    technologies: pd.DataFrame
    flows: pd.DataFrame
    parameters: pd.DataFrame
    version: str
    path: Path

    def __repr__(self) -> str:
        return f"Catalogue(version {self.version}: {len(self.technologies)} technologies)"

    @property
    def label(self) -> str:
        """How init's sources name this catalogue (A01).

        ``0.3.0`` (the ``VERSION``) for the bundled catalogue; for any other folder the
        version and that folder, ``0.3.0 of the user catalogue /path/ucat``, so that a
        dataset built from a city's own copy does not read as the bundled catalogue.
        """
        from carbonpath._resources import data_path

        if self.path.resolve() == data_path("catalogue").resolve():
            return self.version
        return f"{self.version} of the user catalogue {self.path.resolve()}"

    @checked
    def file(self, name: str) -> str:
        """How messages name file ``name`` of this catalogue: ``<folder>/<name>``.

        ``catalogue/parameters.csv`` for the bundled catalogue, ``cat_sd/parameters.csv``
        for a copy in a folder ``cat_sd``.
        """
        return f"{self.path.name}/{name}"

    @functools.cached_property
    def _by_key(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        frame = self.parameters.assign(_region=self.parameters["region"].replace("", "CN"))
        return {key: group.drop(columns="_region").sort_values("year", na_position="first")
                for key, group in frame.groupby(["technology", "parameter", "_region"],
                                                sort=False)}

    @functools.cached_property
    def _flows_by_tech(self) -> dict[str, pd.DataFrame]:
        return dict(list(self.flows.groupby("technology", sort=False)))

    @checked
    def technology(self, code: str) -> pd.Series:
        """Return the row of technology ``code``.

        Raises
        ------
        UnknownNameError
            If the catalogue has no such technology (names the closest codes).
        """
        if code not in self.technologies.index:
            raise unknown_name("catalogue technology", code, self.technologies.index)
        return self.technologies.loc[code]

    @checked
    def flows_of(self, code: str) -> pd.DataFrame:
        """Return the flow rows of technology ``code`` (raises like :meth:`technology`)."""
        self.technology(code)
        return self._flows_by_tech.get(code, self.flows.iloc[0:0])

    @checked
    def parameter_rows(self, code: str, parameter: str, region_chain: tuple[str, ...]
                       ) -> pd.DataFrame:
        """Return the rows of ``parameter`` for ``code`` in the most specific region.

        Parameters
        ----------
        code, parameter : str
            Technology and parameter names.
        region_chain : tuple of str
            The region and its parents (``("CN-ZJ", "CN-East", "CN", "world")``); rows with
            a blank region count as ``CN``.

        Returns
        -------
        pandas.DataFrame
            The rows (one with a blank year, or a trajectory by year) of the first region
            of the chain that has any; empty if none has.
        """
        for region in region_chain:
            found = self._by_key.get((code, parameter, region))
            if found is not None:
                return found
        return self.parameters.iloc[0:0]

    @checked
    def value(self, code: str, parameter: str, year: int, region_chain: tuple[str, ...]
              ) -> tuple[float, float, float, str, str] | None:
        """Return ``(value, low, high, unit, source)`` of a parameter in ``year``.

        A trajectory is interpolated linearly between its years and must cover ``year``
        (the catalogue never holds a last value): outside it, the nearest end is not used
        and a :class:`DataError` is raised. Returns None if the technology does not have
        the parameter (in any region of the chain).

        Raises
        ------
        ArgumentTypeError
            If ``year`` is not a whole number (``2030``, not ``"2030"`` or ``2030.5``).
        UnknownNameError
            An unknown technology, or a parameter name that no catalogue row can have (a
            misspelling, not a parameter the technology lacks).
        DataError
            A year outside the trajectory.
        """
        from carbonpath._checks import check_types

        check_types("Catalogue.value", year=(year, int))
        self.technology(code)
        known = _dataset_parameters()
        if parameter not in known:
            raise unknown_name("catalogue parameter", parameter, known)
        rows = self.parameter_rows(code, parameter, region_chain)
        if rows.empty:
            return None
        first = rows.iloc[0]
        if pd.isna(first["year"]):
            return (float(first["value"]), float(first["low"]), float(first["high"]),
                    str(first["unit"]), str(first["source"]))
        years = rows["year"].astype(float).to_numpy()
        if not years[0] <= year <= years[-1]:
            raise DataError(self._uncovered(code, parameter, year, region_chain, rows))

        def at(col: str) -> float:
            """The value of column ``col`` interpolated linearly to ``year``."""
            return float(np.interp(year, years, rows[col].astype(float).to_numpy()))
        sources = "; ".join(dict.fromkeys(rows["source"]))
        return at("value"), at("low"), at("high"), str(first["unit"]), sources

    def _uncovered(self, code: str, parameter: str, year: int, region_chain: tuple[str, ...],
                   rows: pd.DataFrame) -> Problem:
        """The problem of a trajectory that does not cover ``year`` (I04, D104).

        Names the trajectory's rows. Where they are a region's own rows and a wider region
        (the national rows, blank region) has a trajectory covering ``year``, says that the
        regional rows replace it for that region and the regions under it: one row of
        ``CN-SD`` for 2030 had left Shandong's PV capex without 2024 while the national
        trajectory covered 2020..2060, and the message named neither.
        """
        years = rows["year"].astype(float).to_numpy()
        first, last = int(years[0]), int(years[-1])
        side = f"a horizon up to {last}" if year > last else f"a base year from {first}"
        lines = [int(i) + 2 for i in rows.index]  # the editor's line numbers (header: 1)
        region = str(rows["region"].iloc[0]) or "CN"  # a blank region counts as CN
        who = "" if region == "CN" else f" for {region}" + (
            f" (rows {lines[0]}..{lines[-1]})" if len(lines) > 1 else "")
        shadow, extra = "", ""
        wider = region_chain[region_chain.index(region) + 1:] if region in region_chain else ()
        for parent in wider:
            found = self._by_key.get((code, parameter, parent))
            if found is None:
                continue
            span = found["year"].astype(float).to_numpy()
            if pd.isna(found["year"].iloc[0]) or span[0] <= year <= span[-1]:
                covers = ("every year" if pd.isna(found["year"].iloc[0]) else
                          f"{int(span[0])}..{int(span[-1])}")
                label = "national" if parent == "CN" else f"{parent}'s"
                shadow = (f"; these {region} rows replace the {label} trajectory ({covers}) "
                          f"for {region} and the regions under it, so they must cover the "
                          "years themselves")
                extra = (f"; or {region} rows covering {year} (they are interpolated between "
                         f"their own years only), or no {region} rows (the {label} "
                         "trajectory is then used)")
            break
        return Problem(
            f"the catalogue's {parameter} trajectory of '{code}'{who} covers {first}..{last}, "
            f"not {year}{shadow}",
            file=self.file("parameters.csv"), row=lines[0 if year < first else -1],
            column="year", value=year,
            valid=f"{side}{extra}; or a row for {year} in a copy of the catalogue folder, read "
                  "with carbonpath.catalogue.load_catalogue(folder) and given to "
                  "init_dataset(..., catalogue=...) (the init command reads the bundled "
                  "catalogue)")


@checked
def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and validate a technology catalogue folder (default: the bundled one).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A folder with ``technologies.csv``, ``flows.csv``, ``parameters.csv`` and
        ``VERSION`` (e.g. a copy of the bundled catalogue with a city's own values).

    Returns
    -------
    Catalogue

    Raises
    ------
    InputNotFoundError
        If ``path`` is not a folder (it does not exist, or is a file).
    DataError
        Listing every problem: a missing file or column, an unknown code, a unit that does
        not parse or has the wrong dimension, a value outside its own range, a missing
        source, a status that contradicts the source, duplicated keys.
    """
    if path is None:
        return _bundled()
    folder = Path(path)
    if not folder.is_dir():
        what = ("is a file; give the folder that holds technologies.csv, flows.csv, "
                "parameters.csv and VERSION" if folder.exists() else "no such folder")
        raise InputNotFoundError(f"{folder}: {what}", folder)
    return _load(folder)


@functools.lru_cache(maxsize=1)
def _bundled() -> Catalogue:
    """The bundled catalogue, read and validated once per process (it is immutable)."""
    from carbonpath._resources import data_path

    return _load(data_path("catalogue"))


def _load(folder: Path) -> Catalogue:
    problems: list[Problem] = []
    what = "technology catalogue" + ("" if folder.name == "catalogue" else f" in {folder}")
    tables = {}
    for name, cols in (("technologies", TECH_COLUMNS), ("flows", FLOW_COLUMNS),
                       ("parameters", PARAM_COLUMNS)):
        file = folder / f"{name}.csv"
        if not file.exists():
            problems.append(Problem("file missing", file=f"{folder.name}/{name}.csv"))
            continue
        from carbonpath._io import stray_return_problem

        stray = stray_return_problem(file.read_bytes().decode("utf-8", "replace"),
                                     f"{folder.name}/{name}.csv")
        if stray is not None:  # pandas would fail naming no file (round 16, M146)
            problems.append(stray)
            continue
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
        labelled = labelled_headers(list(frame.columns), cols)  # round 28 KD92
        missing = [c for c in cols if c not in frame.columns and c not in labelled.values()]
        extra = [c for c in frame.columns if c not in cols]
        for c in missing:
            problems.append(Problem("column missing", file=f"{folder.name}/{name}.csv", column=c,
                                    valid=", ".join(cols)))
        for c in extra:
            problems.append(Problem(labelled_text(c, labelled[c]) if c in labelled
                                    else "unknown column", file=f"{folder.name}/{name}.csv",
                                    column=c, valid=", ".join(cols)))
        frame.index = frame.index + 2  # editor line numbers
        tables[name] = frame
    version_file = folder / "VERSION"
    version = version_file.read_text(encoding="utf-8").strip() if version_file.exists() else ""
    if not version:
        problems.append(Problem("the catalogue has no version", file=f"{folder.name}/VERSION",
                                valid="a version string such as 0.1.0"))
    DataError.collect(problems, what)
    techs, flows, params = tables["technologies"], tables["flows"], tables["parameters"]
    from carbonpath.factors import bundled_factors

    regions = set(bundled_factors().regions.chains)
    _check_technologies(techs, problems, folder.name)
    units = {r.technology: (r.capacity_unit, r.activity_unit, r.kind) for r in techs.itertuples()}
    _check_rows(flows, "flows", units, problems, regions, folder.name)
    _check_rows(params, "parameters", units, problems, regions, folder.name)
    DataError.collect(problems, what)
    for frame in (flows, params):
        for col in ("value", "low", "high"):
            frame[col] = pd.to_numeric(frame[col].replace("", np.nan))
    params["year"] = pd.to_numeric(params["year"].replace("", np.nan)).astype("Int64")
    _one_unit_per_trajectory(params)
    warn_trajectory_slips(params, f"{folder.name}/parameters.csv")  # MD50
    return Catalogue(techs.set_index("technology", drop=False), flows.reset_index(drop=True),
                     params.reset_index(drop=True), version, folder)


def _one_unit_per_trajectory(params: pd.DataFrame) -> None:
    """Convert the rows of each trajectory to the unit of its first row, in place.

    A trajectory (the rows of one technology, parameter and region) is interpolated number by
    number, so its rows must share a unit: a row written in another unit of the same
    dimension (``2.8 CNY/W`` among rows in ``CNY/kW``) is converted (to ``2800 CNY/kW``),
    value, low and high alike. The first row is the one with the blank or earliest year.
    The dimension of every row was checked before.
    """
    ordered = params.sort_values("year", na_position="first", kind="stable")
    for _, group in ordered.groupby(["technology", "parameter", "region"], sort=False):
        unit = str(group["unit"].iloc[0])
        for line in group.index[group["unit"] != unit]:
            factor = unit_factor(str(params.at[line, "unit"]), unit)
            for col in ("value", "low", "high"):
                params.at[line, col] = params.at[line, col] * factor
            params.at[line, "unit"] = unit


def _common(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Source and status of every row: present, and consistent with each other."""
    for line, src, status in zip(frame.index, frame["source"], frame["status"], strict=True):
        src = src.strip()
        if not src:
            problems.append(Problem("a value needs a source or 'assumption: why'", file=file,
                                    row=line, column="source"))
        elif src.lower().startswith("assumption") and len(src) < len("assumption: ") + 5:
            problems.append(Problem("an assumption needs its reason", file=file, row=line,
                                    column="source", value=src))
        if status not in STATUSES:
            problems.append(Problem("unknown status", file=file, row=line, column="status",
                                    value=status, valid=", ".join(STATUSES)))
        elif (status == "assumption") != src.lower().startswith("assumption"):
            problems.append(Problem(
                "status and source disagree: status 'assumption' if and only if the source "
                "starts with 'assumption:'", file=file, row=line, column="status",
                value=status, valid="verified or unverified for a cited document"))


def _check_technologies(techs: pd.DataFrame, problems: list[Problem],
                        folder: str = "catalogue") -> None:
    file = f"{folder}/technologies.csv"
    _common(techs, file, problems)
    dup = techs["technology"].duplicated(keep="first")
    for line in techs.index[dup]:  # N45's kind: the first row named too
        first = techs.index[techs["technology"] == techs.loc[line, "technology"]][0]
        problems.append(Problem(f"duplicate technology (row {first} defines it too)", file=file,
                                row=line, column="technology",
                                value=techs.loc[line, "technology"]))
    for line, row in techs.iterrows():
        def bad(col: str, valid: str, message: str = "invalid value", row: Any = row,
                line: Any = line) -> None:
            """Record a problem with column ``col`` of this row; returns nothing."""
            problems.append(Problem(message, file=file, row=line, column=col,
                                    value=row[col], valid=valid))
        if not row["technology"] or row["technology"] != row["technology"].lower() \
                or " " in row["technology"]:
            bad("technology", "a lower_snake_case code")
        for col, valid in (("category", CATEGORIES), ("kind", KINDS),
                           ("level", ("timeslice", "annual")), ("nonfossil", ("true", "false"))):
            if row[col] not in valid:
                bad(col, ", ".join(valid))
        for col in ("capacity_unit", "activity_unit"):
            try:
                parse_unit(row[col])
            except UnitError:
                bad(col, "a unit of carbonpath's registry")
        if row["level"] == "timeslice" and row["kind"] != "storage" \
                and not _dimension_ok(row["capacity_unit"], "MW"):
            bad("capacity_unit", "a power (MW) for a timeslice technology")
        if (row["kind"] == "storage") != bool(row["storage_commodity"]):
            bad("storage_commodity", "a commodity for storage, blank otherwise")
        if not row["main_output"]:
            bad("main_output", "the commodity the technology makes (electricity, heat, "
                "service, a material ...)")


def _dimension_ok(unit: str, target: str) -> bool:
    try:
        unit_factor(unit, target)
    except (UnitError, DataError):
        return False
    return True


def _check_rows(frame: pd.DataFrame, name: str, units: dict[str, tuple[str, str, str]],
                problems: list[Problem], regions: set[str], folder: str = "catalogue") -> None:
    file = f"{folder}/{name}.csv"
    _common(frame, file, problems)
    dims = _dataset_parameters()
    key = (["technology", "commodity", "direction"] if name == "flows"
           else ["technology", "parameter", "region", "year"])
    joined = frame[key].astype(str).agg("|".join, axis=1)
    for line in frame.index[frame.duplicated(key, keep="first")]:  # N45's kind: both rows
        first = frame.index[joined == joined[line]][0]
        problems.append(Problem(f"duplicate row (same {', '.join(key)} as row {first})",
                                file=file, row=line, column=key[-1]))
    if name == "parameters":
        for (tech, par, _region), group in frame.groupby(["technology", "parameter", "region"]):
            years = group["year"]
            if (years == "").any() and (years != "").any():
                problems.append(Problem(
                    f"'{par}' of '{tech}' mixes a row for every year (blank year) with "
                    "rows by year", file=file, row=int(group.index[0]), column="year",
                    valid="either one blank-year row or a trajectory of years"))
    for line, row in frame.iterrows():
        def bad(col: str, message: str, valid: str | None = None, row: Any = row,
                line: Any = line) -> None:
            """Record a problem with column ``col`` of this row; returns nothing."""
            problems.append(Problem(message, file=file, row=line, column=col,
                                    value=row[col], valid=valid))
        tech = row["technology"]
        if tech not in units:
            problems.append(unknown_problem(file, line, tech, units))
            continue
        numbers = {}
        for col in ("value", "low", "high"):
            text = row[col].strip()
            if not text and col != "value":
                continue
            try:
                numbers[col] = float(text)
            except ValueError:
                bad(col, "not a number", "a number")
                continue
            if not np.isfinite(numbers[col]):
                bad(col, "not a finite number", "a finite number")
        if "value" in numbers and numbers["value"] < 0 and row.get("parameter") != "capex":
            bad("value", "negative value", ">= 0")
        lo, hi, v = numbers.get("low"), numbers.get("high"), numbers.get("value")
        own_range = None  # index of an "outside its own range" problem of this row
        if lo is not None and hi is not None and lo > hi:  # D101: a reversed range, named
            own_range = len(problems)
            bad("low", f"low {lo:g} is above high {hi:g}: the range is reversed (low and high "
                f"swapped?)", f"low <= value <= high, e.g. low {hi:g}, high {lo:g}"
                + ("" if v is None or hi <= v <= lo else f" (and a value between them, not "
                   f"{v:g})"))
        elif v is not None and ((lo is not None and lo > v) or (hi is not None and hi < v)):
            own_range = len(problems)
            side = (f"below its low {lo:g}" if lo is not None and lo > v else
                    f"above its high {hi:g}")
            bad("value", f"value {v:g} is {side}, outside its own range", "low <= value <= high")
        if (lo is None) != (hi is None):
            bad("low" if lo is None else "high", "a range needs both low and high")
        try:
            parse_unit(row["unit"])
        except UnitError:
            bad("unit", "unit not known to carbonpath's registry", "e.g. CNY/kW, GJ/MWh, yr")
            continue
        cap, act, kind = units[tech]
        if name == "flows":
            if row["direction"] not in ("input", "output"):
                bad("direction", "invalid direction", "input, output")
            if row["use"] not in USES:
                bad("use", "invalid use", ", ".join(u for u in USES if u) + " or blank")
            if not row["commodity"]:
                bad("commodity", "a commodity is required")
            # fuels in energy per activity; supply and trade count them in their own unit
            expected = (None if kind in ("import", "export", "supply")
                        else _flow_dimension(row["commodity"], act))
            if expected and not _dimension_ok(f"({row['unit']}) * ({act})", expected):
                bad("unit", f"wrong dimension for a flow of {row['commodity']} per {act}",
                    f"a unit of {expected} per {act}")
            elif expected and row["direction"] == "input":
                problems.extend(rate_problems(row, numbers, act, file, line))
            continue
        par = row["parameter"]
        if par not in dims:
            bad("parameter", "unknown parameter", ", ".join(sorted(dims)))
            continue
        if row["year"] and not (row["year"].isdigit() and 1990 <= int(row["year"]) <= 2100):
            bad("year", "not a year", "a year 1990..2100 or blank")
        if row["region"] and row["region"] not in regions:
            bad("region", "unknown region", "a code of factors/regions.csv or blank")
        energy = "MWh"
        target = (dims[par].replace("{capacity}", f"({cap})").replace("{activity}", f"({act})")
                  .replace("{energy}", energy))
        if not _dimension_ok(row["unit"], target):
            bad("unit", f"wrong dimension for '{par}' of a technology counted in {cap} "
                f"(activity {act})", f"a unit like {target}")
            continue
        ranged = range_problems(row, numbers, file, line, kind) + domain_problems(
            row, numbers, file, line)
        if own_range is not None and any(p.column == "value" for p in ranged):
            del problems[own_range]  # one problem per cell: the absolute range names the slip
        problems.extend(ranged)


def _flow_dimension(commodity: str, activity_unit: str) -> str | None:
    """The dimension a flow's numerator must have: energy for fuels and carriers."""
    if commodity in ENERGY_COMMODITIES or commodity in _fuel_codes():
        return "GJ"
    if commodity == "service":
        return activity_unit
    return None


def _fuel_codes() -> set[str]:
    from carbonpath.codes import fuels

    return set(fuels().codes)


def unknown_problem(file: str, line: int, tech: str, units: dict) -> Problem:
    """A problem naming an unknown technology code and the closest valid ones."""
    err = unknown_name("technology", tech, units)
    return Problem(str(err), file=file, row=line, column="technology", value=tech)
