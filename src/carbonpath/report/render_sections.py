"""The report's sections as template context: summary, targets, sensitivity, inventory, sources.

Each section builder takes the shared :class:`_Ctx` (language, units, the saved run) and returns
plain values for the templates. Moved out of :mod:`carbonpath.report.render`, which
re-exports every name.
"""

from __future__ import annotations

import base64
from typing import Any

import pandas as pd

from carbonpath.model.peaks import peak_label
from carbonpath.report import tables as T
from carbonpath.report.adequacy import adequacy_annex
from carbonpath.report.classify import sector_table
from carbonpath.report.figures import FigureSpec, method_names
from carbonpath.report.first_screen import peak_year_text
from carbonpath.report.formatting import (
    Table,
    fmt,
    frame_table,
    pct,
    sci,
    sig_digits,
)
from carbonpath.report.i18n import (
    SCENARIO_NAMES,
    STRINGS,
    DisplayUnits,
    display_units,
    translator,
)
from carbonpath.report.overview import cost_per_tonne, discount_year


class _Ctx:
    """Shared state while the context is built: language, units, result."""

    def __init__(self, result: Any, lang: str) -> None:
        self.result = result
        self.lang = lang
        self.t = translator(lang)
        self.gas = result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")
        self.u: DisplayUnits = display_units(lang, self.gas)
        self.plan = T.plan_name(result)
        self.base = T.baseline_name(result)
        self.sectors = sector_table()

    def scenario(self, name: str | None) -> str:
        """Display name of a scenario (the roles' usual names translated), else its code."""
        if name in SCENARIO_NAMES:
            return self.t(f"scn_{name}")
        return name or ""

    def q(self, quantity: str, value: float, sign: bool = False) -> str:
        """A canonical value shown in the display unit of ``quantity`` (number only)."""
        return fmt(self.u.show(quantity, value) if value == value else value,
                   self.u.places(quantity), sign=sign)

    def unit(self, quantity: str) -> str:
        """Display form of a unit in the report's language."""
        return getattr(self.u, quantity)[0]

    def sector(self, code: str) -> str:
        """Display name of a sector code in the report's language, else the code."""
        if code in self.sectors.index:
            return str(self.sectors.loc[code, "name_zh" if self.lang == "zh" else "name_en"])
        return code

    def shadow_unit(self, unit: str, target: str | None = None) -> str:
        """Display form of a shadow price's unit, in the target's own terms.

        ``CNY/t`` and ``CNY/tce`` (emissions and energy targets), ``MCNY per <unit>`` (a
        technology bound); a share target's row has no unit of its own (``MCNY``): its
        price is per unit of the group's new capacity (or activity) moved to the members,
        named from the dataset's technology table.
        """
        unit = str(unit or "").strip()
        known = {"CNY/t": "u_cny_t", "CNY/tce": "u_cny_tce"}
        if unit in known:
            return self.t(known[unit])
        if unit.startswith("MCNY per "):
            return self.t("u_mcny_per", unit=unit[len("MCNY per "):])
        if unit == "MCNY":
            spec = (self.result.meta.get("targets", {}) or {}).get(target or "", {}) or {}
            if spec.get("type") == "min_share":
                return self._share_unit(spec)
        return unit

    def _share_unit(self, spec: dict[str, Any]) -> str:
        techs = self.result.dataset_tables.get("technologies")
        members = list(spec.get("members") or [])
        group = str(spec.get("group", ""))
        activity = spec.get("measure", "new_capacity") == "activity"
        column = "activity_unit" if activity else "capacity_unit"
        units: list[str] = []
        if techs is not None and not techs.empty and column in techs.columns:
            rows = techs[techs["technology"].isin(members)
                         | (techs["group"].astype(str) == group)]
            units = sorted({str(u) for u in rows[column].dropna()})
        unit = units[0] if len(units) == 1 else "unit"
        if activity:
            return self.t("u_min_share_activity", unit=unit, group=group)
        return self.t("u_min_share_new", unit=f"{unit}/yr" if units else unit, group=group)

    def status(self, value: str) -> str:
        """Display form of a source status in the report's language."""
        key = f"st_{value}"
        try:
            return self.t(key)
        except KeyError:
            return value


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


