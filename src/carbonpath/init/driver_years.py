"""Years of ``init``'s drivers and growth rows that no model year would read.

The model starts at the base year and ends at the horizon; a drivers row before the base
year (G06, G11) or a growth row ending by it (round 21 K58) is read by no year and is an
error naming the user's file and row; a drivers row after the horizon whose digits, swapped,
give a model year warns (round 21 L18, L51), as the dataset loader warns of the same row of
the ``drivers.csv`` that ``init`` writes.

A dataset's own ``drivers.csv`` given back as the drivers input (round 29 KE23) is refused
at once (:func:`refuse_init_output`): its rows that carry a source text only ``init`` writes
(its national non-fossil series, a value held to the horizon, its default growth) are
``init``'s assumptions, which read as the planner's statistics would leave the README's
"replace first" list, and its national series before the base year gave a row error after
a warning per year and growth row.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, Problem
from carbonpath.init.draft import A, Draft

__all__ = ["INIT_SOURCES", "before_base", "growth_unread", "late_years", "refuse_init_output"]

#: The source texts ``init`` writes into a dataset's drivers.csv for values of its own
#: (:mod:`carbonpath.init.build`): no statistic carries them.
INIT_SOURCES = re.compile(
    rf"^{A}(national non-fossil share of generation \(CEC|held at the last given value"
    rf"|held at the base-year national coal rate|default (gdp|population) growth .*"
    r"\(carbonpath init\)$)")


def refuse_init_output(frame: pd.DataFrame, label: str, source: Any) -> None:
    """Refuse a drivers input that is a dataset's drivers.csv written by ``init`` (KE23).

    Parameters
    ----------
    frame : pandas.DataFrame
        The drivers input as read (index = the file's lines), with its ``source`` column.
    label : str
        The input's name in messages.
    source : str, pathlib.Path or DataFrame
        The input given (a path's folder holding ``dataset.yaml`` is named).

    Raises
    ------
    DataError
        Naming the first row whose source is ``init``'s own text and how many there are.
    """
    if "source" not in frame.columns:
        return
    own = [line for line, text in frame["source"].items()
           if isinstance(text, str) and INIT_SOURCES.match(text.strip())]
    if not own:
        return
    folder = ""
    if isinstance(source, (str, Path)) and (Path(source).parent / "dataset.yaml").is_file():
        folder = f"; its folder {Path(source).parent} holds a dataset.yaml"
    raise DataError(Problem(
        f"this is a dataset's drivers.csv written by carbonpath init, not init's drivers "
        f"input: {len(own)} row(s) carry a source only init writes (row {own[0]}: "
        f"'{str(frame.loc[own[0], 'source']).strip()[:70]}'){folder}; read back, init's "
        "assumptions (the national non-fossil series, values held to the horizon, default "
        "growth) would pass for the city's statistics", file=label, row=own[0],
        column="source", valid="the city's statistics: gdp and population of the base year "
        "(and any later year a plan states) with their sources, and the growth rates as "
        "--growth; to change a dataset's drivers, edit its drivers.csv and run it"),
        "carbonpath init")


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
