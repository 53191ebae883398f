"""A balance-sheet column whose header unit is 10^4 off its numbers (round 12, E22).

A yearbook's header ``天然气(万立方米)`` over numbers printed in 亿立方米 makes the city's gas
10^4 times too small. Every total of the sheet still adds up (the slip is the same in
every cell of the column), and the inventory loses all gas CO2 without a word (the sample:
24.427 Mt instead of 25.878). No law of the sheet sees it; its magnitude does: the column
then holds a few TJ beside hundreds of thousands in the coal column, while its cells are
printed like ordinary numbers (8.00, 6.30), far above the sheet's 0.01 resolution.

:func:`small_column_warnings` measures each fuel column by its largest cell in TJ (net
calorific value of the bundled table, region ``CN``; electricity and heat are left to the
carrier balances, which refuse such a slip) and warns of a fuel column that

* holds under :data:`MIN_COLUMN_SHARE` of the largest column,
* although its largest cell is at least 1 in the column's unit (a genuinely tiny column,
  such as kerosene in a coal city, is printed as 0.01-0.5 万吨 and still holds 0.01 %),
* and whose 10^4 reading (万立方米 as 亿立方米, 吨 as 万吨) would make it an ordinary column
  (at least :data:`MIN_SLIPPED_SHARE` of the largest); or, for a unit without a prefix, its
  10^8 reading (立方米 as 亿立方米, 千瓦时 as 亿千瓦时: round 14, the sample's gas in
  立方米 had dropped 1.45 Mt CO2 without a word).

It warns rather than refuses: a sheet may be right, and nothing in it proves the slip.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathError, CarbonpathWarning

__all__ = ["MIN_COLUMN_SHARE", "MIN_SLIPPED_SHARE", "ODD_SCALE", "WIDE_SCALE",
           "BalanceMagnitudeWarning", "lone_unit_columns", "reading", "rescaled",
           "small_column_warnings", "standard_coal_columns", "standard_title_columns",
           "warn_header_units",
           "warn_small_columns"]

MIN_COLUMN_SHARE = 1e-4
"""Largest column energy, as a share of the largest column's, under which a column with
ordinary-looking numbers is suspect (assumption: natural gas is 2-10 % of a Chinese city's
energy, 1e-5 of it after a 万-for-亿 slip; a real column that small prints as 0.0x)."""

MIN_SLIPPED_SHARE = 1e-3
"""Least share of the largest column that the 10^4 reading must reach to be named
(assumption: a fuel worth a balance column holds at least 0.1 % of the coal column)."""

SLIP = 1e4

ODD_SCALE = 10.0
"""Size ratio of a row's (or column's) unit to the usual unit from which it is judged by
:func:`carbonpath.accounting.plausible_magnitude.odd_scale_rows` and
:func:`lone_unit_columns` (kt among 万吨 is 10; 吨 among 万吨, 10^4; round 19 T157)."""

WIDE_SCALE = 1e3
"""Size ratio from which a row is named only when its number as written falls outside the
other rows' (a row meant in 吨 is written 80,000 吨, not 8); under it, a row whose number
fits among theirs is named (30 kt among 8 .. 520 万吨, round 19 T158)."""
#: Electricity and heat columns are left to the carrier balances and the plants' conversion
#: checks (:mod:`carbonpath.accounting.plausible_energy`), which refuse such a slip.
_CARRIERS = ("electricity", "heat")


_STEPS = {"": 0, "万": 4, "亿": 8}
_PREFIX = {v: k for k, v in _STEPS.items()}


def rescaled(unit: str, power: int) -> str | None:
    """``unit`` made 10^``power`` times larger by its 万/亿 prefix, or None.

    Parameters
    ----------
    unit : str
        A unit as a sheet prints it (``吨``, ``万立方米``, ``亿千瓦时``).
    power : int
        Decimal power, a multiple of 4 (``4``: 吨 -> 万吨; ``-4``: 亿立方米 -> 万立方米).

    Returns
    -------
    str or None
        The unit with the prefix that many powers away, or None where no prefix of 1, 万 or
        亿 gives it (万吨 made 10^8 larger).
    """
    step = _STEPS.get(unit[:1], 0)
    base = unit[1:] if unit[:1] in ("万", "亿") else unit
    return None if step + power not in _PREFIX else _PREFIX[step + power] + base


def reading(unit: str, power: int) -> str:
    """A unit 10^``power`` times ``unit``, spelled so that carbonpath reads it.

    The 万/亿 prefix where it gives a unit (``吨`` -> ``万吨``, ``万立方米`` -> ``亿立方米``);
    else ``10^power unit`` (``t`` -> ``10^4 t``: ``万t`` is no unit, round 18 Q27 had named
    ``万108 m3``); else words (``10^4 times 10000 t``).
    """
    from carbonpath.units import parse_unit

    for text in (rescaled(unit, power), f"10^{power} {unit}"):
        if text:
            try:
                parse_unit(text)
            except CarbonpathError:
                continue
            return text
    return f"10^{power} times {unit}"


class BalanceMagnitudeWarning(CarbonpathWarning):
    """A balance column far smaller than its numbers look (a header unit slip)."""


def _tj_per_unit(fuel: str, unit: str) -> float | None:
    """TJ per one of ``unit`` of ``fuel`` (bundled NCV, region CN), or None if unknown."""
    from carbonpath.factors import bundled_factors
    from carbonpath.units import Q_, parse_unit

    q = Q_(1.0, parse_unit(unit))
    if q.check("[energy]"):
        return float(q.to("TJ").magnitude)
    ncv = bundled_factors().lookup(fuel, "calorific_value", region="CN").value
    if q.check("[mass]"):
        return float(q.to("t").magnitude * ncv.to("TJ/t").magnitude)
    if q.check("[length]**3"):  # the reference condition changes it by under 10 %
        q = Q_(float(q.to("m**3").magnitude), "Nm3")
    return float(q.to("Nm3").magnitude * ncv.to("TJ/Nm3").magnitude)


def small_column_warnings(flows: pd.DataFrame, units: dict[str, str]) -> list[str]:
    """Messages for columns far smaller than their numbers look (module docstring).

    Parameters
    ----------
    flows : pandas.DataFrame
        The sheet's tidy flows (``fuel``, ``column`` header text, ``value`` in the column's
        unit, ``kind``: ``fuel`` for energy products).
    units : dict
        Fuel code -> the column's unit.

    Returns
    -------
    list of str
        One message per suspect column, naming its header, its largest cell and energy, the
        largest column's, and the 10^4 reading.
    """
    keep = ~flows["fuel"].isin(_CARRIERS).to_numpy()
    if "kind" in flows:
        keep &= (flows["kind"] == "fuel").to_numpy()
    fuel_flows = flows[keep]
    if fuel_flows.empty:
        return []
    biggest = fuel_flows.assign(_abs=fuel_flows["value"].abs()).groupby(
        "fuel", sort=True)["_abs"].max()
    energy: dict[str, float] = {}
    for fuel, top in biggest.items():
        try:
            per = _tj_per_unit(str(fuel), units[str(fuel)])
        except (CarbonpathError, KeyError, TypeError, ValueError):
            continue  # a column without a bundled NCV (or a unit of no measure) is not measured
        if per is not None and per > 0 and top > 0:
            energy[str(fuel)] = float(top) * per
    if len(energy) < 2:
        return []
    lead = max(energy, key=energy.__getitem__)
    most = energy[lead]
    header = fuel_flows.drop_duplicates("fuel").set_index("fuel")["column"]
    out = []
    for fuel, tj in energy.items():
        top = float(biggest[fuel])
        if top < 1 or tj >= MIN_COLUMN_SHARE * most:
            continue
        unit = units[fuel]
        if tj * SLIP >= MIN_SLIPPED_SHARE * most:
            slip, power = SLIP, 4
            other = reading(unit, 4)
        elif tj * SLIP**2 >= MIN_SLIPPED_SHARE * most and rescaled(unit, 8):
            slip, power = SLIP**2, 8  # 立方米 over numbers in 亿立方米 (round 14)
            other = str(rescaled(unit, 8))
        else:
            continue
        held = f"{tj:,.1f}" if tj >= 0.1 else f"{tj:.2g}"
        out.append(
            f"column '{header[fuel]}' ({fuel}) holds at most {top:g} {unit} = "
            f"{held} TJ, {tj / most:.2g} of column '{header[lead]}' ({most:,.0f} TJ), "
            f"though its numbers are printed well above the sheet's 0.01: probably a "
            f"header unit 10^{power} off its numbers ({unit} for {other}; read so, the "
            f"column would hold {tj * slip / most:.2g} of it). Correct the header's "
            "unit; if the column is right, ignore this warning")
    return out


def warn_small_columns(flows: pd.DataFrame, units: dict[str, str], name: str) -> None:
    """Warn (:class:`BalanceMagnitudeWarning`) of each of :func:`small_column_warnings`.

    Parameters
    ----------
    flows, units
        As :func:`small_column_warnings`.
    name : str
        The sheet's name, for the message.
    """
    for text in small_column_warnings(flows, units):
        sep = ", " if text.startswith("line ") else ": "
        warnings.warn(f"{name}{sep}{text}", BalanceMagnitudeWarning, stacklevel=4)


def _fuel_columns(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows of the sheet's fuel columns (``kind`` ``fuel``) with a non-zero cell."""
    keep = flows["value"].abs().to_numpy(dtype=float) > 0
    if "kind" in flows:
        keep &= (flows["kind"] == "fuel").to_numpy()
    return flows[keep]


