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
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset.tables import is_blank
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    Problem,
    UnitError,
)
from carbonpath.plausibility import is_override
from carbonpath.units import unit_factor

__all__ = ["Distribution", "UncertainInput", "Uncertainty", "load_uncertainty"]

FILE = "uncertainty.csv"
CORRELATIONS = "uncertainty_correlations.csv"

#: Key columns of uncertainty.csv by table (the table's own key columns).
KEYS = {"parameters": ("technology", "parameter", "year"),
        "flows": ("technology", "commodity", "direction"),
        "demands": ("commodity", "year"),
        "drivers": ("driver", "year"),
        "profiles": ("profile", "day", "hour")}
ALL_KEYS = ("technology", "parameter", "commodity", "direction", "driver", "profile", "day",
            "hour", "year")
#: The key that must be given for each table.
MAIN_KEY = {"parameters": ("technology", "parameter"), "flows": ("technology",),
            "demands": ("commodity",),
            "drivers": ("driver",), "profiles": ("profile",)}


@dataclass(frozen=True)
class Distribution:
    """A univariate distribution given by its inverse CDF on (0, 1).

    Attributes
    ----------
    kind : {"uniform", "triangular", "normal", "lognormal", "discrete"}
    low, mode, high, mean, sd : float or None
        Parameters (low/high truncate normal and lognormal; lognormal's mean and sd are
        those of the value itself, not of its logarithm).
    values, weights : tuple of float
        Discrete values and their weights (normalised).
    """

    kind: str
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()

    def _frozen(self) -> Any:
        from scipy import stats

        if self.kind == "normal":
            return stats.norm(loc=self.mean, scale=self.sd)
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        return stats.lognorm(s=math.sqrt(sigma2), scale=math.exp(math.log(self.mean) - sigma2 / 2))

    def support(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can give (may be infinite)."""
        if self.kind in ("uniform", "triangular"):
            return float(self.low), float(self.high)
        if self.kind == "discrete":
            return min(self.values), max(self.values)
        floor = -math.inf if self.kind == "normal" else 0.0
        return (floor if self.low is None else self.low,
                math.inf if self.high is None else self.high)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF at probabilities ``u`` (array in (0, 1)); same shape as ``u``."""
        u = np.asarray(u, dtype=float)
        if self.kind == "uniform":
            return self.low + u * (self.high - self.low)
        if self.kind == "triangular":
            a, c, b = self.low, self.mode, self.high
            if b == a:
                return np.full_like(u, a)
            fc = (c - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (c - a))
            right = b - np.sqrt((1 - u) * (b - a) * (b - c))
            return np.where(u < fc, left, right)
        if self.kind == "discrete":
            cum = np.cumsum(self.weights)
            cum[-1] = 1.0
            return np.asarray(self.values)[np.searchsorted(cum, u, side="right").clip(
                0, len(self.values) - 1)]
        dist = self._frozen()
        lo = 0.0 if self.low is None else float(dist.cdf(self.low))
        hi = 1.0 if self.high is None else float(dist.cdf(self.high))
        return dist.ppf(lo + u * (hi - lo))


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
    context = {"days": [d["name"] for d in dataset.days], "hours": dataset.hours}
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
    names = [i.name for i in inputs]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(Problem(f"input '{name}' is given twice", file=FILE, column="input",
                                value=name, valid="one row per input name"))
    groups = tuple(dict.fromkeys(i.group for i in inputs))
    matrix = _correlation(corr, groups, problems)
    if physical and not problems:
        raise ImplausibleValueError(physical, FILE)
    DataError.collect(problems + physical, FILE)
    return Uncertainty(tuple(inputs), groups, matrix, checksums)


def _number(row: pd.Series, name: str) -> float | None:
    value = row.get(name)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _distribution(line: int, row: pd.Series, problems: list[Problem]) -> Distribution | None:
    kind = row["distribution"]
    p = {k: _number(row, k) for k in ("low", "mode", "high", "mean", "sd")}
    need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"),
            "normal": ("mean", "sd"), "lognormal": ("mean", "sd"), "discrete": ()}[kind]
    found = []
    for key in need:
        if p[key] is None:
            found.append(Problem(f"a {kind} distribution needs {', '.join(need)}", file=FILE,
                                 row=line, column=key))
    values, weights = (), ()
    if kind == "discrete":
        try:
            values = tuple(float(v) for v in (row["values"] or "").split())
            weights = tuple(float(w) for w in (row["weights"] or "").split()) or (1.0,) * len(
                values)
        except ValueError:
            found.append(Problem("values and weights are numbers separated by spaces",
                                 file=FILE, row=line, column="values",
                                 value=row["values"], valid="e.g. 0.9 1.0 1.2"))
        else:
            if not values:
                found.append(Problem("a discrete distribution needs values", file=FILE,
                                     row=line, column="values", valid="e.g. 0.9 1.0 1.2"))
            elif len(weights) != len(values) or min(weights) <= 0:
                found.append(Problem("one positive weight per value", file=FILE, row=line,
                                     column="weights", value=row["weights"]))
            else:
                total = math.fsum(weights)
                weights = tuple(w / total for w in weights)
    if found:
        problems.extend(found)
        return None
    lo, mode, hi = p["low"], p["mode"], p["high"]
    if kind in ("uniform", "triangular") and not lo <= hi:
        problems.append(Problem(f"low {lo} is above high {hi}", file=FILE, row=line,
                                column="low", value=lo, valid=f"<= {hi}"))
        return None
    if kind in ("uniform", "triangular") and lo == hi:
        problems.append(Problem(f"low and high are both {lo}: the input would never vary (a "
                                "constant belongs in the dataset's own table)", file=FILE,
                                row=line, column="high", value=hi, valid=f"> {lo}"))
        return None
    if kind == "triangular" and not lo <= mode <= hi:
        problems.append(Problem(f"mode {mode} is outside [{lo}, {hi}]", file=FILE, row=line,
                                column="mode", value=mode, valid=f"{lo} .. {hi}"))
        return None
    if kind in ("normal", "lognormal"):
        if not p["sd"] > 0:
            problems.append(Problem("sd must be > 0", file=FILE, row=line, column="sd",
                                    value=p["sd"], valid="> 0"))
            return None
        if lo is not None and hi is not None and p["sd"] > hi - lo:  # both bounds given
            problems.append(Problem(
                f"sd {p['sd']} is wider than the whole range {lo} .. {hi}, so the truncated "
                "distribution is flat, not normal: probably a percentage for a fraction (15 for "
                "0.15); give sd in the value's own terms", file=FILE, row=line, column="sd",
                value=p["sd"], valid=f"0 < sd <= {hi - lo:g}"))
            return None
        if kind == "lognormal" and not p["mean"] > 0:
            problems.append(Problem("a lognormal value is positive: mean must be > 0",
                                    file=FILE, row=line, column="mean", value=p["mean"]))
            return None
        if lo is not None and hi is not None and not lo < hi:
            problems.append(Problem(f"truncation low {lo} is not below high {hi}", file=FILE,
                                    row=line, column="low", value=lo))
            return None
    return Distribution(kind, lo, mode, hi, p["mean"], p["sd"], values, weights)


