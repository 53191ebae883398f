"""The inventory's electricity and heat rows: scope 2, net imports, primary electricity.

Moved unchanged from :mod:`carbonpath.accounting.inventory`: purchased electricity and heat
= consumption x the grid or heat factor of the region and year, net imports likewise
(counted under the provincial method), and the energy of primary electricity (local
non-fossil generation, net imports) by the calorific equivalent or the coal-consumption
method.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonpath.accounting.inventory_rows import (
    _TJ_PER_TCE,
    _energy_frame,
    _frame,
    _keys,
    _prov_record,
    _raise,
    _sector_attr,
)
from carbonpath.accounting.resolution import carrier_factors, simple_factors
from carbonpath.errors import ArgumentValueError, DataError, FactorNotFoundError, Problem
from carbonpath.factors import FactorTable
from carbonpath.units import CALORIFIC_EQUIVALENT

__all__: list[str] = ["check_heat_supplied"]

#: Carrier -> the sector whose fuel makes it; under method ``gpc`` that fuel is left out of
#: the total, since the carrier is counted where it is consumed (inventory_rows._GRID_SECTORS).
_MAKERS = {"heat": "heat_supply", "electricity": "thermal_power"}


def check_heat_supplied(d: pd.DataFrame, source: str, method: str) -> None:
    """Refuse electricity and heat that the method counts nowhere (A62; round 26 ZA190, ZA191).

    Under the provincial method heat consumed is counted where it is made (the heat plants'
    fuel, ``heat_supply`` rows) or as net imports x heat factor (``transfers`` rows of use
    ``import``/``export``). Heat consumption with neither, in a region and year, would
    vanish from the total; electricity consumption without import/export rows is refused
    likewise (:func:`_carrier_part`).

    Under method ``gpc`` it is the other way round: the fuel of ``heat_supply`` and
    ``thermal_power`` is reported but left out of the total, because their heat and
    electricity are counted where they are consumed (scope 2). A region and year whose
    plants make heat (``heat_supply`` burns fuel, or a heat ``generation`` row) or burn fuel
    for electricity (``thermal_power``), with no row that consumes or exports that carrier,
    would count those emissions in no total: 200 万吨 of heat-plant coal (3.733 Mt CO2)
    vanished that way from a GPC total (round 26 ZA190, ZA191). An inventory of fuels
    only, without plants, is untouched.

    Parameters
    ----------
    d : pandas.DataFrame
        The activity table (``sector``, ``fuel``, ``use``; ``region``, ``year``, ``row``
        if any).
    source : str
        The activity's file name, for the message.
    method : str
        The accounting method, ``"provincial"`` or ``"gpc"``.

    Raises
    ------
    DataError
        Naming the file, the first row of each such region and year (a heat consumption
        row under ``provincial``; the plant's generation or fuel row under ``gpc``), and
        the rows that would count the carrier.
    """
    if method == "gpc":
        _check_gpc_output_used(d, source)
        return
    if method != "provincial" or d.empty:
        return
    fuel = d["fuel"].astype(str).to_numpy()
    use = d["use"].astype(str).to_numpy()
    sector = d["sector"].astype(str).to_numpy()
    heat = fuel == "heat"
    consumed = heat & (use == "consumption")
    if not consumed.any():
        return
    counted = (heat & np.isin(use, ["import", "export", "generation"])) | (sector == "heat_supply")
    group = [d[c].astype(str).to_numpy() for c in ("region", "year") if c in d.columns]
    keys = list(zip(*group, strict=True)) if group else [()] * len(d)
    have = {k for k, c in zip(keys, counted, strict=True) if c}
    problems, seen = [], set()
    for i in np.flatnonzero(consumed):
        if keys[i] in have or keys[i] in seen:
            continue
        seen.add(keys[i])
        where = f" ({', '.join(keys[i])})" if keys[i] else ""
        row = d["row"].iloc[i] if "row" in d.columns else None
        problems.append(Problem(
            f"method 'provincial' counts heat where it is made (heat_supply rows) or as net "
            f"imports x heat factor, but the activity{where} has heat consumption and neither "
            "heat_supply rows nor heat import/export rows, so its heat would count nowhere",
            file=source, row=row, column="fuel", value="heat",
            valid="rows sector=heat_supply (the fuel the heat plants burn), or sector="
            "transfers, fuel=heat, use=import and use=export (0 if none); or method='gpc'"))
    if problems:
        raise DataError(problems, source)



def _check_gpc_output_used(d: pd.DataFrame, source: str) -> None:
    """Under ``gpc``: plants' output that no row consumes or exports (round 26 ZA190, ZA191).

    Raises :class:`DataError` with one problem per carrier, region and year whose plants
    make it (:func:`check_heat_supplied`) while no row of that carrier has use
    ``consumption`` or ``export``; named at the carrier's generation row, else at the
    plant's first fuel row.
    """
    if d.empty:
        return
    fuel = d["fuel"].astype(str).to_numpy()
    use = d["use"].astype(str).to_numpy()
    sector = d["sector"].astype(str).to_numpy()
    carrier = np.isin(fuel, list(_MAKERS))
    group = [c for c in ("region", "year") if c in d.columns]
    key = (pd.MultiIndex.from_frame(d[group].astype(str)).factorize()[0] if group
           else np.zeros(len(d), dtype=np.int64))
    rows = d["row"].to_numpy() if "row" in d.columns else np.full(len(d), None)
    problems = []
    for made, maker in _MAKERS.items():
        burns = (sector == maker) & ~carrier & (use == "combustion")
        generated = (fuel == made) & (use == "generation")
        if made == "electricity":
            generated &= sector == maker  # solar, wind: no fuel left out of the total
        makes = burns | generated
        if not makes.any():
            continue
        used = (fuel == made) & np.isin(use, ["consumption", "export"])
        for k in np.setdiff1d(np.unique(key[makes]), key[used]):
            mine = makes & (key == k)
            named = np.flatnonzero(mine & generated)
            first = int(named[0] if len(named) else np.flatnonzero(mine)[0])
            shown = ", ".join(f"{sector[j]} {fuel[j]} {use[j]} (row {rows[j]})"
                              for j in np.flatnonzero(mine)[:4])
            where = (f" ({', '.join(str(d[c].iloc[first]) for c in group)})" if group
                     else "")
            problems.append(Problem(
                f"method 'gpc' leaves the fuel of {maker} out of the total because its {made} "
                f"is counted where it is consumed (x the {made} factor), but the activity"
                f"{where} has {maker} making {made} ({shown}) and no row that consumes or exports "
                f"{made}, so those plants' emissions would count in no total",
                file=source, row=rows[first], column="fuel", value=str(fuel[first]),
                valid=f"rows of the {made} consumed (sector, {made}, the amount, its unit, use "
                f"consumption) or exported (sector transfers, use export) in that region and "
                f"year; or "
                f"method='provincial', which counts {maker}'s fuel where it is burnt"))
    if problems:
        raise DataError(problems, source)


def _carrier_part(table: FactorTable, rows: pd.DataFrame, source: str, historical: bool,
                  method: str, primary: str | None, basis: str | None, offset: int,
                  prov: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    n = len(rows)
    if n == 0:
        empty = _frame(rows, np.zeros(0, dtype=object), 2, np.zeros(0, dtype=bool))
        empty["key"] = np.zeros(0, dtype=np.int64)
        empty["CO2"] = np.zeros(0)
        return empty, _energy_frame(rows, np.zeros(0), np.zeros(0), np.zeros(0, bool),
                                    np.zeros(0, dtype=object)), offset
    use = rows["use"].astype(str).to_numpy()
    fuel = rows["fuel"].astype(str).to_numpy()
    kind = _sector_attr(rows["sector"], "kind")
    tj = rows["quantity"].to_numpy()
    primary_rows = (fuel == "electricity") & (((use == "generation") & (kind == "generation"))
                                              | np.isin(use, ["import", "export"]))
    sign = np.where(use == "export", -1.0, 1.0)
    if method == "provincial" and ((fuel == "electricity") & (use == "consumption")).any() \
            and not ((fuel == "electricity") & np.isin(use, ["import", "export"])).any():
        raise DataError(Problem(
            "method 'provincial' counts net electricity imports x grid factor, but the activity "
            "has electricity consumption and no import/export rows; add rows sector=transfers, "
            "fuel=electricity, use=import and use=export (0 if none), or use method='gpc'",
            file=source, column="use", valid="rows with use import and export"), source)
    needs = np.isin(use, ["consumption", "import", "export"])
    inverse, keys, first = _keys(table, rows, "fuel", False)
    res = carrier_factors(table, keys, historical=historical)
    key_needed = np.zeros(len(keys), dtype=bool)
    key_needed[inverse[needs]] = True
    problems = []
    for i in np.flatnonzero(key_needed & (res["row_id"].to_numpy() < 0)):
        k = keys.iloc[i]
        try:
            table.lookup(k["item"], "emission_factor", gas="CO2", region=k["region"],
                         year=int(k["year"]), historical=historical)
        except FactorNotFoundError as exc:
            problems.append(("missing", Problem(str(exc), file=source,
                                                row=rows["row"].iloc[int(first[i])],
                                                column="fuel", value=k["item"])))
    wrong = key_needed & (res["row_id"].to_numpy() >= 0) & (res["den"].to_numpy() != "TJ")
    for i in np.flatnonzero(wrong):
        problems.append(("dimension", Problem(
            f"the CO2 factor of {keys['item'].iloc[i]} is not per unit of energy",
            file=source, row=rows["row"].iloc[int(first[i])], column="fuel")))
    _raise(problems, "inventory")
    per_tj = res["canon"].to_numpy()[inverse]
    co2 = np.where(needs, tj * per_tj * sign, np.nan)
    category = np.where(np.isin(use, ["import", "export"]), fuel + "_net_import",
                        np.where(use == "consumption", fuel, "generation"))
    if method == "provincial":
        in_total = np.isin(use, ["import", "export"])
    else:
        in_total = use == "consumption"
    frame = _frame(rows, category, 2, in_total)
    frame["key"] = inverse + offset
    frame["CO2"] = co2
    # energy: calorific equivalent, primary electricity by the chosen convention
    tce = tj / _TJ_PER_TCE
    # electricity at 0.1229 kgce/kWh as GB/T 2589-2020 prints it (units.CALORIFIC_EQUIVALENT)
    electric = fuel == "electricity"
    tce = np.where(electric, tj / 3.6e-3 * CALORIFIC_EQUIVALENT.to("tce/MWh").magnitude, tce)
    calorific = tce * sign  # what the calorific equivalent gives, whatever the convention
    rule = np.full(n, "calorific equivalent", dtype=object)
    energy_in_total = np.isin(use, ["import", "export"]) | primary_rows
    if primary_rows.any():
        if primary is None:
            msg = ("the activity has primary electricity (local non-fossil generation or "
                   "electricity imports/exports): choose primary_electricity='calorific' or "
                   "'coal_consumption' (China's official non-fossil share uses the latter)")
            raise ArgumentValueError(msg)
        if primary == "coal_consumption":
            if basis not in ("supply", "generation"):
                msg = ("primary_electricity='coal_consumption' needs coal_rate_basis='supply' "
                       "(供电) or 'generation' (发电)")
                raise ArgumentValueError(msg)
            rate = simple_factors(table, keys, "coal_rate", basis=basis, historical=historical)
            rate_row = rate["row_id"].to_numpy()[inverse]
            bad = primary_rows & (rate_row < 0)
            if bad.any():
                k = keys.iloc[int(inverse[np.flatnonzero(bad)[0]])]
                table.coal_rate(int(k["year"]), basis, region=k["region"],
                                historical=historical)  # raises with the full message
            r = rate["canon"].to_numpy()[inverse]  # gce/kWh
            mwh = tj / 3.6e-3
            tce = np.where(primary_rows, mwh * 1e3 * r * 1e-6, tce)
            rule = np.where(primary_rows, f"coal-consumption method ({basis} basis)", rule)
            from carbonpath.accounting.factor_reach import warn_other_basis_coal_rates

            warn_other_basis_coal_rates(table, [  # round 20 W120
                (str(keys["region"].iloc[i]), int(keys["year"].iloc[i]),
                 int(rate["row_id"].iloc[i])) for i in np.unique(inverse[primary_rows])], basis)
            for i in np.unique(inverse[primary_rows]):
                rid = int(rate["row_id"].iloc[i])
                k = keys.iloc[i]
                prov.append(pd.DataFrame([_prov_record(table, int(i) + offset, k, rid,
                                                       rate["rule"].iloc[i],
                                                       "primary electricity")]))
        tj = np.where(primary_rows, tce * _TJ_PER_TCE, tj)
    energy = _energy_frame(rows, tj * sign, tce * sign, energy_in_total, rule, calorific)
    recs = []
    for i in np.flatnonzero(key_needed):
        rid = int(res["row_id"].iloc[i])
        recs.append(_prov_record(table, int(i) + offset, keys.iloc[i], rid, res["rule"].iloc[i],
                                 "purchased " + keys["item"].iloc[i]))
    if recs:
        prov.append(pd.DataFrame.from_records(recs))
    return frame, energy, offset + len(keys)
