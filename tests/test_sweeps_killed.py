"""A worker killed in the middle of a Monte Carlo: its samples run again, and the run says so.

(Named to run before test_sweeps_montecarlo.py's in-process dask cluster: a forked pool must
not inherit that cluster's threads.)
"""

import json
import os
import signal

import numpy as np
import pandas as pd
import pytest

from carbonpath.sweeps.executor import process_pool
from carbonpath.sweeps.montecarlo import montecarlo

SAMPLES = 6


def numbers(frame):
    """Everything but the solve times (the one thing that is not reproducible)."""
    return frame[frame["metric"] != "seconds"].reset_index(drop=True)


@pytest.fixture(scope="module")
def inline():
    return montecarlo("tiny", samples=SAMPLES, seed=5, workers=1, scenarios=["plan"])


def test_a_process_killed_mid_run_is_rerun_counted_and_stored(inline, tmp_path):
    pool = process_pool(2, "fork")
    killed = []

    def kill_a_worker(done, total, failed):
        """After the first unit, kill one worker process outright (SIGKILL)."""
        if not killed:
            pid = next(iter(pool._processes))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    store = tmp_path / "mc"
    try:
        result = montecarlo("tiny", samples=SAMPLES, seed=5, executor=pool, chunk=1,
                            scenarios=["plan"], out=store, progress=kill_a_worker,
                            pool_factory=lambda: process_pool(2, "fork"))
    finally:
        pool.shutdown()
    assert killed
    # the units that were pending on the broken pool ran again on a fresh one
    assert result.report.rerun_count >= 1
    assert len(result.report.reruns) == result.report.rerun_count
    assert all("worker died" in line for line in result.report.reruns)
    # every sample is there once, with the numbers of the run in one process
    status = result.results[result.results["metric"] == "status"]
    assert sorted(status["sample"]) == list(range(SAMPLES))
    pd.testing.assert_frame_equal(numbers(inline.results), numbers(result.results))
    # the store's metadata records the re-runs of this run
    runs = json.loads((store / "store.json").read_text(encoding="utf-8"))["runs"]
    assert len(runs) == 1
    assert runs[0]["reruns"] == result.report.rerun_count
    assert runs[0]["samples"] == SAMPLES
    assert runs[0]["rerun_details"] == result.report.reruns


def test_a_dask_worker_killed_mid_run_is_rerun_by_dask_and_reported(inline):
    distributed = pytest.importorskip("distributed")
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())

        def kill_a_worker(done, total, failed):
            """After the first unit, kill one dask worker process (its nanny restarts it)."""
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        result = montecarlo("tiny", samples=SAMPLES, seed=5, executor=client.get_executor(),
                            chunk=1, scenarios=["plan"], progress=kill_a_worker)
    assert killed
    assert result.report.rerun_count >= 1
    assert any("dask re-ran it" in line for line in result.report.reruns)
    pd.testing.assert_frame_equal(numbers(inline.results), numbers(result.results))


def test_the_default_ranking_is_pawn_and_finds_the_input_that_matters():
    """PAWN by hand: y = x1 exactly, x2 irrelevant, 100 stratified samples, 10 slices.

    Slice s of x1 holds the y values between its s/10 and (s+1)/10 quantiles, so the largest
    distance between their CDF and the CDF of all y is max(s/10, 1 - (s+1)/10): 0.9, 0.8,
    0.7, 0.6, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9 over the slices; sorted, the middle two are 0.7
    and 0.7, so the median is 0.7.
    """
    from types import SimpleNamespace

    from carbonpath.sweeps import analysis

    n = 100
    x1 = (np.arange(n) + 0.5) / n
    x2 = np.random.default_rng(0).permutation(x1)
    inputs = pd.DataFrame({"sample": np.tile(np.arange(n), 2),
                           "input": ["a"] * n + ["b"] * n, "value": np.r_[x1, x2]})
    results = pd.DataFrame({"scenario": "s", "sample": np.arange(n), "metric": "cost",
                            "year": None, "value": x1, "text": None})
    unc = SimpleNamespace(inputs=[SimpleNamespace(name="a", group="A"),
                                  SimpleNamespace(name="b", group="B")])
    frame = analysis.sensitivity(results, inputs, unc).set_index("group")
    assert set(frame["method"]) == {"pawn"}
    assert frame.loc["A", "rank"] == 1
    assert frame.loc["A", "index"] == pytest.approx(0.7, abs=1e-9)
    assert frame.loc["B", "index"] < 0.35
