"""Both cores on the run's solves (issue 15): the same numbers as the sequential run.

With CARBONPATH_RUN_THREADS=2 the run solves the scenarios on two worker threads while it
builds the next one, and queues each model's sweep points on those threads once the model is
solved, the plan's peak chains on a twin of its LP (carbonpath.run_solves,
carbonpath.run_sweeps.SweepPipeline, carbonpath.sweeps.owners); with 1 or an InlineExecutor
everything runs in the calling thread; the default, auto, is 2 where the load average leaves
a core idle, else 1. The peak curve walks chains of peak years
(carbonpath.sweeps.points.peak_chain) instead of independent points.
"""

import threading

import pandas as pd
import pytest

import carbonpath.run as job
from carbonpath import load_dataset
from carbonpath.model import PathwayModel
from carbonpath.sweeps.executor import InlineExecutor, ModelSpec, cached_model, forget, seed_cache
from carbonpath.sweeps.owners import run_owned
from carbonpath.sweeps.points import peak_chain, peak_chains, peak_point


@pytest.fixture(scope="module")
def tiny():
    return load_dataset("tiny")


def test_the_run_on_two_threads_equals_the_sequential_run(tiny, monkeypatch):
    import carbonpath.sweeps.executor as executor

    monkeypatch.setattr(executor, "run_threads", lambda: 2)  # two threads, whatever the load
    both = job.compute(tiny)
    one = job.compute(tiny, executor=InlineExecutor())
    assert both.meta["timings"]["sweep_threads"] == 2  # the threads did run
    # three groups of points: the baseline's capex points, the plan's capex points on its
    # model and the plan's peak chains on a twin (run_sweeps.SweepPipeline)
    assert len(both.meta["timings"]["sweep_thread_cpu"]) == 3
    assert list(both.pathways) == list(one.pathways)  # the dataset's order, however solved
    assert "sweep_threads" not in one.meta["timings"]
    monkeypatch.setattr(executor, "run_threads", lambda: 1)  # a busy machine: sequential
    busy = job.compute(tiny)
    assert busy.meta["timings"]["sweep_threads"] == 0
    # one group per model, on the model (the plan's chains and capex points together)
    assert len(busy.meta["timings"]["sweep_thread_cpu"]) == 2
    pd.testing.assert_frame_equal(busy.peak_curve, one.peak_curve, check_exact=True)
    pd.testing.assert_frame_equal(busy.sensitivity, one.sensitivity, check_exact=True)
    # something to compare: the curve and the sensitivity have rows
    assert len(one.peak_curve) >= 2
    assert len(one.sensitivity) >= 2
    pd.testing.assert_frame_equal(both.peak_curve, one.peak_curve, check_exact=True)
    pd.testing.assert_frame_equal(both.sensitivity, one.sensitivity, check_exact=True)
    assert both.pathways.keys() == one.pathways.keys()
    for name, tables in one.pathways.items():
        for key, frame in tables.items():
            if isinstance(frame, pd.DataFrame):
                pd.testing.assert_frame_equal(both.pathways[name][key], frame, check_exact=True)
    for name, p in one.meta["scenarios"].items():
        assert both.meta["scenarios"][name]["objective"] == p["objective"]
    # the report's "Iterations (last solve)" is the cold solve's, as one thread gives (the
    # threads' pathways are made by a check solve of 0 iterations); tiny needs some
    assert one.meta["solver"]["iterations"] > 0
    assert both.meta["solver"]["iterations"] == one.meta["solver"]["iterations"]


