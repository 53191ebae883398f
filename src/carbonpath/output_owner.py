"""Which carbonpath command wrote an output folder (issue 11: L01, L05, L06).

A command that replaces its output folder as a whole (``run``, ``init``, ``montecarlo``)
replaces only a folder that the same command wrote. The folder's manifest
(:data:`carbonpath.outputs.MANIFEST`) records the writing command under ``"command"``; a
manifest written before it did is read by the files it lists (``dataset.yaml``: ``init``;
``store.json``: ``montecarlo``; ``run.json``: ``run``). A folder written by another command
(an ``init`` dataset given to ``run --out``, a Monte Carlo store, a run's results given to
``init --out``) is an :class:`~carbonpath.OutputFolderError` naming it and the command
that wrote it, before any work.

A command that adds its files to a folder (``optimise --out``, ``macc --out``,
``report --out``) is refused a folder that ``run``, ``init`` or ``montecarlo`` wrote as a
whole (:func:`refuse_into_other_folder`, round-9 R06): fifteen pathway tables beside a run's
report would be taken for the run's, and disagree with it after another solve. ``report``
may write into a run's folder, which is where a run's report belongs.

A whole-folder command given a folder that is part of another command's output (the
``results/`` of a run folder: its files are listed by the run folder's manifest, one level
up) is refused naming that output and its writer (:func:`refuse_part`, round 21 K123); the
general message called the run's results "not an earlier carbonpath output".
"""

from __future__ import annotations

import json
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["COMMANDS", "refuse_dataset_folder", "refuse_into_other_folder",
           "refuse_other_command", "refuse_part", "writer_of"]

#: command -> what its folder holds, in words (for messages).
COMMANDS = {"run": "a run's results and report", "init": "a dataset",
            "montecarlo": "a Monte Carlo result store", "template": "a workbook template"}

# listed file (or folder prefix) -> the command that writes it (manifests without "command")
_SIGNS = (("dataset.yaml", "init"), ("store.json", "montecarlo"), ("run.json", "run"),
          ("results/run.json", "run"))


def writer_of(folder: str | Path) -> str | None:
    """The carbonpath command that wrote ``folder``, by its manifest; None if unknown.

    Parameters
    ----------
    folder : str or pathlib.Path
        An existing folder (a missing or unreadable manifest gives None).

    Returns
    -------
    str or None
        ``"run"``, ``"init"``, ``"montecarlo"`` (or another command a manifest names), or
        None for a folder whose manifest names no command and lists none of the files by
        which one is known.
    """
    from carbonpath.outputs import MANIFEST

    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("command"), str):
        return data["command"]
    files = data.get("files")
    if not isinstance(files, dict):
        return None
    for name, command in _SIGNS:
        if name in files:
            return command
    return None


def refuse_other_command(dest: Path, command: str, option: str = "--out") -> None:
    """Raise if ``dest`` exists and was written by a carbonpath command other than ``command``.

    Raises
    ------
    OutputFolderError
        Naming ``dest``, what it holds and the command that wrote it, and what to do.
    """
    from carbonpath.output_guests import GUESTS

    if not dest.is_dir() or command in GUESTS:  # a template beside others' files (A36)
        return
    writer = writer_of(dest)
    if writer is None or writer == command:
        return
    what = COMMANDS.get(writer, "an output")
    msg = (f"{option} {dest} holds {what} (written by carbonpath {writer}); carbonpath "
           f"{command} replaces only a folder that carbonpath {command} wrote, so choose a "
           f"new folder (or an earlier {command} output to overwrite)")
    raise OutputFolderError(msg)


def refuse_dataset_folder(dest: Path, command: str | None, option: str = "--out") -> None:
    """Raise if ``dest`` is a dataset folder (it holds ``dataset.yaml``) (round 20's Y27).

    A dataset folder takes only its own files: anything else in it (``macc --out`` wrote
    ``measures.csv`` and ``macc.json`` there) is an unknown file that the next load refuses.
    A dataset written by hand has no manifest, so :func:`refuse_into_other_folder` did not
    know it. ``init`` (which rewrites its own datasets, checked by
    :func:`refuse_other_command`) and the workbook template (a guest file, A36) may write
    there.

    Parameters
    ----------
    dest : pathlib.Path
        The output folder (a missing folder passes).
    command : str or None
        The writing command (None: a command that does not name itself).
    option : str
        How ``dest`` is named in the message.

    Raises
    ------
    OutputFolderError
        Naming ``dest``, that it is a dataset, and a separate folder to write to.
    """
    from carbonpath.output_guests import GUESTS

    if command == "init" or command in GUESTS or option == "template":
        return
    if not (Path(dest) / "dataset.yaml").is_file():
        return
    msg = (f"{option} {dest} is a dataset folder (it holds dataset.yaml); files written into "
           f"it would be read as unknown dataset files and the dataset would no longer load, "
           f"so write them to a separate folder, e.g. {option} {Path(dest).name}-out")
    raise OutputFolderError(msg)