def _input(dataset: Any, line: int, row: pd.Series, problems: list[Problem],
           physical: list[Problem], claimed: dict) -> UncertainInput | None:
    from carbonpath.model.online_years import ONLINE_PARAMETERS, check_online
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
    target = dataset.tables[table]
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
    if table == "drivers" and row.get("driver") not in (None, *WARM_DRIVERS):
        problems.append(Problem(f"driver '{row['driver']}' cannot be sampled (a built model "
                                "cannot change it)", file=FILE, row=line, column="driver",
                                value=row["driver"], valid=", ".join(WARM_DRIVERS)))
    dist = _distribution(line, row, problems)
    if len(problems) > before or dist is None:
        return None
    mask = np.ones(len(target), dtype=bool)
    for key in KEYS[table]:
        given = row.get(key)
        if given is not None:
            mask &= (target[key] == given).to_numpy()
    selected = target[mask]
    keys = ", ".join(f"{k}={row[k]}" for k in KEYS[table] if row.get(k) is not None)
    if selected.empty:
        problems.append(Problem(f"no row of {table}.csv has {keys}", file=FILE, row=line,
                                column=_last_key(row, table), valid=f"keys of rows that exist "
                                f"in {table}.csv"))
        return None
    scale = row["scale"] or "relative"
    unit = row["unit"] or "1"
    factor = 1.0
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
        except UnitError:
            problems.append(Problem(f"unit {unit!r} cannot be converted to the row's unit "
                                    f"{selected['unit'].iloc[0]!r}", file=FILE, row=line,
                                    column="unit", value=unit))
            return None
    elif unit not in ("1", ""):
        problems.append(Problem("a relative input is a multiplier: its unit is 1", file=FILE,
                                row=line, column="unit", value=unit, valid="1"))
        return None
    if table == "flows":
        from carbonpath.model.overrides import _flow_problems

        found = [q for r in selected.index for q in _flow_problems(dataset, target, r)]
        if found:
            problems.append(Problem(found[0].message, file=FILE, row=line,
                                    column="technology", value=row["technology"],
                                    valid=found[0].valid))
            return None
    for other in selected.index:
        if (table, other) in claimed:
            problems.append(Problem(f"{table}.csv row {other} is already changed by the input "
                                    f"on line {claimed[(table, other)]}", file=FILE, row=line,
                                    column="input", value=row["input"]))
            return None
        claimed[(table, other)] = line
    if table == "demands":
        base = selected[(selected["year"] == dataset.base_year) | selected["year"].isna()]
        if len(base):
            problems.append(Problem(
                f"demands.csv row {base.index[0]} holds the base year {dataset.base_year}, "
                "observed data fixed in the model; uncertainty applies from the first decision "
                "year", file=FILE, row=line, column="year", valid=f"rows after "
                f"{dataset.base_year}"))
            return None
    central = tuple(float(v) for v in selected["value"])
    if scale == "absolute":
        slip = _far_from_row(dist, factor, central[0], selected, table, line, row)
        if slip is not None:
            physical.append(slip)
    lo, hi = dist.support()
    floor, ceiling, what = _physical(dataset, table, row)
    for value in central if scale == "relative" else (None,):
        ends = (lo * factor, hi * factor) if value is None else (value * lo, value * hi)
        least, most = min(ends), max(ends)
        if least < floor or most > ceiling:
            if math.isinf(lo) or math.isinf(hi):
                hint = "truncate the distribution with low (and high)"
            else:
                hint = f"values in [{floor:g}, {ceiling:g}]"
            central_text = "replaced" if value is None else f"{value:g}"
            physical.append(Problem(
                f"{what} can reach {least:g} .. {most:g} (central {central_text}), outside "
                f"the physically possible [{floor:g}, {ceiling:g}]",
                file=FILE, row=line, column="low" if least < floor else "high",
                value=least if least < floor else most, valid=hint))
            break
    group = row["group"] or row["input"]
    return UncertainInput(row["input"], table, group, scale, unit, row["source"], int(line), dist,
                          tuple(selected.index), central, factor)


