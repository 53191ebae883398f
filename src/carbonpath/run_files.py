"""A run's results folder: :class:`RunResult` written as CSV tables + ``run.json`` and read back.

:func:`save_results` writes a :class:`RunResult`; :func:`load_results` reads one back and refuses a
damaged folder. Moved out of :mod:`carbonpath.run`, which re-exports every name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._checks import check_types, home_path, shell_word
from carbonpath.errors import ResultsError
from carbonpath.model.results import TABLE_NAMES
from carbonpath.model.tables.lazy import LazyTables
from carbonpath.outputs import prepare

RESULTS = "results"


@dataclass
class RunResult:
    """Everything the report needs, as saved in a results folder.

    Attributes
    ----------
    meta : dict
        Versions (carbonpath, factor set, solver), dataset settings and checksums,
        scenarios, targets, peak summaries, objectives, warnings, timings.
    pathways : dict of str to dict of str to pandas.DataFrame
        Per scenario, the :class:`~carbonpath.Pathway` tables.
    peak_curve : pandas.DataFrame
        peak_year, status, objective, cost_of_peaking (MCNY discounted: the plan with the peak
        rule in that year minus the plan without the peak rule, 0 where it does not bind),
        peak_level (kt), peak_at, binds (bool). (The seconds of each re-solve are in
        ``meta["timings"]["peak_curve_years"]``: timings stay in ``run.json``.)
    sensitivity : pandas.DataFrame
        group, technologies, parameter, factor, plan_objective, baseline_objective,
        cost_of_target, change (MCNY).
    inventory : dict of str to pandas.DataFrame
        Base-year inventory tables (empty if the dataset has no activity data).
    dataset_tables : dict of str to pandas.DataFrame
        The dataset's tables as given (every value with its source).
    iamc : pandas.DataFrame
        model, scenario, region, variable, unit, year, value.
    analysis : dict of str to pandas.DataFrame
        Saved as ``analysis/<name>.csv``: the scenario comparison, the wedges of the plan
        against the BAU and, when the dataset has measures, the measure MACC
        (:func:`carbonpath.scenarios.run_tables.run_analysis`).
    """

    meta: dict[str, Any]
    pathways: dict[str, dict[str, pd.DataFrame]]
    peak_curve: pd.DataFrame
    sensitivity: pd.DataFrame
    inventory: dict[str, pd.DataFrame] = field(default_factory=dict)
    dataset_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    iamc: pd.DataFrame = field(default_factory=pd.DataFrame)
    analysis: dict[str, pd.DataFrame] = field(default_factory=dict)


def save_results(result: RunResult, folder: str | Path) -> Path:
    """Write a :class:`RunResult` to ``folder`` (CSV tables + ``run.json``).

    ``run.json`` also records each table's columns, numeric columns and row count (key
    ``tables``), so that :func:`load_results` can tell a damaged folder (a missing table, a
    lost column, text in a numeric column, a truncated file) from a complete one. ``folder``
    is an output folder of its own (:mod:`carbonpath.outputs`): a folder holding files that
    carbonpath did not write there is refused.

    Raises
    ------
    OutputFolderError
        If ``folder`` cannot take the results (see :func:`carbonpath.outputs.check`).
    """
    check_types("save_results", result=(result, RunResult), folder=(folder, (str, os.PathLike)))
    with prepare(folder, will_write=["run.json"], exclusive=True, command="run") as out:
        _write_results(result, out.staging)
    return out.dest


def _write_results(result: RunResult, folder: Path) -> Path:
    """Write the results into ``folder``, a fresh (staging) folder; no checks."""
    frames: dict[str, pd.DataFrame] = {}
    for scenario, tables in result.pathways.items():
        for name, frame in tables.items():
            frames[f"pathways/{scenario}/{name}.csv"] = frame
    frames.update({"peak_curve.csv": result.peak_curve, "sensitivity.csv": result.sensitivity,
                   "iamc.csv": result.iamc})
    for group, tables in (("inventory", result.inventory), ("dataset", result.dataset_tables),
                          ("analysis", result.analysis)):
        (folder / group).mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frames[f"{group}/{name}.csv"] = frame
    schema = {rel: {"columns": [str(c) for c in frame.columns], "rows": len(frame),
                    "numeric": [str(c) for c in frame.columns
                                if pd.api.types.is_numeric_dtype(frame[c]) and len(frame)],
                    **(_read_back_facts(frame) if rel.startswith("pathways/") else {})}
              for rel, frame in frames.items()}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps({**result.meta, "tables": schema}, indent=2,
                                                ensure_ascii=False, default=_json_default),
                                     encoding="utf-8")
    for rel, frame in frames.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(folder / rel, index=False)
    return folder


def _read_back_facts(frame: pd.DataFrame) -> dict[str, Any]:
    """What a pathway table read back must still hold (round 10: B61, B63, B66).

    Recorded for the scenarios' tables (``pathways/``), the numbers the report is made of;
    the inventory and dataset tables are shown as given.

    ``filled``: numeric columns without a blank (a blank or ``n/a`` read back there is an
    edit, not a result); ``units``: the values of the ``unit``/``units`` columns (a value
    converted by hand to another unit would be read in the unit written); ``key``: the
    columns other than floats of a table of one row per year (a duplicated year is named).
    """
    if not len(frame):
        return {}
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    facts: dict[str, Any] = {"filled": [str(c) for c in numeric if not frame[c].isna().any()]}
    # the distinct values first (vectorised), then their text: the unit columns hold text
    units = {str(c): sorted({str(v) for v in frame[c].dropna().unique()})
             for c in frame.columns if str(c) in ("unit", "units")}
    if units:
        facts["units"] = units
    # one row per year (emissions_total, energy_total ...): a year read twice is named
    key = [c for c in frame.columns if not pd.api.types.is_float_dtype(frame[c])]
    varying = [c for c in key if frame[c].nunique() > 1]
    if varying == ["year"] and not frame.duplicated(subset=key).any():
        facts["key"] = [str(c) for c in key]
    return facts


def _read_back_problems(path: Path, frame: pd.DataFrame, expected: dict[str, Any]) -> list[str]:
    """Blanks where carbonpath wrote numbers, units changed, duplicated keys: one line each."""
    out = []
    for col in expected.get("filled") or []:
        if col in frame.columns and frame[col].isna().any():
            row = int(frame.index[frame[col].isna()][0]) + 2
            out.append(f"{path}, row {row}, column '{col}': blank or n/a where carbonpath "
                       "wrote a number (a missing value is not read as 0)")
    for col, written in (expected.get("units") or {}).items():
        if col not in frame.columns:
            continue
        other = frame[col].dropna().astype(str)
        bad = other[~other.isin(written)]
        if len(bad):
            out.append(f"{path}, row {int(bad.index[0]) + 2}, column '{col}': {bad.iloc[0]!r} "
                       f"is not the unit carbonpath wrote ({', '.join(written)}); the values "
                       "are read in that unit, so convert them back or run again")
    key = [c for c in expected.get("key") or [] if c in frame.columns]
    if key and len(key) == len(expected.get("key") or []):
        dup = frame.duplicated(subset=key, keep=False)
        if dup.any():
            rows = [int(i) + 2 for i in frame.index[dup][:2]]
            shown = [c for c in key if frame[c].nunique() > 1] or key  # not unit, method
            first = frame.loc[frame.index[dup][0], shown]
            what = ", ".join(f"{c} {v}" for c, v in first.items())
            out.append(f"{path}, rows {rows[0]} and {rows[1]}: the same {what} twice "
                       f"(carbonpath wrote one row per {', '.join(shown)})")
    return out


#: Keys of run.json without which no report can be rendered.
_META_KEYS = ("carbonpath_version", "dataset", "scenarios")


def load_results(folder: str | Path) -> RunResult:
    """Read a results folder written by :func:`save_results`, refusing a damaged one.

    Parameters
    ----------
    folder : str or pathlib.Path
        The results folder, or the run folder holding it as ``results/``.

    Raises
    ------
    ResultsError
        If ``folder`` holds no results (no ``run.json``), or damaged ones: ``run.json``
        empty, truncated or lacking a key; a table listed in it missing, empty, unreadable,
        shorter than recorded or lacking a column. The message names each file and what is
        missing.
    """
    check_types("load_results", folder=(folder, (str, os.PathLike)))
    folder = Path(home_path(folder))  # round 29 ZE108: '~/out'
    if (folder / RESULTS / "run.json").exists():
        folder = folder / RESULTS
    where = folder / "run.json"
    if not where.is_file():
        raise ResultsError(_not_results(folder, where))
    meta = _read_meta(where)
    schema = _schema(folder, meta)
    problems: list[str] = []
    frames: dict[str, pd.DataFrame] = {}
    for rel, expected in schema.items():
        frames[rel] = _read_checked(folder, rel, expected if isinstance(expected, dict) else {},
                                    problems)
    missing = [f"pathways/{name}/" for name in meta["scenarios"]
               if not (folder / "pathways" / name).is_dir()]
    problems.extend(f"{folder / rel}: the scenario's folder is missing" for rel in missing)
    if problems:
        msg = (f"{folder} holds damaged results ({len(problems)} problem(s)); run "
               "'carbonpath run' again to rewrite them:\n"
               + "\n".join(f"  - {p}" for p in problems))
        raise ResultsError(msg)

    return _result(meta, frames, None)


def _schema(folder: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """The tables of a results folder, in run.json's order: relative path -> recorded facts."""
    schema = meta.get("tables")
    if not isinstance(schema, dict):  # results saved before run.json listed its tables
        schema = {f"pathways/{name}/{table}.csv": {} for name in meta["scenarios"]
                  for table in TABLE_NAMES}
        schema.update({name: {} for name in ("peak_curve.csv", "sensitivity.csv", "iamc.csv")})
    for path in sorted(folder.rglob("*.csv")):  # tables added since: read as they are
        schema.setdefault(path.relative_to(folder).as_posix(), {})
    return schema


