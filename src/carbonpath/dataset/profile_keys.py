"""Checks of profiles.csv's rows: (day, hour) keys, price and availability profiles.

Every (day, hour) once (V06, V07, V42); price multipliers; availability profiles against
their sector's full-load hours and the capacity credits.

A ``price_profile`` multiplies a technology's ``variable_cost`` in each timeslice (a
time-of-use price), so its values are ratios around 1. :func:`warn_price_profiles` warns
(:class:`PriceProfileWarning`) of one whose day-weighted mean lies outside
:data:`PRICE_MEAN` (round 22, P99: Shandong tariffs 0.3 / 0.6 / 0.9 CNY/kWh typed as the
profile, mean 0.6, cut the import price by 40 % on average).

An ``availability_profile`` caps a technology's output per unit of capacity in each
timeslice, so its day-weighted sum is the full-load hours the technology can run a year.
:func:`availability_problems` warns (:class:`AvailabilityProfileWarning`) of a solar or
wind technology whose profile allows more than its sector's fleets reach
(:data:`carbonpath.dataset.generation.FULL_LOAD_HOURS`: solar 3,000 h, wind 6,000 h; round
25, MA34: a PV profile normalised to its peak, 1.0 for 0.3, let PV run 4,380 h), and refuses
a ``capacity_credit`` above the profile's highest value: firm capacity the technology can
deliver in no timeslice (MA106: a PV credit of 1.0 with a profile of at most 0.3), and a
``min_full_load_hours`` above the profile's full-load hours (round 27, MC92).

Every check reads a profile's values in their unit, as the model does (:func:`weighted_values`:
``30,%`` is 0.3; round 27, MC07 MC50 MC86 MC105 had read it as 30).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem, UnitError

__all__ = ["PRICE_MEAN", "AvailabilityProfileWarning", "BlankProfileWarning",
           "PriceProfileWarning", "availability_problems", "profile_key_problems",
           "warn_blank_demand_profiles", "warn_price_profiles", "weighted_values"]

PRICE_MEAN = (0.8, 1.25)
"""Day-weighted mean of a price profile outside which it warns. Time-of-use tariffs set peak
and valley prices as multiples of the flat price (peak about 1.5-1.8, valley about 0.3-0.5,
flat 1; provincial TOU notices, recalled) over blocks of similar length, so their mean stays
near 1; a profile of absolute prices (0.3 .. 0.9 CNY/kWh: mean 0.6; 300 .. 900 CNY/MWh:
mean 600) leaves the band. The band is symmetric in ratio (0.8 = 1/1.25)."""


class PriceProfileWarning(CarbonpathWarning):
    """A price profile whose mean is far from 1 (prices typed for multipliers, P99)."""


def warn_price_profiles(techs: pd.DataFrame, profiles: pd.DataFrame,
                        weights: dict[str, float]) -> None:
    """Warn of each price profile whose day-weighted mean lies outside :data:`PRICE_MEAN`.

    Parameters
    ----------
    techs : DataFrame
        technologies.csv (its ``price_profile`` column; rows without one are skipped).
    profiles : DataFrame
        profiles.csv rows (profile, day, value, unit: 30 % is read as 0.3).
    weights : dict of str to float
        Representative day -> its weight (days a year) in dataset.yaml.
    """
    if "price_profile" not in techs:
        return
    named = [p for p in dict.fromkeys(techs["price_profile"]) if p and not is_blank(p)]
    for name in named:
        rows = profiles[profiles["profile"] == name]
        pairs = weighted_values(rows, weights)
        total = sum(w for w, _ in pairs)
        if not total:
            continue
        mean = sum(w * v for w, v in pairs) / total
        if PRICE_MEAN[0] <= mean <= PRICE_MEAN[1]:
            continue
        users = ", ".join(sorted(str(t) for t in techs.loc[techs["price_profile"] == name,
                                                           "technology"]))
        notices.warn(
            f"profiles.csv, rows {rows.index[0]} .. {rows.index[-1]}, column 'value': price "
            f"profile '{name}' (price_profile of {users} in technologies.csv) has a "
            f"day-weighted mean of {mean:.3g}; a price profile multiplies the variable_cost "
            f"in each timeslice, so its values are ratios around 1 (mean "
            f"{PRICE_MEAN[0]:g} .. {PRICE_MEAN[1]:g}), and this one changes the average price "
            f"{mean:.3g}-fold. If the values are prices, divide each by their mean (or by the "
            "flat price) and keep the price in variable_cost", PriceProfileWarning,
            stacklevel=4)


class BlankProfileWarning(CarbonpathWarning):
    """A demand row with a blank profile beside a row of the same demand naming one (MG11)."""


def warn_blank_demand_profiles(demands: pd.DataFrame, timeslice: set[str]) -> None:
    """Warn of a blank ``profile`` in a demand whose other rows name one (round 31, MG11).

    A demand's hourly shape is one profile for every year, so the model gives a blank row
    the profile its other rows name, not the flat load a blank means alone (refused beside
    an unused profile, D128). The blank may be a left-off copy (then the result is right)
    or a flat load meant (which the model cannot give one year); the warning names each
    blank row and the profile it takes.

    Parameters
    ----------
    demands : DataFrame
        demands.csv rows (commodity, optional region, profile); the index is the file line.
    timeslice : set of str
        Commodities balanced by timeslice (only their demands have a shape).
    """
    if demands.empty or "profile" not in demands:
        return
    blank = demands["profile"].map(lambda p: not p or is_blank(p))
    region = (demands["region"].fillna("") if "region" in demands
              else pd.Series("", index=demands.index))
    for (com, where), group in demands.groupby([demands["commodity"], region], sort=False):
        empty = group.index[blank[group.index]]
        names = list(dict.fromkeys(group.loc[~blank[group.index], "profile"]))
        if com not in timeslice or len(names) != 1 or not len(empty):
            continue
        named = group.index[~blank[group.index]][0]
        rows = ", ".join(str(line) for line in empty)
        notices.warn(
            f"demands.csv, row{'s' if len(empty) > 1 else ''} {rows}, column 'profile': the "
            f"demand of {com}{f' in {where}' if where else ''} names no profile there while "
            f"row {named} names '{names[0]}'; a demand's hourly shape is one profile for every "
            f"year, so the model uses '{names[0]}' in those rows too, not a flat load. If "
            f"that is meant, write '{names[0]}' in each row; a flat load needs a flat profile "
            "in profiles.csv named in every row", BlankProfileWarning, stacklevel=4)


class AvailabilityProfileWarning(CarbonpathWarning):
    """A solar or wind availability profile allowing more full-load hours than fleets run."""


def _sector_hours(sector: str) -> tuple[str, float] | None:
    """(sector class, most full-load hours) of a solar or wind sector (or a child), else None."""
    from carbonpath.codes import sectors
    from carbonpath.dataset.generation import FULL_LOAD_HOURS

    for s in (sector, sectors().column("parent").get(sector, "")):
        if s in ("solar_power", "wind_power"):
            return s, FULL_LOAD_HOURS[s][1]
    return None


def availability_problems(tables: dict[str, pd.DataFrame], weights: dict[str, float],
                          hours: int) -> list[Problem]:
    """Check availability profiles: full-load hours (a warning), capacity credits (refused).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``technologies`` (``sector``, ``availability_profile``), ``profiles`` (profile, day,
        value, unit) and ``parameters`` (index = file line, or a scenario row's label).
    weights : dict of str to float
        Representative day -> its weight (days a year) in dataset.yaml.
    hours : int
        Timeslices a day (each lasts 24 / hours h).

    Returns
    -------
    list of Problem
        One per ``capacity_credit`` row above the highest value of its technology's
        availability profile (``parameters.csv``, column ``value``, valid: at most that
        value), and one per ``min_full_load_hours`` row above the full-load hours the
        profile allows (valid: at most those hours).

    Warns
    -----
    AvailabilityProfileWarning
        A technology of sector ``solar_power`` or ``wind_power`` (or a child) whose profile
        sums to more full-load hours a year than its sector's fleets run, naming the
        profile's rows and the factor that would bring it to the typical hours.
    """
    from carbonpath.dataset.generation import FULL_LOAD_HOURS
    from carbonpath.units import unit_factor

    techs, profiles = tables["technologies"], tables["profiles"]
    if "availability_profile" not in techs or hours <= 0:
        return []
    named = {str(t): str(p) for t, p in zip(techs["technology"], techs["availability_profile"],
                                            strict=True) if p and not is_blank(p)}
    peak: dict[str, float] = {}
    most: dict[str, float] = {}  # full-load hours a year the profile allows (MC92)
    warned: set[str] = set()
    for _, row in records(techs):
        name = named.get(str(row["technology"]))
        rows = profiles[profiles["profile"] == name] if name else profiles[:0]
        values = weighted_values(rows, weights)
        if not values:
            continue
        full = sum(w * v for w, v in values) * 24.0 / hours
        peak[str(row["technology"])] = max(v for _, v in values)
        most[str(row["technology"])] = full
        found = _sector_hours(str(row.get("sector") or ""))
        if found is None or full <= found[1] or name in warned:
            continue
        warned.add(name)
        typical = FULL_LOAD_HOURS[found[0]][2]
        notices.warn(
            f"profiles.csv, rows {rows.index[0]} .. {rows.index[-1]}, column 'value': "
            f"availability profile '{name}' of {row['technology']} ({found[0]}) lets it run "
            f"{full:,.0f} full-load hours a year, more than any {found[0].replace('_', ' ')} "
            f"fleet runs ({found[1]:,.0f} h; typical {typical[0]:,.0f} .. {typical[1]:,.0f} "
            "h); an availability profile is the output per unit of capacity in each "
            "timeslice (a capacity factor), not a shape normalised to its peak. If the "
            f"values are such a shape, multiply each by {typical[1] / full:.3g} (or by the "
            f"site's full-load hours / {full:,.0f})", AvailabilityProfileWarning,
            stacklevel=4)
    out = []
    params = tables["parameters"]
    for line, row in records(params[params["parameter"] == "capacity_credit"]):
        top = peak.get(str(row["technology"]))
        if top is None or is_blank(row["value"]):
            continue
        try:
            credit = float(row["value"]) * unit_factor(str(row["unit"]), "1")
        except (UnitError, KeyError, TypeError, ValueError):
            continue  # the unit's own check names it
        if credit <= top + 1e-9:
            continue
        out.append(Problem(
            f"capacity_credit {credit:g} of {row['technology']} is above the highest value "
            f"of its availability profile '{named[str(row['technology'])]}' ({top:g}): it "
            "would count as firm capacity that the technology can deliver in no timeslice",
            file="parameters.csv", row=line, column="value", value=row["value"],
            valid=f"at most {top:g} (the profile's highest value; a credit counts at the peak "
                  "load, so usually the profile's value in the peak's timeslice)"))
    return out + _min_hours_problems(params, most, named)


def _min_hours_problems(params: pd.DataFrame, most: dict[str, float],
                        named: dict[str, str]) -> list[Problem]:
    """``min_full_load_hours`` rows above the hours the availability profile allows (MC92).

    The model caps a technology's output in each timeslice at capacity x availability x
    the profile's value, so it runs at most the profile's full-load hours a year
    (``most``); a guaranteed minimum above them leaves no solution with any capacity.
    """
    from carbonpath.units import unit_factor

    out = []
    for line, row in records(params[params["parameter"] == "min_full_load_hours"]):
        top = most.get(str(row["technology"]))
        if top is None or is_blank(row["value"]):
            continue
        try:
            asked = float(row["value"]) * unit_factor(str(row["unit"]), "hour/yr")
        except (UnitError, KeyError, TypeError, ValueError):
            continue  # the unit's own check names it
        if asked <= top * (1 + 1e-9) + 1e-9:
            continue
        year = "" if is_blank(row.get("year")) else f" in {int(row['year'])}"
        out.append(Problem(
            f"min_full_load_hours {asked:,.0f} h/yr of {row['technology']}{year} is more "
            f"than its availability profile '{named[str(row['technology'])]}' lets it run: "
            f"{top:,.0f} full-load hours a year (the day-weighted sum of the profile's "
            "values), so no capacity of it could meet the minimum",
            file="parameters.csv", row=line, column="value", value=row["value"],
            valid=f"at most {top:,.0f} h/yr (less if an availability below 1 scales the "
                  "profile down), or a profile that allows the guaranteed hours"))
    return out


def weighted_values(rows: pd.DataFrame, weights: dict[str, float]) -> list[tuple[float, float]]:
    """(day weight, value in unit 1) of a profile's rows, as the model reads them (MC07).

    Parameters
    ----------
    rows : DataFrame
        profiles.csv rows of one profile (day, value, unit).
    weights : dict of str to float
        Representative day -> its weight (days a year).

    Returns
    -------
    list of (float, float)
        One pair per row of a known day with a value; a value written in ``%`` is read as
        the model reads it (30 % -> 0.3). Rows of a blank value, an unknown day or a unit
        that is not dimensionless are skipped (the row checks name them).
    """
    from carbonpath.units import unit_factor

    units = rows["unit"] if "unit" in rows else pd.Series("1", index=rows.index)
    out = []
    for day, value, unit in zip(rows["day"], rows["value"], units, strict=True):
        if day not in weights or is_blank(value):
            continue
        try:
            factor = 1.0 if is_blank(unit) else unit_factor(str(unit), "1")
        except (UnitError, KeyError, TypeError, ValueError):
            continue
        out.append((weights[day], float(value) * factor))
    return out


def _hours_text(hours: Sequence[int], per_day: int) -> str:
    """Name a day's hours briefly: "all 24 hours", "hour 3" or "hours 3, 5"."""
    if len(hours) == per_day:
        return f"all {per_day} hours (0 .. {per_day - 1})"
    shown = ", ".join(str(h) for h in hours[:8]) + (", ..." if len(hours) > 8 else "")
    return f"hour{'s' if len(hours) > 1 else ''} {shown}"


def _missing_text(missing: set[tuple[str, int]], days: Sequence[str], hours: int) -> str:
    """Name the missing (day, hour) pairs by day, in the order of dataset.yaml's days."""
    parts = []
    for day in days:
        lacking = sorted(h for d, h in missing if d == day)
        if lacking:
            parts.append(f"day '{day}' {_hours_text(lacking, hours)}")
    return "; ".join(parts)


def profile_key_problems(profiles: pd.DataFrame, days: Sequence[str],
                         hours: int) -> list[Problem]:
    """Find profiles that repeat or lack a (day, hour) of dataset.yaml's timeslices.

    Parameters
    ----------
    profiles : DataFrame
        profiles.csv, indexed by file line (or by a scenario override's row label), with columns
        profile, day, hour.
    days : sequence of str
        The representative days of dataset.yaml's ``timeslices.days``, in order.
    hours : int
        Hours per day.

    Returns
    -------
    list of Problem
        One per repeated (day, hour), naming its rows, and one per incomplete profile naming the
        missing (day, hour) values grouped by day (a whole day missing, as when a day is added to
        dataset.yaml without its profile rows, is named as that day's hours). Rows whose day or
        hour is itself invalid are left to the row checks.
    """
    problems: list[Problem] = []
    wanted = {(d, h) for d in days for h in range(hours)}
    for name, group in profiles.groupby("profile"):
        seen: dict[tuple[str, int], list] = {}
        for line, day, hour in zip(group.index, group["day"], group["hour"], strict=True):
            if is_blank(hour) or is_blank(day):
                continue
            seen.setdefault((day, int(hour)), []).append(line)
        for (day, hour), lines in seen.items():
            if len(lines) > 1:
                problems.append(Problem(
                    f"profile '{name}' gives (day '{day}', hour {hour}) in rows "
                    f"{', '.join(str(x) for x in lines)}", file="profiles.csv", row=lines[-1],
                    column="hour", value=hour,
                    valid=f"one row per (day, hour): drop all but one of rows "
                          f"{', '.join(str(x) for x in lines)}"))
        missing = wanted - set(seen)
        if missing:
            # B110: rows of a scenario's override are labelled by their own file and line
            first = group.index[0]
            override = isinstance(first, str)
            problems.append(Problem(
                f"profile '{name}' has {len(wanted) - len(missing)} of the {len(wanted)} "
                f"(day, hour) values it needs; missing: {_missing_text(missing, days, hours)}"
                + ("; a scenario's profiles.csv replaces the whole profile, "
                   "so give all of its rows there" if override else ""),
                file="profiles.csv", row=first if override else None, column="profile",
                valid=f"one row for each day of dataset.yaml's timeslices.days "
                      f"({', '.join(days)}) and each hour 0 .. {hours - 1}"))
    return problems
