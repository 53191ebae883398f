"""A run reads and validates the bundled factor tables once per process, not once per use.

``load_factors()`` re-reads and re-validates every CSV of ``factors/`` on each call; model
data preparation (per scenario) and the run's metadata used to call it, four times per
main job. They now use ``bundled_factors()``, the process's one loaded copy.
"""

from __future__ import annotations

import carbonpath.factors
from carbonpath.dataset import load_dataset
from carbonpath.factors import bundled_factors
from carbonpath.model.data import ModelData


def test_model_data_uses_the_loaded_bundled_factor_table(monkeypatch):
    table = bundled_factors()  # loaded (once) before the model's data are prepared

    def reread(*args, **kwargs):
        raise AssertionError("the bundled factor tables were read again")

    monkeypatch.setattr(carbonpath.factors, "load_factors", reread)
    ds = load_dataset("tiny")
    for scenario in ds.scenarios or [None]:
        data = ModelData.from_dataset(ds, scenario)
        assert data.techs  # prepared without reading the tables again
    assert bundled_factors() is table
