"""Round 28 (issue 11): a target row in the observed base year (MD87, MD104).

tiny's base year 2024 is observed (fixed to activity.csv); its decision years are
2025..2030. A capacity bound or a share target with ``years`` holding 2024 had been refused
as "counts nothing ... valid: a region or group whose technologies count", which blames the
technologies; the refusal names the observed year and the decision years instead.
"""

import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from tests.conftest import only_problem


def _target(folder, name, body):
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(f"  - name: {name}\n{body}    status: assumption\n    source: a test\n")
    scenarios = (folder / "dataset.yaml").read_text(encoding="utf-8")
    assert "targets: [peak, cap]" in scenarios
    (folder / "dataset.yaml").write_text(
        scenarios.replace("targets: [peak, cap]", f"targets: [peak, cap, {name}]", 1),
        encoding="utf-8")


def test_a_capacity_bound_in_the_observed_year_names_the_decision_years(tiny):
    # MD87: pv capacity min 500 MW in 2024 only
    _target(tiny, "cb", "    type: bound\n    technology: pv\n    quantity: capacity\n"
                        "    min: {value: 500, unit: MW}\n    years: [2024]\n")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(cp.load_dataset(tiny), "plan")
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.value) == ("plan.yaml", "targets.cb.years", 2024)
    assert "observed base year" in problem.message
    assert problem.valid == "years from the decision years 2025..2030"
