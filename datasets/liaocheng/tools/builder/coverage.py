"""Coverage measures the model can choose (issue 17 §4), with costs and sources.

* CCUS on the coal-chemical CO2 stream: the ammonia plant's high-purity CO2 (``co2_stream``)
  is captured, compressed and stored (catalogue ``ccus_coal_chemical``) or vented
  (``co2_vent``); a captured tonne is a negative emission of the capture plant
  (``emissions.csv``), on top of the ammonia plant's process CO2, which is counted in full.
* Green electricity over the UHV lines (外电入鲁): a second import of electricity with its own
  emission factor (``emissions.csv``), its own price and a yearly limit.
* Smelter load flexibility: the captive network's pot lines shift part of their load within a
  day, a virtual store of electricity in the region ``captive``.
* Freight shift to rail and inland water: heavy-truck freight (``hdt_vkm``) carried by
  electric rail or barges (catalogue ``rail_electric``, ``water_inland_diesel``; one truck
  vehicle-km = 18 tonne-km), within yearly limits of rail sidings and canal navigation.
* Building retrofits: insulation of urban homes serves part of ``res_heat_urban`` with no fuel.

Every value is an assumption or a catalogue row; ``uncertainty.csv`` gives the new ones ranges.
"""

from __future__ import annotations

from .common import BASE, HORIZON, NCV, B, P, assume, catalogue, tech, traj

# ---- CCUS -------------------------------------------------------------------------------
STREAM_T_PER_T = 1.0  # t CO2 of high-purity stream available per t NH3, after urea synthesis
STREAM_SRC = assume(
    "high-purity CO2 from the Rectisol unit of coal-gasification ammonia ~2.0-2.3 t/t NH3, of which urea synthesis "
    "binds ~1.27 t/t where all ammonia goes to urea (Luxi makes urea, 1.95 Mt capacity): ~1.0 t/t left to store "
    "(range 0.7-1.5); the ammonia plant's process factor (3.646 t/t) still counts every tonne, stored or not")
CAPTURE_RATE = 0.9  # catalogue ccus_coal_chemical capture_rate (0.85-0.95)
CCUS_SRC = ("technology catalogue 0.1.0 (ccus_coal_chemical): capture_rate 0.9 of the stream (0.85-0.95); "
            "electricity 0.12 MWh/t for compression to ~15 MPa (0.10-0.15)")
CCUS_CAPTURED = -1.0  # t CO2 per t captured and stored (activity = t stored)

# ---- UHV green electricity --------------------------------------------------------------
GREEN_FACTOR = 0.05  # t CO2/MWh
GREEN_FACTOR_SRC = assume(
    "UHV green-electricity contracts (外电入鲁: 陇东-山东, 鲁固, 昭沂 ±800 kV) bundle wind and PV with ~10% thermal "
    "firming at ~0.5 t/MWh: 0.05 t CO2/MWh (range 0-0.15); green certificates would make it 0")
GREEN_LIMIT = {BASE: 0.0, 2025: 0.0, 2026: 1.0e6, 2030: 4.0e6, 2035: 7.0e6, HORIZON: 8.0e6}
GREEN_LIMIT_SRC = assume(
    "the city's share of Shandong's UHV green imports: Shandong plans ~1/3 of its power from outside the province "
    "with a rising renewable share (山东省能源发展十四五规划: imports 20% of consumption by 2025); the city's ~6% of "
    "Shandong's use gives 1 TWh (2026) -> 4 TWh (2030) -> 8 TWh (2040) of green contracts (range x0.5-x1.5)")

# ---- smelter flexibility ----------------------------------------------------------------
FLEX_MW = 300.0
FLEX_SRC = assume(
    "pot lines modulate +-15% of their ~2 GW load for up to 4 h (Chinese demand-response trials of aluminium "
    "smelters, e.g. 电解铝负荷调节 in Xinjiang and Yunnan, 10-20%; EnPot-type shell heat exchangers); recovering "
    "the energy within the day costs ~2% (pot heat balance)")