def lone_unit_columns(flows: pd.DataFrame, units: dict[str, str]) -> list[str]:
    """Messages for a fuel column in a unit 10 .. 999 times apart from every other column's.

    The sheet's counterpart of :func:`carbonpath.accounting.plausible_magnitude.
    lone_unit_fuels` (round 27 ZC52: a whole fuel of tidy rows in kt among fuels in 万吨;
    round 28 ZD34: the header ``汽油(kt)`` over numbers in 万吨, beside five mass columns in
    万吨, lost 0.55 Mt CO2, silent). Among the fuel columns of one measure (electricity and
    heat are left to the carrier balances), a column whose unit no other column uses is
    named when the others, at least two, all use one unit :data:`ODD_SCALE` to under
    :data:`WIDE_SCALE` times its size (or that much smaller). A yearbook prints every column
    of a table in one unit per measure, but a sheet may join columns of two sources: a
    warning.

    Parameters
    ----------
    flows : pandas.DataFrame
        The sheet's tidy flows (``fuel``, ``column`` header text, ``line``, ``value`` in the
        column's unit, ``kind``).
    units : dict
        Fuel code -> the column's unit.

    Returns
    -------
    list of str
        One message per such column, naming its header, its largest cell and both readings.
    """
    from carbonpath.units import parse_unit, unit_factor

    cols = _fuel_columns(flows)
    cols = cols[~cols["fuel"].isin(_CARRIERS).to_numpy()]
    measure: dict[str, list[str]] = {}
    for fuel in dict.fromkeys(cols["fuel"].astype(str)):
        try:
            measure.setdefault(str(parse_unit(units[fuel]).dimensionality), []).append(fuel)
        except (CarbonpathError, KeyError):
            continue
    out = []
    header = cols.drop_duplicates("fuel").set_index("fuel")["column"]
    for fuels in measure.values():
        used = {f: units[f] for f in fuels}
        if len(set(used.values())) != 2 or len(fuels) < 3:
            continue
        for fuel, unit in used.items():
            others = [f for f in fuels if f != fuel]
            usual = used[others[0]]
            if any(used[f] != usual for f in others):
                continue
            ratio = unit_factor(usual, unit)
            if not ODD_SCALE * 0.999 <= max(ratio, 1 / ratio) < WIDE_SCALE * 0.999:
                continue
            mine = cols[(cols["fuel"] == fuel).to_numpy()]
            top = mine.loc[mine["value"].abs().idxmax()]
            bare = str(header[fuel]).split("(")[0].split("（")[0]
            size = (f"{ratio:,.0f} times smaller" if ratio > 1 else
                    f"{1 / ratio:,.0f} times larger")
            out.append(
                f"column '{header[fuel]}' ({fuel}) is in {unit}, a unit {size} than {usual}, "
                f"the unit of all {len(others)} other columns of its measure "
                f"({', '.join(repr(str(header[f])) for f in others[:4])}"
                f"{', ...' if len(others) > 4 else ''}): a yearbook prints every column of "
                f"a table in one unit, so the header may have been retyped over numbers in "
                f"{usual}. Its largest cell (line {top['line']}) is {float(top['value']):g} "
                f"{unit}; in {usual} it would be {float(top['value']):g} {usual}, {fuel} "
                f"{ratio if ratio > 1 else 1 / ratio:,.0f} times "
                f"{'larger' if ratio > 1 else 'smaller'} than read (header '{bare}({usual})')"
                f". If {unit} is right, ignore this warning")
    return out


