"""Every technology's generic values from the bundled technology catalogue (issue 16).

The generator keeps the city's own numbers (capacities, outputs, demands, profiles, the
calibrated efficiencies of the standing plants, the operation of its plants: utilisation,
must-run, build limits); costs, lifetimes, availabilities, capacity credits and storage
characteristics are the catalogue's. :data:`CLASSES` names the catalogue class of each
Liaocheng technology; :func:`take` replaces the technology's rows of every parameter of
:data:`TAKE` the catalogue has for that class (its Shandong rows win over the national ones,
by the region chain of ``factors/regions.csv``) and adds the cost rows it lacks.

Technologies without a class (:data:`OWN`) keep their own rows and say why.
"""

from __future__ import annotations

from carbonpath.units import unit_factor

from .common import TECHS, catalogue
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
    "chem_process": "chemicals_other", "textile_mill": "textile_mill", "clinker_kiln": "clinker_kiln",
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
    **VEHICLE_CLASS,
}

#: Parameters taken from the catalogue (generic values of a technology class). Availability
#: only where no availability profile gives it (PV and wind run on the city's profiles).
TAKE = ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "variable_cost", "lifetime",
        "availability", "capacity_credit", "charge_efficiency", "discharge_efficiency",
        "standing_loss", "max_duration")
#: Of those, the ones added where the technology had none (costs of the standing stock and of
#: its options, and the firm share at the peak).
ADD = ("fixed_om", "variable_cost", "lifetime", "capacity_credit")

#: Technologies that keep their own values, and why (issue 16's remaining work).
OWN = {
    "freight_rail": "catalogue freight_shift_rail per t-km, converted by the truck payload (tools/builder/coverage.py)",
    "freight_water": "catalogue freight_shift_water per t-km, converted by the truck payload (coverage.py)",
    "alumina_bayer_advanced": "no catalogue class (an efficiency retrofit of the Bayer route)",
    "al_smelter_efficient": "no catalogue class (high-amperage energy-saving cells)",
    "al_processing": "no catalogue class (aluminium rolling and extrusion)",
    "al_processing_electric": "no catalogue class",
    "steel_pipe_mill": "no catalogue class (pipe mills reheating bought semis)",
    "steel_pipe_mill_electric": "no catalogue class",
    "steel_plate_line": "no catalogue class (cold rolling and coating lines)",
    "chem_process_efficient": "no catalogue class (heat integration of the chemical park)",
    "textile_mill_efficient": "no catalogue class",
    "cement_mill_lowclinker": "no catalogue class (clinker substitution)",
    "steel_semis_purchase": "a purchase of the city's own (billet price, scope 3)",
    "clinker_purchase": "a purchase of the city's own, with its leakage limit",
    "grid_losses": "the city's losses and own use, an accounting device",
    "co2_vent": "a vent, not a plant",
    "co2_storage_site": "a sink whose cost is in the capture plant's",
}

CHANGED: list[dict] = []  # (technology, parameter, before, after) for the README and the report


def _has_profile(t: dict) -> bool:
    return bool(t.get("availability_profile"))


def take() -> None:
    """Replace every technology's generic rows by the catalogue's (call after every sector's add)."""
    from carbonpath.catalogue import load_catalogue

    cat = load_catalogue()
    for t in TECHS:
        code = CLASSES.get(t["technology"])
        if code is None:
            assert t["technology"] in OWN, f"{t['technology']}: neither a catalogue class nor a reason to keep its own"
            continue
        own = cat.parameters[cat.parameters["technology"] == code]["parameter"]
        for par in TAKE:
            if par not in set(own) or (par == "availability" and _has_profile(t)):
                continue
            before = [p for p in t["params"] if p["parameter"] == par]
            if not before and par not in ADD:
                continue
            if par == "capacity_credit" and t["level"] != "timeslice":
                continue
            rows = catalogue(code, par)
            if before:
                unit = before[0]["unit"]
                for r in rows:
                    factor = unit_factor(r["unit"], unit)
                    if factor != 1.0:
                        r["value"], r["unit"] = round(r["value"] * factor, 9), unit
            old = {(p["year"], p.get("day", "")): p["value"] for p in before}
            new = {(r["year"], r.get("day", "")): r["value"] for r in rows}
            if old != new:
                CHANGED.append(dict(technology=t["technology"], parameter=par, catalogue=code,
                                    before=_show(before), after=_show(rows)))
            at = next((i for i, p in enumerate(t["params"]) if p["parameter"] == par), len(t["params"]))
            t["params"] = [p for p in t["params"] if p["parameter"] != par]
            t["params"][at:at] = rows


def _show(rows: list[dict]) -> str:
    if not rows:
        return "-"
    return "; ".join(f"{r['year']}: {r['value']:g}" if r["year"] != "" else f"{r['value']:g}" for r in rows) \
        + f" {rows[0]['unit']}"


def write_changes(path) -> None:
    """tools/catalogue_changes.csv: where the catalogue's value differs from the generator's former one."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["technology", "parameter", "catalogue", "before", "after"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(CHANGED)
