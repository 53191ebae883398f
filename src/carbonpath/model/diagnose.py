"""Explain an infeasible pathway model target by target.

For each plan target, one LP finds the best value of that target reachable while every
other target is held: the target's rows get one shared elastic slack (its cost is the only
cost), and the LP minimises the slack. A positive slack means the target cannot be met
together with the others; the report gives the value asked and the value reachable ("2030
non-fossil share: 20% asked, 16.8% reachable"). The LPs run on one separate HiGHS model,
warm from each other. If the model is infeasible even with every target relaxed, the data
themselves are inconsistent and HiGHS's irreducible infeasible subset names the rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import highspy
import numpy as np
import pandas as pd

from carbonpath.model.cause_hints import capacity_min_text, iis_hints, observed_target_text
from carbonpath.model.network import driver_of, target_scope
from carbonpath.model.reachable import parameter, reachable_value
from carbonpath.model.solve import INF, _new_highs
from carbonpath.model.target_levels import remaining_hint, value_place
from carbonpath.model.targets import row_is_active

if TYPE_CHECKING:
    from carbonpath.model.build import PathwayModel

__all__ = ["STATUS_MEANINGS", "diagnose", "diagnose_operations", "diagnosis_lines"]


def _evaluate(pm: PathwayModel, x: np.ndarray,
              regions: set[str] | None = None) -> dict[str, dict[int, float]]:
    """Emissions, energy and non-fossil energy by year at a primal point ``x``.

    ``regions``: energy of these regions' technologies only (None: the whole model).
    """
    d, m, h = pm.data, pm.model, pm.highs
    out: dict[str, dict[int, float]] = {"E": {}, "TE": {}, "NF": {}}
    for y in d.years:
        k = d.year_index[y]
        out["E"][y] = float(x[h.col_of[id(m.emissions[y])]])
        te = nf = 0.0
        for t in d.techs.values():
            if t.storage is not None or (regions is not None and (
                    t.region not in regions or t.link is not None)):
                continue
            j = h.col_of.get(id(m.activity[t.code, y]))
            a = float(x[j]) if j is not None else float(m.activity[t.code, y].lb or 0.0)
            te += t.energy_tce[k] * a
            nf += t.nonfossil_tce[k] * a
        out["TE"][y], out["NF"][y] = te, nf
    return out


def _describe(pm: PathwayModel, name: str, rows: list[Any], slack: float,
              x: np.ndarray | None, h: highspy.Highs | None = None,
              feasible: Any = None) -> tuple[str, str, str, float]:
    """Return (asked, reachable, unit, reachable as a number) in the target's own terms.

    Caps and budgets: the least slack is exact (one level shared by the rows), in Mt. The
    peak year: the least possible largest rise. Every other target with a numeric value
    (shares, cuts, intensities, bounds, and target types added later): the best value
    reachable on the target's own scale (:func:`~carbonpath.model.reachable.reachable_value`).
    """
    target = next(t for t in pm.data.targets if t["name"] == name)
    kind = target["type"]
    if kind in ("cap", "budget"):
        asked = rows[0].constraint_upper
        return (f"{asked / 1e3:.3f}", f"{(asked + slack) / 1e3:.3f}", "Mt",
                (asked + slack) / 1e3)
    uppers = [r.constraint_upper for r in rows]
    if kind == "emission_limits" and uppers and all(np.isfinite(uppers)):
        # one slack shared by the yearly limits: each limit would have to rise by it (kt)
        lo, hi = min(uppers), max(uppers)
        asked = f"{lo / 1e3:.4g}" if lo == hi else f"{lo / 1e3:.4g}..{hi / 1e3:.4g}"
        reach = (f"{(lo + slack) / 1e3:.4g}" if lo == hi
                 else f"{(lo + slack) / 1e3:.4g}..{(hi + slack) / 1e3:.4g}")
        return asked, reach, "Mt", (lo + slack) / 1e3
    if kind == "peak_year":
        return (f"no rise after {pm.peak_year}", f"a rise of {slack / 1e3:.3f} Mt in some year "
                f"after {pm.peak_year}", "", slack / 1e3)
    key = parameter(target)
    if key is not None and x is not None and h is not None and feasible is not None:
        best = reachable_value(pm, h, target, x, feasible)
        if best is not None:
            spec = target[key]
            asked = float(spec["value"] if isinstance(spec, dict) else spec)
            return (_shown(target, key, asked), _shown(target, key, best),
                    _unit_of(target, key), best)
    if x is not None and key is not None:  # a joint conflict: the values at the joint point
        at = _at_point(pm, target, x)
        if at is not None:
            spec = target[key]
            asked = float(spec["value"] if isinstance(spec, dict) else spec)
            return (_shown(target, key, asked), _shown(target, key, at),
                    _unit_of(target, key), at)
    return ("the target's level", f"only {slack:.4g} {rows[0].unit} beyond it",
            rows[0].unit, np.nan)


def _at_point(pm: PathwayModel, target: dict[str, Any], x: np.ndarray) -> float | None:
    """A share or cut target's value at the point ``x`` (None for other types)."""
    kind, d = target["type"], pm.data
    scope = target_scope(d, target)
    values = _evaluate(pm, x, None if scope is None else set(scope[1]))
    if scope is not None:  # a target on some regions: their emissions
        col = pm.highs.col_of
        values["E"] = {y: float(x[col[id(pm.model.regional_emissions[scope[0], y])]])
                       for y in d.years}
    y = target.get("year")
    if kind == "nonfossil_share" and values["TE"][y]:
        return values["NF"][y] / values["TE"][y]
    ref = target.get("relative_to")
    if kind == "reduction" and values["E"][ref]:
        return 1 - values["E"][y] / values["E"][ref]
    gdp = driver_of(d, target, "gdp") if kind.endswith("_intensity") else None
    if kind.endswith("_intensity") and ref in d.year_index and gdp is not None:
        key = "E" if kind == "emission_intensity" else "TE"
        base = values[key][ref] / gdp[d.year_index[ref]]
        if base:
            return 1 - values[key][y] / gdp[d.year_index[y]] / base
    return None


