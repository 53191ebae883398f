"""Domains of the numeric and code arguments of the accounting functions.

A tolerance of -1 for the totals of an energy balance, a threshold of -0.1 for the
reference approach, a gas condition of ``25C``: each was taken as given and surfaced later
as dozens of misleading messages, or none. These checks refuse such an argument first,
naming it and what is valid (:class:`~carbonpath.errors.ArgumentValueError`).

``region``, ``year``, ``gas_condition`` and ``energy_basis`` fill what the rows leave
blank; an argument that no row reads was ignored in silence by the API while the CLI
refused it (round 21 J118): :func:`unread_region_year` says so for both, and
:func:`refuse_unread_arguments` refuses it in :func:`carbonpath.compute_inventory`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from carbonpath.errors import ArgumentValueError

__all__ = ["check_gas_condition", "check_nonnegative", "refuse_other_region_year",
           "refuse_unread_arguments",
           "unread_region_year"]


def check_nonnegative(value: Any, name: str, example: str, *, allow_none: bool = False,
                      high: float = math.inf) -> None:
    """Refuse ``value`` unless it is a finite number in [0, ``high``] (or None if allowed).

    Raises
    ------
    ArgumentValueError
        Naming the argument, the value and the domain.
    """
    if value is None and allow_none:
        return
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)) and math.isfinite(float(value)) and 0 <= float(value) <= high
    if not ok:
        upper = "" if math.isinf(high) else f" and at most {high:g}"
        msg = f"{name} = {value!r}: must be a finite number >= 0{upper}, e.g. {example}"
        raise ArgumentValueError(msg)


def check_gas_condition(value: Any, name: str = "gas_condition") -> str:
    """The reference condition named by ``value`` (``20C``, ``0C`` or ``15C``, aliases too).

    Raises
    ------
    ArgumentValueError
        ``value`` names no condition carbonpath knows.
    """
    from carbonpath.accounting.activity.uses import _resolve_condition

    code = _resolve_condition(value) if isinstance(value, str) else None
    if code is None:
        msg = (f"{name} = {value!r}: not a gas reference condition; valid: 20C (China's "
               "energy statistics), 0C (normal m3) or 15C (standard m3)")
        raise ArgumentValueError(msg)
    return code


def unread_region_year(rows: Any, region: str | None, year: int | None, name: str, *,
                       year_option: str = "--year", region_option: str = "--region",
                       api: bool = False, table: Any = None) -> list[str]:
    """The arguments among region and year that no row reads.

    The region and year fill rows without one; a row that gives its own keeps it. If no
    row carries the argument's value, every row gave another one and the argument was
    ignored (round 11 C56: ``--year 2023 --region CN-SD`` on a file whose rows say 2022
    and 聊城; round 21 J118: the same through :func:`carbonpath.compute_inventory`).

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows read, with columns ``region`` (codes) and ``year``: an inventory's
        ``emissions`` or an activity's ``data``.
    region, year : optional
        The arguments (options) given.
    name : str
        The input's file name, for the message.
    year_option, region_option : str
        How the message names the arguments (``decompose`` gives ``--years (START)``).
    api : bool
        Name them as keyword arguments (``year=2021``) rather than options.
    table : FactorTable, optional
        Resolves ``region`` (default: the bundled tables).

    Returns
    -------
    list of str
        One sentence per argument no row reads, naming it and the rows' values (empty if
        it is not given or a row carries its value). A ``region`` the table does not know
        is reported here too when every row gives its own region (round 23 E02: no row
        reads it, so no reader would report it).
    """
    def say(option: str, value: Any) -> str:
        """How the caller gave ``option``: ``region='X'`` (API) or ``--region X`` (CLI)."""
        return f"{option}={value!r}" if api else f"{option} {value}"

    def leave(option: str) -> str:
        """How to name ``option`` when saying to leave it out (API or CLI spelling)."""
        return f"{option}=..." if api else option.split()[0]

    out = []
    if year is not None and "year" in rows.columns:
        years = sorted({int(y) for y in rows["year"].dropna()})
        if years and int(year) not in years:
            out.append(f"{say(year_option, year)} gives the year of rows without one, but "
                       f"every row of {name} gives its own ({', '.join(map(str, years))}); "
                       f"correct the rows' year column or leave {leave(year_option)} out")
    if region is not None and "region" in rows.columns:
        if table is None:
            from carbonpath.factors.load import bundled_factors

            table = bundled_factors()
        code = table.regions.resolve(region)
        codes = sorted({str(r) for r in rows["region"].dropna()})
        if code is not None and codes and code not in codes:
            out.append(f"{say(region_option, region)} ({code}) gives the region of rows "
                       f"without one, but every row of {name} gives its own "
                       f"({', '.join(codes)}); correct the rows' region column or leave "
                       f"{leave(region_option)} out")
        elif code is None and codes and str(region) not in codes:
            # round 23 E02: an unknown region no row reads was passed over
            out.append(f"{say(region_option, region)} names no region of factors/regions.csv "
                       f"(valid: a region code or name it lists, e.g. CN, CN-SD, "
                       f"CN-SD-Liaocheng), and every row of {name} gives its own region "
                       f"({', '.join(codes)}), so no row would read it; leave "
                       f"{leave(region_option)} out or give the rows' region")
    return out


def refuse_unread_arguments(act: Any, read_here: bool, table: Any, region: str | None,
                            year: int | None, gas_condition: str | None,
                            energy_basis: str | None) -> None:
    """Refuse arguments of :func:`carbonpath.compute_inventory` that no activity row reads.

    ``region`` and ``year`` that every row contradicts (:func:`unread_region_year`), and
    ``gas_condition`` or ``energy_basis`` beside an :class:`~carbonpath.Activity` read
    already (its gas volumes and energy were converted when it was read, so they would be
    ignored; round 21 J118). A table read here checks its own gas condition and energy
    basis (:func:`carbonpath.accounting.activity.scope.overridden_defaults`).

    Parameters
    ----------
    act : Activity
        The activity rows (``data`` with columns ``region`` and ``year``; ``source``).
    read_here : bool
        Whether ``compute_inventory`` read ``act`` from a file or DataFrame itself.
    table : FactorTable
        Resolves ``region``.
    region, year, gas_condition, energy_basis
        The arguments given.

    Raises
    ------
    ArgumentValueError
        Naming each unread argument, the rows' values and what to do.
    """
    out = unread_region_year(act.data, region, year, act.source, year_option="year",
                             region_option="region", api=True, table=table)
    if not read_here:
        out = [f"{why} (the Activity was read already: region= and year= apply when "
               "read_activity reads the file)" for why in out]
        for name, value in (("gas_condition", gas_condition), ("energy_basis", energy_basis)):
            if value is not None:
                out.append(f"{name}={value!r} applies when compute_inventory reads a file or "
                           f"DataFrame; the activity given is an Activity read already "
                           f"({act.source}), whose rows were converted then, so it would be "
                           f"ignored; pass it to read_activity or leave it out")
    if out:
        raise ArgumentValueError("; ".join(out))


def refuse_other_region_year(balance: Any, inventory: Any, region: str | None,
                             year: int | None, table: Any) -> None:
    """Refuse a ``region`` or ``year`` that the sheet given contradicts (round 22 M124).

    :func:`carbonpath.reference_approach` takes the region and year of its balance sheet;
    ``region='CN-ZJ'`` on a sheet read as CN-SD priced Shandong's supply with Zhejiang's
    factors (solid fuels 22.66 for 24.08 Mt) and ``year=2015`` on the 2022 sheet took the
    factors of 2015, both in silence. An ``inventory`` to compare with must be of the
    sheet's region and year as well.

    Parameters
    ----------
    balance : BalanceSheet
        With ``region`` and ``year`` (None where the sheet was read without them).
    inventory : Inventory or None
        The sectoral inventory given, whose ``emissions`` rows carry region and year.
    region, year
        The arguments given.
    table : FactorTable
        Resolves ``region``.

    Raises
    ------
    ArgumentValueError
        Naming the argument, the sheet's value and the sheet.
    """
    out = []
    code = table.regions.resolve(region) if region is not None else None
    # round 31 ZG94 ZG95: a sheet read with region='聊城' keeps the alias; compare codes
    own = table.regions.resolve(balance.region) or balance.region
    if code is not None and own is not None and code != own:
        out.append(f"region={region!r} ({code}), but the balance sheet {balance.source} is of "
                   f"{balance.region} (read_energy_balance(..., region=)): its supply would be "
                   f"priced with another region's factors; leave region= out, or read the "
                   "sheet with the region it is of")
    if year is not None and balance.year is not None and int(year) != int(balance.year):
        out.append(f"year={year!r}, but the balance sheet {balance.source} is of "
                   f"{balance.year}: its supply would take another year's factors; leave "
                   "year= out, or read the sheet of that year")
    if inventory is not None and len(inventory.emissions):
        want_region = code or own
        want_year = year if year is not None else balance.year
        regions = sorted({str(table.regions.resolve(r) or r)
                          for r in inventory.emissions["region"]})
        years = sorted({int(y) for y in inventory.emissions["year"]})
        if want_region is not None and regions != [want_region]:
            out.append(f"inventory= is of {', '.join(regions)} ({inventory.source}), the "
                       f"reference approach of {want_region}: give the inventory of the "
                       "sheet's region")
        if want_year is not None and years != [int(want_year)]:
            out.append(f"inventory= is of {', '.join(map(str, years))} "
                       f"({inventory.source}), the reference approach of {want_year}: give "
                       "the inventory of the sheet's year")
    if out:
        raise ArgumentValueError("; ".join(out))
