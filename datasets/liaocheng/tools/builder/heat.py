"""Steam and district-heat supply (annual; MW-thermal capacity, GJ activity)."""

from __future__ import annotations

from .common import BASE, B, C, G, P, assume, residual_linear, tech, traj


# ----- steam and heat supply (annual; MW-thermal capacity, GJ activity) -------------------
def heat_tech(code, name, sector, output, inputs=None, *, base=None, residual_mw=None, res_src="", util=25200,
              src="", flow_src="", investable=True, load="", extra=None):
    """A heat plant. Lifetime and costs are its catalogue class's (from_catalogue.py), and so are
    the flows of an option (no ``inputs``); a standing plant gives its calibrated ``inputs``."""
    params = [P("utilisation", util, "GJ/MW/yr", assume(f"up to {util / 3.6:.0f} full-load hours per year"))]
    if residual_mw is not None:
        params += residual_mw if isinstance(residual_mw, list) else [P("residual_capacity", residual_mw, "MW", res_src)]
    if base is not None:
        params.append(P("activity", base, "GJ/yr", src, year=BASE))
    params += extra or []
    tech(code, name, sector, "conversion", "annual", "MW", "GJ", inputs=inputs, outputs={output: 1.0},
         investable=investable, source=src, flow_source=flow_src, params=params, load=load)




def add() -> None:
    """Register the steam and district-heat technologies."""
    heat_tech("steam_coal_boiler", "Industrial coal-fired steam boilers (燃煤工业锅炉/园区集中供汽)", "heat_supply", "steam",
              {"raw_coal": 1 / (0.82 * C), "electricity": 0.005}, base=B["steam_coal_boiler"],
              residual_mw=residual_linear(700, 15, "MW", assume("~0.7 GW-th of coal boilers >= 35 t/h; retire over 15 years (Shandong bans new small coal boilers)")),
              investable=False, src=assume("14 PJ steam from coal boilers in 2023 (closes the steam balance, README D4)"),
              flow_src=assume("boiler efficiency 82%, 5 kWh/GJ auxiliaries"))
    heat_tech("steam_gas_boiler", "Gas-fired steam boilers (燃气锅炉)", "heat_supply", "steam",
              {"natural_gas": 1 / (0.90 * G), "electricity": 0.004}, base=B["steam_gas_boiler"],
              residual_mw=residual_linear(350, 20, "MW", assume("~0.35 GW-th")),
              src=assume("4 PJ steam from gas boilers in 2023 (README D4)"), flow_src=assume("efficiency 90%"))
    heat_tech("steam_electric_boiler", "Electrode/electric steam boilers (电锅炉)", "heat_supply", "steam",
              src=assume("electrification option"))
    heat_tech("steam_heat_pump", "Industrial high-temperature heat pump / MVR steam (工业热泵)", "heat_supply", "steam",
              src=assume("electrification option"),
              extra=traj("max_activity", {2023: 0, 2025: 2e6, 2030: 8e6, 2040: 20e6}, "GJ/yr",
                         assume("only low-pressure steam with a waste-heat source: ~10% of steam demand by 2030, ~20% by 2040")))
    heat_tech("dh_coal_boiler", "District-heating coal boilers (燃煤热水锅炉)", "heat_supply", "district_heat",
              {"raw_coal": 1 / (0.82 * C), "electricity": 0.004}, base=B["dh_coal_boiler"],
              residual_mw=residual_linear(600, 12, "MW", assume("peak-load boilers ~0.6 GW-th, 1,000 full-load hours at most "
                                                                 "(utilisation 3,600 GJ/MW): they serve the coldest weeks")),
              util=3600, investable=False, src=assume("derived: closes the district-heat balance (README D4)"),
              flow_src=assume("efficiency 82%"))
    heat_tech("dh_heat_pump", "Large heat pumps for district heating (热泵集中供热)", "heat_supply", "district_heat",
              util=9000, load="load_heating",
              src=assume("electrification option (geothermal breakthrough 2025, 大众日报 2026-01-20)"))
