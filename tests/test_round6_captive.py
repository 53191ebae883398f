"""Round-6 cases CA27, CA28: a value or code in a captive cell that must be blank is an error."""

from __future__ import annotations

import pytest

from carbonpath.errors import DataError
from carbonpath.init.captive import read_captive

HEAD = "part,code,value,unit,source\n"
GOOD = "capacity,coal,100,万千瓦,t\nserves,industry,,,t\ntie,,200,万千瓦,t\n"


def _read(tmp_path, text):
    path = tmp_path / "cap.csv"
    path.write_text(HEAD + text, encoding="utf-8")
    return read_captive(path, ["coal", "gas"], name="cap.csv")


def test_the_good_input_reads(tmp_path):
    cap = _read(tmp_path, GOOD)
    assert cap.tie[0] == pytest.approx(2000.0)  # 200 万千瓦 = 2,000 MW
    assert list(cap.serves) == ["industry"]


@pytest.mark.parametrize(("text", "row", "column", "value"), [
    # CA27: a value (and unit) on a serves row, file line 3
    (GOOD.replace("serves,industry,,,t", "serves,industry,5,万千瓦,t"), 3, "value", 5),
    # CA28: a code on the tie row, file line 4
    (GOOD.replace("tie,,200", "tie,coal,200"), 4, "code", "coal"),
])
def test_a_cell_that_must_be_blank(tmp_path, text, row, column, value):
    with pytest.raises(DataError) as info:
        _read(tmp_path, text)
    hits = [p for p in info.value.problems if p.column == column]
    assert len(hits) == 1
    assert (hits[0].file, hits[0].row) == ("cap.csv", row)
    assert str(hits[0].value) in (str(value), f"{value}.0")
