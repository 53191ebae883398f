"""Regions, region groups and links of a dataset: reading and checking them.

A dataset may hold several regions (a province's cities, a city and the rest of its
province, a captive plant and its smelter beside the public grid). ``dataset.yaml`` lists
them under ``regions`` (lower_snake_case codes; the first is the default region) and may
name groups of them under ``region_groups``. Without ``regions`` the dataset is one region,
named after the dataset, and nothing else changes.

Technologies and demands belong to a region through an optional ``region`` column (blank =
the default region); everything that belongs to a technology (parameters, residual capacity,
flows) belongs to its region. Commodities balance per (commodity, region).

``links.csv`` (optional) declares links that move a commodity from one region to another:
a loss share, an optional time-of-use shape of the tariff, and capacity units. A link's
numbers (``residual_capacity``, ``capex``, ``lifetime``, ``variable_cost`` as the tariff,
``max_capacity`` ...) are rows of ``parameters.csv`` keyed by the link's code, checked like
any technology's.

Plan targets of emissions (``peak_year``, ``cap``, ``reduction``, ``budget``,
``emission_intensity``) and of energy (``energy_cap``, ``energy_intensity``,
``nonfossil_share``, ``coal_cap``, ``energy_intensity_adjusted``,
``nonfossil_share_convention``) may name a ``region``: a region, a group, or a list of
regions.
``drivers.csv`` may give ``gdp`` and ``population`` by region (an optional ``region``
column) for regional intensity targets.

Every problem is reported with file, row (or key) and column, and what would be valid.

A listed region that no technology and no demand belongs to (round 21, L97) is warned of
(:class:`EmptyRegionWarning`): the order of ``regions`` decides where every blank
``region`` cell goes, so ``[captive, city]`` for ``[city, captive]`` moved 88 of
Liaocheng's 94 technologies and its demands to ``captive`` and left ``city`` empty, with
the totals unchanged and each region's emissions wrong. A region kept empty on purpose
(a placeholder) is possible, hence a warning, naming the first region and what it took.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from carbonpath.dataset import notices
from carbonpath.dataset.tables import annual_balance, closest
from carbonpath.errors import CarbonpathWarning, Problem

__all__ = [
    "LINK_LOSS_MAX",
    "REGIONAL_TABLES",
    "REGIONAL_TARGETS",
    "EmptyRegionWarning",
    "check_config",
    "check_tables",
    "check_target",
    "link_rows",
    "region_groups",
    "regions",
    "target_regions",
    "warn_empty_regions",
]

LINK_LOSS_MAX = 0.2
"""The largest share of a link's flow it may lose (Y62). Power lines and ties lose a few
per cent (China's grid line loss was about 5 % of supply in the 2020s: NEA statistics;
recalled), heat networks about 5-15 %, pipelines less; a larger share is a percentage typed as
a share (0.5 for 0.5 %), refused."""

REGIONAL_TABLES = ("technologies", "demands", "drivers")
"""Tables with an optional ``region`` column (blank = the default region)."""

REGIONAL_TARGETS = ("peak_year", "cap", "reduction", "budget", "emission_intensity",
                    "energy_cap", "energy_intensity", "nonfossil_share", "coal_cap",
                    "energy_intensity_adjusted", "nonfossil_share_convention")
"""Target types that may name a region or a group of regions."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


class EmptyRegionWarning(CarbonpathWarning):
    """A listed region holds no technology and no demand (the regions reordered? L97)."""


def regions(config: dict[str, Any], name: str) -> list[str]:
    """The dataset's regions: ``dataset.yaml`` ``regions``, else one region named ``name``.

    Parameters
    ----------
    config : dict
        The checked ``dataset.yaml``.
    name : str
        The dataset's name (the implicit region of a one-region dataset).

    Returns
    -------
    list of str
        Region codes; the first is the default region of rows whose region is blank.
    """
    given = config.get("regions")
    return [str(r) for r in given] if given else [name]


def region_groups(config: dict[str, Any]) -> dict[str, list[str]]:
    """The named groups of regions of ``dataset.yaml`` (``region_groups``), possibly empty."""
    return {str(k): [str(r) for r in v] for k, v in (config.get("region_groups") or {}).items()}


