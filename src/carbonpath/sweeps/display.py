"""A terminal progress display for sweeps (rich): count, rate, time left, failures."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(description: str, console: Any = None) -> Iterator[Any]:
    """A ``progress(done, total, failed)`` callback drawing a rich progress bar.

    Parameters
    ----------
    description : str
        Text before the bar.
    console : rich.console.Console, optional
        Where to draw (default: standard error).

    Yields
    ------
    callable
        ``progress(done, total, failed)``: samples done, samples in all, failed work units.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = console or Console(stderr=True)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                   TextColumn("left"), TimeRemainingColumn(),
                   TextColumn("{task.fields[failed]}"), console=console)
    started = time.perf_counter()
    task = None

    def update(done: int, total: int, failed: int) -> None:
        """Move the bar to ``done`` of ``total``."""
        nonlocal task
        if task is None:
            task = bar.add_task(description, total=total, rate="", failed="")
        seconds = time.perf_counter() - started
        rate = f"{done / seconds:.2f} samples/s" if seconds > 0 and done else ""
        bar.update(task, completed=done, total=total, rate=rate,
                   failed=f"[red]{failed} failed[/red]" if failed else "")

    with bar:
        yield update
