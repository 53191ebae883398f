"""Process CO2 made of fuel carbon against the carbon its sector's fuels hold (round 11).

Ammonia's process CO2 (IPCC 2006 Vol.3 Ch.3 Eq. 3.1) is the carbon of the fuel the plant
takes in (gas or coal, feedstock and process fuel alike) leaving as CO2. A plant cannot emit
more of it than the fuels delivered to its sector carry: a carbon balance. A production row
ten times too large (ammonia 250 万吨 for 25, round 11 C111) gave 5.3 Mt of process CO2
beside 1.4 Mt of carbon in all the fuels of the chemicals sector, and nothing looked at it.

:func:`carbon_balance_problems` compares, per year, region and sector, the process CO2 of
the products of :data:`FUEL_CARBON_CATEGORIES` with the most CO2 the sector's fuel rows
could release: each row's energy (TJ) times the upper end of its fuel's plausible CO2
factor per TJ (``factors/plausible_ranges.csv``: IPCC 2006 Vol.2 Ch.1 Table 1.4 upper values
widened by 5 %; 300 t CO2/TJ for a fuel without a range of its own). Every fuel row counts
(combustion, feedstock, non-energy use), so process fuel that an inventory also books as
combustion leaves the bound loose, never wrong; rows of the sector, its sub-sectors and the
sectors above it count (the carbon of a plant may be booked under ``industry``). A sector
without fuel rows is not compared (an inventory of electricity only says nothing of carbon).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.accounting.production_keys import FeedstockCarbonWarning
from carbonpath.errors import Problem


class CombustedFeedstockWarning(FeedstockCarbonWarning):
    """Fuel booked as combustion whose carbon a product's process CO2 also holds (round 21)."""

__all__ = ["FEEDSTOCK_MARGIN", "FUEL_CARBON_CATEGORIES", "ROUTE_FEEDSTOCK", "ROUTE_FUELS",
           "CombustedFeedstockWarning", "carbon_balance_problems", "sector_carbon",
           "warn_feedstock_beyond_products", "warn_route_against_feedstock",
           "warn_route_fuel_burned", "written_values"]

FEEDSTOCK_MARGIN = 1.5
"""Most feedstock CO2 of a sector per t of process CO2 of its fuel-carbon products before
:func:`warn_feedstock_beyond_products` warns. The Tier 1 factors count the carbon of all
the fuel a product takes (IPCC 2006 Vol.3 Eq. 3.1 for ammonia: feedstock and process fuel
alike; Table 4.1 for steel: coke and coal), so the feedstock alone holds at most that much;
the margin covers plants less efficient than the default (partial oxidation, 42.5 GJ/t NH3
in Table 3.1 against the 37.5 GJ/t of the default factor, 1.13 times). Coal-based ammonia
booked without its technology (3.646 against the 2.104 t CO2/t of gas) exceeds it, rightly:
its process CO2 is then too small (round 18, Q113)."""

FUEL_CARBON_CATEGORIES = ("2B1",)
"""IPCC categories whose process CO2 is carbon of a fuel the sector takes in: ammonia
(2B1; IPCC 2006 Vol.3 Ch.3 Eq. 3.1, total fuel requirement x carbon content x 44/12).
Iron and steel (2C1) and aluminium anodes (2C3) also burn carbon, but from coke and anodes
that city data often leave out of the sector's rows (bought anodes, coke made elsewhere),
so they are not bounded here (docs/activity.md, "What the checks cannot see")."""


