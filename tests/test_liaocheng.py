"""The bundled Liaocheng dataset: validation, provenance, calibration and plausibility.

Three solves (baseline, plan and the frozen BAU), the first two shared by module-scoped
fixtures. The published figures used for the plausibility checks are written here with their
sources (they are also in the dataset's README, section 6, with the reasoning behind each
tolerance).
"""

from __future__ import annotations

import pandas as pd
import pytest

import carbonpath as cp

NAME = "liaocheng"
BASE = 2023

# model sector -> inventory sector. The model reports each technology's emissions under its
# own sector (process CO2 included); the inventory reports process CO2 under
# industrial_processes by product and electricity trade under transfers.
PRODUCT_SECTOR = {
    "primary_aluminium_prebake": "non_ferrous_metals",
    "ammonia": "chemicals",
    "cement_clinker": "non_metallic_minerals",
    "eaf_steel": "ferrous_metals",
}
TRADE_SECTOR = "transfers"  # model rows with scope electricity_import / electricity_export

# published figures (README section 6)
SD_GDP_2023 = 92068.7  # 亿元, 2023年山东省国民经济和社会发展统计公报
SD_POP_2023 = 10122.97  # 万人, same bulletin
SD_ENERGY_2023 = 4.6e8  # tce, Shandong energy consumption ~4.6亿 tce (unverified estimate)
SD_CO2_PER_CAPITA = 9.0  # t, Shandong CO2 ~0.9-0.95 Gt over ~1.01e8 residents (estimate)
LC_POP_2023 = 585.93  # 万人, 2023年聊城市国民经济和社会发展统计公报
LC_GENERATION_2020 = 63.0e6  # MWh, >630亿千瓦时 in 2020 (聊城市能源发展十四五规划 press conference)
LC_RENEWABLES_2023 = 4200.0  # MW, >420万千瓦 (2024 government work report)
LC_GAS_2020 = 10.0e8  # m3, >10亿立方米 in 2020 (energy14)


@pytest.fixture(scope="module")
def dataset(liaocheng):
    """``cp.load_dataset(NAME)``: the session's read-only copy (tests/conftest.py)."""
    assert liaocheng.name == NAME
    return liaocheng


@pytest.fixture(scope="module")
def inventory(dataset):
    from carbonpath.accounting.inventory import dataset_rows_inventory

    energy = dataset.config["energy"]
    return dataset_rows_inventory(  # the dataset's rows, which say their model_region
        cp.read_activity(dataset.file("activity.csv"), region=dataset.region,
                         year=dataset.base_year), regions=True,
        production=cp.read_production(dataset.file("production.csv"), region=dataset.region,
                                      year=dataset.base_year),
        method=dataset.config["emissions"]["method"],
        primary_electricity=energy["primary_electricity"],
        coal_rate_basis=energy["coal_rate_basis"],
        region=dataset.region, year=dataset.base_year)


@pytest.fixture(scope="module")
def baseline_model(dataset):
    return cp.PathwayModel(dataset, "baseline")


@pytest.fixture(scope="module")
def baseline(baseline_model):
    return baseline_model.solve()


@pytest.fixture(scope="module")
def plan(dataset):
    return cp.PathwayModel(dataset, "plan").solve()


def test_validates_at_twelve_model_hours(dataset):
    assert dataset.base_year == BASE
    assert dataset.config["timeslices"]["hours"] == 24
    assert dataset.config["timeslices"]["model_hours"] == 12


def test_every_row_has_a_source_or_an_assumption(dataset):
    for name, frame in dataset.tables.items():
        if "source" not in frame:
            continue
        sources = frame["source"].fillna("").astype(str).str.strip()
        assert (sources != "").all(), f"{name}: rows without a source"
        assumed = sources[sources.str.lower().str.startswith("assumption")]
        assert (assumed.str.len() > len("assumption: ") + 5).all(), f"{name}: empty assumption"
    for target in dataset.targets.values():
        assert target["source"]
        assert target["status"] in ("commitment", "assumption")


def test_activity_uses_the_accounting_conventions(dataset):
    act = pd.read_csv(dataset.file("activity.csv"))
    carriers = act["fuel"].isin(["electricity", "heat", "hydrogen"])
    assert set(act.loc[~carriers, "use"]) <= {"combustion", "feedstock"}
    assert set(act.loc[carriers, "use"]) <= {"consumption", "generation", "import", "export"}
    trade = act["use"].isin(["import", "export"])
    assert (act.loc[trade, "sector"] == "transfers").all()
    gen = act[act["use"] == "generation"]
    assert set(gen["sector"]) <= {"thermal_power", "heat_supply", "solar_power", "wind_power"}
    fuels = act[~carriers]
    assert set(fuels.loc[fuels["use"] == "feedstock", "sector"]) == {"chemicals"}
    prod = pd.read_csv(dataset.file("production.csv")).fillna("")
    assert set(prod["product"]) <= set(PRODUCT_SECTOR)
    assert prod.loc[prod["product"] == "ammonia", "technology"].tolist() == ["coal_gasification"]


