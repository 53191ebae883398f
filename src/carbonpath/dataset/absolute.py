"""Absolute plausible ranges of dataset drivers and cost parameters, by quantity.

:mod:`carbonpath.dataset.slips` compares a dataset with itself (steps between years, the
base-year balance); a slip made in every row of a series, or in a series of one row (a
population of ``100 人`` for ``100 万人``), passes it. These bounds are what no real city or
province can leave, whatever its data; a value outside is almost always a unit slip:

* ``drivers.csv`` ``population``: 10,000 .. 1.5e9 persons (more than a county-level city
  of 1 万人, less than China's 1.41e9);
* ``grid_emission_factor``: 0.08 .. 1.5 t CO2/MWh, the factor tables' own range of a grid
  factor (``factors/plausible_ranges.csv``, row ``electricity``): the cleanest Chinese grids
  emit more than 0.1 t CO2/MWh (MEE 2022 provincial factors: Yunnan 0.1073), all-coal
  generation of the least efficient units about 1.2-1.4; one range, read by the factor
  tables, ``drivers.csv``, ``init --drivers`` and the uncertainty rules alike;
* ``grid_nonfossil_share``: 0 .. 1 (a share: 0.3, not 30);
* ``thermal_power_coal_rate``: 122.9 .. 600 gce/kWh, the factor tables' range of a coal
  rate (122.9 gce/kWh is 100 % efficiency, since 1 kWh = 0.1229 kgce; the oldest small units
  burn under 500 gce/kWh);
* ``parameters.csv`` ``variable_cost`` per unit of energy of activity: at most 2,000 CNY/GJ
  (7.2 CNY/kWh, several times any energy price; electricity costs about 0.5 .. 1.2 CNY/kWh);
* ``variable_cost`` per unit of mass of activity: at most 100,000 CNY/t (above hydrogen,
  about 20,000 .. 40,000 CNY/t, and copper, about 70,000 CNY/t);
* ``capex`` per kW of capacity (any power unit, GJ/yr included): 10 .. 1,000,000 CNY/kW
  (the cheapest power equipment, a battery inverter, costs more than 100 CNY/kW; the upper
  bound is the magnitude ceiling of :mod:`carbonpath.plausibility`), so a CNY/MW or CNY/W
  slip leaves it;
* ``fixed_om`` per kW of capacity: 0.5 .. 10,000 CNY/kW/yr (from a few CNY/kW/yr for demand
  response to about 1,000 CNY/kW/yr for nuclear);
* ``lifetime`` and ``economic_lifetime``: 1 .. 150 years (hydro dams and transmission lines,
  the longest-lived assets, last about 100 years; 2500 is a typo for 25);
  a lifetime written in another unit (month, day, hour) must come to at least 3 years
  (``25,month`` for ``25,yr`` is a slip; :data:`LIFETIME_FLOOR`);
* ``emissions.csv`` factors (:data:`EMISSION_RANGES`), by gas, per unit of energy or of mass
  (of activity, or of the input of a ``basis: input`` row): CO2 within +-2 t/MWh (the least
  efficient coal units, at the 600 gce/kWh bound of the coal rate, emit about 1.7 t CO2 per
  MWh of electricity; a fuel's own energy carries at most about 0.42 t CO2/MWh, lignite's
  115 t/TJ) and +-30 t/t (coal-to-olefins, the most CO2-intensive product a tonne, emits
  about 10 t CO2/t); CH4 at most 0.01 t/MWh (2.8 t/TJ, some ten times the highest IPCC
  stationary-combustion default, 300 kg CH4/TJ of wood in homes) and 1 t/t; N2O at most
  0.001 t/MWh (0.28 t/TJ) and 1 t/t (adipic acid, the largest source a tonne, about
  0.3 t N2O/t). A negative CO2 factor (capture) is held to the same magnitude. Factors per
  other units (per km, per head) and of the F-gases are not bounded here.

Zero costs are left to the other checks (zero is "no cost"); a variable cost has no lower
bound (a PV plant's is nearly zero). A negative ``variable_cost`` is a revenue on every unit
of activity: of a ``supply`` or ``conversion`` technology with one output commodity (no
by-product to sell) it is refused as a slipped minus sign
(:func:`carbonpath.dataset.cost_checks.negative_cost_problem`, round 29 ME31: a coal plant
at -20 CNY/MWh earned 1.5 bn CNY), as :meth:`carbonpath.PathwayModel.update` refuses a sign
that differs from the dataset's; a technology with two or more outputs (a by-product's
revenue), an ``import`` (a gate fee) and an ``export`` (a sale) keep it. Prices are recalled
orders of magnitude (China 2020-2024), not read in a copy; the bounds are a factor of ten or
more outside them, so only slips (kWh for MWh, kg for t, W or MW for kW) leave them. A user
who knows better writes ``override: <reason>`` in the row's ``plausibility`` column, as for
the other slip checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from carbonpath.dataset.cost_checks import negative_cost_problem
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem, UnitError
from carbonpath.plausibility import bundled_range
from carbonpath.units import unit_factor

__all__ = ["DRIVER_RANGES", "EMISSION_RANGES", "GDP_PER_PERSON", "GDP_PER_PERSON_USUAL",
           "IMPORT_PRICE_RANGES", "PARAMETER_RANGES", "Bound", "UnusualDriverWarning",
           "absolute_problems", "emission_bound", "parameter_range_problem",
           "parameter_ranges", "per_person_problems", "usual_per_person"]


@dataclass(frozen=True)
class Bound:
    """One absolute range.

    Attributes
    ----------
    unit : str
        The unit of ``low`` and ``high``; a row whose unit does not convert to it is not
        checked by this bound (its dimension is another bound's or another check's).
    low, high : float
        The bounds (``low`` applies to positive values only when ``positive_only``).
    basis : str
        Why no real city leaves the range (for messages).
    positive_only : bool
        Check only values above zero (a zero cost means "no cost").
    """

    unit: str
    low: float
    high: float
    basis: str
    positive_only: bool = False


def _shared(applies_to: str, quantity: str, gas: str, basis: str) -> Bound:
    """The factor tables' range of a quantity (``factors/plausible_ranges.csv``), as a Bound."""
    low, high, unit, source = bundled_range(applies_to, quantity, gas)
    return Bound(unit, low, high, f"{basis}; the factor tables' range, {source}")


