"""User factor rows that no lookup of an inventory can use (issue 11, rounds 6 and 14).

A lookup asks for a factor by item, IPCC category of the activity row's sector, technology,
region and year. A user row whose key no activity or production row asks for is never used,
and the bundled factor applies in its place without a word: a raw-coal bundle written for
``1A4b`` (residential) while raw coal burns only in industry (``1A2``, round 14 I79), a
technology no row names (I81), a row for a region the inventory does not fall under (round 6
FX06, I77).

* :func:`refuse_unknown_technologies`: a technology that no activity or production row names
  and no bundled table has is an unknown code, refused like an unknown code in activity data
  (:class:`~carbonpath.errors.DataError` naming file, row, column ``technology``, the code and
  the closest known ones). Unknown items, gases, sectors and regions are already refused when
  the table is read (:mod:`carbonpath.factors.validate`).
* :func:`warn_unused_user_rows`: known codes that no row of this inventory asks for (a region
  above the inventory's, a sector or technology no activity row of that item has) are named in
  one :class:`~carbonpath.errors.CarbonpathWarning`, each with its file, line and why.

A row is judged by its key only, not by its quantity: a CH4 factor for a sector whose fuel is
only used as feedstock is reached by the key and not named. An item that no activity or
production row of the inventory has is not named either: a full user table gives factors for
fuels a city may not burn.

Of the items a lookup asks for besides fuel and product codes
(:data:`~carbonpath.factors.columns.LOOKUP_ITEMS`), the fuel groups ``coal``, ``oil``,
``gas`` are asked for by every fuel of the group (gross-to-net ratios) and not judged. The
grid variants (:data:`GRID_VARIANTS`: the MEE factor without market-traded non-fossil power,
the fossil-only factor) are looked up by nothing of an inventory, which prices its
electricity with item ``electricity`` (round 17, O42: a user's
``electricity_excl_market_nonfossil`` row meant to price the city's power was read and
ignored, exit 0). A row of one is named when the inventory has electricity rows in its
region's reach, saying to give it item ``electricity``.

* :func:`warn_other_basis_coal_rates`: a user ``coal_rate`` row of the other basis than the
  one chosen (``generation`` while ``coal_rate_basis='supply'``) for a region and year the
  coal-consumption method prices with a bundled rate (round 20 W120: Shandong's own 285
  gce/kWh generation rate unused, the national 300.7 supply rate applied without a word).
"""

from __future__ import annotations

import difflib
import warnings

import pandas as pd

from carbonpath.codes import fuels, sectors
from carbonpath.errors import CarbonpathWarning, DataError, Problem, line_label
from carbonpath.factors.columns import LOOKUP_ITEMS
from carbonpath.factors.rules import _prefixes, ipcc_category

__all__ = ["GRID_VARIANTS", "refuse_unknown_technologies", "warn_other_basis_coal_rates",
           "warn_unused_user_rows"]

GRID_VARIANTS = tuple(i for i in LOOKUP_ITEMS if i.startswith("electricity_"))
"""Grid-factor variants of :data:`~carbonpath.factors.columns.LOOKUP_ITEMS` that no lookup of
an inventory asks for (module docstring)."""

_SHOWN = 5
"""Rows named in the warning (the rest are counted)."""


def _user_rows(table) -> pd.DataFrame:
    """The user rows (``layer`` 0) of a factor table with a region, else an empty frame."""
    rows = table.rows
    if "layer" not in rows or not (rows["layer"] == 0).any():
        return rows.iloc[:0]
    return rows[(rows["layer"] == 0) & rows["region"].notna()]


