"""The rows an import left out, as CSV to fix in a spreadsheet and import again."""

from __future__ import annotations

import csv
import io
import re

from sdrdesk.domain.import_mapping import NOT_IMPORTED_BECAUSE
from sdrdesk.services.cells import neutralise
from sdrdesk.services.imports.preview import ImportPreview
from sdrdesk.services.imports.report import ImportReport


def not_imported_csv(prepared: ImportPreview, report: ImportReport) -> str:
    """The rows of ``prepared`` that ``report`` did not import (skipped, duplicates), as
    CSV text to fix in a spreadsheet and import again: their line (or row) and why, then
    the file's own columns as read. Comma-separated, or as the file was (semicolon, tab);
    a value a spreadsheet would run as a formula is made inert (``feedback_export``)."""
    why = {issue.line: issue.message for issue in (*report.skipped, *report.duplicates)}
    source = prepared.source
    delimiter = source.delimiter if source.sheet is None and source.delimiter in ";\t" else ","
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    out.writerow([source.unit.capitalize(), NOT_IMPORTED_BECAUSE, *source.header])
    for row in source.rows:
        if row.line in why:
            out.writerow([row.line, why[row.line], *(_inert(v) for v in row.values)])
    return buffer.getvalue()


# A phone number as typed ("+49 30 1234567", "-0 30/123 45-67", "+1 (212) 555-0100 x12"):
# it starts like a formula, but only digits and phone punctuation cannot run anything.
_PHONE_LIKE = re.compile(r"[+\-\uff0b\uff0d][\d\s().\-/+]*(?:\s*(?:ext\.?|x)\s*\d+)?")


def _inert(value: str) -> str:
    return value if _PHONE_LIKE.fullmatch(value) else neutralise(value)
