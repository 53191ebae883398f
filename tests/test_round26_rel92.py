"""Round-26 tester cases on uncertainty.csv ranges and Monte Carlo stores (issue 11).

Kinds: a relative range typed as changes from the dataset's value instead of multipliers
(KB24b: ``0,0,0.2`` for +0 .. +20 % warns with the multipliers ``1,1,1.2``; KB24: ``-0.2,0,
0.2`` outside the physical range is refused with the valid multipliers and the change
reading; also on a cost whose domain allows a negative value, and in per cent); an absolute
range x5 .. x10 from the row it replaces (KB99: an exact x10 unit slip of a planner's own
estimate near the row warns); a store whose ``inputs.parquet`` is missing is completed by
the same command, and a report refuses a store without it, listed or not (KB42).
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import load_dataset
from carbonpath.dataset.distributions import Distribution
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning, as_changes
from carbonpath.errors import ArgumentValueError, ImplausibleValueError, ResultsError
from carbonpath.outputs import MANIFEST
from carbonpath.sweeps.store import open_store
from carbonpath.sweeps.store_checks import check_store_files
from tests.conftest import uncertainty_with_warnings

HEAD = ("input,table,technology,parameter,year,scale,distribution,low,mode,high,mean,sd,"
        "values,weights,unit,group,source\n")


def _load(tiny, *rows):
    return uncertainty_with_warnings(tiny, HEAD, *rows)


def test_a_relative_range_typed_as_changes_warns_with_the_multipliers(tiny):  # KB24b
    # tiny's pv capex is 3000 CNY/kW; 0, 0, 0.2 as multipliers: 0 .. 600 CNY/kW
    unc, found = _load(tiny, "pv,parameters,pv,capex,,relative,triangular,0,0,0.2,,,,,1,,x")
    assert unc.inputs[0].central == (3000.0,)
    (text,) = found
    assert "uncertainty.csv row 2" in text
    assert "centre on 0 and stay below 1" in text
    assert "0 .. 0.2 times its value (0 .. 600 for 3000)" in text
    # the change reading, by hand: 1 + 0 = 1, 1 + 0 = 1, 1 + 0.2 = 1.2
    assert "the multipliers are low 1, mode 1, high 1.2" in text


def test_changes_on_a_cost_that_may_be_negative_warn(tiny):  # KB24 on variable_cost
    # coal_supply variable_cost may be any finite number (a revenue), so the physical check
    # passes -0.2 .. 0.2 (-80 .. 80 CNY/t for 400); the change reading is 0.8 .. 1.2
    _, found = _load(tiny, "coal,parameters,coal_supply,variable_cost,,relative,uniform,"
                           "-0.2,,0.2,,,,,1,,x")
    (text,) = found
    assert "(-80 .. 80 for 400)" in text
    assert "the multipliers are low 0.8, high 1.2" in text


def test_changes_outside_the_physical_range_name_the_multipliers(tiny):  # KB24
    with pytest.raises(ImplausibleValueError) as caught:
        _load(tiny, "pv,parameters,pv,capex,,relative,triangular,-0.2,0,0.2,,,,,1,,x")
    (problem,) = caught.value.problems
    # by hand: -0.2 x 3000 = -600 < 0; valid multipliers 0/3000 .. inf
    assert (problem.row, problem.column, problem.value) == (2, "low", -600.0)
    assert "multipliers of the row's 3000 in [0, inf]" in problem.valid
    assert "0.8, 1.0, 1.2 for -20 %" in problem.valid
    assert "multipliers low 0.8, mode 1, high 1.2" in problem.valid


def test_per_cent_changes_are_refused_with_their_multipliers(tiny):
    with pytest.raises(ImplausibleValueError) as caught:
        _load(tiny, "pv,parameters,pv,capex,,relative,triangular,0,10,20,,,,,1,,x")
    (problem,) = caught.value.problems
    # 10 > 5 is refused as before; read as per cent changes: 1 + 10/100 = 1.1, 1 + 20/100
    assert (problem.row, problem.column) == (2, "mode")
    assert "low 1, mode 1.1, high 1.2" in problem.message


@pytest.mark.parametrize("row", [
    "pv,parameters,pv,capex,,relative,triangular,0.8,1.0,1.2,,,,,1,,x",
    "pv,parameters,pv,capex,,relative,uniform,0.0,,1.5,,,,,1,,x",  # Liaocheng's water freight
    "pv,parameters,pv,capex,,relative,discrete,,,,,,0 1,0.7 0.3,1,,x",  # a switch: high 1
    "pv,parameters,pv,capex,,relative,triangular,0.5,0.5,0.9,,,,,1,,x",  # centre 0.5: a cut
    "pv,parameters,pv,capex,,absolute,triangular,2500,3100,3500,,,,,CNY/kW,,x",
    "pv,parameters,pv,capex,,absolute,uniform,600,,620,,,,,CNY/kW,,x",  # 610/3000 > 1/5
])
def test_ranges_around_the_value_are_quiet(tiny, row):
    _, found = _load(tiny, row)
    assert found == []


def test_an_absolute_range_x5_to_x10_from_its_row_warns(tiny):  # KB99
    # 310 CNY/kW typed for 310 万元/MW = 3100 CNY/kW; the row is 3000: 310 / 3000 = 0.1033,
    # inside the refused x10, outside x5
    _, found = _load(tiny, "pv,parameters,pv,capex,,absolute,triangular,280,310,350,,,,,"
                           "CNY/kW,,x")
    (text,) = found
    assert "uncertainty.csv row 2 'unit'" in text
    assert "centred at 310 CNY/kW" in text
    assert "0.103 times the 3000 CNY/kW of parameters.csv row 11" in text
    assert "would centre on 3100 CNY/kW" in text
    # the x5 end itself warns (600 / 3000 = 0.2 exactly), as x10 itself is refused
    _, found = _load(tiny, "pv,parameters,pv,capex,,absolute,uniform,580,,620,,,,,CNY/kW,,x")
    assert len(found) == 1
    # an explicit override accepts it without this warning
    (tiny / "uncertainty.csv").write_text(
        HEAD.replace(",source\n", ",source,plausibility\n")
        + "pv,parameters,pv,capex,,absolute,uniform,580,,620,,,,,CNY/kW,,x,override: ok\n",
        encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", UncertainRangeWarning)
        load_uncertainty(load_dataset(tiny))


def _dist(low, mode, high):
    return Distribution("triangular", low=low, mode=mode, high=high)


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(1.0, 5.0))
def test_a_range_reaching_one_never_reads_as_changes(a, b, high):
    low, mode = sorted((a, b))
    assert as_changes(_dist(low, mode, high)) is None


@given(st.floats(-0.9, 0.45), st.floats(0.0, 0.5))
def test_changes_map_to_one_plus_each_number(centre, half):
    # a symmetric triangle centre - half .. centre + half, all below 1, centre below 0.5
    low, high = centre - half, min(centre + half, 0.99)
    text = as_changes(_dist(low, centre, high))
    assert text == f"low {1 + low:.4g}, mode {1 + centre:.4g}, high {1 + high:.4g}"


SUMS = {"dataset.yaml": "abc"}


class _Fake:
    checksums = SUMS


def _inputs():
    return pd.DataFrame({"sample": [0, 1], "input": "a", "value": [0.9, 1.1]})


def test_a_resume_writes_a_missing_inputs_file_again(tmp_path):  # KB42
    folder = tmp_path / "mc"
    store = open_store(folder, _Fake(), _Fake(), {"samples": 2}, _inputs())
    store.append([("plan", s, "status", None, np.nan, "optimal") for s in (0, 1)])
    (folder / "inputs.parquet").unlink()
    with pytest.raises(ResultsError, match=r"inputs\.parquet \(missing\)"):
        check_store_files(folder)
    again = open_store(folder, _Fake(), _Fake(), {"samples": 2}, _inputs())
    assert again.done() == {("plan", 0), ("plan", 1)}
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "inputs.parquet"), _inputs())
    listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert "inputs.parquet" in listed
    check_store_files(folder)  # complete again


def test_a_store_whose_manifest_lost_its_inputs_is_refused(tmp_path):  # KB42 (old resume)
    folder = tmp_path / "mc"
    open_store(folder, _Fake(), _Fake(), {"samples": 2}, _inputs())
    (folder / "inputs.parquet").unlink()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    del manifest["files"]["inputs.parquet"]  # what a resume before the fix left
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ResultsError, match=r"inputs\.parquet \(missing\).*written again"):
        check_store_files(folder)


def test_a_sensitivity_typed_as_a_multiplier_warns():  # the change convention's mirror
    from carbonpath.run import check_sensitivity

    # 0.8 as a change scales costs by 1 - 0.8 = 0.2 and 1 + 0.8 = 1.8; as the multiplier of
    # the low end it is -20 %, sensitivity 1 - 0.8 = 0.2
    with pytest.warns(UncertainRangeWarning, match=r"by 0\.2 and 1\.8.*write sensitivity 0\.2"):
        check_sensitivity(0.8)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UncertainRangeWarning)
        check_sensitivity(0.3)  # the default, +-30 %
        check_sensitivity(0.6)  # 0.4 .. 1.6: the catalogue's widest capital-cost range


def test_compute_refuses_a_sensitivity_outside_its_domain(tiny):
    from carbonpath.run import compute

    with pytest.raises(ArgumentValueError, match=r"sensitivity 1\.5 must be a relative change"):
        compute(load_dataset(tiny), peak_years=[], sensitivity=1.5)


def test_an_untruncated_normal_of_changes_names_the_truncation_and_the_multipliers(tiny):
    # normal(0, 0.1) as a multiplier of 3000 CNY/kW reaches below 0 (unbounded)
    with pytest.raises(ImplausibleValueError) as caught:
        _load(tiny, "pv,parameters,pv,capex,,relative,normal,,,,0,0.1,,,1,,x")
    (problem,) = caught.value.problems
    assert problem.valid.startswith("truncate the distribution with low (and high) to "
                                    "multipliers of the row's 3000 in [0, inf]")
    assert "multipliers mean 1, sd 0.1" in problem.valid  # 1 + 0 and the same sd
