"""Round 29 (tester KE): storage power, a dataset's drivers fed back, product suggestions and
a cap without years (KE41, KE42, KE23, KE26, KE40).

The sample city's average electricity load, by hand from datasets/samples/
energy_balance_sample.csv (电力, 亿千瓦时): end use 229 + losses 12 = 241 亿kWh = 24,100 GWh,
exports (调出) 40 亿kWh = 4,000 GWh; (24,100 + 4,000) GWh / 8,760 h = 3,207.8 MW.
"""

from __future__ import annotations

import warnings

import pytest

from tests.conftest import assert_no_carbonpath_warnings, edit
from tests.init_sample import BALANCE, INIT, SAMPLE

LOAD_MW = (24_100 + 4_000) * 1e3 / 8760  # 3,207.8 MW


def _capacity(tmp_path, *extra: str):
    """The sample capacity input with ``extra`` lines instead of its battery row."""
    lines = (INIT / "sample_capacity.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("battery,10,")
    path = tmp_path / "c.csv"
    path.write_text("\n".join([*lines[:-1], *extra]) + "\n", encoding="utf-8")
    return path


# KE41 / KE42 -------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "row", "total_mw", "ratio"), [
    # KE41: 1000 万千瓦 = 10,000 MW; 10,000 / 3,207.8 = 3.12 > 3
    (["battery,1000,万千瓦,x"], 6, "10,000", "3.1"),
    # KE42: 10 万千瓦 + 12000 万千瓦 = 100 + 120,000 MW; 120,100 / 3,207.8 = 37.4
    (["battery,10,万千瓦,x", "pumped_hydro,12000,万千瓦,x"], 7, "120,100", "37"),
])
def test_ke41_ke42_storage_far_above_the_load_is_refused(tmp_path, extra, row, total_mw,
                                                         ratio):
    from carbonpath.errors import ImplausibleValueError
    from carbonpath.init import init_dataset

    with pytest.raises(ImplausibleValueError) as err:
        init_dataset(BALANCE, out=tmp_path / "city",
                     **{**SAMPLE, "capacity": _capacity(tmp_path, *extra)})
    (p,) = [p for p in err.value.problems if "storage" in p.message]
    assert (p.file, p.row, p.column) == ("c.csv", row, "value")
    assert f"storage power {total_mw} MW" in p.message
    assert f"{ratio} times the average electricity load (3,208 MW" in p.message
    assert "1/10" in p.message  # the x10 reading is offered
    assert f"({3 * LOAD_MW:,.0f} MW)" in p.valid  # 9,623 MW
    assert "allow_implausible" in p.valid
    assert not (tmp_path / "city").exists()


def test_ke41_storage_above_the_load_warns_and_usual_storage_is_quiet(tmp_path,
                                                                       sample_init_warnings):
    """350 万千瓦 = 3,500 MW is 3,500 / 3,207.8 = 1.09 times the load: warned, written; the
    sample's own 10 万千瓦 (0.03 times) gives no warning."""
    from carbonpath.dataset.storage_power import StoragePowerWarning
    from carbonpath.init import init_dataset

    with pytest.warns(StoragePowerWarning, match=r"c\.csv, row 6, column 'value'.* 1\.1 "
                                                 r"times the average electricity load"):
        init_dataset(BALANCE, out=tmp_path / "city",
                     **{**SAMPLE, "capacity": _capacity(tmp_path, "battery,350,万千瓦,x")})
    assert (tmp_path / "city" / "parameters.csv").is_file()
    assert not [w for w in sample_init_warnings if w.category is StoragePowerWarning]


def test_ke41_a_dataset_store_above_its_load_warns(tiny):
    """tiny's largest electricity demand is 7,200 GWh/yr (2030): 7,200,000 MWh / 8,760 h =
    821.9 MW; its base-year supply 5,868.6 + 131.4 GWh is smaller. A battery of 2,000 MW
    is 2,000 / 821.9 = 2.4 times that."""
    import carbonpath as cp
    from carbonpath.dataset.storage_power import StoragePowerWarning

    with assert_no_carbonpath_warnings():
        cp.load_dataset(tiny)
    edit(tiny, "parameters.csv", "battery,lifetime,,15,yr,assumption: toy\n",
         "battery,lifetime,,15,yr,assumption: toy\n"
         "battery,residual_capacity,,2000,MW,x\n"
         "battery,residual_energy_capacity,,4000,MWh,x\n")
    with pytest.warns(StoragePowerWarning) as seen:
        cp.load_dataset(tiny)
    text = str(seen[0].message)
    assert "parameters.csv, row 17 (battery residual_capacity) 2,000 MW" in text
    assert "2.4 times the average electricity load (822 MW" in text


# KE26 ---------------------------------------------------------------------------------------


