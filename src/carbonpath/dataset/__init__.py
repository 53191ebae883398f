"""Read a dataset folder into validated tables (``carbonpath.load_dataset``).

A dataset is a folder of YAML and CSV files (see ``docs/data-format.md``). Loading checks
every column against the data dictionary, every unit against the dimension its column needs,
every cross reference, and year coverage, and reports every problem at once in one
:class:`carbonpath.DataError` naming file, row and column.

The code is split by job: :mod:`~carbonpath.dataset.schema` (tables, keys, target
types), :mod:`~carbonpath.dataset.dataset` (:class:`Dataset`), :mod:`~carbonpath.dataset.series`
(year series), :mod:`~carbonpath.dataset.config` and :mod:`~carbonpath.dataset.plan` (checks of
``dataset.yaml``), :mod:`~carbonpath.dataset.checks` (checks across tables) and
:mod:`~carbonpath.dataset.load` (reading a folder); every name is importable from here.
"""

from __future__ import annotations

from carbonpath.dataset.checks import _check_coverage as _check_coverage
from carbonpath.dataset.checks import _check_references as _check_references
from carbonpath.dataset.dataset import Dataset
from carbonpath.dataset.load import list_datasets, load_dataset
from carbonpath.dataset.plan import _check_target as _check_target
from carbonpath.dataset.schema import CONFIG_KEYS as CONFIG_KEYS
from carbonpath.dataset.schema import DRIVER_DIMENSIONS as DRIVER_DIMENSIONS
from carbonpath.dataset.schema import OPTIONAL_TABLES as OPTIONAL_TABLES
from carbonpath.dataset.schema import TABLES as TABLES
from carbonpath.dataset.schema import TARGET_KEYS as TARGET_KEYS
from carbonpath.dataset.schema import TARGET_TYPES as TARGET_TYPES
from carbonpath.dataset.series import as_mapping as as_mapping
from carbonpath.dataset.series import converted as converted
from carbonpath.dataset.series import expand_years
from carbonpath.dataset.series import quantity as quantity

__all__ = ["Dataset", "expand_years", "list_datasets", "load_dataset"]
