"""The ``carbonpath`` command: wires the public API to the terminal, nothing more."""

from __future__ import annotations

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
