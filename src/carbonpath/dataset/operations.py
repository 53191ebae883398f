"""Checks of the operating, fleet and convention data of a dataset (issue 12).

The loader (:func:`carbonpath.dataset.load_dataset`) calls :func:`check_conventions` on
``dataset.yaml`` and :func:`check_operations` on the tables; each appends
:class:`~carbonpath.errors.Problem` records naming the file, row and column, so that every
problem of a dataset is reported at once.

``dataset.yaml`` keys checked here:

* ``first_decision_year`` (default base year + 1): model years before it are observed and
  fixed to data; it may equal the base year (no observed year) or come later (several
  observed years).
* ``discount_year`` (default the base year): the year costs are discounted to.
* ``annuity_timing`` (``build_year``, the default: the first annuity is paid in the build
  year; ``next_year``: in the year after it).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.domains import PARAMETER_DOMAINS
from carbonpath.dataset.tables import PARAMETERS, annual_balance, is_blank, records
from carbonpath.dataset.unread import UnreadParameterWarning, later_capacity, unread_problems
from carbonpath.errors import CarbonpathWarning, Problem, UnitError
from carbonpath.units import parse_unit, unit_factor

__all__ = ["ANNUITY_TIMINGS", "BUILD_LIMITS", "GROWTH_WARN", "RAMP_WARN",
           "EconomicLifetimeWarning", "GrowthPercentWarning", "RampRateWarning",
           "UnreadParameterWarning", "UnusedBuildLimitWarning", "check_conventions",
           "check_operations", "discount_year", "first_decision_year",
           "observed_build_problems", "unread_problems", "warn_slow_ramps"]

#: When a vintage's first annuity falls, relative to its build year.
ANNUITY_TIMINGS = ("build_year", "next_year")

#: Parameters only timeslice technologies can take (they act on dispatch).
_TIMESLICE_ONLY = ("min_output", "ramp_rate", "min_full_load_hours", "max_full_load_hours",
                   "capacity_credit")

#: Parameters that act on activity, which storage technologies do not have (Y40).
_ACTIVITY_ONLY = ("variable_cost", "max_activity", "min_activity")

#: Parameters that only limit new builds: on a technology that may not be built
#: (``investable`` false) they limit nothing (warned of: :class:`UnusedBuildLimitWarning`).
BUILD_LIMITS = ("max_new_capacity", "max_growth", "growth_seed",
                "max_cumulative_new_capacity")


#: Parameters that only price new builds: read by nothing on a technology that may not be
#: built (round 24's D96: ``investable`` and ``nonfossil`` swapped on a battery).
BUILD_COSTS = ("capex", "capex_energy")


class UnusedBuildLimitWarning(CarbonpathWarning):
    """A build limit or cost on a technology that may not be built (``investable`` false).

    A build limit (:data:`BUILD_LIMITS`) limits nothing there; a build cost above zero
    (:data:`BUILD_COSTS`) is read by nothing (round 24's D96).
    """


class GrowthPercentWarning(CarbonpathWarning):
    """A ``max_growth`` above :data:`GROWTH_WARN`: a percentage typed as a share (P79)."""


class EconomicLifetimeWarning(CarbonpathWarning):
    """An ``economic_lifetime`` longer than the technology's ``lifetime`` (P81)."""


class RampRateWarning(CarbonpathWarning):
    """A ``ramp_rate`` below :data:`RAMP_WARN`: a rate per minute typed per hour (MB25)."""


#: A ``ramp_rate`` (1/h) below this (10 % of capacity an hour) is warned of. Thermal units
#: ramp about 1 .. 5 % of their capacity a minute (60 .. 300 %/h; older coal units and CHP
#: about 1 %/min, 60 %/h), so a rate of a few hundredths per hour is a per-minute figure
#: typed per hour (round 26 MB25: a coal unit's 2 %/min written ``0.02,1/h`` made it ramp 60
#: times slower and raised tiny's plan cost by 4 %). A deliberately stiff plant can be
#: meant, so this warns, naming the per-minute reading.
RAMP_WARN = 0.1

#: A ``max_growth`` (1/yr) above this lets the stock more than double every year: 100 %/yr
#: is already the fastest sustained growth of a fleet (solar PV in China's early years);
#: 20 for 0.2 (a percentage typed as a share, P79) binds nothing and is warned of.
GROWTH_WARN = 1.0

#: Parameters whose domain (:data:`~carbonpath.dataset.domains.PARAMETER_DOMAINS`) the model
#: builder checks itself (availability, discount rate, storage efficiencies, lifetimes) or
#: this module with its own message (min_output); :func:`_check_domain` checks the others.
_DOMAIN_ELSEWHERE = ("availability", "discount_rate", "charge_efficiency",
                     "discharge_efficiency", "lifetime", "economic_lifetime", "min_output",
                     "variable_cost")

#: The unit a domain of :data:`PARAMETER_DOMAINS` is written in (others: ``1``).
_DOMAIN_UNITS = {"standing_loss": "1/hour"}


def first_decision_year(config: dict[str, Any]) -> int:
    """The first year of decisions: ``first_decision_year`` or the base year + 1."""
    return int(config.get("first_decision_year", int(config["base_year"]) + 1))


def discount_year(config: dict[str, Any]) -> int:
    """The year costs are discounted to: ``discount_year`` or the base year."""
    return int(config.get("discount_year", int(config["base_year"])))


def check_conventions(config: dict[str, Any], problems: list[Problem]) -> None:
    """Check the convention keys of ``dataset.yaml`` (each a Problem naming the key).

    Parameters
    ----------
    config : dict
        ``dataset.yaml`` with ``base_year`` and ``horizon`` already checked as integers.
    problems : list of Problem
        Collector.
    """
    file = "dataset.yaml"
    base, horizon = int(config["base_year"]), int(config["horizon"])
    for key, low in (("first_decision_year", base), ("discount_year", base)):
        if key not in config:
            continue
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int):  # DY03: '2026' is text
            what = ("text (a quoted year): remove the quotes" if isinstance(value, str)
                    else f"a {type(value).__name__}")
            problems.append(Problem(f"'{key}' must be a whole number (a year), not {what}",
                                    file=file, key=key, value=value,
                                    valid=f"an unquoted year in {low} .. {horizon}"))
        elif not low <= value <= horizon:
            problems.append(Problem(f"'{key}' must be a model year", file=file, key=key,
                                    value=value, valid=f"a year in {low} .. {horizon}"))
    timing = config.get("annuity_timing", "build_year")
    if timing not in ANNUITY_TIMINGS:
        problems.append(Problem("unknown annuity timing", file=file, key="annuity_timing",
                                value=timing, valid=", ".join(ANNUITY_TIMINGS)))


