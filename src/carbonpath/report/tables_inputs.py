"""Tables of a run's inputs: the assumptions by source status and the base-year inventory summaries.

Moved out of :mod:`carbonpath.report.tables`, which re-exports every name.
"""

from __future__ import annotations

import math

import pandas as pd

from carbonpath.errors import GWPError, UnitError
from carbonpath.units import gwp_value, unit_factor


def source_status(source: object) -> str:
    """Classify a ``source`` text as assumption, estimate, unverified, sourced or missing.

    A source that starts with "assumption" (or "estimate") is an assumption (an estimate);
    one that says "unverified" could not be checked against its document.
    """
    if source is None or (isinstance(source, float) and math.isnan(source)):
        return "missing"
    text = str(source).strip().lower()
    if not text:
        return "missing"
    if text.startswith("assumption"):
        return "assumption"
    if text.startswith("estimate"):
        return "estimate"
    if "unverified" in text:
        return "unverified"
    return "sourced"


def assumption_tables(dataset_tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The dataset's tables with a ``status`` column derived from each row's ``source``.

    The loader's ``line`` column (the row's line in its file) is kept first so a reader can
    find the row; tables without a ``source`` column are returned unchanged.

    Returns
    -------
    dict of str to pandas.DataFrame
        Same keys as ``dataset_tables``.
    """
    out = {}
    for name, frame in dataset_tables.items():
        frame = frame.copy()
        if "source" in frame.columns:
            status = frame.get("status")
            derived = frame["source"].map(source_status)
            if status is None:
                frame["status"] = derived
            else:
                given = status.astype(object)
                blank = given.isna() | (given.astype(str).str.strip() == "")
                frame["status"] = given.where(~blank, derived)
            cols = [c for c in frame.columns if c not in ("source", "status")]
            frame = frame[[*cols, "status", "source"]]
        out[name] = frame
    return out


#: Gases first in this order, as inventories list them; others follow alphabetically.
GAS_ORDER = ("CO2", "CH4", "N2O")


#: GWP set of the inventory summary's CO2e column when the dataset names none.
DEFAULT_GWP = "AR5"


def _gas_columns(summary: pd.DataFrame, units: dict[str, str], gwp: str | None
                 ) -> pd.DataFrame:
    """Gas columns in inventory order (CO2, CH4, N2O, others), then their CO2e total.

    The CO2e column weights each gas by its GWP100 (``gwp``; CH4 of unstated origin as
    non-fossil, as the model does); it is added only when every gas is in a mass unit
    (``t CH4``, ``kt N2O`` ...) and there is more than one gas. ``units`` gains its unit.
    """
    order = [g for g in GAS_ORDER if g in summary.columns]
    order += sorted(c for c in summary.columns if c not in order)
    summary = summary[order]
    if len(order) < 2:
        return summary
    try:
        to_t = {g: unit_factor(units[g].replace(f" {g}", ""), "t") for g in order}
        weights = {g: gwp_value(g, gwp, "non_fossil" if g == "CH4" else None) for g in order}
    except (UnitError, ValueError, KeyError, GWPError):
        return summary
    summary = summary.copy()
    summary["CO2e"] = sum(summary[g] * to_t[g] * weights[g] for g in order)
    units["CO2e"] = "t CO2e"
    summary.attrs["gwp"] = gwp
    return summary


def inventory_summaries(inventory: dict[str, pd.DataFrame],
                        gwp: str | None = None) -> dict[str, pd.DataFrame]:
    """By-sector (and by-gas) summaries of the base-year inventory's accounting tables.

    Only accounting tables are summed: those with a ``sector`` and an ``in_total`` column (the
    inventory's ``emissions`` and ``energy``). Rows with ``in_total`` false are left out and
    say so in ``attrs["note"]``. A table with a ``value`` column is summed by sector (and by
    gas, one column per gas, when it has a ``gas`` column) only if the values summed into
    one column share one unit; a table without ``value`` is summed over its other numeric
    columns (``energy_TJ``, ``standard_coal_tce`` ...). Factor and provenance tables (no
    ``in_total``; a factor per row, each in its own unit: kg CH4/TJ, t CO2/t ...) and tables
    whose units differ within a column have no summary: adding their values means nothing.

    Gas columns come in inventory order (CO2, CH4, N2O, then others), followed by a CO2e
    column (:func:`_gas_columns`) weighted with the GWP100 set ``gwp`` (default
    :data:`DEFAULT_GWP`; ``attrs["gwp"]`` names the set used).

    Returns
    -------
    dict of str to pandas.DataFrame
        Summary per table name (index ``sector``; a ``total`` row last);
        ``attrs["units"]`` maps each column to its unit ('' when the table has none).
    """
    gwp = gwp or DEFAULT_GWP
    out = {}
    for name, frame in inventory.items():
        if (frame is None or frame.empty or "sector" not in frame.columns
                or "in_total" not in frame.columns):
            continue
        frame = frame.copy()
        keep = frame["in_total"].astype(str).str.strip().str.lower().isin(("true", "1"))
        note = "in_total" if (~keep).any() else ""
        frame = frame[keep]
        if frame.empty:
            continue
        units: dict[str, str] = {}
        if "value" in frame.columns:
            unit = (frame["unit"].fillna("").astype(str).str.strip() if "unit" in frame.columns
                    else pd.Series("", index=frame.index))
            key = frame["gas"].astype(str) if "gas" in frame.columns else pd.Series(
                "value", index=frame.index)
            per_column = unit.groupby(key).unique()
            if any(len(u) > 1 for u in per_column):
                continue  # different units in one column: no sum
            units = {str(k): str(u[0]) for k, u in per_column.items()}
            if "gas" in frame.columns:
                summary = frame.pivot_table(index="sector", columns="gas", values="value",
                                            aggfunc="sum", fill_value=0.0)
                summary.columns = [str(c) for c in summary.columns]
                summary = _gas_columns(summary, units, gwp)
            else:
                summary = frame.groupby("sector")[["value"]].sum()
        else:
            numeric = [c for c in frame.select_dtypes("number").columns
                       if c not in ("year", "line", "row", "key")]
            if not numeric:
                continue
            summary = frame.groupby("sector")[numeric].sum()
            units = dict.fromkeys(numeric, "")
        gwp_used = summary.attrs.get("gwp")
        summary = summary.sort_values(summary.columns[0], ascending=False)
        summary.loc["total"] = summary.sum()
        summary.attrs["note"] = note
        if gwp_used:
            summary.attrs["gwp"] = gwp_used
        summary.attrs["units"] = units
        out[name] = summary
    return out
