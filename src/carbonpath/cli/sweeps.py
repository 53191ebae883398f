"""The ``montecarlo`` and ``macc`` commands."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path
from typing import Annotated, Any

import typer

from carbonpath.cli.base import _fail, _one_scenario, _say_dataset, _solve_or_fail, app
from carbonpath.cli.checks import _usage_error
from carbonpath.errors import CarbonpathError

# Monte Carlo (issue 14)


@app.command()
def montecarlo(
    dataset: Annotated[str, typer.Argument(
        help="Bundled dataset name or a dataset folder holding uncertainty.csv.")],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Result store folder (Parquet); an interrupted run resumes.")],
    samples: Annotated[int, typer.Option(help="Latin hypercube samples per scenario.")] = 100,
    scenario: Annotated[list[str] | None, typer.Option(
        "--scenario", "-s", help="Scenario to sample (repeat; default: every scenario).")
    ] = None,
    workers: Annotated[int | None, typer.Option(
        help="Local worker processes (default: the cores available; 1 = in this process).")
    ] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="A dask.distributed scheduler address (tcp://host:8786) instead of local "
             "workers; needs carbonpath[distributed].")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the sampling.")] = 0,
    hours: Annotated[int | None, typer.Option(
        help="Model blocks per representative day (default: the dataset's).")] = None,
) -> None:
    """Monte Carlo of the pathway: probability of peaking, fan charts, what decides it."""
    from rich.console import Console
    from rich.markup import escape

    from carbonpath.sweeps.analysis import failure_reasons, few_samples, peak_lines
    from carbonpath.sweeps.display import progress_bar
    from carbonpath.sweeps.executor import make_executor, process_pool
    from carbonpath.sweeps.montecarlo import montecarlo as run_montecarlo

    if workers is not None and scheduler is not None:
        _fail(ValueError("give --workers or --scheduler, not both"))
    from carbonpath.sweeps.sampling import MAX_SAMPLES

    if not 1 <= samples <= MAX_SAMPLES:
        _fail(ValueError(f"--samples must be from 1 to {MAX_SAMPLES:,} (one solve each), "
                         f"not {samples}"))
    if seed < 0:
        _fail(ValueError(f"--seed must be a whole number >= 0, not {seed}"))
    from carbonpath.sweeps.executor import MAX_WORKERS

    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        _fail(ValueError(f"--workers must be from 1 (1 = in this process) to {MAX_WORKERS}, "
                         f"not {workers}"))
    if out is not None:  # before any worker starts (montecarlo() checks it again)
        from carbonpath.sweeps.store import check_store

        try:
            check_store(out)
        except CarbonpathError as exc:
            _fail(exc)
    _say_dataset(dataset)
    console = Console(stderr=True)
    try:
        context = make_executor(workers, scheduler)
        executor = context.__enter__()
    except (ImportError, ValueError, OSError) as exc:
        _fail(exc)
    try:
        factory = None
        if getattr(executor, "_max_workers", None) and scheduler is None:
            count = executor._max_workers

            def factory() -> Any:
                """A fresh pool after a worker process died."""
                return process_pool(count)
        with progress_bar(f"{samples} samples", console) as progress:
            result = _solve_or_fail(run_montecarlo, dataset, samples=samples,
                                    scenarios=scenario or None, seed=seed, executor=executor,
                                    progress=progress, out=out, hours=hours,
                                    pool_factory=factory)
    finally:
        context.__exit__(None, None, None)
    for line in result.report.reruns:
        console.print(f"[yellow]re-run:[/yellow] {line}")
    if result.report.rerun_count:
        console.print(f"[yellow]{result.report.rerun_count} work unit(s) re-run because "
                      "their worker died[/yellow] (recorded in store.json)")
    status = result.status()
    for r in status.itertuples():
        console.print(f"{r.scenario}: {r.samples} {r.status} ({r.share:.0%})")
    for r in failure_reasons(result.results).itertuples():  # why, on the terminal too
        others = f"; {r.same} of {r.samples} say so" if r.samples > 1 else ""
        console.print(f"[yellow]{r.scenario}: {r.status} samples, e.g. sample {r.sample}:"
                      f"[/yellow] {escape(r.reason)}{others} (each sample's: metric "
                      "'explanation' of the results)", highlight=False)
    for line in peak_lines(result.results, _peak_targets(dataset, result.settings)):
        console.print(line)
    if few_samples(samples):  # N126: a probability from 1 sample reads 100 %
        console.print(f"[yellow]caution:[/yellow] {few_samples(samples)}", highlight=False)
    _say_dataset(dataset, done=True)
    typer.echo(out)
    _fail_without_results(status)


def _fail_without_results(status: Any) -> None:
    """Exit 1 when a scenario has no usable sample: all invalid or failed (B181).

    An infeasible sample is a result (it does not peak); a sample whose values the dataset's
    rules refuse (``invalid``) or whose solve failed is not.
    """
    from carbonpath.errors import DataError, Problem

    usable = status[status["status"].isin(["optimal", "infeasible"])]
    empty = [str(name) for name in dict.fromkeys(status["scenario"])
             if name not in set(usable["scenario"])]
    if empty:
        _fail(DataError(Problem(
            f"no sample of {', '.join(repr(n) for n in empty)} gave a result (every one "
            "invalid or failed, reasons above), so there is nothing to analyse",
            file="uncertainty.csv",
            valid="ranges whose values the dataset accepts (e.g. a capacity bound above the "
                  "residual capacity)")))


def _peak_targets(dataset: str, settings: dict[str, Any]) -> list[int]:
    """The peak-year targets of the scenarios a Monte Carlo run solved (for its CLI line).

    Empty when the dataset cannot be read again (the line then shows no target year).
    """
    import carbonpath as cp
    from carbonpath.dataset.scenarios import resolve_scenario

    years: list[int] = []
    try:
        ds = cp.load_dataset(dataset)
        for name in settings.get("scenarios") or []:
            if not name:
                continue
            res = resolve_scenario(ds, name)
            for target in res.config["scenarios"][name].get("targets", []):
                spec = res.targets.get(target, {})
                if spec.get("type") == "peak_year" and spec.get("year") is not None:
                    years.append(int(spec["year"]))
    except (CarbonpathError, KeyError, TypeError, ValueError):
        return []
    return years


# -- scenarios, measures and MACCs (carbonpath.scenarios; issue 13) ----------------------
#: The most measures ``carbonpath macc --max-shapley`` attributes by Shapley values (2^n
#: solves: 4,096 at 12).
MAX_SHAPLEY = 12


@app.command()
def macc(
    dataset: str = typer.Argument("liaocheng", help="Bundled dataset name or folder."),
    scenario: str | None = typer.Option(None, help="Start scenario (default: the cost "
                                        "reference of dataset.yaml roles)."),
    year: int | None = typer.Option(None, help="Cap this year's emissions (default: the "
                                    "cumulative emissions of the horizon)."),
    steps: int = typer.Option(8, help="Cap steps, 1 to 200 (one re-solve each)."),
    depth: float = typer.Option(0.4, help="Deepest cut, share of the start's emissions."),
    measures: bool = typer.Option(False, help="Also the measure curve of dataset.yaml "
                                  "measures: Shapley values (2^n solves) up to --max-shapley "
                                  "measures, above that the sequential order of the list "
                                  "(n + 1 solves; the order changes the numbers)."),
    max_shapley: int | None = typer.Option(None, help="With --measures: the most measures "
                                           "attributed by Shapley values, 0 to "
                                           f"{MAX_SHAPLEY} (0: always the sequential order; "
                                           "default 6)."),
    out: Path | None = typer.Option(None, help="Write the tables (CSV) and figures (PNG) "
                                    "into this folder (its other files are left alone)."),
) -> None:
    """The system marginal abatement cost curve (warm re-solves), optionally the measures'."""
    from carbonpath.outputs import prepare
    from carbonpath.scenarios.macc import MAX_STEPS

    if not 1 <= steps <= MAX_STEPS:
        _usage_error(f"--steps must be from 1 to {MAX_STEPS} (one re-solve each), not {steps}")
    if max_shapley is not None and not measures:  # MS05: it was ignored without a word
        _usage_error("--max-shapley applies to the measure curve: give it with --measures")
    max_shapley = 6 if max_shapley is None else max_shapley
    if not 0 <= max_shapley <= MAX_SHAPLEY:
        _usage_error(f"--max-shapley must be from 0 to {MAX_SHAPLEY} (2^n solves), not "
                     f"{max_shapley}")
    _say_dataset(dataset)
    try:
        with contextlib.ExitStack() as stack:
            folder = None
            if out is not None:  # checked and locked before any solve; staged, then moved
                from carbonpath.output_owner import refuse_into_other_folder

                refuse_into_other_folder(out, "macc")  # R06: not into a run's folder
                folder = stack.enter_context(prepare(out, will_write=MACC_FILES))
            _macc(dataset, scenario, year, steps, depth, measures, folder, max_shapley)
    except CarbonpathError as exc:
        _fail(exc)
    if out is not None:
        typer.echo(f"Wrote the tables and figures to {out}")
    _say_dataset(dataset, done=True)


