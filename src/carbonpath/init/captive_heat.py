"""Captive heat plants (自备锅炉, 自备热电的供热部分) in the captive region of ``init``.

The energy balance counts the heat of industrial parks' own boilers and CHP units inside
heat supply (供热): its fuel inputs and its heat output are one row for the whole city. The
planner states the captive side by heat type in the captive input (:mod:`.captive`):

``heat_capacity``, a heat type, its captive heat capacity (power unit, thermal MW)
    A heat type is a catalogue class that burns a fuel and makes heat: the boilers
    (``heat_coal_boiler``, ``heat_gas_boiler``, ``heat_biomass_boiler``) and the CHP
    classes (``coal_chp``, ``gas_chp``: their heat side). :func:`heat_types` lists them.
``heat_output``, a heat type, its captive heat output (energy unit), optional
    Else the captive share is the capacity's share of the heat plants' capacity.

A type stands for the balance's heat plants (``heatplant_<fuel>``, one per fuel burned in
heat supply) whose catalogue class burns the same fuel as the type (``coal_chp`` and
``heat_coal_boiler`` both stand for the coal-family plants: raw coal, coke oven gas ...;
a CHP's heat in the balance is heat supply's, burned in those plants). Several types of the
same fuel add up. :func:`heat_shares` returns each plant's captive share:

* the stated heat output over the plants' base-year heat output (the balance's heat output
  split by fuel energy x catalogue efficiency, :func:`carbonpath.init.supply.add_plants`),
  where ``heat_output`` is given;
* else the stated heat capacity over the plants' base-year capacity, which ``init`` sizes
  at 1.2 x the base-year output at the catalogue utilisation (an assumption, listed in the
  README: the capacity input is electric only).

:mod:`.captive` then splits each plant's activity and residual capacity by its share into a
``captive_heatplant_<fuel>`` in the captive region (its fuel per GJ, the balance's,
unchanged, so the fuel moves with the heat), and splits the heat supply rows of
``activity.csv`` the same way.
"""

from __future__ import annotations

from typing import Any

from carbonpath.errors import Problem

__all__ = ["HEAT_PARTS", "apart", "burns", "heat_plants", "heat_shares", "heat_types",
           "resized_notices"]

#: The captive input's parts of captive heat.
HEAT_PARTS = ("heat_capacity", "heat_output")


def burns(catalogue: Any, cls: str) -> str:
    """The fuel a catalogue class burns: its first input other than electricity ('' if none).

    Parameters
    ----------
    catalogue : Catalogue
        The technology catalogue (:func:`carbonpath.catalogue.load_catalogue`).
    cls : str
        A catalogue technology class.
    """
    f = catalogue.flows
    rows = f[(f["technology"] == cls) & (f["direction"] == "input")
             & (f["commodity"] != "electricity")]
    return str(rows["commodity"].iloc[0]) if len(rows) else ""


def heat_types(catalogue: Any) -> list[str]:
    """The heat types of the captive input: catalogue classes that burn a fuel and make heat.

    Returns
    -------
    list of str
        Sorted class codes (boilers and CHP classes of the catalogue).
    """
    f = catalogue.flows
    heat = set(f.loc[(f["direction"] == "output") & (f["commodity"] == "heat"), "technology"])
    return sorted(c for c in heat if burns(catalogue, c))


def heat_plants(d: Any) -> dict[str, list[str]]:
    """The draft's existing heat plants by the fuel their catalogue class burns.

    Returns
    -------
    dict
        Fuel of the class (``raw_coal``, ``natural_gas`` ...) -> plant codes
        (``heatplant_<fuel>``) in the order of the draft.
    """
    out: dict[str, list[str]] = {}
    for code, t in d.technologies.items():
        if code.startswith("heatplant_") and t["investable"] == "false":
            out.setdefault(burns(d.catalogue, t["_catalogue"]), []).append(code)
    return out


def apart(given: float, limit: float) -> tuple[str, str]:
    """``given`` and ``limit`` with thousands separators and enough decimals to differ (H26).

    ``35,404,531`` and ``35,404,531`` for a value above its limit by 0.5 read as equal;
    with up to 6 decimals they read ``35,404,531.45`` and ``35,404,531.0``.
    """
    for places in range(7):
        a, b = f"{given:,.{places}f}", f"{limit:,.{places}f}"
        if a != b:
            return a, b
    return f"{given:,.6g}", f"{limit:,.6g}"


