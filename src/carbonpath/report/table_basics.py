"""What every summary table shares: the milestone years, the trade category and zero snapping.

Moved out of :mod:`carbonpath.report.tables`, which re-exports every name.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: The milestone years of China's peaking plans, reported when inside the horizon.
MILESTONES = (2025, 2030, 2035)


#: Category of electricity-trade emissions (grid factor x imports, minus exports under the
#: provincial method) in :func:`emissions_by_sector`.
IMPORT_CATEGORY = "electricity_net_import"


_TRADE_SCOPES = ("electricity_import", "electricity_export")


#: Values whose magnitude is below this (in the model's canonical units: kt, ktce, GW, GWh,
#: MCNY, CNY/t, vehicles) are solver noise and count as zero in every table and figure.
ZERO = 1e-6


def snap(values: pd.DataFrame | pd.Series, tol: float = ZERO) -> Any:
    """``values`` with every number whose magnitude is below ``tol`` set to 0.0 (no -0.0)."""
    numeric = values.astype(float)
    return numeric.where(numeric.abs() >= tol, 0.0) + 0.0


def _nonzero_columns(wide: pd.DataFrame, tol: float = ZERO) -> pd.DataFrame:
    """``wide`` snapped to zero below ``tol``, without the columns that are zero throughout."""
    if wide.empty:
        return wide
    wide = snap(wide, tol)
    return wide.loc[:, (wide != 0).any()]