DRIVER_RANGES: dict[str, Bound] = {
    "population": Bound("person", 1.0e4, 1.5e9, "more than a county-level city (1 万人), "
                        "less than China (1.41e9 persons)"),
    "grid_emission_factor": _shared(
        "electricity", "emission_factor", "CO2",
        "the cleanest Chinese grids emit more than 0.1 t CO2/MWh (MEE 2022: Yunnan 0.1073); "
        "all-coal generation of the least efficient units about 1.2-1.4"),
    "grid_nonfossil_share": Bound("1", 0.0, 1.0, "a share is 0 .. 1 (write 0.3 for 30 %)"),
    "thermal_power_coal_rate": _shared(
        "any", "coal_rate", "", "122.9 gce/kWh is 100 % efficiency; the oldest small units "
        "burn under 500"),
}
"""Driver -> its absolute range."""

GDP_PER_PERSON = (1.0e3, 1.0e8)
"""GDP per person (CNY) of any city or province in any year: China's poorest prefectures
produce about 20,000 CNY a person and its richest cities about 300,000 (2020-2024,
recalled from the statistical yearbooks, not read in a copy; China's whole GDP per person
was about 470 CNY in 1980, at that year's prices). A 万元-for-亿元 slip (x1/10,000) takes
any real city below 1,000 and the reverse above 100,000,000; the bounds are that wide so
that only such slips leave them."""

GDP_PER_PERSON_USUAL = (10_000.0, 350_000.0)
"""GDP per person (CNY) outside which an observed year (up to the base year) warns
(:class:`UnusualDriverWarning`): China's prefecture-level cities ran from about 20,000-25,000
CNY a person (Longnan and Dingxi, Gansu) to about 250,000-270,000 (Ordos, Karamay) in
2021-2023, and the richest provincial-level units (Beijing, Shanghai) about 190,000 (NBS,
China City Statistical Yearbook 2022-2023 and the provinces' statistical communiqués; recalled,
not read in a copy). The band is widened to 10,000 .. 350,000 (half the poorest, 1.3 times the
richest) so that real cities stay inside; a GDP x10 (433,000 CNY a person for 43,300)
leaves it. Projected years are not compared (real growth to 2060 may pass the top)."""


class UnusualDriverWarning(CarbonpathWarning):
    """A driver value outside the usual band of real cities, inside the absolute range."""


