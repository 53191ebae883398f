"""The ``decompose`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

import carbonpath
from carbonpath.accounting.factor_years import one_factor_file_for_all
from carbonpath.accounting.inventory import dataset_rows_inventory
from carbonpath.cli.activity_files import (
    _activity_source,
    balance_as_production,
    dataset_only_columns,
    year_option_error,
)
from carbonpath.cli.applies import (
    coal_rate_applies,
    reads_without_options,
    unused_activity_options,
)
from carbonpath.cli.base import YEAR_FLAGS, Format, _check_files, _fail, app
from carbonpath.cli.checks import _usage_error
from carbonpath.errors import CarbonpathError, DataError


@app.command()
def decompose(
    start: Path = typer.Argument(..., help="Activity CSV or balance sheet of the first year."),
    end: Path = typer.Argument(..., help="Activity CSV or balance sheet of the second year."),
    drivers: Path = typer.Option(..., help="CSV: driver (population, gdp), year, value, "
                                 "unit [, price_year]."),
    gdp_price_year: int | None = typer.Option(None, help="Year of the GDP's constant prices."),
    years: tuple[int, int] | None = typer.Option(None, help="Years of START and END, for "
                                                 "files without a year column."),
    region: str | None = typer.Option(None, help="Region of rows without a region column."),
    factors: list[Path] | None = typer.Option(None, "--factors", help="User factor CSV(s)."),
    production: tuple[Path, Path] | None = typer.Option(
        None, help="Industrial production CSVs of START and END: each year's process "
        "emissions (and its feedstock rows' carbon), as inventory --production."),
    gas: str = typer.Option("CO2", help="CO2 (default), CH4, N2O or CO2e (needs --gwp)."),
    gwp: str | None = typer.Option(None, help="GWP100 set for CO2e: AR4, AR5 or AR6."),
    primary_electricity: str | None = typer.Option(
        None, help="Primary electricity in energy totals: calorific or coal_consumption."),
    coal_rate_basis: str | None = typer.Option(None, help="supply or generation."),
    gas_condition: str | None = typer.Option(None, help="Condition of plain gas volumes."),
    sector_structure: bool = typer.Option(False, help="Split the fuel mix into sector "
                                          "structure and fuel mix within sectors."),
    balance_sheet: bool = typer.Option(False, "--balance-sheet",
                                       help="START and END are energy balance sheets."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
) -> None:
    """Decompose the change in emissions between two years (additive LMDI-I, Kaya factors)."""
    _check_files({"START": start, "END": end, "--drivers": drivers, "--factors": factors,
                  "--production": list(production) if production else None})
    why = coal_rate_applies(coal_rate_basis, primary_electricity)
    if why:
        _usage_error(why)
    if gwp is not None and gas.strip().upper() != "CO2E":  # round 22 M157
        _usage_error(f"--gwp {gwp} weighs gases into CO2e, but --gas {gas} decomposes one gas "
                     "in tonnes, so it would be ignored: add --gas CO2e, or leave --gwp out")
    invs = []
    unused: list[list[str]] = []
    try:
        with one_factor_file_for_all():  # round 24 H29: --factors serves START and END
            for path, y, prod in zip((start, end), years or (None, None),
                                     production or (None, None), strict=True):
                DataError.collect(balance_as_production(prod, region, y))  # round 18 Q181
                DataError.collect(dataset_only_columns({"--production": prod}))
                source = _activity_source(path, balance_sheet, None, region, y, gas_condition,
                                          command="decompose")
                condition = gas_condition if source is path else None  # a sheet's: applied
                if source is path:
                    unused.append(unused_activity_options(source, region, y, condition, None))
                    if condition is not None and reads_without_options(source, region, y):
                        condition = None  # this file needs none, the other may (round 21 J108)
                        unused[-1] = unused[-1] or [
                            f"--gas-condition {gas_condition} gives the condition of gas volume "
                            "rows without one, but every gas volume row of the input names its "
                            f"own in its gas_condition cell ({path.name}), so it would be "
                            "ignored; correct the cells or leave --gas-condition out"]
                which = "--years (START)" if not invs else "--years (END)"
                try:
                    invs.append(dataset_rows_inventory(  # options checked here, by name
                        source, regions=False, factors=list(factors) if factors else None,
                        gwp=gwp, production=prod, region=region, year=y,
                        primary_electricity=primary_electricity,
                        coal_rate_basis=coal_rate_basis, gas_condition=condition,
                        options=(which, "--region")))  # C56: a --years no row reads (ZA37)
                except CarbonpathError as exc:  # round 15 K86: a sheet's year is the option's
                    if source is path:
                        raise
                    raise year_option_error(exc, y, which) from None
        if len(unused) == 2 and unused[0] and unused[1]:  # used by neither file
            _usage_error(unused[0][0])
        result = carbonpath.decompose(invs[0], invs[1], drivers, gdp_price_year=gdp_price_year,
                                      gas=gas, sector_structure=sector_structure)
    except (CarbonpathError, ValueError, OSError) as exc:
        _fail(exc, factors=True, year_flag=YEAR_FLAGS["decompose"])  # round 19 T54
        return
    effects = result.effects.reset_index(names="factor")
    if fmt == Format.csv:
        effects.to_csv(sys.stdout, index=False)
        return
    if fmt == Format.json:
        out = {"years": list(result.years), "gas": result.gas, "start_t": result.start,
               "end_t": result.end, "change_t": result.change,
               "gdp_price_year": result.price_year, "zero_handling": result.zero_handling,
               "effects_t": effects.to_dict(orient="records"),
               "by_sector_t": result.by_sector.reset_index().to_dict(orient="records"),
               "intensities": result.intensities.to_dict(orient="records")}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{result.gas} change {result.years[0]} -> {result.years[1]} "
              "(additive LMDI-I)")
    t.add_column("factor")
    t.add_column(f"kt {result.gas}", justify="right")
    t.add_column("% of change", justify="right")
    for r in effects.itertuples(index=False):
        t.add_row(str(r.factor), f"{r.effect / 1e3:,.1f}", f"{r.share_pct:,.1f}")
    console = Console()
    console.print(t)
    for r in result.intensities.itertuples(index=False):
        console.print(f"{r.year}: {r.energy_per_gdp:.4f} tce/万元, {r.emissions_per_gdp:.4f} "
                      f"t/万元 (GDP at {result.price_year} prices)")
