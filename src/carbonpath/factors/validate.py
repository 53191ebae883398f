"""Validation of factor-table rows: units, quantities, items, categories, numbers, duplicates."""

from __future__ import annotations

import difflib
import functools
import math
from typing import Any

import numpy as np
import pandas as pd
import pint

from carbonpath._headers import index_text, labelled_headers, labelled_text, swapped_table
from carbonpath._io import line_numbers
from carbonpath.codes import fuels, products, sectors, spelling_cutoff
from carbonpath.errors import (
    ImplausibleValueError,
    Problem,
    UnitError,
    frame_labels,
    line_label,
)
from carbonpath.factors.columns import (
    _BASES,
    _DEN_UNITS,
    _REQUIRED,
    _STATUSES,
    COLUMNS,
    LOOKUP_ITEMS,
    QUANTITIES,
)
from carbonpath.factors.cross_check import (
    carbon_content_problems,
    energy_coal_problem,
    per_mass_problems,
)
from carbonpath.factors.regions import RegionTable
from carbonpath.factors.rules import _prefixes
from carbonpath.numbers import YEAR_RANGE, nonfinite_problems, not_a_number, parse_number
from carbonpath.plausibility import find_range, is_override
from carbonpath.units import GAS_UNITS, Q_, parse_unit

# ---------------------------------------------------------------------------------------
# Reading and validating factor tables


_GAS_NAMES = {g.lower(): g for g in GAS_UNITS}
"""A gas as written in any case (``co2``) -> its code (``CO2``), as ``factors --gas``
reads it (round 17 O09)."""

_BASIS_NAMES = {"net": "net", "ncv": "net", "lhv": "net", "低位": "net", "低位发热量": "net",
                "gross": "gross", "gcv": "gross", "hhv": "gross", "高位": "gross",
                "高位发热量": "gross", "generation": "generation", "发电": "generation",
                "supply": "supply", "供电": "supply"}
"""A basis as written (any case, the Chinese statistical names) -> its code, as the activity
reader reads an energy basis (round 17 O09: ``低位`` for net)."""


def coal_rate_basis(value: object) -> str | None:
    """The coal-rate basis ``value`` names, ``"supply"`` or ``"generation"``, else None.

    A basis as the factor tables' ``basis`` column reads it: ``supply``/``供电`` (per kWh
    sent out) or ``generation``/``发电`` (per kWh generated), any case and spacing. The
    ``coal_rate_basis=`` argument, ``--coal-rate-basis`` and ``dataset.yaml``'s
    ``energy.coal_rate_basis`` read it alike (round 25 Z111: '供电' was refused by a message
    naming 供电 as valid). None for anything else (a number, another basis such as net).
    """
    if not isinstance(value, str):
        return None
    code = _BASIS_NAMES.get(value.strip().lower())
    return code if code in ("supply", "generation") else None


@functools.lru_cache(maxsize=512)
def _canonical(quantity: str, gas: str, unit: str) -> tuple[str, float]:
    """Return (denominator, factor) converting ``unit`` to the quantity's canonical unit.

    Raises UnitError with a message (no location) when the unit does not fit.
    """
    num, dens, what = QUANTITIES[quantity]
    num = num.format(gas=GAS_UNITS.get(gas, gas))
    if not str(unit).strip():  # round 12 E06: say the units of this quantity, not of activity
        raise UnitError(Problem(f"a unit is required ({quantity})", value=unit,
                                valid=_valid_units(quantity, gas)))
    parsed = parse_unit(unit)
    for den in dens:
        target = f"{num} / {_DEN_UNITS[den]}" if den else (num or "dimensionless")
        if not num and den:
            target = f"1 / {_DEN_UNITS[den]}"
        try:
            factor = float(Q_(1.0, parsed).to(parse_unit(target)).magnitude)
        except (pint.errors.DimensionalityError, UnitError):
            continue
        return den, factor
    volume = (any(v in unit for v in ("m3", "m**3", "m^3", "立方米"))
              and not any(c in unit for c in ("Nm3", "Sm3", "m3_20C")))
    hint = (" (a plain m3 has no gas reference condition: write Nm3, Sm3 or m3_20C)"
            if volume else "")
    raise UnitError(Problem(f"'{unit}' is not a unit of {quantity} ({what}){hint}",
                            value=unit, valid=_valid_units(quantity, gas)))


