"""Excel workbooks with openpyxl, where text is always text.

openpyxl turns any string that starts with ``=`` into a formula. Here every string is
written as a text cell; one that a spreadsheet would run (see
``services.cells.FORMULA_STARTS``) also gets Excel's quote prefix, so editing the cell
in Excel keeps it text as well. Text is cleaned of what an XLSX sheet (XML) cannot hold
first (``domain.safe_text.for_file``): openpyxl refused control characters with an
``IllegalCharacterError`` and wrote U+FFFE into a sheet it then could not read.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sdrdesk.domain.safe_text import for_file
from sdrdesk.files import write_private
from sdrdesk.i18n import current_language
from sdrdesk.services.cells import is_dangerous

Sheet = tuple[str, Sequence[str], Sequence[Sequence[Any]]]


_DATETIME = {"de": "dd.mm.yyyy hh:mm"}
"""How a date and time shows in a cell where ISO is not what the locale's Excel shows."""


def write_workbook(
    path: Path, sheets: Sequence[Sheet], *, percent_columns: dict[str, set[str]] | None = None
) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([for_file(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        percent = {
            i for i, h in enumerate(header) if h in (percent_columns or {}).get(title, set())
        }
        widths = [len(h) for h in header]
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row):
                cell = sheet.cell(row=r, column=c + 1)
                if isinstance(value, str):
                    value = for_file(value)
                cell.value = value
                if isinstance(value, str):
                    # openpyxl has just read "=..." as a formula: make it text again.
                    cell.data_type = TYPE_STRING
                    if is_dangerous(value):
                        cell.quotePrefix = True
                if isinstance(value, datetime):
                    cell.number_format = _DATETIME.get(current_language(), "yyyy-mm-dd hh:mm")
                elif c in percent and value is not None:
                    cell.number_format = "0.0%"
                shown = 16 if isinstance(value, datetime) else len(str(value or ""))
                widths[c] = max(widths[c], min(shown, 60))
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width + 2
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    write_private(path, out.getvalue())
