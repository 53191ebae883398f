"""Summaries of Monte Carlo results: peak probability, percentile bands, sensitivity.

All functions read the tidy per-sample rows of :mod:`carbonpath.sweeps.montecarlo` (from
memory or from a store), so a report can recompute them from the store alone.

* :func:`peak_probability`: for each scenario and year Y, the share of the **valid** samples
  whose emissions peak in Y or before (``peak_year <= Y``). A sample whose highest emissions
  are in the last model year has not peaked within the horizon and counts as not peaked, like
  the infeasible samples (the scenario's targets cannot be met with those inputs), whose
  share is given beside. ``invalid`` samples (values the dataset refuses, or data that are
  infeasible with every target relaxed) say nothing about the plan: they are counted apart
  and left out of the share (round 16's N88: half of the samples contradicting the observed
  base year had halved the probability).
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
from collections.abc import Iterable

import numpy as np
import pandas as pd

from carbonpath.dataset.uncertainty import Uncertainty
from carbonpath.errors import ArgumentValueError, CarbonpathWarning

__all__ = ["INVALID", "MIN_SAMPLES", "FewSamplesWarning", "bands", "failure_reasons",
           "few_samples", "median_peak_year", "peak_lines", "peak_probability", "sensitivity",
           "status_counts", "valid_samples"]

#: Fewest samples with a value per scenario for a global sensitivity: PAWN conditions on 10
#: slices of each input, so fewer leaves one sample or none per slice, and its index is then
#: the same for every group (0.5 on 3 samples); the store's summary and the report skip
#: the ranking below it, and :func:`sensitivity` refuses it.
MIN_SAMPLES = 20


class FewSamplesWarning(CarbonpathWarning):
    """A probability or percentile band from fewer than :data:`MIN_SAMPLES` samples (N126)."""


def few_samples(n: int) -> str:
    """Why ``n`` samples per scenario are too few for a probability or a band ('' if not).

    Below :data:`MIN_SAMPLES` (20) a probability moves in steps of 1/n (100 % from one
    sample) and the 5 % and 95 % edges of a 90 % band fall on the most extreme samples, so
    neither says anything about the inputs' ranges (round 22, N126).
    """
    if n >= MIN_SAMPLES:
        return ""
    return (f"{n} Monte Carlo sample(s) per scenario are too few for a probability or a "
            f"band: a probability from them moves in steps of {1 / max(n, 1):.0%} and the "
            f"edges of the 90 % band are the extreme samples themselves; run `carbonpath "
            f"montecarlo` with --samples {MIN_SAMPLES} or more (a few hundred for a "
            "probability to within about 5 points)")


@contextlib.contextmanager
def _quiet():
    """Hide what a library prints on stdout and stderr."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        yield


def _status(results: pd.DataFrame) -> pd.DataFrame:
    rows = results[results["metric"] == "status"]
    return rows[["scenario", "sample", "text"]].rename(columns={"text": "status"})


#: Status of a sample whose inputs contradict the dataset (not a result of the plan).
INVALID = "invalid"


def valid_samples(results: pd.DataFrame, scenario: str) -> tuple[int, int]:
    """The valid and the invalid sample counts of one scenario (from its ``status`` rows).

    Parameters
    ----------
    results : pandas.DataFrame
        Tidy per-sample rows.
    scenario : str

    Returns
    -------
    (int, int)
        Samples whose status is not ``invalid`` (the denominator of every probability), and
        the ``invalid`` ones.
    """
    status = _status(results)
    mine = status[status["scenario"] == scenario]["status"]
    invalid = int((mine == INVALID).sum())
    return len(mine) - invalid, invalid


def status_counts(results: pd.DataFrame) -> pd.DataFrame:
    """Samples by scenario and status: columns scenario, status, samples, share."""
    status = _status(results)
    counts = status.groupby(["scenario", "status"]).size().rename("samples").reset_index()
    counts["share"] = counts["samples"] / counts.groupby("scenario")["samples"].transform("sum")
    return counts


