"""GDP as an uncertain input: sampled warm in the intensity targets' rows, validated strictly.

A toy of ``datasets/tiny`` with two emission-intensity targets, one against a model year
(GDP ratio as a coefficient of the reference year's emissions) and one against a given
reference intensity (GDP in the right-hand side). The reference for the warm sample is a
model rebuilt from the rewritten drivers.csv, and a hand calculation of the binding rows.
"""

import shutil

import numpy as np
import pytest
import yaml

from carbonpath import PathwayModel, load_dataset
from carbonpath.dataset.uncertainty import load_uncertainty
from carbonpath.errors import DataError, ImplausibleValueError
from tests.test_sweeps_warm import assert_in_step, emissions, line, rebuilt

TARGETS = [
    # E2030 <= (1 - 0.3) x GDP2030 / GDP2024 x E2024
    {"name": "ei", "type": "emission_intensity", "year": 2030, "relative_to": 2024,
     "value": 0.3, "status": "assumption", "source": "assumption: test"},
    # E2028 <= (1 - 0.5) x 0.8 t CO2/万元 x GDP2028
    {"name": "ei_ref", "type": "emission_intensity", "year": 2028, "relative_to": 2020,
     "value": 0.5, "reference": {"value": 0.8, "unit": "t CO2/万元"},
     "status": "assumption", "source": "assumption: test"},
    # energy per GDP: TE2030 <= (1 - 0.076) x GDP2030 / GDP2024 x TE2024 (7.8 % reachable)
    {"name": "en", "type": "energy_intensity", "year": 2030, "relative_to": 2024,
     "value": 0.076, "status": "assumption", "source": "assumption: test"},
    # the five-year-plan form: energy of 2029 against 2025 at the GDP ratio
    {"name": "en_adj", "type": "energy_intensity_adjusted", "year": 2029, "relative_to": 2025,
     "value": 0.1, "status": "assumption", "source": "assumption: test"},
]


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drivers") / "toy"
    shutil.copytree(load_dataset("tiny").path, folder)
    (folder / "uncertainty.csv").unlink()
    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    plan["targets"] += TARGETS
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True),
                                      encoding="utf-8")
    config = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    config["scenarios"]["intensity"] = {"targets": ["ei", "ei_ref"]}
    config["scenarios"]["energy"] = {"targets": ["en", "en_adj"]}
    (folder / "dataset.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    return load_dataset(folder)


def shadow(pathway, name):
    d = pathway.duals
    return d.loc[d.target == name, "shadow_price"].to_numpy()


def test_a_warm_gdp_sample_equals_a_rebuilt_model(toy, tmp_path):
    gdp = ("drivers", line(toy, "drivers", driver="gdp", year=2030))
    model = PathwayModel(toy, "intensity")
    central = model.solve()
    basis = model.highs.basis()
    assert (shadow(central, "ei") > 0).all()
    assert (shadow(central, "ei_ref") > 0).all()
    model.apply({gdp: 1200.0})  # 亿元, central 1300
    warm = model.solve()
    cold = rebuilt(toy, {gdp: 1200.0}, tmp_path, "intensity")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9, atol=1e-9)
    for name in ("ei", "ei_ref"):
        assert (shadow(warm, name) > 0).all()  # both rows still bind
        np.testing.assert_allclose(shadow(warm, name), shadow(cold, name), rtol=1e-9)
    # by hand: GDP 1000 (2024) .. 1200 (2030), linear, so 1133.33 亿元 in 2028
    e = dict(zip(warm.tables["emissions_total"]["year"], emissions(warm), strict=True))
    assert e[2030] == pytest.approx(0.7 * 1200 / 1000 * e[2024], rel=1e-9)
    assert e[2028] == pytest.approx(0.5 * 0.8 * (1000 + 4 / 6 * 200) * 1e4 / 1e3, rel=1e-9)
    assert abs(warm.objective - central.objective) > 1.0
    assert_in_step(model)
    # the reported carbon intensity divides by the sampled GDP (kt / MCNY; 1 亿元 = 100 MCNY)
    energy = warm.tables["energy"].set_index("year")
    assert energy.loc[2030, "carbon_intensity"] == pytest.approx(e[2030] / 120000, rel=1e-12)
    model.restore()
    model.highs.start_from(basis)
    again = model.solve()
    assert again.objective == central.objective
    np.testing.assert_array_equal(emissions(again), emissions(central))
    assert_in_step(model)


@pytest.mark.parametrize(("year", "value"), [(2030, 1350.0), (2024, 980.0)])
def test_a_warm_gdp_sample_of_energy_intensity_targets_equals_a_rebuilt_model(
        toy, tmp_path, year, value):
    gdp = ("drivers", line(toy, "drivers", driver="gdp", year=year))
    model = PathwayModel(toy, "energy")
    central = model.solve()
    model.apply({gdp: value})
    warm = model.solve()
    cold = rebuilt(toy, {gdp: value}, tmp_path, "energy")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9, atol=1e-9)
    for name in ("en", "en_adj"):
        np.testing.assert_allclose(shadow(warm, name), shadow(cold, name), rtol=1e-9,
                                   atol=1e-9)
    assert (shadow(warm, "en_adj") > 0).all()
    assert abs(warm.objective - central.objective) > 1e-3
    assert_in_step(model)


