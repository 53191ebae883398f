"""Power sector: coal, gas, biomass, PV, wind, storage, hydrogen and the provincial grid."""

from __future__ import annotations

from . import policy
from .common import (
    BASE,
    CAPTIVE_STEAM,
    HORIZON,
    NCV,
    PUBLIC_DH,
    PUBLIC_STEAM,
    SRC_POWER_RATE,
    TECHS,
    B,
    P,
    S,
    assume,
    coal_t_per_mwh,
    residual_linear,
    tech,
    tech_by_code,
    traj,
)

# ----- power (timeslice) ------------------------------------------------------------------
RES_CAPTIVE = {2023: 8030, 2024: 8030, 2025: 7565, 2027: 7565, 2035: 5365, 2040: 5365}
RES_PUBLIC = {2023: 3800, 2030: 3400, 2035: 1600, 2040: 1000}
BIOMASS_RESIDUAL = {y: round(B["biomass_gw"] * 1000 * max(0.0, 1 - (y - BASE) / 20), 3)
                    for y in (BASE, 2025, 2030, 2035, HORIZON)}
EXPORT = {2023: 18.0e6, 2030: 18.0e6, 2032: 18.0e6, 2035: 12.0e6, 2040: 10.0e6}


def add() -> None:
    """Register the power-sector technologies (timeslice level)."""
    tech("coal_chp_captive", "Captive coal CHP of the aluminium/alumina and chemical complexes (自备电厂)",
         "thermal_power", "conversion", "timeslice", "MW", "MWh",
         inputs={"raw_coal": coal_t_per_mwh(0.300, CAPTIVE_STEAM)},
         outputs={"electricity": 1.0, "steam": CAPTIVE_STEAM},
         early=True, investable=False,
         source=f"{S['gem_xinyuan']}; {S['gem_haoji']}; {S['gem_xinfa']}; {S['energy14']}",
         flow_source=SRC_POWER_RATE.format(e=300, r=CAPTIVE_STEAM),
         params=[*traj("residual_capacity", RES_CAPTIVE, "MW", assume(
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
         params=[*traj("residual_capacity", RES_PUBLIC, "MW", assume(
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
         params=[*traj("max_capacity", {2023: 0, 2026: 0, 2027: 1320, 2040: 1320}, "MW", assume(
                     "only the committed Xiangguang project (online 2027 assumed); Shandong allows new coal only as "
                     "capacity replacement")),
                 *traj("min_capacity", {2023: 0, 2026: 0, 2027: 1320, 2040: 1320}, "MW", assume(
                     "the project is under construction (restarted Nov-2024): committed")),
                 P("max_activity", 6.6e6, "MWh/yr", S["xiangguang_chp"] + ": the design output (5,000 h), a heat-led CHP "
                   "unit does not run base-load in summer")])
    tech("gas_ccgt", "Gas combined cycle / peaking plant (燃气发电)", "thermal_power", "conversion", "timeslice",
         "MW", "MWh", outputs={"electricity": 1.0},
         source=assume("no gas power plant in Liaocheng in 2023 (none in GEM/WRI for the city); option for the future"),
         params=[P("max_capacity", 2000, "MW", assume("gas supply (pipeline target 1,200 km by 2025) and siting limit"))])
    tech("biomass_chp", "Straw-fired biomass power (生物质发电)", "thermal_power", "conversion", "timeslice",
         "MW", "MWh", inputs={"solid_biomass": 3.6 / 0.28 / NCV["solid_biomass"]}, outputs={"electricity": 1.0},
         source=f"{S['energy14']} (biomass capacity roughly doubled 2015-2020); {S['gwr2024']}; not flagged nonfossil: "
         "its straw is counted as non-fossil primary energy where it is supplied (biomass_supply), the electricity would count it twice",
         flow_source=assume("net electrical efficiency 28% on straw (25-30%)"),
         params=[*traj("residual_capacity", BIOMASS_RESIDUAL, "MW", assume("0.25 GW in 2023 (part of >4.2 GW renewables, 2024 work report); retires over 20 years")),
                 P("max_capacity", 600, "MW", assume("straw resource: ~1.9 Mt/yr collectable (see biomass_supply)")),
                 *traj("min_activity", {y: round(4000 * v, 1) for y, v in BIOMASS_RESIDUAL.items()}, "MWh/yr", assume(
                     "priority dispatch and full purchase of renewable generation (可再生能源法 art. 14, 全额保障性收购): the "
                     "existing straw plants run at least 4,000 h a year (base year 4,400 h) while they stand")),
                 P("activity", B["gen_biomass"], "MWh/yr", assume("4,400 net full-load hours (straw plants 4,000-6,000 h)"), year=BASE)])
    tech("pv_utility", "Utility-scale PV (集中式光伏)", "solar_power", "supply", "timeslice", "MW", "MWh",
         outputs={"electricity": 1.0}, avail="pv", nonfossil=True,
         source=f"{S['energy14']}; {S['gwr2024']}; {S['dzrb2026']}",
         params=[
                 *residual_linear(B["pv_utility_gw"] * 1000, 25, "MW", assume(
                     "utility share of ~3.6 GW PV in 2023 (>4.2 GW renewables minus wind and biomass); split 40/60 utility/rooftop "
                     "(Shandong's PV is majority distributed)")),
                 P("max_capacity", 10000, "MW", assume("land for utility PV incl. agrivoltaics and saline land; 6-15 GW")),
                 P("max_new_capacity", 1500, "MW/yr", assume("build-rate limit ~2x the 2025 rate (35 projects)")),
                 P("activity", B["gen_pv_utility"], "MWh/yr", assume("capacity grew during 2023: mean-capacity x 1,250 h"), year=BASE)])
    tech("pv_rooftop", "Rooftop / distributed PV (分布式光伏)", "solar_power", "supply", "timeslice", "MW", "MWh",
         outputs={"electricity": 1.0}, avail="pv", nonfossil=True,
         source=f"{S['energy14']}; {S['gwr2024']}",
         params=[
                 *residual_linear(B["pv_rooftop_gw"] * 1000, 25, "MW", assume("rooftop share of ~3.6 GW PV in 2023 (see pv_utility)")),
                 P("max_capacity", 8000, "MW", assume("rooftop potential: ~1.1 M rural homes x 5 kW + industrial/commercial roofs; 5-10 GW")),
                 P("max_new_capacity", 1200, "MW/yr", assume("build-rate limit; Shandong grid hosting limits on distributed PV")),
                 P("activity", B["gen_pv_rooftop"], "MWh/yr", assume("mean-capacity x 1,250 h"), year=BASE)])
    tech("wind_onshore", "Onshore wind (陆上风电)", "wind_power", "supply", "timeslice", "MW", "MWh",
         outputs={"electricity": 1.0}, avail="wind", nonfossil=True,
         source=f"{S['energy14']} (first wind farm by 2020); {S['wind_guanxian']}; {S['dzrb2026']}",
         params=[
                 *residual_linear(B["wind_gw"] * 1000, 25, "MW", assume("~0.35 GW in 2023 (first farm by 2020; >4.2 GW renewables 2023)")),
                 *traj("min_capacity", policy.WIND_DELAYED, "MW", assume(policy.WIND_DELAY_SRC)),
                 P("max_capacity", 8000, "MW", assume("inland low-wind plain; land and setback limits; 6-10 GW")),
                 P("activity", B["gen_wind"], "MWh/yr", assume("~1,700 h on in-year mean capacity"), year=BASE)])
    tech("battery", "Battery storage, LFP (电化学储能)", "utilities", "storage", "timeslice", "MW", "MWh",
         inputs={"electricity": 1.0}, outputs={"electricity": 1.0}, storage="electricity",
         source=assume("no Liaocheng-specific storage figure found; base-year stock set to zero (Shandong connected 50 storage "
                       "stations in 2023, Xinhua 2024-01-04, city share unknown)"),
         params=[])
    tech("electrolyser", "Alkaline water electrolysis (碱性电解槽)", "chemicals", "conversion", "timeslice", "MW", "MWh",
         outputs={"hydrogen": 1.0}, source=S["proposal"] + " (氢能)",
         params=[P("max_new_capacity", 500, "MW/yr", assume("build-rate limit"))])
    tech("h2_storage", "Compressed hydrogen storage (储氢)", "chemicals", "storage", "timeslice", "MW", "MWh",
         inputs={"hydrogen": 1.0}, outputs={"hydrogen": 1.0}, storage="hydrogen",
         source=S["proposal"] + " (储氢装备)",
         params=[])
    tech("grid_import", "Electricity from the Shandong grid (外购电)", "utilities", "import", "timeslice", "MW", "MWh",
         outputs={"electricity": 1.0},
         source=assume("imports from the provincial grid; emissions at the grid factor trajectory (drivers.csv)"),
         params=[P("residual_capacity", 5000, "MW", assume("500/220 kV interconnection capacity of the city ~5 GW")),
                 P("activity", B["import_"], "MWh/yr", assume("net-flow representation: the base year records the net export only (README D3)"), year=BASE)],
         investable=False)
    tech("grid_export", "Electricity to the Shandong grid (外送电)", "utilities", "export", "timeslice", "MW", "MWh",
         inputs={"electricity": 1.0},
         source=assume("Liaocheng is a net exporter (63 TWh generation in 2020, ~11% of Shandong); the export is a given trajectory"),
         params=[P("residual_capacity", 6000, "MW", assume("interconnection capacity ~6 GW")),
                 *traj("min_activity", EXPORT, "MWh/yr", assume(
                     "derived 2023 net export 18 TWh (README D3); held while the exporting units stand (provincial dispatch "
                     "keeps using them; the Xiangguang CHP adds capacity in 2027), then falls with the retirement of Zhonghua "
                     "(1.2 GW, 2033-34) and the county units to 12 TWh in 2035 and 10 TWh in 2040; fixed (min = max)")),
                 *traj("max_activity", EXPORT, "MWh/yr", assume("fixed trajectory, see min_activity")),
                 P("activity", EXPORT[BASE], "MWh/yr", assume("derived, README D3"), year=BASE)],
         investable=False)



def add_power_operations():
    """Adequacy and operating data of the power system (README §Power system; values in tools/policy.py).

    The grid's firm import (MW), must-run
    CHP in the heating season (share of available capacity, winter day) and the time-of-use price
    shape of the provincial market (technologies.csv price_profile = the 'tou' profile).
    """
    for t in TECHS:
        t.setdefault("price_profile", "")
    tech_by_code("grid_import")["params"].append(P("firm_capacity", policy.GRID_FIRM_MW, "MW", policy.GRID_FIRM_SRC))
    for code, (share, why) in policy.MUST_RUN_WINTER.items():
        tech_by_code(code)["params"].append(P("min_output", share, "1", assume(why), day="winter"))
    share, why = policy.MUST_RUN_CAPTIVE
    tech_by_code("coal_chp_captive")["params"].append(P("min_output", share, "1", assume(why)))
    tech_by_code("grid_import")["price_profile"] = "tou"