def test_two_threads_where_a_core_is_idle_unless_one_or_two_is_asked(monkeypatch):
    import os

    import carbonpath.sweeps.executor as executor
    from carbonpath.errors import ArgumentValueError

    monkeypatch.setattr(executor, "default_workers", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.delenv("CARBONPATH_RUN_THREADS", raising=False)
    assert executor.run_threads() == 2  # the default, auto, by measurement: a core is idle
    monkeypatch.setattr(os, "getloadavg", lambda: (1.01, 0.0, 0.0))
    assert executor.run_threads() == 1  # no core idle: one thread
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setenv("CARBONPATH_RUN_THREADS", "1")
    assert executor.run_threads() == 1
    monkeypatch.setenv("CARBONPATH_RUN_THREADS", "2")
    assert executor.run_threads() == 2
    monkeypatch.setenv("CARBONPATH_RUN_THREADS", "auto")
    assert executor.run_threads() == 2
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 0.0, 0.0))
    assert executor.run_threads() == 1
    monkeypatch.setattr(executor, "default_workers", lambda: 1)
    monkeypatch.setenv("CARBONPATH_RUN_THREADS", "2")
    assert executor.run_threads() == 1  # one core: one thread
    monkeypatch.setenv("CARBONPATH_RUN_THREADS", "many")
    with pytest.raises(ArgumentValueError, match="CARBONPATH_RUN_THREADS"):
        executor.run_threads()


def test_peak_chains_walk_away_from_the_central_year():
    assert peak_chains([2026, 2027, 2028, 2029, 2030, 2040], 2028) == [(2027, 2026),
                                                                        (2028, 2029, 2030, 2040)]
    assert peak_chains([2030, 2040], 2026) == [(2030, 2040)]
    assert peak_chains([2026, 2027], None) == [(2026, 2027)]


def test_a_peak_chain_gives_the_points_each_solved_from_the_centre(tiny):
    spec = ModelSpec(tiny, "plan")
    model = PathwayModel(tiny, "plan")
    model.solve()
    seed_cache(spec, model)
    try:
        years = list(tiny.years[1:])
        chains = peak_chains(years, model.peak_year)
        chained = {y: p for chain in chains for y, p in zip(chain, peak_chain(spec, chain),
                                                            strict=True)}
        for year in years:
            alone = peak_point(spec, year)
            assert chained[year][0] == alone[0]
            if alone[0] == "optimal":
                assert chained[year][1] == pytest.approx(alone[1], rel=1e-9)
        # the model is left at its own peak year and central numbers
        assert model.highs.solve().objective == pytest.approx(model.last_result.objective,
                                                              rel=1e-12)
    finally:
        forget(spec)


def _where(spec, _):
    # the name, not the ident: a thread that ended may hand its ident to the next one
    return threading.current_thread().name, id(cached_model(spec).model)


def test_owner_threads_use_the_run_s_own_models_one_thread_per_model(tiny):
    specs = {name: ModelSpec(tiny, name) for name in ("plan", "baseline")}
    models = {name: PathwayModel(tiny, name) for name in specs}
    for name, model in models.items():
        model.solve()
        seed_cache(specs[name], model)
    try:
        calls = [(_where, (specs[name], i)) for i in range(3) for name in specs]
        results, _ = run_owned(calls, workers=2)
        for name, spec in specs.items():
            seen = [r for (_, args), r in zip(calls, results, strict=True) if args[0] is spec]
            assert {thread for thread, _ in seen} != {threading.current_thread().name}
            assert len({thread for thread, _ in seen}) == 1  # one owner per model
            assert {model for _, model in seen} == {id(models[name])}  # no copy built
        threads = {r[0] for r in results}
        assert len(threads) == 2
        # the same calls in this thread: the same models
        here, _ = run_owned(calls, workers=1)
        assert {r[0] for r in here} == {threading.current_thread().name}
        assert [r[1] for r in here] == [r[1] for r in results]
    finally:
        for spec in specs.values():
            forget(spec)


