""":func:`read_production`: industrial production into a validated table."""

from __future__ import annotations

import re
import warnings
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
from carbonpath.errors import CarbonpathWarning, DataError, UnitError
from carbonpath.factors import FactorTable, bundled_factors
from carbonpath.numbers import (
    nonfinite_problems,
)
from carbonpath.units import Q_, parse_unit

__all__ = ["BOX_T", "NOT_PRODUCTS", "WeightBoxWarning", "box_unit_text", "read_production",
           "warn_boxes_in_notes"]

#: Common names that are not a product of ``products.csv`` but sound like one, with what
#: to give instead: the advice table of :mod:`carbonpath.codes`, which every product look-up
#: shares (round 12 E60; round 18 Q52: ``process_factors("水泥")``).
NOT_PRODUCTS = ADVICE["product"]


BOX_T = 0.05
"""t of flat glass in one weight box (重量箱): 50 kg, the statistics' unit of flat glass (a
box of 10 m2 of 2 mm glass); 1 万重量箱 = 500 t = 0.05 万吨."""

_BOX = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万|千|亿)?\s*(重量箱|weight box)", re.IGNORECASE)
_SCALE = {"万": 1e4, "千": 1e3, "亿": 1e8, None: 1.0}


class WeightBoxWarning(CarbonpathWarning):
    """A production row in a mass whose note gives the same number in weight boxes (重量箱)."""


def box_unit_text(unit: str) -> str | None:
    """The conversion to give for a production unit in weight boxes (``万重量箱``), or None.

    ``"万重量箱"`` -> ``"1 万重量箱 = 500 t = 0.05 万吨 (1 重量箱 = 50 kg of flat glass): ..."``
    (round 30 KF70: the error said only "valid: t, kt, 万吨", so the unit was changed and
    the number kept, 20 x the mass).
    """
    m = re.fullmatch(r"\s*(万|千|亿)?\s*(重量箱|weight ?box(?:es)?)\s*", str(unit), re.IGNORECASE)
    if m is None:
        return None
    t = _SCALE[m.group(1)] * BOX_T
    return (f"t, kt, 万吨; 1 {unit} = {t:g} t = {t / 1e4:g} 万吨 (1 重量箱, a weight box of "
            f"flat glass, = {BOX_T * 1000:g} kg): multiply the value by {t / 1e4:g} and write "
            "万吨, not the same number")


def warn_boxes_in_notes(raw: pd.DataFrame, data: pd.DataFrame, name: str) -> None:
    """Warn of a row in a mass whose note states its number in weight boxes (KF70).

    ``glass,500,万吨,"统计年鉴: 平板玻璃 500 万重量箱"`` keeps the yearbook's count under a mass
    unit: 20 x the 25 万吨 meant. A row warns when a text cell other than product and unit
    names ``N 重量箱`` (with 万/千/亿) and the row's value equals N (to 0.1 %).

    Parameters
    ----------
    raw : pandas.DataFrame
        The input as given, shape (n, ...).
    data : pandas.DataFrame
        The validated rows (``row``, ``value``, ``unit``, ``quantity`` in t), shape (n, ...).
    name : str
        The file name, for messages.

    Warns
    -----
    WeightBoxWarning
        Naming the file, row, column ``value`` and the mass the weight boxes give.
    """
    texts = [c for c in raw.columns if c not in ("product", "unit", "value")]
    for i, r in enumerate(data.itertuples()):
        for c in texts:
            cell = raw[c].iloc[i]
            for m in _BOX.finditer(cell if isinstance(cell, str) else ""):
                count = float(m.group(1))
                if abs(count - float(r.value)) > 1e-3 * abs(count) or not count > 0:
                    continue
                t = count * _SCALE[m.group(2)] * BOX_T
                warnings.warn(
                    f"{name}, row {r.row}, column 'value': {r.value:g} {r.unit} is the number "
                    f"its {c} gives in weight boxes ('{m.group(0)}'); 1 重量箱 = "
                    f"{BOX_T * 1000:g} kg of flat glass, so {m.group(0)} = {t:,.6g} t = "
                    f"{t / 1e4:,.6g} 万吨, not {float(r.quantity):,.0f} t: write "
                    f"{t / 1e4:,.6g} 万吨, or correct the {c} if the mass is right",
                    WeightBoxWarning, stacklevel=4)
                break


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
            chk.add(unit_raw == j, "unit", said, unit or None,
                    box_unit_text(unit) or "t, kt, 万吨")  # KF70: weight boxes
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
    warn_boxes_in_notes(df, data, name)  # KF70: weight boxes typed as 万吨
    return Production(data=data, source=name)
