r"""The 15th Five-Year Plan's indicators and the scenario targets, as rows of ``m.target``.

Definitions and sources: ``docs/scenarios.md`` ("Indicators"). Every row is linear in the
model's variables; :math:`E_y` is the emissions on the dataset's basis (kt),
:math:`\mathrm{TE}_y` the energy consumption (ktce) of :func:`carbonpath.model.targets.
energy_total`.

* ``emission_limits``: :math:`E_y \le L_y` for each listed year (a total-emissions limit by
  year, 碳排放总量控制).
* ``coal_cap``: :math:`\sum_p c_{p} \bar A_{p,y} \le C` with :math:`c_p` the standard-coal
  content (ktce) of the solid coal-family fuels, coke included, that a technology brings into
  the region (purchases and local production), converted by GB/T 2589-2020. This is the
  coal group of the energy balance counted where it enters the region: coke bought from
  outside counts, coke made in the region counts through the coal its ovens take (a
  transformation input) and not again (``docs/scenarios.md``); with a ``region``, of the
  technologies of those regions only.
* ``energy_intensity_adjusted``: :math:`\mathrm{TE}^{adj}_Y \le (1-x)\,(\mathrm{GDP}_Y /
  \mathrm{GDP}_{Y_0})\, \mathrm{TE}^{adj}_{Y_0}` where :math:`\mathrm{TE}^{adj}` excludes
  fossil energy used as raw material (inputs with ``use = feedstock``, in both years, GDP
  unchanged: 发改环资〔2022〕803号) and, in year Y, the non-fossil energy added since
  :math:`Y_0` (:math:`\mathrm{NF}_Y - \mathrm{NF}_{Y_0}`), which approximates the new
  renewable electricity of 发改运行〔2022〕1258号 (what differs: ``docs/scenarios.md``).
* ``nonfossil_share_convention``: :math:`\mathrm{NF}'_Y - s\,\mathrm{TE}'_Y \ge 0` with the
  primary electricity counted by the named convention (``calorific`` or
  ``coal_consumption``), whatever the dataset's own convention.
* ``sector_peak``: :math:`E^s_{y+1} \le E^s_y` for every :math:`y \ge P` (one sector's
  emissions on the dataset's basis).
* ``frozen_mix``: new capacity keeps the base year's mix: technologies absent in the base
  year (and not committed) build nothing, and the investable producers of a commodity split
  each year's new capacity in proportion to their base-year capacity (the frozen-technology
  BAU; see :func:`_frozen_mix`).

``coal_cap``, ``energy_intensity_adjusted`` and ``nonfossil_share_convention`` may name a
``region`` (a region, a group of regions or a list): their energy, coal, feedstock and
non-fossil sums then count the technologies of those regions only (a link counts nothing,
as in :func:`carbonpath.model.targets.energy_total`), and ``energy_intensity_adjusted``
divides by the sum of those regions' GDP (``drivers.csv`` rows of ``gdp`` with their
``region``).
"""

from __future__ import annotations

import math
from typing import Any

import pyomo.core as pyo

from carbonpath.dataset.target_domains import year_text
from carbonpath.errors import DataError, Problem
from carbonpath.model.data import ModelData
from carbonpath.model.network import driver_of
from carbonpath.model.targets import (
    TargetRow,
    _quantity,
    energy_total,
    nonfossil_total,
    target_regions,
)
from carbonpath.units import CALORIFIC_EQUIVALENT

__all__ = ["add_indicator_target", "coal_total", "feedstock_total"]

SOLID_COAL = ("raw_coal", "anthracite", "bituminous_coal", "sub_bituminous_coal", "lignite",
              "cleaned_coal", "other_washed_coal", "briquettes", "gangue", "coke")
"""Fuels counted as coal consumption (fuels.csv group coal, solid)."""


