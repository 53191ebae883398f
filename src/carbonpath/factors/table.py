""":class:`FactorTable`: validated factor rows and their lookups by precedence."""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from carbonpath._checks import checked
from carbonpath.codes import fuels, item_advice, items_named_by, products
from carbonpath.errors import (
    CarbonpathWarning,
    DataError,
    FactorNotFoundError,
    Problem,
    UnknownNameError,
    line_label,
    unknown_name,
)
from carbonpath.factors.columns import _BELOW, COLUMNS, Factor, user_row
from carbonpath.factors.regions import RegionTable
from carbonpath.factors.row_arrays import _factorize_rows, _Row
from carbonpath.factors.rules import _RANK, _prefixes, describe_rule, ipcc_category, item_code
from carbonpath.factors.selection import empty_selection
from carbonpath.numbers import check_year
from carbonpath.units import Q_, parse_unit

__all__ = ["FactorTable"]


# -- FactorTable ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Subset:
    """The rows of one quantity (and gas, basis), for :meth:`FactorTable.candidates`.

    ``index`` maps (item, region, sector) to row positions; the arrays hold, per position,
    the row's technology, year (-1 = any), layer and ``row_id``.
    """

    regions: set[str]
    sectors: set[str]
    index: dict[tuple[str, str, str], list[int]]
    technology: np.ndarray
    year: np.ndarray
    layer: np.ndarray
    row_id: np.ndarray


