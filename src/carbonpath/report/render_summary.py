"""The report's summary and targets sections as template context.

:func:`_summary` builds the summary (peak sentences, headline cards, cost of the target,
emissions in the milestone years, non-fossil share and intensities, marginal cost of
emissions, the scenarios table); :func:`_targets` the targets and which of them bind; with
their sentence helpers and :func:`year_ranges`. Moved out of
:mod:`carbonpath.report.render_sections`, which re-exports every name.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.model.peaks import peak_label
from carbonpath.report import tables as T
from carbonpath.report.figures import method_names
from carbonpath.report.first_screen import peak_year_text
from carbonpath.report.formatting import (
    Table,
    fmt,
    frame_table,
    pct,
    sig_digits,
)
from carbonpath.report.overview import cost_per_tonne, discount_year
from carbonpath.report.render_ctx import _Ctx


def _summary(c: _Ctx) -> dict[str, Any]:
    t, r = c.t, c.result
    scen = T.scenario_summary(r)
    lines: list[str] = []
    cards: list[tuple[str, str, str]] = []
    em_unit = c.unit("emissions")
    by_name = {row["scenario"]: row for row in scen.to_dict("records")}
    plan, base = by_name.get(c.plan), by_name.get(c.base)
    if plan is None:
        lines.append(t("peak_none"))
    else:
        lines.append(_peak_line(c, "peak_plan", plan, plan=c.scenario(c.plan)))
        cards.append((t("card_peak_year_of", scenario=c.scenario(c.plan)),
                      peak_year_text(c, plan), _target_note(c, plan.get("target_peak_year"))))
        cards.append((t("card_peak_level_of", scenario=c.scenario(c.plan), unit=em_unit),
                      c.q("emissions", plan["peak_level"]), c.scenario(c.plan)))
        target = plan.get("target_peak_year")
        if target and target == target:
            caps = T.cap_levels(r)
            cap = (t("peak_cap", level=c.q("emissions", min(v for v, _ in caps)),
                     unit=em_unit) if caps else "")
            lines.append(t("peak_target", year=int(target), cap=cap))
        lines += _binding_lines(c, plan.get("peak_year"), target)
    lines += _above_baseline_lines(c)
    if base is not None and c.base != c.plan:
        lines.append(_peak_line(c, "peak_base", base, base=c.scenario(c.base),
                                plan=c.scenario(c.base)))
        cards.append((t("card_peak_year_of", scenario=c.scenario(c.base)),
                      peak_year_text(c, base), c.scenario(c.base)))
    total, by_year = T.cost_of_target(r)
    money = c.unit("money")
    cost_lines = []
    if total == total:
        base_obj = float(base["objective"]) if base is not None else float("nan")
        share = pct(total / base_obj, 2) if base_obj else "–"
        meta = r.meta.get("dataset", {})
        years = T.emissions_totals(r).index
        key = "cost_total" if total >= 0 else "cost_saving"
        cost_lines.append(t(key, total=c.q("money", abs(total)), money=money,
                            first=int(years.min()), last=int(years.max()), share=share,
                            discount_year=discount_year(meta),
                            rate=pct(meta.get("discount_rate", float("nan")), 1)))
        if c.base != "baseline":  # the reference is another scenario: name it (B103)
            cost_lines.append(t("cost_reference_named", base=c.scenario(c.base)))
        cards.append((t("sec_cost"), c.q("money", total, sign=True), money))
        per_t = cost_per_tonne(r)["per_tonne"]
        if per_t == per_t:
            cards.append((t("card_cost_per_t", unit=c.unit("carbon_price")),
                          fmt(per_t * c.u.carbon_price[1], 0), c.scenario(c.plan)))
    elif base is not None and c.base == c.plan:  # roles: the plan is its own reference
        cost_lines.append(t("cost_self", plan=c.scenario(c.plan)))
    else:
        cost_lines.append(t("cost_none"))
    cost_table = None
    if not by_year.empty:
        cost_table = frame_table(
            by_year.assign(**{k: by_year[k] * c.u.money[1] for k in
                              ("baseline", "plan", "difference", "difference_discounted")}),
            headers={"year": t("h_year"), "baseline": t("h_baseline_cost", unit=money),
                     "plan": t("h_plan_cost", unit=money),
                     "difference": t("h_difference", unit=money),
                     "difference_discounted": t("h_difference_disc", unit=money)},
            formats={k: c.u.places("money") for k in ("baseline", "plan", "difference",
                                                      "difference_discounted")},
            key="cost-by-year", collapsible=False)
    # milestones
    ms = T.emission_milestones(r)
    milestone_table = None
    if not ms.empty:
        wide = ms.pivot_table(index="year", columns="scenario", values="value")
        change = ms.pivot_table(index="year", columns="scenario", values="change",
                                dropna=False).reindex(columns=wide.columns)
        order = [s for s in scen["scenario"] if s in wide.columns]
        base_year = int(ms["year"].min())
        frame = pd.DataFrame({"year": wide.index})
        headers = {"year": t("h_year")}
        formats: dict[str, Any] = {}
        for s in order:
            frame[f"v_{s}"] = wide[s].to_numpy() * c.u.emissions[1]
            frame[f"c_{s}"] = change[s].to_numpy()
            headers[f"v_{s}"] = t("h_emissions_of", scenario=c.scenario(s), unit=em_unit)
            headers[f"c_{s}"] = t("h_change_of", scenario=c.scenario(s), year=base_year)
            formats[f"v_{s}"] = c.u.places("emissions")
            formats[f"c_{s}"] = lambda v: pct(v, 1, sign=True)
        milestone_table = frame_table(frame, headers, formats, key="milestones",
                                      collapsible=False)
        last = int(wide.index.max())
        if c.plan in change.columns and last != base_year:
            cards.insert(2, (t("card_change", last=last, base=base_year),
                             pct(change.loc[last, c.plan], 1, sign=True), c.scenario(c.plan)))
    # energy and intensities
    ind = T.energy_indicators(r)
    energy_lines, energy_table = [], None
    if not ind.empty:
        years = [y for y in [int(ind["year"].min()), *T.milestone_years(r)]
                 if y in set(ind["year"])]
        sub = ind[ind["year"].isin(years)]
        frame = pd.DataFrame({"year": years})
        headers = {"year": t("h_year")}
        formats = {}
        order = [s for s in scen["scenario"] if s in set(sub["scenario"])]
        for s in order:
            part = sub[sub["scenario"] == s].set_index("year").reindex(years)
            frame[f"s_{s}"] = part["share"].to_numpy()
            headers[f"s_{s}"] = t("h_share_of", scenario=c.scenario(s))
            formats[f"s_{s}"] = lambda v: pct(v, 1)
        for s in order:
            part = sub[sub["scenario"] == s].set_index("year").reindex(years)
            frame[f"ci_{s}"] = part["carbon_intensity"].to_numpy() * c.u.carbon_intensity[1]
            headers[f"ci_{s}"] = t("h_ci_of", scenario=c.scenario(s),
                                   unit=c.unit("carbon_intensity"))
            formats[f"ci_{s}"] = c.u.places("carbon_intensity")
        for s in order:
            part = sub[sub["scenario"] == s].set_index("year").reindex(years)
            frame[f"e_{s}"] = part["total"].to_numpy() * c.u.energy[1]
            headers[f"e_{s}"] = t("h_energy_of", scenario=c.scenario(s), unit=c.unit("energy"))
            formats[f"e_{s}"] = c.u.places("energy")
        energy_table = frame_table(frame, headers, formats, key="energy", collapsible=False)
        if c.plan in order and years:
            last = years[-1]
            pl = sub[(sub["scenario"] == c.plan) & (sub["year"] == last)].iloc[0]
            bs = sub[(sub["scenario"] == c.base) & (sub["year"] == last)]
            energy_lines.append(t(
                "energy_sentence", year=last, plan=c.scenario(c.plan), share=pct(pl["share"]),
                base_share=pct(bs["share"].iloc[0]) if len(bs) else "–",
                ci=fmt(pl["carbon_intensity"] * c.u.carbon_intensity[1],
                       c.u.places("carbon_intensity")),
                ci_unit=c.unit("carbon_intensity")))
            cards.append((t("h_share_of", scenario=c.scenario(c.plan)), pct(pl["share"]),
                          str(last)))
        energy_lines.append(t("energy_method", **method_names(r.meta, t)))
    # marginal cost
    mc = T.marginal_costs(r)
    marginal_lines = [t("marginal_intro", unit=c.unit("carbon_price")), t("marginal_negative")]
    marginal_table = None
    if not mc.empty:
        frame = mc.reset_index()
        headers = {"year": t("h_year")}
        formats = {}
        for s in mc.columns:
            frame[s] = frame[s] * c.u.carbon_price[1]
            headers[s] = t("h_marginal_of", scenario=c.scenario(s), unit=c.unit("carbon_price"))
            formats[s] = lambda v: fmt(v, c.u.places("carbon_price"))
        marginal_table = frame_table(frame, headers, formats, key="marginal",
                                     collapsible=False)
        if c.plan in mc.columns:
            negative = [str(y) for y, v in mc[c.plan].items() if v < -1e-6]
            if negative:
                marginal_lines.append(t("marginal_has_negative", plan=c.scenario(c.plan),
                                        years=", ".join(negative)))
    # scenarios table
    scen_frame = scen.assign(
        scenario=scen["scenario"].map(c.scenario),
        status=scen["status"].astype(str).map(c.status),
        peak_level=scen["peak_level"] * c.u.emissions[1],
        objective=scen["objective"] * c.u.money[1],
        cost_vs_baseline=scen["cost_vs_baseline"] * c.u.money[1])
    scen_table = frame_table(
        scen_frame,
        headers={"scenario": t("h_scenario"), "targets": t("h_targets"),
                 "status": t("h_status"), "peak_year": t("h_peak_year"),
                 "peak_level": t("h_peak_level", unit=em_unit),
                 "target_peak_year": t("h_target_peak"),
                 "objective": t("h_objective", unit=money),
                 "cost_vs_baseline": t("h_vs_baseline", unit=money)},
        formats={"peak_level": c.u.places("emissions"), "objective": c.u.places("money"),
                 "cost_vs_baseline": lambda v: fmt(v, c.u.places("money"), sign=True),
                 "target_peak_year": lambda v: "–" if v is None or v != v else str(int(v))},
        key="scenarios", collapsible=False)
    return {"lines": lines, "cards": cards, "cost_lines": cost_lines, "cost_table": cost_table,
            "milestone_table": milestone_table, "energy_lines": energy_lines,
            "energy_table": energy_table, "marginal_lines": marginal_lines,
            "marginal_table": marginal_table, "scenario_table": scen_table,
            "warnings": list(r.meta.get("warnings", []) or [])}


def _targets(c: _Ctx) -> dict[str, Any]:
    frame = T.target_table(c.result)
    t = c.t
    out: dict[str, Any] = {"table": None, "shadow": None, "shadow_lines": []}
    if frame.empty:
        return out
    frame = frame.assign(status=frame["status"].map(c.status))
    out["table"] = frame_table(frame, headers={
        "name": t("h_name"), "type": t("h_type"), "what": t("h_what"), "status": t("h_status"),
        "source": t("h_source"), "scenarios": t("h_scenarios")}, key="targets")
    prices = T.target_shadow_prices(c.result, c.plan)
    if prices.empty:
        return out
    out["shadow_lines"] = [t("shadow_intro", plan=c.scenario(c.plan),
                             tol=fmt(T.SHADOW_ZERO, 3))]
    rows = []
    for r in prices.to_dict("records"):
        if r["binding"]:
            reading = t("tb_binding", n=len(r["binding_years"]))
        elif r["rows"]:
            reading = t("tb_not_binding")
        else:
            reading = t("tb_inactive")
        rows.append([r["target"], r["type"], year_ranges(r["binding_years"]) or "–",
                     fmt(r["shadow_price"], _price_places(r["shadow_price"]))
                     if r["binding"] else "0",
                     c.shadow_unit(r["unit"], r["target"]),
                     str(int(r["year"])) if r["binding"] else "–", reading])
    out["shadow"] = Table(
        columns=[t("h_target"), t("h_type"), t("h_binding_years"), t("h_shadow_max"),
                 t("h_unit"), t("h_shadow_year"), t("h_reading")],
        rows=rows, numeric=[False, False, False, True, False, False, False],
        key="shadow-prices", collapsible=False)
    return out


def _peak_line(c: _Ctx, key: str, row: dict[str, Any], **names: str) -> str:
    """The summary sentence of a scenario's peak; "still rising" where it has not peaked."""
    level = c.q("emissions", row["peak_level"])
    if not row.get("peaked", True):
        return c.t("peak_rising", plan=names["plan"], year=int(row["peak_year"]), level=level,
                   unit=c.unit("emissions"))
    return c.t(key, year=row["peak_year"], level=level, unit=c.unit("emissions"), **names)


