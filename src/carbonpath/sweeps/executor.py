"""Run independent work units on any ``concurrent.futures.Executor``.

Sweeps (Monte Carlo samples, peak-year points, sensitivity pairs, MACC steps, scenario
families) are lists of independent tasks. :func:`run_tasks` submits them to an executor,
gathers the results in task order (whatever order they finish in), reports progress, and
re-runs the tasks of a worker that died: on a fresh pool when it owns the pool, else in this
process, and says so in :attr:`TaskReport.reruns`. On dask.distributed the scheduler re-runs
by itself the tasks a lost worker was running, and the tasks it had finished whose results
had not reached the client yet (they lived in that worker's memory only); :func:`run_tasks`
reads the scheduler's ``remove-worker`` events at the end and reports both kinds of re-run.
A result that reached the client is never re-run: :func:`run_tasks` lets go of a dask task
as soon as its result is here, so the loss of the worker that computed it costs nothing.

Built in (:func:`make_executor`): in-process (:class:`InlineExecutor`, sequential), a local
pool of processes or threads, and dask.distributed (a ``Client``, or a scheduler address;
``distributed`` is an optional dependency: ``pip install carbonpath[distributed]``).

A worker builds each model once: :func:`cached_model` keeps built models per process (per
thread in a thread pool, since a model is not shared between threads) keyed by the dataset's
checksums, the scenario and the options, and re-solves them warm for its share of the tasks.
Each task starts from the central solution's basis, so a result does not depend on which
worker solved it or what it solved before: same inputs, same numbers bit for bit, whatever the
executor and number of workers.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from carbonpath.errors import ArgumentTypeError, ArgumentValueError
from carbonpath.sweeps.dask_keys import _dask_reruns, _DaskKeys, _lost_by_dask, _submit  # noqa: F401

#: Most local worker processes make_executor starts (more would exhaust the machine's
#: process and semaphore limits long before they helped).
MAX_WORKERS = 1024

__all__ = ["InlineExecutor", "ModelSpec", "TaskReport", "cached_model", "default_workers",
           "forget", "make_executor", "process_pool", "run_tasks", "run_threads", "seed_cache"]

#: Called after each finished task with (tasks done, tasks in all, tasks failed).
Progress = Callable[[int, int, int], None]


class InlineExecutor(cf.Executor):
    """An executor that runs each task at once, in the calling thread (sequential)."""

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> cf.Future:
        """Run ``fn(*args, **kwargs)`` now; return a finished future."""
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the caller sees it from future.result()
            future.set_exception(exc)
        return future


# -- models cached in a worker -----------------------------------------------------------------
@dataclass(frozen=True)
class ModelSpec:
    """What a worker needs to build one model.

    Attributes
    ----------
    dataset : carbonpath.Dataset
        The dataset (sent with the task; pickled once per task, a few hundred kB).
    scenario : str or None
    hours : int, optional
        Time blocks per representative day.
    solver_options : tuple of (str, value)
        HiGHS options, sorted.
    peak_year : int, optional
        Peak year of the peak target (None: the scenario's).
    online : tuple of (line, tuple of int)
        Committed projects whose online year is sampled, and the years each can take: the
        model is built with a row for each
        (:func:`carbonpath.model.online_years.with_candidates`).
    """

    dataset: Any
    scenario: str | None
    hours: int | None = None
    solver_options: tuple = ()
    peak_year: int | None = None
    online: tuple = ()

    @property
    def key(self) -> str:
        """A digest of everything that makes the model: dataset checksums and settings."""
        found = self.__dict__.get("_key")
        if found is None:
            text = json.dumps([self.dataset.name, sorted(self.dataset.checksums.items()),
                               self.scenario, self.hours, list(self.solver_options),
                               self.peak_year, list(self.online)], default=str)
            found = hashlib.sha256(text.encode()).hexdigest()
            object.__setattr__(self, "_key", found)
        return found

    def __reduce__(self) -> tuple:
        """Pickle the dataset once per process, and unpickle it once per worker.

        Every work unit carries its spec; the dataset's pickled bytes are made once here
        (not once per unit), and a worker that already received this spec reuses it
        instead of unpickling the dataset again (see :func:`_received_spec`).
        """
        return (_received_spec, (self.key, _dataset_bytes(self.dataset), self.scenario,
                                 self.hours, self.solver_options, self.peak_year, self.online))


#: The pickled bytes of the datasets sent lately (id -> (dataset, bytes)), a few at most.
_SENT: dict[int, tuple[Any, bytes]] = {}
#: The specs a worker received, by key (their datasets unpickled once).
_RECEIVED: dict[str, ModelSpec] = {}


def _dataset_bytes(dataset: Any) -> bytes:
    """``pickle.dumps(dataset)``, made once per dataset object."""
    found = _SENT.get(id(dataset))
    if found is None or found[0] is not dataset:
        if len(_SENT) >= 4:
            _SENT.pop(next(iter(_SENT)))
        found = _SENT[id(dataset)] = (dataset, pickle.dumps(dataset, protocol=5))
    return found[1]


def _received_spec(key: str, data: bytes, scenario: str | None, hours: int | None,
                   solver_options: tuple, peak_year: int | None,
                   online: tuple = ()) -> ModelSpec:
    """The spec a worker receives: the one it already has for ``key``, else a new one."""
    with _LOCK:
        found = _RECEIVED.get(key)
        if found is None:
            found = ModelSpec(pickle.loads(data), scenario, hours, solver_options, peak_year,
                              online)
            object.__setattr__(found, "_key", key)
            if len(_RECEIVED) >= 8:
                _RECEIVED.pop(next(iter(_RECEIVED)))
            _RECEIVED[key] = found
    return found


@dataclass
class CachedModel:
    """A built model, solved once at its central values, and that solution's basis."""

    model: Any
    basis: Any
    central: Any  # the central SolveResult


_PROCESS_CACHE: dict[str, CachedModel] = {}
_THREAD = threading.local()
_LOCK = threading.Lock()


def _cache() -> dict[str, CachedModel]:
    """The cache of this worker: per process, or per thread outside the main thread."""
    if threading.current_thread() is threading.main_thread():
        return _PROCESS_CACHE
    if not hasattr(_THREAD, "cache"):
        _THREAD.cache = {}
    return _THREAD.cache


def cached_model(spec: ModelSpec) -> CachedModel:
    """The worker's built model for ``spec`` (built and solved at its central values once).

    In a worker thread, when this process's own cache holds the model (:func:`seed_cache`),
    the thread's copy starts from that model's optimal basis and keeps it as its tasks'
    starting basis: the same LP, so 0 iterations and the same numbers.

    Raises
    ------
    DataError, SolverError
        If the model cannot be built, or its central values cannot be solved.
    """
    cache = _cache()
    key = spec.key
    found = cache.get(key)
    if found is None:
        from carbonpath.model import PathwayModel
        from carbonpath.model.online_years import with_candidates

        dataset = with_candidates(spec.dataset, dict(spec.online))
        model = PathwayModel(dataset, spec.scenario, peak_year=spec.peak_year,
                             solver_options=dict(spec.solver_options), hours=spec.hours)
        seed = _PROCESS_CACHE.get(key) if cache is not _PROCESS_CACHE else None
        if seed is None:
            result = model.highs.solve()
            found = CachedModel(model, model.highs.basis(), result)
        else:
            # a worker thread of a process that holds this model solved (seed_cache): the
            # same LP, so its optimal basis is this one's; starting there takes 0 iterations
            # instead of a cold solve, and tasks start from the very same basis object
            model.highs.start_from(seed.basis)
            found = CachedModel(model, seed.basis, model.highs.solve())
        cache[key] = found
    return found


def seed_cache(spec: ModelSpec, model: Any) -> None:
    """Put a model already built and solved at its central values into this worker's cache.

    Lets in-process sweeps reuse the models the caller built (no second build); a worker
    thread of this process that needs the same model builds its own copy and starts it from
    this model's optimal basis (:func:`cached_model`: 0 iterations instead of a cold solve).
    """
    _cache()[spec.key] = CachedModel(model, model.highs.basis(), model.last_result)


def forget(spec: ModelSpec) -> None:
    """Drop a model from this worker's cache (e.g. one put there by :func:`seed_cache`)."""
    _cache().pop(spec.key, None)


# -- executors ------------------------------------------------------------------------------
def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


#: Environment variable that chooses the threads of the main job's own solves.
RUN_THREADS_VARIABLE = "CARBONPATH_RUN_THREADS"


def run_threads() -> int:
    """Threads for the main job's own solves (``CARBONPATH_RUN_THREADS``; default auto).

    ``1``: the cold solves and the sweeps run one after another in the calling thread.
    ``2``: two worker threads solve while the calling thread builds the next model, and each
    model's sweep points join them once it is solved (:mod:`carbonpath.run_solves`,
    :class:`carbonpath.run_sweeps.SweepPipeline`). ``auto`` (the default): 2 where the
    1-minute load average leaves a core idle (cores - load >= 1), else 1. The numbers are the
    same every way.

    ``auto`` is the default by measurement (benchmarks/README.md, "Concurrent solves"): with
    a core free (load average 0.8-0.9 on 2 cores), two threads ran the frozen main job's
    solve part at 1.31x of one; with no core free (load average 2-9) they ran it at
    0.60-1.16x, and there ``auto`` is one thread, the very same code path as ``1``. With
    two threads the peak memory is no higher than with one (each model's HiGHS instance is
    let go when its points end).

    Returns
    -------
    int
        1 or 2.

    Raises
    ------
    ArgumentValueError
        If the variable holds anything but 1, 2 or auto (a ``ValueError``).
    """
    value = os.environ.get(RUN_THREADS_VARIABLE, "auto").strip().lower()
    if value not in ("1", "2", "auto"):
        msg = (f"{RUN_THREADS_VARIABLE}={value!r} is not valid; use 1 (one thread), 2 (two "
               "threads) or auto (two where a core is idle, the default)")
        raise ArgumentValueError(msg)
    cores = default_workers()
    if value == "1" or cores < 2:
        return 1
    if value == "2":
        return 2
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - no load average here
        return 1
    return 2 if cores - load >= 1.0 else 1


@contextmanager
def make_executor(workers: int | None = None, scheduler: Any = None,
                  kind: str = "process") -> Iterator[cf.Executor]:
    """An executor for sweeps, closed on exit.

    Parameters
    ----------
    workers : int, optional
        Local workers (default: the cores available). 1 gives the in-process executor.
    scheduler : str or distributed.Client, optional
        A dask.distributed scheduler address (``tcp://host:8786``) or a ``Client``: tasks
        run on its workers (``workers`` is ignored).
    kind : {"process", "thread"}
        Local pool of processes (default) or threads (highspy releases the GIL while it
        solves, but building and updating models holds it).

    Raises
    ------
    ImportError
        If a scheduler is given and ``distributed`` is not installed (names the extra).
    ArgumentValueError
        If ``workers`` is not a whole number from 1 to :data:`MAX_WORKERS` or ``kind`` is
        unknown (a ``ValueError``).
    """
    if scheduler is not None:
        client, own = _client(scheduler)
        try:
            yield client.get_executor()
        finally:
            if own:
                client.close()
        return
    workers = default_workers() if workers is None else workers
    if not isinstance(workers, int) or isinstance(workers, bool) or not (
            1 <= workers <= MAX_WORKERS):
        msg = f"workers must be a whole number from 1 to {MAX_WORKERS}, not {workers!r}"
        raise ArgumentValueError(msg)
    if kind not in ("process", "thread"):
        msg = f"unknown executor kind {kind!r}; valid: process, thread"
        raise ArgumentValueError(msg)
    if workers == 1:
        yield InlineExecutor()
        return
    pool = process_pool(workers) if kind == "process" else cf.ThreadPoolExecutor(workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context(method: str | None = None) -> Any:
    """The start method of worker processes: forkserver where available, else spawn.

    Workers fork from a server that has carbonpath's model modules loaded (fast start, no
    locks inherited from the caller's threads).
    """
    import multiprocessing

    if method is not None:
        return multiprocessing.get_context(method)
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["carbonpath.model.build", "carbonpath.sweeps.montecarlo"])
    return ctx


def process_pool(workers: int, start_method: str | None = None) -> cf.ProcessPoolExecutor:
    """A local pool of ``workers`` processes (see :func:`make_executor`).

    ``start_method`` overrides the default (forkserver, else spawn); ``"fork"`` starts
    fastest where the caller runs no other threads.
    """
    return cf.ProcessPoolExecutor(workers, mp_context=_context(start_method))


def _client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from distributed import Client
    except ImportError:
        msg = ("a dask scheduler needs the 'distributed' package: pip install "
               "'carbonpath[distributed]' (or pip install distributed)")
        raise ImportError(msg) from None
    if isinstance(scheduler, Client):
        return scheduler, False
    return Client(scheduler), True


# -- running tasks ------------------------------------------------------------------------------
@dataclass
class TaskReport:
    """What happened to the tasks of one :func:`run_tasks` call.

    Attributes
    ----------
    seconds : float
        Wall time.
    reruns : list of str
        One line per task re-run because its worker died (a local pool's broken by a dead
        process, re-submitted here; or a dask task that the scheduler ran again on another
        worker because the lost worker was running it or held its finished result not yet
        gathered, read from the scheduler's events at the end).
    rerun_count : int
        How many times tasks were re-run because their worker died (a task re-run twice
        counts twice).
    failed : int
        Tasks whose function raised (their exception is the result).
    """

    seconds: float = 0.0
    reruns: list[str] = field(default_factory=list)
    rerun_count: int = 0
    failed: int = 0


#: Exceptions that mean the worker, not the task, failed.
def _lost_worker(exc: BaseException) -> bool:
    if isinstance(exc, BrokenProcessPool):  # cf.process is not imported by cf itself
        return True
    name = type(exc).__name__
    return name in ("KilledWorker", "CommClosedError", "WorkerLost", "CancelledError")


def run_tasks(fn: Callable, tasks: Sequence[tuple], executor: cf.Executor | None = None,
              progress: Progress | None = None, on_result: Callable | None = None,
              pool_factory: Callable[[], cf.Executor] | None = None,
              max_reruns: int = 2) -> tuple[list[Any], TaskReport]:
    """Run ``fn(*task)`` for every task on ``executor``; results in task order.

    Parameters
    ----------
    fn : callable
        A module-level function (picklable for process pools and dask).
    tasks : sequence of tuple
        Arguments of each call.
    executor : concurrent.futures.Executor, optional
        Where to run (default: in this process, sequentially).
    progress : callable, optional
        ``progress(done, total, failed)`` after each finished task.
    on_result : callable, optional
        ``on_result(index, result)`` as each task finishes (e.g. to stream to a store).
    pool_factory : callable, optional
        Makes a fresh executor when ``executor`` broke because a worker process died (the
        caller's own pool); without it the remaining tasks run in this process.
    max_reruns : int
        How often a task is re-run after its worker died before the error is kept.

    Returns
    -------
    (list, TaskReport)
        One result per task, in task order: the function's return value, or the exception
        it raised (a task's own error is kept as its result, never raised here).

    Raises
    ------
    ArgumentTypeError
        ``executor`` is not an executor (no ``submit``; API02 had been an AttributeError).
    """
    if executor is not None and not callable(getattr(executor, "submit", None)):
        msg = (f"executor must be a concurrent.futures.Executor or a dask Client (something "
               f"with submit()), or None, not {type(executor).__name__} {executor!r:.40}")
        raise ArgumentTypeError(msg)
    started = time.perf_counter()
    executor = executor or InlineExecutor()
    report = TaskReport()
    results: list[Any] = [None] * len(tasks)
    attempts = [0] * len(tasks)
    # an in-process executor runs a task as it is submitted: submit one at a time, so that
    # each result is handed on (streamed to a store) before the next task runs
    queue = list(range(len(tasks)))[::-1]
    window = 1 if isinstance(executor, InlineExecutor) else len(tasks)
    pending: dict[cf.Future, int] = {}
    made: list[cf.Executor] = []
    dask = _DaskKeys()  # the dask keys behind a ClientExecutor's futures
    try:
        _gather(fn, tasks, executor, pending, queue, window, results, attempts, report,
                progress, on_result, pool_factory, max_reruns, made, dask)
        if dask.of_task:
            _dask_reruns(executor, dask, attempts, report)
    finally:
        for pool in made:
            pool.shutdown(wait=True, cancel_futures=True)
    report.seconds = time.perf_counter() - started
    return results, report


def _gather(fn: Callable, tasks: Sequence[tuple], executor: cf.Executor, pending: dict,
            queue: list[int], window: int, results: list, attempts: list[int],
            report: TaskReport, progress: Progress | None, on_result: Callable | None,
            pool_factory: Callable[[], cf.Executor] | None, max_reruns: int,
            made: list[cf.Executor], dask: _DaskKeys) -> None:
    """Collect finished tasks; re-submit those whose worker died (see :func:`run_tasks`)."""
    done = 0
    while queue and len(pending) < window:
        i = queue.pop()
        pending[_submit(executor, fn, tasks, i, dask)] = i
    while pending:
        finished, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
        lost = []
        for future in finished:
            i = pending.pop(future)
            key = dask.of_future.pop(id(future), None)
            try:
                result = future.result()
            except BaseException as exc:  # kept as the task's result
                if _lost_worker(exc) and attempts[i] < max_reruns:
                    if key is not None:
                        dask.given_up.add(key)
                    lost.append(i)
                    continue
                result = exc
                report.failed += 1
            results[i] = result
            done += 1
            if on_result is not None:
                on_result(i, result)
            if progress is not None:
                progress(done, len(tasks), report.failed)
        # let go of the finished futures now, not at the next wake-up: a dask task whose
        # result is here is then forgotten by dask (a worker lost later costs nothing)
        finished = future = None
        if lost:
            broken = isinstance(executor, cf.ProcessPoolExecutor) and executor._broken
            if broken:
                # every task still pending on a broken pool is lost too
                lost += list(pending.values())
                pending.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                executor = pool_factory() if pool_factory is not None else InlineExecutor()
                made.append(executor)
            where = type(executor).__name__
            for i in sorted(lost):
                attempts[i] += 1
                report.rerun_count += 1
                report.reruns.append(f"task {i}: its worker died; re-run on {where} "
                                     f"(attempt {attempts[i] + 1})")
                pending[_submit(executor, fn, tasks, i, dask)] = i
        while queue and len(pending) < window:
            i = queue.pop()
            pending[_submit(executor, fn, tasks, i, dask)] = i
