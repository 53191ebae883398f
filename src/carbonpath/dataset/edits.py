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

The plan's targets are plain dicts too (``ds.targets["peak"]["year"] = 2040``). A target
edited in Python is not refused but checked again, as the loader checks ``plan.yaml``
(:func:`check_unedited`): its keys, types and domains, so a peak year outside the model
years or a cap value that is not a number is refused naming ``targets.<name>.<key>``
instead of silently dropping the rule or failing inside the model build (round 12's F69,
F70).
"""

from __future__ import annotations

import copy
import hashlib
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath.errors import DataError, Problem

__all__ = ["check_unedited", "override_checksums", "remember"]

_PRINTS: dict[int, dict[str, tuple[tuple, np.ndarray, tuple]]] = {}
_TARGETS: dict[int, dict[str, dict[str, Any]]] = {}  # the targets as validated, by dataset


def _print(frame: pd.DataFrame) -> tuple[tuple, np.ndarray, tuple]:
    """(index labels, one hash per row, columns) of a table."""
    hashes = pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy()
    return tuple(frame.index), hashes, tuple(frame.columns)


def remember(dataset: Any) -> None:
    """Record the fingerprint of every table of a freshly validated dataset."""
    key = id(dataset)
    _PRINTS[key] = {name: _print(frame) for name, frame in dataset.tables.items()
                    if isinstance(frame, pd.DataFrame)}
    _TARGETS[key] = copy.deepcopy(dataset.targets)
    weakref.finalize(dataset, _PRINTS.pop, key, None)
    weakref.finalize(dataset, _TARGETS.pop, key, None)


def check_unedited(dataset: Any) -> None:
    """Refuse a dataset whose tables changed since they were validated.

    Targets changed since loading are checked again as plan.yaml is (F69, F70).

    Raises
    ------
    DataError
        Naming the table (file), the first row that differs and how to make the change; or
        a changed target's problems, each naming ``plan.yaml`` and ``targets.<name>.<key>``.
    """
    prints = _PRINTS.get(id(dataset))
    if prints is None:  # built in memory, not by the loader: nothing recorded to compare
        return
    _recheck_targets(dataset)
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


def _recheck_targets(dataset: Any) -> None:
    """Check the dataset's targets again if they changed since load_dataset checked them."""
    before = _TARGETS.get(id(dataset))
    try:
        same = before is not None and dataset.targets == before
    except (TypeError, ValueError):  # an array where a number was: certainly changed
        same = False
    if same:
        return
    from carbonpath.dataset.plan import _check_plan  # plan -> edits would be a circle

    problems: list[Problem] = []
    listed = []
    for name, target in dataset.targets.items():
        if not isinstance(target, dict):
            problems.append(Problem("a target must be a mapping of keys to values",
                                    file="plan.yaml", key=f"targets.{name}",
                                    value=f"{type(target).__name__} {target!r:.60}"))
            continue
        if target.get("name") != name:
            problems.append(Problem(
                f"the target is stored under '{name}' but its name is {target.get('name')!r}",
                file="plan.yaml", key=f"targets.{name}.name", value=target.get("name"),
                valid=f"ds.targets['{name}']['name'] == '{name}'"))
            continue
        listed.append(target)
    _check_plan({"targets": listed}, dataset.config, dataset.tables, problems,
                name=dataset.name)
    DataError.collect(problems, f"dataset '{dataset.name}' (targets changed in Python after "
                                "load_dataset, checked again as plan.yaml is)")


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
