"""Round-5 tester cases on the command line (issue 11).

Kinds: an option that does not apply to the input is an error naming it (AC30
``--energy-basis`` without rows in J or Wh, AC31 ``--coal-rate-basis`` without
``--primary-electricity coal_consumption``; BA25 ``--gas-condition`` of a balance sheet is
applied as the API applies it); an option taking two values given one names the count
(CL06); CLI messages name CLI options, not Python calls (CL07); a reader closing the pipe
ends a command quietly with status 141 (CL12); a whole-folder output that is the current
folder or holds an input is refused (CL09).
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonpath.cli import app
from carbonpath.cli.applies import unused_activity_options
from carbonpath.cli.base import _as_options
from carbonpath.errors import OutputFolderError
from carbonpath.outputs import check

runner = CliRunner()


def _activity(tmp_path, rows):
    path = tmp_path / "act.csv"
    pd.DataFrame(rows, columns=["sector", "fuel", "value", "unit"]).to_csv(path, index=False)
    return path


MASS = [("industry", "raw_coal", 100, "t")]


def test_energy_basis_and_gas_condition_apply_only_to_their_rows(tmp_path):  # AC30
    mass = _activity(tmp_path, MASS)
    found = unused_activity_options(mass, "CN-SD", 2022, "0C", "gross")
    assert [w.split()[0] for w in found] == ["--gas-condition", "--energy-basis"]
    gas = _activity(tmp_path, [("industry", "natural_gas", 5, "10^4 m3"),
                               ("industry", "diesel", 2, "TJ")])
    assert unused_activity_options(gas, "CN-SD", 2022, "0C", "gross") == []
    # electricity and tce rows take no calorific basis
    carriers = _activity(tmp_path, [("industry", "electricity", 5, "MWh"),
                                    ("industry", "raw_coal", 2, "tce")])
    assert unused_activity_options(carriers, "CN-SD", 2022, None, "net")[0].startswith(
        "--energy-basis net")
    result = runner.invoke(app, ["inventory", str(mass), "--region", "CN-SD", "--year",
                                 "2022", "--energy-basis", "gross"])
    assert result.exit_code == 1
    assert "--energy-basis gross applies to fuels given in J or Wh" in result.output


def test_coal_rate_basis_needs_coal_consumption(tmp_path):  # AC31
    mass = _activity(tmp_path, MASS)
    for extra in (["--primary-electricity", "calorific"], []):
        result = runner.invoke(app, ["inventory", str(mass), "--region", "CN-SD", "--year",
                                     "2022", "--coal-rate-basis", "supply", *extra])
        assert result.exit_code == 1, result.output
        assert "applies only with --primary-electricity coal_consumption" in result.output


def test_years_with_one_value_names_the_count():  # CL06
    result = runner.invoke(app, ["decompose", "a.csv", "b.csv", "--drivers", "d.csv",
                                 "--years", "2022", "--region", "CN-SD"])
    assert result.exit_code == 1
    assert "--years takes 2 values (e.g. --years 2020 2022); given: 2022" in result.output


def test_cli_messages_name_options_not_python_calls():  # CL07
    text = _as_options("a CO2e total needs a GWP set: compute_inventory(..., gwp='AR6') "
                       "('AR4', 'AR5' or 'AR6')")
    assert text == "a CO2e total needs a GWP set: --gwp AR6 ('AR4', 'AR5' or 'AR6')"


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):  # CL12
    # factors --format csv writes more than a pipe buffer holds; the reader takes one line
    # and closes the pipe: status 141 (128 + SIGPIPE) and nothing on stderr, as Unix tools
    code = ("import subprocess, sys\n"
            "p = subprocess.Popen([sys.executable, '-m', 'carbonpath', 'factors', '--format',"
            " 'csv'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
            "p.stdout.readline(); p.stdout.close()\n"
            "err = p.stderr.read(); print(p.wait()); print(repr(err))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.splitlines()
    assert out == ["141", "b''"]


def test_a_whole_folder_output_around_the_shell_or_an_input_is_refused(tmp_path,
                                                                         monkeypatch):  # CL09
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputFolderError, match="is the current folder"):
        check(".", [], exclusive=True)
    with pytest.raises(OutputFolderError, match="holds the current folder"):
        check("..", [], exclusive=True)
    (tmp_path / "outer" / "ds").mkdir(parents=True)
    inputs = [tmp_path / "outer" / "ds"]
    assert check(tmp_path / "out", [], exclusive=True, inputs=inputs) == tmp_path / "out"
    with pytest.raises(OutputFolderError, match="holds the input"):
        check(tmp_path / "outer", [], exclusive=True, inputs=inputs)
    result = runner.invoke(app, ["run", "tiny", "--out", "."])
    assert result.exit_code != 0
    assert "is the current folder" in result.output
    assert sorted(tmp_path.iterdir()) == [tmp_path / "outer"]  # nothing written or replaced


def test_gas_condition_of_a_balance_sheet_is_applied_as_the_api_does(tmp_path):  # BA25
    import carbonpath
    from carbonpath._resources import data_path

    sheet = tmp_path / "energy_balance_sample.csv"  # without its note declaring 20 °C (K104)
    text = (data_path("datasets") / "samples" / "energy_balance_sample.csv").read_text(
        encoding="utf-8")
    sheet.write_text("\n".join(text.splitlines()[:-1]) + "\n", encoding="utf-8")
    args = ["inventory", str(sheet), "--region", "CN-SD", "--year", "2022",
            "--primary-electricity", "calorific", "--format", "json"]
    import json

    totals = {}
    for condition in ("20C", "0C"):
        result = runner.invoke(app, [*args, "--gas-condition", condition])
        assert result.exit_code == 0, result.output
        totals[condition] = json.loads(result.output)["totals_Mt"]["CO2"]
        bs = carbonpath.read_energy_balance(sheet, year=2022, region="CN-SD",
                                            gas_condition=condition)
        inv = carbonpath.compute_inventory(bs.activity, primary_electricity="calorific")
        assert totals[condition] == pytest.approx(inv.total("CO2").to("Mt CO2").magnitude)
    # a 0C cubic metre holds more gas than a 20C one (by 293.15/273.15): more CO2
    assert totals["0C"] > totals["20C"]


def test_a_balance_on_another_sheet_names_the_sheets(tmp_path):  # XL02
    import openpyxl

    import carbonpath
    from carbonpath.errors import DataError

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为合成数据"])
    data = wb.create_sheet("2022")
    data.append(["项目", "原煤(万吨)", "天然气(亿立方米)"])
    data.append(["工业", 10, 1])
    path = tmp_path / "bal.xlsx"
    wb.save(path)
    # no year: the one sheet holding a balance, not the note in front (round 22 N135)
    assert carbonpath.read_energy_balance(path, region="CN-SD").sheet == "2022"
    data.title = "data"
    data.delete_rows(1, 2)  # no sheet holds a balance: the first is read, the others named
    wb.save(path)
    with pytest.raises(DataError, match=r"first sheet '说明'.*it also has 'data'.*--sheet NAME"):
        carbonpath.read_energy_balance(path, region="CN-SD")
    data.title = "2022"
    data.append(["项目", "原煤(万吨)", "天然气(亿立方米)"])
    data.append(["工业", 10, 1])
    wb.save(path)
    # round 10 (A81): read for 2022, the sheet named "2022" is the one read
    assert carbonpath.read_energy_balance(path, year=2022, region="CN-SD").sheet == "2022"
    result = runner.invoke(app, ["inventory", str(path), "--region", "CN-SD", "--year", "2022",
                                 "--sheet", "说明"])
    assert "it also has" not in result.output  # a sheet given on purpose: no hint


def test_a_tidy_activity_workbook_is_told_to_be_csv(tmp_path):  # XL01
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["sector", "fuel", "value", "unit"])
    wb.active.append(["industry", "raw_coal", 100, "t"])
    path = tmp_path / "act.xlsx"
    wb.save(path)
    result = runner.invoke(app, ["inventory", str(path), "--region", "CN-SD", "--year",
                                 "2022"])
    assert result.exit_code == 1
    assert "tidy activity table" in result.output
    assert "save the sheet as CSV" in result.output


@pytest.mark.parametrize("text", ["2022-01-15 00:00:00", "2022/1/15", "15-Jan", "12:30"])
def test_a_date_in_a_number_cell_is_named_a_date(text):  # XL06 / XT14
    from carbonpath.numbers import number_hint

    assert number_hint(text).startswith(f"'{text}' is a date or time, not a number")


def test_a_separator_inside_a_number_is_still_named_so():
    from carbonpath.numbers import number_hint

    assert "inside a number" in number_hint("1,5")
    assert "inside a number" in number_hint("1.000,5")


def test_a_sheet_named_by_its_year_is_chosen_by_name(tmp_path):  # XL11
    import openpyxl

    import carbonpath

    wb = openpyxl.Workbook()
    wb.active.title = "2022"
    wb.active.append(["项目", "原煤(万吨)", "天然气(亿立方米)"])
    wb.active.append(["工业", 10, 1])
    path = tmp_path / "bal.xlsx"
    wb.save(path)
    # the CLI passes --sheet 2022 as the number 2022: no index 2022, so the sheet of that name
    by_number = carbonpath.read_energy_balance(path, sheet=2022, year=2022, region="CN-SD")
    by_name = carbonpath.read_energy_balance(path, sheet="2022", year=2022, region="CN-SD")
    pd.testing.assert_frame_equal(by_number.activity, by_name.activity)
    with pytest.raises(carbonpath.DataError, match="no sheet number 3"):
        carbonpath.read_energy_balance(path, sheet=3, year=2022, region="CN-SD")
