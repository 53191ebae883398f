"""The size of an energy balance's statistical difference (平衡差额), checked by ``init``.

init models what the balance says is used; the 平衡差额 of a fuel (supply minus use) is left
out of the base year. A few per cent is the statistics' ordinary noise; a large one is almost
always a use booked nowhere, or a slip in a supply row (round 8, B09: 100 万吨 of coal,
16 % of the coal available, vanished from the base year without a word). Against the larger
of the fuel's available amount (可供本地区消费的能源量) and its total consumption (消费量合计):

* above :data:`WARN_SHARE` (5 %): a :class:`~carbonpath.errors.CarbonpathWarning` and a line
  in the README's "replace first" list;
* above :data:`REFUSE_SHARE` (10 %): refused with the plausibility checks of the plants
  (:class:`~carbonpath.errors.ImplausibleValueError`, overridable with ``allow_implausible``).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from carbonpath.errors import CarbonpathWarning, Problem
from carbonpath.init.draft import Draft

__all__ = ["REFUSE_SHARE", "WARN_SHARE", "check_statistical_difference",
           "check_workbook_options", "no_factor_advice", "read_balance",
           "refuse_standard_coal_columns", "refuse_tidy_activity", "refuse_uncounted_fuels"]

WARN_SHARE = 0.05
REFUSE_SHARE = 0.10


def check_statistical_difference(d: Draft, bs: Any, name: str) -> None:
    """Warn about or record (in ``d.implausible``) a large 平衡差额 (module docstring).

    Parameters
    ----------
    d : Draft
        The dataset under construction (README lines, implausible values).
    bs : BalanceSheet
        The balance (:func:`carbonpath.read_energy_balance`): its ``flows`` and ``checks``.
    name : str
        The balance's file name for messages.
    """
    flows = bs.flows
    diff = flows[flows["item"] == "statistical_difference"]
    checks = bs.checks
    for r in diff.itertuples(index=False):
        value = float(r.value)
        if value == 0:
            continue
        totals = checks[(checks["fuel"] == r.fuel)
                        & checks["item"].isin(["available", "consumption_total"])]["stated"]
        base = float(totals.abs().max()) if len(totals) else 0.0
        if base <= 0:
            continue
        share = abs(value) / base
        if share <= WARN_SHARE:
            continue
        text = (f"the statistical difference (平衡差额) of {r.fuel} is {value:g} {r.unit}, "
                f"{share:.1%} of its {base:g} {r.unit} supplied or consumed: that much of the "
                "fuel is used nowhere in the base year")
        if share > REFUSE_SHARE:
            d.implausible.append(Problem(
                text + "; probably a use booked in no row or a slip in a supply row",
                file=name, row=int(r.line), column=r.column, value=value,
                valid=f"at most {REFUSE_SHARE:.0%} of the fuel's supply or consumption; or "
                "pass allow_implausible=True (CLI --allow-implausible) if the balance is right"))
            continue
        warnings.warn(f"{name}, row {r.line}, column '{r.column}': {text}",
                      CarbonpathWarning, stacklevel=4)
        d.replace_first.append(f"{text} (line {r.line}, more than {WARN_SHARE:.0%})")


def refuse_tidy_activity(path: Any, name: str | None = None) -> None:
    """Refuse a tidy activity CSV given to ``init`` as its energy balance (round 13 G74).

    Its header (``sector, fuel, value, unit``) was read as a broken balance: "no header row
    naming at least two energy columns", with a Python ``mapping=`` hint on the CLI.

    Parameters
    ----------
    path : str, pathlib.Path or other
        The ``--balance`` file; anything but a ``.csv`` file passes.
    name : str, optional
        The file's name for the message (default: the path's name).

    Raises
    ------
    DataError
        If the first line holds the columns ``sector``, ``fuel`` and ``value``: names the
        file and says what init takes and which command reads the file.
    """
    from carbonpath._io import decode
    from carbonpath.errors import DataError

    if not isinstance(path, (str, Path)):
        return  # a DataFrame or a sheet already read
    p = Path(path)
    if p.suffix.lower() != ".csv" or not p.is_file():
        return
    with p.open("rb") as fh:
        head = fh.read(4096)
    text, _ = decode(head.rsplit(b"\n", 1)[0] if b"\n" in head else head, p.name)
    first = text.splitlines()[0] if text.strip() else ""
    columns = {c.strip().strip('"').lower() for c in first.split(",")}
    if {"sector", "fuel", "value"} <= columns:
        raise DataError(Problem(
            "a tidy activity table (columns sector, fuel, value, unit), which init does not "
            "read: init builds a dataset from an energy balance sheet (能源平衡表, rows of "
            "supply and use, a column per fuel)", file=name or p.name, row=1,
            valid="an energy balance sheet (carbonpath template writes a workbook with one); "
                  "carbonpath inventory reads this file"), "energy balance")


def check_workbook_options(options: dict[str, Any]) -> None:
    """Refuse ``init_from_workbook`` options that cannot apply, before the workbook is read.

    ``sheet`` picks the sheet of a balance workbook given to ``init_dataset``; a planner's
    workbook always gives its balance in the sheet ``balance`` (round 25 KA118: the option
    reached init_dataset, which said "this balance is already read"). ``allow_implausible``
    must be a bool (KA83: ``'no'`` is a true string and switched the override on).

    Parameters
    ----------
    options : dict
        ``init_from_workbook``'s keyword options (passed on to ``init_dataset``).

    Raises
    ------
    ArgumentValueError
        ``sheet`` given (not None).
    ArgumentTypeError
        ``allow_implausible`` not a bool.
    """
    from carbonpath._checks import check_types
    from carbonpath.errors import ArgumentValueError

    if options.get("sheet") is not None:
        msg = (f"init_from_workbook(): argument 'sheet' ({options['sheet']!r}) does not apply: "
               "a planner's workbook always gives its balance in the sheet 'balance' (and "
               "each other input in the sheet of its name); sheet= picks a sheet of a balance "
               "workbook given as init_dataset(balance=...); leave it out")
        raise ArgumentValueError(msg)
    check_types("init_from_workbook",
                allow_implausible=(options.get("allow_implausible", False), bool))


#: The reader's option names in its messages -> init's (round 22 N137: init has no --year).
INIT_OPTIONS = (("--year ", "--base-year "), ("(year=)", "(base_year=)"))
#: The reader's advice to map a label (``map it: mapping={'rows': {'第三产业': 'x'}}``).
_MAP_IT = re.compile(r"map it: mapping=\{'(columns|rows)': \{'([^']*)': '([^']*)'\}\}")


def init_mapping_words(text: str) -> str:
    """The reader's ``map it: mapping={...}`` advice said as what init can do (round 24 H131).

    ``init`` (and ``init_dataset`` given a file) reads the balance with the bundled labels
    only: it takes no ``mapping=`` of the sheet's rows and columns (its ``--mapping`` is the
    catalogue's mapping table), so the advice is to relabel the row (column) in the sheet,
    or, in Python, to read the sheet with the mapping and pass init the sheet read.
    """
    if "map it: mapping=" not in text:
        return text
    from carbonpath.accounting.balance_mapping import balance_mapping
    from carbonpath.codes import fuels

    rows, names = balance_mapping(None).rows, fuels().column("name_zh")

    def say(m: re.Match[str]) -> str:
        """One ``map it`` hint, as init's two ways."""
        axis, label, code = m[1], m[2], m[3]
        python = (f"in Python, pass init_dataset the sheet read_energy_balance(path, "
                  f"mapping={{'{axis}': {{'{label}': '{code}'}}}}) returns")
        if code == "memo":  # round 25 KA23: no label of the layout reads as a memo row
            return f"{python} (init reads the sheet's own labels)"
        known = (rows.at[code, "name_zh"] if axis == "rows" and code in rows.index
                 else names.get(code, "") if axis == "columns" else "")
        where = "balance_rows.csv" if axis == "rows" else "fuels.csv"
        relabel = (f"relabel it '{known}' in the sheet ({code})" if known else
                   f"relabel it in the sheet with a label of '{code}' ({where}: name_zh or "
                   "an alias)")
        return (f"{relabel}, as init reads the sheet's own labels; or, in Python, pass "
                f"init_dataset the sheet read_energy_balance(path, mapping={{'{axis}': "
                f"{{'{label}': '{code}'}}}}) returns")

    return _MAP_IT.sub(say, text)


