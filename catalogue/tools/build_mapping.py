"""Write catalogue/mapping.csv: balance rows and columns -> catalogue technologies (defaults).

Run from the repository root. The table is the default of ``carbonpath init --mapping``;
a planner copies and edits it (docs/init.md explains the roles).
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mapping.csv"
COLS = ["role", "sector", "fuel", "item", "technology", "service", "note"]
rows: list[dict] = []


def add(role, sector, fuels, technology, service="", item="", note=""):
    for fuel in fuels.split():
        rows.append(dict(role=role, sector=sector, fuel=fuel, item=item, technology=technology,
                         service=service, note=note))


COALS = "raw_coal anthracite bituminous_coal sub_bituminous_coal lignite cleaned_coal other_washed_coal briquettes gangue other_coking_products"
GASES = "natural_gas lng coke_oven_gas blast_furnace_gas converter_gas other_gas refinery_gas lpg"
OILS = "diesel fuel_oil gasoline kerosene jet_kerosene crude_oil naphtha petroleum_coke other_petroleum_products"
# final consumption: (sector, fuel) -> the device that burns or uses it, and its service
add("device", "*", COALS, "ind_heat_coal", "heat", note="solid fuel burned for heat")
add("device", "*", "coke", "ind_heat_coke", "heat")
add("device", "*", GASES, "ind_heat_gas", "heat")
add("device", "*", OILS, "ind_heat_oil", "heat")
add("device", "*", "solid_biomass biogas", "bld_heat_biomass", "heat")
add("device", "*", "heat", "ind_heat_steam", "heat")
add("device", "*", "electricity", "elec_services", "power")
add("device", "construction", "diesel gasoline fuel_oil", "construction_diesel", "machinery")
add("device", "agriculture", "diesel gasoline", "agri_machinery_diesel", "machinery")
add("device", "transport", "gasoline lpg", "car_ice", "car", note="road gasoline: cars")
add("device", "transport", "diesel", "truck_heavy_diesel", "truck_heavy", note="road diesel: heavy trucks (the largest share)")
add("device", "transport", "natural_gas lng", "bus_cng", "bus", note="CNG buses and taxis, LNG trucks: taken as buses")
add("device", "transport", "fuel_oil", "water_inland_diesel", "water")
for sector in ("residential", "commercial", "other_services"):
    add("device", sector, COALS + " coke", "bld_heat_coal", "heat")
    add("device", sector, "natural_gas coke_oven_gas other_gas", "bld_heat_gas", "heat")
    add("device", sector, "lpg", "bld_cook_lpg", "cooking")
    add("device", sector, "heat", "bld_heat_district", "heat")
    add("device", sector, "kerosene diesel fuel_oil", "bld_heat_oil", "heat")
add("device", "residential", "gasoline", "car_ice", "car", note="households' gasoline in China's balances is private cars")
add("device", "commercial", "gasoline", "car_ice", "car", note="service-sector gasoline: company cars")
add("device", "other_services", "gasoline", "car_ice", "car")
# thermal power and heat plants: fuel -> plant class; item = capacity type of capacity.csv
add("power", "thermal_power", COALS + " coke coke_oven_gas blast_furnace_gas converter_gas", "coal_supercritical", item="coal")
add("power", "thermal_power", "natural_gas lng refinery_gas other_gas lpg", "gas_ccgt", item="gas")
add("power", "thermal_power", "diesel fuel_oil crude_oil", "gas_ccgt", item="oil", note="oil-fired units: taken with the gas class (efficiency, costs)")
add("power", "thermal_power", "solid_biomass biogas", "biomass_power", item="biomass")
add("power", "thermal_power", "other_energy", "waste_to_energy", item="waste")
add("heat", "heat_supply", COALS + " coke coke_oven_gas blast_furnace_gas converter_gas", "heat_coal_boiler")
add("heat", "heat_supply", "natural_gas lng refinery_gas other_gas lpg diesel fuel_oil", "heat_gas_boiler")
add("heat", "heat_supply", "solid_biomass biogas other_energy", "heat_biomass_boiler")
# local non-fossil generation and storage: capacity type -> technology (sector = generation row)
for item, tech, sector in (("pv", "pv_utility", "solar_power"), ("pv_utility", "pv_utility", "solar_power"),
                           ("pv_rooftop", "pv_rooftop", "solar_power"), ("wind", "wind_onshore", "wind_power"),
                           ("wind_onshore", "wind_onshore", "wind_power"), ("wind_offshore", "wind_offshore", "wind_power"),
                           ("hydro", "hydro_small", "hydro_power")):
    add("capacity", sector, "electricity", tech, item=item)
add("capacity", "utilities", "electricity", "battery_lfp", item="battery")
add("capacity", "utilities", "electricity", "pumped_hydro", item="pumped_hydro")
# production: product -> route carrying its process emissions
for product in ("cement_clinker", "lime", "glass", "soda_ash_use", "ammonia", "nitric_acid", "adipic_acid",
                "primary_aluminium_prebake", "primary_aluminium_soderberg", "bof_steel", "eaf_steel",
                "pig_iron", "dri", "sinter", "coke_production"):
    add("product", "industrial_processes", "-", "process_generic", item=product)
# options: technologies the model may build, by service (sector '*' = every sector with it)
for tech in ("coal_usc", "gas_ccgt", "pv_utility", "pv_rooftop", "wind_onshore", "wind_offshore", "battery_lfp"):
    add("option", "*", "electricity", tech, "electricity")
for tech in ("heat_gas_boiler", "heat_pump_large", "heat_electric_boiler"):
    add("option", "heat_supply", "heat", tech, "heat")
for tech in ("ind_heat_gas", "ind_heat_electric", "ind_heat_pump"):
    add("option", "industry", "-", tech, "heat")
for sector in ("residential", "commercial", "other_services"):
    add("option", sector, "-", "bld_heat_heat_pump", "heat")
    add("option", sector, "-", "bld_cook_electric", "cooking")
add("option", "*", "-", "car_bev", "car")
add("option", "*", "-", "truck_heavy_bev", "truck_heavy")
add("option", "*", "-", "truck_heavy_lng", "truck_heavy")
add("option", "*", "-", "bus_bev", "bus")
add("option", "*", "-", "water_inland_electric", "water")
add("option", "construction", "-", "construction_electric", "machinery")
add("option", "agriculture", "-", "agri_machinery_electric", "machinery")
# industry routes: the incumbent class of a product (its energy per tonne, which links the
# product to its balance sector's services) and the routes the model may build instead
for product, sector, incumbent in (
        ("bof_steel", "ferrous_metals", "steel_bf_bof"),
        ("eaf_steel", "ferrous_metals", "steel_eaf"),
        ("cement_clinker", "non_metallic_minerals", "clinker_kiln"),
        ("glass", "non_metallic_minerals", "glass_float"),
        ("primary_aluminium_prebake", "non_ferrous_metals", "al_smelter_prebake"),
        ("ammonia", "chemicals", "ammonia_coal")):
    add("incumbent", sector, "-", incumbent, item=product,
        note="energy per tonne of the existing route: links the product to the sector's services")
for product, sector, route, note in (
        ("bof_steel", "ferrous_metals", "steel_eaf", "scrap EAF instead of BF-BOF"),
        ("bof_steel", "ferrous_metals", "steel_h2_dri", "hydrogen DRI + EAF (needs hydrogen)"),
        ("cement_clinker", "non_metallic_minerals", "clinker_kiln_ccus", "clinker with CCUS"),
        ("primary_aluminium_prebake", "non_ferrous_metals", "al_recycling",
         "recycled aluminium in place of primary"),
        ("ammonia", "chemicals", "ammonia_green", "green ammonia (needs hydrogen)")):
    add("route", sector, "-", route, item=product, note=note)

with open(OUT, "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, fieldnames=COLS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(len(rows), "mapping rows")
