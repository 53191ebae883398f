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

A value the inventory holds no row of is a zero only where the inventory can answer for it
(round 18 Q140, Q149). An inventory is of its years and regions: ``year=2021`` on a 2022
inventory, or ``region="聊城"`` on Shandong's, asks for emissions the inventory does not
know, not for none, and is refused naming the years (regions) it holds; a region name that
is one of them (山东 for CN-SD) is read as its code. Likewise a row or key no row has,
scope 3 (carbonpath accounts none), and any filter or gas that only process rows answer
(``product=``, ``category="process"``, ``use="process"``, ``gas="CF4"``) when no production
data was given. A category, use or technology that is no value carbonpath knows is refused
like a misspelt code; a known one the data lack (``category="heat"`` in a city without heat
rows) is a true zero. A known technology no row states, while rows of its product or fuel
state none (cwpb beside an aluminium row without a technology), warns
:class:`UnstatedTechnologyWarning`: their share is unknown, not zero (round 27 ZC90).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.activity.schema import CARRIER_USES, FUEL_USES
from carbonpath.codes import fuels, products, sectors
from carbonpath.errors import ArgumentValueError, CarbonpathWarning, line_label

__all__ = ["CATEGORIES", "PROCESS_GASES", "USES", "ExcludedRowsWarning",
           "UnstatedTechnologyWarning", "as_year", "check_filters", "check_one_region",
           "check_one_year", "check_process_gas", "check_scope", "warn_excluded_rows",
           "warn_unstated_technology", "with_subsectors"]


class ExcludedRowsWarning(CarbonpathWarning):
    """A total or breakdown is empty though rows match: all are outside (or inside) the total.

    ``inv.total('CO2', sector='industry', scope=2)`` under the provincial method is 0 t by
    the documented default (``in_total=True``: rows counted in the total), while the
    inventory holds industry's scope-2 row, reported but not counted (round 23 E108).
    """

SCOPES = (1, 2, 3)
#: The scopes carbonpath computes rows of (scope 3 is accepted by name but never held).
ACCOUNTED_SCOPES = (1, 2)
#: The categories of :attr:`Inventory.emissions`: a fuel row's use (``combustion``,
#: ``non_energy``, ``feedstock``, ``transformation_input``) and its biogenic CO2 memo
#: (``combustion``), process rows (``process_emissions``), and of an energy carrier
#: (``purchased``: electricity, heat, hydrogen) its consumption, net imports and generation.
CATEGORIES = (*FUEL_USES, "biogenic_co2_memo", "process", "generation",
              *(c for carrier in ("electricity", "heat", "hydrogen")
                for c in (carrier, f"{carrier}_net_import")))
#: The uses of the inventory's rows: the activity uses and ``process`` (production rows).
USES = (*FUEL_USES, *CARRIER_USES, "process")
#: Gases that only process rows (production data) carry.
PROCESS_GASES = ("CF4", "C2F6", "SF6")
#: Why a filter that only process rows answer needs production data.
_NO_PRODUCTION = ("no production data was given, so the inventory holds no process rows: "
                  "process emissions are unknown here, not zero; give production= "
                  "(compute_inventory) or --production (CLI)")


def check_scope(scope: Any, caller: str, frames: Sequence[pd.DataFrame] = ()) -> int | None:
    """``scope`` as an int of :data:`SCOPES`, or None for no scope filter.

    Parameters
    ----------
    scope : int, str or None
        The scope asked for.
    caller : str
        The method's name, for messages.
    frames : sequence of pandas.DataFrame
        The inventory's tables; their ``scope`` columns tell the scopes held.

    Raises
    ------
    ArgumentValueError
        A scope that is no whole number 1, 2 or 3 (``scope=5`` had matched no row and given
        a silent 0 t, round 13 G116); scope 3, which carbonpath does not account (round 18
        Q140: it had been a silent 0 t).
    """
    if scope is None:
        return None
    value = as_year(scope)  # the same int reading: 2, "2", 2.0
    if value not in SCOPES:
        msg = (f"Inventory.{caller}(scope={scope!r}): not a scope; valid: 1 (direct), "
               "2 (purchased electricity and heat) or 3 (other indirect), or None for all")
        raise ArgumentValueError(msg)
    held = _held(frames, "scope")
    if value not in ACCOUNTED_SCOPES and value not in held:
        shown = ", ".join(str(v) for v in sorted(held)) or "none"
        msg = (f"Inventory.{caller}(scope={value}): carbonpath accounts scopes 1 (direct) and "
               "2 (purchased electricity and heat) only; scope 3 (other indirect: goods "
               "bought, waste, travel outside the region) is not in the inventory, so its "
               f"emissions are unknown, not zero; the inventory's scopes: {shown}")
        raise ArgumentValueError(msg)
    return value


