"""Result extraction against the cold solve it reads (one process, same load).

    PYTHONPATH=src python benchmarks/extraction.py [--dataset liaocheng] [--hours 12]

Builds and cold-solves the ``plan`` scenario, then times, each the median of ``--repeat``
runs: the first full result set (every table built, the column layout made on the way),
later full result sets (layout kept), a lazy ``Pathway`` whose tables are not read (what the
peak curve pays), :func:`carbonpath.model.extract.sweep_point`, and the per-value extraction
the vectorised one replaced (``tests/pathway_reference.py``). Prints seconds and each as a
ratio of the cold solve.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(func, repeat: int) -> float:
    """Median wall seconds of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return statistics.median(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="liaocheng")
    parser.add_argument("--hours", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from carbonpath import PathwayModel
    from carbonpath.model.extract import sweep_point
    from carbonpath.model.results import make_pathway
    from tests.pathway_reference import reference_tables

    pm = PathwayModel(args.dataset, scenario="plan", hours=args.hours)
    result = pm.highs.solve()
    cold = result.seconds

    def full() -> None:
        p = make_pathway(pm, result)
        for name in p.tables:
            p.tables[name]

    start = time.perf_counter()
    full()  # the first: makes the layout
    first = time.perf_counter() - start
    out = {
        "cold_solve": cold, "columns": pm.highs.num_col, "rows": pm.highs.num_row,
        "first_full": first,
        "full": timed(full, args.repeat),
        "lazy_untouched": timed(lambda: make_pathway(pm, result), args.repeat),
        "sweep_point": timed(lambda: sweep_point(pm, result), args.repeat),
        "per_value_reference": timed(lambda: reference_tables(pm, result), args.repeat),
    }
    out["ratios_to_cold_solve"] = {k: out[k] / cold for k in
                                   ("first_full", "full", "lazy_untouched", "sweep_point",
                                    "per_value_reference")}
    out["per_value_over_full"] = out["per_value_reference"] / out["full"]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
