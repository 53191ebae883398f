"""Rules for ``uncertainty.csv``: its keys, physical ranges, slips and correlations.

The key columns of each table an uncertain input may change, the physically possible range
of the values it changes (:func:`_physical`), the check of an absolute input against the row
it replaces (:func:`_far_from_row`) and the reading of ``uncertainty_correlations.csv`` into
a positive semi-definite rank correlation matrix (:func:`_correlation`); used by
:func:`carbonpath.dataset.uncertainty.load_uncertainty`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import is_blank
from carbonpath.errors import CarbonpathWarning, Problem, line_label
from carbonpath.plausibility import is_override

if TYPE_CHECKING:
    from carbonpath.dataset.distributions import Distribution

__all__ = [
    "ALL_KEYS",
    "CORRELATIONS",
    "FILE",
    "KEYS",
    "MAIN_KEY",
    "RELATIVE_CEILING",
    "STEP",
    "WARN_STEP",
    "UncertainRangeWarning",
    "as_changes",
    "centre_of",
    "key_column",
    "rate_problem",
    "relative_bounds",
    "relative_slip",
]

FILE = "uncertainty.csv"
CORRELATIONS = "uncertainty_correlations.csv"

#: Key columns of uncertainty.csv by table (the table's own key columns).
KEYS = {"parameters": ("technology", "parameter", "year"),
        "flows": ("technology", "commodity", "direction"),
        "demands": ("commodity", "region", "year"),
        "drivers": ("driver", "region", "year"),
        "profiles": ("profile", "day", "hour"),
        "emissions": ("technology", "gas", "commodity", "year")}
ALL_KEYS = ("technology", "parameter", "commodity", "direction", "region", "driver", "profile",
            "day", "hour", "gas", "year")
#: The key that must be given for each table.
MAIN_KEY = {"parameters": ("technology", "parameter"), "flows": ("technology",),
            "demands": ("commodity",),
            "drivers": ("driver",), "profiles": ("profile",), "emissions": ("technology",)}


#: Drivers that must stay above zero (GDP divides the intensity targets).
POSITIVE_DRIVERS = ("gdp", "population")
#: The least value of a positive driver (the smallest number that is not zero).
POSITIVE_FLOOR = 1e-12

STEP = 10.0
"""An absolute input whose centre is x10 or more from the row it replaces is a slip."""

WARN_STEP = 5.0
"""An absolute input centred x5 .. x10 from the row it replaces warns (round 26, KB99).

