"""The numbers of the report's first screen, computed from a saved run.

Each function takes a :class:`~carbonpath.run.RunResult` (and, where it says so, the optional
tables of :func:`load_extras`) and returns a tidy :class:`pandas.DataFrame` in the model's
canonical units (kt of the targets' gas, ktce, MCNY); :mod:`carbonpath.report.first_screen`
formats them. Optional inputs other parts of carbonpath write beside the results are named
once, in :data:`OPTIONAL_TABLES`; the report shows them when present and says so when not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.errors import ResultsError
from carbonpath.model.peaks import peak_label, peak_labels
from carbonpath.report import tables as T
from carbonpath.units import unit_factor

if TYPE_CHECKING:
    from carbonpath.run import RunResult

__all__ = ["MC_COLUMNS", "OPTIONAL_TABLES", "REFERENCE_UNITS", "assumption_shares",
           "base_year_check", "cost_per_tonne", "decides", "discount_year", "load_extras",
           "montecarlo_peaks", "peak_binding", "sector_peak_years", "tornado"]

#: Optional tables the report reads from a results folder when they exist, by name: the
#: path inside the results folder and the columns the report needs. Other commands write them
#: (the Monte Carlo store by ``carbonpath montecarlo``; wedges and the MACC by the levers
#: analysis); a missing file leaves its slot of the report with a sentence saying so.
OPTIONAL_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    # tidy samples: metric "emissions" in kt of the targets' gas per year
    "montecarlo": ("montecarlo", ("scenario", "sample", "year", "metric", "value")),
    # abatement against the baseline by lever and year, kt/yr (positive = less emitted)
    "wedges": ("analysis/wedges.csv", ("scenario", "year", "lever", "value")),
    # marginal abatement cost curve: abatement kt/yr in `year`, cost_per_tonne CNY/t (may be
    # negative); a folder written before round 16 names it `cost` (read as cost_per_tonne)
    "macc": ("analysis/macc.csv", ("measure", "abatement", "cost_per_tonne")),
    # published statistics to compare the base year with: quantity is one of
    # REFERENCE_UNITS; optional columns `unit` (else the canonical unit) and `year` (else the
    # base year; another year is shown, not compared)
    "reference": ("dataset/reference.csv", ("quantity", "value", "source")),
}

#: Quantities of the ``reference`` table and the canonical unit each is compared in:
#: emissions of the targets' gas, energy consumption, net electricity generation and installed
#: power capacity (all generators; ``renewable_capacity``: non-fossil and biomass ones).
REFERENCE_UNITS = {"emissions": "kt", "energy": "ktce", "generation": "GWh", "capacity": "MW",
                   "renewable_capacity": "MW"}

#: Columns of the Monte Carlo store (:data:`OPTIONAL_TABLES`).
MC_COLUMNS = OPTIONAL_TABLES["montecarlo"][1]


def load_extras(results_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read the optional tables of :data:`OPTIONAL_TABLES` that exist in a results folder.

    The Monte Carlo store is Parquet (one file ``montecarlo.parquet`` or a folder
    ``montecarlo/`` of parts, as pandas reads them); the others are CSV.

    Parameters
    ----------
    results_dir : str or pathlib.Path
        The results folder (or the run folder holding it as ``results/``).

    Returns
    -------
    dict of str to pandas.DataFrame
        Only the tables found, each with at least its listed columns.

    Raises
    ------
    ResultsError
        If a table exists but lacks a listed column (names the file and the columns; a
        ``ValueError`` subclass).
    """
    folder = Path(results_dir)
    if (folder / "results" / "run.json").exists():
        folder = folder / "results"
    out = {}
    for name, (relative, columns) in OPTIONAL_TABLES.items():
        path = folder / relative
        if name == "montecarlo":
            if not path.exists():
                path = folder / f"{relative}.parquet"
            if not path.exists():
                continue
            frame = pd.read_parquet(path)
        elif path.is_file():
            frame = pd.read_csv(path)
        else:
            continue
        if name == "macc" and "cost_per_tonne" not in frame and "cost" in frame:
            # written before round 16 (N86): `cost` was CNY/t there, `cost_total` the MCNY
            frame = frame.rename(columns={"cost": "cost_per_tonne"})
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            msg = (f"{path}: the report needs the columns {', '.join(columns)}; missing "
                   f"{', '.join(missing)}")
            raise ResultsError(msg)
        out[name] = frame
    return out


