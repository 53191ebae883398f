"""Round-5 reliability kinds (issue 11): each kind refused with file, row and column, or
documented and tested where skipping is right. Expected numbers are worked out by hand in
the comments from datasets/tiny's own values."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath import DataError, ImplausibleValueError
from carbonpath._resources import data_path
from carbonpath.accounting.plausible_activity import activity_plausibility
from carbonpath.cli import app
from carbonpath.dataset.domains import PARAMETER_DOMAINS
from carbonpath.errors import (
    ArgumentValueError,
    CarbonpathWarning,
    UnknownNameError,
)
from carbonpath.run import dataset_inventory
from tests.conftest import TINY, edit

KW = {"region": "CN-SD-Liaocheng", "year": 2024, "primary_electricity": "coal_consumption",
          "coal_rate_basis": "supply"}


def add_column(path, column, values):
    """Append a column; ``values`` maps a 1-based file line to its cell."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{line},{column if i == 0 else values.get(i + 1, '')}"
             for i, line in enumerate(lines)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def only(err):
    assert len(err.value.problems) == 1, err.value.problems
    return err.value.problems[0]


SOLAR = "solar_power,electricity,131.4,GWh"


# -- DX03: generation rows against the dataset's capacity ---------------------------------

@pytest.mark.parametrize(("unit", "hours", "back"), [
    # 131.4 TWh = 131.4e6 MWh over pv's 100 MW: 1,314,000 h; in GWh: 1,314 h
    ("TWh", "1,314,000", "131.4 GWh would give 1,314 h"),
    # 131.4 MWh over 100 MW: 1.314 h, under 10; in GWh: 1,314 h
    ("MWh", "1.314", "131.4 GWh would give 1,314 h"),
])
def test_a_generation_row_beyond_the_capacity_names_its_full_load_hours(tiny, unit, hours,
                                                                        back):
    edit(tiny, "activity.csv", SOLAR, SOLAR.replace("GWh", unit))
    with pytest.raises(ImplausibleValueError) as err:
        dataset_inventory(cp.load_dataset(tiny))
    p = only(err)
    assert (p.file, p.row, p.column, p.value) == ("activity.csv", 4, "value", 131.4)
    assert f"is {hours} full-load hours" in p.message
    assert "100 MW" in p.message
    assert "pv" in p.message
    assert back in p.message
    assert "override:" in p.valid


