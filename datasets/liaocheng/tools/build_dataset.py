"""Build the Liaocheng dataset from one set of assumptions.

Run from the repository root:

    PYTHONPATH=src python datasets/liaocheng/tools/build_dataset.py

Every CSV and YAML file of ``datasets/liaocheng/`` except README.md and FORMAT-NOTES.md is
written by this script, so that the base year is consistent by construction:

* each technology with stock gets an observed base-year ``activity``;
* ``activity.csv`` is exactly technology activity x input flows, aggregated by sector and fuel;
* the base-year balance of every commodity closes (production = use + demand).

The script then checks units with carbonpath's registry and prints a base-year summary
(energy, CO2 by sector with a provisional factor set, electricity balance) that the README
quotes. Every number below carries its source or ``assumption: <reasoning>``; the README
explains the derivations.
"""

from __future__ import annotations

import csv
import itertools
import math
import sys
from collections import defaultdict
from pathlib import Path

import policy  # tools/policy.py: scenarios, targets, power-system operating data
import yaml

from carbonpath import compute_inventory  # run with PYTHONPATH=src

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
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
GDP_GROWTH = {2024: 0.055, 2025: 0.055}
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
# Timeslices and profiles
DAYS = [("winter", 90, 15), ("spring", 92, 105), ("summer", 92, 196), ("autumn", 91, 288)]
LAT, LON = 36.45, 115.98
PV_FLH, WIND_FLH = 1250.0, 2100.0


def solar_cf_raw(doy: int, hour: int, season: str) -> float:
    decl = math.radians(23.45 * math.sin(math.radians(360 / 365 * (284 + doy))))
    b = math.radians(360 / 365 * (doy - 81))
    eot = 9.87 * math.sin(2 * b) - 7.53 * math.cos(b) - 1.5 * math.sin(b)  # minutes
    t_solar = hour + 0.5 + (LON - 120.0) / 15.0 + eot / 60.0
    omega = math.radians(15 * (t_solar - 12))
    phi = math.radians(LAT)
    cosz = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(omega)
    if cosz <= 0.01:
        return 0.0
    ghi_clear = 1098 * cosz * math.exp(-0.057 / cosz)  # Haurwitz clear-sky model, W/m2
    clearness = {"winter": 0.60, "spring": 0.68, "summer": 0.58, "autumn": 0.65}[season]
    tilt_gain = {"winter": 1.35, "spring": 1.08, "summer": 0.95, "autumn": 1.20}[season]
    temp_derate = {"winter": 1.0, "spring": 0.97, "summer": 0.92, "autumn": 0.97}[season]
    return ghi_clear / 1000 * clearness * tilt_gain * temp_derate


def wind_cf_raw(hour: int, season: str) -> float:
    mean = {"winter": 0.26, "spring": 0.29, "summer": 0.17, "autumn": 0.22}[season]
    return mean * (1 + 0.20 * math.cos(2 * math.pi * (hour - 23) / 24))


def build_profiles() -> list[dict]:
    rows = []
    pv = {(d, h): solar_cf_raw(doy, h, d) for d, _, doy in DAYS for h in range(24)}
    wd = {(d, h): wind_cf_raw(h, d) for d, _, _ in DAYS for h in range(24)}
    weights = {d: w for d, w, _ in DAYS}
    pv_sum = sum(pv[k] * weights[k[0]] for k in pv)
    wd_sum = sum(wd[k] * weights[k[0]] for k in wd)
    pv = {k: v * PV_FLH / pv_sum for k, v in pv.items()}
    wd = {k: v * WIND_FLH / wd_sum for k, v in wd.items()}
    assert max(pv.values()) < 1
    assert max(wd.values()) < 1
    src_pv = assume(
        "synthetic: solar geometry at 36.45N 115.98E (declination, equation of time, Beijing time), "
        "Haurwitz clear-sky GHI x seasonal clearness (0.60/0.68/0.58/0.65) x tilt gain x temperature "
        f"derate, scaled to {PV_FLH:.0f} full-load h/yr (Shandong PV 1,200-1,350 h; blended wind+PV "
        "1,556 h in 2023 derived from Xinhua 2024-01-04); generator tools/build_dataset.py")
    src_wd = assume(
        "synthetic: seasonal means (spring high, summer low, North China Plain) x diurnal cosine "
        f"(+-20%, peak 23:00, nocturnal low-level jet), scaled to {WIND_FLH:.0f} full-load h/yr "
        "(Shandong onshore wind ~2,000-2,300 h); generator tools/build_dataset.py")
    for (d, h), v in pv.items():
        rows.append(dict(profile="pv", day=d, hour=h, value=round(v, 5), unit="1", source=src_pv))
    for (d, h), v in wd.items():
        rows.append(dict(profile="wind", day=d, hour=h, value=round(v, 5), unit="1", source=src_wd))

    def shape(name, f, src):
        for d, _, _ in DAYS:
            for h in range(24):
                rows.append(dict(profile=name, day=d, hour=h, value=round(f(d, h), 4), unit="1",
                                 source=src))

    def res(d, h):
        season = {"winter": 1.15, "spring": 0.90, "summer": 1.30, "autumn": 0.90}[d]
        daily = 0.6 + 0.35 * math.exp(-((h - 7.5) ** 2) / 2) + 0.8 * math.exp(-((h - 20) ** 2) / 4)
        if d == "summer":
            daily += 0.35 * math.exp(-((h - 14) ** 2) / 10)
        return season * daily

    def svc(d, h):
        season = {"winter": 1.10, "spring": 0.90, "summer": 1.30, "autumn": 0.90}[d]
        return season * (0.45 + 0.8 * (1 if 8 <= h <= 18 else 0) + 0.3 * (1 if 19 <= h <= 21 else 0))

    def heat(d, h):
        season = {"winter": 1.0, "spring": 0.12, "summer": 0.0, "autumn": 0.10}[d]
        return season * (1.0 + 0.25 * math.cos(2 * math.pi * (h - 5) / 24)) + 1e-4

    def ev(d, h):
        return 0.4 + (1.2 if (h >= 22 or h <= 5) else 0) + (0.4 if 11 <= h <= 14 else 0)

    def agri(d, h):
        season = {"winter": 0.4, "spring": 1.4, "summer": 1.3, "autumn": 0.9}[d]
        return season * (0.5 + (1.0 if 6 <= h <= 18 else 0))

    src_load = assume(
        "synthetic relative shape (normalised by carbonpath): {}; no measured Liaocheng or "
        "Shandong hourly sectoral load profile was found in public sources")
    shape("load_residential", res, src_load.format(
        "morning and evening peaks, summer air-conditioning, winter electric heating"))
    shape("load_services", svc, src_load.format("working hours 8-18, summer cooling"))
    shape("load_heating", heat, src_load.format(
        "space heating: heating season 15 Nov-15 Mar (winter day), small shoulder use, night/morning peak"))
    shape("load_ev", ev, src_load.format("night charging 22-05 plus midday top-up"))
    shape("load_agri", agri, src_load.format("irrigation and farm work: spring/summer daytime"))
    return rows


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
]
COMMODITY_UNIT = {c[0]: c[2] for c in COMMODITIES}
COMMODITY_FUEL = {c[0]: c[5] for c in COMMODITIES}

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
    global CATALOGUE
    if CATALOGUE is None:
        from carbonpath.catalogue import load_catalogue

        CATALOGUE = load_catalogue()
    rows = CATALOGUE.parameter_rows(code, parameter, CHAIN)
    assert len(rows), (code, parameter)
    out = []
    for r in rows.itertuples():
        value = float(r.value)
        value = int(value) if value.is_integer() else value
        source = f"technology catalogue {CATALOGUE.version} ({code}): {r.source}"
        if r.year is None or str(r.year) == "<NA>":  # blank year: every year
            out.append(P(parameter, value, r.unit, source))
        elif BASE <= int(r.year) <= HORIZON:
            out.append(P(parameter, value, r.unit, source, year=int(r.year)))
    return out


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

# ----- power (timeslice) ------------------------------------------------------------------
RES_CAPTIVE = {2023: 8030, 2024: 8030, 2025: 7565, 2027: 7565, 2035: 5365, 2040: 5365}
RES_PUBLIC = {2023: 3800, 2030: 3400, 2035: 1600, 2040: 1000}
tech("coal_chp_captive", "Captive coal CHP of the aluminium/alumina and chemical complexes (自备电厂)",
     "thermal_power", "conversion", "timeslice", "MW", "MWh",
     inputs={"raw_coal": coal_t_per_mwh(0.300, CAPTIVE_STEAM)},
     outputs={"electricity": 1.0, "steam": CAPTIVE_STEAM},
     early=True, investable=False,
     source=f"{S['gem_xinyuan']}; {S['gem_haoji']}; {S['gem_xinfa']}; {S['energy14']}",
     flow_source=SRC_POWER_RATE.format(e=300, r=CAPTIVE_STEAM),
     params=[P("lifetime", 30, "yr", assume("typical technical life of Chinese coal units")),
             P("availability", 0.90, "1", assume("planned and forced outages ~10%")),
             P("fixed_om", 150, "CNY/kW/yr", assume("coal unit fixed O&M 120-180 CNY/kW/yr; central 150")),
             P("variable_cost", 25, "CNY/MWh", assume("non-fuel variable O&M incl. desulphurisation/denitrification reagents, 15-35 CNY/MWh")),
             *traj("residual_capacity", RES_CAPTIVE, "MW", assume(
                 "8.03 GW in 2023 = Xinyuan 6x660 + Haoji 4x350 + Chiping Xinfa 3x155 (GEM) + ~2.2 GW other captive units "
                 "(Xinfa alumina CHP, Luxi Chemical, other enterprises; remainder of the ~12 GW coal fleet, see README D2); "
                 "3x155 MW retired 2025 (matches the 0.459 GW of small units closed in 2025, 大众日报 2026-01-20); "
                 "the ~2.2 GW other units retire linearly 2028-2035 (Shandong small-unit closure policy); "
                 "Xinyuan and Haoji stand to 2040 (<30 years old)")),
             P("activity", B["gen_captive"], "MWh/yr", assume(
                 "derived: 5,230 net full-load hours; closes the base-year electricity balance (README D3)"), year=BASE)])
tech("coal_chp_public", "Public coal power and CHP plants (公用电厂: Zhonghua Liaocheng, county CHP)",
     "thermal_power", "conversion", "timeslice", "MW", "MWh",
     inputs={"raw_coal": coal_t_per_mwh(0.305, PUBLIC_STEAM + PUBLIC_DH)},
     outputs={"electricity": 1.0, "steam": PUBLIC_STEAM, "district_heat": PUBLIC_DH},
     early=True, investable=False,
     source=f"{S['wri_zhonghua']}; {S['energy14']}",
     flow_source=SRC_POWER_RATE.format(e=305, r=f"{PUBLIC_STEAM} (steam) + {PUBLIC_DH} (district heat)"),
     params=[P("lifetime", 30, "yr", assume("typical technical life")),
             P("availability", 0.90, "1", assume("outages ~10%")),
             P("fixed_om", 150, "CNY/kW/yr", assume("120-180 CNY/kW/yr")),
             P("variable_cost", 25, "CNY/MWh", assume("15-35 CNY/MWh")),
             *traj("residual_capacity", RES_PUBLIC, "MW", assume(
                 "3.8 GW in 2023 = Zhonghua 1.2 GW (2002-04, WRI) + ~2.6 GW county and urban CHP (remainder of the "
                 "~11.8 GW coal fleet); Zhonghua retires 2033-34 at 30 years; small county units retire gradually")),
             P("activity", B["gen_public"], "MWh/yr", assume(
                 "derived: 3,830 net full-load hours; closes the base-year electricity balance (README D3)"), year=BASE)])
