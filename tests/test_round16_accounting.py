"""Round 16 accounting cases (issue 11): hand values written out in each test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import carbonpath as cp


def _cli(*args):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


USER_CN_GRID = ("item,quantity,gas,value,unit,basis,region,year,source,status\n"
                "electricity,emission_factor,CO2,0.5703,t CO2/MWh,,CN,2022,national,unverified\n")


def test_m128_a_national_user_row_over_the_bundled_provincial_one_warns(tmp_path):
    """The user's CN 2022 grid factor 0.5703 replaces the bundled Shandong 2022 0.641 for
    聊城 (rule 1, user first), with a warning naming both rows and the difference:
    0.5703 / 0.641 - 1 = -0.11030 -> -11.0 %. Net import (3 - 1) x 10^8 kWh = 200 000 MWh,
    x 0.5703 t/MWh = 114 060 t CO2."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID, encoding="utf-8")
    (tmp_path / "a.csv").write_text(
        "sector,fuel,value,unit,use\n工业,电力,5,亿千瓦时,\n调入调出,电力,3,亿千瓦时,import\n"
        "调入调出,电力,1,亿千瓦时,export\n", encoding="utf-8")
    out = _cli("inventory", tmp_path / "a.csv", "--region", "聊城", "--year", 2022,
               "--primary-electricity", "calorific", "--factors", tmp_path / "f.csv",
               "--format", "csv", "--by", "in_total")
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "user factor f.csv line 2" in text
    assert "region CN, year 2022: 0.5703 t CO2/MWh" in text
    assert "finer region CN-SD (grid_factors.csv line 31, year 2022: 0.641 t CO2/MWh, -11.0%)" \
        in text
    total = [line for line in out.output.splitlines() if line.startswith("True,")]
    assert float(total[0].split(",")[1]) == pytest.approx(200_000 * 0.5703, rel=1e-9)


def test_m128_a_user_row_of_the_same_region_is_quiet(tmp_path):
    """A user CN-SD 2022 row replaces the bundled CN-SD 2022 row of the same region: no
    coarser-region warning (the project's warnings are errors in the tests)."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID.replace(",CN,", ",CN-SD,"), encoding="utf-8")
    table = cp.load_factors(extra=[tmp_path / "f.csv"])
    assert table.grid_factor("聊城", 2022).value.magnitude == pytest.approx(0.5703)


def test_m128_the_warning_comes_from_every_lookup(tmp_path):
    """The lookup the model and init use (FactorTable.resolve) warns alike; the user row
    still wins (0.5703)."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID, encoding="utf-8")
    table = cp.load_factors(extra=[tmp_path / "f.csv"])
    with pytest.warns(cp.CarbonpathWarning, match=r"finer region CN-SD .*-11\.0%"):
        f = table.grid_factor("CN-SD", 2022)
    assert f.value.magnitude == pytest.approx(0.5703)


def test_m38_kcal_is_the_international_table_calorie():
    """GB/T 2589-2020: 1 kgce = 7000 kcal (IT) = 7000 x 4.1868 kJ = 29.3076 MJ."""
    assert cp.Q_(7000, "kcal/kg").to("MJ/kg").magnitude == pytest.approx(29.3076, rel=1e-12)
    assert cp.Q_(7000, "kcal").to("kgce").magnitude == pytest.approx(1.0, rel=1e-12)
    assert cp.Q_(1, "cal").to("J").magnitude == pytest.approx(4.1868, rel=1e-12)
    assert cp.Q_(1, "calorie").to("J").magnitude == pytest.approx(4.1868, rel=1e-12)
    # the thermochemical calorie stays available by its own names
    assert cp.Q_(1, "kcal_th").to("J").magnitude == pytest.approx(4184, rel=1e-12)
    assert cp.Q_(1, "thermochemical_calorie").to("J").magnitude == pytest.approx(4.184)


@pytest.mark.parametrize("unit", ["Btu_th", "tTNT", "clausius", "entropy_unit", "langley",
                                  "Btu", "toe", "cal_it", "cal_th", "cal_15"])
def test_m38_units_pint_defines_by_a_calorie_keep_their_values(unit):
    """Pint's own registry is the independent reference for every unit built on a calorie."""
    import pint

    ref = pint.UnitRegistry(cache_folder=None)
    want = ref.Quantity(1, unit).to_base_units()
    got = cp.Q_(1, unit).to_base_units()
    assert got.magnitude == pytest.approx(want.magnitude, rel=1e-12)