def check_config(config: dict[str, Any], problems: list[Problem]) -> None:
    """Check ``regions`` and ``region_groups`` of ``dataset.yaml``.

    ``regions`` must be a non-empty list of unique lower_snake_case codes; every group a list
    of known regions, its name not a region's.
    """
    file = "dataset.yaml"
    given = config.get("regions")
    known: list[str] = []
    if given is not None:
        if not isinstance(given, list) or not given:
            problems.append(Problem("regions must be a non-empty list of region codes",
                                    file=file, key="regions", value=given,
                                    valid="e.g. regions: [city, captive]"))
        else:
            for i, region in enumerate(given):
                if not isinstance(region, str) or not _CODE.match(region):
                    problems.append(Problem(f"'{region}' is not a lower_snake_case region code",
                                            file=file, key=f"regions[{i}]", value=region,
                                            valid="e.g. liaocheng, rest_of_province"))
                elif region in known:
                    problems.append(Problem(f"region '{region}' is listed twice", file=file,
                                            key=f"regions[{i}]", value=region))
                else:
                    known.append(region)
    groups = config.get("region_groups")
    if groups is None:
        return
    if not isinstance(groups, dict):
        problems.append(Problem("region_groups must map a group name to a list of regions",
                                file=file, key="region_groups", value=groups,
                                valid="e.g. region_groups: {province: [city, rest]}"))
        return
    if given is None:
        problems.append(Problem("region_groups needs the regions they group", file=file,
                                key="region_groups", valid="a regions: [...] list"))
        return
    for name, members in groups.items():
        where = f"region_groups.{name}"
        if not isinstance(name, str) or not _CODE.match(name):
            problems.append(Problem(f"'{name}' is not a lower_snake_case group name", file=file,
                                    key=where, value=name))
        elif name in known:
            problems.append(Problem(f"group '{name}' has the name of a region", file=file,
                                    key=where, valid="a name that is not a region's"))
        if not isinstance(members, list) or not members:
            problems.append(Problem("a group is a non-empty list of regions", file=file,
                                    key=where, value=members, valid=", ".join(known)))
            continue
        for i, member in enumerate(members):
            if member not in known:
                problems.append(Problem(f"group '{name}': unknown region '{member}'",
                                        file=file, key=where, value=member,
                                        valid=closest(str(member), set(known))))
            elif member in members[:i]:
                problems.append(Problem(f"group '{name}': region '{member}' is listed twice",
                                        file=file, key=f"{where}[{i}]", value=member,
                                        valid="each region once"))


def link_rows(links: pd.DataFrame) -> pd.DataFrame:
    """Links as technology-like rows (technology, kind, capacity_unit, activity_unit).

    Used to check the ``parameters.csv`` rows of links like those of technologies (their
    units follow the link's capacity and activity units).
    """
    return pd.DataFrame({"technology": links["link"], "kind": "link", "level": "",
                         "capacity_unit": links["capacity_unit"],
                         "activity_unit": links["activity_unit"]}, index=links.index)