def sector_carbon(process: pd.DataFrame, energy: pd.DataFrame) -> list[tuple]:
    """Per year, region and sector: its fuel-carbon products and the carbon its fuels hold.

    Parameters
    ----------
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``row``, ``CO2``
        in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``fuel``, ``row``,
        ``energy_TJ`` in TJ).

    Returns
    -------
    list of (year, region, sector, rows, held, fuel_rows)
        ``rows``: the process rows (named tuples) of products of
        :data:`FUEL_CARBON_CATEGORIES` with positive CO2 whose route's sector is ``sector``;
        ``held``: the most CO2 (t) the fuel rows of the sector, its sub-sectors and the
        sectors above it could release; ``fuel_rows``: those rows (with ``co2_max``, t).
        Sectors without fuel rows are left out.
    """
    from carbonpath.accounting.plausible_production import _chain, route_intensity
    from carbonpath.codes import products

    if process.empty or energy.empty or "CO2" not in process.columns:
        return []
    cats = {str(p): str(products().attr(str(p), "ipcc_category") or "")
            for p in process["product"].astype(str).unique()}
    mine = [p for p, c in cats.items() if c.startswith(FUEL_CARBON_CATEGORIES)]
    if not mine:
        return []
    fuel_rows = energy[~energy["fuel"].astype(str).isin(("electricity", "heat")).to_numpy()]
    if fuel_rows.empty:
        return []
    ceiling = _ceilings(fuel_rows["fuel"].astype(str).unique())
    fuel_rows = fuel_rows.assign(
        co2_max=fuel_rows["energy_TJ"].to_numpy(dtype=float)
        * fuel_rows["fuel"].astype(str).map(ceiling).to_numpy(dtype=float),
        sector_code=fuel_rows["sector"].astype(str).to_numpy())
    chains = {s: _chain(s) for s in fuel_rows["sector_code"].unique()}
    routes = route_intensity()
    groups: dict[tuple[int, str, str], list] = {}
    sel = process[process["product"].astype(str).isin(mine).to_numpy()]
    for r in sel.itertuples(index=False):
        route = routes.get(str(r.product))
        if route is None or not float(r.CO2) > 0:
            continue
        key = (int(r.year), str(r.region), route[0])
        groups.setdefault(key, []).append(r)
    out = []
    for (year, region, sector), rows in groups.items():
        up = set(_chain(sector))
        near = {s for s, chain in chains.items() if s in up or sector in chain}
        here = fuel_rows[(fuel_rows["year"] == year).to_numpy()
                         & (fuel_rows["region"].astype(str) == region).to_numpy()
                         & fuel_rows["sector_code"].isin(near).to_numpy()]
        if here.empty:
            continue
        out.append((year, region, sector, rows, float(here["co2_max"].sum()), here))
    return out


def carbon_balance_problems(process: pd.DataFrame, energy: pd.DataFrame, production: Any,
                            activity_source: str, hint: str) -> list[tuple[Problem, list[Any]]]:
    """Sectors whose fuel-carbon products emit more CO2 than their fuel rows hold.

    Parameters
    ----------
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``row``, ``CO2``
        in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``fuel``, ``row``,
        ``energy_TJ`` in TJ).
    production : Production
        The production rows (``row``, ``value``, ``unit``), for the message.
    activity_source : str
        The activity file's name, for the message.
    hint : str
        How to override, appended to each problem's ``valid``.

    Returns
    -------
    list of (Problem, list)
        One problem per year, region and sector whose products' process CO2 exceeds the
        CO2 of its fuel rows' carbon, naming the largest production row and the activity
        rows; with the labels of the production rows concerned.
    """
    written = written_values(production)
    out: list[tuple[Problem, list[Any]]] = []
    for year, region, sector, rows, held, here in sector_carbon(process, energy):
        emitted = sum(float(r.CO2) for r in rows)
        if emitted <= held:
            continue
        top = max(rows, key=lambda x: float(x.CO2))
        value, unit = written.get(top.row, ("", ""))
        names = ", ".join(f"{r.product} row {r.row} ({float(r.CO2) / 1e6:,.3f} Mt)"
                          for r in rows)
        shown = ", ".join(f"row {r.row} ({r.fuel}, {r.use}, {r.co2_max / 1e6:,.3f} Mt)"
                          for r in here.itertuples(index=False))
        out.append((Problem(
            f"carbon balance of {sector} in {region}, {year}: its products made of fuel "
            f"carbon emit {emitted / 1e6:,.3f} Mt of process CO2 ({names}), more than the "
            f"{held / 1e6:,.3f} Mt CO2 all the carbon of its fuel rows in {activity_source} "
            f"could release ({shown}; energy x the highest plausible CO2 factor per TJ); "
            "probably a unit or digit slip in the production",
            file=production.source, row=top.row, column="value", value=value,
            valid=f"an output whose process CO2 is at most the {held / 1e6:,.3f} Mt CO2 its "
            f"sector's fuel rows hold (as {unit}), or the fuel rows that supply its carbon; "
            f"{hint}"),
            [r.row for r in rows]))
    return out


