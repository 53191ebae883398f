"""Summaries of Monte Carlo results: peak probability, percentile bands, sensitivity.

All functions read the tidy per-sample rows of :mod:`carbonpath.sweeps.montecarlo` (from
memory or from a store), so a report can recompute them from the store alone.

* :func:`peak_probability`: for each scenario and year Y, the share of **all** samples whose
  emissions peak in Y or before (``peak_year <= Y``). A sample whose highest emissions are in
  the last model year has not peaked within the horizon and counts as not peaked, like the
  infeasible samples (the scenario's targets cannot be met with those inputs), whose share is
  given beside.
* :func:`bands`: percentiles of every numeric metric over the optimal samples.
* :func:`sensitivity`: a global ranking of the input groups on the same samples, with SALib's
  given-data estimators: PAWN (Pianosi and Wagener 2015, 2018; the default, fast) or the
  moment-independent delta (Borgonovo 2007, with the first-order Sobol index estimated from
  the same data by SALib, Plischke et al. 2013; slower, on request). Inputs of one
  correlated group move together, so the ranking is by group.
"""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd

from carbonpath.dataset.uncertainty import Uncertainty

__all__ = ["bands", "peak_probability", "sensitivity", "status_counts"]


@contextlib.contextmanager
def _quiet():
    """Hide what a library prints on stdout and stderr."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        yield


def _status(results: pd.DataFrame) -> pd.DataFrame:
    rows = results[results["metric"] == "status"]
    return rows[["scenario", "sample", "text"]].rename(columns={"text": "status"})


def status_counts(results: pd.DataFrame) -> pd.DataFrame:
    """Samples by scenario and status: columns scenario, status, samples, share."""
    status = _status(results)
    counts = status.groupby(["scenario", "status"]).size().rename("samples").reset_index()
    counts["share"] = counts["samples"] / counts.groupby("scenario")["samples"].transform("sum")
    return counts


def peak_probability(results: pd.DataFrame, years: list[int] | None = None) -> pd.DataFrame:
    """Probability of peaking by each year, per scenario.

    Returns
    -------
    pandas.DataFrame
        scenario, year, probability (share of all samples with ``peak_year <= year`` and
        before the last model year: a maximum in the last year is no peak within the
        horizon), samples (all), optimal, infeasible (samples that are not optimal).
    """
    status = _status(results)
    peaks = results[results["metric"] == "peak_year"][["scenario", "sample", "value"]]
    if years is None:
        years = sorted({int(y) for y in results["year"].dropna()})
    out = []
    for scenario, group in status.groupby("scenario"):
        n = len(group)
        optimal = int((group["status"] == "optimal").sum())
        mine = peaks[peaks["scenario"] == scenario]["value"].to_numpy()
        mine = mine[mine < _last_year(results, scenario)]  # the rest have not peaked
        for y in years:
            out.append((scenario, y, float(np.sum(mine <= y)) / n if n else np.nan, n, optimal,
                        n - optimal))
    return pd.DataFrame(out, columns=["scenario", "year", "probability", "samples", "optimal",
                                      "infeasible"])


def _last_year(results: pd.DataFrame, scenario: str) -> float:
    """The scenario's last model year (of its ``emissions`` rows); inf if it has none."""
    rows = results[(results["metric"] == "emissions") & (results["scenario"] == scenario)]
    years = rows["year"].dropna()
    return float(years.max()) if len(years) else np.inf


def bands(results: pd.DataFrame, percentiles: tuple[float, ...] = (5, 25, 50, 75, 95)
          ) -> pd.DataFrame:
    """Percentiles of each numeric metric by scenario, metric and year (optimal samples).

    Returns
    -------
    pandas.DataFrame
        scenario, metric, year, samples, mean, p5, p25, ... (one column per percentile).
    """
    numbers = results[results["value"].notna() & ~results["metric"].isin(
        ["seconds", "iterations"])]
    keys = ["scenario", "metric", "year"]
    grouped = numbers.groupby(keys, dropna=False)["value"]
    out = grouped.agg(["size", "mean"]).rename(columns={"size": "samples"})
    for p in percentiles:
        out[f"p{p:g}"] = grouped.quantile(p / 100.0)
    return out.reset_index()


