"""Monte Carlo over the pathway model: sampled inputs, warm solves, tidy results.

:func:`montecarlo` draws N Latin hypercube samples of a dataset's uncertain inputs
(``uncertainty.csv``, see :mod:`carbonpath.dataset.uncertainty`) centrally from a seed, and
solves every sample of every scenario warm: a worker builds each scenario's model once, and
for each sample applies the sample's overrides to the central model
(:meth:`carbonpath.PathwayModel.apply`) and solves from the central solution's basis. The
per-sample results are tidy rows (:data:`COLUMNS`): one row per scenario, sample and metric:

* ``status`` (text ``optimal``, ``infeasible``, ``invalid`` or the solver's status),
  ``explanation`` (text: for an infeasible sample, the targets that cannot be met, from the
  infeasibility diagnosis), ``seconds`` and ``iterations`` of the solve. ``infeasible``: the
  scenario's targets cannot be met with the sample's inputs (a result: the plan fails).
  ``invalid``: the sample's values are refused by the dataset's rules, or the model is
  infeasible even with every target relaxed, so the sampled inputs contradict the data
  themselves (e.g. an availability too low for the observed base-year output: round 16's
  N88); such a sample says nothing about the plan and is left out of the probabilities;
* ``cost`` (objective, discounted MCNY), ``peak_year``, ``peak_level`` (kt);
* by year: ``emissions`` (kt, the targets' basis), ``energy`` (ktce), ``nonfossil_share``
  (1), ``emission_intensity`` (t per 10^4 CNY of GDP, where the dataset has GDP);
* by target and year: ``shadow_price:<target>`` of every active target row (CNY/t, CNY/tce or
  MCNY per unit; positive when the target binds; units as in the Pathway's ``duals`` table).

Infeasible samples keep their status rows: they are counted and explained, never dropped.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.uncertainty import Uncertainty, load_uncertainty
from carbonpath.errors import (
    ArgumentValueError,
    DataError,
    InfeasibleError,
    MissingDependencyError,
    Problem,
    SolverError,
)
from carbonpath.model.peaks import peak_index
from carbonpath.model.update_checks import SAMPLED
from carbonpath.sweeps.executor import (
    ModelSpec,
    Progress,
    TaskReport,
    cached_model,
    run_tasks,
)
from carbonpath.sweeps.sampling import Samples, draw_samples

__all__ = ["COLUMNS", "MonteCarloResult", "default_chunk", "montecarlo", "solve_samples"]

#: Largest default work unit, in samples (see :func:`default_chunk`).
MAX_CHUNK = 4
#: The store is written when this many samples finished since its last write ...
FLUSH_SAMPLES = 40
#: ... or this many seconds passed.
FLUSH_SECONDS = 15.0

#: Columns of the tidy per-sample results.
COLUMNS = ["scenario", "sample", "metric", "year", "value", "text"]


def solve_samples(spec: ModelSpec, samples: list[tuple[int, dict]],
                  diagnose: bool = True) -> list[tuple]:
    """Solve samples of one scenario on this worker's cached model (the work unit).

    Parameters
    ----------
    spec : ModelSpec
        The scenario's model.
    samples : list of (int, dict)
        Sample id and its overrides (``(table, line) -> value``).
    diagnose : bool
        Explain infeasible samples (``diagnose(pm, quick=True)``: at most two LPs each, no
        full IIS search). The samples are classified either way (``invalid`` when
        infeasible with every target relaxed, else ``infeasible``).

    Returns
    -------
    list of tuple
        Rows of :data:`COLUMNS`.

    Raises
    ------
    DataError, SolverError
        If the scenario's central model cannot be built or solved (no sample can then be).
    """
    cached = cached_model(spec)
    pm = cached.model
    rows: list[tuple] = []
    for sample, overrides in samples:
        rows.extend(_one(spec.scenario or "", sample, overrides, pm, cached.basis, diagnose))
    return rows


def _one(scenario: str, sample: int, overrides: dict, pm: Any, basis: Any,
         diagnose: bool) -> list[tuple]:
    start = time.perf_counter()
    out: list[tuple] = []

    def row(metric: str, year: int | None, value: float, text: str | None = None) -> None:
        """Append one tidy row."""
        out.append((scenario, sample, metric, year, value, text))

    try:
        pm.apply(overrides, plausibility=SAMPLED)  # checked when uncertainty.csv was read
    except DataError as exc:
        row("status", None, math.nan, "invalid")
        row("explanation", None, math.nan, str(exc))
        row("seconds", None, time.perf_counter() - start)
        return out
    pm.highs.start_from(basis)
    try:
        result = pm.highs.solve()
    except InfeasibleError as exc:
        from carbonpath.model.diagnose import diagnose as explain

        # always classified (N88): infeasible with every target relaxed = the sampled data
        # contradict themselves (invalid), else the targets fail (infeasible, a result);
        # ``diagnose=False`` only keeps the explanation short
        table, explanation = explain(pm, quick=True)  # a few LPs, no full IIS search
        text = "infeasible" if table is not None else "invalid"
        if text == "invalid":
            explanation = ("the sampled inputs contradict the dataset (infeasible even with "
                           "every target relaxed), so the sample is left out of the "
                           "probabilities: " + (explanation if diagnose else
                                                "(diagnosis not kept: diagnose=False)"))
        elif not diagnose:
            explanation = "infeasible"
        row("status", None, math.nan, text)
        row("explanation", None, math.nan, explanation or str(exc))
        row("seconds", None, time.perf_counter() - start)
        return out
    except SolverError as exc:
        row("status", None, math.nan, (exc.status or "error").lower())
        row("explanation", None, math.nan, str(exc))
        row("seconds", None, time.perf_counter() - start)
        return out
    row("status", None, math.nan, "optimal")
    row("seconds", None, time.perf_counter() - start)
    row("iterations", None, float(result.iterations))
    _metrics(pm, result, row)
    return out


def _metrics(pm: Any, result: Any, row: Callable) -> None:
    """The sample's numbers, read straight from the solution (no full Pathway)."""
    h, m, d = pm.highs, pm.model, pm.data
    x = result.col_value
    years = d.years
    emissions = [h.value(result, m.emissions[y]) for y in years]
    peak = peak_index(emissions)  # the first year at the top (F15)
    row("cost", None, float(result.objective))
    row("peak_year", None, float(years[peak]))
    row("peak_level", None, float(emissions[peak]))
    gdp = d.drivers.get("gdp")
    techs = [t for t in d.techs.values() if t.kind != "storage"]
    for y, e in zip(years, emissions, strict=True):
        k = d.year_index[y]
        activity = [_value(h, x, m.activity[t.code, y]) for t in techs]
        energy = math.fsum(float(t.energy_tce[k]) * a for t, a in zip(techs, activity,
                                                                       strict=True))
        nonfossil = math.fsum(float(t.nonfossil_tce[k]) * a for t, a in zip(techs, activity,
                                                                             strict=True))
        row("emissions", y, float(e))
        row("energy", y, energy)
        row("nonfossil_share", y, nonfossil / energy if energy else math.nan)
        if gdp is not None:
            # kt / MCNY = 1e3 t / 1e2 (10^4 CNY) = 10 t per 10^4 CNY
            row("emission_intensity", y, float(e) / float(gdp[k]) * 10.0)
    df = {y: float(d.discount_factor[d.year_index[y]]) for y in years}
    from carbonpath.model.targets import row_is_active

    for key, target in pm.target_rows.items():
        con = m.target[key]
        if not row_is_active(con):
            continue
        r = h.row(con)
        dual = 0.0 if r is None else float(result.row_dual[r])
        sign = -1.0 if target.sense == "<=" else 1.0
        per = 1000.0 if target.unit in ("kt", "ktce") else 1.0
        undiscounted = dual / df[target.year] if target.year in df else dual
        row(f"shadow_price:{target.target}", target.year, sign * undiscounted * per)