A unit slip of exactly x10 (``300`` in CNY/kW for 300 万元/MW = 3000 CNY/kW) in a planner's
own estimate that is above the dataset's row (3000 against 2800) lands at x0.107, inside the
refused x10; from x5 on, such a slip is caught whenever the estimate is within x2 of the row.
The catalogue's own ranges end at most x3 from their value (its widest: PV's capacity credit
0.05 within 0 .. 0.15), and the bundled datasets' absolute inputs sit within x1.1 of their
rows, so a centre x5 off is no range around the dataset's value. It only warns: a planner
may mean it (a cost the dataset has far wrong)."""


class UncertainRangeWarning(CarbonpathWarning):
    """An ``uncertainty.csv`` range that is probably in another convention (round 26).

    A relative input whose numbers centre below half and stay below 1 reads as changes
    (``0, 0, 0.2`` for +0 .. +20 %, whose multipliers are ``1, 1, 1.2``); an absolute input
    centred :data:`WARN_STEP` times or more from the row it replaces reads as a unit slip.
    The run's ``sensitivity`` (a change) warns the other way round, from 0.7 on
    (:data:`carbonpath.run.SENSITIVITY_WARN`: 0.8 typed for the multiplier of -20 %).
    """


def centre_of(dist: Distribution) -> float | None:
    """The centre of a distribution as written (None if it has none).

    Its mean, else its mode, else the middle of low and high, else the mean of its discrete
    values.
    """
    if dist.mean is not None:
        return float(dist.mean)
    if dist.mode is not None:
        return float(dist.mode)
    if dist.low is not None and dist.high is not None:
        return (dist.low + dist.high) / 2
    if dist.values:
        return float(np.mean(dist.values))
    return None


def _warn_off_row(ratio: float, value: float, selected: pd.DataFrame, table: str, line: int,
                  row: pd.Series) -> None:
    """Warn of an absolute input centred x5 .. x10 from its row (:data:`WARN_STEP`)."""
    from carbonpath.dataset.slips import within_step

    if within_step(ratio, WARN_STEP) or is_override(row.get("plausibility")):
        return
    unit = selected["unit"].iloc[0]
    power = 10.0 if ratio < 1 else 0.1
    size = "larger" if ratio < 1 else "smaller"
    notices.warn(
        f"{FILE} row {line} 'unit': the absolute input '{row['input']}' is centred at "
        f"{ratio * value:.4g} {unit} (in the row's unit), {ratio:.3g} times the {value:g} "
        f"{unit} of {table}.csv row {line_label(selected.index[0])} it replaces; a Monte "
        f"Carlo range normally lies around the dataset's value, so this is probably a unit "
        f"slip: if the numbers are in a unit 10 times {size} "
        f"than '{row['unit']}' (e.g. 万元/MW for CNY/kW), the range would centre on "
        f"{ratio * value * power:.4g} {unit}; if the range is meant, write 'override: "
        "<reason>' in a 'plausibility' column of the row", UncertainRangeWarning,
        stacklevel=5)


def _far_from_row(dist: Distribution, factor: float, value: float, selected: pd.DataFrame,
                  table: str, line: int, row: pd.Series) -> Problem | None:
    """An absolute input centred :data:`STEP` times or more away from the dataset's value.

    The centre is the mean, else the mode, else the middle of low and high, else the mean of
    the discrete values, converted to the row's unit. A kWh for GWh slip (10^6) gives a
    sampled demand that no real city has; ``plausibility: override: <reason>`` accepts it.
    """
    centre = centre_of(dist)
    if centre is None:
        return None
    centre *= factor
    from carbonpath.dataset.slips import within_step

    if value <= 0 or centre <= 0:
        return None
    if within_step(centre / value, STEP):
        _warn_off_row(centre / value, value, selected, table, line, row)
        return None
    problem = Problem(
        f"implausible absolute input: its centre {centre:.4g} {selected['unit'].iloc[0]} (in "
        f"the row's unit) is {centre / value:.3g} times the {value:g} "
        f"{selected['unit'].iloc[0]} of {table}.csv row {line_label(selected.index[0])} it "
        f"replaces (x{STEP:g} or /{STEP:g} or more); probably a unit slip (kWh for GWh)",
        file=FILE, row=line, column="unit", value=row["unit"],
        valid=f"a unit and values near {value:g} {selected['unit'].iloc[0]}; if right, write "
              "'override: <reason>' in a 'plausibility' column of the row")
    return _unless_overridden(problem, row)


def _unless_overridden(problem: Problem, row: pd.Series) -> Problem | None:
    """``problem``, or None with a warning if the row's ``plausibility`` overrides it."""
    if is_override(row.get("plausibility")):
        notices.warn(f"accepted by an explicit plausibility override: {problem}",
                      CarbonpathWarning, stacklevel=5)
        return None
    return problem


RELATIVE_CEILING = 5.0
"""The largest number a relative input may give: a multiplier above x5 (low, mode, high,
mean, sd or a discrete value) is read as a percentage typed for a fraction (120 for 1.2)."""


MULTIPLIER_CENTRE = (0.5, 2.0)
"""Centres that read as multipliers (1.0 = central): numbers centred here are not offered
the per-cent change reading of :func:`as_changes` (round 31, KG07: mean 1.0, sd 0.5 is not
+1 %, sd 0.5 %)."""


def as_changes(dist: Distribution, per: float = 1.0) -> str | None:
    """The multipliers a relative input's numbers give if they are changes, else None.

    Numbers whose centre (:func:`centre_of`) is below half of ``per`` and whose largest is
    below ``per`` read as changes from the dataset's value (``-0.2, 0, 0.2`` or, with
    ``per=100``, ``-20, 0, 20`` for -20 %, central, +20 %); the multipliers are then
    ``1 + x / per`` (an ``sd`` is ``sd / per``). With ``per`` other than 1, numbers centred in
    :data:`MULTIPLIER_CENTRE` (0.5 .. 2) read as multipliers, never as per-cent changes.

    Returns
    -------
    str or None
        ``"low 0.8, mode 1, high 1.2"`` (the fields given), or None if the numbers read as
        multipliers.
    """
    fields = [(k, getattr(dist, k)) for k in ("low", "mode", "high", "mean")]
    given = [(k, v) for k, v in fields if v is not None] + [("values", v) for v in dist.values]
    centre = centre_of(dist)
    if not given or centre is None or centre >= per / 2 or max(v for _, v in given) >= per:
        return None
    if per != 1.0 and MULTIPLIER_CENTRE[0] <= centre <= MULTIPLIER_CENTRE[1]:
        return None  # round 31 KG07: mean 1.0 is the central multiplier, not a +1 % change
    shown = [f"{k} {1 + v / per:.4g}" for k, v in fields if v is not None]
    if dist.sd is not None:
        shown.append(f"sd {dist.sd / per:.4g}")
    if dist.values:
        shown.append("values " + " ".join(f"{1 + v / per:.4g}" for v in dist.values))
    return ", ".join(shown)


