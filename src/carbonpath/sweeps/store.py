"""A resumable result store for sweeps: tidy Parquet parts written as work units finish.

Layout of a store folder::

    store.json             format, carbonpath version, the inputs' checksums, the settings,
                           and ``runs``: per run (or resume) its wall time, samples solved,
                           failed units and the units re-run because their worker died
    inputs.parquet         the sampled inputs: sample, input, value
    parts/part-NNNNNN.parquet
                           per-sample results, one file per finished work unit, with the
                           columns of carbonpath.sweeps.montecarlo.COLUMNS
    summary/*.csv          written at the end: status.csv, peak_probability.csv, bands.csv,
                           sensitivity_cost.csv

Every file is written whole under a temporary name and renamed into place, so an interrupted
sweep leaves only finished parts; opening the store again with the same inputs and settings
resumes it (samples with a ``status`` row are not solved again; a missing
``inputs.parquet`` is written again, the same seed drawing the same samples, and the summary
is rewritten at the end). A store records the
checksums of the dataset's files and of ``uncertainty.csv`` and its settings (samples, seed,
scenarios, resolution, solver options): opening it with anything else raises
:class:`~carbonpath.errors.StoreMismatchError` before any solve, so samples of different
inputs never mix. A folder holding files that are not a store's is refused
(:class:`~carbonpath.errors.OutputFolderError`).

All writing goes through :func:`write_files`, which routes every batch through
:func:`carbonpath.outputs.prepare` with only that batch's names: the store folder's
``.carbonpath-manifest.json`` accumulates the checksum of every file the store wrote, and a
file in the store's way that carbonpath did not write (or that was edited since) is an
:class:`~carbonpath.errors.OutputFolderError` naming it (:func:`check_store`, called before
any solve).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import carbonpath
from carbonpath._checks import checked
from carbonpath.errors import (
    InputNotFoundError,
    OutputFolderError,
    StoreMismatchError,
    short_list,
)

__all__ = ["FORMAT", "STORE_NAMES", "ResultStore", "check_store", "open_store", "read_store",
           "write_file", "write_files"]

FORMAT = "carbonpath-montecarlo-store/1"
MANIFEST = "store.json"


#: What a store owns in its folder (relative names; folders end in "/").
STORE_NAMES = (MANIFEST, "inputs.parquet", "parts/", "summary/")


def check_store(folder: str | Path) -> Path:
    """Check, writing nothing, that ``folder`` can hold (or already is) a result store.

    The store folder is the store's own: every file in it must be one carbonpath wrote
    there, unchanged (its ``.carbonpath-manifest.json`` lists them).

    Returns
    -------
    pathlib.Path
        The folder, absolute.

    Raises
    ------
    OutputFolderError
        If ``folder`` is a file, cannot be written, or holds files carbonpath did not write
        or that were edited since (named).
    """
    from carbonpath.outputs import check

    return check(folder, STORE_NAMES, exclusive=True, command="montecarlo")


def write_files(folder: Path, writers: dict[str, Callable[[Path], None]],
                owns: list[str] | None = None) -> list[Path]:
    """Write one batch of store files through the output-folder rules.

    ``writers`` maps relative names to ``write(path)`` callables, which write each file
    into a staging folder; the batch is moved into ``folder`` once all are written, and the
    folder's manifest records their checksums (earlier batches stay listed).

    Parameters
    ----------
    folder : pathlib.Path
        The store folder.
    writers : dict of str to callable
        Relative file name -> function writing that file at the given path.
    owns : list of str, optional
        What the batch replaces (default: the names of ``writers``); ``["summary/"]``
        replaces the whole summary folder.

    Raises
    ------
    OutputFolderError
        If a file in the batch's way is not carbonpath's, unchanged.
    """
    from carbonpath.outputs import prepare

    with prepare(folder, will_write=owns or list(writers), command="montecarlo") as out:
        for name, write in writers.items():
            write(out.path(name))
    return [folder / name for name in writers]


def write_file(folder: Path, name: str, write: Callable[[Path], None]) -> Path:
    """Write ``folder/name`` as a batch of one (see :func:`write_files`)."""
    return write_files(folder, {name: write})[0]


def _fingerprint(dataset: Any, uncertainty: Any, settings: dict[str, Any]) -> dict[str, Any]:
    return {"dataset": dict(sorted(dataset.checksums.items())),
            "uncertainty": dict(sorted(uncertainty.checksums.items())),
            "settings": json.loads(json.dumps(settings, default=str))}


class ResultStore:
    """An open store folder (see the module docstring)."""

    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.manifest = manifest
        parts = sorted((folder / "parts").glob("part-*.parquet"))
        self._next = 1 + max((int(p.stem.split("-")[1]) for p in parts), default=-1)

    def done(self) -> set[tuple[str, int]]:
        """(scenario, sample) pairs already in the store (with a status row)."""
        frame = self.read()
        rows = frame[frame["metric"] == "status"]
        return set(zip(rows["scenario"], rows["sample"].astype(int), strict=True))

    def append(self, rows: list[tuple]) -> Path:
        """Write one finished work unit's rows as a new part."""
        from carbonpath.sweeps.montecarlo import COLUMNS
        from carbonpath.sweeps.store_checks import write_part

        frame = pd.DataFrame(rows, columns=COLUMNS)
        frame = frame.astype({"sample": "int64", "value": "float64"})
        frame["year"] = frame["year"].astype("Int64")
        frame["text"] = frame["text"].astype("string")
        name = f"parts/part-{self._next:06d}.parquet"
        self._next += 1
        inputs = self.manifest.get("inputs")  # F72: each part carries the store's record
        return write_file(self.folder, name, lambda p: write_part(frame, p, inputs))

    def record_run(self, report: Any, samples: int, workers: Any = None) -> dict[str, Any]:
        """Add one run's record to ``store.json`` (``runs``: one entry per run or resume).

        Parameters
        ----------
        report : carbonpath.sweeps.executor.TaskReport
            Wall time, failed units and the units re-run because their worker died.
        samples : int
            Samples (of all scenarios) solved in this run.
        workers : str or int, optional
            What ran them (for the record).

        Returns
        -------
        dict
            The record: finished (UTC), seconds, samples, failed, reruns (count) and
            rerun_details (one line each).
        """
        record = {"finished": datetime.now(UTC).isoformat(timespec="seconds"),
                  "seconds": round(float(report.seconds), 3), "samples": int(samples),
                  "workers": workers, "failed": int(report.failed),
                  "reruns": int(report.rerun_count), "rerun_details": list(report.reruns)}
        self.manifest = {**self.manifest, "runs": [*self.manifest.get("runs", []), record]}
        text = json.dumps(self.manifest, indent=2, ensure_ascii=False, default=str)
        write_file(self.folder, MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))
        return record

    def reruns(self) -> int:
        """Work units re-run after a worker died, over every run recorded in the store."""
        return sum(int(r.get("reruns", 0)) for r in self.manifest.get("runs", []))

    def read(self) -> pd.DataFrame:
        """Every row in the store (empty frame with the columns if none)."""
        return read_store(self.folder, check=False)

    def write_summaries(self, results: pd.DataFrame, inputs: pd.DataFrame,
                        uncertainty: Any) -> None:
        """Write summary/*.csv: status, peak probability, bands, cost sensitivity."""
        from carbonpath.sweeps import analysis

        tables = {"status": analysis.status_counts(results),
                  "peak_probability": analysis.peak_probability(results),
                  "bands": analysis.bands(results)}
        optimal = results[(results["metric"] == "cost") & results["value"].notna()]
        if optimal.groupby("scenario").size().min() >= analysis.MIN_SAMPLES:  # else refused
            tables["sensitivity_cost"] = analysis.sensitivity(results, inputs, uncertainty)
        write_files(self.folder, {f"summary/{name}.csv": lambda p, f=frame: f.to_csv(p, index=False)
                                  for name, frame in tables.items()}, owns=["summary/"])