# ---- freight shift ----------------------------------------------------------------------
TKM_PER_VKM = 18.0  # tonne-km per heavy-truck vehicle-km (30 t payload x 60% loaded running)
SHIFT_SRC = assume("one heavy-truck vehicle-km = 18 t-km (49 t trucks: ~30 t payload, ~60% of the distance loaded)")
HDT_BASE_VKM = 45000 * 50000.0  # 45,000 heavy trucks x 50,000 km (transport.py)
RAIL_SHARE = {BASE: 0.0, 2025: 0.0, 2030: 0.05, 2035: 0.09, HORIZON: 0.12}
RAIL_SRC = assume(
    "rail sidings into the parks (Jingjiu and Handan-Jinan lines through the city; 公转铁 policy of the 2018-20 and "
    "15th FYP freight plans): at most 5% of the base-year heavy-truck freight by 2030, 12% by 2040 (range x0.5-x1.5)")
WATER_SHARE = {BASE: 0.0, 2030: 0.0, 2035: 0.02, HORIZON: 0.04}
WATER_SRC = assume(
    "inland water via the Grand Canal (京杭运河 north of the Yellow River is not open to freight through Liaocheng; "
    "聊城港 planned): none before 2031, then up to 4% of the base-year heavy-truck freight by 2040")

# ---- building retrofits -----------------------------------------------------------------
RETROFIT_CAPEX = 2000  # CNY per GJ/yr of useful heat saved
RETROFIT_SRC = assume(
    "retrofit of northern urban homes (北方采暖地区既有居住建筑节能改造): ~250 CNY/m2 (200-300) for walls, roofs and "
    "windows, saving ~0.12 GJ of useful heat per m2 and year (0.30 -> 0.18 GJ/m2): ~2,000 CNY per GJ/yr saved "
    "(range 1,400-3,000)")
URBAN_HEAT_BASE = 0.0  # set by add(): the base-year urban home heat (GJ useful), from the buildings' activities
RETROFIT_SHARE = {BASE: 0.0, 2025: 0.0, 2030: 0.05, 2035: 0.10, HORIZON: 0.15}


def ccus_flows() -> dict[str, float]:
    """Inputs per t CO2 stored: the stream (1 / capture rate) and the compression electricity."""
    return {"co2_stream": round(1 / CAPTURE_RATE, 6), "electricity": 0.12}


