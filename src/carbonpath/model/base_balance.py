"""The observed years' commodity balances, checked before any solve.

In an observed year (the base year, and any year before ``first_decision_year``) every
technology's activity is fixed to its observed value, so each commodity's balance is known
before the model is built: what the fixed producers give, less what the fixed users draw
(observed activity x input ratio of ``flows.csv``), must equal the exogenous demand within
the statistical difference that :func:`carbonpath.model.balances.add_balances` allows
(``base_year_tolerance`` x throughput per balance row). When it cannot, the LP is infeasible
whatever the plan says, and HiGHS could only name LP rows (``balance_annual[coal,2024]``);
this check names the data rows and the numbers instead (round 11's D92, D133, D134, D147).

The check is a necessary condition of feasibility, never a stronger one: a commodity is
checked only if every technology touching it is fixed in that year (observed, or without
stock and so at zero); a commodity with stores is checked one way only (stores can lose
energy, never make it); a timeslice commodity is checked on its annual sum, allowing the
statistical difference of every timeslice row. Stores count only in a year they
have stock (a battery first built in a decision year cannot absorb an observed year's
surplus).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import pandas as pd

from carbonpath.dataset.tables import is_blank
from carbonpath.errors import CarbonpathWarning, Problem, line_label

if TYPE_CHECKING:
    from carbonpath.model.data import ModelData

__all__ = ["ABSORBED_GAP", "BaseYearGapWarning", "base_balance_problems", "demand_rows",
           "gain_problems", "gains", "row_place", "row_where", "unit_of"]

ABSORBED_GAP = 0.05
"""A base-year gap a large ``base_year_tolerance`` absorbs above which it is warned of (Y76):
published balances close to a few per cent (their 平衡差额), so more is a data error or a
tolerance in per cent."""


class BaseYearGapWarning(CarbonpathWarning):
    """An observed year's balance closed by a large statistical difference.

    One above :data:`ABSORBED_GAP` of its throughput, allowed by a large
    ``base_year_tolerance``.
    """


def row_place(label: Any, table: str) -> str:
    """A table row's location from its index label (a file line, or a scenario's label).

    ``flows.csv row 3``, ``scenarios/plan/flows.csv row 2`` or ``dataset.yaml key
    scenarios.plan.flows[0]``.
    """
    label = line_label(label)  # row 11, never 11.0 (round 18)
    text = str(label)
    if ".csv:" in text:
        file, _, line = text.rpartition(":")
        return f"{file} row {line}"
    if isinstance(label, str):
        return f"dataset.yaml key {text}"
    return f"{table}.csv row {text}"


def row_where(label: Any, table: str) -> dict[str, Any]:
    """A table row's location as :class:`~carbonpath.errors.Problem` keywords (L89).

    ``{"file": "parameters.csv", "row": 11}``, ``{"file": "scenarios/plan/parameters.csv",
    "row": 2}`` or ``{"file": "dataset.yaml", "key": "measures.pv_push.changes.parameters[0]"}``
    (a scenario's or a measure's YAML row), from the row's index label as :func:`row_place`
    reads it.
    """
    label = line_label(label)
    text = str(label)
    if ".csv:" in text:
        file, _, line = text.rpartition(":")
        return {"file": file, "row": int(line) if line.isdigit() else line}
    if isinstance(label, str):
        return {"file": "dataset.yaml", "key": text}
    return {"file": f"{table}.csv", "row": label}


def gains(data: ModelData, t: Any, c: str) -> float | None:
    """Technology ``t``'s output of ``c`` per unit of its activity, when above 1 in kind.

    An output counted in the activity's own (canonical) unit, e.g. electricity in GWh per GWh
    of activity, above 1 gives more than the activity: only a conversion that gains energy
    does. An output of another dimension (steam in GJ per t of product), or one the
    activity is not counted in (a heat pump whose activity is the heat it delivers and
    whose electricity is an input), is not judged: the rule of the observed-year balance
    check (:func:`base_balance_problems`), applied to every technology by
    :func:`gain_problems`.

    Returns
    -------
    float or None
        The output (commodity unit per activity unit) when above 1 with the commodity's unit
        that of the activity; None otherwise.
    """
    ratio = t.outputs.get(c, 0.0)
    unit = str(data.commodities.loc[c, "unit"])
    if t.storage is None and ratio > 1.0 + 1e-9 and t.activity_unit == unit:
        return float(ratio)
    return None


def gain_problems(data: ModelData, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Refuse a flow giving more of a commodity than the activity that is counted in it.

    Every technology, whatever its years (round 18): a technology with observed base-year
    activity and such a flow could not balance its observed year
    (:func:`base_balance_problems` names it); one built only in decision years would
    otherwise make energy from nothing. A flows.csv row whose ``plausibility`` cell says
    ``override: <reason>`` (an activity that is not this output) is accepted with a
    :class:`~carbonpath.errors.CarbonpathWarning`.

    Parameters
    ----------
    data : ModelData
        Model data in canonical units.
    tables : dict of str to pandas.DataFrame
        The (scenario-resolved) dataset tables, to name the flows.csv rows.

    Returns
    -------
    list of Problem
        One per technology and commodity, naming the flows.csv row, the ratio and what is
        valid.
    """
    import warnings

    from carbonpath.errors import CarbonpathWarning
    from carbonpath.plausibility import is_override

    flows = tables.get("flows")
    problems = []
    for t in data.techs.values():
        for c in t.outputs:
            ratio = gains(data, t, c)
            if ratio is None:
                continue
            base = str(data.commodities.loc[c, "base"]) if "base" in data.commodities else c
            lines = [] if flows is None else _rows(flows, (flows["technology"] == t.code)
                                                  & (flows["commodity"] == base)
                                                  & (flows["direction"] == "output"))
            unit = t.activity_unit
            problem = Problem(
                f"'{t.code}' gives {ratio:g} {unit} of {c} per {unit} of its activity"
                + (f" ({row_place(lines[0], 'flows')})" if lines else "")
                + ": more than its activity, which only a conversion that gains energy does, "
                "whether or not the technology exists in the base year; an output of the "
                f"commodity the activity is measured in is usually 1 {unit}/{unit}",
                column="value", value=ratio,
                valid=f"at most 1 {unit}/{unit}; if the activity is not this output (a "
                      "technology counted by its input), write 'override: <reason>' in a "
                      "'plausibility' column of the flows.csv row",
                **_where(lines[0] if lines else None, "flows"))
            said = (flows.loc[lines[0], "plausibility"] if lines and flows is not None
                    and "plausibility" in flows.columns else None)
            if is_override(said):
                warnings.warn(f"accepted by an explicit plausibility override: {problem}",
                              CarbonpathWarning, stacklevel=4)
                continue
            problems.append(problem)
    return problems


