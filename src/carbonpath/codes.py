"""carbonpath's code lists: fuels, sectors and products, with their aliases.

The lists live in ``src/carbonpath/data/{fuels,sectors,products}.csv``. Each code is
lower_snake_case English; aliases include the names of China's energy statistics (原煤 ->
``raw_coal``). Lookups are case-insensitive for Latin letters and ignore surrounding space.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import pandas as pd

__all__ = ["ADVICE", "CHOICE_WORDS", "NEAR_WORDS", "CodeList", "closest_choice", "fuels",
           "item_advice", "items_named_by", "products", "sectors", "spelling_cutoff"]


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


#: Least spelling similarity (difflib ratio) of a suggestion for a word in Latin letters.
#: Two letters shared by chance make 0.57 between short words (``urea`` -> alias ``eaf`` of
#: eaf_steel, round 29 KE26); a one-letter typo of a four-letter word keeps 0.75 or more.
LATIN_CUTOFF = 0.65

#: The same for a word with Chinese characters, each of which carries a meaning (汽油 and
#: 柴油, both oils, share one: 0.5).
CJK_CUTOFF = 0.5


def spelling_cutoff(text: object) -> float:
    """:data:`CJK_CUTOFF` for a word with a Chinese character, else :data:`LATIN_CUTOFF`."""
    return CJK_CUTOFF if any("\u4e00" <= ch <= "\u9fff" for ch in str(text)) else LATIN_CUTOFF


#: Common words for fuels that name no code, with the codes they usually mean, most likely
#: first (a hint only: such a word is never read as a code, since it may mean more than one
#: fuel). 煤炭 is coal in general, which city statistics report as 原煤 (raw coal); 煤气 is
#: a gas made from coal (焦炉煤气 or the 其他煤气 of gasworks); 液化气 is LPG.
NEAR_WORDS: dict[str, dict[str, tuple[str, ...]]] = {"fuel": {
    "煤炭": ("raw_coal",), "煤": ("raw_coal",), "燃煤": ("raw_coal",),
    "动力煤": ("raw_coal", "bituminous_coal"), "电煤": ("raw_coal", "bituminous_coal"),
    "散煤": ("raw_coal",), "焦煤": ("cleaned_coal",), "炼焦煤": ("cleaned_coal",),
    "石油": ("crude_oil",), "燃气": ("natural_gas",), "管道燃气": ("natural_gas",),
    "煤气": ("coke_oven_gas", "other_gas"), "液化气": ("lpg",), "电": ("electricity",),
    "电能": ("electricity",), "用电": ("electricity",), "热": ("heat",), "热能": ("heat",),
    "暖气": ("heat",), "供热": ("heat",), "秸秆": ("solid_biomass",),
    "薪柴": ("solid_biomass",)}}


_CEMENT = ("cement is not a process product: the process CO2 of cement is its clinker's "
           "(IPCC 2006 Vol.3 2A1); give the clinker made (cement_clinker, 水泥熟料; often "
           "60-75 % of the cement), not the cement, whose tonnes would overstate it")
_SODA = ("soda ash production (纯碱生产, IPCC 2B7) has no process factor in carbonpath; "
         "soda_ash_use (纯碱使用, 2A4b) is soda ash consumed (glass, chemicals): give it "
         "only for the soda ash used in the region, not the soda ash made")
_STEEL = ("crude steel is split by route: bof_steel (转炉钢, basic oxygen furnace) and "
          "eaf_steel (电炉钢, electric arc furnace), whose process CO2 differ ten times; "
          "finished steel (钢材) is not a process product")
_NONE = ("{what} has no product code or process factor in carbonpath's bundled tables "
         "(a product outside data/products.csv cannot be given a factor in a user table); "
         "{why}: report its process CO2 beside the inventory (IPCC 2006 Vol.3 {ipcc})")
_CARBIDE = _NONE.format(
    what="calcium carbide (电石, IPCC 2B5)", ipcc="2B5",
    why="it is not lime: carbide is made from lime and coke, and lime's factor on carbide "
        "tonnes would be a wrong figure (give the lime burnt for it as lime, if burnt in "
        "the region)")
_FERRO = _NONE.format(what="ferroalloys (铁合金, 硅铁, IPCC 2C2)", ipcc="2C2",
                      why="pig_iron's factor is iron's, not a ferroalloy's")
_MAGNESIUM = _NONE.format(what="magnesium (原镁, IPCC 2C4)", ipcc="2C4",
                          why="aluminium's factors are not magnesium's")
_LIMESTONE = ("limestone (石灰石) is a raw material, not a product: give the lime made from it "
              "(lime, 石灰), whose factor is per tonne of lime; limestone tonnes read as lime "
              "would overstate process CO2 (about 1.8 t limestone make 1 t lime)")
_UREA = ("urea (尿素) is made from ammonia and CO2 and has no process factor of its own: the "
         "process CO2 of the chain is the ammonia plant's (IPCC 2006 Vol.3 2B1); give the "
         "ammonia made (ammonia, 合成氨; about 0.57 t per t of urea), not the urea's tonnes")
_NITRATE = ("ammonium nitrate (硝酸铵) is made from nitric acid: give the nitric acid made "
            "(nitric_acid, 硝酸) for its N2O, not the nitrate's tonnes")
#: Words that name no code but sound like one, with what to give instead, by list name
#: (normalised keys). A suggestion by spelling would be wrong for them: 水泥 was answered
#: "did you mean cement_clinker?", which overstates process CO2 by the clinker ratio (round
#: 12 E60); 纯碱 "soda_ash_use?", the opposite flow. :meth:`CodeList.valid_text` says the
#: advice, so the production reader, ``process_factors`` and the inventory's filters give
#: the same one (round 18 Q52).
#: Sector words of the yearbooks that are subtotals or a part of one code (round 21 J23,
#: J56: 第二产业 was answered "did you mean agriculture?", 商业 "did you mean industry?").
_SECONDARY = ("第二产业 (secondary industry) is a subtotal of the yearbooks: industry (工业, or "
              "its branches such as chemicals) + construction (建筑业); give those rows "
              "instead (the subtotal beside them would count them twice)")
_TERTIARY = ("第三产业 (tertiary industry, services) is a subtotal of the yearbooks: transport "
             "(交通运输、仓储和邮政业) + commercial (批发和零售业、住宿和餐饮业) + "
             "other_services (其他); give those rows instead (the subtotal beside them would "
             "count them twice)")
#: Round 30 ZF168, ZF170: 能源工业 was answered "did you mean industry?" (power-plant coal
#: booked under industry leaves the plant checks and GPC's exclusion of generation), 制造业
#: "did you mean other_manufacturing, machinery?" (two small parts of it).
_ENERGY_INDUSTRY = ("能源工业 (energy industries) is a grouping of the yearbooks, not one code: "
                    "give its parts as rows of their own: thermal_power (火力发电), heat_supply "
                    "(供热), coking (炼焦), refining (炼油), coal_washing (洗选煤), gas_making "
                    "(制气) for the fuel they transform, and mining (采矿业) or utilities "
                    "(电力、热力、燃气及水生产和供应业) for the fuel they burn themselves")
_MANUFACTURING = ("制造业 (manufacturing) is a subtotal of industry, not one code: give its "
                  "branches (food, textiles, paper, chemicals, non_metallic_minerals, "
                  "ferrous_metals, non_ferrous_metals, machinery, other_manufacturing), or, "
                  "when only the subtotal is known, book it under industry (工业), without "
                  "mining and utilities rows beside it that it does not hold")
_COMMERCE = ("commerce (商业, 批发零售业, 住宿餐饮业) is the sector code commercial (批发和零售业、"
             "住宿和餐饮业: wholesale, retail, hotels and catering)")
_SECTOR_ADVICE = {
    "第二产业": _SECONDARY, "secondary industry": _SECONDARY, "第三产业": _TERTIARY,
    "tertiary industry": _TERTIARY, "服务业": _TERTIARY, "services industry": _TERTIARY,
    "商业": _COMMERCE, "commerce": _COMMERCE, "批发零售业": _COMMERCE, "批发和零售业": _COMMERCE,
    "住宿餐饮业": _COMMERCE, "住宿和餐饮业": _COMMERCE, "餐饮业": _COMMERCE,
    "能源工业": _ENERGY_INDUSTRY, "energy industries": _ENERGY_INDUSTRY,
    "energy industry": _ENERGY_INDUSTRY, "制造业": _MANUFACTURING,
    "manufacturing": _MANUFACTURING}


ADVICE: dict[str, dict[str, str]] = {"sector": _SECTOR_ADVICE, "product": {
    "水泥": _CEMENT, "cement": _CEMENT, "纯碱": _SODA, "soda ash": _SODA, "纯碱生产": _SODA,
    "粗钢": _STEEL, "钢": _STEEL, "钢材": _STEEL, "crude steel": _STEEL, "steel": _STEEL,
    # round 20 W62: 电石 was answered "did you mean lime?"; the same kind by spelling
    "电石": _CARBIDE, "碳化钙": _CARBIDE, "calcium carbide": _CARBIDE, "carbide": _CARBIDE,
    "铁合金": _FERRO, "硅铁": _FERRO, "ferroalloy": _FERRO, "ferrosilicon": _FERRO,
    "原镁": _MAGNESIUM, "镁": _MAGNESIUM, "magnesium": _MAGNESIUM,
    "石灰石": _LIMESTONE, "limestone": _LIMESTONE,
    "硝酸铵": _NITRATE, "ammonium nitrate": _NITRATE,
    "尿素": _UREA, "urea": _UREA}}


#: Words of China's statistics for a name of a closed list (driver names), with the name
#: they mean (round 18 Q39: ``人口`` and ``GDP`` rows of a drivers file).
CHOICE_WORDS: dict[str, str] = {
    "人口": "population", "常住人口": "population", "年末常住人口": "population",
    "总人口": "population", "地区生产总值": "gdp", "生产总值": "gdp", "国内生产总值": "gdp",
    "gdp总量": "gdp"}


def closest_choice(text: object, choices: Iterable[str]) -> str | None:
    """The name of ``choices`` that ``text`` most likely means, or None.

    In order: the same name in other case or spacing (``GDP`` -> ``gdp``), a word of
    :data:`CHOICE_WORDS` (``人口`` -> ``population``), the closest spelling (difflib, ratio
    0.75 or more).

    Parameters
    ----------
    text : object
        The name given.
    choices : iterable of str
        The valid names.

    Returns
    -------
    str or None
    """
    names = list(choices)
    key = _norm(str(text))
    by_norm = {_norm(c): c for c in names}
    if key in by_norm:
        return by_norm[key]
    word = CHOICE_WORDS.get(key)
    if word in names:
        return word
    close = difflib.get_close_matches(key, list(by_norm), n=1, cutoff=0.75)
    return by_norm[close[0]] if close else None


@dataclass(frozen=True, eq=False)
class CodeList:
    """A list of codes with aliases.

    Parameters
    ----------
    name : str
        What the codes are ("fuel", "sector", "product").
    table : pandas.DataFrame
        One row per code; column ``code`` plus attributes.
    aliases : dict
        Normalised alias (code, English and Chinese names, listed aliases) -> code.
    file : str
        Where the list is, as a user can find it (``carbonpath/data/fuels.csv``).
    """

    name: str
    table: pd.DataFrame
    aliases: dict[str, str]
    file: str = ""

    @property
    def codes(self) -> list[str]:
        """The codes, in file order."""
        return list(self.table.index)

    def resolve(self, text: str) -> str | None:
        """Return the code ``text`` names (code or alias), or ``None`` if it names none."""
        if text is None or (isinstance(text, float) and pd.isna(text)):
            return None
        return self.aliases.get(_norm(text))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Return up to ``n`` codes closest to ``text``: by meaning, then by spelling.

        A common word that is no code's name (煤炭, coal in general) first gets the codes it
        usually means in China's statistics (:data:`NEAR_WORDS`, round 16 M111: 煤炭 -> 原煤
        ``raw_coal``), then the codes whose code or alias is spelled closest (difflib, a
        similarity of at least :func:`spelling_cutoff`).
        """
        codes = [c for c in NEAR_WORDS.get(self.name, {}).get(_norm(text), ())
                 if c in self.table.index]
        codes += [self.aliases[hit] for hit in difflib.get_close_matches(
            _norm(text), list(self.aliases), n=n * 3, cutoff=spelling_cutoff(text))]
        out: list[str] = []
        for code in codes:
            if code not in out:
                out.append(code)
        return out[:n]

    def valid_text(self, text: str | None = None) -> str:
        """Describe the valid codes for an error message: the closest, else all of them.

        Either way the message names the file listing every code with its aliases. A word
        of :data:`ADVICE` gets its advice instead of a suggestion.
        """
        said = ADVICE.get(self.name, {}).get(_norm(text)) if text else None
        if said is not None:
            return f"{said} (every {self.name} code and its aliases: {self.file})"
        close = self.suggest(text) if text else []
        if close:
            return (f"did you mean {', '.join(close)}? (every {self.name} code and its "
                    f"aliases: {self.file})")
        return (f"a {self.name} code ({', '.join(self.codes)}) or one of its aliases "
                f"(English and Chinese names) in {self.file}")

    def attr(self, code: str, column: str) -> str:
        """Return attribute ``column`` of ``code`` ('' if blank)."""
        return self.column(column)[code]

    def column(self, column: str) -> dict[str, str]:
        """Return {code: attribute} for one column (blank -> ''); cached."""
        return _column(self, column)


