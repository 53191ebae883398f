"""A run loads and keeps only what it uses: import hooks, lazy report, memory between stages,
and thread workers that start from the run's own optimal basis (issue 15)."""

import importlib.util
import os
import platform
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from carbonpath import _imports, load_dataset
from carbonpath._memory import release_memory
from carbonpath.model import PathwayModel
from carbonpath.sweeps.executor import ModelSpec, cached_model, forget, seed_cache
from carbonpath.sweeps.points import capex_pair, peak_point

SRC = Path(__file__).parents[1] / "src"

SCRIPT = """
import sys
import carbonpath, carbonpath.run
import carbonpath.report.names
assert "matplotlib" not in sys.modules, "the run's imports loaded matplotlib"
assert carbonpath._imports.DROPPED == ["scipy", "matplotlib"], carbonpath._imports.DROPPED
assert "dask" not in sys.modules, "pint's eager dask import came back"
assert "pyomo.environ" not in sys.modules, "the model needs pyomo.core only"
if {scipy}:
    import scipy  # what pint does where scipy is installed
    assert "scipy.stats" not in sys.modules, "Pyomo's import hook loaded scipy.stats"
from carbonpath.report import render_report  # the package's names still resolve
assert "matplotlib" in sys.modules and "matplotlib.pyplot" not in sys.modules
assert render_report.__module__ == "carbonpath.report.render"
print("ok")
"""


def test_a_run_imports_neither_scipy_stats_nor_matplotlib_until_the_report():
    scipy = importlib.util.find_spec("scipy") is not None
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(scipy=scipy)],
                         capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


DASK_SCRIPT = """
import sys
import carbonpath
assert carbonpath._imports.PINT_LAZY_DASK, "pint was imported as usual"
assert "dask" not in sys.modules
import dask
import dask.array as da
import numpy as np
q = carbonpath.ureg.Quantity(da.arange(6.0, chunks=3), "t")
assert dask.is_dask_collection(q)
done = q.compute()
assert isinstance(done.magnitude, np.ndarray) and done.units == carbonpath.ureg.t
assert done.magnitude.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
(again,) = dask.compute(q * 2)
assert again.magnitude.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
assert isinstance(q.persist().magnitude, da.Array)
try:
    carbonpath.ureg.Quantity(3.0, "t").compute()
except AttributeError as exc:  # as pint says for a quantity that wraps no dask array
    assert "only implemented for objects of" in str(exc), exc
else:
    raise AssertionError("compute() of a plain quantity did not fail")
print("ok")
"""


@pytest.mark.skipif(importlib.util.find_spec("dask") is None, reason="dask is not installed")
def test_pint_quantities_of_dask_arrays_still_compute_with_dask_imported_late():
    out = subprocess.run([sys.executable, "-c", DASK_SCRIPT], capture_output=True, text=True,
                         check=False, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_a_pint_without_the_expected_dask_lines_is_imported_as_usual(monkeypatch):
    # pint is imported here already: nothing to do, nothing changed
    assert _imports.pint_without_eager_dask() is False
    # another pint's compat.py, read before importing it: not relied upon
    assert _imports._pint_compat_known() is True
    monkeypatch.setattr(_imports, "_PINT_COMPAT_LINES",
                        (*_imports._PINT_COMPAT_LINES, "a line no pint has"))
    assert _imports._pint_compat_known() is False


def test_the_hooks_are_gone_and_dropping_them_again_changes_nothing():
    from pyomo.common.dependencies import DeferredImportCallbackFinder

    for name in _imports.HOOKS_DROPPED:
        assert name not in DeferredImportCallbackFinder._callbacks
    assert _imports.lean_pyomo_hooks() == []
    # Pyomo's own deferred scipy still resolves for Pyomo code that asks for it
    if importlib.util.find_spec("scipy") is not None:
        from pyomo.common.dependencies import scipy, scipy_available

        assert scipy_available
        assert scipy.sparse.csr_matrix is not None


def test_release_memory_trims_the_heap_on_linux():
    expected = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert release_memory() is expected


@pytest.fixture(scope="module")
def seeded():
    ds = load_dataset("tiny")
    specs = {name: ModelSpec(ds, name) for name in ("plan", "baseline")}
    models = {name: PathwayModel(ds, name) for name in specs}
    for name, model in models.items():
        model.solve()
        seed_cache(specs[name], model)
    yield specs, models
    for spec in specs.values():
        forget(spec)


def in_thread(fn, *args):
    out = {}
    worker = threading.Thread(target=lambda: out.setdefault("r", fn(*args)))
    worker.start()
    worker.join()
    return out["r"]


def test_a_worker_thread_starts_from_the_runs_basis_and_gives_the_same_numbers(seeded):
    specs, models = seeded
    copy = in_thread(cached_model, specs["plan"])
    # its own model (a model is never shared between threads), solved in 0 iterations from
    # the run's optimal basis, which its tasks start from
    assert copy.model is not models["plan"]
    assert copy.central.iterations == 0
    assert copy.basis is cached_model(specs["plan"]).basis
    assert copy.central.objective == models["plan"].last_result.objective
    # the same points bit for bit, in the main thread (the run's own model) and a worker
    for year in (2026, 2028):
        here, there = peak_point(specs["plan"], year), in_thread(peak_point, specs["plan"], year)
        assert here[:4] == there[:4]
    pair = (specs["plan"], specs["baseline"])
    assert capex_pair(pair, ("pv",), 1.3) == in_thread(capex_pair, pair, ("pv",), 1.3)


def test_a_capex_point_re_solved_by_the_primal_simplex_equals_a_cold_solve(seeded):
    specs, models = seeded
    pair = (specs["plan"], specs["baseline"])
    warm = capex_pair(pair, ("pv",), 1.3)
    # independent: fresh models of each scenario with pv's capex scaled before a cold solve
    for spec, objective in zip(pair, warm, strict=True):
        fresh = PathwayModel(spec.dataset, spec.scenario)
        fresh.scale_cost("pv", "capex", 1.3)
        assert objective == pytest.approx(fresh.highs.solve().objective, rel=1e-9)
    # the run's models are back at HiGHS's default (dual) strategy and their central costs
    for model in models.values():
        assert model.highs.highs.getOptionValue("simplex_strategy")[1] == 1
        assert model.highs.solve().objective == pytest.approx(
            model.last_result.objective, rel=1e-12)


def test_a_simplex_strategy_the_caller_chose_is_kept_for_capex_points():
    from carbonpath.sweeps.points import solve_cost_change

    ds = load_dataset("tiny")
    model = PathwayModel(ds, "plan", solver_options={"simplex_strategy": 2})
    model.solve()
    seen = []
    h = model.highs.highs
    original = h.setOptionValue
    h.setOptionValue = lambda name, value: (seen.append(name), original(name, value))[1]
    solve_cost_change(ModelSpec(ds, "plan", solver_options=(("simplex_strategy", 2),)), model)
    assert "simplex_strategy" not in seen
    assert h.getOptionValue("simplex_strategy")[1] == 2
