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

from carbonpath.errors import Problem

__all__ = ["FUEL_CARBON_CATEGORIES", "carbon_balance_problems", "sector_carbon",
           "written_values"]

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


def written_values(production: Any) -> dict[Any, tuple[Any, str]]:
    """Production row label -> (value, unit) as written, for messages."""
    data = production.data
    return dict(zip(data["row"].tolist(), zip(data["value"].tolist(),
                                              data["unit"].astype(str).tolist(), strict=True),
                    strict=True))


def _ceilings(codes: Any) -> dict[str, float]:
    """Fuel code -> highest plausible CO2 factor, t CO2/TJ (margin applied)."""
    from carbonpath._resources import data_path
    from carbonpath.factors.load import _canonical
    from carbonpath.plausibility import find_range, read_ranges

    ranges = read_ranges(data_path("factors") / "plausible_ranges.csv", _canonical)
    out = {}
    for code in codes:
        rng = find_range(ranges, str(code), "emission_factor", "CO2", "TJ")
        out[str(code)] = rng.high if rng is not None else 300.0
    return out
