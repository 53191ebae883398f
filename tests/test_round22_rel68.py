"""Round 22 (tester22d) accounting cases M01 M08 M09 M15 M21 M22 M30 M103 M104 M111 M121 M128
M153: slips the reader passed in silence or named poorly.

Expected values are computed by hand in each test from the sample's rows.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.accounting.activity.scope import GasConditionWarning
from carbonpath.accounting.activity.uses import use_in_sector
from carbonpath.errors import (
    ArgumentValueError,
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    UnitError,
)
from carbonpath.units import parse_unit
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
ACTIVITY = SAMPLES / "activity_sample.csv"
BALANCE = SAMPLES / "energy_balance_sample.csv"


def _edited(tmp_path: Path, source: Path, old: str, new: str, name: str = "a.csv") -> Path:
    """A copy of ``source`` with the one line starting ``old`` replaced by ``new``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(old)]
    assert len(hits) == 1, old
    lines[hits[0]] = new
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _inventory(path: Path):
    return cp.compute_inventory(path, production=SAMPLES / "production_sample.csv",
                                region="CN-SD", year=2022, primary_electricity="calorific")


def _messages(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, CarbonpathWarning)]


# --- M121: a percent typed for the reference approach's share -------------------------

def test_reference_threshold_in_percent_refused():
    bs = cp.read_energy_balance(BALANCE, region="CN-SD", year=2022)
    with pytest.raises(ArgumentValueError, match=r"threshold = 5: a share.*0\.05") as err:
        cp.reference_approach(bs, threshold=5)
    assert "5 % is 0.05" in str(err.value)  # 5 / 100 = 0.05
    with pytest.raises(ArgumentValueError):
        cp.reference_approach(bs, threshold=1)  # 100 %: no difference could exceed it


# --- M08, M111, M22: units of another scale or another measure -------------------------

@pytest.mark.parametrize(("unit", "spelled", "change"), [
    ("千吨", "'kt' or '10^3 t'", "divide them by 10 (1 千吨 = 0.1 万吨)"),  # 10^3 / 10^4
    ("百万吨", "'Mt' or '10^6 t'", "multiply them by 100 (1 百万吨 = 100 万吨)"),  # 10^6 / 10^4
    ("千吨标准煤", "'10^3 tce'", "divide them by 10"),
])
def test_scaled_tonne_names_pint_spelling_and_factor(unit, spelled, change):
    with pytest.raises(UnitError) as err:
        parse_unit(unit)
    text = str(err.value)
    assert f"write {spelled} with the numbers as they are" in text
    assert change in text
    assert cp.Q_(1, parse_unit("kt")).to("t").magnitude == 1000.0  # the named unit reads


