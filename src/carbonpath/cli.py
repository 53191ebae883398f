"""The ``carbonpath`` command: wires the public API to the terminal, nothing more."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sys
import warnings
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

import carbonpath
from carbonpath.accounting.inventory import BIOGENIC_CO2
from carbonpath.errors import CarbonpathError, CarbonpathWarning, DataError, Problem


def _usage_error(message: str) -> NoReturn:
    """Print a command-line mistake as one ``error:`` line and exit with status 1."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _check_command_line(command: Any, name: str, args: list[str]) -> None:
    """Refuse what click would take silently in ``args`` of one command.

    * an option given twice that takes one value (``--scenario plan --scenario baseline``:
      click keeps the last), or a flag given twice;
    * an empty or blank value of any option (``--item ''`` would mean no filter,
      ``--out ''`` the current folder) or of any argument;
    * a command's own check of an argument's form (:data:`_ARGUMENT_CHECKS`), before it
      reads or writes anything.

    Options taking several values (``--factors a --factors b``) may repeat, each value once
    (``-s plan -s plan`` would count the scenario twice). Unknown
    options and missing values are left to click, which names them.
    """
    options: dict[str, Any] = {}  # typer vendors click: its classes are told by type name
    for param in command.params:
        if param.param_type_name == "option":
            for opt in (*param.opts, *param.secondary_opts):
                options[opt] = param
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    seen: dict[str, list[str]] = {}
    positionals: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            positionals.extend(args[i:])
            break
        flag, eq, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        if not eq and len(token) > 2 and token[0] == "-" and token[1] != "-" \
                and token[:2] in options:  # -ovalue
            flag, eq, attached = token[:2], "=", token[2:]
        param = options.get(flag)
        if param is None:
            if not token.startswith("-") or token == "-":
                positionals.append(token)
            continue
        label = max(param.opts, key=len)
        if param.is_flag or param.count:
            values = [flag]
        elif eq:
            values = [attached]
        else:
            values = args[i:i + param.nargs]
            i += param.nargs
        if param.multiple and label in seen and any(v in seen[label] for v in values):
            twice = next(v for v in values if v in seen[label])
            _usage_error(f"{label} {twice!r} is given twice; give each value once")
        if not param.multiple and not param.count and label in seen and label != "--help":
            shown = ", ".join(repr(v) for v in (*seen[label], *values) if v != flag)
            _usage_error(f"{label} is given twice{f' ({shown})' if shown else ''}; give it "
                         "once")
        seen.setdefault(label, []).extend(values)
        if not (param.is_flag or param.count) and any(not v.strip() for v in values):
            what = ("give a file or folder path ('.' for the current folder)"
                    if _is_path(param) else "give a value or leave the option out")
            _usage_error(f"{label} is empty; {what}")
    for position, value in enumerate(positionals):
        if not value.strip():
            argument = arguments[min(position, len(arguments) - 1)] if arguments else None
            label = argument.name.upper() if argument is not None else "an argument"
            _usage_error(f"{label} is empty; give a value")
    for position, argument in enumerate(arguments):
        check = _ARGUMENT_CHECKS.get((name, argument.name))
        if check is not None and position < len(positionals):
            problem = check(positionals[position])
            if problem:
                _usage_error(f"{argument.name.upper()} {problem}")


def _is_path(param: Any) -> bool:
    """Whether a click parameter takes a file or folder."""
    descriptor = getattr(param, "type_descriptor", None)
    return "Path" in str(getattr(descriptor, "annotation", ""))


def _template_path(text: str) -> str | None:
    """Why ``carbonpath template PATH`` cannot write ``text`` (None if it can try)."""
    import os
    import tempfile

    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        return (f"'{text}' does not end in .xlsx; the template is an Excel workbook "
                f"(e.g. {path.with_suffix('.xlsx').name})")
    folder = path.parent
    if not folder.is_dir():
        return f"'{text}' cannot be written: the folder {folder} does not exist"
    try:  # the only sure test of writability (root passes os.access on a read-only disk)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".carbonpath-probe-"):
            pass
    except OSError as exc:
        return f"'{text}' cannot be written: {folder} is not writable ({exc.strerror})"
    if os.path.isdir(path):
        return f"'{text}' is a folder; give the workbook's file name"
    return None


