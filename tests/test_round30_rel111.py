"""Round 30 (tester30zf) ZF219 ZF218 ZF220 ZF221 ZF02 ZF223 ZF138: balances with a zero side.

The carrier balances and plant conversions compared two sides by their ratio and skipped a
side of 0: plants making electricity from no fuel (ZF219), their coal under utilities
(ZF218), consumption with imports written 0 (ZF220, ZF221), a net export with no local
plant (ZF02, import and export swapped), a feedstock beside a product row of 0 (ZF223).
ZF138: heat plants plus a heat import equal to consumption is now named at the import.

Hand values: 1 亿千瓦时 = 1e8 kWh = 100 GWh = 360 TJ; 1 万百万千焦 = 1e4 x 1e6 kJ = 10 TJ;
raw coal NCV 20.908 GJ/t (GB/T 2589-2020 Appendix A), so 90 万吨 = 18,817.2 TJ and
200 万吨 = 41,816 TJ.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import carbonpath as cp
from carbonpath.accounting.plausible_carrier_bands import CarrierBalanceWarning
from carbonpath.accounting.production_keys import FeedstockCarbonWarning
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError

OPTIONS = {"region": "CN-SD-Liaocheng", "year": 2022, "primary_electricity": "calorific"}
HEAD = "sector,fuel,value,unit,use\n"


def _csv(tmp_path: Path, body: str, name: str = "a.csv", head: str = HEAD) -> Path:
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return path


def _refused(path: Path, **extra) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ImplausibleValueError) as err:
            cp.compute_inventory(path, **(OPTIONS | extra))
    (problem,) = err.value.problems
    return str(problem)


def _warned(call, category: type[Warning]) -> list[str]:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in got if issubclass(w.category, category)]


# --- ZF219, ZF218: plants' output with no plant fuel ----------------------------------------

POWER = ("thermal_power,电力,20,亿千瓦时,generation\nindustry,电力,20,亿千瓦时,consumption\n"
         "transfers,电力,1,亿千瓦时,import\ntransfers,电力,0,亿千瓦时,export\n")


def test_thermal_generation_without_fuel_refused(tmp_path):
    """20 亿kWh = 2,000 GWh = 7,200 TJ made from no fuel: at least 7,200 / 1.1 = 6,545.45 TJ
    of fuel is missing. Named at the generation row (line 3)."""
    text = _refused(_csv(tmp_path, "machinery,原煤,10,万吨,\n" + POWER))
    assert text.startswith("a.csv, row 3, column 'value': implausible conversion of "
                           "CN-SD-Liaocheng in 2022: thermal_power makes 7,200 TJ of "
                           "electricity (2,000 GWh) (thermal_power generation (row 3))")
    assert "at least 6,545.45 TJ of fuel" in text
    # the plants' coal under thermal_power: 7,200 / 18,817.2 TJ = 38 %, accepted
    fine = _csv(tmp_path, "machinery,原煤,10,万吨,\nthermal_power,原煤,90,万吨,\n" + POWER,
                "b.csv")
    cp.compute_inventory(fine, **OPTIONS)


def test_heat_generation_without_fuel_refused(tmp_path):
    """heat_supply's 500 万百万千焦 = 5,000 TJ of heat from no fuel (ZF219h): 4,545.45 TJ."""
    text = _refused(_csv(tmp_path, "machinery,原煤,10,万吨,\n"
                         "heat_supply,热力,500,万百万千焦,generation\n"
                         "residential,热力,480,万百万千焦,consumption\n"
                         "industry,电力,2,亿千瓦时,consumption\n"
                         "transfers,电力,2,亿千瓦时,import\ntransfers,电力,0,亿千瓦时,export\n"))
    assert text.startswith("a.csv, row 3, column 'value'")
    assert "heat_supply makes 5,000 TJ of heat" in text
    assert "at least 4,545.45 TJ of fuel" in text


def test_plant_coal_under_utilities_named_gpc(tmp_path):
    """ZF218: the plants' 90 万吨 under utilities (18,817.2 TJ) would make 7,200 TJ possible;
    with --method gpc it would count twice. Named as the fuel to move."""
    text = _refused(_csv(tmp_path, "machinery,原煤,10,万吨,\nutilities,原煤,90,万吨,\n" + POWER),
                    method="gpc")
    assert text.startswith("a.csv, row 4, column 'value'")
    assert "utilities raw_coal 90 万吨 (row 3, 18,817.2 TJ) would make it possible" in text


# --- ZF220, ZF221: consumption where every supply row is 0 ----------------------------------

