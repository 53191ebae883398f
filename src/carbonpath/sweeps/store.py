"""A resumable result store for sweeps: tidy Parquet parts written as work units finish.

Layout of a store folder::

    store.json             format, carbonpath version, the inputs' checksums, the settings
    inputs.parquet         the sampled inputs: sample, input, value
    parts/part-NNNNNN.parquet
                           per-sample results, one file per finished work unit, with the
                           columns of carbonpath.sweeps.montecarlo.COLUMNS
    summary/*.csv          written at the end: status.csv, peak_probability.csv, bands.csv,
                           sensitivity_cost.csv

Every file is written whole under a temporary name and renamed into place, so an interrupted
sweep leaves only finished parts; opening the store again with the same inputs and settings
resumes it (samples with a ``status`` row are not solved again). A store records the
checksums of the dataset's files and of ``uncertainty.csv`` and its settings (samples, seed,
scenarios, resolution, solver options): opening it with anything else raises
:class:`~carbonpath.errors.StoreMismatchError` before any solve, so samples of different
inputs never mix. A folder holding files that are not a store's is refused
(:class:`~carbonpath.errors.OutputFolderError`).

All writing goes through :func:`write_file` (one place to route through the package's
output-folder rules).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import carbonpath
from carbonpath.errors import (
    InputNotFoundError,
    OutputFolderError,
    StoreMismatchError,
    short_list,
)

__all__ = ["FORMAT", "ResultStore", "open_store", "read_store", "write_file"]

FORMAT = "carbonpath-montecarlo-store/1"
MANIFEST = "store.json"
_NAMES = re.compile(r"(store\.json|inputs\.parquet|parts|summary"
                    r"|\.(store\.json|inputs\.parquet)-\w+)")  # with a write's temporary files
_PART = re.compile(r"part-\d{6}\.parquet")
_SUMMARY = re.compile(r"[a-z0-9_]+\.csv")


def write_file(folder: Path, name: str, write: Callable[[Path], None]) -> Path:
    """Write ``folder/name`` whole: ``write(tmp)`` writes a temporary file, renamed into place.

    The only function of the store that writes (the output-folder rules apply here).
    """
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _foreign(folder: Path) -> list[Path]:
    """Entries of ``folder`` that a store does not write."""
    out = []
    for entry in sorted(folder.iterdir()):
        if not _NAMES.fullmatch(entry.name):
            out.append(entry)
        elif entry.name in ("parts", "summary"):
            pattern = _PART if entry.name == "parts" else _SUMMARY
            if not entry.is_dir():
                out.append(entry)
                continue
            out += [f for f in sorted(entry.iterdir())
                    if not (f.is_file() and (pattern.fullmatch(f.name)
                                             or f.name.startswith(".")))]
        elif entry.is_dir():
            out.append(entry)
    return out


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

        frame = pd.DataFrame(rows, columns=COLUMNS)
        frame = frame.astype({"sample": "int64", "value": "float64"})
        frame["year"] = frame["year"].astype("Int64")
        frame["text"] = frame["text"].astype("string")
        name = f"parts/part-{self._next:06d}.parquet"
        self._next += 1
        return write_file(self.folder, name, lambda p: frame.to_parquet(p, index=False))

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
        if optimal.groupby("scenario").size().min() >= 20:  # fewer: estimators give NaN
            tables["sensitivity_cost"] = analysis.sensitivity(results, inputs, uncertainty)
        for name, frame in tables.items():
            write_file(self.folder, f"summary/{name}.csv",
                       lambda p, f=frame: f.to_csv(p, index=False))


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
        If the folder exists and is not a file, or holds files a store does not write, or is
        not empty and has no ``store.json``.
    StoreMismatchError
        If the store was written by other inputs or settings (names the differences).
    """
    folder = Path(folder).resolve()
    if folder.exists() and not folder.is_dir():
        msg = f"--out {folder} exists and is not a folder; choose a store folder"
        raise OutputFolderError(msg)
    wanted = _fingerprint(dataset, uncertainty, settings)
    if folder.exists() and any(folder.iterdir()):
        foreign = _foreign(folder)
        if foreign or not (folder / MANIFEST).exists():
            listed = short_list([str(f.relative_to(folder)) for f in foreign]) or "no store.json"
            msg = (f"--out {folder} holds files that are not a carbonpath result store's "
                   f"({listed}); choose a new or empty folder, or a store of this sweep")
            raise OutputFolderError(msg)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            msg = (f"{folder / MANIFEST} is not a store of this format ({FORMAT}); choose "
                   "another folder")
            raise OutputFolderError(msg)
        differences = _differences(manifest["inputs"], wanted)
        if differences:
            msg = (f"the store {folder} holds results of other inputs ("
                   f"{short_list(differences)}); its samples must not be mixed with these: "
                   "choose another folder, or restore the inputs it was made with")
            raise StoreMismatchError(msg, differences)
        return ResultStore(folder, manifest)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT, "carbonpath_version": carbonpath.__version__,
                "created": datetime.now(UTC).isoformat(timespec="seconds"), "inputs": wanted}
    write_file(folder, "inputs.parquet", lambda p: inputs.to_parquet(p, index=False))
    write_file(folder, MANIFEST, lambda p: p.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"))
    return ResultStore(folder, manifest)


def _differences(found: dict[str, Any], wanted: dict[str, Any]) -> list[str]:
    out = []
    for part in ("dataset", "uncertainty"):
        a, b = found.get(part, {}), wanted[part]
        out += [f"{name} changed" for name in sorted(set(a) | set(b)) if a.get(name) != b.get(name)]
    a, b = found.get("settings", {}), wanted["settings"]
    out += [f"{key} {a.get(key)!r} -> {b.get(key)!r}" for key in sorted(set(a) | set(b))
            if a.get(key) != b.get(key)]
    return out


def read_store(folder: str | Path, check: bool = True) -> pd.DataFrame:
    """Read every per-sample row of a store (for reports and analysis).

    Raises
    ------
    InputNotFoundError
        If ``check`` and the folder has no ``store.json`` (a :class:`FileNotFoundError`).
    """
    from carbonpath.sweeps.montecarlo import COLUMNS

    folder = Path(folder)
    if check and not (folder / MANIFEST).exists():
        msg = f"{folder} is not a carbonpath result store (no {MANIFEST})"
        raise InputNotFoundError(msg, folder)
    parts = sorted((folder / "parts").glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            COLUMNS, ("string", "int64", "string", "Int64", "float64", "string"), strict=True)})
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
