"""Spreadsheet files for import tests that no library here writes: OpenDocument
(.ods) built by hand, as LibreOffice and Google Sheets save it (the parts calamine and
those programs read), and an Excel 97-2003 file kept in ``tests/data``."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

DATA = Path(__file__).parent / "data"
# Made with xlwt 1.3.0 by tests/data/README.md's script: a German CRM export, two sheets.
GERMAN_XLS = DATA / "german_export.xls"

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2"'
)
Cell = str | int | float | bool | date | None


def _cell(value: Cell) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value!r}"'
    elif isinstance(value, date | datetime):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell {kind}><text:p>{escape(str(value))}</text:p></table:table-cell>"


def write_ods(
    path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]], active: str | None = None
) -> Path:
    """An .ods file with ``sheets`` (name, rows); ``active``: the sheet open when saved."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
            f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
            "</office:document-content>",
        )
        if active is not None:
            archive.writestr(
                "settings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {_NS}>'
                '<office:settings><config:config-item-set config:name="ooo:view-settings">'
                '<config:config-item-map-indexed config:name="Views">'
                "<config:config-item-map-entry>"
                '<config:config-item config:name="ActiveTable" config:type="string">'
                f"{escape(active)}</config:config-item></config:config-item-map-entry>"
                "</config:config-item-map-indexed></config:config-item-set></office:settings>"
                "</office:document-settings>",
            )
    return path
