"""Range checks of the technology catalogue's rows, applied where the catalogue is read.

A slip in a copy of the catalogue (a capex in CNY/W, a fuel input in MJ/MWh, an availability
of 95 for 0.95) is named by the catalogue's own file and row, not first by the dataset
``init`` writes from it (R44, R48, V152, V153). Each function takes one row of
``flows.csv`` or ``parameters.csv`` as read (text cells), its numbers (``value``, ``low``,
``high`` as floats) and its location, and returns the problems of that row.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from carbonpath.errors import Problem, UnitError
from carbonpath.units import unit_factor

__all__ = ["domain_problems", "range_problems", "rate_problems", "warn_trajectory_slips"]


#: How to keep a catalogue value outside an absolute range: there is no override.
_RANGE_HINT = ("the catalogue takes no override: fix the number or its unit (a dataset "
               "written from it may override its own row)")


def range_problems(row: Any, numbers: dict[str, float], file: str, line: Any,
                   kind: str = "") -> list[Problem]:
    """``value``, ``low`` and ``high`` of a parameter row outside the dataset's ranges.

    The absolute ranges of :data:`carbonpath.dataset.absolute.PARAMETER_RANGES` (a capex
    of 10 .. 1,000,000 CNY/kW, a lifetime of 1 .. 150 years ...), applied where the row is
    read, so that a slip in a copy of the catalogue (2,800 CNY/W for CNY/kW, 250 years for
    25) is named by the catalogue's file and row, not first by the dataset ``init`` wrote
    from it (R44, R48). ``kind`` is the technology's: an ``import``'s price has the floor of
    :func:`carbonpath.dataset.absolute.parameter_ranges` (V17), as in a dataset.
    """
    from carbonpath.dataset.absolute import parameter_range_problem

    out = []
    for col in ("value", "low", "high"):
        if col not in numbers or not np.isfinite(numbers[col]):
            continue
        cell = {"technology": row["technology"], "parameter": row["parameter"],
                "value": numbers[col], "unit": row["unit"]}
        hit = parameter_range_problem(cell, {"file": file, "row": line}, _RANGE_HINT,
                                      kind=str(kind or ""))
        if hit is not None:
            out.append(replace(hit, column=col if hit.column == "value" else hit.column))
    return out


def rate_problems(row: Any, numbers: dict[str, float], activity_unit: str, file: str,
                   line: Any) -> list[Problem]:
    """``value``, ``low`` and ``high`` of a fossil fuel input outside 5 .. 100 % efficiency.

    The dataset's rule (:func:`carbonpath.dataset.slips.fuel_rate_problem`) applied where
    the catalogue's row is read: 8.0 MJ/MWh for 8.0 GJ/MWh (an efficiency of 45,000 %) had
    passed the catalogue and ``init`` and was named only by the dataset written from it (V152).
    """
    from carbonpath.codes import fuels
    from carbonpath.dataset.slips import fuel_rate_problem

    code = fuels().resolve(str(row["commodity"]))
    if code is None or fuels().attr(code, "fossil") != "yes":
        return []
    out = []
    for col in ("value", "low", "high"):
        if col not in numbers or not np.isfinite(numbers[col]) or numbers[col] <= 0:
            continue
        hit = fuel_rate_problem(row["commodity"], row["technology"], numbers[col], row["unit"],
                                activity_unit, "GJ", {"file": file, "row": line}, _RANGE_HINT)
        if hit is not None:
            out.append(replace(hit, column=col))
    return out


def domain_problems(row: Any, numbers: dict[str, float], file: str, line: Any
                     ) -> list[Problem]:
    """``value``, ``low`` and ``high`` of a share or efficiency outside its domain (V153).

    The loader's domains (:data:`carbonpath.dataset.domains.PARAMETER_DOMAINS`: an
    ``availability`` is a share in [0, 1]) applied to the catalogue's dimensionless rows: an
    availability of 95 for 0.95 had passed the catalogue and ``init`` blamed the capacity
    input for the generation it implied.
    """
    from carbonpath.dataset.domains import PARAMETER_DOMAINS

    domain = PARAMETER_DOMAINS.get(row["parameter"])
    factor = _factor_to(row["unit"], "1")
    if domain is None or factor is None:
        return []
    out = []
    for col in ("value", "low", "high"):
        if col in numbers and np.isfinite(numbers[col]) and not domain.holds(
                numbers[col] * factor):
            hint = (f" ({numbers[col]:g} reads as a percentage: write {numbers[col] / 100:g})"
                    if factor == 1 and 1 < numbers[col] <= 100 and domain.high == 1 else "")
            out.append(Problem(
                f"{row['parameter']} of {row['technology']} must be {domain.text}{hint}",
                file=file, row=line, column=col, value=numbers[col],
                valid=f"{domain.text}; {_RANGE_HINT}"))
    return out


def _factor_to(unit: str, target: str) -> float | None:
    """The factor from ``unit`` to ``target``, or None where they do not convert."""
    try:
        return float(unit_factor(unit, target))
    except UnitError:
        return None


def warn_trajectory_slips(params: Any, file: str) -> None:
    """Warn of a trajectory year x10 or more off both neighbouring years (round 28 MD50).

    A catalogue trajectory (the rows of one technology, parameter and region) is the same
    kind of series as a dataset's ``parameters.csv`` one, so the same spike and %-slip check
    (:func:`carbonpath.dataset.series_slips.series_warnings`) runs on it: a capex of 28000
    between 3400 and 2400 CNY/kW (2800 meant, low and high scaled alike so its own range
    passes) is warned of, naming the catalogue's row, before a dataset is written from it.

    Parameters
    ----------
    params : pandas.DataFrame
        The catalogue's ``parameters.csv`` rows, numbers read and each trajectory in one unit;
        index the file's line numbers.
    file : str
        The file as named in messages (``catalogue/parameters.csv``).

    Warns
    -----
    SeriesSlipWarning
        One per point found.
    """
    from carbonpath.dataset import notices
    from carbonpath.dataset.series_slips import (
        PARAMETER_SERIES,
        SeriesSlipWarning,
        series_warnings,
    )
    from carbonpath.dataset.tables import PARAMETERS

    kinds = params["parameter"].map(lambda n: PARAMETERS[n].by_year if n in PARAMETERS else "")
    frame = params[kinds.isin(PARAMETER_SERIES)]

    def what(key: tuple) -> str:
        """``pv_utility capex`` (``in CN-SD``)."""
        return f"{key[0]} {key[1]}" + (f" in {key[2]}" if key[2] else "")

    for text in series_warnings(frame, ["technology", "parameter", "region"], what,
                                lambda line: f"{file}, row {line}"):
        notices.warn(f"{text}; the catalogue's low and high scaled alike pass its own range "
                     "check, so only the neighbours show it", SeriesSlipWarning, stacklevel=3)
