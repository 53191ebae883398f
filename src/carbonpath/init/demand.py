"""The demand side of a dataset from a balance: end-use devices, services, options, products.

Calibration rule: each cell of final consumption (sector x fuel) becomes one device of the
mapped catalogue class, burning exactly the balance's amount in the base year; the service
it delivers (useful heat, vehicle-km, electric services ...) is the amount burned divided by
the catalogue's input per unit of service. Services, non-energy use and products are then
projected with the drivers (GDP, population) by documented elasticities.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from carbonpath.errors import Problem
from carbonpath.init.draft import A, Draft
from carbonpath.init.mapping import Mapping
from carbonpath.init.profiles import ProvinceProfiles
from carbonpath.init.supply import FuelUnits
from carbonpath.units import unit_factor

__all__ = ["ELASTICITY", "add_devices", "add_options", "add_products", "sector_index"]

#: Demand growth per sector: driver and elasticity (assumptions, listed in the README):
#: demand(y) = demand(base) x (driver(y) / driver(base)) ** elasticity. ``gdp_pc`` is GDP
#: per head (population growth then enters with elasticity 1).
ELASTICITY = {"industry": ("gdp", 0.5), "construction": ("gdp", 0.5),
              "agriculture": ("gdp", 0.2), "transport": ("gdp", 0.7),
              "commercial": ("gdp", 0.8), "other_services": ("gdp", 0.8),
              "residential": ("gdp_pc", 0.4), "utilities": ("gdp", 0.5)}
LOAD = {"residential": "load_residential", "commercial": "load_services",
        "other_services": "load_services", "agriculture": "load_agri",
        "transport": "load_services"}
HEATING_TECHS = ("bld_heat_heat_pump",)
EV_GROUPS = ("car", "bus", "truck_heavy", "truck_light")


def _top(sector: str) -> str:
    from carbonpath.codes import sectors

    codes = sectors()
    seen = set()
    while sector in codes.codes and sector not in seen:
        seen.add(sector)
        if sector in ELASTICITY or sector in LOAD:
            return sector
        sector = codes.attr(sector, "parent")
    return sector


def sector_index(sector: str, drivers: dict[str, dict[int, float]], base: int
                 ) -> tuple[Callable[[int], float], str]:
    """Growth index of ``sector`` (1 in the base year) and a sentence saying how."""
    driver, e = ELASTICITY.get(_top(sector), ("gdp", 0.5))
    gdp, pop = drivers["gdp"], drivers["population"]
    if driver == "gdp_pc":
        def f(y: int) -> float:
            """The growth index of year ``y``: population times per-capita GDP to the elasticity."""
            return pop[y] / pop[base] * ((gdp[y] / pop[y]) / (gdp[base] / pop[base])) ** e
        return f, f"population x (GDP per head) ^ {e}"

    def g(y: int) -> float:
        """The GDP growth index of year ``y`` (1 in the base year) raised to the elasticity."""
        return (gdp[y] / gdp[base]) ** e
    return g, f"GDP ^ {e}"


def _load(d: Draft, sector: str, profiles: ProvinceProfiles, cat: str = "") -> str:
    group = d.catalogue.technology(cat)["group"] if cat else ""
    name = ("load_heating" if cat in HEATING_TECHS else "load_ev" if group in EV_GROUPS
            else LOAD.get(_top(sector), ""))
    return name if name in profiles.names else ""


def _input(d: Draft, cat: str) -> tuple[str, float]:
    """The catalogue device's input commodity and GJ per unit of activity."""
    flows = d.catalogue.flows_of(cat)
    fin = flows[flows["direction"] == "input"].iloc[0]
    act = d.catalogue.technology(cat)["activity_unit"]
    return str(fin["commodity"]), float(fin["value"]) * unit_factor(fin["unit"], f"GJ/({act})")


