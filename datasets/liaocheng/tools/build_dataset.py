"""Build the Liaocheng dataset from one set of assumptions.

Run from the repository root:

    PYTHONPATH=src python datasets/liaocheng/tools/build_dataset.py

Every CSV and YAML file of ``datasets/liaocheng/`` except README.md, FORMAT-NOTES.md and the
uncertainty tables is written by this script (the code is in the ``builder`` package beside it,
one module per table or sector), so that the base year is consistent by construction:

* each technology with stock gets an observed base-year ``activity``;
* ``activity.csv`` is exactly technology activity x input flows, aggregated by sector and fuel;
* the base-year balance of every commodity closes (production = use + demand).

The script then checks units with carbonpath's registry and prints a base-year summary
(energy, CO2 by sector with a provisional factor set, electricity balance) that the README
quotes. Every number carries its source or ``assumption: <reasoning>``; the README explains
the derivations.
"""

from __future__ import annotations

from builder import buildings, coverage, from_catalogue, heat, industry, power, supply, transport
from builder.balance import check_capacity, close_balances
from builder.captive import assign_regions
from builder.common import TECHS, base_activity
from builder.limits import add_build_limits
from builder.observed import FIRST_DECISION, least_cost_additions, pin_published, write_into_stock
from builder.plan import summary, write_yaml
from builder.power import add_power_operations
from builder.tables import write_tables


def main() -> None:
    """Register the technologies, close the base year, write the tables, the summary and the YAML.

    The tables are written twice: the observed years 2024-25 are reconstructed from a first
    solve (tools/builder/observed.py).
    """
    for sector in (power, supply, industry, heat, buildings, transport, coverage):  # the row order of the tables
        sector.add()
    coverage.add_retrofit(sum(base_activity(t) or 0.0 for t in TECHS if "res_heat_urban" in t["outputs"]))
    assign_regions()
    add_build_limits()
    add_power_operations()
    from_catalogue.take()  # costs, lifetimes, availabilities, capacity credits: the catalogue's
    from_catalogue.take_flows()  # the options' efficiencies: the catalogue's
    prod, use = close_balances()
    check_capacity()
    write_tables()
    summary(prod, use)  # the inventory of the written activity.csv and production.csv
    # stage 1: 2024-25 as decision years, PV and wind pinned to the published growth
    pin_published()
    write_tables()
    write_yaml()  # now that the base-year totals are known
    # stage 2: the least-cost 2024-25 build becomes stock; 2024-25 are observed years
    write_into_stock(least_cost_additions())
    write_tables()
    write_yaml(first_decision_year=FIRST_DECISION)


if __name__ == "__main__":
    main()