def _unit_is(unit: str, expected: str) -> bool:
    try:
        return parse_unit(unit).dimensionality == parse_unit(expected).dimensionality
    except Exception:
        return True  # the unit column's own check reported it


def check_operations(config: dict[str, Any], tables: dict[str, pd.DataFrame],
                     problems: list[Problem], folder: Any = None) -> None:
    """Check the adequacy, operating-limit and fleet data (parameters and ``reserves.csv``).

    Bad input named by file, row and column: a ``day`` on a parameter other than
    ``min_output`` or an unknown day; a minimum output above the available capacity (a
    share > 1); operating limits on an annual technology; minimum full-load hours above
    the hours of a year or above the maximum; a retirement age longer than the lifetime or
    on a technology that may not retire early; a committed project without a year or with
    an online year outside the decision years; a reserve margin on an unknown or annual
    commodity, or on one that no technology can supply firmly.

    Parameters
    ----------
    config : dict
        Checked ``dataset.yaml``.
    tables : dict of str to pandas.DataFrame
        The read tables (``parameters``, ``technologies``, ``flows``, ``commodities`` and
        the optional ``reserves``).
    problems : list of Problem
        Collector.
    folder : pathlib.Path, optional
        The dataset folder (its ``scenarios/<s>/parameters.csv`` may give a technology
        capacity, see :func:`unread_problems`).
    """
    params = tables["parameters"]
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    days = [d["name"] for d in config["timeslices"]["days"]]
    first = first_decision_year(config)
    horizon = int(config["horizon"])
    file = "parameters.csv"
    lifetimes = {r["technology"]: float(r["value"]) for _, r in
                 params[params["parameter"] == "lifetime"].iterrows()
                 if not is_blank(r["value"])}
    tech_rows = dict(records(techs))  # by code (a .loc per parameter row cost 0.02 s)
    problems += unread_problems(tables, later_capacity(config, folder))
    for line, row in records(params):
        name, code = row["parameter"], row["technology"]
        if name not in PARAMETERS or code not in techs.index:
            continue  # reported by the reference checks
        day = row.get("day")
        if not is_blank(day):
            if name != "min_output":
                problems.append(Problem(f"'{name}' does not vary by day; leave day blank",
                                        file=file, row=line, column="day", value=day))
            elif day not in days:
                problems.append(Problem(f"unknown representative day '{day}'", file=file,
                                        row=line, column="day", value=day,
                                        valid=", ".join(days)))
        value = row["value"]
        if is_blank(value):
            continue
        tech = tech_rows[code] if code in tech_rows else techs.loc[code]
        if name in _TIMESLICE_ONLY and tech["level"] != "timeslice":
            problems.append(Problem(
                f"'{name}' acts on dispatch, so only timeslice technologies take it; '{code}' "
                "is annual (an annual technology's fixed load profile lowers the load instead)",
                file=file, row=line, column="parameter", value=name))
        if name in _ACTIVITY_ONLY and tech["kind"] == "storage":  # Y40: read by nothing
            problems.append(Problem(
                f"'{name}' acts on a technology's activity, and storage '{code}' has none (it "
                "charges and discharges), so the row would change nothing", file=file,
                row=line, column="parameter", value=name,
                valid="no such row for a storage technology (its costs: capex, fixed_om and "
                "the energy-capacity costs)"))
        if name == "min_output" and _share(value, row.get("unit")) > 1:  # Y97: 40 % is 0.4
            problems.append(Problem(f"minimum output of '{code}' above its available capacity",
                                    file=file, row=line, column="value", value=value,
                                    valid="a share of available capacity in [0, 1] "
                                    "(0.4, or 40 with unit %)"))
        _check_domain(name, code, value, row.get("unit"), line, problems)
        if name == "max_growth" and _per_year(row.get("unit")) \
                and _share(value, row.get("unit"), "1/yr") > GROWTH_WARN:
            _warn_growth(code, value, row.get("unit"), line)
        if name in ("min_full_load_hours", "max_full_load_hours") and value > 8784:
            problems.append(Problem(f"'{name}' of '{code}' above the hours of a year",
                                    file=file, row=line, column="value", value=value,
                                    valid="<= 8760 h/yr"))
        if name == "min_retirement_age":
            if not tech["early_retirement"]:
                problems.append(Problem(
                    f"'{code}' has a minimum retirement age but may not retire early",
                    file=file, row=line, column="parameter",
                    valid="set early_retirement to true in technologies.csv, or remove it"))
            life = lifetimes.get(code)
            if life is not None and value > life:
                problems.append(Problem(
                    f"retirement age of '{code}' ({value:g} yr) longer than its lifetime "
                    f"({life:g} yr)", file=file, row=line, column="value", value=value,
                    valid=f"<= {life:g} yr"))
        if not tech["investable"]:
            _not_investable(code, name, value, line, problems)
        if PARAMETERS[name].by_year == "dated":
            year = row["year"]
            if is_blank(year) or not first <= int(year) <= horizon:
                problems.append(Problem(
                    f"committed project of '{code}' with an online year outside the decision "
                    "years", file=file, row=line, column="year", value=year,
                    valid=f"a year in {first} .. {horizon}"))
    problems += observed_build_problems(params, first, horizon)
    _check_full_load_hours(params, problems)
    warn_slow_ramps(params, lambda line: f"parameters.csv, row {line}")
    _check_economic_lifetimes(params)
    _warn_unread_build_costs(params, tables["technologies"])
    reserves = tables.get("reserves")
    if reserves is not None:
        _check_reserves(reserves, tables, problems)


