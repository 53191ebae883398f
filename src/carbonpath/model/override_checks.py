"""Warm overrides: what they are, and which rows a built model can change.

The vocabulary of :mod:`carbonpath.model.overrides`: the :data:`Overrides` mapping, the
parameters, drivers, tables and technology kinds whose rows a built model can change,
:class:`StructureError`, and :func:`check_overrides`, which checks a set of overrides
against a dataset before anything is changed.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.codes import closest_choice
from carbonpath.dataset.domains import domain_problems
from carbonpath.errors import DataError, Problem, line_label
from carbonpath.model.online_years import check_online

__all__ = ["BOUND_PARAMETERS", "COEFFICIENT_PARAMETERS", "COLD_DRIVERS", "COST_PARAMETERS",
           "GDP_TARGETS", "WARM_DRIVERS", "WARM_EMISSION_KINDS", "WARM_FLOW_KINDS",
           "WARM_PARAMETERS", "WARM_TABLES", "Overrides", "StructureError", "check_overrides",
           "cold_driver_reason", "link_problem"]

#: A set of overrides: (table, file line) -> new value in the row's unit; or
#: ("parameters", file line, "year") -> a committed project's new online year (see
#: :mod:`carbonpath.model.online_years`).
Overrides = Mapping[tuple[str, Hashable], float]

COST_PARAMETERS = ("capex", "capex_energy", "fixed_om", "fixed_om_energy", "variable_cost")
BOUND_PARAMETERS = ("max_capacity", "min_capacity", "max_new_capacity", "min_new_capacity",
                    "max_activity", "min_activity")
COEFFICIENT_PARAMETERS = ("availability", "utilisation")
#: parameters.csv parameters whose rows can be changed in a built model.
WARM_PARAMETERS = COST_PARAMETERS + BOUND_PARAMETERS + COEFFICIENT_PARAMETERS
#: drivers.csv drivers whose rows can be changed in a built model: the grid emission factor
#: (emission coefficients of traded electricity) and GDP (the coefficients and right-hand
#: sides of the intensity targets' rows, see :data:`GDP_TARGETS`).
WARM_DRIVERS = ("grid_emission_factor", "gdp")
#: Target types whose rows use GDP (a coefficient, or the right-hand side).
GDP_TARGETS = ("emission_intensity", "energy_intensity", "energy_intensity_adjusted")
#: Why the other drivers cannot be changed in a built model.
COLD_DRIVERS = {
    "population": "no row of the model and no result uses population (the model has no "
                  "per-capita target or indicator), so a sample would change nothing",
    "grid_nonfossil_share": "it sets the standard-coal coefficients of imported electricity "
                            "in the energy accounting rows, which a built model does not "
                            "recompute",
    "thermal_power_coal_rate": "it sets the standard-coal coefficients of electricity in the "
                               "energy accounting rows, which a built model does not "
                               "recompute",
}


def cold_driver_reason(name: str, known: Iterable[str] | None = None) -> str:
    """Why driver ``name`` cannot be changed in a built model (see :data:`COLD_DRIVERS`).

    Parameters
    ----------
    name : str
        A driver that is not in :data:`WARM_DRIVERS`.
    known : iterable of str, optional
        The dataset's drivers (``drivers.csv``). A name that is none of them, nor a driver
        carbonpath knows, is said to be unknown, with the driver it is closest to (``GDP``:
        did you mean 'gdp'), not to be one a built model cannot change (MD07).

    Returns
    -------
    str
        The reason.
    """
    if name in COLD_DRIVERS:
        return f"driver '{name}' cannot be sampled: {COLD_DRIVERS[name]}"
    drivers = {*WARM_DRIVERS, *COLD_DRIVERS, *(() if known is None else map(str, known))}
    if known is not None and name in drivers:
        return f"driver '{name}' cannot be sampled: a built model cannot change it"
    text = str(name)
    near = ([d for d in sorted(drivers) if d.lower() == text.lower()]
            or [d for d in [closest_choice(text, sorted(drivers))] if d]  # 人口 (Q39)
            or difflib.get_close_matches(text, sorted(drivers), n=1, cutoff=0.6))
    hint = f" (names are lower case: did you mean '{near[0]}'?)" if near and \
        near[0].lower() == text.lower() else f" (did you mean '{near[0]}'?)" if near else ""
    return f"unknown driver '{name}'{hint}"
WARM_TABLES = ("parameters", "demands", "drivers", "profiles", "flows", "emissions")
#: Technology kinds whose emission factors (emissions.csv rows) a built model can change:
#: the factors of what a city buys or sells (the market's factor of traded electricity).
WARM_EMISSION_KINDS = ("import", "export")
#: Technology kinds whose flows a built model can change (the others feed the accounting
#: of energy consumption at its standard-coal coefficients).
WARM_FLOW_KINDS = ("conversion", "demand")


class StructureError(DataError):
    """An override would change the shape of the built model's matrix; rebuild instead."""