def test_inventory_uses_the_coal_route_ammonia_factor(inventory):
    process = inventory.emissions[(inventory.emissions["category"] == "process")
                                  & (inventory.emissions["gas"] == "CO2")]
    ammonia = process[process["product"] == "ammonia"]
    factor = cp.process_factors("ammonia", "CN-SD-Liaocheng", BASE,
                                technology="coal_gasification")["CO2"]
    assert factor.technology == "coal_gasification"
    assert ammonia["value"].sum() == pytest.approx(1.0e6 * factor.value.magnitude, rel=1e-6)


def _model_by_sector(pathway) -> pd.Series:
    em = pathway.emissions
    em = em[(em["year"] == BASE) & (em["gas"] == "CO2")]
    sector = em["sector"].where(~em["scope"].str.startswith("electricity"), TRADE_SECTOR)
    return em.groupby(sector)["value"].sum() * 1e3  # kt -> t


def _inventory_by_sector(inventory) -> pd.Series:
    em = inventory.emissions
    em = em[em["in_total"] & (em["gas"] == "CO2")]
    sector = em["sector"].astype(str).where(em["category"] != "process",
                                            em["product"].astype(str).map(PRODUCT_SECTOR))
    assert sector.notna().all()
    return em.groupby(sector.to_numpy())["value"].sum()


def test_base_year_calibration_total_and_by_sector(baseline, inventory):
    model = _model_by_sector(baseline)
    inv = _inventory_by_sector(inventory)
    total = float(inventory.total().to("t CO2").magnitude)
    assert baseline.emissions_in(BASE) * 1e3 == pytest.approx(total, rel=0.02)
    assert model.sum() == pytest.approx(total, rel=0.02)
    assert set(model.index) == set(inv.index)
    for sector in inv.index:
        assert model[sector] == pytest.approx(inv[sector], rel=0.02, abs=1.0), sector


def test_base_year_calibration_by_region(dataset, baseline, inventory):
    # the activity rows of the captive network's technologies carry model_region captive, so
    # the inventory by region equals the model's regional emissions in the base year (else the
    # run warns for every scenario and region)
    from carbonpath.accounting.regional import dataset_inventory_by_region

    by_region = dataset_inventory_by_region(dataset, inventory).set_index("region")["total"]
    table = baseline.tables["emissions_region"]
    rows = table[(table["kind"] == "region") & (table["year"] == BASE)].set_index("region")
    assert set(rows.index) == {"city", "captive"}
    for region in rows.index:
        assert rows.loc[region, "value"] * 1e3 == pytest.approx(by_region[region], rel=0.02), region
    assert by_region["captive"] > 0.3 * by_region["total"]  # the park is a large share of the city


def test_base_year_energy_matches_the_inventory(baseline, inventory):
    energy = baseline.energy.set_index("year").loc[BASE]
    assert energy["total"] * 1e3 == pytest.approx(
        float(inventory.energy_total("tce").magnitude), rel=0.02)


