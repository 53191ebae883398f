"""carbonpath init writes the dataset format as it stands: reserves, operating limits, ranges.

The sample balance becomes a dataset that ``carbonpath run`` and ``carbonpath montecarlo``
take with no hand edits. Expected values are read from the catalogue's own CSV (an
independent path from the init code that copies them) or computed by hand here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.cli import app
from carbonpath.factors import bundled_factors
from carbonpath.init import init_dataset
from carbonpath.sweeps.store import read_store
from tests.init_sample import ROOT, SAMPLE, SAMPLES


@pytest.fixture(scope="module")
def city(sample_init):
    """``init_dataset(SAMPLES / "energy_balance_sample.csv", **SAMPLE)``, loaded; the init
    output is the session's read-only one (tests/conftest.py)."""
    return cp.load_dataset(sample_init.folder)


def test_init_run_montecarlo_with_no_hand_edits(city, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["run", str(city.path), "--out", str(tmp_path / "run"),
                              "--sensitivity", "0"])
    assert res.exit_code == 0, res.output
    store = tmp_path / "mc"
    res = runner.invoke(app, ["montecarlo", str(city.path), "--samples", "4", "--workers", "1",
                              "--out", str(store), "--scenario", "baseline"])
    assert res.exit_code == 0, res.output
    assert "baseline: 4 optimal (100%)" in res.output
    status = read_store(store)[lambda f: f["metric"] == "status"]
    assert len(status) == 4


def test_uncertainty_ranges_are_the_catalogues(city):
    cat = pd.read_csv(ROOT / "catalogue" / "parameters.csv", keep_default_na=False)
    unc = pd.read_csv(city.file("uncertainty.csv"), keep_default_na=False).set_index("input")
    # PV capex: the catalogue's trajectory has a symmetric spread; the input moves the whole
    # trajectory by the widest low/value and high/value ratios over the catalogue's years
    pv = cat[(cat["technology"] == "pv_utility") & (cat["parameter"] == "capex")
             & (cat["region"] == "")]
    lo = (pv["low"].astype(float) / pv["value"].astype(float)).min()
    hi = (pv["high"].astype(float) / pv["value"].astype(float)).max()
    row = unc.loc["pv_utility_capex"]
    assert (row["table"], row["scale"], row["distribution"]) == (
        "parameters", "relative", "triangular")
    assert float(row["low"]) == pytest.approx(lo, rel=1e-6)
    assert float(row["high"]) == pytest.approx(hi, rel=1e-6)
    assert float(row["mode"]) == 1.0
    # the two existing plant technologies of one catalogue class move together
    groups = unc.loc[["thermal_raw_coal_fixed_om", "thermal_coke_oven_gas_fixed_om"], "group"]
    assert groups.nunique() == 1
    # calibrated coefficients of observed technologies never move (the base year is fixed)
    assert "thermal_raw_coal_availability" not in unc.index
    assert (unc["source"].str.len() > 0).all()


def test_uncertainty_has_demand_growth_and_grid_factor_ranges(city):
    """Issue 16: the projections' ranges, so that montecarlo samples more than costs."""
    unc = pd.read_csv(city.file("uncertainty.csv"), keep_default_na=False)
    dem = pd.read_csv(city.file("demands.csv"), keep_default_na=False)
    kind = pd.read_csv(city.file("commodities.csv"), keep_default_na=False).set_index(
        "commodity")["kind"]
    # every demand after the base year 2022 except the products (held by capacity controls)
    expected = dem[(dem["year"] > 2022) & (dem["commodity"].map(kind) != "material")
                   & (dem["value"] > 0)]
    demand = unc[unc["table"] == "demands"]
    assert sorted(zip(demand["commodity"], demand["year"].astype(int), strict=True)) == \
        sorted(zip(expected["commodity"], expected["year"], strict=True))
    assert set(demand["group"]) == {"demand_growth"}  # one GDP path moves them together
    # half-width 3 % x sqrt(years after the base year), by hand: 2023 0.03, 2024 0.0424264
    for year, half in ((2023, 0.03), (2024, 0.03 * 2 ** 0.5)):
        rows = demand[demand["year"].astype(int) == year]
        assert (rows["low"].astype(float) - (1 - half)).abs().max() < 1e-6
        assert (rows["high"].astype(float) - (1 + half)).abs().max() < 1e-6
    # the grid factor: the drivers give only the base year, so init holds it flat to the
    # horizon (one row, 2024), which moves +-4 % x sqrt(2)
    grid = unc[unc["driver"] == "grid_emission_factor"]
    assert list(zip(grid["driver"], grid["year"].astype(int), strict=True)) == [
        ("grid_emission_factor", 2024)]
    assert float(grid["high"].iloc[0]) == pytest.approx(1 + 0.04 * 2 ** 0.5, abs=1e-6)
    assert (demand["source"].str.startswith("assumption: ")).all()
    assert (grid["source"].str.startswith("assumption: ")).all()


