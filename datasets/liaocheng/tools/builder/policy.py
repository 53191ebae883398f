"""Scenarios, plan targets and power-system operating data of the Liaocheng dataset.

Part of the ``builder`` package of ``build_dataset.py`` (the single generator); this module only returns data. Every value
carries a source or ``assumption: <reason>``; README.md §Scenarios, §Targets and §Power system
explain them.
"""

from __future__ import annotations

from . import coverage

A = "assumption: "

# --------------------------------------------------------------------------------------------
# Power system: adequacy, must-run CHP, the provincial market

RESERVE_MARGIN = 0.12
RESERVE_SRC = (A + "12% planning reserve over the city's own peak load (Chinese provincial planning uses 12-15%, "
               "range 8-18%); the city's peak is the highest load of its profiles and demands (the fixed export "
               "trajectory is a contract, not local load)")

# capacity credit: share of usable capacity counted as firm at the peak
# Capacity credits (share of usable MW firm at the peak) are the catalogue's (its Shandong rows for
# wind and PV): tools/builder/from_catalogue.py.
GRID_FIRM_MW = 2500
GRID_FIRM_SRC = (A + "half of the ~5 GW 500/220 kV interconnection is firm for the city at the provincial peak "
                 "(Shandong itself is short at the evening peak since 2022 and sheds to the 'orderly use' plan; "
                 "range 1.5-4 GW)")

MUST_RUN_WINTER = {
    "coal_chp_public": (0.5, "heating season (15 Nov-15 Mar): the public CHP units carry the district-heat base "
                             "load and run at >= 50% of available capacity (minimum stable load of heat-led units "
                             "40-60%; 以热定电)"),
}

# The captive CHP feeds the alumina digesters and the chemical park's steam all year: in 2023 it ran
# 5,230 h, ~66% of its available capacity (README D3), so it cannot follow the grid's price freely.
MUST_RUN_CAPTIVE = (0.6, "captive CHP feeding the alumina digesters and the chemical park's steam network all year: "
                         ">= 60% of available capacity in every timeslice (2023: 5,230 h, ~66% of available; range "
                         "50-70%); captive units may not sell to the grid freely (自备电厂 rules)")

# Shandong time-of-use shape (分时电价): since 2023 the valley sits at midday (solar surplus) and
# the peak in the evening. Multipliers of the flat delivered price; the mean over a day is ~1.0.
TOU_SRC = (A + "Shandong's time-of-use tariff for industry as recalled (鲁发改价格 notices 2023-24, unverified): "
           "peak 16-22 h and valley 10-15 h (midday, solar surplus) around a flat price; the energy part swings "
           "~+-50-70% but transmission and fund charges (~30% of the delivered 460 CNY/MWh) do not, so the delivered "
           "price is ~1.3x at the peak and ~0.7x in the valley (range 0.6-0.8), mean ~1.0; the city's purchases and sales on the provincial market are priced by the same shape")


def tou(hour: int) -> float:
    """Time-of-use multiplier of hour 0-23 (dimensionless; see TOU_SRC)."""
    if 16 <= hour <= 21:
        return 1.3
    if 10 <= hour <= 14:
        return 0.7
    return 1.0


# --------------------------------------------------------------------------------------------
# Scenario inputs

# 3.5 GW of wind started in 2025 (大众日报 2026-01-20). Formerly committed online 2026-27 (min_capacity
# 3.85 GW from 2027). Now only the latest dates are committed (0.7 GW/yr over 2026-30); the build
# limit still allows 1.8 GW/yr in 2026-27, so the model connects earlier where that pays. The
# scenario plan_wind_delayed caps the connection at 0.7 GW/yr (an uncertain input).
WIND_DELAYED = {2023: 0, 2025: 350, 2026: 1050, 2027: 1750, 2028: 2450, 2029: 3150, 2030: 3850, 2040: 3850}
WIND_DELAY_SRC = ("uncertain online dates: the 3.5 GW started in 2025 (大众日报 2026-01-20) connect at 0.7 GW/yr "
                  "over 2026-30 at the latest, instead of all by 2027 as committed before (grid connection queues, market "
                  "pricing from June 2025 under 发改价格〔2025〕136号); earlier where it pays (max_new_capacity 1.8 GW/yr "
                  "in 2026-27)")


