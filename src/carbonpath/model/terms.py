r"""Linear forms shared by the pathway model's constraint families.

Capacity, usable capacity and storage energy of a technology in a year as sums of
``coefficient * variable`` terms, and the helpers that turn such terms into Pyomo rows.
Notation as in :mod:`carbonpath.model.components`.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

import pyomo.core as pyo
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression
from pyomo.core.expr.relational_expr import EqualityExpression, InequalityExpression

from carbonpath.dataset.tables import is_blank
from carbonpath.errors import DataError, Problem
from carbonpath.model.data import ModelData, TechData

#: Terms w_t A_{p,y,t} made by add_activity_definition for add_balances, by model.
_weighted_dispatch: WeakKeyDictionary = WeakKeyDictionary()

#: A linear form as (constant, [(coefficient, variable), ...]).
Terms = tuple[float, list[tuple[float, Any]]]

__all__ = ["Terms", "alive", "bounded", "capacity", "capacity_terms", "energy_capacity",
           "energy_terms", "linear", "stock_above_max", "usable_terms"]


def linear(terms: list[tuple[float, Any]], constant: float = 0.0) -> Any:
    """Return the Pyomo expression ``constant + sum(c * x)``, built directly.

    The expression is one ``LinearExpression`` of ``MonomialTermExpression`` terms (a bare
    variable where the coefficient is 1), made without operator overloading: the same
    expression Pyomo builds from ``sum(c * x for ...)``, at a fraction of the cost. Terms with
    a zero coefficient are left out; a form without terms is its constant (a float). A term
    with coefficient 1 may hold a ready-made ``MonomialTermExpression`` instead of a variable.
    """
    args: list[Any] = [constant] if constant else []
    for c, v in terms:
        if c == 1:
            args.append(v)
        elif c:
            args.append(MonomialTermExpression((c, v)))
    if len(args) == (1 if constant else 0):
        return float(constant)
    return LinearExpression(args)


def _le(terms: list[tuple[float, Any]], upper: float) -> Any:
    """``sum(c * x) <= upper`` as a Pyomo relational expression."""
    return InequalityExpression((linear(terms), upper), False)


def _eq(terms: list[tuple[float, Any]], rhs: float) -> Any:
    """``sum(c * x) == rhs`` as a Pyomo relational expression."""
    return EqualityExpression((linear(terms), rhs))


def _rule(rows: dict) -> Any:
    """A Constraint rule that returns prepared relational expressions by index."""
    def rule(_m, *index):
        """Build one row of the family from its index."""
        return rows[index if len(index) > 1 else index[0]]
    return rule


def _sparse(index: Any, rows: dict) -> Any:
    """An indexed Constraint over a variable's index set, with rows where ``rows`` has one.

    Sharing the variable's set (instead of a new set of the rows' keys) saves a set entry per
    row; the indices without a row are skipped, so the constraint holds only its rows.
    """
    skip = pyo.Constraint.Skip

    def rule(_m, *key):
        """Build one row of the family from its index."""
        return rows.get(key, skip)
    return pyo.Constraint(index, rule=rule)


def alive(d: ModelData, tech: TechData, year: int) -> list[int]:
    """Vintages of ``tech`` built in decision years that still stand in ``year``.

    A vintage built in year v stands from v to v + lifetime - 1.
    """
    if not tech.investable or not d.decision_years:
        return []
    first = max(d.decision_years[0], year - tech.lifetime + 1)
    return list(range(first, year + 1))


def bounded(lower: float | None, expr, upper: float | None, what: str, unit: str):
    """Return a Pyomo constraint body ``(lower, expr, upper)``.

    A constant ``expr`` within the bounds gives ``Constraint.Skip``; a constant outside them
    raises :class:`DataError` naming both numbers in ``unit`` (the row's canonical unit).
    """
    if isinstance(expr, (int, float)):
        if (lower is None or expr >= lower - 1e-9) and (upper is None or expr <= upper + 1e-9):
            return pyo.Constraint.Skip
        if lower == upper:
            wanted = f"= {lower:.6g}"
        elif upper is None:
            wanted = f">= {lower:.6g}"
        elif lower is None:
            wanted = f"<= {upper:.6g}"
        else:
            wanted = f"in [{lower:.6g}, {upper:.6g}]"
        raise DataError(Problem(f"{what}: the data fix it at {expr:.6g} {unit}, but it must "
                                f"be {wanted} {unit}", file="parameters.csv"))
    return (lower, expr, upper)


def _has_capacity_column(tech: TechData) -> bool:
    """Investable technologies whose capacity enters rows of every timeslice."""
    return tech.investable and tech.timeslice and (tech.kind == "storage"
                                                   or tech.capacitated)


def capacity_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int,
                   column: bool = True) -> Terms:
    r"""Installed capacity :math:`\mathrm{Cap}_{p,y}` as (constant, [(coefficient, variable)]).

    The ``installed_capacity`` column where it exists (``column=True``), else the residual
    stock plus the standing vintages.
    """
    if column and tech.investable and year >= d.decision_years[0] and _has_capacity_column(tech):
        return 0.0, [(1.0, m.installed_capacity[tech.code, year])]
    i = d.year_index[year]
    nc = m.new_capacity
    return float(tech.residual[i]), [(1.0, nc[tech.code, v]) for v in alive(d, tech, year)]


def capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Installed capacity of a technology in a year.

    .. math:: \mathrm{Cap}_{p,y} = R_{p,y} + \sum_{v \le y < v + \ell_p} N_{p,v}

    :math:`R_{p,y}` is the residual stock (``residual_capacity``) and :math:`\ell_p` the
    technical lifetime. Returns a linear expression in the technology's capacity unit (the
    ``installed_capacity`` variable where the model has one, see :func:`add_variables`), or
    a float where no vintage stands.
    """
    constant, terms = capacity_terms(m, d, tech, year)
    return linear(terms, constant)


def usable_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int) -> Terms:
    """Capacity that can operate: active capacity if early retirement is allowed."""
    if tech.early_retirement:
        return 0.0, [(1.0, m.active_capacity[tech.code, year])]
    return capacity_terms(m, d, tech, year)


