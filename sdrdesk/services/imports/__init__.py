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
    from sdrdesk.services.imports.read import ImportFile
    from sdrdesk.services.imports.report import ImportReport, RowIssue
    from sdrdesk.services.imports.service import ImportService, ParallelCheck

WHERE = {
    "mapping_file": ("parse_mapping",),
    "not_imported": ("not_imported_csv",),
    "pasted": ("save_pasted",),
    "preview": ("ImportPreview",),
    "read": ("ImportFile",),
    "report": (
        "ImportReport",
        "RowIssue",
    ),
    "service": (
        "ImportService",
        "ParallelCheck",
    ),
}
__all__ = [
    "ImportFile",
    "ImportPreview",
    "ImportReport",
    "ImportService",
    "ParallelCheck",
    "RowIssue",
    "not_imported_csv",
    "parse_mapping",
    "save_pasted",
]
__getattr__ = lazy_names(__name__, WHERE)
