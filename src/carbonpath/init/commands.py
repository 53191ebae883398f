"""The ``carbonpath init``, ``template`` and ``catalogue`` commands (registered by cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register"]


def register(app: typer.Typer, fail: Callable[[Exception], Any]) -> None:
    """Add the commands to ``app``; ``fail`` prints an error line and exits."""
    from carbonpath._checks import shell_word
    from carbonpath.errors import CarbonpathError

    errors = (CarbonpathError, KeyError, ValueError, OSError, ImportError)

    @app.command("init")
    def init(
        out: Annotated[Path, typer.Option("--out", "-o", help="The dataset folder to write "
                                          "(new, empty, or an earlier init output).")],
        region: Annotated[str, typer.Option(help="Region code (factors/regions.csv), e.g. "
                                            "CN-SD, CN-ZJ: grid factors and profiles.")],
        base_year: Annotated[int, typer.Option("--base-year", help="The balance's year.")],
        horizon: Annotated[int, typer.Option(help="Last model year.")],
        balance: Annotated[Path | None, typer.Option(
            help="Energy balance sheet (能源平衡表), CSV or Excel.")] = None,
        sheet: Annotated[str | None, typer.Option(
            help="The --balance workbook's sheet to read (name or 0-based number); default: "
                 "the sheet named after --base-year, else the one sheet holding a balance."
                 )] = None,
        production: Annotated[Path | None, typer.Option(
            help="Industrial output (product, value, unit[, technology], source).")] = None,
        capacity: Annotated[Path | None, typer.Option(
            help="Installed capacity (type, value, unit, source).")] = None,
        drivers: Annotated[Path | None, typer.Option(
            help="GDP, population ... (driver, year, value, unit, source).")] = None,
        growth: Annotated[Path | None, typer.Option(
            help="Growth rates (driver, start, end, rate, source).")] = None,
        committed: Annotated[Path | None, typer.Option(
            help="Committed projects (type, year, value, unit, source).")] = None,
        captive: Annotated[Path | None, typer.Option(
            help="Captive plants (part, code, value, unit, source): power units by "
                 "capacity type, heat plants (boilers, CHP heat) by heat type; the dataset "
                 "gets regions city and captive.")] = None,
        workbook: Annotated[Path | None, typer.Option(
            help="A filled workbook of 'carbonpath template' instead of the files.")] = None,
        mapping: Annotated[Path | None, typer.Option(
            help="An edited copy of catalogue/mapping.csv.")] = None,
        method: Annotated[str, typer.Option(help="Emissions method: provincial or gpc.")
                          ] = "provincial",
        model_hours: Annotated[int, typer.Option(
            "--model-hours", help="Model blocks per representative day.")] = 12,
        allow_implausible: Annotated[bool, typer.Option(
            "--allow-implausible", help="Accept values outside their plausible ranges: "
            "calibrated plant efficiencies and full-load hours, production quantities against "
            "their sector's energy, and the balance's first-law checks (a warning and a "
            "README line each). Driver ranges are never overridden.")] = False,
    ) -> None:
        """Write a dataset calibrated to its inventory from a city's statistics."""
        from carbonpath.init import check_options, init_dataset, init_from_workbook

        options = {"region": region, "base_year": base_year, "horizon": horizon, "out": out,
                   "mapping": mapping, "method": method, "model_hours": model_hours,
                   "allow_implausible": allow_implausible}
        try:
            check_options(base_year, horizon, model_hours, method, cli=True)  # K88
            if workbook is not None:
                if any(x is not None for x in (balance, production, capacity, drivers, growth,
                                               committed, captive)):
                    raise ValueError("give --workbook or the input files, not both")
                if sheet is not None:  # round 25 KA118: --sheet is no input file
                    raise ValueError(f"--sheet {sheet} picks a sheet of a --balance workbook; "
                                     "--workbook always reads its balance from its sheet "
                                     "'balance' (and each other input from the sheet of its "
                                     "name): leave --sheet out")
                result = init_from_workbook(workbook, **options)
            else:
                missing = [n for n, v in (("--balance", balance), ("--capacity", capacity),
                                          ("--drivers", drivers)) if v is None]
                if missing:
                    raise ValueError(f"missing {', '.join(missing)} (or give --workbook)")
                result = init_dataset(balance, capacity=capacity, drivers=drivers,
                                      production=production, growth=growth,
                                      committed=committed, captive=captive, sheet=sheet,
                                      **options)
        except errors as exc:
            fail(exc)
        for notice in result.notices:
            typer.echo(f"notice: {notice}")
        typer.echo(f"wrote {result.folder} ({len(result.files)} files, "
                   f"{len(result.mapped)} balance cells mapped)")
        for item in result.replace_first[:5]:
            typer.echo(f"  replace first: {item}")
        typer.echo(f"next: carbonpath run {shell_word(result.folder)}")  # KF72: pasteable

    @app.command("template")
    def template(
        path: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).")],
    ) -> None:
        """Write the planner's workbook: one sheet per input, bilingual headers."""
        from carbonpath.init.workbook import write_template

        try:
            typer.echo(write_template(path))
        except (*errors, FileExistsError) as exc:
            fail(exc)

    @app.command("catalogue")
    def catalogue(
        category: Annotated[str | None, typer.Argument(
            help="Only this category (power, heat, industry, transport ...).")] = None,
    ) -> None:
        """List the technology catalogue (code, category, name, units, status)."""
        from carbonpath.catalogue import load_catalogue

        try:
            cat = load_catalogue()
        except errors as exc:
            fail(exc)
        techs = cat.technologies
        if category is not None:
            if category not in set(techs["category"]):
                hint = ("; the measure classes (grid_import_green, smelter_load_flex, "
                        "freight_shift_*, building_retrofit_north) are listed under supply, "
                        "storage, transport and buildings"
                        if category.strip().lower() in ("measure", "measures") else "")
                fail(ValueError(f"unknown category '{category}'; valid: "
                                f"{', '.join(sorted(set(techs['category'])))}{hint}"))
            techs = techs[techs["category"] == category]
        typer.echo(f"technology catalogue {cat.version} ({len(techs)} technologies)")
        for t in techs.itertuples():
            typer.echo(f"{t.technology:<24} {t.category:<10} {t.capacity_unit:>9} "
                       f"{t.name} ({t.name_zh})")
