"""Write small datasets for tests: tables as lists of dicts, everything else defaulted."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

SOURCE = "assumption: test fixture"

COLUMNS = {
    "commodities": ["commodity", "name", "unit", "balance", "kind", "fuel", "source"],
    "technologies": ["technology", "name", "sector", "kind", "level", "capacity_unit",
                     "activity_unit", "group", "fixed_utilisation", "early_retirement",
                     "investable", "nonfossil", "availability_profile", "load_profile",
                     "storage_commodity", "process_item", "source"],
    "flows": ["technology", "commodity", "direction", "value", "unit", "use", "source"],
    "parameters": ["technology", "parameter", "year", "value", "unit", "source"],
    "demands": ["commodity", "year", "value", "unit", "profile", "source"],
    "profiles": ["profile", "day", "hour", "value", "unit", "source"],
    "drivers": ["driver", "year", "value", "unit", "source"],
    "emissions": ["technology", "gas", "basis", "commodity", "year", "value", "unit", "source"],
    "reserves": ["commodity", "parameter", "year", "value", "unit", "source"],
    "links": ["link", "name", "commodity", "from_region", "to_region", "bidirectional", "loss",
              "capacity_unit", "activity_unit", "investable", "availability_profile",
              "price_profile", "counted", "source"],
}

#: The true/false columns and their defaults, written where a row leaves them out (a blank
#: flag cell is refused by the loader, N38).
FLAGS = {"technologies": {"fixed_utilisation": "false", "early_retirement": "false",
                          "investable": "true", "nonfossil": "false"},
         "links": {"bidirectional": "true", "investable": "false", "counted": "false"}}

ELECTRICITY = {"commodity": "electricity", "unit": "GWh", "balance": "timeslice",
               "kind": "electricity", "fuel": "electricity"}


def tech(code: str, **kw: Any) -> dict[str, Any]:
    """A timeslice power technology in MW / MWh unless overridden."""
    row = {"technology": code, "sector": "thermal_power", "kind": "conversion",
           "level": "timeslice", "capacity_unit": "MW", "activity_unit": "MWh",
           "investable": "false"}
    row.update(kw)
    return row


SHORT_LIFE = "override: a toy's short life keeps its annuities hand-computable"
"""The ``plausibility`` of a toy generator's lifetime under 5 years (a real one is a slip)."""

ACCEPT_SHORT_LIFE = pytest.mark.filterwarnings(
    "ignore:accepted by an explicit plausibility override.*implausible lifetime")
"""Mark of a test whose toy overrides :data:`SHORT_LIFE` (the override's notice is expected)."""


def param(code: str, name: str, value: float, unit: str, year: int | None = None,
          **kw: Any) -> dict:
    """A parameters.csv row (``plausibility=...`` adds that optional column)."""
    return {"technology": code, "parameter": name, "year": "" if year is None else year,
            "value": value, "unit": unit, **kw}


def flow(code: str, commodity: str, direction: str, value: float, unit: str, **kw: Any) -> dict:
    """A flows.csv row."""
    return {"technology": code, "commodity": commodity, "direction": direction, "value": value,
            "unit": unit, **kw}


def write(folder: Path, *, base_year: int = 2024, horizon: int = 2025, rate: float = 0.0,
          days: list[tuple[str, float]] | None = None, hours: int = 1,
          method: str = "provincial", gas: str = "CO2", gwp: str | None = None,
          primary_electricity: str = "calorific", targets: list[dict] | None = None,
          scenarios: dict | None = None, config: dict | None = None,
          extra_columns: dict[str, list[str]] | None = None,
          **tables: list[dict[str, Any]]) -> Path:
    """Write a dataset folder and return it.

    Tables not given are written empty (headers only); ``source`` defaults to a test note.
    ``config`` adds (or replaces) keys of ``dataset.yaml`` (e.g. ``regions``);
    ``extra_columns`` adds optional columns to a table (e.g. ``{"technologies": ["region"]}``).
    ``emissions``, ``reserves`` and ``links`` are written only when given.
    """
    folder.mkdir(parents=True, exist_ok=True)
    days = days or [("day", 365)]
    settings: dict[str, Any] = {
        "name": folder.name, "region": "CN-SD-Liaocheng", "base_year": base_year,
        "horizon": horizon, "currency": "CNY", "price_year": base_year, "discount_rate": rate,
        "timeslices": {"hours": hours, "days": [{"name": n, "weight": w} for n, w in days]},
        "emissions": {"method": method, "gas": gas},
        "energy": {"primary_electricity": primary_electricity},
        "scenarios": scenarios if scenarios is not None else {
            "baseline": {"targets": []},
            "plan": {"targets": [t["name"] for t in (targets or [])]},
        },
    }
    if gwp:
        settings["emissions"]["gwp"] = gwp
    settings.update(config or {})
    (folder / "dataset.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                         encoding="utf-8")
    plan = {"targets": [dict({"status": "assumption", "source": SOURCE}, **t)
                        for t in (targets or [])]}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True),
                                      encoding="utf-8")
    for table, columns in COLUMNS.items():
        rows = tables.get(table, [])
        if table in ("emissions", "reserves", "links") and not rows:
            continue
        for optional in ("day", "plausibility"):
            if any(optional in row for row in rows) and table == "parameters":
                columns = [*columns, optional]  # the optional column, written only when used
        columns = columns + (extra_columns or {}).get(table, [])
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="raise")
            writer.writeheader()
            for row in rows:
                out = dict.fromkeys(columns, "")
                out.update({c: FLAGS[table][c] for c in columns if c in FLAGS.get(table, {})})
                out["source"] = SOURCE
                out.update(dict(row.items()))
                writer.writerow(out)
    return folder
