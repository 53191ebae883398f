"""Checks of the ``service`` column of the init mapping table (round 21 K135, K141, K144).

A ``device`` row names the service its technology serves in the row's sector (init writes
the commodity ``<sector>_<service>``); an ``option`` row offers a technology the model may
build for a service. Three slips passed ``carbonpath init`` without a word:

* ``Heat`` for ``heat`` made a service of its own (``industry_Heat``) that only the one device
  supplied, cut off from every heat option (K135): a known service in another case or
  spacing is refused;
* an option for ``heta`` was offered to nothing and dropped (K141): an option row whose
  service no device row serves (nor the supply services ``electricity`` and ``heat``) is
  refused, unless the service is one of the bundled table's (its devices taken out of a
  copy: the option is then as idle as one for a sector without consumption);
* a heat pump (activity in GJ) offered for heavy trucking (vkm) passed init, which wrote a
  flow the dataset loader then refused (K144): a device or option technology whose
  activity unit is not the service's is refused, naming the mapping row.

A device service the bundled table does not know but whose spelling is close to one it
knows (``cars``) may be a new service on purpose: :class:`MappingServiceWarning`. So may
one that leaves a bundled service with options served by no device while named like it
(``truck`` for ``truck_heavy``, round 27 KC83): its options would be dropped.
"""

from __future__ import annotations

import functools
import warnings

import pandas as pd

from carbonpath.codes import closest_choice
from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["SUPPLY_SERVICES", "MappingServiceWarning", "check_services"]

#: The services of the supply side that ``option`` rows may offer technologies for without
#: a device serving them, with their units (``add_options`` in :mod:`carbonpath.init.demand`).
SUPPLY_SERVICES = {"electricity": "MWh", "heat": "GJ"}


class MappingServiceWarning(CarbonpathWarning):
    """A device row's service is new to the bundled mapping table but spelled like one of it."""


@functools.lru_cache(maxsize=1)
def _bundled_services() -> tuple[str, ...]:
    """The services of the bundled ``catalogue/mapping.csv`` (device and option rows)."""
    from carbonpath._resources import data_path

    table = pd.read_csv(data_path("catalogue") / "mapping.csv", dtype=str,
                        keep_default_na=False, encoding="utf-8")
    rows = table[table["role"].isin(["device", "option"])]
    return tuple(sorted(set(rows["service"]) - {""}))


