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

import csv
import gc
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdrdesk.db import tables
from sdrdesk.db.bulk import cache_for_rows, indexes_built_after
from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.countries import normalize_country
from sdrdesk.domain.dates import decide_dayfirst
from sdrdesk.domain.errors import ImportFileError, SdrdeskError, ValidationError
from sdrdesk.domain.import_fields import CONTACT_FIELDS, check_target
from sdrdesk.domain.import_mapping import (
    NOT_IMPORTED_BECAUSE,
    ColumnMapping,
    build_mapping,
    parse_mapping_text,
    retargeted,
)
from sdrdesk.domain.phones import is_phone_region, national_region, region_name
from sdrdesk.domain.wording import counted, shortened
from sdrdesk.services.cells import neutralise
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports.check import CheckedChunk, CheckSettings, check_chunk
from sdrdesk.services.imports.check import machine_zone as machine_zone
from sdrdesk.services.imports.csv_file import CsvFile, read_csv_file
from sdrdesk.services.imports.outcome import Outcome, earlier_imports
from sdrdesk.services.imports.report import ImportReport, RowIssue
from sdrdesk.services.imports.workers import (
    CHUNK_ROWS,
    POOL_MIN_BYTES,
    POOL_MIN_ROWS,
    CheckPool,
    worker_count,
)
from sdrdesk.services.leads.intake import (
    StoreMatches,
    import_event_data,
    index_new_leads,
    insert_lead_values,
)

__all__ = [
    "ImportPreview",
    "ImportReport",
    "ImportService",
    "ParallelCheck",
    "RowIssue",
    "not_imported_csv",
    "parse_mapping",
    "save_pasted",
]

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
        sheet: str | None = None,
        prepared: ImportPreview | None = None,
        columns: Sequence[str] | None = None,
    ) -> ImportReport:
        """Import ``path`` (of a spreadsheet: ``sheet``, else the one open when it was
        saved, else the first with data).

        ``prepared``: the file as ``preview`` read it (``path`` and ``sheet`` are then
        not read again); ``columns``: a target per column of it, as a person chose them
        in place of the automatic mapping (``mapping`` names columns by header)."""
        if columns is not None and prepared is None:
            raise ValueError("columns are chosen for a prepared file")
        if prepared is not None and mapping is not None:
            raise ValueError("a prepared file is mapped already (columns=, not mapping=)")
        region = _check_region(default_region or self._ctx.rules.default_region)
        path = Path(path)
        big = prepared is None and _file_size(path) >= self._parallel.min_bytes
        pool = self._pool() if big and self._workers() else None  # starts while reading
        if prepared is None:
            read = partial(_header_and_mapping, path, sheet, mapping)
        else:
            chosen = prepared.columns if columns is None else retargeted(prepared.columns, columns)
            read = partial(_as_read, prepared.source, chosen)
        try:
            with _gc_paused():
                return self._run(
                    read, actor_id, region, dry_run, progress, pool, guess=default_region is None
                )
        finally:
            if pool is not None:
                pool.close()

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
    ) -> ImportPreview:
        """Read ``path`` and map its columns (automatically, but for the columns
        ``mapping`` names), for a person to check before ``run`` (``prepared=``): the
        file's problems (empty, binary, no header) raise here, as they would in ``run``;
        a file without a contact column does not (the person may still choose one)."""
        source, columns = _header_and_mapping(Path(path), sheet, mapping)
        return ImportPreview(source, columns, _samples(source, len(source.header)))

    def region_for(self, preview: ImportPreview, region: str) -> tuple[str, tuple[str, ...]]:
        """Where ``preview``'s national numbers would be read when ``region`` is only the
        starting point (the settings' or the last one chosen): ``region``, or the region
        they are written for (``_region_of_file``), with a note saying so."""
        return _region_of_file(preview.source, preview.columns, _check_region(region))

    @property
    def default_region(self) -> str:
        """Where national phone numbers are read when no region is given (the settings)."""
        return self._ctx.rules.default_region

    def _workers(self) -> int:
        workers = self._parallel.workers
        return worker_count() if workers is None else workers

    def _pool(self) -> CheckPool:
        return CheckPool(self._workers())

    def _run(
        self,
        read: Callable[[], tuple[CsvFile, ColumnMapping]],
        actor_id: int | None,
        region: str,
        dry_run: bool,
        progress: Progress | None,
        pool: CheckPool | None,
        *,
        guess: bool = False,
    ) -> ImportReport:
        """``guess``: no region was given, so the file's national numbers may decide it
        (``_region_of_file``)."""
        source, columns = read()
        _require_contact_column(source, columns)
        region_notes: tuple[str, ...] = ()
        if guess:
            region, region_notes = _region_of_file(source, columns, region)
        dayfirst = _dayfirst(source, columns, region)
        settings = CheckSettings(
            mapping=columns,
            region=region,
            now=self._ctx.now(),
            dayfirst=dayfirst is not False,
            sqlite=self._ctx.store.is_sqlite,
        )
        tracker = _Tracker(progress, len(source.rows))
        outcome = Outcome(source, columns, region, dayfirst)
        outcome.notes += [RowIssue(None, note) for note in region_notes]
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
                outcome.notes += earlier_imports(s, source)
                matches = StoreMatches(s, rows=len(source.rows), batch_id=None)
                for chunk in checked:
                    outcome.take(matches, chunk)
                    done(outcome.rows_done)
            tracker.report(tracker.total)
            return outcome.report(dry_run=True)
        try:
            with self._ctx.store.write() as s:
                outcome.notes += earlier_imports(s, source)
                batch = self._start_batch(s, source, actor_id)
                rows = len(source.rows)
                matches = StoreMatches(s, rows=rows, batch_id=batch.id)
                with (
                    cache_for_rows(s, rows),
                    indexes_built_after(s, tables.leads, rows, keep=matches.indexes_read),
                ):
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
                                index_search=False,
                            )
                        )
                    index_new_leads(s, outcome.ids)
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


