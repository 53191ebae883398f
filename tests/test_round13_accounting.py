"""Round 13's accounting-side cases (tester13g, G IDs) fixed by rel28.

Expected values are worked by hand in each test from the bundled samples' numbers.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.accounting import read_energy_balance
from carbonpath.accounting.balance_year import HiddenSheetWarning, pick_sheet
from carbonpath.errors import DataError
from tests.test_round10_balance_year import _power_coal, _rows, _workbook

openpyxl = pytest.importorskip("openpyxl")


def test_g83_a_hidden_first_sheet_is_passed_over_with_a_warning(tmp_path):
    # sheet 'old' (the sample x 0.5, hidden) before 'balance' (the sample, visible)
    path = _workbook(tmp_path / "b83.xlsx", [("old", _rows(0.5)), ("balance", _rows())])
    wb = openpyxl.load_workbook(path)
    wb["old"].sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    with pytest.warns(HiddenSheetWarning, match=r"b83\.xlsx.*visible sheet 'balance'.*'old'"):
        bs = read_energy_balance(path, year=2022, region="CN-SD")
    assert bs.sheet == "balance"
    assert _power_coal(bs) == pytest.approx(780)  # the sample's, not 0.5 x 780 = 390
    with warnings.catch_warnings():
        warnings.simplefilter("error", HiddenSheetWarning)
        assert _power_coal(read_energy_balance(path, sheet="old", year=2022)) == \
            pytest.approx(390)  # named, the hidden sheet is read without a word


def test_g83_a_year_only_a_hidden_sheet_is_named_after_is_refused():
    with pytest.raises(DataError, match=r"only hidden sheets are named after the year 2022 "
                                        r"\(2022\)[\s\S]*--sheet"):
        pick_sheet(["2022", "draft"], 2022, "w.xlsx", hidden=["2022"])
    with pytest.warns(HiddenSheetWarning):
        assert pick_sheet(["2021", "2022", "2022 old"], 2022, "w.xlsx",
                          hidden=["2022 old"]) == "2022"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pick_sheet(["a", "b"], 2022, "w.xlsx") == "a"  # no hidden sheet: as before


def _mapping():
    import pandas as pd

    return pd.read_csv("catalogue/mapping.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("tech", "carrier"), [("bld_heat_heat_pump", "electricity"),
                                               ("bld_heat_gas", "natural_gas")])
def test_g97_g98_a_device_of_another_carrier_is_refused_naming_the_row(tech, carrier):
    from carbonpath.init.mapping import read_mapping

    m = _mapping()
    line = 45  # editor line of 'device,residential,raw_coal,,bld_heat_coal,heat,'
    i = line - 2
    assert tuple(m.loc[i, ["role", "sector", "fuel", "technology"]]) == (
        "device", "residential", "raw_coal", "bld_heat_coal")
    m.loc[i, "technology"] = tech
    with pytest.raises(DataError, match=rf"row {line}, column 'technology'.*'{tech}' uses "
                                        rf"{carrier}, not raw_coal[\s\S]*bld_heat_coal"):
        read_mapping(m)


def test_g97_same_family_and_gaseous_fuels_in_gas_devices_still_pass():
    from carbonpath.init.mapping import read_mapping

    m = _mapping()
    base = read_mapping(m)  # the bundled table: coal gases and LPG in gas boilers, coke in a stove
    extra = m.iloc[[0]].copy()
    extra[["sector", "fuel", "technology"]] = ["residential", "blast_furnace_gas",
                                               "bld_heat_gas"]
    import pandas as pd

    read = read_mapping(pd.concat([m, extra], ignore_index=True))
    assert len(read.table) == len(base.table) + 1  # the gas-family row is read, not dropped


def _sample_inventory():
    import carbonpath as cp
    from tests.init_sample import SAMPLES

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's feedstock rows without production
        return cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD",
                                    year=2022, primary_electricity="calorific")


def _industry_and_below():
    import csv
    from pathlib import Path

    import carbonpath

    table = Path(carbonpath.__file__).parent / "data" / "sectors.csv"
    rows = list(csv.DictReader(table.read_text(encoding="utf-8").splitlines()))
    found, grew = {"industry"}, True
    while grew:  # every sector whose parent, grandparent ... is industry
        more = {r["code"] for r in rows if r["parent"] in found} - found
        found |= more
        grew = bool(more)
    return found


def test_g115_a_sector_total_includes_its_sub_sectors():
    inv = _sample_inventory()
    e = inv.emissions
    counted = e[e["in_total"] & (e["gas"] == "CO2")]
    below = _industry_and_below()
    assert {"chemicals", "ferrous_metals", "non_metallic_minerals"} <= below
    # hand sum: the CO2 of every counted row of industry or an industry below it
    col = "value"
    expected = float(counted.loc[counted["sector"].isin(below), col].sum())
    kids = float(counted.loc[counted["sector"].isin(below - {"industry"}), col].sum())
    assert kids > 1e6  # the sample's industries emit in their own rows (3.8 Mt)
    assert inv.total(sector="industry").to("t CO2").magnitude == pytest.approx(expected)
    assert inv.total(sector="工业").magnitude == pytest.approx(expected)  # alias
    assert inv.total(sector="chemicals").magnitude == pytest.approx(
        float(counted.loc[counted["sector"] == "chemicals", col].sum()))  # a leaf: itself


def test_g116_an_impossible_scope_is_refused():
    from carbonpath.errors import ArgumentValueError

    inv = _sample_inventory()
    with pytest.raises(ArgumentValueError, match=r"total\(scope=5\): not a scope; valid: 1"):
        inv.total(scope=5)
    with pytest.raises(ArgumentValueError, match=r"by\(scope=0\)"):
        inv.by("sector", scope=0)
    # scope 3 is a scope, but one carbonpath does not account: unknown, not 0 t (round 18 Q140)
    with pytest.raises(ArgumentValueError, match=r"total\(scope=3\): carbonpath accounts "
                       r"scopes 1 .* and 2 .* only.*the inventory's scopes: 1, 2"):
        inv.total(scope=3)


_F10 = ("item,quantity,gas,value,unit,basis,region,year,source,status\n"
        "raw_coal,calorific_value,,20,GJ/t,net,聊城,{y},local,unverified\n"
        "raw_coal,emission_factor,CO2,95,t CO2/TJ,,聊城,{y},local,unverified\n")


def _inventory_with(factors):
    import carbonpath as cp
    from tests.init_sample import SAMPLES

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cp.compute_inventory(SAMPLES / "activity_sample.csv", region="聊城", year=2022,
                                    primary_electricity="calorific", factors=factors)


def test_g10_user_factor_rows_later_than_the_inventory_are_refused(tmp_path):
    later = tmp_path / "f10.csv"
    later.write_text(_F10.format(y=2023), encoding="utf-8")
    with pytest.raises(DataError) as err:
        _inventory_with(later)
    where = [(p.file, p.row, p.column, p.value) for p in err.value.problems]
    assert where == [("f10.csv", 2, "year", 2023), ("f10.csv", 3, "year", 2023)]
    assert "valid: a year up to 2022" in str(err.value)
    # a series reaching the inventory's year is used: its 2022 rows, not refused
    series = tmp_path / "series.csv"
    text = _F10.format(y=2022) + "\n".join(_F10.format(y=2024).splitlines()[1:]) + "\n"
    series.write_text(text, encoding="utf-8")
    same = tmp_path / "same.csv"
    same.write_text(_F10.format(y=2022), encoding="utf-8")
    assert _inventory_with(series).total() == _inventory_with(same).total()


def _latest_grid_year():
    import csv
    from pathlib import Path

    rows = csv.DictReader(Path("factors/grid_factors.csv").read_text("utf-8").splitlines())
    return max(int(r["year"]) for r in rows if r["region"] == "CN-SD" and r["year"])


def test_g79_a_factor_carried_more_than_two_years_forward_warns():
    import carbonpath as cp
    from carbonpath.accounting.factor_years import OldFactorWarning
    from tests.init_sample import SAMPLES

    latest = _latest_grid_year()  # 2022 when written: Shandong's grid factor
    for year, warned in ((latest + 2, False), (latest + 8, True)):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD", year=year,
                                 primary_electricity="calorific")
        old = [str(w.message) for w in seen if issubclass(w.category, OldFactorWarning)]
        if not warned:
            assert old == []  # the usual publication lag: no word
            continue
        grid = [m for m in old if "electricity emission_factor" in m]
        assert len(grid) == 1
        assert f"of {latest} (CN-SD, grid_factors.csv line" in grid[0]
        assert f"is used for {year}, 8 year(s) later" in grid[0]


@pytest.mark.parametrize("command", ["inventory", "decompose"])
def test_g76_g82_gas_condition_that_every_gas_row_overrides_is_refused(tmp_path, command):
    from typer.testing import CliRunner

    from carbonpath.cli import app
    from tests.init_sample import SAMPLES

    text = (SAMPLES / "activity_sample.csv").read_text(encoding="utf-8")
    assert text.count(",20C,") == 8  # every gas volume row names its condition
    own = tmp_path / "own.csv"
    own.write_text(text, encoding="utf-8")
    blank = tmp_path / "blank.csv"
    blank.write_text(text.replace(",20C,", ",,"), encoding="utf-8")
    drivers = tmp_path / "dr.csv"
    drivers.write_text("driver,year,value,unit\ngdp,2021,2400,亿元\ngdp,2022,2600,亿元\n"
                       "population,2021,600,万人\npopulation,2022,601,万人\n", encoding="utf-8")

    def run(path, *extra):
        args = [command, str(path)]
        if command == "decompose":
            args += [str(path), "--years", "2021", "2022", "--drivers", str(drivers),
                     "--gdp-price-year", "2021"]
        else:
            args += ["--year", "2022"]
        return CliRunner().invoke(app, [*args, "--region", "CN-SD", "--primary-electricity",
                                        "calorific", *extra])

    res = run(own, "--gas-condition", "0C")
    assert res.exit_code != 0
    assert "every gas volume row of the input names its own" in " ".join(res.output.split())
    if command == "inventory":  # blank cells read the option: the same as the 20C cells
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a, b = run(own), run(blank, "--gas-condition", "20C")
        assert a.exit_code == b.exit_code == 0
        assert a.output.splitlines()[-2:] == b.output.splitlines()[-2:]


def test_g04_csv_without_by_carries_co2e_when_gwp_is_given():
    import io

    import pandas as pd
    from typer.testing import CliRunner

    import carbonpath as cp
    from carbonpath.cli import app
    from tests.init_sample import SAMPLES

    args = ["inventory", str(SAMPLES / "activity_sample.csv"), "--region", "CN-SD", "--year",
            "2022", "--primary-electricity", "calorific", "--format", "csv"]
    plain = CliRunner().invoke(app, args)
    res = CliRunner().invoke(app, [*args, "--gwp", "AR5"])
    assert plain.exit_code == res.exit_code == 0
    assert "value_CO2e" not in plain.stdout  # without --gwp: the rows as before
    rows = pd.read_csv(io.StringIO(res.stdout))
    assert set(rows["gwp"]) == {"AR5"}
    n2o = rows[rows["gas"] == "N2O"]
    assert len(n2o) > 0
    # IPCC AR5 WG1 Table 8.7: N2O 265 (GWP100); CO2 1
    assert n2o["value_CO2e"].to_numpy() == pytest.approx(n2o["value"].to_numpy() * 265)
    co2 = rows[rows["gas"] == "CO2"]
    assert (co2["value_CO2e"] == co2["value"]).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inv = cp.compute_inventory(SAMPLES / "activity_sample.csv", region="CN-SD", year=2022,
                                   primary_electricity="calorific", gwp="AR5")
    counted = rows[rows["in_total"]]
    assert counted["value_CO2e"].sum() == pytest.approx(inv.total("CO2e").magnitude)


def test_g117_by_in_total_gives_both_kinds_of_row():
    import io

    import pandas as pd
    from typer.testing import CliRunner

    from carbonpath.cli import app
    from tests.init_sample import SAMPLES

    res = CliRunner().invoke(app, [
        "inventory", str(SAMPLES / "activity_sample.csv"), "--region", "CN-SD", "--year",
        "2022", "--primary-electricity", "calorific", "--by", "in_total", "--by", "sector",
        "--format", "csv"])
    assert res.exit_code == 0
    rows = pd.read_csv(io.StringIO(res.stdout)).set_index(["in_total", "sector"])["value"]
    # reported, not counted (provincial): consumption x Shandong's 2022 grid factor 0.641 t/MWh
    # (grid_factors.csv), district heat x 0.11 t CO2/GJ
    assert rows[(False, "industry")] == pytest.approx(210e5 * 0.641)  # 210 亿千瓦时
    assert rows[(False, "residential")] == pytest.approx(35e5 * 0.641 + 3500e4 * 0.11)
    assert rows[(True, "thermal_power")] > 0  # the counted rows are there too


def test_g108_g109_a_total_in_a_bare_mass_unit_names_the_fix():
    from carbonpath.errors import IncompatibleUnitsError

    inv = _sample_inventory()
    t = inv.total().to("t CO2").magnitude
    for unit in ("kt", "万吨"):
        with pytest.raises(IncompatibleUnitsError, match=rf"e\.g\. '{unit} CO2'"):
            inv.total(unit=unit)
    assert inv.total(unit="kt CO2").magnitude == pytest.approx(t / 1e3)
    assert inv.total(unit="万吨 CO2").magnitude == pytest.approx(t / 1e4)
    with pytest.raises(IncompatibleUnitsError, match="valid: a unit of the same dimension"):
        inv.total(unit="MWh")  # not a mass: pint's message as before


def test_g24_g25_a_small_capacity_is_one_problem_naming_each_type(tmp_path):
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, SAMPLE

    text = SAMPLE["capacity"].read_text(encoding="utf-8")
    cap = tmp_path / "c24.csv"
    cap.write_text(text.replace("pv,180,万千瓦", "pv,180,MW"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError) as err:
            init_dataset(BALANCE, out=tmp_path / "ds", **{**SAMPLE, "capacity": cap})
    problems = err.value.problems
    assert len(problems) == 1  # no "'pv' has no generation in the balance" beside it
    message = problems[0].message
    assert "exceeds what the listed capacity can produce" in message
    # 60 万千瓦 = 600 MW of wind; pv 180 MW, the capacity file's rows 4 and 5
    assert "'pv' 180 MW (c24.csv row 4)" in message
    assert "'wind_onshore' 600 MW (c24.csv row 5)" in message


def test_g74_init_names_a_tidy_activity_file_given_as_balance(tmp_path):
    from carbonpath.init import init_dataset
    from tests.init_sample import SAMPLE, SAMPLES

    with pytest.raises(DataError, match=r"activity_sample\.csv, row 1: a tidy activity table"
                                        r"[\s\S]*carbonpath inventory reads this file"):
        init_dataset(SAMPLES / "activity_sample.csv", out=tmp_path / "ds", **SAMPLE)


def test_g05_a_comma_list_in_one_by_is_told_to_repeat_by():
    from carbonpath.errors import ArgumentValueError

    inv = _sample_inventory()
    with pytest.raises(ArgumentValueError, match=r"one dimension per --by: --by scope --by fuel"):
        inv.by("scope,fuel")
