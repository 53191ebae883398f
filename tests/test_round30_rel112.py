"""Round 30 (tester30zf) accounting cases ZF199 ZF200 ZF25 ZF119 ZF99 ZF183.

ZF199, ZF200: one electricity row in a unit 100x or 10^4x smaller than its other rows (the
unit-magnitude check left carriers to the carrier balances, whose band of a city without
generation took both); ZF25, ZF119: a user factor row for a fuel group (``coal``, ``oil``,
``gas``) of another quantity than the gross-to-net ratio, read by nothing; and the ratio
itself, read for the world only; ZF99: nitric acid's N2O without ``--gwp`` printed nowhere;
ZF183: the kt CO2 cell of an N2O-only row read nan. Expected values are computed by hand
from the bundled factors' published values: raw coal NCV 20.908 GJ/t (GB/T 2589-2020
Appendix A), 26.18 kg C/GJ x oxidation 0.93; N2O of coal in manufacturing 1.5 kg/TJ and
CH4 10 kg/TJ (IPCC 2006 Vol.2 Table 2.3); nitric acid 7 kg N2O/t (IPCC 2006 Vol.3 Table
3.3); net/gross 0.95 for coal (IPCC 2006 Vol.2 Ch.1 1.4.1.2).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.accounting.plausible_magnitude import ActivityMagnitudeWarning
from carbonpath.cli import app
from carbonpath.errors import DataError

OPTS = ["--region", "聊城", "--year", "2022", "--primary-electricity", "calorific"]
HEAD = "sector,fuel,value,unit,use\nindustry,原煤,10,万吨,\n"
RAW_COAL_T_CO2_PER_TJ = 26.18 * 0.93 * 44 / 12  # 89.2738
FACTOR_HEAD = "item,quantity,gas,sector,technology,value,unit,basis,region,year,source,status\n"


def _magnitude(tmp_path: Path, rows: str) -> list[str]:
    path = tmp_path / "a.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        cp.compute_inventory(path, region="聊城", year=2022, primary_electricity="calorific")
    return [str(w.message) for w in got if issubclass(w.category, ActivityMagnitudeWarning)]


# --- ZF199, ZF200: a carrier row in a unit of another scale ----------------------------------

def test_export_in_gwh_among_rows_in_yi_kwh_warns(tmp_path):
    """Rows 3-5 in 亿千瓦时 (2 .. 5), export ``1,GWh``: 1 GWh = 10^6 kWh = 0.01 亿千瓦时 as
    written, 1 亿千瓦时 in their unit (a unit 100 times smaller)."""
    got = _magnitude(tmp_path, "industry,电力,4,亿千瓦时,consumption\n"
                               "commercial,电力,2,亿千瓦时,consumption\n"
                               "transfers,电力,5,亿千瓦时,import\ntransfers,电力,1,GWh,export\n")
    assert len(got) == 1
    assert "row 6" in got[0]
    assert "1 GWh" in got[0]
    assert "100 times smaller" in got[0]
    assert "0.01 亿千瓦时" in got[0]
    assert "GWh for 亿千瓦时?" in got[0]


def test_consumption_in_wan_kwh_among_rows_in_yi_kwh_warns(tmp_path):
    """Commercial ``2,万千瓦时`` among 亿千瓦时 rows: 2 x 10^4 kWh = 0.0002 亿千瓦时."""
    got = _magnitude(tmp_path, "industry,电力,4,亿千瓦时,consumption\n"
                               "commercial,电力,2,万千瓦时,consumption\n"
                               "transfers,电力,5,亿千瓦时,import\ntransfers,电力,1,亿千瓦时,export\n")
    assert len(got) == 1
    assert "row 4" in got[0]
    assert "10,000 times smaller" in got[0]
    assert "0.0002 亿千瓦时" in got[0]


def test_heat_row_in_a_smaller_unit_warns(tmp_path):
    """Heat rows in 万百万千焦 (300, 500, import 800) and one ``400,百万千焦``: 0.04 万百万千焦
    as written (a unit 10^4 times smaller)."""
    got = _magnitude(tmp_path, "industry,热力,300,万百万千焦,consumption\n"
                               "commercial,热力,500,万百万千焦,consumption\n"
                               "residential,热力,400,百万千焦,consumption\n"
                               "transfers,热力,800,万百万千焦,import\n")
    assert len(got) == 1
    assert "row 5" in got[0]
    assert "0.04 万百万千焦" in got[0]


def test_carrier_rows_of_one_scale_stay_quiet(tmp_path):
    """The same rows all in 亿千瓦时, and a kWh row whose number is of its own scale."""
    assert _magnitude(tmp_path, "industry,电力,4,亿千瓦时,consumption\n"
                                "commercial,电力,2,亿千瓦时,consumption\n"
                                "residential,电力,30000000,千瓦时,consumption\n"
                                "transfers,电力,5,亿千瓦时,import\n") == []


# --- ZF25, ZF119: fuel-group rows read by nothing ---------------------------------------------

@pytest.mark.parametrize(("row", "group", "fuel"), [
    ("coal,calorific_value,,,,20,GJ/t,net,CN-SD,,my,unverified", "coal", "raw_coal"),
    ("coal,emission_factor,CO2,,,95,t CO2/TJ,,CN-SD,,my,unverified", "coal", "raw_coal"),
    ("gas,calorific_value,,,,36,MJ/Nm3,net,CN-SD,,my,unverified", "gas", "natural_gas"),
    ("oil,emission_factor,CO2,,,80,t CO2/TJ,,CN-SD,,my,unverified", "oil", "diesel"),
])
def test_fuel_group_row_of_other_quantity_refused(tmp_path, row, group, fuel):
    path = tmp_path / "f.csv"
    path.write_text(FACTOR_HEAD + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=path)
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("f.csv", 2, "item")
    assert f"'{group}' is a fuel group" in p.message
    assert fuel in p.valid


def test_fuel_ratio_row_refused(tmp_path):
    """A ``raw_coal`` gross-to-net ratio: the inventory asks for the group coal's only."""
    path = tmp_path / "f.csv"
    path.write_text(FACTOR_HEAD + "raw_coal,ncv_gcv_ratio,,,,0.9,dimensionless,,world,,my,"
                    "unverified\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=path)
    (p,) = err.value.problems
    assert p.column == "item"
    assert "item coal" in p.valid


def test_regional_ratio_row_is_used(tmp_path):
    """1000 TJ of raw coal on a gross basis; a Shandong coal ratio 0.9 (the world's 0.95):
    900 TJ x 89.2738 t/TJ = 80,346.4 t CO2 (84,810.1 t with the world ratio)."""
    act = tmp_path / "g.csv"
    act.write_text("sector,fuel,value,unit,energy_basis\nindustry,原煤,1000,TJ,gross\n",
                   encoding="utf-8")
    f = tmp_path / "f.csv"
    f.write_text(FACTOR_HEAD + "coal,ncv_gcv_ratio,,,,0.9,dimensionless,,CN-SD,,my,"
                 "unverified\n", encoding="utf-8")
    kw = {"region": "聊城", "year": 2022, "primary_electricity": "calorific"}
    world = cp.compute_inventory(act, **kw).total("CO2").to("t CO2").magnitude
    own = cp.compute_inventory(act, factors=[f], **kw).total("CO2").to("t CO2").magnitude
    assert world == pytest.approx(950 * RAW_COAL_T_CO2_PER_TJ, rel=1e-6)
    assert own == pytest.approx(900 * RAW_COAL_T_CO2_PER_TJ, rel=1e-6)


# --- ZF99, ZF183: other gases of the inventory command ----------------------------------------

def _nitric(tmp_path: Path, *extra: str):
    act = tmp_path / "a.csv"
    act.write_text(HEAD, encoding="utf-8")
    prod = tmp_path / "p.csv"
    prod.write_text("product,value,unit\nnitric_acid,10,万吨\n", encoding="utf-8")
    return CliRunner().invoke(app, ["inventory", str(act), *OPTS, "--production", str(prod),
                                    *extra])


# 10 万吨 nitric acid x 7 kg/t = 700 t N2O; coal 10 万吨 x 20.908 GJ/t = 2090.8 TJ:
# N2O 2090.8 x 1.5 kg = 3.1362 t, CH4 2090.8 x 10 kg = 20.908 t
N2O_T = 700 + 3.1362
CH4_T = 20.908


def test_other_gases_named_without_gwp(tmp_path):
    table = _nitric(tmp_path)
    assert table.exit_code == 0, table.output
    assert f"CH4 {CH4_T:,.1f} t, N2O {N2O_T:,.1f} t" in table.output
    assert "--gwp" in table.output
    out = json.loads(_nitric(tmp_path, "--format", "json").output)
    assert out["other_gases_t"]["N2O"] == pytest.approx(N2O_T, rel=1e-6)
    assert out["other_gases_t"]["CH4"] == pytest.approx(CH4_T, rel=1e-6)


def test_n2o_only_row_shows_zero_co2(tmp_path):
    result = _nitric(tmp_path, "--gwp", "AR6")
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if "industrial_processes" in x]
    assert "nan" not in line
    assert "0.0" in line
    # 700 t N2O x 273 (AR6) = 191.1 kt CO2e
    assert "191.1" in line