def test_demands_follow_the_drivers_by_the_documented_elasticities(city):
    """Issue 16: demands projected from drivers (growth file: GDP +5 %/yr, population
    -0.2 %/yr; elasticities of carbonpath.init.demand.ELASTICITY, read by hand)."""
    dem = pd.read_csv(city.file("demands.csv"), keep_default_na=False)

    def ratio(commodity: str) -> float:
        rows = dem[dem["commodity"] == commodity].set_index("year")["value"]
        return float(rows[2024] / rows[2022])

    gdp, pop = 1.05 ** 2, 0.998 ** 2
    assert ratio("transport_car") == pytest.approx(gdp ** 0.7, rel=1e-9)  # transport: GDP^0.7
    assert ratio("commercial_heat") == pytest.approx(gdp ** 0.8, rel=1e-9)
    # households: population x (GDP per head)^0.4
    assert ratio("residential_urban_heat") == pytest.approx(pop * (gdp / pop) ** 0.4,
                                                            rel=1e-9)
    assert ratio("cement_clinker") == 1.0  # production held at the base year


def test_reserves_capacity_credits_and_must_run(city):
    reserves = pd.read_csv(city.file("reserves.csv"))
    margin = reserves[reserves["parameter"] == "margin"]
    assert list(margin["commodity"]) == ["electricity"]
    assert 0.05 < float(margin["value"].iloc[0]) < 0.3
    params = city.tables["parameters"]
    cat = pd.read_csv(ROOT / "catalogue" / "parameters.csv", keep_default_na=False)

    def one(tech: str, par: str, day: str = "") -> float:
        rows = params[(params["technology"] == tech) & (params["parameter"] == par)
                      & (params["day"].fillna("") == day)]
        assert len(rows) == 1, (tech, par, day)
        return float(rows["value"].iloc[0])

    chain = bundled_factors().regions.chains[city.region]

    def catalogue(code: str, par: str) -> float:
        # the row of the most specific region of the city's chain (a national row is blank;
        # since catalogue 0.2.0 Shandong has its own wind and PV capacity credits)
        rows = cat[(cat["technology"] == code) & (cat["parameter"] == par)]
        for region in chain:
            own = rows[rows["region"].replace("", "CN") == region]
            if len(own):
                return float(own["value"].iloc[0])
        raise AssertionError((code, par))

    assert one("thermal_raw_coal", "capacity_credit") == catalogue("coal_supercritical",
                                                                   "capacity_credit")
    assert one("pv_utility", "capacity_credit") == catalogue("pv_utility", "capacity_credit")
    assert one("thermal_raw_coal", "min_output") == catalogue("coal_supercritical",
                                                              "min_output")
    # the sample's heat supply burns coal: coal units are must-run on the winter day
    assert one("thermal_raw_coal", "min_output", "winter") == 0.6


def test_the_model_reads_the_operating_limits(city):
    from carbonpath.model.data import ModelData

    d = ModelData.from_dataset(city, scenario="baseline", hours=1)
    coal = d.techs["thermal_raw_coal"].ops
    assert set(coal.min_output) == {"", "winter"}
    assert float(coal.min_output["winter"][-1]) == 0.6
    assert float(coal.capacity_credit[-1]) == pytest.approx(0.95)
    assert "electricity" in d.reserves
    pathway = cp.optimise(city, scenario="baseline", hours=1)
    prices = pathway.capacity_prices
    assert set(prices["commodity"]) == {"electricity"}
    assert set(prices["year"]) == set(range(city.base_year + 1, city.horizon + 1))


# -- the template's worked example (G12) and a workbook that is not one (G08) ---------------


