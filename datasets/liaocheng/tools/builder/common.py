"""Shared constants, sources and the technology registry of the Liaocheng generator."""

from __future__ import annotations

import itertools
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # datasets/liaocheng/tools
OUT = HERE.parent  # datasets/liaocheng: the generated tables
BASE = 2023
REGION = "CN-SD-Liaocheng"
HORIZON = 2040
YEARS = list(range(BASE, HORIZON + 1))

# ---------------------------------------------------------------------------------------
# Source strings (cited by the tables; the README lists them with their addresses)
S = {
    "census7": "聊城市第七次全国人口普查公报 (2021): resident population 595.21万 on 2020-11-01",
    "bulletin2023": "2023年聊城市国民经济和社会发展统计公报: year-end resident population 585.93万, urbanisation 55.8%",
    "energy14": "聊城市能源发展“十四五”规划 press conference, 鲁网 2022-07-27 (市发改委): 2020 installed capacity ~14 GW, generation >63 TWh (~11% of Shandong), PV 1.4 GW, gas >1.0 bcm, 40 coal units (2.16 GW) closed 2016-2020",
    "gwr2024": "聊城市政府工作报告 (2024, review of 2023): renewable capacity >4.2 GW; 5 small coal units closed",
    "dzrb2026": "大众日报 2026-01-20 “十四五期间聊城绿色低碳转型”: 2025 closed 0.459 GW small coal units; 35 centralised PV projects connected; 9 lots / 3.5 GW wind started; Xinfa circular-economy park in Shandong's first zero-carbon park list",
    "gwr2026": "大众日报 2026-01-14 政府工作报告解读: 2025 GDP ~3300亿元, ~1000亿 above 2020",
    "gem_xinyuan": "Global Energy Monitor wiki, Xinyuan Aluminum power station: 6x660 MW captive coal (Xinfa, Chiping), 2015-16",
    "gem_haoji": "Global Energy Monitor wiki, Chiping Haoji power station: 4x350 MW captive coal (Xinfa), 2011-14",
    "gem_xinfa": "Global Energy Monitor wiki, Chiping Xinfa power station: 3x155 MW operating captive coal (one 155 MW unit retired 2018)",
    "wri_zhonghua": "WRI Global Power Plant Database: Liaocheng Zhonghua power station 1,200 MW subcritical coal (public utility)",
    "xiangguang_chp": "聊城新闻网 2024-11-26 (李长萍会见山东能源集团) and GEM wiki Liaocheng Xiangguang Cogen: 2x660 MW USC CHP, construction restarted Nov-2024; design 6.6 TWh/yr power, 11.4 PJ/yr heat, 235 gce/kWh",
    "wind_guanxian": "聊城新闻网 2024-11-26: 冠县 400 MW wind project (Shandong Energy) started Nov-2024",
    "pipe_ldz": "聊城经济技术开发区 press conference 2023-05-13 (via xxjzchina.com mirror): 53 规上 steel-pipe makers produce ~4.2 Mt/yr of pipes; steel-pipe market sales >6 Mt in 2022",
    "sd_plan242": "山东省碳达峰实施方案 鲁政字〔2022〕242号 (2022-12-18): CO2 intensity -20.5% and energy intensity -14.5% 2020->2025; non-fossil 13% (2025), 20% (2030) of energy consumption; peak before 2030",
    "sd_windpv2023": "Xinhua / People's Daily 2024-01-04: Shandong end-2023 PV 56.38 GW, wind 25.91 GW, wind+PV generation 115 TWh (22.6% of generation)",
    "mee_grid": "生态环境部/国家统计局 电力二氧化碳排放因子 notices (2024-04-12 for 2021; 2024-12-26 for 2022; 2025 for 2023): Shandong 0.6838 (2021), 0.641 (2022) t CO2/MWh; North China 0.6776 (2022), 0.6361 (2023)",
    "ndc2035": "Xi Jinping, UN Climate Summit 2025-09-24 (China's 2035 NDC): economy-wide net GHG 7-10% below peak by 2035; non-fossil >30% of energy",
    "proposal": "中共聊城市委关于制定聊城市国民经济和社会发展第十五个五年规划的建议 (2025-12-30): 碳达峰目标如期实现; 延伸铝铜精深加工; 精品钢管产业园、高端钢板生产基地; 千亿级绿色化工产业基地; 光伏、风电、氢能、储能; 新能源汽车",
    "gbt2589": "GB/T 2589-2020 Appendix A: raw coal 20,908 kJ/kg (0.7143 kgce/kg); gas-field natural gas 35,544 kJ/m3 (1.2143 kgce/m3); diesel 42,652 kJ/kg; gasoline 43,070 kJ/kg; LPG 50,179 kJ/kg; straw 0.5 kgce/kg",
    "ipcc_h2": "hydrogen LHV 33.33 kWh/kg (120 MJ/kg), physical constant",
    "cpia": "CPIA 中国光伏产业发展路线图 (2023 edition): ground-mounted PV system initial investment ~3.4 CNY/W in 2023, C&I distributed ~3.2 CNY/W; falling trend (unverified: recalled, not read in a retrieved copy)",
    "bess_bids": "EnergyTrend June-2023 average LFP storage bids 1.04 CNY/Wh (system) and 1.49 CNY/Wh (EPC); 2025 tenders 0.43-0.47 CNY/Wh (CEEC 25 GWh; Huadian)",
    "alk_el": "China alkaline electrolyser equipment 1,350-1,500 CNY/kW (1Q2023, chinahydrogen newsletter); BNEF ~USD 300/kW installed (2021)",
}
A = "assumption: "


