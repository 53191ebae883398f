"""Uses, technologies and gas conditions of activity rows, and the conversion of their units."""

from __future__ import annotations

import unicodedata
import warnings
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.activity.checker import _Checker
from carbonpath.accounting.activity.schema import (
    _CONDITION_ALIASES,
    CARRIER_TCE_BASES,
    CARRIER_USES,
    FUEL_USES,
    GAS_CONDITIONS,
    MATERIAL_FUELS,
)
from carbonpath.accounting.activity.scope import is_coal_equivalent
from carbonpath.codes import fuels, sectors
from carbonpath.errors import CarbonpathWarning, Problem, UnitError
from carbonpath.units import CALORIFIC_EQUIVALENT, Q_, parse_unit


def _resolve_use(text: str) -> str | None:
    t = text.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"final": "consumption", "final_use": "consumption", "nonenergy": "non_energy",
               "material": "non_energy", "用作原料、材料": "feedstock", "原料": "feedstock",
               "transformation": "transformation_input", "加工转换投入": "transformation_input",
               "inflow": "import", "调入": "import", "outflow": "export", "调出": "export",
               "发电": "generation", "终端消费": "consumption"}
    t = aliases.get(t, t)
    return t if t in FUEL_USES + CARRIER_USES else None


def _resolve_tech(text: str) -> str | None:
    t = text.strip().lower().replace("-", "_").replace(" ", "_")
    return t or None


def _resolve_condition(text: str) -> str | None:
    # NFKC: the one-character degree Celsius sign of Chinese statistics (U+2103, '20℃') and
    # full-width digits read as '20°C' (round 14, I45)
    t = unicodedata.normalize("NFKC", str(text)).strip().lower()
    if t in ("20C".lower(), "0c", "15c"):
        return t.upper()
    return _CONDITION_ALIASES.get(t)


def _check_uses(chk: _Checker, first: np.ndarray, fuel_c: np.ndarray, fuel_cats: list[str],
                sec_c: np.ndarray, sec_cats: list[str], use_c: np.ndarray,
                use_cats: list[str], blank: np.ndarray | None = None) -> None:
    """Check each distinct (fuel, sector, use) once.

    ``first`` holds a row of every distinct combination of codes that includes fuel, sector
    and use; ``*_c`` are the codes of the n rows, shape (n,). ``blank`` (shape (n,), bool)
    marks rows whose use cell was blank and reads as the default (consumption for a
    carrier, combustion for a fuel): their problem says so, shows the blank cell, not the
    default, and names ``generation`` where the sector makes the carrier (round 19 T95).
    """
    fl, sl = fuels(), sectors()
    triples = np.stack([fuel_c[first], sec_c[first], use_c[first]], axis=1)
    for f, s, u in np.unique(triples, axis=0):
        fuel, sector, use = fuel_cats[f], sec_cats[s], use_cats[u]
        kind = sl.attr(sector, "kind")
        group = fl.attr(fuel, "group")
        msg = None
        if group == "carrier":
            if use not in CARRIER_USES:
                msg = (f"{fuel} is an energy carrier: its use is one of "
                       f"{', '.join(CARRIER_USES)}, not '{use}'", ", ".join(CARRIER_USES))
            elif use in ("import", "export") and kind != "transfer":
                msg = (f"{use} of {fuel} belongs to sector 'transfers' (调入调出), not '{sector}'",
                       "sector transfers")
            elif use == "generation" and not _generates(sector, fuel):
                where = ("sector heat_supply (heat from CHP plants included)" if fuel == "heat"
                         else "sector thermal_power or nonfossil_power (and its children)")
                msg = (f"{fuel} generation belongs to {where}, not '{sector}'",
                       "a generation sector")
            elif use == "consumption" and kind in ("transfer", "generation"):
                msg = (f"consumption of {fuel} belongs to a consuming sector, not '{sector}'",
                       "a final or energy-industry sector")
        else:
            if use not in FUEL_USES:
                msg = (f"{fuel} is a fuel: its use is one of {', '.join(FUEL_USES)}, not '{use}'",
                       ", ".join(FUEL_USES))
            elif kind in ("transfer", "generation") or sector == "industrial_processes":
                msg = (f"fuel use by sector '{sector}' is not energy use: report fuels burned by "
                       "power plants under thermal_power, feedstocks with use=feedstock in their "
                       "industry", "a final or energy-industry sector")
            else:
                msg = _use_in_sector(fuel, sector, use, kind)
        if not msg:
            continue
        rows = (fuel_c == f) & (sec_c == s) & (use_c == u)
        unset = rows & blank if blank is not None else np.zeros_like(rows)
        if (rows & ~unset).any():
            chk.add(rows & ~unset, "use", msg[0], use, msg[1])
        if unset.any():
            made = group == "carrier" and _generates(sector, fuel)
            chk.add(unset, "use", f"the use is blank, which reads as {use} for {fuel}: "
                    + msg[0], "", f"use generation ({sector} makes {fuel})" if made
                    else f"a use of {fuel} this sector can have, or {msg[1]}")


