"""Importing marketing-qualified leads from a file (one user action, one transaction).

The file is read once (``read``: CSV or which spreadsheet, decided by its content), its
header found and its columns mapped (``header``; ``preview`` for the window to show), the
region of its national phone numbers decided (``region``) and its rows checked in chunks
(``check``: ``domain.leads.clean_lead`` for every row). Each checked chunk is matched
against the store (``intake.known_leads``) and the rows before it (``outcome``), and its
new leads are inserted, all in one write transaction with an ``ImportBatch`` row that
records what came of every row. Either every lead the report calls imported is
committed, or none is.

A small file is checked first and then written; a big one is checked by worker
processes (``workers``) while this process writes the chunks already checked. Both give
the same report: chunks are matched and written in file order.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdrdesk.db import tables
from sdrdesk.db.bulk import cache_for_rows, indexes_built_after
from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.dates import decide_dayfirst
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.domain.import_mapping import ColumnMapping, retargeted
from sdrdesk.i18n import N_, _, current_language
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports.check import CheckedChunk, CheckSettings, check_chunk
from sdrdesk.services.imports.check import machine_zone as machine_zone
from sdrdesk.services.imports.csv_file import CsvFile
from sdrdesk.services.imports.header import header_and_mapping, require_contact_column
from sdrdesk.services.imports.outcome import Outcome, earlier_imports
from sdrdesk.services.imports.preview import ImportPreview, preview_of
from sdrdesk.services.imports.read import ImportFile, read_file
from sdrdesk.services.imports.region import RegionDecision, check_region, decide_region
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

__all__ = ["ImportService", "ParallelCheck"]

Progress = Callable[[int, int], bool | None]

CANCELLED = N_("Import cancelled; nothing was imported.")
RACE = N_("Another import added some of these leads meanwhile; nothing was imported, run it again.")
# Share of the progress bar for checking rows when they are checked before writing.
_CHECK_SHARE = 0.8
_INSERT_CHUNK = 5000


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
        not read again: the rows the person saw are imported, even if the file changed
        on disk since; only the preview reads a changed file again, ``ImportFile.current``);
        ``columns``: a target per column of it, as a person chose them
        in place of the automatic mapping (``mapping`` names columns by header)."""
        if columns is not None and prepared is None:
            raise ValueError(_("columns are chosen for a prepared file"))
        if prepared is not None and mapping is not None:
            raise ValueError(_("a prepared file is mapped already (columns=, not mapping=)"))
        # A region that is none is refused before the file is read (decided after it).
        check_region(default_region or self._ctx.rules.default_region)
        path = Path(path)
        big = prepared is None and _file_size(path) >= self._parallel.min_bytes
        pool = self._pool() if big and self._workers() else None  # starts while reading
        if prepared is None:
            read = partial(_read_and_map, path, sheet, mapping)
        else:
            chosen = prepared.columns if columns is None else retargeted(prepared.columns, columns)
            read = partial(_as_read, prepared.source, chosen)
        try:
            with _gc_paused():
                return self._run(read, actor_id, default_region, dry_run, progress, pool)
        finally:
            if pool is not None:
                pool.close()

    def read(self, path: Path) -> ImportFile:
        """Read ``path`` from disk, for its sheets and its ``preview``: the one time an
        import reads it (``read.ImportFile``)."""
        return read_file(Path(path))

    def preview(
        self,
        path: Path | ImportFile,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
    ) -> ImportPreview:
        """Read ``path`` (unless it was read: an ``ImportFile``, read again only if it
        changed on disk since, ``ImportFile.current``) and map its columns
        (automatically, but for the columns ``mapping`` names), for a person to check
        before ``run`` (``prepared=``): the file's problems (empty, binary, no header)
        raise here, as they would in ``run``; a file without a contact column does not
        (the person may still choose one)."""
        file = path.current() if isinstance(path, ImportFile) else read_file(Path(path))
        return preview_of(file.source(sheet), mapping)

    def region_for(self, preview: ImportPreview, last: str | None = None) -> RegionDecision:
        """Where ``preview``'s national numbers would be read when no region is chosen
        yet: the region ``last`` chosen (the window keeps it), else the settings' default
        region; or the region they are written for, with a note saying so
        (``decide_region``)."""
        default = last or self._ctx.rules.default_region
        return decide_region(preview.source, preview.columns, chosen=None, default=default)

    def _workers(self) -> int:
        workers = self._parallel.workers
        return worker_count() if workers is None else workers

    def _pool(self) -> CheckPool:
        return CheckPool(self._workers())

    def _run(
        self,
        read: Callable[[], tuple[CsvFile, ColumnMapping]],
        actor_id: int | None,
        chosen_region: str | None,
        dry_run: bool,
        progress: Progress | None,
        pool: CheckPool | None,
    ) -> ImportReport:
        """``chosen_region``: the region given for this import; None: the default, or
        the region the file's national numbers are written for (``decide_region``)."""
        source, columns = read()
        require_contact_column(source, columns)
        decided = decide_region(
            source, columns, chosen=chosen_region, default=self._ctx.rules.default_region
        )
        region = decided.region
        dayfirst = _dayfirst(source, columns, region)
        settings = CheckSettings(
            mapping=columns,
            region=region,
            now=self._ctx.now(),
            dayfirst=dayfirst is not False,
            sqlite=self._ctx.store.is_sqlite,
            language=current_language(),
            products=self._ctx.products,
        )
        tracker = _Tracker(progress, len(source.rows))
        outcome = Outcome(source, columns, region, dayfirst)
        outcome.notes += [RowIssue(None, note) for note in decided.notes]
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
                raise SdrdeskError(_(RACE)) from exc
            raise SdrdeskError(
                _("The import could not be saved ({first_line}); nothing was imported.").format(
                    first_line=_first_line(exc)
                )
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
        return 0  # read_file says what is wrong


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


def _as_read(source: CsvFile, columns: ColumnMapping) -> tuple[CsvFile, ColumnMapping]:
    return source, columns


def _read_and_map(
    path: Path, sheet: str | None, mapping: Mapping[str, str] | None
) -> tuple[CsvFile, ColumnMapping]:
    return header_and_mapping(read_file(path).source(sheet), mapping)


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
            raise SdrdeskError(_(CANCELLED))

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