_SHARES = ("nonfossil_share", "min_share", "reduction", "emission_intensity",
           "energy_intensity")


def _shown(target: dict[str, Any], key: str, v: float) -> str:
    """A target's value as its plan states it: a share or cut in %, else with its unit."""
    spec = target[key]
    if isinstance(spec, dict):
        return f"{v:.6g} {spec.get('unit', '')}".strip()
    if target["type"] in _SHARES or ("unit" not in target and 0 <= abs(v) <= 1):
        return f"{v:.1%}"
    return f"{v:.6g}" + (f" {target['unit']}" if "unit" in target else "")


def _unit_of(target: dict[str, Any], key: str) -> str:
    spec = target[key]
    if isinstance(spec, dict):
        return str(spec.get("unit", ""))
    if target["type"] == "reduction" or target["type"].endswith("_intensity"):
        return f"cut from {target.get('relative_to')}"
    return "share" if target["type"] in _SHARES else str(target.get("unit", ""))


#: What each status of the diagnosis table means, in one line (printed under the table).
STATUS_MEANINGS = (
    "met = reachable with every other target held; "
    "cannot be met = out of reach even with every other target held; not the only obstacle "
    "= still infeasible without this target, so others conflict too; not involved = met "
    "once the targets that cannot be met are relaxed; short in a joint "
    "conflict = no single target is to blame, these fall short together")


def _unit(target_type: str) -> str:
    """Unit suffix of a target's asked and reachable values (caps and budgets are in Mt)."""
    return " Mt" if target_type in ("cap", "budget", "emission_limits") else ""