#: Checks of an argument's form that a command makes before anything else:
#: (command, argument) -> function(text) giving why it is refused, or None.
_ARGUMENT_CHECKS: dict[tuple[str, str], Callable[[str], str | None]] = {
    ("template", "path"): _template_path,
}


class _Group(TyperGroup):
    """The command group; sees the raw arguments before any option becomes a Path."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Check the command line (:func:`_check_command_line`), then parse as the group does.

        Parameters
        ----------
        ctx : click.Context
            The context of the command group (typer's own click).
        args : list of str
            The raw command-line arguments.

        Returns
        -------
        list of str
            The arguments left over after the group's own parsing.

        Raises
        ------
        typer.Exit
            With code 1 when an option is repeated or given an empty value, or an
            argument is empty or of the wrong form.
        """
        args = list(args)
        position = next((i for i, a in enumerate(args) if not a.startswith("-")), None)
        if position is not None and "--help" not in args:
            command = self.get_command(ctx, args[position])
            if command is not None:
                _check_command_line(command, args[position], args[position + 1:])
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_Group,
    name="carbonpath",
    help="Carbon-peaking analysis: inventories, least-cost pathways and reports.",
    no_args_is_help=True,
    add_completion=False,
)


class Format(StrEnum):
    """Output formats."""

    table = "table"
    csv = "csv"
    json = "json"


@app.callback()
def _main(ctx: typer.Context) -> None:
    """Carbon-peaking analysis: inventories, least-cost pathways and reports."""
    _utf8_in_a_c_locale()
    ctx.with_resource(_warnings_as_lines())




def _utf8_in_a_c_locale() -> None:
    """Write UTF-8 when the locale says ASCII (``LC_ALL=C`` with Python's UTF-8 mode off).

    Chinese names would otherwise print as ``?`` or crash the command. File names given on
    the command line in such a locale hold their bytes as surrogates; ``surrogateescape``
    writes those bytes back unchanged.
    """
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if codecs.lookup(encoding).name == "ascii" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")


@contextlib.contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Print each warning of a command as one ``warning: <message>`` line on stderr.

    Python's default format shows the source line of the caller (``cli.py:101: ...``),
    which tells a user of the command nothing.
    """
    def show(message: Warning | str, *_: Any, **__: Any) -> None:
        """Print one warning as a line."""
        typer.echo(f"warning: {_as_options(str(message))}", err=True)

    with warnings.catch_warnings():  # restores the filters and showwarning afterwards
        warnings.simplefilter("always", CarbonpathWarning)
        warnings.showwarning = show
        yield


@app.command()
def version() -> None:
    """Print carbonpath's version."""
    typer.echo(carbonpath.__version__)


_ARGUMENTS = ("year", "region", "energy_basis", "gas_condition", "production",
              "primary_electricity", "coal_rate_basis", "hours")


def _as_options(text: str) -> str:
    """Say the library's keyword arguments as this command's options (--year ...)."""
    for name in _ARGUMENTS:
        flag = "--" + name.replace("_", "-")
        text = re.sub(rf"read_activity\({name}=\.\.\.\)", flag, text)
        text = re.sub(rf"\b{name}=\.\.\.", flag, text)
        text = re.sub(rf"\b{name}='([\w.]+)'", rf"{flag} \1", text)
    return text


def _fail(exc: Exception) -> NoReturn:
    """Print the error as one ``error:`` line and exit with status 1."""
    typer.echo(f"error: {_as_options(_message(exc))}", err=True)
    raise typer.Exit(1)


