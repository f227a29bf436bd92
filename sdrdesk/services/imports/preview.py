"""What the window shows of a file before it is imported: its columns as mapped
automatically and their first values, for the person to confirm or change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sdrdesk.domain.import_mapping import ColumnMapping
from sdrdesk.domain.wording import shortened
from sdrdesk.services.imports.csv_file import CsvFile
from sdrdesk.services.imports.header import header_and_mapping

# First values of each column an import preview shows.
PREVIEW_SAMPLES = 3


@dataclass(frozen=True)
class ImportPreview:
    """A file read and its columns mapped automatically, before anything is checked or
    written: what the window shows for the person to confirm or change. ``run`` takes it
    back (``prepared``), so exactly the rows seen are imported, without reading again."""

    source: CsvFile = field(repr=False)
    columns: ColumnMapping = field(repr=False)
    samples: tuple[tuple[str, ...], ...]  # per column, its first different values

    @property
    def file_name(self) -> str:
        return self.source.file_name

    @property
    def encoding(self) -> str:
        return self.source.encoding

    @property
    def delimiter(self) -> str:
        """ "comma", …, or "sheet “Leads”"."""
        return self.source.delimiter_name

    @property
    def rows(self) -> int:
        """Data rows that are not completely empty."""
        return len(self.source.rows)

    @property
    def headers(self) -> tuple[str, ...]:
        return self.source.header

    @property
    def targets(self) -> tuple[str, ...]:
        """Automatic: a lead field, "extra" or "ignore" per column."""
        return self.columns.targets

    @property
    def notes(self) -> tuple[str, ...]:
        """About the file and the automatic mapping."""
        return (*self.source.notes, *self.columns.notes)


def preview_of(source: CsvFile, mapping: Mapping[str, str] | None) -> ImportPreview:
    """``source`` below its header, its columns mapped (automatically, but for the
    columns ``mapping`` names) and their first values."""
    source, columns = header_and_mapping(source, mapping)
    return ImportPreview(source, columns, _samples(source, len(source.header)))


def _samples(source: CsvFile, width: int) -> tuple[tuple[str, ...], ...]:
    found: list[list[str]] = [[] for _ in range(width)]
    for row in source.rows[:200]:
        for i, value in enumerate(row.values[:width]):
            text = " ".join(value.split())
            if text and len(found[i]) < PREVIEW_SAMPLES and text not in found[i]:
                found[i].append(shortened(text, 40))
        if all(len(values) == PREVIEW_SAMPLES for values in found):
            break
    return tuple(tuple(values) for values in found)