def diagnosis_lines(table: pd.DataFrame) -> list[str]:
    """The diagnosis table of :func:`diagnose` as one readable line per target.

    ``'cap' (cap): asked 1.000 Mt, reachable 2.211 Mt, short by 1.211 Mt - cannot be met``.
    Caps and budgets (asked and reachable in Mt, the slack in kt) give the shortfall in Mt;
    other targets give asked and reachable in their own terms (a share, a cut) and no
    shortfall, whose unit (that of the target's rows) would differ from theirs. Nothing
    unknown is printed as NaN: a target whose values are unknown shows its status alone.
    """
    lines = []
    for r in table.itertuples(index=False):
        head = f"'{r.target}' ({str(r.type).replace('_', ' ')})"
        if not r.asked or r.status == "met":
            lines.append(f"{head}: {r.status}")
            continue
        unit = _unit(r.type)
        text = f"{head}: asked {r.asked}{unit}, reachable {r.reachable}{unit}"
        if unit and r.shortfall_unit == "kt" and pd.notna(r.shortfall):
            text += f", short by {r.shortfall / 1e3:.3f} Mt"
        text += _slip_hint(r.asked, r.reachable, unit) + remaining_hint(
            r.type, r.asked, r.reachable, f"targets.{r.target}.value")
        lines.append(f"{text} - {r.status}")
    return lines


SLIP_SHORT = 3.0
"""Reachable this many times a cap's or budget's level, up to ten: a possible x10 slip (V76);
ten times that up to a hundred: a possible x100 slip (万吨 for Mt, round 28 KD89)."""


def _slip_hint(asked: Any, reachable: Any, unit: str) -> str:
    """`` (4.53 times the level; ten times it ... would be in reach ...)`` or ''.

    Levels in Mt only; a plan short by a third is ambitious, one short by a factor of
    :data:`SLIP_SHORT` to ten is more often a digit or unit slip (2.8 Mt typed for 28), and
    one of ten times that (30 to a hundred) the plan's Mt figure typed in 万吨 (round 28 KD89:
    35 万吨 for 35 Mt, 0.35 Mt asked, 16.8 reachable).
    """
    try:
        level, reach = float(asked), float(reachable)
    except (TypeError, ValueError):
        return ""  # a range of limits ('1..2'), or unknown
    if not unit or level <= 0:
        return ""
    times, said = (10, "ten") if reach <= 10 * level else (100, "a hundred")
    if not SLIP_SHORT * times / 10 * level <= reach <= times * level:
        return ""  # 14 times short: neither slip reaches it, or one overshoots far
    return (f" ({reach / level:.3g} times the level; {said} times it, {times * level:.4g}"
            f"{unit}, would be in reach: {level:g} typed for {times * level:g}"
            + (" (万吨 typed for Mt)" if times == 100 else "")
            + "? check the target's value and unit)")


class _Row:
    def __init__(self, index: int, sense: str, unit: str, upper: float) -> None:
        self.index = index
        self.sense = sense
        self.unit = unit
        self.constraint_upper = upper


