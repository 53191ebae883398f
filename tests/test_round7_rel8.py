"""Round-7 cases (tester7): silent results and tracebacks, fixed by kind (IDs in the names)."""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.errors import DataError


def _line(frame, **keys):
    mask = True
    for k, v in keys.items():
        mask = mask & (frame[k] == v)
    (line,) = frame.index[mask]
    return line


def test_mr12_a_links_parameter_given_to_apply_is_a_typed_error_not_an_index_error(tmp_path):
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    model = cp.PathwayModel(folder, scenario="plan")
    params = model.dataset.tables["parameters"]
    line = _line(params, technology="ab", parameter="variable_cost")  # a link's tariff
    with pytest.raises(DataError) as info:
        model.apply({("parameters", line): 20.0})
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", line, "technology")
    assert "'ab' is a link" in problem.message
    assert "update(technology='ab'" in problem.valid
    model.restore()
    model.update(technology="ab", parameter="variable_cost",  # the way that works
                 value=cp.Q_(20, "CNY/MWh"))


def test_mr12_a_links_parameter_in_uncertainty_csv_is_refused_when_read(tmp_path):
    from carbonpath.dataset.uncertainty import load_uncertainty
    from tests.test_model_network import _write

    folder = _write(tmp_path / "three", targets=False)
    (folder / "uncertainty.csv").write_text(
        "input,table,technology,parameter,scale,distribution,low,high,unit,source\n"
        "tariff,parameters,ab,variable_cost,relative,uniform,0.5,1.5,1,assumption: x\n",
        encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_uncertainty(cp.load_dataset(folder))
    (problem,) = info.value.problems
    assert (problem.file, problem.row) == ("uncertainty.csv", 2)
    assert "'ab' is a link" in problem.message


@pytest.mark.parametrize("prices", [[float("nan")], [float("inf")], [-10.0, 100.0], ["5"]])
def test_s04_s05_s06_carbon_prices_must_be_finite_and_not_negative(prices):
    from carbonpath.errors import ArgumentValueError
    from carbonpath.scenarios import system_macc

    with pytest.raises(ArgumentValueError, match="finite carbon prices >= 0") as info:
        system_macc("tiny", prices=prices)
    assert repr(prices[0]) in str(info.value)