def save_pasted(text: str, folder: Path, when: datetime) -> Path:
    """Keep leads pasted from the clipboard (rows copied from a spreadsheet: tab
    separated) as a file in ``folder``, to import like any other: the import report and
    batch name it, and what was pasted is never lost, whatever the import makes of it."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".tsv" if "\t" in text else ".csv"
    stem = f"Pasted leads {when.astimezone():%Y-%m-%d %H.%M.%S}"
    path = folder / f"{stem}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    return path


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


# How far down a file its header may be (below a report's title and filters).
HEADER_SEARCH_ROWS = 10


def _as_read(source: CsvFile, columns: ColumnMapping) -> tuple[CsvFile, ColumnMapping]:
    return source, columns


def _header_and_mapping(
    path: Path, sheet: str | None, mapping: Mapping[str, str] | None
) -> tuple[CsvFile, ColumnMapping]:
    """The file read and its columns mapped. A file whose first row maps no contact column
    but one of the next rows does (an Excel report with a title and its filters above
    the table) is read from that row on; the report lists the rows left out above it."""
    source = read_csv_file(path, sheet=sheet)
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
        unit = source.unit
        note = (
            f"the header is {unit} {row.line}; the {counted(len(above), unit)} above it "
            f"{'was' if len(above) == 1 else 'were'} not imported: {shown}"
        )
        return replace(candidate, notes=(*source.notes, note))
    return None


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


# Rows looked at, and national numbers tried, to tell the file's phone region.
_REGION_ROWS = 2_000
_REGION_SAMPLE = 200
_REGION_MIN_SAMPLE = 5


def _region_of_file(
    source: CsvFile, columns: ColumnMapping, default: str
) -> tuple[str, tuple[str, ...]]:
    """The region the file's national numbers are read in when none was given: the
    default, unless the numbers of rows without a country (the others are read in their
    own) are mostly not written as its numbers but as those of another likely region
    (``phones.national_region``); then that one, with a note saying so. Looks at the
    first rows only."""
    phones = [c for c in (columns.column_of("phone"), columns.column_of("mobile")) if c is not None]
    if not phones:
        return default, ()
    country = columns.column_of("country")
    numbers: list[str] = []
    for row in source.rows[:_REGION_ROWS]:
        values = row.values
        if country is not None and country < len(values) and normalize_country(values[country]):
            continue
        text = next(
            (values[c].strip() for c in phones if c < len(values) and values[c].strip()), ""
        )
        if text and not text.startswith(("+", "00")):
            numbers.append(text)
            if len(numbers) >= _REGION_SAMPLE:
                break
    if len(numbers) < _REGION_MIN_SAMPLE:
        return default, ()
    region, valid, at_default = national_region(numbers, default)
    if region == default:
        return default, ()
    share, share_default = (round(100 * n / len(numbers)) for n in (valid, at_default))
    return region, (
        f"phone numbers without a country code were read as {region_name(region)} ({region}):"
        f" {share} % of them are written as its numbers, {share_default} % as numbers of"
        f" {region_name(default)} ({default}), the default region. To read them otherwise,"
        " choose the country (the window asks; the command takes --default-region).",
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
