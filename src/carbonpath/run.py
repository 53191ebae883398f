"""The main job: dataset -> inventory -> pathways -> cost-of-peaking curve -> saved results.

:func:`run` computes everything and writes a results folder; the report
(:mod:`carbonpath.report`) renders only from that folder, so ``carbonpath report DIR``
reproduces a report without solving again. Everything is written into a temporary folder
beside the destination and moved into place at the end: a failed run leaves nothing
half-written.
"""

from __future__ import annotations

import contextlib
import os
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import carbonpath
from carbonpath._checks import check_types, checked, home_path
from carbonpath._memory import break_cycles, frozen_heap, rare_full_passes, release_memory
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.errors import ArgumentValueError, CarbonpathWarning, FactorNotFoundError
from carbonpath.model import Pathway, PathwayModel
from carbonpath.model.data import model_hours
from carbonpath.outputs import prepare
from carbonpath.run_checks import (
    _base_year_mismatch,
    _regional_mismatch,
    _use_mismatch,
)
from carbonpath.run_files import (
    RESULTS,
    RunResult,
    _write_results,
    load_results,
    load_written,
    save_results,
)
from carbonpath.run_inventory import cached_inventory
from carbonpath.run_solves import start_scenarios
from carbonpath.run_sweeps import (
    Progress,
    SweepPipeline,
    _peak_curve,
    _quiet,
    _seeded,
    _sensitivity,
    _spec,
    start_sweeps,  # noqa: F401 (re-exported)
)

__all__ = ["RunResult", "compute", "dataset_inventory", "iamc_table", "load_results", "run",
           "save_results"]

SENSITIVITY_WARN = 0.7
"""A sensitivity at or above this warns: 0.7 .. 0.95 is more often the multiplier of the low
end typed for the change (0.8 for -20 %) than a change of +-70 % or more, which would take
estimated costs to 0.3 or less of their value, below the lowest end of any capital-cost range
of the catalogue (0.4 of its value)."""


def check_sensitivity(sensitivity: Any, warn: bool = True) -> None:
    """Refuse a sensitivity outside [0, 1); warn from :data:`SENSITIVITY_WARN` on.

    ``warn=False`` only refuses (:func:`run` checks first, and :func:`compute` warns).

    Raises
    ------
    ArgumentValueError
        Not a number, or outside [0, 1) (naming what it scales and an example).

    Warns
    -----
    UncertainRangeWarning
        At or above :data:`SENSITIVITY_WARN`, naming the scales it gives and the value to
        write if it is the low end's multiplier.
    """
    ok = isinstance(sensitivity, (int, float)) and not isinstance(sensitivity, bool)
    if not ok or not 0 <= sensitivity < 1:
        msg = (f"sensitivity {sensitivity!r} must be a relative change in [0, 1): 0.3 scales "
               "estimated costs by 0.7 and 1.3; 0 skips the section")
        raise ArgumentValueError(msg)
    if warn and sensitivity >= SENSITIVITY_WARN:  # round 26: a multiplier typed for it
        from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning

        warnings.warn(
            f"sensitivity {sensitivity:g} is a relative change: it scales estimated costs by "
            f"{1 - sensitivity:.4g} and {1 + sensitivity:.4g}; if {sensitivity:g} is the "
            f"multiplier of the low end (-{1 - sensitivity:.4g}), write sensitivity "
            f"{1 - sensitivity:.4g}", UncertainRangeWarning, stacklevel=4)


