"""Hierarchy, signs and totals of an energy balance sheet (of :mod:`.balance_sheet`).

Each row's nearest present parent, leaf rows, the sign of the ``(-)`` rows, and the check
of every total against its parts and of the statistical difference. Moved unchanged out
of ``balance_sheet.py``.
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.accounting.balance_activity import plant_output_problem
from carbonpath.accounting.balance_mapping import BalanceMapping, mapping_total_hints
from carbonpath.errors import CarbonpathWarning, DataError, Problem

if TYPE_CHECKING:
    from carbonpath.accounting.balance_sheet import BalanceSheet


# ---------------------------------------------------------------------------------------
# hierarchy, signs, checks


def _ancestors(cmap: BalanceMapping, item: str) -> list[str]:
    out = []
    parent = cmap.rows.at[item, "parent"]
    while parent:
        out.append(parent)
        parent = cmap.rows.at[parent, "parent"]
    return out


def _tree(flows: pd.DataFrame, cmap: BalanceMapping) -> pd.DataFrame:
    """Add ``parent`` (nearest present ancestor) and ``leaf``; normalise (-) row signs."""
    present = list(dict.fromkeys(flows["item"]))
    parent = {}
    for item in present:
        parent[item] = next((a for a in _ancestors(cmap, item) if a in present), "")
    has_children = {parent[i] for i in present if cmap.rows.at[i, "role"] != "memo"}
    flows = flows.copy()
    flows["parent"] = flows["item"].map(parent)
    flows["leaf"] = ~flows["item"].isin(has_children)
    minus = flows["role"].isin(["supply_out", "stock_closing"]).to_numpy()
    flows["value"] = np.where(minus, -np.abs(flows["value"].to_numpy()), flows["value"])
    return flows


def _check(flows: pd.DataFrame, cmap: BalanceMapping, name: str, tolerance: float | None,
           raise_: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    value = flows.set_index(["item", "fuel"])["value"]
    line = flows.drop_duplicates("item").set_index("item")["line"]
    column = flows.drop_duplicates("fuel").set_index("fuel")["column"]

    def record(item: str, fuel: str, stated: float, computed: float, terms: int,
               what: str) -> None:
        """Record one checked total (stated, computed, difference)."""
        tol = tolerance if tolerance is not None else 0.005 * (terms + 1)
        tol += 1e-9 * max(abs(stated), abs(computed))
        ok = abs(stated - computed) <= tol
        records.append({"line": line[item], "item": item, "fuel": fuel,
                        "column": column[fuel], "stated": stated, "computed": computed,
                        "difference": stated - computed, "tolerance": tol, "ok": ok,
                        "rule": what})
        if not ok:
            problems.append(Problem(
                f"total does not add up: row '{item}' states {stated:g}, its {what} give "
                f"{computed:g} (difference {stated - computed:+g}, tolerance {tol:g})",
                file=name, row=line[item], column=column[fuel], value=stated))

    kids = flows[(flows["parent"] != "") & (flows["role"] != "memo")]
    kid_sum = kids.groupby(["parent", "fuel"], sort=False)["value"].agg(["sum", "size"])
    kid_names = kids.groupby("parent", sort=False)["item"].agg(
        lambda s: ", ".join(dict.fromkeys(s)))
    for r in flows[flows["item"].isin(set(kids["parent"]))].itertuples(index=False):
        key = (r.item, r.fuel)
        total, terms = (kid_sum.loc[key, "sum"], kid_sum.loc[key, "size"]) \
            if key in kid_sum.index else (0.0, 0)
        record(r.item, r.fuel, float(r.value), float(total), int(terms),
               f"parts ({kid_names[r.item]})")
    sections = _section_totals(flows)
    for fuel in flows["fuel"].unique():
        s = sections.get(fuel, {})
        if ("statistical_difference", fuel) in value.index:
            computed = s.get("supply", 0.0) + s.get("transformation", 0.0) \
                - s.get("losses", 0.0) - s.get("final", 0.0)
            record("statistical_difference", fuel,
                   float(value[("statistical_difference", fuel)]), computed, 4,
                   "available + transformation - losses - final consumption")
        # A total column in standard coal prints each transformation row net (inputs and
        # outputs in one cell), so its own cells cannot give the gross inputs this rule
        # adds: :mod:`.balance_total_tce` checks that row against the fuels (round 15).
        if ("consumption_total", fuel) in value.index and cmap.column_kind(fuel) != "total":
            computed = s.get("final", 0.0) + s.get("losses", 0.0) + s.get("inputs", 0.0)
            record("consumption_total", fuel, float(value[("consumption_total", fuel)]),
                   computed, 3, "final consumption + losses + transformation inputs")
    checks = pd.DataFrame.from_records(records, columns=[
        "line", "item", "fuel", "column", "stated", "computed", "difference", "tolerance",
        "ok", "rule"])
    signs = _never_negative(flows, name)  # round 28 ZD64: refused with the totals or alone
    if raise_:
        failed = [r for r in records if not r["ok"]]
        hints = (mapping_total_hints(flows, cmap, name, {r["item"] for r in failed})
                 + _sign_hint(flows, name, line, column, failed)
                 + _stock_twice_hint(flows, name, line, column, failed)) if problems else []
        DataError.collect(signs + hints + problems, "energy balance")
    DataError.collect(signs, "energy balance")
    return flows, checks


#: Rows no sheet prints negative, by item (or role): what they hold, and why.
_POSITIVE_ROWS = {
    "loss": ("losses", "losses are positive in an energy balance: the sheet subtracts them "
             "(平衡差额 = 可供本地区消费的能源量 + 加工转换 - 损失量 - 终端消费量)"),
    "final": ("final consumption", "a sector's use is never negative"),
    "production": ("supply", "production adds to the energy available"),
    "recovered_supply": ("supply", "recovered energy adds to the energy available"),
    "inflow": ("supply", "inflows add to the energy available (outflows have their own (-) "
               "row, 调出量)"),
    "imports": ("supply", "imports add to the energy available (exports have their own (-) "
                "row, 出口量)"),
    "bunkers_abroad": ("supply", "bunkering abroad adds to the energy available"),
}


def _never_negative(flows: pd.DataFrame, name: str) -> list[Problem]:
    """Problems naming a negative cell of a row that is never negative (round 28 ZD64).

    Losses (三、损失量), final consumption and the supply rows that add to the energy
    available (production, inflows, imports) are positive in every energy balance; a sheet
    printing losses as outflows (``-0.10``) failed only the totals of rows 平衡差额 and
    消费量合计, the row itself named nowhere. One problem per row, at its first negative
    cell, with the count of the others (memo rows included: 运输和输配损失 under 损失量).
    """
    key = flows["item"].where(flows["item"].isin(list(_POSITIVE_ROWS)), flows["role"])
    parent_role = flows["parent"].map(dict(zip(flows["item"], flows["role"], strict=False)))
    key = key.where(~((flows["role"] == "memo") & parent_role.isin(["loss"]).to_numpy()),
                    "loss")
    bad = flows[key.isin(list(_POSITIVE_ROWS)).to_numpy()
                & (flows["value"].to_numpy(dtype=float) < 0)]
    out = []
    for (_line, item), cells in bad.groupby(["line", "item"], sort=False):
        r = cells.iloc[0]
        what, why = _POSITIVE_ROWS[str(key[cells.index[0]])]
        more = len(cells) - 1
        label = str(r.get("label", "") or "")
        out.append(Problem(
            f"negative {what} ({float(r['value']):g}) in row '{item}'"
            f"{f' ({label})' if label and label != item else ''}"
            f"{f' and {more} more negative cell(s) of the row' if more else ''}: {why} (a "
            "sheet printing them with a minus sign fails the totals that count the row)",
            file=name, row=int(r["line"]), column=r["column"], value=float(r["value"]),
            valid=f"{what} of 0 or more ({-float(r['value']):g}), as in the yearbook"))
    return out


#: What each plant row of 加工转换 may make (an output, positive); every other fuel in it
#: is an input (negative).
_PLANT_OUTPUT = {"thermal_power": "electricity", "heat_supply": "heat"}
#: The outputs of the other rows of 加工转换 (round 25 KA38): a negative cell there is named
#: only where its sign explains a failed total (the total's difference is twice the cell),
#: since these rows' columns may hold inputs too (products re-input to refining).
_ROW_OUTPUTS = {
    "coking": ("coke", "coke_oven_gas", "other_coking_products"),
    "coal_washing": ("cleaned_coal", "other_washed_coal"),
    "gas_making": ("other_gas",), "gas_liquefaction": ("lng",),
    "coal_products": ("briquettes",),
    "refining": ("gasoline", "kerosene", "jet_kerosene", "diesel", "fuel_oil", "naphtha",
                 "lubricants", "paraffin", "white_spirit", "bitumen", "petroleum_coke", "lpg",
                 "refinery_gas", "other_petroleum_products")}


def _explains(failed: list[dict[str, Any]], fuel: str, delta: float) -> bool:
    """Whether a failed total of column ``fuel`` is off by ``delta`` (within its tolerance)."""
    return any(r["fuel"] == fuel and abs(r["difference"] - delta) <= r["tolerance"]
               for r in failed)


def _sign_hint(flows: pd.DataFrame, name: str, line: pd.Series,
               column: pd.Series, failed: list[dict[str, Any]] | None = None) -> list[Problem]:
    """Problems naming a positive input or a negative output of a 加工转换 row.

    A sheet printing 加工转换 inputs as magnitudes (positive) fails its totals in every fuel
    column it touches; the totals' messages do not say why (round 12, E70). An output typed
    with an input's sign (火力发电 electricity -190, round 21 K92; 炼焦 coke -80, round 25
    KA38) fails them the same way. Each kind is named at its first cell, before the totals'
    problems. Power and heat plant rows are named as they are; an output of another row
    (:data:`_ROW_OUTPUTS`) only when a failed total (``failed``, the check's records) of its
    column is off by twice the cell, as the sign slip makes it.
    """
    outputs = {**{k: (v,) for k, v in _PLANT_OUTPUT.items()}, **_ROW_OUTPUTS}
    rows = flows[flows["item"].isin(list(outputs)).to_numpy()]
    makes = np.array([f in outputs[i] for i, f in zip(rows["item"], rows["fuel"],
                                                      strict=True)], dtype=bool)
    plant = rows["item"].isin(list(_PLANT_OUTPUT)).to_numpy()
    value = rows["value"].to_numpy(dtype=float)
    slip = np.array([_explains(failed or [], f, -2.0 * v)
                     for f, v in zip(rows["fuel"], value, strict=True)], dtype=bool)
    # a positive cell of the other plant's carrier (heat under 火力发电) is an output made
    # in the wrong row, not an input printed as a magnitude (round 26 ZA27)
    carrier = rows["fuel"].isin(list(_PLANT_OUTPUT.values())).to_numpy()
    out = [plant_output_problem(r["item"], r["item"], r["fuel"], float(r["value"]),
                                (name, line[r["item"]], column[r["fuel"]]),
                                _explains(failed or [], r["fuel"], -float(r["value"])))
           for _, r in rows[plant & ~makes & carrier & (value > 0)].iterrows()]
    for bad, kind, sign in ((rows[plant & ~makes & ~carrier & (value > 0)], "input",
                             "negative"),
                            (rows[makes & (value < 0) & (plant | slip)], "output",
                             "positive")):
        if bad.empty:
            continue
        r = bad.iloc[0]
        more = len(bad) - 1
        fixed = f"-{r['value']:.2f}" if kind == "input" else f"{-r['value']:.2f}"
        out.append(Problem(
            f"a {'positive' if kind == 'input' else 'negative'} {kind} of a plant: row "
            f"'{r['item']}' holds {r['value']:+g} of {r['fuel']}"
            f"{f' (and {more} more such cells)' if more else ''}; the {kind}s of 加工转换 are "
            f"{sign} in an energy balance (投入(-)产出(+)), so a sheet printing them "
            f"{'as magnitudes' if kind == 'input' else 'with a minus sign'} fails the "
            "totals below", file=name, row=line[r["item"]], column=column[r["fuel"]],
            value=float(r["value"]),
            valid=(f"inputs with a minus sign ({fixed}), outputs positive" if kind == "input"
                   else f"outputs positive ({fixed}), inputs with a minus sign")
            + ", as in the yearbook"))
    return out


def _stock_twice_hint(flows: pd.DataFrame, name: str, line: pd.Series, column: pd.Series,
                      failed: list[dict[str, Any]]) -> list[Problem]:
    """Problems naming a column's stock change given twice (round 25 KA122).

    库存增(-)、减(+)量 is opening minus closing stocks; a sheet that also keeps the rows
    年初库存量 and 年末库存量 gives the same change twice, and 可供本地区消费的能源量 (which
    counts all three) fails by that change. Named only where the two agree (opening -
    closing = the stated change, within the total's tolerance) and a failed total of the
    column is off by minus the change, which is what counting it twice does.
    """
    out = []
    value = flows.set_index(["item", "fuel"])["value"]
    for fuel in dict.fromkeys(flows["fuel"]):
        change = value.get(("stock_change", fuel))
        opening, closing = value.get(("stock_opening", fuel)), value.get(("stock_closing", fuel))
        if change is None or (opening is None and closing is None) or not change:
            continue
        both = float(opening or 0.0) + float(closing or 0.0)  # closing already negative
        tol = [r["tolerance"] for r in failed if r["fuel"] == fuel]
        if not tol or abs(both - float(change)) > max(tol) or not _explains(
                failed, fuel, -float(change)):
            continue
        rows = [f"row {line[i]}" for i in ("stock_opening", "stock_closing")
                if (i, fuel) in value.index]
        out.append(Problem(
            f"the stock change is given twice: row {line['stock_change']} "
            f"(库存增(-)、减(+)量) holds {float(change):+g} and the opening and closing stocks "
            f"({', '.join(rows)}: 年初库存量 - 年末库存量) give {both:+g}, the same change; "
            "可供本地区消费的能源量 counts each row, so its parts and the statistical "
            "difference are off by it", file=name, row=line["stock_change"],
            column=column[fuel], value=float(change),
            valid="keep one of them: the 库存增(-)、减(+)量 row, or the rows 年初库存量 and "
                  "年末库存量 (delete the other, or blank its cells)"))
    return out


def _section_totals(flows: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Per fuel: supply, transformation, losses, final, inputs (leaf rows, contributions)."""
    leaf = flows[flows["leaf"] & (flows["role"] != "memo")]
    out: dict[str, dict[str, float]] = {}
    for fuel, g in leaf.groupby("fuel", sort=False):
        sec = g.groupby("section")["value"].sum()
        tr = g.loc[g["section"] == "transformation", "value"]
        out[fuel] = {"supply": float(sec.get("supply", 0.0)),
                     "transformation": float(sec.get("transformation", 0.0)),
                     "losses": float(sec.get("losses", 0.0)),
                     "final": float(sec.get("final", 0.0)),
                     "inputs": float(-tr[tr < 0].sum())}
    return out


def _difference_table(bs: BalanceSheet) -> pd.DataFrame:
    f = bs.flows
    sections = _section_totals(f)
    stated = f[f["item"] == "statistical_difference"].set_index("fuel")["value"]
    fuels_ = [c for c in dict.fromkeys(f["fuel"]) if c in sections]
    rows = []
    for fuel in fuels_:
        s = sections[fuel]
        rows.append({"fuel": fuel, "stated": float(stated.get(fuel, np.nan)),
                     "computed": s["supply"] + s["transformation"] - s["losses"] - s["final"],
                     "unit": bs.units[fuel]})
    return pd.DataFrame(rows).set_index("fuel") if rows else pd.DataFrame(
        columns=["stated", "computed", "unit"])


# ---------------------------------------------------------------------------------------
# group-total columns (煤合计, 油品合计) against their part columns (round 24 H60-H63, H80)

#: The part columns each group-total column of the yearbook sums (physical quantity).
GROUP_PARTS = {
    "coal_total": ("raw_coal", "cleaned_coal", "other_washed_coal", "briquettes", "gangue"),
    "oil_total": ("gasoline", "kerosene", "jet_kerosene", "diesel", "fuel_oil", "naphtha",
                  "lubricants", "paraffin", "white_spirit", "bitumen", "petroleum_coke",
                  "lpg", "refinery_gas", "other_petroleum_products"),
}
#: The part without which a group-total column cannot be the yearbook's sum (煤合计 is
#: mostly 原煤): a sheet with the group but not this part has the fuel under the group name.
_PRINCIPAL = {"coal_total": "raw_coal"}
_EXAMPLE = {"coal_total": "raw_coal", "oil_total": "gasoline"}
_OTHER_ZH = {"coal_total": "其他洗煤, 型煤, ...", "oil_total": "煤油, 燃料油, ..."}
_PART_ZH = {"coal_total": "原煤 for raw coal (or 洗精煤, 其他洗煤, 型煤, 煤矸石)",
            "oil_total": "汽油, 柴油, 煤油, 燃料油, ... (the oil product it holds)"}


class GroupTotalWarning(CarbonpathWarning):
    """A group-total column (煤合计, 油品合计) holds more than its part columns add up to.

    The group total is read for checking only; what it holds beyond the sheet's part
    columns (kinds the sheet has no column for) is not counted.
    """


def check_group_totals(flows: pd.DataFrame, cmap: BalanceMapping, units: dict[str, str],
                       name: str) -> None:
    """Refuse or warn about a group-total column against its part columns.

    Parameters
    ----------
    flows : DataFrame
        The sheet's cells (``item``, ``fuel``, ``column``, ``value``, ``line``, ``role``).
    cmap : BalanceMapping
        Column kinds (``group_total`` columns are checked).
    units : dict
        Column code -> its unit (the comparison needs the same unit on both sides).
    name : str
        The file named in messages.

    Raises
    ------
    DataError
        A group-total column with none of its part columns in the sheet (its fuel would be
        dropped: 煤炭 read as 煤合计); or a row where the group total is below the sum of
        its part columns beyond the tolerance (0.5 in the column's unit + 0.5%), which no
        correct sheet shows (a part column misnamed as the group, 石油 for 汽油).

    Warns
    -----
    GroupTotalWarning
        Rows where the group total exceeds its parts beyond the tolerance: the excess
        (kinds without a column) is not counted.
    """
    fuels = set(flows["fuel"])
    column = flows.drop_duplicates("fuel").set_index("fuel")["column"]
    problems: list[Problem] = []
    for group in [f for f in dict.fromkeys(flows["fuel"]) if f in GROUP_PARTS
                  and cmap.column_kind(f) == "group_total"]:
        parts = [p for p in GROUP_PARTS[group] if p in fuels]
        head = f"column '{column[group]}'"
        label = re.sub(r"\s*[(（].*$", "", str(column[group])).strip()  # without its unit
        comparable = len({units.get(p) for p in parts} | {units.get(group)}) == 1
        stated, part_sum, over, under = _group_cells(flows, group, parts) if parts \
            and comparable else (None, None, None, None)
        principal = _PRINCIPAL.get(group)
        # without its principal part (原煤), a coal group holding more than its parts
        # is the coal itself under the group's name (煤炭 for 原煤)
        if not parts or (principal not in (None, *fuels)
                         and (over is None or bool(over.any()))):
            missing = "none of its part columns" if not parts else \
                f"no {principal} (原煤) column and it holds more than its parts"
            problems.append(Problem(
                f"{head} is read as a group total ({group}: the sum of its part columns, "
                f"used only to check them), but the sheet has {missing}, so "
                "the fuel it holds would be dropped", file=name, column=column[group],
                valid=f"head the column with the fuel it holds: {_PART_ZH[group]}; or map "
                f"it: a --mapping CSV row 'column,{label},{_EXAMPLE[group]}' (Python: "
                f"mapping={{'columns': {{'{label}': '{_EXAMPLE[group]}'}}}})"))
            continue
        if over is None:
            continue  # different units: not comparable here
        listed = ", ".join(parts)
        if under.any():
            (item, line), n = under[under].index[0], int(under.sum())
            problems.append(Problem(
                f"{head} (a group total) holds {stated[(item, line)]:g} in row '{item}', "
                f"less than its part columns ({listed}) add up to, "
                f"{part_sum[(item, line)]:g}{f' (and {n - 1} more such rows)' if n > 1 else ''}"
                "; a group total cannot be below its parts: is the column really one of "
                "them?", file=name, row=line, column=column[group],
                value=float(stated[(item, line)]),
                valid=f"head the column with the fuel it holds ({_PART_ZH[group]}) or "
                f"map it (a --mapping CSV row 'column,{label},{_EXAMPLE[group]}'), or "
                "correct the group total"))
        elif over.any():  # (a refused column is not also warned about)
            rows = [f"'{i}' (line {ln}: {stated[(i, ln)]:g} against {part_sum[(i, ln)]:g})"
                    for i, ln in over[over].index[:_MAX_ROWS]]
            more = int(over.sum()) - len(rows)
            warnings.warn(
                f"{name}: {head} (a group total) holds more than its part columns ({listed}) "
                f"add up to in rows {', '.join(rows)}{f' and {more} more' if more > 0 else ''}"
                f"; that excess (kinds the sheet has no column for) is not counted. If the "
                f"group holds fuel of other kinds, add their columns "
                f"({_OTHER_ZH[group]}) or "
                f"a --mapping row; if it is the yearbook's sum, correct the group or the parts",
                GroupTotalWarning, stacklevel=3)
    DataError.collect(problems, "energy balance")


_MAX_ROWS = 6


def _group_cells(flows: pd.DataFrame, group: str, parts: list[str]
                 ) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Group cell, part sum, over and under flags by (item, line), in magnitudes.

    Only rows whose cells share one sign are compared (not 加工转换, where a missing part
    may be an input or an output, nor 库存增减 or the statistical difference). The
    tolerance is 0.5 in the column's unit + 0.5 % of the parts (rounding of printed cells).
    """
    same_sign = flows[~flows["section"].isin(["transformation", "difference"])
                      & (flows["role"] != "memo")]
    cells = same_sign.pivot_table(index=["item", "line"], columns="fuel", values="value",
                                  aggfunc="first", sort=False, dropna=False)
    cells = cells.reindex(columns=[group, *parts])
    mixed = (cells > 0).any(axis=1) & (cells < 0).any(axis=1)
    stated = cells[group].abs()
    part_sum = cells[parts].fillna(0.0).abs().sum(axis=1)
    skip = stated.isna() | mixed
    tol = 0.5 + 0.005 * part_sum
    return (stated, part_sum, (~skip) & (stated - part_sum > tol),
            (~skip) & (part_sum - stated > tol))
