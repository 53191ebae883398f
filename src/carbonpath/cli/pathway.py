"""The ``optimise``, ``report`` and ``run`` commands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer

import carbonpath
from carbonpath._checks import unexpanded_home
from carbonpath.cli.base import _fail, _message, _one_scenario, _say_dataset, _solve_or_fail, app
from carbonpath.cli.checks import _usage_error
from carbonpath.errors import CarbonpathError


@app.command()
def optimise(
    dataset: str = typer.Argument("liaocheng", help="Bundled dataset name or folder."),
    scenario: str | None = typer.Option("plan", help="Scenario of the dataset."),
    peak_year: int | None = typer.Option(None, help="Override the scenario's peak year."),
    hours: int | None = typer.Option(None, help="Model blocks per representative day."),
    out: Path | None = typer.Option(None, help="Write the pathway's tables (CSV) here."),
    time_limit: float | None = typer.Option(None, help="Solver time limit, seconds (> 0)."),
) -> None:
    """Find the least-cost pathway of one scenario and print its summary."""
    import math

    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        _usage_error(f"--time-limit: the solver time limit must be a positive number of "
                     f"seconds, e.g. 60, not {time_limit} (leave --time-limit out for no limit)")
    _say_dataset(dataset)
    options = {"time_limit": time_limit} if time_limit is not None else None
    if out is not None:  # a destination that cannot take the tables fails before solving
        from carbonpath.model.results import DESCRIPTION, TABLE_NAMES
        from carbonpath.output_owner import refuse_into_other_folder
        from carbonpath.outputs import check

        try:
            refuse_into_other_folder(out, "optimise")  # R06: not into a run's folder
            check(out, will_write=[*(f"{name}.csv" for name in TABLE_NAMES), DESCRIPTION])
        except CarbonpathError as exc:
            _fail(exc)
    inventory = _solve_or_fail(_base_year_inventory, dataset)
    p = _solve_or_fail(_one_scenario(carbonpath.optimise, "optimise", dataset), dataset,
                       scenario=scenario, peak_year=peak_year,
                       solver_options=options, hours=hours)
    if inventory is not None:  # warns where the model's base year and activity.csv differ
        from carbonpath.run import _base_year_mismatch, _use_mismatch

        _base_year_mismatch(inventory[0], inventory[1], {p.scenario or "": p})
        _use_mismatch(inventory[0])
    _solve_or_fail(_compare_reference, dataset, p, options, hours)
    _say_warnings(p.warnings)
    from rich.console import Console
    from rich.table import Table

    console = Console()
    gas = p.settings["gas"]
    emissions = p.tables["emissions_total"].set_index("year")["value"]
    marginal = p.tables["marginal_cost"].set_index("year")["value"]
    energy = p.tables["energy"].set_index("year")
    console.print(f"{p.dataset} / {p.scenario}: least-cost pathway "
                  f"({p.settings['method']} method)")
    t = Table()
    for col in ("year", f"emissions\nMt {gas}", "non-fossil\nshare",
                f"marginal cost\nCNY/t {gas}"):
        t.add_column(col, justify="right")
    for y in emissions.index:
        t.add_row(str(y), f"{emissions[y] / 1e3:,.2f}", f"{energy.loc[y, 'share']:.1%}",
                  f"{marginal[y] + 0.0:,.0f}")
    console.print(t)
    if "emissions_region" in p.tables:  # a dataset of several regions
        regional = p.tables["emissions_region"]
        by = regional.pivot_table(index="year", columns="region", values="value",
                                  sort=False)
        t = Table(title=f"Emissions by region (and the groups targets name), Mt {gas}")
        t.add_column("year", justify="right")
        for region in by.columns:
            t.add_column(str(region), justify="right")
        for y in by.index:
            t.add_row(str(y), *(f"{v / 1e3:,.2f}" for v in by.loc[y]))
        console.print(t)
    console.print(f"Total discounted cost: {p.objective:,.0f} million CNY "
                  f"({p.settings['price_year']} prices, discounted at "
                  f"{p.settings['discount_rate']:.1%} to {p.settings['discount_year']})")
    console.print((f"Peak: {p.peak_level / 1e3:,.2f} Mt {gas} in {p.peak_year}" if p.peaked
                   else f"No peak within the horizon: emissions still rise in {p.peak_year}, "
                        f"the last model year ({p.peak_level / 1e3:,.2f} Mt {gas})")
                  + (f" (target: no later than {p.target_peak_year})"
                     if p.target_peak_year else ""))
    console.print(f"Solver: {p.solver['name']}, {p.solver['status']}, "
                  f"{p.solver['seconds']:.2f} s")
    console.print(f"LP: {_lp_size(p.settings['size'])}")
    if (marginal < -1e-6).any():
        console.print("Marginal cost: the system cost of one more tonne emitted in that year "
                      "(undiscounted). Below zero in a year up to the peak year: one more "
                      "tonne there loosens the next years' no-increase limits, so it saves "
                      "money (see the formulation docs).")
    if out is not None:
        paths = _solve_or_fail(p.to_csv, out)
        console.print(f"Wrote {len(paths)} tables to {out}, and pathway.json: what they hold")
    _say_dataset(dataset, done=True)


def _base_year_inventory(dataset: str) -> tuple[Any, Any] | None:
    """The dataset and the inventory of its ``activity.csv`` (None without one).

    Like ``run``, ``optimise`` reconciles the model's base year with the inventory, and
    refuses activity data that cannot be right (:data:`carbonpath.plausibility.CEILINGS`).
    """
    from carbonpath.dataset import load_dataset
    from carbonpath.factors import load_factors
    from carbonpath.run import dataset_inventory

    ds = load_dataset(dataset)
    if not ds.file("activity.csv").exists() or load_factors().regions.resolve(ds.region) is None:
        return None  # an unknown region: the model names dataset.yaml's key
    return ds, dataset_inventory(ds)


def _compare_reference(dataset: str, p: Any, options: dict | None, hours: int | None) -> None:
    """Compare a pathway with a peak-year target with the cost reference, as ``run`` does.

    A peak rule rewards a higher peak: emitting more up to the peak year loosens every
    no-increase row after it, and the model may do so by leaving zero-cost renewable output
    unused and burning fuel instead (round 16's N50: 2026 at 4.80 Mt against the baseline's
    4.68, PV switched off). ``run`` warned through
    :meth:`carbonpath.model.Pathway.compare_baseline`; ``optimise`` said nothing. The
    reference (the ``cost_reference`` role) is solved only when it can matter: the pathway
    has a peak-year target and its marginal cost is below zero in some year up to it (one
    more tonne there saves money). The warnings are added to ``p.warnings``.
    """
    from carbonpath.dataset import load_dataset
    from carbonpath.dataset.scenarios import roles

    limit = p.target_peak_year
    if limit is None:
        return
    marginal = p.tables["marginal_cost"].set_index("year")["value"]
    if not (marginal[marginal.index <= limit] < -1e-6).any():
        return
    ds = load_dataset(dataset)
    ref = roles(ds)["cost_reference"]
    if ref is None or ref == p.scenario or ref not in (ds.config.get("scenarios") or {}):
        return
    reference = carbonpath.optimise(ds, scenario=ref, solver_options=options, hours=hours)
    p.compare_baseline(reference)


def _say_warnings(texts: list[str]) -> None:
    """Warn each of a result's own warnings, so the terminal shows them (B132).

    A pathway's warnings (a cap whose base year is already above it, an observed reserve
    margin below the requirement) were written only to run.json and the report; the
    command's warning handler prints each as a ``warning:`` line, once.
    """
    import warnings

    from carbonpath.errors import CarbonpathWarning

    for text in texts:
        warnings.warn(str(text), CarbonpathWarning, stacklevel=2)


def _run_warnings(folder: Path) -> list[str]:
    """The ``warnings`` of a run's ``results/run.json`` (none if it cannot be read)."""
    import json

    from carbonpath.run_files import RESULTS

    try:
        meta = json.loads((folder / RESULTS / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(w) for w in meta.get("warnings") or []]


def _lp_size(size: dict[str, int]) -> str:
    """``256 columns, 250 rows, 900 nonzeros`` from the LP's size."""
    return ", ".join(f"{n:,} {what}" for what, n in size.items())


@app.command()
def report(
    results_dir: Annotated[Path, typer.Argument(
        help="A run folder (holding results/) or its results/ folder.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where to write report.html, report.md and figures/ "
        "(report.zh.html, report.zh.md and figures.zh/ with --lang zh; default: the run "
        "folder).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or zh.")] = "en",
    montecarlo: Annotated[Path | None, typer.Option(
        "--montecarlo", help="A result store of `carbonpath montecarlo` on the same dataset: "
        "the report shows the probability of peaking, a fan chart and what decides the "
        "peak.")] = None,
    svg: Annotated[bool, typer.Option(
        "--svg", help="Also write each figure as SVG (vector, for print and editing; about "
        "doubles the time the figures take). Default: PNG only, which the pages show.")
        ] = False,
    accept_edited: Annotated[bool, typer.Option(
        "--accept-edited", help="Render even if files under results/ changed since the run "
        "wrote them (their checksums differ from the run's manifest); without it such a "
        "folder is refused.")] = False,
) -> None:
    """Re-render the report from saved results, without solving again."""
    from carbonpath.errors import InputNotFoundError, ResultsError, short_list
    from carbonpath.output_changes import changed_results
    from carbonpath.outputs import MANIFEST
    from carbonpath.report import render_report
    from carbonpath.report.render import output_names

    for path, name in ((results_dir, "RESULTS_DIR"), (montecarlo, "--montecarlo")):
        if path is not None and not path.is_dir():  # a data error: status 1, not click's 2
            _fail(InputNotFoundError(f"{name} {path}: " + ("is a file, not a folder"
                                     if path.exists() else "no such folder"
                                     + unexpanded_home(path)), path))
    if not any((results_dir / sub / "run.json").is_file() for sub in (".", "results")):
        from carbonpath.run import load_results

        try:  # U39, U40: a dataset or a store is named as such, before --out is judged
            load_results(results_dir)
        except (CarbonpathError, ValueError, OSError) as exc:
            typer.echo(f"error: {_message(exc)}", err=True)
            raise typer.Exit(code=1) from None
    changed = changed_results(results_dir)
    if changed and not accept_edited:
        from carbonpath.run import load_results

        try:  # a damaged file is named by what is wrong in it, before its checksum
            load_results(results_dir)
        except (CarbonpathError, ValueError, OSError) as exc:
            typer.echo(f"error: {_message(exc)}", err=True)
            raise typer.Exit(code=1) from None
        error = ResultsError(
            f"{results_dir}: {len(changed)} file(s) changed (or missing) since the run wrote "
            f"them (checksums of {MANIFEST}): {short_list(changed)}; a report of them would "
            "show numbers the model did not produce. Re-run, or give --accept-edited to "
            "render the edited results on purpose" + _links(changed))
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1)
    if changed:
        typer.echo(f"warning: rendering edited results (--accept-edited): "
                   f"{short_list(changed)}", err=True)
    if out is None:
        out = results_dir.parent if (results_dir / "run.json").exists() else results_dir
    try:
        from carbonpath.output_owner import refuse_into_other_folder

        refuse_into_other_folder(out, "report", allowed=("run",))  # not into a dataset
        written = render_report(results_dir, out, lang=lang, montecarlo=montecarlo,
                                formats=("png", "svg") if svg else ("png",))
    except (CarbonpathError, ValueError, OSError) as exc:  # render_report's out_dir: --out
        text = re.sub(r"\bout_dir\b", "--out", _message(exc))
        typer.echo(f"error: {text}", err=True)
        raise typer.Exit(code=1) from None
    figures = sum(1 for key in written if key.endswith(".png"))
    folder = output_names(lang)[2]
    kinds = "PNG and SVG" if svg else "PNG"
    typer.echo(f"{written['html']}\n{written['markdown']}\n{figures} figures ({kinds}) in "
               f"{written['html'].parent / folder}")