def _check_blank_uses(chk: _Checker, fuel_c: np.ndarray, fuel_cats: list[str],
                      sec_c: np.ndarray, sec_cats: list[str], blank: np.ndarray) -> None:
    """Refuse a fuel row of a fuel-making sector whose use is left blank (round 18, Q150).

    A blank ``use`` of a fuel reads as ``combustion``. In a sector that turns fuel into
    other fuels (coking, refining, gas_making, coal_washing, coal_products,
    gas_liquefaction) a row is as often the fuel charged (``transformation_input``: coking
    coal into coke ovens, whose coke and gas are counted where they are used) as the fuel
    burned to heat the plant; read as combustion, 110 万吨 of coking coal added 2.5 Mt CO2
    counted again in the coke. Nothing in the row says which, so carbonpath does not guess.

    ``blank`` (shape (n,), bool) marks the rows whose use cell is blank or absent; the
    other arrays are the rows' codes, as in :func:`_check_uses`.

    A carrier row of a power or heat plant (:data:`_PLANTS`) with a blank use is refused
    too (round 21, J73, J74): a blank carrier use reads as ``consumption``, which a plant can
    have (its own use), so 3800 万百万千焦 of heat in ``heat_supply`` (the heat it makes)
    was read as heat the plants consumed, adding 4.18 Mt to the GPC total, and thermal
    power's 215 亿千瓦时 left the electricity balance without its generation, blaming the
    import row. Electricity in ``heat_supply`` (pumps; a heat plant makes no electricity) is
    read as consumption, as before.

    A row of a material fuel (lubricants, paraffin, bitumen, white_spirit: the balance
    reader's ``non_energy_fuels``) with a blank use is refused outside the fuel-making
    sectors (round 22 M30): the balance reader books its final use ``non_energy``, a blank
    tidy use read ``combustion``, so road bitumen added 0.194 Mt CO2 in one route only.
    """
    fl, sl = fuels(), sectors()
    makers = np.array([bool(c) and c not in _PLANTS and sl.attr(c, "kind") == "transformation"
                       for c in sec_cats] + [False])
    carriers = np.array([bool(c) and fl.attr(c, "group") == "carrier" for c in fuel_cats]
                        + [False])
    bad = blank & makers[sec_c] & ~carriers[fuel_c]  # one vector pass; usually no row
    plants = np.array([c in _PLANTS for c in sec_cats] + [False])
    made = np.array([c in ("electricity", "heat") for c in fuel_cats] + [False])
    own = blank & plants[sec_c] & made[fuel_c]  # usually no row
    material = np.array([c in MATERIAL_FUELS[:4] for c in fuel_cats] + [False])
    stuff = blank & material[fuel_c] & ~makers[sec_c]  # round 22 M30; usually no row
    if not (bad.any() or own.any() or stuff.any()):
        return
    for f in np.unique(fuel_c[stuff]):
        chk.add(stuff & (fuel_c == f), "use",
                f"{fuel_cats[f]} has no use: it is mostly used as a material (bitumen on "
                "roads and roofs, lubricants in engines and machines, paraffin and white "
                "spirit as wax and solvent; read_energy_balance books its final use "
                "non_energy), and a blank use would read as combustion, adding its carbon "
                "as burned", "", "non_energy (used as a material, not burned) or combustion "
                "(burned as fuel)")
    for f, s in np.unique(np.stack([fuel_c[bad], sec_c[bad]], axis=1), axis=0):
        fuel, sector = fuel_cats[f], sec_cats[s]
        chk.add(blank & (fuel_c == f) & (sec_c == s), "use",
                f"{fuel} in '{sector}' has no use: this sector turns fuel into other fuels, "
                f"so the row may be the {fuel} it transforms (its carbon counted where the "
                "products are used) or the fuel it burns, and a blank use would read as "
                "combustion, counting transformed carbon twice", "",
                "transformation_input (turned into coke, oil products or gas) or combustion "
                "(burned to heat the plant)")
    for f, s in np.unique(np.stack([fuel_c[own], sec_c[own]], axis=1), axis=0):
        fuel, sector = fuel_cats[f], sec_cats[s]
        if (fuel, sector) == ("electricity", "heat_supply"):
            continue
        if _generates(sector, fuel):
            what, valid = (f"the {fuel} it makes", f"generation (the {fuel} {sector} makes)")
        else:  # heat under thermal_power: a CHP plant's heat belongs to heat_supply
            what, valid = (f"the {fuel} of its CHP units",
                           f"{fuel} made by CHP units in sector heat_supply with use generation")
        chk.add(blank & (fuel_c == f) & (sec_c == s), "use",
                f"{fuel} in '{sector}' has no use: this sector makes electricity or heat, so "
                f"the row may be {what} or the plants' own use, and a blank use would read "
                f"as consumption (own use: counted among the {fuel} consumed, in scope 2 with "
                "--method gpc, while the output is left out)", "",
                f"{valid}, or consumption (the plants' own use)")


