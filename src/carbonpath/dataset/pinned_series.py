"""A trajectory fixed by equal bounds (min = max in a year) that jumps x10 between fixed years.

Part of the series-slip checks of :mod:`carbonpath.dataset.series_slips` (round 26 MB67).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pandas as pd

__all__ = ["PINNED", "pinned_steps"]


#: Bound pairs that fix a trajectory when equal in a year (:func:`pinned_steps`).
PINNED = (("min_activity", "max_activity"), ("min_capacity", "max_capacity"))


def pinned_steps(parameters: pd.DataFrame, where: Callable[[Any], str]) -> list[str]:
    """A fixed trajectory (min = max) that moves x10 or more between two fixed years.

    Bounds are left out of the spike test, but a ``min_activity`` equal to the year's
    ``max_activity`` (or the capacity pair) fixes a schedule like a demand: Liaocheng's
    exports fixed at 12 TWh in 2035 and ``10000,MWh/yr`` in 2040 for 10 TWh fell x1200 in
    the last year, which no neighbour test sees (round 26, MB67). Consecutive fixed years,
    both above zero, x10 or more apart warn, with the x10^k reading that puts the later
    within x2 of the earlier. A fall to zero (a plant closing) is quiet.
    """
    from carbonpath.dataset.series_slips import _in_first_unit
    from carbonpath.dataset.slips import within_step

    out: list[str] = []
    rows = parameters[parameters["value"].notna() & parameters["year"].notna()]
    extra = [k for k in ("region", "day") if k in rows.columns]
    for low, high in PINNED:
        pair = rows[rows["parameter"].isin([low, high])]
        pair = pair.assign(**{k: pair[k].fillna("").astype(str) for k in extra})
        for _, group in pair.groupby(["technology", *extra], sort=False):
            conv = _in_first_unit(group)
            if conv is None:
                continue
            seen: dict[int, dict[str, tuple[float, Any]]] = {}
            for (line, row), value in zip(group.iterrows(), conv, strict=True):
                seen.setdefault(int(float(row["year"])), {})[row["parameter"]] = (value, line)
            fixed = sorted((y, v[low][0], (v[low][1], v[high][1])) for y, v in seen.items()
                           if len(v) == 2 and math.isclose(v[low][0], v[high][0], rel_tol=1e-9))
            for (y0, v0, _), (y1, v1, lines) in pairwise(fixed):
                if v0 <= 0 or v1 <= 0 or within_step(v1 / v0):
                    continue
                k = next((f for n in range(1, 7) for f in (10.0 ** n, 10.0 ** -n)
                          if 0.5 <= v1 * f / v0 <= 2), None)
                unit = group["unit"].iloc[0]
                reading = ("" if k is None else f" x{k:g}, {v1 * k:,.10g} {unit}, would "
                           f"continue the trajectory")
                word = f"{v1 / v0:,.4g} times" if v1 > v0 else f"1/{v0 / v1:,.4g} of"
                out.append(
                    f"{where(lines[0])} and {where(lines[1]).split(', ')[-1]}: "
                    f"{group['technology'].iloc[0]} {low} = {high} fixes {v1:,.10g} {unit} in "
                    f"{y1}, {word} the {v0:,.10g} {unit} fixed in {y0}; a fixed trajectory "
                    f"does not move x10 in one step: a unit or digit slip?{reading}")
    return out
