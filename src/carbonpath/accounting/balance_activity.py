"""An energy balance sheet's flows -> tidy activity (part of :mod:`.balance_sheet`).

Which rows are combustion, transformation input, generation, trade, consumption or
non-energy use, so that nothing is counted twice. Moved unchanged out of
``balance_sheet.py``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.balance_grid import _is_plain_volume
from carbonpath.accounting.balance_mapping import BalanceMapping
from carbonpath.codes import fuels
from carbonpath.errors import CarbonpathWarning, DataError, Problem
from carbonpath.numbers import check_year

#: Transformation rows whose fuel inputs are burned (their outputs are electricity or heat).
COMBUSTION_ROWS = ("thermal_power", "heat_supply")
_GENERATES = {"thermal_power": "electricity", "heat_supply": "heat"}
_CARRIERS = ("electricity", "heat")

MAX_COAL_FEEDSTOCK_SHARE = 0.5
"""Largest share of industry's coal its 其中:用作原料、材料 row (non-energy use) may take
without a warning (round 11, C105). Coal is raw material only where a plant gasifies it or
turns it into chemicals (ammonia, methanol, coal-to-olefins, coking byproducts); outside the
coal-chemical bases that is a small part of a city's industrial coal, and the sample city's
is 8 %. Above half, a x10 slip (10 -> 100 of 120) is likelier than a city whose industry
burns less coal than it turns into chemicals (assumption; such a city may exist: hence a
warning, not an error). Too little cannot be bounded: many cities report 0."""
_COALS = ("raw_coal", "anthracite", "bituminous_coal", "sub_bituminous_coal", "lignite",
          "cleaned_coal", "other_washed_coal", "briquettes")


# ---------------------------------------------------------------------------------------
# activity


def _activity(flows: pd.DataFrame, cmap: BalanceMapping, name: str, gas_condition: str,
              feedstock_use: str, non_energy: set[str], year: int | None,
              region: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    parts: list[dict[str, Any]] = []
    flows = flows.copy()
    act = np.full(len(flows), "", dtype=object)
    note = np.full(len(flows), "", dtype=object)
    memo = flows[flows["item"] == "industry_feedstock"].set_index("fuel")["value"]
    unsplit: dict[tuple[str, int, str], list[tuple[str, float]]] = {}
    has_elec = "electricity" in set(flows["fuel"])
    in_industry = set(flows.loc[flows["item"] == "industry", "fuel"])  # cells not blank
    for k, r in enumerate(flows.itertuples(index=False)):
        fuel, item, role, v = r.fuel, r.item, r.role, float(r.value)
        where = f"{item}, line {r.line}"
        if cmap.column_kind(fuel) != "fuel":
            note[k] = "total column: kept, not activity"
            continue
        if not r.leaf:
            note[k] = "total of the rows below it: checked, not activity"
            continue
        carrier = fuel in _CARRIERS
        sector = cmap.rows.at[item, "sector"]

        def add(sec: str, use: str, value: float, k: int = k, where: str = where,
                fuel: str = fuel) -> None:
            """Add one tidy activity row."""
            parts.append({"sector": sec, "fuel": fuel, "use": use, "value": value,
                          "note": where})
            act[k] = (act[k] + "; " if act[k] else "") + f"{sec} {use}"

        if role in ("supply", "supply_out"):
            if carrier and item in ("inflow", "imports"):
                add("transfers", "import", v)
            elif carrier and item in ("outflow", "exports"):
                add("transfers", "export", -v)
            elif fuel == "electricity" and item == "production":
                add("nonfossil_power", "generation", v)
            else:
                note[k] = "supply: used by the reference approach"
        elif role == "transformation":
            if v < 0 and not sector:
                problems.append(Problem(
                    f"transformation input in row '{item}', which has no sector", file=name,
                    row=r.line, column=r.column, value=v,
                    valid="map the row to a transformation item with a sector "
                          "(thermal_power, heat_supply, coking, refining, ...)"))
            elif v < 0 and carrier:
                add(sector, "consumption", -v)
            elif v < 0:
                add(sector, "combustion" if sector in COMBUSTION_ROWS
                    else "transformation_input", -v)
            elif v > 0 and _GENERATES.get(sector) == fuel:
                add(sector, "generation", v)
            elif v > 0 and sector in COMBUSTION_ROWS:
                problems.append(plant_output_problem(item, sector, fuel, v,
                                                     (name, r.line, r.column)))
            else:
                note[k] = ("transformation output: counted where it is used" if v > 0
                           else "zero")
        elif role == "final":
            if not sector:  # one problem per row, after the loop (round 24 H131)
                unsplit.setdefault((item, r.line, str(getattr(r, "label", item))), []).append(
                    (str(r.column), v))
                continue
            if v < 0:  # before the feedstock check, which would call it industry's (BA10)
                problems.append(Problem(
                    f"negative final consumption ({v:g}) in row '{item}'", file=name,
                    row=r.line, column=r.column, value=v,
                    valid="a final consumption of 0 or more (a sector's use is never "
                          "negative; check the sign and the totals above the row)"))
                continue
            if carrier:  # a carrier's 用作原料 cell is refused where it is read (KA32)
                add(sector, "consumption", v)
                continue
            raw = float(memo.get(fuel, 0.0)) if item == "industry" else 0.0
            if raw > v + 1e-9 * abs(v):  # a non-energy fuel's too (round 25 KA32)
                problems.append(Problem(
                    f"industry's 用作原料、材料 ({raw:g}) exceeds industry's consumption "
                    f"({v:g})", file=name, row=r.line, column=r.column, value=v,
                    valid="a part no larger than its whole"))
                continue
            if fuel in non_energy:
                add(sector, "non_energy", v)
                continue
            if fuel in _COALS and raw > MAX_COAL_FEEDSTOCK_SHARE * v:
                warnings.warn(
                    f"{name}, row {r.line}, column '{r.column}': industry's 其中:用作原料、材料 "
                    f"({raw:g}) is {raw / v:.0%} of industry's {fuel} ({v:g}): more than "
                    f"{MAX_COAL_FEEDSTOCK_SHARE:.0%} of a city's industrial coal used as raw "
                    "material is found only in coal-chemical bases; check the row for a digit "
                    "slip (its carbon leaves the combustion total)", CarbonpathWarning,
                    stacklevel=2)
            add(sector, "combustion", v - raw)
            if raw:
                add(sector, feedstock_use, raw)
        elif item == "industry_feedstock":
            problem = _memo_problem(fuel, v, fuel in in_industry)
            if problem is not None:
                problems.append(Problem(problem[0], file=name, row=r.line, column=r.column,
                                        value=v, valid=problem[1]))
            note[k] = ("part of industry: " + (feedstock_use if fuel not in _CARRIERS
                                               else "carriers stay consumption"))
        else:
            note[k] = {"loss": "losses: reported", "difference": "statistical difference: "
                       "reported", "consumption_total": "total: checked",
                       "memo": "memo row: kept"}.get(role, "")
    problems += [no_breakdown(cmap, key, cells, name) for key, cells in unsplit.items()]
    DataError.collect(problems, "energy balance")
    if has_elec:
        for use in ("import", "export"):
            if not any(p["sector"] == "transfers" and p["fuel"] == "electricity"
                       and p["use"] == use for p in parts):
                parts.append({"sector": "transfers", "fuel": "electricity", "use": use,
                              "value": 0.0, "note": f"no {use} row in the sheet: 0"})
    flows["activity"] = act
    flows["note"] = note
    df = pd.DataFrame.from_records(parts, columns=["sector", "fuel", "use", "value", "note"])
    units = flows.drop_duplicates("fuel").set_index("fuel")["unit"]
    if len(df):
        df = df.groupby(["sector", "fuel", "use"], sort=False, as_index=False).agg(
            value=("value", "sum"), note=("note", "; ".join))
    df["unit"] = df["fuel"].map(units)
    plain_volume = df["unit"].map(lambda u: _is_plain_volume(u)).astype(bool)
    # only a gas's volume has a condition: an LNG column in 亿立方米 gets none (round 17
    # O37: else its refusal for a missing density came with advice about a cell the
    # sheet does not have)
    state = fuels().column("state")
    plain_volume &= df["fuel"].map(lambda f: state.get(f, "gas") in ("gas", "")).astype(bool)
    df["gas_condition"] = np.where(plain_volume, gas_condition, "")
    df["note"] = "balance sheet: " + df["note"]
    if year is not None:
        df.insert(0, "year", check_year(year, "the year argument"))
    if region is not None:
        df.insert(0, "region", region)
    cols = [c for c in ("region", "year") if c in df.columns]
    return df[[*cols, "sector", "fuel", "use", "value", "unit", "gas_condition", "note"]], flows


#: A subtotal row of final use without a sector -> the item that, mapped to, takes it whole.
_LUMP_INTO = {"tertiary_industry": "other_services", "secondary_industry": "industry"}


def no_breakdown(cmap: BalanceMapping, key: tuple[str, int, str],
                 cells: list[tuple[str, float]], name: str) -> Problem:
    """The problem of a final-use subtotal with values but none of its parts below it.

    A 第三产业 row without its three parts (交通运输、仓储和邮政业, 批发、零售业和住宿、
    餐饮业, 其他) has no sector to put its energy in. The message names the row's own parts
    (from ``balance_rows.csv``; it named 工业, 建筑业, industry's, for every subtotal) and
    says the mapping that would take the row whole as one item in the form
    ``map it: mapping={'rows': {...}}``, which the CLI says as its ``--mapping`` file
    (round 24 H131). One problem per row, naming the columns with values.

    Parameters
    ----------
    cmap : BalanceMapping
        The sheet's row labels (``rows``: item, parent, role, name_zh).
    key : (str, int, str)
        The row's item, line and label as printed.
    cells : list of (str, float)
        The row's columns (headers as printed) and values.
    name : str
        The file, for the message.
    """
    item, line, label = key
    rows = cmap.rows
    parts = [str(rows.at[i, "name_zh"]) for i in rows.index
             if rows.at[i, "parent"] == item and rows.at[i, "role"] != "memo"]
    shown = ", ".join(f"{c} {v:g}" for c, v in cells[:4]) + (" ..." if len(cells) > 4 else "")
    lump = _LUMP_INTO.get(item)
    mapped = (f"; or, for a sheet that gives no parts, map it: mapping={{'rows': "
              f"{{'{label}': '{lump}'}}}} (the row's whole use is then counted as {lump}: "
              "the inventory's total is the same, its split by sector is not)" if lump else "")
    return Problem(
        f"final consumption in row '{label}' ({item}) has no breakdown into sectors: "
        f"{len(cells)} value(s) ({shown}) and none of its parts as rows below it",
        file=name, row=line, column=cells[0][0] if len(cells) == 1 else None, value=label,
        valid=f"its parts as rows below it, as the yearbook prints them ({', '.join(parts)})"
              + mapped)


#: The plant row that makes each carrier in the statistics (round 21 J31).
_MADE_IN = {"heat": ("heat_supply", "供热"), "electricity": ("thermal_power", "火力发电")}


def plant_output_problem(item: str, sector: str, fuel: str, value: float,
                         where: tuple[str, Any, Any], twice: bool = False) -> Problem:
    """The problem of a positive cell of ``fuel`` in a power or heat plant row that makes none.

    One wording wherever the cell is met (round 26 ZA27): read into activity, and named
    before the totals of a sheet that fail (CHP heat entered under 火力发电 as well as under
    供热), where a sign slip of an input had been assumed and ``-3800`` of heat advised.

    Parameters
    ----------
    item, sector : str
        The row's code and its sector (``thermal_power`` or ``heat_supply``).
    fuel : str
        The column's fuel code.
    value : float
        The cell (positive: an output, 投入(-)产出(+)).
    where : tuple
        (file name, row label, column header) for the message.
    twice : bool
        True when a failed total of the column is off by exactly the cell: the same
        amount is then also in its own plant row, so the advice is to blank it here.

    Returns
    -------
    Problem
        Naming the row, the fuel, what the row makes and where the output belongs.
    """
    name, row, column = where
    fix = _other_plant_fix(sector, fuel)
    if twice and fuel in _MADE_IN and _MADE_IN[fuel][0] != sector:
        fix = (f"a total of the column is off by exactly this cell, so the same {fuel} is "
               f"probably also in the {_MADE_IN[fuel][1]} row: blank it here; else " + fix)
    if fuel == "electricity" and sector == "heat_supply":  # electric boilers, heat pumps
        fix += (f"; electricity the heat plants take in (electric boilers, heat pumps) is an "
                f"input, negative ({-value:.2f})")
    return Problem(
        f"an output of {fuel} from '{item}': {sector} produces only "
        f"{_GENERATES[sector]}{_other_plant(sector, fuel)}", file=name, row=row,
        column=column, value=value,
        valid=f"inputs (negative) of fuels, output of {_GENERATES[sector]}; {fix}")


def _other_plant(sector: str, fuel: str) -> str:
    """Why a carrier made in the other plant row is refused (CHP heat under 火力发电)."""
    if fuel not in _MADE_IN or _MADE_IN[fuel][0] == sector:
        return ""
    code, row = _MADE_IN[fuel]
    return (f"; the statistics book all {fuel} made, by CHP plants too, in the {row} row "
            f"({code}), with the fuel input that made it")


def _other_plant_fix(sector: str, fuel: str) -> str:
    """What to do about an output refused by :func:`_other_plant`."""
    if fuel not in _MADE_IN or _MADE_IN[fuel][0] == sector:
        return "check the sign"
    code, row = _MADE_IN[fuel]
    return (f"move this {fuel} output to the {row} row ({code}), and the share of the fuel "
            f"input that made it with it")


def sheet_labelled(bs: Any) -> Any:
    """A balance sheet's activity rows labelled by the sheet's line and column header.

    Parameters
    ----------
    bs : carbonpath.accounting.balance_sheet.BalanceSheet
        The sheet read.

    Returns
    -------
    pandas.DataFrame
        ``bs.activity`` with an index of labels ``"13 [电力(万千瓦时)]"`` (the line of the
        cell its value comes from and its column's header as printed), so that every check
        of the activity names the cell a user can find in the sheet (round 15 K35, K86),
        not a row "numbered from 0" of an internal table. A row whose note names no line
        keeps its number; a cell split into two rows by use (industry's 用作原料 part) adds
        the use (``"21 [原煤(万吨)] non_energy"``).
    """
    import re

    act = bs.activity.copy()
    header = bs.flows.drop_duplicates("fuel").set_index("fuel")["column"]
    labels = []
    for i, (fuel, note) in enumerate(zip(act["fuel"], act.get("note", [""] * len(act)),
                                         strict=True)):
        found = re.search(r"line (\d+)", str(note))
        labels.append(f"{found.group(1)} [{header.get(fuel, fuel)}]" if found else str(i))
    seen = pd.Series(labels).duplicated(keep=False).to_numpy()
    labels = [f"{label} {use}" if twice else label  # a cell split by use (其中:用作原料)
              for label, use, twice in zip(labels, act["use"], seen, strict=True)]
    act.index = pd.Index(labels, dtype=object)
    return act


def _memo_problem(fuel: str, value: float, industry_has: bool) -> tuple[str, str] | None:
    """Why a cell of industry's 其中:用作原料、材料 line cannot be read (None: it can).

    The line is the part of industry's use of a fuel that is not burned but made into
    products (no total checks it). A cell it cannot hold was dropped without a word (round
    25 KA32): electricity or heat (never raw material: a number typed a column or two off
    its fuel), a fuel whose 工业 cell is blank (a part of nothing), or a negative part (read
    as more combustion than industry uses). A part larger than a given whole is refused on
    the 工业 line, as before.

    Returns
    -------
    (message, valid) or None
    """
    if value == 0:
        return None
    if fuel in _CARRIERS:
        return (f"{fuel} ({value:g}) in industry's 其中:用作原料、材料, the part of industry's "
                "fuel made into products instead of burned: electricity and heat are never "
                "raw material, so this number has no reading (it would be dropped)",
                "blank (or 0) in this column; a number that belongs to a fuel of this line "
                "(typed a column or two off?) moved to that fuel's column")
    if value < 0:
        return (f"a negative part of industry ({value:g}) in 其中:用作原料、材料: it would be "
                "read as more combustion than industry uses",
                "the fuel used as raw material, 0 or more and at most industry's (工业) "
                "use of it; check the sign")
    if not industry_has:
        return (f"industry's 其中:用作原料、材料 ({value:g}) is a part of industry's use of "
                f"{fuel}, but industry's (工业) cell of this column is blank: a part of "
                "nothing, which would be dropped",
                "industry's use of the fuel (the whole, raw material included) in the 工业 "
                "line, or this cell blank; a number typed a column off moved to its column")
    return None