def diagnose(pm: PathwayModel, quick: bool = False) -> tuple[pd.DataFrame | None, str]:
    """Explain why ``pm`` is infeasible.

    Three steps, each a warm LP on one separate HiGHS model:

    1. every target relaxed at once: if still infeasible, the data are to blame (no table);
    2. each target relaxed alone, every other held: if that LP is feasible, this target
       cannot be met with the others, and its slack gives the value reachable (status
       ``cannot be met``); if it is still infeasible, other targets conflict without it
       (``not the only obstacle``); when some targets cannot be met, one more LP relaxes
       just those: if it is feasible, the ``not the only obstacle`` targets are met once the
       culprits give way (``not involved``);
    3. if no single target is to blame, all are relaxed together, each slack weighted by the
       size of its right-hand side, and the targets left short name the joint conflict
       (``short in a joint conflict``).

    ``quick=True`` (Monte Carlo samples) bounds the cost to two LPs and the bound test of
    HiGHS's IIS: step 1 only; if the relaxed LP is feasible, the targets left short at its
    solution are reported as in step 3 (``short when all are relaxed``, without the
    single-target LPs of step 2); if it is infeasible, the operating rows are searched (one
    LP) and the full IIS computation, which can take minutes on a large model, is skipped.

    Parameters
    ----------
    pm : PathwayModel
        A built model whose last solve was infeasible.
    quick : bool
        Bound the diagnosis (see above).

    Returns
    -------
    (pandas.DataFrame or None, str)
        One row per target: target, type, status, asked, reachable (in the target's own
        terms: Mt, a share, a cut, a bound in its unit), shortfall and shortfall_unit (the
        slack in the units of the target's rows) and reachable_value (the reachable value as
        a number: Mt for caps, budgets and the peak's largest rise, a fraction for shares
        and cuts, the bound's unit for bounds; NaN if unknown); None when the data are
        infeasible without any target. And a message for the error that names the targets
        to blame.

    Raises
    ------
    ArgumentTypeError
        ``quick`` not a bool (``'no'`` is a true string: round 25 KA83's kind).
    """
    from carbonpath._checks import check_types

    check_types("diagnose", quick=(quick, bool))
    hm = pm.highs
    lp = hm.highs.getLp()
    groups: dict[str, list[_Row]] = defaultdict(list)
    for key, row in pm.target_rows.items():
        con = pm.model.target[key]
        r = hm.row_of.get(id(con))
        if r is None or not row_is_active(con):
            continue
        upper = float(lp.row_upper_[r]) if lp.row_upper_[r] < INF else float("nan")
        groups[row.target].append(_Row(r, row.sense, row.unit, upper))
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    lp.col_cost_ = np.zeros(lp.num_col_)
    lp.offset_ = 0.0
    h.passModel(lp)
    names = list(groups)
    first = lp.num_col_
    scale = {}
    for name in names:
        rows = groups[name]
        idx = np.array([r.index for r in rows], dtype=np.int32)
        vals = np.array([-1.0 if r.sense == "<=" else 1.0 for r in rows])
        h.addCol(0.0, 0.0, 0.0, len(idx), idx, vals)
        bounds = [abs(b) for r in rows for b in (lp.row_lower_[r.index], lp.row_upper_[r.index])
                  if np.isfinite(b) and abs(b) < INF]
        scale[name] = max([1.0, *bounds])

    def solve(relaxed: dict[str, float]) -> np.ndarray | None:
        """Solve with the slacks of ``relaxed`` free (at their cost weights), others at 0.

        Returns the solution, or None if the LP is infeasible.
        """
        for i, other in enumerate(names):
            weight = relaxed.get(other)
            h.changeColBounds(first + i, 0.0, INF if weight is not None else 0.0)
            h.changeColCost(first + i, weight or 0.0)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(h.getSolution().col_value)

    relaxed = solve({n: 1.0 / scale[n] for n in names})
    if relaxed is None:
        return None, diagnose_operations(pm) or _data_infeasible(pm, h, full=not quick)
    if quick:
        return _quick_table(pm, names, groups, scale, first, relaxed)
    records = []
    for j, name in enumerate(names):
        target = next(t for t in pm.data.targets if t["name"] == name)
        x = solve({name: 1.0})
        if x is None:
            records.append([name, target["type"], "not the only obstacle", "", "", np.nan,
                            groups[name][0].unit, np.nan])
            continue
        slack = float(x[first + j])
        short = slack > 1e-6 * scale[name]
        if short:
            asked, reachable, _, value = _describe(pm, name, groups[name], slack, x[:first], h,
                                                   lambda: solve({}) is not None)
        else:
            asked, reachable, _, value = _describe(pm, name, groups[name], slack, None)
            reachable, value = asked, np.nan
        records.append([name, target["type"], "cannot be met" if short else "met", asked,
                        reachable, slack, groups[name][0].unit, value])
    culprits = [r[0] for r in records if r[2] == "cannot be met"]
    others = [r for r in records if r[2] == "not the only obstacle"]
    if culprits and others and solve({n: 1.0 / scale[n] for n in culprits}) is not None:
        for record in others:  # feasible once the culprits give way: not part of the problem
            record[2] = "not involved"
    if not culprits:
        x = solve({n: 1.0 / scale[n] for n in names})
        for j, record in enumerate(records):
            slack = float(x[first + j])
            if slack > 1e-6 * scale[record[0]]:
                asked, reachable, _, value = _describe(pm, record[0], groups[record[0]],
                                                       slack, x[:first])
                record[2:6] = ["short in a joint conflict", asked, reachable, slack]
                record[7] = value
    table = pd.DataFrame(records, columns=["target", "type", "status", "asked", "reachable",
                                           "shortfall", "shortfall_unit", "reachable_value"])
    culprits = table[table["status"] == "cannot be met"]
    joint = table[table["status"] == "short in a joint conflict"]
    by_name = {t["name"]: t for t in pm.data.targets}
    if not culprits.empty:
        parts = [f"'{r.target}' ({r.type.replace('_', ' ')}): {r.asked}{_unit(r.type)} asked, "
                 f"{r.reachable}{_unit(r.type)} reachable"
                 + _slip_hint(r.asked, r.reachable, _unit(r.type))
                 + remaining_hint(r.type, r.asked, r.reachable, value_place(pm.data, r.target))
                 + observed_target_text(pm.data, by_name.get(r.target, {}))
                 for r in culprits.itertuples()]
        message = (f"the pathway is infeasible: {len(culprits)} of {len(table)} target(s) "
                   "cannot be met with every other target held: " + "; ".join(parts))
    elif not joint.empty:
        parts = [f"'{r.target}' ({r.type.replace('_', ' ')}): {r.asked}{_unit(r.type)} asked, "
                 f"{r.reachable}{_unit(r.type)} reachable" for r in joint.itertuples()]
        message = ("the pathway is infeasible: no single target is to blame; these conflict "
                   "jointly (values at the smallest joint shortfall): " + "; ".join(parts))
    else:
        message = ("the pathway is infeasible, although relaxing the targets restores it; "
                   "see the diagnosis table")
    return table, message


