"""Fuels the model would burn without emissions: a missing fuel code, a use the plant cannot have.

The model takes a burned fuel's emission factors from the factor tables by the fuel code of
its commodity (``commodities.csv`` column ``fuel``), and counts no combustion emissions for
an input whose ``use`` (``flows.csv``) is ``feedstock`` or ``non_energy``. Three slips
therefore turn a coal plant's emissions into zero, silently (round 18, R37-R42):

* a commodity of kind ``fuel`` with a blank ``fuel`` code, burned by a technology;
* a commodity of another kind (``material`` ...) with a blank ``fuel`` code whose code or
  name is a fossil fuel's (``coal``, ``Raw coal``), burned by a technology;
* a fossil fuel input with a ``use`` the technology's sector cannot have: ``feedstock`` or
  ``non_energy`` in power and heat plants, ``feedstock`` outside industry and the
  fuel-making sectors, ``non_energy`` in households: the inventory's own rule
  (:func:`carbonpath.accounting.activity.uses.use_in_sector`), applied to the model's flows.

A commodity's ``kind`` and its ``fuel`` code must also agree (round 25 MA120, MA122, MA157):
the model finds electricity (non-fossil share, grid factor of imports), heat and hydrogen by
the ``kind``, fuels' emission factors by the code. The carrier codes ``electricity``,
``heat`` and ``hydrogen`` name their kind; a fuel's code (``raw_coal``) cannot sit on a
carrier's kind. Electricity of kind ``heat`` had zeroed the non-fossil share and the grid
imports' emissions; coal of kind ``electricity`` had counted coal as non-fossil power, with
no word (:func:`kind_problems`).

A technology with its own ``emissions.csv`` rows is left out of the first two (its factors
are given). Each finding is a :class:`~carbonpath.errors.Problem` naming the file, row and
column to fix and what would be valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import records
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["CommodityKindWarning", "fuel_use_problems", "kind_problems", "warn_carbon_unit",
           "warn_carrier_kinds", "warn_unburned_flows"]

#: The kinds the carrier fuel codes name (data/fuels.csv group ``carrier``).
CARRIER_KINDS = ("electricity", "heat", "hydrogen")


class CommodityKindWarning(CarbonpathWarning):
    """A commodity named electricity (code or name) of another kind, with no fuel code.

    The model finds electricity by the ``kind``: electricity of kind ``heat`` had shown a
    0 % non-fossil share and left out the grid imports' emissions (round 25 MA120). Another
    good may carry the name, so it warns.
    """


def _read_code(text: Any, keep: Callable[[str], bool]) -> str | None:
    """The fuel code a commodity code or name reads as (whole, before or inside brackets)."""
    from carbonpath.codes import fuels

    text = str(text or "").strip()
    if not text:
        return None
    inner = text.split("(", 1)[1].rstrip(") ") if "(" in text else ""
    for candidate in (text, text.split("(", 1)[0].strip(), inner):
        code = fuels().resolve(candidate) if candidate else None
        if code is not None and keep(code):
            return code
    return None


def _fossil_code(text: Any) -> str | None:
    """The fossil fuel code a commodity code or name reads as, or None."""
    from carbonpath.codes import fuels

    return _read_code(text, lambda code: fuels().attr(code, "fossil") == "yes")


def _valid_fuel(row: dict[str, Any]) -> str:
    """The fuel codes a commodity row probably means, closest first."""
    from carbonpath.codes import fuels

    found = _fossil_code(row["commodity"]) or _fossil_code(row.get("name"))
    near = [found] if found else []
    near += [c for c in fuels().suggest(str(row.get("name") or row["commodity"]))
             if c not in near]
    return (f"a fuel code of carbonpath/data/fuels.csv ({', '.join(near[:3])} ...)" if near
            else "a fuel code of carbonpath/data/fuels.csv")


def fuel_use_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Burned fuels without a fuel code, and fossil inputs with a use their sector cannot have.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The read tables (``commodities``, ``technologies``, ``flows``, and ``emissions`` if
        given), whose references already hold.

    Returns
    -------
    list of Problem
        One per commodity burned without a fuel code (``commodities.csv``, column ``fuel``,
        naming the technologies burning it), one per ``flows.csv`` row with an
        impossible ``use`` (column ``use``, valid ``combustion``), then the commodities
        whose kind and fuel code disagree (:func:`kind_problems`).
    """
    from carbonpath.accounting.activity.uses import use_in_sector
    from carbonpath.codes import fuels, sectors

    com = dict(records(tables["commodities"].drop_duplicates("commodity")
                       .set_index("commodity", drop=False)))
    techs = dict(records(tables["technologies"].drop_duplicates("technology")
                         .set_index("technology", drop=False)))
    emissions = tables.get("emissions")
    given = set() if emissions is None else set(emissions["technology"])
    burned: dict[str, list[str]] = {}
    problems = []
    for line, flow in records(tables["flows"]):
        code, c = flow["technology"], flow["commodity"]
        if flow["direction"] != "input" or code not in techs or c not in com:
            continue
        use = flow.get("use") or "combustion"
        if use == "combustion" and code not in given:
            burned.setdefault(c, []).append(code)
        fuel = com[c].get("fuel")
        resolved = fuels().resolve(fuel) if isinstance(fuel, str) and fuel else None
        if use == "combustion" or resolved is None or fuels().attr(resolved, "fossil") != "yes":
            continue
        sector = str(techs[code]["sector"])
        found = use_in_sector(resolved, sector, use, str(sectors().attr(sector, "kind") or ""))
        if found is not None:
            message, valid = found
            problems.append(Problem(
                f"'{code}' takes {c} with use {use}: {message}, so the model would count no "
                "emissions for it", file="flows.csv", row=line, column="use", value=use,
                valid=valid))
    for c, users in burned.items():
        row = com[c]
        if row.get("fuel"):
            continue
        who = ", ".join(f"'{u}'" for u in dict.fromkeys(users))
        if row["kind"] == "fuel":
            reason = "a fuel with no fuel code has no emission factor"
        elif (code := _fossil_code(c) or _fossil_code(row.get("name"))) is not None:
            reason = (f"'{c}' reads as the fossil fuel {code}, but as kind {row['kind']} with "
                      "no fuel code it has no emission factor")
        else:
            continue
        line = next(i for i, r in records(tables["commodities"]) if r["commodity"] == c)
        problems.append(Problem(
            f"commodity '{c}': {reason}, so burning it ({who}, flows.csv use combustion) "
            "would emit nothing", file="commodities.csv", row=line, column="fuel", value="",
            valid=f"{_valid_fuel(row)}; or emissions.csv rows giving the factors of "
                  f"{who}; or use feedstock / non_energy in flows.csv if it is not burned"))
    return problems + kind_problems(tables["commodities"])


