"""Where the bundled data lives: installed wheel or source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from carbonpath.errors import ArgumentValueError, InputNotFoundError

_BUNDLED = ("factors", "datasets", "catalogue")


def data_path(name: str) -> Path:
    """Return the folder of bundled data ``name`` (``factors``, ``datasets``, ``catalogue``).

    In an installed wheel the folders are package data under ``carbonpath/_bundled``; in a
    source checkout (editable install or ``PYTHONPATH=src``) they are at the repository root.

    Raises
    ------
    InputNotFoundError
        If neither location holds the folder (a broken install).
    """
    if name not in _BUNDLED:
        msg = f"unknown bundled data '{name}'; valid: {', '.join(_BUNDLED)}"
        raise ArgumentValueError(msg)
    installed = Path(str(resources.files("carbonpath"))) / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    msg = (
        f"carbonpath's bundled '{name}' folder is missing (looked in {installed} and "
        f"{checkout}); reinstall carbonpath"
    )
    raise InputNotFoundError(msg)
