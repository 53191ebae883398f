"""Fuel supply and purchased materials (annual)."""

from __future__ import annotations

from .commodities import COMMODITY_UNIT
from .common import P, assume, tech, traj


# ----- fuel supply and purchased materials (annual) ------------------------------------
def supply(code, name, sector, commodity, price_pts, price_unit, price_src, kind="import", extra=None):
    tech(code, name, sector, kind, "annual", commodity_cap_unit(commodity), COMMODITY_UNIT[commodity],
         outputs={commodity: 1.0}, investable=False, source=price_src,
         params=[P("lifetime", 50, "yr", assume("supply chain, not a plant")),
                 *traj("variable_cost", price_pts, price_unit, price_src),
                 P("residual_capacity", 0.0, commodity_cap_unit(commodity), assume(
                     "supply capacity not binding: 5x the base-year use (set by close_balances)")),
                 *(extra or [])])


def commodity_cap_unit(c):
    return COMMODITY_UNIT[c] + "/yr"



def add() -> None:
    """Register the fuel-supply and purchase technologies."""
    supply("coal_supply", "Coal purchased (外购原煤)", "utilities", "raw_coal", {2023: 950, 2030: 850, 2040: 850}, "CNY/t",
           assume("delivered thermal coal in western Shandong 2023 ~950 CNY/t for ~5,000 kcal raw coal (CCI 5500 ~1,000 at ports); 750-1,200; 2030 easing to 850"))
    supply("gas_supply", "Natural gas purchased (管道天然气)", "utilities", "natural_gas", {2023: 3.4, 2030: 3.0, 2040: 3.0}, "CNY/m3_20C",
           assume("Shandong non-residential gas 2023 ~3.2-3.6 CNY/m3; 2.8-4.2; easing to 3.0 with LNG supply growth"))
    supply("diesel_supply", "Diesel purchased", "utilities", "diesel", {2023: 8000, 2040: 8000}, "CNY/t",
           assume("wholesale diesel ex-tax 2023 ~7,500-8,500 CNY/t; flat in real terms"))
    supply("gasoline_supply", "Gasoline purchased", "utilities", "gasoline", {2023: 9800, 2040: 9800}, "CNY/t",
           assume("wholesale gasoline 2023 ~9,000-10,500 CNY/t; flat"))
    supply("lpg_supply", "LPG purchased", "utilities", "lpg", {2023: 5500, 2040: 5500}, "CNY/t", assume("4,500-6,500 CNY/t"))
    supply("biomass_supply", "Crop straw collection (秸秆)", "agriculture", "solid_biomass", {2023: 350, 2040: 350}, "CNY/t",
           assume("collected and delivered straw 250-450 CNY/t"), kind="supply",
           extra=[P("max_activity", 1.9e6, "t/yr", assume(
               "grain ~5.75 Mt/yr (15th FYP proposal: 115亿斤) x residue ratio 1.1 x ~30% collectable for energy"))])
    supply("steel_semis_purchase", "Billets, slabs and coil bought from outside the city (外购钢坯)", "ferrous_metals", "steel_semis",
           {2023: 3900, 2040: 3900}, "CNY/t", assume("billet/HRC price 2023 ~3,600-4,200 CNY/t; upstream emissions are outside the city (scope 3)"))
    supply("clinker_purchase", "Clinker bought from outside the city (外购熟料)", "non_metallic_minerals", "clinker",
           {2023: 380, 2040: 380}, "CNY/t", assume("clinker 300-450 CNY/t delivered"),
           extra=[P("max_activity", 2.7e6, "t/yr", assume(
               "held at the base-year purchase so that closing local kilns and buying clinker (carbon leakage) is not a free lever"))])