def warn_feedstock_beyond_products(activity: pd.DataFrame, process: pd.DataFrame,
                                   energy: pd.DataFrame, activity_source: str) -> None:
    """Warn where a sector's feedstock holds more carbon than its products report (Q112, Q113).

    A ``feedstock`` row's carbon is left out of combustion and reported by the process CO2
    of the sector's products (:data:`~carbonpath.accounting.production_keys.
    FEEDSTOCK_CARBON_CATEGORIES`). Where the feedstock holds more than
    :data:`FEEDSTOCK_MARGIN` times that process CO2, the rest appears in no total: feedstock
    gas typed ten times too large beside 25 万吨 of ammonia (1.6 Mt of carbon for 0.53 Mt),
    or 60 万吨 of feedstock coke beside EAF steel only (1.7 Mt for 0.2 Mt). The feedstock's
    CO2 is taken low (energy x the lowest plausible CO2 factor per TJ of
    ``factors/plausible_ranges.csv``), so a warning is never due to a high factor. Per year,
    region and industry sub-sector (``industry`` itself pools all of industry); a sector
    without any such product is left to
    :func:`~carbonpath.accounting.production_keys.warn_feedstock_without_product`.

    Parameters
    ----------
    activity : pandas.DataFrame
        Validated activity rows (``row``, ``value``, ``unit``), for the message.
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``row``, ``CO2``
        in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``fuel``, ``use``,
        ``row``, ``energy_TJ`` in TJ).
    activity_source : str
        The activity file's name, for the message.

    Warns
    -----
    FeedstockCarbonWarning
        Per year, region and sector over the margin, naming the feedstock rows, their CO2,
        the products' rows and process CO2, and the readings that would be right.
    """
    import warnings

    from carbonpath.accounting.production_keys import (
        FeedstockCarbonWarning,
        carries_fuel_carbon,
        product_sector,
    )
    from carbonpath.codes import products, sectors

    if process.empty or energy.empty or "CO2" not in process.columns:
        return
    feed = energy[(energy["use"] == "feedstock").to_numpy()]  # categorical: no string copy
    if feed.empty:
        return
    sl = sectors()
    floor = _ceilings(feed["fuel"].astype(str).unique(), low=True)
    feed = feed.assign(co2_min=feed["energy_TJ"].to_numpy(dtype=float)
                       * feed["fuel"].astype(str).map(floor).to_numpy(dtype=float),
                       _sector=feed["sector"].astype(str).to_numpy())
    prods = process[[carries_fuel_carbon(p) for p in process["product"].astype(str)]]
    prods = prods.assign(_sector=[product_sector(p) for p in prods["product"].astype(str)])
    written = dict(zip(activity["row"].tolist(), zip(activity["value"].tolist(),
                                                     activity["unit"].astype(str).tolist(),
                                                     strict=True), strict=True))
    for (year, region, sector), rows in feed.groupby(["year", "region", "_sector"],
                                                      observed=True, sort=True):
        if sector == "industry":
            pool = feed[feed["_sector"].map(lambda x: x == "industry"
                                            or sl.attr(x, "parent") == "industry").to_numpy()]
            rows = pool[(pool["year"] == year).to_numpy()
                        & (pool["region"].astype(str) == str(region)).to_numpy()]
            mine = prods
        elif sl.attr(sector, "parent") == "industry":
            mine = prods[(prods["_sector"] == sector).to_numpy()]
        else:
            continue  # a fuel-making sector: no product of its own
        mine = mine[(mine["year"] == year).to_numpy()
                    & (mine["region"].astype(str) == str(region)).to_numpy()]
        held = float(mine["CO2"].fillna(0.0).sum())
        fed = float(rows["co2_min"].sum())
        if mine.empty or not fed > 0 or (held > 0 and fed <= FEEDSTOCK_MARGIN * held):
            continue  # no product at all: warn_feedstock_without_product's case
        feeds = "; ".join(
            f"row {r}: {f} {_as_written(written.get(r))}, "
            f"{c / 1e6:,.3f} Mt CO2" for r, f, c in zip(
                rows["row"], rows["fuel"].astype(str), rows["co2_min"], strict=True))
        names = "; ".join(f"{p} row {r}: {float(c) / 1e6:,.3f} Mt" for p, r, c in zip(
            mine["product"].astype(str), mine["row"], mine["CO2"], strict=True))
        could = [c for c in products().codes if carries_fuel_carbon(c)
                 and (sector == "industry" or product_sector(c) == sector)]
        tech = (" or give the product's technology (coal_gasification for coal-based "
                "ammonia);" if "ammonia" in could else "")
        warnings.warn(
            f"{activity_source}: the feedstock of {sector} in {region}, {year} ({feeds}) holds "
            f"at least {fed / 1e6:,.3f} Mt CO2 of carbon, "
            + (f"{fed / held:.1f} times the {held / 1e6:,.3f} Mt of process CO2 of the "
               f"sector's products that report it ({names}; at most {FEEDSTOCK_MARGIN:g} "
               "times is usual)" if held > 0 else  # round 30 ZF223: a product row of 0
               f"while the sector's products that report it make no process CO2 ({names}: "
               "a production row of 0 takes no carbon; give the amount made, or drop the "
               "feedstock of a plant that did not run)")
            + f": at least "
            f"{(fed - held) / 1e6:,.3f} Mt of carbon appears in no total. Check the feedstock "
            "value (a digit or unit slip); or book the fuel the products do not take as "
            f"combustion;{tech} or add the missing production row of a product made of it "
            f"({', '.join(could)})",
            FeedstockCarbonWarning, stacklevel=3)


