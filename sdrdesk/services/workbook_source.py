"""Reading the leads of an Excel workbook (.xlsx) as the CSV import reads a file.

Marketing often hands over a workbook rather than a CSV. Its sheet (the one that was
open when it was saved, else the first with data) becomes rows of text, each cell as a
CSV export of it would read: numbers without a trailing ``.0`` (a phone typed as a
number stays its digits), dates and times in ISO 8601 (so no day/month guessing),
formulas as the value Excel last computed. Each row keeps its row number in the sheet,
which the import report names. Everything after this is the CSV import's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Any

from sdrdesk.domain.errors import ImportFileError

SAVE_AS_CSV = "in Excel use File › Save As › “CSV UTF-8” and import that file"


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is an Office Open XML workbook (a ZIP with ``xl/workbook.xml``)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV export of the sheet holds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def workbook_rows(data: bytes, name: str) -> tuple[str, list[tuple[int, list[str]]], list[str]]:
    """(sheet name, [(row number, cell texts)] of its non-empty rows, the other sheets
    that hold data), or ``ImportFileError`` in one sentence."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises what its XML and ZIP readers raise
        raise ImportFileError(
            f"{name} looks like an Excel workbook but cannot be read "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'damaged'}); "
            f"{SAVE_AS_CSV}."
        ) from exc
    try:
        sheets = list(book.worksheets)  # not chart sheets
        active = book.active
        ordered = ([active] if active in sheets else []) + [s for s in sheets if s is not active]
        chosen: tuple[str, list[tuple[int, list[str]]]] | None = None
        others: list[str] = []
        for sheet in ordered:
            # Rows as long as their last cell, not as the size the file claims: a sheet
            # formatted to column XFD would give every row 16,384 cells.
            sheet.reset_dimensions()
            rows = _rows(sheet.iter_rows(values_only=True))
            if chosen is None:
                read = list(rows)
                if read:
                    chosen = (str(sheet.title), read)
            elif next(rows, None) is not None:  # another sheet with data: one row tells
                others.append(str(sheet.title))
    finally:
        book.close()
    if chosen is None:
        raise ImportFileError(f"{name} is an Excel workbook without any filled cells.")
    return chosen[0], chosen[1], others


def _rows(values: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(values, start=1):
        texts = [cell_text(v) for v in row]
        while texts and not texts[-1]:
            texts.pop()  # cells that are only formatted
        if any(t.strip() for t in texts):
            yield number, texts
