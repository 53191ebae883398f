"""The user-editable table mapping balance rows and columns to catalogue technologies.

``catalogue/mapping.csv`` (the default; ``carbonpath init --mapping FILE`` takes a copy a
planner edited) has the columns ``role, sector, fuel, item, technology, service, note``:

``device``
    Final consumption of ``fuel`` in ``sector`` (a sector code or ``*``; a sector also
    matches its children, e.g. ``industry`` matches ``chemicals``) is burned or used by the
    catalogue ``technology``, which serves the sector's ``service`` (``heat``, ``power``,
    ``car`` ...).
``power`` / ``heat``
    ``fuel`` burned by thermal power (heat supply) plants: the plant class; ``item`` is the
    capacity type of the capacity input (``coal``, ``gas``, ``biomass`` ...).
``capacity``
    A capacity type (``item``: ``pv``, ``wind_offshore``, ``battery`` ...) without fuel:
    the technology, and in ``sector`` the generation row it produces (``solar_power`` ...).
``product``
    A product of the production input (``item``): the route carrying its process emissions.
``option``
    A technology the model may build for a ``service`` (``electricity``, ``heat``, ``car``
    ...) in ``sector`` (or ``*``).
``incumbent``
    A product (``item``) of the production input, its existing route's catalogue class
    (whose energy per tonne links the product to the services of its balance ``sector``,
    see :mod:`carbonpath.init.routes`).
``route``
    A catalogue route the model may build to make the product ``item`` instead (several
    rows per product).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from carbonpath.errors import DataError, Problem
from carbonpath.init.mapping_services import check_services

__all__ = ["ROLES", "Mapping", "read_mapping"]

ROLES = ("device", "power", "heat", "capacity", "product", "option", "incumbent", "route")
COLUMNS = ("role", "sector", "fuel", "item", "technology", "service", "note")


@dataclass(frozen=True)
class Mapping:
    """A validated mapping table (rows as in the file, ``line`` = editor line)."""

    table: pd.DataFrame
    file: str

    def _chain(self, sector: str) -> list[str]:
        from carbonpath.codes import sectors

        codes = sectors()
        out, seen = [], set()
        while sector and sector not in seen:
            out.append(sector)
            seen.add(sector)
            parent = codes.attr(sector, "parent") if sector in codes.codes else ""
            sector = parent if parent in codes.codes else ""
        return [*out, "*"]

    def lookup(self, role: str, sector: str, fuel: str) -> pd.Series | None:
        """The row of ``role`` for ``fuel`` in the most specific matching sector, or None."""
        rows = self.table[(self.table["role"] == role) & (self.table["fuel"] == fuel)]
        for s in self._chain(sector):
            hit = rows[rows["sector"] == s]
            if len(hit):
                return hit.iloc[0]
        return None

    def item(self, role: str, item: str) -> pd.Series | None:
        """The row of ``role`` (``capacity`` or ``product``) for ``item``, or None."""
        hit = self.table[(self.table["role"] == role) & (self.table["item"] == item)]
        return hit.iloc[0] if len(hit) else None

    def items(self, role: str) -> list[str]:
        """The items (capacity types, products) the table maps for ``role``."""
        return sorted(set(self.table.loc[self.table["role"] == role, "item"]) - {""})

    def routes(self, product: str) -> list[pd.Series]:
        """The ``route`` rows of ``product`` (catalogue routes that make it), in file order."""
        hit = self.table[(self.table["role"] == "route") & (self.table["item"] == product)]
        return [row for _, row in hit.iterrows()]

    def options(self, sector: str, service: str) -> list[str]:
        """Catalogue technologies the model may build for ``service`` in ``sector``."""
        rows = self.table[(self.table["role"] == "option") & (self.table["service"] == service)]
        chain = set(self._chain(sector))
        return list(dict.fromkeys(rows.loc[rows["sector"].isin(chain), "technology"]))


def read_mapping(path: str | Path | pd.DataFrame | None = None, catalogue=None) -> Mapping:
    """Read and validate a mapping table (default: the bundled ``catalogue/mapping.csv``).

    Parameters
    ----------
    path : str, pathlib.Path or pandas.DataFrame, optional
    catalogue : Catalogue, optional
        Technologies are checked against it (default: the bundled catalogue).

    Raises
    ------
    DataError
        Listing every bad row: unknown role, sector, fuel or technology, a device without
        a service, a capacity or product row without an item, duplicate keys, a device
        whose catalogue technology takes another carrier than the row's fuel
        (:func:`_device_carrier`), a power or heat row whose plant class burns another
        carrier or makes another output (:func:`_plant_carrier`), a service spelled as a
        known one in another case, an option for a service no device serves, a technology
        delivering another unit than its service's
        (:func:`carbonpath.init.mapping_services.check_services`).

    Warns
    -----
    MappingServiceWarning
        A device's service that the bundled table does not know but whose spelling is
        close to one it knows (``cars`` beside ``car``).
    """
    from carbonpath._io import read_table as read_csv_table
    from carbonpath._resources import data_path
    from carbonpath.catalogue import load_catalogue
    from carbonpath.codes import fuels, sectors

    if isinstance(path, pd.DataFrame):
        frame, name = path.astype(str).fillna(""), "mapping"
    else:
        file = Path(path) if path is not None else data_path("catalogue") / "mapping.csv"
        name = file.name if path is not None else "catalogue/mapping.csv"
        if path is not None:  # a user's file: empty, encodings, quotes named (_io)
            frame = read_csv_table(file)
        else:
            frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    cat = catalogue if catalogue is not None else load_catalogue()
    problems: list[Problem] = []
    for c in COLUMNS:
        if c not in frame.columns:
            problems.append(Problem("column missing", file=name, column=c,
                                    valid=", ".join(COLUMNS)))
    DataError.collect(problems, name)
    frame = frame[list(COLUMNS)].copy()
    frame.index = frame.index + 2
    sector_codes, fuel_codes = set(sectors().codes), set(fuels().codes)
    for line, row in frame.iterrows():
        def bad(col: str, message: str, valid: str, row=row, line=line) -> None:
            """Record a problem with column ``col`` of this row; returns nothing."""
            problems.append(Problem(message, file=name, row=line, column=col,
                                    value=row[col], valid=valid))
        role = row["role"]
        if role not in ROLES:
            bad("role", "unknown role", ", ".join(ROLES))
            continue
        if row["sector"] not in sector_codes | {"*"}:
            bad("sector", "unknown sector", "a code of src/carbonpath/data/sectors.csv or *")
        if role in ("device", "power", "heat") and row["fuel"] not in fuel_codes:
            bad("fuel", "unknown fuel", "a code of src/carbonpath/data/fuels.csv")
        if row["technology"] not in cat.technologies.index:
            bad("technology", "not a catalogue technology",
                "a code of catalogue/technologies.csv (carbonpath catalogue lists them)")
        if role == "device" and row["fuel"] in fuel_codes \
                and row["technology"] in cat.technologies.index:
            why = _device_carrier(row["fuel"], row["technology"], cat)
            if why:
                bad("technology", why, _devices_for(row["fuel"], cat))
        if role in ("power", "heat") and row["fuel"] in fuel_codes \
                and row["technology"] in cat.technologies.index:
            why = _plant_carrier(role, row["fuel"], row["technology"], cat)
            if why:  # round 21 K200, K201: the device rule for plants
                bad("technology", why, _plants_for(role, row["fuel"], cat))
        if role in ("device", "option") and not row["service"]:
            bad("service", "a device or option needs the service it serves",
                "e.g. heat, power, car")
        if role in ("power", "capacity", "product", "incumbent", "route") and not row["item"]:
            bad("item", "a capacity type or product is required", "e.g. coal, pv, cement_clinker")
    key = frame["role"] + "|" + frame["sector"] + "|" + frame["fuel"] + "|" + frame["item"] \
        + "|" + frame["technology"].where(frame["role"].isin(["option", "route"]), "")
    for line in frame.index[key.duplicated()]:  # N45's kind: the first row named too
        first = frame.index[key == key[line]][0]
        problems.append(Problem(f"duplicate mapping row (same role, sector, fuel and item as "
                                f"row {first})", file=name, row=line, column="fuel",
                                valid="one row per role, sector, fuel and item"))
    DataError.collect(problems, name)
    check_services(frame, name, cat)  # round 21 K135, K141, K144
    return Mapping(frame, name)


def _family(fuel: str) -> str:
    """The carrier family of a fuel code.

    Its group (coal, oil, gas, biomass), or the code itself for electricity, heat and
    hydrogen (group ``carrier``).
    """
    from carbonpath.codes import fuels

    group = fuels().attr(fuel, "group")
    return fuel if group == "carrier" else group


def _takes(fuel: str, commodity: str) -> bool:
    """Whether a device burning or using ``commodity`` may stand for ``fuel``'s use.

    The same family (any coal in a coal stove, fuel oil in a diesel engine), or a gaseous
    fuel or LPG (a gas at the burner) in a gas device; fuels of group ``other`` (methanol,
    other energy) are not judged.
    """
    from carbonpath.codes import fuels

    if _family(fuel) == "other" or _family(fuel) == _family(commodity):
        return True
    return _family(commodity) == "gas" and (fuels().attr(fuel, "state") == "gas"
                                            or fuel == "lpg")


def _carriers(cat) -> dict[str, tuple[str | None, frozenset[str]]]:
    """Per catalogue technology: its first input if a fuel code, and its outputs.

    Built once per catalogue from its flows table (a lookup per mapping row through
    ``flows_of`` cost a second per table read).
    """
    cached = getattr(cat, "_mapping_carriers", None)
    if cached is not None:
        return cached
    from carbonpath.codes import fuels

    codes = set(fuels().codes)
    out: dict[str, tuple[str | None, frozenset[str]]] = {}
    for tech, flows in cat.flows.groupby("technology", sort=False):
        inputs = flows.loc[flows["direction"] == "input", "commodity"].tolist()
        outputs = frozenset(flows.loc[flows["direction"] == "output", "commodity"])
        out[str(tech)] = (inputs[0] if inputs and inputs[0] in codes else None, outputs)
    with contextlib.suppress(AttributeError, TypeError):  # else built again next time
        object.__setattr__(cat, "_mapping_carriers", out)
    return out


def _input_of(tech: str, cat) -> str | None:
    """The catalogue technology's (first) input commodity, if it is a fuel code."""
    return _carriers(cat).get(tech, (None, frozenset()))[0]


