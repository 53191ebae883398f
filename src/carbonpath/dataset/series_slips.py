"""One year of a year series far off its neighbours: a warning, not a refusal.

The step check of :mod:`carbonpath.dataset.slips` refuses a GDP or population that moves
more than x10 between two declared years; the other drivers (a grid factor, a non-fossil
share, a coal rate) have only their absolute ranges (:mod:`carbonpath.dataset.absolute`), and
a slip that stays inside them passed without a word: ``grid_nonfossil_share,2030,0.45,%``
(meant 45 %) read as 0.0045 inside a series 36 % -> 60 % (round 14, I62). Two kinds of slip
are warned of (:class:`SeriesSlipWarning`), for every driver and region, every
interpolated parameter trajectory of parameters.csv (per technology, parameter and day: a
coal price 400, 4000, 450 CNY/t, round 18's R112) and every demand series:

* **a spike or a dip**: an inner year whose value is at least :data:`SPIKE` (x5) times both
  its neighbours' values, or at most 1/:data:`SPIKE` of both (a x10 or x100 slip of one year).
  A smooth series, whose consecutive declared values differ by at most x2, never warns:
  a spike needs x5 on both sides (:func:`spikes`);
* **a GDP that grows or shrinks faster than any city's** (round 19, T63): between two
  consecutive declared years the mean annual change of constant-price GDP lies outside
  :data:`GDP_GROWTH` (-20 % .. +35 % a year): ``110`` typed for ``1100`` 亿元 two years after
  1000 is -67 % a year, inside the x10 step (:func:`growth_slips`);
* **a demand that shrinks faster than a city's economy can** (round 22, P10): the same
  test with :data:`DEMAND_GROWTH` (below -20 % a year) on every demand series;
* **a share in % below 1 beside shares above 1 %**: a value written in ``%`` under 1 whose
  neighbouring year is at least ten times larger and above 1 %, e.g. ``0.45 %`` beside
  ``36 %`` (:func:`percent_slips`), which a spike misses at the ends of a series;
* **a grid share below any real grid's** (round 20, X01): a ``grid_nonfossil_share`` under
  :data:`SHARE_FLOOR` (1 %), even a whole smooth series (``0.36 .. 0.60 %``, fractions typed
  under ``%``), which the neighbour test above cannot see (:func:`low_share_rows`).

Both only warn: a real series may jump (a plant closing, a new interconnector), and the
user's number stays as written. The threshold is the module's own choice (no statistics
bound a one-year jump); x5 on both sides is far beyond the year-on-year changes of China's
provincial grid factors (a few per cent a year, MEE 2019-2023 notices) or non-fossil shares
(one or two points a year).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.pinned_series import PINNED, pinned_steps
from carbonpath.dataset.role_checks import warn_power_units
from carbonpath.dataset.tables import PARAMETERS
from carbonpath.dataset.year_slips import (  # moved there; named here as before
    UnusedYearWarning,
    unused_early_rows,
    warn_unused_rows,
)
from carbonpath.errors import CarbonpathWarning
from carbonpath.units import unit_factor

__all__ = ["DEMAND_GROWTH", "GDP_GROWTH", "PINNED", "SPIKE", "SeriesSlipWarning",
           "UnusedYearWarning", "demand_series_warnings", "driver_series_warnings",
           "growth_slips", "low_share_rows", "parameter_series_warnings", "percent_slips",
           "pinned_steps", "residual_rises",
           "series_warnings", "spikes", "unused_early_rows", "warn_driver_series",
           "warn_table_series", "warn_unused_rows"]

SPIKE = 5.0
"""A year at least this many times above (or below) both its neighbours warns."""

GDP_GROWTH = (-0.20, 0.35)
"""Mean annual change (share a year) of constant-price GDP between two declared years outside
which a driver series warns. China's prefecture-level cities' real growth ran from about -10 %
(a few resource cities in 2015-2016, Hubei's cities in 2020, about -5 % to -15 %) to about
+25 % (Ordos in the 2000s) (NBS and the cities' statistical communiqués; recalled, not read in
a copy); the band is widened to -20 % .. +35 % so that real series stay inside, while a digit
dropped or added within the x10 step (a year at 1/9 .. 1/2 or 2 .. 9 times the year before,
one or two years apart) leaves it."""

SHARE_FLOOR = {"grid_nonfossil_share": 0.01}
"""Shares of a grid or energy mix below which a driver value warns (as a fraction). China's
non-fossil share of generation was about 36 % in 2022 (CEC; init's own national fill,
36 % -> 60 %), and no provincial grid's has been under a few per cent since hydro, wind and
nuclear came (recalled provincial yearbooks, not read in a copy): a value under 1 % is a
fraction typed under ``%`` (``0.36 %`` for 36 %) or a share divided by 100 twice. It only
warns: an isolated historical grid could be that low."""

DEMAND_GROWTH = (GDP_GROWTH[0], math.inf)
"""Mean annual change between two declared years of a demand series (per commodity and
region) outside which it warns (round 22, P10: ``1200`` typed for 7200 GWh six years after
6000, -23 % a year). A city's demand for an established good or service falls no faster
than its economy can shrink, so the GDP band's floor (-20 % a year) is used; there is no
ceiling, since a new good or carrier (hydrogen, charging) grows from a small base at any
rate (a change typed for the level is always a fall). The bundled datasets' demand series
move by -3 % .. +8 % a year. It only warns: a plant closing moves a series faster."""

STEP_CHECKED = ("gdp", "population")
"""Drivers whose steps beyond x10 the loader refuses (:data:`carbonpath.dataset.slips.STEP`):
a spike beyond x10 of theirs is refused there, not warned of here as well."""


class SeriesSlipWarning(CarbonpathWarning):
    """One year of a driver series is far off its neighbours (probably a unit slip)."""


def spikes(values: Sequence[float]) -> list[tuple[int, float]]:
    """Inner points at least :data:`SPIKE` times above or below both neighbours.

    Parameters
    ----------
    values : sequence of float, length n
        One series in one unit, ordered by year.

    Returns
    -------
    list of (int, float)
        ``(index, ratio)``: the point's index and its ratio to the nearer neighbour value
        (>= SPIKE for a spike, <= 1/SPIKE for a dip). Points with a zero or negative value
        on either side are not compared.
    """
    out = []
    for i in range(1, len(values) - 1):
        prev, here, nxt = float(values[i - 1]), float(values[i]), float(values[i + 1])
        if min(prev, here, nxt) <= 0:
            continue
        a, b = here / prev, here / nxt
        if min(a, b) >= SPIKE:
            out.append((i, min(a, b)))
        elif max(a, b) <= 1 / SPIKE:
            out.append((i, max(a, b)))
    return out


def growth_slips(years: Sequence[float], values: Sequence[float],
                 band: tuple[float, float] = GDP_GROWTH) -> list[tuple[int, float]]:
    """Consecutive declared years whose mean annual change leaves ``band``.

    Parameters
    ----------
    years, values : sequence of float, length n
        One series in one unit, ordered by year.
    band : (float, float)
        Lowest and highest mean annual change (share a year), default :data:`GDP_GROWTH`.

    Returns
    -------
    list of (int, float)
        ``(index, rate)``: the later year's index and the mean annual change from the year
        before (``(v1 / v0) ** (1 / (y1 - y0)) - 1``). Steps beyond x10 (refused by the step
        check of :mod:`carbonpath.dataset.slips`) and non-positive values are left out.
    """
    out = []
    for i in range(1, len(values)):
        v0, v1 = float(values[i - 1]), float(values[i])
        gap = float(years[i]) - float(years[i - 1])
        if min(v0, v1) <= 0 or gap <= 0 or not 1 / 10 <= v1 / v0 <= 10:
            continue
        rate = (v1 / v0) ** (1 / gap) - 1
        if not band[0] <= rate <= band[1]:
            out.append((i, rate))
    return out


def percent_slips(values: Sequence[float], units: Sequence[str]) -> list[tuple[int, float]]:
    """Values written in ``%`` under 1 whose neighbouring year is >= 10 x larger and > 1 %.

    Parameters
    ----------
    values : sequence of float, length n
        The series as written, ordered by year.
    units : sequence of str, length n
        The unit of each value as written.

    Returns
    -------
    list of (int, float)
        ``(index, neighbour value in %)`` for each such value.
    """
    pct = []
    for v, u in zip(values, units, strict=True):
        try:
            pct.append(float(v) * unit_factor(str(u), "%"))
        except Exception:
            pct.append(float("nan"))
    out = []
    for i, (v, u) in enumerate(zip(values, units, strict=True)):
        if str(u).strip() != "%" or not 0 < float(v) < 1:
            continue
        near = [pct[j] for j in (i - 1, i + 1) if 0 <= j < len(pct)]
        big = [n for n in near if n > 1 and n >= 10 * float(v)]
        if big:
            out.append((i, max(big)))
    return out


def driver_series_warnings(drivers: pd.DataFrame,
                           where: Callable[[Any], str]) -> list[str]:
    """The warnings of every driver series (see the module docstring).

    Parameters
    ----------
    drivers : pandas.DataFrame
        Rows ``driver, year, value, unit`` (``region`` optional), the value as written in
        its unit; rows without a year or value are left out.
    where : callable
        ``index label -> 'file, row N'`` for the message.

    Returns
    -------
    list of str
        One message per value found.
    """
    frame = drivers.assign(region=drivers["region"].fillna("")) if "region" in drivers else \
        drivers.assign(region="")

    def what(key: tuple) -> str:
        """``driver gdp of CN-SD``."""
        return f"driver {key[0]}" + (f" of {key[1]}" if key[1] else "")

    out = series_warnings(frame, ["driver", "region"], what, where,
                          refused=lambda key: key[0] in STEP_CHECKED)
    gdp = frame[(frame["driver"] == "gdp") & frame["value"].notna() & frame["year"].notna()]
    gdp = gdp[gdp["year"].astype(str).str.strip() != ""]
    for region, group in gdp.groupby("region", sort=True):
        group = group.sort_values("year", key=lambda s: s.astype(float))
        try:
            conv = [float(v) * unit_factor(str(u), "CNY")
                    for v, u in zip(group["value"], group["unit"], strict=True)]
        except Exception:
            continue
        years = [float(y) for y in group["year"]]
        for i, rate in growth_slips(years, conv):
            r0, r1 = group.iloc[i - 1], group.iloc[i]
            out.append(
                f"{where(group.index[i])}: {what(('gdp', region))}: {float(r1['value']):g} "
                f"{r1['unit']} in {int(years[i])} after {float(r0['value']):g} {r0['unit']} in "
                f"{int(years[i - 1])} is {rate:+.0%} a year, outside the {GDP_GROWTH[0]:+.0%} "
                f".. {GDP_GROWTH[1]:+.0%} a year of any city's constant-price GDP; probably a "
                "digit or unit slip (110 for 1100)")
    out += low_share_rows(frame, where)
    return out


def low_share_rows(drivers: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """One message per share driver series with values under :data:`SHARE_FLOOR`.

    Values that :func:`percent_slips` already flags (beside a neighbour >= 10 x larger) are
    left to it.

    Parameters
    ----------
    drivers : pandas.DataFrame
        Rows ``driver, region, year, value, unit``, the value as written in its unit.
    where : callable
        ``index label -> 'file, row N'``.

    Returns
    -------
    list of str
        Naming the rows, the values as written and as read, and the readings that would be
        right.
    """
    out: list[str] = []
    for name, floor in SHARE_FLOOR.items():
        rows = drivers[(drivers["driver"] == name) & drivers["value"].notna()]
        for region, group in rows.groupby("region", sort=True):
            group = group.sort_values("year", key=lambda s: pd.to_numeric(s, errors="coerce"))
            try:
                share = [float(v) * unit_factor(str(u), "1")
                         for v, u in zip(group["value"], group["unit"], strict=True)]
            except Exception:
                continue
            beside = {i for i, _ in percent_slips(list(group["value"]), list(group["unit"]))}
            low = [i for i, f in enumerate(share) if 0 < f < floor and i not in beside]
            if not low:
                continue
            units = {str(group["unit"].iloc[i]).strip() for i in low}
            written = ", ".join(f"{float(group['value'].iloc[i]):g} {group['unit'].iloc[i]} "
                                f"in {group['year'].iloc[i]}" for i in low)
            fix = ("values under 1 written in % are per cent: if fractions were meant, write "
                   "them without a unit (0.36) or as per cent (36 %)" if units == {"%"} else
                   "check the unit (a share of 0.36 is 36 %)")
            region_text = f" of {region}" if region else ""
            out.append(
                f"{'; '.join(where(group.index[i]) for i in low)}: driver {name}{region_text}: "
                f"{written} read as {', '.join(f'{share[i]:g}' for i in low)} of the grid, "
                f"under {floor:.0%}; China's non-fossil share of generation was about 36 % in "
                f"2022 (init's national values: 36 % -> 60 %); {fix}")
    return out


PARAMETER_SERIES = ("interpolate",)
"""The ``by year`` kinds of parameters.csv whose series are compared (dataset/parameters.csv):
the interpolated trajectories (costs, prices, availability, residual stock, capacity
credit). Bounds (``range``) and committed projects (``dated``) are left out: a bound loosened
in one year or a project in one year is what they are for; ``observed`` activity is a set of
observations, not a trajectory."""


def parameter_series_warnings(parameters: pd.DataFrame,
                              where: Callable[[Any], str]) -> list[str]:
    """The spike and %-slip warnings of every year series of parameters.csv.

    Parameters
    ----------
    parameters : pandas.DataFrame
        Rows ``technology, parameter, year, value, unit`` (``day`` optional); only the
        parameters of :data:`PARAMETER_SERIES` kinds are compared, per (technology,
        parameter, day).
    where : callable
        ``index label -> 'file, row N'`` for the message.

    Returns
    -------
    list of str
        One message per value found (``coal_supply,variable_cost`` 400, 4000, 450 CNY/t:
        the 4000 of the middle year, 8.89 times both neighbours).
    """
    kinds = parameters["parameter"].map(
        lambda n: PARAMETERS[n].by_year if n in PARAMETERS else "")
    frame = parameters[kinds.isin(PARAMETER_SERIES)]
    frame = frame.assign(day=frame["day"].fillna("") if "day" in frame else "")

    def what(key: tuple) -> str:
        """``coal_supply variable_cost`` (``on day winter``)."""
        return f"{key[0]} {key[1]}" + (f" on day {key[2]}" if key[2] else "")

    return (series_warnings(frame, ["technology", "parameter", "day"], what, where)
            + residual_rises(parameters, where) + pinned_steps(parameters, where))


def residual_rises(parameters: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """``residual_capacity`` series that grow x10 or more between two declared years.

    The existing stock of a technology mostly retires; a dataset may let it rise by the
    builds already committed before the model's first decision (the Liaocheng dataset's
    heat pumps and PV grow up to x5.5 so), so a rise is no error. But a non-zero stock
    that grows x10 or more (:func:`carbonpath.dataset.slips.within_step`) between two
    declared years gives the model free capacity it never pays for: ``100`` MW in 2024 then
    ``1000`` in 2030 for 100 (Y52) is probably a digit slip. A stock rising from zero is
    not judged (a plant the dataset enters as committed).

    Returns
    -------
    list of str
        One message per such step, naming both rows and the value one tenth as large.
    """
    from carbonpath.dataset.slips import within_step

    rows = parameters[(parameters["parameter"] == "residual_capacity")
                      & parameters["year"].notna() & parameters["value"].notna()]
    out = []
    for tech, group in rows.groupby("technology", sort=True):
        group = group.sort_values("year", key=lambda s: s.astype(float))
        conv = _in_first_unit(group)
        if conv is None:
            continue
        for (l0, v0), (l1, v1) in zip(zip(group.index, conv, strict=True),
                                      list(zip(group.index, conv, strict=True))[1:],
                                      strict=False):
            if v0 > 0 and v1 > v0 and not within_step(v1 / v0):
                r0, r1 = group.loc[l0], group.loc[l1]
                out.append(
                    f"{where(l1)}: {tech} residual_capacity {float(r1['value']):g} "
                    f"{r1['unit']} in {int(float(r1['year']))} is {v1 / v0:.3g} times the "
                    f"{float(r0['value']):g} {r0['unit']} of {int(float(r0['year']))} "
                    f"({where(l0)}); an existing stock retires, it does not grow x10 or "
                    f"more: probably a digit slip ({float(r1['value']) / 10:g} "
                    f"{r1['unit']} meant?); the model adds the rise as free capacity")
    return out


def demand_series_warnings(demands: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """The spike and %-slip warnings of every demand series (per commodity and region).

    A step beyond x10 between two declared years is refused by the step check of
    :mod:`carbonpath.dataset.slips`, so only spikes between x5 and x10 warn here.

    Parameters
    ----------
    demands : pandas.DataFrame
        Rows ``commodity, year, value, unit`` (``region`` optional).
    where : callable
        ``index label -> 'file, row N'`` for the message.

    Returns
    -------
    list of str
        One message per value found.
    """
    frame = demands.assign(region=demands["region"].fillna("")) if "region" in demands else \
        demands.assign(region="")

    def what(key: tuple) -> str:
        """``demand of electricity in liaocheng``."""
        return f"demand of {key[0]}" + (f" in {key[1]}" if key[1] else "")

    out = series_warnings(frame, ["commodity", "region"], what, where,
                          refused=lambda key: True)
    return out + _growth_messages(frame, ["commodity", "region"], what, where, DEMAND_GROWTH,
                                  "any city's demand for an established good or service shows")


def _band_text(band: tuple[float, float]) -> str:
    """``outside the -20% .. +35% a year`` or ``faster than -20% a year``."""
    if math.isinf(band[1]):
        return f"a fall faster than the {band[0]:+.0%} a year"
    return f"outside the {band[0]:+.0%} .. {band[1]:+.0%} a year"


def _growth_messages(frame: pd.DataFrame, keys: list[str], what: Callable[[tuple], str],
                     where: Callable[[Any], str], band: tuple[float, float],
                     whose: str) -> list[str]:
    """The :func:`growth_slips` of every series of ``frame`` (by ``keys``), as messages (P10)."""
    out: list[str] = []
    frame = frame[frame["value"].notna() & frame["year"].notna()]
    frame = frame[frame["year"].astype(str).str.strip() != ""]
    for key, group in frame.groupby(keys, sort=True):
        group = group.sort_values("year", key=lambda s: s.astype(float))
        conv = _in_first_unit(group)
        if conv is None:
            continue
        years = [float(y) for y in group["year"]]
        spiked = {i for i, _ in spikes(conv)}  # warned of as a spike already
        for i, rate in growth_slips(years, conv, band):
            if i in spiked or i - 1 in spiked or not 1 / 10 < conv[i] / conv[i - 1] < 10:
                continue  # a spike, or a x10 step the step check refuses
            r0, r1 = group.iloc[i - 1], group.iloc[i]
            level = float(r0["value"]) + float(r1["value"])
            hint = (f"the change typed for the level ({float(r1['value']):g} for {level:g})"
                    " or " if rate < 0 else "")
            out.append(
                f"{where(group.index[i])}: {what(key)}: {float(r1['value']):g} {r1['unit']} "
                f"in {int(years[i])} after {float(r0['value']):g} {r0['unit']} in "
                f"{int(years[i - 1])} is {rate:+.0%} a year, {_band_text(band)} {whose}; "
                f"{hint}a digit slip? If a plant closes or "
                "opens, the series is right as written")
    return out


def series_warnings(frame: pd.DataFrame, keys: list[str], what: Callable[[tuple], str],
                    where: Callable[[Any], str],
                    refused: Callable[[tuple], bool] = lambda key: False) -> list[str]:
    """The spike and %-slip warnings of every year series of one table.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with the ``keys`` columns (no missing cells), ``year``, ``value`` and ``unit``,
        the value as written in its unit; rows without a year or value are left out.
    keys : list of str
        The columns naming one series.
    what : callable
        The series' key tuple -> its name in the message (``driver gdp``).
    where : callable
        ``index label -> 'file, row N'`` for the message.
    refused : callable
        Key tuple -> whether steps beyond x10 of this series are refused elsewhere (the
        step check of :mod:`carbonpath.dataset.slips`): its spikes beyond x10 are not warned
        of as well.

    Returns
    -------
    list of str
        One message per value found.
    """
    from carbonpath.dataset.slips import within_step

    out: list[str] = []
    frame = frame[frame["value"].notna() & frame["year"].notna()]
    frame = frame[frame["year"].astype(str).str.strip() != ""]
    for key, group in frame.groupby(keys, sort=True):
        if len(group) < 2:
            continue
        group = group.sort_values("year", key=lambda s: s.astype(float))
        conv = _in_first_unit(group)
        if conv is None:
            continue
        labels, written = list(group.index), list(zip(group["value"], group["unit"],
                                                      group["year"], strict=True))
        name = what(key if isinstance(key, tuple) else (key,))

        def shown(j: int, written: list = written) -> str:
            """Year ``j``'s value as written, with its unit (for the message)."""
            v, u, y = written[j]
            unit = "" if str(u).strip() in ("", "1", "nan") else f" {u}"
            return f"{float(v):g}{unit} in {int(float(y))}"

        flagged = set()
        for i, near in percent_slips([w[0] for w in written], [w[1] for w in written]):
            flagged.add(i)
            v = float(written[i][0])
            out.append(
                f"{where(labels[i])}: {name}: {shown(i)} reads as {v:g} % "
                f"({v / 100:g}), beside {near:g} % in a neighbouring year; a share written "
                f"in % is a number of per cent (write {v * 100:g} % or {v:g} without a unit "
                "if a fraction was meant); probably a unit slip")
        for i, ratio in spikes(conv):
            if i in flagged or (refused(key if isinstance(key, tuple) else (key,))
                                and not within_step(ratio)):
                continue  # refused by the step check of dataset/slips.py
            word = (f"{ratio:.3g} times" if ratio > 1 else f"1/{1 / ratio:.3g} of")
            out.append(
                f"{where(labels[i])}: {name}: {shown(i)} is {word} both "
                f"neighbouring years ({shown(i - 1)}, {shown(i + 1)}); one year x{SPIKE:g} "
                "or more off both neighbours is probably a unit or digit slip (x10, x100)")
    return out


