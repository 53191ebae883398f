"""The ``inventory`` and ``factors`` commands."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import typer

import carbonpath
from carbonpath.accounting.inventory import BIOGENIC_CO2, dataset_rows_inventory
from carbonpath.cli.activity_files import (
    _EXCEL,
    _activity_source,
    balance_as_production,
    dataset_only_columns,
    year_option_error,
)
from carbonpath.cli.applies import (
    coal_rate_applies,
    is_calorific,
    unused_activity_options,
)
from carbonpath.cli.base import Format, _check_files, _fail, app
from carbonpath.cli.checks import _usage_error
from carbonpath.errors import CarbonpathError, DataError


@app.command()
def inventory(
    file: Path | None = typer.Argument(None, help="Activity data CSV (UTF-8 or GBK)."),
    sample: bool = typer.Option(False, "--sample", help="Use the bundled synthetic sample."),
    factors: list[Path] | None = typer.Option(None, "--factors", help="User factor CSV(s)."),
    gwp: str | None = typer.Option(None, help="GWP100 set for CO2e: AR4, AR5 or AR6."),
    production: Path | None = typer.Option(None, help="Industrial production CSV."),
    method: str = typer.Option("provincial", help="City total method: provincial or gpc."),
    primary_electricity: str | None = typer.Option(
        None, help="Primary electricity in energy totals: calorific or coal_consumption."),
    coal_rate_basis: str | None = typer.Option(None, help="supply or generation."),
    region: str | None = typer.Option(None, help="Region of rows without a region column."),
    year: int | None = typer.Option(None, help="Year of rows without a year column."),
    gas_condition: str | None = typer.Option(None, help="Condition of plain gas volumes: "
                                             "20C, 0C or 15C."),
    energy_basis: str | None = typer.Option(None, help="net or gross, for fuels in J or Wh; "
                                              "calorific (当量值) for electricity or heat "
                                              "in standard coal."),
    by: list[str] | None = typer.Option(None, "--by", help="Dimensions of the breakdown "
                                        "(default: category, sector)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json (csv: "
                               "every emission row, or the --by breakdown when given)."),
    balance_sheet: bool = typer.Option(
        False, "--balance-sheet", help="FILE is an energy balance sheet (能源平衡表); "
        "detected without this flag for .xlsx files and CSVs that are not tidy activity."),
    sheet: str | None = typer.Option(None, help="Excel sheet of the balance (default first)."),
    mapping: Path | None = typer.Option(
        None, "--mapping", help="Balance sheet: CSV of extra row/column labels (columns "
        "axis, label, code, unit; e.g. 'column,能源消费总量(万吨标准煤),total,')."),
) -> None:
    """Compute an energy and emission inventory from activity data or a balance sheet."""
    if sample and file is not None:
        _usage_error(f"--sample computes the bundled sample, so FILE {file.name} would be "
                     "ignored; give either FILE or --sample")
    given_coal_rate = coal_rate_basis
    if sample:
        folder = carbonpath._resources.data_path("datasets") / "samples"
        file = folder / "activity_sample.csv"
        production = production or folder / "production_sample.csv"
        region = region or "CN-SD"
        year = year or 2022
        primary_electricity = primary_electricity or "coal_consumption"
        coal_rate_basis = coal_rate_basis or "supply"
        gwp = gwp or "AR6"
    if file is None:
        _fail(ValueError("give an activity FILE or --sample"))
    if sheet is not None and file.suffix.lower() not in _EXCEL:
        _usage_error(f"--sheet applies to an Excel workbook ({', '.join(_EXCEL)}), but FILE "
                     f"{file.name} is not one; leave --sheet out")
    why = coal_rate_applies(given_coal_rate, primary_electricity)
    if why:
        _usage_error(why)
    _check_files({"activity FILE": file, "--factors": factors, "--production": production,
                  "--mapping": mapping})
    try:
        source = _activity_source(file, balance_sheet, sheet, region, year, gas_condition,
                                  energy_basis if is_calorific(energy_basis) else None,
                                  mapping=mapping)
        if mapping is not None and source is file:
            _usage_error(f"--mapping labels the rows and columns of an energy balance sheet; "
                         f"{file.name} is read as tidy activity, so leave it out")
        if source is not file:  # a balance sheet: the condition of its volumes, applied
            gas_condition = None
            if energy_basis is not None and not is_calorific(energy_basis):
                _usage_error(f"--energy-basis {energy_basis} applies to tidy activity rows in J "
                             "or Wh; an energy balance sheet gives no such rows, leave it out "
                             "(--energy-basis calorific reads its electricity and heat in "
                             "standard coal as 当量值)")
        DataError.collect(balance_as_production(production, region, year))  # round 17 O66
        DataError.collect(dataset_only_columns(  # round 17 O78: read by no reader here
            {"activity FILE": file if source is file else None, "--production": production}))
        for why in unused_activity_options(source, region, year, gas_condition, energy_basis):
            _usage_error(why)
        try:
            inv = dataset_rows_inventory(  # the options checked here, named as options
                source, regions=False, factors=list(factors) if factors else None, gwp=gwp,
                production=production, method=method, primary_electricity=primary_electricity,
                coal_rate_basis=coal_rate_basis, region=region, year=year,
                gas_condition=gas_condition, energy_basis=energy_basis,
                options=("--year", "--region"))  # round 11 C56, before factors (ZA37)
        except CarbonpathError as exc:  # round 15 K86: a sheet's year is the option's
            if source is file:
                raise
            raise year_option_error(exc, year, "--year") from None
    except (CarbonpathError, ValueError, OSError) as exc:
        _fail(exc, factors=True, mapping=True)
        return
    dims = list(by) if by else ["category", "sector"]
    gases = ["CO2", "CO2e"] if inv.gwp else ["CO2"]
    try:
        # --by in_total: both kinds of row, not only the counted ones (round 13 G117)
        counted = None if "in_total" in dims else True
        if fmt == Format.csv and not by:  # every emission row: no sum, any years (I52)
            _with_co2e(inv).to_csv(sys.stdout, index=False)
            return
        tables = {g: inv.by(*dims, gas=g, in_total=counted) for g in gases}
        if fmt == Format.csv:  # with --by, the breakdown asked for (C123)
            pd.concat([t.assign(gas=g) for g, t in tables.items()],
                      ignore_index=True).to_csv(sys.stdout, index=False)
            return
        totals = {g: inv.total(g).to(f"Mt {g}").magnitude for g in gases}  # one region, year
        energy = (inv.energy_total("tce").to("Mtce").magnitude if _has_energy_choice(inv)
                  else None)
    except ValueError as exc:
        _fail(_several_regions(
            _several_years(_with_year_rows(exc, inv, year, file), inv, year, dims, fmt),
            inv, file, fmt))
        return
    memo = inv.emissions[inv.emissions["category"] == BIOGENIC_CO2]
    biogenic = float(memo["value"].sum()) / 1e6 if not memo.empty else 0.0  # t CO2 -> Mt
    others = _other_gases(inv)
    if fmt == Format.json:
        out = {"source": inv.source, "method": inv.method, "gwp": inv.gwp,
               "factor_version": inv.version, "primary_electricity": inv.primary_electricity,
               "totals_Mt": totals, "energy_Mtce": energy,
               "memo_biogenic_CO2_Mt": biogenic, "other_gases_t": others,
               "breakdown_t": {g: t.to_dict(orient="records") for g, t in tables.items()}}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return
    _print_table(inv, tables, totals, energy, dims)
    if others and not inv.gwp:  # round 30 ZF99: nitric acid's N2O appeared nowhere
        typer.echo("Not in the CO2 total: " + ", ".join(f"{g} {v:,.1f} t" for g, v in
                                                       others.items())
                   + " (--gwp AR6 counts them in a CO2e total)")
    if biogenic:
        typer.echo(f"Memo item, not counted: biogenic CO2 of biomass burnt, {biogenic:,.3f} Mt "
                   "CO2 (IPCC 2006 Vol.2 Ch.1 1.4.1; its CH4 and N2O are counted)")


def _other_gases(inv: carbonpath.Inventory) -> dict[str, float]:
    """Tonnes of each gas but CO2 in the counted rows (CH4, N2O of combustion and processes).

    Without ``--gwp`` the totals are of CO2 alone, and a production row whose emissions are
    N2O or PFCs only changed nothing the command printed (round 30 ZF99: 10 万吨 of nitric
    acid, 700 t N2O); the table names them under the totals, the JSON in ``other_gases_t``.
    """
    em = inv.emissions
    rows = em[em["in_total"].astype(bool) & (em["gas"].astype(str) != "CO2")]
    sums = rows.groupby(rows["gas"].astype(str), sort=True)["value"].sum()
    return {str(g): float(v) for g, v in sums.items() if v}


def _with_co2e(inv: carbonpath.Inventory) -> pd.DataFrame:
    """Every emission row; with ``--gwp``, each row's ``value_CO2e`` (t CO2e) and ``gwp``.

    ``--format csv`` without ``--by`` wrote the same bytes with ``--gwp AR5`` as without it
    (round 13 G04). The weight of a row's gas is the one ``inv.total("CO2e")`` uses.
    """
    rows = inv.emissions
    if not inv.gwp:
        return rows
    weights = inv._gwp_weights()  # the inventory's own CO2e weights
    weight = rows["gas"].astype(str).map(weights).astype(float)
    return rows.assign(value_CO2e=rows["value"].astype(float) * weight, gwp=inv.gwp)


def _with_year_rows(exc: ValueError, inv: carbonpath.Inventory, year: int | None,
                    file: Path) -> ValueError:
    """Add to a several-years error which rows --year did not fill (round-9 V16).

    ``--year`` gives the year of rows without one; a row whose year column says another
    year keeps it, so ``--year 2022`` on a file with one 2021 row leaves two years.
    """
    frame = inv.emissions
    if year is None or "row" not in frame.columns or "years" not in str(exc):
        return exc
    other = frame[frame["year"].astype("Int64") != year].drop_duplicates("row")
    if other.empty:
        return exc
    years = ", ".join(str(y) for y in sorted({int(y) for y in frame["year"]}))
    shown = "; ".join(f"row {r.row} says {r.year} ({r.sector}, {r.fuel})"
                      for r in other.head(5).itertuples())
    more = f" and {len(other) - 5} more rows" if len(other) > 5 else ""
    return type(exc)(f"the inventory holds rows of several years ({years}), whose sum is no "
                     f"year's total: --year {year} fills only rows without a year, and "
                     f"{file.name} {shown}{more}; correct those rows' year or drop them")


def _several_years(exc: ValueError, inv: carbonpath.Inventory, year: int | None,
                   dims: list[str], fmt: Format) -> ValueError:
    """The CLI's advice for rows of several years in a table or json (round 14, I51).

    The library's message advises ``year=`` or ``by('year')``; on the command line
    ``--by year`` still prints one total, and ``--year`` fills only rows without a year.
    What works is a csv (every row, or the breakdown by year) or one run per year.
    """
    frame = inv.emissions
    if year is not None or "year" not in frame.columns or "no year's total" not in str(exc):
        return exc
    years = sorted({int(y) for y in frame["year"]})
    if len(years) < 2:
        return exc
    shown = ", ".join(str(y) for y in years)
    return type(exc)(
        f"the activity holds rows of {len(years)} years ({shown}); the {fmt.value} output ends "
        "in one total (and energy) that would add them up, which is no year's total: write "
        "--format csv (every emission row, or --by year --format csv for the breakdown by year, "
        "without a total), or split the file by year and run the inventory once per year")


def _several_regions(exc: ValueError, inv: carbonpath.Inventory, file: Path,
                     fmt: Format) -> ValueError:
    """The CLI's advice for rows of several regions in a table or json (round 16, M123).

    The library's message names ``Inventory.by()`` and a region filter, which the command
    line has not; it has ``--by region`` with ``--format csv`` (a breakdown without a total),
    and the file's rows, which this names by region.
    """
    frame = inv.emissions
    if "region" not in frame.columns or "no region's total" not in str(exc):
        return exc
    rows = frame["row"] if "row" in frame.columns else pd.Series(pd.NA, index=frame.index)
    named = []
    for region, of in rows.groupby(frame["region"].astype(str), sort=True, dropna=False):
        lines = sorted({int(r) for r in of.dropna()})
        shown = ", ".join(str(r) for r in lines[:5]) + (" ..." if len(lines) > 5 else "")
        named.append(f"{region} (row{'s' if len(lines) > 1 else ''} {shown})" if lines
                     else region)
    return type(exc)(
        f"{file.name}: the activity holds rows of {len(named)} regions "
        f"({', '.join(sorted(set(frame['region'].astype(str))))}): {'; '.join(named)}; "
        f"the {fmt.value} output ends in one total, and a sum over regions is no region's "
        "total (an import of one region is not netted against another's export): give every "
        "row the inventory's region (or leave the region column out and give --region), "
        "write --by region --format csv for the breakdown by region without a total, or "
        "split the file by region")


def _has_energy_choice(inv: carbonpath.Inventory) -> bool:
    return inv.primary_electricity is not None or not bool(
        inv.energy["fuel"].astype(str).eq("electricity").any())


def _label(value: object) -> str:
    """Text of one dimension cell: an integral number (a scope, a year) without '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _print_table(inv: carbonpath.Inventory, tables: dict, totals: dict, energy: float | None,
                 dims: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    t = Table(title=f"Inventory of {inv.source} (method {inv.method}, factors {inv.version})")
    for d in dims:
        t.add_column(d)
    gases = list(tables)
    for g in gases:
        t.add_column(f"kt {g}", justify="right")
    merged = tables[gases[0]].rename(columns={"value": gases[0]}).drop(columns="unit")
    for g in gases[1:]:
        merged = merged.merge(tables[g].rename(columns={"value": g}).drop(columns="unit"),
                              on=dims, how="outer")
    # a row of N2O only has no CO2 (round 30 ZF183: its kt CO2 cell read nan)
    merged[gases] = merged[gases].fillna(0.0)
    # column by column, not iterrows(): a row Series upcasts an integer scope to 1.0 (G03)
    cells = [[_label(v) for v in merged[d].tolist()] for d in dims]
    values = [[f"{v / 1e3:,.1f}" for v in merged[g].tolist()] for g in gases]
    for row in zip(*cells, *values, strict=True):
        t.add_row(*row)
    console.print(t)
    for g, v in totals.items():
        console.print(f"City total ({inv.method}): {v:,.3f} Mt {g}"
                      + (f" (GWP100 {inv.gwp})" if g == "CO2e" else ""))
    if energy is not None:
        console.print(f"Energy consumption: {energy:,.3f} Mtce "
                      f"(primary electricity: {inv.primary_electricity or 'none present'})")


