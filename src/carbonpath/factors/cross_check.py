"""A per-mass (or per-Nm3) CO2 factor checked against its fuel's calorific value.

A CO2 factor per t of fuel is the fuel's calorific value times its CO2 factor per TJ. Where a
table gives both rows of one fuel (same region and year), their quotient must lie in the
plausible range of the per-TJ factor (``plausible_ranges.csv``: IPCC 2006 Vol.2 Ch.1
Table 1.4 lower and upper values): round 10's A30, ``1.9 t CO2/万吨`` for ``1.9 t CO2/t``
beside an NCV of 20.908 GJ/t, is 0.009 t CO2/TJ for raw coal (89.5-99.7).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from carbonpath.errors import Problem
from carbonpath.plausibility import find_range

__all__ = ["per_mass_problems"]


def per_mass_problems(quantity: Sequence[str], gas: Sequence[str], item: Sequence[str],
                      basis: Sequence[str], den: Sequence[object], canon: np.ndarray,
                      region: Sequence[object], year: np.ndarray, lines: np.ndarray,
                      ranges: dict, name: str) -> list[tuple[int, Problem]]:
    """Problems of CO2 factors per t or Nm3 that disagree with their fuel's calorific value.

    Parameters
    ----------
    quantity, gas, item, basis, den, region : sequence of str, shape (n,)
        Per row of one factor table, as validated (item codes, canonical denominators).
    canon : numpy.ndarray of float, shape (n,)
        Each row's value in its canonical unit (t CO2/t, TJ/t, ...); NaN where invalid.
    year : numpy.ndarray of int, shape (n,)
        The row's year, -1 for any year.
    lines : numpy.ndarray, shape (n,)
        Row labels (file lines) for the messages.
    ranges : dict
        The plausible ranges (:func:`carbonpath.plausibility.read_ranges`).
    name : str
        The table's name.

    Returns
    -------
    list of (int, Problem)
        The index of the CO2 row and its problem (column ``value``), one per implausible pair.
    """
    ncv: dict[tuple, int] = {}
    for j, q in enumerate(quantity):
        if q == "calorific_value" and basis[j] == "net" and np.isfinite(canon[j]) and canon[j] > 0:
            ncv.setdefault((item[j], den[j], region[j], int(year[j])), j)
    out: list[tuple[int, Problem]] = []
    for i, q in enumerate(quantity):
        if q != "emission_factor" or gas[i] != "CO2" or den[i] not in ("t", "Nm3"):
            continue
        j = ncv.get((item[i], den[i], region[i], int(year[i])))
        if j is None or not np.isfinite(canon[i]):
            continue
        implied = canon[i] / canon[j]  # t CO2 per TJ
        rng = find_range(ranges, str(item[i]), "emission_factor", "CO2", "TJ")
        if rng is None or rng.low <= implied <= rng.high:
            continue
        per = "t" if den[i] == "t" else "Nm3"
        out.append((i, Problem(
            f"{item[i]} CO2 factor {canon[i]:.4g} t CO2/{per} over its calorific value "
            f"{canon[j] * 1e3:.4g} GJ/{per} (row {lines[j]}) is {implied * rng.to_unit:.4g} "
            f"{rng.unit}, outside the plausible range {rng.text} [{rng.source}] (a unit slip "
            "in one of the two rows, such as t vs 万吨?)",
            file=name, row=int(lines[i]), column="value", value=canon[i],
            valid="a CO2 factor per unit of fuel = calorific value x CO2 factor per TJ, or a "
                  "'plausibility' cell reading 'override: <reason>'")))
    return out
