"""uncertainty.csv: regional demands selected by region, and sampled efficiencies checked.

The issue asks that inputs refer to dataset rows by their key columns, "region included,
once the dataset has regions", and that a range making a value physically impossible
("efficiency > 1") is refused before any solve.
"""

import re
import shutil

import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.dataset.role_checks import NonfossilFactorWarning
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.errors import DataError, ImplausibleValueError
from tests.conftest import new_coal_plant
from tests.test_model_network import _write as write_regions
from tests.test_sweeps_warm import emissions, rebuilt

HEADER = ("input,table,technology,parameter,commodity,direction,region,year,scale,"
          "distribution,low,high,unit,source\n")


def uncertainty(folder, *rows):
    (folder / "uncertainty.csv").write_text(HEADER + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")
    return load_uncertainty(load_dataset(folder))


def test_a_region_selects_the_demands_of_that_region_and_samples_them_warm(tmp_path):
    folder = write_regions(tmp_path / "regions")
    demands = load_dataset(folder).tables["demands"]
    unc = uncertainty(folder, "smelter,demands,,,electricity,,c,2025,relative,uniform,0.9,1.0,"
                              "1,assumption: test")
    (spec,) = unc.inputs
    # region c's 2025 row only (region b has a 2025 row of electricity too)
    assert [(demands.loc[r, "region"], int(demands.loc[r, "year"])) for r in spec.rows] == [
        ("c", 2025)]
    assert len(demands[(demands["commodity"] == "electricity")
                       & (demands["year"] == 2025)]) == 2
    # a sample of it, warm, equals the model rebuilt with the value written in demands.csv
    ds = load_dataset(folder)
    overrides = unc.overrides([0.95])
    (key,) = overrides
    assert overrides[key] == pytest.approx(0.95 * demands.loc[spec.rows[0], "value"])
    model = PathwayModel(ds, "plan")
    central = model.solve()
    model.apply(overrides)
    warm = model.solve()
    cold = rebuilt(ds, overrides, tmp_path, "plan")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    assert warm.objective != pytest.approx(central.objective, rel=1e-6)
    assert emissions(warm) == pytest.approx(emissions(cold), rel=1e-9)


def test_a_region_is_checked_like_every_key(tmp_path):
    folder = write_regions(tmp_path / "regions")
    # region a has no demand
    with pytest.raises(DataError, match=re.escape("no row of demands.csv has "
                                                  "commodity=electricity, region=a")) as info:
        uncertainty(folder, "x,demands,,,electricity,,a,2025,relative,uniform,0.9,1.1,1,"
                            "assumption: test")
    # round 20 (X20): the key after which no row is left is named, not the last key given
    assert (info.value.problems[0].row, info.value.problems[0].column) == (2, "region")
    # technologies carry their region: a region is not a key of parameters.csv
    with pytest.raises(DataError, match=re.escape("column region is not a key of parameters")):
        uncertainty(folder, "x,parameters,gas_b,variable_cost,,,b,,relative,uniform,0.9,1.1,1,"
                            "assumption: test")


def test_the_default_region_selects_rows_that_leave_their_region_blank(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    ds = load_dataset(folder)
    (default,) = ds.regions
    demands = ds.tables["demands"]
    later = demands[(demands["commodity"] == "electricity") & (demands["year"] == 2030)]
    assert later["region"].isna().all()
    unc = uncertainty(folder, f"d,demands,,,electricity,,{default},2030,relative,uniform,0.9,"
                              "1.1,1,assumption: test")
    assert list(unc.inputs[0].rows) == list(later.index)


@pytest.fixture
def new_plant(tmp_path):
    """tiny with a new coal plant burning 0.3 t of coal per MWh (about 37 % on 32 GJ/t)."""
    return new_coal_plant(tmp_path)


def test_a_sampled_efficiency_above_100_percent_is_refused(new_plant):
    # by hand: at 0.05 x 0.3 = 0.015 t/MWh = 0.015 / 3.6 = 0.00417 t/GJ, a fuel of
    # 55 GJ/t (above any fossil fuel) gives 0.23 GJ per GJ of output: 437 % efficiency
    with pytest.raises(ImplausibleValueError,
                       match=re.escape("efficiency outside 5% .. 100%")) as info:
        uncertainty(new_plant, "heat_rate,flows,coal_new,,coal,input,,,relative,uniform,0.05,"
                               "1.2,1,assumption: test")
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "uncertainty.csv", 2, "low", 0.05)
    # absolute: 0.001 t/MWh at the low end; the high end 0.4 t/MWh is possible
    with pytest.raises(ImplausibleValueError, match="efficiency") as info:
        uncertainty(new_plant, "heat_rate,flows,coal_new,,coal,input,,,absolute,uniform,0.001,"
                               "0.4,t/MWh,assumption: test")
    assert info.value.problems[0].column == "low"
    # 0.9 .. 1.2 x 0.3 t/MWh: 0.075 .. 0.1 t/GJ, possible for every fossil fuel (5-55 GJ/t)
    unc = uncertainty(new_plant, "heat_rate,flows,coal_new,,coal,input,,,relative,uniform,0.9,"
                                 "1.2,1,assumption: test")
    assert unc.inputs[0].table == "flows"


@pytest.mark.filterwarnings(  # the rebuilt model reloads the dataset, pv's row included
    "ignore::carbonpath.dataset.role_checks.NonfossilFactorWarning")
def test_an_import_emission_factor_is_sampled_warm_and_equals_a_rebuilt_model(tmp_path):
    """The market's own factor of bought electricity (an emissions.csv row of an import)."""
    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    params = folder / "parameters.csv"  # imports cheaper than coal power: they are used
    params.write_text(params.read_text(encoding="utf-8").replace(
        "grid_import,variable_cost,,450,", "grid_import,variable_cost,,100,"), encoding="utf-8")
    (folder / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        "grid_import,CO2,activity,,,0.6,t CO2/MWh,assumption: test\n"
        "pv,CO2,activity,,,0.01,t CO2/MWh,assumption: test\n", encoding="utf-8")
    header = "input,table,technology,gas,scale,distribution,low,high,unit,source\n"
    (folder / "uncertainty.csv").write_text(
        header + "import_factor,emissions,grid_import,CO2,relative,uniform,0.5,1.5,1,"
        "assumption: test\n", encoding="utf-8")
    # pv's row, a second factor not sampled, is warned of since round 23 (G86: nonfossil)
    with pytest.warns(NonfossilFactorWarning, match="'pv' is declared nonfossil"):
        ds = load_dataset(folder)
    unc = load_uncertainty(ds)
    overrides = unc.overrides([1.4])  # 0.84 t CO2/MWh
    (key,) = overrides
    assert key[0] == "emissions"
    assert overrides[key] == pytest.approx(0.84)
    model = PathwayModel(ds, "baseline")
    central = model.solve()
    model.apply(overrides)
    warm = model.solve()
    cold = rebuilt(ds, overrides, tmp_path, "baseline")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    assert emissions(warm) == pytest.approx(emissions(cold), rel=1e-9)
    assert emissions(warm)[-1] > emissions(central)[-1]
    # restored: the central numbers again
    model.restore()
    assert emissions(model.solve()) == pytest.approx(emissions(central), rel=1e-12)
    # the factor of a technology the city runs itself is not an import's: refused
    (folder / "uncertainty.csv").write_text(
        header + "pv_factor,emissions,pv,CO2,relative,uniform,0.5,1.5,1,assumption: test\n",
        encoding="utf-8")
    with pytest.raises(DataError, match="cannot be changed in a built model") as info:
        load_uncertainty(load_dataset(folder))
    assert (info.value.problems[0].file, info.value.problems[0].row) == ("uncertainty.csv", 2)