def relative_bounds(dist: Distribution, floor: float, ceiling: float, value: float) -> str:
    """What is valid for a relative input outside the physical range (round 26, KB24).

    The range is given as multipliers of the row's ``value`` (``floor / value`` ..
    ``ceiling / value``), with what a multiplier is, and the multipliers of the change
    reading (:func:`as_changes`) when the numbers read as changes (``-0.2, 0, 0.2``).
    """
    ends = sorted((floor / value, ceiling / value)) if value else (floor, ceiling)
    text = (f"multipliers of the row's {value:g} in [{ends[0]:g}, {ends[1]:g}]: a relative "
            "input multiplies the row (0.8, 1.0, 1.2 for -20 %, central, +20 %)")
    changes = as_changes(dist) or as_changes(dist, 100.0)
    if changes:
        text += f"; as changes from the row these numbers are the multipliers {changes}"
    return text


def relative_slip(dist: Distribution, row: pd.Series, line: int, what: str = "the row's value",
                  central: tuple[float, ...] = ()) -> Problem | None:
    """A relative input whose numbers look like percentages or changes, not multipliers.

    A relative input multiplies the rows it selects (1 = central, 1.2 = +20 %). Any of its
    low, mode, high, mean, sd or discrete values above :data:`RELATIVE_CEILING` is refused,
    whatever the distribution: ``70, 100, 120`` for ``0.7, 1.0, 1.2`` would multiply a cost by
    about 100. ``plausibility: override: <reason>`` accepts it (with a warning).

    Numbers that centre below 0.5 and stay below 1 read as changes (round 26, KB24b:
    ``0, 0, 0.2`` for +0 .. +20 %, which multiplies a cost by 0 .. 0.2): they warn
    (:class:`UncertainRangeWarning`, naming the line and the multipliers of the change
    reading, :func:`as_changes`), since a cut below half of every selected value may be
    meant. Ranges around 1 (every one ``carbonpath init`` writes) stay quiet.

    Parameters
    ----------
    dist : Distribution
        The input's distribution (already read).
    row : pandas.Series
        Its ``uncertainty.csv`` row (needs ``plausibility`` if given).
    line : int
        Its line in ``uncertainty.csv``.
    what : str
        What the input changes, for the warning (``pv_utility capex``).
    central : tuple of float
        The selected rows' values (for the warning's numbers).

    Returns
    -------
    Problem or None
        The first field above the ceiling, naming file, line, column and value.
    """
    fields = [(k, getattr(dist, k)) for k in ("low", "mode", "high", "mean", "sd")]
    fields += [("values", v) for v in dist.values]
    for column, value in fields:
        if value is not None and value > RELATIVE_CEILING:
            changes = as_changes(dist, 100.0)
            hint = (f"; or, since they centre near 0 rather than 100, changes in per cent, "
                    f"whose multipliers are {changes}" if changes else "")
            problem = Problem(
                f"a relative input multiplies the row's value (1 = central, 1.2 = +20 %), but "
                f"its {column} {value:g} would multiply it by {value:g}: probably a percentage "
                f"typed for a fraction ({value:g} for {value / 100:g}){hint}", file=FILE,
                row=line, column=column, value=value,
                valid=f"fractions up to {RELATIVE_CEILING:g} (e.g. 0.7, 1.0, 1.2); if right, "
                      "write 'override: <reason>' in a 'plausibility' column of the row")
            return _unless_overridden(problem, row)
    changes = as_changes(dist)
    if changes is not None and not is_override(row.get("plausibility")):
        lo, hi = dist.support()
        c = next((v for v in central if v), None)
        example = f" ({c * lo:.4g} .. {c * hi:.4g} for {c:.4g})" if c is not None else ""
        cut = (f", so every sample takes it to {lo:g} .. {hi:g} times its value{example}"
               if math.isfinite(lo) and math.isfinite(hi) else "")
        notices.warn(
            f"{FILE} row {line}: the relative input '{row['input']}' multiplies {what}, but "
            f"its numbers centre on {centre_of(dist):g} and stay below 1{cut}; if they are "
            "changes from the "
            f"dataset's value, the multipliers are {changes}; if the cut is meant, write "
            "'override: <reason>' in a 'plausibility' column of the row",
            UncertainRangeWarning, stacklevel=4)
    return None