def standard_coal_columns(flows: pd.DataFrame, units: dict[str, str],
                          default_unit: Callable[[str], str], title: str = "") -> list[str]:
    """Messages for a fuel column in standard coal on a sheet whose other columns are physical.

    A yearbook prints the balance twice, in physical quantities (实物量) and in standard coal
    (标准量); the header of one pasted over the numbers of the other reads every cell of the
    column 0.8 to 1.4 times off (round 28 ZD106: ``电力(万吨标准煤)`` over the physical
    table's 亿千瓦时, read at 当量值 as 0.81 of the power; every electricity cell scales alike,
    so the carrier balance cannot see it). A fuel column is named when its unit is standard
    coal while China's physical sheets print it in another unit (``default_unit``, from
    ``balance_columns.csv``: 其他能源 and 合计 are standard coal there, and are not named) and
    at least two other fuel columns, and more than such columns, are physical. A title
    above the header saying 实物量 is named too. It may be right (a sheet joined from both
    tables), so it warns.

    Parameters
    ----------
    flows, units
        As :func:`lone_unit_columns`.
    default_unit : callable
        Column code -> the unit physical sheets print it in ('' if unknown).
    title : str
        The text of the lines above the header.

    Returns
    -------
    list of str
        One message per such column, naming its header, the physical columns and the
        header the physical reading would have.
    """
    from carbonpath.accounting.activity.scope import is_coal_equivalent

    cols = _fuel_columns(flows)
    header = cols.drop_duplicates("fuel").set_index("fuel")["column"]
    coal = {f: is_coal_equivalent(units.get(f, "")) for f in header.index}
    usual = {f: default_unit(f) for f in header.index}
    physical = [f for f in header.index if not coal[f]]
    named = [f for f in header.index if coal[f] and usual[f] and not is_coal_equivalent(usual[f])]
    if len(physical) < 2 or len(physical) <= len(named):  # (a 标准量 sheet: quiet)
        return []
    said = (f"; the title above the header says 实物量 ('{title.strip()[:40]}'), a table in "
            "physical units" if "实物量" in title else "")
    out = []
    for fuel in named:
        mine = cols[(cols["fuel"] == fuel).to_numpy()]
        top = mine.loc[mine["value"].abs().idxmax()]
        bare = str(header[fuel]).split("(")[0].split("（")[0]
        out.append(
            f"column '{header[fuel]}' ({fuel}) is in standard coal ({units[fuel]}) while the "
            f"sheet's {len(physical)} other fuel columns are physical "
            f"({', '.join(repr(str(header[f])) for f in physical[:4])}"
            f"{', ...' if len(physical) > 4 else ''}){said}: a 标准量 header pasted over "
            f"physical numbers reads the whole column in the wrong unit. Its largest cell "
            f"(line {top['line']}) is {float(top['value']):g} {units[fuel]}; if the numbers "
            f"are physical it is {float(top['value']):g} {usual[fuel]} (header "
            f"'{bare}({usual[fuel]})'). If the column is standard coal, ignore this warning")
    return out


