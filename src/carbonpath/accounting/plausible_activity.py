"""Plausibility of activity rows against the region they belong to and against each other.

The magnitude ceilings of :mod:`carbonpath.plausibility` bound one row by the whole world;
a slip in one row of a province or a city (kt written for t: a province burning 1 Gt of
coal in one row) stays far below them. Two checks bound a row by what its own region can
hold, whether the rows come from a file or a DataFrame (one path for both):

* **region size** (:data:`LEVEL_CEILINGS`): one row of a province cannot hold more energy
  than the whole energy consumption of the largest consuming province, nor one row of a
  prefecture-level city more than twice that of the largest consuming city. The region's
  level is its ``level`` in the region table (``factors/regions.csv``). Above China's whole
  energy consumption (:data:`NATIONAL_CEILING`, 6.0 Gtce) a row is refused whatever its
  level and with no override;
* **carrier balances and conversions** (:mod:`carbonpath.accounting.plausible_energy`):
  electricity and heat supplied (generation + import) and used (consumption + export) agree
  within losses and a statistical difference, and power and heat plants make neither too
  little nor more than their fuel allows. A row of 万千瓦时 for 亿千瓦时 shows there.

A row outside is an :class:`~carbonpath.errors.ImplausibleValueError` naming the file (or
the DataFrame), the row, the column ``value``, the value written and the bound. A user who
knows better writes ``override: <reason>`` in the row's ``plausibility`` column (for a
balance, on any row of the year and region); the row is then accepted with a
:class:`~carbonpath.errors.CarbonpathWarning`. A ``plausibility`` cell that is neither blank
nor ``override: <reason>`` is a :class:`~carbonpath.errors.DataError`.

A dataset's ``activity.csv`` is also compared with the dataset's installed capacity
(:mod:`carbonpath.dataset.generation`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.accounting.plausible_energy import (
    carrier_balance_problems,
    conversion_problems,
)
from carbonpath.accounting.plausible_production import production_problems
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    ImplausibleValueError,
    Problem,
)
from carbonpath.plausibility import OVERRIDE, is_override

__all__ = [
    "LEVEL_CEILINGS",
    "NATIONAL_CEILING",
    "LevelCeiling",
    "activity_plausibility",
    "carbon_plausibility",
    "output_plausibility",
    "overridden_rows",
    "production_plausibility",
    "region_levels",
    "with_plausibility",
]

HINT = (f"if the value is right, write '{OVERRIDE} <reason>' in a 'plausibility' column of "
        "the row")


@dataclass(frozen=True)
class LevelCeiling:
    """The most energy one activity row of a region of one level can hold.

    Attributes
    ----------
    tce : float
        The bound, t of standard coal (tce) per row and year.
    text : str
        What the bound is, in words, with its source.
    """

    tce: float
    text: str


LEVEL_CEILINGS: dict[str, LevelCeiling] = {
    "province": LevelCeiling(
        6.0e8, "0.6 Gtce: more than the whole energy consumption of the largest consuming "
               "province (Shandong, about 0.45 Gtce a year in 2021-2023; NBS China Energy "
               "Statistical Yearbook, recalled, not read in a copy)"),
    "city": LevelCeiling(
        2.0e8, "0.2 Gtce: twice the energy consumption of the largest consuming "
               "prefecture-level cities (Tangshan, Ordos: about 0.1 Gtce a year; provincial "
               "statistical yearbooks, recalled, not read in a copy)"),
}
"""Region level (``factors/regions.csv`` ``level``) -> its ceiling per activity row."""

NATIONAL_CEILING = LevelCeiling(
    6.0e9, "6.0 Gtce: more than China's whole energy consumption of a year (5.72 Gtce in 2023, "
           "5.96 Gtce in 2024; NBS, Statistical Communiqué of the People's Republic of China "
           "on the National Economic and Social Development, 2023 and 2024: 能源消费总量 57.2 "
           "and 59.6 亿吨标准煤)")
"""The most energy one activity row of any Chinese region can hold, whatever its level and
whatever its ``plausibility`` cell: no override passes it (round 14, I65: 1,000,000 万吨 of
raw coal in one city row, 7.1 Gtce, was accepted with ``override: measured``)."""


def region_levels(table: Any) -> dict[str, str]:
    """Region code -> level (``province``, ``city``...) of a :class:`~carbonpath.FactorTable`."""
    frame = table.regions.table
    if "level" not in frame.columns:
        return {}
    return {str(k): str(v) for k, v in frame["level"].items()}


def with_plausibility(data: pd.DataFrame, raw: pd.DataFrame, labels: Any,
                      name: str) -> pd.DataFrame:
    """Carry a ``plausibility`` column of the input into the validated rows.

    Parameters
    ----------
    data : pandas.DataFrame
        The validated rows, shape (n, ...), in the order of ``raw``.
    raw : pandas.DataFrame
        The input as given (a file's cells or the caller's DataFrame), shape (n, ...).
    labels : array-like, shape (n,)
        The row labels (file lines or index labels), for messages.
    name : str
        The file or DataFrame name, for messages.

    Returns
    -------
    pandas.DataFrame
        ``data``, with a boolean ``plausibility`` column (True: ``override: <reason>``) when
        ``raw`` has the column; ``data`` unchanged otherwise.

    Raises
    ------
    DataError
        A cell that is neither blank nor ``override: <reason>``.
    """
    if "plausibility" not in raw.columns:
        return data
    flags = [is_override(v) for v in raw["plausibility"].tolist()]
    labels = list(labels)
    problems = [Problem("a plausibility cell is blank or 'override: <reason>'", file=name,
                        row=labels[i], column="plausibility", value=raw["plausibility"].iloc[i],
                        valid="blank, or e.g. 'override: a smelter opened in 2023'")
                for i, f in enumerate(flags) if f is None]
    DataError.collect(problems, name)
    out = data.copy()
    out["plausibility"] = np.array([bool(f) for f in flags], dtype=bool)
    return out


def overridden_rows(data: pd.DataFrame) -> set[Any]:
    """The row labels whose ``plausibility`` says ``override: <reason>`` (empty if none)."""
    if "plausibility" not in data.columns:
        return set()
    return set(data.loc[data["plausibility"].astype(bool), "row"].tolist())


def activity_plausibility(data: pd.DataFrame, energy: pd.DataFrame, levels: dict[str, str],
                          source: str) -> None:
    """Refuse activity rows beyond what their region can hold (see the module docstring).

    Parameters
    ----------
    data : pandas.DataFrame
        Validated activity rows (:attr:`carbonpath.accounting.Activity.data`: ``row``,
        ``year``, ``region``, ``fuel``, ``use``, ``measure``, ``quantity`` in TJ for
        energy, ``value``, ``unit``, optionally ``plausibility``).
    energy : pandas.DataFrame
        The inventory's energy frame: one row per activity row, ``row``, ``region`` and
        ``standard_coal_tce`` (tce).
    levels : dict of str to str
        Region code -> its level (``province``, ``city``, ...).
    source : str
        The file or DataFrame name, for messages.

    Raises
    ------
    ImplausibleValueError
        One problem per row beyond its region's ceiling, per carrier, year and region whose
        supply and use do not balance, and per implausible plant conversion
        (:mod:`carbonpath.accounting.plausible_energy`), without an override.
    """
    national = _national_problems(data, energy, source)
    if national:  # above China's whole energy use: no override (round 14, I65)
        raise ImplausibleValueError(national, source)
    found = (_level_problems(data, energy, levels, source)
             + carrier_balance_problems(data, source, HINT)
             + conversion_problems(data, energy, source, HINT))
    from carbonpath.accounting.plausible_zero_side import (
        fuelless_output_problems,
        warn_net_export_without_plants,
        zero_supply_problems,
    )

    found += (fuelless_output_problems(data, energy, source, HINT)  # round 30 ZF219, ZF218
              + zero_supply_problems(data, source, HINT))  # round 30 ZF220, ZF221
    refuse_overridable(found, data, source)
    from carbonpath.accounting.plausible_carrier_bands import (
        warn_carrier_bands,
        warn_power_efficiency,
        warn_standard_coal_plants,
    )

    warn_carrier_bands(data, source)  # round 11 C75, C78, C134: inside the band, unusual
    warn_net_export_without_plants(data, source)  # round 30 ZF02: import/export swapped?
    warn_power_efficiency(data, energy, source)  # round 18 Q80: solar under thermal_power
    warn_standard_coal_plants(data, energy, source)  # round 27 ZC12: coal rate
    from carbonpath.accounting.plausible_magnitude import warn_small_fuels

    warn_small_fuels(data, energy, source)  # round 15 K81: a fuel's every row 10^4 off


def production_plausibility(production: Any, energy: pd.DataFrame,
                            levels: dict[str, str] | None = None,
                            activity: Any = None) -> None:
    """Refuse production rows needing implausibly much or little of their sector's energy.

    And rows above China's output of their product
    (:mod:`carbonpath.accounting.plausible_output`, round 17).

    Parameters
    ----------
    production : Production
        Validated production rows, optionally with a ``plausibility`` column.
    energy : pandas.DataFrame
        The inventory's energy frame (``year``, ``region``, ``sector``, ``use``,
        ``energy_TJ``).
    levels : dict of str to str, optional
        Region code -> its level (``province``, ``city``...), for the share of China's
        output one row of the level may hold; None: only the national ceiling applies.
    activity : Activity, optional
        The activity rows the energy frame was computed from: a problem of output against
        energy then names the sector's largest activity rows too (round 19 T155).

    Raises
    ------
    ImplausibleValueError
        A row above 1.5x China's output of its product, whatever its ``plausibility`` cell;
        the problems of :func:`carbonpath.accounting.plausible_output.output_problems` (by
        level) and
        :func:`carbonpath.accounting.plausible_production.production_problems` whose rows
        carry no ``override: <reason>``.
    """
    by_level = output_plausibility(production, levels)  # round 17 O26-O31, round 18
    refuse_overridable(by_level + production_problems(production, energy, HINT, activity),
                       production.data, production.source)


def output_plausibility(production: Any, levels: dict[str, str] | None,
                        hint: str = HINT) -> list[tuple[Problem, list[Any]]]:
    """Refuse production above China's output; return what a region's level may not hold.

    The one check of production against China's output of each product, for
    ``carbonpath inventory --production`` (:func:`production_plausibility`) and for the
    production input of ``carbonpath init`` (its file or the workbook's sheet): the rows
    of one product, region and year are summed
    (:func:`carbonpath.accounting.plausible_output.output_problems`).

    Parameters
    ----------
    production : Production
        Validated production rows, optionally with a ``plausibility`` column.
    levels : dict of str to str or None
        Region code -> its level (``province``, ``city``...); None: only the national rule.
    hint : str
        How to override a region-level problem, for its ``valid``.

    Returns
    -------
    list of (Problem, list)
        The region-level problems with the rows each sums (for
        :func:`refuse_overridable`).

    Raises
    ------
    ImplausibleValueError
        Any product, region and year above 1.5x China's output of the product, whatever
        the rows' ``plausibility`` cells.
    """
    from carbonpath.accounting.plausible_output import output_problems, warn_tiny_output

    national, by_level = output_problems(production, levels, hint)
    if national:  # above China's whole output: no override (round 17, O26-O31)
        raise ImplausibleValueError(national, production.source)
    warn_tiny_output(production)  # round 31 S20: 吨 for 万吨
    return by_level


def carbon_plausibility(production: Any, process: pd.DataFrame, energy: pd.DataFrame,
                        activity_source: str) -> None:
    """Refuse process CO2 of fuel carbon above what its sector's fuel rows hold (round 11).

    Parameters
    ----------
    production : Production
        Validated production rows, optionally with a ``plausibility`` column.
    process : pandas.DataFrame
        The inventory's process rows (``year``, ``region``, ``product``, ``row``, ``CO2``).
    energy : pandas.DataFrame
        The inventory's energy frame.
    activity_source : str
        The activity file's name.

    Raises
    ------
    ImplausibleValueError
        The problems of :func:`carbonpath.accounting.plausible_carbon.carbon_balance_problems`
        whose production rows carry no ``override: <reason>``.
    """
    from carbonpath.accounting.plausible_carbon import carbon_balance_problems

    refuse_overridable(carbon_balance_problems(process, energy, production, activity_source, HINT),
            production.data, production.source)


def refuse_overridable(found: list[tuple[Problem, list[Any]]], data: pd.DataFrame,
                       source: str) -> None:
    """Warn of the problems whose rows carry an override, raise the others.

    ``found`` holds (problem, rows it names); a row of ``data`` with ``override: <reason>``
    in its ``plausibility`` cell accepts every problem naming it, with a
    :class:`CarbonpathWarning`. Raises :class:`ImplausibleValueError` (all the others, from
    ``source``). The one override rule of the inventory's plausibility checks.
    """
    skip = overridden_rows(data)
    problems = []
    for problem, rows in found:
        if skip & set(rows):
            warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=5)
        else:
            problems.append(problem)
    if problems:
        raise ImplausibleValueError(problems, source)


def _written(data: pd.DataFrame) -> dict[Any, tuple[Any, str]]:
    return dict(zip(data["row"].tolist(), zip(data["value"].tolist(),
                                              data["unit"].astype(str).tolist(), strict=True),
                    strict=True))


def _national_problems(data: pd.DataFrame, energy: pd.DataFrame,
                       source: str) -> list[Problem]:
    """Rows holding more energy than China's whole consumption (:data:`NATIONAL_CEILING`)."""
    if not len(energy) or not {"row", "standard_coal_tce"} <= set(energy.columns):
        return []
    tce = np.abs(energy["standard_coal_tce"].to_numpy(dtype=float))
    over = np.flatnonzero(tce > NATIONAL_CEILING.tce)
    written = _written(data) if len(over) else {}
    out = []
    for i in over:
        row = energy["row"].iloc[i]
        value, unit = written.get(row, ("", ""))
        out.append(Problem(
            f"impossible activity: {value} {unit} is {tce[i] / 1e9:.3g} Gtce in one row, "
            f"{NATIONAL_CEILING.text}; a unit or digit slip (no plausibility override accepts "
            "it)", file=source, row=row, column="value", value=value,
            valid=f"at most {NATIONAL_CEILING.tce / 1e9:g} Gtce per row"))
    return out


def _level_problems(data: pd.DataFrame, energy: pd.DataFrame, levels: dict[str, str],
                    source: str) -> list[tuple[Problem, list[Any]]]:
    if not len(energy) or not {"row", "region", "standard_coal_tce"} <= set(energy.columns):
        return []
    region_col = energy["region"]
    if isinstance(region_col.dtype, pd.CategoricalDtype):  # one look-up per region
        cats = [str(c) for c in region_col.cat.categories]
        codes = region_col.cat.codes.to_numpy()
    else:
        codes, uniq = pd.factorize(region_col.astype(str))
        cats = [str(c) for c in uniq]
    names = [levels.get(c, "") for c in cats] + [""]
    lut = np.array([LEVEL_CEILINGS[x].tce if x in LEVEL_CEILINGS else np.inf for x in names])
    tce = np.abs(energy["standard_coal_tce"].to_numpy(dtype=float))
    over = np.flatnonzero(tce > lut[codes])
    if not len(over):
        return []
    written = _written(data)
    out = []
    for i in over:
        row = energy["row"].iloc[i]
        value, unit = written.get(row, ("", ""))
        region = cats[codes[i]]
        level = names[codes[i]]
        ceiling = LEVEL_CEILINGS[level]
        out.append((Problem(
            f"implausible activity for {level} {region}: {value} {unit} is "
            f"{tce[i] / 1e9:.3g} Gtce in one row, more than {ceiling.text}; probably a unit "
            "slip (kt for t, 万吨 for 吨)", file=source, row=row, column="value", value=value,
            valid=f"at most {ceiling.tce / 1e9:g} Gtce per row of a {level}; {HINT}"),
            [row]))
    return out