def _warn_unread_build_costs(params: pd.DataFrame, technologies: pd.DataFrame) -> None:
    """Warn once per technology that may not be built of its build costs above zero (D96).

    ``capex`` and ``capex_energy`` price new capacity (model/costs.py reads them for an
    ``investable`` technology), so on one that may not be built they are read by nothing: a
    battery with ``investable`` and ``nonfossil`` swapped (``false,true``) kept its costs and
    never stored a thing, without a word. Two readings remain, and are left quiet: the
    ``capex`` of a technology that may retire early values the annuity its retired stock
    strands (model/fleet.py), and a ``capex`` row gives an import or export capacity
    (model/techrows.py). The flag may be meant (a technology kept out of the builds), so this
    warns, naming the rows and the fix; without a residual stock, the technology has no
    capacity at all and the message says so. A blank flag is refused elsewhere.
    """
    costs = params[params["parameter"].isin(BUILD_COSTS)]
    if costs.empty:
        return
    first = technologies.drop_duplicates("technology").set_index("technology")
    stock = params[params["parameter"].isin(["residual_capacity", "residual_energy_capacity"])]
    held = set(stock.loc[pd.to_numeric(stock["value"], errors="coerce") > 0, "technology"])
    for code, rows in costs.groupby("technology", sort=False):
        flag = first.loc[code, "investable"] if code in first.index else None
        if is_blank(flag) or bool(flag) or first.loc[code, "kind"] in ("import", "export"):
            continue  # unknown or blank (both refused), buildable, or a trade's capacity
        early = first.loc[code].get("early_retirement")
        retires = not is_blank(early) and bool(early)
        rows = rows[(pd.to_numeric(rows["value"], errors="coerce") > 0)
                    & ~(retires & (rows["parameter"] == "capex"))]
        if rows.empty:
            continue
        names = sorted(set(rows["parameter"]))
        lines = ", ".join(str(x) for x in rows.index)
        line = technologies.index[technologies["technology"] == code][0]
        none = ("" if code in held else f"; with no residual_capacity either, '{code}' has no "
                "capacity in any year, so it never runs")
        notices.warn(
            f"parameters.csv, row{'s' if len(rows) > 1 else ''} {lines}: {' and '.join(names)} "
            f"of '{code}' price{'' if len(rows) > 1 else 's'} new capacity, but '{code}' is not "
            f"investable (technologies.csv, row {line}, column investable), so no row reads "
            f"{'them' if len(rows) > 1 else 'it'}{none}; if the technology may be built, set "
            "investable true; if it may not, the rows can go", UnusedBuildLimitWarning,
            stacklevel=3)


