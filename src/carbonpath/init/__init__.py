"""``carbonpath init``: a calibrated dataset folder from a city's own statistics.

:func:`init_dataset` reads an energy balance sheet (能源平衡表), industrial output, installed
capacity, drivers (GDP, population) and growth assumptions, takes technologies from the
bundled catalogue through a user-editable mapping table, takes hourly profiles of the
province, and writes a dataset folder in the format of ``datasets/liaocheng`` whose base
year reproduces the inventory of the same balance exactly. See ``docs/init.md``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from carbonpath._checks import home_path
from carbonpath.errors import DataError, Problem
from carbonpath.init.options import _check_argument_types, check_options

__all__ = ["InitResult", "check_options", "init_dataset", "init_from_workbook"]


class InitResult(dict):
    """What :func:`init_dataset` wrote, as a dict with attribute access.

    Keys: ``folder``, ``files``, ``tolerance``, ``mapped``, ``not_modelled``,
    ``replace_first``, ``notices`` (what was done with a workbook's example rows, and
    the planner's values init changed or did not use, each also in the README).
    """

    __getattr__ = dict.__getitem__


def init_dataset(balance: str | Path | Any, *, capacity: str | Path | pd.DataFrame,
                 drivers: str | Path | pd.DataFrame, region: str, base_year: int,
                 horizon: int, out: str | Path, production: str | Path | pd.DataFrame |
                 None = None, growth: str | Path | pd.DataFrame | None = None,
                 mapping: str | Path | pd.DataFrame | None = None, method: str = "provincial",
                 name: str | None = None, title: str | None = None,
                 model_hours: int | None = 12, catalogue: Any = None,
                 names: dict[str, str] | None = None,
                 targets: list[dict[str, Any]] | None = None,
                 committed: str | Path | pd.DataFrame | None = None,
                 captive: str | Path | pd.DataFrame | None = None,
                 allow_implausible: bool = False, sheet: str | int | None = None
                 ) -> InitResult:
    """Write a calibrated dataset folder from statistics.

    Parameters
    ----------
    balance : str, pathlib.Path or BalanceSheet
        The base year's energy balance sheet (CSV or Excel, as
        :func:`carbonpath.read_energy_balance` reads it) or an already read sheet.
    sheet : str or int, optional
        The workbook sheet holding the balance (``--sheet``); default: the sheet named after
        ``base_year``, else the one sheet holding a balance (several: refused, named). Given
        with a CSV (or DataFrame) balance, which has no sheets: an ArgumentValueError.
    capacity, drivers, production, growth : file or DataFrame
        Formats in :mod:`carbonpath.init.inputs` and ``docs/init.md``; ``production`` as
        :func:`carbonpath.read_production` reads it.
    region : str
        Region code of ``factors/regions.csv`` (grid factors, profiles of its province).
    base_year, horizon : int
        The balance's year and the last model year.
    out : str or pathlib.Path
        The dataset folder to write (new, empty, or an earlier init output).
    mapping : file or DataFrame, optional
        The mapping table (default: ``catalogue/mapping.csv``).
    method : {"provincial", "gpc"}
        The dataset's emissions method.
    name, title : str, optional
        Dataset name (default: the folder's name) and title.
    model_hours : int, optional
        Model blocks per representative day (24 / model_hours hours each); None = 24.
    catalogue : Catalogue, optional
        Default: the bundled catalogue.
    names : dict, optional
        How to name each input in messages and the README (the workbook passes sheets):
        keys among :data:`carbonpath.init.inputs.NAMED_INPUTS` (another key is refused),
        values str.
    targets : list of dict, optional
        Plan targets (``plan.yaml`` entries) replacing the default indicator set.
    committed : file or DataFrame, optional
        Committed projects (``type, year, value, unit, source``; :mod:`carbonpath.init.
        inputs`): ``committed_new_capacity`` of the technology built for the type.
    captive : file or DataFrame, optional
        Captive plants (``part, code, value, unit, source``; :mod:`carbonpath.init.captive`),
        power units by capacity type and heat plants by heat type
        (:mod:`carbonpath.init.captive_heat`): the dataset is then two regions,
        ``[city, captive]``, with a ``links.csv`` tie, and
        ``activity.csv`` / ``production.csv`` rows say their ``model_region``.
    allow_implausible : bool
        Accept calibrated plant efficiencies and full-load hours outside their plausible
        ranges (a :class:`~carbonpath.errors.CarbonpathWarning` and a README line) instead
        of refusing them. A bool: another type (``'no'``) is an ArgumentTypeError.

    Returns
    -------
    InitResult

    Raises
    ------
    DataError
        Every problem of the inputs at once, each naming its file (or sheet), row, column,
        the bad value and what is valid: totals that do not add up, unmapped cells,
        capacity without generation or the reverse, a region without profiles or grid
        factors; a given target the dataset loader would refuse in plan.yaml (named
        ``init_dataset(targets=...)``, key ``targets[i].<key>``;
        :mod:`carbonpath.init.target_checks`).
    ImplausibleValueError
        A calibrated plant efficiency outside its catalogue class's range (widened by
        :data:`carbonpath.init.supply.EFFICIENCY_MARGIN`), or thermal full-load hours outside
        the type's range, naming the balance (capacity) rows and columns; a given cap,
        budget or emission_limits level outside the model's bounds against the base year's
        emissions (:mod:`carbonpath.model.target_levels`).
    OutputFolderError
        If ``out`` holds files carbonpath did not write there, or that were edited since
        (checked before any input is read).
    ArgumentTypeError, ArgumentValueError
        An argument of the wrong type; a ``names`` key that names no input.
    """
    from carbonpath.accounting import read_production
    from carbonpath.accounting.double_counting import check_production_pairs
    from carbonpath.catalogue import load_catalogue
    from carbonpath.init.balance_checks import read_balance
    from carbonpath.init.build import build_draft
    from carbonpath.init.captive import (
        CAPTIVE,
        CITY,
        apply_captive,
        read_captive,
        regional_activity,
        regional_production,
    )
    from carbonpath.init.captive_heat import heat_types
    from carbonpath.init.inputs import (
        check_input_types,
        read_capacity,
        read_committed,
        read_drivers,
        read_growth,
    )
    from carbonpath.init.mapping import read_mapping
    from carbonpath.init.operations import (
        add_committed,
        add_operations,
        reserves_table,
        uncertainty_table,
    )
    from carbonpath.init.profiles import province_profiles
    from carbonpath.init.readme import base_year_tolerance, config, plan, readme, warn_dropped
    from carbonpath.init.write import check_folder, write_folder

    _check_argument_types(region, base_year, horizon, out, method, name, title, model_hours,
                          catalogue, names, targets, allow_implausible)
    check_input_types(balance=balance, capacity=capacity, drivers=drivers, growth=growth,
                      production=production, mapping=mapping, committed=committed,
                      captive=captive)
    balance, capacity, drivers, growth, production, mapping, committed, captive = (
        home_path(p) for p in (balance, capacity, drivers, growth, production, mapping,
                               committed, captive))  # round 29 ZE108: '~/balance.csv'
    check_folder(out)  # before any input is read
    check_options(base_year, horizon, model_hours, method)  # named as arguments (K88)
    from carbonpath.factors import bundled_factors

    names = names or {}
    factors = bundled_factors()
    # one region resolution for every command: an alias (聊城) is its code, as in inventory
    region = factors.regions.resolve(region) or region  # round 16 M151
    cat = catalogue if catalogue is not None else load_catalogue()
    table = read_mapping(mapping, cat)
    profiles = province_profiles(region, factors=factors)
    if model_hours is not None and profiles.hours % model_hours:
        raise DataError(Problem(
            f"{model_hours} blocks per day must divide the {profiles.hours} profile hours of "
            "the region's profiles (argument 'model_hours', option --model-hours)",
            value=model_hours,
            valid=", ".join(str(h) for h in range(1, profiles.hours + 1)
                            if profiles.hours % h == 0)))
    bs = read_balance(balance, sheet, region, base_year, names.get("balance"))  # N134-N137
    types = table.items("power") + table.items("capacity")
    cap = read_capacity(capacity, types, name=names.get("capacity"))
    drv = read_drivers(drivers, base_year, name=names.get("drivers"))
    grw = read_growth(growth, name=names.get("growth"))
    com = read_committed(committed, types, base_year, horizon, name=names.get("committed"))
    cpt = read_captive(captive, table.items("power"), name=names.get("captive"),
                       heat_types=heat_types(cat))
    prod = (read_production(production, region=region, year=base_year, factors=factors,
                            name=names.get("production")) if production is not None else None)
    if prod is not None:  # round 11 C69: rows of another year were restamped base_year
        _check_production_keys(prod, region, base_year)
        prod = _check_output(prod, factors, allow_implausible)  # as inventory (round 18)
        check_production_pairs(prod)  # round 31 KG92: pig iron refused here, not at run
    draft = build_draft(bs, prod, cap, drv, grw, region=region, base_year=base_year,
                        horizon=horizon, catalogue=cat, mapping=table, profiles=profiles,
                        method=method, factors=factors, allow_implausible=allow_implausible)
    if cpt is not None:
        apply_captive(draft, cpt, cap, table)
    day_names = [day["name"] for day in profiles.days]
    add_committed(draft, com, table, cap, profiles)
    add_operations(draft, winter_day="winter" if "winter" in day_names else None,
                   heat_from_coal=any(t["_catalogue"] == "heat_coal_boiler"
                                      for t in draft.technologies.values()))
    out = Path(out)
    name = name or out.name
    title = title or f"{name}: base year {base_year}, pathway to {horizon} (carbonpath init)"
    frames = draft.frames()
    techs = frames["technologies"]
    bevs = [t for t in draft.technologies.values() if t["_catalogue"] == "car_bev"]
    given = targets is not None
    if targets is None:
        targets = plan(draft, method, has_cars=bool(bevs))
        warn_dropped(draft, bool(bevs), len(targets))  # round 22 N138
    else:
        copied = [dict(t) if isinstance(t, dict) else t for t in targets]
        if hasattr(targets, "rows"):  # a workbook's sheet: its rows name the warnings
            from carbonpath.init.target_checks import SheetTargets

            copied = SheetTargets(copied, targets.rows, targets.sheet)
        targets = copied
        for t in targets:
            if isinstance(t, dict) and t.get("type") in ("peak_year", "cap", "reduction",
                                                         "emission_intensity"):
                t.setdefault("gas", "CO2")
                t.setdefault("method", method)
    for t in targets:
        if isinstance(t, dict) and t.get("type") == "min_share":
            t["members"] = [b["technology"] for b in bevs]
    tolerance, tol_notes = base_year_tolerance(draft)
    sources = [{"id": "catalogue", "title": f"carbonpath technology catalogue {cat.label} "
                f"({cat.path.name}/*.csv; every row cites its own source)"}]
    cfg = config(draft, name, title, method, profiles.days, profiles.hours, model_hours,
                 [t["name"] for t in targets], tolerance, sources)
    if cpt is not None:
        cfg = {**{k: v for k, v in cfg.items() if k != "timeslices"},
               "regions": [CITY, CAPTIVE], "timeslices": cfg["timeslices"]}
    base: list[Any] = []  # the balance's inventory, computed once
    old_factors: list[str] = []  # KC68: its factors of years before the base year

    def base_co2() -> float:
        """The base-year CO2 of the balance's inventory (kt)."""
        if not base:
            base.append(_base_emissions(bs, prod, cfg, region, base_year, old_factors))
        return base[0]

    import contextlib

    from carbonpath.errors import CarbonpathError
    from carbonpath.init.driver_checks import warn_base_intensity

    # U122: the production warnings, as inventory --production gives them; KB104: the base
    # year's CO2 per GDP (a province's GDP for the city's). A check only: run's inventory
    # says why it fails.
    with contextlib.suppress(CarbonpathError):
        warn_base_intensity(drv, base_co2(), base_year)
    draft.replace_first.extend(  # KC68: the factors of years before the base year
        f"{text} (an older year's factor used for the base year {base_year})"
        for text in old_factors)
    if given:  # as load_dataset would check plan.yaml (round 18 W07, W09)
        from carbonpath.init.target_checks import check_targets

        check_targets(targets, cfg, {k: frames[k] for k in ("technologies", "drivers")}
                      | ({"links": pd.DataFrame(cpt.links)} if cpt is not None else {}),
                      base_co2)
    inputs = {"energy balance": names.get("balance", str(getattr(bs, "source", balance))),
              "capacity": cap.attrs.get("file", "capacity"),
              "drivers": drv.attrs.get("file", "drivers"),
              "committed projects": com.attrs.get("file", "committed") if len(com)
              else "none",
              "captive plants": cpt.file if cpt is not None else "none",
              "production": prod.source if prod is not None else "none",
              "growth": names.get("growth", str(growth) if growth is not None else
                                  "none (default growth)"),
              "mapping": table.file, "profiles": profiles.file,
              "catalogue": f"version {cat.label}"}
    files: dict[str, str] = {}

    def csv(frame: pd.DataFrame) -> str:
        """The CSV text of ``frame`` (no index, Unix line endings)."""
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n", float_format=None)
        return buf.getvalue()

    header = f"# {name}. Written by carbonpath init (catalogue {cat.label}).\n"
    files["dataset.yaml"] = header + yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
    files["plan.yaml"] = header + yaml.safe_dump({"targets": list(targets)}, allow_unicode=True,
                                                 sort_keys=False)
    for key in ("commodities", "technologies", "flows", "parameters", "demands", "drivers",
                "ranges"):
        files[f"{key}.csv"] = csv(frames[key])
    if len(frames["emissions"]):
        files["emissions.csv"] = csv(frames["emissions"])
    files["reserves.csv"] = csv(reserves_table(draft))
    files["uncertainty.csv"] = csv(uncertainty_table(draft))
    files["profiles.csv"] = csv(profiles.table[profiles.table["profile"].isin(
        _used_profiles(techs))][["profile", "day", "hour", "value", "unit", "source"]])
    activity = _activity(bs, base_year)
    files["activity.csv"] = csv(activity if cpt is None else regional_activity(activity, cpt))
    if prod is not None:
        production_rows = _production(prod, base_year)
        files["production.csv"] = csv(production_rows if cpt is None else
                                      regional_production(production_rows, cpt))
    if cpt is not None:
        files["links.csv"] = csv(pd.DataFrame(cpt.links))
    files["mapping.csv"] = csv(table.table)
    files["README.md"] = readme(draft, name, title, inputs, tolerance, tol_notes,
                                profiles.province, cat.label)
    if allow_implausible and draft.implausible:  # KF36 KF38: as the loader reads them
        from carbonpath.init.accepted_rows import mark_accepted

        files = mark_accepted(files)
    folder = write_folder(out, files)
    return InitResult(folder=folder, files=sorted(files), tolerance=tolerance,
                      mapped=draft.mapped, not_modelled=draft.not_modelled,
                      replace_first=list(dict.fromkeys(draft.replace_first)),
                      notices=list(dict.fromkeys(draft.notices)))


