"""The run's own sweeps: the cost-of-peaking curve and the capex sensitivity (warm re-solves).

Moved out of :mod:`carbonpath.run`, which re-exports every name.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.model import Pathway, PathwayModel

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def _spec(ds: Dataset, scenario: str, solver_options: dict[str, Any] | None,
          hours: int | None) -> Any:
    from carbonpath.sweeps.executor import ModelSpec

    return ModelSpec(ds, scenario, hours, tuple(sorted((solver_options or {}).items())))


@contextlib.contextmanager
def _seeded(specs: dict[str, Any], models: dict[str, PathwayModel]):
    """The built models in this process's sweep cache while the sweeps run (no rebuild)."""
    from carbonpath.sweeps.executor import forget, seed_cache

    for name, spec in specs.items():
        seed_cache(spec, models[name])
    try:
        yield
    finally:
        for spec in specs.values():
            forget(spec)


PEAK_COLUMNS = ["peak_year", "status", "objective", "cost_of_peaking", "peak_level", "peak_at",
                "binds"]
SENSITIVITY_COLUMNS = ["group", "technologies", "parameter", "factor", "plan_objective",
                       "baseline_objective", "cost_of_target", "change"]


def _peak_years(ds: Dataset, model: PathwayModel | None,
                peak_years: list[int] | None) -> list[int] | None:
    """The curve's peak years (None: the plan has no peak target, so no curve)."""
    if model is None or not any(r.type == "peak_year" for r in model.target_rows.values()):
        return None
    if peak_years is not None and not list(peak_years):  # [] asks for no curve
        return None
    return peak_years or [y for y in range(2026, 2036) if y in ds.years[1:-1]]


def _peak_table(ds: Dataset, years: list[int], points: list, baseline: Pathway | None,
                timings: dict[str, Any]) -> pd.DataFrame:
    """The curve from its points (the last point: the peak year at the horizon, no rule)."""
    for point in points:
        if isinstance(point, BaseException):
            raise point
    free_status, free = points[-1][0], points[-1][1]
    if free_status != "optimal":
        free = baseline.objective if baseline is not None else float("nan")
    rows = []
    seconds: dict[str, float] = {}  # timings go to run.json only: result tables reproduce
    for year, point in zip(years, points[:-1], strict=True):
        status, objective, level, at, seconds[str(year)] = point
        if status != "optimal":
            rows.append((year, status, objective, float("nan"), level, at, None))
            continue
        cost = objective - free
        binds = bool(cost > 1e-7 * max(1.0, abs(objective)))
        rows.append((year, status, objective, cost if binds else 0.0, level, at, binds))
    timings["peak_curve_years"] = seconds
    return pd.DataFrame(rows, columns=PEAK_COLUMNS)


def _peak_curve(ds: Dataset, model: PathwayModel | None, baseline: Pathway | None,
                peak_years: list[int] | None, progress: Progress,
                timings: dict[str, Any], spec: Any = None, executor: Any = None) -> pd.DataFrame:
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import peak_chain

    years = _peak_years(ds, model, peak_years)
    if years is None:
        return pd.DataFrame(columns=PEAK_COLUMNS)
    progress(f"cost of peaking: {len(years)} peak years by warm re-solves")
    t0 = time.perf_counter()
    chains = _chains(ds, model, years)
    done, _ = run_tasks(peak_chain, [(spec, chain) for chain in chains], executor)
    curve = _peak_table(ds, years, _chain_points(ds, years, chains, done), baseline, timings)
    timings["peak_curve"] = time.perf_counter() - t0
    return curve


def _chains(ds: Dataset, model: PathwayModel, years: list[int]) -> list[tuple[int, ...]]:
    """The curve's peak years and the horizon, as chains from the plan's own peak year.

    The cost of the peak rule is measured against the same scenario without it (every other
    target kept; the peak year at the horizon leaves no peak row active), not against the
    baseline (:mod:`carbonpath.scenarios.peak`): the horizon is the last point.
    """
    from carbonpath.sweeps.points import peak_chains

    return peak_chains(sorted({*years, ds.years[-1]}), model.peak_year)


