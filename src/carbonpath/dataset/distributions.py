"""Distributions of uncertain inputs: the ``distribution`` columns of ``uncertainty.csv``.

:class:`Distribution` gives a univariate distribution by its inverse CDF (uniform,
triangular, normal and lognormal, truncated by ``low`` and ``high``, or discrete values with
weights); :func:`_distribution` reads and checks one row's columns (see
:mod:`carbonpath.dataset.uncertainty`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank
from carbonpath.dataset.uncertainty_rules import FILE
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["Distribution", "RepeatedValueWarning", "WeightSumWarning"]


@dataclass(frozen=True)
class Distribution:
    """A univariate distribution given by its inverse CDF on (0, 1).

    Attributes
    ----------
    kind : {"uniform", "triangular", "normal", "lognormal", "discrete"}
    low, mode, high, mean, sd : float or None
        Parameters (low/high truncate normal and lognormal; lognormal's mean and sd are
        those of the value itself, not of its logarithm).
    values, weights : tuple of float
        Discrete values and their weights (normalised).
    """

    kind: str
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()

    def _frozen(self) -> Any:
        from scipy import stats

        if self.kind == "normal":
            return stats.norm(loc=self.mean, scale=self.sd)
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        return stats.lognorm(s=math.sqrt(sigma2), scale=math.exp(math.log(self.mean) - sigma2 / 2))

    def support(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can give (may be infinite)."""
        if self.kind in ("uniform", "triangular"):
            return float(self.low), float(self.high)
        if self.kind == "discrete":
            return min(self.values), max(self.values)
        floor = -math.inf if self.kind == "normal" else 0.0
        return (floor if self.low is None else self.low,
                math.inf if self.high is None else self.high)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF at probabilities ``u`` (array in (0, 1)); same shape as ``u``."""
        u = np.asarray(u, dtype=float)
        if self.kind == "uniform":
            return self.low + u * (self.high - self.low)
        if self.kind == "triangular":
            a, c, b = self.low, self.mode, self.high
            if b == a:
                return np.full_like(u, a)
            fc = (c - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (c - a))
            right = b - np.sqrt((1 - u) * (b - a) * (b - c))
            return np.where(u < fc, left, right)
        if self.kind == "discrete":
            cum = np.cumsum(self.weights)
            cum[-1] = 1.0
            return np.asarray(self.values)[np.searchsorted(cum, u, side="right").clip(
                0, len(self.values) - 1)]
        dist = self._frozen()
        lo = 0.0 if self.low is None else float(dist.cdf(self.low))
        hi = 1.0 if self.high is None else float(dist.cdf(self.high))
        return dist.ppf(lo + u * (hi - lo))


#: The columns each distribution reads; any other filled column is an error (not ignored).
READS = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"),
         "normal": ("mean", "sd", "low", "high"), "lognormal": ("mean", "sd", "low", "high"),
         "discrete": ("values", "weights")}


class RepeatedValueWarning(CarbonpathWarning):
    """A discrete distribution lists one value more than once (round 23, F45).

    A repeated value is drawn as often as it is listed (``0.9 1.0 1.0``: 1.0 two times in
    three), which ``weights`` says openly; more often the repeat is a typo for another value
    (``0.9 1.0 1.1``), which would then never be drawn.
    """


class WeightSumWarning(RepeatedValueWarning):
    """Discrete weights that read as probabilities but do not sum to 1 (round 29, KE08).

    A subclass of :class:`RepeatedValueWarning` (a discrete distribution drawn otherwise
    than its row seems to say).
    """


def _warn_repeated(line: int, values: tuple[float, ...], weights: Any) -> None:
    counts = Counter(values)
    repeated = {v: n for v, n in counts.items() if n > 1}
    if not repeated:
        return
    weighted = not is_blank(weights)
    listed = ", ".join(f"{v!r} listed {n} times" + ("" if weighted else
                                                   f", so drawn with probability {n}/{len(values)}")
                       for v, n in repeated.items())
    once = " ".join(repr(v) for v in counts)
    hint = ("their weights add up: give each value once with the summed weight"
            if weighted else
            f"if meant, say so in weights: values {once} with weights "
            f"{' '.join(str(n) for n in counts.values())}")
    notices.warn(f"{FILE} row {line} 'values': a discrete value is repeated ({listed}); "
                 f"{hint}; or a copy is a typo for another value, which is then never "
                 "drawn", RepeatedValueWarning, stacklevel=3)  # counted: dataset/notices.py


WEIGHT_SUM_SLACK = 0.02
"""Weights that are probabilities (each at most 1) may sum to 1 within this: two-decimal
rounding (``0.33 0.33 0.33``: 0.99) stays quiet; ``0.5 0.3 0.1`` (0.9) warns."""


def _warn_weight_sum(line: int, values: tuple[float, ...], weights: tuple[float, ...],
                     total: float) -> None:
    """Warn of probabilities that do not sum to 1 (round 29, KE08).

    Weights are normalised, so ``1 2 1`` (counts) is fine. Weights that read as
    probabilities (each at most 1, not all equal) but sum to something else than 1 beyond
    :data:`WEIGHT_SUM_SLACK` are probably a probability mistyped or missing (``0.5 0.3 0.1``
    for ``0.5 0.3 0.2``): the normalisation then changes what each value's chance is
    (0.556 0.333 0.111). Warned of (:class:`WeightSumWarning`) with the probabilities used.
    """
    if max(weights) > 1 or len(set(weights)) == 1 or abs(total - 1) <= WEIGHT_SUM_SLACK:
        return
    used = " ".join(f"{w / total:.3g}" for w in weights)
    shown = " ".join(f"{v:g}" for v in values)
    notices.warn(f"{FILE} row {line} 'weights': the weights {' '.join(f'{w:g}' for w in weights)}"
                 f" read as probabilities but sum to {total:.4g}, not 1: a probability "
                 f"mistyped or missing? They are normalised, so the values {shown} are drawn "
                 f"with probabilities {used}; if these are meant, write them (or counts, "
                 "e.g. 1 2 1), else correct the weight", WeightSumWarning, stacklevel=3)


def _number(row: pd.Series, name: str) -> float | None:
    value = row.get(name)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


_LISTED_VALID = {"values": "finite numbers separated by spaces, e.g. 0.9 1.0 1.1 (a relative "
                          "value is a multiplier: 0.9 for -10 %)",
                 "weights": "positive numbers separated by spaces, e.g. 1 2 1 or 0.25 0.5 0.25 "
                           "(without '%'); blank = equal weights"}


def _listed(line: int, row: pd.Series, column: str,
            found: list[Problem]) -> tuple[float, ...] | None:
    """The space-separated numbers of a discrete row's ``values`` or ``weights`` cell.

    Returns a tuple (empty for a blank cell), or None after appending a :class:`Problem`
    that names this column and its cell (round 30, KF63: ``25% 50% 25%`` in weights was
    blamed on values) when a token is no finite number.
    """
    text = "" if is_blank(row.get(column)) else str(row.get(column))
    numbers = []
    for token in text.split():
        try:
            number = float(token)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            percent = " (write the number without '%')" if token.endswith("%") else ""
            found.append(Problem(f"'{token}' is not a number{percent}: {column} are numbers "
                                 "separated by spaces", file=FILE, row=line, column=column,
                                 value=text, valid=_LISTED_VALID[column]))
            return None
        numbers.append(number)
    return tuple(numbers)


def _distribution(line: int, row: pd.Series, problems: list[Problem]) -> Distribution | None:
    kind = row["distribution"]
    p = {k: _number(row, k) for k in ("low", "mode", "high", "mean", "sd")}
    need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"),
            "normal": ("mean", "sd"), "lognormal": ("mean", "sd"), "discrete": ()}[kind]
    found = []
    reads = READS[kind]
    for key in ("low", "mode", "high", "mean", "sd", "values", "weights"):
        given = p[key] if key in p else (None if is_blank(row.get(key)) else row.get(key))
        if given is not None and key not in reads:
            found.append(Problem(
                f"a {kind} distribution does not read {key} (it reads {', '.join(reads)}), so "
                f"the {key} given would be ignored", file=FILE, row=line, column=key,
                value=given, valid=f"blank {key}, or a distribution that reads it"))
    for key in need:
        if p[key] is None:
            found.append(Problem(f"a {kind} distribution needs {', '.join(need)}", file=FILE,
                                 row=line, column=key))
    values, weights = (), ()
    if kind == "discrete":
        values = _listed(line, row, "values", found)
        weights = _listed(line, row, "weights", found)
        if values is not None and weights is not None:
            weights = weights or (1.0,) * len(values)
            if not values:
                found.append(Problem("a discrete distribution needs values", file=FILE,
                                     row=line, column="values", valid="e.g. 0.9 1.0 1.2"))
            elif len(weights) != len(values) or min(weights) <= 0:
                found.append(Problem("one positive weight per value", file=FILE, row=line,
                                     column="weights", value=row["weights"]))
            else:
                _warn_repeated(line, values, row["weights"])
                total = math.fsum(weights)
                _warn_weight_sum(line, values, weights, total)
                weights = tuple(w / total for w in weights)
    if found:
        problems.extend(found)
        return None
    lo, mode, hi = p["low"], p["mode"], p["high"]
    if kind in ("uniform", "triangular") and not lo <= hi:
        problems.append(Problem(f"low {lo} is above high {hi}", file=FILE, row=line,
                                column="low", value=lo, valid=f"<= {hi}"))
        return None
    if kind in ("uniform", "triangular") and lo == hi:
        problems.append(Problem(f"low and high are both {lo}: the input would never vary (a "
                                "constant belongs in the dataset's own table)", file=FILE,
                                row=line, column="high", value=hi, valid=f"> {lo}"))
        return None
    if kind == "triangular" and not lo <= mode <= hi:
        problems.append(Problem(f"mode {mode} is outside [{lo}, {hi}]", file=FILE, row=line,
                                column="mode", value=mode, valid=f"{lo} .. {hi}"))
        return None
    if kind in ("normal", "lognormal"):
        if not p["sd"] > 0:
            problems.append(Problem("sd must be > 0", file=FILE, row=line, column="sd",
                                    value=p["sd"], valid="> 0"))
            return None
        if lo is not None and hi is not None and p["sd"] > hi - lo:  # both bounds given
            problems.append(Problem(
                f"sd {p['sd']} is wider than the whole range {lo} .. {hi}, so the truncated "
                "distribution is flat, not normal: probably a percentage for a fraction (15 for "
                "0.15); give sd in the value's own terms", file=FILE, row=line, column="sd",
                value=p["sd"], valid=f"0 < sd <= {hi - lo:g}"))
            return None
        if kind == "lognormal" and not p["mean"] > 0:
            problems.append(Problem("a lognormal value is positive: mean must be > 0",
                                    file=FILE, row=line, column="mean", value=p["mean"]))
            return None
        if lo is not None and hi is not None and not lo < hi:
            problems.append(Problem(f"truncation low {lo} is not below high {hi}", file=FILE,
                                    row=line, column="low", value=lo))
            return None
        dist = Distribution(kind, lo, mode, hi, p["mean"], p["sd"])
        kept = _kept_mass(dist)
        if kept < MIN_KEPT:  # X15: [1.5, 2.0] of normal(1, 0.05) lies 10 sd away
            frozen = dist._frozen()
            side = "low" if lo is not None and frozen.cdf(lo) > 0.5 else "high"
            problems.append(Problem(
                f"the truncation {lo if lo is not None else '-inf'} .. "
                f"{hi if hi is not None else 'inf'} keeps {kept:.2g} of the {kind} "
                f"distribution of mean {p['mean']:g} and sd {p['sd']:g} (under "
                f"{MIN_KEPT:.1%}): the samples would pile on one bound or be infinite; the "
                "mean, the sd or the bounds are mistyped", file=FILE, row=line,
                column=side, value=lo if side == "low" else hi,
                valid=f"bounds around the mean {p['mean']:g} (e.g. {p['mean'] - 3 * p['sd']:g}"
                      f" .. {p['mean'] + 3 * p['sd']:g}, ±3 sd), or the mean meant"))
            return None
    return Distribution(kind, lo, mode, hi, p["mean"], p["sd"], values, weights)


NARROW_SD = 0.005
"""An sd under this share of its mean's size warns (round 27, KC05). A share typed for an
absolute sd (0.15 for 15 % of 2800 CNY/kW) lands at 0.005 % of the mean, and a relative sd
typed in per mille or divided twice (0.002 for 20 %) at 0.2 %; the bundled datasets' sds are
5 .. 15 % of their means, and a Monte Carlo input known to half a percent is no uncertain
input. It only warns: a planner may mean a tiny spread."""


def warn_narrow_sd(line: int, row: pd.Series, mean: float, sd: float) -> None:
    """Warn of a normal or lognormal row whose sd is under :data:`NARROW_SD` of its mean.

    Called by :func:`carbonpath.dataset.uncertainty.load_uncertainty` for a row that passed
    its other checks (a mean of 100 for a multiplier of 1 is refused as a percentage first).
    """
    from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning

    if mean == 0 or sd >= NARROW_SD * abs(mean):
        return
    share = sd / abs(mean)
    unit = "" if is_blank(row.get("unit")) or str(row.get("unit")) == "1" else f" {row.get('unit')}"
    relative = row.get("scale") == "relative" or is_blank(row.get("scale"))
    meant = (f"read as a share of the mean it would be sd {sd * abs(mean):.4g}{unit}"
             if not relative and sd < 1 else
             "a relative sd is a share of the multiplier: 0.15 for ±15 %")
    notices.warn(
        f"{FILE} row {line} 'sd': sd {sd:g}{unit} is {share * 100:.2g} % of the mean "
        f"{mean:g}{unit}, "
        f"so every sample is within about {300 * share:.2g} % of it: nothing would vary much; "
        f"probably a share typed for an absolute sd or a percent divided twice ({meant}); "
        "if so tiny a spread is meant, the row may stay", UncertainRangeWarning, stacklevel=4)


MIN_KEPT = 0.001
"""The least probability a truncation of a normal or lognormal may keep. Below it the
truncated distribution is a different one from the row's (its samples hug one bound) and,
far enough out, the inverse CDF gives infinities (round 20, X15); a window that real
judgement gives keeps far more than 0.1 % of its distribution."""


def _kept_mass(dist: Distribution) -> float:
    """The probability ``dist`` keeps between its ``low`` and ``high`` (tails by sf)."""
    frozen = dist._frozen()
    below = 0.0 if dist.low is None else float(frozen.cdf(dist.low))
    above = 0.0 if dist.high is None else float(frozen.sf(dist.high))
    return max(0.0, 1.0 - below - above)


LOPSIDED = 4.0
"""A uniform or triangular range one of whose ends lies this many times or more farther from
its centre than the other, while that end read with a digit slipped (x10, /10) would lie
as far as the other within a factor of two, warns (round 30, KF45: ``0.08, 1.0, 1.2`` for
``0.8, 1.0, 1.2``). The bundled ranges are at most 1.7 times farther on one side
(``0.625, 1.0, 1.5``), so a real asymmetric judgement (a cost that can double, not halve)
stays quiet unless its far end is exactly a slipped digit's image of a symmetric one."""


