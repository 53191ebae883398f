"""Plausibility of the captive input's figures, read by :func:`.captive.read_captive`.

Output above capacity x a year is refused (:func:`beyond_a_year`); generation or heat output
of too few full-load hours and capacities under a megawatt are warned (unit slips of round 19
U87 and round 24 B111 B113 B114).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from carbonpath.errors import CarbonpathWarning, Problem

__all__ = ["MIN_HEAT_HOURS", "TIE_RATIO", "CaptiveHoursWarning", "CaptiveSizeWarning",
           "beyond_a_year", "warn_heat_hours", "warn_hours", "warn_size", "warn_tie"]


def beyond_a_year(out: Any, frame: pd.DataFrame, label: str) -> list[Problem]:
    """Output above its capacity x 8,760 h: impossible, whatever the plants (round 22, N47 N89).

    Generation (MWh) over capacity (MW), heat output (GJ) over heat capacity (thermal MW,
    3.6 GJ/MWh) in full-load hours; more than a year's 8,760 is named with both rows.
    """
    found = []
    for part, given, stated, per in (("generation", out.generation, out.capacity, 1.0),
                                     ("heat output", out.heat_output, out.heat_capacity, 3.6)):
        for code, (value, line, _src) in given.items():
            mw, cap_line = stated.get(code, (0.0, 0))[:2]
            if mw <= 0 or value / per / mw <= 8760.0 * (1 + 1e-9):
                continue
            unit = "MWh" if per == 1.0 else "GJ"
            typed = f"{frame.loc[line, 'value']} {frame.loc[line, 'unit']}"
            found.append(Problem(
                f"captive {part} of '{code}' {value:,.0f} {unit} is "
                f"{value / per / mw:,.0f} full-load hours of its {mw:,.6g} MW captive "
                f"{'heat ' if per != 1.0 else ''}capacity (row {cap_line}), more than the "
                "8,760 hours of a year: impossible, so one of the two rows has a unit or digit "
                "slip", file=label, row=line, column="value", value=typed,
                valid=f"at most {mw * 8760 * per:,.0f} {unit} ({mw:,.6g} MW x 8,760 h"
                      f"{' x 3.6 GJ/MWh' if per != 1.0 else ''}), or a capacity (row "
                      f"{cap_line}) of at least {value / per / 8760:,.1f} MW"))
    return found


class CaptiveHoursWarning(CarbonpathWarning):
    """Captive generation too small for its captive capacity (a unit slip, round 19 U87)."""


def warn_hours(out: Any, frame: pd.DataFrame, label: str) -> None:
    """Warn of captive generation / capacity below a real fleet's full-load hours.

    The floors are the capacity input's (:data:`carbonpath.dataset.generation.MIN_FULL_LOAD_HOURS`:
    coal 1,500 h). 52 万千瓦时 typed for 52 亿千瓦时 beside 100 万千瓦 is 0.52 h (U87); the
    readings x10 and x10^4 (万 for 亿) whose hours would be plausible are offered.
    """
    import warnings

    from carbonpath.init.supply import MIN_FULL_LOAD_HOURS

    for code, (mwh, line, _src) in out.generation.items():
        low = MIN_FULL_LOAD_HOURS.get(code)
        mw = out.capacity.get(code, (0.0,))[0]
        if low is None or mw <= 0 or mwh / mw >= low:
            continue
        hours = mwh / mw
        unit = str(frame.loc[line, "unit"])
        value = frame.loc[line, "value"]
        readings = [f"{value} {'亿千瓦时' if k == 1e4 and '万' in unit else f'x{k:g}'} = "
                    f"{mwh * k:,.0f} MWh ({hours * k:,.0f} h)" for k in (10.0, 1e4)
                    if low <= hours * k <= 8760.0]
        warnings.warn(
            f"{label}, row {line}, column 'value': captive '{code}' generation {mwh:,.4g} MWh "
            f"({value} {unit}) is {hours:,.3g} full-load hours of its {mw:,.0f} MW captive "
            f"capacity (row {out.capacity[code][1]}), below the {low:,.0f} h a real '{code}' "
            "fleet runs; probably a unit slip (the captive plants are sized by this generation, "
            "so the stated capacity would be cut to match it); valid: "
            + ("; ".join(readings) or f"at least {mw * low:,.0f} MWh")
            + ", or keep it if the plants stood idle", CaptiveHoursWarning, stacklevel=3)


MIN_HEAT_HOURS = 500.0
"""Fewest full-load hours (heat output / 3.6 / thermal MW) of captive heat plants read without
a warning. An assumption: a heating-only boiler of northern China runs a 120-150-day season
(about 1,500-3,000 full-load hours), an industrial steam boiler or CHP most of the year; 500 h
is below both, while 百万千焦 typed for 万百万千焦 beside a real plant gives well under 1 h."""


def warn_heat_hours(out: Any, frame: pd.DataFrame, label: str) -> None:
    """Warn of captive heat output / heat capacity below :data:`MIN_HEAT_HOURS` (B111).

    1,000 百万千焦 (1,000 GJ, 万 dropped) beside 500 MW is 1,000 / 3.6 / 500 = 0.556 h; the
    readings x10 and x10^4 (万百万千焦) whose hours are plausible are offered.
    """
    import warnings

    for code, (gj, line, _src) in out.heat_output.items():
        mw = out.heat_capacity.get(code, (0.0,))[0]
        if mw <= 0 or gj / 3.6 / mw >= MIN_HEAT_HOURS:
            continue
        hours = gj / 3.6 / mw
        unit = str(frame.loc[line, "unit"])
        value = frame.loc[line, "value"]
        readings = [f"{value} {'万' + unit if k == 1e4 and not unit.isascii() else f'x{k:g}'} = "
                    f"{gj * k:,.0f} GJ ({hours * k:,.0f} h)" for k in (10.0, 1e4)
                    if MIN_HEAT_HOURS <= hours * k <= 8760.0]
        warnings.warn(
            f"{label}, row {line}, column 'value': captive '{code}' heat output {gj:,.4g} GJ "
            f"({value} {unit}) is {hours:,.3g} full-load hours of its {mw:,.0f} MW captive "
            f"heat capacity (row {out.heat_capacity[code][1]}; GJ / 3.6 / MW), below the "
            f"{MIN_HEAT_HOURS:,.0f} h a real heat plant runs; probably a unit slip (the captive "
            "heat plants are sized by this output, so the stated heat capacity would be cut to "
            "match it); valid: " + ("; ".join(readings)
                                    or f"at least {mw * MIN_HEAT_HOURS * 3.6:,.0f} GJ")
            + ", or keep it if the plants stood idle", CaptiveHoursWarning, stacklevel=3)


class CaptiveSizeWarning(CarbonpathWarning):
    """A captive capacity under a megawatt (B113 B114) or a tie far above the city (B152)."""


def warn_size(out: Any, frame: pd.DataFrame, label: str) -> None:
    """Warn of a captive (heat) capacity under the committed input's floor (B113 B114).

    The floor is :data:`carbonpath.init.inputs.COMMITTED_FLOOR_MW` (1 MW): captive units of
    an industrial park are megawatts and more; 100 kW typed for 100 万千瓦 is 0.1 MW.
    """
    import warnings

    from carbonpath.init.inputs import COMMITTED_FLOOR_MW

    for part, table in (("capacity", out.capacity), ("heat capacity", out.heat_capacity)):
        for code, (mw, line, _src) in table.items():
            if mw >= COMMITTED_FLOOR_MW:
                continue
            v, unit = frame.loc[line, "value"], frame.loc[line, "unit"]
            warnings.warn(
                f"{label}, row {line}, column 'value': captive {part} of '{code}' {mw:.4g} MW "
                f"({v} {unit}), smaller than a captive unit of an industrial park "
                f"({COMMITTED_FLOOR_MW:g} MW and more assumed); probably a unit slip; valid: "
                f"{v} 万千瓦 = {float(v) * 10:,.4g} MW, {v} MW, or keep it if the units are "
                "that small", CaptiveSizeWarning, stacklevel=3)


TIE_RATIO = 2.0
"""A tie rated above this many times the capacity input's total (every type, captive units
included) is warned (B152). The captive network's exchange is at most its own units' output
or its own load, both a part of the city's; the factor leaves room for a city whose peak
exceeds its own units (imports), while 200 GW typed for 200 万千瓦 (x100) is far beyond it."""


def warn_tie(cap: Any, capacity: pd.DataFrame) -> None:
    """Warn of a tie far above the city's whole capacity (:data:`TIE_RATIO`, round 24 B152).

    Parameters
    ----------
    cap : Captive
        The captive input (its ``tie``: MW, row, source).
    capacity : pandas.DataFrame
        The capacity input (column ``mw``, attribute ``file``).
    """
    import warnings

    mw, line, _src = cap.tie
    total = float(capacity["mw"].sum()) if "mw" in capacity else 0.0
    if total <= 0 or mw <= TIE_RATIO * total:
        return
    warnings.warn(
        f"{cap.file}, row {line}, column 'value': the captive tie {mw:,.0f} MW is "
        f"{mw / total:,.3g} times the city's whole capacity of "
        f"{capacity.attrs.get('file', 'the capacity input')} ({total:,.0f} MW, captive units "
        "included), more than the captive network could send or take; probably a unit slip "
        f"(GW or MW typed for 万千瓦); valid: at most about {TIE_RATIO * total:,.0f} MW "
        f"({TIE_RATIO:g} x the city's capacity), e.g. {mw / 100:,.0f} MW for x100, or keep it "
        "if the tie is that large", CaptiveSizeWarning, stacklevel=4)