def _quick_table(pm: PathwayModel, names: list[str], groups: dict[str, list[_Row]],
                 scale: dict[str, float], first: int,
                 x: np.ndarray) -> tuple[pd.DataFrame, str]:
    """Return the diagnosis of ``diagnose(quick=True)`` from one relaxed solution.

    The targets short at the solution ``x`` of the LP with every target relaxed (slacks
    weighted by their row sizes), and the message naming them.
    """
    records = []
    for j, name in enumerate(names):
        target = next(t for t in pm.data.targets if t["name"] == name)
        slack = float(x[first + j])
        if slack > 1e-6 * scale[name]:
            asked, reachable, _, value = _describe(pm, name, groups[name], slack, x[:first])
            records.append([name, target["type"], "short when all are relaxed", asked,
                            reachable, slack, groups[name][0].unit, value])
        else:
            records.append([name, target["type"], "met when all are relaxed", "", "", slack,
                            groups[name][0].unit, np.nan])
    table = pd.DataFrame(records, columns=["target", "type", "status", "asked", "reachable",
                                           "shortfall", "shortfall_unit", "reachable_value"])
    short = table[table["status"] == "short when all are relaxed"]
    parts = [f"'{r.target}' ({r.type.replace('_', ' ')}): {r.asked}{_unit(r.type)} asked, "
             f"{r.reachable}{_unit(r.type)} reachable" for r in short.itertuples()]
    if not parts:
        return table, ("the pathway is infeasible, although relaxing the targets restores "
                       "it; diagnose(pm) tests each target alone")
    message = ("the pathway is infeasible: with every target relaxed (weighted by its size) "
               "these are left short: " + "; ".join(parts) + " (a quick diagnosis: "
               "diagnose(pm) tests each target alone)")
    return table, message


