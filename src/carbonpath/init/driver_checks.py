"""The dataset loader's driver ranges, applied to the drivers and growth files of ``init``.

``init`` wrote a dataset from drivers that its loader then refused (a population of 600 人
for 600 万人, a grid factor of 500 t CO2/MWh), naming the written ``drivers.csv`` rather
than the user's file; a GDP of 2600 万元 for 2600 亿元 passed everywhere, since a one-row
series has no step to compare. These checks name the user's file and row:

* the absolute ranges of :data:`carbonpath.dataset.absolute.DRIVER_RANGES`;
* GDP per person (:data:`carbonpath.dataset.absolute.GDP_PER_PERSON`) in every year with both
  GDP and population;
* growth periods of one driver may not overlap (the later row would silently win).

Each is an :class:`~carbonpath.errors.ImplausibleValueError` (ranges) or a
:class:`~carbonpath.errors.DataError` (overlaps).
"""

from __future__ import annotations

import pandas as pd

from carbonpath.dataset.absolute import DRIVER_RANGES, GDP_PER_PERSON
from carbonpath.errors import DataError, ImplausibleValueError, Problem
from carbonpath.units import unit_factor

__all__ = ["check_driver_ranges", "check_growth_overlaps"]


def check_driver_ranges(drivers: pd.DataFrame, units: dict[str, str], label: str) -> None:
    """Refuse driver values outside the loader's ranges (see the module docstring).

    Parameters
    ----------
    drivers : pandas.DataFrame
        ``driver, year, value, line`` with values in ``units[driver]``.
    units : dict
        Driver -> the unit of its values.
    label : str
        The user's file name.

    Raises
    ------
    ImplausibleValueError
        Naming the file, row, column ``value`` and the range.
    """
    problems = []
    for r in drivers.itertuples(index=False):
        bound = DRIVER_RANGES.get(r.driver)
        if bound is None:
            continue
        value = r.value * unit_factor(units[r.driver], bound.unit)
        if not bound.low <= value <= bound.high:
            problems.append(Problem(
                f"implausible {r.driver}: {value:.4g} {bound.unit}, outside the range no real "
                f"city or province leaves ({bound.basis}); probably a unit slip", file=label,
                row=r.line, column="value", value=r.value,
                valid=f"{bound.low:g} .. {bound.high:g} {bound.unit}"))
    by_year = drivers.pivot_table(index="year", columns="driver", values="value",
                                  aggfunc="first") if len(drivers) else pd.DataFrame()
    if {"gdp", "population"} <= set(by_year.columns):
        low, high = GDP_PER_PERSON
        per_cny = unit_factor(units["gdp"], "CNY") / unit_factor(units["population"], "person")
        pop_low, pop_high = DRIVER_RANGES["population"].low, DRIVER_RANGES["population"].high
        pop_f = unit_factor(units["population"], "person")
        for year, row in by_year.dropna(subset=["gdp", "population"]).iterrows():
            if not pop_low <= row["population"] * pop_f <= pop_high:
                continue  # the population is named already
            each = row["gdp"] / row["population"] * per_cny if row["population"] else 0.0
            if not low <= each <= high:
                line = drivers.loc[(drivers["driver"] == "gdp") & (drivers["year"] == year),
                                   "line"].iloc[0]
                problems.append(Problem(
                    f"implausible gdp of {int(year)}: {each:,.4g} CNY per person (with the "
                    f"population of {int(year)}), outside {low:,.0f} .. {high:,.0f}; "
                    "probably a unit slip (万元 for 亿元)", file=label, row=line,
                    column="value", value=row["gdp"],
                    valid=f"gdp in {units['gdp']} giving {low:,.0f} .. {high:,.0f} CNY per "
                          "person"))
    if problems:
        raise ImplausibleValueError(problems, label)


def check_growth_overlaps(growth: pd.DataFrame, label: str) -> None:
    """Refuse two growth rows of one driver whose periods overlap.

    Raises
    ------
    DataError
        Naming the later row, its period and the row it overlaps.
    """
    problems = []
    for driver, rows in growth.groupby("driver", sort=True):
        rows = rows.sort_values("start")
        prev = None
        for r in rows.itertuples(index=False):
            if prev is not None and r.start < prev.end:
                problems.append(Problem(
                    f"the {driver} growth period {r.start}..{r.end} overlaps {prev.start}.."
                    f"{prev.end} of row {prev.line}; which rate holds in the years of both is "
                    "not said", file=label, row=r.line, column="start", value=r.start,
                    valid=f"a start of {prev.end} or later (periods one after another)"))
            prev = r if prev is None or r.end > prev.end else prev
    DataError.collect(problems, label)