def energy_terms(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int,
                 column: bool = True) -> Terms:
    r"""Storage energy capacity :math:`\mathrm{Cap}^E_{s,y}` as (constant, terms)."""
    if column and tech.investable and year >= d.decision_years[0]:
        return 0.0, [(1.0, m.installed_energy_capacity[tech.code, year])]
    i = d.year_index[year]
    ne = m.new_energy_capacity
    return (float(tech.storage.residual_energy[i]),
            [(1.0, ne[tech.code, v]) for v in alive(d, tech, year)])


def energy_capacity(m: pyo.ConcreteModel, d: ModelData, tech: TechData, year: int):
    r"""Storage energy capacity :math:`R^E_{s,y} + \sum_{v \le y < v + \ell_s} N^E_{s,v}`."""
    constant, terms = energy_terms(m, d, tech, year)
    return linear(terms, constant)


def stock_above_max(d: ModelData, tech: TechData, bounds: dict[int, float],
                    file: str = "parameters.csv", what: str = "max_capacity",
                    key: str | None = None, given: str | None = None,
                    rows: bool = False, every_year: bool = False) -> list[Problem]:
    """Years whose ``max_capacity`` lies below the technology's residual stock (N84).

    Installed capacity is the residual stock plus the standing vintages (early retirement
    lowers the *active* capacity only), so a potential below the stock of its year can never
    hold: the model would be infeasible and the diagnosis would blame the data at large.
    Years with no vintage standing (installed capacity a constant) are left to
    :func:`bounded` unless ``key``, ``rows`` or ``every_year`` asks for every year (the
    build, ``update()`` and ``apply()`` do: V47).

    Parameters
    ----------
    d : ModelData
        The model's data (years, decision years).
    tech : TechData
        The technology; ``tech.residual`` is its stock by model year, capacity unit.
    bounds : dict of int to float
        Year -> the ``max_capacity`` asked, in ``tech.capacity_unit``.
    file : str
        Where the bound comes from, for the problem (``parameters.csv``, ``update()``,
        ``plan.yaml``).
    what : str
        The bound in words (``max_capacity``; ``target 'pvb' (bound)`` for a plan bound on
        capacity, R115).
    key : str, optional
        The YAML key of a plan target's bound: every year is then checked, vintages standing
        or not (a target row has no :func:`bounded` to fall back on), and the problem names
        the key instead of the ``max_capacity`` column.
    given : str, optional
        The bound as written (``3000 kW``), shown beside its value in the capacity unit.
    rows : bool
        The bounds are the dataset's ``max_capacity`` rows: every year is checked (a year
        with no vintage standing, e.g. the base year, too: V47 had met the generic refusal
        there first) and each problem names the row and its value as written.
    every_year : bool
        Every year is checked, without naming rows (``update()`` and ``apply()``: V47's kind).

    Returns
    -------
    list of Problem
        One per (stock, bound) pair below it, naming both numbers and the years; empty if
        none.
    """
    below: dict[tuple[float, float], list[int]] = {}  # (stock, bound) -> years
    for y in sorted(bounds):
        stock = float(tech.residual[d.year_index[y]])
        bound = float(bounds[y])
        if stock > bound + 1e-9 * max(1.0, abs(bound)) and (
                key or rows or every_year or alive(d, tech, y)):
            below.setdefault((stock, bound), []).append(y)
    problems = []
    written = None
    for (stock, bound), years in below.items():
        where: dict[str, Any] = {"key": key} if key else {"column": "max_capacity"}
        when = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        if rows:  # V47: the row that sets the bound (L89: a YAML key), its value as written
            where, written = _bound_row(d, tech.code, "max_capacity", years)
            file = where.pop("file")
            where["column"] = "value"
        subject = (f"{what} of {tech.code} in {when}" if not key
                   else f"{what}: capacity of {tech.code} in {when} at most")
        shown = f"{given} = " if given else ""
        problems.append(Problem(
            f"{subject} ({shown}{bound:.6g} {tech.capacity_unit}) is "
            f"below its residual stock ({stock:.6g} {tech.capacity_unit}): installed capacity "
            "includes the stock (early retirement only idles it), so the bound can never "
            "hold", file=file, value=written or given or bound, **where,
            valid=f">= {stock:.6g} {tech.capacity_unit} (the residual_capacity of those "
                  "years), or a lower residual_capacity"))
    return problems