def _value(h: Any, x: np.ndarray, var: Any) -> float:
    j = h.col_of.get(id(var))
    if j is None:
        return float(var.lb) if var.lb is not None and var.lb == var.ub else 0.0
    return float(x[j])


@dataclass
class MonteCarloResult:
    """The per-sample results of a Monte Carlo run and what was sampled.

    Attributes
    ----------
    results : pandas.DataFrame
        Tidy rows (:data:`COLUMNS`), sorted by scenario, sample, metric and year.
    inputs : pandas.DataFrame
        (sample, input) values: multipliers of relative inputs, values of absolute ones.
    uncertainty : Uncertainty
    report : TaskReport
        Wall time, re-runs after dead workers, failed tasks.
    settings : dict
        Dataset, scenarios, samples, seed, hours, solver options.
    """

    results: pd.DataFrame
    inputs: pd.DataFrame
    uncertainty: Uncertainty
    report: TaskReport = field(default_factory=TaskReport)
    settings: dict[str, Any] = field(default_factory=dict)

    @checked
    def status(self) -> pd.DataFrame:
        """Count of samples by scenario and status (infeasible ones included)."""
        from carbonpath.sweeps.analysis import status_counts

        return status_counts(self.results)

    @checked
    def peak_probability(self) -> pd.DataFrame:
        """Probability of peaking by each year, per scenario (see :mod:`.analysis`)."""
        from carbonpath.sweeps.analysis import peak_probability

        return peak_probability(self.results)

    @checked
    def bands(self, percentiles: tuple[float, ...] = (5, 25, 50, 75, 95)) -> pd.DataFrame:
        """Percentile bands of every metric by scenario and year (fan-chart data)."""
        from carbonpath.sweeps.analysis import bands

        return bands(self.results, percentiles)

    @checked
    def sensitivity(self, metric: str = "cost", year: int | None = None,
                    method: str = "pawn", seed: int = 0) -> pd.DataFrame:
        """Global sensitivity ranking of the input groups (SALib, given data).

        ``method``: ``"pawn"`` (default, fast) or ``"delta"`` (slower; see
        :func:`carbonpath.sweeps.analysis.sensitivity`).
        """
        from carbonpath.sweeps.analysis import sensitivity

        return sensitivity(self.results, self.inputs, self.uncertainty, metric, year, method,
                           seed)