def _makes(tech: str, commodity: str, cat) -> bool:
    """Whether the catalogue technology has ``commodity`` among its outputs."""
    return commodity in _carriers(cat).get(tech, (None, frozenset()))[1]


def _device_carrier(fuel: str, tech: str, cat) -> str:
    """Why a device row's technology cannot stand for the fuel's use ('' if it can).

    A heat pump mapped to raw coal had its coefficient of performance applied to coal
    (coal burned at 280 %), and a gas boiler its 90 % (round 13 G97, G98): the service
    demand init calibrates from the row is then as wrong as the efficiency.
    """
    commodity = _input_of(tech, cat)
    if commodity is None or _takes(fuel, commodity):
        return ""
    return (f"technology '{tech}' uses {commodity}, not {fuel}: its efficiency would be "
            f"applied to {fuel} and the calibrated service demand with it")


def _plant_carrier(role: str, fuel: str, tech: str, cat) -> str:
    """Why a ``power`` or ``heat`` row's plant class cannot stand for plants burning ``fuel``.

    '' if it can. The class must make the role's output (electricity, heat) and burn a fuel
    of the row's family (:func:`_takes`), or be the gas class for an oil fuel (the bundled
    table takes oil-fired units with the gas class: both fire a turbine or boiler on a
    fluid fuel, at similar efficiencies). Natural gas mapped to the coal class had the coal
    class's efficiency split thermal power's output by fuel (round 21 K200: gas units
    249 m3/MWh for 187); raw coal mapped to the gas boiler had a gas boiler's 90 %
    (K201).
    """
    out = "electricity" if role == "power" else "heat"
    if not _makes(tech, out, cat):
        return (f"technology '{tech}' makes no {out}: a '{role}' row names the class of the "
                f"plants making {out} from {fuel}")
    commodity = _input_of(tech, cat)
    if commodity is None or _takes(fuel, commodity) \
            or (_family(fuel) == "oil" and _family(commodity) == "gas"):
        return ""
    return (f"technology '{tech}' burns {commodity}, not {fuel}: its efficiency would be "
            f"applied to {fuel}, and the split of the plants' {out} by fuel energy x class "
            "efficiency with it")


def _plants_for(role: str, fuel: str, cat) -> str:
    """The catalogue plant classes a ``power``/``heat`` row of ``fuel`` may name (message)."""
    out = "electricity" if role == "power" else "heat"
    fits = []
    for t in cat.technologies.index:
        if not _makes(t, out, cat):
            continue
        c = _input_of(t, cat)
        if c is not None and (_takes(fuel, c) or (_family(fuel) == "oil"
                                                   and _family(c) == "gas")):
            fits.append(t)
    return (f"a catalogue plant class making {out} from {_family(fuel)}: "
            + ", ".join(fits[:12]) if fits else f"a catalogue plant class burning {fuel}")


def _devices_for(fuel: str, cat) -> str:
    """The catalogue technologies whose input may stand for ``fuel`` (for a message)."""
    fits = []
    for t in cat.technologies.index:
        c = _input_of(t, cat)
        if c is not None and _takes(fuel, c) and not _makes(t, "electricity", cat):
            fits.append(t)
    return ("a catalogue technology using " + _family(fuel) + ": " + ", ".join(fits[:12])
            if fits else f"a catalogue technology using {fuel}")