def _asked(activity: pd.DataFrame, production: pd.DataFrame | None) -> pd.DataFrame:
    """The distinct keys the inventory's rows ask for.

    Returns
    -------
    pandas.DataFrame
        Columns ``item``, ``region``, ``category`` (the IPCC category a lookup walks up from;
        '' for carriers and products, whose factors are looked up without a sector),
        ``sector`` (carbonpath code, for messages), ``technology`` and ``kind`` (``fuel``,
        ``carrier`` or ``product``).
    """
    parts = []
    cols = ["region", "sector", "fuel", "technology"]
    if len(activity) and set(cols) <= set(activity.columns):
        act = activity[cols].astype(object).drop_duplicates()
        for region, sector, fuel, tech in act.itertuples(index=False):
            carrier = fuels().attr(str(fuel), "group") == "carrier"
            category = "" if carrier else ipcc_category(sector)
            parts.append((str(fuel), region, category, str(sector), _text(tech),
                          "carrier" if carrier else "fuel"))
    if production is not None and len(production) and {"region", "product"} <= set(
            production.columns):
        techs = production.get("technology", "")
        prod = pd.DataFrame({"region": production["region"].astype(object),
                             "product": production["product"].astype(object),
                             "technology": techs}).drop_duplicates()
        for region, product, tech in prod.itertuples(index=False):
            parts.append((str(product), region, "", "", _text(tech), "product"))
    return pd.DataFrame(parts, columns=["item", "region", "category", "sector", "technology",
                                        "kind"])


def _text(value) -> str:
    """A cell as text, '' for a missing one."""
    return "" if value is None or value != value else str(value)


def refuse_unknown_technologies(table, activity: pd.DataFrame,
                                production: pd.DataFrame | None = None) -> None:
    """Refuse user factor rows whose technology no row names and no bundled table has.

    Parameters
    ----------
    table : FactorTable
        The factor table; user rows have ``layer`` 0 with their ``file`` and ``line``.
    activity : pandas.DataFrame
        Activity rows (:attr:`carbonpath.accounting.Activity.data`), with ``technology``.
    production : pandas.DataFrame, optional
        Production rows (:attr:`carbonpath.accounting.Production.data`).

    Raises
    ------
    DataError
        One problem per such row: file, line, column ``technology``, the code and the
        closest known technologies (those of the bundled tables and of the inventory's rows).
    """
    user = _user_rows(table)
    user = user[user["technology"].astype(str) != ""]
    if not len(user):
        return
    rows = table.rows
    bundled = rows[(rows["layer"] != 0) & (rows["technology"].astype(str) != "")]
    known_by_item: dict[str, set[str]] = {}
    for item, tech in zip(bundled["item"].astype(str), bundled["technology"].astype(str),
                          strict=True):
        known_by_item.setdefault(item, set()).add(tech)
    for frame in (activity, production):
        if frame is None or "technology" not in frame or not len(frame):
            continue
        col = "fuel" if "fuel" in frame else "product"
        for item, tech in frame[[col, "technology"]].astype(object).drop_duplicates().itertuples(
                index=False):
            if _text(tech):
                known_by_item.setdefault(str(item), set()).add(str(tech))
    known = sorted({t for ts in known_by_item.values() for t in ts})
    problems = []
    for r in user.itertuples(index=False):
        tech = str(r.technology)
        if tech in known:
            continue
        own = sorted(known_by_item.get(str(r.item), set()))
        near = difflib.get_close_matches(tech, own or known, n=3, cutoff=0.6)
        head = f"did you mean {', '.join(near)}? " if near else ""
        listed = (f"technologies of {r.item}: {', '.join(own)}" if own else
                  f"no row of this inventory and no bundled table has a technology of "
                  f"{r.item}; known technologies: {', '.join(known) or 'none'}")
        problems.append(Problem(
            f"unknown technology '{tech}' ({r.item} {r.quantity}): no activity or production "
            "row names it and no bundled factor table has it, so no lookup would ever use "
            "this row and the bundled factor would apply instead",
            file=str(r.file), row=line_label(r.line), column="technology", value=tech,
            valid=f"{head}{listed}; a blank technology applies to every row of {r.item}"))
    DataError.collect(problems, "user factors")


