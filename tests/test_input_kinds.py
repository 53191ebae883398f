"""Issue 11, round 3 (dataset and input side): each kind of slip a tester found, as a copy
of datasets/tiny (or the init samples) with one edit. Expected bounds are written out here
from their physical basis, not read from the code."""

import warnings

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError
from carbonpath._resources import data_path
from carbonpath.accounting.decomposition import intensities
from carbonpath.cli import app
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.dataset.year_slips import SingleYearBoundWarning
from carbonpath.errors import CarbonpathWarning
from tests.conftest import edit, only_problem

SAMPLES = data_path("datasets") / "samples"


# -- 1. absolute ranges of drivers and cost parameters ----------------------------------------
# (file, old, new, file line, the value as written)
SLIPS = {
    # K04: 100 人 = 100 persons, below any city (10,000 persons)
    "population in 人": ("drivers.csv", "population,,100,万人", "population,,100,人", 4, 100),
    # K45: 0.5 t/kWh = 500 t/MWh, above all-coal generation (about 1.2 t/MWh)
    "grid factor per kWh": ("drivers.csv", "0.50,t CO2/MWh", "0.50,t CO2/kWh", 6, 0.5),
    # K47: a share of 30 (3000 %)
    "share as percent": ("drivers.csv", "grid_nonfossil_share,2030,0.30,1",
                         "grid_nonfossil_share,2030,30,1", 8, 30),
    # K48: 300 kgce/kWh = 300,000 gce/kWh; 123 gce/kWh is 100 % efficiency
    "coal rate in kgce": ("drivers.csv", "300,gce/kWh", "300,kgce/kWh", 9, 300),
    # K05: 400 CNY/kg = 400,000 CNY/t, above copper (about 70,000 CNY/t)
    "coal price per kg": ("parameters.csv", "400,CNY/t", "400,CNY/kg", 2, 400),
    # 450 CNY/kWh = 125,000 CNY/GJ, far above any energy price (1 CNY/kWh = 278 CNY/GJ)
    "import price per kWh": ("parameters.csv", "450,CNY/MWh", "450,CNY/kWh", 21, 450),
    # 4000 CNY/MW = 4 CNY/kW, below any power equipment (a battery inverter > 100 CNY/kW)
    "capex per MW": ("parameters.csv", "coal_power,capex,,4000,CNY/kW",
                     "coal_power,capex,,4000,CNY/MW", 5, 4000),
    # 40 CNY/MW/yr = 0.04 CNY/kW/yr, below any fixed O&M (a few CNY/kW/yr)
    "fixed O&M per MW": ("parameters.csv", "pv,fixed_om,,40,CNY/kW/yr",
                         "pv,fixed_om,,40,CNY/MW/yr", 12, 40),
}


@pytest.mark.parametrize("case", sorted(SLIPS))
def test_a_driver_or_cost_outside_its_absolute_range_names_the_row(tiny, case):
    name, old, new, line, value = SLIPS[case]
    edit(tiny, name, old, new)
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == (name, line, "value", value)
    assert "override:" in p.valid


def test_the_edges_of_the_ranges_are_accepted(tiny):
    # 1 万人 (10,000 persons), 1.5 t/MWh and a share of 1 are inside; 600 gce/kWh too
    edit(tiny, "drivers.csv", "population,,100,万人", "population,,1,万人")
    edit(tiny, "drivers.csv", "0.50,t CO2/MWh", "1.5,t CO2/MWh")
    edit(tiny, "drivers.csv", "grid_nonfossil_share,2030,0.30,1", "grid_nonfossil_share,2030,1,1")
    edit(tiny, "drivers.csv", "300,gce/kWh", "0.6,kgce/kWh")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")  # accepted without an override
        drivers = cp.load_dataset(tiny).tables["drivers"]
    assert (drivers["value"].astype(str) == "1.5").any()
    # tiny's 1000 亿元 over 1 万人 is 10,000,000 CNY a person: inside the absolute range,
    # outside the usual band of real cities (round 14, I61), which only warns; the share
    # 0.2 (2024) -> 1 (2030), +13.3 points a year, warns as a step too (round 29 KE77)
    assert [type(w.message).__name__ for w in seen] == ["SeriesSlipWarning",
                                                        "UnusualDriverWarning"]