tech("coal_usc_chp_new", "New ultra-supercritical coal CHP (Xiangguang 2x660 MW, Yanggu)",
     "thermal_power", "conversion", "timeslice", "MW", "MWh",
     inputs={"raw_coal": (0.310) / 0.7143}, outputs={"electricity": 1.0, "steam": 1.727},
     source=S["xiangguang_chp"],
     flow_source=S["xiangguang_chp"] + "; heat ratio 11.4 PJ / 6.6 TWh = 1.727 GJ/MWh; net coal 0.310 tce/MWh = "
     "235 gce/kWh (power share) + 1.727 GJ x 40 kgce/GJ, net of ~5% own use (derived)",
     params=[P("lifetime", 30, "yr", assume("typical technical life of the plant class in Chinese planning studies")),
             P("availability", 0.90, "1", assume("outages ~10%")),
             P("capex", 3800, "CNY/kW", assume("Chinese 2x660 MW USC plants 3,300-4,500 CNY/kW (2023 prices); central 3,800")),
             P("fixed_om", 130, "CNY/kW/yr", assume("100-160 CNY/kW/yr")),
             P("variable_cost", 22, "CNY/MWh", assume("15-30 CNY/MWh")),
             *traj("max_capacity", {2023: 0, 2026: 0, 2027: 1320, 2040: 1320}, "MW", assume(
                 "only the committed Xiangguang project (online 2027 assumed); Shandong allows new coal only as "
                 "capacity replacement")),
             *traj("min_capacity", {2023: 0, 2026: 0, 2027: 1320, 2040: 1320}, "MW", assume(
                 "the project is under construction (restarted Nov-2024): committed")),
             P("max_activity", 6.6e6, "MWh/yr", S["xiangguang_chp"] + ": the design output (5,000 h), a heat-led CHP "
               "unit does not run base-load in summer")])
tech("gas_ccgt", "Gas combined cycle / peaking plant (燃气发电)", "thermal_power", "conversion", "timeslice",
     "MW", "MWh", inputs={"natural_gas": 3.6 / 0.55 / NCV["natural_gas"]}, outputs={"electricity": 1.0},
     source=assume("no gas power plant in Liaocheng in 2023 (none in GEM/WRI for the city); option for the future"),
     flow_source=assume("net efficiency 55% (F-class CCGT 52-58%)"),
     params=[P("lifetime", 25, "yr", assume("typical technical life of the plant class in Chinese planning studies")), P("availability", 0.92, "1", assume("typical share of the year available after planned and forced outages")),
             P("capex", 3000, "CNY/kW", assume("Chinese F-class CCGT 2,500-3,500 CNY/kW")),
             P("fixed_om", 90, "CNY/kW/yr", assume("CCGT fixed O&M 60-120 CNY/kW/yr (Chinese F-class plants); central 90")), P("variable_cost", 15, "CNY/MWh", assume("CCGT non-fuel variable O&M 10-20 CNY/MWh; central 15")),
             P("max_capacity", 2000, "MW", assume("gas supply (pipeline target 1,200 km by 2025) and siting limit"))])
BIOMASS_RESIDUAL = {y: round(B["biomass_gw"] * 1000 * max(0.0, 1 - (y - BASE) / 20), 3)
                    for y in (BASE, 2025, 2030, 2035, HORIZON)}
tech("biomass_chp", "Straw-fired biomass power (生物质发电)", "thermal_power", "conversion", "timeslice",
     "MW", "MWh", inputs={"solid_biomass": 3.6 / 0.28 / NCV["solid_biomass"]}, outputs={"electricity": 1.0},
     source=f"{S['energy14']} (biomass capacity roughly doubled 2015-2020); {S['gwr2024']}; not flagged nonfossil: "
     "its straw is counted as non-fossil primary energy where it is supplied (biomass_supply), the electricity would count it twice",
     flow_source=assume("net electrical efficiency 28% on straw (25-30%)"),
     params=[P("lifetime", 25, "yr", assume("typical technical life of the plant class in Chinese planning studies")), P("availability", 0.85, "1", assume("typical share of the year available after planned and forced outages")),
             P("capex", 8000, "CNY/kW", assume("Chinese straw plants 7,000-10,000 CNY/kW")),
             P("fixed_om", 300, "CNY/kW/yr", assume("straw plant fixed O&M 200-400 CNY/kW/yr (fuel yard, labour); central 300")), P("variable_cost", 40, "CNY/MWh", assume("straw plant non-fuel variable O&M 30-60 CNY/MWh (ash, water, reagents); central 40")),
             *traj("residual_capacity", BIOMASS_RESIDUAL, "MW", assume("0.25 GW in 2023 (part of >4.2 GW renewables, 2024 work report); retires over 20 years")),
             P("max_capacity", 600, "MW", assume("straw resource: ~1.9 Mt/yr collectable (see biomass_supply)")),
             *traj("min_activity", {y: round(4000 * v, 1) for y, v in BIOMASS_RESIDUAL.items()}, "MWh/yr", assume(
                 "priority dispatch and full purchase of renewable generation (可再生能源法 art. 14, 全额保障性收购): the "
                 "existing straw plants run at least 4,000 h a year (base year 4,400 h) while they stand")),
             P("activity", B["gen_biomass"], "MWh/yr", assume("4,400 net full-load hours (straw plants 4,000-6,000 h)"), year=BASE)])
tech("pv_utility", "Utility-scale PV (集中式光伏)", "solar_power", "supply", "timeslice", "MW", "MWh",
     outputs={"electricity": 1.0}, avail="pv", nonfossil=True,
     source=f"{S['energy14']}; {S['gwr2024']}; {S['dzrb2026']}",
     params=[P("lifetime", 25, "yr", assume("typical technical life of the plant class in Chinese planning studies")),
             *catalogue("pv_utility", "capex"),
             *catalogue("pv_utility", "fixed_om"),
             *residual_linear(B["pv_utility_gw"] * 1000, 25, "MW", assume(
                 "utility share of ~3.6 GW PV in 2023 (>4.2 GW renewables minus wind and biomass); split 40/60 utility/rooftop "
                 "(Shandong's PV is majority distributed)")),
             P("max_capacity", 10000, "MW", assume("land for utility PV incl. agrivoltaics and saline land; 6-15 GW")),
             P("max_new_capacity", 1500, "MW/yr", assume("build-rate limit ~2x the 2025 rate (35 projects)")),
             P("activity", B["gen_pv_utility"], "MWh/yr", assume("capacity grew during 2023: mean-capacity x 1,250 h"), year=BASE)])
tech("pv_rooftop", "Rooftop / distributed PV (分布式光伏)", "solar_power", "supply", "timeslice", "MW", "MWh",
     outputs={"electricity": 1.0}, avail="pv", nonfossil=True,
     source=f"{S['energy14']}; {S['gwr2024']}",
     params=[P("lifetime", 25, "yr", assume("typical technical life of the plant class in Chinese planning studies")),
             *catalogue("pv_rooftop", "capex"),
             *catalogue("pv_rooftop", "fixed_om"),
             *residual_linear(B["pv_rooftop_gw"] * 1000, 25, "MW", assume("rooftop share of ~3.6 GW PV in 2023 (see pv_utility)")),
             P("max_capacity", 8000, "MW", assume("rooftop potential: ~1.1 M rural homes x 5 kW + industrial/commercial roofs; 5-10 GW")),
             P("max_new_capacity", 1200, "MW/yr", assume("build-rate limit; Shandong grid hosting limits on distributed PV")),
             P("activity", B["gen_pv_rooftop"], "MWh/yr", assume("mean-capacity x 1,250 h"), year=BASE)])
tech("wind_onshore", "Onshore wind (陆上风电)", "wind_power", "supply", "timeslice", "MW", "MWh",
     outputs={"electricity": 1.0}, avail="wind", nonfossil=True,
     source=f"{S['energy14']} (first wind farm by 2020); {S['wind_guanxian']}; {S['dzrb2026']}",
     params=[P("lifetime", 25, "yr", assume("typical technical life of the plant class in Chinese planning studies")),
             *catalogue("wind_onshore", "capex"),
             *catalogue("wind_onshore", "fixed_om"),
             *residual_linear(B["wind_gw"] * 1000, 25, "MW", assume("~0.35 GW in 2023 (first farm by 2020; >4.2 GW renewables 2023)")),
             *traj("min_capacity", policy.WIND_DELAYED, "MW", assume(policy.WIND_DELAY_SRC)),
             P("max_capacity", 8000, "MW", assume("inland low-wind plain; land and setback limits; 6-10 GW")),
             P("activity", B["gen_wind"], "MWh/yr", assume("~1,700 h on in-year mean capacity"), year=BASE)])
tech("battery", "Battery storage, LFP (电化学储能)", "utilities", "storage", "timeslice", "MW", "MWh",
     inputs={"electricity": 1.0}, outputs={"electricity": 1.0}, storage="electricity",
     source=assume("no Liaocheng-specific storage figure found; base-year stock set to zero (Shandong connected 50 storage "
                   "stations in 2023, Xinhua 2024-01-04, city share unknown)"),
     params=[P("lifetime", 15, "yr", assume("LFP calendar/cycle life 12-20 yr")),
             *catalogue("battery_lfp", "capex"),
             *catalogue("battery_lfp", "capex_energy"),
             *catalogue("battery_lfp", "fixed_om"),
             *catalogue("battery_lfp", "fixed_om_energy"),
             *catalogue("battery_lfp", "charge_efficiency"),
             *catalogue("battery_lfp", "discharge_efficiency"),
             *catalogue("battery_lfp", "standing_loss")])
tech("electrolyser", "Alkaline water electrolysis (碱性电解槽)", "chemicals", "conversion", "timeslice", "MW", "MWh",
     inputs={"electricity": 52.0 / H2_MWH_PER_T}, outputs={"hydrogen": 1.0},
     source=S["proposal"] + " (氢能)",
     flow_source=assume("52 kWh/kg H2 system consumption (alkaline 50-55); LHV 33.33 kWh/kg"),
     params=[P("lifetime", 20, "yr", assume("stack replacement included in fixed O&M")),
             P("availability", 0.95, "1", assume("typical share of the year available after planned and forced outages")),
             *catalogue("electrolyser_alkaline", "capex"),
             *catalogue("electrolyser_alkaline", "fixed_om"),
             P("max_new_capacity", 500, "MW/yr", assume("build-rate limit"))])
tech("h2_storage", "Compressed hydrogen storage (储氢)", "chemicals", "storage", "timeslice", "MW", "MWh",
     inputs={"hydrogen": 1.0}, outputs={"hydrogen": 1.0}, storage="hydrogen",
     source=S["proposal"] + " (储氢装备)",
     params=[P("lifetime", 25, "yr", assume("pressure vessels")),
             *catalogue("h2_storage", "capex"),
             *catalogue("h2_storage", "capex_energy"),
             *catalogue("h2_storage", "fixed_om"),
             *catalogue("h2_storage", "charge_efficiency"),
             *catalogue("h2_storage", "discharge_efficiency")])
tech("grid_import", "Electricity from the Shandong grid (外购电)", "utilities", "import", "timeslice", "MW", "MWh",
     outputs={"electricity": 1.0},
     source=assume("imports from the provincial grid; emissions at the grid factor trajectory (drivers.csv)"),
     params=[P("lifetime", 50, "yr", assume("interconnection")),
             P("residual_capacity", 5000, "MW", assume("500/220 kV interconnection capacity of the city ~5 GW")),
             P("variable_cost", 460, "CNY/MWh", assume(
                 "cost of grid supply delivered to the city: Shandong coal benchmark tariff 0.3949 CNY/kWh plus provincial "
                 "transmission and losses ~0.06-0.10 CNY/kWh (220 kV and above); 420-520. Above the fuel cost of the "
                 "local coal units, which is why the captive plants exist and why the city does not import and export "
                 "in the same hour")),
             P("activity", B["import_"], "MWh/yr", assume("net-flow representation: the base year records the net export only (README D3)"), year=BASE)],
     investable=False)
EXPORT = {2023: 18.0e6, 2030: 18.0e6, 2032: 18.0e6, 2035: 12.0e6, 2040: 10.0e6}
tech("grid_export", "Electricity to the Shandong grid (外送电)", "utilities", "export", "timeslice", "MW", "MWh",
     inputs={"electricity": 1.0},
     source=assume("Liaocheng is a net exporter (63 TWh generation in 2020, ~11% of Shandong); the export is a given trajectory"),
     params=[P("lifetime", 50, "yr", assume("interconnection")),
             P("residual_capacity", 6000, "MW", assume("interconnection capacity ~6 GW")),
             *traj("min_activity", EXPORT, "MWh/yr", assume(
                 "derived 2023 net export 18 TWh (README D3); held while the exporting units stand (provincial dispatch "
                 "keeps using them; the Xiangguang CHP adds capacity in 2027), then falls with the retirement of Zhonghua "
                 "(1.2 GW, 2033-34) and the county units to 12 TWh in 2035 and 10 TWh in 2040; fixed (min = max)")),
             *traj("max_activity", EXPORT, "MWh/yr", assume("fixed trajectory, see min_activity")),
             P("activity", EXPORT[BASE], "MWh/yr", assume("derived, README D3"), year=BASE)],
     investable=False)


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


