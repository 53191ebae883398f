"""Uncertain inputs of a dataset: ``uncertainty.csv`` and ``uncertainty_correlations.csv``.

Each row of ``uncertainty.csv`` is one uncertain input. Its key columns (technology,
parameter, commodity, driver, profile, day, hour, year) select rows of one dataset table
(parameters, demands, drivers, profiles); blank keys select every row, so ``pv, capex`` with
a blank year moves PV's whole capex trajectory. The input's distribution gives a multiplier
of the selected rows' values (``scale: relative``) or the new value of the one selected row
(``scale: absolute``); for a committed project (``committed_new_capacity`` or
``committed_capacity``) it gives the project's online year (``scale: online_year``, rounded
to a whole year; the built model has a row for every year the distribution can give, see
:mod:`carbonpath.model.online_years`). Inputs of one ``group`` move together (comonotone:
one rank, each its own distribution); ``uncertainty_correlations.csv`` gives Spearman rank
correlations between groups (imposed by Iman and Conover's method on the Latin hypercube, see
:mod:`carbonpath.sweeps.sampling`).

Validation is as strict as for every table and happens before any solve: a key that selects
no row, two inputs selecting one row, a parameter or driver that a built model cannot change,
a distribution whose support makes a value physically impossible (negative cost, demand or
emission factor, availability above 1; normal distributions of such values must be
truncated), a correlation outside [-1, 1] or a matrix that is not positive semi-definite.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.distributions import (  # noqa: F401 (re-exported)
    Distribution,
    _distribution,
    _number,
    warn_lopsided,
    warn_narrow_sd,
)
from carbonpath.dataset.regions import region_problem
from carbonpath.dataset.tables import is_blank
from carbonpath.dataset.uncertainty_rules import (  # noqa: F401 (re-exported)
    ALL_KEYS,
    CORRELATIONS,
    FILE,
    KEYS,
    MAIN_KEY,
    STEP,
    UncertainRangeWarning,
    _correlation,
    _far_from_row,
    _last_key,
    _physical,
    key_column,
    rate_problem,
    relative_bounds,
    relative_slip,
    unmatched_key,
    warn_lone_groups,
)
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    Problem,
    UnitError,
    line_label,
)
from carbonpath.units import unit_factor
from carbonpath.units.registry import volume_valid

__all__ = ["CommittedLimitWarning", "Distribution", "InertInputWarning", "UncertainInput",
           "Uncertainty", "load_uncertainty", "warn_scale_free_gdp"]


@dataclass(frozen=True)
class UncertainInput:
    """One row of ``uncertainty.csv`` and the dataset rows it changes.

    Attributes
    ----------
    name, table, group, scale, unit, source : str
    line : int
        Its line in uncertainty.csv.
    distribution : Distribution
    rows : tuple
        File lines of the selected rows of ``table``.
    central : tuple of float
        Their values in the dataset (their own units).
    factor : float
        Absolute inputs: conversion from ``unit`` to the selected row's unit.
    """

    name: str
    table: str
    group: str
    scale: str
    unit: str
    source: str
    line: int
    distribution: Distribution
    rows: tuple
    central: tuple[float, ...]
    factor: float = 1.0

    def overrides(self, x: float) -> dict[tuple, float]:
        """The dataset rows' new values when the input takes the value ``x``.

        An ``online_year`` input gives ``("parameters", line, "year")``: the project's online
        year, ``x`` rounded to a whole year.
        """
        if self.scale == "online_year":
            return {(self.table, self.rows[0], "year"): float(round(x))}
        if self.scale == "relative":
            return {(self.table, r): c * x for r, c in zip(self.rows, self.central, strict=True)}
        return {(self.table, self.rows[0]): x * self.factor}


@dataclass(frozen=True)
class Uncertainty:
    """The uncertain inputs of a dataset.

    Attributes
    ----------
    inputs : tuple of UncertainInput
    groups : tuple of str
        Group names in order of first appearance; ``group_of[i]`` is input i's group index.
    correlation : numpy.ndarray
        Target Spearman rank correlation between groups (groups x groups).
    checksums : dict of str to str
        SHA-256 of the files read.
    """

    inputs: tuple[UncertainInput, ...]
    groups: tuple[str, ...]
    correlation: np.ndarray
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def group_of(self) -> list[int]:
        """Index of each input's group."""
        index = {g: i for i, g in enumerate(self.groups)}
        return [index[i.group] for i in self.inputs]

    @property
    def names(self) -> list[str]:
        """Input names in order."""
        return [i.name for i in self.inputs]

    def online_years(self) -> dict[Any, tuple[int, ...]]:
        """The years each sampled online year can take, by parameters.csv line.

        A model built for these samples needs a row for each
        (:func:`carbonpath.model.online_years.with_candidates`).
        """
        out = {}
        for spec in self.inputs:
            if spec.scale == "online_year":
                d = spec.distribution
                if d.kind == "discrete":
                    years = {round(v) for v in d.values}
                else:
                    lo, hi = d.support()
                    years = set(range(round(lo), round(hi) + 1))
                out[spec.rows[0]] = tuple(sorted(years))
        return out

    def overrides(self, values: np.ndarray) -> dict[tuple, float]:
        """Dataset-row overrides of one sample (``values``: one number per input)."""
        out: dict[tuple[str, Any], float] = {}
        for spec, x in zip(self.inputs, values, strict=True):
            out.update(spec.overrides(float(x)))
        return out


