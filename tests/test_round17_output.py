"""Round 17 (issue 11): production above China's output, product factors without a floor.

Cases of /work/tester17o: O26-O31 (production in 吨 read as 万吨, x10^4: nitric acid, adipic
acid, coke, pig iron, lime, sinter passed with exit 0), O55 (a nitric acid N2O factor of
7 kg/kt for 7 kg/t), O56 (an aluminium CF4 factor of 0.4 g/t for 0.4 kg/t).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath._resources import data_path
from carbonpath.accounting.plausible_output import NATIONAL_OUTPUT, output_problems
from carbonpath.errors import ImplausibleValueError

ACTIVITY = ("sector,fuel,value,unit,use\n"
            "工业,原煤,10,万吨,\n"
            "工业,电力,5,亿千瓦时,\n"
            "调入调出,电力,3,亿千瓦时,import\n"
            "调入调出,电力,1,亿千瓦时,export\n")


def _inventory(tmp_path, production):
    act = tmp_path / "act.csv"
    act.write_text(ACTIVITY, encoding="utf-8")
    prod = tmp_path / "prod.csv"
    prod.write_text(production, encoding="utf-8")
    return cp.compute_inventory(cp.read_activity(act, region="聊城", year=2022),
                                production=cp.read_production(prod, region="聊城", year=2022),
                                primary_electricity="calorific")


def _rows(*rows):
    data = pd.DataFrame([{"row": i + 2, "region": region, "product": product,
                          "value": quantity / 1e4, "unit": "万吨", "quantity": quantity}
                         for i, (region, product, quantity) in enumerate(rows)])
    return SimpleNamespace(data=data, source="prod.csv")


def test_every_product_of_the_process_table_has_a_national_output():
    process = pd.read_csv(data_path("factors") / "process_ipcc2006.csv", dtype=str)
    products = pd.read_csv(Path(cp.__file__).parent / "data" / "products.csv", dtype=str)
    assert set(process["item"]) <= set(NATIONAL_OUTPUT)
    assert set(products["code"]) == set(NATIONAL_OUTPUT)


def test_o26_nitric_acid_above_china_s_output_is_refused_even_with_an_override(tmp_path):
    # 5000 万吨 = 5e7 t > 1.5 x 2e7 t (China's nitric acid, assumed 20 Mt) = 3e7 t
    with pytest.raises(ImplausibleValueError) as err:
        _inventory(tmp_path, "product,value,unit,plausibility\n"
                             "nitric_acid,5000,万吨,override: measured\n")
    text = str(err.value)
    assert "2.5x China's output of 20 Mt" in text
    assert "no plausibility override" in text
    assert "at most 30 Mt per row" in text


def test_o29_pig_iron_above_half_china_s_output_in_a_city_is_overridable(tmp_path):
    # 50000 万吨 = 5e8 t: under 1.5 x 8.88e8 = 1.332e9 t (national), over a city's
    # 0.5 x 8.88e8 = 4.44e8 t
    with pytest.raises(ImplausibleValueError, match="at most 444 Mt per row of a city"):
        _inventory(tmp_path, "product,value,unit\npig_iron,50000,万吨\n")
    with pytest.warns(cp.CarbonpathWarning, match=r"override.*0\.563x China's output"):
        _inventory(tmp_path, "product,value,unit,plausibility\n"
                             "pig_iron,50000,万吨,override: a test of the rule\n")


@pytest.mark.parametrize(("product", "quantity", "national", "city"), [
    ("nitric_acid", 5.0e7, True, False),       # O26: 5e7 > 3e7
    ("adipic_acid", 2.0e7, True, False),       # O27: 2e7 > 1.5 x 3e6 = 4.5e6
    ("coke_production", 8.0e8, True, False),   # O28: 8e8 > 1.5 x 4.93e8 = 7.395e8
    ("pig_iron", 5.0e8, False, True),          # O29: 5e8 > 0.5 x 8.88e8 = 4.44e8
    ("lime", 3.0e8, False, True),              # O30: 3e8 > 0.5 x 3.1e8 = 1.55e8
    ("sinter", 9.0e8, False, True),            # O31: 9e8 > 0.5 x 1.1e9 = 5.5e8
    ("dri", 3.0e7, True, False),               # O31: 3e7 > 1.5 x 1e7
    ("soda_ash_use", 8.0e7, True, False),      # O31: 8e7 > 1.5 x 3.2e7 = 4.8e7
    ("lime", 1.5e8, False, False),             # 1.5e8 < 1.55e8
    ("pig_iron", 4.4e8, False, False),         # 4.4e8 < 4.44e8
    ("cement_clinker", 3.5e9, False, True),    # 3.5e9 < 1.5 x 2.38e9 = 3.57e9
])
def test_the_national_and_city_bounds_by_hand(product, quantity, national, city):
    nat, by_level = output_problems(_rows(("CN-SD-Liaocheng", product, quantity)),
                                    {"CN-SD-Liaocheng": "city"}, "hint")
    assert (len(nat) == 1, len(by_level) == 1) == (national, city)


def test_a_province_may_hold_china_s_output_but_not_more():
    # Shandong: 1.0 x China's output (overridable), 1.5 x (never)
    levels = {"CN-SD": "province"}
    inside = _rows(("CN-SD", "primary_aluminium_prebake", 4.0e7))  # < 4.16e7
    over = _rows(("CN-SD", "primary_aluminium_prebake", 5.0e7))    # > 4.16e7, < 6.24e7
    assert output_problems(inside, levels, "h") == ([], [])
    nat, by_level = output_problems(over, levels, "h")
    assert nat == []
    assert len(by_level) == 1
    assert "at most 41.6 Mt per row of a province" in by_level[0][0].valid
    # a region of no known level: only the national ceiling
    assert output_problems(over, {}, "h") == ([], [])


# O55, O56: floors of the product factor ranges -----------------------------------------------

def _factor(item, gas, value, unit, technology="", plausibility=""):
    return pd.DataFrame([{"item": item, "quantity": "emission_factor", "gas": gas,
                          "technology": technology, "value": value, "unit": unit,
                          "region": "CN", "source": "plant report", "status": "unverified",
                          "plausibility": plausibility}])


@pytest.mark.parametrize(("item", "gas", "value", "unit", "inside"), [
    ("nitric_acid", "N2O", 7.0, "kg N2O/kt", False),   # O55: 7e-6 t/t < 1e-4
    ("nitric_acid", "N2O", 0.5, "kg N2O/t", True),     # abated plant: 5e-4 t/t >= 1e-4
    ("nitric_acid", "N2O", 0.09, "kg N2O/t", False),   # 9e-5 t/t < 1e-4
    ("primary_aluminium_prebake", "CF4", 0.4, "g CF4/t", False),   # O56: 4e-7 < 4e-6
    ("primary_aluminium_prebake", "CF4", 0.02, "kg CF4/t", True),  # 2e-5 t/t >= 4e-6
    ("primary_aluminium_prebake", "C2F6", 0.04, "g C2F6/t", False),  # 4e-8 < 3e-7
    ("primary_aluminium_prebake", "C2F6", 0.004, "kg C2F6/t", True),  # 4e-6 >= 3e-7
])
def test_o55_o56_product_factor_floors(item, gas, value, unit, inside):
    extra = _factor(item, gas, value, unit)
    if inside:
        cp.load_factors(extra=extra)
    else:
        with pytest.raises(ImplausibleValueError, match="outside the plausible range"):
            cp.load_factors(extra=extra)


def test_a_factor_below_the_floor_is_accepted_with_an_override():
    extra = _factor("nitric_acid", "N2O", 0.0, "kg N2O/t",
                    plausibility="override: tertiary abatement destroys it all")
    with pytest.warns(cp.CarbonpathWarning):
        cp.load_factors(extra=extra)


def test_the_docs_table_gives_every_product_s_output():
    docs = Path(__file__).resolve().parents[1] / "docs" / "activity.md"
    rows, marked = {}, set()
    for line in docs.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`") and cells[1].endswith(" Mt"):
            rows[cells[0].strip("`")] = float(cells[1][:-3].replace(",", "")) * 1e6
            if "no published national figure" in cells[5]:
                marked.add(cells[0].strip("`"))
    assert set(rows) == set(NATIONAL_OUTPUT)
    for product, out in NATIONAL_OUTPUT.items():
        assert rows[product] == pytest.approx(out.t), product
    assert marked == {p for p, out in NATIONAL_OUTPUT.items() if not out.published}