def test_scaled_tonne_header_of_a_balance_names_kt(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(BALANCE.read_text(encoding="utf-8").replace("汽油(万吨)", "汽油(千吨)"),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path, region="CN-SD", year=2022)
    assert "write 'kt' or '10^3 t'" in str(err.value)
    assert "in 万吨 divide them by 10" in str(err.value)


def test_litres_ask_for_a_mass():
    with pytest.raises(UnitError, match="volume in litres") as err:
        parse_unit("万升")
    assert "density" in str(err.value)
    assert "万吨" in str(err.value)


# --- M128: the direction of a carrier row's odd unit -----------------------------------

def test_carrier_row_in_a_smaller_unit_says_smaller(tmp_path):
    path = _edited(tmp_path, ACTIVITY, "transport,电力,5,",
                   "transport,电力,5,千瓦时,consumption,,typed")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _inventory(path)
    hits = [m for m in _messages(record) if "row 27, column 'unit'" in m]
    assert len(hits) == 1
    # 亿千瓦时 = 10^8 kWh: the row's unit is 10^8 times smaller
    assert "10^8 times smaller than theirs (亿千瓦时)" in hits[0]
    assert "(亿千瓦时 for 千瓦时?)" in hits[0]


# --- M15: the population row that slipped is named --------------------------------------

def test_population_digit_dropped_named():
    from carbonpath.dataset.absolute import usual_per_person

    drivers = pd.DataFrame(
        {"driver": ["gdp", "gdp", "population", "population"], "year": [2021, 2022, 2021, 2022],
         "value": [30000.0, 31500.0, 2000.0, 201.0], "unit": ["亿元", "亿元", "万人", "万人"]},
        index=[2, 3, 4, 5])
    found = usual_per_person(drivers, 2022, lambda _t, line: {"file": "d.csv", "row": line})
    # 2022: 31500e8 CNY / 201e4 persons = 1,567,164 CNY per person, outside the usual band;
    # the population stepped 201 / 2000 = 0.1005 (a digit dropped), the GDP 1.05
    assert len(found) == 1
    assert "population row 5" in found[0]
    assert "0.1005" in found[0]
    assert "d.csv, row 3" in found[0]


# --- M01: tonnes under 万吨 in a row of a province ------------------------------------

def test_tonnes_under_wan_row_warned(tmp_path):
    path = _edited(tmp_path, ACTIVITY, "residential,原煤,8,",
                   "residential,原煤,80000,万吨,combustion,,typed")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _inventory(path)
    hits = [m for m in _messages(record) if "row 21, column 'value'" in m]
    assert len(hits) == 1
    # 80000 / 10^4 = 8 万吨 lies among the other raw-coal rows (30 .. 900 万吨)
    assert "8 万吨 fits among them" in hits[0]
    assert "rows 2, 4, 7, 8, 11: 30 .. 900 万吨" in hits[0]


def test_sample_stays_quiet_of_giant_rows():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _inventory(ACTIVITY)
    assert not [m for m in _messages(record) if "fits among them" in m]


# --- M21: heat plants alone, where a balance books CHP fuel with its heat --------------

def test_balance_heat_plants_above_first_law_refused(tmp_path):
    path = tmp_path / "b.csv"
    text = BALANCE.read_text(encoding="utf-8")
    text = text.replace("1.火力发电,-780.00,", "1.火力发电,-978.00,").replace(
        "2.供热,-220.00,", "2.供热,-22.00,")  # 198 万吨 moved: the totals still add up
    path.write_text(text, encoding="utf-8")
    bs = cp.read_energy_balance(path, region="CN-SD", year=2022)
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(bs.activity, primary_electricity="calorific")
    # heat: 3800 万百万千焦 = 3800e4 GJ = 38,000 TJ; fuel of 供热: 22e4 t x 20.908 GJ/t
    # = 4,599.76 TJ of coal + 0.30e8 m3 at 20C x 273.15 / 293.15 x 38.931 MJ/Nm3
    # = 1,088.25 TJ of gas, 5,688.01 TJ; 38,000 / 5,688.01 = 668.1 %
    assert "heat_supply burns 5,688.01 TJ of fuel" in str(err.value)
    assert "668.1%" in str(err.value)


def test_tidy_chp_fuel_under_thermal_power_stays_allowed():
    # Liaocheng's convention: all heat under heat_supply, CHP fuel under thermal_power.
    # heat_supply's 20 万吨 of raw coal (20e4 t x 20.908 GJ/t = 4,181.6 TJ) beside the
    # 35,000 TJ of residential heat (3500 万百万千焦) is 837 %, but tidy rows may book CHP
    # fuel under thermal_power, so only the pooled bound (57 % here) is applied
    rows = pd.read_csv(ACTIVITY)
    rows.loc[rows["sector"].eq("heat_supply"), "value"] = 20
    with assert_no_carbonpath_warnings():
        inv = _inventory(rows)
    # heat_supply's one row, 20 万吨 of raw coal, at the bundled 1.8665 t CO2/t: 373,300 t
    co2 = inv.total("CO2", sector="heat_supply").to("t CO2").magnitude
    assert co2 == pytest.approx(20e4 * 1.8665, rel=1e-3)


# --- M30: a material fuel with a blank use ---------------------------------------------

def test_bitumen_blank_use_refused(tmp_path):
    path = _edited(tmp_path, ACTIVITY, "construction,石油沥青,",
                   "construction,石油沥青,6,万吨,,,typed")
    with pytest.raises(DataError) as err:
        cp.read_activity(path, region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (14, "use")
    assert "non_energy" in str(problem.valid)


# --- M103, M104: a fuel-making sector's charge booked as feedstock or non_energy --------

@pytest.mark.parametrize("use", ["feedstock", "non_energy"])
def test_coking_charge_as_feedstock_refused(tmp_path, use):
    path = _edited(tmp_path, ACTIVITY, "coking,洗精煤,", f"coking,洗精煤,110,万吨,{use},,typed")
    with pytest.raises(DataError) as err:
        cp.read_activity(path, region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (23, "use")
    assert "transformation_input" in str(problem.valid)


def test_charge_rule_spares_what_the_sector_makes():
    assert use_in_sector("cleaned_coal", "coking", "feedstock", "transformation")
    assert use_in_sector("crude_oil", "refining", "non_energy", "transformation")
    assert use_in_sector("coke_oven_gas", "coking", "feedstock", "transformation") is None
    assert use_in_sector("cleaned_coal", "chemicals", "feedstock", "industry") is None


# --- M153: a normal-m3 row among plain volumes at 20C -----------------------------------

def test_nm3_row_among_20c_rows_warned(tmp_path):
    path = _edited(tmp_path, ACTIVITY, "commercial,天然气,",
                   "commercial,天然气,7000,万Nm3,combustion,,typed")
    with pytest.warns(GasConditionWarning) as record:
        cp.read_activity(path, region="CN-SD", year=2022)
    text = str(record[0].message)
    assert "row 18, column 'unit'" in text
    assert "at 0C" in text
    assert "0.9318 times" in text  # 273.15 K / 293.15 K = 0.93178


# --- M09: a technology whose factors are for another IPCC category ----------------------

def test_technology_outside_its_category_refused(tmp_path):
    rows = pd.read_csv(ACTIVITY)
    rows["technology"] = ""
    rows.loc[len(rows)] = ["commercial", "汽油", 2, "万吨", "combustion", "", "typed",
                           "oxidation_catalyst"]
    with pytest.raises(DataError) as err:
        cp.read_activity(rows, region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert problem.column == "technology"
    assert "1A4a" in problem.message
    with pytest.raises(DataError, match="1A3"):
        cp.fuel_factors("gasoline", "commercial", "CN-SD", 2022,
                        technology="oxidation_catalyst")
    # in transport the catalyst's factors are found (accepted as before)
    assert cp.fuel_factors("gasoline", "transport", "CN-SD", 2022,
                           technology="oxidation_catalyst")
