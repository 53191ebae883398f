"""Technology data shared between the scenarios of one dataset object.

A technology no scenario override names is built once per dataset and copied for the next
scenario; the model data must be the same as a build from a freshly loaded dataset, an
override must still apply, a model's changes must not leak into the next model, and a
dataset changed in place must be built afresh.
"""

from __future__ import annotations

import copy

import numpy as np

from carbonpath import PathwayModel, load_dataset
from carbonpath.model.data import ModelData


def _techs_equal(a: ModelData, b: ModelData) -> None:
    assert list(a.techs) == list(b.techs)
    for code, x in a.techs.items():
        y = b.techs[code]
        for name in x.__dataclass_fields__:
            u, v = getattr(x, name), getattr(y, name)
            if isinstance(u, np.ndarray):
                np.testing.assert_array_equal(u, v, err_msg=f"{code}.{name}")
            elif name not in ("storage", "ops", "link"):
                assert repr(u) == repr(v), f"{code}.{name}"


def _with_override(ds):
    ds = copy.deepcopy(ds)
    ds.config.setdefault("scenarios", {})["dear_coal"] = {
        "targets": [], "parameters": [{"technology": "coal_power", "parameter": "capex",
                                       "value": 8000, "unit": "CNY/kW",
                                       "source": "assumption: a test override"}]}
    return ds


def test_a_second_scenario_gets_the_data_of_a_fresh_build():
    ds = _with_override(load_dataset("tiny"))
    first = ModelData.from_dataset(ds, "plan")
    again = ModelData.from_dataset(ds, "dear_coal")  # coal_power rebuilt, the rest copied
    fresh = ModelData.from_dataset(_with_override(load_dataset("tiny")), "dear_coal")
    _techs_equal(again, fresh)
    # the override applies (4000 CNY/kW in the dataset, 8000 in the scenario: MCNY/GW)
    assert again.techs["coal_power"].capex[0] == 8000.0
    assert first.techs["coal_power"].capex[0] == 4000.0
    # no shared objects: changing one model's data leaves the other's alone
    assert again.techs["pv"].capex is not first.techs["pv"].capex


def test_a_models_update_does_not_reach_the_next_model():
    ds = load_dataset("tiny")
    pm = PathwayModel(ds, scenario="plan")
    before = float(pm.data.techs["coal_power"].variable_cost[1])
    pm.scale_cost("coal_power", "variable_cost", 5.0)
    assert pm.data.techs["coal_power"].variable_cost[1] == 5.0 * before
    other = ModelData.from_dataset(ds, "plan")
    assert other.techs["coal_power"].variable_cost[1] == before


def test_a_dataset_changed_in_place_is_built_afresh():
    ds = load_dataset("tiny")
    ModelData.from_dataset(ds, "plan")
    params = ds.tables["parameters"]
    row = params.index[(params["technology"] == "coal_power")
                       & (params["parameter"] == "capex")][0]
    params.loc[row, "value"] = 5000.0
    assert ModelData.from_dataset(ds, "plan").techs["coal_power"].capex[0] == 5000.0


def test_scenarios_that_override_no_technology_build_each_technology_once(monkeypatch):
    # every scenario is its own resolved Dataset object; with the same tables, the second
    # scenario copies the first one's technologies instead of building them again
    from carbonpath.model import data as data_mod
    from carbonpath.model.techrows import TechRows

    # (in-process sharing only: the technologies kept on disk, model/tech_cache, are off)
    monkeypatch.setenv("CARBONPATH_CACHE_DIR", "off")
    ds = load_dataset("tiny")
    built = []
    original = TechRows._tech
    monkeypatch.setattr(TechRows, "_tech",
                        lambda self, row, *a: built.append(row["technology"])
                        or original(self, row, *a))
    data_mod._SHARED.clear()
    plan = ModelData.from_dataset(ds, "plan")
    assert sorted(built) == sorted(ds.tables["technologies"]["technology"])
    built.clear()
    baseline = ModelData.from_dataset(ds, "baseline")
    assert built == []
    _techs_equal(baseline, plan)
    data_mod._SHARED.clear()
    _techs_equal(ModelData.from_dataset(load_dataset("tiny"), "baseline"), baseline)
    assert len(built) == len(ds.tables["technologies"])
