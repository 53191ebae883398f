"""Render a saved run as a self-contained HTML report and a Markdown report with figures.

:func:`render_report` reads only the results folder (:func:`carbonpath.run.load_results`),
so ``carbonpath report DIR`` reproduces a report without solving again. The HTML embeds its
figures as base64 PNG and its CSS inline, and references nothing outside itself; the
Markdown links to ``figures/*.png``. Everything is written into a staging folder beside
``out_dir`` and moved into place at the end (:mod:`carbonpath.outputs`): a failed render
leaves the previous report, and files carbonpath did not write are never replaced. The
report holds no date or timing (those stay in ``results/run.json``): the same results give
the same report, byte for byte.
"""

from __future__ import annotations

import os
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

import carbonpath
from carbonpath._checks import check_types, home_path
from carbonpath._memory import frozen_heap
from carbonpath.errors import ArgumentValueError
from carbonpath.output_changes import UnverifiedResultsWarning, changed_results, unverified_text
from carbonpath.outputs import prepare
from carbonpath.report.caveats import caveats
from carbonpath.report.destination import refuse_other_run, run_mark
from carbonpath.report.figures import FIGURES as FIGURE_LIST
from carbonpath.report.figures import REPORT_FORMATS, FigureSpec, check_formats, draw_figures
from carbonpath.report.figures_overview import OVERVIEW_FIGURES
from carbonpath.report.first_screen import first_screen
from carbonpath.report.fonts import FigureFonts, figure_fonts
from carbonpath.report.i18n import LANGUAGES
from carbonpath.report.names import annex_names, output_names
from carbonpath.report.overview import load_extras
from carbonpath.report.render_sections import (
    _annex,
    _Ctx,
    _figures,
    _inventory,
    _method,
    _repro,
    _sensitivity,
    _sources,
    _summary,
    _targets,
    year_ranges,  # noqa: F401 (old import path)
)
from carbonpath.report.templating import environment
from carbonpath.report.webfont import font_face_css, prepare_font

__all__ = ["annex_names", "build_context", "output_names", "render_report", "write_report"]


def _environment(autoescape: bool) -> jinja2.Environment:
    return environment(autoescape)  # built once per process (carbonpath.report.templating)


def _css() -> str:
    return resources.files("carbonpath.report").joinpath("templates/report.css").read_text(
        encoding="utf-8")


def build_context(result: Any, lang: str, figures: list[FigureSpec],
                  fonts: FigureFonts, extras: dict[str, pd.DataFrame] | None = None,
                  results_link: str = "results") -> dict[str, Any]:
    """Everything the templates show, formatted in ``lang``.

    Parameters
    ----------
    result : RunResult
        The saved run.
    lang : {"en", "zh"}
        Report language.
    figures : list of FigureSpec
        The drawn figures (:func:`~carbonpath.report.figures.draw_figures`).
    fonts : FigureFonts
        The figures' fonts (for the note on English labels in a Chinese report).
    extras : dict of str to pandas.DataFrame, optional
        Optional tables beside the results (:func:`~carbonpath.report.overview.load_extras`).
    results_link : str
        The results folder as a link relative to the report (for the annex's CSV links).

    Returns
    -------
    dict
        Template variables: ``t``, ``lang``, titles, ``overview`` (the first screen,
        :func:`~carbonpath.report.first_screen.first_screen`), ``overview_figures``,
        ``summary``, ``figures``, ``targets``, ``sensitivity``, ``inventory``, ``sources``,
        ``method``, ``repro``, ``sections``, ``annex`` (the annex's tables), ``annex_link``.
    """
    c = _Ctx(result, lang)
    overview_names = {name for name, _ in OVERVIEW_FIGURES}
    first = [f for f in figures if f.name in overview_names]
    figures = [f for f in figures if f.name not in overview_names]
    t = c.t
    meta = result.meta
    ds = meta.get("dataset", {})
    sections = [("overview", t("sec_overview")),
                ("summary", t("sec_summary")), ("figures", t("sec_figures")),
                ("targets", t("sec_targets")), ("sensitivity", t("sec_sensitivity")),
                ("inventory", t("sec_inventory")), ("sources", t("sec_sources")),
                ("method", t("sec_method")), ("reproducibility", t("sec_repro"))]
    annex_html, annex_md = annex_names(lang)
    context = {
        "t": t, "lang": lang,
        "title": t("doc_title"),
        "subtitle": t("doc_subtitle", title=ds.get("title", ds.get("name", "")),
                      region=ds.get("region", ""), base=ds.get("base_year", ""),
                      horizon=ds.get("horizon", "")),
        "generated": t("generated",
                       version=meta.get("carbonpath_version", carbonpath.__version__)),
        "unit_note": t("unit_note", em=c.unit("emissions"), en=c.unit("energy"),
                       money=c.unit("money"), price_year=ds.get("price_year", "")),
        "font_fallback": fonts.fallback,
        "caveats": caveats(t, meta, extras or {}),
        "sections": sections,
        "summary": _summary(c),
        "figures": _figures(figures, embed=False, folder=output_names(lang)[2]),
        "figures_folder": output_names(lang)[2],
        "targets": _targets(c),
        "sensitivity": _sensitivity(c),
        "inventory": _inventory(c),
        "sources": _sources(c),
        "method": _method(c),
        "repro": _repro(c),
        "overview": first_screen(c, extras or {}),
        "overview_figures": _figures(first, embed=False, folder=output_names(lang)[2]),
        "annex_link": t("annex_link", html=annex_html, md=annex_md, results=results_link),
        "report_name": output_names(lang)[0],
    }
    context["annex"] = _annex(context, c, results_link)
    return context