def check_overrides(dataset: Any, overrides: Overrides, file: str = "overrides") -> None:
    """Check that every override names an existing row that a built model can change.

    Parameters
    ----------
    dataset : carbonpath.Dataset
        The dataset the overrides refer to.
    overrides : mapping
        (table, file line) -> value.
    file : str
        Where the overrides came from (for messages).

    Raises
    ------
    DataError
        Listing every override whose table or row does not exist, whose value is not a
        finite number, or whose parameter or driver cannot be changed warm (names the
        supported ones).
    """
    problems = []
    for key, value in overrides.items():
        if len(key) == 3:  # (table, line, "year"): a committed project's online year
            table, line, column = key
            line = line_label(line)  # a float key of a whole line reads as the line (11)
            if table != "parameters" or column != "year":
                problems.append(Problem(f"only the year of a parameters.csv row can be "
                                        f"changed, not {table}.{column}", file=file,
                                        value=column, valid="('parameters', line, 'year')"))
                continue
            problems += check_online(dataset, line, value, file)
            continue
        table, line = key
        line = line_label(line)  # ("flows", 11.0) is line 11 (round 18)
        if table not in WARM_TABLES:
            problems.append(Problem(f"table '{table}' cannot be changed in a built model",
                                    file=file, value=table, valid=", ".join(WARM_TABLES)))
            continue
        frame = dataset.tables.get(table)  # emissions.csv is optional
        if frame is None or line not in frame.index:
            text = (f"; a line is an int ({int(line)}, not {line!r})" if isinstance(line, str)
                    and line.strip().isdigit() else "")
            ints = [x for x in frame.index if isinstance(x, (int, np.integer))]
            problems.append(Problem(f"{table}.csv has no row {line!r}{text}", file=file,
                                    value=line, valid=f"file lines of {table}.csv: "
                                    f"{min(ints)} .. {max(ints)}" if ints else None))
            continue
        if hasattr(value, "units") and hasattr(value, "magnitude"):  # a pint quantity
            unit = frame.loc[line, "unit"] if "unit" in frame.columns else "the row's unit"
            problems.append(Problem(f"{table}.csv row {line}: the new value is a quantity "
                                    f"({value}); give a plain number in the row's unit "
                                    f"({unit})", file=file, value=str(value),
                                    valid=f"a number in {unit}"))
        elif not isinstance(value, (int, float, np.floating, np.integer)) or isinstance(
                value, bool):  # J69: a Decimal, a string... is a finite number of another type
            problems.append(Problem(
                f"{table}.csv row {line}: the new value is a {type(value).__name__}, not a "
                f"float or an int", file=file, value=repr(value),
                valid="a float or an int (e.g. float(value))"))
        elif not math.isfinite(float(value)):
            problems.append(Problem(f"{table}.csv row {line}: the new value is not a finite "
                                    "number", file=file, value=value, valid="a finite number"))
        else:  # the loader's domain of the row (dataset/domains.py)
            problems += domain_problems(dataset.tables, table, line, value, file)
        if table == "parameters":
            name = frame.loc[line, "parameter"]
            link = link_problem(dataset, frame.loc[line, "technology"], file=f"{table}.csv",
                                row=line)
            if link is not None:
                problems.append(link)
            elif name not in WARM_PARAMETERS:
                problems.append(Problem(
                    f"parameter '{name}' cannot be changed in a built model",
                    file=f"{table}.csv", row=line, column="parameter", value=name,
                    valid=", ".join(WARM_PARAMETERS)))
        elif table == "drivers":
            name = frame.loc[line, "driver"]
            if name not in WARM_DRIVERS:
                problems.append(Problem(
                    cold_driver_reason(name, dataset.tables["drivers"]["driver"]),
                    file="drivers.csv",
                    row=line, column="driver", value=name, valid=", ".join(WARM_DRIVERS)))
            elif name == "gdp" and isinstance(value, (int, float, np.floating, np.integer)) \
                    and float(value) <= 0:
                problems.append(Problem(
                    f"drivers.csv row {line}: a GDP must be > 0 (intensity targets divide by "
                    "it)", file="drivers.csv", row=line, column="value", value=value,
                    valid="a GDP > 0 in the row's unit"))
        elif table == "flows":
            problems += _flow_problems(dataset, frame, line, value)
        elif table == "emissions":
            problems += _emission_problems(dataset, frame, line)
        elif table == "profiles":
            name = frame.loc[line, "profile"]
            techs = dataset.tables["technologies"]
            if "load_profile" in techs and (techs["load_profile"] == name).any():
                problems.append(Problem(
                    f"profile '{name}' is the load profile of annual technologies, which a "
                    "built model cannot change (availability and demand profiles can)",
                    file="profiles.csv", row=line, column="profile", value=name))
    DataError.collect(problems, "overrides")