# ----- industry (annual) ------------------------------------------------------------------
def ind(code, name, sector, inputs, outputs, *, base=None, residual=None, life=25, capex=None,
        capex_src="", vc=None, vc_src="", src="", flow_src="", investable=True, process="",
        extra=None, avail=0.9, uses=None):
    params = [P("lifetime", life, "yr", assume("typical plant life"))]
    params.append(P("availability", avail, "1", assume("maintenance and load variation")))
    if capex is not None:
        if isinstance(capex, dict):
            params += traj("capex", capex, "CNY/(t/yr)", capex_src)
        else:
            params.append(P("capex", capex, "CNY/(t/yr)", capex_src))
    if vc is not None:
        params.append(P("variable_cost", vc, "CNY/t", vc_src))
    if residual is not None:
        params += residual
    if base is not None:
        params.append(P("activity", base, "t/yr", src, year=BASE))
    params += extra or []
    tech(code, name, sector, "conversion", "annual", "t/yr", "t", inputs=inputs, outputs=outputs,
         process=process, investable=investable, source=src, flow_source=flow_src, params=params,
         uses=uses)


def flat_residual(cap, unit, src, retire_from=None, life_left=None):
    if life_left is None:
        return [P("residual_capacity", cap, unit, src)]
    return residual_linear(cap, life_left, unit, src)


G = NCV["natural_gas"]
SMELTER_RESIDUAL = {2023: 1.45e6, 2027: 1.45e6, 2040: 0.0}
ind("alumina_bayer", "Bayer alumina refining, existing (拜耳法氧化铝)", "non_ferrous_metals",
    {"steam": 7.0, "raw_coal": 0.19, "electricity": 0.25}, {"alumina": 1.0}, base=B["alumina"],
    residual=flat_residual(6.8e6, "t/yr", assume("Xinfa Chiping refineries ~6.8 Mt/yr (Shandong ~21 Mt/yr output in 2023, NBS monthly data via cir.cn; Xinfa the second Shandong producer after Weiqiao); 5-8 Mt")),
    vc=1300, vc_src=assume("imported bauxite (~2.3 t/t) and caustic soda (~0.13 t/t), non-energy; 1,000-1,600 CNY/t"),
    src=assume("6.0 Mt alumina in 2023 (range 4-8 Mt): Liaocheng output not published; ~28% of Shandong's ~21 Mt"),
    flow_src=assume("comprehensive energy ~0.38 tce/t (Chinese Bayer average 0.33-0.42): digestion steam 7.0 GJ/t from captive CHP, "
                    "calcination on producer gas from 0.19 t coal/t (~4.0 GJ), 250 kWh/t"),
    capex=3000, capex_src=assume("not investable: no new alumina capacity in Shandong (capacity control); "
                                 "new Bayer refinery 2,500-4,000 CNY per t/yr"), life=40, investable=False)
ind("alumina_bayer_advanced", "Bayer alumina with heat integration and gas calciner (高效氧化铝)", "non_ferrous_metals",
    {"steam": 5.6, "natural_gas": 3.0 / G, "electricity": 0.30}, {"alumina": 1.0},
    capex=1000, capex_src=assume("retrofit of evaporation/heat recovery and gas calciner 600-1,500 CNY per t/yr"),
    vc=1300, vc_src=assume("as alumina_bayer"),
    src=assume("efficiency upgrade route"),
    flow_src=assume("steam -20% (multi-effect/MVR evaporation, heat integration), gas suspension calciner 3.0 GJ/t, +50 kWh/t"),
    life=25)
ind("al_smelter", "Primary aluminium smelting, existing prebake cells (电解铝)", "non_ferrous_metals",
    {"alumina": 1.92, "electricity": 13.6}, {"aluminium": 1.0}, base=B["al_primary"], process="primary_aluminium_prebake",
    residual=traj("residual_capacity", SMELTER_RESIDUAL, "t/yr", assume(
        "Xinfa's Shandong (Chiping) capacity after the 2017-18 closure of 530.5 kt (Aluminium Insider) ~1.45 Mt/yr: "
        "group 3.6 Mt minus ~1.9 Mt Xinjiang and Guangxi; 1.0-1.8 Mt. Lines built 2005-2012 reach 25-30 years from "
        "2028 and are rebuilt (or closed) linearly by 2040")),
    vc=3500, vc_src=assume("anodes, fluorides, labour and maintenance, excl. alumina and power; 3,000-4,500 CNY/t"),
    src=assume("1.30 Mt primary aluminium in 2023 (range 1.0-1.6): output not published; ~90% of the assumed 1.45 Mt capacity"),
    flow_src=assume("AC power 13,600 kWh/t incl. auxiliaries (Chinese average ~13,400-13,600; 'benchmark' 13,000); alumina 1.92 t/t"),
    investable=False, life=40)
ind("al_smelter_efficient", "Primary aluminium, high-amperage energy-saving cells (节能电解槽)", "non_ferrous_metals",
    {"alumina": 1.92, "electricity": 12.8}, {"aluminium": 1.0}, process="primary_aluminium_prebake",
    capex=6000, capex_src=assume("cell-line rebuild under capacity swap 4,000-10,000 CNY per t/yr"),
    vc=3400, vc_src=assume("as al_smelter, slightly lower anode use"),
    src=assume("efficiency upgrade; total primary capacity may not exceed the existing permit (capacity swap)"),
    flow_src=assume("12,800 kWh/t (new 600 kA cells 12,300-13,000)"),
    extra=traj("max_capacity", {y: 1.45e6 - v for y, v in SMELTER_RESIDUAL.items()}, "t/yr", assume(
        "national 45 Mt cap and capacity swap: rebuilt lines replace the retiring existing cells like for like, "
        "so existing + efficient stays at the permitted 1.45 Mt/yr (FORMAT-NOTES F8)")))
ind("al_recycling", "Recycled aluminium from scrap (再生铝)", "non_ferrous_metals",
    {"natural_gas": 3.5 / G, "electricity": 0.12}, {"aluminium": 1.0}, base=B["al_recycled"],
    residual=flat_residual(0.35e6, "t/yr", assume("recycled-aluminium plants in the Xinfa park and Chiping ~0.35 Mt/yr")),
    capex=1500, capex_src=assume("remelting and refining lines 1,000-2,500 CNY per t/yr"),
    vc=15000, vc_src=assume("scrap ~14,400 CNY/t (about 80% of the 2023 ingot price ~18,700) + 600 processing; 12,000-17,000"),
    src=assume("0.25 Mt recycled aluminium in 2023 (range 0.1-0.4); 15th FYP: 绿色循环铝产业基地"),
    flow_src=assume("remelting 3.5 GJ gas/t and 120 kWh/t"),
    extra=traj("max_activity", {2023: 0.25e6, 2030: 0.8e6, 2040: 1.5e6}, "t/yr", assume(
        "scrap availability: national old-scrap arisings grow ~8%/yr; Liaocheng's recycling base plan")))
ind("al_processing", "Aluminium deep processing, gas-fired furnaces (铝材加工)", "non_ferrous_metals",
    {"aluminium": 1.0, "natural_gas": 2.0 / G, "electricity": 0.5}, {"aluminium_products": 1.0}, base=B["al_products"],
    residual=flat_residual(1.2e6, "t/yr", assume("sheet, strip, foil and extrusion capacity in Chiping/Dongchangfu ~1.2 Mt/yr")),
    capex=2500, capex_src=assume("rolling/extrusion lines 2,000-4,000 CNY per t/yr"),
    src=assume("1.0 Mt aluminium semis in 2023 (range 0.6-1.4): not published"),
    flow_src=assume("melting/homogenising 2.0 GJ gas/t, rolling/extrusion 500 kWh/t; scrap loss ignored"))
ind("al_processing_electric", "Aluminium deep processing, electric furnaces (电加热铝材加工)", "non_ferrous_metals",
    {"aluminium": 1.0, "electricity": 1.15}, {"aluminium_products": 1.0},
    capex=2800, capex_src=assume("as al_processing + electric furnaces; 2,200-4,500"),
    src=assume("electrification option"),
    flow_src=assume("induction/resistance melting 650 kWh/t + 500 kWh/t processing"))
ind("cu_smelter_primary", "Primary copper smelting and refining (Xiangguang flash smelting)", "non_ferrous_metals",
    {"natural_gas": 1.4 / G, "electricity": 1.0}, {"copper": 1.0}, base=B["cu_primary"],
    residual=flat_residual(0.80e6, "t/yr", assume("Xiangguang refining capacity 0.6 Mt/yr after the 2011 expansion (mineweb 2011) plus later additions ~0.8 Mt")),
    capex=8000, capex_src=assume("flash smelter + refinery 6,000-12,000 CNY per t/yr"),
    vc=1500, vc_src=assume("processing cost excl. concentrate (metal value cancels), net of sulphuric acid credit; 800-2,500"),
    src=assume("0.70 Mt cathode from concentrate in 2023 (range 0.5-0.9): Xiangguang output not published"),
    flow_src=assume("flash smelting is autogenous: ~1,000 kWh/t (oxygen, blowers, electro-refining ~350) + 1.4 GJ gas/t (anode furnace, drying)"))
ind("cu_recycling", "Secondary copper from scrap (再生铜)", "non_ferrous_metals",
    {"natural_gas": 3.2 / G, "electricity": 0.35}, {"copper": 1.0}, base=B["cu_recycled"],
    residual=flat_residual(0.15e6, "t/yr", assume("scrap line 0.1 Mt (mineweb 2011) + later ~0.15 Mt")),
    capex=3000, capex_src=assume("2,000-4,500 CNY per t/yr"),
    vc=1200, vc_src=assume("refining margin of scrap over concentrate feed (metal value cancels): secondary copper "
                           "is competitive with the concentrate route in China; 800-3,000 CNY/t"),
    src=assume("0.10 Mt secondary copper in 2023 (the 0.1 Mt scrap line of 2011, mineweb): not published"), flow_src=assume("anode furnace on scrap 3.2 GJ/t + 350 kWh/t"),
    extra=traj("max_activity", {2023: 0.10e6, 2030: 0.30e6, 2040: 0.50e6}, "t/yr", assume("scrap availability")))
ind("steel_pipe_mill", "Steel pipe mills, gas reheating (钢管: 热轧/冷拔)", "ferrous_metals",
    {"steel_semis": 1.08, "natural_gas": 1.5 / G, "electricity": 0.15}, {"steel_pipe": 1.0}, base=B["pipe"],
    residual=flat_residual(4.8e6, "t/yr", assume("53 规上 pipe makers producing ~4.2 Mt/yr; capacity ~4.8 Mt")),
    capex=1500, capex_src=assume("seamless/cold-drawn lines 1,000-2,500 CNY per t/yr"),
    src=S["pipe_ldz"] + "; 2023 output taken equal to the reported ~4.2 Mt/yr",
    flow_src=assume("purchased billets (Liaocheng has no iron- or steel-making found; pipes are rolled/drawn from bought 管坯), "
                    "yield 0.93 t/t, reheating and heat treatment 1.5 GJ gas/t, 150 kWh/t"))
ind("steel_pipe_mill_electric", "Steel pipe mills, induction heating (感应加热钢管)", "ferrous_metals",
    {"steel_semis": 1.08, "electricity": 0.55}, {"steel_pipe": 1.0},
    capex=1800, capex_src=assume("as gas mills + induction heaters; 1,200-2,800"),
    src=assume("electrification option"), flow_src=assume("induction reheating ~400 kWh/t + 150 kWh/t"))
ind("steel_plate_line", "Steel plate and coated sheet lines (钢板: 冷轧/镀锌/彩涂)", "ferrous_metals",
    {"steel_semis": 1.05, "natural_gas": 1.0 / G, "electricity": 0.12}, {"steel_plate": 1.0}, base=B["plate"],
    residual=flat_residual(3.0e6, "t/yr", assume("cold-rolled, galvanised and colour-coated sheet cluster in Guanxian (冠县) ~3 Mt/yr")),
    capex=1200, capex_src=assume("800-2,000 CNY per t/yr"),
    src=assume("2.5 Mt in 2023 (range 1.5-5): not published; 15th FYP: 高端钢板生产基地"),
    flow_src=assume("annealing/galvanising 1.0 GJ gas/t, 120 kWh/t, yield 0.95"))
