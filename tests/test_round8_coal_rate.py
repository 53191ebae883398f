"""Round-8 cases G07/G11: init reads the planner's thermal_power_coal_rate driver."""

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


def _rates(folder):
    d = pd.read_csv(folder["folder"] / "drivers.csv")
    d = d[d["driver"] == "thermal_power_coal_rate"]
    return {int(y): float(v) for y, v in zip(d["year"], d["value"], strict=True)}


def test_g07_g11_given_coal_rates_are_written_and_held_after_the_last(tmp_path):
    # 2022 (base) 310 and 2023 305 gce/kWh given; horizon 2024: 2023's 305 is held
    drivers = _drivers(tmp_path, "thermal_power_coal_rate,2022,310,gce/kWh,plan\n"
                       "thermal_power_coal_rate,2023,0.305,kgce/kWh,plan\n")
    folder = init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "drivers": drivers})
    assert _rates(folder) == pytest.approx({2022: 310.0, 2023: 305.0, 2024: 305.0})


def test_g11_a_coal_rate_before_the_base_year_is_named(tmp_path):
    drivers = _drivers(tmp_path, "thermal_power_coal_rate,2020,310,gce/kWh,plan\n")
    with pytest.raises(DataError) as info:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "drivers": drivers})
    hit = [p for p in info.value.problems if p.value == 2020]
    assert len(hit) == 1
    assert "thermal_power_coal_rate" in hit[0].message
