"""Column filters of inventory totals (``inv.total(year=2022, sector="industry")``).

A filter compares a column with a value. A value of the wrong type or a misspelt code
matches no row, and the total would be a silent zero: ``year="2022"`` (years are ints),
``sector="Industry"``. :func:`check_filters` reads an int-like year string as the int
(``"2022"`` is 2022, as in a pathway's :meth:`~carbonpath.Pathway.emissions_in`) and
refuses a value that is no year, or a code that no row of the inventory has and that is no
code or alias of carbonpath's code lists (an alias, 原煤, is read as its code, raw_coal; a
valid code absent from the data, natural gas in a city without gas, is a true zero).

A sector includes its sub-sectors (``parent`` in ``src/carbonpath/data/sectors.csv``):
``sector="industry"`` totals industry's own rows and those of chemicals, ferrous metals and
the other industries. It had matched the code exactly and gave 0 t for a city whose
industrial emissions are all in sub-sector rows (round 13 G115). A parent row beside a
child row of the same fuel is refused at input unless the parent holds only the remainder
(:mod:`carbonpath.accounting.double_counting`), so the sum counts nothing twice. A scope
other than 1, 2 or 3 is refused (G116).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from carbonpath.codes import fuels, products, sectors
from carbonpath.errors import ArgumentValueError

__all__ = ["as_year", "check_filters", "check_one_region", "check_one_year", "check_scope",
           "with_subsectors"]

SCOPES = (1, 2, 3)


def check_scope(scope: Any, caller: str) -> int | None:
    """``scope`` as an int of :data:`SCOPES`, or None for no scope filter.

    Raises
    ------
    ArgumentValueError
        A scope that is no whole number 1, 2 or 3 (``scope=5`` had matched no row and given
        a silent 0 t, round 13 G116).
    """
    if scope is None:
        return None
    value = as_year(scope)  # the same int reading: 2, "2", 2.0
    if value not in SCOPES:
        msg = (f"Inventory.{caller}(scope={scope!r}): not a scope; valid: 1 (direct), "
               "2 (purchased electricity and heat) or 3 (other indirect), or None for all")
        raise ArgumentValueError(msg)
    return value


def with_subsectors(codes: Sequence[Any]) -> list[Any]:
    """The sector codes and all their sub-sectors (``sectors.csv`` ``parent``), in order.

    Parameters
    ----------
    codes : sequence
        Sector codes (other values are kept as they are).

    Returns
    -------
    list
        ``codes`` followed by each code's descendants not already listed.
    """
    parents = sectors().column("parent")
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if parent:
            children.setdefault(parent, []).append(child)
    out = list(codes)
    seen = set(out)
    stack = [c for c in codes if isinstance(c, str)]
    while stack:
        for kid in children.get(stack.pop(), []):
            if kid not in seen:
                seen.add(kid)
                out.append(kid)
                stack.append(kid)
    return out


def as_year(key: Any) -> int | None:
    """``key`` as a year if it is an int (numpy too) or an int-like string, else None."""
    import numpy as np

    if isinstance(key, (bool, np.bool_)):
        return None
    if isinstance(key, (int, np.integer)):
        return int(key)
    if isinstance(key, str) and key.strip().isdigit():
        return int(key.strip())
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return None


_CODES = {"fuel": fuels, "sector": sectors, "product": products}


def check_filters(filters: dict[str, Any], frames: Sequence[pd.DataFrame],
                  caller: str) -> dict[str, Any]:
    """Check and normalise the column filters of an inventory total.

    Parameters
    ----------
    filters : dict
        Column -> value or list of values.
    frames : sequence of pandas.DataFrame
        The inventory's tables the filters apply to.
    caller : str
        The method's name, for messages (``total``, ``by``, ``energy_total``).

    Returns
    -------
    dict
        The filters, each value a list; years as ints.

    Raises
    ------
    ArgumentValueError
        A year that is not a whole number, or a value that no row has and that is no known
        code (names the values the inventory has).

    Notes
    -----
    A sector value is widened to the sector and its sub-sectors (:func:`with_subsectors`).
    """
    out: dict[str, Any] = {}
    for col, want in filters.items():
        values = list(want) if isinstance(want, (list, tuple, set)) else [want]
        present: set[Any] = set()
        for frame in frames:
            if col in frame.columns and len(frame):
                present.update(pd.unique(frame[col].astype(object)).tolist())
        if col == "year":
            years = [as_year(v) for v in values]
            bad = [v for v, y in zip(values, years, strict=True) if y is None]
            if bad:
                msg = (f"Inventory.{caller}(year={bad[0]!r}): a year is an int (e.g. 2022); "
                       f"the inventory has {', '.join(str(y) for y in sorted(present))}")
                raise ArgumentValueError(msg)
            values = years
        elif col in _CODES:
            codes = _CODES[col]()
            resolved = [v if v in present or not isinstance(v, str) else codes.resolve(v)
                        for v in values]  # an alias (原煤) is its code (raw_coal)
            unknown = [v for v, r in zip(values, resolved, strict=True)
                       if r is None or (r not in present and not isinstance(r, str))]
            if unknown:
                shown = ", ".join(sorted(str(p) for p in present)[:20])
                msg = (f"Inventory.{caller}({col}={unknown[0]!r}): not a {col} code; "
                       f"{codes.valid_text(str(unknown[0]))}; the inventory's {col} values: "
                       f"{shown}")
                raise ArgumentValueError(msg)
            values = with_subsectors(resolved) if col == "sector" else resolved
        out[col] = values
    return out


def check_one_year(filters: dict[str, Any], dims: Sequence[str],
                   frames: Sequence[pd.DataFrame], caller: str) -> None:
    """Refuse a total that would add up several years of an inventory.

    An inventory of rows of 2021 and 2022 has no single total: their sum is neither year's.
    A total (or a breakdown without ``year`` among its dimensions) over such an inventory
    needs ``year=``.

    Raises
    ------
    ArgumentValueError
        The rows span more than one year and neither ``year`` is filtered nor a dimension.
    """
    if "year" in filters or "year" in dims:
        return
    years: set[int] = set()
    for frame in frames:
        if "year" in frame.columns and len(frame):
            years.update(int(y) for y in pd.unique(frame["year"]))
    if len(years) > 1:
        shown = ", ".join(str(y) for y in sorted(years))
        msg = (f"Inventory.{caller}(): the inventory holds rows of {len(years)} years ({shown}), "
               f"whose sum is no year's total; give year=... (e.g. year={max(years)}), or "
               "'year' as a dimension of by()")
        raise ArgumentValueError(msg)


def check_one_region(filters: dict[str, Any], dims: Sequence[str],
                     frames: Sequence[pd.DataFrame], caller: str) -> None:
    """Refuse a total that would add up the rows of several regions (round-9 V17, V17b).

    Activity rows tagged CN-SD and CN-ZJ have no single city total: an import tagged with
    the second region is priced at its grid factor and not netted against the first's
    export, and the sum is neither region's inventory. Like several years
    (:func:`check_one_year`), a total over such rows needs ``region=`` or ``region`` as a
    dimension.

    Parameters
    ----------
    filters : dict
        The checked column filters of the call.
    dims : sequence of str
        The dimensions of the breakdown (``()`` for a total).
    frames : sequence of pandas.DataFrame
        The inventory's frames; those with a ``region`` column are read.
    caller : str
        The method's name, for the message.

    Raises
    ------
    ArgumentValueError
        The rows span more than one region and neither ``region`` is filtered nor a
        dimension; the message names the regions.
    """
    if "region" in filters or "region" in dims:
        return
    regions: set[str] = set()
    for frame in frames:
        if "region" in frame.columns and len(frame):
            regions.update(str(r) for r in pd.unique(frame["region"]) if r == r and r)
    if len(regions) > 1:
        shown = ", ".join(sorted(regions))
        msg = (f"Inventory.{caller}(): the inventory holds rows of {len(regions)} regions "
               f"({shown}), whose sum is no region's total (an import tagged with one region "
               "is not netted against another's export): tag every activity row with the "
               "inventory's region, or total one region at a time (a region filter, or "
               "'region' as a dimension of by())")
        raise ArgumentValueError(msg)