ind("eaf_steel", "Scrap electric-arc furnace steel (电炉钢)", "ferrous_metals",
    {"electricity": 0.45, "natural_gas": 0.3 / G}, {"steel_semis": 1.0}, process="eaf_steel",
    capex=3000, capex_src=assume("EAF + caster 2,500-4,000 CNY per t/yr"),
    vc=3700, vc_src=assume("heavy scrap 1.1 t x ~2,900 (Shandong 2023) + 500 electrodes, alloys, refractories; 3,200-4,200: "
                           "Chinese EAF steel costs about as much as BF-BOF billets, which is why EAF is ~10% of output"),
    src=assume("no EAF found in Liaocheng in 2023; option for local billet supply"),
    extra=[P("max_capacity", 1.0e6, "t/yr", assume("steel-making capacity needs capacity swaps (产能置换): one 1 Mt/yr plant"))],
    flow_src=assume("450 kWh/t, 0.3 GJ gas/t (ladle preheating)"))
ind("h2_dri_eaf", "Hydrogen direct reduction + EAF (氢冶金)", "ferrous_metals",
    {"hydrogen": 0.0555 * H2_MWH_PER_T, "electricity": 0.75}, {"steel_semis": 1.0}, process="eaf_steel",
    capex={2023: 6000, 2030: 5000, 2040: 4200}, capex_src=assume("shaft furnace + EAF 4,000-8,000 CNY per t/yr"),
    vc=2800, vc_src=assume("DR-grade pellets 1.45 t x ~1,400 (premium over BF pellets) + 770 EAF consumables and labour; "
                           "2,300-3,300"),
    src=assume("hydrogen use in steel (15th FYP: 氢能); available from 2028"),
    flow_src=assume("55.5 kg H2/t (MIDREX-H2/HYBRIT 50-60), EAF and heating 750 kWh/t"),
    extra=[P("max_capacity", 1.0e6, "t/yr", assume("steel-making capacity needs capacity swaps (产能置换): one 1 Mt/yr plant"))])
ind("ammonia_coal", "Coal-gasification ammonia (煤制合成氨, Luxi)", "chemicals",
    {"raw_coal": AMMONIA_COAL_T, "electricity": 1.1}, {"ammonia": 1.0}, base=B["ammonia"], process="ammonia",
    uses={"raw_coal": "feedstock"}, investable=False,
    residual=flat_residual(1.2e6, "t/yr", assume("Luxi Chemical urea capacity 1.95 Mt (2011, company profile via multistage-pump.com) ~ 1.1-1.2 Mt NH3/yr")),
    capex=4500, capex_src=assume("not investable: new coal-based ammonia needs capacity replacement (合成氨 is a "
                                 "capacity-controlled 两高 product); 3,500-6,000 CNY per t/yr"),
    vc=300, vc_src=assume("catalysts, water, labour; 200-500 CNY/t"),
    src=assume("1.0 Mt ammonia in 2023 (range 0.7-1.3): not published"),
    flow_src=assume("pulverised-coal gasification ammonia, comprehensive energy 1,450 kgce/t (between the 2021 benchmark 1,350 and "
                    "baseline 1,550 kgce/t of 发改产业〔2021〕1609号, recalled): 1.315 tce = 1.841 t raw coal (gasifier feedstock and "
                    "process fuel, all reported as feedstock: IPCC 2006 Vol.3 Eq. 3.1 counts the total fuel requirement in IPPU) "
                    "+ 1,100 kWh/t (ASU, compression); same fuel requirement as the factor table's ammonia coal_gasification row"))
ind("ammonia_green", "Green ammonia from electrolytic hydrogen (绿氨)", "chemicals",
    {"hydrogen": 0.178 * H2_MWH_PER_T, "electricity": 0.65}, {"ammonia": 1.0},
    capex={2023: 4000, 2030: 3500, 2040: 3000}, capex_src=assume("ASU + Haber-Bosch loop, electrolysers separate; 3,000-6,000"),
    vc=150, vc_src=assume("100-300 CNY/t"),
    src=assume("green hydrogen use in chemicals"), flow_src=assume("0.178 t H2/t NH3 (stoichiometric + 1%); 650 kWh/t (ASU, compression)"))
ind("chem_process", "Other chemicals, existing (其他化工: 己内酰胺, 聚碳酸酯, 氯碱...)", "chemicals",
    {"steam": 6.0, "electricity": 0.6, "natural_gas": 0.5 / G}, {"chem_products": 1.0}, base=B["chem"],
    residual=flat_residual(4.5e6, "t/yr", assume("Luxi chemical park and the Liaocheng/Chiping/Shenxian parks ~4.5 Mt/yr")),
    capex=5000, capex_src=assume("2,000-10,000 CNY per t/yr (wide product mix)"),
    src=assume("4.0 Mt of other chemical products in 2023 (range 2.5-6): not published"),
    flow_src=assume("steam 6.0 GJ/t, 600 kWh/t, 0.5 GJ gas/t (bulk-chemicals average)"))
ind("chem_process_efficient", "Other chemicals with heat integration and MVR (化工节能改造)", "chemicals",
    {"steam": 4.5, "electricity": 0.65, "natural_gas": 0.5 / G}, {"chem_products": 1.0},
    capex=5600, capex_src=assume("chem_process + 600 CNY per t/yr for heat recovery/MVR"),
    src=assume("efficiency upgrade"), flow_src=assume("steam -25%, +50 kWh/t"))
ind("textile_mill", "Textiles, spinning, weaving and dyeing (纺织)", "textiles",
    {"electricity": 2.5, "steam": 5.0}, {"textiles": 1.0}, base=B["textiles"],
    residual=flat_residual(1.0e6, "t/yr", assume("cotton spinning and weaving in Gaotang, Linqing, Xiajin border; ~1.0 Mt/yr")),
    capex=12000, capex_src=assume("spinning/weaving lines 8,000-20,000 CNY per t/yr"),
    src=assume("0.8 Mt yarn-equivalent in 2023 (range 0.5-1.2): not published"),
    flow_src=assume("2,500 kWh/t yarn-eq., dyeing/finishing steam 5.0 GJ/t"))
ind("textile_mill_efficient", "Textiles with efficient motors and heat-pump drying (纺织节能)", "textiles",
    {"electricity": 2.2, "steam": 3.5}, {"textiles": 1.0},
    capex=13500, capex_src=assume("textile_mill + 1,500"), src=assume("efficiency upgrade"),
    flow_src=assume("-12% electricity, -30% steam"))
ind("clinker_kiln", "Clinker kiln (熟料)", "non_metallic_minerals",
    {"raw_coal": 0.11 / 0.7143, "electricity": 0.055}, {"clinker": 1.0}, base=B["clinker_local"], process="cement_clinker",
    residual=flat_residual(1.8e6, "t/yr", assume("one or two dry-process lines, ~1.8 Mt/yr")),
    investable=False, capex=1200, capex_src=assume("not investable: no new clinker capacity (national capacity swap)"),
    src=assume("1.5 Mt local clinker in 2023 (range 0-2.5): not published; the Liaocheng plain has little limestone, most cement is ground from bought clinker"),
    flow_src=assume("110 kgce/t clinker (GB 16780 average band), 55 kWh/t"))
ind("cement_mill", "Cement grinding, clinker ratio 0.70 (水泥粉磨)", "non_metallic_minerals",
    {"clinker": 0.70, "electricity": 0.035}, {"cement": 1.0}, base=B["cement"],
    residual=flat_residual(8.0e6, "t/yr", assume("grinding capacity ~8 Mt/yr")),
    capex=250, capex_src=assume("150-400 CNY per t/yr"),
    src=assume("6.0 Mt cement in 2023 (range 4-8): not published"),
    flow_src=assume("clinker ratio 0.70 (China average ~0.66-0.72), 35 kWh/t"))
ind("cement_mill_lowclinker", "Cement grinding with clinker substitution, ratio 0.55 (熟料替代)", "non_metallic_minerals",
    {"clinker": 0.55, "electricity": 0.040}, {"cement": 1.0},
    capex=300, capex_src=assume("200-450"), vc=25, vc_src=assume("slag/fly-ash and extra grinding 10-40 CNY/t"),
    src=assume("clinker substitution"), flow_src=assume("clinker 0.55 t/t (slag/limestone/calcined clay blends), 40 kWh/t"),
    extra=[P("max_capacity", 4.0e6, "t/yr", assume("slag and fly-ash supply and the cement standard (GB 175) limit "
                                                    "composite cement to about two thirds of output"))])


# ----- steam and heat supply (annual; MW-thermal capacity, GJ activity) -------------------
def heat_tech(code, name, sector, inputs, output, *, base=None, residual_mw=None, res_src="", life=20,
              capex=None, capex_src="", util=25200, src="", flow_src="", investable=True, load="",
              extra=None, fom=None, fom_src=""):
    params = [P("lifetime", life, "yr", assume("typical")),
              P("utilisation", util, "GJ/MW/yr", assume(f"up to {util / 3.6:.0f} full-load hours per year"))]
    if capex is not None:
        params += (traj("capex", capex, "CNY/kW", capex_src) if isinstance(capex, dict)
                   else [P("capex", capex, "CNY/kW", capex_src)])
    if fom is not None:
        params.append(P("fixed_om", fom, "CNY/kW/yr", fom_src))
    if residual_mw is not None:
        params += residual_mw if isinstance(residual_mw, list) else [P("residual_capacity", residual_mw, "MW", res_src)]
    if base is not None:
        params.append(P("activity", base, "GJ/yr", src, year=BASE))
    params += extra or []
    tech(code, name, sector, "conversion", "annual", "MW", "GJ", inputs=inputs, outputs={output: 1.0},
         investable=investable, source=src, flow_source=flow_src, params=params, load=load)


C = NCV["raw_coal"]
heat_tech("steam_coal_boiler", "Industrial coal-fired steam boilers (燃煤工业锅炉/园区集中供汽)", "heat_supply",
          {"raw_coal": 1 / (0.82 * C), "electricity": 0.005}, "steam", base=B["steam_coal_boiler"],
          residual_mw=residual_linear(700, 15, "MW", assume("~0.7 GW-th of coal boilers >= 35 t/h; retire over 15 years (Shandong bans new small coal boilers)")),
          investable=False, src=assume("14 PJ steam from coal boilers in 2023 (closes the steam balance, README D4)"),
          flow_src=assume("boiler efficiency 82%, 5 kWh/GJ auxiliaries"))
heat_tech("steam_gas_boiler", "Gas-fired steam boilers (燃气锅炉)", "heat_supply",
          {"natural_gas": 1 / (0.90 * G), "electricity": 0.004}, "steam", base=B["steam_gas_boiler"],
          residual_mw=residual_linear(350, 20, "MW", assume("~0.35 GW-th")), capex=250, capex_src=assume("150-350 CNY/kW-th"),
          fom=8, fom_src=assume("gas boiler fixed O&M 5-12 CNY/kW-th/yr; central 8"), src=assume("4 PJ steam from gas boilers in 2023 (README D4)"),
          flow_src=assume("efficiency 90%"))
heat_tech("steam_electric_boiler", "Electrode/electric steam boilers (电锅炉)", "heat_supply",
          {"electricity": 1 / (0.98 * 3.6)}, "steam", capex=600, capex_src=assume("electrode boilers 400-900 CNY/kW-th"),
          fom=6, fom_src=assume("electrode boiler fixed O&M 4-10 CNY/kW-th/yr; central 6"), src=assume("electrification option"), flow_src=assume("efficiency 98%"))
heat_tech("steam_heat_pump", "Industrial high-temperature heat pump / MVR steam (工业热泵)", "heat_supply",
          {"electricity": 1 / (2.5 * 3.6)}, "steam", capex={2023: 3500, 2030: 2800, 2040: 2400},
          capex_src=assume("high-temperature heat pumps for <=150 C steam 2,500-5,000 CNY/kW-th"),
          fom=35, fom_src=assume("1% of capex"), src=assume("electrification option"),
          flow_src=assume("COP 2.5 for 120-150 C steam from waste heat"),
          extra=traj("max_activity", {2023: 0, 2025: 2e6, 2030: 8e6, 2040: 20e6}, "GJ/yr",
                     assume("only low-pressure steam with a waste-heat source: ~10% of steam demand by 2030, ~20% by 2040")))
heat_tech("dh_coal_boiler", "District-heating coal boilers (燃煤热水锅炉)", "heat_supply",
          {"raw_coal": 1 / (0.82 * C), "electricity": 0.004}, "district_heat", base=B["dh_coal_boiler"],
          residual_mw=residual_linear(600, 12, "MW", assume("peak-load boilers ~0.6 GW-th, 1,000 full-load hours at most "
                                                             "(utilisation 3,600 GJ/MW): they serve the coldest weeks")),
          util=3600, investable=False, src=assume("derived: closes the district-heat balance (README D4)"),
          flow_src=assume("efficiency 82%"))