def failure_reasons(results: pd.DataFrame) -> pd.DataFrame:
    """Why samples are not optimal: the most frequent explanation per scenario and status.

    Parameters
    ----------
    results : pandas.DataFrame
        Tidy per-sample rows (``status`` and ``explanation`` rows, text in ``text``).

    Returns
    -------
    pandas.DataFrame
        scenario, status (every status but ``optimal``), samples (of that status), reason
        (the first sample's explanation of the kind most of them share; the first kind on
        a tie), sample (that sample), same (how many samples give that kind: the same
        words up to their numbers, such as another year or amount).
    """
    status = _status(results)
    explained = results[results["metric"] == "explanation"][["scenario", "sample", "text"]]
    frame = status[status["status"] != "optimal"].merge(
        explained.rename(columns={"text": "reason"}), on=["scenario", "sample"], how="left")
    frame["reason"] = frame["reason"].fillna("(no explanation recorded)").astype(str)
    out = []
    # one kind of reason: the same words up to their numbers (another year, another amount:
    # round 20's X76 counted "1 of 4" when all 4 named the build limit, each its own year)
    frame["kind"] = frame["reason"].str.replace(r"\d+(?:[.,]\d+)*", "#", regex=True)
    for (scenario, state), group in frame.groupby(["scenario", "status"], sort=True):
        counts = group.groupby("kind", sort=False).size()
        kind = counts.idxmax()
        same = group[group["kind"] == kind]
        first = int(same["sample"].min())
        reason = same.loc[same["sample"] == first, "reason"].iloc[0]
        out.append((scenario, state, len(group), reason, first, int(counts.max())))
    return pd.DataFrame(out, columns=["scenario", "status", "samples", "reason", "sample",
                                      "same"])


def peak_probability(results: pd.DataFrame, years: list[int] | None = None) -> pd.DataFrame:
    """Probability of peaking by each year, per scenario.

    Returns
    -------
    pandas.DataFrame
        scenario, year, probability (share of the valid samples with ``peak_year <= year``
        and before the last model year: a maximum in the last year is no peak within the
        horizon; NaN without a valid sample), samples (the valid ones: all but
        ``invalid``), optimal, infeasible (valid samples that are not optimal), invalid
        (samples left out: values the dataset refuses, or infeasible with every target
        relaxed).
    """
    status = _status(results)
    peaks = results[results["metric"] == "peak_year"][["scenario", "sample", "value"]]
    if years is None:
        years = sorted({int(y) for y in results["year"].dropna()})
    out = []
    for scenario, group in status.groupby("scenario"):
        invalid = int((group["status"] == INVALID).sum())
        n = len(group) - invalid  # N88: invalid samples are no result of the plan
        optimal = int((group["status"] == "optimal").sum())
        mine = peaks[peaks["scenario"] == scenario]["value"].to_numpy()
        mine = mine[mine < _last_year(results, scenario)]  # the rest have not peaked
        for y in years:
            out.append((scenario, y, float(np.sum(mine <= y)) / n if n else np.nan, n, optimal,
                        n - optimal, invalid))
    return pd.DataFrame(out, columns=["scenario", "year", "probability", "samples", "optimal",
                                      "infeasible", "invalid"])


