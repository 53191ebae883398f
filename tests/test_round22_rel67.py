"""Round 22's model cases P26 P68 P72 P83 P91 P123 P140 P145: a clear error or warning each.

Every case edits a copy of the ``tiny`` dataset (datasets/tiny: parameters.csv row 7 is
coal_power's variable_cost 20 CNY/MWh, row 23 grid_import's max_activity 1000 GWh/yr, row 3
coal_supply's 2024 activity 2347.44 kt; technologies.csv row 6 is grid_import; plan.yaml
has the targets peak and cap, both applied by the scenario ``plan``).
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath import Q_
from carbonpath.errors import ArgumentValueError, DataError, UnknownNameError
from carbonpath.numbers import number_hint
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem


def _append(folder, name, text):
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(text)


# P123: a Unicode minus sign (U+2212, as pasted from a PDF) is named with the ASCII '-'
@pytest.mark.parametrize(("text", "code", "ascii_text"), [
    ("\u221220", "U+2212", "-20"),     # MINUS SIGN
    ("\u20133.5", "U+2013", "-3.5"),   # EN DASH, a word processor's autocorrect
    ("\uff0d7", "U+FF0D", "-7"),       # FULLWIDTH HYPHEN-MINUS, a Chinese input method
])
def test_unicode_minus_is_named_with_the_ascii_reading(text, code, ascii_text):
    hint = number_hint(text)
    assert code in hint
    assert f"type it as {ascii_text}" in hint


def test_unicode_minus_in_parameters_csv_names_row_and_character(tiny):
    edit(tiny, "parameters.csv", "coal_power,variable_cost,,20,",
         "coal_power,variable_cost,,\u221220,")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("parameters.csv", 7, "value")
    assert "U+2212" in p.message
    assert "type it as -20" in p.message


# P91: a year written in quotes in emission_limits is named as text
def test_quoted_year_in_emission_limits_is_named_as_text(tiny):
    _append(tiny, "plan.yaml", "  - name: lim\n    type: emission_limits\n"
                               "    values: {'2028': 4.7, 2030: 4.6}\n    unit: Mt CO2\n"
                               "    source: 'assumption: test'\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "targets.lim.values"
    assert "'2028' is a year written as text" in p.message
    assert "write 2028 without quotes" in p.message


# P145 and P26: update() names the right call, and refuses a min above its max
def test_update_of_the_peak_target_points_to_update_peak_year():
    m = cp.PathwayModel("tiny", scenario="plan")
    with pytest.raises(UnknownNameError, match=r"update\(peak_year=2028\)"):
        m.update(target="peak", value=2028)
    m.update(peak_year=2028)  # the call the message names works in place
    assert m.peak_year == 2028


def test_update_min_activity_above_max_activity_is_refused_before_solving():
    m = cp.PathwayModel("tiny", scenario="plan")
    # max_activity of grid_import is 1000 GWh/yr (parameters.csv row 23) in 2025..2030:
    # a minimum of 1500 > 1000 can never hold, in all 6 decision years
    with pytest.raises(ArgumentValueError) as err:
        m.update(technology="grid_import", parameter="min_activity", value=Q_(1500, "GWh/yr"))
    msg = str(err.value)
    assert "min_activity 1500 GWh/yr is above max_activity 1000 GWh/yr in 2025" in msg
    assert "5 more year(s)" in msg
    assert "parameters.csv row 23" in msg
    assert m.data.techs["grid_import"].bounds.get("min_activity", {}) == {}  # nothing changed
    # 800 <= 1000 is fine; then a max of 700 < 800 is refused, naming the earlier update
    m.update(technology="grid_import", parameter="min_activity", value=Q_(800, "GWh/yr"))
    with pytest.raises(ArgumentValueError, match="below min_activity 800 GWh/yr"):
        m.update(technology="grid_import", parameter="max_activity", value=Q_(700, "GWh/yr"))


# P83: min_duration above max_duration refused at load naming both rows
def test_min_duration_above_max_duration_names_both_rows(tiny):
    _append(tiny, "parameters.csv", "battery,min_duration,,4,hour,assumption: x\n"
                                    "battery,max_duration,,2,hour,assumption: y\n")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(tiny, scenario="plan").solve()
    p = only_problem(err)
    # tiny's parameters.csv has 23 rows after its header: the new ones are rows 24 and 25
    assert (p.file, p.row, p.column) == ("parameters.csv", 24, "value")
    assert "min_duration 4 h exceeds max_duration 2 h" in p.message
    assert "parameters.csv row 24" in p.message
    assert "parameters.csv row 25" in p.message


# P72: nonfossil true on an import is refused (the model cannot honour it)
def test_import_declared_nonfossil_is_refused_naming_green_import(tiny):
    edit(tiny, "technologies.csv", "import,timeslice,MW,MWh,false,false,,,",
         "import,timeslice,MW,MWh,false,true,,,")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column) == ("technologies.csv", 6, "nonfossil")
    assert "grid_nonfossil_share" in p.message
    assert "emissions.csv" in p.message


# P140: a CH4 row on a CO2 basis is listed as not counted (in_total false), as it is not.
# No load warning: init's catalogue routes with capture write CH4 and N2O rows on a CO2
# basis (an input row replaces every gas of its fuel), so correct data look the same.
def test_gas_outside_a_co2_basis_is_listed_as_not_counted(tiny):
    (tiny / "emissions.csv").write_text(
        "technology,gas,basis,commodity,year,value,unit,source\n"
        "coal_supply,CH4,activity,,,0.005,t CH4/t,assumption: coal mine methane\n",
        encoding="utf-8")
    with assert_no_carbonpath_warnings():
        p = cp.optimise(tiny, scenario="baseline")
    em = p.emissions[p.emissions.year == 2024]
    ch4 = em[(em.technology == "coal_supply") & (em.gas == "CH4")]
    # 0.005 t CH4/t x the observed 2347.44 kt of coal = 11.7372 kt CH4
    assert ch4["value"].sum() == pytest.approx(0.005 * 2347.44)
    assert not ch4["in_total"].any()
    # the rows counted are the total's: CO2 alone on a CO2 basis
    assert em.loc[em.in_total, "value"].sum() == pytest.approx(p.emissions_in(2024))
    assert set(em.loc[em.in_total, "gas"]) == {"CO2"}


# P68: a measure adding a target its base applies already is warned of, with the reason
def test_measure_adding_an_applied_target_is_warned_of(tiny):
    from carbonpath.dataset.measure_checks import AppliedTargetWarning
    from carbonpath.dataset.scenario_measures import measures

    _append(tiny, "dataset.yaml", "measures:\n  base: plan\n  list:\n    - name: capit\n"
                                  "      changes:\n        targets: [cap]\n"
                                  "      source: 'assumption: x'\n")
    with pytest.warns(AppliedTargetWarning) as caught:
        measures(cp.load_dataset(tiny))
    text = str(caught[0].message)
    assert text.startswith("dataset.yaml, key measures.capit.changes.targets")
    assert "'plan' already applies" in text
    assert "target_values: {cap:" in text


def test_tiny_stays_quiet():
    with assert_no_carbonpath_warnings():
        cp.load_dataset("tiny")