def _fuel_coefficients(d: ModelData, k: int) -> dict[str, float]:
    """Ktce per unit of each fuel commodity, from the technologies that supply it."""
    out: dict[str, float] = {}
    for t in d.techs.values():
        if t.kind in ("import", "supply") and t.energy_tce is not None and len(t.outputs) == 1:
            (com, ratio), = t.outputs.items()
            if ratio and t.energy_tce[k]:
                out.setdefault(com, float(t.energy_tce[k]) / ratio)
    return out


def coal_total(m: pyo.ConcreteModel, d: ModelData, year: int,
               regions: set[str] | None = None) -> Any:
    """Coal consumption in ``year``, ktce: solid coal-family fuels entering the region.

    ``regions``: count only the purchases and production of these regions (None: all).
    """
    k = d.year_index[year]
    coeff = _fuel_coefficients(d, k)
    terms = []
    for t in d.techs.values():
        if t.kind not in ("import", "supply") or (regions is not None
                                                   and t.region not in regions):
            continue
        for com, ratio in t.outputs.items():
            if d.commodities.loc[com, "fuel"] in SOLID_COAL and com in coeff:
                terms.append(ratio * coeff[com] * m.activity[t.code, year])
    return sum(terms)


def feedstock_total(m: pyo.ConcreteModel, d: ModelData, year: int,
                    regions: set[str] | None = None) -> Any:
    """Fossil energy used as raw material (原料用能) in ``year``, ktce (``use = feedstock``).

    ``regions``: count only the technologies of these regions (None: all; a link counts
    nothing).
    """
    k = d.year_index[year]
    coeff = _fuel_coefficients(d, k)
    terms = []
    for t in d.techs.values():
        if regions is not None and (t.region not in regions or t.link is not None):
            continue
        for com, ratio in t.inputs.items():
            if t.uses.get(com) == "feedstock" and com in coeff:
                terms.append(ratio * coeff[com] * m.activity[t.code, year])
    return sum(terms)


def _electricity_terms(m: pyo.ConcreteModel, d: ModelData, year: int,
                       convention: str, regions: set[str] | None = None) -> tuple[Any, Any]:
    """TE and NF of ``year`` with primary electricity by ``convention`` (ktce).

    ``regions``: of the technologies of these regions only (None: the whole model).
    """
    k = d.year_index[year]
    own = d.primary_electricity
    if convention == own:
        return energy_total(m, d, year, regions), nonfossil_total(m, d, year, regions)
    calorific = CALORIFIC_EQUIVALENT.to("ktce/GWh").magnitude
    rate = d.drivers.get("thermal_power_coal_rate")
    if rate is None:
        raise DataError(Problem("the coal-consumption convention needs drivers.csv "
                                "thermal_power_coal_rate", file="drivers.csv", column="driver"))
    ratio = calorific / rate[k] if convention == "calorific" else rate[k] / calorific
    te, nf = [], []
    for t in d.techs.values():
        if t.kind == "storage" or t.energy_tce is None or (
                regions is not None and (t.region not in regions or t.link is not None)):
            continue
        elec = any(d.commodities.loc[c, "kind"] == "electricity"
                   for c in (*t.outputs, *t.inputs))
        trade_or_clean = t.kind in ("import", "export") or t.nonfossil
        scale = float(ratio) if elec and trade_or_clean else 1.0
        if t.energy_tce[k]:
            te.append(scale * float(t.energy_tce[k]) * m.activity[t.code, year])
        if t.nonfossil_tce[k]:
            nf.append(scale * float(t.nonfossil_tce[k]) * m.activity[t.code, year])
    return sum(te), sum(nf)


def _where(regions: set[str] | None) -> str:
    """`` in a+b`` for a target on some regions (empty for the whole model)."""
    return "" if regions is None else " in " + "+".join(sorted(regions))


def _sector_emissions(m: pyo.ConcreteModel, d: ModelData, sector: str, year: int) -> Any:
    k = d.year_index[year]
    return sum(float(t.target_factor[k]) * m.activity[t.code, year] for t in d.techs.values()
               if t.sector == sector and t.kind != "storage" and t.target_factor[k] != 0)