def _solve_or_fail(job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a job that solves, or print why it failed and exit.

    An infeasible model's diagnosis is printed target by target before the error line.
    """
    try:
        return job(*args, **kwargs)
    except carbonpath.InfeasibleError as exc:
        _print_diagnosis(exc)
        _fail(exc)
    except (CarbonpathError, KeyError, ValueError, OSError) as exc:
        _fail(exc)


def _message(exc: Exception) -> str:
    """The error's text; for a file that cannot be opened, the file and why, without errno."""
    if isinstance(exc, OSError) and exc.filename is not None:
        why = {IsADirectoryError: "is a folder, not a file",
               FileNotFoundError: "no such file"}.get(type(exc), exc.strerror or str(exc))
        return f"{exc.filename}: {why}"
    return str(exc)


def _check_files(files: dict[str, Path | list[Path] | None]) -> None:
    """Fail with one line if an input file (keyed by its argument or option) is not a file."""
    for name, paths in files.items():
        for path in paths if isinstance(paths, list) else [paths]:
            if path is not None and not path.is_file():
                why = "is a folder, not a file" if path.is_dir() else "does not exist"
                _fail(FileNotFoundError(f"{name} {path} {why}"))


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
    energy_basis: str | None = typer.Option(None, help="net or gross, for fuels in J or Wh."),
    by: list[str] | None = typer.Option(None, "--by", help="Dimensions of the breakdown "
                                        "(default: category, sector)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    balance_sheet: bool = typer.Option(
        False, "--balance-sheet", help="FILE is an energy balance sheet (能源平衡表); "
        "detected without this flag for .xlsx files and CSVs that are not tidy activity."),
    sheet: str | None = typer.Option(None, help="Excel sheet of the balance (default first)."),
) -> None:
    """Compute an energy and emission inventory from activity data or a balance sheet."""
    if sample and file is not None:
        _usage_error(f"--sample computes the bundled sample, so FILE {file.name} would be "
                     "ignored; give either FILE or --sample")
    if coal_rate_basis is not None and primary_electricity == "calorific":  # unused there
        _usage_error("--coal-rate-basis applies to --primary-electricity coal_consumption (the "
                     "coal rate of thermal power), not calorific; leave it out")
    if sample:
        folder = carbonpath._resources.data_path("datasets") / "samples"
        file = folder / "activity_sample.csv"
        production = production or folder / "production_sample.csv"
        region = region or "CN-SD"
        year = year or 2022
        primary_electricity = primary_electricity or "coal_consumption"
        coal_rate_basis = coal_rate_basis or (
            "supply" if primary_electricity == "coal_consumption" else None)
        gwp = gwp or "AR6"
    if file is None:
        _fail(ValueError("give an activity FILE or --sample"))
    if sheet is not None and file.suffix.lower() not in _EXCEL:
        _usage_error(f"--sheet applies to an Excel workbook ({', '.join(_EXCEL)}), but FILE "
                     f"{file.name} is not one; leave --sheet out")
    _check_files({"activity FILE": file, "--factors": factors, "--production": production})
    try:
        source = _activity_source(file, balance_sheet, sheet, region, year, gas_condition)
        inv = carbonpath.compute_inventory(
            source, factors=list(factors) if factors else None, gwp=gwp, production=production,
            method=method, primary_electricity=primary_electricity,
            coal_rate_basis=coal_rate_basis, region=region, year=year,
            gas_condition=gas_condition, energy_basis=energy_basis)
    except (CarbonpathError, ValueError, OSError) as exc:
        _fail(exc)
        return
    dims = list(by) if by else ["category", "sector"]
    gases = ["CO2", "CO2e"] if inv.gwp else ["CO2"]
    try:
        tables = {g: inv.by(*dims, gas=g) for g in gases}
    except ValueError as exc:
        _fail(exc)
        return
    if fmt == Format.csv:
        inv.emissions.to_csv(sys.stdout, index=False)
        return
    totals = {g: inv.total(g).to(f"Mt {g}").magnitude for g in gases}
    energy = inv.energy_total("tce").to("Mtce").magnitude if _has_energy_choice(inv) else None
    memo = inv.emissions[inv.emissions["category"] == BIOGENIC_CO2]
    biogenic = float(memo["value"].sum()) / 1e6 if not memo.empty else 0.0  # t CO2 -> Mt
    if fmt == Format.json:
        out = {"source": inv.source, "method": inv.method, "gwp": inv.gwp,
               "factor_version": inv.version, "primary_electricity": inv.primary_electricity,
               "totals_Mt": totals, "energy_Mtce": energy,
               "memo_biogenic_CO2_Mt": biogenic,
               "breakdown_t": {g: t.to_dict(orient="records") for g, t in tables.items()}}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return
    _print_table(inv, tables, totals, energy, dims)
    if biogenic:
        typer.echo(f"Memo item, not counted: biogenic CO2 of biomass burnt, {biogenic:,.3f} Mt "
                   "CO2 (IPCC 2006 Vol.2 Ch.1 1.4.1; its CH4 and N2O are counted)")


