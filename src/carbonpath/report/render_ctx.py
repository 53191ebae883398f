"""The shared state of the report's section builders (:class:`_Ctx`).

:class:`_Ctx` holds the language, the display units and the saved run while the template
context is built, and turns codes into display text (scenarios, sectors, units, source
statuses, shadow-price units). Moved out of :mod:`carbonpath.report.render_sections`, which
re-exports it (as does :mod:`carbonpath.report.render`).
"""

from __future__ import annotations

from typing import Any

from carbonpath.report import tables as T
from carbonpath.report.classify import sector_table
from carbonpath.report.formatting import fmt
from carbonpath.report.i18n import (
    SCENARIO_NAMES,
    DisplayUnits,
    display_units,
    translator,
)


class _Ctx:
    """Shared state while the context is built: language, units, result."""

    def __init__(self, result: Any, lang: str) -> None:
        self.result = result
        self.lang = lang
        self.t = translator(lang)
        self.gas = result.meta.get("dataset", {}).get("emissions", {}).get("gas", "CO2")
        self.u: DisplayUnits = display_units(lang, self.gas)
        self.plan = T.plan_name(result)
        self.base = T.baseline_name(result)
        self.sectors = sector_table()

    def scenario(self, name: str | None) -> str:
        """Display name of a scenario (the roles' usual names translated), else its code."""
        if name in SCENARIO_NAMES:
            return self.t(f"scn_{name}")
        return name or ""

    def q(self, quantity: str, value: float, sign: bool = False) -> str:
        """A canonical value shown in the display unit of ``quantity`` (number only)."""
        return fmt(self.u.show(quantity, value) if value == value else value,
                   self.u.places(quantity), sign=sign)

    def unit(self, quantity: str) -> str:
        """Display form of a unit in the report's language."""
        return getattr(self.u, quantity)[0]

    def sector(self, code: str) -> str:
        """Display name of a sector code in the report's language, else the code."""
        if code in self.sectors.index:
            return str(self.sectors.loc[code, "name_zh" if self.lang == "zh" else "name_en"])
        return code

    def shadow_unit(self, unit: str, target: str | None = None) -> str:
        """Display form of a shadow price's unit, in the target's own terms.

        ``CNY/t`` and ``CNY/tce`` (emissions and energy targets), ``MCNY per <unit>`` (a
        technology bound); a share target's row has no unit of its own (``MCNY``): its
        price is per unit of the group's new capacity (or activity) moved to the members,
        named from the dataset's technology table.
        """
        unit = str(unit or "").strip()
        known = {"CNY/t": "u_cny_t", "CNY/tce": "u_cny_tce"}
        if unit in known:
            return self.t(known[unit])
        if unit.startswith("MCNY per "):
            return self.t("u_mcny_per", unit=unit[len("MCNY per "):])
        if unit == "MCNY":
            spec = (self.result.meta.get("targets", {}) or {}).get(target or "", {}) or {}
            if spec.get("type") == "min_share":
                return self._share_unit(spec)
        return unit

    def _share_unit(self, spec: dict[str, Any]) -> str:
        techs = self.result.dataset_tables.get("technologies")
        members = list(spec.get("members") or [])
        group = str(spec.get("group", ""))
        activity = spec.get("measure", "new_capacity") == "activity"
        column = "activity_unit" if activity else "capacity_unit"
        units: list[str] = []
        if techs is not None and not techs.empty and column in techs.columns:
            rows = techs[techs["technology"].isin(members)
                         | (techs["group"].astype(str) == group)]
            units = sorted({str(u) for u in rows[column].dropna()})
        unit = units[0] if len(units) == 1 else "unit"
        if activity:
            return self.t("u_min_share_activity", unit=unit, group=group)
        return self.t("u_min_share_new", unit=f"{unit}/yr" if units else unit, group=group)

    def status(self, value: str) -> str:
        """Display form of a source status in the report's language."""
        key = f"st_{value}"
        try:
            return self.t(key)
        except KeyError:
            return value
