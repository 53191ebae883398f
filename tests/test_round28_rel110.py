"""Round 28 (issue 11): MD41, MD48, MD50, MD100 on tiny and a catalogue copy.

tiny: base year 2024 (observed), decision years 2025..2030; pv stock 100 MW; coal_supply
variable_cost 400 CNY/t (blank year) and base-year activity 2347.44 kt/yr.
"""

import shutil
import warnings

import pytest

import carbonpath as cp
from carbonpath.catalogue import load_catalogue
from carbonpath.dataset.measure_checks import ObservedPriceWarning
from carbonpath.dataset.series_slips import SeriesSlipWarning
from carbonpath.errors import DataError
from tests.conftest import only_problem


def _add_yaml(folder, text):
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(text)


def test_a_disallowed_technology_is_named_by_its_scenario_key(tiny):
    # MD41: pv is investable in technologies.csv; the scenario disallows it and asks 500 MW,
    # five times the 100 MW stock (0.1 GW), so the cause is scenarios.pvpush.disallow
    text = (tiny / "dataset.yaml").read_text(encoding="utf-8")
    (tiny / "dataset.yaml").write_text(text.replace(
        "  plan:\n    targets: [peak, cap]\n",
        "  plan:\n    targets: [peak, cap]\n  pvpush:\n    extends: plan\n    disallow: [pv]\n"
        "    parameters:\n      - {technology: pv, parameter: min_capacity, value: 500, "
        "unit: MW, source: 'assumption: a test'}\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.PathwayModel(cp.load_dataset(tiny), "pvpush")
    problem = only_problem(err)
    assert problem.key == "scenarios.pvpush.parameters[0]"
    assert "'pv' is disallowed by dataset.yaml key scenarios.pvpush.disallow" in problem.message
    assert "technologies.csv" not in problem.message
    assert problem.valid == ("<= 0.1 GW (the residual_capacity of those years), or 'pv' "
                             "taken out of scenarios.pvpush.disallow")


def test_a_new_capacity_floor_of_a_disallowed_technology_is_refused(tiny):
    # MD41's kind: a scenario disallows pv (no new capacity) and asks 100 MW/yr of new pv,
    # which the model dropped without a word; the disallow key is named
    _add_yaml(tiny, "  pvfloor:\n    extends: plan\n    disallow: [pv]\n    parameters:\n"
                    "      - {technology: pv, parameter: min_new_capacity, value: 100, "
                    "unit: MW/yr, source: 'assumption: a test'}\n")
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.key, problem.column) == (
        "dataset.yaml", "scenarios.pvfloor.parameters[0]", "parameter")
    assert "disallowed by dataset.yaml key scenarios.pvfloor.disallow" in problem.message


_MEASURE = ("measures:\n  base: baseline\n  list:\n    - name: coalprice\n      changes:\n"
            "        parameters:\n{rows}      source: 'assumption: a test'\n")
_ROW = ("          - {{technology: coal_supply, parameter: variable_cost,{year} value: {v}, "
        "unit: CNY/t, source: 'assumption: a test'}}\n")


def test_a_blank_year_price_of_a_measure_warns_of_the_base_year_cost(tiny):
    # MD48: (800 - 400) CNY/t x 2347.44 kt/yr = 400 x 2,347,440 t = 938,976,000 CNY
    # = 938.976 MCNY a year in 2024, fixed activity that no choice can change
    _add_yaml(tiny, _MEASURE.format(rows=_ROW.format(year="", v=800)))
    with pytest.warns(ObservedPriceWarning) as caught:
        cp.load_dataset(tiny)
    (message,) = [str(w.message) for w in caught if w.category is ObservedPriceWarning]
    assert "key measures.coalprice.changes.parameters[0]" in message
    assert "+938.976 MCNY a year in 2024" in message
    assert "2024 at 400 CNY/t, then the new price from 2025" in message


def test_dated_price_rows_keeping_the_base_year_are_quiet(tiny):
    # MD48b: 2024 keeps 400 CNY/t, so the base year's cost does not move
    rows = (_ROW.format(year=" year: 2024,", v=400) + _ROW.format(year=" year: 2025,", v=800)
            + _ROW.format(year=" year: 2030,", v=800))
    _add_yaml(tiny, _MEASURE.format(rows=rows))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cp.load_dataset(tiny)
    assert not [w for w in caught if issubclass(w.category, ObservedPriceWarning)]


@pytest.mark.parametrize(("value", "refused"), [(100, True), (0, False)])
def test_min_new_capacity_in_the_observed_year(tiny, value, refused):
    # MD100: nothing is built in 2024; a zero row (a series' start) asks for nothing
    lines = (tiny / "parameters.csv").read_text(encoding="utf-8").splitlines()
    line = len(lines) + 1  # header is line 1, so the appended row is the file's next line
    with open(tiny / "parameters.csv", "a", encoding="utf-8") as f:
        f.write(f"pv,min_new_capacity,2024,{value},MW/yr,assumption: a test\n"
                "pv,min_new_capacity,2030,100,MW/yr,assumption: a test\n")
    if not refused:
        cp.load_dataset(tiny)
        return
    with pytest.raises(DataError) as err:
        cp.load_dataset(tiny)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "parameters.csv", line, "year", 2024)
    assert problem.valid.startswith("a year in 2025 .. 2030 (the decision years)")


def test_a_catalogue_point_ten_times_off_its_trajectory_warns(tmp_path):
    # MD50: pv_utility capex 4000 (2020), 3400 (2023), 28000 (2030: 2800 meant), 2400 (2040);
    # 28000 / 3400 = 8.235 and 28000 / 2400 = 11.7: x8.24 the nearer neighbour
    from carbonpath._resources import data_path

    folder = tmp_path / "cat"
    shutil.copytree(data_path("catalogue"), folder)
    file = folder / "parameters.csv"
    text = file.read_text(encoding="utf-8")
    old = "pv_utility,capex,,2030,2800,2240.0,3360.0,"
    assert text.count(old) == 1
    file.write_text(text.replace(old, "pv_utility,capex,,2030,28000,22400.0,33600.0,"),
                    encoding="utf-8")
    row = text.splitlines().index(next(t for t in text.splitlines() if t.startswith(old))) + 1
    with pytest.warns(SeriesSlipWarning) as caught:
        load_catalogue(folder)
    (message,) = [str(w.message) for w in caught if w.category is SeriesSlipWarning]
    assert message.startswith(f"cat/parameters.csv, row {row}: pv_utility capex: 28000 CNY/kW "
                              "in 2030 is 8.24 times both neighbouring years")


def test_the_bundled_catalogue_has_no_slip():
    from carbonpath._resources import data_path

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_catalogue(data_path("catalogue"))
    assert not [w for w in caught if issubclass(w.category, SeriesSlipWarning)]
