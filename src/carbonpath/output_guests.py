"""Files one command writes into another command's output folder (round-10 A36).

``template X1/city.xlsx`` into an ``init`` dataset, then ``init --out X1`` again, deleted
the workbook: the manifest listed it as the folder's, and ``init`` replaces its folder as a
whole. A file that a named command writes into a folder another command wrote is recorded
in the manifest's ``"owners"`` (``{"city.xlsx": "template"}``); no other command replaces or
removes it (:func:`refuse_guest_files`, called by :func:`carbonpath.outputs.check`). A
folder that ``template`` itself made is the template's (:mod:`carbonpath.output_owner`).
A path where a command writes a file but the user has a folder is refused too
(:func:`refuse_wrong_kind`, round 20 W112): no folder is ever replaced by a file.
"""

from __future__ import annotations

import json
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["GUESTS", "owners_of", "refuse_guest_files", "refuse_wrong_kind"]

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