def read_balance(balance: Any, sheet: str | int | None, region: str, base_year: int,
                 name: str | None = None) -> Any:
    """The energy balance init reads: a sheet already read, a ``(workbook, sheet)`` pair, or a file.

    Parameters
    ----------
    balance : BalanceSheet, tuple or path
        ``init_dataset``'s ``balance``; a ``(workbook, sheet)`` pair is the workbook route's.
    sheet : str, int or None
        ``init_dataset(sheet=)`` (``--sheet``): the workbook sheet to read.
    region : str
        The region code.
    base_year : int
        The year the balance is read for.
    name : str, optional
        The balance's name in messages (the workbook route's sheet).

    Raises
    ------
    DataError
        The reader's problems, the file named with its sheet; its advice names init's
        options (``--base-year``, not ``--year``; round 22 N137); ``sheet`` with a balance
        already read.
    ArgumentTypeError
        ``sheet`` neither a str, an int nor None.
    """
    import dataclasses

    from carbonpath._checks import check_types
    from carbonpath.accounting import read_energy_balance
    from carbonpath.errors import DataError

    check_types("init_dataset", sheet=(sheet, str, int, None))
    if hasattr(balance, "activity") or isinstance(balance, tuple):
        if sheet is not None:
            raise DataError(Problem("sheet= picks a sheet of a workbook file; this balance is "
                                    "already read", column="sheet", value=sheet,
                                    valid="sheet=None, or balance= the workbook's path"),
                            "energy balance")
        if hasattr(balance, "activity"):
            return balance
        balance, sheet = balance
        where = name or f"{Path(balance).name}, sheet '{sheet}'"
    else:
        refuse_tidy_activity(balance, name)  # round 13 G74
        where = None  # the reader names the file
    try:
        return read_energy_balance(balance, sheet=sheet, region=region, year=base_year)
    except DataError as exc:
        def init_words(p: Problem) -> Problem:
            """``p`` naming init's options, and the file as the caller names it."""
            fields = {k: getattr(p, k) for k in ("message", "valid")
                      if isinstance(getattr(p, k), str)}
            for k, text in fields.items():
                for old, new in INIT_OPTIONS:
                    text = text.replace(old, new)
                fields[k] = init_mapping_words(text)
            return dataclasses.replace(p, **fields, **({"file": where} if where else {}))

        problems = [init_words(p) for p in exc.problems]
        if problems == list(exc.problems):
            raise
        raise type(exc)(problems, "energy balance") from None


