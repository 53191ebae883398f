"""The command line of issue 3: balance sheets into `inventory`, and `decompose`."""

import json
from pathlib import Path

from typer.testing import CliRunner

from carbonpath.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "energy_balance_sample.csv"
RAW_COAL = 20.908e-3 * 26.18 * 0.93 * 44 / 12  # t CO2 per t


def test_inventory_detects_a_balance_sheet():
    args = ["inventory", str(SAMPLE), "--region", "CN-SD", "--year", "2022",
            "--primary-electricity", "calorific", "--format", "json", "--by", "fuel"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    coal = next(r for r in out["breakdown_t"]["CO2"] if r["fuel"] == "raw_coal")
    assert abs(coal["value"] - 1125e4 * RAW_COAL) < 1e-3  # 780 + 220 + 110 + 15 万吨 burned
    flagged = runner.invoke(app, [*args, "--balance-sheet"])
    assert json.loads(flagged.output)["totals_Mt"] == out["totals_Mt"]


def test_inventory_balance_sheet_error_is_reported(tmp_path):
    p = tmp_path / "b.csv"
    p.write_text("项目,原煤(万吨),电力(亿千瓦时)\n终端消费量,10,\n工业,3,\n", encoding="utf-8")
    result = runner.invoke(app, ["inventory", str(p), "--region", "CN-SD", "--year", "2022"])
    assert result.exit_code == 1
    assert "states 10" in result.output


def test_decompose_two_activity_files(tmp_path):
    a, b, drivers = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "d.csv"
    a.write_text("sector,fuel,value,unit\nindustry,raw_coal,1000,t\n", encoding="utf-8")
    b.write_text("sector,fuel,value,unit\nindustry,raw_coal,1100,t\n", encoding="utf-8")
    drivers.write_text("driver,year,value,unit,price_year\npopulation,2020,100,万人,\n"
                       "population,2025,110,万人,\ngdp,2020,1000,亿元,2020\n"
                       "gdp,2025,1320,亿元,2020\n", encoding="utf-8")
    result = runner.invoke(app, ["decompose", str(a), str(b), "--drivers", str(drivers),
                                 "--years", "2020", "2025", "--region", "CN-SD",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    effects = {r["factor"]: r["effect"] for r in out["effects_t"]}
    # population 100 -> 110 at constant emission shares carries the whole 10% growth
    assert abs(effects["population"] - 100 * RAW_COAL) < 1e-6
    assert abs(effects["total"] - 100 * RAW_COAL) < 1e-6
    assert out["gdp_price_year"] == 2020
    table = runner.invoke(app, ["decompose", str(a), str(b), "--drivers", str(drivers),
                                "--years", "2020", "2025", "--region", "CN-SD"])
    assert table.exit_code == 0, table.output
    assert "LMDI" in table.output
    bad = runner.invoke(app, ["decompose", str(a), str(b), "--drivers", str(drivers),
                              "--years", "2020", "2030", "--region", "CN-SD"])
    assert bad.exit_code == 1
    assert "no population for 2030" in bad.output
