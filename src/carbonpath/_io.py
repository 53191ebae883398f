"""Reading CSV tables: UTF-8 (with or without BOM) or GBK, detected, never guessed silently."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from carbonpath.errors import DataError, EncodingError, Problem

__all__ = ["read_table", "separator_problem"]

#: Encodings tried in order. GB18030 is the superset of GBK that Windows tools write.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` as UTF-8, else GBK (GB18030); return (text, encoding).

    Raises
    ------
    EncodingError
        Neither decodes the bytes; names the first undecodable byte offset.
    """
    errors = []
    decoded = []
    for enc in ENCODINGS:
        try:
            decoded.append((data.decode(enc), enc))
        except UnicodeDecodeError as exc:
            errors.append(f"{enc}: byte {exc.start} ({data[exc.start:exc.start + 4]!r})")
    if len(decoded) == 2:
        utf8, gbk = decoded
        # GB18030 decodes almost any bytes, so UTF-8 wins whenever it decodes, except when
        # its text has no Chinese at all but other non-ASCII letters while the GBK reading
        # has Chinese: short GBK text can be valid UTF-8 too (原煤 in GBK reads 'ԭú').
        garbled = _cjk_count(utf8[0]) == 0 and any(ord(ch) > 127 for ch in utf8[0])
        return gbk if garbled and _cjk_count(gbk[0]) > 0 else utf8
    if decoded:
        return decoded[0]
    raise EncodingError(Problem(
        "the file is neither UTF-8 nor GBK text (" + "; ".join(errors) + ")",
        file=name, valid="save it as UTF-8 (or GBK) CSV"))


def separator_problem(header: Sequence[object], name: str) -> Problem | None:
    """Return a problem if a CSV header read as one column holding ';' or a tab, else None.

    carbonpath reads comma-separated files only. A file saved with another separator (the
    default of Excel in many locales is ';') reads as one column named after the whole
    header; reporting every column as missing and that one as unknown would hide the cause.

    Parameters
    ----------
    header : sequence
        The column names as read (split at commas).
    name : str
        The file name, for the problem's location.
    """
    if len(header) != 1:
        return None
    head = str(header[0])
    found = [shown for sep, shown in ((";", "';'"), ("\t", "a tab")) if sep in head]
    if not found:
        return None
    return Problem(f"its header has one column, {head!r}: carbonpath reads comma-separated "
                   f"files, and this one looks separated by {' and '.join(found)}", file=name,
                   valid="the same table saved as comma-separated CSV (UTF-8 or GBK)")


def _header(text: str) -> list[str]:
    """The first line of CSV text, split at commas as the csv module reads it."""
    for row in csv.reader(text.splitlines()):
        return row
    return []


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV file into a DataFrame of strings (no value is converted or dropped).

    Parameters
    ----------
    path : str or Path
        The CSV file, UTF-8 or GBK.

    Returns
    -------
    pandas.DataFrame
        All columns as strings; blank cells as ''. ``df.attrs["encoding"]`` records the
        encoding found and ``df.attrs["file"]`` the file name.

    Raises
    ------
    EncodingError
        The file is neither UTF-8 nor GBK.
    DataError
        The file is empty (not even a header row).
    FileNotFoundError
        No such file.
    """
    p = Path(path)
    text, enc = decode(p.read_bytes(), p.name)
    if not text.strip():
        raise DataError(Problem("the file is empty", file=p.name,
                                valid="a header row of column names, then data rows"))
    problem = separator_problem(_header(text.lstrip()), p.name)
    if problem is not None:  # before pandas, which would fail on a comma in a later row
        raise DataError(problem)
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    df.columns = [str(c).strip() for c in df.columns]
    df.attrs["encoding"] = enc
    df.attrs["file"] = p.name
    return df