def test_gdp_in_an_uncertainty_table_moves_the_rows_it_selects(toy, tmp_path):
    folder = tmp_path / "toy"
    shutil.copytree(toy.path, folder)
    region = toy.regions[0]
    write(folder, f"gdp,drivers,,,,gdp,{region},,,,,relative,uniform,0.9,,1.1,,,,,1,,"
                  "assumption: test")
    ds = load_dataset(folder)
    unc = load_uncertainty(ds)
    (spec,) = unc.inputs
    assert list(ds.tables["drivers"].loc[list(spec.rows), "year"]) == [2024, 2030]
    overrides = unc.overrides(np.array([0.9]))
    assert sorted(overrides.values()) == pytest.approx([900.0, 1170.0])
    # a relative GDP sample scales every year alike: the ratio target stays, the
    # reference-intensity target's right-hand side scales
    model = PathwayModel(ds, "intensity")
    model.apply(overrides)
    warm = model.solve()
    e = dict(zip(warm.tables["emissions_total"]["year"], emissions(warm), strict=True))
    assert e[2030] == pytest.approx(0.7 * 1300 / 1000 * e[2024], rel=1e-9)
    assert e[2028] == pytest.approx(0.5 * 0.8 * 0.9 * 1200 * 10, rel=1e-9)


HEADER = ("input,table,technology,parameter,commodity,driver,region,profile,day,hour,year,"
          "scale,distribution,low,mode,high,mean,sd,values,weights,unit,group,source\n")


def write(folder, *rows):
    (folder / "uncertainty.csv").write_text(HEADER + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")


@pytest.mark.parametrize(("row", "column", "words"), [
    ("x,drivers,,,,gdpp,,,,,2030,absolute,uniform,1200,,1400,,,,,亿元,,assumption: t",
     "driver", "unknown driver 'gdpp' \\(did you mean 'gdp'"),  # MD07: unknown, not cold
    ("x,drivers,,,,population,,,,,,relative,uniform,0.9,,1.1,,,,,1,,assumption: t",
     "driver", "no row of the model"),
    ("x,drivers,,,,gdp,,,,,2030,absolute,uniform,1200,,1400,,,,,t CO2/MWh,,assumption: t",
     "unit", "cannot be converted"),
    ("x,drivers,,,,gdp,nowhere,,,,2030,absolute,uniform,1200,,1400,,,,,亿元,,"
     "assumption: t", "region", "no row of drivers.csv"),  # region 'nowhere' (X20)
    ("x,drivers,,,,gdp,,,,,,absolute,uniform,1200,,1400,,,,,亿元,,assumption: t",
     "scale", "selects 2 rows"),
])
def test_bad_driver_rows_are_named(toy, tmp_path, row, column, words):
    folder = tmp_path / "toy"
    shutil.copytree(toy.path, folder)
    write(folder, row)
    with pytest.raises(DataError, match=words) as info:
        load_uncertainty(load_dataset(folder))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, column)


@pytest.mark.parametrize(("row", "column"), [
    # GDP of zero: the intensity targets divide by it
    ("x,drivers,,,,gdp,,,,,,relative,uniform,0,,1.2,,,,,1,,assumption: t", "low"),
    ("x,drivers,,,,gdp,,,,,2030,absolute,uniform,-100,,1400,,,,,亿元,,assumption: t", "low"),
    # an untruncated normal reaches zero
    ("x,drivers,,,,gdp,,,,,2030,absolute,normal,,,,1300,100,,,亿元,,assumption: t", "low"),
])
def test_a_range_that_makes_gdp_zero_or_less_is_refused(toy, tmp_path, row, column):
    folder = tmp_path / "toy"
    shutil.copytree(toy.path, folder)
    write(folder, row)
    with pytest.raises(ImplausibleValueError) as info:
        load_uncertainty(load_dataset(folder))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, column)


def test_a_warm_sample_of_a_regions_gdp_equals_a_rebuilt_model(tmp_path):
    from tests.test_model_network import _write

    # region a's emissions per its GDP: E_a,2025 <= 0.9 x 0.5 t/万元 x GDP_a (test_model_network)
    intensity = {"name": "cap_a", "type": "emission_intensity", "region": "a",
                 "year": 2025, "relative_to": 2020, "value": 0.1,
                 "reference": {"value": 0.5, "unit": "t CO2/万元"}}
    drivers = [{"driver": "grid_nonfossil_share", "value": 0.3, "unit": "1"},
               {"driver": "gdp", "region": "a", "value": 1000, "unit": "亿元"}]
    folder = _write(tmp_path / "regional", plan=[intensity], drivers=drivers)
    ds = load_dataset(folder)
    gdp = ("drivers", line(ds, "drivers", driver="gdp", region="a"))
    model = PathwayModel(ds, "plan")
    central = model.solve()
    model.apply({gdp: 950.0})
    warm = model.solve()
    cold = rebuilt(ds, {gdp: 950.0}, tmp_path, "plan")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(shadow(warm, "cap_a"), shadow(cold, "cap_a"), rtol=1e-9)
    assert (shadow(warm, "cap_a") > 0).all()
    assert warm.objective > central.objective  # less GDP, a tighter cap
    regional = warm.emissions_region.set_index(["region", "year"])
    # by hand: 0.9 x 0.5 t/万元 x 950 亿元 = 4.275 Mt; the region's GDP as sampled (MCNY)
    assert regional.loc[("a", 2025), "value"] == pytest.approx(4275, rel=1e-9)
    assert regional.loc[("a", 2025), "gdp"] == pytest.approx(95000)
    assert_in_step(model)