_COAL_RANKS = ("raw_coal", "anthracite", "bituminous_coal", "sub_bituminous_coal", "lignite",
               "cleaned_coal", "other_washed_coal")
#: The fuels each fuel-making sector turns into its products (China's energy balance,
#: 加工转换投入): as feedstock or non_energy they would be counted beside those products.
#: Fuels a sector makes (coke-oven gas into methanol at a coking plant) and gases whose
#: role is unclear (natural gas for a refinery's hydrogen) are not listed.
_CHARGE = {"coking": _COAL_RANKS, "coal_washing": _COAL_RANKS, "coal_products": _COAL_RANKS,
           "gas_making": (*_COAL_RANKS, "coke"), "refining": ("crude_oil",),
           "gas_liquefaction": ("natural_gas",)}
_CHARGE_WORDS = {"coking": "coal is charged into coke ovens", "coal_washing": "coal is "
                 "washed into cleaned coal", "coal_products": "coal is made into briquettes",
                 "gas_making": "coal and coke are gasified", "refining": "crude oil is "
                 "refined into oil products", "gas_liquefaction": "natural gas is liquefied"}

#: Sectors whose fuel is burned for electricity or heat (IPCC 1A1a): the yearbook prints
#: 火力发电 and 供热 under 加工转换投入, but their fuel leaves as CO2 where it is burned.
_PLANTS = ("thermal_power", "heat_supply")


def _in_industry(sector: str) -> bool:
    """Whether ``sector`` is ``industry`` or one of its sub-sectors."""
    sl = sectors()
    seen: set[str] = set()
    while sector and sector not in seen:
        if sector == "industry":
            return True
        seen.add(sector)
        parent = sl.attr(sector, "parent")
        sector = "" if parent is None or pd.isna(parent) else str(parent)
    return False