def load_uncertainty(dataset: Any, folder: Any = None) -> Uncertainty | None:
    """Read and validate a dataset's ``uncertainty.csv`` (and its correlations).

    Parameters
    ----------
    dataset : carbonpath.Dataset
        The dataset whose rows the inputs select.
    folder : path-like, optional
        Where the files are (default: the dataset's folder).

    Returns
    -------
    Uncertainty or None
        None if the folder has no ``uncertainty.csv``.

    Raises
    ------
    DataError
        Listing every problem (file, row, column, value, what would be valid); a file with
        no rows is one (nothing would be uncertain).
    ImplausibleValueError
        If only physically impossible ranges were found (a ``DataError``).
    """
    from pathlib import Path

    from carbonpath.dataset.tables import read_table

    folder = Path(folder) if folder is not None else dataset.path
    if not (folder / FILE).exists():
        return None
    problems: list[Problem] = []
    context = {"days": [d["name"] for d in dataset.days], "hours": dataset.hours,
               "regions": dataset.regions, "region_problem": region_problem(dataset)}
    frame = read_table(folder, "uncertainty", context, problems)
    corr = read_table(folder, "uncertainty_correlations", context, problems, optional=True)
    if frame is not None and frame.empty:
        problems.append(Problem(
            "uncertainty.csv has no rows: nothing is uncertain, so every sample would be the "
            "same run", file=FILE, row=2,
            valid="one row per uncertain input (see docs/montecarlo.md), or no "
                  "uncertainty.csv"))
    DataError.collect(problems, FILE)
    checksums = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
                 for name in (FILE, CORRELATIONS) if (folder / name).exists()}
    inputs, physical = [], []
    claimed: dict[tuple[str, Any], int] = {}
    for line, row in frame.iterrows():
        spec = _input(dataset, line, row, problems, physical, claimed)
        if spec is not None:
            inputs.append(spec)
    lines: dict[str, list[int]] = {}
    for spec in inputs:
        lines.setdefault(spec.name, []).append(spec.line)
    for name, at in lines.items():
        if len(at) > 1:  # name every row holding it (round 22, N45), the first as the row
            problems.append(Problem(
                f"input '{name}' is given {len(at)} times (lines "
                f"{', '.join(map(str, at))})", file=FILE, row=at[0], column="input",
                value=name, valid="one row per input name: rename or remove the others"))
    if not problems:
        warn_lone_groups(inputs)
        warn_scale_free_gdp(dataset, inputs)
    groups = tuple(dict.fromkeys(i.group for i in inputs))
    matrix = _correlation(corr, groups, problems)
    if physical and not problems:
        raise ImplausibleValueError(physical, FILE)
    DataError.collect(problems + physical, FILE)
    return Uncertainty(tuple(inputs), groups, matrix, checksums)


class InertInputWarning(CarbonpathWarning):
    """An ``uncertainty.csv`` input that changes no row of the model (round 29, KE29).

    One relative factor on every ``gdp`` row leaves each intensity target's GDP ratio as it
    was; only the reported intensities move, while emissions, energy and costs are the same
    in every sample (``population`` is refused for changing nothing at all).
    """


