"""Parameters a technology's kind, level or capacity cannot read (round 23 G01 .. G177).

A ``parameters.csv`` row that nothing in the model reads changed no result, silently: a
storage-only parameter on a power plant, a per-capacity parameter on an import that has no
capacity, an availability profile on it, adequacy data without ``reserves.csv``. One table
here says what each reads; :func:`unread_problems` refuses a row nothing can read (naming
file, row, column and what would be read instead) and warns
(:class:`UnreadParameterWarning`) where other data, a scenario's capacity rows, could make
it read. Split from :mod:`carbonpath.dataset.operations`, which calls it.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank, records
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["CAPACITY_ROWS", "UnreadParameterWarning", "later_capacity", "unread_problems"]

#: Parameters only storage technologies read (G01, G04, G06, G07): on another kind they
#: would change nothing.
_STORAGE_ONLY = ("capex_energy", "fixed_om_energy", "residual_energy_capacity",
                 "max_energy_capacity", "charge_efficiency", "discharge_efficiency",
                 "standing_loss", "min_duration", "max_duration")

#: Parameters read per unit of capacity (G159, G160, G161, G177): an import, export or
#: link without ``residual_capacity``, ``max_capacity`` or ``capex`` rows has no capacity,
#: so they would change nothing on it.
_CAPACITY_READ = ("fixed_om", "availability", "utilisation", "min_output", "ramp_rate",
                  "min_full_load_hours", "max_full_load_hours", "capacity_credit")

#: The rows that give an import, export or link a capacity (as the model builder reads it).
CAPACITY_ROWS = ("residual_capacity", "max_capacity", "capex")

#: Adequacy parameters, read only with a reserve margin (``reserves.csv``, G77).
_ADEQUACY = ("capacity_credit", "firm_capacity")


class UnreadParameterWarning(CarbonpathWarning):
    """A parameters.csv row nothing reads now, but which other data could make read.

    Adequacy data without ``reserves.csv`` (G77); a capacity parameter on an import that
    only a scenario gives capacity (G159).
    """


def later_capacity(config: dict[str, Any], folder: Any = None) -> set[str]:
    """Technologies a scenario gives a :data:`CAPACITY_ROWS` row.

    From the scenarios' ``parameters`` rows in dataset.yaml and, given the dataset
    ``folder``, its ``scenarios/<s>/parameters.csv`` files (their own checks come later).
    """
    out: set[str] = set()
    for path in sorted(Path(folder).glob("scenarios/*/parameters.csv")) if folder else ():
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                out |= {r.get("technology") for r in csv.DictReader(f)
                        if r.get("parameter") in CAPACITY_ROWS}
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # the scenario reader reports the file
    for settings in (config.get("scenarios") or {}).values():
        rows = (settings or {}).get("parameters") if isinstance(settings, dict) else None
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and row.get("parameter") in CAPACITY_ROWS:
                out.add(row.get("technology"))
    return out


def _where(line: Any, file: str) -> tuple[str, Any]:
    """(file, row) of a row label: a scenario CSV's ``scenarios/<s>/parameters.csv:3``."""
    if isinstance(line, str) and ".csv:" in line:
        where, row = line.rsplit(":", 1)
        return where, row
    if isinstance(line, str):
        return "dataset.yaml", line  # scenarios.<s>.parameters[i]
    return file, line