def add() -> None:
    """Register the coverage measures and the CO2 vent of the ammonia stream."""
    tech("ccus_ammonia", "CO2 capture and storage on the ammonia plant's high-purity stream (煤化工CCUS)",
         "chemicals", "conversion", "annual", "t/yr", "t", inputs=ccus_flows(), outputs={"co2_stored": 1.0},
         source=assume("option; Luxi Chemical's coal-gasification stream (no CCUS project announced in the city)"),
         flow_source=CCUS_SRC,
         params=[*catalogue("ccus_coal_chemical", "lifetime"), *catalogue("ccus_coal_chemical", "capex"),
                 *catalogue("ccus_coal_chemical", "fixed_om"), *catalogue("ccus_coal_chemical", "variable_cost"),
                 *catalogue("ccus_coal_chemical", "utilisation")])
    tech("co2_vent", "CO2 of the ammonia stream released (排空)", "chemicals", "export", "annual", "t/yr", "t",
         inputs={"co2_stream": 1.0}, investable=False,
         source=assume("the stream not captured is released; its CO2 is already in the ammonia plant's process factor"),
         params=[P("lifetime", 50, "yr", assume("a stack, not a plant")),
                 P("residual_capacity", 5.0e6, "t/yr", assume("not binding: 5x the stream")),
                 P("activity", B["ammonia"] * STREAM_T_PER_T, "t/yr", assume(
                     "derived: the base-year stream (1.0 Mt NH3 x 1.0 t/t), all released (no CCUS in 2023)"), year=BASE)])
    tech("co2_storage_site", "CO2 sent to storage or EOR outside the city (封存/驱油)", "chemicals", "export", "annual",
         "t/yr", "t", inputs={"co2_stored": 1.0}, investable=False,
         source=assume("pipeline to Shengli oilfield EOR or saline storage; its cost is in the capture plant's "
                       "variable cost (catalogue: transport and storage 80-200 CNY/t)"),
         params=[P("lifetime", 50, "yr", assume("a sink, not a plant")),
                 P("residual_capacity", 5.0e6, "t/yr", assume("not binding")),
                 P("activity", 0.0, "t/yr", assume("none in 2023"), year=BASE)])
    tech("grid_import_green", "Green electricity over the UHV lines (外电入鲁绿电)", "utilities", "import", "timeslice",
         "MW", "MWh", outputs={"electricity": 1.0}, investable=False,
         source=assume("a low-carbon import contract, an option from 2026; its factor is in emissions.csv"),
         params=[P("lifetime", 50, "yr", assume("interconnection")),
                 *traj("residual_capacity", {BASE: 0, 2025: 0, 2026: 1000, HORIZON: 1000}, "MW", assume(
                     "the city's ~1 GW share of the UHV import capacity allotted to green contracts (range 0.5-2 GW)")),
                 P("variable_cost", 430, "CNY/MWh", assume(
                     "Shandong green-electricity trades ~0.40-0.45 CNY/kWh delivered (energy + green premium + UHV and "
                     "provincial transmission), below the 460 CNY/MWh of grid supply at peak prices (range 380-500)")),
                 *traj("max_activity", GREEN_LIMIT, "MWh/yr", GREEN_LIMIT_SRC),
                 P("activity", 0.0, "MWh/yr", assume("none in 2023"), year=BASE)])
    tech("smelter_flex", "Smelter load flexibility, virtual store of the pot lines (电解铝负荷调节)", "non_ferrous_metals",
         "storage", "timeslice", "MW", "MWh", inputs={"electricity": 1.0}, outputs={"electricity": 1.0},
         storage="electricity", source=FLEX_SRC,
         params=[P("lifetime", 15, "yr", assume("control systems and shell heat exchangers")),
                 P("capex", 300, "CNY/kW", assume("pot-line controls and heat exchangers 150-500 CNY per kW modulated")),
                 P("fixed_om", 6, "CNY/kW/yr", assume("2% of capex")),
                 P("charge_efficiency", 0.99, "1", FLEX_SRC), P("discharge_efficiency", 0.99, "1", FLEX_SRC),
                 P("max_duration", 4, "hour", FLEX_SRC),
                 P("max_capacity", FLEX_MW, "MW", FLEX_SRC)])
    diesel_t = 2.69e-4  # t diesel per heavy-truck vkm (transport.py)
    tech("freight_rail", "Freight shifted to electric rail (公转铁)", "rail_transport", "demand", "annual", "vkm/yr", "vkm",
         inputs={"electricity": round(2e-05 * TKM_PER_VKM, 8), "diesel": round(0.1 * diesel_t, 8)},
         outputs={"hdt_vkm": 1.0}, source=RAIL_SRC,
         flow_source=assume("catalogue rail_electric 20 kWh per 1,000 t-km x 18 t-km per truck-km; 10% of the distance "
                            "by diesel truck to and from the sidings (drayage)"),
         params=[*catalogue("rail_electric", "lifetime"),
                 P("capex", round(0.3 * TKM_PER_VKM + 4.0, 2), "CNY/(vkm/yr)", assume(
                     "rolling stock (catalogue rail_electric 0.3 CNY per t-km/yr x 18) plus sidings and terminals "
                     "~4 CNY per vkm/yr (range 2-8)")),
                 P("variable_cost", round(0.08 * TKM_PER_VKM, 2), "CNY/vkm", assume(
                     "rail tariff excluding energy and transshipment ~0.08 CNY/t-km (0.05-0.12) x 18")),
                 *traj("max_activity", {y: round(s * HDT_BASE_VKM) for y, s in RAIL_SHARE.items()}, "vkm/yr",
                       RAIL_SRC)])
    diesel_per_vkm = round(0.00012 * TKM_PER_VKM / NCV["diesel"], 8)
    tech("freight_water", "Freight shifted to inland water (公转水, 京杭运河)", "water_transport", "demand", "annual",
         "vkm/yr", "vkm", inputs={"diesel": diesel_per_vkm}, outputs={"hdt_vkm": 1.0}, source=WATER_SRC,
         flow_source=assume("catalogue water_inland_diesel 120 kJ/t-km x 18 t-km per truck-km, diesel at 42.652 GJ/t"),
         params=[*catalogue("water_inland_diesel", "lifetime"),
                 P("capex", round(0.05 * TKM_PER_VKM + 6.0, 2), "CNY/(vkm/yr)", assume(
                     "barges (catalogue water_inland_diesel 0.05 CNY per t-km/yr x 18) plus port and lock share "
                     "~6 CNY per vkm/yr (range 3-12)")),
                 P("variable_cost", round(0.05 * TKM_PER_VKM, 2), "CNY/vkm", assume(
                     "barge freight excluding fuel and transshipment ~0.05 CNY/t-km x 18")),
                 *traj("max_activity", {y: round(s * HDT_BASE_VKM) for y, s in WATER_SHARE.items()}, "vkm/yr",
                       WATER_SRC)])


