"""Round 20 (issue 11): cases of /work/tester20w handled by rel55.

W112/W110/W113 (a writer given the path of the user's folder: the folder was removed, or the
message named a file that does not exist), W76/W77 (a ``region`` column in the decompose
drivers file, unread), W133 (a blank GDP price_year filled from another row), W120 (a user
coal_rate row of the other basis unused without a word), W62 (calcium carbide suggested as
lime), W06 (万吉焦, 10^4 GJ).
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.errors import OutputFolderError
from carbonpath.outputs import prepare

ACTIVITY = ("sector,fuel,value,unit,use\n"
            "工业,原煤,10,万吨,\n"
            "工业,电力,5,亿千瓦时,\n"
            "调入调出,电力,3,亿千瓦时,import\n"
            "调入调出,电力,1,亿千瓦时,export\n")


@pytest.fixture
def inventory(tmp_path):
    act = tmp_path / "act.csv"
    act.write_text(ACTIVITY, encoding="utf-8")
    return cp.compute_inventory(cp.read_activity(act, region="聊城", year=2022),
                                primary_electricity="calorific")


@pytest.mark.parametrize("notes", [False, True])
def test_to_csv_refuses_the_users_folder_and_keeps_it(tmp_path, inventory, notes):
    """W112 (empty folder removed) and W113 (message named keep's parent/notes.txt)."""
    keep = tmp_path / "keep"
    keep.mkdir()
    if notes:
        (keep / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is a folder") as info:
        inventory.to_csv(keep)
    assert f"{keep} is a folder" in str(info.value)
    assert str(tmp_path / "notes.txt") not in str(info.value)  # no file that does not exist
    assert keep.is_dir()
    assert sorted(p.name for p in keep.iterdir()) == (["notes.txt"] if notes else [])
    inventory.to_csv(keep / "e.csv")  # a file inside the folder is fine
    assert (keep / "e.csv").is_file()


def test_prepare_refuses_a_folder_where_a_file_goes_and_a_file_where_a_folder_goes(tmp_path):
    """The same kind for every writer (report, results, stores use prepare)."""
    dest = tmp_path / "out"
    (dest / "report.html").mkdir(parents=True)  # empty: nothing to list, still the user's
    with pytest.raises(OutputFolderError, match=r"report\.html is a folder"), \
            prepare(dest, will_write=["report.html"]):
        pass
    assert (dest / "report.html").is_dir()
    (dest / "figures").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="figures is a file"), \
            prepare(dest, will_write=["figures/"]):
        pass
    assert (dest / "figures").read_text(encoding="utf-8") == "mine"
