"""Industry routes as options: the abatement choices of a 碳达峰 plan for its industry.

A product of the production input (crude steel, clinker, primary aluminium, ammonia ...)
is made in the base year by its existing route, which carries the product's process
emissions (``process_<product>``). Its fuel and electricity are cells of the balance's
final consumption, already served by the sector's devices. For an alternative route (scrap
EAF instead of BF-BOF, a kiln with CCUS, recycled aluminium) to save that energy, the
existing route must use it. So :func:`add_routes`

1. **links** each product to the services (``<sector>_heat``, ``<sector>_power``) of its
   balance sector (the mapping's ``incumbent`` row names the sector and the catalogue class
   of the existing route; the balance's own sector is the most specific one present on the
   sector's chain, e.g. ``industry`` when the balance has no sub-sectors). Per tonne, the
   existing route takes the class's fuel energy x the efficiency of the sector's device for
   that fuel as useful heat, and its electricity as the power service. Where the products
   together would take more than the balance's service, their intensities are scaled down
   by one factor per service so that they take exactly all of it (the balance wins; the
   README says so). The rest of the service stays a projected demand of the sector.
   Feedstock inputs are not linked (non-energy use stays a demand; the route's process
   emissions are what its feedstock carbon gives). The base year is unchanged: the devices
   make the same service, now used partly by the route.
   The existing route also takes the catalogue class's ``variable_cost`` (its materials:
   ore, anodes ...), so that an alternative route's own materials (scrap) compete fairly.
2. **offers** each ``route`` row as a technology making the product, with the catalogue's
   flows, costs and process item, a build limit (a share of the base-year output per year)
   and, for a capture route (a ``capture_rate`` in the catalogue), emission factors in
   ``emissions.csv`` of the uncaptured share of its process and fuel CO2.

A route that needs hydrogen brings the electrolyser and hydrogen store of the catalogue as
options (hydrogen made from the city's electricity); a route needing another commodity the
dataset does not supply is listed in the README as not modelled, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.init.draft import A, Draft
from carbonpath.init.mapping import Mapping
from carbonpath.init.route_checks import check_route_energy
from carbonpath.units import unit_factor

__all__ = ["ROUTE_BUILD_SHARE", "add_routes"]

#: New capacity of an alternative route per year, as a share of the product's base-year
#: output (assumption: plant rebuilds and scrap supply).
ROUTE_BUILD_SHARE = 0.10


def _balance_sector(mapping: Mapping, sector: str, present: set[str]) -> str | None:
    """The most specific sector on ``sector``'s chain that the balance has services of."""
    for s in mapping._chain(sector):
        if s in present:
            return s
    return None


def _intensity(d: Draft, cat: str, sector: str, mapping: Mapping, services: dict[str, dict]
               ) -> dict[str, float]:
    """Service per tonne of the catalogue route ``cat`` in ``sector``: svc -> amount."""
    from carbonpath.init.demand import _input
    from carbonpath.units import unit_factor

    out: dict[str, float] = {}
    flows = d.catalogue.flows_of(cat)
    for f in flows[flows["direction"] == "input"].itertuples():
        if f.use == "feedstock":
            continue
        if f.commodity == "electricity":
            svc, amount = f"{sector}_power", float(f.value) * unit_factor(f.unit, "MWh/t")
        else:
            device = mapping.lookup("device", sector, f.commodity)
            if device is None or device["service"] != "heat":
                continue
            _, gj_per_useful = _input(d, device["technology"])
            svc = f"{sector}_heat"
            amount = float(f.value) * unit_factor(f.unit, "GJ/t") / gj_per_useful
        if svc in services:
            out[svc] = out.get(svc, 0.0) + amount
    return out


