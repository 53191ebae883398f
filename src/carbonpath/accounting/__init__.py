"""The accounting wing: activity data -> validated tables -> inventories.

Public API: :func:`read_activity`, :func:`read_production`, :func:`compute_inventory`
(-> :class:`Inventory`), :func:`read_energy_balance` (published energy balance sheets ->
activity data), and the per-unit factors the pathway model uses,
:func:`fuel_factors` and :func:`process_factors`.
"""

from carbonpath.accounting.activity import Activity, Production, read_activity, read_production
from carbonpath.accounting.balance_mapping import BalanceMapping, balance_mapping
from carbonpath.accounting.balance_sheet import BalanceSheet, read_energy_balance
from carbonpath.accounting.inventory import Inventory, compute_inventory
from carbonpath.accounting.scalar import fuel_factors, process_factors

__all__ = ["Activity", "BalanceMapping", "BalanceSheet", "Inventory", "Production",
           "balance_mapping", "compute_inventory", "fuel_factors", "process_factors",
           "read_activity", "read_energy_balance", "read_production"]
