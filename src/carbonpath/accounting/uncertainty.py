"""Uncertainty of an inventory: IPCC 2006 Vol.1 Ch.3 Approach 1 and Approach 2.

Every emission row of an inventory is a product, activity x factors (x NCV x emission
factor, or x NCV x carbon content x oxidation factor x 44/12; grid factor; process factor).
Each *input* (one activity row; one row of a factor table) has a relative uncertainty U, the
half-width of its 95% confidence interval as a share of its value:

* factors: from the ``low``/``high`` range of the factor-table row (the 95% ranges printed
  by IPCC 2006 Vol.2 Ch.1 Tables 1.2-1.4 and others), U = the larger of (value - low) and
  (high - value), over the value: for an asymmetric range Approach 1 takes the larger
  difference from the mean, as IPCC 2006 Vol.1 Ch.3 Table 3.2 instructs;
* factors without a range: nothing is assumed silently. Either pass
  ``factor_uncertainty=`` (recorded as an assumption on the result, with the factors it was
  applied to) or the call raises, naming them;
* activity data: ``activity_uncertainty=`` (a share, or one per sector, fuel or product).

**Approach 1** (error propagation) applies IPCC 2006 Vol.1 Ch.3 Eq. 3.1 to products
(U_total^2 = sum of U_i^2) and Eq. 3.2 to sums (U_total = sqrt(sum (U_i x_i)^2) / abs(sum x_i)),
in the order that keeps shared inputs correlated: a factor used by several rows (the raw
coal emission factor in power, industry and households) is one input, so its contribution
to a total is U_f x (the sum of the emissions that use it), not a root-sum-square over rows.
Written as one formula, for a total T = sum_i E_i and inputs k,

    U_T = sqrt( sum_k (U_k x sum_{i uses k} E_i)^2 ) / abs(T),

the first-order propagation that Eqs. 3.1 and 3.2 stand for. It is exact for sums of
independent normally distributed rows; for products it neglects the U_a x U_b cross terms.

**Approach 2** (Monte Carlo) draws every input independently (normal with mean 1 and
standard deviation U/1.96, or lognormal with mean 1 and the same 95% range's log-width),
multiplies them per row, sums per group, and reports the 2.5 and 97.5 percentiles; seeded,
vectorised with numpy in chunks of draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.inventory import BIOGENIC_CO2, Inventory, _table
from carbonpath.accounting.uncertainty_args import check_uncertainty_args
from carbonpath.errors import ArgumentValueError, DataError, GWPError, Problem, line_label
from carbonpath.factors import FactorTable
from carbonpath.units import gwp_value

__all__ = ["Uncertainty", "uncertainty"]

_Z95 = 1.959963984540054  # two-sided 95% quantile of the standard normal
_FACTOR_QUANTITIES = ("calorific_value", "carbon_content", "oxidation_factor")


@dataclass(frozen=True)
class Uncertainty:
    """Result of :func:`uncertainty`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per group of ``by`` plus a ``total`` row (dimension columns hold
        ``"total"``): ``value`` (t of ``gas``), ``U_pct`` (half-width of the 95% interval,
        % of the value), ``low``, ``high`` (the interval, t), and for Approach 2 ``mean``,
        ``U_low_pct``, ``U_high_pct`` (the two sides of an asymmetric interval).
    inputs : pandas.DataFrame
        Every uncertain input: ``input`` (``activity <row>``, ``production <row>`` or
        ``factor <file> line <n>``), ``U_pct``, ``origin`` (``range``, ``argument`` or
        ``assumption``), ``share`` (its share of the total's variance, Approach 1).
    approach : int
    gas : str
    assumptions : list of str
        Assumptions made (factor uncertainties supplied for factors without a range).
    seed, draws, distribution : Approach 2 settings (None for Approach 1).
    """

    table: pd.DataFrame
    inputs: pd.DataFrame
    approach: int
    gas: str
    assumptions: list[str] = field(default_factory=list)
    seed: int | None = None
    draws: int | None = None
    distribution: str | None = None

    @property
    def total(self) -> pd.Series:
        """The total row."""
        return self.table.iloc[-1]


@checked
def uncertainty(inventory: Inventory, activity_uncertainty: float | Mapping[str, float],
                factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                by: Sequence[str] = ("sector",), gas: str = "CO2",
                approach: int = 1, factor_uncertainty: float | Mapping[str, float] | None = None,
                draws: int = 20000, seed: int = 0, distribution: str = "normal",
                in_total: bool | None = True) -> Uncertainty:
    """Uncertainty of an inventory's totals by IPCC Approach 1 or 2.

    Parameters
    ----------
    inventory : Inventory
        From :func:`carbonpath.compute_inventory`.
    activity_uncertainty : float or dict
        Relative 95% half-width of activity data (0.05 = ±5%): one value for every row, or
        a dict whose keys are ``"sector:fuel"``, a fuel, a sector or a product code, or
        ``"*"`` (the most specific key wins: ``"sector:item"``, then the item or the
        sector, then ``"*"``). Every activity row needs one. A fuel (or product) key and a
        sector key are equally specific: a row that both match, with no ``"sector:item"``
        key of its own, is a :class:`DataError` naming both keys and the rows.
    factors : FactorTable, path or list of paths, optional
        The factor tables the inventory used (their ``low``/``high`` ranges are read).
        Default: the bundled tables.
    by : sequence of str
        Dimensions of the breakdown (columns of ``inventory.emissions``: ``sector``,
        ``fuel``, ``category``, ``gas`` ...); ``()`` for the total only.
    gas : str
        ``CO2``, ``CH4``, ``N2O`` ..., or ``CO2e`` (the inventory's GWP set; GWP values are
        taken as exact). With ``by`` containing ``"gas"`` and ``CO2e``, one row per gas.
    approach : {1, 2}
        1: error propagation (Eqs. 3.1 and 3.2); 2: Monte Carlo.
    factor_uncertainty : float or dict, optional
        Relative 95% half-width for factors whose table row has no range; keys
        ``"quantity:gas"`` (``"emission_factor:CH4"``), a quantity (``calorific_value``), a
        gas, or ``"*"``. Default None: such factors raise.
    draws, seed : int
        Approach 2: number of draws and the seed of ``numpy.random.default_rng``.
    distribution : {"normal", "lognormal"}
        Approach 2: distribution of each input (lognormal keeps factors positive when U is
        large, e.g. CH4 and N2O factors).
    in_total : bool or None
        Rows counted in the city total (default), not counted (False), or all (None).

    Returns
    -------
    Uncertainty

    Raises
    ------
    DataError
        Activity rows without an uncertainty, or matched by both an item key and a sector
        key of different values, factors without a range and without
        ``factor_uncertainty``, a negative uncertainty, or a provenance row not found in
        ``factors`` (pass the tables the inventory used).
    GWPError
        ``CO2e`` for an inventory without a GWP set.
    ValueError
        Unknown ``approach``, ``distribution`` or ``by`` column; an uncertainty that is not
        a finite share (activity: [0, 1); factor: [0, 10]), a key that names nothing,
        ``draws`` outside 2 to 10,000,000 or a negative ``seed``
        (:mod:`carbonpath.accounting.uncertainty_args`).
    """
    if approach not in (1, 2):
        raise ArgumentValueError(f"approach must be 1 or 2, not {approach!r}")
    check_uncertainty_args(activity_uncertainty, factor_uncertainty, draws, seed)
    if distribution not in ("normal", "lognormal"):
        msg = f"distribution must be 'normal' or 'lognormal', not {distribution!r}"
        raise ArgumentValueError(msg)
    rows = _rows(inventory, gas, in_total, list(by))
    table = _table(factors)
    act_ids, act_u = _activity_inputs(rows, activity_uncertainty, inventory.source)
    fac_ids, fac_u, fac_origin, links, assumptions = _factor_inputs(
        rows, inventory, table, factor_uncertainty)
    ids = [*act_ids, *fac_ids]
    u = np.concatenate([act_u, fac_u])
    origin = ["argument"] * len(act_ids) + fac_origin
    # incidence: row i uses activity input a_i and factor inputs links[i]
    n = len(rows)
    r_idx = [np.arange(n)]
    c_idx = [rows["_act"].to_numpy()]
    for i, ks in enumerate(links):
        r_idx.append(np.full(len(ks), i))
        c_idx.append(np.asarray(ks, dtype=np.int64) + len(act_ids))
    ri = np.concatenate(r_idx)  # (row, input) pairs: row ri[j] uses input ci[j]
    ci = np.concatenate(c_idx)
    codes, m, labels = _groups(rows, list(by))
    value = rows["value"].to_numpy(dtype=float)
    totals = _group_sums(value, codes, m)
    if approach == 1:
        # s[g, k] = sum of the emissions of group g that use input k; var_g = sum_k (s U_k)^2
        n_in = len(ids)
        if m:
            key, pair = np.unique(codes[ri] * n_in + ci, return_inverse=True)
            s_gk = np.bincount(pair, weights=value[ri])
            var = np.bincount(key // n_in, weights=(s_gk * u[key % n_in]) ** 2, minlength=m)
        else:
            var = np.zeros(0)
        s_total = np.bincount(ci, weights=value[ri], minlength=n_in)
        contrib = (s_total * u) ** 2
        half = np.sqrt(np.append(var, contrib.sum()))
        out = labels.copy()
        out["value"] = totals
        with np.errstate(divide="ignore", invalid="ignore"):
            out["U_pct"] = np.where(totals != 0, half / np.abs(totals) * 100, np.nan)
        out["low"], out["high"] = totals - half, totals + half
        share = contrib / contrib.sum() if contrib.sum() > 0 else np.zeros_like(contrib)
        extra: dict[str, Any] = {}
    else:
        out, share = _monte_carlo(value, ri, ci, u, codes, m, labels, draws, seed,
                                  distribution)
        extra = {"seed": seed, "draws": draws, "distribution": distribution}
    inputs = pd.DataFrame({"input": ids, "U_pct": u * 100, "origin": origin, "share": share})
    return Uncertainty(out, inputs, approach, gas, assumptions, **extra)


def _rows(inv: Inventory, gas: str, in_total: bool | None, by: list[str]) -> pd.DataFrame:
    e = inv.emissions
    bad = [d for d in by if d not in e.columns]
    if bad:
        raise ArgumentValueError(f"unknown column(s) {bad}; valid: {', '.join(e.columns)}")
    if gas == "CO2e":
        if inv.gwp is None:
            raise GWPError("a CO2e uncertainty needs an inventory computed with a GWP set")
        weights = {}
        for g in e["gas"].astype(str).unique():
            origin = inv.ch4_origin[0] if g == "CH4" else None
            weights[g] = gwp_value(g, inv.gwp, origin)
        sel = e.copy()
        sel["value"] = sel["value"].to_numpy() * sel["gas"].astype(str).map(weights).to_numpy()
    else:
        sel = e[e["gas"].astype(str) == gas].copy()
    if in_total is not None:
        sel = sel[sel["in_total"].to_numpy() == in_total]
    sel = sel[sel["value"].to_numpy() != 0].reset_index(drop=True)
    for col in ("sector", "fuel", "product", "gas", "category", "region", "use"):
        if col in sel.columns:
            sel[col] = sel[col].astype(str)
    return sel


def _activity_inputs(rows: pd.DataFrame, given: float | Mapping[str, float],
                     source: str) -> tuple[list[str], np.ndarray]:
    kind = np.where(rows["product"].to_numpy() != "", "production", "activity")
    ident = pd.Series(kind).str.cat(rows["row"].astype(str).to_numpy(), sep=" ")
    codes, uniq = pd.factorize(ident)
    rows["_act"] = codes
    first = pd.Series(np.arange(len(rows))).groupby(codes).first().to_numpy()
    u = np.zeros(len(uniq))
    problems = []
    tied: dict[tuple[str, str], list[Any]] = {}
    for j, i in enumerate(first):
        r = rows.iloc[int(i)]
        item = r["product"] or r["fuel"]
        if isinstance(given, Mapping):
            keys = [f"{r['sector']}:{item}", item, r["sector"], "*"]
            hit = next((k for k in keys if k in given), None)
            if (hit == item and r["sector"] in given and item != r["sector"]
                    and float(given[item]) != float(given[r["sector"]])):
                tied.setdefault((item, r["sector"]), []).append(r["row"])
            if hit is None:
                problems.append(Problem(
                    f"no activity uncertainty for sector {r['sector']}, "
                    f"{'product' if r['product'] else 'fuel'} {item}", file=source,
                    row=r["row"], valid=f"a key '{r['sector']}:{item}', '{item}', "
                                        f"'{r['sector']}' or '*' in activity_uncertainty"))
                continue
            u[j] = float(given[hit])
        else:
            u[j] = float(given)
        if not np.isfinite(u[j]) or u[j] < 0:
            problems.append(Problem("activity uncertainty must be a share >= 0", file=source,
                                    row=r["row"], value=u[j], valid="e.g. 0.05 for ±5%"))
    for (item, sector), at in tied.items():
        problems.append(Problem(
            f"activity_uncertainty keys '{item}' ({float(given[item]):g}) and '{sector}' "
            f"({float(given[sector]):g}) both match the {sector} {item} row(s) "
            f"{', '.join(map(str, at))}, and neither is more specific", file=source,
            row=at[0], valid=f"a key '{sector}:{item}' with the value meant for these rows"))
    DataError.collect(problems, "activity uncertainty")
    return list(uniq), u


def _factor_inputs(rows: pd.DataFrame, inv: Inventory, table: Any,
                   given: float | Mapping[str, float] | None
                   ) -> tuple[list[str], np.ndarray, list[str], list[list[int]], list[str]]:
    prov = inv.provenance
    trows = table.rows
    pairs = zip(trows["file"], trows["line"], strict=True)
    where = {(f, line_label(line)): i for i, (f, line) in enumerate(pairs)}
    by_key: dict[int, list[tuple[str, str, str, int]]] = {}
    for p in prov.itertuples(index=False):
        if p.quantity in _FACTOR_QUANTITIES or p.quantity == "emission_factor":
            by_key.setdefault(int(p.key), []).append((p.quantity, str(p.gas), str(p.file),
                                                      line_label(p.line)))
    ids: dict[int, int] = {}
    u: list[float] = []
    origin: list[str] = []
    links: list[list[int]] = []
    problems: list[Problem] = []
    assumed: dict[str, list[str]] = {}
    for r in rows.itertuples(index=False):
        gas = str(r.gas)
        used = []
        for quantity, fgas, file, line in by_key.get(int(r.key), []):
            if quantity == "emission_factor" and fgas != gas:
                continue
            if quantity in _FACTOR_QUANTITIES and r.category not in ("combustion", BIOGENIC_CO2):
                continue
            tid = where.get((file, line))
            if tid is None:
                problems.append(Problem(
                    f"factor {file} line {line} of the inventory's provenance is not in the "
                    "factor tables given", valid="pass the factors the inventory used"))
                continue
            if tid not in ids:
                ids[tid] = len(u)
                uu, how = _factor_u(trows.iloc[tid], given)
                if uu is None:
                    t = trows.iloc[tid]
                    problems.append(Problem(
                        f"factor {t['item']} {quantity} {fgas} has no low/high range", file=file,
                        row=line, column="low, high",
                        valid="a user factor table with low and high, or factor_uncertainty="
                              f"{{'{quantity}:{fgas}' or '{quantity}': U}}"))
                    uu = 0.0
                if how == "assumption":
                    assumed.setdefault(f"{quantity}{':' + fgas if fgas else ''} ±{uu:.0%}",
                                       []).append(f"{file} line {line}")
                u.append(uu)
                origin.append(how)
            used.append(ids[tid])
        links.append(used)
    DataError.collect(problems, "factor uncertainty")
    names = [""] * len(u)
    for tid, k in ids.items():
        names[k] = f"factor {trows.at[tid, 'file']} line {int(trows.at[tid, 'line'])}"
    assumptions = [f"factor_uncertainty {k} applied to {len(v)} factor(s) without a range: "
                   + ", ".join(v) for k, v in assumed.items()]
    return names, np.asarray(u, dtype=float), origin, links, assumptions


def _factor_u(row: pd.Series, given: float | Mapping[str, float] | None
              ) -> tuple[float | None, str]:
    value, low, high = float(row["value"]), float(row["low"]), float(row["high"])
    if np.isfinite(low) and np.isfinite(high) and value != 0:
        return max(value - low, high - value) / abs(value), "range"
    if given is None:
        return None, ""
    if isinstance(given, Mapping):
        keys = [f"{row['quantity']}:{row['gas']}", row["quantity"], row["gas"], "*"]
        hit = next((k for k in keys if k and k in given), None)
        if hit is None:
            return None, ""
        return float(given[hit]), "assumption"
    return float(given), "assumption"


def _groups(rows: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, int, pd.DataFrame]:
    """Group code of each row (0..m-1, every code used), the count m, and the labels.

    The labels have m + 1 rows: the groups, then the total.
    """
    n = len(rows)
    if by:
        codes, uniq = pd.factorize(pd.MultiIndex.from_frame(rows[by].astype(str)), sort=True)
        labels = uniq.to_frame(index=False)
        labels.columns = by
        m = len(labels)
    else:
        codes, labels, m = np.zeros(n, dtype=np.int64), pd.DataFrame(index=[0]), 0
    labels = pd.concat([labels.iloc[:m], pd.DataFrame([dict.fromkeys(by, "total")])],
                       ignore_index=True)
    return np.asarray(codes, dtype=np.int64), m, labels


def _group_sums(x: np.ndarray, codes: np.ndarray, m: int) -> np.ndarray:
    """Sums of ``x`` over the rows of each group, then the total.

    ``x`` has shape (n,) or (draws, n); the result (m + 1,) or (draws, m + 1).
    """
    if x.ndim == 1:
        parts = np.bincount(codes, weights=x, minlength=m)[:m]
        return np.append(parts, x.sum())
    if m:
        order = np.argsort(codes, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
        parts = np.add.reduceat(x[:, order], starts, axis=1)  # every code has rows
    else:
        parts = np.zeros((x.shape[0], 0))
    return np.hstack([parts, x.sum(axis=1, keepdims=True)])


def _monte_carlo(value: np.ndarray, ri: np.ndarray, ci: np.ndarray, u: np.ndarray,
                 codes: np.ndarray, m: int, labels: pd.DataFrame, draws: int, seed: int,
                 distribution: str) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    n_in, n = len(u), len(value)
    # each row's inputs, padded to the widest row with index n_in (a constant 1)
    counts = np.bincount(ri, minlength=n)
    width = max(int(counts.max()) if n else 0, 1)
    order = np.argsort(ri, kind="stable")
    slot = np.arange(len(ri)) - np.repeat(np.cumsum(counts) - counts, counts)
    idx = np.full((n, width), n_in, dtype=np.int64)
    idx[ri[order], slot] = ci[order]
    results = []
    chunk = max(1, min(draws, 2_000_000 // max(idx.size, 1)))
    done = 0
    while done < draws:
        k = min(chunk, draws - done)
        if distribution == "normal":
            x = rng.normal(1.0, u / _Z95, size=(k, n_in))
        else:
            sigma = np.log1p(u) / _Z95
            x = np.exp(rng.normal(-sigma ** 2 / 2, sigma, size=(k, n_in)))
        x = np.concatenate([x, np.ones((k, 1))], axis=1)
        mult = x[:, idx].prod(axis=2)  # (k, rows)
        results.append(_group_sums(mult * value, codes, m))  # (k, groups + total)
        done += k
    sims = np.vstack(results)
    lo, hi = np.percentile(sims, [2.5, 97.5], axis=0)
    mean = sims.mean(axis=0)
    out = labels.copy()
    out["value"] = _group_sums(value, codes, m)
    out["mean"] = mean
    out["low"], out["high"] = lo, hi
    with np.errstate(divide="ignore", invalid="ignore"):
        out["U_pct"] = (hi - lo) / 2 / np.abs(mean) * 100
        out["U_low_pct"] = (mean - lo) / np.abs(mean) * 100
        out["U_high_pct"] = (hi - mean) / np.abs(mean) * 100
    return out, np.full(len(u), np.nan)