def test_a_generation_override_is_accepted_with_a_warning(tiny):
    edit(tiny, "activity.csv", SOLAR, SOLAR.replace("GWh", "TWh"))
    add_column(tiny / "activity.csv", "plausibility", {4: "override: checked the plant log"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        inv = dataset_inventory(cp.load_dataset(tiny))
    assert inv is not None
    texts = [str(w.message) for w in caught if issubclass(w.category, CarbonpathWarning)]
    assert any("full-load hours" in t for t in texts)  # the capacity check
    assert any("22.9 times apart" in t for t in texts)  # the balance check


def test_optimise_refuses_the_generation_slip_before_solving(tiny):
    edit(tiny, "activity.csv", SOLAR, SOLAR.replace("GWh", "TWh"))
    result = CliRunner().invoke(app, ["optimise", str(tiny)])
    assert result.exit_code != 0
    assert "activity.csv, row 4, column 'value'" in result.output
    assert "Traceback" not in result.output


# -- DX03 without a dataset: the activity's own electricity balance --------------------------

@pytest.mark.parametrize("as_frame", [False, True])
def test_a_generation_slip_breaks_the_electricity_balance_of_the_activity(tmp_path, as_frame):
    # generation 5868.6 GWh + 131,400 GWh = 137,268.6 GWh against consumption 6000 GWh:
    # 22.9 times apart; the largest row on the larger side is the solar row (line 4)
    text = (TINY / "activity.csv").read_text(encoding="utf-8").replace(
        SOLAR, SOLAR.replace("GWh", "TWh"))
    path = tmp_path / "act.csv"
    path.write_text(text, encoding="utf-8")
    source = pd.read_csv(path) if as_frame else path
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(source, **KW)
    p = only(err)
    assert p.column == "value"
    assert p.row == (2 if as_frame else 4)  # the DataFrame's index label, the file's line
    assert p.file == ("activity data (DataFrame)" if as_frame else "act.csv")
    assert "22.9 times apart" in p.message


def _electricity(generation: float, consumption: float) -> pd.DataFrame:
    # non-fossil generation: thermal_power's output with no fuel row is refused by itself
    # (round 30 ZF219, plausible_zero_side)
    return pd.DataFrame({
        "sector": ["hydro_power", "industry"], "fuel": ["electricity", "electricity"],
        "value": [generation, consumption], "unit": ["GWh", "GWh"],
        "use": ["generation", "consumption"]})


@given(ratio=st.floats(min_value=1e-4, max_value=1e4), consumption=st.floats(1.0, 1e5))
def test_the_electricity_balance_accepts_within_its_band_and_refuses_beyond(ratio,
                                                                             consumption):
    # generation = ratio x consumption; use / supply = 1 / ratio may lie in 0.8 .. 1.1
    # (rel16: losses and own use up to 10 % plus a statistical difference up to 10 %), so
    # generation may be 1/1.1 = 0.909.. to 1/0.8 = 1.25 times the consumption
    frame = _electricity(consumption * ratio, consumption)
    act = cp.read_activity(frame, region="CN-SD-Liaocheng", year=2024)
    energy = pd.DataFrame({"row": act.data["row"], "region": act.data["region"],
                           "standard_coal_tce": 0.0})
    inside = 1 / 1.1 * (1 + 1e-9) <= ratio <= 1.25 * (1 - 1e-9)
    outside = ratio < 1 / 1.1 * (1 - 1e-9) or ratio > 1.25 * (1 + 1e-9)
    if inside:
        # rel23: inside the refusal band, use / supply outside the usual 0.85 .. 1.05
        # (generation 1/1.05 = 0.952.. to 1/0.85 = 1.176 times the consumption) warns
        from carbonpath.accounting.plausible_carrier_bands import CarrierBalanceWarning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            activity_plausibility(act.data, energy, {}, "frame")
        warned = any(w.category is CarrierBalanceWarning for w in caught)
        if 1 / 1.05 * (1 + 1e-9) <= ratio <= 1 / 0.85 * (1 - 1e-9):
            assert not warned
        elif ratio < 1 / 1.05 * (1 - 1e-9) or ratio > 1 / 0.85 * (1 + 1e-9):
            assert warned
    elif outside:
        with pytest.raises(ImplausibleValueError) as err:
            activity_plausibility(act.data, energy, {}, "frame")
        assert (only(err).row, only(err).column) in ((0, "value"), (1, "value"))


# -- AP26: one row beyond what its region can hold, from a file or a DataFrame --------------

COAL = {"sector": "industry", "fuel": "raw_coal", "unit": "kt", "use": "combustion"}


@pytest.mark.parametrize("as_frame", [True, False])
def test_a_province_row_of_a_gigatonne_of_coal_is_refused(tmp_path, as_frame):
    # 1e6 kt = 1e9 t raw coal at China's default NCV of about 20.9 GJ/t is about 20.9 EJ,
    # 0.71 Gtce (1 tce = 29.3076 GJ): above the 0.6 Gtce bound of one provincial row
    frame = pd.DataFrame([dict(COAL, value=1e6)])
    path = tmp_path / "coal.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(frame if as_frame else path, region="CN-SD", year=2022,
                             primary_electricity="calorific")
    p = only(err)
    assert (p.row, p.column) == ((0, "value") if as_frame else (2, "value"))
    assert "province CN-SD" in p.message
    assert "0.6 Gtce" in p.valid
    # a tenth of it (0.071 Gtce) is a large but possible row
    total = cp.compute_inventory(pd.DataFrame([dict(COAL, value=1e5)]), region="CN-SD",
                                 year=2022, primary_electricity="calorific").total(gas="CO2")
    assert total.to("Mt CO2").magnitude > 100


def test_a_region_ceiling_accepts_an_explicit_override():
    frame = pd.DataFrame([dict(COAL, value=1e6, plausibility="override: a test")])
    with pytest.warns(CarbonpathWarning, match="override"):
        cp.compute_inventory(frame, region="CN-SD", year=2022, primary_electricity="calorific")
    bad = pd.DataFrame([dict(COAL, value=1.0, plausibility="yes")])
    with pytest.raises(DataError) as err:
        cp.read_activity(bad, region="CN-SD", year=2022)
    assert (only(err).row, only(err).column) == (0, "plausibility")


# -- DX01: capacities in GW for MW -------------------------------------------------------------

def test_a_potential_in_gw_for_mw_is_refused(tiny):
    # 3000 GW x 8760 h = 26,280 TWh, 3650 times the largest demand (7200 GWh/yr in 2030)
    edit(tiny, "parameters.csv", "pv,max_capacity,,3000,MW", "pv,max_capacity,,3000,GW")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only(err)
    assert (p.file, p.row, p.column, p.value) == ("parameters.csv", 15, "value", 3000.0)
    assert "3,650 times the largest annual demand" in p.message


def test_a_build_limit_in_gw_for_mw_is_refused_and_overridable(tiny):
    path = tiny / "parameters.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "pv,max_new_capacity,,1000,GW/yr,assumption: slip\n", encoding="utf-8")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    assert only(err).row == 24
    assert only(err).message.startswith(
        "implausible max_new_capacity of pv")
    add_column(path, "plausibility", {24: "override: a national programme"})
    with pytest.warns(CarbonpathWarning, match="max_new_capacity"):
        cp.load_dataset(tiny)


def test_a_residual_capacity_in_gw_for_mw_is_refused(tiny):
    # the observed 131.4 GWh over 100 GW is 1.314 full-load hours, fewer than 10
    edit(tiny, "parameters.csv", "pv,residual_capacity,,100,MW", "pv,residual_capacity,,100,GW")
    with pytest.raises(ImplausibleValueError) as err:
        cp.load_dataset(tiny)
    p = only(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 13, "value")
    assert "1.31 full-load hours" in p.message


# -- AP32: every setter of model data checks the loader's domain ---------------------------------

def test_update_refuses_a_flipped_sign_and_an_absurd_price():
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(ImplausibleValueError, match="opposite sign"):
        m.update(technology="coal_supply", parameter="variable_cost",
                 value=cp.Q_(-400, "CNY/t"))
    with pytest.raises(ImplausibleValueError, match="100000 CNY/t"):
        m.update(technology="coal_supply", parameter="variable_cost",
                 value=cp.Q_(400, "CNY/kg"), plausibility=None)
    # round 15's L48: the base year 2024 keeps its 400 CNY/t, which update() now says too
    with pytest.warns(CarbonpathWarning, match="opposite sign"), \
            pytest.warns(CarbonpathWarning, match="observed year"):
        m.update(technology="coal_supply", parameter="variable_cost",
                 value=cp.Q_(-400, "CNY/t"), plausibility="override: a subsidy test")


@pytest.mark.parametrize(("line", "value", "domain"), [
    (11, -3000.0, ">= 0"),          # pv capex
    (19, 1.5, "(0, 1]"),            # battery charge_efficiency
    (19, 0.0, "(0, 1]"),
])
def test_apply_refuses_a_value_outside_the_loaders_domain(line, value, domain):
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(DataError) as err:
        m.apply({("parameters", line): value})
    assert f"parameters.csv row {line}" in str(err.value)
    assert domain in str(err.value)


def test_apply_refuses_a_flipped_sign_and_an_absurd_price_unless_overridden():
    # line 2 of tiny's parameters.csv is coal_supply variable_cost 400 CNY/t
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(ImplausibleValueError, match="opposite sign"):
        m.apply({("parameters", 2): -400.0})
    with pytest.raises(ImplausibleValueError) as err:
        m.apply({("parameters", 2): 400000.0})  # 4e5 CNY/t, above the 1e5 CNY/t range
    assert (only(err).file, only(err).row, only(err).column) == ("parameters.csv", 2, "value")
    with pytest.warns(CarbonpathWarning, match="opposite sign"):
        m.apply({("parameters", 2): -400.0}, plausibility="override: a subsidy test")


@pytest.mark.parametrize("parameter", [*sorted(PARAMETER_DOMAINS), "max_capacity", "capex"])
def test_every_domain_refuses_non_finite_values(parameter):
    from carbonpath.dataset.domains import DEFAULT

    domain = PARAMETER_DOMAINS.get(parameter, DEFAULT)
    for bad in (math.nan, math.inf, -math.inf):
        assert not domain.holds(bad)
    assert domain.holds(-1.0) == (parameter == "variable_cost")


def test_update_refuses_a_negative_bound():
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(ArgumentValueError, match=">= 0"):
        m.update(technology="pv", parameter="max_capacity", value=cp.Q_(-5, "MW"))


# -- OV06: editor debris under scenarios/ is skipped, as documented ------------------------------

def test_a_hidden_folder_under_scenarios_is_skipped(tiny):
    hidden = tiny / "scenarios" / "plan" / ".ipynb_checkpoints"
    hidden.mkdir(parents=True)
    (hidden / "parameters-checkpoint.csv").write_text(
        "technology,parameter,year,value,unit,source\npv,max_capacity,,500,MW,a\n",
        encoding="utf-8")
    (tiny / "scenarios" / ".trash").mkdir()
    (tiny / "scenarios" / ".trash" / "junk.txt").write_text("x", encoding="utf-8")
    from carbonpath.dataset.scenarios import resolve_scenario

    plan = resolve_scenario(cp.load_dataset(tiny), "plan")
    params = plan.tables["parameters"]
    row = params[(params["technology"] == "pv") & (params["parameter"] == "max_capacity")]
    assert row["value"].tolist() == [3000.0]


# -- AP42: a year used as a key of a tidy result table -------------------------------------------

def test_a_year_key_on_a_result_table_says_years_are_a_column():
    p = cp.PathwayModel("tiny", scenario="plan").solve()
    with pytest.raises(UnknownNameError) as err:
        p.emissions_total["2030"]
    assert isinstance(err.value, KeyError)
    text = str(err.value)
    assert "years are ints" in text
    assert "emissions_in(2030)" in text
    with pytest.raises(UnknownNameError, match="not a year"):
        p.emissions_total[2030]
    assert p.emissions_in("2030") == p.emissions_in(2030)
    with pytest.raises(UnknownNameError, match=r"2024 \.\. 2030"):
        p.emissions_in(2099)
    with pytest.raises(UnknownNameError, match=r"\.loc\[\] takes a row number"):
        p.emissions_total.loc[2035]
    assert p.emissions_total.loc[0, "year"] == 2024  # row labels still work
    assert list(p.emissions_total["year"]) == list(range(2024, 2031))  # columns still work
    assert type(p.emissions_total.head()) is pd.DataFrame


# -- IN05 / IN07: trailing empty columns, a comment line above the header ------------------------

def test_trailing_empty_fields_of_a_spreadsheet_are_read_as_nothing(tmp_path):
    text = (TINY / "activity.csv").read_text(encoding="utf-8")
    path = tmp_path / "trail.csv"
    path.write_text("\n".join(line + ",," for line in text.splitlines()) + "\n",
                    encoding="utf-8")
    got = cp.read_activity(path, **{"region": KW["region"], "year": 2024}).data
    want = cp.read_activity(TINY / "activity.csv", region=KW["region"], year=2024).data
    pd.testing.assert_frame_equal(got, want)


def test_a_blank_named_column_with_values_is_named_by_position(tmp_path):
    text = (TINY / "activity.csv").read_text(encoding="utf-8").splitlines()
    text = [text[0] + ","] + [line + (",x" if i == 2 else ",") for i, line in
                              enumerate(text[1:], start=1)]
    path = tmp_path / "blank.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_activity(path, region=KW["region"], year=2024)
    p = only(err)
    assert (p.file, p.row, p.value) == ("blank.csv", 3, "x")
    assert "column 7 has no name" in p.message


def test_a_comment_line_above_the_header_is_named(tmp_path):
    path = tmp_path / "note.csv"
    path.write_text("# my note: toy data\n" + (TINY / "activity.csv").read_text(
        encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_activity(path, region=KW["region"], year=2024)
    p = only(err)
    assert (p.file, p.row) == ("note.csv", 1)
    assert "comment" in p.message
    result = CliRunner().invoke(app, ["inventory", str(path), "--region", KW["region"],
                                      "--year", "2024", "--primary-electricity",
                                      "coal_consumption"])
    assert result.exit_code != 0
    assert "comment" in result.output
    assert "Traceback" not in result.output


def test_no_warning_on_the_bundled_tiny_inventory():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CarbonpathWarning)
        assert dataset_inventory(cp.load_dataset("tiny")) is not None


def test_inventory_filters_read_year_strings_and_refuse_unknown_codes():
    # a filter value of the wrong type or a misspelt code matched no row: a silent zero
    samples = data_path("datasets") / "samples"
    inv = cp.compute_inventory(samples / "activity_sample.csv", region="CN-SD", year=2022,
                               production=samples / "production_sample.csv",
                               primary_electricity="calorific")
    whole = inv.total(gas="CO2").magnitude
    assert whole > 0
    assert inv.total(gas="CO2", year="2022").magnitude == whole
    assert inv.total(gas="CO2", fuel="原煤").magnitude == inv.total(gas="CO2",
                                                                   fuel="raw_coal").magnitude
    assert inv.total(gas="CO2", fuel="fuel_oil").magnitude == 0  # a code the data lacks
    with pytest.raises(ArgumentValueError, match="a year is an int"):
        inv.total(gas="CO2", year="twenty")
    with pytest.raises(ArgumentValueError, match="not a sector code"):
        inv.by("fuel", sector="indstry")
    with pytest.raises(ArgumentValueError, match="not a fuel code"):
        inv.energy_total(fuel="coal_x")
