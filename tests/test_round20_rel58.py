"""Round 20 (tester Y), model configuration, commands and messages (issue 11).

Each test edits a copy of ``tiny`` as the tester did. tiny's rows used below (line numbers as
an editor shows them, header = 1): technologies.csv row 5 battery (storage, investable) and
row 6 grid_import (import, not investable); parameters.csv row 3 coal_supply activity 2024
2347.44 kt/yr (= 5868.6 GWh x 0.4 kt/GWh burned by coal_power), 23 lines in all, so an
appended row is row 24; demands.csv rows 2-3 electricity 6000 GWh/yr in 2024 and 7200 in 2030;
dataset.yaml horizon 2030, discount_rate 0.05.
"""

from __future__ import annotations

import types
import warnings

import pandas as pd
import pytest

from carbonpath import DataError, load_dataset
from carbonpath.errors import OutputFolderError, UnknownNameError
from carbonpath.units import Q_
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _warnings(call, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in caught if issubclass(w.category, category)]


# --- Y40: a parameter the technology's kind has no column for ---------------------------------


@pytest.fixture(scope="module")
def tiny_model():
    from carbonpath.model.build import PathwayModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return PathwayModel(load_dataset("tiny"))


@pytest.mark.parametrize(("parameter", "value"), [
    ("variable_cost", Q_(5, "CNY/MWh")), ("max_activity", Q_(10, "MWh/yr")),
    ("min_activity", Q_(0, "MWh/yr"))])
def test_update_of_an_activity_parameter_of_storage_is_a_typed_error(tiny_model, parameter,
                                                                      value):
    with pytest.raises(UnknownNameError) as err:
        tiny_model.update(technology="battery", parameter=parameter, value=value)
    text = str(err.value)
    assert f"update(technology='battery', parameter='{parameter}')" in text
    assert "storage" in text
    # what applies to an investable storage: the capacity bounds and the build limits
    assert "max_capacity, min_capacity, max_new_capacity, min_new_capacity" in text
    assert "KeyError" not in text


def test_update_of_a_build_limit_of_a_technology_that_cannot_be_built(tiny_model):
    with pytest.raises(UnknownNameError) as err:
        tiny_model.update(technology="grid_import", parameter="max_new_capacity",
                          value=Q_(10, "MW/yr"))
    text = str(err.value)
    assert "not investable" in text
    assert "variable_cost, max_capacity, min_capacity, max_activity, min_activity" in text


def test_storage_variable_cost_row_is_refused_at_load(tiny):
    """The model has no activity for a storage: the row was read by nothing, silently."""
    _append(tiny, "parameters.csv", "battery,variable_cost,,5,CNY/MWh,test")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 24, "parameter")
    assert "storage 'battery' has none" in problem.message


# --- Y167: a discount rate of 0.005 for 0.05 --------------------------------------------------


def test_discount_rate_a_tenth_of_a_percent_slip_warns(tiny):
    from carbonpath.dataset.role_checks import DiscountRateWarning

    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.005")
    found = _warnings(lambda: load_dataset(tiny), DiscountRateWarning)
    assert len(found) == 1
    assert "dataset.yaml, key discount_rate" in found[0]
    assert "0.05 meant?" in found[0]  # 0.005 x 10


@pytest.mark.parametrize("rate", ["0", "0.01"])
def test_discount_rate_zero_or_one_percent_is_quiet(tiny, rate):
    from carbonpath.dataset.role_checks import DiscountRateWarning

    edit(tiny, "dataset.yaml", "discount_rate: 0.05", f"discount_rate: {rate}")
    assert _warnings(lambda: load_dataset(tiny), DiscountRateWarning) == []


# --- Y97: a share in % --------------------------------------------------------------------------


def test_min_output_in_percent_is_read_as_a_share(tiny):
    """40 % = 0.4 of the available capacity: inside [0, 1], so it loads."""
    from carbonpath.model.data import ModelData

    _append(tiny, "parameters.csv", "coal_power,min_output,,40,%,test")
    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        data = ModelData.from_dataset(load_dataset(tiny), "plan")
    # one year-less row: 0.4 in every model year 2024 .. 2030
    assert data.techs["coal_power"].ops.min_output[""].tolist() == [pytest.approx(0.4)] * 7


def test_min_output_above_100_percent_is_still_refused(tiny):
    _append(tiny, "parameters.csv", "coal_power,min_output,,140,%,test")  # 1.4
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.row, problem.column) == (24, "value")


def test_new_value_of_a_percent_row_is_checked_as_a_share(tiny):
    """apply() gives a new value in the row's unit: 85 on a % row is 0.85, in [0, 1]."""
    from carbonpath.dataset.domains import domain_problems

    _append(tiny, "parameters.csv", "coal_power,availability,,90,%,test")
    tables = load_dataset(tiny).tables
    assert domain_problems(tables, "parameters", 24, 85.0, "overrides") == []
    assert len(domain_problems(tables, "parameters", 24, 150.0, "overrides")) == 1  # 1.5


# --- Y27: --out into a dataset folder ---------------------------------------------------------


def test_any_writer_refuses_a_dataset_folder(tiny):
    from carbonpath.outputs import check

    with pytest.raises(OutputFolderError) as err:
        check(tiny, will_write=["macc.json", "measures.csv"])
    assert "is a dataset folder (it holds dataset.yaml)" in str(err.value)
    assert sorted(p.name for p in tiny.iterdir()) == sorted(
        p.name for p in (tiny.parent / "tiny").iterdir())  # nothing written


def test_cli_macc_out_refuses_the_dataset_folder(tiny):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    before = sorted(p.name for p in tiny.iterdir())
    result = CliRunner().invoke(app, ["macc", str(tiny), "--measures", "--out", str(tiny)])
    assert result.exit_code != 0
    assert "is a dataset folder" in result.output
    assert sorted(p.name for p in tiny.iterdir()) == before


