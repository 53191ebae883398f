"""Both cores on one process's solves: worker threads that each own the models of their tasks.

HiGHS releases Python's lock while it solves, so two solves of two different models run at
the same time in two threads of one process. A Pyomo model is not thread-safe and is never
shared between threads: :func:`start_owned` groups the tasks by the model they use (the
:class:`~carbonpath.sweeps.executor.ModelSpec` that is each task's first argument) and runs
every group in one thread, in task order. A thread borrows the calling thread's model of a
spec (the run's model, put in that thread's cache by
:func:`~carbonpath.sweeps.executor.seed_cache`) for as long as it runs that group, so no
model is built twice; the caller must leave those models alone until
:meth:`OwnedRun.results` returns.

Every task starts from its model's central basis and leaves the model at its central values
(:mod:`carbonpath.sweeps.points`), so the numbers do not depend on which thread solved a task,
in what order, or whether it ran here at all: :func:`run_owned` with ``workers=1`` runs the same
tasks one after another in the calling thread and gives the same numbers bit for bit.

Compared with a thread pool of :func:`~carbonpath.sweeps.executor.run_tasks` (which builds
one copy of each model per thread, holding the lock), the owners build nothing: on the frozen
main job that pool ran the sweeps at 0.94x of in-process, the owners at the speed-up in
benchmarks/README.md ("Concurrent solves").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from carbonpath.sweeps.executor import _cache, default_workers

__all__ = ["OwnedRun", "run_group", "run_owned", "start_owned"]

#: One call: (function, arguments); ``arguments[0]`` is the ModelSpec of the model it uses.
Call = tuple[Callable[..., Any], tuple]


@dataclass
class OwnedRun:
    """Tasks running on owner threads (or already run, with one worker).

    Attributes
    ----------
    started : float
        ``time.perf_counter()`` when the tasks were started.
    seconds : float
        Wall seconds from the start until the last task ended (set by :meth:`results`).
    threads : int
        Worker threads used (0: ran in the calling thread).
    cpu : list of float
        CPU seconds of each worker thread (HiGHS included; set by :meth:`results`): the
        largest is the sweeps' critical path on an otherwise idle machine, whatever the load.
    """

    started: float
    threads: int = 0
    seconds: float = 0.0
    cpu: list[float] = field(default_factory=list)
    _workers: list[threading.Thread] = field(default_factory=list)
    _shares: list[list[tuple[int, Any]]] = field(default_factory=list)
    _done: list[Any] | None = None
    _size: int = 0

    def results(self) -> list[Any]:
        """Wait for every task; their results in task order.

        Returns
        -------
        list
            One entry per call: the function's return value, or the exception it raised
            (kept as the result, as :func:`carbonpath.sweeps.executor.run_tasks` does).
        """
        if self._done is None:
            out: list[Any] = [None] * self._size
            for worker in self._workers:
                worker.join()
            for share in self._shares:
                for i, value in share[:-1]:
                    out[i] = value
                self.cpu.append(share[-1][1])
            self._done = out
            self.seconds = time.perf_counter() - self.started
        return self._done


def _groups(calls: Sequence[Call]) -> list[list[int]]:
    """Task indices grouped by the model (spec key) they use, in order of first use."""
    by_key: dict[str, list[int]] = {}
    for i, (_, args) in enumerate(calls):
        by_key.setdefault(args[0].key, []).append(i)
    return list(by_key.values())


def _shares(groups: list[list[int]], workers: int) -> list[list[list[int]]]:
    """Whole groups dealt to at most ``workers`` threads.

    The largest group goes first, to the thread with the fewest tasks; a model is never
    split between threads.
    """
    shares: list[list[list[int]]] = [[] for _ in range(min(workers, len(groups)))]
    for group in sorted(groups, key=len, reverse=True):
        min(shares, key=lambda s: sum(map(len, s))).append(group)
    return shares


def run_group(calls: Sequence[Call], group: list[int], lent: Any) -> list[tuple[int, Any]]:
    """Run one model's tasks in this thread, in task order, on ``lent`` (a CachedModel).

    This thread's sweep cache (the process's, in the main thread) holds ``lent`` under the
    group's spec key only while the group runs; what the key held before is put back after
    (None: the tasks find or build their model as :func:`~carbonpath.sweeps.executor.
    cached_model` does, and a model built for the group is dropped after it). A task that
    raises gives its exception as its result.

    Returns
    -------
    list of (int, object)
        (task index, result) per task.
    """
    out: list[tuple[int, Any]] = []
    key = calls[group[0]][1][0].key
    cache = _cache()
    before = cache.get(key)
    if lent is not None:
        cache[key] = lent
    try:
        for i in group:
            fn, args = calls[i]
            try:
                out.append((i, fn(*args)))
            except Exception as exc:  # kept as the task's result
                out.append((i, exc))
    finally:
        if before is None:
            cache.pop(key, None)
        else:
            cache[key] = before
    return out


def _run_share(calls: Sequence[Call], share: list[list[int]], out: list[tuple[int, Any]],
               lender: dict) -> None:
    """Run a thread's groups in task order, each on the caller's model of its spec.

    ``lender`` is the calling thread's model cache. Appends (index, result) per task to
    ``out``, then (-1, this thread's CPU seconds).
    """
    cpu = time.thread_time()
    for group in share:
        out.extend(run_group(calls, group, lender.get(calls[group[0]][1][0].key)))
    out.append((-1, time.thread_time() - cpu))


def start_owned(calls: Sequence[Call], workers: int | None = None) -> OwnedRun:
    """Start ``fn(*args)`` for every call on owner threads; collect with ``.results()``.

    Parameters
    ----------
    calls : sequence of (callable, tuple)
        Each task's function and arguments; the first argument is the
        :class:`~carbonpath.sweeps.executor.ModelSpec` of the model the task uses (the
        functions of :mod:`carbonpath.sweeps.points`).
    workers : int, optional
        Most threads (default: the cores available). 1, or a single model, runs the tasks
        now in the calling thread.

    Returns
    -------
    OwnedRun
        ``.results()`` waits and gives the results in call order.
    """
    started = time.perf_counter()
    workers = default_workers() if workers is None else workers
    groups = _groups(calls)
    run = OwnedRun(started=started, _size=len(calls))
    if workers <= 1 or len(groups) <= 1:
        # one model (or one core): no thread to own it, the calling thread runs the tasks
        done: list[Any] = [None] * len(calls)
        for i, (fn, args) in enumerate(calls):
            try:
                done[i] = fn(*args)
            except Exception as exc:
                done[i] = exc
        run._done = done
        run.seconds = time.perf_counter() - started
        return run
    shares = _shares(groups, workers)
    run.threads = len(shares)
    for n, share in enumerate(shares):
        out: list[tuple[int, Any]] = []
        worker = threading.Thread(target=_run_share, args=(calls, share, out, _cache()),
                                  daemon=True,
                                  name=f"carbonpath-owner-{n}")
        run._shares.append(out)
        run._workers.append(worker)
        worker.start()
    return run


def run_owned(calls: Sequence[Call], workers: int | None = None) -> tuple[list[Any], float]:
    """:func:`start_owned` and wait: (results in call order, wall seconds)."""
    run = start_owned(calls, workers)
    return run.results(), run.seconds
