"""A fuel or carrier of tidy activity far smaller than its rows look (round 15, K81).

The balance sheet's column check (:mod:`carbonpath.accounting.balance_magnitude`, round 12
E22) measures each column against the sheet's largest. Tidy activity had no counterpart:
a city whose every electricity row is written in 万千瓦时 over numbers meant in 亿千瓦时
(consumption 5, import 6, export 1) passes the electricity balance (the rows share the
slip, use / supply stays 1) and the net import's 320,500 t CO2 shrink to 32 t, exit 0.

:func:`small_fuel_warnings` does for tidy rows what the sheet's check does for columns, per
year and region: each fuel (carriers included, since the carrier balances cannot see a
slip all its rows share) is measured by its largest row in standard coal at calorific
values (the inventory's energy frame, column ``calorific_tce``), against the largest
fuel's largest row. A fuel warns (:class:`ActivityMagnitudeWarning`) when

* its largest row holds under :data:`MIN_SHARE` of the largest fuel's (the sheet's
  ``MIN_COLUMN_SHARE``: natural gas or electricity are percents of a Chinese city's
  energy, 10^-5 of it after a 万-for-亿 slip),
* although that row is written as at least 1 in its unit (a genuinely small fuel is
  written small in a unit fit for it, 0.3 万吨, or 3,000 吨),
* and its 10^4 reading (万千瓦时 as 亿千瓦时, 万立方米 as 亿立方米) makes it hold at least
  :data:`MIN_SLIPPED_SHARE` of the largest.

It names the file, the fuel's rows, both energies and the reading. It warns rather than
refuses: a city may use very little of a fuel, and nothing in the rows proves the slip.
Only units with 万 before a unit statistics also print in 亿 are judged (:func:`_judged`):
万千瓦时, 万立方米, 万百万千焦, where 万 for 亿 is the usual slip. Not 万吨 (亿吨 is no unit of
a city's rows), nor 吨 or units without 万 (``MWh``, ``t``): a fuel of 1 吨 beside 5,000 吨
of diesel is as likely a small fuel as a slip (a hypothesis test of the inventory's sums
found such rows), and their slips are 10^3 or 10^4 with nothing to tell them apart.
Such a unit is judged only against the file's other fuels (round 25 Z126: commercial LPG
``1.2,吨``, its only row, among mass rows all in 万吨, lost 36 kt CO2): when most rows of
the other fuels of the same measure use one unit :data:`WIDE_SCALE` times larger or more
(at least two rows), and the fuel's number lies among theirs, that unit is its reading
(:func:`_file_unit`), under the same shares as above.

Carriers written without a prefix (round 17, O15) are judged on their own band: heat in GJ
(百万千焦) over numbers of the yearbook's 万百万千焦 column, electricity in kWh over 万千瓦时
(:data:`CARRIER_READINGS`). Every sector of a city uses electricity, and a northern city's
heat is percents of its energy: the bundled samples' largest electricity row holds 0.36-0.71
of the largest fuel's largest row (Liaocheng 2023, the sample, tiny), their largest heat row
0.14-0.32. A carrier warns when its largest row holds under :data:`CARRIER_MIN_SHARE` (a
tenth of the least of these) while its 10^4 reading would hold at least as much. A southern
city buying a little heat may be named; the warning says to ignore it then. Units whose 10^4
reading is no unit statistics print (MWh, GWh, TJ) are not judged.

No sound check sees a 10x slip of a carrier (O01: every electricity row in TWh over numbers
in 亿千瓦时): it makes electricity 8.6 times the coal, and a city that imports most of its
power (a service city) has electricity far above its coal; the inventory holds no population
to judge a carrier per person.

**One row of a fuel in a unit of another scale** (round 18, Q15: residential 原煤 ``8,吨``
among raw-coal rows in 万吨, 0.149 Mt CO2 lost): :func:`odd_scale_rows` judges each fuel's
rows of one year and region apart from the other fuels. A row warns when its unit is one a
minority of the fuel's rows use, 10^3 times or more the size of the usual unit (the unit
of most of its rows) or a thousandth of it or less, when its number read in the usual unit
lies among theirs (within 10x of their least and largest numbers), and when its amount as
written does not (a row meant in 吨 is written 80,000 吨, not 8). Electricity and heat are
judged alike (round 30 ZF199, ZF200: an export ``1,GWh`` or a consumption ``2,万千瓦时``
among rows in 亿千瓦时, +63.5 kt and -128.2 kt CO2, passed the carrier balances' wide band
of a city without generation rows).

Round 19 widened it (T157, T158: raw coal ``8,kt`` or ``30,kt`` among rows in 万吨, 10x
apart; T16: ``1672.6,GJ`` for TJ among rows in 万吨): a unit 10 times the usual one or more
is judged, and a row whose number lies among theirs is named even when its amount as
written does too (under 10^3 apart the amount alone cannot tell a slip from a small row).
A row of another measure (an energy unit among mass rows) is measured by its standard coal
and named when its amount in their unit lies outside their numbers and its amount in a unit
10^3 .. 10^9 larger or smaller would lie among them (its number, in a unit of another
measure, is not compared with theirs) (the unit is named: GJ for TJ, 吨标准煤
for 万吨标准煤).

**A whole fuel in a unit 10 .. 999 times apart from every other fuel's** (round 27 ZC52,
ZC52b, ZC53: gasoline ``18,kt``, its only row, or all three diesel rows in ``kt``, among
mass rows all in 万吨; -0.49 Mt and -1.19 Mt CO2, silent): the per-fuel check needs rows of
the fuel in another unit, and Z126's cross-fuel reading starts at 10^3. :func:`lone_unit_fuels`
names a fuel whose rows of one year and region all use one unit that no other fuel uses,
when the rows of the other fuels of the same measure (at least three, of at least two
fuels) all use one unit, :data:`ODD_SCALE` to under :data:`WIDE_SCALE` times the fuel's
unit's size (or that much smaller). A yearbook prints every fuel of a table in one unit, so
a fuel in kt among fuels in 万吨 was most often copied from a table in 万吨; as it may be
right (a fuel taken from another source), it is a warning naming the reading.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.balance_magnitude import (
    MIN_COLUMN_SHARE,
    MIN_SLIPPED_SHARE,
    ODD_SCALE,
    WIDE_SCALE,
    BalanceMagnitudeWarning,
    rescaled,
)

__all__ = ["BALANCE_MARK", "CARRIER_MIN_SHARE", "CARRIER_READINGS", "MIN_SHARE",
           "MIN_SLIPPED_SHARE", "ODD_SCALE", "ActivityMagnitudeWarning", "lone_unit_fuels",
           "odd_scale_rows",
           "small_fuel_warnings", "warn_small_fuels"]

MIN_SHARE = MIN_COLUMN_SHARE
"""Largest row's standard coal, as a share of the largest fuel's largest row, under which
a fuel written in ordinary-looking numbers is suspect (module docstring)."""

CARRIER_READINGS = {("heat", "GJ"): "万百万千焦", ("heat", "百万千焦"): "万百万千焦",
                    ("electricity", "kWh"): "万千瓦时", ("electricity", "千瓦时"): "万千瓦时"}
"""(carrier, unit as written) -> the unit statistics print 10^4 larger, which a carrier's
numbers copied without the 万 were meant in (module docstring)."""

CARRIER_MIN_SHARE = 1e-2
"""Largest row's standard coal, as a share of the largest fuel's largest row, under which a
carrier written in a unit of :data:`CARRIER_READINGS` is suspect (a tenth of the least share
in the bundled samples, 0.14; module docstring)."""


BALANCE_MARK = "as read from the balance"
"""Text of the name ``inventory --balance-sheet`` gives a sheet's activity rows: of such
rows only electricity and heat are judged here (the sheet's column check,
:mod:`carbonpath.accounting.balance_magnitude`, judges the fuels and leaves the carriers)."""


def _judged(unit: str) -> bool:
    """A unit whose 10^4 slip is judged: 万 before a unit statistics also print in 亿.

    万千瓦时 (for 亿千瓦时), 万立方米 (for 亿立方米), 万百万千焦; not 万吨 (亿吨 is no unit of a
    city's rows) nor units without 万 (a fuel of 1 吨 beside 5,000 吨 of diesel is as likely
    a small fuel as a slip).
    """
    return unit.startswith("万") and not unit.startswith("万吨")


class ActivityMagnitudeWarning(BalanceMagnitudeWarning):
    """A fuel of tidy activity far smaller than its rows look (a unit 10^4 off)."""


def small_fuel_warnings(data: pd.DataFrame, energy: pd.DataFrame, source: str) -> list[str]:
    """Messages for fuels far smaller than their rows look (module docstring).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``fuel``, ``value``, ``unit``).
    energy : pandas.DataFrame
        The inventory's energy frame, one row per activity row with energy (``row``,
        ``year``, ``region``, ``fuel``, ``calorific_tce`` in tce).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of str
        One message per suspect fuel, year and region.
    """
    if energy.empty or "calorific_tce" not in energy:
        return []
    if BALANCE_MARK in source:  # the sheet's own column check judged its fuels already
        energy = energy[energy["fuel"].isin(["electricity", "heat"]).to_numpy()]
    written = data.drop_duplicates("row").set_index("row")[["value", "unit"]]
    e = energy[["row", "year", "region", "fuel"]].assign(
        tce=np.abs(energy["calorific_tce"].to_numpy(dtype=float)))
    e = e[np.isfinite(e["tce"].to_numpy()) & e["row"].isin(written.index).to_numpy()]
    out = []
    for (year, region), group in e.groupby(["year", "region"], sort=True):
        top = group.loc[group.groupby("fuel", sort=True)["tce"].idxmax()]
        top = top[top["tce"] > 0]
        if len(top) < 2:
            continue
        lead = top.loc[top["tce"].idxmax()]
        most = float(lead["tce"])
        for r in top.itertuples(index=False):
            value, unit = written.at[r.row, "value"], str(written.at[r.row, "unit"])
            other = CARRIER_READINGS.get((str(r.fuel), unit.strip()))
            share, least = CARRIER_MIN_SHARE, CARRIER_MIN_SHARE
            if other is None:
                other = rescaled(unit, 4) if _judged(unit) else None
                share, least = MIN_SHARE, MIN_SLIPPED_SHARE
            slip, theirs = 1e4, ""
            if (other is None and str(r.fuel) not in ("electricity", "heat")
                    and r.tce < share * most and abs(float(value)) >= 1):
                found = _file_unit(data, year, region, r)  # round 25 Z126
                if found is not None:
                    other, slip, theirs = found
            if (r.tce >= share * most or abs(float(value)) < 1 or other is None
                    or r.tce * slip < least * most):
                continue
            rows = group.loc[group["fuel"] == r.fuel, "row"]
            out.append(
                f"{source}, rows {', '.join(str(x) for x in rows)}, column 'unit': "
                f"{r.fuel} of {region} in {int(year)} holds at most {float(value):g} {unit} "
                f"(row {r.row}) = {r.tce:.3g} tce, {r.tce / most:.2g} of {lead['fuel']}'s "
                f"largest row ({most:,.0f} tce, row {lead['row']}), though it is written "
                f"as an ordinary number: probably a unit {_power(slip)} too small ({unit} for "
                f"{other}{theirs}; read so, it would hold {r.tce * slip / most:.2g} of it). "
                "Correct the unit of these rows; if they are right, ignore this warning")
    return out


def _power(ratio: float) -> str:
    """A size ratio as ``10^k`` when it is a power of ten, else as a number."""
    k = round(math.log10(ratio), 6)
    return f"10^{int(k)}" if k == int(k) else f"{ratio:,.0f} times"


def _file_unit(data: pd.DataFrame, year: Any, region: Any,
               r: Any) -> tuple[str, float, str] | None:
    """The unit the file's other fuels use, when a fuel's row is in one far smaller.

    A fuel written in a unit without a 万 that :func:`_judged` reads (``吨``, ``t``, ``kg``)
    is measured against the unit most rows of the other fuels of its year and region use
    for the same measure (at least two rows): when that unit is :data:`WIDE_SCALE` times
    the row's or more, and the row's number lies among their numbers (within 10x of their
    least and largest), that unit is the reading (round 25 Z126: commercial LPG ``1.2,吨``,
    the file's only LPG row, among mass rows all in 万吨).

    Returns
    -------
    (str, float, str) or None
        (the unit, its size over the row's unit, words naming the rows that use it), or
        None.
    """
    if "measure" not in data or "quantity" not in data:
        return None
    mine = data[data["row"] == r.row]
    if mine.empty:
        return None
    measure = mine["measure"].iloc[0]
    per_row = float(mine["quantity"].iloc[0]) / float(mine["value"].iloc[0])
    them = data[(data["year"] == year).to_numpy() & (data["region"].astype(str) == str(region))
                .to_numpy() & (data["fuel"] != r.fuel).to_numpy()
                & (data["measure"] == measure).to_numpy()
                & (data["value"].to_numpy(dtype=float) > 0)].drop_duplicates("row")
    if len(them) < 2 or not per_row > 0:
        return None
    counts = them["unit"].astype(str).value_counts()
    usual = str(counts.index[0])
    if counts.iloc[0] < 2 or (len(counts) > 1 and counts.iloc[0] == counts.iloc[1]):
        return None
    ref = them[(them["unit"].astype(str) == usual).to_numpy()]
    ratio = float(ref["quantity"].iloc[0]) / float(ref["value"].iloc[0]) / per_row
    value = float(mine["value"].iloc[0])
    low, high = float(ref["value"].min()) / 10, float(ref["value"].max()) * 10
    if ratio < WIDE_SCALE * 0.999 or not low <= value <= high:
        return None
    return usual, ratio, (f", the unit of {counts.iloc[0]} of the {len(them)} {measure} rows "
                          "of the other fuels")


NAMED_UNITS = ("kJ", "MJ", "GJ", "TJ", "PJ", "百万千焦", "万百万千焦", "kWh", "MWh", "GWh",
               "万千瓦时", "亿千瓦时", "kgce", "吨标准煤", "万吨标准煤", "kg", "t", "kt", "Mt",
               "万吨", "立方米", "万立方米", "亿立方米")
"""Units a row of another measure may have been meant in (GJ for TJ, 吨标准煤 for 万吨标准煤)."""


def _bigger_units(unit: str) -> dict[float, str]:
    """Size ratio -> a unit of :data:`NAMED_UNITS` of ``unit``'s dimension that is 10^k it."""
    from carbonpath.units import parse_unit, unit_factor

    out: dict[float, str] = {}
    try:
        dim = parse_unit(unit).dimensionality
    except Exception:  # (a unit the reader took but this list cannot name: no name)
        return out
    for other in NAMED_UNITS:
        try:
            if parse_unit(other).dimensionality != dim:
                continue
            size = round(math.log10(unit_factor(other, unit)), 6)
        except Exception:  # (a unit of this list the registry words otherwise)
            continue
        if size == int(size) and size != 0:
            out.setdefault(10.0 ** size, other)
    return out


def _tce_by_row(energy: pd.DataFrame | None) -> pd.Series:
    """Each activity row's standard coal at calorific values (tce), from the energy frame."""
    if energy is None or energy.empty or "calorific_tce" not in energy:
        return pd.Series(dtype=float)
    return energy.groupby("row")["calorific_tce"].sum().abs()


def _other_measure(value: float, unit: str, ratio: float, low: float, high: float,
                   usual: str) -> str | None:
    """Advice for a row of another measure whose amount, 10^k times larger, fits.

    The units 10^3 .. 10^9 times larger or smaller than the row's (of
    :data:`NAMED_UNITS`) whose reading lies among the other rows' numbers are named,
    nearest first; None when none does.
    """
    fits = [(abs(math.log10(size)), size, other) for size, other in _bigger_units(unit).items()
            if 1e3 <= max(size, 1 / size) <= 1e9 and low <= value * ratio * size <= high]
    if not fits:
        return None
    fits.sort()
    named = " or ".join(f"{other} ({value * ratio * size:.3g} {usual})"
                        for _, size, other in fits[:2])
    return (f"if it is in {named}, it fits among them. Check the row's unit ({unit} for "
            f"{' or '.join(other for _, _, other in fits[:2])}?)")


def odd_scale_rows(data: pd.DataFrame, source: str,
                   energy: pd.DataFrame | None = None) -> list[str]:
    """Messages for fuel rows in a unit of another scale than the fuel's other rows.

    A fuel's rows of one year and region are measured against the unit most of them use
    (the usual unit, held by at least two rows and more rows than any other unit). A row in
    another unit of the same measure is named when that unit is :data:`ODD_SCALE` times the
    usual one or more (or a tenth or less) and its number lies among theirs (within 10x of
    their least and largest numbers); from :data:`WIDE_SCALE` apart, only when its amount as
    written does not (round 18 Q15, round 19 T157, T158). A row of another measure (GJ
    among rows in 万吨) is compared by its standard coal (``energy``): named when its
    amount in the usual unit lies outside their numbers while its amount in a unit 10^3 ..
    10^9 larger or smaller (:data:`NAMED_UNITS`) would lie among them (round 19 T16:
    1672.6 GJ for TJ among raw coal in 万吨). A row in standard coal whose number lies among
    theirs (round 28 ZD08, ZD109) is named with its physical reading. Electricity and heat
    are judged as fuels are (round 30 ZF199, ZF200).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``fuel``, ``measure``,
        ``value``, ``unit``, ``quantity`` in the measure's base unit).
    source : str
        The file or DataFrame name, for messages.
    energy : pandas.DataFrame, optional
        The inventory's energy frame (``row``, ``calorific_tce`` in tce); without it rows of
        another measure than the usual unit's are not judged.

    Returns
    -------
    list of str
        One message per row, naming the row, the fuel's other rows and the reading that
        would fit among them.
    """
    if BALANCE_MARK in source or data.empty or "measure" not in data:
        return []
    coal = _coal_units(data["unit"])
    keep = data["value"].to_numpy(dtype=float) > 0  # carriers too (round 30 ZF199, ZF200)
    rows = data[keep].drop_duplicates("row")
    keys = ["year", "region", "fuel"]
    gid = rows.groupby(keys, sort=False, observed=True).ngroup().to_numpy()
    codes = pd.factorize(rows["unit"])[0]  # (no text conversion: 10^5 rows cost 0.2 s)
    mixed = pd.Series(codes).groupby(gid).nunique().to_numpy() > 1  # (one unit: judged no more)
    rows = rows[mixed[gid]] if len(gid) else rows
    tce = _tce_by_row(energy) if len(rows) else pd.Series(dtype=float)
    from carbonpath.accounting.plausible_carrier_bands import carrier_rows_named
    named, out = carrier_rows_named(data) if len(rows) else set(), []  # (one warning a row)
    for (year, region, fuel), group in rows.groupby(
            ["year", rows["region"].astype(str), rows["fuel"].astype(str)], sort=True,
            observed=True):
        units = group["unit"].astype(str)
        counts = units.value_counts()
        if len(counts) < 2 or counts.iloc[0] < 2 or counts.iloc[0] == counts.iloc[1]:
            continue
        usual = str(counts.index[0])
        ref = group[(units == usual).to_numpy()]
        measure = str(ref["measure"].iloc[0])
        per_usual = float(ref["quantity"].iloc[0]) / float(ref["value"].iloc[0])
        ref_tce = tce.reindex(ref["row"]).to_numpy() / ref["value"].to_numpy(dtype=float)
        tce_usual = float(np.nanmedian(ref_tce)) if np.isfinite(ref_tce).any() else np.nan
        low, high = float(ref["value"].min()) / 10, float(ref["value"].max()) * 10
        for r in group[(units != usual).to_numpy()].itertuples(index=False):
            if int(r.row) in named:
                continue  # the carrier balance names it (its own words, round 22 M128)
            value = float(r.value)
            typed = str(r.unit) in coal and usual not in coal and low <= value <= high
            if str(r.measure) == measure:
                ratio = float(r.quantity) / value / per_usual
                advice = None
            else:
                ratio = float(tce.get(r.row, np.nan)) / tce_usual / value
                if not np.isfinite(ratio) or ratio <= 0 or (
                        low <= value * ratio <= high and not typed):
                    continue
            if typed and np.isfinite(ratio) and ratio > 0:  # round 28 ZD08, ZD109
                other = (None if low <= value * ratio <= high or str(r.measure) == measure
                         else _other_measure(value, str(r.unit), ratio, low, high, usual))
                out.append(_typed_as_coal(source, r, fuel, value, ratio, usual, ref, region,
                                          int(year), other))
                continue
            if str(r.measure) != measure:
                advice = _other_measure(value, str(r.unit), ratio, low, high, usual)
                if advice is None:
                    continue
            else:
                advice = None
            if advice is None:
                if 1 / ODD_SCALE * 1.001 < ratio < ODD_SCALE * 0.999:
                    continue
                wide = ratio <= 1 / WIDE_SCALE * 1.001 or ratio >= WIDE_SCALE * 0.999
                if not low <= value <= high or (wide and low <= value * ratio <= high):
                    continue
                advice = (f"if the row is in {usual} like them, {value:g} {usual}. Check the "
                          f"row's unit ({r.unit} for {usual}?)")
                size = (f"a unit {1 / ratio if ratio < 1 else ratio:,.0f} times "
                        f"{'smaller' if ratio < 1 else 'larger'} than {usual}")
            else:
                size = f"a unit of {r.measure} where they use {usual}"
            out.append(
                f"{source}, row {r.row}, column 'unit': {fuel} is written {value:g} {r.unit}, "
                f"{size}, the unit of its other rows of {region} in {int(year)} (rows "
                f"{', '.join(str(x) for x in ref['row'])}, numbers {low * 10:g} .. "
                f"{high / 10:g}): as written it is {value * ratio:.3g} {usual}; "
                f"{advice}; if it is right, ignore this warning")
    return out


def _coal_units(units: pd.Series) -> set[str]:
    """The distinct units of ``units`` that are standard coal (万吨标准煤, tce)."""
    from carbonpath.accounting.activity.scope import is_coal_equivalent

    return {u for u in map(str, pd.unique(units)) if is_coal_equivalent(u)}


def _typed_as_coal(source: str, r: Any, fuel: str, value: float, ratio: float, usual: str,
                   ref: pd.DataFrame, region: str, year: int, other: str | None) -> str:
    """The message of a row in standard coal whose number lies among its fuel's physical rows'.

    Round 28 ZD08: residential gas ``2.2,万吨标准煤`` among gas rows of 0.5 .. 1.5 亿立方米,
    the 亿立方米 figure typed with the unit of the 标准量 table: 0.41 Mt CO2 lost.
    """
    return (f"{source}, row {r.row}, column 'unit': {fuel} is written {value:g} {r.unit}, "
            f"standard coal, where its other rows of {region} in {year} use {usual} (rows "
            f"{', '.join(str(x) for x in ref['row'])}, numbers {float(ref['value'].min()):g} "
            f".. {float(ref['value'].max()):g}): as written it is {value * ratio:.3g} "
            f"{usual}, while its number lies among theirs, as a figure in {usual} typed with "
            f"a standard-coal unit would. If the row is in {usual} like them, it is {value:g} "
            f"{usual}, {1 / ratio:.3g} times the amount read: write {usual} in its unit "
            f"cell; {'or, ' + other + '; ' if other else ''}if {r.unit} is right, ignore "
            "this warning")


#: A row holding this many times the standard coal of every other row of its year and
#: region together is judged by :func:`giant_rows` (round 22 M01: 46 times).
GIANT_SHARE = 10.0
#: The scales of a row's unit whose lost prefix :func:`giant_rows` reads (万 and 亿).
LOST_PREFIX = (1e4, 1e8)


def giant_rows(data: pd.DataFrame, source: str, energy: pd.DataFrame | None) -> list[str]:
    """Messages for a fuel row in its fuel's usual unit but 10^4 times its other rows.

    A row typed in tonnes under a 万吨 unit (round 22 M01: household raw coal
    ``80000,万吨`` for 8) keeps the unit of its fuel's other rows, so
    :func:`odd_scale_rows` does not see it, and a province's per-row bound lets it pass.
    A row is named when its standard coal is at least :data:`GIANT_SHARE` times that of
    every other row of its year and region together (at least two other fuels among
    them: a table, not a fragment), and its number divided by 10^4 (or 10^8) lies among
    the numbers of its fuel's other rows in the same unit (within 10x of their least and
    largest). No real city or province has one row holding over 90 % of its energy: a
    power plant's coal is about half of a coal city's (the bundled sample: 0.52).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``fuel``, ``sector``,
        ``value``, ``unit``).
    source : str
        The file or DataFrame name, for messages.
    energy : pandas.DataFrame, optional
        The inventory's energy frame (``row``, ``calorific_tce`` in tce).

    Returns
    -------
    list of str
        One message per row, naming the row, its share, its fuel's other rows and the
        reading that fits among them.
    """
    tce = _tce_by_row(energy)
    if tce.empty or data.empty:
        return []
    rows = data.drop_duplicates("row")
    rows = rows[(rows["value"].to_numpy(dtype=float) > 0)
                & ~rows["fuel"].isin(["electricity", "heat"]).to_numpy()]
    out = []
    for (year, region), group in rows.groupby(["year", rows["region"].astype(str)],
                                              sort=True, observed=True):
        own = tce.reindex(group["row"]).fillna(0.0).to_numpy()
        total = float(own.sum())
        for i, r in enumerate(group.itertuples(index=False)):
            rest = total - own[i]
            others = group[(group["fuel"] != r.fuel).to_numpy()]["fuel"].nunique()
            if rest <= 0 or own[i] < GIANT_SHARE * rest or others < 2:
                continue
            same = group[(group["fuel"] == r.fuel).to_numpy()
                         & (group["unit"].astype(str) == str(r.unit)).to_numpy()
                         & (group["row"] != r.row).to_numpy()]
            if same.empty:
                continue
            low = float(same["value"].min()) / 10
            high = float(same["value"].max()) * 10
            scale = next((k for k in LOST_PREFIX if low <= float(r.value) / k <= high), None)
            if scale is None:
                continue
            out.append(
                f"{source}, row {r.row}, column 'value': {r.fuel} in {r.sector} is "
                f"{float(r.value):g} {r.unit}, {own[i] / rest:,.0f} times the standard coal "
                f"of every other row of {region} in {int(year)} together, and "
                f"{float(r.value) * 10 / high:,.0f} times its fuel's largest other row (rows "
                f"{', '.join(str(x) for x in same['row'])}: {low * 10:g} .. {high / 10:g} "
                f"{r.unit}): probably a number without the unit's prefix (tonnes under "
                f"万吨); {float(r.value) / scale:g} {r.unit} fits among them; if the row is "
                "right, ignore this warning")
    return out


def lone_unit_fuels(data: pd.DataFrame, source: str) -> list[str]:
    """Messages for a fuel whose rows all use a unit 10 .. 999 times apart from the others'.

    Per year and region, a fuel (not electricity or heat) whose positive rows all use one
    unit that no other fuel's rows use is named when the positive rows of the other fuels
    of the same measure, at least three of at least two fuels, all use one unit whose size
    is :data:`ODD_SCALE` to under :data:`WIDE_SCALE` times the fuel's unit's, or that much
    smaller (module docstring, round 27 ZC52). Rows read from a balance sheet are not judged
    (one unit per sheet).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``fuel``, ``measure``,
        ``value``, ``unit``, ``quantity`` in the measure's base unit).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of str
        One message per fuel, year and region, naming its rows, the other fuels' unit and
        the amount read in it.
    """
    if BALANCE_MARK in source or data.empty or "measure" not in data:
        return []
    keep = ~data["fuel"].isin(["electricity", "heat"]).to_numpy()
    keep &= data["value"].to_numpy(dtype=float) > 0
    rows = data[keep].drop_duplicates("row")
    out = []
    for (year, region, measure), group in rows.groupby(
            ["year", rows["region"].astype(str), rows["measure"].astype(str)], sort=True,
            observed=True):
        units = group["unit"].astype(str).to_numpy()
        fuels = group["fuel"].astype(str).to_numpy()
        if len(set(units)) != 2 or len(set(fuels)) < 3:
            continue
        for unit in sorted(set(units)):
            mine = units == unit
            if len(set(fuels[mine])) != 1 or (fuels[~mine] == fuels[mine][0]).any():
                continue
            them = group[~mine]
            if len(them) < 3 or them["fuel"].nunique() < 2:
                continue
            fuel, usual = str(fuels[mine][0]), str(them["unit"].iloc[0])
            ref, own = them.iloc[0], group[mine]
            ratio = (float(ref["quantity"]) / float(ref["value"])
                     / (float(own["quantity"].iloc[0]) / float(own["value"].iloc[0])))
            if not ODD_SCALE * 0.999 <= max(ratio, 1 / ratio) < WIDE_SCALE * 0.999:
                continue
            named = ", ".join(f"row {r}: {v:g} {unit}" for r, v in zip(
                own["row"], own["value"].astype(float), strict=True))
            size = (f"{ratio:,.0f} times smaller" if ratio > 1 else
                    f"{1 / ratio:,.0f} times larger")
            out.append(
                f"{source}, row{'s' if len(own) > 1 else ''} "
                f"{', '.join(str(x) for x in own['row'])}, column 'unit': every "
                f"{fuel} row of {region} in {int(year)} is in {unit} ({named}), a unit "
                f"{size} than {usual}, the unit of all {len(them)} {measure} rows of its "
                f"{them['fuel'].nunique()} other fuels: a table prints every fuel in one "
                f"unit, so the numbers may have been copied from a table in {usual}. If they "
                f"are in {usual}, {fuel} is {ratio if ratio > 1 else 1 / ratio:,.0f} times "
                f"{'larger' if ratio > 1 else 'smaller'} than read (write {usual}); if "
                f"{unit} is right, ignore this warning")
    return out


def warn_small_fuels(data: pd.DataFrame, energy: pd.DataFrame, source: str) -> None:
    """Warn (:class:`ActivityMagnitudeWarning`) of each of :func:`small_fuel_warnings`.

    Also of each of :func:`odd_scale_rows` (one row of a fuel in a unit of another scale),
    of :func:`giant_rows` (one row 10^4 times its fuel's other rows in their unit) and of
    :func:`lone_unit_fuels` (a whole fuel in a unit 10 .. 999 times apart from the others').

    Parameters
    ----------
    data, energy, source
        As :func:`small_fuel_warnings`.
    """
    found = (small_fuel_warnings(data, energy, source) + odd_scale_rows(data, source, energy)
             + giant_rows(data, source, energy)  # round 22 M01
             + lone_unit_fuels(data, source))  # round 27 ZC52
    for text in found:
        warnings.warn(text, ActivityMagnitudeWarning, stacklevel=4)