def _relative_tol(values: pd.Series) -> float:
    return max(1e-8 * float(np.nanmax(np.abs(values))) if len(values) else 0.0, 1e-6)


def peak_binding(result: RunResult) -> pd.Series:
    """Whether the peak rule binds at each point of the cost-of-peaking curve.

    A column ``peak_binds`` (or ``binds``) of the curve, when the run filled one, is taken
    as is (blank where the point is infeasible). Otherwise: the rule "no increase after year
    Y" binds when relaxing it lowers the cost, i.e. the point's objective exceeds the lowest
    objective of the curve (the least constrained point) beyond round-off (1e-8 relative);
    at the points that cost that lowest objective it binds only if the plan's own solve,
    run with that peak year, has a peak row with a non-zero shadow price (its ``duals``).
    Otherwise it does not bind: the curve's cost there is the cost of the other targets.

    Returns
    -------
    pandas.Series
        Index ``peak_year``; True where the rule binds, False where not, NaN where the point
        is infeasible. Empty without a curve.
    """
    curve = result.peak_curve
    if curve is None or curve.empty or "peak_year" not in curve.columns:
        return pd.Series(dtype=object)
    years = curve["peak_year"].astype(int)
    for column in ("peak_binds", "binds"):
        if column in curve.columns and curve[column].notna().any():
            flags = curve[column].map(lambda v: np.nan if pd.isna(v) or str(v).strip() == ""
                                      else str(v).strip().lower() in ("true", "1"))
            return pd.Series(flags.to_numpy(), index=years.to_numpy(), name="binds",
                             dtype=object)
    objective = curve["objective"].astype(float)
    feasible = objective.notna()
    out = pd.Series(np.nan, index=years.to_numpy(), dtype=object, name="binds")
    if not feasible.any():
        return out
    lowest = float(objective[feasible].min())
    tol = _relative_tol(objective[feasible])
    plan = T.plan_name(result)
    target = result.meta.get("scenarios", {}).get(plan, {}).get("target_peak_year")
    plan_binds = _plan_peak_binds(result, plan)
    for year, value, ok in zip(years, objective, feasible, strict=True):
        if not ok:
            continue
        if value > lowest + tol:
            out[year] = True
        else:
            out[year] = bool(target is not None and int(target) == year and plan_binds)
    return out


def _plan_peak_binds(result: RunResult, plan: str | None) -> bool:
    prices = T.target_shadow_prices(result, plan)
    if prices.empty:
        return False
    rows = prices[prices["type"] == "peak_year"]
    return bool(rows["binding"].any())


def sector_peak_years(result: RunResult) -> pd.DataFrame:
    """The year each sector's emissions peak, per scenario (targets' basis).

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``sector`` (code; net electricity trade is
        :data:`~carbonpath.report.tables.IMPORT_CATEGORY`), ``peak_year``, ``peak_level`` (kt),
        ``peaked`` (False where the highest year is the last model year: no peak within the
        horizon), ``last`` (kt in the horizon year), sorted by scenario and base-year size.
    """
    meta = result.meta.get("dataset", {}).get("emissions", {})
    gas = meta.get("gas", "CO2")
    rows = []
    for name in result.pathways:
        wide = T.emissions_by_sector(result.pathways[name], gas, meta.get("gwp"))
        for sector in wide.columns:
            series = wide[sector]
            if sector == T.IMPORT_CATEGORY or series.max() <= T.ZERO:
                continue
            rows.append({"scenario": name, "sector": sector,
                         "peak_year": int(peak_label(series)), "peak_level": float(series.max()),
                         "peaked": bool(int(peak_label(series)) < int(series.index.max())),
                         "last": float(series.iloc[-1]), "first": float(series.iloc[0])})
    frame = pd.DataFrame(rows, columns=["scenario", "sector", "peak_year", "peak_level",
                                        "peaked", "last", "first"])
    return frame.sort_values(["scenario", "first"], ascending=[True, False]).drop(
        columns="first").reset_index(drop=True)


