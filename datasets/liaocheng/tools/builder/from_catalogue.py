"""Every technology's generic values from the bundled technology catalogue (issue 16).

The generator keeps the city's own numbers (capacities, outputs, demands, profiles, the
calibrated efficiencies of the standing plants, the operation of its plants: utilisation,
must-run, build limits); costs, lifetimes, availabilities, capacity credits, storage
characteristics and the efficiencies of the options are the catalogue's. :data:`CLASSES`
names the catalogue class of each Liaocheng technology; :func:`take` writes the
technology's rows of every parameter of :data:`TAKE` the catalogue has for that class (its
Shandong rows win over the national ones, by the region chain of ``factors/regions.csv``);
the sector modules set none of them. :func:`take_flows` gives every option (a technology with no
stock in the base year) its class's flows, converted to the dataset's commodities and units.

Technologies without a class (:data:`OWN`) keep their own rows and say why; so do the
flows of :data:`OWN_FLOWS` and :data:`EXTRA_FLOWS`.
"""

from __future__ import annotations

from carbonpath.units import unit_factor

from .commodities import COMMODITY_UNIT
from .common import NCV, TECHS, base_activity, catalogue
from .transport import VEHICLE_CLASS

#: Liaocheng technology -> catalogue class.
CLASSES = {
    # power, storage, hydrogen, trade
    "coal_chp_captive": "coal_chp", "coal_chp_public": "coal_chp", "coal_usc_chp_new": "coal_usc",
    "gas_ccgt": "gas_ccgt", "biomass_chp": "biomass_power", "pv_utility": "pv_utility",
    "pv_rooftop": "pv_rooftop", "wind_onshore": "wind_onshore", "battery": "battery_lfp",
    "electrolyser": "electrolyser_alkaline", "h2_storage": "h2_storage", "grid_import": "grid_import",
    "grid_export": "grid_export", "grid_import_green": "grid_import_green",
    "smelter_flex": "smelter_load_flex",
    # fuel supply
    "coal_supply": "supply_raw_coal", "gas_supply": "supply_natural_gas", "diesel_supply": "supply_diesel",
    "gasoline_supply": "supply_gasoline", "lpg_supply": "supply_lpg", "biomass_supply": "supply_solid_biomass",
    # industry routes
    "alumina_bayer": "alumina_bayer", "al_smelter": "al_smelter_prebake", "al_recycling": "al_recycling",
    "cu_smelter_primary": "cu_smelter_primary", "cu_recycling": "cu_recycling", "eaf_steel": "steel_eaf",
    "h2_dri_eaf": "steel_h2_dri", "ammonia_coal": "ammonia_coal", "ammonia_green": "ammonia_green",
    "chem_process": "chemicals_bulk_mix", "clinker_kiln": "clinker_kiln",
    "cement_mill": "cement_grinding", "ccus_ammonia": "ccus_coal_chemical",
    # heat supply
    "steam_coal_boiler": "heat_coal_boiler", "steam_gas_boiler": "heat_gas_boiler",
    "steam_electric_boiler": "heat_electric_boiler", "steam_heat_pump": "heat_pump_steam",
    "dh_coal_boiler": "heat_coal_boiler", "dh_heat_pump": "heat_pump_large",
    # end-use devices
    "oi_heat_coal": "ind_heat_coal", "oi_heat_gas": "ind_heat_gas", "oi_heat_steam": "ind_heat_steam",
    "oi_heat_pump": "ind_heat_pump", "oi_power": "elec_services", "construction_diesel": "construction_diesel",
    "res_heat_dh": "bld_heat_district", "res_heat_gas_urban": "bld_heat_gas", "res_heat_hp_urban": "bld_heat_heat_pump",
    "res_heat_coal_rural": "bld_heat_coal", "res_heat_gas_rural": "bld_heat_gas", "res_heat_hp_rural": "bld_heat_heat_pump",
    "res_heat_biomass_rural": "bld_heat_biomass", "res_cook_gas": "bld_cook_gas", "res_cook_lpg": "bld_cook_lpg",
    "res_cook_elec": "bld_cook_electric", "res_elec": "elec_services", "svc_heat_dh": "bld_heat_district",
    "svc_heat_gas": "bld_heat_gas", "svc_heat_hp": "bld_heat_heat_pump", "svc_elec": "elec_services",
    "agri_diesel": "agri_machinery_diesel", "agri_electric": "agri_machinery_electric", "agri_elec": "elec_services",
    "res_retrofit_urban": "building_retrofit_north",
    # processing lines and efficiency retrofits (catalogue 0.3.0)
    "alumina_bayer_advanced": "alumina_bayer_efficient", "al_smelter_efficient": "al_smelter_highamp",
    "al_processing": "al_rolling_gas", "al_processing_electric": "al_rolling_electric",
    "steel_pipe_mill": "steel_pipe_gas", "steel_pipe_mill_electric": "steel_pipe_induction",
    "steel_plate_line": "steel_sheet_line", "chem_process_efficient": "chemicals_bulk_mix_efficient",
    "textile_mill": "textile_spinning", "textile_mill_efficient": "textile_spinning_efficient",
    "cement_mill_lowclinker": "cement_grinding_lowclinker",
    **VEHICLE_CLASS,
}

