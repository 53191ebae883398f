"""Round-8 case T07: every filled cell of the workbook's targets sheet reaches plan.yaml."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonpath.errors import DataError
from carbonpath.init.workbook import _targets

COLUMNS = ["name", "type", "year", "relative_to", "value", "unit", "status", "source"]


def _frame(rows):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.index = range(2, 2 + len(frame))  # Excel rows
    return frame


def test_t07_cap_year_becomes_years_and_every_kind_keeps_its_fields():
    rows = [["peak", "peak_year", 2030, None, None, None, "commitment", "s"],
            ["cap2030", "cap", 2030, None, 25, "Mt CO2", None, "s"],
            ["capall", "cap", None, None, 30, "Mt CO2", None, "s"],
            ["red", "reduction", 2030, 2020, 0.2, None, None, "s"],
            ["ei", "emission_intensity", 2030.0, "2020", 0.65, None, None, "s"],
            ["en", "energy_intensity", 2025, 2020, 0.135, None, None, "s"],
            ["nf", "nonfossil_share", 2030, None, 0.25, None, None, "s"]]
    got = {t["name"]: {k: v for k, v in t.items() if k not in ("name", "source")}
           for t in _targets(_frame(rows), "wb")}
    assert got == {
        "peak": {"type": "peak_year", "status": "commitment", "year": 2030},
        # the sheet's year: this cap binds 2030 only (T07: it bound every year)
        "cap2030": {"type": "cap", "status": "assumption", "years": [2030], "value": 25.0,
                    "unit": "Mt CO2"},
        "capall": {"type": "cap", "status": "assumption", "value": 30.0, "unit": "Mt CO2"},
        "red": {"type": "reduction", "status": "assumption", "year": 2030,
                "relative_to": 2020, "value": 0.2},
        "ei": {"type": "emission_intensity", "status": "assumption", "year": 2030,
               "relative_to": 2020, "value": 0.65},
        "en": {"type": "energy_intensity", "status": "assumption", "year": 2025,
               "relative_to": 2020, "value": 0.135},
        "nf": {"type": "nonfossil_share", "status": "assumption", "year": 2030,
               "value": 0.25},
    }


def test_t07b_plain_mass_unit_is_of_co2():
    (t,) = _targets(_frame([["c", "cap", 2030, None, 2500, "万吨", None, "s"]]), "wb")
    assert t["unit"] == "万吨 CO2"  # 2500 万吨 = 25 Mt: the plan reads it as t CO2


def test_t07_unread_or_bad_cells_are_named():
    rows = [["p", "peak_year", 2030, 2020, None, "%", None, "s"],   # relative_to, unit unread
            ["c", "cap", 2030.5, None, 25, "GWh", None, "s"],       # not a year, not CO2
            ["n", "nonfossil_share", 2030, None, 25, "%", None, "s"]]  # a unit on a share
    with pytest.raises(DataError) as info:
        _targets(_frame(rows), "wb")
    where = sorted((p.row, p.column) for p in info.value.problems)
    assert where == [(2, "relative_to"), (2, "unit"), (3, "unit"), (3, "year"), (4, "unit")]