def test_plausibility_against_published_figures(dataset, baseline, inventory):
    gdp = dataset.tables["drivers"]
    gdp = float(gdp[(gdp["driver"] == "gdp") & (gdp["year"] == BASE)]["value"].iloc[0])  # 亿元
    energy = float(inventory.energy_total("tce").magnitude)
    co2 = float(inventory.total().to("t CO2").magnitude)
    # energy per GDP: 1.2-3x Shandong's (alumina, aluminium and captive power in a city of
    # 3.1% of Shandong's GDP)
    ratio = (energy / gdp) / (SD_ENERGY_2023 / SD_GDP_2023)
    assert 1.2 < ratio < 3.0
    # CO2 per capita: 0.8-2x Shandong's (heavy industry, net power exporter)
    per_capita = co2 / (LC_POP_2023 * 1e4)
    assert 0.8 * SD_CO2_PER_CAPITA < per_capita < 2.0 * SD_CO2_PER_CAPITA
    # electricity balance: base-year balance closes; generation within 15% of the 2020 level
    # (one balance per region since the captive network is a region: the tie's flow arrives as
    # production in the receiving region, so it is taken out of the sum)
    bal = baseline.balances
    el = bal[(bal["commodity"] == "electricity") & (bal["year"] == BASE)]
    assert (el["surplus"].abs() < 1e-6 * el["production"]).all()
    act = baseline.activity
    tie = act[act["technology"].isin(["captive_tie", "captive_tie~back"]) & (act["year"] == BASE)]
    generation = el["production"].sum() - tie["value"].sum()  # GWh
    assert generation * 1e3 == pytest.approx(LC_GENERATION_2020, rel=0.15)
    # renewable capacity: at least the published >4.2 GW
    cap = baseline.capacity
    ren = cap[(cap["year"] == BASE) & cap["technology"].isin(
        ["pv_utility", "pv_rooftop", "wind_onshore", "biomass_chp"])]["total"].sum() * 1e3
    assert LC_RENEWABLES_2023 <= ren <= 1.1 * LC_RENEWABLES_2023
    # natural gas: above the >1.0 bcm of 2020, by less than 60% (coal-to-gas since)
    act = pd.read_csv(dataset.file("activity.csv"))
    gas = act[act["fuel"] == "natural_gas"]["value"].sum() * 1e4  # 万立方米 -> m3
    assert LC_GAS_2020 < gas < 1.6 * LC_GAS_2020


def test_every_investable_technology_has_a_build_limit_every_year(dataset, baseline):
    cap = baseline.capacity
    params = dataset.tables["parameters"]
    techs = dataset.tables["technologies"]
    for code in techs.loc[techs["investable"].astype(bool), "technology"]:
        rows = params[(params["technology"] == code) & (params["parameter"] == "max_new_capacity")]
        years = {int(y) for y in rows["year"].dropna()}
        assert rows["year"].isna().any() or (min(years) <= BASE + 1 and max(years) >= 2040), code
    assert not cap.empty


def test_baseline_has_no_unexplained_jumps(baseline):
    e = baseline.emissions_total.set_index("year")["value"]
    change = e.pct_change().dropna()
    # the only steps above 3% a year are 2026-27 (3.5 GW of committed wind and the committed
    # Xiangguang CHP coming online, README section 8)
    assert set(change[change.abs() > 0.03].index) <= {2026, 2027}
    assert (change.abs() < 0.06).all()


def test_plan_peaks_by_2030_and_meets_its_targets(dataset, plan, baseline):
    # Issue 17 replaced the 2025 intensity target (a year already past, with a reference derived
    # from the model) by the 15th FYP indicator set: no year above the 2023 level (peak_level),
    # 2035 at least 10% below the 2023 peak (post_peak, NDC upper bound), non-fossil shares 20%
    # (2030) and 30% (2035). The binding year is now 2035, not 2025.
    assert plan.peak_year <= 2030
    e = plan.emissions_total.set_index("year")["value"]
    assert (e.loc[2031:].diff().dropna() <= 1e-6).all()
    # 2024-25 are observed years (first_decision_year 2026): history, which no target binds;
    # 2025 sits above 2023 because the export credit shrinks with the grid factor
    assert dataset.first_decision_year == 2026
    assert (e.loc[2026:] <= e.loc[BASE] + 1e-6).all()
    assert e.loc[2035] <= 0.90 * e.loc[BASE] + 1e-6
    energy = plan.energy.set_index("year")
    assert energy.loc[2030, "share"] >= 0.20 - 1e-9
    assert energy.loc[2035, "share"] >= 0.30 - 1e-9
    assert plan.objective >= baseline.objective - 1e-6
    prices = plan.marginal_cost.set_index("year")["value"]
    assert prices.loc[2035] > 0  # the 2035 total-emissions / post-peak level binds
    assert prices.abs().max() < 2000  # CNY/t: within the range of published abatement costs


def test_bau_keeps_rising_after_2030(dataset):
    # issue 17: the frozen-technology BAU, without Shandong's policies (coal export held at
    # 18 TWh, Zhonghua replaced in kind), keeps rising after 2030 with the industry growth
    bau = cp.PathwayModel(dataset, "bau").solve()
    e = bau.emissions_total.set_index("year")["value"]
    assert e.loc[2031:].max() > e.loc[2030]
    assert e.idxmax() > 2030
    # no scenario retires coal early: no min_retirement_age row is declared
    assert (bau.retirement["retired"].abs() < 1e-9).all()
    # the BAU takes none of the 15th FYP measures (README §Coverage)
    act = bau.tables["activity"]
    measures = act[act["technology"].isin(["ccus_ammonia", "grid_import_green", "freight_rail",
                                           "freight_water", "res_retrofit_urban"])]
    assert (measures["value"].abs() < 1e-9).all()


