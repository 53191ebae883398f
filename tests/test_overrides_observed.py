"""Sampled demands leave the observed years alone (history is data, not an uncertain input).

Liaocheng's 2024-25 are observed years (first_decision_year 2026). Its chemical products demand
is declared for 2023, 2030, 2035 and 2040 and interpolated between them, so a sample that scales
the 2030 row would, by interpolation, also move 2024-25, whose production is fixed by the
reconstructed stock: every such sample was infeasible. The observed years keep their central
values; the decision years take the sample.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

import carbonpath as cp
from carbonpath import DataError
from carbonpath._resources import data_path


@pytest.fixture(scope="module")
def liaocheng_declared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lc") / "liaocheng"
    shutil.copytree(data_path("datasets") / "liaocheng", folder)
    with (folder / "demands.csv").open("a", encoding="utf-8") as f:  # a declared observed row
        f.write("chem_products,,2025,4800000,t/yr,,assumption: test\n")
    return cp.load_dataset(folder)


def test_a_sampled_decision_year_row_does_not_reach_back_into_observed_years(liaocheng):
    # the bundled dataset, shared read-only (tests/conftest.py);
    # chem_products declared 2023, 2030, 2035, 2040
    rows = liaocheng.tables["demands"]
    chem = rows[rows["commodity"] == "chem_products"]
    line = chem.index[chem["year"].astype(str) == "2030"][0]
    model = cp.PathwayModel(liaocheng, scenario="plan")
    d = model.data
    key = next(k for k in d.demand if k.split("@")[0] == "chem_products")
    central = d.demand[key].copy()
    k = {y: d.year_index[y] for y in (2023, 2024, 2025, 2026, 2030)}
    # the dataset's own numbers: 4.0 Mt in 2023 and 6.8 Mt in 2030, so 2025 = 4000 + 2/7 x 2800
    assert central[k[2025]] == pytest.approx(4800.0)  # kt/yr
    assert central[k[2030]] == pytest.approx(6800.0)
    model.apply({("demands", line): 6.8e6 * 1.08})
    sampled = d.demand[key]
    for y in (2023, 2024, 2025):
        assert sampled[k[y]] == central[k[y]]  # history untouched
    assert sampled[k[2030]] == pytest.approx(6800.0 * 1.08)
    # 2026 is interpolated between the 2023 and the sampled 2030 rows: 4000 + 3/7 x 3344
    assert sampled[k[2026]] == pytest.approx(4000.0 + 3 / 7 * (7344.0 - 4000.0))
    assert model.solve().emissions_total["value"].notna().all()  # feasible, unlike before
    model.restore()
    assert np.array_equal(d.demand[key], central)


def test_a_sampled_row_of_an_observed_year_is_refused(liaocheng_declared):
    liaocheng = liaocheng_declared
    rows = liaocheng.tables["demands"]
    chem = rows[rows["commodity"] == "chem_products"]
    line = chem.index[chem["year"].astype(str) == "2025"][0]
    model = cp.PathwayModel(liaocheng, scenario="plan")
    with pytest.raises(DataError, match="observed year 2025") as err:
        model.apply({("demands", line): 5.0e6})
    assert err.value.problems[0].column == "year"
