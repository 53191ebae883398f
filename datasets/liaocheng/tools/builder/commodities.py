"""Commodities (commodities.csv)."""

from __future__ import annotations

from .common import S, assume
from .coverage import STREAM_SRC

# ---------------------------------------------------------------------------------------
# Commodities
COMMODITIES = [
    # code, name, unit, balance, kind, fuel, source
    ("raw_coal", "Raw coal (原煤)", "t", "annual", "fuel", "raw_coal", S["gbt2589"]),
    ("natural_gas", "Natural gas (天然气)", "m3_20C", "annual", "fuel", "natural_gas",
     "China's energy statistics meter gas at 20 C (GB/T 2589-2020)"),
    ("diesel", "Diesel (柴油)", "t", "annual", "fuel", "diesel", S["gbt2589"]),
    ("gasoline", "Gasoline (汽油)", "t", "annual", "fuel", "gasoline", S["gbt2589"]),
    ("lpg", "LPG (液化石油气)", "t", "annual", "fuel", "lpg", S["gbt2589"]),
    ("solid_biomass", "Crop straw and biomass (生物质)", "t", "annual", "fuel", "solid_biomass", S["gbt2589"]),
    ("electricity", "Electricity (电力)", "MWh", "timeslice", "electricity", "electricity", "carbonpath convention"),
    ("hydrogen", "Hydrogen (氢气, LHV)", "MWh", "timeslice", "hydrogen", "hydrogen", S["ipcc_h2"]),
    ("steam", "Industrial process steam (工业蒸汽)", "GJ", "annual", "heat", "heat",
     assume("one industrial steam pool for alumina, chemicals, textiles, paper and other industry; "
            "annual balance because industrial steam demand is flat over the year")),
    ("district_heat", "District heat (集中供热)", "GJ", "annual", "heat", "heat",
     assume("annual balance; the seasonal shape enters through the heat pumps' load profile")),
    ("alumina", "Alumina (氧化铝)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("aluminium", "Aluminium metal, primary and recycled (原铝/再生铝)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("aluminium_products", "Aluminium semis, deep-processed (铝材)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("copper", "Refined copper cathode (精炼铜)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("steel_semis", "Steel billets, slabs and coil (钢坯/钢卷), feed of pipe and plate mills", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("steel_pipe", "Steel pipes (钢管)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("steel_plate", "Steel plate and coated sheet (钢板)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("ammonia", "Ammonia (合成氨)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("chem_products", "Other chemicals (化工产品: Luxi new materials, chlor-alkali, parks)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("textiles", "Textiles, yarn-equivalent (纱线当量)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("clinker", "Cement clinker (熟料)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("cement", "Cement (水泥)", "t", "annual", "material", "", "definition: a material made or used in the city; it carries no value (README §3)"),
    ("other_ind_heat", "Other industry process heat, useful (其他工业用热)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("other_ind_power", "Other industry electric services (其他工业用电)", "MWh", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("construction_energy", "Construction machinery energy (建筑业)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("res_heat_urban", "Urban residential space heat, useful (城镇居民采暖)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("res_heat_rural", "Rural residential space heat, useful (农村居民采暖)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("res_cooking", "Residential cooking and hot water, useful (居民炊事热水)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("res_power", "Residential appliances and cooling (居民电器)", "MWh", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("svc_heat", "Services space heat, useful (服务业采暖)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("svc_power", "Services electric uses (服务业用电)", "MWh", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("agri_mech", "Farm machinery work, diesel-equivalent (农机)", "GJ", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("agri_power", "Agricultural electric uses, irrigation (农业用电)", "MWh", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("grid_service", "Grid losses and utility own use (线损及水气供应自用)", "MWh", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("car_vkm", "Passenger car travel (小客车)", "vkm", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("bus_vkm", "Bus travel (公交及客车)", "vkm", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("hdt_vkm", "Heavy truck freight (重型货车)", "vkm", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("ldt_vkm", "Light and medium truck freight (轻中型货车)", "vkm", "annual", "service", "", "definition: an energy service; it carries no value (README §8, FORMAT-NOTES F10)"),
    ("co2_stream", "CO2 of the ammonia plant's high-purity stream (合成氨高浓度CO2)", "t", "annual", "material", "", STREAM_SRC),
    ("co2_stored", "CO2 captured for storage (捕集封存的CO2)", "t", "annual", "material", "", "definition: the captured CO2 leaving the city for storage"),
]
COMMODITY_UNIT = {c[0]: c[2] for c in COMMODITIES}
COMMODITY_FUEL = {c[0]: c[5] for c in COMMODITIES}