def add_indicator_target(m: pyo.ConcreteModel, d: ModelData, target: dict[str, Any],
                         exprs: dict, rows: dict) -> None:
    """Add the rows of one indicator target to ``exprs`` and ``rows`` (see the module).

    Raises
    ------
    DataError
        A value of the wrong type or unit, an unknown sector or convention, a reference
        year that is not a model year (names plan.yaml and the key).
    """
    name, kind = target["name"], target["type"]
    gas_unit = "kt CO2" if d.emissions["gas"] == "CO2" else "kt CO2e"
    decision = d.decision_years

    def bad(key: str, message: str, valid: str) -> DataError:
        """The :class:`DataError` for an invalid ``key`` of this target (returned, not raised)."""
        return DataError(Problem(f"target '{name}': {message}", file="plan.yaml",
                                 key=f"targets.{name}.{key}", value=target.get(key),
                                 valid=valid))

    if kind == "emission_limits":
        values = target["values"]
        if not isinstance(values, dict) or not values:
            raise bad("values", "values must map model years to limits",
                      "e.g. {2030: 50, 2035: 46}")
        factor = _quantity({"value": 1.0, "unit": target["unit"]}, "value", gas_unit, name)
        for y, v in values.items():
            if y not in d.year_index or not isinstance(v, (int, float)):
                raise bad("values", year_text(y)
                          or f"{y}: {v} is not a model year with a number",
                          f"years {d.years[0]} .. {d.years[-1]}")
            exprs[(name, int(y))] = (None, m.emissions[int(y)], float(v) * factor)
            rows[(name, int(y))] = TargetRow(name, kind, int(y), "<=", f"emissions in {y}",
                                             "kt")
    elif kind == "coal_cap":
        level = _quantity(target, "value", "ktce", name)
        regions = target_regions(d, target)
        for y in target.get("years") or decision:
            exprs[(name, y)] = (None, coal_total(m, d, y, regions), level)
            rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                        f"coal consumption in {y}{_where(regions)}", "ktce")
    elif kind == "energy_intensity_adjusted":
        y, ref, x = int(target["year"]), int(target["relative_to"]), float(target["value"])
        if ref not in d.year_index:
            raise bad("relative_to", f"{ref} is not a model year", f"{d.years[0]} .. {y}")
        exclude = target.get("exclude", ["feedstock", "new_renewable"])
        if not isinstance(exclude, list) or set(exclude) - {"feedstock", "new_renewable"}:
            raise bad("exclude", "unknown exclusion", "feedstock, new_renewable")
        gdp = driver_of(d, target, "gdp")  # of the target's regions (default: the dataset's)
        if gdp is None:
            raise DataError(Problem(f"target '{name}' needs the gdp driver", file="drivers.csv",
                                    column="driver"))
        regions = target_regions(d, target)

        def adjusted(year: int) -> Any:
            """Total energy use in ``year``, less feedstock use when the target excludes it."""
            out = energy_total(m, d, year, regions)
            if "feedstock" in exclude:
                out = out - feedstock_total(m, d, year, regions)
            return out

        growth = float(gdp[d.year_index[y]] / gdp[d.year_index[ref]])
        body = adjusted(y) - (1 - x) * growth * adjusted(ref)
        if "new_renewable" in exclude:
            body = body - (nonfossil_total(m, d, y, regions) - nonfossil_total(m, d, ref, regions))
        exprs[(name, y)] = (None, body, 0.0)
        rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                    f"adjusted energy intensity in {y}{_where(regions)}",
                                    "ktce")
    elif kind == "nonfossil_share_convention":
        y, s = int(target["year"]), float(target["value"])
        conv = target["convention"]
        if conv not in ("calorific", "coal_consumption"):
            raise bad("convention", f"unknown convention '{conv}'",
                      "calorific, coal_consumption")
        regions = target_regions(d, target)
        te, nf = _electricity_terms(m, d, y, conv, regions)
        exprs[(name, y)] = (0.0, nf - s * te, None)
        rows[(name, y)] = TargetRow(name, kind, y, ">=",
                                    f"non-fossil energy ({conv}) in {y} above {s:.0%}"
                                    f"{_where(regions)}", "ktce")
    elif kind == "sector_peak":
        sector, P = target["sector"], int(target["year"])
        sectors = {t.sector for t in d.techs.values()}
        if sector not in sectors:
            raise bad("sector", f"no technology of sector '{sector}'",
                      ", ".join(sorted(sectors)))
        for y in d.years[:-1]:
            exprs[(name, y)] = (None, _sector_emissions(m, d, sector, y + 1)
                                - _sector_emissions(m, d, sector, y), 0.0 if y >= P else math.inf)
            rows[(name, y)] = TargetRow(name, kind, y, "<=",
                                        f"rise of {sector} emissions from {y} to {y + 1}", "kt")
    elif kind == "frozen_mix":
        _frozen_mix(m, d, name, exprs, rows)


