"""What keeping the reports' read model costs an accept, on a big store (issue 24, item 4).

Accepts ``--count`` new leads of a report bench store (benchmarks/reports_bench.py,
1,000,000 leads) through ``TriageService.accept``, one transaction each, in three
ways on different leads: with nothing kept ("off": the read model's refresh
switched off), with ``lead_facts`` only, and with ``lead_facts`` and the hourly rollups
(as the product runs). Prints the median and 95th percentile per accept transaction.
The leads of the first two ways are refreshed afterwards, so the store stays right.
Target (issue 3): accept → next lead < 50 ms at 1M leads.

    .venv/bin/python benchmarks/accept_bench.py --url sqlite:////tmp/x/sqlite1m.db
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import report_data
from sdrdesk.db import readmodel, rollups
from sdrdesk.db.engine import Store
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.triage import TriageService


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=60, help="accepts per way")
    args = parser.parse_args(argv)
    store = Store.open(args.url)
    ctx = ServiceContext(store, Rules(), clock=lambda: report_data.END)
    with store.engine.connect() as conn:
        leads = list(
            conn.execute(
                text("SELECT id FROM leads WHERE status = 'mql' ORDER BY id DESC LIMIT :n"),
                {"n": 3 * args.count},
            ).scalars()
        )
    if len(leads) < 3 * args.count:
        raise SystemExit(f"only {len(leads)} new leads to accept")
    real_facts, real_rollups = readmodel.refresh, rollups.refresh

    def no_refresh(conn: object, ids: object) -> None:
        return None

    ways = ["off", "lead_facts + rollups"]
    if store.dialect != "postgresql":  # one statement refreshes both there
        ways.insert(1, "lead_facts")
    triage = TriageService(ctx)
    results: dict[str, list[float]] = {way: [] for way in ways}
    skipped: list[int] = []
    # The ways take turns, lead by lead, so the machine's moods hit them alike.
    for n in range(args.count):
        for k, way in enumerate(ways):
            lead = leads[n * len(ways) + k]
            if way == "off":
                readmodel.refresh = no_refresh  # type: ignore[assignment]
            elif way == "lead_facts":
                rollups.refresh = no_refresh  # type: ignore[assignment]
            start = time.perf_counter()
            triage.accept(lead, actor_id=1 + lead % report_data.SDRS)
            results[way].append((time.perf_counter() - start) * 1000)
            readmodel.refresh, rollups.refresh = real_facts, real_rollups
            if way != "lead_facts + rollups":
                skipped.append(lead)
    with store.engine.execution_options(sdrdesk_write=True).begin() as conn:
        readmodel.refresh(conn, skipped)  # the store stays right
    for way, times in results.items():
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"[{store.dialect}] accept, {way:22}: median {statistics.median(times):6.1f} ms,"
            f" p95 {p95:6.1f} ms ({len(times)} accepts)"
        )
    store.dispose()
    worst = max(statistics.median(times) for times in results.values())
    return 1 if worst >= 50 else 0


if __name__ == "__main__":
    sys.exit(main())
