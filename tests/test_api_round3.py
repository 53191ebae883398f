"""Round-3 API findings (issue 11): non-finite quantities, update() domains and slips,
unexpected keywords of Inventory.total."""

import math
import warnings

import numpy as np
import pytest

import carbonpath as cp
from carbonpath import Q_
from carbonpath.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CarbonpathWarning,
    ImplausibleValueError,
)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, [1.0, math.nan],
                                   np.array([[2.0], [np.inf]])])
def test_q_refuses_non_finite_magnitudes(value):
    with pytest.raises(ArgumentValueError, match="finite"):
        Q_(value, "t")


def test_q_keeps_finite_numbers_and_arrays():
    # 1 万吨标准煤 = 1e4 t x 29.3076 GJ/t = 293.076 TJ (GB/T 2589 standard coal)
    assert Q_(1, "万吨标准煤").to("TJ").magnitude == pytest.approx(293.076)
    assert list(Q_([1.0, -2.0], "t").magnitude) == [1.0, -2.0]


@pytest.fixture(scope="module")
def tiny_model():
    return cp.PathwayModel("tiny", scenario="plan")


@pytest.mark.parametrize(("value", "domain"), [
    (Q_(-5, "MW"), ">= 0"),
    ((math.nan, "MW"), "finite"),
    ((math.inf, "MW"), "finite"),
])
def test_update_refuses_a_bound_outside_its_domain(tiny_model, value, domain):
    before = dict(tiny_model.data.techs["pv"].bounds["max_capacity"])
    with pytest.raises(ArgumentValueError, match=domain) as info:
        tiny_model.update(technology="pv", parameter="max_capacity", value=value)
    assert "value" in str(info.value)
    assert tiny_model.data.techs["pv"].bounds["max_capacity"] == before  # nothing changed


def test_update_refuses_a_unit_slip_unless_overridden(tiny_model):
    # tiny: grid_import variable_cost 450 CNY/MWh (parameters.csv line 21); 450 CNY/kWh is
    # 1000 x that: a slip. 4000 CNY/MWh (8.9 x) and 50 CNY/MWh (1/9) are not.
    tech = tiny_model.data.techs["grid_import"]
    before = tech.variable_cost.copy()
    with pytest.raises(ImplausibleValueError, match="plausibility='override"):
        tiny_model.update(technology="grid_import", parameter="variable_cost",
                          value=Q_(450, "CNY/kWh"))
    assert list(tech.variable_cost) == list(before)
    with pytest.raises(ImplausibleValueError):  # MW for GW: 3 MW vs 3000 MW
        tiny_model.update(technology="pv", parameter="max_capacity", value=Q_(3, "MW"))
    with pytest.raises(ArgumentValueError, match="override: <reason>"):
        tiny_model.update(technology="grid_import", parameter="variable_cost",
                          value=Q_(450, "CNY/kWh"), plausibility="yes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for price in (4000, 50):
            tiny_model.update(technology="grid_import", parameter="variable_cost",
                              value=Q_(price, "CNY/MWh"))
    assert not [w for w in caught if issubclass(w.category, CarbonpathWarning)]
    with pytest.warns(CarbonpathWarning, match="override"):
        tiny_model.update(technology="grid_import", parameter="variable_cost",
                          value=Q_(450, "CNY/kWh"), plausibility="override: price shock")
    k = tiny_model.data.year_index[tiny_model.data.decision_years[0]]
    assert tech.variable_cost[k] == pytest.approx(450.0)  # MCNY/GWh = CNY/kWh
    tiny_model.update(technology="grid_import", parameter="variable_cost",
                      value=Q_(450, "CNY/MWh"))


def test_total_names_an_unexpected_keyword():
    inv = cp.compute_inventory("datasets/samples/activity_sample.csv",
                               production="datasets/samples/production_sample.csv",
                               region="CN-SD", year=2022,
                               primary_electricity="coal_consumption",
                               coal_rate_basis="supply")
    with pytest.raises(ArgumentTypeError, match=r"Inventory.total\(\): got an unexpected "
                                                r"keyword argument 'gwp' \(give gwp to comp"):
        inv.total(gas="CO2", gwp="AR9")
    with pytest.raises(ArgumentTypeError,
                       match=r"Inventory.by\(\): got an unexpected keyword argument 'colour'"):
        inv.by("sector", colour="red")
