"""Checks of ``dataset.yaml``: its keys and its configuration."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from carbonpath.dataset import regions as _regions
from carbonpath.dataset.operations import (
    check_conventions,
)
from carbonpath.dataset.role_checks import warn_discount_rate
from carbonpath.dataset.schema import CONFIG_KEYS
from carbonpath.dataset.tables import COLUMNS, closest
from carbonpath.errors import (
    Problem,
)
from carbonpath.factors.validate import coal_rate_basis
from carbonpath.numbers import YEAR_RANGE


def _check_keys(mapping: Any, valid: tuple[str, ...], file: str, path: str,
                problems: list[Problem], strict: bool = False) -> bool:
    """Record every key of ``mapping`` that is not among ``valid``.

    Returns True if ``mapping`` is a mapping, False if it is not (reported). With
    ``strict=True`` it also returns False if a key was unknown, so that the caller can
    skip the checks a misspelt key would only repeat ('wieght' is not also a missing weight).
    """
    if not isinstance(mapping, dict):
        problems.append(Problem("must be a mapping of keys to values", file=file,
                                key=path or None, value=mapping,
                                valid="keys: " + ", ".join(valid)))
        return False
    unknown = [key for key in mapping if key not in valid]
    for key in unknown:
        problems.append(Problem(f"unknown key '{key}'", file=file, key=path or None,
                                valid=_valid_and_closest(key, valid)))
    return not (strict and unknown)


def _valid_and_closest(given: Any, valid: tuple[str, ...]) -> str:
    """Every valid choice, then the closest one to ``given`` if there is a close one."""
    hint = closest(str(given), set(valid), n=1)
    return ", ".join(valid) + (f"; {hint}?" if hint.startswith("did you mean") else "")


_FORMS = {"region": "a region code or name, e.g. CN-SD", "base_year": "a year, e.g. 2024",
          "horizon": "a year, e.g. 2035", "currency": "CNY", "price_year": "a year, e.g. 2024",
          "discount_rate": "a fraction per year, 0 <= r < 1, e.g. 0.06",
          "timeslices": "a mapping with hours and days (see docs/data-format.md)"}


def _valid_form(key: str, value: Any) -> str:
    """The valid form of a required key, with the fraction a percentage means (T12)."""
    form = _FORMS[key]
    text = str(value).strip()
    if key == "discount_rate" and re.fullmatch(r"\d+(\.\d*)?\s*%", text):
        form += f" (write {float(text.rstrip('% ')) / 100:g} for {text}, without the % sign)"
    return form


def _check_config(config: dict, problems: list[Problem]) -> None:
    file = "dataset.yaml"
    _check_keys(config, CONFIG_KEYS[""], file, "", problems)
    _regions.check_config(config, problems)
    for key in ("emissions", "energy"):
        if not _check_keys(config.setdefault(key, {}), CONFIG_KEYS[key], file, key, problems):
            config[key] = {}  # reported above; the defaults let the other checks run
    required = {"region": str, "base_year": int, "horizon": int, "currency": str,
                "price_year": int, "discount_rate": (int, float), "timeslices": dict}
    found = len(problems)
    for key, kind in required.items():
        if key not in config:
            problems.append(Problem("required key is missing", file=file, key=key))
        elif not isinstance(config[key], kind) or isinstance(config[key], bool):
            problems.append(Problem(f"'{key}' has the wrong type", file=file, key=key,
                                    value=config[key], valid=_valid_form(key, config[key])))
    if len(problems) > found:
        return
    for key in ("base_year", "horizon", "price_year"):  # the years carbonpath accepts anywhere
        if not YEAR_RANGE[0] <= config[key] <= YEAR_RANGE[1]:
            problems.append(Problem(f"'{key}' {config[key]} is out of range", file=file,
                                    key=key, value=config[key],
                                    valid=f"a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"))
    if len(problems) > found:
        return
    if config["horizon"] <= config["base_year"]:
        problems.append(Problem("the horizon must come after the base year", file=file,
                                key="horizon", value=config["horizon"]))
    if not config["base_year"] - 30 <= config["price_year"] <= config["horizon"]:
        problems.append(Problem(
            "the price year is the year whose prices the costs are given in; it must lie "
            "within 30 years before the base year and the horizon", file=file, key="price_year",
            value=config["price_year"],
            valid=f"{config['base_year'] - 30} .. {config['horizon']}"))
    check_conventions(config, problems)
    caveats = config.get("caveats", [])
    if not isinstance(caveats, list) or not all(
            isinstance(c, str) and c.strip() for c in caveats):
        problems.append(Problem("caveats must be a list of texts (each one a caveat the "
                                "report shows on its first screen)", file=file, key="caveats",
                                value=caveats, valid="caveats: ['the 2022 balance is a draft']"))
    if not 0 <= config["discount_rate"] < 1:
        problems.append(Problem("discount_rate is a fraction per year", file=file,
                                key="discount_rate", value=config["discount_rate"],
                                valid="0 <= r < 1, e.g. 0.06"))
    else:
        warn_discount_rate(config["discount_rate"], f"{file}, key discount_rate")  # V13
    if config["currency"] != "CNY":
        problems.append(Problem("only CNY datasets are supported", file=file, key="currency",
                                value=config["currency"], valid="CNY"))
    ts = config["timeslices"]
    _check_keys(ts, CONFIG_KEYS["timeslices"], file, "timeslices", problems)
    hours = ts.get("hours", 24)
    if not _is_int(hours) or hours <= 0 or 24 % hours:
        problems.append(Problem(
            "hours per representative day must be a whole number that divides 24"
            + written_whole(hours), file=file, key="timeslices.hours", value=hours,
            valid=", ".join(str(h) for h in range(1, 25) if 24 % h == 0)))
    days = ts.get("days")
    if not isinstance(days, list) or not days:
        problems.append(Problem("at least one representative day is needed", file=file,
                                key="timeslices.days"))
    else:
        names = []
        found = len(problems)
        for i, day in enumerate(days):
            where = f"timeslices.days[{i}]"
            if isinstance(day, dict) and not _check_keys(day, CONFIG_KEYS["day"], file, where,
                                                         problems, strict=True):
                continue  # a misspelt key ('wieght') is the problem, not the missing weight
            if not isinstance(day, dict) or "name" not in day or "weight" not in day:
                problems.append(Problem("each day needs a name and a weight (days per year)",
                                        file=file, key=where, value=day))
                continue
            names.append(day["name"])
            if not _is_number(day["weight"]) or day["weight"] <= 0:
                problems.append(Problem("a day's weight must be a positive number of days",
                                        file=file, key=f"{where}.weight",
                                        value=day["weight"]))
        total = sum(d["weight"] for d in days) if len(problems) == found else 365
        if len(set(names)) != len(names):
            problems.append(Problem("day names must be unique", file=file,
                                    key="timeslices.days", value=names))
        if abs(total - 365) > 1e-6:  # checked once every day is readable
            problems.append(Problem(f"day weights sum to {total}, not 365", file=file,
                                    key="timeslices.days", valid="weights summing to 365"))
    emissions = config["emissions"]
    emissions.setdefault("method", "provincial")
    emissions.setdefault("gas", "CO2")
    if emissions["method"] not in ("provincial", "gpc"):
        problems.append(Problem("unknown emissions method", file=file, key="emissions.method",
                                value=emissions["method"], valid="provincial, gpc"))
    if emissions["gas"] not in ("CO2", "CO2e"):
        problems.append(Problem("unknown gas basis", file=file, key="emissions.gas",
                                value=emissions["gas"], valid="CO2, CO2e"))
    if emissions["gas"] == "CO2e" and emissions.get("gwp") not in ("AR4", "AR5", "AR6"):
        problems.append(Problem("a CO2e basis needs a GWP set", file=file, key="emissions.gwp",
                                value=emissions.get("gwp"), valid="AR4, AR5, AR6"))
    energy = config["energy"]
    if "primary_electricity" not in energy:  # Y142: no silent default, as inventory (T87)
        problems.append(Problem(
            "dataset.yaml must say how non-fossil electricity is counted in standard coal (the "
            "non-fossil share and energy totals differ by a factor of about 2.5 between the "
            "two)", file=file, key="energy.primary_electricity",
            valid="energy: {primary_electricity: coal_consumption} (发电煤耗法, the coal "
            "thermal plants burn per kWh: China's official statistics) or "
            "energy: {primary_electricity: calorific} (电热当量法, 0.1229 kgce/kWh)"))
    energy.setdefault("primary_electricity", "coal_consumption")  # lets the other checks run
    if energy["primary_electricity"] not in ("coal_consumption", "calorific"):
        problems.append(Problem("unknown primary-electricity convention", file=file,
                                key="energy.primary_electricity",
                                value=energy["primary_electricity"],
                                valid="coal_consumption, calorific"))
    basis = coal_rate_basis(energy.get("coal_rate_basis", "supply"))  # 供电 too (round 25 Z111)
    if basis is None:
        problems.append(Problem("unknown coal-rate basis", file=file,
                                key="energy.coal_rate_basis", value=energy["coal_rate_basis"],
                                valid="supply (供电), generation (发电)"))
    elif "coal_rate_basis" in energy:
        energy["coal_rate_basis"] = basis
    scenarios = config.setdefault("scenarios", {})
    if not isinstance(scenarios, dict):
        problems.append(Problem("scenarios must map names to settings", file=file,
                                key="scenarios"))
        scenarios = {}
    for name, settings in scenarios.items():
        where = f"scenarios.{name}"
        if settings is None or not _check_keys(settings, CONFIG_KEYS["scenario"], file, where,
                                               problems):
            continue
        for key in ("targets", "parameters"):
            if not isinstance(settings.get(key, []), list):
                problems.append(Problem(f"{key} must be a list", file=file,
                                        key=f"{where}.{key}", value=settings[key]))
        if not isinstance(settings.get("extends") or "", str):  # a list: a TypeError
            problems.append(Problem("extends names one scenario", file=file,
                                    key=f"{where}.extends", value=settings["extends"],
                                    valid="one scenario name, e.g. extends: baseline"))
        for i, row in enumerate(settings.get("parameters") or []):
            _check_keys(row, tuple(COLUMNS["parameters"]), file, f"{where}.parameters[{i}]",
                        problems)
    sources = config.get("sources", [])
    if not isinstance(sources, list):
        problems.append(Problem("sources must be a list of {id, title}", file=file,
                                key="sources", value=sources))
        sources = []
    for i, source in enumerate(sources):
        _check_keys(source, CONFIG_KEYS["source"], file, f"sources[{i}]", problems)


def written_whole(value: Any) -> str:
    """A hint for a whole number written as a float (``4.0``) or a boolean, else ``""``.

    YAML reads ``hours: 4.0`` as a float and ``hours: true`` as a boolean; a count of hours
    takes neither (round 29 ME95: 4.0 was told it does not divide 24).
    """
    if isinstance(value, bool):
        return f" ({str(value).lower()} is a yes/no, not a number of hours)"
    if isinstance(value, float) and value.is_integer() and value > 0:
        return f" (write {int(value)}, not {value:g}.0: without a decimal point)"
    return ""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)