def _sensitivity(c: _Ctx) -> dict[str, Any]:
    sens = c.result.sensitivity
    t = c.t
    if sens is None or sens.empty:
        return {"table": None, "lines": [t("sens_none")]}
    money = c.unit("money")
    total, _ = T.cost_of_target(c.result)
    frame = sens[["group", "technologies", "factor", "cost_of_target"]].copy()
    frame["group"] = frame["group"].astype(str).map(c.sector)
    frame["change"] = (frame["cost_of_target"] - total) * c.u.money[1]
    frame["cost_of_target"] = frame["cost_of_target"] * c.u.money[1]
    table = frame_table(frame, headers={
        "group": t("h_group"), "technologies": t("h_technologies"), "factor": t("h_factor"),
        "cost_of_target": t("h_cost_of_target", unit=money), "change": t("h_change", unit=money)},
        formats={"factor": lambda v: f"×{v:.2f}",
                 "cost_of_target": c.u.places("money"),
                 "change": lambda v: fmt(v, c.u.places("money"), sign=True)},
        key="sensitivity", collapsible=False)
    lines = [t("sens_intro")]
    values = sens["cost_of_target"].dropna()
    if len(values):
        lines.append(t("sens_range", low=c.q("money", values.min()),
                       high=c.q("money", values.max()), mid=c.q("money", total), unit=money))
    return {"table": table, "lines": lines}


def _inventory(c: _Ctx) -> list[dict[str, Any]]:
    inv = c.result.inventory or {}
    summaries = T.inventory_summaries(
        inv, c.result.meta.get("dataset", {}).get("emissions", {}).get("gwp"))
    out = []
    t = c.t
    for name, frame in inv.items():
        if frame is None or frame.empty:
            continue
        title = t(f"inv_table_{name}") if f"inv_table_{name}" in STRINGS[c.lang] else name
        item: dict[str, Any] = {"name": title, "summary": None, "note": "",
                                "csv": f"inventory/{name}.csv"}
        if name in summaries:
            summary = summaries[name]
            units = summary.attrs.get("units", {})
            named = {"energy_TJ": t("h_energy_tj"), "standard_coal_tce": t("h_standard_coal"),
                     "calorific_tce": t("h_calorific_tce"),
                     "CO2e": t("h_co2e", gwp=summary.attrs.get("gwp", ""))}
            headers = {"sector": t("h_sector")}
            headers.update({col: named.get(col) or _unit_header(col, units.get(col, ""))
                            for col in summary.columns})
            shown = summary.rename(index={code: _capitalised(c.sector(code))
                                          for code in summary.index if code != "total"})
            shown = shown.rename(index={"total": t("h_total")})
            # the summary stays open; only the full tables fold away
            item["summary"] = frame_table(shown, headers=headers, index=True,
                                          key=f"inventory-{name}-summary", collapsible=False)
            if summary.attrs.get("note") == "in_total":
                item["note"] = t("inv_note_in_total")
        item["full"] = frame_table(_with_status(frame, c), key=f"inventory-{name}")
        out.append(item)
    return out


def _capitalised(text: str) -> str:
    """First letter upper case (sector names are lower case in the code list)."""
    return text[:1].upper() + text[1:]


def _unit_header(column: str, unit: str) -> str:
    """``CO2 (t)`` for a column CO2 in t CO2, ``column (unit)`` otherwise."""
    if not unit:
        return column
    if unit.endswith(f" {column}"):
        unit = unit[: -len(column) - 1]
    return f"{column} ({unit})"


def _with_status(frame: pd.DataFrame, c: _Ctx) -> pd.DataFrame:
    frame = T.assumption_tables({"x": frame})["x"]
    if "status" in frame.columns:
        frame = frame.assign(status=frame["status"].astype(str).map(c.status))
    return frame


def _sources(c: _Ctx) -> dict[str, Any]:
    t, r = c.t, c.result
    docs = r.meta.get("dataset", {}).get("sources", []) or []
    doc_table = None
    if docs:
        doc_table = frame_table(pd.DataFrame(docs).reindex(columns=["id", "title"]),
                                headers={"id": t("h_id"), "title": t("h_title")},
                                key="documents")
    factor_table = None
    if c.plan is not None:
        prov = r.pathways[c.plan].get("provenance")
        if prov is not None and not prov.empty:
            prov = prov.copy()
            prov["status"] = prov["source"].map(T.source_status).map(c.status)
            factor_table = frame_table(prov, key="factors")
    tables = T.assumption_tables(r.dataset_tables)
    overview_rows = []
    full = []
    for name, frame in tables.items():
        if "status" in frame.columns:
            counts = frame["status"].value_counts()
            overview_rows.append((f"{name}.csv", len(frame), int(counts.get("assumption", 0))
                                  + int(counts.get("estimate", 0)),
                                  int(counts.get("unverified", 0)),
                                  int(counts.get("sourced", 0)), int(counts.get("missing", 0))))
            frame = frame.assign(status=frame["status"].map(c.status))
        full.append({"name": f"{name}.csv", "table": frame_table(frame, key=f"data-{name}")})
    overview = frame_table(pd.DataFrame(overview_rows, columns=[
        t("h_file"), t("h_rows"), t("h_assumptions"), t("h_unverified"), t("h_sourced"),
        t("h_missing")]), key="overview", collapsible=False) if overview_rows else None
    version = r.meta.get("factor_set_version") or "–"
    return {"documents": doc_table, "factors": factor_table, "overview": overview,
            "tables": full, "factor_version": t("src_factor_version", version=version)}


