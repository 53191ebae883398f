"""The exact digest that spares the cell-by-cell check of unedited tables (dataset/edits.py).

:func:`carbonpath.dataset.edits.check_unedited` compares a table cell by cell only when its
exact digest (columns, index, dtypes, cells) differs from the one taken at load.
"""

from __future__ import annotations

import pytest

import carbonpath as cp
from carbonpath.dataset import edits
from carbonpath.errors import DataError


def _no_print(frame):
    raise AssertionError("a table was compared cell by cell")


def test_unedited_tables_are_not_compared_cell_by_cell(monkeypatch):
    ds = cp.load_dataset("tiny")
    monkeypatch.setattr(edits, "_print", _no_print)
    assert edits.check_unedited(ds) is None


def test_an_edit_the_digest_sees_is_compared_and_refused(monkeypatch):
    ds = cp.load_dataset("tiny")
    d = ds.tables["demands"]
    d.loc[d.index[0], "value"] = float(d.loc[d.index[0], "value"]) + 1.0
    compared = []
    original = edits._print
    monkeypatch.setattr(edits, "_print", lambda f: compared.append(1) or original(f))
    with pytest.raises(DataError, match="changed in Python"):
        edits.check_unedited(ds)
    assert compared == [1]  # the edited table only


def test_a_dtype_cast_alone_is_compared_by_cells_and_accepted(monkeypatch):
    ds = cp.load_dataset("tiny")
    ds.tables["demands"]["year"] = ds.tables["demands"]["year"].astype("float64")
    assert edits._exact(ds.tables["demands"]) != edits._EXACT[id(ds)]["demands"]
    assert edits.check_unedited(ds) is None  # 2030 is 2030.0: no edit