def test_an_absolute_range_is_overridden_per_row_with_a_warning(tiny):
    edit(tiny, "drivers.csv", "unit,source", "unit,plausibility,source")
    text = (tiny / "drivers.csv").read_text(encoding="utf-8").splitlines()
    out = [text[0]]
    for row in text[1:]:
        head, _, source = row.rpartition(",")
        mark = "override: a hamlet" if row.startswith("population") else ""
        out.append(f"{head},{mark},{source}")
    (tiny / "drivers.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    edit(tiny, "drivers.csv", "population,,100,万人", "population,,100,人")
    with pytest.warns(CarbonpathWarning, match="driver population"):
        cp.load_dataset(tiny)


# -- 2. a year-indexed row that covers no model year -----------------------------------------

def test_a_bound_for_a_year_before_the_model_is_an_error(tiny):
    # K18: the PV potential for 2020 in a 2024..2030 model would bind in no year
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000", "pv,max_capacity,2020,3000")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 15, "year")
    assert "2024..2030" in p.message
    assert "covers no model year" in p.message


def test_a_bound_after_the_horizon_is_an_error_and_one_inside_is_not(tiny):
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000", "pv,max_capacity,2031,3000")
    with pytest.raises(DataError, match="covers no model year"):
        cp.load_dataset(tiny)
    edit(tiny, "parameters.csv", "pv,max_capacity,2031,3000", "pv,max_capacity,2030,3000")
    with pytest.warns(SingleYearBoundWarning, match="binds 2030 alone"):  # D15: 2025..2029 free
        cp.load_dataset(tiny)


@pytest.mark.filterwarnings("ignore::carbonpath.dataset.series_slips.UnusedYearWarning")
def test_a_demand_before_the_model_years_only_is_an_error(tiny):
    # the other year-indexed tables go through expand_years: a demand row of 2020 only
    edit(tiny, "demands.csv", "electricity,2030,7200,", "electricity,2020,7200,")
    with pytest.raises(DataError, match=r"the model runs 2024\.\.2030"):
        cp.load_dataset(tiny)


# -- 3. unknown files in the dataset folder --------------------------------------------------

@pytest.mark.parametrize(("stray", "hint"), [("Parameters.csv", "parameters.csv"),
                                         ("demand.csv", "demands.csv"),
                                         ("drivers.xlsx", "drivers.csv"),
                                         ("plan.yml", "plan.yaml"),
                                         ("extra_table.csv", None)])
def test_an_unknown_table_in_the_dataset_folder_is_named(tiny, stray, hint):
    # K36
    (tiny / stray).write_text("technology,parameter,year,value,unit,source\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert p.file == stray
    assert "parameters.csv" in p.valid
    if hint:
        assert f"did you mean '{hint}'" in p.valid


def test_notes_tools_and_hidden_files_are_allowed(tiny):
    (tiny / "README.md").write_text("# notes\n", encoding="utf-8")
    (tiny / "FORMAT-NOTES.md").write_text("notes\n", encoding="utf-8")
    (tiny / "tools").mkdir()
    (tiny / "tools" / "build.csv").write_text("a\n1\n", encoding="utf-8")
    (tiny / ".~lock.parameters.csv#").write_text("x", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cp.load_dataset(tiny).name == "tiny"


# -- 4. an uncertainty.csv without rows ------------------------------------------------------

def test_an_uncertainty_file_with_only_its_header_is_an_error(tiny):
    # U17: every sample would be the same run
    path = tiny / "uncertainty.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="nothing is uncertain") as err:
        load_uncertainty(cp.load_dataset(tiny))
    assert only_problem(err).file == "uncertainty.csv"


# -- 5. the base-year mismatch names the activity.csv rows -----------------------------------

def test_the_base_year_mismatch_names_the_activity_rows(tiny):
    # K01: 2347.44 t for kt; the coal row is file line 2 of activity.csv
    from carbonpath.run import _base_year_mismatch, _use_mismatch, dataset_inventory

    edit(tiny, "activity.csv", "2347.44,kt", "2347.44,t")
    # rel16: the coal plant would now make 21,127 TJ of power from 49 TJ of coal, refused by
    # the inventory's first-law check; the override lets the run's own mismatch checks see it
    from tests.test_round5 import add_column
    add_column(tiny / "activity.csv", "plausibility", {2: "override: K01 test"})
    ds = cp.load_dataset(tiny)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        inv = dataset_inventory(ds)
    pathway = cp.optimise(ds, scenario="plan", hours=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CarbonpathWarning)
        emissions = _base_year_mismatch(ds, inv, {"plan": pathway})
        uses = _use_mismatch(ds)
    assert len(emissions) == 1
    assert "activity.csv columns 'value' and 'unit' of row 2 " in emissions[0]
    assert len(uses) == 1
    assert "activity.csv row 2, columns 'value' and 'unit'" in uses[0]


# -- 6. init refuses what the loader would refuse, and names empty files ---------------------

def _init_args(tmp_path, *extra):
    init = SAMPLES / "init"
    return ["init", "--balance", str(SAMPLES / "energy_balance_sample.csv"),
            "--capacity", str(init / "sample_capacity.csv"),
            "--drivers", str(init / "sample_drivers.csv"), "--region", "CN-SD",
            "--base-year", "2022", "--horizon", "2025", "--out", str(tmp_path / "out"), *extra]


@pytest.mark.parametrize(("option", "value"), [("--model-hours", "5"), ("--model-hours", "0"),
                                           ("--horizon", "2200")])
def test_init_refuses_an_option_the_loader_would_refuse(tmp_path, option, value):
    # N01: 5 blocks do not divide 24 hours; 2200 is outside the years carbonpath accepts
    args = _init_args(tmp_path)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert option in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", ["--mapping", "--capacity", "--drivers", "--growth",
                                    "--production"])
def test_init_names_an_empty_input_file(tmp_path, option):
    # N03: pandas' 'No columns to parse from file' named no file
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    args = _init_args(tmp_path)
    if option in args:
        args[args.index(option) + 1] = str(empty)
    else:
        args += [option, str(empty)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert "empty.csv: the file is empty" in result.output
    assert "No columns to parse" not in result.output


# -- 7. decompose drivers: the dataset's step check ------------------------------------------

def test_decompose_drivers_with_a_wan_yi_slip_between_years(tmp_path):
    # D04: 2700 万元 after 2600 亿元 is 1/9630 of it
    path = tmp_path / "drv.csv"
    path.write_text("driver,year,value,unit\ngdp,2022,2600,亿元\ngdp,2023,2700,万元\n"
                    "population,2022,600,万人\npopulation,2023,601,万人\n", encoding="utf-8")
    with warnings.catch_warnings():  # the sample's feedstock rows without production data
        warnings.simplefilter("ignore", CarbonpathWarning)
        inventory = cp.compute_inventory(
            SAMPLES / "activity_sample.csv", region="CN-SD", year=2022,
            primary_electricity="calorific")
    with pytest.raises(ImplausibleValueError) as err:
        intensities(inventory, path, gdp_price_year=2022)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("drv.csv", 3, "value", "2700")
    assert "override:" in p.valid
    # the same series without the slip passes: 2700 亿元 is 1.04 times 2600 亿元
    path.write_text(path.read_text(encoding="utf-8").replace("2700,万元", "2700,亿元"),
                    encoding="utf-8")
    intensities(inventory, path, gdp_price_year=2022)