def _base_emissions(bs: Any, prod: Any, cfg: dict, region: str, base_year: int,
                    old: list[str] | None = None) -> float:
    """The base-year CO2 of the balance's inventory (kt), which init's base year reproduces.

    On the dataset's method and energy convention, as :func:`carbonpath.run.
    dataset_inventory` computes it from the dataset's activity.csv; warnings on the
    activity are init's own to give (this total sizes the plan's caps). Of the inventory's
    warnings only those on the production rows' process CO2 that init has no check of its
    own for are passed on, naming the production input's line
    (:class:`~carbonpath.accounting.plausible_usual.LowCarbonShareWarning`: ammonia 25 kt
    for 25 万吨, round 19 U122; :class:`~carbonpath.accounting.plausible_carbon.
    CombustedFeedstockWarning`: the sheet's industry coke burned beside BOF steel, whose
    process CO2 holds that coke's carbon, round 21 J05), naming the production input's line
    and the sheet's line and column. An
    :class:`~carbonpath.accounting.factor_years.OldFactorWarning` (a factor of a year more
    than two before the base year, round 27 KC68) is passed on too, and its factor named in
    ``old`` (for the README's "replace first" list).
    """
    import warnings

    from carbonpath.accounting import compute_inventory
    from carbonpath.accounting.balance_activity import sheet_labelled
    from carbonpath.accounting.factor_years import OldFactorWarning
    from carbonpath.accounting.plausible_carbon import CombustedFeedstockWarning
    from carbonpath.accounting.plausible_usual import LowCarbonShareWarning

    energy = cfg["energy"]
    activity = _activity(bs, base_year)
    activity.index = sheet_labelled(bs).index  # rows named by the sheet's line and column
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        inventory = compute_inventory(
            activity, method=cfg["emissions"]["method"],
            production=_production(prod, base_year) if prod is not None else None,
            primary_electricity=energy["primary_electricity"],
            coal_rate_basis=energy.get("coal_rate_basis"), region=region, year=base_year)
    passed = (LowCarbonShareWarning, CombustedFeedstockWarning)  # round 21 J05: the sheet's
    for w in seen:  # coke burned beside BOF steel would size the caps on carbon counted twice
        if issubclass(w.category, OldFactorWarning):  # KC68: as carbonpath inventory warns
            text = str(w.message).split(" by the nearest-earlier-year rule")[0].rstrip(", ")
            warnings.warn(
                f"{text}, the base year of this draft: carbonpath init takes the bundled "
                "factors, so the base-year emissions (and drivers.csv's base-year grid "
                "factor) use a factor of an older year; check them against the base year's "
                "published factors before use", OldFactorWarning, stacklevel=3)
            if old is not None:
                old.append(text.split(" is used for")[0])
        if issubclass(w.category, passed) and prod is not None:
            text = str(w.message).replace(_PRODUCTION_FRAME, str(prod.source), 1)
            warnings.warn(text.replace(_ACTIVITY_FRAME, f"the balance sheet {bs.source}"),
                          w.category, stacklevel=3)
    return float(inventory.total(gas="CO2").to("kt CO2").magnitude)