@checked
def run(dataset: str | Path | Dataset = "liaocheng", out: str | Path = "carbonpath-out",
        lang: str = "en", peak_years: list[int] | None = None, sensitivity: float = 0.3,
        solver_options: dict[str, Any] | None = None, progress: Progress | None = None,
        report: bool = True, hours: int | None = None, executor: Any = None) -> Path:
    """Run the main job and write results (and the report) to ``out``.

    Parameters
    ----------
    dataset : str or pathlib.Path or Dataset
        Bundled dataset name or folder (default ``liaocheng``).
    out : str or pathlib.Path
        Destination folder; replaced atomically on success.
    lang : {"en", "zh"}
        Report language.
    peak_years : list of int, optional
        Peak years of the cost-of-peaking curve (default: 2026 .. 2035 within the horizon);
        an empty list skips the curve.
    sensitivity : float
        Relative change applied to estimated costs in the sensitivity section (0.3 = +-30 %);
        0 skips it.
    solver_options : dict, optional
        HiGHS options.
    progress : callable, optional
        Called with a short text at each step.
    report : bool
        Render the report after saving the results.
    hours : int, optional
        Model blocks per representative day (default: the dataset's ``model_hours``).
    executor : concurrent.futures.Executor, optional
        Where the peak-year points and sensitivity pairs run (default: in this process,
        on the models already built); see :mod:`carbonpath.sweeps.executor`.

    Returns
    -------
    pathlib.Path
        The output folder.

    Raises
    ------
    DataError, InfeasibleError, SolverError
        If a scenario cannot be solved (the baseline and plan must be).
    """
    progress = progress or _quiet
    started = time.perf_counter()
    check_types("run", dataset=(dataset, (str, os.PathLike, Dataset)),
                out=(out, (str, os.PathLike)),
                lang=(lang, str), sensitivity=(sensitivity, float), report=(report, bool),
                hours=(hours, int, None), peak_years=(peak_years, list, None),
                solver_options=(solver_options, dict, None))
    dataset = home_path(dataset)  # round 29 ZE108 ('out' is expanded by prepare)
    check_sensitivity(sensitivity, warn=False)  # compute() warns
    from carbonpath.report.names import output_names

    names = output_names(lang) if report else ("report.html", "report.md", "figures")
    given = [] if isinstance(dataset, Dataset) or not Path(dataset).is_dir() else [dataset]
    # the modules' objects are frozen for the run: the collector's passes walk the run's own
    # objects only, and its automatic full passes are rarer (the run frees its models itself)
    # (_memory.frozen_heap, rare_full_passes; benchmarks/README.md "The collector in the run")
    writes = [f"{RESULTS}/", names[0], names[1], f"{names[2]}/"]
    with frozen_heap(generation=1), rare_full_passes(), prepare(
            out, will_write=writes, exclusive=True, inputs=given, command="run") as folder:
        ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
        model_hours(ds, hours)  # a bad resolution fails before any work
        progress(f"loaded dataset '{ds.name}' ({len(ds.tables['technologies'])} technologies)")
        result = compute(ds, peak_years, sensitivity, solver_options, progress, hours,
                         executor)
        result.meta["run_seconds_before_writing"] = time.perf_counter() - started
        release_memory(collect=False)  # (compute collected the models' cycles)
        _write_results(result, folder.path(RESULTS))
        if report:
            from carbonpath.report.destination import run_mark
            from carbonpath.report.overview import load_extras
            from carbonpath.report.render import write_report

            progress("rendering the report")
            saved = folder.staging / RESULTS
            extras = load_extras(saved)  # the pages name their run, as `report`'s do (KC101)
            extras["run_mark"] = run_mark(saved, RESULTS)
            write_report(load_written(saved), folder.staging, lang=lang, extras=extras)
    progress(f"done in {time.perf_counter() - started:.1f} s: {folder.dest}")
    return folder.dest