def lopsided_end(dist: Distribution, centre: float) -> tuple[str, float, float] | None:
    """The end of a uniform or triangular range that reads as a slipped digit, or None.

    ``centre`` is the range's central value (1 for a relative input; the mode of a
    triangular one). An end ``b`` at :data:`LOPSIDED` times or more the other end's distance
    from ``centre``, whose x10 or /10 reading ``b'`` (same side of ``centre``) lies 0.5 .. 2
    times that distance from it. Returns (``"low"`` or ``"high"``, ``b``, ``b'``).
    """
    if dist.kind not in ("uniform", "triangular") or not dist.low < centre < dist.high:
        return None
    below, above = centre - dist.low, dist.high - centre
    for column, end, far, near, reading in (("low", dist.low, below, above, dist.low * 10),
                                            ("high", dist.high, above, below, dist.high / 10)):
        if far < LOPSIDED * near:
            continue
        moved = abs(reading - centre)
        same_side = (reading < centre) if column == "low" else (reading > centre)
        if same_side and 0.5 * near <= moved <= 2 * near:
            return column, float(end), float(reading)
    return None


def warn_lopsided(line: int, row: pd.Series, dist: Distribution, centre: float) -> None:
    """Warn of a range one of whose ends reads as a slipped digit (round 30, KF45).

    Called by :func:`carbonpath.dataset.uncertainty.load_uncertainty` for a relative
    (``centre`` 1, or the triangular mode) or absolute (``centre`` the mode, or the middle
    of the row's value) input that passed its other checks. The warning
    (:class:`~carbonpath.dataset.uncertainty_rules.UncertainRangeWarning`) names the row,
    the column, the reading and the mean that each gives; ``plausibility: override:
    <reason>`` silences it.
    """
    from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning
    from carbonpath.plausibility import is_override

    found = lopsided_end(dist, centre)
    if found is None or is_override(row.get("plausibility")):
        return
    column, end, reading = found
    other, side = (dist.high, "high") if column == "low" else (dist.low, "low")
    fixed = Distribution(dist.kind, reading if column == "low" else dist.low, dist.mode,
                         reading if column == "high" else dist.high)
    notices.warn(
        f"{FILE} row {line} '{column}': the input '{row.get('input')}' reaches "
        f"{abs(end - centre):.3g} {'below' if column == 'low' else 'above'} its centre "
        f"{centre:g} but only {abs(other - centre):.3g} on the other side ({side} {other:g}): "
        f"{column} {end:g} reads as {reading:g} with a digit slipped (x10); as "
        f"written the samples' mean is {_mean(dist):.3g}, with {column} {reading:g} it "
        f"would be {_mean(fixed):.3g}; if the lopsided range is meant, write 'override: "
        "<reason>' in a 'plausibility' column of the row", UncertainRangeWarning, stacklevel=4)


def _mean(dist: Distribution) -> float:
    """The mean of a uniform or triangular distribution."""
    if dist.kind == "triangular":
        return (dist.low + dist.mode + dist.high) / 3
    return (dist.low + dist.high) / 2