# Heavy-industry growth as the 15th FYP proposal plans, with the pipeline of high-emitting projects
# (every scenario: the plan does not meet its targets by cutting output). Reasons without the
# "assumption: " prefix, which build_dataset.assume adds.
PIPELINE_SRC = ("15th FYP proposal (延伸铝铜精深加工; 精品钢管产业园; 千亿级绿色化工产业基地; 碳达峰如期实现面临较大压力) and the "
                "14.1 Mt reserve of emission offsets kept for new high-emitting (两高) projects (大众日报 2026-01-20); ")
INDUSTRY_GROWTH = {
    # commodity: (points, unit, reason)
    "chem_products": ({2023: 4.0e6, 2030: 6.8e6, 2035: 8.6e6, 2040: 9.6e6}, "t/yr",
                      "the chemical base grows +8%/yr to 2030 (千亿级 output needs ~2.5x the 2023 sales "
                      "value), +5%/yr and +2%/yr after; range +5 to +10%/yr"),
    "copper": ({2023: 8.0e5, 2030: 1.05e6, 2035: 1.2e6, 2040: 1.3e6}, "t/yr",
               "copper refining +4%/yr to 2030 (铜精深加工基地 draws new cathode capacity), +2.7%/yr and "
               "+1.6%/yr after; range +2 to +6%/yr"),
    "steel_pipe": ({2023: 4.2e6, 2030: 5.0e6, 2035: 5.4e6, 2040: 5.6e6}, "t/yr",
                   "steel pipe +2.5%/yr to 2030 (精品钢管产业园 adds mills), +1.5%/yr and +0.7%/yr after"),
    "aluminium": ({2023: 5.5e5, 2040: 5.5e5}, "t/yr",
                  "ingot sales held at 2023 rather than falling: smelting runs at its quota and the "
                  "deep-processing growth buys extra ingot (primary capacity is capped nationally, 45 Mt ceiling)"),
}


# BAU: the province keeps using the city's coal power. Policy scenarios follow Shandong's plan, in
# which UHV imports (外电入鲁) and provincial renewables displace the city's coal export after 2032
# (the dataset's export trajectory, 18 -> 12 -> 10 TWh). Without that policy the retiring Zhonghua
# units (1.2 GW, 2033-34) are replaced in kind under capacity replacement (等容量替代).
BAU_SRC = (A + "BAU without Shandong's carbon-peak policies: provincial dispatch keeps buying the city's coal power "
           "at the 2023 level (18 TWh/yr) to 2040, and the retiring Zhonghua units are replaced in kind by a second "
           "2x660 MW ultra-supercritical CHP in 2033 (capacity replacement, 等容量替代, as Xiangguang replaced "
           "closed units); with the policies the export falls after 2032 (the dataset's trajectory)")
BAU_USC = {2023: 0, 2026: 0, 2027: 1320, 2032: 1320, 2033: 2640, 2040: 2640}


def bau_parameter_rows() -> list[dict]:
    """parameters override rows of the BAU (MWh/yr, MW, MW/yr): the coal export held, Zhonghua replaced."""
    rows = []
    for prm in ("min_activity", "max_activity"):
        rows += [dict(technology="grid_export", parameter=prm, year=y, value=18.0e6, unit="MWh/yr", source=BAU_SRC)
                 for y in (2023, 2040)]
    for prm in ("min_capacity", "max_capacity"):
        rows += [dict(technology="coal_usc_chp_new", parameter=prm, year=y, value=v, unit="MW", source=BAU_SRC)
                 for y, v in sorted(BAU_USC.items())]
    new = {2024: 0, 2026: 0, 2027: 1320, 2028: 0, 2032: 0, 2033: 1320, 2034: 0, 2040: 0}
    rows += [dict(technology="coal_usc_chp_new", parameter="max_new_capacity", year=y, value=v, unit="MW/yr",
                  source=BAU_SRC) for y, v in sorted(new.items())]
    rows += [dict(technology="coal_usc_chp_new", parameter="max_activity", year=y, value=v, unit="MWh/yr",
                  source=BAU_SRC + "; design output 5,000 h per 1,320 MW")
             for y, v in ((2023, 6.6e6), (2032, 6.6e6), (2033, 13.2e6), (2040, 13.2e6))]
    return rows


