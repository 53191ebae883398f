"""Round-10 case A36: a command replaces only files it wrote (owner in the manifest).

``template X1/city.xlsx`` then ``init --out X1`` deleted the workbook; a template written
into an init dataset was listed as init's, so re-running init deleted it too. Every pair of
the template with a folder-owning command is tried, in both orders where both can happen.
"""

from __future__ import annotations

import json

import pytest

from carbonpath import OutputFolderError
from carbonpath.init.workbook import write_template
from carbonpath.init.write import check_folder
from carbonpath.output_guests import owners_of
from carbonpath.output_owner import writer_of
from carbonpath.outputs import MANIFEST, check, prepare
from carbonpath.sweeps.store import check_store
from tests.test_round8_output_owner import MAKERS, _init_folder  # folders of each command

pytest.importorskip("openpyxl")


# each folder-owning command's own check of its output folder, before any work
CHECKS = {"run": lambda f: check(f, ["results/"], exclusive=True, command="run"),
          "init": check_folder, "montecarlo": check_store}


def _names(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("command", list(CHECKS))
def test_a_folder_template_made_is_not_replaced_by_another_command(tmp_path, command):
    folder = tmp_path / "X1"
    folder.mkdir()
    write_template(folder / "city.xlsx")
    assert writer_of(folder) == "template"
    before = _names(folder)
    with pytest.raises(OutputFolderError, match="written by carbonpath template"):
        CHECKS[command](folder)
    assert _names(folder) == before


@pytest.mark.parametrize("command", list(MAKERS))
def test_a_template_inside_another_commands_folder_is_the_templates(tmp_path, command):
    folder = MAKERS[command](tmp_path / "out")
    write_template(folder / "city.xlsx")
    assert writer_of(folder) == command  # the folder keeps its writer
    assert owners_of(folder) == {"city.xlsx": "template"}
    before = _names(folder)
    with pytest.raises(OutputFolderError) as info:
        CHECKS[command](folder)  # the command would remove the whole folder, city.xlsx too
    assert str(folder / "city.xlsx") in str(info.value)
    assert "written by carbonpath template" in str(info.value)
    assert _names(folder) == before
    write_template(folder / "city.xlsx")  # the template may replace its own file
    assert owners_of(folder) == {"city.xlsx": "template"}


def test_a_non_exclusive_writer_does_not_replace_the_templates_file(tmp_path):
    folder = _init_folder(tmp_path / "ds")
    write_template(folder / "city.xlsx")
    # a writer that does not name itself may not write into a dataset at all (round 20, Y27)
    with pytest.raises(OutputFolderError, match=r"is a dataset folder"):
        check(folder, ["city.xlsx"])
    # init may, but not over the template's file (e.g. an output saved under the same name)
    with pytest.raises(OutputFolderError, match=r"city\.xlsx \(written by carbonpath template"):
        check(folder, ["city.xlsx"], command="init")
    # files beside it are written as before, and the template stays the template's
    with prepare(folder, will_write=["extra.md"], command="init") as out:
        out.path("extra.md").write_text("x")
    data = json.loads((folder / MANIFEST).read_text())
    assert data["command"] == "init"
    assert data["owners"] == {"city.xlsx": "template"}
    assert {"extra.md", "city.xlsx"} <= set(data["files"])


def test_template_over_a_template_it_wrote_is_allowed(tmp_path):
    path = write_template(tmp_path / "new" / "city.xlsx")
    write_template(path)  # unchanged: replaced
    assert writer_of(path.parent) == "template"
    assert owners_of(path.parent) == {}
