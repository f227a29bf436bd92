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
    from sdrdesk.services.imports.region import (
        RegionDecision,
        decide_region,
        given_region,
        usable_region,
    )
    from sdrdesk.services.imports.report import ImportReport, RowIssue
    from sdrdesk.services.imports.service import ImportService, ParallelCheck

WHERE = {
    "mapping_file": ("parse_mapping",),
    "not_imported": ("not_imported_csv",),
    "pasted": ("save_pasted",),
    "preview": ("ImportPreview",),
    "read": ("ImportFile",),
    "region": (
        "RegionDecision",
        "decide_region",
        "given_region",
        "usable_region",
    ),
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
    "RegionDecision",
    "RowIssue",
    "decide_region",
    "given_region",
    "not_imported_csv",
    "parse_mapping",
    "save_pasted",
    "usable_region",
]
__getattr__ = lazy_names(__name__, WHERE)
