"""The vectorised, lazy result tables against the straightforward per-value extraction.

``pathway_reference.reference_tables`` is the extraction as it was before it was vectorised:
every value read from its own Pyomo variable or row. Every table of the new path must equal
it exactly (same rows, order, dtypes and floats), on datasets that between them have every
table: storage, early retirement, reserve margins, regions and links, GPC scopes.
"""

from __future__ import annotations

import gc
import pickle
import weakref

import pandas as pd
import pytest

from carbonpath import PathwayModel, load_dataset
from carbonpath.model.extract import sweep_point
from carbonpath.model.results import make_pathway
from carbonpath.model.tables import LazyTables
from tests.pathway_reference import reference_tables
from tests.test_model_families import trucks
from tests.test_model_network import _write as network
from tests.test_model_operations import adequacy_case, reserve


def assert_same_tables(pm: PathwayModel, pathway=None) -> None:
    result = pm.last_result
    expected = reference_tables(pm, result)
    pathway = pathway or make_pathway(pm, result)
    assert list(pathway.tables) == list(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(pathway.tables[name], frame, check_exact=True, obj=name)


@pytest.mark.parametrize("scenario", ["baseline", "plan"])
def test_tiny_tables_equal_the_per_value_extraction(scenario):
    pm = PathwayModel("tiny", scenario=scenario)
    pm.solve()
    assert_same_tables(pm)


def test_liaocheng_tables_equal_the_per_value_extraction():
    # storage, GPC-free direct scopes, scope-2 imports, retirement, targets with duals
    pm = PathwayModel("liaocheng", scenario="plan", hours=1)
    pm.solve()
    assert_same_tables(pm)


def test_storage_and_reserve_tables_equal_the_per_value_extraction(tmp_path):
    folder = adequacy_case(tmp_path / "b", [reserve("electricity", "margin", 0.1, "1")],
                           profile=[0.5, 1.5], hours=2, battery=True)
    pm = PathwayModel(load_dataset(folder), scenario="baseline")
    pm.solve()
    assert "capacity_prices" in pm.solve().tables
    assert_same_tables(pm)


def test_retirement_tables_equal_the_per_value_extraction(tmp_path):
    pm = PathwayModel(load_dataset(trucks(tmp_path / "t", early="true")), scenario="baseline")
    pm.solve()
    assert_same_tables(pm)


def test_regional_tables_equal_the_per_value_extraction(tmp_path):
    pm = PathwayModel(load_dataset(network(tmp_path / "net")), scenario="plan")
    p = pm.solve()
    assert "links" in p.tables
    assert not isinstance(p.tables, LazyTables)
    assert_same_tables(pm, p)


def test_a_pathway_keeps_its_costs_and_duals_after_the_model_changes():
    # tables are built on first access: they must show the model as it was at the solve
    pm = PathwayModel("tiny", scenario="plan")
    first = pm.solve()
    expected = reference_tables(pm, pm.last_result)
    assert first.tables.built() == []  # nothing read yet
    pm.scale_cost("coal_power", "variable_cost", 3.0)
    pm.update(peak_year=pm.data.years[1])
    pm.solve()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(first.tables[name], frame, check_exact=True, obj=name)


def test_the_sweep_point_gives_the_pathways_numbers():
    pm = PathwayModel("tiny", scenario="plan")
    p = pm.solve()
    point = sweep_point(pm, pm.last_result)
    assert point.objective == p.objective
    assert (point.peak_year, point.peak_level) == (p.peak_year, p.peak_level)
    assert point.emissions == dict(zip(p.emissions_total["year"], p.emissions_total["value"],
                                       strict=True))
    duals = p.duals.set_index(["target", "year"])["undiscounted"]
    assert point.duals == pytest.approx({k: duals[k] for k in point.duals})
    assert len(point.duals) == len(p.duals) > 0


def test_a_pathway_pickles_with_every_table():
    p = PathwayModel("tiny", scenario="plan").solve()
    back = pickle.loads(pickle.dumps(p))
    assert isinstance(back.tables, dict)
    assert list(back.tables) == list(p.tables)
    for name in p.tables:
        pd.testing.assert_frame_equal(back.tables[name], p.tables[name], check_exact=True)


def test_a_pathway_does_not_keep_its_model_alive():
    # the tables are built later, but from arrays: the Pyomo model and HiGHS may go
    pm = PathwayModel("tiny", scenario="plan")
    p = pm.solve()
    expected = reference_tables(pm, pm.last_result)
    model = weakref.ref(pm.model)
    del pm
    gc.collect()
    assert model() is None
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(p.tables[name], frame, check_exact=True, obj=name)
