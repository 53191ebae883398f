"""The main job: dataset -> inventory -> pathways -> cost-of-peaking curve -> saved results.

:func:`run` computes everything and writes a results folder; the report
(:mod:`carbonpath.report`) renders only from that folder, so ``carbonpath report DIR``
reproduces a report without solving again. Everything is written into a temporary folder
beside the destination and moved into place at the end: a failed run leaves nothing
half-written.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import carbonpath
from carbonpath._checks import check_types, checked
from carbonpath._memory import release_memory
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.errors import (
    ArgumentValueError,
    CarbonpathWarning,
    ResultsError,
)
from carbonpath.model import Pathway, PathwayModel
from carbonpath.model.data import model_hours
from carbonpath.model.results import TABLE_NAMES
from carbonpath.outputs import prepare

__all__ = ["RunResult", "compute", "dataset_inventory", "iamc_table", "load_results", "run",
           "save_results"]

RESULTS = "results"


@dataclass
class RunResult:
    """Everything the report needs, as saved in a results folder.

    Attributes
    ----------
    meta : dict
        Versions (carbonpath, factor set, solver), dataset settings and checksums,
        scenarios, targets, peak summaries, objectives, warnings, timings.
    pathways : dict of str to dict of str to pandas.DataFrame
        Per scenario, the :class:`~carbonpath.Pathway` tables.
    peak_curve : pandas.DataFrame
        peak_year, status, objective, cost_of_peaking (MCNY discounted: the plan with the peak
        rule in that year minus the plan without the peak rule, 0 where it does not bind),
        peak_level (kt), peak_at, binds (bool). (The seconds of each re-solve are in
        ``meta["timings"]["peak_curve_years"]``: timings stay in ``run.json``.)
    sensitivity : pandas.DataFrame
        group, technologies, parameter, factor, plan_objective, baseline_objective,
        cost_of_target, change (MCNY).
    inventory : dict of str to pandas.DataFrame
        Base-year inventory tables (empty if the dataset has no activity data).
    dataset_tables : dict of str to pandas.DataFrame
        The dataset's tables as given (every value with its source).
    iamc : pandas.DataFrame
        model, scenario, region, variable, unit, year, value.
    analysis : dict of str to pandas.DataFrame
        Saved as ``analysis/<name>.csv``: the scenario comparison, the wedges of the plan
        against the BAU and, when the dataset has measures, the measure MACC
        (:func:`carbonpath.scenarios.run_tables.run_analysis`).
    """

    meta: dict[str, Any]
    pathways: dict[str, dict[str, pd.DataFrame]]
    peak_curve: pd.DataFrame
    sensitivity: pd.DataFrame
    inventory: dict[str, pd.DataFrame] = field(default_factory=dict)
    dataset_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    iamc: pd.DataFrame = field(default_factory=pd.DataFrame)
    analysis: dict[str, pd.DataFrame] = field(default_factory=dict)


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


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
        Peak years of the cost-of-peaking curve (default: 2026 .. 2035 within the horizon).
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
    if not 0 <= sensitivity < 1:
        msg = (f"sensitivity {sensitivity} must be a relative change in [0, 1): 0.3 scales "
               "estimated costs by 0.7 and 1.3; 0 skips the section")
        raise ArgumentValueError(msg)
    from carbonpath.report.names import output_names

    names = output_names(lang) if report else ("report.html", "report.md", "figures")
    given = [] if isinstance(dataset, Dataset) or not Path(dataset).is_dir() else [dataset]
    with prepare(out, will_write=[f"{RESULTS}/", names[0], names[1], f"{names[2]}/"],
                 exclusive=True, inputs=given) as folder:
        ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
        model_hours(ds, hours)  # a bad resolution fails before any work
        progress(f"loaded dataset '{ds.name}' ({len(ds.tables['technologies'])} technologies)")
        result = compute(ds, peak_years, sensitivity, solver_options, progress, hours,
                         executor)
        result.meta["run_seconds_before_writing"] = time.perf_counter() - started
        release_memory()  # the models' memory, before the report (lower peak RSS)
        _write_results(result, folder.path(RESULTS))
        if report:
            from carbonpath.report.overview import load_extras
            from carbonpath.report.render import write_report

            progress("rendering the report")
            saved = folder.staging / RESULTS
            write_report(load_results(saved), folder.staging, lang=lang,
                         extras=load_extras(saved))
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
    progress = progress or _quiet
    timings: dict[str, Any] = {}
    inv = None
    if ds.file("activity.csv").exists():
        progress("computing the base-year inventory")
        inv = dataset_inventory(ds)
    inventory = ({"emissions": inv.emissions, "energy": inv.energy,
                  "provenance": inv.provenance} if inv is not None else {})
    by_region = None
    if inv is not None and len(ds.regions) > 1:
        from carbonpath.accounting.regional import dataset_inventory_by_region

        by_region = inventory["by_region"] = dataset_inventory_by_region(ds, inv)
    models: dict[str, PathwayModel] = {}
    pathways: dict[str, Pathway] = {}
    scenarios = ds.scenarios or ["baseline"]
    for scenario in scenarios:
        progress(f"optimising scenario '{scenario}'")
        t0 = time.perf_counter()
        model = PathwayModel(ds, scenario, solver_options=solver_options, hours=hours)
        pathways[scenario] = model.solve()
        models[scenario] = model
        timings[scenario] = dict(model.timings, total=time.perf_counter() - t0)
    role = roles(ds)  # dataset.yaml roles; default: baseline is the cost reference
    baseline = pathways.get(role["cost_reference"] or "baseline")
    run_warnings: list[str] = [f"{name}: {w}" for name, p in pathways.items() for w in p.warnings]
    if inv is not None:
        run_warnings.extend(_base_year_mismatch(ds, inv, pathways))
        run_warnings.extend(_use_mismatch(ds))
    if by_region is not None:
        run_warnings.extend(_regional_mismatch(ds, by_region, pathways))
    if baseline is not None:
        for name, pathway in pathways.items():
            if name != role["cost_reference"]:
                run_warnings.extend(f"{name}: {w}" for w in pathway.compare_baseline(baseline))
    plan_name = role["plan"] if role["plan"] in pathways else scenarios[-1]
    specs = {name: _spec(ds, name, solver_options, hours) for name in models}
    with _seeded(specs, models):
        curve = _peak_curve(ds, models.get(plan_name), baseline, peak_years, progress, timings,
                            specs.get(plan_name), executor)
        sens = _sensitivity(ds, models, pathways, sensitivity, progress, timings, specs,
                            executor)
    from carbonpath.scenarios.run_tables import run_analysis

    t0 = time.perf_counter()
    if ds.config.get("measures") is not None:
        progress("measure MACC: every combination of the dataset's measures, warm")
    analysis, notes = run_analysis(ds, pathways, solver_options, hours)
    timings["analysis"] = time.perf_counter() - t0
    run_warnings.extend(notes)
    meta = _meta(ds, pathways, models, timings, run_warnings, plan_name)
    iamc = iamc_table(ds, pathways)
    return RunResult(meta=meta,
                     pathways={k: dict(p.tables, provenance=p.provenance)
                               for k, p in pathways.items()},
                     peak_curve=curve, sensitivity=sens, inventory=inventory,
                     dataset_tables=_dataset_tables(ds), iamc=iamc, analysis=analysis)


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
    """
    from carbonpath.accounting import compute_inventory

    path = ds.file("activity.csv")
    if not path.exists():
        return None
    production = ds.file("production.csv")
    energy = ds.config.get("energy", {})
    convention = energy.get("primary_electricity", "coal_consumption")
    return compute_inventory(
        path, production=production if production.exists() else None,
        method=ds.config["emissions"]["method"], primary_electricity=convention,
        coal_rate_basis=energy.get("coal_rate_basis", "supply")
        if convention == "coal_consumption" else None,
        region=ds.region, year=ds.base_year, gwp=ds.config["emissions"].get("gwp"))


