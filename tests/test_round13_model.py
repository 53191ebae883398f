"""Round-13 model-side cases (issue 11, tester13h's H IDs).

H84-H89: ``ds.config`` (dataset.yaml as read) edited in Python reached the model unchecked
(a day weight of 400 scaled PV output by 400/365) or ended in raw KeyErrors (a day renamed,
hours changed, an unknown scenario target, a CO2e basis without GWP). A changed config is
now checked again as dataset.yaml is, and a change of what the tables were read against
(day names, hours, regions) is refused.
"""

from __future__ import annotations

import shutil

import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from tests.conftest import TINY, edit, only_problem
from tests.toy import ACCEPT_SHORT_LIFE

# -- H84-H89: ds.config edited in Python is checked again --------------------------------------


@pytest.mark.parametrize(("change", "key", "words"), [
    (lambda c: c["timeslices"]["days"][0].update(weight=400), "timeslices.days",
     "sum to 400, not 365"),                                               # H84 (was silent)
    (lambda c: c["timeslices"]["days"][0].update(name="winter"), "timeslices.days[].name",
     "names changed"),                                                     # H85
    (lambda c: c["scenarios"]["plan"].update(targets=["cpa"]), "scenarios.plan.targets",
     "unknown target 'cpa'"),                                              # H87
    (lambda c: c["emissions"].update(gas="CO2e"), "emissions.gwp", "needs a GWP set"),  # H88
    (lambda c: c["timeslices"].update(hours=2), "timeslices.hours", "hours per"),       # H89
    (lambda c: c.update(discount_rate=5), "discount_rate", "fraction per year"),
])
def test_a_config_edited_in_python_is_checked_as_dataset_yaml_is(change, key, words):
    ds = cp.load_dataset("tiny")
    change(ds.config)
    with pytest.raises(DataError) as err:
        cp.PathwayModel(ds, scenario="plan")
    problem = only_problem(err)
    assert problem.file == "dataset.yaml"
    assert problem.key == key
    assert words in problem.message
    assert "changed in Python" in str(err.value)


def test_a_config_edit_the_file_accepts_gives_the_files_result(tmp_path):
    # a discount rate of 0.08 set in Python must solve as the same rate written in the file
    ds = cp.load_dataset("tiny")
    ds.config["discount_rate"] = 0.08
    edited = cp.PathwayModel(ds, scenario="plan").solve()
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    edit(folder, "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.08")
    written = cp.PathwayModel(cp.load_dataset(folder), scenario="plan").solve()
    central = cp.PathwayModel("tiny", scenario="plan").solve()
    assert edited.objective == pytest.approx(written.objective, rel=1e-9)
    assert abs(edited.objective - central.objective) > 1  # the edit did reach the model


# -- H99-H108: one rule for emissions.csv ------------------------------------------------------

HEADER = "technology,gas,basis,commodity,year,value,unit,source\n"
GWH_2024 = 5868.6  # coal_power's observed 2024 activity (tiny's parameters.csv)
COAL_2024 = GWH_2024 * 0.4  # kt of coal burned in 2024: 0.4 t/MWh (flows.csv) = 2347.44


def _tiny(tmp_path, rows="", co2e=False, cheap_import=False):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    if rows:
        (folder / "emissions.csv").write_text(HEADER + rows, encoding="utf-8")
    if co2e:
        edit(folder, "dataset.yaml", "  gas: CO2\n", "  gas: CO2e\n  gwp: AR6\n")
        edit(folder, "plan.yaml", "gas: CO2\n", "gas: CO2e\n")
        edit(folder, "plan.yaml", "unit: Mt CO2\n", "unit: Mt CO2e\n")
    if cheap_import:
        edit(folder, "parameters.csv", "grid_import,variable_cost,,450,",
             "grid_import,variable_cost,,100,")
    return folder


def _emitted(folder, year, scenario="baseline"):
    e = cp.optimise(folder, scenario=scenario).emissions
    e = e[e["year"] == year]
    return {(t, u.split()[1].split("/")[0]): v
            for t, u, v in zip(e["technology"], e["unit"], e["value"], strict=True)}


@pytest.mark.filterwarnings("ignore")
def test_an_input_row_replaces_only_its_own_gas(tmp_path):
    # H100: a CH4 row for coal leaves coal's CO2 from the tables; the 2024 activity is
    # observed, so CH4 = 1e-4 t/t x 2347.44 kt of coal = 0.234744 kt
    folder = _tiny(tmp_path, "coal_power,CH4,input,coal,,0.0001,t CH4/t,assumption: test\n")
    got = _emitted(folder, 2024)
    central = _emitted(_tiny(tmp_path / "c"), 2024)
    assert got["coal_power", "CO2"] == pytest.approx(central["coal_power", "CO2"], rel=1e-9)
    assert got["coal_power", "CH4"] == pytest.approx(0.234744, rel=1e-9)