ROUTE_FEEDSTOCK = {
    ("ammonia", "coal_gasification"): ("solid coal or coke", True),
    ("ammonia", "modern_reforming"): ("natural gas or another gas or oil", False),
}
"""(product, technology) -> (the feedstock the route takes, whether it is solid coal).

The factor of a route counts the carbon of the fuel that route takes in
(``factors/process_ipcc2006.csv``: coal gasification 3.646 t CO2/t NH3 from pulverised
coal, modern reforming 1.694 from natural gas): fuels of group ``coal`` and state
``solid`` in ``fuels.csv`` (coke included: fixed-bed gasifiers take lump coal or coke) for
the coal route, any other fuel for reforming (coke-oven gas and oil are reformed or
partially oxidised too)."""


def warn_route_against_feedstock(process: pd.DataFrame, energy: pd.DataFrame,
                                 activity: pd.DataFrame, production: Any,
                                 activity_source: str) -> None:
    """Warn where a product's technology takes a fuel its sector's feedstock rows do not hold.

    Round 19, T81: ammonia with technology ``coal_gasification`` (3.646 t CO2/t) beside a
    chemicals feedstock of natural gas only gives process CO2 five times the feedstock's
    carbon: either the route is wrong (the plant takes gas: leave the technology blank) or
    the plant's coal is booked as combustion, so its carbon is counted twice. The check
    compares each production row of :data:`ROUTE_FEEDSTOCK` with the ``feedstock`` rows of
    its industry sub-sector (and of ``industry`` itself) in the same year and region; a
    sector without feedstock rows is not compared (the feedstock may be booked elsewhere,
    and :func:`carbon_balance_problems` bounds the carbon).

    Parameters
    ----------
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``technology``,
        ``row``).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``fuel``, ``use``,
        ``row``).
    activity : pandas.DataFrame
        Validated activity rows (``row``, ``value``, ``unit``), for the message.
    production : Production
        The production rows, for the message (file name, values as written).
    activity_source : str
        The activity file's name, for the message.

    Warns
    -----
    FeedstockCarbonWarning
        Per production row whose route's fuel no feedstock row of its sector holds, naming
        the production row, the feedstock rows and the readings that would be right.
    """
    import warnings

    from carbonpath.accounting.production_keys import FeedstockCarbonWarning, product_sector
    from carbonpath.codes import fuels

    if process.empty or energy.empty or "technology" not in process.columns:
        return
    keys = list(zip(process["product"].astype(str), process["technology"].astype(str),
                    strict=True))
    sel = process[[k in ROUTE_FEEDSTOCK for k in keys]]
    if sel.empty:
        return
    feed = energy[(energy["use"] == "feedstock").to_numpy()]
    if feed.empty:
        return
    fl = fuels()
    solid = {str(f): fl.attr(str(f), "group") == "coal" and fl.attr(str(f), "state") == "solid"
             for f in feed["fuel"].astype(str).unique()}
    written = dict(zip(activity["row"].tolist(), zip(activity["value"].tolist(),
                                                     activity["unit"].astype(str).tolist(),
                                                     strict=True), strict=True))
    made = written_values(production)
    for r in sel.itertuples(index=False):
        sector = product_sector(str(r.product))
        here = feed[(feed["year"] == r.year).to_numpy()
                    & (feed["region"].astype(str) == str(r.region)).to_numpy()
                    & feed["sector"].astype(str).isin((sector, "industry")).to_numpy()]
        if here.empty:
            continue
        takes, wants_solid = ROUTE_FEEDSTOCK[(str(r.product), str(r.technology))]
        if any(solid[str(f)] == wants_solid for f in here["fuel"].astype(str)):
            continue
        rows = "; ".join(f"row {a}: {f} {_as_written(written.get(a))}" for a, f in zip(
            here["row"], here["fuel"].astype(str), strict=True))
        right = ("leave the technology blank (the gas route, IPCC's default) if the plant "
                 "takes gas, or book the plant's coal as use=feedstock in "
                 f"{sector} (as combustion its carbon is counted twice)" if wants_solid else
                 "give technology coal_gasification if the plant gasifies coal, or book "
                 f"its gas as use=feedstock in {sector}")
        value, unit = made.get(r.row, ("", ""))
        warnings.warn(
            f"{production.source}, row {r.row}, column 'technology': {r.product} "
            f"{_as_written((value, unit))} with technology {r.technology} takes {takes}, but "
            f"the feedstock of {sector} in {r.region}, {r.year} in {activity_source} is "
            f"{rows}: the route's process CO2 counts carbon of a fuel the feedstock does "
            f"not hold. {right[0].upper()}{right[1:]}",
            FeedstockCarbonWarning, stacklevel=3)


