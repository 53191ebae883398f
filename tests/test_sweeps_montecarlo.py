"""Monte Carlo: the same numbers on every executor, resumable stores, counted failures."""

import os
import shutil
import sys

import pandas as pd
import pytest

from carbonpath import load_dataset
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.errors import OutputFolderError, StoreMismatchError
from carbonpath.sweeps import analysis
from carbonpath.sweeps.executor import make_executor, process_pool, run_tasks
from carbonpath.sweeps.montecarlo import montecarlo
from carbonpath.sweeps.store import read_store

SAMPLES = 6


def numbers(frame):
    """Everything but the solve times (the one thing that is not reproducible)."""
    return frame[frame["metric"] != "seconds"].reset_index(drop=True)


@pytest.fixture(scope="module")
def inline():
    return montecarlo("tiny", samples=SAMPLES, seed=11, workers=1)


def test_results_are_tidy_and_complete(inline):
    frame = inline.results
    assert list(frame.columns) == ["scenario", "sample", "metric", "year", "value", "text"]
    status = frame[frame["metric"] == "status"]
    assert len(status) == 2 * SAMPLES  # baseline and plan
    assert set(status["text"]) == {"optimal"}
    # emissions of every model year, and the peak read from them
    one = frame[(frame["scenario"] == "plan") & (frame["sample"] == 0)]
    em = one[one["metric"] == "emissions"].set_index("year")["value"]
    assert list(em.index) == list(range(2024, 2031))
    peak = one[one["metric"] == "peak_year"]["value"].iloc[0]
    assert peak == em.idxmax()
    assert em[2027] <= em[2026] + 1e-6  # the plan's peak-by-2026 rows hold


def test_a_process_pool_gives_the_same_numbers(inline):
    # fork: fast start in a test (the default start method, forkserver, is measured in
    # benchmarks/bench_sweeps.py)
    pool = process_pool(2, "fork")
    try:
        other = montecarlo("tiny", samples=SAMPLES, seed=11, executor=pool, chunk=2)
    finally:
        pool.shutdown()
    pd.testing.assert_frame_equal(numbers(inline.results), numbers(other.results))


def _die_once(marker, value):
    """Kill this worker process the first time it runs (a worker that dies)."""
    if value == 2 and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return value * 10


def test_the_tasks_of_a_worker_that_died_run_again_and_are_reported(tmp_path):
    marker = str(tmp_path / "died")
    pool = process_pool(2, "fork")
    results, report = run_tasks(_die_once, [(marker, v) for v in range(5)], pool,
                                pool_factory=lambda: process_pool(2, "fork"))
    pool.shutdown()
    assert results == [0, 10, 20, 30, 40]
    assert report.reruns
    assert any("task 2" in line for line in report.reruns)


def test_an_interrupted_sweep_resumes_where_it_stopped(inline, tmp_path):
    store = tmp_path / "store"
    seen = []

    def stop_after_two_units(done, total, failed):
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        montecarlo("tiny", samples=SAMPLES, seed=11, out=store, chunk=2, workers=1,
                   progress=stop_after_two_units)
    partial = read_store(store)
    assert sorted(set(zip(partial["scenario"], partial["sample"], strict=True))) == [
        ("baseline", 0), ("baseline", 1), ("baseline", 2), ("baseline", 3)]
    solved = []
    resumed = montecarlo("tiny", samples=SAMPLES, seed=11, out=store, chunk=2, workers=1,
                         progress=lambda done, total, failed: solved.append(total))
    assert solved[-1] == 2 * SAMPLES - 4  # only what was missing
    pd.testing.assert_frame_equal(numbers(inline.results), numbers(resumed.results))
    assert (store / "summary" / "peak_probability.csv").exists()