def test_ke26_no_suggestion_by_chance_letters():
    """'urea' and the alias 'eaf' share 'ea': 2 x 2 / (4 + 3) = 0.57, a chance match; a
    one-letter slip keeps more ('ammonai' / 'ammonia': 2 x 6 / 14 = 0.86)."""
    from carbonpath.codes import products
    from carbonpath.dataset.tables import closest

    assert products().suggest("urea") == []
    assert products().suggest("ammonai") == ["ammonia"]
    assert "did you mean" not in closest("urea", ["eaf", "lime"])
    assert closest("lmie", ["eaf", "lime"]) == "did you mean 'lime'"  # 2 x 3 / 8 = 0.75


def test_ke26_urea_in_production_is_advised_as_ammonia(tmp_path):
    """Urea CO(NH2)2 (60.06 g/mol) holds two NH3 (2 x 17.03): 34.06 / 60.06 = 0.57 t of
    ammonia per t of urea."""
    from carbonpath.accounting import read_production
    from carbonpath.errors import DataError

    path = tmp_path / "p.csv"
    path.write_text("product,value,unit,year,region\nurea,40,万吨,2022,CN-SD\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_production(path)
    (p,) = err.value.problems
    assert "eaf_steel" not in p.valid
    assert "ammonia" in p.valid
    assert "0.57 t per t of urea" in p.valid


# KE23 ---------------------------------------------------------------------------------------


def test_ke23_a_dataset_drivers_csv_as_drivers_is_refused_once(sample_init, tmp_path):
    from carbonpath.errors import DataError
    from carbonpath.init import init_dataset

    drivers = sample_init.folder / "drivers.csv"
    lines = drivers.read_text(encoding="utf-8").splitlines()
    first = next(i + 1 for i, line in enumerate(lines)
                 if ",assumption: held at" in line or "national non-fossil" in line)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(DataError) as err:
            init_dataset(BALANCE, out=tmp_path / "again", **{**SAMPLE, "drivers": drivers})
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("drivers.csv", first, "source")
    assert "written by carbonpath init" in p.message
    assert "holds a dataset.yaml" in p.message
    assert "--growth" in p.valid
    assert not [w for w in seen if "growth" in str(w.message)]  # no warning per year first


def test_ke23_a_growth_row_used_in_no_year_warns_once(tmp_path):
    """gdp given for 2022, 2023 and 2024 (horizon 2024): growth row 2 (2022..2030) covers
    2023..2024, both between given values: one warning, not one per pair of years."""
    from carbonpath.init import init_dataset
    from carbonpath.init.driver_checks import GrowthNotUsedWarning

    path = tmp_path / "d.csv"
    path.write_text("driver,year,value,unit,source\n"
                    "gdp,2022,2600,亿元,x\ngdp,2023,2730,亿元,x\ngdp,2024,2866.5,亿元,x\n"
                    "population,2022,600,万人,x\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        init_dataset(BALANCE, out=tmp_path / "city", **{**SAMPLE, "drivers": path})
    unused = [str(w.message) for w in seen if w.category is GrowthNotUsedWarning]
    assert len(unused) == 1, unused
    assert "row 2" in unused[0]
    assert "rows 2, 3, 4" in unused[0]


# KE40 ---------------------------------------------------------------------------------------


def _cap(**more):
    return {"name": "cap2030", "type": "cap", "value": 3000, "unit": "万吨 CO2",
            "source": "city plan: 2030 emissions within 3000 万吨", **more}


def test_ke40_a_cap_without_years_below_the_base_year_warns(tmp_path):
    """3000 万吨 = 30,000 kt against the sample's 33,579 kt of 2022 (its inventory): 1 -
    30,000 / 33,579 = 10.7 %, from the first decision year 2023 to the horizon 2024."""
    from carbonpath.dataset.target_years import TargetYearWarning
    from carbonpath.init import init_dataset

    with pytest.warns(TargetYearWarning) as seen:
        init_dataset(BALANCE, out=tmp_path / "city", **{**SAMPLE, "targets": [_cap()]})
    text = next(str(w.message) for w in seen if w.category is TargetYearWarning)
    assert text.startswith("init_dataset(targets=...), targets[0].years: ")
    assert "from 2023 to 2024" in text
    assert "11% below it from 2023 on" in text


def test_ke40_a_cap_with_its_year_or_above_the_base_year_is_quiet():
    """The note itself: a cap of 2030 (years given) binds that year alone; a cap of 40,000
    kt over a base year of 33,579 cuts nothing in the first year."""
    from carbonpath.dataset.target_years import open_cap_note

    base = 33_579.0
    assert open_cap_note(_cap(years=[2030]), base, "kt CO2", 2023, 2030) is None
    assert open_cap_note(_cap(value=4000), base, "kt CO2", 2023, 2030) is None
    key, text, valid = open_cap_note(_cap(), base, "kt CO2", 2023, 2030)
    assert key == "years"
    assert "states 2030" in text
    assert "e.g. 2030" in valid