def refuse_into_other_folder(dest: str | Path, command: str, option: str = "--out",
                             allowed: tuple[str, ...] = ()) -> None:
    """Raise if ``dest`` is a folder that a whole-folder command (:data:`COMMANDS`) wrote.

    For commands that add files to a folder rather than replace it (``optimise``,
    ``macc``, ``report``): their files in a run's folder, a dataset or a Monte Carlo store
    would be read as part of it.

    Parameters
    ----------
    dest : str or pathlib.Path
        The output folder (need not exist; a missing folder passes).
    command : str
        The command writing, for the message (``"optimise"``).
    option : str
        How ``dest`` is named in the message.
    allowed : tuple of str
        Whole-folder commands whose folders this command may add to (``report``: ``run``).

    Raises
    ------
    OutputFolderError
        Naming ``dest``, what it holds, the command that wrote it, and a separate folder.
    """
    dest = Path(dest)
    if not dest.is_dir():
        return
    writer = writer_of(dest)
    if writer not in COMMANDS or writer in allowed:
        return
    msg = (f"{option} {dest} holds {COMMANDS[writer]} (written by carbonpath {writer}); "
           f"carbonpath {command} would write its files beside them, where they would be "
           f"taken for part of it, so write them to a separate folder, e.g. {option} "
           f"{dest.name}-{command}")
    raise OutputFolderError(msg)


def refuse_part(dest: Path, command: str | None, option: str = "--out",
                exclusive: bool = True) -> None:
    """Raise if ``dest`` lies where the manifest of a folder above it lists files (K123, F15).

    Only the nearest folder above ``dest`` holding a manifest is read, and only when
    ``dest`` has no manifest of its own: ``montecarlo --out r/results`` (``r`` a run folder)
    names the run, where the general check would call its results not carbonpath's.
    ``dest`` is such a part when that manifest lists files in it, or when it is (or would
    be made) inside a sub-folder holding files of that manifest (``r/figures/zh``).

    A command that adds its files to a folder (``report --out r/figures``, ``optimise``,
    ``macc``; ``exclusive`` False) is refused there too (round 23 F15): its own manifest
    there makes it a nested output where the outer folder's command writes, so re-running
    or re-rendering that folder was refused until the user moved it by hand. A new folder
    directly in the outer folder (``report r --out r/zh``) is no part of it and passes.

    Parameters
    ----------
    dest : pathlib.Path
        The output folder (absolute; need not exist).
    command : str or None
        The writing command, for the message.
    option : str
        How ``dest`` is named in the message.
    exclusive : bool
        Whether the command replaces ``dest`` as a whole (for the message).

    Raises
    ------
    OutputFolderError
        Naming ``dest``, the output folder it is part of, that folder's writer, and a new
        folder to choose.
    """
    from carbonpath.output_nested import describe
    from carbonpath.outputs import MANIFEST, manifest

    if (dest / MANIFEST).exists():
        return
    above = next((p for p in dest.parents if (p / MANIFEST).is_file()), None)
    if above is None:
        return
    rel = dest.relative_to(above).as_posix()
    names = sorted(manifest(above) or {})
    listed = [name for name in names if name.startswith(rel + "/")]
    inside = [name for name in names
              if "/" in name and rel.startswith(name.rsplit("/", 1)[0] + "/")]
    if not listed and not inside:
        return
    me = f"carbonpath {command}" if command else "this command"
    if listed:
        here = f"its manifest lists {len(listed)} file(s) here, e.g. {listed[0]}"
    else:
        here = (f"{dest} would lie in {above / inside[0].rsplit('/', 1)[0]}, which holds its "
                f"files, e.g. {inside[0]}")
    if exclusive:
        why = f"{me} replaces its output folder as a whole and would remove them"
    else:
        why = (f"{me} would add files with a manifest of its own there, and {describe(above)} "
               f"would then refuse to write {above} again until they were moved by hand")
    msg = (f"{option} {dest} is part of the output of {describe(above)} in {above} ({here}); "
           f"{why}, so choose a new folder, e.g. {option} "
           f"{above.parent / (above.name + '-' + (command or 'out'))}")
    raise OutputFolderError(msg)
