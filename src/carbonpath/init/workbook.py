"""The planner's workbook: ``carbonpath template FILE.xlsx`` and ``init --workbook FILE.xlsx``.

One sheet per input (balance, production, capacity, drivers, growth, targets, committed
projects, captive plants; the last two optional, so that a workbook of an earlier template
still reads), headers in
Chinese and English, a unit column, drop-down lists (data validation) for codes, and a sheet
of instructions. Reading it back checks every header against the template's and names the
sheet, row (Excel row number) and column of every problem. Needs ``openpyxl`` (the
``excel`` extra).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath.errors import DataError, Problem
from carbonpath.init.example import MARK, example_balance, example_rows, sort_examples
from carbonpath.init.workbook_cells import holds_nothing, merged_ranges
from carbonpath.numbers import not_a_number

__all__ = ["SHEETS", "read_workbook", "write_template"]

#: sheet name -> [(code, Chinese, English, width)]
SHEETS: dict[str, list[tuple[str, str, str, int]]] = {
    "production": [("product", "产品", "product", 28), ("value", "产量", "value", 12),
                   ("unit", "单位", "unit", 10), ("technology", "工艺", "technology", 20),
                   ("source", "来源", "source", 50)],
    "capacity": [("type", "类型", "type", 18), ("value", "装机容量", "value", 12),
                 ("unit", "单位", "unit", 10), ("source", "来源", "source", 50)],
    "drivers": [("driver", "指标", "driver", 26), ("year", "年份", "year", 8),
                ("value", "数值", "value", 12), ("unit", "单位", "unit", 12),
                ("source", "来源", "source", 50)],
    "growth": [("driver", "指标", "driver", 14), ("start", "起始年", "start", 8),
               ("end", "终止年", "end", 8), ("rate", "年增长率", "rate", 10),
               ("source", "来源", "source", 50)],
    "targets": [("name", "名称", "name", 18), ("type", "类型", "type", 20),
                ("year", "年份", "year", 8), ("relative_to", "基准年", "relative_to", 10),
                ("value", "数值", "value", 10), ("unit", "单位", "unit", 10),
                ("status", "性质", "status", 12), ("source", "来源", "source", 50)],
    "committed": [("type", "类型", "type", 18), ("year", "投产年份", "year", 10),
                  ("value", "装机容量", "value", 12), ("unit", "单位", "unit", 10),
                  ("source", "来源", "source", 50)],
    "captive": [("part", "项目", "part", 14), ("code", "代码", "code", 22),
                ("value", "数值", "value", 12), ("unit", "单位", "unit", 10),
                ("source", "来源", "source", 50)],
}
#: Sheets an older template did not have: a workbook without them reads as if they were empty.
OPTIONAL_SHEETS = ("committed", "captive")
#: Sheets of the template that are not inputs (read by no reader, but expected).
KNOWN_SHEETS = ("README", "codes", "balance")
BALANCE_COLUMNS = ["raw_coal", "cleaned_coal", "coke", "coke_oven_gas", "gasoline", "kerosene",
                   "diesel", "fuel_oil", "lpg", "bitumen", "natural_gas", "solid_biomass",
                   "heat", "electricity"]
BALANCE_ROWS = ["available", "production", "inflow", "imports", "outflow", "exports",
                "stock_change", "transformation", "thermal_power", "heat_supply", "coking",
                "losses", "final", "primary_industry", "agriculture", "secondary_industry",
                "industry", "industry_feedstock", "construction", "tertiary_industry",
                "transport", "commercial", "other_services", "residential",
                "residential_urban", "residential_rural", "statistical_difference",
                "consumption_total"]
TARGET_TYPES = {"peak_year": ("year",), "cap": ("value", "unit"),
                "reduction": ("year", "relative_to", "value"),
                "emission_intensity": ("year", "relative_to", "value"),
                "energy_intensity": ("year", "relative_to", "value"),
                "nonfossil_share": ("year", "value")}
def _example_grid() -> list[list[float | None]]:
    """The example balance as the template's cells: one list per row of BALANCE_ROWS."""
    values = example_balance(BALANCE_COLUMNS)
    return [[values.get((item, fuel)) for fuel in BALANCE_COLUMNS] for item in BALANCE_ROWS]


