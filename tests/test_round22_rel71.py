"""Round 22 (issue 11): messages of reports, Monte Carlo and the Python API (rel71).

N45 a name given twice in uncertainty.csv names both lines; N47 N89 captive output above its
capacity x 8,760 h is refused naming the rows and the hours; N126 a Monte Carlo of fewer
than 20 samples is cautioned; N132 a damaged output manifest is named as such; N154 a
BalanceSheet passed for activity points to ``bs.activity``; N164 an .xls workbook is told
to be saved as .xlsx.
"""

import io
import json
import shutil
import warnings

import pandas as pd
import pytest

from carbonpath import load_dataset
from carbonpath._resources import data_path
from carbonpath.errors import ArgumentTypeError, DataError, OutputFolderError, ResultsError


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_an_uncertain_input_named_twice_names_both_lines(tmp_path):
    from carbonpath.dataset.uncertainty import load_uncertainty

    folder = tmp_path / "tiny"
    shutil.copytree(load_dataset("tiny").path, folder)
    path = folder / "uncertainty.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # line 3 (battery_capex) takes line 2's name (pv_capex): two different rows, one name
    assert lines[1].startswith("pv_capex,")
    assert lines[2].startswith("battery_capex,")
    lines[2] = "pv_capex," + lines[2].split(",", 1)[1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_uncertainty(load_dataset(folder))
    (twice,) = [p for p in info.value.problems if "given 2 times" in p.message]
    assert "lines 2, 3" in twice.message
    assert (twice.file, twice.row, twice.column, twice.value) == (
        "uncertainty.csv", 2, "input", "pv_capex")


def test_captive_generation_above_capacity_times_a_year_is_refused():
    from carbonpath.init.captive import read_captive

    # hand: 100 万千瓦 = 1,000 MW; 100 亿千瓦时 = 1e10 kWh = 10,000,000 MWh, which is
    # 10,000 h of 1,000 MW: more than 8,760 h; at most 1,000 x 8,760 = 8,760,000 MWh, or
    # at least 10,000,000 / 8,760 = 1,141.55 MW
    bad = _frame("part,code,value,unit,source\n"
                 "capacity,coal,100,万千瓦,park units\n"
                 "generation,coal,100,亿千瓦时,park generation\n"
                 "serves,industry,,,park\n"
                 "tie,,200,万千瓦,tie\n")
    with pytest.raises(DataError) as info:
        read_captive(bad, ["coal"], name="captive.csv")
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("captive.csv", 3, "value")
    assert "10,000 full-load hours" in p.message
    assert "(row 2)" in p.message
    assert "8,760 hours of a year" in p.message
    assert "at most 8,760,000 MWh" in p.valid
    assert "at least 1,141.6 MW" in p.valid
    # 8,760,000 MWh (87.6 亿千瓦时) is exactly a full year: possible, read without a word
    ok = bad.copy()
    ok.loc[1, "value"] = "87.6"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cap = read_captive(ok, ["coal"], name="captive.csv")
    assert cap.generation["coal"][0] == pytest.approx(8_760_000.0)


def test_captive_heat_above_its_capacity_times_a_year_is_refused():
    from carbonpath.catalogue import load_catalogue
    from carbonpath.init.captive import read_captive
    from carbonpath.init.captive_heat import heat_types

    # hand: 1000 万百万千焦 = 1000 x 1e4 x 1e6 kJ = 1e7 GJ; 5 MW for 8,760 h makes
    # 5 x 8,760 x 3.6 = 157,680 GJ; 1e7 GJ / 3.6 / 5 MW = 555,556 h
    bad = _frame("part,code,value,unit,source\n"
                 "heat_capacity,coal_chp,5,MW,park CHP heat side\n"
                 "heat_output,coal_chp,1000,万百万千焦,park CHP heat\n"
                 "serves,industry,,,park\n"
                 "tie,,200,万千瓦,tie\n")
    with pytest.raises(DataError) as info:
        read_captive(bad, ["coal"], name="captive.csv", heat_types=heat_types(load_catalogue()))
    (p,) = info.value.problems
    assert (p.row, p.column) == (3, "value")
    assert "555,556 full-load hours" in p.message
    assert "(row 2)" in p.message
    assert "at most 157,680 GJ" in p.valid


def test_fewer_than_twenty_samples_are_cautioned():
    from carbonpath.sweeps.analysis import MIN_SAMPLES, few_samples

    assert MIN_SAMPLES == 20
    # one sample: a probability of 0 % or 100 % only (steps of 1/1); 8: steps of 1/8 = 12.5 %
    assert "steps of 100%" in few_samples(1)
    assert "steps of 12%" in few_samples(8)
    assert "--samples 20 or more" in few_samples(19)
    assert few_samples(20) == ""


def test_a_report_from_a_store_of_few_samples_warns_and_says_so(tiny_out, tmp_path,
                                                                placeholder_png):
    from carbonpath.report.render import render_report
    from carbonpath.sweeps import montecarlo
    from carbonpath.sweeps.analysis import FewSamplesWarning

    store = tmp_path / "mc"
    montecarlo("tiny", samples=2, seed=1, workers=1, out=store, scenarios=["plan"])
    with pytest.warns(FewSamplesWarning, match="2 Monte Carlo sample"):
        render_report(tiny_out / "results", tmp_path / "rep", montecarlo=store)
    text = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "Caution: 2 samples are too few" in text
    assert "steps of 1/2" in text


def test_a_damaged_manifest_is_named_not_its_files_called_foreign(tmp_path):
    from carbonpath.outputs import MANIFEST, check, prepare
    from carbonpath.sweeps.store_checks import check_store_files

    dest = tmp_path / "out"
    with prepare(dest, will_write=["report.md", "figures/"]) as folder:
        folder.path("report.md").write_text("# r\n", encoding="utf-8")
        folder.path("figures/a.png").write_text("png", encoding="utf-8")
    (dest / MANIFEST).write_text("{broken", encoding="utf-8")  # a full disk's truncation
    with pytest.raises(OutputFolderError) as info:
        check(dest, ["report.md", "figures/"])
    text = str(info.value)
    assert "manifest is damaged" in text
    assert str(dest / MANIFEST) in text
    assert "not readable JSON" in text
    assert "did not write" not in text
    # a run folder owned as a whole: the same, not "not an earlier carbonpath output"
    with pytest.raises(OutputFolderError, match="manifest is damaged"):
        check(dest, ["report.md"], exclusive=True)
    # valid JSON of another shape is named too
    (dest / MANIFEST).write_text(json.dumps({"files": []}), encoding="utf-8")
    with pytest.raises(OutputFolderError, match="not a carbonpath manifest"):
        check(dest, ["report.md", "figures/"])
    # results under a damaged manifest: the report's warning names it, not "no manifest"
    from carbonpath.output_changes import unverified_text

    (dest / MANIFEST).write_text("{broken", encoding="utf-8")
    text = unverified_text(dest)
    assert f"{dest / MANIFEST} is damaged" in text
    assert "no .carbonpath" not in text
    # a store with a damaged manifest is refused, not read as one written before manifests
    with pytest.raises(ResultsError, match="cannot be read"):
        check_store_files(dest)


def test_a_balance_sheet_for_activity_is_told_to_pass_its_activity():
    import carbonpath as cp

    bs = cp.read_energy_balance(data_path("datasets") / "samples" / "energy_balance_sample.csv",
                                year=2022, region="CN-SD")
    with pytest.raises(ArgumentTypeError, match=r"pass bs\.activity"):
        cp.compute_inventory(bs, region="CN-SD", year=2022)
    with pytest.raises(ArgumentTypeError, match="pass the BalanceSheet"):
        cp.reference_approach(pd.DataFrame({"sector": []}))


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_an_old_workbook_is_told_to_be_saved_as_xlsx(tmp_path, suffix):
    from carbonpath._io import open_workbook
    from carbonpath.init.workbook import read_workbook

    path = tmp_path / f"city{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)  # an OLE2 (Excel 97-2003) header
    for call in (lambda: open_workbook(path), lambda: read_workbook(path)):
        with pytest.raises(DataError) as info:
            call()
        text = str(info.value)
        assert "save it as an .xlsx workbook" in text
        assert "xlrd" not in text
    # the same bytes under an .xlsx name are named for what they are
    renamed = tmp_path / "city.xlsx"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(DataError, match=r"Excel 97-2003 workbook \(\.xls\) under another name"):
        open_workbook(renamed)


def test_a_duplicate_mapping_or_catalogue_row_names_the_first_row_too(tmp_path):
    from carbonpath._resources import data_path
    from carbonpath.catalogue import load_catalogue
    from carbonpath.init.mapping import read_mapping

    # a DataFrame's rows are lines 2, 3 ... as in a CSV file: its first row again at its end
    table = read_mapping().table.reset_index(drop=True)
    table.loc[len(table)] = table.loc[0]
    with pytest.raises(DataError) as info:
        read_mapping(table)
    (p,) = info.value.problems
    assert p.row == len(table) + 1
    assert "as row 2" in p.message
    # a user catalogue whose technologies.csv repeats its first technology at its end
    folder = tmp_path / "catalogue"
    shutil.copytree(data_path("catalogue"), folder)
    path = folder / "technologies.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue(folder)
    (p,) = [p for p in info.value.problems if "duplicate technology" in p.message]
    assert p.row == len(lines) + 1
    assert "row 2 defines it too" in p.message