PARAMETER_RANGES: dict[str, list[Bound]] = {
    "variable_cost": [
        Bound("CNY/GJ", -math.inf, 2000.0, "7.2 CNY/kWh, several times any energy price "
              "(electricity about 0.5 .. 1.2 CNY/kWh)"),
        Bound("CNY/t", -math.inf, 1.0e5, "above the price of hydrogen (about 30,000 CNY/t) "
              "and of copper (about 70,000 CNY/t)"),
    ],
    "capex": [
        Bound("CNY/kW", 10.0, 1.0e6, "the cheapest power equipment (a battery inverter) "
              "costs more than 100 CNY/kW; no power plant costs more than about 85,000 "
              "CNY/kW", positive_only=True),
    ],
    "capex_energy": [
        Bound("CNY/kWh", 1.0, 1.0e5, "storage energy capacity costs from a few CNY/kWh "
              "(large hot-water pits) to about 1,500 CNY/kWh (batteries, 2023 bids of 1.0-1.5 "
              "CNY/Wh)", positive_only=True),
    ],
    "fixed_om": [
        Bound("CNY/kW/yr", 0.5, 1.0e4, "fixed O&M runs from a few CNY/kW/yr (demand "
              "response) to about 1,000 CNY/kW/yr (nuclear)",
              positive_only=True),
    ],
    "lifetime": [
        Bound("yr", 1.0, 150.0, "the longest-lived assets (hydro dams, transmission lines) "
              "last about 100 years; 2500 is a typo for 25", positive_only=True),
    ],
    "economic_lifetime": [
        Bound("yr", 1.0, 150.0, "an annuity period longer than any asset's life (about 100 "
              "years at most)", positive_only=True),
    ],
}
"""Parameter -> ranges, one per dimension of the row's unit (the first that converts)."""

IMPORT_PRICE_RANGES: list[Bound] = [
    Bound("CNY/GJ", 1.0, 2000.0, "the price of bought energy: lignite at the mine costs "
          "about 10 CNY/GJ, electricity 0.2 .. 1.2 CNY/kWh (55 .. 330 CNY/GJ); a price per "
          "kWh written per MWh (0.45 CNY/MWh) is under 1 CNY/GJ", positive_only=True),
    Bound("CNY/t", 1.0, 1.0e5, "the price of a bought material: limestone and sand cost "
          "some 30 CNY/t, hydrogen about 30,000 CNY/t; a price per kg written per t is "
          "under 1 CNY/t", positive_only=True),
]
"""The ranges of an ``import`` technology's positive ``variable_cost``, a purchase price
(V17: 0.45 CNY/MWh for 450 passed the upper bound alone); a zero price (free) is not checked.
A conversion's variable cost (an O&M cost, nearly zero for PV) keeps no floor."""


def parameter_ranges(parameter: str, kind: str = "") -> list[Bound]:
    """The absolute ranges of a parameter of a technology of ``kind`` (dataset and update).

    :data:`IMPORT_PRICE_RANGES` for the ``variable_cost`` of an ``import``, else
    :data:`PARAMETER_RANGES` (empty for a parameter without one).
    """
    if parameter == "variable_cost" and kind == "import":
        return IMPORT_PRICE_RANGES
    return PARAMETER_RANGES.get(parameter, [])

GENERATOR_LIFE = 5.0
"""Years: the shortest ``lifetime`` of a power generator (a technology of kind supply or
conversion whose capacity is a power and which outputs electricity). Assumption: the
shortest-lived generating assets (reciprocating gas engines, diesel sets, PV inverters)
last about 10 .. 15 years and PV modules carry 25-year warranties, so half the shortest is
the floor; 2.5 yr for a PV's 25 is a lost digit (Y48). A toy's short life takes an
override."""

LIFETIME_FLOOR = 3.0
"""Years: a ``lifetime`` or ``economic_lifetime`` written in a unit other than years (month,
week, day, hour) that comes to less than this is a unit slip (:func:`_short_life`)."""

_CO2_ENERGY = ("the least efficient coal units (600 gce/kWh) emit about 1.7 t CO2/MWh of "
               "electricity; a fuel's own energy carries at most about 0.42 t CO2/MWh")