def warn_unused_user_rows(table, activity: pd.DataFrame,
                          production: pd.DataFrame | None = None,
                          asker: str = "activity row", scope: str = "inventory") -> None:
    """Warn of user factor rows that no row of this inventory asks for, saying why.

    A row is never used when its region is none the inventory's regions fall under (a
    factor applies to its region and the regions below it), or when the inventory has rows
    of its item in its reach but none with its sector (its IPCC category or one below it;
    carriers and products are looked up without a sector) or its technology.

    Parameters
    ----------
    table : FactorTable
        The factor table; user rows have ``layer`` 0 with their ``file`` and ``line``.
    activity : pandas.DataFrame
        Activity rows (:attr:`carbonpath.accounting.Activity.data`): ``region``, ``sector``,
        ``fuel``, ``technology``.
    production : pandas.DataFrame, optional
        Production rows (:attr:`carbonpath.accounting.Production.data`).
    asker : str
        What asks for the factors, for messages (``activity row``; the model passes
        ``model technology``).
    scope : str
        What the rows make up, for messages (``inventory``; the model passes ``model``).

    Warns
    -----
    CarbonpathWarning
        ``N user factor row(s) are never used``, naming the file, line and reason of each
        (up to five) and what would be valid.
    """
    user = _user_rows(table)
    if not len(user):
        return
    asked = _asked(activity, production)
    codes = sorted({str(r) for r in pd.unique(asked["region"]) if r is not None and r == r})
    chains = {c: set(table.regions.chain(table.regions.resolve(c)))
              for c in codes if table.regions.resolve(c) is not None}
    reach = set().union(*chains.values()) if chains else set()
    if not reach:
        return
    lost_region, lost_key, lost_item = [], [], []
    by_item = dict(list(asked.groupby("item", sort=False)))
    power = by_item.get("electricity", asked.iloc[:0])
    seen: dict[tuple, str] = {}  # one judgement per key (a series of years shares it)
    for r in user.itertuples(index=False):
        if r.region not in reach:
            lost_region.append(f"{r.file} line {r.line} (region {r.region}, {r.item})")
            continue
        if str(r.item) in GRID_VARIANTS:
            if any(r.region in chains.get(str(c), ()) for c in power["region"]):
                lost_item.append(f"{r.file} line {r.line} ({r.item})")
            continue
        key = (str(r.item), r.region, str(r.sector), str(r.technology))
        if key not in seen:
            seen[key] = _why_unused(r, by_item.get(key[0], asked.iloc[:0]), chains, asker)
        why = seen[key]
        if why:
            lost_key.append(f"{r.file} line {r.line} ({why})")
    lost = lost_region + lost_key + lost_item
    if not lost:
        return
    more = f" and {len(lost) - _SHOWN} more" if len(lost) > _SHOWN else ""
    tail = []
    if lost_region:
        tail.append(f"the {scope} covers {', '.join(codes)}, whose factors come from regions "
                    f"{', '.join(sorted(reach))} (a factor applies to its region and the "
                    f"regions below it); give the row the region of the {scope}, or run the "
                    f"{scope} for that region")
    if lost_key:
        tail.append(f"a row applies to a {asker} of its item with its sector's IPCC "
                    "category (or one below it) and its technology; give the row a sector and "
                    f"technology that a {asker} of the item has, or leave them blank (every "
                    f"{asker} of the item); the bundled factor applies meanwhile")
    if lost_item:
        tail.append(f"the {scope} prices grid electricity with item electricity only; "
                    f"{', '.join(GRID_VARIANTS)} are looked up by nothing of it: to price the "
                    "region's electricity with such a factor, give the row item electricity")
    warnings.warn(f"{len(lost)} user factor row(s) are never used: {'; '.join(lost[:_SHOWN])}"
                  f"{more}; {'; '.join(tail)}", CarbonpathWarning, stacklevel=3)


