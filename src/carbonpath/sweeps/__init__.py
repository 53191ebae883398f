"""Sweeps: what re-solves many times (Monte Carlo samples, peak-year points, sensitivities).

* :mod:`~carbonpath.sweeps.executor`: run independent work units on any
  ``concurrent.futures.Executor`` (in-process, local processes or threads, dask.distributed);
* :mod:`~carbonpath.sweeps.sampling`: seeded Latin hypercube samples with rank correlations;
* :mod:`~carbonpath.sweeps.montecarlo`: Monte Carlo over the pathway model;
* :mod:`~carbonpath.sweeps.analysis`: peak probability, percentile bands, SALib sensitivity;
* :mod:`~carbonpath.sweeps.store`: the resumable Parquet result store.
"""

from carbonpath.sweeps.executor import InlineExecutor, make_executor, run_tasks
from carbonpath.sweeps.montecarlo import MonteCarloResult, montecarlo
from carbonpath.sweeps.store import read_store

__all__ = ["InlineExecutor", "MonteCarloResult", "make_executor", "montecarlo", "read_store",
           "run_tasks"]
