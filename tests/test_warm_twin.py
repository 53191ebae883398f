"""A peak twin (carbonpath.model.warm_twin): the plan's peak points on a private HiGHS copy.

The run's sweeps (with two threads) walk the peak chains on a twin while the plan's own model
re-solves the capex points in another thread; the curve must be the one the model itself
gives, bit for bit, and the model must not be touched by the twin.
"""

import threading

import numpy as np
import pytest

from carbonpath import load_dataset
from carbonpath.errors import ArgumentValueError, UnknownNameError
from carbonpath.model import PathwayModel
from carbonpath.model.warm_twin import PeakTwin
from carbonpath.sweeps.executor import CachedModel, ModelSpec
from carbonpath.sweeps.owners import run_group
from carbonpath.sweeps.points import capex_point, peak_chain, peak_chains


@pytest.fixture(scope="module")
def tiny():
    return load_dataset("tiny")


@pytest.fixture(scope="module")
def plan(tiny):
    model = PathwayModel(tiny, "plan")
    model.solve()
    return model


def _bits(results):
    """The results' numbers as exact, comparable values (NaN as a marker: NaN != NaN)."""
    def exact(value):
        return "nan" if isinstance(value, float) and value != value else value

    return [[tuple(exact(v) for v in p[:4]) for p in r] if isinstance(r, list) else exact(r)
            for _, r in results]


def _chains(tiny, model):
    return peak_chains(list(tiny.years[1:]), model.peak_year)


def test_the_twin_walks_the_chains_to_the_model_s_numbers_and_leaves_the_model_alone(tiny,
                                                                                     plan):
    spec = ModelSpec(tiny, "plan")
    basis = plan.highs.basis()
    lp = plan.highs.highs.getLp()
    upper, cost = np.array(lp.row_upper_), np.array(lp.col_cost_)
    twin = PeakTwin(plan)
    calls = [(peak_chain, (spec, chain)) for chain in _chains(tiny, plan)]
    assert len(calls) == 2  # both directions walked
    on_twin = run_group(calls, [0, 1], CachedModel(twin, basis, plan.last_result))
    after = plan.highs.highs.getLp()
    np.testing.assert_array_equal(np.array(after.row_upper_), upper)  # rows not moved
    np.testing.assert_array_equal(np.array(after.col_cost_), cost)
    on_model = run_group(calls, [0, 1], CachedModel(plan, basis, plan.last_result))
    assert len(on_twin) == 2
    assert not any(isinstance(r, Exception) for _, r in on_twin)
    # the same numbers bit for bit (seconds apart): statuses, objectives, peak levels, years
    assert _bits(on_twin) == _bits(on_model)
    statuses = {p[0] for _, r in on_model for p in r}
    assert "optimal" in statuses
    # the twin moved its own rows (the points differ) and put them back at the end
    assert len({p[1] for _, r in on_model for p in r if p[0] == "optimal"}) > 1
    assert twin.peak_year == plan.peak_year
    np.testing.assert_array_equal(np.array(twin.highs.highs.getLp().row_upper_), upper)


def test_twin_and_model_solve_at_once_in_two_threads_with_the_sequential_numbers(tiny, plan):
    spec = ModelSpec(tiny, "plan")
    basis = plan.highs.basis()
    codes = tuple(c for c, t in plan.data.techs.items() if t.investable)
    peak_calls = [(peak_chain, (spec, chain)) for chain in _chains(tiny, plan)]
    capex_calls = [(capex_point, (spec, codes, s)) for s in (0.5, 0.7, 1.3, 1.6)]
    alone = run_group(peak_calls, [0, 1], CachedModel(PeakTwin(plan), basis, plan.last_result))
    alone += run_group(capex_calls, [0, 1, 2, 3], CachedModel(plan, basis, plan.last_result))
    out: dict[str, list] = {}
    twin = CachedModel(PeakTwin(plan), basis, plan.last_result)
    own = CachedModel(plan, basis, plan.last_result)
    threads = [threading.Thread(target=lambda: out.setdefault("peak", run_group(
                   peak_calls, [0, 1], twin))),
               threading.Thread(target=lambda: out.setdefault("capex", run_group(
                   capex_calls, [0, 1, 2, 3], own)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _bits(out["peak"] + out["capex"]) == _bits(alone)
    assert len({r for _, r in out["capex"]}) == 4  # four different capex points


def test_a_twin_refuses_a_year_outside_the_model_and_a_model_without_peak_rows(tiny, plan):
    twin = PeakTwin(plan)
    with pytest.raises(ArgumentValueError, match="not a model year"):
        twin.update(peak_year=1990)
    baseline = PathwayModel(tiny, "baseline")
    with pytest.raises(UnknownNameError, match="no peak target"):
        PeakTwin(baseline)


def test_a_model_without_points_lets_its_highs_go_and_its_tables_still_build(tiny):
    from concurrent.futures import ThreadPoolExecutor

    import pandas as pd

    from carbonpath.run_sweeps import SweepPipeline

    reference = PathwayModel(tiny, "baseline").solve()
    model = PathwayModel(tiny, "baseline")
    pathway = model.solve()
    specs = {"baseline": ModelSpec(tiny, "baseline")}
    # no curve ([] years) and no sensitivity (factor 0): the baseline has no points
    pipeline = SweepPipeline(tiny, {"baseline": model}, "baseline", [], 0.0, lambda _: None,
                             specs, ThreadPoolExecutor(2), 2)
    pipeline.solved("baseline", model)
    assert model.highs.highs is None  # let go: HiGHS's working memory with it
    timings: dict = {}
    curve, sens = pipeline.finish({"baseline": pathway}, pathway, timings)
    assert curve.empty
    assert sens.empty
    # the tables are made on demand from the solution arrays and the column map
    names = list(reference.tables)
    assert {"capacity", "activity", "emissions", "costs", "duals"} <= set(names)
    for name in names:
        if isinstance(reference.tables[name], pd.DataFrame):
            pd.testing.assert_frame_equal(pathway.tables[name], reference.tables[name],
                                          check_exact=True)


def test_a_twin_shares_the_model_s_column_map(tiny):
    model = PathwayModel(tiny, scenario="plan")
    assert model.highs._col_of is None  # the map is made on first use
    twin = PeakTwin(model)
    assert twin.highs.col_of is model.highs.col_of  # made once, not once per twin
    assert twin.highs.col_of == {id(v): j for j, v in enumerate(model.highs.columns)}
