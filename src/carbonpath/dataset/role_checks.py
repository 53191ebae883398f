"""A technology's declared role against its flows and factors (round 19, V100 V114 V93 V10 V13).

Each check compares what a row says a technology *is* with what its other rows make it
*do*; a contradiction changed a result silently before:

* **non-fossil generation declared fossil** (V100): a technology of a non-fossil power
  sector (``hydro_power``, ``nuclear_power``, ``wind_power``, ``solar_power``, or
  ``nonfossil_power`` itself, ``carbonpath/data/sectors.csv``) with ``nonfossil`` false and
  no fossil input would leave its output out of the non-fossil share (tiny's 2030 share
  13.5 % read 0 %). Refused, as the opposite slip (a coal plant declared non-fossil,
  :func:`carbonpath.dataset.slips.fossil_input_problems`) is.
* **the flow shape of a trade** (V114): an ``export`` takes what it sells (an input) and
  makes nothing of it; an ``import`` makes what it buys (an output; a technology without
  an output is refused by the reference checks) and takes none of it. An export whose
  commodity is an output counted 1,000 GWh of imports as exports (the non-fossil energy
  and the emissions of imported electricity are subtracted for an export). Refused.
* **a trade declared non-fossil** (round 22, P72): ``nonfossil`` true on an import or an
  export was dropped without a word (traded electricity counts at ``grid_nonfossil_share``,
  a traded fuel by its fuel code). Refused, naming how a green purchase is modelled.
* **captured CO2 counted as emitted** (V93): a technology whose every output is CO2
  (a commodity whose code or name reads as CO2: ``co2_stored``, 二氧化碳) and whose
  ``emissions.csv`` CO2 factor is positive, half or more of a tonne per tonne of its
  output: the stored tonne is counted as emitted, a sign slip of the usual -1 t CO2/t. A
  capture unit may emit on its own (the fuel of its regenerator), so this is a warning
  (:class:`CaptureSignWarning`), not a refusal.
* **a direct CO2 factor on a non-fossil technology** (round 23, G86): a positive
  ``emissions.csv`` CO2 factor on a technology declared ``nonfossil`` counts as its own
  emissions in the territorial total; a life-cycle factor of PV (0.04 t/MWh) is not a
  direct emission. Waste incineration may be right, so a warning
  (:class:`NonfossilFactorWarning`).
* **a profile on a demand balanced over the year** (V10): a ``demands.csv`` profile of a
  commodity balanced annually (coal, a material) cannot shape anything; the model ignored
  it without a word. Warned of (:class:`IgnoredProfileWarning`).
* **a discount rate above 20 % a year** (V13): real social discount rates and WACCs of
  energy projects lie within about 3 .. 12 % (China's official social discount rate is 8 %,
  NDRC 2006, recalled); 0.5 for 0.05 is the slip. A household's implicit hurdle rate can be
  higher, so this is a warning (:class:`DiscountRateWarning`) naming the 10x smaller reading.
* **a power in a column of energy per year** (round 21, L06): ``demands.csv``'s unit and the
  ``activity``, ``min_activity`` and ``max_activity`` rows of ``parameters.csv`` are an
  energy per year; a power (``MW``, ``万千瓦``: no time unit in it) has that dimension and
  is read as an average over the 8,760 hours of a year, so a peak load of 1100 MW typed
  for the year's 7200 GWh became 9,636 GWh/yr without a word, and an interconnector's
  1000 MW rating typed as its max_activity 8,760 GWh/yr. An average written as a power can
  be meant, so this is a warning (:class:`PowerUnitWarning`) naming the energy per year it
  is read as and the unit expected (:func:`power_unit_messages`).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.fuel_checks import self_input_problem
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["DISCOUNT_RATE_LOW", "DISCOUNT_RATE_USUAL", "PERCENT_SHARES", "CaptureSignWarning",
           "DiscountRateWarning", "EmptyStoreWarning", "IgnoredProfileWarning",
           "NonfossilFactorWarning", "PercentFractionWarning", "PowerUnitWarning", "is_power",
           "power_message", "power_unit_messages", "role_problems", "warn_discount_rate",
           "warn_empty_stores", "warn_percent_fractions", "warn_power_units", "warn_roles"]

DISCOUNT_RATE_USUAL = 0.2
"""A discount rate per year above which a rate is warned of (see the module docstring)."""

DISCOUNT_RATE_LOW = 0.01
"""A positive discount rate per year below which a rate is warned of (Y167: 0.005 for 0.05)."""

CAPTURE_SIGN = 0.5
"""t CO2 per t of CO2 output: a positive factor from this up is warned of (a sign slip of
-1 would read +1; a capture unit's own fuel emits a few tenths of a tonne at most)."""


class CaptureSignWarning(CarbonpathWarning):
    """A technology making captured CO2 has a positive CO2 factor (probably a sign slip)."""


class IgnoredProfileWarning(CarbonpathWarning):
    """A demand profile of a commodity balanced annually, which no model row reads."""


class PowerUnitWarning(CarbonpathWarning):
    """A power unit (MW) in a column of energy per year: read as an average load (L06)."""


class DiscountRateWarning(CarbonpathWarning):
    """A discount rate outside the usual band (0.5 or 0.005 written for 0.05?).

    Above :data:`DISCOUNT_RATE_USUAL`, or in (0, :data:`DISCOUNT_RATE_LOW`).
    """


class PercentFractionWarning(CarbonpathWarning):
    """A share written with unit ``%`` and a value of at most 1 (a fraction typed under ``%``).

    ``0.12,%`` is 0.0012, not 12 % (round 24, D24 D34 D35c D36 D37).
    """


#: Share-like parameters.csv rows whose usual values are tens of percent (an efficiency, a
#: minimum output, a capacity credit, an availability, a growth limit a year): written with
#: unit ``%`` (``%/yr`` for max_growth) and a value below 1 they are most likely a fraction
#: typed under ``%`` (D34: ``min_output,0.4,%`` read as 0.004). The discount rate has its
#: own band (:func:`warn_discount_rate`).
PERCENT_SHARES = ("availability", "min_output", "capacity_credit", "charge_efficiency",
                  "discharge_efficiency", "max_growth")


def _percent_fraction(value: Any, unit: Any) -> float | None:
    """The value of a row written ``0 < value <= 1`` with a unit starting ``%``, else None.

    ``1 %`` (D36: capacity_credit 1 for 100 %) counts, except under ``%/yr`` (a growth limit
    of 1 %/yr is a possible choice).
    """
    if is_blank(value) or is_blank(unit) or not str(unit).strip().startswith("%"):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    per_year = str(unit).strip().endswith("/yr")  # max_growth: 1 %/yr can be meant
    return number if 0 < number < 1 or (number == 1 and not per_year) else None


def warn_percent_fractions(tables: dict[str, pd.DataFrame], where: Any) -> None:
    """Warn of a share typed as a fraction under unit ``%`` (round 24, D24 D34 D35c D36 D37).

    Rows of ``parameters.csv`` whose parameter is in :data:`PERCENT_SHARES` and ``margin``
    rows of ``reserves.csv``, with a unit beginning ``%`` (``%``, ``%/yr``) and a value in
    (0, 1] ((0, 1) under ``%/yr``): ``0.4 %`` of minimum output, ``0.95 %`` charge
    efficiency or a ``0.12 %`` reserve margin bind (almost) nothing or make a store lose
    99 % of its charge, while the same number under unit ``1`` (40 %, 95 %, 12 %) is the
    usual one. A share of a few tenths of a percent can be meant, so this warns. Rows with
    a value of 0, above 1, or another unit are quiet.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (``parameters``; ``reserves`` if present).
    where : callable
        ``where(table, line)`` -> ``"parameters.csv, row 12"``.

    Warns
    -----
    PercentFractionWarning
        Naming the row, the value as read (``0.4 % = 0.004``) and the two readings that
        would give the usual share (the value with unit 1, or 100 times it with unit ``%``).
    """
    rows = [("parameters", line, row, row["parameter"], row.get("technology"))
            for line, row in records(tables["parameters"])
            if row["parameter"] in PERCENT_SHARES]
    reserves = tables.get("reserves")
    if reserves is not None:
        rows += [("reserves", line, row, "margin", row.get("commodity"))
                 for line, row in records(reserves) if row["parameter"] == "margin"]
    for table, line, row, name, owner in rows:
        value = _percent_fraction(row["value"], row.get("unit"))
        if value is None:
            continue
        unit = str(row["unit"]).strip()
        plain = "1/yr" if unit.endswith("/yr") else "1"
        notices.warn(
            f"{where(table, line)}, columns value and unit: {name} of '{owner}' is "
            f"{value:g} {unit} = {value / 100:g}{'/yr' if plain == '1/yr' else ''}, "
            f"far below the usual tens of percent; a fraction typed under unit {unit}? "
            f"write {value:g} with unit {plain} ({value:.0%}) or {value * 100:g} with unit "
            f"{unit}", PercentFractionWarning, stacklevel=3)


class EmptyStoreWarning(CarbonpathWarning):
    """A store's stock with power and no energy (D137), or energy and no power (MA113)."""


def warn_empty_stores(tables: dict[str, pd.DataFrame], where: Any) -> None:
    """Warn of a storage stock with power but no energy, or energy but no power.

    A storage technology's ``residual_capacity`` (MW) row above 0 without any
    ``residual_energy_capacity`` (MWh) row above 0: the existing store's energy is 0, so it
    stores nothing until new energy capacity is built (an existing 100 MW / 200 MWh battery
    typed as its 100 MW only; round 24, D137). The mirror (round 25, MA113): a
    ``residual_energy_capacity`` above 0 without any ``residual_capacity`` above 0 has no
    power to charge or discharge, so the existing energy is never used until new power
    capacity is built (the 50 MW of a 50 MW / 200 MWh battery left out). Warned of, since
    new capacity may be meant to pair with it.

    Warns
    -----
    EmptyStoreWarning
        Naming the row given and the row to add.
    """
    techs, params = tables["technologies"], tables["parameters"]
    stores = set(techs.loc[techs["kind"] == "storage", "technology"])
    given = {name: {row["technology"] for _, row in records(params)
                    if row["parameter"] == name and not is_blank(row["value"])
                    and float(row["value"]) > 0}
             for name in ("residual_capacity", "residual_energy_capacity")}
    for line, row in records(params):
        code, name = row["technology"], row["parameter"]
        if (name not in given or code not in stores or is_blank(row["value"])
                or float(row["value"]) <= 0):
            continue
        other = ("residual_energy_capacity" if name == "residual_capacity"
                 else "residual_capacity")
        if code in given[other]:
            continue
        what = (("residual capacity", "no residual_energy_capacity row, so its existing stock "
                 "holds 0 MWh and stores nothing", "<energy>,MWh' (e.g. 2 h x the power)")
                if name == "residual_capacity" else
                ("residual energy capacity", "no residual_capacity row, so its existing stock "
                 "has 0 MW to charge or discharge and is never used", "<power>,MW' (e.g. the "
                 "energy / 4 h)"))
        notices.warn(
            f"{where('parameters', line)}, column 'parameter': store '{code}' has a "
            f"{what[0]} of {float(row['value']):g} {row.get('unit')} and {what[1]}; add "
            f"'{code},{other},,{what[2]} if the store exists", EmptyStoreWarning,
            stacklevel=3)
        given[other].add(code)  # once per store


class NonfossilFactorWarning(CarbonpathWarning):
    """A technology declared non-fossil has a positive direct CO2 factor (G86).

    Counted as the technology's own (scope 1) emissions in the territorial total; a
    life-cycle factor of PV or wind (tens of g CO2/kWh, construction and materials) is not
    a direct emission. Waste incineration (non-fossil in energy statistics, with the fossil
    carbon of its plastics emitted on site) is the case where such a factor is right.
    """


def _nonfossil_sectors() -> set[str]:
    from carbonpath.codes import sectors

    table = sectors()
    return {c for c in table.codes if c == "nonfossil_power"
            or table.attr(c, "parent") == "nonfossil_power"}


def _true(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "1.0")


def role_problems(tables: dict[str, pd.DataFrame], file_row: Any) -> list[Problem]:
    """Declared roles the flows contradict: power, trades, stores (V100, V114, P72, D96).

    Non-fossil power declared fossil (V100), trade flow shapes (V114), a trade declared
    non-fossil (P72) and a store declared non-fossil (D96): refused.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The read tables (``technologies``, ``commodities``, ``flows``), references holding.
    file_row : callable
        ``(table, line) -> {'file': ..., 'row' or 'key': ...}`` (the slips module's).

    Returns
    -------
    list of Problem
        ``technologies.csv`` column ``nonfossil`` (valid ``true``) or column ``kind`` (valid:
        the kind the flows make it, or the flows to give), one per technology.
    """
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    flows = tables["flows"]
    clean = _nonfossil_sectors()
    params = tables.get("parameters")
    built = set() if params is None else (  # named by the kind check of model/cost_rows.py
        set(params.loc[params["parameter"] == "capex", "technology"])
        - set(params.loc[params["parameter"] == "variable_cost", "technology"]))
    out = []
    for line, row in records(tables["technologies"]):
        code = row["technology"]
        own = flows[flows["technology"] == code]
        inputs = list(own.loc[own["direction"] == "input", "commodity"])
        outputs = list(own.loc[own["direction"] == "output", "commodity"])
        if (row["sector"] in clean and not _true(row.get("nonfossil"))
                and row["kind"] not in ("storage", "import", "export") and outputs
                and not any(c in com.index and _fossil(com.loc[c]) for c in inputs)):
            out.append(Problem(
                f"technology '{code}' of sector {row['sector']} (non-fossil generation) is "
                "declared nonfossil false and burns no fossil fuel; its output would be left "
                "out of the non-fossil share of energy", column="nonfossil",
                value=row.get("nonfossil"),
                valid=f"true for {row['sector']}; or the fossil sector it belongs to",
                **file_row("technologies", line)))
        if (row["kind"] in ("import", "export") and _true(row.get("nonfossil"))
                and code not in built):  # a capex and no price: a plant declared a trade (L42)
            out.append(_trade_declared_nonfossil(code, row, file_row("technologies", line)))
        if row["kind"] == "storage" and _true(row.get("nonfossil")):  # D96: dropped, as P72
            out.append(Problem(
                f"storage '{code}' is declared nonfossil true, which the model cannot honour: a "
                "store makes no energy (it shifts what other technologies made, which counts "
                "where it is made), so its energy and non-fossil part are not counted and the "
                "declaration would be dropped" + ("" if _true(row.get("investable")) else
                                                  "; swapped with investable (false)?"),
                column="nonfossil", value=row.get("nonfossil"),
                valid="false for a storage technology", **file_row("technologies", line)))
        both = sorted(set(inputs) & set(outputs))
        if (hit := self_input_problem(code, row["kind"], own, lambda n: file_row("flows", n))):
            out.append(hit)  # MG29: pv taking the electricity it makes
        if row["kind"] == "export" and (not inputs or both):
            what = (f"outputs {', '.join(outputs)} and takes no input" if not inputs else
                    f"both takes and makes {', '.join(both)}")
            out.append(Problem(
                f"export '{code}' {what} (flows.csv): an export takes the commodity it sells "
                "(one input row) and makes none of it; as written its flow would count as "
                "exported", column="kind", value="export",
                valid=("import, if it brings the commodity in" if not inputs else
                       "an input row of the commodity sold, and no output of it"),
                **file_row("technologies", line)))
        elif row["kind"] == "import" and both:
            out.append(Problem(
                f"import '{code}' both makes and takes {', '.join(both)} (flows.csv): an "
                "import makes the commodity it buys (an output row) and takes none of it",
                column="kind", value="import",
                valid="an output row of the commodity bought, and no input of it",
                **file_row("technologies", line)))
    return out


def _trade_declared_nonfossil(code: str, row: Any, place: dict[str, Any]) -> Problem:
    """``nonfossil`` true on an import or export, which the model cannot honour (round 22 P72).

    The non-fossil part of a trade's energy follows the statistical convention: imported
    or exported electricity at the grid's ``grid_nonfossil_share`` (drivers.csv), a fuel by
    its own fuel code; the column declares a technology's own generation. A green-power
    purchase is an import of its own with its contracted factor in ``emissions.csv``
    (Liaocheng's ``grid_import_green``); its energy still counts at the grid's share.
    """
    trade = row["kind"]
    return Problem(
        f"{trade} '{code}' is declared nonfossil true, which the model cannot honour: the "
        f"non-fossil part of traded electricity is the grid_nonfossil_share driver "
        f"(drivers.csv), of a traded fuel its fuel code's, and the column declares a "
        f"technology's own generation; as written the declaration would be dropped. A "
        f"green-power purchase is modelled as an import of its own (e.g. "
        f"'{code}_green') with its contracted emission factor in emissions.csv",
        column="nonfossil", value=row.get("nonfossil"),
        valid=f"false for an {trade} (a green import: its own technology and emissions.csv "
              "factor)", **place)


def _fossil(commodity: Any) -> bool:
    """Whether a commodity row's ``fuel`` code is a fossil fuel's."""
    from carbonpath.codes import fuels

    code = commodity.get("fuel")
    resolved = fuels().resolve(code) if isinstance(code, str) and code else None
    return resolved is not None and fuels().attr(resolved, "fossil") == "yes"


def _is_co2(commodity: str, row: Any) -> bool:
    text = f"{commodity} {row.get('name') or ''}".lower()
    return bool(re.search(r"(?<![a-z0-9])co2(?![0-9])|carbon dioxide|二氧化碳", text))


def warn_roles(tables: dict[str, pd.DataFrame], where: Any) -> None:
    """Warn of capture-sign slips (V93), ignored profiles (V10), non-fossil CO2 factors (G86).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (``emissions`` optional).
    where : callable
        ``(table, line) -> 'file, row N'`` (the slips module's).

    Warns
    -----
    CaptureSignWarning
        Naming ``emissions.csv``'s row, its factor and the negative reading.
    IgnoredProfileWarning
        Naming ``demands.csv``'s row and the commodity's annual balance.
    NonfossilFactorWarning
        Naming ``emissions.csv``'s row of a positive CO2 factor on a technology declared
        ``nonfossil`` (G86: a life-cycle factor counted as a direct emission).
    CarbonUnitWarning
        Naming ``emissions.csv``'s row of an ``input`` CO2 factor of a fossil fuel written in
        carbon (round 25 Z13), with the CO2 it is read as.
    """
    from carbonpath.dataset.absolute import _factor
    from carbonpath.dataset.fuel_checks import warn_carbon_unit

    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity", drop=False)
    flows = tables["flows"]
    emissions = tables.get("emissions")
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    for line, row in ([] if emissions is None else records(emissions)):
        if row["gas"] != "CO2" or is_blank(row["value"]) or float(row["value"]) <= 0:
            continue
        warn_carbon_unit(row, com, where("emissions", line))  # round 25 Z13
        tech = techs.loc[row["technology"]] if row["technology"] in techs.index else None
        if (tech is not None and _true(tech.get("nonfossil"))
                and tech["kind"] not in ("import", "export")):  # G86 (trades: P72)
            notices.warn(
                f"{where('emissions', line)}, column value: '{row['technology']}' is declared "
                f"nonfossil (technologies.csv) but has a direct CO2 factor of "
                f"{float(row['value']):g} {row['unit']}, counted as its own emissions in the "
                "territorial total; a life-cycle factor (PV, wind: construction and "
                "materials) is not a direct emission: remove the row, unless the plant emits "
                "CO2 on site (waste incineration's fossil carbon)",
                NonfossilFactorWarning, stacklevel=3)
            continue
        if str(row.get("basis") or "activity") != "activity":
            continue
        outs = flows[(flows["technology"] == row["technology"])
                     & (flows["direction"] == "output")]
        if outs.empty or not all(c in com.index and _is_co2(c, com.loc[c])
                                 for c in outs["commodity"]):
            continue
        f = _factor(str(row["unit"]), "t CO2/t")
        if f is None or float(row["value"]) * f < CAPTURE_SIGN:
            continue
        notices.warn(
            f"{where('emissions', line)}, column value: '{row['technology']}' makes "
            f"only captured CO2 ({', '.join(outs['commodity'])}) but its CO2 factor is "
            f"+{float(row['value']):g} {row['unit']}, so every tonne it captures would count "
            f"as emitted; a capture credit is negative: -{float(row['value']):g} "
            f"{row['unit']}? (keep it positive only for the unit's own emissions)",
            CaptureSignWarning, stacklevel=3)
    for line, row in records(tables["demands"]):
        c = row["commodity"]
        if not row.get("profile") or c not in com.index:
            continue
        if com.loc[c, "balance"] == "timeslice":
            continue
        notices.warn(
            f"{where('demands', line)}, column profile: '{row['profile']}' shapes "
            f"nothing: commodity '{c}' is balanced {com.loc[c, 'balance']} "
            "(commodities.csv), so its demand is one yearly amount and the profile is "
            "ignored; leave profile blank, or balance the commodity by timeslice",
            IgnoredProfileWarning, stacklevel=3)


def warn_discount_rate(rate: Any, where: str, typed: tuple[float, str] | None = None) -> None:
    """Warn of a discount rate outside the usual band (V13, Y167).

    Above :data:`DISCOUNT_RATE_USUAL` (V13), or below :data:`DISCOUNT_RATE_LOW` but above 0
    (Y167: ``0.005`` typed for 5 %; 0 is a deliberate choice of no discounting).

    Parameters
    ----------
    rate : float
        The rate (a fraction per year), already checked to lie in [0, 1).
    where : str
        File and key or row (``dataset.yaml, key discount_rate``).
    typed : (float, str), optional
        The row's value and unit cells when the rate came from a table (parameters.csv); with
        unit ``%`` the likely slip is a fraction typed under ``%`` (G68: ``0.08,%`` is 0.0008),
        and the message offers the value under unit ``1`` instead of ten times the rate.

    Warns
    -----
    DiscountRateWarning
        Naming ``where``, the rate and the 10x smaller (or larger) reading.
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        return
    if 0 < rate < DISCOUNT_RATE_LOW and typed is not None and typed[1] == "%" \
            and typed[0] < 1:  # G68: a fraction typed under unit %
        notices.warn(
            f"{where}: discount_rate {typed[0]:g} % is {rate:g} ({rate:.2%} a year), below the "
            f"{DISCOUNT_RATE_LOW:.0%} of any social discount rate or project WACC (about "
            f"3 .. 12 %); a fraction typed under unit %? write {typed[0]:g} with unit 1 "
            f"({typed[0]:.0%}) or {typed[0] * 100:g} with unit %",
            DiscountRateWarning, stacklevel=3)
    elif 0 < rate < DISCOUNT_RATE_LOW:  # Y167: 0.5 % typed for 5 %
        notices.warn(
            f"{where}: discount_rate {rate:g} ({rate:.1%} a year) is below the "
            f"{DISCOUNT_RATE_LOW:.0%} of any social discount rate or project WACC (about "
            f"3 .. 12 %); {rate * 10:g} meant? (0 is read as no discounting, without a warning)",
            DiscountRateWarning, stacklevel=3)
    if DISCOUNT_RATE_USUAL < rate < 1:
        notices.warn(
            f"{where}: discount_rate {rate:g} ({rate:.0%} a year) is above the "
            f"{DISCOUNT_RATE_USUAL:.0%} of any social discount rate or project WACC (about "
            f"3 .. 12 %); {rate / 10:g} meant? (a household hurdle rate may be this high)",
            DiscountRateWarning, stacklevel=3)


#: parameters.csv rows whose unit is the technology's activity per year (dataset/parameters.csv).
ANNUAL_ACTIVITY = ("activity", "min_activity", "max_activity")


def is_power(unit: str) -> bool:
    """Whether ``unit`` is a power written without a time unit (``MW``, ``万千瓦``, ``10^4 kW``).

    ``GWh/yr`` and ``MWh/h`` have the same dimension but name their time; ``MW`` does not.
    A unit that does not parse is False (its own check reports it).
    """
    from carbonpath.errors import UnitError
    from carbonpath.units import parse_unit, ureg

    try:
        parsed = parse_unit(str(unit))
        energy_rate = parsed.dimensionality == ureg.watt.dimensionality
        return energy_rate and not any(
            ureg.get_dimensionality(name) == ureg.second.dimensionality
            for name in parsed._units)
    except (UnitError, KeyError, TypeError, ValueError, AttributeError):
        return False


def power_unit_messages(tables: dict[str, pd.DataFrame], where: Any) -> list[str]:
    """Rows of energy per year written in a power unit (see the module docstring, L06).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (``demands``, ``parameters``, ``technologies``, ``commodities``).
    where : callable
        ``(table, line) -> 'file, row N'``.

    Returns
    -------
    list of str
        One text per row: the value as written, the energy per year it is read as (in the
        commodity's or activity's unit per year) and what to write instead.
    """
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    rows: list[tuple[str, Any, str, str, Any, str]] = []
    for line, row in records(tables["demands"]):
        if row["commodity"] in com.index:
            rows.append(("demands", line, f"demand of {row['commodity']}",
                         str(com.loc[row["commodity"], "unit"]), row["value"], row["unit"]))
    params = tables["parameters"]
    for line, row in records(params[params["parameter"].isin(ANNUAL_ACTIVITY)]):
        if row["technology"] in techs.index and "activity_unit" in techs:
            rows.append(("parameters", line, f"{row['technology']} {row['parameter']}",
                         str(techs.loc[row["technology"], "activity_unit"]), row["value"],
                         row["unit"]))
    out = []
    for table, line, what, energy, value, unit in rows:
        if not is_blank(value):
            text = power_message(where(table, line) + ", column unit", what, float(value),
                                 str(unit), energy)
            out += [text] if text else []
    return out


def power_message(place: str, what: str, value: float, unit: str, energy: str,
                  rating: str = "max_capacity") -> str | None:
    """The text of one value of energy per year written as a power, or None if it is not.

    Parameters
    ----------
    place : str
        Where the value was written (``demands.csv, row 3, column unit``, ``update(...)``).
    what : str
        The value in words (``demand of electricity``).
    value : float
        The number as written.
    unit : str
        Its unit as written (``MW``).
    energy : str
        The energy unit the column counts per year (``GWh``: the commodity's unit).
    rating : str
        Where a rating belongs instead (a plan bound's: ``quantity: capacity``).

    Returns
    -------
    str or None
        None if ``unit`` is not a power (:func:`is_power`) or ``energy`` is not an energy.
    """
    from carbonpath.units import unit_factor

    if not is_power(unit):
        return None
    per_year = f"{energy}/yr"
    try:
        read = value * unit_factor(unit, per_year)
    except Exception:  # the commodity is not an energy: its own check names the unit
        return None
    return (f"{place}: {what} is {value:g} {unit}, a power; the value is an energy per "
            f"year ({per_year}), so it is read as an average over the year's 8,760 hours: "
            f"{read:,.6g} {per_year}; if {value:g} {unit} is a peak load or a rating, write the "
            f"year's energy in {per_year} (a peak belongs in reserves.csv, a rating in "
            f"{rating}); if the average was meant, write {read:.6g} {per_year} to say so")


def warn_power_units(tables: dict[str, pd.DataFrame], where: Any) -> None:
    """Issue :func:`power_unit_messages` as :class:`PowerUnitWarning` s."""
    for message in power_unit_messages(tables, where):
        notices.warn(message, PowerUnitWarning, stacklevel=3)
