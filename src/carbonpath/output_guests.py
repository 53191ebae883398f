"""Files one command writes into another command's output folder (round-10 A36).

``template X1/city.xlsx`` into an ``init`` dataset, then ``init --out X1`` again, deleted
the workbook: the manifest listed it as the folder's, and ``init`` replaces its folder as a
whole. A file that a named command writes into a folder another command wrote is recorded
in the manifest's ``"owners"`` (``{"city.xlsx": "template"}``); no other command replaces or
removes it (:func:`refuse_guest_files`, called by :func:`carbonpath.outputs.check`). A
folder that ``template`` itself made is the template's (:mod:`carbonpath.output_owner`).
A path where a command writes a file but the user has a folder is refused too
(:func:`refuse_wrong_kind`, round 20 W112): no folder is ever replaced by a file.

The manifest records files only, so a folder of the user's that holds no file (an empty
``notes/`` made for later) is neither refused nor replaced: :func:`empty_folders` lists such
folders before a command replaces what holds them and :func:`restore_folders` makes them
again afterwards (round 20: ``run`` and ``init`` removed them).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["GUESTS", "empty_folders", "manifest_damage", "owners_of", "refuse_damaged_manifests",
           "refuse_guest_files", "refuse_wrong_kind", "restore_folders"]

#: commands that add a file to a folder of any command (its other files untouched): the
#: file is then recorded as theirs (``"owners"``) and no other command replaces it.
GUESTS = frozenset({"template"})


def owners_of(folder: str | Path) -> dict[str, str]:
    """The files of ``folder`` that a command other than the folder's wrote: file -> command.

    Read from the manifest's ``"owners"`` (empty for a folder without one).
    """
    from carbonpath.outputs import MANIFEST

    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    owners = data.get("owners") if isinstance(data, dict) else None
    if not isinstance(owners, dict):
        return {}
    return {str(k): str(v) for k, v in owners.items()}


def refuse_guest_files(dest: Path, touched: list[str], command: str | None,
                       option: str = "--out") -> None:
    """Raise if a command would replace or remove a file another command wrote into ``dest``.

    Parameters
    ----------
    dest : pathlib.Path
        The output folder.
    touched : list of str
        The files of ``dest`` (relative) the command would replace or remove.
    command : str or None
        The writing command (None: one that does not name itself).

    Raises
    ------
    OutputFolderError
        Naming each such file and the command that wrote it (the manifest's ``"owners"``).
    """
    if not dest.is_dir():
        return
    owners = owners_of(dest)
    theirs = [(rel, owners[rel]) for rel in touched if rel in owners and owners[rel] != command]
    if not theirs:
        return
    listed = ", ".join(f"{dest / rel} (written by carbonpath {who})"
                       for rel, who in theirs)
    me = f"carbonpath {command}" if command else "this command"
    msg = (f"{option} {dest} holds {listed}, which {me} would replace or remove; a command "
           "replaces only files it wrote, so move that file away or choose another output "
           "folder")
    raise OutputFolderError(msg)


def refuse_wrong_kind(dest: Path, names: tuple[str, ...], option: str) -> None:
    """Refuse a folder where the command writes a file, or a file where it writes a folder.

    A folder is never replaced by a file, even an empty one or one holding only carbonpath's
    files: the path names the folder, so the user most likely meant a file inside it (W112).
    """
    for name in names:
        path = dest / name.rstrip("/")
        if not name.endswith("/") and path.is_dir():
            msg = (f"{option} {path} is a folder, but this command writes a file of that name "
                   "in its place; carbonpath never replaces a folder, so give the path of a "
                   "file (for example a new file name inside that folder) or move the folder "
                   "away")
            raise OutputFolderError(msg)
        if name.endswith("/") and (path.is_file() or (path.is_symlink() and not path.is_dir())):
            msg = (f"{option} {path} is a file, but this command writes a folder of that name "
                   "in its place; move the file away or choose another output folder")
            raise OutputFolderError(msg)


def empty_folders(folder: str | Path, skip: str = "") -> list[str]:
    """The folders under ``folder`` that hold no file at any depth, as relative POSIX paths.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder to search (nothing is returned if it is not a folder or is a link).
    skip : str
        A name prefix of folders to leave out (carbonpath's hidden staging folders).

    Returns
    -------
    list of str
        The deepest empty folders (their parents are implied), sorted.
    """
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not (skip and d.startswith(skip)))
        if not names and not dirs and Path(root) != folder:
            found.append(Path(root).relative_to(folder).as_posix())
    return found


def restore_folders(folder: str | Path, rels: list[str]) -> None:
    """Make each folder ``rels`` (relative to ``folder``) again, with its parents.

    A path that now holds a file is left as it is (a command's output took its place).
    """
    for rel in rels:
        path = Path(folder) / rel
        if not any(p.is_file() for p in (path, *path.parents)):
            path.mkdir(parents=True, exist_ok=True)


def manifest_damage(path: Path) -> str:
    """Why the manifest file ``path`` cannot be read ('' if it reads, or there is none).

    A full disk or a sync conflict leaves a truncated manifest (``{broken``); read as no
    manifest, it made carbonpath call every file it wrote foreign (round 22, N132).
    """
    if not path.is_file():
        return ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"it is not readable JSON: {exc}"
    if not (isinstance(data, dict) and data.get("format") == "carbonpath-manifest/1"
            and isinstance(data.get("files"), dict)):
        return "it is not a carbonpath manifest (no format carbonpath-manifest/1 with files)"
    return ""


def refuse_damaged_manifests(dest: Path, paths: list[Path], option: str) -> None:
    """Refuse ``dest`` naming its damaged manifests (``paths``: the manifests that count).

    Such a manifest is why carbonpath cannot tell its own files there from others' (N132).

    Raises
    ------
    OutputFolderError
        Naming each damaged manifest, what is wrong with it and what to do.
    """
    damaged = [f"{p} ({why})" for p in paths if (why := manifest_damage(p))]
    if damaged:
        msg = (f"{option} {dest}: its manifest is damaged, so carbonpath cannot tell the "
               f"files it wrote there from others': {'; '.join(damaged)} (a full disk or a "
               "sync conflict leaves one so); choose another output folder, or move this "
               "one away and run the command that made it again")
        raise OutputFolderError(msg)