#: How the inventory names the production rows init passes it (a DataFrame whose index is
#: the production input's lines), replaced by the input's name in its warnings.
_PRODUCTION_FRAME = "production data (DataFrame)"
_ACTIVITY_FRAME = "activity data (DataFrame)"


def _used_profiles(techs: pd.DataFrame) -> set[str]:
    used = set(techs["availability_profile"]) | set(techs["load_profile"])
    return {p for p in used if isinstance(p, str) and p}


def _activity(bs: Any, year: int) -> pd.DataFrame:
    act = bs.activity
    out = pd.DataFrame({"sector": act["sector"], "fuel": act["fuel"], "value": act["value"],
                        "unit": act["unit"], "year": year, "use": act["use"],
                        "gas_condition": act.get("gas_condition", ""),
                        "source": [f"energy balance sheet {bs.source}: {n}" for n in act["note"]]})
    return out


def _check_production_keys(prod: Any, region: str, base_year: int) -> None:
    """Refuse production rows of another year or region than the draft's base year and region.

    As ``inventory --production`` does (:func:`carbonpath.accounting.production_keys.
    check_production_keys`): a row whose ``year`` column says 2019 under ``base_year`` 2022
    would otherwise be written into the dataset as 2022 (round 11, C69). A region the
    bundled region table does not know (a user factor table's) is not compared.

    Raises
    ------
    DataError
        Naming the production file, row, column, its value and the base year or region.
    """
    from carbonpath.accounting.production_keys import check_production_keys
    from carbonpath.factors.load import bundled_factors

    keys = {"year": [int(base_year)]}
    code = bundled_factors().regions.resolve(region)
    if code is not None:
        keys["region"] = [code]
    check_production_keys(pd.DataFrame(keys), prod.data, prod.source)


