"""The technologies of a dataset kept on disk, keyed by content (issue 15).

:meth:`carbonpath.model.ModelData.from_dataset` builds every technology of a dataset from its
rows (parameters, flows, profiles) and resolves its emission and energy factors: about 0.1 s
of CPU for Liaocheng's 86 technologies, the same work at every start of a process on the same
files. Within one process the technologies that no scenario override names are already built
once and copied for the next scenarios (:func:`carbonpath.model.shared_techs._shared`); this
module keeps that set on disk too (carbonpath's cache folder, subfolder ``technologies``,
through :mod:`carbonpath._content_cache`), so the first scenario of a new process copies them
as the second one does.

The key (:func:`technologies_key`) is a digest (:func:`carbonpath._content_cache.content_key`,
which holds carbonpath's code digest and the library versions) of

- the dataset folder's key (every file under it, as the dataset cache keys it:
  :func:`carbonpath.dataset.load._cache_key`);
- the bundled factor tables' key (:func:`carbonpath.factors.load._cache_key`); a factor table
  given as an object is not cached;
- the bytes of every file of the bundled catalogue (in a source checkout these folders lie
  outside the package, so the code digest does not hold them);
- the tables and configuration of the (scenario-resolved) dataset as they are in memory, each
  table by :func:`carbonpath.model.shared_techs._frame_digest`, so a table edited in Python is
  another key;
- the model hours.

**Warnings and problems.** The build is kept only when it gave no warning at all and raised
nothing: it then runs with every warning recorded and issued again
(:func:`carbonpath._warning_record.recorded`), which is done only when no other thread runs
(else the build runs plainly and is not kept). On a hit only the technologies' own build is
skipped; every check of the model data (base year, balances, target levels) runs as before. A
damaged or foreign entry is ignored (:func:`carbonpath._content_cache.read_entry`) and the
technologies are built. ``CARBONPATH_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from carbonpath import _content_cache, _warning_record
from carbonpath.model.shared_techs import _SCENARIO_KEYS, _frame_digest, _shared

if TYPE_CHECKING:
    from carbonpath.dataset import Dataset
    from carbonpath.model.data import ModelData

__all__ = ["KIND", "build_cached", "technologies_key"]

#: The cache subfolder of built technologies.
KIND = "technologies"


def technologies_key(ds: Dataset, hours: int, factors: Any) -> str | None:
    """The disk-cache key of the technologies of ``ds`` at ``hours``, or None (not cached).

    Parameters
    ----------
    ds : carbonpath.Dataset
        A dataset read from a folder (a scenario's resolved dataset included).
    hours : int
        Model blocks per representative day.
    factors : carbonpath.FactorTable or None
        The factor table of the build; only None (the bundled tables) is cached.

    Returns
    -------
    str or None
        A hex digest; None when a factor table is given, the dataset has no folder, or a file
        cannot be read (the build then reports it in its own terms).
    """
    import pandas as pd

    from carbonpath._resources import data_path
    from carbonpath.dataset.load import _cache_key
    from carbonpath.factors.load import _cache_key as factors_key

    if factors is not None or not isinstance(getattr(ds, "path", None), Path):
        return None
    folder = ds.path
    if not folder.is_dir():
        return None
    dataset = _cache_key(folder)
    bundled = factors_key(data_path("factors"), None, None, False)
    if dataset is None or bundled is None:
        return None
    files = _content_cache.catalogue_files()
    if files is None:
        return None
    config = {k: v for k, v in ds.config.items() if k not in _SCENARIO_KEYS}
    tables = [(name, _frame_digest(frame) if isinstance(frame, pd.DataFrame) else repr(frame))
              for name, frame in sorted(ds.tables.items())]
    return _content_cache.content_key(
        files, ("technologies", dataset, bundled, int(hours),
                repr(sorted(config.items(), key=lambda kv: str(kv[0]))), tables))


def build_cached(builder: Any) -> ModelData:
    """``builder.build()``, its shared technologies read from or written to the disk cache.

    Parameters
    ----------
    builder : carbonpath.model.data._Builder
        A builder made for one scenario (its ``ds``, ``hours`` and ``factors`` give the key).

    Returns
    -------
    ModelData
        As ``builder.build()`` returns it: on a hit the technologies no override names are
        copies of the kept ones, as for a second scenario in one process.

    Raises
    ------
    DataError
        Whatever ``builder.build()`` raises (nothing is kept then).
    """
    from carbonpath.model.datatypes import TechData

    shared = _shared(builder.ds, builder.hours, builder.factors)
    if shared:  # built already in this process
        return builder.build()
    key = technologies_key(builder.ds, builder.hours, builder.factors)
    if key is not None:
        found = _content_cache.read_entry(KIND, key, dict)
        if (found is not None and len(found) == 1 and found[0]
                and all(isinstance(t, TechData) for t in found[0].values())):
            shared.update(found[0])
            return builder.build()
    if key is None or not _warning_record.alone():
        return builder.build()
    with _warning_record.recorded() as caught:
        data = builder.build()
    if not caught and shared:
        _content_cache.write_entry(KIND, key, (dict(shared),))
    return data
