"""Reading CSV tables: UTF-8 (with or without BOM) or GBK, detected, never guessed silently."""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from carbonpath._office_locks import LOCK_PREFIX
from carbonpath._workbook_kinds import (  # noqa: F401  (OLD_WORKBOOKS: re-exported)
    OLD_WORKBOOKS,
    SAVE_AS_XLSX,
    not_a_workbook,
    old_workbook,
)
from carbonpath.errors import DataError, EncodingError, InputNotFoundError, Problem, input_os_error

__all__ = ["comment_problem", "line_numbers", "read_table", "separator_problem",
           "uncached_formulas", "unnamed_columns"]

#: Encodings tried in order. GB18030 is the superset of GBK that Windows tools write.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, name: str) -> tuple[str, str]:
    r"""Decode ``data`` as UTF-8, else GBK (GB18030); return (text, encoding).

    A file whose lines all end in a bare carriage return (classic Mac OS) is read with
    its lines ending in ``\n``; a bare carriage return inside a file whose lines end
    otherwise is refused (:func:`stray_return_problem`).

    Raises
    ------
    EncodingError
        Neither decodes the bytes; names the first undecodable byte offset.
    DataError
        A bare carriage return inside a line; names the file and the line.
    """
    text, enc = _decode(data, name)
    if "\r" in text:
        if "\n" not in text:
            return text.replace("\r", "\n"), enc
        problem = stray_return_problem(text, name)
        if problem is not None:
            raise DataError(problem)
    return text, enc


def stray_return_problem(text: str, name: str) -> Problem | None:
    """A bare carriage return (CR) inside a line of ``text``, whose lines end in LF or CRLF.

    Such a CR (text typed or appended after the end of a line of a Windows-saved file) is
    a line end to some tools and part of a cell to others, so the row it splits cannot be
    read one sure way; CSV parsers fail on it naming no file.

    Parameters
    ----------
    text : str
        The decoded file.
    name : str
        The file's name, for the message.

    Returns
    -------
    Problem or None
        Naming the file, the line (counted by LF line ends, as an editor shows them) and
        the line's text with the CR shown as ``<CR>``; None if there is none.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if "\r" in line.removesuffix("\r"):
            shown = line.removesuffix("\r").replace("\r", "<CR>")
            return Problem(
                "a carriage return (CR) inside this line, not at its end: a line break "
                "of another kind, or text appended after the line's end",
                file=name, row=number, value=shown[:120],
                valid="one kind of line end in the whole file: remove the CR (or make it a "
                      "line end) and save the file again")
    return None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` as UTF-8, else GBK (GB18030); the reading :func:`decode` checks."""
    _refuse_binary(data, name)
    try:  # the usual case, decided without the GBK reading (same result as below)
        text = data.decode(ENCODINGS[0])
    except UnicodeDecodeError:
        pass
    else:
        if text.isascii() or _CJK.search(text) is not None:
            return text, ENCODINGS[0]  # no mojibake: UTF-8 wins whenever it is not
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
        # Symbols, punctuation and spaces (³, °, a no-break space, smart quotes) are not
        # such mojibake: a UTF-8 file whose only non-ASCII characters are those stays UTF-8.
        garbled = _cjk_count(utf8[0]) == 0 and any(
            ord(ch) > 127 and unicodedata.category(ch).startswith("L") for ch in utf8[0])
        if not (garbled and _cjk_count(gbk[0]) > 0):
            return utf8
        decoded = [gbk]
    if decoded:
        if decoded[0][1] == "gb18030":
            _refuse_other_encodings(data, decoded[0][0], name)
        return decoded[0]
    raise EncodingError(Problem(
        "the file is neither UTF-8 nor GBK text (" + "; ".join(errors) + ")",
        file=name, valid=_save_as(name)))


def _save_as(name: str) -> str:
    """How to save the file: CSV for tables, plain text for YAML and other files."""
    kind = "CSV" if str(name).lower().endswith(".csv") else "text"
    return f"save it as UTF-8 (or GBK) {kind}"