def _check_output(prod: Any, factors: Any, allow_implausible: bool) -> Any:
    """Refuse production above China's output of its product, as ``inventory`` does.

    The one check of :func:`carbonpath.accounting.plausible_activity.output_plausibility`
    (rows of one product summed): above 1.5x China's output is refused whatever is said;
    above the region level's share is refused unless a row of the sum says
    ``override: <reason>`` in its ``plausibility`` cell, or ``allow_implausible`` is set
    (each accepted problem warns).

    Returns
    -------
    Production
        ``prod``; with ``allow_implausible``, its rows accepted that way marked as
        overridden, so that the dataset's own inventory accepts them too.

    Raises
    ------
    ImplausibleValueError
        Naming the production input, its rows and China's output of the product.
    """
    import warnings

    from carbonpath.accounting.activity.schema import Production
    from carbonpath.accounting.plausible_activity import (
        output_plausibility,
        refuse_overridable,
        region_levels,
    )
    from carbonpath.errors import CarbonpathWarning

    hint = ("if the value is right, write 'override: <reason>' in a 'plausibility' column of "
            "the production row, or pass allow_implausible=True (CLI --allow-implausible)")
    found = output_plausibility(prod, region_levels(factors), hint)
    if not found:
        return prod
    if not allow_implausible:
        refuse_overridable(found, prod.data, prod.source)
        return prod
    data = prod.data.copy()
    flags = data["plausibility"].to_numpy(dtype=bool) if "plausibility" in data else None
    accepted = {r for _, rows in found for r in rows}
    marked = data["row"].isin(accepted).to_numpy()
    data["plausibility"] = marked if flags is None else flags | marked
    for problem, _ in found:
        warnings.warn(f"accepted by allow_implausible: {problem}", CarbonpathWarning,
                      stacklevel=4)
    return Production(data=data, source=prod.source)


