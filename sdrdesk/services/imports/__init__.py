"""Importing MQLs from a file: read (CSV or workbook), map columns, check rows (here or
in worker processes), write in one transaction, report every row's fate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.imports.mapping_file import parse_mapping
    from sdrdesk.services.imports.not_imported import not_imported_csv
    from sdrdesk.services.imports.pasted import save_pasted
    from sdrdesk.services.imports.preview import ImportPreview
    from sdrdesk.services.imports.report import ImportReport, RowIssue
    from sdrdesk.services.imports.service import ImportService, ParallelCheck
    from sdrdesk.services.imports.workbook import workbook_sheets

WHERE = {
    "mapping_file": ("parse_mapping",),
    "not_imported": ("not_imported_csv",),
    "pasted": ("save_pasted",),
    "preview": ("ImportPreview",),
    "report": (
        "ImportReport",
        "RowIssue",
    ),
    "service": (
        "ImportService",
        "ParallelCheck",
    ),
    "workbook": ("workbook_sheets",),
}
__all__ = [
    "ImportPreview",
    "ImportReport",
    "ImportService",
    "ParallelCheck",
    "RowIssue",
    "not_imported_csv",
    "parse_mapping",
    "save_pasted",
    "workbook_sheets",
]
__getattr__ = lazy_names(__name__, WHERE)
