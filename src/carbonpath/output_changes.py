"""Whether a saved results folder still holds what carbonpath wrote (its manifests' checksums).

Moved out of :mod:`carbonpath.outputs` (which still gives :func:`changed_results` under its
old path); it reads the manifests that module writes.
"""

from __future__ import annotations

from pathlib import Path

from carbonpath._checks import checked
from carbonpath.errors import CarbonpathWarning
from carbonpath.outputs import MANIFEST, _known, sha256

__all__ = ["UnverifiedResultsWarning", "changed_results", "unverified_text"]


class UnverifiedResultsWarning(CarbonpathWarning):
    """A saved results folder has no manifest, so its files cannot be checked (round 20, X103).

    A copy that skips hidden files (``cp -r res/* dest/``, some zip tools and file managers)
    loses :data:`MANIFEST`; an edited table is then refused nowhere. The report renders, with
    this warning and a "Read with care" box saying so.
    """


def unverified_text(results_dir: str | Path) -> str:
    """The warning for a results folder without a manifest (``changed_results`` gave None).

    A damaged manifest is named as such (round 22, N132).
    """
    from carbonpath.output_guests import manifest_damage

    folder = Path(results_dir).resolve()
    damaged = [f"{p} is damaged: {why}" for p in (folder / MANIFEST, folder.parent / MANIFEST)
               if (why := manifest_damage(p))]
    if damaged:
        return (f"{results_dir}: {damaged[0]}, so whether these results are what the run "
                "wrote cannot be checked: an edited table would be reported as the model's. "
                "Re-run, or copy the run folder again from a sound copy")
    return (f"{results_dir}: no {MANIFEST} lists these results (a copy that skipped hidden "
            "files, or a folder carbonpath did not write), so whether they are what the run "
            "wrote cannot be checked: an edited table would be reported as the model's. "
            "Re-run, or copy the run folder with its hidden files (cp -r RUN DEST)")


@checked
def changed_results(results_dir: str | Path) -> list[Path] | None:
    """The files of a saved results folder that changed since carbonpath wrote them.

    A run folder's manifest (:data:`MANIFEST`, in the run folder or in ``results/``) lists
    the SHA-256 checksum of every file the run wrote. A file under ``results/`` whose
    checksum no longer matches, or that is missing, was changed after the run: a report
    rendered from it would show numbers the model never produced.

    Parameters
    ----------
    results_dir : str or pathlib.Path
        A run folder (holding ``results/``) or its ``results/`` folder.

    Returns
    -------
    list of pathlib.Path or None
        The changed or missing files (empty: all unchanged); None if no manifest lists the
        results (a folder written before carbonpath kept manifests, or not by carbonpath),
        so nothing can be verified.
    """
    folder = Path(results_dir).resolve()
    results = folder / "results" if (folder / "results").is_dir() else folder
    root = results.parent if (results.parent / MANIFEST).is_file() else results
    if not (root / MANIFEST).is_file():
        return None
    prefix = "" if root == results else results.relative_to(root).as_posix() + "/"
    known = {rel: sums for rel, sums in _known(root).items() if rel.startswith(prefix)}
    if not known:
        return None
    changed = []
    for rel, sums in sorted(known.items()):
        path = root / rel
        if not path.is_file() or path.is_symlink() or sha256(path) not in sums:
            changed.append(path)
    return changed
