"""Round 25 (tester KA): init balance-sheet messages (rel87).

KA38 negative coking output named; KA122 stock change given twice; KA95 footnote marks;
KA102 a year typed with 年; KA79b a gas condition in a header's unit (and init of a sheet
noted at 0 °C); KA15 a burned column the bundled factor tables cannot count (and the energy
content of converter gas from the tables' NCV); KA23 a 其中 row; KA137 a 煤层气 column.
"""

from __future__ import annotations

import csv

import pytest

import carbonpath as cp
from carbonpath.errors import DataError, UnitError
from carbonpath.factors import bundled_factors
from carbonpath.init import init_dataset
from carbonpath.init.supply import FuelUnits
from carbonpath.numbers import number_hint
from carbonpath.units import parse_unit
from tests.init_sample import BALANCE, SAMPLE


def _sheet(tmp_path, edit, name="b.csv"):
    """The sample balance with ``edit(rows)`` applied (rows: lists of cells, line = index+1)."""
    rows = list(csv.reader(BALANCE.open(encoding="utf-8")))
    edit(rows)
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _cell(rows, label, header):
    """Row and column index of the sample's cell (row label prefix, header prefix)."""
    i = next(k for k, r in enumerate(rows) if r and r[0].startswith(label))
    j = next(k for k, h in enumerate(rows[1]) if h.startswith(header))
    return i, j


def _read(path, **kw):
    return cp.read_energy_balance(path, region="CN-SD", year=2022, **kw)


# --- KA38: a negative output of coking fails three totals; the cause is named first -------

def test_negative_coking_output_is_named_with_its_fix(tmp_path):
    def edit(rows):
        i, j = _cell(rows, "3.炼焦", "焦炭")
        rows[i][j] = "-80.00"
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, edit))
    first = err.value.problems[0]
    # coking row is line 15; 80 -> -80 moves the transformation total by 2 x 80 = 160
    assert first.row == 15
    assert first.column == "焦炭(万吨)"
    assert "negative output" in first.message
    assert "80.00" in str(first.valid)
    assert any("difference +160" in p.message for p in err.value.problems[1:])


def test_negative_input_of_coking_is_not_called_an_output(tmp_path):
    """Washed coal -110 -> -100 in 炼焦 fails totals by 10, not by twice a cell: no hint."""
    def edit(rows):
        i, j = _cell(rows, "3.炼焦", "洗精煤")
        rows[i][j] = "-100.00"
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, edit))
    assert not any("negative output" in p.message for p in err.value.problems)


# --- KA122: 库存增减 -5 kept beside 年初 50 and 年末 55 ---------------------------------------

def _stocks(opening, closing):
    def edit(rows):
        i, _ = _cell(rows, "8.库存增", "原煤")
        width = len(rows[1])
        for k, (label, v) in enumerate((("年初库存量", opening), ("年末库存量", closing)), 1):
            rows.insert(i + k, [label, v] + [""] * (width - 2))
    return edit


def test_stock_change_given_twice_is_named(tmp_path):
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, _stocks("50.00", "55.00")))
    first = err.value.problems[0]
    # 50 - 55 = -5, the 库存增减 cell: available off by +5 (1137 stated, 1132 computed)
    assert "given twice" in first.message
    assert first.row == 11
    assert first.column == "原煤(万吨)"
    assert "keep one" in str(first.valid)
    assert "+5" in err.value.problems[1].message


def test_other_stock_rows_are_not_called_a_double(tmp_path):
    """Opening 50, closing 60 (-10) is not the change -5: the totals fail, no 'twice'."""
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, _stocks("50.00", "60.00")))
    assert not any("given twice" in p.message for p in err.value.problems)


# --- KA95, KA102: a footnote mark and a year with 年 are no units -------------------------

@pytest.mark.parametrize(("text", "said"), [
    ("-780.00①", "footnote mark ('①')"), ("12.5*", "footnote mark ('*')"),
    ("3.2²", "footnote mark ('²')"), ("2023年", "a year written with '年': give the year "
                                               "alone (2023)"),
    ("2023年度", "give the year alone (2023)")])
def test_number_hints_for_marks_and_years(text, said):
    hint = number_hint(text)
    assert said in hint
    assert "'unit' column" not in hint


def test_thirty_years_stays_a_number_with_a_unit():
    assert "a number with a unit ('年')" in number_hint("30年")


def test_year_with_nian_in_an_activity_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,year,region\nindustry,raw_coal,5,万吨,2022年,CN-SD\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_activity(path)
    p = err.value.problems[0]
    assert p.column == "year"
    assert "give the year alone (2022)" in p.message


def test_footnote_mark_in_a_balance_cell(tmp_path):
    def edit(rows):
        i, j = _cell(rows, "1.火力", "原煤")
        rows[i][j] = "-780.00①"
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, edit))
    p = err.value.problems[0]
    assert p.row == 13
    assert "footnote mark ('①')" in p.message
    assert "(-780.00)" in p.message


# --- KA79b: a gas condition written in a header's unit ------------------------------------

