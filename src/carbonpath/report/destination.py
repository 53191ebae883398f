"""Refuse a report folder that holds another run's results or report (round 27 KC01, KC101).

``report --out`` adds its files to a folder. Written into another run's folder, the report
of run A would sit beside run B's ``results/`` and be read as B's; written into a folder
holding the report of run B (in the other language, say), the folder would show two runs
as one. Each report page ends with a comment naming its run (:func:`run_mark`): the
results folder, as the report links it, and the checksum of its ``run.json`` (without the
date and timing fields). A run is the same when either matches (the same results folder
rerun, or a copy of the same run).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from carbonpath.errors import OutputFolderError

__all__ = ["refuse_other_run", "run_mark"]

_MARK = re.compile(r"<!-- carbonpath-run results=(\S*) sha256=([0-9a-f]{64}) -->")


def _results(folder: Path) -> Path:
    return folder / "results" if (folder / "results" / "run.json").is_file() else folder


#: run.json's fields that differ between two runs of the same inputs (date and timings).
_VOLATILE = ("created", "timings", "run_seconds_before_writing")


def _checksum(results: Path) -> str | None:
    """sha256 of run.json without its date and timing fields (None: no readable run.json).

    Two runs of the same inputs write the same bytes but for those fields (issue 11), so
    their reports, which end with this checksum, are the same bytes too.
    """
    try:
        raw = (results / "run.json").read_bytes()
    except OSError:
        return None
    try:
        meta = json.loads(raw)
        for key in _VOLATILE:
            meta.pop(key, None)
        (meta.get("solver") or {}).pop("seconds", None)
        raw = json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8")
    except (ValueError, AttributeError):
        pass  # not a run's JSON object: its bytes as they are
    return hashlib.sha256(raw).hexdigest()


def _described(results: Path) -> str:
    """A run in words: its folder, dataset, region, years and when it was made."""
    try:
        run = json.loads((results / "run.json").read_text(encoding="utf-8"))
        ds = run.get("dataset") or {}
        return (f"{results} (dataset {ds.get('name')!r}, region {ds.get('region')}, "
                f"{ds.get('base_year')}-{ds.get('horizon')}, run of {run.get('created')})")
    except (OSError, ValueError, AttributeError):
        return str(results)


def run_mark(results_dir: str | Path, link: str) -> str:
    """The comment a report page ends with, naming its run (empty if run.json is unreadable).

    Parameters
    ----------
    results_dir : str or pathlib.Path
        The run's folder or its ``results/`` folder.
    link : str
        The results folder relative to the report folder (POSIX separators).
    """
    sha = _checksum(_results(Path(results_dir).resolve()))
    # the folder with its '/', as the pages' own links to it are written
    return "" if sha is None else f"<!-- carbonpath-run results={link}/ sha256={sha} -->\n"


def refuse_other_run(dest: str | Path, results_dir: str | Path,
                     option: str = "--out") -> None:
    """Raise if ``dest`` holds another run's results, or a report of another run.

    Parameters
    ----------
    dest : str or pathlib.Path
        The report folder (a missing folder passes).
    results_dir : str or pathlib.Path
        The run being reported: its folder or its ``results/`` folder.
    option : str
        How ``dest`` is named in the message.

    Raises
    ------
    OutputFolderError
        Naming ``dest``, the other run (its results folder, dataset, region, years) and
        the run being reported, and a folder of its own to write to.
    """
    dest, ours = Path(dest), _results(Path(results_dir).resolve())
    if not dest.is_dir():
        return
    sha = _checksum(ours)
    run_name = ours.parent.name if ours.name == "results" else ours.name
    advice = (f"A report belongs in its run's folder or a folder of its own: choose another "
              f"{option} (e.g. {option} {dest.name}-{run_name})")
    theirs = dest / "results"
    if (theirs / "run.json").is_file() and theirs.resolve() != ours and (
            sha is None or _checksum(theirs) != sha):  # KC01
        msg = (f"{option} {dest} holds another run's results: {_described(theirs)}; the "
               f"report asked for is of {_described(ours)}, and beside those results it "
               f"would be read as theirs. {advice}")
        raise OutputFolderError(msg)
    for page in sorted(dest.glob("*.md")) + sorted(dest.glob("*.html")):  # KC101
        try:
            with page.open("rb") as handle:
                handle.seek(max(0, page.stat().st_size - 400))
                tail = handle.read().decode("utf-8", "replace")
        except OSError:
            continue
        found = _MARK.search(tail)
        if found is None:
            continue
        other = (dest / found.group(1)).resolve()
        if other == ours or found.group(2) == sha:
            continue
        msg = (f"{option} {dest} holds {page.name}, the report of another run: "
               f"{_described(other)}; the report asked for is of {_described(ours)}, and "
               f"the folder would show two runs as one. {advice}")
        raise OutputFolderError(msg)
