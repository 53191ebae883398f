"""Output folders of other commands inside an output folder (round 21: K117, K118, K120, K121).

``carbonpath montecarlo base --out r/mc`` puts a Monte Carlo store inside the run folder
``r``; ``report r --out r/zh`` a report; ``run ds --out ds/results1`` a run inside a dataset.
Each has its own ``.carbonpath-manifest.json``. ``run`` and ``init`` replace their folder as
a whole (a staged folder renamed into place), and the nested folder went with it, exit 0
(``montecarlo`` checks its folder as a whole, and its batches replace ``summary/``). A
command replaces only what it wrote itself, so such a *nested output* (any folder below the
destination holding a manifest of its own, at any depth) is:

* **kept** across the swap: moved from the old folder into the new one at the same path
  (:func:`swap_keeping`). This is one ``rename`` per nested folder on the same disk: no copy,
  and nothing of the nested folder is read or rewritten;
* **refused** (:func:`refuse_nested`, an :class:`~carbonpath.OutputFolderError` naming the
  nested folder and the command that wrote it, before any work) where the command writes
  at that path itself: at it, inside it or around it (a store written as ``r/results/mc``
  sits in the run's ``results/``, which the run replaces as a whole). The check is made again
  on the staged files just before the swap, so a name the command could not tell beforehand
  (``init`` knows its file names only once it has read its inputs) is refused too, still
  before anything is replaced.

A command killed between the swap and the moves leaves the nested folder in the old folder,
a hidden ``.NAME.carbonpath-tmp-*`` beside the destination; the next command into the same
destination moves it back (:func:`rescue_nested`) before it removes that leftover.

Keeping rather than refusing: a store or a report inside a run folder is a natural layout,
and refusing would make every re-run a manual move; the rename is atomic, within one disk,
and touches no file of the nested folder, so keeping costs nothing and risks nothing that
the swap itself does not.

What else a whole-folder destination must not hold (the current folder, the command's own
inputs) is refused here too (:func:`refuse_around`, moved from :mod:`carbonpath.outputs`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from carbonpath.errors import OutputFolderError

__all__ = ["describe", "nested_outputs", "refuse_around", "refuse_nested", "rescue_nested",
           "swap_keeping"]


def nested_outputs(folder: str | Path, under: Iterable[str] | None = None,
                   skip: str = "") -> list[str]:
    """The outputs of other commands below ``folder``: subfolders holding their own manifest.

    Parameters
    ----------
    folder : str or pathlib.Path
        The output folder (nothing is found if it is not a folder or is a link).
    under : iterable of str, optional
        Search only these relative folders of ``folder`` (a command that writes only some
        names into a large folder does not walk all of it); default: all of ``folder``.
    skip : str
        A name prefix of folders to pass over (carbonpath's own staging folders).

    Returns
    -------
    list of str
        The topmost such folders, relative POSIX paths, sorted (a nested output's own nested
        outputs go with it and are not listed); ``folder`` itself is never listed.
    """
    from carbonpath.outputs import MANIFEST

    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return []
    tops = [folder] if under is None else [folder / name.rstrip("/") for name in under]
    found = set()
    for top in tops:
        if not top.is_dir() or top.is_symlink():
            continue
        for root, dirs, names in os.walk(top):  # os.walk does not follow links
            here = Path(root)
            if here != folder and MANIFEST in names:
                found.add(here.relative_to(folder).as_posix())
                dirs[:] = []
                continue
            dirs[:] = sorted(d for d in dirs if not (skip and d.startswith(skip)))
    return sorted(found)


def describe(folder: str | Path) -> str:
    """Which command wrote the output folder ``folder``, in words for a message.

    ``"carbonpath montecarlo (a Monte Carlo result store)"``; a folder whose manifest names
    no command is known by its files (``report.html``: a report; ``pathway.json``:
    optimise; ``macc.json``: macc).
    """
    from carbonpath.output_owner import COMMANDS, writer_of
    from carbonpath.outputs import manifest

    writer = writer_of(folder)
    if writer is None:
        files = manifest(folder) or {}
        if any(name.startswith("report") and name.endswith((".html", ".md")) for name in files):
            return "carbonpath report (a report)"
        if "pathway.json" in files:
            return "carbonpath optimise (a pathway's tables)"
        if "macc.json" in files:
            return "carbonpath macc (abatement cost tables)"
        return "another carbonpath command"
    what = COMMANDS.get(writer)
    return f"carbonpath {writer}" + (f" ({what})" if what else "")


def _collides(rel: str, written: str) -> bool:
    """Whether writing ``written`` (relative) touches the nested output at ``rel``."""
    written = written.rstrip("/")
    return written == rel or written.startswith(rel + "/") or rel.startswith(written + "/")


def refuse_nested(dest: Path, nested: list[str], written: Iterable[str],
                  command: str | None, option: str = "--out") -> None:
    """Raise if the command writes where a nested output of ``dest`` lies.

    Parameters
    ----------
    dest : pathlib.Path
        The output folder.
    nested : list of str
        Its nested outputs (:func:`nested_outputs`).
    written : iterable of str
        What the command writes there: relative file names and folders (ending in ``/``).
    command : str or None
        The writing command, for the message.
    option : str
        How ``dest`` is named in the message.

    Raises
    ------
    OutputFolderError
        Naming the nested folder, the command that wrote it, and the path the command
        writes there.
    """
    from carbonpath.outputs import MANIFEST, manifest

    written = list(written)
    for rel in nested:
        clash = next((w for w in written if _collides(rel, w)), None)
        if clash is None:
            continue
        theirs = sorted(manifest(dest / rel) or {})
        shared = any(name.startswith(rel + "/") for name in manifest(dest) or {})
        what = (f"the files its {MANIFEST} lists ({len(theirs)}, e.g. {theirs[0]})"
                if shared and theirs else f"{dest / rel} (its own files move with it)")
        me = f"carbonpath {command}" if command else "this command"
        msg = (f"{option} {dest} holds {dest / rel}, an output of {describe(dest / rel)} with "
               f"its own manifest, where {me} writes {dest / clash.rstrip('/')}; a command "
               f"replaces only what it wrote itself, so move {what} out of {dest} or choose "
               "another output folder")
        raise OutputFolderError(msg)


def swap_keeping(out: Any, skip: str) -> None:
    """Replace ``out.dest`` by ``out.staging`` as a whole, keeping nested outputs and empty folders.

    ``out`` is the :class:`carbonpath.outputs.OutputFolder` being committed (its manifest
    already written into the staging folder); ``skip`` the staging folders' name prefix.
    A nested output where the staged files go is refused (:func:`refuse_nested`) before
    anything moves; the others are moved from the old folder into the new one.

    Raises
    ------
    OutputFolderError
        As :func:`refuse_nested`.
    """
    from carbonpath.output_guests import empty_folders, restore_folders
    from carbonpath.outputs import _files

    nested = nested_outputs(out.dest, skip=skip)
    refuse_nested(out.dest, nested, _files(out.staging), out.command, out.option)
    kept_dirs = [rel for rel in empty_folders(out.dest, skip)
                 if not any(rel == n or rel.startswith(n + "/") for n in nested)]
    out._swap()  # out.staging is now the old folder, removed after the commit
    for rel in nested:  # a failure here leaves them in it, for rescue_nested
        target = out.dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _move(out.staging / rel, target)
    restore_folders(out.dest, kept_dirs)


def _move(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target`` (one place, so a test can make it fail)."""
    os.rename(source, target)


def rescue_nested(leftover: Path, dest: Path) -> bool:
    """Move the nested outputs a killed command left in ``leftover`` back into ``dest``.

    Parameters
    ----------
    leftover : pathlib.Path
        A staging or old folder a killed command left beside ``dest`` (the lock is held).
    dest : pathlib.Path
        The output folder it belongs to.

    Returns
    -------
    bool
        True if ``leftover`` may be removed: it holds no nested output any more. A nested
        output whose path in ``dest`` is taken stays where it is, and so does the leftover.
    """
    safe = True
    for rel in nested_outputs(leftover):
        target = dest / rel
        if target.exists() or target.is_symlink() or any(p.is_file() for p in target.parents):
            safe = False
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(leftover / rel, target)
        except OSError:
            safe = False
    return safe


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def refuse_around(dest: Path, option: str, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse a whole-folder output that is (or holds) the current folder or an input.

    Raises
    ------
    OutputFolderError
        Naming ``dest`` and the current folder or the input it holds.
    """
    try:
        here = Path.cwd()
    except OSError:  # the current folder was deleted
        here = None
    if here is not None and _inside(here, dest):
        what = "is the current folder" if here.resolve() == dest.resolve() else (
            "holds the current folder")
        msg = (f"{option} {dest} {what}: carbonpath replaces its output folder as a whole (a "
               "new folder renamed into place), which would leave your shell in a deleted "
               f"folder; choose a folder below it, e.g. {option} carbonpath-out")
        raise OutputFolderError(msg)
    for item in inputs:
        if _inside(Path(item), dest):
            msg = (f"{option} {dest} holds the input {Path(item).absolute()}: carbonpath "
                   "replaces its output folder as a whole, so the input would be lost; "
                   "choose an output folder outside it")
            raise OutputFolderError(msg)