def test_template_then_init_on_its_own_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["template", "t.xlsx"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["init", "--workbook", "t.xlsx", "--region", "CN-SD",
                              "--base-year", "2023", "--horizon", "2035", "--out", "o"])
    assert res.exit_code == 0, res.output
    assert "notice: this workbook still holds the template's worked example" in res.output
    ds = cp.load_dataset(tmp_path / "o")
    assert (ds.base_year, ds.horizon) == (2023, 2035)
    # the example is the bundled sample city: its capacity and GDP, hand-read from the CSVs
    params = ds.tables["parameters"]
    pv = params[(params["technology"] == "pv_utility")
                & (params["parameter"] == "residual_capacity") & (params["year"] == 2023)]
    assert float(pv["value"].iloc[0]) == pytest.approx(180 * 10)  # 180 万千瓦 in MW
    drivers = ds.tables["drivers"]
    gdp = drivers[(drivers["driver"] == "gdp") & (drivers["year"] == 2023)]
    assert float(gdp["value"].iloc[0]) == 2600.0
    # the committed sheet's example: 50 万千瓦 of PV online in 2025
    com = params[params["parameter"] == "committed_new_capacity"]
    assert list(zip(com["technology"], com["year"].astype(int), com["value"].astype(float),
                    strict=True)) == [("pv_utility", 2025, 500.0)]


def test_committed_projects_in_the_workbook_name_sheet_row_and_column(tmp_path):
    from openpyxl import load_workbook

    from carbonpath.errors import DataError
    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import read_workbook, write_template

    book = tmp_path / "t.xlsx"
    write_template(book)
    wb = load_workbook(book)
    instructions = " ".join(str(r[0].value) for r in wb["README"].iter_rows())
    assert "7. committed" in instructions
    assert "8. captive" in instructions
    ws = wb["committed"]
    assert [c.value for c in ws[1]] == ["类型 type", "投产年份 year", "装机容量 value",
                                        "单位 unit", "来源 source"]
    # drop-down lists of the valid codes: the capacity types
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["A2:A500"].startswith("=codes!$")
    codes = [c.value for c in wb["codes"][lists["A2:A500"][len("=codes!"):].replace("$", "")
                                           .split(":")[0][0]]][1:]
    assert {"coal", "pv", "wind_offshore"} <= set(codes)
    ws.append(["wind_onshore", 2020, 30, "万千瓦", "a project of the past"])  # Excel row 3
    wb.save(book)
    with pytest.raises(DataError) as info:
        init_from_workbook(book, region="CN-SD", base_year=2023, horizon=2030,
                           out=tmp_path / "o")
    p = info.value.problems[0]
    assert (p.file, p.row, p.column) == ("t.xlsx, sheet 'committed'", 3, "year")
    assert p.valid == "2024..2030"
    ws["B1"] = "年份 year"  # an edited header
    wb.save(book)
    with pytest.raises(DataError) as info:
        read_workbook(book)
    p = info.value.problems[0]
    assert (p.file, p.row) == ("t.xlsx, sheet 'committed'", 1)
    assert p.column.startswith("B")
    # the captive sheet: its Excel rows in errors too
    from carbonpath.init.captive import read_captive

    ws["B1"] = "投产年份 year"
    wb["captive"].append(["capacity", "coal", 100, "万千瓦", "the park's units"])
    wb["captive"].append(["plant", "", 1, "MW", "?"])
    wb.save(book)
    read = read_workbook(book)
    with pytest.raises(DataError) as info:
        read_captive(read["captive"], ["coal", "gas"], name=read["names"]["captive"])
    p = info.value.problems[0]
    assert (p.file, p.row, p.column) == ("t.xlsx, sheet 'captive'", 3, "part")
    # a workbook of an earlier template, without the optional sheets, still reads
    del wb["committed"], wb["captive"]
    wb.save(book)
    read = read_workbook(book)
    assert read["committed"] is None
    assert read["captive"] is None


