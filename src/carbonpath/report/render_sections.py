"""The report's later sections as template context: sensitivity, inventory, sources, method.

Each section builder takes the shared :class:`~carbonpath.report.render_ctx._Ctx` (language,
units, the saved run) and returns plain values for the templates. This module holds the
sensitivity, inventory, sources, method and reproducibility sections, the figures' items and
the annex; the summary and targets sections are in :mod:`carbonpath.report.render_summary`
and the shared state in :mod:`carbonpath.report.render_ctx`, both re-exported here so that
the old import paths keep working (:mod:`carbonpath.report.render` imports the builders from
here).
"""

from __future__ import annotations

import base64
from typing import Any

import pandas as pd

from carbonpath.report import tables as T
from carbonpath.report.adequacy import adequacy_annex
from carbonpath.report.figures import FigureSpec, method_names
from carbonpath.report.formatting import (
    Table,
    fmt,
    frame_table,
    pct,
    sci,
)
from carbonpath.report.i18n import STRINGS
from carbonpath.report.overview import discount_year
from carbonpath.report.render_ctx import _Ctx
from carbonpath.report.render_summary import (  # noqa: F401 (old import paths)
    _above_baseline_lines,
    _binding_lines,
    _peak_line,
    _price_places,
    _summary,
    _target_note,
    _targets,
    year_ranges,
)


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
