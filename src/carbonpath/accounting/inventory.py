"""Sectoral energy and greenhouse-gas inventories from activity data.

``compute_inventory`` applies, per activity row (vectorised over distinct keys):

* energy = quantity x NCV (net calorific value; gross input converted explicitly);
* CO2 of combustion = energy x CO2 emission factor, or energy x carbon content x oxidation
  factor x 44/12, from one coherent level of the factor tables (see
  :mod:`carbonpath.accounting.resolution`);
* CH4 and N2O of combustion = energy x factor of the IPCC sector category;
* non-energy use, feedstock (carbon reported under industrial processes) and transformation
  input rows are not combusted: they carry energy but no combustion emissions;
* process emissions = production x process factor (CO2, N2O, PFCs);
* purchased electricity and heat (scope 2) = consumption x grid or heat factor of the region
  and year; net imports (imports - exports) likewise;
* standard coal by GB/T 2589-2020 coefficients, primary electricity by the chosen
  convention.

City totals follow a named method:

``provincial`` (China's provincial method)
    fossil combustion in the city (power and heat plants included) + process +
    (electricity imports - exports) x grid factor (+ heat likewise). Consumption-based scope 2
    rows are reported but not counted.
``gpc`` (GPC-style, BASIC)
    scope 1 (combustion and process) + scope 2 (electricity and heat consumed x factor).
    Emissions of local power and heat plants (sectors ``thermal_power``, ``heat_supply``)
    are scope 1 but not counted in the total, since the electricity and heat they supply is
    counted at the consumers: local generation is never in both.

The work is split by job: :mod:`~carbonpath.accounting.inventory_table` (the
:class:`Inventory` result), :mod:`~carbonpath.accounting.combustion` (fuel rows),
:mod:`~carbonpath.accounting.purchased` (electricity and heat rows),
:mod:`~carbonpath.accounting.process_emissions` (production rows) and
:mod:`~carbonpath.accounting.inventory_rows` (what they share). Every name they hold is
re-exported here, so the old import paths keep working.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.activity import (
    Activity,
    Production,
    read_activity,
    read_production,
)
from carbonpath.accounting.arguments import refuse_unread_arguments, unread_region_year
from carbonpath.accounting.combustion import _biogenic_memo, _fuel_part
from carbonpath.accounting.double_counting import (
    check_double_counting,
    check_production_pairs,
    sector_overlap_problems,
    warn_copied_rows,
)
from carbonpath.accounting.factor_reach import refuse_unknown_technologies, warn_unused_user_rows
from carbonpath.accounting.factor_years import refuse_later_user_rows, warn_old_factors
from carbonpath.accounting.inventory_rows import (
    _DIMS,
    _GASES,
    _GRID_SECTORS,
    _TJ_PER_TCE,
    BIOGENIC_CO2,
    CH4_ORIGIN,
    METHODS,
    PRIMARY_ELECTRICITY,
    _classify,
    _energy_frame,
    _equals,
    _frame,
    _fuel_attr,
    _keys,
    _prefixes,
    _prov_record,
    _provenance,
    _raise,
    _row_fields,
    _sector_attr,
    _table,
    _times,
)
from carbonpath.accounting.inventory_table import _ALL_COMBINATIONS, Inventory, _sum_by, _weighted
from carbonpath.accounting.plausible_activity import (
    activity_plausibility,
    carbon_plausibility,
    production_plausibility,
    region_levels,
)
from carbonpath.accounting.plausible_carbon import (
    warn_feedstock_beyond_products,
    warn_route_against_feedstock,
    warn_route_fuel_burned,
)
from carbonpath.accounting.plausible_usual import warn_low_carbon_shares, warn_unusual_shares
from carbonpath.accounting.process_emissions import _process_part
from carbonpath.accounting.production_keys import (
    check_production_keys,
    warn_feedstock_without_product,
)
from carbonpath.accounting.purchased import _carrier_part, check_heat_supplied
from carbonpath.codes import fuels
from carbonpath.errors import (
    ArgumentValueError,
    DataError,
    GWPError,
    ImplausibleValueError,
    Problem,
)
from carbonpath.factors import FactorTable
from carbonpath.factors.validate import coal_rate_basis as coal_rate_basis_code
from carbonpath.numbers import nonfinite_problems
from carbonpath.plausibility import CEILINGS, ceiling_problems
from carbonpath.units import GWP_SETS

__all__ = ["METHODS", "PRIMARY_ELECTRICITY", "Inventory", "compute_inventory"]

#: Names moved to the modules of each job, re-exported for the old import paths.
_MOVED = (_ALL_COMBINATIONS, _DIMS, _GASES, _GRID_SECTORS, _TJ_PER_TCE, BIOGENIC_CO2,
          CH4_ORIGIN, _biogenic_memo, _classify, _energy_frame, _equals, _frame, _fuel_attr,
          _keys, _prefixes, _prov_record, _provenance, _raise, _row_fields, _sector_attr,
          _sum_by, _times, _weighted)


# ---------------------------------------------------------------------------------------
# compute_inventory


@checked
def compute_inventory(activity: Activity | str | Path | pd.DataFrame,
                      factors: FactorTable | str | Path | Sequence[str | Path] | None = None,
                      gwp: str | None = None,
                      production: Production | str | Path | pd.DataFrame | None = None,
                      method: str = "provincial", primary_electricity: str | None = None,
                      coal_rate_basis: str | None = None, region: str | None = None,
                      year: int | None = None, gas_condition: str | None = None,
                      energy_basis: str | None = None, historical: bool = True) -> Inventory:
    """Compute the energy and emission inventory of a region (see the module docstring).

    Parameters
    ----------
    activity : Activity, path or DataFrame
        Activity data; raw tables are read with :func:`read_activity` (with ``region``,
        ``year``, ``gas_condition``, ``energy_basis``).
    factors : FactorTable, path or list of paths, optional
        A loaded table, or user factor CSVs layered over the bundled tables. Default: the
        bundled tables.
    gwp : {"AR4", "AR5", "AR6"}, optional
        GWP100 set for CO2e totals; CO2-only totals need none. Under AR6 combustion CH4
        takes the non-fossil value (:data:`CH4_ORIGIN`).
    production : Production, path or DataFrame, optional
        Industrial production for process emissions (:func:`read_production`).
    method : {"provincial", "gpc"}
        How the city total counts electricity (module docstring).
    primary_electricity : {"calorific", "coal_consumption"}, optional
        Convention for primary electricity (local non-fossil generation, net imports) in
        the energy totals; required when the activity has such rows.
    coal_rate_basis : {"supply", "generation"}, optional
        Basis of the thermal-power coal rate; required with ``coal_consumption``. ``供电``
        and ``发电`` (any case, as a factor table's ``basis`` column) are read as supply and
        generation.
    region, year, gas_condition, energy_basis
        Passed to :func:`read_activity` / :func:`read_production` for raw tables.
    historical : bool
        Allow factors of the nearest earlier year (default True: an inventory accounts for
        the past).

    Returns
    -------
    Inventory

    Raises
    ------
    DataError, UnitError, EncodingError
        Bad activity or production data (every problem, with its location).
    FactorNotFoundError
        A needed factor is missing for a region and year, with no fallback.
    ImplausibleValueError
        Factors that imply a carbon fraction >= 1 (or a gas carrying more carbon than any).
    GWPError
        An unknown GWP set.
    ValueError
        Unknown ``method`` or ``primary_electricity``, or a missing choice.
    DataError
        Also: a ``model_region`` column in the activity or production rows, which only a
        dataset's inventory by region reads (as ``carbonpath inventory`` refuses it).
    ArgumentValueError
        ``region`` or ``year`` that every activity row contradicts (each row gives its own,
        none the argument's), or ``gas_condition`` / ``energy_basis`` beside an
        :class:`Activity` read already: the argument would be read by no row.
    """
    return dataset_rows_inventory(
        activity, factors=factors, gwp=gwp, production=production, method=method,
        primary_electricity=primary_electricity, coal_rate_basis=coal_rate_basis,
        region=region, year=year, gas_condition=gas_condition, energy_basis=energy_basis,
        historical=historical, regions=False, arguments=True)


def dataset_rows_inventory(activity: Any, *, regions: bool, factors: Any = None,
                           gwp: str | None = None, production: Any = None,
                           method: str = "provincial", primary_electricity: str | None = None,
                           coal_rate_basis: str | None = None, region: str | None = None,
                           year: int | None = None, gas_condition: str | None = None,
                           energy_basis: str | None = None,
                           historical: bool = True, arguments: bool = False,
                           options: tuple[str, str] | None = None) -> Inventory:
    """:func:`compute_inventory`, for rows that may say their dataset region or not.

    ``regions=True`` is a dataset's own inventory (:func:`carbonpath.run.dataset_inventory`),
    whose ``activity.csv`` and ``production.csv`` rows may carry ``model_region`` (read by
    :mod:`carbonpath.accounting.regional`); ``regions=False`` (:func:`compute_inventory`)
    refuses the column, which nothing would read (round 18). ``arguments=True``
    (:func:`compute_inventory`) refuses a ``region``, ``year``, ``gas_condition`` or
    ``energy_basis`` no row reads (:func:`~carbonpath.accounting.arguments.refuse_unread_arguments`,
    round 21 J118); the CLI checks its options itself, naming them, but its ``year`` and
    ``region`` here: ``options`` = how the command names them (``("--years (START)",
    "--region")``), and a year or region that every activity row contradicts is refused
    with those names as soon as the rows are read, before a factor of the rows' own year
    is looked up (round 26 ZA37: rows of 2020 with ``--years 2021 2022`` were sent to a
    factor table for 2020). Other parameters, the return value and the errors: as
    :func:`compute_inventory`.
    """
    if method not in METHODS:
        msg = f"unknown method '{method}'; valid: {', '.join(METHODS)}"
        raise ArgumentValueError(msg)
    if gwp is not None and gwp not in GWP_SETS:
        raise GWPError(f"unknown GWP set '{gwp}'; valid: {', '.join(GWP_SETS)}")
    if primary_electricity is not None and primary_electricity not in PRIMARY_ELECTRICITY:
        msg = (f"unknown primary_electricity '{primary_electricity}'; valid: "
               f"{', '.join(PRIMARY_ELECTRICITY)}")
        raise ArgumentValueError(msg)
    if coal_rate_basis is not None:  # round 25 Z111: 供电 and 发电, as the factor tables
        code = coal_rate_basis_code(coal_rate_basis)
        if code is None:
            msg = (f"coal_rate_basis={coal_rate_basis!r} names no coal-rate basis; valid: "
                   "'supply' (or 供电: coal per kWh sent out) or 'generation' (or 发电: per kWh "
                   "generated)")
            raise ArgumentValueError(msg)
        coal_rate_basis = code
    table = _table(factors)
    act = activity if isinstance(activity, Activity) else read_activity(
        activity, region=region, year=year, gas_condition=gas_condition,
        energy_basis=energy_basis, factors=table)
    if arguments:
        refuse_unread_arguments(act, not isinstance(activity, Activity), table, region, year,
                                gas_condition, energy_basis)
    elif options is not None:  # the CLI's --year/--region, named as options (ZA37)
        unread = unread_region_year(act.data, region, year, act.source,
                                    year_option=options[0], region_option=options[1],
                                    table=table)
        if unread:
            raise ArgumentValueError("; ".join(unread))
    prod = None
    if production is not None:
        prod = production if isinstance(production, Production) else read_production(
            production, region=region, year=year, factors=table)
        check_production_keys(act.data, prod.data, prod.source)  # A11, A83
    if not regions:  # model_region: a dataset's column only (round 17 O78, round 18)
        _refuse_model_region(act, prod, activity, production)
    d = act.data
    carrier_lut = np.array([fuels().attr(c, "group") == "carrier"
                            for c in d["fuel"].cat.categories] + [False])
    is_carrier = carrier_lut[d["fuel"].cat.codes.to_numpy()]
    if is_carrier.any():
        fuel_rows = d[~is_carrier].reset_index(drop=True)
        carrier_rows = d[is_carrier].reset_index(drop=True)
    else:
        fuel_rows, carrier_rows = d, d.iloc[:0]
    check_heat_supplied(d, act.source, method)  # A62
    prov: list[pd.DataFrame] = []
    fuel_frame, fuel_energy, n_keys = _fuel_part(table, fuel_rows, act.source, historical, method,
                                                 prov)
    carrier_frame, carrier_energy, n_keys = _carrier_part(
        table, carrier_rows, act.source, historical, method, primary_electricity,
        coal_rate_basis, n_keys, prov)
    process_frame = _process_part(table, prod, historical, n_keys, prov)
    warn_feedstock_without_product(fuel_rows, None if prod is None else prod.data,
                                   act.source)  # round 12 E03
    parts = [e for e in (fuel_energy, carrier_energy) if len(e)]
    energy = (parts[0] if len(parts) == 1  # one part: no copy of a million rows
              else pd.concat([fuel_energy, carrier_energy], ignore_index=True))
    _check_finite(act.source, prod.source if prod is not None else "production data",
                  fuel_frame, carrier_frame, process_frame, energy)
    _check_magnitudes(act, prod.source if prod is not None else "production data",
                      (fuel_frame, carrier_frame, process_frame), energy)
    activity_plausibility(act.data, energy, region_levels(table), act.source)
    check_double_counting(sector_overlap_problems(act.data, act.source), act.data, act.source)
    warn_copied_rows(act.data, act.source)  # round 27 ZC60, ZC62, ZC76
    if prod is not None:  # accounting/double_counting.py
        check_production_pairs(prod)  # + round 31 KG71 KG93 KG95
    if prod is not None:  # round-9 I20: output against its sector's energy
        production_plausibility(prod, energy, region_levels(table),
                                act)  # + round 17 O26; round 19 T155: names activity rows
        carbon_plausibility(prod, process_frame, energy, act.source)  # round 11 C111
        warn_feedstock_beyond_products(act.data, process_frame, energy,
                                       act.source)  # round 18 Q112, Q113
        warn_route_against_feedstock(process_frame, energy, act.data, prod,
                                     act.source)  # round 19 T81
        warn_route_fuel_burned(process_frame, fuel_frame, act.data, prod,
                               act.source)  # round 21 J05, J06
        warn_unusual_shares(prod, energy)  # round 11 C44, C112: a 10x slip warns
        warn_low_carbon_shares(prod, process_frame, energy)  # round 11 C113
    production_rows = prod.data if prod is not None else None
    refuse_unknown_technologies(table, act.data, production_rows)  # round 14 I81
    warn_unused_user_rows(table, act.data, production_rows)  # round 6 FX06, round 14 I79
    refuse_later_user_rows(table, (act.data, prod.data if prod is not None else None))  # G10
    provenance = pd.concat(prov, ignore_index=True) if prov else pd.DataFrame()
    warn_old_factors(provenance)  # round 13 G79
    uses_user = bool(len(provenance)) and provenance["version"].str.endswith("+user").any()
    return Inventory(fuel_frame, carrier_frame, process_frame, energy, provenance, method, gwp,
                     primary_electricity, table.version + ("+user" if uses_user else ""),
                     act.source)


def _refuse_model_region(act: Activity, prod: Production | None, activity: Any,
                         production: Any) -> None:
    """Refuse a ``model_region`` column outside a dataset, as ``carbonpath inventory`` does.

    Raises
    ------
    DataError
        One problem per table with the column (the file's header line, for a file).
    """
    from carbonpath.accounting.regional import model_region_problem

    problems = [model_region_problem(table.source, given_as,
                                     row=1 if isinstance(raw, (str, Path)) else None)
                for table, raw, given_as in ((act, activity, "activity"),
                                             (prod, production, "production"))
                if table is not None and "model_region" in table.data.columns]
    DataError.collect(problems, "inventory input")


def _check_finite(source: str, prod_source: str, fuel: pd.DataFrame, carrier: pd.DataFrame,
                  process: pd.DataFrame, energy: pd.DataFrame) -> None:
    """Every emission and energy value must be finite after the factor conversions."""
    problems = []
    for frame, file, what in ((fuel, source, "combustion emissions"),
                              (carrier, source, "emissions of electricity and heat"),
                              (process, prod_source, "process emissions")):
        if len(frame) and "value" in frame:
            problems += nonfinite_problems(frame["value"].to_numpy(dtype=float),
                                           frame["row"].to_numpy() if "row" in frame else None,
                                           file=file, what=what)
    for col in ("energy_TJ", "standard_coal_tce"):
        if len(energy) and col in energy:
            problems += nonfinite_problems(energy[col].to_numpy(dtype=float),
                                           energy["row"].to_numpy() if "row" in energy else None,
                                           file=source, what=f"energy ({col})")
    DataError.collect(problems, "inventory")


def _check_magnitudes(act: Activity, prod_source: str, frames: tuple[pd.DataFrame, ...],
                      energy: pd.DataFrame) -> None:
    """No row may hold more energy, or emit more CO2, than the whole world in a year.

    Bounds: :data:`carbonpath.plausibility.CEILINGS` (``activity_energy``, ``row_co2``).

    Raises
    ------
    ImplausibleValueError
        Naming the file, row and value written of each row above a bound.
    """
    written = dict(zip(act.data["row"], act.data["value"], strict=False)) if "row" in (
        act.data.columns) else {}
    problems: list[Problem] = []
    if len(energy) and "energy_TJ" in energy:
        rows = energy["row"].to_numpy() if "row" in energy else np.arange(len(energy))
        problems += ceiling_problems(energy["energy_TJ"].to_numpy(dtype=float) * 1e-6, rows,
                                     CEILINGS["activity_energy"], file=act.source,
                                     column="value", what="energy in one row",
                                     given=[written.get(r, "") for r in rows])
    for frame, file in zip(frames, (act.source, act.source, prod_source), strict=True):
        if not len(frame) or not {"gas", "value", "unit", "row"} <= set(frame.columns):
            continue
        co2 = frame[(frame["gas"] == "CO2") & (frame["unit"] == "t CO2")]
        rows = co2["row"].to_numpy()
        problems += ceiling_problems(co2["value"].to_numpy(dtype=float) * 1e-9, rows,
                                     CEILINGS["row_co2"], file=file, column="value",
                                     what="CO2 emissions of one row",
                                     given=[written.get(r, "") if file == act.source else ""
                                            for r in rows])
    if problems:
        seen: set[tuple[Any, Any]] = set()  # one problem per file row
        unique = [p for p in problems if (p.file, p.row) not in seen
                  and not seen.add((p.file, p.row))]
        raise ImplausibleValueError(unique, "inventory")