@checked
def compute(ds: Dataset, peak_years: list[int] | None = None, sensitivity: float = 0.3,
            solver_options: dict[str, Any] | None = None,
            progress: Progress | None = None, hours: int | None = None,
            executor: Any = None) -> RunResult:
    """Compute inventory, scenario pathways, cost-of-peaking curve and sensitivities.

    See :func:`run` for the parameters. Returns the :class:`RunResult` without writing it.
    """
    check_sensitivity(sensitivity)  # run() refused a bad one already; warned of here
    progress = progress or _quiet
    timings: dict[str, Any] = {}
    from carbonpath.sweeps.executor import run_threads

    # threads of the run's own solves (run_threads: CARBONPATH_RUN_THREADS, default auto, by
    # measurement; benchmarks/README.md "Concurrent solves"). With 2 and no executor given,
    # cold solves run on two worker threads while this thread builds the next model and
    # computes the inventory, and each model's sweep points join them once it is solved
    # while this thread makes the analysis tables; an executor given keeps the solves in this
    # thread and sends the sweeps there. Same numbers any way.
    workers = run_threads() if executor is None else 1
    scenarios = ds.scenarios or ["baseline"]
    role = roles(ds)  # dataset.yaml roles; default: baseline is the cost reference
    plan_name = role["plan"] if role["plan"] in scenarios else scenarios[-1]
    inv = None
    if ds.file("activity.csv").exists():
        # before the solve threads start: a computation kept on disk must show that it
        # gave no warning, which only the process-wide warnings.catch_warnings can (run_inventory)
        progress("computing the base-year inventory")
        inv = cached_inventory(ds, dataset_inventory)
    solves = start_scenarios(ds, scenarios, solver_options, hours, progress, workers,
                             first=(role["cost_reference"] or "baseline", plan_name))
    try:
        inventory = ({"emissions": inv.emissions, "energy": inv.energy,
                      "provenance": inv.provenance} if inv is not None else {})
        by_region = None
        if inv is not None and len(ds.regions) > 1:
            from carbonpath.accounting.regional import (
                dataset_energy_by_region,
                dataset_inventory_by_region,
            )

            by_region = inventory["by_region"] = dataset_inventory_by_region(ds, inv)
            inventory["energy_by_region"] = dataset_energy_by_region(ds, inv)
        specs = {name: _spec(ds, name, solver_options, hours) for name in scenarios}
        # each model's sweep points start as soon as it is solved (run_sweeps; on the
        # threads, or here, without), and its HiGHS instance goes when they are done
        pipeline = None if executor is not None else SweepPipeline(
            ds, solves.models, plan_name, peak_years, sensitivity, progress, specs, solves.pool,
            solves.threads)
    except BaseException:
        solves.close()
        raise
    models, pathways = solves.finish(timings, pipeline.solved if pipeline else None)
    reference = role["cost_reference"] if role["cost_reference"] in pathways else None
    baseline = pathways.get(reference) if reference is not None else None
    run_warnings: list[str] = [f"{name}: {w}" for name, p in pathways.items() for w in p.warnings]
    run_warnings.extend(_missing_reference(ds, role, pathways))
    if inv is not None:
        run_warnings.extend(_base_year_mismatch(ds, inv, pathways))
        run_warnings.extend(_use_mismatch(ds))
    if by_region is not None:
        run_warnings.extend(_regional_mismatch(ds, by_region, pathways))
    if baseline is not None:
        for name, pathway in pathways.items():
            if name != role["cost_reference"]:
                run_warnings.extend(f"{name}: {w}" for w in pathway.compare_baseline(baseline))
    from carbonpath.scenarios.run_tables import run_analysis

    with _seeded(specs, models) if pipeline is None else contextlib.nullcontext():
        if pipeline is not None:
            def finish() -> tuple:
                """Wait for the pipeline's sweeps: (peak curve, sensitivity)."""
                return pipeline.finish(pathways, baseline, timings)
        else:
            curve = _peak_curve(ds, models.get(plan_name), baseline, peak_years, progress,
                                timings, specs.get(plan_name), executor)
            sens = _sensitivity(ds, models, pathways, sensitivity, progress, timings, specs,
                                executor)
        # the analysis reads the pathways only: it runs here while the sweeps solve
        t0 = time.perf_counter()
        if ds.config.get("measures") is not None:
            progress("measure MACC: every combination of the dataset's measures, warm")
        try:
            analysis, notes = run_analysis(ds, pathways, solver_options, hours, solves.pool)
        except BaseException:
            if executor is None:  # the threads use the models: let them end first
                with contextlib.suppress(Exception):
                    finish()
            raise
        timings["analysis"] = time.perf_counter() - t0
        if executor is None:
            curve, sens = finish()
    run_warnings.extend(notes)
    meta = _meta(ds, pathways, models, timings, run_warnings, plan_name)
    meta["cost_reference"] = reference  # the report's "baseline" (dataset.yaml roles)
    # the models (Pyomo blocks, HiGHS) are done with: free them before the result tables
    # are built (lower peak RSS); the tables read the solutions, not the models. The solves
    # hold them too: without dropping that reference the collection found nothing (about
    # 100 objects of 475,000, for 0.2 s of CPU), and the report's first collection freed
    # the Pyomo blocks' 200,000 objects instead (benchmarks/README.md)
    del solves
    for model in models.values():  # refcounting frees them: no collector pass over them
        break_cycles(getattr(model, "model", None))
    models.clear()
    # refcounting freed them (the collector would find ~1,000 objects of 190,000, 0.05 s):
    release_memory(collect=False)  # free pages only (units.registry: no error cycles)
    iamc = iamc_table(ds, pathways)
    return RunResult(meta=meta,
                     pathways={k: dict(p.tables, provenance=p.provenance)
                               for k, p in pathways.items()},
                     peak_curve=curve, sensitivity=sens, inventory=inventory,
                     dataset_tables=_dataset_tables(ds), iamc=iamc, analysis=analysis)


