"""A dataset's tables edited in Python after they were validated.

:func:`carbonpath.load_dataset` validates every table (domains, units, slips) when it
reads the files. A :class:`~carbonpath.Dataset`'s tables are plain DataFrames, so a user
can change them afterwards (``ds.tables["parameters"].loc[m, "value"] = -3000``); such a
value would reach the model unchecked, and a changed unit would be ignored where the
model uses what it parsed at load time. So the loader records a fingerprint of every table
(:func:`remember`), and :class:`~carbonpath.PathwayModel` refuses a dataset whose tables no
longer match it (:func:`check_unedited`), naming the table and the first row changed.
Changes go into the files (then ``load_dataset`` again), or through
:meth:`~carbonpath.PathwayModel.update` and :meth:`~carbonpath.PathwayModel.apply`, which
check them.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["check_unedited", "override_checksums", "remember"]

_PRINTS: dict[int, dict[str, tuple[tuple, np.ndarray, tuple]]] = {}


def _print(frame: pd.DataFrame) -> tuple[tuple, np.ndarray, tuple]:
    """(index labels, one hash per row, columns) of a table."""
    hashes = pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy()
    return tuple(frame.index), hashes, tuple(frame.columns)


def remember(dataset: Any, prints: dict[str, tuple] | None = None) -> dict[str, tuple]:
    """Record the fingerprint of every table of a freshly validated dataset; return them.

    ``prints``: the fingerprints already made of these tables (a dataset read back from the
    disk cache with them), else they are made here.
    """
    key = id(dataset)
    if prints is None:
        prints = {name: _print(frame) for name, frame in dataset.tables.items()
                  if isinstance(frame, pd.DataFrame)}
    _PRINTS[key] = prints
    weakref.finalize(dataset, _PRINTS.pop, key, None)
    return prints


def check_unedited(dataset: Any) -> None:
    """Refuse a dataset whose tables changed since they were validated.

    Raises
    ------
    DataError
        Naming the table (file), the first row that differs and how to make the change.
    """
    prints = _PRINTS.get(id(dataset))
    if prints is None:  # built in memory, not by the loader: nothing recorded to compare
        return
    problems = []
    for name, frame in dataset.tables.items():
        if name not in prints or not isinstance(frame, pd.DataFrame):
            continue
        index, hashes, columns = prints[name]
        now = _print(frame)
        if now[0] == index and now[2] == columns and np.array_equal(now[1], hashes):
            continue
        row = None
        if now[0] == index and now[2] == columns:
            row = index[int(np.flatnonzero(now[1] != hashes)[0])]
        problems.append(Problem(
            "the table was changed in Python after load_dataset validated it, so the "
            "change would reach the model unchecked", file=f"{name}.csv", row=row,
            valid="write the change into the file and load the dataset again, or change a "
                  "built model with PathwayModel.update() or .apply() (both check the value)"))
    DataError.collect(problems, f"dataset '{dataset.name}'")


def override_checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every override table under ``scenarios/`` (hidden names skipped).

    The dataset's checksums record what a run or a Monte Carlo store was made from; without
    the override tables a store made before an override changed would be reported as
    current. Keys are paths relative to the dataset folder (``scenarios/plan/demands.csv``).
    """
    root = folder / "scenarios"
    if not root.is_dir():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            out[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