def refuse_uncounted_fuels(act: Any, table: Any, name: str, headers: dict[str, str]) -> None:
    """Refuse a fossil fuel the balance burns that the bundled factor tables cannot count.

    init and ``carbonpath run`` count CO2 with the bundled factor tables only; a column
    such as 煤矸石 (gangue: no row in them) had been refused deep in the build with "the
    factor tables have none ... valid: a standard_coal_coefficient row in a user factor
    table", naming no file or line and advising a table init does not take, or, given in
    万吨标准煤, written into a dataset whose run then fails (round 25 KA15). One problem per
    column, at its first burning row.

    Parameters
    ----------
    act : pandas.DataFrame
        The balance's activity rows (``fuel``, ``use``, ``value``, ``sector``, ``line``).
    table : FactorTable
        The bundled factor tables.
    name : str
        The sheet, for the messages.
    headers : dict
        Fuel code -> the column's header as printed.

    Raises
    ------
    DataError
        Naming the sheet, line and column, what the tables lack, and
        :func:`no_factor_advice`.
    """
    from carbonpath.codes import fuels
    from carbonpath.errors import DataError
    fossil = fuels().column("fossil")
    rows = table.rows
    burned = act[(act["use"] == "combustion") & (act["value"].astype(float) != 0)]
    problems = []
    for fuel, g in burned.groupby("fuel", sort=False):
        if fossil.get(fuel) != "yes":
            continue
        mine = rows[rows["item"] == fuel]
        co2 = ((mine["quantity"] == "emission_factor") & (mine["gas"] == "CO2")) | (
            mine["quantity"] == "carbon_content")
        if co2.any():
            continue
        first = g.iloc[0]
        header = headers.get(fuel, fuel)
        lacks = "no row at all" if mine.empty else "no CO2 emission factor or carbon content"
        problems.append(Problem(
            f"column '{header}' ({fuel}) is burned ({len(g)} row(s); first: "
            f"{first['sector']}, {float(first['value']):g}) but the bundled factor tables have "
            f"{lacks} for {fuel}, so neither its CO2 nor the dataset's base year can be "
            "counted", file=name, row=first["line"] or None, column=header,
            valid=no_factor_advice(fuel, header)))
    DataError.collect(problems, "energy balance")


