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

A user who knows the rows do not overlap (industry holds only the rest; the pig iron is
sold) writes ``override: <reason>`` in a ``plausibility`` column of either row; the rows are
then accepted with a :class:`~carbonpath.errors.CarbonpathWarning`. Otherwise an
:class:`~carbonpath.errors.ImplausibleValueError` names both rows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.accounting.plausible_activity import refuse_overridable
from carbonpath.codes import sectors
from carbonpath.errors import Problem
from carbonpath.plausibility import OVERRIDE

__all__ = ["check_double_counting", "pig_iron_problems", "sector_overlap_problems"]

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
                f"{parent} row is the total of its industries, so {child} would be counted "
                "twice", file=source, row=row, column="sector", value=child,
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
