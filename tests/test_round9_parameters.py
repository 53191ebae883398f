"""Round-9 case T17: a lifetime typed in months for years (``pv,lifetime,,25,month``).

25 month = 25 / 12 = 2.083 years, under the 3-year floor
(:data:`carbonpath.dataset.absolute.LIFETIME_FLOOR`) of a lifetime written in a unit other
than years; tiny's pv lifetime is line 10 of parameters.csv.
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath import ImplausibleValueError
from carbonpath.errors import CarbonpathWarning
from tests.conftest import edit, only_problem
from tests.test_dataset_slips import add_column


@pytest.mark.parametrize(("value", "unit"), [("25", "month"), ("150", "week"),
                                              ("1000", "day")])
def test_lifetime_in_a_short_unit_is_refused(tiny, value, unit):
    # 25 month = 2.08 yr; 150 week = 150 * 7 / 365.25 = 2.87 yr; 1000 day = 2.74 yr: all < 3
    edit(tiny, "parameters.csv", "pv,lifetime,,25,yr", f"pv,lifetime,,{value},{unit}")
    with pytest.raises(ImplausibleValueError, match="unit slip") as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "parameters.csv", 10, "unit", unit)


def test_lifetime_in_months_at_or_above_three_years_is_accepted(tiny):
    # 36 month = 3.0 yr (the floor itself) and 300 month = 25 yr are plausible for a battery
    # (a power generator's own floor is 5 yr since rel57, Y48)
    for before, value in (("15,yr", 36), ("36,month", 300)):
        edit(tiny, "parameters.csv", f"battery,lifetime,,{before}",
             f"battery,lifetime,,{value},month")
        rows = cp.load_dataset(tiny).tables["parameters"]
        life = rows[(rows["technology"] == "battery") & (rows["parameter"] == "lifetime")]
        assert (float(life["value"].iloc[0]), life["unit"].iloc[0]) == (value, "month")  # as given


def test_short_lifetime_override(tiny):
    edit(tiny, "parameters.csv", "pv,lifetime,,25,yr", "pv,lifetime,,25,month")
    add_column(tiny, "parameters.csv", "plausibility", {10: "override: a rental panel"})
    with pytest.warns(CarbonpathWarning, match="explicit plausibility override"):
        cp.load_dataset(tiny)
