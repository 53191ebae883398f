"""Scenario families, measures, MACCs and peak-year questions (see ``docs/scenarios.md``).

Scenarios are resolved in the dataset layer (:mod:`carbonpath.dataset.scenarios`); this room
solves and compares them, attributes gaps to measures and levers, and sweeps caps, prices and
peak years through any :class:`concurrent.futures.Executor`.
"""

from carbonpath.dataset.scenarios import resolve_scenario, roles
from carbonpath.scenarios.compare import ScenarioComparison, compare_scenarios, solve_scenario
from carbonpath.scenarios.levers import lever_decomposition
from carbonpath.scenarios.macc import (
    SystemMACC,
    measure_macc_figure,
    system_macc,
    system_macc_figure,
)
from carbonpath.scenarios.measures import (
    MeasureContributions,
    measure_contributions,
    wedge_figure,
)
from carbonpath.scenarios.peak import earliest_peak_year, peak_cost_curve, sector_peaks

__all__ = ["MeasureContributions", "ScenarioComparison", "SystemMACC", "compare_scenarios",
           "earliest_peak_year", "lever_decomposition", "measure_contributions",
           "measure_macc_figure", "peak_cost_curve", "resolve_scenario", "roles",
           "sector_peaks", "solve_scenario", "system_macc", "system_macc_figure", "wedge_figure"]