#: What ``carbonpath macc --out`` owns in its folder (those of --measures too, so that a
#: run without it removes an earlier run's measure files, if they are carbonpath's).
MACC_FILES = ("system_macc.csv", "system_macc.png", "measures.csv", "measures_by_year.csv",
              "measure_macc.png", "macc.json")


def _describe(folder: Any, dataset: str, scenario: str | None, year: int | None, steps: int,
              depth: float, contributions: Any) -> None:
    """Write ``macc.json``: what the folder's tables hold (no timings: same run, same bytes)."""
    import json

    from carbonpath import __version__, load_dataset
    from carbonpath.dataset.scenarios import roles

    ds = load_dataset(dataset)
    text = {"carbonpath": __version__, "dataset": ds.name, "folder": str(ds.path),
            "scenario": scenario or roles(ds)["cost_reference"],
            "year": year if year is not None else "cumulative over the horizon",
            "steps": steps, "depth": depth,
            "measures": None if contributions is None else {
                "method": contributions.method, "base": contributions.base,
                "list": [str(m) for m in contributions.table["measure"]]}}
    folder.path("macc.json").write_text(json.dumps(text, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")


def _macc(dataset: str, scenario: str | None, year: int | None, steps: int, depth: float,
          measures: bool, folder: Any, max_shapley: int = 6) -> None:
    """Solve and print the MACC; stage the tables and figures in ``folder`` if given."""
    import matplotlib.pyplot as plt

    from carbonpath import scenarios as sc

    # the measures first: an error in them comes before any curve is printed (M05)
    contributions = (_solve_or_fail(sc.measure_contributions, dataset, max_shapley=max_shapley)
                     if measures else None)
    curve = _solve_or_fail(_one_scenario(sc.system_macc, "macc", dataset), dataset,
                           scenario=scenario, year=year,
                           steps=steps, depth=depth)
    where = "cumulative" if year is None else str(year)
    typer.echo(f"System MACC ({where}): abatement Mt, marginal cost CNY/t, cost MCNY "
               f"(discounted to {curve.discount_year})")
    for r in curve.table.itertuples(index=False):  # no price at step 0, none when infeasible
        typer.echo(f"  step {r.step}: {r.status:>10}  abatement {_shown(r.abatement, 10, 3)}  "
                   f"price {_shown(r.price, 10, 1)}  cost {_shown(r.cost, 12, 1)}")
    if curve.reachable.get("message"):
        typer.echo(curve.reachable["message"])
    if contributions is not None:
        n = len(contributions.table)
        if contributions.method == "sequential":
            typer.echo(f"note: {n} measures, more than --max-shapley {max_shapley}: attributed "
                       "in the sequential order of dataset.yaml (each measure credited with "
                       "what it adds to those listed before it; another order gives other "
                       "numbers), not by Shapley values"
                       + (f" (--max-shapley {n}: 2^{n} = {2 ** n} solves)"
                          if n <= MAX_SHAPLEY else ""))
        typer.echo(f"Measures ({contributions.method}, {contributions.solves} solves; "
                   "cumulative Mt, CNY/t):")
        for r in contributions.table.sort_values("cost_per_tonne").itertuples(index=False):
            cost = (f"at {r.cost_per_tonne:,.1f} CNY/t" if math.isfinite(r.cost_per_tonne)
                    else f"({r.note or 'no cost per tonne'})")  # M01: never 'nan'
            typer.echo(f"  {r.measure}: {r.abatement_cumulative:.3f} Mt {cost}")
    if folder is None:
        return
    _describe(folder, dataset, scenario, year, steps, depth, contributions)
    curve.table.to_csv(folder.path("system_macc.csv"), index=False)
    figures = [(sc.system_macc_figure(curve), "system_macc.png")]
    if contributions is not None:
        contributions.table.to_csv(folder.path("measures.csv"), index=False)
        contributions.by_year.to_csv(folder.path("measures_by_year.csv"), index=False)
        figures.append((sc.measure_macc_figure(contributions), "measure_macc.png"))
    for figure, name in figures:
        figure.savefig(folder.path(name), dpi=120)
        plt.close(figure)


def _shown(value: float, width: int, digits: int) -> str:
    """``value`` right-aligned in ``width`` with ``digits`` decimals; '-' for a missing one."""
    return f"{value:{width}.{digits}f}" if math.isfinite(value) else f"{'-':>{width}}"