def _base_capacity(d: Any, codes: list[str]) -> float:
    """The plants' residual capacity in the base year (MW)."""
    return sum(float(p["value"]) for p in d.parameters
               if p["technology"] in codes and p["parameter"] == "residual_capacity"
               and p["year"] == d.base_year)


def heat_shares(d: Any, cap: Any, problems: list[Problem]) -> list[tuple[str, float, str]]:
    """Each heat plant's captive share from the stated heat types (module docstring).

    Parameters
    ----------
    d : Draft
        The calibrated one-region draft (its heat plants, observed outputs, capacities).
    cap : Captive
        The captive input: ``heat_capacity`` (MW) and ``heat_output`` (GJ) by heat type,
        each ``(value, line, source)``.
    problems : list of Problem
        Appended to: a type whose fuel heat supply does not burn in the balance, captive
        heat output above the plants' output, captive heat capacity above the plants'
        capacity (alone or with the other types of the same fuel); each names the captive
        file, row, column and what is valid.

    Returns
    -------
    list of (plant code, share, why)
        The share is in (0, 1]; ``why`` says where it comes from (for the sources).
    """
    plants = heat_plants(d)
    file = cap.file
    by_fuel: dict[str, list[tuple[float, str, int, str]]] = {}
    for typ, (mw, line, src) in cap.heat_capacity.items():
        fuel = burns(d.catalogue, typ)
        codes = plants.get(fuel, [])
        if not codes:
            burned = sorted(t for t in cap.heat_types if burns(d.catalogue, t) in plants)
            problems.append(Problem(
                f"captive heat of type '{typ}' (burning {fuel}), but heat supply (供热) burns "
                "no fuel of that class in the balance", file=file, row=line, column="code",
                value=typ, valid=", ".join(burned) or "none: the balance has no heat supply"))
            continue
        out = sum(d.observed.get(c, 0.0) for c in codes)
        if typ in cap.heat_output:
            gj, gline, gsrc = cap.heat_output[typ]
            if gj > out * (1 + 1e-9):
                a, b = apart(gj, out)
                problems.append(Problem(
                    f"captive heat output of '{typ}' {a} GJ exceeds the balance's heat "
                    f"output of its plants ({', '.join(codes)}) of {b} GJ", file=file,
                    row=gline, column="value", valid=f"<= {b} GJ"))
                continue
            share, why, row = gj / out, f"its heat output ({file} line {gline}: {gsrc})", gline
        else:
            total = _base_capacity(d, codes)
            if mw > total * (1 + 1e-9):
                a, b = apart(mw, total)
                problems.append(Problem(
                    f"captive heat capacity of '{typ}' {a} MW exceeds the {b} MW "
                    f"of its plants ({', '.join(codes)}), which init sizes at 1.2 x the "
                    "base-year output at the catalogue utilisation", file=file, row=line,
                    column="value", valid=f"<= {b} MW, or the captive heat output "
                    f"(a row 'heat_output,{typ},<value>,<energy unit>,<source>')"))
                continue
            share, why, row = mw / total, f"its heat capacity ({file} line {line})", line
        by_fuel.setdefault(fuel, []).append((share, typ, row, f"'{typ}' by {why}; {src}"))
    out_rows = []
    for fuel, stated in by_fuel.items():
        share = sum(s[0] for s in stated)
        if share > 1 + 1e-9:
            types = ", ".join(s[1] for s in stated)
            problems.append(Problem(
                f"captive heat of {types} together is {share:.4g} of the heat the balance's "
                f"{fuel}-class heat plants make", file=file, row=stated[-1][2], column="value",
                valid="shares adding up to <= 1 (each type's output or capacity, less)"))
            continue
        why = "captive heat share " + " + ".join(f"{s[0]:.6g} of {s[3]}" for s in stated)
        out_rows.extend((code, min(share, 1.0), why) for code in plants[fuel])
    return out_rows