def _frozen_mix(m: pyo.ConcreteModel, d: ModelData, name: str, exprs: dict,
                rows: dict) -> None:
    """New capacity keeps the base year's mix: entrants stay out, builds split by base shares.

    For each commodity, its producers are the technologies whose main output it is (the
    first output with ratio 1, else the first). Where a producer with base-year output can be
    built without a limit (no ``max_capacity`` or ``max_new_capacity``), a producer without
    base-year output (or storage of the commodity) builds nothing, unless committed
    (``min_capacity`` / ``min_new_capacity``); otherwise the entrants stay allowed, as the
    replacement of retiring plants the incumbents cannot make. The investable
    producers with base-year output (two or more, in one capacity unit, not fixed-utilisation
    fleets, which their vintages size) split every year's new capacity in proportion to their
    base-year capacity. Existing plants run, retire and are dispatched as in any scenario;
    imports are not capacity.
    """
    base = d.base_year
    main: dict[tuple[str, str], list] = {}
    entrants: dict[str, list] = {}

    def product(t: Any) -> str:
        """The main product of ``t``: its first output of ratio 1, else its first output."""
        return next((c for c, r in t.outputs.items() if r == 1.0), next(iter(t.outputs)))

    for t in d.techs.values():
        if t.kind == "export" or not t.investable or not (t.outputs or t.storage):
            continue
        committed = "min_capacity" in t.bounds or "min_new_capacity" in t.bounds
        present = t.observed.get(base, 0.0) > 0 or float(t.residual[0]) > 0
        if committed:
            continue
        if t.kind == "storage" or not present:
            entrants.setdefault(t.storage.commodity if t.storage else product(t), []).append(t)
        elif not t.fixed_utilisation:  # a fixed-utilisation fleet is sized by its vintages
            main.setdefault((product(t), t.capacity_unit), []).append(t)
    incumbents = {com for (com, _), techs in main.items()  # an unlimited one can replace
                  if any(not {"max_capacity", "max_new_capacity"} & set(t.bounds) for t in techs)}
    for com, techs in entrants.items():
        if com not in incumbents:
            continue  # no base-year producer can be built: the entrant replaces retirements
        for t in techs:
            for y in d.decision_years:  # no vintage in an observed year
                key = (f"{name}:entrant:{t.code}", y)
                exprs[key] = (None, m.new_capacity[t.code, y], 0.0)
                rows[key] = TargetRow(name, "frozen_mix", y, "<=",
                                      f"no new {t.code} (absent in {base})",
                                      f"{t.capacity_unit}/yr")
    for (com, unit), makers in main.items():
        total = sum(float(t.residual[0]) for t in makers)
        if len(makers) < 2 or total <= 0:
            continue
        for y in d.decision_years:  # no vintage in an observed year
            built = sum(m.new_capacity[t.code, y] for t in makers)
            for t in makers:
                s = float(t.residual[0]) / total
                key = (f"{name}:{com}:{t.code}", y)
                exprs[key] = (0.0, m.new_capacity[t.code, y] - s * built, 0.0)
                rows[key] = TargetRow(name, "frozen_mix", y, "=",
                                      f"{t.code}'s share of new {com} capacity at its {base} "
                                      f"share {s:.3f}", f"{unit}/yr")
