"""Which files a dataset folder may hold: an unknown table is an error, not ignored.

A table the loader does not read (``Parameters.csv`` next to ``parameters.csv``, a typo such
as ``demand.csv``, a workbook, a stray ``plan.yml``) would otherwise be ignored silently, and
the user would believe its values are in the model. Non-table files (``README.md``,
``FORMAT-NOTES.md``, a ``tools/`` folder, editor files starting with ``.``) are allowed; the
``scenarios/`` folder is checked by :func:`override_file_problems`. The lock file Excel
or WPS keeps beside an open table (``~$parameters.csv``) is skipped with a
:class:`~carbonpath._office_locks.LockFileWarning` (L116: it had been refused as a typo of
the table, with the advice to rename it onto the table).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from carbonpath._office_locks import LockFileWarning, lock_note, locked_table
from carbonpath.dataset import notices
from carbonpath.dataset.tables import closest
from carbonpath.errors import Problem

__all__ = ["KNOWN_FILES", "TABLE_SUFFIXES", "override_file_problems", "unknown_file_problems"]

KNOWN_FILES = ("dataset.yaml", "plan.yaml", "commodities.csv", "technologies.csv",
               "flows.csv", "parameters.csv", "demands.csv", "profiles.csv", "drivers.csv",
               "emissions.csv", "reserves.csv", "links.csv", "reference.csv", "activity.csv",
               "production.csv", "uncertainty.csv", "uncertainty_correlations.csv",
               "mapping.csv", "ranges.csv")
"""Every table or configuration file a dataset folder may hold (read by carbonpath, or
written by ``carbonpath init`` for the record: ``mapping.csv``, ``ranges.csv``)."""

TABLE_SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".ods", ".yaml", ".yml", ".tsv")
"""Suffixes of files that look like a table or configuration (checked against
:data:`KNOWN_FILES`, case-insensitively)."""


def unknown_file_problems(folder: Path) -> list[Problem]:
    """One problem per table-like file of ``folder`` that is not a known dataset file.

    Parameters
    ----------
    folder : pathlib.Path
        The dataset folder (only its top level is looked at).

    Returns
    -------
    list of Problem
        Naming the file and the valid names (the closest one first, if it is close).

    Warns
    -----
    LockFileWarning
        For each office lock file (``~$parameters.csv``), which is skipped.
    """
    out = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") or path.is_dir() or name in KNOWN_FILES:
            continue
        table = locked_table(name, KNOWN_FILES)
        if table is not None:  # L116: Excel or WPS has the table open
            notices.warn(lock_note("", name, table), LockFileWarning, stacklevel=2)
            continue
        if path.suffix.lower() not in TABLE_SUFFIXES:
            continue
        near = [k for k in KNOWN_FILES if k.lower() == name.lower()
                or Path(k).stem == path.stem.lower()]
        if not near:
            near = difflib.get_close_matches(name.lower(), KNOWN_FILES, n=1, cutoff=0.8)
        hint = f"did you mean '{near[0]}'? " if near else ""
        kind = ("a workbook: save each sheet as CSV under its table name; "
                if path.suffix.lower() in (".xlsx", ".xls", ".xlsm", ".ods") else "")
        out.append(Problem(
            f"unknown file in the dataset folder: carbonpath reads no '{name}', so its values "
            f"would be ignored; {kind}rename it to a table name, or move it out of the folder",
            file=name, value=name,
            valid=f"{hint}file names (case-sensitive): {', '.join(KNOWN_FILES)}; "
                  "other files (README.md, *.md, folders) are allowed"))
    return out


def override_file_problems(root: Path, names: list[str], tables: list[str]) -> list[Problem]:
    """Every file under ``scenarios/`` must be an override table a scenario reads.

    A misspelt table (``emisions.csv``), a folder that names no scenario, a file directly in
    ``scenarios/`` or a workbook (``parameters.xlsx``) would otherwise be ignored silently.
    Files and folders whose names start with a dot are skipped with all they hold: editor
    and system debris (``.ipynb_checkpoints/``, ``.DS_Store``, ``.~lock.*#``), documented in
    docs/scenarios.md; an office lock file (``~$parameters.csv``) is skipped with a
    :class:`~carbonpath._office_locks.LockFileWarning` (L116).

    Parameters
    ----------
    root : pathlib.Path
        The dataset's ``scenarios/`` folder (nothing is checked if it does not exist).
    names : list of str
        The scenarios of dataset.yaml.
    tables : list of str
        The override tables' file names (``parameters.csv`` ...).

    Returns
    -------
    list of Problem
        One per file or folder no scenario reads.
    """
    if not root.is_dir():
        return []
    problems = []
    stems = {Path(t).stem for t in tables}
    for path in sorted(root.iterdir()):
        rel = f"scenarios/{path.name}"
        if path.name.startswith("."):
            continue  # editor and system debris (.DS_Store, .~lock, .ipynb_checkpoints/)
        if not path.is_dir():
            problems.append(Problem(
                "a file directly in scenarios/ is read by no scenario; override tables go "
                "into scenarios/<scenario>/", file=rel, value=path.name,
                valid=f"scenarios/<scenario>/<table>.csv, scenarios: {', '.join(names)}"))
            continue
        if path.name not in names:
            problems.append(Problem(
                f"folder '{path.name}' names no scenario of dataset.yaml, so its files would "
                "be ignored", file=rel, value=path.name,
                valid=closest(path.name, set(names)) if names else "no scenario is defined"))
            continue
        for inner in sorted(path.iterdir()):
            if inner.name.startswith("."):
                continue
            table = locked_table(inner.name, tables)
            if table is not None:  # L116: Excel or WPS has the override table open
                notices.warn(lock_note(f"{rel}/", inner.name, table), LockFileWarning,
                             stacklevel=3)
                continue
            if inner.is_dir() or inner.suffix != ".csv" or inner.stem not in stems:
                hint = closest(inner.stem, stems)
                hint = f"; {hint}" if hint.startswith("did you mean") else ""
                kind = ("a workbook: save each sheet as CSV" if inner.suffix.lower()
                        in (".xlsx", ".xls", ".xlsm", ".ods") else
                        "not an override table a scenario reads")
                problems.append(Problem(f"{kind}, so it would be ignored", file=f"{rel}/"
                                        f"{inner.name}", value=inner.name,
                                        valid=f"{', '.join(tables)}{hint}"))
    return problems
