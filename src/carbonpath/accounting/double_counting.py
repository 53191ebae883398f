"""Rows that count the same energy or the same iron twice (round 10: A10, A27).

Two rules, each naming both rows:

* **a sector and its parent** (``parent`` in ``src/carbonpath/data/sectors.csv``) both give
  the same fuel in one year and region, with any uses: a yearbook's 工业 (industry) row is the
  total of its industries, so a child row beside it (化学原料和化学制品制造业, chemicals) is
  counted twice. The uses need not match (round 19, T144): industry's 焦炭 as ``combustion``
  (the yearbook's 工业 total) holds the blast-furnace coke that ferrous_metals gives as
  ``feedstock``. Give the parent only its remainder (its total minus the listed children),
  or leave the children out;
* **pig iron beside BOF steel** in one year and region: the BOF steel factor of IPCC 2006
  Vol.3 Ch.4 Table 4.1 (1.46 t CO2/t) covers the iron made for it, and ``pig_iron`` (1.35)
  is iron *not converted to steel*. A yearbook's 生铁 is all the pig iron made, most of it
  converted, so both rows count that iron twice. Give ``pig_iron`` only the iron sold or
  cast, not converted.

Two warnings (:class:`CopiedRowWarning`, :func:`warn_copied_rows`, round 27) name rows
that look like one row kept beside its edited copy, where the data might still be right:

* **one amount under two labels** (ZC60, ZC62): two rows of one year, region, sector and
  fuel that hold the same non-zero amount and differ only in ``use`` or ``technology``
  (a row copied to add its technology, or to mark its use, with the original kept). The
  duplicate-row refusal of the reader keys on use and technology, so it let them pass and
  the fuel was counted twice (gasoline +0.547 Mt CO2; raw coal +0.678 Mtce);
* **raw coal beside its kinds** (ZC76): a ``raw_coal`` row and a row of one of its kinds
  (anthracite, bituminous, sub-bituminous coal, lignite: 原煤 is their sum in China's
  statistics) in one year, region, sector and use, each kind at most the raw coal's
  amount: a "其中:烟煤" breakdown copied as a row counts that coal twice.

Electricity and heat are left to the carrier balances (an import equal to an export is an
ordinary balance), and rows read from a balance sheet are not judged (one cell each, no
copy). A row whose ``plausibility`` cell holds an override is not named.

A user who knows the rows do not overlap (industry holds only the rest; the pig iron is
sold) writes ``override: <reason>`` in a ``plausibility`` column of either row; the rows are
then accepted with a :class:`~carbonpath.errors.CarbonpathWarning`. Otherwise an
:class:`~carbonpath.errors.ImplausibleValueError` names both rows.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.plausible_activity import refuse_overridable
from carbonpath.codes import sectors
from carbonpath.errors import CarbonpathWarning, Problem
from carbonpath.plausibility import OVERRIDE

__all__ = [
    "COAL_KINDS",
    "CopiedRowWarning",
    "check_double_counting",
    "check_production_pairs",
    "copied_row_warnings",
    "pig_iron_problems",
    "production_pair_warnings",
    "sector_overlap_problems",
    "warn_copied_rows",
]

COAL_KINDS = ("anthracite", "bituminous_coal", "sub_bituminous_coal", "lignite")
"""Fuel codes of the kinds of coal whose sum is China's 原煤 (``raw_coal``)."""

_CARRIERS = ("electricity", "heat")
_BALANCE_MARK = "as read from the balance"  # (plausible_magnitude.BALANCE_MARK)


class CopiedRowWarning(CarbonpathWarning):
    """Two activity rows look like one row kept beside its copy (counted twice)."""

_HINT = (f"or, if they do not overlap, '{OVERRIDE} <reason>' in a 'plausibility' column "
         "of either row")


def _keys(data: pd.DataFrame, columns: list[str]) -> list[str]:
    return [c for c in columns if c in data.columns]


