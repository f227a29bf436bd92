"""How fast the CSV import is, against a bare baseline measured in the same run.

Generates a CSV of 100,000 leads (DE/US/GB/FR/AT/CH, phones typed every way people type
them, some duplicates and bad rows), then times, in turns, best of ``--rounds``:

* the baseline as issue 2 words it: the file read with ``csv``, each phone parsed with
  ``phonenumbers.parse`` + ``format_number(E164)``, the rows inserted into a bare table
  with ``sqlite3.executemany``;
* the same baseline inserting into sdrdesk's real ``leads`` table (created by the
  migration: its indexes, unique e-mail key and CHECK constraints; ``INSERT OR
  IGNORE`` for the file's duplicate e-mails), to show what the schema itself costs;
* sdrdesk's write alone: the rows checked beforehand (not timed), then only inserted as
  the import inserts them (leads, hand-off events, search index entries; the indexes
  built after the last row, as for a file bigger than the store) and committed: the
  part of an import that one SQLite writer does and no worker can share;
* sdrdesk: ``ImportService.run`` on a freshly migrated SQLite store (every row checked,
  deduplicated, inserted with its hand-off event and search index entry, one
  transaction), with the worker processes it starts for a file this big.

Targets (issue 2): at least 10,000 rows/s end to end, and at most 1.5 × the bare
baseline's time. Exits 1 if a target is missed. Everything runs in one process, so
once sdrdesk has switched on phonenumbers' pattern cache the baselines use it too.

    .venv/bin/python benchmarks/import_bench.py [--rows 100000] [--rounds 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import json
import multiprocessing
import os
import pstats
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import phonenumbers

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.import_data import COUNTRY_NAMES, HEADER, generate
from sdrdesk.db import tables
from sdrdesk.db.bulk import cache_for_rows, indexes_built_after
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import upgrade
from sdrdesk.domain.import_mapping import build_mapping
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.imports import ImportReport, ImportService
from sdrdesk.services.imports.check import CheckSettings, check_chunk
from sdrdesk.services.imports.read import read_csv_file
from sdrdesk.services.imports.workers import CHUNK_ROWS, POOL_MIN_ROWS, worker_count
from sdrdesk.services.leads.intake import import_event_data, index_new_leads, insert_lead_values

MIN_ROWS_PER_SECOND = 10_000
MAX_RATIO = 1.5


def _baseline_rows(path: Path) -> list[tuple[object, ...]]:
    regions = {name: code for code, names in COUNTRY_NAMES.items() for name in names}
    rows: list[tuple[object, ...]] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for r in reader:
            if len(r) != len(HEADER):
                continue
            e164 = None
            try:
                number = phonenumbers.parse(r[4], regions.get(r[7], "DE"))
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            except phonenumbers.NumberParseException:
                pass
            extra = json.dumps({"Website": r[12], "Notes": r[13]})
            key = r[3].lower() or None
            rows.append((r[0], r[1], r[2], r[3], key, r[4], e164, r[5], r[6], r[7], r[8],
                         r[9], r[10], r[11], extra))  # fmt: skip
    return rows


COLUMNS = (
    "external_id, first_name, last_name, email, email_key, phone_raw, phone_e164, company,"
    " title, country, source, campaign, score, handed_off_at, extra"
)


def baseline(path: Path, db_path: Path) -> int:
    """The bare minimum an import has to do, with nothing else (issue 2's baseline)."""
    rows = _baseline_rows(path)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TABLE leads (id INTEGER PRIMARY KEY, external_id TEXT, first_name TEXT,"
        " last_name TEXT, email TEXT, email_key TEXT, phone_raw TEXT, phone_e164 TEXT,"
        " company TEXT, title TEXT, country TEXT, source TEXT, campaign TEXT, score TEXT,"
        " handed_off_at TEXT, extra TEXT)"
    )
    conn.executemany(
        f"INSERT INTO leads ({COLUMNS}) VALUES ({', '.join('?' * 15)})",
        rows,
    )
    conn.commit()
    conn.close()
    return len(rows)


def baseline_into_schema(path: Path, db_path: Path) -> int:
    """The same, inserting into sdrdesk's migrated ``leads`` table (the columns it requires
    get constants; the migration runs before the clock starts)."""
    rows = _baseline_rows(path)
    conn = sqlite3.connect(db_path)
    conn.executemany(
        f"INSERT OR IGNORE INTO leads ({COLUMNS}, email_valid, phone_quality, status,"
        " do_not_call, attempt_count, created_at, updated_at, version) VALUES"
        f" ({', '.join('?' * 15)}, 1, 'valid', 'mql', 0, 0, '2026-03-31 12:00:00.000000',"
        " '2026-03-31 12:00:00.000000', 1)",
        rows,
    )
    conn.commit()
    conn.close()
    return len(rows)


def checked_rows(path: Path) -> tuple[list[tuple[object, ...]], list[int]]:
    """Every importable row of the file checked as the import checks it (not timed), the
    file's repeated e-mail addresses dropped: the values and lines the write gets."""
    source = read_csv_file(path)
    settings = CheckSettings(
        mapping=build_mapping(source.header, None),
        region="DE",
        now=datetime.now(UTC),
        dayfirst=True,
        sqlite=True,
    )
    chunk = check_chunk(settings, [(row.line, row.values) for row in source.rows])
    seen: set[str] = set()
    values, lines = [], []
    for line, key, row in zip(chunk.lines, chunk.email_keys, chunk.values, strict=True):
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        values.append(row)
        lines.append(line)
    return values, lines


def write_only(values: list[tuple[object, ...]], lines: list[int], db_path: Path) -> int:
    """Only the database work of an import: the checked leads inserted, in chunks, as
    the import inserts them (with their hand-off events and search index entries) into
    a freshly migrated store, in one transaction. No reading, checking or matching."""
    store = Store.open(f"sqlite:///{migrated(db_path)}")
    with (
        store.write() as s,
        cache_for_rows(s, len(values)),
        indexes_built_after(s, tables.leads, len(values)),
    ):
        ids: list[int] = []
        for start in range(0, len(values), CHUNK_ROWS):
            ids += insert_lead_values(
                s,
                values[start : start + CHUNK_ROWS],
                actor_id=None,
                event_data=import_event_data(0, lines[start : start + CHUNK_ROWS], encoded=True),
                encoded=True,
                index_search=False,
            )
        index_new_leads(s, ids)
    store.dispose()
    return len(values)


def migrated(db_path: Path) -> Path:
    store = Store.open(f"sqlite:///{db_path}")
    upgrade(store.engine, backup=False)
    store.dispose()
    return db_path


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # this process's CPU time
    worker_cpu: float = 0.0  # the import's worker processes' CPU time


def sdrdesk_import(path: Path, db_path: Path, profile: bool = False) -> tuple[ImportReport, Run]:
    store = Store.open(f"sqlite:///{migrated(db_path)}")
    ctx = ServiceContext(store=store, rules=Rules(default_region="DE"))
    service = ImportService(ctx)
    profiler = cProfile.Profile() if profile else None
    gc.collect()
    children = _children_cpu()
    cpu = time.process_time()
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    report = service.run(path, actor_id=None)
    run = Run(time.perf_counter() - start, time.process_time() - cpu)
    if profiler is not None:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    while multiprocessing.active_children():  # the workers end right after the import
        time.sleep(0.01)
    run.worker_cpu = _children_cpu() - children
    store.dispose()
    return report, run


def _children_cpu() -> float:
    if resource is None:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(work: Callable[[], int]) -> tuple[Run, int]:
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    result = work()
    return Run(time.perf_counter() - start, time.process_time() - cpu), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many turns")
    parser.add_argument(
        "--profile", action="store_true", help="profile the importing process's last turn"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sdrdesk-bench-") as tmp:
        work = Path(tmp)
        csv_path = work / "leads.csv"
        generate(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6

        # Warm every path once (imports, phonenumbers metadata) on a small file.
        warm = work / "warm.csv"
        generate(warm, 500, seed=1)
        baseline(warm, work / "warm-bare.db")
        baseline_into_schema(warm, migrated(work / "warm-schema.db"))
        sdrdesk_import(warm, work / "warm-sdrdesk.db")

        values, lines = checked_rows(csv_path)
        write_only(values[:500], lines[:500], work / "warm-write.db")

        bare: list[Run] = []
        schema: list[Run] = []
        writes: list[Run] = []
        ours: list[Run] = []
        base_rows = 0
        report: ImportReport | None = None
        for n in range(args.rounds):
            run, base_rows = timed(partial(baseline, csv_path, work / f"bare{n}.db"))
            bare.append(run)
            schema_db = migrated(work / f"schema{n}.db")
            schema.append(timed(partial(baseline_into_schema, csv_path, schema_db))[0])
            writes.append(timed(partial(write_only, values, lines, work / f"write{n}.db"))[0])
            profile = args.profile and n == args.rounds - 1
            report, run = sdrdesk_import(csv_path, work / f"sdrdesk{n}.db", profile)
            ours.append(run)
            for name in (f"bare{n}.db", f"schema{n}.db", f"write{n}.db", f"sdrdesk{n}.db"):
                (work / name).unlink()  # keep the temporary directory small

    assert report is not None
    best = partial(min, key=lambda run: run.seconds)
    bare_run, schema_run, our_run = best(bare), best(schema), best(ours)
    write_s = best(writes).seconds
    bare_s, schema_s, ours_s = bare_run.seconds, schema_run.seconds, our_run.seconds
    rate = report.rows_total / ours_s
    ratio, schema_ratio = ours_s / bare_s, ours_s / schema_s
    workers = worker_count() if report.rows_total >= POOL_MIN_ROWS else 0
    cores = os.cpu_count() or 1
    print(
        f"{args.rows:,} rows ({size_mb:.1f} MB), SQLite {sqlite3.sqlite_version}, "
        f"{cores} cores, best of {args.rounds}"
    )
    print(f"baseline, bare table:      {bare_s:6.2f} s  {base_rows / bare_s:8,.0f} rows/s")
    print(f"baseline, sdrdesk schema:  {schema_s:6.2f} s  {base_rows / schema_s:8,.0f} rows/s")
    print(
        f"sdrdesk's write alone:     {write_s:6.2f} s  ({len(values):,} checked leads inserted "
        f"with events and search entries: {write_s / bare_s:.2f} × the bare baseline by itself)"
    )
    print(
        f"sdrdesk import:            {ours_s:6.2f} s  {rate:8,.0f} rows/s  ({report.imported:,} "
        f"imported, {len(report.duplicates):,} duplicates, {len(report.skipped):,} skipped; "
        f"{workers} worker process{'' if workers == 1 else 'es'})"
    )
    print(
        f"CPU time: bare baseline {bare_run.cpu:.2f} s; sdrdesk {our_run.cpu:.2f} s importing "
        f"+ {our_run.worker_cpu:.2f} s in workers"
    )
    print(
        f"ratio: {ratio:.2f} × bare baseline (target ≤ {MAX_RATIO}), "
        f"{schema_ratio:.2f} × schema baseline"
    )
    failed = []
    if rate < MIN_ROWS_PER_SECOND:
        failed.append(f"{rate:,.0f} rows/s is below {MIN_ROWS_PER_SECOND:,}")
    if ratio > MAX_RATIO:
        failed.append(f"{ratio:.2f} × the bare baseline is above {MAX_RATIO}")
    for message in failed:
        print("MISSED:", message)
    if not failed:
        print("both targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