def test_owner_threads_borrow_the_models_of_a_caller_that_is_not_the_main_thread(tiny):
    def job():
        spec = ModelSpec(tiny, "plan")
        model = PathwayModel(tiny, "plan")
        model.solve()
        seed_cache(spec, model)  # this (worker) thread's cache
        try:
            results, _ = run_owned([(_where, (spec, 0)), (_where, (ModelSpec(tiny, "baseline"),
                                                                   1))], workers=2)
        finally:
            forget(spec)
        return results[0][1] == id(model)

    out = {}
    caller = threading.Thread(target=lambda: out.setdefault("same", job()))
    caller.start()
    caller.join()
    assert out["same"]  # the plan's tasks used the caller's model, not a new copy


def test_a_task_error_is_kept_as_its_result(tiny):
    spec = ModelSpec(tiny, "plan")

    def boom(spec, x):
        raise ValueError(x)

    results, _ = run_owned([(boom, (spec, "a")), (boom, (spec, "b"))], workers=2)
    assert [str(r) for r in results] == ["a", "b"]
    assert all(isinstance(r, ValueError) for r in results)


def test_an_infeasible_scenario_solved_on_the_worker_thread_is_explained(tmp_path, monkeypatch):
    import carbonpath.sweeps.executor as executor
    from carbonpath.errors import InfeasibleError
    from tests.test_model_hand import growth_case

    folder = growth_case(tmp_path / "g", [{"name": "cap", "type": "cap", "value": 1,
                                           "unit": "Mt CO2", "years": [2025]}])
    # gas can give at most 2000 GWh, so coal must emit at least 7.636 Mt in 2025
    text = (folder / "parameters.csv").read_text().replace(
        "gas,residual_capacity,,2,GW", "gas,residual_capacity,,0.2283105,GW")
    (folder / "parameters.csv").write_text(text)
    ds = load_dataset(folder)
    assert len(ds.scenarios) >= 2  # so that two threads put the solves on a worker thread
    messages = []
    for threads in (2, 1):
        monkeypatch.setattr(executor, "run_threads", lambda n=threads: n)
        with pytest.raises(InfeasibleError) as err:
            job.compute(ds)
        assert err.value.diagnosis is not None  # explained target by target, as sequentially
        messages.append(str(err.value))
    assert messages[0] == messages[1]


def test_one_thread_lets_each_model_s_highs_go_once_its_points_are_done(tiny, monkeypatch):
    import carbonpath.run_sweeps as sweeps
    import carbonpath.sweeps.executor as executor

    monkeypatch.setattr(executor, "run_threads", lambda: 1)
    events: list[str] = []
    let_go, solve = sweeps._let_go, PathwayModel.solve

    def noted_let_go(model):
        events.append(f"let go {getattr(model, 'scenario', 'a twin')}")
        let_go(model)

    def noted_solve(self, *a, **k):
        events.append(f"solve {self.scenario}")
        return solve(self, *a, **k)

    monkeypatch.setattr(sweeps, "_let_go", noted_let_go)
    monkeypatch.setattr(PathwayModel, "solve", noted_solve)
    job.compute(tiny)
    # sequentially, in the dataset's order: each model's points run as soon as its pathway
    # is made, and its HiGHS instance goes before the next scenario is solved (so one
    # HiGHS instance at a time, not every scenario's until the end)
    assert events == [e for name in tiny.scenarios for e in (f"solve {name}", f"let go {name}")]


def test_with_threads_the_pathways_are_made_as_the_cold_solves_end():
    from concurrent.futures import Future

    from carbonpath.run_solves import ScenarioSolves

    first, second = Future(), Future()
    solves = ScenarioSolves(threads=2)
    solves._pending = [("built first", None, first, 0.0), ("built second", None, second, 0.0)]
    turn = solves._in_turn()
    second.set_result(None)  # the second model's cold solve ends first
    assert next(turn)[0] == "built second"
    first.set_result(None)
    assert next(turn)[0] == "built first"
    # without threads (no futures): in build order
    solves._pending = [("a", None, None, 0.0), ("b", None, None, 0.0)]
    assert [entry[0] for entry in solves._in_turn()] == ["a", "b"]