#: Leading bytes of files that are not text, and what they are.
_SIGNATURES = ((b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip archive"),
               (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls)"),
               (b"%PDF", "a PDF document"))


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise :class:`EncodingError` for a workbook, PDF, UTF-16 or other binary file."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            named = ("although its name says otherwise (a workbook renamed .csv?)"
                     if str(name).lower().endswith(".csv") else
                     "and this table is read from CSV text only")  # round 11 C93
            raise EncodingError(Problem(
                f"the file is {what}, not CSV text, {named}", file=name,
                valid="in Excel: Save As > CSV UTF-8; energy balance sheets may also be "
                      "given as the .xlsx workbook under its own name"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise EncodingError(Problem(
            "the file is neither UTF-8 nor GBK text: it holds NUL bytes (UTF-16 text or a "
            "binary file)",
            file=name, valid=_save_as(name)))


def _refuse_other_encodings(data: bytes, text: str, name: str) -> None:
    """Raise :class:`EncodingError` if GBK-decoded ``text`` is really another encoding.

    GB18030 decodes almost any bytes, so Big5 (traditional Chinese) or Shift-JIS text reads
    as GBK mojibake: rare characters outside GB2312 and private-use code points. Real GBK
    statistics use GB2312 characters almost only.
    """
    wide = [ch for ch in text if ord(ch) > 127]
    if len(wide) < 4:
        return
    odd = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            odd += 1
    private = sum(1 for ch in wide if 0xE000 <= ord(ch) <= 0xF8FF)
    if odd / len(wide) < 0.2 and not private:
        return
    try:
        data.decode("big5")
        guess = "it looks like Big5 (traditional Chinese)"
    except UnicodeDecodeError:
        guess = "its encoding is unknown"
    raise EncodingError(Problem(
        f"the file is neither UTF-8 nor GBK text: read as GBK it is garbled ({odd} of "
        f"{len(wide)} non-ASCII characters are outside GB2312); {guess}", file=name,
        valid=_save_as(name)))


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


#: Chinese characters and CJK punctuation (what :func:`_cjk_count` counts).
_CJK = re.compile("[\u4e00-\u9fff\u3000-\u303f]")


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")


def structure_problems(text: str, name: str) -> list[Problem]:
    """Problems of a CSV's structure that a CSV parser would misreport.

    A quote opened and never closed (the parser would swallow every later line into one
    cell, or fail with a tokenizer message naming no file), a column name used twice
    (pandas would rename the second ``value.1``, a name the user never wrote), and a row
    with fewer or more fields than the header (its values would be shifted, padded or cut;
    extra fields that are all blank, as spreadsheets write them, are allowed). A row of the
    wrong length is reported once, as that, not as the errors its shifted values cause.
    A ';'- or tab-separated header (:func:`separator_problem`) is the one problem reported.

    Returns
    -------
    list of Problem
        Naming the file and the row (the quote's row) or the column.
    """
    wrong = comment_problem(text, name) or separator_problem(_header(text.lstrip()), name)
    if wrong is not None:  # every other finding would follow from the wrong header (KC119)
        return [wrong]
    reader = csv.reader(io.StringIO(text), strict=True)
    start, header = 1, None
    ragged: list[Problem] = []
    repeats: list[int] = []
    try:
        for row in reader:
            if header is None:
                header = [h.strip() for h in row]
            elif len(header) > 1 and [c.strip() for c in row[:len(header)]] == header:
                repeats.append(reader.line_num)  # round 21 J110: two files joined
            elif len(row) != len(header) and any(c.strip() for c in row) and (
                    len(row) < len(header) or any(c.strip() for c in row[len(header):])):
                split = next((f"{a},{b}" for a, b in itertools.pairwise(row)
                              if a.strip().lstrip("+-").isdigit() and len(b.strip()) == 3
                              and b.strip().isdigit()), None)
                hint = f" (a thousands separator or decimal comma in '{split}'?)" if split else ""
                if row and row[0].lstrip().startswith("#"):
                    hint = (" (a comment line? carbonpath reads none: delete it, or put the "
                            "note into a 'note' or 'source' column)")
                ragged.append(Problem(
                    f"this row has {len(row)} fields but the header has {len(header)}, so "
                    f"its values would land in the wrong columns{hint}", file=name,
                    row=reader.line_num, value=",".join(row),
                    valid=f"{len(header)} fields ({', '.join(header)}); an empty field is "
                          "written as nothing between two commas, a comma inside a value "
                          "needs quotes"))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc):
            return [Problem('a quote (") opened in this row is never closed', file=name,
                            row=start, valid='a closing quote; a cell with a comma is quoted '
                                             'whole: "a, b"')]
    seen: dict[str, int] = {}
    for h in header or []:
        seen[h] = seen.get(h, 0) + 1
    return [Problem(f"column '{h}' appears {n} times in the header", file=name, column=h,
                    valid="each column once")
            for h, n in seen.items() if n > 1 and h] + _repeated_headers(
                text, name, repeats) + ragged


def _repeated_headers(text: str, name: str, lines: list[int]) -> list[Problem]:
    """One problem per line that repeats the header (two exports joined, round 21 J110).

    Each names the rows after it that copy an earlier row exactly: a file joined to itself
    (or to an overlapping export) would count them twice.
    """
    if not lines:
        return []
    seen: dict[tuple[str, ...], int] = {}
    copies: dict[int, list[str]] = {n: [] for n in lines}
    current = 0
    reader = csv.reader(io.StringIO(text))
    for row in reader:
        number = reader.line_num
        if number in copies:
            current = number
            continue
        key = tuple(c.strip() for c in row)
        if not any(key):
            continue
        if current and key in seen:
            copies[current].append(f"{number} (= row {seen[key]})")
        seen.setdefault(key, number)
    out = []
    for number in lines:
        again = copies[number]
        said = (f"; the rows after it copy earlier rows exactly: {', '.join(again[:6])}"
                f"{' ...' if len(again) > 6 else ''}" if again else "")
        out.append(Problem(
            f"this row repeats the header (the column names), as if two files were joined"
            f"{said}", file=name, row=number,
            valid="the header once, on the first line; delete the repeated header line, and "
                  "any rows that copy earlier ones"))
    return out


def comment_problem(text: str, name: str) -> Problem | None:
    """A problem if the first non-blank line of CSV text is a comment (starts with '#').

    carbonpath reads no comment lines: such a line would be taken as the header, and every
    column reported missing. Returns None when the first line is not a comment.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            return None
        shown = line.strip()
        return Problem(
            "this line is a comment (it starts with '#'); carbonpath reads no comment lines, "
            "so it would take it as the header (the column names)", file=name, row=number,
            value=shown if len(shown) <= 60 else shown[:57] + "...",
            valid="the header (column names) on the first line; delete the comment, or put "
                  "the note into a 'note' or 'source' column or a README beside the file")
    return None


def unnamed_columns(df: pd.DataFrame, header: Sequence[str], name: str) -> pd.DataFrame:
    """Drop columns with a blank name and no value; refuse blank-named columns with values.

    A spreadsheet that once had more columns writes every line with trailing empty fields
    (``a,b,c,,``): the header's last names are blank and pandas would call the columns
    ``Unnamed: 3``, a name the user never wrote. Such a column holds nothing, like the
    blank extra fields a row may have (:func:`structure_problems`), so it is dropped. A
    blank-named column that holds a value is an error naming its position and the first
    row with a value.

    Parameters
    ----------
    df : pandas.DataFrame
        The table as read (strings, blanks as ''); an index named ``line`` holds the
        lines of the rows (else they are the 2nd, 3rd ... lines).
    header : sequence of str
        The header line's names as written (split at commas).
    name : str
        The file name, for messages.

    Raises
    ------
    DataError
        A column whose header cell is blank but that holds a value.
    """
    blank = [i for i, h in enumerate(header) if not str(h).strip() and i < df.shape[1]]
    if not blank:
        return df
    problems, drop = [], []
    for i in blank:
        col = df.iloc[:, i].astype(str).str.strip()
        filled = col.to_numpy() != ""
        if not filled.any():
            drop.append(i)
            continue
        first = int(filled.argmax())
        line = df.index[first] if df.index.name == "line" else first + 2  # (dataset tables)
        problems.append(Problem(
            f"column {i + 1} has no name in the header (line 1) but holds values", file=name,
            row=line, value=df.iloc[first, i],
            valid="a column name in the header for every column that holds values, or "
                  "delete the column"))
    DataError.collect(problems, name)
    return df.drop(columns=[df.columns[i] for i in drop])


def read_input(path: str | Path) -> bytes:
    """The bytes of an input file.

    Raises
    ------
    InputNotFoundError
        No such file (a :class:`FileNotFoundError` that is a carbonpath error).
    InputNotReadableError
        The path is a folder or cannot be read (also ``IsADirectoryError`` or
        ``PermissionError``).
    """
    p = Path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise input_os_error(exc, p) from None


def open_workbook(path: str | Path, name: str | None = None) -> Any:
    """Open an ``.xlsx`` workbook read-only with openpyxl (values, not formulas).

    Raises
    ------
    InputNotFoundError
        No such file.
    DataError
        The file is not an Excel workbook (e.g. a CSV or text renamed ``.xlsx``), or is one
        of a format openpyxl cannot open (.xls, .xlsb, .ods, WPS .et: save it as .xlsx).
    """
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"{p}: no such file", p)
    old = old_workbook(p)
    if old:  # N164: openpyxl's "use xlrd" names a library, not what to do
        raise DataError(Problem(f"{old}, which carbonpath does not read", file=name or p.name,
                                valid=SAVE_AS_XLSX))
    other = not_a_workbook(p)
    if other[0]:  # KF21: a Word document named .xlsx
        raise DataError(Problem(other[0], file=name or p.name, valid=other[1]))
    try:
        return load_workbook(p, read_only=True, data_only=True)
    except OSError as exc:
        if exc.errno is None:  # openpyxl's own: a zip without a workbook part (KF21)
            raise DataError(Problem(f"not an Excel workbook ({exc})", file=name or p.name,
                                    valid=f"an .xlsx workbook: {SAVE_AS_XLSX}")) from None
        raise input_os_error(exc, p, "an Excel workbook") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise DataError(Problem(f"not an Excel workbook ({exc})", file=name or p.name,
                                valid="an .xlsx file saved from Excel or LibreOffice (a CSV "
                                      "should be named .csv)")) from None


def uncached_formulas(path: str | Path, values: Any, sheets: tuple[str, ...],
                      name: str | None = None) -> list[Problem]:
    """Formula cells without a cached value (a workbook written by a script, never opened).

    openpyxl reads the value Excel stored with a formula; a workbook whose formulas were
    written by a program and never calculated has none, and the cell would read as empty.
    Every ``.xlsx`` reader of carbonpath (the planner's workbook, energy balances) asks
    this before it reads a sheet, so such a cell is named instead of read as a blank.

    Parameters
    ----------
    path : str or pathlib.Path
        The workbook.
    values : openpyxl.Workbook
        The workbook opened with ``data_only=True`` (the cached values, as
        :func:`open_workbook` opens it).
    sheets : tuple of str
        The sheets to look at (those absent are skipped).
    name : str, optional
        The workbook's name in messages (default: the file name).

    Returns
    -------
    list of Problem
        One per formula cell whose cached value is missing, naming sheet, Excel row and
        column letter.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    formulas = load_workbook(path, read_only=True, data_only=False)
    out = []
    try:
        for sheet in sheets:
            if sheet not in formulas.sheetnames or sheet not in values.sheetnames:
                continue
            cached = list(values[sheet].iter_rows(values_only=True))
            for i, row in enumerate(formulas[sheet].iter_rows(values_only=True)):
                for j, cell in enumerate(row):
                    if not (isinstance(cell, str) and cell.startswith("=")):
                        continue
                    got = cached[i][j] if i < len(cached) and j < len(cached[i]) else None
                    if got is None:
                        out.append(Problem(
                            f"formula {cell} has no calculated value (the workbook was "
                            "written by a program and never calculated)",
                            file=f"{name or path.name}, sheet '{sheet}'", row=i + 1,
                            column=get_column_letter(j + 1), value=cell,
                            valid="open and save the workbook in Excel (or LibreOffice), or "
                                  "type the value"))
    finally:
        formulas.close()
    return out


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
        The file is empty (not even a header row), or an office lock file (``~$x.csv``).
    InputNotFoundError
        No such file (a :class:`FileNotFoundError`).
    """
    p = Path(path)
    if p.name.startswith(LOCK_PREFIX):  # L116: the lock file of an open table, not the table
        raise DataError(Problem(
            "an office lock file, not a table: Excel or WPS keeps it while the table is "
            "open, and it holds no data", file=p.name,
            valid=f"the table itself ('{p.name[len(LOCK_PREFIX):]}' or the like), saved"))
    text, enc = decode(read_input(p), p.name)
    if not text.strip():
        raise DataError(Problem("the file is empty", file=p.name,
                                valid="a header row of column names, then data rows"))
    problem = comment_problem(text, p.name) or separator_problem(_header(text.lstrip()),
                                                                 p.name)
    if problem is not None:  # before pandas, which would fail on a comma in a later row
        raise DataError(problem)
    DataError.collect(structure_problems(text, p.name))
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    df = unnamed_columns(df, _header(text.lstrip()), p.name)  # trailing ',,' of spreadsheets
    df.columns = [str(c).strip() for c in df.columns]
    df.attrs["encoding"] = enc
    df.attrs["file"] = p.name
    lines = _data_lines(text)
    if len(lines) == len(df) and lines != list(range(2, len(df) + 2)):
        df.attrs["lines"] = lines  # blank lines above a row (round 11, C120/C121)
    return df


def _data_lines(text: str) -> list[int]:
    """The line number of each data row of CSV ``text`` (header and blank lines skipped).

    A row spanning lines (a quoted cell with a line break) is numbered by its last line.
    """
    reader = csv.reader(io.StringIO(text))
    out: list[int] = []
    header = False
    for rec in reader:
        if not rec or (len(rec) == 1 and not rec[0].strip()):
            continue
        if header:
            out.append(reader.line_num)
        header = True
    return out


def line_numbers(df: pd.DataFrame) -> Any:
    """The file line number of each row of a table :func:`read_table` read.

    Returns
    -------
    numpy.ndarray of int, shape (len(df),)
        Line 2 for the first data row, counting blank lines that pandas skips (the docs:
        row = line number, header = 1); a table without blank lines gives 2, 3, ...
    """
    import numpy as np

    lines = df.attrs.get("lines")
    if lines is not None and len(lines) == len(df):
        return np.asarray(lines, dtype=np.int64)
    return np.arange(2, len(df) + 2)
