"""The analysis tables the main job (``carbonpath run``) saves beside its pathways.

:func:`run_analysis` turns the solved scenarios of a run into the tables of
``results/analysis/``: the scenario comparison (:func:`carbonpath.scenarios.compare.
comparison_tables`) and, when the dataset's BAU and plan roles name two different solved
scenarios, the lever decomposition of the plan against the BAU as ``wedges`` (the report's
wedge slot, :data:`carbonpath.report.overview.OPTIONAL_TABLES`). The measure MACC is not
computed here: it needs a solve per combination of measures (2^n for n measures), so it is
left to ``carbonpath macc``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.scenarios.compare import comparison_tables
from carbonpath.scenarios.levers import LEVERS, lever_decomposition

__all__ = ["WEDGE_COLUMNS", "run_analysis", "wedges"]

#: Columns of ``analysis/wedges.csv``: abatement of ``scenario`` against ``reference`` (the
#: BAU) by lever and year, ``value`` in ``unit`` (kt CO2/yr; positive = less emitted).
WEDGE_COLUMNS = ("scenario", "reference", "year", "lever", "value", "unit")


def wedges(dataset: Dataset, bau: Any, plan: Any) -> pd.DataFrame:
    """The lever decomposition of the BAU-minus-plan emissions gap as tidy wedges.

    Parameters
    ----------
    dataset : Dataset
        The dataset both pathways were solved from.
    bau, plan : Pathway
        The reference and the scenario whose abatement is split.

    Returns
    -------
    pandas.DataFrame
        :data:`WEDGE_COLUMNS`, one row per year and lever of
        :data:`carbonpath.scenarios.levers.LEVERS`; the levers of a year add up to the gap
        (LMDI-I leaves no residual beyond round-off).

    Raises
    ------
    ValueError
        As :func:`carbonpath.scenarios.levers.lever_decomposition` (a CO2e dataset, no GDP
        driver, a cell whose emissions change sign).
    """
    frame = lever_decomposition(dataset, bau, plan)
    tidy = frame.melt(id_vars=["year"], value_vars=list(LEVERS), var_name="lever",
                      value_name="value")
    tidy.insert(0, "reference", bau.scenario)
    tidy.insert(0, "scenario", plan.scenario)
    tidy["unit"] = "kt CO2/yr"
    return tidy.sort_values(["year", "lever"], kind="stable").reset_index(drop=True)[
        list(WEDGE_COLUMNS)]


def run_analysis(dataset: Dataset, pathways: dict[str, Any]
                 ) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The analysis tables of a run, by name (saved as ``results/analysis/<name>.csv``).

    Parameters
    ----------
    dataset : Dataset
    pathways : dict of str to Pathway
        The run's solved scenarios.

    Returns
    -------
    tables : dict of str to pandas.DataFrame
        ``scenario_emissions``, ``scenario_cost``, ``scenario_indicators``,
        ``scenario_capacity`` (the comparison tables, units in their ``unit``/``units``
        column) and, when the BAU and the plan are two different solved scenarios,
        ``wedges`` (:func:`wedges`).
    warnings : list of str
        Why the wedges are missing when the roles ask for them but the decomposition cannot
        be made (for example a dataset on the CO2e basis); empty otherwise.
    """
    role = roles(dataset)
    tables = {f"scenario_{name}": frame
              for name, frame in comparison_tables(dataset, pathways, role).items()}
    notes: list[str] = []
    bau, plan = role.get("bau"), role.get("plan")
    if bau in pathways and plan in pathways and bau != plan:
        try:
            tables["wedges"] = wedges(dataset, pathways[bau], pathways[plan])
        except ValueError as exc:
            notes.append(f"no wedges of {plan} against {bau}: {exc}")
    return tables, notes