def test_electricity_with_import_zero_refused(tmp_path):
    """5 亿kWh = 500 GWh consumed, import 0 and export 0, no plant: named at the import."""
    body = ("machinery,原煤,10,万吨,\nindustry,电力,5,亿千瓦时,consumption\n"
            "transfers,电力,0,亿千瓦时,import\ntransfers,电力,0,亿千瓦时,export\n")
    text = _refused(_csv(tmp_path, body))
    assert text.startswith("a.csv, row 4, column 'value': implausible electricity balance")
    assert "is 500 GWh but supply" in text
    assert "is 0" in text
    # an override on the import row accepts it with a warning
    over = _csv(tmp_path, body.replace("import\n", "import,override: captive plants\n")
                .replace("万吨,\n", "万吨,,\n").replace("consumption\n", "consumption,\n")
                .replace("export\n", "export,\n"), "o.csv",
                HEAD.replace("use", "use,plausibility"))
    assert any("comes from nowhere" in t for t in _warned(
        lambda: cp.compute_inventory(over, **OPTIONS), CarbonpathWarning))


def test_heat_with_import_zero_refused_unless_plants_burn(tmp_path):
    """3500 万百万千焦 = 35,000 TJ of heat consumed, import 0 (ZF221): refused at the
    import (line 4). With heat plants burning 200 万吨 (41,816 TJ: 35,000 TJ is 83.7 %) it
    is accepted."""
    heat = ("residential,热力,3500,万百万千焦,consumption\ntransfers,热力,0,万百万千焦,import\n"
            "transfers,热力,0,万百万千焦,export\n")
    text = _refused(_csv(tmp_path, "machinery,原煤,10,万吨,\n" + heat))
    assert text.startswith("a.csv, row 4, column 'value': implausible heat balance")
    assert "is 35,000 TJ but supply" in text
    cp.compute_inventory(_csv(tmp_path, "heat_supply,原煤,200,万吨,\n" + heat, "b.csv"),
                         **OPTIONS)


# --- ZF02: a net export with no local generation --------------------------------------------

def test_net_export_without_plants_warns(tmp_path):
    """Import 1, export 3 亿kWh, consumption 5, no generation or plant: a net export of
    200 GWh; swapped, use / supply = (5 + 1) / 3 = 2."""
    path = _csv(tmp_path, "industry,原煤,10,万吨,\nindustry,电力,5,亿千瓦时,consumption\n"
                "transfers,电力,1,亿千瓦时,import\ntransfers,电力,3,亿千瓦时,export\n")
    (text,) = _warned(lambda: cp.compute_inventory(path, **OPTIONS), CarrierBalanceWarning)
    assert text.startswith("a.csv, rows 4, 5, column 'value': CN-SD-Liaocheng exports more "
                           "electricity than it imports in 2022")
    assert "a net export of 200 GWh" in text
    assert "use / supply would be 2;" in text
    right = _csv(tmp_path, "industry,原煤,10,万吨,\nindustry,电力,5,亿千瓦时,consumption\n"
                 "transfers,电力,3,亿千瓦时,import\ntransfers,电力,1,亿千瓦时,export\n", "b.csv")
    assert _warned(lambda: cp.compute_inventory(right, **OPTIONS), CarrierBalanceWarning) == []


# --- ZF223: a product row of 0 beside feedstock ---------------------------------------------

def test_feedstock_beside_zero_product_warns(tmp_path):
    """Chemicals' feedstock gas 0.8 亿m3 with ammonia 0 万吨: 0 t of process CO2 takes none of
    the feedstock's carbon, which appears in no total."""
    act = _csv(tmp_path, "chemicals,原煤,10,万吨,,\nchemicals,天然气,0.8,亿立方米,feedstock,20C\n",
               head="sector,fuel,value,unit,use,gas_condition\n")
    prod = _csv(tmp_path, "ammonia,0,万吨\n", "p.csv", "product,value,unit\n")
    texts = _warned(lambda: cp.compute_inventory(act, production=prod, **OPTIONS),
                    FeedstockCarbonWarning)
    assert any("row 3: natural_gas 0.8 亿立方米" in t and "ammonia row 2: 0.000 Mt" in t
               and "a production row of 0" in t for t in texts)


# --- ZF138: the local plants' heat booked again as an import ---------------------------------

def test_heat_import_repeating_plants_named(tmp_path):
    """200 万吨 of heat-plant coal = 41,816 TJ; consumption 35,000 TJ less an import of
    35,000 TJ leaves 0 TJ made. Without the import: 35,000 / 41,816 = 83.7 %, so the import
    row (line 4) is named, not the consumption."""
    text = _refused(_csv(tmp_path, "heat_supply,原煤,200,万吨,\n"
                         "residential,热力,3500,万百万千焦,consumption\n"
                         "transfers,热力,3500,万百万千焦,import\n"
                         "transfers,热力,0,万百万千焦,export\n"))
    assert text.startswith("a.csv, row 4, column 'value': implausible conversion")
    assert "without it they make 35,000 TJ, 83.7% of their fuel" in text
