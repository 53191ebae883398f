"""The accounting wing: activity data -> validated tables -> inventories.

Public API: :func:`read_activity`, :func:`read_production`, :func:`compute_inventory`
(-> :class:`Inventory`), :func:`read_energy_balance` (published energy balance sheets ->
activity data), :func:`reference_approach`, :func:`uncertainty` (IPCC Approach 1 and 2),
:func:`decompose` and :func:`intensities` (LMDI), and the per-unit factors the pathway model uses,
:func:`fuel_factors` and :func:`process_factors`.
"""

from carbonpath.accounting.activity import Activity, Production, read_activity, read_production
from carbonpath.accounting.balance_mapping import BalanceMapping, balance_mapping
from carbonpath.accounting.balance_sheet import BalanceSheet, read_energy_balance
from carbonpath.accounting.decomposition import Decomposition, decompose, intensities
from carbonpath.accounting.inventory import Inventory, compute_inventory
from carbonpath.accounting.reference import ReferenceApproach, reference_approach
from carbonpath.accounting.scalar import fuel_factors, process_factors
from carbonpath.accounting.uncertainty import Uncertainty, uncertainty

__all__ = ["Activity", "BalanceMapping", "BalanceSheet", "Decomposition", "Inventory",
           "Production", "ReferenceApproach", "Uncertainty", "balance_mapping",
           "compute_inventory", "decompose", "fuel_factors", "intensities", "process_factors",
           "read_activity", "read_energy_balance", "read_production", "reference_approach",
           "uncertainty"]
