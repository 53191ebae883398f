"""The one unit registry of carbonpath, GWP conversions and China's energy conventions.

Use ``carbonpath.ureg`` and ``carbonpath.Q_`` everywhere; never create another registry
(quantities of two registries cannot be combined).

What the registry adds to pint's defaults is in ``units.txt`` beside this module:

* energy in standard coal (GB/T 2589-2020: 1 kgce = 29.3076 MJ), ``kgce``, ``tce``,
  ``gce`` with SI prefixes (``Mtce``), and pint's ``toe`` (41.868 GJ);
* greenhouse-gas species as dimensions of their own (``t CO2``, ``t CH4``, ``t N2O``,
  ``t SF6``, ``t CF4``, ``t C2F6``); carbon ``t C`` converts to CO2 by 44/12 and to nothing
  else; ``CO2e`` is reached only through :func:`to_co2e` with an explicit GWP set;
* gas volumes at stated reference conditions as amounts of gas: ``Nm3`` (0 °C),
  ``Sm3`` (15 °C), ``m3_20C`` (20 °C, China's energy statistics), all at 101.325 kPa;
* currencies as dimensions (``CNY``, ``USD``; ``MCNY`` = 1e6 CNY), counts (``vehicle``,
  ``person``, ``passenger``) and service units (``vkm``, ``pkm``, ``tkm``);
* Chinese statistical units: 万吨, 万吨标准煤, 吨标准煤, 千克标准煤, 亿千瓦时, 万千瓦时, 万千瓦,
  亿立方米, 万立方米, 万元, 亿元, 万人 and more (万 = 1e4, 亿 = 1e8).

Two pint defaults are replaced on purpose: ``year`` is 365 days (8760 h, the sum of the
timeslice weights) instead of the Julian year, and ``kt`` is the kilotonne, not the knot.

The code is split by job: :mod:`~carbonpath.units.registry` (the registry and
``Q_``), :mod:`~carbonpath.units.parse` (unit strings, conversion factors),
:mod:`~carbonpath.units.gwp` (gas species, GWP sets, :func:`to_co2e`) and
:mod:`~carbonpath.units.energy` (primary electricity in standard coal); ``units.txt`` is in the
package folder, beside this package. Every name is importable from here.
"""

from __future__ import annotations

from carbonpath.units.energy import CALORIFIC_EQUIVALENT, electricity_to_standard_coal
from carbonpath.units.gwp import GAS_UNITS, GWP_SETS, gwp_value, to_co2e
from carbonpath.units.gwp import gwp_source as gwp_source
from carbonpath.units.parse import conversion_factors as conversion_factors
from carbonpath.units.parse import dimension_of as dimension_of
from carbonpath.units.parse import is_finite_number as is_finite_number
from carbonpath.units.parse import parse_unit
from carbonpath.units.parse import unit_factor as unit_factor
from carbonpath.units.registry import Q_, ureg
from carbonpath.units.registry import Registry as Registry
from carbonpath.units.registry import _check_finite as _check_finite

__all__ = [
    "CALORIFIC_EQUIVALENT",
    "GAS_UNITS",
    "GWP_SETS",
    "Q_",
    "electricity_to_standard_coal",
    "gwp_value",
    "parse_unit",
    "to_co2e",
    "ureg",
]
