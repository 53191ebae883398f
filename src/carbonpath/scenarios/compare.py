"""Solve any number of scenarios of a dataset and compare them in tables.

Each scenario is resolved in the dataset layer (:func:`carbonpath.dataset.scenarios.
resolve_scenario`) and solved by its own model; independent solves go through any
:class:`concurrent.futures.Executor` (sequentially when none is given).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.errors import ArgumentValueError

__all__ = ["ScenarioComparison", "compare_scenarios", "discount_factors", "map_jobs",
           "solve_scenario"]


def map_jobs(function: Any, jobs: Iterable[Any], executor: Executor | None) -> list[Any]:
    """Apply ``function`` to every job, through ``executor`` if given, in order.

    Parameters
    ----------
    function : callable
        A module-level function (picklable, for process and dask executors).
    jobs : iterable
        Its arguments, one tuple per call.
    executor : concurrent.futures.Executor or None
        None runs the calls one after another in this process.

    Returns
    -------
    list
        The results, in the order of ``jobs``. An exception of a job is raised here.

    Notes
    -----
    On an executor the jobs run through :func:`carbonpath.sweeps.executor.run_tasks`, the
    sweeps' one executor: the jobs of a worker that died run again elsewhere.
    """
    jobs = list(jobs)
    if executor is None:
        return [function(*job) for job in jobs]
    from carbonpath.sweeps.executor import run_tasks

    results, _ = run_tasks(function, jobs, executor)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def solve_scenario(dataset: Dataset, scenario: str | None,
                   solver_options: dict[str, Any] | None = None,
                   hours: int | None = None, diagnose: bool = True) -> Any:
    """Build and solve one scenario (a module-level function, so executors can ship it).

    ``diagnose=False`` skips the target-by-target diagnosis of an infeasible model (many
    re-solves): a sweep that only needs to know it is infeasible says so.

    Returns
    -------
    carbonpath.Pathway
        With ``timings["total"]``, the seconds of build and solve together.

    Raises
    ------
    DataError, InfeasibleError, SolverError
        As :class:`carbonpath.PathwayModel` and its ``solve``.
    """
    from carbonpath.model import PathwayModel

    start = time.perf_counter()
    model = PathwayModel(dataset, scenario, solver_options=solver_options, hours=hours)
    pathway = model.solve(diagnose_infeasible=diagnose)
    pathway.timings["total"] = time.perf_counter() - start
    return pathway


def discount_factors(dataset: Dataset) -> dict[int, float]:
    """The objective's discounting: 1 / (1 + r)^(y - y_d) for every model year y.

    ``y_d`` is the dataset's ``discount_year`` (default the base year), as in
    :class:`carbonpath.model.data.ModelData`: discounting the abatement to the same year as
    the costs makes a cost per tonne (discounted cost over discounted abatement) the same
    whatever the discount year.
    """
    r = float(dataset.config["discount_rate"])
    return {y: (1.0 + r) ** -(y - dataset.discount_year) for y in dataset.years}


@dataclass
class ScenarioComparison:
    """Several solved scenarios of one dataset, side by side.

    Attributes
    ----------
    pathways : dict of str to Pathway
        By scenario, in the order asked.
    roles : dict
        ``bau``, ``cost_reference`` and ``plan`` scenario names (see
        :func:`carbonpath.dataset.scenarios.roles`).
    tables : dict of str to pandas.DataFrame
        ``emissions`` (scenario, year, value, gap_to_bau, unit Mt/yr), ``cost`` (scenario,
        objective and cost_vs_reference in MCNY discounted to the discount year, against the
        scenario named in ``cost_reference``; cumulative and abatement_vs_bau in Mt, against
        the scenario named in ``bau``; cost_per_tonne CNY/t = extra discounted cost against
        the BAU over discounted abatement against it, blank with a ``note`` for a scenario
        that does not abate, and for every scenario when the cost reference or the BAU is not
        among those compared; ``units`` says which number is against which reference),
        ``indicators`` (scenario, year, indicator, value, unit: emissions, energy, carbon and
        energy intensity, non-fossil share), ``capacity``
        (scenario, technology, year, total, unit).
    seconds : dict of str to float
        Build and solve time of each scenario.
    """

    pathways: dict[str, Any]
    roles: dict[str, str | None]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        """Point a table asked as an attribute (``.cost``) to ``.tables`` (D60)."""
        tables = self.__dict__.get("tables") or {}
        if name in tables:
            msg = (f"'ScenarioComparison' has no attribute '{name}'; the table is "
                   f"comparison.tables['{name}'] (tables: {', '.join(tables)})")
        else:
            msg = f"'ScenarioComparison' object has no attribute '{name}'"
        raise AttributeError(msg)


@checked(skip=("dataset", "executor"))  # load_dataset checks the dataset; dask clients too
def compare_scenarios(dataset: Dataset | str, scenarios: list[str] | None = None,
                      executor: Executor | None = None,
                      solver_options: dict[str, Any] | None = None,
                      hours: int | None = None) -> ScenarioComparison:
    """Solve scenarios (default: all of the dataset's) and compare them.

    Parameters
    ----------
    dataset : Dataset or str
        A dataset or a bundled dataset's name or folder.
    scenarios : list of str, optional
        Scenario names; default every scenario of ``dataset.yaml``.
    executor : concurrent.futures.Executor, optional
        Runs the independent solves; None solves them one after another.
    solver_options : dict, optional
        HiGHS options.
    hours : int, optional
        Time blocks per representative day.

    Returns
    -------
    ScenarioComparison

    Raises
    ------
    ArgumentValueError
        An empty list of scenarios, or one naming a scenario twice.
    UnknownNameError
        An unknown scenario.
    DataError, InfeasibleError, SolverError
        From any scenario (the first in order).
    """
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    names = list(scenarios) if scenarios is not None else ds.scenarios
    if not names:
        raise ArgumentValueError(
            "compare_scenarios: 'scenarios' is empty; give at least one scenario name, or "
            f"None for all of the dataset's ({', '.join(ds.scenarios)})")
    for name in names:
        ds.scenario(name)  # unknown names fail before any solve
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:  # D60: one row each, silently
        raise ArgumentValueError(
            f"compare_scenarios: 'scenarios' names {', '.join(map(repr, twice))} more than "
            "once; give each scenario once")
    results = map_jobs(solve_scenario, [(ds, n, solver_options, hours) for n in names],
                       executor)
    pathways = dict(zip(names, results, strict=True))
    out = ScenarioComparison(pathways, roles(ds),
                             seconds={n: p.timings.get("total", np.nan)
                                      for n, p in pathways.items()})
    out.tables = comparison_tables(ds, pathways, out.roles)
    return out


def _absent(role: dict[str, str | None], pathways: dict[str, Any]) -> list[str]:
    """Why a row's numbers against a reference are blank or 0 (D61, round 25 MA115).

    The reference is not among the scenarios compared, or it is the plan itself.
    """
    out = []
    for key, what in (("cost_reference", "no cost_vs_reference"),
                      ("bau", "no abatement_vs_bau or cost per tonne")):
        name = role.get(key)
        if name is None:
            out.append(f"the dataset has no {key} scenario (dataset.yaml roles): {what}")
        elif name not in pathways:
            out.append(f"the {key} scenario '{name}' is not among those compared: {what}")
        elif name == role.get("plan"):  # MA115: the plan measured against itself
            out.append(f"dataset.yaml roles name the plan '{name}' as the {key} too: the "
                       "plan's numbers against it are 0")
    return out


def comparison_tables(ds: Dataset, pathways: dict[str, Any],
                      role: dict[str, str | None]) -> dict[str, pd.DataFrame]:
    """The comparison tables of :class:`ScenarioComparison` (see its attributes)."""
    unit = f"Mt {ds.config['emissions']['gas']}/yr"
    df = discount_factors(ds)
    em = []
    for name, p in pathways.items():
        frame = p.tables["emissions_total"][["year", "value"]].copy()
        frame["value"] = frame["value"] / 1e3
        frame.insert(0, "scenario", name)
        em.append(frame)
    emissions = pd.concat(em, ignore_index=True)
    bau = role.get("bau")
    if bau in pathways:
        ref = emissions[emissions["scenario"] == bau].set_index("year")["value"]
        emissions["gap_to_bau"] = ref.reindex(emissions["year"]).to_numpy() - emissions["value"]
    else:
        emissions["gap_to_bau"] = np.nan
    emissions["unit"] = unit
    cost_ref = role.get("cost_reference")
    rows = []
    for name, p in pathways.items():
        e = p.tables["emissions_total"].set_index("year")["value"]
        disc = float(sum(e[y] * df[y] for y in e.index)) / 1e3
        row = {"scenario": name, "objective": p.objective, "cumulative": float(e.sum()) / 1e3,
               "note": "", "cost_reference": cost_ref if cost_ref in pathways else "",
               "bau": bau if bau in pathways else ""}
        row["cost_vs_reference"] = (p.objective - pathways[cost_ref].objective
                                    if cost_ref in pathways else np.nan)
        if bau in pathways:
            eb = pathways[bau].tables["emissions_total"].set_index("year")["value"]
            row["abatement_vs_bau"] = float(eb.sum() - e.sum()) / 1e3
            disc_abate = float(sum(eb[y] * df[y] for y in eb.index)) / 1e3 - disc
            extra = p.objective - pathways[bau].objective
            # a cost over a negative abatement would read as a negative cost per tonne (a
            # dearer scenario that emits more "saving" money per tonne): blank, with a note
            row["cost_per_tonne"] = extra / disc_abate if disc_abate > 1e-9 else np.nan
            if name != bau and not disc_abate > 1e-9:
                row["note"] = ("emits more than the BAU over the horizon: no cost per tonne"
                               if disc_abate < -1e-9 else
                               "abates nothing against the BAU: no cost per tonne")
        row["note"] = "; ".join(filter(None, [row["note"], *_absent(role, pathways)]))
        rows.append(row)
    cost = pd.DataFrame(rows, columns=["scenario", "objective", "cost_reference",
                                       "cost_vs_reference", "cumulative", "bau",
                                       "abatement_vs_bau", "cost_per_tonne", "note"])
    # two references (the roles of dataset.yaml): say which number is against which
    cost["units"] = ("MCNY (discounted; cost_vs_reference against cost_reference); "
                     "Mt (abatement_vs_bau against bau); CNY/t (against bau)")
    ind = []
    for name, p in pathways.items():
        en = p.tables["energy"]
        for _, r in en.iterrows():
            year = int(r["year"])
            ind += [(name, year, "emissions", p.emissions_in(year) / 1e3, unit),
                    (name, year, "energy", r["total"] / 1e3, "Mtce/yr"),
                    (name, year, "nonfossil_share", r["share"], "1"),
                    (name, year, "carbon_intensity", r["carbon_intensity"], "kt/MCNY"),
                    (name, year, "energy_intensity", r["energy_intensity"], "ktce/MCNY")]
    indicators = pd.DataFrame(ind, columns=["scenario", "year", "indicator", "value", "unit"])
    cap = []
    for name, p in pathways.items():
        c = p.tables["capacity"][["technology", "year", "total", "unit"]].copy()
        c.insert(0, "scenario", name)
        cap.append(c)
    capacity = pd.concat(cap, ignore_index=True)
    return {"emissions": emissions, "cost": cost, "indicators": indicators,
            "capacity": capacity}