def _use_in_sector(fuel: str, sector: str, use: str, kind: str) -> tuple[str, str] | None:
    """A fuel use that the sector cannot have, whose carbon no total would count.

    The inventory counts no CO2 for ``transformation_input`` (its products are counted
    where they are used), nor for ``feedstock`` (reported with the industrial products,
    whose process factors hold that carbon) or ``non_energy`` (stored in products). Each is
    sound only where such a product exists (round 12, E01-E03, E62):

    * ``transformation_input`` only in a transformation sector that makes another fuel
      (coking, refining, gas_making, coal_washing, coal_products, gas_liquefaction);
      power and heat plants burn theirs (``combustion``);
    * ``feedstock`` only in industry (``industry`` and its sub-sectors), whose products
      carry its carbon, or in a fuel-making transformation sector;
    * neither ``feedstock`` nor ``non_energy`` for the charge of a fuel-making sector
      (:data:`_CHARGE`: coal into coke ovens, crude oil into a refinery), whose products
      are counted where they are used, so the charge's energy would count twice;
    * ``non_energy`` not in power and heat plants nor in households; outside industry and
      the fuel-making sectors only for a fuel that is also a material
      (:data:`~carbonpath.accounting.activity.schema.MATERIAL_FUELS`: bitumen on roads,
      lubricants in vehicles), never for diesel in transport (round 18, Q75).

    Returns
    -------
    (message, valid) or None
    """
    if use == "transformation_input" and sector in _PLANTS:
        return (f"{fuel} with use transformation_input in {sector}: power and heat plants "
                "burn their fuel, and as transformation_input (fuel turned into another fuel, "
                "counted where that fuel is used) its carbon would appear in no total; the "
                "yearbook prints 火力发电 and 供热 under 加工转换投入, but their fuel is "
                "combustion (IPCC 1A1a)", "use combustion")
    if use == "transformation_input" and kind != "transformation":
        return (f"{fuel} with use transformation_input in '{sector}', which makes no other "
                "fuel: its carbon would appear in no total (transformation_input is counted "
                "where the fuel it is turned into is used)",
                "use combustion (burned) or feedstock (carbon reported with the sector's "
                "industrial products); fuel turned into coke, oil products or gas belongs to "
                "sector coking, refining, gas_making, coal_washing, coal_products or "
                "gas_liquefaction")
    if use in ("feedstock", "non_energy") and sector in _PLANTS:
        return (f"{fuel} with use {use} in {sector}: power and heat plants burn their fuel, "
                f"and as {use} its carbon would appear in no total", "use combustion")
    if use in ("feedstock", "non_energy") and fuel in _CHARGE.get(sector, ()):
        return (f"{fuel} with use {use} in {sector}: {_CHARGE_WORDS[sector]}, and as {use} "
                "it is counted in the standard-coal total beside the products made of it "
                "(counted where they are used): its energy twice",
                "use transformation_input (the charge turned into the sector's products) or "
                "combustion (burned to heat the plant)")
    households = sector in ("residential", *_children("residential"))
    if use == "feedstock" and kind != "transformation" and not _in_industry(sector):
        return (f"{fuel} with use feedstock in '{sector}': feedstock carbon is reported with "
                "industrial products (ammonia, steel), which this sector does not make, so "
                "it would appear in no total",
                "use combustion" + ("" if households else
                                    " (burned) or non_energy (a material such as bitumen)")
                + "; feedstock belongs to industry or its sub-sectors")
    if use == "non_energy" and households:
        return (f"{fuel} with use non_energy in '{sector}': households burn their fuel, and "
                "as non_energy its carbon would appear in no total", "use combustion")
    if (use == "non_energy" and kind != "transformation" and not _in_industry(sector)
            and fuel not in MATERIAL_FUELS):
        return (f"{fuel} with use non_energy in '{sector}': outside industry a fuel is used as "
                f"a material only if it is one ({', '.join(MATERIAL_FUELS)}); {sector} burns "
                f"its {fuel}, and as non_energy its carbon would appear in no total",
                "use combustion; non_energy belongs to a material fuel or to industry "
                "(用作原料、材料)")
    return None