def link_problem(dataset: Any, code: Any, **where: Any) -> Problem | None:
    """Why a parameter row of a link (``links.csv``) cannot be overridden; None if no link.

    :meth:`PathwayModel.apply` and Monte Carlo samples rebuild the data of technologies
    only, and a link is none (MR12 had ended in pandas' IndexError).

    Parameters
    ----------
    dataset : carbonpath.Dataset
        The dataset.
    code : str
        The row's ``technology`` cell.
    where : dict
        ``file``, ``row``, ``column`` of the problem.
    """
    links = dataset.tables.get("links")
    if links is None or code not in set(links["link"]):
        return None
    return Problem(f"'{code}' is a link (links.csv), whose parameters a warm override cannot "
                   "change", value=code, valid=f"PathwayModel.update(technology='{code}', "
                   "parameter=...) for its variable_cost and bounds, or the value in "
                   "parameters.csv and a new model", **{"column": "technology", **where})


def _flow_problems(dataset: Any, frame: pd.DataFrame, line: Hashable,
                   value: Any = None) -> list[Problem]:
    """Why a flow row cannot be changed in a built model, or not to ``value`` (empty if it can).

    An output made larger than the activity counted in it (a unit per the same kind of unit
    above 1) is refused as the model data refuse it
    (:func:`carbonpath.model.base_balance.gain_problems`, round 18), unless the row says
    ``override: <reason>`` in its ``plausibility`` cell.
    """
    code = frame.loc[line, "technology"]
    techs = dataset.tables["technologies"].set_index("technology")
    kind, nonfossil = techs.loc[code, "kind"], bool(techs.loc[code, "nonfossil"])
    if kind not in WARM_FLOW_KINDS or nonfossil:
        return [Problem(f"the flows of '{code}' ({kind}{', non-fossil' if nonfossil else ''}) "
                        "feed the accounting of energy consumption and cannot be changed in a "
                        "built model", file="flows.csv", row=line, column="technology",
                        value=code, valid="flows of fossil conversion and demand technologies")]
    params = dataset.tables["parameters"]
    observed = params[(params["technology"] == code) & (params["parameter"] == "activity")
                      & (params["value"] != 0)]
    if len(observed):
        return [Problem(f"'{code}' has an observed base-year activity (parameters.csv row "
                        f"{line_label(observed.index[0])}), fixed in the model with its flows; "
                        "flows have no year, so changing one would contradict the observed "
                        "base year",
                        file="flows.csv", row=line, column="value",
                        valid="flows of technologies without base-year activity (new ones)")]
    return _gain_problem(frame, line, code, value)


def _gain_problem(frame: pd.DataFrame, line: Hashable, code: str, value: Any) -> list[Problem]:
    """An output row changed to more than the activity it is counted in (empty if not)."""
    from carbonpath.errors import UnitError
    from carbonpath.plausibility import is_override
    from carbonpath.units import unit_factor

    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return []  # refused by its own check
    row = frame.loc[line]
    if row["direction"] != "output" or is_override(row.get("plausibility")):
        return []
    try:
        ratio = float(value) * unit_factor(str(row["unit"]), "1")  # same kind: a pure ratio
    except (TypeError, ValueError, UnitError, KeyError):
        return []  # another kind of unit (GJ/t), or a value refused by its own check
    if not ratio > 1.0 + 1e-9:
        return []
    return [Problem(f"'{code}' would give {ratio:g} {row['commodity']} per unit of its "
                    f"activity counted in the same unit ({value:g} {row['unit']}): more than "
                    "its activity, which only a conversion that gains energy does",
                    file="flows.csv", row=line, column="value", value=value,
                    valid="at most 1 in the activity's unit; or 'override: <reason>' in the "
                          "row's plausibility column of flows.csv (an activity that is not "
                          "this output), then load the dataset again")]



def _emission_problems(dataset: Any, frame: pd.DataFrame, line: Hashable) -> list[Problem]:
    """Why an emissions.csv row cannot be changed in a built model (empty if it can)."""
    code = frame.loc[line, "technology"]
    techs = dataset.tables["technologies"].set_index("technology")
    kind = techs.loc[code, "kind"] if code in techs.index else None
    if kind in WARM_EMISSION_KINDS:
        return []
    return [Problem(f"the emission factors of '{code}' ({kind}) cannot be changed in a built "
                    "model; those of import and export technologies can (the factor of "
                    "what the city buys or sells)", file="emissions.csv", row=line,
                    column="technology", value=code,
                    valid="emission factors of import and export technologies")]


def _structure(name: str, year: int, why: str) -> StructureError:
    return StructureError(Problem(
        f"'{name}' in {year}: {why}, which changes the shape of the built model's matrix",
        valid="ranges that keep zero values zero and nonzero values nonzero, or a rebuilt "
              "model"))
