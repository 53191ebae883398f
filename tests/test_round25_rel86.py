"""Round 25 KA32, KA90, KA83, KA118, KA130 (tester KA): cells and arguments that were dropped
or misread without a word.

* KA32: a cell of industry's 其中:用作原料、材料 line that the line cannot hold (electricity,
  heat, a fuel whose 工业 cell is blank, a negative part, a part larger than a non-energy
  fuel's whole) was dropped or misread;
* KA90: ``montecarlo(chunk=-1)`` solved nothing, ``chunk=0`` was the default;
* KA83: ``init_dataset(allow_implausible='no')`` switched the override on;
* KA118, KA130: ``--sheet`` with ``--workbook`` got the wrong message; with a CSV balance
  (or ``sheet=`` with a CSV or DataFrame) it was ignored.

Every expected number below is worked out by hand in its comment.
"""

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath import DataError, read_energy_balance
from carbonpath.cli import app
from carbonpath.errors import ArgumentTypeError, ArgumentValueError
from tests.conftest import assert_no_carbonpath_warnings

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
SAMPLE = SAMPLES / "energy_balance_sample.csv"
INIT = {"capacity": SAMPLES / "init" / "sample_capacity.csv",
        "drivers": SAMPLES / "init" / "sample_drivers.csv",
        "region": "CN-SD", "base_year": 2022, "horizon": 2030}
HEAD = "项目,原煤(万吨),天然气(亿立方米),石油沥青(万吨),热力(万百万千焦),电力(亿千瓦时)\n"
runner = CliRunner()


def _sheet(tmp_path, industry, raw, name="b.csv"):
    """A two-line sheet: 工业 (line 2) and its 其中:用作原料、材料 (line 3)."""
    path = tmp_path / name
    path.write_text(f"{HEAD}工业,{industry}\n其中:用作原料、材料,{raw}\n", encoding="utf-8")
    return path


def _value(activity, fuel, use):
    sel = activity[(activity["sector"] == "industry") & (activity["fuel"] == fuel)
                   & (activity["use"] == use)]
    assert len(sel) == 1, (fuel, use, sel)
    return float(sel["value"].iloc[0])


# --- KA32: industry's 其中:用作原料、材料 ---------------------------------------------------

@pytest.mark.parametrize(("raw", "column"), [
    (",,,,5", "电力(亿千瓦时)"),       # electricity 5 of industry's 150 (KA32)
    (",,,100,", "热力(万百万千焦)"),   # heat 100 of industry's 1500 (KA33)
])
def test_a_carrier_in_the_raw_material_line_is_refused(tmp_path, raw, column):
    # main: read as all consumption (electricity 150, heat 1500), the cell dropped unsaid
    path = _sheet(tmp_path, "10,2,,1500,150", raw)
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    text = str(err.value)
    assert f"b.csv, row 3, column '{column}'" in text
    assert "never raw material" in text
    assert "moved to that fuel's column" in text


def test_a_raw_material_part_of_a_blank_industry_cell_is_refused(tmp_path):
    # natural gas: 工业 blank, 用作原料 1: a part of nothing; main dropped it (no gas row)
    path = _sheet(tmp_path, "10,,,,150", "4,1,,,")
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    text = str(err.value)
    assert "b.csv, row 3, column '天然气(亿立方米)'" in text
    assert "cell of this column is blank" in text


def test_a_negative_raw_material_part_is_refused(tmp_path):
    # raw coal 工业 10, 用作原料 -4: main read combustion 10 - (-4) = 14 > 10 and
    # non_energy -4, without a word
    path = _sheet(tmp_path, "10,2,,,150", "-4,,,,")
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    text = str(err.value)
    assert "b.csv, row 3, column '原煤(万吨)'" in text
    assert "negative part of industry (-4)" in text


def test_a_non_energy_fuels_raw_material_part_above_its_whole_is_refused(tmp_path):
    # bitumen (non-energy by default): 工业 3, 用作原料 5 > 3; main skipped the check for a
    # non-energy fuel (all 3 non_energy, the 5 unread); now refused as coal's is, on line 2
    path = _sheet(tmp_path, "10,2,3,,150", ",,5,,")
    with pytest.raises(DataError) as err:
        read_energy_balance(path, region="CN-SD", year=2022)
    text = str(err.value)
    assert "b.csv, row 2, column '石油沥青(万吨)'" in text
    assert "用作原料、材料 (5) exceeds industry's consumption (3)" in text


def test_a_plain_raw_material_line_is_read_and_quiet(tmp_path):
    # zeros in the carrier columns are no value; coal 10 of which 4 raw material:
    # combustion 10 - 4 = 6, non_energy 4; gas 2 of which 0.5: 1.5 and 0.5; bitumen 3 of
    # which 3 (all non_energy by default); electricity 150 and heat 1500 consumption
    path = _sheet(tmp_path, "10,2,3,1500,150", "4,0.5,3,0,0.00")
    with assert_no_carbonpath_warnings():
        act = read_energy_balance(path, region="CN-SD", year=2022).activity
    assert _value(act, "raw_coal", "combustion") == pytest.approx(6.0)
    assert _value(act, "raw_coal", "non_energy") == pytest.approx(4.0)
    assert _value(act, "natural_gas", "combustion") == pytest.approx(1.5)
    assert _value(act, "natural_gas", "non_energy") == pytest.approx(0.5)
    assert _value(act, "bitumen", "non_energy") == pytest.approx(3.0)
    assert _value(act, "electricity", "consumption") == pytest.approx(150.0)
    assert _value(act, "heat", "consumption") == pytest.approx(1500.0)


