"""Output folders: carbonpath replaces only the files it wrote itself.

Every command that writes files (``run``, ``report``, ``optimise --out``,
:meth:`Pathway.to_csv <carbonpath.Pathway.to_csv>`, and any later writer) goes through
:func:`prepare`. The rules, in the order they apply:

1. **Check first.** Before any work (loading, solving, drawing) the destination is checked:
   it must not be a file, the nearest existing folder on its path must be writable, and
   every file that the command would replace or remove must be one carbonpath wrote
   itself, unchanged since. Anything else is an :class:`~carbonpath.OutputFolderError`
   naming the user's folder and the files in the way.
2. **A manifest proves what carbonpath wrote.** Each output folder holds
   ``.carbonpath-manifest.json``: the relative path and SHA-256 checksum of every file
   carbonpath wrote there. A file not listed, or whose checksum no longer matches (a
   carbonpath output the user edited), is the user's and is never replaced.
3. **One writer at a time.** A lock file beside the destination
   (``.<name>.carbonpath-lock``) is held from the check to the end; a second command into
   the same folder fails at once with an error saying so. The operating system releases the
   lock when a process dies, so a killed run never blocks the next one.
4. **Atomic writing.** Everything is written into a staging folder beside the destination
   (``.<name>.carbonpath-tmp-*``) and moved into place only once complete. A failure removes
   the staging folder; one left by a killed run is removed by the next command into the
   same destination.
   A command writing some files into an existing folder whose parent cannot be written (a
   workbook into one's home folder) keeps the lock and the staging folder inside it instead.

What a command owns is given by ``will_write``: relative file names (``"report.html"``)
and folders ending in ``/`` (``"figures/"``), whose every file the command replaces. With
``exclusive=True`` (the main job's run folder) the whole destination is the command's:
every file in it must be carbonpath's, and the folder is swapped in one rename. Another
command's output inside it (a subfolder with its own manifest) is moved into the new folder,
or refused where the command writes (:mod:`carbonpath.output_nested`).

Example
-------
>>> from carbonpath.outputs import prepare
>>> with prepare("out", will_write=["tables/", "summary.csv"]) as folder:  # doctest: +SKIP
...     expensive_work()                      # runs only if "out" can take the outputs
...     frame.to_csv(folder.path("summary.csv"))
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from carbonpath._checks import checked
from carbonpath.errors import OutputFolderError, short_list
from carbonpath.output_lock import _Lock, _try_lock  # noqa: F401  (moved; old paths kept)

__all__ = ["MANIFEST", "OutputFolder", "check", "manifest", "prepare"]

#: The manifest's file name inside each output folder.
MANIFEST = ".carbonpath-manifest.json"
_FORMAT = "carbonpath-manifest/1"


def __getattr__(name: str) -> object:
    """The old import path of :func:`carbonpath.output_changes.changed_results`."""
    if name == "changed_results":
        from carbonpath.output_changes import changed_results

        return changed_results
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _lock_path(dest: Path, home: Path | None = None) -> Path:
    return (home or dest.parent) / f".{dest.name}.carbonpath-lock"


def _home(dest: Path, exclusive: bool) -> Path:
    """Where the lock and the staging folder go: beside ``dest``, as a rule.

    A command that writes some files into an existing folder whose parent is not writable
    (``carbonpath template ~/city.xlsx``: the home folder's parent is the system's) keeps
    them inside ``dest`` instead, under the same hidden names; an exclusive command needs
    the parent, as it replaces the whole folder.
    """
    if not exclusive and dest.is_dir() and _writable(dest) and not _writable(dest.parent):
        return dest
    return dest.parent


def _staging_prefix(dest: Path) -> str:
    return f".{dest.name}.carbonpath-tmp-"


def sha256(path: Path) -> str:
    """The SHA-256 checksum of a file, as ``sha256:<hex>``."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


@checked
def manifest(folder: str | Path) -> dict[str, list[str]] | None:
    """The files carbonpath wrote in ``folder``: relative path -> accepted checksums.

    Returns None if the folder has no readable manifest (not a carbonpath output, or one
    written before manifests existed).
    """
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("format") != _FORMAT or not isinstance(files, dict):
        return None
    return {str(k): [v] if isinstance(v, str) else [str(x) for x in v]
            for k, v in files.items()}


