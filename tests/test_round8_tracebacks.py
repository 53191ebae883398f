"""Round-8 cases A02/A06/A08 (and H29): typed errors instead of tracebacks."""

from __future__ import annotations

import pytest

from carbonpath.errors import ArgumentTypeError
from carbonpath.init import init_dataset
from tests.init_sample import BALANCE, SAMPLE


@pytest.mark.parametrize(("argument", "value"), [
    ("catalogue", "ucat"),     # A02: a folder path, not a Catalogue
    ("base_year", "2022"),     # A06
    ("horizon", 2030.0),       # A08
    ("region", 37),
    ("model_hours", 1.5),
])
def test_a02_a06_a08_wrong_argument_types_are_named(tmp_path, argument, value):
    with pytest.raises(ArgumentTypeError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, argument: value})
    assert f"argument '{argument}'" in str(info.value)
    assert not (tmp_path / "o").exists()


def test_h29_a_target_that_counts_nothing_is_refused_naming_it(tmp_path):
    import carbonpath as cp
    from carbonpath.errors import DataError
    from tests.test_model_network import _write

    # the toy's technologies carry no energy coefficient: region c's energy is 0 (as a
    # captive region's, whose fuels are bought in the city), so this cap is a constant row
    plan = [{"name": "c_energy", "type": "energy_cap", "region": "c", "value": 10,
             "unit": "ktce", "years": [2025]}]
    folder = _write(tmp_path / "three", plan=plan)
    with pytest.raises(DataError) as info:
        cp.PathwayModel(folder, scenario="plan")
    (problem,) = info.value.problems
    assert problem.key == "targets.c_energy"
    assert "counts nothing in 2025 (region c)" in problem.message