heat_tech("dh_heat_pump", "Large heat pumps for district heating (热泵集中供热)", "heat_supply",
          {"electricity": 1 / (3.0 * 3.6)}, "district_heat", util=9000, load="load_heating",
          capex=2500, capex_src=assume("sewage/ground-source/air-source large heat pumps 1,800-3,500 CNY/kW-th"),
          fom=25, fom_src=assume("1% of capex"), src=assume("electrification option (geothermal breakthrough 2025, 大众日报 2026-01-20)"),
          flow_src=assume("seasonal COP 3.0"))


# ----- other industry, construction, buildings, agriculture (annual; service techs) -------
IDENTITY_HEADROOM = 2.2  # identity devices: stock = 2.2 x base-year use, above every projected demand


def svc_tech(code, name, sector, inputs, service, *, base=None, life=15, retire_life=None, capex=None,
             capex_src="", src="", flow_src="", investable=True, load="", cap_unit="GJ/yr", act_unit="GJ",
             extra=None, identity=False):
    """A service device. ``identity``: the only way to serve its service (electricity uses,
    construction machinery): no investment, a stock that never binds. Other devices of homes,
    services and farms run at fixed utilisation: the stock serves until it retires, and new
    devices replace it (stock turnover), so that no fuel switch happens faster than the stock turns."""
    params = [P("lifetime", life, "yr", assume("typical device life"))]
    if capex is not None and not identity:
        params.append(P("capex", capex, f"CNY/({cap_unit})", capex_src))
    if identity:
        investable = False
        params.append(P("residual_capacity", base * IDENTITY_HEADROOM, cap_unit, assume(
            f"identity device, the only way to serve '{service}': a stock of {IDENTITY_HEADROOM} x the base-year use "
            "never binds (the projected demand stays below it), so no investment is modelled")))
        params.append(P("activity", base, f"{act_unit}/yr", src, year=BASE))
    elif base is not None:
        res_src = assume(f"base-year stock equal to the base-year activity, retiring linearly over {retire_life or life} years")
        params += residual_linear(base, retire_life or life, cap_unit, res_src)
        params.append(P("activity", base, f"{act_unit}/yr", src, year=BASE))
    params += extra or []
    fixed = sector in ("residential", "other_services", "agriculture") and not identity
    tech(code, name, sector, "demand", "annual", cap_unit, act_unit, inputs=inputs, outputs={service: 1.0},
         investable=investable, source=src, flow_source=flow_src, params=params, load=load, fixed=fixed)


svc_tech("oi_heat_coal", "Other industry: direct coal furnaces and boilers", "other_manufacturing",
         {"raw_coal": 1 / (0.75 * C)}, "other_ind_heat", base=B["oi_heat_coal_useful"], investable=False,
         src=assume("1.0 Mt coal in other industry (paper, food, building materials other than cement, machinery) 2023"),
         flow_src=assume("efficiency 75%"))
svc_tech("oi_heat_gas", "Other industry: gas furnaces and boilers", "other_manufacturing",
         {"natural_gas": 1 / (0.88 * G)}, "other_ind_heat", base=B["oi_heat_gas_useful"],
         capex=60, capex_src=assume("gas burners/boilers ~250 CNY/kW at 4,000 h: 40-90 CNY per GJ/yr"),
         src=assume("1.5亿 m3 gas in other industry 2023"), flow_src=assume("efficiency 88%"))
svc_tech("oi_heat_steam", "Other industry: heat from the steam network", "other_manufacturing",
         {"steam": 1.1}, "other_ind_heat", base=B["oi_heat_steam_useful"],
         capex=30, capex_src=assume("heat exchangers and connection 20-50 CNY per GJ/yr"),
         src=assume("10 PJ steam to other industry (Tranlin paper in Gaotang, food, pharmaceuticals) 2023"),
         flow_src=assume("10% distribution and exchange loss"))
svc_tech("oi_heat_pump", "Other industry: heat pumps for process heat < 100 C", "other_manufacturing",
         {"electricity": 1 / (3.0 * 3.6)}, "other_ind_heat",
         capex=160, capex_src=assume("3,500 CNY/kW-th at 6,000 h: 110-220 CNY per GJ/yr"),
         src=assume("electrification option"), flow_src=assume("COP 3.0"),
         extra=traj("max_activity", {2023: 0, 2030: 8e6, 2040: 14e6}, "GJ/yr", assume("low-temperature share of other-industry heat ~45%")))
svc_tech("oi_power", "Other industry: motors, drives and electric processes", "other_manufacturing",
         {"electricity": 1.0}, "other_ind_power", base=6.5e6, cap_unit="MWh/yr", act_unit="MWh",
         capex=0, capex_src=assume("service device costs outside the energy system"), retire_life=25,
         src=assume("6.5 TWh in 2023: other manufacturing, bearings, auto parts, food, paper, pharma, mining, water supply "
                    "(residual of the assumed 全社会用电量, README D3)"),
         identity=True, flow_src="identity: 1 MWh per MWh of service")
svc_tech("construction_diesel", "Construction machinery (diesel)", "construction",
         {"diesel": 1 / NCV["diesel"]}, "construction_energy", base=0.10e6 * NCV["diesel"], capex=0,
         capex_src=assume("machinery costs outside the model"),
         src=assume("0.10 Mt diesel in construction 2023 (~2% of Shandong construction diesel scaled by population)"),
         identity=True, flow_src="identity on diesel energy (GB/T 2589 NCV)")
svc_tech("res_heat_dh", "Urban homes on district heat (城镇集中供热)", "residential",
         {"district_heat": 1.08}, "res_heat_urban", base=15.5e6, life=30,
         capex=110, capex_src=assume("network connection ~40 CNY/m2 at 0.35 GJ/m2: 80-150 CNY per GJ/yr"),
         src=assume("15.5 PJ useful (16.7 PJ district heat) to homes 2023: ~48 M m2 heated area x 0.35 GJ/m2 (not published)"),
         flow_src=assume("8% network loss"))
svc_tech("res_heat_gas_urban", "Urban homes, gas wall boilers (燃气壁挂炉)", "residential",
         {"natural_gas": 1 / (0.90 * G)}, "res_heat_urban", base=3.0e6,
         capex=240, capex_src=assume("6,000 CNY per home serving 25 GJ/yr: 180-320 CNY per GJ/yr"),
         src=assume("3.0 PJ useful 2023"), flow_src=assume("efficiency 90%"))
svc_tech("res_heat_hp_urban", "Urban homes, air-source heat pumps (空气源热泵)", "residential",
         {"electricity": 1 / (2.5 * 3.6)}, "res_heat_urban", base=0.5e6, load="load_heating",
         capex=600, capex_src=assume("15,000 CNY per home serving 25 GJ/yr: 450-800"),
         src=assume("0.5 PJ useful 2023"), flow_src=assume("seasonal COP 2.5"))
svc_tech("res_heat_coal_rural", "Rural homes, coal stoves (散煤取暖)", "residential",
         {"raw_coal": 1 / (0.60 * C)}, "res_heat_rural", base=5.5e6, retire_life=8, investable=False,
         src=assume("5.5 PJ useful = 25% of rural heat (~22 PJ: ~0.9 M rural households x ~25 GJ) still on coal in 2023 after the 2+26-city clean-heating campaign; ~0.44 Mt coal"),
         flow_src=assume("stove efficiency 60%"))
svc_tech("res_heat_gas_rural", "Rural homes, gas heating (气代煤)", "residential",
         {"natural_gas": 1 / (0.88 * G)}, "res_heat_rural", base=6.0e6,
         capex=300, capex_src=assume("7,500 CNY per home: 220-400 CNY per GJ/yr"),
         src=assume("27% of rural heat 2023 (gas-for-coal conversions)"), flow_src=assume("efficiency 88%"))
svc_tech("res_heat_hp_rural", "Rural homes, air-source heat pumps / electric (电代煤)", "residential",
         {"electricity": 1 / (2.3 * 3.6)}, "res_heat_rural", base=6.0e6, load="load_heating",
         capex=600, capex_src=assume("450-800 CNY per GJ/yr"), src=assume("27% of rural heat 2023 (electricity-for-coal conversions)"),
         flow_src=assume("seasonal COP 2.3"))
svc_tech("res_heat_biomass_rural", "Rural homes, biomass stoves and pellets (生物质取暖)", "residential",
         {"solid_biomass": 1 / (0.60 * NCV["solid_biomass"])}, "res_heat_rural", base=4.5e6,
         capex=150, capex_src=assume("100-250 CNY per GJ/yr"), src=assume("20% of rural heat 2023"),
         flow_src=assume("efficiency 60%"))
svc_tech("res_cook_gas", "Cooking and hot water, natural gas", "residential",
         {"natural_gas": 1 / (0.55 * G)}, "res_cooking", base=3.5e6, capex=80,
         capex_src=assume("stoves and water heaters 50-120 CNY per GJ/yr"),
         src=assume("3.5 PJ useful 2023 (~1.2 M gas-connected households x ~150 m3/yr)"), flow_src=assume("efficiency 55%"))
svc_tech("res_cook_lpg", "Cooking, LPG", "residential",
         {"lpg": 1 / (0.55 * NCV["lpg"])}, "res_cooking", base=2.5e6, capex=60,
         capex_src=assume("LPG stoves and cylinders 40-100 CNY per GJ/yr of useful heat; central 60"), src=assume("2.5 PJ useful 2023 (~0.09 Mt LPG)"), flow_src=assume("efficiency 55%"))
svc_tech("res_cook_elec", "Cooking and hot water, electric (induction, heat-pump water heaters)", "residential",
         {"electricity": 1 / (0.90 * 3.6)}, "res_cooking", base=3.0e6, load="load_residential", capex=120,
         capex_src=assume("induction hobs and heat-pump water heaters 80-200 CNY per GJ/yr; central 120"), src=assume("3.0 PJ useful 2023"), flow_src=assume("efficiency 90%"))
svc_tech("res_elec", "Residential appliances, lighting, cooling", "residential",
         {"electricity": 1.0}, "res_power", base=3.81e6, load="load_residential", cap_unit="MWh/yr", act_unit="MWh",
         capex=0, capex_src=assume("appliance costs outside the model"), retire_life=25,
         src=assume("585.93万 residents x 650 kWh/capita (Shandong household use ~700-800 kWh/capita incl. heating/cooking)"),
         identity=True, flow_src="identity")
svc_tech("svc_heat_dh", "Services on district heat", "other_services",
         {"district_heat": 1.08}, "svc_heat", base=6.5e6, life=30, capex=110, capex_src=assume("district-heat connection of service buildings 80-150 CNY per GJ/yr; central 110"),
         src=assume("7.0 PJ district heat to services 2023"), flow_src=assume("8% network loss"))
svc_tech("svc_heat_gas", "Services, gas boilers", "other_services",
         {"natural_gas": 1 / (0.90 * G)}, "svc_heat", base=2.5e6, capex=120, capex_src=assume("gas boilers of service buildings 80-180 CNY per GJ/yr; central 120"),
         src=assume("2.5 PJ useful 2023"), flow_src=assume("efficiency 90%"))
svc_tech("svc_heat_hp", "Services, heat pumps", "other_services",
         {"electricity": 1 / (2.8 * 3.6)}, "svc_heat", base=1.0e6, load="load_heating", capex=450,
         capex_src=assume("air-source heat pumps of service buildings 300-650 CNY per GJ/yr; central 450"), src=assume("1.0 PJ useful 2023"), flow_src=assume("seasonal COP 2.8"))
svc_tech("svc_elec", "Services electricity (commerce, public services, data)", "other_services",
         {"electricity": 1.0}, "svc_power", base=3.5e6, load="load_services", cap_unit="MWh/yr", act_unit="MWh",
         capex=0, capex_src=assume("outside the model"), retire_life=25,
         src=assume("3.5 TWh 2023 (tertiary sector ~7-8% of 全社会用电量 in Shandong cities)"), identity=True, flow_src="identity")
svc_tech("agri_diesel", "Farm machinery, diesel (农机柴油)", "agriculture",
         {"diesel": 1 / NCV["diesel"]}, "agri_mech", base=0.15e6 * NCV["diesel"], retire_life=12,
         capex=0, capex_src=assume("machinery costs outside the model"),
         src=assume("0.15 Mt diesel 2023: ~1.0 M ha sown area x ~150 kg/ha"), flow_src="identity on diesel energy")