def _links(changed: list[Path]) -> str:
    """A note on the changed files that are symbolic links (never accepted, see docs)."""
    links = [p for p in changed if p.is_symlink()]
    if not links:
        return ""
    what = "is a symbolic link" if len(links) == 1 else "are symbolic links"
    return (f" ({len(links)} of them {what}: a results file must be the file the run "
            "wrote, not a link, even to identical content, since what a link points to can "
            "change after the check; copy the file in its place instead)")


@app.command()
def run(
    dataset: Annotated[str, typer.Argument(
        help="Bundled dataset name (default: liaocheng) or a dataset folder.")] = "liaocheng",
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Output folder (replaced only when the run succeeds).")] = Path(
        "carbonpath-out"),
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or zh.")] = "en",
    hours: Annotated[int | None, typer.Option(
        help="Model blocks per representative day (default: the dataset's; 24 for the "
             "richest resolution of hourly profiles).")] = None,
    sensitivity: Annotated[float, typer.Option(
        help="Relative change of estimated costs in the sensitivity section (0 skips it).")
    ] = 0.3,
) -> None:
    """Run the main job: inventory, pathways, cost-of-peaking curve and the report."""
    import time

    from rich.console import Console

    from carbonpath.run import run as run_job

    console = Console(stderr=True)
    started = time.perf_counter()

    def progress(text: str) -> None:
        """Print a step of the run with the seconds since the start."""
        console.print(f"[dim]{time.perf_counter() - started:6.1f} s[/dim]  {text}")

    if lang not in ("en", "zh"):
        _fail(ValueError(f"unknown language '{lang}'; valid: en, zh"))
    _say_dataset(dataset)
    with console.status("working ...", spinner="dots"):
        folder = _solve_or_fail(run_job, dataset, out, lang=lang, sensitivity=sensitivity,
                                progress=progress, hours=hours)
    from carbonpath.report.render import output_names

    _say_dataset(dataset, done=True)
    _say_warnings(_run_warnings(folder))
    typer.echo(folder / output_names(lang)[0])
