"""carbonpath init with captive plants: two regions that calibrate by region and in total.

The synthetic sample city (datasets/samples) with a third of its coal units captive,
serving its industry, and a 2,000 MW tie. Expected numbers: the split of the balance's
thermal coal by hand (780 万吨 x 100 / 300 万千瓦), and the accounting wing's inventory of
``activity.csv`` by ``model_region`` (read_activity -> factor tables -> compute_inventory),
an independent path from the model's (technologies -> flows -> Pyomo -> HiGHS).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import SAMPLE, SAMPLES, base_year_by_region, captive_city

CAPTIVE = ("part,code,value,unit,source\n"
           "capacity,coal,100,万千瓦,test: a third of the city's 300 万千瓦 of coal units\n"
           "serves,industry,,,test: the industrial park on the captive network\n"
           "tie,,200,万千瓦,test: the tie's rating\n")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return captive_city(tmp_path_factory.mktemp("captive"), CAPTIVE)


def test_the_captive_region_calibrates_by_region_and_in_total(city):
    assert city.regions == ["city", "captive"]
    # the balance's thermal coal (780 万吨) split by the captive share of the coal capacity
    act = pd.read_csv(city.file("activity.csv"), keep_default_na=False)
    coal = act[(act["sector"] == "thermal_power") & (act["fuel"] == "raw_coal")]
    by = dict(zip(coal["model_region"], coal["value"], strict=True))
    assert by["captive"] == pytest.approx(780 * 100 / 300, rel=1e-12)
    assert by[""] == pytest.approx(780 * 200 / 300, rel=1e-12)
    # industry's rows are the captive region's; households' stay in the city
    assert set(act.loc[(act["sector"] == "industry")
                       & act["use"].isin(["combustion", "consumption"]), "model_region"]) \
        == {"captive"}
    assert set(act.loc[act["sector"].str.startswith("residential"), "model_region"]) == {""}
    links = pd.read_csv(city.file("links.csv"), keep_default_na=False).set_index("link")
    assert links.loc["captive_tie", "commodity"] == "electricity"
    params = city.tables["parameters"]
    tie = params[(params["technology"] == "captive_tie")
                 & (params["parameter"] == "residual_capacity")]
    assert float(tie["value"].iloc[0]) == 2000.0  # 200 万千瓦 in MW
    # the model's base year = the inventory of the same rows, by region and in total
    model, by_region, model_total, total = base_year_by_region(city)  # kt
    for region in ("city", "captive"):
        assert model[region] == pytest.approx(by_region[region], rel=1e-9), region
    assert model_total == pytest.approx(total, rel=1e-9)
    assert by_region["captive"] > 0.3 * by_region["total"]
    # the README lists what was read, assumed and to replace first, the captive input too
    readme = (city.path / "README.md").read_text(encoding="utf-8")
    for heading in ("## What was read", "## What was assumed", "## Replace first"):
        assert heading in readme
    assert "captive input `captive.csv`" in readme


def test_captive_input_errors_name_file_row_and_column(tmp_path):
    from carbonpath.init.captive import read_captive

    types = ["coal", "gas"]
    bad = pd.DataFrame({"part": ["capacity", "plant", "tie", "tie"],
                        "code": ["oil", "", "", ""], "value": ["10", "1", "5", "-1"],
                        "unit": ["万千瓦", "MW", "万千瓦", "MW"], "source": ["a", "b", "c", ""]})
    with pytest.raises(DataError) as info:
        read_captive(bad, types, name="captive.csv")
    found = {(p.row, p.column) for p in info.value.problems}
    assert (2, "code") in found  # oil: not a fuel-burning type of the mapping
    assert (3, "part") in found  # 'plant': unknown part
    assert (5, "value") in found  # a negative rating
    assert (5, "source") in found
    assert all(p.file == "captive.csv" for p in info.value.problems)
    # against the balance: a sector it does not have, more captive coal than the city has,
    # then a tie too small for the base year's exchange (hand: industry's 150 亿kWh against
    # a third of the coal units' output is well above 100 MW on average)
    wrong = pd.read_csv(io.StringIO(CAPTIVE), dtype=str, keep_default_na=False)
    wrong.loc[0, "value"] = "400"
    wrong.loc[1, "code"] = "chemicals"
    with pytest.raises(DataError) as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "x",
                     captive=wrong, **SAMPLE)
    found = {(p.row, p.column): p for p in info.value.problems}
    assert found[(2, "value")].valid.startswith("<= 3,000 MW")
    assert "industry" in found[(3, "code")].valid
    small = pd.read_csv(io.StringIO(CAPTIVE), dtype=str, keep_default_na=False)
    small.loc[2, ["value", "unit"]] = ["100", "MW"]
    with pytest.raises(DataError, match="more than the tie's 100 MW") as info:
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=tmp_path / "x",
                     captive=small, **SAMPLE)
    assert (info.value.problems[0].row, info.value.problems[0].column) == (4, "value")
    assert not (tmp_path / "x").exists()
