"""Dated rows outside the model years that look like a model year with its digits swapped.

Model years interpolate between given years (:func:`carbonpath.dataset.series.expand_years`),
so a row outside ``base year .. horizon`` is either never read or read only as a far end
towards which the model years are interpolated. A year typed with two digits swapped lands
there without a word: ``2003`` for 2030 before the base year (round 18's R90), ``2072`` for
2027 after the horizon (round 21's L18, L51). Three kinds are warned of
(:class:`UnusedYearWarning`):

* **a row before the base year that no model year reads** (:func:`unused_early_rows`): a
  later row at or before the base year gives the series' start, so the early one is dead.
  Every such row warns (a row kept on purpose there is useless); its digits name the model
  years it could have meant;
* **a row after the horizon that no model year reads** (:func:`late_rows`): an interpolated
  series (a cost, a price, a demand, a driver, a reserve, an emission factor) that already
  has a row at or after the horizon never reads a later one: pv capex ``2024 3000``,
  ``2072 2000`` (2027 meant), ``2030 2400`` interpolates 3000 -> 2400 and drops the 2000;
* **a row after the horizon read as a far interpolation point** (:func:`late_rows`): a
  bound (``range`` parameters: max_capacity ...) given ``2024 300 MW``, ``2072 3000 MW`` is
  interpolated between them, 637.5 MW in 2030 where a 2027 row would have allowed 3000 MW
  from 2027; an interpolated series without a horizon row reads its first later row so too.

After the horizon, only a row whose digits give a model year that the series does not give
warns: projections for 2035, 2040, 2050 or 2060 (beyond a 2030 horizon, or a 2040 one) are
common and right, and none of those years has a permutation inside a model horizon that
does not include it (2035: 2053, 2305, ...; 2060: 2006, 2600, ...). A row before the base
year warns whatever its digits: the series' start is given by a later row, so it is dead.
``demands.csv`` rows read from after the horizon are left to
:func:`carbonpath.dataset.series.warn_horizon_interpolated` (round 20's Y06), whose message
names the year meant the same way (:func:`swapped_years`). Observed ``activity`` rows,
committed projects (``dated``) and drivers before the base year (history) are judged
elsewhere or not at all.

A fourth kind is a bound dated in one year only (:func:`single_year_bounds`,
:class:`SingleYearBoundWarning`, round 24's D15): a ``range`` parameter holds between its
first and last given year, so ``grid_import,max_activity,2030,1000`` (the source's year)
limits imports in 2030 alone and leaves every other decision year unbounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import permutations
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import PARAMETERS
from carbonpath.errors import CarbonpathWarning

__all__ = ["SingleYearBoundWarning", "UnusedYearWarning", "late_rows", "single_year_bounds",
           "swapped_years", "unused_early_rows", "warn_unused_rows", "year_slip_messages"]


class UnusedYearWarning(CarbonpathWarning):
    """A dated row outside the model years: unused, or read from after the horizon.

    Probably a year slip: a row no model year uses, or one read from after the horizon
    whose digits give a model year the series lacks (2072 for 2027).
    """


class SingleYearBoundWarning(CarbonpathWarning):
    """A bound (a ``range`` parameter) dated in one year only: the other years are unbounded.

    Meant for a plan's figure of one year (a 2030 minimum of PV), but also what a limit
    copied with its source's year gives (an interconnector's ``max_activity`` dated 2030
    left the imports of 2025 .. 2029 free, round 24's D15).
    """


def swapped_years(year: int, base_year: int, horizon: int, given: Iterable[int]) -> list[int]:
    """Model years written with the digits of ``year`` that the series does not give.

    Parameters
    ----------
    year : int
        The year as written (``2072``).
    base_year, horizon : int
        The model's first and last year.
    given : iterable of int
        The years the series gives (a year it gives already is not what was meant).

    Returns
    -------
    list of int
        Ascending; ``[2027]`` for 2072 in 2024..2030 without a 2027 row; empty if none.
    """
    text = str(int(year))
    return sorted({int("".join(p)) for p in permutations(text)
                   if p[0] != "0" and base_year <= int("".join(p)) <= horizon}
                  - set(given) - {int(year)})


def _hint(meant: list[int], year: int) -> str:
    """``; 2027 typed as 2072?`` (empty without a year meant)."""
    return f"; {' or '.join(map(str, meant))} typed as {int(year)}?" if meant else ""


def unused_early_rows(frame: pd.DataFrame, keys: list[str], base_year: int, horizon: int,
                      what: Callable[[tuple], str], where: Callable[[Any], str]) -> list[str]:
    """Rows dated before the base year that no model year reads.

    Of the rows at or before the base year only the latest is read; an earlier one is
    never used. That is a year typed wrong far more often than a row kept on purpose (a
    demands.csv row of 2030 typed 2003, round 18's R90): each such row is named, with the
    model years its digits could have meant.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with the ``keys`` columns (no missing cells) and ``year`` (index = file line).
    keys : list of str
        The columns naming one series.
    base_year, horizon : int
        The model's first and last year.
    what : callable
        Key tuple -> the series' name in the message.
    where : callable
        Index label -> ``'file, row N'``.

    Returns
    -------
    list of str
        One message per unused row; empty if none.
    """
    year = pd.to_numeric(frame["year"], errors="coerce")
    if not (year < base_year).any():
        return []
    out = []
    dated = frame.assign(_year=year)[year.notna()]
    for key, group in dated.groupby(keys, sort=True):
        before = group[group["_year"] <= base_year]
        if len(before) < 2:
            continue  # the one row at or before the base year is the series' start
        latest = before["_year"].max()
        read = before.index[before["_year"] == latest][0]
        given = set(group["_year"].astype(int))
        for line, y in before["_year"].items():
            if y >= latest:
                continue
            hint = _hint(swapped_years(int(y), base_year, horizon, given), int(y))
            name = what(key if isinstance(key, tuple) else (key,))
            out.append(
                f"{where(line)}: {name}: the row of {int(y)} lies before the base year "
                f"{base_year} and {where(read)} gives {int(latest)}, so no model year uses "
                f"it (the model interpolates from {int(latest)} on){hint}")
    return out


def late_rows(frame: pd.DataFrame, keys: list[str], base_year: int, horizon: int,
              what: Callable[[tuple], str], where: Callable[[Any], str],
              bound: Callable[[tuple], bool] = lambda key: False,
              read_left: Callable[[tuple], bool] = lambda key: False) -> list[str]:
    """Rows dated after the horizon whose digits give a model year the series lacks.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with the ``keys`` columns (no missing cells), ``year``, ``value`` and ``unit``
        (index = file line).
    keys : list of str
        The columns naming one series.
    base_year, horizon : int
        The model's first and last year.
    what : callable
        Key tuple -> the series' name in the message.
    where : callable
        Index label -> ``'file, row N'``.
    bound : callable
        Key tuple -> whether the series is a bound (a ``range`` parameter: no bound outside
        its first and last given year) rather than an interpolated trajectory.
    read_left : callable
        Key tuple -> whether a row read from after the horizon is warned of elsewhere
        (``demands.csv``: :func:`carbonpath.dataset.series.warn_horizon_interpolated`).

    Returns
    -------
    list of str
        One message per such row: never read (a row at or after the horizon comes before
        it), or read as the far end of the interpolation (the value it gives the horizon,
        in the row's unit, where all rows share it).
    """
    year = pd.to_numeric(frame["year"], errors="coerce")
    if not (year > horizon).any():
        return []
    out = []
    dated = frame.assign(_year=year)[year.notna()]
    for key, group in dated.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        late = group[group["_year"] > horizon]
        if late.empty:
            continue
        given = {int(y) for y in group["_year"]}
        inside = group[group["_year"] <= horizon]
        first = late["_year"].min()
        covered = (inside["_year"] == horizon).any()
        for line, y in late["_year"].items():
            meant = swapped_years(int(y), base_year, horizon, given)
            if not meant:
                continue
            name = what(key)
            if covered or y > first:  # the horizon row, or an earlier late row, is read
                stop = horizon if covered else int(first)
                at = (inside.index[inside["_year"] == horizon][0] if covered
                      else late.index[late["_year"] == first][0])
                reading = (f"{where(at)} gives {stop}, so no model year uses it (the model "
                           f"interpolates up to {stop}" + (", and a bound ends at its last "
                                                          "given year)" if bound(key) else ")"))
            elif inside.empty:
                continue  # a bound covering no model year is refused (_check_coverage)
            elif read_left(key):
                continue
            else:
                last = int(inside["_year"].max())
                value = _towards(group, horizon)
                reading = (f"the model years after {last} are interpolated towards it"
                           + (f" ({value} in {horizon})" if value else "")
                           + (f", where a {meant[0]} row would end the bound in {meant[0]}"
                              if bound(key) else ""))
            out.append(f"{where(line)}, column year: {name}: the row of {int(y)} lies after "
                       f"the horizon {horizon}; {reading}{_hint(meant, int(y))}")
    return out


def _towards(group: pd.DataFrame, year: int) -> str:
    """The series' value interpolated at ``year`` in its one unit (``637.5 MW``), or ''."""
    units = {str(u).strip() for u in group["unit"]} if "unit" in group else set()
    if len(units) != 1:
        return ""
    try:
        ys = group["_year"].astype(float).to_numpy()
        vs = group["value"].astype(float).to_numpy()
    except (TypeError, ValueError):
        return ""
    order = np.argsort(ys)
    value = float(np.interp(year, ys[order], vs[order]))
    unit = next(iter(units))
    return f"{value:.6g}" + ("" if unit in ("", "1", "nan") else f" {unit}")


def year_slip_messages(tables: dict[str, pd.DataFrame], base_year: int, horizon: int,
                       where: Callable[[str, Any], str]) -> list[str]:
    """The texts of :func:`unused_early_rows` and :func:`late_rows` for a dataset's tables.

    The interpolated and ranged parameters of ``parameters.csv`` (per technology, parameter
    and day), the demands (per commodity and region) and, where given, the reserves (per
    commodity and parameter) are compared on both sides; the drivers (per driver and
    region) and the emission factors of ``emissions.csv`` (per technology, gas, basis and
    commodity) after the horizon only (a driver's years before the base year are history:
    GDP per person, decomposition).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables (index = file line, or a scenario override's key).
    base_year, horizon : int
        The model's first and last year.
    where : callable
        ``(table, index label) -> 'file, row N'``.

    Returns
    -------
    list of str
        One text per row found.
    """
    found: list[str] = []
    params = tables["parameters"]
    kinds = params["parameter"].map(lambda n: PARAMETERS[n].by_year if n in PARAMETERS else "")
    params = params[kinds.isin(("interpolate", "range")) & params["value"].notna()]
    params = params.assign(day=params["day"].fillna("") if "day" in params else "")

    def param_name(k: tuple) -> str:
        """``pv capex`` (``on day winter``)."""
        return f"{k[0]} {k[1]}" + (f" on day {k[2]}" if k[2] else "")

    keys = ["technology", "parameter", "day"]
    at = lambda table: lambda line: where(table, line)  # noqa: E731
    found += unused_early_rows(params, keys, base_year, horizon, param_name, at("parameters"))
    found += late_rows(params, keys, base_year, horizon, param_name, at("parameters"),
                       bound=lambda k: PARAMETERS[k[1]].by_year == "range")
    demands = tables["demands"]
    demands = demands[demands["value"].notna()]
    demands = demands.assign(region=demands["region"].fillna("") if "region" in demands else "")

    def demand_name(k: tuple) -> str:
        """``demand of electricity`` (``in city``)."""
        return f"demand of {k[0]}" + (f" in {k[1]}" if k[1] else "")

    for check in (unused_early_rows, late_rows):
        extra = {"read_left": lambda k: True} if check is late_rows else {}
        found += check(demands, ["commodity", "region"], base_year, horizon, demand_name,
                       at("demands"), **extra)
    reserves = tables.get("reserves")
    if reserves is not None:
        reserves = reserves[reserves["value"].notna()]
        for check in (unused_early_rows, late_rows):
            found += check(reserves, ["commodity", "parameter"], base_year, horizon,
                           lambda k: f"{k[1]} of {k[0]}", at("reserves"))
    drivers = tables["drivers"]
    drivers = drivers[drivers["value"].notna()]
    drivers = drivers.assign(region=drivers["region"].fillna("") if "region" in drivers else "")
    found += late_rows(drivers, ["driver", "region"], base_year, horizon,
                       lambda k: f"driver {k[0]}" + (f" of {k[1]}" if k[1] else ""),
                       at("drivers"))
    emissions = tables.get("emissions")
    keys = ["technology", "gas", "basis", "commodity"]
    if emissions is not None and set(keys) <= set(emissions.columns):
        emissions = emissions[emissions["value"].notna()]
        emissions = emissions.assign(**{k: emissions[k].fillna("").astype(str) for k in keys})
        found += late_rows(emissions, keys, base_year, horizon,
                           lambda k: " ".join(x for x in k if x), at("emissions"))
    return found


def single_year_bounds(params: pd.DataFrame, years: list[int], first_decision: int,
                       where: Callable[[Any], str]) -> list[str]:
    """Bounds of ``parameters.csv`` given for one year only, leaving decision years free.

    A ``range`` parameter (``max_activity``, ``max_capacity``, ``min_capacity``, ...) holds
    between its first and last given year and nowhere else (docs/data-format.md, Year-indexed
    values). A series (technology, parameter, day) whose rows all give one and the same
    year therefore binds that year alone: ``grid_import,max_activity,2030,1000,GWh/yr`` in
    tiny (2024 .. 2030) left the imports of 2025 .. 2029 free (6,068.6 GWh in 2025 over a
    1,000 GWh/yr tie, round 24's D15). The row may be meant (a plan's 2030 figure), so the
    check warns, naming both readings: a blank year (every year) or rows for the years it
    should bind, or for a plan's figure of that year alone a ``plan.yaml`` target of type
    ``bound`` with ``years: [2030]`` (which says so, quietly). Quiet for a blank-year row,
    for a series of two or more years (a trajectory written on purpose; its span is the
    documented range), when the one year is the only decision year, and for the minimums
    (``min_capacity``, ``min_activity``, ``min_new_capacity``, ``min_full_load_hours``): a
    floor of one year is a plan's target (1 GW of PV in 2030) far more often than a slip,
    and read for every year it would mostly ask the base year for what it has not got. A
    ``max_cumulative_new_capacity`` of one year binds the years before it too (what was
    built stays built), so only the years after it are free: given for the horizon, it is
    quiet. A series covering no model year is refused elsewhere
    (:func:`carbonpath.dataset.checks._check_coverage`).

    Parameters
    ----------
    params : pandas.DataFrame
        ``parameters.csv`` (or a resolved scenario's table): ``technology``, ``parameter``,
        ``year``, ``value``, optional ``day`` (index = file line or an override's label).
    years : list of int
        The model years (base year .. horizon).
    first_decision : int
        The first decision year (the years before it are observed, fixed to the data).
    where : callable
        Index label -> ``'file, row N'`` (or ``'dataset.yaml, key K'``).

    Returns
    -------
    list of str
        One message per such series, naming its row, column ``year``, the years left free
        and the two readings.
    """
    kinds = params["parameter"].map(lambda n: PARAMETERS[n].by_year if n in PARAMETERS else "")
    floors = params["parameter"].astype(str).str.startswith("min_")
    bounds = params[(kinds == "range") & ~floors & params["value"].notna()]
    if bounds.empty:
        return []
    bounds = bounds.assign(_year=pd.to_numeric(bounds["year"], errors="coerce"),
                           _day=bounds["day"].fillna("") if "day" in bounds else "")
    decision = [y for y in years if y >= first_decision]
    out = []
    for (code, name, day), group in bounds.groupby(["technology", "parameter", "_day"],
                                                   sort=False):
        given = group["_year"]
        if given.isna().any() or given.nunique() != 1:
            continue
        year = int(given.iloc[0])
        free = [y for y in decision if y > year or (y < year and name not in _MONOTONE)]
        if year not in years or not free:
            continue  # outside the model years: refused by _check_coverage
        on_day = f" on day {day}" if day else ""
        state = (f", an observed year fixed to the data, and no decision year "
                 f"({_years_text(decision)})" if year < first_decision else
                 f" and leaves {_years_text(free)} free")
        out.append(
            f"{where(group.index[0])}, column year: {code} {name}{on_day} is given for "
            f"{year} only, and a bound holds only between its first and last given year, so "
            f"it binds {year} alone{state}; if it holds every year ({years[0]}.."
            f"{years[-1]}), leave the year blank; if it is one point of a trajectory, give "
            f"rows for the first and last year it should bind (e.g. {decision[0]} and "
            f"{years[-1]}, interpolated between)" + (
                f"; if it is a plan's figure for {year} alone, say so with a plan.yaml target "
                f"of type bound (quantity {_TARGETS[name]}, max, years: [{year}])"
                if name in _TARGETS and year >= first_decision else ""))
    return out


#: Bounds on a quantity that never falls (what was built stays built): one of a year binds
#: every year before it too.
_MONOTONE = frozenset({"max_cumulative_new_capacity"})
#: The bounds a plan.yaml target of type ``bound`` can state for chosen years (its quantity).
_TARGETS = {"max_capacity": "capacity", "max_new_capacity": "new_capacity",
            "max_activity": "activity"}


def _years_text(years: list[int]) -> str:
    """``2025..2029`` for consecutive years, else ``2025, 2027``."""
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}..{years[-1]}"
    return ", ".join(map(str, years))


def warn_unused_rows(tables: dict[str, pd.DataFrame], base_year: int, horizon: int,
                     where: Callable[[str, Any], str] | None = None,
                     first_decision: int | None = None) -> None:
    """Issue :func:`year_slip_messages` as :class:`UnusedYearWarning` s.

    Also :func:`single_year_bounds` of ``parameters`` as :class:`SingleYearBoundWarning` s
    (``first_decision`` defaults to the year after the base year). ``where`` defaults to
    ``'<table>.csv, row N'``; the scenario checks pass the one that names an override's file
    or ``dataset.yaml`` key.
    """
    place = where or (lambda table, line: f"{table}.csv, row {line}")
    for message in year_slip_messages(tables, base_year, horizon, place):
        notices.warn(message, UnusedYearWarning, stacklevel=3)
    first = base_year + 1 if first_decision is None else first_decision
    for message in single_year_bounds(tables["parameters"], list(range(base_year, horizon + 1)),
                                      first, lambda line: place("parameters", line)):
        notices.warn(message, SingleYearBoundWarning, stacklevel=3)