def test_m38_a_user_calorific_value_in_kcal(tmp_path):
    """Raw coal 10 万吨 = 100 000 t at 5000 kcal/kg = 5000 x 4.1868 kJ/kg = 20.934 GJ/t and
    95 t CO2/TJ: 1e5 x 20.934e-3 TJ x 95 = 198 873 t CO2 (pint's 4.184 gave 198 740)."""
    (tmp_path / "f.csv").write_text(
        "item,quantity,gas,value,unit,basis,region,year,source,status\n"
        "raw_coal,calorific_value,,5000,kcal/kg,net,CN-SD,2022,t,unverified\n"
        "raw_coal,emission_factor,CO2,95,t CO2/TJ,,CN-SD,2022,t,unverified\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n",
                                    encoding="utf-8")
    out = _cli("inventory", tmp_path / "a.csv", "--region", "聊城", "--year", 2022,
               "--factors", tmp_path / "f.csv", "--format", "csv", "--by", "fuel")
    assert out.exit_code == 0, out.output
    co2 = [line for line in out.output.splitlines() if line.startswith("raw_coal,")
           and line.endswith(",CO2")]
    assert float(co2[0].split(",")[1]) == pytest.approx(1e5 * 20.934e-3 * 95, rel=1e-9)


SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "samples" / "energy_balance_sample.csv"