def discount_year(meta: dict[str, Any]) -> int | str:
    """The year a run's costs are discounted to, from its ``run.json`` ``dataset`` entry.

    Results written before ``discount_year`` was recorded were discounted to the base year
    unless the dataset set another year, which they do not say: they get the base year.
    """
    return meta.get("discount_year", meta.get("base_year", ""))


def cost_per_tonne(result: RunResult) -> dict[str, float]:
    """The cost of the plan in total and per tonne abated against the baseline.

    Abatement is the baseline's minus the plan's emissions by model year; the cost is the
    difference of the discounted objectives. The cost per tonne is that cost over the
    abatement discounted the same way (rate and ``discount_year`` of ``run.json``), as
    ``scenario_cost.csv`` and the measure MACC: the constant carbon price that would pay for
    the plan, whatever year the costs are discounted to. An average, not a marginal cost.

    Returns
    -------
    dict
        ``total`` (MCNY, discounted), ``abated`` (kt over the horizon, undiscounted),
        ``abated_discounted`` (kt, discounted), ``per_tonne`` (CNY/t; NaN when nothing is
        abated or there is no baseline).
    """
    total, _ = T.cost_of_target(result)
    totals = T.emissions_totals(result)
    plan, base = T.plan_name(result), T.baseline_name(result)
    nan = float("nan")
    if plan not in totals or base not in totals or plan == base:
        return {"total": total, "abated": nan, "abated_discounted": nan, "per_tonne": nan}
    meta = result.meta.get("dataset", {})
    rate = float(meta.get("discount_rate", nan))
    year = discount_year(meta)
    gap = totals[base] - totals[plan]
    abated = float(gap.sum())
    if isinstance(year, int) and rate == rate:
        factors = (1.0 + rate) ** -(gap.index.to_numpy(dtype=float) - year)
        discounted = float((gap.to_numpy(dtype=float) * factors).sum())
    else:
        discounted = nan
    per_tonne = (total / discounted * 1000.0 if discounted > T.ZERO  # MCNY/kt -> CNY/t
                 else nan)
    return {"total": total, "abated": abated, "abated_discounted": discounted,
            "per_tonne": per_tonne}


def tornado(result: RunResult) -> pd.DataFrame:
    """The one-at-a-time sensitivity as tornado bars: rows that move nothing are dropped.

    The run's sensitivity scales the estimated capital costs of one sector at a time (low
    and high factor) and re-solves both scenarios; its output is the cost of the target,
    not the peak year, so the bars show the change of the cost of the target.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``low``, ``high`` (change of the cost of the target, MCNY, at the
        lower and the higher factor), ``low_factor``, ``high_factor``, ``span``; only rows
        whose change exceeds round-off (1e-6 relative to the cost), largest span first.
    """
    sens = result.sensitivity
    columns = ["group", "low", "high", "low_factor", "high_factor", "span"]
    if sens is None or sens.empty or "cost_of_target" not in sens.columns:
        return pd.DataFrame(columns=columns)
    total, _ = T.cost_of_target(result)
    if total != total:
        return pd.DataFrame(columns=columns)
    tol = max(1e-6 * abs(total), 1e-3)
    rows = []
    for group, sub in sens.groupby("group", sort=False):
        sub = sub.sort_values("factor")
        change = sub["cost_of_target"].astype(float) - total
        low, high = float(change.iloc[0]), float(change.iloc[-1])
        if max(abs(low), abs(high)) <= tol:
            continue
        rows.append({"group": str(group), "low": low, "high": high,
                     "low_factor": float(sub["factor"].iloc[0]),
                     "high_factor": float(sub["factor"].iloc[-1]),
                     "span": abs(high - low)})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("span", ascending=False).reset_index(drop=True)