def _ancestors(sector: str) -> list[str]:
    """The parents of a sector, nearest first (``sectors.csv`` ``parent``)."""
    parents = sectors().column("parent")
    out, seen = [], {sector}
    p = parents.get(sector, "")
    while p and p not in seen:
        out.append(p)
        seen.add(p)
        p = parents.get(p, "")
    return out


def _parts(parent: str) -> str:
    """The sectors whose ``parent`` is ``parent``, for a message (round 30 ZF95).

    Residential had been called "the total of its industries"; its parts are urban and
    rural households.
    """
    kids = [c for c, p in sectors().column("parent").items() if p == parent]
    shown = ", ".join(kids[:4])
    return f"{shown} and {len(kids) - 4} more" if len(kids) > 4 else shown


def sector_overlap_problems(data: pd.DataFrame, source: str) -> list[tuple[Problem, list[Any]]]:
    """Pairs of activity rows where a sector and one of its parents give the same fuel.

    The uses of the two rows need not match (a parent's ``combustion`` total holds a child's
    ``feedstock``, round 19 T144).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (:attr:`carbonpath.accounting.Activity.data`: ``row``,
        ``year``, ``region``, ``sector``, ``fuel``, ``use``, optionally ``model_region``).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of (Problem, list)
        One problem per child sector (on the child's row, column ``sector``) and the row
        labels of both rows.
    """
    if data.empty:
        return []
    keys = _keys(data, ["year", "region", "model_region", "fuel"])
    frame = data[[*keys, "sector", "use", "row"]].astype({k: str for k in keys if k != "year"})
    frame = frame.assign(sector=frame["sector"].astype(str), use=frame["use"].astype(str))
    has_parent = {s: _ancestors(s) for s in frame["sector"].unique()}
    if not any(has_parent.values()):
        return []
    out = []
    for _, group in frame.groupby(keys, sort=False, observed=True):
        if len(group) < 2:
            continue
        first_row = dict(zip(group["sector"][::-1], group["row"][::-1], strict=False))
        use_of = dict(zip(group["sector"][::-1], group["use"][::-1], strict=False))
        for child, row in first_row.items():
            parent = next((p for p in has_parent[child] if p in first_row), None)
            if parent is None:
                continue
            other = first_row[parent]
            r0 = group.iloc[0]
            uses = (use_of[child] if use_of[child] == use_of[parent] else
                    f"{use_of[child]} in {child}, {use_of[parent]} in {parent}")
            out.append((Problem(
                f"sector {child} (row {row}) is part of {parent} (row {other}), and both give "
                f"{r0['fuel']} ({uses}) for {r0['region']} {r0['year']}: a yearbook's "
                f"{parent} row is the total of its parts ({_parts(parent)}), so {child} would "
                "be counted twice", file=source, row=row, column="sector", value=child,
                valid=f"give {parent} only its remainder ({parent} minus the listed sectors "
                      f"below it), or leave the {child} row out; {_HINT}"), [row, other]))
    return out


def pig_iron_problems(data: pd.DataFrame, source: str) -> list[tuple[Problem, list[Any]]]:
    """Pairs of production rows of pig iron and BOF steel in one year and region.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated production rows (:attr:`carbonpath.accounting.Production.data`: ``row``,
        ``year``, ``region``, ``product``, optionally ``model_region``).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of (Problem, list)
        One problem per pair (on the pig-iron row, column ``product``) and both row labels.
    """
    if data.empty:
        return []
    keys = _keys(data, ["year", "region", "model_region"])
    frame = data[[*keys, "product", "row"]].astype({k: str for k in keys if k != "year"})
    frame = frame.assign(product=frame["product"].astype(str))
    out = []
    for _, group in frame.groupby(keys, sort=False, observed=True):
        iron = group[group["product"] == "pig_iron"]
        steel = group[group["product"] == "bof_steel"]
        if iron.empty or steel.empty:
            continue
        row, other = iron["row"].iloc[0], steel["row"].iloc[0]
        r0 = group.iloc[0]
        out.append((Problem(
            f"pig_iron (row {row}) beside bof_steel (row {other}) for {r0['region']} "
            f"{r0['year']}: the BOF steel factor (IPCC 2006 Vol.3 Table 4.1, 1.46 t CO2/t) "
            "already covers the iron made for it, and pig_iron (1.35 t CO2/t) is iron not "
            "converted to steel; a yearbook's 生铁 is all the pig iron made, so that iron "
            "would be counted twice", file=source, row=row, column="product", value="pig_iron",
            valid=f"give pig_iron only the iron sold or cast (not converted), or leave the "
                  f"row out; {_HINT}"), [row, other]))
    return out