def self_input_problem(code: str, kind: str, own: pd.DataFrame,
                       place: Callable[[Any], dict[str, Any]]) -> Problem | None:
    """A technology taking as much of a commodity as it makes, or more (round 31, MG29).

    ``pv,electricity,input,1`` beside ``pv,electricity,output,1`` (a copied output row
    left as an input) makes no electricity net; the base-year balance then fell short with
    no word of pv. An input below the output (a plant's own use) passes; storage, imports
    and exports have their own checks.

    Parameters
    ----------
    code, kind : str
        The technology and its kind.
    own : DataFrame
        Its flows.csv rows (commodity, direction, value, unit); the index is the file line.
    place : callable
        flows.csv line -> the Problem's location (``file``, ``row``): the input row's.
    """
    from carbonpath.units import unit_factor

    if kind in ("storage", "import", "export"):
        return None
    for com in sorted(set(own.loc[own["direction"] == "input", "commodity"])
                      & set(own.loc[own["direction"] == "output", "commodity"])):
        take = own[(own["commodity"] == com) & (own["direction"] == "input")].iloc[0]
        make = own[(own["commodity"] == com) & (own["direction"] == "output")].iloc[0]
        try:
            taken = float(take["value"]) * unit_factor(str(take["unit"]), str(make["unit"]))
        except Exception:
            continue
        if taken < float(make["value"]):
            continue
        line_in, line_out = (own.index[(own["commodity"] == com)
                                       & (own["direction"] == d)][0] for d in ("input", "output"))
        return Problem(
            f"technology '{code}' takes {com} (flows.csv row {line_in}: {take['value']:g} "
            f"{take['unit']}) as much as or more than it makes (flows.csv row {line_out}: "
            f"{make['value']:g} {make['unit']}), so it makes no {com} net; a copied output row "
            "left as an input?", column="direction", value="input",
            valid=f"an input of {com} below its output (a plant's own use), or no input row "
                  f"of {com} (flows.csv row {line_in} deleted)", **place(line_in))
    return None


