"""init refuses implausible calibrated plants and capacities (round 8: S01, S02, B12, Q03).

Hand calculations (GB/T 2589-2020 Appendix A: raw coal 0.7143 kgce/kg, natural gas 1.2143
kgce/m3; 1 kgce = 29.3076 MJ; catalogue flows.csv: coal boiler 1.25 GJ/GJ (range 1.1364 ..
1.3889), gas boiler 1.087 GJ/GJ, coal_supercritical 8.3721 .. 9.2308 GJ/MWh):

* heat supply with the sample's old 80 万吨 raw coal and 0.3 亿m3 gas for 3 800 万百万千焦:
  the heat is split by fuel energy / catalogue input, so each plant's efficiency is
  H / (input x sum of the weights): coal 38e6 GJ / (1.25 x (E_c / 1.25 + E_g / 1.087)).
* the valid efficiency range of the coal boiler: (1 / 1.3889) x 0.75 .. min((1 / 1.1364) x 1.25,
  1) = 54 % .. 100 %; of coal_supercritical 3.6 / 9.2308 x 0.75 .. 3.6 / 8.3721 x 1.25 = 29 % ..
  54 %.
* coal capacity 3 000 万千瓦 for the coal plants' share of 190 亿千瓦时: fewer than 1 500 h.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
from carbonpath.init import init_dataset
from tests.init_sample import INIT, SAMPLE, SAMPLES

GJ_T = 0.7143 * 29.3076  # raw coal, GJ/t
GJ_M3 = 1.2143 * 29.3076e-3  # natural gas at 20 C, GJ/m3


def _balance(tmp_path: Path, pairs: list[tuple[str, str]]) -> Path:
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "balance.csv"
    path.write_text(text, encoding="utf-8")
    return path


# the sample before round 8: heat supply burns 80 instead of 220 万吨 (parents kept consistent)
OLD_HEAT = [("2.供热,-220.00,", "2.供热,-80.00,"),
            ("二、加工转换投入(-)产出(+)量,-1000.00,", "二、加工转换投入(-)产出(+)量,-860.00,"),
            ("2.外省(区、市)调入量,950.00,", "2.外省(区、市)调入量,810.00,"),
            ("一、可供本地区消费的能源量,1137.00,", "一、可供本地区消费的能源量,997.00,"),
            ("六、消费量合计,1135.00,", "六、消费量合计,995.00,")]


def test_the_sample_calibrates_inside_the_catalogue_ranges(sample_init):
    # init_dataset(SAMPLES / "energy_balance_sample.csv", **SAMPLE), shared (tests/conftest.py)
    flows = pd.read_csv(sample_init.folder / "flows.csv")
    coal = flows[(flows["technology"] == "thermal_raw_coal")
                 & (flows["commodity"] == "raw_coal")]["value"].iloc[0]
    heat = flows[(flows["technology"] == "heatplant_raw_coal")
                 & (flows["commodity"] == "raw_coal")]["value"].iloc[0]
    assert 0.29 < 3.6 / (coal * GJ_T) < 0.54  # t/MWh -> efficiency
    assert 0.54 < 1 / (heat * GJ_T) <= 1.0


def test_an_impossible_heat_plant_is_refused_naming_the_balance(tmp_path):
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(_balance(tmp_path, OLD_HEAT), out=tmp_path / "o", **SAMPLE)
    e_c, e_g = 80e4 * GJ_T, 0.3e8 * GJ_M3
    weights = e_c / 1.25 + e_g / 1.087
    eff = {"raw_coal": 3800e4 / (1.25 * weights), "natural_gas": 3800e4 / (1.087 * weights)}
    found = {(p.file, p.row, p.column): p for p in info.value.problems}
    assert set(found) == {("balance.csv", 14, "raw_coal"), ("balance.csv", 14, "natural_gas")}
    coal = found[("balance.csv", 14, "raw_coal")]
    assert f"{eff['raw_coal']:.1%}" in coal.message  # 211.4 %
    assert "heat_coal_boiler" in coal.message
    assert "line 14" in coal.message
    assert coal.valid.startswith("an efficiency of 54% .. 100%")
    assert f"{eff['natural_gas']:.1%}" in found[("balance.csv", 14, "natural_gas")].message
    assert not (tmp_path / "o" / "flows.csv").exists()


def test_the_override_accepts_it_with_a_warning_and_a_readme_line(tmp_path):
    with pytest.warns(CarbonpathWarning, match="allow_implausible"):
        init_dataset(_balance(tmp_path, OLD_HEAT), out=tmp_path / "o",
                     allow_implausible=True, **SAMPLE)
    flows = pd.read_csv(tmp_path / "o" / "flows.csv")
    heat = flows[(flows["technology"] == "heatplant_raw_coal")
                 & (flows["commodity"] == "raw_coal")]["value"].iloc[0]
    e_c, e_g = 80e4 * GJ_T, 0.3e8 * GJ_M3
    out_coal = 3800e4 * (e_c / 1.25) / (e_c / 1.25 + e_g / 1.087)
    assert heat == pytest.approx(80e4 / out_coal, rel=1e-9)  # written as the balance says
    assert "allow_implausible" in (tmp_path / "o" / "README.md").read_text(encoding="utf-8")
    caveats = yaml.safe_load((tmp_path / "o" / "dataset.yaml").read_text(encoding="utf-8"))[
        "caveats"]  # round-9 X05: the report of a run shows them on its first screen
    assert [c.split("'")[1] for c in caveats] == ["heatplant_raw_coal",  # both heat plants
                                                  "heatplant_natural_gas"]
    assert all("--allow-implausible" in c for c in caveats)


def test_an_impossible_power_plant_is_refused(tmp_path):
    old = [("1.火力发电,-780.00,", "1.火力发电,-420.00,"),
           ("二、加工转换投入(-)产出(+)量,-1000.00,", "二、加工转换投入(-)产出(+)量,-640.00,"),
           ("2.外省(区、市)调入量,950.00,", "2.外省(区、市)调入量,590.00,"),
           ("一、可供本地区消费的能源量,1137.00,", "一、可供本地区消费的能源量,777.00,"),
           ("六、消费量合计,1135.00,", "六、消费量合计,775.00,")]
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(_balance(tmp_path, old), out=tmp_path / "o", **SAMPLE)
    coal = {(p.row, p.column): p for p in info.value.problems}[(13, "raw_coal")]
    assert "coal_supercritical" in coal.message
    assert coal.valid.startswith("an efficiency of 29% .. 54%")


def test_a_capacity_ten_times_too_large_is_refused(tmp_path):
    cap = (INIT / "sample_capacity.csv").read_text(encoding="utf-8")
    assert cap.count("\ncoal,300,万千瓦") == 1
    path = tmp_path / "capacity.csv"
    path.write_text(cap.replace("\ncoal,300,万千瓦", "\ncoal,3000,万千瓦"), encoding="utf-8")
    args = {**SAMPLE, "capacity": path}
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o", **args)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("capacity.csv", 2, "value")
    # coal plants make at most 19e6 MWh of the balance's 190 亿千瓦时: < 19e6 / 30 000 = 633 h
    hours = int(p.message.split(" full-load hours")[0].rsplit(" ", 1)[1].replace(",", ""))
    assert 500 < hours < 19e6 / 30000
    assert "1,500 .. 8,760 full-load hours" in p.valid
    # ten times too much PV: 3 000 000 MWh of local generation from 18 000 MW of PV
    path.write_text(cap.replace("\npv,180,万千瓦", "\npv,1800,万千瓦"), encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "o", **args)
    (p,) = info.value.problems
    assert (p.file, p.column) == ("capacity.csv", "value")
    assert "'pv' 18,000 MW" in p.message
    assert p.valid.startswith("generation of 40%")


def test_the_cli_refuses_and_takes_allow_implausible(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app
    from tests.init_sample import init_args

    bad = str(_balance(tmp_path, OLD_HEAT))
    args = init_args(tmp_path / "o")
    args[args.index("--balance") + 1] = bad
    res = CliRunner().invoke(app, args)
    assert res.exit_code != 0
    assert "balance.csv, row 14, column 'raw_coal'" in res.output
    assert "--allow-implausible" in res.output
    res = CliRunner().invoke(app, [*args, "--allow-implausible"])
    assert res.exit_code == 0, res.output


def test_a_large_statistical_difference_is_named(tmp_path):
    # industry burns 20 instead of 120 万吨: 平衡差额 2 -> 102 of 1137 available (8.97 %)
    less = [("四、终端消费量,135.00,", "四、终端消费量,35.00,"),
            ("(二)第二产业,120.00,", "(二)第二产业,20.00,"), ("1.工业,120.00,", "1.工业,20.00,"),
            ("五、平衡差额,2.00,", "五、平衡差额,102.00,"),
            ("六、消费量合计,1135.00,", "六、消费量合计,1035.00,")]
    with pytest.warns(CarbonpathWarning, match=r"row 31, column '原煤\(万吨\)'.* 9\.0%"):
        init_dataset(_balance(tmp_path, less), out=tmp_path / "o", **SAMPLE)
    assert "平衡差额) of raw_coal is 102" in (tmp_path / "o" / "README.md").read_text(
        encoding="utf-8")
    # 100 万吨 more inflow as well: 202 of 1237 available = 16.3 % > 10 %: refused
    more = [*less, ("2.外省(区、市)调入量,950.00,", "2.外省(区、市)调入量,1050.00,"),
            ("一、可供本地区消费的能源量,1137.00,", "一、可供本地区消费的能源量,1237.00,"),
            ("五、平衡差额,102.00,", "五、平衡差额,202.00,")]
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(_balance(tmp_path, more), out=tmp_path / "o2", **SAMPLE)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.value) == ("balance.csv", 31, "原煤(万吨)", 202)
    assert f"{202 / 1237:.1%}" in p.message


@pytest.mark.parametrize(("old", "new", "row"), [
    ("电力(亿千瓦时)", "电力(万千瓦时)", 13),  # B05: output 1e4 too small, power 0.004 %
    ("热力(万百万千焦)", "热力(百万千焦)", 14)])  # B06: heat 1e4 too small, 0.008 %
def test_a_unit_slip_in_an_output_column_is_refused_before_writing(tmp_path, old, new, row):
    with pytest.raises(ImplausibleValueError) as info:
        init_dataset(_balance(tmp_path, [(old, new)]), out=tmp_path / "o", **SAMPLE)
    found = {(p.file, p.row, p.column): p for p in info.value.problems}
    p = found[("balance.csv", row, "raw_coal")]
    assert p.value == (780 if row == 13 else 220)
    # efficiency x 1e-4 of the sample's ~40 % (power) / ~80 % (heat): below 1e-4
    eff = float(p.message.split(" converts ")[1].split(" ")[0])
    assert 1e-5 < eff < 1e-4
    assert not (tmp_path / "o" / "flows.csv").exists()
