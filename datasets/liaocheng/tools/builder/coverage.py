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

from .common import (
    BASE,
    HORIZON,
    NCV,
    B,
    P,
    assume,
    catalogue,
    catalogue_flow,
    catalogue_value,
    catalogue_version,
    tech,
    traj,
)

# ---- CCUS -------------------------------------------------------------------------------
STREAM_T_PER_T = 1.0  # t CO2 of high-purity stream available per t NH3, after urea synthesis
STREAM_SRC = assume(
    "high-purity CO2 from the Rectisol unit of coal-gasification ammonia ~2.0-2.3 t/t NH3, of which urea synthesis "
    "binds ~1.27 t/t where all ammonia goes to urea (Luxi makes urea, 1.95 Mt capacity): ~1.0 t/t left to store "
    "(range 0.7-1.5); the ammonia plant's process factor (3.646 t/t) still counts every tonne, stored or not")
CAPTURE_RATE = catalogue_value("ccus_coal_chemical", "capture_rate")  # 0.9 (0.85-0.95)
CCUS_SRC = assume(f"technology catalogue {catalogue_version()} (ccus_coal_chemical): the stream drawn per t stored is "
                  f"1 / the capture_rate {CAPTURE_RATE:g} (0.85-0.95)")
CCUS_CAPTURED = -1.0  # t CO2 per t captured and stored (activity = t stored)

# ---- UHV green electricity --------------------------------------------------------------
GREEN_FACTOR = catalogue_value("grid_import_green", "emission_factor")  # t CO2/MWh (0-0.15)
GREEN_FACTOR_SRC = assume(
    f"technology catalogue {catalogue_version()} (grid_import_green): UHV green-electricity contracts (外电入鲁: "
    f"陇东-山东, 鲁固, 昭沂 ±800 kV) bundle wind and PV with ~10% thermal firming at ~0.5 t/MWh: {GREEN_FACTOR:g} t "
    "CO2/MWh (range 0-0.15); green certificates would make it 0")
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
RETROFIT_SRC = assume(
    "retrofit of northern urban homes (北方采暖地区既有居住建筑节能改造), catalogue building_retrofit_north: walls, roofs "
    "and windows of pre-2010 homes, saving useful heat with no fuel")
URBAN_HEAT_BASE = 0.0  # set by add(): the base-year urban home heat (GJ useful), from the buildings' activities
RETROFIT_SHARE = {BASE: 0.0, 2025: 0.0, 2030: 0.05, 2035: 0.10, HORIZON: 0.15}


def ccus_flows() -> dict[str, float]:
    """Inputs per t CO2 stored beyond the catalogue class's (its compression electricity, taken by
    from_catalogue.take_flows): the stream drawn, 1 / the class's capture rate."""
    return {"co2_stream": round(1 / CAPTURE_RATE, 6)}


def add() -> None:
    """Register the coverage measures and the CO2 vent of the ammonia stream."""
    tech("ccus_ammonia", "CO2 capture and storage on the ammonia plant's high-purity stream (煤化工CCUS)",
         "chemicals", "conversion", "annual", "t/yr", "t", inputs=ccus_flows(), outputs={"co2_stored": 1.0},
         source=assume("option; Luxi Chemical's coal-gasification stream (no CCUS project announced in the city)"),
         flow_source=CCUS_SRC,
         params=[*catalogue("ccus_coal_chemical", "utilisation")])
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
         params=[*traj("residual_capacity", {BASE: 0, 2025: 0, 2026: 1000, HORIZON: 1000}, "MW", assume(
                     "the city's ~1 GW share of the UHV import capacity allotted to green contracts (range 0.5-2 GW)")),
                 *traj("max_activity", GREEN_LIMIT, "MWh/yr", GREEN_LIMIT_SRC),
                 P("activity", 0.0, "MWh/yr", assume("none in 2023"), year=BASE)])
    tech("smelter_flex", "Smelter load flexibility, virtual store of the pot lines (电解铝负荷调节)", "non_ferrous_metals",
         "storage", "timeslice", "MW", "MWh", inputs={"electricity": 1.0}, outputs={"electricity": 1.0},
         storage="electricity", source=FLEX_SRC,
         params=[P("max_capacity", FLEX_MW, "MW", FLEX_SRC)])
    diesel_t = catalogue_flow("freight_shift_rail", "diesel") * TKM_PER_VKM / NCV["diesel"]  # t per truck-km
    tech("freight_rail", "Freight shifted to electric rail (公转铁)", "rail_transport", "demand", "annual", "vkm/yr", "vkm",
         inputs={"electricity": round(catalogue_flow("freight_shift_rail", "electricity") * TKM_PER_VKM, 8),
                 "diesel": round(diesel_t, 8)},
         outputs={"hdt_vkm": 1.0}, source=RAIL_SRC,
         flow_source=assume(f"technology catalogue {catalogue_version()} (freight_shift_rail): electric traction and "
                            "10% diesel drayage per t-km x 18 t-km per truck-km; diesel at 42.652 GJ/t"),
         params=[*catalogue("freight_shift_rail", "lifetime"), *per_truck_km("freight_shift_rail", "capex"),
                 *per_truck_km("freight_shift_rail", "variable_cost"),
                 *traj("max_activity", {y: round(s * HDT_BASE_VKM) for y, s in RAIL_SHARE.items()}, "vkm/yr",
                       RAIL_SRC)])
    diesel_per_vkm = round(catalogue_flow("freight_shift_water", "diesel") * TKM_PER_VKM / NCV["diesel"], 8)
    tech("freight_water", "Freight shifted to inland water (公转水, 京杭运河)", "water_transport", "demand", "annual",
         "vkm/yr", "vkm", inputs={"diesel": diesel_per_vkm}, outputs={"hdt_vkm": 1.0}, source=WATER_SRC,
         flow_source=assume(f"technology catalogue {catalogue_version()} (freight_shift_water): barges per t-km x 18 "
                            "t-km per truck-km, diesel at 42.652 GJ/t"),
         params=[*catalogue("freight_shift_water", "lifetime"), *per_truck_km("freight_shift_water", "capex"),
                 *per_truck_km("freight_shift_water", "variable_cost"),
                 *traj("max_activity", {y: round(s * HDT_BASE_VKM) for y, s in WATER_SHARE.items()}, "vkm/yr",
                       WATER_SRC)])


