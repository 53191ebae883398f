"""Round 18 W07, W09: the targets init writes are checked as load_dataset checks plan.yaml.

A workbook's targets sheet (or ``init_dataset(targets=...)``) with a share of 25 for 25 %, or
a peak year after the horizon, was written into plan.yaml and refused only by the loader,
naming plan.yaml. The loader's own check (carbonpath.dataset.plan.check_one_target) now runs
at init and names the sheet, Excel row and column.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError, ImplausibleValueError
from carbonpath.init.target_checks import ARGUMENT, check_targets, on_sheet
from tests.conftest import assert_no_carbonpath_warnings

# the dataset.yaml keys the checks read: model years 2023 .. 2035, CO2 on the provincial basis
CONFIG = {"name": "city", "base_year": 2023, "horizon": 2035,
          "emissions": {"method": "provincial", "gas": "CO2"}}
TABLES = {"technologies": pd.DataFrame({"technology": ["coal_pp"], "group": [""]}),
          "drivers": pd.DataFrame({"driver": ["gdp", "population"]})}


def _problems(targets):
    with pytest.raises(DataError) as info:
        check_targets(targets, CONFIG, TABLES)
    return info.value.problems


def test_a_share_in_percent_and_a_year_after_the_horizon_are_refused_at_init():
    targets = [{"name": "peak", "type": "peak_year", "year": 2045, "status": "commitment",
                "source": "plan"},
               {"name": "nf", "type": "nonfossil_share", "year": 2030, "value": 25.0,
                "status": "assumption", "source": "plan"}]
    found = {p.key: p for p in _problems(targets)}
    assert set(found) == {"targets[0].year", "targets[1].value"}
    assert all(p.file == ARGUMENT for p in found.values())
    # model years: 2023 .. 2035, so 2045 is none of them
    assert "2045 is not a model year" in found["targets[0].year"].message
    assert found["targets[0].year"].valid == "2023 .. 2035"
    # 25 % is the share 25 / 100 = 0.25
    assert "for 25 % write 0.25" in found["targets[1].value"].message


def test_a_name_given_twice_is_refused():
    target = {"name": "peak", "type": "peak_year", "year": 2030, "source": "plan"}
    (problem,) = _problems([target, dict(target)])
    assert (problem.key, problem.message) == ("targets[1]", "duplicate target name 'peak'")


def test_valid_targets_pass():
    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        check_targets([{"name": "peak", "type": "peak_year", "year": 2030, "source": "plan"},
                       {"name": "nf", "type": "nonfossil_share", "year": 2030, "value": 0.25,
                        "source": "plan"}], CONFIG, TABLES)


def test_the_workbook_names_sheet_row_and_column():
    targets = [{"name": "peak", "type": "peak_year", "year": 2045, "source": "plan"},
               {"name": "nf", "type": "nonfossil_share", "year": 2030, "value": 25.0,
                "source": "plan"}]
    with pytest.raises(DataError) as info:
        check_targets(targets, CONFIG, TABLES)
    named = on_sheet(info.value, [2, 5], "city.xlsx, sheet 'targets'")  # Excel rows 2 and 5
    assert sorted((p.file, p.row, p.column, p.key) for p in named.problems) == [
        ("city.xlsx, sheet 'targets'", 2, "year", None),
        ("city.xlsx, sheet 'targets'", 5, "value", None)]


def test_init_from_workbook_refuses_before_writing(tmp_path):
    # end to end, on the template (the worked example): row 2's peak year 2045 and a
    # nonfossil_share row 3 of 25 (percent), horizon 2035
    openpyxl = pytest.importorskip("openpyxl")
    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import write_template

    book = write_template(tmp_path / "city.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["targets"]
    ws["C2"] = 2045
    for cell, value in {"A3": "nf", "B3": "nonfossil_share", "C3": 2030, "E3": 25,
                        "G3": "assumption", "H3": "plan"}.items():
        ws[cell] = value
    wb.save(book)
    with pytest.raises(DataError) as info:
        init_from_workbook(book, region="CN-SD", base_year=2023, horizon=2035,
                           out=tmp_path / "out", model_hours=1)
    where = sorted((p.file, p.row, p.column) for p in info.value.problems
                   if "targets" in str(p.file))
    assert where == [("city.xlsx, sheet 'targets'", 2, "year"),
                     ("city.xlsx, sheet 'targets'", 3, "value")]
    assert not (tmp_path / "out").exists()


# W08: a base year of 35,000 kt CO2 (35 Mt); the model refuses a cap above 10 x that
# (350,000 kt) or under 1 % (350 kt), carbonpath.model.target_levels
def _cap(value, unit="Mt CO2"):
    return {"name": "cap", "type": "cap", "years": [2030], "value": value, "unit": unit,
            "gas": "CO2", "source": "plan"}


def test_a_cap_far_above_the_base_year_is_refused_at_init():
    # 3500 Mt = 3,500,000 kt = 100 x 35,000 kt (万吨 typed as Mt)
    with pytest.raises(ImplausibleValueError) as info:
        check_targets([_cap(3500)], CONFIG, TABLES, lambda: 35_000.0)
    (problem,) = info.value.problems
    assert (problem.file, problem.key) == (ARGUMENT, "targets[0].value")
    assert "3.5e+06 kt CO2 is 100 times the base year's emissions (3.5e+04" in problem.message
    named = on_sheet(info.value, [3], "city.xlsx, sheet 'targets'")
    (p,) = named.problems
    assert (p.file, p.row, p.column) == ("city.xlsx, sheet 'targets'", 3, "value")
    assert isinstance(named, ImplausibleValueError)
    assert "add the target to plan.yaml after init" in p.valid


def test_caps_within_the_bounds_pass_and_no_level_no_inventory():
    with assert_no_carbonpath_warnings():  # neither refused nor warned of
        for cap in (_cap(35), _cap(3500, "万吨 CO2")):  # apart: together they are twins (KD98)
            check_targets([cap], CONFIG, TABLES, lambda: 35_000.0)  # 35 Mt = 1 x; 3500 万吨

    def never() -> float:
        raise AssertionError("the inventory is computed only for a level target")

    with assert_no_carbonpath_warnings():
        check_targets([{"name": "peak", "type": "peak_year", "year": 2030, "source": "p"}],
                      CONFIG, TABLES, never)
