r"""The emissions gap between two pathways split into the standard levers (LMDI-I).

For each year the emissions on the dataset's basis (CO2) are written as two Kaya cells and
a process line,

.. math:: E = \sum_{c \in \{\mathrm{ph}, \mathrm{f}\}} G \cdot \frac{U}{G} \cdot
          \frac{U_c}{U} \cdot \frac{E_c}{U_c} \; + \; E_{proc}

with G the GDP (MCNY), :math:`U_{ph}` the electricity and heat delivered to end uses
(exogenous demands and inputs of technologies that make neither, at the energy content:
1 GWh = 0.1228 ktce), :math:`U_f` the fuels used by those technologies (ktce, at the
standard-coal coefficients of the technologies that supply them), :math:`U = U_{ph} + U_f`,
:math:`E_{ph}` the emissions of power and heat plants plus net electricity trade, and
:math:`E_f` the combustion emissions of the other technologies (emission factor x fuel
input); process emissions (the rest of their direct emissions) are their own line.

The levers are then **activity** (G), **energy intensity** (U/G), **structure** (the
shares :math:`U_c/U`: electrification), **power carbon intensity** (:math:`E_{ph}/U_{ph}`)
and **fuel mix** (:math:`E_f/U_f`, the carbon content of the fuels used directly), by the
additive LMDI-I of :func:`carbonpath.accounting.decomposition.lmdi_additive` (Ang 2005; zero
values by the limits of Ang and Liu 2007), which leaves no residual: the lines add up to
the gap to rounding (checked: residual < 1e-9 of the gap).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.decomposition import lmdi_additive
from carbonpath.dataset import Dataset, expand_years
from carbonpath.dataset.scenarios import resolve_scenario
from carbonpath.errors import DataError, Problem
from carbonpath.model.data import canonical_unit
from carbonpath.units import unit_factor

__all__ = ["LEVERS", "lever_decomposition", "lever_terms"]

LEVERS = ("activity", "energy_intensity", "structure", "power_carbon_intensity", "fuel_mix",
          "process")


def lever_terms(dataset: Dataset, pathway: Any) -> pd.DataFrame:
    """The quantities of the identity for every year of one pathway.

    Returns
    -------
    pandas.DataFrame
        year, gdp (MCNY), u_ph, u_f (ktce), e_ph, e_f, e_proc, e_total (kt CO2).

    Raises
    ------
    DataError
        For a dataset on the CO2e basis (the identity is written for CO2), or without GDP
        (a ``ValueError`` subclass).
    """
    gas = dataset.config["emissions"]["gas"]
    if gas != "CO2":
        raise DataError(Problem("lever decomposition is written for CO2", file="dataset.yaml",
                                key="emissions.gas", value=gas, valid="CO2"))
    ds = resolve_scenario(dataset, pathway.scenario) if pathway.scenario else dataset
    drivers = ds.tables["drivers"]
    rows = drivers[drivers["driver"] == "gdp"]
    if rows.empty:
        raise DataError(Problem("lever decomposition needs the gdp driver", file="drivers.csv",
                                column="driver", valid="rows of driver gdp, e.g. "
                                "gdp,2024,1000,亿元"))
    factors = np.array([unit_factor(u, "MCNY") for u in rows["unit"]])
    gdp = dict(zip(ds.years, expand_years(rows, ds.years, "drivers.csv", "driver gdp",
                                          factors=factors), strict=True))
    tech = ds.tables["technologies"].set_index("technology")
    com = ds.tables["commodities"].set_index("commodity")
    flows = pathway.tables["flows"]
    kind = com["kind"]
    outputs = flows[flows["direction"] == "output"]
    ph = set(outputs.loc[outputs["commodity"].map(kind).isin(["electricity", "heat"])
                         & ~outputs["technology"].map(tech["kind"]).isin(["import"]),
                         "technology"])
    supply = pathway.tables["energy_supply"]
    # the output rows of each (technology, year), looked up once each (not one scan per row)
    rows_of: dict[tuple[Any, Any], list[tuple[Any, Any]]] = {}
    for t, y, c, v in zip(outputs["technology"], outputs["year"], outputs["commodity"],
                          outputs["value"], strict=True):
        rows_of.setdefault((t, y), []).append((c, v))
    kinds = kind.to_dict()
    coeff: dict[tuple[str, int], float] = {}
    for t, y, total in zip(supply["technology"], supply["year"], supply["total"], strict=True):
        out = rows_of.get((t, y), [])
        if len(out) == 1 and out[0][1] > 0 and kinds[out[0][0]] == "fuel":
            coeff.setdefault((out[0][0], int(y)), float(total) / float(out[0][1]))
    prov = pathway.provenance
    ef = {(t, c): float(v) for t, c, v, g in zip(prov["technology"], prov["commodity"],
                                                  prov["value"], prov["gas"], strict=True)
          if g == "CO2" and c}
    em = pathway.tables["emissions"]
    em = em[em["in_total"] & (em["gas"] == "CO2")]
    users = flows[(flows["direction"] == "input") & ~flows["technology"].isin(ph)
                  & ~flows["technology"].map(tech["kind"]).isin(["storage", "export"])]
    demands = pathway.tables["balances"]
    # each table's columns taken once as arrays, and each year's rows (in row order) found
    # once: numpy's masks and sums on them are those pandas made per year (sums: NaN as 0,
    # numpy's pairwise sum of the same values in the same order)
    em_rows, users_rows, demand_rows = (f.groupby("year", sort=False).indices
                                        for f in (em, users, demands))
    none = np.zeros(0, dtype=np.intp)
    em_val = em["value"].to_numpy(dtype=float)
    em_trade = em["scope"].isin(["electricity_import", "electricity_export"]).to_numpy()
    em_ph = em["technology"].isin(ph).to_numpy()
    u_tech, u_com = (users[c].to_numpy(dtype=object) for c in ("technology", "commodity"))
    u_val = users["value"].to_numpy(dtype=float)
    b_com, b_val = demands["commodity"].to_numpy(), demands["demand"].to_numpy(dtype=float)
    # electricity and heat, each with its factor to ktce (looked up once, not every year)
    calorific = [(c, unit_factor(canonical_unit(com.loc[c, "unit"]), "ktce"))
                 for c in com.index[kind.isin(["electricity", "heat"])]]
    # Pathway.emissions_in(y) of every year, read in one pass (its first row of each year)
    totals: dict[Any, float] = {}
    frame = pathway.tables["emissions_total"]
    for year, value in zip(frame["year"].tolist(), frame["value"].tolist(), strict=True):
        totals.setdefault(year, value)
    out = []
    for y in ds.years:
        at = em_rows.get(y, none)
        val, trade, in_ph = em_val[at], em_trade[at], em_ph[at]
        e_ph = float(np.nansum(val[trade | in_ph]))
        direct_other = float(np.nansum(val[~trade & ~in_ph]))
        at = users_rows.get(y, none)
        tech_y, com_y, val_y = u_tech[at].tolist(), u_com[at].tolist(), u_val[at].tolist()
        e_f = float(sum(v * ef.get((t, c), 0.0) for t, c, v in
                        zip(tech_y, com_y, val_y, strict=True)))
        u_f = float(sum(v * coeff.get((c, y), 0.0) for c, v in
                        zip(com_y, val_y, strict=True) if kinds[c] == "fuel"))
        u_ph = 0.0
        com_a, val_a = u_com[at], u_val[at]
        at = demand_rows.get(y, none)
        bc, bv = b_com[at], b_val[at]
        for c, to_ktce in calorific:
            used = float(np.nansum(val_a[com_a == c]))
            # one balance row per region in a model of several regions: their sum
            delivered = used + float(np.nansum(bv[bc == c]))
            u_ph += delivered * to_ktce
        out.append((y, gdp[y], u_ph, u_f, e_ph, e_f, direct_other - e_f,
                    float(totals[y]) if y in totals else pathway.emissions_in(y)))
    return pd.DataFrame(out, columns=["year", "gdp", "u_ph", "u_f", "e_ph", "e_f", "e_proc",
                                      "e_total"])


@checked
def lever_decomposition(dataset: Dataset, reference: Any, other: Any) -> pd.DataFrame:
    """Split ``reference`` minus ``other`` emissions, year by year, into the levers.

    Parameters
    ----------
    dataset : Dataset
        The dataset both pathways were solved from (any scenario of it).
    reference, other : Pathway
        E.g. the BAU and the plan: a positive effect is an abatement from that lever.

    Returns
    -------
    pandas.DataFrame
        year, one column per lever (kt CO2 of abatement), gap (kt), residual (gap minus the
        sum of the levers, kt), unit. Demand for electricity and heat taken as
        calorific energy (see the module).

    Raises
    ------
    ValueError
        A cell whose emissions change sign, or a dataset on the CO2e basis.
    """
    a = lever_terms(dataset, reference).set_index("year")
    b = lever_terms(dataset, other).set_index("year")
    rows = []
    for y in a.index:
        ra, rb = a.loc[y], b.loc[y]

        def factors(r: pd.Series) -> tuple[np.ndarray, np.ndarray]:
            """The emissions of the two cells of row ``r`` and the four factors of each."""
            u = r["u_ph"] + r["u_f"]
            cells = np.array([r["e_ph"], r["e_f"]])
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.array([[r["gdp"], u / r["gdp"], r["u_ph"] / u, r["e_ph"] / r["u_ph"]],
                              [r["gdp"], u / r["gdp"], r["u_f"] / u, r["e_f"] / r["u_f"]]])
            return cells, x

        c1, x1 = factors(ra)  # the reference is the "later" state: effects = ref - other
        c0, x0 = factors(rb)
        eff = lmdi_additive(c0, c1, x0, x1)
        line = {"year": int(y), "activity": eff[:, 0].sum(),
                "energy_intensity": eff[:, 1].sum(), "structure": eff[:, 2].sum(),
                "power_carbon_intensity": eff[0, 3], "fuel_mix": eff[1, 3],
                "process": ra["e_proc"] - rb["e_proc"], "gap": ra["e_total"] - rb["e_total"]}
        line["residual"] = line["gap"] - sum(line[k] for k in LEVERS)
        rows.append(line)
    frame = pd.DataFrame(rows)
    frame["unit"] = "kt CO2/yr"
    return frame