def _missing_reference(ds: Dataset, role: dict[str, str | None],
                       pathways: dict[str, Pathway]) -> list[str]:
    """A warning (also on the terminal) when the run has no ``cost_reference`` scenario.

    Without one the cost of the target, its cost per tonne and the capex sensitivity are not
    defined; the run says so instead of skipping them in silence (round 10, B104). Roles
    naming the plan itself as the cost reference or the BAU are warned of the same way
    (round 25 MA115: ``bau: plan`` had left abatement 0 and no wedges, with no word). Roles
    that look swapped (a plan without targets, a reference with them: round 30 MF92) were
    warned of when the dataset loaded; the run's record names them too.
    """
    same = [key for key in ("cost_reference", "bau")
            if role[key] is not None and role[key] == role["plan"]]
    if same:  # MA115: bau = plan as well
        what = {"cost_reference": "the plan's cost is measured against itself (0) and the "
                                  "capex sensitivity is not computed",
                "bau": "the plan's abatement against the BAU is 0, with no cost per tonne and no "
                       "lever contributions (wedges)"}
        msg = (f"dataset.yaml roles make '{role['plan']}' both the plan and the "
               + " and the ".join("cost reference" if k == "cost_reference" else "BAU"
                                  for k in same)
               + ", so " + "; ".join(what[k] for k in same)
               + ": name another scenario for " + " and ".join(f"roles.{k}" for k in same)
               + " (the least-cost one without targets), or leave the key out")
        warnings.warn(msg, CarbonpathWarning, stacklevel=3)
        return [msg]
    if role["cost_reference"] in pathways or len(pathways) < 2:
        # MF92: the load warned of roles that look swapped; the run records it too
        from carbonpath.dataset.scenario_checks import swapped_roles_text

        given = getattr(ds, "config", {}).get("roles")
        text = swapped_roles_text(role, {n: [t["name"] for t in p.settings.get("targets") or []
                                             if t.get("type") != "frozen_mix"]
                                         for n, p in pathways.items() if hasattr(p, "settings")},
                                  tuple(given) if isinstance(given, dict) else ())
        return [] if text is None else [text]
    msg = (f"the run has no cost reference: dataset.yaml names no `roles: {{cost_reference: "
           f"...}}` and no scenario is called 'baseline' (scenarios: {', '.join(pathways)}), "
           "so the cost of the target, its cost per tonne and the capex sensitivity are not "
           "computed; name the least-cost scenario without targets in dataset.yaml roles")
    warnings.warn(msg, CarbonpathWarning, stacklevel=3)
    return [msg]