def _balance_difference(ws: Any) -> str | None:
    """Where a balance sheet first differs from the template's example; None if nowhere.

    Returns
    -------
    str or None
        The cell (``cell B2 holds the text '1,137' where the example has the number 1137``)
        or the count of rows that differs, so that a note saying "the balance is the city's
        own" can point at it (round 16 M82: a cell retyped as text made the example a
        city's own balance without a word on the cell).
    """
    from openpyxl.utils import get_column_letter

    grid = _example_grid()
    cells = [(i, list(r[1:1 + len(BALANCE_COLUMNS)])) for i, r in enumerate(
        ws.iter_rows(min_row=2, values_only=True), start=2)]
    cells = [(i, c) for i, c in cells if any(v not in (None, "") for v in c)]
    want = [list(row) for row in grid if any(v is not None for v in row)]
    for (line, got), row in zip(cells, want, strict=False):
        got = got + [None] * (len(row) - len(got))
        for j, (a, b) in enumerate(zip(got, row, strict=True)):
            a = None if a in (None, "") else a
            if (a is None) == (b is None) and (a is None or (
                    isinstance(a, (int, float)) and float(a) == b)):
                continue
            cell = f"cell {get_column_letter(j + 2)}{line}"
            if isinstance(a, str):
                return (f"{cell} holds the text '{a}' where the example has "
                        f"{'a blank' if b is None else f'the number {b:g}'} (a number typed "
                        "as text is no number to the comparison)")
            return f"{cell} holds {a!r} where the example has {'a blank' if b is None else b}"
    if len(cells) != len(want):
        return f"it has {len(cells)} rows of numbers where the example has {len(want)}"
    return None


