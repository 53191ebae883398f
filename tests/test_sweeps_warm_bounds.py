"""Warm samples of a capacity potential whose early years have no row (issue 14/17).

A ``max_capacity`` year in which no vintage can stand yet (the observed base year of tiny:
PV is its residual 100 MW there) has no row in the built model: the capacity is a constant,
checked once by the build. A sample of that potential must change the rows of the later
years and check the constant again, not refuse the sample as a change of the matrix. The
reference is a model rebuilt from the dataset with the value written into parameters.csv.
"""

import numpy as np
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.errors import DataError
from carbonpath.model.update_checks import SAMPLED
from tests.test_sweeps_warm import assert_in_step, emissions, line, rebuilt


@pytest.fixture(scope="module")
def tiny():
    return load_dataset("tiny")


def test_warm_potential_with_a_rowless_year_equals_rebuilt_model(tiny, tmp_path):
    scenario = "plan"  # its cap makes PV worth building beyond 400 MW
    key = ("parameters", line(tiny, "parameters", technology="pv", parameter="max_capacity"))
    model = PathwayModel(tiny, scenario)
    central = model.solve()
    built = {y for (p, y) in model.model.capacity_max if p == "pv"}
    assert 2024 in model.data.techs["pv"].bounds["max_capacity"]
    assert 2024 not in built  # the base year's constant capacity has no row
    model.apply({key: 400.0})
    warm = model.solve()
    cold = rebuilt(tiny, {key: 400.0}, tmp_path, scenario)
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9, atol=1e-9)
    assert abs(warm.objective - central.objective) > 1.0  # the potential binds
    assert_in_step(model)
    model.restore()
    assert model.solve().objective == pytest.approx(central.objective, rel=1e-9)


def test_warm_potential_below_the_constant_capacity_is_refused_as_the_build_refuses(
        tiny, tmp_path):
    key = ("parameters", line(tiny, "parameters", technology="pv", parameter="max_capacity"))
    model = PathwayModel(tiny, "plan")
    central = model.solve()
    # 50 MW < the 100 MW PV standing in the observed 2024: the data contradict each other
    # (V47: both name the 0.1 GW stock, from the observed 2024 on, not a generic refusal)
    below = r"max_capacity of pv in 2024-2030 \(0\.05 GW\) is below its residual stock \(0\.1 GW\)"
    with pytest.raises(DataError, match=below):
        model.apply({key: 50.0}, plausibility=SAMPLED)  # /60: past apply's slip check
    with pytest.raises(DataError, match=below):
        rebuilt(tiny, {key: 50.0}, tmp_path, "plan")
    assert model.solve().objective == pytest.approx(central.objective, rel=1e-12)
