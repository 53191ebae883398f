"""Adequacy, operating-limit and fleet data in canonical units (read for ModelData).

:func:`read_operations` turns one technology's parameter rows into an :class:`Operations`
record (capacity credit, firm capacity, minimum output, ramping, full-load hours, growth and
cumulative build limits, retirement age, committed projects); :func:`read_reserves` reads
``reserves.csv``. Units: capacity in the technology's canonical capacity unit (GW for
timeslice technologies), shares as fractions, hours in h.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import Dataset, expand_years
from carbonpath.errors import Problem
from carbonpath.units import unit_factor

__all__ = ["Operations", "read_operations", "read_reserves"]


@dataclass
class Operations:
    """One technology's adequacy, operating and fleet data (canonical units).

    Attributes
    ----------
    capacity_credit : numpy.ndarray or None
        Share of usable capacity counted as firm, by model year (None: not counted).
    firm_capacity : dict of int to float
        Constant firm contribution, GW, by year.
    min_output : dict of str to numpy.ndarray
        Minimum stable output (share of available capacity) by representative day
        (``""``: every day), by model year.
    ramp_rate : float or None
        Largest change of dispatch per hour, share of usable capacity.
    min_full_load_hours, max_full_load_hours : dict of int to float
        Bounds on annual activity per usable capacity, h, by year.
    max_growth : dict of int to float
        New capacity <= this share of the previous year's capacity (+ growth_seed).
    growth_seed : float
        Capacity unit per year.
    max_cumulative_new : dict of int to float
        Capacity built from the first decision year up to the year, at most.
    min_retirement_age : float or None
        Years; None: residual stock never retires early, new vintages at any age.
    committed_new : dict of int to float
        New capacity at least this in exactly that year.
    committed : dict of int to float
        Capacity built by the model standing at least this from that year on.
    """

    capacity_credit: np.ndarray | None = None
    firm_capacity: dict[int, float] = field(default_factory=dict)
    min_output: dict[str, np.ndarray] = field(default_factory=dict)
    ramp_rate: float | None = None
    min_full_load_hours: dict[int, float] = field(default_factory=dict)
    max_full_load_hours: dict[int, float] = field(default_factory=dict)
    max_growth: dict[int, float] = field(default_factory=dict)
    growth_seed: float = 0.0
    max_cumulative_new: dict[int, float] = field(default_factory=dict)
    min_retirement_age: float | None = None
    committed_new: dict[int, float] = field(default_factory=dict)
    committed: dict[int, float] = field(default_factory=dict)
    lines: dict[str, Any] = field(default_factory=dict)  # parameters.csv line of each


def _series(rows: pd.DataFrame, unit: str, years: list[int], what: str,
            problems: list[Problem]) -> np.ndarray:
    factors = np.array([unit_factor(u, unit) for u in rows["unit"]])
    return expand_years(rows, years, "parameters.csv", what, problems, factors)


def read_operations(code: str, by: dict[str, pd.DataFrame], empty: pd.DataFrame,
                    dim: Callable[[str], str],
                    given: Callable[[pd.DataFrame, str], dict[int, float]],
                    years: list[int], problems: list[Problem]) -> Operations:
    """Read one technology's operating and fleet parameters.

    Parameters
    ----------
    code : str
        Technology code.
    by : dict of str to pandas.DataFrame
        Its parameter rows by parameter name (index = file line).
    empty : pandas.DataFrame
        An empty frame of parameter rows.
    dim : callable
        Parameter name -> its canonical unit for this technology.
    given : callable
        (rows, unit) -> {year: value} for range parameters (interpolated between given years).
    years : list of int
        Model years.
    problems : list of Problem
        Collector of problems.

    Returns
    -------
    Operations
    """
    ops = Operations()

    def rows(name: str) -> pd.DataFrame:
        """The rows of table ``name``, or an empty table if there are none."""
        return by.get(name, empty)

    ops.lines = {name: frame.index[0] for name, frame in by.items() if len(frame)}
    if "capacity_credit" in by:
        ops.capacity_credit = _series(rows("capacity_credit"), "1", years,
                                      f"{code} capacity_credit", problems)
    if "firm_capacity" in by:
        ops.firm_capacity = given(rows("firm_capacity"), "GW")
    if "min_output" in by:
        frame = rows("min_output")
        for day, group in frame.groupby(frame["day"].fillna(""), sort=False):
            ops.min_output[str(day)] = _series(group, "1", years, f"{code} min_output", problems)
    if "ramp_rate" in by:
        row = rows("ramp_rate").iloc[0]
        ops.ramp_rate = float(row["value"]) * unit_factor(row["unit"], "1/hour")
    for name in ("min_full_load_hours", "max_full_load_hours"):
        if name in by:
            setattr(ops, name, given(rows(name), "hour/yr"))
    if "max_growth" in by:
        ops.max_growth = given(rows("max_growth"), "1/yr")
    if "growth_seed" in by:
        row = rows("growth_seed").iloc[0]
        ops.growth_seed = float(row["value"]) * unit_factor(row["unit"], dim("growth_seed"))
    if "max_cumulative_new_capacity" in by:
        ops.max_cumulative_new = given(rows("max_cumulative_new_capacity"),
                                       dim("max_cumulative_new_capacity"))
    if "min_retirement_age" in by:
        row = rows("min_retirement_age").iloc[0]
        ops.min_retirement_age = float(row["value"]) * unit_factor(row["unit"], "yr")
    for name, attr in (("committed_new_capacity", "committed_new"),
                       ("committed_capacity", "committed")):
        for _, row in rows(name).iterrows():
            value = float(row["value"]) * unit_factor(row["unit"], dim(name))
            getattr(ops, attr)[int(row["year"])] = value
    return ops


def read_reserves(ds: Dataset, commodities: pd.DataFrame, years: list[int],
                  problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Read ``reserves.csv``: per commodity its margin, peak and storage hours.

    Returns
    -------
    dict of str to dict
        ``{commodity: {"margin": array (1), "peak": array (GW) or None, "storage_hours":
        float (h, default 4), "line": first file line}}``; empty without the table.
    """
    frame = ds.tables.get("reserves")
    out: dict[str, dict[str, Any]] = {}
    if frame is None:
        return out
    for com, group in frame.groupby("commodity", sort=False):
        if com not in commodities.index:
            continue
        by = dict(iter(group.groupby("parameter")))
        entry: dict[str, Any] = {"margin": None, "peak": None, "storage_hours": 4.0,
                                 "line": group.index[0]}
        for name, unit in (("margin", "1"), ("peak", "GW")):
            if name in by:
                rows = by[name]
                factors = np.array([unit_factor(u, unit) for u in rows["unit"]])
                entry[name] = expand_years(rows, years, "reserves.csv", f"{name} of {com}",
                                           problems, factors)
        if "storage_hours" in by:
            row = by["storage_hours"].iloc[0]
            entry["storage_hours"] = float(row["value"]) * unit_factor(row["unit"], "hour")
        if entry["margin"] is None:
            problems.append(Problem(f"reserves of '{com}' give no margin", file="reserves.csv",
                                    row=entry["line"], column="parameter",
                                    valid="a row with parameter margin"))
            continue
        out[str(com)] = entry
    return out