def _target_note(c: _Ctx, target: Any) -> str:
    """The card's note under the plan's peak year: the target year, when there is one."""
    if target is None or target != target:
        return c.scenario(c.plan)
    return c.t("card_target_note", year=int(target))


def _above_baseline_lines(c: _Ctx) -> list[str]:
    """A sentence on years after the plan's peak where it emits more than the baseline.

    Years up to the peak are the subject of the run's own warning
    (:meth:`carbonpath.model.Pathway.compare_baseline`); later years above the baseline are
    legitimate (no target holds them) but surprise a reader, so they are named.
    """
    totals = T.emissions_totals(c.result)
    if c.plan not in totals or c.base not in totals or c.plan == c.base:
        return []
    plan, base = totals[c.plan], totals[c.base]
    peak = peak_label(plan)
    above = [int(y) for y in plan.index
             if y > peak and plan[y] > base[y] * (1 + 1e-4) + 1e-9]  # beyond round-off
    if not above:
        return []
    worst = max(above, key=lambda y: plan[y] - base[y])
    return [c.t("above_baseline", plan=c.scenario(c.plan), base=c.scenario(c.base),
                years=year_ranges(above), diff=c.q("emissions", plan[worst] - base[worst]),
                unit=c.unit("emissions"), year=worst)]


def _binding_lines(c: _Ctx, peak_year: Any, target: Any) -> list[str]:
    """The summary's sentences on the plan's binding targets (and an early peak)."""
    prices = T.target_shadow_prices(c.result, c.plan)
    if prices.empty or not prices["binding"].any():
        return []
    items = [c.t("peak_binding_item", name=r["target"], years=year_ranges(r["binding_years"]),
                 price=fmt(r["shadow_price"], _price_places(r["shadow_price"])),
                 unit=c.shadow_unit(r["unit"], r["target"]))
             for r in prices[prices["binding"]].to_dict("records")]
    sep = "；" if c.lang == "zh" else "; "
    lines = [c.t("peak_binding", plan=c.scenario(c.plan), targets=sep.join(items))]
    if target and target == target and peak_year == peak_year and int(peak_year) < int(target):
        lines.append(c.t("peak_early", year=int(peak_year), target=int(target)))
    return lines


def _price_places(value: float) -> int:
    """Decimals of a shadow price: none from 100 up, else about three significant digits."""
    return 0 if abs(value) >= 100 else sig_digits(value)


def year_ranges(years: list[int]) -> str:
    """Years as runs: [2026, 2027, 2028, 2031] -> ``2026–2028, 2031``."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
