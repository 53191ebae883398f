"""Round 19 (tester V), model data: roles, prices, rates and target levels (issue 11).

Each test edits a copy of ``tiny`` as the tester did. tiny's rows used below (line numbers as
an editor shows them, header = 1): technologies.csv row 2 coal_supply (import), row 4 pv
(solar_power), row 6 grid_import (import); flows.csv row 6 grid_import's electricity output;
parameters.csv row 21 grid_import variable_cost 450 CNY/MWh; demands.csv rows 2-3
(electricity); commodities.csv: electricity (timeslice), coal (annual, raw_coal).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath import DataError, ImplausibleValueError, load_dataset
from carbonpath.dataset.role_checks import (
    CaptureSignWarning,
    DiscountRateWarning,
    IgnoredProfileWarning,
)
from tests.conftest import edit, only_problem

PV = "pv,Solar PV,solar_power,supply,timeslice,MW,MWh,true,true,pv,,"
GRID = "grid_import,Electricity from the provincial grid,transfers,import,"


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _warnings(folder, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset(folder)
    return [str(w.message) for w in caught if issubclass(w.category, category)]


# --- V17: an import price per kWh written per MWh ---------------------------------------------


def test_import_price_per_kwh_written_per_mwh_is_refused_at_load(tiny):
    """0.45 CNY/MWh = 0.45 / 3.6 = 0.125 CNY/GJ, under the 1 CNY/GJ floor of a bought energy."""
    edit(tiny, "parameters.csv", "grid_import,variable_cost,,450,CNY/MWh",
         "grid_import,variable_cost,,0.45,CNY/MWh")
    with pytest.raises(ImplausibleValueError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("parameters.csv", 21, "value")
    assert "0.125 CNY/GJ" in problem.message
    assert problem.valid.startswith("1 .. 2000 CNY/GJ")


def test_import_price_floor_is_the_same_check_in_apply(tiny):
    """The update path uses the same ranges: 0.45 CNY/MWh for an import, with the dataset's
    own value 0.45 too (so no x1000 step against it), is refused there as well."""
    from carbonpath.model.update_checks import absolute_problem
    from carbonpath.units import Q_

    assert absolute_problem("grid_import", "variable_cost", Q_(0.45, "CNY/MWh"),
                            "import") is not None
    # a conversion's O&M cost has no floor (a PV plant's is nearly zero)
    assert absolute_problem("coal_power", "variable_cost", Q_(0.45, "CNY/MWh"),
                            "conversion") is None
    # 3.6 CNY/MWh is exactly 1 CNY/GJ: inside
    assert absolute_problem("grid_import", "variable_cost", Q_(3.6, "CNY/MWh"),
                            "import") is None


def test_coal_price_per_kg_written_per_t_is_refused(tiny):
    """400 CNY/t written 0.4 CNY/t (the per-kg price): under the 1 CNY/t floor."""
    edit(tiny, "parameters.csv", "coal_supply,variable_cost,,400,CNY/t",
         "coal_supply,variable_cost,,0.4,CNY/t")
    with pytest.raises(ImplausibleValueError) as err:
        load_dataset(tiny)
    assert only_problem(err).row == 2


# --- V100: a solar plant declared fossil ------------------------------------------------------


def test_pv_declared_fossil_is_refused(tiny):
    edit(tiny, "technologies.csv", PV, PV.replace(",true,true,pv", ",true,false,pv"))
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 4, "nonfossil")
    assert "non-fossil share" in problem.message
    assert problem.valid.startswith("true")


# --- V114: an export whose flow is an output --------------------------------------------------


def test_export_making_its_commodity_is_refused(tiny):
    edit(tiny, "technologies.csv", GRID, GRID.replace(",import,", ",export,"))
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("technologies.csv", 6, "kind")
    assert "outputs electricity and takes no input" in problem.message
    assert problem.valid.startswith("import")


def test_import_taking_what_it_makes_is_refused(tiny):
    _append(tiny, "flows.csv", "grid_import,electricity,input,1,MWh/MWh,test")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.row, problem.column) == (6, "kind")
    assert "both makes and takes electricity" in problem.message


# --- V13: a discount rate of 0.5 for 0.05 -----------------------------------------------------


def test_discount_rate_half_warns_naming_the_tenth(tiny):
    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.5")
    found = _warnings(tiny, DiscountRateWarning)
    assert len(found) == 1
    assert "dataset.yaml, key discount_rate" in found[0]
    assert "0.05 meant?" in found[0]  # 0.5 / 10


def test_technology_discount_rate_above_band_warns(tiny):
    _append(tiny, "parameters.csv", "coal_power,discount_rate,,0.8,1,test")
    found = _warnings(tiny, DiscountRateWarning)
    assert len(found) == 1
    assert "parameters.csv, row 24" in found[0]
    assert "0.08 meant?" in found[0]


def test_discount_rate_at_band_is_quiet(tiny):
    edit(tiny, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.2")
    assert _warnings(tiny, DiscountRateWarning) == []


# --- V93: captured CO2 counted as emitted -----------------------------------------------------


def _capture(tiny, factor):
    """A capture unit on tiny: it takes electricity and makes co2_stored (t), 1 t per t."""
    _append(tiny, "commodities.csv", "co2_stored,CO2 captured for storage,t,annual,material,,t")
    _append(tiny, "technologies.csv",
            "ccus,Capture unit,thermal_power,conversion,annual,t/yr,t,false,false,,,t")
    _append(tiny, "technologies.csv",
            "co2_sink,Storage site,thermal_power,export,annual,t/yr,t,false,false,,,t")
    _append(tiny, "flows.csv", "ccus,electricity,input,0.1,MWh/t,t")
    _append(tiny, "flows.csv", "ccus,co2_stored,output,1,t/t,t")
    _append(tiny, "flows.csv", "co2_sink,co2_stored,input,1,t/t,t")
    (tiny / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        f"ccus,CO2,activity,,,{factor},t CO2/t,t\n", encoding="utf-8")


def test_capture_unit_with_positive_factor_warns(tiny):
    _capture(tiny, 1)
    found = _warnings(tiny, CaptureSignWarning)
    assert len(found) == 1
    assert found[0].startswith("emissions.csv, row 2, column value")
    assert "-1 t CO2/t?" in found[0]


def test_capture_unit_with_negative_or_small_factor_is_quiet(tiny):
    _capture(tiny, -1)
    assert _warnings(tiny, CaptureSignWarning) == []


# --- V10: a profile on a demand balanced over the year ----------------------------------------


def test_profile_on_annual_demand_warns(tiny):
    _append(tiny, "demands.csv", "coal,2024,100,kt/yr,load,t")
    _append(tiny, "demands.csv", "coal,2030,100,kt/yr,,t")
    edit(tiny, "parameters.csv", "coal_supply,activity,2024,2347.44,kt/yr",
         "coal_supply,activity,2024,2447.44,kt/yr")
    found = _warnings(tiny, IgnoredProfileWarning)
    assert len(found) == 1
    assert found[0].startswith("demands.csv, row 4, column profile: 'load'")
    assert "balanced annual" in found[0]


# --- V74: an intensity reference ten times the base year's own intensity ----------------------

INTENSITY = """  - name: t2
    type: emission_intensity
    year: 2030
    relative_to: 2020
    reference: {{value: {ref}, unit: t CO2/万元}}
    value: 0.22
    source: "assumption: test"