def _has_energy_choice(inv: carbonpath.Inventory) -> bool:
    return inv.primary_electricity is not None or not bool(
        inv.energy["fuel"].astype(str).eq("electricity").any())


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
    for _, r in merged.iterrows():
        t.add_row(*[str(r[d]) for d in dims], *[f"{r[g] / 1e3:,.1f}" for g in gases])
    console.print(t)
    for g, v in totals.items():
        console.print(f"City total ({inv.method}): {v:,.3f} Mt {g}"
                      + (f" (GWP100 {inv.gwp})" if g == "CO2e" else ""))
    if energy is not None:
        console.print(f"Energy consumption: {energy:,.3f} Mtce "
                      f"(primary electricity: {inv.primary_electricity or 'none present'})")


@app.command("factors")
def list_factors(
    item: str | None = typer.Option(None, help="Substring of the item (fuel, product)."),
    quantity: str | None = typer.Option(None, help="calorific_value, emission_factor, ..."),
    region: str | None = typer.Option(None, help="A region: lists it and the regions above."),
    gas: str | None = typer.Option(None, help="CO2, CH4, N2O, CF4, C2F6."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    wide: bool = typer.Option(False, "--wide", help="A table with a column per field (needs "
                              "a wide terminal); default: two lines per factor."),
) -> None:
    """List the bundled factors with their sources."""
    try:
        table = carbonpath.load_factors()
        rows = table.select(item=item, quantity=quantity, region=region, gas=gas)
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
        for r in rows.itertuples(index=False):
            typer.echo(_factor_lines(r, width))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"carbonpath factors {table.version}: {len(rows)} rows")
    for col in ("item", "quantity", "gas", "sector", "technology", "value", "unit", "region",
                "year", "status", "source"):
        t.add_column(col, overflow="fold")
    for r in rows.itertuples(index=False):
        t.add_row(r.item, r.quantity, r.gas, r.sector, r.technology, f"{r.value:g}", r.unit,
                  r.region, _year(r.year), r.status, r.source)
    Console().print(t)


def _year(year: Any) -> str:
    return "" if year is None or str(year) == "<NA>" else str(year)


def _factor_lines(r: Any, width: int = 80) -> str:
    """A factor as text wrapped to ``width``: what and its value, then its source, indented."""
    import textwrap

    what = " ".join(str(x) for x in (r.item, r.quantity, r.gas) if x)
    scope = ", ".join(x for x in (f"sector {r.sector}" if r.sector else "",
                                  f"technology {r.technology}" if r.technology else "",
                                  str(r.region), _year(r.year) or "any year") if x)
    head = textwrap.fill(f"{what} = {r.value:g} {r.unit} ({scope}; {r.status})", width,
                         subsequent_indent="    ")
    return head + "\n" + textwrap.fill(str(r.source), width, initial_indent="    ",
                                       subsequent_indent="    ")


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
        from carbonpath.model.results import TABLE_NAMES
        from carbonpath.outputs import check

        try:
            check(out, will_write=[f"{name}.csv" for name in TABLE_NAMES])
        except CarbonpathError as exc:
            _fail(exc)
    inventory = _solve_or_fail(_base_year_inventory, dataset)
    p = _solve_or_fail(carbonpath.optimise, dataset, scenario=scenario, peak_year=peak_year,
                       solver_options=options, hours=hours)
    if inventory is not None:  # warns where the model's base year and activity.csv differ
        from carbonpath.run import _base_year_mismatch, _use_mismatch

        _base_year_mismatch(inventory[0], inventory[1], {p.scenario or "": p})
        _use_mismatch(inventory[0])
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
                  f"{p.settings['discount_rate']:.1%} to the base year)")
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
        console.print(f"Wrote {len(paths)} tables to {out}")
    _say_dataset(dataset, done=True)