def _chain_points(ds: Dataset, years: list[int], chains: list[tuple[int, ...]],
                  done: list) -> list:
    """The chains' points in the order of ``years``, then the horizon's point."""
    by_year: dict[int, Any] = {}
    for chain, points in zip(chains, done, strict=True):
        if isinstance(points, BaseException):
            raise points
        by_year.update(zip(chain, points, strict=True))
    return [by_year[y] for y in [*years, ds.years[-1]]]


def _estimated(source: str) -> bool:
    text = (source or "").strip().lower()
    return text.startswith(("assumption", "estimate"))


def _capex_groups(ds: Dataset, models: dict[str, PathwayModel],
                  factor: float) -> tuple[str, str, dict[str, list[str]]] | None:
    """(plan scenario, cost reference, sector -> investable technologies of estimated capex).

    The plan and the reference are the dataset's ``plan`` and ``cost_reference`` roles
    (dataset.yaml ``roles``). None: no sensitivity (no factor, no reference and plan, or no
    estimated capex).
    """
    from carbonpath.dataset.scenarios import roles

    role = roles(ds)
    ref = role["cost_reference"]
    if not factor or ref not in models or len(models) < 2:
        return None
    plan_name = (role["plan"] if role["plan"] in models
                 else next(k for k in reversed(list(models)) if k != ref))
    if plan_name == ref:  # the plan measured against itself: nothing to vary
        return None
    plan = models[plan_name]
    params = ds.tables["parameters"]
    estimated = params[(params["parameter"].isin(["capex", "capex_energy"]))
                       & params["source"].map(_estimated)]
    groups: dict[str, list[str]] = {}
    for code in sorted(set(estimated["technology"])):
        tech = plan.data.techs[code]
        if tech.investable:
            groups.setdefault(tech.sector, []).append(code)
    return (plan_name, ref, groups) if groups else None


def _sensitivity_table(points: list[tuple[str, list[str], float]], results: list,
                       reference: float) -> pd.DataFrame:
    """One row per (group, scale) from its (plan, baseline) objectives."""
    rows = []
    for (group, codes, scale), objectives in zip(points, results, strict=True):
        if isinstance(objectives, BaseException):
            raise objectives
        cost = objectives[0] - objectives[1]
        rows.append((group, " ".join(codes), "capex", scale, objectives[0], objectives[1],
                     cost, cost - reference))
    return pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)


def _sensitivity(ds: Dataset, models: dict[str, PathwayModel], pathways: dict[str, Pathway],
                 factor: float, progress: Progress, timings: dict[str, Any],
                 specs: dict[str, Any] | None = None, executor: Any = None) -> pd.DataFrame:
    """Re-solve with each sector's estimated capex scaled by 1 -+ factor (warm)."""
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import capex_pair

    found = _capex_groups(ds, models, factor)
    if found is None:
        return pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    plan_name, ref, groups = found
    reference = pathways[plan_name].objective - pathways[ref].objective
    progress(f"sensitivity: estimated capex of {len(groups)} sector(s) at +-{factor:.0%}")
    t0 = time.perf_counter()
    pair = (specs[plan_name], specs[ref])
    points = [(group, codes, scale) for group, codes in groups.items()
              for scale in (1 - factor, 1 + factor)]
    results, _ = run_tasks(capex_pair, [(pair, tuple(codes), scale)
                                        for _, codes, scale in points], executor)
    table = _sensitivity_table(points, results, reference)
    timings["sensitivity"] = time.perf_counter() - t0
    return table


@dataclass
class _Sweeps:
    """The tasks of the run's sweeps: the peak chains first, then the capex points."""

    calls: list[tuple[Any, tuple]]
    years: list[int] | None
    chains: list[tuple[int, ...]]
    found: tuple[str, str, dict[str, list[str]]] | None
    points: list[tuple[str, list[str], float]]

    @property
    def n_peak(self) -> int:
        """How many of the calls are peak chains."""
        return len(self.chains)


