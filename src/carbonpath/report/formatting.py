"""Numbers and tables as the report shows them: rounding, units in headers, inline markup.

:class:`Table` is what the templates draw (as an HTML table, collapsed in ``<details>`` when
long, or as a Markdown pipe table); the functions here turn numbers and DataFrames into it.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "LONG_TABLE",
    "ZERO",
    "Table",
    "fmt",
    "frame_table",
    "inline_html",
    "local_name",
    "md_cell",
    "pct",
    "sci",
    "sig_digits",
]

#: Tables with more rows than this are collapsed in the HTML report.
LONG_TABLE = 12

DASH = "–"

#: Numbers whose magnitude is below this are shown as zero (solver noise such as 1e-13).
ZERO = 1e-9


def _is_missing(value: Any) -> bool:
    kind = type(value)
    if kind is str:  # the common cases first, without pandas (tens of thousands of cells)
        return False
    if kind is float:
        return value != value  # NaN
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def sig_digits(value: float) -> int:
    """Decimals that show a value with about three significant digits (0 for |x| >= 100)."""
    magnitude = abs(value)
    if magnitude == 0 or magnitude >= 100:
        return 0
    if magnitude >= 10:
        return 1
    if magnitude >= 1:
        return 2
    return min(6, 2 - math.floor(math.log10(magnitude)))


def fmt(value: Any, digits: int | None = None, sign: bool = False) -> str:
    """Format a number for the report.

    Parameters
    ----------
    value : number or None
        The value; None and NaN give an en dash.
    digits : int, optional
        Decimals; default about three significant digits (:func:`sig_digits`).
    sign : bool
        Prefix positive values with ``+``.

    Returns
    -------
    str
        With thousands separators and the minus sign U+2212 for negative values.
    """
    if _is_missing(value):
        return DASH
    if isinstance(value, bool):
        return str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    if abs(number) < ZERO:
        number = 0.0
    if digits is None and 0 < abs(number) < 1e-5:
        return sci(number)  # six decimals would show too few digits, or none
    places = sig_digits(number) if digits is None else digits
    text = f"{abs(number):,.{places}f}"
    if float(text.replace(",", "")) == 0:
        return "0" if places == 0 else f"{0:.{places}f}"
    if number < 0:
        return "−" + text
    return ("+" + text) if sign else text


def sci(value: Any, digits: int = 1) -> str:
    """Format a number of any magnitude readably: scientific outside [0.001, 10⁶).

    Parameters
    ----------
    value : number or None
        The value; None and NaN give an en dash.
    digits : int
        Decimals of the mantissa in scientific form.

    Returns
    -------
    str
        ``7.0e-06``, ``0.0375``, ``8,760``, ``1.2e+07``; exact zero as ``0``; the minus
        sign U+2212 for negative values.
    """
    if _is_missing(value):
        return DASH
    number = float(value)
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    magnitude = abs(number)
    if magnitude == 0:
        return "0"
    if 1e-3 <= magnitude < 1e6:
        return fmt(number)
    text = f"{magnitude:.{digits}e}"
    return ("−" + text) if number < 0 else text


def pct(value: Any, digits: int = 1, sign: bool = False) -> str:
    """Format a fraction as a percentage (0.123 -> ``12.3 %``; NaN -> en dash)."""
    if _is_missing(value):
        return DASH
    return fmt(float(value) * 100.0, digits, sign=sign) + " %"


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def inline_html(text: str) -> str:
    """Escape ``text`` for HTML and turn ``**bold**`` and ```code``` into tags."""
    escaped = html.escape(str(text), quote=False)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _CODE.sub(r"<code>\1</code>", escaped)


def md_cell(text: Any) -> str:
    """Make ``text`` safe inside a Markdown table cell (pipes escaped, no line breaks)."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