def _note_sheet(tmp_path):
    """The sample whose note's Chinese part says 0 °C while its English part says 20 °C."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert "按20°C计量" in text
    assert "gas volumes at 20 °C" in text
    path = tmp_path / "b08.csv"
    path.write_text(text.replace("按20°C计量", "按0°C计量"), encoding="utf-8")
    return path


def test_m68_gas_condition_parts_names_each_clause():
    from carbonpath.accounting.balance_gas_note import gas_condition_parts

    note = "注:合成数据;天然气和焦炉煤气按0°C计量。Note: synthetic data; gas volumes at 20 °C."
    assert gas_condition_parts([note]) == [("0C", "天然气和焦炉煤气按0°C计量"),
                                           ("20C", "gas volumes at 20 °C")]
    assert gas_condition_parts([note.replace("按0", "按20")]) == [
        ("20C", "天然气和焦炉煤气按20°C计量")]
    # round 25 Z19: a temperature with °C in a clause about gas is read without 按/at before
    assert gas_condition_parts(["at 101.325 kPa and 20 °C for gas"]) == [
        ("20C", "at 101.325 kPa and 20 °C for gas")]
    assert gas_condition_parts(["全年平均气温15℃"]) == []  # an air temperature: no gas word


def test_m68_a_note_contradicting_itself_is_refused_naming_both_parts(tmp_path):
    path = _note_sheet(tmp_path)
    with pytest.raises(cp.DataError) as err:
        cp.read_energy_balance(path)
    text = str(err.value)
    assert "b08.csv" in text
    assert "'天然气和焦炉煤气按0°C计量' (0C) and 'gas volumes at 20 °C' (20C)" in text
    with pytest.raises(cp.ArgumentValueError, match="15C is none of the conditions"):
        cp.read_energy_balance(path, gas_condition="15C")


def test_m68_an_option_choosing_one_part_warns_and_is_used(tmp_path):
    """The option decides, with a warning: the same reading as a sheet whose note says only
    that condition (the sample's own note says 20 °C in both parts)."""
    with pytest.warns(cp.CarbonpathWarning, match="the option's 20C is used"):
        both = cp.read_energy_balance(_note_sheet(tmp_path), gas_condition="20C")
    one = cp.read_energy_balance(SAMPLE)
    assert both.gas_condition == one.gas_condition == "20C"
    pd.testing.assert_frame_equal(both.activity, one.activity)


@pytest.mark.parametrize(("unit", "si", "factor"), [
    ("兆瓦时", "kWh", 1e3), ("吉瓦时", "kWh", 1e6), ("太瓦时", "kWh", 1e9), ("千瓦时", "kWh", 1),
    ("兆瓦", "kW", 1e3), ("吉瓦", "kW", 1e6), ("兆焦", "kJ", 1e3), ("太焦", "kJ", 1e9)])
def test_m04_chinese_si_prefix_names(unit, si, factor):
    """GB 3100-1993 Table 5: 千 = 10^3, 兆 = 10^6, 吉 = 10^9, 太 = 10^12."""
    from carbonpath.units import parse_unit

    assert cp.Q_(1, parse_unit(unit)).to(si).magnitude == pytest.approx(factor, rel=1e-12)


def test_m04_electricity_in_mwh_reads(tmp_path):
    """500 000 兆瓦时 = 5 x 10^8 kWh = 5 亿千瓦时: the same inventory either way."""
    rows = ("sector,fuel,value,unit,use\n工业,原煤,10,万吨,\n工业,电力,{},{},\n"
            "调入调出,电力,{},{},import\n调入调出,电力,0,亿千瓦时,export\n")
    outs = []
    for value, unit in (("500000", "兆瓦时"), ("5", "亿千瓦时")):
        (tmp_path / "a.csv").write_text(rows.format(value, unit, value, unit), encoding="utf-8")
        out = _cli("inventory", tmp_path / "a.csv", "--region", "聊城", "--year", 2022,
                   "--primary-electricity", "calorific", "--format", "csv", "--by", "fuel")
        assert out.exit_code == 0, out.output
        outs.append(out.output)
    assert outs[0] == outs[1]
    # net import 5 x 10^8 kWh = 500 000 MWh x the bundled Shandong 2022 0.641 t CO2/MWh
    assert "electricity,320500.0" in outs[0]


def test_m111_a_common_fuel_word_suggests_what_it_means(tmp_path):
    """煤炭 (coal in general) is no code; the hint leads with 原煤 raw_coal, by meaning, where
    spelling alone gave lignite, kerosene, coke (煤 in each name)."""
    from carbonpath.codes import NEAR_WORDS, fuels

    assert fuels().suggest("煤炭")[0] == "raw_coal"
    assert fuels().suggest("煤气")[:2] == ["coke_oven_gas", "other_gas"]
    for word, codes in NEAR_WORDS["fuel"].items():
        assert fuels().resolve(word) is None, word  # a hint only, never read as a code
        assert set(codes) <= set(fuels().codes)
    (tmp_path / "h.csv").write_text("sector,fuel,value,unit\n工业,煤炭,10,万吨\n",
                                    encoding="utf-8")
    out = _cli("inventory", tmp_path / "h.csv", "--region", "聊城", "--year", 2022)
    assert "h.csv, row 2, column 'fuel': unknown fuel '煤炭'" in out.output
    assert "did you mean raw_coal," in out.output


def _init(tmp_path, region):
    samples = SAMPLE.parent
    return _cli("init", "--balance", SAMPLE, "--capacity", samples / "init" / "sample_capacity.csv",
                "--drivers", samples / "init" / "sample_drivers.csv", "--base-year", 2022,
                "--horizon", 2030, "--region", region, "--out", tmp_path / "city")


def test_m151_init_takes_a_region_alias_as_inventory_does(tmp_path):
    """聊城 is CN-SD-Liaocheng's alias (factors/regions.csv): init writes the code."""
    out = _init(tmp_path, "聊城")
    assert out.exit_code == 0, out.output
    yaml = (tmp_path / "city" / "dataset.yaml").read_text(encoding="utf-8")
    assert "region: CN-SD-Liaocheng" in yaml


def test_m151_an_unknown_region_is_an_option_not_a_column(tmp_path):
    out = _init(tmp_path, "聊城x")
    assert out.exit_code != 0
    text = " ".join(out.output.split())
    assert "option '--region': unknown region (value: '聊城x')" in text
    assert "did you mean CN-SD-Liaocheng" in text
    assert "column '--region'" not in text


def test_m123_rows_of_two_regions_named_in_cli_words(tmp_path):
    (tmp_path / "r.csv").write_text(
        "sector,fuel,value,unit,use,region,year\n工业,原煤,10,万吨,,山东,2022\n"
        "调入调出,电力,0,亿千瓦时,import,聊城,2022\n调入调出,电力,0,亿千瓦时,export,聊城,2022\n",
        encoding="utf-8")
    out = _cli("inventory", tmp_path / "r.csv", "--primary-electricity", "calorific")
    assert out.exit_code != 0
    text = " ".join(out.output.split())
    assert "r.csv: the activity holds rows of 2 regions (CN-SD, CN-SD-Liaocheng): CN-SD " \
        "(row 2); CN-SD-Liaocheng (rows 3, 4)" in text
    assert "--by region --format csv" in text
    assert "Inventory.by()" not in text
    out = _cli("inventory", tmp_path / "r.csv", "--primary-electricity", "calorific",
               "--by", "region", "--format", "csv")
    assert out.exit_code == 0, out.output
    # the breakdown the message advises: one line per region, no total
    assert [line.split(",")[0] for line in out.output.splitlines()[1:]] == \
        ["CN-SD", "CN-SD-Liaocheng"]


def test_m82_the_note_points_at_the_balance_cell_typed_as_text(tmp_path):
    """The template's balance cell B2 (原煤 available, 1137) retyped as the text '1,137': the
    balance no longer compares equal to the example, and the notice says which cell."""
    openpyxl = pytest.importorskip("openpyxl")
    from carbonpath.init.workbook import read_workbook, write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["balance"]["B2"].value == 1137
    wb["balance"]["B2"].value = "1,137"
    wb.save(path)
    notices = read_workbook(path)["notices"]
    assert notices[0] == ("sheet 'balance': it differs from the template's example: cell B2 "
                          "holds the text '1,137' where the example has the number 1137 (a "
                          "number typed as text is no number to the comparison)")
    assert any("skipped" in n for n in notices[1:])
    wb["balance"]["B2"].value = 1137  # the example again: no such notice
    wb.save(path)
    assert not any(n.startswith("sheet 'balance'") for n in read_workbook(path)["notices"])
