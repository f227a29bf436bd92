"""Checking the rows of a big file in worker processes while this process writes.

Checking a row (phonenumbers above all) costs more than writing it, so for a big file
the rows are checked in chunks by worker processes and handed back in file order; the
importing process writes each chunk while the workers check the next ones.

Workers are spawned, never forked: the GUI process has threads (Qt's, the background
operations'), whose locks a forked child would inherit. A worker imports
``import_check`` (the domain layer, phonenumbers, pycountry) and nothing else: while
the workers start, ``__main__`` is a bare module, so they do not run the app's or a
script's main module again (with the ``sdrdesk`` command that would import Qt and
SQLAlchemy into every worker). Starting one takes about 0.2 s; the pool is started
before the file is read, so that time overlaps with reading it.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.i18n import N_, _
from sdrdesk.services.imports.check import CheckedChunk, CheckSettings, check_chunk, check_text
from sdrdesk.services.imports.csv_file import CsvFile

# Below this many rows checking in this process is faster than starting workers. On the
# shared 2-core test machine (busy with other work): 20,000 rows 1.76 s here against
# 2.21 s with workers, 40,000 rows 3.85 s against 3.75 s, 100,000 rows 9.3 s against 5.3 s.
POOL_MIN_ROWS = 40_000
# A file at least this big (about 40,000 rows of a typical export) starts the workers
# before it is read; a smaller one is read first, then the row count decides.
POOL_MIN_BYTES = 6_000_000
CHUNK_ROWS = 2_000
MAX_WORKERS = 2
# Chunks handed to each worker before their results are taken (a checked chunk of 2,000
# rows holds about half a megabyte): enough that a worker never waits for the writer.
AHEAD = 6
# How long the writer waits for the next result before checking a chunk itself (one
# takes about 0.1 s): a worker about to finish one is not overtaken.
PATIENCE = 0.02

BROKEN = N_(
    "Checking the rows stopped unexpectedly (a worker process ended); nothing was imported."
)


def worker_count() -> int:
    """Workers to start: one per processor, at most ``MAX_WORKERS`` (the writer cannot
    take more), none on a single processor. On two cores two workers and the writer
    (which also checks chunks when it would wait) beat one worker: 5.25-5.62 s against
    5.42-6.90 s for the benchmark's 100,000 rows, in turns on the same machine."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(MAX_WORKERS, cpus) if cpus > 1 else 0


class CheckPool:
    """Worker processes checking chunks of rows, results in order."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, worker_count())
        self.checked_here = 0  # chunks this process checked while the workers were busy
        self._executor = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=follow_parent,
        )
        # Start every worker now (a worker is spawned when a task finds none idle).
        with _bare_main_module():
            self._warming = [self._executor.submit(warm_up) for _ in range(self.workers)]

    def check(
        self, settings: CheckSettings, source: CsvFile, chunk_rows: int = CHUNK_ROWS
    ) -> Iterator[CheckedChunk]:
        """Check the rows of ``source`` in chunks of ``chunk_rows``, yielding the results in
        file order.

        Each chunk of a CSV file goes to a worker as its text, which the worker splits into
        rows again (a workbook's chunk goes as its rows); a few chunks are queued ahead
        per worker, not the whole file. When the next result is not ready soon, this
        process checks the next chunk not yet handed out instead of waiting (kept until
        its turn), so that on two cores neither the writer nor the worker waits for long."""
        total = len(source.rows)
        bounds = [(i, min(i + chunk_rows, total)) for i in range(0, total, chunk_rows)]
        ahead = AHEAD * self.workers
        handed: dict[int, Future[CheckedChunk]] = {}  # chunk → its result from a worker
        here: dict[int, CheckedChunk] = {}  # chunks checked in this process
        unsent = 0  # chunks from here on are neither handed out nor checked yet

        def task(n: int) -> tuple[Callable[..., CheckedChunk], tuple[Any, ...]]:
            start, stop = bounds[n]
            if not source.has_text:  # a workbook's rows: sent as they are
                return check_chunk, (settings, source.rows[start:stop])
            lines_before, chunk_text = source.text_of(start, stop)
            return check_text, (settings, source.delimiter, lines_before, chunk_text)

        try:
            for n, (start, stop) in enumerate(bounds):
                while unsent < len(bounds) and len(handed) < ahead:
                    work, args = task(unsent)
                    handed[unsent] = self._executor.submit(work, *args)
                    unsent += 1
                if n in here:
                    checked = here.pop(n)
                else:
                    result = handed.pop(n)
                    while unsent < len(bounds) and not wait([result], PATIENCE).done:
                        work, args = task(unsent)
                        here[unsent] = work(*args)
                        unsent += 1
                        self.checked_here += 1
                    checked = result.result()
                if checked.rows != stop - start:  # split differently: never import that
                    raise RuntimeError(
                        _("checked {rows} rows, not {value}").format(
                            rows=checked.rows, value=stop - start
                        )
                    )
                yield checked
        except BrokenProcessPool as exc:
            raise SdrdeskError(_(BROKEN)) from exc

    def close(self) -> None:
        """Stop: queued chunks are dropped, a chunk being checked is finished (a few
        hundredths of a second) and thrown away; returns at once."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> CheckPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def follow_parent() -> None:
    """A worker ends when the importing process does, however it ended.

    A pool's workers read their tasks from a queue whose both ends they hold, so they
    never see the end of it: killed (SIGTERM at logout, SIGKILL, a crash), the app would
    leave them waiting forever. A daemon thread waits on the parent's sentinel, which the
    system closes when the parent goes, and ends the worker then."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="sdrdesk-parent-watch", daemon=True).start()


def warm_up() -> None:
    """A worker's first task: load what checking needs (phonenumbers' metadata, the
    country names) while the importing process reads the file. The objects a worker
    makes live for one chunk, so cyclic garbage collection only costs time."""
    from sdrdesk.domain import countries, phones

    gc.disable()
    phones.parse_phone("+49 30 1234567", "DE")
    countries.normalize_country("Deutschland")


@contextmanager
def _bare_main_module() -> Iterator[None]:
    """While workers are spawned, ``__main__`` is an empty module, so they do not run
    the parent's main script again (its imports are all they would get from it: the
    tasks they run live in ``import_check``)."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main
