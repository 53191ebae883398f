"""Office lock files (``~$parameters.csv``) beside tables a user has open (round 21 L116).

Excel and WPS keep such a file while a table is open; it holds no data. The readers of a
folder of tables skip it with a :class:`LockFileWarning` instead of refusing it as a typo of
the table's name (whose advice, renaming it, would have replaced the table).
"""

from __future__ import annotations

from collections.abc import Iterable

from carbonpath.errors import CarbonpathWarning

__all__ = ["LOCK_NOTE", "LOCK_PREFIX", "LockFileWarning", "lock_note", "locked_table"]

LOCK_PREFIX = "~$"
"""The name prefix of the lock file Excel and WPS keep beside a file they have open
(``~$parameters.csv`` while ``parameters.csv`` is open; Word-style names drop letters:
``~$rameters.csv``). LibreOffice's ``.~lock.<name>#`` starts with a dot and is skipped as
every hidden file is."""


LOCK_NOTE = ": skipped, an office lock file:"
"""The words after the file name in every :func:`lock_note` (to tell its warning apart)."""


class LockFileWarning(CarbonpathWarning):
    """An office lock file (``~$<table>``) skipped in a folder of tables: the table is open."""


def locked_table(name: str, tables: Iterable[str]) -> str | None:
    """The table an office lock file ``name`` stands beside, or None if it is no lock file.

    Parameters
    ----------
    name : str
        A file name (``~$parameters.csv``).
    tables : iterable of str
        The table names of the folder (known or present).

    Returns
    -------
    str or None
        None if ``name`` does not start with :data:`LOCK_PREFIX`; else the table it locks
        (the name without the prefix, or the one table whose name ends with what follows
        the prefix, Word-style), or ``""`` if none matches.
    """
    if not name.startswith(LOCK_PREFIX):
        return None
    rest = name[len(LOCK_PREFIX):]
    names = [t for t in tables if not t.startswith(LOCK_PREFIX)]
    if rest in names:
        return rest
    ends = [t for t in names if rest and t.endswith(rest)]
    return ends[0] if len(ends) == 1 else ""


def lock_note(where: str, name: str, table: str) -> str:
    """The text of a :class:`LockFileWarning` for lock file ``name`` of ``table`` in ``where``."""
    of = f"'{table}'" if table else "a file of this folder"
    return (f"{where}{name}{LOCK_NOTE} Excel or WPS keeps it while {of} "
            f"is open, and it holds no data; {of} is read as last saved (save it so that "
            "unsaved edits count; the lock file goes when it is closed). Do not rename the "
            "lock file: it would replace the table")
