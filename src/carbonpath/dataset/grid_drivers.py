"""The grid's drivers against each other and against real fleets: warnings, not refusals.

:mod:`carbonpath.dataset.absolute` refuses a grid factor, a non-fossil share or a coal rate
that no grid can have (0.08 .. 1.5 t CO2/MWh, 0 .. 1, 122.9 .. 600 gce/kWh); a slip inside
those ranges passed without a word (round 29). Three kinds warn here, for ``drivers.csv``
(the loader, :func:`carbonpath.dataset.series_slips.warn_table_series`) and the series
``carbonpath init`` writes (:func:`carbonpath.dataset.series_slips.warn_driver_series`):

* **a coal rate below any coal fleet** (KE78, :class:`UnusualDriverWarning`): a
  ``thermal_power_coal_rate`` under :data:`COAL_RATE_USUAL` (240 gce/kWh). 122.9 gce/kWh is
  100 % efficiency; China's best ultra-supercritical units supply power at about 256-270
  gce/kWh and the national fleet at about 300 (CEC 2022: 300.7), so 200 gce/kWh (61 %
  efficient) is a slip or a figure of another basis. It only warns: a combined heat and
  power fleet whose coal is shared with the heat it sells can show 220-240 gce/kWh.
* **a grid factor that contradicts the non-fossil share of the same year** (KE58,
  :class:`UnusualDriverWarning`): the factor over the fossil part, ``factor / (1 - share)``,
  is what the grid's fossil power would emit a MWh. A coal fleet at 300 gce/kWh emits about
  0.8 t CO2/MWh (0.3 kgce/kWh x 2.66 kg CO2/kgce), a gas combined cycle about 0.37-0.40
  (MEE 2023 national fossil-only factor: 0.8273); under :data:`FOSSIL_FACTOR_FLOOR`
  (0.55 t CO2/MWh: a fossil fleet of less than about half coal) one of the two rows is
  probably wrong (0.30 with a share of 0.30 implies 0.43, a fleet of gas only). It only
  warns: a grid of mostly gas, or a factor and share of other boundaries (generation
  against consumption), may be right. A hydro province's factor beside init's national
  share (Yunnan's 0.107 beside 0.36) warns too: give the province's share. A high ratio
  alone is no sign of a slip: init holds a factor flat while its national share rises
  (0.641 beside 0.5 in 2030 gives 1.28), and a factor that counts coal power bought from
  other provinces beside a local share is high alike. So the high side judges only a factor
  that **rises** above an earlier year's factor (by more than :data:`FACTOR_RISE`) while
  the share of those years does not fall, and whose fossil part then exceeds
  :data:`FOSSIL_FACTOR_CEILING` (1.2 t CO2/MWh: a fleet of old subcritical coal units at
  400 gce/kWh emits about 1.06, lignite about 1.15): a cleaner grid whose MWh emits more is
  a figure of another basis, typically the CDM operating margin (fossil units only, about
  0.8-1.0 in China's regional grids) typed for the average factor (round 30 KF05: 0.9419
  beside 0.50 in 2030 after 0.641 beside 0.36 in 2022, 1.88 t CO2/MWh of fossil power).
* **a non-fossil share that jumps between two declared years** (KE76, KE77,
  :class:`~carbonpath.dataset.series_slips.SeriesSlipWarning`): a mean change outside
  :data:`SHARE_STEP` (-3 .. +5 points a year) and more than :data:`SHARE_STEP_MIN`
  (10 points) in all. China's share of generation rose about 1.5 points a year (27 % in
  2015, 36 % in 2022, CEC) and init's national values rise 1.75 .. 2 points a year; a last
  value typed 0.06 for 0.6 (-3.75 points a year from 0.36 in eight years) or the 2060
  figure 0.95 typed for 2030 (+7.4 a year) leaves the band, which the spike test of
  :mod:`carbonpath.dataset.series_slips` cannot see at the end of a series. It only warns:
  a large nuclear or hydro plant, or a dry year, moves a province's share fast.

Values are those of the rows as written (converted by their units); rows whose unit does
not convert are left to the unit checks. The bands are the module's own choice, recalled
figures (CEC and MEE publications, 2015-2023), not read in a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.dataset.absolute import DRIVER_RANGES
from carbonpath.dataset.series_slips import SHARE_FLOOR, spikes
from carbonpath.units import unit_factor

__all__ = ["COAL_RATE_USUAL", "FACTOR_RISE", "FOSSIL_FACTOR_CEILING", "FOSSIL_FACTOR_FLOOR",
           "SHARE_STEP", "SHARE_STEP_MIN",
           "coal_rate_notes", "fossil_factor_notes", "grid_notes", "share_step_notes"]

COAL_RATE_USUAL = 240.0
"""gce/kWh under which a ``thermal_power_coal_rate`` warns (see the module docstring)."""

FOSSIL_FACTOR_FLOOR = 0.55
"""t CO2/MWh of the grid's fossil power (factor / (1 - non-fossil share)) under which a
pair of rows of one year warns."""

FOSSIL_FACTOR_CEILING = 1.2
"""t CO2/MWh of the grid's fossil power above which a rising grid factor warns."""