ROUTE_FUELS = {
    ("ammonia", ""): ("natural gas or another gas or oil (the gas route, IPCC's default)",
                      "fluid"),
    ("ammonia", "modern_reforming"): ("natural gas or another gas or oil", "fluid"),
    ("ammonia", "coal_gasification"): ("solid coal or coke", "solid_coal"),
    ("bof_steel", ""): ("coke (the blast furnace's reductant)", "coke"),
    ("pig_iron", ""): ("coke (the blast furnace's reductant)", "coke"),
    ("sinter", ""): ("coke (coke breeze)", "coke"),
    ("primary_aluminium_prebake", ""): ("petroleum coke (the anodes' carbon)", "petcoke"),
    ("primary_aluminium_soderberg", ""): ("petroleum coke (the anodes' carbon)", "petcoke"),
}
"""(product, technology) -> (the fuel whose carbon the route's process CO2 holds, its kind).

The Tier 1 factors count the carbon of that fuel (round 21, J05, J06): ammonia's the
plant's total fuel requirement (IPCC 2006 Vol.3 Eq. 3.1; gas for the default and reforming
routes, coal for gasification, as :data:`ROUTE_FEEDSTOCK`), BF-BOF steel's, pig iron's and
sinter's the coke charged as reductant or burned as breeze (Vol.3 Ch.4 Table 4.1, section
4.2.2.3: the coke's carbon is not to be counted again in the energy sector), primary
aluminium's the consumed anodes, made of calcined petroleum coke (Table 4.10). Kinds:
``fluid`` (a fossil gas, ``fuels.csv`` state gas, or LNG, LPG, naphtha, fuel oil), ``solid_coal``
(group coal, state solid), ``coke`` and ``petcoke`` (those codes). A technology not listed
takes the product's blank-technology row (aluminium's PFC routes ``cwpb``, ``swpb``).
EAF steel (electrodes, charge carbon), DRI (gas- or coal-based, not told apart by a
technology), coke production (its coal is ``transformation_input`` of ``coking``) and the
carbonate and N2O products are not listed."""


_REFORMED = ("lng", "lpg", "naphtha", "fuel_oil")
"""Liquid fuels an ammonia plant reforms or partially oxidises (IPCC 2006 Vol.3 Table 3.1:
naphtha, fuel oil; liquefied gases), beside every fossil gas."""


DERIVED_GASES = {"coke": ("blast_furnace_gas", "converter_gas")}
"""Gases made from a route's fuel inside the plant: a blast furnace's gas (高炉煤气) and a
converter's (转炉煤气) carry carbon of the coke charged, which the Tier 1 factors of
:data:`ROUTE_FUELS` hold (IPCC 2006 Vol.3 section 4.2.2.3)."""


