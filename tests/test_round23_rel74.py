"""Round 23 (rel74): init, uncertainty and output cases of issue 11.

F51 a capacity type whose profile the province lacks listed load shapes as valid types;
F109 an uncertainty row with a year where the parameter's one row leaves its year blank;
F15 ``report --out`` inside a run's own output folder; F88 a product route whose process
CO2 exceeds the carbon of its feedstock rows while the sector burns that fuel.
Expected values are worked out by hand in each test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init import init_dataset
from tests.init_sample import BALANCE, INIT, SAMPLE

# F51 -------------------------------------------------------------------------------------

def test_f51_missing_profile_lists_capacity_types_not_load_shapes(tmp_path):
    # CN-SD's profile file holds pv, wind and five load_* shapes and no hydro profile; the
    # capacity types it can serve are those mapped to pv/wind technologies (pv, pv_utility,
    # pv_rooftop, wind, wind_onshore) and the storage types, which need no profile.
    text = (INIT / "sample_capacity.csv").read_text(encoding="utf-8")
    cap = tmp_path / "capacity.csv"
    cap.write_text(text + "hydro,10,万千瓦,x\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        init_dataset(BALANCE, out=tmp_path / "o", **{**SAMPLE, "capacity": cap})
    (p,) = [p for p in err.value.problems if "needs the profile" in p.message]
    assert (p.row, p.column) == (7, "type")
    assert "load_" not in p.valid
    listed = p.valid.split("(")[1].split(")")[0].split(", ")
    assert {"pv", "pv_utility", "pv_rooftop", "wind", "wind_onshore"} <= set(listed)
    assert "hydro" not in listed


# F109 ------------------------------------------------------------------------------------

def test_f109_a_year_on_a_blank_year_row_says_leave_year_blank():
    from carbonpath.dataset.uncertainty_rules import unmatched_key

    class _Data:  # key_column reads plain columns of the target table
        pass

    target = pd.DataFrame({"technology": ["pv_utility", "coal_usc"],
                           "parameter": ["max_new_capacity", "capex"],
                           "year": [float("nan"), 2030.0]})
    row = pd.Series({"technology": "pv_utility", "parameter": "max_new_capacity",
                     "year": 2030})
    column, valid = unmatched_key(_Data(), target, row, "parameters")
    assert column == "year"
    assert valid.endswith("year values in the rows of parameters.csv with "
                          "technology=pv_utility, parameter=max_new_capacity: none; its row "
                          "there has a blank year (every year): leave year blank to select it")
    # a typo in a key whose rows are all filled keeps the old text (no blank-row hint)
    typo = pd.Series({"technology": "coal_usc", "parameter": "capex", "year": 2031})
    column, valid = unmatched_key(_Data(), target, typo, "parameters")
    assert column == "year"
    assert "blank" not in valid


# F15 -------------------------------------------------------------------------------------

def test_f15_a_report_inside_a_run_s_own_files_is_refused_up_front(tmp_path):
    from carbonpath.errors import OutputFolderError
    from carbonpath.outputs import check, prepare

    run = tmp_path / "r"
    with prepare(run, will_write=["results/", "figures/", "report.html"], exclusive=True,
                 command="run") as out:
        out.path("results/run.json").write_text("{}")
        out.path("figures/costs.png").write_text("png")
        out.path("report.html").write_text("<p>")
    names = ["report.html", "figures/"]
    # figures/ holds 1 file of the run's manifest (figures/costs.png); results/ 1 (run.json)
    for part, listed in (("figures", "figures/costs.png"), ("results", "results/run.json")):
        with pytest.raises(OutputFolderError) as info:
            check(run / part, names)
        text = str(info.value)
        assert f"{run / part} is part of the output of carbonpath run" in text
        assert f"lists 1 file(s) here, e.g. {listed}" in text
    # a folder not yet made inside figures/ lies among the run's files as well
    with pytest.raises(OutputFolderError, match="would lie in"):
        check(run / "figures" / "zh", names)
    check(run / "zh", names)  # a new folder beside the run's files: kept across re-runs
    check(run, names)  # a report rendered into the run's own folder, as report r does