def _sweep_calls(ds: Dataset, models: dict[str, PathwayModel], plan_name: str,
                 peak_years: list[int] | None, factor: float, progress: Progress,
                 specs: dict[str, Any]) -> _Sweeps:
    """The peak chains of the plan, then a capex point per (group, scale, plan|reference)."""
    from carbonpath.sweeps.points import capex_point, peak_chain

    calls: list[tuple[Any, tuple]] = []
    years = _peak_years(ds, models.get(plan_name), peak_years)
    chains: list[tuple[int, ...]] = []
    if years is not None:
        progress(f"cost of peaking: {len(years)} peak years by warm re-solves")
        chains = _chains(ds, models[plan_name], years)
        calls += [(peak_chain, (specs[plan_name], chain)) for chain in chains]
    found = _capex_groups(ds, models, factor)
    points: list[tuple[str, list[str], float]] = []
    if found is not None:
        sens_plan, sens_ref, groups = found
        progress(f"sensitivity: estimated capex of {len(groups)} sector(s) at +-{factor:.0%}")
        points = [(group, codes, scale) for group, codes in groups.items()
                  for scale in (1 - factor, 1 + factor)]
        calls += [(capex_point, (specs[name], tuple(codes), scale))
                  for _, codes, scale in points for name in (sens_plan, sens_ref)]
    return _Sweeps(calls, years, chains, found, points)