STEP = 10.0
"""An absolute input whose centre is more than x10 from the row it replaces is a slip."""


def _far_from_row(dist: Distribution, factor: float, value: float, selected: pd.DataFrame,
                  table: str, line: int, row: pd.Series) -> Problem | None:
    """An absolute input centred more than :data:`STEP` times away from the dataset's value.

    The centre is the mean, else the mode, else the middle of low and high, else the mean of
    the discrete values, converted to the row's unit. A kWh for GWh slip (10^6) gives a
    sampled demand that no real city has; ``plausibility: override: <reason>`` accepts it.
    """
    if dist.mean is not None:
        centre = dist.mean
    elif dist.mode is not None:
        centre = dist.mode
    elif dist.low is not None and dist.high is not None:
        centre = (dist.low + dist.high) / 2
    elif dist.values:
        centre = float(np.mean(dist.values))
    else:
        return None
    centre *= factor
    if value <= 0 or centre <= 0 or 1 / STEP <= centre / value <= STEP:
        return None
    problem = Problem(
        f"implausible absolute input: its centre {centre:.4g} {selected['unit'].iloc[0]} (in "
        f"the row's unit) is {centre / value:.3g} times the {value:g} "
        f"{selected['unit'].iloc[0]} of {table}.csv row {selected.index[0]} it replaces (more "
        f"than x{STEP:g} or /{STEP:g}); probably a unit slip (kWh for GWh)", file=FILE, row=line,
        column="unit", value=row["unit"],
        valid=f"a unit and values near {value:g} {selected['unit'].iloc[0]}; if right, write "
              "'override: <reason>' in a 'plausibility' column of the row")
    if is_override(row.get("plausibility")):
        warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                      CarbonpathWarning, stacklevel=4)
        return None
    return problem


