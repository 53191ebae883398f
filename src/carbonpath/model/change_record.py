"""Keep :attr:`PathwayModel.changes` equal to what the next solve uses.

Changes made in memory act in order, each on the values as they are when it is made:

* ``update(technology=..., parameter=..., value=...)`` and ``apply`` *set* values: a later
  one replaces, for the technology, parameter and years it covers, what an earlier
  ``update``, ``apply`` or ``scale_cost`` gave those values;
* ``scale_cost(technology, parameter, factor)`` sets ``factor`` x the value in force when
  ``scale_cost`` was first called for that cost (the dataset's value, or the value an
  earlier ``update``/``apply`` gave): it composes with a set made before that first call
  (both stay recorded, in order) and replaces a set made after it.

So an earlier entry whose values a later change replaced leaves the record, or is narrowed
to the years it still governs (``years`` of an ``update`` or ``scale_cost`` entry;
``rows_years`` of an ``apply`` entry, for a row some of whose years were replaced).
A ``parameters.csv`` row with a blank year covers every model year; an ``update`` without
``years`` covers the decision years; a ``scale_cost`` covers every model year.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["coverage", "supersede"]

_ROW = re.compile(r"^parameters\.csv line (\d+)$")


def _row_cover(label: str, params: pd.DataFrame, all_years: list[int]) -> tuple | None:
    """``(technology, parameter, years)`` of a ``parameters.csv`` row label, else None."""
    hit = _ROW.match(label)
    if hit is None or int(hit.group(1)) not in params.index:
        return None
    row = params.loc[int(hit.group(1))]
    year = row["year"]
    years = set(all_years) if year is None or pd.isna(year) else {int(year)}
    return str(row["technology"]), str(row["parameter"]), years


def coverage(entry: dict[str, Any], params: pd.DataFrame, all_years: list[int],
             decision_years: list[int]) -> dict[tuple[str, str], set[int]]:
    """The (technology, parameter) -> years whose values a recorded change governs.

    Parameters
    ----------
    entry : dict
        One entry of :attr:`PathwayModel.changes`.
    params : pandas.DataFrame
        The dataset's ``parameters`` table, indexed by file line.
    all_years, decision_years : list of int
        The model's years and decision years.

    Returns
    -------
    dict
        Empty for a change of a target or of a row outside ``parameters.csv``.
    """
    call = entry.get("call")
    if call == "update" and "technology" in entry:
        years = entry.get("years") or decision_years
        return {(entry["technology"], entry["parameter"]): set(years)}
    if call == "scale_cost":
        return {tuple(entry["scaled"]): set(entry.get("years") or all_years)}
    if call == "apply":
        out: dict[tuple[str, str], set[int]] = {}
        narrowed = entry.get("rows_years", {})
        for label in entry["rows"]:
            hit = _row_cover(label, params, all_years)
            if hit is not None:
                years = set(narrowed.get(label, hit[2]))
                out.setdefault(hit[:2], set()).update(years)
        return out
    return {}


def supersede(changes: list[dict[str, Any]], cover: dict[tuple[str, str], set[int]],
              params: pd.DataFrame, all_years: list[int], decision_years: list[int],
              keep: set[int] | None = None) -> list[dict[str, Any]]:
    """Remove, or narrow, what earlier entries govern of the values ``cover`` now sets.

    Parameters
    ----------
    changes : list of dict
        The entries recorded so far, in order (narrowed in place; an ``apply`` entry's
        ``rows`` is replaced by a new dict, so a solved Pathway's copy is not changed).
    cover : dict
        (technology, parameter) -> years the new change sets.
    params, all_years, decision_years
        As for :func:`coverage`.
    keep : set of int, optional
        ``id`` of entries left as they are (a set made before a cost's first scale_cost
        composes with it).

    Returns
    -------
    list of dict
        The entries still (partly) in force, in order.
    """
    out = []
    for entry in changes:
        if keep is not None and id(entry) in keep:
            out.append(entry)
            continue
        call = entry.get("call")
        if call in ("update", "scale_cost"):
            mine = coverage(entry, params, all_years, decision_years)
            if not mine:
                out.append(entry)
                continue
            (key, years), = mine.items()
            left = years - cover.get(key, set())
            if not left:
                continue
            if left != years:
                entry["years"] = sorted(left)
            out.append(entry)
        elif call == "apply":
            rows, narrowed = dict(entry["rows"]), dict(entry.get("rows_years", {}))
            for label in list(rows):
                hit = _row_cover(label, params, all_years)
                if hit is None:
                    continue
                years = set(narrowed.get(label, hit[2]))
                left = years - cover.get(hit[:2], set())
                if not left:
                    del rows[label]
                    narrowed.pop(label, None)
                elif left != years:
                    narrowed[label] = sorted(left)
            if not rows:
                continue
            entry["rows"] = rows
            if narrowed:
                entry["rows_years"] = narrowed
            out.append(entry)
        else:
            out.append(entry)
    return out
