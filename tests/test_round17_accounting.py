"""Round 17 accounting cases (issue 11): workbook example rows and columns, hand values."""

from __future__ import annotations

import pytest

from carbonpath.errors import DataError

openpyxl = pytest.importorskip("openpyxl")


def _own_balance(wb):
    """The planner's balance: 1 万吨 more rural raw coal carried through the totals."""
    from carbonpath.init.workbook import BALANCE_COLUMNS, BALANCE_ROWS

    ws = wb["balance"]
    col = BALANCE_COLUMNS.index("raw_coal") + 2
    for item, delta in (("residential_rural", 1), ("residential", 1), ("final", 1),
                        ("consumption_total", 1), ("statistical_difference", -1)):
        cell = ws.cell(row=BALANCE_ROWS.index(item) + 2, column=col)
        cell.value = float(cell.value) + delta


def test_o36_values_typed_over_an_example_row_are_refused_not_skipped(tmp_path):
    """Production row 2 retyped 450 -> 451 and growth row 2 5 % -> 6 %, sources left as
    the template's: both refused naming sheet, Excel row and the changed cell; the
    unchanged example rows (capacity) are still skipped."""
    from carbonpath.init.workbook import read_workbook, write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    _own_balance(wb)
    prod = wb["production"]
    assert prod["B2"].value == 450  # the template's example (production_sample.csv)
    prod["B2"] = 451
    growth = wb["growth"]
    assert growth["D2"].value == 0.05
    growth["D2"] = 0.06
    wb.save(path)
    with pytest.raises(DataError) as info:
        read_workbook(path)
    got = {(p.file, p.row, p.column): p.message for p in info.value.problems}
    assert set(got) == {("t.xlsx, sheet 'production'", 2, "source"),
                        ("t.xlsx, sheet 'growth'", 2, "source")}
    assert "value holds 451 where the example has 450" in got[("t.xlsx, sheet 'production'",
                                                               2, "source")]
    assert "rate holds 0.06 where the example has 0.05" in got[("t.xlsx, sheet 'growth'", 2,
                                                                "source")]
    # the city's source given: the rows are kept, with the city's numbers
    prod["E2"] = "市统计局 2023 表 5-1"
    growth["E2"] = "十四五规划"
    wb.save(path)
    read = read_workbook(path)
    assert list(read["production"].index) == [2]
    assert float(read["production"].loc[2, "value"]) == 451.0
    assert list(read["growth"].index) == [2]
    assert read["capacity"] is None  # unchanged example rows: skipped, with a notice
    assert any("sheet 'capacity': skipped" in n for n in read["notices"])


def test_o36_a_number_retyped_as_the_same_text_is_still_the_example(tmp_path):
    """'450' typed as text equals the example's 450: the row is the example (skipped)."""
    from carbonpath.init.workbook import read_workbook, write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    _own_balance(wb)
    wb["production"]["B2"] = " 450 "
    wb.save(path)
    read = read_workbook(path)
    assert read["production"] is None


def test_o36_an_edited_row_of_the_worked_example_is_kept_and_named(tmp_path):
    """Balance still the example's (a demonstration): production row 2 450 -> 451 is kept
    and a notice names row 2 and the changed cell."""
    from carbonpath.init.workbook import read_workbook, write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["production"]["B2"] = 451
    wb.save(path)
    read = read_workbook(path)
    assert float(read["production"].loc[2, "value"]) == 451.0
    note = next(n for n in read["notices"] if "row 2" in n)
    assert "sheet 'production'" in note
    assert "value holds 451 where the example has 450" in note


def _cli(*args):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_o78_a_model_region_column_of_a_plain_file_is_refused(tmp_path):
    """`carbonpath inventory` of a file computes one region: a model_region column there
    is read by nothing, so it is refused naming the file, row 1 and the column; without
    it the same rows read: 11 万吨 raw coal, i.e. not an empty inventory."""
    act = tmp_path / "act.csv"
    act.write_text("sector,fuel,value,unit,model_region\n工业,原煤,10,万吨,north\n"
                   "居民生活,原煤,1,万吨,south\n", encoding="utf-8")
    out = _cli("inventory", act, "--region", "聊城", "--year", 2022)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "act.csv, row 1, column 'model_region'" in text
    assert "would be ignored" in text
    plain = tmp_path / "plain.csv"
    plain.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n居民生活,原煤,1,万吨\n",
                     encoding="utf-8")
    prod = tmp_path / "prod.csv"
    prod.write_text("product,value,unit,model_region\n熟料,50,万吨,north\n", encoding="utf-8")
    out = _cli("inventory", plain, "--region", "聊城", "--year", 2022, "--production", prod)
    assert out.exit_code == 1
    assert "prod.csv, row 1, column 'model_region'" in " ".join(out.output.split())
    assert _cli("inventory", plain, "--region", "聊城", "--year", 2022).exit_code == 0