EMISSION_RANGES: dict[str, list[Bound]] = {
    "CO2": [Bound("t CO2/MWh", -2.0, 2.0, _CO2_ENERGY),
            Bound("t CO2/t", -30.0, 30.0, "coal-to-olefins, the most CO2-intensive product "
                  "a tonne, emits about 10 t CO2/t")],
    "CH4": [Bound("t CH4/MWh", -math.inf, 0.01, "some ten times the highest IPCC stationary "
                  "combustion default (300 kg CH4/TJ, wood burned in homes)"),
            Bound("t CH4/t", -math.inf, 1.0, "no process emits its own mass of methane")],
    "N2O": [Bound("t N2O/MWh", -math.inf, 0.001, "some fifty times the highest IPCC "
                  "stationary combustion default (4 kg N2O/TJ, biomass)"),
            Bound("t N2O/t", -math.inf, 1.0, "adipic acid, the largest source a tonne, emits "
                  "about 0.3 t N2O/t")],
}
"""Gas of an ``emissions.csv`` row -> ranges per dimension of the factor's unit (gas mass
per unit of energy, per unit of mass); the first whose unit the row's converts to applies."""


def emission_bound(gas: str, unit: str) -> Bound | None:
    """The range of an emission factor of ``gas`` written in ``unit``.

    Returns None when no range applies (another gas, or a unit per km, per head ...).
    """
    for bound in EMISSION_RANGES.get(gas, []):
        if _factor(unit, bound.unit) is not None:
            return bound
    return None

HINT = ("if the value is right, write 'override: <reason>' in a 'plausibility' column of "
        "the row")