def render_report(results_dir: str | Path, out_dir: str | Path, lang: str = "en",
                  fonts: FigureFonts | None = None,
                  montecarlo: str | Path | None = None,
                  formats: tuple[str, ...] | list[str] = REPORT_FORMATS) -> dict[str, Path]:
    """Render the report of a saved run.

    Parameters
    ----------
    results_dir : str or pathlib.Path
        A results folder written by :func:`carbonpath.run.save_results` (or the run folder
        that holds it as ``results/``). Nothing else is read.
    out_dir : str or pathlib.Path
        Where to write ``report.html``, ``report.md`` and ``figures/`` (created if missing;
        existing report files there are replaced only once the new ones are complete, and
        only if carbonpath wrote them: :mod:`carbonpath.outputs`).
    lang : {"en", "zh"}
        Report language. Figures of a Chinese report use a CJK font when one is installed,
        else English labels (the report says so). A Chinese report is written as
        ``report.zh.html``, ``report.zh.md`` and ``figures.zh/`` (:func:`output_names`), so
        that it sits beside the English one.
    fonts : FigureFonts, optional
        Override the figure fonts (default :func:`~carbonpath.report.fonts.figure_fonts`).
    montecarlo : str or pathlib.Path, optional
        A result store of ``carbonpath montecarlo`` on the results' dataset: the first screen
        then shows the probability of peaking by the target year per scenario, a fan chart of
        emissions and, with enough samples, the inputs that decide the peak
        (:func:`carbonpath.report.montecarlo.montecarlo_extras`; it takes the place of a
        ``montecarlo`` table in the results folder).
    formats : sequence of {"png", "svg"}
        The files of each figure: PNG (default; both pages show it) and, if asked for, SVG
        (vector, for print and editing; writing it costs about as much again as the PNG).

    Returns
    -------
    dict of str to pathlib.Path
        ``"html"`` and ``"markdown"`` -> the reports; ``"annex_html"`` and
        ``"annex_markdown"`` -> the annex of full tables (:func:`annex_names`), which links
        each table's CSV file in the results folder; ``"<figures>/<name>.png"`` (and
        ``"<figures>/<name>.svg"`` with SVG in ``formats``) -> each drawn figure
        (``<figures>`` as in :func:`output_names`).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"en"`` or ``"zh"`` (:class:`~carbonpath.errors.ArgumentValueError`),
        or ``formats`` holds an unknown format or lacks PNG.
    ResultsError
        If ``results_dir`` holds no results, or damaged ones (names the file and what is
        missing).
    OutputFolderError
        If ``out_dir`` cannot take the report: it is a file or read-only, or it holds a file
        of the report's names (or in its figures folder) that carbonpath did not write, or
        another run's results or report (:func:`carbonpath.report.destination.refuse_other_run`).
    ArgumentTypeError
        If an argument is of the wrong type.
    StoreMismatchError
        If the ``montecarlo`` store was made from another dataset than the results.

    Warns
    -----
    UnverifiedResultsWarning
        If no manifest lists the results (a copy that skipped the hidden
        ``.carbonpath-manifest.json``), so edits cannot be detected; the report's "Read with
        care" box says so too.
    """
    from carbonpath.run import load_results

    check_types("render_report", results_dir=(results_dir, (str, os.PathLike)),
                out_dir=(out_dir, (str, os.PathLike)), lang=(lang, str),
                fonts=(fonts, FigureFonts, None),
                montecarlo=(montecarlo, (str, os.PathLike), None),
                formats=(formats, (tuple, list)))
    results_dir, montecarlo = home_path(results_dir), home_path(montecarlo)  # ZE108
    formats = check_formats(formats)
    if lang not in LANGUAGES:
        msg = f"unknown report language '{lang}'; valid: {', '.join(LANGUAGES)}"
        raise ArgumentValueError(msg)
    html_name, md_name, folder = output_names(lang)
    annex_html, annex_md = annex_names(lang)
    refuse_other_run(out_dir, results_dir, "out_dir")  # round 27 KC01, KC101
    with prepare(out_dir, will_write=[html_name, md_name, annex_html, annex_md,
                                      f"{folder}/"], option="out_dir") as staged:  # U150
        result = load_results(results_dir)
        extras = load_extras(results_dir)
        if montecarlo is not None:
            from carbonpath.report.montecarlo import montecarlo_extras

            extras.update(montecarlo_extras(montecarlo, result))
        extras["edited_results"] = _edited(results_dir)  # R11: the report says so on top
        if changed_results(results_dir) is None:  # X103: no manifest, nothing checked
            warnings.warn(unverified_text(results_dir), UnverifiedResultsWarning, stacklevel=2)
            extras["unverified_results"] = True
        link = _results_link(results_dir, staged.dest)
        extras["run_mark"] = run_mark(results_dir, link)  # names the run (KC101)
        written = write_report(result, staged.staging, lang, fonts, extras, link, formats)
    return {key: staged.dest / path.relative_to(staged.staging) for key, path in written.items()}


