"""What every figure of the report shares: colours, style, the figure context and the axis helpers.

Moved out of :mod:`carbonpath.report.figures`, which re-exports every name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from carbonpath.report import tables as T
from carbonpath.report.classify import classify_technologies, sector_table
from carbonpath.report.fonts import FigureFonts
from carbonpath.report.formatting import fmt, local_name
from carbonpath.report.i18n import (
    SCENARIO_NAMES,
    DisplayUnits,
    display_units,
    translator,
)

if TYPE_CHECKING:
    from carbonpath.run import RunResult


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
            _bars(ax, x, pos, width, up, colors[col], labels[col])
            up += pos
            drawn = True
        if neg.any():
            _bars(ax, x, neg, width, down, colors[col], None if drawn else labels[col])
            down += neg
    if (down < 0).any():
        ax.axhline(0, color="#666666", linewidth=0.8)


def _bars(ax: Any, x: np.ndarray, heights: np.ndarray, width: float, bottom: np.ndarray,
          color: str, label: str | None) -> None:
    """One series of a stacked bar chart, drawn as ``ax.bar`` draws it, in one artist.

    ``ax.bar`` adds one :class:`~matplotlib.patches.Rectangle` per bar, and each added patch
    costs a limits update and a draw call of its own (a third of a stacked figure's drawing
    time, issue 15). Here the bars are one :class:`~matplotlib.collections.PolyCollection`
    with the bars' geometry, colours, edge, joins and sticky bottoms, and the legend gets a
    :class:`~matplotlib.container.BarContainer` holding one undrawn rectangle of the same
    style, so legends keep their entries, style and order (containers come after the axes'
    other artists). The pixels are those of ``ax.bar`` (checked in the tests).
    """
    left = x - width / 2
    top = bottom + heights
    verts = np.stack([np.column_stack([left, bottom]), np.column_stack([left + width, bottom]),
                      np.column_stack([left + width, top]), np.column_stack([left, top])],
                     axis=1)
    bars = PolyCollection(verts, closed=True, facecolors=color, edgecolors="white",
                          linewidths=0.4, joinstyle="miter", capstyle="butt")
    bars.sticky_edges.y.extend(np.asarray(bottom, dtype=float).tolist())
    ax.add_collection(bars, autolim=True)
    ax.autoscale_view()  # matplotlib < 3.11 updates only the data limits on add_collection
    key = Rectangle((0.0, 0.0), 1.0, 1.0, facecolor=color, edgecolor="white", linewidth=0.4,
                    label="_nolegend_")
    ax.add_container(BarContainer([key], orientation="vertical",
                                  label="" if label is None else label))


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