def test_o62_a_peak_year_typed_with_the_word_year_is_the_only_problem(tmp_path):
    """targets C2 '2030年': one problem (the year, with 2030 alone as the fix); the row's
    empty relative_to, value and unit cells are not named."""
    from carbonpath.init.workbook import read_workbook, write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["targets"]["C2"] = "2030年"
    wb.save(path)
    with pytest.raises(DataError) as info:
        read_workbook(path)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("t.xlsx, sheet 'targets'", 2, "year")
    assert "give the year alone (2030)" in p.message
    assert "unit" not in p.message


def test_o66_a_balance_sheet_given_as_production_is_named_as_one(tmp_path):
    """The bundled sample balance as --production: one problem naming the file as an
    energy balance sheet, not one line per row about field counts."""
    from carbonpath._resources import data_path

    balance = data_path("datasets") / "samples" / "energy_balance_sample.csv"
    act = tmp_path / "act.csv"
    act.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    out = _cli("inventory", act, "--region", "聊城", "--year", 2022, "--production", balance)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "energy_balance_sample.csv: the file given as --production is an energy balance" \
        in text
    assert "fields but the header has" not in text


def test_o75_a_unit_per_year_says_a_row_is_one_years_amount(tmp_path):
    """Activity unit 万吨/年 and production unit 万吨/年: refused naming row 2, column
    unit, and the unit meant, 万吨."""
    act = tmp_path / "a.csv"
    act.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨/年\n", encoding="utf-8")
    out = _cli("inventory", act, "--region", "聊城", "--year", 2022)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "a.csv, row 2, column 'unit'" in text
    assert "each row is the amount of its one year" in text
    assert "valid: 万吨 (the unit without '/年')" in text
    plain = tmp_path / "b.csv"
    plain.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    prod = tmp_path / "p.csv"
    prod.write_text("product,value,unit\n熟料,50,万吨/年\n", encoding="utf-8")
    out = _cli("inventory", plain, "--region", "聊城", "--year", 2022, "--production", prod)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "p.csv, row 2, column 'unit'" in text
    assert "so the unit is 万吨" in text


@pytest.mark.parametrize(("column", "filled"), [("region", "CN-SD"), ("year", "2022")])
def test_o60_a_blank_cell_beside_the_option_says_the_option_fills_no_column(
        tmp_path, column, filled):
    """A blank region (year) cell on row 2, the other row filled, plus --region 聊城
    --year 2022: row 2 and the column named, and that the option fills only a file
    without that column."""
    act = tmp_path / "a.csv"
    act.write_text(f"sector,fuel,value,unit,{column}\n工业,原煤,10,万吨,\n"
                   f"居民生活,原煤,1,万吨,{filled}\n", encoding="utf-8")
    out = _cli("inventory", act, "--region", "聊城", "--year", 2022)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert f"a.csv, row 2, column '{column}'" in text
    given = "聊城" if column == "region" else "2022"
    assert f"({given}, as an option or a dataset's {column}) applies only to a file without " \
           f"a '{column}' column and fills no blank cell of one" in text


def _sample_balance(tmp_path, old, new, line):
    """The bundled sample balance with ``old`` replaced by ``new`` on (1-based) ``line``."""
    from carbonpath._resources import data_path

    lines = (data_path("datasets") / "samples" / "energy_balance_sample.csv").read_text(
        encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "b.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_o69_a_balance_cell_with_a_unit_points_at_the_header_not_a_unit_column(tmp_path):
    """Rural raw coal typed 15.00万 (sample line 30): the advice names the number alone
    (15.00) in the unit of the column's header, not a 'unit' column the sheet lacks."""
    path = _sample_balance(tmp_path, "2.乡村,15.00,", "2.乡村,15.00万,", 30)
    out = _cli("inventory", path, "--region", "CN-SD", "--year", 2022)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "row 30, column '原煤(万吨)'" in text
    assert "give the number alone (15.00) in this column, in the unit of the column's " \
           "header ('原煤(万吨)')" in text
    assert "'unit' column" not in text


def test_o37_an_lng_volume_column_is_refused_for_its_density_alone(tmp_path):
    """Header 天然气(亿立方米) renamed 液化天然气(亿立方米): LNG (a liquid) in a volume is
    refused for the missing density; no advice about a gas_condition cell."""
    path = _sample_balance(tmp_path, ",天然气(亿立方米)", ",液化天然气(亿立方米)", 2)
    out = _cli("inventory", path, "--region", "CN-SD", "--year", 2022)
    assert out.exit_code == 1
    text = " ".join(out.output.split())
    assert "lng given as a volume (亿立方米): a liquid or solid volume needs a density" in text
    assert "gas_condition" not in text
