"""The dataset's driver checks, applied to the drivers of a decomposition.

:func:`carbonpath.accounting.decompose` and :func:`carbonpath.accounting.intensities` read
population and GDP by year from a drivers file (``driver, year, value, unit, price_year``).
A slip there changes the affluence and intensity effects without a word: GDP in 元 for 亿元
gave intensities of 88 million tce/万元 (round 19, T61), GDP 110 for 1100 亿元 an affluence
effect of -44.8 Mt (T63). The checks are those of a dataset's ``drivers.csv``
(:mod:`carbonpath.dataset.slips`, :mod:`carbonpath.dataset.absolute`,
:mod:`carbonpath.dataset.series_slips`):

* refused (:class:`~carbonpath.errors.ImplausibleValueError`): a population outside
  :data:`~carbonpath.dataset.absolute.DRIVER_RANGES`; a step of more than
  :data:`~carbonpath.dataset.slips.STEP` (x10) between two given years; GDP per person outside
  :data:`~carbonpath.dataset.absolute.GDP_PER_PERSON` (a 元 or 万元 for 亿元 slip);
* warned of: GDP per person outside the usual band of real cities,
  :data:`~carbonpath.dataset.absolute.GDP_PER_PERSON_USUAL` (10,000 .. 350,000 CNY,
  :class:`~carbonpath.dataset.absolute.UnusualDriverWarning`); a GDP whose mean annual change
  between two given years leaves :data:`~carbonpath.dataset.series_slips.GDP_GROWTH`, or one
  year x5 off both neighbours
  (:class:`~carbonpath.dataset.series_slips.SeriesSlipWarning`).

A row whose ``plausibility`` column reads ``override: <reason>`` turns a refusal into a
warning, as in a dataset.
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import pandas as pd

from carbonpath.errors import Problem
from carbonpath.numbers import parse_number

__all__ = ["check_drivers"]


def check_drivers(values: dict[str, dict[int, float]],
                  rows: dict[str, dict[int, tuple[int, dict]]], name: str,
                  every: dict[str, tuple[int, dict]] | None = None) -> None:
    """Check a decomposition's population and GDP (see the module docstring).

    Parameters
    ----------
    values : dict
        ``{"population": {year: persons}, "gdp": {year: 万元}}``, converted.
    rows : dict
        ``{driver: {year: (file line, row as read)}}`` of the rows with a year (the row has
        ``value``, ``unit`` and, optionally, ``plausibility``).
    name : str
        The drivers file's name, for messages.
    every : dict, optional
        ``{driver: (file line, row as read)}`` of a row without a year (the value of every
        year without a row of its own).

    Raises
    ------
    ImplausibleValueError
        Naming the file, row, column ``value``, the value and the range or value compared
        with.

    Warns
    -----
    UnusualDriverWarning, SeriesSlipWarning
        As in a dataset.
    """
    from carbonpath.dataset.absolute import (
        DRIVER_RANGES,
        UnusualDriverWarning,
        per_person_problems,
        usual_per_person,
    )
    from carbonpath.dataset.series_slips import SeriesSlipWarning, driver_series_warnings
    from carbonpath.dataset.slips import OVERRIDE_HINT, STEP, within_step
    from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
    from carbonpath.plausibility import is_override

    every = every or {}
    found: list[tuple[Problem, list[Any]]] = []
    pop = DRIVER_RANGES["population"]
    dated = [(y, line, r, values["population"][y])
             for y, (line, r) in sorted(rows["population"].items())]
    if "population" in every and any(y not in rows["population"]
                                     for y in values["population"]):
        y = next(y for y in sorted(values["population"]) if y not in rows["population"])
        dated.append((y, *every["population"], values["population"][y]))
    for y, line, r, persons in dated:
        if not pop.low <= persons <= pop.high:
            found.append((Problem(
                f"implausible population of {y}: {persons:.4g} persons, "
                f"outside {pop.low:g} .. {pop.high:g} ({pop.basis}); probably a unit slip "
                "(人 for 万人)", file=name, row=line, column="value", value=r["value"],
                valid=f"{pop.low:g} .. {pop.high:g} person; {OVERRIDE_HINT}"), [r]))
    for d, given in rows.items():
        for y0, y1 in itertools.pairwise(sorted(given)):
            ratio = values[d][y1] / values[d][y0]
            if within_step(ratio):
                continue
            (_, r0), (line, r1) = given[y0], given[y1]
            found.append((Problem(
                f"implausible {d}: {r1['value']} {r1['unit']} in {y1} is {ratio:.3g} times "
                f"the {r0['value']} {r0['unit']} of {y0} (x{STEP:g} or /{STEP:g} or more "
                "between two given years); probably a unit or digit slip "
                f"({'人 for 万人' if d == 'population' else '万元 for 亿元'})",
                file=name, row=line, column="value", value=r1["value"],
                valid=f"less than x{STEP:g} from {r0['value']} {r0['unit']}; {OVERRIDE_HINT}"),
                [r0, r1]))
    frame = _frame(values, rows, every)

    def file_row(_table: str, line: Any) -> dict[str, Any]:
        return {"file": name, "row": line}

    if not found:  # a step or population already named: no follow-on per-person finding
        found += per_person_problems(frame, file_row)  # round 19 T61
    out = []
    for problem, involved in found:
        if any(is_override(r.get("plausibility")) for r in involved):
            warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                          CarbonpathWarning, stacklevel=5)
        else:
            out.append(problem)
    if out:
        raise ImplausibleValueError(out, name)
    if found:
        return  # overridden: the warnings below would repeat them
    years = sorted(values["gdp"])
    for text in usual_per_person(frame, years[-1] if years else 0, file_row):
        warnings.warn(text, UnusualDriverWarning, stacklevel=5)  # round 19 T61
    for text in driver_series_warnings(frame, lambda line: f"{name}, row {line}"):
        warnings.warn(text, SeriesSlipWarning, stacklevel=5)  # round 19 T63


def _frame(values: dict[str, dict[int, float]], rows: dict[str, dict[int, tuple[int, dict]]],
           every: dict[str, tuple[int, dict]]) -> pd.DataFrame:
    """The drivers as a dataset's ``drivers.csv`` rows as written (index = file line).

    The rows with a year, and a row without a year (year blank) where some year uses it.
    """
    recs, index = [], []
    for d in ("gdp", "population"):
        used = [(line, r, y) for y, (line, r) in sorted(rows[d].items())]
        if d in every and any(y not in rows[d] for y in values[d]):
            used.append((*every[d], None))
        for line, r, y in used:
            recs.append({"driver": d, "year": y, "value": parse_number(r["value"]),
                         "unit": str(r["unit"]).strip(), "plausibility": r.get("plausibility")})
            index.append(line)
    return pd.DataFrame(recs, index=index,
                        columns=["driver", "year", "value", "unit", "plausibility"])
