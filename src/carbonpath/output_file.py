"""The path of the one file a function writes (``Inventory.to_csv``, the workbook template).

Such a path names a file, not a folder, and its suffix says what the file holds: a program
opening ``emissions.xlsx`` expects a workbook, and finds CSV text (round 29 ZE106).
``to_csv(".")`` had failed on an internal "will_write holds ''" (round 29 ZE105).
The check runs before anything is built or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from carbonpath.errors import ArgumentValueError, OutputFolderError

__all__ = ["output_file"]


def output_file(path: str | os.PathLike[str], suffixes: tuple[str, ...], who: str, what: str,
                example: str, other: str = "") -> Path:
    """Check the path of one file to write; return it as a Path.

    Parameters
    ----------
    path : str or os.PathLike
        The path given (``~`` already expanded by the caller's checks).
    suffixes : tuple of str
        The suffixes the file may have, lower case, the first the usual one (``(".csv",
        ".txt", "")``: '' allows a name without a suffix).
    who, what : str
        What writes the file ("Inventory.to_csv()") and what it writes ("CSV text"), for
        the messages.
    example : str
        A file name to offer ("emissions.csv").
    other : str, optional
        How to write the format the suffix asks for, if carbonpath has a way (added to the
        suffix message).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputFolderError
        The path names a folder (``.``, ``..``, ``/``, a path ending in ``/``); an existing
        folder of a file's name is refused by :func:`carbonpath.outputs.check`.
    ArgumentValueError
        The suffix is none of ``suffixes``.
    """
    text = os.fspath(path)
    p = Path(text)
    if p.name in ("", ".", "..") or text.endswith(("/", os.sep)):
        msg = (f"'{text}' names a folder, but {who} writes one file: give the file's path, "
               f"such as '{(p / example).as_posix()}'")
        raise OutputFolderError(msg)
    if p.suffix.lower() not in suffixes:
        shown = p.suffix or "no suffix"
        msg = (f"'{text}' ends in {shown}, but {who} writes {what}: a program opening it by "
               f"its suffix would fail; valid: a name ending in {suffixes[0]} "
               f"('{p.with_name(p.stem + suffixes[0]).name}'){other}")
        raise ArgumentValueError(msg)
    return p
