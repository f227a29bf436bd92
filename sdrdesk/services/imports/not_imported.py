"""The rows an import left out, as CSV to fix in a spreadsheet and import again."""

from __future__ import annotations

import csv
import io

from sdrdesk.domain.import_mapping import NOT_IMPORTED_BECAUSE
from sdrdesk.services.cells import cell
from sdrdesk.services.imports.preview import ImportPreview
from sdrdesk.services.imports.report import ImportReport


def not_imported_csv(prepared: ImportPreview, report: ImportReport) -> str:
    """The rows of ``prepared`` that ``report`` did not import (skipped, duplicates), as
    CSV text to fix in a spreadsheet and import again: their line (or row) and why, then
    the file's own columns as read. Comma-separated, or as the file was (semicolon, tab);
    every cell, the header's too, cleaned and made inert like every other export
    (``services.cells.cell``): a phone number typed as ``+49 30 …`` gets the quote as
    well (``+1+1`` would run; the number still reads when imported again)."""
    why = {issue.line: issue.message for issue in (*report.skipped, *report.duplicates)}
    source = prepared.source
    delimiter = source.delimiter if source.sheet is None and source.delimiter in ";\t" else ","
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    header = [source.unit.capitalize(), NOT_IMPORTED_BECAUSE, *source.header]
    out.writerow([cell(h) for h in header])
    for row in source.rows:
        if row.line in why:
            out.writerow([row.line, cell(why[row.line]), *(cell(v) for v in row.values)])
    return buffer.getvalue()
