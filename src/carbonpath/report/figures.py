"""The report's figures, drawn with matplotlib (Agg, no pyplot state) as PNG and SVG.

Each ``figure_*`` function takes a :class:`FigureContext` and returns a matplotlib
:class:`~matplotlib.figure.Figure`, or None when the dataset has nothing to show (the report
then says why). :func:`draw_figures` draws them all with the fonts chosen by
:func:`~carbonpath.report.fonts.figure_fonts` and saves each under ``figures/``.
Every label passes through :meth:`FigureContext.label`, which keeps text the fonts cannot
draw out of the figure.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from carbonpath.report import tables as T
from carbonpath.report.classify import POWERTRAINS, classify_technologies, sector_table
from carbonpath.report.fonts import FigureFonts, figure_fonts
from carbonpath.report.formatting import fmt, local_name
from carbonpath.report.i18n import (
    SCENARIO_NAMES,
    DisplayUnits,
    display_units,
    group_label,
    translator,
)
from carbonpath.report.overview import peak_binding

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = ["FIGURES", "FORMATS", "FigureContext", "FigureSpec", "Skip", "draw_figures",
           "freeze_layout", "make_context", "save_figure"]

# A calm qualitative palette for sectors and components (colour-blind friendly order).
SECTOR_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
                 "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f4e79", "#8cd17d",
                 "#b6992d", "#499894", "#d37295", "#86bcb6", "#fabfd2", "#79706e"]
FOSSIL_COLORS = ["#5b4636", "#8c6d51", "#b8926a", "#d9b48f", "#e8a15c", "#c8733b"]
NONFOSSIL_COLORS = ["#f2b701", "#3c9ab2", "#6aa84f", "#a4c639", "#ffd966", "#2e7d6b"]
HYDROGEN_COLORS = ["#17becf", "#6fd3e0", "#0e8a96"]
STORAGE_COLORS = ["#7b5ea7", "#a98bd1", "#5a3e85"]
IMPORT_COLORS = ["#9e9e9e", "#c7c7c7", "#6f6f6f"]
ELECTROLYSIS_COLORS = ["#d62f8b", "#f07cb6"]
POWERTRAIN_COLORS = {"BEV": "#3c9ab2", "PHEV": "#76b7b2", "FCEV": "#17becf", "ICE": "#8c6d51",
                     "other": "#bab0ac"}
COMPONENT_COLORS = {"investment": "#4e79a7", "fixed_om": "#76b7b2", "variable": "#f28e2b"}
INK = "#222222"
GRID = "#e3e3e3"

STYLE = {
    "figure.facecolor": "white", "axes.facecolor": "white", "axes.edgecolor": "#888888",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "axes.grid.axis": "y", "grid.color": GRID, "grid.linewidth": 0.8,
    "axes.axisbelow": True, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.labelsize": 9.5, "axes.labelcolor": INK, "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5, "xtick.color": "#444444", "ytick.color": "#444444",
    "legend.fontsize": 8, "legend.frameon": False, "font.size": 9.5,
}

DPI = 150


@dataclass
class FigureContext:
    """Everything a figure needs: results, classification, language, fonts and units.

    Attributes
    ----------
    result : RunResult
        The saved run.
    classes : pandas.DataFrame
        :func:`~carbonpath.report.classify.classify_technologies` of the dataset.
    fonts : FigureFonts
        Fonts and label language.
    t : callable
        String lookup in the figures' label language.
    units : DisplayUnits
        Display units of the label language.
    plan, base : str or None
        Scenario names of the plan and the baseline.
    extras : dict of str to pandas.DataFrame
        Optional tables found beside the results
        (:func:`~carbonpath.report.overview.load_extras`).
    """

    result: RunResult
    classes: pd.DataFrame
    fonts: FigureFonts
    t: Callable[..., Any]
    units: DisplayUnits
    plan: str | None
    base: str | None
    sectors: pd.DataFrame = field(default_factory=sector_table)
    extras: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """Language of the figure labels."""
        return self.fonts.lang

    def label(self, text: object, code: str | None = None) -> str:
        """A label the fonts can draw (:meth:`FigureFonts.label`)."""
        return self.fonts.label(str(text), code)

    def scenario(self, name: str | None) -> str:
        """Display name of a scenario (the roles' usual names translated), else its code."""
        if name in SCENARIO_NAMES:
            return self.label(self.t(f"scn_{name}"), name)
        return self.label(name or "")

    def sector(self, code: str) -> str:
        """Display name of a sector code (carbonpath's sector list), else the code."""
        if code == T.IMPORT_CATEGORY:
            return self.label(self.t("cat_electricity_net_import"), code)
        if code in self.sectors.index:
            column = "name_zh" if self.lang == "zh" else "name_en"
            name = self.sectors.loc[code, column]
            return self.label(name[:1].upper() + name[1:] if self.lang == "en" else name, code)
        return self.label(code)

    def technology(self, code: str) -> str:
        """Display name of a technology (its name in the dataset), else the code."""
        if code in self.classes.index:
            return self.label(local_name(str(self.classes.loc[code, "name"]), self.lang), code)
        if code == "storage_losses":
            return self.label(self.t("cat_storage_losses"), code)
        return self.label(code)

    def commodity_name(self, code: str) -> str:
        """The dataset's name of a commodity as given ('' when it has none)."""
        com = self.result.dataset_tables.get("commodities")
        if com is not None and not com.empty and code in set(com["commodity"]):
            name = com.loc[com["commodity"] == code, "name"].iloc[0]
            if isinstance(name, str):
                return name.strip()
        return ""

    def commodity(self, code: str) -> str:
        """Display name of a commodity (its name in the dataset), else the code."""
        com = self.result.dataset_tables.get("commodities")
        if com is not None and not com.empty and code in set(com["commodity"]):
            name = com.loc[com["commodity"] == code, "name"].iloc[0]
            if isinstance(name, str) and name.strip():
                return self.label(local_name(name, self.lang), code)
        return self.label(code)

    @property
    def gas(self) -> str:
        """The targets' gas basis."""
        return self.result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")


@dataclass
class FigureSpec:
    """One figure of the report: where it was saved, or why it was skipped.

    Attributes
    ----------
    name : str
        File stem under ``figures/`` (``emissions``, ``energy_mix`` ...).
    title, caption : str
        In the report's language.
    png, svg : pathlib.Path or None
        The saved files (None when skipped).
    skipped : str
        Why there is no figure ('' when drawn).
    """

    name: str
    title: str
    caption: str
    png: Path | None = None
    svg: Path | None = None
    skipped: str = ""


@dataclass
class Skip:
    """What a figure function returns when it draws nothing for a reason worth saying.

    Attributes
    ----------
    key : str
        The :mod:`~carbonpath.report.i18n` string that says why (in the report's language).
    values : dict
        Values formatted into that string.
    """

    key: str
    values: dict[str, Any] = field(default_factory=dict)


def make_context(result: RunResult, fonts: FigureFonts) -> FigureContext:
    """Build the :class:`FigureContext` of a run for the given fonts."""
    gas = result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")
    return FigureContext(result=result, classes=classify_technologies(result.dataset_tables),
                         fonts=fonts, t=translator(fonts.lang),
                         units=display_units(fonts.lang, gas), plan=T.plan_name(result),
                         base=T.baseline_name(result))


# -- helpers -------------------------------------------------------------------------------

def _new(width: float = 9.0, height: float = 4.4, ncols: int = 1, nrows: int = 1
         ) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


def _minus(text: str) -> str:
    """``text`` with the minus sign the font chain draws (U+2212, else the hyphen-minus)."""
    return text.replace("-", "\u2212") if mpl.rcParams["axes.unicode_minus"] else text


def _tick_text(value: float, span: float) -> str:
    """A y tick label: noise below 1e-9 of the axis span is 0 (no ``-0``, no ``1e-13``)."""
    if abs(value) < max(1e-9 * abs(span), 1e-12):
        return "0"
    return _minus(f"{value:,.6g}")


def _number_axis(ax: Any) -> None:
    def tick(value: float, _pos: Any) -> str:
        """Format one tick of this axis."""
        low, high = ax.get_ylim()
        return _tick_text(value, high - low)

    ax.yaxis.set_major_formatter(FuncFormatter(tick))


def _value_text(value: float, digits: int | None = None, scale: float = 0.0) -> str:
    """A number written on a figure, as :func:`~carbonpath.report.formatting.fmt` writes it.

    Noise below :data:`~carbonpath.report.tables.ZERO`, or below 1e-9 of ``scale``, is 0;
    the minus sign is the one the font chain draws.
    """
    if abs(value) < max(T.ZERO, 1e-9 * abs(scale)):
        value = 0.0
    text = fmt(value, digits)
    return text if mpl.rcParams["axes.unicode_minus"] else text.replace("\u2212", "-")


def _year_axis(ax: Any, years: Sequence[int], max_ticks: int = 12) -> None:
    """Label the year axis with at most ``max_ticks`` years (fewer on narrow panels)."""
    years = sorted({int(y) for y in years})
    if 0 < len(years) <= max_ticks:
        ax.set_xticks(years)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=max_ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{round(v)}"))
    if years:
        ax.set_xlim(min(years) - 0.7, max(years) + 0.7)


def _stacked_bars(ax: Any, wide: pd.DataFrame, colors: dict[str, str],
                  labels: dict[str, str], width: float = 0.72) -> None:
    """Stack positive values upward and negative values downward, one bar per year."""
    x = np.asarray(wide.index, dtype=float)
    wide = T.snap(wide)
    up = np.zeros(len(x))
    down = np.zeros(len(x))
    for col in wide.columns:
        values = wide[col].to_numpy(dtype=float)
        pos = np.where(values > 0, values, 0.0)
        neg = np.where(values < 0, values, 0.0)
        drawn = False
        if pos.any():
            ax.bar(x, pos, width, bottom=up, color=colors[col], label=labels[col],
                   edgecolor="white", linewidth=0.4)
            up += pos
            drawn = True
        if neg.any():
            ax.bar(x, neg, width, bottom=down, color=colors[col],
                   label=None if drawn else labels[col], edgecolor="white", linewidth=0.4)
            down += neg
    if (down < 0).any():
        ax.axhline(0, color="#666666", linewidth=0.8)


def _legend(ax: Any, ncol: int = 1, reverse: bool = True) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    if reverse:
        handles, labels = handles[::-1], labels[::-1]
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), ncol=ncol,
              borderaxespad=0.0, handlelength=1.4)