def kind_problems(commodities: pd.DataFrame) -> list[Problem]:
    """Commodities whose ``kind`` and ``fuel`` code contradict each other (round 25 MA120).

    A carrier's fuel code (``electricity``, ``heat``, ``hydrogen``) on a commodity of
    another kind, or a fuel's code (``raw_coal``, ``natural_gas``, ``solid_biomass``) on a
    commodity of a carrier's kind, cannot be right: the model reads electricity, heat and
    hydrogen by the kind and emission factors by the code, so one of the two is wrong. A
    fuel's code on a ``material`` or ``service`` is left alone (a feedstock such as naphtha).

    Parameters
    ----------
    commodities : pandas.DataFrame
        commodities.csv as read (codes resolved), indexed by file line (or a scenario
        override's label).

    Returns
    -------
    list of Problem
        One per such commodity, naming commodities.csv's row and column ``kind`` with the
        kinds its fuel code allows, or the fuel code to write instead.
    """
    from carbonpath.codes import fuels

    problems = []
    for line, row in records(commodities):
        fuel, kind, c = row.get("fuel"), row.get("kind"), row["commodity"]
        if not isinstance(fuel, str) or not fuel or not isinstance(kind, str):
            continue
        code = fuels().resolve(fuel) or fuel
        if code in CARRIER_KINDS and kind != code:
            problems.append(Problem(
                f"commodity '{c}' has the fuel code {code} but the kind {kind}: the model "
                f"counts {code} by its kind, so as kind {kind} "
                + ("its grid imports would carry no grid factor and its non-fossil "
                   "generation would not count" if code == "electricity" else
                   f"it would not be treated as {code}"),
                file="commodities.csv", row=line, column="kind", value=kind,
                valid=f"{code} (the kind its fuel code names); or, if '{c}' is not {code}, "
                      "its own fuel code (blank for a material or service)"))
        elif code not in CARRIER_KINDS and kind in CARRIER_KINDS:
            what = ("fossil fuel" if fuels().attr(code, "fossil") == "yes" else "fuel")
            problems.append(Problem(
                f"commodity '{c}' has the fuel code {code}, a {what}, but the kind {kind}: "
                f"the model would count it as {kind}"
                + (" (in the non-fossil share and the power balance, and as bought at "
                   "the grid's factor)" if kind == "electricity" else ""),
                file="commodities.csv", row=line, column="kind", value=kind,
                valid=f"fuel (material if it is only a feedstock); or, if '{c}' is {kind}, "
                      f"the fuel code {kind} or blank"))
    return problems


def warn_carrier_kinds(commodities: pd.DataFrame, where: Callable[[str, Any], str]) -> None:
    """Warn of a commodity that reads as electricity but is of another kind, with no fuel code.

    The mirror of :func:`kind_problems` for a blank ``fuel`` code: ``electricity`` (or
    ``Electricity (电力)``) of kind ``heat`` cannot be told from another good by its code
    alone, so it warns (:class:`CommodityKindWarning`) naming commodities.csv's row, column
    ``kind`` and both readings.

    Parameters
    ----------
    commodities : pandas.DataFrame
        commodities.csv as read, indexed by file line.
    where : callable
        ``(table, line) -> 'commodities.csv, row N'``.
    """
    for line, row in records(commodities):
        kind, fuel = row.get("kind"), row.get("fuel")
        if kind == "electricity" or (isinstance(fuel, str) and fuel):
            continue
        if (_read_code(row["commodity"], lambda code: code == "electricity")
                or _read_code(row.get("name"), lambda code: code == "electricity")):
            notices.warn(
                f"{where('commodities', line)}, column kind: commodity '{row['commodity']}' "
                f"reads as electricity but is of kind {kind}, with no fuel code: the model "
                "finds electricity by its kind, so its grid imports would carry no grid "
                "factor and its generation would not count in the non-fossil share; if it "
                "is electricity, write kind electricity and fuel electricity; if it is "
                f"another {kind}, give it a code and name that do not read as electricity",
                CommodityKindWarning, stacklevel=4)


