r"""Regions and exchange: link capacity, regional emissions, results by region.

Regions are an index of every regional quantity, not a copy of the model per region
(the TIMES convention of inter-regional exchange processes): a model of several regions
balances each (commodity, region) pair (key ``commodity@region``, see
:func:`carbonpath.model.data.regional_key`), every technology belongs to one region, and
a link is a technology whose input is the commodity in the region it leaves and whose output
is the commodity in the region it enters, at efficiency :math:`1 - \lambda_l` (the loss).
The commodity balances, capacity accounting, costs and emissions of
:mod:`carbonpath.model.components` therefore hold unchanged; this module adds what a link
and a regional target need beyond them:

* :func:`add_link_limits`: both directions of a link within the link's one capacity;
* :func:`add_regional_emissions`: the emissions of the regions (or groups of regions) that
  targets name, so that a target applies to them (an electricity link may count there as
  trade, at the grid factor, under the provincial method);
* :func:`region_tables`: results by region (emissions, link flows) and a region column on
  the tidy tables.

A one-region dataset has no links and no regional targets, so nothing here adds a row or
a column: it builds exactly the LP it built before regions existed.

An external market (the provincial grid of a city model) is the region's ``import`` and
``export`` technologies: their capacity times their availability profile bounds the trade
in each timeslice, a ``price_profile`` gives time-of-use prices (variable cost x profile),
and an ``emissions.csv`` row (CO2 per unit of activity, by year) gives the emission factor
of the traded electricity, else the ``grid_emission_factor`` driver; how it counts follows
the emissions method, as for any trade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyomo.core as pyo

from carbonpath.errors import DataError, Problem
from carbonpath.model.components import _eq, _le, _rule, usable_terms
from carbonpath.model.data import ModelData, TechData

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["add_link_limits", "add_regional_emissions", "driver_of", "emissions_of",
           "region_tables", "target_scope"]


def add_link_limits(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Flows on a link within its capacity, in each direction.

    For a link :math:`l` of a timeslice commodity (electricity, heat), every year and
    timeslice, forward and, for a bidirectional link, backward:

    .. math:: A_{l,y,t} \le \alpha_{l,y}\, \pi_{l,t}\, K_{l,y}, \qquad
              A_{\bar l,y,t} \le \alpha_{l,y}\, \pi_{l,t}\, K_{l,y}

    and for a link of an annual commodity, every year:

    .. math:: \bar A_{l,y} \le \alpha_{l,y}\, u_{l,y}\, K_{l,y}, \qquad
              \bar A_{\bar l,y} \le \alpha_{l,y}\, u_{l,y}\, K_{l,y}

    :math:`K_{l,y}` is the link's installed capacity (residual plus standing vintages: the
    ``installed_capacity`` column of an investable link), :math:`\alpha` its availability,
    :math:`\pi_{l,t}` its availability profile (e.g. a seasonal limit). The rows are
    ``link_limit[p, y, t]`` and ``link_limit_annual[p, y]`` with :math:`p` the direction's
    technology (``<link>`` forward, ``<link>~back`` backward); their duals (discounted MCNY
    per GW in the timeslice, or per unit a year) are the congestion rents of the link. A
    link without capacity data (no ``residual_capacity``, ``capex`` or ``max_capacity``) is
    unlimited and has no rows.

    The flows leave the region they come from and arrive, times :math:`1 - \lambda_l`, in
    the other (the technology's flows; see the module). Both directions are bounded
    separately, as in TIMES; a lossy flow in both directions at once only wastes energy,
    which the least-cost solution avoids unless an equality balance needs to lose a surplus.
    """
    links = [t for t in d.techs.values()
             if t.link is not None and d.techs[t.link.link].capacitated]
    if not links:
        return
    rows: dict[tuple, Any] = {}
    annual: dict[tuple, Any] = {}
    T = range(len(d.timeslices))
    for t in links:
        owner = d.techs[t.link.link]
        profile = owner.availability_profile
        for y in d.years:
            k = d.year_index[y]
            alpha = float(owner.availability[k])
            constant, terms = usable_terms(m, d, owner, y)
            if t.timeslice:
                for i in T:
                    coeff = alpha if profile is None else alpha * float(profile[i])
                    rows[(t.code, y, i)] = _le(
                        [(1.0, m.dispatch[t.code, y, i])] + [(-coeff * c, v) for c, v in terms],
                        coeff * constant)
            else:
                coeff = alpha * float(owner.utilisation[k])
                annual[(t.code, y)] = _le(
                    [(1.0, m.activity[t.code, y])] + [(-coeff * c, v) for c, v in terms],
                    coeff * constant)
    m.link_limit = pyo.Constraint(list(rows), rule=_rule(rows))
    m.link_limit_annual = pyo.Constraint(list(annual), rule=_rule(annual))


