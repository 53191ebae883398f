"""Output folders given as symbolic links: the outputs go into the folder a link names.

Used by :func:`carbonpath.outputs.check`, so by every command that writes files.
"""

from __future__ import annotations

import os
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["through_link"]


def through_link(dest: Path, option: str) -> Path:
    """The folder a symbolic link ``dest`` names (``--out link``, link -> an earlier output).

    The outputs go into the folder the link names, and the link stays: renaming the link
    itself aside, as a folder is when it is replaced, put a real folder in its place and
    left the link under a hidden staging name, while the folder it named was not updated
    (round 18 O11, O12). A link to nothing (or a loop of links) is refused.

    Raises
    ------
    OutputFolderError
        If ``dest`` is a symbolic link whose target does not exist or cannot be resolved.
    """
    if not dest.is_symlink():
        return dest
    try:
        target = dest.resolve(strict=True)
    except (OSError, RuntimeError):
        msg = (f"{option} {dest} is a symbolic link to {os.readlink(dest)}, which does not "
               "exist (or is a loop of links); point the link at a folder, or give the "
               "folder itself")
        raise OutputFolderError(msg) from None
    return target