def _production(prod: Any, year: int) -> pd.DataFrame:
    data = prod.data
    out = pd.DataFrame({"product": data["product"].astype(str), "value": data["value"],
                        "unit": data["unit"].astype(str), "year": year,
                        "technology": data["technology"].astype(str).replace("nan", ""),
                        "source": [f"production input {prod.source}, line {r}"
                                   for r in data["row"]]})
    out.index = pd.Index(data["row"].to_numpy())  # the inventory's rows: the input's lines
    if "plausibility" in data and data["plausibility"].any():  # kept for the dataset's checks
        out["plausibility"] = ["override: accepted in carbonpath init (the production input's "
                               f"line {r})" if flag else ""
                               for r, flag in zip(data["row"], data["plausibility"],
                                                  strict=True)]
    return out


def init_from_workbook(workbook: str | Path, *, region: str, base_year: int, horizon: int,
                       out: str | Path, **options: Any) -> InitResult:
    """Write a dataset from a planner's workbook (``carbonpath template`` writes one).

    Parameters
    ----------
    workbook : str or pathlib.Path
        The filled ``.xlsx`` file; its optional sheets ``committed`` and ``captive`` give
        the committed projects and captive plants.
    region, base_year, horizon, out, options
        As :func:`init_dataset` (``mapping``, ``method``, ``name``, ``model_hours`` ...),
        checked before the workbook is read. ``sheet`` is refused (ArgumentValueError): the
        balance is always the workbook's sheet ``balance``.

    Raises
    ------
    DataError
        Naming the sheet, row and column of every problem (edited headers included).
    OutputFolderError
        As :func:`init_dataset`.
    ArgumentTypeError, ArgumentValueError
        ``workbook`` or ``out`` not a path, or an empty one (``''``).
    """
    import os

    from carbonpath._checks import check_types
    from carbonpath.init.workbook import read_workbook
    from carbonpath.init.write import check_folder

    check_types("init_from_workbook", workbook=(workbook, (str, os.PathLike)),
                out=(out, (str, os.PathLike)))  # round 24 H124: '' named, not read as '.'
    check_folder(out)  # before the workbook is read
    workbook = home_path(workbook)  # ZE108
    from carbonpath.init.balance_checks import check_workbook_options

    check_workbook_options(options)  # round 25 KA118, KA83: sheet=, allow_implausible=
    wb = read_workbook(workbook)
    for key in ("committed", "captive"):
        if options.get(key) is not None and wb[key] is not None:
            raise DataError(Problem(f"{key} given twice: as an option and in the workbook's "
                                    f"sheet '{key}'", file=Path(workbook).name,
                                    column=key, valid="one of them"))
        if wb[key] is not None:
            options[key] = wb[key]
    try:
        result = init_dataset(wb["balance"], capacity=_or_empty(wb["capacity"], "capacity"),
                              drivers=_or_empty(wb["drivers"], "drivers"),
                              production=wb["production"], growth=wb["growth"],
                              region=region, base_year=base_year, horizon=horizon, out=out,
                              names={k: v for k, v in wb["names"].items()
                                     if k != "targets"},  # (named by on_sheet below)
                              targets=_sheet_targets(wb), **options)
    except DataError as exc:
        from carbonpath.init.target_checks import on_sheet

        exc = on_sheet(exc, wb["target_rows"], wb["names"]["targets"])
        raise _with_notices(exc, wb["notices"], Path(workbook).name) from None
    result["notices"] = wb["notices"] + result["notices"]
    return result


