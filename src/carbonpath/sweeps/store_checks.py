"""Checks of a Monte Carlo result store before anything reads it.

A store folder (:mod:`carbonpath.sweeps.store`) keeps in ``.carbonpath-manifest.json`` the
SHA-256 checksum of every file it wrote. A report of a store (``carbonpath report
--montecarlo``) verifies ``store.json``, ``inputs.parquet`` and every part against it first
(:func:`damaged_store_files`), like a report of a run folder: a part or ``inputs.parquet``
that is missing (listed or not: round 26, KB42), a file
edited since (``store.json`` with another sample count, a truncated part), a part that
carbonpath did not write, or a file replaced by a symbolic link (even to identical content:
what a link points to can change after the check) is named, never rendered as if it were
what the sweep produced. :func:`read_part` turns a part that cannot be read as Parquet into a
:class:`~carbonpath.errors.ResultsError` naming the file.

A manifest is lost by a copy that skips hidden files, so the parts also carry their own
record (round 23, F72): :func:`write_part` writes the store's ``inputs`` (the dataset's and
``uncertainty.csv``'s checksums, samples, seed, scenarios, hours) into each part's Parquet
metadata, and :func:`check_parts` refuses, with or without a manifest, a part recorded for
other inputs (a part of another store copied in) and a part whose samples another part
already holds (parts written before parts carried the record are caught by this alone).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.errors import ResultsError, StoreMismatchError, short_list

__all__ = ["PART_KEY", "check_parts", "check_store_files", "damaged_store_files",
           "part_inputs", "read_part", "write_part"]

#: The key of a part's Parquet metadata holding the store's ``inputs`` (JSON).
PART_KEY = b"carbonpath.store_inputs"

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
    for rel in ("inputs.parquet",):  # KB42: a resume before round 26 unlisted it when missing
        if rel not in listed and not (folder / rel).exists():
            damaged.append((folder / rel, "missing"))
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
               f"what carbonpath wrote (checksums of {MANIFEST}): {named}. Parts and an "
               "inputs.parquet that are missing are written again by running the same "
               "`carbonpath montecarlo` command into it (the same seed draws the same "
               "samples); a missing store.json cannot be restored (make the store anew), and "
               "an edited, added or linked file must be restored (symbolic links are not "
               "accepted: a copy of the file is), or the store made anew")
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


def _canonical(inputs: Any) -> str:
    return json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)


def write_part(frame: pd.DataFrame, path: Path, inputs: dict[str, Any] | None) -> None:
    """Write one part as Parquet with the store's ``inputs`` in its metadata (:data:`PART_KEY`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The part's rows (:data:`carbonpath.sweeps.montecarlo.COLUMNS`).
    path : pathlib.Path
        Where to write it.
    inputs : dict or None
        ``store.json``'s ``inputs`` (dataset and uncertainty checksums, settings); None
        writes no record.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if inputs is not None:
        meta = dict(table.schema.metadata or {})
        meta[PART_KEY] = _canonical(inputs).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    pq.write_table(table, path)


def part_inputs(path: Path) -> dict[str, Any] | None:
    """The store ``inputs`` a part recorded (:func:`write_part`); None if it has none."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
        return json.loads(meta[PART_KEY]) if PART_KEY in meta else None
    except (OSError, ValueError):  # unreadable: read_part names it
        return None


def _one_record(parts: list[Path]) -> bool:
    """Whether every part records the same inputs (all of them read)."""
    found = [part_inputs(path) for path in parts]
    return all(f is not None for f in found) and len({_canonical(f) for f in found}) == 1


def check_parts(folder: Path, parts: list[Path], frames: list[pd.DataFrame],
                inputs: dict[str, Any] | None) -> None:
    """Refuse parts that are not this store's (round 23, F72), with or without a manifest.

    Parameters
    ----------
    folder : pathlib.Path
        The store folder (for the message).
    parts, frames : list
        The part files, in order, and their rows as read.
    inputs : dict or None
        ``store.json``'s ``inputs``; None skips the comparison of recorded inputs.

    Raises
    ------
    StoreMismatchError
        Naming each part recorded for other inputs (and what differs: ``hours 4 -> 2``,
        ``dataset.yaml changed``), or holding a (scenario, sample) another part holds.
        When every part records the same inputs and store.json alone differs, the message
        says so (store.json edited, or all parts from another store), blaming no part.
    """
    from carbonpath.sweeps.store import _differences

    foreign, differences, other = [], [], set()
    if isinstance(inputs, dict):
        wanted = {"dataset": inputs.get("dataset") or {},
                  "uncertainty": inputs.get("uncertainty") or {},
                  "settings": inputs.get("settings") or {}}
        for path in parts:
            found = part_inputs(path)
            if found is None or _canonical(found) == _canonical(inputs):
                continue
            what = _differences(wanted, {**{"dataset": {}, "uncertainty": {}, "settings": {}},
                                         **found})
            differences += [d for d in what if d not in differences]
            other.add(path)
            foreign.append(f"{path.relative_to(folder).as_posix()} "
                           f"({short_list(what) or 'other inputs'})")
    seen: dict[tuple[str, int], Path] = {}
    twice = []
    for path, frame in zip(parts, frames, strict=True):
        status = frame[frame["metric"] == "status"]
        keys = set(zip(status["scenario"].astype(str), status["sample"].astype(int),
                       strict=True))
        again = sorted(k for k in keys if k in seen)
        if again and path not in other:  # a part of other inputs is named once, above
            first = seen[again[0]].relative_to(folder).as_posix()
            listed = short_list([f"{s} {n}" for s, n in again])
            twice.append(f"{path.relative_to(folder).as_posix()} holds sample(s) {listed} "
                         f"that {first} holds already")
        for key in keys:
            seen.setdefault(key, path)
    if foreign and not twice and len(other) == len(parts) and _one_record(parts):
        # round 27 KC19: every part agrees with the others and not with store.json
        msg = (f"the Monte Carlo store {folder}: its store.json and its parts disagree "
               f"({short_list(differences)}; store.json's value first, the parts' second)"
               f"{'' if len(parts) == 1 else f', and all {len(parts)} parts agree with each other'}"
               ". Either store.json was "
               "edited after the sweep (restore its recorded settings, the parts' values "
               "here) or every part was copied in from another store (make the store anew "
               "with `carbonpath montecarlo`)")
        raise StoreMismatchError(msg, differences or ["parts"])
    if foreign or twice:
        named = "; ".join([*(f"{p} was written for other inputs" for p in foreign), *twice])
        msg = (f"the Monte Carlo store {folder} holds parts that are not its own: {named}. "
               "Its samples must not be pooled with another sweep's (another dataset, "
               "resolution, seed or set of samples): remove the part(s) copied in from "
               "another store, or make the store anew with `carbonpath montecarlo`")
        raise StoreMismatchError(msg, differences or ["parts"])