def decides(extras: dict[str, pd.DataFrame], plan: str | None) -> pd.DataFrame:
    """The global sensitivity ranking of the plan's peak, from a Monte Carlo store's extras.

    Parameters
    ----------
    extras : dict of str to pandas.DataFrame
        Optional tables; ``sensitivity`` as :func:`carbonpath.report.montecarlo.montecarlo_extras`
        writes it.
    plan : str or None
        The plan scenario (its rows are taken; else the first scenario's).

    Returns
    -------
    pandas.DataFrame
        The ranking's rows of one scenario whose index is positive, most influential first;
        empty without a ranking.
    """
    ranking = extras.get("sensitivity")
    if ranking is None or ranking.empty:
        return pd.DataFrame(columns=[] if ranking is None else ranking.columns)
    name = plan if plan in set(ranking["scenario"]) else ranking["scenario"].iloc[0]
    mine = ranking[(ranking["scenario"] == name) & (ranking["index"].astype(float) > 0)]
    return mine.sort_values(["rank", "group"]).reset_index(drop=True)


def base_year_check(result: RunResult, extras: dict[str, pd.DataFrame] | None = None
                    ) -> pd.DataFrame:
    """The base year as the model has it, against the inventory and published statistics.

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity`` (:data:`REFERENCE_UNITS`: "emissions" in kt of the targets'
        gas, "energy" in ktce, "generation" in GWh, "capacity" and "renewable_capacity" in
        MW), ``what`` ("model", "inventory", "reference", or "reference_other_year" for a
        published figure of another year, shown and not compared), ``value``, ``source``,
        ``difference`` (relative to the model's value). Reference rows come from the optional
        ``reference`` table (:data:`OPTIONAL_TABLES`), converted from their ``unit`` column
        when it is given; model rows of power quantities only when the table asks for them.
    """
    meta = result.meta.get("dataset", {})
    base_year = meta.get("base_year")
    gas = meta.get("emissions", {}).get("gas", "CO2")
    plan = T.plan_name(result)
    rows = []
    if plan is not None and base_year is not None:
        totals = T.emissions_totals(result)
        if base_year in totals.index and plan in totals:
            rows.append(("emissions", "model", float(totals.loc[base_year, plan]), ""))
        energy = result.pathways[plan].get("energy")
        if energy is not None and not energy.empty:
            row = energy[energy["year"] == base_year]
            if len(row):
                rows.append(("energy", "model", float(row["total"].iloc[0]), ""))
    inv = (result.inventory or {}).get("emissions")
    if inv is not None and not inv.empty and gas == "CO2" and "gas" in inv.columns:
        sel = inv[(inv["gas"] == "CO2")
                  & inv["in_total"].astype(str).str.lower().isin(("true", "1"))]
        factors = {u: unit_factor(str(u).replace(" CO2", ""), "kt") for u in sel["unit"].unique()}
        value = float((sel["value"] * sel["unit"].map(factors)).sum())
        rows.append(("emissions", "inventory", value, "inventory (activity data x factors)"))
    reference = (extras or {}).get("reference")
    if reference is not None:
        wanted = set(reference["quantity"].astype(str))
        if plan is not None and base_year is not None and wanted & {"generation", "capacity",
                                                                     "renewable_capacity"}:
            power = _power_base_year(result, plan, base_year)
            rows += [(q, "model", v, "") for q, v in power.items() if q in wanted]
        for r in reference.to_dict("records"):
            quantity = str(r["quantity"])
            value = float(r["value"])
            unit = r.get("unit")
            if isinstance(unit, str) and unit.strip() and quantity in REFERENCE_UNITS:
                target = REFERENCE_UNITS[quantity]
                value *= unit_factor(unit.replace(" CO2", "") if quantity == "emissions" else unit,
                                     target)
            year = r.get("year")
            other = (year is not None and not pd.isna(year) and base_year is not None
                     and int(year) != int(base_year))
            what = "reference_other_year" if other else "reference"
            source = f"{r['source']} ({int(year)})" if other else str(r["source"])
            rows.append((quantity, what, value, source))
    frame = pd.DataFrame(rows, columns=["quantity", "what", "value", "source"])
    model = frame[frame["what"] == "model"].set_index("quantity")["value"]
    frame["difference"] = [
        (v / model[q] - 1) if q in model.index and model[q] and w in ("inventory", "reference")
        else np.nan
        for q, w, v in zip(frame["quantity"], frame["what"], frame["value"], strict=True)]
    return frame


