"""The statistics ``carbonpath init`` reads besides the balance: capacity, drivers, growth.

Formats (CSV, UTF-8 or GBK; or a sheet of the planner's workbook):

``capacity``: ``type, value, unit, source``
    Installed capacity at the end of the base year by type (``coal``, ``gas``, ``oil``,
    ``biomass``, ``waste``, ``pv``, ``pv_rooftop``, ``wind_onshore``, ``wind_offshore``,
    ``hydro``, ``battery``, ``pumped_hydro``: the items of the mapping table). A power unit
    (``MW``, ``万千瓦``).
``drivers``: ``driver, year, value, unit, source``
    ``gdp`` and ``population`` in the base year (required; other years optional), and
    optionally ``grid_emission_factor``, ``grid_nonfossil_share`` and
    ``thermal_power_coal_rate`` trajectories.
``growth``: ``driver, start, end, rate, source``
    Annual growth rates of ``gdp`` or ``population`` over years ``start+1 .. end``.
``committed`` (optional): ``type, year, value, unit, source``
    Committed projects: capacity of a type coming online in a year after the base year
    (a power unit), written as ``committed_new_capacity`` of the technology the dataset
    builds for that type.

Every reader returns a clean DataFrame or raises :class:`~carbonpath.errors.DataError` naming
the file (or workbook sheet), row, column, the bad value and what is valid.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._headers import labelled_headers, labelled_text
from carbonpath._io import (
    _header,
    decode,
    read_input,
    separator_problem,
    structure_problems,
    unnamed_columns,
)
from carbonpath.codes import closest_choice
from carbonpath.dataset.absolute import UnusualDriverWarning, usual_per_person
from carbonpath.errors import CarbonpathWarning, DataError, Problem, UnitError
from carbonpath.init.driver_checks import (
    RATE_HIGH,
    RATE_LOW,
    check_driver_ranges,
    check_driver_steps,
    check_growth_overlaps,
    warn_rate_beside_source,
    warn_unusual_growth,
)
from carbonpath.numbers import not_a_number
from carbonpath.units import unit_factor

__all__ = ["COMMITTED_FLOOR_MW", "NAMED_INPUTS", "CommittedSizeWarning", "check_input_types",
           "check_names", "read_capacity", "read_committed", "read_drivers", "read_growth",
           "read_table"]

DRIVERS = ("gdp", "population", "grid_emission_factor", "grid_nonfossil_share",
           "thermal_power_coal_rate")
DRIVER_UNITS = {"gdp": "亿元", "population": "万人", "grid_emission_factor": "t CO2/MWh",
                "grid_nonfossil_share": "1", "thermal_power_coal_rate": "gce/kWh"}
COLUMNS = {"capacity": ("type", "value", "unit", "source"),
           "drivers": ("driver", "year", "value", "unit", "source"),
           "growth": ("driver", "start", "end", "rate", "source"),
           "committed": ("type", "year", "value", "unit", "source"),
           "captive": ("part", "code", "value", "unit", "source")}
COMMITTED_FLOOR_MW = 1.0
"""Smallest committed project (MW) init reads without a warning. An assumption: the
technologies of the capacity types are utility plants (a coal or gas unit, a PV or wind farm,
a grid battery) of megawatts and more; a committed 50 kW is a kilowatt unit typed for 万千瓦
(round 19, U65: 50 kW for 50 万千瓦, 10^4 off)."""


class CommittedSizeWarning(CarbonpathWarning):
    """A committed project of an implausible size (kept, warned of).

    Smaller than any utility plant (:data:`COMMITTED_FLOOR_MW`), or a year's projects above
    the fleet and ten build limits
    (:data:`carbonpath.init.operations.COMMITTED_LIMIT_RATIO`, round 22 N50).
    """


#: The growth rates ``read_growth`` accepts: :data:`carbonpath.init.driver_checks.RATE_LOW`,
#: ``RATE_HIGH`` (kept importable here).


def read_table(source: str | Path | pd.DataFrame, kind: str, name: str | None = None,
               first_line: int = 2) -> tuple[pd.DataFrame, str]:
    """Read a CSV (or take a DataFrame) and check its columns.

    Returns the frame (strings, index = the line numbers an editor or Excel shows, from
    ``first_line``; a workbook sheet's frame, ``attrs["rows"] == "excel"``, keeps its Excel
    rows) and the name used in messages.

    Raises
    ------
    DataError
        A missing or unknown column (names the file and the valid columns); a file whose
        header reads as one column holding ';' or a tab (saved with another separator).
    """
    keep_rows = False
    if isinstance(source, pd.DataFrame):
        keep_rows = source.attrs.get("rows") == "excel"  # a workbook sheet: its Excel rows
        frame = source.astype(object).where(source.notna(), "").astype(str)
        label = name or kind
    else:
        path = Path(source)
        if not path.exists():
            raise DataError(Problem("file not found", file=str(path)))
        import io

        text, _ = decode(read_input(path), str(path))
        if not text.strip():
            raise DataError(Problem("the file is empty", file=name or path.name,
                                    valid="a header row of column names, then data rows"))
        DataError.collect(structure_problems(text, path.name))
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        frame = unnamed_columns(frame, _header(text.lstrip()), path.name)  # ZE58
        label = name or path.name
    frame.columns = [str(c).strip() for c in frame.columns]
    wrong_separator = separator_problem(list(frame.columns), label)  # round 21 K158
    if wrong_separator is not None:
        raise DataError(wrong_separator)
    cols = COLUMNS[kind]
    labelled = labelled_headers(frame.columns, cols)  # round 28 KD92: 指标 driver
    problems = [Problem("column missing", file=label, column=c, valid=", ".join(cols))
                for c in cols if c not in frame.columns and c not in labelled.values()]
    problems += [Problem(labelled_text(c, labelled[c]) if c in labelled else "unknown column",
                         file=label, column=c, valid=", ".join(cols))
                 for c in frame.columns if c not in cols]
    DataError.collect(problems, label)
    frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v)
    if not keep_rows:
        frame.index = range(first_line, first_line + len(frame))
    return frame, label


def _number(frame: pd.DataFrame, col: str, label: str, problems: list[Problem],
            integer: bool = False, blank: str | None = None) -> pd.Series:
    """The numbers of column ``col`` (NaN where not a number), problems recorded.

    Parameters
    ----------
    frame : pandas.DataFrame
        The input as read (strings, index = the rows shown in messages).
    col : str
        The column.
    label : str
        The input's name in messages.
    problems : list of Problem
        Appended to: a text that is not a number, an infinite number, a year that is not
        whole, and (when ``blank`` is given) a blank cell.
    integer : bool
        A year column.
    blank : str, optional
        What the cell needs (the ``valid`` of the problem of a blank cell). A blank cell
        of a row is otherwise left to the caller; a reader that skipped the row for it
        dropped the row silently (round 18, S45-S52: a blank capacity, growth rate, driver
        value or committed year), so every reader of a required number passes it.
    """
    num = pd.to_numeric(frame[col], errors="coerce")
    for line in frame.index[num.isna() & (frame[col] != "")]:
        problems.append(Problem(not_a_number(frame.loc[line, col]), file=label, row=line,
                                column=col, value=frame.loc[line, col],
                                valid="an integer year" if integer
                                else "a number"))
    for line in frame.index[num.notna() & ~np.isfinite(num.astype(float))]:
        problems.append(Problem("not a finite number", file=label, row=line, column=col,
                                value=frame.loc[line, col],
                                valid="an integer year" if integer else "a finite number"))
    num = num.where(np.isfinite(num.astype(float)))
    if blank is not None:
        for line in frame.index[frame[col] == ""]:
            problems.append(Problem(f"the '{col}' cell is blank",
                                    file=label, row=line, column=col, valid=blank))
    if integer:
        for line in frame.index[num.notna() & (num % 1 != 0)]:
            problems.append(Problem("not a whole year", file=label, row=line, column=col,
                                    value=frame.loc[line, col], valid="an integer year"))
    return num


def _unit(frame: pd.DataFrame, line: int, target: str, label: str,
          problems: list[Problem]) -> float | None:
    text = frame.loc[line, "unit"]
    try:
        return unit_factor(text, target)
    except (UnitError, DataError):
        problems.append(Problem("unit unknown or of the wrong dimension", file=label, row=line,
                                column="unit", value=text, valid=f"a unit like {target}"))
        return None


def _twice(frame: pd.DataFrame, first: Any, line: Any, what: str, label: str,
           column: str, value: Any) -> Problem:
    """A row repeating an earlier row's key: both rows named, and what is valid (K06, K11).

    ``first`` and ``line`` are the two rows of ``frame`` (columns ``value`` and ``unit`` as
    typed). Whether the two are two plants to add up or one figure written twice (or two
    readings of it) cannot be told, so the sum is offered, never taken: ``200`` and ``100``
    万千瓦 -> "write their sum in one row (200 + 100 = 300 万千瓦)".
    """
    a, b = (str(frame.loc[i, "value"]).strip() for i in (first, line))
    ua, ub = (str(frame.loc[i, "unit"]).strip() for i in (first, line))
    try:
        total = f" ({a} + {b} = {float(a) + float(b):g} {ua})" if ua == ub else \
            " (in one unit)"
    except ValueError:
        total = ""
    return Problem(f"{what} listed twice (row {first} gives it too)", file=label, row=line,
                   column=column, value=value,
                   valid=f"one row: their sum{total} if the two are parts to add (two "
                   "plants, two parks), or the one right figure with the other row deleted")


def _sources(frame: pd.DataFrame, label: str, problems: list[Problem]) -> None:
    for line in frame.index[frame["source"] == ""]:
        problems.append(Problem("a value needs a source or 'assumption: why'", file=label,
                                row=line, column="source"))


def read_capacity(source: str | Path | pd.DataFrame, types: list[str], name: str | None = None,
                  first_line: int = 2) -> pd.DataFrame:
    """Read installed capacity by type -> ``type, mw, source, line`` (one row per type).

    Raises
    ------
    DataError
        Unknown type (lists the mapping table's types), a blank, negative, non-numeric or
        infinite value, a unit that is not a power, a duplicated type, a missing source.

    Warns
    -----
    OfWhichWarning
        A row whose source says 其中 / "of which" beside a larger sibling type
        (:mod:`carbonpath.init.of_which`).
    """
    frame, label = read_table(source, "capacity", name, first_line)
    problems: list[Problem] = []
    value = _number(frame, "value", label, problems,
                    blank="the installed capacity at the end of the base year, in the row's "
                          "unit (0 for none, or delete the row)")
    out = []
    for line in frame.index:
        t = frame.loc[line, "type"]
        if t not in types:
            problems.append(Problem("unknown capacity type", file=label, row=line,
                                    column="type", value=t, valid=", ".join(types)))
            continue
        f = _unit(frame, line, "MW", label, problems)
        v = value[line]
        if pd.notna(v) and v < 0:
            problems.append(Problem("negative capacity", file=label, row=line, column="value",
                                    value=v, valid=">= 0"))
        if f is not None and pd.notna(v):
            out.append({"type": t, "mw": float(v) * f, "source": frame.loc[line, "source"],
                        "line": line})
    for line in frame.index[frame["type"].duplicated()]:
        t = frame.loc[line, "type"]
        first = frame.index[frame["type"] == t][0]
        problems.append(_twice(frame, first, line, "capacity type", label, "type", t))
    _sources(frame, label, problems)
    DataError.collect(problems, label)
    result = pd.DataFrame(out, columns=["type", "mw", "source", "line"])
    result.attrs["file"] = label
    from carbonpath.init.of_which import warn_of_which

    warn_of_which(result, label)  # round 30 KF68: a yearbook's "of which" row beside its total
    return result


def read_drivers(source: str | Path | pd.DataFrame, base_year: int, name: str | None = None,
                 first_line: int = 2) -> pd.DataFrame:
    """Read drivers -> ``driver, year, value`` (in the units of ``DRIVER_UNITS``), ``source``.

    Raises
    ------
    DataError
        Unknown driver, a blank or non-numeric value, a blank year or one that is not an
        integer, a unit of the wrong dimension, GDP or population missing in the base year,
        duplicates, missing sources.
    """
    frame, label = read_table(source, "drivers", name, first_line)
    from carbonpath.init.driver_years import refuse_init_output

    refuse_init_output(frame, label, source)  # round 29 KE23: a dataset's drivers.csv
    problems: list[Problem] = []
    value = _number(frame, "value", label, problems,
                    blank="the driver's value in the row's year and unit (or delete the row)")
    year = _number(frame, "year", label, problems, integer=True,
                   blank=f"the year of the value, an integer year such as {base_year}")
    out = []
    as_written: dict[Any, tuple[float, str]] = {}  # line -> (value, unit) as typed
    for line in frame.index:
        d = frame.loc[line, "driver"]
        if d not in DRIVERS:
            near = closest_choice(d, DRIVERS)  # round 18 Q39: GDP, 人口
            problems.append(Problem("unknown driver", file=label, row=line, column="driver",
                                    value=d, valid=(f"did you mean {near}? " if near else "")
                                    + ", ".join(DRIVERS)))
            continue
        f = _unit(frame, line, DRIVER_UNITS[d], label, problems)
        if f is not None and pd.notna(value[line]) and pd.notna(year[line]):
            out.append({"driver": d, "year": int(year[line]), "value": float(value[line]) * f,
                        "source": frame.loc[line, "source"], "line": line})
            as_written[line] = (float(value[line]), str(frame.loc[line, "unit"]).strip())
    result = pd.DataFrame(out, columns=["driver", "year", "value", "source", "line"])
    for r in result[result.duplicated(["driver", "year"])].itertuples():
        first = result.loc[(result["driver"] == r.driver) & (result["year"] == r.year),
                           "line"].iloc[0]
        basis = (" (gdp at constant prices: one price basis, e.g. the base year's)"
                 if r.driver == "gdp" else "")
        problems.append(Problem(f"driver and year listed twice (row {first} gives {r.driver} "
                                f"{r.year} too)", file=label, row=r.line, column="year",
                                value=r.year, valid=f"one value per driver and year{basis}: "
                                "delete the other row"))
    for d in ("gdp", "population"):
        if not ((result["driver"] == d) & (result["year"] == base_year)).any() and not problems:
            others = result[result["driver"] == d]
            if len(others):  # KE19: a row of another year: its year slipped, probably
                r = others.iloc[(others["year"] - base_year).abs().argmin()]
                listed = ", ".join(f"{y} (row {n})" for y, n in zip(others["year"],
                                                                   others["line"], strict=True))
                problems.append(Problem(
                    f"{d} of the base year {base_year} is required; {d} is given for "
                    f"{listed} only: did you mean {base_year}?", file=label, row=r["line"],
                    column="year", value=int(r["year"]),
                    valid=f"{base_year} (the base year; a row '{d},{base_year},<value>,"
                    f"{DRIVER_UNITS[d]},<source>')"))
                continue
            problems.append(Problem(f"{d} of the base year {base_year} is required",
                                    file=label, column="driver",
                                    valid=f"a row '{d},{base_year},<value>,"
                                    f"{DRIVER_UNITS[d]},<source>'"))
    _sources(frame, label, problems)
    DataError.collect(problems, label)
    check_driver_ranges(result, DRIVER_UNITS, label)  # the loader's ranges: driver_checks.py
    check_driver_steps(result, label)  # round 19 U76: the rate between given values
    written = result.assign(unit=result["driver"].map(DRIVER_UNITS)).set_index("line")
    for text in usual_per_person(written, base_year, lambda _t, line: {"file": label,
                                                                        "row": line}):
        warnings.warn(text, UnusualDriverWarning, stacklevel=2)  # the loader's band too
    result.attrs["file"] = label
    result.attrs["as_written"] = as_written  # for the series checks' messages (build.py)
    return result


def read_growth(source: str | Path | pd.DataFrame | None, name: str | None = None,
                first_line: int = 2) -> pd.DataFrame:
    """Read growth assumptions -> ``driver, start, end, rate, source`` (rate per year).

    Raises
    ------
    DataError
        Unknown driver (gdp, population), a blank or non-numeric ``start``, ``end`` or
        ``rate``, ``end`` not after ``start``, a rate outside (-0.2, 0.3) per year
        (:data:`RATE_LOW`, :data:`RATE_HIGH`; a percentage typed as a number: 5 for 0.05),
        periods of one driver that overlap, a missing source.

    Warns
    -----
    UnusualDriverWarning
        A rate outside the driver's usual band
        (:data:`carbonpath.init.driver_checks.USUAL_GROWTH`; a negative ``gdp`` rate, a sign
        slip; a population rate of -0.02 for -0.002): the row is kept.
    """
    cols = ["driver", "start", "end", "rate", "source", "line"]
    if source is None:
        return pd.DataFrame(columns=cols)
    frame, label = read_table(source, "growth", name, first_line)
    problems: list[Problem] = []
    start = _number(frame, "start", label, problems, integer=True,
                    blank="the year before the first year of the rate, e.g. the base year")
    end = _number(frame, "end", label, problems, integer=True,
                  blank="the last year of the rate")
    rate = _number(frame, "rate", label, problems,
                   blank=f"a share per year between {RATE_LOW:g} and {RATE_HIGH:g}, e.g. "
                         "0.05 for 5 %/yr (or delete the row to use the default rates)")
    out = []
    for line in frame.index:
        d = frame.loc[line, "driver"]
        if d not in ("gdp", "population"):
            near = closest_choice(d, ("gdp", "population"))
            problems.append(Problem("unknown driver", file=label, row=line, column="driver",
                                    value=d, valid=(f"did you mean {near}? " if near else "")
                                    + "gdp, population"))
            continue
        if pd.isna(start[line]) or pd.isna(end[line]) or pd.isna(rate[line]):
            continue
        if end[line] <= start[line]:
            problems.append(Problem("end must be after start", file=label, row=line,
                                    column="end", value=frame.loc[line, "end"]))
        if not RATE_LOW < rate[line] < RATE_HIGH:
            problems.append(Problem("implausible annual growth rate", file=label, row=line,
                                    column="rate", value=rate[line],
                                    valid=f"a share per year above {RATE_LOW:g} and below "
                                          f"{RATE_HIGH:g}, e.g. 0.05 for 5 %/yr"))
        out.append({"driver": d, "start": int(start[line]), "end": int(end[line]),
                    "rate": float(rate[line]), "source": frame.loc[line, "source"],
                    "line": line})
    _sources(frame, label, problems)
    DataError.collect(problems, label)
    result = pd.DataFrame(out, columns=cols)
    result.attrs["file"] = label
    check_growth_overlaps(result, label)  # init/driver_checks.py
    for r in result.itertuples():  # round 18 S41 (a GDP sign slip), round 19 U10 (population)
        warn_unusual_growth(r.driver, r.rate, f"{label}, row {r.line}, column 'rate'",
                            f"{r.start + 1}..{r.end}")
        warn_rate_beside_source(r.driver, r.rate, r.source, f"{label}, row {r.line}")  # KF44
    return result


def read_committed(source: str | Path | pd.DataFrame | None, types: list[str], base_year: int,
                   horizon: int, name: str | None = None, first_line: int = 2
                   ) -> pd.DataFrame:
    """Read committed projects -> ``type, year, mw, source, line``.

    Raises
    ------
    DataError
        Unknown type, a blank year or value, a year not after the base year or beyond the
        horizon, a value that is not a positive power, a row that copies another in every
        cell, a missing source (file, row, column, what is valid).

    Warns
    -----
    CommittedSizeWarning
        A project under :data:`COMMITTED_FLOOR_MW` (a kW value for 万千瓦): the row is kept.
    """
    cols = ["type", "year", "mw", "source", "line"]
    if source is None:
        result = pd.DataFrame(columns=cols)
        result.attrs["file"] = "committed"
        return result
    frame, label = read_table(source, "committed", name, first_line)
    problems: list[Problem] = []
    value = _number(frame, "value", label, problems,
                    blank="the project's capacity in the row's unit, > 0")
    year = _number(frame, "year", label, problems, integer=True,
                   blank=f"the year the project comes online, {base_year + 1}..{horizon}")
    out = []
    for line in frame.index:
        t = frame.loc[line, "type"]
        if t not in types:
            problems.append(Problem("unknown capacity type", file=label, row=line,
                                    column="type", value=t, valid=", ".join(types)))
            continue
        y = year[line]
        if pd.notna(y) and not base_year < y <= horizon:
            problems.append(Problem("a committed project comes online in a decision year",
                                    file=label, row=line, column="year", value=int(y),
                                    valid=f"{base_year + 1}..{horizon}"))
            continue
        f = _unit(frame, line, "MW", label, problems)
        v = value[line]
        if pd.notna(v) and v <= 0:
            problems.append(Problem("a committed capacity must be positive", file=label,
                                    row=line, column="value", value=v, valid="> 0"))
        if f is not None and pd.notna(v) and pd.notna(y) and 0 < v * f < COMMITTED_FLOOR_MW:
            warnings.warn(
                f"{label}, row {line}, column 'value': a committed {t} project of "
                f"{v * f:.4g} MW ({v:g} {frame.loc[line, 'unit']}) in {int(y)}, smaller than a "
                f"utility plant ({COMMITTED_FLOOR_MW:g} MW and more assumed); probably a unit "
                f"slip; valid: {v:g} 万千瓦 = {v * 10:,.4g} MW, {v:g} MW, or keep it if the "
                "project is that small", CommittedSizeWarning, stacklevel=2)
        if f is not None and pd.notna(v) and pd.notna(y) and v > 0:
            out.append({"type": t, "year": int(y), "mw": float(v) * f,
                        "source": frame.loc[line, "source"], "line": line})
    first: dict[tuple, int] = {}
    for line in frame.index:  # round 18 S36: an exact copy would double the commitment
        key = tuple(frame.loc[line, c] for c in COLUMNS["committed"])
        if key in first:
            problems.append(Problem(
                f"the same committed project as row {first[key]} (every cell alike): a copy "
                "would be added to it", file=label, row=line, column="type",
                value=frame.loc[line, "type"],
                valid="one row per project; two projects of one type, year and size need "
                      "sources that tell them apart"))
        else:
            first[key] = line
    _sources(frame, label, problems)
    DataError.collect(problems, label)
    result = pd.DataFrame(out, columns=cols)
    result.attrs["file"] = label
    return result


def check_input_types(**inputs: Any) -> None:
    """init_dataset's inputs of the wrong type named as its own arguments (round 19 U145).

    A ``None`` balance reached ``read_energy_balance(): argument 'source'``, a function and
    argument the caller never used. ``balance``, ``capacity`` and ``drivers`` are required;
    the others may be None.

    Raises
    ------
    ArgumentTypeError
        Naming ``init_dataset(<input>=...)``, what it may be and what was given.
    ArgumentValueError
        An input given as an empty path (``capacity=''``; :func:`carbonpath._checks.
        blank_path`).
    """
    import os

    from carbonpath._checks import blank_path
    from carbonpath.errors import ArgumentTypeError

    for key, value in inputs.items():
        optional = key not in ("balance", "capacity", "drivers")
        blank_path("init_dataset", key, value, none_ok=optional)  # round 24 H124: ''
        if isinstance(value, (str, os.PathLike, pd.DataFrame)) or (
                value is None and optional):
            continue
        if key == "balance" and (hasattr(value, "activity") or isinstance(value, tuple)):
            continue
        kinds = "a file path (str or Path) or a DataFrame" + (
            ", a BalanceSheet (read_energy_balance) or (workbook, sheet)" if key == "balance"
            else "" if key in ("capacity", "drivers") else ", or None")
        msg = (f"init_dataset(): argument '{key}' must be {kinds}, not {type(value).__name__} "
               f"{value!r:.60}")
        raise ArgumentTypeError(msg)


#: The inputs whose name ``init_dataset(names=...)`` may give (messages and the README).
NAMED_INPUTS = ("balance", "capacity", "drivers", "production", "growth", "committed",
                "captive")


def check_names(names: dict[Any, Any] | None) -> None:
    """Refuse a ``names`` key that names no input, or a name that is no text (round 24 BA10).

    ``names={'zzz': 'x'}`` (or ``{'capacities': ...}``, a slip) was accepted and never used:
    the input it meant kept its default name in every message and the README, without a
    word.

    Raises
    ------
    ArgumentValueError
        A key that is none of :data:`NAMED_INPUTS`, with the nearest ones.
    ArgumentTypeError
        A name that is not a str.
    """
    import difflib

    from carbonpath.errors import ArgumentTypeError, ArgumentValueError

    for key, value in (names or {}).items():
        if key not in NAMED_INPUTS:
            near = difflib.get_close_matches(str(key), NAMED_INPUTS, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'? " if near else ""
            msg = (f"init_dataset(): argument 'names' has the key {key!r}, which names no "
                   f"input (it would be ignored); {hint}valid keys: "
                   f"{', '.join(NAMED_INPUTS)} (each the name of that input in messages "
                   "and the README)")
            raise ArgumentValueError(msg)
        if not isinstance(value, str):
            msg = (f"init_dataset(): argument 'names' gives {key!r} the name "
                   f"{type(value).__name__} {value!r:.60}; valid: a str (the input's name in "
                   "messages and the README, e.g. 'city.xlsx, sheet capacity')")
            raise ArgumentTypeError(msg)
