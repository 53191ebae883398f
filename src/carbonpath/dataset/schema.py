"""What a dataset folder holds: its tables, the keys of dataset.yaml, target types, drivers."""

from __future__ import annotations

from carbonpath.dataset.scenarios import SCENARIO_KEYS

TABLES = ("commodities", "technologies", "flows", "parameters", "demands", "profiles", "drivers")
OPTIONAL_TABLES = ("emissions", "reserves", "links", "reference")
CONFIG_KEYS = {
    "": ("name", "title", "region", "base_year", "horizon", "currency", "price_year",
         "discount_rate", "base_year_tolerance", "timeslices", "emissions", "energy",
         "scenarios", "sources", "first_decision_year", "discount_year", "annuity_timing",
         "regions", "region_groups", "roles", "measures", "caveats"),
    "timeslices": ("hours", "model_hours", "days", "coarse_balance_hours"),
    "day": ("name", "weight"),
    "emissions": ("method", "gas", "gwp"),
    "energy": ("primary_electricity", "coal_rate_basis"),
    "scenario": SCENARIO_KEYS,  # scenario overrides: carbonpath.dataset.scenarios
    "source": ("id", "title"),
}
"""The keys of ``dataset.yaml`` the code reads, by mapping (anything else is an error)."""

TARGET_KEYS = ("name", "type", "status", "source", "region", "plausibility")
"""Keys every plan target may have."""

TARGET_TYPES = {  # target type -> (required keys, optional keys)
    "peak_year": (("year",), ("gas", "method")),
    "cap": (("value", "unit"), ("years", "gas", "method")),
    "reduction": (("year", "relative_to", "value"), ("gas", "method")),
    "budget": (("start", "end", "value", "unit"), ("gas", "method")),
    "emission_intensity": (("year", "relative_to", "value"), ("reference", "gas", "method")),
    "energy_intensity": (("year", "relative_to", "value"), ("reference",)),
    "nonfossil_share": (("year", "value"), ()),
    "energy_cap": (("value", "unit"), ("years",)),
    "min_share": (("group", "members", "value"), ("years", "measure")),
    "bound": (("technology", "quantity"), ("min", "max", "years")),
}
"""Plan target types with the keys the model reads for each."""

# -- 15th FYP indicators and scenario targets (issue 13; built in model/indicators.py) --
TARGET_TYPES.update({
    "emission_limits": (("values", "unit"), ("gas", "method")),
    "coal_cap": (("value", "unit"), ("years",)),
    "energy_intensity_adjusted": (("year", "relative_to", "value"), ("exclude",)),
    "nonfossil_share_convention": (("year", "value", "convention"), ()),
    "sector_peak": (("sector", "year"), ("gas", "method")),
    "frozen_mix": ((), ()),
})
DRIVER_DIMENSIONS = {
    "gdp": "CNY",
    "population": "person",
    "grid_emission_factor": "t CO2 / MWh",
    "grid_nonfossil_share": "",
    "thermal_power_coal_rate": "gce / kWh",
}