def _sheet_targets(wb: dict[str, Any]) -> Any:
    """The sheet's targets with their Excel rows (round 26 KB84: warnings name the row)."""
    from carbonpath.init.target_checks import SheetTargets

    if wb["targets"] is None:
        return None
    return SheetTargets(wb["targets"], wb["target_rows"], wb["names"]["targets"])


def _with_notices(exc: DataError, notices: list[str], name: str) -> DataError:
    """``exc`` with the workbook's notices (example rows skipped) as its last lines.

    A row the planner sees in a sheet but that was skipped as the template's example (XT09:
    the gdp row of the example left in ``drivers``) would otherwise look ignored for no
    reason in the error it causes.
    """
    notices = [n for n in notices if n.startswith("sheet '")]  # rows skipped, by sheet
    if not notices:
        return exc
    told = Problem("note (may be the cause): the balance is the city's own, so the "
                   "template's example rows were not read: " + "; ".join(notices),
                   file=name, valid="the city's own rows (with their sources) in place of "
                                    "the example rows")
    try:
        return type(exc)([*exc.problems, told], exc.what)
    except TypeError:  # a subclass with another signature: keep it as it is
        return exc


def _or_empty(frame: pd.DataFrame | None, kind: str) -> pd.DataFrame:
    from carbonpath.init.inputs import COLUMNS

    return frame if frame is not None else pd.DataFrame(columns=list(COLUMNS[kind]))
