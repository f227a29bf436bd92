"""Importing marketing-qualified leads from a CSV file (one user action, one transaction).

The file is read (``csv_source``), its columns mapped (``import_mapping``) and its rows
checked in chunks (``import_check``: ``domain.leads.clean_lead`` for every row). Each
checked chunk is matched against the store (``intake.known_leads``) and the rows before
it (``DuplicateIndex``), and its new leads are inserted, all in one write transaction
with an ``ImportBatch`` row that records what came of every row. Either every lead the
report calls imported is committed, or none is.

A small file is checked first and then written; a big one is checked by worker
processes (``import_workers``) while this process writes the chunks already checked.
Both give the same report: chunks are matched and written in file order.
"""

from __future__ import annotations

import gc
import json
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdrdesk.db.bulk import cache_for_rows
from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.contact import is_phone_region
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.errors import ImportFileError, SdrdeskError, ValidationError
from sdrdesk.domain.import_mapping import (
    CONTACT_FIELDS,
    ColumnMapping,
    build_mapping,
    check_target,
    decide_dayfirst,
    parse_mapping_text,
)
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.csv_source import CsvFile, read_csv_file
from sdrdesk.services.import_check import CheckedChunk, CheckSettings, check_chunk
from sdrdesk.services.import_check import machine_zone as machine_zone
from sdrdesk.services.import_report import ImportReport, RowIssue
from sdrdesk.services.import_workers import (
    CHUNK_ROWS,
    POOL_MIN_BYTES,
    POOL_MIN_ROWS,
    CheckPool,
    worker_count,
)
from sdrdesk.services.intake import StoreMatches, import_event_data, insert_lead_values

__all__ = ["ImportReport", "ImportService", "ParallelCheck", "RowIssue", "parse_mapping"]

Progress = Callable[[int, int], bool | None]

CANCELLED = "Import cancelled; nothing was imported."
RACE = "Another import added some of these leads meanwhile; nothing was imported, run it again."
# Share of the progress bar for checking rows when they are checked before writing.
_CHECK_SHARE = 0.8
_INSERT_CHUNK = 5000


def parse_mapping(text: str) -> dict[str, str]:
    """'Header A=email,Header B=phone' or a path to a .json/.toml file {header: field};
    raises ValidationError with a clear message (unknown field names listed with the
    valid ones)."""
    stripped = text.strip()
    if stripped.lower().endswith((".json", ".toml")) and (
        "=" not in stripped or Path(stripped).expanduser().is_file()
    ):
        return _mapping_file(Path(stripped).expanduser())
    return parse_mapping_text(text)