def use_in_sector(fuel: str, sector: str, use: str, kind: str) -> tuple[str, str] | None:
    """A fuel use that the sector cannot have (public name of the inventory's rule).

    The rule of :func:`_use_in_sector`, which the model's flows share
    (:mod:`carbonpath.dataset.fuel_checks`). ``kind`` is the sector's kind in
    ``carbonpath/data/sectors.csv`` (``transformation`` for the fuel-making sectors).

    Returns
    -------
    (message, valid) or None
    """
    return _use_in_sector(fuel, sector, use, kind)


class UnburnedFuelWarning(CarbonpathWarning):
    """A fossil fuel booked as not burned in a sector whose products hold no fuel carbon.

    Round 29 ZE74: raw coal with use ``non_energy`` in ``non_metallic_minerals`` (whose
    kilns burn their coal) dropped 1.77 Mt CO2 without a word. See
    :func:`unburned_fuel_text`.
    """


#: Industry sub-sectors whose products hold no carbon of the fuels they use, with the
#: products named in messages (China's industry classification GB/T 4754: 采矿, 食品, 纺织,
#: 造纸, 非金属矿物制品, 机械设备, 电力热力燃气及水). Chemicals, metals and other
#: manufacturing make products of fuel carbon (ammonia, methanol, coke as reductant,
#: anodes, plastics) and are not listed.
_NO_FUEL_CARBON = {
    "mining": "ores, coal and stone", "food": "food, drink and tobacco",
    "textiles": "yarn, cloth and garments", "paper": "pulp, paper and print",
    "non_metallic_minerals": "cement, lime, glass, ceramics and bricks",
    "machinery": "machines and equipment", "utilities": "electricity, heat, gas and water",
}
#: Fuels a listed sector does keep in a product: graphite and carbon products (石墨及碳素制品,
#: GB/T 4754 C3091, under 非金属矿物制品业) are made of petroleum coke, coke and calcined
#: anthracite.
_CARBON_MATERIALS = {"non_metallic_minerals": ("petroleum_coke", "coke", "anthracite")}


def unburned_fuel_text(fuel: str, sector: str, use: str) -> tuple[str, str] | None:
    """Why a fossil fuel's ``feedstock`` or ``non_energy`` use in ``sector`` is suspect.

    The inventory counts no combustion CO2 for ``feedstock`` (its carbon is reported with
    industrial products through their process factors) nor for ``non_energy`` (carbon kept
    in a product). An industry sub-sector whose products hold no fuel carbon
    (:data:`_NO_FUEL_CARBON`: cement, glass, food, machines ...) burns its fuel: there either
    use drops the fuel's CO2 from every total (round 29 ZE74: 95 万吨 raw coal in
    non_metallic_minerals marked non_energy, 1.77 Mt). A material fuel (lubricants,
    bitumen: :data:`~carbonpath.accounting.activity.schema.MATERIAL_FUELS`) and the carbon
    products' fuels of non_metallic_minerals (:data:`_CARBON_MATERIALS`) are left alone. A
    plant's statistics may still book a material use there, so callers warn.

    Parameters
    ----------
    fuel, sector, use : str
        Codes (fuels.csv, sectors.csv, a use of
        :data:`~carbonpath.accounting.activity.schema.FUEL_USES`).

    Returns
    -------
    (message, valid) or None
        The reason, and what would be right, for a fossil non-material fuel with use
        ``feedstock`` or ``non_energy`` in a listed sector; None otherwise.
    """
    if (use not in ("feedstock", "non_energy") or sector not in _NO_FUEL_CARBON
            or fuel in MATERIAL_FUELS or fuel in _CARBON_MATERIALS.get(sector, ())
            or fuels().attr(fuel, "fossil") != "yes"):
        return None
    return (f"{fuel} with use {use} in '{sector}': this sector makes "
            f"{_NO_FUEL_CARBON[sector]}, which hold no carbon of its fuel, so it burns its "
            f"{fuel} (kilns, furnaces, boilers), and as {use} that carbon appears in no "
            "total",
            "use combustion if the fuel is burned; feedstock and non_energy belong to fuel "
            "kept in a product (chemicals, metals, carbon products; a material fuel such as "
            "lubricants or bitumen)")