def add_routes(d: Draft, services: dict[str, dict], mapping: Mapping, units: Any,
               profiles: Any, use: dict[str, float], model_unit: dict[str, str],
               region: str, factors: Any) -> None:
    """Link products to their sector's services and offer the mapped alternative routes.

    Parameters
    ----------
    d : Draft
        With the products' ``process_<product>`` technologies and the sector devices.
    services : dict
        The services made by the devices (:func:`carbonpath.init.demand.add_devices`):
        their ``base`` (the base-year amount) is reduced by what the products now use, so
        that the projected demand is the rest; ``total`` keeps the whole.
    mapping : Mapping
        Its ``incumbent`` and ``route`` rows.
    units, profiles, use, model_unit
        As :func:`carbonpath.init.demand.add_options`.
    region, factors
        For the factors of a capture route's uncaptured emissions.

    Notes
    -----
    The method and its assumptions are in the module docstring and ``docs/init.md``.
    """
    products = [(code, t) for code, t in d.technologies.items()
                if code.startswith("process_") and t["process_item"]]
    present = {info["sector"] for info in services.values()}
    links = []
    for code, tech in products:
        product = tech["process_item"]
        inc = mapping.item("incumbent", product)
        if inc is None:
            continue
        sector = _balance_sector(mapping, inc["sector"], present)
        if sector is None:
            d.not_modelled.append(f"the energy of {product} (no final consumption of the "
                                  f"sector '{inc['sector']}' in the balance to link it to)")
            continue
        per_t = _intensity(d, inc["technology"], sector, mapping, services)
        links.append((code, product, sector, inc["technology"], per_t, d.observed[code]))
    need: dict[str, float] = {}
    for *_, per_t, q in links:
        for svc, a in per_t.items():
            need[svc] = need.get(svc, 0.0) + a * q
    check_route_energy(d, links, need, services)  # round-9 I20/I21: slips in production
    scale = {svc: min(1.0, services[svc]["base"] / n) if n > 0 else 1.0
             for svc, n in need.items()}
    for svc, k in scale.items():
        info = services[svc]
        info.setdefault("total", info["base"])
        if k < 1.0:
            info["base"] = 0.0  # the products use exactly all of it (no rounding residue)
            d.assumed.append(f"the products' catalogue energy exceeds the balance's {svc}: "
                             f"their intensities are scaled by {k:.4f} so that they use "
                             "exactly the balance's amount (the balance wins)")
        else:
            info["base"] -= need[svc]
    for code, product, sector, inc, per_t, _q in links:
        for svc, a in per_t.items():
            unit = services[svc]["unit"]
            scaled = (f" x {scale[svc]:.6g} (scaled to the balance)" if scale[svc] < 1
                      else "")
            d.flow(code, svc, "input", a * scale[svc], f"({unit})/t",
                   A + f"energy of the existing route (catalogue {inc}) as {svc} per "
                   f"tonne{scaled}: links {product} to the services of {sector}")
        d.assumed.append(f"{product}: the existing route uses the services of {sector} at the "
                         f"catalogue intensity of {inc}; alternative routes save them")
        d.catalogue_param(code, inc, "variable_cost")  # its materials (ore, anodes ...)
        flows = d.catalogue.flows_of(inc)
        for f in flows[(flows["direction"] == "input")].itertuples():
            if f.commodity not in d.commodities and f.commodity not in ("electricity",
                                                                         "heat", "hydrogen"):
                d.not_modelled.append(f"the {f.commodity} input of {product} ({f.value:g} "
                                      f"{f.unit}, catalogue {inc}): a material neither "
                                      "modelled nor priced")
        routes = mapping.routes(product)
        DataError.collect([p for row in routes for p in _route_problems(
            d, row, product, inc, mapping.file)], mapping.file)
        for row in routes:
            flows = d.catalogue.flows_of(row["technology"])
            if "hydrogen" in set(flows["commodity"]) and "hydrogen" not in d.commodities:
                _hydrogen(d, units, profiles, use, model_unit)
            _route(d, row["technology"], product, sector, units, profiles, use, model_unit,
                   region, factors)


def _route_problems(d: Draft, row: Any, product: str, inc: str, file: str) -> list[Problem]:
    """A route class that cannot make ``product`` from what init supplies (K01, K02).

    The route must make the incumbent's main output (``al_rolling_electric`` makes
    ``aluminium_semis``, not the ``aluminium`` of ``al_smelter_prebake``), and each input
    must be energy per unit of activity or a commodity the dataset has (alumina in t/t
    is a material init does not supply), else the class, the flow and its unit are named.
    """
    cat = str(row["technology"])
    line = row.get("line", row.name)
    tech, out = d.catalogue.technology(cat), d.catalogue.technology(inc)["main_output"]
    where = {"file": file, "row": line, "column": "technology", "value": cat}
    if tech["main_output"] != out:
        return [Problem(f"route class '{cat}' for {product} makes {tech['main_output']}, not "
                        f"the {out} of the incumbent '{inc}'", **where,
                        valid=f"a catalogue class whose main output is {out}")]
    flows = d.catalogue.flows_of(cat)
    act = tech["activity_unit"]
    problems = []
    for f in flows[flows["direction"] == "input"].itertuples():
        if f.commodity in d.commodities or f.commodity in ("heat", "hydrogen"):
            continue
        try:
            unit_factor(f.unit, f"GJ/({act})")
        except UnitError:
            problems.append(Problem(
                f"route class '{cat}' for {product}: its {f.commodity} input is {f.value:g} "
                f"{f.unit}, a material (not energy per {act}) that init does not supply",
                **where, valid="a route class whose inputs are energy (electricity, fuels, "
                "heat, hydrogen), e.g. the incumbent's fuel-switch or recycling classes"))
    return problems


#: The hydrogen a route needs: made by this electrolyser class, held in this store.
ELECTROLYSER, H2_STORE = "electrolyser_alkaline", "h2_storage"