@checked
def dataset_inventory(ds: Dataset) -> Any:
    """Compute the base-year inventory of a dataset's ``activity.csv`` (and production).

    Uses the dataset's region, base year, emissions method and primary-electricity
    convention (``energy.primary_electricity``, with ``energy.coal_rate_basis``, default
    ``supply``). Returns None if the dataset has no activity data.

    Raises
    ------
    DataError
        If the activity or production data are invalid.
    ImplausibleValueError
        A generation row whose full-load hours over the dataset's capacity no plant fleet
        reaches (:func:`carbonpath.dataset.generation.check_generation`).
    """
    from carbonpath.accounting import read_activity
    from carbonpath.accounting.inventory import dataset_rows_inventory
    from carbonpath.dataset.generation import check_generation

    path = ds.file("activity.csv")
    if not path.exists():
        return None
    production = ds.file("production.csv")
    energy = ds.config.get("energy", {})
    convention = energy.get("primary_electricity", "coal_consumption")
    activity = read_activity(path, region=ds.region, year=ds.base_year)
    check_generation(ds.tables, ds.base_year, activity)  # dataset/generation.py
    basis = energy.get("coal_rate_basis", "supply") if convention == "coal_consumption" else None
    try:
        return dataset_rows_inventory(  # rows may say their model_region (regions=True)
            activity, regions=True, production=production if production.exists() else None,
            method=ds.config["emissions"]["method"], primary_electricity=convention,
            coal_rate_basis=basis, region=ds.region, year=ds.base_year,
            gwp=ds.config["emissions"].get("gwp"))
    except FactorNotFoundError as exc:
        if basis is None or not str(exc).startswith("no coal_rate for"):
            raise
        raise FactorNotFoundError(_coal_rate_text(ds, basis, str(exc))) from None


def _coal_rate_text(ds: Dataset, basis: str, message: str) -> str:
    """A missing coal rate of the base-year inventory said in the dataset's terms (MG23).

    The factor table's message names the library's ``coal_rate_basis=`` argument and a user
    factor table; a dataset sets the basis in ``dataset.yaml``'s ``energy.coal_rate_basis``,
    and its own ``drivers.csv`` ``thermal_power_coal_rate`` row feeds the model's years, not
    the base-year inventory of ``activity.csv``.
    """
    found = message.split(". The tables' coal rates")[0].split(". Supply it")[0]
    drivers = ds.tables.get("drivers")
    lines = ([] if drivers is None or "driver" not in drivers.columns else
             [str(i) for i in drivers.index[drivers["driver"] == "thermal_power_coal_rate"]])
    rows = (f"row {lines[0]} (thermal_power_coal_rate) sets" if len(lines) == 1 else
            f"rows {', '.join(lines)} (thermal_power_coal_rate) set")
    own = (f"; drivers.csv {rows} the model's coal rate of thermal power, not the base-year "
           "inventory's" if lines else "")
    return (f"dataset.yaml, key 'energy.coal_rate_basis' ({basis}): the base-year inventory "
            f"of activity.csv needs a coal rate of that basis: {found}{own}; valid: "
            "energy.coal_rate_basis: supply (the basis of the bundled coal rates), or "
            "energy.primary_electricity: calorific")


def _meta(ds: Dataset, pathways: dict[str, Pathway], models: dict[str, PathwayModel],
          timings: dict[str, Any], warnings: list[str], plan_name: str) -> dict[str, Any]:
    any_pathway = next(iter(pathways.values()))
    from carbonpath.dataset.caveats import dataset_caveats
    from carbonpath.factors import bundled_factors

    factor_version = bundled_factors().version  # (loaded once per process)
    return {
        "carbonpath_version": carbonpath.__version__,
        "factor_set_version": factor_version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {"name": ds.name, "title": ds.config.get("title", ds.name),
                    "region": ds.region, "base_year": ds.base_year, "horizon": ds.horizon,
                    "currency": ds.config["currency"], "price_year": ds.config["price_year"],
                    "discount_rate": ds.config["discount_rate"],
                    "discount_year": ds.discount_year,
                    "first_decision_year": ds.first_decision_year,
                    "emissions": ds.config["emissions"], "energy": ds.config["energy"],
                    "timeslices": ds.config["timeslices"], "checksums": ds.checksums,
                    "sources": ds.config.get("sources", []),
                    "caveats": dataset_caveats(ds)},  # X05: the report shows them
        "targets": ds.targets,
        "scenarios": {name: {"targets": ds.scenario(name)["targets"],
                             "objective": p.objective, "peak_year": p.peak_year,
                             "peak_level": p.peak_level, "peaked": p.peaked, "status": p.status,
                             "target_peak_year": p.target_peak_year,
                             "size": p.settings["size"],
                             "resolution": {"days": p.settings["days"],
                                            "hours": p.settings["hours"],
                                            "block_hours": p.settings["block_hours"]},
                             "coefficient_range": p.coefficient_range}
                      for name, p in pathways.items()},
        "plan_scenario": plan_name,
        "solver": any_pathway.solver,
        "timings": timings,
        "warnings": warnings,
    }


