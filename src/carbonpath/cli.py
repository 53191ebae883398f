"""The ``carbonpath`` command: wires the public API to the terminal, nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import carbonpath

app = typer.Typer(
    name="carbonpath",
    help="Carbon-peaking analysis: inventories, least-cost pathways and reports.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _main() -> None:
    """Carbon-peaking analysis: inventories, least-cost pathways and reports."""


@app.command()
def version() -> None:
    """Print carbonpath's version."""
    typer.echo(carbonpath.__version__)


@app.command()
def report(
    results_dir: Annotated[Path, typer.Argument(
        help="A run folder (holding results/) or its results/ folder.", exists=True,
        file_okay=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where to write report.html, report.md and figures/ "
        "(default: the run folder).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or zh.")] = "en",
) -> None:
    """Re-render the report from saved results, without solving again."""
    from carbonpath.report import render_report

    if out is None:
        out = results_dir.parent if (results_dir / "run.json").exists() else results_dir
    try:
        written = render_report(results_dir, out, lang=lang)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    figures = sum(1 for key in written if key.endswith(".png"))
    typer.echo(f"{written['html']}\n{written['markdown']}\n{figures} figures (PNG and SVG) in "
               f"{written['html'].parent / 'figures'}")