@pytest.mark.parametrize(("unit", "said", "note"), [
    ("亿立方米，标准状态", "names no temperature", "按0°C计量' (or 按20°C计量)"),
    ("亿立方米;0℃", "'0℃' is 0 °C", "按0°C计量"),
    ("亿立方米;标况", "'标况' is 0 °C", "按0°C计量")])
def test_gas_condition_in_a_header_unit(tmp_path, unit, said, note):
    def edit(rows):
        _, j = _cell(rows, "项目", "天然气")
        rows[1][j] = f"天然气({unit})"
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, edit))
    p = err.value.problems[0]
    assert said in p.message
    assert note in str(p.valid)
    assert "'天然气(亿立方米)'" in str(p.valid)


@pytest.mark.parametrize(("unit", "rest"), [("亿立方米(0℃)", "'亿立方米'"),
                                            ("亿立方米，标准状态", "'亿立方米'"),
                                            ("m3 at 20°C", "'m3'")])
def test_gas_condition_in_a_unit_text_is_named(unit, rest):
    """Tidy rows: a unit is read as a unit, the condition goes in gas_condition."""
    with pytest.raises(UnitError) as err:
        parse_unit(unit)
    p = err.value.problems[0]
    assert "gas condition" in p.message
    assert f"the unit {rest} with the row's gas_condition" in str(p.valid)


def test_init_takes_volumes_at_0c():
    """1 亿m3 at 0 °C is 1e8 x 293.15 / 273.15 = 1.073220e8 m3 at 20 °C (same gas, warmer)."""
    unit, factor = FuelUnits.canonical("natural_gas", "亿立方米", "0C")
    assert unit == "m3_20C"
    assert factor == pytest.approx(1e8 * 293.15 / 273.15, rel=1e-9)


# --- KA15: a burned column the bundled tables cannot count --------------------------------

def test_gangue_column_refused_by_init_with_its_line(tmp_path):
    def edit(rows):
        rows[1].append("煤矸石(万吨)")
        for r in rows[2:32]:
            r.append("")
        for label, v in (("一、可供", "50"), ("2.外省", "50"), ("二、加工", "-50"),
                         ("1.火力", "-50"), ("六、消费", "50")):
            i, _ = _cell(rows, label, "原煤")
            rows[i][-1] = v
    with pytest.raises(DataError) as err:
        init_dataset(_sheet(tmp_path, edit), out=tmp_path / "out", **SAMPLE)
    p = err.value.problems[0]
    assert (p.file, p.row, p.column) == ("b.csv", 13, "煤矸石(万吨)")
    assert "takes no user factor table" in str(p.valid)
    assert "原煤(万吨)" in str(p.valid)


def test_converter_gas_energy_content_from_the_tables_ncv():
    """No GB/T 2589 row: the NDRC NCV 79.54 GJ/10^4 Nm3 = 79.54e-4 x 273.15/293.15 GJ/m3_20C."""
    units = FuelUnits(bundled_factors(), "CN-SD", 2022)
    got = units.gj("converter_gas", "m3_20C", "industry converter_gas")
    assert got == pytest.approx(79.54e-4 * 273.15 / 293.15, rel=1e-6)


# --- KA23, KA137: a 其中 row; a 煤层气 column ---------------------------------------------

def _steel_row(rows):
    i, _ = _cell(rows, "1.工业", "原煤")
    rows.insert(i + 1, ["其中:钢铁", "30"] + [""] * (len(rows[1]) - 2))


def test_breakdown_row_is_named_with_delete_or_memo(tmp_path):
    path = _sheet(tmp_path, _steel_row)
    with pytest.raises(DataError) as err:
        _read(path)
    p = err.value.problems[0]
    assert "breakdown ('其中', of which)" in p.message
    assert "delete the row" in str(p.valid)
    assert "'其中:钢铁': 'memo'" in str(p.valid)
    # the advised mapping reads the sheet: industry's raw coal stays the 工业 row's 120 (110
    # burned + 10 用作原料), not 120 + 30: the 其中 row is counted nowhere
    bs = _read(path, mapping={"rows": {"其中:钢铁": "memo"}})
    act = bs.activity
    assert act[(act["sector"] == "industry") & (act["fuel"] == "raw_coal")]["value"].sum() \
        == pytest.approx(120.0)


def test_breakdown_row_on_init_says_no_relabel_to_memo(tmp_path):
    with pytest.raises(DataError) as err:
        init_dataset(_sheet(tmp_path, _steel_row), out=tmp_path / "out", **SAMPLE)
    valid = str(err.value.problems[0].valid)
    assert "in Python, pass init_dataset" in valid
    assert "label of 'memo'" not in valid


def test_coalbed_methane_column_points_to_natural_gas(tmp_path):
    def edit(rows):
        _, j = _cell(rows, "项目", "焦炉煤气")
        rows[1][j] = "煤层气(亿立方米)"
    with pytest.raises(DataError) as err:
        _read(_sheet(tmp_path, edit))
    p = err.value.problems[0]
    assert "coalbed methane" in p.message
    assert "'煤层气': 'natural_gas'" in str(p.valid)
    assert "coke_oven_gas" not in str(p.valid)
