"""Build-rate limits of every investable technology."""

from __future__ import annotations

import sys
from collections import defaultdict

from .common import BASE, HORIZON, TECHS, P, assume, base_activity, traj

# ---------------------------------------------------------------------------------------
# Build-rate limits: every investable technology has a max_new_capacity in every decision year
# (2024-2040), so that the least-cost model cannot do in one year what takes a city a decade.
# Each entry: points {year: value} (interpolated between given years), unit, reasoning.
FIRST, LAST = BASE + 1, HORIZON


def flat(v):
    return {FIRST: v, LAST: v}


BUILD = {
    # coverage measures (tools/builder/coverage.py)
    "ccus_ammonia": ({FIRST: 0, 2027: 0, 2028: 500000, LAST: 500000}, "t/yr/yr",
                     "no CCUS project announced: none before 2028 (3-year lead time), then one 0.5 Mt/yr train a year"),
    "smelter_flex": ({FIRST: 0, 2025: 0, 2026: 100, LAST: 100}, "MW/yr",
                     "pot-line retrofits for load modulation, ~100 MW of modulation a year"),
    # the freight shift is limited by its potential (max_activity, coverage.py); these are the pace of
    # building sidings and terminals (before, the service-share rule gave 0 because trucks are counted
    # in vehicles, so the shift could never be built)
    "freight_rail": ({FIRST: 0, 2025: 0, 2026: 30e6, LAST: 30e6}, "vkm/yr/yr",
                     "sidings and terminals for ~1.3% of the base-year heavy-truck freight (2.25 bn vkm) a year, "
                     "above the potential's fastest ramp (5% by 2030)"),
    "freight_water": ({FIRST: 0, 2030: 0, 2031: 20e6, LAST: 20e6}, "vkm/yr/yr",
                      "port berths for ~0.9% of the base-year heavy-truck freight a year once the canal opens "
                      "(none before 2031)"),
    # power, MW per year
    "coal_usc_chp_new": ({FIRST: 0, 2026: 0, 2027: 1320, 2028: 0, LAST: 0}, "MW/yr",
                         "only the committed Xiangguang 2x660 MW, online 2027 (聊城新闻网 2024-11-26: construction restarted); "
                         "Shandong permits new coal only as capacity replacement"),
    "gas_ccgt": ({FIRST: 0, 2026: 0, 2027: 400, LAST: 400}, "MW/yr",
                 "no gas plant planned or under construction in the city: none before 2027 (3-year lead time), then one "
                 "~400 MW unit a year at most"),
    "biomass_chp": ({FIRST: 0, 2025: 30, LAST: 30}, "MW/yr",
                    "one 30 MW straw unit a year at most (Shandong's straw plants are 25-50 MW); none in 2024"),
    "pv_utility": (flat(400), "MW/yr",
                   "Liaocheng's PV grew ~0.73 GW/yr in 2020-2023 (1.4 -> ~3.6 GW, energy14, gwr2024) and its new-energy "
                   "capacity +15.1% in 2025 (大众日报 2026-01-20); ~6.4% of Shandong's PV, whose additions of 10-13 GW/yr "
                   "give 0.65-0.85 GW/yr; utility share ~0.4 GW/yr (35 centralised projects in 2025); from June 2025 new "
                   "projects sell at market prices (国家发展改革委 国家能源局 发改价格〔2025〕136号), which slows the build-out"),
    "pv_rooftop": ({FIRST: 450, 2025: 450, 2026: 300, LAST: 300}, "MW/yr",
                   "distributed share of the same ~0.85 GW/yr; Shandong's grid-hosting limits on distributed PV since 2023 "
                   "(open-capacity 'red zones') and market pricing from 2025 (发改价格〔2025〕136号) cut it to ~0.3 GW/yr"),
    "wind_onshore": ({FIRST: 100, 2025: 400, 2026: 1800, 2027: 1800, 2028: 300, LAST: 300}, "MW/yr",
                     "Guanxian 400 MW started Nov-2024 (聊城新闻网 2024-11-26) and 3.5 GW in nine lots started in 2025 "
                     "(大众日报 2026-01-20), online 2026-27; afterwards ~0.3 GW/yr on the low-wind plain (setbacks, land)"),
    "battery": ({FIRST: 200, 2026: 300, 2030: 500, LAST: 500}, "MW/yr",
                "Shandong added ~3 GW of new-type storage in 2025 (>11 GW in total, 2026 work report); a city share of "
                "5-10% is 150-300 MW/yr, rising with renewables"),
    "electrolyser": ({FIRST: 0, 2025: 20, 2027: 50, 2030: 200, LAST: 200}, "MW/yr",
                     "demonstration scale first (Shandong's hydrogen plan: 40 refuelling stations by 2025); 200 MW/yr once "
                     "projects are commercial"),
    "h2_storage": ({FIRST: 0, 2025: 20, 2030: 100, LAST: 100}, "MW/yr", "follows the electrolysers"),
    # industry, t of annual capacity per year
    "alumina_bayer_advanced": ({FIRST: 0, 2025: 5e5, LAST: 5e5}, "t/yr/yr",
                               "one 0.5 Mt/yr line retrofitted a year (evaporation and calciner retrofits take 1-2 years)"),
    "al_smelter_efficient": ({FIRST: 0, 2027: 0, 2028: 1.5e5, LAST: 1.5e5}, "t/yr/yr",
                             "cell-line rebuilds as the existing lines age, ~0.15 Mt/yr (one potline)"),
    "al_recycling": ({FIRST: 5e4, 2030: 1e5, LAST: 1e5}, "t/yr/yr",
                     "remelting lines of 50-100 kt/yr; the recycling base grows with scrap arisings"),
    "al_processing": (flat(1.5e5), "t/yr/yr", "one or two rolling/extrusion lines a year"),
    "al_processing_electric": ({FIRST: 5e4, 2030: 1.5e5, LAST: 1.5e5}, "t/yr/yr",
                               "electric melting furnaces, few in 2024, a line or two a year later"),
    "cu_smelter_primary": (flat(1e5), "t/yr/yr", "one 0.1 Mt/yr refinery expansion a year at most"),
    "cu_recycling": (flat(5e4), "t/yr/yr", "secondary copper lines of ~50 kt/yr"),
    "steel_pipe_mill": (flat(3e5), "t/yr/yr", "mill lines of 0.1-0.3 Mt/yr (精品钢管产业园)"),
    "steel_pipe_mill_electric": (flat(3e5), "t/yr/yr", "as gas-fired mills"),
    "steel_plate_line": (flat(4e5), "t/yr/yr", "one coating or cold-rolling line a year (高端钢板生产基地)"),
    "eaf_steel": ({FIRST: 0, 2027: 0, 2028: 5e5, LAST: 5e5}, "t/yr/yr",
                  "no EAF project known; capacity swaps take years: none before 2028"),
    "h2_dri_eaf": ({FIRST: 0, 2027: 0, 2028: 5e5, LAST: 5e5}, "t/yr/yr", "not commercial before 2028"),
    "ammonia_green": ({FIRST: 0, 2026: 0, 2027: 1e5, LAST: 1e5}, "t/yr/yr",
                      "green-ammonia projects of ~0.1 Mt/yr, none before 2027"),
    "chem_process": (flat(5e5), "t/yr/yr", "千亿级绿色化工产业基地: several plants a year, ~0.5 Mt/yr"),
    "chem_process_efficient": (flat(4e5), "t/yr/yr", "heat-integration and MVR retrofits, ~10% of the stock a year"),
    "textile_mill": (flat(1e5), "t/yr/yr", "~10% of the stock a year"),
    "textile_mill_efficient": (flat(1e5), "t/yr/yr", "~10% of the stock a year"),
    "cement_mill": (flat(1e6), "t/yr/yr", "one grinding line a year"),
    "cement_mill_lowclinker": ({FIRST: 0, 2025: 5e5, LAST: 5e5}, "t/yr/yr",
                               "one 0.5 Mt/yr grinding line converted a year; none in 2024"),
    # steam and heat, MW of heat per year
    "steam_gas_boiler": (flat(150), "MW/yr", "park boilers of 20-50 MW, a few a year"),
    "steam_electric_boiler": (flat(100), "MW/yr", "electrode boilers of 10-50 MW"),
    "steam_heat_pump": ({FIRST: 20, 2030: 100, LAST: 100}, "MW/yr", "high-temperature heat pumps are at pilot scale in 2024"),
    "dh_heat_pump": (flat(100), "MW/yr", "large heat pumps of 5-20 MW; ~5% of the heat network a year"),
    "res_heat_biomass_rural": ({FIRST: 0.3e6, LAST: 0.3e6}, "GJ/yr/yr",
                               "pellet and briquette supply chains: ~1.4% of rural heat a year (Shandong's clean-heating "
                               "programme favours electricity and gas for coal; straw also feeds the power plants)"),
    # vehicles per year (Liaocheng buys ~110k cars, ~4.5k heavy and ~11k light trucks a year)
    "car_ice": (flat(150000), "vehicle/yr", "above any year's car purchases (never binds)"),
    "car_bev": ({FIRST: 35000, 2025: 50000, 2027: 65000, 2030: 85000, 2035: 120000, LAST: 130000}, "vehicle/yr",
                "national BEV share of new cars ~27% in 2024 (NEV ~48%, of which ~60% BEV) rising to ~45% in 2025; "
                "limit = that share of ~110k purchases a year, reaching ~75% by 2030 and all purchases by 2035"),
    "bus_diesel": (flat(300), "vehicle/yr", "above any year's purchases"),
    "bus_bev": (flat(400), "vehicle/yr", "~15% of the fleet a year"),
    "bus_fcev": ({FIRST: 20, 2030: 100, LAST: 100}, "vehicle/yr", "demonstration fleets (Zhongtong)"),
    "hdt_diesel": (flat(8000), "vehicle/yr", "above any year's purchases"),
    "hdt_lng": (flat(1500), "vehicle/yr", "LNG share of heavy-truck sales ~20-30% in 2023-24"),
    "hdt_bev": ({FIRST: 600, 2025: 1200, 2030: 2500, 2035: 4000, LAST: 4500}, "vehicle/yr",
                "battery-electric share of heavy-truck sales ~13% in 2024, ~25% in 2025 (battery swapping), most by 2035"),
    "hdt_fcev": ({FIRST: 50, 2030: 400, LAST: 800}, "vehicle/yr", "fuel-cell demonstration city clusters; small"),
    "ldt_diesel": (flat(20000), "vehicle/yr", "above any year's purchases"),
    "ldt_bev": ({FIRST: 2500, 2025: 4000, 2030: 7000, 2035: 11000, LAST: 12000}, "vehicle/yr",
                "electric vans and light trucks ~20-35% of sales in 2024-25, most by 2035"),
}
# service devices: new devices of one kind take at most this share of the service's base-year
# level per year (~1.5x the stock turnover of 1/15 a year), so no option takes a market in a few years
DEVICE_BUILD_SHARE = 0.10


def add_build_limits():
    service_base = defaultdict(float)
    for t in TECHS:
        a = base_activity(t)
        if a and t["kind"] == "demand" and t["level"] == "annual" and t["capacity_unit"] != "vehicle":
            for c in t["outputs"]:
                service_base[c] += a
    for t in TECHS:
        if t["investable"] != "true":
            continue
        code = t["technology"]
        if code in BUILD:
            pts, unit, why = BUILD[code]
            t["params"] += traj("max_new_capacity", pts, unit, assume(why))
        elif t["kind"] == "demand" and t["capacity_unit"] != "vehicle":
            service = next(iter(t["outputs"]))
            limit = DEVICE_BUILD_SHARE * service_base[service]
            t["params"].append(P("max_new_capacity", round(limit, 1), f"{t['capacity_unit']}/yr", assume(
                f"new devices of one kind serve at most {DEVICE_BUILD_SHARE:.0%} of the base-year '{service}' a year "
                "(about 1.5x the stock turnover), so that no option takes over a market within a few years")))
        else:
            sys.exit(f"{code}: investable without a build limit")