@pytest.mark.filterwarnings("ignore")
def test_a_co2_input_row_keeps_the_fuels_ch4_and_n2o(tmp_path):
    # H101: CO2 1.9 t/t replaces 1.8665; CH4 and N2O stay the tables' (nonzero)
    folder = _tiny(tmp_path, "coal_power,CO2,input,coal,,1.9,t CO2/t,assumption: test\n",
                   co2e=True)
    got = _emitted(folder, 2024)
    central = _emitted(_tiny(tmp_path / "c", co2e=True), 2024)
    assert got["coal_power", "CO2"] == pytest.approx(COAL_2024 * 1.9, rel=1e-9)  # 4460.136
    for gas in ("CH4", "N2O"):
        assert central["coal_power", gas] > 0
        assert got["coal_power", gas] == pytest.approx(central["coal_power", gas], rel=1e-9)


@pytest.mark.parametrize(("gas", "value", "unit"), [("CO2", 0.746615, "t CO2/MWh"),  # H102
                                              ("CH4", 0.00002, "t CH4/MWh")])   # H105
def test_an_activity_row_beside_the_fuels_own_factor_is_refused(tmp_path, gas, value, unit):
    folder = _tiny(tmp_path, f"coal_power,{gas},activity,,,{value},{unit},assumption: test\n",
                   co2e=True)
    with pytest.raises(DataError) as err:
        cp.PathwayModel(cp.load_dataset(folder), scenario="baseline")
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("emissions.csv", 2, "basis")
    assert f"coal_power,{gas},input,coal" in problem.valid


@pytest.mark.filterwarnings("ignore")
def test_an_activity_row_with_the_fuels_row_at_zero_is_the_plants_whole_factor(tmp_path):
    # 0.4 t coal/MWh x 1.8665 t CO2/t = 0.7466 t CO2/MWh, counted once: 5868.6 GWh x 0.7466
    folder = _tiny(tmp_path, "coal_power,CO2,input,coal,,0,t CO2/t,assumption: in the row\n"
                             "coal_power,CO2,activity,,,0.7466,t CO2/MWh,assumption: test\n")
    got = _emitted(folder, 2024)
    assert got["coal_power", "CO2"] == pytest.approx(GWH_2024 * 0.7466, rel=1e-9)


@pytest.mark.filterwarnings("ignore")
def test_an_import_row_of_another_gas_is_counted(tmp_path):
    # H99: 0.3 t CO2 and 0.001 t CH4 per MWh imported: CH4 = CO2 x 0.001 / 0.3
    folder = _tiny(tmp_path, "grid_import,CO2,activity,,,0.3,t CO2/MWh,assumption: test\n"
                             "grid_import,CH4,activity,,,0.001,t CH4/MWh,assumption: test\n",
                   co2e=True, cheap_import=True)
    got = _emitted(folder, 2025)
    assert got["grid_import", "CO2"] > 0
    assert got["grid_import", "CH4"] == pytest.approx(got["grid_import", "CO2"] / 300, rel=1e-9)


def test_an_input_row_naming_no_input_is_refused(tmp_path):
    # H108: electricity is coal_power's output
    folder = _tiny(tmp_path, "coal_power,CO2,input,electricity,,0.5,t CO2/MWh,assumption: x\n")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(cp.load_dataset(folder), scenario="baseline")
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("emissions.csv", 2, "commodity")
    assert problem.valid == "an input of coal_power: coal"


# -- H21: the docs' dataset.yaml example is itself valid ---------------------------------------

def test_the_docs_dataset_yaml_example_passes_the_config_checks():
    from pathlib import Path

    import yaml

    from carbonpath.dataset.config import _check_config

    text = (Path(__file__).parents[1] / "docs" / "data-format.md").read_text(encoding="utf-8")
    block = text.split("## dataset.yaml\n\n```yaml\n")[1].split("```")[0]
    config = yaml.safe_load(block)
    problems = []
    _check_config(config, problems)
    assert problems == []
    assert config["discount_year"] == 2024  # H21: it said 2023, before the base year


# -- H22: next_year annuities never make late capacity cheaper, nor the horizon year's free ---

