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


@pytest.fixture(scope="module")
def dask_client():
    """A real LocalCluster of two worker processes, shared by this module's dask tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def test_a_dask_worker_killed_mid_run_is_rerun_by_dask_and_reported(inline, dask_client):
    killed = []
    client = dask_client
    client.wait_for_workers(2)
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


def test_dask_reruns_a_finished_result_lost_before_it_was_gathered_and_reports_it(
        tmp_path, dask_client):
    """A dask worker killed while it sends a finished result; its gathered results stay.

    The first worker sends its first result as usual (the client gathers it, and
    ``run_tasks`` lets dask forget it); sending its second result stalls that worker until
    it is killed. dask then computes the second task again elsewhere, and ``run_tasks``
    reports it; the first task, whose result the client already held, is not run again.
    """
    import re
    import threading
    import time

    from carbonpath.sweeps.executor import run_tasks

    folder = str(tmp_path)
    gathered: set[int] = set()
    client = dask_client
    # one worker is enough (the one the test before killed may still be restarting): the
    # victim's lost task runs again on another worker or on the victim's own restart
    client.wait_for_workers(1)
    victim = sorted(client.run(os.getpid).values())[0]

    class Held:
        """A task's result; the victim stalls while it sends its second one."""

        def __init__(self, i):
            self.i = i

        def __reduce__(self):
            if os.getpid() == victim:
                sent = sorted(int(n[5:]) for n in os.listdir(folder)
                              if n.startswith("sent-"))
                if not sent or sent[0] == self.i:
                    open(os.path.join(folder, f"sent-{self.i}"), "w").close()
                else:
                    open(os.path.join(folder, f"stalled-{self.i}"), "w").close()
                    time.sleep(60)  # killed meanwhile
            return (Held, (self.i,))

    def work(i):
        """Record each execution (task, worker pid), then return a result."""
        with open(os.path.join(folder, f"runs-{i}"), "a") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(0.3)
        return Held(i)

    def kill_when_stalled():
        """Kill the victim once it stalls and its first result is here (and let go)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            names = os.listdir(folder)
            first = [int(n[5:]) for n in names if n.startswith("sent-")]
            if any(n.startswith("stalled-") for n in names) and first \
                    and first[0] in gathered:
                time.sleep(0.5)  # the client's release of that result reaches dask
                os.kill(victim, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_when_stalled, daemon=True)
    killer.start()
    results, report = run_tasks(work, [(i,) for i in range(8)], client.get_executor(),
                                on_result=lambda i, r: gathered.add(i))
    killer.join(timeout=5)

    names = os.listdir(folder)
    stalled = [int(n[8:]) for n in names if n.startswith("stalled-")]
    first = [int(n[5:]) for n in names if n.startswith("sent-")]
    assert len(stalled) == 1
    assert len(first) == 1

    def runs(i):
        with open(os.path.join(folder, f"runs-{i}")) as f:
            return [int(p) for p in f.read().split()]

    # every result is there, in task order
    assert [r.i for r in results] == list(range(8))
    # the stalled task finished on the victim, was lost with it, and ran again elsewhere
    assert runs(stalled[0])[0] == victim
    assert len(runs(stalled[0])) == 2
    assert runs(stalled[0])[1] != victim
    assert any(line.startswith(f"task {stalled[0]}: ") and "holding its finished result"
               in line for line in report.reruns)
    # the result the client held was not computed again, and no re-run is claimed for it
    assert runs(first[0]) == [victim]
    assert not any(line.startswith(f"task {first[0]}: ") for line in report.reruns)
    # every execution beyond a task's first is reported (a task queued on the victim but
    # not started yet may be reported without a second execution: dask did re-schedule it)
    claimed = {}
    for line in report.reruns:
        found = re.match(r"task (\d+): .* died (\d+) time", line)
        assert found, line
        i, n = int(found[1]), int(found[2])
        claimed[i] = claimed.get(i, 0) + n
    for i in range(8):
        assert len(runs(i)) - 1 <= claimed.get(i, 0), (i, runs(i), report.reruns)
    assert report.rerun_count == sum(claimed.values()) >= 1
