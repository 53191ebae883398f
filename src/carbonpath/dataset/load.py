"""Reading a dataset folder: locating it, reading its YAML, checking, assembling a Dataset."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from carbonpath import _content_cache
from carbonpath._checks import checked
from carbonpath._io import LOCK_PREFIX, decode
from carbonpath._resources import data_path
from carbonpath.dataset import notices
from carbonpath.dataset import regions as _regions
from carbonpath.dataset.carrier_coal import warn_carrier_coal
from carbonpath.dataset.checks import (
    _check_coverage,
    _check_magnitudes,
    _check_references,
    _same_dimension,
)
from carbonpath.dataset.config import _check_config
from carbonpath.dataset.dataset import Dataset
from carbonpath.dataset.edits import override_checksums, remember
from carbonpath.dataset.files import unknown_file_problems
from carbonpath.dataset.operations import (
    check_operations,
)
from carbonpath.dataset.plan import _check_plan
from carbonpath.dataset.scenarios import check_scenarios
from carbonpath.dataset.schema import OPTIONAL_TABLES, TABLES
from carbonpath.dataset.slips import check_slips, fossil_input_problems, warn_dataset_roles
from carbonpath.dataset.tables import closest, read_table
from carbonpath.errors import (
    DataError,
    EncodingError,
    ImplausibleValueError,
    InputNotFoundError,
    Problem,
)

__all__ = ["list_datasets", "load_dataset"]


def list_datasets() -> list[str]:
    """Return the names of the bundled datasets."""
    root = data_path("datasets")
    return sorted(p.name for p in root.iterdir() if (p / "dataset.yaml").exists())


@checked
def load_dataset(name_or_path: str | Path) -> Dataset:
    """Read and validate a dataset folder.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        A bundled dataset's name (``"tiny"``, ``"liaocheng"``) or a folder path. Every file
        in it and under ``scenarios/`` must be one the dataset reads, except files and
        folders whose names start with a dot (``.ipynb_checkpoints/``, ``.DS_Store``):
        editor and system debris, skipped with all they hold (docs/scenarios.md).

    Returns
    -------
    Dataset
        The validated dataset, units still attached.

    Raises
    ------
    InputNotFoundError
        If no such folder or bundled dataset exists.
    DataError
        Listing every problem found (file, row, column, value, what would be valid).
    """
    folder = _locate(name_or_path)
    key = _cache_key(folder)
    found = _content_cache.read_entry(CACHE_KIND, key, Dataset) if key is not None else None
    if found is not None and len(found) == 2 and isinstance(found[1], dict):
        dataset, prints = found
        remember(dataset, prints)  # tables edited in Python later are refused
        return dataset
    with notices.collecting() as warned:
        dataset = _read_and_check(folder)
    prints = remember(dataset)  # tables edited in Python later are refused: dataset/edits.py
    if key is not None and not warned:  # (a load that warned is not kept: dataset/notices.py)
        _content_cache.write_entry(CACHE_KIND, key, (dataset, prints))
    return dataset


#: The cache subfolder of validated datasets (:mod:`carbonpath._content_cache`).
CACHE_KIND = "datasets"


def _cache_key(folder: Path) -> str | None:
    """The disk-cache key of a dataset folder: every file and folder under it, by content.

    Names starting with a dot are left out, with all they hold, as the loader skips them
    (editor and system debris); every other file's path and bytes, every folder's path and
    the folder's own location are hashed with carbonpath's code
    (:func:`carbonpath._content_cache.content_key`). None (no cache) if the folder cannot be
    listed or a file cannot be read.
    """
    try:
        entries = sorted(p for p in folder.rglob("*")
                         if not any(part.startswith(".")
                                    for part in p.relative_to(folder).parts))
        files = [(p.relative_to(folder).as_posix(), p) for p in entries if p.is_file()]
        folders = [p.relative_to(folder).as_posix() for p in entries if p.is_dir()]
    except OSError:
        return None
    return _content_cache.content_key(files, ("dataset", str(folder), folders))


def _read_and_check(folder: Path) -> Dataset:
    """Read and validate a located dataset folder (:func:`load_dataset` without its cache)."""
    problems: list[Problem] = []
    checksums = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(folder.iterdir()) if p.is_file() and p.suffix in
                 (".yaml", ".yml", ".csv") and not p.name.startswith(LOCK_PREFIX)}
    checksums.update(override_checksums(folder))  # scenarios/ too: dataset/edits.py
    problems += unknown_file_problems(folder)  # Parameters.csv, a typo: dataset/files.py
    config = _read_yaml(folder / "dataset.yaml", problems) or {}
    plan = _read_yaml(folder / "plan.yaml", problems, optional=True) or {}
    if problems:
        raise DataError(problems, f"dataset '{folder.name}'")
    _check_config(config, problems)
    if problems:
        raise DataError(problems, f"dataset '{folder.name}'")
    context = {"days": [d["name"] for d in config["timeslices"]["days"]],
               "hours": int(config["timeslices"].get("hours", 24)),
               "regions": _regions.regions(config, folder.name),
               "region_problem": functools.partial(_regions.unknown_region,
                                                   config=config, name=folder.name)}
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES + OPTIONAL_TABLES:
        frame = read_table(folder, table, context, problems, optional=table in OPTIONAL_TABLES)
        if frame is not None:
            tables[table] = frame
    # a cell that could not be read (a year '2024.0') is kept as blank: the checks across
    # rows and tables would report it again as a duplicate, a missing year ... (H38), so a
    # column with unreadable cells gets only their problems until they read
    read = len(problems)
    unreadable = {(p.file, p.column) for p in problems}
    implausible: list[Problem] = []
    unknown_region = False
    if all(t in tables for t in TABLES):
        before = len(problems)
        _check_references(tables, config, problems)
        implausible = _check_magnitudes(tables)
        if len(problems) == before:  # the references hold: compare the dataset with itself
            problems += fossil_input_problems(tables)
            implausible += check_slips(tables, config)
            # capture sign, ignored profiles, rates (role_checks.py); a fuel cost beside an
            # implausible price (0.4 CNY/t) would be a second, misleading notice (MB46)
            warn_dataset_roles(tables, fuel_costs=not implausible)
            warn_carrier_coal(tables, config)  # KE16: electricity in 万吨标准煤
        problems += implausible
        check_operations(config, tables, problems, folder)
        regional = len(problems)
        _regions.check_tables(tables, config, folder.name, problems, _same_dimension)
        if not problems:  # L97: a listed region left empty (the regions reordered?)
            _regions.warn_empty_regions(tables, config, context["regions"])
        unknown_region = any(p.message.startswith("unknown region")
                             for p in problems[regional:])
    plan_path = folder / "plan.yaml"
    targets = _check_plan(plan, config, tables, problems,
                          missing=None if plan_path.exists() else plan_path, name=folder.name)
    dataset = Dataset(folder.name, folder, config, targets, tables, checksums)
    if all(t in tables for t in TABLES) and not unknown_region:
        # with the other problems, so all come at once; not after an unknown region, whose
        # rows would be reported again as years missing from the regions they left (DS06)
        _check_coverage(dataset, problems)
    if not problems and all(t in tables for t in TABLES):
        check_scenarios(dataset, problems)  # scenario overrides: dataset/scenarios.py
    problems[read:] = [p for p in problems[read:] if (p.file, p.column) not in unreadable]
    if problems and all(p.message.startswith("implausible") for p in problems):
        raise ImplausibleValueError(problems, f"dataset '{folder.name}'")
    DataError.collect(problems, f"dataset '{folder.name}'")
    return dataset


def _locate(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if (path / "dataset.yaml").exists():
        return path.resolve()
    if path.is_file():  # ME37 ME82: tiny/dataset.yaml or tiny/technologies.csv for tiny
        folder = path.resolve().parent
        give = (f"give its folder: {path.parent if str(path.parent) != '.' else folder}"
                if (folder / "dataset.yaml").is_file() else
                f"give the folder that holds dataset.yaml and the tables ({folder} has no "
                "dataset.yaml)")
        msg = f"{path} is a file; a dataset is a folder: {give}"
        raise InputNotFoundError(msg, path)
    if isinstance(name_or_path, str) and "/" not in name_or_path:
        bundled = data_path("datasets") / name_or_path
        if (bundled / "dataset.yaml").exists():
            return bundled
        names = list_datasets()
        same = [n for n in names if n.casefold() == name_or_path.casefold()]  # P27: 'Tiny'
        hint = f"did you mean '{same[0]}'" if same else closest(name_or_path, set(names))
        hint = (f"{hint}? bundled: " if hint.startswith("did you mean") else "") + ", ".join(names)
        msg = (f"no dataset '{name_or_path}': not a folder with a dataset.yaml, and not a "
               f"bundled dataset ({hint})")
        raise InputNotFoundError(msg, name_or_path)
    msg = f"no dataset.yaml in {path}"
    raise InputNotFoundError(msg, path)


class _DuplicateKey(Exception):
    """A key given twice in one YAML mapping (``key`` and its 1-based ``line``)."""

    def __init__(self, key: Any, line: int) -> None:
        super().__init__(key, line)
        self.key, self.line = key, line


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML keeps the last)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        """Build a mapping; raise :class:`_DuplicateKey` for a repeated key."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 (PyYAML) reads 4.8e3 and 1e6 as text: its floats need a dot and a signed
# exponent (4.8e+3). YAML 1.2, and every user, reads them as numbers (round 12's F08), so
# the loader reads any plain scalar of that form as a float. Quoted '4.8e3' stays text.
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."))


def _read_yaml(path: Path, problems: list[Problem], optional: bool = False) -> dict | None:
    if not path.exists():
        if not optional:
            problems.append(Problem("the file is missing", file=path.name))
        return None
    try:
        text, _ = decode(path.read_bytes(), path.name)
        content = yaml.load(text, Loader=_UniqueKeyLoader)
    except EncodingError as exc:
        problems.extend(exc.problems)
        return None
    except _DuplicateKey as exc:
        problems.append(Problem(f"the key '{exc.key}' is given twice in one mapping (line "
                                f"{exc.line}); YAML keeps only the last, silently",
                                file=path.name, key=str(exc.key),
                                valid="each key once in its mapping"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(f"not valid YAML: {exc}", file=path.name,
                                valid="a YAML mapping, e.g. as in datasets/tiny"))
        return None
    if content is None:
        return {}
    if not isinstance(content, dict):
        problems.append(Problem("the file must hold a mapping of keys to values",
                                file=path.name))
        return None
    return content
