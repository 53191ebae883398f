"""Production rows of a year or region the activity does not have (round-10 A11, A83).

Production data of 2021 (a ``year`` column) beside 2022 activity, or of ``CN-ZJ`` or the
parent province beside Liaocheng's activity, made an inventory of two years or regions whose
process CO2 belonged to neither; the CLI then refused it with API advice about ``by()``.
:func:`check_production_keys` names the production file, row and column instead.
"""

from __future__ import annotations

import warnings

import pandas as pd

from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["FEEDSTOCK_CARBON_CATEGORIES", "PRODUCT_SECTORS", "FeedstockCarbonWarning",
           "carries_fuel_carbon", "check_production_keys", "product_sector",
           "warn_feedstock_without_product", "warn_one_sided_production"]


class FeedstockCarbonWarning(CarbonpathWarning):
    """Feedstock carbon that no product of its sector reports: it appears in no total."""


FEEDSTOCK_CARBON_CATEGORIES = ("2B1", "2C1", "2C3")
"""IPCC categories of products whose process CO2 is carbon of a fuel or carbon material the
sector takes in, so that a ``feedstock`` row's carbon can be reported with them: ammonia
(2B1; IPCC 2006 Vol.3 Ch.3 Eq. 3.1, total fuel requirement x carbon content), iron and steel
(2C1; Vol.3 Ch.4 Table 4.1: the Tier 1 factors hold the carbon of coke, coal and electrodes)
and primary aluminium (2C3; Vol.3 Ch.4 Table 4.10: the carbon anodes consumed). Cement
clinker, lime, glass and soda ash (2A) emit carbonate carbon, nitric and adipic acid (2B2,
2B3) N2O: none carries fuel carbon (round 18, Q76)."""

PRODUCT_SECTORS = {"2A": "non_metallic_minerals", "2B": "chemicals", "2C1": "ferrous_metals",
                   "2C": "non_ferrous_metals"}
"""IPCC category prefix of a product (``data/products.csv``) -> the industry sub-sector that
makes it (GB/T 4754: minerals 2A, chemicals 2B, iron and steel 2C1, other metals 2C2-2C7);
the longest matching prefix wins."""


def check_production_keys(activity: pd.DataFrame, production: pd.DataFrame,
                          source: str) -> None:
    """Refuse production rows whose year or region no activity row has.

    Parameters
    ----------
    activity : pandas.DataFrame
        The activity table (``year``, ``region`` columns, region codes resolved).
    production : pandas.DataFrame
        The production table (``row``, ``year``, ``region``).
    source : str
        The production file's name, for the message.

    Raises
    ------
    DataError
        One problem per column (``year``, ``region``) naming the first such production row,
        its value and the activity's values.
    """
    problems = []
    for col in ("year", "region"):
        if col not in activity.columns or col not in production.columns or activity.empty:
            continue
        have = {str(v) for v in pd.unique(activity[col].astype(str))}
        values = production[col].astype(str).to_numpy()
        bad = [i for i, v in enumerate(values) if v not in have]
        if not bad:
            continue
        i = bad[0]
        row = production["row"].iloc[i] if "row" in production.columns else None
        more = f" ({len(bad)} rows)" if len(bad) > 1 else ""
        problems.append(Problem(
            f"production {col} {values[i]}{more} is not a {col} of the activity data: its "
            f"process CO2 would form an inventory {col} of its own, beside the activity's",
            file=source, row=row, column=col, value=values[i],
            valid=f"the activity's {col}: {', '.join(sorted(have))} (or leave the column out: "
            f"the {col} given, --{col} or {col}=, applies)"))
    if problems:
        raise DataError(problems, source)


def carries_fuel_carbon(product: str) -> bool:
    """Whether a product's process CO2 holds fuel carbon (:data:`FEEDSTOCK_CARBON_CATEGORIES`)."""
    from carbonpath.codes import products

    return str(products().attr(str(product), "ipcc_category") or "").startswith(
        FEEDSTOCK_CARBON_CATEGORIES)


def product_sector(product: str) -> str:
    """The industry sub-sector that makes a product (:data:`PRODUCT_SECTORS`), or ''."""
    from carbonpath.codes import products

    return _product_sector(str(products().attr(str(product), "ipcc_category") or ""))


def _product_sector(category: str) -> str:
    """The sector of an IPCC category (:data:`PRODUCT_SECTORS`, longest prefix), or ''."""
    best = ""
    for prefix in PRODUCT_SECTORS:
        if category.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return PRODUCT_SECTORS.get(best, "")


