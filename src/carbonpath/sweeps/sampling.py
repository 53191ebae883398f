"""Latin hypercube samples of uncertain inputs, with rank correlations between groups.

Samples are drawn once, centrally, from a seeded generator, so the same seed gives the same
numbers bit for bit whatever executes them. One Latin hypercube dimension per correlated group
(scipy's ``qmc.LatinHypercube``); the rank correlations between groups are imposed by the
method of Iman and Conover (1982, "A distribution-free approach to inducing rank correlation
among input variables", Commun. Stat. B 11(3)), which reorders each column of the hypercube
and so keeps every marginal stratified. Each input then takes its group's probability through
its own inverse CDF (inputs of one group are comonotone).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from carbonpath.accounting.uncertainty_args import MAX_DRAWS
from carbonpath.dataset.uncertainty import Uncertainty
from carbonpath.errors import ArgumentValueError

__all__ = ["MAX_SAMPLES", "Samples", "draw_samples", "iman_conover"]


@dataclass(frozen=True)
class Samples:
    """Sampled inputs.

    Attributes
    ----------
    probabilities : numpy.ndarray
        (samples, groups): each group's probability in (0, 1).
    values : pandas.DataFrame
        (samples, inputs): each input's value (multiplier for relative inputs, the value in
        the input's unit for absolute ones); index ``sample`` 0..N-1.
    seed : int
    """

    probabilities: np.ndarray
    values: pd.DataFrame
    seed: int

    def __len__(self) -> int:
        return len(self.values)


def iman_conover(u: np.ndarray, correlation: np.ndarray, rng: np.random.Generator
                 ) -> np.ndarray:
    """Reorder the columns of ``u`` to give them the rank correlation ``correlation``.

    Parameters
    ----------
    u : numpy.ndarray
        (n, k) samples; each column keeps its values, only their order changes.
    correlation : numpy.ndarray
        (k, k) target rank correlation, positive semi-definite.
    rng : numpy.random.Generator
        For the random permutation of the scores.

    Returns
    -------
    numpy.ndarray
        (n, k) reordered samples.

    Raises
    ------
    ArgumentValueError
        ``n <= k`` (too few samples for the correlated columns), or no draw of ranks
        gives an invertible correlation. A subclass of ``ValueError``.
    """
    from scipy import stats

    n, k = u.shape
    if k < 2 or np.allclose(correlation, np.eye(k)):
        return u
    # only the columns that are correlated with another are reordered (the others keep their
    # independent order): fewer columns need fewer samples
    involved = np.flatnonzero((np.abs(correlation - np.eye(k)) > 0).any(axis=0))
    if len(involved) < k:
        out = u.copy()
        out[:, involved] = iman_conover(u[:, involved],
                                        correlation[np.ix_(involved, involved)], rng)
        return out
    if n <= k:
        msg = (f"rank correlations between {k} groups need more than {k} samples "
               f"(got samples={n}); valid: samples > {k}, or fewer correlated groups in "
               "uncertainty.csv")
        raise ArgumentValueError(msg)
    scores = stats.norm.ppf(np.arange(1, n + 1) / (n + 1))
    # a PSD target with eigenvalues 0 has no Cholesky factor: nudge it (the change is below
    # any meaningful correlation)
    target = correlation + np.eye(k) * 1e-10
    p = np.linalg.cholesky(target)
    for _ in range(50):  # with few samples, random scores can be collinear: draw again
        s = np.column_stack([rng.permutation(scores) for _ in range(k)])
        try:
            q = np.linalg.cholesky(np.corrcoef(s, rowvar=False))
            break
        except np.linalg.LinAlgError:
            continue
    else:
        msg = (f"samples={n} are too few to impose rank correlations between {k} groups; "
               "valid: more samples")
        raise ArgumentValueError(msg)
    t = s @ np.linalg.inv(q).T @ p.T
    out = np.empty_like(u)
    for j in range(k):
        ranks = np.argsort(np.argsort(t[:, j], kind="stable"), kind="stable")
        out[:, j] = np.sort(u[:, j])[ranks]
    return out


#: The most samples per scenario: one LP solve each (more would run for weeks), and far
#: below the array sizes numpy can allocate; the same bound as ``uncertainty(draws=...)``.
MAX_SAMPLES = MAX_DRAWS


def draw_samples(uncertainty: Uncertainty, n: int, seed: int = 0) -> Samples:
    """Draw ``n`` Latin hypercube samples of a dataset's uncertain inputs.

    Parameters
    ----------
    uncertainty : Uncertainty
        The inputs (:func:`carbonpath.dataset.uncertainty.load_uncertainty`).
    n : int
        Number of samples (>= 1).
    seed : int
        Seed of the generator (numpy's PCG64).

    Returns
    -------
    Samples

    Raises
    ------
    ArgumentValueError
        If ``n`` is not from 1 to :data:`MAX_SAMPLES`, ``seed`` is negative, or ``n``
        is too small for the rank correlations asked (a ``ValueError``).
    """
    from scipy.stats import qmc

    if not 1 <= n <= MAX_SAMPLES:
        msg = f"samples: the number of samples must be from 1 to {MAX_SAMPLES:,}, not {n}"
        raise ArgumentValueError(msg)
    if seed < 0:
        msg = f"seed: the seed must be a whole number >= 0, not {seed}"
        raise ArgumentValueError(msg)
    rng = np.random.default_rng(seed)
    k = len(uncertainty.groups)
    u = qmc.LatinHypercube(d=k, rng=rng).random(n) if k else np.empty((n, 0))
    u = iman_conover(u, uncertainty.correlation, rng)
    group_of = uncertainty.group_of
    columns = {spec.name: spec.distribution.ppf(u[:, g])
               for spec, g in zip(uncertainty.inputs, group_of, strict=True)}
    values = pd.DataFrame(columns, index=pd.RangeIndex(n, name="sample"))
    return Samples(probabilities=u, values=values, seed=seed)
