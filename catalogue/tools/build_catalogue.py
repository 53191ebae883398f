"""Write the bundled technology catalogue's CSV tables (catalogue/*.csv).

The CSV tables are the catalogue; this script only keeps their rows readable in one place.
Run it from the repository root: ``python catalogue/tools/build_catalogue.py``. Every value
cites its original source or says ``assumption: why``; the ranges (low, high) are the
spread the source or the assumption gives, for the uncertainty analysis.
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parents[1]
A = "assumption: "

S = {
    "cpia": "CPIA 中国光伏产业发展路线图 (2023 edition): ground-mounted PV system initial investment ~3.4 CNY/W in 2023, C&I distributed ~3.2 CNY/W (recalled, not read in a retrieved copy)",
    "bess_bids": "EnergyTrend 2023-07-17 (June-2023 LFP storage bids: system 1.04 CNY/Wh, EPC 1.49 CNY/Wh); CEEC 25 GWh tender 2025 (2-h systems 0.42-0.58 CNY/Wh)",
    "alk_el": "China alkaline electrolyser equipment 1,350-1,500 CNY/kW (1Q2023 procurement survey, chinahydrogen newsletter); BNEF 1H2022 Hydrogen Market Outlook ~USD 300/kW installed (2021)",
    "usc": "GEM wiki / 聊城新闻网 2024-11-26, Liaocheng Xiangguang 2x660 MW USC CHP: design 235 gce/kWh",
    "ipcc_proc": "IPCC 2006 Vol.3 (process emission factors, via carbonpath factors/process_ipcc2006.csv)",
}

TECH_COLS = ["technology", "name", "name_zh", "category", "kind", "level", "capacity_unit",
             "activity_unit", "main_output", "availability_profile", "storage_commodity",
             "nonfossil", "process_item", "process_technology", "group", "source", "status"]
FLOW_COLS = ["technology", "commodity", "direction", "value", "low", "high", "unit", "use",
             "source", "status"]
PAR_COLS = ["technology", "parameter", "region", "year", "value", "low", "high", "unit",
            "source", "status"]

techs: list[dict] = []
flows: list[dict] = []
params: list[dict] = []


def status(src: str) -> str:
    if src.startswith(A):
        return "assumption"
    return "unverified"


def T(code, name, zh, category, kind, level, cap, act, main, *, profile="", store="",
      nonfossil=False, process="", proc_tech="", group="", src=None):
    src = src or A + "catalogue entry (a generic technology class)"
    techs.append(dict(technology=code, name=name, name_zh=zh, category=category, kind=kind,
                      level=level, capacity_unit=cap, activity_unit=act, main_output=main,
                      availability_profile=profile, storage_commodity=store,
                      nonfossil=str(nonfossil).lower(), process_item=process,
                      process_technology=proc_tech, group=group, source=src,
                      status=status(src)))


def F(code, com, direction, value, unit, src, low="", high="", use=""):
    flows.append(dict(technology=code, commodity=com, direction=direction, value=value,
                      low=low, high=high, unit=unit, use=use, source=src, status=status(src)))


def P(code, par, value, unit, src, low="", high="", year="", region=""):
    params.append(dict(technology=code, parameter=par, region=region, year=year, value=value,
                       low=low, high=high, unit=unit, source=src, status=status(src)))


def traj(code, par, points, unit, src, spread, region=""):
    """Cost trajectory: (year, value) points with a symmetric relative spread."""
    for year, value in points.items():
        P(code, par, value, unit, src, low=round(value * (1 - spread), 6),
          high=round(value * (1 + spread), 6), year=year, region=region)


def power(code, name, zh, fuel_gj_per_mwh, eff_range, capex, capex_src, spread, fom, life,
          avail, credit, *, fuel="raw_coal", vc=0.0, nonfossil=False, profile="", extra_out=None,
          flow_src=None, group="", src=None):
    T(code, name, zh, "power", "conversion" if fuel else "supply", "timeslice", "MW", "MWh",
      "electricity", profile=profile, nonfossil=nonfossil, group=group, src=src)
    if fuel:
        lo, hi = eff_range
        F(code, fuel, "input", round(fuel_gj_per_mwh, 4), "GJ/MWh",
          flow_src or A + f"net efficiency {3.6 / fuel_gj_per_mwh:.1%} (LHV)",
          low=round(3.6 / hi, 4), high=round(3.6 / lo, 4))
    F(code, "electricity", "output", 1, "MWh/MWh", A + "definition: activity is net generation")
    for com, (v, u, s) in (extra_out or {}).items():
        F(code, com, "output", v, u, s)
    if isinstance(capex, dict):
        traj(code, "capex", capex, "CNY/kW", capex_src, spread)
    else:
        P(code, "capex", capex, "CNY/kW", capex_src, low=round(capex * (1 - spread)),
          high=round(capex * (1 + spread)))
    P(code, "fixed_om", fom[0], "CNY/kW/yr", A + fom[1], low=round(fom[0] * 0.7, 2),
      high=round(fom[0] * 1.3, 2))
    if vc:
        P(code, "variable_cost", vc, "CNY/MWh", A + "non-fuel variable O&M", low=vc * 0.5,
          high=vc * 1.5)
    P(code, "lifetime", life, "yr", A + "typical technical life in China", low=int(life * 0.8),
      high=int(life * 1.2))
    P(code, "availability", avail, "1", A + "planned and forced outages", low=round(avail - 0.05, 3),
      high=min(1.0, round(avail + 0.03, 3)))
    P(code, "capacity_credit", credit[0], "1", A + credit[1], low=credit[2], high=credit[3])


C = "raw_coal"
power("coal_subcritical", "Subcritical coal unit (300 MW class)", "亚临界燃煤机组", 3.6 / 0.36,
      (0.34, 0.38), 3800, A + "not investable in practice (new units are USC); 3,300-4,500 CNY/kW as USC",
      0.15, (120, "~3% of capex"), 30, 0.9, (0.95, "firm thermal capacity", 0.9, 1.0))
power("coal_supercritical", "Supercritical coal unit (600 MW class)", "超临界燃煤机组", 3.6 / 0.41,
      (0.39, 0.43), 3800, A + "3,300-4,500 CNY/kW (2023 prices)", 0.15, (120, "~3% of capex"), 30, 0.9,
      (0.95, "firm thermal capacity", 0.9, 1.0))
power("coal_usc", "Ultra-supercritical coal unit (660-1000 MW)", "超超临界燃煤机组", 3.6 / 0.45,
      (0.43, 0.47), 3800, A + "Chinese 2x660 MW USC plants 3,300-4,500 CNY/kW (2023 prices); central 3,800",
      0.15, (120, "~3% of capex"), 30, 0.9, (0.95, "firm thermal capacity", 0.9, 1.0),
      flow_src=A + "net efficiency 45% (LHV) for a new 660-1000 MW USC unit (43-47%); the design coal rate of the Xiangguang USC CHP (" + S["usc"] + ") includes its heat credit and is not an electric efficiency")
power("coal_chp", "Coal CHP, extraction-condensing (抽凝)", "燃煤热电联产(抽凝)", 3.6 / 0.40,
      (0.37, 0.43), 4000, A + "extraction CHP 3,500-4,800 CNY/kW", 0.15, (130, "~3% of capex"), 30, 0.9,
      (0.95, "firm thermal capacity", 0.9, 1.0),
      extra_out={"heat": (1.1, "GJ/MWh", A + "heat extraction ~1.1 GJ per MWh net in the heating season average (0.8-2.0)")})
# Non-fuel variable O&M of coal units (issue 16: the Liaocheng generator's former values).
VOM_SRC = ("non-fuel variable O&M of Chinese coal units incl. desulphurisation/denitrification reagents, "
           "water and ash handling: 15-35 CNY/MWh")
for _code, _vom, _lo, _hi in (("coal_subcritical", 25, 15, 35), ("coal_supercritical", 25, 15, 35),
                              ("coal_usc", 22, 15, 30), ("coal_chp", 25, 15, 35)):
    P(_code, "variable_cost", _vom, "CNY/MWh", A + VOM_SRC, low=_lo, high=_hi)
# Minimum stable output of coal units (the dataset format's min_output).
MIN_SRC = ("Chinese coal units run stably down to 40-50% of rated load without retrofits; "
           "the 2021 NDRC/NEA coal-unit upgrade plan (全国煤电机组改造升级实施方案) aims at "
           "~30-35% after flexibility retrofits (recalled, not read in a retrieved copy)")
for _code, _share in (("coal_subcritical", 0.45), ("coal_supercritical", 0.4),
                      ("coal_usc", 0.35), ("coal_chp", 0.4)):
    P(_code, "min_output", _share, "1", A + MIN_SRC, low=0.3, high=0.5)
power("gas_ccgt", "Gas combined cycle (F class)", "燃气蒸汽联合循环", 3.6 / 0.55, (0.52, 0.58), 3000,
      A + "Chinese F-class CCGT 2,500-3,500 CNY/kW", 0.17, (90, "~3% of capex"), 30, 0.92,
      (0.95, "firm gas capacity", 0.9, 1.0), fuel="natural_gas", vc=10)
power("gas_chp", "Gas CHP (燃气热电联产)", "燃气热电联产", 3.6 / 0.45, (0.42, 0.5), 3300,
      A + "gas CHP 2,800-4,000 CNY/kW", 0.17, (100, "~3% of capex"), 30, 0.92,
      (0.95, "firm gas capacity", 0.9, 1.0), fuel="natural_gas", vc=10,
      extra_out={"heat": (2.0, "GJ/MWh", A + "heat-to-power ~0.55 (1.5-2.5 GJ/MWh)")})
power("biomass_power", "Straw-fired biomass power", "生物质发电", 3.6 / 0.28, (0.25, 0.32), 8000,
      A + "Chinese straw plants 7,000-10,000 CNY/kW", 0.2, (240, "~3% of capex"), 25, 0.85,
      (0.9, "firm if fuel is secured", 0.8, 0.95), fuel="solid_biomass", vc=30, nonfossil=True)
power("waste_to_energy", "Municipal waste incineration (垃圾焚烧发电)", "垃圾焚烧发电", 3.6 / 0.22,
      (0.18, 0.26), 20000, A + "WtE 15,000-25,000 CNY/kW incl. flue-gas treatment (gate fees not modelled)",
      0.25, (600, "~3% of capex"), 25, 0.85, (0.9, "firm waste supply all year", 0.8, 0.95), fuel="other_energy", vc=50,
      nonfossil=False)
power("hydro_small", "Run-of-river hydro", "径流式水电", 0, (1, 1), 9000,
      A + "small hydro 7,000-12,000 CNY/kW", 0.3, (90, "1% of capex"), 50, 0.95,
      (0.3, "dry-season output", 0.1, 0.5), fuel="", nonfossil=True, profile="hydro")
power("pv_utility", "Utility-scale PV", "集中式光伏", 0, (1, 1), {2020: 4000, 2023: 3400, 2030: 2800, 2040: 2400, 2060: 2100},
      S["cpia"] + "; after 2023 " + A + "learning ~2-3%/yr; 2020 " + A + "4.0 CNY/W", 0.2,
      (45, "1.3% of capex; 35-60"), 25, 1.0, (0.05, "evening peak after sunset", 0.0, 0.15),
      fuel="", nonfossil=True, profile="pv")
power("pv_rooftop", "Rooftop / distributed PV", "分布式光伏", 0, (1, 1), {2020: 3800, 2023: 3200, 2030: 2600, 2040: 2300, 2060: 2000},
      S["cpia"] + "; after 2023 " + A + "learning; 2020 " + A + "3.8 CNY/W", 0.2,
      (50, "rooftop PV fixed O&M 40-70 CNY/kW/yr (cleaning, inverters, roof lease); central 50"), 25, 1.0,
      (0.05, "evening peak after sunset", 0.0, 0.15), fuel="", nonfossil=True, profile="pv")
power("wind_onshore", "Onshore wind", "陆上风电", 0, (1, 1), {2020: 6000, 2023: 4500, 2030: 4000, 2040: 3700, 2060: 3400},
      A + "Chinese onshore wind 2023 4,000-5,500 CNY/kW incl. grid connection (IRENA Renewable Power Generation Costs 2023: China ~USD 1,000/kW, unverified); learning after; 2020 before the subsidy cliff ~6,000",
      0.2, (120, "onshore wind fixed O&M 90-150 CNY/kW/yr incl. land lease; central 120"), 25, 0.97, (0.1, "firm share at peak load", 0.05, 0.2),
      fuel="", nonfossil=True, profile="wind")
power("wind_offshore", "Offshore wind (fixed-bottom)", "海上风电", 0, (1, 1),
      {2020: 16000, 2023: 11000, 2030: 9000, 2040: 7800, 2060: 7000},
      A + "Chinese near-shore fixed-bottom offshore wind 2023 ~9,500-13,000 CNY/kW (post-2021 parity projects); learning ~2%/yr",
      0.25, (250, "~2.3% of capex"), 25, 0.95, (0.15, "firmer than onshore at peak", 0.05, 0.25),
      fuel="", nonfossil=True, profile="wind_offshore")
traj("wind_offshore", "capex", {2020: 17000, 2023: 12000, 2030: 10000, 2040: 8800, 2060: 8000}, "CNY/kW",
     A + "Guangdong offshore sites are deeper and typhoon-exposed: ~+1,000 CNY/kW over the national trajectory",
     0.25, region="CN-GD")

# storage
T("battery_lfp", "Battery storage, LFP (2-4 h)", "电化学储能(磷酸铁锂)", "storage", "storage", "timeslice",
  "MW", "MWh", "electricity", store="electricity")
traj("battery_lfp", "capex", {2020: 400, 2023: 300, 2025: 250, 2030: 200, 2040: 150, 2060: 120}, "CNY/kW",
     A + "PCS and grid connection share of system bids; 150-400", 0.3)
traj("battery_lfp", "capex_energy", {2020: 1500, 2023: 800, 2025: 450, 2030: 350, 2040: 250, 2060: 200}, "CNY/kWh",
     S["bess_bids"] + "; 2030+ " + A + "learning; 2020 " + A + "~1.5 CNY/Wh", 0.3)
P("battery_lfp", "fixed_om", 10, "CNY/kW/yr", A + "battery power-side fixed O&M 5-20 CNY/kW/yr (PCS, site); central 10", low=5, high=20)
P("battery_lfp", "standing_loss", 0.0002, "1/h", A + "self-discharge ~0.5%/day", low=0.0001, high=0.0005)
P("battery_lfp", "fixed_om_energy", 5, "CNY/kWh/yr", A + "~1% of energy capex", low=3, high=10)
P("battery_lfp", "charge_efficiency", 0.95, "1", A + "round trip ~0.90 = 0.95 x 0.95", low=0.92, high=0.97)
P("battery_lfp", "discharge_efficiency", 0.95, "1", A + "round trip ~0.90 = 0.95 x 0.95", low=0.92, high=0.97)
P("battery_lfp", "lifetime", 15, "yr", A + "LFP calendar/cycle life 12-20 years", low=12, high=20)
P("battery_lfp", "capacity_credit", 0.8, "1", A + "4-h storage at a short evening peak", low=0.5, high=0.95)
T("pumped_hydro", "Pumped hydro storage", "抽水蓄能", "storage", "storage", "timeslice", "MW", "MWh",
  "electricity", store="electricity", nonfossil=False)
P("pumped_hydro", "capex", 6000, "CNY/kW", A + "Chinese pumped hydro 5,500-7,500 CNY/kW (6-h reservoirs, energy included)", low=5000, high=8000)
P("pumped_hydro", "capex_energy", 0, "CNY/kWh", A + "included in the power capex (reservoir sized for ~6 h)")
P("pumped_hydro", "fixed_om", 60, "CNY/kW/yr", A + "1% of capex", low=40, high=90)
P("pumped_hydro", "charge_efficiency", 0.87, "1", A + "round trip ~0.76 = 0.87 x 0.87", low=0.85, high=0.9)
P("pumped_hydro", "discharge_efficiency", 0.87, "1", A + "round trip ~0.76", low=0.85, high=0.9)
P("pumped_hydro", "lifetime", 50, "yr", A + "civil works", low=40, high=60)
P("pumped_hydro", "capacity_credit", 0.9, "1", A + "6-h storage", low=0.8, high=1.0)

# hydrogen
T("electrolyser_alkaline", "Alkaline water electrolysis", "碱性电解槽", "hydrogen", "conversion", "timeslice",
  "MW", "MWh", "hydrogen")
F("electrolyser_alkaline", "electricity", "input", 1.56, "MWh/MWh",
  A + "system efficiency ~64% LHV (4.8-5.5 kWh/Nm3 H2); 52 kWh/kg", low=1.45, high=1.75)
F("electrolyser_alkaline", "hydrogen", "output", 1, "MWh/MWh", A + "definition: activity is hydrogen (LHV)")
traj("electrolyser_alkaline", "capex", {2020: 5500, 2023: 4700, 2030: 2700, 2040: 1750, 2060: 1400}, "CNY/kW",
     S["alk_el"] + "; installed system ~3,000 CNY/kW_el in 2023 x 1.56 kW_el/kW_H2; after 2023 " + A + "halving by 2030", 0.35)
P("electrolyser_alkaline", "fixed_om", 120, "CNY/kW/yr", A + "~2.5% of capex incl. stack refurbishment", low=80, high=160)
P("electrolyser_alkaline", "lifetime", 20, "yr", A + "stack replaced within fixed O&M", low=15, high=25)
P("electrolyser_alkaline", "availability", 0.95, "1", A + "maintenance", low=0.9, high=0.98)
T("h2_storage", "Compressed hydrogen storage", "储氢(压缩)", "hydrogen", "storage", "timeslice", "MW", "MWh",
  "hydrogen", store="hydrogen")
P("h2_storage", "capex", 4000, "CNY/kW", A + "compressor per kW of H2 (LHV) charge rate; 2,500-6,000", low=2500, high=6000)
P("h2_storage", "capex_energy", 60, "CNY/kWh", A + "20 MPa stationary vessels ~2,000 CNY/kg = 60 CNY/kWh LHV; 30-120", low=30, high=120)
P("h2_storage", "fixed_om", 80, "CNY/kW/yr", A + "2% of capex", low=50, high=120)
P("h2_storage", "charge_efficiency", 0.92, "1", A + "compression energy (~2.5 kWh/kg) represented as an 8% hydrogen loss (storage cannot draw electricity in the dataset format)", low=0.88, high=0.95)
P("h2_storage", "discharge_efficiency", 1.0, "1", A + "no loss on discharge")
P("h2_storage", "lifetime", 25, "yr", A + "pressure vessels", low=20, high=30)

# heat supply (annual; MW thermal, GJ heat)
def heat(code, name, zh, fuel, eff, eff_lo, eff_hi, capex, capex_lo, capex_hi, life, category="heat", fom_share=0.02):
    T(code, name, zh, category, "conversion", "annual", "MW", "GJ", "heat")
    if fuel == "electricity":
        F(code, fuel, "input", round(1 / (eff * 3.6), 6), "MWh/GJ", A + f"COP/efficiency {eff}",
          low=round(1 / (eff_hi * 3.6), 6), high=round(1 / (eff_lo * 3.6), 6))
    else:
        F(code, fuel, "input", round(1 / eff, 4), "GJ/GJ", A + f"efficiency {eff:.0%} (LHV)",
          low=round(1 / eff_hi, 4), high=round(1 / eff_lo, 4))
    F(code, "heat", "output", 1, "GJ/GJ", A + "definition: activity is heat delivered")
    if isinstance(capex, dict):  # a learning trajectory, spread as the 2023 range
        traj(code, "capex", capex, "CNY/kW", A + f"{capex_lo:,}-{capex_hi:,} CNY/kW-th in 2023; "
             "learning ~3%/yr to 2030 and ~1.5%/yr after (the Liaocheng generator's former trajectory)",
             round((capex_hi - capex_lo) / 2 / capex[2023], 3))
        capex = capex[2023]
    else:
        P(code, "capex", capex, "CNY/kW", A + f"{capex_lo:,}-{capex_hi:,} CNY/kW-th", low=capex_lo, high=capex_hi)
    P(code, "fixed_om", round(capex * fom_share, 1), "CNY/kW/yr", A + f"{fom_share:.0%} of capex",
      low=round(capex * fom_share * 0.6, 1), high=round(capex * fom_share * 1.5, 1))
    P(code, "lifetime", life, "yr", A + "boiler/heat-pump life", low=int(life * 0.75), high=int(life * 1.25))
    P(code, "utilisation", 25200, "GJ/MW/yr", A + "7,000 full-load hours x 3.6 GJ/MWh: an upper bound on annual output", low=18000, high=28800)


heat("heat_coal_boiler", "Coal-fired heat/steam boiler (燃煤锅炉)", "燃煤锅炉", "raw_coal", 0.80, 0.72, 0.88, 250, 150, 350, 20)
heat("heat_gas_boiler", "Gas-fired heat/steam boiler", "燃气锅炉", "natural_gas", 0.92, 0.88, 0.95, 200, 120, 300, 20)
heat("heat_biomass_boiler", "Biomass boiler", "生物质锅炉", "solid_biomass", 0.80, 0.7, 0.85, 450, 300, 700, 20)
heat("heat_electric_boiler", "Electrode / electric boiler", "电锅炉", "electricity", 0.98, 0.95, 0.99, 600, 400, 900, 20)
heat("heat_pump_large", "Large heat pump for district heat or process heat < 120 C", "大型热泵", "electricity", 3.0, 2.2, 4.0, 2500, 1800, 3500, 20)
heat("heat_pump_steam", "High-temperature heat pump / MVR steam", "工业高温热泵/MVR", "electricity", 2.5, 1.8, 3.2,
     {2020: 3800, 2023: 3500, 2030: 2800, 2040: 2400, 2060: 2200}, 2500, 5000, 20)

# industry routes (annual; t/yr, t)
def route(code, name, zh, product, inputs, capex, capex_lo, capex_hi, life, *, process="", ptech="", src=None, capex_src=None):
    T(code, name, zh, "industry", "conversion", "annual", "t/yr", "t", product, process=process,
      proc_tech=ptech, src=src)
    for com, (v, u, s, lo, hi, use) in inputs.items():
        F(code, com, "input", v, u, s, low=lo, high=hi, use=use)
    F(code, product, "output", 1, "t/t", A + "definition: activity is the product")
    if isinstance(capex, dict):
        traj(code, "capex", capex, "CNY/(t/yr)", capex_src or A + f"{capex_lo:,}-{capex_hi:,} CNY per t/yr in 2023; learning after", 0.3)
        capex = capex[2023]
    else:
        P(code, "capex", capex, "CNY/(t/yr)", capex_src or A + f"{capex_lo:,}-{capex_hi:,} CNY per t/yr", low=capex_lo, high=capex_hi)
    P(code, "fixed_om", round(capex * 0.03, 1), "CNY/(t/yr)/yr", A + "3% of capex", low=round(capex * 0.02, 1), high=round(capex * 0.05, 1))
    P(code, "lifetime", life, "yr", A + "plant life", low=int(life * 0.8), high=int(life * 1.2))
    P(code, "utilisation", 1, "t/(t/yr)/yr", A + "output per unit of capacity (t/yr) per year", low=0.7, high=1.0)


def i(v, u, s, lo="", hi="", use=""):
    return (v, u, s, lo, hi, use)


route("alumina_bayer", "Bayer alumina refining", "拜耳法氧化铝", "alumina",
      {"heat": i(8.0, "GJ/t", A + "steam 7-10 GJ/t", 7, 10), "natural_gas": i(3.0, "GJ/t", A + "calcination 2.8-3.5 GJ/t", 2.8, 3.5),
       "electricity": i(0.25, "MWh/t", A + "200-300 kWh/t", 0.2, 0.3)}, 3000, 2000, 4500, 30)
route("al_smelter_prebake", "Primary aluminium, prebake cells", "电解铝(预焙槽)", "aluminium",
      {"electricity": i(13.5, "MWh/t", A + "AC 13,300-13,700 kWh/t Al (China 2023 average ~13,450)", 13.0, 14.0),
       "alumina": i(1.92, "t/t", A + "stoichiometric 1.89 + losses", 1.9, 1.95)},
      6000, 4000, 10000, 30, process="primary_aluminium_prebake", ptech="cwpb")
route("al_recycling", "Recycled aluminium from scrap", "再生铝", "aluminium",
      {"natural_gas": i(3.0, "GJ/t", A + "remelting 2.5-4 GJ/t", 2.5, 4), "electricity": i(0.2, "MWh/t", A + "150-300 kWh/t", 0.15, 0.3)},
      1500, 1000, 2500, 25)
route("cu_smelter_primary", "Primary copper smelting and refining (flash smelting)", "铜冶炼(闪速熔炼)", "copper",
      {"electricity": i(1.3, "MWh/t", A + "smelting + electrolytic refining 1.0-1.6 MWh/t", 1.0, 1.6),
       "natural_gas": i(2.5, "GJ/t", A + "2-4 GJ/t", 2, 4)}, 8000, 6000, 12000, 30)
route("cu_recycling", "Secondary copper from scrap", "再生铜", "copper",
      {"electricity": i(0.4, "MWh/t", A + "0.3-0.6 MWh/t", 0.3, 0.6), "natural_gas": i(2.0, "GJ/t", A + "1.5-3 GJ/t", 1.5, 3)},
      3000, 2000, 4500, 25)
route("steel_bf_bof", "Blast furnace - basic oxygen furnace steel", "高炉-转炉钢", "steel",
      {"coke": i(11.0, "GJ/t", A + "coke rate ~380 kg/t hot metal x 0.9 t HM/t steel", 10, 13, ""),
       "raw_coal": i(4.5, "GJ/t", A + "PCI ~150 kg/t HM", 3.5, 5.5), "electricity": i(0.35, "MWh/t", A + "300-450 kWh/t", 0.3, 0.45)},
      4000, 3000, 5500, 40, process="bof_steel")
route("steel_eaf", "Scrap electric-arc furnace steel", "电炉钢", "steel",
      {"electricity": i(0.45, "MWh/t", A + "EAF 400-550 kWh/t", 0.4, 0.55), "natural_gas": i(0.8, "GJ/t", A + "0.5-1.2 GJ/t", 0.5, 1.2)},
      3000, 2500, 4000, 30, process="eaf_steel")
route("steel_h2_dri", "Hydrogen direct reduction + EAF", "氢基直接还原+电炉", "steel",
      {"hydrogen": i(1.8, "MWh/t", A + "~54 kg H2/t steel (1.6-2.1 MWh LHV)", 1.6, 2.1),
       "electricity": i(0.75, "MWh/t", A + "EAF + auxiliaries 0.6-0.9 MWh/t", 0.6, 0.9)},
      {2020: 7000, 2023: 6000, 2030: 5000, 2040: 4200, 2060: 3800}, 4000, 8000, 30, process="eaf_steel")
route("clinker_kiln", "Clinker kiln, new dry process", "新型干法熟料窑", "clinker",
      {"raw_coal": i(3.2, "GJ/t", A + "~110 kgce/t clinker (3.0-3.5 GJ/t)", 3.0, 3.5),
       "electricity": i(0.03, "MWh/t", A + "kiln line 25-35 kWh/t", 0.025, 0.035)},
      1200, 800, 1800, 40, process="cement_clinker")
route("clinker_kiln_ccus", "Clinker kiln with post-combustion CO2 capture (amine) and storage",
      "熟料窑+燃烧后CO2捕集与封存", "clinker",
      {"raw_coal": i(5.7, "GJ/t", A + "kiln ~3.2 GJ/t + solvent regeneration ~3 GJ per t CO2 for ~0.74 t CO2/t clinker captured (90% of ~0.82 t: process ~0.52 + fuel ~0.30) from a coal boiler at ~90%: 5.2-6.5 GJ/t", 5.2, 6.5),
       "electricity": i(0.12, "MWh/t", A + "kiln line ~0.03 + capture and compression ~0.12 MWh per t CO2 captured: 0.10-0.15 MWh/t", 0.10, 0.15)},
      2600, 2000, 3500, 25, process="cement_clinker",
      capex_src=A + "kiln ~1,200 + capture ~1,400 CNY per t/yr of clinker (~1,900 CNY per t CO2/yr of amine capture x ~0.74 t CO2/t, a first-of-a-kind range): 2,000-3,500")
P("clinker_kiln_ccus", "capture_rate", 0.9, "1", A + "share of the kiln's flue-gas CO2 (process and fuel) captured by amine scrubbing (0.85-0.95)", low=0.85, high=0.95)
P("clinker_kiln_ccus", "variable_cost", 90, "CNY/t", A + "CO2 transport and storage 80-200 CNY per t CO2 x ~0.74 t CO2 captured per t clinker: 60-150 CNY/t clinker", low=60, high=150)
route("cement_grinding", "Cement grinding (clinker ratio 0.70)", "水泥粉磨", "cement",
      {"clinker": i(0.70, "t/t", A + "clinker ratio 0.65-0.75", 0.65, 0.75), "electricity": i(0.04, "MWh/t", A + "35-45 kWh/t", 0.035, 0.045)},
      250, 150, 400, 30)
route("ammonia_coal", "Coal-gasification ammonia", "煤制合成氨", "ammonia",
      {"raw_coal": i(38.5, "GJ/t", A + "total coal ~1.315 tce/t NH3 incl. fuel; feedstock carbon reported as process CO2", 35, 45, "feedstock"),
       "electricity": i(1.1, "MWh/t", A + "0.9-1.3 MWh/t", 0.9, 1.3)},
      4500, 3500, 6000, 30, process="ammonia", ptech="coal_gasification")
route("ammonia_green", "Green ammonia from electrolytic hydrogen", "绿氨", "ammonia",
      {"hydrogen": i(5.9, "MWh/t", A + "177 kg H2/t NH3 x 33.3 kWh/kg", 5.8, 6.2), "electricity": i(0.6, "MWh/t", A + "ASU + loop 0.4-0.8 MWh/t", 0.4, 0.8)},
      4000, 3000, 6000, 30)
route("chemicals_other", "Other chemicals (generic)", "其他化工", "chemicals",
      {"heat": i(6.0, "GJ/t", A + "steam 3-10 GJ/t (wide product mix)", 3, 10), "electricity": i(0.5, "MWh/t", A + "0.2-1.0 MWh/t", 0.2, 1.0)},
      5000, 2000, 10000, 25)
route("glass_float", "Float glass furnace", "浮法玻璃", "glass",
      {"natural_gas": i(6.5, "GJ/t", A + "5.5-8 GJ/t glass", 5.5, 8), "electricity": i(0.1, "MWh/t", A + "80-150 kWh/t", 0.08, 0.15)},
      2500, 1800, 3500, 15, process="glass")
route("textile_mill", "Textiles: spinning, weaving and dyeing", "纺织印染", "textiles",
      {"heat": i(20.0, "GJ/t", A + "dyeing and finishing steam 10-30 GJ/t", 10, 30), "electricity": i(3.0, "MWh/t", A + "2-5 MWh/t yarn-equivalent", 2, 5)},
      12000, 8000, 20000, 20)
route("paper_mill", "Paper and board from recovered fibre", "造纸(废纸浆)", "paper",
      {"heat": i(5.5, "GJ/t", A + "drying steam 4-7 GJ/t", 4, 7), "electricity": i(0.5, "MWh/t", A + "0.4-0.7 MWh/t", 0.4, 0.7)},
      5000, 3500, 7000, 30)

# Material costs of the routes (variable_cost; fuels and electricity are flows, priced by
# their supply): without them a least-cost model takes scrap routes for free.
MAT = "recalled 2023 market prices, not read in a retrieved copy"
P("steel_bf_bof", "variable_cost", 1400, "CNY/t", A + f"iron ore ~1.6 t/t steel x ~850 CNY/t (62% Fe fines CFR China ~USD 110-130/t in 2023) + fluxes and alloys ({MAT}): 1,100-1,800", low=1100, high=1800)
P("steel_eaf", "variable_cost", 3000, "CNY/t", A + f"heavy melting scrap ~1.1 t/t steel x ~2,700 CNY/t + electrodes and alloys ({MAT}): 2,500-3,500", low=2500, high=3500)
P("steel_h2_dri", "variable_cost", 1500, "CNY/t", A + f"DR-grade pellets ~1.45 t/t steel x ~1,000 CNY/t ({MAT}): 1,200-2,000", low=1200, high=2000)
P("al_smelter_prebake", "variable_cost", 2000, "CNY/t", A + f"carbon anodes ~0.45 t/t Al x ~4,500 CNY/t ({MAT}; alumina is a flow): 1,500-2,800", low=1500, high=2800)
P("al_recycling", "variable_cost", 16000, "CNY/t", A + f"aluminium scrap ~1.08 t/t x ~15,000 CNY/t ({MAT}): 13,000-19,000", low=13000, high=19000)
P("alumina_bayer", "variable_cost", 1300, "CNY/t", A + f"imported bauxite ~2.3 t/t and caustic soda ~0.13 t/t, non-energy ({MAT}): 1,000-1,600", low=1000, high=1600)
P("cu_smelter_primary", "variable_cost", 1500, "CNY/t", A + "processing cost excl. concentrate (the metal value cancels), net of the sulphuric-acid credit: 800-2,500", low=800, high=2500)
P("process_generic", "variable_cost", 0, "CNY/t", A + "the carrier of process emissions has no cost of its own (carbonpath init copies the existing route's material cost)")

T("process_generic", "Industrial process emissions carrier (energy counted in the sector's services)",
  "工业过程(仅过程排放)", "industry", "conversion", "annual", "t/yr", "t", "product",
  src=A + "a route whose fuel and electricity are the sector's balance rows (carbonpath init): it carries the product's process emissions only")
F("process_generic", "product", "output", 1, "t/t", A + "definition: activity is the product")
P("process_generic", "lifetime", 30, "yr", A + "plant life", low=20, high=40)
P("process_generic", "utilisation", 1, "t/(t/yr)/yr", A + "output per unit of capacity per year", low=0.7, high=1.0)

# CCUS on a coal-chemical high-purity CO2 stream (issue 17)
T("ccus_coal_chemical", "CO2 capture from a coal-chemical high-purity stream (gasification/ammonia), compression and storage",
  "煤化工高浓度CO2捕集、压缩与封存", "ccus", "conversion", "annual", "t/yr", "t", "co2_captured",
  src=A + "high-purity streams (Rectisol off-gas, >95% CO2) need no solvent capture, only drying and compression: the cheapest CCUS in China (e.g. Sinopec Qilu-Shengli, Guohua Jinjie). Activity = t CO2 captured")
F("ccus_coal_chemical", "electricity", "input", 0.12, "MWh/t", A + "compression to ~15 MPa 0.10-0.15 MWh/t CO2", low=0.10, high=0.15)
F("ccus_coal_chemical", "co2_captured", "output", 1, "t/t", A + "definition: activity is CO2 captured and stored")
P("ccus_coal_chemical", "capex", 400, "CNY/(t/yr)", A + "drying + compression + pipeline share 250-600 CNY per t/yr", low=250, high=600)
P("ccus_coal_chemical", "fixed_om", 16, "CNY/(t/yr)/yr", A + "4% of capex", low=10, high=25)
P("ccus_coal_chemical", "variable_cost", 120, "CNY/t", A + "transport and storage/EOR 80-200 CNY/t (excl. electricity, modelled as a flow)", low=80, high=200)
P("ccus_coal_chemical", "lifetime", 25, "yr", A + "plant life", low=20, high=30)
P("ccus_coal_chemical", "capture_rate", 0.9, "1", A + "share of the high-purity stream captured (0.85-0.95)", low=0.85, high=0.95)
P("ccus_coal_chemical", "utilisation", 1, "t/(t/yr)/yr", A + "output per unit of capacity per year", low=0.8, high=1.0)


# ---------------------------------------------------------------------------------------
# Measures of a city's carbon-peak plan (issue 17, version 0.2.0): low-carbon electricity
# contracts, load flexibility, freight shift and building retrofits.
T("grid_import_green", "Green electricity bought over long-distance (UHV) lines", "外电入省绿电",
  "supply", "import", "timeslice", "MW", "MWh", "electricity",
  src=A + "a contract for wind and PV from the sending provinces, firmed with some thermal power; its own emission factor (emission_factor) replaces the grid factor of ordinary imports")
F("grid_import_green", "electricity", "output", 1, "MWh/MWh", A + "definition: activity is electricity delivered")
P("grid_import_green", "variable_cost", 450, "CNY/MWh", A + "green-electricity trades ~0.40-0.50 CNY/kWh delivered (energy + green premium + UHV and provincial transmission)", low=380, high=550)
P("grid_import_green", "variable_cost", 430, "CNY/MWh", A + "Shandong green-electricity trades ~0.40-0.45 CNY/kWh delivered over the UHV lines (陇东-山东, 鲁固, 昭沂 ±800 kV), below the 460 CNY/MWh of grid supply at peak prices", low=380, high=500, region="CN-SD")
P("grid_import_green", "emission_factor", 0.05, "t/MWh", A + "wind and PV bundled with ~10% thermal firming at ~0.5 t CO2/MWh; green certificates would make it 0", low=0.0, high=0.15)
P("grid_import_green", "lifetime", 50, "yr", A + "interconnection")

T("smelter_load_flex", "Load flexibility of aluminium pot lines (a virtual store)", "电解铝负荷调节",
  "storage", "storage", "timeslice", "MW", "MWh", "electricity", store="electricity",
  src=A + "pot lines modulate their load by +-10-20% for a few hours and recover the energy within the day (demand-response trials of Chinese smelters in Xinjiang and Yunnan; shell heat exchangers keep the heat balance)")
P("smelter_load_flex", "capex", 300, "CNY/kW", A + "pot-line controls and shell heat exchangers 150-500 CNY per kW modulated", low=150, high=500)
P("smelter_load_flex", "capex_energy", 0, "CNY/kWh", A + "no energy store is built: the pots' heat capacity holds it")
P("smelter_load_flex", "fixed_om", 6, "CNY/kW/yr", A + "2% of capex", low=3, high=10)
P("smelter_load_flex", "charge_efficiency", 0.99, "1", A + "recovering the shifted energy costs ~2% a round trip (pot heat balance)", low=0.98, high=1.0)
P("smelter_load_flex", "discharge_efficiency", 0.99, "1", A + "recovering the shifted energy costs ~2% a round trip (pot heat balance)", low=0.98, high=1.0)
P("smelter_load_flex", "max_duration", 4, "hour", A + "the pot heat balance allows a few hours of reduced load (2-6 h)", low=2, high=6)
P("smelter_load_flex", "lifetime", 15, "yr", A + "control systems and heat exchangers", low=10, high=20)
P("smelter_load_flex", "capacity_credit", 0.8, "1", A + "an interruptible load for a short peak, as 4-h storage", low=0.5, high=1.0)


def shift(code, name, zh, fuels, capex, capex_lo, capex_hi, capex_src, vc, vc_lo, vc_hi, vc_src, life):
    """A freight shift from road: tonne-km carried by another mode, with its terminals."""
    T(code, name, zh, "transport", "demand", "annual", "tkm/yr", "tkm", "service", group="freight_shift",
      src=A + "road freight moved to another mode; the tonne-km served replace heavy-truck tonne-km (a dataset converts with its truck payload)")
    for fuel, (v, u, src, lo, hi) in fuels.items():
        F(code, fuel, "input", v, u, A + src, low=lo, high=hi)
    F(code, "service", "output", 1, "tkm/tkm", A + "definition: activity is tonne-km moved off the road")
    P(code, "capex", capex, "CNY/(tkm/yr)", A + capex_src, low=capex_lo, high=capex_hi)
    P(code, "variable_cost", vc, "CNY/tkm", A + vc_src, low=vc_lo, high=vc_hi)
    P(code, "lifetime", life, "yr", A + "rolling stock, vessels and terminals", low=int(life * 0.8), high=int(life * 1.2))
    P(code, "utilisation", 1, "tkm/(tkm/yr)/yr", A + "service capacity is counted per year", low=1, high=1)


shift("freight_shift_rail", "Freight shift from road to electric rail (公转铁), incl. sidings and drayage", "公转铁",
      {"electricity": (2.0e-5, "MWh/tkm", "electric traction ~20 kWh per 1,000 tkm (15-30)", 1.5e-5, 3.0e-5),
       "diesel": (6.4e-5, "GJ/tkm", "drayage: ~10% of the distance by diesel truck to and from the sidings (a truck ~0.64 MJ/tkm); 5-20%", 3.2e-5, 1.28e-4)},
      0.52, 0.29, 0.92, "rolling stock ~0.3 CNY per tkm/yr (0.18-0.48) plus sidings and terminals ~0.22 (0.11-0.44; ~4 CNY per truck-km/yr at 18 t-km per truck-km)",
      0.08, 0.05, 0.12, "rail tariff excluding energy and transshipment ~0.08 CNY/tkm (0.05-0.12)", 30)
shift("freight_shift_water", "Freight shift from road to inland water (公转水), incl. ports and locks", "公转水",
      {"diesel": (1.2e-4, "GJ/tkm", "inland barges ~120 kJ/tkm (80-180)", 8.0e-5, 1.8e-4)},
      0.38, 0.2, 0.75, "barges ~0.05 CNY per tkm/yr plus port and lock share ~0.33 (0.17-0.67; ~6 CNY per truck-km/yr at 18 t-km per truck-km)",
      0.05, 0.03, 0.08, "barge freight excluding fuel and transshipment ~0.05 CNY/tkm (0.03-0.08)", 25)

T("building_retrofit_north", "Energy retrofit of existing homes in the northern heating zone (北方既有居住建筑节能改造)",
  "北方既有居住建筑节能改造", "buildings", "demand", "annual", "GJ/yr", "GJ", "service",
  src=A + "walls, roofs and windows of pre-2010 homes; activity is the useful space heat no longer needed (a device without fuel)")
F("building_retrofit_north", "service", "output", 1, "GJ/GJ", A + "definition: activity is useful heat saved")
P("building_retrofit_north", "capex", 2000, "CNY/(GJ/yr)", A + "~250 CNY/m2 (200-300) saving ~0.12 GJ of useful heat per m2 and year (0.30 -> 0.18 GJ/m2; 0.10-0.15): 1,400-3,000 CNY per GJ/yr saved", low=1400, high=3000)
P("building_retrofit_north", "lifetime", 30, "yr", A + "building envelope", low=25, high=40)
P("building_retrofit_north", "utilisation", 1, "GJ/(GJ/yr)/yr", A + "saving capacity is counted per year", low=1, high=1)

# Shandong rows (region CN-SD): delivered fuel prices and the province's planning practice for
# the firm share of wind and PV (the Liaocheng generator's former values, now regional rows).
P("wind_onshore", "capacity_credit", 0.05, "1", A + "Shandong's planning practice counts ~5% of wind capacity at the evening peak", low=0.0, high=0.1, region="CN-SD")
for _pv in ("pv_utility", "pv_rooftop"):
    P(_pv, "capacity_credit", 0.0, "1", A + "Shandong's peak is in the evening (20:00), after sunset", low=0.0, high=0.05, region="CN-SD")


# end-use devices (annual; useful GJ or MWh of service, or vkm)
def device(code, name, zh, category, fuel, eff, eff_lo, eff_hi, capex, capex_lo, capex_hi, life, *,
           act="GJ", group=""):
    cap = f"{act}/yr"
    T(code, name, zh, category, "demand", "annual", cap, act, "service", group=group)
    if fuel == "electricity" and act == "GJ":
        F(code, fuel, "input", round(1 / (eff * 3.6), 6), "MWh/GJ", A + f"efficiency/COP {eff}",
          low=round(1 / (eff_hi * 3.6), 6), high=round(1 / (eff_lo * 3.6), 6))
    elif fuel == "electricity":
        F(code, fuel, "input", 1, "MWh/MWh", A + "definition: electric services counted at the meter")
    else:
        F(code, fuel, "input", round(1 / eff, 4), "GJ/GJ", A + f"efficiency {eff:.0%} (useful/final)",
          low=round(1 / eff_hi, 4), high=round(1 / eff_lo, 4))
    F(code, "service", "output", 1, f"{act}/{act}", A + "definition: activity is the service delivered")
    if capex:
        P(code, "capex", capex, f"CNY/({cap})", A + f"{capex_lo}-{capex_hi} CNY per {cap} of service", low=capex_lo, high=capex_hi)
    P(code, "lifetime", life, "yr", A + "typical device life", low=int(life * 0.7), high=int(life * 1.3))
    P(code, "utilisation", 1, f"{act}/({cap})/yr", A + "service capacity is counted per year", low=1, high=1)


for code, name, zh, fuel, eff, lo, hi, capex, clo, chi, life in [
    ("ind_heat_coal", "Industrial coal furnaces and boilers", "工业燃煤炉窑/锅炉", "raw_coal", 0.75, 0.65, 0.85, 40, 25, 60, 20),
    ("ind_heat_coke", "Industrial coke-fired furnaces", "工业焦炭炉窑", "coke", 0.75, 0.65, 0.85, 40, 25, 60, 20),
    ("ind_heat_gas", "Industrial gas furnaces and boilers", "工业燃气炉窑/锅炉", "natural_gas", 0.88, 0.8, 0.93, 60, 40, 90, 20),
    ("ind_heat_oil", "Industrial oil-fired equipment", "工业燃油设备", "diesel", 0.85, 0.75, 0.9, 50, 30, 80, 15),
    ("ind_heat_steam", "Industrial heat from the steam/heat network", "工业外购蒸汽/热力", "heat", 0.95, 0.9, 0.98, 30, 20, 50, 25),
    ("ind_heat_electric", "Industrial electric boilers and furnaces", "工业电锅炉/电炉", "electricity", 0.97, 0.93, 0.99, 70, 40, 110, 20),
    ("ind_heat_pump", "Industrial heat pumps (< 100 C)", "工业热泵", "electricity", 3.0, 2.2, 4.0, 220, 150, 320, 20),
    ("bld_heat_coal", "Building coal stoves and small boilers (散煤)", "散煤炉具", "raw_coal", 0.55, 0.4, 0.7, 30, 15, 50, 12),
    ("bld_heat_gas", "Building gas boilers (燃气壁挂炉)", "燃气壁挂炉", "natural_gas", 0.9, 0.85, 0.95, 80, 50, 120, 15),
    ("bld_heat_district", "Building district-heat connection", "集中供热(换热站)", "heat", 0.95, 0.9, 0.98, 40, 20, 60, 25),
    ("bld_heat_heat_pump", "Air-source heat pumps for buildings", "空气源热泵", "electricity", 2.8, 2.0, 3.5, 250, 150, 400, 15),
    ("bld_heat_biomass", "Biomass stoves and pellets", "生物质炉具", "solid_biomass", 0.65, 0.5, 0.8, 40, 20, 70, 12),
    ("bld_cook_gas", "Cooking and hot water, natural gas", "燃气炊事热水", "natural_gas", 0.6, 0.5, 0.7, 60, 40, 100, 12),
    ("bld_cook_lpg", "Cooking, LPG", "液化气炊事", "lpg", 0.6, 0.5, 0.7, 50, 30, 80, 12),
    ("bld_cook_electric", "Cooking and hot water, electric (induction, heat-pump water heaters)", "电炊事热水", "electricity", 0.9, 0.8, 2.5, 90, 60, 150, 12),
    ("bld_heat_oil", "Building oil-fired equipment (gasoline/diesel gensets and boilers)", "燃油设备", "diesel", 0.8, 0.7, 0.88, 50, 30, 80, 12),
]:
    device(code, name, zh, "buildings" if code.startswith("bld") else "industry", fuel, eff, lo, hi, capex, clo, chi, life)
device("elec_services", "Electric services (motors, lighting, appliances, cooling, IT)", "电力终端用能", "buildings",
       "electricity", 1, 1, 1, 0, 0, 0, 15, act="MWh")
device("agri_machinery_diesel", "Farm machinery, diesel", "农机(柴油)", "agriculture", "diesel", 0.3, 0.25, 0.35, 30, 20, 50, 12)
device("agri_machinery_electric", "Farm machinery, electric", "电动农机", "agriculture", "electricity", 0.85, 0.8, 0.9, 60, 40, 90, 12)
device("construction_diesel", "Construction machinery, diesel", "工程机械(柴油)", "industry", "diesel", 0.3, 0.25, 0.35, 40, 25, 60, 12)
device("construction_electric", "Construction machinery, electric", "电动工程机械", "industry", "electricity", 0.85, 0.8, 0.9, 80, 50, 120, 12)

# transport (annual; vehicle stock, vkm) -- energy per vkm in GJ (fuels) or MWh (electricity, hydrogen)
GJ_L_GASOLINE = 0.0320  # GJ per litre: 0.737 kg/L x 43.07 MJ/kg (GB/T 2589-2020)
GJ_L_DIESEL = 0.0358    # GJ per litre: 0.84 kg/L x 42.65 MJ/kg (GB/T 2589-2020)


def vehicle(code, name, zh, group, fuel, per_vkm, unit, flow_src, lo, hi, capex, capex_src, spread, fom, km, life):
    T(code, name, zh, "transport", "demand", "annual", "vehicle", "vkm", "service", group=group)
    F(code, fuel, "input", per_vkm, unit, A + flow_src, low=lo, high=hi)
    F(code, "service", "output", 1, "vkm/vkm", A + "definition: activity is vehicle-km")
    if isinstance(capex, dict):
        traj(code, "capex", capex, "CNY/vehicle", A + capex_src, spread)
    else:
        P(code, "capex", capex, "CNY/vehicle", A + capex_src, low=round(capex * (1 - spread)), high=round(capex * (1 + spread)))
    P(code, "fixed_om", fom, "CNY/vehicle/yr", A + "insurance, maintenance, tyres", low=round(fom * 0.7), high=round(fom * 1.3))
    P(code, "utilisation", km, "vkm/vehicle/yr", A + f"{km:,} km per vehicle per year", low=round(km * 0.7), high=round(km * 1.3))
    P(code, "lifetime", life, "yr", A + "scrappage age", low=int(life * 0.8), high=int(life * 1.3))


vehicle("car_ice", "Passenger car, gasoline", "燃油小客车", "car", "gasoline", round(6.5 / 100 * GJ_L_GASOLINE, 6), "GJ/vkm",
        "6.5 L/100 km on-road (5.5-8)", round(5.5 / 100 * GJ_L_GASOLINE, 6), round(8 / 100 * GJ_L_GASOLINE, 6),
        120000, "average new car ~120k CNY (80-200k)", 0.3, 5000, 11000, 15)
vehicle("car_bev", "Passenger car, battery electric", "纯电动小客车", "car", "electricity", 1.5e-4, "MWh/vkm",
        "15 kWh/100 km at the plug (12-20)", 1.2e-4, 2.0e-4, {2020: 170000, 2023: 140000, 2027: 120000, 2030: 115000, 2040: 105000, 2060: 100000},
        "BEV price premium ~20k CNY in 2023 closing by ~2027 (BNEF/ICCT China parity studies)", 0.2, 4000, 11000, 15)
vehicle("bus_diesel", "Bus and coach, diesel", "柴油客车", "bus", "diesel", round(30 / 100 * GJ_L_DIESEL, 6), "GJ/vkm",
        "30 L/100 km (25-38)", round(25 / 100 * GJ_L_DIESEL, 6), round(38 / 100 * GJ_L_DIESEL, 6), 800000, "12 m diesel bus 0.6-1.0 M CNY", 0.25, 40000, 55000, 10)
vehicle("bus_cng", "Bus, natural gas", "天然气客车", "bus", "natural_gas", 0.0126, "GJ/vkm",
        "~35 m3/100 km x 36 MJ/m3 = 12.6 MJ/km (30-45 m3/100 km)", 0.0108, 0.0162, 850000, "CNG bus 0.7-1.0 M CNY", 0.2, 40000, 55000, 10)
vehicle("bus_bev", "Bus, battery electric", "纯电动公交", "bus", "electricity", 1.1e-3, "MWh/vkm", "110 kWh/100 km (90-140)",
        0.9e-3, 1.4e-3, {2020: 1400000, 2023: 1200000, 2030: 950000, 2040: 850000, 2060: 800000}, "12 m e-bus 1.0-1.4 M CNY (2023)", 0.2, 30000, 55000, 10)
vehicle("bus_fcev", "Bus, hydrogen fuel cell", "氢燃料电池客车", "bus", "hydrogen", round(7.0 / 100 * 0.03333, 6), "MWh/vkm",
        "7 kg H2/100 km (6-9) x 33.33 kWh/kg", round(6 / 100 * 0.03333, 6), round(9 / 100 * 0.03333, 6),
        {2020: 3000000, 2023: 2500000, 2030: 1300000, 2040: 1000000, 2060: 900000}, "FCEV bus 2.0-3.0 M CNY (2023), subsidies excluded", 0.25, 50000, 55000, 10)
vehicle("truck_heavy_diesel", "Heavy truck, diesel", "柴油重卡", "truck_heavy", "diesel", round(32 / 100 * GJ_L_DIESEL, 6), "GJ/vkm",
        "32 L/100 km (28-40)", round(28 / 100 * GJ_L_DIESEL, 6), round(40 / 100 * GJ_L_DIESEL, 6), 400000, "tractor unit 0.35-0.5 M CNY", 0.2, 45000, 50000, 12)
vehicle("truck_heavy_lng", "Heavy truck, LNG", "LNG重卡", "truck_heavy", "natural_gas", round(30 / 100 * 1.496 * 35.544 / 1000, 6), "GJ/vkm",
        "30 kg LNG/100 km; 1 kg LNG = 1.496 m3 at 20 C x 35.544 MJ/m3 (GB/T 2589-2020) (26-36 kg/100 km)", 0.0138, 0.0191, 450000, "LNG tractor ~+50k CNY over diesel", 0.2, 45000, 50000, 12)
vehicle("truck_heavy_bev", "Heavy truck, battery electric (incl. battery swap)", "纯电动重卡", "truck_heavy", "electricity", 1.5e-3, "MWh/vkm",
        "150 kWh/100 km (120-180)", 1.2e-3, 1.8e-3, {2020: 1100000, 2023: 900000, 2030: 550000, 2040: 450000, 2060: 420000}, "e-tractor 0.8-1.0 M CNY in 2023; battery learning", 0.25, 40000, 50000, 12)
vehicle("truck_heavy_fcev", "Heavy truck, hydrogen fuel cell", "氢燃料电池重卡", "truck_heavy", "hydrogen", round(10 / 100 * 0.03333, 6), "MWh/vkm",
        "10 kg H2/100 km (8-12)", round(8 / 100 * 0.03333, 6), round(12 / 100 * 0.03333, 6),
        {2020: 1500000, 2023: 1200000, 2030: 650000, 2040: 500000, 2060: 450000}, "FCEV tractor 1.0-1.5 M CNY in 2023", 0.3, 50000, 50000, 12)
vehicle("truck_light_diesel", "Light/medium truck, diesel", "柴油轻中卡", "truck_light", "diesel", round(10 / 100 * GJ_L_DIESEL, 6), "GJ/vkm",
        "10 L/100 km (8-13)", round(8 / 100 * GJ_L_DIESEL, 6), round(13 / 100 * GJ_L_DIESEL, 6), 100000, "80-150k CNY", 0.3, 8000, 20000, 12)
vehicle("truck_light_bev", "Light truck / van, battery electric", "纯电动轻卡", "truck_light", "electricity", 3.0e-4, "MWh/vkm",
        "30 kWh/100 km (25-40)", 2.5e-4, 4.0e-4, {2020: 160000, 2023: 130000, 2030: 100000, 2040: 90000, 2060: 85000}, "e-van/light truck 100-160k CNY in 2023", 0.2, 6000, 20000, 12)


def mode(code, name, zh, fuel, per_tkm, unit, src, lo, hi, capex, life):
    T(code, name, zh, "transport", "demand", "annual", "tkm/yr", "tkm", "service", group=code.split("_")[0])
    F(code, fuel, "input", per_tkm, unit, A + src, low=lo, high=hi)
    F(code, "service", "output", 1, "tkm/tkm", A + "definition: activity is tonne-km (passenger-km at 0.1 t)")
    P(code, "capex", capex, "CNY/(tkm/yr)", A + "rolling stock or vessels per annual tonne-km", low=round(capex * 0.6, 4), high=round(capex * 1.6, 4))
    P(code, "lifetime", life, "yr", A + "rolling stock / hull life", low=int(life * 0.8), high=int(life * 1.2))
    P(code, "utilisation", 1, "tkm/(tkm/yr)/yr", A + "service capacity is counted per year", low=1, high=1)


mode("rail_electric", "Rail, electric traction", "电气化铁路", "electricity", 2.0e-5, "MWh/tkm", "~20 kWh per 1,000 tkm (15-30)", 1.5e-5, 3.0e-5, 0.3, 30)
mode("rail_diesel", "Rail, diesel traction", "内燃机车铁路", "diesel", 6.0e-5, "GJ/tkm", "~60 kJ/tkm at the wheel-rim equivalent (45-80)", 4.5e-5, 8.0e-5, 0.25, 30)
mode("water_inland_diesel", "Inland water transport, diesel", "内河航运(柴油)", "diesel", 1.2e-4, "GJ/tkm", "~120 kJ/tkm (80-180) for inland barges", 8.0e-5, 1.8e-4, 0.05, 25)
mode("water_inland_lng", "Inland water transport, LNG", "内河航运(LNG)", "natural_gas", 1.25e-4, "GJ/tkm", "~125 kJ/tkm (LNG engines slightly less efficient)", 9.0e-5, 1.9e-4, 0.06, 25)
mode("water_inland_electric", "Inland water transport, battery electric", "内河航运(纯电)", "electricity", 1.5e-5, "MWh/tkm", "~15 kWh per 1,000 tkm (10-25)", 1.0e-5, 2.5e-5, 0.12, 25)

# fuel supply (annual): prices by year, CNY per physical unit (real 2023)
def fuel(code, name, zh, fuel_code, unit, price, lo, hi, src):
    T(code, name, zh, "supply", "import", "annual", f"{unit}/yr", unit, fuel_code)
    F(code, fuel_code, "output", 1, f"{unit}/{unit}", A + "definition: activity is the fuel bought")
    P(code, "variable_cost", price, f"CNY/{unit}", src, low=lo, high=hi)


fuel("supply_raw_coal", "Coal purchased", "外购原煤", "raw_coal", "t", 900, 650, 1200, A + "Shandong delivered thermal coal 2023 ~900 CNY/t (5,000 kcal); 650-1,200 over 2020-2023")
fuel("supply_natural_gas", "Natural gas purchased", "管道天然气", "natural_gas", "m3_20C", 3.0, 2.4, 3.8, A + "city-gate + distribution for industry ~3.0 CNY/m3 (2.4-3.8)")
fuel("supply_diesel", "Diesel purchased", "外购柴油", "diesel", "t", 8000, 6500, 9500, A + "wholesale diesel ex-tax 2023 ~8,000 CNY/t")
fuel("supply_gasoline", "Gasoline purchased", "外购汽油", "gasoline", "t", 8500, 7000, 10000, A + "wholesale gasoline ex-tax 2023 ~8,500 CNY/t")
fuel("supply_lpg", "LPG purchased", "外购液化石油气", "lpg", "t", 5500, 4500, 7000, A + "LPG 2023 ~5,500 CNY/t")
fuel("supply_coke", "Coke purchased", "外购焦炭", "coke", "t", 2200, 1700, 3000, A + "metallurgical coke 2023 ~2,200 CNY/t")
fuel("supply_solid_biomass", "Crop straw collection", "秸秆收储", "solid_biomass", "t", 300, 200, 450, A + "straw delivered 250-400 CNY/t")
fuel("supply_generic", "Other fuel purchased (generic price per GJ)", "其他燃料", "other_energy", "GJ", 40, 25, 80, A + "a generic price ~40 CNY/GJ for fuels without a listed price (coal ~43 CNY/GJ at 900 CNY/t)")
for _year, _coal, _gas in ((2020, 950, 3.4), (2023, 950, 3.4), (2030, 850, 3.0), (2040, 850, 3.0), (2060, 850, 3.0)):
    P("supply_raw_coal", "variable_cost", _coal, "CNY/t", A + "delivered thermal coal in western Shandong 2023 ~950 CNY/t for ~5,000 kcal raw coal (CCI 5500 ~1,000 at ports); 750-1,200; easing to 850 by 2030; 2020-22 held at the 2023 level (they swung ~650-1,500)", low=round(_coal * 0.8), high=round(_coal * 1.27), year=_year, region="CN-SD")
    P("supply_natural_gas", "variable_cost", _gas, "CNY/m3_20C", A + "Shandong non-residential gas 2023 ~3.2-3.6 CNY/m3 (2.8-4.2); easing to 3.0 with LNG supply growth; 2020-22 held at the 2023 level", low=round(_gas * 0.82, 2), high=round(_gas * 1.24, 2), year=_year, region="CN-SD")
P("supply_gasoline", "variable_cost", 9800, "CNY/t", A + "Shandong wholesale gasoline 2023 ~9,000-10,500 CNY/t (incl. consumption tax, which a car buyer pays)", low=9000, high=10500, region="CN-SD")
P("supply_solid_biomass", "variable_cost", 350, "CNY/t", A + "collected and delivered straw in the North China Plain 250-450 CNY/t", low=250, high=450, region="CN-SD")
T("grid_import", "Electricity from the provincial grid", "外购电", "supply", "import", "timeslice", "MW", "MWh", "electricity")
P("grid_import", "variable_cost", 460, "CNY/MWh", A + "coal benchmark tariff ~0.39-0.45 CNY/kWh plus transmission and losses ~0.06-0.10", low=420, high=520)
P("grid_import", "variable_cost", 500, "CNY/MWh", A + "Zhejiang coal benchmark tariff 0.4153 CNY/kWh plus transmission ~0.08", low=450, high=560, region="CN-ZJ")
P("grid_import", "lifetime", 50, "yr", A + "interconnection")
T("grid_export", "Electricity to the provincial grid", "外送电", "supply", "export", "timeslice", "MW", "MWh", "electricity")
P("grid_export", "lifetime", 50, "yr", A + "interconnection")


import build_lines  # noqa: E402  (version 0.3.0: processing lines and efficiency retrofits)

build_lines.add(route, i, P)


def write(name, cols, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    write("technologies.csv", TECH_COLS, techs)
    write("flows.csv", FLOW_COLS, flows)
    write("parameters.csv", PAR_COLS, params)
    print(len(techs), "technologies,", len(flows), "flows,", len(params), "parameters")
