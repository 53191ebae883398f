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

``ds.config`` (``dataset.yaml`` as read) is a plain dict as well. A config edited in Python
is checked again as the loader checks ``dataset.yaml`` (:func:`check_unedited`): its keys,
types and values (day weights summing to 365, a GWP set for a CO2e basis, ...), the scenarios
and roles it names, and the checks of the tables that read it. What the tables were *read*
against (the representative days' names, the hours per day, the regions) cannot change
without reading the files again, so a change there is refused, naming the key (round 13's
H84-H89: such edits had reached the model unchecked or ended in raw KeyErrors).

A value taken from numpy or pandas (``np.int64(2028)`` from a DataFrame column, a list made
of ``np.arange(2027, 2031)``, ``np.float32(4.5)``) is what its Python counterpart is: the
targets and the config are first turned into plain Python numbers in place
(:func:`python_numbers`), so a numpy integer is a whole year and a numpy float a number, as
elsewhere in the API (round 17's P69, P72). A numpy boolean stays a boolean, which is not a
number.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._io import LOCK_PREFIX
from carbonpath.errors import DataError, Problem

__all__ = ["check_unedited", "override_checksums", "python_numbers", "remember"]

_PRINTS: dict[int, dict[str, tuple[tuple, list[np.ndarray], tuple]]] = {}
_TARGETS: dict[int, dict[str, dict[str, Any]]] = {}  # the targets as validated, by dataset
_CONFIGS: dict[int, dict[str, Any]] = {}  # dataset.yaml as validated, by dataset
#: A digest of each table's exact content (:func:`_exact`) as validated, by dataset: a table
#: whose digest is still the same needs no cell-by-cell comparison (issue 15: the run checks
#: each dataset three times, about 15 ms each for Liaocheng, against 2 ms for the digests).
_EXACT: dict[int, dict[str, bytes | None]] = {}


def _numbers(col: pd.Series) -> np.ndarray | None:
    """A column's values as float64 if they are all numbers (or missing), else None.

    6000 is 6000.0 whether the column is float64, Int64 or the text ``'6000.0'``: a cast
    that keeps every value is not a change (round 12's F66). A narrower float (float32) is
    read through its own shortest text, so 0.7466 in float32 stays 0.7466.
    """
    if pd.api.types.is_bool_dtype(col):
        return None
    if pd.api.types.is_numeric_dtype(col):
        if pd.api.types.is_float_dtype(col) and col.dtype.itemsize < 8:
            return col.astype(str).astype("float64").to_numpy()
        return col.to_numpy(dtype="float64", na_value=np.nan)
    values = col.to_numpy(dtype=object, na_value=None)
    first = next((v for v in values if v is not None and v == v), None)
    if first is None or isinstance(first, bool):
        return None
    try:
        float(first)
    except (TypeError, ValueError):
        return None  # text (the usual case: a code, a unit, a source)
    numbers = pd.to_numeric(col, errors="coerce")
    if not (numbers.notna() == col.notna()).all():
        return None
    return numbers.to_numpy(dtype="float64", na_value=np.nan)


def _cells(col: pd.Series) -> np.ndarray:
    """A column's values, the same for the same values in any dtype: float64, or text."""
    numbers = _numbers(col)
    if numbers is None:
        return col.to_numpy(dtype=object, na_value=None).astype(str)
    return numbers


def _exact(frame: pd.DataFrame) -> bytes | None:
    """A digest of a table's columns, index, dtypes and cells, exactly (None: none made).

    The cells are pickled as Python objects (a float by its bytes, its type with it), with the
    column dtypes beside them, so two tables with one digest give one :func:`_print`. A table
    whose cells do not pickle gets None (it is compared cell by cell). Two equal tables may
    digest apart (the pickle's memo): that only costs the comparison it could have saved.
    """
    try:
        cells = pickle.dumps((list(frame.columns), frame.index.tolist(),
                              [str(t) for t in frame.dtypes],
                              frame.to_numpy(dtype=object).tolist()), protocol=5)
    except Exception:  # whatever a cell that does not pickle raises: no digest
        return None
    return hashlib.blake2b(cells, digest_size=16).digest()


def _print(frame: pd.DataFrame) -> tuple[tuple, list[np.ndarray], tuple]:
    """(index labels, each column's values by :func:`_cells`, column names) of a table."""
    return (tuple(frame.index), [_cells(frame.iloc[:, j]) for j in range(frame.shape[1])],
            tuple(frame.columns))


def _first_change(before: list[np.ndarray], now: list[np.ndarray]) -> tuple[int, int] | None:
    """(row, column) position of the first cell that differs, rows first; None if none."""
    if not before:
        return None
    differs = np.zeros((len(before[0]), len(before)), dtype=bool)
    for j, (a, b) in enumerate(zip(before, now, strict=True)):
        if a.dtype.kind == "f" and b.dtype.kind == "f":
            differs[:, j] = ~((a == b) | (np.isnan(a) & np.isnan(b)))
        elif a.dtype.kind == b.dtype.kind:
            differs[:, j] = a != b
        else:  # numbers where text was, or text where numbers were
            differs[:, j] = True
    if not differs.any():
        return None
    i, j = np.argwhere(differs)[0]
    return int(i), int(j)


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
    _EXACT[key] = {name: _exact(frame) for name, frame in dataset.tables.items()
                   if isinstance(frame, pd.DataFrame)}
    _TARGETS[key] = copy.deepcopy(dataset.targets)
    _CONFIGS[key] = copy.deepcopy(dataset.config)
    weakref.finalize(dataset, _PRINTS.pop, key, None)
    weakref.finalize(dataset, _EXACT.pop, key, None)
    weakref.finalize(dataset, _TARGETS.pop, key, None)
    weakref.finalize(dataset, _CONFIGS.pop, key, None)
    return prints


def check_unedited(dataset: Any) -> None:
    """Refuse a dataset whose tables changed since they were validated.

    Targets changed since loading are checked again as plan.yaml is (F69, F70), and
    ``ds.config`` changed since loading as dataset.yaml is (H84-H89).

    Raises
    ------
    DataError
        Naming the table (file), the first row that differs and how to make the change; a
        changed target's problems, each naming ``plan.yaml`` and ``targets.<name>.<key>``;
        or a changed config's problems, each naming ``dataset.yaml`` and the key.
    """
    prints = _PRINTS.get(id(dataset))
    if prints is None:  # built in memory, not by the loader: nothing recorded to compare
        return
    python_numbers(dataset.config)
    python_numbers(dataset.targets)
    config_changed = _recheck_config(dataset)
    _recheck_targets(dataset, force=config_changed)
    problems = []
    exact = _EXACT.get(id(dataset), {})
    for name, frame in dataset.tables.items():
        if name in prints and isinstance(frame, pd.DataFrame):
            if exact.get(name) is not None and _exact(frame) == exact[name]:
                continue  # the very cells (and dtypes) validated: nothing to compare
            found = _difference(name, prints[name], _print(frame), frame)
            if found is not None:
                problems.append(found)
    DataError.collect(problems, f"dataset '{dataset.name}'")


_HOW = ("write the change into the file and load the dataset again, or change a built model "
        "with PathwayModel.update() or .apply() (both check the value)")


def _labels(labels: list) -> str:
    shown = ", ".join(map(str, labels[:5]))
    return shown + (f" and {len(labels) - 5} more" if len(labels) > 5 else "")


def _difference(name: str, before: tuple, now: tuple, frame: pd.DataFrame) -> Problem | None:
    """How a table differs from its print at load (None: it does not): the first change.

    Names a changed cell (row, column, value now), added or removed columns or rows, or
    rows put in another order (round 12's F67: that had named no row).
    """
    index, cells, columns = before
    file, unchecked = f"{name}.csv", "so the change would reach the model unchecked"
    if now[2] != columns:
        added = [c for c in now[2] if c not in columns]
        gone = [c for c in columns if c not in now[2]]
        what = (f"column(s) {_labels(added)} added" if added else
                f"column(s) {_labels(gone)} removed" if gone else
                "its columns put in another order")
        moved = (len(added) == 1 and not gone and now[2][0] == added[0]
                 and len(now[0]) == len(index) and added[0] == "line")
        if moved:  # reset_index() without drop=True: the line numbers became a column
            what += (" (the index, the file's line numbers, moved into a column as "
                     "reset_index() does)")
        return Problem(f"the table was changed in Python after load_dataset validated it: "
                       f"{what}, {unchecked}", file=file,
                       column=str((added or gone or [None])[0]) if added or gone else None,
                       valid=(f"ds.tables['{name}'] = ds.tables['{name}'].set_index('line') "
                              "puts it back; or " if moved else "") + _HOW)
    new = {k: i for i, k in enumerate(now[0])}
    if len(new) == len(now[0]) and new.keys() == set(index):
        take = np.array([new[k] for k in index], dtype=int)
        found = _first_change(cells, [c[take] for c in now[1]])
        if found is not None:
            i, j = found
            value, was = frame.iloc[int(take[i]), j], cells[j][i]
            was = f"{was:g}" if isinstance(was, float) else repr(str(was))
            return Problem(f"the table was changed in Python after load_dataset validated it "
                           f"(the cell read {was}), {unchecked}", file=file, row=index[i],
                           column=str(columns[j]),
                           value=value.item() if hasattr(value, "item") else value,
                           valid=_HOW)
        if now[0] == index:
            return None
        moved = next(k for k, m in zip(index, now[0], strict=True) if k != m)
        restore = (f"ds.tables['{name}'] = ds.tables['{name}'].sort_index() restores the "
                   "validated order (the index is the file's line numbers); or "
                   if _ascending(index) else "")
        return Problem("the table's rows were put in another order after load_dataset "
                       f"validated it (no value changed; row {moved} is no longer where "
                       "it was read), and the model is built only from tables as validated",
                       file=file, row=moved, valid=restore + "load the dataset again")
    renumbered = _renumbered(name, index, cells, now, frame)
    if renumbered is not None:
        return renumbered
    old = set(index)
    added = [k for k in now[0] if k not in old]
    gone = [k for k in index if k not in new]
    what = (f"row(s) {_labels(added)} added" if added else f"row(s) {_labels(gone)} removed"
            if gone else "a row label repeated")
    return Problem(f"the table was changed in Python after load_dataset validated it: {what}, "
                   f"{unchecked}", file=file, row=(added or gone or [None])[0], valid=_HOW)


def _renumbered(name: str, index: tuple, cells: list[np.ndarray], now: tuple,
                frame: pd.DataFrame) -> Problem | None:
    """The rows renumbered (``reset_index(drop=True)``), not added or removed (J86).

    Same number of rows, labels that share none with the validated ones (or run 0..n-1
    where they did not): the index was replaced. If every cell is the same row by row, no
    value changed; say so and how to put the labels back. Else name the first cell changed
    by position. None when this is not a renumbering (rows added or removed).
    """
    if len(now[0]) != len(index) or not index:
        return None
    fresh = list(now[0]) == list(range(len(index))) and list(index) != list(now[0])
    if not fresh and set(now[0]) & set(index):
        return None
    file = f"{name}.csv"
    label = frame.index.name or "line"
    if _ascending(index) and list(index) == list(range(index[0], index[0] + len(index))):
        put = (f"ds.tables['{name}'].index = pd.RangeIndex({index[0]}, "
               f"{index[0] + len(index)}, name='{label}')")
    elif len(index) <= 12:
        put = f"ds.tables['{name}'].index = pd.Index({list(index)!r}, name='{label}')"
    else:
        put = None
    restore = (f"{put} puts back the labels read (the index is the file's line numbers); or "
               if put else "")
    found = _first_change(cells, now[1])
    what = ("the table's index was renumbered after load_dataset validated it (as "
            "reset_index(drop=True) does: no row was added or removed")
    if found is None:
        return Problem(f"{what}, and no value changed), and the model is built only from "
                       "tables with the labels as validated, which name the file's lines",
                       file=file, valid=restore + "load the dataset again; keep the index when "
                             "filtering or copying a table (do not reset it)")
    i, j = found
    value, was = frame.iloc[i, j], cells[j][i]
    was = f"{was:g}" if isinstance(was, float) else repr(str(was))
    return Problem(f"{what}) and a value changed: its row {i + 1} from the top (line "
                   f"{index[i]} of the file) read {was}, so the change would reach the model "
                   "unchecked", file=file, row=index[i], column=str(frame.columns[j]),
                   value=value.item() if hasattr(value, "item") else value, valid=_HOW)


def _ascending(index: tuple) -> bool:
    try:
        return list(index) == sorted(index)
    except TypeError:  # labels of mixed types
        return False


def python_numbers(value: Any) -> Any:
    """Turn numpy scalars inside a mapping or list into Python numbers, in place.

    Parameters
    ----------
    value : Any
        A dict or list (changed in place, nested ones too), or one value.

    Returns
    -------
    Any
        ``value`` with every numpy integer an ``int``, every numpy float a ``float``, every
        numpy boolean a ``bool`` and every 1-d numpy array a list of them; other values
        (text, Quantities, tuples) unchanged. Nothing is rounded: ``np.float64(2027.5)``
        stays 2027.5 and is refused as a year by the checks that follow.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = python_numbers(item)
        return value
    if isinstance(value, list):
        value[:] = [python_numbers(item) for item in value]
        return value
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "biuf":
        return value.tolist()
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return value.item()
    return value


def _same(now: Any, before: Any) -> bool:
    """Whether a config or targets mapping equals its copy made at load."""
    try:
        return before is not None and bool(now == before)
    except (TypeError, ValueError):  # an array where a number was: certainly changed
        return False


#: Keys of dataset.yaml the tables were read against (their day, hour and region columns).
_READ_AGAINST = {"timeslices.days[].name": "the representative days' names",
                 "timeslices.hours": "the hours per representative day",
                 "regions": "the regions"}


def _read_context(config: dict) -> dict[str, Any]:
    """What of a config the tables were read against, by the key that holds it."""
    timeslices = config.get("timeslices") if isinstance(config.get("timeslices"), dict) else {}
    days = timeslices.get("days") if isinstance(timeslices.get("days"), list) else []
    return {"timeslices.days[].name": [d.get("name") if isinstance(d, dict) else None
                                       for d in days],
            "timeslices.hours": timeslices.get("hours", 24),
            "regions": config.get("regions")}


def _recheck_config(dataset: Any) -> bool:
    """Check ``ds.config`` again if it changed since load_dataset checked it.

    Returns whether it changed (then the targets are checked again against it too).

    Raises
    ------
    DataError
        The problems found, each naming ``dataset.yaml`` and the key; a change of what the
        tables were read against (days' names, hours, regions) is refused as such.
    """
    before = _CONFIGS.get(id(dataset))
    if before is None or _same(dataset.config, before):
        return False
    from carbonpath.dataset.checks import _check_coverage, _check_references
    from carbonpath.dataset.config import _check_config
    from carbonpath.dataset.operations import check_operations
    from carbonpath.dataset.scenarios import check_scenarios

    where = (f"dataset '{dataset.name}' (ds.config changed in Python after load_dataset, "
             "checked again as dataset.yaml is)")
    problems: list[Problem] = []
    if not isinstance(dataset.config, dict):
        problems.append(Problem("ds.config must stay a mapping of keys to values",
                                file="dataset.yaml", value=type(dataset.config).__name__))
        DataError.collect(problems, where)
    _check_config(copy.deepcopy(dataset.config), problems)
    DataError.collect(problems, where)
    was, now = _read_context(before), _read_context(dataset.config)
    for key, what in _READ_AGAINST.items():
        if was[key] != now[key]:
            problems.append(Problem(
                f"{what} changed in Python after load_dataset read the tables against them "
                f"(they were {was[key]!r}), so the tables' rows would no longer match",
                file="dataset.yaml", key=key, value=now[key],
                valid="write the change into dataset.yaml (and the tables) and load the "
                      "dataset again"))
    DataError.collect(problems, where)
    tables = dataset.tables
    _check_references(tables, dataset.config, problems)
    check_operations(dataset.config, tables, problems)
    _check_coverage(dataset, problems)
    if not problems:
        check_scenarios(dataset, problems)
    DataError.collect(problems, where)
    return True


def _recheck_targets(dataset: Any, force: bool = False) -> None:
    """Check the dataset's targets again if they (or, ``force``, the config) changed."""
    if not force and _same(dataset.targets, _TARGETS.get(id(dataset))):
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
    what = ("ds.config changed in Python after load_dataset, the targets checked again "
            "against it" if force else "targets changed in Python after load_dataset, "
            "checked again as plan.yaml is")
    DataError.collect(problems, f"dataset '{dataset.name}' ({what})")


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
        if path.is_file() and not any(part.startswith((".", LOCK_PREFIX))  # L116: ~$x.csv
                                      for part in rel.parts):
            out[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
