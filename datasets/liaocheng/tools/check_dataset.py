"""Check the Liaocheng dataset against docs/data-format.md (until carbonpath's loader exists).

    PYTHONPATH=src python datasets/liaocheng/tools/check_dataset.py

Checks: every unit parses with carbonpath's registry and has the dimension its column needs;
every row has a source; year-indexed values cover base..horizon; codes are known (fuels,
sectors, process items, profiles, commodities); profile days match dataset.yaml and weights
sum to 365; availability profiles lie in [0, 1]; flows reference known commodities with units
commodity-unit / activity-unit. Exits non-zero listing every problem.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from carbonpath.units import Q_, parse_unit

HERE = Path(__file__).resolve().parent
DS = HERE.parent
ROOT = DS.parent.parent
PROBLEMS: list[str] = []

PROCESS_ITEMS = {"cement_clinker", "lime", "glass", "soda_ash_use", "ammonia", "nitric_acid", "adipic_acid",
                 "primary_aluminium_prebake", "primary_aluminium_soderberg", "bof_steel", "eaf_steel", "pig_iron",
                 "dri", "sinter", "coke_production"}


def read(name):
    with open(DS / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def problem(file, i, col, msg):
    PROBLEMS.append(f"{file} row {i + 2} [{col}]: {msg}")


def dim(unit: str):
    return Q_(1, parse_unit(unit)).dimensionality


def same_dim(u1: str, u2: str) -> bool:
    try:
        Q_(1, parse_unit(u1)).to(parse_unit(u2))
        return True
    except Exception:
        return False


def main():
    meta = yaml.safe_load(open(DS / "dataset.yaml", encoding="utf-8"))
    base, horizon = meta["base_year"], meta["horizon"]
    days = {d["name"]: d["weight"] for d in meta["timeslices"]["days"]}
    if abs(sum(days.values()) - 365) > 1e-9:
        PROBLEMS.append(f"dataset.yaml: day weights sum to {sum(days.values())}, not 365")
    fuels = {r["code"] for r in csv.DictReader(open(ROOT / "src/carbonpath/data/fuels.csv", encoding="utf-8"))}
    sectors = {r["code"] for r in csv.DictReader(open(ROOT / "src/carbonpath/data/sectors.csv", encoding="utf-8"))}

    for name in ("commodities.csv", "technologies.csv", "flows.csv", "parameters.csv", "demands.csv",
                 "profiles.csv", "drivers.csv", "emissions.csv", "activity.csv", "production.csv"):
        for i, r in enumerate(read(name)):
            if not r.get("source", "").strip():
                problem(name, i, "source", "empty source")
            if "unit" in r:
                try:
                    parse_unit(r["unit"]) if r["unit"] != "1" else None
                except Exception as exc:  # noqa: BLE001
                    problem(name, i, "unit", f"{r['unit']!r} does not parse: {exc}")

    com = {r["commodity"]: r for r in read("commodities.csv")}
    for i, r in enumerate(read("commodities.csv")):
        if r["fuel"] and r["fuel"] not in fuels:
            problem("commodities.csv", i, "fuel", f"unknown fuel {r['fuel']}")
        if r["balance"] not in ("timeslice", "annual"):
            problem("commodities.csv", i, "balance", r["balance"])
    profiles = {r["profile"] for r in read("profiles.csv")}
    techs = {r["technology"]: r for r in read("technologies.csv")}
    n_ts = sum(1 for t in techs.values() if t["level"] == "timeslice")
    for i, t in enumerate(techs.values()):
        if t["sector"] not in sectors:
            problem("technologies.csv", i, "sector", f"unknown sector {t['sector']}")
        if t["process_item"] and t["process_item"] not in PROCESS_ITEMS:
            problem("technologies.csv", i, "process_item", t["process_item"])
        for col in ("availability_profile", "load_profile"):
            if t[col] and t[col] not in profiles:
                problem("technologies.csv", i, col, f"unknown profile {t[col]}")
        if t["level"] == "timeslice" and not same_dim(t["capacity_unit"], "MW"):
            problem("technologies.csv", i, "capacity_unit", "timeslice technologies need a power")
        if t["level"] == "timeslice" and not same_dim(t["activity_unit"], "MWh"):
            problem("technologies.csv", i, "activity_unit", "timeslice technologies need an energy")
        if t["storage_commodity"] and t["storage_commodity"] not in com:
            problem("technologies.csv", i, "storage_commodity", t["storage_commodity"])

    for i, f in enumerate(read("flows.csv")):
        t = techs.get(f["technology"])
        if t is None:
            problem("flows.csv", i, "technology", f"unknown {f['technology']}")
            continue
        c = com.get(f["commodity"])
        if c is None:
            problem("flows.csv", i, "commodity", f"unknown {f['commodity']}")
            continue
        if not same_dim(f["unit"], f"{c['unit']}/({t['activity_unit']})"):
            problem("flows.csv", i, "unit", f"{f['unit']} is not {c['unit']}/{t['activity_unit']}")

    need = {
        "lifetime": "yr", "economic_lifetime": "yr", "discount_rate": "1",
        "capex": "CNY/({cap})", "fixed_om": "CNY/({cap})/yr", "variable_cost": "CNY/({act})",
        "availability": "1", "utilisation": "{act}/({cap})/yr", "residual_capacity": "{cap}",
        "activity": "{act}/yr", "max_capacity": "{cap}", "min_capacity": "{cap}",
        "max_new_capacity": "{cap}/yr", "min_new_capacity": "{cap}/yr", "max_activity": "{act}/yr",
        "min_activity": "{act}/yr", "capex_energy": "CNY/MWh", "fixed_om_energy": "CNY/MWh/yr",
        "residual_energy_capacity": "MWh", "max_energy_capacity": "MWh", "charge_efficiency": "1",
        "discharge_efficiency": "1", "standing_loss": "1/h",
    }
    years_by = defaultdict(list)
    for i, r in enumerate(read("parameters.csv")):
        t = techs.get(r["technology"])
        if t is None:
            problem("parameters.csv", i, "technology", r["technology"])
            continue
        want = need.get(r["parameter"])
        if want is None:
            problem("parameters.csv", i, "parameter", f"unknown parameter {r['parameter']}")
            continue
        want = want.format(cap=t["capacity_unit"], act=t["activity_unit"])
        if want == "1":
            if r["unit"] != "1":
                problem("parameters.csv", i, "unit", f"{r['unit']} should be 1")
        elif not same_dim(r["unit"], want):
            problem("parameters.csv", i, "unit", f"{r['unit']} has not the dimension of {want}")
        if r["year"]:
            years_by[(r["technology"], r["parameter"])].append(int(r["year"]))
    for (tname, prm), ys in years_by.items():
        if prm == "activity":
            if ys != [base]:
                PROBLEMS.append(f"parameters.csv: {tname} activity given for {ys}, expected the base year")
            continue
        if min(ys) > base or max(ys) < horizon:
            PROBLEMS.append(f"parameters.csv: {tname} {prm} years {min(ys)}..{max(ys)} do not cover {base}..{horizon}")
    params = read("parameters.csv")
    stock = {r["technology"] for r in params if r["parameter"] == "residual_capacity"}
    act = {r["technology"] for r in params if r["parameter"] == "activity"}
    for tname in stock - act:
        if any(float(r["value"]) > 0 for r in params if r["technology"] == tname and r["parameter"] == "residual_capacity"
               and r["year"] in ("", str(base))) and techs[tname]["kind"] not in ("import", "supply", "export", "storage"):
            PROBLEMS.append(f"parameters.csv: {tname} has base-year stock but no base-year activity")

    dyears = defaultdict(list)
    for i, r in enumerate(read("demands.csv")):
        c = com.get(r["commodity"])
        if c is None:
            problem("demands.csv", i, "commodity", r["commodity"])
            continue
        if not same_dim(r["unit"], f"{c['unit']}/yr"):
            problem("demands.csv", i, "unit", f"{r['unit']} is not {c['unit']}/yr")
        dyears[r["commodity"]].append(int(r["year"]))
    for c, ys in dyears.items():
        if min(ys) > base or max(ys) < horizon:
            PROBLEMS.append(f"demands.csv: {c} years do not cover {base}..{horizon}")

    prof = defaultdict(dict)
    for i, r in enumerate(read("profiles.csv")):
        if r["day"] not in days:
            problem("profiles.csv", i, "day", f"unknown day {r['day']}")
        prof[r["profile"]][(r["day"], int(r["hour"]))] = float(r["value"])
    hours = meta["timeslices"]["hours"]
    for pname, vals in prof.items():
        if len(vals) != len(days) * hours:
            PROBLEMS.append(f"profiles.csv: {pname} has {len(vals)} values, expected {len(days) * hours}")
        if pname in {t["availability_profile"] for t in techs.values()}:
            if min(vals.values()) < 0 or max(vals.values()) > 1:
                PROBLEMS.append(f"profiles.csv: availability profile {pname} outside [0, 1]")
            flh = sum(v * days[d] for (d, _), v in vals.items())
            print(f"profile {pname}: {flh:.0f} full-load hours/yr (weighted by day weights)")

    for i, r in enumerate(read("activity.csv")):
        if r["sector"] not in sectors:
            problem("activity.csv", i, "sector", r["sector"])
        if r["fuel"] not in fuels:
            problem("activity.csv", i, "fuel", r["fuel"])
        if r["fuel"] == "natural_gas" and r["gas_condition"] != "20C":
            problem("activity.csv", i, "gas_condition", "gas rows need 20C")
    for i, r in enumerate(read("production.csv")):
        if r["product"] not in PROCESS_ITEMS:
            problem("production.csv", i, "product", r["product"])
    drv = defaultdict(list)
    for r in read("drivers.csv"):
        drv[r["driver"]].append(int(r["year"]))
    for d, ys in drv.items():
        if min(ys) > base or max(ys) < horizon:
            PROBLEMS.append(f"drivers.csv: {d} does not cover {base}..{horizon}")

    plan = yaml.safe_load(open(DS / "plan.yaml", encoding="utf-8"))
    names = {t["name"] for t in plan["targets"]}
    for sc, spec in meta["scenarios"].items():
        for tn in spec.get("targets", []):
            if tn not in names:
                PROBLEMS.append(f"dataset.yaml: scenario {sc} names unknown target {tn}")
    for t in plan["targets"]:
        for key in ("status", "source"):
            if key not in t:
                PROBLEMS.append(f"plan.yaml: target {t['name']} has no {key}")
        if "unit" in t:
            parse_unit(t["unit"])

    n_annual = len(techs) - n_ts
    print(f"technologies: {len(techs)} ({n_ts} timeslice, {n_annual} annual); commodities: {len(com)}")
    if PROBLEMS:
        print("\n".join(PROBLEMS))
        sys.exit(1)
    print("dataset checks passed")


if __name__ == "__main__":
    main()
