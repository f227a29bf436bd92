"""Big files are checked by worker processes while the importing process writes: the
outcome is exactly what checking in the importing process gives.

The tests start the workers with tiny thresholds and chunks, so that small files go
through every part of the pipeline (several chunks, two workers, results in order).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from sdrdesk.db import bulk
from sdrdesk.db.engine import Store
from sdrdesk.db.models import ImportBatch, Lead, LeadEvent
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportReport, ImportService, ParallelCheck
from sdrdesk.services.imports import service as imports
from sdrdesk.services.imports import workers as import_workers
from sdrdesk.services.leads import intake
from sdrdesk.services.queue import QueueQuery, QueueService
from tests.factories import add_lead
from tests.services.import_helpers import write_csv

IN_WORKERS = ParallelCheck(min_rows=1, min_bytes=0, chunk_rows=7, workers=2)
HERE = ParallelCheck(min_rows=10**9)

HEADER = ["Email", "Phone", "Country", "First Name", "Score", "MQL Date", "Notes"]


def _rows() -> list[list[str]]:
    """Leads of every kind: fine, duplicated, odd, unreachable, ragged."""
    rows = [HEADER]
    for i in range(60):
        rows.append(
            [
                f"lead{i}@example.com",
                f"030 {1234500 + i}",
                "Deutschland" if i % 3 else "",
                f"Lead {i}",
                str(i) if i % 5 else "n/a",
                f"{1 + i % 28:02d}.03.2026 09:{i % 60:02d}",
                f"note {i}",
            ]
        )
    rows += [
        ["LEAD7@example.com", "", "", "same e-mail as line 9", "", "", ""],
        ["", "030 1234503", "DE", "same phone as line 5", "", "", ""],
        ["not an address", "n/a", "", "cannot be contacted", "", "", ""],
        ["ragged@example.com", "", "", "", "", "", "", "a field too many"],
        ["stored@example.com", "", "", "in the store already", "", "", ""],
        ["typo@example", "+1 212 555 0100", "US", "warned", "", "31.02.2026", ""],
    ]
    return rows


def _import(
    ctx: ServiceContext, path: Path, parallel: ParallelCheck, **options: Any
) -> ImportReport:
    return ImportService(ctx, parallel=parallel).run(path, actor_id=None, **options)


def _stored(ctx: ServiceContext) -> tuple[list[Any], list[Any], list[Any]]:
    """Leads, events and batches as stored (without the time of the run)."""
    with ctx.store.read() as s:
        leads = [
            {c.key: getattr(lead, c.key) for c in Lead.__table__.columns}
            for lead in s.scalars(select(Lead).order_by(Lead.id))
        ]
        events = [
            tuple(row)
            for row in s.execute(
                select(
                    LeadEvent.lead_id, LeadEvent.action, LeadEvent.to_status, LeadEvent.data
                ).order_by(LeadEvent.id)
            )
        ]
        batches = [
            tuple(row)
            for row in s.execute(
                select(
                    ImportBatch.rows_total,
                    ImportBatch.rows_imported,
                    ImportBatch.rows_duplicate,
                    ImportBatch.rows_skipped,
                    ImportBatch.report,
                ).order_by(ImportBatch.id)
            )
        ]
    return leads, events, batches


@pytest.fixture
def empty_again(
    ctx: ServiceContext, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Any:
    """Make a context on an empty store again, on the backend under test."""

    def make() -> ServiceContext:
        if ctx.store.is_sqlite:
            path = tmp_path / "again.db"
            shutil.copy(sqlite_template, path)
            store = Store.open(f"sqlite:///{path}")
            request.addfinalizer(store.dispose)
            return replace(ctx, store=store)
        ctx.store.dispose()
        state = request.getfixturevalue("_pg_state")  # what the database_url fixture uses
        with state.store.engine.begin() as conn:
            state.truncate(conn)
        return ctx

    return make


@pytest.mark.parametrize(
    ("dry_run", "patience"),
    [(False, 0.0), (False, 60.0), (True, 0.0)],
    ids=["import", "import-all-in-workers", "dry-run"],
)
def test_workers_give_the_report_and_the_leads_checking_here_gives(
    ctx: ServiceContext,
    tmp_path: Path,
    empty_again: Any,
    monkeypatch: pytest.MonkeyPatch,
    dry_run: bool,
    patience: float,
) -> None:
    """Patience 0: the importing process checks a chunk itself whenever the next result
    is not ready; 60 s: it always waits for the workers."""
    monkeypatch.setattr(import_workers, "PATIENCE", patience)
    path = write_csv(tmp_path, _rows())
    add_lead(ctx, email="stored@example.com")
    here = _import(ctx, path, HERE, dry_run=dry_run)
    stored_here = _stored(ctx)

    again = empty_again()
    add_lead(again, email="stored@example.com")
    progress: list[tuple[int, int]] = []
    in_workers = _import(
        again, path, IN_WORKERS, dry_run=dry_run, progress=lambda *p: progress.append(p)
    )

    assert here.imported == 61
    assert in_workers.summary() == here.summary()
    assert in_workers == here
    assert _stored(again) == stored_here
    dones = [done for done, _total in progress]
    assert dones == sorted(dones)
    assert progress[-1] == (66, 66)
    assert len(progress) >= 66 // 7  # after every chunk


def test_a_workbook_is_checked_in_workers_with_its_row_numbers(
    ctx: ServiceContext, tmp_path: Path, empty_again: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook's rows go to the workers as rows (it has no text to cut): the report,
    with the sheet's row numbers, and the leads are those of checking them here."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Leads"
    rows = _rows()
    for row in [*rows[:30], [], *rows[30:]]:  # an empty row 31: numbers shift after it
        sheet.append(row)
    path = tmp_path / "leads.xlsx"
    book.save(path)
    checked_by_pool: list[int] = []

    class Recording(import_workers.CheckPool):
        def check(self, *args: Any, **kwargs: Any) -> Any:
            checked_by_pool.append(1)
            yield from super().check(*args, **kwargs)

    monkeypatch.setattr(imports, "CheckPool", Recording)
    monkeypatch.setattr(import_workers, "PATIENCE", 60.0)  # every chunk in a worker
    add_lead(ctx, email="stored@example.com")
    here = _import(ctx, path, HERE)
    stored_here = _stored(ctx)
    again = empty_again()
    add_lead(again, email="stored@example.com")

    in_workers = _import(again, path, IN_WORKERS)

    assert checked_by_pool == [1]
    assert here.imported == 62  # the ragged row too: its extra cell is kept
    assert in_workers == here
    assert _stored(again) == stored_here
    assert [i.line for i in in_workers.skipped] == [65]  # "cannot be contacted", row 65
    assert "row 65: cannot be contacted" in in_workers.summary()


def test_cancelling_while_workers_check_imports_nothing(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, _rows())

    def progress(done: int, total: int) -> bool:
        return done < 20

    with pytest.raises(SdrdeskError, match=r"^Import cancelled; nothing was imported\.$"):
        _import(ctx, path, IN_WORKERS, progress=progress)
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Lead)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_workers_do_not_run_the_programs_main_module_again(tmp_path: Path) -> None:
    """Spawned workers would import whatever the main script imports (the GUI: Qt and
    SQLAlchemy); they start from a bare main module instead."""
    marker = tmp_path / "main-ran"
    script = tmp_path / "main.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import pathlib
            with pathlib.Path({str(marker)!r}).open("a") as f:
                f.write("x")
            if __name__ == "__main__":
                from datetime import UTC, datetime
                from sdrdesk.domain.import_mapping import build_mapping
                from sdrdesk.services.imports.read import read_csv_file
                from sdrdesk.services.imports.check import CheckSettings
                from sdrdesk.services.imports.workers import CheckPool

                csv = pathlib.Path({str(tmp_path / "leads.csv")!r})
                csv.write_text("Email\\n" + "".join(f"a{{n}}@x.example\\n" for n in range(38)))
                source = read_csv_file(csv)
                mapping = build_mapping(source.header)
                settings = CheckSettings(mapping, "DE", datetime.now(UTC), True, True)
                with CheckPool(2) as pool:
                    checked = list(pool.check(settings, source, chunk_rows=5))
                assert [n for c in checked for n in c.lines] == list(range(2, 40))
            """
        )
    )
    subprocess.run([sys.executable, str(script)], check=True, timeout=120)
    assert marker.read_text() == "x"  # this process only, not the two workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_app_is_killed(tmp_path: Path) -> None:
    """Killed mid-import (SIGKILL here; SIGTERM at logout, a crash), the app leaves no
    worker behind: each ends as soon as its parent has gone."""
    script = tmp_path / "killed.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, signal
            from sdrdesk.services.imports.workers import CheckPool

            pool = CheckPool(2)
            for started in pool._warming:
                started.result(timeout=60)
            print(*pool._executor._processes, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
            """
        )
    )
    printed = tmp_path / "workers.txt"  # a file: the workers do not hold a pipe open
    with printed.open("w") as out:
        done = subprocess.run([sys.executable, str(script)], stdout=out, timeout=120)
    assert done.returncode == -signal.SIGKILL
    workers = [int(pid) for pid in printed.read_text().split()]
    assert len(workers) == 2

    def alive(pid: int) -> bool:  # a zombie has ended: only its exit status is left
        try:
            return not Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def test_a_big_store_is_asked_per_chunk_with_the_same_outcome(
    ctx: ServiceContext, tmp_path: Path, empty_again: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store much bigger than the file is not read whole: each chunk's e-mail keys and
    phones are looked up. Both ways find the same duplicates."""
    path = write_csv(tmp_path, _rows())
    add_lead(ctx, email="stored@example.com")
    add_lead(ctx, email=None, phone="030 1234511")
    whole = _import(ctx, path, IN_WORKERS, dry_run=True)

    monkeypatch.setattr(intake, "PRELOAD_MIN", 0)
    monkeypatch.setattr(intake, "PRELOAD_PER_ROW", 0)
    asked = _import(ctx, path, IN_WORKERS, dry_run=True)

    assert asked == whole
    assert len(whole.duplicate_of) == 2  # the stored e-mail, the stored phone


def test_on_a_single_processor_no_worker_is_started(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    started: list[int] = []
    monkeypatch.setattr(imports, "CheckPool", lambda *a: started.append(1))
    path = write_csv(tmp_path, _rows())
    report = _import(ctx, path, ParallelCheck(min_rows=1, min_bytes=0, chunk_rows=7))
    assert report.imported == 62
    assert started == []


def test_a_file_bigger_than_the_store_gets_its_indexes_built_after_the_last_row(
    ctx: ServiceContext, tmp_path: Path, empty_again: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the leads' indexes are dropped for such an import and made again at the
    end, and the search index is filled once: the leads, their history, the report and
    what a search finds are those of an import that kept them."""
    path = write_csv(tmp_path, _rows())
    add_lead(ctx, email="stored@example.com")
    kept = _import(ctx, path, IN_WORKERS)
    stored_kept = _stored(ctx)

    again = empty_again()
    add_lead(again, email="stored@example.com")
    built: list[bool] = []
    original = bulk.indexes_built_after

    @contextmanager
    def spy(*args: Any, **kwargs: Any) -> Iterator[bool]:
        with original(*args, **kwargs, min_rows=1) as rebuilt:
            built.append(rebuilt)
            yield rebuilt

    monkeypatch.setattr(imports, "indexes_built_after", spy)
    rebuilt = _import(again, path, IN_WORKERS)

    assert built == [again.store.is_sqlite]
    assert rebuilt == kept
    assert _stored(again) == stored_kept
    # Lead 4 and Lead 40 … Lead 49
    assert QueueService(again).count(QueueQuery(text="lead 4")) == 11
