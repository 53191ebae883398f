"""Time from an energy balance to a solved baseline (carbonpath init), in one process.

    PYTHONPATH=src python benchmarks/bench_init.py [--hours 12] [--horizon 2040] [--captive]
        [--heat]

Uses the synthetic coastal city of ``datasets/samples/init`` (41 Mt CO2 in the base year,
about Liaocheng's order of magnitude; ~80 technologies, as Liaocheng's 86), base year 2023,
horizon 2040 and 12 model hours per representative day (Liaocheng's resolution). Prints one
JSON line: seconds for init (read, calibrate, write), load, build + solve of the baseline,
and the total, with the base-year emissions of the model and of the inventory.
``--captive``: a quarter of the city's coal units captive, serving its industry, behind a
4,000 MW tie (two regions, :mod:`carbonpath.init.captive`). ``--heat`` (with or without
``--captive``): captive heat plants too, 1,000 万百万千焦 of the coal CHP units' heat and
100 MW of gas boilers (:mod:`carbonpath.init.captive_heat`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INIT = ROOT / "datasets" / "samples" / "init"


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--hours", type=int, default=12)
    parser.add_argument("--horizon", type=int, default=2040)
    parser.add_argument("--captive", action="store_true")
    parser.add_argument("--heat", action="store_true")
    args = parser.parse_args()
    import carbonpath as cp
    from carbonpath.init import init_dataset
    from carbonpath.run import dataset_inventory

    captive = None
    if args.captive or args.heat:
        import pandas as pd

        rows = [("serves", "industry", "", "", "benchmark"),
                ("tie", "", "400", "万千瓦", "benchmark")]
        if args.captive:
            rows.append(("capacity", "coal", "100", "万千瓦",
                         "benchmark: a quarter of the coal units"))
        if args.heat:
            rows += [("heat_capacity", "coal_chp", "500", "MW", "benchmark"),
                     ("heat_output", "coal_chp", "1000", "万百万千焦", "benchmark"),
                     ("heat_capacity", "heat_gas_boiler", "100", "MW", "benchmark")]
        captive = pd.DataFrame(rows, columns=["part", "code", "value", "unit", "source"])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        init_dataset(INIT / "coastal_balance.csv", capacity=INIT / "coastal_capacity.csv",
                     drivers=INIT / "coastal_drivers.csv", growth=INIT / "coastal_growth.csv",
                     production=INIT / "coastal_production.csv", region="CN-ZJ",
                     base_year=2023, horizon=args.horizon, out=Path(tmp) / "city",
                     model_hours=args.hours, captive=captive)
        t1 = time.perf_counter()
        ds = cp.load_dataset(Path(tmp) / "city")
        t2 = time.perf_counter()
        pathway = cp.optimise(ds, scenario="baseline")
        t3 = time.perf_counter()
        inventory = dataset_inventory(ds).total(gas="CO2").to("kt CO2").magnitude
        print(json.dumps({
            "init_s": round(t1 - t0, 2), "load_s": round(t2 - t1, 2),
            "solve_s": round(t3 - t2, 2), "total_s": round(t3 - t0, 2),
            "technologies": len(ds.tables["technologies"]), "years": len(ds.years),
            "model_hours": args.hours, "regions": len(ds.regions),
            "captive_heat": args.heat,
            "model_kt": pathway.emissions_in(2023),
            "inventory_kt": inventory}))


if __name__ == "__main__":
    main()