def refuse_standard_coal_columns(act: Any, table: Any, name: str,
                                 headers: dict[str, str]) -> None:
    """Refuse a fuel column of the balance given in standard coal (万吨标准煤, tce).

    init models every fuel in its physical unit: the catalogue's prices, plant and route
    inputs of coal, oil products and gas are per tonne or cubic metre, so a column in standard
    coal failed deep in the build with a unit-conversion message naming no file, row or column
    (round 26 KB04/KB05, from init/routes.py or the fuel's price), or, where no such number
    was met, was taken as it stood. Whether its numbers are standard coal (a 标准量 sheet) or
    physical ones under a pasted 标准量 header cannot be told from the sheet, so the column is
    refused with both readings' remedies: the header alone changed, or each number divided by
    the fuel's GB/T 2589 coefficient from the bundled tables. Electricity and heat in standard
    coal are refused by :meth:`carbonpath.init.supply.FuelUnits.canonical` (当量值/等价值);
    ``carbonpath inventory`` reads such a column (it counts the energy).

    Parameters
    ----------
    act : pandas.DataFrame
        The balance's activity rows (``fuel``, ``unit``, ``value``, ``sector``, ``line``).
    table : FactorTable
        The bundled factor tables (the fuel's ``standard_coal_coefficient``).
    name : str
        The sheet, for the messages.
    headers : dict
        Fuel code -> the column's header as printed.

    Raises
    ------
    DataError
        One problem per column, at its first row, naming the sheet, line and column.
    """
    from carbonpath.accounting.activity.scope import is_coal_equivalent
    from carbonpath.errors import DataError

    problems = []
    tce = act[[is_coal_equivalent(str(u)) and f not in ("electricity", "heat")
               for f, u in zip(act["fuel"], act["unit"], strict=True)]]
    for fuel, g in tce.groupby("fuel", sort=False):
        first = g.iloc[0]
        header = headers.get(fuel, fuel)
        problems.append(Problem(
            f"column '{header}' ({fuel}) is in standard coal ({first['unit']}); init models "
            "each fuel in its physical unit (the catalogue's prices and the plants' and "
            "routes' inputs are per tonne or cubic metre), so it cannot take the column",
            file=name, row=first["line"] or None, column=header,
            valid=_physical_advice(fuel, header, table)))
    DataError.collect(problems, "energy balance")


def _physical_advice(fuel: str, header: str, table: Any) -> str:
    """The two remedies of a standard-coal column (mass or volume per the tables)."""
    from carbonpath.units import unit_factor

    bare = re.sub(r"[(（].*", "", header).strip() or fuel
    coef = None
    rows = table.rows
    mine = rows[(rows["item"] == fuel) & (rows["quantity"] == "standard_coal_coefficient")]
    for unit, how in (("kgce/kg", "万吨"), ("kgce/m3_20C", "亿立方米")):
        try:
            c = float(mine["value"].iloc[0]) * unit_factor(mine["unit"].iloc[0], unit)
        except Exception:  # no row, or the other dimension
            continue
        coef = (unit, how, c)
        break
    head = f"'{bare}({coef[1]})'" if coef else f"'{bare}(万吨)' (a gas: '(亿立方米)')"
    same = ("the column in its physical unit (实物量): if the numbers are already physical "
            f"(a 标准量 header on a 实物量 sheet), the header alone changed to {head}")
    if coef is None:
        return same + "; if they are standard coal, converted with the fuel's coefficient"
    unit, how, c = coef
    div = f"{c:g}" if how == "万吨" else f"{10 * c:g} (10 x {c:g} {unit})"
    return (same + f"; if they are standard coal, each number divided by {div}, the "
            f"GB/T 2589 coefficient of {fuel} in the bundled tables ({c:g} {unit}); "
            "carbonpath inventory reads the column as it is")


def no_factor_advice(fuel: str, header: str) -> str:
    """What init can be given for a balance column the bundled factor tables cannot count.

    init (and ``carbonpath run`` after it) reads the bundled factor tables only: it takes
    no user factor table, so "a row in a user factor table" is advice for the inventory
    alone (round 25 KA15, 煤矸石).
    """
    from carbonpath.codes import fuels

    coal = fuels().column("group").get(fuel) == "coal"
    like = ("原煤(万吨): each number in 万吨 x the fuel's net calorific value in GJ/t, from "
            "the plants' fuel analysis, / 20.93 GJ/t, raw coal's 0.7143 kgce/kg" if coal else
            "the column of a fuel of like carbon per unit of energy: each number x the fuel's "
            "net calorific value / that fuel's")
    return (f"init counts a fuel with the bundled factor tables only (it takes no user factor "
            f"table): move the numbers of '{header}' into a column the tables count, "
            f"converted by energy content (into {like}; its CO2 is then counted per GJ as "
            "that fuel's), and say so in the dataset's README; or, for the inventory alone, "
            "carbonpath inventory with --factors, a user factor table with the rows of "
            f"'{fuel}' (calorific_value, carbon_content, oxidation_factor or emission_factor)")
