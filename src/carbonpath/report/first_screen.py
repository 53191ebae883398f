"""The report's first screen, formatted: indicators, the peak, what delivers and decides it.

:func:`first_screen` turns the numbers of :mod:`carbonpath.report.overview` and
:mod:`carbonpath.report.indicators` into the tables and sentences the templates show before
any detail, in the report's language and display units.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from carbonpath.report import overview as O
from carbonpath.report import tables as T
from carbonpath.report.adequacy import adequacy_lines
from carbonpath.report.formatting import DASH, Table, fmt, pct
from carbonpath.report.indicators import indicators

if TYPE_CHECKING:
    from carbonpath.report.render import _Ctx

__all__ = ["first_screen"]


def _cell(c: _Ctx, kind: str, value: float) -> str:
    if value != value:
        return DASH
    if kind == "emissions":
        return c.q("emissions", value)
    if kind == "change":
        return pct(value, 1, sign=True)
    if kind == "share":
        return pct(value, 1)
    if kind == "year":
        return str(int(value))
    return fmt(value)


def _year(value: float) -> str:
    """A (median) year without a thousands separator; half years kept (2027.5)."""
    if value != value:
        return DASH
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _median_year(c: _Ctx, row: pd.Series) -> str:
    """A Monte Carlo median peak year; "after <horizon>" on samples that never peak (MC01)."""
    value = row["median_peak_year"]
    if value == float("inf"):
        return c.t("mc_after", year=int(row["horizon"]))
    return _year(value)


def _indicator_label(c: _Ctx, indicator: str, name: str, reference: object = None) -> str:
    key = f"ind_{indicator}"
    ref = "" if reference is None or reference != reference else str(int(reference))
    try:
        return c.t(key, name=name, unit=c.unit("emissions"), ref=ref)
    except KeyError:
        return f"{indicator} ({name})" if name else indicator


def _indicators(c: _Ctx) -> dict[str, Any]:
    frame = indicators(c.result)
    years = [y for y in T.MILESTONES if y in set(frame["year"])]
    if frame.empty or not years:
        return {"table": None, "intro": ""}
    rows = []
    keys = list(dict.fromkeys(zip(frame["indicator"], frame["name"], strict=True)))
    scenarios = list(dict.fromkeys(frame["scenario"]))
    for indicator, name in keys:
        for scenario in scenarios:
            sub = frame[(frame["indicator"] == indicator) & (frame["name"] == name)
                        & (frame["scenario"] == scenario)].set_index("year")
            if sub.empty:
                continue
            cells = []
            for y in years:
                if y not in sub.index:
                    cells.append(DASH)
                    continue
                r = sub.loc[y]
                text = _cell(c, r["kind"], r["value"])
                if r["sense"]:
                    sign = "≤" if r["sense"] == "<=" else "≥"
                    mark = {True: c.t("met_yes"), False: c.t("met_no")}.get(r["met"], DASH)
                    text = f"{text} ({sign} {_cell(c, r['kind'], r['target'])}) {mark}"
                cells.append(text)
            reference = sub["reference"].iloc[0] if name else None
            rows.append([_indicator_label(c, indicator, name, reference), c.scenario(scenario),
                         *cells])
    table = Table(columns=[c.t("h_indicator"), c.t("h_scenario"), *[str(y) for y in years]],
                  rows=rows, numeric=[False, False, *[True] * len(years)],
                  key="indicators", collapsible=False)
    return {"table": table,
            "intro": c.t("ov_indicators_intro", years=", ".join(str(y) for y in years))}


def peak_year_text(c: Any, row: dict[str, Any]) -> str:
    """A peak year as shown (a row of :func:`~carbonpath.report.tables.scenario_summary`).

    Where the highest emissions are in the last model year the pathway has not peaked within
    the horizon: the text says "none by <year>" instead of naming that year as a peak.
    """
    if row.get("peak_year") is None:
        return DASH
    if not row.get("peaked", True):
        return c.t("no_peak_by", year=int(row["peak_year"]))
    return str(int(row["peak_year"]))


def _peak(c: _Ctx, extras: dict[str, pd.DataFrame]) -> dict[str, Any]:
    scen = T.scenario_summary(c.result)
    targets = {r["scenario"]: (None if r["target_peak_year"] is None
                               or r["target_peak_year"] != r["target_peak_year"]
                               else int(r["target_peak_year"]))
               for r in scen.to_dict("records")}
    plan_target = targets.get(c.plan)
    mc = None
    samples = extras.get("montecarlo")
    if samples is not None:
        mc = O.montecarlo_peaks(samples, {s: targets.get(s) or plan_target for s in targets})
    columns = [c.t("h_scenario"), c.t("h_peak_year"),
               c.t("h_peak_level", unit=c.unit("emissions")), c.t("h_target_peak"),
               c.t("h_peak_met")]
    if mc is not None:
        columns += [c.t("h_p_peak"), c.t("h_mc_median")]
    rows = []
    for r in scen.to_dict("records"):
        target = r["target_peak_year"] if r["target_peak_year"] == r["target_peak_year"] else None
        target = target or plan_target
        met = (DASH if not target or r["peak_year"] is None
               else c.t("met_yes") if r["peaked"] and int(r["peak_year"]) <= int(target)
               else c.t("met_no"))
        row = [c.scenario(r["scenario"]), peak_year_text(c, r), c.q("emissions", r["peak_level"]),
               str(int(target)) if target else DASH, met]
        if mc is not None:
            m = mc[mc["scenario"] == r["scenario"]]
            row += [pct(m["p_by_target"].iloc[0], 0) if len(m) else DASH,
                    _median_year(c, m.iloc[0]) if len(m) else DASH]
        rows.append(row)
    table = Table(columns=columns, rows=rows, numeric=[False, True, True, True, False, True, True
                                                       ][:len(columns)],
                  key="peak", collapsible=False)
    path = O.OPTIONAL_TABLES["montecarlo"][0]
    line = (c.t("ov_mc_from", n=int(mc["samples"].max())) if mc is not None and len(mc)
            else c.t("ov_mc_none", path=f"results/{path}.parquet"))
    if mc is not None and len(mc) and int(mc["invalid"].max()):  # N88: counted apart
        line += c.t("ov_mc_invalid", k=int(mc["invalid"].max()))
    from carbonpath.sweeps.analysis import MIN_SAMPLES

    if mc is not None and len(mc) and int(mc["samples"].min()) < MIN_SAMPLES:  # N126
        line += c.t("ov_mc_few", n=int(mc["samples"].min()), min=MIN_SAMPLES)
    return {"table": table, "line": line}


def _sectors(c: _Ctx) -> Table | None:
    frame = O.sector_peak_years(c.result)
    if frame.empty:
        return None
    scenarios = list(dict.fromkeys(frame["scenario"]))
    order = list(dict.fromkeys(frame.loc[frame["scenario"] == (c.plan or scenarios[0]),
                                         "sector"]))
    order += [s for s in dict.fromkeys(frame["sector"]) if s not in order]
    horizon = c.result.meta.get("dataset", {}).get("horizon", "")
    em = c.unit("emissions")
    columns = [c.t("h_sector"), *[f"{c.t('h_sector_peak')} · {c.scenario(s)}"
                                  for s in scenarios]]
    if c.plan in scenarios:
        columns += [f"{c.t('h_sector_level', unit=em)} · {c.scenario(c.plan)}",
                    f"{c.t('h_sector_last', year=horizon, unit=em)} · {c.scenario(c.plan)}"]
    rows = []
    for sector in order:
        sub = frame[frame["sector"] == sector].set_index("scenario")
        row = [c.sector(sector)[:1].upper() + c.sector(sector)[1:]]
        row += [peak_year_text(c, sub.loc[s].to_dict()) if s in sub.index else DASH
                for s in scenarios]
        if c.plan in scenarios:
            row += ([c.q("emissions", sub.loc[c.plan, "peak_level"]),
                     c.q("emissions", sub.loc[c.plan, "last"])] if c.plan in sub.index
                    else [DASH, DASH])
        rows.append(row)
    return Table(columns=columns, rows=rows, numeric=[False, *[True] * (len(columns) - 1)],
                 key="sector-peaks", collapsible=False)


def _cost(c: _Ctx) -> list[str]:
    cost = O.cost_per_tonne(c.result)
    totals = T.emissions_totals(c.result)
    if cost["total"] != cost["total"] or totals.empty:
        return [c.t("ov_cost_none")]
    meta = c.result.meta.get("dataset", {})
    span = {"first": int(totals.index.min()), "last": int(totals.index.max()),
            "discount_year": O.discount_year(meta), "money": c.unit("money")}
    if cost["total"] < 0:
        return [c.t("ov_cost_saving", total=c.q("money", -cost["total"]), **span)]
    if cost["per_tonne"] != cost["per_tonne"]:
        return [_cost_gap(c, totals) or c.t("ov_cost_none")]
    return [c.t("ov_cost_line", total=c.q("money", cost["total"]),
                abated=c.q("emissions", cost["abated"]), em=c.unit("emissions"),
                per_tonne=fmt(cost["per_tonne"] * c.u.carbon_price[1], 0),
                price=c.unit("carbon_price"), **span)]


def _cost_gap(c: _Ctx, totals: pd.DataFrame) -> str | None:
    """Why the cost per tonne is missing when a year of emissions is (D27), else None."""
    names = [n for n in (c.base, c.plan) if n in totals.columns]
    if len(names) < 2 or names[0] == names[1]:
        return None
    gaps = {n: [int(y) for y in totals.index[totals[n].isna()]] for n in names}
    said = [f"`pathways/{n}/emissions_total.csv` ({', '.join(map(str, ys))})"
            for n, ys in gaps.items() if ys]
    return c.t("ov_cost_gap", files="; ".join(said)) if said else None


def _tornado_line(c: _Ctx, extras: dict[str, pd.DataFrame]) -> str:
    ranking = O.decides(extras, c.plan)
    if len(ranking):
        metric = str(ranking["metric"].iloc[0])
        return c.t(f"ov_decides_{metric}", scenario=c.scenario(str(ranking["scenario"].iloc[0])),
                   n=int(ranking["samples"].iloc[0]),
                   top=", ".join(str(g) for g in ranking["group"].head(3)))
    sens = c.result.sensitivity
    if sens is None or sens.empty:
        return c.t("sens_none")
    bars = O.tornado(c.result)
    groups = sens["group"].nunique()
    if bars.empty:
        return c.t("ov_tornado_flat", total=len(sens))
    return c.t("ov_tornado_intro", low=f"{bars['low_factor'].min():.2f}",
               high=f"{bars['high_factor'].max():.2f}", n=len(bars), total=groups)


def _base_year(c: _Ctx, extras: dict[str, pd.DataFrame]) -> dict[str, Any]:
    frame = O.base_year_check(c.result, extras)
    year = c.result.meta.get("dataset", {}).get("base_year", "")
    lines = [c.t("ov_base_intro", year=year)]
    if "reference" not in extras:
        lines.append(c.t("ov_base_no_reference",
                         path=f"results/{O.OPTIONAL_TABLES['reference'][0]}"))
    if frame.empty:
        return {"table": None, "lines": lines}
    rows = []
    for r in frame.to_dict("records"):
        quantity = str(r["quantity"])
        if quantity in ("emissions", "energy"):
            label = c.t(f"q_{quantity}", unit=c.unit(quantity))
            value = c.q(quantity, r["value"])
        else:  # power quantities, in their canonical unit (overview.REFERENCE_UNITS)
            unit = O.REFERENCE_UNITS.get(quantity, "")
            label = c.t(f"q_{quantity}", unit=unit) if quantity in O.REFERENCE_UNITS else quantity
            value = f"{r['value']:,.0f}"
        rows.append([label, c.t(f"w_{r['what']}"), value,
                     pct(r["difference"], 1, sign=True), r["source"] or DASH])
    table = Table(columns=[c.t("h_quantity"), c.t("h_basis"), c.t("h_value"),
                           c.t("h_difference_rel"), c.t("h_source")],
                  rows=rows, numeric=[False, False, True, True, False], key="base-year",
                  collapsible=False)
    return {"table": table, "lines": lines}


def _assumptions(c: _Ctx) -> Table | None:
    frame = O.assumption_shares(c.result)
    if frame.empty:
        return None
    rows = [[r["table"], str(r["rows"]), str(r["assumed"]), pct(r["share"], 0)]
            for r in frame.to_dict("records")]
    return Table(columns=[c.t("h_file"), c.t("h_rows"), c.t("h_assumed"),
                          c.t("h_share_assumed")],
                 rows=rows, numeric=[False, True, True, True], key="assumption-shares",
                 collapsible=False)


def first_screen(c: _Ctx, extras: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Everything the report shows before the detail, formatted in the report's language.

    Parameters
    ----------
    c : carbonpath.report.render._Ctx
        The render context (result, language, display units).
    extras : dict of str to pandas.DataFrame
        The optional tables found beside the results (:func:`~.overview.load_extras`).

    Returns
    -------
    dict
        ``indicators`` (table, intro), ``peak`` (table, line), ``delivers`` (a sentence when
        neither wedges nor a MACC exist, else ''), ``sectors`` (table), ``cost`` (sentences),
        ``tornado`` (sentence), ``base`` (table, lines), ``assumptions`` (table).
    """
    delivers = ""
    if "wedges" not in extras and "macc" not in extras:
        delivers = c.t("ov_delivers_none",
                       wedges=f"results/{O.OPTIONAL_TABLES['wedges'][0]}",
                       macc=f"results/{O.OPTIONAL_TABLES['macc'][0]}")
    return {"indicators": _indicators(c), "peak": _peak(c, extras), "delivers": delivers,
            "sectors": _sectors(c), "cost": _cost(c) + adequacy_lines(c),
            "tornado": _tornado_line(c, extras),
            "base": _base_year(c, extras), "assumptions": _assumptions(c)}