def _power_base_year(result: RunResult, plan: str, base_year: int) -> dict[str, float]:
    """The plan's base-year net generation (GWh) and installed capacity (MW) of its generators.

    Generators are the technologies of kind ``supply`` or ``conversion`` with an electricity
    output (dataset ``flows``); renewable ones are flagged ``nonfossil`` or burn a fuel of
    kind ``solid_biomass``. Links, imports and stores are left out.
    """
    tables = result.dataset_tables
    techs, flows, commodities = (tables.get(n) for n in ("technologies", "flows", "commodities"))
    pathway = result.pathways.get(plan, {})
    if techs is None or flows is None or commodities is None or "activity" not in pathway:
        return {}
    electric = set(commodities.loc[commodities["kind"] == "electricity", "commodity"])
    kinds = techs.set_index("technology")["kind"]
    out = flows[(flows["direction"] == "output") & flows["commodity"].isin(electric)]
    out = out[out["technology"].map(kinds).isin(["supply", "conversion"])]
    ratio = out.groupby("technology")["value"].sum()
    fuels = commodities.set_index("commodity")["fuel"]
    biomass = set(flows.loc[(flows["direction"] == "input")
                            & (flows["commodity"].map(fuels) == "solid_biomass"), "technology"])
    nonfossil = set(techs.loc[techs["nonfossil"].astype(str).str.lower().isin(("true", "1")),
                              "technology"]) | biomass
    act = pathway["activity"]
    act = act[(act["year"] == base_year) & act["technology"].isin(ratio.index)]
    gwh = act["value"] * act["unit"].map(lambda u: unit_factor(str(u).replace("/yr", ""), "GWh"))
    result_rows = {"generation": float((gwh * act["technology"].map(ratio)).sum())}
    cap = pathway.get("capacity")
    if cap is not None:
        cap = cap[(cap["year"] == base_year) & cap["technology"].isin(ratio.index)]
        mw = cap["total"] * cap["unit"].map(lambda u: unit_factor(str(u), "MW"))
        result_rows["capacity"] = float(mw.sum())
        result_rows["renewable_capacity"] = float(mw[cap["technology"].isin(nonfossil)].sum())
    return result_rows


def assumption_shares(result: RunResult) -> pd.DataFrame:
    """Share of each dataset table's rows whose value is an assumption or an estimate.

    Returns
    -------
    pandas.DataFrame
        Columns ``table`` (``<name>.csv``), ``rows``, ``assumed`` (assumption or estimate),
        ``share`` (fraction), ``unverified``, ``sourced``, ``missing``; tables without a
        ``source`` column are left out. Largest share first.
    """
    rows = []
    for name, frame in T.assumption_tables(result.dataset_tables).items():
        if "status" not in frame.columns or frame.empty:
            continue
        counts = frame["status"].value_counts()
        assumed = int(counts.get("assumption", 0)) + int(counts.get("estimate", 0))
        rows.append({"table": f"{name}.csv", "rows": len(frame), "assumed": assumed,
                     "share": assumed / len(frame),
                     "unverified": int(counts.get("unverified", 0)),
                     "sourced": int(counts.get("sourced", 0)),
                     "missing": int(counts.get("missing", 0))})
    frame = pd.DataFrame(rows, columns=["table", "rows", "assumed", "share", "unverified",
                                        "sourced", "missing"])
    return frame.sort_values("share", ascending=False).reset_index(drop=True)