#: Parameters taken from the catalogue (generic values of a technology class). Availability
#: only where no availability profile gives it (PV and wind run on the city's profiles).
TAKE = ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "variable_cost", "lifetime",
        "availability", "capacity_credit", "charge_efficiency", "discharge_efficiency",
        "standing_loss", "max_duration")
#: Of those, the costs of building: only for a technology the model may build.
BUILD_ONLY = ("capex", "capex_energy", "fixed_om_energy")
#: Of those, the ones per unit of capacity or activity (scaled for a fuel-equivalent service).
PER_UNIT = ("capex", "fixed_om", "variable_cost")

#: Technologies that keep their own values, and why (the dataset README, section 7, prints them).
OWN = {
    "freight_rail": "catalogue freight_shift_rail per t-km, converted by the truck payload (tools/builder/coverage.py)",
    "freight_water": "catalogue freight_shift_water per t-km, converted by the truck payload (coverage.py)",
    "steel_semis_purchase": "a purchase of the city's own (billet price, scope 3)",
    "clinker_purchase": "a purchase of the city's own, with its leakage limit",
    "grid_losses": "the city's losses and own use, an accounting device",
    "co2_vent": "a vent, not a plant",
    "co2_storage_site": "a sink whose cost is in the capture plant's",
}

#: Options that keep their own flows, and why.
OWN_FLOWS = {
    "coal_usc_chp_new": "the committed Xiangguang 2x660 MW USC CHP: its design figures (235 gce/kWh, 6.6 TWh "
                        "and 11.4 PJ of heat a year) are a named plant's own, like a standing plant's; the "
                        "catalogue's coal_usc is a condensing unit without heat",
}
#: Flows of an option beyond its class's, and why (technology, direction, commodity).
EXTRA_FLOWS = {
    ("ccus_ammonia", "input", "co2_stream"): "the ammonia stream drawn per t stored, 1 / the class's capture_rate",
}
#: Catalogue commodity -> dataset commodity (``heat`` and ``service``: see :func:`_commodity`).
COMMODITY = {"steel": "steel_semis", "chemicals": "chem_products", "aluminium_semis": "aluminium_products",
             "steel_sheet": "steel_plate", "co2_captured": "co2_stored"}
#: A service the dataset counts in final energy of a fuel (diesel-equivalent), not in useful
#: energy as the catalogue does: service -> (catalogue class of the fuel's device, fuel).
FUEL_EQUIVALENT_SERVICE = {"agri_mech": ("agri_machinery_diesel", "diesel")}


def _has_profile(t: dict) -> bool:
    return bool(t.get("availability_profile"))


def take() -> None:
    """Give every technology with a class its generic rows from the catalogue.

    Every parameter of :data:`TAKE` the class has is taken, except availability where a
    profile gives it, capacity credit off the timeslice level, and the costs of building
    (:data:`BUILD_ONLY`) for a technology that cannot be built. The sector modules set none of
    them (asserted: no dead numbers beside the catalogue's).
    """
    from carbonpath.catalogue import load_catalogue

    cat = load_catalogue()
    for t in TECHS:
        code = CLASSES.get(t["technology"])
        if code is None:
            assert t["technology"] in OWN, f"{t['technology']}: neither a catalogue class nor a reason to keep its own"
            continue
        own = set(cat.parameters[cat.parameters["technology"] == code]["parameter"])
        scale, note = _service_scale(cat, t)
        rows = []
        for par in TAKE:
            if par not in own or (par == "availability" and _has_profile(t)):
                continue
            if (par == "capacity_credit" and t["level"] != "timeslice") or (
                    par in BUILD_ONLY and t["investable"] != "true"):
                continue
            assert not any(p["parameter"] == par for p in t["params"]), \
                f"{t['technology']}: {par} comes from the catalogue ({code}); the sector module must not set it"
            taken = catalogue(code, par)
            if scale != 1.0 and par in PER_UNIT:
                for r in taken:
                    r["value"] = round(r["value"] * scale, 9)
                    r["source"] += note
            rows += taken
        t["params"][0:0] = rows