def _where(label: Any, table: str) -> dict[str, Any]:
    """``file`` and ``row`` (or ``key``) of a table row's label, for a Problem."""
    if label is None:
        return {"file": f"{table}.csv"}
    text = str(label)
    if ".csv:" in text:
        file, _, row = text.rpartition(":")
        return {"file": file, "row": row}
    if isinstance(label, str):
        return {"file": "dataset.yaml", "key": text}
    return {"file": f"{table}.csv", "row": line_label(label)}


def _from_scenario(label: Any) -> bool:
    """True for a row that a scenario (override file or YAML override) put in place."""
    return isinstance(label, str) and "scenarios" in label


def _fixed(t: Any, y: int, k: int) -> float | None:
    """The activity of technology ``t`` fixed in observed year ``y`` (None if not fixed).

    Observed: fixed to it. A link: moved as the regions need (not fixed). Without capacity
    and without observation: fixed at zero. With capacity: zero only without stock (no
    vintage exists in an observed year), else free within its stock (not fixed).
    """
    if y in t.observed:
        return float(t.observed[y])
    if t.link is not None:
        return None
    if not t.capacitated or float(t.residual[k]) == 0.0:
        return 0.0
    return None


def _rows(frame: pd.DataFrame | None, mask: Any) -> list[Any]:
    return [] if frame is None else list(frame.index[mask])


