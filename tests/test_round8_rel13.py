"""Round-8 leftovers (rel13): G06, C07, discount year, A01 and messages."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import BALANCE, SAMPLE
from tests.test_round8_coal_rate import _drivers  # the sample's drivers plus extra rows


def test_g06_a_base_year_grid_factor_is_named_as_not_used(tmp_path):
    # the sample's base year is 2022; the planner's 0.55 t/MWh cannot replace the inventory's
    drivers = _drivers(tmp_path, "grid_emission_factor,2022,0.55,t CO2/MWh,province 2022\n"
                       "grid_emission_factor,2023,0.5,t CO2/MWh,province plan\n")
    out = init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "drivers": drivers})
    hit = [n for n in out.notices if "grid_emission_factor 2022 = 0.55" in n]
    assert len(hit) == 1
    assert "province 2022" in hit[0]
    readme = (out.folder / "README.md").read_text(encoding="utf-8")
    assert "grid_emission_factor 2022 = 0.55" in readme
    d = pd.read_csv(out.folder / "drivers.csv")
    d = d[d["driver"] == "grid_emission_factor"].set_index("year")["value"]
    assert d[2023] == pytest.approx(0.5)  # later rows as given
    assert d[2022] != pytest.approx(0.55)  # the base year is the inventory's factor


def test_g06_no_notice_without_a_base_year_grid_row(sample_init):
    out = sample_init  # init_dataset(BALANCE, **SAMPLE), shared (tests/conftest.py)
    assert not [n for n in out.notices if "grid_emission_factor" in n]


@pytest.mark.parametrize(("driver", "value", "unit"), [
    ("gdp", 2400, "亿元"), ("population", 590, "万人"),
    ("grid_emission_factor", 0.6, "t CO2/MWh"), ("grid_nonfossil_share", 0.3, "1")])
def test_g06_a_row_before_the_base_year_is_named_for_every_driver(tmp_path, driver, value,
                                                                  unit):
    drivers = _drivers(tmp_path, f"{driver},2020,{value},{unit},plan\n")
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "drivers": drivers})
    hit = [p for p in info.value.problems if p.value == 2020]
    assert len(hit) == 1
    assert driver in hit[0].message


C07 = ("part,code,value,unit,source\n"
       "capacity,coal,100,万千瓦,park units\n"
       "generation,coal,52,亿千瓦时,park generation\n"
       "serves,industry,,,served\n"
       "tie,,200,万千瓦,tie\n")


def test_c07_a_stated_capacity_resized_by_generation_is_named(tmp_path):
    path = tmp_path / "captive.csv"
    path.write_text(C07, encoding="utf-8")
    out = init_dataset(BALANCE, out=tmp_path / "o", captive=path, **SAMPLE)
    hit = [n for n in out.notices if "stated capacity of 'coal'" in n]
    assert len(hit) == 1
    # stated 100 万千瓦 = 1,000 MW; modelled = the city's 300 万千瓦 (3,000 MW) x the captive
    # share, which also splits the balance's 780 万吨 of thermal raw coal in activity.csv
    act = pd.read_csv(out.folder / "activity.csv", keep_default_na=False)
    coal = act[(act["sector"] == "thermal_power") & (act["fuel"] == "raw_coal")]
    share = float(coal.loc[coal["model_region"] == "captive", "value"].iloc[0]) / 780
    assert f"stated capacity of 'coal' 1,000.0 MW, modelled {3000 * share:,.1f} MW" in hit[0]
    readme = (out.folder / "README.md").read_text(encoding="utf-8")
    assert hit[0] in readme


def test_c07_no_notice_when_the_stated_capacity_is_kept(tmp_path):
    path = tmp_path / "captive.csv"
    path.write_text(C07.replace("generation,coal,52,亿千瓦时,park generation\n", ""),
                    encoding="utf-8")
    out = init_dataset(BALANCE, out=tmp_path / "o", captive=path, **SAMPLE)
    assert not [n for n in out.notices if "captive" in n]


def test_a01_a_user_catalogue_is_named_by_its_folder_and_version(tmp_path):
    import shutil

    from carbonpath._resources import data_path
    from carbonpath.catalogue import load_catalogue

    ucat = tmp_path / "ucat"
    shutil.copytree(data_path("catalogue"), ucat)
    (ucat / "VERSION").write_text("city-2024\n", encoding="utf-8")
    out = init_dataset(BALANCE, out=tmp_path / "o", catalogue=load_catalogue(ucat), **SAMPLE)
    named = f"city-2024 of the user catalogue {ucat.resolve()}"
    for file in ("README.md", "dataset.yaml"):
        assert named in (out.folder / file).read_text(encoding="utf-8"), file
    params = pd.read_csv(out.folder / "parameters.csv", keep_default_na=False)
    cited = params[params["source"].str.startswith("catalogue ")]
    assert len(cited) > 0
    assert cited["source"].str.startswith(f"catalogue {named}").all()
    # the bundled catalogue keeps its plain version
    assert load_catalogue().label == load_catalogue().version


@pytest.mark.parametrize("key", ["discount_year", "first_decision_year"])
def test_dy03_fd05_a_quoted_year_is_named_as_text(tmp_path, key):
    import carbonpath as cp
    from tests.scenario_fixture import tiny_copy

    folder = tiny_copy(tmp_path, **{key: "2026"})  # tiny: 2024 .. 2030, so 2026 is in range
    with pytest.raises(DataError) as info:
        cp.load_dataset(folder)
    hit = [p for p in info.value.problems if p.key == key]
    assert len(hit) == 1
    assert "not text" in hit[0].message
    assert "remove the quotes" in hit[0].message


def test_h26_apart_shows_the_digits_that_differ():
    from carbonpath.init.captive_heat import apart

    # 35,404,531.0 GJ + 0.5 GJ (a rounding of the stated output) would print twice the same
    assert apart(35_404_531.4, 35_404_531.0) == ("35,404,531.4", "35,404,531.0")
    assert apart(1_200.0, 1_000.0) == ("1,200", "1,000")
    assert apart(1.0004, 1.0) == ("1.0004", "1.0000")


def test_h26_a_capacity_just_above_the_city_names_both_numbers_apart(tmp_path):
    # 300.00001 万千瓦 = 3,000.0001 MW of coal against the city's 300 万千瓦 = 3,000 MW
    path = tmp_path / "captive.csv"
    path.write_text(C07.replace("capacity,coal,100,", "capacity,coal,300.00001,").replace(
        "generation,coal,52,亿千瓦时,park generation\n", ""), encoding="utf-8")
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", captive=path, **SAMPLE)
    hit = [p for p in info.value.problems if "exceeds" in p.message]
    assert len(hit) == 1
    assert "3,000.0001 MW exceeds the city's 3,000.0000 MW" in hit[0].message


@pytest.mark.parametrize(("cell", "number", "unit"), [
    ("500 MW", "500", "MW"), ("300 万千瓦", "300", "万千瓦"), ("1.5e3 t", "1.5e3", "t")])
def test_w03_a04_a_number_with_its_unit_is_named_as_such(cell, number, unit):
    from carbonpath.numbers import number_hint

    hint = number_hint(cell)
    assert "decimal comma" not in hint
    assert f"a number with a unit ('{unit}')" in hint
    assert f"the number alone ({number})" in hint


def test_w03_a04_a_capacity_quantity_column_names_the_unit_rule(tmp_path):
    import carbonpath as cp

    cap = pd.read_csv(SAMPLE["capacity"])
    cap["value"] = [cp.Q_(v, u) for v, u in zip(cap["value"], cap["unit"], strict=True)]
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "capacity": cap})
    messages = " ".join(p.message for p in info.value.problems)
    assert "decimal comma" not in messages
    assert "Quantity" in messages or "a number with a unit" in messages


def test_i04_a_horizon_beyond_the_catalogue_says_how_far_it_reaches(tmp_path):
    # the bundled pv_utility capex runs 2020 .. 2060 (catalogue/parameters.csv)
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "horizon": 2070})
    text = str(info.value)
    assert "covers 2020..2060, not 2070" in text
    assert "a horizon up to 2060" in text
    assert "load_catalogue(folder)" in text


def test_the_workbook_readme_states_the_cap_year_and_the_unit_rule(tmp_path):
    import openpyxl

    from carbonpath.init.workbook import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    text = " ".join(str(r[0].value) for r in openpyxl.load_workbook(path)["README"].iter_rows())
    assert "a cap row without a year binds every model year" in text
    assert "(500 and MW, not '500 MW')" in text


@pytest.mark.parametrize(("cls", "said"), [
    ("al_smelter_highamp", "its alumina input is 1.92 t/t, a material"),
    ("al_rolling_electric", "makes aluminium_semis, not the aluminium of the incumbent "
                            "'al_smelter_prebake'")])
def test_k01_k02_a_route_class_init_cannot_supply_is_named(tmp_path, cls, said):
    from carbonpath._resources import data_path

    text = (data_path("catalogue") / "mapping.csv").read_text(encoding="utf-8").rstrip("\n")
    path = tmp_path / "mapping.csv"
    path.write_text(text + f"\nroute,non_ferrous_metals,-,primary_aluminium_prebake,{cls},,"
                    "test\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "mapping": path})
    hit = [p for p in info.value.problems if p.value == cls]
    assert len(hit) == 1
    assert said in hit[0].message
    assert hit[0].file == "mapping.csv"
    assert hit[0].row == len(text.splitlines()) + 1  # the appended line


def test_b04_a_coal_column_in_the_wrong_unit_is_named_beside_the_gas_capacity(tmp_path):
    # 原煤(吨) over numbers in 万吨: coal 1e4 too small, so gas gets most of the output
    text = BALANCE.read_text(encoding="utf-8").replace("原煤(万吨)", "原煤(吨)", 1)
    path = tmp_path / "balance.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        init_dataset(path, out=tmp_path / "o", **SAMPLE)
    hit = [p for p in info.value.problems if "natural_gas units generate" in p.message]
    assert len(hit) == 1
    assert "split by the fuel energy of balance.csv (raw_coal " in hit[0].message
    assert "原煤(吨) over numbers in 万吨" in hit[0].message