def _device_params(d: Draft, code: str, cat: str, activity: float | None) -> None:
    row = d.catalogue.technology(cat)
    life = d.catalogue_scalar(cat, "lifetime", "yr")
    d.param(code, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({cat})")
    for par in ("capex", "fixed_om", "variable_cost", "utilisation"):
        d.catalogue_param(code, cat, par)
    if activity is not None:
        util = d.catalogue_scalar(cat, "utilisation", f"({row['activity_unit']}) / "
                                  f"({row['capacity_unit']}) / yr", default=1.0)
        d.residual(code, activity / util, row["capacity_unit"], life,
                   A + "the base-year stock serves the base-year use at the catalogue "
                   f"utilisation and retires linearly over {life:g} years")


def add_devices(d: Draft, final: pd.DataFrame, mapping: Mapping, units: FuelUnits,
                profiles: ProvinceProfiles, bs_name: str, problems: list[Problem],
                use: dict[str, float]) -> dict[str, dict]:
    """One device per final-consumption cell; returns the services made (code -> info)."""
    services: dict[str, dict] = {}
    for r in final.itertuples():
        m = mapping.lookup("device", r.sector, r.fuel)
        if m is None:
            problems.append(Problem(
                f"final consumption of '{r.fuel}' in '{r.sector}' is mapped to no device",
                file=bs_name, row=r.line, column=r.fuel,
                valid=f"add a 'device' row (sector {r.sector} or a parent, fuel {r.fuel}) "
                "to the mapping table"))
            continue
        cat, service = m["technology"], m["service"]
        crow = d.catalogue.technology(cat)
        act_u = crow["activity_unit"]
        _, gj_per_act = _input(d, cat)
        gj_unit = units.gj(r.fuel, r.model_unit, f"{r.sector} {r.fuel}", r.line)
        ratio = gj_per_act / gj_unit
        activity = r.model_value / ratio
        code = f"{r.sector}_{r.fuel}"
        svc = f"{r.sector}_{service}"
        d.fuel_commodity(r.fuel, r.model_unit)
        d.commodity(svc, f"{service} of {r.sector}", act_u, "annual", "service",
                    source=A + f"an energy service of {r.sector} (carbonpath init)")
        info = services.setdefault(svc, {"sector": r.sector, "service": service, "unit": act_u,
                                              "base": 0.0, "devices": []})
        info["base"] += activity
        info["devices"].append(cat)
        src = f"energy balance sheet {bs_name}, line {r.line}"
        d.technology(code, cat, sector=r.sector, group=crow["group"],
                     load_profile=_load(d, r.sector, profiles, cat) if r.fuel == "electricity"
                     else "", name=f"{crow['name']} ({r.sector}, {r.fuel})",
                     source=f"{src}; class {cat} of catalogue {d.catalogue.label}")
        d.flow(code, r.fuel, "input", ratio, f"{r.model_unit}/({act_u})",
               f"catalogue {d.catalogue.label} ({cat}) efficiency, applied to {r.fuel}")
        d.flow(code, svc, "output", 1.0, f"{act_u}/({act_u})", A + "definition")
        _device_params(d, code, cat, activity)
        d.observe(code, activity, act_u, f"calibrated: {src} / the catalogue input per unit")
        use[r.fuel] = use.get(r.fuel, 0.0) + r.model_value
        d.mapped.append({"balance": f"{r.sector} / {r.fuel} (line {r.line})",
                             "technology": code, "catalogue": cat, "service": svc})
    return services


def add_options(d: Draft, services: dict[str, dict], mapping: Mapping, units: FuelUnits,
                profiles: ProvinceProfiles, use: dict[str, float], model_unit: dict[str, str],
                problems: list[Problem]) -> None:
    """Technologies the model may build: per service, and for electricity and heat supply."""
    for svc, info in services.items():
        for cat in mapping.options(info["sector"], info["service"]):
            if cat in info["devices"]:
                continue
            _option(d, f"{info['sector']}_{cat}", cat, info["sector"], svc, units, profiles,
                    use, model_unit)
    targets = [("electricity", "*")]
    if "heat" in d.commodities:
        targets.append(("heat", "heat_supply"))
    for service, sector in targets:
        for cat in mapping.options(sector, service):
            if cat in d.technologies:
                continue
            row = d.catalogue.technology(cat)
            prof = row["availability_profile"]
            if prof and prof not in profiles.names:
                d.not_modelled.append(f"option '{cat}': {profiles.file} has no '{prof}' profile")
                continue
            if row["kind"] == "storage":
                d.technology(cat, cat, sector="utilities")
                life = d.catalogue_scalar(cat, "lifetime", "yr")
                d.param(cat, "lifetime", life, "yr", f"catalogue {d.catalogue.label}")
                for par in ("capex", "capex_energy", "fixed_om", "fixed_om_energy",
                            "charge_efficiency", "discharge_efficiency"):
                    d.catalogue_param(cat, cat, par)
                continue
            sector_of = {"pv": "solar_power", "wind": "wind_power",
                         "wind_offshore": "wind_power", "hydro": "hydro_power"}
            tsector = (sector_of.get(prof, "thermal_power") if service == "electricity"
                       else "heat_supply")
            _option(d, cat, cat, tsector, service, units, profiles, use, model_unit)


def _option(d: Draft, code: str, cat: str, sector: str, output: str, units: FuelUnits,
            profiles: ProvinceProfiles, use: dict[str, float], model_unit: dict[str, str]
            ) -> None:
    row = d.catalogue.technology(cat)
    act = row["activity_unit"]
    flows = d.catalogue.flows_of(cat)
    inputs = []
    for f in flows[flows["direction"] == "input"].itertuples():
        com = f.commodity
        if com in ("heat", "hydrogen") and com not in d.commodities:
            d.not_modelled.append(f"option '{code}': needs {com}, which the dataset does not "
                                  "supply")
            return
        unit = model_unit.get(com) or {"electricity": "MWh", "natural_gas": "m3_20C",
                                       "heat": "GJ", "hydrogen": "MWh"}.get(com, "t")
        gj = float(f.value) * unit_factor(f.unit, f"GJ/({act})")
        inputs.append((com, gj / units.gj(com, unit, f"option {code}"), unit, f.use))
    extra = flows[(flows["direction"] == "output") & (flows["commodity"] != row["main_output"])
                  & (flows["commodity"] != "service")]
    if len(extra):
        d.not_modelled.append(f"option '{code}': by-products {list(extra['commodity'])}")
        return
    d.technology(code, cat, sector=sector, group=row["group"],
                 load_profile=(_load(d, sector, profiles, cat)
                               if row["level"] == "annual" and any(c == "electricity"
                                                                  for c, *_ in inputs)
                               else ""))
    for com, ratio, unit, fuse in inputs:
        d.fuel_commodity(com, unit)
        model_unit.setdefault(com, unit)
        use.setdefault(com, 0.0)
        d.flow(code, com, "input", ratio, f"{unit}/({act})",
               f"catalogue {d.catalogue.label} ({cat})", use=fuse or "")
    d.flow(code, output, "output", 1.0, f"{act}/({act})", A + "definition")
    _device_params(d, code, cat, None)
    if row["level"] == "timeslice":
        d.catalogue_param(code, cat, "availability")


def add_products(d: Draft, production: pd.DataFrame | None, mapping: Mapping, file: str,
                 problems: list[Problem]) -> None:
    """One route per production row carrying its process emissions (held at base output)."""
    if production is None:
        return
    totals: dict[str, float] = {}
    for r in production.itertuples():
        m = mapping.item("product", r.product)
        if m is None:
            problems.append(Problem(f"product '{r.product}' is mapped to no route", file=file,
                                    row=r.line, column="product",
                                    valid="add a 'product' row to the mapping table"))
            continue
        cat = m["technology"]
        tech = r.technology or ""
        code = f"process_{r.product}" + (f"_{tech}" if tech else "")
        d.commodity(r.product, r.product, "t", "annual", "material",
                    source=A + "a product of the production input")
        d.technology(code, cat, sector="industrial_processes", process_item=r.product,
                     process_technology=tech, name=f"{r.product} (process emissions)")
        d.flow(code, r.product, "output", 1.0, "t/t", A + "definition")
        life = d.catalogue_scalar(cat, "lifetime", "yr")
        d.param(code, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({cat})")
        d.catalogue_param(code, cat, "utilisation")
        held = A + "production held at the base-year level (capacity controls on energy-" \
            "intensive industry): replace with the city's industrial plan"
        for year in (d.base_year, d.horizon):
            d.param(code, "residual_capacity", r.quantity, "t/yr", held, year=year)
        totals[r.product] = totals.get(r.product, 0.0) + r.quantity
        d.observe(code, r.quantity, "t", f"production input {file}, line {r.line}")
        d.mapped.append({"balance": f"production {r.product} (line {r.line})",
                             "technology": code, "catalogue": cat, "service": r.product})
    for product, total in totals.items():
        d.demand(product, {d.base_year: total, d.horizon: total}, "t/yr",
                 A + "production held at the base-year level: replace with the city's plan")
    if len(production):
        d.replace_first.append("industrial production after the base year (held at the "
                               "base-year level)")
