"""Checks of profiles.csv's rows: every (day, hour) once (V06, V07, V42); price multipliers.

A ``price_profile`` multiplies a technology's ``variable_cost`` in each timeslice (a
time-of-use price), so its values are ratios around 1. :func:`warn_price_profiles` warns
(:class:`PriceProfileWarning`) of one whose day-weighted mean lies outside
:data:`PRICE_MEAN` (round 22, P99: Shandong tariffs 0.3 / 0.6 / 0.9 CNY/kWh typed as the
profile, mean 0.6, cut the import price by 40 % on average).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["PRICE_MEAN", "PriceProfileWarning", "profile_key_problems", "warn_price_profiles"]

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
        profiles.csv rows (profile, day, value).
    weights : dict of str to float
        Representative day -> its weight (days a year) in dataset.yaml.
    """
    if "price_profile" not in techs:
        return
    named = [p for p in dict.fromkeys(techs["price_profile"]) if p and not is_blank(p)]
    for name in named:
        rows = profiles[profiles["profile"] == name]
        pairs = [(weights[d], float(v)) for d, v in zip(rows["day"], rows["value"], strict=True)
                 if d in weights and not is_blank(v)]
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