def _cycle(palette: Sequence[str], i: int) -> str:
    return palette[i % len(palette)]


def _sector_colors(columns: Sequence[str]) -> dict[str, str]:
    colors = {}
    i = 0
    for col in columns:
        if col == T.IMPORT_CATEGORY:
            colors[col] = IMPORT_COLORS[0]
        else:
            colors[col] = _cycle(SECTOR_COLORS, i)
            i += 1
    return colors


def _tech_colors(columns: Sequence[str], classes: pd.DataFrame) -> dict[str, str]:
    counters: dict[str, int] = {}
    colors = {}
    for col in columns:
        if col not in classes.index:
            palette = STORAGE_COLORS if col == "storage_losses" else IMPORT_COLORS
        else:
            row = classes.loc[col]
            if row["electrolysis"]:
                palette = ELECTROLYSIS_COLORS
            elif row["power_storage"] or row["kind"] == "storage":
                palette = STORAGE_COLORS
            elif row["kind"] in ("import", "export"):
                palette = IMPORT_COLORS
            elif "hydrogen" in row["input_kinds"] or "hydrogen" in row["output_kinds"]:
                palette = HYDROGEN_COLORS
            elif row["nonfossil"]:
                palette = NONFOSSIL_COLORS
            else:
                palette = FOSSIL_COLORS
        key = palette[0]
        colors[col] = _cycle(palette, counters.get(key, 0))
        counters[key] = counters.get(key, 0) + 1
    return colors


