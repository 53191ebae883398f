"""Cost rows every technology of a kind must have: a missing one would make a thing free.

A parameter without a row reads as its default, and the defaults of the cost parameters
are 0 (``dataset/parameters.csv``). For most technologies that is the right reading (a
solar plant has no fuel price, a demand device no variable cost), but for three kinds a
missing row is almost surely a row lost, and the model would then build or buy something
at no cost without a word (round 18, R86-R88):

* a technology that can be built (``investable`` and with capacity) without ``capex``:
  its new capacity would cost nothing;
* a store that can be built without ``capex_energy``: its energy capacity (the hours of
  storage) would cost nothing;
* an ``import`` technology, or a ``supply`` technology making a fuel (a commodity of kind
  ``fuel``: coal mining, biomass collection), without ``variable_cost``: what it brings in
  would be free.

Each is refused, naming ``parameters.csv`` and the row to add; where zero is meant the
user writes it (``grid_import,variable_cost,,0,CNY/MWh,<source>``), which reads the same as
the default but says so. A cost given for some years only is left to the year-coverage
check (:func:`carbonpath.dataset.checks._check_coverage`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from typing import Any

from carbonpath.errors import Problem

__all__ = ["missing_cost_problems"]


def missing_cost_problems(row: Mapping[str, Any], given: Container[str], capacitated: bool,
                          output_kind: Callable[[str], str], outputs: list[str],
                          energy_unit: str | None, line: Any = None) -> list[Problem]:
    """The cost rows a technology must have and lacks (see the module docstring).

    Parameters
    ----------
    row : mapping
        The technology's row of technologies.csv (``technology``, ``kind``, ``investable``,
        ``capacity_unit``, ``activity_unit``).
    given : container of str
        The names of the parameters with at least one row for this technology.
    capacitated : bool
        Whether the technology has capacity (only then is ``investable`` a build decision).
    output_kind : callable
        Commodity code -> its ``kind`` in commodities.csv (``fuel``, ``electricity`` ...).
    outputs : list of str
        The commodity codes the technology outputs (flows.csv).
    energy_unit : str or None
        The stored commodity's unit (storage only), for the row to add.
    line : optional
        The technology's row of technologies.csv (named when the kind may be the slip).

    Returns
    -------
    list of Problem
        One per missing parameter, naming parameters.csv and the row to add; empty if none.
    """
    code, kind = row["technology"], row["kind"]
    investable = bool(row["investable"]) and capacitated
    needed: list[tuple[str, str, str]] = []  # (parameter, unit of the row to add, why)
    if investable and "capex" not in given:
        needed.append(("capex", f"CNY/{_per(row['capacity_unit'])}",
                       "it can be built (investable), so its new capacity would cost nothing"))
    if investable and kind == "storage" and "capex_energy" not in given:
        needed.append(("capex_energy", f"CNY/{_per(energy_unit or 'MWh')}",
                       "it is a store that can be built, so its energy capacity (hours of "
                       "storage) would cost nothing"))
    fuels = [c for c in outputs if output_kind(c) == "fuel"]
    if "variable_cost" not in given and (kind == "import" or (kind == "supply" and fuels)):
        what = ("it is an import, so what it brings in would be free" if kind == "import" else
                f"it supplies the fuel {fuels[0]}, so that fuel would be free")
        needed.append(("variable_cost", f"CNY/{_per(row['activity_unit'], False)}", what))
    out = []
    for name, unit, why in needed:
        add = f"a row {code},{name},,<value>,{unit},<source> (write 0 if it is indeed free)"
        if name == "variable_cost" and kind == "import" and capacitated and "capex" in given:
            out.append(_built_import(code, add, line))  # L42: pv declared an import
            continue
        out.append(Problem(f"technology '{code}' ({kind}) has no {name} row: {why}",
                           file="parameters.csv", column="parameter", value=name, valid=add))
    return out


def _built_import(code: str, add: str, line: Any) -> Problem:
    """An import without a price but with a build cost: the kind is the likelier slip (L42).

    A plant built and run in the region (PV with ``capex``, a stock and a profile) declared
    an ``import`` is refused for a missing price; the message names ``technologies.csv``
    column ``kind`` first, and the price row for an interconnector that is indeed bought.
    """
    return Problem(
        f"technology '{code}' is declared an import but has a build cost (capex) and no "
        "purchase price (variable_cost): a plant built and run in the region is a supply "
        "(or conversion) technology; as an import what it brings in would be free",
        file="technologies.csv", row=line, column="kind", value="import",
        valid=f"supply (or conversion) if it is built here; if it is bought over a line of "
              f"that capacity, keep import and add to parameters.csv {add}")


#: Units whose costs are usually quoted per a smaller unit (CNY/kW, CNY/kWh).
_QUOTED = {"GW": "kW", "MW": "kW", "TWh": "kWh", "GWh": "kWh", "MWh": "kWh"}


def _per(unit: str, quoted: bool = True) -> str:
    """A unit as the denominator of a cost unit: ``kt/yr`` -> ``(kt/yr)``.

    ``MW`` -> ``kW`` (and so for GW, MWh, GWh, TWh) unless ``quoted`` is false.
    """
    unit = str(unit).strip()
    unit = _QUOTED.get(unit, unit) if quoted else unit
    return f"({unit})" if any(c in unit for c in "/* ") else unit