def _share(value: Any, unit: Any, target: str = "1") -> float:
    """``value`` in ``unit`` as a fraction (40 with unit ``%`` is 0.4; Y97).

    ``target`` is the parameter's own unit (``1/yr`` for max_growth: 20 with unit ``%/yr``
    is 0.2/yr, D35b). A blank unit or one of another dimension leaves the number as written
    (the unit checks report a wrong unit).
    """
    if is_blank(unit):
        return float(value)
    try:
        return float(value) * unit_factor(str(unit), target)
    except UnitError:  # a bad unit is reported by the unit checks
        return float(value)


def _per_year(unit: Any) -> bool:
    """True if ``unit`` is blank or converts to ``1/yr`` (a wrong unit has its own error, D35)."""
    if is_blank(unit):
        return True
    try:
        unit_factor(str(unit), "1/yr")
    except (UnitError, TypeError, ValueError):
        return False
    return True


def _check_domain(name: str, code: str, value: Any, unit: Any, line: Any,
                  problems: list[Problem]) -> None:
    """A share-like parameter outside its domain (P84 capacity_credit 95, P86 standing_loss 2).

    The domain is :data:`~carbonpath.dataset.domains.PARAMETER_DOMAINS`' (the one
    :meth:`~carbonpath.PathwayModel.update` and scenario overrides apply); the value is
    converted from the row's unit first (95 with unit ``%`` is 0.95).
    """
    if name not in PARAMETER_DOMAINS or name in _DOMAIN_ELSEWHERE:
        return
    domain = PARAMETER_DOMAINS[name]
    target = _DOMAIN_UNITS.get(name, "1")
    try:
        number = float(value) * (1.0 if is_blank(unit) else unit_factor(str(unit), target))
    except (UnitError, TypeError, ValueError):
        return  # a bad unit or number is reported by the unit and value checks
    if domain.holds(number):
        return
    hint = (f"; a percentage typed as a share? ({number:g} % is {number / 100:g})"
            if 1 < number <= 100 else "")
    problems.append(Problem(f"{name} of '{code}' is outside its domain{hint}",
                            file="parameters.csv", row=line, column="value", value=value,
                            valid=domain.text))