def _base_year_mismatch(ds: Dataset, inv: Any, pathways: dict[str, Pathway],
                        tolerance: float = 0.02) -> list[str]:
    """Warn where a scenario's base-year emissions differ from the inventory's total.

    Both are on the dataset's emissions method and gas basis; the inventory counts the rows
    in its total. ``tolerance`` is relative (2 %, the calibration tolerance).
    """
    gas = ds.config["emissions"]["gas"]
    counted = float(inv.total(gas, in_total=True).to(f"Mt {gas}").magnitude)
    found = []
    for name, pathway in pathways.items():
        modelled = pathway.emissions_in(ds.base_year) / 1e3  # kt -> Mt
        diff = modelled - counted
        if abs(diff) > tolerance * abs(counted):
            msg = (f"base year {ds.base_year}: the pathway's emissions ({modelled:.2f} Mt "
                   f"{gas}) differ from the inventory of activity.csv ({counted:.2f} Mt {gas}) "
                   f"by {diff:+.2f} Mt ({_share(diff, counted)}, more than {tolerance:.0%}); "
                   "activity.csv and the technologies' observed base-year activity "
                   "(parameters.csv 'activity') probably disagree; " + _emitting_rows(inv))
            warnings.warn(f"{name}: {msg}", CarbonpathWarning, stacklevel=3)
            found.append(f"{name}: {msg}")
    return found