@app.command("factors")
def list_factors(
    item: str | None = typer.Option(
        None, help="A fuel or product code or alias (原煤, coal: raw_coal, with its fuel "
                   "group's rows), else a substring of the item code or of one of its "
                   "names, English or Chinese (煤 lists every coal)."),
    quantity: str | None = typer.Option(None, help="calorific_value, emission_factor, ..."),
    region: str | None = typer.Option(None, help="A region: lists it and the regions above."),
    gas: str | None = typer.Option(None, help="CO2, CH4, N2O, CF4, C2F6."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    wide: bool = typer.Option(False, "--wide", help="A table with a column per field (needs "
                              "a wide terminal); default: two lines per factor."),
) -> None:
    """List the bundled factors with their sources."""
    lines: list[str] = []
    try:
        table = carbonpath.load_factors()
        rows = table.select(item=item, quantity=quantity, region=region, gas=gas)
        if region:  # round 19 T117: the factor an inventory of the region applies, marked
            from carbonpath.accounting.factor_listing import mark_applied

            rows, lines = mark_applied(table, rows, region, gas=gas, quantity=quantity)
        elif item:  # round 25 Z89: the factor each level applies (its rows may be filtered)
            from carbonpath.accounting.factor_listing import regional_routes

            lines = regional_routes(table, rows)
    except CarbonpathError as exc:
        _fail(exc)
        return
    if wide and fmt != Format.table:
        _usage_error(f"--wide lays out the table format; --format {fmt.value} writes every "
                     "column already: leave --wide out")
    if fmt == Format.csv:
        rows.to_csv(sys.stdout, index=False)
        return
    if fmt == Format.json:
        typer.echo(rows.to_json(orient="records", force_ascii=False, indent=1))
        return
    if not wide:
        typer.echo(f"carbonpath factors {table.version}: {len(rows)} rows (--wide: one table "
                   "row per factor; --format csv: every column)")
        width = max(40, shutil.get_terminal_size().columns)
        for line in _applied_note(lines, region):
            typer.echo(line)
        for r in rows.itertuples(index=False):
            typer.echo(_factor_lines(r, width, region))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"carbonpath factors {table.version}: {len(rows)} rows")
    marked = "applied_in_region" in rows.columns
    for col in ("item", "quantity", "gas", "sector", "technology", "value", "unit", "region",
                "year", "status", "source", *(["applied"] if marked else [])):
        t.add_column(col, overflow="fold")
    for r in rows.itertuples(index=False):
        t.add_row(r.item, r.quantity, r.gas, r.sector, r.technology, f"{r.value:g}", r.unit,
                  r.region, _year(r.year), r.status, r.source,
                  *([r.applied_in_region] if marked else []))
    for line in _applied_note(lines, region):
        typer.echo(line)
    Console().print(t)


