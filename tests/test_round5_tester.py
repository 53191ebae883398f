"""Round-5 tester findings (issue 11), fixed by kind: each test names the case ids it
covers and checks the file, row, key or argument that the message names."""

from __future__ import annotations

import math
import shutil
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError
from carbonpath._io import decode
from carbonpath._resources import data_path
from carbonpath.cli import app
from carbonpath.errors import ArgumentValueError, CarbonpathWarning, UnknownNameError

SAMPLES = data_path("datasets") / "samples"
TINY = data_path("datasets") / "tiny"


def only(err):
    assert len(err.value.problems) == 1, err.value.problems
    return err.value.problems[0]


# -- AC04, AC05, DS21: UTF-8 with symbols only is not read as GBK ------------------------------

SYMBOLS = "³²°µ±×÷·§©®¶¼½¾\u00a0\u2009\u2013\u2014\u2018\u2019\u201c\u201d\u2026‰€"


@given(st.text(alphabet=st.sampled_from("abcXYZ019,.\n " + SYMBOLS.replace("µ", "")),
               min_size=1, max_size=40))
def test_utf8_text_whose_only_non_ascii_are_symbols_stays_utf8(text):
    assert decode(text.encode("utf-8"), "x.csv") == (text, "utf-8-sig")


def test_gbk_chinese_is_still_read_as_gbk():
    assert decode("原煤,万吨".encode("gbk"), "x.csv") == ("原煤,万吨", "gb18030")


# -- AC19, AC21, AC35, AP11: technology codes that no factor row has ----------------------------

def test_an_unknown_activity_technology_is_refused_with_the_closest():
    frame = pd.DataFrame({"sector": ["road_transport"] * 2, "fuel": ["gasoline"] * 2,
                          "value": [10.0, 5.0], "unit": ["t", "t"],
                          "technology": ["oxidation_catalyst", "oxidation_catalist"]})
    with pytest.raises(DataError) as err:
        cp.read_activity(frame, region="CN-SD", year=2022)
    p = only(err)
    assert (p.row, p.column, p.value) == (1, "technology", "oxidation_catalist")
    assert "did you mean oxidation_catalyst" in p.valid
    cp.read_activity(frame.iloc[:1], region="CN-SD", year=2022)  # a known one is read


def test_an_unknown_production_or_factor_technology_is_refused(tmp_path):
    path = tmp_path / "prod.csv"
    path.write_text("product,value,unit,technology\nprimary_aluminium_prebake,10,kt,"
                    "cold_fusion\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_production(path, region="CN-SD", year=2022)
    assert (only(err).file, only(err).row, only(err).column) == ("prod.csv", 2, "technology")
    with pytest.raises(DataError) as err:
        cp.process_factors("cement_clinker", "CN-SD", 2022, technology="bogus")
    assert only(err).key == "technology"


# -- UQ01, UQ04, UQ07, UQ08, UQ10: arguments of uncertainty() -----------------------------------

@pytest.fixture(scope="module")
def inv():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        return cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD", year=2022,
                                    production=SAMPLES / "production_sample.csv",
                                    primary_electricity="calorific")


@pytest.mark.parametrize(("kwargs", "text"), [
    ({"activity_uncertainty": 5}, "0.05, not 5"),                              # UQ01
    ({"activity_uncertainty": {"spaceport": 0.05, "*": 0.05}}, "'spaceport'"),  # UQ04
    ({"activity_uncertainty": 0.05, "factor_uncertainty": math.nan}, "finite"),  # UQ07
    ({"activity_uncertainty": 0.05, "approach": 2, "draws": 0}, "draws"),     # UQ08
    ({"activity_uncertainty": 0.05,
      "factor_uncertainty": {"oxidation": 0.1, "*": 0.0}}, "'oxidation'"),    # UQ10
])
def test_uncertainty_arguments_outside_their_domain_are_refused(inv, kwargs, text):
    with pytest.raises(ArgumentValueError) as err:
        cp.uncertainty(inv, **kwargs)
    assert text in str(err.value)


# -- BB01, BB05, BB13, BA25: arguments of the balance-sheet functions ---------------------------

BALANCE = SAMPLES / "energy_balance_sample.csv"


@pytest.mark.parametrize(("kwargs", "name"), [({"tolerance": -1}, "tolerance"),
                                              ({"gas_condition": "25C"}, "gas_condition")])
def test_balance_arguments_outside_their_domain_are_refused(kwargs, name):
    with pytest.raises(ArgumentValueError, match=name):
        cp.read_energy_balance(BALANCE, region="CN-SD", year=2022, **kwargs)