def _openpyxl() -> None:
    """Fail with the install hint when the ``excel`` extra is missing."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ImportError("the planner's workbook needs openpyxl: install carbonpath[excel] "
                          "(carbonpath init from CSV files does not)") from None


def _header(sheet: str) -> list[str]:
    return [f"{zh} {en}" for _, zh, en, _ in SHEETS[sheet]]


def _codes() -> dict[str, list[str]]:
    from carbonpath.catalogue import load_catalogue
    from carbonpath.codes import products
    from carbonpath.init.captive import PARTS
    from carbonpath.init.captive_heat import heat_types
    from carbonpath.init.inputs import DRIVERS
    from carbonpath.init.mapping import read_mapping

    mapping = read_mapping()
    return {"product": list(products().codes),
            "type": mapping.items("power") + mapping.items("capacity"),
            "driver": list(DRIVERS), "growth_driver": ["gdp", "population"],
            "target_type": list(TARGET_TYPES), "status": ["commitment", "assumption"],
            "captive_part": list(PARTS), "captive_heat_type": heat_types(load_catalogue()),
            "unit_mass": ["万吨", "t", "kt", "Mt"], "unit_power": ["万千瓦", "MW", "GW"]}


def write_template(path: str | Path) -> Path:
    """Write the planner's workbook template to ``path`` (an ``.xlsx`` file).

    Raises
    ------
    OutputFolderError
        If ``path`` names a folder (``.``, ``out/``), or exists and is not a template
        carbonpath wrote there, unchanged since (a planner's filled workbook, or any file
        of the user's, is never overwritten; the folder's ``.carbonpath-manifest.json``
        holds the checksums), or it cannot be written; checked before the workbook is
        built.
    ArgumentValueError
        An empty ``path``, or one not ending in ``.xlsx`` (a workbook under another name
        would not open by its suffix).
    ImportError
        If openpyxl is missing (install ``carbonpath[excel]``).
    """
    _openpyxl()
    from carbonpath._checks import blank_path, check_types, home_path
    from carbonpath.output_file import output_file
    from carbonpath.outputs import prepare

    blank_path("write_template", "path", path, file="template.xlsx")  # '' is not '.'
    check_types("write_template", path=(path, (str, os.PathLike)))
    path = output_file(home_path(path), (".xlsx",), "the template (write_template())",
                       "an Excel workbook", "template.xlsx")  # round 29 ZE105, ZE106
    with prepare(path.parent, will_write=[path.name], option="template",
                 command="template") as out:
        _build().save(out.path(path.name))
    return path


def _build() -> Any:
    """The template workbook (an ``openpyxl.Workbook``)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from carbonpath.accounting.balance_mapping import balance_mapping

    wb = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    readme = wb.active
    readme.title = "README"
    for line in _instructions():
        readme.append([line])
    readme.column_dimensions["A"].width = 120
    codes = wb.create_sheet("codes")
    lists = _codes()
    ranges = {}
    for j, (key, values) in enumerate(lists.items(), start=1):
        letter = codes.cell(row=1, column=j).column_letter
        codes.cell(row=1, column=j, value=key).font = bold
        for i, v in enumerate(values, start=2):
            codes.cell(row=i, column=j, value=v)
        ranges[key] = f"codes!${letter}$2:${letter}${len(values) + 1}"
    cmap = balance_mapping()
    bal = wb.create_sheet("balance", 1)
    cols = cmap.columns.set_index("code")
    rows = cmap.rows.set_index("item")
    bal.append(["项目 Item"] + [f"{cols.loc[c, 'name_zh']} {c} ({cols.loc[c, 'unit']})"
                                for c in BALANCE_COLUMNS])
    grid = _example_grid()
    for i, item in enumerate(BALANCE_ROWS):
        bal.append([f"{rows.loc[item, 'name_zh']} {rows.loc[item, 'name_en']}", *grid[i]])
    bal.column_dimensions["A"].width = 60
    for cell in bal[1]:
        cell.font, cell.fill = bold, fill
    bal["A1"].comment = Comment("能源平衡表(实物量)。填数字;空白=0。Energy balance in physical "
                                "units; a blank cell is zero. Outflows, exports and stock builds "
                                "negative (-). The numbers are the worked example (a synthetic "
                                "city, not statistics): replace them.", "carbonpath")
    examples = example_rows()
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        ws.append(_header(sheet))
        for row in examples.get(sheet, []):
            ws.append(row)
        for j, (code, _zh, _en, width) in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[cell.column_letter].width = width
            key = {("production", "product"): "product", ("capacity", "type"): "type",
                   ("drivers", "driver"): "driver", ("growth", "driver"): "growth_driver",
                   ("targets", "type"): "target_type", ("targets", "status"): "status",
                   ("production", "unit"): "unit_mass",
                   ("capacity", "unit"): "unit_power", ("committed", "type"): "type",
                   ("committed", "unit"): "unit_power",
                   ("captive", "part"): "captive_part"}.get((sheet, code))
            if key:
                dv = DataValidation(type="list", formula1=f"={ranges[key]}", allow_blank=True,
                                    showErrorMessage=key not in ("unit_mass", "unit_power"))
                dv.error = f"请从列表中选择 / choose a code of the list ({key})"
                ws.add_data_validation(dv)
                dv.add(f"{cell.column_letter}2:{cell.column_letter}500")
        ws.freeze_panes = "A2"
    return wb


