"""The report's pathway figures: emissions, energy, power, hydrogen, fleet, costs, peak curve.

Each takes a :class:`~carbonpath.report.figures.FigureContext` and returns a figure, a
:class:`~carbonpath.report.figures.Skip` or None. Moved out of :mod:`carbonpath.report.figures`,
which re-exports every name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure

from carbonpath.model.peaks import peak_label
from carbonpath.report import tables as T
from carbonpath.report.classify import POWERTRAINS
from carbonpath.report.figures_base import (
    COMPONENT_COLORS,
    FOSSIL_COLORS,
    IMPORT_COLORS,
    INK,
    NONFOSSIL_COLORS,
    POWERTRAIN_COLORS,
    SECTOR_COLORS,
    FigureContext,
    Skip,
    _cycle,
    _legend,
    _new,
    _number_axis,
    _sector_colors,
    _stacked_bars,
    _tech_colors,
    _value_text,
    _year_axis,
)
from carbonpath.report.formatting import local_name
from carbonpath.report.i18n import (
    group_label,
)
from carbonpath.report.overview import peak_binding


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
        year, level = int(peak_label(series)), float(series.max())
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
