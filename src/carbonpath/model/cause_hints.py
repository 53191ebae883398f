"""Where the bounds and balances in an infeasible subset were written (V31, V62, V121).

The rows and bounds HiGHS names in an irreducible infeasible subset are the model's
(``bounds of activity[coal_supply,2030]``, ``balance[coal,2024,0]``); the user wrote
something else: a scenario's ``disallow``, an ``update()`` of a bound, a ``max_activity``
row, a commodity's ``balance`` column. These functions name that input, so that the
diagnosis points at the edit instead of (only) at the load profile.
"""

from __future__ import annotations

from typing import Any

from carbonpath.model.base_balance import row_place
from carbonpath.model.data import ModelData

__all__ = ["balance_level_hint", "bound_hint", "iis_hints", "link_hint", "observed_target_text"]

#: Bounds on a technology's activity or capacity that can hold its activity down.
_UPPER = ("max_activity", "max_capacity", "max_new_capacity", "max_cumulative_new_capacity")


def _years(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"


def bound_hint(data: ModelData, activity_keys: list[tuple], changes: list[dict[str, Any]]
               ) -> str:
    """Name the inputs that hold down activities whose bounds are in an infeasible subset.

    Parameters
    ----------
    data : ModelData
        The model's data; its dataset is the resolved scenario (whose config names the
        scenario keys that disallowed technologies).
    activity_keys : list of tuple
        ``(technology, year)`` of the activity columns whose bounds are in the subset.
    changes : list of dict
        :attr:`carbonpath.PathwayModel.changes`: ``update()`` calls in force.

    Returns
    -------
    str
        ``"; 'coal_supply' is disallowed by dataset.yaml key scenarios.plan.disallow (no new
        capacity, and no activity after the base year without capacity) ..."``, one clause
        per technology with such an input in a decision year, or ''.
    """
    from carbonpath.dataset.scenarios import DISALLOWED_BY

    disallowed = data.dataset.config.get(DISALLOWED_BY) or {}
    params = data.dataset.tables.get("parameters")
    decided = set(data.decision_years)
    by_tech: dict[str, list[int]] = {}
    for code, y in dict.fromkeys(activity_keys):
        if y in decided and code in data.techs:
            by_tech.setdefault(code, []).append(y)
    parts = []
    for code, years in by_tech.items():
        years = sorted(years)
        when = _years(years)
        if code in disallowed:
            parts.append(f"'{code}' is disallowed by dataset.yaml key {disallowed[code]} (no "
                         "new capacity, and no activity after the base year beyond its "
                         f"residual stock), which the model needs in {when}: remove it from "
                         "disallow, or allow the technologies that would replace it")
            continue
        updates = [c for c in changes if c.get("call") == "update"
                   and c.get("technology") == code and c.get("parameter") in _UPPER
                   and (not c.get("years") or set(c["years"]) & set(years))]
        if updates:
            c = updates[-1]
            parts.append(f"'{code}' is held by update(technology={code!r}, "
                         f"parameter={c['parameter']!r}, value={c.get('value')}) in {when}: "
                         "the data cannot be met with that bound")
            continue
        t = data.techs[code]
        held = [p for p in _UPPER if set(t.bounds.get(p, {})) & set(years)]
        if held and params is not None:
            lines = list(params.index[(params["technology"] == code)
                                      & params["parameter"].isin(held)])
            if lines:
                places = ", ".join(row_place(i, "parameters") for i in lines[:3])
                parts.append(f"'{code}' is bounded by {', '.join(held)} ({places}) in {when}")
    return "; " + "; ".join(parts) if parts else ""


def balance_level_hint(data: ModelData, balance_keys: list[tuple]) -> str:
    """Name commodities.csv's ``balance`` of a fuel balanced by timeslice in the subset (V121).

    A fuel or material balanced by ``timeslice`` must be supplied in every hour as it is used;
    its supply (a mine, an import) is usually annual, so the balance cannot hold. A fuel
    stored or traded over the year has ``balance`` ``annual``.

    Parameters
    ----------
    data : ModelData
        The model's data.
    balance_keys : list of tuple
        ``(commodity, year, timeslice)`` of per-timeslice balance rows in the subset.

    Returns
    -------
    str
        One clause per such commodity, naming its commodities.csv row and column
        ``balance``, or ''.
    """
    coms = data.dataset.tables.get("commodities")
    parts = []
    for c in dict.fromkeys(k[0] for k in balance_keys):
        if coms is None or c not in set(coms["commodity"]):
            continue
        line = coms.index[coms["commodity"] == c][0]
        row = coms.loc[line]
        if row["balance"] != "timeslice" or row["kind"] not in ("fuel", "material"):
            continue
        annual = [t.code for t in data.techs.values() if not t.timeslice
                  and (t.outputs.get(c, 0.0) > 0) and t.link is None]
        parts.append(f"{c} (a {row['kind']}) is balanced by timeslice "
                     f"({row_place(line, 'commodities')}, column 'balance'): its supply must "
                     "match its use in every hour"
                     + (f", and {', '.join(repr(a) for a in annual)} supplies it at the "
                        "annual level" if annual else "")
                     + "; a fuel stored or traded over the year has balance annual")
    return "; " + "; ".join(parts) if parts else ""


def iis_hints(pm: Any, rows: list[int], cols: list[int]) -> str:
    """Every input behind an irreducible infeasible subset that the hints below can name.

    Parameters
    ----------
    pm : carbonpath.model.build.PathwayModel
        The built model whose HiGHS copy found the subset.
    rows, cols : list of int
        HiGHS's row and column indices of the subset.

    Returns
    -------
    str
        The hints joined, each starting with "; " (the cause of a bound or balance, the
        annual level, the links into or out of a balance, the demand profile, the observed
        activities), or '' when none applies.
    """
    return (_cause_hint(pm, rows, cols) + _level_hint(pm, rows, cols)
            + _link_hint(pm, rows, cols) + _profile_hint(pm, rows) + _observed_hint(pm, cols))


def _cause_hint(pm: Any, rows: list[int], cols: list[int]) -> str:
    """The inputs behind the subset's bounds and balances (V31, V62, V121), first, or ''."""
    m, h = pm.model, pm.highs
    balance = getattr(m, "balance", None)
    balances = [h.rows[r].index() for r in rows
                if balance is not None and h.rows[r].parent_component() is balance]
    activities = [h.columns[j].index() for j in cols
                  if h.columns[j].parent_component() is m.activity]
    return (balance_level_hint(pm.data, balances)
            + bound_hint(pm.data, activities, list(getattr(pm, "changes", []))))


def _level_hint(pm: Any, rows: list[int], cols: list[int]) -> str:
    """The annual technologies behind annual net flows of the IIS (R13), or ''."""
    from carbonpath.model.base_balance import level_hint

    m, h = pm.model, pm.highs
    keys = [h.rows[r].index() for r in rows
            if h.rows[r].parent_component() is getattr(m, "annual_net_flow_definition", None)]
    keys += [h.columns[j].index() for j in cols
             if h.columns[j].parent_component() is getattr(m, "annual_net_flow", None)]
    return level_hint(pm.data, keys) if keys else ""


def link_hint(data: ModelData, balance_keys: list[Any]) -> str:
    """The ``links.csv`` rows that carry a commodity into or out of the subset's balances (Y62).

    Parameters
    ----------
    data : ModelData
        The model's data (its dataset's ``links`` table, indexed by file line).
    balance_keys : list
        Balance keys of the subset's balance rows and net flows: ``commodity@region`` (or a
        tuple starting with one).

    Returns
    -------
    str
        ``"; links.csv rows carrying these commodities: row 2 'captive_tie' (electricity
        captive <-> city, both ways, loss 0.5) ..."``, or '' for a dataset without links or
        none touching the balances. A link's loss and capacity take part in the balance of
        both regions, so a wrong loss (0.5 for 0.5 %) showed only as the two regions'
        balances; so does a one-way link with its regions swapped (L26), so the direction
        columns are named first.
    """
    links = data.dataset.tables.get("links") if data.dataset is not None else None
    if links is None or links.empty:
        return ""
    keys = {str(k[0] if isinstance(k, tuple) else k) for k in balance_keys}
    found = []
    for line, row in links.iterrows():
        com = row["commodity"]
        ends = {f"{com}@{row['from_region']}", f"{com}@{row['to_region']}"}
        if ends & keys:
            loss = row.get("loss")
            loss = 0 if loss is None else loss
            both = str(row.get("bidirectional")).strip().lower() in ("true", "1", "yes", "1.0")
            arrow = "<->" if both else "->"
            way = "both ways" if both else "one way"
            found.append(f"row {line} '{row['link']}' ({row['commodity']} {row['from_region']} "
                         f"{arrow} {row['to_region']}, {way}, loss {loss:g})")
    if not found:
        return ""
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    return ("; links.csv rows carrying these balances' commodities (check their direction: "
            "columns from_region and to_region, swapped, or bidirectional, as a one-way link "
            "carries nothing back; their loss, a share of the flow; and their capacity): "
            f"{', '.join(found[:5])}{more}")


def _link_hint(pm: Any, rows: list[int], cols: list[int]) -> str:
    """The links into or out of the balances and net flows of the IIS (Y62), or ''."""
    m, h = pm.model, pm.highs
    names = ("balance", "balance_annual", "annual_net_flow_definition")
    parents = {id(getattr(m, n)) for n in names if getattr(m, n, None) is not None}
    keys = [h.rows[r].index() for r in rows if id(h.rows[r].parent_component()) in parents]
    net = getattr(m, "annual_net_flow", None)
    keys += [h.columns[j].index() for j in cols
             if net is not None and h.columns[j].parent_component() is net]
    return link_hint(pm.data, keys) if keys else ""


def _profile_hint(pm: Any, rows: list[int]) -> str:
    """The demand profile behind per-timeslice balance rows of the IIS (B149), or ''."""
    from carbonpath.model.base_balance import profile_hint

    balance = getattr(pm.model, "balance", None)
    keys = [pm.highs.rows[r].index() for r in rows
            if balance is not None and pm.highs.rows[r].parent_component() is balance]
    return profile_hint(pm.data, keys) if keys else ""


def _observed_hint(pm: Any, cols: list[int]) -> str:
    """The parameters.csv rows of observed activities among the IIS's bounds, or ''."""
    from carbonpath.model.base_balance import observed_hint

    activity = pm.model.activity
    keys = [pm.highs.columns[j].index() for j in cols
            if pm.highs.columns[j].parent_component() is activity]
    return observed_hint(pm.data, keys) if keys else ""


def observed_target_text(data: ModelData, target: dict[str, Any]) -> str:
    """Say that a target that cannot be met is set in observed years only, or ''.

    In an observed year (the base year, and any year before ``first_decision_year``) every
    observed activity is fixed to activity.csv, so a target there can only restate what was
    observed: ``nonfossil_share`` 0.2 in the base year 2024 was reported as "20.0% asked,
    2.3% reachable" without saying that no plan could change 2024 (round 27 MC76). A peak
    year is left out (a peak already past, in the base year, is a real reading).

    Parameters
    ----------
    data : ModelData
        The model's data (its observed and decision years).
    target : dict
        One of :attr:`ModelData.targets` (``year``, ``years`` or ``start`` .. ``end``).

    Returns
    -------
    str
        `` (2024 is an observed year ...; valid: a year of 2025 .. 2030 ...)`` or ''.
    """
    if target.get("type") == "peak_year" or not data.observed_years or not data.decision_years:
        return ""
    if target.get("year") is not None:
        years = [target["year"]]
    elif target.get("years"):
        years = list(target["years"])
    elif target.get("end") is not None:
        years = list(range(int(target.get("start", data.years[0])), int(target["end"]) + 1))
    else:
        return ""
    observed = set(data.observed_years)
    if not years or not all(int(y) in observed for y in years):
        return ""
    first, last = data.decision_years[0], data.decision_years[-1]
    said = ", ".join(str(y) for y in years)
    return (f" ({said} {'is an observed year' if len(years) == 1 else 'are observed years'}: "
            "its activity is fixed to activity.csv, so no plan can change it and a target "
            f"there can only restate what was observed; valid: a year of the decision years "
            f"{first} .. {last} (first_decision_year), or a value the observed year reaches)")


def capacity_min_text(key: tuple, short: float, data: ModelData) -> str:
    """Say what a ``min_capacity`` row the stock and the build limits cannot reach asks.

    Round 26 MB68: ``min_capacity`` 13200 MW in 2040 for 1320 MW (x10), with
    ``max_new_capacity`` rows that allow no more than 1320 MW, made the model infeasible,
    and the subset named only model rows (``capacity_min[coal_usc_chp_new,2040]``, bounds
    of ``new_capacity``). :func:`carbonpath.model.diagnose.diagnose_operations` gives the
    row an elastic slack; this names the ``parameters.csv`` row, its value as written, the
    capacity the stock and the build limits reach, and the ``max_new_capacity`` rows.

    Parameters
    ----------
    key : tuple
        ``(technology, year)`` of the ``capacity_min`` row.
    short : float
        The slack: how much the capacity is short of the row, in the technology's
        canonical capacity unit.
    data : ModelData
        The model's data (its dataset's parameters rows are named).

    Returns
    -------
    str
        ``"min_capacity of 'x' in 2040 (parameters.csv row 39: 13200 MW) is 11.88 GW more
        than the stock and the build limits reach (1.32 GW) ..."``.
    """
    from carbonpath.model.terms import _bound_row

    code, year = key[0], key[1]
    tech = data.techs[code]
    unit = tech.capacity_unit
    asked = float(tech.bounds.get("min_capacity", {}).get(year, float("nan")))
    place, written = _bound_row(data, code, "min_capacity", [year])
    where = (f"{place['file']} row {place['row']}" if place.get("row") is not None else
             f"dataset.yaml key {place['key']}" if "key" in place else "parameters.csv")
    row = f"{where}: {written}" if written else (
        f"{where}: none for {year}, the rows around it interpolated")
    params = data.dataset.tables["parameters"] if data.dataset is not None else None
    limits = ""
    if params is not None:
        own = params[(params["technology"] == code)
                     & (params["parameter"] == "max_new_capacity")]
        lines = [str(line_label_of(label)) for label in own.index]
        if lines:
            limits = (f"; what can be built is bounded by the max_new_capacity "
                      f"row{'s' if len(lines) > 1 else ''} {', '.join(lines[:8])}"
                      f"{' ...' if len(lines) > 8 else ''}")
    return (f"min_capacity of '{code}' in {year} ({row}) is {short:.4g} {unit} more than "
            f"the stock and the build limits reach ({asked - short:.4g} {unit} of "
            f"{asked:.4g} {unit} asked){limits}; valid: a min_capacity of at most "
            f"{asked - short:.4g} {unit} in {year} (a unit or digit slip?), or build limits "
            "that allow it")


def line_label_of(label: Any) -> Any:
    """A parameters row's file line (``39``) or its override label as written."""
    from carbonpath.errors import line_label

    return line_label(label)
