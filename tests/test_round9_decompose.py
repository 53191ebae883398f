"""Round-9 case D08: decompose refuses two inventories of the same year.

With one year, the drivers of that year stand for both ends: population and affluence
effects come out as zero and the whole change goes to energy intensity (tester's D08:
+186.65 t all to intensity instead of population +186.65, affluence +357.06, intensity
-357.06), and the end year's drivers are silently unused.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError

DRIVERS = {2020: {"population": cp.Q_(100, "万人"), "gdp": cp.Q_(1000, "亿元")},
           2025: {"population": cp.Q_(110, "万人"), "gdp": cp.Q_(1320, "亿元")}}


def inventory(year, coal_t):
    frame = pd.DataFrame({"sector": ["other_manufacturing"], "fuel": ["raw_coal"],
                          "value": [coal_t], "unit": ["t"], "year": [year]})
    return cp.compute_inventory(frame, region="CN-SD", method="provincial")


def test_two_inventories_of_one_year_are_refused():
    with pytest.raises(DataError, match="both of the year 2020") as err:
        cp.decompose(inventory(2020, 1000), inventory(2020, 1100), DRIVERS,
                     gdp_price_year=2020)
    problem = err.value.problems[0]
    assert (problem.column, problem.value) == ("year", 2020)


def test_two_years_give_the_hand_lmdi_effects():
    # one cell; coal 1000 -> 1100 t at one factor, so C1/C0 = 1.1 = P1/P0 and the log mean
    # L(C0, C1) = (C1 - C0) / ln 1.1: population effect = L ln(1.1) = C1 - C0, the whole
    # change; affluence L ln(1.2) (GDP per person 1000/100 -> 1320/110 = x1.2);
    # energy intensity L ln(1.1 / 1.32) = -L ln(1.2): the two cancel
    result = cp.decompose(inventory(2020, 1000), inventory(2025, 1100), DRIVERS,
                          gdp_price_year=2020)
    effects = result.effects["effect"]
    assert effects["population"] == pytest.approx(effects["total"], rel=1e-9)
    assert effects["population"] > 0
    assert effects["affluence"] == pytest.approx(-effects["energy_intensity"], rel=1e-9)
    assert effects["affluence"] == pytest.approx(
        effects["total"] / math.log(1.1) * math.log(1.2), rel=1e-9)