def test_a_store_refuses_other_inputs_and_foreign_files(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    store = tmp_path / "store"
    montecarlo(folder, samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    with pytest.raises(StoreMismatchError, match="seed 1 -> 2"):
        montecarlo(folder, samples=2, seed=2, out=store, scenarios=["baseline"], workers=1)
    text = (folder / "demands.csv").read_text(encoding="utf-8")
    (folder / "demands.csv").write_text(text.replace("7200", "7300"), encoding="utf-8")
    with pytest.raises(StoreMismatchError, match=r"demands\.csv changed") as info:
        montecarlo(folder, samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    assert info.value.differences == ["demands.csv changed"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("a user's file", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"notes\.txt"):
        montecarlo(folder, samples=2, seed=1, out=mine, workers=1)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "a user's file"


def test_infeasible_samples_are_counted_and_explained(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    # demand of 2030 far above what the 4.8 Mt cap allows with the grid link and 3 GW of PV
    (folder / "uncertainty.csv").write_text(
        "input,table,commodity,year,scale,distribution,values,unit,source\n"
        "demand,demands,electricity,2030,absolute,discrete,7200 30000,GWh/yr,"
        "assumption: test\n", encoding="utf-8")
    result = montecarlo(folder, samples=4, seed=0, scenarios=["plan"], workers=1)
    counts = result.status().set_index("status")["samples"]
    assert counts.to_dict() == {"infeasible": 2, "optimal": 2}
    explained = result.results[result.results["metric"] == "explanation"]["text"]
    assert len(explained) == 2
    assert all("cap" in text for text in explained)
    prob = result.peak_probability()
    assert (prob["infeasible"] == 2).all()
    assert prob["probability"].max() <= 0.5  # infeasible samples never count as peaked


def test_peak_probability_and_bands_by_hand():
    rows = []
    for sample, (peak, status) in enumerate([(2025, "optimal"), (2027, "optimal"),
                                             (2030, "optimal"), (None, "infeasible")]):
        rows.append(("s", sample, "status", None, float("nan"), status))
        if peak is not None:
            rows.append(("s", sample, "peak_year", None, float(peak), None))
            rows.append(("s", sample, "emissions", 2030, 100.0 * (sample + 1), None))
    frame = pd.DataFrame(rows, columns=["scenario", "sample", "metric", "year", "value",
                                        "text"])
    prob = analysis.peak_probability(frame, years=[2024, 2025, 2027, 2030]).set_index("year")
    # 4 samples: by 2025 one of them, by 2027 two; the third is highest in 2030, the last
    # model year, so it has not peaked within the horizon (finding Z01), and the infeasible
    # one never peaks: by 2030 still two
    assert prob["probability"].to_dict() == {2024: 0.0, 2025: 0.25, 2027: 0.5, 2030: 0.5}
    bands = analysis.bands(frame, (50,))
    row = bands[bands["metric"] == "emissions"].iloc[0]
    assert (row["samples"], row["mean"], row["p50"]) == (3, 200.0, 200.0)


def test_a_scheduler_without_distributed_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"carbonpath\[distributed\]"), \
            make_executor(scheduler="tcp://127.0.0.1:8786"):
        pass


def test_liaocheng_uncertainty_is_valid(liaocheng):
    unc = load_uncertainty(liaocheng)  # load_dataset("liaocheng"), shared (tests/conftest.py)
    assert len(unc.inputs) >= 4
    assert all(i.source.startswith("assumption:") or i.source for i in unc.inputs)


# last: the in-process cluster's threads must not be alive when a test forks a pool
def test_a_dask_local_cluster_with_two_workers_gives_the_same_numbers(inline):
    distributed = pytest.importorskip("distributed")
    # in-process workers (threads of this process) keep the test fast; every task still
    # goes through the scheduler, and each worker builds its own models
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client, make_executor(scheduler=client) as ex:
        other = montecarlo("tiny", samples=SAMPLES, seed=11, executor=ex, chunk=2)
        workers = len(client.scheduler_info()["workers"])
    assert workers == 2
    pd.testing.assert_frame_equal(numbers(inline.results), numbers(other.results))


def test_the_command_runs_resumes_and_refuses(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    runner = CliRunner()
    out = tmp_path / "mc"
    args = ["montecarlo", "tiny", "--samples", "3", "--workers", "1", "--out", str(out),
            "--scenario", "plan"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "plan: 3 optimal (100%)" in result.output
    assert len(read_store(out)[lambda f: f["metric"] == "status"]) == 3
    result = runner.invoke(app, [*args[:-2], "--seed", "4", "--scenario", "plan"])
    assert result.exit_code == 1
    assert "error: the store" in result.output
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = runner.invoke(app, ["montecarlo", "tiny", "--out", str(tmp_path / "x"),
                                 "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "carbonpath[distributed]" in result.output


def test_a_store_replaces_only_its_own_files(tmp_path, monkeypatch):
    """Issue 11: a user's file in the store's way is refused before any solve."""
    mc = sys.modules["carbonpath.sweeps.montecarlo"]
    store = tmp_path / "store"
    montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    part = store / "parts" / "part-000000.parquet"
    first = part.read_bytes()
    # a re-run into its own store is allowed (resumed: nothing left to solve)
    montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    assert part.read_bytes() == first

    def no_solve(*args, **kwargs):
        raise AssertionError("solved although the destination was refused")

    monkeypatch.setattr(mc, "load_dataset", no_solve)
    monkeypatch.setattr(mc, "run_tasks", no_solve)
    # a user's file inside the store's parts folder
    user = store / "parts" / "part-000009.parquet"
    user.write_bytes(b"a user's bytes")
    with pytest.raises(OutputFolderError, match=r"part-000009\.parquet"):
        montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    from typer.testing import CliRunner

    from carbonpath.cli import app

    result = CliRunner().invoke(app, ["montecarlo", "tiny", "--samples", "2", "--workers", "1",
                                      "--out", str(store), "--scenario", "baseline"])
    assert result.exit_code == 1
    assert "part-000009.parquet" in result.output
    assert "Traceback" not in result.output
    assert user.read_bytes() == b"a user's bytes"
    user.unlink()
    # an edited summary (carbonpath's, changed since) is the user's now
    summary = store / "summary" / "status.csv"
    summary.write_text(summary.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"status\.csv"):
        montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    assert summary.read_text(encoding="utf-8").endswith("# my note\n")


def test_a_store_emptied_by_the_user_is_written_again(tmp_path):
    """Only carbonpath's manifest left (the user removed the store's files): a new store."""
    store = tmp_path / "store"
    montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    for path in sorted(store.rglob("*"), reverse=True):
        if path.name != ".carbonpath-manifest.json":
            path.rmdir() if path.is_dir() else path.unlink()
    montecarlo("tiny", samples=2, seed=1, out=store, scenarios=["baseline"], workers=1)
    assert len(read_store(store)[lambda f: f["metric"] == "status"]) == 2