def _year(year: Any) -> str:
    return "" if year is None or str(year) == "<NA>" else str(year)


def _applied_note(lines: list[str], region: str | None) -> list[str]:
    """The lines naming the CO2 factor an inventory of ``region`` applies, and the marks."""
    if not lines:
        return []
    if region is None:
        return [*lines, "(give --region to mark the rows an inventory of that region applies; "
                "the listing holds every region's rows)"]
    return [*lines, f"(rows marked [applied in {region}] make that factor; rows marked [not "
            f"applied in {region}] are of a level it takes precedence over)"]


def _factor_lines(r: Any, width: int = 80, region: str | None = None) -> str:
    """A factor as text wrapped to ``width``: what and its value, then its source, indented.

    A row of a listing by region carries whether an inventory of the region applies it.
    """
    import textwrap

    what = " ".join(str(x) for x in (r.item, r.quantity, r.gas) if x)
    scope = ", ".join(x for x in (f"sector {r.sector}" if r.sector else "",
                                  f"technology {r.technology}" if r.technology else "",
                                  str(r.region), _year(r.year) or "any year") if x)
    mark = getattr(r, "applied_in_region", "")
    mark = {"yes": f" [applied in {region}]", "no": f" [not applied in {region}]"}.get(mark, "")
    head = textwrap.fill(f"{what} = {r.value:g} {r.unit} ({scope}; {r.status}){mark}", width,
                         subsequent_indent="    ")
    return head + "\n" + textwrap.fill(str(r.source), width, initial_indent="    ",
                                       subsequent_indent="    ")
