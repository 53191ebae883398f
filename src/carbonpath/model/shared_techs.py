"""What the model-data builds of one process share: factor look-ups and built technologies.

Split from :mod:`carbonpath.model.data` (code unchanged; the names are imported there too):
the look-up caches of the factor tables and the technologies shared, by content, between
the scenarios of one dataset.
"""

from __future__ import annotations

import hashlib
import pickle
import weakref
from collections import OrderedDict
from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.dataset.scenarios import DISALLOWED_BY, RESOLVED, TARGET_PLACES
from carbonpath.model.datatypes import TechData

#: Factor look-ups of the bundled tables, shared by every model of the process (each costs
#: a resolution through the factor tables; a dataset uses the same few again and again).
_BUNDLED_FACTORS: dict[tuple, Any] = {}
#: The same for factor tables given as a FactorTable, while the table lives.
_TABLE_FACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


#: (fingerprint of a dataset's tables and scenario-independent configuration, model hours,
#: id of the factor table) -> (the factor table, technology code -> its TechData as built
#: without scenario overrides; deep-copied on every use: models change theirs). Keyed by
#: content, not by the dataset object: every scenario is its own resolved Dataset, and the
#: scenarios of one dataset that override no technology share these (frozen main job: the
#: plan scenario's 86 technologies, about 0.2 s). The last :data:`_SHARED_SIZE` only.
_SHARED: OrderedDict[tuple, tuple[Any, dict[str, TechData]]] = OrderedDict()
_SHARED_SIZE = 4
#: Configuration keys that only name or select a scenario (no technology depends on them;
#: TARGET_PLACES only says where a target's value was written, DISALLOWED_BY where a
#: disallow was; the disallow itself is in the tables).
_SCENARIO_KEYS = ("scenarios", RESOLVED, TARGET_PLACES, DISALLOWED_BY)


def _fingerprint(ds: Dataset) -> int:
    """A hash of a dataset's tables and configuration, but its scenario selection.

    A cache made from a dataset is stale if the dataset was changed in place since. The
    configuration's ``scenarios`` (and the resolved-scenario mark) are left out: a scenario's
    parameter overrides are in its resolved tables, which are hashed.
    """
    config = {k: v for k, v in ds.config.items() if k not in _SCENARIO_KEYS}
    parts = [repr(sorted(config.items(), key=lambda kv: str(kv[0])))]
    for name in sorted(ds.tables):
        frame = ds.tables[name]
        if isinstance(frame, pd.DataFrame):
            parts.append(f"{name}:{_frame_digest(frame)}")
        else:
            parts.append(f"{name}:{frame!r}")
    return hash(tuple(parts))


def _frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a table's columns, index and cells, in order (BLAKE2b, hex).

    The cells are pickled as Python objects (a float by its bytes, so NaN and -0.0 too):
    about 1 ms for Liaocheng's tables against 10 ms for pandas' per-column hashing of the
    cells as text, which this replaced. Two tables that hash alike hold the same cells; two
    equal tables whose cells are shared differently between objects may hash apart (the
    pickle's memo), which only costs a build that could have been shared. A cell that does
    not pickle is hashed as its text, as before.
    """
    try:
        cells = pickle.dumps((list(frame.columns), frame.index.tolist(),
                              frame.to_numpy(dtype=object).tolist()), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        hashed = pd.util.hash_pandas_object(frame.astype(str), index=True)
        return f"{list(frame.columns)}:{int(hashed.sum())}"
    return hashlib.blake2b(cells, digest_size=16).hexdigest()


def _shared(ds: Dataset, hours: int, factors: Any) -> dict[str, TechData]:
    """The technologies of ``ds`` already built for another scenario (empty at first).

    Technology data depends on the scenario only through its parameter overrides, so a
    technology that no override names is built once per dataset content, model resolution
    and factor table, and copied for every later scenario. The cache is keyed by a hash of
    the tables and the configuration (:func:`_fingerprint`), so a dataset changed in place
    is built afresh, and the resolved datasets of two scenarios with the same tables share.
    """
    key = (_fingerprint(ds), hours, id(factors))
    entry = _SHARED.get(key)
    if entry is None or entry[0] is not factors:  # (the factor table itself is kept, so
        entry = _SHARED[key] = (factors, {})      # that its id cannot be reused meanwhile)
    _SHARED.move_to_end(key)
    while len(_SHARED) > _SHARED_SIZE:
        _SHARED.popitem(last=False)
    return entry[1]


def _factor_cache(factors: Any) -> dict[tuple, Any]:
    """The look-up cache of a factor table (a fresh one for tables given as files)."""
    if factors is None:
        return _BUNDLED_FACTORS
    try:
        return _TABLE_FACTORS.setdefault(factors, {})
    except TypeError:  # not weakly referable or unhashable: cache for this model only
        return {}
