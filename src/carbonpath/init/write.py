"""Write a dataset folder for ``carbonpath init`` without touching anything it did not write.

:func:`write_folder` is the one place files are written; it goes through
:func:`carbonpath.outputs.prepare` with ``exclusive=True``: the dataset folder is init's
own, its ``.carbonpath-manifest.json`` lists the checksum of every file init wrote, and
a file there that init did not write (or that was edited since, e.g. a replaced value) is
an :class:`~carbonpath.errors.OutputFolderError` naming it. :func:`check_folder` runs the
same check, writing nothing, before any input is read.
"""

from __future__ import annotations

from pathlib import Path

from carbonpath.outputs import check, prepare

__all__ = ["check_folder", "write_folder"]


def check_folder(dest: str | Path) -> Path:
    """Check, writing nothing, that ``dest`` can take a dataset written by ``init``.

    Returns
    -------
    pathlib.Path
        ``dest``, absolute.

    Raises
    ------
    OutputFolderError
        If ``dest`` is a file, cannot be written, or holds a file that carbonpath did not
        write there or that was edited since (names them).
    """
    return check(dest, [], exclusive=True, command="init")


def write_folder(dest: str | Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name -> text or bytes) into ``dest`` as one step.

    ``dest`` must not exist, be empty, or be an earlier carbonpath output whose every file
    is carbonpath's, unchanged (its manifest's checksums); it is then replaced as a whole.
    The files are first written to a staging folder beside ``dest``, which then replaces it,
    so that no half-written dataset is ever left behind.

    Parameters
    ----------
    dest : str or pathlib.Path
        The dataset folder.
    files : dict of str to str or bytes
        Relative file name -> content (text is written as UTF-8).

    Returns
    -------
    pathlib.Path
        ``dest``, absolute.

    Raises
    ------
    OutputFolderError
        If ``dest`` is a file, cannot be written, or holds a file carbonpath did not write
        or that was edited since (names up to five).
    """
    with prepare(dest, will_write=sorted(files), exclusive=True, command="init") as out:
        for name, content in files.items():
            path = out.path(name)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return out.dest