def _warn_growth(code: str, value: Any, unit: Any, line: Any) -> None:
    """Warn of a ``max_growth`` above :data:`GROWTH_WARN` (P79: 20 for 0.2)."""
    share = _share(value, unit, "1/yr")
    notices.warn(f"parameters.csv, row {line}, column 'value': max_growth of '{code}' is "
                 f"{share:g}/yr, so new capacity may reach {share:g} times the previous "
                 f"year's stock ({share * 100:g} %/yr), which limits almost nothing; if "
                 f"{share:g} %/yr was meant, write {share / 100:g} with unit 1/yr (or "
                 f"{share:g} with unit %/yr)",
                 GrowthPercentWarning, stacklevel=3)


def warn_slow_ramps(params: pd.DataFrame, where: Any) -> None:
    """Warn of each ``ramp_rate`` row below :data:`RAMP_WARN` per hour (round 26 MB25).

    The value is read in its row's unit (``2,%/min`` is 1.2/h and quiet); a rate under
    10 % of capacity an hour is named with the reading as a rate per minute (``0.02,1/h``:
    write 1.2 with unit 1/h, or 0.02 with unit 1/min). A rate of 0 (a plant that may not
    ramp at all) is warned of too. Called on the dataset's rows and on each scenario's
    override rows.

    Parameters
    ----------
    params : pandas.DataFrame
        ``parameters.csv`` rows (a dataset's, or a scenario's override rows).
    where : callable
        ``where(line)`` -> the row's place (``parameters.csv, row 24``).

    Warns
    -----
    RampRateWarning
        Naming the row, the rate as read and the per-minute reading.
    """
    rows = params[params["parameter"] == "ramp_rate"]
    for line, row in records(rows):
        value, unit = row["value"], row.get("unit")
        if is_blank(value):
            continue
        try:
            rate = float(value) * (1.0 if is_blank(unit) else unit_factor(str(unit), "1/hour"))
        except (UnitError, TypeError, ValueError):
            continue  # a bad unit or number is reported by the unit and value checks
        if rate >= RAMP_WARN or rate < 0:
            continue  # a negative rate is outside the domain, refused elsewhere
        notices.warn(
            f"{where(line)}, columns value and unit: ramp_rate of '{row['technology']}' is "
            f"{rate:g}/h ({rate * 100:g} % of its capacity an hour), slower than any power "
            f"plant (thermal units ramp about 1 .. 5 % of capacity a minute, 60 .. 300 %/h); "
            f"a rate per minute typed per hour? if {rate * 100:g} %/min was meant, write "
            f"{rate * 60:g} with unit 1/h (or {rate:g} with unit 1/min)",
            RampRateWarning, stacklevel=3)


def _check_economic_lifetimes(params: pd.DataFrame) -> None:
    """Warn of an ``economic_lifetime`` longer than the ``lifetime`` (P81), naming both rows.

    Annuities then run over more years than the plant stands (40 for 25: capital
    recovery factor 0.058 instead of 0.071 at 5 %), so its capital costs less each year; a
    loan tenor may outlast an asset, so this is a warning.
    """
    def rows_of(name: str) -> dict[str, tuple[Any, float, Any]]:
        """The first non-blank ``name`` row of each technology: (line, years, value as written)."""
        out = {}
        for line, row in records(params[params["parameter"] == name]):
            if is_blank(row["value"]) or row["technology"] in out:
                continue
            try:
                years = float(row["value"]) * unit_factor(str(row["unit"]), "yr")
            except (UnitError, TypeError, ValueError):
                continue  # reported by the unit checks
            out[row["technology"]] = (line, years, row["value"])
        return out
    lives = rows_of("lifetime")
    for code, (line, econ, _) in rows_of("economic_lifetime").items():
        if code in lives and econ > lives[code][1] + 1e-9:
            life_line, life, _ = lives[code]
            notices.warn(
                f"parameters.csv, row {line}, column 'value': economic_lifetime of '{code}' "
                f"({econ:g} yr) is longer than its lifetime ({life:g} yr, row {life_line}): "
                f"its capital is paid off over {econ:g} years while it stands {life:g}, which "
                f"makes each year's capital cost lower; if the row is the asset's life, write "
                f"at most {life:g} yr (or leave economic_lifetime out: it defaults to the "
                "lifetime)", EconomicLifetimeWarning, stacklevel=3)