def _edited(results_dir: str | Path) -> list[str]:
    """The result files changed since the run wrote them, relative to ``results/``."""
    folder = Path(results_dir).resolve()
    results = folder / "results" if (folder / "results").is_dir() else folder
    return [path.relative_to(results).as_posix() if path.is_relative_to(results) else path.name
            for path in changed_results(results_dir) or []]


def write_report(result: Any, out: Path, lang: str = "en", fonts: FigureFonts | None = None,
                 extras: dict[str, Any] | None = None, results_link: str = "results",
                 formats: tuple[str, ...] | list[str] = REPORT_FORMATS) -> dict[str, Path]:
    """Write the report of a loaded run into ``out``, a fresh (staging) folder.

    No destination checks: callers stage through :func:`carbonpath.outputs.prepare`
    (:func:`render_report` and :func:`carbonpath.run.run` do). ``extras`` are the optional
    tables of :func:`carbonpath.report.overview.load_extras` (Monte Carlo store, wedges,
    MACC, published statistics); ``results_link`` the results folder relative to ``out``.
    Other parameters and the return value as :func:`render_report`.
    """
    with frozen_heap():  # the collector walks the report's objects only (much less CPU)
        return _write_report(result, out, lang, fonts, extras, results_link, formats)


def _write_report(result: Any, out: Path, lang: str, fonts: FigureFonts | None,
                  extras: dict[str, Any] | None, results_link: str,
                  formats: tuple[str, ...] | list[str]) -> dict[str, Path]:
    html_name, md_name, folder = output_names(lang)
    annex_html, annex_md = annex_names(lang)
    fonts = fonts or figure_fonts(lang)
    specs = draw_figures(result, out / folder, lang, fonts,
                         figures=[*OVERVIEW_FIGURES, *FIGURE_LIST], extras=extras or {},
                         formats=formats)
    _drop_font_faces()  # the figures are drawn: FreeType's faces (the CJK one is large) go
    context = build_context(result, lang, specs, fonts, extras or {}, results_link)
    first = [s for s in specs if s.name in {n for n, _ in OVERVIEW_FIGURES}]
    rest = [s for s in specs if s not in first]
    html_env, md_env = _environment(True), _environment(False)
    pages = {
        html_name: html_env.get_template("report.html.j2").render(
            {**context, "figures": _figures(rest, embed=True, folder=folder),
             "overview_figures": _figures(first, embed=True, folder=folder),
             "css": _css()}),
        md_name: md_env.get_template("report.md.j2").render(context),
        annex_html: html_env.get_template("annex.html.j2").render({**context, "css": _css()}),
        annex_md: md_env.get_template("annex.md.j2").render(context),
    }
    prepare_font([text for name, text in pages.items() if name.endswith(".html")])
    for name, text in pages.items():
        if name.endswith(".html"):  # the page's Chinese glyphs, embedded
            text = text.replace("<style>\n", "<style>\n" + font_face_css(text), 1)
        text += (extras or {}).get("run_mark", "")
        (out / name).write_text(text, encoding="utf-8")
    written = {"html": out / html_name, "markdown": out / md_name,
               "annex_html": out / annex_html, "annex_markdown": out / annex_md}
    for spec in specs:
        for file in (spec.png, spec.svg):
            if file is not None:
                written[f"{folder}/{file.name}"] = file
    return written


def _drop_font_faces() -> None:
    """Close the font faces matplotlib keeps open (reopened on the next figure's first use)."""
    from matplotlib import font_manager

    font_manager._get_font.cache_clear()


def _results_link(results_dir: str | Path, out: Path) -> str:
    """The results folder as a link relative to the report's folder (POSIX separators)."""
    folder = Path(results_dir)
    if (folder / "results" / "run.json").exists():
        folder = folder / "results"
    return Path(os.path.relpath(folder.resolve(), out.resolve())).as_posix()