def _bound_row(d: ModelData, code: str, parameter: str, years: list[int], near: bool = False
               ) -> tuple[dict[str, Any], str | None]:
    """(place, value as written) of the ``parameter`` row of ``code`` setting ``years``.

    The row of the first of ``years`` if one names it, else the row with a blank year (a
    constant series); with ``near``, else the nearest dated row after the year (before it if
    none; the year's value is interpolated, so written is None: round 28 MD41b). ``place``
    holds :class:`~carbonpath.errors.Problem` keywords (``file`` and ``row``, or ``file``
    dataset.yaml and ``key`` for a scenario's or a measure's YAML row, L89:
    :func:`~carbonpath.model.base_balance.row_where`); ``({"file": "parameters.csv"}, None)``
    if none is found.
    """
    from carbonpath.model.base_balance import row_where

    params = d.dataset.tables["parameters"]
    own = params[(params["technology"] == code) & (params["parameter"] == parameter)]
    exact = own[own["year"].map(lambda v: not is_blank(v) and int(v) == years[0])]
    pick = exact if len(exact) else own[own["year"].map(is_blank)]
    if not len(pick) and near:  # MD41b: a year between dated rows: the next row's place
        dated = own[own["year"].map(lambda v: not is_blank(v))]
        later = dated[dated["year"].map(lambda v: int(v) > years[0])]
        pool = later if len(later) else dated
        if len(pool):
            pool = pool.iloc[pool["year"].map(lambda v: abs(int(v) - years[0])).argsort()]
            return row_where(pool.index[0], "parameters"), None
    if not len(pick):
        return {"file": "parameters.csv"}, None
    label, row = pick.index[0], pick.iloc[0]
    value = row["value"]
    shown = f"{value:g}" if isinstance(value, (int, float)) else str(value)
    return row_where(label, "parameters"), f"{shown} {row['unit']}"


def _same(written: str, value: float, unit: str) -> bool:
    """Whether the row as ``written`` ("300 MW") is ``value`` ``unit`` (not changed by apply)."""
    from carbonpath.units import Q_

    number, _, written_unit = written.partition(" ")
    try:
        converted = Q_(float(number), written_unit).to(unit).magnitude
    except Exception:  # an unreadable row: show only what the model reads
        return False
    return abs(converted - value) <= 1e-9 * max(1.0, abs(value))