#: Every calorific-value lookup asks for basis net (activity given in gross energy is
#: converted with ``ncv_gcv_ratio``), so a gross row would be silently unused (round-9 F11).
_GROSS_CV = ("no lookup uses a gross calorific value (every lookup asks for net): give the "
             "net value with basis net, i.e. gross x ncv_gcv_ratio (0.95 for coal and oil, "
             "0.9 for gas, IPCC 2006 Vol.2 Ch.1 1.4.1.2)")


def _valid_units(quantity: str, gas: str) -> str:
    examples = {
        "calorific_value": "TJ/Gg, GJ/t, GJ/(10^4 Nm3), MJ/m3_20C",
        "carbon_content": "kg C/GJ, t C/TJ",
        "oxidation_factor": "dimensionless, 1 or % (0.93 with unit 1, or 93 with unit %)",
        "emission_factor": f"kg {gas or 'CO2'}/TJ, t {gas or 'CO2'}/t, t {gas or 'CO2'}/MWh",
        "standard_coal_coefficient": "kgce/kg, kgce/m3_20C, kgce/kWh",
        "coal_rate": "gce/kWh",
        "ncv_gcv_ratio": "dimensionless, 1 or % (0.95 with unit 1, or 95 with unit %)",
    }
    return examples[quantity]