@ACCEPT_SHORT_LIFE
# D15: 2025 alone, meant
@pytest.mark.filterwarnings("ignore::carbonpath.dataset.year_slips.SingleYearBoundWarning")
@pytest.mark.parametrize("timing", ["build_year", "next_year"])
def test_capacity_built_in_the_horizon_year_pays_an_annuity(tmp_path, timing):
    # the old plant retires after 2025; 1 GW of new (2000 CNY/kW, life 2, r = 10 %) can be
    # built only in 2026, the horizon: crf(10 %, 2) = 0.1 x 1.21 / 0.21 = 0.5762.
    # build_year: one annuity in 2026, discounted 1/1.21; next_year: the same annuity a year
    # later, 1/1.331 (it had fallen after the horizon, uncounted: the capacity was free)
    from tests.toy import ELECTRICITY, SHORT_LIFE, flow, param, tech, write

    folder = write(
        tmp_path / timing, horizon=2026, rate=0.1, config={"annuity_timing": timing},
        commodities=[ELECTRICITY], technologies=[tech("old"), tech("new", investable="true")],
        flows=[flow(c, "electricity", "output", 1, "MWh/MWh") for c in ("old", "new")],
        parameters=[param("old", "lifetime", 40, "yr"),
                    param("old", "residual_capacity", 1, "GW", 2024),
                    param("old", "residual_capacity", 1, "GW", 2025),
                    param("old", "residual_capacity", 0, "GW", 2026),
                    param("old", "activity", 8760, "GWh/yr", 2024),
                    param("new", "lifetime", 2, "yr", plausibility=SHORT_LIFE),
                    param("new", "capex", 2000, "CNY/kW"),
                    param("new", "max_new_capacity", 0, "GW/yr", 2025)],
        demands=[{"commodity": "electricity", "value": 8760, "unit": "GWh/yr"}])
    crf = 0.1 * 1.21 / 0.21
    p = cp.PathwayModel(folder, scenario="baseline").solve()
    discount = 1 / 1.21 if timing == "build_year" else 1 / 1.331
    assert p.objective == pytest.approx(2000 * crf * discount)
    paid = p.costs[(p.costs.technology == "new") & (p.costs.component == "investment")]
    # next_year: the 2027 payment is shown in 2026 at its value there, 1/1.1 of an annuity
    shown = 2000 * crf * (1 if timing == "build_year" else 1 / 1.1)
    assert dict(zip(paid["year"], paid["value"], strict=True)) == pytest.approx({2026: shown})


def test_the_tester_baseline_keeps_its_last_year_under_next_year(tmp_path):
    # H22 on tiny: the baseline builds nothing under build_year (PV does not pay against
    # coal); under next_year the same PV is a year of payments later, no cheaper over the
    # years it runs, so it builds nothing either. The 2030 emissions had fallen
    # 5.28 -> 2.46 Mt (2.9 GW of PV free in 2030)
    folder = _tiny(tmp_path)
    later = _tiny(tmp_path / "next")
    edit(later, "dataset.yaml", "discount_rate: 0.05\n",
         "discount_rate: 0.05\nannuity_timing: next_year\n")
    build = cp.optimise(folder, scenario="baseline")
    shifted = cp.optimise(later, scenario="baseline")
    assert build.costs[build.costs.component == "investment"]["value"].sum() == 0
    for year in range(2024, 2031):
        assert shifted.emissions_in(year) == pytest.approx(build.emissions_in(year), rel=1e-6)
    assert shifted.objective == pytest.approx(build.objective, rel=1e-9)


# -- H38: a table re-saved by pandas (years 2024.0): one message per cell, no follow-ons -------

def test_years_written_as_decimals_give_one_problem_per_cell_and_no_follow_on(tmp_path):
    folder = _tiny(tmp_path)
    lines = (folder / "drivers.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    dotted = [r.replace(",2024,", ",2024.0,").replace(",2030,", ",2030.0,") for r in rows]
    changed = [i + 2 for i, (a, b) in enumerate(zip(rows, dotted, strict=True)) if a != b]
    (folder / "drivers.csv").write_text("\n".join([header, *dotted]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    problems = err.value.problems
    assert changed  # tiny's drivers have years
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("drivers.csv", line, "year") for line in changed]
    assert all("write 20" in p.message for p in problems)


def test_the_base_year_warning_names_emissions_csv(tmp_path):
    # H100/H102: a coal CO2 factor of 3.733 t/t (2 x 1.8665) doubles the model's base year
    # against the inventory, which uses the tables: the warning names emissions.csv row 2
    import warnings

    from carbonpath.run import _base_year_mismatch, dataset_inventory

    folder = _tiny(tmp_path, "coal_power,CO2,input,coal,,3.733,t CO2/t,assumption: test\n")
    ds = cp.load_dataset(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inv = dataset_inventory(ds)
        pathway = cp.optimise(ds, scenario="baseline", hours=1)
        found = _base_year_mismatch(ds, inv, {"baseline": pathway})
    assert len(found) == 1
    assert "(8.76 Mt CO2)" in found[0]  # 2347.44 kt coal x 3.733 = 8763.0 kt
    assert "emissions.csv's own factors (rows 2)" in found[0]
