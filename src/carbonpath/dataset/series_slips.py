"""One year of a driver series far off its neighbours: a warning, not a refusal.

The step check of :mod:`carbonpath.dataset.slips` refuses a GDP or population that moves
more than x10 between two declared years; the other drivers (a grid factor, a non-fossil
share, a coal rate) have only their absolute ranges (:mod:`carbonpath.dataset.absolute`), and
a slip that stays inside them passed without a word: ``grid_nonfossil_share,2030,0.45,%``
(meant 45 %) read as 0.0045 inside a series 36 % -> 60 % (round 14, I62). Two kinds of slip
are warned of (:class:`SeriesSlipWarning`), for every driver and region:

* **a spike or a dip**: an inner year whose value is at least :data:`SPIKE` (x5) times both
  its neighbours' values, or at most 1/:data:`SPIKE` of both (a x10 or x100 slip of one year).
  A smooth series, whose consecutive declared values differ by at most x2, never warns:
  a spike needs x5 on both sides (:func:`spikes`);
* **a share in % below 1 beside shares above 1 %**: a value written in ``%`` under 1 whose
  neighbouring year is at least ten times larger and above 1 %, e.g. ``0.45 %`` beside
  ``36 %`` (:func:`percent_slips`), which a spike misses at the ends of a series.

Both only warn: a real series may jump (a plant closing, a new interconnector), and the
user's number stays as written. The threshold is the module's own choice (no statistics
bound a one-year jump); x5 on both sides is far beyond the year-on-year changes of China's
provincial grid factors (a few per cent a year, MEE 2019-2023 notices) or non-fossil shares
(one or two points a year).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.errors import CarbonpathWarning
from carbonpath.units import unit_factor

__all__ = ["SPIKE", "SeriesSlipWarning", "driver_series_warnings", "percent_slips", "spikes",
           "warn_driver_series"]

SPIKE = 5.0
"""A year at least this many times above (or below) both its neighbours warns."""

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
    out: list[str] = []
    frame = drivers[drivers["value"].notna() & drivers["year"].notna()]
    frame = frame[frame["year"].astype(str).str.strip() != ""]
    region = frame["region"].fillna("") if "region" in frame else pd.Series("", frame.index)
    for (code, reg), group in frame.groupby([frame["driver"], region], sort=True):
        group = group.sort_values("year", key=lambda s: s.astype(float))
        unit0 = str(group["unit"].iloc[0])
        try:
            conv = [float(v) * unit_factor(str(u), unit0)
                    for v, u in zip(group["value"], group["unit"], strict=True)]
        except Exception:
            continue
        labels, written = list(group.index), list(zip(group["value"], group["unit"],
                                                      group["year"], strict=True))
        of = f" of {reg}" if reg else ""

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
                f"{where(labels[i])}: driver {code}{of}: {shown(i)} reads as {v:g} % "
                f"({v / 100:g}), beside {near:g} % in a neighbouring year; a share written "
                f"in % is a number of per cent (write {v * 100:g} % or {v:g} without a unit "
                "if a fraction was meant); probably a unit slip")
        for i, ratio in spikes(conv):
            if i in flagged or (code in STEP_CHECKED and not 1 / 10 <= ratio <= 10):
                continue  # refused by the step check of dataset/slips.py
            word = (f"{ratio:.3g} times" if ratio > 1 else f"1/{1 / ratio:.3g} of")
            out.append(
                f"{where(labels[i])}: driver {code}{of}: {shown(i)} is {word} both "
                f"neighbouring years ({shown(i - 1)}, {shown(i + 1)}); one year x{SPIKE:g} "
                "or more off both neighbours is probably a unit or digit slip (x10, x100)")
    return out


def warn_driver_series(drivers: pd.DataFrame, where: Callable[[Any], str]) -> None:
    """Issue :func:`driver_series_warnings` as :class:`SeriesSlipWarning` s."""
    for message in driver_series_warnings(drivers, where):
        notices.warn(message, SeriesSlipWarning, stacklevel=3)
