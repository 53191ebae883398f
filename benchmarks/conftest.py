"""The benchmarks run in one process, whatever the tests' ``-n`` in pyproject's addopts says.

The tests run on every core (pytest-xdist, ``-n auto``); under xdist pytest-benchmark turns
itself off (no timings), and two workers would time each other's load. This initial conftest
sets the worker count to 0 before xdist starts any, for ``pytest benchmarks`` and any file in it.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.option.numprocesses = 0
        config.option.dist = "no"
        config.option.tx = []
