"""Reading the factor CSVs (bundled and user tables) into a :class:`FactorTable`."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._checks import checked
from carbonpath._io import read_table
from carbonpath._office_locks import LOCK_NOTE, LockFileWarning, lock_note, locked_table
from carbonpath._resources import data_path
from carbonpath.errors import (
    CarbonpathError,
    CarbonpathWarning,
    DataError,
    InputNotFoundError,
    Problem,
)
from carbonpath.factors import disk_cache
from carbonpath.factors.cross_check import (
    CARBON_NOTE,
    CONDITION_NOTE,
    CarbonUnitWarning,
    GasConditionWarning,
    carbon_unit_notes,
    condition_notes,
)
from carbonpath.factors.regions import _read_regions
from carbonpath.factors.table import FactorTable
from carbonpath.factors.validate import _canonical, _duplicates, _validate
from carbonpath.plausibility import FILE as RANGES_FILE
from carbonpath.plausibility import read_ranges

__all__ = ["load_factors"]


# ---------------------------------------------------------------------------------------
# load_factors


@checked
def load_factors(path: str | Path | None = None,
                 extra: str | Path | pd.DataFrame
                 | Sequence[str | Path | pd.DataFrame] | None = None,
                 regions: str | Path | pd.DataFrame | None = None,
                 allow_implausible: bool = False) -> FactorTable:
    """Read and validate carbonpath's factor tables, and any user table on top.

    Parameters
    ----------
    path : str or Path, optional
        A folder of factor CSVs to use instead of the bundled ``factors/`` (it must hold a
        ``regions.csv`` and may hold a ``VERSION``). Default: the bundled folder.
    extra : path, DataFrame or list of them, optional
        User factor tables (same columns as the bundled ones). They take precedence over
        every bundled row (see the module docstring); their version is recorded as
        ``<version>+user``.
    regions : path or DataFrame, optional
        Extra regions (columns region, name_en, name_zh, parent, level, aliases), e.g.
        cities not in the bundled table.
    allow_implausible : bool
        Accept every value outside its plausible range (``factors/plausible_ranges.csv``)
        instead of raising; a :class:`~carbonpath.errors.CarbonpathWarning` lists them. To
        accept one row only, write ``override: <reason>`` in its ``plausibility`` column.

    Returns
    -------
    FactorTable

    Notes
    -----
    A validated table read from files only is kept in carbonpath's cache folder, keyed by
    the bytes of every file read, the options and the code that validates it
    (:mod:`~carbonpath.factors.disk_cache`); the next load of the same files returns it
    without validating again (the same rows, and the same warnings). Tables given as
    DataFrames are always validated.

    Raises
    ------
    DataError
        Every problem of every file at once (file, row, column, value, what is valid):
        unknown columns, quantities, gases, regions or units; a volumetric unit without a
        gas reference condition; missing sources; duplicate keys.
    ImplausibleValueError
        A value outside the plausible range of its quantity and item
        (``factors/plausible_ranges.csv``: IPCC 2006 Vol.2 Ch.1 Tables 1.2 and 1.4 lower and
        upper values for fuels, physical limits otherwise, e.g. a natural-gas NCV outside
        28-45 MJ/Nm3, a grid factor above 1.5 t CO2/MWh, an oxidation factor above 1),
        unless overridden. Unknown items and IPCC categories no sector has are DataErrors
        (no lookup could use the row).
    EncodingError
        A file that is neither UTF-8 nor GBK.
    InputNotFoundError
        If ``path`` is not a folder, or a file it needs does not exist.
    """
    folder = Path(path) if path is not None else data_path("factors")
    if not folder.is_dir():
        what = "is a file; give a folder of factor CSVs (or the file as extra=)" if (
            folder.exists()) else "no such folder"
        raise InputNotFoundError(f"{folder}: {what}", folder)
    key = _cache_key(folder, extra, regions, allow_implausible)
    cached = disk_cache.read_entry(key) if key is not None else None
    if cached is not None:
        table, notes = cached
    else:
        table, notes = _read_and_validate(folder, extra, regions, allow_implausible)
        if key is not None:
            disk_cache.write_entry(key, table, notes)
    for note in notes:  # (a skipped lock file's note is a LockFileWarning: L116)
        warnings.warn(note, LockFileWarning if LOCK_NOTE in note else CarbonUnitWarning
                      if CARBON_NOTE in note else GasConditionWarning
                      if CONDITION_NOTE in note else CarbonpathWarning, stacklevel=2)
    return table


def _cache_key(folder: Path, extra: Any, regions: Any, allow_implausible: bool) -> str | None:
    """The disk-cache key of a load (:mod:`~carbonpath.factors.disk_cache`), or None.

    None (no cache) when a user table or region table is given as a DataFrame: only what
    was read from files, keyed by their bytes, is cached.
    """
    extras = [] if extra is None else (list(extra) if isinstance(extra, (list, tuple))
                                       else [extra])
    if any(isinstance(e, pd.DataFrame) for e in extras) or isinstance(regions, pd.DataFrame):
        return None
    files = [("table", p) for p in sorted(folder.glob("*.csv"))]
    version = folder / "VERSION"
    if version.exists():
        files.append(("version", version))
    range_file = folder / RANGES_FILE
    files.append(("ranges", range_file if range_file.exists()
                  else data_path("factors") / RANGES_FILE))
    files += [(f"extra {i + 1}", Path(e)) for i, e in enumerate(extras)]
    if regions is not None:
        files.append(("regions", Path(regions)))
    return disk_cache.cache_key(files, ("allow_implausible", bool(allow_implausible),
                                        "extras", len(extras)))


def _read_and_validate(folder: Path, extra: Any, regions: Any,
                       allow_implausible: bool) -> tuple[FactorTable, list[str]]:
    """Read and validate the tables (load_factors without the cache): (table, warnings)."""
    region_frames = [("regions.csv", read_table(folder / "regions.csv"))]
    if regions is not None:
        region_frames.append(_named_frame(regions, "user regions"))
    region_table = _read_regions(region_frames)
    version_file = folder / "VERSION"
    version = (version_file.read_text(encoding="utf-8").strip() if version_file.exists()
               else "unversioned")
    frames: list[tuple[str, pd.DataFrame, int, bool]] = []
    notes = []
    tables = [p.name for p in folder.glob("*.csv")]
    for csv_path in sorted(folder.glob("*.csv")):
        if csv_path.name in ("regions.csv", "gwp100.csv", RANGES_FILE):
            continue
        locked = locked_table(csv_path.name, tables)
        if locked is not None:  # L116: Excel or WPS has a factor table open
            notes.append(lock_note(f"{folder.name}/", csv_path.name, locked))
            continue
        frames.append((csv_path.name, read_table(csv_path), 1, True))
    if extra is not None:
        from carbonpath.factors.columns import FRAME_NAME  # (a DataFrame's name)

        extras = extra if isinstance(extra, (list, tuple)) else [extra]
        for i, e in enumerate(extras):
            label = f"{FRAME_NAME} {i + 1}" if len(extras) > 1 else FRAME_NAME
            name, df = _named_frame(e, label)
            if df.empty:  # a header-only table would change nothing, without a word
                raise DataError(Problem("the user factor table has no rows", file=name,
                                        valid="one row per factor (docs: Factor tables)"))
            frames.append((name, df, 0, not isinstance(e, pd.DataFrame)))
    range_file = folder / RANGES_FILE
    ranges = read_ranges(range_file if range_file.exists()
                         else data_path("factors") / RANGES_FILE, _canonical)
    problems: list[Problem] = []
    accepted: list[Problem] = []
    parts = []
    for name, df, layer, from_file in frames:
        checked, found = _validate(df, name, region_table, from_file, ranges,
                                   allow_implausible, accepted)
        problems.extend(found)
        if not found:
            checked["layer"] = layer
            parts.append(checked)
    DataError.collect(problems, "factor tables")
    rows = pd.concat(parts, ignore_index=True)
    DataError.collect(_duplicates(rows), "factor tables")
    if accepted:
        notes.append(f"{len(accepted)} implausible factor value(s) accepted by override: "
                     + "; ".join(str(p) for p in accepted[:5])
                     + (" ..." if len(accepted) > 5 else ""))
    table = FactorTable(rows, region_table, version)
    notes += carbon_unit_notes(rows, functools.partial(_oxidation, table))  # round 25 Z13
    notes += condition_notes(rows)  # round 28 ZD81: 20 °C typed as Nm3
    return table, notes


def _oxidation(table: FactorTable, row: Any) -> tuple[float, str] | None:
    """The oxidation factor a carbon content of ``row``'s item and key would take, or None."""
    try:
        f = table.lookup(str(row.item), "oxidation_factor", sector=str(row.sector) or None,
                         technology=str(row.technology) or None, region=str(row.region),
                         year=int(row.year) if int(row.year) >= 0 else None)
    except CarbonpathError:
        return None
    return float(f.value.to("").magnitude), f.rule or str(f.region)


def _named_frame(source: str | Path | pd.DataFrame, default: str) -> tuple[str, pd.DataFrame]:
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        return default, df
    p = Path(source)
    return p.name, read_table(p)


@functools.lru_cache(maxsize=1)
def bundled_factors() -> FactorTable:
    """The bundled factor table, loaded once per process (``load_factors()``)."""
    return load_factors()