class FactorTable:
    """Validated factor tables with a region hierarchy; looks factors up by precedence.

    Build it with :func:`load_factors`. ``rows`` is the tidy table (one row per factor; extra
    columns ``canon`` = value in the canonical unit of its quantity, ``den`` = canonical
    denominator, ``layer`` = 0 for user rows and 1 for bundled rows, ``file``, ``line``).

    Parameters
    ----------
    rows : pandas.DataFrame
        Validated rows.
    regions : RegionTable
        The region hierarchy.
    version : str
        The factor-set version recorded on every result.
    """

    def __init__(self, rows: pd.DataFrame, regions: RegionTable, version: str) -> None:
        self.rows = rows.reset_index(drop=True)
        self.rows["row_id"] = np.arange(len(self.rows))
        self._items = frozenset(self.rows["item"])
        self._subsets: dict[tuple[str, str | None, str | None], _Subset] = {}
        self.regions = regions
        self.version = version

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"FactorTable({len(self)} rows, version {self.version})"

    # -- scalar lookups ---------------------------------------------------------------

    @checked
    def lookup(self, item: str, quantity: str, gas: str | None = None, sector: str | None = None,
               technology: str | None = None, region: str | None = None,
               year: int | None = None, historical: bool = True,
               basis: str | None = None) -> Factor:
        """Return the factor for one key, by the table's precedence (module docstring).

        Parameters
        ----------
        item : str
            Fuel, product or carrier code (``raw_coal``, ``cement_clinker``, ``electricity``).
        quantity : str
            One of :data:`QUANTITIES` (``calorific_value``, ``emission_factor`` ...).
        gas : str, optional
            Required for ``emission_factor`` (``CO2``, ``CH4``, ``N2O``, ``CF4`` ...).
        sector : str, optional
            A carbonpath sector code or an IPCC category (``1A2f``); ``None`` = only rows
            valid for any sector.
        technology : str, optional
            ``None`` = only rows valid for any technology.
        region : str, optional
            Region code or alias; default ``world`` (IPCC defaults only).
        year : int, optional
            ``None`` = only rows valid for any year.
        historical : bool
            Allow the nearest earlier year (accounting); ``False`` for projections.
        basis : str, optional
            ``net``/``gross`` for calorific values, ``generation``/``supply`` for coal rates.

        Returns
        -------
        Factor

        Raises
        ------
        FactorNotFoundError
            No row matches after every fallback.
        DataError
            Unknown region or sector, or two rows tie.
        """
        if item not in self._items:
            item = item_code(item)
        keys = self._keys_frame([item], [sector], [technology], [region], [year])
        res = self.resolve(keys, quantity, gas=gas, basis=basis, historical=historical)
        rid = int(res["row_id"].iloc[0])
        if rid < 0:
            raise FactorNotFoundError(self._not_found(item, quantity, gas, sector, technology,
                                                      keys["region"].iloc[0], year, historical,
                                                      basis))
        return self.factor(rid, str(res["rule"].iloc[0]))

    @checked
    def grid_factor(self, region: str, year: int, historical: bool = True,
                    item: str = "electricity") -> Factor:
        """Return the CO2 emission factor of grid electricity for a region and year.

        Walks the region table (Liaocheng -> Shandong -> North China grid -> CN). Values:
        ``factors/grid_factors.csv`` (MEE and NBS announcements of 2021-2023 factors).
        With ``historical=False`` (projections) a year without its own value raises instead
        of repeating the last one.

        Raises
        ------
        FactorNotFoundError
            No value for the region (or above) and year.
        """
        return self.lookup(item, "emission_factor", gas="CO2", region=region, year=year,
                           historical=historical)

    @checked
    def coal_rate(self, year: int, basis: str, region: str = "CN",
                  historical: bool = True) -> Factor:
        """Return the average coal rate of thermal power (gce/kWh) for a year.

        Parameters
        ----------
        year : int
        basis : {"supply", "generation"}
            Per kWh sent out (供电) or generated (发电); required, never assumed.
        region : str
            Default ``CN`` (the national series of ``factors/thermal_power_coal_rate.csv``).
        historical : bool
            Allow the nearest earlier year.

        Raises
        ------
        FactorNotFoundError
            No value (e.g. no generation-basis series is bundled).
        """
        return self.lookup("electricity", "coal_rate", region=region, year=year,
                           historical=historical, basis=basis)

    @checked
    def factor(self, row_id: int, rule: str = "") -> Factor:
        """Return the :class:`Factor` of table row ``row_id`` (with the rule that chose it)."""
        r = _Row(self._columns(), int(row_id))
        unit = parse_unit(r["unit"])
        low = None if np.isnan(r["low"]) else Q_(float(r["low"]), unit)
        high = None if np.isnan(r["high"]) else Q_(float(r["high"]), unit)
        return Factor(
            item=r["item"], quantity=r["quantity"], gas=r["gas"], value=Q_(float(r["value"]), unit),
            unit=r["unit"], source=r["source"], status=r["status"], rule=rule, region=r["region"],
            year=None if r["year"] < 0 else int(r["year"]), sector=r["sector"],
            technology=r["technology"], basis=r["basis"], file=r["file"], row=line_label(r["line"]),
            row_id=int(row_id), low=low, high=high, note=r["note"],
            version=self.version + ("+user" if r["layer"] == 0 else ""),
        )

    def _columns(self) -> dict[str, np.ndarray]:
        """The columns of :attr:`rows` as arrays (made once per rows frame, for :meth:`factor`).

        One row read from arrays costs a few dict and array look-ups; ``rows.iloc[i]``
        builds a pandas Series of all 23 columns (frozen main job: 181 factors, about 20 ms).
        The arrays hold the same values ``iloc`` gives (Python str, numpy int64 and float64).
        """
        cached = self.__dict__.get("_column_arrays")
        if cached is None or cached[0] is not self.rows:
            cached = self._column_arrays = (
                self.rows, {c: self.rows[c].to_numpy() for c in self.rows.columns})
        return cached[1]

    # -- vectorised resolution --------------------------------------------------------

    def _keys_frame(self, items: Iterable[Any], sector: Iterable[Any], technology: Iterable[Any],
                    region: Iterable[Any], year: Iterable[Any]) -> pd.DataFrame:
        regions_out = []
        for r in region:
            if r is None:
                regions_out.append("world")
                continue
            code = self.regions.resolve(r)
            if code is None:
                raise DataError(Problem("unknown region", column="region", value=r,
                                        valid=self.regions.valid_text(str(r))))
            regions_out.append(code)
        return pd.DataFrame({
            "item": list(items),
            "sector": [ipcc_category(s) for s in sector],
            "technology": ["" if t is None else str(t) for t in technology],
            "region": regions_out,
            "year": pd.array([pd.NA if y is None else check_year(y, "the lookup year")
                              for y in year], dtype="Int64"),
        })

    @checked
    def candidates(self, keys: pd.DataFrame, quantity: str, gas: str | None = None,
                   basis: str | None = None,
                   historical: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
        """Return every row that could serve each key, ranked, and the key-class map.

        ``keys`` has columns item, sector (IPCC category or ''), technology (''), region
        (code), year (Int64, NA = any). Keys are first collapsed into classes that share the
        same effective region chain and sector chain (regions and sectors without rows of
        their own behave like the first one above them that has rows), so a million keys
        cost a few hundred joins' worth of work.

        Returns
        -------
        candidates : pandas.DataFrame
            Columns ``k`` (class index), ``row_id``, ``layer``, ``region_dist``, ``year_rank``
            (0 exact, 1 any year, 2 earlier), ``year_gap``, ``sector_rank``, ``tech_rank``.
        inverse : numpy.ndarray
            For each key, its class index ``k``.
        """
        sub = self._subset(quantity, gas, basis)
        present_regions, present_sectors = sub.regions, sub.sectors
        n = len(keys)
        if n == 0:
            return pd.DataFrame(columns=["k", "row_id", *_RANK]), np.zeros(0, dtype=np.int64)
        # region classes; a key may stand for a region below the one named (region_own False)
        own_r = (keys["region_own"].to_numpy(dtype=bool) if "region_own" in keys
                 else np.ones(n, dtype=bool))
        reg_codes, reg_uniques = pd.factorize(
            keys["region"].astype(str).to_numpy() + np.where(own_r, "", _BELOW))
        reg_names = [u.removesuffix(_BELOW) for u in reg_uniques]
        reg_class = [tuple(a for a in self.regions.chain(r) if a in present_regions)
                     for r in reg_names]
        reg_own = [r if (r in present_regions and not u.endswith(_BELOW)) else ""
                   for r, u in zip(reg_names, reg_uniques, strict=True)]
        # sector classes (IPCC category prefix chains)
        own_s = (keys["sector_own"].to_numpy(dtype=bool) if "sector_own" in keys
                 else np.ones(n, dtype=bool))
        sec_codes, sec_uniques = pd.factorize(
            keys["sector"].astype(str).to_numpy() + np.where(own_s, "", _BELOW))
        sec_names = [u.removesuffix(_BELOW) for u in sec_uniques]
        sec_class = [tuple(p for p in _prefixes(s) if p in present_sectors) for s in sec_names]
        sec_is_own = [(s in present_sectors and not u.endswith(_BELOW))
                      for s, u in zip(sec_names, sec_uniques, strict=True)]
        # collapse keys to classes (region chain, sector chain, item, technology, year)
        reg_class_id = pd.factorize(pd.Series(list(zip(reg_own, reg_class, strict=True)),
                                              dtype=object))[0]
        sec_class_id = pd.factorize(pd.Series(
            list(zip(sec_is_own, sec_class, strict=True)), dtype=object))[0]
        k, uniq = _factorize_rows(pd.DataFrame({
            "item": keys["item"].to_numpy(),
            "technology": keys["technology"].to_numpy(),
            "year": keys["year"].to_numpy(dtype="float64", na_value=np.nan),
            "regc": reg_class_id[reg_codes],
            "secc": sec_class_id[sec_codes],
        }))
        # each class's chains, with distances from the key's own region / sector (0 only if
        # it has rows itself); the first key of a class stands for it
        reg_chain: dict[int, list[tuple[str, int]]] = {}
        for i, c in enumerate(reg_class_id):
            reg_chain.setdefault(int(c), [(a, d + (0 if reg_own[i] else 1))
                                          for d, a in enumerate(reg_class[i])])
        sec_chain: dict[int, list[tuple[str, int]]] = {}
        for i, c in enumerate(sec_class_id):
            sec_chain.setdefault(int(c), [(s, d + (0 if sec_is_own[i] else 1))
                                          for d, s in enumerate(sec_class[i])])
        # join each class to the rows of its (item, region, sector) combinations
        pairs = [(kk, pos, rd, sr)
                 for kk, (item, rc, sc) in enumerate(zip(uniq["item"], uniq["regc"],
                                                         uniq["secc"], strict=True))
                 for region, rd in reg_chain[int(rc)] for sector, sr in sec_chain[int(sc)]
                 for pos in sub.index.get((item, region, sector), ())]
        kk, pos, region_dist, sector_rank = np.array(pairs, dtype=np.int64).reshape(-1, 4).T
        row_tech = sub.technology[pos]
        tech_ok = (row_tech == "") | (row_tech == uniq["technology"].to_numpy()[kk])
        ky = uniq["year"].to_numpy()[kk]
        ry = sub.year[pos].astype(float)
        ry[ry < 0] = np.nan
        exact = ry == ky
        anyyear = np.isnan(ry)
        earlier = (ry < ky) & historical
        keep = tech_ok & (exact | anyyear | earlier)
        kk, pos, ky = kk[keep], pos[keep], ky[keep]
        year_rank = np.where(exact[keep], 0, np.where(anyyear[keep], 1, 2))
        cand = pd.DataFrame({
            "k": kk, "row_id": sub.row_id[pos], "layer": sub.layer[pos],
            "region_dist": region_dist[keep], "year_rank": year_rank,
            "year_gap": np.where(year_rank == 2, ky - sub.year[pos], 0.0),
            "sector_rank": sector_rank[keep],
            "tech_rank": np.where(row_tech[keep] == "", 1, 0),
        })
        cand = cand.sort_values(_RANK, kind="stable").reset_index(drop=True)
        return cand, k

    def _subset(self, quantity: str, gas: str | None, basis: str | None) -> _Subset:
        """Rows of one quantity (and gas, basis), indexed for :meth:`candidates`; cached."""
        key = (quantity, gas, basis)
        if key not in self._subsets:
            # the rows' positions from the column arrays (:meth:`_columns`): the same rows,
            # in the same order, as filtering the frame, without a frame per filter
            col = self._columns()
            mask = col["quantity"] == quantity
            if gas is not None:
                mask &= col["gas"] == gas
            if basis is not None:
                mask &= col["basis"] == basis
            pos = np.flatnonzero(mask)
            item, region, sector = (col[c][pos].tolist() for c in ("item", "region", "sector"))
            index: dict[tuple[str, str, str], list[int]] = {}
            for i, combo in enumerate(zip(item, region, sector, strict=True)):
                index.setdefault(combo, []).append(i)
            self._subsets[key] = _Subset(
                regions=set(region), sectors=set(sector), index=index,
                technology=col["technology"][pos].astype(object),
                year=col["year"][pos].astype(np.int64),
                layer=col["layer"][pos].astype(np.int64),
                row_id=col["row_id"][pos].astype(np.int64))
        return self._subsets[key]

    @checked
    def resolve(self, keys: pd.DataFrame, quantity: str, gas: str | None = None,
                basis: str | None = None, historical: bool = True) -> pd.DataFrame:
        """Resolve many keys at once (vectorised); one output row per key, same order.

        Parameters
        ----------
        keys : pandas.DataFrame
            Columns item, sector (IPCC category or ''), technology (''), region (code),
            year (Int64; NA = any year).
        quantity, gas, basis, historical
            As in :meth:`lookup`.

        Returns
        -------
        pandas.DataFrame
            Columns ``row_id`` (-1 where nothing matched), ``canon`` (value in the
            canonical unit, NaN if unmatched), ``den`` and ``rule``.

        Raises
        ------
        DataError
            Two rows tie for a key.
        """
        cand, k = self.candidates(keys, quantity, gas=gas, basis=basis, historical=historical)
        best = self._best(cand, ["k"])
        self._notice_older_user_year(cand, best)
        self._notice_coarser_user_region(cand, best)
        n_classes = int(k.max()) + 1 if len(k) else 0
        row_id = np.full(n_classes, -1, dtype=np.int64)
        row_id[best["k"].to_numpy()] = best["row_id"].to_numpy()
        rules = np.full(n_classes, "", dtype=object)
        rules[best["k"].to_numpy()] = self._rules(best)
        found = row_id >= 0
        canon = np.where(found, self.rows["canon"].to_numpy()[row_id], np.nan)
        den = np.where(found, self.rows["den"].to_numpy()[row_id], "")
        return pd.DataFrame({"row_id": row_id[k], "canon": canon[k], "den": den[k],
                             "rule": rules[k]})

    def _best(self, cand: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        """First candidate per group; raise on a genuine tie (same rank as the second)."""
        first = cand.drop_duplicates(by, keep="first")
        dup = cand.duplicated([*by, *_RANK], keep=False)
        if dup.any():
            tied = cand[dup].merge(first[[*by, *_RANK]], on=[*by, *_RANK])
            if len(tied):
                rows = tied["row_id"].to_numpy()[:2]
                a, b = (self.rows.iloc[int(i)] for i in rows)
                raise DataError(Problem(
                    f"two factors tie for the same lookup: {a['file']} row {a['line']} and "
                    f"{b['file']} row {b['line']} ({a['item']} {a['quantity']} {a['gas']}); "
                    "make one more specific (sector, technology, year) or remove one",
                    file=str(a["file"]), row=line_label(a["line"]), valid="one row per lookup"))
        return first

    def _notice_older_user_year(self, cand: pd.DataFrame, best: pd.DataFrame) -> None:
        """Warn where a user row of an earlier year, or of any year, beats a bundled exact year.

        "User rows win", but an older user year replacing an exact-year bundled factor is
        worth a word (round-9 F03), naming both rows and years; a blank (any) year alike, with
        both values (round 21 J66: a blank-year grid factor replaced Shandong's 2022 silently).
        """
        older = best[(best["layer"] == 0) & (best["year_rank"] >= 1)]
        if not len(older):
            return
        exact = cand[(cand["layer"] == 1) & (cand["year_rank"] == 0)
                     & cand["k"].isin(older["k"])].drop_duplicates("k")
        rows = self.rows
        for u, b in older.merge(exact, on="k", suffixes=("", "_b"))[
                ["row_id", "row_id_b"]].drop_duplicates().itertuples(index=False):
            a, c = rows.iloc[int(u)], rows.iloc[int(b)]
            diff = (f", {float(a['canon']) / float(c['canon']) - 1:+.1%}"
                    if a["den"] == c["den"] and float(c["canon"]) != 0 else "")
            dated = a["year"] >= 0
            when = (f"year {a['year']}" if dated else
                    f"blank year: every year; {a['value']:g} {a['unit']}")
            theirs = "" if dated else f": {c['value']:g} {c['unit']}{diff}"
            why = "even of an earlier year" if dated else "and a blank year holds for every year"
            warnings.warn(
                f"{user_row(a['file'], a['line'])} ({a['item']} {a['quantity']} "
                f"{a['gas']}, {a['region']}, {when}) replaces the bundled factor of the exact "
                f"year {c['year']} ({c['file']} line {c['line']}, {c['region']}{theirs}): user "
                f"rows win over bundled ones, {why}; give the user row the year {c['year']} if "
                "it is that year's value (the warning then goes), or drop it to use the "
                "bundled one", CarbonpathWarning, stacklevel=4)

    def _notice_coarser_user_region(self, cand: pd.DataFrame, best: pd.DataFrame) -> None:
        """Warn where a user row of a coarser region beats a bundled row of a finer one.

        "User rows win" (rule 1), but a national user row replacing the bundled factor of the
        inventory's own province (a CN grid factor over Shandong's for 聊城, round 16 M128) is
        worth a word, as an older user year is: both rows, their regions and values, and the
        relative difference (user over bundled, in the canonical unit).
        """
        user = best[best["layer"] == 0]
        if not len(user):
            return
        bundled = cand[(cand["layer"] == 1) & cand["k"].isin(user["k"])].drop_duplicates("k")
        both = user.merge(bundled, on="k", suffixes=("", "_b"))
        both = both[both["region_dist_b"] < both["region_dist"]]
        rows = self.rows
        for u, b in both[["row_id", "row_id_b"]].drop_duplicates().itertuples(index=False):
            a, c = rows.iloc[int(u)], rows.iloc[int(b)]
            diff = (f", {float(a['canon']) / float(c['canon']) - 1:+.1%}"
                    if a["den"] == c["den"] and float(c["canon"]) != 0 else "")
            warnings.warn(
                f"{user_row(a['file'], a['line'])} ({a['item']} {a['quantity']} "
                f"{a['gas']}, region {a['region']}, year {a['year']}: {a['value']} "
                f"{a['unit']}) replaces the bundled factor of the finer region {c['region']} "
                f"({c['file']} line {c['line']}, year {c['year']}: {c['value']} {c['unit']}"
                f"{diff}): user rows win over bundled ones even of a coarser region; give the "
                f"user row the region {c['region']} if it is that region's value, or drop it "
                "to use the bundled one", CarbonpathWarning, stacklevel=4)

    def _rules(self, best: pd.DataFrame) -> np.ndarray:
        """The rule (:func:`describe_rule`) of each row of ``best`` (candidates), as text."""
        row_id = best["row_id"].to_numpy()
        found = row_id >= 0
        rid = np.where(found, row_id, 0)
        region = self.rows["region"].to_numpy()[rid]
        year = self.rows["year"].to_numpy()[rid]
        sector = self.rows["sector"].to_numpy()[rid]
        cols = [best[c].to_numpy() for c in ("layer", "region_dist", "year_rank", "sector_rank",
                                             "tech_rank")]
        out = np.full(len(best), "", dtype=object)
        for i in np.flatnonzero(found):
            layer, region_dist, year_rank, sector_rank, tech_rank = (int(c[i]) for c in cols)
            out[i] = describe_rule(layer, region_dist, str(region[i]), year_rank, int(year[i]),
                                   sector_rank, str(sector[i]), tech_rank)
        return out

    def _not_found(self, item: str, quantity: str, gas: str | None, sector: str | None,
                   technology: str | None, region: str, year: int | None, historical: bool,
                   basis: str | None) -> str:
        sub = self.rows[(self.rows["item"] == item) & (self.rows["quantity"] == quantity)]
        if gas:
            sub = sub[sub["gas"] == gas]
        chain = " -> ".join(self.regions.chain(region))
        msg = (f"no {quantity}{' of ' + gas if gas else ''} for '{item}'"
               f"{' (basis ' + basis + ')' if basis else ''}, sector {sector or '(any)'}, "
               f"technology {technology or '(any)'}, regions {chain}, year {year or '(any)'}"
               f"{'' if historical else ' (projection: earlier years are not carried forward)'}")
        if len(sub):
            have = sub[["region", "year", "sector", "technology", "basis"]]
            have = have.drop_duplicates().head(8)
            desc = "; ".join(
                f"{r.region} {'any year' if r.year < 0 else r.year}"
                f"{' sector ' + r.sector if r.sector else ''}"
                f"{' technology ' + r.technology if r.technology else ''}"
                f"{' basis ' + r.basis if r.basis else ''}" for r in have.itertuples())
            msg += f"; the tables have it for: {desc}"
            other = sorted(set(sub["basis"]) - {basis, ""}) if basis else []
            if quantity == "coal_rate" and other:  # round 12 E57
                msg += (f". The tables' coal rates are {' and '.join(other)} basis: "
                        f"coal_rate_basis='{other[0]}' uses them")
        else:
            items = sorted(set(self.rows.loc[self.rows["quantity"] == quantity, "item"]))
            if item_advice(item):  # round 22 M106: 水泥, 粗钢 name no item
                msg += f"; {item_advice(item)}"
            elif items:
                msg += f"; items with a {quantity}: {', '.join(items[:40])}"
            else:
                known = sorted(set(self.rows["quantity"]))
                near = difflib.get_close_matches(quantity, known, n=3, cutoff=0.5)
                msg += (f"; no factor has the quantity '{quantity}'"
                        + (f" (did you mean {', '.join(near)}?)" if near else "")
                        + f"; quantities: {', '.join(known)}")
        return msg + ". Supply it in a user factor table (load_factors(extra=...))."

    @checked
    def select(self, item: str | None = None, quantity: str | None = None,
               region: str | None = None, gas: str | None = None) -> pd.DataFrame:
        """Return the rows matching the filters, for listing.

        ``item``: a code or alias of a fuel or product (``原煤``, with its fuel group's rows:
        the gross/net ratio), else a text item codes or aliases contain (``煤``: every coal).

        Raises
        ------
        UnknownNameError
            A quantity or gas no row has, or an item text no item contains (with the
            closest names, or the advice of :data:`carbonpath.codes.ADVICE`: 粗钢).
        DataError
            An unknown region.
        ArgumentValueError
            Valid filters no row matches together (:mod:`carbonpath.factors.selection`).

        Warns
        -----
        CarbonpathWarning
            An item text that is an :data:`~carbonpath.codes.ADVICE` word (水泥), with it.
        """
        df = self.rows
        code = (fuels().resolve(item) or products().resolve(item)) if item else None
        if code is not None and (df["item"] == code).any():  # an alias: 原煤 is raw_coal
            group = fuels().attr(code, "group") if code in fuels().codes else ""  # H100
            df = df[df["item"].isin({code, group, item.strip().lower()})]
        elif item:
            named = items_named_by(item)  # a part of an alias: 煤 finds every coal (K06)
            df = df[df["item"].str.contains(item, case=False, regex=False)
                    | df["item"].isin(named)]
            said = item_advice(item)  # round 22 M106, M107: 水泥 listed clinker, 粗钢 nothing
            if df.empty:
                raise unknown_name("factor item (no item contains it)", item, set(
                    self.rows["item"])) if said is None else UnknownNameError(
                    f"unknown factor item '{item}': {said}")
            if said is not None:
                warnings.warn(f"'{item}' names no factor item: {said}; listed: items named so "
                              f"({', '.join(sorted(set(df['item'])))})", CarbonpathWarning, 3)
        by_item, chain = df, None
        if quantity:
            if quantity not in set(self.rows["quantity"]):
                raise unknown_name("quantity", quantity, set(self.rows["quantity"]))
            df = df[df["quantity"] == quantity]
        if gas:
            gases = {g for g in set(self.rows["gas"]) if g}
            match = {g.casefold(): g for g in gases}.get(gas.casefold())
            if match is None:
                raise unknown_name("gas", gas, gases)
            df, gas = df[df["gas"] == match], match
        if region:
            code = self.regions.resolve(region)
            if code is None:
                raise DataError(Problem("unknown region given as region=...", value=region,
                                        valid=self.regions.valid_text(region)))
            df = df[df["region"].isin(chain := self.regions.chain(code))]
        if df.empty and (quantity or gas or region):  # round 30 ZF78: say which filter
            raise empty_selection(by_item, item, quantity, gas, chain)
        out = df[[*COLUMNS, "file", "line"]].copy()
        out["year"] = out["year"].where(out["year"] >= 0, pd.NA).astype("Int64")
        return out
