"""carbonpath init: bad input of issue 16 that names file or sheet, row and column.

* plants: output without fuel and fuel without output, in heat supply (供热) and thermal
  power (火力发电), and the capacity left without generation then;
* a workbook with edited headers: a deleted column, an added column, a balance column whose
  unit was edited, a balance row whose label was edited.

Each balance below is the sample with numbers moved so that it still adds up (the
balance's own checks pass), written out in ``CASES``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import SAMPLE, SAMPLES

TRANSFORMATION = "二、加工转换投入(-)产出(+)量,-1000.00,-110.00,80.00,3.10,,,,-1.50,"
AVAILABLE = "一、可供本地区消费的能源量,1137.00,110.00,-31.00,,20.00,41.00,6.00,8.00,"
CASES = {
    # heat supply's coal and gas burned by thermal power instead: heat without fuel
    "heat_without_fuel": [
        ("1.火力发电,-780.00,,,-0.50,,,,-1.20,,190.00",
         "1.火力发电,-1000.00,,,-0.50,,,,-1.50,,190.00"),
        ("2.供热,-220.00,,,,,,,-0.30,3800.00,", "2.供热,,,,,,,,,3800.00,")],
    # heat supply's heat gone, the same heat produced locally (一次能源生产量): fuel without heat
    "fuel_without_heat": [
        ("2.供热,-220.00,,,,,,,-0.30,3800.00,", "2.供热,-220.00,,,,,,,-0.30,,"),
        (TRANSFORMATION + "3800.00,190.00", TRANSFORMATION + ",190.00"),
        (AVAILABLE + ",50.00", AVAILABLE + "3800.00,50.00"),
        ("1.一次能源生产量,292.00,,,,,,,,,30.00", "1.一次能源生产量,292.00,,,,,,,,3800.00,30.00")],
    # thermal power's 190 亿kWh bought from other provinces instead: fuel without electricity
    "fuel_without_power": [
        ("1.火力发电,-780.00,,,-0.50,,,,-1.20,,190.00", "1.火力发电,-780.00,,,-0.50,,,,-1.20,,"),
        (TRANSFORMATION + "3800.00,190.00", TRANSFORMATION + "3800.00,"),
        (AVAILABLE + ",50.00", AVAILABLE + ",240.00"),
        ("2.外省(区、市)调入量,950.00,108.00,10.00,,20.00,40.00,6.00,8.00,,60.00",
         "2.外省(区、市)调入量,950.00,108.00,10.00,,20.00,40.00,6.00,8.00,,250.00")],
}


def _balance(tmp_path: Path, case: str) -> Path:
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    for old, new in CASES[case]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{case}.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_plant_output_without_fuel_or_fuel_without_output(tmp_path, case):
    with pytest.raises(DataError) as info:
        init_dataset(_balance(tmp_path, case), out=tmp_path / "out", **SAMPLE)
    found = {(p.file, p.row, p.column): p for p in info.value.problems}
    file = f"{case}.csv"
    if case == "heat_without_fuel":  # line 14: 2.供热 (title 1, header 2)
        p = found[(file, 14, "heat")]
        assert "burns no fuel" in p.message
        assert "fuels burned" in p.valid
        # and every heat consumer is named: industry's heat on line 21
        assert "no heat supply" in found[(file, 21, "heat")].message
    elif case == "fuel_without_heat":
        p = found[(file, 14, "heat")]
        assert "shows no heat output" in p.message
        assert p.valid
    else:  # line 13: 1.火力发电; its coal and gas capacity then has no generation
        p = found[(file, 13, "electricity")]
        assert "shows no electricity output" in p.message
        for row, kind in ((2, "coal"), (3, "gas")):
            q = found[("sample_capacity.csv", row, "type")]
            assert q.value == kind
            assert "capacity without generation" in q.message
    assert not (tmp_path / "out").exists()


def test_a_workbook_with_edited_headers(tmp_path):
    from openpyxl import load_workbook

    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import read_workbook, write_template

    book = tmp_path / "t.xlsx"
    write_template(book)

    def edited(change) -> DataError:
        wb = load_workbook(book)
        change(wb)
        wb.save(tmp_path / "e.xlsx")
        with pytest.raises(DataError) as info:
            read_workbook(tmp_path / "e.xlsx")
        return info.value

    # a deleted column (the unit): the columns after it are named, and the missing last one
    err = edited(lambda wb: wb["capacity"].delete_cols(3))
    got = [(p.file, p.row, p.column, p.valid) for p in err.problems]
    assert got[0][:3] == ("e.xlsx, sheet 'capacity'", 1, "C ('来源 source')")
    assert got[0][3].startswith("'单位 unit'")
    assert got[1][:3] == ("e.xlsx, sheet 'capacity'", 1, "D ('')")
    # an added column
    err = edited(lambda wb: wb["drivers"].cell(row=1, column=6, value="备注 note"))
    p = err.problems[0]
    assert (p.file, p.row, p.column, p.message) == ("e.xlsx, sheet 'drivers'", 1, "备注 note",
                                                    "unknown column")
    assert "来源 source" in p.valid
    # a balance column's unit edited into something that is no unit: the reader of
    # published sheets would take the default 万吨
    err = edited(lambda wb: wb["balance"].cell(row=1, column=2, value="原煤 raw_coal (吨X)"))
    p = err.problems[0]
    assert (p.file, p.row, p.column) == ("e.xlsx, sheet 'balance'", 1,
                                         "B ('原煤 raw_coal (吨X)')")
    assert "原煤 raw_coal (万吨)" in p.valid
    # a balance row's label edited: the energy balance reader names the sheet and the row
    wb = load_workbook(book)
    wb["balance"]["A3"] = "一次能源 primary"
    wb.save(tmp_path / "r.xlsx")
    with pytest.raises(DataError) as info:
        init_from_workbook(tmp_path / "r.xlsx", region="CN-SD", base_year=2023, horizon=2025,
                           out=tmp_path / "o")
    p = info.value.problems[0]
    assert (p.file, p.row, p.value) == ("r.xlsx, sheet 'balance'", 3, "一次能源 primary")
    assert "production" in p.valid
