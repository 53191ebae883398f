"""Round-8 leftovers (rel13): G06, C07, discount year, A01 and messages."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import BALANCE, SAMPLE


def _drivers(tmp_path, extra):
    text = SAMPLE["drivers"].read_text(encoding="utf-8").rstrip("\n") + "\n" + extra
    path = tmp_path / "drivers.csv"
    path.write_text(text, encoding="utf-8")
    return path


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


def test_g06_no_notice_without_a_base_year_grid_row(tmp_path):
    out = init_dataset(BALANCE, out=tmp_path / "o", **SAMPLE)
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
