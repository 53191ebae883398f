""":func:`read_production`: industrial production into a validated table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pint

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
from carbonpath.accounting.activity.schema import _PRODUCTION_COLUMNS, Production
from carbonpath.accounting.activity.uses import _resolve_tech
from carbonpath.accounting.plausible_activity import with_plausibility
from carbonpath.accounting.technologies import technology_problems
from carbonpath.codes import CodeList, products
from carbonpath.errors import DataError, UnitError
from carbonpath.factors import FactorTable, bundled_factors
from carbonpath.numbers import (
    nonfinite_problems,
)
from carbonpath.units import Q_, parse_unit

__all__ = ["NOT_PRODUCTS", "read_production"]

_CEMENT = ("cement is not a process product: the process CO2 of cement is its clinker's "
           "(IPCC 2006 Vol.3 2A1); give the clinker made (cement_clinker, 水泥熟料; often "
           "60-75 % of the cement), not the cement, whose tonnes would overstate it")
_SODA = ("soda ash production (纯碱生产, IPCC 2B7) has no process factor in carbonpath; "
         "soda_ash_use (纯碱使用, 2A4b) is soda ash consumed (glass, chemicals): give it "
         "only for the soda ash used in the region, not the soda ash made")
_STEEL = ("crude steel is split by route: bof_steel (转炉钢, basic oxygen furnace) and "
          "eaf_steel (电炉钢, electric arc furnace), whose process CO2 differ ten times; "
          "finished steel (钢材) is not a process product")
#: Common names that are not a product of ``products.csv`` but sound like one, with what
#: to give instead (round 12, E60: 水泥 was answered "did you mean cement_clinker?", which
#: overstates process CO2 by the clinker ratio; 纯碱 "soda_ash_use?", the opposite flow).
NOT_PRODUCTS = {"水泥": _CEMENT, "cement": _CEMENT, "纯碱": _SODA, "soda ash": _SODA,
                "soda_ash": _SODA, "纯碱生产": _SODA, "粗钢": _STEEL, "钢": _STEEL,
                "钢材": _STEEL, "crude steel": _STEEL, "crude_steel": _STEEL,
                "steel": _STEEL}


def _product_valid(text: str) -> str:
    """What a production row may name instead of ``text`` (:data:`NOT_PRODUCTS` first)."""
    said = NOT_PRODUCTS.get(str(text).strip().lower())
    if said is not None:
        return f"{said} (every product code and its aliases: {products().file})"
    return products().valid_text(text)


# ---------------------------------------------------------------------------------------
# read_production


@checked
def read_production(source: str | Path | pd.DataFrame, *, region: str | None = None,
                    year: int | None = None, factors: FactorTable | None = None,
                    name: str | None = None, decimal: str = ".",
                    thousands: str | None = None) -> Production:
    """Read and validate industrial production for process emissions.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        CSV (UTF-8 or GBK) or DataFrame with columns ``product``, ``value``, ``unit`` and
        optionally ``year``, ``region``, ``technology``, ``note``, ``source``,
        ``plausibility`` (``override: <reason>`` accepts pig iron beside BOF steel,
        :mod:`carbonpath.accounting.double_counting`). Products are
        codes or aliases of ``src/carbonpath/data/products.csv`` (``cement_clinker``,
        ``lime``, ``glass``, ``soda_ash_use``, ``ammonia``, ``nitric_acid``,
        ``adipic_acid``, ``primary_aluminium_prebake``, ``primary_aluminium_soderberg``,
        ``bof_steel``, ``eaf_steel``, ``pig_iron``, ``dri``, ``sinter``,
        ``coke_production``; 熟料, 合成氨, 电解铝 ...). Units: masses (t, 万吨).
    region, year, factors, name, decimal, thousands
        As in :func:`read_activity`.

    Returns
    -------
    Production

    Raises
    ------
    DataError, UnitError, EncodingError
        As :func:`read_activity`: every problem at once, with its location.
    """
    table = factors if factors is not None else bundled_factors()
    df, name, from_file = _frame_and_name(source, name, "production data")
    _check_columns(df, name, ("product", "value", "unit"), _PRODUCTION_COLUMNS)
    chk = _Checker(df, name, from_file)
    pl: CodeList = products()
    prod_c, prod_cats = chk.codes("product", pl.resolve, _product_valid, "product")
    values = _values(chk, decimal, thousands)
    years = _years(chk, year)
    reg_c, reg_cats = _regions(chk, region, table)
    tech_c, tech_cats = _optional_codes(chk, "technology", _resolve_tech, "a technology code")
    chk.problems += technology_problems(prod_c, prod_cats, tech_c, tech_cats, table, chk.labels,
                                        name, "product")  # accounting/technologies.py
    unit_raw, unit_uniq = _stripped_codes(df["unit"])
    factor = np.zeros(len(unit_uniq))
    for j, unit in enumerate(unit_uniq):
        try:
            factor[j] = Q_(1.0, parse_unit(unit)).to("t").magnitude
        except (UnitError, pint.errors.DimensionalityError) as exc:
            why = (f" ({exc.problems[0].message})" if isinstance(exc, UnitError)
                   and exc.problems else "")
            chk.add(unit_raw == j, "unit", f"production must be a mass, not '{unit}'{why}",
                    unit, "t, kt, 万吨")
    with np.errstate(over="ignore", invalid="ignore"):
        quantity = values * factor[unit_raw]
    chk.problems.extend(nonfinite_problems(quantity, chk.labels, file=name, given=values,
                                           what="production", unit="t"))
    area_c, area_cats = _optional_codes(chk, "model_region", str, "a region of dataset.yaml")
    _duplicates(chk, [years - years.min() if len(years) else years, reg_c, prod_c, tech_c,
                      area_c], "year, region, product, technology and model_region")
    DataError.collect(chk.problems, name)
    data = pd.DataFrame({
        "row": chk.labels,
        "year": years,
        "region": _categorical(reg_c, reg_cats),
        "product": _categorical(prod_c, prod_cats),
        "technology": _categorical(tech_c, tech_cats),
        "value": values,
        "unit": pd.Categorical.from_codes(unit_raw.astype(np.int32),
                                          categories=[str(u) for u in unit_uniq]),
        "quantity": quantity,
    })
    if "model_region" in df.columns:  # a dataset's row regions (accounting/regional.py)
        data["model_region"] = np.asarray(area_cats, dtype=object)[area_c]
    data = with_plausibility(data, df, chk.labels, name)  # accounting/plausible_activity.py
    return Production(data=data, source=name)
