"""Round-6 cases of PathwayModel.apply / update (issue 11): slips, GDP > 0, argument types.

Expected values are the cases' own arithmetic on the tiny dataset's rows (read in the files):
demands.csv row 3 is 7200 GWh/yr, drivers.csv row 6 is 0.50 t CO2/MWh (range 0 .. 1.5),
parameters.csv row 23 is grid_import max_activity 1000 GWh/yr.
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.errors import ArgumentTypeError, DataError, ImplausibleValueError
from carbonpath.model.update_checks import SAMPLED


@pytest.fixture(scope="module")
def model():
    return cp.PathwayModel("tiny", scenario="plan")


def test_rows_are_what_the_cases_say(model):
    t = model.dataset.tables
    assert float(t["demands"].loc[3, "value"]) == 7200.0
    assert t["drivers"].loc[6, "driver"] == "grid_emission_factor"
    assert t["parameters"].loc[23, "parameter"] == "max_activity"
    assert float(t["parameters"].loc[23, "value"]) == 1000.0


@pytest.mark.parametrize(("key", "value", "needle"), [
    (("demands", 3), 7.2, "0.001 x"),          # AP01: 7.2 / 7200 = 1e-3
    (("drivers", 6), 500.0, "1.5"),             # AP03: 500 t/MWh > 1.5 t/MWh
    (("parameters", 23), 1e9, "1e+06 x"),       # AP16: 1e9 / 1000 = 1e6
])
def test_apply_refuses_slips(model, key, value, needle):
    with pytest.raises(ImplausibleValueError, match=needle.replace("+", r"\+")):
        model.apply({key: value})


def test_gdp_step_edge(model):
    """drivers.csv row 3, GDP 2030 = 1300 亿元: x9.99 (12987) passes; x10 itself (13000, one
    zero added: round 20, Y37) and x10.01 (13013) are slips."""
    model.apply({("drivers", 3): 12987.0})
    model.restore()
    for slip in (13000.0, 13013.0):
        with pytest.raises(ImplausibleValueError, match="10 x"):
            model.apply({("drivers", 3): slip})


def test_override_and_sampled_accept_a_slip(model):
    with pytest.warns(cp.errors.CarbonpathWarning, match="0.001 x"):
        model.apply({("demands", 3): 7.2}, plausibility="override: a test")
    model.apply({("demands", 3): 7.2}, plausibility=SAMPLED)  # no warning, no error
    model.restore()
    model.apply({("demands", 3): 7200.0 * 1.5})  # x1.5: a scenario, not a slip


def test_apply_refuses_gdp_zero_even_sampled(model):
    for plaus in (None, SAMPLED):  # AP06
        with pytest.raises(DataError, match="GDP must be > 0"):
            model.apply({("drivers", 2): 0.0}, plausibility=plaus)


def test_argument_types(model):
    with pytest.raises(ArgumentTypeError, match="mapping"):  # AP11
        model.apply([(("parameters", 2), 500.0)])
    with pytest.raises(ArgumentTypeError, match="table, file line"):
        model.apply({"parameters": 500.0})
    with pytest.raises(ArgumentTypeError, match="scalar"):  # UP21
        model.update(technology="pv", parameter="max_capacity",
                     value=cp.Q_([2800, 2900], "MW"))


def test_ap09_a_quantity_value_is_named_as_such(model):
    # parameters.csv row 2 is in CNY/t: apply takes plain numbers in the row's unit
    assert model.dataset.tables["parameters"].loc[2, "unit"] == "CNY/t"
    with pytest.raises(DataError, match=r"is a quantity \(500 CNY/t\).*plain number"):
        model.apply({("parameters", 2): cp.Q_(500, "CNY/t")})


def test_numpy_values_print_as_numbers():
    import numpy as np

    from carbonpath.errors import Problem

    text = str(Problem("bad", file="g.csv", row=2, column="rate", value=np.int64(5)))
    assert "(value: 5)" in text
    assert "np.int64" not in text
