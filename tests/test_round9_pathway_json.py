"""pathway.json describes the model that was solved, also after in-memory changes (issue 11).

A :class:`~carbonpath.PathwayModel` changed by ``update()``, ``apply()`` or ``scale_cost()``
after it was built from the dataset solves numbers the dataset's files do not hold; its
``pathway.json`` lists those changes (the ones in force at the solve) and says so.
"""

from __future__ import annotations

import json

import carbonpath as cp
from carbonpath.units import Q_


def _described(pathway, folder):
    pathway.to_csv(folder)
    return json.loads((folder / "pathway.json").read_text(encoding="utf-8"))


def test_pathway_json_lists_the_changes_in_force(tmp_path):
    m = cp.PathwayModel("tiny", scenario="plan")
    assert "changes" not in _described(m.solve(), tmp_path / "a")  # as built: nothing to say
    for level in (4.5, 4.6):  # the second update of the cap replaces the first
        m.update(target="cap", value=Q_(level, "Mt CO2"))
    m.apply({("parameters", 12): 60.0})  # tiny's line 12: pv fixed_om, 40 CNY/kW/yr
    m.scale_cost("pv", "capex", 0.8)
    described = _described(m.solve(), tmp_path / "b")
    calls = [(c["call"], c.get("target"), c.get("rows"), c.get("factor"))
             for c in described["changes"]]
    assert calls == [("update", "cap", None, None),
                     ("apply", None, {"parameters.csv line 12": 60.0}, None),
                     ("scale_cost", None, None, 0.8)]
    assert described["changes"][0]["value"].startswith("4.6 ")
    assert "not the values that were solved" in described["note"]
    m.restore()  # apply() undone; scale_cost by 1 restores the dataset's capex
    m.scale_cost("pv", "capex", 1)
    assert [c["call"] for c in _described(m.solve(), tmp_path / "c")["changes"]] == ["update"]