FACTOR_RISE = 0.05
"""Rise of ``grid_emission_factor`` (share of an earlier year's) over which the high side of
:func:`fossil_factor_notes` is judged; a factor held flat is never judged high."""

SHARE_STEP = (-0.03, 0.05)
"""Mean change of ``grid_nonfossil_share`` a year (fraction) between two declared years
outside which the later row warns, if the change is more than :data:`SHARE_STEP_MIN`."""

SHARE_STEP_MIN = 0.10
"""Smallest total change of the share (fraction) that :data:`SHARE_STEP` judges."""


def _values(drivers: pd.DataFrame, name: str, unit: str) -> pd.DataFrame:
    """The rows of driver ``name`` with a value, converted to ``unit`` (column ``x``).

    Columns ``region`` (blank if absent), ``year`` (float, NaN if blank) and ``x``; rows whose
    unit does not convert, or whose value leaves the absolute range that
    :data:`carbonpath.dataset.absolute.DRIVER_RANGES` refuses, are left out.
    """
    rows = drivers[(drivers["driver"] == name) & drivers["value"].notna()]
    bound = DRIVER_RANGES[name]
    out = []
    for label, r in rows.iterrows():
        try:
            x = float(r["value"]) * unit_factor(str(r["unit"]), unit)
            inside = bound.low <= float(r["value"]) * unit_factor(str(r["unit"]),
                                                                 bound.unit) <= bound.high
        except Exception:  # reported by the unit checks
            continue
        if not inside:  # refused by the absolute range: dataset/absolute.py
            continue
        region = r.get("region", "")
        out.append({"label": label, "region": "" if pd.isna(region) else str(region),
                    "year": pd.to_numeric(r["year"], errors="coerce"), "x": x})
    return pd.DataFrame(out, columns=["label", "region", "year", "x"])


def _of(region: str) -> str:
    """`` of CN-SD`` or nothing."""
    return f" of {region}" if region else ""


