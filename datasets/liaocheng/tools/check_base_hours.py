"""Is the base-year electricity balance feasible hour by hour?

    python datasets/liaocheng/tools/check_base_hours.py

A small LP independent of carbonpath's model: base-year annual activities fixed (from
parameters.csv), each timeslice technology limited by capacity x availability x profile, annual
technologies drawing electricity with their load profiles (normalised with the day weights), the
export free to take any hourly shape within its capacity. Prints whether a dispatch exists and the
peak local load. It checks the data, not the model.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import linprog

DS = Path(__file__).resolve().parent.parent


def read(name):
    return list(csv.DictReader(open(DS / name, encoding="utf-8")))


meta = yaml.safe_load(open(DS / "dataset.yaml", encoding="utf-8"))
base = meta["base_year"]
days = [(d["name"], d["weight"]) for d in meta["timeslices"]["days"]]
H = meta["timeslices"]["hours"]
ts = [(d, h) for d, _ in days for h in range(H)]
w = np.array([wt for _, wt in days for _ in range(H)], dtype=float)  # hours per year of each slice
prof = defaultdict(dict)
for r in read("profiles.csv"):
    prof[r["profile"]][(r["day"], int(r["hour"]))] = float(r["value"])
techs = {r["technology"]: r for r in read("technologies.csv")}
par = defaultdict(dict)
for r in read("parameters.csv"):
    if r["year"] in ("", str(base)):
        key = r["parameter"]
        if key == "residual_capacity" and r["year"] == "" and key in par[r["technology"]]:
            continue
        par[r["technology"]][key] = float(r["value"])
flows = defaultdict(dict)
for r in read("flows.csv"):
    flows[r["technology"]][(r["commodity"], r["direction"])] = float(r["value"])

# electricity drawn by annual technologies, per timeslice (MW)
load = np.zeros(len(ts))
for t, row in techs.items():
    if row["level"] != "annual":
        continue
    a = par[t].get("activity", 0.0)
    e = flows[t].get(("electricity", "input"), 0.0)
    if a and e:
        shape = np.array([prof[row["load_profile"]][k] for k in ts]) if row["load_profile"] else np.ones(len(ts))
        shape = shape / (shape * w).sum()  # sums to 1 over the year
        load += a * e * shape  # MWh/yr x 1/h -> MW
gens = [t for t, r in techs.items() if r["level"] == "timeslice" and r["kind"] in ("conversion", "supply")
        and ("electricity", "output") in flows[t] and par[t].get("activity")]
n = len(ts)
names = gens + ["grid_export"]
nv = len(names) * n
A_eq, b_eq, bounds = [], [], []
for j, t in enumerate(names):
    cap = par[t]["residual_capacity"] * par[t].get("availability", 1.0)
    p = techs[t]["availability_profile"]
    for i, k in enumerate(ts):
        bounds.append((0, cap * (prof[p][k] if p else 1.0)))
    row = np.zeros(nv)
    row[j * n:(j + 1) * n] = w
    A_eq.append(row)
    b_eq.append(par[t]["activity"])
A_ub, b_ub = [], []
for i in range(n):  # balance: generation - export >= load (production >= use, as the format says)
    row = np.zeros(nv)
    for j, t in enumerate(names):
        row[j * n + i] = 1.0 if t == "grid_export" else -1.0
    A_ub.append(row)
    b_ub.append(-load[i])
gap = sum(b_eq[: len(gens)]) - b_eq[len(gens)] - (load * w).sum()
print(f"annual electricity: production - export - use = {gap:.3f} MWh")
res = linprog(np.zeros(nv), A_eq=np.array(A_eq) / 1e3, b_eq=np.array(b_eq) / 1e3, A_ub=np.array(A_ub),
              b_ub=np.array(b_ub), bounds=bounds, method="highs")
print(f"local load: mean {np.average(load, weights=w):,.0f} MW, peak {load.max():,.0f} MW "
      f"({ts[int(load.argmax())]}), min {load.min():,.0f} MW")
print("base-year hourly dispatch:", "FEASIBLE" if res.status == 0 else f"INFEASIBLE ({res.message})")
raise SystemExit(0 if res.status == 0 else 1)