def test_the_bundled_balances_stay_quiet():
    with assert_no_carbonpath_warnings():
        for path in (SAMPLE, SAMPLES / "init" / "coastal_balance.csv"):
            read_energy_balance(path, region="CN-SD", year=2022)


def test_init_refuses_the_carrier_cell_of_the_raw_material_line(tmp_path):
    # the init route reads the sheet with the same reader: the sample's line 22 with
    # electricity 5 (KA32) names the file, line and column; nothing is written
    text = SAMPLE.read_text(encoding="utf-8")
    line = "其中:用作原料、材料,10.00,,48.00,,,,,0.60,,"
    assert line in text
    path = tmp_path / "b.csv"
    path.write_text(text.replace(line, line + "5"), encoding="utf-8")
    from carbonpath.init import init_dataset

    with pytest.raises(DataError, match=r"b\.csv, row 22, column '电力\(亿千瓦时\)'"):
        init_dataset(path, out=tmp_path / "out", **INIT)
    assert not (tmp_path / "out" / "dataset.yaml").exists()


# --- KA90: montecarlo(chunk=) -----------------------------------------------------------

@pytest.mark.parametrize("chunk", [-1, 0])
def test_montecarlo_chunk_below_one_is_refused_before_any_work(tmp_path, chunk):
    # main: chunk=-1 gave range(0, 20, -1), no unit, 0 rows; chunk=0 was the default
    from carbonpath.sweeps.montecarlo import montecarlo

    pytest.importorskip("scipy")
    with pytest.raises(ArgumentValueError, match=r"argument 'chunk' must be a whole number "
                                                 r">= 1"):
        montecarlo(str(tmp_path / "nowhere"), samples=20, chunk=chunk, workers=1,
                   out=tmp_path / "mc")
    assert not (tmp_path / "mc").exists()


# --- KA83: allow_implausible must be a bool ---------------------------------------------

@pytest.mark.parametrize("value", ["no", "false", 0, None])
def test_init_allow_implausible_must_be_a_bool(tmp_path, value):
    # main: 'no' and 'false' are true strings and switched the override on
    from carbonpath.init import init_dataset, init_from_workbook

    with pytest.raises(ArgumentTypeError, match=r"argument 'allow_implausible' must be "
                                                r"True or False"):
        init_dataset(SAMPLE, out=tmp_path / "a", allow_implausible=value, **INIT)
    with pytest.raises(ArgumentTypeError, match=r"init_from_workbook\(\): argument "
                                                r"'allow_implausible'"):
        init_from_workbook(tmp_path / "none.xlsx", region="CN-SD", base_year=2023,
                           horizon=2030, out=tmp_path / "w", allow_implausible=value)
    assert not (tmp_path / "a" / "dataset.yaml").exists()


# --- KA118, KA130: --sheet -------------------------------------------------------------

def test_sheet_with_the_workbook_says_what_sheet_does(tmp_path):
    # main: "give --workbook or the input files, not both": --sheet is no input file
    result = runner.invoke(app, ["init", "--workbook", str(tmp_path / "city.xlsx"),
                                 "--sheet", "balance", "--region", "CN-SD", "--base-year",
                                 "2023", "--horizon", "2030", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert "not both" not in result.output
    assert "--sheet balance picks a sheet of a --balance workbook" in result.output
    assert "its sheet 'balance'" in result.output
    from carbonpath.init import init_from_workbook

    with pytest.raises(ArgumentValueError, match=r"argument 'sheet' .* does not apply"):
        init_from_workbook(tmp_path / "city.xlsx", region="CN-SD", base_year=2023,
                           horizon=2030, out=tmp_path / "w", sheet="balance")


def test_sheet_of_a_csv_or_dataframe_balance_is_refused(tmp_path):
    # main: read the one table and said nothing (inventory's CLI alone refused it)
    with pytest.raises(ArgumentValueError, match=r"energy_balance_sample\.csv: sheet=0 "
                                                 r"\(--sheet\) picks a sheet of an Excel"):
        read_energy_balance(SAMPLE, sheet=0, region="CN-SD", year=2022)
    frame = pd.DataFrame({"项目": ["工业"], "原煤(万吨)": [10.0]})
    with pytest.raises(ArgumentValueError, match="this balance is a DataFrame"):
        read_energy_balance(frame, sheet="2022")
    from carbonpath.init import init_dataset

    with pytest.raises(ArgumentValueError, match="this balance is a CSV file"):
        init_dataset(SAMPLE, out=tmp_path / "a", sheet="2022", **INIT)
    result = runner.invoke(app, ["init", "--balance", str(SAMPLE), "--sheet", "2022",
                                 "--capacity", str(INIT["capacity"]), "--drivers",
                                 str(INIT["drivers"]), "--region", "CN-SD", "--base-year",
                                 "2022", "--horizon", "2030", "--out", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert "sheet='2022' (--sheet) picks a sheet of an Excel workbook" in result.output
    assert "Traceback" not in result.output


def test_diagnose_quick_must_be_a_bool():
    # the same kind as KA83: quick='no' ran the quick (bounded) diagnosis
    from carbonpath.model.diagnose import diagnose

    with pytest.raises(ArgumentTypeError, match=r"diagnose\(\): argument 'quick' must be "
                                                r"True or False, not str 'no'"):
        diagnose(None, quick="no")
