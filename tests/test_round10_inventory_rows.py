"""Round-10 cases A62, A43, A11/A83: heat that counts nowhere, a grid factor no lookup uses,
production of a year or region the activity does not have.

A62: under the provincial method, heat consumption with neither heat_supply rows nor heat
import/export rows vanished from the total (electricity is refused in the same case).
A43: a user grid factor with sector ``1A2`` loaded but never used (carrier factors are looked
up by region and year only). Expected values by hand below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.errors import DataError

C2CO2 = 44 / 12
#: bundled raw coal of CN-SD: NCV 20.908 GJ/t x 26.18 t C/TJ x oxidation 0.93 (as
#: tests/test_balance_sheet.py), t CO2 per t
RAW_COAL = 20.908e-3 * 26.18 * 0.93 * C2CO2
INV = {"region": "CN-SD", "year": 2022}


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a62_heat_consumed_with_no_supply_or_import_is_refused(tmp_path):
    path = _csv(tmp_path, "a62.csv", "sector,fuel,value,unit,use\n"
                "residential,热力,500,万百万千焦,consumption\n"
                "industry,原煤,10,万吨,combustion\n")
    with pytest.raises(DataError, match=r"a62\.csv[\s\S]*row 2[\s\S]*heat consumption[\s\S]*"
                                        r"heat_supply[\s\S]*use=import"):
        cp.compute_inventory(path, **INV)


def test_a62_heat_made_locally_is_counted_by_the_plants_fuel(tmp_path):
    # 150 万百万千焦 = 1,500 TJ of heat from 10 万吨 of coal (2,090.8 TJ): a 72 % boiler
    path = _csv(tmp_path, "ok.csv", "sector,fuel,value,unit,use\n"
                "residential,热力,150,万百万千焦,consumption\n"
                "heat_supply,原煤,10,万吨,combustion\n"
                "industry,原煤,10,万吨,combustion\n")
    inv = cp.compute_inventory(path, **INV)
    # provincial: the heat counts as the heat plants' coal; 2 x 1e5 t raw coal
    assert inv.total(gas="CO2").to("t CO2").magnitude == pytest.approx(2e5 * RAW_COAL,
                                                                       rel=1e-9)


def test_a62_gpc_counts_the_heat_itself(tmp_path):
    path = _csv(tmp_path, "gpc.csv", "sector,fuel,value,unit,use\n"
                "residential,热力,500,万百万千焦,consumption\n")
    inv = cp.compute_inventory(path, method="gpc", **INV)
    assert inv.total(gas="CO2").to("t CO2").magnitude > 0


BASE = ("sector,fuel,value,unit,use\nindustry,电力,5,亿千瓦时,\n"
        "transfers,电力,3,亿千瓦时,import\ntransfers,电力,1,亿千瓦时,export\n")
HEAD = "item,quantity,gas,sector,value,unit,basis,region,year,source,status\n"


def test_a43_a_grid_factor_with_a_sector_is_refused_naming_the_row(tmp_path):
    factors = _csv(tmp_path, "a43f.csv", HEAD + "electricity,emission_factor,CO2,1A2,0.5,"
                   "t CO2/MWh,,CN-SD,2022,my,unverified\n")
    with pytest.raises(DataError, match=r"a43f\.csv, row 2, column 'sector'[\s\S]*1A2[\s\S]*"
                                        r"blank sector"):
        cp.compute_inventory(_csv(tmp_path, "base.csv", BASE), factors=[factors],
                             method="gpc", **INV)


def test_a43_the_same_row_without_a_sector_is_used(tmp_path):
    factors = _csv(tmp_path, "f.csv", HEAD + "electricity,emission_factor,CO2,,0.5,"
                   "t CO2/MWh,,CN-SD,2022,my,unverified\n")
    inv = cp.compute_inventory(_csv(tmp_path, "base.csv", BASE), factors=[factors],
                               method="gpc", primary_electricity="calorific", **INV)
    em = inv.emissions
    industry = em[(em["sector"] == "industry") & (em["gas"] == "CO2")]
    # 5 亿千瓦时 = 5e5 MWh x 0.5 t CO2/MWh = 250,000 t
    assert float(industry["value"].sum()) == pytest.approx(250_000, rel=1e-12)


@pytest.mark.parametrize(("column", "value", "shown"), [
    ("year", "2021", "2021"),  # A11
    ("region", "CN-ZJ", "CN-ZJ"),  # A83
    ("region", "山东", "CN-SD"),  # A83: the parent province
])
def test_a11_a83_production_of_another_year_or_region_names_the_row(tmp_path, column, value,
                                                                    shown):
    coal = _csv(tmp_path, "coal.csv", "sector,fuel,value,unit\nindustry,原煤,10,万吨\n")
    prod = _csv(tmp_path, "p.csv", f"product,value,unit,{column}\n熟料,50,万吨,{value}\n")
    with pytest.raises(DataError, match=rf"p\.csv, row 2, column '{column}'.*{shown}"):
        cp.compute_inventory(coal, production=prod, region="聊城", year=2022)