def _say_dataset(dataset: str, *, done: bool = False) -> None:
    """Say (stderr) which folder DATASET names.

    A folder path with a ``dataset.yaml`` wins over a bundled dataset of the same name
    (:func:`carbonpath.load_dataset`), so a local ``./tiny`` silently replaces the bundled
    ``tiny``. Before the work (``done=False``) a note is printed only when both exist; after
    it (``done=True``) the folder used is always printed.
    """
    path = Path(dataset)
    bundled = carbonpath._resources.data_path("datasets") / dataset
    has_bundled = "/" not in dataset and (bundled / "dataset.yaml").is_file()
    if (path / "dataset.yaml").is_file():
        if has_bundled:
            typer.echo(f"note: dataset '{dataset}' is the local folder {path.resolve()}, not "
                       "the bundled dataset of the same name (run from another folder to use "
                       "that one)", err=True)
        elif done:
            typer.echo(f"dataset: {path.resolve()}", err=True)
    elif has_bundled and done:
        typer.echo(f"dataset: {bundled} (bundled '{dataset}')", err=True)


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


def _print_diagnosis(exc: carbonpath.InfeasibleError) -> None:
    """The infeasibility diagnosis on stderr: one line per target, then what statuses mean."""
    from carbonpath.model.diagnose import STATUS_MEANINGS, diagnosis_lines

    if exc.diagnosis is None:
        return
    typer.echo("Targets, each tried with every other target held:", err=True)
    for line in diagnosis_lines(exc.diagnosis):
        typer.echo(f"  {line}", err=True)
    typer.echo(f"({STATUS_MEANINGS})", err=True)


def _lp_size(size: dict[str, int]) -> str:
    """``256 columns, 250 rows, 900 nonzeros`` from the LP's size."""
    return ", ".join(f"{n:,} {what}" for what, n in size.items())


@app.command()
def report(
    results_dir: Annotated[Path, typer.Argument(
        help="A run folder (holding results/) or its results/ folder.", exists=True,
        file_okay=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where to write report.html, report.md and figures/ "
        "(report.zh.html, report.zh.md and figures.zh/ with --lang zh; default: the run "
        "folder).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or zh.")] = "en",
    montecarlo: Annotated[Path | None, typer.Option(
        "--montecarlo", help="A result store of `carbonpath montecarlo` on the same dataset: "
        "the report shows the probability of peaking, a fan chart and what decides the "
        "peak.", exists=True, file_okay=False)] = None,
    accept_edited: Annotated[bool, typer.Option(
        "--accept-edited", help="Render even if files under results/ changed since the run "
        "wrote them (their checksums differ from the run's manifest); without it such a "
        "folder is refused.")] = False,
) -> None:
    """Re-render the report from saved results, without solving again."""
    from carbonpath.errors import ResultsError, short_list
    from carbonpath.outputs import MANIFEST, changed_results
    from carbonpath.report import render_report
    from carbonpath.report.render import output_names

    changed = changed_results(results_dir)
    if changed and not accept_edited:
        from carbonpath.run import load_results

        try:  # a damaged file is named by what is wrong in it, before its checksum
            load_results(results_dir)
        except (CarbonpathError, ValueError, OSError) as exc:
            typer.echo(f"error: {_message(exc)}", err=True)
            raise typer.Exit(code=2) from None
        error = ResultsError(
            f"{results_dir}: {len(changed)} file(s) changed (or missing) since the run wrote "
            f"them (checksums of {MANIFEST}): {short_list(changed)}; a report of them would "
            "show numbers the model did not produce. Re-run, or give --accept-edited to "
            "render the edited results on purpose")
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2)
    if changed:
        typer.echo(f"warning: rendering edited results (--accept-edited): "
                   f"{short_list(changed)}", err=True)
    if out is None:
        out = results_dir.parent if (results_dir / "run.json").exists() else results_dir
    try:
        written = render_report(results_dir, out, lang=lang, montecarlo=montecarlo)
    except (CarbonpathError, ValueError, OSError) as exc:
        typer.echo(f"error: {_message(exc)}", err=True)
        raise typer.Exit(code=2) from None
    figures = sum(1 for key in written if key.endswith(".png"))
    folder = output_names(lang)[2]
    typer.echo(f"{written['html']}\n{written['markdown']}\n{figures} figures (PNG and SVG) in "
               f"{written['html'].parent / folder}")


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
    typer.echo(folder / output_names(lang)[0])