def _dataset_tables(ds: Dataset) -> dict[str, pd.DataFrame]:
    out = {}
    for name, frame in ds.tables.items():
        table = frame.reset_index()
        out[name] = table
    return out


@checked
def iamc_table(ds: Dataset, pathways: dict[str, Pathway]) -> pd.DataFrame:
    """Return results in the IAMC format (model, scenario, region, variable, unit, year, value).

    Variables: ``Emissions|CO2`` (target basis, Mt CO2/yr) and ``Emissions|<gas>|<sector>``,
    ``Capacity|<sector>|<technology>``, ``Activity|<sector>|<technology>``,
    ``Primary Energy`` and ``Primary Energy|Non-Fossil`` (Mt ce/yr), ``Cost|<component>``
    (million CNY/yr, undiscounted) and ``Price|Carbon`` (CNY/t CO2, the marginal cost of
    emissions).
    """
    # the columns are made as lists, a table column at a time (no row-by-row walk over
    # pandas' string arrays), in the order the rows always had
    columns: dict[str, list] = {name: [] for name in ("scenario", "variable", "unit", "year",
                                                       "value")}
    model_name = f"carbonpath {carbonpath.__version__}"
    region = ds.region

    def add(scenario: str, variable: list, unit: Any, year: list, value: list) -> None:
        """Append one block of IAMC rows (one scenario, equal-length lists) to ``columns``."""
        columns["scenario"].extend([scenario] * len(year))
        columns["variable"].extend(variable)
        columns["unit"].extend([unit] * len(year) if isinstance(unit, str) else unit)
        columns["year"].extend(year)
        columns["value"].extend(value)

    for scenario, p in pathways.items():
        gas = p.settings["gas"]
        t = p.tables["emissions_total"]
        add(scenario, [f"Emissions|{gas}"] * len(t), f"Mt {gas}/yr", t["year"].tolist(),
            [v / 1e3 for v in t["value"].tolist()])
        em = p.tables["emissions"].groupby(["gas", "sector", "year"])["value"].sum()
        keys = em.index.tolist()
        add(scenario, [f"Emissions|{g}|{sector}" for g, sector, _ in keys],
            [f"Mt {g}/yr" for g, _, _ in keys], [year for _, _, year in keys],
            [v / 1e3 for v in em.tolist()])
        for name, kind, value in (("capacity", "Capacity", "total"),
                                  ("activity", "Activity", "value")):
            t = p.tables[name]
            add(scenario, [f"{kind}|{sector}|{tech}" for sector, tech in
                           zip(t["sector"].tolist(), t["technology"].tolist(), strict=True)],
                t["unit"].tolist(), t["year"].tolist(), t[value].tolist())
        t = p.tables["energy"]  # two rows a year: primary energy, then its non-fossil part
        for year, total, nonfossil in zip(t["year"].tolist(), t["total"].tolist(),
                                          t["nonfossil"].tolist(), strict=True):
            add(scenario, ["Primary Energy", "Primary Energy|Non-Fossil"], "Mt ce/yr",
                [year, year], [total / 1e3, nonfossil / 1e3])
        costs = p.tables["costs"].groupby(["component", "year"])["value"].sum()
        keys = costs.index.tolist()
        add(scenario, [f"Cost|{component}" for component, _ in keys], "million CNY/yr",
            [year for _, year in keys], costs.tolist())
        t = p.tables["marginal_cost"]
        add(scenario, ["Price|Carbon"] * len(t), f"CNY/t {gas}", t["year"].tolist(),
            t["value"].tolist())
    frame = pd.DataFrame(columns)
    frame.insert(0, "model", model_name)
    frame.insert(2, "region", region)
    return frame[["model", "scenario", "region", "variable", "unit", "year", "value"]]


