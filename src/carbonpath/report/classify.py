"""Classify a dataset's technologies for the report's figures, from the dataset's own tables.

Nothing here knows a dataset's technology codes: roles follow from ``technologies.csv``
(sector, kind, level, group, storage_commodity, nonfossil), ``flows.csv`` (which commodities a
technology takes in and gives out) and ``commodities.csv`` (each commodity's kind), so the
figures work for any dataset in the format (``docs/data-format.md``).
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["POWERTRAINS", "classify_technologies", "sector_table", "transport_sectors"]

#: Powertrain labels in the order the fleet figure stacks them.
POWERTRAINS = ("BEV", "PHEV", "FCEV", "ICE", "other")

_ROLE_ORDER = ("power", "storage", "electrolysis", "hydrogen", "transport", "other")


def sector_table() -> pd.DataFrame:
    """Return carbonpath's sector code list (``carbonpath/data/sectors.csv``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``; columns ``name_en``, ``name_zh``, ``parent``, ``kind`` ...
    """
    text = resources.files("carbonpath.data").joinpath("sectors.csv").read_text(encoding="utf-8")
    from io import StringIO

    return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False).set_index("code")


def transport_sectors(sectors: pd.DataFrame | None = None) -> set[str]:
    """Return the transport sector codes: ``transport`` and every sector below it.

    Parameters
    ----------
    sectors : pandas.DataFrame, optional
        The sector table (default :func:`sector_table`).

    Returns
    -------
    set of str
    """
    sectors = sector_table() if sectors is None else sectors
    found = {"transport"}
    changed = True
    while changed:
        more = {code for code, parent in sectors["parent"].items() if parent in found}
        changed = not more <= found
        found |= more
    return found


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    try:
        return bool(value) and value == value  # NaN is not true
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _powertrain(input_kinds: set[str], fuels: set[str]) -> str:
    electric = "electricity" in input_kinds
    if "hydrogen" in input_kinds:
        return "FCEV"
    if electric and "fuel" in input_kinds:
        return "PHEV"
    if electric:
        return "BEV"
    if "fuel" in input_kinds or fuels:
        return "ICE"
    return "other"


def classify_technologies(dataset_tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Classify every technology of a dataset for the figures.

    Parameters
    ----------
    dataset_tables : dict of str to pandas.DataFrame
        The dataset's tables as saved with the results: at least ``technologies``; ``flows``
        and ``commodities`` for the roles that depend on commodities.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``technology``, with columns

        - ``name``, ``sector``, ``kind``, ``level``, ``group``, ``nonfossil`` (bool): as given;
        - ``inputs``, ``outputs``: sorted tuples of commodity codes (flows.csv);
        - ``input_kinds``, ``output_kinds``: sorted tuples of commodity kinds;
        - ``storage_commodity`` and ``storage_kind`` (storage technologies);
        - ``power`` (bool): has an electricity output (generators, imports, fuel cells);
        - ``power_storage`` (bool): stores a commodity of kind electricity;
        - ``electrolysis`` (bool): makes hydrogen from electricity;
        - ``hydrogen`` (bool): takes in, gives out or stores a commodity of kind hydrogen;
        - ``transport`` (bool): its sector is ``transport`` or below it in the sector list;
        - ``powertrain``: for transport technologies, from the kinds of their inputs:
          hydrogen -> ``FCEV``; electricity and a fuel -> ``PHEV``; electricity only -> ``BEV``;
          a fuel (diesel, gasoline, natural gas ...) -> ``ICE``; else ``other``;
        - ``role``: the first of power, storage, electrolysis, hydrogen, transport, other.

        Empty (with these columns) if the dataset has no technologies table.
    """
    columns = ["name", "sector", "kind", "level", "group", "nonfossil", "inputs", "outputs",
               "input_kinds", "output_kinds", "storage_commodity", "storage_kind", "power",
               "power_storage", "electrolysis", "hydrogen", "transport", "powertrain", "role"]
    techs = dataset_tables.get("technologies")
    if techs is None or techs.empty:
        return pd.DataFrame(columns=columns).rename_axis("technology")
    commodities = dataset_tables.get("commodities", pd.DataFrame())
    kind_of: dict[str, str] = {}
    if not commodities.empty:
        kind_of = {str(c): _text(k) for c, k in zip(commodities["commodity"],
                                                    commodities["kind"], strict=True)}
    flows = dataset_tables.get("flows", pd.DataFrame())
    ins: dict[str, set[str]] = {}
    outs: dict[str, set[str]] = {}
    if not flows.empty:
        for tech, com, direction in zip(flows["technology"], flows["commodity"],
                                        flows["direction"], strict=True):
            target = ins if str(direction).strip() == "input" else outs
            target.setdefault(str(tech), set()).add(str(com))
    transport = transport_sectors()
    rows = []
    for row in techs.to_dict("records"):
        code = str(row["technology"])
        inputs, outputs = sorted(ins.get(code, ())), sorted(outs.get(code, ()))
        in_kinds = sorted({kind_of.get(c, "") for c in inputs} - {""})
        out_kinds = sorted({kind_of.get(c, "") for c in outputs} - {""})
        store = _text(row.get("storage_commodity"))
        store_kind = kind_of.get(store, "") if store else ""
        kind = _text(row.get("kind"))
        is_storage = kind == "storage" or bool(store)
        power = "electricity" in out_kinds and not is_storage
        power_storage = is_storage and store_kind == "electricity"
        electrolysis = "hydrogen" in out_kinds and "electricity" in in_kinds
        hydrogen = ("hydrogen" in in_kinds or "hydrogen" in out_kinds
                    or (is_storage and store_kind == "hydrogen"))
        sector = _text(row.get("sector"))
        is_transport = sector in transport
        fuels = {c for c in inputs if kind_of.get(c) == "fuel"}
        powertrain = _powertrain(set(in_kinds), fuels) if is_transport else ""
        flags = {"power": power, "storage": power_storage, "electrolysis": electrolysis,
                 "hydrogen": hydrogen, "transport": is_transport}
        role = next((r for r in _ROLE_ORDER[:-1] if flags[r]), "other")
        rows.append({
            "technology": code, "name": _text(row.get("name")) or code, "sector": sector,
            "kind": kind, "level": _text(row.get("level")), "group": _text(row.get("group")),
            "nonfossil": _truthy(row.get("nonfossil")), "inputs": tuple(inputs),
            "outputs": tuple(outputs), "input_kinds": tuple(in_kinds),
            "output_kinds": tuple(out_kinds), "storage_commodity": store,
            "storage_kind": store_kind, "power": power, "power_storage": power_storage,
            "electrolysis": electrolysis, "hydrogen": hydrogen, "transport": is_transport,
            "powertrain": powertrain, "role": role,
        })
    return pd.DataFrame(rows).set_index("technology")[columns]