def _regional_mismatch(ds: Dataset, by_region: pd.DataFrame, pathways: dict[str, Pathway],
                       tolerance: float = 0.02) -> list[str]:
    """Warn where a region's base-year emissions differ from its inventory's counted total.

    The inventory by region (:func:`carbonpath.accounting.regional.inventory_by_region`)
    against each pathway's ``emissions_region`` rows of the regions in the base year, both
    on the dataset's basis; ``tolerance`` relative to the region's inventory total.
    """
    gas = ds.config["emissions"]["gas"]
    counted = by_region.set_index("region")["total"] / 1e3  # t -> kt
    found = []
    for name, pathway in pathways.items():
        table = pathway.tables.get("emissions_region")
        if table is None:
            continue
        rows = table[(table["kind"] == "region") & (table["year"] == ds.base_year)]
        for region, modelled in zip(rows["region"], rows["value"], strict=True):
            inventory = float(counted.get(region, 0.0))
            diff = float(modelled) - inventory
            if abs(diff) > tolerance * abs(inventory) and abs(diff) > 1e-6:
                msg = (f"base year {ds.base_year}, region {region}: the pathway's emissions "
                       f"({modelled / 1e3:.3f} Mt {gas}) differ from the inventory of its "
                       f"activity.csv rows ({inventory / 1e3:.3f} Mt {gas}) by "
                       f"{diff / 1e3:+.3f} Mt ({_share(diff, inventory)}); check the rows' "
                       "model_region and the technologies' observed base-year activity")
                warnings.warn(f"{name}: {msg}", CarbonpathWarning, stacklevel=3)
                found.append(f"{name}: {msg}")
    return found


def _emitting_rows(inv: Any, most: int = 5) -> str:
    """The activity.csv rows that carry the inventory's counted CO2, largest first (words)."""
    em = inv.emissions
    em = em[em["in_total"].astype(bool) & (em["gas"] == "CO2")]
    if "row" not in em:
        return "check activity.csv, columns 'value' and 'unit'"
    by_row = em.groupby("row", sort=False).agg(
        co2=("value", "sum"), sector=("sector", "first"), fuel=("fuel", "first"),
        use=("use", "first")).sort_values("co2", ascending=False, key=abs)
    by_row = by_row[by_row["co2"] != 0]
    if by_row.empty:
        return "no activity.csv row carries counted CO2: check its rows, columns 'value' and 'unit'"
    shown = [f"row {int(line)} ({r.sector} {r.fuel} {r.use}: {r.co2 / 1e6:.3g} Mt CO2)"
             for line, r in by_row.head(most).iterrows()]
    more = f" and {len(by_row) - most} more" if len(by_row) > most else ""
    return (f"check activity.csv columns 'value' and 'unit' of {', '.join(shown)}{more}, "
            "and the 'activity' rows of parameters.csv")


