r"""Committed projects' online years as warm overrides (bounds change only).

A committed project is a ``parameters.csv`` row ``committed_new_capacity`` (online in exactly
that year: :math:`N_{p,v} \ge c`) or ``committed_capacity`` (online by that year: the model's
standing vintages hold :math:`c` from :math:`v` on, for the project's lifetime); see
:func:`carbonpath.model.fleet.add_committed`. Moving the online year of a built model moves
the project from one row's right-hand side to another's. So that every year a sample may
choose already has its rows, the model is built from :func:`with_candidates`: the dataset
with a zero-capacity placeholder project of the same technology and parameter in each
candidate year (a row :math:`-N_{p,v} \le 0` or :math:`-\sum N \le 0`, which changes
nothing: the central solution is that of the dataset as written). A sample then only
changes row bounds (:func:`push_committed`).

An online-year override is keyed ``("parameters", line, "year")`` and gives the new year
of that row (a whole decision year).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.errors import DataError, Problem

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel
    from carbonpath.model.data import TechData

__all__ = ["ONLINE_PARAMETERS", "build_limit_problem", "check_online", "push_committed",
           "sampled_limit_short", "with_candidates"]

#: parameters.csv parameters whose year (the online year) can be changed in a built model.
ONLINE_PARAMETERS = ("committed_new_capacity", "committed_capacity")


def check_online(dataset: Any, line: Hashable, value: Any, file: str) -> list[Problem]:
    """Why row ``line`` of parameters.csv cannot get the online year ``value`` (or nothing).

    Returns
    -------
    list of Problem
        Empty if the row is a committed project and ``value`` a whole decision year that no
        other project of the same technology and parameter holds.
    """
    frame = dataset.tables["parameters"]
    if line not in frame.index:
        return [Problem(f"parameters.csv has no row {line}", file=file, value=line)]
    row = frame.loc[line]
    if row["parameter"] not in ONLINE_PARAMETERS:
        return [Problem(f"the year of '{row['parameter']}' cannot be changed in a built model",
                        file="parameters.csv", row=line, column="year",
                        value=row["parameter"], valid=", ".join(ONLINE_PARAMETERS))]
    first, last = dataset.base_year + 1, dataset.horizon
    try:
        year = float(value)
    except (TypeError, ValueError):
        year = float("nan")
    if not (year == round(year) and first <= year <= last):
        return [Problem(f"online year of the committed project of '{row['technology']}' must "
                        "be a whole decision year", file=file, row=line, column="year",
                        value=value, valid=f"{first} .. {last}")]
    others = frame[(frame["technology"] == row["technology"])
                   & (frame["parameter"] == row["parameter"]) & (frame.index != line)]
    taken = {int(y) for y in others["year"].dropna() if not _placeholder(others, y)}
    if int(year) in taken:
        return [Problem(f"another committed project of '{row['technology']}' is online in "
                        f"{int(year)}", file=file, row=line, column="year", value=int(year),
                        valid="a year that no other project of the technology holds")]
    return []


def build_limit_problem(dataset: Any, line: Hashable, years: list[int],
                        file: str) -> Problem | None:
    r"""The candidate online years of a committed project its build limit cannot take (X76).

    A ``committed_new_capacity`` row is built in exactly its year (:math:`N_{p,v} \ge c`),
    and ``max_new_capacity`` caps :math:`N_{p,v}`: moved to a year whose limit is below the
    project, every sample is infeasible. The limit is read as the model reads it (a blank
    year holds every year; dated rows interpolated between the first and last given year, no
    limit outside them); other build limits (growth, cumulative) are left to the solve.

    Returns
    -------
    Problem or None
        Naming the years, the project and the ``max_new_capacity`` rows to raise.
    """
    from carbonpath.dataset.tables import is_blank
    from carbonpath.units import unit_factor

    frame = dataset.tables["parameters"]
    row = frame.loc[line]
    if row["parameter"] != "committed_new_capacity":
        return None
    caps = frame[(frame["technology"] == row["technology"])
                 & (frame["parameter"] == "max_new_capacity")]
    if caps.empty:
        return None
    try:
        per = [unit_factor(f"({u}) * yr", str(row["unit"])) for u in caps["unit"]]
    except Exception:  # a unit the loader has already judged
        return None
    flat = [float(v) * f for v, f, y in zip(caps["value"], per, caps["year"], strict=True)
            if is_blank(y)]
    dated = sorted((int(float(y)), float(v) * f)
                   for v, f, y in zip(caps["value"], per, caps["year"], strict=True)
                   if not is_blank(y))
    project = float(row["value"])
    short = {}
    for year in years:
        limit = flat[-1] if flat else None
        if dated and dated[0][0] <= year <= dated[-1][0]:
            limit = float(np.interp(year, [d[0] for d in dated], [d[1] for d in dated]))
        if limit is not None and project > limit * (1 + 1e-9) + 1e-12:
            short[year] = limit
    if not short:
        return None
    shown = ", ".join(f"{y} ({v:,.4g} {row['unit']})" for y, v in sorted(short.items()))
    from carbonpath.model.base_balance import row_place

    near = [i for i, y in zip(caps.index, caps["year"], strict=True)
            if is_blank(y) or min(short) - 1 <= int(float(y)) <= max(short) + 1]
    places = ", ".join(row_place(i, "parameters") for i in near[:8]) + (
        ", ..." if len(near) > 8 else "")
    return Problem(
        f"the committed project of '{row['technology']}' ({project:,.4g} {row['unit']}, "
        f"{row_place(line, 'parameters')}) may be sampled online in {len(short)} year(s) "
        f"whose max_new_capacity is below it: {shown}; every such sample would be "
        f"infeasible (max_new_capacity rows: {places})", file=file, column="low",
        value=min(short),
        valid=f"raise max_new_capacity of '{row['technology']}' to at least "
              f"{project:,.4g} {row['unit']}/yr in those years, or sample only years whose "
              "limit takes the project")


PLACEHOLDER = "placeholder: a candidate online year of a sampled committed project"


def sampled_limit_short(dataset: Any, lines: Any, least: Mapping[Hashable, float]
                        ) -> tuple[int, float, float, str, Hashable, Hashable] | None:
    r"""A sampled ``max_new_capacity`` that can fall below a committed project (round 30 KF59).

    A ``committed_new_capacity`` row is built in exactly its year (:math:`N_{p,v} \ge c`),
    and ``max_new_capacity`` caps :math:`N_{p,v}`; ``carbonpath init`` raises the limit of
    a committed year to the project exactly, so any multiplier below 1 on that row makes
    the sample infeasible. ``lines`` are the ``parameters.csv`` rows an uncertain input
    changes; ``least`` gives each row's smallest sampled value (in the row's unit). A
    dated limit row is compared with the projects of its year, a blank-year row with those
    of every year.

    Returns
    -------
    tuple or None
        (year, least sampled limit, project, project unit, limit row, project row) of the
        first year whose project exceeds the least sampled limit; None if none can.
    """
    from carbonpath.dataset.tables import is_blank
    from carbonpath.units import unit_factor

    frame = dataset.tables["parameters"]
    for line in lines:
        row = frame.loc[line]
        if row["parameter"] != "max_new_capacity":
            continue
        projects = frame[(frame["technology"] == row["technology"])
                         & (frame["parameter"] == "committed_new_capacity")]
        for other, project in projects.iterrows():
            if is_blank(project["year"]) or not (is_blank(row["year"]) or int(float(
                    row["year"])) == int(float(project["year"]))):
                continue
            try:
                per = unit_factor(f"({row['unit']}) * yr", str(project["unit"]))
            except Exception:  # a unit the loader has already judged
                continue
            year = int(float(project["year"]))
            total = math.fsum(float(v) for v, y in zip(projects["value"], projects["year"],
                                                       strict=True)
                              if not is_blank(y) and int(float(y)) == year)
            limit = least[line] * per
            if total > limit * (1 + 1e-9) + 1e-12:
                return year, limit, total, str(project["unit"]), line, other
    return None


def _placeholder(frame: pd.DataFrame, year: Any) -> bool:
    rows = frame[frame["year"] == year]
    return bool(len(rows)) and bool((rows["source"] == PLACEHOLDER).all())


def with_candidates(dataset: Any, candidates: Mapping[Hashable, tuple[int, ...]]) -> Any:
    """The dataset with zero-capacity placeholder projects in every candidate online year.

    Parameters
    ----------
    dataset : carbonpath.Dataset
    candidates : mapping of parameters.csv line to tuple of int
        For each committed-project row whose online year is sampled, the years it may take.

    Returns
    -------
    carbonpath.Dataset
        A copy whose parameters table starts with the placeholder rows (value 0, index
        ``"online candidate <line> <year>"``), one per candidate year that no project of the
        same technology and parameter holds. A model built from it has the rows of every
        candidate year and the central solution of ``dataset``.

    Raises
    ------
    DataError
        If a line is not a committed project or a year is not a decision year.
    """
    import dataclasses

    if not candidates:
        return dataset
    frame = dataset.tables["parameters"]
    problems = [p for line, years in candidates.items() for y in years
                for p in check_online(dataset, line, y, "uncertainty.csv")]
    DataError.collect(problems, "uncertainty.csv")
    extra = []
    for line, years in sorted(candidates.items(), key=lambda kv: str(kv[0])):
        row = frame.loc[line]
        held = set(frame[(frame["technology"] == row["technology"])
                         & (frame["parameter"] == row["parameter"])]["year"].dropna().astype(int))
        for y in sorted({int(v) for v in years} - held):
            new = row.copy()
            new["year"], new["value"], new["source"] = y, 0.0, PLACEHOLDER
            new.name = f"online candidate {line} {y}"
            extra.append(new)
            held.add(y)
    if not extra:
        return dataset
    # first, so that a sampled project moved onto a candidate year overrides its placeholder
    params = pd.concat([pd.DataFrame(extra)[frame.columns], frame])
    params["year"] = params["year"].astype(frame["year"].dtype)
    return dataclasses.replace(dataset, tables={**dataset.tables, "parameters": params})


def changed(tech: TechData, new: TechData) -> bool:
    """Whether the committed projects of ``new`` differ from those of ``tech``."""
    return (tech.ops.committed_new != new.ops.committed_new
            or tech.ops.committed != new.ops.committed)


def push_committed(pm: PathwayModel, tech: TechData) -> None:
    """Set the bounds of ``tech``'s committed-project rows to its projects (``tech.ops``).

    Raises
    ------
    StructureError
        If a project's year has no row in the built model (a year that was not a
        candidate when the model was built).
    """
    from carbonpath.model.overrides import _structure

    m, d, h = pm.model, pm.data, pm.highs
    ops = tech.ops
    built = {v for (p, v) in m.committed_new if p == tech.code}
    for v, amount in ops.committed_new.items():
        if v not in built and amount:
            raise _structure(tech.code, v, "a committed project comes online in a year that "
                             "was not a candidate when the model was built")
    for v in sorted(built):
        h.set_row_bounds(m.committed_new[tech.code, v], None,
                         -float(ops.committed_new.get(v, 0.0)))
    built = {y for (p, y) in m.committed_online if p == tech.code}
    for y in d.decision_years:
        need = sum(c for v, c in ops.committed.items() if v <= y < v + tech.lifetime)
        if y in built:
            h.set_row_bounds(m.committed_online[tech.code, y], None, -float(need))
        elif need > 0:
            raise _structure(tech.code, y, "a committed project comes online in a year "
                             "that was not a candidate when the model was built")