def assume(text: str) -> str:
    return A + text


# ---------------------------------------------------------------------------------------
# Physical conversion constants (GB/T 2589-2020 NCVs, see S["gbt2589"])
NCV = {  # GJ per unit of the commodity
    "raw_coal": 20.908,       # GJ/t
    "natural_gas": 0.035544,  # GJ/m3 (statistics at 20 C)
    "diesel": 42.652,         # GJ/t
    "gasoline": 43.070,       # GJ/t
    "lpg": 50.179,            # GJ/t
    "solid_biomass": 14.654,  # GJ/t (straw 0.5 kgce/kg)
}
TCE_GJ = 29.3076
H2_MWH_PER_T = 33.33
# coal-route ammonia: total fuel requirement 1.315 tce/t NH3 (feedstock + process fuel), see
# factors/process_ipcc2006.csv (ammonia, coal_gasification) and README D5
AMMONIA_COAL_T = round(1.315 / 0.7143, 4)  # t raw coal per t NH3
C = NCV["raw_coal"]
G = NCV["natural_gas"]

# ---------------------------------------------------------------------------------------
# Drivers: GDP, population, grid factor trajectory


def interp(points: dict[int, float], year: int) -> float:
    ys = sorted(points)
    if year <= ys[0]:
        return points[ys[0]]
    for a, b in itertools.pairwise(ys):
        if a <= year <= b:
            return points[a] + (points[b] - points[a]) * (year - a) / (b - a)
    return points[ys[-1]]


GDP_BASE = 2880.0  # 亿元, 2023, current = constant 2023 prices
# 2024-25 pinned to the published 2025 estimate (政府工作报告 2026: ~3,300亿元, S["gwr2026"]): the same growth
# in both years, (3300 / 2880) ** 0.5 - 1 = 7.04%/yr in current prices, taken as constant 2023 prices (China's
# GDP deflator was slightly negative in 2024-25, so real growth was if anything higher)
GDP_2025 = 3300.0
_g = (GDP_2025 / GDP_BASE) ** 0.5 - 1
GDP_GROWTH = {2024: _g, 2025: _g}
for _y in range(2026, 2031):
    GDP_GROWTH[_y] = 0.050