def warn_unburned_flows(tables: dict[str, pd.DataFrame],
                        where: Callable[[str, Any], str]) -> None:
    """Warn of a fossil fuel input booked as not burned in a sector whose products hold none.

    The model counts no combustion emissions for an input of use ``feedstock`` or
    ``non_energy``; in an industry sub-sector whose products hold no fuel carbon (a cement
    kiln's coal) either use drops the fuel's CO2 (round 29 ZE74, the inventory's rule:
    :func:`carbonpath.accounting.activity.uses.unburned_fuel_text`). A technology with its
    own ``emissions.csv`` rows is left out (its factors may hold that carbon). It warns
    (:class:`~carbonpath.accounting.activity.uses.UnburnedFuelWarning`), naming flows.csv's
    row and column ``use``.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The read tables (``commodities``, ``technologies``, ``flows``, ``emissions`` if
        given).
    where : callable
        ``(table, line) -> 'flows.csv, row N'``.
    """
    from carbonpath.accounting.activity.uses import UnburnedFuelWarning, unburned_fuel_text
    from carbonpath.codes import fuels

    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    emissions = tables.get("emissions")
    given = set() if emissions is None else set(emissions["technology"])
    for line, flow in records(tables["flows"]):
        code, c, use = flow["technology"], flow["commodity"], flow.get("use")
        if (flow["direction"] != "input" or use not in ("feedstock", "non_energy")
                or code in given or code not in techs.index or c not in com.index):
            continue
        fuel = com.at[c, "fuel"] if "fuel" in com.columns else None
        resolved = fuels().resolve(fuel) if isinstance(fuel, str) and fuel else None
        found = (None if resolved is None else
                 unburned_fuel_text(resolved, str(techs.at[code, "sector"]), use))
        if found is not None:
            notices.warn(
                f"{where('flows', line)}, column use: '{code}' takes {c} with use {use}: "
                f"{found[0]}, so the model would count no emissions for it; {found[1]}. If "
                f"the {c} is kept in a product there, ignore this warning",
                UnburnedFuelWarning, stacklevel=4)


_DIMENSION_WORDS = (("[mass]", "a mass unit (t, kt, 万吨)"),
                    ("[length] ** 3", "a volume unit (Nm3, 万Nm3, 亿Nm3)"),
                    ("[energy]", "an energy unit (GJ, TJ, tce)"))


def _unit_kind(unit: str) -> str:
    """``'a mass unit (t, kt, 万吨)'`` for ``unit``'s dimension, or ``'a unit like <unit>'``."""
    from carbonpath.units import parse_unit, ureg

    try:
        dims = parse_unit(unit).dimensionality
    except Exception:
        return f"a unit like {unit}"
    for ref, words in _DIMENSION_WORDS:
        if dims == ureg.get_dimensionality(ref):
            return words
    return f"a unit like {unit}"


def _one_unit_is(com_unit: str, per: str, energy: Any) -> str:
    """``' (1 ktce of it is 1.4 kt, ...)'`` from the fuel's energy per unit, or ``''``."""
    from carbonpath.units import parse_unit

    try:
        amount = (1 * parse_unit(com_unit)) / energy
        for shown in (per, f"k{per}", f"M{per}"):
            value = float(amount.to(shown).magnitude)
            if value < 1000:
                break
    except Exception:
        return ""
    return (f" (1 {com_unit} of it is {value:.4g} {shown}, by its standard-coal coefficient "
            f"{energy:~g})")