def _not_investable(code: str, name: str, value: float, line: Any,
                    problems: list[Problem]) -> None:
    """A build parameter of a technology that may not be built (``investable`` false).

    A committed project or a ``min_new_capacity`` above zero asks for a build the model
    cannot make: refused (R28, R32: the minimum was ignored, silently). A build limit
    (:data:`BUILD_LIMITS`) limits nothing there: warned of, as the data may mean a
    technology that can be built.
    """
    fix = "investable true in technologies.csv (new capacity may be built)"
    if PARAMETERS[name].by_year == "dated" or (name == "min_new_capacity" and value > 0):
        what = "a committed project" if name.startswith("committed") else f"a {name}"
        problems.append(Problem(f"'{code}' has {what} but is not investable, so nothing of it "
                                "can be built", file="parameters.csv", row=line,
                                column="parameter", value=name,
                                valid=f"{fix}, or no {name} row"))
    elif name in BUILD_LIMITS:
        notices.warn(f"parameters.csv, row {line}: {name} of '{code}' limits new builds, but "
                     f"'{code}' is not investable (technologies.csv), so it limits nothing; "
                     f"if the technology may be built, set {fix}", UnusedBuildLimitWarning,
                     stacklevel=3)


def observed_build_problems(params: pd.DataFrame, first: int, horizon: int) -> list[Problem]:
    """``min_new_capacity`` rows above zero dated before the first decision year (MD100).

    Nothing is built in an observed year (capacity is the stock), so such a row cannot act,
    as ``committed_capacity`` and a plan bound there; a zero row asks for nothing and passes.

    Parameters
    ----------
    params : pandas.DataFrame
        ``parameters`` rows: the dataset's (index the file's line) or a scenario's or
        measure's override rows (index ``scenarios/<s>/parameters.csv:<line>`` or the
        dataset.yaml key).
    first, horizon : int
        The first decision year and the last model year.

    Returns
    -------
    list of Problem
        One per such row, naming its place, column ``year`` and the decision years.
    """
    from carbonpath.dataset.measure_checks import row_place

    rows = params[params["parameter"] == "min_new_capacity"]
    problems = []
    for line, row in zip(rows.index, rows.to_dict("records"), strict=True):
        year, value = row["year"], row["value"]
        if is_blank(year) or is_blank(value) or int(year) >= first:
            continue
        try:
            if float(value) <= 0:
                continue
        except (TypeError, ValueError):
            continue  # reported by the value checks
        place = row_place(line)
        problems.append(Problem(
            f"min_new_capacity of '{row['technology']}' in {int(year)} ({value:g} "
            f"{row['unit']}) asks for new capacity in an observed year, where capacity is the "
            "stock (residual_capacity) and nothing is built, so the row cannot act",
            column="year", value=year, **place,
            valid=f"a year in {first} .. {horizon} (the decision years), or a higher "
                  "residual_capacity if the capacity stood in that year"))
    return problems


def _check_full_load_hours(params: pd.DataFrame, problems: list[Problem]) -> None:
    """A minimum full-load hours above the maximum of the same technology and year."""
    flh = params[params["parameter"].isin(["min_full_load_hours", "max_full_load_hours"])]
    for (code, _year), group in flh.groupby(["technology", flh["year"].astype(str)]):
        kinds = dict(zip(group["parameter"], zip(group.index, group["value"], strict=True),
                         strict=False))
        if len(kinds) == 2 and kinds["min_full_load_hours"][1] > kinds["max_full_load_hours"][1]:
            line, value = kinds["min_full_load_hours"]
            problems.append(Problem(f"minimum full-load hours of '{code}' above the maximum",
                                    file="parameters.csv", row=line, column="value",
                                    value=value, valid=f"<= {kinds['max_full_load_hours'][1]}"))


