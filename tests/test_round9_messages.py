"""Round-9 poor messages (issue 11): each error or warning names the right file, row or key
and says what is valid. Cases V16, T12, C05, C09, P27, G03, S03, S05, K06 of
/work/tester9/cases.md; every expectation is the text a user needs, written out here."""

from __future__ import annotations

import re
import warnings

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.cli import app
from carbonpath.dataset.scenarios import measures
from carbonpath.errors import CarbonpathWarning, DataError, InputNotFoundError
from tests.conftest import edit, only_problem

runner = CliRunner()


def _activity(tmp_path, rows):
    path = tmp_path / "activity.csv"
    path.write_text("year,sector,fuel,value,unit,use\n" + rows, encoding="utf-8")
    return path


def test_v16_year_fills_only_rows_without_a_year(tmp_path):
    # line 2: a 2022 row, line 3: a row that says 2021; --year 2022 cannot change line 3
    path = _activity(tmp_path, "2022,industry,raw_coal,1000,t,combustion\n"
                               "2021,residential,raw_coal,5,t,combustion\n")
    result = runner.invoke(app, ["inventory", str(path), "--region", "CN-SD", "--year", "2022"])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "--year 2022 fills only rows without a year" in text
    assert "activity.csv row 3 says 2021 (residential, raw_coal)" in text
    assert "give --year" not in text  # it was given: the old message asked for it again


def test_g03_scopes_print_as_whole_numbers(tmp_path):
    path = _activity(tmp_path, "2022,industry,raw_coal,1000,t,combustion\n")
    result = runner.invoke(app, ["inventory", str(path), "--region", "CN-SD", "--year", "2022",
                                 "--by", "scope"])
    assert result.exit_code == 0, result.output
    cells = re.findall(r"│ *([\d.]+) *│", result.output)
    assert cells[0] == "1"  # scope 1, not the float 1.0 of a row-wise Series


def test_t12_discount_rate_as_percent_names_the_fraction(tiny):
    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: '5%'")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.value) == ("dataset.yaml", "discount_rate", "5%")
    assert "0 <= r < 1" in problem.valid
    assert "write 0.05 for 5%" in problem.valid


def test_c05_a_dataset_without_measures_says_it_declares_none():
    with pytest.raises(DataError) as err:
        measures(cp.load_dataset("tiny"))
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("dataset.yaml", "measures")
    assert "declares no measures" in problem.message
    assert "docs/scenarios.md" in problem.valid


_MEASURE = """
measures:
  base: baseline
  list:
  - name: pv_push
    source: 'assumption: test'
    changes:
      parameters:
      - {technology: pv, parameter: min_capacity, year: 2030, value: VALUE, unit: UNIT,
         source: 'assumption: test'}
"""


@pytest.mark.parametrize(("value", "unit", "warned"),
                         [(1500, "kW", True),    # 1.5 MW < tiny's 100 MW of pv (parameters.csv)
                          (100, "MW", True),     # equal to it: cannot bind either
                          (1500, "MW", False)])  # above it: binds, no warning
def test_c09_min_capacity_below_the_residual_capacity_warns(tiny, value, unit, warned):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(_MEASURE.replace("VALUE", str(value)).replace("UNIT", unit))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        measures(cp.load_dataset(tiny))
    texts = [str(w.message) for w in caught if issubclass(w.category, CarbonpathWarning)
             and "residual capacity" in str(w.message)]
    assert bool(texts) is warned
    if warned:
        assert "every min_capacity it sets for pv" in texts[0]
        assert "in 2030" in texts[0]
        assert "residual 100 MW" in texts[0]


def test_p27_a_case_slip_in_a_bundled_name_gets_a_did_you_mean():
    with pytest.raises(InputNotFoundError, match="did you mean 'tiny'"):
        cp.PathwayModel("Tiny")


def test_s03_an_override_says_it_replaces_the_whole_series(tiny):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("    demands:\n    - {commodity: electricity, year: 2030, value: 8000, "
                "unit: GWh/yr, profile: load, source: 'assumption: test'}\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny).scenario("plan")
    problem = only_problem(err)
    assert problem.key == "scenarios.plan.demands[0]"
    assert "replaces the dataset's whole series" in problem.message


def test_s05_a_target_value_in_dataset_yaml_is_named_there(tiny):
    with open(tiny / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("    target_values:\n      cap: {value: 90, unit: '%', "
                "source: 'assumption: x'}\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny).scenario("plan")
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("dataset.yaml",
                                           "scenarios.plan.target_values.cap.value")


def test_k06_item_matches_part_of_a_chinese_name():
    table = cp.load_factors()
    coal = set(table.select(item="煤", quantity="calorific_value")["item"])
    assert {"raw_coal", "anthracite", "coke_oven_gas"} <= coal  # 原煤, 无烟煤, 焦炉煤气
    assert "natural_gas" not in coal
    assert "diesel" not in coal
    # a whole alias: that item, with its fuel group's gross/net ratio row (round 24 H100)
    assert set(table.select(item="原煤")["item"]) == {"raw_coal", "coal"}


def test_w03_a_value_with_its_unit_is_one_problem_not_also_not_positive():
    import io

    import pandas as pd

    from carbonpath.catalogue import load_catalogue
    from carbonpath.init.captive import read_captive
    from carbonpath.init.captive_heat import heat_types

    frame = pd.read_csv(io.StringIO("part,code,value,unit,source\n"
                                    "heat_capacity,coal_chp,500 MW,MW,parks\n"
                                    "serves,industry,,,s\n"
                                    "tie,,200,万千瓦,t\n"), dtype=str, keep_default_na=False)
    with pytest.raises(DataError) as err:
        read_captive(frame, ["coal"], name="captive.csv",
                     heat_types=heat_types(load_catalogue()))
    problem = only_problem(err)  # round 8 also said "needs a positive value" of '500 MW'
    assert (problem.row, problem.column) == (2, "value")
    assert "a number with a unit ('MW')" in problem.message