def _instructions() -> list[str]:
    return [
        "carbonpath 城市碳达峰数据模板 / carbonpath workbook for a city's statistics",
        "",
        "1. balance 能源平衡表: 按统计年鉴的能源平衡表(实物量)填写; 可增删燃料列(列名含单位)。"
        " Fill in the energy balance (physical units) as published; columns may be added "
        "(header with its unit), rows keep their labels.",
        "2. production 产品产量: 工业产品产量 (熟料、合成氨、电解铝、粗钢 ...), 用于过程排放。 "
        "Industrial output for process emissions; product codes from the drop-down list.",
        "3. capacity 装机容量: 年末装机容量, 按类型 (coal, gas, pv, wind_onshore, "
        "wind_offshore ...). Installed capacity at the end of the base year.",
        "4. drivers 经济社会: 基准年GDP(亿元, 不变价)与常住人口(万人) 必填; 可选电网排放因子、"
        "非化石电力比重。 GDP and population of the base year are required.",
        "5. growth 增长假设: GDP、人口的年增长率 (0.05 = 5%)。 Annual growth rates.",
        "6. targets 目标: 规划目标 (peak_year, cap, reduction, emission_intensity, "
        "energy_intensity, nonfossil_share); 空表则用国家与省级指标作为起点。 Plan targets; "
        "an empty sheet takes the national and provincial indicator set. 总量上限 (cap) 填了"
        "年份则只约束该年, 不填年份则约束每个模型年份。 A cap row with a year binds that year "
        "only; a cap row without a year binds every model year.",
        "7. committed 已定项目 (可选): 基准年之后投产的已核准项目, 按类型、投产年份、容量。 "
        "Committed projects (optional): capacity of a type coming online in a year after the "
        "base year.",
        "8. captive 自备电厂 (可选): part=capacity (类型, 自备装机), generation (可选, "
        "自备发电量), heat_capacity (供热类型, 自备锅炉/热电的供热容量), heat_output (可选, "
        "自备供热量), serves (所服务的行业代码, 如 industry), tie (并网联络线容量)。 "
        "Captive plants (optional): their capacity by type, optionally their generation, "
        "captive heat plants by heat type (heat_capacity, optionally heat_output; heat types "
        "in the codes sheet: the catalogue's boilers and CHP classes), the sectors they serve "
        "and the tie's rating; the dataset then has regions city and captive.",
        "",
        "每个数值都要写来源 (文件、表号) 或 'assumption: 理由'。 Every value needs a source "
        "or 'assumption: why'.",
        "数值单元格只填数字, 单位写在 unit 列 (填 500 与 MW, 不要填 '500 MW'); 不用千位分隔符"
        "和小数逗号。 A value cell holds a plain number in the unit of the row's unit column "
        "(500 and MW, not '500 MW'); no thousands separators and no decimal commas.",
        "不要修改表头 (第一行)。 Do not edit the headers (row 1): carbonpath checks them.",
        f"表中数字是示例 (合成数据, 非统计数据), 来源以 '{MARK}' 开头: 请用本市数据覆盖。"
        " The numbers in the sheets are a worked example (a synthetic city, not "
        f"statistics); example rows have a source beginning '{MARK}'. Unchanged, init "
        "writes the example city; once the balance holds the city's numbers, example rows "
        "left in the other sheets are skipped with a notice.",
        "然后运行 / then run: carbonpath init --workbook FILE.xlsx --region CN-SD "
        "--base-year 2023 --horizon 2035 --out my-city",
    ]


