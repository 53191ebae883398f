"""The accounting wing: activity data -> validated tables -> inventories."""

from carbonpath.accounting.activity import Activity, Production, read_activity, read_production
from carbonpath.accounting.inventory import Inventory, compute_inventory

__all__ = ["Activity", "Inventory", "Production", "compute_inventory", "read_activity",
           "read_production"]
