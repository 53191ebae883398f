"""Orchestrate ``carbonpath init``: balance + production + capacity + drivers -> a Draft.

Data flow: the balance's tidy activity (the accounting wing's reading) is split into plant
fuel, local generation, trade, final consumption and non-energy use; :mod:`.supply` and
:mod:`.demand` turn each part into technologies; drivers and growth give the projections;
:func:`build_draft` returns the :class:`~carbonpath.init.draft.Draft` with the dataset's
configuration and plan.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.catalogue import Catalogue
from carbonpath.dataset.series_slips import warn_driver_series
from carbonpath.errors import CarbonpathWarning, DataError, ImplausibleValueError, Problem
from carbonpath.init.balance_checks import (
    check_statistical_difference,
    refuse_standard_coal_columns,
    refuse_uncounted_fuels,
)
from carbonpath.init.demand import add_devices, add_options, add_products, sector_index
from carbonpath.init.draft import ACCEPTED, A, Draft
from carbonpath.init.driver_checks import check_growth_used, warn_growth_gaps
from carbonpath.init.driver_years import before_base, growth_unread, late_years
from carbonpath.init.mapping import Mapping
from carbonpath.init.profiles import ProvinceProfiles
from carbonpath.init.routes import add_routes
from carbonpath.init.supply import (
    GENERATION_SECTORS,
    FuelUnits,
    add_generation,
    add_plants,
    add_supply,
    add_trade,
)

__all__ = ["DEFAULT_GROWTH", "build_draft"]

#: Growth when no growth file is given (assumptions, listed in the README to replace first).
DEFAULT_GROWTH = {"gdp": [(2000, 2030, 0.05), (2030, 2035, 0.045), (2035, 2100, 0.035)],
                  "population": [(2000, 2100, 0.0)]}
#: National non-fossil share of generation used when the drivers give none (assumption).
NONFOSSIL_SHARE = {2000: 0.2, 2022: 0.36, 2030: 0.5, 2035: 0.6, 2060: 0.9}
_LINE = re.compile(r"line (\d+)")


def _line(note: Any) -> int | str:
    m = _LINE.search(str(note))
    return int(m.group(1)) if m else ""


def build_draft(bs: Any, production: Any, capacity: pd.DataFrame, drivers: pd.DataFrame,
                growth: pd.DataFrame, *, region: str, base_year: int, horizon: int,
                catalogue: Catalogue, mapping: Mapping, profiles: ProvinceProfiles,
                method: str = "provincial", factors: Any = None,
                allow_implausible: bool = False) -> Draft:
    """Build the dataset's tables from the statistics.

    Parameters
    ----------
    bs : BalanceSheet
        The energy balance of the base year (:func:`carbonpath.read_energy_balance`).
    production : Production or None
        Industrial output (:func:`carbonpath.read_production`).
    capacity, drivers, growth : pandas.DataFrame
        From :mod:`carbonpath.init.inputs`.
    region, base_year, horizon, method
        The dataset's region code, base year, last model year, emissions method.
    catalogue, mapping, profiles
        Catalogue, mapping table, the province's profiles.
    allow_implausible : bool
        Accept calibrated values outside their plausible ranges (plant efficiencies against
        the catalogue class, full-load hours against the type) with a warning and a README
        line instead of refusing them.

    Returns
    -------
    Draft

    Raises
    ------
    DataError
        Every problem at once: unmapped balance cells or products (file, line, column),
        capacity without generation or the reverse, missing profiles or grid factors.
    ImplausibleValueError
        A calibrated plant efficiency or full-load hours outside the plausible range, or a
        statistical difference above 10 % of the fuel's supply, naming the balance rows and
        columns (unless ``allow_implausible``).
    """
    from carbonpath.factors import bundled_factors

    table = factors if factors is not None else bundled_factors()
    chain = table.regions.chains[region]
    d = Draft(catalogue, region, chain, base_year, horizon)
    problems: list[Problem] = []
    name = bs.source
    sheet = getattr(bs, "sheet", None)
    name_sheet = (f"{name}, sheet '{sheet}'" if sheet and not name.endswith(f", sheet '{sheet}'")
                  else name)  # A81: which sheet was read (bs.source names it since T50)
    headers = (dict(zip(bs.flows["fuel"], bs.flows["column"], strict=True))
               if "column" in bs.flows else {})
    units = FuelUnits(table, region, base_year, sheet=name_sheet, headers=headers)
    act = bs.activity.copy()
    act["line"] = [_line(n) for n in act["note"]]
    refuse_uncounted_fuels(act, table, name_sheet, headers)  # round 25 KA15: 煤矸石
    refuse_standard_coal_columns(act, table, name_sheet, headers)  # round 26 KB04/KB05
    canon = [units.canonical(f, u, g) for f, u, g in
             zip(act["fuel"], act["unit"], act.get("gas_condition", [""] * len(act)),
                 strict=True)]
    act["model_unit"] = [c[0] for c in canon]
    act["model_value"] = act["value"].astype(float) * np.array([c[1] for c in canon])
    model_unit = dict(zip(act["fuel"], act["model_unit"], strict=False))
    use: dict[str, float] = {}
    d.read.append(f"energy balance sheet `{name_sheet}`: {len(bs.flows)} numbers, "
                  f"{len(act)} activity rows, every total checked")

    def rows(mask: pd.Series) -> pd.DataFrame:
        """The rows of the activity table selected by the boolean ``mask``."""
        return act[mask]

    gen = act["use"] == "generation"
    comb = act["use"] == "combustion"
    for role, sector, carrier in (("power", "thermal_power", "electricity"),
                                  ("heat", "heat_supply", "heat")):
        out = rows(gen & (act["sector"] == sector) & (act["fuel"] == carrier))
        burned = rows(comb & (act["sector"] == sector))
        if len(burned) or len(out):
            if carrier == "heat":
                d.commodity("heat", "Heat (热力)", "GJ", "annual", "heat", "heat")
            else:
                d.commodity("electricity", "Electricity (电力)", "MWh", "timeslice",
                            "electricity", "electricity")
        used = add_plants(d, burned, out.iloc[0] if len(out) else None, role, capacity,
                          mapping, units, name, problems)
        for r in burned.itertuples():
            use[r.fuel] = use.get(r.fuel, 0.0) + r.model_value
        if role == "power":
            thermal_types = used
    d.commodity("electricity", "Electricity (电力)", "MWh", "timeslice", "electricity",
                "electricity")
    local = rows(gen & act["sector"].isin(GENERATION_SECTORS))
    renewable_types = add_generation(d, local, capacity, mapping, profiles, name, problems)
    cap_file = capacity.attrs.get("file", "capacity")
    for r in capacity.itertuples():
        if r.type not in thermal_types | renewable_types and r.mw > 0:
            problems.append(Problem(
                f"capacity '{r.type}' ({r.mw:,.0f} MW) has no generation in the balance: "
                "capacity without generation", file=cap_file, row=r.line, column="type",
                value=r.type, valid="capacity whose fuel or generation row is in the balance"))
    final = rows(act["use"].isin(["combustion", "consumption"])
                 & ~act["sector"].isin(["thermal_power", "heat_supply", "transfers"]))
    services = add_devices(d, final, mapping, units, profiles, name, problems, use)
    heat_made = any(f["commodity"] == "heat" and f["direction"] == "output" for f in d.flows)
    for r in final[final["fuel"] == "heat"].itertuples():
        if not heat_made:
            problems.append(Problem(
                f"{r.sector} consumes heat but the balance shows no heat supply (供热) row "
                "producing it", file=name, row=r.line, column="heat",
                valid="a heat_supply row with its fuel inputs and heat output"))
    for r in rows(act["use"] == "non_energy").itertuples():
        d.fuel_commodity(r.fuel, r.model_unit)
        use[r.fuel] = use.get(r.fuel, 0.0) + r.model_value
        services[f"nonenergy:{r.fuel}:{r.sector}"] = {
            "sector": r.sector, "commodity": r.fuel, "unit": r.model_unit, "base": r.model_value,
            "line": r.line}
    for r in rows(act["use"] == "transformation_input").itertuples():
        d.not_modelled.append(f"{r.sector} input of {r.value:g} {r.unit} {r.fuel} (line "
                              f"{r.line}): a transformation input, counted where its products "
                              "are used (as in the inventory); the products are purchased")
    handled = {"generation", "combustion", "consumption", "non_energy",
               "transformation_input", "import", "export"}
    for r in rows(~act["use"].isin(handled)).itertuples():
        problems.append(Problem(f"activity use '{r.use}' of {r.fuel} in {r.sector} is not "
                                "handled by carbonpath init", file=name, row=r.line,
                                column=r.fuel))
    trade = rows(act["use"].isin(["import", "export"]) & (act["fuel"] == "electricity"))
    for r in rows(act["use"].isin(["import", "export"]) & (act["fuel"] != "electricity")
                  ).itertuples():
        d.not_modelled.append(f"{r.use} of {r.fuel} (line {r.line}): fuel trade is not a "
                              "model variable (fuels are purchased)")
    supply_rows = bs.flows[(bs.flows["section"] == "supply") & bs.flows["leaf"]
                           & (bs.flows["fuel"] != "electricity") & (bs.flows["kind"] == "fuel")]
    for fuel, rows_f in supply_rows.groupby("fuel", sort=False):
        items = ", ".join(f"{i} {v:g}" for i, v in zip(rows_f["item"], rows_f["value"],
                                                       strict=True))
        d.not_modelled.append(f"supply of {fuel} ({items} {rows_f['unit'].iloc[0]}; lines "
                              f"{', '.join(str(x) for x in rows_f['line'].unique())}): the "
                              "model buys each fuel at its modelled use (local mining, "
                              "inflows, outflows and stock changes are not model variables)")
    losses = bs.flows[(bs.flows["item"] == "losses") & bs.flows["leaf"]]
    series = _drivers(d, drivers, growth, table, problems)
    elec_use = sum(r.model_value for r in final.itertuples() if r.fuel == "electricity")
    network_losses = {}
    for r in losses.itertuples():
        if r.fuel in ("electricity", "heat") and r.value:
            _, f = FuelUnits.canonical(r.fuel, r.unit)
            network_losses[r.fuel] = (r.value * f, r.line)
            if r.fuel == "electricity":
                elec_use += r.value * f
        elif r.value:
            d.not_modelled.append(f"losses of {r.value:g} {r.unit} {r.fuel} (line {r.line}): "
                                  "not combustion, no emissions in the inventory either")
    exports = float(trade.loc[trade["use"] == "export", "model_value"].sum())
    add_trade(d, trade, (elec_use + exports) / 8760, name)
    _storage_power(d, capacity, mapping, (elec_use + exports) / 8760,
                   f"the balance's electricity use with losses ({elec_use / 1e3:,.0f} GWh) "
                   f"and exports ({exports / 1e3:,.0f} GWh) / 8,760 h")  # KE41 KE42
    add_options(d, {k: v for k, v in services.items() if "devices" in v}, mapping, units,
                profiles, use, model_unit, problems)
    prod_file = production.source if production is not None else ""
    add_products(d, _production_rows(production), mapping, prod_file, problems)
    DataError.collect(problems, "carbonpath init")
    check_statistical_difference(d, bs, name)
    add_routes(d, services, mapping, units, profiles, use, model_unit, region, table)
    _implausible(d, allow_implausible)  # after add_routes: its production checks too
    for carrier, (amount, line) in network_losses.items():
        _losses(d, carrier, amount, line, name)
    _projections(d, services, series)
    _build_limits(d, services, elec_use / 8760)
    add_supply(d, use, model_unit, units)
    _unpriced(d)
    return d


def _unpriced(d: Draft) -> None:
    """Write a 0 cost, said aloud, where the catalogue gives none (R86-R88).

    The model refuses a buildable technology without ``capex``, a buildable store without
    ``capex_energy`` and an import without ``variable_cost`` (:mod:`carbonpath.model.cost_rows`):
    a lost row would make the thing free. init's aggregate end uses (``industry_electricity``)
    and its process routes have no cost in the catalogue, so their new capacity is free; the
    row says so, and the list of values to replace first names them.
    """
    given = {(p["technology"], p["parameter"]) for p in d.parameters}
    free = []
    for code, t in d.technologies.items():
        needed = []
        if t["investable"] == "true" and t["kind"] not in ("import", "export"):
            needed.append(("capex", f"CNY/({t['capacity_unit']})"))
            if t["kind"] == "storage":
                needed.append(("capex_energy", "CNY/kWh"))
        if t["kind"] == "import":
            needed.append(("variable_cost", f"CNY/({t['activity_unit']})"))
        for name, unit in needed:
            if (code, name) not in given:
                d.param(code, name, 0.0, unit, A + f"the catalogue {d.catalogue.label} gives "
                        f"no {name} for {t.get('_catalogue', code)}: taken as free")
                free.append(f"{code} {name}")
    if free:
        d.replace_first.append(f"the costs the catalogue lacks, written as 0 (free): "
                               f"{', '.join(free)}")


def _storage_power(d: Draft, capacity: pd.DataFrame, mapping: Mapping, load_mw: float,
                   load_text: str) -> None:
    """Electricity storage of the capacity input against the average load (KE41, KE42).

    Above :data:`carbonpath.dataset.storage_power.RATIO` times the load it is implausible
    (refused unless ``allow_implausible``), above ``WARN_RATIO`` a
    :class:`~carbonpath.dataset.storage_power.StoragePowerWarning`, naming the row.
    """
    from carbonpath.dataset.storage_power import RATIO, StoragePowerWarning, storage_note
    from carbonpath.init.supply import STORAGE_HOURS

    cap_file = capacity.attrs.get("file", "capacity")
    stores = [(f"{cap_file} row {r.line} '{r.type}'", float(r.mw), r.line)
              for r in capacity.itertuples() if r.mw > 0
              and (m := mapping.item("capacity", r.type)) is not None
              and m["technology"] in STORAGE_HOURS]
    note = storage_note([s[:2] for s in stores], load_mw, load_text)
    if note is None:
        return
    _, mw, line = max(stores, key=lambda s: s[1])
    if note[0] > RATIO:
        d.implausible.append(Problem(
            note[1], file=cap_file, row=line, column="value", value=f"{mw:,.0f} MW",
            valid=f"{note[2]}; or pass allow_implausible=True (CLI --allow-implausible) if "
                  "the capacity is right"))
    else:
        warnings.warn(f"{cap_file}, row {line}, column 'value': {note[1]}; valid: {note[2]}; "
                      "nothing to change if it is right", StoragePowerWarning, stacklevel=4)


def _implausible(d: Draft, allow: bool) -> None:
    """Refuse ``d.implausible`` or, when ``allow``, warn and list it in the README."""
    if not d.implausible:
        return
    if not allow:
        raise ImplausibleValueError(d.implausible, "carbonpath init")
    text = "; ".join(p.message for p in d.implausible)
    warnings.warn(f"carbonpath init accepted implausible values (allow_implausible): {text}",
                  CarbonpathWarning, stacklevel=3)
    for p in d.implausible:
        d.assumed.append(f"{ACCEPTED}: {p.message}")


def _losses(d: Draft, carrier: str, amount: float, line: Any, name: str) -> None:
    """Network losses (损失量) as a share of every unit sent into the network.

    The share is the balance's losses over what the base year's technologies send in
    (local output and imports); every output of ``carrier`` is scaled by 1 - share. Losses
    are then no consumer: the GPC method counts scope 2 where electricity and heat are
    consumed, as the inventory of the same balance does.
    """
    flows = [f for f in d.flows if f["commodity"] == carrier and f["direction"] == "output"]
    sent = sum(f["value"] * d.observed.get(f["technology"], 0.0) for f in flows)
    if sent <= 0:
        d.not_modelled.append(f"losses of {carrier} (line {line}): nothing is produced")
        return
    share = amount / sent
    for f in flows:
        f["value"] = f["value"] * (1 - share)
        f["source"] = (f"{f['source']}; x (1 - {share:.6g}) network losses (balance {name}, "
                       f"line {line}: losses / what the base year sends into the network)")
    d.assumed.append(f"network losses of {carrier}: {share:.3%} of every unit produced or "
                     f"imported (the balance's losses, line {line}), for new plants too")


#: Stock turnover: new capacity per year of a device, as a share of its service's base-year
#: demand (assumption, as the Liaocheng dataset's DEVICE_BUILD_SHARE); power and storage
#: options: a share of the base year's average load (MW) per year.
DEVICE_BUILD_SHARE = 0.10
POWER_BUILD_SHARE = 0.05
#: Sectors whose existing devices run at fixed utilisation (the stock serves until it
#: retires; new devices replace it): buildings, farms and vehicles.
FIXED_SECTORS = ("residential", "commercial", "other_services", "agriculture", "transport")


def _build_limits(d: Draft, services: dict[str, dict], avg_load_mw: float) -> None:
    """Build-rate limits on every investable technology, and stock turnover of devices.

    Without them a least-cost model rebuilds the city's energy system in the first
    decision year (resource potentials and supply chains are not in the statistics).
    """
    from carbonpath.init.demand import _top

    outputs: dict[str, str] = {}
    for f in d.flows:
        if f["direction"] == "output":
            outputs.setdefault(f["technology"], f["commodity"])
    util = {p["technology"]: float(p["value"]) for p in d.parameters
            if p["parameter"] == "utilisation"}
    heat_base = sum(v for t, v in d.observed.items() if outputs.get(t) == "heat")
    for code, tech in d.technologies.items():
        out = outputs.get(code, tech.get("storage_commodity") or "")
        if tech["kind"] == "demand" and code in d.observed and _top(tech["sector"]) in \
                FIXED_SECTORS:
            tech["fixed_utilisation"] = "true"
        if tech["investable"] != "true":
            continue
        cap_u = tech["capacity_unit"]
        serving = sum(1 for o in outputs.values() if o == out)
        if serving < 2:
            continue  # the only way to serve it (electric services): no limit
        if out in services and "devices" in services[out]:
            total = services[out].get("total", services[out]["base"])  # routes use part
            limit = DEVICE_BUILD_SHARE * total / util.get(code, 1.0)
            why = f"{DEVICE_BUILD_SHARE:.0%} of the service's base-year demand per year"
        elif out == "electricity":
            limit = POWER_BUILD_SHARE * avg_load_mw
            why = f"{POWER_BUILD_SHARE:.0%} of the base year's average load per year"
        elif out == "heat" and heat_base > 0:
            limit = DEVICE_BUILD_SHARE * heat_base / util.get(code, 1.0)
            why = f"{DEVICE_BUILD_SHARE:.0%} of the base year's heat output per year"
        else:
            continue
        d.param(code, "max_new_capacity", limit, f"({cap_u})/yr",
                A + f"build-rate limit: {why} (stock turnover, supply chains, resource "
                "potentials): replace with the city's potentials and plans")
    d.assumed.append(f"build-rate limits: devices {DEVICE_BUILD_SHARE:.0%} of their service's "
                     f"base-year demand per year, power and storage {POWER_BUILD_SHARE:.0%} "
                     "of the average load per year each; existing devices of buildings, farms "
                     "and transport run at fixed utilisation until they retire")
    d.replace_first.append("resource potentials (max_capacity) and build-rate limits "
                           "(max_new_capacity) of PV, wind and the other options")


def _production_rows(production: Any) -> pd.DataFrame | None:
    if production is None:
        return None
    data = production.data
    return pd.DataFrame({"product": data["product"].astype(str),
                         "technology": data["technology"].astype(str).replace("nan", ""),
                         "quantity": data["quantity"].astype(float),
                         "line": data["row"].astype(int)})


def _series(d: Draft, rows: pd.DataFrame, growth: pd.DataFrame, driver: str
            ) -> tuple[dict[int, float], list[str]]:
    """A driver over the model years: given years interpolated, growth beyond the last."""
    given = rows[rows["driver"] == driver].sort_values("year")
    known = {int(y): float(v) for y, v in zip(given["year"], given["value"], strict=True)
             if y >= d.base_year}
    years = sorted(known)
    out: dict[int, float] = {}
    notes = []
    defaulted: dict[int, float] = {}
    for y in d.years:
        if years and years[0] <= y <= years[-1]:
            out[y] = float(np.interp(y, years, [known[k] for k in years]))
            continue
        rate, src = None, ""
        for r in growth[growth["driver"] == driver].itertuples():
            if r.start < y <= r.end:
                rate, src = r.rate, r.source
        if rate is None:
            rate = next(r for s, e, r in DEFAULT_GROWTH[driver] if s < y <= e)
            src = A + f"default {driver} growth {rate:.1%}/yr (carbonpath init)"
            notes.append(f"{driver} growth {rate:.1%}/yr in {y}")
            defaulted[y] = rate
        out[y] = out[y - 1] * (1 + rate)
        d.drivers.append({"driver": driver, "year": y, "value": out[y], "unit": _UNITS[driver],
                              "source": src})
    warn_growth_gaps(driver, defaulted, growth, growth.attrs.get("file", "growth"),
                     max([*years, d.base_year]))  # defaulted years lie after them
    for y in years:
        if y >= d.base_year:
            d.drivers.append({"driver": driver, "year": y, "value": known[y],
                              "unit": _UNITS[driver],
                                  "source": str(given.loc[given["year"] == y, "source"].iloc[0])})
    return out, notes


_UNITS = {"gdp": "亿元", "population": "万人", "grid_emission_factor": "t CO2/MWh",
          "thermal_power_coal_rate": "gce/kWh"}


def _drivers(d: Draft, drivers: pd.DataFrame, growth: pd.DataFrame, table: Any,
             problems: list[Problem]) -> dict[str, dict[int, float]]:
    series = {}
    before_base(d, drivers, problems)
    late_years(d, drivers)  # round 21 L18: 2072 typed for 2027, as the loader warns
    growth_unread(d, growth, problems)
    unused = check_growth_used(drivers, growth, d.base_year, d.horizon,  # round 18 S08, S09
                               drivers.attrs.get("file", "drivers"),
                               growth.attrs.get("file", "growth"))
    d.assumed.extend(f"growth not used: {text}" for text in unused)  # the README says it too
    for driver in ("gdp", "population"):
        series[driver], notes = _series(d, drivers, growth, driver)
        if notes:
            d.assumed.append(f"{driver}: the default growth ({notes[0]} ...)")
            d.replace_first.insert(0, f"{driver} growth (the default rates of carbonpath init)")
    try:
        grid = table.grid_factor(d.region, d.base_year, historical=True)
    except Exception as exc:
        problems.append(Problem(f"no grid emission factor for region '{d.region}' in "
                                f"{d.base_year}: {str(exc)[:160]}", column="--region",
                                value=d.region, valid="a region whose province or grid region "
                                "has a factor in factors/grid_factors.csv"))
        return series
    base_ef = float(grid.value.to("t CO2/MWh").magnitude)
    d.drivers.append({"driver": "grid_emission_factor", "year": d.base_year, "value": base_ef,
                          "unit": "t CO2/MWh", "source": f"{grid.source} (the inventory's factor)"})
    _base_grid_row(d, drivers, base_ef, str(grid.source))
    given = drivers[(drivers["driver"] == "grid_emission_factor")
                    & (drivers["year"] > d.base_year)]
    for r in given.itertuples():
        d.drivers.append({"driver": "grid_emission_factor", "year": r.year, "value": r.value,
                              "unit": "t CO2/MWh", "source": r.source})
    if given.empty or given["year"].max() < d.horizon:
        last = float(given.sort_values("year")["value"].iloc[-1]) if len(given) else base_ef
        d.drivers.append({"driver": "grid_emission_factor", "year": d.horizon, "value": last,
                              "unit": "t CO2/MWh", "source": A + "held at the last given value: "
                              "replace with the province's grid factor trajectory"})
        d.replace_first.insert(0, "the grid emission factor trajectory (held flat after the "
                               "last given year)")
    share = drivers[drivers["driver"] == "grid_nonfossil_share"].sort_values("year")
    for r in share.itertuples():
        d.drivers.append({"driver": "grid_nonfossil_share", "year": r.year, "value": r.value,
                              "unit": "1", "source": r.source})
    if share.empty or share["year"].min() > d.base_year or share["year"].max() < d.horizon:
        points = {y: v for y, v in NONFOSSIL_SHARE.items()
                  if (share.empty or y < share["year"].min() or y > share["year"].max())}
        for y in sorted(points):
            d.drivers.append({"driver": "grid_nonfossil_share", "year": y, "value": points[y],
                                  "unit": "1", "source": A + "national non-fossil share of "
                                  "generation (CEC: ~36% in 2022), rising to ~50% by 2030 and "
                                  "~60% by 2035 (assumption): replace with the province's"})
        if share.empty:
            d.replace_first.append("the non-fossil share of grid electricity (national values)")
        else:  # round-9 I17: the planner's years mixed with national ones, said aloud
            mixed = (f"the non-fossil share of grid electricity: the given years "
                     f"({', '.join(str(int(y)) for y in share['year'])}) are mixed with "
                     f"national values for {', '.join(str(y) for y in sorted(points))}")
            d.replace_first.append(mixed)
            if not problems:  # else init stops with those errors (a row before the base year)
                warnings.warn(f"carbonpath init: {mixed}; give the province's value for every "
                              "year of the series to replace them", CarbonpathWarning,
                              stacklevel=3)
    _coal_rate(d, drivers, table, problems)
    if not problems:
        _series_slips(d, drivers)
    return series


def _series_slips(d: Draft, drivers: pd.DataFrame) -> None:
    """Warn of one year far off its neighbours in the series init writes (I62).

    The series are the user's rows with init's own (national values, held values) between
    them, as ``drivers.csv`` will hold them; a warning names the user's file and row, or says
    that the value is init's.
    """
    written = pd.DataFrame(d.drivers, columns=["driver", "year", "value", "unit", "source"])
    user = {(r.driver, int(r.year)): r.line for r in drivers.itertuples()}
    label = drivers.attrs.get("file", "drivers")

    def where(i: int) -> str:
        """Where written row ``i`` came from: the user's drivers row, else the national series."""
        line = user.get((written.loc[i, "driver"], int(written.loc[i, "year"])))
        return (f"{label}, row {line}" if line is not None
                else "the value init wrote (a national or held value)")

    typed = drivers.attrs.get("as_written", {})  # the user's rows as typed (0.36 %, not 0.0036)
    for i in written.index:
        line = user.get((written.loc[i, "driver"], int(written.loc[i, "year"])))
        if line in typed:
            written.loc[i, "value"], written.loc[i, "unit"] = typed[line]
    warn_driver_series(written, where)  # the loader's check: dataset/series_slips.py