def check_tables(tables: dict[str, pd.DataFrame], config: dict[str, Any], name: str,
                 problems: list[Problem], same_dimension: Any) -> None:
    """Check the region columns and ``links.csv`` against the dataset's regions.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The read tables (``links`` optional).
    config : dict
        ``dataset.yaml``.
    name : str
        The dataset's name (its implicit region).
    problems : list of Problem
        Collector.
    same_dimension : callable
        ``(unit, expected) -> bool``, the loader's dimension check.
    """
    known = regions(config, name)
    drivers = tables["drivers"]
    for line, row in drivers.iterrows():
        if row["region"] and row["driver"] not in ("gdp", "population"):
            problems.append(Problem(f"driver '{row['driver']}' is one series for the dataset",
                                    file="drivers.csv", row=line, column="region",
                                    value=row["region"], valid="blank (gdp and population "
                                    "may be given by region)"))
    declared = bool(config.get("regions"))
    undeclared = _undeclared(name)
    for table in REGIONAL_TABLES:
        frame = tables[table]
        for line, region in frame["region"].items():
            if region and region not in known:
                problems.append(unknown_region(region, f"{table}.csv", line, "region", config,
                                               name))
    _check_default_spellings(tables, known[0], problems)
    links = tables.get("links")
    if links is None:
        return
    file = "links.csv"
    if not declared:  # one problem, not one per region cell
        named = list(dict.fromkeys([*links["from_region"], *links["to_region"]]))
        problems.append(Problem(
            f"links.csv joins regions, but {undeclared}", file="dataset.yaml", key="regions",
            valid=f"a regions list naming every region of links.csv, e.g. regions: "
                  f"[{', '.join(map(str, named))}]"))
        return
    com = tables["commodities"].drop_duplicates("commodity").set_index("commodity")
    techs = set(tables["technologies"]["technology"])
    profiles = set(tables["profiles"]["profile"])
    for line, code in links["link"][links["link"].duplicated(keep=False)].items():
        problems.append(Problem(f"duplicate link '{code}'", file=file, row=line, column="link"))
    for line, row in links.iterrows():
        if row["link"] in techs:
            problems.append(Problem(f"link '{row['link']}' has the code of a technology",
                                    file=file, row=line, column="link",
                                    valid="a code that no technology uses"))
        for column in ("from_region", "to_region"):
            if row[column] not in known:
                problems.append(unknown_region(row[column], file, line, column, config, name))
        if row["from_region"] == row["to_region"]:
            problems.append(Problem("a link joins two different regions", file=file, row=line,
                                    column="to_region", value=row["to_region"]))
        loss = row["loss"]
        if loss is not None and not 0 <= loss <= LINK_LOSS_MAX:  # Y62: 0.5 typed for 0.5 %
            slip = (f"; a percentage typed as a share? ({loss:g} % is {loss / 100:g})"
                    if 0 < loss < 100 else "")
            problems.append(Problem(
                f"a link's loss is the share of its flow lost on the way, and no line, pipeline "
                f"or tie loses more than {LINK_LOSS_MAX:.0%} of it{slip}", file=file,
                row=line, column="loss", value=loss,
                valid=f"0 <= loss <= {LINK_LOSS_MAX:g} (0.01 for 1 %)"))
        for column in ("availability_profile", "price_profile"):
            if row[column] and row[column] not in profiles:
                problems.append(Problem(f"unknown profile '{row[column]}'", file=file, row=line,
                                        column=column, valid=closest(row[column], profiles)))
        if row["commodity"] not in com.index:
            problems.append(Problem(f"unknown commodity '{row['commodity']}'", file=file,
                                    row=line, column="commodity",
                                    valid=closest(str(row["commodity"]), set(com.index))))
            continue
        unit = com.loc[row["commodity"], "unit"]
        if com.loc[row["commodity"], "balance"] == "timeslice":
            cap, act = "MW", "MWh"
        else:
            cap, act = f"({unit}) / yr", unit
            for column in ("availability_profile", "price_profile"):
                if row[column]:  # D56: the commodity's balance row named too
                    why, valid = annual_balance(tables["commodities"], row["commodity"])
                    problems.append(Problem(f"{column} needs a timeslice commodity: {why}",
                                            file=file, row=line, column=column,
                                            value=row[column],
                                            valid=f"blank for an annual commodity, or {valid}"))
        if row["counted"] and com.loc[row["commodity"], "kind"] != "electricity":
            problems.append(Problem("only a link of electricity can count as trade in the "
                                    "regions' emissions", file=file, row=line, column="counted",
                                    valid="false for a link of "
                                    f"{com.loc[row['commodity'], 'kind']}"))
        for column, expected in (("capacity_unit", cap), ("activity_unit", act)):
            if not same_dimension(row[column], expected):
                problems.append(Problem(f"a link of {row['commodity']} needs a {column} like "
                                        f"{expected}", file=file, row=line, column=column,
                                        value=row[column], valid=expected))
    codes = set(links["link"])
    for line, code in tables["flows"]["technology"].items():
        if code in codes:
            problems.append(Problem(f"'{code}' is a link: its flows come from links.csv "
                                    "(commodity, loss)", file="flows.csv", row=line,
                                    column="technology"))
    emissions = tables.get("emissions")
    for line, code in ([] if emissions is None else emissions["technology"].items()):
        if code in codes:
            problems.append(Problem(f"'{code}' is a link, which carries no emissions",
                                    file="emissions.csv", row=line, column="technology",
                                    valid="a technology (a market's import or export for the "
                                    "factor of traded electricity)"))