WIND_SLOW = {2024: 100, 2025: 400, 2026: 700, 2030: 700, 2031: 300, 2040: 300}
WIND_SLOW_SRC = (A + "uncertain online dates: grid connection of the 3.5 GW started in 2025 (大众日报 2026-01-20) limited "
                 "to 0.7 GW/yr over 2026-30 (connection queues, turbine supply, market pricing from June 2025 under "
                 "发改价格〔2025〕136号), instead of the 1.8 GW/yr of 2026-27 allowed by default")


def wind_delayed_rows() -> list[dict]:
    """parameters override rows: the 2026-27 wind connected at most 0.7 GW/yr (MW/yr)."""
    return [dict(technology="wind_onshore", parameter="max_new_capacity", year=y, value=v, unit="MW/yr",
                 source=WIND_SLOW_SRC) for y, v in sorted(WIND_SLOW.items())]


def scenario_config() -> tuple[dict, dict]:
    """The ``scenarios`` and ``roles`` of dataset.yaml."""
    policy_targets = ["nonfossil_2030", "nev_sales"]
    plan_targets = ["peak", "peak_level", "post_peak", "intensity_2030", "total_2030", "coal_cap",
                    "energy_intensity_2030", "nonfossil_2030", "nonfossil_2035", "nev_sales"]
    scenarios = {
        "baseline": dict(
            description="least cost without targets on the same demands and wind as every scenario; the cost "
                        "reference",
            targets=[]),
        "bau": dict(
            description="business as usual: frozen technology (new capacity keeps the 2023 mix and efficiencies) on "
                        "the dataset's demands (the proposal's heavy industry and the high-emitting pipeline) and the "
                        "dataset's delayed 2026-27 wind",
            frozen=True, targets=[], parameters=bau_parameter_rows() + coverage.bau_rows()),
        "policy": dict(
            description="current policies: Shandong's 碳达峰实施方案 non-fossil share for 2030 and the NEV sales path, "
                        "least cost",
            targets=policy_targets),
        "plan": dict(
            extends="policy",
            description="the 15th FYP indicator set (peak by 2030 at a capped level, carbon and energy intensity, "
                        "total emissions, coal cap, non-fossil shares 2030/2035)",
            targets=plan_targets),
        "enhanced": dict(
            extends="plan",
            description="enhanced: 15% below the peak by 2035, 33% non-fossil, a tighter coal cap",
            target_values=dict(
                post_peak=dict(value=0.15, source=A + "enhanced: 15% below the 2023 peak by 2035, beyond the NDC's "
                               "7-10% (the city's coal power export falls after 2032)"),
                nonfossil_2035=dict(value=0.33, source=A + "enhanced: 33% non-fossil by 2035"),
                coal_cap=dict(value=22.0, source=A + "enhanced: coal consumption ~12% below 2023 by 2030")),
        ),
    }
    scenarios["plan_wind_delayed"] = dict(
        extends="plan", description="the plan with the 2026-27 wind connected at 0.7 GW/yr (an uncertain input)",
        parameters=wind_delayed_rows())
    roles = dict(bau="bau", cost_reference="baseline", plan="plan")
    return scenarios, roles


