"""Industry: aluminium, copper, steel, chemicals, textiles, cement (annual)."""

from __future__ import annotations

from .common import (
    AMMONIA_COAL_T,
    BASE,
    H2_MWH_PER_T,
    B,
    G,
    P,
    S,
    assume,
    residual_linear,
    tech,
    traj,
)
from .coverage import STREAM_T_PER_T


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


SMELTER_RESIDUAL = {2023: 1.45e6, 2027: 1.45e6, 2040: 0.0}


def add() -> None:
    """Register the industrial technologies."""
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
        {"raw_coal": AMMONIA_COAL_T, "electricity": 1.1}, {"ammonia": 1.0, "co2_stream": STREAM_T_PER_T}, base=B["ammonia"], process="ammonia",
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
