"""Fuel supply and purchased materials (annual)."""

from __future__ import annotations

from .commodities import COMMODITY_UNIT
from .common import P, assume, tech, traj


# ----- fuel supply and purchased materials (annual) ------------------------------------
def supply(code, name, sector, commodity, source, price=None, kind="import", extra=None):
    """A purchase of a fuel or material. A fuel's price is its catalogue class's (from_catalogue.py,
    the Shandong rows); ``price``: (points, unit, source) of a purchase without a class."""
    tech(code, name, sector, kind, "annual", commodity_cap_unit(commodity), COMMODITY_UNIT[commodity],
         outputs={commodity: 1.0}, investable=False, source=source,
         params=[P("lifetime", 50, "yr", assume("supply chain, not a plant")),
                 *(traj("variable_cost", *price) if price else []),
                 P("residual_capacity", 0.0, commodity_cap_unit(commodity), assume(
                     "supply capacity not binding: 5x the base-year use (set by close_balances)")),
                 *(extra or [])])


def commodity_cap_unit(c):
    return COMMODITY_UNIT[c] + "/yr"



def add() -> None:
    """Register the fuel-supply and purchase technologies."""
    bought = assume("fuel bought at the delivered price of the technology catalogue (its Shandong rows)")
    supply("coal_supply", "Coal purchased (外购原煤)", "utilities", "raw_coal", bought)
    supply("gas_supply", "Natural gas purchased (管道天然气)", "utilities", "natural_gas", bought)
    supply("diesel_supply", "Diesel purchased", "utilities", "diesel", bought)
    supply("gasoline_supply", "Gasoline purchased", "utilities", "gasoline", bought)
    supply("lpg_supply", "LPG purchased", "utilities", "lpg", bought)
    supply("biomass_supply", "Crop straw collection (秸秆)", "agriculture", "solid_biomass", bought, kind="supply",
           extra=[P("max_activity", 1.9e6, "t/yr", assume(
               "grain ~5.75 Mt/yr (15th FYP proposal: 115亿斤) x residue ratio 1.1 x ~30% collectable for energy"))])
    semis = assume("billet/HRC price 2023 ~3,600-4,200 CNY/t; upstream emissions are outside the city (scope 3)")
    supply("steel_semis_purchase", "Billets, slabs and coil bought from outside the city (外购钢坯)", "ferrous_metals", "steel_semis",
           semis, ({2023: 3900, 2040: 3900}, "CNY/t", semis))
    clinker = assume("clinker 300-450 CNY/t delivered")
    supply("clinker_purchase", "Clinker bought from outside the city (外购熟料)", "non_metallic_minerals", "clinker",
           clinker, ({2023: 380, 2040: 380}, "CNY/t", clinker),
           extra=[P("max_activity", 2.7e6, "t/yr", assume(
               "held at the base-year purchase so that closing local kilns and buying clinker (carbon leakage) is not a free lever"))])
