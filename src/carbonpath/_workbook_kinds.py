"""What a file given as an Excel workbook is, when openpyxl cannot open it.

openpyxl names a library ("use xlrd") or a zip part ("no valid workbook part"); these
functions name the kind of file instead, so the message says what to save it as (round 22
N164: old and other spreadsheet formats; round 30 KF21: a Word, PowerPoint or OpenDocument
text file named ``.xlsx``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

__all__ = ["OLD_WORKBOOKS", "SAVE_AS_XLSX", "not_a_workbook", "old_workbook"]

#: What to do with a workbook in a format openpyxl cannot open (round 22, N164).
SAVE_AS_XLSX = ("open it in Excel, WPS or LibreOffice and save it as an .xlsx workbook without "
                "a password (File > Save As > Excel Workbook (*.xlsx)), then give the .xlsx")

OLD_WORKBOOKS = {".xls": "an Excel 97-2003 workbook (.xls)", ".et": "a WPS spreadsheet (.et)",
        ".xlsb": "a binary Excel workbook (.xlsb)", ".ods": "an OpenDocument spreadsheet (.ods)"}

#: Zip parts that say an Office file is a spreadsheet of another format.
_ZIP_WORKBOOKS = {"xl/workbook.bin": "a binary Excel workbook (.xlsb) under another name"}

#: Zip parts (or OpenDocument mimetypes) of documents that are not spreadsheets.
_ZIP_DOCUMENTS = {"word/document.xml": "a Word document (.docx)",
                  "ppt/presentation.xml": "a PowerPoint presentation (.pptx)"}
_ODF = {"application/vnd.oasis.opendocument.spreadsheet":
        "an OpenDocument spreadsheet (.ods) under another name",
        "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt)",
        "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)"}

#: What to do with a document that is not a spreadsheet.
COPY_INTO_XLSX = ("an .xlsx workbook: copy the document's table into a sheet in Excel, WPS or "
                  "LibreOffice Calc (for init's workbook: into the template's sheet, "
                  "carbonpath init template) and save it as Excel Workbook (*.xlsx)")


def _zip_names(path: Path) -> tuple[set[str], str]:
    """The part names of a zip file and its OpenDocument mimetype (empty if not a zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            kind = z.read("mimetype").decode("ascii", "replace").strip() \
                if "mimetype" in names else ""
            return names, kind
    except (OSError, zipfile.BadZipFile, KeyError):
        return set(), ""


def old_workbook(path: Path) -> str:
    """What a workbook openpyxl cannot open is ('' for an .xlsx or a file that is not one).

    By the name's suffix (:data:`OLD_WORKBOOKS`), or the OLE2 signature of an Excel 97-2003
    (or WPS) file under another name, or of a password-protected workbook, or the parts of
    a zip (an .xlsb or .ods under another name).
    """
    if path.suffix.lower() in OLD_WORKBOOKS:
        return OLD_WORKBOOKS[path.suffix.lower()]
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError:
        return ""
    if head == b"\xd0\xcf\x11\xe0":  # OLE2: also what Excel makes of a password-protected .xlsx
        return "an Excel 97-2003 workbook (.xls) under another name, or a password-protected one"
    if head[:2] == b"PK":
        names, kind = _zip_names(path)
        if "xl/workbook.xml" in names:
            return ""
        for part, text in _ZIP_WORKBOOKS.items():
            if part in names:
                return text
        if kind.endswith(".spreadsheet"):
            return _ODF.get(kind, "")
    return ""


def not_a_workbook(path: Path) -> tuple[str, str]:
    """(what the file is, what is valid) for a document that is no spreadsheet at all.

    A Word or PowerPoint file, or an OpenDocument text or presentation, saved under a
    workbook's name (round 30 KF21): ``('', '')`` for any other file.
    """
    names, kind = _zip_names(path)
    what = next((text for part, text in _ZIP_DOCUMENTS.items() if part in names), "")
    if not what and kind in _ODF and not kind.endswith(".spreadsheet"):
        what = _ODF[kind]
    if not what or "xl/workbook.xml" in names:
        return "", ""
    return (f"{what} named '{path.name}', not a workbook", COPY_INTO_XLSX)