_STANDARD_TITLE = ("标准量", "折标量", "折标煤", "折标准煤")


def standard_title_columns(flows: pd.DataFrame, units: dict[str, str],
                           title_cells: Sequence[tuple[Any, str]] = ()) -> list[str]:
    """A message for physical fuel columns under a title saying the table is 标准量.

    The mirror of :func:`standard_coal_columns` (round 29 ZE82): a title
    ``聊城市能源平衡表(标准量) 2022年`` over headers in 万吨 and 亿立方米 (or over headers
    without a unit, read in the physical sheet's units) contradicts itself: either the
    header row was copied from the 实物量 table over numbers in standard coal, and every
    such column is read in the wrong unit, or the title is wrong. A title whose unit is
    written (``单位: 万吨标准煤``) is compared column by column and refused on a mismatch
    (:func:`carbonpath.accounting.balance_layout` ``_column_units``); 标准量 alone names no
    unit (万吨标准煤 or 吨标准煤), so this warns. A title naming 实物量 too is left alone.

    Parameters
    ----------
    flows, units
        As :func:`lone_unit_columns`.
    title_cells : sequence of (line, str)
        The cells above the header, each with its line.

    Returns
    -------
    list of str
        One message naming the title's line, its words and the physical columns; empty
        when no title cell says 标准量 or no fuel column is physical.
    """
    from carbonpath.accounting.activity.scope import is_coal_equivalent

    if any("实物量" in text for _, text in title_cells):
        return []
    said = next(((line, text, w) for line, text in title_cells for w in _STANDARD_TITLE
                 if w in text), None)
    if said is None:
        return []
    cols = _fuel_columns(flows)
    header = cols.drop_duplicates("fuel").set_index("fuel")["column"]
    physical = [f for f in header.index if not is_coal_equivalent(units.get(f, ""))]
    if not physical:
        return []
    line, text, word = said
    shown = ", ".join(f"'{header[f]}'" + ("" if units.get(f, "") in str(header[f]) else
                                         f" (read in {units.get(f, '?')})")
                      for f in physical[:5])
    return [f"line {line}, the title '{text.strip()[:60]}' says {word} (a table in standard "
            f"coal), but {len(physical)} of the sheet's {len(header)} fuel columns are read "
            f"in physical units ({shown}{', ...' if len(physical) > 5 else ''}): a header row "
            "copied from the 实物量 table over numbers in standard coal reads every such "
            "column in the wrong unit. If the numbers are standard coal, write their unit "
            "(a title line 单位: 万吨标准煤, or headers such as 原煤(万吨标准煤)); if they are "
            "physical as the headers say, correct the title or ignore this warning"]


def warn_header_units(flows: pd.DataFrame, units: dict[str, str], name: str,
                      default_unit: Callable[[str], str], title: str = "",
                      title_cells: Sequence[tuple[Any, str]] = ()) -> None:
    """Warn (:class:`BalanceMagnitudeWarning`) of a column header's unit slipped.

    Each of :func:`lone_unit_columns`, :func:`standard_coal_columns` (round 28 ZD34,
    ZD106) and :func:`standard_title_columns` (round 29 ZE82).

    Parameters
    ----------
    flows, units, default_unit, title
        As :func:`standard_coal_columns`.
    name : str
        The sheet's name, for the message.
    title_cells : sequence of (line, str)
        As :func:`standard_title_columns`.
    """
    for text in (lone_unit_columns(flows, units)
                 + standard_coal_columns(flows, units, default_unit, title)
                 + standard_title_columns(flows, units, title_cells)):
        sep = ", " if text.startswith("line ") else ": "
        warnings.warn(f"{name}{sep}{text}", BalanceMagnitudeWarning, stacklevel=4)