# -- figures -------------------------------------------------------------------------------

def figure_emissions(ctx: FigureContext) -> Figure | None:
    """Emissions by sector (plan) with each scenario's total, the cap and the peak."""
    result, t = ctx.result, ctx.t
    if ctx.plan is None:
        return None
    meta = result.meta.get("dataset", {}).get("emissions", {})
    wide = T.emissions_by_sector(result.pathways[ctx.plan], ctx.gas, meta.get("gwp"))
    totals = T.emissions_totals(result)
    if wide.empty and totals.empty:
        return None
    label, factor = ctx.units.emissions
    fig, axes = _new(9.5, 4.8)
    ax = axes[0, 0]
    if not wide.empty:
        _stacked_bars(ax, wide * factor, _sector_colors(wide.columns),
                      {c: ctx.sector(c) for c in wide.columns})
    styles = {ctx.base: {"color": "#555555", "linestyle": "--", "linewidth": 1.6},
              ctx.plan: {"color": INK, "linestyle": "-", "linewidth": 2.0}}
    others = ["#b07aa1", "#9c755f", "#e15759", "#76b7b2"]
    halo = [patheffects.withStroke(linewidth=4.0, foreground="white")]
    for i, name in enumerate(totals.columns):
        style = styles.get(name, {"color": _cycle(others, i), "linestyle": "-.", "linewidth": 1.4})
        ax.plot(totals.index, totals[name] * factor, marker="o", markersize=3, zorder=4,
                path_effects=halo,
                label=ctx.label(t("lg_total", scenario=ctx.scenario(name))), **style)
    for level, years in T.cap_levels(result):
        x0, x1 = (min(years) - 0.4, max(years) + 0.4) if years else (
            totals.index.min() - 0.4, totals.index.max() + 0.4)
        ax.hlines(level * factor, x0, x1, colors="#c0392b", linestyles="--", linewidth=1.4,
                  label=ctx.label(t("lg_cap")))
    target = result.meta.get("scenarios", {}).get(ctx.plan, {}).get("target_peak_year")
    if target:
        ax.axvline(target, color="#c0392b", linestyle=":", linewidth=1.4,
                   label=ctx.label(t("lg_peak_target", year=int(target))))
    ax.set_ylim(bottom=min(0, ax.get_ylim()[0]))
    if ctx.plan in totals.columns:
        series = totals[ctx.plan].dropna()
        year, level = int(series.idxmax()), float(series.max())
        ax.plot([year], [level * factor], marker="*", markersize=15, color="#c0392b",
                markeredgecolor="white", zorder=6, linestyle="none",
                label=ctx.label(t("lg_peak", year=year)))
        caps = [lv * factor for lv, _ in T.cap_levels(result)]
        _peak_label(ax, year, level * factor, caps,
                    _value_text(level * factor, ctx.units.places("emissions")))
    ax.set_ylabel(ctx.label(t("ax_emissions", unit=label)))
    ax.set_title(ctx.label(t("fig_emissions")), loc="left")
    _year_axis(ax, list(totals.index))
    _number_axis(ax)
    _legend(ax)
    return fig