def _validate(df: pd.DataFrame, name: str, regions: RegionTable, from_file: bool = True,
              ranges: dict | None = None, allow_implausible: bool = False,
              accepted: list[Problem] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate one factor table; return it with parsed columns and the problems found.

    Implausible rows overridden (per row or by ``allow_implausible``) go to ``accepted``.
    """
    swapped = swapped_table(list(df.columns), "factors", name)  # round 30 ZF228
    if swapped is not None:
        return df, [swapped]
    problems: list[Problem] = []
    cols = set(df.columns)
    labelled = labelled_headers(list(df.columns), COLUMNS)  # round 28 KD92: 数值 value
    problems += [Problem(labelled_text(c, n), file=name, column=c, valid=", ".join(COLUMNS))
                 for c, n in labelled.items()]
    missing = [c for c in _REQUIRED if c not in cols and c not in labelled.values()]
    unknown = sorted(cols - set(COLUMNS) - set(labelled))
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}"
                                f"{index_text(df, missing)}", file=name,
                                valid=", ".join(COLUMNS)))
    if unknown:
        problems.append(Problem(f"unknown column(s): {', '.join(unknown)}", file=name,
                                valid=", ".join(COLUMNS)))
    if problems:
        return df, problems
    lines = line_numbers(df) if from_file else None
    df = df.copy()
    for col in COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df = df[list(COLUMNS)]
    if lines is None:
        lines = frame_labels(df)  # a repeated index label names rows by position (ZC72)
    text_cols = [c for c in COLUMNS if c not in ("value", "low", "high", "year")]
    for col in text_cols:
        # (object first: a blank column of a DataFrame is float64, which pandas will not fill
        # with text, round 25 Z113)
        df[col] = df[col].astype(object).fillna("").astype(str).str.strip()
    df["gas"] = df["gas"].map(lambda g: _GAS_NAMES.get(g.lower(), g))
    df["basis"] = df["basis"].map(lambda b: _BASIS_NAMES.get(b.lower(), b))
    out_value = np.full(len(df), np.nan)
    out_low = np.full(len(df), np.nan)
    out_high = np.full(len(df), np.nan)
    out_year = np.full(len(df), -1, dtype=np.int64)
    canon = np.full(len(df), np.nan)
    den = np.empty(len(df), dtype=object)
    region_out = np.empty(len(df), dtype=object)

    def bad(i: int, col: str, message: str, value: Any, valid: str | None = None,
            cls: type = Problem) -> None:
        """Record a problem of one row of a factor table."""
        problems.append(cls(message, file=name, row=line_label(lines[i]), column=col,
                            value=value, valid=valid))

    plausibility: list[Problem] = []
    items_out = df["item"].to_numpy(dtype=object).copy()  # codes of aliases, set after
    for i, r in enumerate(df.itertuples(index=False)):
        q = r.quantity
        if q not in QUANTITIES:
            bad(i, "quantity", "unknown quantity", q, ", ".join(QUANTITIES))
            continue
        if not r.item:
            bad(i, "item", "item is required", r.item, "a fuel, product or carrier code")
        else:
            code = _item_or_none(r.item)
            if code is None:
                bad(i, "item", "unknown item: no lookup would ever use this row", r.item,
                    _valid_items(r.item))
            else:
                items_out[i] = code
                said = _group_slip(code, q)  # round 30 ZF25, ZF119
                if said:
                    bad(i, "item", said[0], r.item, said[1])
        if q == "emission_factor":
            if r.gas not in GAS_UNITS:
                bad(i, "gas", "emission factors need a gas" if not r.gas else "unknown gas",
                    r.gas, ", ".join(GAS_UNITS) + " (any case)")
                continue
        elif r.gas:
            bad(i, "gas", f"{q} takes no gas", r.gas, "blank")
        if r.sector and not (r.sector[0].isdigit() and r.sector.isalnum()):
            said = _sector_as_category(r.sector)  # round 19 T128: 工业 is 1A2
            bad(i, "sector", "sector must be an IPCC category code or blank"
                + (f": {said[0]}" if said else ""), r.sector,
                said[1] if said else "e.g. 1A1, 1A2, 1A3b, 1A4a, 1A4b (blank = any sector)")
        elif r.sector and r.sector not in _used_categories():
            bad(i, "sector", "no sector has this IPCC category (or one below it): no lookup "
                "would ever use this row", r.sector, _valid_categories(r.sector))
        elif r.sector and _is_carrier(items_out[i]) and q in ("emission_factor", "coal_rate"):
            bad(i, "sector", f"the {q} of {items_out[i]} (a grid or heat factor) is looked up "
                "by region and year only, for every sector alike: a row with a sector would "
                "never be used", r.sector, "a blank sector (the region's factor for "
                "every sector)")
        if q in _BASES:
            if r.basis not in _BASES[q]:
                names = ", ".join(k for k, v in _BASIS_NAMES.items()
                                  if v in _BASES[q] and k not in _BASES[q])
                bad(i, "basis", f"{q} needs its basis" if not r.basis else
                    f"unknown basis of {q}", r.basis,
                    f"{' or '.join(_BASES[q])} (any case; or {names})")
            elif q == "calorific_value" and r.basis == "gross":
                bad(i, "basis", _GROSS_CV, r.basis, "net (gross x ncv_gcv_ratio)")
        elif r.basis:
            bad(i, "basis", f"{q} takes no basis", r.basis, "blank")
        code = regions.resolve(r.region)
        if code is None:
            bad(i, "region", "unknown region", r.region, regions.valid_text(r.region))
        region_out[i] = code
        if r.status not in _STATUSES:
            bad(i, "status", "unknown status", r.status, "verified or unverified")
        if not r.source:
            bad(i, "source", "every factor needs its source (document and table)", r.source)
        value = _number(r.value)
        if value is None or value < 0:
            bad(i, "value", _not_number(r.value, "value must be a finite number >= 0"), r.value,
                "a number >= 0 with '.' as the decimal mark and no thousands separator")
            continue
        out_value[i] = value
        for col, arr in (("low", out_low), ("high", out_high)):
            raw = getattr(r, col)
            if _number(raw) is None and str(raw).strip() in ("", "nan", "None"):
                continue
            num = _number(raw)
            if num is None:
                bad(i, col, _not_number(raw, f"{col} must be a number or blank"), raw)
            else:
                arr[i] = num
        if not np.isnan(out_low[i]) and not np.isnan(out_high[i]) and out_low[i] > out_high[i]:
            bad(i, "low", f"low {out_low[i]:g} is above high {out_high[i]:g}: the range is "
                "reversed (low and high swapped?)", r.low,  # D101: one problem, named so
                f"low <= value <= high, e.g. low {out_high[i]:g}, high {out_low[i]:g}")
        else:
            if not np.isnan(out_low[i]) and out_low[i] > value:
                bad(i, "low", "low is above value", r.low, f"<= {value}")
            if not np.isnan(out_high[i]) and out_high[i] < value:
                bad(i, "high", "high is below value", r.high, f">= {value}")
        year = r.year
        if year is not None and str(year).strip() not in ("", "nan"):
            y = _number(year)
            if y is None or y != int(y):
                bad(i, "year", "year must be an integer or blank (any year)", year)
            elif not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
                bad(i, "year", "year is out of range", year,
                    f"{YEAR_RANGE[0]} .. {YEAR_RANGE[1]}, or blank (any year)")
            else:
                out_year[i] = int(y)
        try:
            d, f = _canonical(q, r.gas, r.unit)
        except UnitError as exc:
            for p in exc.problems:
                bad(i, "unit", p.message, r.unit, p.valid)
            continue
        den[i] = d
        canon[i] = value * f
        over = nonfinite_problems([canon[i]], [lines[i]], file=name, what=q, given=[value])
        if over:
            problems.extend(over)
            continue
        fixed = (energy_coal_problem(str(items_out[i]), canon[i])
                 if q == "standard_coal_coefficient" and d == "TJ" else None)
        if fixed is not None:  # round 25 Z79, Z81: set by definition, never read
            bad(i, "value", fixed[0], r.value, fixed[1])
            continue
        override = is_override(r.plausibility)
        if override is None:
            bad(i, "plausibility", "plausibility must be blank or 'override: <reason>'",
                r.plausibility, "override: <why this value is right>")
        msg = _implausible(q, d, canon[i], r.unit, value, ranges or {}, str(items_out[i]),
                           r.gas)
        if msg:
            found = Problem(msg, file=name, row=line_label(lines[i]), column="value", value=value,
                            valid="a value within the range, or a 'plausibility' cell reading "
                                  "'override: <reason>' (or load_factors(allow_implausible="
                                  "True))")
            if (override or allow_implausible) and accepted is not None:
                accepted.append(found)
            else:
                plausibility.append(found)
    overrides = [is_override(v) for v in df["plausibility"]]
    keys = list(zip(region_out, out_year, df["sector"], df["technology"], strict=True))
    crossed = per_mass_problems(  # factors/cross_check.py
        list(df["quantity"]), list(df["gas"]), list(items_out), list(df["basis"]), list(den),
        canon, list(region_out), out_year, lines, ranges or {}, name) + carbon_content_problems(
        list(df["quantity"]), list(items_out), keys, canon, lines, ranges or {}, name)  # E10
    for i, found in crossed:
        if (overrides[i] or allow_implausible) and accepted is not None:
            accepted.append(found)
        else:
            plausibility.append(found)
    df["item"] = items_out
    df["value"] = out_value
    df["low"] = out_low
    df["high"] = out_high
    df["year"] = out_year
    df["region"] = region_out
    df["canon"] = canon
    df["den"] = den
    df["file"] = name
    df["line"] = lines
    if plausibility and not problems:
        raise ImplausibleValueError(plausibility, f"factor table {name}")
    return df, problems + plausibility


def _implausible(quantity: str, den: str, canon: float, unit: str, value: float,
                 ranges: dict, item: str, gas: str) -> str:
    """Return a message if a row is outside its plausible range (plausibility.py), else ''."""
    rng = find_range(ranges, item, quantity, gas, den)
    if rng is None or rng.low <= canon <= rng.high:
        return ""
    shown = canon * rng.to_unit
    converted = "" if unit.replace(" ", "") == rng.unit.replace(" ", "") else (
        f" is {shown:.4g} {rng.unit},")
    return (f"{item} {quantity}{' ' + gas if gas else ''} {value:g} {unit}{converted} "
            f"outside the plausible range {rng.text} [{rng.source}] "
            f"({_per_energy_slip(den, canon, unit, rng) or _GENERIC_SLIP})")


_GENERIC_SLIP = "a unit slip such as kg vs t, or m3 vs 10^4 m3?"

#: Energy units a factor per energy is commonly written per, with their size in GJ: a figure
#: of one typed with the other is off by their ratio (round 21 J17: China's heat factor
#: 0.11 t CO2/GJ typed as 0.11 t CO2/MWh is 0.0306 t CO2/GJ).
_PER_ENERGY = (("MWh", 3.6), ("GJ", 1.0))


def _per_energy_slip(den: str, canon: float, unit: str, rng: Any) -> str:
    """The hint for a factor per MWh written per GJ (or the reverse), when it fits; else ''.

    A row per energy (canonical per TJ) whose figure, read per the other of MWh and GJ,
    lands in the range is named with that reading.
    """
    if den != "TJ":
        return ""
    per = unit.replace(" ", "").rsplit("/", 1)[-1].strip("()")
    sizes = dict(_PER_ENERGY)
    if per not in sizes:
        return ""
    for other, size in _PER_ENERGY:
        if other == per:
            continue
        read = canon * sizes[per] / size
        if rng.low <= read <= rng.high:
            return (f"a figure per {other} typed with {per}? read per {other} it is "
                    f"{read * rng.to_unit:.4g} {rng.unit}, inside the range")
    return ""


def _is_carrier(code: Any) -> bool:
    """Whether a factor row's item code is a carrier (electricity, heat: ``fuels.csv``)."""
    try:
        return fuels().attr(str(code), "group") == "carrier"
    except (KeyError, ValueError):
        return False


def _item_or_none(item: str) -> str | None:
    """The code a factor row's item names (a fuel, product or lookup item), else None."""
    if item in LOOKUP_ITEMS:
        return item
    return fuels().resolve(item) or products().resolve(item)


_GROUPS = ("coal", "oil", "gas")
"""Fuel groups of :data:`LOOKUP_ITEMS`: the items the gross-to-net ratio is looked up by."""


def _group_slip(code: str, quantity: str) -> tuple[str, str] | None:
    """(why, valid) for a row no lookup reads: a fuel group's other quantity, or the reverse.

    The inventory looks up ``ncv_gcv_ratio`` by fuel group (``coal``, ``oil``, ``gas``;
    other fuels take coal's) and every other quantity by fuel code, so a ``coal,
    calorific_value`` row or a ``raw_coal, ncv_gcv_ratio`` row would never be used and the
    bundled factors would apply without a word (round 30 ZF25, ZF119). None for any other row.
    """
    if code in _GROUPS and quantity != "ncv_gcv_ratio":
        codes = [f for f, g in fuels().column("group").items() if g == code]
        shown = ", ".join(codes[:8]) + (" ..." if len(codes) > 8 else "")
        return (f"'{code}' is a fuel group, looked up for its gross-to-net ratio "
                f"(ncv_gcv_ratio) only: no lookup reads its {quantity}, so the bundled "
                f"{quantity} of each fuel would apply instead",
                f"a fuel code, one row per fuel the {quantity} is meant for ({code}: {shown}; "
                f"{fuels().file}), or quantity ncv_gcv_ratio")
    if quantity == "ncv_gcv_ratio" and code not in _GROUPS and code not in LOOKUP_ITEMS:
        group = fuels().attr(code, "group") if fuels().resolve(code) else None
        own = group if group in _GROUPS else "coal"
        whose = (f"the ratio of {code} is its group's, {own}" if group else
                 f"{code} is no fuel, and no lookup reads its ncv_gcv_ratio")
        return (f"the gross-to-net ratio (ncv_gcv_ratio) is looked up by fuel group only: "
                f"{whose}, so this row would never be used",
                f"item {own} (fuel groups: coal, oil, gas; other fuels take coal's)")
    return None


def _valid_items(item: str) -> str:
    """Closest valid items, for the message of an unknown item."""
    valid = set(fuels().aliases) | set(products().aliases) | set(LOOKUP_ITEMS)
    near = difflib.get_close_matches(str(item).strip().lower(), sorted(valid), n=3,
                                     cutoff=spelling_cutoff(item))
    codes = []
    for n in near:
        code = fuels().resolve(n) or products().resolve(n) or n
        if code not in codes:
            codes.append(code)
    head = f"did you mean {', '.join(codes)}? " if codes else ""
    return (head + f"a fuel code ({fuels().file}), a product code ({products().file}) or "
            + ", ".join(LOOKUP_ITEMS))


@functools.lru_cache(maxsize=1)
def _used_categories() -> frozenset[str]:
    """Every IPCC category a lookup can walk: each sector's category and those above it."""
    out: set[str] = set()
    for cat in sectors().column("ipcc_category").values():
        out.update(p for p in _prefixes(cat) if p)
    return frozenset(out)


def _sector_as_category(text: str) -> tuple[str, str] | None:
    """(why, valid) for a sector code or name written where an IPCC category belongs.

    An activity file reads ``工业`` as the sector ``industry``; a factor table's ``sector`` is
    the IPCC category a lookup walks (``1A2``), so the message names that category and the
    sectors a row of it would apply to (the category and those below it). None for a text
    that names no sector.
    """
    sl = sectors()
    code = sl.resolve(text)
    if code is None:
        return None
    cat = str(sl.attr(code, "ipcc_category") or "")
    if not cat:
        return (f"'{text}' is the sector {code}, which has no IPCC category",
                "blank (any sector), or the category of another sector (src/carbonpath/data/"
                "sectors.csv)")
    covered = [c for c, v in sl.column("ipcc_category").items() if str(v).startswith(cat)]
    return (f"'{text}' is the sector {code}, whose IPCC category is {cat}",
            f"{cat} (a row of {cat} applies to the sectors of that category and below it: "
            f"{', '.join(covered)}); blank = any sector")


def _valid_categories(text: str) -> str:
    near = difflib.get_close_matches(text, sorted(_used_categories()), n=3, cutoff=0.5)
    head = f"did you mean {', '.join(near)}? " if near else ""
    return head + ("an IPCC category of a sector (src/carbonpath/data/sectors.csv) or one above "
                   "it, e.g. 1A1, 1A2, 1A3b, 1A4a; blank = any sector")


def _number(value: Any) -> float | None:
    """A finite number in carbonpath's plain form (``.`` decimal mark, no separators), else None."""
    if isinstance(value, (bool, np.bool_)):
        return None
    try:
        out = parse_number(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _not_number(value: Any, what: str) -> str:
    """The message for a cell that is not a finite number (why, if a separator is the cause)."""
    return not_a_number(value, what)


def _duplicates(df: pd.DataFrame) -> list[Problem]:
    keys = ["layer", "item", "quantity", "gas", "sector", "technology", "basis", "region", "year"]
    dup = df[df.duplicated(keys, keep=False)]
    problems = []
    for _, grp in dup.groupby(keys, sort=False):
        first = grp.iloc[0]
        where = ", ".join(f"{r.file} row {r.line}" for r in grp.itertuples())
        problems.append(Problem(
            f"{len(grp)} rows give the same factor ({first['item']} {first['quantity']} "
            f"{first['gas']} sector '{first['sector']}' technology '{first['technology']}' "
            f"region {first['region']} "
            f"year {first['year'] if first['year'] >= 0 else 'any'}): {where}; "
            "a lookup could not choose between them",
            file=str(first["file"]), row=line_label(first["line"]), valid="one row per key"))
    return problems