def _method(c: _Ctx) -> list[str]:
    meta = c.result.meta.get("dataset", {})
    method = meta.get("emissions", {}).get("method", "provincial")
    method_text = c.t(f"method_{method}") if method in ("provincial", "gpc") else method
    res = T.model_resolution(c.result.meta, c.plan)
    return c.t("method_text", base=meta.get("base_year", ""), horizon=meta.get("horizon", ""),
               discount_year=discount_year(meta),
               currency=meta.get("currency", "CNY"), price_year=meta.get("price_year", ""),
               rate=pct(meta.get("discount_rate", float("nan")), 1), gas=c.gas,
               method=method_names(c.result.meta, c.t)["method"], method_text=method_text,
               days=res["days"], hours=res["hours"], block_hours=f"{res['block_hours']:g}")


def _repro(c: _Ctx) -> dict[str, Any]:
    t, meta = c.t, c.result.meta
    solver = meta.get("solver", {}) or {}
    ds = meta.get("dataset", {})
    rows = [
        (t("r_carbonpath"), str(meta.get("carbonpath_version", ""))),
        (t("r_factors"), str(meta.get("factor_set_version") or "–")),
        (t("r_dataset"), f"{ds.get('name', '')} ({ds.get('region', '')}, "
                         f"{ds.get('base_year', '')}–{ds.get('horizon', '')})"),
        (t("r_solver"), str(solver.get("name", ""))),
        (t("r_options"), ", ".join(f"{k}={v}" for k, v in (solver.get("options") or {}).items())),
        (t("r_status"), str(solver.get("status", ""))),
        (t("r_iterations"), str(solver.get("iterations", ""))),
        (t("r_python"), str(solver.get("python", ""))),
    ]
    for name, info in (meta.get("scenarios", {}) or {}).items():
        size = info.get("size") or {}
        if size:
            rows.append((t("r_size", scenario=c.scenario(name)),
                         t("r_size_value", columns=size.get("columns", ""),
                           rows=size.get("rows", ""), nonzeros=size.get("nonzeros", ""))))
        coef = info.get("coefficient_range") or {}
        if coef:
            rows.append((t("r_coefficients", scenario=c.scenario(name)),
                         "; ".join(f"{k} [{sci(v[0])}, {sci(v[1])}]" for k, v in coef.items()
                                   if isinstance(v, list | tuple) and len(v) == 2)))
    items = Table(columns=[t("h_item"), t("h_value")], rows=[list(r) for r in rows],
                  key="repro", collapsible=False)
    checks = ds.get("checksums", {}) or {}
    checksums = Table(columns=[t("h_file"), t("h_checksum")],
                      rows=[[k, str(v)] for k, v in sorted(checks.items())],
                      key="checksums", collapsible=False) if checks else None
    return {"table": items, "checksums": checksums}


def _figures(specs: list[FigureSpec], embed: bool, folder: str = "figures",
             ) -> list[dict[str, Any]]:
    out = []
    for spec in specs:
        item = {"name": spec.name, "title": spec.title, "caption": spec.caption,
                "skipped": spec.skipped, "png": f"{folder}/{spec.name}.png",
                "svg": f"{folder}/{spec.name}.svg" if spec.svg is not None else "",
                "data": ""}
        if spec.png is not None and embed:
            item["data"] = base64.b64encode(spec.png.read_bytes()).decode("ascii")
        out.append(item)
    return out


def _annex(context: dict[str, Any], c: _Ctx, results: str) -> list[dict[str, Any]]:
    """The annex's tables, each with its title and the CSV file in the results folder."""
    t = c.t
    items = []

    def add(key: str, title: str, table: Any, csv: str) -> None:
        """Append a table item unless ``table`` is ``None``; returns nothing."""
        if table is not None:
            items.append({"id": key, "title": title, "table": table,
                          "csv": f"{results}/{csv}" if csv else ""})

    plan = c.plan or ""
    add("cost-by-year", f"{t('sec_cost')}: {t('cost_by_year')}",
        context["summary"]["cost_table"], f"pathways/{plan}/costs.csv")
    add("sensitivity", t("sec_sensitivity"), context["sensitivity"]["table"],
        "sensitivity.csv")
    for key, title, table, csv in adequacy_annex(c):
        add(key, title, table, csv)
    for i, item in enumerate(context["inventory"]):
        add(f"inventory-{i}", f"{t('sec_inventory')}: {item['name']}", item["full"],
            item["csv"])
    add("factors", t("src_factors"), context["sources"]["factors"],
        f"pathways/{plan}/provenance.csv")
    for i, item in enumerate(context["sources"]["tables"]):
        add(f"data-{i}", item["name"], item["table"], f"dataset/{item['name']}")
    return items
