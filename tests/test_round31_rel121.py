"""Round 31 (rel121): a generator's economic_lifetime held to its lifetime's floor (MG141),
a target year written twice (MG111), update() of a build limit held to the demand (MG51)."""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath import DataError, load_dataset
from carbonpath.errors import ImplausibleValueError
from carbonpath.model.build import PathwayModel
from carbonpath.units import Q_
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

# -- MG141: economic_lifetime 2.5 yr for a PV's 25 ---------------------------------------------


def test_a_pv_economic_lifetime_of_two_and_a_half_years_is_refused(tiny):
    edit(tiny, "parameters.csv", "pv,lifetime,,25,yr,assumption: toy\n",
         "pv,lifetime,,25,yr,assumption: toy\npv,economic_lifetime,,2.5,yr,slip\n")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    # the new line is the 11th of the file (header row 1, pv,lifetime on row 10)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 11, "value")
    assert "economic_lifetime of pv" in problem.message
    assert "25 yr meant?" in problem.message  # 2.5 x 10
    assert problem.valid.startswith("5 .. 150 yr")


def test_a_coal_economic_lifetime_of_three_years_is_refused(tiny):
    edit(tiny, "parameters.csv", "coal_power,lifetime,,30,yr,assumption: toy\n",
         "coal_power,lifetime,,30,yr,assumption: toy\n"
         "coal_power,economic_lifetime,,3,yr,slip\n")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    assert "30 yr meant?" in only_problem(err).message  # 3 x 10


def test_a_generator_economic_lifetime_of_twenty_years_is_quiet(tiny):
    edit(tiny, "parameters.csv", "pv,lifetime,,25,yr,assumption: toy\n",
         "pv,lifetime,,25,yr,assumption: toy\npv,economic_lifetime,,20,yr,a loan\n")
    with assert_no_carbonpath_warnings():
        cp.load_dataset(tiny)


# -- MG111: cap years [2030, 2030] -------------------------------------------------------------


def test_a_cap_year_written_twice_is_refused_naming_the_key(tiny):
    edit(tiny, "plan.yaml", "    value: 4.8\n", "    value: 4.8\n    years: [2030, 2030]\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("plan.yaml", "targets.cap.years")
    assert "2030 written twice" in problem.message
    assert problem.valid == "distinct model years (2024 .. 2030)"


def test_distinct_cap_years_are_quiet(tiny):
    edit(tiny, "plan.yaml", "    value: 4.8\n", "    value: 4.8\n    years: [2026, 2030]\n")
    with assert_no_carbonpath_warnings():
        cp.load_dataset(tiny)


# -- MG51: update() of max_new_capacity against the demand -------------------------------------


def test_update_of_a_build_limit_beyond_the_demand_is_refused_as_the_row_is(tiny):
    model = PathwayModel(load_dataset(tiny), "baseline")
    with pytest.raises(ImplausibleValueError) as err:
        model.update(technology="coal_power", parameter="max_new_capacity",
                     value=Q_(5000, "GW/yr"))
    problem = only_problem(err)
    # 5000 GW x 8760 h = 43,800,000 GWh; tiny's largest demand 7,200 GWh/yr: 6,083 x;
    # at most 1000 x 7,200 GWh / 8760 h = 821.9 GW/yr
    assert "43,800,000 GWh" in problem.message
    assert "6,083 times" in problem.message
    assert "821.9" in problem.valid
    # the MW/yr meant is accepted, and the refused value passes with an override
    model.update(technology="coal_power", parameter="max_new_capacity", value=Q_(5000, "MW/yr"))
    with pytest.warns(cp.CarbonpathWarning, match="override"):
        model.update(technology="coal_power", parameter="max_new_capacity",
                     value=Q_(5000, "GW/yr"), plausibility="override: a test")


# -- MG23: energy.coal_rate_basis generation without generation-basis coal rates ----------------


def test_a_coal_rate_basis_without_rates_names_the_dataset_key_and_driver_row(tiny):
    from carbonpath.errors import FactorNotFoundError
    from carbonpath.run import dataset_inventory

    edit(tiny, "dataset.yaml", "coal_rate_basis: supply", "coal_rate_basis: generation")
    with pytest.raises(FactorNotFoundError) as err:
        dataset_inventory(load_dataset(tiny))
    message = str(err.value)
    assert message.startswith("dataset.yaml, key 'energy.coal_rate_basis' (generation)")
    # tiny's drivers.csv: header on line 1, thermal_power_coal_rate on line 9
    assert "drivers.csv row 9 (thermal_power_coal_rate) sets" in message
    assert "valid: energy.coal_rate_basis: supply" in message
    assert "--coal-rate-basis" not in message
    assert "coal_rate_basis='" not in message


# -- MG11: one demand row's profile blank beside a row naming 'load' ----------------------------


def test_a_blank_demand_profile_beside_a_named_one_warns_naming_both_rows(tiny):
    from carbonpath.dataset.profile_keys import BlankProfileWarning

    edit(tiny, "demands.csv", "electricity,2030,7200,GWh/yr,load", "electricity,2030,7200,GWh/yr,")
    with pytest.warns(BlankProfileWarning) as caught:
        cp.load_dataset(tiny)
    assert len(caught) == 1
    message = str(caught[0].message)
    # header line 1, the 2024 row (load) line 2, the 2030 row (blank) line 3
    assert message.startswith("demands.csv, row 3, column 'profile'")
    assert "row 2 names 'load'" in message


# -- MG29: pv taking the electricity it makes ---------------------------------------------------


def test_a_technology_taking_as_much_as_it_makes_is_refused_at_the_input_row(tiny):
    flows = tiny / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8").rstrip("\n")
                     + "\npv,electricity,input,1,MWh/MWh,copy slip\n", encoding="utf-8")
    line = len(flows.read_text(encoding="utf-8").splitlines())  # the appended row's line
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("flows.csv", line, "direction")
    assert "technology 'pv' takes electricity" in problem.message


def test_a_plant_own_use_below_its_output_is_quiet():
    import pandas as pd

    from carbonpath.dataset.fuel_checks import self_input_problem

    def own(taken):
        return pd.DataFrame({"commodity": ["coal", "electricity", "electricity"],
                             "direction": ["input", "input", "output"],
                             "value": [0.33, taken, 1.0],
                             "unit": ["tce/MWh", "kWh/MWh", "MWh/MWh"]}, index=[2, 3, 4])

    def place(line):
        return {"file": "flows.csv", "row": line}

    # 60 kWh/MWh = 0.06 MWh/MWh < 1: own use, quiet; 1000 kWh/MWh = 1 MWh/MWh: nothing net
    assert self_input_problem("coal_power", "conversion", own(60.0), place) is None
    hit = self_input_problem("coal_power", "conversion", own(1000.0), place)
    assert (hit.file, hit.row) == ("flows.csv", 3)
