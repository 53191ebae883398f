"""Other industry, construction, buildings and agriculture (annual service devices)."""

from __future__ import annotations

from .common import BASE, NCV, B, C, G, P, assume, residual_linear, tech, traj

# ----- other industry, construction, buildings, agriculture (annual; service techs) -------
IDENTITY_HEADROOM = 2.2  # identity devices: stock = 2.2 x base-year use, above every projected demand


def svc_tech(code, name, sector, inputs, service, *, base=None, life=None, retire_life=15, src="", flow_src="",
             investable=True, load="", cap_unit="GJ/yr", act_unit="GJ", extra=None, identity=False,
             headroom=IDENTITY_HEADROOM, stays_below="the projected demand stays below it"):
    """A service device. ``identity``: the only way to serve its service (electricity uses,
    construction machinery): no investment, a stock that never binds. Other devices of homes,
    services and farms run at fixed utilisation: the stock serves until it retires (over
    ``retire_life`` years, the city's stock), and new devices replace it (stock turnover), so that
    no fuel switch happens faster than the stock turns. Lifetime and costs are the catalogue
    class's (from_catalogue.py), and so are the flows of an option (``inputs`` None); ``life``
    only for a device without a class."""
    params = [] if life is None else [P("lifetime", life, "yr", assume("typical device life"))]
    if identity:
        investable = False
        params.append(P("residual_capacity", base * headroom, cap_unit, assume(
            f"identity device, the only way to serve '{service}': a stock of {headroom} x the base-year use "
            f"never binds ({stays_below}), so no investment is modelled")))
        params.append(P("activity", base, f"{act_unit}/yr", src, year=BASE))
    elif base is not None:
        res_src = assume(f"base-year stock equal to the base-year activity, retiring linearly over {retire_life} years")
        params += residual_linear(base, retire_life, cap_unit, res_src)
        params.append(P("activity", base, f"{act_unit}/yr", src, year=BASE))
    params += extra or []
    fixed = sector in ("residential", "other_services", "agriculture") and not identity
    tech(code, name, sector, "demand", "annual", cap_unit, act_unit, inputs=inputs, outputs={service: 1.0},
         investable=investable, source=src, flow_source=flow_src, params=params, load=load, fixed=fixed)



