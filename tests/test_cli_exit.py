"""The command's process skips the collector's passes at exit (cli.base._no_collection_at_exit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import carbonpath

SRC = str(Path(carbonpath.__file__).resolve().parents[1])


def _python(code: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False).stdout.split()


def test_a_command_freezes_the_heap_at_exit_after_the_other_exit_handlers():
    # a handler registered before the command runs after carbonpath's (last in, first out)
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen-at-exit', gc.get_freeze_count() > 0))\n"
            "from carbonpath.cli import app\n"
            "print('frozen-before-exit', gc.get_freeze_count() > 0)\n"
            "app(['version'], prog_name='carbonpath')\n")
    out = _python(code)
    assert out[:2] == ["frozen-before-exit", "False"]
    assert out[-2:] == ["frozen-at-exit", "True"]


def test_without_a_command_nothing_is_frozen_at_exit():
    code = ("import atexit, gc\n"
            "atexit.register(lambda: print('frozen-at-exit', gc.get_freeze_count() > 0))\n"
            "import carbonpath.cli\n")
    assert _python(code) == ["frozen-at-exit", "False"]


def test_the_exit_handler_is_registered_once(monkeypatch):
    import atexit

    from carbonpath.cli import base

    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(base._no_collection_at_exit, "registered", False, raising=False)
    base._no_collection_at_exit()
    base._no_collection_at_exit()
    assert len(registered) == 1