def montecarlo_peaks(samples: pd.DataFrame, targets: dict[str, Any]) -> pd.DataFrame:
    """Peak years of Monte Carlo samples and the probability of peaking by the target year.

    Parameters
    ----------
    samples : pandas.DataFrame
        The tidy store (:data:`MC_COLUMNS`). A store of ``carbonpath montecarlo`` has
        ``peak_year`` and ``status`` rows: the probability is then
        :func:`carbonpath.sweeps.analysis.peak_probability` at the target year (share of
        the **valid** samples with ``peak_year <= target``; infeasible samples count as not
        peaked, ``invalid`` ones are left out and counted in ``invalid``) and the median is
        over the valid samples, those that do not peak within the
        horizon (a maximum in the last model year, or not optimal) ranking after every
        peaking one (:func:`carbonpath.sweeps.analysis.median_peak_year`: ``inf`` when the
        median falls on them, read "after <horizon>"). Without such rows, each sample's
        peak year is the year of its largest ``emissions`` row.
    targets : dict of str to int or None
        Target peak year by scenario.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``samples``, ``median_peak_year`` (``inf``: after the
        ``horizon``), ``horizon`` (the last model year), ``p_by_target`` (fraction of
        samples whose emissions peak no later than the target year and before the last model
        year, a maximum in the last year being no peak within the horizon; NaN without a
        target),
        ``target``, ``invalid`` (samples left out: their inputs contradict the dataset).
    """
    from carbonpath.sweeps.analysis import median_peak_year, valid_samples

    columns = ["scenario", "samples", "median_peak_year", "horizon", "p_by_target", "target",
               "invalid"]
    if {"peak_year", "status"} <= set(samples["metric"].unique()):
        from carbonpath.sweeps.analysis import peak_probability

        rows = []
        peaks = samples[samples["metric"] == "peak_year"]
        for scenario in dict.fromkeys(samples["scenario"]):
            target = targets.get(scenario)
            known = target is not None and target == target
            mine = samples[samples["scenario"] == scenario]
            if known:
                prob = peak_probability(mine, years=[int(target)])
                p, n = float(prob["probability"].iloc[0]), int(prob["samples"].iloc[0])
            else:
                p = float("nan")
                n = int((mine["metric"] == "status").sum())
            years = peaks[peaks["scenario"] == scenario]["value"].dropna()
            last = _last_year(mine)
            years = years[years < last]  # RP06: a maximum there is no peak
            # MC01: every valid sample counts; N88: an invalid one (inputs contradicting the
            # dataset) is no result of the plan and is counted apart
            n_all, invalid = valid_samples(mine, scenario)
            if not known:
                n = n_all
            rows.append({"scenario": scenario, "samples": n, "invalid": invalid,
                         "median_peak_year": median_peak_year(years, n_all),
                         "horizon": last, "p_by_target": p, "target": target})
        return pd.DataFrame(rows, columns=columns)
    em = samples[samples["metric"] == "emissions"]
    rows = []
    for scenario, sub in em.groupby("scenario", sort=False):
        wide = sub.pivot_table(index="sample", columns="year", values="value")
        peak = peak_labels(wide).astype(int)  # first year at the top (F15)
        target = targets.get(scenario)
        known = target is not None and target == target
        peaked = peak < int(wide.columns.max())  # a maximum in the last year is no peak
        p = float((peaked & (peak <= int(target))).mean()) if known else float("nan")
        rows.append({"scenario": scenario, "samples": len(peak),
                     "median_peak_year": median_peak_year(peak[peaked], len(peak)),
                     "horizon": float(wide.columns.max()), "p_by_target": p,
                     "target": target, "invalid": 0})
    return pd.DataFrame(rows, columns=columns)


def _last_year(samples: pd.DataFrame) -> float:
    """The last model year of one scenario's samples (of ``emissions`` rows; inf if none)."""
    years = samples.loc[samples["metric"] == "emissions", "year"].dropna()
    return float(years.max()) if len(years) else np.inf
