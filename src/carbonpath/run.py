"""The main job: dataset -> inventory -> pathways -> cost-of-peaking curve -> saved results.

:func:`run` computes everything and writes a results folder; the report
(:mod:`carbonpath.report`) renders only from that folder, so ``carbonpath report DIR``
reproduces a report without solving again. Everything is written into a temporary folder
beside the destination and moved into place at the end: a failed run leaves nothing
half-written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import carbonpath
from carbonpath.dataset import Dataset, load_dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.errors import (
    CarbonpathWarning,
    InfeasibleError,
    OutputFolderError,
    SolverError,
    short_list,
)
from carbonpath.model import Pathway, PathwayModel
from carbonpath.model.data import model_hours

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
        binds (bool),
        peak_level (kt), peak_at.
    sensitivity : pandas.DataFrame
        group, technologies, parameter, factor, plan_objective, baseline_objective,
        cost_of_target, change (MCNY).
    inventory : dict of str to pandas.DataFrame
        Base-year inventory tables (empty if the dataset has no activity data).
    dataset_tables : dict of str to pandas.DataFrame
        The dataset's tables as given (every value with its source).
    iamc : pandas.DataFrame
        model, scenario, region, variable, unit, year, value.
    """

    meta: dict[str, Any]
    pathways: dict[str, dict[str, pd.DataFrame]]
    peak_curve: pd.DataFrame
    sensitivity: pd.DataFrame
    inventory: dict[str, pd.DataFrame] = field(default_factory=dict)
    dataset_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    iamc: pd.DataFrame = field(default_factory=pd.DataFrame)


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def run(dataset: str | Path | Dataset = "liaocheng", out: str | Path = "carbonpath-out",
        lang: str = "en", peak_years: list[int] | None = None, sensitivity: float = 0.3,
        solver_options: dict[str, Any] | None = None, progress: Progress | None = None,
        report: bool = True, hours: int | None = None) -> Path:
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
    out = Path(out).resolve()
    _check_destination(out)
    if not 0 <= sensitivity < 1:
        msg = (f"sensitivity {sensitivity} must be a relative change in [0, 1): 0.3 scales "
               "estimated costs by 0.7 and 1.3; 0 skips the section")
        raise ValueError(msg)
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    model_hours(ds, hours)  # a bad resolution fails before any work
    progress(f"loaded dataset '{ds.name}' ({len(ds.tables['technologies'])} technologies)")
    result = compute(ds, peak_years, sensitivity, solver_options, progress, hours)
    result.meta["run_seconds_before_writing"] = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the output is an ordinary folder
    try:
        save_results(result, tmp / RESULTS)
        if report:
            from carbonpath.report import render_report

            progress("rendering the report")
            render_report(tmp / RESULTS, tmp, lang=lang)
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    progress(f"done in {time.perf_counter() - started:.1f} s: {out}")
    return out


def compute(ds: Dataset, peak_years: list[int] | None = None, sensitivity: float = 0.3,
            solver_options: dict[str, Any] | None = None,
            progress: Progress | None = None, hours: int | None = None) -> RunResult:
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
    if baseline is not None:
        for name, pathway in pathways.items():
            if name != role["cost_reference"]:
                run_warnings.extend(f"{name}: {w}" for w in pathway.compare_baseline(baseline))
    plan_name = role["plan"] if role["plan"] in pathways else scenarios[-1]
    curve = _peak_curve(ds, models.get(plan_name), baseline, peak_years, progress, timings)
    sens = _sensitivity(ds, models, pathways, sensitivity, progress, timings)
    meta = _meta(ds, pathways, models, timings, run_warnings, plan_name)
    iamc = iamc_table(ds, pathways)
    return RunResult(meta=meta,
                     pathways={k: dict(p.tables, provenance=p.provenance)
                               for k, p in pathways.items()},
                     peak_curve=curve, sensitivity=sens, inventory=inventory,
                     dataset_tables=_dataset_tables(ds), iamc=iamc)


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
                   "(parameters.csv 'activity') probably disagree")
            warnings.warn(f"{name}: {msg}", CarbonpathWarning, stacklevel=3)
            found.append(f"{name}: {msg}")
    return found


def _share(part: float, whole: float) -> str:
    """``part`` as a signed percentage of ``whole`` (``n/a`` when ``whole`` is zero)."""
    return f"{part / whole:+.1%}" if whole else "n/a"


