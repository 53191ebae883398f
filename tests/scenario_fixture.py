"""Copies of the tiny dataset with extra scenarios, targets and measures, for scenario tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from carbonpath._resources import data_path

CO2_PER_T = 20.908 * 26.18e-3 * 0.93 * 44 / 12  # t CO2 per t raw coal (tutorial-tiny.md)
CO2_PER_MWH = 0.4 * CO2_PER_T  # of the coal plant
CRF = 0.05 * 1.05**25 / (1.05**25 - 1)  # PV, 25 years at 5 %
PV_COST = (3000 * CRF + 40) / 1314 * 1000  # CNY/MWh of new PV (1314 full-load hours)
COAL_COST = 0.4 * 400 + 20  # CNY/MWh of coal power (fuel + variable)
PV_PRICE = (PV_COST - COAL_COST) / CO2_PER_MWH  # CNY/t CO2 avoided by new PV


def tiny_copy(folder: Path, scenarios: dict[str, Any] | None = None,
              targets: list[dict[str, Any]] | None = None, **config: Any) -> Path:
    """Copy datasets/tiny to ``folder`` and add scenarios, plan targets and config keys."""
    dest = folder / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", dest)
    path = dest / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["scenarios"].update(scenarios or {})
    data.update(config)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if targets:
        plan = dest / "plan.yaml"
        content = yaml.safe_load(plan.read_text(encoding="utf-8"))
        content["targets"] += targets
        plan.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return dest


def row(technology: str, parameter: str, value: float, unit: str,
        year: int | None = None) -> dict[str, Any]:
    """A parameters override row for dataset.yaml."""
    out = {"technology": technology, "parameter": parameter, "value": value, "unit": unit,
           "source": "assumption: test"}
    if year is not None:
        out["year"] = year
    return out
