"""Which files a dataset folder may hold: an unknown table is an error, not ignored.

A table the loader does not read (``Parameters.csv`` next to ``parameters.csv``, a typo such
as ``demand.csv``, a workbook, a stray ``plan.yml``) would otherwise be ignored silently, and
the user would believe its values are in the model. Non-table files (``README.md``,
``FORMAT-NOTES.md``, a ``tools/`` folder, editor files starting with ``.``) are allowed; the
``scenarios/`` folder is checked by :mod:`carbonpath.dataset.scenarios`. The lock file Excel
or WPS keeps beside an open table (``~$parameters.csv``) is skipped with a
:class:`~carbonpath._io.LockFileWarning` (L116: it had been refused as a typo of the table,
with the advice to rename it onto the table).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from carbonpath._io import LockFileWarning, lock_note, locked_table
from carbonpath.dataset import notices
from carbonpath.errors import Problem

__all__ = ["KNOWN_FILES", "TABLE_SUFFIXES", "unknown_file_problems"]

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
