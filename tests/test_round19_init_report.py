"""Round 19 (tester U): silent init slips and report folders (rel50).

* U10: a population growth of -0.02 typed for -0.002 passed the (-0.2, 0.3) range; every
  growth rate is now held to its driver's usual band (a warning naming the row and the
  decimal-place reading).
* U76: a 2030 GDP of 38410 亿元 (x10) beside 2600 in 2022 was interpolated at +40 %/yr, a
  rate the growth file refuses; the rate between given values is now held to the same range.
* U65: a committed 50 kW (for 50 万千瓦) was read as 0.05 MW with no word.
* U157: the refusal of a committed offshore wind project listed offshore wind as valid.
* U99: ``report --montecarlo`` on an interrupted store stated probabilities "from 72
  samples per scenario" for a plan with none.
* U39, U40: ``report DATASET`` / ``report STORE`` spoke of ``--out``, which was not given.

Rows are the lines an editor shows: the header is row 1, so the n-th data row is row n+1.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from carbonpath.dataset.absolute import UnusualDriverWarning
from carbonpath.errors import ImplausibleValueError, ResultsError
from carbonpath.init.inputs import CommittedSizeWarning, read_committed, read_drivers, read_growth
from carbonpath.outputs import MANIFEST
from tests.conftest import assert_no_carbonpath_warnings

GROWTH = "driver,start,end,rate,source"
DRIVERS = "driver,year,value,unit,source"
COMMITTED = "type,year,value,unit,source"


def _frame(header: str, *rows: str) -> pd.DataFrame:
    return pd.DataFrame([r.split(",") for r in rows], columns=header.split(","), dtype=str)


def _unusual(call) -> list[str]:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in seen if issubclass(w.category, UnusualDriverWarning)]


def test_population_rate_outside_usual_band_is_warned_with_row_and_reading():
    """U10: -0.02 is below the usual -1.5 %/yr; -0.002 (a tenth) is inside, so it is offered."""
    texts = _unusual(lambda: read_growth(_frame(GROWTH, "gdp,2022,2030,0.05,s",
                                                "population,2022,2035,-0.02,s"),
                                         name="growth.csv"))
    assert len(texts) == 1
    assert "growth.csv, row 3, column 'rate'" in texts[0]
    assert "population shrinks 2.0% a year over 2023..2035" in texts[0]
    assert "-0.002 for -0.2%/yr" in texts[0]


def test_usual_growth_rates_stay_quiet():
    """The bundled samples' rates (5 %, 4 %, -0.2 %, +0.4 %) are inside the bands."""
    assert _unusual(lambda: read_growth(_frame(
        GROWTH, "gdp,2022,2030,0.05,s", "gdp,2030,2035,0.04,s",
        "population,2022,2030,-0.002,s", "population,2030,2035,0.004,s"),
        name="g.csv")) == []


def test_gdp_above_its_usual_band_is_warned():
    """A GDP rate of 0.25 (inside the refused range) is above the usual 12 %/yr."""
    texts = _unusual(lambda: read_growth(_frame(GROWTH, "gdp,2022,2030,0.25,s"), name="g.csv"))
    assert len(texts) == 1
    assert "gdp grows 25.0% a year" in texts[0]
    assert "0.025 for 2.5%/yr" in texts[0]


def test_rate_implied_between_given_drivers_is_refused_naming_both_rows():
    """U76: (38410 / 2600) ** (1 / 8) - 1 = 0.400 a year, above the 0.3 the growth file allows."""
    assert pytest.approx(0.400, abs=5e-4) == (38410 / 2600) ** (1 / 8) - 1
    frame = _frame(DRIVERS, "gdp,2022,2600,亿元,s", "population,2022,600,万人,s",
                   "gdp,2030,38410,亿元,plan")
    with pytest.raises(ImplausibleValueError) as err:
        read_drivers(frame, 2022, name="drivers.csv")
    text = str(err.value)
    assert "row 4" in text
    assert "'value'" in text
    assert "since row 2" in text
    assert "+40.0% a year" in text
    # bounds: 2600 x 0.8^8 = 436.2, 2600 x 1.3^8 (8.1573) = 21,209.0; a digit added: 3,841
    assert "436.2 .. 21,209.0" in text
    assert "3,841 if a digit was added" in text