def _write_manifest(folder: Path, files: dict[str, list[str]],
                    command: str | None = None,
                    owners: dict[str, str] | None = None) -> None:
    """Write the manifest atomically (temporary file + rename).

    ``command`` (the command that owns the folder) is recorded; None keeps the one the
    folder's manifest already names (a report written into a run folder). ``owners``
    records the command of each file another command wrote into the folder (a template
    in a dataset folder, A36); None keeps the manifest's, for the files still listed.
    """
    from carbonpath.output_guests import owners_of
    from carbonpath.output_owner import writer_of

    if command is None:
        command = writer_of(folder) if (folder / MANIFEST).exists() else None
    if owners is None:
        owners = owners_of(folder)
    owners = {k: v for k, v in owners.items() if k in files and v != command}
    body = {"format": _FORMAT, **({"command": command} if command else {}),
            "note": "files carbonpath wrote here; it replaces only these, unchanged",
            "files": {k: v[0] if len(v) == 1 else v for k, v in sorted(files.items())},
            **({"owners": dict(sorted(owners.items()))} if owners else {})}
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(body, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` as a relative POSIX path (the manifest excluded)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            rel = (Path(root) / name).relative_to(folder).as_posix()
            if name not in (MANIFEST, f"{MANIFEST}.tmp"):  # manifests at any level
                found.append(rel)
    return found


def _owned(rel: str, will_write: tuple[str, ...], exclusive: bool) -> bool:
    """Whether the command replaces or removes the file ``rel`` of the destination."""
    if exclusive:
        return True
    return any(rel == w or (w.endswith("/") and rel.startswith(w)) for w in will_write)


def _normalise(will_write: Iterable[str]) -> tuple[str, ...]:
    names = []
    for name in will_write:
        if not isinstance(name, str) or not name.strip("/") or name.startswith(("/", "..")):
            msg = f"will_write holds {name!r}; expected relative file or folder names"
            raise OutputFolderError(msg)
        names.append(name)
    return tuple(names)


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (False on a read-only disk, EROFS).

    The permission bits are not enough: for root they allow ``/proc`` and ``/sys``, where
    no file can be created. So an empty hidden file is created and removed at once (nothing
    stays).
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(prefix=".carbonpath-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def _writable_ancestor(dest: Path, option: str) -> Path:
    """The nearest existing folder on ``dest``'s path; it must be a writable folder."""
    parent = dest.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        msg = (f"{option} {dest} cannot be created: {parent} is a file, not a folder; choose "
               "another output folder")
        raise OutputFolderError(msg)
    if not _writable(parent):
        msg = (f"{option} {dest} cannot be written: {parent} is read-only (or not writable "
               "by you); choose an output folder on a writable disk")
        raise OutputFolderError(msg)
    return parent


@checked
def check(dest: str | os.PathLike[str], will_write: Iterable[str], *, exclusive: bool = False,
          option: str = "--out", inputs: Iterable[str | os.PathLike[str]] = (),
          command: str | None = None) -> Path:
    """Check that ``dest`` can take a command's outputs, without writing anything.

    Parameters
    ----------
    dest : str or os.PathLike
        The output folder (need not exist).
    will_write : iterable of str
        Relative names the command writes: files (``"report.html"``) and folders ending in
        ``/`` (``"figures/"``) that it owns as a whole.
    exclusive : bool
        The command owns the whole folder (every file in it must be carbonpath's).
    option : str
        How the destination is named in messages (the CLI option, ``--out``).
    inputs : iterable of path-like
        Files and folders the command reads (the dataset folder of ``run``).
    command : str, optional
        The command writing (``"run"``, ``"init"``, ``"montecarlo"``): a folder another
        carbonpath command wrote is refused (:mod:`carbonpath.output_owner`), and the
        manifest records it.

    Returns
    -------
    pathlib.Path
        ``dest``, absolute; for a symbolic link, the folder it names (the outputs go
        there and the link stays).

    Raises
    ------
    OutputFolderError
        ``dest`` is a symbolic link to nothing; ``dest`` is a file; one of ``will_write``'s
        files is a folder there (never replaced) or one of its folders a file; it cannot be created
        or written (a read-only disk); it holds files in the command's way that carbonpath
        did not write or that were edited since;
        or, for a command owning the whole folder (``exclusive``), it is the current folder
        or holds it (the folder is replaced by a new one, which would leave the shell in a
        deleted folder) or holds one of ``inputs`` (it would be replaced by the outputs);
        or it was written by a carbonpath command other than ``command``, or is part of
        another command's output (K123); or it holds a
        ``dataset.yaml`` and the command is not ``init`` or the template (Y27); or another
        command's output inside it lies where this command writes (K117 .. K121).
    """
    if not isinstance(dest, str | os.PathLike):
        msg = f"{option} must be a folder path (str or pathlib.Path), not {type(dest).__name__}"
        raise OutputFolderError(msg)
    from carbonpath.output_links import through_link

    dest = through_link(Path(dest).absolute(), option)
    names = _normalise(will_write)
    if exclusive:
        from carbonpath.output_nested import refuse_around

        refuse_around(dest, option, inputs)
    if dest.exists() and not dest.is_dir():
        msg = f"{option} {dest} exists and is a file, not a folder; choose an output folder"
        raise OutputFolderError(msg)
    from carbonpath.output_owner import refuse_part

    refuse_part(dest, command, option, exclusive)  # K123, F15: inside another output's files
    if not dest.exists():
        _writable_ancestor(dest, option)
        return dest
    from carbonpath.output_guests import refuse_guest_files, refuse_wrong_kind
    from carbonpath.output_nested import nested_outputs, refuse_nested
    from carbonpath.output_owner import refuse_dataset_folder, refuse_other_command

    if command is not None:
        refuse_other_command(dest, command, option)
    refuse_dataset_folder(dest, command, option)  # Y27: a dataset, hand-written or not
    refuse_wrong_kind(dest, names, option)
    refuse_nested(dest, nested_outputs(dest, None if exclusive else names,
                                       _staging_prefix(dest)), names, command, option)  # K117
    refuse_guest_files(dest, [rel for rel in _candidates(dest, names, exclusive)
                             if _owned(rel, names, exclusive)],
                       command, option)
    if not _writable(dest):
        msg = (f"{option} {dest} cannot be written: it is read-only (or not writable by you); "
               "choose an output folder on a writable disk")
        raise OutputFolderError(msg)
    in_the_way = _in_the_way(dest, names, exclusive)
    if in_the_way:
        from carbonpath.output_guests import refuse_damaged_manifests

        refuse_damaged_manifests(dest, _manifest_paths(dest, None if exclusive else names),
                                 option)  # N132: damaged, not foreign
        known = manifest(dest)
        if exclusive and known is None:
            msg = (f"{option} {dest} exists and is not an earlier carbonpath output (it has no "
                   f"{MANIFEST} listing files carbonpath wrote) but holds "
                   f"{short_list(in_the_way)}; carbonpath replaces its output folder as a "
                   "whole, so choose a new or empty folder, or an earlier output to overwrite "
                   "(an output written before carbonpath kept manifests has none: move it away)")
        else:
            msg = (f"{option} {dest} holds files that carbonpath did not write (or that were "
                   f"edited since it wrote them) and this command would replace: "
                   f"{short_list(in_the_way)}; carbonpath replaces only its own unchanged "
                   "files, so move those files away or choose another output folder")
        raise OutputFolderError(msg)
    return dest


def _manifests(folder: Path) -> list[Path]:
    """Every manifest under ``folder`` (itself included), in a stable order.

    ``os.walk`` passes over folders that vanish or cannot be read while it walks (another
    process's temporary folder), where ``Path.rglob`` would raise.
    """
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        if MANIFEST in names:
            found.append(Path(root) / MANIFEST)
    return found


def _manifest_paths(dest: Path, names: tuple[str, ...] | None) -> list[Path]:
    """The manifests of :func:`_known`: all under ``dest``, or of it and its ``names``."""
    if names is None:
        return _manifests(dest)
    paths = [dest / MANIFEST] if (dest / MANIFEST).is_file() else []
    for name in names:
        if (dest / name.rstrip("/")).is_dir():
            paths.extend(_manifests(dest / name.rstrip("/")))
    return paths


def _known(dest: Path, names: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """The files carbonpath wrote under ``dest``, by the manifests at every level.

    A report rendered into ``run/results/`` keeps its manifest there; the run folder's own
    manifest does not list it, and both count. ``names``: when given (a command that owns
    only these files and folders of ``dest``), only the manifests of ``dest`` itself and of
    the owned folders are read, so a template written into a large folder (a desktop, /tmp)
    does not walk all of it.
    """
    known: dict[str, list[str]] = {}
    for path in sorted(_manifest_paths(dest, names)):
        prefix = path.parent.relative_to(dest).as_posix()
        for rel, sums in (manifest(path.parent) or {}).items():
            known[rel if prefix == "." else f"{prefix}/{rel}"] = sums
    known.update(manifest(dest) or {})
    return known


def _candidates(dest: Path, names: tuple[str, ...], exclusive: bool) -> list[str]:
    """The files of ``dest`` a command may replace: all of them, or those under its names.

    Files of other commands' outputs nested in ``dest`` (:mod:`carbonpath.output_nested`)
    are none of them: they are kept, or the command is refused.
    """
    if exclusive:
        from carbonpath.output_nested import nested_outputs

        nested = tuple(f"{rel}/" for rel in nested_outputs(dest, skip=_staging_prefix(dest)))
        return [rel for rel in _files(dest) if not rel.startswith(nested)]
    found: set[str] = set()
    for name in names:
        path = dest / name.rstrip("/")
        if path.is_dir() and not path.is_symlink():
            found.update(f"{name.rstrip('/')}/{rel}" for rel in _files(path))
        elif path.exists() or path.is_symlink():
            found.add(name.rstrip("/"))
    return sorted(found)


def _in_the_way(dest: Path, names: tuple[str, ...], exclusive: bool) -> list[Path]:
    """Files of ``dest`` the command would replace or remove that are not carbonpath's."""
    known = _known(dest, None if exclusive else names)
    found: list[Path] = []
    for rel in _candidates(dest, names, exclusive):
        if not _owned(rel, names, exclusive) or (dest / rel) in found:
            continue
        path = dest / rel
        if rel not in known or path.is_symlink() or sha256(path) not in known[rel]:
            found.append(path)
    return found


@dataclass
class OutputFolder:
    """A destination being written: write into :attr:`staging`, committed on success.

    Attributes
    ----------
    dest : pathlib.Path
        The user's output folder (absolute).
    staging : pathlib.Path
        The staging folder beside ``dest``; write every output here (see :meth:`path`).
    will_write : tuple of str
        What the command owns (see :func:`prepare`).
    exclusive : bool
        Whether the command owns the whole folder.
    """

    dest: Path
    staging: Path
    will_write: tuple[str, ...]
    exclusive: bool
    option: str = "--out"
    _created: list[Path] = field(default_factory=list)
    command: str | None = None

    @checked
    def path(self, rel: str) -> Path:
        """The staging path of the output ``rel``, its parent folders created."""
        path = self.staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    @checked
    def commit(self) -> None:
        """Move the staged outputs into place, then write the manifest.

        Checks the destination again first (a file may have appeared while the command
        worked). Called by :func:`prepare` on success.
        """
        check(self.dest, self.will_write, exclusive=self.exclusive, option=self.option,
              command=self.command)
        new = {rel: [sha256(self.staging / rel)] for rel in _files(self.staging)}
        from carbonpath.output_guests import empty_folders, owners_of, restore_folders

        if self.exclusive or not self.dest.exists():
            from carbonpath.output_nested import swap_keeping

            _write_manifest(self.staging, new, self.command)
            swap_keeping(self, _staging_prefix(self.dest))  # nested outputs stay (K117)
            return
        old = manifest(self.dest) or {}
        from carbonpath.output_owner import writer_of

        # the folder keeps its command; files of another command are recorded as its (A36)
        host = writer_of(self.dest) if old else self.command
        owners = {**owners_of(self.dest),
                  **{rel: self.command for rel in new if self.command not in (None, host)}}
        # while files move, either version of each is carbonpath's (a kill leaves no orphan)
        pending = {k: list(v) for k, v in old.items()}
        for rel, sums in new.items():
            pending[rel] = pending.get(rel, []) + sums
        _write_manifest(self.dest, pending, host, owners)
        attic = self.staging / ".replaced"
        for name in self.will_write:
            target = self.dest / name.rstrip("/")
            staged = self.staging / name.rstrip("/")
            kept_dirs = empty_folders(target) if name.endswith("/") else []
            if target.exists():
                (attic / name).parent.mkdir(parents=True, exist_ok=True)
                target.rename(attic / name.rstrip("/"))
            if staged.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.rename(target)
            restore_folders(target, kept_dirs)
        kept = {rel: sums for rel, sums in old.items()
                if not _owned(rel, self.will_write, False) and (self.dest / rel).exists()}
        _write_manifest(self.dest, {**kept, **new}, host, owners)

    def _swap(self) -> None:
        """Replace the destination folder by the staging folder (two renames)."""
        if self.dest.exists():
            old = Path(tempfile.mkdtemp(prefix=_staging_prefix(self.dest),
                                        dir=self.dest.parent))
            old.rmdir()
            self.dest.rename(old)
            self.staging.rename(self.dest)
            self.staging = old  # removed with the staging folder
        else:
            self.staging.rename(self.dest)


@contextlib.contextmanager
def prepare(dest: str | os.PathLike[str], will_write: Iterable[str], *,
            exclusive: bool = False, option: str = "--out",
            inputs: Iterable[str | os.PathLike[str]] = (),
            command: str | None = None) -> Iterator[OutputFolder]:
    """Check, lock and stage an output folder; commit the outputs if the block succeeds.

    Use it around the whole command, so that a destination that cannot take the outputs
    fails before any solving::

        with prepare(out, will_write=["results/", "report.html"], exclusive=True) as folder:
            result = solve(...)
            save(result, folder.path("results"))

    Parameters
    ----------
    dest : str or os.PathLike
        The output folder (created if missing, with its parents).
    will_write : iterable of str
        Relative file names and folders (ending in ``/``) the command writes; after the
        commit they hold exactly what was staged (a listed name not staged is removed, if it
        was carbonpath's). Other files of ``dest`` are left alone, unless ``exclusive``.
    exclusive : bool
        The command owns the whole folder: every file in it must be carbonpath's, and the
        staged folder replaces it in one rename (the main job's run folder).
    option : str
        How the destination is named in messages.
    inputs : iterable of path-like
        What the command reads; with ``exclusive``, a destination holding one (or the
        current folder) is refused (see :func:`check`).
    command : str, optional
        The writing command, recorded in the manifest; a folder another command wrote is
        refused (see :func:`check`).

    Yields
    ------
    OutputFolder
        Write the outputs under its ``staging`` folder (``folder.path("a/b.csv")``).

    Raises
    ------
    OutputFolderError
        As :func:`check`; also if another carbonpath command is writing into ``dest`` (the
        lock is taken), or the staging folder cannot be created beside ``dest``.
    """
    dest = check(dest, will_write, exclusive=exclusive, option=option, inputs=inputs,
                 command=command)
    names = _normalise(will_write)
    created = _make_parents(dest, option)
    home = _home(dest, exclusive)
    lock = _Lock(_lock_path(dest, home))
    try:
        lock.acquire(dest, option)
    except BaseException:
        _remove_empty(created)
        raise
    staging = None
    try:
        _remove_leftovers(dest, home)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(dest), dir=home))
            umask = os.umask(0)
            os.umask(umask)
            staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; outputs are ordinary
        except OSError as exc:
            msg = (f"{option} {dest} cannot be written: {exc.strerror or exc} (creating a "
                   f"staging folder in {home}); choose an output folder on a writable "
                   "disk")
            raise OutputFolderError(msg) from None
        folder = OutputFolder(dest, staging, names, exclusive, option, command=command)
        yield folder
        try:
            folder.commit()
        except OSError as exc:
            msg = f"{option} {dest} could not be written: {exc.strerror or exc}"
            raise OutputFolderError(msg) from None
        staging = folder.staging
        created = []  # committed: the parents hold the outputs
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        lock.release()
        _remove_empty(created)  # after a failure, the folders made for the outputs go


def _make_parents(dest: Path, option: str) -> list[Path]:
    """Create the missing parents of ``dest``; return them, deepest first."""
    created = []
    parent = dest.parent
    while not parent.exists():
        created.append(parent)
        parent = parent.parent
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{option} {dest} cannot be created: {exc.strerror or exc}"
        raise OutputFolderError(msg) from None
    return created


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders :func:`_make_parents` created, if they are still empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _remove_leftovers(dest: Path, home: Path) -> None:
    """Remove staging folders a killed command left in ``home`` (the lock is held)."""
    from carbonpath.output_nested import rescue_nested

    for path in home.glob(_staging_prefix(dest) + "*"):
        if path.is_dir() and not path.is_symlink() and rescue_nested(path, dest):
            shutil.rmtree(path, ignore_errors=True)
