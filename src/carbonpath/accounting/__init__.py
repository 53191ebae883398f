"""The accounting wing: activity data -> validated tables -> inventories.

Public API: :func:`read_activity`, :func:`read_production`, :func:`compute_inventory`
(-> :class:`Inventory`), and the per-unit factors the pathway model uses,
:func:`fuel_factors` and :func:`process_factors`.
"""

from carbonpath.accounting.activity import Activity, Production, read_activity, read_production
from carbonpath.accounting.inventory import Inventory, compute_inventory
from carbonpath.accounting.scalar import fuel_factors, process_factors

__all__ = ["Activity", "Inventory", "Production", "compute_inventory", "fuel_factors",
           "process_factors", "read_activity", "read_production"]