def add() -> None:
    """Register the service devices of other industry, buildings and farms."""
    svc_tech("oi_heat_coal", "Other industry: direct coal furnaces and boilers", "other_manufacturing",
             {"raw_coal": 1 / (0.75 * C)}, "other_ind_heat", base=B["oi_heat_coal_useful"], investable=False,
             src=assume("1.0 Mt coal in other industry (paper, food, building materials other than cement, machinery) 2023"),
             flow_src=assume("efficiency 75%"))
    svc_tech("oi_heat_gas", "Other industry: gas furnaces and boilers", "other_manufacturing",
             {"natural_gas": 1 / (0.88 * G)}, "other_ind_heat", base=B["oi_heat_gas_useful"],
             src=assume("1.5亿 m3 gas in other industry 2023"), flow_src=assume("efficiency 88%"))
    svc_tech("oi_heat_steam", "Other industry: heat from the steam network", "other_manufacturing",
             {"steam": 1.1}, "other_ind_heat", base=B["oi_heat_steam_useful"],
             src=assume("10 PJ steam to other industry (Tranlin paper in Gaotang, food, pharmaceuticals) 2023"),
             flow_src=assume("10% distribution and exchange loss"))
    svc_tech("oi_heat_pump", "Other industry: heat pumps for process heat < 100 C", "other_manufacturing",
             None, "other_ind_heat", src=assume("electrification option"),
             extra=traj("max_activity", {2023: 0, 2030: 8e6, 2040: 14e6}, "GJ/yr", assume("low-temperature share of other-industry heat ~45%")))
    svc_tech("oi_power", "Other industry: motors, drives and electric processes", "other_manufacturing",
             {"electricity": 1.0}, "other_ind_power", base=6.5e6, cap_unit="MWh/yr", act_unit="MWh",
             retire_life=25,
             src=assume("6.5 TWh in 2023: other manufacturing, bearings, auto parts, food, paper, pharma, mining, water supply "
                        "(residual of the assumed 全社会用电量, README D3)"),
             identity=True, flow_src="identity: 1 MWh per MWh of service")
    svc_tech("construction_diesel", "Construction machinery (diesel)", "construction",
             {"diesel": 1 / NCV["diesel"]}, "construction_energy", base=0.10e6 * NCV["diesel"], src=assume("0.10 Mt diesel in construction 2023 (~2% of Shandong construction diesel scaled by population)"),
             identity=True, flow_src="identity on diesel energy (GB/T 2589 NCV)")
    svc_tech("res_heat_dh", "Urban homes on district heat (城镇集中供热)", "residential",
             {"district_heat": 1.08}, "res_heat_urban", base=15.5e6, retire_life=30,
             src=assume("15.5 PJ useful (16.7 PJ district heat) to homes 2023: ~48 M m2 heated area x 0.35 GJ/m2 (not published)"),
             flow_src=assume("8% network loss"))
    svc_tech("res_heat_gas_urban", "Urban homes, gas wall boilers (燃气壁挂炉)", "residential",
             {"natural_gas": 1 / (0.90 * G)}, "res_heat_urban", base=3.0e6,
             src=assume("3.0 PJ useful 2023"), flow_src=assume("efficiency 90%"))
    svc_tech("res_heat_hp_urban", "Urban homes, air-source heat pumps (空气源热泵)", "residential",
             {"electricity": 1 / (2.5 * 3.6)}, "res_heat_urban", base=0.5e6, load="load_heating",
             src=assume("0.5 PJ useful 2023"), flow_src=assume("seasonal COP 2.5"))
    svc_tech("res_heat_coal_rural", "Rural homes, coal stoves (散煤取暖)", "residential",
             {"raw_coal": 1 / (0.60 * C)}, "res_heat_rural", base=5.5e6, retire_life=8, investable=False,
             src=assume("5.5 PJ useful = 25% of rural heat (~22 PJ: ~0.9 M rural households x ~25 GJ) still on coal in 2023 after the 2+26-city clean-heating campaign; ~0.44 Mt coal"),
             flow_src=assume("stove efficiency 60%"))
    svc_tech("res_heat_gas_rural", "Rural homes, gas heating (气代煤)", "residential",
             {"natural_gas": 1 / (0.88 * G)}, "res_heat_rural", base=6.0e6,
             src=assume("27% of rural heat 2023 (gas-for-coal conversions)"), flow_src=assume("efficiency 88%"))
    svc_tech("res_heat_hp_rural", "Rural homes, air-source heat pumps / electric (电代煤)", "residential",
             {"electricity": 1 / (2.3 * 3.6)}, "res_heat_rural", base=6.0e6, load="load_heating",
             src=assume("27% of rural heat 2023 (electricity-for-coal conversions)"),
             flow_src=assume("seasonal COP 2.3"))
    svc_tech("res_heat_biomass_rural", "Rural homes, biomass stoves and pellets (生物质取暖)", "residential",
             {"solid_biomass": 1 / (0.60 * NCV["solid_biomass"])}, "res_heat_rural", base=4.5e6,
             src=assume("20% of rural heat 2023"),
             flow_src=assume("efficiency 60%"))
    svc_tech("res_cook_gas", "Cooking and hot water, natural gas", "residential",
             {"natural_gas": 1 / (0.55 * G)}, "res_cooking", base=3.5e6, src=assume("3.5 PJ useful 2023 (~1.2 M gas-connected households x ~150 m3/yr)"), flow_src=assume("efficiency 55%"))
    svc_tech("res_cook_lpg", "Cooking, LPG", "residential",
             {"lpg": 1 / (0.55 * NCV["lpg"])}, "res_cooking", base=2.5e6, src=assume("2.5 PJ useful 2023 (~0.09 Mt LPG)"), flow_src=assume("efficiency 55%"))
    svc_tech("res_cook_elec", "Cooking and hot water, electric (induction, heat-pump water heaters)", "residential",
             {"electricity": 1 / (0.90 * 3.6)}, "res_cooking", base=3.0e6, load="load_residential", src=assume("3.0 PJ useful 2023"), flow_src=assume("efficiency 90%"))
    svc_tech("res_elec", "Residential appliances, lighting, cooling", "residential",
             {"electricity": 1.0}, "res_power", base=3.81e6, load="load_residential", cap_unit="MWh/yr", act_unit="MWh",
             retire_life=25,
             src=assume("585.93万 residents x 650 kWh/capita (Shandong household use ~700-800 kWh/capita incl. heating/cooking)"),
             identity=True, flow_src="identity")
    svc_tech("svc_heat_dh", "Services on district heat", "other_services",
             {"district_heat": 1.08}, "svc_heat", base=6.5e6, retire_life=30, src=assume("7.0 PJ district heat to services 2023"), flow_src=assume("8% network loss"))
    svc_tech("svc_heat_gas", "Services, gas boilers", "other_services",
             {"natural_gas": 1 / (0.90 * G)}, "svc_heat", base=2.5e6, src=assume("2.5 PJ useful 2023"), flow_src=assume("efficiency 90%"))
    svc_tech("svc_heat_hp", "Services, heat pumps", "other_services",
             {"electricity": 1 / (2.8 * 3.6)}, "svc_heat", base=1.0e6, load="load_heating", src=assume("1.0 PJ useful 2023"), flow_src=assume("seasonal COP 2.8"))
    svc_tech("svc_elec", "Services electricity (commerce, public services, data)", "other_services",
             {"electricity": 1.0}, "svc_power", base=3.5e6, load="load_services", cap_unit="MWh/yr", act_unit="MWh",
             retire_life=25,
             src=assume("3.5 TWh 2023 (tertiary sector ~7-8% of 全社会用电量 in Shandong cities)"), identity=True, flow_src="identity",
             headroom=2.5, stays_below="the projected demand, 6.86 TWh in 2040, stays below it also at the top of "
             "uncertainty.csv's x1.15 range, 7.89 TWh")
    svc_tech("agri_diesel", "Farm machinery, diesel (农机柴油)", "agriculture",
             {"diesel": 1 / NCV["diesel"]}, "agri_mech", base=0.15e6 * NCV["diesel"], retire_life=12,
             src=assume("0.15 Mt diesel 2023: ~1.0 M ha sown area x ~150 kg/ha"), flow_src="identity on diesel energy")
    svc_tech("agri_electric", "Farm machinery, electric (电动农机)", "agriculture",
             None, "agri_mech", src=assume("electrification option"),
             extra=traj("max_activity", {2023: 0, 2030: 1.0e6, 2040: 3.0e6}, "GJ/yr", assume("market readiness of electric farm machinery")))
    svc_tech("agri_elec", "Agricultural electricity (irrigation, facilities)", "agriculture",
             {"electricity": 1.0}, "agri_power", base=0.8e6, load="load_agri", cap_unit="MWh/yr", act_unit="MWh",
             retire_life=25,
             src=assume("0.8 TWh 2023 (primary-sector use ~1.5-2% of city use; facility agriculture)"), identity=True, flow_src="identity")
    svc_tech("grid_losses", "Grid losses and utility own use (线损及其他自用)", "utilities",
             {"electricity": 1.0}, "grid_service", base=1.8e6, cap_unit="MWh/yr", act_unit="MWh",
             life=15, retire_life=100,
             src=assume("~4% of local consumption (Shandong line-loss rate ~4-5%)"), identity=True, flow_src="identity")
