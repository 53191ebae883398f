"""Round 18, tester Q: queries an inventory cannot answer, and the advice of look-ups.

Q140/Q149: a year, region, scope, row or process-only filter the inventory holds no row of
had given a silent 0 t. Q52: process_factors('水泥') suggested cement_clinker. Q51:
fuel_factors('electricity') advised adding a calorific value. Q94: a --mapping typo was said
as the sheet's. Q39: decompose skipped GDP / 人口 rows. Q181: decompose had no --production.

The inventory here has one row, 100 t of raw coal in industry, with a user factor table of
NCV 20 GJ/t and 95 t CO2/TJ: 100 t x 20 GJ/t = 2 TJ, x 95 t CO2/TJ = 190 t CO2.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.cli import app
from carbonpath.errors import ArgumentTypeError, ArgumentValueError, DataError

_FACTORS = ("item,quantity,gas,value,unit,basis,region,year,source,status\n"
            "raw_coal,calorific_value,,20,GJ/t,net,CN-SD,,test,unverified\n"
            "raw_coal,emission_factor,CO2,95,t CO2/TJ,,CN-SD,,test,unverified\n")
runner = CliRunner()


@pytest.fixture(scope="module")
def factor_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("q18") / "f.csv"
    path.write_text(_FACTORS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inv(factor_file):
    frame = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": [100.0],
                          "unit": ["t"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cp.compute_inventory(frame, factors=[factor_file], region="CN-SD", year=2022)


def test_q140_a_year_the_inventory_lacks_is_refused_by_every_query(inv):
    assert inv.total("CO2", year=2022).to("t CO2").magnitude == pytest.approx(190.0)
    assert inv.energy_total("TJ", year="2022").magnitude == pytest.approx(2.0)
    for call in (lambda: inv.total("CO2", year=2021), lambda: inv.energy_total(year=2021),
                 lambda: inv.by("sector", year=2021), lambda: inv.total(year=[2021, 2022])):
        with pytest.raises(ArgumentValueError, match=r"year=2021\): the inventory holds no "
                           r"row of 2021, only of 2022: its figures of 2021 are unknown"):
            call()


def test_q149_a_region_the_inventory_lacks_is_refused_and_a_name_of_its_own_is_read(inv):
    assert inv.total("CO2", region="山东").to("t CO2").magnitude == pytest.approx(190.0)
    cases = {"聊城": r"聊城 \(CN-SD-Liaocheng\) is a part of CN-SD",
             "CN": r"CN contains CN-SD: this inventory covers CN-SD only",
             "CN-ZJ": r"CN-ZJ is another region",
             "Atlantis": r"no region code or name"}
    for region, said in cases.items():
        with pytest.raises(ArgumentValueError, match=said + r".*not zero; the inventory's "
                           r"regions: CN-SD"):
            inv.total("CO2", region=region)
    with pytest.raises(ArgumentValueError, match="part of CN-SD"):
        inv.energy_total(region="聊城")


def test_q140_scope_3_rows_categories_and_energy_columns(inv):
    assert inv.total("CO2", scope=1).to("t CO2").magnitude == pytest.approx(190.0)
    assert inv.total("CO2", category="heat").magnitude == 0  # a known category, no rows
    with pytest.raises(ArgumentValueError, match=r"scope=3\): carbonpath accounts scopes 1"):
        inv.total(scope=3)
    with pytest.raises(ArgumentValueError, match=r"category='proces'\): not a category"):
        inv.total(category="proces")
    with pytest.raises(ArgumentValueError, match=r"use='combustoin'\): not a use"):
        inv.by("sector", use="combustoin")
    with pytest.raises(ArgumentValueError, match=r"row=999\): the inventory holds no row"):
        inv.total(row=999)
    with pytest.raises(ArgumentTypeError, match=r"energy_total\(\): got an unexpected "
                       r"keyword argument 'scope'"):
        inv.energy_total(scope=1)
    # in_total is energy_total's argument as it is total()'s: None counts every row (2 TJ)
    assert inv.energy_total("TJ", in_total=None).magnitude == pytest.approx(2.0)


def test_q140_process_filters_without_production_are_refused(inv):
    for call in (lambda: inv.total("CF4"), lambda: inv.total(category="process"),
                 lambda: inv.total(product="cement_clinker"), lambda: inv.by("sector",
                                                                             use="process")):
        with pytest.raises(ArgumentValueError, match="no production data was given"):
            call()


def test_q52_one_advice_for_cement_and_crude_steel_everywhere(inv):
    for word in ("cement", "水泥"):
        with pytest.raises(DataError, match="cement is not a process product") as err:
            cp.process_factors(word, "CN-SD", 2022)
        assert "did you mean" not in str(err.value)
    with pytest.raises(DataError, match=r"bof_steel .* and eaf_steel"):
        cp.process_factors("粗钢", "CN-SD", 2022)
    with pytest.raises(ArgumentValueError, match="cement is not a process product"):
        inv.total(product="水泥")


def test_q51_an_energy_carrier_points_to_its_factor():
    with pytest.raises(DataError, match=r"electricity is an energy carrier.*grid_factor\("
                       r"region, year\)"):
        cp.fuel_factors("electricity", "industry", "聊城", 2022)
    with pytest.raises(DataError, match=r"heat is an energy carrier.*item='heat'"):
        cp.fuel_factors("热力", "industry", "聊城", 2022)
    # the call named works: China's default heat factor, 0.11 t CO2/GJ (heat_supply.csv)
    heat = cp.load_factors().grid_factor("CN-SD", 2022, item="heat")
    assert heat.value.to("t CO2/GJ").magnitude == pytest.approx(0.11)


def test_q94_a_mapping_typo_is_said_as_the_mapping_files(tmp_path):
    from tests.init_sample import SAMPLES

    (tmp_path / "m.csv").write_text("axis,label,code,unit\nrow,其他,comercial,\n",
                                    encoding="utf-8")
    result = runner.invoke(app, ["inventory", str(SAMPLES / "energy_balance_sample.csv"),
                                 "--region", "CN-SD", "--year", "2022",
                                 "--primary-electricity", "calorific",
                                 "--mapping", str(tmp_path / "m.csv")])
    assert result.exit_code == 1
    assert "m.csv, row 2, column 'code': unknown row item 'comercial'" in result.output
    assert "did you mean commercial?" in result.output
    assert "read neither" not in result.output


def test_q39_gdp_and_population_in_other_words_are_named_at_their_rows(inv, tiny):
    drivers = pd.DataFrame({"driver": ["人口", "GDP"], "year": [2022, 2022],
                            "value": [100, 1000], "unit": ["万人", "亿元"]})
    with pytest.raises(DataError) as err:
        cp.intensities(inv, drivers, gdp_price_year=2022)
    said = {(p.row, p.value, p.valid.split("?")[0]) for p in err.value.problems}
    assert said == {(2, "人口", "did you mean population"), (3, "GDP", "did you mean gdp")}
    # written right: 190 t / (1000 亿元 = 1e7 万元) = 1.9e-5 t/万元 (1000 亿元 for 100 万人:
    # 100,000 CNY a person, a real city's; 1 亿元 would be refused as 100 CNY a person)
    drivers["driver"] = ["population", "gdp"]
    row = cp.intensities(inv, drivers, gdp_price_year=2022).iloc[0]
    assert row["emissions_per_gdp"] == pytest.approx(1.9e-5)
    text = (tiny / "drivers.csv").read_text(encoding="utf-8")
    (tiny / "drivers.csv").write_text(text.replace("\ngdp,", "\nGDP,"), encoding="utf-8")
    with pytest.raises(DataError, match=r"'GDP' is not allowed here; valid: did you mean gdp"):
        cp.load_dataset(tiny)


def test_q39_init_drivers_and_sampled_drivers_name_the_code():
    from carbonpath.init.inputs import read_drivers
    from carbonpath.model.override_checks import cold_driver_reason

    frame = pd.DataFrame({"driver": ["地区生产总值", "population"], "year": ["2022", "2022"],
                          "value": ["1", "100"], "unit": ["亿元", "万人"],
                          "source": ["test", "test"]})
    with pytest.raises(DataError, match=r"row 2, column 'driver'.*unknown driver.*valid: did "
                       r"you mean gdp\?"):
        read_drivers(frame, 2022, name="drivers.csv")
    assert "did you mean 'population'" in cold_driver_reason("人口", ["gdp", "population"])


def test_q181_decompose_takes_production_of_both_years(tmp_path, factor_file):
    (tmp_path / "a.csv").write_text("sector,fuel,value,unit\nindustry,raw_coal,100,t\n",
                                    encoding="utf-8")
    (tmp_path / "p1.csv").write_text("product,value,unit\ncement_clinker,10,t\n",
                                     encoding="utf-8")
    (tmp_path / "p2.csv").write_text("product,value,unit\ncement_clinker,20,t\n",
                                     encoding="utf-8")
    (tmp_path / "d.csv").write_text("driver,year,value,unit\npopulation,,100,万人\n"
                                    "gdp,,1000,亿元\n", encoding="utf-8")
    result = runner.invoke(app, ["decompose", str(tmp_path / "a.csv"), str(tmp_path / "a.csv"),
                                 "--drivers", str(tmp_path / "d.csv"), "--gdp-price-year",
                                 "2022", "--region", "CN-SD", "--years", "2022", "2023",
                                 "--factors", str(factor_file), "--production",
                                 str(tmp_path / "p1.csv"), str(tmp_path / "p2.csv"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout[result.stdout.index("{"):])
    # combustion 190 t both years; clinker 10 -> 20 t x 0.52 t CO2/t (IPCC Tier 1)
    assert out["start_t"] == pytest.approx(190 + 5.2)
    assert out["change_t"] == pytest.approx(5.2)


@pytest.mark.filterwarnings(  # the two years share their one activity row on purpose (only
    # their production differs): round 25's identical-activity warning (Z35) is not the point
    "ignore::carbonpath.accounting.decomposition_pair.IdenticalActivityWarning")
def test_q181_one_inventory_with_production_and_one_without_warns(inv, factor_file):
    frame = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": [100.0],
                          "unit": ["t"]})
    prod = pd.DataFrame({"product": ["cement_clinker"], "value": [10.0], "unit": ["t"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_p = cp.compute_inventory(frame, factors=[factor_file], region="CN-SD",
                                      year=2023, production=prod)
    drivers = pd.DataFrame({"driver": ["population", "gdp"], "year": [None, None],
                            "value": [100, 1000], "unit": ["万人", "亿元"]})
    with pytest.warns(cp.CarbonpathWarning, match=r"the 2023 inventory .* has process "
                      r"emissions .* and the 2022 inventory .* none: .* rising from zero"):
        result = cp.decompose(inv, with_p, drivers, gdp_price_year=2022)
    # the whole change is the clinker's: 10 t x 0.52 t CO2/t = 5.2 t
    assert result.effects.loc["process", "effect"] == pytest.approx(5.2)