def _peak_label(ax: Any, year: int, level: float, lines: Sequence[float], text: str) -> None:
    """Write the peak's value beside its marker, clear of any horizontal line (a cap).

    Above the marker unless a line lies within 12 % of the axis height above it; then below.
    """
    low, high = ax.get_ylim()
    near = any(0 <= line - level < 0.12 * (high - low) for line in lines)
    ax.annotate(text, (year, level), xytext=(9, -15 if near else 9),
                textcoords="offset points", fontsize=8.5, color="#c0392b",
                fontweight="bold", zorder=7,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                      "alpha": 0.85})


def figure_energy_mix(ctx: FigureContext) -> Figure | None:
    """Energy consumption by source (plan), with the non-fossil share on a second axis."""
    if ctx.plan is None:
        return None
    tables = ctx.result.pathways[ctx.plan]
    wide = T.energy_mix(tables, ctx.classes, ctx.result.dataset_tables.get("commodities"))
    if wide.empty:
        return None
    label, factor = ctx.units.energy
    nonfossil = set(wide.attrs.get("nonfossil", []))
    fossil_cols = [c for c in wide.columns if c not in nonfossil and c != T.IMPORT_CATEGORY]
    order = fossil_cols + [c for c in wide.columns if c == T.IMPORT_CATEGORY] + [
        c for c in wide.columns if c in nonfossil]
    wide = wide[order]
    colors, labels = {}, {}
    fi = ni = 0
    for col in wide.columns:
        if col == T.IMPORT_CATEGORY:
            colors[col] = IMPORT_COLORS[0]
            labels[col] = ctx.label(ctx.t("cat_electricity_net_import"), col)
        elif col in nonfossil:
            colors[col] = _cycle(NONFOSSIL_COLORS, ni)
            ni += 1
        else:
            colors[col] = _cycle(FOSSIL_COLORS, fi)
            fi += 1
        if col not in labels:
            if col in ("fossil", "nonfossil"):
                labels[col] = ctx.label(ctx.t(f"cat_{col}"), col)
            elif col in ctx.classes.index:
                labels[col] = ctx.technology(col)
            else:
                labels[col] = ctx.commodity(col)
    fig, axes = _new(9.5, 4.6)
    ax = axes[0, 0]
    _stacked_bars(ax, wide * factor, colors, labels)
    energy = tables.get("energy")
    if energy is not None and not energy.empty and "share" in energy.columns:
        ax2 = ax.twinx()
        ax2.plot(energy["year"], energy["share"] * 100, color="#2e7d32", marker="o",
                 markersize=3, linewidth=1.8)
        ax2.set_ylabel(ctx.label(ctx.t("h_share_of", scenario=ctx.scenario(ctx.plan)))
                       + " (%)", color="#2e7d32")
        ax2.set_ylim(0, max(100.0, float(np.nanmax(energy["share"] * 100)) * 1.1))
        ax2.tick_params(axis="y", colors="#2e7d32")
        ax2.grid(False)
        ax2.spines["right"].set_visible(True)
    ax.set_ylabel(ctx.label(ctx.t("ax_energy", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_energy_mix")), loc="left")
    _year_axis(ax, list(wide.index))
    _number_axis(ax)
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.08, 1.0),
              borderaxespad=0.0)
    return fig


def figure_power(ctx: FigureContext) -> Figure | None:
    """Installed capacity, and electricity supplied by technology with local generation (plan).

    Left: the capacity of generators, storage and electrolysers (grid links are not built
    capacity and are left out). Right: electricity only (a CHP plant's steam and heat are
    not electricity), in the display unit of electricity; grid imports and exports are drawn
    as flows (exports below zero), and a line marks local generation, the figure statistics
    publish as 发电量.
    """
    if ctx.plan is None:
        return None
    tables = ctx.result.pathways[ctx.plan]
    commodities = ctx.result.dataset_tables.get("commodities")
    cap = T.power_capacity(tables, ctx.classes)
    gen = T.power_generation(tables, ctx.classes,
                             T.timeslice_hours(ctx.result.meta, ctx.plan), commodities)
    if cap.empty and gen.empty:
        return None
    columns = list(dict.fromkeys([*cap.columns, *gen.columns]))
    colors = _tech_colors(columns, ctx.classes)
    labels = {c: ctx.technology(c) for c in columns}
    fig, axes = _new(11.0, 4.6, ncols=2)
    p_label, p_factor = ctx.units.power
    e_label, e_factor = ctx.units.electricity
    for ax, wide, factor, ylabel, title in (
            (axes[0, 0], cap, p_factor, ctx.t("ax_capacity", unit=p_label),
             ctx.t("panel_capacity")),
            (axes[0, 1], gen, e_factor, ctx.t("ax_electricity", unit=e_label),
             ctx.t("panel_generation"))):
        if not wide.empty:
            _stacked_bars(ax, wide * factor, colors, labels)
            _year_axis(ax, list(wide.index), max_ticks=5)  # two panels beside a legend
        ax.set_ylabel(ctx.label(ylabel))
        ax.set_title(ctx.label(title), loc="left")
        _number_axis(ax)
    generation = gen.attrs.get("generation", []) if not gen.empty else []
    if generation:
        local = gen[generation].sum(axis=1) * e_factor
        axes[0, 1].plot(local.index, local.to_numpy(), color=INK, marker="o", markersize=3,
                        linewidth=1.6, label=ctx.label(ctx.t("lg_generation")))
    _shared_legend(fig, (axes[0, 0], axes[0, 1]), ctx.label(ctx.t("fig_power")))
    return fig


def _shared_legend(fig: Figure, axes: Any, title: str) -> None:
    """One legend for several panels (each label once, stacking order) and the title."""
    handles, names = [], []
    for ax in axes:
        for h, n in zip(*ax.get_legend_handles_labels(), strict=True):
            if n not in names:
                handles.append(h)
                names.append(n)
    fig.legend(handles[::-1], names[::-1], loc="outside right upper")
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)


