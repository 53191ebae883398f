"""Round 24 (tester D, model data): D15 D56 D96 D101 D104 D108.

D15: a bound dated in one year only binds that year alone (SingleYearBoundWarning). D56: an
error needing a commodity balanced by timeslice names the commodity's row. D96: build costs
of a technology that may not be built, and a store declared non-fossil. D101: a reversed
low/high range. D104: a catalogue region's rows replacing the national trajectory. D108: a
unit written with 年.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath import DataError, load_dataset
from carbonpath.catalogue import load_catalogue
from carbonpath.dataset.operations import UnusedBuildLimitWarning
from carbonpath.dataset.year_slips import SingleYearBoundWarning
from carbonpath.errors import UnitError
from carbonpath.units import parse_unit, unit_factor
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"

# tiny: base year 2024 (observed), horizon 2030, so the decision years are 2025 .. 2030;
# parameters.csv row 23 is grid_import,max_activity,,1000,GWh/yr (a blank year)
IMPORT_LIMIT = "grid_import,max_activity,,1000"


# --- D15: a bound given for one year only ---------------------------------------------------

def _single_year_messages(folder) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in caught if w.category is SingleYearBoundWarning]


def test_d15_a_bound_dated_in_one_year_warns_naming_row_and_readings(tiny):
    edit(tiny, "parameters.csv", IMPORT_LIMIT, "grid_import,max_activity,2030,1000")
    (text,) = _single_year_messages(tiny)
    # 2030 alone is bound; of the decision years 2025 .. 2030 that leaves 2025 .. 2029
    assert text.startswith("parameters.csv, row 23, column year: grid_import max_activity is "
                           "given for 2030 only")
    assert "so it binds 2030 alone and leaves 2025..2029 free" in text
    assert "if it holds every year (2024..2030), leave the year blank" in text
    assert "give rows for the first and last year it should bind (e.g. 2025 and 2030" in text
    assert "plan.yaml target of type bound (quantity activity, max, years: [2030])" in text
    # the reading warned of: the model bounds the imports of 2030 and of no other year
    with pytest.warns(SingleYearBoundWarning):
        model = cp.PathwayModel(load_dataset(tiny), scenario="baseline")
    assert set(model.data.techs["grid_import"].bounds["max_activity"]) == {2030}


def test_d15_a_bound_of_the_observed_year_alone_binds_no_decision_year(tiny):
    edit(tiny, "parameters.csv", IMPORT_LIMIT, "grid_import,max_activity,2024,1000")
    (text,) = _single_year_messages(tiny)
    assert ("binds 2024 alone, an observed year fixed to the data, and no decision year "
            "(2025..2030)") in text
    assert "plan.yaml" not in text  # a target holds in decision years only


def test_d15_override_and_measure_rows_are_named_where_written(tiny):
    folder = tiny / "scenarios" / "more"
    folder.mkdir(parents=True)
    (folder / "parameters.csv").write_text(
        "technology,parameter,year,value,unit,source\npv,max_new_capacity,2027,100,MW/yr,x\n",
        encoding="utf-8")
    edit(tiny, "dataset.yaml", "scenarios:\n", "scenarios:\n  more:\n    extends: baseline\n")
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  base: baseline\n  list:\n    - name: m1\n      changes:\n"
                "        parameters: [{technology: coal_power, parameter: max_capacity, "
                "year: 2028, value: 900, unit: MW, source: 'assumption: t'}]\n"
                "      source: 'assumption: test'\n")
    texts = _single_year_messages(tiny)
    assert len(texts) == 2
    # 2027 of 2025 .. 2030 leaves 2025, 2026 and 2028 .. 2030
    assert texts[0].startswith("scenarios/more/parameters.csv, row 2, column year: pv "
                               "max_new_capacity is given for 2027 only")
    assert "leaves 2025, 2026, 2028, 2029, 2030 free" in texts[0]
    assert texts[1].startswith("dataset.yaml, key measures.m1.changes.parameters[0], column "
                               "year: coal_power max_capacity is given for 2028 only")


@pytest.mark.parametrize("rows", [
    "pv,min_capacity,2030,500,MW,a plan's 2030 target\n",  # a floor of one year: a target
    "pv,max_cumulative_new_capacity,2030,900,MW,a\n",  # binds every year before it too
    "pv,max_new_capacity,2025,100,MW/yr,a\npv,max_new_capacity,2030,300,MW/yr,a\n",
    "pv,max_new_capacity,,300,MW/yr,a\n",
])
def test_d15_targets_trajectories_and_blank_years_stay_quiet(tiny, rows):
    with open(tiny / "parameters.csv", "a", encoding="utf-8") as f:
        f.write(rows)
    with assert_no_carbonpath_warnings():
        load_dataset(tiny)


# --- D56: a commodity that must be balanced by timeslice --------------------------------------

def test_d56_a_store_of_an_annual_commodity_names_the_commodity_row(tiny):
    edit(tiny, "commodities.csv", "electricity,Electricity,GWh,timeslice,",
         "electricity,Electricity,GWh,annual,")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = next(p for p in err.value.problems if p.column == "storage_commodity")
    assert (problem.file, problem.row) == ("technologies.csv", 5)
    assert problem.message == ("storage must store a timeslice commodity: 'electricity' is "
                               "balanced annual (commodities.csv row 2, column balance)")
    # tiny's only other commodity, coal, is annual too: no alternative to list
    assert problem.valid == ("balance timeslice for 'electricity' in commodities.csv row 2 "
                             "(electricity, heat and hydrogen are used hour by hour)")


def test_d56_a_reserve_margin_of_an_annual_commodity_lists_the_timeslice_ones(tiny):
    (tiny / "reserves.csv").write_text("commodity,parameter,year,value,unit,source\n"
                                       "coal,margin,,0.1,1,assumption: t\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("reserves.csv", 2, "commodity")
    assert problem.message.endswith(": 'coal' is balanced annual (commodities.csv row 3, "
                                    "column balance)")
    assert problem.valid.endswith(", or a commodity balanced by timeslice: electricity")


# --- D96: investable false with build costs; a store declared non-fossil ---------------------

BATTERY = "battery,Battery,utilities,storage,timeslice,MW,MWh,true,false,"


def test_d96_build_costs_of_a_store_that_may_not_be_built_warn_once(tiny):
    edit(tiny, "technologies.csv", BATTERY, BATTERY.replace("true,false,", "false,false,"))
    with pytest.warns(UnusedBuildLimitWarning) as caught:
        load_dataset(tiny)
    (text,) = [str(w.message) for w in caught if w.category is UnusedBuildLimitWarning]
    # rows 17 and 18: battery capex 600 CNY/kW and capex_energy 800 CNY/kWh; no stock
    assert text.startswith("parameters.csv, rows 17, 18: capex and capex_energy of 'battery' "
                           "price new capacity, but 'battery' is not investable "
                           "(technologies.csv, row 5, column investable)")
    assert "with no residual_capacity either, 'battery' has no capacity in any year" in text


@pytest.mark.filterwarnings(  # the swap's other half: the build costs read by nothing
    "ignore::carbonpath.dataset.operations.UnusedBuildLimitWarning")
def test_d96_a_store_declared_nonfossil_is_refused(tiny):
    edit(tiny, "technologies.csv", BATTERY, BATTERY.replace("true,false,", "false,true,"))
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 5, "nonfossil")
    assert "storage 'battery' is declared nonfossil true" in problem.message
    assert problem.message.endswith("; swapped with investable (false)?")
    assert problem.valid == "false for a storage technology"


# --- D101, D104: the catalogue's ranges and regional rows ------------------------------------

def _catalogue_copy(tmp_path, old: str, new: str, append: str = "") -> Path:
    folder = tmp_path / "cat"
    shutil.copytree(CATALOGUE, folder)
    path = folder / "parameters.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1) + append, encoding="utf-8")
    return folder


def test_d101_a_reversed_range_is_named_as_such(tmp_path):
    # row 61: pv_utility capex 2030 value 2800, low 2240, high 3360; written high, low
    folder = _catalogue_copy(tmp_path, "pv_utility,capex,,2030,2800,2240.0,3360.0",
                             "pv_utility,capex,,2030,2800,3360.0,2240.0")
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    problem = only_problem(err)
    assert (problem.row, problem.column) == (61, "low")
    assert problem.message == ("low 3360 is above high 2240: the range is reversed (low and "
                               "high swapped?)")
    assert problem.valid == "low <= value <= high, e.g. low 2240, high 3360"


def test_d101_a_reversed_range_in_a_user_factor_table(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("item,quantity,gas,sector,technology,value,unit,basis,region,year,low,high,"
                    "source,source_item,status,note\nanthracite,calorific_value,,,,26.7,TJ/Gg,"
                    "net,CN,,32.2,21.6,survey,Anthracite,verified,\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=[path])
    problem = only_problem(err)  # one problem, not 'low above value' and 'high below value'
    assert (problem.row, problem.column) == (2, "low")
    assert problem.message.startswith("low 32.2 is above high 21.6: the range is reversed")


def test_d104_a_regional_row_names_the_national_trajectory_it_replaces(tmp_path):
    folder = _catalogue_copy(tmp_path, "pv_utility,capex,,2030,", "pv_utility,capex,,2030,",
                             "pv_utility,capex,CN-SD,2030,2600,2100,3100,CNY/kW,"
                             "assumption: Shandong 2030 tender,assumption\n")
    catalogue = load_catalogue(folder)
    with pytest.raises(DataError) as err:
        catalogue.value("pv_utility", "capex", 2024, ("CN-SD", "CN"))
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("cat/parameters.csv", 509, "year")
    assert problem.message == (
        "the catalogue's capex trajectory of 'pv_utility' for CN-SD covers 2030..2030, not "
        "2024; these CN-SD rows replace the national trajectory (2020..2060) for CN-SD and "
        "the regions under it, so they must cover the years themselves")
    assert "or no CN-SD rows (the national trajectory is then used)" in problem.valid
    # the national trajectory itself still answers for another province
    assert catalogue.value("pv_utility", "capex", 2024, ("CN-ZJ", "CN")) is not None


# --- D108: 年 for a year -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fixed"), [("年", "yr"), ("元/(kW·年)", "元/(kW·yr)"),
                                             ("元/(千瓦·年)", "元/(千瓦·yr)")])
def test_d108_a_unit_with_the_year_character_names_yr(text, fixed):
    with pytest.raises(UnitError) as err:
        parse_unit(text)
    problem = err.value.problems[0]
    assert problem.message == (f"'{text}' is not a unit carbonpath knows (年, a year, is "
                               f"written yr): write '{fixed}'")
    assert problem.valid.startswith(f"'{fixed}'; else ")
    assert "yr" in problem.valid.split("; else ")[1]  # the list names a time unit


def test_d108_the_spelling_offered_is_the_rate_meant():
    # 1 元/(kW·yr) = 1 CNY per kW per year; 1 万千瓦时/yr = 10^4 kWh/yr = 0.01 GWh/yr
    assert unit_factor("元/(kW·yr)", "CNY/kW/yr") == pytest.approx(1.0)
    assert unit_factor("万千瓦时/yr", "GWh/yr") == pytest.approx(0.01)
    with pytest.raises(UnitError) as err:
        parse_unit("万千瓦时/年")
    assert err.value.problems[0].valid == ("万千瓦时 (the unit without '/年'), or 万千瓦时/yr "
                                           "for a rate per year")


def test_d108_a_lifetime_in_years_written_with_the_character_names_its_row(tiny):
    edit(tiny, "parameters.csv", "coal_power,lifetime,,30,yr", "coal_power,lifetime,,30,年")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 4, "unit")
    assert "write 'yr'" in problem.message