# ---------------------------------------------------------------------------------------
# energy balance sheets and decomposition (issue 3)


_EXCEL = (".xlsx", ".xlsm", ".xls")
_TIDY = ("sector", "fuel", "value", "unit")


def _header(path: Path) -> list[str]:
    """The first line of a CSV file, split at commas (lower case, quotes and space stripped)."""
    from carbonpath._io import decode

    data = path.read_bytes()
    head = data[:65536]
    if len(data) > len(head) and b"\n" in head:  # whole lines: no character cut in two
        head = head[:head.rindex(b"\n") + 1]
    text, _ = decode(head, path.name)
    lines = text.splitlines()
    return [c.strip().strip('"').lower() for c in lines[0].split(",")] if lines else []


def _is_balance_sheet(path: Path) -> bool:
    """True for Excel files and CSVs whose header is not the tidy activity layout."""
    return path.suffix.lower() in _EXCEL or not set(_TIDY[:3]) <= set(_header(path))


def _not_tidy(head: list[str]) -> str:
    """Why a CSV header is not a tidy activity table's (for an error message)."""
    if not any(head):
        return "the file is empty"
    if head[0].startswith("#"):  # a comment line taken as the header (_io.comment_problem)
        return "its first line is a comment ('#'), which would be taken as the header: delete it"
    from carbonpath._io import separator_problem

    problem = separator_problem(head, "")
    if problem is not None:
        return problem.message
    missing = [c for c in _TIDY if c not in head]
    return f"its header lacks the column(s) {', '.join(missing)}"


def _activity_source(file: Path, balance_sheet: bool, sheet: str | None, region: str | None,
                     year: int | None, gas_condition: str | None = None) -> Any:
    """The activity to compute: the file itself, or the activity of its balance sheet."""
    if not (balance_sheet or _is_balance_sheet(file)):
        return file
    sheet_arg: str | int | None = int(sheet) if sheet and sheet.isdigit() else sheet
    try:
        bs = carbonpath.read_energy_balance(file, sheet=sheet_arg, year=year, region=region,
                                            **({"gas_condition": gas_condition}
                                               if gas_condition else {}))
    except DataError as exc:
        if balance_sheet or file.suffix.lower() in _EXCEL:
            raise
        why = "; ".join(p.message.split("; the widest")[0] for p in exc.problems)
        problem = Problem(
            f"read neither as a tidy activity table ({_not_tidy(_header(file))}) nor as an "
            f"energy balance ({why})", file=file.name,
            valid="a CSV with columns sector, fuel, value, unit (docs: Activity data), or an "
                  "energy balance sheet (docs: Energy balance sheets)")
        raise DataError(problem) from None
    return carbonpath.read_activity(  # errors name the file, not an internal DataFrame
        bs.activity, region=region, year=year,
        name=f"{file.name} (its activity rows as read from the balance, numbered from 0)")


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
    _check_files({"START": start, "END": end, "--drivers": drivers, "--factors": factors})
    invs = []
    try:
        for path, y in zip((start, end), years or (None, None), strict=True):
            source = _activity_source(path, balance_sheet, None, region, y, gas_condition)
            invs.append(carbonpath.compute_inventory(
                source, factors=list(factors) if factors else None, gwp=gwp, region=region,
                year=y, primary_electricity=primary_electricity,
                coal_rate_basis=coal_rate_basis, gas_condition=gas_condition))
        result = carbonpath.decompose(invs[0], invs[1], drivers, gdp_price_year=gdp_price_year,
                                      gas=gas, sector_structure=sector_structure)
    except (CarbonpathError, ValueError, OSError) as exc:
        _fail(exc)
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