def _last_key(row: pd.Series, table: str) -> str:
    given = [k for k in KEYS[table] if row.get(k) is not None]
    return given[-1] if given else KEYS[table][0]


def unmatched_key(dataset: Any, target: pd.DataFrame, row: pd.Series,
                  table: str) -> tuple[str, str]:
    """The key column of an uncertainty row that selects no row, and what would (X20).

    The keys are applied in the table's order (technology before parameter); the first one
    after which no row is left is the column to name, with the closest value the rows left
    by the keys before it hold (``did you mean pv_utility?``) and a few of those values.

    Returns
    -------
    (str, str)
        The column and the ``valid`` text of the problem.
    """
    from carbonpath.codes import closest_choice

    mask = np.ones(len(target), dtype=bool)
    before: list[str] = []
    for key in KEYS[table]:
        given = row.get(key)
        if given is None:
            continue
        column = key_column(dataset, target, key)
        here = mask & (column == given).to_numpy()
        if not here.any():
            if key == "year" and not any(is_blank(v) for v in column[mask]):  # KE18
                return key, _year_valid(dataset, target[mask], given, table, row)
            values = sorted({str(v) for v in column[mask] if not is_blank(v)})
            near = closest_choice(given, values)
            shown = ", ".join(values[:12]) + (", ..." if len(values) > 12 else "")
            where = (f"the rows of {table}.csv with {', '.join(before)}" if before
                     else f"{table}.csv")
            blank = sum(is_blank(v) for v in column[mask])
            if blank:  # round 23 F109: a blank key cell holds for every value of the key
                rows = "its row" if blank == 1 else f"{blank} of its rows"
                return key, ((f"did you mean {near}? " if near else "")
                             + f"{key} values in {where}: {shown or 'none'}; {rows} there "
                             f"{'has' if blank == 1 else 'have'} a blank {key} (every {key}): "
                             f"leave {key} blank to select {'it' if blank == 1 else 'them'}")
            return key, ((f"did you mean {near}? " if near else "")
                         + f"{key} values in {where}: {shown or 'none'}")
        mask = here
        before.append(f"{key}={given}")
    return _last_key(row, table), f"keys of rows that exist in {table}.csv"


def _year_valid(dataset: Any, left: pd.DataFrame, given: Any, table: str,
                row: pd.Series) -> str:
    """What is valid for a ``year`` that selects none of the rows ``left`` (round 29 KE18).

    A year between two rows' years has no row: its value is interpolated, so the text says
    to add a row for it. The years offered leave out the base year where it is refused
    (demands and the grid emission factor are observed there).
    """
    years = sorted({int(y) for y in left["year"] if not is_blank(y)})
    observed = table == "demands" or row.get("driver") == "grid_emission_factor"
    usable = [y for y in years if not (observed and y <= dataset.base_year)]
    shown = ", ".join(map(str, usable)) or "none"
    try:
        year = float(given)
    except (TypeError, ValueError):
        return f"a year with a row in {table}.csv: {shown}"
    below = [y for y in years if y < year]
    above = [y for y in years if y > year]
    if below and above:
        lines = {int(y): line_label(i) for i, y in left["year"].items() if not is_blank(y)}
        return (f"{year:g} lies between the {table}.csv rows of {below[-1]} (line "
                f"{lines[below[-1]]}) and {above[0]} (line {lines[above[0]]}), so its value is "
                f"interpolated and no row holds it: to sample {year:g}, add a {year:g} row to "
                f"{table}.csv; or sample a year that has a row: {shown}")
    return f"a year with a row in {table}.csv: {shown}"


