"""The worked example of docs/inventory.md gives the numbers worked out by hand there."""

import pandas as pd
import pytest

import carbonpath as cp


def test_the_inventory_pages_example():
    activity = pd.DataFrame([
        {"sector": "工业", "fuel": "原煤", "value": 10, "unit": "万吨"},
        {"sector": "居民生活", "fuel": "天然气", "value": 1, "unit": "亿立方米",
         "gas_condition": "20C"},
        {"sector": "工业", "fuel": "电力", "value": 5, "unit": "亿千瓦时"},
        {"sector": "调入调出", "fuel": "电力", "value": 3, "unit": "亿千瓦时", "use": "import"},
        {"sector": "调入调出", "fuel": "电力", "value": 1, "unit": "亿千瓦时", "use": "export"},
    ])
    production = pd.DataFrame([{"product": "熟料", "value": 50, "unit": "万吨"}])
    inv = cp.compute_inventory(activity, production=production, region="聊城", year=2022,
                               gwp="AR6", primary_electricity="calorific")
    coal = 1e5 * 20.908e-3 * 26.18 * 0.93 * 44 / 12
    gas = 1e8 * 273.15 / 293.15 * 38.931e-6 * 15.3 * 0.99 * 44 / 12
    trade = 200_000 * 0.641
    clinker = 5e5 * 0.52
    assert inv.total().to("t CO2").magnitude == pytest.approx(coal + gas + trade + clinker)
    assert inv.energy_total("tce").magnitude == pytest.approx(
        1e5 * 0.7143 + 1e8 * 1.2143 / 1e3 + 2e8 * 0.1229 / 1e3)