def figure_hydrogen(ctx: FigureContext) -> Figure | Skip | None:
    """Hydrogen production and use by technology (plan).

    Skipped with a reason: the dataset has no hydrogen commodity; or it has one but no
    technology that makes, uses or stores it; or it has such technologies but the plan
    does not use them (every hydrogen flow zero within :data:`~carbonpath.report.tables.ZERO`).
    """
    if ctx.plan is None:
        return None
    commodities = ctx.result.dataset_tables.get("commodities")
    hydrogen = [] if commodities is None or commodities.empty else [
        str(c) for c in commodities.loc[commodities["kind"] == "hydrogen", "commodity"]]
    if not hydrogen:
        return Skip("skip_hydrogen")
    wide, unit = T.hydrogen_balance(ctx.result.pathways[ctx.plan], ctx.classes, commodities)
    if wide.empty:
        names = ", ".join(_named(c, ctx.commodity_name(c), ctx.lang) for c in hydrogen)
        techs = ctx.classes.index[ctx.classes["hydrogen"]] if not ctx.classes.empty else []
        if not len(techs):
            return Skip("skip_hydrogen_no_tech", {"commodities": names})
        return Skip("skip_hydrogen_unused", {
            "commodities": names, "n": len(techs),
            "technologies": ", ".join(_named(c, ctx.classes.loc[c, "name"], ctx.lang)
                                      for c in techs)})
    factor, label = 1.0, unit
    if unit == "GWh/yr":
        label, factor = ctx.units.electricity
    colors = _tech_colors(list(wide.columns), ctx.classes)
    labels = {c: ctx.technology(c) for c in wide.columns}
    fig, axes = _new(9.5, 4.4)
    ax = axes[0, 0]
    _stacked_bars(ax, wide * factor, colors, labels)
    ax.axhline(0, color="#666666", linewidth=0.8)
    ax.set_ylabel(ctx.label(ctx.t("ax_hydrogen", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_hydrogen")), loc="left")
    _year_axis(ax, list(wide.index))
    _number_axis(ax)
    _legend(ax, reverse=False)
    return fig


def _named(code: str, name: object, lang: str = "en") -> str:
    """``name [code]``, or the code alone when the name is missing or the code itself."""
    text = "" if name is None or name != name else local_name(str(name).strip(), lang)
    return f"{text} [{code}]" if text and text != code else code


def figure_fleet(ctx: FigureContext) -> Figure | None:
    """Vehicle stock by transport group and powertrain (plan), one panel per group."""
    if ctx.plan is None:
        return None
    fleet = T.fleet_by_powertrain(ctx.result.pathways[ctx.plan], ctx.classes)
    if fleet.empty:
        return None
    groups = list(dict.fromkeys(fleet["group"]))
    ncols = min(3, len(groups))
    nrows = int(np.ceil(len(groups) / ncols))
    fig, axes = _new(3.6 * ncols + 1.6, 3.2 * nrows + 0.4, ncols=ncols, nrows=nrows)
    v_label, v_factor = ctx.units.vehicles
    for i, group in enumerate(groups):
        ax = axes[i // ncols, i % ncols]
        sub = fleet[fleet["group"] == group]
        unit = str(sub["unit"].iloc[0])
        per_vehicle = T._to_unit(pd.Series([1.0]), pd.Series([unit]), "vehicle")
        if per_vehicle is None:
            factor, label = 1.0, unit
        else:
            factor, label = float(per_vehicle.iloc[0]) * v_factor, v_label
        wide = sub.pivot_table(index="year", columns="powertrain", values="value",
                               aggfunc="sum", fill_value=0.0)
        wide = wide[[p for p in POWERTRAINS if p in wide.columns]]
        _stacked_bars(ax, wide * factor, POWERTRAIN_COLORS,
                      {p: ctx.label(ctx.t(f"pt_{p}"), p) for p in wide.columns})
        ax.set_title(ctx.label(group_label(group, ctx.lang), group), loc="left", fontsize=10)
        ax.set_ylabel(ctx.label(ctx.t("ax_fleet", unit=label)))
        _year_axis(ax, list(wide.index), max_ticks=6)
        _number_axis(ax)
    for j in range(len(groups), nrows * ncols):
        axes[j // ncols, j % ncols].set_visible(False)
    _shared_legend(fig, axes.flat, ctx.label(ctx.t("fig_fleet")))
    return fig


def figure_costs(ctx: FigureContext) -> Figure | None:
    """Annual system cost by component (plan) with the baseline's total."""
    if ctx.plan is None:
        return None
    wide = T.costs_by_component(ctx.result.pathways[ctx.plan])
    if wide.empty:
        return None
    label, factor = ctx.units.money
    colors = {c: COMPONENT_COLORS.get(c, _cycle(SECTOR_COLORS, i + 4))
              for i, c in enumerate(wide.columns)}
    labels = {c: ctx.label(ctx.t(f"comp_{c}") if f"comp_{c}" in _COMPONENT_KEYS else c, c)
              for c in wide.columns}
    fig, axes = _new(9.5, 4.4)
    ax = axes[0, 0]
    _stacked_bars(ax, wide * factor, colors, labels)
    if ctx.base and ctx.base != ctx.plan:
        base = T.costs_by_component(ctx.result.pathways[ctx.base])
        if not base.empty:
            ax.plot(base.index, base.sum(axis=1) * factor, color=INK, linestyle="--",
                    marker="o", markersize=3, linewidth=1.5,
                    label=ctx.label(ctx.t("lg_baseline_total")))
    ax.set_ylabel(ctx.label(ctx.t("ax_cost", unit=f"{label}/a" if ctx.lang == "en"
                                  else f"{label}/年")))
    ax.set_title(ctx.label(ctx.t("fig_costs")), loc="left")
    _year_axis(ax, list(wide.index))
    _number_axis(ax)
    _legend(ax)
    return fig


_COMPONENT_KEYS = {"comp_investment", "comp_fixed_om", "comp_variable"}


def figure_marginal(ctx: FigureContext) -> Figure | None:
    """Marginal cost of emissions by year (plan), signed, with the latest peak year."""
    mc = T.marginal_costs(ctx.result)
    if ctx.plan is None or ctx.plan not in mc.columns:
        return None
    series = mc[ctx.plan]
    label, factor = ctx.units.carbon_price
    fig, axes = _new(9.0, 4.2)
    ax = axes[0, 0]
    values = T.snap(series).to_numpy(dtype=float) * factor
    colors = np.where(values < 0, "#3c78b4", "#c0392b")
    ax.bar(series.index, values, 0.68, color=colors)
    ax.axhline(0, color="#666666", linewidth=0.8)
    target = ctx.result.meta.get("scenarios", {}).get(ctx.plan, {}).get("target_peak_year")
    if target:
        ax.axvline(target, color="#c0392b", linestyle=":", linewidth=1.4,
                   label=ctx.label(ctx.t("lg_peak_target", year=int(target))))
        _legend(ax)
    for x, v in zip(series.index, values, strict=True):
        if round(v) != 0:
            ax.annotate(_value_text(v, 0), (x, v), xytext=(0, 3 if v >= 0 else -10),
                        textcoords="offset points", ha="center", fontsize=7.5, color="#444444")
    ax.set_ylabel(ctx.label(ctx.t("ax_marginal", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_marginal")), loc="left")
    _year_axis(ax, list(series.index))
    _number_axis(ax)
    return fig


def figure_peak_curve(ctx: FigureContext) -> Figure | None:
    """Cost of peaking (plan minus baseline, discounted) where the peak rule binds.

    Only the latest peak years at which the rule "no increase after that year" binds
    (:func:`~carbonpath.report.overview.peak_binding`) get a bar: elsewhere the plan's extra
    cost is that of the other targets, and the year is marked "does not bind".
    """
    curve = ctx.result.peak_curve
    if curve is None or curve.empty or "peak_year" not in curve.columns:
        return None
    binds = peak_binding(ctx.result)
    label, factor = ctx.units.money
    fig, axes = _new(9.0, 4.2)
    ax = axes[0, 0]
    years = curve["peak_year"].astype(int).to_numpy()
    cost = curve["cost_of_peaking"].astype(float).to_numpy() * factor
    target = ctx.result.meta.get("scenarios", {}).get(ctx.plan, {}).get("target_peak_year")
    colors = np.array(["#c0392b" if target and y == int(target) else "#4e79a7" for y in years])
    ok = ~np.isnan(cost)
    flag = [binds.get(y) for y in years]
    bind = np.array([f is not None and f == f and bool(f) for f in flag])  # NaN: infeasible
    shown = ok & bind
    ax.bar(years[shown], cost[shown], 0.68, color=colors[shown])
    scale = float(np.nanmax(np.abs(cost[shown]))) if shown.any() else 0.0
    for x, v in zip(years[shown], cost[shown], strict=True):
        ax.annotate(_value_text(v, scale=scale), (x, v), xytext=(0, 3 if v >= 0 else -10),
                    textcoords="offset points", ha="center", fontsize=7.5, color="#444444")
    top = scale or 1.0
    for x in years[ok & ~bind]:
        ax.annotate(ctx.label(ctx.t("lg_not_binding")), (x, top * 0.04), ha="center",
                    va="bottom", fontsize=7, color="#666666", rotation=90)
    for x in years[~ok]:
        ax.annotate("×", (x, 0), ha="center", va="bottom", fontsize=14, color="#c0392b")
        ax.annotate(ctx.label(ctx.t("lg_infeasible")), (x, top * 0.08), ha="center",
                    fontsize=7, color="#c0392b", rotation=90)
    ax.set_ylim(min(0.0, ax.get_ylim()[0]), max(top * 1.15, ax.get_ylim()[1]))
    ax.axhline(0, color="#666666", linewidth=0.8)
    ax.set_xlabel(ctx.label(ctx.t("ax_peak_year")))
    ax.set_ylabel(ctx.label(ctx.t("ax_cost_of_peaking", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_peak_curve")), loc="left")
    _year_axis(ax, list(years))
    _number_axis(ax)
    return fig


#: The figures in report order: (file stem, drawing function); strings are fig_, cap_ and
#: skip_ + the stem in :mod:`carbonpath.report.i18n`.
FIGURES: list[tuple[str, Callable[[FigureContext], Figure | Skip | None]]] = [
    ("emissions", figure_emissions),
    ("energy_mix", figure_energy_mix),
    ("power", figure_power),
    ("hydrogen", figure_hydrogen),
    ("fleet", figure_fleet),
    ("costs", figure_costs),
    ("marginal", figure_marginal),
    ("peak_curve", figure_peak_curve),
]


def method_names(meta: dict[str, Any], t: Callable[..., Any]) -> dict[str, str]:
    """Display names of the run's emissions method and primary-electricity convention.

    Returns
    -------
    dict
        ``method`` (e.g. "provincial" / 省级核算方法) and ``primary`` (e.g. "coal-consumption").
    """
    settings = meta.get("dataset", {})
    method = settings.get("emissions", {}).get("method", "")
    primary = settings.get("energy", {}).get("primary_electricity", "")
    return {"method": t(f"mname_{method}") if method in ("provincial", "gpc") else method,
            "primary": (t(f"primary_{primary}") if primary in ("coal_consumption", "calorific")
                        else primary)}


#: The formats each figure is written in, from one laid-out figure: PNG (embedded in the
#: HTML, linked from the Markdown) and SVG (for print and editing).
FORMATS = ("png", "svg")


def freeze_layout(fig: Figure) -> None:
    """Lay ``fig`` out once and keep that layout for every later ``savefig``.

    A figure with a layout engine (``layout="constrained"``) is laid out again on every draw,
    so saving it in two formats solved the layout twice (issue 15 section 4). This runs the
    engine once (on the canvas's renderer, as :meth:`~matplotlib.figure.Figure.draw` would)
    and then switches the engine off: the axes keep their solved positions, which are
    fractions of the figure, so PNG and SVG show the same layout.
    """
    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        return
    engine.execute(fig)
    fig.set_layout_engine("none")


def save_figure(fig: Figure, folder: Path, name: str,
                formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Lay a figure out once (:func:`freeze_layout`) and write it in each of ``formats``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    folder : pathlib.Path
        Existing folder; files are ``<name>.<format>``.
    name : str
    formats : sequence of {"png", "svg"}

    Returns
    -------
    dict of str to pathlib.Path
        Format -> written file. PNG at :data:`DPI`; no timestamps in the files.
    """
    freeze_layout(fig)
    written = {}
    for ext in formats:
        path = folder / f"{name}.{ext}"
        if ext == "png":
            fig.savefig(path, dpi=DPI, facecolor="white", metadata={"Software": None})
        else:  # fixed ids (matplotlib salts them at random), no date: same bytes every run
            with mpl.rc_context({"svg.hashsalt": f"carbonpath-{name}"}):
                fig.savefig(path, facecolor="white", metadata={"Date": None, "Creator": None})
        written[ext] = path
    return written


def _save(fig: Figure, folder: Path, name: str) -> tuple[Path, Path]:
    written = save_figure(fig, folder, name)
    return written["png"], written["svg"]


def draw_figures(result: RunResult, folder: str | Path, lang: str = "en",
                 fonts: FigureFonts | None = None,
                 figures: Sequence[tuple[str, Callable[[FigureContext], Any]]] | None = None,
                 extras: dict[str, pd.DataFrame] | None = None) -> list[FigureSpec]:
    """Draw every figure of the report and save each as PNG and SVG (laid out once).

    Parameters
    ----------
    result : RunResult
        The saved run (:func:`carbonpath.run.load_results`).
    folder : str or pathlib.Path
        Where to write ``<name>.png`` and ``<name>.svg`` (created if missing).
    lang : {"en", "zh"}
        The report's language; titles and captions of the returned specs are in it. The
        figure labels are in ``fonts.lang`` (English when no CJK font exists).
    fonts : FigureFonts, optional
        Default :func:`~carbonpath.report.fonts.figure_fonts` of ``lang``.
    figures : sequence of (str, callable), optional
        The figures to draw (default :data:`FIGURES`).
    extras : dict of str to pandas.DataFrame, optional
        Optional tables beside the results, for the figures that use them.

    Returns
    -------
    list of FigureSpec
        In the order of ``figures``; a figure with nothing to show has ``skipped`` set and no
        files.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fonts = fonts or figure_fonts(lang)
    t = translator(lang)
    ctx = make_context(result, fonts)
    ctx.extras = dict(extras or {})
    plan_label = t(f"scn_{ctx.plan}") if ctx.plan in SCENARIO_NAMES else (ctx.plan or "")
    fill = {"plan": plan_label, **method_names(result.meta, t)}
    specs = []
    # a CJK font without a bold face is drawn at regular weight; say nothing about it
    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        specs = _draw_all(ctx, folder, t, fill, FIGURES if figures is None else figures)
    finally:
        font_log.setLevel(level)
    return specs


def _draw_all(ctx: FigureContext, folder: Path, t: Callable[..., Any],
              fill: dict[str, str],
              figures: Sequence[tuple[str, Callable[[FigureContext], Any]]]
              ) -> list[FigureSpec]:
    specs = []
    with mpl.rc_context(STYLE), ctx.fonts.applied(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="constrained_layout not applied")
        for name, draw in figures:
            title = t(f"fig_{name}")
            caption = t(f"cap_{name}", **fill)
            fig = draw(ctx)
            if fig is None or isinstance(fig, Skip):
                reason = (t(fig.key, **fig.values) if isinstance(fig, Skip)
                          else t(f"skip_{name}"))
                specs.append(FigureSpec(name, title, caption, skipped=reason))
                continue
            png, svg = _save(fig, folder, name)
            specs.append(FigureSpec(name, title, caption, png=png, svg=svg))
    return specs
