"""Years of ``init``'s drivers and growth rows that no model year would read.

The model starts at the base year and ends at the horizon; a drivers row before the base
year (G06, G11) or a growth row ending by it (round 21 K58) is read by no year and is an
error naming the user's file and row; a drivers row after the horizon whose digits, swapped,
give a model year warns (round 21 L18, L51), as the dataset loader warns of the same row of
the ``drivers.csv`` that ``init`` writes.
"""

from __future__ import annotations

import warnings

import pandas as pd

from carbonpath.errors import Problem
from carbonpath.init.draft import Draft

__all__ = ["before_base", "growth_unread", "late_years"]


def before_base(d: Draft, drivers: pd.DataFrame, problems: list[Problem]) -> None:
    """drivers.csv rows before the base year: an error for every driver (G06, G11).

    The model starts at the base year, so such a row would not be read.
    """
    for r in drivers[drivers["year"] < d.base_year].itertuples():
        problems.append(Problem(f"{r.driver} row before the base year (the model starts "
                                "there; it would not be read)",
                                file=drivers.attrs.get("file", "drivers"),
                                row=getattr(r, "line", None), column="year",
                                value=int(r.year),
                                valid=f"a year from {d.base_year} to {d.horizon}"))


def late_years(d: Draft, drivers: pd.DataFrame) -> None:
    """Warn of drivers rows after the horizon whose digits give a model year (L18, L51).

    :func:`carbonpath.dataset.year_slips.late_rows` on the user's rows as typed, naming
    the user's file and row (the loader warns the same of the ``drivers.csv`` init writes).
    """
    from carbonpath.dataset.year_slips import UnusedYearWarning, late_rows

    label = drivers.attrs.get("file", "drivers")
    typed = drivers.attrs.get("as_written", {})
    frame = drivers.set_index("line")
    frame = frame.assign(value=[typed.get(line, (v, ""))[0] for line, v in frame["value"].items()],
                         unit=[typed.get(line, (0, ""))[1] for line in frame.index])
    for text in late_rows(frame, ["driver"], d.base_year, d.horizon,
                          lambda key: f"driver {key[0]}", lambda line: f"{label}, row {line}"):
        warnings.warn(text, UnusedYearWarning, stacklevel=4)


def growth_unread(d: Draft, growth: pd.DataFrame, problems: list[Problem]) -> None:
    """Growth rows that no model year reads (round 21 K58).

    A rate holds over ``start+1 .. end``; the model's years after the base year are
    ``base_year+1 .. horizon``. A row ending at or before the base year is read by no year,
    like a drivers row before the base year (:func:`before_base`), and the default rate
    took its place without a word (years typed 10 off: 2012..2021 for 2022..2031): an
    error. A row starting at or after the horizon is a plan's later period (2031..2035
    beside a horizon of 2030): said in the README, not warned.
    """
    label = growth.attrs.get("file", "growth")
    for r in growth.itertuples():
        if r.end <= d.base_year:
            span = r.end - r.start
            problems.append(Problem(
                f"the {r.driver} growth of {r.rate:.1%}/yr over {r.start + 1}..{r.end} ends by "
                f"the base year {d.base_year}: no model year reads it (the default rate would "
                "hold instead)", file=label, row=r.line, column="end", value=r.end,
                valid=f"a period reaching past the base year, e.g. start {d.base_year}, end "
                f"{d.base_year + span} if the years were typed early, or delete the row"))
        elif r.start >= d.horizon:
            d.assumed.append(f"{label}, row {r.line}: the {r.driver} growth over "
                             f"{r.start + 1}..{r.end} starts after the horizon {d.horizon} "
                             "(not read)")