@dataclass
class Table:
    """A table ready to draw: header texts, cell texts and which columns are numeric.

    Attributes
    ----------
    columns : list of str
        Header texts (units in brackets where a column has one).
    rows : list of list of str
        Formatted cells.
    numeric : list of bool
        Right-align these columns.
    caption : str
        Optional caption.
    key : str
        Optional anchor name.
    collapsible : bool
        Whether the HTML may fold the table away when it is long (summary and
        reproducibility tables stay open).
    """

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    caption: str = ""
    key: str = ""
    collapsible: bool = True

    def __post_init__(self) -> None:
        if not self.numeric:
            self.numeric = [False] * len(self.columns)

    @property
    def long(self) -> bool:
        """True when the table is collapsible and has more than :data:`LONG_TABLE` rows."""
        return self.collapsible and len(self.rows) > LONG_TABLE

    def __len__(self) -> int:
        return len(self.rows)


def frame_table(frame: pd.DataFrame, headers: dict[str, str] | None = None,
                formats: dict[str, Any] | None = None, index: bool = False,
                caption: str = "", key: str = "", collapsible: bool = True) -> Table:
    """Turn a DataFrame into a :class:`Table`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data.
    headers : dict, optional
        Column name -> header text (default: the column name).
    formats : dict, optional
        Column name -> a callable formatting one value, or an int (decimals for
        :func:`fmt`). Numeric columns without an entry use :func:`fmt` with about three
        significant digits, or none when every value is a whole number; ``year``-like
        columns are shown without separators and columns named ``unit`` as text.
    index : bool
        Include the index as the first column.
    caption, key : str
        Passed to the table.
    collapsible : bool
        Passed to the table.

    Returns
    -------
    Table
    """
    headers = headers or {}
    formats = formats or {}
    data = frame.reset_index() if index else frame
    columns = [str(c) for c in data.columns]
    numeric = []
    formatters = []
    for col in data.columns:
        series = data[col]
        is_num = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        numeric.append(bool(is_num))
        spec = formats.get(col)
        if callable(spec):
            formatters.append(spec)
        elif isinstance(spec, int):
            formatters.append(lambda v, d=spec: fmt(v, d))
        elif is_num and str(col).lower() in ("year", "line", "peak_year", "peak_at", "row",
                                             "hour", "unit"):
            numeric[-1] = str(col).lower() != "unit"
            formatters.append(lambda v: DASH if _is_missing(v) else str(int(v))
                              if float(v).is_integer() else str(v))
        elif is_num and _whole(series):
            formatters.append(lambda v: fmt(v, 0))
        elif is_num:
            formatters.append(fmt)
        else:
            formatters.append(lambda v: DASH if _is_missing(v) else str(v))
    # the cells itertuples gives (each column's own iteration), but text columns taken
    # with one tolist (the same str and missing values) instead of cell by cell
    values = [_cells(data.iloc[:, k]) for k in range(data.shape[1])]
    rows = [[f(v) for f, v in zip(formatters, record, strict=True)]
            for record in zip(*values, strict=True)] if values else [[] for _ in range(len(data))]
    return Table(columns=[headers.get(c, c) for c in columns], rows=rows, numeric=numeric,
                 caption=caption, key=key, collapsible=collapsible)


def _cells(series: pd.Series) -> list:
    """A column's cells as iterating it gives them (text columns: by ``tolist``, the same)."""
    if isinstance(series.dtype, pd.StringDtype):
        return series.tolist()
    return list(series)


def _whole(series: pd.Series) -> bool:
    values = pd.to_numeric(series, errors="coerce").dropna()
    if values.empty:
        return False
    return bool(((values % 1) == 0).all()) and bool((values.abs() < 1e15).all())


_BILINGUAL = re.compile(r"^(?P<en>[^()（）]*?)\s*[(（]"
                        r"(?P<zh>[^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$")


def local_name(name: str, lang: str) -> str:
    """A bilingual name in the report's language order.

    Dataset names are written ``"English (中文)"``; a Chinese report shows them Chinese
    first, ``"中文（English）"``. Other names, and every name in an English report, are
    returned unchanged.

    Examples
    --------
    >>> local_name("Raw coal (原煤)", "zh")
    '原煤（Raw coal）'
    >>> local_name("Raw coal (原煤)", "en")
    'Raw coal (原煤)'
    """
    if lang != "zh":
        return name
    match = _BILINGUAL.match(str(name))
    if not match or not match.group("en").strip():
        return name
    return f"{match.group('zh').strip()}（{match.group('en').strip()}）"
