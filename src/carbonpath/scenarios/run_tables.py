"""The analysis tables the main job (``carbonpath run``) saves beside its pathways.

:func:`run_analysis` turns the solved scenarios of a run into the tables of
``results/analysis/``: the scenario comparison (:func:`carbonpath.scenarios.compare.
comparison_tables`) and, when the dataset's BAU and plan roles name two different solved
scenarios, the lever decomposition of the plan against the BAU as ``wedges`` (the report's
wedge slot, :data:`carbonpath.report.overview.OPTIONAL_TABLES`), and, when ``dataset.yaml``
has ``measures``, the measure MACC as ``macc`` (:func:`macc_table`, the report's MACC slot)
with each measure's abatement by year as ``measures_by_year``. The measure coalitions are
warm re-solves of one built model (:mod:`carbonpath.scenarios.warm`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.dataset import Dataset
from carbonpath.dataset.scenarios import roles
from carbonpath.scenarios.compare import comparison_tables
from carbonpath.scenarios.levers import LEVERS, lever_decomposition
from carbonpath.units.parse import gas_of

__all__ = ["MACC_COLUMNS", "WEDGE_COLUMNS", "macc_table", "macc_year", "run_analysis",
           "wedges"]

#: Columns of ``analysis/wedges.csv``: abatement of ``scenario`` against ``reference`` (the
#: BAU) by lever and year, ``value`` in ``unit`` (kt CO2/yr; positive = less emitted).
WEDGE_COLUMNS = ("scenario", "reference", "year", "lever", "value", "unit")

#: Columns of ``analysis/macc.csv``: per measure, ``abatement`` in ``year`` (kt/yr, the bar
#: width), ``cost_per_tonne`` (CNY/t: discounted cost over discounted abatement, the bar
#: height; named ``cost`` before round 16, when ``macc --out``'s ``measures.csv`` used ``cost``
#: for the MCNY total),
#: ``abatement_cumulative`` (kt over the horizon), ``cost_total`` (MCNY discounted to the
#: discount year), the attribution ``method`` and ``base`` scenario, a ``note`` and the ``units``.
MACC_COLUMNS = ("measure", "year", "abatement", "cost_per_tonne", "abatement_cumulative",
                "cost_total",
                "method", "base", "note", "units")


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


def macc_year(dataset: Dataset) -> int:
    """The year whose abatement the measure MACC shows.

    ``measures.year`` of ``dataset.yaml`` if given; else the peak year of the plan role's
    peak target (the year the plan is argued for); else the horizon.
    """
    spec = dataset.config.get("measures") or {}
    if spec.get("year") is not None:
        return int(spec["year"])
    plan = roles(dataset).get("plan")
    if plan in (dataset.config.get("scenarios") or {}):
        for name in dataset.scenario(plan).get("targets") or []:
            target = dataset.targets.get(name) or {}
            if target.get("type") == "peak_year" and target.get("year") in dataset.years[1:]:
                return int(target["year"])
    return dataset.horizon


def macc_table(contributions: Any, year: int) -> pd.DataFrame:
    """The measure MACC as a tidy table (:data:`MACC_COLUMNS`).

    The classic MACC convention: the bar width is the measure's abatement in one year, the
    bar height its cost per tonne over the horizon (discounted cost over discounted abatement,
    the constant carbon price that pays for it). Both come from the same exact attribution
    (:func:`carbonpath.scenarios.measure_contributions`), so the widths add up to the gap of
    that year.

    Parameters
    ----------
    contributions : MeasureContributions
        Abatement in Mt/yr and cumulative Mt, cost in MCNY, cost per tonne in CNY/t.
    year : int
        A model year.

    Returns
    -------
    pandas.DataFrame
        One row per measure in the order of the list; ``cost_per_tonne`` is blank (NaN) for a
        measure that does not abate over the horizon, and its ``note`` says so.
    """
    by = contributions.by_year
    in_year = by[by["year"] == year].set_index("measure")["abatement"]
    t = contributions.table
    gas = gas_of(str(by["unit"].iloc[0])) if len(by) else "CO2"
    out = pd.DataFrame({
        "measure": t["measure"], "year": year,
        "abatement": in_year.reindex(t["measure"]).to_numpy() * 1e3,  # Mt -> kt
        "cost_per_tonne": t["cost_per_tonne"],
        "abatement_cumulative": t["abatement_cumulative"] * 1e3,
        "cost_total": t["cost"], "method": contributions.method, "base": contributions.base,
        "note": t["note"]})
    year = contributions.discount_year
    to = f" to {year}" if year is not None else ""  # None: built by hand, year unknown
    out["units"] = f"kt {gas}/yr; CNY/t {gas}; kt {gas}; MCNY (discounted{to})"
    return out[list(MACC_COLUMNS)].reset_index(drop=True)


def run_analysis(dataset: Dataset, pathways: dict[str, Any],
                 solver_options: dict[str, Any] | None = None, hours: int | None = None,
                 executor: Any = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The analysis tables of a run, by name (saved as ``results/analysis/<name>.csv``).

    Parameters
    ----------
    dataset : Dataset
    pathways : dict of str to Pathway
        The run's solved scenarios.
    solver_options : dict, optional
        HiGHS options of the measure coalitions.
    hours : int, optional
        Time blocks per representative day of the measure coalitions.
    executor : concurrent.futures.Executor, optional
        Runs the measure coalitions' warm chains (the run's solve threads: one chain here,
        one there; :func:`carbonpath.scenarios.measure_contributions`). The same numbers
        without it.

    Returns
    -------
    tables : dict of str to pandas.DataFrame
        ``scenario_emissions``, ``scenario_cost``, ``scenario_indicators``,
        ``scenario_capacity`` (the comparison tables, units in their ``unit``/``units``
        column) and, when the BAU and the plan are two different solved scenarios,
        ``wedges`` (:func:`wedges`); with ``measures`` in ``dataset.yaml``, ``macc``
        (:func:`macc_table`) and ``measures_by_year`` (measure, year, abatement, unit).
    warnings : list of str
        Why the wedges are missing when the roles ask for them but the decomposition cannot
        be made (for example a dataset on the CO2e basis), why there is no MACC when a
        combination of measures is infeasible, and how many coalitions were solved cold
        and why; empty otherwise.
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
    if dataset.config.get("measures") is not None:
        from carbonpath.errors import InfeasibleError
        from carbonpath.scenarios.measures import measure_contributions

        try:
            found = measure_contributions(dataset, executor, solver_options=solver_options,
                                          hours=hours)
        except InfeasibleError as exc:
            notes.append(f"no measure MACC: {exc}")
        else:
            tables["macc"] = macc_table(found, macc_year(dataset))
            tables["measures_by_year"] = found.by_year
            if found.cold:
                notes.append(f"measure MACC: {found.cold} of {found.solves} combinations of "
                             f"measures were solved cold: {found.cold_reason}")
    return tables, notes