def warn_unburned_fuel(name: str, labels: np.ndarray, fuel_c: np.ndarray,
                       fuel_cats: list[str], sec_c: np.ndarray, sec_cats: list[str],
                       use_c: np.ndarray, use_cats: list[str],
                       overridden: Any = None) -> None:
    """Warn of ``non_energy`` rows whose fuel :func:`unburned_fuel_text` finds unburned.

    ``feedstock`` rows are left to the production check
    (:func:`carbonpath.accounting.production_keys.warn_feedstock_without_product`), which warns of a
    sector's feedstock whose carbon no product given (or known) carries.

    Parameters
    ----------
    name : str
        The file or DataFrame name, for messages.
    labels : numpy.ndarray
        Row labels (file lines), shape (n,).
    fuel_c, sec_c, use_c : numpy.ndarray
        Codes per row, shape (n,), into ``fuel_cats``, ``sec_cats`` and ``use_cats`` (the
        use as read, a blank one resolved).
    overridden : array-like of bool, optional
        Rows whose ``plausibility`` cell says ``override: <reason>`` (shape (n,)): not named.

    Warns
    -----
    UnburnedFuelWarning
        One per (fuel, sector, use), naming its rows, column ``use`` and the reading.
    """
    keep = np.asarray(use_cats, dtype=object) == "non_energy"
    sel = keep[use_c] if len(use_c) else np.zeros(0, dtype=bool)
    if overridden is not None:
        sel = sel & ~np.asarray(overridden, dtype=bool)
    if not sel.any():
        return
    triples = np.unique(np.stack([fuel_c[sel], sec_c[sel], use_c[sel]], axis=1), axis=0)
    for f, s, u in triples:
        found = unburned_fuel_text(fuel_cats[f], sec_cats[s], use_cats[u])
        if found is None:
            continue
        rows = [str(x) for x in np.asarray(labels)[sel & (fuel_c == f) & (sec_c == s)
                                                     & (use_c == u)]]
        warnings.warn(
            f"{name}, {'rows' if len(rows) > 1 else 'row'} {', '.join(rows)}, column 'use': "
            f"{found[0]}; {found[1]}. If the {fuel_cats[f]} is kept in a product there, "
            "write 'override: <reason>' in a 'plausibility' column of the row",
            UnburnedFuelWarning, stacklevel=4)


def _children(sector: str) -> tuple[str, ...]:
    """The direct sub-sectors of ``sector``."""
    sl = sectors()
    return tuple(c for c in sl.codes if sl.attr(c, "parent") == sector)


def _generates(sector: str, fuel: str) -> bool:
    sl = sectors()
    if sector == "thermal_power":
        return fuel == "electricity"
    if sector == "heat_supply":
        return fuel == "heat"
    return fuel == "electricity" and sl.attr(sector, "kind") == "generation"


