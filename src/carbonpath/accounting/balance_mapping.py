"""How the rows and columns of an energy balance sheet map to carbonpath's codes.

The bundled mapping lives in two tables, ``src/carbonpath/data/balance_rows.csv`` (one row
per row item of the sheet: its section, parent total, role, carbonpath sector, Chinese and
English names and aliases) and ``src/carbonpath/data/balance_columns.csv`` (one row per
column: a fuel code of ``fuels.csv``, or a total column, with the unit China's physical
balance sheets print it in). :func:`balance_mapping` returns them; a user mapping extends
them (see :meth:`BalanceMapping.extended`).

Labels are matched after normalisation: numbering (``一、``, ``(一)``, ``1.``), markers
(``#``, ``其中:``), sign notes (``(-)``, ``(+、-)``), brackets and spaces inside Chinese
labels are removed; English labels are matched case-insensitively. A label that appears in
two sections (``回收能`` in supply and in transformation) resolves to the item of the
section the sheet is in.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._checks import checked
from carbonpath._headers import index_text
from carbonpath._io import read_table
from carbonpath.codes import fuels
from carbonpath.errors import CarbonpathWarning, DataError, Problem

__all__ = ["ROLES", "BalanceMapping", "MappingLabelWarning", "balance_mapping",
           "mapping_total_hints", "norm_label", "warn_unmatched_labels"]

#: Roles of row items. ``supply``: adds to the energy available; ``supply_out``: printed
#: with ``(-)`` (outflow, exports, bunkers to foreign carriers): subtracted whatever sign the
#: sheet prints; ``stock_change``: signed as printed (increase -, decrease +);
#: ``stock_opening`` / ``stock_closing``: older sheets' opening (+) and closing (-) stocks;
#: ``transformation``: inputs negative, outputs positive; ``loss``; ``final``: final
#: consumption; ``memo``: an "of which" row, never added; ``difference``: statistical
#: difference; ``consumption_total``: total consumption.
ROLES = ("supply", "supply_out", "stock_change", "stock_opening", "stock_closing",
         "transformation", "loss", "final", "memo", "difference", "consumption_total")
#: Sections of a sheet, in order.
SECTIONS = ("supply", "transformation", "losses", "final", "difference", "total")

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"\d+(?:\.\d+)*\s*[.．、)）]|[#＃*△]|其中\s*[:：]?|of\s+which\s*[:：]?|"
    r"in\s+which\s*[:：]?|\s)+", re.IGNORECASE)
_SIGNS = re.compile(r"[（(]\s*[+\-－—−、,，/\s]+\s*[)）]")
_BRACKETS = re.compile(r"[（()）\[\]【】]")


def norm_label(text: Any) -> str:
    """Normalise a row or column label for matching (see the module docstring).

    Parameters
    ----------
    text : Any
        The label as printed.

    Returns
    -------
    str
        '' for a blank label.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    t = str(text).replace("\u3000", " ").replace("\xa0", " ").strip()
    t = _SIGNS.sub("", t)
    t = _PREFIX.sub("", t)
    t = _SIGNS.sub("", t).strip().rstrip(":：")
    if _CJK.search(t):
        t = _BRACKETS.sub("", "".join(t.split()))
    else:
        t = " ".join(t.lower().replace("_", " ").split())
    return t


def label_variants(text: Any) -> list[str]:
    """The normalised label, then its Chinese and its Latin part for bilingual cells."""
    full = norm_label(text)
    out = [full]
    raw = "" if text is None else str(text)
    if _CJK.search(raw) and _LATIN.search(raw):
        first = _LATIN.search(raw)
        assert first is not None
        cjk_part, latin_part = raw[:first.start()], raw[first.start():]
        out += [norm_label(cjk_part), norm_label(latin_part)]
    return [v for v in dict.fromkeys(out) if v]


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[pd.DataFrame, pd.DataFrame]:
    def load(name: str) -> pd.DataFrame:
        """Read one of the bundled mapping tables."""
        path = resources.files("carbonpath").joinpath("data", name)
        with path.open(encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)

    return load("balance_rows.csv"), load("balance_columns.csv")