def sensitivity(results: pd.DataFrame, inputs: pd.DataFrame, uncertainty: Uncertainty,
                metric: str = "cost", year: int | None = None, method: str = "pawn",
                seed: int = 0, scenario: str | None = None) -> pd.DataFrame:
    """Rank the input groups by their influence on one metric, per scenario (SALib).

    Parameters
    ----------
    results, inputs : pandas.DataFrame
        Tidy results and sampled inputs (sample, input, value).
    uncertainty : Uncertainty
        For the groups of the inputs.
    metric : str
        A metric of the results (``cost``, ``peak_year``, ``emissions`` with ``year`` ...).
    year : int, optional
        The metric's year (metrics by year).
    method : {"pawn", "delta"}
        SALib's ``pawn`` (the default: the median Kolmogorov-Smirnov statistic over the
        conditioning slices; milliseconds) or ``delta`` (Borgonovo's delta, raw estimator,
        with its bootstrap confidence and S1; seconds per scenario, since it bootstraps
        kernel density estimates).
    seed : int
        Seed of SALib's bootstrap.
    scenario : str, optional
        One scenario (default: each).

    Returns
    -------
    pandas.DataFrame
        scenario, group, inputs, method, index (delta or PAWN median), confidence (delta),
        s1 (delta), rank (1 = most influential), samples (optimal samples used).

    Raises
    ------
    ValueError
        Unknown method, or a metric without values.
    """
    if method not in ("delta", "pawn"):
        msg = f"unknown sensitivity method {method!r}; valid: delta, pawn"
        raise ValueError(msg)
    from SALib.analyze import delta, pawn

    wide = inputs.pivot(index="sample", columns="input", values="value")
    first = {}
    for spec in uncertainty.inputs:
        first.setdefault(spec.group, spec.name)
    groups = list(first)
    members = {g: " ".join(s.name for s in uncertainty.inputs if s.group == g) for g in groups}
    chosen = results[(results["metric"] == metric)]
    if year is not None:
        chosen = chosen[chosen["year"] == year]
    if chosen["value"].notna().sum() == 0:
        msg = f"no values of metric {metric!r}" + (f" in {year}" if year is not None else "")
        raise ValueError(msg)
    out = []
    names = [scenario] if scenario is not None else sorted(chosen["scenario"].unique())
    for name in names:
        y = chosen[chosen["scenario"] == name].set_index("sample")["value"].dropna()
        x = wide.loc[y.index, [first[g] for g in groups]].to_numpy(dtype=float)
        problem = {"num_vars": len(groups), "names": groups,
                   "bounds": [[float(c.min()), float(c.max()) if c.max() > c.min()
                               else float(c.min()) + 1.0] for c in x.T]}
        values = y.to_numpy(dtype=float)
        if np.ptp(values) == 0:
            index = np.zeros(len(groups))
            conf = s1 = np.full(len(groups), np.nan)
        elif method == "delta":
            with _quiet():  # SALib prints notices on small bins; its notes say the same
                res = delta.analyze(problem, x, values, seed=seed, print_to_console=False)
            index, conf, s1 = (np.asarray(res["delta_raw"]), np.asarray(res["delta_raw_conf"]),
                               np.asarray(res["S1"]))
        else:
            with _quiet():
                res = pawn.analyze(problem, x, values, seed=seed, print_to_console=False)
            index = np.asarray(res["median"])
            conf = s1 = np.full(len(groups), np.nan)
        rank = pd.Series(-index).rank(method="min", na_option="bottom").astype(int).to_numpy()
        for g, i, c, s, r in zip(groups, index, conf, s1, rank, strict=True):
            out.append((name, g, members[g], method, float(i), float(c), float(s), int(r),
                        len(values)))
    frame = pd.DataFrame(out, columns=["scenario", "group", "inputs", "method", "index",
                                       "confidence", "s1", "rank", "samples"])
    return frame.sort_values(["scenario", "rank", "group"]).reset_index(drop=True)