#: What the Monte Carlo needs beyond carbonpath's core: sampling and inverse CDFs (scipy), the
#: global sensitivity estimators (SALib) and the Parquet store (pyarrow).
EXTRA_MODULES = ("scipy", "SALib", "pyarrow")


def require_extra() -> None:
    """Check that the ``montecarlo`` extra is installed.

    Raises
    ------
    MissingDependencyError
        Naming the missing packages and the command that installs them.
    """
    import importlib.util

    missing = [m for m in EXTRA_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        msg = (f"the Monte Carlo needs {', '.join(missing)}: pip install "
               "'carbonpath[montecarlo]'")
        raise MissingDependencyError(msg)


@checked
def montecarlo(dataset: str | Path | Dataset, samples: int = 100,
               scenarios: list[str] | None = None, seed: int = 0,
               executor: Any = None, progress: Progress | None = None,
               out: str | Path | None = None, hours: int | None = None,
               solver_options: dict[str, Any] | None = None, chunk: int | None = None,
               diagnose: bool = True, pool_factory: Callable | None = None,
               uncertainty: Uncertainty | None = None,
               workers: int | None = None) -> MonteCarloResult:
    """Run a Monte Carlo analysis of a dataset's scenarios.

    Parameters
    ----------
    dataset : str or pathlib.Path or Dataset
        Bundled name or folder; it must hold ``uncertainty.csv`` (unless ``uncertainty``
        is given).
    samples : int
        Number of Latin hypercube samples (the same samples for every scenario).
    scenarios : list of str, optional
        Default: every scenario of the dataset.
    seed : int
        Seed of the sampling: same seed and samples, same numbers bit for bit.
    executor : concurrent.futures.Executor, optional
        Where the work units run (see :func:`carbonpath.sweeps.executor.make_executor`).
        Default: a pool of ``workers`` local processes, made and closed here.
    workers : int, optional
        Without ``executor``: local worker processes (default: the cores available; 1 runs
        in this process). Given with ``executor`` it is an ArgumentValueError.
    progress : callable, optional
        ``progress(done, total, failed)`` after each work unit (units are chunks of samples;
        ``total`` counts samples of all scenarios).
    out : str or pathlib.Path, optional
        A result store folder (:mod:`carbonpath.sweeps.store`): rows are written as work
        units finish; samples already in the store are not solved again (resume).
    hours : int, optional
        Time blocks per representative day.
    solver_options : dict, optional
        HiGHS options.
    chunk : int, optional
        Samples per work unit, a whole number >= 1 (default: :func:`default_chunk`, about
        16 units per worker and scenario, at most ``MAX_CHUNK`` samples each).
    diagnose : bool
        Explain infeasible samples (a quick diagnosis of at most two LPs each, see
        :func:`carbonpath.model.diagnose.diagnose`). Its first LP (every target relaxed)
        runs either way: it tells an ``invalid`` sample (data that contradict themselves)
        from an ``infeasible`` one.
    pool_factory : callable, optional
        A fresh executor when a worker of a process pool dies (see :func:`run_tasks`).
    uncertainty : Uncertainty, optional
        Uncertain inputs (default: the dataset's ``uncertainty.csv``).

    Returns
    -------
    MonteCarloResult

    Raises
    ------
    ArgumentValueError
        An empty list of scenarios, both ``workers`` and ``executor``, or a ``chunk`` below 1.
    DataError
        If the dataset has no (or an invalid) ``uncertainty.csv``, or a scenario is unknown.
    StoreMismatchError, OutputFolderError
        If ``out`` holds a store of other inputs, or files that carbonpath did not write
        there (or that were edited since), checked before any solve.
    SolverError, DataError
        If a scenario's central model cannot be solved.
    MissingDependencyError
        If the ``montecarlo`` extra (scipy, SALib, pyarrow) is not installed.
    """
    require_extra()
    if executor is not None and workers is not None:  # B95: which one wins, said
        msg = (f"montecarlo(): give workers= or executor=, not both: workers={workers!r} sizes "
               "the pool montecarlo makes itself, and an executor given is used as it is")
        raise ArgumentValueError(msg)
    if chunk is not None and chunk < 1:  # round 25 KA90: -1 solved nothing, 0 was the default
        msg = (f"montecarlo(): argument 'chunk' must be a whole number >= 1 (samples per work "
               f"unit) or None for the default (about 16 units per worker, at most "
               f"{MAX_CHUNK} samples each), not {chunk!r}: "
               + ("no work unit would hold a sample, so none would be solved" if chunk < 0
                  else "0 samples per unit is no unit"))
        raise ArgumentValueError(msg)
    if out is not None:  # the destination is checked before any data is read or solved
        from carbonpath.sweeps.store import check_store

        check_store(out)
    if executor is None:
        from carbonpath.sweeps.executor import make_executor, process_pool

        with make_executor(workers) as own:
            count = getattr(own, "_max_workers", None)
            return montecarlo(dataset, samples, scenarios, seed, own, progress, out, hours,
                              solver_options, chunk, diagnose,
                              pool_factory or (count and (lambda: process_pool(count))),
                              uncertainty)
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    unc = uncertainty if uncertainty is not None else load_uncertainty(ds)
    if unc is None:
        raise DataError(Problem("the dataset has no uncertainty.csv, so there is nothing to "
                                "sample", file="uncertainty.csv",
                                valid="see docs/montecarlo.md for its columns"))
    if scenarios is not None and not list(scenarios):
        raise ArgumentValueError(
            "montecarlo: 'scenarios' is empty; give at least one scenario name, or None for "
            f"all of the dataset's ({', '.join(ds.scenarios) or 'its one scenario'})")
    scenarios = list(scenarios or ds.scenarios or [None])
    for name in scenarios:
        if name is not None:
            ds.scenario(name)  # unknown names raise before any work
    from carbonpath.model.data import model_hours

    model_hours(ds, hours)  # a wrong hours= raises here, not in every sample after the store
    drawn = draw_samples(unc, samples, seed)
    inputs = drawn.values.reset_index().melt(id_vars="sample", var_name="input",
                                             value_name="value")
    options = tuple(sorted((solver_options or {}).items()))
    settings = {"dataset": ds.name, "scenarios": [s or "" for s in scenarios],
                "samples": samples, "seed": seed, "hours": hours,
                "solver_options": dict(options)}
    store = None
    done: set[tuple[str, int]] = set()
    if out is not None:
        from carbonpath.sweeps.store import open_store

        store = open_store(out, ds, unc, settings, inputs)
        done = store.done()
    tasks = _tasks(ds, scenarios, drawn, unc, hours, options, done, chunk, executor, diagnose)
    total = sum(len(t[1]) for t in tasks)
    finished = [0]
    pending: list[tuple] = []  # finished rows not yet in the store
    flushed = [time.perf_counter(), 0]  # last write, samples waiting

    def on_result(index: int, result: Any) -> None:
        """Stream finished units to the store; count their samples for progress.

        Rows are written in batches (every ``FLUSH_SAMPLES`` samples or ``FLUSH_SECONDS``),
        since each write costs the main process tens of milliseconds that the workers
        could use; an interrupted run solves the unwritten samples again on resume.
        """
        finished[0] += len(tasks[index][1])
        if store is None or isinstance(result, BaseException):
            return
        pending.extend(result)
        flushed[1] += len(tasks[index][1])
        if (flushed[1] >= FLUSH_SAMPLES or finished[0] == total
                or time.perf_counter() - flushed[0] >= FLUSH_SECONDS):
            store.append(pending)
            pending.clear()
            flushed[:] = [time.perf_counter(), 0]

    def tick(_done: int, _total: int, failed: int) -> None:
        """Progress in samples, not units."""
        if progress is not None:
            progress(finished[0], total, failed)

    try:
        results, report = run_tasks(solve_samples, tasks, executor, progress=tick,
                                    on_result=on_result, pool_factory=pool_factory)
    finally:
        if pending and store is not None:  # what finished before an error
            store.append(pending)
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        raise errors[0]
    rows = [r for unit in results for r in unit]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if store is not None:
        store.record_run(report, total, getattr(executor, "_max_workers", None)
                         or type(executor).__name__)
        frame = store.read()
        store.write_summaries(frame, inputs, unc)
    frame = _sorted(frame)
    return MonteCarloResult(frame, inputs, unc, report, settings)


def _tasks(ds: Dataset, scenarios: list, drawn: Samples, unc: Uncertainty, hours: int | None,
           options: tuple, done: set, chunk: int | None, executor: Any,
           diagnose: bool) -> list[tuple]:
    workers = getattr(executor, "_max_workers", None) or 2
    values = drawn.values.to_numpy()
    tasks = []
    for name in scenarios:
        spec = ModelSpec(ds, name, hours, options, online=tuple(sorted(
            unc.online_years().items(), key=lambda kv: str(kv[0]))))
        todo = [s for s in range(len(drawn)) if (name or "", s) not in done]
        size = chunk if chunk is not None else default_chunk(len(todo), workers)
        for first in range(0, len(todo), size):
            part = [(s, unc.overrides(values[s])) for s in todo[first:first + size]]
            tasks.append((spec, part, diagnose))
    return tasks


def default_chunk(samples: int, workers: int) -> int:
    """Samples per work unit: about 16 units per worker, at most ``MAX_CHUNK`` samples each.

    A unit costs a few milliseconds of dispatch and transfer (tens under load) against a
    sample's fraction of a second, while the last unit of a worker leaves the others idle:
    small units balance the workers (benchmarks/bench_sweeps.py).
    """
    return max(1, min(MAX_CHUNK, samples // (16 * workers)))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes and row order whether the rows come from workers or from a store."""
    frame = frame.astype({"scenario": object, "sample": "int64", "metric": object,
                          "value": "float64", "text": object})
    frame["text"] = frame["text"].where(frame["text"].notna(), None)
    frame["year"] = frame["year"].astype("Int64")
    order = frame.sort_values(["scenario", "sample", "metric", "year"], kind="stable",
                              na_position="first")
    return order.reset_index(drop=True)
