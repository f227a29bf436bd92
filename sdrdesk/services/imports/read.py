"""Reading the file to import, once: its bytes, and whether it is a spreadsheet (which
kind) or CSV, decided by its content. What was read gives the sheets to choose from,
the rows of the chosen sheet (or of the CSV file) for the preview, and the preview's
rows are what the import writes: the file is not read from disk again.

Nothing here imports the database layer: the window's background worker reads the file
before any of the import's service is needed."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from sdrdesk.domain.errors import ImportFileError
from sdrdesk.i18n import _
from sdrdesk.services.imports.csv_file import CsvFile, CsvRow, display_name, header_cell, parse_csv
from sdrdesk.services.imports.workbook import (
    WorkbookKind,
    sheet_names,
    workbook_kind,
    workbook_rows,
)


@dataclass(frozen=True)
class ImportFile:
    """A file as read from disk, with its size and modification time then."""

    path: Path
    data: bytes = field(repr=False)
    kind: WorkbookKind | None  # the spreadsheet it is; None: read as CSV
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return display_name(self.path)

    def sheets(self) -> tuple[list[str], str | None]:
        """A spreadsheet's visible worksheets in workbook order and the one open when it
        was saved (``workbook.sheet_names``); ([], None) for a CSV file."""
        if self.kind is None:
            return [], None
        return sheet_names(self.data, self.kind)

    def source(self, sheet: str | None = None) -> CsvFile:
        """The rows of the file (of a spreadsheet: of ``sheet``, else of the one open when
        it was saved, else of the first with data); ``ImportFileError`` in one sentence."""
        if self.kind is not None:
            return _workbook_source(self, self.kind, sheet)
        if sheet is not None:
            raise ImportFileError(
                _("{name} is not a spreadsheet, so it has no sheet “{sheet}” to read.").format(
                    sheet=sheet, name=self.name
                )
            )
        return parse_csv(self.path, self.data, self.name)

    def changed(self) -> bool:
        """Whether the file on disk is no longer the one read: its size or modification
        time differ (or it is gone)."""
        try:
            stat = self.path.stat()
        except OSError:
            return True
        return (stat.st_size, stat.st_mtime_ns) != (self.size, self.mtime_ns)

    def current(self) -> ImportFile:
        """This file, or, if it changed on disk since it was read (``changed``: size and
        modification time), the file read again: the only case it is read twice."""
        return read_file(self.path) if self.changed() else self


def read_file(path: Path) -> ImportFile:
    """Read ``path`` and tell its kind; ``ImportFileError`` (one sentence) if it cannot be
    read or is empty."""
    name, where = display_name(path), display_name(path, full=True)
    try:
        if path.is_dir():
            raise ImportFileError(_("{where} is a folder, not a CSV file.").format(where=where))
        with path.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            data = stream.read()
    except FileNotFoundError as exc:
        raise ImportFileError(_("{where} does not exist.").format(where=where)) from exc
    except PermissionError as exc:
        raise ImportFileError(
            _("{name} cannot be read: permission denied.").format(name=name)
        ) from exc
    except IsADirectoryError as exc:
        raise ImportFileError(
            _("{where} is a folder, not a CSV file.").format(where=where)
        ) from exc
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {value}.").format(name=name, value=exc.strerror or exc)
        ) from exc
    if not data or data.isspace():  # (not data.strip(): that copies the whole file)
        raise ImportFileError(_("{name} is empty.").format(name=name))
    return ImportFile(path, data, workbook_kind(data), stat.st_size, stat.st_mtime_ns)


def read_csv_file(path: Path, *, sheet: str | None = None) -> CsvFile:
    """Read ``path`` and split it into rows (``read_file``, ``ImportFile.source``)."""
    return read_file(path).source(sheet)


def _workbook_source(file: ImportFile, kind: WorkbookKind, sheet: str | None) -> CsvFile:
    name = file.name
    read = workbook_rows(file.data, name, kind, sheet)
    sheet, records, others = read.sheet, read.rows, read.others
    (header_line, header_values), body = records[0], records[1:]
    # Every row as wide as the widest, as Excel writes a CSV: a value right of the last
    # header is kept (under "Column N"), not refused as a broken row.
    width = max(len(values) for _line, values in records)
    header = [header_cell(v) for v in header_values] + [""] * (width - len(header_values))
    rows = [CsvRow(line, values + [""] * (width - len(values))) for line, values in body]
    if not rows:
        raise ImportFileError(
            _(
                "{name} has a header row but no data rows in sheet "
                "“{sheet}”; there is nothing to import."
            ).format(name=name, sheet=sheet)
        )
    notes: tuple[str, ...] = ()
    if others:
        shown = ", ".join(f"“{o}”" for o in others)
        notes = (
            _(
                "only sheet “{sheet}” was imported; the workbook's other sheets {shown} hold "
                "data too (import the file again and choose the sheet: the window asks, the "
                "command takes --sheet)"
            ).format(sheet=sheet, shown=shown),
        )
    return CsvFile(
        path=file.path,
        sha256=hashlib.sha256(file.data).hexdigest(),
        encoding=kind.label,
        delimiter=",",
        header=tuple(header),
        header_line=header_line,
        rows=rows,
        sheet=sheet,
        notes=notes,
    )
