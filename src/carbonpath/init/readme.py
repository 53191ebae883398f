"""dataset.yaml, plan.yaml and README.md of a dataset written by ``carbonpath init``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathWarning
from carbonpath.init.draft import ACCEPTED, Draft

__all__ = ["DefaultTargetDroppedWarning", "base_year_tolerance", "config", "dropped_targets",
           "plan", "readme"]


class DefaultTargetDroppedWarning(CarbonpathWarning):
    """A target of init's default indicator set falls outside base year + 1 .. horizon.

    It is not written to ``plan.yaml`` (the loader would refuse it); when every one is
    dropped the ``plan`` scenario has no target and equals ``baseline`` (round 22 N138).
    """


def base_year_tolerance(d: Draft) -> tuple[float, list[str]]:
    """The relative base-year statistical difference the dataset must allow.

    Computed as the model computes it (components: |production - use - demand| / the sum
    of |flows| + demand, per commodity, in the base year), with 1 % headroom. The balance's
    own statistical difference (平衡差额) and the rows init does not model (stock changes,
    fuel trade, transformation) make it non-zero.
    """
    flows = pd.DataFrame(d.flows)
    obs = flows["technology"].map(d.observed).fillna(0.0)
    signed = flows["value"].astype(float) * obs * flows["direction"].map({"output": 1.0,
                                                                          "input": -1.0})
    net = signed.groupby(flows["commodity"]).sum()
    through = (flows["value"].astype(float) * obs).groupby(flows["commodity"]).sum()
    dem = pd.DataFrame(d.demands)
    base = dem[dem["year"] == d.base_year].groupby("commodity")["value"].sum() \
        if len(dem) else pd.Series(dtype=float)
    worst, notes = 1e-6, []
    for com in through.index:
        diff = net.get(com, 0.0) - base.get(com, 0.0)
        total = through[com] + base.get(com, 0.0)
        rel = abs(diff) / total if total else 0.0
        if rel > 1e-9:
            notes.append(f"{com}: {diff:+,.6g} {d.commodities[com]['unit']} "
                         f"({rel:.3%} of its throughput)")
        worst = max(worst, rel * 1.01)
    return float(f"{worst:.6g}"), notes


#: The discount rate init writes into dataset.yaml (listed in the README: round 30 KF67).
DISCOUNT_RATE = 0.06


def config(d: Draft, name: str, title: str, method: str, days: list[dict], hours: int,
           model_hours: int | None, plan_names: list[str], tolerance: float,
           sources: list[dict]) -> dict[str, Any]:
    """The dataset.yaml mapping."""
    ts: dict[str, Any] = {"hours": hours}
    if model_hours:
        ts["model_hours"] = model_hours
    ts["days"] = days
    caveats = [f"carbonpath init accepted an implausible value (--allow-implausible): "
               f"{line.split(': ', 1)[1]}" for line in d.assumed
               if line.startswith(ACCEPTED)]  # X05: the report shows them
    return {"name": name, "title": title, "region": d.region, "base_year": d.base_year,
            "horizon": d.horizon, "currency": "CNY", "price_year": d.base_year,
            "discount_rate": DISCOUNT_RATE, "base_year_tolerance": tolerance, "timeslices": ts,
            "emissions": {"method": method, "gas": "CO2"},
            "energy": {"primary_electricity": "coal_consumption", "coal_rate_basis": "supply"},
            "scenarios": {"baseline": {"targets": []}, "plan": {"targets": plan_names}},
            "sources": sources, **({"caveats": caveats} if caveats else {})}


def plan(d: Draft, method: str, has_cars: bool) -> list[dict[str, Any]]:
    """The national and provincial indicator set as a starting point (plan.yaml targets)."""
    targets: list[dict[str, Any]] = []
    if d.base_year < 2030 <= d.horizon:
        targets.append({"name": "peak", "type": "peak_year", "year": 2030, "gas": "CO2",
                        "method": method, "status": "commitment",
                        "source": "国务院《2030年前碳达峰行动方案》(国发〔2021〕23号): "
                        "二氧化碳排放量"
                        "力争于2030年前达到峰值; applied to the city"})
    if d.base_year + 5 <= d.horizon:
        y = d.base_year + 5
        targets.append({"name": f"intensity_{y}", "type": "emission_intensity", "year": y,
                        "relative_to": d.base_year, "value": 0.18, "gas": "CO2",
                        "method": method, "status": "assumption",
                        "source": "assumption: the national 14th FYP rate (CO2 per GDP -18% "
                        "over five years, 十四五规划纲要) applied from the base year; replace "
                        "with the province's allocation to the city"})
        targets.append({"name": f"energy_intensity_{y}", "type": "energy_intensity",
                        "year": y, "relative_to": d.base_year, "value": 0.135,
                        "status": "assumption",
                        "source": "assumption: the national 14th FYP rate (energy per GDP "
                        "-13.5% over five years) applied from the base year"})
    if d.base_year < 2030 <= d.horizon:
        targets.append({"name": "nonfossil_2030", "type": "nonfossil_share", "year": 2030,
                        "value": 0.25, "status": "assumption",
                        "source": "国发〔2021〕23号: 非化石能源消费比重达到25%左右 (national, "
                        "2030); applied to the city as an assumption"})
    if has_cars and d.horizon >= 2030:
        targets.append({"name": "nev_sales", "type": "min_share", "group": "car",
                        "members": ["__car_bev__"], "years": [2030], "value": 0.4,
                        "status": "assumption",
                        "source": "国发〔2021〕23号: 新增新能源、清洁能源动力的交通工具比例"
                        "达到40%左右 "
                        "(2030); applied to new cars"})
    return targets


def dropped_targets(d: Draft, has_cars: bool) -> list[str]:
    """The default targets :func:`plan` leaves out, each as ``name (type, year)``.

    The indicator set's years are 2030 (peak, non-fossil share, NEV sales) and base year + 5
    (the two intensities); a target whose year is not after the base year or is after the
    horizon cannot be written (round 22 N138: ``--horizon 2026`` gave an empty plan).
    """
    late = not d.base_year < 2030 <= d.horizon
    y = d.base_year + 5
    rows = [("peak", "peak_year", 2030, late),
            (f"intensity_{y}", "emission_intensity", y, y > d.horizon),
            (f"energy_intensity_{y}", "energy_intensity", y, y > d.horizon),
            ("nonfossil_2030", "nonfossil_share", 2030, late),
            ("nev_sales", "min_share", 2030, has_cars and d.horizon < 2030)]
    return [f"{n} ({t}, {year})" for n, t, year, out in rows if out]


def warn_dropped(d: Draft, has_cars: bool, kept: int) -> None:
    """Warn of each default target outside the model years (README line too).

    Warns :class:`DefaultTargetDroppedWarning` naming them; nothing when all are written.
    """
    import warnings

    dropped = dropped_targets(d, has_cars)
    if not dropped:
        return
    text = (f"the default targets {', '.join(dropped)} fall outside the model years "
            f"{d.base_year + 1}-{d.horizon} (--horizon {d.horizon}) and were not written "
            "to plan.yaml" + ("" if kept else "; plan.yaml has no target, so the 'plan' "
                              "scenario equals 'baseline'")
            + "; valid: a horizon of 2030 or later (and a base year before 2025) for the "
            "whole set, or your own targets within the model years (the workbook's targets "
            "sheet or init_dataset(targets=...))")
    warnings.warn(text, DefaultTargetDroppedWarning, stacklevel=3)
    d.assumed.append(f"plan.yaml: {text}")  # the README keeps it (notices would print twice)


def readme(d: Draft, name: str, title: str, inputs: dict[str, str], tolerance: float,
           tol_notes: list[str], province: str, version: str) -> str:
    """The dataset's README: read, assumed, replace first, not modelled, mapping."""
    lines = [f"# {title}", "",
             f"Written by `carbonpath init` from the statistics below, with the technology "
             f"catalogue version {version} and the profiles of {province}. Edit the CSV tables "
             "directly, or change the inputs and run `carbonpath init` again into an empty "
             "folder (it refuses to overwrite anything it did not write).", "",
             "## What was read", ""]
    lines += [f"- {k}: `{v}`" for k, v in inputs.items()]
    lines += [f"- {x}" for x in d.read]
    if d.notices:  # the planner's values init changed or did not use (also printed)
        lines += ["", "## Your values changed or not used", ""]
        lines += [f"- {x}" for x in dict.fromkeys(d.notices)]
    lines += ["", "## Replace first", "",
              "These values are placeholders of carbonpath init; they move the pathway most:", ""]
    lines += [f"{i}. {x}" for i, x in enumerate(dict.fromkeys(d.replace_first), 1)]
    lines += ["", "## What was assumed", ""]
    lines += [f"- {x}" for x in dict.fromkeys(d.assumed)]
    lines += [f"- discount_rate {DISCOUNT_RATE:g} in dataset.yaml: the objective discounts "
              f"every year's cost at {DISCOUNT_RATE:.0%} a year (carbonpath's default; "
              "China's official social discount rate for project appraisal is 8 %: replace "
              "it with the rate the plan uses); price_year "
              f"{d.base_year}: costs are real CNY of the base year",
              "- every technology's costs, efficiencies and lifetimes: the catalogue's "
              "(`source` of each row names the catalogue entry and its own source; "
              "`ranges.csv` holds the catalogue's low/high values; `uncertainty.csv` makes "
              "them the inputs of `carbonpath montecarlo`: costs of every technology, "
              "availability and utilisation of the options; with assumed ranges of demand "
              "growth and of the grid emission factor)",
              f"- base_year_tolerance {tolerance:g}: the base year's balances may be off by "
              "the balance sheet's own statistical difference and the rows not modelled "
              "below:"]
    lines += [f"  - {x}" for x in tol_notes] or ["  - none"]
    lines += ["", "## Not modelled (reported, not dropped)", ""]
    lines += [f"- {x}" for x in dict.fromkeys(d.not_modelled)] or ["- nothing"]
    lines += ["", "## Calibration", "",
              "Every fuel the balance shows burned in the region is burned by exactly one "
              "technology in the base year (observed activity x input = the balance's "
              "number), electricity trade is fixed to the balance, and process routes run at "
              "the production input. So the model's base-year emissions equal the inventory "
              "of `activity.csv` and `production.csv` under the dataset's emissions method, "
              "in total and by sector (checked by carbonpath's tests to 1e-9).", "",
              "## Mapping used (balance cell -> technology)", "",
              "| balance | technology | catalogue class | serves |", "|---|---|---|---|"]
    lines += [f"| {m['balance']} | `{m['technology']}` | `{m['catalogue']}` | {m['service']} |"
              for m in d.mapped]
    return "\n".join(lines) + "\n"
