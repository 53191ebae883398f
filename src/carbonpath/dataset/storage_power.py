"""Electricity storage power against the region's average electricity load.

Generation capacity is held to what the balance's generation allows (full-load hours,
:mod:`carbonpath.dataset.generation`); a store makes no energy of its own, so a battery or
pumped hydro capacity typed x10 or x100 (``battery,1000,万千瓦`` for 10 万千瓦) had no
check: 10 GW of batteries beside a 2.75 GW average load was written and cut the plan's cost
per tonne by an eighth (round 29, KE41; ``pumped_hydro,12000,万千瓦``, 120 GW, KE42).

The yardstick is the average load: the electricity the region uses or sends out in the base
year over 8,760 h. China's whole storage fleet (pumped hydro about 51 GW and new-type storage
about 31 GW at the end of 2023, CNESA/NEA year-end figures as recalled) was about 8 % of its
average load (9,220 TWh / 8,760 h, about 1,050 GW); a city hosting one of the largest pumped
hydro stations (3.6 GW) stands near its own average load, since the station serves the
province. So:

* above :data:`WARN_RATIO` (1) times the average load a :class:`StoragePowerWarning` names the
  rows (a station serving the province may be counted in the city's);
* above :data:`RATIO` (3) times it ``carbonpath init`` refuses the capacity input's rows as
  implausible (``--allow-implausible`` accepts them, as for generation capacity), naming the
  x10 and x100 readings. A dataset's ``residual_capacity`` rows are warned of at either
  level (a dataset may hold what init accepted).
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import CarbonpathWarning

__all__ = ["RATIO", "WARN_RATIO", "StoragePowerWarning", "storage_note", "warn_storage_power"]

WARN_RATIO = 1.0
"""Storage power (all electricity stores) above this many times the average load warns."""

RATIO = 3.0
"""Storage power above this many times the average load is refused by ``carbonpath init``."""


class StoragePowerWarning(CarbonpathWarning):
    """Electricity storage power above the region's average load (round 29, KE41, KE42)."""


def storage_note(stores: list[tuple[str, float]], load_mw: float, load_text: str
                 ) -> tuple[float, str, str] | None:
    """Judge electricity storage power against the average load.

    Parameters
    ----------
    stores : list of (str, float)
        Each store's name (as messages should show it, e.g. ``"c.csv row 6 'battery'"``)
        and its power in MW.
    load_mw : float
        The average load (MW): the electricity used or sent out in a year / 8,760 h.
    load_text : str
        Where the load comes from, for the message.

    Returns
    -------
    tuple of (float, str, str) or None
        ``(ratio, message, valid)``, the ratio being total storage power / average load;
        None when the ratio is at most :data:`WARN_RATIO` or nothing can be compared.
    """
    total = sum(mw for _, mw in stores)
    if load_mw <= 0 or total <= WARN_RATIO * load_mw:
        return None
    ratio = total / load_mw
    name, largest = max(stores, key=lambda s: s[1])
    readings = "; ".join(
        f"{largest / k:,.0f} MW (1/{k:g}) would make the stores "
        f"{(total - largest + largest / k) / load_mw:.2g} times the load" for k in (10.0, 100.0))
    each = ", ".join(f"{n} {mw:,.0f} MW" for n, mw in stores)
    message = (f"electricity storage power {total:,.0f} MW ({each}) is {ratio:.2g} times the "
               f"average electricity load ({load_mw:,.0f} MW: {load_text}); China's whole "
               "storage fleet was about 8 % of its average load in 2023 and a city hosting a "
               "large pumped hydro station serving its province stands near 1 time: a unit or "
               f"digit slip in {name}? {readings}")
    valid = (f"storage power at most {RATIO:g} times the average load "
             f"({RATIO * load_mw:,.0f} MW)")
    return ratio, message, valid


def warn_storage_power(tables: dict[str, Any], base: int, where: Any) -> None:
    """Warn of a dataset's electricity storage power above its average load.

    The storage power is the base-year ``residual_capacity`` of the technologies of kind
    ``storage`` whose ``storage_commodity`` is electricity (MW); the average load is the
    larger of the base-year observed ``activity`` of the technologies making electricity
    (generation and imports) and the largest annual demand of electricity in
    ``demands.csv``, over 8,760 h. A row whose ``plausibility`` cell reads ``override:
    <reason>`` is not judged.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables.
    base : int
        The base year.
    where : callable
        ``where(table, line)`` -> ``"parameters.csv, row 28"``.

    Warns
    -----
    StoragePowerWarning
        Naming the stores' rows, the average load and the x10 / x100 readings.
    """
    from carbonpath.dataset import notices
    from carbonpath.dataset.generation import _factor, _largest_demands, _makers, base_capacity
    from carbonpath.plausibility import is_override

    makers = _makers(tables)
    if not makers:
        return
    tech = tables["technologies"].drop_duplicates("technology").set_index("technology")
    capacity = base_capacity(tables, base)
    stores = {t: c for t, c in capacity.items()
              if t in tech.index and tech.loc[t, "kind"] == "storage" and c[0] > 0}
    if not stores or any(is_override(c[2].get("plausibility")) for c in stores.values()):
        return
    params = tables["parameters"]
    acts = params[(params["parameter"] == "activity") & params["technology"].isin(
        [t for t in makers if t not in stores])]
    import pandas as pd

    supply = 0.0
    for _, row in acts[pd.to_numeric(acts["year"], errors="coerce") == base].iterrows():
        f = _factor(str(row["unit"]), "MWh/yr")
        if f is not None and row["value"] == row["value"]:
            supply += float(row["value"]) * f
    demand = max(_largest_demands(tables, set(makers.values())).values(), default=0.0)
    load = max(supply, demand) / 8760.0
    said = (f"the {base} generation and imports ({supply / 1e3:,.0f} GWh)" if supply >= demand
            else f"the largest annual electricity demand in demands.csv ({demand / 1e3:,.0f} "
                 "GWh)") + " / 8,760 h"
    note = storage_note([(f"{where('parameters', c[1])} ({t} residual_capacity)", c[0])
                         for t, c in stores.items()], load, said)
    if note is None:
        return
    notices.warn(f"{note[1]}; valid: {note[2]}; if right, write 'override: <reason>' in a "
                 "'plausibility' column of the row", StoragePowerWarning, stacklevel=3)