def _hydrogen(d: Draft, units: Any, profiles: Any, use: dict[str, float],
              model_unit: dict[str, str]) -> None:
    """Hydrogen for routes that need it: electrolysers and a store the model may build."""
    from carbonpath.init.demand import _option

    d.commodity("hydrogen", "Hydrogen (氢气, LHV)", "MWh", "timeslice", "hydrogen", "hydrogen")
    _option(d, ELECTROLYSER, ELECTROLYSER, "utilities", "hydrogen", units, profiles, use,
            model_unit)
    d.technology(H2_STORE, H2_STORE, sector="utilities")
    life = d.catalogue_scalar(H2_STORE, "lifetime", "yr")
    d.param(H2_STORE, "lifetime", life, "yr", f"catalogue {d.catalogue.label} ({H2_STORE})")
    for par in ("capex", "capex_energy", "fixed_om", "charge_efficiency",
                "discharge_efficiency"):
        d.catalogue_param(H2_STORE, H2_STORE, par)
    d.assumed.append(f"hydrogen for the industry routes that need it: {ELECTROLYSER} and "
                     f"{H2_STORE} may be built (no hydrogen in the base year)")


def _route(d: Draft, cat: str, product: str, sector: str, units: Any, profiles: Any,
           use: dict[str, float], model_unit: dict[str, str], region: str,
           factors: Any) -> None:
    from carbonpath.init.demand import _option

    code = f"route_{product}_{cat}"
    before = len(d.not_modelled)
    _option(d, code, cat, sector, product, units, profiles, use, model_unit)
    if code not in d.technologies:
        if len(d.not_modelled) > before:
            d.not_modelled[-1] = f"route {cat} for {product}: " + d.not_modelled[-1]
        return
    row = d.catalogue.technology(cat)
    tech = d.technologies[code]
    tech["process_item"] = row["process_item"]
    tech["process_technology"] = row["process_technology"]
    base = sum(v for t, v in d.observed.items()
               if t.startswith("process_") and d.technologies[t]["process_item"] == product)
    d.param(code, "max_new_capacity", ROUTE_BUILD_SHARE * base, "(t/yr)/yr",
            A + f"build-rate limit: {ROUTE_BUILD_SHARE:.0%} of the base-year output of "
            f"{product} per year (plant rebuilds, scrap and hydrogen supply): replace with "
            "the city's industrial plan")
    d.mapped.append({"balance": f"route for {product}", "technology": code, "catalogue": cat,
                     "service": product})
    capture = d.catalogue.value(cat, "capture_rate", d.base_year, d.chain)
    if capture is not None:
        _uncaptured(d, code, cat, float(capture[0]), region, factors)


def _uncaptured(d: Draft, code: str, cat: str, rate: float, region: str,
                factors: Any) -> None:
    """emissions.csv rows of a capture route: (1 - capture rate) x its process and fuel CO2."""
    from carbonpath import accounting

    row = d.catalogue.technology(cat)
    src = (f"catalogue {d.catalogue.label} ({cat}): capture rate {rate:g} applied to the "
           "factor tables' ")
    if row["process_item"]:
        found = accounting.process_factors(row["process_item"], region, d.base_year,
                                           factors=factors,
                                           technology=row["process_technology"] or None,
                                           historical=True)
        value = found["CO2"].value.to("t CO2/t").magnitude * (1 - rate)
        d.emissions.append({"technology": code, "gas": "CO2", "basis": "activity",
                            "commodity": "", "year": "", "value": value, "unit": "t CO2/t",
                            "source": src + f"process factor of {row['process_item']} "
                            f"({found['CO2'].source})"})
    for f in [f for f in d.flows if f["technology"] == code and f["direction"] == "input"]:
        fuel = d.commodities[f["commodity"]]["fuel"]
        if not fuel or fuel in ("electricity", "heat", "hydrogen") or f["use"]:
            continue
        unit = d.commodities[f["commodity"]]["unit"]
        found = accounting.fuel_factors(fuel, d.technologies[code]["sector"], region,
                                        d.base_year, factors=factors, historical=True)
        for gas in ("CO2", "CH4", "N2O"):  # an override replaces every gas of the input
            if gas not in found:
                continue
            kept = (1 - rate) if gas == "CO2" else 1.0
            value = found[gas].value.to(f"t {gas}/({unit})").magnitude * kept
            d.emissions.append({"technology": code, "gas": gas, "basis": "input",
                                "commodity": f["commodity"], "year": "", "value": value,
                                "unit": f"t {gas}/({unit})",
                                "source": (src if gas == "CO2" else
                                           f"catalogue {d.catalogue.label} ({cat}): the ")
                                + f"combustion factor of {fuel} ({found[gas].source})"})
