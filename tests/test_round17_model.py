"""Round 17's model-side cases (rel39): numpy scalars in targets, typed errors, PV output 2.

P69/P72: a target year, years list or value taken from numpy (np.int64, np.arange) is what
the Python int is. P27 and its kind: public functions refuse user values with carbonpath
errors, never a bare ValueError. P74: a PV whose flows.csv output is 2 MWh/MWh makes the
observed base year unbalanced; the pre-solve check names flows.csv row 5 and the numbers.
Expected numbers are worked by hand from tiny's files (see each test).
"""

import numpy as np
import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, load_dataset
from carbonpath.errors import ArgumentValueError, CarbonpathError, ResultsError
from carbonpath.model.data import ModelData
from tests.conftest import edit, only_problem

PV_OUTPUT = "pv,electricity,output,1,MWh/MWh"


# -- P74: an output above 1 MWh/MWh in an observed year ---------------------------------------
def _override_line_5(tiny):
    """pv's output row (flows.csv line 5) says ``override:`` (round 18: else refused first)."""
    path = tiny / "flows.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{line},{'plausibility' if i == 0 else 'override: a test' if i == 4 else ''}"
             for i, line in enumerate(lines)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_p74_a_pv_output_of_two_names_the_flow_row_and_the_surplus(tiny):
    edit(tiny, "flows.csv", PV_OUTPUT, "pv,electricity,output,2,MWh/MWh")
    with pytest.raises(DataError) as err:  # round 18: 2 GWh/GWh > 1, refused as such
        ModelData.from_dataset(load_dataset(tiny), "plan")
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("flows.csv", 5, "value")
    assert "'pv' gives 2 GWh of electricity per GWh of its activity" in p.message
    _override_line_5(tiny)  # accepted as a gain: the observed year's balance still fails
    with pytest.raises(DataError) as err, pytest.warns(cp.CarbonpathWarning):
        ModelData.from_dataset(load_dataset(tiny), "plan")  # before any solve
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("flows.csv", 5, "value")  # pv's output row
    # supply 5868.6 (coal_power) + 131.4 x 2 (pv) = 6131.4 GWh against 6000 GWh demanded
    assert "Supply 6131.4 GWh/yr" in p.message
    assert "131.4 GWh/yr x 2 GWh/GWh = 262.8 GWh/yr" in p.message
    assert "exceeds use and demand by 131.4 GWh/yr" in p.message
    assert "'pv' gives 2 GWh of electricity per GWh of its activity" in p.message
    assert "battery" not in p.message  # the battery has no stock in 2024: it cannot help


def test_p74_a_battery_with_base_year_stock_may_still_absorb_a_surplus(tiny):
    # with 10 MW of battery in 2024 its losses could burn a surplus: the check stays one-way
    # (a necessary condition only), so the model data is built and the LP decides
    edit(tiny, "flows.csv", PV_OUTPUT, "pv,electricity,output,2,MWh/MWh")
    _override_line_5(tiny)  # round 18: an output above 1 needs it
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("battery,residual_capacity,,10,MW,assumption: test\n")
        # round 24 D137: a store's stock with its energy (power alone stores nothing)
        f.write("battery,residual_energy_capacity,,20,MWh,assumption: test\n")
    with pytest.warns(cp.CarbonpathWarning, match="override"):
        data = ModelData.from_dataset(load_dataset(tiny), "plan")
    assert data.techs["pv"].outputs["electricity"] == pytest.approx(2.0)


# -- P69/P72: numpy scalars in in-memory targets -----------------------------------------------
def test_p69_a_numpy_year_is_a_whole_year():
    ds = load_dataset("tiny")
    ds.targets["peak"]["year"] = np.int64(2028)
    path = cp.PathwayModel(ds, "plan").solve()
    assert type(ds.targets["peak"]["year"]) is int  # made a Python int in place
    ref = load_dataset("tiny")
    ref.targets["peak"]["year"] = 2028
    assert path.objective == pytest.approx(cp.PathwayModel(ref, "plan").solve().objective,
                                           rel=1e-9)


def test_p72_numpy_years_and_value_of_a_cap_bind_as_written():
    ds = load_dataset("tiny")
    ds.targets["cap"]["years"] = list(np.arange(2027, 2031))
    ds.targets["cap"]["value"] = np.int64(4)  # Mt CO2 (plan.yaml's unit)
    ds.targets["cap"]["unit"] = "Mt CO2"
    path = cp.PathwayModel(ds, "plan").solve()
    # 4 Mt = 4000 kt; tiny's baseline emits 4680 kt in 2030 (P46), so the cap binds there
    assert path.emissions_in(2030) == pytest.approx(4000.0, rel=1e-6)
    for year in (2027, 2028, 2029):
        assert path.emissions_in(year) <= 4000.0 * (1 + 1e-6)


@pytest.mark.parametrize("value", [np.float64(2027.5), np.bool_(True), "2028"])
def test_numpy_values_that_are_no_year_are_still_refused(value):
    ds = load_dataset("tiny")
    ds.targets["peak"]["year"] = value
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, "plan")
    assert only_problem(err).key == "targets.peak.year"


# -- P27 and its kind: typed errors for user values --------------------------------------------
def test_p27_system_macc_of_the_base_year_is_an_argument_value_error():
    from carbonpath.scenarios import system_macc

    with pytest.raises(ArgumentValueError) as err:
        system_macc("tiny", year=2024)
    assert isinstance(err.value, CarbonpathError)
    assert isinstance(err.value, ValueError)
    assert "2025 .. 2030" in str(err.value)  # tiny's decision years


def test_too_few_samples_for_correlated_groups_is_an_argument_value_error():
    from carbonpath.sweeps.sampling import iman_conover

    u = np.random.default_rng(0).random((3, 3))
    corr = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])
    with pytest.raises(ArgumentValueError, match="samples=3"):
        iman_conover(u, corr, np.random.default_rng(1))  # 3 samples, 3 groups: n <= k


def test_a_results_table_without_its_columns_is_a_results_error(tmp_path):
    from carbonpath.report.overview import load_extras

    (tmp_path / "analysis").mkdir()
    pd.DataFrame({"measure": ["pv"], "abatement": [1.0]}).to_csv(
        tmp_path / "analysis" / "macc.csv", index=False)
    with pytest.raises(ResultsError, match="cost_per_tonne"):
        load_extras(tmp_path)


# -- P83: a warm update(peak_year=) is listed in the pathway's targets -------------------------
def test_p83_the_targets_listed_hold_the_peak_year_given_to_update():
    m = cp.PathwayModel("tiny", scenario="plan")
    m.update(peak_year=2028)
    p = m.solve()
    peak = [t for t in p.settings["targets"] if t["type"] == "peak_year"]
    assert [t["year"] for t in peak] == [2028]
    assert peak[0]["source"].startswith("set by the caller (the scenario's year: 2026")
    # moved back to the scenario's year: listed as plan.yaml has it, with its own source
    m.update(peak_year=2026)
    again = [t for t in m.solve().settings["targets"] if t["type"] == "peak_year"]
    assert again[0]["year"] == 2026
    assert again[0]["source"] == load_dataset("tiny").targets["peak"]["source"]