"""


def _intensity_model(tiny, ref):
    from carbonpath.model.data import ModelData

    _append(tiny, "plan.yaml", INTENSITY.format(ref=ref).rstrip("\n"))
    edit(tiny, "dataset.yaml", "targets: [peak, cap]", "targets: [peak, cap, t2]")
    return ModelData.from_dataset(load_dataset(tiny), scenario="plan")


def test_intensity_reference_ten_times_base_is_refused(tiny):
    """tiny's 2024 intensity: 4381.6 kt / 1000 亿元 = 4,381,600 t / 10,000,000 万元
    = 0.43816 t CO2/万元; 4.38 is 9.996 times it, outside 1/3 .. 3 (4 years before 2024:
    1.1 ** 4 = 1.46 < 3)."""
    with pytest.raises(ImplausibleValueError) as err:
        _intensity_model(tiny, 4.38)
    problem = only_problem(err)
    assert (problem.file, problem.key) == ("plan.yaml", "targets.t2.reference.value")
    assert "is 10 times the base year's own intensity (0.4382 t CO2/万元 in 2024)" in \
        problem.message  # 9.996 shown to 3 digits
    # band 0.43816 / 3 = 0.1461 .. 0.43816 * 3 = 1.314
    assert problem.valid.startswith("0.1461 .. 1.314 t CO2/万元")


def test_intensity_reference_near_base_is_accepted(tiny):
    d = _intensity_model(tiny, 0.438)  # 0.438 / 0.43816 = 0.9996
    assert d.base_year == 2024


# --- V76: a budget ten times too small --------------------------------------------------------


def test_budget_short_four_times_names_the_x10_slip():
    """The tester's diagnosis: asked 2.800 Mt, reachable 12.672 Mt: 12.672 / 2.8 = 4.53, and
    28 Mt (ten times) would be in reach."""
    import pandas as pd

    from carbonpath.model.diagnose import diagnosis_lines

    table = pd.DataFrame([["t2", "budget", "cannot be met", "2.800", "12.672", 9872.0, "kt",
                           12.672]],
                         columns=["target", "type", "status", "asked", "reachable",
                                  "shortfall", "shortfall_unit", "reachable_value"])
    (line,) = diagnosis_lines(table)
    assert "(4.53 times the level; ten times it, 28 Mt, would be in reach: 2.8 typed for 28?" \
        in line


@pytest.mark.parametrize("reachable", ["3.500", "40.000"])
def test_budget_short_by_little_or_by_more_than_x10_has_no_hint(reachable):
    """3.5 / 2.8 = 1.25 (an ambitious plan); 40 / 2.8 = 14.3 (x10 would not reach it)."""
    from carbonpath.model.diagnose import _slip_hint

    assert _slip_hint("2.800", reachable, " Mt") == ""


def test_catalogue_import_price_per_kwh_is_refused(tmp_path):
    """The catalogue reads the same floor: grid_import 0.46, 0.42, 0.52 CNY/MWh (the per-kWh
    tariff with the per-MWh unit) are 0.128, 0.117, 0.144 CNY/GJ, each under 1 CNY/GJ."""
    import shutil

    from carbonpath._resources import data_path
    from carbonpath.catalogue import load_catalogue

    folder = tmp_path / "cat"
    shutil.copytree(data_path("catalogue"), folder)
    edit(folder, "parameters.csv", "grid_import,variable_cost,,,460,420,520,CNY/MWh,",
         "grid_import,variable_cost,,,0.46,0.42,0.52,CNY/MWh,")
    with pytest.raises(DataError) as err:
        load_catalogue(folder)
    problems = err.value.problems
    assert [p.column for p in problems] == ["value", "low", "high"]
    assert "0.1278 CNY/GJ" in problems[0].message  # 0.46 / 3.6
