"""Which row of a file is its header, and what its columns map to.

Most files start with their header. An Excel report may have a title and its filters
above the table: then the first of the top rows that maps a contact column is the
header, and the report lists the rows left out above it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sdrdesk.domain.errors import ImportFileError, ValidationError
from sdrdesk.domain.import_fields import CONTACT_FIELDS
from sdrdesk.domain.import_mapping import ColumnMapping, build_mapping
from sdrdesk.domain.wording import shortened
from sdrdesk.i18n import _, format_number, ngettext
from sdrdesk.services.imports.csv_file import CsvFile

# How far down a file its header may be (below a report's title and filters).
HEADER_SEARCH_ROWS = 10


def header_and_mapping(
    source: CsvFile, mapping: Mapping[str, str] | None
) -> tuple[CsvFile, ColumnMapping]:
    """The file's rows below its header and its columns mapped. A file whose first row
    maps no contact column but one of the next rows does (an Excel report with a title
    and its filters above the table) is read from that row on; the report lists the rows
    left out above it."""
    try:
        columns = build_mapping(source.header, mapping)
    except ValidationError:
        found = _header_below(source, mapping)
        if found is None:
            raise
        return found, build_mapping(found.header, mapping)
    if columns.has_contact_column:
        return source, columns
    found = _header_below(source, mapping)
    return (source, columns) if found is None else (found, build_mapping(found.header, mapping))


def _header_below(source: CsvFile, mapping: Mapping[str, str] | None) -> CsvFile | None:
    for index, row in enumerate(source.rows[: HEADER_SEARCH_ROWS - 1]):
        if index + 1 >= len(source.rows):
            return None  # a header needs rows below it
        candidate = source.with_header_at(index)
        try:
            if not build_mapping(candidate.header, mapping).has_contact_column:
                continue
        except ValidationError:
            continue
        above = [source.header, *(r.values for r in source.rows[:index])]
        shown = "; ".join(
            "“" + shortened(" ".join(v.strip() for v in values if v.strip()), 60) + "”"
            for values in above
        )
        n = len(above)
        if source.unit == "row":
            note = ngettext(
                "the header is row {line}; the {n} row above it was not imported: {shown}",
                "the header is row {line}; the {n} rows above it were not imported: {shown}",
                n,
            )
        else:
            note = ngettext(
                "the header is line {line}; the {n} line above it was not imported: {shown}",
                "the header is line {line}; the {n} lines above it were not imported: {shown}",
                n,
            )
        note = note.format(line=row.line, n=format_number(n), shown=shown)
        return replace(candidate, notes=(*source.notes, note))
    return None


def require_contact_column(source: CsvFile, columns: ColumnMapping) -> None:
    """``ImportFileError`` naming the columns found, when none holds a way to contact."""
    if columns.has_contact_column:
        return
    shown = ", ".join(f"“{h}”" for h in source.header) or _("none")
    first = next((h for h in source.header if h), _("Header"))
    raise ImportFileError(
        _(
            "{file_name} has no column for {fields} or {last_field}, "
            "which a lead needs; the columns found are {shown} (name the "
            "column with a mapping such as “{first}=email”)."
        ).format(
            shown=shown,
            first=first,
            file_name=source.file_name,
            fields=", ".join(CONTACT_FIELDS[:-1]),
            last_field=CONTACT_FIELDS[-1],
        )
    )
