"""The indicator table: each plan target and each 15th FYP indicator, value against target.

:func:`indicators` evaluates, for every scenario of a run and each milestone year (2025, 2030,
2035), every target the dataset states (whether or not the scenario imposes it: a baseline
is measured against the plan's targets too) and the 15th Five-Year Plan's headline
indicators the results hold (total CO2, CO2 and energy per unit of GDP over the five-year
period, non-fossil share of energy). Values are computed from the saved tables, in the
model's canonical units, with the target's own definition (carbonpath.model.targets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.model.peaks import peak_label
from carbonpath.report import tables as T
from carbonpath.units import unit_factor

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = ["COLUMNS", "indicators"]

#: Columns of :func:`indicators`.
COLUMNS = ["indicator", "name", "scenario", "year", "value", "target", "sense", "met", "kind",
           "reference"]

#: Relative slack when a value is compared with its target (solver round-off).
TOL = 1e-6


def _met(value: float, target: float, sense: str) -> bool | None:
    if value != value or target != target:
        return None
    slack = TOL * max(abs(target), abs(value), 1.0)
    return value <= target + slack if sense == "<=" else value >= target - slack


def _emissions_target(spec: dict[str, Any], gas: str) -> float:
    unit = str(spec.get("unit", "kt CO2"))
    return float(spec["value"]) * unit_factor(unit, "kt CO2" if gas == "CO2" else "kt CO2e")


def _intensity(energy: pd.DataFrame, column: str) -> pd.Series:
    if energy is None or energy.empty or column not in energy.columns:
        return pd.Series(dtype=float)
    return energy.set_index("year")[column].astype(float)


def _reference_intensity(spec: dict[str, Any], series: pd.Series, kind: str) -> float:
    ref_year = int(spec.get("relative_to", 0) or 0)
    if ref_year in series.index:
        return float(series[ref_year])
    reference = spec.get("reference")
    if isinstance(reference, dict) and "value" in reference:
        unit = str(reference.get("unit", "")).replace(" CO2e", "").replace(" CO2", "")
        target = "kt/MCNY" if kind == "emission_intensity" else "ktce/MCNY"
        try:
            return float(reference["value"]) * unit_factor(unit, target)
        except Exception:  # an unreadable unit: the indicator shows no value
            return float("nan")
    return float("nan")


def _min_share(result: RunResult, scenario: str, spec: dict[str, Any], year: int) -> float:
    techs = result.dataset_tables.get("technologies")
    if techs is None or techs.empty:
        return float("nan")
    members = set(spec.get("members") or [])
    group = set(techs.loc[techs["group"].astype(str) == str(spec.get("group")), "technology"])
    group |= members
    tables = result.pathways[scenario]
    if spec.get("measure", "new_capacity") == "activity":
        frame, column = tables.get("activity"), "value"
    else:
        frame, column = tables.get("capacity"), "new"
    if frame is None or frame.empty:
        return float("nan")
    sel = frame[(frame["year"] == year) & frame["technology"].isin(group)]
    total = float(sel[column].sum())
    if total <= T.ZERO:
        return float("nan")
    return float(sel.loc[sel["technology"].isin(members), column].sum()) / total


def _target_rows(result: RunResult, scenario: str, name: str, spec: dict[str, Any],
                 years: tuple[int, ...], totals: pd.Series, energy: pd.DataFrame,
                 gas: str) -> list[dict[str, Any]]:
    kind = spec.get("type", "")
    rows = []
    if spec.get("region") is not None:  # on some regions: not comparable with the totals
        return rows  # (their values are in the pathway's emissions_region table)

    reference = spec.get("relative_to")

    def add(year: int, value: float, target: float, sense: str, unit_kind: str) -> None:
        """Append one row for this target indicator; returns nothing."""
        rows.append({"indicator": kind, "name": name, "scenario": scenario, "year": year,
                     "value": value, "target": target, "sense": sense,
                     "met": _met(value, target, sense), "kind": unit_kind,
                     "reference": reference})

    if kind == "peak_year":
        target = int(spec["year"])
        shown = next((y for y in years if y >= target), None)
        if shown is not None and len(totals):
            top = int(peak_label(totals))
            if top < int(totals.index.max()):
                add(shown, float(top), float(target), "<=", "year")
            else:  # highest in the last model year: no peak within the horizon, not met
                add(shown, float("nan"), float(target), "<=", "year")
                rows[-1]["met"] = False
    elif kind == "cap":
        level = _emissions_target(spec, gas)
        applies = spec.get("years")
        # a cap binds decision years only: the base year and any observed years are history
        config = (getattr(result, "meta", None) or {}).get("dataset", {}) or {}
        first = config.get("first_decision_year") or (int(totals.index.min()) + 1
                                                      if len(totals) else 0)
        for y in years:
            if y in totals.index and (not applies or y in applies) and y >= int(first):
                add(y, float(totals[y]), level, "<=", "emissions")
    elif kind == "budget":
        end = int(spec["end"])
        if end in years and end in totals.index:
            window = totals.loc[int(spec["start"]):end]
            add(end, float(window.sum()), _emissions_target(spec, gas), "<=", "emissions")
    elif kind == "reduction":
        y, ref = int(spec["year"]), int(spec["relative_to"])
        if y in years and y in totals.index and ref in totals.index and totals[ref]:
            add(y, float(totals[y] / totals[ref] - 1), -float(spec["value"]), "<=", "change")
    elif kind in ("emission_intensity", "energy_intensity"):
        column = "carbon_intensity" if kind == "emission_intensity" else "energy_intensity"
        series = _intensity(energy, column)
        y = int(spec["year"])
        ref = _reference_intensity(spec, series, kind)
        if y in years and y in series.index and ref == ref and ref:
            add(y, float(series[y] / ref - 1), -float(spec["value"]), "<=", "change")
    elif kind == "nonfossil_share":
        series = _intensity(energy, "share")
        y = int(spec["year"])
        if y in years and y in series.index:
            add(y, float(series[y]), float(spec["value"]), ">=", "share")
    elif kind == "min_share":
        for y in years:
            if y in (spec.get("years") or []):
                add(y, _min_share(result, scenario, spec, y), float(spec["value"]), ">=",
                    "share")
    return rows


def _fyp_rows(scenario: str, years: tuple[int, ...], totals: pd.Series,
              energy: pd.DataFrame, stated: set[str]) -> list[dict[str, Any]]:
    rows = []

    def add(indicator: str, year: int, value: float, kind: str) -> None:
        """Append one row for an indicator without a target; returns nothing."""
        rows.append({"indicator": indicator, "name": "", "scenario": scenario, "year": year,
                     "value": value, "target": np.nan, "sense": "", "met": None,
                     "kind": kind, "reference": year - 5 if kind == "change" else None})

    if "cap" not in stated and "budget" not in stated:
        for y in years:
            if y in totals.index:
                add("fyp_emissions", y, float(totals[y]), "emissions")
    for indicator, column, kind in (("fyp_carbon_intensity", "carbon_intensity",
                                     "emission_intensity"),
                                    ("fyp_energy_intensity", "energy_intensity",
                                     "energy_intensity")):
        if kind in stated:
            continue
        series = _intensity(energy, column)
        for y in years:
            if y in series.index and y - 5 in series.index and series[y - 5]:
                add(indicator, y, float(series[y] / series[y - 5] - 1), "change")
    if "nonfossil_share" not in stated:
        series = _intensity(energy, "share")
        for y in years:
            if y in series.index:
                add("fyp_nonfossil", y, float(series[y]), "share")
    return rows


def indicators(result: RunResult, years: tuple[int, ...] = T.MILESTONES) -> pd.DataFrame:
    """Every target and 15th FYP indicator of every scenario in the milestone years.

    Parameters
    ----------
    result : RunResult
        The saved run.
    years : tuple of int
        The years to evaluate (default 2025, 2030, 2035); years outside the run are skipped.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`: ``indicator`` (the target type, or ``fyp_emissions``,
        ``fyp_carbon_intensity``, ``fyp_energy_intensity``, ``fyp_nonfossil``), ``name``
        (the target's name; '' for an indicator), ``scenario``, ``year``, ``value`` and
        ``target`` in the unit of ``kind`` ("emissions": kt of the targets' gas; "change":
        fraction relative to the reference, -0.2 = 20 % lower; "share": fraction; "year"),
        ``sense`` ("<=", ">=" or '' without a target), ``met`` (True, False or None when there
        is no target or no value), ``reference`` (the year a change is measured from; None
        for levels). Targets of type ``bound`` (a technology's limit) are not
        indicators and are left out.
    """
    gas = result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")
    targets = result.meta.get("targets", {}) or {}
    stated = {str(spec.get("type", "")) for spec in targets.values()}
    all_totals = T.emissions_totals(result)
    rows: list[dict[str, Any]] = []
    for scenario in all_totals.columns:
        totals = all_totals[scenario].dropna()
        energy = result.pathways[scenario].get("energy", pd.DataFrame())
        for name, spec in targets.items():
            rows += _target_rows(result, scenario, name, dict(spec), years, totals, energy,
                                 gas)
        rows += _fyp_rows(scenario, years, totals, energy, stated)
    return pd.DataFrame(rows, columns=COLUMNS)
