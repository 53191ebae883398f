"""Round 28 (issue 11): a plan.yaml bound in the observed base year (MD84, MD86, MD91).

tiny's base year 2024 is observed: its activity is fixed to activity.csv and nothing is
built in it, so the model has no new-capacity variable there (and no activity variable for a
store). A ``bound`` target with ``years: [2024]`` on either had ended in Pyomo's raw
``KeyError: "Index '('pv', 2024)' is not valid ..."``; it is a DataError naming the target's
``years`` key and the decision years 2025..2030.
"""

import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from tests.conftest import only_problem


def _bound(folder, technology, quantity, years, limit):
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(f"  - name: nb\n    type: bound\n    technology: {technology}\n"
                f"    quantity: {quantity}\n    {limit}\n    years: {years}\n"
                "    status: assumption\n    source: a test\n")
    scenarios = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert "targets: [peak, cap]" in scenarios
    (folder / "dataset.yaml").write_text(scenarios.replace("targets: [peak, cap]",
                                                           "targets: [peak, cap, nb]", 1),
                                         encoding="utf-8")


@pytest.mark.parametrize(("technology", "quantity", "years", "limit"), [
    ("pv", "new_capacity", "[2024]", "min: {value: 100, unit: MW/yr}"),
    ("coal_power", "new_capacity", "[2024, 2025, 2026]", "max: {value: 0, unit: MW/yr}"),
])
def test_a_bound_in_the_observed_year_is_refused_naming_the_years(tiny, technology, quantity,
                                                                   years, limit):
    _bound(tiny, technology, quantity, years, limit)
    with pytest.raises(DataError) as err:
        cp.PathwayModel(cp.load_dataset(tiny), "plan")
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.value) == ("plan.yaml", "targets.nb.years",
                                                          [2024])
    assert problem.valid == "years from the decision years 2025..2030"


def test_the_same_bound_in_decision_years_builds(tiny):
    _bound(tiny, "pv", "new_capacity", "[2025, 2026]", "min: {value: 100, unit: MW/yr}")
    p = cp.PathwayModel(cp.load_dataset(tiny), "plan").solve()
    assert set(p.duals.loc[p.duals.target == "nb", "year"]) == {2025, 2026}  # one row a year
