"""Round-29 tester cases on uncertainty.csv and the dataset's rows (issue 11, rel104).

Kinds: discrete weights that read as probabilities but do not sum to 1 warn (KE08);
electricity given in standard coal, in an absolute uncertainty input or a demands.csv row,
warns with its 当量值 and its 等价值 at the dataset's coal rate (KE16); a relative input on
every gdp row, alone in its group, changes no model row and warns (KE29); a year between two
rows says it is interpolated and to add a row, never offering a refused base year (KE18); a
plain volume against a gas row names the conditioned spelling (KE46); several names in one
(``-s baseline,plan``) say to give each on its own (KE64).
"""

from __future__ import annotations

import warnings

import pytest

from carbonpath.errors import CarbonpathWarning, DataError
from tests.conftest import edit, only_problem

HEAD = ("input,table,technology,parameter,commodity,driver,year,scale,distribution,low,mode,"
        "high,mean,sd,values,weights,unit,group,source\n")


def _load(folder, *rows):
    """Write uncertainty.csv and load it; the uncertainty and its carbonpath warnings."""
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty

    (folder / "uncertainty.csv").write_text(HEAD + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")
    dataset = load_dataset(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        unc = load_uncertainty(dataset)
    return unc, [w for w in caught if issubclass(w.category, CarbonpathWarning)]


# -- KE08: probabilities that sum to 0.9 ---------------------------------------------------

def test_weights_summing_to_point_nine_warn_with_the_probabilities_used(tiny):
    from carbonpath.dataset.distributions import WeightSumWarning

    # 0.5 + 0.3 + 0.1 = 0.9; normalised: 0.5/0.9 = 0.556, 0.3/0.9 = 0.333, 0.1/0.9 = 0.111
    unc, found = _load(tiny, "pvc,parameters,pv,capex,,,,relative,discrete,,,,,,0.8 1.0 1.2,"
                             "0.5 0.3 0.1,1,,x")
    (w,) = found
    assert w.category is WeightSumWarning
    text = str(w.message)
    assert "uncertainty.csv row 2 'weights'" in text
    assert "sum to 0.9, not 1" in text
    assert "probabilities 0.556 0.333 0.111" in text
    assert unc.inputs[0].distribution.weights == pytest.approx((5 / 9, 3 / 9, 1 / 9))


def test_counts_rounded_or_equal_weights_stay_quiet_beside_a_slip(tiny):
    # counts (sum 4), exact probabilities, two-decimal thirds (0.99, within 0.02), equal
    # weights (normalised to equal whatever they sum to) and blank weights stay quiet; the
    # row with 0.5 0.3 0.1 (line 7) is the only one that warns
    rows = [f"p{i},parameters,{tech},{par},,,,relative,discrete,,,,,,0.8 1.0 1.2,{w},1,,x"
            for i, (tech, par, w) in enumerate([
                ("coal_power", "capex", "1 2 1"), ("coal_power", "fixed_om", "0.25 0.5 0.25"),
                ("pv", "capex", "0.33 0.33 0.33"), ("pv", "fixed_om", "0.3 0.3 0.3"),
                ("battery", "capex", ""), ("battery", "capex_energy", "0.5 0.3 0.1")])]
    _, found = _load(tiny, *rows)
    assert [str(w.message)[:32] for w in found] == ["uncertainty.csv row 7 'weights':"]


# -- KE16: electricity in 万吨标准煤 ------------------------------------------------------------

def test_an_absolute_electricity_input_in_standard_coal_names_both_readings(tiny):
    from carbonpath.dataset.carrier_coal import CarrierCoalWarning

    # tiny: electricity demand 7200 GWh/yr in 2030, coal rate 300 gce/kWh (coal_consumption).
    # Centre 216 万吨标准煤 = 2.16e9 kgce: at 0.3 kgce/kWh 7.2e9 kWh = 7200 GWh (the row);
    # at the calorific 29.3076 GJ/tce: 2.16e6 t x 29.3076 GJ / 3.6 GJ/MWh = 17,584 GWh
    _, found = _load(tiny, "d30,demands,,,electricity,,2030,absolute,uniform,200,,232,,,,,"
                           "万吨标准煤/yr,,x")
    (w,) = [w for w in found if w.category is CarrierCoalWarning]
    text = str(w.message)
    assert "uncertainty.csv row 2 'unit'" in text
    assert "as 1.758e+04 GWh/yr" in text
    assert "300 gce/kWh in 2030), at which it is 7200 GWh/yr" in text
    assert "demands.csv row 3 holds 7200 GWh/yr" in text


def test_a_demands_row_of_electricity_in_standard_coal_warns_at_load(tiny):
    from carbonpath import load_dataset
    from carbonpath.dataset.carrier_coal import CarrierCoalWarning

    # 216 万吨标准煤 for the 2030 row: 7200 GWh at 300 gce/kWh, 17,584 GWh calorific
    edit(tiny, "demands.csv", "electricity,2030,7200,GWh/yr", "electricity,2030,216,万吨标准煤/yr")
    with pytest.warns(CarrierCoalWarning) as caught:
        load_dataset(tiny)
    (text,) = [str(w.message) for w in caught if w.category is CarrierCoalWarning]
    assert text.startswith("demands.csv row 3 'unit': electricity given in standard coal")
    assert "as 1.758e+04 GWh/yr" in text
    assert "at which it is 7200 GWh/yr" in text


# -- KE29: a GDP that moves no row ------------------------------------------------------------

def test_a_relative_gdp_on_every_row_alone_warns_it_changes_no_row(tiny):
    from carbonpath.dataset.uncertainty import InertInputWarning

    # tiny's gdp rows are 2024 and 2030 (drivers.csv lines 2, 3); x0.9 .. x1.1 on both keeps
    # GDP_2030 / GDP_2024 = 1300 / 1000 for any draw
    _, found = _load(tiny, "g,drivers,,,,gdp,,relative,uniform,0.9,,1.1,,,,,1,econ,x")
    (w,) = found
    assert w.category is InertInputWarning
    assert str(w.message).startswith("uncertainty.csv row 2 'year': input 'g' multiplies "
                                     "every gdp row")
    # quiet: the base year's GDP kept (the 2030 / 2024 ratio moves), and the same input
    # grouped with the demand it drives
    assert not _load(tiny, "g,drivers,,,,gdp,2030,relative,uniform,0.9,,1.1,,,,,1,econ,x")[1]
    assert not _load(tiny, "g,drivers,,,,gdp,,relative,uniform,0.9,,1.1,,,,,1,econ,x",
                     "d,demands,,,electricity,,2030,relative,uniform,0.9,,1.1,,,,,1,econ,x")[1]



# -- KE18: an interpolated year --------------------------------------------------------------

@pytest.mark.parametrize(("row", "table", "lines"), [
    ("g,drivers,,,,grid_emission_factor,2027,relative,uniform,0.9,,1.1,,,,,1,,x", "drivers",
     (5, 6)),
    ("d,demands,,,electricity,,2027,relative,uniform,0.9,,1.1,,,,,1,,x", "demands", (2, 3)),
])
def test_a_year_between_rows_says_add_a_row_not_the_base_year(tiny, row, table, lines):
    with pytest.raises(DataError) as err:
        _load(tiny, row)
    p = only_problem(err)
    assert (p.row, p.column) == (2, "year")
    assert p.valid == (f"2027 lies between the {table}.csv rows of 2024 (line {lines[0]}) and "
                       f"2030 (line {lines[1]}), so its value is interpolated and no row holds "
                       f"it: to sample 2027, add a 2027 row to {table}.csv; or sample a year "
                       "that has a row: 2030")  # 2024 is the base year, refused for both


# -- KE46: 亿立方米 for a gas row --------------------------------------------------------------

@pytest.mark.parametrize(("given", "target", "spelled"), [
    ("亿立方米/yr", "m3_20C/yr", "亿m3_20C/yr"),
    ("万立方米", "(Nm3)", "万Nm3"),
    ("元/立方米", "CNY/(m3_20C)", "元/m3_20C"),
    ("m3/MWh", "(m3_20C) / (MWh)", "m3_20C/MWh"),
    ("MWh/yr", "m3_20C/yr", None),  # no plain volume
    ("亿立方米/yr", "t/yr", None),  # no amount of gas
])
def test_a_plain_volume_is_respelled_at_the_rows_condition(given, target, spelled):
    from carbonpath.units import unit_factor
    from carbonpath.units.registry import condition_spelling

    assert condition_spelling(given, target) == spelled
    if spelled:  # the spelling converts, at 10^8 / 10^4 / 1 of the plain number
        assert unit_factor(spelled, target) > 0


def test_a_flow_in_yi_cubic_metres_for_a_gas_names_the_spelling(tiny):
    from carbonpath import load_dataset

    # tiny has no gas: its coal (kt) becomes a gas counted in m3_20C for this test, and the
    # coal plant's input is written in the plain 亿立方米 (line 3 of flows.csv)
    edit(tiny, "commodities.csv", "coal,Raw coal,kt,", "coal,Raw coal,m3_20C,")
    edit(tiny, "flows.csv", "coal_power,coal,input,0.4,t/MWh", "coal_power,coal,input,0.4,"
                            "亿立方米/MWh")
    with pytest.raises(DataError) as err:
        load_dataset(tiny)
    (p,) = [q for q in err.value.problems if (q.file, q.row) == ("flows.csv", 3)]
    assert p.valid.startswith("'亿m3_20C/MWh' if the figure is at the row's condition (立方米 "
                              "in '亿立方米/MWh' is a plain volume")


# -- KE64: two scenarios in one -s --------------------------------------------------------------

def test_two_scenarios_in_one_name_say_one_per_option(tiny):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    result = CliRunner().invoke(app, ["montecarlo", str(tiny), "--samples", "2", "-s",
                                      "baseline,plan", "--out", str(tiny.parent / "mc")])
    assert result.exit_code != 0
    text = " ".join(result.output.split())
    assert "unknown scenario 'baseline,plan': it lists 2 scenarios (baseline, plan)" in text
    assert "-s baseline -s plan" in text
    assert not (tiny.parent / "mc").exists()
    # a list with an unknown part keeps the closest names
    from carbonpath.errors import unknown_name

    assert "did you mean 'baseline'" in str(unknown_name("scenario", "baseline,plann",
                                                         ["baseline", "plan"]))
