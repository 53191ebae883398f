""":func:`read_activity`: energy use by sector and fuel into a validated table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.activity.checker import (
    _categorical,
    _check_columns,
    _Checker,
    _duplicates,
    _frame_and_name,
    _optional_codes,
    _regions,
    _stripped_codes,
    _values,
    _years,
)
from carbonpath.accounting.activity.keys import _combine, _groups
from carbonpath.accounting.activity.schema import (
    _ACTIVITY_COLUMNS,
    _BASIS_ALIASES,
    CARRIER_USES,
    FUEL_USES,
    Activity,
)
from carbonpath.accounting.activity.scope import (
    _given,
    misplaced_cells,
    overridden_defaults,
    warn_mixed_bases,
    warn_mixed_conditions,
)
from carbonpath.accounting.activity.uses import (
    _check_blank_uses,
    _check_uses,
    _convert,
    _resolve_condition,
    _resolve_tech,
    _resolve_use,
    warn_unburned_fuel,
)
from carbonpath.accounting.plausible_activity import with_plausibility
from carbonpath.accounting.technologies import technology_problems
from carbonpath.codes import fuels, sectors
from carbonpath.errors import DataError, Problem, UnitError
from carbonpath.factors import FactorTable, bundled_factors
from carbonpath.numbers import (
    nonfinite_problems,
)

__all__ = ["read_activity"]

_BASIS_VALID = ("net or gross (fuels in J or Wh); calorific (当量值) for electricity or heat "
                "in standard coal")


# ---------------------------------------------------------------------------------------
# read_activity


@checked
def read_activity(source: str | Path | pd.DataFrame, *, region: str | None = None,
                  year: int | None = None, gas_condition: str | None = None,
                  energy_basis: str | None = None, factors: FactorTable | None = None,
                  name: str | None = None, decimal: str = ".",
                  thousands: str | None = None) -> Activity:
    """Read and validate activity data (energy use by sector and fuel).

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A CSV file (UTF-8 or GBK, detected) or a DataFrame with columns ``sector``,
        ``fuel``, ``value``, ``unit`` and optionally ``year``, ``region``, ``use``,
        ``technology``, ``gas_condition``, ``energy_basis``, ``note``, ``source``.
        Sector and fuel are codes or aliases, Chinese statistical names included
        (``src/carbonpath/data/{sectors,fuels}.csv``). ``use`` is one of
        :data:`FUEL_USES` for fuels (default ``combustion``) and :data:`CARRIER_USES` for
        electricity and heat (default ``consumption``). Units may be Chinese statistical
        units (万吨, 亿立方米, 亿千瓦时, 万吨标准煤).
    region, year : optional
        Region (code or alias) and year of every row, for tables without those columns.
    gas_condition : {"20C", "0C", "15C"}, optional
        Reference condition of plain gas volumes (m3, 亿立方米) for tables without a
        ``gas_condition`` column. China's energy statistics meter gas at 20 °C; a plain
        volume without a declared condition is an error, never assumed.
    energy_basis : {"net", "gross", "calorific"}, optional
        Calorific basis of fuels given in J or Wh, for tables without an ``energy_basis``
        column (standard coal, tce, is net by definition). Gross values are converted to
        net by the inventory (IPCC 2006 Vol.2 Ch.1 §1.4.1.2 ratios), never silently.
        ``calorific`` (当量值) declares electricity or heat given in standard coal to be the
        calorific equivalent (0.1229 kgce/kWh, 0.03412 tce/GJ); without it such a row is
        refused, since a 等价值 figure (the coal burned to make it) is about 2.4 times larger.
    factors : FactorTable, optional
        Supplies the region table (default: the bundled factors).
    name : str, optional
        Name used in error messages (default: the file name).
    decimal : {".", ","}
        The decimal mark of the ``value`` column (default ``"."``). A value holding any
        other separator is refused with its row, never stripped (``"1,5"`` is neither 1.5
        nor 15 unless the reader is told); see :mod:`carbonpath.numbers`.
    thousands : {None, ",", ".", " ", "'"}
        The thousands separator of the ``value`` column (default: none allowed); groups
        must have three digits.

    Returns
    -------
    Activity
        Shape: one row per input row.

    Raises
    ------
    DataError
        Every problem at once: unknown columns, fuels, sectors, regions, uses (with the
        closest valid codes); missing, non-numeric, negative or infinite values; duplicate
        rows (same year, region, sector, fuel, use, technology).
    UnitError
        Unknown units, units of the wrong dimension (electricity in t), plain gas volumes
        without a reference condition, liquid volumes (no density), energy without a basis.
    EncodingError
        A file neither UTF-8 nor GBK.
    """
    table = factors if factors is not None else bundled_factors()
    df, name, from_file = _frame_and_name(source, name, "activity data")
    _check_columns(df, name, ("sector", "fuel", "value", "unit"), _ACTIVITY_COLUMNS)
    if df.empty:
        raise DataError(Problem("the table has no rows", file=name,
                                valid="one row per sector, fuel (and use) with its value"))
    chk = _Checker(df, name, from_file)
    fl, sl = fuels(), sectors()
    fuel_c, fuel_cats = chk.codes("fuel", fl.resolve, fl.valid_text, "fuel")
    sec_c, sec_cats = chk.codes("sector", sl.resolve, sl.valid_text, "sector")
    values = _values(chk, decimal, thousands)
    years = _years(chk, year)
    reg_c, reg_cats = _regions(chk, region, table)
    use_c, use_cats = _optional_codes(chk, "use", _resolve_use, ", ".join(FUEL_USES + CARRIER_USES))
    tech_c, tech_cats = _optional_codes(chk, "technology", _resolve_tech, "a technology code")
    chk.problems += technology_problems(fuel_c, fuel_cats, tech_c, tech_cats, table, chk.labels,
                                        name, sec_c=sec_c, sec_cats=sec_cats)  # M09 sector
    cond_default = ""
    if gas_condition is not None:
        cond_default = _resolve_condition(gas_condition) or ""
        if not cond_default:
            chk.problems.append(Problem("unknown gas_condition argument", file=name,
                                        value=gas_condition, valid="20C, 0C or 15C"))
    basis_default = ""
    if energy_basis is not None:
        basis_default = _BASIS_ALIASES.get(str(energy_basis).strip().lower(), "")
        if not basis_default:
            chk.problems.append(Problem("unknown energy_basis argument", file=name,
                                        value=energy_basis, valid=_BASIS_VALID))
    cond_c, cond_cats = _optional_codes(chk, "gas_condition", _resolve_condition,
                                        "20C (China's statistics), 0C (normal) or 15C",
                                        default=cond_default)
    basis_c, basis_cats = _optional_codes(chk, "energy_basis",
                                          lambda t: _BASIS_ALIASES.get(t.lower()),
                                          _BASIS_VALID, default=basis_default)
    unit_raw, unit_uniq = _stripped_codes(df["unit"])
    DataError.collect(chk.problems, name)

    # uses: as given, else by fuel kind (a lookup table of fuel x given use)
    use_final = list(FUEL_USES + CARRIER_USES)
    carrier_lut = np.array([fl.attr(c, "group") == "carrier" if c else False for c in fuel_cats])
    given_lut = np.array([use_final.index(u) if u else -1 for u in use_cats], dtype=np.int32)
    default_lut = np.where(carrier_lut, use_final.index("consumption"),
                           use_final.index("combustion")).astype(np.int32)
    use_lut = np.where(given_lut[None, :] >= 0, given_lut[None, :], default_lut[:, None])
    use_codes = use_lut[fuel_c, use_c] if len(use_cats) > 1 else use_lut[:, 0][fuel_c]

    # uses and units: checked and converted once per distinct combination of codes
    combo, first = _groups(*_combine([fuel_c, sec_c, use_codes, unit_raw, cond_c, basis_c]))
    blank = (use_c == use_cats.index("") if "" in use_cats
             else np.zeros(len(use_c), dtype=bool))
    _check_uses(chk, first, fuel_c, fuel_cats, sec_c, sec_cats, use_codes, use_final,
                blank)  # round 19 T95: a blank use refused says so
    _check_blank_uses(chk, fuel_c, fuel_cats, sec_c, sec_cats, blank)  # round 18, Q150
    measure, quantity, basis_out = _convert(chk, combo, first, fuel_c, fuel_cats, unit_raw,
                                            list(unit_uniq), cond_c, cond_cats, basis_c,
                                            basis_cats, values)
    misplaced_cells(chk, fuel_c, fuel_cats, unit_raw, list(unit_uniq), cond_c, cond_cats,
                    basis_c, basis_cats)  # accounting/activity/scope.py
    overridden_defaults(chk, fuel_c, fuel_cats, unit_raw, list(unit_uniq), {
        "gas_condition": (gas_condition, cond_c, cond_cats),
        "energy_basis": (energy_basis, basis_c, basis_cats)})  # round 21 J108
    chk.problems.extend(nonfinite_problems(quantity, chk.labels, file=name, given=values,
                                           what="activity value"))
    area_c, area_cats = _optional_codes(chk, "model_region", str, "a region of dataset.yaml")
    _duplicates(chk, [years - years.min() if len(years) else years, reg_c, sec_c, fuel_c,
                      use_codes, tech_c, area_c],
                "year, region, sector, fuel, use, technology and model_region")
    problems = chk.problems
    if problems:
        if all(isinstance(p, Problem) and p.column == "unit" for p in problems):
            raise UnitError(problems, name)
        DataError.collect(problems, name)
    warn_mixed_conditions(name, chk.labels, fuel_c, fuel_cats, unit_raw, list(unit_uniq),
                          cond_c, cond_cats)  # accounting/activity/scope.py (round 18 Q79)
    warn_mixed_bases(name, chk.labels, fuel_c, fuel_cats, unit_raw, list(unit_uniq), basis_c,
                     basis_cats, _given(chk, "energy_basis"))  # round 29 ZE70

    # every column is a new array (values and labels may be views of the input): no copy
    data = pd.DataFrame({
        "row": chk.labels.copy(),
        "year": years,
        "region": _categorical(reg_c, reg_cats),
        "sector": _categorical(sec_c, sec_cats),
        "fuel": _categorical(fuel_c, fuel_cats),
        "use": _categorical(use_codes, use_final),
        "technology": _categorical(tech_c, tech_cats),
        "value": values.copy(),
        "unit": _categorical(unit_raw, [str(u) for u in unit_uniq]),
        "measure": measure,
        "quantity": quantity,
        "energy_basis": basis_out,
    }, copy=False)
    if "model_region" in df.columns:  # kept apart by the double-count check
        data["model_region"] = np.asarray(area_cats, dtype=object)[area_c]
    data = with_plausibility(data, df, chk.labels, name)  # accounting/plausible_activity.py
    warn_unburned_fuel(name, chk.labels, fuel_c, fuel_cats, sec_c, sec_cats, use_codes,
                       use_final, data.get("plausibility"))  # round 29 ZE74: kiln coal
    return Activity(data=data, source=name)