def target_scope(d: ModelData, target: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The name and regions of the scope a target constrains; None for the whole model.

    ``region`` may be a region, a group of ``dataset.yaml`` ``region_groups`` or a list of
    regions; a scope that covers every region is the whole model (the total emissions).
    """
    given = target.get("region")
    if given is None:
        return None
    if isinstance(given, list):
        name, members = "+".join(str(r) for r in given), [str(r) for r in given]
    else:
        name = str(given)
        members = d.region_groups.get(name, [name])
    if set(members) >= set(d.regions):
        return None
    return name, members


def _scopes(d: ModelData) -> dict[str, list[str]]:
    """The scopes of the targets that name part of the model's regions."""
    out = {}
    for target in d.targets:
        scope = target_scope(d, target)
        if scope is not None:
            out[scope[0]] = scope[1]
    return out


def _trade_terms(d: ModelData, inside: set[str], k: int) -> list[tuple[float, TechData]]:
    """Counted links crossing the border of ``inside``: (kt per unit of activity, direction).

    What arrives counts ``+`` in the receiving region and ``-`` in the sending one (at the
    grid factor); a link within ``inside`` cancels out.
    """
    out = []
    for t in d.techs.values():
        if t.link is None or not t.link.counted:
            continue
        factor = float(t.link.trade_factor[k])
        receiving = t.link.source if t.link.backward else t.link.target
        sign = (receiving in inside) - (t.region in inside)
        if factor and sign:
            out.append((sign * factor, t))
    return out


def add_regional_emissions(m: pyo.ConcreteModel, d: ModelData) -> None:
    r"""Emissions of the regions or groups of regions that targets name.

    .. math:: E_{S,y} = \sum_{p \in P_S} \epsilon_{p,y} \bar A_{p,y}
              + \sum_{c \in C_S} \epsilon^D_{c,y}

    for each scope :math:`S` (a region, a group, or a list of regions) named by a target,
    where :math:`P_S` are the technologies of the regions of :math:`S` (a market's import
    and export included, a link excluded) and :math:`C_S` their demands. A region's
    emissions are those of its own technologies and demands, on the dataset's method and
    gas; a link carries no emissions, so the regions' emissions sum to the total
    :math:`E_y`. Under the ``gpc`` method electricity already counts where it is consumed,
    in each region. Under the ``provincial`` method an electricity link marked ``counted``
    counts as trade does, so that a city's target sees what it draws from the rest of its
    province:

    .. math:: E_{S,y} \mathrel{+}= \sum_{l:\, \to S} g_y (1 - \lambda_l) \bar A_{l,y}
              - \sum_{l:\, S \to} g_y (1 - \lambda_l) \bar A_{l,y}

    over the directions :math:`l` of counted links that enter or leave :math:`S`
    (:math:`g_y` the ``grid_emission_factor``; what arrives counts on both sides, so the
    regions still add up to :math:`E_y`). The variables are ``regional_emissions[S, y]``
    (kt), defined by the rows ``regional_emission_definition[S, y]``, whose undiscounted
    dual is the marginal cost of emissions in the scope. A target on every region
    constrains :math:`E_y` itself.
    """
    scopes = _scopes(d)
    if not scopes:
        return
    keys = [(s, y) for s in scopes for y in d.years]
    m.regional_emissions = pyo.Var(keys, domain=pyo.Reals)
    region_of = d.commodities["region"]
    rows = {}
    for s, members in scopes.items():
        inside = set(members)
        techs = [t for t in d.techs.values() if t.kind != "storage" and t.region in inside
                 and t.link is None]
        demands = [c for c in d.demand_emissions if region_of[c] in inside]
        for y in d.years:
            k = d.year_index[y]
            constant = sum(float(d.demand_emissions[c][k]) for c in demands)
            rows[(s, y)] = _eq([(1.0, m.regional_emissions[s, y])]
                               + [(-float(t.target_factor[k]), m.activity[t.code, y])
                                  for t in techs if t.target_factor[k] != 0]
                               + [(-f, m.activity[t.code, y])
                                  for f, t in _trade_terms(d, inside, k)], constant)
    m.regional_emission_definition = pyo.Constraint(keys, rule=_rule(rows))


def emissions_of(m: pyo.ConcreteModel, d: ModelData, target: dict[str, Any]) -> Any:
    """The emissions a target constrains, indexable by year.

    ``m.emissions`` for a target on the whole model, else the target's scope's
    ``regional_emissions`` by year (see :func:`add_regional_emissions`).
    """
    scope = target_scope(d, target)
    if scope is None:
        return m.emissions
    return {y: m.regional_emissions[scope[0], y] for y in d.years}


def driver_of(d: ModelData, target: dict[str, Any], name: str) -> np.ndarray | None:
    """A driver (``gdp``) of the regions a target names: the sum of theirs, by year.

    The dataset's own series for a target on the whole model (None if it has none).

    Raises
    ------
    DataError
        If a region of the target has no series of the driver (names the region).
    """
    scope = target_scope(d, target)
    if scope is None:
        return d.drivers.get(name)
    missing = [r for r in scope[1] if (name, r) not in d.regional_drivers]
    if missing:
        raise DataError(Problem(
            f"target '{target['name']}' on {scope[0]} needs the {name} of region "
            f"'{missing[0]}'", file="drivers.csv", column="region",
            valid=f"rows: {name},<year>,<value>,<unit>,<source> with region {missing[0]}"))
    return sum(d.regional_drivers[(name, r)] for r in scope[1])


def _region_column(frame: pd.DataFrame, region_of: dict[str, str]) -> pd.DataFrame:
    """``frame`` with a region column from its technology column (blank where none)."""
    out = frame.copy()
    out.insert(list(out.columns).index("technology") + 1, "region",
               out["technology"].map(region_of).fillna(""))
    return out


def _split_commodity(frame: pd.DataFrame, d: ModelData) -> pd.DataFrame:
    """Replace balance keys (``commodity@region``) by commodity and region columns."""
    com = d.commodities
    out = frame.assign(commodity=frame["commodity"].map(com["base"]))
    out.insert(list(out.columns).index("commodity") + 1, "region",
               frame["commodity"].map(com["region"]))
    return out


def region_tables(d: ModelData, tables: dict[str, pd.DataFrame],
                  value: Callable[[Any], float], m: pyo.ConcreteModel,
                  dual: Callable[[Any], float]) -> dict[str, pd.DataFrame]:
    """Results by region for a model of several regions (the tables unchanged otherwise).

    Adds a ``region`` column to ``capacity``, ``activity``, ``emissions`` and ``dispatch``
    (the technology's region; a link's forward direction counts in the region it leaves),
    splits the balance keys of ``flows``, ``balances`` and ``prices`` into ``commodity`` and
    ``region``, and adds two tables:

    * ``emissions_region`` (region, kind, year, value, marginal_cost, unit): each region's
      emissions on the targets' basis (its technologies and demands; kind ``region``), and
      each group of regions a target names (kind ``group``), with the ``marginal_cost``
      (CNY/t, undiscounted, the dual of :func:`add_regional_emissions`' row) where a target
      names the region or group; and its energy consumption, non-fossil part and share
      (``energy``, ``nonfossil``, ``nonfossil_share``, ktce/yr, by the dataset's
      convention; a link counts nothing, so the regions add up to the total); and, where
      ``drivers.csv`` gives the regions' ``gdp``, the ``gdp`` (MCNY) and the
      ``carbon_intensity`` (kt/MCNY);
    * ``links`` (link, commodity, from_region, to_region, year, forward, backward,
      delivered, losses, capacity, unit): annual flows in the commodity's unit per year,
      measured where they leave; ``delivered`` is what arrives.

    Parameters
    ----------
    d : ModelData
    tables : dict of str to pandas.DataFrame
        The tidy tables of :func:`carbonpath.model.results.make_pathway`.
    value : callable
        Solution value of a variable.
    m : pyomo.environ.ConcreteModel
        The solved model.
    dual : callable
        Dual of a constraint row (discounted).
    """
    out = dict(tables)
    if len(d.regions) <= 1:
        return out
    region_of = {t.code: t.region for t in d.techs.values()}
    for name in ("capacity", "activity", "emissions", "dispatch", "energy_capacity",
                 "storage", "energy_supply"):
        if name in out and "technology" in out[name]:
            out[name] = _region_column(out[name], region_of)
    for name in ("flows", "balances", "prices"):
        out[name] = _split_commodity(out[name], d)
    df = dict(zip(d.years, d.discount_factor, strict=True))
    rows = []
    unit = f"kt {d.emissions['gas']}/yr"
    for r in d.regions:
        techs = [t for t in d.techs.values() if t.region == r and t.kind != "storage"
                 and t.link is None]
        demands = [c for c in d.demand_emissions if d.commodities.loc[c, "region"] == r]
        for y in d.years:
            k = d.year_index[y]
            total = sum(float(t.target_factor[k]) * value(m.activity[t.code, y])
                        for t in techs if t.target_factor[k] != 0)
            total += sum(float(d.demand_emissions[c][k]) for c in demands)
            total += sum(f * value(m.activity[t.code, y]) for f, t in _trade_terms(d, {r}, k))
            energy = sum(float(t.energy_tce[k]) * value(m.activity[t.code, y]) for t in techs)
            nonfossil = sum(float(t.nonfossil_tce[k]) * value(m.activity[t.code, y])
                            for t in techs)
            rows.append([r, "region", y, total, np.nan, unit, energy, nonfossil])
    where = {(row[0], row[2]): row for row in rows}
    for s, members in _scopes(d).items():
        for y in d.years:
            marginal = dual(m.regional_emission_definition[s, y]) / df[y] * 1000.0
            if (s, y) in where:  # a target on one region: its marginal cost on its row
                where[(s, y)][4] = marginal
            else:
                parts = [where[(r, y)] for r in members]
                rows.append([s, "group", y, value(m.regional_emissions[s, y]), marginal, unit,
                             sum(p[6] for p in parts), sum(p[7] for p in parts)])
    frame = pd.DataFrame(rows, columns=["region", "kind", "year", "value", "marginal_cost",
                                        "unit", "energy", "nonfossil"])
    frame["nonfossil_share"] = frame["nonfossil"] / frame["energy"].where(frame["energy"] != 0)
    frame["energy_unit"] = "ktce/yr"
    members = {r: [r] for r in d.regions} | _scopes(d)
    gdp = []
    for region, year in zip(frame["region"], frame["year"], strict=True):
        parts = [d.regional_drivers.get(("gdp", r)) for r in members[region]]
        known = all(p is not None for p in parts)
        gdp.append(sum(float(p[d.year_index[year]]) for p in parts) if known else np.nan)
    frame["gdp"] = gdp
    frame["carbon_intensity"] = frame["value"] / frame["gdp"]
    frame["intensity_unit"] = "MCNY; kt/MCNY"
    out["emissions_region"] = frame
    link_rows = []
    capacity = out["capacity"].set_index(["technology", "year"])["total"] \
        if len(out["capacity"]) else pd.Series(dtype=float)
    for t in d.techs.values():
        if t.link is None or t.link.backward:
            continue
        back = d.techs.get(f"{t.code}~back")
        ratio = next(iter(t.inputs.values()))
        com_unit = d.commodities.loc[next(iter(t.inputs)), "unit"]
        for y in d.years:
            fwd = ratio * value(m.activity[t.code, y])
            bwd = ratio * value(m.activity[back.code, y]) if back is not None else 0.0
            cap = float(capacity.get((t.code, y), np.nan)) if t.capacitated else np.inf
            link_rows.append((t.code, t.link.commodity, t.link.source, t.link.target, y, fwd,
                              bwd, (fwd + bwd) * (1 - t.link.loss), (fwd + bwd) * t.link.loss,
                              cap, t.capacity_unit, f"{com_unit}/yr"))
    out["links"] = pd.DataFrame(link_rows, columns=[
        "link", "commodity", "from_region", "to_region", "year", "forward", "backward",
        "delivered", "losses", "capacity", "capacity_unit", "unit"])
    return out