svc_tech("agri_electric", "Farm machinery, electric (电动农机)", "agriculture",
         {"electricity": 0.35 / (0.9 * 3.6)}, "agri_mech", capex=150,
         capex_src=assume("battery tractors/pumps: extra cost ~150 CNY per GJ/yr of diesel-equivalent service (100-300)"),
         src=assume("electrification option"), flow_src=assume("diesel engine 35% vs motor 90%: 0.108 MWh per GJ diesel-equivalent"),
         extra=traj("max_activity", {2023: 0, 2030: 1.0e6, 2040: 3.0e6}, "GJ/yr", assume("market readiness of electric farm machinery")))
svc_tech("agri_elec", "Agricultural electricity (irrigation, facilities)", "agriculture",
         {"electricity": 1.0}, "agri_power", base=0.8e6, load="load_agri", cap_unit="MWh/yr", act_unit="MWh",
         capex=0, capex_src=assume("outside the model"), retire_life=25,
         src=assume("0.8 TWh 2023 (primary-sector use ~1.5-2% of city use; facility agriculture)"), identity=True, flow_src="identity")
svc_tech("grid_losses", "Grid losses and utility own use (线损及其他自用)", "utilities",
         {"electricity": 1.0}, "grid_service", base=1.8e6, cap_unit="MWh/yr", act_unit="MWh",
         capex=0, capex_src="not a device", retire_life=100,
         src=assume("~4% of local consumption (Shandong line-loss rate ~4-5%)"), identity=True, flow_src="identity")


# ----- transport (annual; vehicle stocks) ---------------------------------------------------
VEHICLE_CLASS = dict(car_ice="car_ice", car_bev="car_bev", bus_diesel="bus_diesel", bus_bev="bus_bev",
                     bus_fcev="bus_fcev", hdt_diesel="truck_heavy_diesel", hdt_lng="truck_heavy_lng",
                     hdt_bev="truck_heavy_bev", hdt_fcev="truck_heavy_fcev", ldt_diesel="truck_light_diesel",
                     ldt_bev="truck_light_bev")


def vehicle(code, name, group, inputs, service, stock, km, life, capex, fom, *, cap_src, src, flow_src,
            load="", extra=None):
    params = [P("lifetime", life, "yr", assume("scrappage age")),
              P("utilisation", km, "vkm/vehicle/yr", assume(f"{km:,} km per vehicle per year")),
              *catalogue(VEHICLE_CLASS[code], "capex"), *catalogue(VEHICLE_CLASS[code], "fixed_om")]
    # the catalogue holds this script's former values: check they still agree
    points = {int(p["year"]) if p["year"] != "" else BASE: p["value"] for p in params if p["parameter"] == "capex"}
    given = capex if isinstance(capex, dict) else {BASE: capex}
    assert points == given, (code, points, given)
    assert [p["value"] for p in params if p["parameter"] == "fixed_om"] == [fom], code
    if stock:
        params += residual_linear(stock, life, "vehicle", assume(f"2023 stock retiring linearly over {life} years"))
        params.append(P("activity", stock * km, "vkm/yr", src, year=BASE))
    params += extra or []
    tech(code, name, "road_transport", "demand", "annual", "vehicle", "vkm", inputs=inputs,
         outputs={service: 1.0}, group=group, fixed=True, early=False, load=load, source=src,
         flow_source=flow_src, params=params)


VEH = dict(car_ice=1.13e6, car_bev=0.07e6, bus_diesel=550, bus_bev=2050, bus_fcev=0,
           hdt_diesel=39450, hdt_lng=5000, hdt_bev=550, hdt_fcev=0, ldt_diesel=107000, ldt_bev=3000)
vehicle("car_ice", "Passenger car, gasoline", "car", {"gasoline": 4.75e-5}, "car_vkm", VEH["car_ice"], 11000, 15,
        120000, 5000, cap_src=assume("average new car 2023 ~120k CNY (80-200k)"),
        src=assume("1.20 M passenger cars in 2023 (~205 per 1,000 residents; Shandong ~230), 94% ICE: not published"),
        flow_src=assume("6.5 L/100 km on-road x 0.73 kg/L"))
vehicle("car_bev", "Passenger car, battery electric", "car", {"electricity": 1.5e-4}, "car_vkm", VEH["car_bev"], 11000, 15,
        {2023: 140000, 2027: 120000, 2030: 115000, 2040: 105000}, 4000,
        cap_src=assume("BEV price premium ~20k CNY in 2023 closing by ~2027 (BNEF/ICCT China parity studies); range +-20%"),
        src=assume("~70k BEV in 2023 (NEV ~6% of cars)"), flow_src=assume("15 kWh/100 km at the plug"), load="load_ev")
vehicle("bus_diesel", "Bus and coach, diesel", "bus", {"diesel": 2.52e-4}, "bus_vkm", VEH["bus_diesel"], 55000, 10,
        800000, 40000, cap_src=assume("12 m diesel bus 0.6-1.0 M CNY"),
        src=assume("2,600 buses in 2023, ~80% electric (Zhongtong Bus is a Liaocheng maker)"),
        flow_src=assume("30 L/100 km x 0.84 kg/L"))
vehicle("bus_bev", "Bus, battery electric", "bus", {"electricity": 1.1e-3}, "bus_vkm", VEH["bus_bev"], 55000, 10,
        {2023: 1200000, 2030: 950000, 2040: 850000}, 30000, cap_src=assume("12 m e-bus 1.0-1.4 M CNY (2023)"),
        src=assume("~2,050 e-buses in 2023"), flow_src=assume("110 kWh/100 km"), load="load_ev")
vehicle("bus_fcev", "Bus, hydrogen fuel cell", "bus", {"hydrogen": 7.0e-5 * H2_MWH_PER_T}, "bus_vkm", VEH["bus_fcev"], 55000, 10,
        {2023: 2500000, 2030: 1300000, 2040: 1000000}, 50000, cap_src=assume("FCEV bus 2.0-3.0 M CNY (2023), demonstration subsidies excluded"),
        src=assume("FCEV demonstration buses exist (Zhongtong) but their number is unknown: base stock 0"),
        flow_src=assume("7 kg H2/100 km"))
vehicle("hdt_diesel", "Heavy truck, diesel", "hdt", {"diesel": 2.69e-4}, "hdt_vkm", VEH["hdt_diesel"], 50000, 12,
        400000, 45000, cap_src=assume("tractor unit 0.35-0.5 M CNY"),
        src=assume("45,000 heavy trucks counted in-city (steel pipe, aluminium and chemical logistics): not published"),
        flow_src=assume("32 L/100 km x 0.84 kg/L"))
vehicle("hdt_lng", "Heavy truck, LNG", "hdt", {"natural_gas": 0.30 * 1.496}, "hdt_vkm", VEH["hdt_lng"], 50000, 12,
        450000, 45000, cap_src=assume("LNG tractor ~+50k CNY"), src=assume("~5,000 LNG trucks 2023"),
        flow_src=assume("30 kg LNG/100 km; 1 kg LNG = 1.394 Nm3 = 1.496 m3 at 20 C"))
vehicle("hdt_bev", "Heavy truck, battery electric (incl. battery swap)", "hdt", {"electricity": 1.5e-3}, "hdt_vkm", VEH["hdt_bev"],
        50000, 12, {2023: 900000, 2030: 550000, 2040: 450000}, 40000,
        cap_src=assume("e-tractor 0.8-1.0 M CNY in 2023; battery learning"), src=assume("~550 in 2023"),
        flow_src=assume("150 kWh/100 km"), load="load_ev")
vehicle("hdt_fcev", "Heavy truck, hydrogen fuel cell", "hdt", {"hydrogen": 1.0e-4 * H2_MWH_PER_T}, "hdt_vkm", VEH["hdt_fcev"],
        50000, 12, {2023: 1200000, 2030: 650000, 2040: 500000}, 50000,
        cap_src=assume("FCEV tractor 1.0-1.5 M CNY in 2023"), src=assume("none in 2023"),
        flow_src=assume("10 kg H2/100 km"))
vehicle("ldt_diesel", "Light/medium truck, diesel", "ldt", {"diesel": 8.4e-5}, "ldt_vkm", VEH["ldt_diesel"], 20000, 12,
        100000, 8000, cap_src=assume("80-150k CNY"), src=assume("110,000 light/medium trucks 2023, 97% diesel"),
        flow_src=assume("10 L/100 km"))
vehicle("ldt_bev", "Light truck / van, battery electric", "ldt", {"electricity": 3.0e-4}, "ldt_vkm", VEH["ldt_bev"], 20000, 12,
        {2023: 130000, 2030: 100000, 2040: 90000}, 6000, cap_src=assume("e-van/light truck 100-160k CNY in 2023"),
        src=assume("~3,000 in 2023"), flow_src=assume("30 kWh/100 km"), load="load_ev")

# ---------------------------------------------------------------------------------------
# Build-rate limits: every investable technology has a max_new_capacity in every decision year
# (2024-2040), so that the least-cost model cannot do in one year what takes a city a decade.
# Each entry: points {year: value} (interpolated between given years), unit, reasoning.
FIRST, LAST = BASE + 1, HORIZON


def flat(v):
    return {FIRST: v, LAST: v}


