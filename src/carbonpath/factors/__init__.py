"""Emission factors, calorific values and other coefficients, with their sources.

``load_factors()`` reads and validates every CSV table in ``factors/`` (and any user table),
parses each unit once and returns a :class:`FactorTable`. Lookups follow one precedence,
most specific first:

1. a user-supplied table (``extra=``) before the bundled tables;
2. the exact region, then each region above it in the region table (city -> province ->
   grid region -> country -> ``world``, where the IPCC defaults live);
3. within a region: the exact year, then a row valid for any year (blank year), then
   (``historical=True`` only) the nearest earlier year; projections never freeze a last value;
4. within a region and year: the most specific sector along the IPCC category prefix chain
   (``1A2f`` -> ``1A2`` -> ``1A`` -> ``1`` -> any), then the exact technology before any.

Two rows that tie on all of these raise a :class:`~carbonpath.errors.DataError`.
The lookups are vectorised: :meth:`FactorTable.resolve` resolves a whole frame of keys by
joins on the few distinct (region chain, sector chain, year) classes, never row by row.

The code is split by job: :mod:`~carbonpath.factors.columns` (columns, quantities,
:class:`Factor`), :mod:`~carbonpath.factors.regions` (the region table),
:mod:`~carbonpath.factors.validate` (row checks), :mod:`~carbonpath.factors.rules` (precedence
in words, IPCC category chains), :mod:`~carbonpath.factors.table` (:class:`FactorTable`) and
:mod:`~carbonpath.factors.load` (reading the CSVs); every name is importable from here.
"""

from __future__ import annotations

from carbonpath.factors.columns import COLUMNS as COLUMNS
from carbonpath.factors.columns import LOOKUP_ITEMS as LOOKUP_ITEMS
from carbonpath.factors.columns import QUANTITIES, Factor
from carbonpath.factors.load import bundled_factors as bundled_factors
from carbonpath.factors.load import load_factors
from carbonpath.factors.regions import RegionTable
from carbonpath.factors.rules import describe_rule as describe_rule
from carbonpath.factors.rules import ipcc_category as ipcc_category
from carbonpath.factors.rules import item_code as item_code
from carbonpath.factors.table import FactorTable
from carbonpath.factors.validate import _canonical as _canonical

__all__ = ["QUANTITIES", "Factor", "FactorTable", "RegionTable", "load_factors"]