def _factor(unit: str, target: str) -> float | None:
    try:
        f = unit_factor(unit, target)
    except (UnitError, KeyError, TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _check(row: Any, where: dict[str, Any], bound: Bound,
           what: str, hint: str = HINT) -> tuple[Problem, list] | None:
    f = _factor(str(row["unit"]), bound.unit)
    if f is None or is_blank(row["value"]):
        return None
    given = float(row["value"])
    value = given * f
    if bound.positive_only and value <= 0:
        return None
    if bound.low <= value <= bound.high:
        return None
    low = "at most " if bound.low == -math.inf else f"{bound.low:g} .. "
    same = f == 1 and str(row["unit"]).replace(" ", "") == bound.unit.replace(" ", "")
    converted = "" if same else f" is {value:.4g} {bound.unit}"  # not '3e+06 X is 3e+06 X'
    return (Problem(
        f"implausible {what}: {given:g} {row['unit']}{converted}, outside "
        f"the range no real city or province leaves ({bound.basis}); probably a unit slip",
        column="value", value=row["value"],
        valid=f"{low}{bound.high:g} {bound.unit}; {hint}", **where), [row])


def absolute_problems(tables: dict[str, pd.DataFrame],
                      file_row: Any) -> list[tuple[Problem, list[Any]]]:
    """Drivers, cost parameters and emission factors outside their absolute ranges.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables (``drivers``, ``parameters``, ``emissions`` if any; index =
        file line).
    file_row : callable
        ``(table, line) -> {'file': ..., 'row' or 'key': ...}`` (the slips module's).

    Returns
    -------
    list of (Problem, list of rows)
        One per value out of range, with the row (whose ``plausibility`` may override).
    """
    out = []
    for line, row in records(tables["drivers"]):
        bound = DRIVER_RANGES.get(row["driver"])
        if bound is not None:
            hit = _check(row, file_row("drivers", line), bound, f"driver {row['driver']}")
            if hit is not None:
                out.append(hit)
    out += _per_person(tables["drivers"], file_row)
    techs = tables.get("technologies")
    kinds = ({} if techs is None else dict(zip(techs["technology"], techs["kind"], strict=True)))
    generators = _generators(tables)
    flows = tables.get("flows")
    outputs = ({} if flows is None else flows[flows["direction"] == "output"]
               .groupby("technology")["commodity"].nunique().to_dict())
    for line, row in records(tables["parameters"]):
        hit = parameter_range_problem(row, file_row("parameters", line),
                                      kind=str(kinds.get(row["technology"], "")),
                                      generator=row["technology"] in generators)
        if hit is None:
            hit = negative_cost_problem(row, file_row("parameters", line),
                                        str(kinds.get(row["technology"], "")),
                                        outputs.get(row["technology"], 0), HINT)
        if hit is not None:
            out.append((hit, [row]))
    emissions = tables.get("emissions")
    grid = _grid_imports(tables)
    for line, row in ([] if emissions is None else records(emissions)):
        bound = emission_bound(str(row["gas"]), str(row["unit"]))
        if row["technology"] in grid and str(row["gas"]) == "CO2" and bound is not None:
            bound = _grid_bound(row) or bound  # Y18: drivers.csv's own range
        hit = None if bound is None else _check(row, file_row("emissions", line), bound,
                                                f"{row['gas']} factor of {row['technology']}")
        if hit is not None:
            out.append(hit)
    return out


def _grid_bound(row: Any) -> Bound | None:
    """The grid factor's range for a positive CO2 factor of a grid import, else None."""
    grid = DRIVER_RANGES["grid_emission_factor"]
    if is_blank(row["value"]) or float(row["value"]) <= 0:
        return None  # zero: a contracted green supply; negative: the generic range judges
    return grid if _factor(str(row["unit"]), grid.unit) is not None else None


def _grid_imports(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Electricity imports whose CO2 factor is a grid's: the grid factor's range holds.

    An import technology (``kind`` import, an electricity output) with at least one CO2
    factor row inside :data:`DRIVER_RANGES` ``grid_emission_factor`` (0.08 .. 1.5 t
    CO2/MWh) carries a grid's factor, so its other years are held to that range too (0.641
    in 2024 then 0.05 in 2030 for 0.50: Y18). An import whose every factor lies below the
    range is a contracted low-carbon supply (a UHV green-electricity line at 0.05 t
    CO2/MWh) and keeps the generic range: a grid factor slipped in every row looks the same.
    """
    techs, flows, com = (tables.get(k) for k in ("technologies", "flows", "commodities"))
    emissions = tables.get("emissions")
    if techs is None or flows is None or com is None or emissions is None:
        return set()
    power = set(com.loc[com["kind"] == "electricity", "commodity"])
    imports = set(techs.loc[techs["kind"] == "import", "technology"])
    out = flows[(flows["direction"] == "output") & flows["commodity"].isin(power)]
    grid = DRIVER_RANGES["grid_emission_factor"]
    found = set()
    for _, row in records(emissions):
        if row["technology"] in imports & set(out["technology"]) and row["gas"] == "CO2" \
                and _grid_bound(row) is not None:
            value = float(row["value"]) * (_factor(str(row["unit"]), grid.unit) or math.nan)
            if grid.low <= value <= grid.high:
                found.add(row["technology"])
    return found


def _generators(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Supply and conversion technologies counted in power that output electricity."""
    techs, flows, com = (tables.get(k) for k in ("technologies", "flows", "commodities"))
    if techs is None or flows is None or com is None:
        return set()
    power = set(com.loc[com["kind"] == "electricity", "commodity"])
    made = set(flows.loc[(flows["direction"] == "output") & flows["commodity"].isin(power),
                         "technology"])
    return {t for t, k, u in zip(techs["technology"], techs["kind"], techs["capacity_unit"],
                                 strict=True)
            if t in made and k in ("supply", "conversion") and _factor(str(u), "MW")}


def _generator_life(row: Any, where: dict[str, Any], hint: str) -> Problem | None:
    """A power generator's ``lifetime`` or ``economic_lifetime`` under the floor.

    :data:`GENERATOR_LIFE` years (Y48; MG141: the annuity period of a PV written 2.5 yr for 25).
    """
    f = _factor(str(row["unit"]), "yr")
    if f is None or is_blank(row["value"]) or not 0 < float(row["value"]) * f < GENERATOR_LIFE:
        return None
    value = float(row["value"])
    return Problem(
        f"implausible {row['parameter']} of {row['technology']}: {value:g} {row['unit']} is "
        f"shorter than any power plant lives ({GENERATOR_LIFE:g} years: gas engines and diesel "
        f"sets last 10 .. 15, PV modules carry 25-year warranties); probably a "
        f"lost digit ({value * 10:g} {row['unit']} meant?)", column="value", value=row["value"],
        valid=f"{GENERATOR_LIFE:g} .. 150 yr; {hint}", **where)


def parameter_range_problem(row: Any, where: dict[str, Any], hint: str = HINT,
                            kind: str = "", generator: bool = False) -> Problem | None:
    """A parameter row outside its absolute range (:data:`PARAMETER_RANGES`), or None.

    Parameters
    ----------
    row : mapping
        ``technology``, ``parameter``, ``value`` (a number or blank) and ``unit``: a row of
        a dataset's ``parameters.csv`` or of the technology catalogue's (R44, R48: a CNY/W
        slip or a 250-year lifetime passed the catalogue and reached the dataset written
        from it).
    where : dict
        The Problem's location (``file``, ``row``; ``column`` is ``value``, or ``unit`` for a
        lifetime too short in its unit).
    hint : str
        How to keep a value that is right (a dataset row's override; the catalogue has none).
    kind : str
        The technology's kind (an ``import``'s price has a floor: :func:`parameter_ranges`).
    generator : bool
        Whether the technology is a power generator: its ``lifetime`` and
        ``economic_lifetime`` have the floor :data:`GENERATOR_LIFE` (5 years; MG141).

    Returns
    -------
    Problem or None
        The first range whose unit the row's converts to decides; rows of other units and
        parameters without a range are not checked.
    """
    for bound in parameter_ranges(row["parameter"], kind):
        if _factor(str(row["unit"]), bound.unit) is None:
            continue
        hit = _check(row, where, bound, f"{row['parameter']} of {row['technology']}", hint)
        if hit is None and row["parameter"] in ("lifetime", "economic_lifetime"):
            hit = _short_life(row, where, hint)
        if hit is None and generator and row["parameter"] in ("lifetime", "economic_lifetime"):
            return _generator_life(row, where, hint)
        return None if hit is None else hit[0]
    return None


def _short_life(row: Any, where: dict[str, Any],
                hint: str = HINT) -> tuple[Problem, list] | None:
    """A lifetime in a unit other than years that comes to under :data:`LIFETIME_FLOOR` years.

    ``25,month`` for ``25,yr`` is 2.1 years. No plant, storage or supply asset lives under
    3 years; a lifetime written in years is held only to the 1-year floor of
    :data:`PARAMETER_RANGES` (a toy model's 1-year life keeps its annuities simple), but a
    month, week, day or hour unit giving less than 3 years is a unit slip.
    """
    f = _factor(str(row["unit"]), "yr")
    if f is None or f == 1 or is_blank(row["value"]):
        return None
    years = float(row["value"]) * f
    if not 0 < years < LIFETIME_FLOOR:
        return None
    return (Problem(
        f"implausible {row['parameter']} of {row['technology']}: {float(row['value']):g} "
        f"{row['unit']} is {years:.3g} years, shorter than any plant, storage or supply asset "
        f"lives ({LIFETIME_FLOOR:g} years); probably a unit slip ({float(row['value']):g} "
        f"{row['unit']} for {float(row['value']):g} yr)", column="unit", value=row["unit"],
        valid=f"a lifetime of at least {LIFETIME_FLOOR:g} years (e.g. 25 yr); {hint}",
        **where), [row])


def usual_per_person(drivers: pd.DataFrame, base_year: int, file_row: Any) -> list[str]:
    """Observed years whose GDP per person leaves :data:`GDP_PER_PERSON_USUAL` (a warning).

    Parameters
    ----------
    drivers : pandas.DataFrame
        ``drivers.csv`` rows (``driver, year, value, unit``, ``region`` optional).
    base_year : int
        Years after it (projections) are not compared.
    file_row : callable
        As for :func:`absolute_problems`.

    Returns
    -------
    list of str
        One message per GDP row outside the band (file, row, the value per person).
    """
    years = pd.to_numeric(drivers["year"], errors="coerce")
    observed = drivers[years.isna() | (years <= base_year)]
    return [f"{p.file}, row {p.row}: unusual gdp: {p.message.split(': ', 1)[1]}"
            for p, _ in _per_person(observed, file_row, GDP_PER_PERSON_USUAL)]


def per_person_problems(drivers: pd.DataFrame, file_row: Any) -> list[tuple[Problem, list]]:
    """GDP rows whose GDP per person leaves :data:`GDP_PER_PERSON` (refused unless overridden).

    Parameters
    ----------
    drivers : pandas.DataFrame
        Rows ``driver, year, value, unit`` (``region``, ``plausibility`` optional), index =
        the row label passed to ``file_row``.
    file_row : callable
        As for :func:`absolute_problems`.

    Returns
    -------
    list of (Problem, list of rows)
        One per GDP row out of range, with the GDP and population rows.
    """
    return _per_person(drivers, file_row)


def _digit_step(group: pd.DataFrame, row: Any, unit: str) -> float | None:
    """``row``'s value over its driver's nearest other year (same unit), if near x10 or /10."""
    same = group[(group["driver"] == row["driver"]) & (group.index != row.name)]
    years = pd.to_numeric(same["year"], errors="coerce")
    if is_blank(row["year"]) or years.isna().all():
        return None
    other = same.loc[(years - float(row["year"])).abs().idxmin()]
    a, b = _factor(str(row["unit"]), unit), _factor(str(other["unit"]), unit)
    if a is None or b is None or not float(other["value"]) > 0:
        return None
    ratio = float(row["value"]) * a / (float(other["value"]) * b)
    return ratio if 0.07 < ratio < 0.14 or 7 < ratio < 14 else None


def _which_slipped(group: pd.DataFrame, gdp: Any, pop: Any, file_row: Any) -> str:
    """The hint of a GDP per person outside the usual band: which row slipped, if one did.

    A digit dropped or added makes a step of about x10 or /10 from the driver's nearest
    other year (2010 typed 201 is 0.1005 times 2000, round 22 M15); the row that made such
    a step while the other driver did not is named, else both rows are.
    """
    rows = {"gdp": file_row("drivers", gdp.name).get("row"),
            "population": file_row("drivers", pop.name).get("row")}
    steps = {"gdp": _digit_step(group, gdp, "CNY"),
             "population": _digit_step(group, pop, "person")}
    hit = [d for d, r in steps.items() if r is not None]
    if len(hit) == 1:
        d = hit[0]
        r = steps[d]
        return (f"probably a slip of the {d} row {rows[d]} (a digit "
                f"{'dropped' if r < 1 else 'added'}: {r:.4g} times the nearest other "
                "year's)")
    return (f"probably a slip of GDP (row {rows['gdp']}, x10) or of population (row "
            f"{rows['population']}, /10)")


def _per_person(drivers: pd.DataFrame, file_row: Any,
                band: tuple[float, float] = GDP_PER_PERSON) -> list[tuple[Problem, list]]:
    """GDP rows whose GDP per person, with the population of that year, leaves the range.

    The population of a year is its row of that year, else its row without a year (every
    year), in the same region. ``band`` is :data:`GDP_PER_PERSON` (refused) or
    :data:`GDP_PER_PERSON_USUAL` (warned of, by :func:`usual_per_person`).
    """
    out = []
    rows = drivers[drivers["driver"].isin(["gdp", "population"]) & drivers["value"].notna()]
    region = rows["region"].fillna("") if "region" in rows else pd.Series("", rows.index)
    low, high = band
    usual = band != GDP_PER_PERSON
    for _, group in rows.groupby(region, sort=True):
        pops = group[group["driver"] == "population"]
        for line, row in group[group["driver"] == "gdp"].iterrows():
            same = pops[pops["year"] == row["year"]] if not is_blank(row["year"]) else pops[:0]
            pop = same if len(same) else pops[pops["year"].map(is_blank)]
            if len(pop) != 1 or _check(pop.iloc[0], {}, DRIVER_RANGES["population"],
                                       "population") is not None:
                continue  # no population, or one already named as out of its range
            g = _factor(str(row["unit"]), "CNY")
            p = _factor(str(pop["unit"].iloc[0]), "person")
            if g is None or p is None or float(pop["value"].iloc[0]) <= 0:
                continue
            each = float(row["value"]) * g / (float(pop["value"].iloc[0]) * p)
            if low <= each <= high or (usual and not GDP_PER_PERSON[0] <= each
                                       <= GDP_PER_PERSON[1]):
                continue  # inside, or (for the usual band) refused by the absolute range
            year = "" if is_blank(row["year"]) else f" in {int(row['year'])}"
            shown = f"{each:,.0f}" if 1 <= each < 1e9 else f"{each:,.4g}"
            out.append((Problem(
                f"implausible driver gdp: {row['value']:g} {row['unit']}{year} is {shown} "
                f"CNY per person with the population of {pop['value'].iloc[0]:g} "
                f"{pop['unit'].iloc[0]}, outside {low:,.0f} .. {high:,.0f}"
                + ("" if not usual else " (the usual band of China's prefecture-level cities, "
                   "about 20,000 .. 270,000 in 2021-2023, NBS China City Statistical "
                   "Yearbook); " + _which_slipped(group, row, pop.iloc[0], file_row))
                + ("" if usual else "; probably a unit slip ("
                   + ("元 or 万元 for 亿元)" if each < low else "亿元 for 万元 or 元)")),
                column="value", value=row["value"],
                valid=f"gdp giving {low:,.0f} .. {high:,.0f} CNY per person; {HINT}",
                **file_row("drivers", line)), [row, pop.iloc[0]]))
    return out