def read_workbook(path: str | Path) -> dict[str, Any]:
    """Read a filled workbook into the inputs of :func:`carbonpath.init.init_dataset`.

    Returns
    -------
    dict
        ``balance`` (BalanceSheet is read later from the file and sheet: here the path and
        sheet name), ``production``, ``capacity``, ``drivers``, ``growth``, ``committed``,
        ``captive`` (DataFrames indexed by Excel row, or None when empty or absent),
        ``targets`` (list of plan targets or None), ``target_rows`` (the Excel row of
        each target, in order), ``names`` (how each input is named in
        messages: ``FILE.xlsx, sheet 'capacity'``), ``notices`` (what was done with the
        template's example rows, :func:`carbonpath.init.example.sort_examples`).

    Raises
    ------
    DataError
        A missing sheet, a sheet the template does not have and that holds a value (a
        renamed or copied sheet: names it and the template's sheets; a blank sheet or a
        chart sheet is passed over), a formula cell without a calculated value
        (names sheet, row and column), an edited or missing header (names the sheet, the
        column and the
        header the template has), a bad target row (sheet, row, column, what is valid).
    """
    _openpyxl()
    from openpyxl.utils import get_column_letter

    from carbonpath._io import open_workbook, uncached_formulas

    path = Path(path)
    if not path.exists():
        raise DataError(Problem("file not found", file=str(path)))
    wb = open_workbook(path)
    problems: list[Problem] = []
    out: dict[str, Any] = {"names": {}}
    for sheet in ("balance", *SHEETS):
        if sheet not in wb.sheetnames and sheet not in OPTIONAL_SHEETS:
            problems.append(Problem(f"sheet '{sheet}' missing", file=path.name,
                                    valid=", ".join(("balance", *SHEETS))))
    known = KNOWN_SHEETS + tuple(SHEETS)
    for sheet in wb.sheetnames:
        if sheet not in known and not holds_nothing(wb[sheet]):  # KF18 KF50: blank, chart
            problems.append(Problem(
                f"sheet '{sheet}' is not a sheet carbonpath reads (a renamed or copied sheet "
                "would be ignored)", file=path.name, value=sheet,
                valid=f"the template's sheets {', '.join(known)}; rename it back, copy its rows "
                      "into the template's sheet, or delete it"))
    DataError.collect(problems, path.name)
    problems += uncached_formulas(path, wb, ("balance", *SHEETS))
    problems += merged_ranges(path, [s for s in SHEETS if s in wb.sheetnames])  # K64
    problems += _balance_units(path.name, wb["balance"])
    DataError.collect(problems, path.name)
    for sheet in SHEETS:
        name = f"{path.name}, sheet '{sheet}'"
        out["names"][sheet] = name
        if sheet not in wb.sheetnames:  # an optional sheet of a newer template
            out[sheet] = None
            continue
        ws = wb[sheet]
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        header = [("" if v is None else str(v).strip()) for v in (values[0] if values else [])]
        expected = _header(sheet)
        for j, want in enumerate(expected):
            got = header[j] if j < len(header) else ""
            if got != want:
                letter = get_column_letter(j + 1)  # a deleted column: past the last cell
                problems.append(Problem("header edited or missing", file=name, row=1,
                                        column=f"{letter} ('{got}')", value=got,
                                        valid=f"'{want}' (the template's header; "
                                        "carbonpath template writes a fresh one)"))
        extra = [h for h in header[len(expected):] if h]
        for h in extra:
            problems.append(Problem("unknown column", file=name, row=1, column=h,
                                    valid=", ".join(expected)))
        problems += _outside(values, header, sheet, name)
        body = [r[:len(expected)] + [None] * (len(expected) - len(r)) for r in values[1:]]
        frame = pd.DataFrame(body, columns=[c for c, *_ in SHEETS[sheet]])
        frame.index = range(2, 2 + len(frame))
        frame = frame[frame.notna().any(axis=1)]
        out[sheet] = frame if len(frame) else None
    DataError.collect(problems, path.name)
    differs = _balance_difference(wb["balance"])
    out, notices = sort_examples(out, differs is None, list(SHEETS))
    if differs is not None and notices:  # where it differs, first (round 16 M82)
        notices = [f"sheet 'balance': it differs from the template's example: {differs}",
                   *notices]
    for sheet in SHEETS:  # the readers name the Excel row of every problem
        if out[sheet] is not None:
            out[sheet].attrs["rows"] = "excel"
    out["notices"] = notices
    out["balance"] = (path, "balance")
    out["names"]["balance"] = f"{path.name}, sheet 'balance'"
    frame = out.pop("targets")
    out["targets"] = _targets(frame, out["names"]["targets"])
    out["target_rows"] = [] if frame is None else [int(r) for r in frame.index]
    return out