def check_process_gas(gas: str, no_production: bool, caller: str) -> None:
    """Refuse a gas that only process rows carry when no production data was given.

    Raises
    ------
    ArgumentValueError
        ``gas`` is one of :data:`PROCESS_GASES` (PFCs of aluminium smelting, SF6) and the
        inventory has no production rows: its total would be a silent 0 t (round 18 Q140).
    """
    if no_production and gas in PROCESS_GASES:
        msg = (f"Inventory.{caller}(gas={gas!r}): {gas} comes only from industrial processes "
               f"(production rows), and {_NO_PRODUCTION}")
        raise ArgumentValueError(msg)


def _held(frames: Sequence[pd.DataFrame], col: str) -> set[Any]:
    """The values of column ``col`` in the frames that have it (NaN and '' left out)."""
    present: set[Any] = set()
    for frame in frames:
        if col in frame.columns and len(frame):
            present.update(v for v in pd.unique(frame[col].astype(object)).tolist()
                           if v == v and v != "")
    return present


def warn_excluded_rows(caller: str, in_total: bool | None, matched: int, excluded: int,
                       value: float, unit: str, method: str, asked: str) -> None:
    """Warn when every row a selection matches is dropped by ``in_total`` (round 23 E108).

    Parameters
    ----------
    caller : str
        ``total``, ``by`` or ``energy_total``, for the message.
    in_total : bool or None
        The argument given (nothing is said for None: it drops no row).
    matched, excluded : int
        Rows kept with ``in_total`` applied, and rows matching every other filter that
        ``in_total`` dropped.
    value : float
        Their sum, in ``unit``.
    unit : str
        ``t CO2`` (the gas totalled) or ``tce`` (energy).
    method : str
        The inventory's method (which decides ``in_total``).
    asked : str
        The filters and scope given, as written (``"sector='industry', scope=2"``).

    Warns
    -----
    ExcludedRowsWarning
        When ``matched`` is 0 and ``excluded`` is not: the zero is of rows counted (or not
        counted) in the total, not of rows that exist; naming ``in_total=None``.
    """
    if in_total is None or matched or not excluded:
        return
    import warnings

    where = "outside" if in_total else "inside"
    warnings.warn(ExcludedRowsWarning(
        f"Inventory.{caller}({asked}) is empty (0 {unit}) by in_total={in_total}, but "
        f"{excluded} row(s) of {value:,.0f} {unit} match it {where} the total (in_total "
        f"{not in_total}; method '{method}'): pass in_total=None for every row, or "
        f"in_total={not in_total} for those rows only"),
        stacklevel=5)


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
                  caller: str, *, no_production: bool = False) -> dict[str, Any]:
    """Check and normalise the column filters of an inventory total.

    Parameters
    ----------
    filters : dict
        Column -> value or list of values.
    frames : sequence of pandas.DataFrame
        The inventory's tables the filters apply to.
    caller : str
        The method's name, for messages (``total``, ``by``, ``energy_total``).
    no_production : bool
        The inventory has no production rows (no production data was given).

    Returns
    -------
    dict
        The filters, each value a list; years as ints, region names as the codes held.

    Raises
    ------
    ArgumentValueError
        A year that is not a whole number; a value that no row has and that is no known
        code, category, use or technology (names the values the inventory has); a year,
        region, row or key the inventory holds no row of (its emissions are unknown, not
        zero: names what it holds); a filter only process rows answer without production
        data.

    Notes
    -----
    A sector value is widened to the sector and its sub-sectors (:func:`with_subsectors`).
    """
    out: dict[str, Any] = {}
    for col, want in filters.items():
        values = list(want) if isinstance(want, (list, tuple, set)) else [want]
        present = _held(frames, col)
        if col == "year":
            values = _years(values, present, caller)
        elif col == "region":
            values = _regions(values, present, caller)
        elif col in _CODES:
            codes = _CODES[col]()
            resolved = [v if v in present or not isinstance(v, str) else codes.resolve(v)
                        for v in values]  # an alias (原煤) is its code (raw_coal)
            unknown = [v for v, r in zip(values, resolved, strict=True)
                       if r is None or (r not in present and not isinstance(r, str))]
            if unknown:
                _refuse(caller, col, unknown[0], f"not a {col} code; "
                        f"{codes.valid_text(str(unknown[0]))}", present)
            if col == "product" and no_production:
                _refuse(caller, col, values[0], _NO_PRODUCTION, present)
            values = with_subsectors(resolved) if col == "sector" else resolved
        elif col in ("category", "use", "technology"):
            known = _vocabulary(col)
            unknown = [v for v in values if v not in present and v not in known]
            if unknown:
                _refuse(caller, col, unknown[0], f"not a {col} carbonpath knows; valid: "
                        f"{', '.join(sorted(str(k) for k in known if k))}", present)
            if no_production and "process" in values and col != "technology":
                _refuse(caller, col, "process", _NO_PRODUCTION, present)
            if col == "technology":  # round 27 ZC90: cwpb on an aluminium row without one
                warn_unstated_technology(caller, [v for v in values if v not in present],
                                         frames)
        elif col in ("row", "key"):
            missing = [v for v in values if v not in present]
            if missing:
                _refuse(caller, col, missing[0], f"the inventory holds no {col} "
                        f"{missing[0]!r}", present)
        out[col] = values
    return out