def warn_scale_free_gdp(dataset: Any, inputs: list[UncertainInput]) -> None:
    """Warn of a relative GDP input on every ``gdp`` row, alone in its group (KE29).

    The intensity targets against a model year use GDP_y / GDP_ref, which one factor on
    every row leaves unchanged; a target with a given ``reference`` intensity (a reference
    year before the model) puts GDP itself in its bound, and then the input is quiet, as it
    is when its group holds other inputs (the demands GDP drives, which move with it).
    """
    drivers = dataset.tables["drivers"]
    every = set(drivers.index[drivers["driver"] == "gdp"])
    if not every or any("reference" in t for t in dataset.targets.values()
                        if str(t.get("type", "")).endswith("_intensity")):
        return
    groups = [spec.group for spec in inputs]
    for spec in inputs:
        if spec.table != "drivers" or spec.scale != "relative" or set(spec.rows) != every \
                or groups.count(spec.group) > 1:
            continue
        notices.warn(
            f"{FILE} row {spec.line} 'year': input '{spec.name}' multiplies every gdp row of "
            f"drivers.csv by one factor, which leaves each intensity target's GDP ratio "
            f"(GDP of the year / GDP of the reference year) as it was, and no target of "
            f"plan.yaml puts GDP itself in a bound (a given reference intensity): it changes "
            f"no row of the model in any scenario, so emissions, energy and costs are the same "
            f"in every sample and only the reported intensities move; to sample GDP, give "
            f"years (one input per year after the base year), or put it in one group with the "
            f"demands it drives", InertInputWarning, stacklevel=3)


def _warn_carrier_coal(dataset: Any, table: str, selected: pd.DataFrame, dist: Distribution,
                       unit: str, line: int) -> None:
    """Warn of an absolute input of electricity or heat in standard coal (round 29 KE16).

    See :mod:`carbonpath.dataset.carrier_coal`: the centre of the range in the row's unit
    read at 当量值 and at 等价值 (the dataset's coal rate of the row's year).
    """
    from carbonpath.accounting.activity.scope import is_coal_equivalent
    from carbonpath.dataset.carrier_coal import CarrierCoalWarning, carrier_of, coal_readings
    from carbonpath.dataset.uncertainty_rules import centre_of

    row = selected.iloc[0]
    carrier = carrier_of(dataset.tables, row.get("commodity")) if table in (
        "demands", "flows") else None
    centre = centre_of(dist)
    if carrier is None or centre is None or not is_coal_equivalent(unit):
        return
    text = coal_readings(centre, unit, str(row["unit"]), carrier, dataset.tables,
                         dataset.config, row.get("year"))
    notices.warn(
        f"{FILE} row {line} 'unit': {carrier} given in standard coal ({unit}) is ambiguous: "
        f"the centre {centre:g} {unit} is {text} ({table}.csv row "
        f"{line_label(selected.index[0])} holds {float(row['value']):.4g} {row['unit']}); "
        f"give the {carrier} itself (in {row['unit']}) to say which",
        CarrierCoalWarning, stacklevel=4)


class CommittedLimitWarning(UncertainRangeWarning):
    """A sampled build limit that can fall below a committed project (round 30, KF59).

    ``carbonpath init`` raises ``max_new_capacity`` of a committed project's year to the
    project exactly; a range on that row reaching below it makes every such sample
    infeasible, left out of the probabilities, so the surviving samples see another range.
    """


def _warn_committed_limit(dataset: Any, line: int, row: pd.Series, dist: Distribution,
                          selected: pd.DataFrame, scale: str, factor: float) -> None:
    """Warn of a ``max_new_capacity`` input that can sample below a committed project."""
    from carbonpath.model.online_years import sampled_limit_short

    lo = dist.support()[0]
    if not math.isfinite(lo):
        return
    least = {i: (lo * factor if scale == "absolute" else lo * float(v))
             for i, v in zip(selected.index, selected["value"], strict=True)}
    found = sampled_limit_short(dataset, selected.index, least)
    if found is None:
        return
    year, limit, project, unit, at, other = found
    per = limit / least[at]  # the project in the limit row's unit: project / per
    threshold = (project / per / factor if scale == "absolute"
                 else project / per / float(selected.loc[at, "value"]))
    u = (np.arange(10_000) + 0.5) / 10_000
    lost = float(np.mean(dist.ppf(u) < threshold * (1 - 1e-9)))
    keep = f"{threshold:.4g}" if scale == "absolute" else f"{threshold:.4g} (a multiplier)"
    notices.warn(
        f"{FILE} row {line} 'low': the input '{row['input']}' samples max_new_capacity of "
        f"'{selected.loc[at, 'technology']}' (parameters.csv row {line_label(at)}) down to "
        f"{limit:,.4g} {unit}/yr in {year}, below the committed project of {project:,.4g} "
        f"{unit} online that year (parameters.csv row {line_label(other)}): about "
        f"{lost:.0%} of the samples would be infeasible and left out, so the rest see "
        f"another range than the row's; leave {year} out of the input (a year column, one "
        f"row per year), or give low at least {keep}", CommittedLimitWarning, stacklevel=4)