def add_retrofit(urban_heat_base: float) -> None:
    """Retrofits of urban homes: useful heat saved (GJ), up to a share of the base-year demand."""
    tech("res_retrofit_urban", "Energy retrofit of urban homes (既有居住建筑节能改造)", "residential", "demand", "annual",
         "GJ/yr", "GJ", inputs={}, outputs={"res_heat_urban": 1.0}, fixed=True, source=RETROFIT_SRC,
         flow_source="identity: activity is the useful heat no longer needed",
         params=[P("lifetime", 30, "yr", assume("building envelope")),
                 P("capex", RETROFIT_CAPEX, "CNY/(GJ/yr)", RETROFIT_SRC),
                 *traj("max_activity", {y: round(s * urban_heat_base) for y, s in RETROFIT_SHARE.items()}, "GJ/yr",
                       assume("at most 5% of the base-year urban home heat saved by 2030, 15% by 2040 (about a third "
                              "of the pre-2010 stock retrofitted)"))])


def emission_rows() -> list[dict]:
    """emissions.csv: the capture plant's stored CO2 and the green import's factor."""
    return [
        dict(technology="ccus_ammonia", gas="CO2", basis="activity", commodity="", year="", value=CCUS_CAPTURED,
             unit="t CO2/t", source=assume("one tonne stored per unit of activity (activity = t CO2 stored); the "
                                           "ammonia plant's process CO2 is counted in full")),
        dict(technology="grid_import_green", gas="CO2", basis="activity", commodity="", year="", value=GREEN_FACTOR,
             unit="t CO2/MWh", source=GREEN_FACTOR_SRC),
    ]


EMISSION_FIELDS = ["technology", "gas", "basis", "commodity", "year", "value", "unit", "source"]
MEASURES = ("ccus_ammonia", "grid_import_green", "smelter_flex", "freight_rail", "freight_water", "res_retrofit_urban")


def bau_rows() -> list[dict]:
    """BAU overrides: none of the measures (frozen technology without the 15th FYP measures)."""
    src = assume("BAU: frozen technology without the 15th FYP measures (no CCUS, green contracts, smelter "
                 "flexibility, freight shift or retrofits)")
    rows = []
    for code in MEASURES:
        if code == "grid_import_green":
            rows += [dict(technology=code, parameter="max_activity", year=y, value=0.0, unit="MWh/yr", source=src)
                     for y in (BASE, HORIZON)]
        else:
            unit = {"ccus_ammonia": "t/yr", "smelter_flex": "MW", "res_retrofit_urban": "GJ/yr"}.get(code, "vkm/yr")
            rows += [dict(technology=code, parameter="max_capacity", year=y, value=0.0, unit=unit, source=src)
                     for y in (BASE, HORIZON)]
    return rows