def _use_mismatch(ds: Dataset) -> list[str]:
    """Warn where activity.csv's use of a fuel is x10 away from the model's base year.

    Emissions alone do not reconcile a consumption row that carries none (electricity
    consumed under the provincial method); see
    :func:`carbonpath.dataset.slips.activity_mismatch`.
    """
    from carbonpath.accounting import read_activity
    from carbonpath.dataset.slips import activity_mismatch

    activity = read_activity(ds.file("activity.csv"), region=ds.region, year=ds.base_year)
    found = activity_mismatch(ds.tables, ds.base_year, activity.data)
    for msg in found:
        warnings.warn(msg, CarbonpathWarning, stacklevel=3)
    return found


def _share(part: float, whole: float) -> str:
    """``part`` as a signed percentage of ``whole`` (``n/a`` when ``whole`` is zero)."""
    return f"{part / whole:+.1%}" if whole else "n/a"


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


def _peak_curve(ds: Dataset, model: PathwayModel | None, baseline: Pathway | None,
                peak_years: list[int] | None, progress: Progress,
                timings: dict[str, Any], spec: Any = None, executor: Any = None) -> pd.DataFrame:
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import peak_point

    columns = ["peak_year", "status", "objective", "cost_of_peaking", "peak_level", "peak_at",
               "binds"]
    if model is None or not any(r.type == "peak_year" for r in model.target_rows.values()):
        return pd.DataFrame(columns=columns)
    years = peak_years or [y for y in range(2026, 2036) if y in ds.years[1:-1]]
    progress(f"cost of peaking: {len(years)} peak years by warm re-solves")
    t0 = time.perf_counter()
    # the cost of the peak rule is measured against the same scenario without it (every
    # other target kept; the peak year at the horizon leaves no peak row active), not against
    # the baseline (carbonpath.scenarios.peak); the last task is that point
    tasks = [(spec, year) for year in [*years, ds.years[-1]]]
    points, _ = run_tasks(peak_point, tasks, executor)
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
    timings["peak_curve"] = time.perf_counter() - t0
    timings["peak_curve_years"] = seconds
    return pd.DataFrame(rows, columns=columns)


def _estimated(source: str) -> bool:
    text = (source or "").strip().lower()
    return text.startswith(("assumption", "estimate"))


def _sensitivity(ds: Dataset, models: dict[str, PathwayModel], pathways: dict[str, Pathway],
                 factor: float, progress: Progress, timings: dict[str, Any],
                 specs: dict[str, Any] | None = None, executor: Any = None) -> pd.DataFrame:
    """Re-solve with each sector's estimated capex scaled by 1 -+ factor (warm)."""
    from carbonpath.sweeps.executor import run_tasks
    from carbonpath.sweeps.points import capex_pair

    columns = ["group", "technologies", "parameter", "factor", "plan_objective",
               "baseline_objective", "cost_of_target", "change"]
    if not factor or "baseline" not in models or len(models) < 2:
        return pd.DataFrame(columns=columns)
    plan_name = "plan" if "plan" in models else next(k for k in models if k != "baseline")
    plan = models[plan_name]
    params = ds.tables["parameters"]
    estimated = params[(params["parameter"].isin(["capex", "capex_energy"]))
                       & params["source"].map(_estimated)]
    groups: dict[str, list[str]] = {}
    for code in sorted(set(estimated["technology"])):
        tech = plan.data.techs[code]
        if tech.investable:
            groups.setdefault(tech.sector, []).append(code)
    if not groups:
        return pd.DataFrame(columns=columns)
    reference = pathways[plan_name].objective - pathways["baseline"].objective
    progress(f"sensitivity: estimated capex of {len(groups)} sector(s) at +-{factor:.0%}")
    t0 = time.perf_counter()
    pair = (specs[plan_name], specs["baseline"])
    points = [(group, codes, scale) for group, codes in groups.items()
              for scale in (1 - factor, 1 + factor)]
    results, _ = run_tasks(capex_pair, [(pair, tuple(codes), scale)
                                        for _, codes, scale in points], executor)
    rows = []
    for (group, codes, scale), objectives in zip(points, results, strict=True):
        if isinstance(objectives, BaseException):
            raise objectives
        cost = objectives[0] - objectives[1]
        rows.append((group, " ".join(codes), "capex", scale, objectives[0], objectives[1],
                     cost, cost - reference))
    timings["sensitivity"] = time.perf_counter() - t0
    return pd.DataFrame(rows, columns=columns)


