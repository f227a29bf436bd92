"""What came of an import's rows, chunk by chunk: matched against the store (but for
the import's own leads) and the rows before them, in file order, inside the import's
transaction; and the report and batch row made of it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.import_mapping import ColumnMapping
from sdrdesk.i18n import _, format_datetime, format_number, ngettext
from sdrdesk.services.imports.check import CheckedChunk
from sdrdesk.services.imports.csv_file import CsvFile
from sdrdesk.services.imports.report import ImportReport, RowIssue
from sdrdesk.services.leads.intake import StoreMatches


class Outcome:
    """What came of the rows so far; chunks are taken in file order."""

    def __init__(
        self, source: CsvFile, columns: ColumnMapping, region: str, dayfirst: bool | None
    ) -> None:
        self.source, self.columns, self.region, self.dayfirst = source, columns, region, dayfirst
        self.rows_done = 0
        self.imported = 0
        self.ids: list[int] = []
        self.duplicates: list[RowIssue] = []
        self.store_matches: dict[int, int] = {}
        self.skipped: list[RowIssue] = []
        self.warnings = [RowIssue(source.header_line, note) for note in columns.notes]
        self.notes = [RowIssue(None, note) for note in source.notes]  # about the whole file
        self.phones_read = self.phones_doubtful = 0
        self.batch_id: int | None = None
        self._in_file: DuplicateIndex[int] = DuplicateIndex()

    def take(self, matches: StoreMatches, chunk: CheckedChunk) -> list[int]:
        """Match a chunk's leads against the store (but for this import's own leads) and
        the rows before; the positions in the chunk of the leads that are new."""
        self.rows_done += chunk.rows
        self.skipped.extend(RowIssue(line, why) for line, why in chunk.skipped)
        self.warnings.extend(RowIssue(line, what) for line, what in chunk.warnings)
        self.phones_read += chunk.phones_read
        self.phones_doubtful += chunk.phones_doubtful
        known = matches.find(
            (key for key in chunk.email_keys if key is not None),
            (phone for phone in chunk.phones if phone is not None),
        )
        in_file = self._in_file
        in_store = known.match if known.by_email or known.by_phone else None
        fresh: list[int] = []
        for i, (line, key, phone) in enumerate(
            zip(chunk.lines, chunk.email_keys, chunk.phones, strict=True)
        ):
            lead_id = in_store(key, phone) if in_store is not None else None
            if lead_id is not None:
                why = (
                    _("already in the store as lead {lead_id} (same e-mail)")
                    if key is not None and key in known.by_email
                    else _("already in the store as lead {lead_id} (same phone number)")
                )
                self.duplicates.append(RowIssue(line, why.format(lead_id=lead_id)))
                self.store_matches[line] = lead_id
                continue
            first = in_file.match(key, phone)
            if first is not None:
                same_email = key is not None and key in in_file.by_email
                if self.source.unit == "row":
                    why = (
                        _("same e-mail as row {n}")
                        if same_email
                        else _("same phone number as row {n}")
                    )
                else:
                    why = (
                        _("same e-mail as line {n}")
                        if same_email
                        else _("same phone number as line {n}")
                    )
                self.duplicates.append(RowIssue(line, why.format(n=first)))
                continue
            in_file.add(key, phone, line)
            fresh.append(i)
        self.imported += len(fresh)
        return fresh

    def finish(self, batch: ImportBatch) -> None:
        """Fill in the batch row's counts and report."""
        self.batch_id = batch.id
        batch.rows_imported = self.imported
        batch.rows_duplicate = len(self.duplicates)
        batch.rows_skipped = len(self.skipped)
        batch.report = {
            "encoding": self.source.encoding,
            "delimiter": self.source.delimiter_name,
            "mapping": self.columns.as_dict(),
            "dates_dayfirst": self.dayfirst,
            "unit": self.source.unit,  # what the numbers below count: lines, or a sheet's rows
            "duplicates": _pairs(self.duplicates),
            "skipped": _pairs(self.skipped),
            "warnings": _pairs(self._all_warnings()),
        }

    def report(self, *, dry_run: bool) -> ImportReport:
        return ImportReport(
            file_name=self.source.file_name,
            encoding=self.source.encoding,
            delimiter=self.source.delimiter_name,
            mapping=self.columns.as_dict(),
            rows_total=len(self.source.rows),
            imported=self.imported,
            imported_ids=tuple(self.ids),
            duplicates=tuple(self.duplicates),
            skipped=tuple(self.skipped),
            warnings=tuple(self._all_warnings()),
            dry_run=dry_run,
            batch_id=self.batch_id,
            dates_dayfirst=self.dayfirst,
            duplicate_of=dict(self.store_matches),
            unit=self.source.unit,
        )

    def _all_warnings(self) -> list[RowIssue]:
        hint = _region_hint(self.phones_read, self.phones_doubtful, self.region)
        return self.notes + ([hint] if hint else []) + self.warnings


def _pairs(issues: Iterable[RowIssue]) -> list[list[Any]]:
    return [[i.line, i.message] for i in issues]


def _region_hint(phones: int, doubtful: int, region: str) -> RowIssue | None:
    """Many phones that are not valid where they were read (no country, no +code) usually
    mean the file comes from another country than the default region."""
    if doubtful < 5 or doubtful * 5 < phones:
        return None
    return RowIssue(
        None,
        ngettext(
            "{doubtful} of {phones} phone number is not a valid number in {region}, the "
            "region used for numbers without country code or country column; if the file "
            "comes from another country, import it with that region",
            "{doubtful} of {phones} phone numbers are not valid numbers in {region}, the "
            "region used for numbers without country code or country column; if the file "
            "comes from another country, import it with that region",
            phones,
        ).format(doubtful=format_number(doubtful), phones=format_number(phones), region=region),
    )


def earlier_imports(s: Session, source: CsvFile) -> list[RowIssue]:
    row = s.execute(
        select(ImportBatch.id, ImportBatch.imported_at)
        .where(ImportBatch.file_sha256 == source.sha256)
        .order_by(ImportBatch.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return []
    when = format_datetime(row.imported_at.astimezone(), "short")
    return [
        RowIssue(
            None,
            _("this file was imported before (import {id}, {when})").format(id=row.id, when=when),
        )
    ]
