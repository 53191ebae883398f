"""dataset.yaml, plan.yaml and the base-year inventory summary."""

from __future__ import annotations

import yaml

from carbonpath import compute_inventory

from . import captive, coverage, policy
from .common import (
    BASE,
    COAL_RATE_BASIS,
    GDP,
    HERE,
    HORIZON,
    OUT,
    POP_BASE,
    REGION,
    S,
    catalogue_version,
)
from .power import EXPORT
from .profiles import DAYS


def write_yaml(first_decision_year: int | None = None):
    ds = dict(
        name="liaocheng",
        title="Liaocheng (聊城), Shandong: base year 2023, pathway to 2040",
        region="CN-SD-Liaocheng",
        base_year=BASE, horizon=HORIZON, currency="CNY", price_year=2023,
        discount_rate=0.06,
        **({"first_decision_year": first_decision_year} if first_decision_year else {}),
        regions=captive.REGIONS,
        timeslices=dict(hours=24, model_hours=12, days=[dict(name=d, weight=w) for d, w, _ in DAYS]),
        emissions=dict(method="provincial", gas="CO2"),
        energy=dict(primary_electricity="coal_consumption", coal_rate_basis=COAL_RATE_BASIS),
        scenarios=SCENARIOS,
        roles=ROLES,
        measures=coverage.measures_config(),
        sources=[
            dict(id="catalogue", title=f"carbonpath technology catalogue {catalogue_version()} (catalogue/*.csv): "
                 "every technology's costs, lifetimes, availability, capacity credit and storage data and the "
                 "options' efficiencies "
                 "(tools/builder/from_catalogue.py); each row cites the catalogue's own source"),
            dict(id="proposal", title=S["proposal"]),
            dict(id="sd_plan242", title=S["sd_plan242"]),
            dict(id="energy14", title=S["energy14"]),
            dict(id="bulletin2023", title=S["bulletin2023"]),
            dict(id="dzrb2026", title=S["dzrb2026"]),
            dict(id="mee_grid", title=S["mee_grid"]),
            dict(id="ndc2035", title=S["ndc2035"]),
            dict(id="gbt2589", title=S["gbt2589"]),
        ],
    )
    header = ("# Liaocheng dataset. Written by tools/build_dataset.py: edit the script, not this file.\n"
              "# discount_rate: 6% real social rate (NDRC 建设项目经济评价方法与参数 (3rd ed.) uses 8%; energy-system studies of\n"
              "# China commonly use 5-7% real; sensitivity 4-8%). Costs in real CNY of 2023.\n")
    with open(OUT / "dataset.yaml", "w", encoding="utf-8") as fh:
        fh.write(header)
        yaml.safe_dump(ds, fh, allow_unicode=True, sort_keys=False, width=120)
    plan = dict(targets=policy.plan_targets(PROVINCIAL_E2023, INTENSITY_2020, COAL_2023_MTCE))
    with open(OUT / "plan.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Liaocheng plan targets. Written by tools/build_dataset.py. Emissions method: China's provincial\n"
                 "# method (combustion + process CO2 + (imports - exports) x Shandong grid factor), CO2 only.\n")
        yaml.safe_dump(plan, fh, allow_unicode=True, sort_keys=False, width=120)


SCENARIOS, ROLES = policy.scenario_config()
PROVINCIAL_E2023 = 0.0
INTENSITY_2020 = 0.0
COAL_2023_MTCE = 0.0


def base_inventory():
    """The accounting core's inventory of the written activity.csv and production.csv."""
    return compute_inventory(OUT / "activity.csv", production=OUT / "production.csv", method="provincial",
                             primary_electricity="coal_consumption", coal_rate_basis=COAL_RATE_BASIS,
                             region=REGION, year=BASE)


def summary(prod, use):
    """Base-year energy and CO2 from carbonpath's inventory; prints the README's figures."""
    inv = base_inventory()
    em = inv.emissions[(inv.emissions["gas"] == "CO2") & inv.emissions["in_total"]]
    lines = [f"BASE-YEAR SUMMARY: carbonpath inventory of activity.csv + production.csv (factor set {inv.version}, "
             f"provincial method, primary electricity coal_consumption/{COAL_RATE_BASIS})"]
    by = em.groupby(["category", "sector"], observed=True)["value"].sum().sort_values(ascending=False)
    for (cat, sec), v in by.items():
        lines.append(f"  CO2 {cat:24s} {sec:24s} {v / 1e6:8.3f} Mt")
    total = float(inv.total().to("t CO2").magnitude) / 1e6
    scope1 = float(em.loc[em["category"].isin(["combustion", "process"]), "value"].sum()) / 1e6
    lines.append(f"  scope-1 (combustion + process) {scope1:.3f} Mt; provincial total {total:.3f} Mt")
    energy = float(inv.energy_total("tce").magnitude) / 1e4  # 万tce
    en = inv.energy[inv.energy["in_total"]]
    fuels = en.groupby("fuel", observed=True)["standard_coal_tce"].sum() / 1e4
    for f, v in fuels.items():
        lines.append(f"  energy {f:16s} {v:9.1f} 万tce")
    nonfossil = float(fuels.get("solid_biomass", 0.0))
    nonfossil += float(en.loc[(en["fuel"] == "electricity") & en["sector"].isin(["solar_power", "wind_power"]),
                              "standard_coal_tce"].sum()) / 1e4
    gdp, pop = GDP[BASE], POP_BASE
    lines.append(f"  energy consumption {energy:.1f} 万tce; non-fossil {nonfossil:.1f} 万tce ({nonfossil / energy:.1%})")
    lines.append(f"  energy/GDP {energy / gdp:.3f} tce/万元; CO2/GDP {total * 1e2 / gdp:.3f} t/万元; "
                 f"CO2/capita {total * 1e2 / pop:.2f} t (provincial), {scope1 * 1e2 / pop:.2f} t (scope 1)")
    exp = EXPORT[BASE]
    gen = prod["electricity"]
    lines.append(f"  electricity: net generation {gen / 1e6:.2f} TWh, local use {(use['electricity'] - exp) / 1e6:.2f} TWh "
                 f"(net of plant own use), net export {exp / 1e6:.1f} TWh")
    global PROVINCIAL_E2023, INTENSITY_2020, COAL_2023_MTCE
    PROVINCIAL_E2023 = total
    COAL_2023_MTCE = float(fuels.get("raw_coal", 0.0)) / 100  # 万tce -> Mtce
    INTENSITY_2020 = total * 1e2 / gdp / (1 - 0.10)
    print("\n".join(lines))
    (HERE / "base_year_summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