def per_truck_km(code: str, parameter: str) -> list[dict]:
    """A catalogue freight-shift row per t-km, as a row per heavy-truck vehicle-km (x 18 t-km)."""
    units = {"CNY/(tkm/yr)": "CNY/(vkm/yr)", "CNY/tkm": "CNY/vkm"}
    rows = catalogue(code, parameter)
    for r in rows:
        r["value"] = round(r["value"] * TKM_PER_VKM, 6)
        r["unit"] = units[r["unit"]]
        r["source"] += f" (x {TKM_PER_VKM:g} t-km per truck-km: {SHIFT_SRC})"
    return rows


def add_retrofit(urban_heat_base: float) -> None:
    """Retrofits of urban homes: useful heat saved (GJ), up to a share of the base-year demand."""
    global URBAN_HEAT_BASE
    URBAN_HEAT_BASE = urban_heat_base
    tech("res_retrofit_urban", "Energy retrofit of urban homes (既有居住建筑节能改造)", "residential", "demand", "annual",
         "GJ/yr", "GJ", inputs={}, outputs={"res_heat_urban": 1.0}, fixed=True, source=RETROFIT_SRC,
         flow_source="identity: activity is the useful heat no longer needed",
         params=[*traj("max_activity", {y: round(s * urban_heat_base) for y, s in RETROFIT_SHARE.items()}, "GJ/yr",
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


# ---- the measure MACC (dataset.yaml measures; carbonpath run writes analysis/macc.csv) ----------
# Each measure deploys its option at the potential the dataset allows it (the limits above), on the
# least-cost baseline; the MACC gives each one's abatement and its cost per tonne (Shapley values over
# the 2^5 combinations, so that the five add up exactly to the gap).
CCUS_POTENTIAL = {BASE: 0.0, 2027: 0.0, 2028: 0.45e6, 2030: 0.8e6, HORIZON: 0.8e6}
CCUS_POTENTIAL_SRC = assume(
    "the first 0.5 Mt/yr train in 2028 at 90% load, then 0.8 Mt/yr stored from 2030: 90% capture of ~0.9 Mt of the "
    "1.0 Mt/yr stream (1.0 Mt NH3 x 1.0 t/t), leaving margin for ammonia output below the base year (range 0.5-0.9 Mt)")
FLEX_POTENTIAL = {BASE: 0.0, 2025: 0.0, 2026: 100.0, 2027: 200.0, 2028: 300.0, HORIZON: 300.0}
MEASURE_YEAR = 2030


def _rows(code, parameter, points, unit, source):
    return [dict(technology=code, parameter=parameter, year=y, value=float(v), unit=unit, source=source)
            for y, v in sorted(points.items())]


def measures_config() -> dict:
    """dataset.yaml ``measures``: each option forced to its potential on the baseline."""
    urban_heat_base = URBAN_HEAT_BASE
    rail = {y: round(s * HDT_BASE_VKM) for y, s in RAIL_SHARE.items()}
    water = {y: round(s * HDT_BASE_VKM) for y, s in WATER_SHARE.items()}
    retrofit = {y: round(s * urban_heat_base) for y, s in RETROFIT_SHARE.items()}
    return dict(base="baseline", year=MEASURE_YEAR, list=[
        dict(name="ccus_coal_chemical", source=CCUS_POTENTIAL_SRC,
             changes=dict(parameters=_rows("ccus_ammonia", "min_activity", CCUS_POTENTIAL, "t/yr", CCUS_POTENTIAL_SRC))),
        dict(name="uhv_green_import", source=GREEN_LIMIT_SRC,
             changes=dict(parameters=_rows("grid_import_green", "min_activity", GREEN_LIMIT, "MWh/yr", GREEN_LIMIT_SRC))),
        dict(name="smelter_flexibility", source=FLEX_SRC,
             changes=dict(parameters=_rows("smelter_flex", "min_capacity", FLEX_POTENTIAL, "MW", FLEX_SRC))),
        dict(name="freight_shift", source=f"{RAIL_SRC}; {WATER_SRC}",
             changes=dict(parameters=_rows("freight_rail", "min_activity", rail, "vkm/yr", RAIL_SRC)
                          + _rows("freight_water", "min_activity", water, "vkm/yr", WATER_SRC))),
        dict(name="building_retrofit", source=RETROFIT_SRC,
             changes=dict(parameters=_rows("res_retrofit_urban", "min_activity", retrofit, "GJ/yr", RETROFIT_SRC))),
    ])
