"""Steam and district-heat supply (annual; MW-thermal capacity, GJ activity)."""

from __future__ import annotations

from .common import BASE, B, C, G, P, assume, residual_linear, tech, traj


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




def add() -> None:
    """Register the steam and district-heat technologies."""
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