def _check_default_spellings(tables: dict[str, pd.DataFrame], default: str,
                             problems: list[Problem]) -> None:
    """One series written both with a blank region and with the default region (P44, P45).

    A blank region is the default region, so rows ``aluminium,,2023`` and
    ``aluminium,city,2030`` (``city`` first in ``regions``) are one series; the model read
    them as two and kept one (the explicit rows were dropped, silently). Refused, naming the
    rows of both spellings, for demands (per commodity) and drivers (per driver).
    """
    for table, key in (("demands", "commodity"), ("drivers", "driver")):
        frame = tables.get(table)
        if frame is None or frame.empty or "region" not in frame:
            continue
        region = frame["region"].fillna("").astype(str).str.strip()
        for name, group in frame.groupby(key, sort=False):
            where = region.loc[group.index]
            blank, named = group.index[where == ""], group.index[where == default]
            if len(blank) and len(named):
                problems.append(Problem(
                    f"{key} '{name}': {_rows(blank)} leave{'s' if len(blank) == 1 else ''} the "
                    "region blank "
                    f"(the default region '{default}', first in dataset.yaml's regions) and "
                    f"{_rows(named)} name{'s' if len(named) == 1 else ''} '{default}': one "
                    "series written two ways, which the model cannot join", file=f"{table}.csv",
                    row=named[0], column="region", value=default,
                    valid=f"the same region cell in every row of the series (all blank or all "
                          f"'{default}'), one row per year"))


def unknown_region(region: Any, file: str, line: Any, column: str, config: dict[str, Any],
                   name: str) -> Problem:
    """The problem of a ``region`` cell naming no region of the dataset (MA147, MB20).

    Both a lower_snake_case code (``heze``) and a cell that is no code at all
    (``CN-SD-Heze``) get it. On a one-region dataset it says that the dataset is one
    region, named after its folder, and that the cell is to be left blank (or the
    ``region`` column left out); a cell holding ``dataset.yaml``'s own ``region:`` (the
    code the emission factors are looked up by, such as ``CN-SD-Liaocheng``) is told so,
    since that code is no model region (round 26 MB20).

    Parameters
    ----------
    region : str
        The cell as written.
    file, line, column : str, int, str
        Where it is (``demands.csv``, its file line, ``region``).
    config : dict
        ``dataset.yaml`` as read.
    name : str
        The dataset's folder name (the region of a one-region dataset).

    Returns
    -------
    Problem
        Naming the file, row and column, and what is valid there.
    """
    known = regions(config, name)
    declared = bool(config.get("regions"))
    lookup = _lookup_note(region, config)
    near = closest(str(region), set(known))
    if declared:
        return Problem(f"unknown region '{region}'{lookup}", file=file, row=line,
                       column=column, value=region,
                       valid=f"{near}; the dataset's regions: {', '.join(known)}"
                       if near.startswith("did you mean") else
                       f"the dataset's regions: {', '.join(known)}")
    code = str(region)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code):  # region codes are lower_snake_case
        code = re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_") or "city"
        code = code if code[0].isalpha() else f"r_{code}"
    return Problem(f"unknown region '{region}': {_undeclared(name)}{lookup}", file=file,
                   row=line, column=column, value=region,
                   valid=(f"{near}; " if near.startswith("did you mean") else "")
                   + f"blank (or leave the '{column}' column out: a one-region dataset "
                         f"needs none), or add 'regions: [...]' naming it to dataset.yaml"
                         + (f" by a lower_snake_case code ('{code}', written so here too)"
                            if code != str(region) else ""))


def region_problem(dataset: Any) -> Any:
    """:func:`unknown_region` bound to a loaded dataset's config and name (a read context's)."""
    def problem(region: Any, file: str, line: Any, column: str) -> Problem:
        """The problem of ``region`` at ``file``, ``line``, ``column`` (an unknown region's)."""
        return unknown_region(region, file, line, column, dataset.config, dataset.name)
    return problem


def _lookup_note(region: Any, config: dict[str, Any]) -> str:
    """``'; 'CN-SD-Liaocheng' is dataset.yaml's region: ...'`` if ``region`` is that code."""
    if str(region) != str(config.get("region")):
        return ""
    return (f"; '{region}' is dataset.yaml's region:, the code the emission factors are "
            "looked up by, not a model region")


def _undeclared(name: str) -> str:
    """Why a one-region dataset knows no region names (round 25 MA147: its name is one)."""
    return (f"dataset.yaml has no 'regions' list, so the dataset is one region, named after "
            f"its folder ('{name}')")