def test_usual_rate_between_given_drivers_is_quiet_and_unusual_one_warned():
    """2600 -> 3841 over 8 years is 5.0 %/yr (quiet); 600 -> 520 万人 is -1.8 %/yr (warned)."""
    ok = _frame(DRIVERS, "gdp,2022,2600,亿元,s", "population,2022,600,万人,s",
                "gdp,2030,3841,亿元,s")
    assert _unusual(lambda: read_drivers(ok, 2022, name="d.csv")) == []
    assert pytest.approx(-0.0177, abs=5e-5) == (520 / 600) ** (1 / 8) - 1
    low = _frame(DRIVERS, "gdp,2022,2600,亿元,s", "population,2022,600,万人,s",
                 "population,2030,520,万人,s")
    texts = _unusual(lambda: read_drivers(low, 2022, name="d.csv"))
    assert len(texts) == 1
    assert "d.csv, rows 3 and 4" in texts[0]


def test_committed_project_under_a_megawatt_is_warned():
    """U65: 50 kW = 0.05 MW; 50 万千瓦 would be 500 MW."""
    with pytest.warns(CommittedSizeWarning) as seen:
        out = read_committed(_frame(COMMITTED, "pv,2025,50,kW,approved"), ["pv"], 2022, 2035,
                             name="c.csv")
    assert out["mw"].tolist() == [pytest.approx(0.05)]  # kept, not changed
    text = str(seen[0].message)
    assert "c.csv, row 2, column 'value'" in text
    assert "50 万千瓦 = 500 MW" in text


def test_committed_project_of_utility_size_is_quiet():
    with assert_no_carbonpath_warnings():
        out = read_committed(_frame(COMMITTED, "pv,2025,50,万千瓦,a", "battery,2026,1,MW,a"),
                             ["pv", "battery"], 2022, 2035, name="c.csv")
    # 50 万千瓦 = 50 x 10,000 kW = 500 MW; 1 MW kept
    assert out["mw"].tolist() == [pytest.approx(500.0), pytest.approx(1.0)]


def _results_folder_check(folder):
    from carbonpath.run import load_results

    with pytest.raises(ResultsError) as err:
        load_results(folder)
    return str(err.value)


@pytest.mark.parametrize(("command", "said"), [
    ("init", "is a dataset (written by carbonpath init), not a run's results"),
    ("montecarlo", "is a Monte Carlo result store"),
])
def test_report_of_a_dataset_or_store_says_what_the_folder_is(tmp_path, command, said):
    """U39, U40: the folder's manifest names the command that wrote it."""
    (tmp_path / MANIFEST).write_text(json.dumps({"command": command, "files": {}}),
                                     encoding="utf-8")
    text = _results_folder_check(tmp_path)
    assert said in text
    if command == "montecarlo":
        assert f"--montecarlo {tmp_path}" in text