BUILD = {
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


# ---------------------------------------------------------------------------------------
# Demands (exogenous service/material demand by year)
BASE_DEMAND = {}  # filled after base-year balance


def demand_path(code: str, base: float) -> dict[int, float]:
    """Projection of each demand; the reasoning is in README §Demands."""
    if code in policy.INDUSTRY_GROWTH:
        return {**policy.INDUSTRY_GROWTH[code][0], BASE: base}
    if code == "alumina":
        return dict.fromkeys((BASE, 2030, 2040), base)
    if code == "aluminium":
        return {BASE: base, 2030: 0.35e6, 2035: 0.30e6, 2040: 0.30e6}
    if code == "aluminium_products":
        return {BASE: base, 2030: 1.5e6, 2035: 1.75e6, 2040: 1.95e6}
    if code == "copper":
        return {BASE: base, 2030: 0.98e6, 2035: 1.05e6, 2040: 1.10e6}
    if code == "steel_pipe":
        return {BASE: base, 2030: 4.6e6, 2040: 4.8e6}
    if code == "steel_plate":
        return {BASE: base, 2030: 3.5e6, 2040: 4.0e6}
    if code == "ammonia":
        return {BASE: base, 2040: base}
    if code == "chem_products":
        return {BASE: base, 2030: 6.0e6, 2035: 7.0e6, 2040: 7.5e6}
    if code == "textiles":
        return {BASE: base, 2030: 0.85e6, 2040: 0.85e6}
    if code == "cement":
        return {BASE: base, 2030: 5.5e6, 2040: 4.8e6}
    if code == "other_ind_heat":
        return {y: base * g(y, 0.5) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "other_ind_power":
        return {y: base * g(y, 0.8) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "construction_energy":
        return {BASE: base, 2030: base * 0.93, 2040: base * 0.85}
    if code == "res_heat_urban":
        return {y: base * p(y) * interp(URBAN, y) / URBAN[BASE] * (1.01 ** (y - BASE)) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "res_heat_rural":
        return {y: base * p(y) * (1 - interp(URBAN, y)) / (1 - URBAN[BASE]) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "res_cooking":
        return {y: base * p(y) for y in (BASE, 2030, 2040)}
    if code == "res_power":
        return {y: base * p(y) * (1.03 ** min(y - BASE, 7)) * (1.02 ** max(0, y - 2030)) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "svc_heat":
        return {y: base * g(y, 0.5) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "svc_power":
        return {y: base * g(y, 0.9) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code in ("agri_mech", "agri_power"):
        return {BASE: base, 2040: base}
    if code == "grid_service":
        return {y: base * g(y, 0.7) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "car_vkm":
        own = {2023: 205, 2030: 255, 2035: 280, 2040: 300}  # cars per 1,000 residents
        return {y: base * p(y) * interp(own, y) / own[BASE] for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "bus_vkm":
        return {BASE: base, 2040: base}
    if code == "hdt_vkm":
        return {y: base * g(y, 0.6) for y in (BASE, 2025, 2030, 2035, 2040)}
    if code == "ldt_vkm":
        return {y: base * g(y, 0.8) for y in (BASE, 2025, 2030, 2035, 2040)}
    raise KeyError(code)


DEMAND_SRC_OLD = {
    "alumina": "external alumina sales held flat: no new alumina capacity in Shandong (capacity control), no announced closure",
    "aluminium": "ingot sales fall as deep processing absorbs metal (15th FYP: 延伸铝铜精深加工)",
    "aluminium_products": "+6%/yr to 2030, +3% to 2035, +2% to 2040 (15th FYP: 全国重要的绿色循环铝产业基地)",
    "copper": "+3%/yr to 2030 then slower (15th FYP: 铜精深加工产业基地)",
    "steel_pipe": "+1.3%/yr to 2030 then +0.4%/yr: quality rather than tonnage (精品钢管产业园)",
    "steel_plate": "+5%/yr to 2030 then +1.3%/yr (高端钢板生产基地)",
    "ammonia": "flat: fertiliser demand tied to a stable grain output (115亿斤)",
    "chem_products": "+7%/yr to 2030, then +3%/yr and +1.4%/yr (千亿级绿色化工产业基地)",
    "textiles": "slight growth to 2030, then flat (纺织 remains a priority, without capacity growth)",
    "cement": "national construction slowdown: -1.2%/yr to 2030, -1.4%/yr after",
    "other_ind_heat": "GDP elasticity 0.5 (other manufacturing grows with GDP, heat per unit of value added falls)",
    "other_ind_power": "GDP elasticity 0.8 (electrification of other manufacturing)",
    "construction_energy": "-1%/yr: construction activity past its peak (national housing starts falling since 2021)",
    "res_heat_urban": "urban population (urbanisation 55.8% -> 62% 2030 -> 68% 2040) x heated area per capita +1%/yr",
    "res_heat_rural": "rural population (population x (1 - urbanisation)); heated area per rural resident held",
    "res_cooking": "resident population (D1); per-capita cooking and hot water held",
    "res_power": "population x per-capita use +3%/yr to 2030, +2%/yr after",
    "svc_heat": "GDP elasticity 0.5 (floor area of services grows more slowly than their value added)",
    "svc_power": "GDP elasticity 0.9 (services electricity grows almost with GDP, as in Shandong 2015-2023)",
    "agri_mech": "flat (grain output stable, 15th FYP)",
    "agri_power": "flat: irrigated area and facility agriculture held with a stable grain output (15th FYP: 115亿斤)",
    "grid_service": "GDP elasticity 0.7 (losses follow the electricity use of the city)",
    "car_vkm": "population x car ownership 205 -> 255 (2030) -> 300 (2040) per 1,000 residents",
    "bus_vkm": "flat: urban bus network held; a falling population offsets more routes",
    "hdt_vkm": "GDP elasticity 0.6",
    "ldt_vkm": "GDP elasticity 0.8",
}
DEMAND_SRC = {**DEMAND_SRC_OLD, **{c: policy.PIPELINE_SRC + why for c, (_, _, why) in policy.INDUSTRY_GROWTH.items()}}


# ---------------------------------------------------------------------------------------
# Base-year balance and derived tables

def base_activity(t: dict) -> float | None:
    for prm in t["params"]:
        if prm["parameter"] == "activity" and prm["year"] == BASE:
            return float(prm["value"])
    return None


def balance():
    prod = defaultdict(float)
    use = defaultdict(float)
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        for c, v in t["outputs"].items():
            prod[c] += a * v
        for c, v in t["inputs"].items():
            use[c] += a * v
    return prod, use


def tech_by_code(code):
    return next(t for t in TECHS if t["technology"] == code)


def set_activity(code, value, source):
    for prm in tech_by_code(code)["params"]:
        if prm["parameter"] == "activity" and prm["year"] == BASE:
            prm["value"] = value
            prm["source"] = source
            return
    raise KeyError(code)


def derive_balancers():
    """Three base-year activities are derived so that electricity, district heat and steam close."""
    # electricity: public coal generation = all electricity use (incl. export) - other generation
    prod, use = balance()
    pub = tech_by_code("coal_chp_public")
    other_gen = prod["electricity"] - base_activity(pub)
    gen_public = math.ceil(use["electricity"] - other_gen) + 1.0  # production >= use by 1-2 MWh (rounding margin)
    set_activity("coal_chp_public", round(gen_public, 3), assume(
        f"derived: closes the base-year electricity balance = {gen_public / 1e6:.2f} TWh net "
        f"({gen_public / (B['coal_public_gw'] * 1e3):,.0f} net full-load hours; README D3)"))
    prod, use = balance()
    dh = use["district_heat"] - (prod["district_heat"] - base_activity(tech_by_code("dh_coal_boiler")))
    set_activity("dh_coal_boiler", round(dh, 3), assume(
        f"derived: closes the district-heat balance = {dh / 1e6:.2f} PJ (README D4)"))
    prod, use = balance()
    st = use["steam"] - (prod["steam"] - base_activity(tech_by_code("steam_coal_boiler")))
    set_activity("steam_coal_boiler", round(st, 3), assume(
        f"derived: closes the steam balance = {st / 1e6:.2f} PJ (README D4)"))
    for v, name in ((gen_public, "public coal"), (dh, "DH boilers"), (st, "steam boilers")):
        if v < 0:
            sys.exit(f"negative derived activity for {name}: {v}")


def check_capacity():
    """Every base-year activity must fit in the base-year capacity."""
    hours = 8760.0
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        prm = {x["parameter"]: x for x in t["params"] if x["year"] in ("", BASE)}
        res = [x for x in t["params"] if x["parameter"] == "residual_capacity"]
        if not res:
            sys.exit(f"{t['technology']}: base-year activity without stock")
        cap = float(min(res, key=lambda x: (x["year"] == "", x["year"]))["value"])
        avail = float(prm["availability"]["value"]) if "availability" in prm else 1.0
        if t["level"] == "timeslice":
            limit = cap * avail * hours * (PV_FLH / hours if t["availability_profile"] == "pv" else
                                           WIND_FLH / hours if t["availability_profile"] == "wind" else 1)
        else:
            util = float(prm["utilisation"]["value"]) if "utilisation" in prm else 1.0
            limit = cap * avail * util
        if a > limit * (1 + 1e-9):
            sys.exit(f"{t['technology']}: base-year activity {a:.6g} exceeds capacity limit {limit:.6g}")


def close_balances():
    """Set supply activities to the base-year use and demands to the base-year net output."""
    for _ in range(6):  # the boilers draw electricity, so iterate to a fixed point
        derive_balancers()
    prod, use = balance()
    supply_of = {t["outputs"] and next(iter(t["outputs"])): t for t in TECHS
                 if t["kind"] in ("import", "supply") and t["level"] == "annual"}
    for c, t in supply_of.items():
        need = use.get(c, 0.0) - (prod.get(c, 0.0) - 0)  # supply tech not yet active
        if need > 0:
            unit = COMMODITY_UNIT[c] + "/yr"
            for prm in t["params"]:
                if prm["parameter"] == "residual_capacity":
                    prm["value"] = float(f"{5 * need:.3g}")
            t["params"].append(P("activity", math.ceil(need * 1000) / 1000, unit, assume(
                "derived: equals the base-year use of the commodity by the technologies (README D5)"), year=BASE))
    prod, use = balance()
    for c in COMMODITY_UNIT:
        net = prod.get(c, 0.0) - use.get(c, 0.0)
        kind = next(x[4] for x in COMMODITIES if x[0] == c)
        if kind in ("material", "service"):
            if net < -1e-6:
                sys.exit(f"base-year shortfall of {c}: {net}")
            if net > 1e-6:
                BASE_DEMAND[c] = net
        elif net < -1e-6 or net > 1e-9 * max(1.0, prod.get(c, 0.0)) + 3.0:
            sys.exit(f"base-year imbalance of {c}: production {prod.get(c, 0):.6g} use {use.get(c, 0):.6g}")
    return prod, use


# ---------------------------------------------------------------------------------------
# Writers

def write_csv(name: str, fields: list[str], rows: list[dict]):
    with open(OUT / name, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: fmt(r.get(k, "")) for k in fields})


def fmt(v):
    if isinstance(v, float):
        if v == 0:
            return "0"
        return f"{v:.10g}"
    return v


STAT_UNIT = {"t": ("万吨", 1e-4), "m3_20C": ("万立方米", 1e-4), "MWh": ("亿千瓦时", 1e-5), "GJ": ("万百万千焦", 1e-4)}
# sector of local electricity generation in the accounting core's conventions (docs/activity.md)
GEN_SECTOR = {"pv": "solar_power", "wind": "wind_power"}  # by availability profile; else thermal_power
# product technology of the factor tables for technologies whose route has its own process factor
PROCESS_TECHNOLOGY = {"ammonia_coal": "coal_gasification"}


def activity_key(t: dict, commodity: str, direction: str) -> tuple[str, str, str] | None:
    """(sector, fuel, use) of one flow of a technology in the accounting core's conventions.

    Fuels: ``combustion`` (power and heat plants included, under thermal_power/heat_supply) or
    the flow's own use (``feedstock`` for the coal of coal-gasification ammonia). Electricity and
    heat: ``consumption`` by the using sector; ``generation`` under thermal_power (fossil and
    biomass plants, electricity), heat_supply (all heat, CHP heat included) or solar_power /
    wind_power (primary electricity); ``import``/``export`` under transfers. Purchases of fuels
    and materials are not activity (the fuel is counted where it is used).
    """
    fuel = COMMODITY_FUEL.get(commodity)
    if not fuel or t["kind"] == "storage":
        return None
    carrier = fuel in ("electricity", "heat", "hydrogen")
    if direction == "input":
        if not carrier:
            return t["sector"], fuel, t["uses"].get(commodity, "combustion")
        if t["kind"] == "export":
            return "transfers", fuel, "export"
        return t["sector"], fuel, "consumption"
    if not carrier:
        return None
    if t["kind"] == "import":
        return "transfers", fuel, "import"
    if fuel == "heat":
        return "heat_supply", "heat", "generation"
    if fuel == "electricity":
        return GEN_SECTOR.get(t["availability_profile"], "thermal_power"), fuel, "generation"
    return None  # hydrogen production (none in the base year)


def activity_rows():
    """activity.csv: base-year technology activity x flows, aggregated by sector, fuel and use."""
    agg = defaultdict(float)
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        if t["kind"] in ("import", "supply") and t["level"] == "annual":
            continue  # purchases of fuels and materials: counted where they are used
        for direction, flows in (("input", t["inputs"]), ("output", t["outputs"])):
            for c, v in flows.items():
                key = activity_key(t, c, direction)
                if key is not None:
                    agg[(*key, COMMODITY_UNIT[c])] += a * v
    agg[("transfers", "electricity", "import", "MWh")] += 0.0  # the provincial method needs both rows
    rows = []
    for (sector, fuel, use, unit), val in sorted(agg.items()):
        if val == 0 and use != "import":
            continue
        su, f = STAT_UNIT[unit]
        rows.append(dict(sector=sector, fuel=fuel, value=round(val * f, 6), unit=su, year=BASE, use=use,
                         gas_condition="20C" if fuel == "natural_gas" else "",
                         source="derived by tools/build_dataset.py: base-year technology activity x flows "
                                "(README D5); electricity and heat on the net-output basis"))
    return rows


def add_power_operations():
    """Adequacy and operating data of the power system (README §Power system; values in tools/policy.py).

    Capacity credits (share of usable MW firm at the peak), the grid's firm import (MW), must-run
    CHP in the heating season (share of available capacity, winter day) and the time-of-use price
    shape of the provincial market (technologies.csv price_profile = the 'tou' profile).
    """
    for t in TECHS:
        t.setdefault("price_profile", "")
    for code, (credit, why) in policy.CAPACITY_CREDIT.items():
        tech_by_code(code)["params"].append(P("capacity_credit", credit, "1", assume(why)))
    tech_by_code("grid_import")["params"].append(P("firm_capacity", policy.GRID_FIRM_MW, "MW", policy.GRID_FIRM_SRC))
    for code, (share, why) in policy.MUST_RUN_WINTER.items():
        tech_by_code(code)["params"].append(P("min_output", share, "1", assume(why), day="winter"))
    share, why = policy.MUST_RUN_CAPTIVE
    tech_by_code("coal_chp_captive")["params"].append(P("min_output", share, "1", assume(why)))
    tech_by_code("grid_import")["price_profile"] = "tou"


def tou_profile_rows() -> list[dict]:
    """The provincial market's time-of-use shape (profiles.csv rows, dimensionless)."""
    return [dict(profile="tou", day=d, hour=h, value=policy.tou(h), unit="1", source=policy.TOU_SRC)
            for d, _, _ in DAYS for h in range(24)]


def main():
    add_build_limits()
    add_power_operations()
    prod, use = close_balances()
    check_capacity()

    # commodities.csv
    write_csv("commodities.csv", ["commodity", "name", "unit", "balance", "kind", "fuel", "source"],
              [dict(zip(["commodity", "name", "unit", "balance", "kind", "fuel", "source"], c, strict=True)) for c in COMMODITIES])
    # technologies.csv
    tfields = ["technology", "name", "sector", "kind", "level", "capacity_unit", "activity_unit", "group",
               "fixed_utilisation", "early_retirement", "availability_profile", "load_profile",
               "storage_commodity", "process_item", "process_technology", "investable", "nonfossil",
               "price_profile", "source"]
    for t in TECHS:
        t["process_technology"] = PROCESS_TECHNOLOGY.get(t["technology"], "")
    write_csv("technologies.csv", tfields, TECHS)
    # flows.csv
    frows = []
    for t in TECHS:
        if t["kind"] == "storage":
            continue  # storage charges from and discharges to its storage_commodity
        for direction, flows in (("input", t["inputs"]), ("output", t["outputs"])):
            for c, v in flows.items():
                unit = f"{COMMODITY_UNIT[c]}/{t['activity_unit']}"
                src = t["flow_source"] or ("identity: activity is counted in the main output" if direction == "output"
                                           else t["source"])
                if direction == "output" and v == 1.0:
                    src = "identity: activity is counted in this output"
                fuse = t["uses"].get(c, "") if direction == "input" else ""
                frows.append(dict(technology=t["technology"], commodity=c, direction=direction,
                                  value=v, unit=unit, use=fuse, source=src))
    write_csv("flows.csv", ["technology", "commodity", "direction", "value", "unit", "use", "source"], frows)
    # parameters.csv
    prows = []
    for t in TECHS:
        for prm in t["params"]:
            v = prm["value"]
            prows.append(dict(technology=t["technology"], parameter=prm["parameter"], year=prm["year"],
                              day=prm.get("day", ""), value=round(v, 6) if isinstance(v, float) else v,
                              unit=prm["unit"], source=prm["source"]))
    write_csv("parameters.csv", ["technology", "parameter", "year", "day", "value", "unit", "source"], prows)
    # reserves.csv
    write_csv("reserves.csv", ["commodity", "parameter", "year", "value", "unit", "source"], [
        dict(commodity="electricity", parameter="margin", year="", value=policy.RESERVE_MARGIN, unit="1",
             source=policy.RESERVE_SRC),
        dict(commodity="electricity", parameter="storage_hours", year="", value=4, unit="hour",
             source=assume("a store counts fully at the peak with 4 h of full output (Shandong's storage rules "
                           "count 2-4 h stores)"))])
    # demands.csv
    drows = []
    for c, base in BASE_DEMAND.items():
        for y, v in sorted(demand_path(c, base).items()):
            drows.append(dict(commodity=c, year=y, value=math.floor(v * 100) / 100, unit=f"{COMMODITY_UNIT[c]}/yr", profile="",
                              source=(assume("derived base-year demand = base-year production minus local use (README D5)")
                                      if y == BASE else assume(DEMAND_SRC[c]))))
    write_csv("demands.csv", ["commodity", "year", "value", "unit", "profile", "source"], drows)
    # profiles.csv
    write_csv("profiles.csv", ["profile", "day", "hour", "value", "unit", "source"],
              build_profiles() + tou_profile_rows())
    # drivers.csv
    vrows = []
    for y in (2020, BASE, 2025, 2030, 2035, 2040):
        if y == 2020:
            vrows.append(dict(driver="population", year=y, value=595.21, unit="万人", source=S["census7"]))
            continue
        src_g = (assume("2,880亿 current = constant 2023 prices (recalled from the 2023 bulletin, unverified; 2,850-2,950; "
                        "consistent with 2,317 in 2020 and ~3,300 in 2025)") if y == BASE else
                 assume("real growth 5.5% 2024-25 (Shandong 2025 +5.5%), 5.0% 2026-30 (15th FYP: above the provincial "
                        "average), 4.0% 2031-35, 3.5% 2036-40"))
        vrows.append(dict(driver="gdp", year=y, value=round(GDP[y], 1), unit="亿元", source=src_g))
        vrows.append(dict(driver="population", year=y, value=round(POP[y], 2), unit="万人",
                          source=S["bulletin2023"] if y == BASE else assume(
                              "-0.4%/yr to 2030, -0.5%/yr after (2020-2023 trend -0.5%/yr: 595.21 -> 585.93)")))
    for y, v in sorted(GRID_EF.items()):
        src = (S["mee_grid"] if y in (2021, 2022) else
               ("2023 = the factor tables' Shandong 2022 value (" + S["mee_grid"] + "), which the accounting core "
                "carries to 2023 for lack of a published Shandong 2023 value; the model's base year uses the same so "
                "that it reconciles with the inventory (North China's 2023/2022 ratio would give 0.602, README D3)")
               if y == 2023 else
               assume("(1 - non-fossil share of Shandong electricity supply, grid_nonfossil_share) x ~0.82 t/MWh "
                      "fossil-only factor (MEE 2023 national fossil-only 0.8273); Shandong targets: clean 20% + "
                      "imports 20% of consumption by 2025 (山东省能源发展十四五规划), 170 GW renewables by 2030"))
        vrows.append(dict(driver="grid_emission_factor", year=y, value=v, unit="t CO2/MWh", source=src))
    for y, v in sorted(GRID_NF.items()):
        vrows.append(dict(driver="grid_nonfossil_share", year=y, value=v, unit="1", source=assume(
            "2023: wind+PV 22.6% of Shandong generation (Xinhua 2024-01-04) + nuclear (Haiyang, Shidaowan) minus "
            "curtailment, plus the non-fossil part of imported power; rising with Shandong's 2030/2035 plans and the "
            "national non-fossil targets (25% 2030, >30% 2035 of energy)")))
    for y, v in sorted(COAL_RATE.items()):
        vrows.append(dict(driver="thermal_power_coal_rate", year=y, value=v, unit="gce/kWh", source=(
            "supply basis (供电标准煤耗): 2023 = the factor tables' CEC 2022 value 300.7 gce/kWh (national thermal plants of "
            "6 MW and above, unverified), which the inventory carries to 2023; " if y == BASE else
            "assumption: supply basis (供电), -0.3%/yr after the 2023 value 300.7 gce/kWh (CEC series 2019-2022: "
            "306.4 -> 300.7, -0.6%/yr, slowing as the fleet ages and runs more flexibly)")))
    write_csv("drivers.csv", ["driver", "year", "value", "unit", "source"], vrows)
    # activity.csv
    write_csv("activity.csv", ["sector", "fuel", "value", "unit", "year", "use", "gas_condition", "source"],
              activity_rows())
    # production.csv
    prodrows = []
    for t in TECHS:
        a = base_activity(t)
        if t["process_item"] and a:
            prodrows.append(dict(product=t["process_item"], value=round(a * 1e-4, 6), unit="万吨", year=BASE,
                                 technology=PROCESS_TECHNOLOGY.get(t["technology"], ""),
                                 source=next(x["source"] for x in t["params"] if x["parameter"] == "activity")))
    write_csv("production.csv", ["product", "value", "unit", "year", "technology", "source"], prodrows)
    summary(prod, use)


def write_yaml():
    ds = dict(
        name="liaocheng",
        title="Liaocheng (聊城), Shandong: base year 2023, pathway to 2040",
        region="CN-SD-Liaocheng",
        base_year=BASE, horizon=HORIZON, currency="CNY", price_year=2023,
        discount_rate=0.06,
        timeslices=dict(hours=24, model_hours=12, days=[dict(name=d, weight=w) for d, w, _ in DAYS]),
        emissions=dict(method="provincial", gas="CO2"),
        energy=dict(primary_electricity="coal_consumption", coal_rate_basis=COAL_RATE_BASIS),
        scenarios=SCENARIOS,
        roles=ROLES,
        sources=[
            dict(id="proposal", title=S["proposal"]),
            dict(id="sd_plan242", title=S["sd_plan242"]),
            dict(id="energy14", title=S["energy14"]),
            dict(id="bulletin2023", title=S["bulletin2023"]),
            dict(id="dzrb2026", title=S["dzrb2026"]),
            dict(id="mee_grid", title=S["mee_grid"]),
            dict(id="ndc2035", title=S["ndc2035"]),
            dict(id="gbt2589", title=S["gbt2589"]),
        ],
    )
    header = ("# Liaocheng dataset. Written by tools/build_dataset.py: edit the script, not this file.\n"
              "# discount_rate: 6% real social rate (NDRC 建设项目经济评价方法与参数 (3rd ed.) uses 8%; energy-system studies of\n"
              "# China commonly use 5-7% real; sensitivity 4-8%). Costs in real CNY of 2023.\n")
    with open(OUT / "dataset.yaml", "w", encoding="utf-8") as fh:
        fh.write(header)
        yaml.safe_dump(ds, fh, allow_unicode=True, sort_keys=False, width=120)
    plan = dict(targets=policy.plan_targets(PROVINCIAL_E2023, INTENSITY_2020, COAL_2023_MTCE))
    with open(OUT / "plan.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Liaocheng plan targets. Written by tools/build_dataset.py. Emissions method: China's provincial\n"
                 "# method (combustion + process CO2 + (imports - exports) x Shandong grid factor), CO2 only.\n")
        yaml.safe_dump(plan, fh, allow_unicode=True, sort_keys=False, width=120)


SCENARIOS, ROLES = policy.scenario_config()
PROVINCIAL_E2023 = 0.0
INTENSITY_2020 = 0.0
COAL_2023_MTCE = 0.0


def base_inventory():
    """The accounting core's inventory of the written activity.csv and production.csv."""
    return compute_inventory(OUT / "activity.csv", production=OUT / "production.csv", method="provincial",
                             primary_electricity="coal_consumption", coal_rate_basis=COAL_RATE_BASIS,
                             region=REGION, year=BASE)


def summary(prod, use):
    """Base-year energy and CO2 from carbonpath's inventory; prints the README's figures."""
    inv = base_inventory()
    em = inv.emissions[(inv.emissions["gas"] == "CO2") & inv.emissions["in_total"]]
    lines = [f"BASE-YEAR SUMMARY: carbonpath inventory of activity.csv + production.csv (factor set {inv.version}, "
             f"provincial method, primary electricity coal_consumption/{COAL_RATE_BASIS})"]
    by = em.groupby(["category", "sector"], observed=True)["value"].sum().sort_values(ascending=False)
    for (cat, sec), v in by.items():
        lines.append(f"  CO2 {cat:24s} {sec:24s} {v / 1e6:8.3f} Mt")
    total = float(inv.total().to("t CO2").magnitude) / 1e6
    scope1 = float(em.loc[em["category"].isin(["combustion", "process"]), "value"].sum()) / 1e6
    lines.append(f"  scope-1 (combustion + process) {scope1:.3f} Mt; provincial total {total:.3f} Mt")
    energy = float(inv.energy_total("tce").magnitude) / 1e4  # 万tce
    en = inv.energy[inv.energy["in_total"]]
    fuels = en.groupby("fuel", observed=True)["standard_coal_tce"].sum() / 1e4
    for f, v in fuels.items():
        lines.append(f"  energy {f:16s} {v:9.1f} 万tce")
    nonfossil = float(fuels.get("solid_biomass", 0.0))
    nonfossil += float(en.loc[(en["fuel"] == "electricity") & en["sector"].isin(["solar_power", "wind_power"]),
                              "standard_coal_tce"].sum()) / 1e4
    gdp, pop = GDP[BASE], POP_BASE
    lines.append(f"  energy consumption {energy:.1f} 万tce; non-fossil {nonfossil:.1f} 万tce ({nonfossil / energy:.1%})")
    lines.append(f"  energy/GDP {energy / gdp:.3f} tce/万元; CO2/GDP {total * 1e2 / gdp:.3f} t/万元; "
                 f"CO2/capita {total * 1e2 / pop:.2f} t (provincial), {scope1 * 1e2 / pop:.2f} t (scope 1)")
    exp = EXPORT[BASE]
    gen = prod["electricity"]
    lines.append(f"  electricity: net generation {gen / 1e6:.2f} TWh, local use {(use['electricity'] - exp) / 1e6:.2f} TWh "
                 f"(net of plant own use), net export {exp / 1e6:.1f} TWh")
    global PROVINCIAL_E2023, INTENSITY_2020, COAL_2023_MTCE
    PROVINCIAL_E2023 = total
    COAL_2023_MTCE = float(fuels.get("raw_coal", 0.0)) / 100  # 万tce -> Mtce
    INTENSITY_2020 = total * 1e2 / gdp / (1 - 0.10)
    print("\n".join(lines))
    (HERE / "base_year_summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
    write_yaml()  # again, now that the base-year totals are known