def _result(meta: dict[str, Any], frames: dict[str, Any],
            read: Callable[[Any], pd.DataFrame] | None) -> RunResult:
    """A :class:`RunResult` of ``frames``: relative path -> table (or its source, with ``read``).

    With ``read``, each value of ``frames`` is what ``read`` makes a table of, and the
    grouped tables (pathways, inventory, dataset, analysis) are :class:`LazyTables`:
    ``read`` runs on a table's first access.
    """
    def group(prefix: str) -> dict[str, Any] | LazyTables:
        """The tables saved directly under ``prefix``, by file stem."""
        items = {Path(rel).stem: item for rel, item in frames.items()
                 if str(Path(rel).parent.as_posix()) == prefix}
        if read is None:
            return items
        return LazyTables({stem: lambda _, item=item: read(item) for stem, item in items.items()},
                          context=_no_context, clean=_as_read)

    pathways = {name: group(f"pathways/{name}") for name in meta["scenarios"]}
    empty = pd.DataFrame()

    def table(rel: str) -> pd.DataFrame:
        """The result table ``rel`` (read now when lazy); an empty frame if the run has none."""
        if rel not in frames:
            return empty
        return frames[rel] if read is None else read(frames[rel])

    return RunResult(meta=meta, pathways=pathways, peak_curve=table("peak_curve.csv"),
                     sensitivity=table("sensitivity.csv"), inventory=group("inventory"),
                     dataset_tables=group("dataset"), iamc=table("iamc.csv"),
                     analysis=group("analysis"))