def _meta(ds: Dataset, pathways: dict[str, Pathway], models: dict[str, PathwayModel],
          timings: dict[str, Any], warnings: list[str], plan_name: str) -> dict[str, Any]:
    any_pathway = next(iter(pathways.values()))
    from carbonpath.factors import load_factors

    factor_version = load_factors().version
    return {
        "carbonpath_version": carbonpath.__version__,
        "factor_set_version": factor_version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {"name": ds.name, "title": ds.config.get("title", ds.name),
                    "region": ds.region, "base_year": ds.base_year, "horizon": ds.horizon,
                    "currency": ds.config["currency"], "price_year": ds.config["price_year"],
                    "discount_rate": ds.config["discount_rate"],
                    "first_decision_year": ds.first_decision_year,
                    "emissions": ds.config["emissions"], "energy": ds.config["energy"],
                    "timeslices": ds.config["timeslices"], "checksums": ds.checksums,
                    "sources": ds.config.get("sources", [])},
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
    rows = []
    model_name = f"carbonpath {carbonpath.__version__}"
    region = ds.region
    for scenario, p in pathways.items():
        gas = p.settings["gas"]
        for r in p.tables["emissions_total"].itertuples():
            rows.append((scenario, f"Emissions|{gas}", f"Mt {gas}/yr", r.year, r.value / 1e3))
        em = p.tables["emissions"].groupby(["gas", "sector", "year"])["value"].sum()
        for (g, sector, year), v in em.items():
            rows.append((scenario, f"Emissions|{g}|{sector}", f"Mt {g}/yr", year, v / 1e3))
        for r in p.tables["capacity"].itertuples():
            rows.append((scenario, f"Capacity|{r.sector}|{r.technology}", r.unit, r.year,
                         r.total))
        for r in p.tables["activity"].itertuples():
            rows.append((scenario, f"Activity|{r.sector}|{r.technology}", r.unit, r.year,
                         r.value))
        for r in p.tables["energy"].itertuples():
            rows.append((scenario, "Primary Energy", "Mt ce/yr", r.year, r.total / 1e3))
            rows.append((scenario, "Primary Energy|Non-Fossil", "Mt ce/yr", r.year,
                         r.nonfossil / 1e3))
        costs = p.tables["costs"].groupby(["component", "year"])["value"].sum()
        for (component, year), v in costs.items():
            rows.append((scenario, f"Cost|{component}", "million CNY/yr", year, v))
        for r in p.tables["marginal_cost"].itertuples():
            rows.append((scenario, "Price|Carbon", f"CNY/t {gas}", r.year, r.value))
    frame = pd.DataFrame(rows, columns=["scenario", "variable", "unit", "year", "value"])
    frame.insert(0, "model", model_name)
    frame.insert(2, "region", region)
    return frame[["model", "scenario", "region", "variable", "unit", "year", "value"]]


def save_results(result: RunResult, folder: str | Path) -> Path:
    """Write a :class:`RunResult` to ``folder`` (CSV tables + ``run.json``).

    ``run.json`` also records each table's columns, numeric columns and row count (key
    ``tables``), so that :func:`load_results` can tell a damaged folder (a missing table, a
    lost column, text in a numeric column, a truncated file) from a complete one. ``folder``
    is an output folder of its own (:mod:`carbonpath.outputs`): a folder holding files that
    carbonpath did not write there is refused.

    Raises
    ------
    OutputFolderError
        If ``folder`` cannot take the results (see :func:`carbonpath.outputs.check`).
    """
    check_types("save_results", result=(result, RunResult), folder=(folder, (str, os.PathLike)))
    with prepare(folder, will_write=["run.json"], exclusive=True) as out:
        _write_results(result, out.staging)
    return out.dest


def _write_results(result: RunResult, folder: Path) -> Path:
    """Write the results into ``folder``, a fresh (staging) folder; no checks."""
    frames: dict[str, pd.DataFrame] = {}
    for scenario, tables in result.pathways.items():
        for name, frame in tables.items():
            frames[f"pathways/{scenario}/{name}.csv"] = frame
    frames.update({"peak_curve.csv": result.peak_curve, "sensitivity.csv": result.sensitivity,
                   "iamc.csv": result.iamc})
    for group, tables in (("inventory", result.inventory), ("dataset", result.dataset_tables),
                          ("analysis", result.analysis)):
        (folder / group).mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frames[f"{group}/{name}.csv"] = frame
    schema = {rel: {"columns": [str(c) for c in frame.columns], "rows": len(frame),
                    "numeric": [str(c) for c in frame.columns
                                if pd.api.types.is_numeric_dtype(frame[c]) and len(frame)]}
              for rel, frame in frames.items()}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps({**result.meta, "tables": schema}, indent=2,
                                                ensure_ascii=False, default=_json_default),
                                     encoding="utf-8")
    for rel, frame in frames.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(folder / rel, index=False)
    return folder