def _service_scale(cat, t: dict) -> tuple[float, str]:
    """Useful GJ per unit of a fuel-equivalent service (1.0 for every other technology)."""
    main = next(iter(t["outputs"]), "")
    if main not in FUEL_EQUIVALENT_SERVICE:
        return 1.0, ""
    ref, fuel = FUEL_EQUIVALENT_SERVICE[main]
    rows = cat.flows_of(ref)
    per_useful = float(rows[(rows["commodity"] == fuel) & (rows["direction"] == "input")]["value"].iloc[0])
    return 1.0 / per_useful, (f" (x {1.0 / per_useful:g} useful GJ per GJ of {fuel}-equivalent service: "
                              f"technology catalogue {cat.version} ({ref}))")


def standing(t: dict) -> bool:
    """True for a technology with stock in the base year (its calibrated flows are the city's)."""
    return bool(base_activity(t)) or any(p["parameter"] == "residual_capacity" for p in t["params"])


def _commodity(t: dict, com: str) -> str:
    """The dataset commodity of a catalogue flow's commodity for technology ``t``."""
    main = next(iter(t["outputs"]))
    if com == "service":
        return main
    if com == "heat":  # a heat plant's own output, else the industrial steam pool (commodities.py)
        return main if main in ("steam", "district_heat") else "steam"
    return COMMODITY.get(com, com)


def _convert(value: float, unit: str, commodity: str, activity_unit: str) -> tuple[float, str]:
    """A catalogue flow in the dataset's unit of ``commodity`` per ``activity_unit``.

    Energy of a fuel the dataset counts in physical units (t, m3) is divided by its net
    calorific value (GB/T 2589-2020, ``common.NCV``).
    """
    num, den = unit.split("/", 1)
    target = COMMODITY_UNIT[commodity]
    per = unit_factor(den, activity_unit)  # catalogue activity unit -> dataset activity unit
    if commodity in NCV and target in ("t", "m3_20C"):
        return value * unit_factor(num, "GJ") / NCV[commodity] / per, f"{target}/{activity_unit}"
    return value * unit_factor(num, target) / per, f"{target}/{activity_unit}"


def take_flows() -> None:
    """Give every option (no base-year stock) its catalogue class's flows (issue 16).

    Standing technologies keep their calibrated flows (base year = inventory); storage keeps
    its definitional flows (its efficiencies are parameters, taken by :func:`take`). A flow of
    the option that the class lacks must be in :data:`EXTRA_FLOWS`.
    """
    from carbonpath.catalogue import cite, load_catalogue

    cat = load_catalogue()
    for t in TECHS:
        code = CLASSES.get(t["technology"])
        if code is None or standing(t) or t["kind"] == "storage" or t["technology"] in OWN_FLOWS:
            continue
        main = next(iter(t["outputs"]))
        scale, note = _service_scale(cat, t)
        new = {"input": {}, "output": {}}
        sources = {}
        for f in cat.flows_of(code).itertuples():
            com = _commodity(t, f.commodity)
            value, unit = _convert(float(f.value), f.unit, com, t["activity_unit"])
            if f.commodity == "service" and f.direction == "output":
                value = 1.0
            elif scale != 1.0:
                value *= scale
            source = cite(cat.version, code, f.source, f.status)
            if unit != f.unit:
                source += f" (in {unit}" + (f" at {NCV[com]:g} GJ per {COMMODITY_UNIT[com]}, GB/T 2589-2020"
                                            if com in NCV and COMMODITY_UNIT[com] != "GJ" else "") + ")"
            if scale != 1.0 and f.direction == "input":
                source += note
            new[f.direction][com] = round(value, 12)
            sources[(f.direction, com)] = source
        for direction, key in (("input", "inputs"), ("output", "outputs")):
            for com in t[key]:
                if com not in new[direction]:
                    why = EXTRA_FLOWS.get((t["technology"], direction, com))
                    assert why, f"{t['technology']}: {direction} {com} is not in the catalogue class {code}"
                    new[direction][com] = t[key][com]
                    sources[(direction, com)] = t["flow_source"] or t["source"]
        assert main in new["output"], (t["technology"], main, code)
        outputs = {main: new["output"].pop(main), **new["output"]}  # the main output first
        t["inputs"], t["outputs"], t["flow_sources"] = new["input"], outputs, sources