def warn_driver_series(drivers: pd.DataFrame, where: Callable[[Any], str]) -> None:
    """Issue :func:`driver_series_warnings` as :class:`SeriesSlipWarning` s."""
    for message in driver_series_warnings(drivers, where):
        notices.warn(message, SeriesSlipWarning, stacklevel=3)
    _warn_grid(drivers, where)


def _warn_grid(drivers: pd.DataFrame, where: Callable[[Any], str]) -> None:
    """The grid drivers' own warnings (coal rate, factor vs share, share steps): grid_drivers.py."""
    from carbonpath.dataset.absolute import UnusualDriverWarning
    from carbonpath.dataset.grid_drivers import grid_notes

    unusual, steps = grid_notes(drivers, where)
    for message in unusual:
        notices.warn(message, UnusualDriverWarning, stacklevel=4)
    for message in steps:
        notices.warn(message, SeriesSlipWarning, stacklevel=4)


def warn_table_series(tables: dict[str, pd.DataFrame],
                      where: Callable[[str, Any], str]) -> None:
    """Issue the :class:`SeriesSlipWarning` s of every year-indexed table of a dataset.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The dataset's tables; ``drivers``, ``parameters``, ``demands`` and, where given,
        ``reserves`` (per commodity and parameter) and ``emissions`` (per technology, gas,
        basis and commodity) are compared.
    where : callable
        ``(table, index label) -> 'file, row N'`` for the message.

    The :class:`~carbonpath.dataset.role_checks.PowerUnitWarning` s of the annual columns
    (a power in ``demands.csv`` or an activity row) are given here too, base and scenario
    tables alike (:func:`carbonpath.dataset.role_checks.warn_power_units`).
    """
    messages = driver_series_warnings(tables["drivers"], lambda line: where("drivers", line))
    _warn_grid(tables["drivers"], lambda line: where("drivers", line))  # KE58 KE76 KE77 KE78
    messages += parameter_series_warnings(tables["parameters"],
                                          lambda line: where("parameters", line))
    messages += demand_series_warnings(tables["demands"], lambda line: where("demands", line))
    for table, keys in (("reserves", ["commodity", "parameter"]),
                        ("emissions", ["technology", "gas", "basis", "commodity"])):
        frame = tables.get(table)
        if frame is None or not set(keys) <= set(frame.columns):
            continue
        frame = frame.assign(**{k: frame[k].fillna("").astype(str) for k in keys})
        messages += series_warnings(
            frame, keys, lambda key: " ".join(k for k in key if k),
            lambda line, table=table: where(table, line))
    for message in messages:
        notices.warn(message, SeriesSlipWarning, stacklevel=3)
    warn_power_units(tables, where)  # a peak of 1100 MW typed as a year's demand: role_checks.py


def _in_first_unit(group: pd.DataFrame) -> list[float] | None:
    """A series' values (``value``, ``unit`` columns) in the unit of its first row.

    None if a unit cannot be read or converted (the unit checks report it).
    """
    unit0 = str(group["unit"].iloc[0])
    try:
        return [float(v) * unit_factor(str(u), unit0)
                for v, u in zip(group["value"], group["unit"], strict=True)]
    except Exception:  # reported by the unit checks
        return None
