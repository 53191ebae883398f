"""Capacity prices and stranded costs of the plan in the report (issue 12).

The reserve margin's dual (``capacity_prices``, CNY/kW-yr, undiscounted) and the early
retirements with the annuities they strand (``retirement``, MCNY/yr, undiscounted) are
tables of a pathway where the dataset has reserves or technologies that may retire early.
The report shows them as annex tables and, when any value is non-zero, as a sentence on
the first screen, next to the cost of the plan.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.report.formatting import fmt, frame_table

__all__ = ["adequacy_annex", "adequacy_lines"]

#: Values below this (CNY/kW-yr, MCNY/yr or capacity units) are solver round-off.
NONZERO = 1e-6


def _table(c: Any, name: str) -> pd.DataFrame | None:
    """The plan pathway's table ``name``, or None (no such table, or empty)."""
    tables = (c.result.pathways or {}).get(c.plan) or {}
    frame = tables.get(name)
    if frame is None or len(frame) == 0:
        return None
    return frame


def adequacy_lines(c: Any) -> list[str]:
    """First-screen sentences on capacity prices and stranded costs (none when all zero).

    Parameters
    ----------
    c : carbonpath.report.render._Ctx
        The render context.

    Returns
    -------
    list of str
        At most two sentences in the report's language: the highest capacity price of the
        plan (commodity and year), and the stranded annuities of its early retirements
        (sum over the years, undiscounted, in the report's money unit).
    """
    out = []
    prices = _table(c, "capacity_prices")
    if prices is not None and (prices["value"].abs() > NONZERO).any():
        top = prices.loc[prices["value"].abs().idxmax()]
        years = prices.loc[prices["value"].abs() > NONZERO, "year"]
        out.append(c.t("ov_capacity_price", scenario=c.scenario(c.plan),
                       price=fmt(float(top["value"]), 0), commodity=str(top["commodity"]),
                       year=int(top["year"]), first=int(years.min()), last=int(years.max())))
    retired = _table(c, "retirement")
    if retired is not None and (retired["stranded"].abs() > NONZERO).any():
        total = float(retired["stranded"].sum())
        years = retired.loc[retired["retired"] > NONZERO, "year"]
        out.append(c.t("ov_stranded", scenario=c.scenario(c.plan),
                       total=c.q("money", total), money=c.unit("money"),
                       techs=", ".join(sorted(set(retired.loc[retired["retired"] > NONZERO,
                                                               "technology"]))),
                       first=int(years.min()) if len(years) else "",
                       last=int(years.max()) if len(years) else ""))
    return out


def adequacy_annex(c: Any) -> list[tuple[str, str, Any, str]]:
    """The annex tables: capacity prices and early retirements of the plan.

    Returns
    -------
    list of (id, title, Table, csv path relative to the results folder)
        Only the tables the plan has.
    """
    out = []
    t = c.t
    prices = _table(c, "capacity_prices")
    if prices is not None:
        frame = prices[["commodity", "year", "value", "binding"]]
        out.append(("capacity-prices", t("annex_capacity_prices"), frame_table(
            frame, headers={"commodity": t("h_commodity"), "year": t("h_year"),
                            "value": t("h_capacity_price"), "binding": t("h_binding")},
            formats={"value": 1}, key="capacity-prices", collapsible=False),
            f"pathways/{c.plan}/capacity_prices.csv"))
    retired = _table(c, "retirement")
    if retired is not None:
        frame = retired.assign(stranded=retired["stranded"] * c.u.money[1])[
            ["technology", "year", "retired", "capacity_unit", "stranded"]]
        out.append(("retirement", t("annex_retirement"), frame_table(
            frame, headers={"technology": t("h_technology"), "year": t("h_year"),
                            "retired": t("h_retired"), "capacity_unit": t("h_unit"),
                            "stranded": t("h_stranded", money=c.unit("money"))},
            formats={"retired": 3, "stranded": c.u.places("money")}, key="retirement",
            collapsible=False), f"pathways/{c.plan}/retirement.csv"))
    return out