def _same_but_case(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in case, spaces or underscores."""
    def norm(t: str) -> str:
        """``t`` lower-cased, without spaces or underscores."""
        return "".join(t.lower().replace("_", " ").split())
    return a != b and norm(a) == norm(b)


def check_services(frame: pd.DataFrame, name: str, cat) -> None:
    """Check the ``service`` column of a mapping table (rows indexed by their file line).

    Parameters
    ----------
    frame : pandas.DataFrame
        The mapping table (:func:`carbonpath.init.mapping.read_mapping`), its columns
        ``role, sector, fuel, item, technology, service``; technologies already checked to
        be in ``cat``.
    name : str
        The file name used in messages.
    cat : Catalogue
        Its ``technologies`` give each technology's ``activity_unit``.

    Raises
    ------
    DataError
        A service spelled as a service of the bundled table in another case or spacing
        (``Heat`` for ``heat``); an option row for a service no device row serves (nor
        ``electricity``, ``heat``) and the bundled table does not know; a device or option
        technology whose activity unit differs from its service's (the unit most of the
        service's device rows deliver; MWh for ``electricity``, GJ for ``heat``). Each names
        the row, column and what is valid.

    Warns
    -----
    MappingServiceWarning
        A device row's service new to the bundled table whose spelling is close to one of it,
        or named like a bundled service whose option rows no device row serves any more.
    """
    problems: list[Problem] = []
    rows = frame[frame["role"].isin(["device", "option"]) & (frame["service"] != "")
                 & frame["technology"].isin(cat.technologies.index)]
    bundled = _bundled_services()
    devices = rows[rows["role"] == "device"]
    served = sorted(set(devices["service"]) | set(SUPPLY_SERVICES))
    known = sorted(set(bundled) | set(SUPPLY_SERVICES))
    for line, row in rows.iterrows():
        s = row["service"]
        twin = [k for k in known if _same_but_case(s, k)] if s not in known else []
        if twin:
            sector = row["sector"] if row["sector"] != "*" else "<sector>"
            problems.append(Problem(
                f"service '{s}' is '{twin[0]}' in another case or spacing: init would make it a "
                f"service of its own ({sector}_{s}), served by this row's technology "
                f"alone and cut off from the options for '{twin[0]}'", file=name, row=line,
                column="service", value=s, valid=f"{twin[0]} (services: {', '.join(known)})"))
            continue
        if row["role"] == "option" and s not in served and s not in bundled:
            near = closest_choice(s, served)
            problems.append(Problem(
                f"no device row serves service '{s}': the option '{row['technology']}' would "
                "be offered for nothing and dropped", file=name, row=line, column="service",
                value=s, valid=(f"did you mean {near}? " if near else "")
                + "a service of the table's device rows or a supply service: "
                + ", ".join(served)))
            continue
        if row["role"] == "device" and s not in bundled:
            near = closest_choice(s, bundled)
            idle = _idle_options(rows, s, served, bundled)
            if idle:
                warnings.warn(
                    f"{name}, row {line}, column 'service': service '{s}' is new to the bundled "
                    f"mapping table, and no device row serves '{idle[0]}' any more, "
                    f"so the table's options for '{idle[0]}' ({', '.join(idle[1])}) are offered "
                    f"for nothing and dropped; if '{idle[0]}' is meant, write it (a new service "
                    "is kept as given)", MappingServiceWarning, stacklevel=3)
            elif near:
                warnings.warn(
                    f"{name}, row {line}, column 'service': service '{s}' is new to the bundled "
                    f"mapping table; if '{near}' is meant, the device is cut off from the "
                    f"options for '{near}' (a new service is kept as given)",
                    MappingServiceWarning, stacklevel=3)
    if not problems:
        problems = _unit_problems(rows, name, cat)
    DataError.collect(problems, name)


def _idle_options(rows: pd.DataFrame, service: str, served: list[str],
                  bundled: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """A bundled service with option rows but no device row, named like ``service`` (KC83).

    ``truck`` for ``truck_heavy`` on the one diesel device row leaves the options for
    ``truck_heavy`` (its battery and LNG trucks) offered to nothing; they pass the option
    check because the bundled table knows the service. Returns the idle service and its
    option technologies when ``service`` is its close spelling, a part of it or it a part of
    ``service`` (split at ``_``); None otherwise (devices taken out on purpose stay quiet).
    """
    options = rows[(rows["role"] == "option") & rows["service"].isin(bundled)
                   & ~rows["service"].isin(served)]
    if options.empty:
        return None
    idle = sorted(set(options["service"]))
    near = closest_choice(service, idle) or next(
        (o for o in idle if set(service.split("_")) <= set(o.split("_"))
         or set(o.split("_")) <= set(service.split("_"))), None)
    if near is None:
        return None
    return near, sorted(set(options.loc[options["service"] == near, "technology"]))


def _unit_problems(rows: pd.DataFrame, name: str, cat) -> list[Problem]:
    """Rows whose technology delivers another unit than the rest of its service (K144)."""
    unit = rows["technology"].map(cat.technologies["activity_unit"])
    problems = []
    for s, group in rows.groupby("service", sort=False):
        devices = unit[group.index][group["role"] == "device"]
        if s in SUPPLY_SERVICES and devices.empty:
            want, why = SUPPLY_SERVICES[s], f"the supply service '{s}' is in {SUPPLY_SERVICES[s]}"
        elif devices.empty:
            continue
        else:
            counts = devices.value_counts(sort=False)
            want = str(counts.idxmax())
            lines = [str(i) for i in devices.index[devices == want]]
            why = (f"service '{s}' is in {want} (the unit of the device row"
                   f"{'s' if len(lines) > 1 else ''} {', '.join(lines[:6])})")
        fits = sorted(set(group.loc[unit[group.index] == want, "technology"]))
        for line in group.index[unit[group.index] != want]:
            tech = group.loc[line, "technology"]
            problems.append(Problem(
                f"technology '{tech}' delivers {unit[line]} (its activity unit) but {why}: "
                "init would write a flow the dataset loader refuses", file=name, row=line,
                column="technology", value=tech,
                valid=f"a catalogue technology delivering {want}"
                + (f" (e.g. {', '.join(fits[:6])})" if fits else "")
                + f", or a service in {unit[line]}"))
    return problems