@dataclass(frozen=True)
class BalanceMapping:
    """Rows and columns of an energy balance sheet -> carbonpath codes.

    Attributes
    ----------
    rows : pandas.DataFrame
        Indexed by row item; columns ``section``, ``parent``, ``role``, ``sector``,
        ``name_zh``, ``name_en``, ``aliases`` (``balance_rows.csv``).
    columns : pandas.DataFrame
        Indexed by column code; columns ``kind`` (``fuel``, ``total`` in standard coal,
        ``group_total``), ``unit`` (default unit), ``name_zh``, ``aliases``.
    user_rows, user_columns : dict
        Normalised label -> item (or column code, unit) given by the user; they win over
        the bundled aliases in every section.
    column_origins : dict
        Normalised label -> where the user's column entry was given (``"mapping m.csv, row
        2, column 'unit'"``),
        for messages naming the mapping's cell (round 19 T100, T103).
    label_origins : dict
        (axis, normalised label) -> (where the user gave it, the label as written), for
        :func:`warn_unmatched_labels` (round 23 E81).
    """

    rows: pd.DataFrame
    columns: pd.DataFrame
    user_rows: dict[str, str] = field(default_factory=dict)
    user_columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    column_origins: dict[str, str] = field(default_factory=dict)
    label_origins: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @functools.cached_property
    def _row_aliases(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item, r in self.rows.iterrows():
            names = [item, r["name_zh"], r["name_en"], *str(r["aliases"]).split(";")]
            for name in names:
                key = norm_label(name)
                if key and item not in out.setdefault(key, []):
                    out[key].append(str(item))
        return out

    @functools.cached_property
    def _column_aliases(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for code, r in self.columns.iterrows():
            for name in [code, r["name_zh"], *str(r["aliases"]).split(";")]:
                key = norm_label(name)
                if key:
                    out.setdefault(key, str(code))
        return out

    @checked
    def resolve_row(self, label: Any, section: str | None) -> str | None:
        """Return the row item a label names, preferring the current ``section``."""
        for key in label_variants(label):
            if key in self.user_rows:
                return self.user_rows[key]
            items = self._row_aliases.get(key)
            if items:
                same = [i for i in items if self.rows.at[i, "section"] == section]
                return same[0] if same else items[0]
        return None

    @checked
    def resolve_column(self, label: Any) -> tuple[str, str] | None:
        """Return (column code, unit given by the user mapping or '') for a header name."""
        for key in label_variants(label):
            if key in self.user_columns:
                return self.user_columns[key]
            if key in self._column_aliases:
                return self._column_aliases[key], ""
            code = fuels().resolve(key)
            if code is not None:
                return code, ""
        return None

    @checked
    def column_origin(self, label: Any) -> str:
        """Where the user's mapping gave the entry of a header name (``""`` if none did)."""
        for key in label_variants(label):
            if key in self.user_columns:
                return self.column_origins.get(key, "mapping=")
        return ""

    @checked
    def column_kind(self, code: str) -> str:
        """``fuel``, ``total`` or ``group_total``."""
        if code in self.columns.index:
            return str(self.columns.at[code, "kind"])
        return "fuel"

    @checked
    def default_unit(self, code: str) -> str:
        """The unit China's physical balance sheets print a column in ('' if unknown)."""
        if code in self.columns.index:
            return str(self.columns.at[code, "unit"])
        return ""

    @checked
    def suggest_row(self, label: Any) -> list[str]:
        """Up to three row items whose names are closest to ``label``."""
        key = norm_label(label)
        hits = difflib.get_close_matches(key, list(self._row_aliases), n=6, cutoff=0.4)
        return list(dict.fromkeys(i for h in hits for i in self._row_aliases[h]))[:3]

    @checked
    def suggest_column(self, label: Any) -> list[str]:
        """Up to three column codes whose names are closest to ``label``."""
        key = norm_label(label)
        names = {**dict(self._column_aliases.items()), **fuels().aliases}
        hits = difflib.get_close_matches(key, list(names), n=6, cutoff=0.4)
        return list(dict.fromkeys(names[h] for h in hits))[:3]

    @checked
    def unit_keys(self, units: str | Mapping[str, str] | None
                  ) -> tuple[dict[str, str | None], list[Problem]]:
        """The column code each key of ``read_energy_balance(units=)`` names, and problems.

        A key may be a code or a header's label, with its unit as printed (``原煤(万吨)`` is
        原煤; it had named no column, and its unit was dropped without a word, round 29's
        ZE84 kind); a key naming no column (``原媒``) is a problem. A str (one unit for all)
        has no keys.
        """
        from carbonpath.accounting.balance_grid import _split_header

        if not isinstance(units, Mapping):
            return {}, []
        keys = {k: (self.resolve_column(_split_header(str(k))[0]) or (None,))[0]
                for k in units}
        return keys, [Problem(f"units= key '{k}' names no column", key=f"units.{k}",
                              valid="a fuel code or a column's name (raw_coal, 原煤)")
                      for k, code in keys.items() if code is None]

    @checked
    def mapped_rows(self, rows: list[tuple[Any, Any, str | None]]) -> tuple[str, str]:
        """What a "row appears twice" error says of the user entries behind it (round 29 ZE89).

        ``row,3.其他,residential`` made line 27 a second residential beside line 28's 居民生活;
        the error named the two lines and quoted line 28's label, not the mapping entry that
        made line 27 residential.

        Parameters
        ----------
        rows : list of (line, label, section)
            The rows read as one item, each with the section its label was read in.

        Returns
        -------
        (str, str)
            A clause for the message (``": line 27 '3.其他' is residential by mapping m.csv,
            row 2 (its bundled item: other_services)"``) and what would be valid; ``("", "")``
            when no user entry mapped any of the rows.
        """
        if not self.user_rows:
            return "", ""
        bundled = BalanceMapping(self.rows, self.columns)
        said, fixes = [], []
        for line, label, section in rows:
            key = next((k for k in label_variants(label) if k in self.user_rows), None)
            if key is None:
                continue
            item, default = self.user_rows[key], bundled.resolve_row(label, section)
            where = self.label_origins.get(("row", key), ("the mapping", label))[0]
            was = f" (its bundled item: {default})" if default and default != item else ""
            said.append(f"line {line} '{label}' is {item} by {where}{was}")
            fixes.append(f"correct {where} (line {line}'s item)" + (
                f", or delete it to read the row as {default}" if was else ""))
        if not said:
            return "", ""
        return ": " + "; ".join(said), "each row once: " + "; ".join(fixes)

    @checked
    def extended(self, mapping: Mapping[str, Mapping[str, Any]] | str | Path | pd.DataFrame
                 | None) -> BalanceMapping:
        """Return this mapping extended by a user mapping.

        Parameters
        ----------
        mapping : dict, path or DataFrame, optional
            ``{"rows": {label: item}, "columns": {label: code or (code, unit)}}``, or a
            table (CSV path or DataFrame) with columns ``axis`` (``row`` or ``column``),
            ``label``, ``code`` and optionally ``unit``. Row items are those of
            :attr:`rows` (``memo`` keeps a row in the tidy flows without using it); column
            codes are fuel codes or aliases, ``total`` or ``group_total``.

        Raises
        ------
        DataError
            An unknown item or code, or a malformed table.
        """
        if mapping is None:
            return self
        entries: list[tuple[str, Any, Any, str, Any]] = []  # axis, label, code, unit, where
        if isinstance(mapping, (str, Path, pd.DataFrame)):
            df = mapping if isinstance(mapping, pd.DataFrame) else read_table(mapping)
            name = "mapping" if isinstance(mapping, pd.DataFrame) else Path(mapping).name
            missing = [c for c in ("axis", "label", "code") if c not in df.columns]
            if missing:
                raise DataError(Problem(f"missing column(s) {', '.join(missing)}"
                                        f"{index_text(df, missing)}", file=name,
                                        valid="columns axis, label, code, unit"), "mapping")
            for i, r in enumerate(df.to_dict("records")):
                entries.append((str(r["axis"]).strip().lower(), r["label"], r["code"],
                                str(r.get("unit", "") or "").strip(), (name, i + 2)))
        else:
            for axis, key in (("row", "rows"), ("column", "columns")):
                for label, code in dict(mapping.get(key, {})).items():
                    unit = ""
                    if isinstance(code, (tuple, list)):
                        code, unit = code[0], code[1] if len(code) > 1 else ""
                    entries.append((axis, label, code, str(unit), ("mapping", key)))
            unknown = [k for k in mapping if k not in ("rows", "columns")]
            if unknown:
                raise DataError(Problem(f"unknown key(s) {unknown}", file="mapping",
                                        valid="'rows' and 'columns'"), "mapping")
        rows_map, cols_map = dict(self.user_rows), dict(self.user_columns)
        origins = dict(self.column_origins)
        problems = []
        labels = dict(self.label_origins)
        given: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for axis, label, code, unit, (where, row) in entries:
            code = str(code).strip()
            if axis not in ("row", "column"):
                problems.append(Problem(f"unknown axis '{axis}'", valid="row or column",
                                        **_at(where, row, label, "axis")))
                continue
            key, unit, problem = _entry_key(axis, label, unit, where, row)
            if problem is not None:
                problems.append(problem)
                continue
            if axis == "row":
                if code not in self.rows.index:
                    close = difflib.get_close_matches(code.lower(), list(self.rows.index),
                                                      n=3, cutoff=0.6)
                    head = f"did you mean {', '.join(close)}? " if close else ""
                    problems.append(Problem(
                        f"unknown row item '{code}' for label '{label}'",
                        **_at(where, row, label, "code"),
                        valid=head + "one of " + ", ".join(self.rows.index)))
                    continue
                target = code
            else:
                col = code if code in self.columns.index else fuels().resolve(code)
                if col is None:
                    problems.append(Problem(
                        f"unknown column code '{code}' for label '{label}'",
                        **_at(where, row, label, "code"), valid=fuels().valid_text(code)
                        + "; or total, coal_total, oil_total"))
                    continue
                target = col
            twice = _twice(given, (axis, key), (str(label), target, unit, where, row))
            if twice is not None:  # round 29 ZE86: the last of two had won silently
                problems.append(twice)
                continue
            labels[(axis, key)] = (
                f"mapping {where}, row {row}" if isinstance(row, int)
                else f"mapping= '{row}' entry", str(label))
            if axis == "row":
                rows_map[key] = target
            else:
                cols_map[key] = (target, unit)
                origins[key] = (
                    f"mapping {where}, row {row}, column 'unit'" if isinstance(row, int)
                    else f"mapping= '{row}' entry '{label}'")
        DataError.collect(problems, "mapping")
        return BalanceMapping(self.rows, self.columns, rows_map, cols_map, origins, labels)


def _at(where: str, row: Any, label: Any, column: str) -> dict[str, Any]:
    """Where a mapping entry is, as :class:`Problem` fields.

    A table's file, row and column, or the ``mapping=`` dict's key (``columns.原煤``).
    """
    if isinstance(row, int):
        return {"file": where, "row": row, "column": column}
    return {"file": where, "key": f"{row}.{label}"}


def _entry_key(axis: str, label: Any, unit: str, where: str, row: Any
               ) -> tuple[str, str, Problem | None]:
    """The matching key of a mapping entry's label, its unit, and a problem or None.

    A column label written as the sheet prints the header, with its unit (``原煤(万吨)``),
    is matched by the name (``原煤``), as the sheet's header is, and its unit is the entry's
    unit; the entry had been passed over without a word, the header's bundled fuel read
    instead (round 29 ZE84). A label whose unit differs from the entry's ``unit`` cell, or
    a blank label (it names no row or column), is a problem.
    """
    from carbonpath.accounting.balance_grid import _same_unit, _split_header

    if not norm_label(label):
        return "", unit, Problem(f"blank {axis} label: the entry names no {axis} of a sheet",
                                 **_at(where, row, label, "label"), value=str(label),
                                 valid=f"the {axis} label as the sheet prints it, or delete "
                                       "the entry")
    if axis != "column" or not isinstance(label, str):
        return norm_label(label), unit, None
    head, own = _split_header(label)
    if not own:
        return norm_label(label), unit, None
    if unit and not _same_unit(own, unit):
        return "", unit, Problem(
            f"column label '{label}' states the unit {own}, its 'unit' says {unit}",
            **_at(where, row, label, "unit"),
            valid=f"one unit: the column's unit as the sheet's header prints it (leave "
                  f"'unit' blank to take the label's {own}, or write the label '{head}')")
    return norm_label(head), unit or own, None


def _twice(given: dict[tuple[str, str], tuple[str, str, str, str]], slot: tuple[str, str],
           entry: tuple[str, str, str, str, Any]) -> Problem | None:
    """The problem of a second entry for one label of an axis (round 29 ZE86), else None.

    ``slot`` is (axis, matching key), ``entry`` (label as written, item or fuel code, unit,
    where, row). One label given twice to one code (a unit in one entry only, or the same
    unit) is only said twice; given to two codes or in two units, the last had won silently
    (``column,原煤,raw_coal`` then ``column,原煤,bituminous_coal``: 28.18 Mt, the reverse
    order 25.88 Mt).
    """
    from carbonpath.accounting.balance_grid import _same_unit

    label, target, unit, where, row = entry
    at = f"row {row}" if isinstance(row, int) else f"'{label}'"
    first = given.setdefault(slot, (at, label, target, unit))
    if first[0] == at or (first[2] == target and (
            not first[3] or not unit or _same_unit(first[3], unit))):
        return None
    named = isinstance(row, int)  # a table's row: its label too; a dict's key is the label
    said = [f"{t}{f' in {u}' if u else ''} ({a}{f', label {lab!r}' if named else ''})"
            for a, lab, t, u in (first, (at, label, target, unit))]
    return Problem(
        f"{slot[0]} label '{label}' is mapped twice: to {said[0]} and to {said[1]}; a sheet's "
        f"{slot[0]} is read one way only", **_at(where, row, label, "code"),
        valid="one entry per label: delete the one that is wrong")


class MappingLabelWarning(CarbonpathWarning):
    """A user mapping's label matches no row or column label of the sheet read (round 23 E81).

    ``row,3.其它,commercial`` for a sheet printing ``3.其他`` was passed over: the sheet's
    row kept its default item and nothing said the entry was unused.
    """


def warn_unmatched_labels(cmap: BalanceMapping, cells: list[list[Any]], name: str) -> None:
    """Warn about user mapping entries whose label no cell of the sheet carries.

    Parameters
    ----------
    cmap : BalanceMapping
        The mapping the sheet was read with (its ``label_origins``: the user's entries).
    cells : list of list
        The sheet's cells by row.
    name : str
        The sheet's name, for the message.

    Warns
    -----
    MappingLabelWarning
        Naming each unused entry (mapping file and row, or the dict's key), its label and
        the sheet's closest labels. A mapping whose labels all appear says nothing.
    """
    if not cmap.label_origins:
        return
    from carbonpath.accounting.balance_grid import _split_header

    texts: dict[str, str] = {}
    for row in cells:
        for cell in row:
            if isinstance(cell, str) and cell.strip():  # a header '原煤(万吨)' is 原煤 too
                for key in [*label_variants(cell), *label_variants(_split_header(cell)[0])]:
                    texts.setdefault(key, cell.strip())
    lost = []
    for (axis, key), (where, label) in cmap.label_origins.items():
        if not key or key in texts:
            continue
        close = difflib.get_close_matches(key, list(texts), n=6, cutoff=0.5)
        shown = list(dict.fromkeys(texts[c] for c in close))[:3]  # ZE85: each cell once
        hint = f"; the sheet's closest: {', '.join(map(repr, shown))}" if shown else ""
        lost.append(f"{where}: {axis} label '{label}' is no label of the sheet{hint}")
    if lost:
        import warnings

        warnings.warn(MappingLabelWarning(
            f"{len(lost)} mapping entr{'y matches' if len(lost) == 1 else 'ies match'} no label of "
            f"{name}, so they change nothing: {'; '.join(lost)} (correct the label as the "
            "sheet prints it, or delete the entry)"), stacklevel=3)


def mapping_total_hints(flows: pd.DataFrame, cmap: BalanceMapping, name: str,
                        failed: set[str]) -> list[Problem]:
    """Problems naming the user mapping entries behind totals that do not add up (ZC64).

    A mapping entry that gives a sheet row another item than the bundled one (``row,
    1.工业,memo``: 工业 kept as an "of which" row, never added) makes every total that
    counted the row fail (21 "total does not add up" errors, the entry named in none,
    round 27 ZC64). Each such entry whose row the failed totals involve (a failed total is
    the row's bundled or mapped item, one of their parents, or the statistical difference or
    consumption total while the row's role changed) is named first: the mapping file and
    row, the sheet row and label, the two items.

    Parameters
    ----------
    flows : pandas.DataFrame
        The sheet's flows (``line``, ``item``, ``label``, ``section``, ``role``).
    cmap : BalanceMapping
        The mapping the sheet was read with.
    name : str
        The sheet's name, for the message.
    failed : set of str
        The items whose totals failed.

    Returns
    -------
    list of Problem
        One per mapping entry involved (empty without user row entries or failed totals).
    """
    if not cmap.user_rows or not failed:
        return []
    bundled = BalanceMapping(cmap.rows, cmap.columns)
    out = []
    for r in flows.drop_duplicates("line").itertuples(index=False):
        key = next((k for k in label_variants(r.label) if k in cmap.user_rows), None)
        if key is None:
            continue
        default = bundled.resolve_row(r.label, r.section)
        if default == r.item:
            continue
        related = {r.item} | set(_parents(cmap, r.item))
        if default:
            related |= {default} | set(_parents(cmap, default))
        if default is None or cmap.rows.at[default, "role"] != cmap.rows.at[r.item, "role"]:
            related |= {"statistical_difference", "consumption_total"}
        hit = sorted(failed & related)
        if not hit:
            continue
        where = cmap.label_origins.get(("row", key), ("the mapping", str(r.label)))[0]
        role = " (an \"of which\" row, never added)" if r.item == "memo" else ""
        was = (f" instead of its bundled item {default}" if default
               else " (a label the bundled mapping does not know)")
        keep = (f"delete the entry (or map the row to {default}, the item those totals count)"
                if default else "map the row to the item those totals count it as")
        out.append(Problem(
            f"{where} maps this row '{r.label}' to {r.item}{role}{was}; the totals of "
            f"{', '.join(hit)} that do not add up below count it", file=name, row=r.line,
            valid=keep))
    return out


def _parents(cmap: BalanceMapping, item: str) -> list[str]:
    out = []
    parent = str(cmap.rows.at[item, "parent"]) if item in cmap.rows.index else ""
    while parent and parent not in out:
        out.append(parent)
        parent = str(cmap.rows.at[parent, "parent"]) if parent in cmap.rows.index else ""
    return out


@checked
def balance_mapping(mapping: str | Path | pd.DataFrame | Mapping | None = None) -> BalanceMapping:
    """Return the bundled balance-sheet mapping, extended by ``mapping`` if given.

    Parameters
    ----------
    mapping : dict, path or DataFrame, optional
        A user mapping, as :meth:`BalanceMapping.extended` describes.

    Returns
    -------
    BalanceMapping

    Raises
    ------
    DataError
        A malformed user mapping.
    """
    rows, cols = _bundled()
    base = BalanceMapping(rows.set_index("item", drop=False), cols.set_index("code", drop=False))
    return base.extended(mapping)