def _physical(dataset: Any, table: str, row: pd.Series,
              unit: str | None = None) -> tuple[float, float, str]:
    """The physically possible range of the values an input changes (dataset/domains.py).

    A driver with an absolute range (:data:`carbonpath.dataset.absolute.DRIVER_RANGES`, e.g.
    a grid emission factor of 0 .. 1.5 t CO2/MWh) is held to it, converted to ``unit`` (the
    changed rows' unit), as the loader holds a drivers.csv row.
    """
    from carbonpath.dataset.absolute import DRIVER_RANGES
    from carbonpath.dataset.absolute import _factor as unit_converts
    from carbonpath.dataset.domains import domain_of

    if table == "drivers" and row["driver"] in POSITIVE_DRIVERS:  # a ratio's denominator
        return POSITIVE_FLOOR, math.inf, row["driver"]
    bound = DRIVER_RANGES.get(row["driver"]) if table == "drivers" else None
    f = None if bound is None or unit is None else unit_converts(unit, bound.unit)
    if bound is not None and f:
        return bound.low / f, bound.high / f, (f"{row['driver']} (no real city or province "
                                               f"leaves {bound.low:g} .. {bound.high:g} "
                                               f"{bound.unit}: {bound.basis})")
    if table == "emissions":
        return 0.0, math.inf, f"emission factor of {row['technology']}"
    domain, what = domain_of(dataset.tables, table, row)
    low = 1e-12 if domain.low_open and domain.low == 0 else domain.low  # above zero
    return low, domain.high, what


def _correlation(frame: pd.DataFrame | None, groups: tuple[str, ...],
                 problems: list[Problem]) -> np.ndarray:
    from carbonpath.codes import closest_choice

    n = len(groups)
    matrix = np.eye(n)
    if frame is None:
        return matrix
    index = {g: i for i, g in enumerate(groups)}
    seen: dict[tuple[int, int], int] = {}
    for line, row in frame.iterrows():
        a, b, rho = row["group"], row["other"], row["rank_correlation"]
        bad = False
        for col, name in (("group", a), ("other", b)):
            if name not in index:  # round 31 KG30: the did-you-mean uncertainty.csv gives
                near = closest_choice(str(name), list(groups))
                valid = ", ".join(groups) or "groups of uncertainty.csv"
                problems.append(Problem(f"unknown group '{name}'", file=CORRELATIONS, row=line,
                                        column=col, value=name,
                                        valid=(f"did you mean {near}? " if near else "")
                                        + valid))
                bad = True
        if bad:
            continue
        if a == b:
            problems.append(Problem("a group's correlation with itself is 1", file=CORRELATIONS,
                                    row=line, column="other", value=b))
            continue
        if rho is None or not -1 <= rho <= 1:
            problems.append(Problem("a rank correlation is in [-1, 1]", file=CORRELATIONS,
                                    row=line, column="rank_correlation", value=rho,
                                    valid="-1 .. 1"))
            continue
        i, j = sorted((index[a], index[b]))
        if (i, j) in seen:
            problems.append(Problem(f"the pair {a}, {b} is given twice (also line {seen[i, j]})",
                                    file=CORRELATIONS, row=line, column="group"))
            continue
        seen[(i, j)] = line
        matrix[i, j] = matrix[j, i] = rho
    if n and not problems:
        smallest = float(np.linalg.eigvalsh(matrix).min())
        if smallest < -1e-10:
            problems.append(Problem(
                f"the rank correlation matrix of the groups is not positive semi-definite "
                f"(smallest eigenvalue {smallest:.3g}): no joint distribution has these "
                "correlations", file=CORRELATIONS, column="rank_correlation",
                valid="correlations that are consistent (e.g. A~B 0.9 and B~C 0.9 need A~C "
                      "well above 0)"))
    return matrix


def key_column(dataset: Any, frame: pd.DataFrame, key: str) -> pd.Series:
    """A key column of a dataset table as ``uncertainty.csv`` compares it with its keys.

    A blank ``region`` is the dataset's default (first) region, so ``region: <default>``
    selects the rows that leave their region blank.

    Parameters
    ----------
    dataset : carbonpath.Dataset
    frame : pandas.DataFrame
        A table of the dataset (one row per file line).
    key : str
        One of its key columns.

    Returns
    -------
    pandas.Series
        The column (the frame's index).
    """
    column = frame[key]
    if key != "region":
        return column
    default = dataset.regions[0]
    return column.map(lambda v: default if is_blank(v) else v)


