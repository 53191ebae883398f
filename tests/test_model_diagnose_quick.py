"""The quick diagnosis of Monte Carlo samples costs a bounded number of LPs (issue 14/17).

``diagnose(pm, quick=True)`` runs the LP with every target relaxed and, if that is
infeasible, the operating-rows LP; HiGHS's full IIS search (minutes on a city model) is not
run. The bound is proved by counting the HiGHS solves of the diagnosis, not by timing it.
"""

import highspy
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.errors import InfeasibleError
from carbonpath.model import diagnose as diagnose_module
from carbonpath.model.update_checks import SAMPLED
from carbonpath.sweeps.executor import ModelSpec
from carbonpath.sweeps.montecarlo import solve_samples
from tests.test_sweeps_warm import line


@pytest.fixture
def counted(monkeypatch):
    """Count the runs of every HiGHS model the diagnosis makes, and IIS searches."""
    runs = {"run": 0, "iis": 0}

    class Counting(highspy.Highs):
        def run(self):
            runs["run"] += 1
            return super().run()

        def getIis(self):
            runs["iis"] += 1
            return super().getIis()

    monkeypatch.setattr(diagnose_module, "_new_highs", Counting)
    return runs


def test_data_infeasible_sample_is_explained_without_the_full_iis(counted):
    model = PathwayModel(load_dataset("tiny"), "plan")
    model.solve()
    # emissions of 2030 fixed at -1 kt: no activity can give that, whatever the targets
    model.highs.set_col_bounds(model.model.emissions[2030], -1.0, -1.0)
    with pytest.raises(InfeasibleError):
        model.highs.solve()
    table, message = diagnose_module.diagnose(model, quick=True)
    assert table is None
    # the bound test of HiGHS's IIS on the solved model names the conflict here
    assert "data are inconsistent" in message
    assert "bounds of emissions[2030]" in message
    assert counted["run"] <= 2  # the relaxed LP and at most the operating-rows LP
    assert counted["iis"] == 0  # no full IIS model (the solved model's bound test only)
    # where the bound test finds nothing, the full search is skipped and the way to the
    # rows is said instead

    class NoIis:
        def __init__(self, highs):
            self._highs = highs

        def __getattr__(self, name):
            return getattr(self._highs, name)

        def getIis(self):
            return self._highs.getIis()[0], highspy.HighsIis()

    model.highs.highs = NoIis(model.highs.highs)
    counted["run"] = 0
    table, message = diagnose_module.diagnose(model, quick=True)
    assert table is None
    assert "were not searched" in message
    assert counted["run"] <= 2
    assert counted["iis"] == 0


def test_target_infeasible_sample_names_the_short_target_in_one_lp(counted):
    ds = load_dataset("tiny")
    model = PathwayModel(ds, "plan")
    model.solve()
    # PV limited to 200 MW and 9,000 GWh of demand in 2030: coal must run and the
    # 4.8 Mt cap cannot hold (coal alone: 9,000 GWh - 1,000 GWh of imports - PV)
    model.apply({("parameters", line(ds, "parameters", technology="pv",
                                     parameter="max_capacity")): 200.0,
                 ("demands", line(ds, "demands", commodity="electricity", year=2030)): 9000.0},
                plausibility=SAMPLED)  # 3000 -> 200 MW is beyond apply's x10 slip check
    with pytest.raises(InfeasibleError):
        model.highs.solve()
    table, message = diagnose_module.diagnose(model, quick=True)
    assert counted["run"] == 1
    short = table[table["status"] == "short when all are relaxed"]
    assert "cap" in set(short["target"])
    assert "'cap' (cap)" in message


def test_montecarlo_worker_reports_an_infeasible_sample_quickly(counted):
    ds = load_dataset("tiny")
    key = ("demands", line(ds, "demands", commodity="electricity", year=2030))
    pv = ("parameters", line(ds, "parameters", technology="pv", parameter="max_capacity"))
    rows = solve_samples(ModelSpec(ds, "plan", None, ()), [(0, {key: 9000.0, pv: 200.0})])
    status = {r[2]: r[5] for r in rows if r[2] in ("status", "explanation")}
    assert status["status"] == "infeasible"
    assert "'cap' (cap)" in status["explanation"]
    assert counted["run"] == 1
    assert counted["iis"] == 0
