"""Round-7 case E06 (issue 11): an emission factor of imported electricity of 400 kg CO2/kWh.

A g/kWh written as kg/kWh (400 t CO2/MWh, x1000) in ``emissions.csv``, or given to
``apply()``, was accepted: the model stopped importing and the plan reshaped, exit 0. The same
quantity as the ``grid_emission_factor`` driver is refused above 1.5 t CO2/MWh. Emission
factors now have absolute ranges by gas (:data:`carbonpath.dataset.absolute.EMISSION_RANGES`)
in the loader and in ``apply()``, with the loader's ``plausibility`` override.
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.dataset.absolute import emission_bound
from carbonpath.errors import CarbonpathWarning, ImplausibleValueError
from carbonpath.units import unit_factor
from tests.conftest import edit, new_coal_plant

HEADER = "technology,gas,basis,commodity,year,value,unit,plausibility,source\n"


def _with_import_factor(tiny, value_2030, unit="t CO2/MWh", plausibility=""):
    # the case's te: grid_import at 0.641 t CO2/MWh in 2024 and 0.4 in 2030, 150 CNY/MWh
    edit(tiny, "parameters.csv", "grid_import,variable_cost,,450,",
         "grid_import,variable_cost,,150,")
    (tiny / "emissions.csv").write_text(
        HEADER + "grid_import,CO2,activity,,2024,0.641,t CO2/MWh,,assumption: t\n"
        f"grid_import,CO2,activity,,2030,{value_2030},{unit},{plausibility},assumption: t\n",
        encoding="utf-8")
    return tiny


@pytest.mark.parametrize(("gas", "unit", "value", "inside"), [
    ("CO2", "kg CO2/kWh", 400.0, False),   # E06: 400 t CO2/MWh
    ("CO2", "g CO2/kWh", 400.0, True),     # 0.4 t CO2/MWh
    ("CO2", "kg CO2/t", 520.0, True),      # clinker, 0.52 t/t
    ("CO2", "t CO2/kt", 520.0, True),
    ("CO2", "t CO2/t", 520.0, False),      # kg for t
    ("CO2", "kg CO2/TJ", 94600.0, True),   # coal's own energy, 0.34 t/MWh
    ("CH4", "kg CH4/TJ", 300.0, True),
    ("CH4", "t CH4/TJ", 300.0, False),
    ("N2O", "kg N2O/t", 300.0, True),      # adipic acid
    ("N2O", "t N2O/t", 300.0, False),
])
def test_emission_ranges_by_gas_and_dimension(gas, unit, value, inside):
    bound = emission_bound(gas, unit)
    assert (bound.low <= value * unit_factor(unit, bound.unit) <= bound.high) is inside


def test_a_factor_per_km_is_not_bounded():
    assert emission_bound("CO2", "kg CO2/km") is None
    assert emission_bound("SF6", "kg SF6/t") is None


def test_a_kg_for_g_slip_in_emissions_csv_is_refused(tiny):
    folder = _with_import_factor(tiny, 400, "kg CO2/kWh")
    with pytest.raises(ImplausibleValueError) as info:
        cp.load_dataset(folder)
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("emissions.csv", 3, "value")
    assert "400 t CO2/MWh" in problem.message


def test_an_overridden_factor_is_accepted_with_a_warning(tiny):
    folder = _with_import_factor(tiny, 400, "kg CO2/kWh", "override: a test")
    with pytest.warns(CarbonpathWarning, match="emissions.csv, row 3"):
        cp.load_dataset(folder)


def test_apply_refuses_an_implausible_factor_and_keeps_a_plausible_one(tiny):
    model = cp.PathwayModel(str(_with_import_factor(tiny, 0.4)), scenario="plan")
    with pytest.raises(ImplausibleValueError, match=r"emissions\.csv.*row 3.*2 t CO2/MWh"):
        model.apply({("emissions", 3): 40.0})
    with pytest.raises(ImplausibleValueError, match=r"0\.001 x"):
        model.apply({("emissions", 3): 0.0004})  # kg typed as t the other way: x1/1000
    model.apply({("emissions", 3): 0.2})  # E01: a scenario, not a slip


_CAPEX = "coal_new,capex,,4000,CNY/kW,assumption: test\n"  # a plant that can be built costs


def test_apply_refuses_a_flow_a_thousand_times_its_own(tmp_path):
    # the kind of E06 for flows.csv: coal_new burns 0.3 t/MWh (conftest); 300 is kg for t
    model = cp.PathwayModel(str(new_coal_plant(tmp_path, _CAPEX)), scenario="baseline")
    flows = model.dataset.tables["flows"]
    [line] = flows.index[(flows["technology"] == "coal_new") & (flows["commodity"] == "coal")]
    with pytest.raises(ImplausibleValueError, match=rf"flows\.csv, row {line}.*1e\+03 x"):
        model.apply({("flows", line): 300.0})
    model.apply({("flows", line): 0.33})  # a 10 % worse plant: a scenario, not a slip


def test_apply_refuses_a_load_shape_in_percent_but_not_an_availability_change():
    # the same kind for profiles.csv: tiny's load is 0.8 in hour 0 (row 6); 80 is a percent.
    # pv (row 3, 0.3) is an availability profile: a share, held to 0..1 by its domain only
    model = cp.PathwayModel("tiny", scenario="plan")
    profiles = model.dataset.tables["profiles"]
    assert (profiles.loc[6, "profile"], float(profiles.loc[6, "value"])) == ("load", 0.8)
    with pytest.raises(ImplausibleValueError, match=r"profiles\.csv, row 6.*100 x"):
        model.apply({("profiles", 6): 80.0})
    model.apply({("profiles", 6): 0.9})
    model.apply({("profiles", 3): 0.03})  # 1/10 of pv's 0.3: allowed, a share