def rate_problem(dataset: Any, selected: pd.DataFrame, ends: tuple[float, float],
                 relative: bool, line: int) -> Problem | None:
    """A sampled fossil fuel input rate that implies an impossible efficiency.

    The dataset's own rule (:func:`carbonpath.dataset.slips._rates`: the output energy per
    fossil input energy of a technology lies in :data:`carbonpath.dataset.slips.EFFICIENCY`,
    5 % .. 100 %) is applied to the selected ``flows.csv`` rows at both ends of the input's
    distribution; an efficiency above 100 % is physically impossible, one below 5 % a slip.
    Rows whose ``plausibility`` column overrides the rule in the dataset are not checked.

    Parameters
    ----------
    dataset : carbonpath.Dataset
    selected : pandas.DataFrame
        The ``flows.csv`` rows the input changes.
    ends : (float, float)
        The smallest and largest number the distribution gives (finite).
    relative : bool
        True: the numbers multiply each row's value; False: they replace it (in the row's
        unit).
    line : int
        The input's line in ``uncertainty.csv``.

    Returns
    -------
    Problem or None
        The first finding, naming ``uncertainty.csv``, the line and the end (``low`` or
        ``high``) that breaks the rule.
    """
    from carbonpath.dataset.slips import _rates

    tables = dataset.tables
    checked = selected[[not is_override(v) for v in selected.get(
        "plausibility", pd.Series(None, index=selected.index))]]
    if checked.empty:
        return None
    for column, end in zip(("low", "high"), ends, strict=True):
        flows = tables["flows"].copy()  # a technology's carriers are judged together (MB57)
        for index, value in checked["value"].items():  # (not `line`: the input's row)
            flows.at[index, "value"] = float(value) * end if relative else end
        found = [(p, rows) for p, rows in _rates({
            "technologies": tables["technologies"], "commodities": tables["commodities"],
            "flows": flows}) if not any(is_override(r.get("plausibility")) for r in rows)]
        if found:
            problem = found[0][0]
            return Problem(f"at the {column} end of its distribution ({end:g}"
                           f"{' x the row' if relative else ''}), flows.csv row "
                           f"{problem.row}: {problem.message}", file=FILE, row=line,
                           column=column, value=end,
                           valid=f"a range whose rates stay within {problem.valid}")
    return None


def warn_lone_groups(inputs: Sequence[Any]) -> None:
    """Warn of a group of one input spelled like a group of several (round 27, KC74).

    Inputs of one ``group`` are drawn together (one draw moves them all); a group name typed
    with a slip (``demand_grwoth`` among 207 rows of ``demand_growth``) makes a group of its
    own, drawn on its own, and the path of that input zig-zags against the rest. A group of
    one whose name is not its input's and is one slip from a group of two or more (one
    letter added, dropped, changed or two swapped, or case and separators: :func:`_one_slip`;
    ``bus_bev_fixed_om`` beside ``car_bev_fixed_om`` is three letters off and quiet) warns
    with :class:`UncertainRangeWarning`, naming the row and the group meant. A lone group
    with another name stays quiet.

    Parameters
    ----------
    inputs : sequence of UncertainInput
        The file's inputs (``name``, ``group``, ``line``).
    """
    members: dict[str, list[Any]] = {}
    for spec in inputs:
        members.setdefault(spec.group, []).append(spec)
    shared = [g for g, at in members.items() if len(at) > 1]
    for group, at in members.items():
        if len(at) != 1 or group == at[0].name or not shared:
            continue
        near = next((g for g in shared if _one_slip(group, g)), None)
        if near is None:
            continue
        notices.warn(
            f"{FILE} row {at[0].line} 'group': input '{at[0].name}' is the only one of group "
            f"'{group}', spelled like group '{near}' of {len(members[near])} inputs; it is "
            f"drawn on its own, not with '{near}'; if it belongs there, write '{near}'",
            UncertainRangeWarning, stacklevel=3)


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (different) differ by case and separators or one edit.

    One edit is a letter added, dropped or changed, or two neighbouring letters swapped.
    """
    def norm(t: str) -> str:
        """``t`` lower-cased without spaces, ``_`` or ``-``."""
        return "".join(t.lower().replace("_", " ").replace("-", " ").split())
    a, b = norm(a), norm(b)
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return (a[i + 1:] == b[i + 1:]
                or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]))
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]