def peak_lines(results: pd.DataFrame, target_years: Iterable[int] = ()) -> list[str]:
    """The ``montecarlo`` command's summary lines: probability of peaking and median year.

    Per scenario, the probability of peaking by each year that is a multiple of five, a
    target year, the last model year, or the first year at a new probability (so the
    target year is shown even at 100 %: MC02); then the
    median peak year over all samples (:func:`median_peak_year`; "after <last year>" when
    it falls on samples that never peak: MC01).

    Parameters
    ----------
    results : pandas.DataFrame
        Tidy per-sample rows (scenario, sample, metric, year, value, text).
    target_years : iterable of int
        Peak-year targets of the scenarios run (shown in every scenario's line).

    Returns
    -------
    list of str
        Two lines per scenario.
    """
    prob = peak_probability(results)
    targets = {int(y) for y in target_years}
    peaks = results[results["metric"] == "peak_year"]
    lines = []
    for name, group in prob.groupby("scenario"):
        if not int(group["samples"].iloc[0]):  # every sample invalid: no probability
            lines += [f"{name}: no valid sample ({int(group['invalid'].iloc[0])} invalid: "
                      "their inputs contradict the dataset), so no probability of peaking",
                      f"{name}: no median peak year"]
            continue
        last_year = _last_year(results, name)
        shown, before = [], None
        for r in group.itertuples():
            if (r.year % 5 == 0 or r.year in targets or r.year == last_year
                    or r.probability != before):
                shown.append(f"{int(r.year)} {r.probability:.0%}")
            before = r.probability
        invalid = int(group["invalid"].iloc[0])
        n = int(group["samples"].iloc[0])
        apart = (f" (over the {n} valid samples; {invalid} invalid left out: their inputs "
                 "contradict the dataset)" if invalid else "")
        lines.append(f"{name}: probability of peaking by  {', '.join(shown)}{apart}")
        years = peaks[peaks["scenario"] == name]["value"].dropna()
        median = median_peak_year(years[years < last_year], n)
        text = (f"after {int(last_year)}" if median == np.inf and np.isfinite(last_year)
                else "-" if median != median else f"{median:g}")
        over = f"the {n} valid" if invalid else f"all {n}"
        lines.append(f"{name}: median peak year over {over} samples  {text}")
    return lines


