"""Checks that each profile of profiles.csv gives every (day, hour) once (V06, V07, V42)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from carbonpath.dataset.tables import is_blank
from carbonpath.errors import Problem


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