#: Keys of run.json without which no report can be rendered.
_META_KEYS = ("carbonpath_version", "dataset", "scenarios")


def load_results(folder: str | Path) -> RunResult:
    """Read a results folder written by :func:`save_results`, refusing a damaged one.

    Parameters
    ----------
    folder : str or pathlib.Path
        The results folder, or the run folder holding it as ``results/``.

    Raises
    ------
    ResultsError
        If ``folder`` holds no results (no ``run.json``), or damaged ones: ``run.json``
        empty, truncated or lacking a key; a table listed in it missing, empty, unreadable,
        shorter than recorded or lacking a column. The message names each file and what is
        missing.
    """
    check_types("load_results", folder=(folder, (str, os.PathLike)))
    folder = Path(folder)
    if (folder / RESULTS / "run.json").exists():
        folder = folder / RESULTS
    where = folder / "run.json"
    if not where.is_file():
        msg = (f"{folder} holds no carbonpath results ({where.name} is missing); give a run "
               f"folder written by 'carbonpath run' or its {RESULTS}/ folder")
        raise ResultsError(msg)
    meta = _read_meta(where)
    schema = meta.get("tables")
    if not isinstance(schema, dict):  # results saved before run.json listed its tables
        schema = {f"pathways/{name}/{table}.csv": {} for name in meta["scenarios"]
                  for table in TABLE_NAMES}
        schema.update({name: {} for name in ("peak_curve.csv", "sensitivity.csv", "iamc.csv")})
    for path in sorted(folder.rglob("*.csv")):  # tables added since: read as they are
        schema.setdefault(path.relative_to(folder).as_posix(), {})
    problems: list[str] = []
    frames: dict[str, pd.DataFrame] = {}
    for rel, expected in schema.items():
        frames[rel] = _read_checked(folder, rel, expected if isinstance(expected, dict) else {},
                                    problems)
    missing = [f"pathways/{name}/" for name in meta["scenarios"]
               if not (folder / "pathways" / name).is_dir()]
    problems.extend(f"{folder / rel}: the scenario's folder is missing" for rel in missing)
    if problems:
        msg = (f"{folder} holds damaged results ({len(problems)} problem(s)); run "
               "'carbonpath run' again to rewrite them:\n"
               + "\n".join(f"  - {p}" for p in problems))
        raise ResultsError(msg)

    def group(prefix: str) -> dict[str, pd.DataFrame]:
        """The tables saved directly under ``prefix``, by file stem."""
        return {Path(rel).stem: frame for rel, frame in frames.items()
                if str(Path(rel).parent.as_posix()) == prefix}

    pathways = {name: group(f"pathways/{name}") for name in meta["scenarios"]}
    empty = pd.DataFrame()
    return RunResult(meta=meta, pathways=pathways,
                     peak_curve=frames.get("peak_curve.csv", empty),
                     sensitivity=frames.get("sensitivity.csv", empty),
                     inventory=group("inventory"), dataset_tables=group("dataset"),
                     iamc=frames.get("iamc.csv", empty), analysis=group("analysis"))