# ---------------------------------------------------------------------------------------
# a dataset from statistics, the planner's workbook, the catalogue (issue 16)

from carbonpath.init.commands import register as _register_init  # noqa: E402

_register_init(app, _fail)
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
    prob = result.peak_probability()
    for name, group in prob.groupby("scenario"):
        shown = ", ".join(f"{int(r.year)} {r.probability:.0%}" for r in group.itertuples()
                          if r.year % 5 == 0 or r.probability not in (0.0, 1.0))
        console.print(f"{name}: probability of peaking by  {shown}")
    _say_dataset(dataset, done=True)
    typer.echo(out)


# -- scenarios, measures and MACCs (carbonpath.scenarios; issue 13) ----------------------
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
                                  "measures (Shapley values)."),
    out: Path | None = typer.Option(None, help="Write the tables (CSV) and figures (PNG) "
                                    "into this folder (its other files are left alone)."),
) -> None:
    """The system marginal abatement cost curve (warm re-solves), optionally the measures'."""
    from carbonpath.outputs import prepare
    from carbonpath.scenarios.macc import MAX_STEPS

    if not 1 <= steps <= MAX_STEPS:
        _usage_error(f"--steps must be from 1 to {MAX_STEPS} (one re-solve each), not {steps}")
    _say_dataset(dataset)
    try:
        with contextlib.ExitStack() as stack:
            folder = None
            if out is not None:  # checked and locked before any solve; staged, then moved
                folder = stack.enter_context(prepare(out, will_write=MACC_FILES))
            _macc(dataset, scenario, year, steps, depth, measures, folder)
    except CarbonpathError as exc:
        _fail(exc)
    if out is not None:
        typer.echo(f"Wrote the tables and figures to {out}")
    _say_dataset(dataset, done=True)


#: What ``carbonpath macc --out`` owns in its folder (those of --measures too, so that a
#: run without it removes an earlier run's measure files, if they are carbonpath's).
MACC_FILES = ("system_macc.csv", "system_macc.png", "measures.csv", "measures_by_year.csv",
              "measure_macc.png")


def _macc(dataset: str, scenario: str | None, year: int | None, steps: int, depth: float,
          measures: bool, folder: Any) -> None:
    """Solve and print the MACC; stage the tables and figures in ``folder`` if given."""
    import matplotlib.pyplot as plt

    from carbonpath import scenarios as sc

    curve = _solve_or_fail(sc.system_macc, dataset, scenario=scenario, year=year,
                           steps=steps, depth=depth)
    where = "cumulative" if year is None else str(year)
    typer.echo(f"System MACC ({where}): abatement Mt, marginal cost CNY/t, cost MCNY "
               "(discounted)")
    for r in curve.table.itertuples(index=False):
        typer.echo(f"  step {r.step}: {r.status:>10}  abatement {r.abatement:10.3f}  "
                   f"price {r.price:10.1f}  cost {r.cost:12.1f}")
    if curve.reachable.get("message"):
        typer.echo(curve.reachable["message"])
    contributions = None
    if measures:
        contributions = _solve_or_fail(sc.measure_contributions, dataset)
        typer.echo(f"Measures ({contributions.method}, {contributions.solves} solves; "
                   "cumulative Mt, CNY/t):")
        for r in contributions.table.sort_values("cost_per_tonne").itertuples(index=False):
            typer.echo(f"  {r.measure}: {r.abatement_cumulative:.3f} Mt at "
                       f"{r.cost_per_tonne:,.1f} CNY/t")
    if folder is None:
        return
    curve.table.to_csv(folder.path("system_macc.csv"), index=False)
    figures = [(sc.system_macc_figure(curve), "system_macc.png")]
    if contributions is not None:
        contributions.table.to_csv(folder.path("measures.csv"), index=False)
        contributions.by_year.to_csv(folder.path("measures_by_year.csv"), index=False)
        figures.append((sc.measure_macc_figure(contributions), "measure_macc.png"))
    for figure, name in figures:
        figure.savefig(folder.path(name), dpi=120)
        plt.close(figure)