def _peak_curve(ds: Dataset, model: PathwayModel | None, baseline: Pathway | None,
                peak_years: list[int] | None, progress: Progress,
                timings: dict[str, Any]) -> pd.DataFrame:
    columns = ["peak_year", "status", "objective", "cost_of_peaking", "peak_level", "peak_at",
               "seconds", "binds"]
    if model is None or not any(r.type == "peak_year" for r in model.target_rows.values()):
        return pd.DataFrame(columns=columns)
    years = peak_years or [y for y in range(2026, 2036) if y in ds.years[1:-1]]
    original = model.peak_year
    rows = []
    progress(f"cost of peaking: {len(years)} peak years by warm re-solves")
    t0 = time.perf_counter()
    # the cost of the peak rule is measured against the same scenario without it (every
    # other target kept), not against the baseline (carbonpath.scenarios.peak)
    model.update(peak_year=ds.years[-1])  # no peak row is active
    try:
        free = model.solve(diagnose_infeasible=False).objective
    except SolverError:
        free = baseline.objective if baseline is not None else float("nan")
    for year in years:
        model.update(peak_year=year)
        start = time.perf_counter()
        try:
            p = model.solve(diagnose_infeasible=False)
        except InfeasibleError:
            rows.append((year, "infeasible", float("nan"), float("nan"), float("nan"),
                         None, time.perf_counter() - start, None))
            continue
        except SolverError as exc:
            rows.append((year, exc.status or "error", float("nan"), float("nan"),
                         float("nan"), None, time.perf_counter() - start, None))
            continue
        cost = p.objective - free
        binds = bool(cost > 1e-7 * max(1.0, abs(p.objective)))
        rows.append((year, "optimal", p.objective, cost if binds else 0.0, p.peak_level,
                     p.peak_year, time.perf_counter() - start, binds))
    timings["peak_curve"] = time.perf_counter() - t0
    if original is not None:
        model.update(peak_year=original)
    return pd.DataFrame(rows, columns=columns)


def _estimated(source: str) -> bool:
    text = (source or "").strip().lower()
    return text.startswith(("assumption", "estimate"))


