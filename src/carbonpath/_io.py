"""Reading CSV tables: UTF-8 (with or without BOM) or GBK, detected, never guessed silently."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from carbonpath.errors import EncodingError, Problem

__all__ = ["read_table"]

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
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            errors.append(f"{enc}: byte {exc.start} ({data[exc.start:exc.start + 4]!r})")
    raise EncodingError(Problem(
        "the file is neither UTF-8 nor GBK text (" + "; ".join(errors) + ")",
        file=name, valid="save it as UTF-8 (or GBK) CSV"))


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
    FileNotFoundError
        No such file.
    """
    p = Path(path)
    text, enc = decode(p.read_bytes(), p.name)
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    df.columns = [str(c).strip() for c in df.columns]
    df.attrs["encoding"] = enc
    df.attrs["file"] = p.name
    return df
