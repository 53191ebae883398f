"""The command line: inventory of the bundled sample and of a file; factor listing; errors."""

import json
import re

import pytest
from typer.testing import CliRunner

from carbonpath.cli import app

runner = CliRunner()


def test_inventory_sample_table():
    result = runner.invoke(app, ["inventory", "--sample"])
    assert result.exit_code == 0, result.output
    assert "City total (provincial)" in result.output
    assert "Mt CO2e (GWP100 AR6)" in result.output


def test_inventory_json_and_csv(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    result = runner.invoke(app, ["inventory", str(p), "--region", "聊城", "--year", "2022",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    # 1e5 t x 20.908 GJ/t x 26.18 t C/TJ x 0.93 x 44/12 = 186 653.7 t CO2
    assert abs(out["totals_Mt"]["CO2"] - 0.1866537) < 1e-6
    assert out["factor_version"]
    result = runner.invoke(app, ["inventory", str(p), "--region", "聊城", "--year", "2022",
                                 "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("year,region,sector,fuel")


def test_inventory_reports_biogenic_co2_as_a_memo_item(tmp_path):
    p = tmp_path / "bio.csv"
    p.write_text("sector,fuel,value,unit\nresidential,solid_biomass,10,万吨\n", encoding="utf-8")
    args = ["inventory", str(p), "--region", "CN-SD", "--year", "2022"]
    # 100 Gg x 11.6 TJ/Gg x 100 t CO2/TJ (IPCC 2006 Vol.2 Ch.1 Tables 1.2, 1.4) = 0.116 Mt
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Memo item, not counted: biogenic CO2 of biomass burnt, 0.116 Mt CO2" in result.output
    out = json.loads(runner.invoke(app, [*args, "--format", "json"]).output)
    assert out["memo_biogenic_CO2_Mt"] == pytest.approx(0.116)
    assert out["totals_Mt"]["CO2"] == 0.0


def test_inventory_error_names_file_row_column(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("sector,fuel,value,unit\n工业,原煤X,10,万吨\n", encoding="utf-8")
    result = runner.invoke(app, ["inventory", str(p), "--region", "CN", "--year", "2022"])
    assert result.exit_code == 1
    assert "bad.csv, row 2, column 'fuel'" in result.output


def test_factors_listing():
    result = runner.invoke(app, ["factors", "--item", "electricity", "--region", "Liaocheng",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("item,quantity,gas")
    assert any("CN-SD" in line and "0.641" in line for line in lines)
    assert all("CN-East" not in line for line in lines)  # only Liaocheng's chain


def test_factor_listing_typos_are_errors_with_suggestions():
    from typer.testing import CliRunner

    from carbonpath.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["factors", "--quantity", "calorfic_value"])
    assert out.exit_code == 1
    assert "calorific_value" in out.output
    out = runner.invoke(app, ["factors", "--item", "nonexistent_fuel"])
    assert out.exit_code == 1
    out = runner.invoke(app, ["factors", "--gas", "co2", "--item", "raw_coal"])
    assert out.exit_code == 0, out.output


def test_cli_errors_speak_of_options_not_python_arguments(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit\nindustry,raw_coal,10,万吨\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["inventory", str(path), "--region", "CN-SD"])
    assert out.exit_code == 1
    assert "--year" in out.output
    assert "read_activity" not in out.output


def _one_error_line(result):
    """The command failed with exit 1 and printed one ``error:`` line, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    assert "Errno" not in result.output
    return lines[0]


def test_missing_or_folder_input_files_are_one_line_errors(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text("sector,fuel,value,unit\nindustry,raw_coal,10,万吨\n", encoding="utf-8")
    missing = str(tmp_path / "nosuch.csv")
    where = ["--region", "CN-SD", "--year", "2022"]
    line = _one_error_line(runner.invoke(app, ["inventory", missing]))
    assert line == f"error: activity FILE {missing} does not exist"
    line = _one_error_line(runner.invoke(app, ["inventory", str(good), "--factors", missing,
                                               *where]))
    assert line == f"error: --factors {missing} does not exist"
    line = _one_error_line(runner.invoke(app, ["inventory", str(good), "--production",
                                               missing, *where]))
    assert line == f"error: --production {missing} does not exist"
    line = _one_error_line(runner.invoke(app, ["inventory", str(tmp_path)]))
    assert line == f"error: activity FILE {tmp_path} is a folder, not a file"


def test_run_sensitivity_out_of_range_is_a_one_line_error(tmp_path):
    for value in ("-0.5", "1.5"):
        line = _one_error_line(runner.invoke(app, ["run", "tiny", "--sensitivity", value,
                                                   "--out", str(tmp_path / "o")]))
        assert f"sensitivity {value} must be a relative change in [0, 1)" in line


def test_empty_or_semicolon_activity_file_says_it_is_neither_layout(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    semi = tmp_path / "semicolon.csv"
    semi.write_text("sector;fuel;value;unit\n工业;原煤;10;万吨\n", encoding="utf-8")
    where = ["--region", "CN-SD", "--year", "2022"]
    line = _one_error_line(runner.invoke(app, ["inventory", str(empty), *where]))
    assert line.startswith("error: empty.csv: read neither as a tidy activity table (the file "
                           "is empty) nor as an energy balance (no header row")
    line = _one_error_line(runner.invoke(app, ["inventory", str(semi), *where]))
    assert "its header has one column, 'sector;fuel;value;unit'" in line
    assert "looks separated by ';'" in line


def test_optimise_prints_the_lp_size_readably():
    result = runner.invoke(app, ["optimise", "tiny"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^LP: [\d,]+ columns, [\d,]+ rows, [\d,]+ nonzeros$", result.output,
                     re.MULTILINE), result.output
    assert "{'columns'" not in result.output


def test_warnings_are_printed_as_one_warning_line(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("sector,fuel,value,unit,use\nchemicals,natural_gas,1,亿立方米,feedstock\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["inventory", str(p), "--region", "CN-SD", "--year", "2022",
                                 "--gas-condition", "20C"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "feedstock" in line]
    assert len(lines) == 1
    assert lines[0].startswith("warning: activity has feedstock rows")
    assert lines[0].endswith("pass --production")
    assert "CarbonpathWarning" not in result.output
    assert "cli.py" not in result.output
    assert ".py:" not in result.output  # no source location (cli is a package of modules)


def test_factor_listing_fits_a_narrow_terminal():
    result = runner.invoke(app, ["factors", "--item", "electricity", "--region", "Liaocheng"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines[1:]) <= 80
    # one factor: value, unit, region, year and status, then its source indented
    assert any(line.startswith("electricity emission_factor CO2 = 0.641 t CO2/MWh (CN-SD, 2022;")
               for line in lines), result.output
    wide = runner.invoke(app, ["factors", "--item", "electricity", "--wide"],
                         env={"COLUMNS": "200"})
    assert wide.exit_code == 0, wide.output
    assert "source" in wide.output


def test_diagnosis_lines_one_per_target_in_one_unit_without_nan():
    import numpy as np
    import pandas as pd

    from carbonpath.model.diagnose import diagnosis_lines

    table = pd.DataFrame(
        [["peak", "peak_year", "not the only obstacle", "", "", np.nan, "kt"],
         ["cap", "cap", "cannot be met", "30.000", "61.040", 31039.96, "kt"],
         ["nf", "nonfossil_share", "short in a joint conflict", "20.0%", "16.8%", 5.0, "tce"],
         ["cut", "reduction", "met", "10.0%", "10.0%", 0.0, "kt"]],
        columns=["target", "type", "status", "asked", "reachable", "shortfall",
                 "shortfall_unit"])
    assert diagnosis_lines(table) == [
        "'peak' (peak year): not the only obstacle",
        # 31 039.96 kt = 31.040 Mt = 61.040 - 30.000
        "'cap' (cap): asked 30.000 Mt, reachable 61.040 Mt, short by 31.040 Mt - cannot be met",
        "'nf' (nonfossil share): asked 20.0%, reachable 16.8% - short in a joint conflict",
        "'cut' (reduction): met"]


def test_infeasible_cap_prints_a_readable_diagnosis(tmp_path):
    import shutil

    from carbonpath._resources import data_path

    folder = tmp_path / "cap_impossible"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 4.8", "value: 1.0"),
                    encoding="utf-8")
    result = runner.invoke(app, ["optimise", str(folder)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "NaN" not in out
    assert "shortfall_unit" not in out
    cap = next(line for line in out.splitlines() if "'cap' (cap)" in line
               and not line.startswith("error"))
    asked, reachable, short = (float(v) for v in re.findall(r"([\d.]+) Mt", cap))
    assert asked == 1.0
    assert short == pytest.approx(reachable - asked, abs=1e-3)
    assert cap.endswith("- cannot be met")
    assert "not the only obstacle = " in out


def test_optimise_names_the_marginal_cost_and_explains_a_negative_one():
    # tiny's plan: the 2026 peak-year row makes 2026's marginal cost negative (-59 CNY/t,
    # docs/tutorial-tiny.md), so the explanation is printed
    result = runner.invoke(app, ["optimise", "tiny"])
    assert result.exit_code == 0, result.output
    assert "marginal cost" in result.output
    assert "Below zero in a year up to the peak year" in result.output


def test_optimise_rejects_a_time_limit_of_zero():
    # 0 used to be dropped by the command as "no limit given"
    result = runner.invoke(app, ["optimise", "tiny", "--time-limit", "0"])
    assert result.exit_code == 1
    assert "time limit must be a positive number" in result.output


def test_help_lists_the_commands_in_their_order():
    # cli is a package: its __init__ imports the command modules in this order, and no
    # command module imports another (which would register its commands early)
    import typer

    group = typer.main.get_command(app)
    shown = group.list_commands(typer.Context(group))
    assert shown == ["version", "inventory", "factors", "optimise", "report", "run", "decompose",
                     "init", "template", "catalogue", "montecarlo", "macc"]