def _rows(lines: Any) -> str:
    """``row 5`` or ``rows 5, 6``."""
    return ("row " if len(lines) == 1 else "rows ") + ", ".join(map(str, lines))


def target_regions(target: dict[str, Any], config: dict[str, Any], name: str) -> list[str]:
    """The regions a target's ``region`` names (a region, a group, or a list of regions).

    Without ``region``: every region.
    """
    given = target.get("region")
    known = regions(config, name)
    if given is None:
        return known
    if isinstance(given, list):
        return [str(r) for r in given]
    groups = region_groups(config)
    return groups.get(str(given), [str(given)])


def check_target(target: dict[str, Any], where: str, config: dict[str, Any], name: str,
                 problems: list[Problem]) -> None:
    """Check a target's ``region`` key: a known region, group or list, on a regional type."""
    if "region" not in target:
        return
    file = "plan.yaml"
    if target["type"] not in REGIONAL_TARGETS:
        problems.append(Problem(f"target '{target['name']}' of type {target['type']} cannot "
                                "name a region", file=file, key=f"{where}.region",
                                valid=f"region on {', '.join(REGIONAL_TARGETS)} targets"))
        return
    known = regions(config, name)
    groups = region_groups(config)
    given = target["region"]
    members = given if isinstance(given, list) else [given]
    if not members:
        problems.append(Problem(f"target '{target['name']}': region is an empty list",
                                file=file, key=f"{where}.region",
                                valid=", ".join(known + list(groups))))
    for i, member in enumerate(members):
        valid_here = known if isinstance(given, list) else known + list(groups)
        if member not in valid_here and not config.get("regions"):  # MA147
            problems.append(Problem(
                f"target '{target['name']}': unknown region '{member}': {_undeclared(name)}"
                f"{_lookup_note(member, config)}",
                file=file, key=f"{where}.region", value=member,
                valid="leave region out (the target then holds for the whole dataset), or "
                      f"add 'regions: [...]' naming '{member}' to dataset.yaml"))
        elif member not in valid_here:
            problems.append(Problem(f"target '{target['name']}': unknown region '{member}'",
                                    file=file, key=f"{where}.region", value=member,
                                    valid=closest(str(member), set(valid_here))))
        elif member in members[:i]:
            problems.append(Problem(f"target '{target['name']}': region '{member}' is listed "
                                    "twice (a region counts once in a target's scope)",
                                    file=file, key=f"{where}.region[{i}]", value=member,
                                    valid="each region once"))


def warn_empty_regions(tables: dict[str, pd.DataFrame], config: dict[str, Any],
                       known: list[str]) -> None:
    """Warn of each listed region that no technology and no demand belongs to (L97).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The read tables (``technologies`` and ``demands`` with their ``region`` column).
    config : dict
        ``dataset.yaml`` (only a declared ``regions`` list of two or more is compared).
    known : list of str
        The dataset's regions, the default first.

    Warns
    -----
    EmptyRegionWarning
        Naming ``dataset.yaml``'s key ``regions``, the empty region, the default region and
        how many technologies and demands its blank cells gave it.
    """
    if not config.get("regions") or len(known) < 2:
        return
    counts = {}
    for table in ("technologies", "demands"):
        cells = tables[table]["region"].map(lambda r: r if isinstance(r, str) and r else "")
        counts[table] = (cells.replace("", known[0]).value_counts().to_dict(),
                         int((cells == "").sum()))
    for region in known[1:] + known[:1]:
        if any(counts[t][0].get(region) for t in counts):
            continue
        first = known[0]
        took = (f"{counts['technologies'][1]} technologies and {counts['demands'][1]} demands "
                f"with a blank region")
        order = ", ".join([region] + [r for r in known if r != region])
        fix = (f"if those rows are the rows of '{region}', list it first (regions: [{order}])"
               if region != first else "give its rows its name in their region column")
        notices.warn(
            f"dataset.yaml, key regions: region '{region}' holds no technology and no demand, "
            f"so the model gives it nothing to do and reports zero for it; the first region "
            f"listed, '{first}', is the default and takes every row with a blank region "
            f"({took}); {fix}, or remove '{region}' from the list if it is not modelled",
            EmptyRegionWarning,
            stacklevel=3)