def test_unfinished_store_is_refused_per_scenario(tmp_path):
    """U99: 400 asked, baseline holds samples 0..71 (72), plan none."""
    from carbonpath.report.montecarlo import _check_finished

    manifest = {"inputs": {"settings": {"samples": 400, "scenarios": ["baseline", "plan"]}}}
    rows = pd.DataFrame({"scenario": ["baseline"] * 144,
                         "sample": [i // 2 for i in range(144)]})
    with pytest.raises(ResultsError) as err:
        _check_finished(tmp_path, manifest, rows)
    assert "baseline: 72 of 400" in str(err.value)
    assert "plan: 0 of 400" in str(err.value)
    full = pd.DataFrame({"scenario": ["baseline"] * 4 + ["plan"] * 4,
                         "sample": [0, 1, 2, 3] * 2})
    manifest["inputs"]["settings"]["samples"] = 4
    _check_finished(tmp_path, manifest, full)  # finished: no error


def test_committed_type_without_option_says_why_and_lists_only_buildable_types(tmp_path):
    """U157: the sample (CN-SD) has no offshore fleet and its province no offshore profile."""
    from carbonpath.errors import DataError
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, SAMPLE

    with pytest.raises(DataError) as err:
        init_dataset(BALANCE, out=tmp_path / "o", committed=_frame(
            COMMITTED, "wind_offshore,2024,40,万千瓦,approved"), names={"committed": "c.csv"},
            **SAMPLE)
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("c.csv", 2, "type")
    assert "has no 'wind_offshore' row" in problem.message
    assert "no 'wind_offshore' availability" in problem.message
    assert "wind_offshore" not in problem.valid
    assert "wind_onshore" in problem.valid


def test_captive_generation_far_below_a_fleets_hours_is_warned():
    """U87: 52 万千瓦时 = 520 MWh over 100 万千瓦 = 1,000 MW is 0.52 h (coal floor 1,500 h);
    52 亿千瓦时 = 5,200,000 MWh would be 5,200 h."""
    from carbonpath.init.captive import CaptiveHoursWarning, read_captive

    frame = _frame("part,code,value,unit,source", "capacity,coal,100,万千瓦,a",
                   "generation,coal,52,万千瓦时,a", "serves,industry,,,a", "tie,,200,万千瓦,a")
    with pytest.warns(CaptiveHoursWarning) as seen:
        read_captive(frame, ["coal", "gas"], name="c.csv")
    text = str(seen[0].message)
    assert "c.csv, row 3, column 'value'" in text
    assert "0.52 full-load hours" in text
    assert "52 亿千瓦时 = 5,200,000 MWh (5,200 h)" in text


def test_workbook_reference_year_before_base_offers_what_the_sheet_can_hold():
    """U94: the targets sheet has no column for plan.yaml's ``reference``."""
    from types import SimpleNamespace

    from carbonpath.dataset.target_domains import _reference_year
    from carbonpath.errors import DataError, Problem
    from carbonpath.init.target_checks import ARGUMENT, on_sheet

    target = {"type": "energy_intensity", "year": 2025, "relative_to": 2020}
    message, valid = _reference_year(2020, target, SimpleNamespace(years=range(2023, 2036)))
    exc = DataError([Problem(message, file=ARGUMENT, key="targets[0].relative_to",
                             valid=valid)], "plan targets")
    (p,) = on_sheet(exc, [3], "city.xlsx, sheet 'targets'").problems
    assert (p.row, p.column) == (3, "relative_to")
    assert "the sheet has no column for a reference intensity" in p.message
    assert p.valid.startswith("a year within 2023 .. 2035; or leave the row out")


def test_init_dataset_names_its_own_balance_argument(tmp_path):
    """U145: not read_energy_balance()'s 'source'."""
    from carbonpath.errors import ArgumentTypeError
    from carbonpath.init import init_dataset
    from tests.init_sample import SAMPLE

    with pytest.raises(ArgumentTypeError, match=r"init_dataset\(\): argument 'balance'"):
        init_dataset(None, out=tmp_path / "o", **SAMPLE)


def test_render_report_names_its_out_dir_argument(tmp_path):
    """U150: an API caller gave out_dir, not --out."""
    from carbonpath.errors import OutputFolderError
    from carbonpath.report import render_report

    file = tmp_path / "report.md"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError) as err:
        render_report(tmp_path, out_dir=file)
    assert str(err.value).startswith(f"out_dir {file} exists and is a file")


def test_init_passes_on_the_inventorys_low_ammonia_warning(tmp_path):
    """U122: ammonia 25 kt (for 25 万吨) emits 25,000 t x 2.104 t CO2/t = 52,600 t = 0.0526 Mt
    of process CO2, under 5 % of its sector's fuel carbon (the sample's 25 万吨: no warning)."""
    from carbonpath.accounting.plausible_usual import LowCarbonShareWarning
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, SAMPLE

    text = SAMPLE["production"].read_text(encoding="utf-8")
    assert "ammonia,25,万吨" in text
    path = tmp_path / "production.csv"
    path.write_text(text.replace("ammonia,25,万吨", "ammonia,25,kt"), encoding="utf-8")
    line = 1 + text.splitlines().index(next(r for r in text.splitlines()
                                             if r.startswith("ammonia")))
    with pytest.warns(LowCarbonShareWarning) as seen:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "production": path})
    (message,) = [str(w.message) for w in seen if w.category is LowCarbonShareWarning]
    assert message.startswith(f"production.csv, row {line}, column 'value': ammonia 25 kt")
    assert "0.0526 Mt of process CO2" in message


def test_unfinished_store_of_all_scenarios_is_refused(tmp_path):
    """A store asked for every scenario (no list recorded): those it holds are counted."""
    from carbonpath.report.montecarlo import _check_finished

    manifest = {"inputs": {"settings": {"samples": 10, "scenarios": None}}}
    rows = pd.DataFrame({"scenario": ["plan"] * 3, "sample": [0, 1, 2]})
    with pytest.raises(ResultsError, match="plan: 3 of 10"):
        _check_finished(tmp_path, manifest, rows)