def median_peak_year(peaking: np.ndarray | pd.Series, samples: int) -> float:
    """The median peak year over **all** samples, those that never peak counted as later.

    Parameters
    ----------
    peaking : array of float, shape (k,)
        Peak years (calendar years) of the samples that peak within the horizon.
    samples : int
        Number of all samples (>= k): the other ``samples - k`` never peak by the last
        model year (or are not optimal), and rank after every peaking one.

    Returns
    -------
    float
        The lower median: the first year by which at least half of all samples have peaked,
        the year where the probability of peaking reaches 50 % (:func:`peak_probability`,
        the median of a time to an event). For an even count it is the lower of the two
        middle samples, always a year some sample peaks in (round 13's H93: the mean of
        2024 and 2026 had read 2025, a year no sample peaks in). ``inf`` when more than half
        of the samples never peak, NaN for no sample. Round-8 case MC01: the median of the
        peaking samples alone shows a year most samples never reach.
    """
    years = np.sort(np.asarray(peaking, dtype=float))
    if samples <= 0:
        return float("nan")
    padded = np.concatenate([years, np.full(max(samples - len(years), 0), np.inf)])
    return float(padded[(len(padded) - 1) // 2])


def _last_year(results: pd.DataFrame, scenario: str) -> float:
    """The scenario's last model year (of its ``emissions`` rows); inf if it has none."""
    rows = results[(results["metric"] == "emissions") & (results["scenario"] == scenario)]
    years = rows["year"].dropna()
    return float(years.max()) if len(years) else np.inf


def bands(results: pd.DataFrame, percentiles: tuple[float, ...] = (5, 25, 50, 75, 95)
          ) -> pd.DataFrame:
    """Percentiles of each numeric metric by scenario, metric and year (optimal samples).

    Parameters
    ----------
    results : pandas.DataFrame
        Tidy per-sample rows (scenario, sample, metric, year, value, text).
    percentiles : tuple of float
        Percentiles in 0..100 (each a number, at least one).

    Returns
    -------
    pandas.DataFrame
        scenario, metric, year, samples, mean, p5, p25, ... (one column per percentile).

    Raises
    ------
    ArgumentValueError
        If ``percentiles`` is empty or holds a value that is not a number in 0..100.
    """
    _check_percentiles(percentiles)
    numbers = results[results["value"].notna() & ~results["metric"].isin(
        ["seconds", "iterations"])]
    keys = ["scenario", "metric", "year"]
    grouped = numbers.groupby(keys, dropna=False)["value"]
    out = grouped.agg(["size", "mean"]).rename(columns={"size": "samples"})
    for p in percentiles:
        out[f"p{p:g}"] = grouped.quantile(p / 100.0)
    return out.reset_index()


def _check_percentiles(percentiles: object) -> None:
    """Refuse percentiles outside 0..100 (pandas' quantile would say 0 <= q <= 1)."""
    values = list(percentiles) if isinstance(percentiles, (tuple, list)) else None
    bad = [v for v in values or [] if isinstance(v, bool) or not isinstance(
        v, (int, float, np.number)) or not np.isfinite(v) or not 0 <= v <= 100]
    if not values or bad:
        msg = (f"bands(percentiles={percentiles!r}): percentiles are a tuple of numbers in "
               f"0..100 (e.g. (5, 50, 95)); not valid: {_short(bad) if bad else percentiles!r}")
        raise ArgumentValueError(msg)


def _short(values: list) -> str:
    """The bad values, as given."""
    return ", ".join(repr(v) for v in values)


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
    ArgumentValueError
        Unknown method; a metric without values (names the metrics that have values); a
        year outside the metric's years (names them); a scenario that is not in the
        results; or fewer than :data:`MIN_SAMPLES` samples with a value of the metric in a
        scenario (the estimators need about 20: with fewer, PAWN gives every group the same
        index).
    """
    if method not in ("delta", "pawn"):
        msg = f"unknown sensitivity method {method!r}; valid: delta, pawn"
        raise ArgumentValueError(msg)
    from SALib.analyze import delta, pawn

    wide = inputs.pivot(index="sample", columns="input", values="value")
    first = {}
    for spec in uncertainty.inputs:
        first.setdefault(spec.group, spec.name)
    groups = list(first)
    members = {g: " ".join(s.name for s in uncertainty.inputs if s.group == g) for g in groups}
    chosen = _chosen(results, metric, year, scenario)
    out = []
    names = [scenario] if scenario is not None else sorted(chosen["scenario"].unique())
    for name in names:
        y = chosen[chosen["scenario"] == name].set_index("sample")["value"].dropna()
        if len(y) < MIN_SAMPLES:
            msg = (f"sensitivity({metric!r}): scenario {name!r} has {len(y)} sample(s) with a "
                   f"value of {metric!r}; a global sensitivity needs at least {MIN_SAMPLES} "
                   "(PAWN conditions on 10 slices of each input: with fewer, every group "
                   "gets the same index); run more samples")
            raise ArgumentValueError(msg)
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


def _chosen(results: pd.DataFrame, metric: str, year: int | None,
            scenario: str | None) -> pd.DataFrame:
    """The rows of one metric (and year, scenario), or an error naming what exists."""
    numbers = results[results["value"].notna()]
    metrics = sorted(str(m) for m in numbers["metric"].unique())
    if metric not in metrics:
        msg = (f"sensitivity({metric!r}): no values of metric {metric!r}; metrics with "
               f"values: {', '.join(metrics) or 'none'}")
        raise ArgumentValueError(msg)
    chosen = numbers[numbers["metric"] == metric]
    years = sorted(int(y) for y in chosen["year"].dropna().unique())
    if year is None and years:
        msg = (f"sensitivity({metric!r}): {metric!r} has a value per year; give year= one of "
               f"{years[0]}..{years[-1]}")
        raise ArgumentValueError(msg)
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or (
                int(year) not in years):
            where = f"one of {', '.join(map(str, years))}" if years else "none (it has no year)"
            msg = (f"sensitivity({metric!r}, year={year!r}): the model years of {metric!r} "
                   f"are {where}")
            raise ArgumentValueError(msg)
        chosen = chosen[chosen["year"] == int(year)]
    if scenario is not None and scenario not in set(chosen["scenario"]):
        valid = ", ".join(sorted(map(str, chosen["scenario"].unique())))
        msg = f"sensitivity(scenario={scenario!r}): not in the results; valid: {valid}"
        raise ArgumentValueError(msg)
    return chosen
