"""The run's scenario solves as a pipeline: build in this thread, solve on two worker threads.

Pyomo is not thread-safe, so every model is built and compiled in the calling thread; HiGHS
releases Python's lock while it solves, so the cold solves run on two worker threads while
the next scenarios are built, and while the caller does other work (the run's inventory)
before it collects the pathways. The pathway is then made in the calling thread by
:meth:`~carbonpath.model.PathwayModel.solve`, which finds the model solved (0 iterations, the
same numbers bit for bit as one solve in this thread) and explains a failure as it always does
(the diagnosis of an infeasible target). The run's sweep points go to the same two threads as
each model is solved (:class:`carbonpath.run_sweeps.SweepPipeline`), so no more than two
solves run at once. Used by :func:`carbonpath.run.compute`.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import time
from collections.abc import Callable, Iterator
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
        Worker threads solving (0: solved in the calling thread; at most 2).
    """

    threads: int = 0
    _pending: list[tuple[str, PathwayModel, cf.Future | None, float]] = field(
        default_factory=list)
    _pool: cf.ThreadPoolExecutor | None = None
    _order: list[str] = field(default_factory=list)

    @property
    def pool(self) -> cf.ThreadPoolExecutor | None:
        """The worker threads (None without threads).

        :class:`~carbonpath.run_sweeps.SweepPipeline` queues each model's sweeps there as
        soon as the model is solved.
        """
        return self._pool

    @property
    def models(self) -> dict[str, PathwayModel]:
        """The built models by scenario (solving or solved: read their data, not HiGHS)."""
        found = {scenario: model for scenario, model, _, _ in self._pending}
        return {name: found[name] for name in self._order or found if name in found}

    def finish(self, timings: dict[str, Any],
               solved: Callable[[str, PathwayModel], None] | None = None,
               ) -> tuple[dict[str, PathwayModel], dict[str, Pathway]]:
        """Wait for the solves; (models, pathways) by scenario, in the dataset's order.

        Records ``timings[scenario]`` (the model's timings, with ``solve`` the cold solve's
        seconds, and ``total``, the seconds from the start of its build to its pathway), in
        the dataset's order. With threads, the pathways are made as the cold solves end
        (the first solved first), so that ``solved`` can start its points at once.

        Parameters
        ----------
        timings : dict
        solved : callable, optional
            Called here with (scenario, model) as soon as each pathway is made, before the
            next solve is waited for (with threads, in the order the cold solves end; the
            model is free for other threads from then on).
            With it, the worker threads stay up on success for the work it queues: the
            caller must :meth:`close` them.

        Raises
        ------
        InfeasibleError, UnboundedError, SolverError
            As :meth:`~carbonpath.model.PathwayModel.solve` (explained in this thread).
        """
        models: dict[str, PathwayModel] = {}
        pathways: dict[str, Pathway] = {}
        mine: dict[str, dict[str, Any]] = {}
        try:
            for scenario, model, future, t0 in self._in_turn():
                cold = None
                if future is not None:
                    # a failed solve: model.solve() below fails the same way, explained
                    with contextlib.suppress(Exception):
                        cold = future.result()
                pathways[scenario] = model.solve()
                models[scenario] = model
                mine[scenario] = dict(model.timings, total=time.perf_counter() - t0)
                if cold is not None:  # the cold solve's seconds and iterations, not the check's
                    mine[scenario]["solve"] = cold.seconds
                    # (run.json and the report then say what one thread says: byte for byte)
                    pathways[scenario].solver.update(seconds=cold.seconds,
                                                     iterations=cold.iterations)
                if solved is not None:
                    solved(scenario, model)
        except BaseException:
            self.close()
            raise
        if solved is None:
            self.close()
        order = self._order or list(models)
        timings.update((name, mine[name]) for name in order)
        return ({name: models[name] for name in order},
                {name: pathways[name] for name in order})

    def _in_turn(self) -> Iterator[tuple[str, PathwayModel, cf.Future | None, float]]:
        """The pending solves: as their cold solves end (threads), else in build order.

        With threads, the first model solved is the first whose points can start: waiting
        for the models in build order would leave a core idle while a later-built model's
        points could run.
        """
        futures = {entry[2]: entry for entry in self._pending if entry[2] is not None}
        if len(futures) < len(self._pending):
            yield from self._pending
            return
        for future in cf.as_completed(futures):
            yield futures[future]

    def close(self) -> None:
        """Stop the worker threads (waits for the work under way, drops work not started)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start_scenarios(ds: Dataset, scenarios: list[str], solver_options: dict[str, Any] | None,
                    hours: int | None, progress: Callable[[str], None],
                    workers: int = 2, first: tuple[str, ...] = ()) -> ScenarioSolves:
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
        Threads this process may use; from 2 on, two worker threads solve the models while
        this thread builds the next (and computes the inventory); 1 solves each model here,
        after the builds (no thread).
    first : tuple of str
        With threads, the scenarios to build and solve first, in this order (the run's
        baseline, then its plan: the ones with sweep points, so that their points start
        early and fill a core while the other scenarios solve; the baseline's cold solve is
        the shorter, so its points run while the plan still solves); the others follow in
        the order given. Without threads, ignored. The models and pathways come back in the
        order of ``scenarios`` either way.

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
    if workers >= 2:
        # two solve threads: the cold solve of one scenario goes on while the next is solved
        # and built; the run's sweeps are queued on the same threads (run_sweeps), so the
        # process never has more than two threads solving
        out._pool = cf.ThreadPoolExecutor(2, thread_name_prefix="carbonpath-solve")
        out.threads = 2
    out._order = list(scenarios)
    if out._pool is not None:  # longest work first
        head = [s for s in dict.fromkeys(first) if s in scenarios]
        scenarios = head + [s for s in scenarios if s not in head]
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
