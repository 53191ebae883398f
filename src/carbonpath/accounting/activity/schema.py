"""Codes and columns of activity and production data; the Activity and Production tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["CARRIER_USES", "ENERGY_BASES", "FUEL_USES", "GAS_CONDITIONS", "MATERIAL_FUELS",
           "Activity", "Production"]


#: Uses of a fuel. ``combustion``: burned (incl. power and heat plants, in sectors
#: thermal_power / heat_supply); ``non_energy``: used as a material, not burned (lubricants,
#: bitumen; reported apart); ``feedstock``: its carbon is reported under industrial processes
#: (coal and gas for ammonia, coke as blast-furnace reductant); ``transformation_input``:
#: turned into another fuel (coking, refining, gas making), counted when the product is used.
FUEL_USES = ("combustion", "non_energy", "feedstock", "transformation_input")
#: Uses of electricity and heat. ``consumption``: used in a sector; ``generation``: produced
#: in the region (sector thermal_power or heat_supply for fossil plants, nonfossil_power and
#: its children for primary electricity); ``import``/``export``: crossing the boundary
#: (sector ``transfers``).
CARRIER_USES = ("consumption", "generation", "import", "export")
#: Fuels that are also materials: lubricants, paraffin waxes, bitumen and white spirit are
#: used as materials and solvents, not burned (IPCC 2006 Vol.2 Ch.1 §1.2 and Vol.3 Ch.5),
#: and 其他石油制品 / 其他焦化产品 hold such products (greases, tar, pitch). Outside industry
#: and the fuel-making sectors, ``non_energy`` is sound only for these (round 18, Q75).
MATERIAL_FUELS = ("lubricants", "paraffin", "bitumen", "white_spirit",
                  "other_petroleum_products", "other_coking_products")
#: Reference conditions of plain gas volumes -> carbonpath's unit of that amount of gas.
GAS_CONDITIONS = {"20C": "m3_20C", "0C": "Nm3", "15C": "Sm3"}
_CONDITION_ALIASES = {
    "20c": "20C", "20 c": "20C", "20°c": "20C", "20 °c": "20C", "m3_20c": "20C",
    "0c": "0C", "0 c": "0C", "0°c": "0C", "0 °c": "0C", "normal": "0C", "nm3": "0C",
    "15c": "15C", "15 c": "15C", "15°c": "15C", "15 °c": "15C", "sm3": "15C",
}
#: Calorific-value basis of energy given in J or Wh for a fuel.
ENERGY_BASES = ("net", "gross")
_BASIS_ALIASES = {"net": "net", "ncv": "net", "lhv": "net", "低位": "net", "低位发热量": "net",
                  "gross": "gross", "gcv": "gross", "hhv": "gross", "高位": "gross",
                  "高位发热量": "gross",
                  # electricity and heat given in standard coal (round 10, A04/A25)
                  "calorific": "calorific", "当量值": "calorific", "当量": "calorific",
                  "calorific_equivalent": "calorific", "equivalent": "equivalent",
                  "等价值": "equivalent", "等价": "equivalent",
                  "coal_consumption": "equivalent"}
#: Bases of electricity and heat given in standard coal (tce): ``calorific`` (当量值,
#: 0.1229 kgce/kWh, 0.03412 tce/GJ: the energy itself) is read; ``equivalent`` (等价值, the
#: coal burned to make it) is refused, since the coal rate it used is not known.
CARRIER_TCE_BASES = ("calorific", "equivalent")
_ACTIVITY_COLUMNS = ("sector", "fuel", "value", "unit", "year", "region", "use", "technology",
                     "gas_condition", "energy_basis", "note", "source", "model_region",
                     "plausibility")
_PRODUCTION_COLUMNS = ("product", "value", "unit", "year", "region", "technology", "note",
                       "source", "model_region", "plausibility")
#: ``model_region``: the dataset region (``dataset.yaml`` ``regions``) a row belongs to, for
#: the inventory by region (:mod:`carbonpath.accounting.regional`, which checks its values);
#: here it only keeps rows of different model regions from being duplicates.
#: canonical unit of each measure
MEASURE_UNITS = {"mass": "t", "gas": "Nm3", "energy": "TJ"}


@dataclass(frozen=True)
class Activity:
    """Validated activity data.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per input row, columns: ``row`` (file line, header = 1, or DataFrame index
        label), ``year`` (int), ``region``, ``sector``, ``fuel``, ``use``, ``technology``
        (categorical codes), ``value`` and ``unit`` (as given), ``measure`` (``mass``,
        ``gas`` or ``energy``), ``quantity`` (float, in ``t``, ``Nm3`` or ``TJ`` by measure;
        gas volumes converted from their declared condition), ``energy_basis`` (``net``,
        ``gross`` or '' for non-energy units); ``model_region`` (str) and ``plausibility``
        (bool, an ``override: <reason>`` cell) when the input has those columns.
    source : str
        File name, or a description of the in-memory table.
    """

    data: pd.DataFrame
    source: str

    def __len__(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Production:
    """Validated industrial production (for process emissions).

    Attributes
    ----------
    data : pandas.DataFrame
        Columns ``row``, ``year``, ``region``, ``product``, ``technology``, ``value``,
        ``unit``, ``quantity`` (t of product).
    source : str
    """

    data: pd.DataFrame
    source: str

    def __len__(self) -> int:
        return len(self.data)
