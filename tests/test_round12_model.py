"""Round-12 model-side cases (issue 11, tester12f's F IDs).

F69/F70: a plan target edited in Python after load_dataset (``ds.targets["peak"]["year"] =
2040``) bypassed the loader's checks: the peak rule vanished silently, and a cap value
``'abc'`` failed inside the model build with a plain ValueError. Changed targets are now
checked again as plan.yaml is.

F47: ``update(..., years=[base year])`` changed a price in an observed year, whose activity
is fixed to the data: only the objective moved, and a later update "in every decision year"
left it changed. Observed years are now refused for every parameter.

F15: a flat top (a peak rule holding 2030 at 2029's level) was reported at 2030 after warm
re-solves, when round-off made 2030 a hair higher. Every peak year is the first year within
a tolerance of the maximum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import DataError, UnknownNameError
from carbonpath.model.peaks import peak_index, peak_labels
from carbonpath.scenarios import peak_cost_curve
from tests.conftest import only_problem

COAL = 0.4 * 1.8665  # t CO2/MWh: 0.4 t raw coal/MWh x 1.8665 t CO2/t (docs/tutorial-tiny.md)


# -- F69, F70: targets edited in Python are checked again ---------------------------------------

def test_a_peak_year_outside_the_model_edited_in_python_is_refused():
    ds = cp.load_dataset("tiny")
    ds.targets["peak"]["year"] = 2040
    with pytest.raises(DataError) as err:
        cp.optimise(ds, scenario="plan")
    p = only_problem(err)
    assert (p.file, p.key) == ("plan.yaml", "targets.peak.year")
    assert p.valid == "2024 .. 2030"
    assert "changed in Python" in str(err.value)


def test_a_cap_value_that_is_not_a_number_edited_in_python_is_a_data_error():
    ds = cp.load_dataset("tiny")
    ds.targets["cap"]["value"] = "abc"
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    p = only_problem(err)
    assert (p.key, p.value) == ("targets.cap.value", "abc")


def test_a_valid_target_edited_in_python_is_solved():
    ds = cp.load_dataset("tiny")
    ds.targets["cap"]["value"] = 4.5  # Mt: every decision year at most 4500 kt
    p = cp.optimise(ds, scenario="plan")
    e = p.tables["emissions_total"].set_index("year")["value"]
    assert e.loc[2025:].max() <= 4500 * (1 + 1e-9)
    assert e.loc[2030] == pytest.approx(4500, rel=1e-7)  # 2030 wants 5128 + 149 > 4500: binds


# -- F47: observed years cannot be updated ---------------------------------------------------------

def test_update_of_an_observed_year_is_refused_and_changes_nothing():
    m = cp.PathwayModel("tiny", scenario="plan")
    before = m.solve().objective
    with pytest.raises(UnknownNameError, match=r"2024: it is an observed year.*2025\.\.2030"):
        m.update(technology="coal_supply", parameter="variable_cost",
                 value=cp.Q_(450, "CNY/t"), years=[2025, 2024])
    for parameter, value in (("max_activity", cp.Q_(9000, "GWh/yr")),
                             ("max_new_capacity", cp.Q_(100, "MW/yr"))):
        with pytest.raises(UnknownNameError, match="observed year"):
            m.update(technology="pv" if "capacity" in parameter else "coal_power",
                     parameter=parameter, value=value, years=[2024])
    assert m.solve().objective == pytest.approx(before, rel=1e-12)  # 2025 was not changed


# -- F15: the first year at the top ----------------------------------------------------------------

def test_peak_index_takes_the_first_year_within_round_off():
    assert peak_index([1.0, 3.0, 3.0 + 1e-12, 2.0]) == 1  # round-off: the first
    assert peak_index([3.0 - 1e-12, 3.0]) == 0
    assert peak_index([1.0, 3.0, 3.001]) == 2  # 1 t in 3 kt is a real rise
    assert peak_index([np.nan, 2.0, 1.0]) == 1
    wide = np.array([[1.0, 5.0, 5.0 + 1e-10], [1.0, 2.0, 3.0]])
    assert list(peak_labels(pd.DataFrame(wide, columns=[2024, 2025, 2026]))) == [2025, 2026]


def test_peak_cost_curve_reports_a_flat_top_at_its_first_year():
    curve = peak_cost_curve("tiny", scenario="baseline")  # 2025..2029, warm in turn
    row = curve.set_index("peak_year").loc[2029]
    assert row["status"] == "binds"
    assert row["peak_at"] == 2029  # had been 2030 (equal level, a hair higher)
    # the rule holds 2030 at 2029's level, which is 2028's plus 200 GWh of coal power
    row28 = curve.set_index("peak_year").loc[2028]
    rise = row["peak_level"] - row28["peak_level"]
    assert rise == pytest.approx(200 * COAL, rel=1e-4)  # 1.8665 as rounded in the tutorial
    assert row28["peak_at"] == 2028