def open_store(folder: str | Path, dataset: Any, uncertainty: Any, settings: dict[str, Any],
               inputs: pd.DataFrame) -> ResultStore:
    """Open (or create) a store for a sweep of these inputs and settings.

    Parameters
    ----------
    folder : str or pathlib.Path
        The store folder; created if missing.
    dataset : carbonpath.Dataset
    uncertainty : carbonpath.dataset.uncertainty.Uncertainty
    settings : dict
        Samples, seed, scenarios, resolution, solver options (JSON-able).
    inputs : pandas.DataFrame
        The sampled inputs (sample, input, value), written on creation.

    Raises
    ------
    OutputFolderError
        If the folder is a file, cannot be written, holds files carbonpath did not write
        there (or edited since; see :func:`check_store`), or is not empty and has no
        ``store.json``.
    StoreMismatchError
        If the store was written by other inputs or settings (names the differences).
    """
    from carbonpath.outputs import MANIFEST as LISTED

    folder = check_store(Path(folder).resolve())
    wanted = _fingerprint(dataset, uncertainty, settings)
    if folder.exists() and any(p.name != LISTED for p in folder.iterdir()):
        if not (folder / MANIFEST).exists():
            msg = (f"--out {folder} is not a carbonpath result store (it has no {MANIFEST}); "
                   "choose a new or empty folder, or a store of this sweep")
            raise OutputFolderError(msg)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            msg = (f"{folder / MANIFEST} is not a store of this format ({FORMAT}); choose "
                   "another folder")
            raise OutputFolderError(msg)
        differences = _differences(manifest["inputs"], wanted, _own_hours(dataset))
        if differences:
            msg = (f"the store {folder} holds results of other inputs ("
                   f"{short_list(differences)}); its samples must not be mixed with these: "
                   "choose another folder, or restore the inputs it was made with")
            raise StoreMismatchError(msg, differences)
        if not (folder / "inputs.parquet").is_file():  # KB42: the same draw, written again
            write_file(folder, "inputs.parquet", lambda p: inputs.to_parquet(p, index=False))
        return ResultStore(folder, manifest)
    manifest = {"format": FORMAT, "carbonpath_version": carbonpath.__version__,
                "created": datetime.now(UTC).isoformat(timespec="seconds"), "inputs": wanted}
    write_files(folder, {
        "inputs.parquet": lambda p: inputs.to_parquet(p, index=False),
        MANIFEST: lambda p: p.write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                         encoding="utf-8")})
    return ResultStore(folder, manifest)