def base_balance_problems(data: ModelData, tables: dict[str, pd.DataFrame],
                          tolerance: float) -> list[Problem]:
    """Refuse an observed year's commodity balance that fixed activities cannot close.

    Parameters
    ----------
    data : ModelData
        Model data in canonical units (activities in each technology's activity unit per
        year, flows in commodity unit per activity unit, demands in commodity unit per
        year).
    tables : dict of str to pandas.DataFrame
        The (scenario-resolved) dataset tables, indexed by file line (header = 1) or by
        ``"scenarios/<name>/<table>.csv:<line>"`` / ``"scenarios.<name>.<key>[i]"``; used to
        name the parameters.csv, flows.csv and demands.csv rows.
    tolerance : float
        ``base_year_tolerance`` of dataset.yaml (share of throughput per balance row).

    Returns
    -------
    list of Problem
        One per commodity and observed year whose fixed supply and use differ by more than
        the statistical difference allows; each names the two sums, every technology's
        activity and ratio with its file rows, and the demand rows. A flow that a scenario
        overrides for a technology observed in that year gets a hint: a changed efficiency
        of an existing plant needs a new technology (vintage), since an override applies in
        the observed years too.

    Warns
    -----
    BaseYearGapWarning
        Once per commodity whose fixed balance the tolerance closes with a gap above
        :data:`ABSORBED_GAP` of it (Y76: 0.2 absorbed a 14.8 % coal gap), naming the
        commodity, year, gap and tolerance.
    """
    params, flows, demands = (tables.get(n) for n in ("parameters", "flows", "demands"))
    problems = []
    absorbed: dict[str, tuple[int, float, float, str]] = {}
    storages = [t for t in data.techs.values() if t.storage is not None]
    for c in data.commodities.index:
        per_slice = data.commodities.loc[c, "balance"] == "timeslice"
        rows_per_year = len(data.timeslices) if per_slice else 1
        touching = [(t, r) for t in data.techs.values() if t.storage is None
                    for r in (t.outputs.get(c, 0.0) - t.inputs.get(c, 0.0),) if r != 0.0]
        base = str(data.commodities.loc[c, "base"]) if "base" in data.commodities else c
        for y in data.observed_years:
            k = data.year_index[y]
            fixed = [(t, r, _fixed(t, y, k)) for t, r in touching]
            if any(a is None for _, _, a in fixed):
                continue
            supply = sum(r * a for _, r, a in fixed if r > 0)
            use = -sum(r * a for _, r, a in fixed if r < 0)
            demand = float(data.demand[c][k]) if c in data.demand else 0.0
            throughput = supply + use + demand
            allowed = rows_per_year * tolerance * throughput + 1e-9 * max(throughput, 1.0)
            gap = supply - use - demand
            # a store can burn a surplus in its losses, but only one that exists in year y
            # (round 17's P74: a battery first built later had hidden a PV output of 2)
            can_store = any(t.storage.commodity == c and _fixed(t, y, k) != 0.0
                            for t in storages)
            if abs(gap) <= allowed or (can_store and gap > 0):
                share = abs(gap) / max(supply, use + demand, 1e-300)
                if share > ABSORBED_GAP and not (can_store and gap > 0):  # Y76
                    absorbed.setdefault(c, (y, gap, share, unit_of(data, c)))
                continue
            problems.append(_problem(data, c, base, y, fixed, (supply, use, demand, gap),
                                     tolerance, (params, flows, demands)))
    for c, (y, gap, share, unit) in absorbed.items():
        warnings.warn(
            f"the observed year {y} balances {c} only through its statistical difference: "
            f"fixed supply and use plus demand differ by {abs(gap):.6g} {unit}/yr "
            f"({share:.1%}), which base_year_tolerance {tolerance:g} (dataset.yaml) absorbs; "
            f"a gap above {ABSORBED_GAP:.0%} is more than rounding: check the observed "
            f"activities of {c} (parameters.csv) and flows, or is base_year_tolerance a "
            f"percentage ({tolerance:g} % would be {tolerance / 100:g})?",
            BaseYearGapWarning, stacklevel=3)
    return problems


def unit_of(data: ModelData, c: str) -> str:
    """The unit of commodity ``c`` in the model's data."""
    return str(data.commodities.loc[c, "unit"])