def _data_infeasible(pm: PathwayModel, h: highspy.Highs, full: bool = True) -> str:
    """Name the rows of an irreducible infeasible subset when the data themselves conflict.

    HiGHS's IIS facility is still developing: the cheap bound test runs first on the solved
    model; if it finds nothing and ``full``, the full computation runs on a copy without
    presolve, with a time limit (which HiGHS's IIS search may overrun by minutes). Whatever
    is found is reported; nothing found leaves the general advice (without ``full``: how to
    get the rows).
    """
    hm = pm.highs
    names: list[str] = []
    rows: list[int] = []
    cols: list[int] = []
    try:
        _, iis = hm.highs.getIis()
        rows, cols = list(iis.row_index_), list(iis.col_index_)
        if full and not rows and not cols:
            full = _new_highs()
            full.setOptionValue("output_flag", False)
            full.passModel(hm.highs.getLp())
            for name, value in (("presolve", "off"), ("iis_strategy", 4), ("time_limit", 60.0)):
                full.setOptionValue(name, value)
            full.run()
            _, iis = full.getIis()
            rows, cols = list(iis.row_index_), list(iis.col_index_)
        names = [hm.rows[r].name for r in rows[:12]]
        names += [f"bounds of {hm.columns[j].name}" for j in cols[:12]]
    except Exception:
        names = []
    text = ("the model is infeasible even with every plan target relaxed, so the data are "
            "inconsistent (check base-year activities against capacities and demands, "
            "potentials and fixed utilisations)")
    if names:
        text += "; these rows and bounds conflict: " + ", ".join(names)
        text += iis_hints(pm, rows, cols)
    elif not full:
        text += ("; the conflicting rows were not searched (HiGHS's irreducible infeasible "
                 "subset can take minutes): build the model with this sample's overrides "
                 "and call carbonpath.model.diagnose.diagnose(model) to name them")
    return text


#: The families of issue 12 an infeasibility can be traced to, and how to say it: the
#: message template gets the row's index and its shortfall in the row's units.
_OPERATING_FAMILIES = {
    "reserve_margin": lambda k, s, d: (
        f"the reserve margin of {k[0]} in {k[1]} needs {s:.3g} GW more firm capacity than "
        "the build limits allow"),
    "min_output": lambda k, s, d: (
        f"the minimum output of '{k[0]}' in {k[1]} ({d.timeslices[k[2]][0]}, block "
        f"{d.timeslices[k[2]][1]}) is {s:.3g} GW more than the balance can take"),
    "full_load_min": lambda k, s, d: (
        f"the minimum full-load hours of '{k[0]}' in {k[1]} ask {s:.4g} GWh/yr more than it "
        "can run"),
    "committed_new": lambda k, s, d: (
        f"the committed project of '{k[0]}' online in {k[1]} is {s:.3g} "
        f"{d.techs[k[0]].capacity_unit} more than the build limits allow"),
    "committed_online": lambda k, s, d: (
        f"the committed capacity of '{k[0]}' in {k[1]} is {s:.3g} "
        f"{d.techs[k[0]].capacity_unit} more than the build limits allow"),
    "ramp_up": lambda k, s, d: (
        f"the ramping limit of '{k[0]}' in {k[1]} is short by {s:.3g} GW (ramping up)"),
    "ramp_down": lambda k, s, d: (
        f"the ramping limit of '{k[0]}' in {k[1]} is short by {s:.3g} GW (ramping down)"),
    "capacity_min": capacity_min_text,  # MB68: the parameters.csv row, not the model row
}


