"""Checks of a Monte Carlo result store before anything reads it.

A store folder (:mod:`carbonpath.sweeps.store`) keeps in ``.carbonpath-manifest.json`` the
SHA-256 checksum of every file it wrote. A report of a store (``carbonpath report
--montecarlo``) verifies ``store.json``, ``inputs.parquet`` and every part against it first
(:func:`damaged_store_files`), like a report of a run folder: a part that is missing, a file
edited since (``store.json`` with another sample count, a truncated part), a part that
carbonpath did not write, or a file replaced by a symbolic link (even to identical content:
what a link points to can change after the check) is named, never rendered as if it were
what the sweep produced. :func:`read_part` turns a part that cannot be read as Parquet into a
:class:`~carbonpath.errors.ResultsError` naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from carbonpath.errors import ResultsError, short_list

__all__ = ["check_store_files", "damaged_store_files", "read_part"]

#: The files a reader of a store uses (folders end in "/"): checked against the manifest.
READ_NAMES = ("store.json", "inputs.parquet", "parts/")


def _read(rel: str) -> bool:
    return any(rel == n or (n.endswith("/") and rel.startswith(n)) for n in READ_NAMES)


def damaged_store_files(folder: str | Path) -> list[tuple[Path, str]] | None:
    """The store's files that are missing, changed, symbolic links or not carbonpath's.

    Parameters
    ----------
    folder : str or pathlib.Path
        A store folder (the ``--out`` of ``carbonpath montecarlo``).

    Returns
    -------
    list of (pathlib.Path, str) or None
        Each damaged file with what is wrong (``missing``, ``changed``, ``a symbolic link``,
        ``not written by carbonpath``); empty if all are as written. None if the folder has
        no readable manifest (a store written before carbonpath kept manifests), so nothing
        can be verified.
    """
    from carbonpath.outputs import manifest, sha256

    folder = Path(folder)
    listed = manifest(folder)
    if listed is None:
        return None
    listed = {rel: sums for rel, sums in listed.items() if _read(rel)}
    damaged = []
    for rel, sums in sorted(listed.items()):
        path = folder / rel
        if path.is_symlink():
            damaged.append((path, "a symbolic link"))
        elif not path.is_file():
            damaged.append((path, "missing"))
        elif sha256(path) not in sums:
            damaged.append((path, "changed"))
    parts = folder / "parts"
    for path in sorted(parts.glob("part-*.parquet")) if parts.is_dir() else []:
        if path.relative_to(folder).as_posix() not in listed:
            damaged.append((path, "not written by carbonpath"))
    return damaged


def check_store_files(folder: str | Path) -> None:
    """Refuse a store whose files differ from what carbonpath wrote (see the module).

    Raises
    ------
    ResultsError
        Naming every damaged file and what is wrong with it, or the manifest if it cannot
        be read.
    """
    from carbonpath.output_guests import manifest_damage
    from carbonpath.outputs import MANIFEST

    why = manifest_damage(Path(folder) / MANIFEST)
    if why:  # N132: a damaged manifest verifies nothing; it is not a store without one
        msg = (f"the Monte Carlo store {folder} is damaged: its {MANIFEST} cannot be read "
               f"({why}), so its files cannot be checked against what carbonpath wrote; "
               "make the store anew (run `carbonpath montecarlo` into a new folder)")
        raise ResultsError(msg)
    damaged = damaged_store_files(folder)
    if damaged:
        named = short_list([f"{path} ({what})" for path, what in damaged])
        msg = (f"the Monte Carlo store {folder} is damaged: {len(damaged)} file(s) differ from "
               f"what carbonpath wrote (checksums of {MANIFEST}): {named}. Parts that are "
               "missing are solved again by running the same `carbonpath montecarlo` command "
               "into it; an edited, added or linked file must be restored (symbolic links "
               "are not accepted: a copy of the file is), or the store made anew")
        raise ResultsError(msg)


def read_part(path: Path) -> pd.DataFrame:
    """Read one Parquet part of a store.

    Raises
    ------
    ResultsError
        If the file cannot be read as Parquet (truncated, overwritten), naming it.
    """
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        msg = (f"{path} is damaged: it cannot be read as Parquet ({str(exc).strip()}); "
               "delete it and run the same `carbonpath montecarlo` command into the store "
               "again to solve its samples anew")
        raise ResultsError(msg) from None