def test_a_negative_reference_threshold_is_refused():
    bs = cp.read_energy_balance(BALANCE, region="CN-SD", year=2022)
    with pytest.raises(ArgumentValueError, match="threshold"):
        cp.reference_approach(bs, threshold=-0.1)


def test_the_cli_gas_condition_reaches_a_balance_sheet(tmp_path):
    # BA25: 0C (normal m3) for the sheet's 20C volumes is more gas: a higher total. The
    # sample's note declares 20 °C, which an option may no longer contradict (round 15
    # K104): the sheet without its note
    text = BALANCE.read_text(encoding="utf-8")
    BALANCE_ = tmp_path / BALANCE.name
    BALANCE_.write_text("\n".join(text.splitlines()[:-1]) + "\n", encoding="utf-8")
    args = ["inventory", str(BALANCE_), "--balance-sheet", "--region", "CN-SD", "--year",
            "2022", "--primary-electricity", "calorific", "--format", "json"]
    import json

    runs = [CliRunner().invoke(app, args + extra) for extra in ([], ["--gas-condition", "0C"])]
    assert [r.exit_code for r in runs] == [0, 0], runs[1].output
    totals = [json.loads(r.output)["totals_Mt"]["CO2"] for r in runs]
    direct = [cp.compute_inventory(cp.read_energy_balance(
        BALANCE_, region="CN-SD", year=2022, gas_condition=g).activity,
        primary_electricity="calorific").total("CO2").to("Mt CO2").magnitude
        for g in ("20C", "0C")]
    assert totals == pytest.approx(direct)
    assert totals[1] > totals[0]


def test_a_coal_rate_basis_with_the_calorific_method_is_refused():
    # AC31: the coal rate is unused under the calorific method
    result = CliRunner().invoke(app, ["inventory", "--sample", "--primary-electricity",
                                      "calorific", "--coal-rate-basis", "supply"])
    assert result.exit_code != 0
    assert "--coal-rate-basis" in result.output
    assert "Traceback" not in result.output


# -- AP27, AC38: an inventory of several years has no single total ------------------------------

def test_a_total_over_two_years_needs_a_year():
    frame = pd.DataFrame({"sector": ["industry"] * 2, "fuel": ["raw_coal"] * 2,
                          "value": [100.0, 200.0], "unit": ["t", "t"], "year": [2021, 2022]})
    inv2 = cp.compute_inventory(frame, region="CN-SD")
    with pytest.raises(ArgumentValueError, match="2 years"):
        inv2.total("CO2")
    with pytest.raises(ArgumentValueError, match="2 years"):
        inv2.by("sector")
    one = inv2.total("CO2", year=2022).magnitude
    assert one == pytest.approx(2 * inv2.total("CO2", year=2021).magnitude)
    assert set(inv2.by("year")["year"]) == {2021, 2022}


# -- AP01, AP02: a Dataset edited in Python is not solved unchecked -----------------------------

def test_a_dataset_edited_after_loading_is_refused():
    ds = cp.load_dataset("tiny")
    p = ds.tables["parameters"]
    p.loc[(p.technology == "pv") & (p.parameter == "capex"), "value"] = -3000.0
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, scenario="plan")
    assert (only(err).file, only(err).row) == ("parameters.csv", 11)
    assert "load the dataset again" in only(err).valid


# -- AP13, AP15, AP19, AP46: more API arguments ---------------------------------------------------

def test_a_coal_rate_in_kgce_for_gce_is_implausible():
    with pytest.raises(ImplausibleValueError, match=r"150 \.\. 600 gce/kWh"):
        cp.electricity_to_standard_coal(cp.Q_(1, "GWh"), "coal_consumption",
                                        coal_rate=cp.Q_(300, "kgce/kWh"))
    # 1 GWh x 300 gce/kWh = 1e6 kWh x 300 g = 300 t
    assert cp.electricity_to_standard_coal(cp.Q_(1, "GWh"), "coal_consumption",
                                           coal_rate=cp.Q_(300, "gce/kWh")).magnitude == (
        pytest.approx(300.0))


def test_model_setters_name_the_cause():
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(ArgumentValueError, match="finite factor"):
        m.scale_cost("pv", "capex", math.inf)
    with pytest.raises(DataError, match=r"a line is an int \(2, not '2'\)"):
        m.apply({("parameters", "2"): 1.0})
    with pytest.raises(UnknownNameError, match="observed year"):
        m.update(technology="pv", parameter="max_capacity", value=cp.Q_(3000, "MW"),
                 years=[2024])


