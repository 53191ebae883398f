"""Round 24 H60-H63, H80: a balance sheet's group-total column against its part columns.

Hand values: sheet of two fuels with 原煤 + 洗精煤 = 100 + 20 = 120 万吨 available.
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.accounting.balance_checks import GroupTotalWarning
from carbonpath.accounting.balance_sheet import read_energy_balance
from carbonpath.errors import DataError
from tests.conftest import assert_no_carbonpath_warnings

_ROWS = [("一、可供本地区消费的能源量", "{a}", "{b}", "{g}"),
         ("四、终端消费量", "{a}", "{b}", "{g}"),
         ("    1.第一产业", "{a}", "{b}", "{g}"),
         ("五、平衡差额", "0", "0", "0")]


def _sheet(tmp_path, heads, a, b, g):
    lines = ["项目," + ",".join(heads)]
    for row in _ROWS:
        lines.append(",".join([row[0]] + [c.format(a=a, b=b, g=g) for c in row[1:]]))
    p = tmp_path / "b.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_only_coal_column_headed_as_group_is_refused(tmp_path):
    # H63/H61/H62: 煤炭 beside 洗精煤 but no 原煤: all its coal would be dropped
    p = _sheet(tmp_path, ["煤炭(万吨)", "洗精煤(万吨)", "天然气(亿立方米)"], 100, 20, 1)
    with pytest.raises(DataError,
                       match=r"煤炭\(万吨\).*no raw_coal \(原煤\) column.*column,煤炭,raw_coal"):
        read_energy_balance(p, year=2022)


def test_group_below_its_parts_is_refused(tmp_path):
    # H80: 石油 20 beside 柴油 41 + 石油沥青 6 = 47 > 20 + 0.5 + 0.235
    p = _sheet(tmp_path, ["柴油(万吨)", "石油沥青(万吨)", "石油(万吨)"], 41, 6, 20)
    with pytest.raises(DataError, match=r"石油\(万吨\).*holds 20.*add up to, 47"):
        read_energy_balance(p, year=2022)


def test_group_above_its_parts_warns(tmp_path):
    # H60: 煤合计 170 against 原煤 100 + 洗精煤 20 = 120: 50 万吨 of other kinds not counted
    p = _sheet(tmp_path, ["原煤(万吨)", "洗精煤(万吨)", "煤合计(万吨)"], 100, 20, 170)
    with pytest.warns(GroupTotalWarning, match=r"煤合计.*170 against 120"):
        read_energy_balance(p, year=2022)


def test_group_equal_to_its_parts_is_quiet(tmp_path):
    # H56: 煤合计 120.3 = 100 + 20 (+0.3 rounding, inside 0.5 + 0.6)
    p = _sheet(tmp_path, ["原煤(万吨)", "洗精煤(万吨)", "煤合计(万吨)"], 100, 20, 120.3)
    with assert_no_carbonpath_warnings():
        read_energy_balance(p, year=2022)


def test_coal_group_equal_to_washed_coal_alone_is_quiet(tmp_path):
    # a sheet without 原煤 whose 煤合计 is its 洗精煤 (20 = 20): nothing dropped
    p = _sheet(tmp_path, ["洗精煤(万吨)", "焦炭(万吨)", "煤合计(万吨)"], 20, 5, 20)
    with assert_no_carbonpath_warnings():
        read_energy_balance(p, year=2022)


def test_group_without_any_part_is_refused(tmp_path):
    # H80's root: 石油 as the only oil column, its 20 万吨 would be dropped
    p = _sheet(tmp_path, ["原煤(万吨)", "天然气(亿立方米)", "石油(万吨)"], 100, 1, 20)
    with pytest.raises(DataError, match=r"石油\(万吨\).*none of its part columns.*汽油"):
        read_energy_balance(p, year=2022)


@pytest.mark.parametrize(("item", "group", "ratio"),
                         [("coal", "coal", 0.95), ("raw_coal", "coal", 0.95),
                          ("gas", "gas", 0.90), ("原煤", "coal", 0.95)])
def test_factor_item_lists_its_groups_gross_net_ratio(item, group, ratio):
    # H100: ipcc2006_energy.csv rows 95-97: coal 0.95, oil 0.95, gas 0.9 (IPCC 2006 1.4.1.2)
    from carbonpath.factors import load_factors

    rows = load_factors().select(item=item, quantity="ncv_gcv_ratio")
    assert list(rows["item"]) == [group]
    assert float(rows["value"].iloc[0]) == pytest.approx(ratio)


@pytest.mark.parametrize(("name", "code"), [("高炉煤气", "blast_furnace_gas"),
                                            ("转炉煤气", "converter_gas")])
def test_blast_furnace_gas_burned_beside_bof_steel_warns(name, code):
    # H68: the coke booked as feedstock (quiet alone, round 21 J05), and 35 亿m3 of the
    # works' gas burned: that gas carries the coke's carbon, which 250 万吨 BOF steel x
    # 1.46 t CO2/t = 3.650 Mt of process CO2 already holds
    import pandas as pd

    from carbonpath.accounting import compute_inventory
    from carbonpath.accounting.plausible_carbon import CombustedFeedstockWarning

    def row(fuel, value, unit, use, cond=""):
        return {"sector": "ferrous_metals", "fuel": fuel, "value": value, "unit": unit,
                "use": use, "gas_condition": cond}

    prod = pd.DataFrame([{"product": "bof_steel", "value": 250, "unit": "万吨"}])
    coal = row("原煤", 150, "万吨", "combustion")  # the works' other fuel (not the route's)
    for act, expected in ((pd.DataFrame([row("焦炭", 60, "万吨", "feedstock"), coal]), 0),
                          (pd.DataFrame([row("焦炭", 60, "万吨", "feedstock"),
                                         row(name, 35, "亿立方米", "combustion", "20C"),
                                         coal]), 1)):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            compute_inventory(act, production=prod, region="CN-SD", year=2022)
        msgs = [str(w.message) for w in rec
                if issubclass(w.category, CombustedFeedstockWarning)]
        assert len(msgs) == expected
    assert "bof_steel 250 万吨 (3.650 Mt of process CO2)" in msgs[0]
    assert f"row 1: ferrous_metals {code} 35 亿立方米 combustion" in msgs[0]