def _why_unused(row, asked: pd.DataFrame, chains: dict[str, set[str]], asker: str) -> str:
    """Why no key asked for reaches a user row of a reached region ('' if one does).

    ``asked`` holds the keys of the row's item only.
    """
    item = str(row.item)
    if item in LOOKUP_ITEMS or not len(asked):
        return ""  # group items (gross-to-net ratios) are asked for by every fuel of the group
    mine = asked[[row.region in chains.get(str(c), ()) for c in asked["region"]]]
    if not len(mine):
        return ""  # the inventory has no row of this item there: not a lookup it makes
    sector, tech = str(row.sector), str(row.technology)
    sector_ok = mine["category"].map(lambda c: sector in _prefixes(c)) if sector else (
        pd.Series(True, index=mine.index))
    tech_ok = (mine["technology"] == tech) if tech else pd.Series(True, index=mine.index)
    if (sector_ok & tech_ok).any():
        return ""
    kind = mine["kind"].iloc[0]
    if not sector_ok.any():
        if kind != "fuel":
            what = "process factors" if kind == "product" else "grid and heat factors"
            return (f"{item}, sector {sector}: {what} are looked up without a sector, so only a "
                    "row with a blank sector applies")
        have = sorted({f"{c} ({_sector_names(c, mine)})" if c else "no category"
                       for c in mine["category"]})
        return (f"{item}, sector {sector} ({_category_names(sector)}): no {asker} of "
                f"{item} has sector {sector} or one below it; they have {', '.join(have)}")
    have = sorted({t or "none" for t in mine.loc[sector_ok, "technology"]})
    where = f" with sector {sector}" if sector else ""
    noun = "production row" if kind == "product" else asker
    return (f"{item}, technology {tech}: no {noun} of {item}{where} has technology {tech}; "
            f"they have technology {', '.join(have)}")


def _sector_names(category: str, mine: pd.DataFrame) -> str:
    """The inventory's sectors of one IPCC category, for messages."""
    return ", ".join(sorted(set(mine.loc[mine["category"] == category, "sector"])))


def _category_names(category: str) -> str:
    """The carbonpath sectors an IPCC category (or a category above them) covers."""
    names = sorted(s for s, c in sectors().column("ipcc_category").items()
                   if c and category in _prefixes(c))
    return ", ".join(names[:4]) + (" ..." if len(names) > 4 else "") if names else "no sector"


def warn_other_basis_coal_rates(table, regions_years: list[tuple[str, int, int]],
                                basis: str) -> None:
    """Warn of user coal rates of the other basis where a bundled rate of ``basis`` applies.

    Parameters
    ----------
    table : FactorTable
        The factor table; user rows have ``layer`` 0 with their ``file`` and ``line``.
    regions_years : list of (str, int, int)
        ``(region, year, row_id)`` of each key the coal-consumption method priced, with the
        table row of the rate it applied.
    basis : {"supply", "generation"}
        The chosen ``coal_rate_basis``.

    Warns
    -----
    CarbonpathWarning
        Naming each user row (file, line, basis, region, year) beside the bundled rate
        applied, and the option that would use it (``--coal-rate-basis`` /
        ``coal_rate_basis=``).
    """
    user = _user_rows(table)
    user = user[(user["item"] == "electricity") & (user["quantity"] == "coal_rate")
                & (user["basis"] != basis)]
    if not len(user):
        return
    named: dict[tuple, str] = {}
    for region, year, rid in regions_years:
        applied = table.rows.iloc[rid]
        if applied["layer"] == 0:
            continue  # a user rate of the chosen basis applies: the other one is deliberate
        chain = set(table.regions.chain(table.regions.resolve(region) or region))
        when = "" if applied["year"] < 0 else f" {applied['year']}"
        bundled = (f"the bundled {applied['basis']}-basis rate {applied['value']:g} "
                   f"{applied['unit']} ({applied['region']}{when}) applies")
        for r in user.itertuples(index=False):
            if r.region in chain and (r.year < 0 or r.year <= year):
                own = "" if r.year < 0 else f", {r.year}"
                named.setdefault((r.file, r.line), (
                    f"{r.file} line {r.line} ({r.value:g} {r.unit}, {r.basis} basis, region "
                    f"{r.region}{own}) for {region} {year}, where {bundled}"))
    if named:
        other = "generation" if basis == "supply" else "supply"
        warnings.warn(
            f"user coal rate row(s) of another basis are not used: {'; '.join(named.values())}"
            f"; the coal-rate basis chosen, {basis} (--coal-rate-basis, coal_rate_basis=), "
            f"takes {basis}-basis rates only: the basis {other} would use the row, or give a "
            f"{basis}-basis rate of your own", CarbonpathWarning, stacklevel=4)
