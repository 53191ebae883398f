"""Catalogue rows (version 0.3.0): processing lines and efficiency retrofits of industry.

Called by ``build_catalogue.py`` (which passes its row writers in, so that this module keeps
the rows of version 0.3.0 in one readable place without an import circle). Issue 16: the
Liaocheng dataset's last technologies without a catalogue class, written as generic classes
any city with these industries can take:

* efficiency retrofits of routes already in the catalogue (Bayer alumina, prebake smelters,
  cement grinding with less clinker);
* a bulk-chemicals park (organic intermediates and chlor-alkali) and its heat integration;
* downstream lines that turn a bought or local material into a product (aluminium rolling and
  extrusion, steel pipe mills, cold-rolled and coated sheet lines), with gas or electric heat;
* a spinning-and-weaving textile mill (little wet processing) and its efficient variant.

Every value is an assumption with its reasoning or a recalled published figure marked
unverified; each has a low-high range for the uncertainty analysis.
"""

from __future__ import annotations

A = "assumption: "
RECALLED = "recalled, not read in a retrieved copy"


def add(route, i, P) -> None:
    """Write the rows with ``build_catalogue``'s ``route``, flow-tuple ``i`` and ``P`` writers."""
    # --- efficiency retrofits of existing routes ---------------------------------------
    route("alumina_bayer_efficient", "Bayer alumina with heat integration and a gas suspension calciner",
          "高效拜耳法氧化铝(热集成+气态悬浮焙烧)", "alumina",
          {"heat": i(5.6, "GJ/t", A + "digestion and evaporation steam ~30% below the generic refinery's 8 GJ/t "
                     "with multi-effect or MVR evaporation and heat recovery (savings 20-40%)", 4.8, 6.5),
           "natural_gas": i(3.0, "GJ/t", A + "gas suspension calciner 2.8-3.3 GJ/t alumina", 2.8, 3.3),
           "electricity": i(0.30, "MWh/t", A + "the generic 250 kWh/t + ~50 kWh/t for MVR compressors and "
                            "pumps (0.25-0.35)", 0.25, 0.35)},
          1000, 600, 1500, 25,
          capex_src=A + "retrofit of evaporation, heat recovery and calcination 600-1,500 CNY per t/yr of alumina")
    P("alumina_bayer_efficient", "variable_cost", 1300, "CNY/t", A + "bauxite and caustic soda as the generic "
      f"refinery (alumina_bayer: ~2.3 t bauxite and ~0.13 t caustic soda per t, {RECALLED}): 1,000-1,600",
      low=1000, high=1600)
    route("al_smelter_highamp", "Primary aluminium, high-amperage energy-saving prebake cells (500-600 kA)",
          "电解铝(大型节能预焙槽)", "aluminium",
          {"electricity": i(12.8, "MWh/t", A + "AC 12,300-13,200 kWh/t Al for new 500-600 kA cells against "
                            "~13,500 for the Chinese average (the 2021 benchmark of 发改产业〔2021〕1609号 is "
                            f"13,000 kWh/t, {RECALLED})", 12.3, 13.2),
           "alumina": i(1.92, "t/t", A + "stoichiometric 1.89 + losses, as prebake cells", 1.9, 1.95)},
          6000, 4000, 10000, 30, process="primary_aluminium_prebake", ptech="cwpb",
          capex_src=A + "cell-line rebuild within a capacity swap (产能置换) 4,000-10,000 CNY per t/yr")
    P("al_smelter_highamp", "variable_cost", 2000, "CNY/t", A + "carbon anodes as prebake cells "
      f"(al_smelter_prebake: ~0.45 t/t x ~4,500 CNY/t, {RECALLED}; alumina is a flow): 1,500-2,800",
      low=1500, high=2800)
    # other chemicals as a park of bulk organic intermediates and chlor-alkali (caprolactam,
    # polycarbonate, caustic soda ...): the generic chemicals_other without the gas these parks burn
    route("chemicals_bulk_mix", "Other chemicals: bulk organic intermediates and chlor-alkali park",
          "其他化工(有机中间体+氯碱园区)", "chemicals",
          {"heat": i(6.0, "GJ/t", A + "process steam 3-10 GJ/t (as chemicals_other)", 3, 10),
           "electricity": i(0.6, "MWh/t", A + "0.6 MWh/t with electrolysis for chlor-alkali in the mix (0.3-1.2)", 0.3, 1.2),
           "natural_gas": i(0.5, "GJ/t", A + "drying, flares and small furnaces 0-1.5 GJ/t", 0.0, 1.5)},
          5000, 2000, 10000, 25, capex_src=A + "2,000-10,000 CNY per t/yr (wide product mix, as chemicals_other)")
    route("chemicals_bulk_mix_efficient", "Other chemicals (bulk mix) with heat integration and MVR",
          "其他化工(有机中间体+氯碱, 热集成+MVR节能)", "chemicals",
          {"heat": i(4.5, "GJ/t", A + "steam 25% below chemicals_bulk_mix's 6 GJ/t by pinch heat integration and MVR "
                     "evaporation (savings 15-35%)", 3.9, 5.1),
           "electricity": i(0.65, "MWh/t", A + "chemicals_bulk_mix's 0.6 MWh/t + ~50 kWh/t for MVR compressors "
                            "(+20-100 kWh/t)", 0.62, 0.70),
           "natural_gas": i(0.5, "GJ/t", A + "as chemicals_bulk_mix (drying and flares are not what heat integration "
                            "saves)", 0.0, 1.5)},
          5600, 2600, 10600, 25,
          capex_src=A + "chemicals_bulk_mix 5,000 (2,000-10,000) + heat recovery and MVR ~600 CNY per t/yr (300-1,000)")
    route("cement_grinding_lowclinker", "Cement grinding with clinker substitution (clinker ratio 0.55)",
          "水泥粉磨(熟料替代, 熟料系数0.55)", "cement",
          {"clinker": i(0.55, "t/t", A + "clinker ratio 0.55 with slag, fly ash, limestone or calcined clay "
                        "(0.50-0.62; GB 175 composite cements)", 0.50, 0.62),
           "electricity": i(0.045, "MWh/t", A + "the generic 40 kWh/t + ~5 for the finer grinding of slag "
                            "(40-55 kWh/t)", 0.040, 0.055)},
          300, 200, 450, 30,
          capex_src=A + "grinding line with separate slag grinding 200-450 CNY per t/yr")
    P("cement_grinding_lowclinker", "variable_cost", 25, "CNY/t", A + "supplementary materials bought and their "
      "drying, net of the clinker saved elsewhere (clinker is a flow): 10-40 CNY/t", low=10, high=40)

    # --- downstream processing lines -------------------------------------------------------
    route("al_rolling_gas", "Aluminium rolling and extrusion, gas-fired melting and homogenising",
          "铝材加工(轧制/挤压, 燃气炉)", "aluminium_semis",
          {"aluminium": i(1.0, "t/t", A + "metal in = semis out; process scrap (5-25%) is remelted in the line", 1.0, 1.05),
           "natural_gas": i(2.0, "GJ/t", A + "melting, holding and homogenising furnaces 1.5-3.0 GJ/t", 1.5, 3.0),
           "electricity": i(0.5, "MWh/t", A + "rolling mills, presses and annealing 300-800 kWh/t", 0.3, 0.8)},
          2500, 2000, 4000, 25, capex_src=A + "rolling or extrusion lines 2,000-4,000 CNY per t/yr")
    route("al_rolling_electric", "Aluminium rolling and extrusion, electric (induction) melting",
          "铝材加工(轧制/挤压, 电加热)", "aluminium_semis",
          {"aluminium": i(1.0, "t/t", A + "as al_rolling_gas", 1.0, 1.05),
           "electricity": i(1.15, "MWh/t", A + "induction or resistance melting ~650 kWh/t (500-800) + "
                            "processing 500 kWh/t as al_rolling_gas: 0.9-1.4 MWh/t", 0.9, 1.4)},
          2800, 2200, 4500, 25, capex_src=A + "al_rolling_gas + electric furnaces: 2,200-4,500 CNY per t/yr")
    route("steel_pipe_gas", "Steel pipe mill on bought semis, gas reheating (hot-rolled and cold-drawn)",
          "钢管(外购管坯, 燃气加热)", "steel_pipe",
          {"steel": i(1.08, "t/t", A + "yield ~0.93 (0.90-0.95) from round billets (管坯)", 1.05, 1.12),
           "natural_gas": i(1.5, "GJ/t", A + "reheating and heat-treatment furnaces 1.0-2.2 GJ/t", 1.0, 2.2),
           "electricity": i(0.15, "MWh/t", A + "piercing, rolling and drawing 100-250 kWh/t", 0.10, 0.25)},
          1500, 1000, 2500, 25, capex_src=A + "seamless or cold-drawn pipe lines 1,000-2,500 CNY per t/yr")
    route("steel_pipe_induction", "Steel pipe mill on bought semis, induction reheating",
          "钢管(外购管坯, 感应加热)", "steel_pipe",
          {"steel": i(1.08, "t/t", A + "as steel_pipe_gas", 1.05, 1.12),
           "electricity": i(0.55, "MWh/t", A + "induction reheating ~400 kWh/t (350-500) + 150 kWh/t as "
                            "steel_pipe_gas: 0.45-0.70 MWh/t", 0.45, 0.70)},
          1800, 1200, 2800, 25, capex_src=A + "steel_pipe_gas + induction heaters: 1,200-2,800 CNY per t/yr")
    route("steel_sheet_line", "Cold-rolled, galvanised and colour-coated sheet line on bought coil",
          "冷轧/镀锌/彩涂板(外购热卷)", "steel_sheet",
          {"steel": i(1.05, "t/t", A + "yield ~0.95 (0.93-0.97) from hot-rolled coil", 1.03, 1.08),
           "natural_gas": i(1.0, "GJ/t", A + "annealing, galvanising and paint-curing furnaces 0.7-1.5 GJ/t", 0.7, 1.5),
           "electricity": i(0.12, "MWh/t", A + "cold mill and line drives 80-180 kWh/t", 0.08, 0.18)},
          1200, 800, 2000, 25, capex_src=A + "cold-rolling and coating lines 800-2,000 CNY per t/yr")

    # --- textiles: spinning and weaving (yarn-equivalent, little wet processing) -----------
    route("textile_spinning", "Textiles: cotton spinning and weaving, little wet processing (yarn-equivalent)",
          "纺纱织造(少印染)", "textiles",
          {"electricity": i(2.5, "MWh/t", A + "spinning and weaving 1.8-3.5 MWh/t yarn-equivalent", 1.8, 3.5),
           "heat": i(5.0, "GJ/t", A + "sizing, humidification and some dyeing 3-8 GJ/t (textile_mill, with "
                     "full dyeing and finishing, 10-30)", 3.0, 8.0)},
          12000, 8000, 20000, 20, capex_src=A + "spinning and weaving lines 8,000-20,000 CNY per t/yr (as textile_mill)")
    route("textile_spinning_efficient", "Textiles: spinning and weaving with efficient drives and heat-pump drying",
          "纺纱织造(节能电机+热泵烘干)", "textiles",
          {"electricity": i(2.2, "MWh/t", A + "~12% below textile_spinning with efficient motors, drives, "
                            "compressed air and humidification (8-15%): 1.6-3.1", 1.6, 3.1),
           "heat": i(3.5, "GJ/t", A + "~30% below textile_spinning with heat-pump drying and condensate and "
                     "waste-heat recovery (20-40%): 2.0-5.6", 2.0, 5.6)},
          13500, 9000, 22000, 20,
          capex_src=A + "textile_spinning + 1,500 CNY per t/yr (1,000-2,500) for drives, heat pumps and recovery")
