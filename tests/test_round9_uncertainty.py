"""Round-9 cases U03/U07/U09/U10: percent slips and unread fields in uncertainty.csv.

A relative input multiplies the rows it selects (1 = central); any field above
:data:`carbonpath.dataset.uncertainty_rules.RELATIVE_CEILING` (5) is refused as a percentage
typed for a fraction. A field the distribution does not read is an error, not ignored.
"""

from __future__ import annotations

import pytest

from carbonpath.errors import CarbonpathWarning, DataError, ImplausibleValueError
from tests.test_sweeps_uncertainty import folder, write  # noqa: F401 (the fixture)

PV = ("pv,parameters,pv,capex,,,,,,,relative,{kind},{low},{mode},{high},{mean},{sd},{values},"
      ",1,,a: t")


def row(kind, low="", mode="", high="", mean="", sd="", values=""):
    return PV.format(kind=kind, low=low, mode=mode, high=high, mean=mean, sd=sd,
                     values=values)


@pytest.mark.parametrize(("fields", "column", "value"), [
    ({"kind": "triangular", "low": 70, "mode": 100, "high": 120}, "low", 70),          # U03
    ({"kind": "normal", "low": 50, "high": 150, "mean": 100, "sd": 15}, "low", 50),       # U09
    ({"kind": "normal", "mean": 100, "sd": 0.15, "low": 0.5}, "mean", 100),           # mean only
    ({"kind": "uniform", "low": 60, "high": 130}, "low", 60),                       # U10
    ({"kind": "uniform", "low": 0.9, "high": 120}, "high", 120),                    # high only
    ({"kind": "discrete", "values": "0.9 1 110"}, "values", 110),
])
def test_percent_for_fraction_is_refused(folder, fields, column, value):  # noqa: F811
    with pytest.raises(ImplausibleValueError, match="percentage typed for a fraction") as info:
        write(folder, row(**fields))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, column)
    assert problem.value == value


def test_ceiling_edge_and_override(folder):  # noqa: F811
    # x5 is the largest multiplier accepted (pv capex 5x is physically possible)
    assert write(folder, row("uniform", low=1, high=5)) is not None
    with pytest.raises(ImplausibleValueError):
        write(folder, row("uniform", low=1, high=5.1))
    forced = row("uniform", low=1, high=6).replace(",1,,a: t", ",1,,a: t,override: scenario x6")
    header = "input,table,technology,parameter,commodity,driver,profile,day,hour,year,scale,"
    header += "distribution,low,mode,high,mean,sd,values,weights,unit,group,source,plausibility\n"
    (folder / "uncertainty.csv").write_text(header + forced + "\n", encoding="utf-8")
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty

    with pytest.warns(CarbonpathWarning, match="override"):
        spec = load_uncertainty(load_dataset(folder))
    assert spec.inputs[0].distribution.high == 6


@pytest.mark.parametrize(("fields", "column"), [
    ({"kind": "uniform", "low": 0.6, "mode": 0.9, "high": 1.3}, "mode"),               # U07
    ({"kind": "triangular", "low": 0.6, "mode": 0.9, "high": 1.3, "sd": 0.1}, "sd"),
    ({"kind": "normal", "mean": 1, "sd": 0.1, "mode": 1}, "mode"),
    ({"kind": "discrete", "values": "0.9 1.1", "low": 0.9}, "low"),
    ({"kind": "uniform", "low": 0.6, "high": 1.3, "values": "1"}, "values"),
])
def test_field_the_distribution_does_not_read_is_an_error(folder, fields, column):  # noqa: F811
    with pytest.raises(DataError, match="does not read") as info:
        write(folder, row(**fields))
    problem = info.value.problems[0]
    assert (problem.row, problem.column) == (2, column)