def test_the_template_may_still_go_beside_a_dataset(tiny):
    from carbonpath.outputs import check

    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        check(tiny, will_write=["workbook.xlsx"], option="template")


# --- Y62: a link loss in per cent ---------------------------------------------------------------


def _two_regions(tiny, loss):
    edit(tiny, "dataset.yaml", "discount_rate: 0.05",
         "discount_rate: 0.05\nregions: [city, captive]")
    (tiny / "links.csv").write_text(
        "link,name,commodity,from_region,to_region,bidirectional,loss,capacity_unit,"
        "activity_unit,investable,source\n"
        f"tie,Tie,electricity,captive,city,true,{loss},MW,MWh,false,test\n", encoding="utf-8")


def test_link_loss_typed_in_percent_is_refused(tiny):
    _two_regions(tiny, "0.5")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("links.csv", 2, "loss")
    assert "0.5 % is 0.005" in problem.message
    assert problem.valid.startswith("0 <= loss <= 0.2")


def test_infeasible_subset_names_the_links_of_its_balances():
    from carbonpath.model.cause_hints import link_hint

    links = pd.DataFrame({"link": ["tie", "gas"], "commodity": ["electricity", "gas"],
                          "from_region": ["captive", "captive"], "to_region": ["city", "city"],
                          "loss": [0.15, 0.0]}, index=[2, 3])
    data = types.SimpleNamespace(dataset=types.SimpleNamespace(tables={"links": links}))
    hint = link_hint(data, [("electricity@city", "flat", 2023), ("electricity@city", 2023, 0)])
    assert "row 2 'tie' (electricity captive -> city, one way, loss 0.15)" in hint
    assert "'gas'" not in hint
    assert link_hint(data, [("coal@city", 2023)]) == ""


# --- Y142: dataset.yaml without the energy block ----------------------------------------------


def test_dataset_without_primary_electricity_is_refused(tiny):
    edit(tiny, "dataset.yaml", "  primary_electricity: coal_consumption\n", "")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("dataset.yaml", "energy.primary_electricity")
    assert "coal_consumption" in problem.valid
    assert "calorific" in problem.valid


# --- Y76: base_year_tolerance absorbing a large gap -------------------------------------------


def test_absorbed_base_year_gap_above_five_percent_warns(tiny):
    """coal: supply 2000 kt, coal_power burns 5868.6 GWh x 0.4 kt/GWh = 2347.44 kt; the gap
    347.44 kt is 347.44 / 2347.44 = 14.8 % of the larger side, within a tolerance of 0.2."""
    from carbonpath.model.base_balance import BaseYearGapWarning
    from carbonpath.model.data import ModelData

    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.05\n"
         "base_year_tolerance: 0.2")
    edit(tiny, "parameters.csv", "coal_supply,activity,2024,2347.44",
         "coal_supply,activity,2024,2000")
    found = _warnings(lambda: ModelData.from_dataset(load_dataset(tiny)), BaseYearGapWarning)
    assert len(found) == 1
    assert "balances coal" in found[0]
    assert "347.44 kt/yr (14.8%)" in found[0]
    assert "base_year_tolerance 0.2" in found[0]


def test_gap_within_five_percent_is_quiet(tiny):
    """2300 kt: the gap 47.44 / 2347.44 = 2.0 %, rounding-sized."""
    from carbonpath.model.base_balance import BaseYearGapWarning
    from carbonpath.model.data import ModelData

    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.05\n"
         "base_year_tolerance: 0.2")
    edit(tiny, "parameters.csv", "coal_supply,activity,2024,2347.44",
         "coal_supply,activity,2024,2300")
    assert _warnings(lambda: ModelData.from_dataset(load_dataset(tiny)),
                     BaseYearGapWarning) == []


# --- Y06: the horizon's demand interpolated towards a later row -------------------------------


def test_horizon_demand_interpolated_from_a_later_row_warns(tiny):
    """Rows 2024 6000 and 2035 7200: 2030 = 6000 + 1200 x 6/11 = 6654.55 GWh/yr."""
    from carbonpath.dataset.series import HorizonInterpolationWarning

    edit(tiny, "demands.csv", "electricity,2030,7200", "electricity,2035,7200")
    found = _warnings(lambda: load_dataset(tiny), HorizonInterpolationWarning)
    assert len(found) == 1
    assert found[0].startswith("demands.csv, row 3, column year")
    assert "6654.55 GWh/yr" in found[0]


def test_horizon_demand_given_is_quiet(tiny):
    from carbonpath.dataset.series import HorizonInterpolationWarning

    _append(tiny, "demands.csv", "electricity,2035,8000,GWh/yr,load,test")
    assert _warnings(lambda: load_dataset(tiny), HorizonInterpolationWarning) == []


def test_infeasibility_of_a_linked_balance_names_the_link_row(tmp_path):
    """b's 75 kt/yr of coal can come only over an 80 kt/yr link losing 10 %: 80 x 0.9 = 72 kt
    arrive, 3 kt short, so the model is infeasible and the diagnosis names links.csv row 2."""
    from carbonpath.errors import InfeasibleError
    from carbonpath.model.build import PathwayModel
    from tests import toy
    from tests.test_model_network import coal_link_case

    folder = coal_link_case(tmp_path, demand_2025=75000,
                            parameters=[toy.param("coal_b", "max_activity", 0, "t/yr")])
    with pytest.raises(InfeasibleError) as err:
        PathwayModel(load_dataset(folder), scenario="baseline").solve()
    assert "links.csv rows" in str(err.value)
    assert "row 2 'coal_link' (coal a -> b, one way, loss 0.1)" in str(err.value)
