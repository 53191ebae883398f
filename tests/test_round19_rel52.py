"""Round 19 (tester T), helper rel52: T144 T81 T51 T50 T61 T63 T54 T117 T128."""

import pandas as pd
import pytest

from carbonpath import ImplausibleValueError
from carbonpath.accounting import compute_inventory

# --- T144: a parent's total beside a child's row of the same fuel, with another use -------

COKE = [{"sector": "industry", "fuel": "焦炭", "value": 70, "unit": "万吨", "use": "combustion"},
        {"sector": "ferrous_metals", "fuel": "焦炭", "value": 60, "unit": "万吨",
         "use": "feedstock"}]


@pytest.mark.filterwarnings("ignore::carbonpath.accounting.production_keys.FeedstockCarbonWarning")
def test_a_parent_total_beside_a_child_of_the_same_fuel_with_another_use_is_refused():
    # industry's 70 万吨 of coke is the yearbook's 工业 total: the 60 万吨 that ferrous_metals
    # gives as blast-furnace feedstock is inside it, whatever the use column says
    with pytest.raises(ImplausibleValueError) as err:
        compute_inventory(pd.DataFrame(COKE), region="CN-SD", year=2022)
    problem, = err.value.problems
    assert (problem.row, problem.column) == (1, "sector")
    assert "part of industry (row 0)" in problem.message
    assert "feedstock in ferrous_metals, combustion in industry" in problem.message
    # industry given only its remainder, 70 - 60 = 10 万吨, in another fuel's row is fine;
    # the override accepts both rows with a warning
    over = pd.DataFrame([{**COKE[0], "value": 10, "plausibility": "override: the remainder"},
                         {**COKE[1], "plausibility": ""}])
    with pytest.warns(Warning, match="counted twice"):
        compute_inventory(over, region="CN-SD", year=2022)
