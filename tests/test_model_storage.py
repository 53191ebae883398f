"""Storage duration rows when the store has no stock in the base year."""

import csv

import pytest

from carbonpath import optimise
from tests.test_model_hand import battery_case

approx = pytest.approx


@pytest.mark.parametrize(("low", "high", "energy"), [(2, 20, 10.8), (12, 20, 12.0)])
def test_duration_limits_of_a_store_without_base_year_stock(tmp_path, low, high, energy):
    # In the base year the battery has neither power nor energy capacity, so its duration
    # rows are constant (0 >= 0): they must be skipped, not crash the build. In 2025 the
    # battery of test_battery_shifts_pv_to_the_night stores 10.8 GWh per GW (10.8 h): a
    # 2-20 h range leaves it alone, a 12 h minimum forces 12 GWh.
    folder = battery_case(tmp_path / "bat")
    with (folder / "parameters.csv").open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["battery", "min_duration", "", low, "hour", "assumption: test"])
        writer.writerow(["battery", "max_duration", "", high, "hour", "assumption: test"])
    p = optimise(folder, scenario="baseline")
    ecap = p.energy_capacity.set_index(["technology", "year"])["total"]
    assert ecap["battery", 2025] == approx(energy)
    assert ecap["battery", 2024] == approx(0.0)
