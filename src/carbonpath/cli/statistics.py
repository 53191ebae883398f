"""The ``init``, ``template`` and ``catalogue`` commands (:mod:`carbonpath.init.commands`)."""

from __future__ import annotations

from carbonpath.cli.base import _fail, app
from carbonpath.init.commands import register as _register_init

_register_init(app, _fail)