def _outside(values: list[list[Any]], header: list[str], sheet: str,
             name: str) -> list[Problem]:
    """Filled cells right of an input sheet's last column, under a blank header.

    The readers take the template's columns only, so such a cell would be dropped (round 18
    W06: a year typed in I2 of ``targets`` beside the row's ``source``). A number (or text
    reading as one) is an error naming the sheet, row and column; other text is a note
    and gets a :class:`~carbonpath.errors.CarbonpathWarning` naming the cell, since it is
    not read either. A column with a header is an "unknown column" already.

    Returns
    -------
    list of Problem
        One per numeric cell outside, with the Excel row and column letter.
    """
    import warnings

    from openpyxl.utils import get_column_letter

    from carbonpath.errors import CarbonpathWarning

    problems = []
    width = len(SHEETS[sheet])
    last = get_column_letter(width)
    for line, row in enumerate(values[1:], start=2):
        for j, v in enumerate(row[width:], start=width):
            if _cell(v) is None or (j < len(header) and header[j]):
                continue
            cell = f"{get_column_letter(j + 1)}{line}"
            try:
                float(str(v).strip())
            except ValueError:
                warnings.warn(f"{name}, row {line}, column {get_column_letter(j + 1)}: the text "
                              f"{str(v)!r:.60} lies right of the sheet's last column ({last}) "
                              "and is not read; a note belongs in the source column",
                              CarbonpathWarning, stacklevel=3)
                continue
            problems.append(Problem(
                f"cell {cell} holds a value right of the sheet's last column ({last}), which "
                "nothing reads (it would be dropped)", file=name, row=line,
                column=get_column_letter(j + 1), value=v,
                valid=f"an empty cell; the sheet reads columns A..{last} "
                      f"({', '.join(c for c, *_ in SHEETS[sheet])}): "
                      "move the value into its column"))
    return problems


def _balance_units(file: str, ws: Any) -> list[Problem]:
    """Balance columns whose header has no unit carbonpath knows (an edited header).

    The template writes every balance column as ``<名称> <code> (<unit>)``; the energy
    balance reader, made for published sheets, would take a column without a unit in the
    mapping's default unit (a header edited to ``原煤 raw_coal (吨X)`` would read as 万吨).

    Parameters
    ----------
    file : str
        The workbook's file name (for messages).
    ws : openpyxl worksheet
        The ``balance`` sheet.

    Returns
    -------
    list of Problem
        One per header cell of row 1 (after the label column) without a known unit,
        naming the sheet, row 1, the column and the header text.
    """
    from openpyxl.utils import get_column_letter

    from carbonpath.accounting.balance_grid import _split_header

    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    out = []
    for j, cell in enumerate(header[1:], start=2):
        text = "" if cell is None else str(cell).strip()
        if text and not _split_header(text)[1]:
            out.append(Problem(
                "balance column header without a unit carbonpath knows (edited?)",
                file=f"{file}, sheet 'balance'", row=1,
                column=f"{get_column_letter(j)} ('{text}')", value=text,
                valid="'<名称> <code> (<unit>)' as the template writes it, e.g. "
                "'原煤 raw_coal (万吨)'; units such as 万吨, 亿立方米, 万百万千焦, 亿千瓦时"))
    return out


#: The targets sheet's optional cells, by target type: column -> the plan.yaml key it fills.
TARGET_OPTIONAL = {"cap": {"year": "years"}}


