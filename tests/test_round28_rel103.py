"""Round 28 KD89, KD92, KD98: init workbook targets and headers.

KD89: a cap in 万吨 CO2 that is the plan's Mt figure (35 万吨 for 35 Mt) is 0.35 Mt, 1.04 %
of a 33.58 Mt base year: just above the 1 % floor, so it passed init and ended in an
infeasibility without a unit hint. KD92: drivers.csv headed as the workbook's sheet
(``指标 driver``) gave ten problems, five 'column missing' and five 'unknown column'. KD98: a
draft cap left beside the adopted one for the same year bound silently.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from carbonpath.errors import CarbonpathWarning, DataError
from carbonpath.init.target_checks import SheetTargets, check_targets
from tests.conftest import assert_no_carbonpath_warnings, edit

CONFIG = {"name": "city", "base_year": 2023, "horizon": 2035,
          "emissions": {"method": "provincial", "gas": "CO2"}}
TABLES = {"technologies": pd.DataFrame({"technology": ["coal_pp"], "group": [""]}),
          "drivers": pd.DataFrame({"driver": ["gdp", "population"]})}
SHEET = "city.xlsx, sheet 'targets'"


def _cap(name, value, unit="万吨 CO2", **more):
    return {"name": name, "type": "cap", "years": [2030], "value": value, "unit": unit,
            "status": "commitment", "source": "plan"} | more


def _caught(targets, emissions=33_580.0):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_targets(targets, CONFIG, TABLES, lambda: emissions)
    return [w for w in caught if issubclass(w.category, CarbonpathWarning)]


# -- KD89: 万吨 for Mt, just above the 1 % floor --------------------------------------------

def test_a_cap_in_wan_tonnes_that_is_the_mt_figure_is_warned_with_the_x100_reading():
    # base year 33.58 Mt = 33 580 kt; 35 万吨 = 350 kt = 350 / 33 580 = 1.04 % of it (above
    # the 1 % floor); read as 35 Mt it is 35 000 / 33 580 = 104 % of the base year
    (w,) = _caught(SheetTargets([_cap("cap30", 35.0)], [3], SHEET))
    text = str(w.message)
    assert text.startswith(f"{SHEET}, row 3, column 'value': target 'cap30' (cap)")
    assert "1.04% of the base year's emissions (33580 kt CO2 in 2023)" in text
    assert "would be 104% of the base year's emissions" in text
    assert "valid: 3500 万吨 CO2 for 35 Mt CO2" in text
    from carbonpath.model.target_levels import HundredSlipWarning

    assert w.category is HundredSlipWarning


@pytest.mark.parametrize("target", [
    _cap("mt", 35.0, "Mt CO2"),      # the right unit: 104 % of the base year
    _cap("wan", 3500.0),             # 3500 万吨 = 35 Mt, right
    _cap("deep", 200.0),             # 2 Mt = 5.96 % of 33.58: a deep cut, not the x100 band
    _cap("kt", 500.0, "kt CO2"),     # 1.49 %, but kt is no 万 unit: no x100 reading
    _cap("meant", 35.0, plausibility="override: a 99 % cut asked on purpose"),
])
def test_levels_outside_the_x100_band_or_overridden_are_quiet(target):
    with assert_no_carbonpath_warnings():
        check_targets([target], CONFIG, TABLES, lambda: 33_580.0)


def test_the_model_warns_of_tinys_cap_typed_in_wan_tonnes(tiny):
    import carbonpath
    from carbonpath import PathwayModel

    edit(tiny, "plan.yaml", "value: 4.8\n    unit: Mt CO2", "value: 4.8\n    unit: 万吨 CO2")
    ds = carbonpath.load_dataset(tiny)
    with pytest.warns(CarbonpathWarning) as caught:
        PathwayModel(ds, scenario="plan")
    (text,) = [str(w.message) for w in caught if "x100" in str(w.message)]
    # tiny emits 4381.6 kt in 2024 (its README: 4.38 Mt); 4.8 万吨 = 48 kt = 1.10 % of it;
    # read as 4.8 Mt, 4800 / 4381.6 = 110 %
    assert text.startswith("plan.yaml, key targets.cap.value: target 'cap' (cap): 4.8 万吨 "
                           "CO2 = 48 kt CO2 is 1.10% of the base year's emissions")
    assert "would be 110% of the base year's emissions; valid: 480 万吨 CO2 for 4.8 Mt" in text


def test_update_warns_of_a_cap_typed_in_wan_tonnes_unless_overridden():
    import carbonpath
    from carbonpath import PathwayModel
    from tests.conftest import TINY

    model = PathwayModel(carbonpath.load_dataset(TINY), scenario="plan")
    with pytest.warns(CarbonpathWarning) as caught:
        model.update(target="cap", value=(4.8, "万吨 CO2"))
    (text,) = [str(w.message) for w in caught if "x100" in str(w.message)]
    # 48 kt of tiny's 4381.6 kt: 1.10 %; as 4.8 Mt: 110 %
    assert text.startswith("PathwayModel.update(target='cap', value=(4.8, '万吨 CO2')): "
                           "target 'cap' (cap): 4.8 万吨 CO2 = 48 kt CO2 is 1.10%")
    assert "plausibility='override: <reason>' passed to update()" in text
    with assert_no_carbonpath_warnings():
        model.update(target="cap", value=(4.8, "万吨 CO2"), plausibility="override: meant")


def test_the_infeasibility_hint_names_a_x100_slip():
    from carbonpath.model.diagnose import _slip_hint

    # 16.756 / 0.35 = 47.9 times short: x10 (3.5 Mt) is out of reach, x100 (35 Mt) within
    hint = _slip_hint("0.350", "16.756", " Mt")
    assert "47.9 times the level; a hundred times it, 35 Mt, would be in reach" in hint
    assert "万吨 typed for Mt" in hint
    assert _slip_hint("0.350", "5.0", " Mt") == ""  # 14.3 times: neither slip lands there
    assert _slip_hint("0.350", "40.0", " Mt") == ""  # 114 times: beyond x100


# -- KD92: the workbook's bilingual headers in a CSV -------------------------------------

BILINGUAL = "指标 driver,年份 year,数值 value,单位 unit,来源 source\n"


def test_init_drivers_with_the_workbooks_headers_name_each_header_once(tmp_path):
    from carbonpath.init.inputs import read_drivers

    path = tmp_path / "drivers.csv"
    path.write_text(BILINGUAL + "gdp,2022,2600,亿元,x\npopulation,2022,600,万人,x\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_drivers(path, 2022)
    problems = info.value.problems
    # five headers, one problem each (not five 'missing' plus five 'unknown')
    assert [p.column for p in problems] == BILINGUAL.strip().split(",")
    assert "after a label '指标'" in problems[0].message
    assert problems[0].message.endswith("write 'driver' alone")
    assert problems[4].message.endswith("write 'source' alone")


def test_production_with_the_workbooks_headers_names_each_header(tmp_path):
    from carbonpath import read_production

    path = tmp_path / "production.csv"
    path.write_text("产品 product,产量 value,单位 unit,来源 source\ncement,100,万吨,x\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_production(path, year=2022)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 4
    assert all(m.endswith(f"write '{n}' alone")
               for m, n in zip(messages, ("product", "value", "unit", "source"), strict=True))


def test_a_dataset_table_with_a_labelled_header_names_it(tiny):
    import carbonpath

    edit(tiny, "drivers.csv", "driver,year,value,unit,source\n",
         "指标 driver,year,value,unit,source\n")
    with pytest.raises(DataError) as info:
        carbonpath.load_dataset(tiny)
    (problem,) = [p for p in info.value.problems if p.file == "drivers.csv"]
    assert problem.column == "指标 driver"
    assert problem.message.endswith("write 'driver' alone")


def test_decomposition_drivers_and_factor_tables_with_labelled_headers(tmp_path):
    from carbonpath import load_factors
    from carbonpath.accounting.decomposition import _drivers

    drivers = tmp_path / "drivers.csv"
    drivers.write_text(BILINGUAL + "gdp,2022,2600,亿元,x\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        _drivers(drivers, (2020, 2022), None)
    assert [p.column for p in info.value.problems] == BILINGUAL.strip().split(",")
    factors = tmp_path / "factors.csv"
    factors.write_text("item,quantity,数值 value,unit,region,source,status\n"
                       "raw_coal,ncv,20,GJ/t,CN,x,default\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_factors(extra=factors)
    (problem,) = info.value.problems
    assert problem.column == "数值 value"
    assert problem.message.endswith("write 'value' alone")


def test_labelled_headers_by_hand():
    from carbonpath._headers import labelled_headers

    valid = ("driver", "year", "value")
    assert labelled_headers(["指标 driver", "year"], valid) == {"指标 driver": "driver"}
    assert labelled_headers(["driver", "指标 driver"], valid) == {}  # the name is there
    assert labelled_headers(["A value", "B value"], valid) == {}      # which one is meant?
    assert labelled_headers(["rate(%)", "driver"], valid) == {}       # no label + name


# -- KD98: two caps on one year -----------------------------------------------------------

def test_a_draft_cap_beside_the_adopted_one_is_warned_naming_both_rows():
    targets = SheetTargets([_cap("cap30", 3500.0), _cap("cap30_draft", 3000.0)], [3, 4],
                           SHEET)
    (w,) = _caught(targets)
    text = str(w.message)
    # 3000 万吨 (30 Mt) < 3500 万吨 (35 Mt): the draft is the tighter and binds
    assert text.startswith(f"{SHEET}, rows 3 and 4: targets 'cap30' (3500 万吨 CO2) and "
                           "'cap30_draft' (3000 万吨 CO2) both limit the emissions in 2030")
    assert "only 'cap30_draft' binds and 'cap30' never acts" in text
    from carbonpath.dataset.target_twins import TwinTargetWarning

    assert w.category is TwinTargetWarning


@pytest.mark.parametrize("second", [
    _cap("c35", 35.0, "Mt CO2") | {"years": [2030]},   # 35 Mt in 2030 under a 40 Mt ceiling
    _cap("other", 3000.0, region="captive"),           # another region's emissions
    {"name": "nf", "type": "nonfossil_share", "year": 2030, "value": 0.25, "source": "p"},
])
def test_a_tighter_year_under_a_ceiling_or_another_scope_is_quiet(second):
    ceiling = _cap("ceiling", 40.0, "Mt CO2")
    del ceiling["years"]  # every model year
    from carbonpath.dataset.target_twins import twin_notes

    assert twin_notes([ceiling, second]) == []


def test_a_year_looser_than_the_ceiling_never_acts():
    from carbonpath.dataset.target_twins import twin_notes

    ceiling = _cap("ceiling", 30.0, "Mt CO2")
    del ceiling["years"]
    # 3500 万吨 = 35 Mt in 2030 > the 30 Mt ceiling of every year: never acts
    ((i, j, text, _),) = twin_notes([ceiling, _cap("c2030", 3500.0)])
    assert (i, j) == (0, 1)
    assert "only 'ceiling' binds and 'c2030' never acts" in text


def test_two_max_bounds_compare_in_one_unit_and_a_min_apart():
    from carbonpath.dataset.target_twins import twin_notes

    def bound(name, **sides):
        return {"name": name, "type": "bound", "technology": "pv", "quantity": "capacity",
                **{k: {"value": v, "unit": u} for k, (v, u) in sides.items()}}

    # 4000 MW = 4 GW < 5 GW: the second max binds; its min (1 GW) has no twin
    ((_, _, text, _),) = twin_notes([bound("a", max=(5, "GW")),
                                     bound("b", max=(4000, "MW"), min=(1, "GW"))])
    assert text == ("targets 'a' (5 GW) and 'b' (4000 MW) both limit the capacity of pv (max) "
                    "in every model year: only 'b' binds and 'a' never acts there")
    assert twin_notes([bound("a", min=(5, "GW")), bound("b", max=(4, "GW"))]) == []


def test_the_loader_warns_of_two_caps_in_a_scenario(tiny):
    import carbonpath

    with open(tiny / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("  - name: cap_draft\n    type: cap\n    value: 5.0\n    unit: Mt CO2\n"
                "    status: assumption\n    source: \"assumption: an old draft\"\n")
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, cap_draft]")
    with pytest.warns(CarbonpathWarning) as caught:
        carbonpath.load_dataset(tiny)
    (text,) = [str(w.message) for w in caught if "both limit" in str(w.message)]
    # 4.8 Mt < 5.0 Mt in every year: cap binds, cap_draft never acts
    assert text.startswith("dataset.yaml, key scenarios.plan.targets (plan.yaml): scenario "
                           "'plan' applies targets 'cap' (4.8 Mt CO2) and 'cap_draft' (5 Mt "
                           "CO2) both limit the emissions in every model year")
    assert "only 'cap' binds and 'cap_draft' never acts" in text