def _no_context(_: LazyTables) -> None:
    return None


def _as_read(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def load_written(folder: Path) -> RunResult:
    """The results this process has just written to ``folder``, read back on demand.

    The tables are what :func:`load_results` reads (``pandas.read_csv`` of each file, in
    run.json's order), so a report rendered from them is the report of
    ``carbonpath report`` byte for byte; but each table is read on its first access and the
    damage checks are skipped: the files were written a moment ago by the caller
    (:func:`carbonpath.run.run`, whose report reads about half of the tables: the IAMC table
    and the dispatch are never read; issue 15).

    Parameters
    ----------
    folder : pathlib.Path
        A results folder written by :func:`save_results` (or ``_write_results``).

    Returns
    -------
    RunResult
        ``pathways``, ``inventory``, ``dataset_tables`` and ``analysis`` hold
        :class:`~carbonpath.model.tables.lazy.LazyTables`; ``peak_curve``, ``sensitivity``
        and ``iamc`` are read at once.

    Raises
    ------
    ResultsError
        If ``run.json`` cannot be read or lacks a key the report needs.
    """
    meta = _read_meta(folder / "run.json")
    paths = {rel: folder / rel for rel in _schema(folder, meta)}
    return _result(meta, paths, lambda path: pd.read_csv(path, keep_default_na=True))


def _read_meta(path: Path) -> dict[str, Any]:
    """run.json as a dict with the keys a report needs, or a ResultsError saying why not."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot be read ({exc})"
        raise ResultsError(msg) from None
    if not text.strip():
        msg = f"{path} is empty; run 'carbonpath run' again to rewrite the results"
        raise ResultsError(msg)
    try:
        meta = json.loads(text)
    except ValueError as exc:
        msg = (f"{path} is damaged (truncated or not JSON: {exc}); run 'carbonpath run' again "
               "to rewrite the results")
        raise ResultsError(msg) from None
    if not isinstance(meta, dict):
        kind = {list: "a list", type(None): "null", str: "a string"}.get(type(meta), "a number")
        msg = f"{path} is damaged: it holds {kind}, not a JSON object of run settings"
        raise ResultsError(msg)
    lacking = [key for key in _META_KEYS if key not in meta]
    if lacking or not isinstance(meta.get("scenarios"), dict) or not meta["scenarios"]:
        what = ", ".join(repr(k) for k in lacking) if lacking else "'scenarios' (empty)"
        msg = f"{path} is damaged: it lacks the key(s) {what}"
        raise ResultsError(msg)
    return meta


def _read_checked(folder: Path, rel: str, expected: dict[str, Any],
                  problems: list[str]) -> pd.DataFrame:
    """Read one saved table; add to ``problems`` if it is not what run.json records."""
    path = folder / rel
    columns = expected.get("columns") or []
    if not path.is_file():
        problems.append(f"{path}: the table is missing")
        return pd.DataFrame(columns=columns)
    try:
        frame = pd.read_csv(path, keep_default_na=True)
    except pd.errors.EmptyDataError:
        if columns:
            problems.append(f"{path}: the file is empty (expected columns {', '.join(columns)})")
        return pd.DataFrame(columns=columns)
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        problems.append(f"{path}: cannot be read as CSV ({str(exc).strip()})")
        return pd.DataFrame(columns=columns)
    if rel.startswith(("inventory/", "dataset/")):  # shown as given: the core columns only
        columns = [c for c in columns if c in _CORE_COLUMNS.get(rel, ())]
    lost = [c for c in columns if c not in frame.columns]
    if lost:
        problems.append(f"{path}: lacks the column(s) {', '.join(lost)}")
    for col in expected.get("numeric") or []:
        if col in frame.columns and not pd.api.types.is_numeric_dtype(frame[col]):
            values = pd.to_numeric(frame[col], errors="coerce")
            bad = frame[col][values.isna() & frame[col].notna()]
            if len(bad):
                problems.append(f"{path}, row {int(bad.index[0]) + 2}, column '{col}': "
                                f"{bad.iloc[0]!r} is not a number (carbonpath wrote numbers)")
    problems.extend(_read_back_problems(path, frame, expected))
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) not in (b"\n", b"\r"):
            problems.append(f"{path}: is truncated (its last line is incomplete)")
    return frame


#: Columns of the inventory and dataset tables without which the report cannot show them.
_CORE_COLUMNS = {"inventory/emissions.csv": ("sector", "fuel", "gas", "value", "unit"),
                 "inventory/energy.csv": ("value", "unit"),
                 "inventory/provenance.csv": ("item", "quantity", "value", "unit")}


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    msg = f"cannot write {type(value).__name__} to run.json"
    raise TypeError(msg)


def _not_results(folder: Path, where: Path) -> str:
    """Why ``folder`` holds no results, saying what it is when carbonpath wrote it (U39, U40)."""
    from carbonpath.output_owner import writer_of

    writer = writer_of(folder) if folder.is_dir() else None
    if writer == "init":
        return (f"{folder} is a dataset (written by carbonpath init), not a run's results; "
                f"solve it first (carbonpath run {shell_word(folder)} --out RUN) and give RUN")
    if writer == "montecarlo":
        return (f"{folder} is a Monte Carlo result store (written by carbonpath montecarlo), "
                "not a run's results; give the folder of a run of the store's dataset "
                "(carbonpath run DATASET --out RUN) and the store as --montecarlo "
                f"{shell_word(folder)} "
                "(render_report(..., montecarlo=...))")
    return (f"{folder} holds no carbonpath results ({where.name} is missing); give a run "
            f"folder written by 'carbonpath run' or its {RESULTS}/ folder")
