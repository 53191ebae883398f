"""``Pathway``: the solved model as tidy tables with units, duals and provenance.

This module and :mod:`carbonpath.model.data` are the unit boundary: the solution's floats are
in canonical units (GW, GWh, kt, MCNY ...) and every table here carries a ``unit`` column.
Duals are read from the rows they belong to and reported undiscounted and signed.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyomo.core as pyo

from carbonpath._checks import checked
from carbonpath.errors import ArgumentValueError, CarbonpathWarning
from carbonpath.model.adequacy import (
    capacity_price_table,
    reserve_check_table,
    reserve_warnings,
)
from carbonpath.model.extract import layout_of, solution_arrays
from carbonpath.model.fleet import retirement_table
from carbonpath.model.network import region_tables, target_scope
from carbonpath.model.peaks import peak_index
from carbonpath.model.solve import SolveResult, solver_version
from carbonpath.model.tables import BUILDERS, LazyTables
from carbonpath.model.tables import context as tables_context
from carbonpath.model.targets import row_is_active
from carbonpath.model.year_tables import model_year, table_view

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["OtherDatasetWarning", "Pathway", "make_pathway"]


class OtherDatasetWarning(CarbonpathWarning):
    """Two pathways compared were solved from datasets whose files differ (round 30 MF67)."""


@dataclass
class Pathway:
    """A least-cost pathway: tidy results with units, duals, status and provenance.

    Solver round-off below :data:`ROUND_OFF` (1e-9 in the tables' units) is shown as zero.

    Attributes
    ----------
    dataset : str
        Dataset name.
    scenario : str or None
        Scenario name.
    status : str
        Solver status (always ``"Optimal"`` for a Pathway; other outcomes raise).
    objective : float
        Total discounted system cost (MCNY of the price year, discounted to the dataset's
        ``discount_year``, default the base year; ``settings['discount_year']``).
    tables : dict of str to pandas.DataFrame
        ``capacity`` (technology, year, new, total, unit), ``activity`` (technology, sector,
        year, value, unit), ``flows`` (technology, commodity, direction, year, value, unit),
        ``dispatch`` (technology, year, day, hour, value GW), ``storage`` (technology, year,
        day, hour, charge, discharge, level, units), ``balances`` (commodity, year,
        production, use, demand, surplus, unit), ``emissions`` (year, sector, technology,
        gas, scope, in_total, value, unit kt: scope is ``direct``, ``electricity_import``,
        ``electricity_export``, or under the GPC method ``electricity_consumption`` /
        ``heat_consumption``; ``in_total`` says whether the row counts in the method's total),
        ``emissions_total`` (year, value, unit: the targets' basis), ``energy`` (year, total,
        nonfossil, share, unit ktce), ``energy_supply`` (year, technology, sector, total,
        nonfossil, unit ktce: the terms of ``energy`` by supplying technology, i.e. the
        energy mix), ``costs`` (year, technology, component, value, discounted, unit MCNY),
        ``marginal_cost`` (year, value, unit CNY/t), ``duals`` (target, type, year, sense,
        active (the row has a finite bound; binding shows in shadow_price), dual,
        undiscounted, unit, shadow_price, shadow_price_unit), ``prices`` (commodity, year,
        value, unit: undiscounted marginal cost); where the dataset has them,
        ``capacity_prices`` (commodity, year, value CNY/kW/yr, binding: the reserve
        margin's dual, undiscounted), ``reserve_margins`` (commodity, year, imposed, firm,
        peak, peak_at, required, achieved, unit GW: the margin achieved in every model year,
        checked, not imposed, in observed years; see
        :func:`carbonpath.model.adequacy.reserve_check_table`) and ``retirement``
        (technology, year, retired,
        stranded MCNY/yr: capacity retired early and the annuities it strands). In a dataset
        of several regions the technology tables carry a ``region`` column, ``flows``,
        ``balances`` and ``prices`` a ``region`` beside the ``commodity``, and two tables are
        added: ``emissions_region`` and ``links`` (see
        :func:`carbonpath.model.network.region_tables`).
    peak_year : int
        Year of the highest emissions (the targets' basis) in the model years. Where that is
        the last model year the pathway has not peaked within the horizon: see
        :attr:`peaked`.
    peak_level : float
        Those emissions, kt.
    solver : dict
        Name and version, options, threads, status, seconds, iterations.
    timings : dict
        Seconds of data preparation, build, hand-off and solve.
    coefficient_range : dict
        Min and max absolute coefficients of the LP (matrix, costs, bounds, rhs).
    provenance : pandas.DataFrame
        Per technology and gas, the emission factor used and its source and rule.
    warnings : list of str
        Things to look at (set by comparisons, e.g. :meth:`compare_baseline`).
    """

    dataset: str
    scenario: str | None
    status: str
    objective: float
    tables: dict[str, pd.DataFrame]
    peak_year: int
    peak_level: float
    target_peak_year: int | None
    solver: dict[str, Any]
    timings: dict[str, float]
    coefficient_range: dict[str, Any]
    provenance: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:  # [2030] explains that years are a column (model/year_tables.py)
            return table_view(tables[name], name)
        msg = f"'Pathway' has no attribute or table '{name}'"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        """One line: dataset, scenario, status, cost, peak and the names of the tables."""
        unit = self.tables.get("emissions_total", pd.DataFrame({"unit": []}))["unit"]
        unit = str(unit.iloc[0]).removesuffix("/yr") if len(unit) else ""
        return (f"Pathway(dataset={self.dataset!r}, scenario={self.scenario!r}, "
                f"status={self.status!r}, objective={self.objective:,.1f} MCNY, "
                f"peak {self.peak_level:,.1f} {unit} in {self.peak_year}, "
                f"tables: {', '.join(self.tables)})")

    @property
    def peaked(self) -> bool:
        """True if the emissions peak within the horizon.

        False where the highest emissions are in the last model year (still rising, or flat,
        at the horizon): :attr:`peak_year` is then only the highest year, not a peak.
        """
        years = self.tables["emissions_total"]["year"]
        return bool(len(years) > 1 and self.peak_year < int(years.max()))

    @checked(skip=("year",))  # its own check reads '2030' and 2030.0 as years (L22)
    def emissions_in(self, year: int) -> float:
        """Emissions on the targets' basis in ``year``, kt.

        ``year`` is an int (or an int-like string, ``'2030'``).

        Raises
        ------
        UnknownNameError
            ``year`` is not a year of the results (names their range); a ``KeyError``.
        """
        frame = self.tables["emissions_total"]
        year = model_year(year, frame["year"].tolist(), "emissions_in(year)")
        return float(frame.loc[frame["year"] == year, "value"].iloc[0])

    @checked
    def total_cost(self) -> float:
        """Total discounted system cost, MCNY (the objective)."""
        return self.objective

    @checked
    def compare_baseline(self, baseline: Pathway) -> list[str]:
        """Warn where meeting the targets raised emissions above the reference's.

        A bare peak-year target rewards a higher peak: emitting more up to the peak year
        loosens every row after it. ``baseline`` is the scenario compared against (a run's
        ``cost_reference`` role, which need not be named ``baseline``); the warnings name it.
        A pathway solved without any target is not compared: peaking above a reference
        that has targets is expected of it (round 14's J154). Returns the warnings added to
        :attr:`warnings`.

        A baseline solved from another dataset (its files differ: another folder, or the
        same one edited since) is compared too, after a first warning naming both datasets
        and the files that differ (:class:`OtherDatasetWarning`, also returned): a difference
        may then come from the data, not from the targets (round 30 MF67).

        Raises
        ------
        ArgumentTypeError
            ``baseline`` is not a :class:`Pathway`.
        ArgumentValueError
            ``baseline`` counts emissions of another gas or by another method: its numbers
            are not comparable.
        """
        if not self.settings.get("targets") and self.target_peak_year is None:
            return []
        found: list[str] = _other_dataset(self, baseline)
        ref = (f"the reference scenario '{baseline.scenario}'" if baseline.scenario
               else "the reference pathway")
        limit = self.target_peak_year
        mine = self.tables["emissions_total"].set_index("year")["value"]
        base = baseline.tables["emissions_total"].set_index("year")["value"]
        if limit is not None:
            higher = [y for y in mine.index if y <= limit and y in base.index
                      and mine[y] > base[y] * (1 + 1e-6) + 1e-6]
            if higher:
                worst = max(higher, key=lambda y: mine[y] - base[y])
                found.append(
                    f"meeting the targets raised emissions above {ref} before the peak "
                    f"year {limit} in {len(higher)} year(s) (most in {worst}: "
                    f"{mine[worst] / 1e3:.2f} vs {base[worst] / 1e3:.2f} Mt): a peak-year target "
                    "alone rewards a higher peak; pair it with a peak-level cap")
        if self.peak_level > baseline.peak_level * (1 + 1e-6):
            found.append(f"the peak level ({self.peak_level / 1e3:.2f} Mt, {self.peak_year}) is "
                         f"above that of {ref} ({baseline.peak_level / 1e3:.2f} Mt, "
                         f"{baseline.peak_year}), although this scenario has targets")
        self.warnings.extend(found)
        return found

    @checked
    def to_csv(self, folder: str | Path) -> list[Path]:
        """Write every table to ``folder/<table>.csv`` (UTF-8); return the tables' paths.

        Beside them, ``pathway.json`` (:data:`DESCRIPTION`) says what the tables hold: the
        dataset, the scenario, the peak year asked, the targets applied, the time blocks, the
        solver's status and the objective (no timings, so the same solve writes the same
        bytes). The folder is an output folder (:mod:`carbonpath.outputs`): its other files
        are left alone, and a file of these names that carbonpath did not write there (or
        that was edited since) is never replaced.

        Raises
        ------
        OutputFolderError
            If ``folder`` is a file, cannot be written, or holds a ``<table>.csv`` or a
            ``pathway.json`` of the user's.
        """
        import json

        from carbonpath._checks import check_types
        from carbonpath.outputs import prepare

        check_types("Pathway.to_csv", folder=(folder, (str, os.PathLike)))
        names = [f"{name}.csv" for name in self.tables]
        # named neutrally: Python callers have no --out (B86), the CLI's optimise has
        with prepare(folder, will_write=[*names, DESCRIPTION],
                     option="the output folder") as out:
            for name, frame in self.tables.items():
                frame.to_csv(out.path(f"{name}.csv"), index=False)
            out.path(DESCRIPTION).write_text(
                json.dumps(self.description(), indent=2, ensure_ascii=False,
                           default=_plain) + "\n", encoding="utf-8")
        return [out.dest / name for name in names]

    @checked
    def description(self) -> dict[str, Any]:
        """What this pathway is, as ``pathway.json`` records it beside its tables.

        Returns
        -------
        dict
            ``carbonpath`` (version), ``dataset``, ``scenario``, ``target_peak_year`` (the
            peak year asked, None without one), ``targets`` (as applied, with their values
            and units), ``method``, ``gas``, ``price_year``, ``discount_rate``, ``days`` and
            ``hours`` (time blocks per representative day), ``status``, ``objective``
            (MCNY, discounted), ``peak_year``, ``peak_level`` (kt), ``solver`` (name) and
            ``tables`` (the CSV files). A pathway solved after
            :meth:`~carbonpath.model.build.PathwayModel.update`, ``apply`` or ``scale_cost``
            also has ``changes`` (each call in force at the solve, in order) and a ``note``
            saying that the dataset's values are not the ones solved.
        """
        from carbonpath import __version__

        keep = ("targets", "method", "gas", "price_year", "discount_rate", "days", "hours")
        changes = self.settings.get("changes") or []
        said = {"changes": changes, "note": CHANGED_NOTE} if changes else {}
        return {"carbonpath": __version__, "dataset": self.dataset, "scenario": self.scenario,
                "target_peak_year": self.target_peak_year,
                **{k: self.settings[k] for k in keep if k in self.settings}, **said,
                "status": self.status, "objective": self.objective,
                "peak_year": self.peak_year, "peak_level": self.peak_level,
                "solver": self.solver.get("name"),
                "tables": [f"{name}.csv" for name in self.tables]}


#: The file :meth:`Pathway.to_csv` writes beside the tables (:meth:`Pathway.description`).
DESCRIPTION = "pathway.json"

#: What pathway.json says of a model changed in memory after it was built from the dataset.
CHANGED_NOTE = ("solved after changes made in memory (PathwayModel.update, apply or "
                "scale_cost, listed under 'changes'): the dataset's files hold the values "
                "before them, not the values that were solved; the targets listed above are "
                "the values solved (a target changed by update() names the scenario's value "
                "in its source)")


def _plain(value: Any) -> Any:
    """A numpy scalar as a plain number in ``pathway.json``; anything else as text."""
    return value.item() if hasattr(value, "item") else str(value)


#: The tables of every :class:`Pathway`, as written by :meth:`Pathway.to_csv`.
TABLE_NAMES = ("capacity", "energy_capacity", "activity", "flows", "dispatch", "storage",
               "balances", "emissions", "emissions_total", "energy", "energy_supply", "costs",
               "marginal_cost", "duals", "prices")


#: Solver round-off below this (in the tables' canonical units: GW, GWh, kt, MCNY ...) is
#: reported as zero, so that tables show 0 rather than -0.0 or 1e-13.
ROUND_OFF = 1e-9


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Zero the solver's round-off (and negative zeros) in the float columns of a table."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            values = out[col].to_numpy(copy=True)
            values[np.abs(values) < ROUND_OFF] = 0.0
            out[col] = values + 0.0
    return out


def _duals_table(rows: list[tuple]) -> pd.DataFrame:
    duals = pd.DataFrame(rows, columns=["target", "type", "year", "sense", "active",
                                        "dual", "undiscounted", "unit"])
    # shadow price: the value of relaxing the target by one unit, positive when it binds
    sign = duals["sense"].map({"<=": -1.0, ">=": 1.0})
    per_unit = duals["unit"].map(lambda u: {"MCNY per kt": ("CNY/t", 1000.0),
                                            "MCNY per ktce": ("CNY/tce", 1000.0)}.get(
                                                u, (u, 1.0)))
    duals["shadow_price"] = sign * duals["undiscounted"] * per_unit.map(lambda x: x[1])
    duals["shadow_price_unit"] = per_unit.map(lambda x: x[0])
    return duals


def make_pathway(pm: PathwayModel, result: SolveResult) -> Pathway:
    """Turn a solver result into a :class:`Pathway` (canonical floats + unit columns).

    The solution is read with array gathers (:func:`carbonpath.model.extract.solution_arrays`);
    the tables are built on first access (:class:`carbonpath.model.tables.LazyTables`), so a
    caller that reads only the objective and the peak pays for no table. Everything that
    depends on the model's current state (cost data, target bounds) is read now, so a later
    ``update`` of the model does not change this Pathway. A sweep that needs no table at all
    uses :func:`carbonpath.model.extract.sweep_point`.
    """
    d = pm.data
    m = pm.model
    h = pm.highs
    col = result.col_value
    arrays = solution_arrays(pm, result)
    years = d.years
    df = dict(zip(years, d.discount_factor, strict=True))
    e_total = arrays.emissions.tolist()
    # duals of every target row (undiscounted; signed), with the rows' bounds as they are now
    dual_rows = []
    for key, dual in zip(arrays.layout.target_keys, arrays.target_duals.tolist(), strict=True):
        row = pm.target_rows[key]
        active = row_is_active(m.target[key])
        dual_rows.append((row.target, row.type, row.year, row.sense, active, dual,
                          dual / df[row.year] if row.year in df else dual,
                          f"MCNY per {row.unit}" if row.unit else "MCNY"))

    def value(var: Any) -> float:
        """The solution value of a variable (its fixed value if it was compiled away)."""
        j = h.col_of.get(id(var))
        if j is None:
            return float(var.lb) if var.lb is not None else 0.0
        return float(col[j])

    def dual_of(con: Any) -> float:
        """The dual value of constraint ``con`` in the solved model."""
        return h.dual(result, con)

    builders: dict[str, Any] = dict(BUILDERS)
    builders["duals"] = lambda _c: _duals_table(dual_rows)
    order = ["capacity", "energy_capacity", "activity", "flows", "dispatch", "storage",
             "balances", "emissions", "emissions_total", "energy", "energy_supply", "costs",
             "marginal_cost", "duals", "prices"]
    builders = {name: builders[name] for name in order}
    warnings = []
    if d.reserves:
        reserve = capacity_price_table(d, m, dual_of)
        builders["capacity_prices"] = lambda _c: reserve
        margins = reserve_check_table(d, m, value)
        builders["reserve_margins"] = lambda _c: margins
        warnings.extend(reserve_warnings(margins))
    if any(t.early_retirement for t in d.techs.values()):
        retired = retirement_table(d, m, value)
        builders["retirement"] = lambda _c: retired
    tables = LazyTables(builders, tables_context(d, arrays), _clean)
    if len(d.regions) > 1:  # the regional tables rework the others: build them all now
        raw = {name: tables.raw(name) for name in tables}
        tables = {name: _clean(frame) for name, frame in
                  region_tables(d, raw, value, m, dual_of).items()}
    peak_at = peak_index(e_total)  # the first year at the top, round-off aside (F15)
    for target in d.targets:
        if target["type"] != "cap" or target_scope(d, target) is not None:
            continue  # (a cap on some regions: its base year is in emissions_region)
        years_capped = target.get("years") or d.decision_years
        level = next((r for r in pm.target_rows.values() if r.target == target["name"]), None)
        con_years = [y for y in years_capped if (target["name"], y) in m.target]
        if level is None or not con_years or years[0] in years_capped:
            continue
        bound = pyo.value(m.target[target["name"], con_years[0]].upper)
        if e_total[0] > bound * (1 + 1e-9):
            warnings.append(
                f"the base year's observed emissions ({e_total[0] / 1e3:.2f} Mt) are above the "
                f"cap '{target['name']}' ({bound / 1e3:.2f} Mt), which applies from "
                f"{con_years[0]}: the pathway's peak is history, not a breach"
                + ("" if target.get("years") else
                   "; the cap has no years, so it binds every decision year: if it is a cap "
                   f"of one year, give it that year in plan.yaml (years: [{years[-1]}])"))
    layout = layout_of(pm)
    if getattr(layout, "provenance", None) is None:
        layout.provenance = pd.DataFrame(
            [dict(p, technology=t.code) for t in d.techs.values() for p in t.provenance],
            columns=["technology", "gas", "commodity", "value", "unit", "source", "rule"])
    solver = {
        "name": _version(),
        "options": dict(result.options),
        "threads": result.options.get("threads"),
        "status": result.status,
        "seconds": result.seconds,
        "iterations": result.iterations,
        "python": platform.python_version(),
    }
    return Pathway(
        dataset=d.dataset.name, scenario=d.scenario, status=result.status,
        objective=result.objective, tables=tables,
        peak_year=years[peak_at], peak_level=e_total[peak_at],
        target_peak_year=pm.peak_year, solver=solver, timings=dict(pm.timings),
        coefficient_range=pm.highs.coefficient_range, provenance=layout.provenance.copy(),
        warnings=warnings,
        settings={"gas": d.emissions["gas"], "method": d.emissions["method"],
                  "primary_electricity": d.primary_electricity,
                  "discount_rate": d.discount_rate, "discount_year": d.discount_year,
                  "price_year": d.dataset.config["price_year"],
                  "targets": _built_targets(d.targets, getattr(pm, "built_peak_year", None),
                                            d.dataset.targets),
                  "size": pm.size,
                  "days": len(d.day_names), "hours": d.hours, "block_hours": d.block_hours,
                  "changes": [dict(c) for c in pm.changes],
                  # which dataset it was solved from (compare_baseline: MF67)
                  "dataset_path": str(d.dataset.path) if d.dataset.path else None,
                  "dataset_checksums": dict(getattr(d.dataset, "checksums", None) or {})},
    )


def _other_dataset(mine: Pathway, baseline: Pathway) -> list[str]:
    """``[warning]`` when ``baseline`` was solved from another dataset than ``mine``, else ``[]``.

    Datasets are told apart by their files' checksums (the scenarios of one dataset share
    them), or by name where a pathway has none. Warns :class:`OtherDatasetWarning`.

    Raises
    ------
    ArgumentValueError
        The two count emissions of another gas or by another method.
    """
    import warnings

    def named(p: Pathway) -> str:
        """The pathway's scenario and dataset, with its folder when known."""
        where = p.settings.get("dataset_path")
        return (f"'{p.scenario}' of dataset '{p.dataset}'" + (f" ({where})" if where else ""))

    for key in ("gas", "method"):
        if mine.settings.get(key) != baseline.settings.get(key):
            msg = (f"compare_baseline(): the baseline {named(baseline)} counts emissions "
                   f"with {key} {baseline.settings.get(key)!r}, this pathway {named(mine)} "
                   f"with {mine.settings.get(key)!r}: their emissions are not comparable; "
                   "give a baseline solved from the same dataset")
            raise ArgumentValueError(msg)
    ours = mine.settings.get("dataset_checksums") or {}
    theirs = baseline.settings.get("dataset_checksums") or {}
    if ours and theirs:
        files = sorted(f for f in set(ours) | set(theirs) if ours.get(f) != theirs.get(f))
        if not files:
            return []
        how = ("their files differ (" + ", ".join(files[:6])
               + (f" and {len(files) - 6} more" if len(files) > 6 else "") + ")")
    elif mine.dataset == baseline.dataset:
        return []
    else:
        how = "their names differ"
    msg = (f"the baseline {named(baseline)} was solved from another dataset than this pathway "
           f"{named(mine)}: {how}, so a difference between them may "
           "come from the data, not from the targets; solve both from one dataset "
           "(one load_dataset) to compare them")
    warnings.warn(msg, OtherDatasetWarning, stacklevel=4)
    return [msg]


def _built_targets(targets: list[dict[str, Any]], peak_year: int | None,
                   given: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """The targets as solved, as pathway.json lists them (D135, N63).

    One rule: the list holds the values the solve used, and a value that is not the
    scenario's says so in its ``source``. A peak year given to the model replaces the
    scenario's (or adds a peak target, as :func:`~carbonpath.model.targets.add_targets`
    does); a target changed by :meth:`~carbonpath.model.build.PathwayModel.update`
    (``targets`` holds its new ``value`` and ``unit``) is compared with ``given`` (the
    resolved scenario's targets, name -> target) and its source names the scenario's value.
    """
    out = [dict(t) for t in targets]
    for t in out:
        before = (given or {}).get(t.get("name"))
        if before is None or t.get("type") == "peak_year":
            continue
        was = {k: before.get(k) for k in ("value", "unit") if k in before}
        if {k: t.get(k) for k in was} != was or ("value" in t and "value" not in before):
            old = " ".join(str(before[k]) for k in ("value", "unit") if k in before) or \
                ", ".join(f"{k} {before[k]}" for k in ("min", "max") if k in before)
            t["source"] = (f"set by update() (the scenario's value: {old}; source: "
                           f"{before.get('source')})")
    peaks = [t for t in out if t.get("type") == "peak_year"]
    if peak_year is not None and not peaks:
        out.append({"name": "peak", "type": "peak_year", "year": peak_year,
                    "status": "assumption", "source": "set by the caller"})
    for t in peaks if peak_year is not None else []:
        if t.get("year") != peak_year:
            t.update(year=peak_year, source=f"set by the caller (the scenario's year: "
                                            f"{t.get('year')}; source: {t.get('source')})")
    return out


_VERSION: list[str] = []


def _version() -> str:
    """The solver's version text (asked once per process: it makes a Highs instance)."""
    if not _VERSION:
        _VERSION.append(solver_version())
    return _VERSION[0]
