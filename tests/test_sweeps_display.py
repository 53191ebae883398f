"""The CLI's progress display of a sweep: count, rate, time left and failures (rich)."""

import io
import time

from rich.console import Console

from carbonpath.sweeps.display import progress_bar


def test_the_progress_bar_shows_count_rate_time_left_and_failures():
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=160, color_system=None)
    with progress_bar("40 samples", console) as progress:
        time.sleep(0.05)
        progress(10, 40, 0)
        time.sleep(0.05)
        progress(20, 40, 2)
    text = out.getvalue()
    assert "40 samples" in text
    assert "20/40" in text  # count
    assert "samples/s" in text  # rate
    assert "left" in text  # time remaining
    assert "2 failed" in text  # failures
