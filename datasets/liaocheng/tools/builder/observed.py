"""Observed years 2024-2025 (issue 17, with issue 12's ``first_decision_year``).

The model fixes history: from ``first_decision_year: 2026`` on it decides, 2024 and 2025 are
observed years in which no vintage is built and the stock is what stood. Liaocheng publishes
almost nothing for those years, so the stock of 2024-25 is a reconstruction in two stages:

1. **Pinned to what is published.** New-energy (wind + PV) capacity grew 15.1 % in 2025
   (大众日报 2026-01-20); the same growth is assumed for 2024 (no 2024 figure was found). The
   additions are fixed as ``min_new_capacity = max_new_capacity`` in 2024-25 (stage 1 only).
   The 0.459 GW of small coal units closed in 2025 are already in the captive fleet's
   residual capacity; the 3.5 GW of wind started in 2025 connect from 2026 (decision years).
2. **Everything else is the least-cost build of 2024-25.** The baseline is solved once with
   2024-25 as decision years (stage 1); every technology's new capacity of 2024-25 is then
   written into its ``residual_capacity`` (standing for its lifetime) and the dataset is
   written again with ``first_decision_year: 2026`` (stage 2). These additions are
   reconstructions, not statistics; their rows say so.
"""

from __future__ import annotations

from carbonpath.units import unit_factor

from .common import BASE, HORIZON, OUT, TECHS, P, assume, interp, tech_by_code

OBSERVED_YEARS = (2024, 2025)
FIRST_DECISION = 2026

# new-energy capacity (PV + wind) in the model's residual-stock convention, GW
NEW_ENERGY_2023 = 3.95  # 3.6 GW PV + 0.35 GW wind (README §3)
GROWTH = 0.151  # 2025 over 2024, 大众日报 2026-01-20; assumed for 2024 over 2023 too
PIN_SRC = ("reconstruction pinned to the published growth: new-energy capacity +15.1% in 2025 (大众日报 2026-01-20, "
           "via 山东省商务厅 mirror m.livewu.com/news/zsdt/764875837341765.html), the same rate assumed for 2024 (no "
           "2024 figure found); PV split 45/55 utility/rooftop; wind: none in 2024 (冠县 400 MW started Nov-2024), "
           "200 MW in 2025 (half of it, assumed)")


def _published_additions() -> dict[str, dict[int, float]]:
    """PV and wind additions (MW) of 2024 and 2025 that meet the published growth."""
    def residual(code: str, year: int) -> float:
        pts = {int(p["year"]): float(p["value"]) for p in tech_by_code(code)["params"]
               if p["parameter"] == "residual_capacity"}
        return interp(pts, year)

    codes = ("pv_utility", "pv_rooftop", "wind_onshore")
    wind = {2024: 0.0, 2025: 200.0}
    out: dict[str, dict[int, float]] = {c: {} for c in codes}
    total = NEW_ENERGY_2023 * 1000.0
    built = 0.0
    for y in OBSERVED_YEARS:
        total *= 1 + GROWTH
        standing = sum(residual(c, y) for c in codes) + built
        pv = total - standing - wind[y]
        out["pv_utility"][y] = round(0.45 * pv, 1)
        out["pv_rooftop"][y] = round(pv - 0.45 * pv, 1)
        out["wind_onshore"][y] = wind[y]
        built += pv + wind[y]
    return out


PUBLISHED = None


def pin_published() -> None:
    """Stage 1: fix the 2024-25 PV and wind additions to the published growth."""
    global PUBLISHED
    PUBLISHED = _published_additions()
    for code, by_year in PUBLISHED.items():
        t = tech_by_code(code)
        for y, v in by_year.items():
            t["params"].append(P("min_new_capacity", v, "MW/yr", assume(PIN_SRC), year=y) | {"stage1": True})
            given = [p for p in t["params"] if p["parameter"] == "max_new_capacity" and p["year"] == y]
            for p in given:  # the build limit's own point gives way to the pin, restored in stage 2
                p["stage1_value"] = p["value"]
                p["value"] = v
            if not given:
                t["params"].append(P("max_new_capacity", v, "MW/yr", assume(PIN_SRC), year=y) | {"stage1": True})


def least_cost_additions() -> dict[str, dict[int, float]]:
    """Solve the stage-1 baseline; new capacity of 2024-25 by technology, in its capacity unit."""
    import carbonpath as cp

    pathway = cp.PathwayModel(cp.load_dataset(OUT), "baseline").solve()
    out: dict[str, dict[int, float]] = {}
    for table, key in (("capacity", "capacity_unit"), ("energy_capacity", "energy")):
        frame = pathway.tables.get(table)
        if frame is None:
            continue
        rows = frame[frame["year"].isin(OBSERVED_YEARS) & (frame["new"] > 1e-9)]
        for r in rows.itertuples():
            t = tech_by_code(r.technology)
            unit = t["capacity_unit"] if key == "capacity_unit" else "MWh"
            value = float(r.new) * unit_factor(str(r.unit), unit)
            out.setdefault(f"{r.technology}|{key}", {})[int(r.year)] = value
    return out


def _lifetime(t: dict) -> int:
    return int(next(p["value"] for p in t["params"] if p["parameter"] == "lifetime"))


def write_into_stock(additions: dict[str, dict[int, float]]) -> None:
    """Stage 2: the 2024-25 additions become residual stock; stage-1 pins are removed."""
    for t in TECHS:
        t["params"] = [p for p in t["params"] if not p.get("stage1")]
        for p in t["params"]:
            if "stage1_value" in p:
                p["value"] = p.pop("stage1_value")
    for key, by_year in sorted(additions.items()):
        code, kind = key.split("|")
        t = tech_by_code(code)
        name = "residual_capacity" if kind == "capacity_unit" else "residual_energy_capacity"
        unit = t["capacity_unit"] if kind == "capacity_unit" else "MWh"
        old = [p for p in t["params"] if p["parameter"] == name]
        base_pts = {int(p["year"]) if p["year"] != "" else BASE: float(p["value"]) for p in old}
        if len(old) == 1 and old[0]["year"] == "":
            base_pts = {BASE: base_pts[BASE], HORIZON: base_pts[BASE]}
        if not old:
            base_pts = {BASE: 0.0, HORIZON: 0.0}
        life = _lifetime(t)
        years = set(base_pts) | {BASE, HORIZON} | set(OBSERVED_YEARS)
        for v in by_year:
            years |= {y for y in (v + life - 1, v + life) if BASE <= y <= HORIZON}
        src_old = old[0]["source"] if old else assume("no stock before 2024")
        published = code in (PUBLISHED or {})
        why = (PIN_SRC if published else
               "least-cost build of 2024-25 in the baseline with 2024-25 as decision years (tools/builder/observed.py)")
        text = ", ".join(f"{y}: {v:,.6g} {unit}" for y, v in sorted(by_year.items()))
        source = f"{src_old}; plus the reconstructed additions of the observed years 2024-25 ({text}), standing " \
                 f"for the {life}-year lifetime: {why}"
        if not source.startswith("assumption: "):
            source = assume(source)
        rows = []
        for y in sorted(years):
            value = interp(base_pts, y) + sum(a for v, a in by_year.items() if v <= y <= v + life - 1)
            rows.append(P(name, round(value, 3), unit, source, year=y))
        first = next(i for i, p in enumerate(t["params"]) if p["parameter"] == name) if old else len(t["params"])
        t["params"] = [p for p in t["params"] if p["parameter"] != name]
        t["params"][first:first] = rows
