"""Round-9 R11 and X05: a report says on top what the reader must know before the numbers.

R11: a report rendered from results edited after the run (``report --accept-edited``)
names the edited files. X05: a dataset's ``caveats`` (``init --allow-implausible`` writes
one per accepted implausible value) reach the report's first screen. One run of tiny (no
sensitivity, no peak curve) and one render serve both.
"""

from __future__ import annotations

import json
import shutil

import pytest

import carbonpath as cp
from carbonpath.errors import DataError
from carbonpath.report import render_report
from carbonpath.run import run
from tests.conftest import TINY

CAVEAT = "init accepted a coal plant converting 61.5 % of its fuel energy"


def test_edited_results_and_dataset_caveats_are_on_top_of_every_page(tmp_path,
                                                                     placeholder_png):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(f"caveats:\n  - '{CAVEAT}'\n")
    out = run(folder, tmp_path / "out", report=False, sensitivity=0, peak_years=[])
    assert json.loads((out / "results" / "run.json").read_text())["dataset"]["caveats"] == [
        CAVEAT]
    edited = out / "results" / "pathways" / "plan" / "emissions_total.csv"
    lines = edited.read_text(encoding="utf-8").splitlines()
    lines[1] = "2024,1.0," + lines[1].split(",", 2)[2]  # R11's hand edit of 2024
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    render_report(out, tmp_path / "rep")
    first = {"report.md": "## Contents", "report.html": '<section id="overview">',
             "annex.md": "The full tables", "annex.html": "The full tables"}  # what follows
    for page, marker in first.items():
        text = (tmp_path / "rep" / page).read_text(encoding="utf-8")
        top = text[:text.index(marker)]
        assert "pathways/plan/emissions_total.csv" in top, page  # before any number
        assert "--accept-edited" in top, page
        assert CAVEAT in top, page


def test_an_unedited_run_without_caveats_has_no_banner():
    from carbonpath.report.caveats import caveats

    assert caveats(lambda key, **kw: key, {"dataset": {}}, {}) == []
    assert caveats(lambda key, **kw: key, {"dataset": {"caveats": ["a"]}},
                   {"edited_results": ["x.csv"]}) == ["caveat_edited", "caveat_dataset"]


@pytest.mark.parametrize("value", ["'one text'", "[1]", "['']"])
def test_caveats_must_be_a_list_of_texts(tmp_path, value):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(f"caveats: {value}\n")
    with pytest.raises(DataError, match="caveats must be a list of texts"):
        cp.load_dataset(folder)


def test_a_plausibility_override_is_a_caveat_of_the_dataset(tmp_path):
    from carbonpath.dataset.caveats import dataset_caveats
    from tests.conftest import edit
    from tests.test_dataset_slips import add_column

    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with open(folder / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write(f"caveats:\n  - '{CAVEAT}'\n")
    # tiny's parameters.csv line 10: pv lifetime 25 yr; 25 month is refused without override
    edit(folder, "parameters.csv", "pv,lifetime,,25,yr", "pv,lifetime,,25,month")
    add_column(folder, "parameters.csv", "plausibility", {10: "override: a rental panel"})
    with pytest.warns(cp.errors.CarbonpathWarning):
        ds = cp.load_dataset(folder)
    assert dataset_caveats(ds) == [
        CAVEAT, "parameters.csv line 10: pv lifetime 25 month accepted as given "
                "(override: a rental panel)"]