def _problem(data: ModelData, c: str, base: str, y: int, fixed: list,
             sums: tuple[float, float, float, float], tolerance: float,
             frames: tuple) -> Problem:
    """The Problem of one commodity's unclosable balance in observed year ``y``."""
    params, flows, demands = frames
    supply, use, demand, gap = sums
    unit = str(data.commodities.loc[c, "unit"])
    parts: dict[str, list[str]] = {"supply": [], "use": []}
    locations: list[Any] = []
    hint = []
    idle = []
    for t, r, a in fixed:
        if a == 0.0 and y not in t.observed:
            idle.append(t.code)
            continue
        side = "supply" if r > 0 else "use"
        out_ratio, in_ratio = t.outputs.get(c, 0.0), t.inputs.get(c, 0.0)
        ratio = out_ratio if r > 0 else in_ratio
        both = out_ratio != 0.0 and in_ratio != 0.0  # G80: own use netted from the output
        where = []
        if params is not None and y in t.observed:
            lines = _rows(params, (params["technology"] == t.code)
                          & (params["parameter"] == "activity") & (params["year"] == y))
            where += [("parameters", line) for line in lines[:1]]
        if flows is not None:
            lines = _rows(flows, (flows["technology"] == t.code) & (flows["commodity"] == base)
                          & (flows["direction"] == ("output" if r > 0 else "input")))
            where += [("flows", line) for line in lines[:1]]
            if both:  # the other direction's row (own use on a generator) counts as well
                other = _rows(flows, (flows["technology"] == t.code)
                              & (flows["commodity"] == base)
                              & (flows["direction"] == ("input" if r > 0 else "output")))
                where += [("flows", line) for line in other[:1]]
            if any(_from_scenario(line) for line in lines) and y in t.observed:
                hint.append(t.code)
        locations += where
        shown = (f"({out_ratio:.6g} output - {in_ratio:.6g} input)" if both
                 else f"{ratio:.6g}")
        text = (f"'{t.code}' {a:.6g} {t.activity_unit}/yr x {shown} {unit}/"
                f"{t.activity_unit} = {a * abs(r):.6g} {unit}/yr")
        if where:
            text += f" ({', '.join(row_place(line, table) for table, line in where)})"
        parts[side].append(text)
    demand_lines = []
    if demands is not None and demand:
        demand_lines = list(demand_rows(data, demands, c).index)
        locations += [("demands", line) for line in demand_lines]
    short = "supply falls short of use and demand" if gap < 0 else "supply exceeds use and demand"
    message = (
        f"the observed year {y} cannot balance {c}: every activity touching it is fixed to "
        f"observed data, and {short} by {abs(gap):.6g} {unit}/yr "
        f"({abs(gap) / max(supply, use + demand):.1%}). Supply {supply:.6g} {unit}/yr: "
        + ("; ".join(parts["supply"]) or "none")
        + f". Use {use:.6g} {unit}/yr: " + ("; ".join(parts["use"]) or "none")
        + f". Demand {demand:.6g} {unit}/yr"
        + (f" ({', '.join(row_place(line, 'demands') for line in demand_lines)})"
           if demand_lines else "")
        + f". The statistical difference allowed is base_year_tolerance {tolerance:g} of "
        "throughput (dataset.yaml)")
    elsewhere = _made_elsewhere(data, c, base) if not fixed and demand_lines else []
    if elsewhere:  # MA81: demand rows copied from another region with the region left blank
        blank = [line for line in demand_lines if is_blank(demands.loc[line, "region"])]
        message += (f". No technology of region {data.commodities.loc[c, 'region']} makes "
                    f"or uses {base}; it is made or used in {', '.join(elsewhere)}"
                    + (f": a blank region is the default region {data.regions[0]} "
                       f"(dataset.yaml regions), so were these rows meant for "
                       f"{elsewhere[0]}?" if blank else ""))
    if idle:
        message += (f". Fixed at zero in {y}: {', '.join(repr(i) for i in idle)} (no observed "
                    "activity and no stock: new capacity exists from the first decision year, "
                    "first_decision_year of dataset.yaml)")
    above = [(t, t.outputs[c]) for t, r, a in fixed
             if r > 0 and gains(data, t, c) is not None]  # the rule of gain_problems
    if above and gap > 0:
        message += (". " + ", ".join(f"'{t.code}' gives {ratio:g} {unit} of {c} per "
                                     f"{t.activity_unit} of its activity" for t, ratio in above)
                    + ": more than its activity, which only a conversion that gains energy "
                    "does; an output of the commodity the activity is measured in is "
                    f"usually 1 {unit}/{unit} (check flows.csv)")
    if hint:
        message += (f". A scenario overrides the flows of {', '.join(repr(h) for h in hint)}"
                    f", which holds in the observed year {y} as well: a changed efficiency of "
                    "an existing plant needs a new technology (a new vintage with its own "
                    "flows and capacity, the old one retiring), not a flow override")
    gaining = {t.code for t, _ in above} if gap > 0 else set()
    suspects = [loc for loc in locations if loc[0] == "flows" and flows is not None
                and flows.loc[loc[1], "technology"] in gaining]  # the flow row to fix first
    first = next((loc for loc in locations if _from_scenario(loc[1])),
                 suspects[0] if suspects else locations[0] if locations else None)
    file, row = None, None
    if first is not None:
        table, label = first
        text = str(label)
        if ".csv:" in text:
            file, _, row = text.rpartition(":")
        elif isinstance(label, str):
            file = "dataset.yaml"
        else:
            file, row = f"{table}.csv", line_label(label)
    valid = (f"observed activities, flows and demands whose {c} supply equals use plus "
             f"demand in {y} (supply would need {use + demand:.6g} {unit}/yr)")
    key = str(first[1]) if first is not None and file == "dataset.yaml" else None
    column = "region" if elsewhere and file == "demands.csv" else "value"
    if column == "region":
        valid = (f"region {' or '.join(elsewhere)} on these demand rows; or a technology "
                 f"of region {data.commodities.loc[c, 'region']} that supplies {base}")
    return Problem(message, file=file, row=row, column=None if key else column, valid=valid,
                   key=key)


