"""Warm overrides of a built model equal a model rebuilt from the dataset with the values written.

The reference is independent of the warm path: the dataset's CSV files are rewritten with the
new values and the model is built and solved from scratch.
"""

import shutil

import numpy as np
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.dataset.tables import read_csv_text
from carbonpath.errors import DataError
from carbonpath.model.solve import compile_linear
from tests.conftest import new_coal_plant


@pytest.fixture(scope="module")
def tiny():
    return load_dataset("tiny")


def line(ds, table, **keys):
    frame = ds.tables[table]
    mask = np.ones(len(frame), dtype=bool)
    for key, value in keys.items():
        mask &= (frame[key] == value).to_numpy()
    assert mask.sum() == 1
    return frame.index[mask][0]


def rebuilt(ds, overrides, tmp_path, scenario):
    folder = tmp_path / "rebuilt"
    shutil.copytree(ds.path, folder)
    for (table, ln), value in overrides.items():
        path = folder / f"{table}.csv"
        raw = read_csv_text(path)
        raw.loc[ln, "value"] = repr(float(value))
        raw.to_csv(path, index=False)
    return PathwayModel(load_dataset(folder), scenario).solve()


def assert_in_step(model):
    """The Pyomo model, compiled again, is HiGHS's LP (matrix and row bounds)."""
    import scipy.sparse as sp

    lp = model.highs.highs.getLp()
    again = compile_linear(model.model)
    a = lp.a_matrix_
    matrix = sp.csc_matrix((a.value_, a.index_, a.start_), shape=(lp.num_row_, lp.num_col_))
    assert abs(again.matrix() - matrix).max() == 0
    np.testing.assert_array_equal(again.upper, np.minimum(lp.row_upper_, np.inf))
    np.testing.assert_array_equal(again.lower, np.maximum(lp.row_lower_, -np.inf))


def emissions(pathway):
    return pathway.tables["emissions_total"]["value"].to_numpy()


@pytest.mark.parametrize("scenario", ["plan", "baseline"])
def test_warm_sample_equals_rebuilt_model(tiny, tmp_path, scenario):
    overrides = {
        # costs (objective), a bound, a demand (right-hand sides), the grid factor and the
        # PV profile (matrix coefficients)
        ("parameters", line(tiny, "parameters", technology="pv", parameter="capex")): 2000.0,
        ("parameters", line(tiny, "parameters", technology="coal_supply",
                            parameter="variable_cost")): 600.0,
        ("parameters", line(tiny, "parameters", technology="coal_power",
                            parameter="fixed_om")): 130.0,
        ("parameters", line(tiny, "parameters", technology="grid_import",
                            parameter="max_activity")): 800.0,
        ("demands", line(tiny, "demands", commodity="electricity", year=2030)): 7600.0,
        ("drivers", line(tiny, "drivers", driver="grid_emission_factor", year=2030)): 0.58,
        ("profiles", line(tiny, "profiles", profile="pv", day="typical", hour=2)): 0.35,
    }
    model = PathwayModel(tiny, scenario)
    central = model.solve()
    basis = model.highs.basis()
    model.apply(overrides)
    warm = model.solve()
    cold = rebuilt(tiny, overrides, tmp_path, scenario)
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9, atol=1e-9)
    assert abs(warm.objective - central.objective) > 1.0  # the overrides matter
    assert_in_step(model)
    # restore returns to the central numbers exactly (solved from the central basis)
    model.restore()
    model.highs.start_from(basis)
    assert model.solve().objective == central.objective


def test_sample_order_does_not_matter(tiny):
    pv = ("parameters", line(tiny, "parameters", technology="pv", parameter="capex"))
    demand = ("demands", line(tiny, "demands", commodity="electricity", year=2030))
    model = PathwayModel(tiny, "plan")
    model.solve()
    basis = model.highs.basis()

    def solve(overrides):
        model.apply(overrides)
        model.highs.start_from(basis)
        return model.highs.solve().objective

    first = solve({pv: 2500.0})
    solve({demand: 7900.0, pv: 3300.0})
    assert solve({pv: 2500.0}) == first  # bit for bit, whatever came before


def test_overrides_that_a_built_model_cannot_take_are_refused(tiny):
    model = PathwayModel(tiny, "plan")
    model.solve()
    lifetime = ("parameters", line(tiny, "parameters", technology="pv", parameter="lifetime"))
    with pytest.raises(DataError, match=r"lifetime.*cannot be changed") as info:
        model.apply({lifetime: 30.0})
    assert info.value.problems[0].file == "parameters.csv"
    with pytest.raises(DataError, match="no row 999"):
        model.apply({("parameters", 999): 1.0})
    # a PV profile above 1 is refused by the dataset's own domain (dataset/domains.py, before
    # the builder's "exceeds 1"), and nothing stays changed
    with pytest.raises(DataError, match=r"availability profile pv is outside its domain"):
        model.apply({("profiles", line(tiny, "profiles", profile="pv", day="typical",
                                       hour=1)): 1.5})
    assert model.solve().objective == pytest.approx(PathwayModel(tiny, "plan").solve().objective,
                                                    rel=1e-12)


def test_the_efficiency_of_a_new_technology_equals_a_rebuilt_model(tmp_path):
    folder = new_coal_plant(tmp_path, "coal_new,capex,,1500,CNY/kW,assumption: test\n")
    ds = load_dataset(folder)
    coal_in = ("flows", line(ds, "flows", technology="coal_new", commodity="coal"))
    model = PathwayModel(ds, "baseline")
    central = model.solve()
    assert central.tables["capacity"].query("technology == 'coal_new'")["new"].sum() > 0
    model.apply({coal_in: 0.36})  # a worse plant: more coal (and CO2) per MWh
    warm = model.solve()
    cold = rebuilt(ds, {coal_in: 0.36}, tmp_path, "baseline")
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    np.testing.assert_allclose(emissions(warm), emissions(cold), rtol=1e-9)
    assert emissions(warm)[-1] > emissions(central)[-1]
    assert_in_step(model)
    # flows of a technology with an observed base year cannot change (flows have no year)
    old = ("flows", line(ds, "flows", technology="coal_power", commodity="coal"))
    with pytest.raises(DataError, match="observed base-year activity"):
        model.apply({old: 0.35})