def coal_rate_notes(drivers: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """One message per ``thermal_power_coal_rate`` row under :data:`COAL_RATE_USUAL`.

    Parameters
    ----------
    drivers : pandas.DataFrame
        Rows ``driver, year, value, unit`` (``region`` optional), values as written.
    where : callable
        ``index label -> 'file, row N'``.

    Returns
    -------
    list of str
        Naming the row, the rate, its efficiency and the usual values.
    """
    out = []
    for r in _values(drivers, "thermal_power_coal_rate", "gce/kWh").itertuples():
        if 0 < r.x < COAL_RATE_USUAL:
            year = "" if pd.isna(r.year) else f" in {int(r.year)}"
            out.append(
                f"{where(r.label)}, column 'value': thermal_power_coal_rate{_of(r.region)}"
                f"{year} = {r.x:g} gce/kWh is {122.9 / r.x:.0%} efficient, below any coal "
                f"fleet's (under {COAL_RATE_USUAL:g} gce/kWh; China's best units supply at "
                "about 256-270, the national fleet at about 300, CEC 2022: 300.7); a digit "
                "slip or a rate of another basis? Right only for a heat-and-power fleet whose "
                "coal is shared with the heat it sells; usual: 260 .. 400 gce/kWh")
    return out


def fossil_factor_notes(drivers: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """One message per year whose grid factor and non-fossil share contradict each other.

    Compares ``grid_emission_factor / (1 - grid_nonfossil_share)`` of rows of the same
    region and year against :data:`FOSSIL_FACTOR_FLOOR`, and, for a factor that rises over
    the region's first declared factor while the share does not fall, against
    :data:`FOSSIL_FACTOR_CEILING` (see the module docstring); rows without a year and
    shares of 1 or more are left out.

    Returns
    -------
    list of str
        Naming both rows, the implied fossil factor and the readings that would be right.
    """
    factor = _values(drivers, "grid_emission_factor", "t CO2/MWh").dropna(subset=["year"])
    share = _values(drivers, "grid_nonfossil_share", "1").dropna(subset=["year"])
    low = FOSSIL_FACTOR_FLOOR
    out = []
    for f in factor.itertuples():
        same = share[(share["region"] == f.region) & (share["year"] == f.year)]
        for s in same.itertuples():
            if not 0 <= s.x < 1 or f.x <= 0:
                continue
            fossil = f.x / (1 - s.x)
            if fossil >= low:
                out += _high_notes(f, s, factor, share, where)
                continue
            out.append(
                f"{where(f.label)} and {where(s.label)}: grid_emission_factor{_of(f.region)} "
                f"{int(f.year)} = {f.x:g} t CO2/MWh beside grid_nonfossil_share {s.x:g}: the "
                f"grid's fossil power would emit {f.x:g} / (1 - {s.x:g}) = {fossil:.3g} t "
                f"CO2/MWh, under {low:g}: a fleet of gas only (about 0.4), where a coal fleet "
                "emits about 0.8; one of the two rows is "
                f"probably wrong: with a fossil factor of 0.8 the share would be "
                f"{max(0.0, 1 - f.x / 0.8):.2g}, or the factor {0.8 * (1 - s.x):.3g}")
    return out


def _high_notes(f: Any, s: Any, factor: pd.DataFrame, share: pd.DataFrame,
                where: Callable[[Any], str]) -> list[str]:
    """The high side of :func:`fossil_factor_notes` for factor row ``f`` beside share ``s``.

    ``factor`` and ``share`` are :func:`_values` frames; the earlier pair is the region's
    first declared factor with a share of the same year. Empty unless ``f`` rises over it by
    more than :data:`FACTOR_RISE`, the share has not fallen, and the fossil part exceeds
    :data:`FOSSIL_FACTOR_CEILING`.
    """
    fossil = f.x / (1 - s.x)
    if fossil <= FOSSIL_FACTOR_CEILING:
        return []
    before = factor[(factor["region"] == f.region) & (factor["year"] < f.year)]
    for b in before.sort_values("year").itertuples():
        same = share[(share["region"] == b.region) & (share["year"] == b.year)]
        if same.empty or not 0 <= same["x"].iloc[0] < 1:
            continue
        was = float(same["x"].iloc[0])
        if f.x <= b.x * (1 + FACTOR_RISE) or s.x < was:
            return []
        then = b.x / (1 - was)
        return [
            f"{where(f.label)}, column 'value': grid_emission_factor{_of(f.region)} "
            f"{int(f.year)} = {f.x:g} t CO2/MWh rises {f.x / b.x - 1:.0%} above {b.x:g} in "
            f"{int(b.year)} ({where(b.label)}) while grid_nonfossil_share rises from {was:g} "
            f"to {s.x:g} ({where(s.label)}): the grid's fossil power would emit {f.x:g} / "
            f"(1 - {s.x:g}) = {fossil:.3g} t CO2/MWh (in {int(b.year)}: {then:.3g}), above "
            f"{FOSSIL_FACTOR_CEILING:g}, more than any coal fleet (about 0.8-1.06); probably "
            "a factor of another basis, such as a CDM operating-margin (fossil units only) "
            f"factor typed for the average grid factor: with the fossil part of "
            f"{int(b.year)} the factor would be about {then * (1 - s.x):.3g}; or the share "
            "is of another boundary"]
    return []


def share_step_notes(drivers: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """One message per step of ``grid_nonfossil_share`` outside :data:`SHARE_STEP`.

    Per region, consecutive declared years; the later row is named. After a flagged step
    the next one (back from the flagged value) is not judged again, nor a step to or from
    a spike or a share under the floor, which
    :func:`carbonpath.dataset.series_slips.driver_series_warnings` names already.

    Returns
    -------
    list of str
        Naming both rows, the step in points a year and the reading that would be right.
    """
    out = []
    rows = _values(drivers, "grid_nonfossil_share", "1").dropna(subset=["year"])
    for region, group in rows.groupby("region", sort=True):
        group = group.sort_values("year").reset_index(drop=True)
        # a spike or a share under the floor is series_slips.py's warning already
        told = {i for i, _ in spikes(list(group["x"]))} | {
            i for i, x in enumerate(group["x"]) if x < SHARE_FLOOR["grid_nonfossil_share"]}
        flagged = -1
        for i in range(1, len(group)):
            a, b = group.iloc[i - 1], group.iloc[i]
            gap, change = float(b["year"] - a["year"]), float(b["x"] - a["x"])
            if (gap <= 0 or abs(change) <= SHARE_STEP_MIN or i - 1 == flagged
                    or {i - 1, i} & told):
                continue
            rate = change / gap
            if SHARE_STEP[0] <= rate <= SHARE_STEP[1]:
                continue
            flagged = i
            hint = (f"probably {b['x'] * 10:g} (x10) meant" if change < 0 and b["x"] * 10 <= 1
                    else "a later year's figure typed here?" if change > 0 else "a slip?")
            out.append(
                f"{where(b['label'])}, column 'value': grid_nonfossil_share{_of(region)} "
                f"{b['x']:g} in {int(b['year'])} after {a['x']:g} in {int(a['year'])} "
                f"({where(a['label'])}) is {rate * 100:+.3g} points a year, outside "
                f"{SHARE_STEP[0] * 100:+g} .. {SHARE_STEP[1] * 100:+g} (China's share rose "
                f"about 1.5 points a year, 27 % in 2015 to 36 % in 2022); {hint}; if a large "
                "plant opens or a dry year is meant, the row is right as written")
    return out


def grid_notes(drivers: pd.DataFrame, where: Callable[[Any], str]
               ) -> tuple[list[str], list[str]]:
    """All three kinds: ``(unusual-driver messages, series-slip messages)``."""
    return (coal_rate_notes(drivers, where) + fossil_factor_notes(drivers, where),
            share_step_notes(drivers, where))
