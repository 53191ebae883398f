"""Round 23 (tester i) model cases G20, G68, G137: silent or poorly explained slips.

Hand figures: tiny's plan.yaml has target ``peak`` (peak_year 2026) and the plan scenario
names [peak, cap]; tiny's parameters.csv has 23 lines, so an appended row is row 24.
A discount rate of 0.08 with unit % is 0.08 / 100 = 0.0008 a year (0.08 %), below the
0.5 % floor of the discount-rate warning; 8 with unit % is 0.08 (quiet).
A reserve margin of 1.12 (unit 1) read as a multiplier of the peak is 1.12 - 1 = 0.12.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import DataError, load_dataset
from tests.conftest import edit


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _caught(call, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in caught if issubclass(w.category, category)]


# --- G20: two peak_year targets in one scenario ------------------------------------------------


def test_two_peak_year_targets_in_one_scenario_are_refused(tiny):
    _append(tiny, "plan.yaml", "  - name: pk2\n    type: peak_year\n    year: 2024\n    gas: CO2\n"
            "    status: assumption\n    source: 'assumption: x'")
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, pk2]")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    text = str(err.value)
    assert "two peak_year targets" in text
    assert "'peak' (year 2026)" in text
    assert "'pk2' (year 2024)" in text
    assert "scenarios.plan.targets" in text


def test_peak_year_target_in_a_scenario_of_its_own_loads(tiny):
    _append(tiny, "plan.yaml", "  - name: pk2\n    type: peak_year\n    year: 2024\n    gas: CO2\n"
            "    status: assumption\n    source: 'assumption: x'")
    _append(tiny, "dataset.yaml", "  early:\n    targets: [pk2, cap]")
    assert "early" in load_dataset(tiny).config["scenarios"]


# --- G68: a technology's discount rate typed as a fraction under % ------------------------------


def test_technology_discount_rate_fraction_under_percent_warns(tiny):
    from carbonpath.dataset.role_checks import DiscountRateWarning

    _append(tiny, "parameters.csv", "pv,discount_rate,,0.08,%,assumption: x")
    found = _caught(lambda: load_dataset(tiny), DiscountRateWarning)
    assert len(found) == 1
    assert "parameters.csv, row 24" in found[0]
    assert "0.0008" in found[0]  # 0.08 % = 0.0008
    assert "write 0.08 with unit 1" in found[0]
    assert "8 with unit %" in found[0]


@pytest.mark.parametrize(("value", "unit"), [("8", "%"), ("0.08", "1")])
def test_technology_discount_rate_of_eight_percent_is_quiet(tiny, value, unit):
    from carbonpath.dataset.role_checks import DiscountRateWarning

    _append(tiny, "parameters.csv", f"pv,discount_rate,,{value},{unit},assumption: x")
    assert _caught(lambda: load_dataset(tiny), DiscountRateWarning) == []


# --- G137: a reserve margin written as a multiplier of the peak ---------------------------------


def test_reserve_margin_multiplier_offers_the_margin():
    from carbonpath.dataset.operations import _check_margin

    problems = []
    _check_margin({"commodity": "electricity", "value": 1.12, "unit": "1"}, 5, problems)
    assert len(problems) == 1
    assert "write 0.12 if firm capacity 1.12 times the peak (12 % margin)" in problems[0].valid
    assert "0.0112" in problems[0].valid  # the percentage reading is still offered


def test_reserve_margin_of_twelve_offers_only_the_percentage():
    from carbonpath.dataset.operations import _check_margin

    problems = []
    _check_margin({"commodity": "electricity", "value": 12.0, "unit": "1"}, 5, problems)
    assert "times the peak (" not in problems[0].valid  # 12 is no multiplier
    assert "write 0.12" in problems[0].valid


# --- G57: an import typed 'supply' -------------------------------------------------------------


def test_import_typed_supply_names_the_kind_cell(tiny):
    from carbonpath.model.data import ModelData

    edit(tiny, "technologies.csv", "transfers,import,", "transfers,supply,")
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "baseline")
    text = str(err.value)
    assert "'grid_import' has capacity but no lifetime" in text
    assert "column 'kind') is 'import'" in text


# --- G80: own use on a generator, netted from its output ----------------------------------------


def test_own_use_row_is_named_in_the_base_year_gap(tiny):
    """coal_power 5868.6 GWh x (1 - 0.06) = 5516.484 GWh; pv 131.4; total supply 5647.884,
    demand 6000: short by 352.116 GWh (= 5868.6 x 0.06). flows.csv has 5 lines, so the
    appended own-use row is row 7 (6 lines + header)."""
    from carbonpath.model.data import ModelData

    lines = (tiny / "flows.csv").read_text(encoding="utf-8").strip().splitlines()
    _append(tiny, "flows.csv", "coal_power,electricity,input,0.06,MWh/MWh,assumption: own use")
    row = len(lines) + 1
    with pytest.raises(DataError) as err:
        ModelData.from_dataset(load_dataset(tiny), "baseline")
    text = str(err.value)
    assert "short of use and demand by 352.116" in text
    assert "x (1 output - 0.06 input) GWh/GWh = 5516.48 GWh/yr" in text
    assert f"flows.csv row {row})" in text


# --- G176: a refused commodity unit is not offered as valid in later rows -----------------------


def test_refused_commodity_unit_is_one_problem(tiny):
    edit(tiny, "commodities.csv", "Electricity,GWh,", "Electricity,万kWh,")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    assert len(err.value.problems) == 1
    problem = err.value.problems[0]
    assert problem.file == "commodities.csv"
    assert "万千瓦时" in problem.valid


# --- G86: a life-cycle factor on a non-fossil technology ----------------------------------------


def test_direct_co2_factor_on_nonfossil_pv_warns(tiny):
    from carbonpath.dataset.role_checks import NonfossilFactorWarning

    (tiny / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        "pv,CO2,activity,,,0.04,t CO2/MWh,assumption: life-cycle\n", encoding="utf-8")
    found = _caught(lambda: load_dataset(tiny), NonfossilFactorWarning)
    assert len(found) == 1
    assert "emissions.csv, row 2" in found[0]
    assert "'pv' is declared nonfossil" in found[0]


def test_direct_co2_factor_on_fossil_coal_power_is_quiet(tiny):
    from carbonpath.dataset.role_checks import NonfossilFactorWarning

    (tiny / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        "coal_power,CO2,activity,,,0.8,t CO2/MWh,assumption: x\n", encoding="utf-8")
    assert _caught(lambda: load_dataset(tiny), NonfossilFactorWarning) == []


# --- G125: gpc with a captive coal plant booked under industry ----------------------------------


def _gpc(tiny, sector):
    edit(tiny, "dataset.yaml", "method: provincial", "method: gpc")
    edit(tiny, "technologies.csv", "coal_power,Coal power plant,thermal_power",
         f"coal_power,Coal power plant,{sector}")


def test_gpc_generator_outside_power_sector_warns(tiny):
    from carbonpath.model.data import ModelData
    from carbonpath.model.emission_rows import OwnGenerationWarning

    _gpc(tiny, "industry")
    found = _caught(lambda: ModelData.from_dataset(load_dataset(tiny), "baseline"),
                    OwnGenerationWarning)
    assert len(found) == 1
    assert "technologies.csv row 3, column 'sector'" in found[0]
    assert "'coal_power' (sector industry) makes electricity" in found[0]
    assert "write sector thermal_power" in found[0]


def test_gpc_coal_plant_in_thermal_power_is_quiet(tiny):
    from carbonpath.model.data import ModelData
    from carbonpath.model.emission_rows import OwnGenerationWarning

    _gpc(tiny, "thermal_power")
    found = _caught(lambda: ModelData.from_dataset(load_dataset(tiny), "baseline"),
                    OwnGenerationWarning)
    assert found == []
