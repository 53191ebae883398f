"""The run's scenario solves as a pipeline: build in this thread, solve in a worker thread.

Pyomo is not thread-safe, so every model is built and compiled in the calling thread; HiGHS
releases Python's lock while it solves, so the cold solve of one scenario runs in a worker
thread while the next scenario is built, and while the caller does other work (the run's
inventory) before it collects the pathways. The pathway is then made in the calling thread by
:meth:`~carbonpath.model.PathwayModel.solve`, which finds the model solved (0 iterations, the
same numbers bit for bit as one solve in this thread) and explains a failure as it always does
(the diagnosis of an infeasible target). Used by :func:`carbonpath.run.compute`.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from carbonpath.dataset import Dataset
from carbonpath.model import Pathway, PathwayModel

__all__ = ["ScenarioSolves", "start_scenarios"]


@dataclass
class ScenarioSolves:
    """Scenario models built, their cold solves running (or done, without threads).

    Attributes
    ----------
    threads : int
        Worker threads solving (0: solved in the calling thread; at most 1).
    """

    threads: int = 0
    _pending: list[tuple[str, PathwayModel, cf.Future | None, float]] = field(
        default_factory=list)
    _pool: cf.ThreadPoolExecutor | None = None

    def finish(self, timings: dict[str, Any]) -> tuple[dict[str, PathwayModel],
                                                        dict[str, Pathway]]:
        """Wait for the solves; (models, pathways) by scenario, in the dataset's order.

        Records ``timings[scenario]`` (the model's timings, with ``solve`` the cold solve's
        seconds, and ``total``, the seconds from the start of its build to its pathway).

        Raises
        ------
        InfeasibleError, UnboundedError, SolverError
            As :meth:`~carbonpath.model.PathwayModel.solve` (explained in this thread).
        """
        models: dict[str, PathwayModel] = {}
        pathways: dict[str, Pathway] = {}
        try:
            for scenario, model, future, t0 in self._pending:
                cold = None
                if future is not None:
                    # a failed solve: model.solve() below fails the same way, explained
                    with contextlib.suppress(Exception):
                        cold = future.result()
                pathways[scenario] = model.solve()
                models[scenario] = model
                timings[scenario] = dict(model.timings, total=time.perf_counter() - t0)
                if cold is not None:  # the cold solve's seconds, not the check's
                    timings[scenario]["solve"] = cold.seconds
        finally:
            self.close()
        return models, pathways

    def close(self) -> None:
        """Stop the worker threads (waits for a solve under way)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start_scenarios(ds: Dataset, scenarios: list[str], solver_options: dict[str, Any] | None,
                    hours: int | None, progress: Callable[[str], None],
                    workers: int = 2) -> ScenarioSolves:
    """Build every scenario's model here and start its cold solve on a worker thread.

    Parameters
    ----------
    ds : Dataset
    scenarios : list of str
    solver_options : dict, optional
        HiGHS options of every model.
    hours : int, optional
        Blocks per representative day.
    progress : callable
        Told about each scenario.
    workers : int
        Threads this process may use; from 2 on (and with two scenarios or more), one worker
        thread solves the models one after another while this thread builds the next; 1
        solves each model here, after the builds (no thread).

    Returns
    -------
    ScenarioSolves
        ``.finish(timings)`` gives the models and pathways.

    Raises
    ------
    DataError
        A scenario whose model cannot be built (the threads already started are stopped).
    """
    out = ScenarioSolves()
    if workers >= 2 and len(scenarios) >= 2:
        # one solve thread: a cold solve at a time (two at once add their working memory
        # up) while this thread builds the next model and computes the inventory
        out._pool = cf.ThreadPoolExecutor(1, thread_name_prefix="carbonpath-solve")
        out.threads = 1
    try:
        for scenario in scenarios:
            progress(f"optimising scenario '{scenario}'")
            t0 = time.perf_counter()
            model = PathwayModel(ds, scenario, solver_options=solver_options, hours=hours)
            future = None
            if out._pool is not None:
                highs = model.highs  # compiled here: Pyomo stays in this thread
                future = out._pool.submit(highs.solve)
            out._pending.append((scenario, model, future, t0))
    except BaseException:
        out.close()
        raise
    return out
