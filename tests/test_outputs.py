"""Output folders (issue 11): carbonpath replaces only files it wrote itself, unchanged.

These tests use :mod:`carbonpath.outputs` directly (no solving); the writing commands
(run, report, optimise --out, Pathway.to_csv) are tested in tests/test_outputs_commands.py.
"""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import OutputFolderError
from carbonpath.outputs import MANIFEST, check, manifest, prepare


def _write(dest, files, will_write=None, exclusive=False):
    """Write ``files`` (relative name -> text) through prepare, as a command would."""
    with prepare(dest, will_write=will_write or list(files), exclusive=exclusive) as folder:
        for rel, text in files.items():
            folder.path(rel).write_text(text, encoding="utf-8")


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if "carbonpath-" in p.name)


def test_the_manifest_lists_every_written_file_with_its_sha256(tmp_path):
    dest = tmp_path / "out"
    _write(dest, {"a.csv": "x,y\n1,2\n", "figures/f.svg": "<svg/>"},
           will_write=["a.csv", "figures/"])
    body = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
    expected = {"a.csv": "sha256:" + hashlib.sha256(b"x,y\n1,2\n").hexdigest(),
                "figures/f.svg": "sha256:" + hashlib.sha256(b"<svg/>").hexdigest()}
    assert body["files"] == expected
    assert _leftovers(tmp_path) == []  # no staging folder, no lock file


def test_own_files_are_replaced_and_stale_ones_removed_the_users_left_alone(tmp_path):
    dest = tmp_path / "out"
    _write(dest, {"a.csv": "1", "figures/old.png": "old"}, will_write=["a.csv", "figures/"])
    (dest / "notes.txt").write_text("mine")  # outside what the command writes
    _write(dest, {"a.csv": "2", "figures/new.png": "new"}, will_write=["a.csv", "figures/"])
    assert (dest / "a.csv").read_text() == "2"
    assert not (dest / "figures" / "old.png").exists()  # carbonpath's, no longer written
    assert (dest / "figures" / "new.png").read_text() == "new"
    assert (dest / "notes.txt").read_text() == "mine"
    assert set(manifest(dest)) == {"a.csv", "figures/new.png"}


@pytest.mark.parametrize("case", ["same name", "edited output", "png in owned folder",
                                  "folder where a file goes"])
def test_files_in_the_way_are_refused_before_any_work(tmp_path, case):
    dest = tmp_path / "out"
    _write(dest, {"a.csv": "1"}, will_write=["a.csv", "figures/"])
    mine = {"same name": dest / "b.csv", "edited output": dest / "a.csv",
            "png in owned folder": dest / "figures" / "user.png",
            "folder where a file goes": dest / "b.csv" / "inner.txt"}[case]
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("the user's")
    worked = []
    named = r"b\.csv is a folder" if case == "folder where a file goes" else mine.name
    with (pytest.raises(OutputFolderError, match=named) as info,
          prepare(dest, will_write=["a.csv", "b.csv", "figures/"])):
        worked.append(True)  # the expensive work: must not start
    assert worked == []
    assert str(dest) in str(info.value)
    assert mine.read_text() == "the user's"
    assert _leftovers(tmp_path) == []


def test_an_exclusive_folder_refuses_anything_not_listed(tmp_path):
    dest = tmp_path / "run"
    _write(dest, {"results/run.json": "{}"}, will_write=["results/"], exclusive=True)
    (dest / "notes.txt").write_text("mine")
    with pytest.raises(OutputFolderError, match=r"notes\.txt"):
        _write(dest, {"results/run.json": "{}"}, will_write=["results/"], exclusive=True)
    other = tmp_path / "mine"
    other.mkdir()
    (other / "data.csv").write_text("1")
    with pytest.raises(OutputFolderError, match="not an earlier carbonpath output"):
        check(other, ["results/"], exclusive=True)
    (other / "data.csv").unlink()
    _write(other, {"results/run.json": "{}"}, will_write=["results/"], exclusive=True)  # empty