def _sensitivity(ds: Dataset, models: dict[str, PathwayModel], pathways: dict[str, Pathway],
                 factor: float, progress: Progress, timings: dict[str, Any]) -> pd.DataFrame:
    """Re-solve with each sector's estimated capex scaled by 1 -+ factor (warm)."""
    columns = ["group", "technologies", "parameter", "factor", "plan_objective",
               "baseline_objective", "cost_of_target", "change"]
    if not factor or "baseline" not in models or len(models) < 2:
        return pd.DataFrame(columns=columns)
    plan_name = "plan" if "plan" in models else next(k for k in models if k != "baseline")
    plan, base = models[plan_name], models["baseline"]
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
    rows = []
    for group, codes in groups.items():
        for scale in (1 - factor, 1 + factor):
            objectives = []
            for model in (plan, base):
                for code in codes:
                    model.scale_cost(code, "capex", scale)
                try:
                    objectives.append(model.highs.solve().objective)
                except SolverError:
                    objectives.append(float("nan"))
                for code in codes:
                    model.scale_cost(code, "capex", 1.0)
            cost = objectives[0] - objectives[1]
            rows.append((group, " ".join(codes), "capex", scale, objectives[0], objectives[1],
                         cost, cost - reference))
    for model in (plan, base):
        model.highs.solve()
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
                    "emissions": ds.config["emissions"], "energy": ds.config["energy"],
                    "timeslices": ds.config["timeslices"], "checksums": ds.checksums,
                    "sources": ds.config.get("sources", [])},
        "targets": ds.targets,
        "scenarios": {name: {"targets": ds.scenario(name)["targets"],
                             "objective": p.objective, "peak_year": p.peak_year,
                             "peak_level": p.peak_level, "status": p.status,
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
    """Write a :class:`RunResult` to ``folder`` (CSV tables + ``run.json``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps(result.meta, indent=2, ensure_ascii=False,
                                                default=_json_default), encoding="utf-8")
    for scenario, tables in result.pathways.items():
        sub = folder / "pathways" / scenario
        sub.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frame.to_csv(sub / f"{name}.csv", index=False)
    result.peak_curve.to_csv(folder / "peak_curve.csv", index=False)
    result.sensitivity.to_csv(folder / "sensitivity.csv", index=False)
    result.iamc.to_csv(folder / "iamc.csv", index=False)
    for group, tables in (("inventory", result.inventory), ("dataset", result.dataset_tables)):
        sub = folder / group
        sub.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frame.to_csv(sub / f"{name}.csv", index=False)
    return folder


def load_results(folder: str | Path) -> RunResult:
    """Read a results folder written by :func:`save_results`.

    Raises
    ------
    FileNotFoundError
        If ``folder`` (or its ``run.json``) does not exist.
    """
    folder = Path(folder)
    if (folder / RESULTS / "run.json").exists():
        folder = folder / RESULTS
    if not (folder / "run.json").exists():
        msg = f"{folder} holds no carbonpath results (run.json is missing)"
        raise FileNotFoundError(msg)
    meta = json.loads((folder / "run.json").read_text(encoding="utf-8"))

    def tables(sub: Path) -> dict[str, pd.DataFrame]:
        """Every CSV table of a folder, by file stem (empty if the folder is missing)."""
        if not sub.is_dir():
            return {}
        return {p.stem: _read(p) for p in sorted(sub.glob("*.csv"))}

    pathways = {p.name: tables(p) for p in sorted((folder / "pathways").iterdir())
                if p.is_dir()}
    return RunResult(meta=meta, pathways=pathways,
                     peak_curve=_read(folder / "peak_curve.csv"),
                     sensitivity=_read(folder / "sensitivity.csv"),
                     inventory=tables(folder / "inventory"),
                     dataset_tables=tables(folder / "dataset"),
                     iamc=_read(folder / "iamc.csv"))


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, keep_default_na=True)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    msg = f"cannot write {type(value).__name__} to run.json"
    raise TypeError(msg)


def _check_destination(dest: Path) -> None:
    """Refuse an output folder that exists but is not an earlier carbonpath output.

    The main job replaces its output folder as a whole, so a folder holding anything else
    (a dataset, the user's files, the current directory) must never be given to it.

    Raises
    ------
    OutputFolderError
        If ``dest`` exists and is not a folder with ``results/run.json``, or it is one but
        also holds files that carbonpath does not write (they would be deleted).
    """
    if not dest.exists():
        return
    if not dest.is_dir():
        msg = f"--out {dest} exists and is not a folder; choose another output folder"
        raise OutputFolderError(msg)
    if not (dest / RESULTS / "run.json").exists() and any(dest.iterdir()):
        msg = (f"--out {dest} exists and is not an earlier carbonpath output (it has no "
               f"{RESULTS}/run.json); carbonpath replaces its output folder as a whole, so "
               "choose a new or empty folder, or an earlier output to overwrite")
        raise OutputFolderError(msg)
    foreign = _foreign_files(dest)
    if foreign:
        listed = short_list(foreign)
        msg = (f"--out {dest} is an earlier carbonpath output but also holds files that "
               f"carbonpath did not write: {listed}; carbonpath replaces its output folder as a "
               "whole, so move those files away or choose another output folder")
        raise OutputFolderError(msg)


#: What a run folder holds: results/, reports in each language and their figure folders.
_OUTPUT_NAME = re.compile(r"(results|report(\.[a-z]{2})?\.(html|md)|figures(\.[a-z]{2})?)")


def _foreign_files(dest: Path) -> list[Path]:
    """Entries of an earlier run folder that carbonpath does not write.

    Anything but ``results/``, reports and figure folders of PNG and SVG files: checked
    before the folder is replaced, since those entries would be deleted with it.
    """
    foreign = []
    for entry in sorted(dest.iterdir()):
        if not _OUTPUT_NAME.fullmatch(entry.name):
            foreign.append(entry)
        elif entry.name.startswith("figures"):
            if entry.is_dir():
                foreign += [f for f in sorted(entry.iterdir())
                            if f.suffix not in (".png", ".svg") or not f.is_file()]
            else:
                foreign.append(entry)
    return foreign


def _replace(new: Path, dest: Path) -> None:
    """Move ``new`` to ``dest``, replacing an existing ``dest`` only after success."""
    if dest.exists():
        _check_destination(dest)
        old = dest.with_name(f".{dest.name}-old-{int(time.time())}")
        dest.rename(old)
        new.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(dest)
