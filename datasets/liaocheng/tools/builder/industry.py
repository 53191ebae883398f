"""Industry: aluminium, copper, steel, chemicals, textiles, cement (annual)."""

from __future__ import annotations

from .common import (
    AMMONIA_COAL_T,
    BASE,
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
def ind(code, name, sector, outputs, inputs=None, *, base=None, residual=None, vc=None, vc_src="", src="",
        flow_src="", investable=True, process="", extra=None, avail=0.9, uses=None):
    """An industrial route. Its lifetime and costs are its catalogue class's (from_catalogue.py), and
    so are the flows of an option (no ``inputs``); a standing plant gives its calibrated ``inputs``.
    ``vc``: a variable cost the class lacks."""
    params = [P("availability", avail, "1", assume("maintenance and load variation"))]
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
    """Register the industrial technologies (flows of the standing plants: calibrated, the city's own)."""
    ind("alumina_bayer", "Bayer alumina refining, existing (拜耳法氧化铝)", "non_ferrous_metals", {"alumina": 1.0},
        {"steam": 7.0, "raw_coal": 0.19, "electricity": 0.25}, base=B["alumina"],
        residual=flat_residual(6.8e6, "t/yr", assume("Xinfa Chiping refineries ~6.8 Mt/yr (Shandong ~21 Mt/yr output in 2023, NBS monthly data via cir.cn; Xinfa the second Shandong producer after Weiqiao); 5-8 Mt")),
        src=assume("6.0 Mt alumina in 2023 (range 4-8 Mt): Liaocheng output not published; ~28% of Shandong's ~21 Mt"),
        flow_src=assume("comprehensive energy ~0.38 tce/t (Chinese Bayer average 0.33-0.42): digestion steam 7.0 GJ/t from captive CHP, "
                        "calcination on producer gas from 0.19 t coal/t (~4.0 GJ), 250 kWh/t"),
        investable=False)
    ind("alumina_bayer_advanced", "Bayer alumina with heat integration and gas calciner (高效氧化铝)", "non_ferrous_metals",
        {"alumina": 1.0}, src=assume("efficiency upgrade route"))
    ind("al_smelter", "Primary aluminium smelting, existing prebake cells (电解铝)", "non_ferrous_metals",
        {"aluminium": 1.0}, {"alumina": 1.92, "electricity": 13.6}, base=B["al_primary"], process="primary_aluminium_prebake",
        residual=traj("residual_capacity", SMELTER_RESIDUAL, "t/yr", assume(
            "Xinfa's Shandong (Chiping) capacity after the 2017-18 closure of 530.5 kt (Aluminium Insider) ~1.45 Mt/yr: "
            "group 3.6 Mt minus ~1.9 Mt Xinjiang and Guangxi; 1.0-1.8 Mt. Lines built 2005-2012 reach 25-30 years from "
            "2028 and are rebuilt (or closed) linearly by 2040")),
        src=assume("1.30 Mt primary aluminium in 2023 (range 1.0-1.6): output not published; ~90% of the assumed 1.45 Mt capacity"),
        flow_src=assume("AC power 13,600 kWh/t incl. auxiliaries (Chinese average ~13,400-13,600; 'benchmark' 13,000); alumina 1.92 t/t"),
        investable=False)
    ind("al_smelter_efficient", "Primary aluminium, high-amperage energy-saving cells (节能电解槽)", "non_ferrous_metals",
        {"aluminium": 1.0}, process="primary_aluminium_prebake",
        src=assume("efficiency upgrade; total primary capacity may not exceed the existing permit (capacity swap)"),
        extra=traj("max_capacity", {y: 1.45e6 - v for y, v in SMELTER_RESIDUAL.items()}, "t/yr", assume(
            "national 45 Mt cap and capacity swap: rebuilt lines replace the retiring existing cells like for like, "
            "so existing + efficient stays at the permitted 1.45 Mt/yr (FORMAT-NOTES F8)")))
    ind("al_recycling", "Recycled aluminium from scrap (再生铝)", "non_ferrous_metals",
        {"aluminium": 1.0}, {"natural_gas": 3.5 / G, "electricity": 0.12}, base=B["al_recycled"],
        residual=flat_residual(0.35e6, "t/yr", assume("recycled-aluminium plants in the Xinfa park and Chiping ~0.35 Mt/yr")),
        src=assume("0.25 Mt recycled aluminium in 2023 (range 0.1-0.4); 15th FYP: 绿色循环铝产业基地"),
        flow_src=assume("remelting 3.5 GJ gas/t and 120 kWh/t"),
        extra=traj("max_activity", {2023: 0.25e6, 2030: 0.8e6, 2040: 1.5e6}, "t/yr", assume(
            "scrap availability: national old-scrap arisings grow ~8%/yr; Liaocheng's recycling base plan")))
    ind("al_processing", "Aluminium deep processing, gas-fired furnaces (铝材加工)", "non_ferrous_metals",
        {"aluminium_products": 1.0}, {"aluminium": 1.0, "natural_gas": 2.0 / G, "electricity": 0.5}, base=B["al_products"],
        residual=flat_residual(1.2e6, "t/yr", assume("sheet, strip, foil and extrusion capacity in Chiping/Dongchangfu ~1.2 Mt/yr")),
        src=assume("1.0 Mt aluminium semis in 2023 (range 0.6-1.4): not published"),
        flow_src=assume("melting/homogenising 2.0 GJ gas/t, rolling/extrusion 500 kWh/t; scrap loss ignored"))
    ind("al_processing_electric", "Aluminium deep processing, electric furnaces (电加热铝材加工)", "non_ferrous_metals",
        {"aluminium_products": 1.0}, src=assume("electrification option"))
    ind("cu_smelter_primary", "Primary copper smelting and refining (Xiangguang flash smelting)", "non_ferrous_metals",
        {"copper": 1.0}, {"natural_gas": 1.4 / G, "electricity": 1.0}, base=B["cu_primary"],
        residual=flat_residual(0.80e6, "t/yr", assume("Xiangguang refining capacity 0.6 Mt/yr after the 2011 expansion (mineweb 2011) plus later additions ~0.8 Mt")),
        src=assume("0.70 Mt cathode from concentrate in 2023 (range 0.5-0.9): Xiangguang output not published"),
        flow_src=assume("flash smelting is autogenous: ~1,000 kWh/t (oxygen, blowers, electro-refining ~350) + 1.4 GJ gas/t (anode furnace, drying)"))
    ind("cu_recycling", "Secondary copper from scrap (再生铜)", "non_ferrous_metals",
        {"copper": 1.0}, {"natural_gas": 3.2 / G, "electricity": 0.35}, base=B["cu_recycled"],
        residual=flat_residual(0.15e6, "t/yr", assume("scrap line 0.1 Mt (mineweb 2011) + later ~0.15 Mt")),
        vc=1200, vc_src=assume("refining margin of scrap over concentrate feed (metal value cancels): secondary copper "
                               "is competitive with the concentrate route in China; 800-3,000 CNY/t"),
        src=assume("0.10 Mt secondary copper in 2023 (the 0.1 Mt scrap line of 2011, mineweb): not published"), flow_src=assume("anode furnace on scrap 3.2 GJ/t + 350 kWh/t"),
        extra=traj("max_activity", {2023: 0.10e6, 2030: 0.30e6, 2040: 0.50e6}, "t/yr", assume("scrap availability")))
    ind("steel_pipe_mill", "Steel pipe mills, gas reheating (钢管: 热轧/冷拔)", "ferrous_metals",
        {"steel_pipe": 1.0}, {"steel_semis": 1.08, "natural_gas": 1.5 / G, "electricity": 0.15}, base=B["pipe"],
        residual=flat_residual(4.8e6, "t/yr", assume("53 规上 pipe makers producing ~4.2 Mt/yr; capacity ~4.8 Mt")),
        src=S["pipe_ldz"] + "; 2023 output taken equal to the reported ~4.2 Mt/yr",
        flow_src=assume("purchased billets (Liaocheng has no iron- or steel-making found; pipes are rolled/drawn from bought 管坯), "
                        "yield 0.93 t/t, reheating and heat treatment 1.5 GJ gas/t, 150 kWh/t"))
    ind("steel_pipe_mill_electric", "Steel pipe mills, induction heating (感应加热钢管)", "ferrous_metals",
        {"steel_pipe": 1.0}, src=assume("electrification option"))
    ind("steel_plate_line", "Steel plate and coated sheet lines (钢板: 冷轧/镀锌/彩涂)", "ferrous_metals",
        {"steel_plate": 1.0}, {"steel_semis": 1.05, "natural_gas": 1.0 / G, "electricity": 0.12}, base=B["plate"],
        residual=flat_residual(3.0e6, "t/yr", assume("cold-rolled, galvanised and colour-coated sheet cluster in Guanxian (冠县) ~3 Mt/yr")),
        src=assume("2.5 Mt in 2023 (range 1.5-5): not published; 15th FYP: 高端钢板生产基地"),
        flow_src=assume("annealing/galvanising 1.0 GJ gas/t, 120 kWh/t, yield 0.95"))
    ind("eaf_steel", "Scrap electric-arc furnace steel (电炉钢)", "ferrous_metals",
        {"steel_semis": 1.0}, process="eaf_steel",
        src=assume("no EAF found in Liaocheng in 2023; option for local billet supply"),
        extra=[P("max_capacity", 1.0e6, "t/yr", assume("steel-making capacity needs capacity swaps (产能置换): one 1 Mt/yr plant"))])
    ind("h2_dri_eaf", "Hydrogen direct reduction + EAF (氢冶金)", "ferrous_metals",
        {"steel_semis": 1.0}, process="eaf_steel",
        src=assume("hydrogen use in steel (15th FYP: 氢能); available from 2028"),
        extra=[P("max_capacity", 1.0e6, "t/yr", assume("steel-making capacity needs capacity swaps (产能置换): one 1 Mt/yr plant"))])
    ind("ammonia_coal", "Coal-gasification ammonia (煤制合成氨, Luxi)", "chemicals",
        {"ammonia": 1.0, "co2_stream": STREAM_T_PER_T}, {"raw_coal": AMMONIA_COAL_T, "electricity": 1.1},
        base=B["ammonia"], process="ammonia", uses={"raw_coal": "feedstock"}, investable=False,
        residual=flat_residual(1.2e6, "t/yr", assume("Luxi Chemical urea capacity 1.95 Mt (2011, company profile via multistage-pump.com) ~ 1.1-1.2 Mt NH3/yr")),
        vc=300, vc_src=assume("catalysts, water, labour; 200-500 CNY/t"),
        src=assume("1.0 Mt ammonia in 2023 (range 0.7-1.3): not published"),
        flow_src=assume("pulverised-coal gasification ammonia, comprehensive energy 1,450 kgce/t (between the 2021 benchmark 1,350 and "
                        "baseline 1,550 kgce/t of 发改产业〔2021〕1609号, recalled): 1.315 tce = 1.841 t raw coal (gasifier feedstock and "
                        "process fuel, all reported as feedstock: IPCC 2006 Vol.3 Eq. 3.1 counts the total fuel requirement in IPPU) "
                        "+ 1,100 kWh/t (ASU, compression); same fuel requirement as the factor table's ammonia coal_gasification row"))
    ind("ammonia_green", "Green ammonia from electrolytic hydrogen (绿氨)", "chemicals",
        {"ammonia": 1.0}, vc=150, vc_src=assume("100-300 CNY/t"), src=assume("green hydrogen use in chemicals"))
    ind("chem_process", "Other chemicals, existing (其他化工: 己内酰胺, 聚碳酸酯, 氯碱...)", "chemicals",
        {"chem_products": 1.0}, {"steam": 6.0, "electricity": 0.6, "natural_gas": 0.5 / G}, base=B["chem"],
        residual=flat_residual(4.5e6, "t/yr", assume("Luxi chemical park and the Liaocheng/Chiping/Shenxian parks ~4.5 Mt/yr")),
        src=assume("4.0 Mt of other chemical products in 2023 (range 2.5-6): not published"),
        flow_src=assume("steam 6.0 GJ/t, 600 kWh/t, 0.5 GJ gas/t (bulk-chemicals average)"))
    ind("chem_process_efficient", "Other chemicals with heat integration and MVR (化工节能改造)", "chemicals",
        {"chem_products": 1.0}, src=assume("efficiency upgrade"))
    ind("textile_mill", "Textiles, spinning, weaving and dyeing (纺织)", "textiles",
        {"textiles": 1.0}, {"electricity": 2.5, "steam": 5.0}, base=B["textiles"],
        residual=flat_residual(1.0e6, "t/yr", assume("cotton spinning and weaving in Gaotang, Linqing, Xiajin border; ~1.0 Mt/yr")),
        src=assume("0.8 Mt yarn-equivalent in 2023 (range 0.5-1.2): not published"),
        flow_src=assume("2,500 kWh/t yarn-eq., dyeing/finishing steam 5.0 GJ/t"))
    ind("textile_mill_efficient", "Textiles with efficient motors and heat-pump drying (纺织节能)", "textiles",
        {"textiles": 1.0}, src=assume("efficiency upgrade"))
    ind("clinker_kiln", "Clinker kiln (熟料)", "non_metallic_minerals",
        {"clinker": 1.0}, {"raw_coal": 0.11 / 0.7143, "electricity": 0.055}, base=B["clinker_local"], process="cement_clinker",
        residual=flat_residual(1.8e6, "t/yr", assume("one or two dry-process lines, ~1.8 Mt/yr")), investable=False,
        src=assume("1.5 Mt local clinker in 2023 (range 0-2.5): not published; the Liaocheng plain has little limestone, most cement is ground from bought clinker"),
        flow_src=assume("110 kgce/t clinker (GB 16780 average band), 55 kWh/t"))
    ind("cement_mill", "Cement grinding, clinker ratio 0.70 (水泥粉磨)", "non_metallic_minerals",
        {"cement": 1.0}, {"clinker": 0.70, "electricity": 0.035}, base=B["cement"],
        residual=flat_residual(8.0e6, "t/yr", assume("grinding capacity ~8 Mt/yr")),
        src=assume("6.0 Mt cement in 2023 (range 4-8): not published"),
        flow_src=assume("clinker ratio 0.70 (China average ~0.66-0.72), 35 kWh/t"))
    ind("cement_mill_lowclinker", "Cement grinding with clinker substitution, ratio 0.55 (熟料替代)", "non_metallic_minerals",
        {"cement": 1.0}, src=assume("clinker substitution"),
        extra=[P("max_capacity", 4.0e6, "t/yr", assume("slag and fly-ash supply and the cement standard (GB 175) limit "
                                                        "composite cement to about two thirds of output"))])
