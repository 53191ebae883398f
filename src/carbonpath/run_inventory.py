"""The base-year inventory of a run kept on disk, keyed by content (issue 15).

:func:`carbonpath.run.dataset_inventory` reads a dataset's ``activity.csv`` (and
``production.csv``), checks it and computes the inventory: about 0.15 s of CPU for
Liaocheng, the same work at every run of the same files. :func:`cached_inventory` keeps the
result in carbonpath's cache folder (:mod:`carbonpath._content_cache`, subfolder
``inventories``) and reads it back (about 1 ms) when nothing it was made from has changed.

The key is a digest (:func:`carbonpath._content_cache.content_key`) of

- the dataset folder's key (every file and folder under it, as the dataset cache keys it:
  :func:`carbonpath.dataset.load._cache_key`), which holds carbonpath's code digest;
- the bundled factor tables' key (as :func:`carbonpath.factors.load_factors` keys them);
- the bytes of every file of the bundled catalogue (fuels, sectors: in a source checkout
  these folders lie outside the package, so the code digest does not hold them);
- the dataset's ``config`` as it is in memory (region, base year, emissions method, energy
  conventions).

Only a dataset as :func:`carbonpath.load_dataset` read it is cached: one built in memory
(no fingerprint recorded) or with tables or config edited in Python since
(:func:`carbonpath.dataset.edits.check_unedited` refuses it) is computed each time.

**Warnings.** A cached result must never drop one. A computation is kept only when it
gave no warning at all (any category, from any module). To see every warning whatever the
caller's filters, the computation runs under :class:`warnings.catch_warnings` with every
warning recorded; the recorded warnings are then issued again, each from its own file, line
and module, with the module's registry (:func:`warnings.warn_explicit`), so the caller's
filters ("ignore", "error", "default" once per place) apply as they would have. Because
:class:`warnings.catch_warnings` changes the filters of the whole process, it is used only
when no other thread runs (but the terminal's progress display of ``carbonpath run``, which
never touches the warnings filters; :func:`carbonpath.run.compute` computes the inventory
before it starts its solve threads); otherwise the inventory is computed plainly and not
kept. A damaged entry is ignored (:func:`_content_cache.read_entry`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from carbonpath import _content_cache, _warning_record

__all__ = ["KIND", "cached_inventory", "inventory_key"]

#: The cache subfolder of base-year inventories.
KIND = "inventories"


def inventory_key(ds: Any) -> str | None:
    """The disk-cache key of ``ds``'s base-year inventory, or None (not cached).

    Parameters
    ----------
    ds : carbonpath.Dataset
        A dataset read by :func:`carbonpath.load_dataset`.

    Returns
    -------
    str or None
        A hex digest; None when ``ds`` was not read by the loader, was edited in Python since,
        or a file cannot be read (the computation then reports it in its own terms).
    """
    from carbonpath._resources import data_path
    from carbonpath.dataset import edits
    from carbonpath.dataset.load import _cache_key
    from carbonpath.errors import CarbonpathError
    from carbonpath.factors.load import _cache_key as factors_key

    if id(ds) not in edits._PRINTS:  # built in memory: nothing to key it by
        return None
    try:
        edits.check_unedited(ds)
    except CarbonpathError:  # edited in Python: computed (and refused or not) as before
        return None
    folder = Path(ds.path)
    dataset = _cache_key(folder)
    factors = factors_key(data_path("factors"), None, None, False)
    files = _content_cache.catalogue_files()
    if dataset is None or factors is None or files is None:
        return None
    return _content_cache.content_key(
        files, ("base-year inventory", dataset, factors, repr(ds.config)))



def cached_inventory(ds: Any, compute: Callable[[Any], Any]) -> Any:
    """``compute(ds)``, read from the disk cache when it was computed before from the same.

    Parameters
    ----------
    ds : carbonpath.Dataset
        The dataset (see :func:`inventory_key`).
    compute : callable
        ``compute(ds)`` -> :class:`~carbonpath.accounting.Inventory` or None; the
        computation without the cache.

    Returns
    -------
    Inventory or None
        As ``compute(ds)`` returns it (a hit is the unpickled copy of a result that gave no
        warning).

    Raises
    ------
    Whatever ``compute`` raises (the warnings it gave before are issued first).
    """
    from carbonpath.accounting.inventory_table import Inventory

    key = inventory_key(ds)
    if key is not None:
        found = _content_cache.read_entry(KIND, key, Inventory)
        if found is not None and len(found) == 1:
            return found[0]
    if key is None or not _alone():
        return compute(ds)
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            inventory = compute(ds)
    finally:
        _issue_again(caught)
    if not caught and inventory is not None:
        _content_cache.write_entry(KIND, key, (inventory,))
    return inventory


# (the warning helpers moved to carbonpath._warning_record; the old names stay)
_HARMLESS_THREADS = _warning_record._HARMLESS_THREADS
_alone = _warning_record.alone
_issue_again = _warning_record.issue_again