def diagnose_operations(pm: PathwayModel) -> str | None:
    """Name the adequacy, operating or committed-project rows that make the model infeasible.

    One LP on a separate HiGHS model: every plan target dropped, costs zero, and each row
    of the families in :data:`_OPERATING_FAMILIES` (reserve margin, minimum output,
    minimum full-load hours, committed projects, ramping, min_capacity rows) given an
    elastic slack of cost 1.
    If that LP is feasible, the rows left with a slack are to blame, each said in its own
    terms with its shortfall ("the reserve margin of electricity in 2030 needs 1.2 GW more
    firm capacity than the build limits allow"); the largest per family, technology or
    commodity and year.

    Returns
    -------
    str or None
        The message, or None if these families are not the cause (or absent).
    """
    hm, m, d = pm.highs, pm.model, pm.data
    rows = []
    lp = hm.highs.getLp()
    for family in _OPERATING_FAMILIES:
        component = getattr(m, family, None)
        if component is None:
            continue
        for key, con in component.items():
            r = hm.row_of.get(id(con))
            if r is not None:
                rows.append((family, key, r, 1.0 if lp.row_lower_[r] > -INF else -1.0))
    if not rows:
        return None
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    lp.col_cost_ = np.zeros(lp.num_col_)
    lp.offset_ = 0.0
    h.passModel(lp)
    for key in pm.target_rows:
        r = hm.row_of.get(id(m.target[key]))
        if r is not None:
            h.changeRowBounds(r, -INF, INF)
    first = lp.num_col_
    for _, _, r, sign in rows:
        h.addCol(1.0, 0.0, INF, 1, np.array([r], dtype=np.int32), np.array([sign]))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = np.asarray(h.getSolution().col_value)
    worst: dict[tuple, tuple[float, tuple]] = {}
    for j, (family, key, _, _) in enumerate(rows):
        slack = float(x[first + j])
        group = (family, key[0]) + ((key[1],) if family != "capacity_min" else ())
        if slack > 1e-7 and slack > worst.get(group, (0.0, key))[0]:
            worst[group] = (slack, key)
    if not worst:
        return None
    parts = [_OPERATING_FAMILIES[g[0]](key, slack, d)
             for g, (slack, key) in sorted(worst.items(), key=lambda item: -item[1][0])[:8]]
    return "the pathway is infeasible: " + "; ".join(parts)
def explain_unbounded(pm: PathwayModel, cap: float = 1e9) -> str:
    """Name what lets the objective of an unbounded model fall without limit.

    The model is solved twice more with every variable capped at ``cap`` and at ten times
    it (in the model's units): the variables that grow with the cap are the culprits, and
    those of them with a negative cost are the cause (a negative cost with nothing bounding
    the activity, an export that earns more than its supply costs ...).

    Returns
    -------
    str
        A message naming the variables (technology, year) and their costs, or '' if the
        capped model gives no answer.
    """
    hm = pm.highs
    lp = hm.highs.getLp()
    lower, upper = np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)
    points = []
    for c in (cap, 10 * cap):  # what grows with the cap is what the objective rides on
        lp.col_lower_ = np.maximum(lower, -c)
        lp.col_upper_ = np.minimum(upper, c)
        h = _new_highs()
        h.setOptionValue("output_flag", False)
        h.passModel(lp)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return ""
        points.append(np.asarray(h.getSolution().col_value))
    small, large = np.abs(points[0]), np.abs(points[1])
    free = (large > 5 * small) & (large > 1e-3 * cap)
    cost = np.asarray(lp.col_cost_)
    hits = np.flatnonzero(free)
    if not len(hits):
        return ""
    order = sorted(hits, key=lambda j: (cost[j] >= 0, cost[j]))
    described = []
    for j in order[:8]:
        var = hm.columns[j]
        index = var.index()
        index = index if isinstance(index, tuple) else (index,)
        what = var.parent_component().local_name.replace("_", " ")
        tech = pm.data.techs.get(index[0]) if isinstance(index[0], str) else None
        if tech is not None:
            unit = tech.activity_unit if what == "activity" else tech.capacity_unit
            where = f"'{index[0]}'" + (f" in {index[-1]}" if len(index) > 1 else "")
        else:
            unit, where = "unit", ", ".join(str(i) for i in index)
        sign = "negative cost" if cost[j] < 0 else ("no cost" if cost[j] == 0 else "cost")
        described.append(f"{what} of {where} ({sign} {cost[j]:.4g} MCNY per {unit}, "
                         "discounted)")
    causes = [d for d in described if "negative cost" in d]
    head = ("the objective is unbounded: nothing limits "
            + "; ".join(causes or described)
            + (f" (and {len(hits) - 8} more)" if len(hits) > 8 else ""))
    return head + ("; with every variable capped these grow with the cap. Give a negative "
                   "cost an upper bound (max_activity, max_capacity, a demand it serves) or "
                   "make it non-negative; an export needs a bound on what it sells")