def test_a_file_or_unwritable_destination_is_named_as_the_user_gave_it(tmp_path, monkeypatch):
    afile = tmp_path / "table.csv"
    afile.write_text("1")
    with pytest.raises(OutputFolderError, match="is a file"):
        check(afile, ["a.csv"])
    with pytest.raises(OutputFolderError, match="is a file"):
        check(afile / "sub", ["a.csv"])
    assert afile.read_text() == "1"
    # a read-only disk: access() reports EROFS (as root, permissions alone would not show)
    monkeypatch.setattr("carbonpath.outputs._writable", lambda folder: False)
    for dest in (tmp_path / "new" / "out", tmp_path):
        with (pytest.raises(OutputFolderError, match="read-only") as info,
              prepare(dest, ["a.csv"])):
            pytest.fail("the work started")
        assert str(dest) in str(info.value)
        assert "carbonpath-tmp" not in str(info.value)
    assert not (tmp_path / "new").exists()


def test_a_staging_folder_that_cannot_be_made_names_the_users_folder(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("carbonpath.outputs.tempfile.mkdtemp", refuse)
    dest = tmp_path / "deep" / "out"
    with (pytest.raises(OutputFolderError, match="Read-only file system") as info,
          prepare(dest, ["a.csv"])):
        pytest.fail("the work started")
    assert f"--out {dest} cannot be written" in str(info.value)
    assert not (tmp_path / "deep").exists()  # the parents it made are removed again


def test_a_failure_leaves_the_earlier_outputs_and_no_staging(tmp_path):
    dest = tmp_path / "out"
    _write(dest, {"a.csv": "1"})
    def fail(folder):
        folder.path("a.csv").write_text("half")
        raise RuntimeError("solver died")

    with pytest.raises(RuntimeError), prepare(dest, ["a.csv"]) as folder:
        fail(folder)
    assert (dest / "a.csv").read_text() == "1"
    assert _leftovers(tmp_path) == []
    with pytest.raises(RuntimeError), prepare(tmp_path / "x" / "new", ["a.csv"]):
        raise RuntimeError("solver died")
    assert not (tmp_path / "x").exists()


def test_a_second_writer_into_the_same_folder_gets_a_clear_error(tmp_path):
    dest = tmp_path / "out"
    with prepare(dest, ["a.csv"]) as folder:
        folder.path("a.csv").write_text("first")
        with pytest.raises(OutputFolderError, match="being written by another carbonpath"):
            _write(dest, {"a.csv": "second"})
    assert (dest / "a.csv").read_text() == "first"
    _write(dest, {"a.csv": "third"})  # the lock is gone with the first writer
    assert (dest / "a.csv").read_text() == "third"


def test_a_killed_writer_blocks_nothing_and_its_staging_is_removed(tmp_path):
    dest = tmp_path / "out"
    script = textwrap.dedent(f"""
        import os
        from carbonpath.outputs import prepare
        with prepare({str(dest)!r}, ["a.csv"]) as folder:
            folder.path("a.csv").write_text("half")
            os._exit(9)  # killed while writing
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert done.returncode == 9
    assert any("carbonpath-tmp" in name for name in _leftovers(tmp_path))
    _write(dest, {"a.csv": "whole"})
    assert (dest / "a.csv").read_text() == "whole"
    assert _leftovers(tmp_path) == []


_NAMES = st.sampled_from(["a.csv", "b.csv", "figures/f.png", "figures/g.svg", "results/r.csv",
                          "notes.txt"])


@given(ours=st.lists(_NAMES, unique=True), users=st.dictionaries(_NAMES, st.text(max_size=5)),
       written=st.lists(_NAMES, unique=True, min_size=1), exclusive=st.booleans())
def test_no_file_of_the_users_is_ever_lost(tmp_path_factory, ours, users, written, exclusive):
    dest = tmp_path_factory.mktemp("prop") / "out"
    owned = sorted({n.split("/")[0] + "/" if "/" in n else n for n in ours + written})
    if ours:
        _write(dest, dict.fromkeys(ours, "carbonpath"), will_write=owned, exclusive=exclusive)
    users = {n: t for n, t in users.items() if t != "carbonpath"}  # an edit changes the file
    for rel, text in users.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_bytes(text.encode("utf-8"))
    try:
        _write(dest, dict.fromkeys(written, "new"), will_write=owned, exclusive=exclusive)
    except OutputFolderError as exc:
        named = [rel for rel in users if str(dest / rel) in str(exc)]
        assert named or len(users) > 5  # the message names the files in the way
    for rel, text in users.items():
        assert (dest / rel).read_bytes() == text.encode("utf-8")


def test_a_manifest_in_a_subfolder_counts_too(tmp_path):
    dest = tmp_path / "run"
    _write(dest, {"results/run.json": "{}"}, will_write=["results/"], exclusive=True)
    with pytest.raises(OutputFolderError, match="is part of the output of"):
        _write(dest / "results", {"report.html": "r"})  # round 23 F15: refused up front
    from unittest import mock

    with mock.patch("carbonpath.output_owner.refuse_part", return_value=None):
        _write(dest / "results", {"report.html": "r"})  # as an older carbonpath let it be
    # carbonpath's, but another command's: the run replaces results/ as a whole, so it is
    # refused rather than deleting the report (round 21, K117 .. K121: a command replaces
    # only what it wrote itself)
    with pytest.raises(OutputFolderError, match=r"results, an output of carbonpath report"):
        _write(dest, {"results/run.json": "{}"}, will_write=["results/"], exclusive=True)
    assert (dest / "results" / "report.html").read_text() == "r"


def test_a_file_into_a_folder_whose_parent_is_read_only(tmp_path, monkeypatch):
    """``template ~/city.xlsx``: the home folder's parent cannot be written, the home can."""
    import carbonpath.outputs as outputs

    home = tmp_path / "home"
    home.mkdir()
    (home / "mine.txt").write_text("the user's", encoding="utf-8")
    monkeypatch.setattr(outputs, "_writable", lambda folder: Path(folder) != tmp_path)
    seen = []
    real = outputs._Lock.__init__

    def spy(self, path):
        seen.append(path)
        real(self, path)

    monkeypatch.setattr(outputs._Lock, "__init__", spy)
    with prepare(home, ["city.xlsx"]) as folder:
        assert folder.staging.parent == home  # staged inside, not beside
        folder.path("city.xlsx").write_text("template", encoding="utf-8")
    assert seen == [home / ".home.carbonpath-lock"]
    assert sorted(p.name for p in home.iterdir()) == [MANIFEST, "city.xlsx", "mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    _write(home, {"city.xlsx": "again"})  # its own file: replaced
    assert (home / "city.xlsx").read_text(encoding="utf-8") == "again"


@pytest.mark.parametrize("exclusive", [True, False])
def test_a_symlinked_destination_is_written_through_and_the_link_stays(tmp_path, exclusive):
    # round 18 O11 (init --out link), O12 (run --out link), link -> an earlier output `r`:
    # the link was renamed aside as a folder is, a real folder took its place, `r` kept its
    # old files and a hidden `.link.carbonpath-tmp-*` link was left. Now `r` gets the outputs.
    _write(tmp_path / "r", {"a.csv": "old\n"}, exclusive=exclusive)
    (tmp_path / "link").symlink_to("r")
    _write(tmp_path / "link", {"a.csv": "new\n"}, exclusive=exclusive)
    assert (tmp_path / "link").is_symlink()
    assert os.readlink(tmp_path / "link") == "r"
    assert (tmp_path / "r" / "a.csv").read_text(encoding="utf-8") == "new\n"
    assert _leftovers(tmp_path) == []  # no staging folder, lock or renamed link left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "r"]
    assert manifest(tmp_path / "r") == {
        "a.csv": ["sha256:" + hashlib.sha256(b"new\n").hexdigest()]}


def test_a_link_to_nothing_is_refused_naming_it(tmp_path):
    (tmp_path / "link").symlink_to("gone")
    with pytest.raises(OutputFolderError, match=r"link is a symbolic link to gone, which does "
                                                r"not exist"):
        check(tmp_path / "link", ["a.csv"], exclusive=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link"]


@pytest.mark.parametrize("exclusive", [True, False])
def test_an_empty_folder_of_the_users_survives_a_rewrite(tmp_path, exclusive):
    """The manifest lists files only; a user's empty folders are kept (round 20's last case)."""
    dest = tmp_path / "out"
    _write(dest, {"a.csv": "1", "figures/f.png": "f"}, will_write=["a.csv", "figures/"],
           exclusive=exclusive)
    made = ["later", "figures/mine", "figures/deep/er", "figures/f.png.d"]
    for rel in made:
        (dest / rel).mkdir(parents=True)
    _write(dest, {"a.csv": "2", "figures/g.png": "g"}, will_write=["a.csv", "figures/"],
           exclusive=exclusive)
    for rel in made:
        assert (dest / rel).is_dir(), rel
    assert (dest / "figures" / "g.png").read_text() == "g"
    assert not (dest / "figures" / "f.png").exists()
    assert set(manifest(dest)) == {"a.csv", "figures/g.png"}
    assert _leftovers(tmp_path) == []