def test_no_early_retirement_and_winter_must_run(dataset, plan):
    params = dataset.tables["parameters"]
    assert not (params["parameter"] == "min_retirement_age").any()
    assert (plan.retirement["retired"].abs() < 1e-9).all()
    must = params[(params["parameter"] == "min_output")
                  & (params["technology"] == "coal_chp_public")]
    assert must["day"].tolist() == ["winter"]


def test_observed_years_hold_the_published_new_energy_growth(dataset, baseline):
    # issue 17 §Base year: 2024-25 are observed (first_decision_year 2026). Their stock is a
    # reconstruction pinned to the one published figure: new-energy (wind + PV) capacity +15.1 %
    # in 2025 (大众日报 2026-01-20), the same rate assumed for 2024. 2023: 3.6 GW PV + 0.35 GW wind.
    assert dataset.first_decision_year == 2026
    cap = baseline.tables["capacity"]
    new_energy = cap[cap["technology"].isin(["pv_utility", "pv_rooftop", "wind_onshore"])]
    total = new_energy.groupby("year")["total"].sum()  # GW
    assert total.loc[2023] == pytest.approx(3.6 + 0.35, rel=1e-9)
    assert total.loc[2024] == pytest.approx(3.95 * 1.151, rel=1e-3)
    assert total.loc[2025] == pytest.approx(3.95 * 1.151 ** 2, rel=1e-3)
    # no vintage in an observed year: the 2024-25 stock stands as residual capacity
    observed = cap[cap["year"].isin([2024, 2025])]
    assert (observed["new"].abs() < 1e-12).all()


def test_captive_plants_are_a_region_behind_a_limited_tie(dataset, plan):
    # issue 17 §3: the captive coal units and the smelters and refineries they serve form the
    # region 'captive'; only the 4 GW tie (README §Power system) joins them to the public grid
    techs = dataset.tables["technologies"]
    region = techs.set_index("technology")["region"].fillna("")
    captive = {"coal_chp_captive", "al_smelter", "al_smelter_efficient", "alumina_bayer",
               "alumina_bayer_advanced", "smelter_flex"}
    assert set(region[region == "captive"].index) == captive
    links = dataset.tables["links"].set_index("link")
    assert links.loc["captive_tie", "commodity"] == "electricity"
    tie = plan.tables["dispatch"]
    tie = tie[tie["technology"].isin(["captive_tie", "captive_tie~back"])]
    assert tie["value"].max() <= 4.0 + 1e-6  # GW, in every timeslice of every year
    assert tie["value"].max() >= 4.0 - 1e-6  # and the limit binds somewhere


def test_coverage_measures_carry_their_own_factors(baseline_model):
    # issue 17 §4: CCUS stores one tonne per unit of activity (emissions.csv -1 t/t) and draws
    # 1/0.9 t of the ammonia plant's stream (catalogue capture rate 0.9); the ammonia plant
    # keeps its full process factor (IPCC Eq. 3.1 coal route, 3.646 t/t, factor tables); green
    # UHV electricity counts 0.05 t/MWh instead of the grid factor (0.641 t/MWh in 2023)
    data = baseline_model.data
    ccus, ammonia = data.techs["ccus_ammonia"], data.techs["ammonia_coal"]
    green, grid = data.techs["grid_import_green"], data.techs["grid_import"]
    assert ccus.target_factor == pytest.approx([-1.0] * len(data.years))  # kt/kt
    assert ccus.inputs["co2_stream@city"] == pytest.approx(1 / 0.9, rel=1e-6)  # balances by region
    assert ammonia.outputs["co2_stream@city"] == pytest.approx(1.0)
    assert float(ammonia.target_factor[0]) == pytest.approx(3.646, rel=1e-3)
    assert green.target_factor == pytest.approx([0.05] * len(data.years))  # kt/GWh = t/MWh
    assert float(grid.target_factor[0]) == pytest.approx(0.641)


def test_reference_table_is_sourced_and_loaded(dataset):
    # issue 18: published statistics for the report's base-year check (README §6); the one
    # base-year figure is >4.2 GW of renewables in 2023 (2024 government work report)
    ref = dataset.tables["reference"]
    assert set(ref["quantity"]) == {"renewable_capacity", "generation", "capacity"}
    assert ref["source"].str.len().min() > 20
    row = ref[ref["quantity"] == "renewable_capacity"].iloc[0]
    assert (int(row["year"]), float(row["value"]), row["unit"]) == (2023, 4200.0, "MW")
