"""``timeslices.coarse_balance_hours``: non-electricity timeslice balances per block of hours.

The coarse model sums the rows of each block, so every solution of the full model solves it:
its objective is never above the full model's (a relaxation). In the case below the
difference is worked out by hand, and it vanishes where the demand is flat within the block.

The case: hydrogen (MWh) is made by a plant of 1.5 MW standing capacity (no running cost)
that can be extended at 1000 CNY/kW (life 10 years, rate 0: 100 CNY/kW per year). One
representative day of two 12-hour blocks. Hydrogen demand is 8760 MWh in 2024 (mean 1 MW)
and 17520 MWh in 2025 (mean 2 MW), with the shape ``profile`` over the two blocks.

* full model, profile (0.5, 1.5): the plant follows the demand, so it needs 3 MW in the
  second block of 2025: 1.5 MW new, 150 000 CNY = 0.15 MCNY;
* coarse model (one row per 24 h): the plant may run flat at 2 MW: 0.5 MW new, 0.05 MCNY;
  the difference is 0.10 MCNY, the annuity of the 1 MW that hourly resolution adds;
* profile (1, 1): both need 0.5 MW new: the same objective.
"""

from __future__ import annotations

import pytest

from carbonpath import DataError, PathwayModel, load_dataset
from tests.toy import flow, param, tech, write

HYDROGEN = {"commodity": "hydrogen", "unit": "MWh", "balance": "timeslice", "kind": "hydrogen",
            "fuel": "hydrogen"}


def _case(folder, profile, coarse=None):
    config = {"timeslices": {"hours": 2, "days": [{"name": "day", "weight": 365}]}}
    if coarse is not None:
        config["timeslices"]["coarse_balance_hours"] = coarse
    return write(
        folder, hours=2, config=config, commodities=[HYDROGEN],
        technologies=[tech("electrolysis", sector="chemicals", kind="supply",
                           investable="true")],
        flows=[flow("electrolysis", "hydrogen", "output", 1, "MWh/MWh")],
        parameters=[param("electrolysis", "lifetime", 10, "yr"),
                    param("electrolysis", "capex", 1000, "CNY/kW"),
                    param("electrolysis", "residual_capacity", 1.5, "MW"),
                    param("electrolysis", "activity", 8760, "MWh/yr", 2024)],
        demands=[{"commodity": "hydrogen", "year": 2024, "value": 8760, "unit": "MWh/yr",
                  "profile": "h2"},
                 {"commodity": "hydrogen", "year": 2025, "value": 17520, "unit": "MWh/yr",
                  "profile": "h2"}],
        profiles=[{"profile": "h2", "day": "day", "hour": h, "value": v, "unit": "1"}
                  for h, v in enumerate(profile)])


def _solve(folder):
    pm = PathwayModel(load_dataset(folder), scenario="baseline")
    return pm, pm.solve()


def test_the_coarse_balance_relaxes_the_full_one_by_the_hand_computed_capacity(tmp_path):
    full_pm, full = _solve(_case(tmp_path / "full", [0.5, 1.5]))
    coarse_pm, coarse = _solve(_case(tmp_path / "coarse", [0.5, 1.5], coarse=24))
    assert full.objective == pytest.approx(0.15, abs=1e-9)
    assert coarse.objective == pytest.approx(0.05, abs=1e-9)
    # one hydrogen row per year instead of two: the LP is smaller by the merged rows
    assert coarse_pm.highs.num_row == full_pm.highs.num_row - 2
    # the price of hydrogen in 2025 (MCNY/GWh): one more GWh a year needs 1/8760 GW more
    # flat capacity (100 MCNY/GW-yr) in the coarse model; in the full one 1.5/8760 GW, for
    # the second block's demand runs at 1.5 x the mean
    coarse_price = coarse.prices.set_index(["commodity", "year"])["value"]
    full_price = full.prices.set_index(["commodity", "year"])["value"]
    assert coarse_price[("hydrogen", 2025)] == pytest.approx(100 / 8760, rel=1e-9)
    assert full_price[("hydrogen", 2025)] == pytest.approx(1.5 * 100 / 8760, rel=1e-9)


def test_with_a_flat_demand_the_coarse_balance_is_exact(tmp_path):
    _, full = _solve(_case(tmp_path / "full", [1.0, 1.0]))
    _, coarse = _solve(_case(tmp_path / "coarse", [1.0, 1.0], coarse=24))
    assert coarse.objective == pytest.approx(full.objective, rel=1e-12)
    assert full.objective == pytest.approx(0.05, abs=1e-9)


@pytest.mark.parametrize("hours", [5, 7, 48, "24"])
def test_coarse_hours_that_do_not_fit_the_blocks_are_refused(tmp_path, hours):
    with pytest.raises(DataError, match="coarse_balance_hours"):
        PathwayModel(load_dataset(_case(tmp_path / "bad", [1.0, 1.0], coarse=hours)))
