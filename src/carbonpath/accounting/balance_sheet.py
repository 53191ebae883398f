"""The published energy balance sheet (能源平衡表) -> carbonpath's tidy activity data.

China's statistical yearbooks publish a region's energy balance as a wide table: rows from
supply (production, inflows, imports, outflows, exports, bunkers, stock change) through
transformation (inputs negative, outputs positive: thermal power, heat supply, coal
washing, coking, refining, gas making ...), losses and final consumption by sector to the
statistical difference and total consumption; columns are energy products in physical
units (万吨, 亿立方米 at 20 °C, 亿千瓦时, 万百万千焦 = 1e10 kJ) and often a total in 万吨标准煤.

:func:`read_energy_balance` reads such a sheet (CSV in UTF-8 or GBK, Excel, or a
DataFrame), checks its totals, and returns a :class:`BalanceSheet` holding

* ``flows``: every number of the sheet as a tidy table (lossless; :meth:`BalanceSheet.to_wide`
  writes it back);
* ``activity``: the core's tidy activity table (:func:`carbonpath.read_activity`), built so
  that nothing is counted twice: fuel burned by thermal power and heat plants is combustion
  in ``thermal_power`` / ``heat_supply``; fuel entering coking, refining, gas making and the
  other transformation rows is ``transformation_input`` (counted where its products are
  used); transformation outputs, losses, the statistical difference and totals stay in the
  flows and are reported, not turned into activity;
* ``supply``: the supply side by fuel, for the reference approach.

How the sheet's rows and columns map to carbonpath codes is documented data
(:mod:`carbonpath.accounting.balance_mapping`), extendable by the user.

The reader is split by job: :mod:`.balance_grid` (cells), :mod:`.balance_layout` (header,
units, rows), :mod:`.balance_checks` (hierarchy and totals), :mod:`.balance_activity`
(activity rows) and :mod:`.balance_wide` (the wide layout); their names stay importable
from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._checks import checked
from carbonpath.accounting.activity.schema import MATERIAL_FUELS
from carbonpath.accounting.arguments import check_gas_condition, check_nonnegative
from carbonpath.accounting.balance_activity import (  # noqa: F401  (old import paths)
    _CARRIERS,
    _GENERATES,
    COMBUSTION_ROWS,
    _activity,
)
from carbonpath.accounting.balance_checks import (  # noqa: F401  (old import paths)
    _ancestors,
    _check,
    _difference_table,
    _section_totals,
    _tree,
    check_group_totals,
)
from carbonpath.accounting.balance_grid import (  # noqa: F401  (old import paths)
    _BLANKS,
    _ENGLISH_UNITS,
    _excel,
    _grid,
    _is_plain_volume,
    _number,
    _same_unit,
    _split_header,
    _text,
    _unit_text,
)
from carbonpath.accounting.balance_layout import (  # noqa: F401  (old import paths)
    _NOTE,
    _TITLE_UNIT,
    _UNIT_WORDS,
    _column_units,
    _data_rows,
    _Layout,
    _layout,
    _unrecognised_columns,
    has_balance_header,
)
from carbonpath.accounting.balance_magnitude import warn_header_units, warn_small_columns
from carbonpath.accounting.balance_mapping import balance_mapping, warn_unmatched_labels
from carbonpath.accounting.balance_total_tce import warn_total_column
from carbonpath.accounting.balance_wide import _add_totals, to_wide  # noqa: F401
from carbonpath.accounting.balance_year import (
    check_part_year,
    check_sheet_year,
    check_title_region,
    check_title_year,
)
from carbonpath.accounting.balance_yields import warn_coking_yields
from carbonpath.errors import ArgumentValueError, DataError
from carbonpath.numbers import check_format

__all__ = ["DEFAULT_NON_ENERGY_FUELS", "BalanceSheet", "has_balance_header",
           "read_energy_balance"]

#: Products whose final consumption is non-energy use (IPCC 2006 Vol.2 Ch.1 §1.2 and Vol.3
#: Ch.5: lubricants, paraffin waxes, bitumen and white spirit are used as materials and
#: solvents, not burned).
DEFAULT_NON_ENERGY_FUELS = MATERIAL_FUELS[:4]


# ---------------------------------------------------------------------------------------
# the result


@dataclass(frozen=True)
class BalanceSheet:
    """An energy balance sheet read into tidy tables.

    Attributes
    ----------
    flows : pandas.DataFrame
        One row per number of the sheet (blank cells have none): ``line`` (file line,
        header = the line shown in an editor; Excel row; or DataFrame index label),
        ``item`` (row code of ``balance_rows.csv``), ``label`` (as printed), ``section``,
        ``role``, ``fuel`` (column code), ``column`` (header as printed), ``value`` (float:
        as printed, except that rows printed with ``(-)`` (outflow, exports, bunkers to
        foreign carriers, closing stock) are stored negative whatever sign the sheet used),
        ``unit``, ``activity`` (the activity row it went into, e.g. ``thermal_power
        combustion``, or '' with the reason in ``note``), ``note``.
    activity : pandas.DataFrame
        The core's tidy activity table: ``sector``, ``fuel``, ``use``, ``value``, ``unit``,
        ``gas_condition``, ``note`` (and ``year``, ``region`` if given). Read it with
        :func:`carbonpath.read_activity` or pass it to :func:`carbonpath.compute_inventory`.
    checks : pandas.DataFrame
        Every total checked: ``line``, ``item``, ``fuel``, ``column``, ``stated``,
        ``computed``, ``difference``, ``tolerance``, ``ok``.
    source : str
        File name or description.
    units : dict
        Column code -> unit.
    gas_condition : str
        Reference condition of plain gas volumes (``20C``: China's energy statistics).
    year, region : optional
        As given.
    notes, skipped : list of str
        Note lines under the table; labelled lines without numbers that were not
        recognised (headings, English label lines): kept here, never silently lost.
    sheet : str or None
        The workbook sheet read (None for a CSV or DataFrame).
    """

    flows: pd.DataFrame
    activity: pd.DataFrame
    checks: pd.DataFrame
    source: str
    units: dict[str, str]
    gas_condition: str = "20C"
    year: int | None = None
    region: str | None = None
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    sheet: str | None = None

    def __repr__(self) -> str:
        return (f"BalanceSheet({self.source}: {self.flows['item'].nunique()} rows x "
                f"{self.flows['fuel'].nunique()} columns, {len(self.activity)} activity rows)")

    # -- reported parts -----------------------------------------------------------------

    def _pivot(self, roles: Sequence[str], fuel_only: bool = True) -> pd.DataFrame:
        f = self.flows[self.flows["role"].isin(roles) & self.flows["leaf"]]
        if fuel_only:
            f = f[f["kind"] == "fuel"]
        out = f.pivot_table(index="fuel", columns="item", values="value", aggfunc="sum",
                            observed=True, sort=False).fillna(0.0)
        out.columns.name = None
        out = out.reindex([c for c in self.units if c in out.index])
        out.insert(0, "unit", [self.units[c] for c in out.index])
        return out

    @property
    def supply(self) -> pd.DataFrame:
        """Supply by fuel (index) and supply row (columns), signed as contributions.

        Outflows, exports, bunkers to foreign carriers and closing stocks are negative;
        ``stock_change`` is as printed (an increase in stock is negative). Column
        ``apparent_consumption`` is their sum (IPCC 2006 Vol.2 Ch.6 Eq. 6.1's production +
        imports - exports - international bunkers - stock change, with a province's
        inflows counted as imports and outflows as exports); ``unit`` the column's unit.
        """
        roles = ("supply", "supply_out", "stock_change", "stock_opening", "stock_closing")
        out = self._pivot(roles)
        out["apparent_consumption"] = out.drop(columns="unit").sum(axis=1)
        return out

    @property
    def losses(self) -> pd.Series:
        """Losses by fuel, in the column's unit (reported; not emissions)."""
        t = self._pivot(("loss",))
        return t.drop(columns="unit").sum(axis=1) if len(t.columns) > 1 else pd.Series(
            dtype=float)

    @property
    def statistical_difference(self) -> pd.DataFrame:
        """Statistical difference by fuel.

        Columns ``stated`` (NaN if the sheet has no such row), ``computed`` (available +
        transformation - losses - final consumption) and ``unit``.
        """
        return _difference_table(self)

    @property
    def transformation(self) -> pd.DataFrame:
        """Transformation rows by fuel (index) and row (columns): inputs < 0, outputs > 0."""
        return self._pivot(("transformation",))

    @checked
    def to_wide(self, language: str = "zh", totals: bool = False) -> pd.DataFrame:
        """Write the flows back in the wide layout (the inverse of :func:`read_energy_balance`).

        Parameters
        ----------
        language : {"zh", "en"}
            Row labels and column headers in Chinese or English (header ``name (unit)``).
        totals : bool
            Add the total rows the flows lack (section totals, subtotals), computed from
            their parts, so that a reader checking totals finds them consistent.

        Returns
        -------
        pandas.DataFrame
            First column ``项目`` / ``item`` holds the row labels; one column per fuel.
        """
        return to_wide(self.flows, self.units, language=language, totals=totals)


@checked
def read_energy_balance(source: str | Path | pd.DataFrame, sheet: str | int | None = None,
                        mapping: Any = None, *, year: int | None = None,
                        region: str | None = None,
                        units: str | Mapping[str, str] | None = None,
                        gas_condition: str | None = None,
                        feedstock_use: str = "non_energy",
                        non_energy_fuels: Iterable[str] = DEFAULT_NON_ENERGY_FUELS,
                        check_totals: bool = True, tolerance: float | None = None,
                        name: str | None = None, decimal: str = ".",
                        thousands: str | None = ",") -> BalanceSheet:
    """Read a wide energy balance sheet (能源平衡表) into tidy tables.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A CSV file (UTF-8 or GBK, detected), an Excel workbook (``.xlsx``; needs the
        ``excel`` extra, openpyxl), or a DataFrame whose first text column holds the row
        labels. Title lines above the header and note lines below the table are allowed.
        Headers in Chinese or English; a header may carry its unit (``原煤(万吨)``,
        ``Raw Coal (10000 tons)``), or a row under the header starting with ``单位`` /
        ``unit`` may give the units, or a title line ``单位: 万吨标准煤`` may give one unit
        for every column.
    sheet : str or int, optional
        Excel sheet name or 0-based number. A name made of digits that is a sheet's title
        reads that sheet (``"1"`` with sheets ``1`` and ``2``); digits that are no title
        read the sheet of that number. A number that is no sheet's index but a sheet's name
        (a yearbook's sheet ``2022``) picks that sheet; a number that is one sheet's title
        and another sheet's index is refused as ambiguous
        (:func:`~carbonpath.accounting.balance_grid.resolve_sheet`). Messages about a
        workbook's cells name the sheet read (``b.xlsx, sheet '2021'``). Default: with ``year``,
        the one sheet named after the year (``2022``, ``2022年``); the first sheet if no
        sheet name holds a year; a :class:`~carbonpath.DataError` if several sheets are
        named after the year, or sheets are named after other years only
        (:func:`~carbonpath.accounting.balance_year.pick_sheet`). A title line above the
        header naming other years than ``year`` (``聊城市2021年能源平衡表``) warns
        (``BalanceYearWarning``), naming the title cell.
    mapping : dict, path or DataFrame, optional
        Extra labels: ``{"rows": {label: item}, "columns": {label: fuel or (fuel, unit)}}``
        or a CSV with columns ``axis, label, code, unit``
        (:meth:`~carbonpath.accounting.balance_mapping.BalanceMapping.extended`).
    year, region : optional
        Written into the activity table (else give them to ``compute_inventory``).
    units : str or dict, optional
        One unit for every column, or column code (or header, ``原煤`` or ``原煤(万吨)``) ->
        unit; a key naming no column is an error. A unit given twice that
        disagrees (header, unit row, this argument, title line) is an error. Columns
        without any take the unit of China's physical sheets (``balance_columns.csv``:
        万吨 for solids and liquids, 亿立方米 for gases, 亿千瓦时, 万百万千焦, 万吨标准煤).
    gas_condition : {"20C", "0C", "15C"}, optional
        Reference condition of the sheet's gas volumes. Default: the condition a note of the
        sheet declares (``天然气按20°C计量``,
        :func:`~carbonpath.accounting.balance_gas_note.declared_gas_condition`), else 20 °C
        (101.325 kPa), as China's energy statistics meter gas. Given and contradicting the
        sheet's note: an :class:`~carbonpath.errors.ArgumentValueError` naming both.
    feedstock_use : {"non_energy", "feedstock"}
        Use of industry's ``用作原料、材料`` (used as raw material) part: ``non_energy``
        (default: carbon stored in products, no emissions counted) or ``feedstock`` (carbon
        reported as process emissions from production data, e.g. ammonia).
    non_energy_fuels : iterable of str
        Fuels whose final consumption is non-energy use (default
        :data:`DEFAULT_NON_ENERGY_FUELS`).
    check_totals : bool
        Raise on totals that do not add up (default). ``False`` records them in
        ``checks`` only.
    tolerance : float, optional
        Absolute tolerance of a total, in the column's unit. Default: half a unit of the
        second decimal per summed term, (terms + 1) x 0.005, the rounding of a table printed
        to two decimals.
    name : str, optional
        Name used in messages (default: the file name).
    decimal : {".", ","}
        Decimal mark of the sheet's text cells (default ``"."``, as China's yearbooks).
    thousands : {",", None, ".", " ", "'"}
        Thousands separator of text cells (default ``","``); groups must have three digits,
        so ``1,5`` is refused (with its row and column) rather than read as 15 or 1.5.
        Numeric cells of a workbook or DataFrame are taken as they are.

    Returns
    -------
    BalanceSheet

    Raises
    ------
    DataError
        Unrecognised rows or columns (each listed with its line or header, closest known
        items and the mapping that would fix it); totals that do not add up (row, column,
        stated and computed totals); a cell that is not a number; a row printed twice; a
        transformation output where none can be (raw coal out of thermal power); final
        consumption under a total without a sector (第二产业 without 工业 and 建筑业); a
        cell of 其中:用作原料、材料 the line cannot hold (electricity or heat, a blank 工业
        cell, a negative part, a part above its whole).
    UnitError
        Mixed units in a column, or an unknown unit.
    EncodingError
        A CSV that is neither UTF-8 nor GBK.
    ImportError
        An Excel file without openpyxl installed (install ``carbonpath[excel]``).
    ArgumentValueError
        ``gas_condition`` contradicting the condition a note of the sheet declares;
        ``sheet`` given with a CSV or DataFrame, which has no sheets.
    """
    check_format(decimal, thousands)
    if gas_condition is not None:
        gas_condition = check_gas_condition(gas_condition)  # accounting/arguments.py
    check_nonnegative(tolerance, "tolerance", "0.5 (in the column's unit)", allow_none=True)
    cmap = balance_mapping(mapping)
    cells, lines, name, sheet_read = _grid(source, sheet, name, year)
    if sheet_read is not None and not name.endswith(f", sheet '{sheet_read}'"):
        name = f"{name}, sheet '{sheet_read}'"  # messages name the sheet too (round 19 T50)
    if feedstock_use not in ("non_energy", "feedstock"):
        raise ArgumentValueError(f"feedstock_use must be 'non_energy' or 'feedstock', not "
                         f"'{feedstock_use}'")
    try:
        layout = _layout(cells, lines, cmap, name)
    except DataError as exc:  # a notes page first: name the other sheets (XL02)
        from carbonpath.accounting.balance_sheet_hints import with_other_sheets

        raise with_other_sheets(exc, source, sheet) from None
    warn_unmatched_labels(cmap, cells, name)  # round 23 E81: a mapping label not in the sheet
    check_title_year(cells, lines, layout.header, year, name)  # A82
    check_part_year(cells, lines, layout.header, sheet_read, year, name)  # round 29 ZE83
    if sheet is not None:  # a sheet named on purpose (without, pick_sheet checked it)
        check_sheet_year(sheet_read, year, name)  # round 21 J113
    check_title_region(cells, lines, layout.header, region, name)  # round 11 C135
    col_units = _column_units(cells, lines, layout, cmap, units, name)
    raw = _data_rows(cells, lines, layout, cmap, name, (decimal, thousands))
    flows, notes, skipped = raw
    gas_condition = _gas_condition(gas_condition, notes, name)  # round 15 K104
    flows = _tree(flows, cmap)
    check_group_totals(flows, cmap, col_units, name)  # round 24 H60-H63, H80
    flows, checks = _check(flows, cmap, name, tolerance, check_totals)
    flows["unit"] = flows["fuel"].map(col_units).astype(object)
    flows["kind"] = flows["fuel"].map(cmap.column_kind)
    activity, flows = _activity(flows, cmap, name, gas_condition, feedstock_use,
                                set(non_energy_fuels), year, region)
    warn_small_columns(flows, col_units, name)  # round 12 E22: a header unit 10^4 off
    title_cells = [(lines[i], str(c)) for i, row in enumerate(cells[:layout.header])
                   for c in row if c is not None]
    title = " ".join(text for _, text in title_cells)
    warn_header_units(flows, col_units, name, cmap.default_unit, title,
                      title_cells)  # round 28 ZD34 ZD106, round 29 ZE82
    warn_coking_yields(flows, col_units, name)  # round 14 I53: the same, by the coking row
    warn_total_column(flows, col_units, name, year)  # round 15 K80: 合计 against fuels in tce
    order = ["line", "item", "label", "section", "role", "fuel", "column", "value", "unit",
             "activity", "note", "kind", "leaf"]
    return BalanceSheet(flows=flows[order].reset_index(drop=True), activity=activity,
                        checks=checks, source=name, units=col_units,
                        gas_condition=gas_condition, year=year, region=region, notes=notes,
                        skipped=skipped, sheet=sheet_read)


def _gas_condition(given: str | None, notes: list[str], name: str) -> str:
    """The option's gas condition, checked against the sheet's notes (default: theirs)."""
    from carbonpath.accounting.balance_gas_note import (
        check_note_agrees,
        declared_gas_condition,
        warn_vague_gas_notes,
    )

    check_note_agrees(notes, name, given)  # a note naming two conditions (round 16 M68)
    declared = declared_gas_condition(notes)
    if given is None:
        used = "20C" if declared is None else declared[0]
        warn_vague_gas_notes(notes, name, used)  # round 25 Z21: 按标准状态计量
        return used
    if declared is not None and declared[0] != given:  # an option's error, not the sheet's
        raise ArgumentValueError(
            f"{name}: the option gas_condition (--gas-condition) {given} contradicts the "
            f"sheet's own note, which declares its gas volumes at {declared[0]}: "
            f"'{declared[1]}'; valid: leave the option out (the note's {declared[0]} is then "
            "used), or correct the note if the sheet's gas really is metered otherwise")
    return given