for _y in range(2031, 2036):
    GDP_GROWTH[_y] = 0.040
for _y in range(2036, 2041):
    GDP_GROWTH[_y] = 0.035
GDP = {BASE: GDP_BASE}
for _y in YEARS[1:]:
    GDP[_y] = GDP[_y - 1] * (1 + GDP_GROWTH[_y])

POP_BASE = 585.93  # 万人
POP = {BASE: POP_BASE}
for _y in YEARS[1:]:
    POP[_y] = POP[_y - 1] * (1 - (0.004 if _y <= 2030 else 0.005))
URBAN = {2023: 0.558, 2030: 0.62, 2035: 0.655, 2040: 0.68}

GRID_EF = {2021: 0.6838, 2022: 0.641, 2023: 0.641, 2025: 0.57, 2030: 0.50, 2035: 0.41,
           2040: 0.33}
GRID_NF = {2023: 0.25, 2025: 0.30, 2030: 0.40, 2035: 0.50, 2040: 0.60}
# coal rate of thermal power for the coal-consumption method, supply basis (供电): the factor table's
# latest value (CEC 2022, 300.7 gce/kWh, which the inventory carries to 2023), then -0.3%/yr
COAL_RATE_BASIS = "supply"
COAL_RATE = {2023: 300.7, 2030: 294.4, 2040: 285.7}


def g(year: int, elasticity: float = 1.0) -> float:
    """GDP index relative to the base year, raised to an elasticity."""
    return (GDP[year] / GDP[BASE]) ** elasticity


def p(year: int) -> float:
    return POP[year] / POP[BASE]


# ---------------------------------------------------------------------------------------
# Technologies. Each entry: attributes, flows, parameters, base-year activity.
# flows: {commodity: value per unit of activity}; inputs negative-free: in/out dicts.
TECHS: list[dict] = []


def tech(code, name, sector, kind, level, cap_unit, act_unit, *, inputs=None, outputs=None,
         group="", fixed=False, early=False, avail="", load="", storage="", process="",
         investable=True, nonfossil=False, source="", flow_source="", params=None,
         base_activity=None, uses=None):
    TECHS.append(dict(
        technology=code, name=name, sector=sector, kind=kind, level=level,
        capacity_unit=cap_unit, activity_unit=act_unit, group=group,
        fixed_utilisation="true" if fixed else "false",
        early_retirement="true" if early else "false",
        availability_profile=avail, load_profile=load, storage_commodity=storage,
        process_item=process, investable="true" if investable else "false",
        nonfossil="true" if nonfossil else "false", source=source,
        inputs=inputs or {}, outputs=outputs or {}, flow_source=flow_source,
        params=params or [], base_activity=base_activity, uses=uses or {}))


def P(parameter, value, unit, source, year="", day=""):
    return dict(parameter=parameter, year=year, day=day, value=value, unit=unit, source=source)


def traj(parameter, points: dict[int, float], unit, source):
    return [P(parameter, v, unit, source, year=y) for y, v in sorted(points.items())]


CATALOGUE = None
CHAIN = ("CN-SD-Liaocheng", "CN-SD", "CN-NorthChina", "CN", "world")


def catalogue(code, parameter):
    """A parameter of the bundled technology catalogue (issue 16), at its own years within
    the model years (its trajectory points cover the base year and the horizon), citing the
    catalogue and the value's original source."""
    from carbonpath.catalogue import cite

    cat = _catalogue()
    rows = cat.parameter_rows(code, parameter, CHAIN)
    assert len(rows), (code, parameter)
    out = []
    for r in rows.itertuples():
        value = float(r.value)
        value = int(value) if value.is_integer() else value
        source = cite(cat.version, code, str(r.source), str(r.status))
        if r.year is None or str(r.year) == "<NA>":  # blank year: every year
            out.append(P(parameter, value, r.unit, source))
        elif BASE <= int(r.year) <= HORIZON:
            out.append(P(parameter, value, r.unit, source, year=int(r.year)))
    return out