def _targets(frame: pd.DataFrame | None, name: str) -> list[dict] | None:
    """The targets sheet as plan.yaml targets; every filled cell is read or refused.

    A ``cap`` row's year becomes ``years: [year]`` (the cap binds that year only; a cap
    row without a year binds every model year). A cap's unit is a mass of CO2 (``Mt CO2``,
    ``万吨 CO2``); a plain mass such as ``万吨`` (the template's unit list) is read as of
    CO2. A filled cell the row's type does not read (say a ``relative_to`` on a ``cap``
    row, or a unit on a share) is an error naming it, never dropped.

    Raises
    ------
    DataError
        Naming sheet, row and column of every unknown type, missing or unread cell, bad
        year, number or unit.
    """
    if frame is None:
        return None
    problems: list[Problem] = []
    targets = []
    for line, row in frame.iterrows():
        ttype = row["type"]
        if ttype not in TARGET_TYPES:
            problems.append(Problem("unknown target type", file=name, row=line, column="type",
                                    value=ttype, valid=", ".join(TARGET_TYPES)))
            continue
        # pandas reads an empty cell beside a filled one as NaN; a dict keeps None (a
        # Series.map may turn it back into NaN: round 17 O62, empty cells named as filled)
        row = {key: _cell(v) for key, v in row.items()}
        target: dict[str, Any] = {"name": str(row["name"] or f"{ttype}_{line}"),
                                  "type": ttype,
                                  "status": row["status"] or "assumption",
                                  "source": str(row["source"] or "")}
        if not target["source"]:
            problems.append(Problem("a target needs its source", file=name, row=line,
                                    column="source"))
        optional = TARGET_OPTIONAL.get(ttype, {})
        for key in ("year", "relative_to", "value", "unit"):
            v = row[key]
            empty = v is None
            if key not in TARGET_TYPES[ttype] and key not in optional:
                if not empty:
                    used = [*TARGET_TYPES[ttype], *optional]
                    problems.append(Problem(
                        f"a {ttype} target does not read '{key}' (the cell would be "
                        "dropped)", file=name, row=line, column=key, value=v,
                        valid=f"an empty cell; a {ttype} row reads {', '.join(used)}"))
                continue
            if empty:
                if key not in optional:
                    problems.append(Problem(f"a {ttype} target needs '{key}'", file=name,
                                            row=line, column=key))
                continue
            if key in ("year", "relative_to"):
                try:
                    year = _year(v)
                except (TypeError, ValueError):
                    problems.append(Problem(_not_a_year(v), file=name,
                                            row=line, column=key, value=v,
                                            valid="an integer year"))
                    continue
                target[optional.get(key, key)] = [year] if key in optional else year
            elif key == "value":
                try:
                    target[key] = float(v)
                except (TypeError, ValueError):
                    problems.append(Problem(not_a_number(v), file=name, row=line,
                                            column=key, value=v, valid="a number"))
            else:
                unit = _cap_unit(str(v).strip())
                if unit is None:
                    problems.append(Problem(
                        f"a {ttype} target's unit is not a mass of CO2", file=name, row=line,
                        column=key, value=v,
                        valid="a mass of CO2 such as Mt CO2, 万吨 CO2, or a plain mass "
                        "(万吨, t, kt, Mt; read as of CO2)"))
                    continue
                target[key] = unit
        targets.append(target)
    DataError.collect(problems, name)
    return targets


def _cell(v: Any) -> Any:
    """A cell's value, None for an empty one (None, NaN, blank text)."""
    if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
        return None
    return v


def _not_a_year(v: Any) -> str:
    """Why a cell is not a year: ``2030年`` is the year with the word 年 (round 17 O62)."""
    import re

    hit = re.fullmatch(r"\s*(\d{4})\s*年\s*", str(v))
    if hit:
        return (f"not a year: '{v}' is the year {hit[1]} with the word 年; give the year "
                f"alone ({hit[1]})")
    return not_a_number(v, "not a year")


def _year(v: Any) -> int:
    """An integer year from a cell (2030, 2030.0, "2030"); ValueError for 2030.5 or text."""
    number = float(v)
    if number != int(number):
        raise ValueError(v)
    return int(number)


def _cap_unit(text: str) -> str | None:
    """A cap's unit as plan.yaml reads it (a mass of CO2), or None if it is not one."""
    from carbonpath.errors import UnitError
    from carbonpath.units import unit_factor

    for unit in (text, f"{text} CO2"):
        try:
            unit_factor(unit, "t CO2")
        except UnitError:
            continue
        return unit
    return None
