"""Which tasks dask ran again: the keys of the tasks submitted through a dask executor.

A dask ``ClientExecutor`` hides its tasks' keys, and the scheduler re-runs a task silently
when the worker running or holding it is lost. :func:`_submit` keeps each task's keys and
:func:`_dask_reruns` reads the scheduler's ``remove-worker`` events to count those re-runs
in the sweep's report. Moved unchanged from :mod:`carbonpath.sweeps.executor`, which
imports them from here.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carbonpath.sweeps.executor import TaskReport


@dataclass
class _DaskKeys:
    """The dask keys of the tasks submitted through a dask ``ClientExecutor``.

    Attributes
    ----------
    of_task : dict of int to list of str
        Task index -> the keys of its submissions (a task re-submitted here has several).
    of_future : dict
        ``id`` of a concurrent.futures future -> its dask key (while it is pending).
    given_up : set of str
        Keys that dask gave up on because their workers died too often (``KilledWorker``):
        their last loss was not re-run by dask but re-submitted here (counted here).
    """

    of_task: dict[int, list[str]] = field(default_factory=dict)
    of_future: dict[int, str] = field(default_factory=dict)
    given_up: set[str] = field(default_factory=set)


def _submit(executor: cf.Executor, fn: Callable, tasks: Sequence[tuple], i: int,
            dask: _DaskKeys) -> cf.Future:
    """``executor.submit(fn, *tasks[i])``; on dask, keep the task's key to count re-runs.

    A dask ``ClientExecutor`` hides its tasks' keys; its task is submitted here through its
    client with ``pure=False`` (no hashing of the arguments: every unit is new) and wrapped
    as the executor would. Only the key is kept: the dask future lives as long as the
    wrapping future, so once a result is here dask forgets the task and frees its memory on
    the worker (a worker lost later does not make dask compute it again).
    """
    client = getattr(executor, "_client", None)
    wrap = getattr(executor, "_wrap_future", None)
    if client is None or wrap is None or type(executor).__name__ != "ClientExecutor":
        return executor.submit(fn, *tasks[i])
    options = {"pure": False, **getattr(executor, "_kwargs", {})}
    inner = client.submit(fn, *tasks[i], **options)
    dask.of_task.setdefault(i, []).append(inner.key)
    outer = wrap(inner)
    dask.of_future[id(outer)] = inner.key
    return outer


def _lost_by_dask(events: Any, keys: set) -> tuple[dict, dict]:
    """From the scheduler's events: per key, the workers lost while it ran, or holding it.

    Returns ``(running, holding)``: how often each of ``keys`` was running on a worker that
    was removed (dask runs it again elsewhere) and how often its finished result was lost
    with a removed worker before the client had it (dask computes it again).
    """
    running: dict[str, int] = {}
    holding: dict[str, int] = {}
    for _, msg in events:
        if not isinstance(msg, dict) or msg.get("action") != "remove-worker":
            continue
        for name, counts in (("processing-tasks", running), ("lost-computed-tasks", holding)):
            for key in msg.get(name) or ():
                if key in keys:
                    counts[key] = counts.get(key, 0) + 1
    return running, holding


def _dask_reruns(executor: Any, dask: _DaskKeys, attempts: list[int],
                 report: TaskReport) -> None:
    """Add the tasks that dask re-ran after their worker was lost to ``report.reruns``.

    When a worker is removed (it died, or was retired), the scheduler runs again elsewhere
    the tasks it was running and the tasks whose finished results lived only in its memory
    (not yet gathered by the client); it logs both in a ``remove-worker`` event (topic
    ``all``), which is read here. Only this run's keys count. A key dask gave up on
    (``KilledWorker``, after ``distributed.scheduler.allowed-failures`` losses) was re-submitted
    by :func:`_gather`, which counted that re-run itself.
    """
    index = {key: i for i, keys in dask.of_task.items() for key in keys}
    try:
        events = executor._client.get_events("all")
    except Exception as exc:  # an old or unreachable scheduler: say so, go on
        report.reruns.append(f"dask re-runs not known: {type(exc).__name__}: {exc}")
        return
    running, holding = _lost_by_dask(events, set(index))
    for key in dask.given_up:
        if running.get(key):
            running[key] -= 1
    for key in sorted(set(running) | set(holding), key=lambda k: index[k]):
        i = index[key]
        ran, held = running.get(key, 0), holding.get(key, 0)
        if ran:
            attempts[i] += ran
            report.rerun_count += ran
            report.reruns.append(f"task {i}: its dask worker died {ran} time(s) while it "
                                 f"ran; dask re-ran it on another worker")
        if held:
            attempts[i] += held
            report.rerun_count += held
            report.reruns.append(f"task {i}: its dask worker died {held} time(s) holding its "
                                 f"finished result before it was gathered; dask re-ran it on "
                                 f"another worker")