def check_double_counting(found: list[tuple[Problem, list[Any]]], data: pd.DataFrame,
                          source: str) -> None:
    """Raise for the pairs found unless a row of the pair is overridden (then warn).

    Parameters
    ----------
    found : list of (Problem, list)
        From :func:`sector_overlap_problems` or :func:`pig_iron_problems`.
    data : pandas.DataFrame
        The rows, with a boolean ``plausibility`` column if the input had one.
    source : str
        The file or DataFrame name.

    Raises
    ------
    ImplausibleValueError
        Every pair without an override.
    """
    refuse_overridable(found, data, source)  # the same override rule as the other checks


def _same(a: float, b: float) -> bool:
    """Two amounts equal to 1e-9 of their size."""
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def copied_row_warnings(data: pd.DataFrame, source: str) -> list[str]:
    """Messages for rows that look like one row kept beside its copy (module docstring).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``value``, ``unit``, ``measure``, ``quantity`` in the measure's base unit;
        optionally ``technology``, ``model_region`` and a boolean ``plausibility``).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of str
        One message per pair, naming both rows, what they share and what would be right.
    """
    if data.empty or _BALANCE_MARK in source or not {"quantity", "measure"} <= set(data):
        return []
    keep = ~data["fuel"].isin(_CARRIERS).to_numpy() & (data["quantity"].to_numpy(
        dtype=float) > 0)
    if "plausibility" in data:
        keep &= ~data["plausibility"].fillna(False).astype(bool).to_numpy()
    cols = [c for c in ("row", "year", "region", "model_region", "sector", "fuel", "use",
                        "technology", "value", "unit", "measure", "quantity") if c in data]
    rows = data.loc[keep, cols].drop_duplicates("row")
    if rows.empty:
        return []
    place = [c for c in ("year", "region", "model_region", "sector") if c in rows]
    # only the few rows that can pair go to Python (10^5 rows: no loop over every sector)
    amount = rows["quantity"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # subnormal amounts
        rounded = np.round(amount / 10.0 ** np.floor(np.log10(amount)), 9)
    same = rows.assign(_q=rounded, _e=np.floor(np.log10(amount))).duplicated(
        [*place, "fuel", "measure", "_q", "_e"], keep=False).to_numpy()
    rows = rows[same | _coal_candidates(rows, place)]
    if rows.empty:
        return []
    rows = rows.astype({c: str for c in cols if c not in ("row", "year", "value", "quantity")})
    if "technology" not in rows:
        rows = rows.assign(technology="")
    out: list[str] = []
    for _, group in rows.groupby(place, sort=True):
        if len(group) < 2:
            continue
        where = f"{group['sector'].iloc[0]} in {group['region'].iloc[0]} {group['year'].iloc[0]}"
        out += _copies(group.itertuples(index=False), where, source)
        out += _coal_kinds(group, where, source)
    return out


def _coal_candidates(rows: pd.DataFrame, place: list[str]) -> np.ndarray:
    """Mask of the raw-coal and coal-kind rows :func:`_coal_kinds` may name.

    Their place and use hold both, the kinds' largest of the raw coal's measure at most the
    (first) raw coal row. Vectorised: a table of 10^5 rows has thousands of sectors with
    raw coal.
    """
    keys = [*place, "use"]
    raw = rows[(rows["fuel"] == "raw_coal").to_numpy()].drop_duplicates(keys)
    kinds = rows[rows["fuel"].isin(COAL_KINDS).to_numpy()]
    if raw.empty or kinds.empty:
        return np.zeros(len(rows), dtype=bool)
    both = kinds[[*keys, "measure", "quantity"]].merge(
        raw[[*keys, "measure", "quantity"]], on=[*keys, "measure"], suffixes=("", "_raw"))
    if both.empty:
        return np.zeros(len(rows), dtype=bool)
    most = both.groupby(keys, observed=True, sort=False).agg(
        kind=("quantity", "max"), raw=("quantity_raw", "first")).reset_index()
    fit = most.loc[most["kind"] <= most["raw"], keys].assign(_fit=True)
    hit = rows[keys].merge(fit, on=keys, how="left")["_fit"].fillna(False).to_numpy(dtype=bool)
    return hit & rows["fuel"].isin(("raw_coal", *COAL_KINDS)).to_numpy()


def _label(r: Any) -> str:
    tech = f", technology {r.technology!r}" if r.technology not in ("", "nan") else ""
    return f"row {r.row} ({r.fuel} {r.value:g} {r.unit}, use {r.use}{tech})"


def _copies(rows: Any, where: str, source: str) -> list[str]:
    """Pairs of one fuel with the same amount that differ only in use or technology."""
    seen: list[Any] = []
    out = []
    for r in rows:
        for o in seen:
            if (o.fuel != r.fuel or o.measure != r.measure
                    or not _same(float(o.quantity), float(r.quantity))):
                continue
            differ = [c for c in ("use", "technology") if getattr(o, c) != getattr(r, c)]
            if not differ:  # (the reader refuses such rows as duplicates)
                continue
            out.append(
                f"{source}, rows {o.row} and {r.row}, column '{differ[0]}': {_label(o)} and "
                f"{_label(r)} of {where} hold the same amount and differ only in "
                f"{' and '.join(differ)}: probably one row kept beside its copy, so the fuel "
                f"is counted twice. If row {r.row} replaces row {o.row}, delete row {o.row}; "
                "if both are right, write 'override: <reason>' in a 'plausibility' column of "
                "either row or ignore this warning")
            break
        seen.append(r)
    return out


def _coal_kinds(group: pd.DataFrame, where: str, source: str) -> list[str]:
    """Kinds of coal beside raw coal of one use, each at most the raw coal (ZC76)."""
    out = []
    for use, g in group.groupby("use", sort=True):
        raw = g[g["fuel"] == "raw_coal"]
        kinds = g[g["fuel"].isin(COAL_KINDS)]
        if raw.empty or kinds.empty:
            continue
        whole = raw.iloc[0]
        same = kinds[(kinds["measure"] == whole["measure"]).to_numpy()]
        if same.empty or float(same["quantity"].max()) > float(whole["quantity"]):
            continue
        names = ", ".join(_label(r) for r in same.itertuples(index=False))
        out.append(
            f"{source}, rows {whole['row']}, {', '.join(str(x) for x in same['row'])}, column "
            f"'fuel': {where} gives raw_coal ({whole['value']:g} {whole['unit']}, use {use}, "
            f"row {whole['row']}) and {names}, each at most the raw coal: China's 原煤 is the "
            "sum of its kinds (anthracite, bituminous, sub-bituminous coal, lignite), so a "
            "'其中' (of which) breakdown copied as a row counts that coal twice. Delete the "
            "breakdown rows, or give raw_coal only the rest (raw coal minus them); if the "
            "rows do not overlap, write 'override: <reason>' in a 'plausibility' column of "
            "either row or ignore this warning")
    return out


def warn_copied_rows(data: pd.DataFrame, source: str) -> None:
    """Warn (:class:`CopiedRowWarning`) of each of :func:`copied_row_warnings`.

    Parameters
    ----------
    data, source
        As :func:`copied_row_warnings`.
    """
    for text in copied_row_warnings(data, source):
        warnings.warn(text, CopiedRowWarning, stacklevel=4)


ROUTE_PAIRS = (("bof_steel", "eaf_steel", "粗钢 (crude steel)"),
               ("primary_aluminium_prebake", "primary_aluminium_soderberg", "电解铝 (primary "
                                                                          "aluminium)"))
"""Products made by two routes whose yearbook gives one total (round 31, KG71, KG95)."""


def production_pair_warnings(data: pd.DataFrame, source: str) -> list[str]:
    """Messages for production rows that look like one figure counted twice (round 31).

    Two cases, in one year and region: the two routes of a product of :data:`ROUTE_PAIRS`
    with the same tonnage (KG71, KG95: the yearbook's one 粗钢 or 电解铝 figure typed into
    both routes; two routes with exactly equal output is a copied row), and
    ``soda_ash_use`` beside ``glass`` (KG93: IPCC 2006 2A4b excludes the soda ash used in
    glass, whose carbonates 2A3's glass factor already covers). Either may be right, so
    these warn; a row with ``override: <reason>`` in ``plausibility`` stays quiet.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated production rows (``row``, ``year``, ``region``, ``product``,
        ``quantity`` in t; optionally ``model_region`` and a boolean ``plausibility``).
    source : str
        The file or DataFrame name, for messages.

    Returns
    -------
    list of str
        One message per pair, naming the file and both rows.
    """
    if data.empty:
        return []
    keys = _keys(data, ["year", "region", "model_region"])
    frame = data.assign(product=data["product"].astype(str))
    if "plausibility" in frame:
        frame = frame[~frame["plausibility"].fillna(False).astype(bool)]
    out = []
    for _, group in frame.groupby(keys, sort=False, observed=True):
        where = f"{group['region'].iloc[0]} {group['year'].iloc[0]}"
        rows = dict(list(group.groupby("product", observed=True)))
        for one, two, total in ROUTE_PAIRS:
            if one not in rows or two not in rows:
                continue
            a, b = rows[one], rows[two]
            qa, qb = float(a["quantity"].sum()), float(b["quantity"].sum())
            if qa > 0 and _same(qa, qb):
                out.append(
                    f"{source}, rows {a['row'].iloc[0]} and {b['row'].iloc[0]}: {one} and "
                    f"{two} of {where} have the same output ({qa / 1e4:g} 万t): a yearbook's "
                    f"{total} is one figure for both routes, so a copied row counts it twice; "
                    f"give each route its own output (the yearbook total split between them) "
                    f"or delete the row of the route the region does not have; if both are "
                    f"right, write '{OVERRIDE} <reason>' in a 'plausibility' column of either "
                    "row")
        if "soda_ash_use" in rows and "glass" in rows:
            soda, glass = rows["soda_ash_use"], rows["glass"]
            out.append(
                f"{source}, rows {soda['row'].iloc[0]} and {glass['row'].iloc[0]}: "
                f"soda_ash_use beside glass for {where}: soda_ash_use is IPCC 2006 2A4b (other "
                "uses of soda ash), which excludes the soda ash melted in glass, whose "
                "carbonates the glass factor (2A3) already covers; give soda_ash_use only the "
                "soda ash used outside glass (detergents, chemicals), or the glass works' "
                "soda ash is counted twice; if it holds only those uses, write "
                f"'{OVERRIDE} <reason>' in a 'plausibility' column of the soda_ash_use row")
    return out


def check_production_pairs(prod: Any) -> None:
    """Refuse pig iron beside BOF steel and warn of :func:`production_pair_warnings`.

    The one production check of ``inventory`` and ``carbonpath init`` (round 31, KG92:
    init refused nothing and the dataset's run refused it a step late).

    Parameters
    ----------
    prod : carbonpath.accounting.Production
        Validated production.

    Raises
    ------
    ImplausibleValueError
        For pig iron beside BOF steel without an override (:func:`pig_iron_problems`).
    """
    check_double_counting(pig_iron_problems(prod.data, prod.source), prod.data, prod.source)
    for text in production_pair_warnings(prod.data, prod.source):
        warnings.warn(text, CopiedRowWarning, stacklevel=4)