@functools.lru_cache(maxsize=64)
def _column(codes: CodeList, column: str) -> dict[str, str]:
    return {c: ("" if pd.isna(v) else str(v)) for c, v in codes.table[column].items()}


def _load(filename: str, name: str) -> CodeList:
    with resources.files("carbonpath").joinpath("data", filename).open(encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype=str, keep_default_na=False)
    table = table.set_index("code", drop=False)
    aliases: dict[str, str] = {}
    for code, row in table.iterrows():
        names: Iterable[str] = [code, row.get("name_en", ""), row.get("name_zh", "")]
        names = [*names, *str(row.get("aliases", "")).split(";")]
        for alias in names:
            key = _norm(alias)
            if key and key not in aliases:
                aliases[key] = str(code)
    return CodeList(name=name, table=table, aliases=aliases, file=f"carbonpath/data/{filename}")


@functools.lru_cache(maxsize=1)
def fuels() -> CodeList:
    """The fuel and energy-carrier codes (``data/fuels.csv``)."""
    return _load("fuels.csv", "fuel")


@functools.lru_cache(maxsize=1)
def sectors() -> CodeList:
    """The sector codes (``data/sectors.csv``), with IPCC categories and kinds."""
    return _load("sectors.csv", "sector")


@functools.lru_cache(maxsize=1)
def products() -> CodeList:
    """The industrial products of process emissions (``data/products.csv``)."""
    return _load("products.csv", "product")


def items_named_by(text: str) -> set[str]:
    """Codes of the fuels and products one of whose aliases contains ``text``."""
    key = _norm(text)
    if not key:
        return set()
    return {code for codes in (fuels(), products())
            for alias, code in codes.aliases.items() if key in alias}


def item_advice(text: object) -> str | None:
    """The :data:`ADVICE` for a product word that names no item (水泥, 粗钢), else None.

    A factor listing by such a word (``carbonpath factors --item 水泥``) gave the clinker's
    factor without the advice the production reader gives (round 22 M106, M107).
    """
    return ADVICE["product"].get(_norm(str(text)))
