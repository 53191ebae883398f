"""Round 29 ME31 ME37 ME82 ME83 ME95: model inputs that were taken or told wrongly.

ME31: tiny's coal_power variable_cost written -20 CNY/MWh (parameters.csv row 7: the header is
line 1, coal_supply's two rows lines 2-3, coal_power lifetime, capex, fixed_om lines 4-6) was
taken; the plant then earns 20 CNY on every MWh. ME37/ME82: a file of the dataset given for
its folder. ME83: ``--scenario plan,baseline``. ME95: ``hours: 4.0``.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from carbonpath import Q_, PathwayModel, load_dataset
from carbonpath.cli import app
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    InputNotFoundError,
)
from tests.conftest import edit, only_problem

runner = CliRunner()


# ME31: a negative variable cost of a plant with one output


def test_a_negative_variable_cost_of_a_one_output_plant_is_refused(tiny):
    edit(tiny, "parameters.csv", "coal_power,variable_cost,,20,", "coal_power,variable_cost,,-20,")
    with pytest.raises(ImplausibleValueError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 7, "value")
    # the slipped sign's value, -1 x -20 = 20 CNY/MWh, is offered back
    assert "implausible variable_cost of coal_power: -20 CNY/MWh is negative" in p.message
    assert "(20 CNY/MWh meant?)" in p.message
    assert "override: <reason>" in p.valid


def test_an_override_keeps_a_negative_variable_cost_with_a_warning(tiny):
    path = tiny / "parameters.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",plausibility"
    lines[1:] = [line + "," for line in lines[1:]]
    assert lines[6].startswith("coal_power,variable_cost,,20,")
    lines[6] = lines[6].replace(",20,", ",-20,") + "override: a gate fee per MWh"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(CarbonpathWarning,
                      match="override.*variable_cost of coal_power: -20 CNY/MWh is negative"):
        ds = load_dataset(tiny)
    params = ds.tables["parameters"]
    row = params[(params["technology"] == "coal_power")
                 & (params["parameter"] == "variable_cost")]
    assert row["value"].tolist() == [-20]


def test_an_import_may_have_a_negative_price(tiny):
    # a gate fee (paid to take the commodity) is a negative price of an import: not refused
    edit(tiny, "parameters.csv", "grid_import,variable_cost,,450,",
         "grid_import,variable_cost,,-450,")
    params = load_dataset(tiny).tables["parameters"]
    row = params[(params["technology"] == "grid_import")
                 & (params["parameter"] == "variable_cost")]
    assert row["value"].astype(float).tolist() == [-450.0]  # read as written, not refused


@pytest.mark.parametrize(("kind", "outputs", "value", "refused"), [
    ("conversion", 1, -20.0, True),
    ("supply", 1, -0.5, True),
    ("conversion", 2, -20.0, False),  # a by-product: its revenue may be the negative cost
    ("import", 1, -20.0, False),      # a gate fee
    ("export", 0, -20.0, False),      # a sale
    ("conversion", 1, 0.0, False),
    ("conversion", 1, 20.0, False),
])
def test_which_negative_costs_are_refused(kind, outputs, value, refused):
    from carbonpath.dataset.cost_checks import negative_cost_problem

    row = {"technology": "t", "parameter": "variable_cost", "value": value, "unit": "CNY/MWh"}
    hit = negative_cost_problem(row, {"file": "parameters.csv", "row": 2}, kind, outputs,
                                "write 'override: <reason>'")
    assert (hit is not None) == refused


def test_update_refuses_a_negative_cost_where_the_dataset_has_none():
    # pv has no variable_cost row (0): no sign to compare with, yet -20 CNY/MWh is a revenue
    model = PathwayModel("tiny", scenario="plan")
    with pytest.raises(ImplausibleValueError,
                       match="variable_cost of pv: -20 CNY / MWh is negative"):
        model.update(technology="pv", parameter="variable_cost", value=Q_(-20, "CNY/MWh"),
                     years=[2026])
    with pytest.warns(CarbonpathWarning, match="variable_cost of pv: -20 CNY / MWh is negative"):
        model.update(technology="pv", parameter="variable_cost", value=Q_(-20, "CNY/MWh"),
                     years=[2026], plausibility="override: a feed-in subsidy")


# ME37 ME82: a file of the dataset for its folder


def test_a_file_of_the_dataset_says_to_give_its_folder(tiny):
    with pytest.raises(InputNotFoundError) as err:
        load_dataset(tiny / "technologies.csv")
    assert str(err.value).startswith(f"{tiny / 'technologies.csv'} is a file; a dataset is a "
                                     f"folder: give its folder: {tiny}")


def test_a_file_outside_any_dataset_says_what_a_dataset_is(tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("x", encoding="utf-8")
    with pytest.raises(InputNotFoundError, match=f"{tmp_path} has no dataset.yaml"):
        load_dataset(stray)


def test_optimise_of_the_dataset_yaml_says_to_give_the_folder(tiny):
    result = runner.invoke(app, ["optimise", str(tiny / "dataset.yaml"), "--scenario", "plan"])
    assert result.exit_code == 1
    assert f"is a file; a dataset is a folder: give its folder: {tiny}" in result.output
    assert "Traceback" not in result.output


# ME83: two scenarios in one --scenario


@pytest.mark.parametrize("command", ["optimise", "macc"])
def test_a_list_of_scenarios_says_one_at_a_time(command):
    result = runner.invoke(app, [command, "tiny", "--scenario", "plan,baseline"])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert f"{command} takes one scenario at a time" in text
    assert f"`carbonpath {command} tiny --scenario plan`" in text
    assert f"`carbonpath {command} tiny --scenario baseline`" in text
    assert "`carbonpath run tiny`" in text


# ME95: hours written 4.0


def test_hours_written_as_a_float_says_write_a_whole_number(tiny):
    edit(tiny, "dataset.yaml", "hours: 4 ", "hours: 4.0 ")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "timeslices.hours"
    assert "write 4, not 4.0" in p.message
    # the divisors of 24 = 2^3 x 3: 1, 2, 3, 4, 6, 8, 12, 24
    assert p.valid == "1, 2, 3, 4, 6, 8, 12, 24"


def test_hours_true_is_not_one_hour(tiny):
    # YAML reads `true` as a boolean, which Python counts as 1 (and 1 divides 24)
    edit(tiny, "dataset.yaml", "hours: 4 ", "hours: true ")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "timeslices.hours"
    assert "is a yes/no" in p.message