def demand_rows(data: ModelData, demands: pd.DataFrame, c: str) -> pd.DataFrame:
    """The demands.csv rows of balance key ``c``: its commodity, and its region (MA81).

    A blank ``region`` cell is the default region (the first of dataset.yaml ``regions``), so
    in a dataset of several regions the rows of ``alumina`` in region ``captive`` are not
    the demand of ``alumina@city``.
    """
    base = str(data.commodities.loc[c, "base"]) if "base" in data.commodities else c
    mask = demands["commodity"] == base
    if len(data.regions) > 1 and "region" in demands:
        region = data.commodities.loc[c, "region"]
        mask &= demands["region"].map(lambda r: (data.regions[0] if is_blank(r) else r)
                                      == region)
    return demands[mask]


def _made_elsewhere(data: ModelData, c: str, base: str) -> list[str]:
    """The other regions where a technology makes or uses commodity ``base`` (MA81)."""
    if len(data.regions) < 2:
        return []
    keys = {k for k in data.commodities.index
            if k != c and data.commodities.loc[k, "base"] == base}
    found = {str(data.commodities.loc[k, "region"]) for t in data.techs.values()
             if t.link is None for k in keys if k in t.outputs or k in t.inputs}
    return [r for r in data.regions if r in found]


def profile_hint(data: ModelData, balance_keys: list[tuple]) -> str:
    """Name the demand's load profile behind conflicting balance rows of timeslices (B149).

    ``balance_keys`` are the indices ``(commodity, year, timeslice)`` of the per-timeslice
    balance rows in an irreducible infeasible subset. Where such a commodity has an
    exogenous demand, the demand's share in those timeslices comes from the profile that
    ``demands.csv`` names, a file the LP's row names do not show; the text names the
    profile, its demands.csv rows and the share of the year's demand in each conflicting
    timeslice. An availability shape given as a load (zero at night) is the usual slip.

    Returns
    -------
    str
        ``"; the load of electricity follows profile 'pv' (demands.csv row 2, 3, column
        'profile'): 50.0% of the year's demand in typical block 2 ..."``, or '' if no such
        demand.
    """
    demands = data.dataset.tables.get("demands")
    parts = []
    for c in dict.fromkeys(k[0] for k in balance_keys):
        if c not in data.demand_share or demands is None:
            continue
        mine = demand_rows(data, demands, c)
        names = sorted({str(p) for p in mine["profile"] if p})
        lines = ", ".join(str(row_place(i, "demands")) for i in mine.index)
        shares = []
        for _, _, i in sorted({k for k in balance_keys if k[0] == c}, key=lambda k: k[2])[:4]:
            day, block = data.timeslices[i][0], data.timeslices[i][1]
            shares.append(f"{float(data.demand_share[c][i]):.1%} of the year's demand in "
                          f"{day} block {block}")
        what = f"profile {names[0]!r}" if len(names) == 1 else "a flat load (no profile)"
        parts.append(f"the load of {c} follows {what} ({lines}, column 'profile'): "
                     + ", ".join(shares) + "; check that it is a demand shape (not an "
                     "availability shape, zero at night) that the plants able to run in "
                     "those hours can serve")
    return "; " + "; ".join(parts) if parts else ""