def _whole_load_shapes(dataset: Any, selected: pd.DataFrame) -> list[str]:
    """Load shapes (normalised, docs/data-format.md) of which ``selected`` holds every row.

    A relative factor on every row of a normalised shape is undone by the normalisation, so
    such an input changes nothing (round 10, B54), as a ``population`` input does. A shape
    that is also an availability or price profile is not normalised there, so not listed.
    """
    tables = dataset.tables
    profiles, techs = tables["profiles"], tables["technologies"]
    demands = tables.get("demands")
    load = set()
    if demands is not None and "profile" in demands:
        load |= {str(v) for v in demands["profile"] if not is_blank(v)}
    if "load_profile" in techs:
        load |= {str(v) for v in techs["load_profile"] if not is_blank(v)}
    for column in ("availability_profile", "price_profile"):
        if column in techs:
            load -= {str(v) for v in techs[column] if not is_blank(v)}
    return [name for name in sorted(load & {str(v) for v in selected["profile"]})
            if (selected["profile"] == name).sum() == (profiles["profile"] == name).sum()]


def _input(dataset: Any, line: int, row: pd.Series, problems: list[Problem],
           physical: list[Problem], claimed: dict) -> UncertainInput | None:
    from carbonpath.model.online_years import (
        ONLINE_PARAMETERS,
        build_limit_problem,
        check_online,
    )
    from carbonpath.model.override_checks import cold_driver_reason, link_problem
    from carbonpath.model.overrides import WARM_DRIVERS, WARM_PARAMETERS

    # blank cells as None (iterrows gives NaN for them in a row read as floats), so a
    # blank key is not taken for a given one
    row = pd.Series({k: (None if is_blank(v) else v) for k, v in row.items()}, dtype=object)
    table = row["table"]
    online = row["scale"] == "online_year"
    if online != (table == "parameters" and row.get("parameter") in ONLINE_PARAMETERS):
        problems.append(Problem(
            "the online year of a committed project is sampled with scale online_year, and "
            "only it", file=FILE, row=line, column="scale", value=row["scale"],
            valid=f"online_year with parameter {' or '.join(ONLINE_PARAMETERS)}; relative or "
                  "absolute otherwise"))
        return None
    target = dataset.tables.get(table)
    if target is None:  # an optional table the dataset does not have (emissions.csv)
        problems.append(Problem(f"the dataset has no {table}.csv, so no row can be selected",
                                file=FILE, row=line, column="table", value=table,
                                valid=f"a {table}.csv in the dataset, or another table"))
        return None
    before = len(problems)
    for key in ALL_KEYS:
        given = row.get(key)
        if given is not None and key not in KEYS[table]:
            problems.append(Problem(f"column {key} is not a key of {table}.csv", file=FILE,
                                    row=line, column=key, value=given,
                                    valid=f"keys of {table}: {', '.join(KEYS[table])}"))
    for key in MAIN_KEY[table]:
        if row.get(key) is None:
            problems.append(Problem(f"an input of {table}.csv needs {key}", file=FILE,
                                    row=line, column=key))
    if table == "parameters" and row.get("parameter") not in (None, *WARM_PARAMETERS,
                                                             *ONLINE_PARAMETERS):
        problems.append(Problem(f"parameter '{row['parameter']}' cannot be sampled (a built "
                                "model cannot change it)", file=FILE, row=line,
                                column="parameter", value=row["parameter"],
                                valid=", ".join(WARM_PARAMETERS)))
    link = (link_problem(dataset, row.get("technology"), file=FILE, row=line)
            if table == "parameters" else None)
    if link is not None:
        problems.append(link)
    if table == "drivers" and row.get("driver") not in (None, *WARM_DRIVERS):
        problems.append(Problem(cold_driver_reason(row["driver"],
                                                   dataset.tables["drivers"]["driver"]),
                                file=FILE, row=line,
                                column="driver", value=row["driver"],
                                valid=", ".join(WARM_DRIVERS)))
    dist = _distribution(line, row, problems)
    slips = len(physical)
    if len(problems) > before or dist is None:
        return None
    mask = np.ones(len(target), dtype=bool)
    for key in KEYS[table]:
        given = row.get(key)
        if given is not None:
            mask &= (key_column(dataset, target, key) == given).to_numpy()
    selected = target[mask]
    keys = ", ".join(f"{k}={row[k]}" for k in KEYS[table] if row.get(k) is not None)
    if selected.empty:
        column, valid = unmatched_key(dataset, target, row, table)  # X20: the typo's column
        problems.append(Problem(f"no row of {table}.csv has {keys}", file=FILE, row=line,
                                column=column, value=row[column], valid=valid))
        return None
    scale = row["scale"] or "relative"
    unit = row["unit"] or "1"
    factor = 1.0
    if table == "profiles" and scale == "relative":
        inert = _whole_load_shapes(dataset, selected)
        if inert:
            problems.append(Problem(
                f"{', '.join(inert)} is a load shape, which carbonpath normalises to sum to one "
                "over the year, so one factor on all its rows would change nothing in any "
                "sample", file=FILE, row=line, column="profile", value=inert[0],
                valid="some days or hours of the shape (a change of shape), or the demand "
                      "itself in demands.csv"))
            return None
    if online:
        lo, hi = dist.support()
        years = dist.values if dist.kind == "discrete" else (lo, hi)
        found = [] if len(selected) == 1 else [Problem(
            f"an online year moves one project, but {keys} selects {len(selected)} rows",
            file=FILE, row=line, column="year", valid="keys that select one row")]
        for year in years if len(selected) == 1 else ():
            found += [Problem(q.message, file=FILE, row=line, column="high" if year == hi
                              else "low" if year == lo else "values", value=year,
                              valid=q.valid)
                      for q in check_online(dataset, selected.index[0], round(year), FILE)]
        if not found and len(selected) == 1:  # X76: every candidate year's build limit
            whole = (sorted({round(v) for v in years}) if dist.kind == "discrete" else
                     list(range(math.ceil(lo), math.floor(hi) + 1)))
            limit = build_limit_problem(dataset, selected.index[0], whole, FILE)
            if limit is not None:
                found.append(replace(limit, row=line))
        if unit not in ("1", "yr", "year"):
            found.append(Problem("an online year is a year: its unit is yr", file=FILE,
                                 row=line, column="unit", value=unit, valid="yr"))
        if found:
            problems.extend(found[:1])
            return None
        group = row["group"] or row["input"]
        return UncertainInput(row["input"], table, group, scale, unit, row["source"],
                              int(line), dist, tuple(selected.index),
                              tuple(float(v) for v in selected["year"]))
    if scale == "absolute":
        if len(selected) > 1:
            problems.append(Problem(f"an absolute input sets one row, but {keys} selects "
                                    f"{len(selected)} rows of {table}.csv (lines "
                                    f"{', '.join(str(i) for i in selected.index[:5])})",
                                    file=FILE, row=line, column="scale", value=scale,
                                    valid="relative, or keys that select one row"))
            return None
        try:
            factor = unit_factor(unit, selected["unit"].iloc[0])
        except UnitError as exc:
            have = selected["unit"].iloc[0]
            problems.append(Problem(f"unit {unit!r} cannot be converted to the row's unit "
                                    f"{have!r}", file=FILE, row=line, column="unit",
                                    value=unit, valid=volume_valid(  # KE46: 亿立方米
                                        unit, have, exc.problems[0].valid or "")))
            return None
    elif unit not in ("1", ""):
        problems.append(Problem("a relative input is a multiplier: its unit is 1", file=FILE,
                                row=line, column="unit", value=unit, valid="1"))
        return None
    if table in ("flows", "emissions"):
        from carbonpath.model.override_checks import _emission_problems, _flow_problems

        check = _flow_problems if table == "flows" else _emission_problems
        found = [q for r in selected.index for q in check(dataset, target, r)]
        if found:
            problems.append(Problem(found[0].message, file=FILE, row=line,
                                    column="technology", value=row["technology"],
                                    valid=found[0].valid))
            return None
    for other in selected.index:
        if (table, other) in claimed:
            first = line_label(claimed[(table, other)])
            problems.append(Problem(f"{table}.csv row {line_label(other)} is already changed by "
                                    f"the input on line {first}", file=FILE, row=line,
                                    column="input", value=row["input"]))
            return None
        claimed[(table, other)] = line
    if table in ("demands", "drivers") and (table == "demands"
                                            or row.get("driver") == "grid_emission_factor"):
        # KC124: the base year's grid factor is the inventory's, observed as demands are
        base = selected[(selected["year"] == dataset.base_year) | selected["year"].isna()]
        if len(base):
            what = ("the inventory's grid emission factor" if table == "drivers"
                    else "observed data fixed in the model")
            blank = " (a blank year selects every year)" if row.get("year") is None else ""
            problems.append(Problem(
                f"{table}.csv row {line_label(base.index[0])} holds the base year "
                f"{dataset.base_year}, {what}; uncertainty applies from the first decision "
                f"year{blank}", file=FILE, row=line, column="year",
                valid=f"rows after {dataset.base_year}: give a year, one row each"))
            return None
    central = tuple(float(v) for v in selected["value"])
    if scale == "relative" and not any(central):  # F128: a factor of 0 is 0 in every sample
        problems.append(Problem(
            f"a relative input multiplies the value of the row(s) it selects, but {keys} "
            f"selects {len(central)} row(s) of {table}.csv whose value is 0 (line(s) "
            f"{', '.join(str(line_label(i)) for i in selected.index[:5])}), so it would be 0 "
            "in every sample: nothing would vary", file=FILE, row=line, column="scale",
            value=scale, valid=f"scale absolute with a range in the row's unit "
                               f"({selected['unit'].iloc[0]}), or a non-zero value in "
                               f"{table}.csv first"))
        return None
    if scale == "absolute":
        _warn_carrier_coal(dataset, table, selected, dist, unit, line)  # KE16
        slip = _far_from_row(dist, factor, central[0], selected, table, line, row)
        if slip is not None:
            physical.append(slip)
    lo, hi = dist.support()
    floor, ceiling, what = _physical(dataset, table, row, str(selected["unit"].iloc[0]))
    for value in central if scale == "relative" else (None,):
        ends = (lo * factor, hi * factor) if value is None else (value * lo, value * hi)
        least, most = min(ends), max(ends)
        if least < floor or most > ceiling:
            if value is not None:  # KB24: the numbers are multipliers, not row values
                hint = relative_bounds(dist, floor, ceiling, value)
            else:
                hint = f"values in [{floor:g}, {ceiling:g}]"
            if math.isinf(lo) or math.isinf(hi):
                hint = f"truncate the distribution with low (and high) to {hint}"
            central_text = "replaced" if value is None else f"{value:g}"
            physical.append(Problem(
                f"{what} can reach {least:g} .. {most:g} (central {central_text}), outside "
                f"the physically possible [{floor:g}, {ceiling:g}]",
                file=FILE, row=line, column="low" if least < floor else "high",
                value=least if least < floor else most, valid=hint))
            break
    else:  # the range is physically possible: a percent slip, the efficiency rule
        slip = (relative_slip(dist, row, line, what, central) if scale == "relative"
                else None)
        if slip is None and central[0] and factor:  # KF45: 0.08, 1.0, 1.2 for 0.8
            warn_lopsided(line, row, dist, dist.mode if dist.kind == "triangular" else
                          1.0 if scale == "relative" else central[0] / factor)
        if slip is not None:
            physical.append(slip)
        elif table == "flows" and not (math.isinf(lo) or math.isinf(hi)):
            ends = (lo, hi) if scale == "relative" else (lo * factor, hi * factor)
            slip = rate_problem(dataset, selected, ends, scale == "relative", line)
            if slip is not None:
                physical.append(slip)
    if dist.kind in ("normal", "lognormal") and len(physical) == slips:  # KC05
        warn_narrow_sd(line, row, dist.mean, dist.sd)
    if table == "parameters" and row.get("parameter") in (None, "max_new_capacity"):
        _warn_committed_limit(dataset, line, row, dist, selected, scale, factor)  # KF59
    group = row["group"] or row["input"]
    return UncertainInput(row["input"], table, group, scale, unit, row["source"], int(line), dist,
                          tuple(selected.index), central, factor)
