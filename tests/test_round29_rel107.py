"""Round 29 (tester29ze) accounting cases ZE70 ZE74 ZE81 ZE82 ZE83: silent readings.

ZE70 one table of fuels in TJ at net and gross; ZE74 a kiln's coal booked non_energy (the
tidy route and the model's flows.csv); ZE81 a balance titled with a city the region table
does not hold; ZE82 a 标准量 title over physical headers; ZE83 a part-year title. Expected
values are computed by hand in each test from the bundled factors' published values:
natural gas 15.3 kg C/GJ x oxidation 0.99 (NDRC guideline, CN); raw coal NCV 20.908 GJ/t
(GB/T 2589-2020 Appendix A), 26.18 kg C/GJ x 0.93; net/gross 0.9 for gas (IPCC 2006 Vol.2
Ch.1 1.4.1.2).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.accounting.activity.scope import EnergyBasisWarning
from carbonpath.accounting.activity.uses import UnburnedFuelWarning
from carbonpath.accounting.balance_magnitude import BalanceMagnitudeWarning
from carbonpath.accounting.balance_year import (
    BalanceRegionWarning,
    BalanceYearWarning,
    check_part_year,
    part_of_year,
    title_places,
)

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
ACTIVITY = SAMPLES / "activity_sample.csv"
BALANCE = SAMPLES / "energy_balance_sample.csv"
GAS_T_CO2_PER_TJ = 15.3 * 0.99 * 44 / 12  # 55.539


def _caught(call, category: type[Warning]) -> list[str]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in got if issubclass(w.category, category)]


def _titled(tmp_path: Path, title: str) -> Path:
    """The sample balance with its first line (the title) replaced by ``title``."""
    lines = BALANCE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "b.csv"
    path.write_text("\n".join([f'"{title}"', *lines[1:]]) + "\n", encoding="utf-8")
    return path


# --- ZE70: fuels in TJ of one table on two calorific bases ----------------------------------

def test_gross_and_net_rows_of_one_table_warn(tmp_path):
    """Residential gas 3000 TJ with a blank basis read as gross (the argument), commercial
    1000 TJ net. Counted: 3000 x 0.9 + 1000 = 3700 TJ x 55.539 t/TJ = 205,494 t; if row 2
    is net like row 3, 4000 TJ (1/0.9 = 1.111 times row 2's energy)."""
    path = tmp_path / "a.csv"
    path.write_text("sector,fuel,value,unit,energy_basis\nresidential,天然气,3000,TJ,\n"
                    "commercial,天然气,1000,TJ,net\n", encoding="utf-8")
    inv = []
    (text,) = _caught(lambda: inv.append(cp.compute_inventory(
        path, region="CN-SD", year=2022, energy_basis="gross")), EnergyBasisWarning)
    assert text.startswith("a.csv, row 2, column 'energy_basis': 1 fuel row(s) in J or Wh "
                           "on the gross calorific basis (blank cells, which take the "
                           "energy_basis argument gross")
    assert "(row 3) are net" in text
    assert "gas 0.9" in text
    assert "1.111 times what is counted" in text
    assert inv[0].total("CO2", unit="t CO2").magnitude == pytest.approx(
        3700 * GAS_T_CO2_PER_TJ, rel=1e-4)
    # the cells written gross and net: the same warning, the cells named
    path.write_text("sector,fuel,value,unit,energy_basis\nresidential,天然气,3000,TJ,gross\n"
                    "commercial,天然气,1000,TJ,net\n", encoding="utf-8")
    (text,) = _caught(lambda: cp.read_activity(path, region="CN-SD", year=2022),
                      EnergyBasisWarning)
    assert "(cells saying gross)" in text
    # one basis throughout, and a standard-coal row (net by definition) beside gross: quiet
    path.write_text("sector,fuel,value,unit,energy_basis\nresidential,天然气,3000,TJ,gross\n"
                    "commercial,天然气,1000,TJ,gross\nindustry,原煤,10,万吨标准煤,\n",
                    encoding="utf-8")
    assert _caught(lambda: cp.read_activity(path, region="CN-SD", year=2022),
                   EnergyBasisWarning) == []


# --- ZE74: a fossil fuel booked non_energy where no product keeps its carbon -----------------

def test_kiln_coal_booked_non_energy_warns(tmp_path):
    """Sample line 7 ``non_metallic_minerals,原煤,95,万吨`` with use non_energy. The CO2
    left out: 95e4 t x 20.908 GJ/t = 19,862.6 TJ x 26.18 t C/TJ x 0.93 x 44/12 = 1.7732 Mt."""
    lines = ACTIVITY.read_text(encoding="utf-8").splitlines()
    assert lines[6].startswith("non_metallic_minerals,原煤,95,万吨,combustion,")
    lines[6] = lines[6].replace("combustion", "non_energy")
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = {"region": "CN-SD", "year": 2022, "primary_electricity": "calorific"}
    inv = []
    (text,) = _caught(lambda: inv.append(cp.compute_inventory(path, **options)),
                      UnburnedFuelWarning)
    assert text.startswith("a.csv, row 7, column 'use': raw_coal with use non_energy in "
                           "'non_metallic_minerals': this sector makes cement, lime, glass")
    assert "use combustion if the fuel is burned" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = cp.compute_inventory(ACTIVITY, **options).total("CO2", unit="t CO2").magnitude
    dropped = 95e4 * 20.908e-3 * 26.18 * 0.93 * 44 / 12  # t CO2
    assert whole - inv[0].total("CO2", unit="t CO2").magnitude == pytest.approx(dropped,
                                                                                rel=1e-4)
    # an override of the row quiets it
    lines[0] += ",plausibility"
    lines = [x + ("," if i else "") for i, x in enumerate(lines)]
    lines[6] = lines[6][:-1] + ",override: graphite electrodes"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _caught(lambda: cp.read_activity(path, region="CN-SD", year=2022),
                   UnburnedFuelWarning) == []
    # material uses that can be right stay quiet: petroleum coke for carbon products, bitumen,
    # coal as a chemical feedstock material
    path.write_text("sector,fuel,value,unit,use\nnon_metallic_minerals,石油焦,5,万吨,non_energy\n"
                    "non_metallic_minerals,石油沥青,2,万吨,non_energy\n"
                    "chemicals,原煤,10,万吨,non_energy\n", encoding="utf-8")
    assert _caught(lambda: cp.read_activity(path, region="CN-SD", year=2022),
                   UnburnedFuelWarning) == []


def test_kiln_coal_as_non_energy_in_flows_warns(tiny):
    """The model's rule: tiny's coal plant moved to non_metallic_minerals with its coal input
    booked non_energy would emit nothing; the load names flows.csv row 3."""
    tech = tiny / "technologies.csv"
    tech.write_text(tech.read_text(encoding="utf-8").replace(
        "coal_power,Coal power plant,thermal_power,",
        "coal_power,Coal power plant,non_metallic_minerals,"), encoding="utf-8")
    flows = tiny / "flows.csv"
    lines = flows.read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("coal_power,coal,input,0.4,t/MWh,")
    lines = [x.replace("unit,source", "unit,use,source") if i == 0 else
             x.replace("t/MWh,", "t/MWh,non_energy,") if i == 2 else
             x.replace("/MWh,", "/MWh,,").replace("/kt,", "/kt,,") for i, x in enumerate(lines)]
    flows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _caught(lambda: cp.load_dataset(tiny), UnburnedFuelWarning)
    assert found
    assert found[0].startswith(
        "flows.csv, row 3, column use: 'coal_power' takes coal with use non_energy: raw_coal "
        "with use non_energy in 'non_metallic_minerals'")


# --- ZE81: a title naming a city the region table does not hold -----------------------------

def test_title_naming_another_city_warns(tmp_path):
    """德州 (another city of Shandong) is not in the region table; 聊城 is read."""
    path = _titled(tmp_path, "德州市能源平衡表(实物量) 2022年")
    (text,) = _caught(lambda: cp.read_energy_balance(path, region="聊城", year=2022),
                      BalanceRegionWarning)
    assert text.startswith("b.csv, line 1, column 1: the title '德州市能源平衡表(实物量) "
                           "2022年' names 德州市 (a place other than CN-SD-Liaocheng, whose "
                           "names are 聊城, 聊城市), but the balance is read as "
                           "CN-SD-Liaocheng")
    path = _titled(tmp_path, "聊城市能源平衡表(实物量) 2022年")
    assert _caught(lambda: cp.read_energy_balance(path, region="聊城", year=2022),
                   BalanceRegionWarning) == []


@pytest.mark.parametrize(("title", "places"), [
    ("山东省德州市2022年能源平衡表", ["山东省", "德州市"]),
    ("2022年德州市能源平衡表", ["德州市"]),
    ("表3-1 聊城市东昌府区能源平衡表", ["聊城市", "东昌府区"]),
    ("莘县能源平衡表", ["莘县"]),
    ("内蒙古自治区能源平衡表", ["内蒙古自治区"]),
    ("分地区能源平衡表", []),
    ("全县能源平衡表", []),
    ("能源平衡表(实物量) 沿海合成示例城市", []),  # after 能源: not the place slot
    ("单位:万吨标准煤", []),
])
def test_title_places(title, places):
    assert title_places(title) == places


# --- ZE82: a 标准量 title over physical headers ----------------------------------------------

def test_standard_quantity_title_over_physical_headers_warns(tmp_path):
    """The sample's 10 fuel columns are all physical (万吨, 亿立方米, 万百万千焦, 亿千瓦时)."""
    path = _titled(tmp_path, "聊城市能源平衡表(标准量) 2022年")
    (text,) = _caught(lambda: cp.read_energy_balance(path, region="聊城", year=2022),
                      BalanceMagnitudeWarning)
    assert text.startswith("b.csv, line 1, the title '聊城市能源平衡表(标准量) 2022年' says "
                           "标准量 (a table in standard coal), but 10 of the sheet's 10 fuel "
                           "columns are read in physical units ('原煤(万吨)', '洗精煤(万吨)'")
    # the 实物量 title of the sample: quiet
    assert _caught(lambda: cp.read_energy_balance(BALANCE, region="聊城", year=2022),
                   BalanceMagnitudeWarning) == []


# --- ZE83: a title or sheet naming part of a year ---------------------------------------------

def test_part_year_title_warns(tmp_path):
    path = _titled(tmp_path, "聊城市能源平衡表 2022年1-6月")
    (text,) = _caught(lambda: cp.read_energy_balance(path, region="聊城", year=2022),
                      BalanceYearWarning)
    assert text.startswith("b.csv, line 1, column 1: the title '聊城市能源平衡表 2022年1-6月' "
                           "names part of a year (1-6月: 6 months), but the balance is read "
                           "as the year 2022")
    assert "about 6/12 of a year's energy" in text
    # a sheet name too (a workbook's sheet 2022上半年)
    (text,) = _caught(lambda: check_part_year([], [], 0, "2022上半年", 2022, "b.xlsx"),
                      BalanceYearWarning)
    assert text.startswith("b.xlsx: the sheet '2022上半年' names part of a year (上半年: 6 "
                           "months)")


@pytest.mark.parametrize(("text", "found"), [
    ("2022年1-6月", ("1-6月", 6)), ("2022年1至11月", ("1至11月", 11)),
    ("前三季度", ("前三季度", 9)), ("2022年一季度", ("一季度", 3)), ("2022年6月", ("2022年6月", 1)),
    ("2022 Q1", ("Q1", 3)),
    ("2022年1-12月", None), ("2022年", None), ("截至2022年12月31日", None),
    ("能源平衡表(实物量) 合成示例数据", None),
])
def test_part_of_year(text, found):
    assert part_of_year(text) == found