def _route_fuel_mask(kind: str, fuel: pd.Series) -> Any:
    """Per row: whether ``fuel`` (codes) is of a :data:`ROUTE_FUELS` kind (numpy bool)."""
    import numpy as np

    from carbonpath.codes import fuels

    fl = fuels()
    cats = pd.Series(fuel).astype("category")
    lut = []
    for c in cats.cat.categories:
        c = str(c)
        group, state, fossil = fl.attr(c, "group"), fl.attr(c, "state"), fl.attr(c, "fossil")
        lut.append({"coke": c == "coke", "petcoke": c == "petroleum_coke",
                    "solid_coal": group == "coal" and state == "solid",
                    "fluid": (fossil == "yes" and state == "gas") or c in _REFORMED}[kind])
    codes = cats.cat.codes.to_numpy()
    return np.array([*lut, False], dtype=bool)[codes]


def warn_route_fuel_burned(process: pd.DataFrame, fuel_frame: pd.DataFrame,
                           activity: pd.DataFrame, production: Any,
                           activity_source: str) -> None:
    """Warn where a product's process CO2 holds carbon its sector books as combustion.

    Round 21, J05 and J06: the blast-furnace coke of ``ferrous_metals`` booked as
    ``combustion`` beside 250 万吨 of BOF steel (1.46 t CO2/t, which holds that coke's
    carbon) counted 60 万吨 of coke twice (1.711 Mt); so did a chemicals feedstock gas
    merged into its combustion row beside ammonia (0.161 Mt). Per production row of
    :data:`ROUTE_FUELS` with positive CO2: where the rows of its industry sub-sector and the
    sectors above it (``industry``) in the same year and region burn the route's fuel
    (``combustion``) and none holds it as ``feedstock`` or ``non_energy`` (a balance sheet's
    用作原料、材料), the warning names both. A sector that
    books part of the fuel as feedstock (the sample's chemicals: 0.8 亿m3 feedstock, 1.5
    combustion) made the split and is quiet; a route beside feedstock of another fuel only
    is left to :func:`warn_route_against_feedstock`. A warning, not a refusal: the
    combustion row may be fuel burned elsewhere in the sector while the plants' fuel is
    missing from the activity (then nothing is counted twice, and the total lacks it).

    Parameters
    ----------
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``technology``,
        ``row``, ``CO2`` in t).
    fuel_frame : pandas.DataFrame
        The inventory's fuel emission rows (``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``row``, ``CO2`` in t, empty for feedstock).
    activity : pandas.DataFrame
        Validated activity rows (``row``, ``value``, ``unit``), for the message.
    production : Production
        The production rows, for the message (file name, values as written).
    activity_source : str
        The activity file's name, for the message.

    Warns
    -----
    CombustedFeedstockWarning
        Per year, region, sector and fuel kind (the products sharing it named together),
        naming the production rows and their process CO2, the combustion rows and their
        CO2, the carbon counted twice at most, and the readings that would be right.
    """
    import warnings

    from carbonpath.accounting.plausible_production import _chain
    from carbonpath.accounting.production_keys import product_sector

    if (process.empty or fuel_frame.empty or "CO2" not in process.columns
            or "technology" not in process.columns):
        return
    groups: dict[tuple, list] = {}
    for r in process.itertuples(index=False):
        tech = "" if pd.isna(r.technology) else str(r.technology)
        key = (str(r.product), tech)
        spec = ROUTE_FUELS.get(key) or (None if key[0] == "ammonia"
                                        else ROUTE_FUELS.get((key[0], "")))
        if spec is None or not float(r.CO2) > 0:
            continue
        groups.setdefault((int(r.year), str(r.region), product_sector(key[0]), spec),
                          []).append(r)
    if not groups:
        return
    written = dict(zip(activity["row"].tolist(), zip(activity["value"].tolist(),
                                                     activity["unit"].astype(str).tolist(),
                                                     strict=True), strict=True))
    made = written_values(production)
    for (year, region, sector, (takes, kind)), rows in groups.items():
        chain = _chain(sector)
        here = fuel_frame[(fuel_frame["year"] == year).to_numpy()
                          & (fuel_frame["region"] == region).to_numpy()
                          & fuel_frame["sector"].isin(chain).to_numpy()]
        if here.empty:
            continue
        feed = (here["use"] == "feedstock").to_numpy()
        if any((str(r.product), str(r.technology or "")) in ROUTE_FEEDSTOCK
               for r in rows) and feed.any():
            continue  # feedstock of another fuel: warn_route_against_feedstock names it
        of_route = _route_fuel_mask(kind, here["fuel"])
        if (of_route & (feed | (here["use"] == "non_energy").to_numpy())).any():
            of_route[:] = False  # the route's fuel is booked apart (用作原料: non_energy)
        # the gases a blast furnace and converter make carry the coke's carbon whatever
        # the coke's booking (round 24 H68): their combustion is counted again
        gas = here["fuel"].isin(DERIVED_GASES.get(kind, ())).to_numpy()
        burned = here[(of_route | gas) & (here["use"] == "combustion").to_numpy()]
        if burned.empty:
            continue
        if gas.any() and burned["fuel"].isin(DERIVED_GASES[kind]).any():
            takes = f"{takes}, and of the blast-furnace and converter gas made from it"
        co2 = burned["CO2"].fillna(0.0).to_numpy(dtype=float)
        process_co2 = sum(float(r.CO2) for r in rows)
        prods = " and ".join(f"{r.product} {_as_written(made.get(r.row))} ("
                             + (f"{r.technology}; " if str(r.technology or "") else "")
                             + f"{float(r.CO2) / 1e6:,.3f} Mt of process CO2)" for r in rows)
        burns = "; ".join(f"row {a}: {s} {f} {_as_written(written.get(a))} combustion, "
                          f"{c / 1e6:,.3f} Mt CO2" for a, s, f, c in zip(
                              burned["row"], burned["sector"].astype(str),
                              burned["fuel"].astype(str), co2, strict=True))
        labels = ", ".join(str(r.row) for r in rows)
        warnings.warn(
            f"{production.source}, row{'s' if len(rows) > 1 else ''} {labels}, column "
            f"'product': {prods} counts the carbon of {takes}, which "
            f"{activity_source} books as combustion ({burns}) with no feedstock or non_energy "
            f"row of it in {' or '.join(chain[:2])}: that carbon is counted twice, in "
            f"combustion and in the process CO2 (up to "
            f"{min(process_co2, float(co2.sum())) / 1e6:,.3f} Mt CO2 in {region}, {year}). "
            f"If the row holds the fuel the plants take, book it (or that part of it) as "
            f"use=feedstock in {sector} (on a balance sheet, in the line 其中:用作原料、材料); "
            "if it is fuel burned elsewhere and the plants' own "
            "is missing from the activity, the total is right as it stands",
            CombustedFeedstockWarning, stacklevel=3)