def test_example_rows_left_beside_a_planners_balance_are_skipped(tmp_path):
    from openpyxl import load_workbook

    from carbonpath.init.example import MARK
    from carbonpath.init.workbook import (
        BALANCE_COLUMNS,
        BALANCE_ROWS,
        read_workbook,
        write_template,
    )

    book = tmp_path / "city.xlsx"
    write_template(book)
    wb = load_workbook(book)
    ws = wb["balance"]
    col = BALANCE_COLUMNS.index("raw_coal") + 2
    # the planner's own balance: 1 万吨 more rural coal, carried through the totals so that
    # the sheet still adds up (final, residential, consumption; the difference absorbs it)
    for item, delta in (("residential_rural", 1), ("residential", 1), ("final", 1),
                        ("consumption_total", 1), ("statistical_difference", -1)):
        cell = ws.cell(row=BALANCE_ROWS.index(item) + 2, column=col)
        cell.value = float(cell.value) + delta
    cap = wb["capacity"]
    n_examples = cap.max_row - 1
    cap.append(["wind_offshore", 50, "万千瓦", "统计年鉴 2024 表 7-3"])
    wb.save(book)
    read = read_workbook(book)
    capacity = read["capacity"]
    assert list(capacity["type"]) == ["wind_offshore"]  # the planner's row only
    assert capacity.index[0] == n_examples + 2  # its Excel row
    # ... which the capacity reader names in its errors (the example rows above it skipped)
    from carbonpath.errors import DataError
    from carbonpath.init.inputs import read_capacity

    bad = capacity.copy()
    bad.loc[n_examples + 2, "unit"] = "万吨"
    with pytest.raises(DataError) as info:
        read_capacity(bad, ["wind_offshore"], name=read["names"]["capacity"])
    p = info.value.problems[0]
    assert (p.file, p.row, p.column) == ("city.xlsx, sheet 'capacity'", n_examples + 2, "unit")
    assert read["targets"] is None  # the example target skipped: the national set applies
    notice = next(n for n in read["notices"] if "'capacity'" in n)
    assert f"skipped {n_examples} example row(s)" in notice
    assert MARK in notice


def test_a_workbook_that_is_not_a_zip_is_a_data_error_naming_it(tmp_path):
    from carbonpath.errors import DataError
    from carbonpath.init import init_from_workbook

    bad = tmp_path / "city.xlsx"
    bad.write_text("type,value\ncoal,300\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        init_from_workbook(bad, region="CN-SD", base_year=2023, horizon=2030,
                           out=tmp_path / "o")
    assert info.value.problems[0].file == "city.xlsx"
    assert "not an Excel workbook" in str(info.value)
    res = CliRunner().invoke(app, ["init", "--workbook", str(bad), "--region", "CN-SD",
                                   "--base-year", "2023", "--horizon", "2030", "--out",
                                   str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "city.xlsx" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_committed_projects(tmp_path):
    from carbonpath.errors import DataError

    good = pd.DataFrame({"type": ["wind_onshore", "coal"], "year": ["2024", "2023"],
                         "value": ["80", "132"], "unit": ["万千瓦", "万千瓦"],
                         "source": ["plan A", "plan B"]})
    init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "c", committed=good,
                 **SAMPLE)
    params = cp.load_dataset(tmp_path / "c").tables["parameters"]
    rows = params[params["parameter"] == "committed_new_capacity"].set_index("technology")
    assert float(rows.loc["wind_onshore", "value"]) == 800.0  # 80 万千瓦 in MW
    assert int(rows.loc["wind_onshore", "year"]) == 2024
    assert float(rows.loc["coal_usc", "value"]) == 1320.0  # coal: the investable USC option
    limit = params[(params["technology"] == "wind_onshore")
                   & (params["parameter"] == "max_new_capacity") & (params["year"] == 2024)]
    assert float(limit["value"].iloc[0]) == 800.0  # the build limit gives way in its year
    bad = good.assign(year=["2022", "2023"])
    with pytest.raises(DataError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "x",
                     committed=bad, **SAMPLE)
    p = info.value.problems[0]
    assert (p.file, p.row, p.column) == ("committed", 2, "year")
    assert "2023..2024" in p.valid


def test_the_default_plan_is_the_national_indicator_set():
    """Issue 16: a plan file with the national and provincial indicator set to start from."""
    from types import SimpleNamespace

    from carbonpath.init.readme import plan

    targets = plan(SimpleNamespace(base_year=2023, horizon=2035), "provincial", has_cars=True)
    got = {t["name"]: (t["type"], t.get("year", t.get("years")), t.get("value"), t["status"])
           for t in targets}
    # 国发〔2021〕23号 and the 14th FYP, read by hand: peak before 2030 (a commitment), CO2 per
    # GDP -18 % and energy per GDP -13.5 % over five years, 25 % non-fossil energy and 40 %
    # new-energy vehicles in 2030 (assumptions applied to the city)
    assert got == {"peak": ("peak_year", 2030, None, "commitment"),
                   "intensity_2028": ("emission_intensity", 2028, 0.18, "assumption"),
                   "energy_intensity_2028": ("energy_intensity", 2028, 0.135, "assumption"),
                   "nonfossil_2030": ("nonfossil_share", 2030, 0.25, "assumption"),
                   "nev_sales": ("min_share", [2030], 0.4, "assumption")}
    assert all(t["source"] for t in targets)
    assert plan(SimpleNamespace(base_year=2023, horizon=2026), "provincial", True) == []