# -- DS04, FA15, DE07 -----------------------------------------------------------------------------

def test_a_lifetime_of_2500_years_is_implausible(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    path = folder / "parameters.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("pv,lifetime,,25,yr",
                                                             "pv,lifetime,,2500,yr"),
                    encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(folder)
    assert (only(err).file, only(err).row, only(err).column) == ("parameters.csv", 10, "value")


def test_a_header_only_user_factor_table_is_refused(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text((data_path("factors") / "grid_factors.csv").read_text(
        encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="no rows"):
        cp.load_factors(extra=path)


def test_decompose_refuses_two_regions():
    def one(region, year):
        frame = pd.DataFrame({"sector": ["industry"], "fuel": ["raw_coal"], "value": [100.0],
                              "unit": ["t"]})
        return cp.compute_inventory(frame, region=region, year=year,
                                    primary_electricity="calorific")

    drivers = {y: {"population": cp.Q_(100, "万人"), "gdp": cp.Q_(1000, "亿元")}
               for y in (2020, 2025)}
    with pytest.raises(DataError, match="different regions"):
        cp.decompose(one("CN-SD", 2020), one("CN-ZJ", 2025), drivers, gdp_price_year=2020)


# -- IN07, IN10, IN11, IN19: init's drivers get the loader's ranges; growth periods ----------

def test_init_drivers_get_the_loaders_ranges_and_gdp_per_person():
    from carbonpath.init.inputs import read_drivers, read_growth

    def drivers(gdp, pop, grid):
        return pd.DataFrame({"driver": ["gdp", "population", "grid_emission_factor"],
                             "year": ["2022", "2022", "2030"], "value": [gdp, pop, grid],
                             "unit": ["万元" if gdp == "2600" else "亿元", "人" if pop == "600"
                                      else "万人", "t CO2/MWh"],
                             "source": ["s"] * 3})

    read_drivers(drivers("2601", "601", "0.5"), 2022, name="drv.csv")  # 2.6e11 / 6.01e6
    with pytest.raises(ImplausibleValueError) as err:  # IN10: 2.6e7 CNY / 6.01e6 = 4.3 CNY
        read_drivers(drivers("2600", "601", "0.5"), 2022, name="drv.csv")
    assert (only(err).file, only(err).row, only(err).column) == ("drv.csv", 2, "value")
    with pytest.raises(ImplausibleValueError) as err:  # IN11: 600 persons
        read_drivers(drivers("2601", "600", "0.5"), 2022, name="drv.csv")
    assert next(p.row for p in err.value.problems) == 3
    with pytest.raises(ImplausibleValueError) as err:  # IN19: 500 t CO2/MWh
        read_drivers(drivers("2601", "601", "500"), 2022, name="drv.csv")
    assert (only(err).row, only(err).value) == (4, 500.0)
    growth = pd.DataFrame({"driver": ["gdp", "gdp"], "start": ["2022", "2025"],
                           "end": ["2030", "2035"], "rate": ["0.05", "0.03"],
                           "source": ["s", "s"]})
    with pytest.raises(DataError) as err:  # IN07: 2025..2035 overlaps 2022..2030
        read_growth(growth, name="grw.csv")
    assert (only(err).row, only(err).column) == (3, "start")


def test_a_dataset_gdp_in_wan_yuan_for_yi_yuan_is_refused_per_person(tmp_path):
    # tiny: gdp 1000 亿元 = 1e11 CNY for 100 万人 = 1e6 persons: 100,000 CNY a person;
    # 1000 万元 = 1e7 CNY: 10 CNY a person, below 1,000
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    path = folder / "drivers.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("gdp,2024,1000,亿元",
                                                             "gdp,2024,1000,万元"),
                    encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(folder)
    p = err.value.problems[-1]
    assert (p.file, p.row, p.column) == ("drivers.csv", 2, "value")
    assert "10 CNY per person" in p.message


# -- MS16: a store's record of the dataset includes the scenario override tables -------------

def test_dataset_checksums_include_the_scenario_overrides(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "scenarios" / "plan").mkdir(parents=True)
    override = folder / "scenarios" / "plan" / "parameters.csv"
    override.write_text("technology,parameter,year,value,unit,source\n"
                        "pv,capex,,2500,CNY/kW,assumption: test\n", encoding="utf-8")
    first = cp.load_dataset(folder).checksums
    override.write_text(override.read_text(encoding="utf-8").replace("2500", "2400"),
                        encoding="utf-8")
    second = cp.load_dataset(folder).checksums
    key = "scenarios/plan/parameters.csv"
    assert key in first
    assert first[key] != second[key]
