"""Round-6 case MD11: a grid factor range no real grid reaches is refused in uncertainty.csv.

tiny drivers.csv row 6: grid_emission_factor 2030 = 0.50 t CO2/MWh; the loader's absolute
range is 0 .. 1.5 t CO2/MWh (carbonpath.dataset.absolute.DRIVER_RANGES).
"""

from __future__ import annotations

import pytest

from carbonpath.errors import ImplausibleValueError
from tests.test_sweeps_uncertainty import folder, write  # noqa: F401 (the fixture)

ROW = ("g,drivers,,,,grid_emission_factor,,,,2030,relative,uniform,0.5,,{high},,,,,1,,"
       "assumption: test")


def test_md11_grid_factor_x30_is_refused(folder):  # noqa: F811
    # 0.50 x 30 = 15 t CO2/MWh > 1.5
    with pytest.raises(ImplausibleValueError, match=r"1\.5 t CO2/MWh") as info:
        write(folder, ROW.format(high=30))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("uncertainty.csv", 2, "high")
    assert problem.value == pytest.approx(15.0)


def test_grid_factor_edge(folder):  # noqa: F811
    # 0.50 x 3 = 1.5 t CO2/MWh: the edge is allowed; 0.50 x 3.1 = 1.55 is not
    write(folder, ROW.format(high=3))
    with pytest.raises(ImplausibleValueError):
        write(folder, ROW.format(high=3.1))


def test_grid_factor_in_kg_per_kwh(folder):  # noqa: F811
    # absolute 0.4 .. 2.0 kg CO2/kWh = 0.4 .. 2.0 t CO2/MWh: 2.0 > 1.5
    row = ("g,drivers,,,,grid_emission_factor,,,,2030,absolute,uniform,0.4,,2.0,,,,,"
           "kg CO2/kWh,,assumption: test")
    with pytest.raises(ImplausibleValueError, match=r"1\.5 t CO2/MWh"):
        write(folder, row)
