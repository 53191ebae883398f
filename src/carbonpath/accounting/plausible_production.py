"""Industrial output against the energy its sector uses: one rule for ``init`` and inventories.

A product is made with energy: a tonne of clinker takes about 3.2 GJ of fuel and 30 kWh
(the bundled catalogue's ``clinker_kiln``). A production row with a unit slip (clinker
450 吨 for 450 万吨; round-9 case I20) drops or multiplies the product's process CO2 with no
other row looking wrong. Its need, at the catalogue intensity of the product's existing
route (``catalogue/mapping.csv``, role ``incumbent``), is compared with the energy of its
sector, fuel and electricity each (:func:`need_outside`; a kind the data do not give
for the sector, e.g. an inventory of fuels only, is not compared):

- above :data:`MAX_NEED_RATIO` times the sector's energy: too much (a x10 slip gives 5x);
- under :data:`MIN_PRODUCT_SHARE` of it: too little (a 吨 for 万吨 slip divides by 10^4).

``init`` applies the rule to each service of the balance
(:func:`carbonpath.init.route_checks.check_route_energy`); an inventory applies it to the
final energy (fuel burned or used as feedstock, electricity and heat consumed) of the
product's sector, its sub-sectors and the sectors above it in the activity data
(:func:`production_problems`: electricity booked under ``industry`` serves a smelter). A
product without an ``incumbent`` row (lime) or a sector without energy rows is not checked.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import Problem

__all__ = ["MAX_NEED_RATIO", "MIN_PRODUCT_SHARE", "need_outside", "production_problems",
           "route_intensity", "row_shares"]

MAX_NEED_RATIO = 2.0
"""Most the products may need of a sector's energy (or ``init``'s service), as a multiple
of what the data give: catalogue intensities are typical plants, a region's may be lower,
but not by half (assumption; a x10 slip gives 5x or more)."""

MIN_PRODUCT_SHARE = 1e-4
"""Least share of its sector's energy a product may need: a 吨 for 万吨 slip divides the
quantity by 10^4, which puts a typical product far under it (assumption: 0.01 % of a
province's industrial energy is a few days of one plant)."""

_FINAL = ("combustion", "feedstock", "consumption")


def need_outside(need: float, base: float) -> str | None:
    """Whether a need is implausible against what the data give (module docstring).

    Parameters
    ----------
    need : float
        What the products (``"over"``) or one product (``"under"``) need, in the unit of
        ``base``.
    base : float
        What the data give (the sector's energy, or a service of the balance).

    Returns
    -------
    str or None
        ``"over"`` above :data:`MAX_NEED_RATIO` x ``base``, ``"under"`` below
        :data:`MIN_PRODUCT_SHARE` x ``base``, None inside or when ``base`` is not positive.
    """
    if not base > 0:
        return None
    if need > MAX_NEED_RATIO * base:
        return "over"
    if need < MIN_PRODUCT_SHARE * base:
        return "under"
    return None


@cache
def route_intensity() -> dict[str, tuple[str, str, dict[str, float]]]:
    """Product -> (sector, catalogue class, {kind: GJ/t}) of its existing route.

    The kinds are ``fuel`` and ``electricity``.

    From the bundled ``catalogue/mapping.csv`` (role ``incumbent``) and
    ``catalogue/flows.csv``: inputs other than feedstock, fuels given in an energy per
    tonne, electricity in MWh/t at 3.6 GJ/MWh; other inputs (alumina in t/t) are materials
    and left out.
    """
    from carbonpath._resources import data_path
    from carbonpath.units import unit_factor

    folder = data_path("catalogue")
    mapping = pd.read_csv(folder / "mapping.csv", dtype=str).fillna("")
    flows = pd.read_csv(folder / "flows.csv", dtype=str).fillna("")
    out = {}
    for r in mapping[mapping["role"] == "incumbent"].itertuples(index=False):
        rows = flows[(flows["technology"] == r.technology) & (flows["direction"] == "input")
                     & (flows["use"] != "feedstock")]
        gj = {"fuel": 0.0, "electricity": 0.0}
        for f in rows.itertuples(index=False):
            if f.commodity == "electricity":
                gj["electricity"] += float(f.value) * unit_factor(f.unit, "MWh/t") * 3.6
            elif f.unit.startswith(("GJ", "MJ", "TJ", "kWh", "MWh")):
                gj["fuel"] += float(f.value) * unit_factor(f.unit, "GJ/t")
        if sum(gj.values()) > 0:
            out[str(r.item)] = (str(r.sector), str(r.technology), gj)
    return out


def _chain(sector: str) -> list[str]:
    from carbonpath.codes import sectors

    codes, out = sectors(), []
    while sector and sector not in out:
        out.append(sector)
        parent = codes.attr(sector, "parent")
        sector = "" if parent is None or pd.isna(parent) else str(parent)
    return out


def row_shares(production: Any, energy: pd.DataFrame) -> list[tuple[Any, str, str, list]]:
    """Each production row's need of its sector's energy, per kind.

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``year``, ``region``, ``product``, ``value``,
        ``unit``, ``quantity`` in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``use``, ``fuel``,
        ``energy_TJ``, TJ).

    Returns
    -------
    list of (row, sector, technology, shares)
        Per production row of a product with an ``incumbent`` route: the row (a named
        tuple of ``production.data``), the route's sector and class, and ``shares``, a list
        of ``(need / base, kind, need TJ, base TJ, GJ/t, own)`` for each kind (``fuel``,
        ``electricity``) the route uses and the data give for the sector (with the sectors
        above and below it); ``own`` is False when only sectors above it (``industry``)
        have rows of the kind.
    """
    routes = route_intensity()
    data = production.data
    if data.empty or energy.empty or not {"sector", "energy_TJ"} <= set(energy.columns):
        return []
    final = energy[energy["use"].astype(str).isin(_FINAL).to_numpy()]
    kind = (final["fuel"].astype(str) == "electricity").map({True: "electricity",
                                                             False: "fuel"})
    final = final.assign(_kind=kind.to_numpy())
    chains = {s: _chain(s) for s in final["sector"].astype(str).unique()}
    out = []
    for r in data.itertuples(index=False):
        route = routes.get(str(r.product))
        if route is None:
            continue
        sector, tech, per_t = route
        here = final[(final["year"] == r.year).to_numpy()
                     & (final["region"].astype(str) == str(r.region)).to_numpy()]
        up = set(_chain(sector))  # the sector, the sectors above it and those below it
        mine = {c for c, chain in chains.items() if c in up or sector in chain}
        here = here[here["sector"].astype(str).isin(mine).to_numpy()]
        below = np.array([sector in chains[c] for c in here["sector"].astype(str)], dtype=bool)
        shares = []
        for k, gj_t in per_t.items():
            of_kind = (here["_kind"] == k).to_numpy()
            base = float(here.loc[of_kind, "energy_TJ"].sum())
            need = float(r.quantity) * gj_t / 1e3  # t x GJ/t -> TJ
            if gj_t <= 0 or base <= 0:
                continue
            shares.append((need / base, k, need, base, gj_t, bool((of_kind & below).any())))
        out.append((r, sector, tech, shares))
    return out


def _activity_rows(energy: pd.DataFrame, activity: Any, year: int, region: str, sector: str,
                   kind: str) -> str:
    """The activity rows of ``sector``'s energy of ``kind``, largest first, for a message.

    ``"; or the activity data slipped: a.csv row 7 (raw_coal 67.86 吨标准煤, 1.99 TJ)"``
    (round 19 T155, T156: a fuel row written in a unit too small made the clinker look
    too large, and only the production row was named). ``""`` without ``activity`` (an
    object with ``data``, rows ``row``, ``value``, ``unit``, and ``source``).
    """
    if activity is None or "row" not in energy.columns:
        return ""
    final = energy[energy["use"].astype(str).isin(_FINAL).to_numpy()
                   & (energy["year"] == year).to_numpy()
                   & (energy["region"].astype(str) == region).to_numpy()]
    up = set(_chain(sector))
    mine = [c in up or sector in _chain(c) for c in final["sector"].astype(str)]
    final = final[np.asarray(mine, dtype=bool)] if len(final) else final
    electric = (final["fuel"].astype(str) == "electricity").to_numpy()
    final = final[electric if kind == "electricity" else ~electric]
    if final.empty:
        return ""
    by_row = final.groupby("row", sort=False)["energy_TJ"].sum().sort_values(ascending=False)
    written = activity.data.drop_duplicates("row").set_index("row")
    shown = []
    for row, tj in by_row.head(3).items():
        fuel = final.loc[final["row"] == row, "fuel"].iloc[0]
        shown.append(f"row {row} ({fuel} {float(written.at[row, 'value']):g} "
                     f"{written.at[row, 'unit']}, {tj:,.4g} TJ)")
    more = f" and {len(by_row) - 3} more" if len(by_row) > 3 else ""
    return (f"; or a row of the activity data slipped: {activity.source} "
            f"{', '.join(shown)}{more}")


def production_problems(production: Any, energy: pd.DataFrame,
                        hint: str, activity: Any = None) -> list[tuple[Problem, list[Any]]]:
    """Production rows needing implausibly much or little of their sector's energy.

    Parameters
    ----------
    production : Production
        Validated production rows (``row``, ``year``, ``region``, ``product``, ``value``,
        ``unit``, ``quantity`` in t).
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``use``,
        ``energy_TJ``, TJ).
    hint : str
        How to override, appended to each problem's ``valid``.
    activity : Activity, optional
        The activity rows (``data`` with ``row``, ``value``, ``unit``; ``source``): each
        problem then also names the largest activity rows of the sector's energy, whose
        unit may be the one that slipped (round 19 T155, T156).

    Returns
    -------
    list of (Problem, list)
        One problem per product row using under :data:`MIN_PRODUCT_SHARE` of its sector's
        energy, and per year, region and sector whose products need over
        :data:`MAX_NEED_RATIO` times it; with the labels of the production rows concerned.
    """
    out: list[tuple[Problem, list[Any]]] = []
    groups: dict[tuple, list] = {}
    for r, sector, tech, shares in row_shares(production, energy):
        for _share, k, need, base, *_ in shares:
            key = (int(r.year), str(r.region), sector, k)
            groups.setdefault(key, [base, 0.0, []])
            groups[key][1] += need
            groups[key][2].append((r, need))
        if shares and need_outside(max(shares)[0], 1.0) == "under" \
                and float(r.quantity) > 0:  # 0: none made, no unit slip (round 21 K154)
            share, k, need, base, gj_t, _own = max(shares)
            out.append((Problem(
                f"{r.product}: {r.value:g} {r.unit} needs {need:,.4g} TJ of {k} at the "
                f"catalogue intensity of {tech} ({gj_t:.3g} GJ/t), {share:.4%} of the "
                f"{base:,.6g} TJ of {k} of {sector} (with the sectors above and below it) "
                f"in the activity data, less than {MIN_PRODUCT_SHARE:.2%}: probably 吨 given "
                "for 万吨" + _activity_rows(energy, activity, int(r.year), str(r.region),
                                           sector, k),
                file=production.source, row=r.row, column="value", value=r.value,
                valid=f"an output needing at least {MIN_PRODUCT_SHARE:.2%} of its sector's "
                f"energy; {hint}"), [r.row]))
    for (year, region, sector, k), (base, need, rows) in groups.items():
        if need_outside(need, base) == "over":
            names = ", ".join(f"{r.product} {r.value:g} {r.unit} ({n:,.4g} TJ)"
                              for r, n in rows)
            top = max(rows, key=lambda x: x[1])[0]
            out.append((Problem(
                f"the products of {sector} in {region}, {year} need {need / base:.1f}x its "
                f"{k} (with the sectors above and below it) in the activity data "
                f"({need:,.6g} vs {base:,.6g} TJ) at their catalogue intensities: {names}; "
                "probably a unit or digit slip in the production"
                + _activity_rows(energy, activity, year, region, sector, k),
                file=production.source, row=top.row, column="value", value=top.value,
                valid=f"at most {MAX_NEED_RATIO:g}x the sector's {k}: correct the unit of "
                f"the row that slipped, production or activity; {hint}"),
                [r.row for r, _n in rows]))
    return out