def _last_key(row: pd.Series, table: str) -> str:
    given = [k for k in KEYS[table] if row.get(k) is not None]
    return given[-1] if given else KEYS[table][0]


def _physical(dataset: Any, table: str, row: pd.Series) -> tuple[float, float, str]:
    """The physically possible range of the values an input changes (dataset/domains.py)."""
    from carbonpath.dataset.domains import domain_of

    domain, what = domain_of(dataset.tables, table, row)
    low = 1e-12 if domain.low_open and domain.low == 0 else domain.low  # above zero
    return low, domain.high, what


def _correlation(frame: pd.DataFrame | None, groups: tuple[str, ...],
                 problems: list[Problem]) -> np.ndarray:
    n = len(groups)
    matrix = np.eye(n)
    if frame is None:
        return matrix
    index = {g: i for i, g in enumerate(groups)}
    seen: dict[tuple[int, int], int] = {}
    for line, row in frame.iterrows():
        a, b, rho = row["group"], row["other"], row["rank_correlation"]
        bad = False
        for col, name in (("group", a), ("other", b)):
            if name not in index:
                problems.append(Problem(f"unknown group '{name}'", file=CORRELATIONS, row=line,
                                        column=col, value=name,
                                        valid=", ".join(groups) or "groups of uncertainty.csv"))
                bad = True
        if bad:
            continue
        if a == b:
            problems.append(Problem("a group's correlation with itself is 1", file=CORRELATIONS,
                                    row=line, column="other", value=b))
            continue
        if rho is None or not -1 <= rho <= 1:
            problems.append(Problem("a rank correlation is in [-1, 1]", file=CORRELATIONS,
                                    row=line, column="rank_correlation", value=rho,
                                    valid="-1 .. 1"))
            continue
        i, j = sorted((index[a], index[b]))
        if (i, j) in seen:
            problems.append(Problem(f"the pair {a}, {b} is given twice (also line {seen[i, j]})",
                                    file=CORRELATIONS, row=line, column="group"))
            continue
        seen[(i, j)] = line
        matrix[i, j] = matrix[j, i] = rho
    if n and not problems:
        smallest = float(np.linalg.eigvalsh(matrix).min())
        if smallest < -1e-10:
            problems.append(Problem(
                f"the rank correlation matrix of the groups is not positive semi-definite "
                f"(smallest eigenvalue {smallest:.3g}): no joint distribution has these "
                "correlations", file=CORRELATIONS, column="rank_correlation",
                valid="correlations that are consistent (e.g. A~B 0.9 and B~C 0.9 need A~C "
                      "well above 0)"))
    return matrix
