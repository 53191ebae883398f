"""The first screen's figures: what decides the peak, tornado, emissions fan chart, wedges and MACC.

Each takes a :class:`~carbonpath.report.figures.FigureContext` and returns a figure, or a
:class:`~carbonpath.report.figures.Skip` saying why there is none (the fan chart, the wedges
and the MACC need optional tables, :data:`~carbonpath.report.overview.OPTIONAL_TABLES`).
:data:`OVERVIEW_FIGURES` lists them in report order; they are drawn, laid out once and saved
like the other figures (:func:`~carbonpath.report.figures.draw_figures`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from carbonpath.report import overview as O
from carbonpath.report.figures import (
    INK,
    SECTOR_COLORS,
    FigureContext,
    Skip,
    _cycle,
    _legend,
    _new,
    _number_axis,
    _year_axis,
)
from carbonpath.report.i18n import lever_label

__all__ = ["OVERVIEW_FIGURES", "figure_decides", "figure_fan", "figure_macc", "figure_tornado",
           "figure_wedges"]

LOW_COLOR, HIGH_COLOR = "#3c78b4", "#e15759"
#: Most input groups the "what decides it" figure shows.
MAX_BARS = 8


def figure_tornado(ctx: FigureContext) -> Figure | Skip:
    """Change of the cost of the target per sector at the low and high capital-cost factor.

    Bars from the one-at-a-time sensitivity (:func:`~carbonpath.report.overview.tornado`),
    largest span on top; sectors that move nothing are left out.
    """
    global_ranking = ctx.extras.get("sensitivity")
    if global_ranking is not None and not global_ranking.empty:
        return Skip("skip_tornado_global")
    bars = O.tornado(ctx.result)
    if bars.empty:
        return Skip("skip_tornado")
    label, factor = ctx.units.money
    bars = bars.iloc[::-1]  # largest on top
    height = 1.2 + 0.38 * len(bars)
    fig, axes = _new(9.0, max(2.4, height))
    ax = axes[0, 0]
    y = np.arange(len(bars))
    names = [ctx.sector(g) for g in bars["group"]]
    # side by side: both changes may have the same sign (a cheaper technology can raise
    # the cost of the target when it lowers the baseline's cost more)
    ax.barh(y - 0.19, bars["low"] * factor, 0.36, color=LOW_COLOR,
            label=ctx.label(ctx.t("lg_low_factor", factor=f"{bars['low_factor'].min():.2f}")))
    ax.barh(y + 0.19, bars["high"] * factor, 0.36, color=HIGH_COLOR,
            label=ctx.label(ctx.t("lg_high_factor",
                                  factor=f"{bars['high_factor'].max():.2f}")))
    ax.axvline(0, color="#666666", linewidth=0.8)
    ax.set_yticks(y, names)
    ax.grid(axis="x", color="#e3e3e3")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(ctx.label(ctx.t("ax_change_cost", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_tornado")), loc="left")
    _legend(ax, reverse=False)
    return fig


def figure_decides(ctx: FigureContext) -> Figure | Skip:
    """The inputs that decide the plan's peak: global sensitivity of a Monte Carlo store.

    Bars of SALib's PAWN index of each input group on the plan's peak year, or its peak level
    (:mod:`carbonpath.report.montecarlo`), largest on top, at most :data:`MAX_BARS`.
    """
    ranking = O.decides(ctx.extras, ctx.plan)
    if ranking.empty:
        return Skip("skip_decides")
    bars = ranking.head(MAX_BARS).iloc[::-1]
    fig, axes = _new(9.0, max(2.4, 1.2 + 0.38 * len(bars)))
    ax = axes[0, 0]
    y = np.arange(len(bars))
    ax.barh(y, bars["index"].astype(float), 0.6, color=HIGH_COLOR)
    ax.set_xlim(0, 1)
    ax.set_yticks(y, [ctx.label(str(g)) for g in bars["group"]])
    ax.grid(axis="x", color="#e3e3e3")
    ax.grid(axis="y", visible=False)
    metric = str(bars["metric"].iloc[0])
    ax.set_xlabel(ctx.label(ctx.t(f"ax_pawn_{metric}")))
    ax.set_title(ctx.label(ctx.t("fig_decides")), loc="left")
    return fig


def figure_fan(ctx: FigureContext) -> Figure | Skip:
    """Emissions of the Monte Carlo samples by scenario: median, 50 % and 90 % bands."""
    samples = ctx.extras.get("montecarlo")
    if samples is None:
        return Skip("skip_fan")
    em = samples[samples["metric"] == "emissions"]
    if em.empty:
        return Skip("skip_fan")
    label, factor = ctx.units.emissions
    fig, axes = _new(9.0, 4.2)
    ax = axes[0, 0]
    colors = {ctx.base: "#555555", ctx.plan: "#1f4e79"}
    for i, (scenario, sub) in enumerate(em.groupby("scenario", sort=False)):
        q = sub.groupby("year")["value"].quantile([0.05, 0.25, 0.5, 0.75, 0.95]).unstack()
        q = q * factor
        color = colors.get(scenario, _cycle(SECTOR_COLORS, i + 2))
        name = ctx.scenario(scenario)
        ax.fill_between(q.index, q[0.05], q[0.95], color=color, alpha=0.15, linewidth=0,
                        label=ctx.label(f"{name}: {ctx.t('lg_band_90')}"))
        ax.fill_between(q.index, q[0.25], q[0.75], color=color, alpha=0.3, linewidth=0,
                        label=ctx.label(f"{name}: {ctx.t('lg_band_50')}"))
        ax.plot(q.index, q[0.5], color=color, linewidth=2.0,
                label=ctx.label(f"{name}: {ctx.t('lg_median')}"))
    target = ctx.result.meta.get("scenarios", {}).get(ctx.plan, {}).get("target_peak_year")
    if target:
        ax.axvline(target, color="#c0392b", linestyle=":", linewidth=1.4,
                   label=ctx.label(ctx.t("lg_peak_target", year=int(target))))
    ax.set_ylabel(ctx.label(ctx.t("ax_emissions", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_fan")), loc="left")
    _year_axis(ax, sorted(em["year"].unique()))
    _number_axis(ax)
    _legend(ax, reverse=False)
    return fig


def figure_wedges(ctx: FigureContext) -> Figure | Skip:
    """Emissions avoided against the baseline by lever (plan), stacked by year."""
    wedges = ctx.extras.get("wedges")
    if wedges is None or ctx.plan is None:
        return Skip("skip_wedges")
    sub = wedges[wedges["scenario"] == ctx.plan]
    if sub.empty:
        return Skip("skip_wedges")
    label, factor = ctx.units.emissions
    wide = sub.pivot_table(index="year", columns="lever", values="value", aggfunc="sum",
                           fill_value=0.0)
    order = wide.abs().sum().sort_values(ascending=False).index
    wide = wide[order] * factor
    fig, axes = _new(9.5, 4.4)
    ax = axes[0, 0]
    ax.stackplot(wide.index, [wide[c].to_numpy() for c in wide.columns],
                 labels=[ctx.label(lever_label(str(c), ctx.lang)) for c in wide.columns],
                 colors=[_cycle(SECTOR_COLORS, i) for i in range(len(wide.columns))])
    ax.plot(wide.index, wide.sum(axis=1), color=INK, linewidth=1.4)
    ax.set_ylabel(ctx.label(ctx.t("ax_abatement", unit=label)))
    ax.set_title(ctx.label(ctx.t("fig_wedges")), loc="left")
    _year_axis(ax, list(wide.index))
    _number_axis(ax)
    _legend(ax)
    return fig


def figure_macc(ctx: FigureContext) -> Figure | Skip:
    """Marginal abatement cost curve: measures by cost, bar width = abatement."""
    macc = ctx.extras.get("macc")
    if macc is None or macc.empty:
        return Skip("skip_macc")
    label, factor = ctx.units.emissions
    price_label, price_factor = ctx.units.carbon_price
    # a measure without a cost per tonne (it does not abate over the horizon) or without
    # abatement in the year has no bar; it is named under the axis, not dropped silently
    cost_col = pd.to_numeric(macc["cost_per_tonne"], errors="coerce")
    drawn = np.isfinite(cost_col) & (pd.to_numeric(macc["abatement"], errors="coerce") > 0)
    left_out = [str(m) for m in macc.loc[~drawn, "measure"]]
    frame = macc[drawn].sort_values("cost_per_tonne").reset_index(drop=True)
    if frame.empty:
        return Skip("skip_macc")
    width = frame["abatement"].astype(float).to_numpy() * factor
    left = np.concatenate([[0.0], np.cumsum(width)[:-1]])
    cost = frame["cost_per_tonne"].astype(float).to_numpy() * price_factor
    fig, axes = _new(9.5, 4.4)
    ax = axes[0, 0]
    colors = [_cycle(SECTOR_COLORS, i) for i in range(len(frame))]
    for x, w, h, color, name in zip(left, width, cost, colors, frame["measure"], strict=True):
        ax.bar(x, h, w, align="edge", color=color, edgecolor="white", linewidth=0.6,
               label=ctx.label(str(name)))
    ax.axhline(0, color="#666666", linewidth=0.8)
    per_year = f"{label}/a" if ctx.lang == "en" else f"{label}/年"
    years = macc["year"].dropna().unique() if "year" in macc else []
    ax.set_xlabel(ctx.label(ctx.t("ax_abatement_in", unit=per_year, year=int(years[0]))
                            if len(years) == 1 else ctx.t("ax_abatement", unit=per_year)))
    if left_out:
        ax.text(0.0, -0.2, ctx.label(ctx.t("macc_left_out", names=", ".join(left_out))),
                transform=ax.transAxes, fontsize=8, va="top")
    ax.set_ylabel(ctx.label(ctx.t("ax_macc_cost", unit=price_label)))
    ax.set_title(ctx.label(ctx.t("fig_macc")), loc="left")
    _number_axis(ax)
    _legend(ax, reverse=False)
    return fig


#: The first screen's figures in report order (strings fig_, cap_, skip_ + the stem).
OVERVIEW_FIGURES: list[tuple[str, Callable[[FigureContext], Any]]] = [
    ("fan", figure_fan),
    ("wedges", figure_wedges),
    ("macc", figure_macc),
    ("decides", figure_decides),
    ("tornado", figure_tornado),
]

