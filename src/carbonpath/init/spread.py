"""Ranges of the projections ``carbonpath init`` writes: demand growth and the grid factor.

The catalogue gives the ranges of technology values (:func:`carbonpath.init.operations.
uncertainty_table`); the projections have none in any source a city has, so their ranges
are stated assumptions that widen with the distance from the base year, as an uncertain
growth rate compounds:

* **demands** (services and non-energy use, every row after the base year): a relative
  uniform distribution of half-width ``DEMAND_SPREAD x sqrt(years after the base year)``
  (at most ``MAX_SPREAD``), all in one group ``demand_growth`` (one GDP path moves every
  sector's demand the same way). Industrial production is held at the base year by
  capacity controls and is not sampled (its routes have no room above it);
* **GDP** (the ``gdp`` driver rows after the base year, to the horizon): the demands'
  half-width, in their group ``demand_growth`` (docs/montecarlo.md: the GDP input and the
  demands it drives in one group), so that the intensity targets' GDP moves with the
  demands (round 22 N40: a high-growth sample had kept the central GDP);
* **the grid emission factor** (the ``grid_emission_factor`` driver rows after the base
  year): half-width ``GRID_SPREAD x sqrt(years)``, one group ``grid_factor``.

With the defaults a demand 7 years out moves by +-7.9 %, 17 years out by +-12.4 %; the grid
factor by +-10.6 % and +-16.5 % (the Liaocheng dataset's hand-set ranges: +-8 % and
+-15 % for demands, +-10 % and +-15 % for the grid factor).
"""

from __future__ import annotations

import math

from carbonpath.init.draft import A, Draft

__all__ = ["DEMAND_SPREAD", "GRID_SPREAD", "MAX_SPREAD", "projection_rows"]

#: Half-width of a demand's range one year after the base year (share; assumption: GDP
#: growth +-1 point a year and the sector elasticities +-0.2).
DEMAND_SPREAD = 0.03
#: Half-width of the grid factor's range one year after the base year (assumption: the
#: province's non-fossil share of supply +-2 points a year around its trajectory).
GRID_SPREAD = 0.04
#: No range is wider than this (share).
MAX_SPREAD = 0.3


def half_width(per_year: float, years: int) -> float:
    """``min(MAX_SPREAD, per_year x sqrt(years))``: the relative half-width of a range.

    Parameters
    ----------
    per_year : float
        Half-width one year after the base year (share).
    years : int
        Years after the base year (>= 1).

    Returns
    -------
    float
        A share in (0, MAX_SPREAD].
    """
    return min(MAX_SPREAD, per_year * math.sqrt(years))


def projection_rows(d: Draft) -> list[dict]:
    """``uncertainty.csv`` rows of the demands' growth and of the grid factor.

    Parameters
    ----------
    d : Draft
        The dataset being written (its demands and drivers are final).

    Returns
    -------
    list of dict
        Rows in the columns of ``uncertainty.csv`` (docs/montecarlo.md): one relative
        uniform input per demand row (commodity, year) after the base year whose commodity
        is not a material product and whose value is positive, one per ``gdp`` year after
        the base year up to the horizon (group ``demand_growth``), and one per
        ``grid_emission_factor`` row after the base year.
    """
    rows = []
    for r in d.demands:
        year = int(r["year"])
        com = d.commodities.get(r["commodity"], {})
        if year <= d.base_year or com.get("kind") == "material" or not float(r["value"]) > 0:
            continue
        w = half_width(DEMAND_SPREAD, year - d.base_year)
        rows.append(_row(f"demand_{r['commodity']}_{year}", "demands", w, "demand_growth",
                         A + f"demand growth: +-{DEMAND_SPREAD:.0%} x sqrt(years after "
                         f"{d.base_year}) = +-{w:.1%} in {year} (GDP growth +-1 point a year, "
                         "the sector elasticity +-0.2; carbonpath init); all demands move "
                         "together", commodity=r["commodity"], year=year))
    gdp_years = sorted({int(r["year"]) for r in d.drivers if r["driver"] == "gdp"
                        and d.base_year < int(r["year"]) <= d.horizon and float(r["value"]) > 0})
    for year in gdp_years:  # round 22 N40: the intensity targets' GDP moves with the demands
        w = half_width(DEMAND_SPREAD, year - d.base_year)
        rows.append(_row(f"gdp_{year}", "drivers", w, "demand_growth",
                         A + f"GDP: +-{w:.1%} in {year}, the demands' range (the GDP path "
                         "that drives them; in their group, so an intensity target's GDP "
                         "moves with them; carbonpath init)", driver="gdp", year=year))
    for r in d.drivers:
        year = int(r["year"])
        if r["driver"] != "grid_emission_factor" or year <= d.base_year:
            continue
        w = half_width(GRID_SPREAD, year - d.base_year)
        rows.append(_row(f"grid_factor_{year}", "drivers", w, "grid_factor",
                         A + f"grid emission factor: +-{GRID_SPREAD:.0%} x sqrt(years after "
                         f"{d.base_year}) = +-{w:.1%} in {year} (the province's non-fossil "
                         "share of supply +-2 points a year around the trajectory; carbonpath "
                         "init)", driver="grid_emission_factor", year=year))
    return rows


def _row(name: str, table: str, w: float, group: str, source: str, *, commodity: str = "",
         driver: str = "", year: int) -> dict:
    return {"input": name, "table": table, "technology": "", "parameter": "",
            "commodity": commodity, "driver": driver, "year": year, "scale": "relative",
            "distribution": "uniform", "low": round(1 - w, 6), "mode": "",
            "high": round(1 + w, 6), "mean": "", "sd": "", "unit": "1", "group": group,
            "source": source}