def unread_problems(tables: dict[str, pd.DataFrame], later: set[str] = frozenset(),
                    only: Any = None, file: str = "parameters.csv") -> list[Problem]:
    """Parameter rows the technology's kind, level or capacity cannot use (round 23 G).

    One table of who reads what: storage parameters (:data:`_STORAGE_ONLY`) only storage;
    ``utilisation`` only annual technologies (a timeslice technology's cap is
    ``max_full_load_hours``); the per-capacity parameters
    (:data:`_CAPACITY_READ`) only technologies with capacity (an import, export or link
    without :data:`CAPACITY_ROWS` rows has none); the adequacy parameters only with a
    ``reserves.csv``. (The timeslice-only and activity-only parameters are checked by
    :func:`check_operations` itself.)

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``parameters`` and ``technologies`` (and the optional ``reserves``).
    later : set of str
        Technologies a scenario gives capacity rows: their per-capacity rows are warned of
        (:class:`UnreadParameterWarning`), not refused.
    only : callable, optional
        Row label -> whether to check the row (a scenario's override rows only).
    file : str
        The file the rows' integer labels are lines of.

    Returns
    -------
    list of Problem
        One per row read by nothing, naming the file, row, column ``parameter`` and what
        would be read instead.
    """
    params, techs = tables["parameters"], tables["technologies"]
    kinds = dict(zip(techs["technology"], techs["kind"], strict=False))
    levels = dict(zip(techs["technology"], techs["level"], strict=False))
    capacitated = set(params.loc[params["parameter"].isin(CAPACITY_ROWS), "technology"])
    reserves = tables.get("reserves") is not None
    out: list[Problem] = []
    for line, row in records(params):
        name, code = row["parameter"], row["technology"]
        if code not in kinds or (only is not None and not only(line)):
            continue
        if is_blank(row["value"]):
            continue
        where, at = _where(line, file)
        kind = kinds[code]
        text = valid = None
        if name in _STORAGE_ONLY and kind != "storage":
            text = (f"'{name}' is a storage parameter and '{code}' is a {kind} technology, "
                    "so the row would change nothing")
            valid = ("storage technologies only (a plant's costs: capex, fixed_om, "
                     "variable_cost; its bounds: max_capacity, max_activity)")
        elif name == "utilisation" and levels[code] == "timeslice" and kind != "storage":
            text = (f"'{code}' is a timeslice technology, so its 'utilisation' would change "
                    "nothing in the decision years (it limits, or with fixed_utilisation fixes, "
                    "the activity of annual technologies; a timeslice one is dispatched hour "
                    "by hour)")
            valid = ("max_full_load_hours (or min_full_load_hours) in h/yr to bound its "
                     "annual hours")
        elif (name in _CAPACITY_READ and kind in ("import", "export", "link")
              and code not in capacitated):
            text = (f"'{name}' acts per unit of capacity, and {kind} '{code}' has none (no "
                    "residual_capacity, max_capacity or capex rows), so the row would change "
                    "nothing")
            valid = ("min_activity / max_activity (an annual amount) for an import's bounds "
                     "and variable_cost for its price; or give it a capacity (a "
                     "residual_capacity or max_capacity row)")
            if code in later:
                notices.warn(f"{where}, row {at}, column 'parameter': {text} unless a "
                             f"scenario's capacity rows for '{code}' apply; valid: {valid}",
                             UnreadParameterWarning, stacklevel=4)
                continue
        elif name in _ADEQUACY and not reserves:
            notices.warn(f"{where}, row {at}, column 'parameter': '{name}' of '{code}' counts "
                         "towards a reserve margin, and the dataset has no reserves.csv, so "
                         "the row changes nothing; add reserves.csv (a margin per commodity) "
                         "or remove the row", UnreadParameterWarning, stacklevel=4)
            continue
        if text is not None and where == "dataset.yaml":
            out.append(Problem(text, file=where, key=f"{at}.parameter", value=name,
                               valid=valid))
        elif text is not None:
            out.append(Problem(text, file=where, row=at, column="parameter", value=name,
                               valid=valid))
    if only is None:  # D62: technologies.csv's profile of a trade without capacity
        out += _unread_profiles(techs, capacitated, later)
    return out


def _unread_profiles(techs: pd.DataFrame, capacitated: set, later: set[str]) -> list[Problem]:
    """An ``availability_profile`` on an import, export or link without capacity (D62).

    The profile shapes the available capacity; without :data:`CAPACITY_ROWS` rows there is
    none, so it shapes nothing (refused; warned of if a scenario gives the capacity).
    """
    out = []
    for line, row in records(techs):
        code, profile = row["technology"], row.get("availability_profile")
        if (row["kind"] not in ("import", "export", "link") or is_blank(profile)
                or code in capacitated):
            continue
        text = (f"availability profile '{profile}' shapes the capacity of {row['kind']} "
                f"'{code}', which has none (no residual_capacity, max_capacity or capex rows), "
                "so it would change nothing")
        valid = ("blank, or a capacity for it (a max_capacity row in parameters.csv); hourly "
                 "limits of an import without capacity cannot be written")
        if code in later:
            notices.warn(f"technologies.csv, row {line}, column 'availability_profile': {text} "
                         f"unless a scenario's capacity rows apply; valid: {valid}",
                         UnreadParameterWarning, stacklevel=4)
            continue
        out.append(Problem(text, file="technologies.csv", row=line,
                           column="availability_profile", value=profile, valid=valid))
    return out