def _read_meta(path: Path) -> dict[str, Any]:
    """run.json as a dict with the keys a report needs, or a ResultsError saying why not."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot be read ({exc})"
        raise ResultsError(msg) from None
    if not text.strip():
        msg = f"{path} is empty; run 'carbonpath run' again to rewrite the results"
        raise ResultsError(msg)
    try:
        meta = json.loads(text)
    except ValueError as exc:
        msg = (f"{path} is damaged (truncated or not JSON: {exc}); run 'carbonpath run' again "
               "to rewrite the results")
        raise ResultsError(msg) from None
    if not isinstance(meta, dict):
        kind = {list: "a list", type(None): "null", str: "a string"}.get(type(meta), "a number")
        msg = f"{path} is damaged: it holds {kind}, not a JSON object of run settings"
        raise ResultsError(msg)
    lacking = [key for key in _META_KEYS if key not in meta]
    if lacking or not isinstance(meta.get("scenarios"), dict) or not meta["scenarios"]:
        what = ", ".join(repr(k) for k in lacking) if lacking else "'scenarios' (empty)"
        msg = f"{path} is damaged: it lacks the key(s) {what}"
        raise ResultsError(msg)
    return meta


def _read_checked(folder: Path, rel: str, expected: dict[str, Any],
                  problems: list[str]) -> pd.DataFrame:
    """Read one saved table; add to ``problems`` if it is not what run.json records."""
    path = folder / rel
    columns = expected.get("columns") or []
    if not path.is_file():
        problems.append(f"{path}: the table is missing")
        return pd.DataFrame(columns=columns)
    try:
        frame = pd.read_csv(path, keep_default_na=True)
    except pd.errors.EmptyDataError:
        if columns:
            problems.append(f"{path}: the file is empty (expected columns {', '.join(columns)})")
        return pd.DataFrame(columns=columns)
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        problems.append(f"{path}: cannot be read as CSV ({str(exc).strip()})")
        return pd.DataFrame(columns=columns)
    if rel.startswith(("inventory/", "dataset/")):  # shown as given: the core columns only
        columns = [c for c in columns if c in _CORE_COLUMNS.get(rel, ())]
    lost = [c for c in columns if c not in frame.columns]
    if lost:
        problems.append(f"{path}: lacks the column(s) {', '.join(lost)}")
    for col in expected.get("numeric") or []:
        if col in frame.columns and not pd.api.types.is_numeric_dtype(frame[col]):
            values = pd.to_numeric(frame[col], errors="coerce")
            bad = frame[col][values.isna() & frame[col].notna()]
            if len(bad):
                problems.append(f"{path}, row {int(bad.index[0]) + 2}, column '{col}': "
                                f"{bad.iloc[0]!r} is not a number (carbonpath wrote numbers)")
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) not in (b"\n", b"\r"):
            problems.append(f"{path}: is truncated (its last line is incomplete)")
    return frame


#: Columns of the inventory and dataset tables without which the report cannot show them.
_CORE_COLUMNS = {"inventory/emissions.csv": ("sector", "fuel", "gas", "value", "unit"),
                 "inventory/energy.csv": ("value", "unit"),
                 "inventory/provenance.csv": ("item", "quantity", "value", "unit")}


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    msg = f"cannot write {type(value).__name__} to run.json"
    raise TypeError(msg)
