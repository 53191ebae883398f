"""``python -m carbonpath``: the same as the ``carbonpath`` command."""

from carbonpath.cli import app

app(prog_name="carbonpath")