def _as_written(cell: tuple[Any, str] | None) -> str:
    """``value unit`` of an activity row as written (numbers in ``:g``), '' if unknown."""
    if cell is None:
        return ""
    value, unit = cell
    try:
        return f"{float(value):g} {unit}"
    except (TypeError, ValueError):
        return f"{value} {unit}"


def written_values(production: Any) -> dict[Any, tuple[Any, str]]:
    """Production row label -> (value, unit) as written, for messages."""
    data = production.data
    return dict(zip(data["row"].tolist(), zip(data["value"].tolist(),
                                              data["unit"].astype(str).tolist(), strict=True),
                    strict=True))


def _ceilings(codes: Any, low: bool = False) -> dict[str, float]:
    """Fuel code -> highest (``low``: lowest) plausible CO2 factor, t CO2/TJ (margin applied).

    Without a range of its own: 300 t CO2/TJ as the highest, 0 as the lowest.
    """
    from carbonpath._resources import data_path
    from carbonpath.factors.load import _canonical
    from carbonpath.plausibility import find_range, read_ranges

    ranges = read_ranges(data_path("factors") / "plausible_ranges.csv", _canonical)
    out = {}
    for code in codes:
        rng = find_range(ranges, str(code), "emission_factor", "CO2", "TJ")
        if low:
            out[str(code)] = rng.low if rng is not None else 0.0
        else:
            out[str(code)] = rng.high if rng is not None else 300.0
    return out
