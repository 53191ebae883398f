"""The result tables of a solve, built from :class:`~carbonpath.model.extract.SolutionArrays`.

One function per table, of one argument, ``c``: the
:class:`~carbonpath.model.tables.base._Context` of the solve (model data, solution arrays,
years, the raw tables built so far). Each reads numpy arrays (no Pyomo indexing, no
single-value pandas look-ups) and returns the raw table (before round-off is cleaned).
:class:`LazyTables` builds a table on its first access, so that a sweep that reads three
numbers of a :class:`~carbonpath.model.results.Pathway` pays for no table it does not read.

The sums are taken in the order of the straightforward per-value loops (running sums from
zero, technologies then vintages), so that the tables agree with them to the last bit where
the loop summed in Python.

The code is split by job: :mod:`~carbonpath.model.tables.lazy` (:class:`LazyTables`),
:mod:`~carbonpath.model.tables.base` (the builders' context and helpers), one module per
group of tables (:mod:`~carbonpath.model.tables.technology_tables`,
:mod:`~carbonpath.model.tables.emission_tables`, :mod:`~carbonpath.model.tables.energy_tables`)
and :mod:`~carbonpath.model.tables.builders` (:data:`BUILDERS`); every name is importable from
here.
"""

from __future__ import annotations

from carbonpath.model.tables.base import context as context
from carbonpath.model.tables.builders import BUILDERS
from carbonpath.model.tables.emission_tables import costs as costs
from carbonpath.model.tables.emission_tables import emissions as emissions
from carbonpath.model.tables.emission_tables import emissions_total as emissions_total
from carbonpath.model.tables.emission_tables import marginal_cost as marginal_cost
from carbonpath.model.tables.energy_tables import balances as balances
from carbonpath.model.tables.energy_tables import energy as energy
from carbonpath.model.tables.energy_tables import energy_supply as energy_supply
from carbonpath.model.tables.energy_tables import prices as prices
from carbonpath.model.tables.lazy import LazyTables
from carbonpath.model.tables.technology_tables import activity as activity
from carbonpath.model.tables.technology_tables import capacity as capacity
from carbonpath.model.tables.technology_tables import dispatch as dispatch
from carbonpath.model.tables.technology_tables import energy_capacity as energy_capacity
from carbonpath.model.tables.technology_tables import flows as flows
from carbonpath.model.tables.technology_tables import storage as storage

__all__ = ["BUILDERS", "LazyTables"]
