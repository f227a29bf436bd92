"""How fast every report is over 1,000,000 leads and their events, on SQLite and
PostgreSQL, against a raw baseline measured in the same run.

For each backend: a fresh store (migrated by sdrdesk), a year of history loaded in bulk
(benchmarks/report_data.py), then for each report

* ``query``: the ``ReportService`` call (SQL, rows to dataclasses), best of 3;
* ``render``: the reports window showing that report from the click to the chart and
  table on screen (off-screen Qt), including the query on the worker thread;
* the baseline: ``SELECT action, count(*) FROM lead_events GROUP BY action`` through the
  bare DB driver (one plain pass over the history).

Each report is timed for the whole year (every lead), the last 90 and the last 30 days
(the window opens on the last 30 days).
Targets (issue 24): every report renders in under 1 s for the year and the last 90
days, and in under 0.3 s for the last 30 days. Exits 1 if one does not. Every figure is
also given as a ratio to the baseline of the same run.

    .venv/bin/python benchmarks/reports_bench.py [--leads 1000000] [--backend sqlite]
        [--postgres-admin-url postgresql://postgres@/postgres]

PostgreSQL: a throwaway database ``sdrdesk_reports_bench`` is created (and dropped
afterwards) through ``--postgres-admin-url`` (a role allowed to CREATE DATABASE), or
``--postgres-url`` names a database to use as it is (filled if it has no leads, reused
otherwise). ``--sqlite-file`` does the same for SQLite, so a second run skips the
minutes it takes to generate a million leads.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import report_data
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import upgrade
from sdrdesk.domain.errors import StoreUnavailableError
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.reports import (
    Breakdown,
    ReportFilter,
    ReportService,
    period_from_dates,
)

TARGETS = {"year": 1.0, "90 days": 1.0, "30 days": 0.3}  # seconds, per period
BENCH_DB = "sdrdesk_reports_bench"
NOW = report_data.END


def reports(service: ReportService) -> dict[str, Callable[[ReportFilter], Any]]:
    return {
        "rejections by reason": service.rejections_by_reason,
        "rejections by campaign": service.rejections_by_campaign,
        "rejections by week": service.rejections_by_week,
        "funnel (team)": lambda f: service.funnel(f),
        "funnel per SDR": lambda f: service.funnel(f, Breakdown.SDR),
        "funnel per source": lambda f: service.funnel(f, Breakdown.SOURCE),
        "speed to lead (team)": lambda f: service.speed_to_lead(f),
        "speed to lead per source": lambda f: service.speed_to_lead(f, Breakdown.SOURCE),
        "call outcomes": service.call_outcomes,
        "grades": service.grades,
    }


def periods() -> dict[str, ReportFilter]:
    today = NOW.date()
    return {
        "year": period_from_dates(today - timedelta(days=366), today, zone=UTC),
        "90 days": period_from_dates(today - timedelta(days=89), today, zone=UTC),
        "30 days": period_from_dates(today - timedelta(days=29), today, zone=UTC),
    }


def best_of(fn: Callable[[], Any], runs: int = 3) -> float:
    times: list[float] = []
    retries = 3
    while len(times) < runs:
        start = time.perf_counter()
        try:
            fn()
        except StoreUnavailableError as exc:
            # A shared test server may have its connections ended by someone else.
            retries -= 1
            if retries < 0:
                raise
            print(f"  (retrying: {exc})", flush=True)
            continue
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(url: str) -> float:
    """One plain grouped pass over the history through the bare driver."""
    sql = "SELECT action, count(*) FROM lead_events GROUP BY action"
    if url.startswith("sqlite"):
        import sqlite3

        path = url.removeprefix("sqlite:///")

        def run() -> None:
            with sqlite3.connect(path) as conn:
                conn.execute(sql).fetchall()

        return best_of(run)
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")

    def run_pg() -> None:
        with psycopg.connect(plain) as conn:
            conn.execute(sql).fetchall()

    return best_of(run_pg)


@dataclass
class Line:
    backend: str
    period: str
    report: str
    query: float
    render: float | None
    base: float

    @property
    def worst(self) -> float:
        return max(self.query, self.render or 0)

    @property
    def missed(self) -> bool:
        return self.worst >= TARGETS[self.period]


def measure(
    backend: str,
    url: str,
    leads: int,
    render: bool,
    only: list[str] | None = None,
    period_names: list[str] | None = None,
) -> list[Line]:
    store = Store.open(url)
    start = time.perf_counter()
    migration = upgrade(store.engine)
    if migration.changed:
        print(
            f"[{backend}] migrated to {migration.to_revision} in "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )
    with store.engine.connect() as conn:
        present = conn.execute(text("SELECT count(*) FROM leads")).scalar() or 0
    if present:
        print(f"[{backend}] reusing the {present:,} leads already in the store", flush=True)
    else:
        start = time.perf_counter()
        made = report_data.load(store.engine, leads)
        print(
            f"[{backend}] loaded {made.leads:,} leads and {made.events:,} events"
            f" in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
    ctx = ServiceContext(store, Rules(speed_to_lead_minutes=60), clock=lambda: NOW)
    service = ReportService(ctx)
    base = baseline(url)
    print(f"[{backend}] baseline (count events per action, bare driver): {base:.2f} s", flush=True)
    lines: list[Line] = []
    renderer = _renderer(ctx) if render else None
    for period_name, f in periods().items():
        if period_names and period_name not in period_names:
            continue
        for name, fn in reports(service).items():
            if only and not any(word in name for word in only):
                continue
            query = best_of(functools.partial(fn, f))
            shown = renderer(name, f) if renderer else None
            lines.append(Line(backend, period_name, name, query, shown, base))
            print(
                f"[{backend}] {period_name:8} {name:26} query {query:5.2f} s"
                f" ({query / base:4.2f} × baseline)"
                + (f"  render {shown:5.2f} s ({shown / base:4.2f} × baseline)" if shown else ""),
                flush=True,
            )
    store.dispose()
    return lines


def _renderer(ctx: ServiceContext) -> Callable[[str, ReportFilter], float]:
    from benchmarks.reports_render import Renderer

    return Renderer(ctx)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgres-admin-url", default=os.environ.get("SDRDESK_BENCH_PG_ADMIN"))
    parser.add_argument("--postgres-url", default=os.environ.get("SDRDESK_BENCH_PG_URL"))
    parser.add_argument("--no-render", action="store_true", help="time the queries only")
    parser.add_argument("--only", nargs="+", help="the reports whose names contain these")
    parser.add_argument("--periods", nargs="+", choices=list(TARGETS), help="these periods only")
    parser.add_argument(
        "--sqlite-file",
        type=Path,
        help="keep the SQLite store in this file (reused, not refilled, on the next run)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    render = not args.no_render
    pick = {"only": args.only, "period_names": args.periods}
    lines: list[Line] = []
    if args.backend in ("sqlite", "both"):
        if args.sqlite_file:
            lines += measure("sqlite", f"sqlite:///{args.sqlite_file}", args.leads, render, **pick)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'bench.db'}"
                lines += measure("sqlite", url, args.leads, render, **pick)
    if args.backend in ("postgresql", "both"):
        url, admin = _postgres(args)
        try:
            lines += measure("postgresql", url, args.leads, render, **pick)
        finally:
            if admin is not None:
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
                admin.dispose()
    slow = [x for x in lines if x.missed]
    worst = max(lines, key=lambda x: x.worst / TARGETS[x.period])
    print(
        f"\nslowest: [{worst.backend}] {worst.period} {worst.report}: query {worst.query:.2f} s"
        + (f", render {worst.render:.2f} s" if worst.render is not None else "")
        + f" ({worst.worst / worst.base:.2f} × baseline)"
        + f"; median query {statistics.median(x.query for x in lines):.2f} s"
    )
    for x in slow:
        print(
            f"MISSED {TARGETS[x.period]} s: [{x.backend}] {x.period} {x.report}"
            f" ({x.worst:.2f} s, {x.worst / x.base:.2f} × baseline)"
        )
    return 1 if slow else 0


def _postgres(args: argparse.Namespace) -> tuple[str, Any]:
    if args.postgres_url:
        return args.postgres_url, None
    if not args.postgres_admin_url:
        raise SystemExit("PostgreSQL needs --postgres-admin-url or --postgres-url")
    admin = create_engine(args.postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {BENCH_DB}"))
    url = admin.url.set(database=BENCH_DB).render_as_string(hide_password=False)
    return url, admin


if __name__ == "__main__":
    sys.exit(main())
