"""The lock on an output folder: one carbonpath command writes a folder at a time.

:class:`_Lock` takes an exclusive, non-blocking OS lock on a file beside the destination
(``fcntl.flock``; ``msvcrt.locking`` on Windows), so two commands writing one folder do not
race, and a killed command's lock is dropped by the OS. Moved unchanged from
:mod:`carbonpath.outputs`, which imports it from here.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from carbonpath.errors import OutputFolderError


class _Lock:
    """An exclusive, non-blocking lock on a file; the OS drops it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, dest: Path, option: str) -> None:
        """Take the lock or raise :class:`OutputFolderError` saying who holds it."""
        for _ in range(5):  # the file may be removed by its holder between open and lock
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                msg = (f"{option} {dest} cannot be written: no file can be created in "
                       f"{self.path.parent} ({exc.strerror or exc}); choose an output folder "
                       "on a writable disk")
                raise OutputFolderError(msg) from None
            if not _try_lock(fd):
                try:
                    holder = os.read(fd, 64).decode("ascii", "replace").strip()
                finally:
                    os.close(fd)
                msg = (f"{option} {dest} is being written by another carbonpath command "
                       f"(process {holder or 'unknown'}); wait for it to finish or choose "
                       "another output folder")
                raise OutputFolderError(msg)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode("ascii"))
                self.fd = fd
                return
            os.close(fd)
        msg = f"{option} {dest}: could not take the lock {self.path}"  # pragma: no cover
        raise OutputFolderError(msg)  # pragma: no cover

    def release(self) -> None:
        """Remove the lock file and drop the lock."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = None


def _try_lock(fd: int) -> bool:
    """Lock ``fd`` without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
