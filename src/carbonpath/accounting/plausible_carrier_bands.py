"""Electricity and heat rows inside the refusal band but unusual: warnings (round 11).

The supply = use check of :mod:`carbonpath.accounting.plausible_energy` refuses a balance
outside 0.8 .. 1.1 (losses and own use up to 10 % plus a statistical difference up to
10 %, init's refusal share). A 10x slip of a row holding a tenth to a half of its side
stays inside: wind generation 8 -> 80 亿千瓦时 gives use / supply 0.85 (round-11 C75), an
export of 40 万千瓦时 among rows in 亿千瓦时 gives 0.92 (C78, C134). Two warnings
(:class:`CarrierBalanceWarning`) make them visible without refusing what may be right:

* **the usual band** (:data:`WARN_BAND`): use / supply outside ``1 - LOSS_SHARE -
  WARN_SHARE .. 1 + WARN_SHARE`` = 0.85 .. 1.05, with ``WARN_SHARE`` the 5 % statistical
  difference (平衡差额) above which ``init`` warns of a fuel of the balance
  (:data:`carbonpath.init.balance_checks.WARN_SHARE`): the yearbooks' electricity and heat
  balances close within a few per cent once losses are counted. Only where generation
  rows are given (without them supply is partial and the refusal's x10 bound holds);
* **a row in a unit of another scale** (:func:`odd_unit_rows`): one row of a carrier, year
  and region written in a unit no other of its rows uses, 10^3 or more times the usual
  unit's size apart (万千瓦时 among 亿千瓦时; the message says which way), when reading it
  in the usual unit would also give a balance inside the refusal band. A small row truly
  written in 万千瓦时 (a village's use) read in 亿千瓦时 breaks the balance, so it is not
  warned of.

Both name the file, the rows, both sums and the band.

A third (:class:`PowerEfficiencyWarning`, :func:`warn_power_efficiency`, round 18 Q80) bounds
thermal power from above: its electricity may not exceed what the best plants make from the
fuel burned by ``thermal_power`` and ``heat_supply`` together, :data:`MAX_SOLID_EFFICIENCY`
of solid fuels (coal, coke, biomass: steam plants) and :data:`MAX_POWER_EFFICIENCY` of the
rest (gas and liquids: combined cycles). The refusals of
:mod:`carbonpath.accounting.plausible_energy` bound it only from below (10 %) and by the
first law (electricity plus heat at most 110 % of the fuel), so solar generation booked
under ``thermal_power`` (a coal fleet at 75 %) passed.

A fourth (:func:`warn_standard_coal_plants`, round 27 ZC12) reads the plants' fuel through
their coal rate: thermal power's raw coal ``900,万吨标准煤`` (the physical 万吨 figure with the
standard-coal unit) made the plants burn 425 gce per kWh, 41 % above China's supply coal
rate (300.7 in 2022), inside the 10 % efficiency floor, and added 6.7 Mt CO2 silently. The
warning (:class:`PowerEfficiencyWarning`) is given when the fuel of ``thermal_power``
(``combustion``) per kWh of its generation exceeds :data:`COAL_RATE_FACTOR` times the
bundled national supply coal rate of the year, a fuel row of it is in a standard-coal unit,
and reading those rows as physical amounts of their fuel (its standard coal coefficient,
GB/T 2589) brings the rate under that bound. A low rate alone is not warned of: a
back-pressure CHP fleet makes 15-20 % of its fuel as power
(:data:`carbonpath.accounting.plausible_energy.MIN_POWER_EFFICIENCY`), and such correct data
look the same.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from carbonpath.accounting.plausible_energy import (
    BALANCE_BAND,
    LOSS_SHARE,
)
from carbonpath.errors import CarbonpathWarning

__all__ = ["COAL_RATE_FACTOR", "MAX_POWER_EFFICIENCY", "MAX_SOLID_EFFICIENCY", "WARN_BAND",
           "WARN_SHARE", "CarrierBalanceWarning", "PowerEfficiencyWarning",
           "carrier_rows_named", "odd_unit_rows", "power_ceiling_shares", "warn_carrier_bands",
           "warn_power_efficiency", "warn_standard_coal_plants"]

WARN_SHARE = 0.05
"""Statistical difference above which a carrier balance is unusual: init's warning share
(:data:`carbonpath.init.balance_checks.WARN_SHARE`, 5 %)."""

WARN_BAND = {c: (1.0 - LOSS_SHARE[c] - WARN_SHARE, 1.0 + WARN_SHARE) for c in LOSS_SHARE}
"""Carrier -> (lowest, highest) usual use / supply: (0.85, 1.05) for both."""

_SUPPLY = ("generation", "import")
_USE = ("consumption", "export")
_GWH_PER_TJ = 1 / 3.6


MAX_POWER_EFFICIENCY = 0.64
"""Most electricity per unit of gas or liquid fuel (net calorific value) of any power plant:
the best combined-cycle gas turbines, about 62-64 % net on the lower heating value at full
load (H-class units of 2016-2018: 62.2 % at Bouchain, 63.1 % at Nishi-Nagoya; manufacturers'
ratings up to 64 %; recalled, not read in a copy). It bounds every fuel that is not solid
(natural gas, coke-oven and other gases, oil products: a gas turbine can burn them), and
solid fuels whose form is unknown (``other_energy``). The bound is taken of the fuel of
``thermal_power`` and ``heat_supply`` together, so a CHP plant's fuel booked under heat
supply (China's heat-method allocation) cannot make it too tight."""

MAX_SOLID_EFFICIENCY = 0.50
"""Most electricity per unit of solid fuel (net calorific value; ``fuels.csv`` state
``solid``: coal, coke, petroleum coke, biomass), which only a boiler and steam turbine burn.
The best ultra-supercritical coal units run at about 45-48 % net (China's 1,000 MW double-
reheat units of the late 2010s: supply coal rates about 256-270 gce/kWh, 45-48 %; the
record Pingshan phase II unit reported about 251 gce/kWh, 49 %; recalled, not read in a
copy), rounded up to 50 % so that a record unit is not warned of. China's coal fleet
averaged about 40-41 % (about 300-305 gce/kWh supplied, CEC annual statistics; recalled).
Integrated gasification combined cycles of coal stay below it (about 42-46 %, recalled)."""


COAL_RATE_FACTOR = 1.3
"""Multiple of China's supply coal rate above which thermal power's fuel per kWh is judged
by :func:`warn_standard_coal_plants` (1.3 x 300.7 = 391 gce/kWh in 2022, about 31 %;
provinces' fleets stay near the national rate, within about 10 %, CEC statistics recalled)."""

_TJ_PER_TCE = 0.0293076
_KWH_PER_TJ = 1e12 / 3.6e6


class CarrierBalanceWarning(CarbonpathWarning):
    """An electricity or heat balance is unusual though possible (a 10x slip?)."""


class PowerEfficiencyWarning(CarbonpathWarning):
    """Thermal power makes more electricity than the best plants could from its fuel."""


def odd_unit_rows(group: pd.DataFrame) -> list[tuple[pd.Series, float, float]]:
    """Rows of one carrier balance written in a unit of another scale (module docstring).

    Parameters
    ----------
    group : pandas.DataFrame
        The carrier's supply and use rows of one year and region (``row``, ``use``,
        ``value``, ``unit``, ``quantity`` in TJ).

    Returns
    -------
    list of (row, use / supply as written, use / supply read in the usual unit)
        The rows whose unit no other row uses, whose size differs 10^3 times or more from
        the usual unit's, and whose reading in the usual unit leaves the balance inside
        :data:`carbonpath.accounting.plausible_energy.BALANCE_BAND`.
    """
    units = group["unit"].astype(str)
    counts = units.value_counts()
    if len(group) < 3 or len(counts) < 2 or counts.iloc[0] < 2:
        return []
    usual = str(counts.index[0])
    ref = group[(units == usual).to_numpy() & (group["value"].astype(float) > 0).to_numpy()]
    if ref.empty:
        return []
    per_usual = float(ref["quantity"].iloc[0]) / float(ref["value"].iloc[0])  # TJ per unit
    made = np.isin(group["use"].astype(str).to_numpy(), _SUPPLY)
    q = group["quantity"].to_numpy(dtype=float)
    m, u = float(q[made].sum()), float(q[~made].sum())
    low, high = BALANCE_BAND[str(group["fuel"].iloc[0])]
    out = []
    for i, (_, r) in enumerate(group.iterrows()):
        if counts[str(r["unit"])] != 1 or not float(r["value"]) > 0:
            continue
        per_row = float(r["quantity"]) / float(r["value"])
        if 1e-3 < per_row / per_usual < 1e3:
            continue
        alt = float(r["value"]) * per_usual
        m2, u2 = (m - q[i] + alt, u) if made[i] else (m, u - q[i] + alt)
        if m > 0 and m2 > 0 and u > 0 and low <= u2 / m2 <= high:
            out.append((r, u / m, u2 / m2))
    return out


def warn_carrier_bands(data: pd.DataFrame, source: str) -> None:
    """Warn of electricity and heat balances that are possible but unusual.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``quantity`` in TJ for carriers, ``value``, ``unit``), already inside the
        refusal band.
    source : str
        The file or DataFrame name, for messages.

    Warns
    -----
    CarrierBalanceWarning
        Per carrier, year and region outside :data:`WARN_BAND` (with generation rows), and
        per row of :func:`odd_unit_rows`, naming the file, the rows, both sums and the band.
    """
    rows = data[(data["fuel"].isin(list(WARN_BAND))
                 & data["use"].isin(_SUPPLY + _USE)).to_numpy()]
    if rows.empty:
        return
    for (carrier, year, region), group in rows.groupby(
            [rows["fuel"].astype(str), rows["year"], rows["region"].astype(str)], sort=True):
        use = group["use"].astype(str).to_numpy()
        made = np.isin(use, _SUPPLY)
        q = group["quantity"].to_numpy(dtype=float)
        m, u = float(q[made].sum()), float(q[~made].sum())
        if m <= 0 or u <= 0:
            continue
        unit, scale = ("GWh", _GWH_PER_TJ) if carrier == "electricity" else ("TJ", 1.0)
        low, high = WARN_BAND[carrier]
        where = f"{source}, rows {', '.join(str(r) for r in group['row'])}"
        if (use == "generation").any() and not low <= u / m <= high:
            warnings.warn(
                f"{where}, column 'value': the {carrier} balance of {region} in {int(year)} "
                f"is unusual: supply (generation + import) {m * scale:,.6g} {unit}, use "
                f"(consumption + export) {u * scale:,.6g} {unit}, use / supply {u / m:.3g}, "
                f"outside the usual {low:g} .. {high:g} (losses and own use up to "
                f"{LOSS_SHARE[carrier]:.0%} plus a statistical difference up to "
                f"{WARN_SHARE:.0%}); check each row for a 10x slip (a generation, import, "
                "export or consumption in the wrong unit or with a digit too many)",
                CarrierBalanceWarning, stacklevel=4)
        usual = str(group["unit"].astype(str).value_counts().index[0])
        for r, written, read in odd_unit_rows(group):
            size = _size_words(r, group, usual)  # round 22 M128: the direction told right
            warnings.warn(
                f"{source}, row {r['row']}, column 'unit': {r['use']} of {carrier} in "
                f"{r['sector']} is written {r['value']:g} {r['unit']}, a unit no other "
                f"{carrier} row of {region} in {int(year)} uses and {size} theirs "
                f"({usual}); use / supply is {written:.3g} as written and {read:.3g} if "
                f"the row is in their unit: check the row's unit ({usual} for {r['unit']}?)",
                CarrierBalanceWarning, stacklevel=4)


def carrier_rows_named(data: pd.DataFrame) -> set[int]:
    """Rows :func:`warn_carrier_bands` names in an odd unit (:func:`odd_unit_rows`).

    :func:`carbonpath.accounting.plausible_magnitude.odd_scale_rows` judges electricity and
    heat rows too (round 30 ZF199) and leaves these out, so a row gets one warning.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows, as :func:`warn_carrier_bands` takes them.

    Returns
    -------
    set of int
        The ``row`` numbers of those rows.
    """
    rows = data[(data["fuel"].isin(list(WARN_BAND))
                 & data["use"].isin(_SUPPLY + _USE)).to_numpy()]
    named: set[int] = set()
    for _key, group in rows.groupby([rows["fuel"].astype(str), rows["year"],
                                     rows["region"].astype(str)], sort=True):
        named |= {int(r["row"]) for r, _written, _read in odd_unit_rows(group)}
    return named


def _size_words(row: pd.Series, group: pd.DataFrame, usual: str) -> str:
    """How the unit of ``row`` compares with ``usual``: '10^8 times smaller than'."""
    ref = group[(group["unit"].astype(str) == usual).to_numpy()
                & (group["value"].astype(float) > 0).to_numpy()].iloc[0]
    ratio = (float(row["quantity"]) / float(row["value"])) / (
        float(ref["quantity"]) / float(ref["value"]))
    power = round(float(np.log10(ratio)))
    return (f"10^{abs(power)} times {'smaller' if power < 0 else 'larger'} than"
            if abs(power - np.log10(ratio)) < 0.01 else
            f"{ratio:.3g} times the size of")


def power_ceiling_shares(fuel: pd.Series) -> np.ndarray:
    """The most electricity the best plants make per unit of each row's fuel.

    Parameters
    ----------
    fuel : pandas.Series
        Fuel codes of ``fuels.csv`` (categorical or text), one per row.

    Returns
    -------
    numpy.ndarray
        One float per row, dimensionless (TJ of electricity per TJ of fuel, net calorific
        value): :data:`MAX_SOLID_EFFICIENCY` for a fuel of state ``solid`` other than
        ``other_energy``, :data:`MAX_POWER_EFFICIENCY` for every other code (an unknown one
        included: the wider bound).
    """
    from carbonpath.codes import fuels

    table = fuels().table["state"]
    solid = {c for c, state in table.items() if state == "solid" and c != "other_energy"}
    codes = fuel.astype("category")
    lut = np.array([MAX_SOLID_EFFICIENCY if c in solid else MAX_POWER_EFFICIENCY
                    for c in codes.cat.categories], dtype=float)
    out = np.full(len(codes), MAX_POWER_EFFICIENCY)
    known = codes.cat.codes.to_numpy() >= 0
    out[known] = lut[codes.cat.codes.to_numpy()[known]]
    return out


def warn_power_efficiency(data: pd.DataFrame, energy: pd.DataFrame, source: str) -> None:
    """Warn where thermal power generates more than the best plants could (round 18, Q80).

    Per year and region: the ``generation`` of electricity by ``thermal_power`` against
    the most the best plants make of the fuel the ``thermal_power`` and ``heat_supply`` rows
    burn (``combustion``, the inventory's net calorific value), fuel by fuel
    (:func:`power_ceiling_shares`: 50 % of solid fuels, 64 % of gases and liquids). Possible
    only at the very edge (record units at full load with a calorific value understated), so
    a warning, not a refusal. Round 18 Q80 (solar booked under ``thermal_power`` of a coal
    fleet) and a coal fleet's generation above 50 % of its coal are caught.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``quantity`` in TJ for carriers, ``value``, ``unit``).
    energy : pandas.DataFrame
        The inventory's energy frame, one row per activity row (``row``, ``energy_TJ``).
    source : str
        The file or DataFrame name, for messages.

    Warns
    -----
    PowerEfficiencyWarning
        Per year and region above the bound, naming the generation rows, the fuel rows,
        both sums, the efficiency, the bound and the readings that would be right.
    """
    if data.empty or not {"row", "energy_TJ"} <= set(energy.columns):
        return
    # categorical comparisons: no string copy of a million-row table
    gen = ((data["sector"] == "thermal_power") & (data["fuel"] == "electricity")
           & (data["use"] == "generation")).to_numpy()
    if not gen.any():
        return
    burns = (data["sector"].isin(["thermal_power", "heat_supply"])
             & (data["use"] == "combustion")
             & ~data["fuel"].isin(["electricity", "heat"])).to_numpy()
    part = data[gen | burns]
    tj = part["row"].map(pd.Series(energy["energy_TJ"].to_numpy(dtype=float),
                                   index=energy["row"].to_numpy())).fillna(0.0)
    tj = np.where(gen[gen | burns], part["quantity"].to_numpy(dtype=float),
                  tj.to_numpy(dtype=float))
    part = part.assign(_tj=tj, _gen=gen[gen | burns],
                       _most=tj * power_ceiling_shares(part["fuel"]))
    for (year, region), g in part.groupby([part["year"], part["region"].astype(str)],
                                          sort=True):
        made = float(g.loc[g["_gen"], "_tj"].sum())
        burnt = float(g.loc[~g["_gen"], "_tj"].sum())
        most = float(g.loc[~g["_gen"], "_most"].sum())
        if not burnt > 0 or made <= most:
            continue
        out = g[g["_gen"]]
        fed = g[~g["_gen"]]
        named = ", ".join(f"row {r}: {v:g} {u}" for r, v, u in zip(
            out["row"], out["value"], out["unit"].astype(str), strict=True))
        fuels_text = ", ".join(f"row {r}: {s} {f} {t:,.6g} TJ" for r, s, f, t in zip(
            fed["row"], fed["sector"].astype(str), fed["fuel"].astype(str), fed["_tj"],
            strict=True))
        warnings.warn(
            f"{source}, {named}, column 'value': thermal_power generates {made:,.6g} TJ of "
            f"electricity ({made * _GWH_PER_TJ:,.6g} GWh) in {region}, {int(year)} from "
            f"{burnt:,.6g} TJ of fuel burned by thermal_power and heat_supply ({fuels_text}), "
            f"{made / burnt:.1%} of it; the best plants make at most {most:,.6g} TJ of it "
            f"({MAX_SOLID_EFFICIENCY:.0%} of solid fuels such as coal in the best steam units, "
            f"{MAX_POWER_EFFICIENCY:.0%} of gases and liquids in the best combined cycles; a "
            "coal fleet makes about 40 %). Non-fossil generation (solar, wind, hydro, nuclear) "
            "belongs to sector solar_power, wind_power, hydro_power, nuclear_power or "
            "nonfossil_power; or check the generation for a unit or digit slip, or the "
            "plants' fuel for rows booked under another sector", PowerEfficiencyWarning,
            stacklevel=4)


def _standard_coal_unit(value: float, quantity_tj: float) -> bool:
    """Whether a row's unit is a standard-coal unit (its size a power of ten tce)."""
    if not value > 0 or not quantity_tj > 0:
        return False
    k = np.log10(quantity_tj / value / _TJ_PER_TCE)
    return bool(abs(k - round(k)) < 1e-6)


def _coefficient(fuel: str) -> float | None:
    """The fuel's bundled standard coal coefficient (tce per t), or None."""
    from carbonpath.factors import bundled_factors

    try:
        value = bundled_factors().lookup(fuel, "standard_coal_coefficient", region="CN").value
        return float(value.to("kgce/kg").magnitude)
    except Exception:  # (a fuel of no coefficient, or of a volume: not read)
        return None


def _national_rate(year: int) -> float:
    """China's bundled supply coal rate (gce/kWh) of the year (else of the latest years)."""
    from carbonpath.errors import CarbonpathError
    from carbonpath.factors import bundled_factors

    try:
        rate = bundled_factors().coal_rate(int(year), "supply").value
    except CarbonpathError:  # a year before the series: its first years' rate
        rate = bundled_factors().coal_rate(2100, "supply").value
    return float(rate.to("gce/kWh").magnitude)


def warn_standard_coal_plants(data: pd.DataFrame, energy: pd.DataFrame, source: str) -> None:
    """Warn where thermal power's coal rate says a fuel row's standard-coal unit is physical.

    Per year and region (module docstring, round 27 ZC12): the fuel ``thermal_power``
    burns (``combustion``; the inventory's ``energy_TJ``, as tce at 29.3076 GJ) per kWh of
    its ``generation`` of electricity, against :data:`COAL_RATE_FACTOR` times China's
    bundled supply coal rate of the year. Warned of only when a fuel row is in a
    standard-coal unit (万吨标准煤, tce) and reading those rows as physical amounts (the unit's
    number in t of the fuel, times its standard coal coefficient) brings the rate under the
    bound.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (``row``, ``year``, ``region``, ``sector``, ``fuel``,
        ``use``, ``value``, ``unit``, ``quantity``; TJ for carriers and energy units).
    energy : pandas.DataFrame
        The inventory's energy frame, one row per activity row (``row``, ``energy_TJ``).
    source : str
        The file or DataFrame name, for messages.

    Warns
    -----
    PowerEfficiencyWarning
        Naming the generation and fuel rows, both coal rates, the national one and the
        rate with the standard-coal rows read as physical amounts.
    """
    if data.empty or not {"row", "energy_TJ"} <= set(energy.columns):
        return
    gen = ((data["sector"] == "thermal_power") & (data["fuel"] == "electricity")
           & (data["use"] == "generation")).to_numpy()
    if not gen.any():
        return
    burns = ((data["sector"] == "thermal_power") & (data["use"] == "combustion")
             & ~data["fuel"].isin(["electricity", "heat"])).to_numpy()
    part = data[gen | burns]
    tj = part["row"].map(pd.Series(energy["energy_TJ"].to_numpy(dtype=float),
                                   index=energy["row"].to_numpy())).fillna(0.0)
    part = part.assign(tj_=np.where(gen[gen | burns], part["quantity"].to_numpy(dtype=float),
                                    tj.to_numpy(dtype=float)), gen_=gen[gen | burns])
    for (year, region), g in part.groupby([part["year"], part["region"].astype(str)],
                                          sort=True):
        made = float(g.loc[g["gen_"], "tj_"].sum()) * _KWH_PER_TJ
        fed = g[~g["gen_"]]
        burnt = float(fed["tj_"].sum())
        if not made > 0 or not burnt > 0:
            continue
        rate = burnt / _TJ_PER_TCE * 1e6 / made
        bound = COAL_RATE_FACTOR * _national_rate(int(year))
        if rate <= bound:
            continue
        read, named = burnt, []
        for r in fed.itertuples(index=False):
            coef = _coefficient(str(r.fuel))
            if coef is None or not _standard_coal_unit(float(r.value), float(r.quantity)):
                continue
            read -= r.tj_ * (1.0 - coef)
            named.append(f"row {r.row}: {r.fuel} {float(r.value):g} {r.unit}, {coef:g} tce/t")
        better = read / _TJ_PER_TCE * 1e6 / made
        if not named or better > bound:
            continue
        out = g[g["gen_"]]
        warnings.warn(
            f"{source}, {'; '.join(named)}, column 'unit': thermal_power of {region} in "
            f"{int(year)} burns {rate:.0f} gce per kWh it generates (rows "
            f"{', '.join(str(x) for x in fed['row'])} over row{'s' if len(out) > 1 else ''} "
            f"{', '.join(str(x) for x in out['row'])}), above {COAL_RATE_FACTOR:g} times "
            f"China's supply coal rate ({bound / COAL_RATE_FACTOR:.1f} gce/kWh); with the "
            f"rows in a standard-coal unit read as physical amounts of their fuel (万吨 for "
            f"万吨标准煤, at the fuel's standard coal coefficient) it would be {better:.0f}. "
            "If those numbers are physical tonnes, write 万吨 (or t); if the standard coal "
            "is right, ignore this warning", PowerEfficiencyWarning, stacklevel=4)