def _base_grid_row(d: Draft, drivers: pd.DataFrame, base_ef: float, source: str) -> None:
    """A planner's base-year ``grid_emission_factor`` row: not used, and said so (G06).

    The base year's factor stays the factor tables' because the inventory of
    ``activity.csv`` counts scope 2 with it, and the model's base year must equal that
    inventory; the planner's row is named in the README and printed as a notice.
    """
    row = drivers[(drivers["driver"] == "grid_emission_factor")
                  & (drivers["year"] == d.base_year)]
    for r in row.itertuples():
        text = (f"drivers: grid_emission_factor {d.base_year} = {float(r.value):g} t CO2/MWh "
                f"({r.source}) was not used; the base year keeps the factor tables' "
                f"{base_ef:g} t CO2/MWh ({source}), the factor of the inventory, so that the "
                "model's base year equals the inventory; rows after the base year are used "
                "as given")
        d.notices.append(text)


def _coal_rate(d: Draft, drivers: pd.DataFrame, table: Any, problems: list[Problem]) -> None:
    """drivers.csv's ``thermal_power_coal_rate`` rows (gce/kWh): the planner's, else national.

    The given rows from the base year on are written as given (G07/G11: they were dropped
    for the national value). Without a base-year row the national supply coal rate of the
    factor table fills the base year; after the last given year the last value is held to
    the horizon. A given row before the base year is an error (the model starts there).
    """
    given = drivers[drivers["driver"] == "thermal_power_coal_rate"].sort_values("year")
    given = given[given["year"] >= d.base_year]
    rows = {int(r.year): (float(r.value), str(r.source)) for r in given.itertuples()}
    if d.base_year not in rows:
        try:
            rate = table.coal_rate(d.base_year, "supply", historical=True)
        except Exception as exc:
            problems.append(Problem(f"no thermal power coal rate for {d.base_year}: {exc}",
                                    file="factors"))
            return
        rows[d.base_year] = (float(rate.value.to("gce/kWh").magnitude), f"{rate.source}")
    last = max(rows)
    if last < d.horizon:
        held = "the base-year national coal rate" if last == d.base_year and given.empty \
            else f"the last given value ({last})"
        rows[d.horizon] = (rows[last][0], A + f"held at {held}")
    for year in sorted(rows):
        value, source = rows[year]
        d.drivers.append({"driver": "thermal_power_coal_rate", "year": year, "value": value,
                          "unit": "gce/kWh", "source": source})


def _projections(d: Draft, services: dict[str, dict], series: dict[str, dict[int, float]]
                 ) -> None:
    """Demands of services, non-energy fuels and losses, projected with sector indices."""
    told = set()
    for key, info in services.items():
        index, how = sector_index(info["sector"], series, d.base_year)
        com = info.get("commodity", key)
        values = {y: info["base"] * index(y) for y in d.years}
        src = (A + f"base year from the balance (calibrated), projected with {how} "
               f"({info['sector']})")
        if key.startswith("losses:") or key.startswith("nonenergy:"):
            src = f"balance line {info['line']}; " + src
        prior = [r for r in d.demands if r["commodity"] == com]
        if prior:  # a second non-energy row of the same fuel: add up
            for r in prior:
                r["value"] += values[int(r["year"])]
        else:
            d.demand(com, values, f"{info['unit']}/yr", src)
        if how not in told:
            told.add(how)
            d.assumed.append(f"demand growth: {how}")