def _convert(chk: _Checker, combo: np.ndarray, first: np.ndarray, fuel_c: np.ndarray,
             fuel_cats: list[str], unit_c: np.ndarray, unit_uniq: list[str],
             cond_c: np.ndarray, cond_cats: list[str], basis_c: np.ndarray,
             basis_cats: list[str],
             values: np.ndarray) -> tuple[pd.Categorical, np.ndarray, pd.Categorical]:
    """Convert each row's value to its measure's canonical unit.

    One rule per distinct (fuel, unit, condition, basis); ``combo`` (shape (n,)) numbers the
    distinct combinations of codes that include them and ``first`` holds a row of each.

    Returns
    -------
    measure, quantity, basis
        Per row: ``mass``, ``gas`` or ``energy``; the value in t, Nm3 or TJ; the energy
        basis ('' for non-energy units).
    """
    k = len(first)
    factor = np.zeros(k)
    measure_lut = np.zeros(k, dtype=np.int8)
    basis_lut = np.zeros(k, dtype=np.int8)
    measures, bases = ["mass", "gas", "energy"], ["", "net", "gross"]
    quads = np.stack([fuel_c[first], unit_c[first], cond_c[first], basis_c[first]], axis=1)
    uniq, inverse = np.unique(quads, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for j, (f, u, c, b) in enumerate(uniq):
        unit = unit_uniq[u]
        try:
            m_name, fac, b_name = _unit_rule(fuel_cats[f], unit, cond_cats[c], basis_cats[b])
        except UnitError as exc:
            rows = (fuel_c == f) & (unit_c == u) & (cond_c == c) & (basis_c == b)
            for p in exc.problems:
                chk.add(rows, "unit", p.message, unit, p.valid)
            continue
        sel = inverse == j
        factor[sel] = fac
        measure_lut[sel], basis_lut[sel] = measures.index(m_name), bases.index(b_name)
    measure = pd.Categorical.from_codes(measure_lut[combo], categories=measures)
    basis = pd.Categorical.from_codes(basis_lut[combo], categories=bases)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported, not warned
        return measure, values * factor[combo], basis


_OWN_UNITS = {"electricity": "亿千瓦时, MWh", "heat": "万百万千焦, GJ"}


def _carrier_in_coal(fuel: str, unit: str, basis: str) -> None:
    """Refuse electricity or heat in standard coal unless its basis is the calorific one.

    A tce figure of electricity is 当量值 (calorific: 0.1229 kgce/kWh, the energy itself) or
    等价值 (the coal a plant burns for it, about 0.3 kgce/kWh, by the year's coal rate): the
    two differ 2.4 times and nothing in the number says which (round 10, A04/A25).
    """
    if basis == "calorific":
        return
    per = "0.1229 kgce/kWh" if fuel == "electricity" else "0.03412 tce/GJ"
    if basis == "equivalent":
        raise UnitError(Problem(
            f"{fuel} in standard coal ({unit}) as 等价值 (the coal burned to make it) depends "
            "on the coal rate the statistics used, which carbonpath does not guess",
            valid=f"the {fuel} itself ({_OWN_UNITS[fuel]}), or its 当量值 with energy_basis "
                  "calorific"))
    if basis:
        raise UnitError(Problem(
            f"{fuel} in standard coal ({unit}) takes energy_basis calorific (当量值), not "
            f"{basis} (net and gross are bases of a fuel's calorific value)",
            valid="energy_basis calorific (当量值); for 等价值, the "
                  f"{fuel} itself ({_OWN_UNITS[fuel]})"))
    raise UnitError(Problem(
        f"{fuel} in standard coal ({unit}) is ambiguous: 当量值 (calorific, {per}) or 等价值 "
        "(the coal burned to make it, about 2.4 times more for electricity); say which",
        valid="energy_basis calorific (当量值): in the row's energy_basis column, or for the "
              "whole table as the energy_basis argument (CLI --energy-basis calorific); for "
              f"等价值, the {fuel} itself ({_OWN_UNITS[fuel]}); if the numbers are the {fuel} "
              "itself under a standard-coal unit (a 标准量 header over a 实物量 table), "
              f"that unit ({_OWN_UNITS[fuel]}) in place of {unit}"))


def _electricity_tj_per(coal: Any) -> float:
    """TJ of electricity per ``coal`` (a quantity of standard coal) read as its 当量值.

    GB/T 2589-2020 Appendix A prints electricity's calorific equivalent as 0.1229 kgce/kWh
    (:data:`carbonpath.units.CALORIFIC_EQUIVALENT`), and China's statistics turn kWh into tce
    with it; the inventory does too (:mod:`carbonpath.accounting.purchased`). A tce figure is
    therefore read back at the same 0.1229, not at 3.6 MJ / 29.3076 MJ per kgce = 0.122835
    (round 21 J10: 73.74 万吨标准煤 was read as 60.03 亿kWh, not the 60 it came from, and its
    energy came back as 737,790 tce for the 737,400 given).
    """
    kwh = (coal.to("kgce") / CALORIFIC_EQUIVALENT).to("kWh")
    return float(kwh.to("TJ").magnitude)


def _unit_rule(fuel: str, unit: str, cond: str, basis: str) -> tuple[str, float, str]:
    """Return (measure, factor to the canonical unit, energy basis) for one combination."""
    fl = fuels()
    state = fl.attr(fuel, "state")
    group = fl.attr(fuel, "group")
    parsed = parse_unit(unit)
    q = Q_(1.0, parsed)
    if q.check("[energy]"):
        if group == "carrier":
            if fuel in ("electricity", "heat") and is_coal_equivalent(unit):
                _carrier_in_coal(fuel, unit, basis)
                if fuel == "electricity":  # round 21 J10: back at the figure energy -> tce uses
                    return "energy", _electricity_tj_per(q), ""
            return "energy", float(q.to("TJ").magnitude), ""
        if is_coal_equivalent(unit):
            return "energy", float(q.to("TJ").magnitude), "net"
        if basis in CARRIER_TCE_BASES:
            raise UnitError(Problem(
                f"energy_basis {basis} is the basis of electricity or heat in standard coal, "
                f"not of {fuel} in {unit}", valid="net (NCV) or gross (GCV)"))
        if not basis:
            raise UnitError(Problem(
                f"{fuel} given in energy ({unit}) needs its calorific basis declared: an "
                "'energy_basis' column or read_activity(energy_basis=...)",
                valid="net (NCV, China's statistics and IPCC) or gross (GCV)"))
        return "energy", float(q.to("TJ").magnitude), basis
    if group == "carrier":
        raise UnitError(Problem(f"{fuel} must be given in an energy unit, not '{unit}'",
                                valid="kWh, MWh, GWh, 亿千瓦时, GJ, TJ, 万百万千焦"))
    if q.check("[mass]"):
        return "mass", float(q.to("t").magnitude), ""
    if q.check("[substance]"):
        if state != "gas":
            raise UnitError(Problem(f"{fuel} is not a gas; '{unit}' is an amount of gas",
                                    valid="a mass (t, 万吨) or an energy"))
        return "gas", float(q.to("Nm3").magnitude), ""
    if q.check("[length]**3"):
        if state != "gas":
            raise UnitError(Problem(
                f"{fuel} given as a volume ({unit}): a liquid or solid volume needs a density, "
                "which carbonpath does not assume", valid="a mass (t, 万吨) or an energy"))
        if not cond:
            raise UnitError(Problem(
                f"{fuel} given as a plain volume ({unit}) without its reference condition; "
                "declare it in a 'gas_condition' column or read_activity(gas_condition=...)",
                valid="20C (China's energy statistics), 0C (normal m3) or 15C (standard m3)"))
        geometric = float(q.to("m**3").magnitude)
        amount = Q_(geometric, GAS_CONDITIONS[cond]).to("Nm3").magnitude
        return "gas", float(amount), ""
    raise UnitError(Problem(f"'{unit}' is not a mass, gas amount, volume or energy",
                            valid="t, 万吨, Nm3, 亿立方米 (with gas_condition), TJ, tce"))
