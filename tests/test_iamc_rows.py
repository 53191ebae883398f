"""iamc_table's rows, in order, from hand-made result tables (perf18 made it column-wise)."""

from types import SimpleNamespace

import pandas as pd
import pytest

import carbonpath
from carbonpath.run import iamc_table


def _pathway():
    tables = {
        "emissions_total": pd.DataFrame({"year": [2024, 2025], "value": [1500.0, 1200.0]}),
        "emissions": pd.DataFrame({"gas": ["CO2", "CO2", "CO2"],
                                   "sector": ["power", "power", "industry"],
                                   "year": [2024, 2024, 2024], "value": [700.0, 300.0, 500.0]}),
        "capacity": pd.DataFrame({"sector": ["power"], "technology": ["pv"], "unit": ["MW"],
                                  "year": [2025], "total": [40.0]}),
        "activity": pd.DataFrame({"sector": ["power", "industry"],
                                  "technology": ["pv", "kiln"], "unit": ["MWh", "kt"],
                                  "year": [2025, 2025], "value": [9.5, 2.0]}),
        "energy": pd.DataFrame({"year": [2024, 2025], "total": [3000.0, 2500.0],
                                "nonfossil": [300.0, 500.0]}),
        "costs": pd.DataFrame({"component": ["capex", "capex", "fuel"],
                               "year": [2025, 2025, 2024], "value": [1.0, 2.5, 4.0]}),
        "marginal_cost": pd.DataFrame({"year": [2025], "value": [88.0]}),
    }
    return SimpleNamespace(tables=tables, settings={"gas": "CO2"})


def test_iamc_rows_written_out_by_hand():
    ds = SimpleNamespace(region="CN-X")
    frame = iamc_table.__wrapped__(ds, {"plan": _pathway()})  # (a stand-in dataset)
    mt, mce, cny = "Mt CO2/yr", "Mt ce/yr", "million CNY/yr"
    expected = [
        ("Emissions|CO2", mt, 2024, 1.5), ("Emissions|CO2", mt, 2025, 1.2),
        # grouped by gas, sector, year (sorted), summed
        ("Emissions|CO2|industry", mt, 2024, 0.5), ("Emissions|CO2|power", mt, 2024, 1.0),
        ("Capacity|power|pv", "MW", 2025, 40.0),
        ("Activity|power|pv", "MWh", 2025, 9.5), ("Activity|industry|kiln", "kt", 2025, 2.0),
        ("Primary Energy", mce, 2024, 3.0), ("Primary Energy|Non-Fossil", mce, 2024, 0.3),
        ("Primary Energy", mce, 2025, 2.5), ("Primary Energy|Non-Fossil", mce, 2025, 0.5),
        ("Cost|capex", cny, 2025, 3.5), ("Cost|fuel", cny, 2024, 4.0),
        ("Price|Carbon", "CNY/t CO2", 2025, 88.0),
    ]
    assert list(frame.columns) == ["model", "scenario", "region", "variable", "unit", "year",
                                   "value"]
    assert set(frame["model"]) == {f"carbonpath {carbonpath.__version__}"}
    assert set(frame["scenario"]) == {"plan"}
    assert set(frame["region"]) == {"CN-X"}
    got = list(zip(frame["variable"], frame["unit"], frame["year"], frame["value"],
                   strict=True))
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    assert [g[3] for g in got] == pytest.approx([e[3] for e in expected], rel=1e-15)
    assert frame["year"].dtype == "int64"
    assert frame["value"].dtype == "float64"