def _own_hours(dataset: Any) -> int | None:
    """The dataset's own blocks a day (``--hours`` not given); None if it has none readable."""
    from carbonpath.errors import DataError
    from carbonpath.model.data import model_hours

    try:
        return model_hours(dataset, None)
    except (AttributeError, KeyError, TypeError, DataError):  # not a Dataset, or a bad setting
        return None


def _differences(found: dict[str, Any], wanted: dict[str, Any],
                 own_hours: int | None = None) -> list[str]:
    """What differs between two stores' recorded inputs (``store.json`` ``inputs``).

    ``own_hours`` is the dataset's own resolution: ``hours`` None (no ``--hours``) is that
    resolution, so a store made with ``--hours 4`` resumes without ``--hours`` when the
    dataset's own is 4 (round 23, F97), and a difference shows it, not ``None``.
    """
    out = []
    for part in ("dataset", "uncertainty"):
        a, b = found.get(part, {}), wanted[part]
        out += [f"{name} changed" for name in sorted(set(a) | set(b))
                if a.get(name) != b.get(name) and f"{name} changed" not in out]  # F61: once
    a, b = found.get("settings", {}), wanted["settings"]
    out += [f"{key} {_shown(key, a.get(key), own_hours)} -> {_shown(key, b.get(key), own_hours)}"
            for key in sorted(set(a) | set(b))
            if _setting(key, a.get(key), own_hours) != _setting(key, b.get(key), own_hours)]
    return out


def _shown(key: str, value: Any, own_hours: int | None) -> str:
    if key == "hours" and value is None:
        return ("the dataset's own" if own_hours is None
                else f"the dataset's own ({own_hours})")
    return repr(value)


def _setting(key: str, value: Any, own_hours: int | None = None) -> Any:
    """A setting as it bears on the numbers: the order of the scenarios does not.

    Every scenario is solved on the same samples and its rows are keyed by scenario, so
    ``-s plan -s baseline`` resumes a store of ``-s baseline -s plan``; another set of
    scenarios is another sweep.
    """
    if key == "scenarios" and isinstance(value, list):
        return sorted(map(str, value))
    if key == "hours" and value is None and own_hours is not None:
        return own_hours
    return value


@checked
def read_store(folder: str | Path, check: bool = True) -> pd.DataFrame:
    """Read every per-sample row of a store (for reports and analysis).

    Raises
    ------
    InputNotFoundError
        If ``check`` and the folder has no ``store.json`` (a :class:`FileNotFoundError`).
    ResultsError
        If a part cannot be read as Parquet (truncated or overwritten), naming it.
    StoreMismatchError
        If a part is not this store's: recorded for other inputs, or holding samples another
        part holds (:func:`carbonpath.sweeps.store_checks.check_parts`; round 23, F72).
    """
    from carbonpath.sweeps.montecarlo import COLUMNS
    from carbonpath.sweeps.store_checks import check_parts, read_part

    folder = Path(folder)
    if check and not (folder / MANIFEST).exists():
        msg = f"{folder} is not a carbonpath result store (no {MANIFEST})"
        raise InputNotFoundError(msg, folder)
    parts = sorted((folder / "parts").glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            COLUMNS, ("string", "int64", "string", "Int64", "float64", "string"), strict=True)})
    frames = [read_part(p) for p in parts]
    check_parts(folder, parts, frames, _recorded_inputs(folder))
    return pd.concat(frames, ignore_index=True)


def _recorded_inputs(folder: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest.get("inputs") if isinstance(manifest, dict) else None