def _catalogue():
    global CATALOGUE
    if CATALOGUE is None:
        from carbonpath.catalogue import load_catalogue

        CATALOGUE = load_catalogue()
    return CATALOGUE


def catalogue_version() -> str:
    """The bundled catalogue's version (cited by every row taken from it)."""
    return _catalogue().version


def catalogue_value(code, parameter, year=BASE) -> float:
    """One value of a catalogue parameter (the most specific region of the chain)."""
    return float(_catalogue().value(code, parameter, year, CHAIN)[0])


def catalogue_flow(code, commodity, direction="input") -> float:
    """A catalogue flow's value per unit of activity, in the catalogue's unit."""
    rows = _catalogue().flows_of(code)
    rows = rows[(rows["commodity"] == commodity) & (rows["direction"] == direction)]
    assert len(rows) == 1, (code, commodity, direction)
    return float(rows["value"].iloc[0])


def residual_linear(cap0: float, life_left: float, unit: str, source: str, floor_years=None):
    """Existing stock retiring linearly over its remaining life; explicit for every 5 years."""
    pts = {}
    for y in [BASE, 2025, 2030, 2035, HORIZON]:
        pts[y] = round(max(0.0, cap0 * (1 - (y - BASE) / life_left)), 3)
    return traj("residual_capacity", pts, unit, source)


# ----- base-year quantities (2023) -------------------------------------------------------
B = dict(
    # power (net generation, MWh)
    coal_captive_gw=8.03, coal_public_gw=3.80,
    gen_captive=42.0e6, gen_public=14.56e6,
    pv_utility_gw=1.40, pv_rooftop_gw=2.20, gen_pv_utility=1.50e6, gen_pv_rooftop=2.40e6,
    wind_gw=0.35, gen_wind=0.60e6, biomass_gw=0.25, gen_biomass=1.10e6,
    export=18.0e6, import_=0.0,
    # industry (t)
    alumina=6.0e6, al_primary=1.30e6, al_recycled=0.25e6, al_products=1.0e6,
    cu_primary=0.70e6, cu_recycled=0.10e6, pipe=4.2e6, plate=2.5e6, ammonia=1.0e6,
    chem=4.0e6, textiles=0.8e6, clinker_local=1.5e6, cement=6.0e6,
    # heat (GJ)
    steam_coal_boiler=14.0e6, steam_gas_boiler=4.0e6, dh_coal_boiler=4.0e6,
    oi_heat_coal_useful=1.0e6 * 20.908 * 0.75, oi_heat_gas_useful=1.5e8 * 0.035544 * 0.88,
    oi_heat_steam_useful=10.0e6 / 1.1,
)

# Coal-fired power: net-output basis (供电), coal per MWh net including the heat share.
CAPTIVE_STEAM = 1.071  # GJ steam per MWh net
PUBLIC_STEAM, PUBLIC_DH = 1.030, 1.374
HEAT_COAL_RATE = 0.040  # tce per GJ heat supplied (typical 供热标准煤耗 ~ 39-41 kgce/GJ)


def coal_t_per_mwh(elec_rate_tce, heat_gj):
    return (elec_rate_tce + HEAT_COAL_RATE * heat_gj) / 0.7143


SRC_POWER_RATE = assume(
    "net (供电) coal rate {e} kgce/kWh for the electricity share plus 40 kgce per GJ of heat "
    "supplied (typical 供热标准煤耗 39-41 kgce/GJ); heat-to-power ratio {r} GJ/MWh chosen so that "
    "base-year steam and district-heat balances close (see README, derivation D4)")


def base_activity(t: dict) -> float | None:
    for prm in t["params"]:
        if prm["parameter"] == "activity" and prm["year"] == BASE:
            return float(prm["value"])
    return None


def tech_by_code(code):
    return next(t for t in TECHS if t["technology"] == code)
