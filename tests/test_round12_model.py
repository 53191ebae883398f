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

Poor messages: a cap in ``Mt CO2/yr`` (F06) names the unit to write; ``4.8e3`` reads as a
number (F08, YAML 1.1 had read text) and a quoted number says to drop the quotes; a cast that
keeps every value is no edit (F66), an edited cell is named with its old value, rows in
another order are named with the way back (F67); a store mismatch names a file once (F61).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath.errors import DataError, UnknownNameError
from carbonpath.model.peaks import peak_index, peak_labels
from carbonpath.scenarios import peak_cost_curve
from tests.conftest import edit, only_problem

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


# -- F06: a cap in a rate unit ---------------------------------------------------------------------

def test_a_cap_in_a_rate_per_year_says_which_unit_to_write(tiny):
    edit(tiny, "plan.yaml", "unit: Mt CO2\n", "unit: Mt CO2/yr\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "targets.cap.value"
    assert "rate per year" in p.message
    assert "write unit 'Mt CO2' with the same number (4.8)" in p.message


def test_a_budget_in_a_rate_per_year_asks_for_the_total(tiny):
    edit(tiny, "plan.yaml", "  - name: cap\n    type: cap\n    value: 4.8\n    unit: Mt CO2\n",
         "  - name: cap\n    type: budget\n    start: 2025\n    end: 2030\n    value: 30\n"
         "    unit: Mt CO2/yr\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    assert "a budget is the total amount over 2025..2030" in only_problem(err).message


# -- F08: 4.8e3 is a number ------------------------------------------------------------------------

def test_an_exponent_without_sign_or_dot_reads_as_a_number(tiny):
    edit(tiny, "plan.yaml", "value: 4.8\n    unit: Mt CO2\n", "value: 4.8e3\n    unit: kt CO2\n")
    ds = cp.load_dataset(tiny)
    assert ds.targets["cap"]["value"] == 4800.0  # YAML 1.1 had read the text '4.8e3'
    assert isinstance(ds.targets["cap"]["value"], float)


def test_a_quoted_number_says_to_drop_the_quotes(tiny):
    edit(tiny, "plan.yaml", "value: 4.8\n    unit: Mt CO2\n", "value: '4800'\n    unit: kt CO2\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.key, p.value) == ("targets.cap.value", "4800")
    assert "without quotes" in p.message
    assert "write 4800" in p.message


# -- F66, F67: casts that keep the values; rows in another order -----------------------------------

@pytest.mark.parametrize("dtype", ["Int64", "float32", str, "string"])
def test_a_cast_that_keeps_every_value_is_not_an_edit(dtype):
    ds = cp.load_dataset("tiny")
    ds.tables["demands"]["value"] = ds.tables["demands"]["value"].astype(dtype)
    ds.tables["demands"]["year"] = ds.tables["demands"]["year"].astype("float64")
    from carbonpath.dataset.edits import check_unedited

    assert check_unedited(ds) is None  # 6000 is 6000 in any dtype: no error
    # and the check is live on the cast table: a changed value is still an edit
    col = ds.tables["demands"]["value"]
    ds.tables["demands"].loc[col.index[0], "value"] = (
        "1" if pd.api.types.is_string_dtype(col) else 1)
    with pytest.raises(DataError, match="changed in Python"):
        check_unedited(ds)


def test_an_edited_cell_is_named_with_its_old_value():
    ds = cp.load_dataset("tiny")
    d = ds.tables["demands"]
    d["value"] = d["value"].astype("Int64")
    d.loc[d.index[0], "value"] = 6001
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("demands.csv", d.index[0], "value", 6001)
    assert "the cell read 6000" in p.message


def test_rows_in_another_order_are_named_and_sort_index_restores_them():
    ds = cp.load_dataset("tiny")
    first = ds.tables["parameters"].index[0]
    ds.tables["parameters"] = ds.tables["parameters"].iloc[::-1]
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    p = only_problem(err)
    assert (p.file, p.row) == ("parameters.csv", first)
    assert "another order" in p.message
    assert "no value changed" in p.message
    assert "sort_index()" in p.valid
    ds.tables["parameters"] = ds.tables["parameters"].sort_index()
    from carbonpath.dataset.edits import check_unedited

    check_unedited(ds)


def test_rows_removed_are_named():
    ds = cp.load_dataset("tiny")
    gone = list(ds.tables["parameters"].index[2:4])
    ds.tables["parameters"] = ds.tables["parameters"].drop(index=gone)
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    p = only_problem(err)
    assert p.row == gone[0]
    assert f"row(s) {gone[0]}, {gone[1]} removed" in p.message


# -- F61: a file both the dataset and the uncertainty read is named once ---------------------------

def test_a_store_mismatch_names_a_changed_file_once():
    from carbonpath.sweeps.store import _differences

    found = {"dataset": {"plan.yaml": "a", "uncertainty.csv": "u1"},
             "uncertainty": {"uncertainty.csv": "u1"}, "settings": {"samples": 6}}
    wanted = {"dataset": {"plan.yaml": "a", "uncertainty.csv": "u2"},
              "uncertainty": {"uncertainty.csv": "u2"}, "settings": {"samples": 6}}
    assert _differences(found, wanted) == ["uncertainty.csv changed"]
