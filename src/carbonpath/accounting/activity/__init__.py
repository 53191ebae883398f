"""Activity data: energy use by sector and fuel, and industrial production, validated.

``read_activity`` turns a tidy table (CSV in UTF-8 or GBK, or a DataFrame) into an
:class:`Activity` whose every row has canonical codes and a quantity in a canonical unit
(t, Nm3 or TJ). ``read_production`` does the same for industrial output. Every problem of
the input is reported at once, with file, row, column, value and what would be valid;
nothing is dropped, filled or clipped. Work is done per distinct value (codes, units),
never per row.

The code is split by job: :mod:`~carbonpath.accounting.activity.schema` (codes,
columns, the two table types), :mod:`~carbonpath.accounting.activity.checker` (column checks),
:mod:`~carbonpath.accounting.activity.keys` (vectorised keys and groups),
:mod:`~carbonpath.accounting.activity.uses` (uses and unit conversion),
:mod:`~carbonpath.accounting.activity.reading` (:func:`read_activity`) and
:mod:`~carbonpath.accounting.activity.production` (:func:`read_production`); every name is
importable from here.
"""

from __future__ import annotations

from carbonpath.accounting.activity.keys import _combine as _combine
from carbonpath.accounting.activity.keys import _duplicated as _duplicated
from carbonpath.accounting.activity.keys import _groups as _groups
from carbonpath.accounting.activity.production import read_production
from carbonpath.accounting.activity.reading import read_activity
from carbonpath.accounting.activity.schema import (
    CARRIER_USES,
    ENERGY_BASES,
    FUEL_USES,
    GAS_CONDITIONS,
    Activity,
    Production,
)
from carbonpath.accounting.activity.schema import MEASURE_UNITS as MEASURE_UNITS
from carbonpath.accounting.activity.uses import _unit_rule as _unit_rule

__all__ = [
    "CARRIER_USES",
    "ENERGY_BASES",
    "FUEL_USES",
    "GAS_CONDITIONS",
    "Activity",
    "Production",
    "read_activity",
    "read_production",
]
