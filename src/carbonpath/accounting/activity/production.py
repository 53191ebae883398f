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
from carbonpath.codes import ADVICE, CodeList, products
from carbonpath.errors import DataError, UnitError
from carbonpath.factors import FactorTable, bundled_factors
from carbonpath.numbers import (
    nonfinite_problems,
)
from carbonpath.units import Q_, parse_unit

__all__ = ["NOT_PRODUCTS", "read_production"]

#: Common names that are not a product of ``products.csv`` but sound like one, with what
#: to give instead: the advice table of :mod:`carbonpath.codes`, which every product look-up
#: shares (round 12 E60; round 18 Q52: ``process_factors("水泥")``).
NOT_PRODUCTS = ADVICE["product"]


def _product_valid(text: str) -> str:
    """What a production row may name instead of ``text`` (:data:`NOT_PRODUCTS` first)."""
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
            said = ("a unit is required (production is a mass)" if not unit else
                    f"production must be a mass, not '{unit}'{why}")
            chk.add(unit_raw == j, "unit", said, unit or None, "t, kt, 万吨")
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