def plan_targets(e23: float, intensity_2020: float, coal23_mtce: float) -> list[dict]:
    """The targets of plan.yaml (Mt CO2, shares, Mtce); e23 the 2023 provincial-method CO2 (Mt)."""
    return [
        dict(name="peak", type="peak_year", year=2030, gas="CO2", status="commitment", method="provincial",
             source="15th FYP proposal §4 (生态底色更加鲜明): 碳达峰目标如期实现; 山东省碳达峰实施方案 鲁政字〔2022〕242号: 2030年前达峰"),
        dict(name="peak_level", type="cap", value=round(e23, 1), unit="Mt CO2", gas="CO2", status="assumption",
             method="provincial",
             source=(A + f"no year above the 2023 level (modelled 2023 provincial-method CO2 {e23:.1f} Mt): Shandong "
                     "admits new high-emitting (两高) projects only against emission offsets (碳排放减量替代; Liaocheng "
                     "keeps a 14.1 Mt reserve, 大众日报 2026-01-20), so new emitters replace, not add to, the city's "
                     "total; no level was published for Liaocheng (range: 2023 level to +5%)")),
        dict(name="post_peak", type="reduction", year=2035, relative_to=2023, value=0.10, gas="CO2",
             status="assumption", method="provincial",
             source=(A + "China's 2035 NDC (economy-wide net GHG 7-10% below peak levels by 2035; Xi Jinping, UN "
                     "Climate Summit 2025-09-24) at its upper bound for a coal-heavy city of a major emitting province "
                     "(range 7-10%), measured from the peak: the capped peak level is the 2023 level (peak_level), and "
                     "2023 is observed, so the rule rewards no decision (measured from a modelled year it rewards "
                     "raising that year: with 2030 as reference the plan raised 2030 by 1.5 Mt in a test run)")),
        dict(name="intensity_2030", type="emission_intensity", year=2030, relative_to=2020,
             reference=dict(value=round(intensity_2020, 3), unit="t CO2/万元"), value=0.34, gas="CO2",
             status="assumption", method="provincial",
             source=(A + "CO2 per GDP 34% below 2020 by 2030 = Shandong's -20.5% 2020-25 (鲁政字〔2022〕242号) "
                     "followed by -17% 2025-30 (the national 15th FYP rate as recalled, unverified; range 15-18%). "
                     "Measured from 2020 (a given reference) so that the target gives no reward for raising a "
                     "modelled year. The 2020 reference is derived: modelled 2023 intensity / 0.90 (README D7)")),
        dict(name="total_2030", type="emission_limits", values={2030: round(e23, 1), 2035: round(e23 * 0.90, 1)},
             unit="Mt CO2", gas="CO2", status="assumption", method="provincial",
             source=(A + "total-emissions control (碳排放总量控制, the 15th FYP's carbon dual control; 国办发〔2024〕39号 as "
                     "recalled, unverified) stated as levels: 2030 at the peak-level cap, 2035 at the post-peak "
                     "reduction. The city's allocation is not published")),
        dict(name="coal_cap", type="coal_cap", value=round(coal23_mtce, 1), unit="Mtce", years=[2030, 2035],
             status="assumption",
             source=(A + f"coal consumption (煤炭消费总量) no higher in 2030 and 2035 than in 2023 ({coal23_mtce:.1f} Mtce, "
                     "the inventory's raw coal); Shandong's coal control (鲁政字〔2022〕242号: strict control of coal "
                     "consumption, reduction-replacement for new users) applied to the city; range 0.9-1.05x")),
        dict(name="energy_intensity_2030", type="energy_intensity_adjusted", year=2030, relative_to=2025, value=0.13,
             status="assumption",
             source=(A + "energy per GDP 13% below 2025 by 2030, excluding feedstock use (原料用能, 发改环资〔2022〕803号) and "
                     "new renewables (发改运行〔2022〕1258号; numbers as recalled, unverified); Shandong's 14th FYP rate "
                     "was -14.5% (鲁政字〔2022〕242号); range 10-15%")),
        dict(name="nonfossil_2030", type="nonfossil_share", year=2030, value=0.20, status="commitment",
             source=("山东省碳达峰实施方案 鲁政字〔2022〕242号: non-fossil 20% of energy consumption by 2030 (a provincial "
                     "commitment; applying it to the city is the plan's reading); primary electricity by the "
                     "coal-consumption method (dataset.yaml)")),
        dict(name="nonfossil_2035", type="nonfossil_share", year=2035, value=0.30, status="assumption",
             source=(A + "China's 2035 NDC: non-fossil >30% of energy consumption (a national commitment, applied to "
                     "the city; range 25-32%); primary electricity by the coal-consumption method")),
        dict(name="nev_sales", type="min_share", group="car", members=["car_bev"], years=[2030, 2035, 2040],
             value=0.6, status="assumption",
             source=(A + "national NEV share of new car sales ~48% in 2024 and 'mainstream' by 2035 (2035 NDC); "
                     "60% of new cars from 2030")),
    ]