def _sweep_tables(ds: Dataset, sweeps: _Sweeps, results: list, pathways: dict[str, Pathway],
                  baseline: Pathway | None, timings: dict[str, Any],
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(peak curve, sensitivity) from the results of the calls, in call order."""
    curve = pd.DataFrame(columns=PEAK_COLUMNS)
    n_peak = sweeps.n_peak
    if sweeps.years is not None:
        peak = _chain_points(ds, sweeps.years, sweeps.chains, results[:n_peak])
        curve = _peak_table(ds, sweeps.years, peak, baseline, timings)
        timings["peak_curve"] = sum(p[4] for p in peak)
    sens = pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    if sweeps.found is not None:
        capex = results[n_peak:]
        for value in capex:
            if isinstance(value, BaseException):
                raise value
        pairs = [capex[i:i + 2] for i in range(0, len(capex), 2)]
        reference = pathways[sweeps.found[0]].objective - pathways[sweeps.found[1]].objective
        sens = _sensitivity_table(sweeps.points, pairs, reference)
    return curve, sens


def start_sweeps(ds: Dataset, models: dict[str, PathwayModel], pathways: dict[str, Pathway],
                 baseline: Pathway | None, plan_name: str, peak_years: list[int] | None,
                 factor: float, progress: Progress, timings: dict[str, Any],
                 specs: dict[str, Any], workers: int | None = None,
                 ) -> Callable[[], tuple[pd.DataFrame, pd.DataFrame]]:
    """Start the peak curve and the sensitivity on owner threads; a function that waits.

    The same points as :func:`_peak_curve` and :func:`_sensitivity`, run together by
    :func:`carbonpath.sweeps.owners.start_owned`: one thread per model of the run (the plan's
    peak points and capex points on one, the baseline's capex points on the other), so the
    caller's thread is free for work that does not touch the models (the run's analysis
    tables) while HiGHS solves. The models must be in this process's sweep cache
    (:func:`_seeded`) until the returned function has returned. (The run itself, with two
    threads, uses :class:`SweepPipeline`, which starts each model's points as soon as the
    model is solved.)

    Returns
    -------
    callable
        ``finish() -> (peak curve, sensitivity)``: waits for the points, builds both tables,
        and records ``timings["sweeps"]`` (wall seconds from the start to the last point),
        ``timings["sweep_threads"]`` (0: run in the calling thread), ``timings[
        "sweep_thread_cpu"]`` (CPU seconds of each thread) and
        ``timings["peak_curve"]`` (the seconds its points took, summed: with two threads the
        sweeps overlap, so their own walls are not known apart).

    Raises
    ------
    SolverError
        From ``finish()``: a point that failed otherwise than by a non-optimal status.
    """
    from carbonpath.sweeps.owners import start_owned

    sweeps = _sweep_calls(ds, models, plan_name, peak_years, factor, progress, specs)
    run = start_owned(sweeps.calls, workers)

    def finish() -> tuple[pd.DataFrame, pd.DataFrame]:
        """Wait for the sweeps; return (peak-cost curve, sensitivity) tables, timings noted."""
        results = run.results()
        timings["sweeps"] = run.seconds
        timings["sweep_threads"] = run.threads
        timings["sweep_thread_cpu"] = run.cpu
        return _sweep_tables(ds, sweeps, results, pathways, baseline, timings)

    return finish


def _let_go(model: Any) -> None:
    """Delete the HiGHS instance of a run's model (or twin) that will not be solved again.

    HiGHS keeps a solver's working memory (about 20 MiB at 12 blocks) until the instance is
    deleted (``clearSolver`` keeps it), so it goes now, while other points still run, and the
    freed pages go back to the system. The model's column and row maps stay: its pathway's
    tables, made on demand, read them (and the solution arrays), never HiGHS. The run frees
    its models after the sweeps anyway.
    """
    from carbonpath._memory import release_memory

    model.highs.highs = None
    release_memory(collect=False)  # back to the system, whichever thread's heap held it


class _Done:
    """A group's results, run already (the pipeline without threads): a done future."""

    def __init__(self, value: list[tuple[int, Any]]) -> None:
        self._value = value

    def result(self) -> list[tuple[int, Any]]:
        """The group's (task index, result) pairs."""
        return self._value


class SweepPipeline:
    """The run's sweeps, each model's points started as soon as the model is solved.

    With two threads (:func:`carbonpath.run_solves.start_scenarios`), the points go to the
    run's solve threads: each model's points on the model, except the plan's peak chains,
    which go to a :class:`~carbonpath.model.warm_twin.PeakTwin` (a private HiGHS copy of
    the plan's LP), so that both cores re-solve the plan, the last model solved (its cold
    solve is the longest); each model's groups are queued longest first, and the
    baseline's points run while the plan still solves. Without threads (``pool`` None),
    :meth:`solved` runs the model's points at once in the calling thread, on the model
    (no twin). Each group of points runs in one thread, in task order, from the model's
    central basis, as :func:`start_sweeps` runs it: the numbers are the same bit for bit,
    threads or not. Once a group's points are done (at once for a scenario without
    points), its HiGHS instance is let go, the solver's working memory with it
    (:func:`_let_go`): the models are the run's, which frees them after the sweeps, and
    nothing solves them again. So one thread, too, holds one model's HiGHS instance at a
    time, not every scenario's until the end.

    Parameters
    ----------
    ds : Dataset
    models : dict of str to PathwayModel
        Every scenario's model, built (solved or not yet: only their data are read here).
    plan_name : str
        The scenario of the peak curve and the sensitivity's plan side.
    peak_years : list of int, optional
    factor : float
        The sensitivity's capex factor.
    progress : callable
    specs : dict of str to ModelSpec
        The spec of each scenario's model (the tasks' first argument).
    pool : concurrent.futures.ThreadPoolExecutor or None
        The threads the points run on (the run's solve threads); closed by :meth:`finish`
        or :meth:`close`. None: the points run in the thread that calls :meth:`solved`.
    threads : int
        The pool's threads (recorded in the timings; 0 without a pool).
    """

    def __init__(self, ds: Dataset, models: dict[str, PathwayModel], plan_name: str,
                 peak_years: list[int] | None, factor: float, progress: Progress,
                 specs: dict[str, Any], pool: Any, threads: int) -> None:
        self._ds = ds
        self._sweeps = _sweep_calls(ds, models, plan_name, peak_years, factor, progress, specs)
        self._pool = pool
        self._threads = threads
        self._futures: list[Any] = []
        self._started: float | None = None
        self._ended: list[float] = []
        self._walls: list[float] = []
        self._cpu: list[float] = []
        names = {spec.key: name for name, spec in specs.items()}
        n_peak = self._sweeps.n_peak
        capex: dict[str, list[int]] = {}
        for i in range(n_peak, len(self._sweeps.calls)):
            capex.setdefault(names[self._sweeps.calls[i][1][0].key], []).append(i)
        #: scenario -> [(task indices, on a twin?)]: each entry is one thread's group
        self._groups: dict[str, list[tuple[list[int], bool]]] = {
            name: [(indices, False)] for name, indices in capex.items()}
        if n_peak:
            peak = list(range(n_peak))
            if pool is None:  # one thread: the chains first, on the model, as start_sweeps
                self._groups[plan_name] = [(peak + [i for group, _ in self._groups.get(
                    plan_name, []) for i in group], False)]
            else:  # on a twin, beside the capex points, in parallel
                twin = plan_name in self._groups
                self._groups.setdefault(plan_name, []).append((peak, twin))

    def solved(self, name: str, model: PathwayModel) -> None:
        """Start the points of scenario ``name`` (queued longest group first, or run now).

        Call it once the scenario's pathway is made, in the thread that made it; the model
        then belongs to the sweep threads until :meth:`finish` or :meth:`close` (without
        threads, its points are done when this returns).
        """
        from carbonpath.model.warm_twin import PeakTwin
        from carbonpath.sweeps.executor import CachedModel

        groups = self._groups.pop(name, [])
        if not groups:  # no points: its pathway is made, its HiGHS instance is of no more use
            _let_go(model)
            return
        if self._started is None:
            self._started = time.perf_counter()
        cached = CachedModel(model, model.highs.basis(), model.last_result)
        calls = self._sweeps.calls
        jobs = [(indices, CachedModel(PeakTwin(model), cached.basis, cached.central)
                 if twin else cached) for indices, twin in groups]

        def solves(indices: list[int]) -> int:
            """How many solves a group holds: a chain's points, or one capex point each."""
            return sum(len(calls[i][1][1]) if i < self._sweeps.n_peak else 1 for i in indices)

        for indices, lent in sorted(jobs, key=lambda job: solves(job[0]), reverse=True):
            if self._pool is None:
                self._futures.append(_Done(self._run(indices, lent)))
            else:
                self._futures.append(self._pool.submit(self._run, indices, lent))

    def _run(self, indices: list[int], lent: Any) -> list[tuple[int, Any]]:
        from carbonpath.model.warm_twin import PeakTwin, settle
        from carbonpath.sweeps.owners import run_group

        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            if isinstance(lent.model, PeakTwin):
                settle(lent.model, lent.basis)  # its first solve as the model's: same numbers
            return run_group(self._sweeps.calls, indices, lent)
        finally:
            _let_go(lent.model)  # its points are done
            self._cpu.append(time.thread_time() - cpu)
            self._ended.append(time.perf_counter())
            self._walls.append(self._ended[-1] - wall)

    def finish(self, pathways: dict[str, Pathway], baseline: Pathway | None,
               timings: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Wait for every point; (peak curve, sensitivity), as :func:`start_sweeps` gives.

        Records ``timings["sweeps"]`` (wall seconds from the first queued point to the last
        point's end; without threads, the groups' walls summed), ``timings["sweep_threads"]``,
        ``timings["sweep_thread_cpu"]`` (CPU seconds of each group of points) and
        ``timings["peak_curve"]``.

        Raises
        ------
        SolverError
            A point that failed otherwise than by a non-optimal status.
        RuntimeError
            A scenario with points that was never reported solved (a caller's fault).
        """
        try:
            if self._groups:
                msg = f"sweep points of {sorted(self._groups)} were never started"
                raise RuntimeError(msg)
            results: list[Any] = [None] * len(self._sweeps.calls)
            for future in self._futures:
                for i, value in future.result():
                    results[i] = value
        finally:
            self.close()
        start = self._started if self._started is not None else time.perf_counter()
        # without threads the groups ran between the cold solves: their walls, summed
        timings["sweeps"] = (max(self._ended, default=start) - start if self._threads
                             else sum(self._walls))
        timings["sweep_threads"] = self._threads
        timings["sweep_thread_cpu"] = list(self._cpu)
        return _sweep_tables(self._ds, self._sweeps, results, pathways, baseline, timings)

    def close(self) -> None:
        """Drop the points not started, wait for those under way, and stop the threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
