"""Base-year balance: derived activities, capacity check, closing every commodity."""

from __future__ import annotations

import math
import sys
from collections import defaultdict

from .commodities import COMMODITIES, COMMODITY_UNIT
from .common import BASE, TECHS, B, P, assume, base_activity, tech_by_code
from .demands import BASE_DEMAND
from .profiles import PV_FLH, WIND_FLH

# ---------------------------------------------------------------------------------------
# Base-year balance and derived tables



def balance():
    prod = defaultdict(float)
    use = defaultdict(float)
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        for c, v in t["outputs"].items():
            prod[c] += a * v
        for c, v in t["inputs"].items():
            use[c] += a * v
    return prod, use



def set_activity(code, value, source):
    for prm in tech_by_code(code)["params"]:
        if prm["parameter"] == "activity" and prm["year"] == BASE:
            prm["value"] = value
            prm["source"] = source
            return
    raise KeyError(code)


def derive_balancers():
    """Three base-year activities are derived so that electricity, district heat and steam close."""
    # electricity: public coal generation = all electricity use (incl. export) - other generation
    prod, use = balance()
    pub = tech_by_code("coal_chp_public")
    other_gen = prod["electricity"] - base_activity(pub)
    gen_public = math.ceil(use["electricity"] - other_gen) + 1.0  # production >= use by 1-2 MWh (rounding margin)
    set_activity("coal_chp_public", round(gen_public, 3), assume(
        f"derived: closes the base-year electricity balance = {gen_public / 1e6:.2f} TWh net "
        f"({gen_public / (B['coal_public_gw'] * 1e3):,.0f} net full-load hours; README D3)"))
    prod, use = balance()
    dh = use["district_heat"] - (prod["district_heat"] - base_activity(tech_by_code("dh_coal_boiler")))
    set_activity("dh_coal_boiler", round(dh, 3), assume(
        f"derived: closes the district-heat balance = {dh / 1e6:.2f} PJ (README D4)"))
    prod, use = balance()
    st = use["steam"] - (prod["steam"] - base_activity(tech_by_code("steam_coal_boiler")))
    set_activity("steam_coal_boiler", round(st, 3), assume(
        f"derived: closes the steam balance = {st / 1e6:.2f} PJ (README D4)"))
    for v, name in ((gen_public, "public coal"), (dh, "DH boilers"), (st, "steam boilers")):
        if v < 0:
            sys.exit(f"negative derived activity for {name}: {v}")


def check_capacity():
    """Every base-year activity must fit in the base-year capacity."""
    hours = 8760.0
    for t in TECHS:
        a = base_activity(t)
        if not a:
            continue
        prm = {x["parameter"]: x for x in t["params"] if x["year"] in ("", BASE)}
        res = [x for x in t["params"] if x["parameter"] == "residual_capacity"]
        if not res:
            sys.exit(f"{t['technology']}: base-year activity without stock")
        cap = float(min(res, key=lambda x: (x["year"] == "", x["year"]))["value"])
        avail = float(prm["availability"]["value"]) if "availability" in prm else 1.0
        if t["level"] == "timeslice":
            limit = cap * avail * hours * (PV_FLH / hours if t["availability_profile"] == "pv" else
                                           WIND_FLH / hours if t["availability_profile"] == "wind" else 1)
        else:
            util = float(prm["utilisation"]["value"]) if "utilisation" in prm else 1.0
            limit = cap * avail * util
        if a > limit * (1 + 1e-9):
            sys.exit(f"{t['technology']}: base-year activity {a:.6g} exceeds capacity limit {limit:.6g}")


def close_balances():
    """Set supply activities to the base-year use and demands to the base-year net output."""
    for _ in range(6):  # the boilers draw electricity, so iterate to a fixed point
        derive_balancers()
    prod, use = balance()
    supply_of = {t["outputs"] and next(iter(t["outputs"])): t for t in TECHS
                 if t["kind"] in ("import", "supply") and t["level"] == "annual"}
    for c, t in supply_of.items():
        need = use.get(c, 0.0) - (prod.get(c, 0.0) - 0)  # supply tech not yet active
        if need > 0:
            unit = COMMODITY_UNIT[c] + "/yr"
            for prm in t["params"]:
                if prm["parameter"] == "residual_capacity":
                    prm["value"] = float(f"{5 * need:.3g}")
            t["params"].append(P("activity", math.ceil(need * 1000) / 1000, unit, assume(
                "derived: equals the base-year use of the commodity by the technologies (README D5)"), year=BASE))
    prod, use = balance()
    for c in COMMODITY_UNIT:
        net = prod.get(c, 0.0) - use.get(c, 0.0)
        kind = next(x[4] for x in COMMODITIES if x[0] == c)
        if kind in ("material", "service"):
            if net < -1e-6:
                sys.exit(f"base-year shortfall of {c}: {net}")
            if net > 1e-6:
                BASE_DEMAND[c] = net
        elif net < -1e-6 or net > 1e-9 * max(1.0, prod.get(c, 0.0)) + 3.0:
            sys.exit(f"base-year imbalance of {c}: production {prod.get(c, 0):.6g} use {use.get(c, 0):.6g}")
    return prod, use