def stock_below_min(d: ModelData, tech: TechData, bounds: dict[int, float]) -> list[Problem]:
    """Years whose ``min_capacity`` lies above a stock that nothing can add to (R34, L89).

    A technology that may not be built (``investable`` false) has its residual stock as its
    whole capacity, and so has every technology in a year no vintage can stand in yet (an
    observed year, the base year: building starts in the first decision year), so a minimum
    above that stock can never hold. The problem names the ``min_capacity`` row (in
    ``parameters.csv``, a scenario's table or a measure's ``dataset.yaml`` key), the stock
    and the ways out, where the generic refusal of :func:`bounded` named neither the row nor
    the reason.

    Parameters
    ----------
    d : ModelData
        The model's data (years, the dataset's tables for the rows).
    tech : TechData
        The technology; ``tech.residual`` is its stock by model year, capacity unit.
    bounds : dict of int to float
        Year -> the ``min_capacity`` asked, in ``tech.capacity_unit``.

    Returns
    -------
    list of Problem
        One per (stock, bound) pair, naming the years; empty if every minimum can be met.
        For an investable technology the column is ``year`` and the valid years are the
        decision years.
    """
    if not tech.capacitated:
        return []
    above: dict[tuple[float, float], list[int]] = {}  # (stock, bound) -> years
    for y in sorted(bounds):
        stock = float(tech.residual[d.year_index[y]])
        bound = float(bounds[y])
        if bound > stock + 1e-9 * max(1.0, abs(stock)) and (
                not tech.investable or not alive(d, tech, y)):
            above.setdefault((stock, bound), []).append(y)
    unit = tech.capacity_unit
    problems = []
    for (stock, bound), years in above.items():
        when = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        place, written = _bound_row(d, tech.code, "min_capacity", years, near=True)
        shown = f"{written} = " if written and _same(written, bound, unit) else ""
        at = (f"dataset.yaml key {place['key']}" if "key" in place else
              f"{place['file']} row {place['row']}" if place.get("row") is not None else
              place["file"])
        if written is None and ("key" in place or place.get("row") is not None):
            at = f"interpolated toward {at}"
        if tech.investable:  # L89: a minimum in an observed year, before anything is built
            first = d.decision_years[0] if d.decision_years else d.years[-1]
            blank = (" (a blank year sets every model year, the observed ones too)"
                     if written and not any(years[0] == y for y in _row_years(d, place)) else "")
            problems.append(Problem(
                f"min_capacity of {tech.code} in {when} ({shown}{bound:.6g} {unit}, {at}) is "
                f"above its residual stock ({stock:.6g} {unit}), and {when} is an observed "
                f"year{blank}: capacity there is the stock, and new capacity can be built "
                f"from the first decision year {first} on", column="year",
                value=years[0], **place,
                valid=f"a year of {first} .. {d.years[-1]} (the decision years), or "
                      f"<= {stock:.6g} {unit} in {when}"))
            continue
        why, undo = not_built_cause(d, tech.code)
        problems.append(Problem(
            f"min_capacity of {tech.code} in {when} ({bound:.6g} {unit}, {at}) is "
            f"above its residual stock ({stock:.6g} {unit}), and {why}, so no capacity can "
            "be added to reach it", column="value", value=bound, **place,
            valid=f"<= {stock:.6g} {unit} (the residual_capacity of those years), or {undo}"))
    return problems


def not_built_cause(d: ModelData, code: str) -> tuple[str, str]:
    """(why ``code`` may not be built, what would let it) for a message (round 28 MD41).

    A scenario's ``disallow`` makes a technology not investable in the scenario's tables, so
    the cause is the dataset.yaml key that disallowed it (``scenarios.<s>.disallow``, or a
    measure's) when there is one; otherwise ``investable`` false in technologies.csv.
    """
    from carbonpath.dataset.scenarios import DISALLOWED_BY

    key = (d.dataset.config.get(DISALLOWED_BY) or {}).get(code)
    if key:
        return (f"'{code}' is disallowed by dataset.yaml key {key} (no new capacity in this "
                "scenario)", f"'{code}' taken out of {key}")
    return (f"'{code}' is not investable (technologies.csv)",
            "investable true in technologies.csv")


def _row_years(d: ModelData, place: dict[str, Any]) -> list[int]:
    """The year the ``parameters`` row at ``place`` names ([] if blank or not found)."""
    from carbonpath.model.base_balance import row_where

    params = d.dataset.tables["parameters"]
    for label, year in zip(params.index, params["year"], strict=True):
        if row_where(label, "parameters") == place:
            return [] if is_blank(year) else [int(year)]
    return []
