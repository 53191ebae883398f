"""The ``carbonpath`` command: wires the public API to the terminal, nothing more.

A package by command: :mod:`~carbonpath.cli.base` holds ``app`` (the entry point
``carbonpath.cli:app``) and ``version``; :mod:`~carbonpath.cli.checks` the raw command-line
checks; :mod:`~carbonpath.cli.accounting` ``inventory`` and ``factors``;
:mod:`~carbonpath.cli.pathway` ``optimise``, ``report`` and ``run``;
:mod:`~carbonpath.cli.decomposition` ``decompose``; :mod:`~carbonpath.cli.statistics` ``init``,
``template`` and ``catalogue``; :mod:`~carbonpath.cli.sweeps` ``montecarlo`` and ``macc``. The
command modules are imported here in that order, which is the order of ``carbonpath --help``
(so no command module imports another); :mod:`~carbonpath.cli.activity_files` tells an
activity file from an energy balance sheet for ``inventory`` and ``decompose``.
"""

from __future__ import annotations

# the command modules, in the order of ``carbonpath --help``: each registers its commands on
# ``app`` when it is imported
# isort: off
import carbonpath.cli.base
import carbonpath.cli.accounting
import carbonpath.cli.pathway
import carbonpath.cli.decomposition
import carbonpath.cli.statistics
import carbonpath.cli.sweeps  # noqa: F401
# isort: on

from carbonpath.cli.accounting import inventory as inventory
from carbonpath.cli.accounting import list_factors as list_factors
from carbonpath.cli.activity_files import _header as _header
from carbonpath.cli.base import Format as Format
from carbonpath.cli.base import _fail as _fail
from carbonpath.cli.base import _main as _main
from carbonpath.cli.base import _solve_or_fail as _solve_or_fail
from carbonpath.cli.base import app as app
from carbonpath.cli.base import version as version
from carbonpath.cli.checks import _check_command_line as _check_command_line
from carbonpath.cli.decomposition import decompose as decompose
from carbonpath.cli.pathway import optimise as optimise
from carbonpath.cli.pathway import report as report
from carbonpath.cli.pathway import run as run
from carbonpath.cli.sweeps import MACC_FILES as MACC_FILES
from carbonpath.cli.sweeps import macc as macc
from carbonpath.cli.sweeps import montecarlo as montecarlo
