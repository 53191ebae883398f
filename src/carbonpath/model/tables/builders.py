""":data:`BUILDERS`: the tables every Pathway has, in their order."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from carbonpath.model.tables.base import _Context
from carbonpath.model.tables.emission_tables import costs, emissions, emissions_total, marginal_cost
from carbonpath.model.tables.energy_tables import balances, energy, energy_supply, prices
from carbonpath.model.tables.technology_tables import (
    activity,
    capacity,
    dispatch,
    energy_capacity,
    flows,
    storage,
)

__all__ = ["BUILDERS"]


#: The tables every Pathway has, in their order, and the functions that build them.
BUILDERS: dict[str, Callable[[_Context], pd.DataFrame]] = {
    "capacity": capacity, "energy_capacity": energy_capacity, "activity": activity,
    "flows": flows, "dispatch": dispatch, "storage": storage, "balances": balances,
    "emissions": emissions, "emissions_total": emissions_total, "energy": energy,
    "energy_supply": energy_supply, "costs": costs, "marginal_cost": marginal_cost,
    "prices": prices,
}