def fuel_unit_problem(commodities: pd.DataFrame, com: str, fuel: str, factor_unit: str,
                      com_unit: str, energy: Any = None) -> Problem:
    """A fuel code whose emission factors cannot be read per unit of its commodity (V123, MB33).

    A commodity counted in ``kt`` given the fuel code of a gas metered in ``Nm3``
    (``coal`` with fuel ``natural_gas``) had ended in a bare unit-conversion message naming
    neither the file nor the commodity. The problem names ``commodities.csv``'s row and
    column ``fuel``, both units (the commodity's as written in the file, ``ktce``, not the
    model's canonical ``GWh``; the factor's as the tables write it, ``t CO2/t``: round 26
    MB33) and the ways out: count the commodity in the unit of the fuel's factors, a fuel
    code whose factors fit the commodity's unit, or ``emissions.csv`` ``input`` rows giving
    every gas per the commodity's unit.

    Parameters
    ----------
    commodities : DataFrame
        The dataset's commodities.csv, indexed by file line (or a scenario override's label).
    com, fuel : str
        The commodity code and the fuel code written for it.
    factor_unit : str
        The unit of the fuel's factor as the factor tables write it (``t CO2/Nm3``,
        ``kgce/t``).
    com_unit : str
        The commodity's unit, used when commodities.csv has no row for it (``kt``).
    energy : pint.Quantity, optional
        The fuel's energy per unit of its factors (its standard-coal coefficient,
        ``0.7143 kgce/kg``): when given and the commodity is counted in energy, the message
        says how much of the fuel one unit of the commodity is.

    Returns
    -------
    Problem
        commodities.csv, the commodity's row, column ``fuel``.
    """
    from carbonpath.codes import fuels

    lines = commodities.index[commodities["commodity"] == com]
    row = dict(commodities.loc[lines[0]]) if len(lines) else {"commodity": com}
    written = row.get("unit")
    com_unit = str(written) if isinstance(written, str) and written.strip() else com_unit
    state = fuels().attr(fuel, "state") if fuels().resolve(fuel) else ""
    per = factor_unit.rpartition("/")[2].strip().strip("()") or factor_unit
    convert = _one_unit_is(com_unit, per, energy) if energy is not None else ""
    return Problem(
        f"commodity '{com}' is counted in {com_unit} but its fuel '{fuel}'"
        + (f" (a {state} fuel)" if state else "")
        + f" has its emission factors per {per} of {fuel} ({factor_unit}), which cannot be "
          f"read per {com_unit}{convert}: the fuel code or the unit is wrong",
        file="commodities.csv", row=lines[0] if len(lines) else None, column="fuel",
        value=fuel,
        valid=f"column 'unit' in {_unit_kind(per)}, with the amounts of '{com}' in "
              f"flows.csv, parameters.csv and demands.csv converted to it; or "
              + (f"a factors file of your own giving {fuel}'s factors per energy"
                 if _unit_kind(com_unit).startswith("an energy") else
                 f"{_valid_fuel(row)}, whose factors are per {com_unit}'s dimension")
              + f"; or emissions.csv input rows of '{com}' giving CO2, CH4 and N2O per "
                f"{com_unit}")


def warn_carbon_unit(row: Any, com: pd.DataFrame, where: str) -> None:
    """Warn of an ``emissions.csv`` ``input`` CO2 factor of a fossil fuel written in carbon.

    ``row`` is the ``emissions.csv`` row (``technology``, ``basis``, ``commodity``,
    ``value``, ``unit``), ``com`` the commodities indexed by code, ``where`` the row's
    place for the message (``emissions.csv, row 3``).

    It converts by 44/12, fully oxidised; a fuel's carbon per unit is its carbon content,
    which an emission factor multiplies by the oxidation factor (round 25 Z13, as the
    factor tables warn: :func:`carbonpath.factors.cross_check.carbon_unit_notes`).
    """
    from carbonpath.codes import fuels
    from carbonpath.factors.cross_check import CarbonUnitWarning, in_carbon

    commodity = str(row.get("commodity") or "")
    if str(row.get("basis") or "") != "input" or commodity not in com.index:
        return
    code = com.loc[commodity].get("fuel")
    fuel = fuels().resolve(code) if isinstance(code, str) and code else None
    if fuel is None or fuels().attr(fuel, "fossil") != "yes" or not in_carbon(str(row["unit"])):
        return
    value = float(row["value"])
    co2 = re.sub(r"(?<![A-Z])C(?![A-Za-z0-9])", "CO2", str(row["unit"]), count=1)
    notices.warn(
        f"{where}, column unit: the CO2 factor of input {commodity} of technology "
        f"'{row['technology']}' is written in carbon ({value:g} {row['unit']}): it is read "
        f"as {value * 44 / 12:.4g} {co2} (x 44/12), the carbon fully oxidised. If it "
        "is the fuel's carbon content (单位热值含碳量), write the CO2 factor, carbon x 44/12 "
        "x the oxidation factor (China's guides: 0.93 for raw coal, 0.98 for oil products, "
        f"0.99 for gas; {value:g} x 44/12 x 0.93 = {value * 44 / 12 * 0.93:.4g} {co2}); if it "
        f"is the carbon emitted, write it in CO2 ({value * 44 / 12:.4g} {co2}) and this "
        "warning goes", CarbonUnitWarning, stacklevel=4)