def warn_feedstock_without_product(activity: pd.DataFrame, production: pd.DataFrame | None,
                                   source: str) -> None:
    """Warn of feedstock rows whose carbon no production row reports.

    A ``feedstock`` row's carbon is left out of combustion: it is reported under industrial
    processes by the products made of it (ammonia from gas, steel from coke). Without
    production data it appears in no total; with production data but no product of the row's
    industry sub-sector (feedstock gas in ``chemicals`` and only cement given) neither
    (round 12, E03), nor in a sub-sector that makes no product of ``products.csv``
    (``paper``). Only a product whose process CO2 holds fuel carbon
    (:data:`FEEDSTOCK_CARBON_CATEGORIES`) counts: feedstock coal in
    ``non_metallic_minerals`` beside clinker and lime, whose process CO2 is carbonate carbon,
    appears in no total either (round 18, Q76). Feedstock under ``industry`` itself, or a
    sector outside industry's sub-sectors (a fuel-making transformation sector), is matched
    by any product. How much carbon the products can hold is compared by
    :func:`carbonpath.accounting.plausible_carbon.warn_feedstock_beyond_products`.

    Parameters
    ----------
    activity : pandas.DataFrame
        Validated activity rows (``row``, ``sector``, ``fuel``, ``use``).
    production : pandas.DataFrame or None
        Validated production rows (``product``), or None when none were given.
    source : str
        The activity file's name, for the message.

    Warns
    -----
    FeedstockCarbonWarning
        Once without production data; otherwise once per sector without a product carrying
        fuel carbon, naming the rows and the products that sector could report.
    """
    from carbonpath.accounting.activity.uses import _NO_FUEL_CARBON  # round 29 ZE74
    from carbonpath.codes import products, sectors

    rows = activity[(activity["use"] == "feedstock").to_numpy()]
    if rows.empty:
        return
    if production is None:
        warnings.warn("activity has feedstock rows (their carbon is reported under industrial "
                      "processes) but no production data was given: that carbon appears in no "
                      "total; pass production=...", FeedstockCarbonWarning, stacklevel=3)
        return
    pl = products()
    given = production["product"].astype(str).unique()
    made = {product_sector(p) for p in given if carries_fuel_carbon(p)}
    sl = sectors()
    for sector in sorted(rows["sector"].astype(str).unique()):
        if sl.attr(sector, "parent") != "industry" or sector in made:
            continue  # industry itself, or a sector outside it, is matched by any product
        mine = rows[(rows["sector"].astype(str) == sector).to_numpy()]
        could = [c for c in pl.codes if product_sector(c) == sector and carries_fuel_carbon(c)]
        labels = ", ".join(str(r) for r in mine["row"].tolist()[:5])
        other = sorted(p for p in given if product_sector(p) == sector)
        if could:
            lacking = f"the production data has none of them ({', '.join(could)})"
        elif any(product_sector(c) == sector for c in pl.codes):
            lacking = ("carbonpath has no product of this sector whose process CO2 holds "
                       "fuel carbon" + (f" ({', '.join(other)} emit carbonate carbon or N2O)"
                                        if other else ""))
        else:
            lacking = "carbonpath has no product made in this sector"
        warnings.warn(
            f"{source}: feedstock rows of {sector} ({sl.attr(sector, 'name_en')}; row(s) "
            f"{labels}) leave their carbon to the sector's industrial products, but "
            f"{lacking}: that carbon appears in no total; "
            + ("add the product's production row, or book the fuel as combustion" if could
               else "book the fuel as combustion (burned)" + (
                   "" if sector in _NO_FUEL_CARBON else " or non_energy (stored in a "
                                                        "product)")),
            FeedstockCarbonWarning, stacklevel=3)


def warn_one_sided_production(process: tuple[pd.DataFrame, pd.DataFrame],
                              sources: tuple[str, str], years: tuple[int, int]) -> None:
    """Warn when only one of two inventories compared has production data.

    A decomposition of a start inventory computed with production data and an end inventory
    without (or the reverse) reads the whole process CO2 of the one as a change: it rises
    from, or falls to, nothing (round 18 Q181). It may be right (the only clinker plant
    closed), so it warns rather than refuses.

    Parameters
    ----------
    process : tuple of two pandas.DataFrame
        The inventories' process rows (empty without production data).
    sources : tuple of two str
        The inventories' activity sources, for the message.
    years : tuple of two int
        Their years.

    Warns
    -----
    CarbonpathWarning
        Naming the inventory without production rows and the two readings.
    """
    has = [len(p) > 0 for p in process]
    if has[0] == has[1]:
        return
    with_p, without = (0, 1) if has[0] else (1, 0)
    warnings.warn(
        f"the {years[with_p]} inventory ({sources[with_p]}) has process emissions (production "
        f"data) and the {years[without]} inventory ({sources[without]}) none: the process "
        f"effect is its whole process CO2 {'falling to' if with_p == 0 else 'rising from'} "
        f"zero; if {years[without]}'s industry made those products, compute its inventory "
        "with that year's production data too (compute_inventory(production=...), or "
        "decompose --production START END); if the plants closed, this is right",
        CarbonpathWarning, stacklevel=3)
