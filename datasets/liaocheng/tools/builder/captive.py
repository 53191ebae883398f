"""The captive power network as its own region (issue 17 §3): links.csv and the region columns.

Xinfa's captive coal units (Xinyuan 6x660 MW, Haoji 4x350 MW, Chiping Xinfa 3x155 MW and the
other captive units, pooled in ``coal_chp_captive``) serve the aluminium smelters and the
alumina refineries of the Chiping park. They form the region ``captive``; the rest of the city
is ``city`` (the default region). The captive network reaches the public grid only through
``captive_tie``, a link of limited capacity; the park's steam, its coal and gas, and the metal
it sells move over unlimited links (a pipe network and trucks, not a constraint).
"""

from __future__ import annotations

from .common import TECHS, P, assume

CITY, CAPTIVE = "city", "captive"
REGIONS = [CITY, CAPTIVE]
CAPTIVE_TECHS = ("coal_chp_captive", "alumina_bayer", "alumina_bayer_advanced", "al_smelter",
                 "al_smelter_efficient", "smelter_flex")
CAPTIVE_DEMANDS = ("alumina",)  # alumina sold outside the city leaves from the park
REGION_SRC = assume("Xinfa's captive units serve the Chiping park (smelters and alumina refineries) on their own "
                    "network (GEM wiki Xinyuan Aluminum / Chiping Haoji; the 2017 central inspection found 9 captive "
                    "units built without approval, chinaaluminiumnews 2017-12-28); the park is a region of its own")
TIE_MW = 4000
TIE_SRC = assume("rating of the captive network's ties to the State Grid not published; ~4 GW (range 3-6 GW): the "
                 "captive fleet's available 7.2 GW less the smelters' ~2.2 GW flat load, so the base-year surplus "
                 "(~22.8 TWh, ~2.6 GW on average) can reach the public grid")

LINKS = [
    dict(link="captive_tie", name="Captive network tie to the public grid (自备电厂并网联络线)", commodity="electricity",
         from_region=CAPTIVE, to_region=CITY, bidirectional="true", loss=0, capacity_unit="MW", activity_unit="MWh",
         investable="false", counted="false",
         source=assume("limited tie; no loss modelled (losses are in grid_losses); flows counted where made (the "
                       "regions' emissions are their own plants')"),
         params=[P("lifetime", 40, "yr", assume("substations and lines")),
                 P("residual_capacity", TIE_MW, "MW", TIE_SRC)]),
    dict(link="captive_steam", name="Chiping park steam network (园区供汽管网)", commodity="steam",
         from_region=CAPTIVE, to_region=CITY, bidirectional="true", loss=0, capacity_unit="GJ/yr",
         activity_unit="GJ", investable="false", counted="false",
         source=assume("one steam network (the captive CHP supplies the refineries and the park; D4); unlimited"),
         params=[]),
    dict(link="captive_coal", name="Coal delivered to the park", commodity="raw_coal", from_region=CITY,
         to_region=CAPTIVE, bidirectional="false", loss=0, capacity_unit="t/yr", activity_unit="t",
         investable="false", counted="false", source=assume("coal bought by the city's supply (coal_supply); unlimited"),
         params=[]),
    dict(link="captive_gas", name="Gas delivered to the park", commodity="natural_gas", from_region=CITY,
         to_region=CAPTIVE, bidirectional="false", loss=0, capacity_unit="m3_20C/yr", activity_unit="m3_20C",
         investable="false", counted="false", source=assume("pipeline gas (gas_supply); unlimited"), params=[]),
    dict(link="captive_metal", name="Aluminium from the smelters to the city's processors and buyers",
         commodity="aluminium", from_region=CAPTIVE, to_region=CITY, bidirectional="false", loss=0,
         capacity_unit="t/yr", activity_unit="t", investable="false", counted="false",
         source=assume("liquid metal and ingots to the processing plants; unlimited"), params=[]),
]
LINK_FIELDS = ["link", "name", "commodity", "from_region", "to_region", "bidirectional", "loss", "capacity_unit",
               "activity_unit", "investable", "counted", "source"]


def assign_regions() -> None:
    """Set every technology's region: the captive network's in ``captive``, the rest blank (city)."""
    for t in TECHS:
        t["region"] = CAPTIVE if t["technology"] in CAPTIVE_TECHS else ""
    for t in TECHS:
        if t["technology"] in CAPTIVE_TECHS:
            t["source"] = f"{t['source']}; region {CAPTIVE}: {REGION_SRC}"


def demand_region(commodity: str) -> str:
    """The region of a demand (blank: the city)."""
    return CAPTIVE if commodity in CAPTIVE_DEMANDS else ""


def link_parameter_rows() -> list[dict]:
    """parameters.csv rows of the links (under the link's code)."""
    return [dict(technology=lk["link"], parameter=p["parameter"], year=p["year"], day="", value=p["value"],
                 unit=p["unit"], source=p["source"]) for lk in LINKS for p in lk["params"]]
