"""Round-6 cases WB06, WB11, WB14: workbook sheets and formulas that were read as nothing."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

from carbonpath.errors import DataError  # noqa: E402
from carbonpath.init.workbook import read_workbook, write_template  # noqa: E402


@pytest.fixture
def template(tmp_path):
    return write_template(tmp_path / "t.xlsx")


def _problems(path):
    with pytest.raises(DataError) as info:
        read_workbook(path)
    return info.value.problems


def test_wb06_renamed_sheet_is_named(template):
    wb = openpyxl.load_workbook(template)
    wb["committed"].title = "已批项目"
    wb.save(template)
    problems = _problems(template)
    hit = [p for p in problems if p.value == "已批项目"]
    assert len(hit) == 1
    assert "committed" in hit[0].valid


def test_wb14_copied_sheet_is_named(template):
    wb = openpyxl.load_workbook(template)
    copy = wb.copy_worksheet(wb["captive"])
    wb.save(template)
    (problem,) = _problems(template)
    assert problem.value == copy.title
    assert "captive" in problem.valid


def test_wb11_formula_without_cached_value(template):
    wb = openpyxl.load_workbook(template)
    wb["committed"]["C2"] = "=25*2"  # written by a program: no cached value
    wb.save(template)
    (problem,) = _problems(template)
    assert (problem.row, problem.column, problem.value) == (2, "C", "=25*2")
    assert "sheet 'committed'" in problem.file
    assert "open and save the workbook in Excel" in problem.valid


def test_the_template_itself_reads(template):
    out = read_workbook(template)  # README, codes, balance and the input sheets are known
    assert "capacity" in out


def test_w06_a_value_right_of_the_last_column_is_named(template):
    # round 18 W06: a year typed in targets I2, right of 来源 source (column H, the last the
    # sheet reads), was dropped and plan.yaml kept the example's 2030; a number typed as text
    # in capacity F3 (right of D) the same. Each is an error naming sheet, row and column.
    wb = openpyxl.load_workbook(template)
    wb["targets"]["I2"] = 2028
    wb["capacity"]["F3"] = "5"
    wb.save(template)
    found = sorted((p.file, p.row, p.column, p.value) for p in _problems(template))
    assert found == [("t.xlsx, sheet 'capacity'", 3, "F", "5"),
                     ("t.xlsx, sheet 'targets'", 2, "I", 2028)]


def test_w06_a_text_note_right_of_the_last_column_is_warned_of(template):
    # a note beside a row (W04) is not read either: a warning names the cell, the rest reads
    from carbonpath.errors import CarbonpathWarning

    wb = openpyxl.load_workbook(template)
    wb["capacity"]["E2"] = "checked with the grid company"
    wb.save(template)
    with pytest.warns(CarbonpathWarning, match=r"sheet 'capacity', row 2, column E: the text "
                                               r"'checked with the grid company'"):
        out = read_workbook(template)
    assert out["capacity"] is not None