def resized_notices(d: Any, cap: Any, power_plants: dict[str, list[str]]) -> list[str]:
    """Stated captive capacities the output share resized, from what to what and why (C07).

    Parameters
    ----------
    d : Draft
        After the captive split (``captive_<plant>`` rows in place).
    cap : Captive
        The captive input; only types with a ``generation`` or ``heat_output`` row resize.
    power_plants : dict
        Capacity type -> its thermal plants (``thermal_<fuel>``).

    Returns
    -------
    list of str
        One line per resized type: the stated MW, the modelled base-year MW (the captive
        plants' residual capacity) and the output share that sized it.
    """
    out = []
    for item, (gen, _line, _src) in cap.generation.items():
        if item not in cap.capacity or item not in power_plants:
            continue
        from carbonpath.init.supply import MIN_FULL_LOAD_HOURS

        codes = [f"captive_{c}" for c in power_plants[item]]
        stated = cap.capacity[item][0]
        text = _resized(d, "capacity", item, stated, codes, f"generation {gen:,.0f} MWh")
        if gen < stated * MIN_FULL_LOAD_HOURS.get(item, 0.0):  # U87: a slip, not a resize
            text = text.replace(KEEP, f"(the generation, line {_line}, gives {gen / stated:,.3g} "
                                "full-load hours: check its unit before the capacity)")
        else:
            text = _tenfold(text, d, codes, stated, gen, "generation", _line,
                            MIN_FULL_LOAD_HOURS.get(item, 0.0))
        out.append(text)
    heat = heat_plants(d)
    from carbonpath.init.captive_checks import MIN_HEAT_HOURS

    for typ, (gj, _line, _src) in cap.heat_output.items():
        plants = heat.get(burns(d.catalogue, typ), [])
        codes = [f"captive_{c}" for c in plants]
        if typ not in cap.heat_capacity or not codes:
            continue
        # B165: this type's part only (other types of the same fuel share the plants)
        whole = sum(d.observed.get(c, 0.0) for c in plants + codes)
        part = gj / whole * _base_capacity(d, plants + codes) if whole > 0 else None
        stated = cap.heat_capacity[typ][0]
        text = _resized(d, "heat capacity", typ, stated, codes,
                        f"heat output {gj:,.0f} GJ", part)
        if gj / 3.6 < stated * MIN_HEAT_HOURS:  # B111: a slip, not a resize
            text = text.replace(KEEP, f"(the heat output, line {_line}, gives "
                                f"{gj / 3.6 / stated:,.3g} full-load hours: check its unit "
                                "before the heat capacity)")
        else:
            text = _tenfold(text, d, codes, stated, gj / 3.6, "heat output", _line,
                            MIN_HEAT_HOURS, part)
        out.append(text)
    return out


def _tenfold(text: str, d: Any, codes: list[str], stated: float, mwh: float, what: str,
             line: Any, floor: float, modelled: float | None = None) -> str:
    """The resize notice with the output's x10 reading named when the cut is tenfold-like.

    Round 30 KF48, KF57: 0.5 亿千瓦时 typed for 5 beside 10 万千瓦 of gas (500 h, above the
    250 h floor) or 100 万百万千焦 for 1000 beside 500 MW of heat (556 h, above 500 h) pass
    :mod:`carbonpath.init.captive_checks` and the notice pointed at the capacity only. Right
    data look the same (a peaking or back-up plant runs 500 h), so this is no warning; when
    the modelled capacity is under half the stated one and the output x10 gives hours a
    plant can run (``floor`` .. 8,760 h), the notice names that reading beside its advice.
    """
    model = modelled if modelled is not None else _base_capacity(d, codes)
    hours = mwh / stated if stated > 0 else 0.0
    if not (0 < model < stated / 2 and floor <= 10 * hours <= 8760.0):
        return text
    return text.replace(KEEP, f"(the {what}, line {line}, gives the stated capacity "
                        f"{hours:,.3g} full-load hours: if its unit or a digit slipped, x10 "
                        f"gives {10 * hours:,.4g} h, fix the {what}; else edit "
                        "residual_capacity in parameters.csv to keep the stated capacity)")


def _resized(d: Any, part: str, typ: str, stated: float, codes: list[str], given: str,
             modelled: float | None = None) -> str:
    """The notice of one resized type; ``modelled`` (MW) is its part of ``codes``' capacity."""
    mine = modelled is not None and abs(modelled - _base_capacity(d, codes)) > 1e-6
    if modelled is None:
        modelled = _base_capacity(d, codes)
    of = f"its part of {', '.join(codes)}" if mine else ", ".join(codes)
    return (f"captive: stated {part} of '{typ}' {stated:,.1f} MW, modelled {modelled:,.1f} MW "
            f"({of} in {d.base_year}): the captive plants are sized by the "
            f"stated {given} as a share of the balance's output, so that the base year "
            "equals the inventory " + KEEP)


KEEP = "(edit residual_capacity in parameters.csv to keep the stated capacity)"
"""The resized notice's advice, replaced when the generation is a probable slip (U87)."""