def level_hint(data: ModelData, flow_keys: list[tuple]) -> str:
    """Name the annual technologies behind conflicting annual net flows (R13).

    ``flow_keys`` are the indices ``(commodity, load group, year)`` of ``annual_net_flow``
    rows or columns in an irreducible infeasible subset. An annual technology's flows of a
    timeslice commodity enter every timeslice in one fixed shape (its ``load_profile``, flat
    if blank), not dispatched by the hour: a power plant set to annual cannot follow the
    load, the usual cause when it makes that commodity. The text names the technologies,
    their technologies.csv rows and column ``level``.

    Returns
    -------
    str
        ``"; 'coal_power' is annual (technologies.csv row 3, column 'level'): its output of
        electricity enters every timeslice flat ..."``, or '' if no annual technology makes
        the commodity.
    """
    techs = data.dataset.tables.get("technologies")
    parts = []
    for c, g in dict.fromkeys((k[0], k[1]) for k in flow_keys):
        makers = [t for t in data.techs.values() if not t.timeslice and t.load_group == g
                  and t.outputs.get(c, 0.0) > 0 and t.link is None]
        for t in makers:
            lines = [] if techs is None else _rows(techs, techs["technology"] == t.code)
            where = f"{row_place(lines[0], 'technologies')}, " if lines else ""
            shape = "flat (no load_profile)" if g == "flat" else f"in the shape of profile {g!r}"
            parts.append(f"'{t.code}' is annual ({where}column 'level'): its output of {c} "
                         f"enters every timeslice {shape}, not dispatched by the hour, so it "
                         "cannot follow the load; a plant that follows the load has level "
                         "timeslice")
    return "; " + "; ".join(parts) if parts else ""


def observed_hint(data: ModelData, activity_keys: list[tuple]) -> str:
    """Name the parameters.csv rows behind observed activities in a conflicting set.

    ``activity_keys`` are the indices ``(technology, year)`` of the activity columns whose
    bounds are in an irreducible infeasible subset. In an observed year those bounds are
    the observed activity, a data row the LP's names do not show.

    Returns
    -------
    str
        ``"; fixed to observed data: 'coal_power' 5868.6 GWh/yr in 2024 (parameters.csv
        row 9)"``, or '' if none of them is observed.
    """
    params = data.dataset.tables.get("parameters")
    parts = []
    for code, y in dict.fromkeys(activity_keys):
        t = data.techs.get(code)
        if t is None or y not in data.observed_years or y not in t.observed:
            continue
        where = ""
        if params is not None:
            lines = _rows(params, (params["technology"] == code)
                          & (params["parameter"] == "activity") & (params["year"] == y))
            where = f" ({row_place(lines[0], 'parameters')})" if lines else ""
        parts.append(f"'{code}' {t.observed[y]:.6g} {t.activity_unit}/yr in {y}{where}")
    return "; fixed to observed data: " + ", ".join(parts) if parts else ""
