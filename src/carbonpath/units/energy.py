"""Primary electricity in standard coal: calorific equivalent or coal-consumption method."""

from __future__ import annotations

from typing import Any

import numpy as np
import pint

from carbonpath._checks import checked
from carbonpath.errors import (
    ArgumentValueError,
    ImplausibleValueError,
    Problem,
    UnitError,
)
from carbonpath.units.registry import ureg

__all__ = ["CALORIFIC_EQUIVALENT", "COAL_RATE_RANGE", "electricity_to_standard_coal"]


# ---------------------------------------------------------------------------------------
# Primary electricity in standard coal


#: Calorific equivalent of electricity in standard coal as China's statistics use it:
#: 0.1229 kgce/kWh (GB/T 2589-2020 Appendix A, 电力当量值). The exact ratio of 3.6 MJ to
#: 29.3076 MJ/kgce is 0.12284; the standard prints 0.1229 (860 kcal per kWh / 7000 kcal per
#: kgce), and carbonpath follows the standard so that its totals match official ones.
CALORIFIC_EQUIVALENT = ureg.Quantity(0.1229, "kgce/kWh")


COAL_RATE_RANGE = (150.0, 600.0)
"""Plausible coal rate of a thermal power fleet, gce/kWh (as ``drivers.csv``
``thermal_power_coal_rate``, :mod:`carbonpath.dataset.absolute`)."""


@checked
def electricity_to_standard_coal(
    energy: pint.Quantity,
    method: str,
    coal_rate: pint.Quantity | None = None,
) -> pint.Quantity:
    """Convert primary (non-fossil) electricity to standard coal by a named convention.

    China's energy statistics use two conventions, and results differ by a factor of about
    2.5, so the caller must choose:

    * ``"calorific"`` (电热当量法, calorific equivalent): 0.1229 kgce/kWh as GB/T 2589-2020
      Appendix A prints it (:data:`CALORIFIC_EQUIVALENT`; the exact 3.6 MJ / 29.3076 MJ is
      0.12284);
    * ``"coal_consumption"`` (发电煤耗法, coal-consumption method): the coal that thermal power
      would have burned to make it, at the year's average coal rate of thermal power
      (about 0.3 kgce/kWh); China's official non-fossil share uses this method. Pass the
      rate, with its basis (generation 发电 or supply 供电), e.g. from
      :meth:`carbonpath.FactorTable.coal_rate`.

    Parameters
    ----------
    energy : pint.Quantity
        Electricity, any energy unit (kWh, 亿千瓦时, GWh, TJ); scalar or array. An amount
        in standard coal (tce, 万吨标准煤) is taken as electricity's calorific equivalent
        (当量值) and read back at the same 0.1229 kgce/kWh: ``"calorific"`` returns it
        unchanged, ``"coal_consumption"`` applies the coal rate to the kWh it stands for.
    method : {"calorific", "coal_consumption"}
        The convention.
    coal_rate : pint.Quantity, optional
        Coal per unit of electricity (e.g. ``Q_(300.7, "gce/kWh")``); required by, and
        only allowed with, ``"coal_consumption"``.

    Returns
    -------
    pint.Quantity
        Standard coal in tce.

    Raises
    ------
    UnitError
        If ``energy`` is not an energy or ``coal_rate`` not coal per energy.
    ValueError
        If ``method`` is unknown or ``coal_rate`` is missing or superfluous.
    ImplausibleValueError
        A ``coal_rate`` outside :data:`COAL_RATE_RANGE` (150 .. 600 gce/kWh; 300 kgce/kWh
        is a kgce-for-gce slip).
    """
    _require_dimension(energy, "[energy]", "energy")
    given, in_coal = energy, in_standard_coal(energy)
    if in_coal:
        # round 31 ZG104: a standard-coal amount is electricity's 当量值 already; read it
        # back at the same 0.1229 kgce/kWh (as activity rows are, round 21 J10), not as
        # 29.3076 GJ/tce of energy (1 万吨标准煤 came back as 10005.289 tce)
        energy = (energy.to("kgce") / CALORIFIC_EQUIVALENT).to("kWh")
    if method == "calorific":
        if coal_rate is not None:
            msg = "coal_rate is only used by method='coal_consumption'"
            raise ArgumentValueError(msg)
        if in_coal:  # the 当量值 given, unchanged
            return given.to("tce")
        return (energy * CALORIFIC_EQUIVALENT).to("tce")
    if method == "coal_consumption":
        if coal_rate is None:
            msg = (
                "method='coal_consumption' needs the year's thermal-power coal rate, e.g. "
                "coal_rate=Q_(300.7, 'gce/kWh'), with its basis (generation or supply) stated"
            )
            raise ArgumentValueError(msg)
        _require_dimension(coal_rate, "", "coal per unit of electricity (e.g. gce/kWh)")
        rate = float(np.max(np.abs(np.asarray(coal_rate.to("gce/kWh").magnitude, dtype=float))))
        low, high = COAL_RATE_RANGE
        if not low <= rate <= high:  # the range of drivers.csv (dataset/absolute.py)
            raise ImplausibleValueError(Problem(
                f"coal_rate {coal_rate} is {rate:.4g} gce/kWh, outside what any thermal power "
                f"fleet burns (123 gce/kWh is 100 % efficiency; the oldest small units burn "
                f"under 500); probably a unit slip (kgce for gce)", key="coal_rate",
                value=str(coal_rate), valid=f"{low:g} .. {high:g} gce/kWh, e.g. 300.7"))
        return (energy * coal_rate).to("tce")
    msg = f"unknown method '{method}'; valid: 'calorific', 'coal_consumption'"
    raise ArgumentValueError(msg)


def in_standard_coal(q: pint.Quantity) -> bool:
    """Whether ``q`` is written in a standard-coal unit (tce, kgce, 万吨标准煤, Mtce ...).

    Follows each unit's definition down to ``kilogram_coal_equivalent``
    (``units.txt``, GB/T 2589-2020: 29.3076 MJ), so every spelling and prefix counts; kWh,
    TJ or 亿千瓦时 do not.
    """
    todo = [str(name) for name in q._units]
    while todo:
        name = todo.pop()
        if name == "kilogram_coal_equivalent":
            return True
        base = ureg.parse_unit_name(name)
        if not base:
            continue
        todo.extend(str(n) for n in ureg._units[base[0][1]].reference
                    if n != base[0][1])
    return False


def _require_dimension(q: Any, dim: str, what: str) -> None:
    if not isinstance(q, pint.Quantity):
        raise UnitError(Problem(f"expected a quantity of {what}, got {type(q).__name__}"))
    if dim and not q.check(dim):
        raise UnitError(Problem(f"expected {what}, got units '{q.units}'", valid=dim))
    if not dim and not q.dimensionless:
        raise UnitError(Problem(f"expected {what} (a ratio of energies), got '{q.units}'"))