def _check_reserves(reserves: pd.DataFrame, tables: dict[str, pd.DataFrame],
                    problems: list[Problem]) -> None:
    """``reserves.csv``: commodity, units, and some firm capacity for every margin."""
    file = "reserves.csv"
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    params = tables["parameters"]
    flows = tables["flows"]
    techs = tables["technologies"].drop_duplicates("technology").set_index("technology")
    firm = set(params.loc[params["parameter"].isin(["capacity_credit", "firm_capacity"])
                          & (params["value"].astype(float) > 0), "technology"])
    expected = {"margin": "", "peak": "MW", "storage_hours": "hour"}
    dup = reserves.duplicated(["commodity", "parameter", "year"], keep=False)
    for line in reserves.index[dup]:
        problems.append(Problem("duplicate reserve row (same commodity, parameter, year)",
                                file=file, row=line, column="year"))
    for line, row in reserves.iterrows():
        c = row["commodity"]
        if row["parameter"] not in expected:
            continue  # reported by the column check (file, row, column, valid names)
        if c not in com.index:
            problems.append(Problem(f"unknown commodity '{c}'", file=file, row=line,
                                    column="commodity", valid=", ".join(com.index)))
            continue
        if com.loc[c, "balance"] != "timeslice" or not _unit_is(com.loc[c, "unit"], "MWh"):
            why, valid = (annual_balance(tables["commodities"], c)  # D56: its row named
                          if com.loc[c, "balance"] != "timeslice" else
                          (f"'{c}' is measured in {com.loc[c, 'unit']}, not an energy",
                           "an energy commodity (MWh, GWh) balanced by timeslice"))
            problems.append(Problem(f"a reserve margin needs an energy commodity balanced by "
                                    f"timeslice: {why}", file=file, row=line,
                                    column="commodity", value=c, valid=valid))
            continue
        if not _unit_is(row["unit"], expected[row["parameter"]]):
            problems.append(Problem(f"unit of '{row['parameter']}' has the wrong dimension",
                                    file=file, row=line, column="unit", value=row["unit"],
                                    valid=f"a unit like {expected[row['parameter']] or '1'}"))
        if not is_blank(row["value"]) and row["value"] < 0:
            problems.append(Problem("a reserve value cannot be negative", file=file, row=line,
                                    column="value", value=row["value"]))
        if row["parameter"] == "margin" and not is_blank(row["value"]):
            _check_margin(row, line, problems)
        if row["parameter"] == "storage_hours" and not is_blank(row["year"]):
            problems.append(Problem("storage_hours does not vary by year; leave year blank",
                                    file=file, row=line, column="year"))
        if row["parameter"] == "margin":
            suppliers = set(flows.loc[(flows["commodity"] == c)
                                      & (flows["direction"] == "output"), "technology"])
            suppliers |= set(techs.index[techs["storage_commodity"] == c])
            if not suppliers & firm:
                problems.append(Problem(
                    f"reserve margin of '{c}' but no technology supplying it has firm "
                    "capacity", file=file, row=line, column="commodity",
                    valid="a capacity_credit (or firm_capacity) row in parameters.csv for a "
                          f"technology that outputs or stores {c}"))


MARGIN_MAX = 1.0
"""Largest reserve margin taken (a share of the peak): firm capacity twice the peak.

Planning reserve margins are 5-30 % (Chinese provinces plan 12-15 %, range 8-18 %); a margin
above 100 % is a percentage typed as a share (12 for 0.12), which asked 13 times the peak in
firm capacity and quadrupled tiny's costs (round 18, R67)."""


def _check_margin(row: Any, line: Any, problems: list[Problem]) -> None:
    """Refuse a reserve margin above :data:`MARGIN_MAX` (a share written as a percentage)."""
    try:
        share = float(row["value"]) * unit_factor(str(row["unit"]), "1")
    except Exception:
        return  # the unit's dimension is reported by the unit check
    if share <= MARGIN_MAX:
        return
    unit = "" if str(row["unit"]).strip() in ("", "1") else f" {row['unit']}"
    # G137: 1 < share < 2 reads as a multiplier of the peak (peak x 1.12 for a 12 % margin)
    multiplier = (f"write {share - 1:.4g} if firm capacity {share:g} times the peak "
                  f"({(share - 1) * 100:.4g} % margin) was meant, or " if 1 < share < 2 else "")
    problems.append(Problem(
        f"reserve margin of '{row['commodity']}' {row['value']:g}{unit} reads as "
        f"{share:.4g} = {share * 100:.4g} % of the peak (firm capacity {1 + share:.4g} times "
        "the peak); a margin is a share: a percentage typed as a share?", file="reserves.csv",
        row=line, column="value", value=row["value"],
        valid=f"a share in 0 .. {MARGIN_MAX:g}: {multiplier}write {share / 100:g} (or "
              f"{share:g} %) if {share:g} % was meant"))