class UnstatedTechnologyWarning(CarbonpathWarning):
    """A technology no row states, while rows of its product or fuel state none (ZC90).

    ``inv.total(gas="CO2", technology="cwpb")`` gave 0 t for an inventory whose primary
    aluminium (prebake) row has a blank technology: the aluminium may all be cwpb, so the
    zero counts none of it without a word (round 27 ZC90).
    """


def warn_unstated_technology(caller: str, values: list[Any],
                             frames: Sequence[pd.DataFrame]) -> None:
    """Warn of a technology filter no row holds while rows it may describe state none.

    Parameters
    ----------
    caller : str
        The method's name, for the message.
    values : list
        The technology values asked for that no row of the inventory holds.
    frames : sequence of pandas.DataFrame
        The inventory's tables (columns ``fuel``, ``product``, ``technology``, ``row``).

    Warns
    -----
    UnstatedTechnologyWarning
        Naming the technology, the product or fuel it is a technology of (the bundled
        factor tables' rows of it) and the inventory's rows of that item with a blank
        technology, whose share of it is unknown. Quiet when the inventory holds no row of
        such an item, or only rows stating another technology (a true zero).
    """
    if not values:
        return
    from carbonpath.factors import bundled_factors

    rows = bundled_factors().rows
    for tech in values:
        items = set(rows.loc[rows["technology"].astype(str) == str(tech), "item"].astype(str))
        blank: dict[str, list[str]] = {}
        for frame in frames:
            if not len(frame) or "technology" not in frame.columns:
                continue
            stated = frame["technology"].astype(object).fillna("").astype(str) != ""
            for col in ("fuel", "product"):
                if col not in frame.columns:
                    continue
                mask = frame[col].astype(str).isin(items).to_numpy() & ~stated.to_numpy()
                for item, row in zip(frame.loc[mask, col], frame.loc[mask, "row"]
                                     if "row" in frame.columns else [""] * int(mask.sum()),
                                     strict=True):
                    where = "production data" if col == "product" else "activity data"
                    blank.setdefault(f"{item} ({where}", []).append(str(line_label(row)))
        if not blank:
            continue
        said = "; ".join(f"{item} row {', '.join(dict.fromkeys(r))})"
                         for item, r in sorted(blank.items()))
        warnings.warn(UnstatedTechnologyWarning(
            f"Inventory.{caller}(technology={tech!r}): no row of the inventory states "
            f"{tech}, but its rows of {said} state no technology, so how much of them is "
            f"{tech} is unknown and the total counts none of it; give those rows "
            "their technology (the input's technology column) for totals by technology"),
            stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside carbonpath, seen from the caller.

    ``total``, ``by`` and ``energy_total`` reach the warning through different depths.
    """
    import os
    import sys

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _refuse(caller: str, col: str, value: Any, why: str, present: set[Any]) -> None:
    """Raise the ArgumentValueError of one filter value, naming the values held."""
    held = sorted(present, key=lambda p: (not isinstance(p, (int, np.integer)), p if
                                          isinstance(p, (int, np.integer)) else str(p)))
    shown = ", ".join(str(p) for p in held[:20]) + (f" ... ({len(held)} values)"
                                                    if len(held) > 20 else "")
    msg = (f"Inventory.{caller}({col}={value!r}): {why}; the inventory's {col} values: "
           f"{shown or 'none'}")
    raise ArgumentValueError(msg)


def _vocabulary(col: str) -> set[str]:
    """The values carbonpath knows of a category, use or technology column."""
    if col == "category":
        return set(CATEGORIES)
    if col == "use":
        return set(USES)
    from carbonpath.factors import bundled_factors

    return {str(t) for t in bundled_factors().rows["technology"].dropna()}


def _years(values: list[Any], present: set[Any], caller: str) -> list[int]:
    """The year filter's values as ints, each one the inventory holds.

    Raises
    ------
    ArgumentValueError
        A value that is no year; a year the inventory holds no row of (round 18 Q140:
        ``year=2021`` on a 2022 inventory had given a silent 0 t).
    """
    years = [as_year(v) for v in values]
    held = sorted({int(y) for y in present if as_year(y) is not None})
    shown = ", ".join(str(y) for y in held)
    bad = [v for v, y in zip(values, years, strict=True) if y is None]
    if bad:
        msg = (f"Inventory.{caller}(year={bad[0]!r}): a year is an int (e.g. 2022); "
               f"the inventory has {shown}")
        raise ArgumentValueError(msg)
    missing = [y for y in years if held and y not in held]
    if missing:
        y = missing[0]
        msg = (f"Inventory.{caller}(year={y}): the inventory holds no row of {y}, only of "
               f"{shown}: its figures of {y} are unknown, not zero; give year={held[-1]}, or "
               f"compute an inventory from {y}'s activity data")
        raise ArgumentValueError(msg)
    return [int(y) for y in years if y is not None]


def _regions(values: list[Any], present: set[Any], caller: str) -> list[Any]:
    """The region filter's values as the codes the inventory holds.

    A region code, name or alias of ``factors/regions.csv`` that names a held region is
    read as its code (山东 -> CN-SD).

    Raises
    ------
    ArgumentValueError
        A region the inventory holds no row of (round 18 Q149: ``region="聊城"`` on a
        Shandong inventory had given a silent 0 t); the message says how it stands to the
        held regions (a part of one, containing one, another region, or no region).
    """
    if not present:
        return values
    out = []
    for v in values:
        if v in present:
            out.append(v)
            continue
        from carbonpath.factors import bundled_factors

        regions = bundled_factors().regions
        code = regions.resolve(v)
        if code in present:
            out.append(code)
            continue
        held = sorted(str(p) for p in present)
        if code is None:
            why = f"no region code or name ({regions.valid_text(str(v))})"
        else:
            above = [h for h in held if h in regions.chain(code)[1:]]
            below = [h for h in held if h in regions.chains.get(h, ()) and
                     code in regions.chain(h)[1:]]
            name = code if code == v else f"{v} ({code})"
            if above:
                why = (f"{name} is a part of {above[0]}: this inventory is {above[0]}'s as a "
                       f"whole and holds no rows of {code}; compute {code}'s inventory from "
                       "its own activity data")
            elif below:
                why = (f"{name} contains {below[0]}: this inventory covers {below[0]} only, "
                       f"not the whole of {code}")
            else:
                why = f"{name} is another region than the inventory's"
        msg = (f"Inventory.{caller}(region={v!r}): {why}; its emissions are unknown here, not "
               f"zero; the inventory's regions: {', '.join(held)}")
        raise ArgumentValueError(msg)
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