def _mapping_file(path: Path) -> dict[str, str]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError(f"The mapping file {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"The mapping file {path} cannot be read: {exc}.") from exc
    try:
        data: Any = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(
            f"The mapping file {path} is not valid {path.suffix[1:]}: {exc}."
        ) from exc
    if not isinstance(data, dict) or not data:
        raise ValidationError(
            f"The mapping file {path} must hold an object of “column header”: “field” pairs."
        )
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if not isinstance(target, str):
            raise ValidationError(
                f"In {path}, “{header}” must map to a field name (text), not {target!r}."
            )
        mapping[str(header)] = check_target(target)
    return mapping


@dataclass(frozen=True)
class ParallelCheck:
    """When rows are checked by worker processes (see ``import_workers``)."""

    min_rows: int = POOL_MIN_ROWS  # a file with fewer rows is checked here
    min_bytes: int = POOL_MIN_BYTES  # a file this big starts the workers before it is read
    chunk_rows: int = CHUNK_ROWS
    workers: int | None = None  # None: one per processor, at most two (none on one)


class ImportService:
    def __init__(self, ctx: ServiceContext, *, parallel: ParallelCheck | None = None) -> None:
        self._ctx = ctx
        self._parallel = parallel or ParallelCheck()

    def run(
        self,
        path: Path,
        *,
        actor_id: int | None,
        mapping: Mapping[str, str] | None = None,
        default_region: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        region = _check_region(default_region or self._ctx.rules.default_region)
        path = Path(path)
        big = _file_size(path) >= self._parallel.min_bytes
        pool = self._pool() if big and self._workers() else None  # starts while reading
        try:
            with _gc_paused():
                return self._run(path, actor_id, mapping, region, dry_run, progress, pool)
        finally:
            if pool is not None:
                pool.close()

    def _workers(self) -> int:
        workers = self._parallel.workers
        return worker_count() if workers is None else workers

    def _pool(self) -> CheckPool:
        return CheckPool(self._workers())

    def _run(
        self,
        path: Path,
        actor_id: int | None,
        mapping: Mapping[str, str] | None,
        region: str,
        dry_run: bool,
        progress: Progress | None,
        pool: CheckPool | None,
    ) -> ImportReport:
        source = read_csv_file(path)
        columns = build_mapping(source.header, mapping)
        _require_contact_column(source, columns)
        dayfirst = _dayfirst(source, columns, region)
        settings = CheckSettings(
            mapping=columns,
            region=region,
            now=self._ctx.now(),
            dayfirst=dayfirst is not False,
            sqlite=self._ctx.store.is_sqlite,
        )
        tracker = _Tracker(progress, len(source.rows))
        outcome = _Outcome(source, columns, region, dayfirst)
        checked: Iterable[CheckedChunk]
        done: Callable[[int], None]
        if len(source.rows) < self._parallel.min_rows or not self._workers():
            # Check every row first, outside the transaction; then write.
            checked = _check_here(settings, source, tracker)
            done = tracker.writing
        else:
            pool = pool or self._pool()  # closed by run()
            checked = pool.check(settings, source, self._parallel.chunk_rows)
            done = tracker.report
        if dry_run:
            with self._ctx.store.read() as s:
                outcome.notes = _earlier_imports(s, source)
                matches = StoreMatches(s, rows=len(source.rows), batch_id=None)
                for chunk in checked:
                    outcome.take(matches, chunk)
                    done(outcome.rows_done)
            tracker.report(tracker.total)
            return outcome.report(dry_run=True)
        try:
            with self._ctx.store.write() as s:
                outcome.notes = _earlier_imports(s, source)
                batch = self._start_batch(s, source, actor_id)
                matches = StoreMatches(s, rows=len(source.rows), batch_id=batch.id)
                with cache_for_rows(s, len(source.rows)):
                    for chunk in checked:
                        fresh = outcome.take(matches, chunk)
                        done(outcome.rows_done - chunk.rows)  # matched, not yet written
                        outcome.ids.extend(
                            insert_lead_values(
                                s,
                                [chunk.values[i] for i in fresh],
                                actor_id=actor_id,
                                import_batch_id=batch.id,
                                event_data=import_event_data(
                                    batch.id,
                                    [chunk.lines[i] for i in fresh],
                                    encoded=settings.sqlite,
                                ),
                                at=self._ctx.now(),
                                encoded=settings.sqlite,
                            )
                        )
                outcome.finish(batch)
                tracker.report(tracker.total)  # the last chance to cancel
        except IntegrityError as exc:
            if "email_key" in str(exc.orig or exc):
                raise SdrdeskError(RACE) from exc
            raise SdrdeskError(
                f"The import could not be saved ({_first_line(exc)}); nothing was imported."
            ) from exc
        return outcome.report(dry_run=False)

    def _start_batch(self, s: Session, source: CsvFile, actor_id: int | None) -> ImportBatch:
        """The import's batch row; its counts and report are filled in at the end."""
        batch = ImportBatch(
            file_name=source.file_name[:500],
            file_sha256=source.sha256,
            imported_at=self._ctx.now(),
            imported_by_id=actor_id,
            rows_total=len(source.rows),
            rows_imported=0,
            rows_duplicate=0,
            rows_skipped=0,
            report={},
        )
        s.add(batch)
        s.flush()
        return batch


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_csv_file says what is wrong


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is imported. The import makes hundreds
    of thousands of objects that live until the end (rows, checked leads); every full
    collection walks them all again, which took a third of the time of a 100,000-row
    import. They hold no reference cycles, so nothing is kept longer than it would be."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _check_region(region: str) -> str:
    code = (region or "").strip().upper()
    if not is_phone_region(code):
        raise ValidationError(
            f"“{region}” is not a country code for phone numbers (use two letters such as "
            "DE, US or GB)."
        )
    return code


def _require_contact_column(source: CsvFile, columns: ColumnMapping) -> None:
    if columns.has_contact_column:
        return
    shown = ", ".join(f"“{h}”" for h in source.header) or "none"
    first = next((h for h in source.header if h), "Header")
    raise ImportFileError(
        f"{source.file_name} has no column for {', '.join(CONTACT_FIELDS[:-1])} or "
        f"{CONTACT_FIELDS[-1]}, which a lead needs; the columns found are {shown} "
        f"(name the column with a mapping such as “{first}=email”)."
    )


def _dayfirst(source: CsvFile, columns: ColumnMapping, region: str) -> bool | None:
    date_column = columns.column_of("handed_off_at")
    if date_column is None:
        return None
    return decide_dayfirst(
        (r.values[date_column] for r in source.rows if len(r.values) > date_column), region
    )


# --- checking rows ------------------------------------------------------------------------


class _Tracker:
    """Calls ``progress(done, total)`` and turns ``False`` into a cancel."""

    def __init__(self, callback: Progress | None, rows: int) -> None:
        self.callback = callback
        self.total = rows
        self.every = max(1, rows // 100)

    def report(self, done: int) -> None:
        if self.callback is not None and self.callback(min(done, self.total), self.total) is False:
            raise SdrdeskError(CANCELLED)

    def checking(self, rows_done: int) -> None:
        self.report(int(rows_done * _CHECK_SHARE))

    def writing(self, rows_done: int) -> None:
        share = rows_done / self.total if self.total else 1.0
        self.report(int(self.total * (_CHECK_SHARE + (1 - _CHECK_SHARE) * share)))


def _check_here(settings: CheckSettings, source: CsvFile, tracker: _Tracker) -> list[CheckedChunk]:
    """Check every row in this process, reporting progress about every 1 %; the results
    in chunks of about ``_INSERT_CHUNK`` rows to match and write."""
    chunks: list[CheckedChunk] = []
    rows = source.rows
    for start in range(0, len(rows), tracker.every):
        tracker.checking(start)
        checked = check_chunk(settings, rows[start : start + tracker.every])
        if chunks and chunks[-1].rows < _INSERT_CHUNK:
            chunks[-1].extend(checked)
        else:
            chunks.append(checked)
    return chunks


# --- matching against the store and the file (inside the transaction) ---------------------


class _Outcome:
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
        self.notes: list[RowIssue] = []  # about the file as a whole
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
                what = "e-mail" if key is not None and key in known.by_email else "phone number"
                self.duplicates.append(
                    RowIssue(line, f"already in the store as lead {lead_id} (same {what})")
                )
                self.store_matches[line] = lead_id
                continue
            first = in_file.match(key, phone)
            if first is not None:
                what = "e-mail" if key is not None and key in in_file.by_email else "phone number"
                self.duplicates.append(RowIssue(line, f"same {what} as line {first}"))
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
        f"{doubtful} of {phones} phone numbers are not valid numbers in {region}, the "
        "region used for numbers without country code or country column; if the file "
        "comes from another country, import it with that region",
    )


def _earlier_imports(s: Session, source: CsvFile) -> list[RowIssue]:
    row = s.execute(
        select(ImportBatch.id, ImportBatch.imported_at)
        .where(ImportBatch.file_sha256 == source.sha256)
        .order_by(ImportBatch.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return []
    when = row.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return [RowIssue(None, f"this file was imported before (import {row.id}, {when})")]
